//! `kaohe check`'s summary: for each version, what it holds, how its
//! categories add up, and its chosen grades.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::decimal;
use crate::policy::Policies;

/// One block a version.
pub fn check_summary(policies: &Policies) -> String {
    let mut out = String::new();
    for version in &policies.versions {
        let policy = &version.policy;
        let rules = policy.staff.rules.len() + policy.window.rules.len();
        let _ = writeln!(
            out,
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
            let _ = writeln!(
                out,
                "  {} {}: categories {} = {}{declared}",
                subject.name.id,
                subject.name.label,
                points.join(" + "),
                decimal(sum)
            );
            for grade in &subject.grades {
                if let Some(quota) = &grade.quota {
                    let from = subject.band(quota.from).map_or("", |g| g.name.id.as_str());
                    let _ = writeln!(
                        out,
                        "  {} {} chosen from {from}, at most {}%",
                        grade.name.id,
                        grade.name.label,
                        decimal(quota.percent)
                    );
                }
            }
        }
    }
    out
}
