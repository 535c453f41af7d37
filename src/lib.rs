//! kaohe (考核): a small rules language for the Luoshan service-hall
//! assessment rubric, and the tools that evaluate it.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`syntax`] — `grammar/kaohe.pest` turns each `.rules` file into a syntax tree.
//! 2. [`check`] — resolves names and kinds across a policy's files into a [`policy::Policy`].
//! 3. [`facts`] — reads a quarter's facts JSON against the policy into typed records.
//! 4. [`eval`] — scores every record exactly (rust_decimal), keeping a trace of each point.
//! 5. [`render`] — turns results into JSON, a terminal table, or one record's ledger.
//!
//! [`load_policy`] runs stages 1–2 over a directory; the CLI in `main.rs` and
//! `cli/` only wires stages together and chooses how diagnostics look.
//! Beside the pipeline, [`check::lint`] warns about a policy that checks but
//! is probably not what its author meant (including words that are not the
//! source document's, and readings its readings file does not explain), and
//! [`policy_tests`] runs the test cases a policy keeps beside each version
//! through stages 3–5.
//!
//! Invariants: evaluation does no I/O and always terminates (a policy has no
//! loops and no recursion); no float ever touches a score; `check` never
//! sees JSON, and `eval` never sees syntax.

pub mod check;
pub mod eval;
pub mod facts;
pub mod format;
pub mod policy;
pub mod policy_tests;
pub mod render;
pub mod source;
pub mod suggest;
pub mod syntax;
pub mod versions;

use std::path::Path;

use miette::Report;

pub use policy::Policy;
pub use versions::{load_policies, load_policies_with_warnings, Policies, Version};

/// Read, parse and check a policy directory; where it holds several
/// versions, the newest. On failure, every diagnostic of every file.
pub fn load_policy(dir: &Path) -> Result<Policy, Vec<Report>> {
    let mut policies = load_policies(dir)?;
    policies.versions.pop().map(|v| v.policy).ok_or_else(Vec::new)
}

/// Read, parse and check one version: the `.rules` files of one directory.
pub fn load_version(dir: &Path) -> Result<Policy, Vec<Report>> {
    load_checked(dir).map(|(policy, _)| policy)
}

/// [`load_version`], and the warnings of [`check::lint`] about the policy
/// it loaded (`kaohe check` prints them).
pub fn load_version_with_warnings(dir: &Path) -> Result<(Policy, Vec<Report>), Vec<Report>> {
    let (policy, files) = load_checked(dir)?;
    let warnings = check::lint(&files, &policy, dir).into_iter().map(Report::new).collect();
    Ok((policy, warnings))
}

/// The parsed files of one directory.
type Parsed = Vec<(source::SourceFile, syntax::ast::File)>;

/// The checked policy of one directory, and the files it was made from.
fn load_checked(dir: &Path) -> Result<(Policy, Parsed), Vec<Report>> {
    let files = source::read_policy_dir(dir).map_err(|errs| errs.into_iter().map(Report::new).collect::<Vec<_>>())?;
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match syntax::parse_file(&file) {
            Ok(ast) => parsed.push((file, ast)),
            Err(err) => errors.push(Report::new(*err)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let policy = check::check(&parsed).map_err(|errs| errs.into_iter().map(Report::new).collect::<Vec<_>>())?;
    Ok((policy, parsed))
}
