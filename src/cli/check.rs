//! `kaohe check --policy DIR`: parse and check a policy without facts, and
//! warn about what is probably a mistake (`kaohe::check::lint`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use rust_decimal::Decimal;

use super::report::{Exit, Style};
use kaohe::render::decimal;
use kaohe::Policies;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy directory to check, e.g. `policies/luoshan`: one version's
    /// `.rules` files, or one subdirectory per version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// Refuse the policy (exit 3) when there is any warning, as CI should.
    #[arg(long)]
    deny_warnings: bool,
}

/// Errors exit 3 with nothing on stdout; warnings are printed on stderr after
/// the summary, and exit 3 only with `--deny-warnings` (then stdout is empty).
pub fn run(args: CheckArgs, style: &Style) -> ExitCode {
    let (policies, warnings) = match kaohe::load_policies_with_warnings(&args.policy) {
        Ok(loaded) => loaded,
        Err(errors) => {
            style.print(&errors);
            return ExitCode::from(Exit::Policy as u8);
        }
    };
    let denied = args.deny_warnings && !warnings.is_empty();
    if !denied {
        summary(&policies);
    }
    if !warnings.is_empty() {
        style.print_warnings(&warnings, denied);
    }
    if denied {
        ExitCode::from(Exit::Policy as u8)
    } else {
        ExitCode::SUCCESS
    }
}

fn summary(policies: &Policies) {
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
}
