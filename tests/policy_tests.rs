//! `kaohe test`: the shipped policy's own cases (`policies/luoshan/*/tests/`)
//! pass and exercise every rule, average, veto, flag, honour and annual line
//! of every version; a wrong expectation fails, saying what was expected and what came.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

#[test]
fn shipped_cases_pass_and_exercise_everything() {
    let run = common::kaohe(&["test", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("FAILED"), "{}", run.stdout);
    // The document has one version, and so has the policy.
    assert_eq!(run.stdout.matches(" cases\n").count() + run.stdout.matches(" case\n").count(), 1, "{}", run.stdout);
    let version = "policies/luoshan/2026 (effective 2026-01-01)";
    let section = run.stdout.split(version).nth(1).unwrap_or_else(|| panic!("{version} not tested\n{}", run.stdout));
    assert!(section.contains("  every rule, average, veto, flag and honour was exercised"), "{version}:{section}");
}

/// A copy of the 2026 version and three of its cases, one with a wrong total,
/// one expecting the wrong error, one that is no case at all.
#[test]
fn a_wrong_expectation_fails_with_actual_against_expected() {
    let dir = common::scratch("policy-tests-wrong");
    common::copy_policy(&dir);
    let shipped = common::root().join("policies/luoshan/2026/tests");
    let tests = dir.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    let copy = |name: &str, edit: &dyn Fn(String) -> String| {
        let text = std::fs::read_to_string(shipped.join(name)).unwrap();
        let edited = edit(text.clone());
        assert_ne!(text, edited, "{name}: the edit must change the case");
        std::fs::write(tests.join(name), edited).unwrap();
    };
    copy("attendance.json", &|t| t.replace(r#""total": 87.25"#, r#""total": 88.25"#));
    copy("unknown_fact.json", &|t| t.replace("unknown fact `late_arrivals`", "unknown level"));
    copy("civility.json", &|t| t.replace(r#""facts": {"#, r#""fact": {"#));
    std::fs::write(tests.join("notes.txt"), "not a case: only `.json` files are").unwrap();

    let policy = dir.display().to_string();
    let run = common::kaohe(&["test", "--policy", &policy]);
    assert_eq!(run.code, 5, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("S1.total: expected 88.25, got 87.25"), "{}", run.stdout);
    // The cases, and the count; what they leave untested is listed between.
    let (cases, untested) = run.stdout.split_once("  not exercised by any case:\n").unwrap();
    assert!(untested.contains("    staff civility: desk_untidy deduct 0.5 each [附件1/文明创建/1]\n"), "{untested}");
    let count = untested.lines().last().unwrap_or_default();
    insta::assert_snapshot!(format!("{}…\n{count}\n", strip(cases, &dir)));
}

/// `expect_error` matches the error in either language, whichever language
/// the run speaks.
#[test]
fn expect_error_matches_in_either_language() {
    let dir = common::scratch("policy-tests-languages");
    common::copy_policy(&dir);
    let tests = dir.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    let shipped =
        std::fs::read_to_string(common::root().join("policies/luoshan/2026/tests/unknown_fact.json")).unwrap();
    std::fs::write(tests.join("english.json"), &shipped).unwrap();
    let chinese = shipped.replace("unknown fact `late_arrivals`", "未知事实 `late_arrivals`");
    assert_ne!(chinese, shipped);
    std::fs::write(tests.join("chinese.json"), chinese).unwrap();
    let policy = dir.display().to_string();
    for run in [common::kaohe(&["test", "--policy", &policy]), common::kaohe_en(&["test", "--policy", &policy])] {
        assert!(run.stdout.contains("2 cases: 2 passed, 0 failed"), "{}{}", run.stdout, run.stderr);
    }
}

/// A policy that does not check is refused before any case runs.
#[test]
fn a_rejected_policy_runs_no_case() {
    let dir = common::scratch("policy-tests-rejected");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    std::fs::write(&staff, text.replacen("deduct 3 each", "deduct 3 per day", 1)).unwrap();
    let run = common::kaohe(&["test", "--policy", &dir.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// The report with the scratch directory written as `<policy>`.
fn strip(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "<policy>")
}
