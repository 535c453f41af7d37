//! Score a period: read its facts, pick the policy version in force for it,
//! load the records against that version and score them. `eval`, `explain`,
//! `annual` and `diff` all start here.

use std::path::Path;

use super::error::{problems, Error, Fault};
use super::load::Loaded;
use crate::eval::{Results, Standings};
use crate::facts::sheet::{SheetError, Summary};
use crate::facts::Parsed;
use crate::facts::Period;
use crate::facts::Quarter;
use crate::policy::{Policy, Version};
use crate::render::Note;
use crate::source::SourceFile;

/// A period scored against the policy version in force for it: every
/// record with its trace ([`Results`]), or graded on totals alone
/// ([`Standings`], for JSON written record by record).
pub struct Scored<R = Results> {
    pub version: Version,
    pub quarter: Quarter,
    pub results: R,
}

/// How a period's records are scored: [`crate::eval::evaluate`] or [`crate::eval::standings`].
type Scoring<R> = fn(&Policy, &Quarter) -> R;

impl<R> Scored<R> {
    /// What was scored, by which version: for stderr.
    pub fn summary(&self) -> Note {
        Note::Scored {
            period: self.quarter.period,
            staff: self.quarter.staff.len(),
            windows: self.quarter.windows.len(),
            by: (&self.version).into(),
        }
    }
}

/// Every version of the policy in `dir` (see [`super::load`]).
pub fn load(dir: &Path) -> Result<Loaded, Error> {
    super::load::read(dir)
}

/// A facts file's text.
pub fn read_facts(path: &Path) -> Result<SourceFile, Error> {
    SourceFile::read(path).map_err(|err| {
        // A file that is there but is not text is bad facts; one that cannot be read is not.
        let fault = if err.is_not_text() { Fault::Facts } else { Fault::Io };
        Error::one(fault, err)
    })
}

/// Score one quarter's facts file with the version of the policy in force
/// for its period, letting the file's text go once its records are read:
/// they own what scoring needs, and a large quarter's text is as large
/// again as its records. A year's file is refused (`kaohe annual` rolls a
/// year up from its quarters), and so is a month's.
pub(super) fn score_owned(policies: &mut Loaded, file: SourceFile) -> Result<Scored, Error> {
    score_owned_with(policies, file, crate::eval::evaluate)
}

/// [`score_owned`], scored by `how`.
fn score_owned_with<R>(policies: &mut Loaded, file: SourceFile, how: Scoring<R>) -> Result<Scored<R>, Error> {
    let (version, quarter) = read_quarter(policies, &file)?;
    drop(file);
    let results = how(&version.policy, &quarter);
    Ok(Scored { version, quarter, results })
}

/// The records of a quarter's facts file, and the version that read them.
/// A file that gives its period first, whose version loads, is read in one
/// pass (`facts::load_once`); any other, or one that pass is not sure of,
/// is checked whole first and then read, so that its JSON errors, or the
/// period's, come before anything else.
fn read_quarter(policies: &mut Loaded, file: &SourceFile) -> Result<(Version, Quarter), Error> {
    let start = crate::facts::leading_period(file).filter(|p| quarter_only(&file.name, Some(*p)).is_ok());
    if let Some(version) = start.and_then(|p| p.start()).and_then(|date| policies.usable_in_force(date)) {
        if let Some(quarter) = crate::facts::load_once(file, &version.policy) {
            return Ok((version.clone(), quarter.map_err(facts_error)?));
        }
    }
    let parsed = crate::facts::parse(file).map_err(facts_error)?;
    read_parsed(policies, file, parsed)
}

/// [`read_quarter`] of a file already checked as JSON.
fn read_parsed(policies: &mut Loaded, file: &SourceFile, parsed: Parsed<'_>) -> Result<(Version, Quarter), Error> {
    quarter_only(&file.name, crate::facts::peek_period(&parsed))?;
    let version = version_for(policies, &parsed)?;
    let quarter = crate::facts::load_parsed(file, &parsed, &version.policy).map_err(facts_error)?;
    Ok((version, quarter))
}

/// [`score_owned`] of a file already checked as JSON, its text kept.
pub(super) fn score_root(policies: &mut Loaded, file: &SourceFile, root: Parsed<'_>) -> Result<Scored, Error> {
    let (version, quarter) = read_parsed(policies, file, root)?;
    let results = crate::eval::evaluate(&version.policy, &quarter);
    Ok(Scored { version, quarter, results })
}

/// A year's file is refused where a quarter is scored (`kaohe annual` rolls
/// a year up), and so is a month's (it makes a 考勤通报, `kaohe report`).
/// A file without a readable period is let through: its loading says so.
pub(super) fn quarter_only(file: &str, period: Option<Period>) -> Result<(), Error> {
    match period {
        Some(Period::Year(year)) => Err(Error::year_not_quarter(file, year)),
        Some(month @ Period::Month { .. }) => Err(Error::month_not_quarter(file, month)),
        _ => Ok(()),
    }
}

