//! `kaohe test --policy DIR`: run the policy's own test cases
//! (`<version>/tests/*.json`, docs/language.md "Policy tests") and say what
//! they leave untested.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::report::{Exit, Style};
use kaohe::policy_tests::{self, VersionTests};

pub const AFTER_HELP: &str = "\
Exit status:
  0  every case passed
  2  usage: the command line itself is wrong
  3  the policy was rejected (syntax or check errors, on stderr)
  5  a case failed: the report on stdout says which, and how

The report ends with every rule, average, veto, flag and annual line that no
case exercised; that alone does not fail the run.";

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The policy directory, e.g. `policies/luoshan`: each version's cases
    /// are in its `tests/` directory and run against that version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
}

/// The exit status of `kaohe test` when a case fails.
const FAILED: u8 = 5;

pub fn run(args: TestArgs, style: &Style) -> ExitCode {
    let policies = match kaohe::load_policies(&args.policy) {
        Ok(policies) => policies,
        Err(errors) => {
            style.print(&errors);
            return ExitCode::from(Exit::Policy as u8);
        }
    };
    let results = policy_tests::run(&policies);
    print!("{}", report(&results));
    if results.iter().all(|v| v.cases.iter().all(|c| c.passed())) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED)
    }
}

/// One line a case, each failure under its case, then what went untested.
fn report(results: &[VersionTests]) -> String {
    let mut out = String::new();
    let (mut passed, mut failed) = (0, 0);
    for version in results {
        let n = version.cases.len();
        let _ = writeln!(out, "{}: {n} case{}", version.version, if n == 1 { "" } else { "s" });
        if n == 0 {
            let _ = writeln!(out, "  no cases: write them in {}/*.json", version.dir.display());
        }
        let width = version.cases.iter().map(|c| c.file.chars().count()).max().unwrap_or(0);
        for case in &version.cases {
            let status = if case.passed() { "ok    " } else { "FAILED" };
            let _ = writeln!(out, "  {status}  {:width$}  {}", case.file, case.name);
            if case.passed() {
                passed += 1;
                continue;
            }
            failed += 1;
            for failure in &case.failures {
                let _ = writeln!(out, "          {failure}");
            }
            if let Some(why) = &case.why {
                let _ = writeln!(out, "          why: {why}");
            }
        }
        if version.unexercised.is_empty() {
            let _ = writeln!(out, "  every rule, average, veto, flag and honour was exercised");
        } else {
            let _ = writeln!(out, "  not exercised by any case:");
            for item in &version.unexercised {
                let _ = writeln!(out, "    {item}");
            }
        }
    }
    let _ = writeln!(out, "{} cases: {passed} passed, {failed} failed", passed + failed);
    out
}
