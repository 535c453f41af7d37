//! Every kind of facts error, snapshotted as the user sees it.
//!
//! Each `tests/cases/facts/*.json` is a small facts file with mistakes in it;
//! the test scores it with the shipped policy, checks that it is rejected
//! (exit 4, nothing on stdout, no panic) and snapshots stderr. To add a case,
//! add a file and run `cargo insta test --review`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn facts_errors() {
    insta::glob!("cases/facts/*.json", |case| {
        let relative = case.strip_prefix(common::root()).unwrap_or(case).display().to_string();
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &relative, "--format", "json"]);
        assert_eq!(run.code, 4, "rejected facts exit 4\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "nothing on stdout when facts are rejected:\n{}", run.stdout);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        insta::assert_snapshot!(run.stderr);
    });
}