/// The facts' errors, as one failure.
pub(super) fn facts_error(errs: Vec<crate::facts::Error>) -> Error {
    Error::new(Fault::Facts, problems(errs))
}

/// The version in force for the period the parsed file declares. Without a
/// readable period the newest version reads the file, and reports the
/// period along with anything else wrong in it.
pub(super) fn version_for(policies: &mut Loaded, root: &Parsed<'_>) -> Result<Version, Error> {
    let version = match crate::facts::peek_period(root).and_then(|p| p.start().map(|start| (p, start))) {
        Some((period, start)) => policies.in_force(start, &period.to_string())?,
        None => policies.newest()?,
    };
    Ok(version.clone())
}

/// Read the parsed file's records against `version` and score them.
pub(super) fn score_with(version: Version, file: &SourceFile, root: Parsed<'_>) -> Result<Scored, Error> {
    let quarter = crate::facts::load_parsed(file, &root, &version.policy).map_err(facts_error)?;
    let results = crate::eval::evaluate(&version.policy, &quarter);
    Ok(Scored { version, quarter, results })
}

/// Load the policy in `dir` and the facts at `facts`, and score them.
/// Returns the policy directory read too: its warnings and its files.
/// The facts are a JSON file, or a summary workbook (`.xlsx`, or its sheets
/// as CSV files: docs/io.md).
pub fn score_file(dir: &Path, facts: &Path) -> Result<(Loaded, Scored), Error> {
    score_file_with(dir, facts, crate::eval::evaluate)
}

/// [`score_file`], graded on the totals alone: each record is scored again,
/// with its trace, when it is written (`render::write_json_standings`), so
/// that a large quarter's traces are never all held at once.
pub fn stand_file(dir: &Path, facts: &Path) -> Result<(Loaded, Scored<Standings>), Error> {
    score_file_with(dir, facts, crate::eval::standings)
}

fn score_file_with<R>(dir: &Path, facts: &Path, how: Scoring<R>) -> Result<(Loaded, Scored<R>), Error> {
    let mut policies = load(dir)?;
    let scored = if crate::facts::sheet::is_summary(facts) {
        score_summary_with(&mut policies, open_summary(facts)?, how)?
    } else {
        score_owned_with(&mut policies, read_facts(facts)?, how)?
    };
    Ok((policies, scored))
}

/// A summary's tables and period (docs/io.md, "Facts in a spreadsheet").
pub(super) fn open_summary(path: &Path) -> Result<Summary, Error> {
    crate::facts::sheet::open(path).map_err(sheet_error)
}

/// Score a summary with the version in force for its period; like a JSON
/// file, a year's summary is refused (`kaohe annual` rolls a year up).
pub(super) fn score_summary(policies: &mut Loaded, summary: Summary) -> Result<Scored, Error> {
    score_summary_with(policies, summary, crate::eval::evaluate)
}

fn score_summary_with<R>(policies: &mut Loaded, summary: Summary, how: Scoring<R>) -> Result<Scored<R>, Error> {
    quarter_only(&summary.path, summary.period)?;
    // Without a readable period the newest version reads the rest, and the
    // period is reported along with anything else wrong.
    let version = match summary.period.and_then(|p| p.start().map(|start| (p, start))) {
        Some((period, start)) => policies.in_force(start, &period.to_string())?,
        None => policies.newest()?,
    }
    .clone();
    let quarter = crate::facts::sheet::load(summary, &version.policy).map_err(sheet_error)?;
    let results = how(&version.policy, &quarter);
    Ok(Scored { version, quarter, results })
}

/// A summary's errors as one failure: a file that cannot be opened at all
/// (or a folder with no sheets) is not the facts' fault.
fn sheet_error(errs: Vec<SheetError>) -> Error {
    let io = errs
        .iter()
        .all(|e| matches!(e, SheetError::Read(table) if table.is_io()) || matches!(e, SheetError::NoSheets { .. }));
    Error::new(if io { Fault::Io } else { Fault::Facts }, problems(errs))
}

/// The id of the record `wanted` names in a scored period: its id, or else
/// its name when exactly one record has it.
pub fn find_record(scored: &Scored, wanted: &str, facts: &Path) -> Result<String, Error> {
    let records = || scored.quarter.staff.iter().chain(&scored.quarter.windows);
    if records().any(|r| r.id == wanted) {
        return Ok(wanted.to_string());
    }
    let named: Vec<&str> = records().filter(|r| r.name == wanted).map(|r| r.id.as_str()).collect();
    match named.as_slice() {
        [id] => Ok((*id).to_string()),
        [] => {
            // A near id (said with its name), or else a near name.
            let suggestion = crate::suggest::did_you_mean(wanted, records().map(|r| (r.id.as_str(), r.name.as_str())))
                .or_else(|| {
                    let names = records().map(|r| r.name.as_str()).filter(|n| !n.is_empty());
                    crate::suggest::did_you_mean_name(wanted, names)
                });
            Err(Error::unknown_record(wanted, facts, suggestion))
        }
        ids => Err(Error::ambiguous_name(wanted, ids)),
    }
}
