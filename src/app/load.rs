//! Reading a policy directory: every version's `.rules` files, parsed
//! (`syntax`) and checked (`check`) into the [`Policies`] a command scores
//! with. A directory holds one version (its own `.rules` files) or one
//! subdirectory per version.
//!
//! A version that does not load is kept aside as [`Broken`], with its
//! errors and, when the files that declare it parse, its effective date. A
//! command that scores a period needs only the version in force for it
//! ([`Loaded::in_force`]): a broken draft of next year's rubric is then a
//! warning, not a refusal. `kaohe check` and `kaohe test` need every version
//! ([`Loaded::strict`]).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::{problems, Error, Fault, Needed, Problem};
use crate::check;
use crate::policy::{Policies, Policy, Version, VersionError};
use crate::source::{walk, ReadError, SourceFile};
use crate::syntax;

/// A policy directory, read.
pub struct Loaded {
    /// The directory as given.
    pub dir: PathBuf,
    /// The versions that loaded, oldest first.
    pub policies: Policies,
    /// The versions that did not.
    pub broken: Vec<Broken>,
    /// Every file under the directory that a command reads or may read:
    /// each version's `.rules` files (broken ones too), the `source` document
    /// each names, its test cases. `--out` may name none of them.
    pub inputs: Vec<PathBuf>,
}

/// A version that did not load.
pub struct Broken {
    pub dir: PathBuf,
    /// Its effective date, when the file declaring it parses.
    pub effective: Option<NaiveDate>,
    pub error: Error,
}

impl Broken {
    /// `policies/luoshan/2027 (effective 2027-01-01)`
    pub fn describe(&self) -> String {
        match self.effective {
            Some(date) => format!("{} (effective {date})", self.dir.display()),
            None => self.dir.display().to_string(),
        }
    }
}

/// Read every version under `dir`. Fails only when the directory itself
/// cannot be read or holds no policy, or when the versions that load
/// contradict each other (two on one date, one without a date).
pub fn read(dir: &Path) -> Result<Loaded, Error> {
    read_with(dir, false).map(|(loaded, _)| loaded)
}

/// [`read`], and the lints' warnings about every version that loaded.
pub fn read_with_warnings(dir: &Path) -> Result<(Loaded, Vec<Problem>), Error> {
    read_with(dir, true)
}

impl Loaded {
    /// The version in force on `date` (the start of `period`). It is an
    /// error when that would be a version that did not load, or one whose
    /// date could not be read (it might be the one in force).
    /// The broken version's own diagnostics go with the first such error.
    pub fn in_force(&mut self, date: NaiveDate, period: &str) -> Result<&Version, Error> {
        if let Some(broken) = self.shadowing(date).and_then(|b| self.broken.get_mut(b)) {
            return Err(Error::version_in_force_rejected(broken, Needed::InForce { period: period.to_string() }));
        }
        self.policies
            .in_force(date)
            .ok_or_else(|| Error::one(Fault::Policy, self.policies.none_in_force(&self.dir, date, period.to_string())))
    }

    /// The version [`Loaded::in_force`] gives for `date` when it gives one,
    /// without making the error when it does not.
    pub fn usable_in_force(&self, date: NaiveDate) -> Option<&Version> {
        self.shadowing(date).is_none().then(|| self.policies.in_force(date)).flatten()
    }

    /// The broken version that might be the one in force on `date`, rather
    /// than the loaded one: it has no date, or a date after that one's.
    fn shadowing(&self, date: NaiveDate) -> Option<usize> {
        let good_date = self.policies.in_force(date).and_then(|v| v.policy.effective);
        self.broken.iter().position(|b| match b.effective {
            None => true,
            Some(effective) => effective <= date && good_date.is_none_or(|g| g < effective),
        })
    }

    /// The newest version, which must have loaded, as must any newer one.
    pub fn newest(&mut self) -> Result<&Version, Error> {
        let newest = self.newest_date();
        match self.broken.iter_mut().find(|b| b.effective.is_none_or(|d| newest.is_none_or(|n| n < d))) {
            Some(broken) => Err(Error::version_in_force_rejected(broken, Needed::Newest)),
            None => self.policies.latest().ok_or_else(|| Error::new(Fault::Policy, Vec::new())),
        }
    }

    fn newest_date(&self) -> Option<NaiveDate> {
        self.policies.latest().and_then(|v| v.policy.effective)
    }

    /// Every version, each of which must have loaded.
    pub fn strict(self) -> Result<Policies, Error> {
        let mut broken = self.broken.into_iter();
        match broken.next() {
            None => Ok(self.policies),
            Some(first) => {
                let mut error = first.error;
                for other in broken {
                    error.join(other.error);
                }
                Err(error)
            }
        }
    }

    /// A warning for each version that did not load, for a command that did
    /// not need it.
    pub fn warnings(&self) -> Vec<Problem> {
        self.broken.iter().map(|b| Error::version_skipped(b, &self.dir)).collect()
    }

    /// [`Loaded::inputs`] as paths.
    pub fn input_paths(&self) -> Vec<&Path> {
        self.inputs.iter().map(PathBuf::as_path).collect()
    }
}

/// The newest version under `dir`, which must have loaded (for tests and
/// tools that want one policy).
pub fn load_newest(dir: &Path) -> Result<Policy, Vec<Problem>> {
    let mut loaded = read(dir).map_err(|e| e.problems)?;
    let newest = loaded.newest().map_err(|e| e.problems)?;
    Ok(newest.policy.clone())
}

