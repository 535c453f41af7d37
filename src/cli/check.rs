//! `kaohe check --policy DIR`: parse and check a policy without facts.

use std::path::PathBuf;

use clap::Args;
use rust_decimal::Decimal;

use super::report::Failure;
use kaohe::render::decimal;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy directory to check, e.g. `policies/luoshan`: one version's
    /// `.rules` files, or one subdirectory per version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
}

pub fn run(args: CheckArgs) -> Result<(), Failure> {
    let policies = super::score::load_policies(&args.policy)?;
    for version in &policies.versions {
        let policy = &version.policy;
        let rules = policy.staff.rules.len() + policy.window.rules.len();
        println!(
            "{}: ok — {} rules, {} staff facts, {} window facts",
            version.describe(),
            rules,
            policy.staff.facts.len(),
            policy.window.facts.len()
        );
        for subject in [&policy.staff, &policy.window] {
            let sum: Decimal = subject.categories.iter().map(|c| c.points).sum();
            let points: Vec<String> = subject.categories.iter().map(|c| decimal(c.points)).collect();
            let declared = if sum == subject.total {
                String::new()
            } else {
                format!(" (declared total {})", decimal(subject.total))
            };
            println!(
                "  {} {}: categories {} = {}{declared}",
                subject.name.id,
                subject.name.label,
                points.join(" + "),
                decimal(sum)
            );
            for grade in &subject.grades {
                if let Some(quota) = &grade.quota {
                    let from = subject.grades.get(quota.from).map_or("", |g| g.name.id.as_str());
                    println!(
                        "  {} {} chosen from {from}, at most {}%",
                        grade.name.id,
                        grade.name.label,
                        decimal(quota.percent)
                    );
                }
            }
        }
    }
    Ok(())
}
