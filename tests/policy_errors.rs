//! Every kind of policy error, snapshotted as the user sees it.
//!
//! Each case in `tests/cases/policy/*.case` edits a copy of the shipped
//! policy, runs `kaohe check` on it, and snapshots stderr. To add a case,
//! write a new `.case` file:
//!
//! ```text
//! file: staff.rules          # which policy file to edit (or a new one)
//! replace: <exact text>      # text that must occur in the file …
//! with: <new text>           # … and what to put instead (may be empty)
//! append: <text>             # or: a line to add at the end
//! ```
//!
//! then run `cargo insta test --review` and read the new snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn policy_errors() {
    insta::glob!("cases/policy/*.case", |case| {
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        let dir = common::scratch(&format!("policy-{name}"));
        common::copy_policy(&dir);
        common::apply(case, &dir);
        let run = common::kaohe(&["check", "--policy", &dir.display().to_string()]);
        assert_eq!(run.code, 3, "{name}: a rejected policy exits 3\n{}{}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "nothing on stdout when the policy is rejected");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let stderr = run.stderr.replace(&dir.display().to_string(), "<policy>");
        insta::assert_snapshot!(stderr);
    });
}

/// A representative set in English (`--lang en`): the same errors, the
/// other language of the one message list.
#[test]
fn policy_errors_in_english() {
    for name in [
        "errors_in_two_files",
        "duplicate_category",
        "syntax_missing_each",
        "grade_gap",
        "each_on_amounts",
        "records_window_fact_for_staff",
        "calendar_working_weekday",
        "schedule_out_punch_late",
    ] {
        let case = common::root().join(format!("tests/cases/policy/{name}.case"));
        let dir = common::scratch(&format!("policy-en-{name}"));
        common::copy_policy(&dir);
        common::apply(&case, &dir);
        let run = common::kaohe_en(&["check", "--policy", &dir.display().to_string()]);
        assert_eq!(run.code, 3, "{name}: {}", run.stderr);
        insta::assert_snapshot!(format!("english_{name}"), run.stderr.replace(&dir.display().to_string(), "<policy>"));
    }
}

#[test]
fn shipped_policy_checks_clean() {
    let run = common::kaohe(&["check", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}