/// The checked policy of one directory and, with `lint`, the warnings of
/// [`check::lint`] about it; on failure its effective date when known. The
/// files read, and the `source` document named, are added to `inputs`.
fn load_checked(
    dir: &Path,
    lint: bool,
    inputs: &mut Vec<PathBuf>,
) -> Result<(Policy, Vec<Problem>), (Option<NaiveDate>, Error)> {
    let paths = walk::files(dir, "rules").map_err(|errs| (None, read_error(errs)))?;
    inputs.extend(paths.iter().cloned());
    if let Ok(cases) = walk::files(&dir.join("tests"), "json") {
        inputs.extend(cases);
    }
    if paths.is_empty() {
        return Err((None, read_error(vec![ReadError::NoRules { path: dir.display().to_string() }])));
    }
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    let mut unreadable = Vec::new();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(file) => match syntax::parse_file(&file) {
                Ok(ast) => parsed.push((file, ast)),
                Err(err) => errors.push(Problem::Syntax(err)),
            },
            Err(err) => unreadable.push(err),
        }
    }
    let effective = effective_date(&parsed);
    inputs.extend(source_document(&parsed, dir));
    if !unreadable.is_empty() {
        let mut error = read_error(unreadable);
        error.join(Error::new(Fault::Policy, errors));
        return Err((effective, error));
    }
    if !errors.is_empty() {
        return Err((effective, Error::new(Fault::Policy, errors)));
    }
    let policy = check::check(&parsed).map_err(|errs| (effective, Error::new(Fault::Policy, problems(errs))))?;
    let warnings = if lint { problems(check::lint(&parsed, &policy, dir)) } else { Vec::new() };
    Ok((policy, warnings))
}

/// A file that could not be read is the file system's fault (exit 1); one
/// that is not text, or a directory without rules, the policy's (exit 3).
fn read_error(errors: Vec<ReadError>) -> Error {
    let fault = if errors.iter().all(|e| {
        matches!(
            e,
            ReadError::Io { .. }
                | ReadError::IsDirectory { .. }
                | ReadError::NotRegular { .. }
                | ReadError::TooLarge { .. }
        )
    }) {
        Fault::Io
    } else if errors.iter().all(|e| matches!(e, ReadError::NotADirectory { .. })) {
        Fault::Usage
    } else {
        Fault::Policy
    };
    Error::new(fault, problems(errors))
}

/// The `effective` date the parsed files declare.
fn effective_date(parsed: &[(SourceFile, syntax::ast::File)]) -> Option<NaiveDate> {
    parsed.iter().flat_map(|(_, file)| &file.items).find_map(|item| match item {
        syntax::ast::Item::Policy(decl) => decl.effective.as_ref().map(|d| d.value),
        _ => None,
    })
}

/// The document a `source "…"` line names, relative to the version's directory.
fn source_document(parsed: &[(SourceFile, syntax::ast::File)], dir: &Path) -> Option<PathBuf> {
    parsed.iter().flat_map(|(_, file)| &file.items).find_map(|item| match item {
        syntax::ast::Item::Source(path) => Some(dir.join(&path.value)),
        _ => None,
    })
}

fn read_with(dir: &Path, lint: bool) -> Result<(Loaded, Vec<Problem>), Error> {
    let mut inputs = Vec::new();
    let has_rules = match walk::files(dir, "rules") {
        Ok(files) => !files.is_empty(),
        // Not a directory, or not readable: reading it as one version says so.
        Err(_) => true,
    };
    let subdirs =
        if has_rules { Vec::new() } else { walk::subdirs_with(dir, "rules").map_err(|e| read_error(vec![e]))? };
    if subdirs.is_empty() {
        // One version: the directory itself (or the error that it holds no rules).
        let (policy, warnings) = load_checked(dir, lint, &mut inputs).map_err(|(_, err)| err)?;
        let policies = Policies { versions: vec![Version { dir: dir.to_path_buf(), policy }] };
        return Ok((Loaded { dir: dir.to_path_buf(), policies, broken: Vec::new(), inputs }, warnings));
    }
    let mut versions = Vec::new();
    let mut broken = Vec::new();
    let mut warnings = Vec::new();
    for sub in subdirs {
        match load_checked(&sub, lint, &mut inputs) {
            Ok((policy, found)) => {
                versions.push(Version { dir: sub, policy });
                warnings.extend(found);
            }
            Err((effective, error)) => broken.push(Broken { dir: sub, effective, error }),
        }
    }
    let mut errors = Vec::new();
    for version in &versions {
        if version.policy.effective.is_none() {
            errors.push(Problem::Version(VersionError::NoDate {
                dir: dir.display().to_string(),
                version: version.dir.display().to_string(),
            }));
        }
    }
    versions.sort_by_key(|v| v.policy.effective);
    for pair in versions.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].policy.effective, pair[1].policy.effective) {
            if a == b {
                errors.push(Problem::Version(VersionError::SameDate {
                    first: pair[0].dir.display().to_string(),
                    second: pair[1].dir.display().to_string(),
                    date: a,
                }));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::new(Fault::Policy, errors));
    }
    inputs.sort();
    inputs.dedup();
    Ok((Loaded { dir: dir.to_path_buf(), policies: Policies { versions }, broken, inputs }, warnings))
}
