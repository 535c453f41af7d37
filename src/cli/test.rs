//! `kaohe test --policy DIR`: run the policy's own test cases
//! (`<version>/tests/*.json`, docs/language.md "Policy tests") and say what
//! they leave untested.

use std::path::PathBuf;

use clap::Args;

use super::{Context, Failure};
use kaohe::app::policy_tests;

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The policy directory, e.g. `policies/luoshan`: each version's cases
    /// are in its `tests/` directory and run against that version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
}

/// The exit status of `kaohe test` when a case fails.
const FAILED: u8 = 5;

pub fn run(args: TestArgs, context: &Context) -> Result<(), Failure> {
    // Every version's cases run, so every version must load.
    let policies = kaohe::app::period::load(&args.policy)?.strict()?;
    let results = policy_tests::run(&policies, context.diagnostics.lang());
    let report = kaohe::render::test_report(&results);
    super::out::print(&report)?;
    if results.iter().all(|v| v.cases.iter().all(|c| c.passed())) {
        Ok(())
    } else {
        Err(Failure::Exit(FAILED))
    }
}
