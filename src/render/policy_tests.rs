//! `kaohe test`'s report: one line a case, each failure under its case,
//! then what no case exercised.

use std::fmt::Write as _;

use crate::policy::cases::VersionTests;

/// One line a case, each failure under its case, then what went untested.
pub fn test_report(results: &[VersionTests]) -> String {
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
