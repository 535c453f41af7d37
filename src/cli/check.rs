//! `kaohe check --policy DIR`: parse and check a policy without facts.

use std::path::PathBuf;

use clap::Args;

use super::report::{Exit, Failure};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy directory to check, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
}

pub fn run(args: CheckArgs) -> Result<(), Failure> {
    let policy = kaohe::load_policy(&args.policy).map_err(|errs| Failure::new(Exit::Policy, errs))?;
    let rules = policy.staff.rules.len() + policy.window.rules.len();
    println!(
        "{}: ok — {} rules, {} staff facts, {} window facts",
        args.policy.display(),
        rules,
        policy.staff.facts.len(),
        policy.window.facts.len()
    );
    for subject in [&policy.staff, &policy.window] {
        let sum: rust_decimal::Decimal = subject.categories.iter().map(|c| c.points).sum();
        println!(
            "  {} {}: categories {} = {}{}",
            subject.name.id,
            subject.name.label,
            subject.categories.iter().map(|c| kaohe::render::decimal(c.points)).collect::<Vec<_>>().join(" + "),
            kaohe::render::decimal(sum),
            if sum == subject.total {
                String::new()
            } else {
                format!(" (declared total {})", kaohe::render::decimal(subject.total))
            }
        );
    }
    Ok(())
}
