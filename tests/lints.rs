//! `kaohe check` warnings, snapshotted as the user sees them.
//!
//! Each case in `tests/cases/lints/*.case` edits a copy of the shipped policy
//! as the policy error cases do (see `common::apply`), seeding one lint, and
//! says which with a line `lint: NAME`: the policy is accepted with that
//! warning (exit 0), and refused with `--deny-warnings` (exit 3, nothing on
//! stdout). A case with the line `expect: error` seeds a mistake that is an
//! error rather than a warning (a grade gap or overlap, a missing cite): it
//! is refused either way. To add a case, write a new `.case` file and run
//! `cargo insta test --review`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn lints() {
    insta::glob!("cases/lints/*.case", |case| {
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        let text = std::fs::read_to_string(case).unwrap();
        let lint = text.lines().find_map(|l| l.strip_prefix("lint: ")).map(str::trim);
        let expect_error = text.lines().any(|l| l.trim() == "expect: error");
        assert!(lint.is_some() != expect_error, "{name}: say `lint: NAME` or `expect: error`");

        let dir = common::scratch(&format!("lint-{name}"));
        common::copy_policy(&dir);
        common::apply(case, &dir);
        let policy = dir.display().to_string();
        let plain = common::kaohe(&["check", "--policy", &policy]);
        let denied = common::kaohe(&["check", "--policy", &policy, "--deny-warnings"]);
        assert!(!plain.stderr.contains("panicked"), "{}", plain.stderr);
        if let Some(lint) = lint {
            assert_eq!(plain.code, 0, "{name}: warnings alone do not refuse the policy\n{}", plain.stderr);
            assert!(plain.stdout.contains(": ok — "), "{name}: the summary is printed\n{}", plain.stdout);
            assert!(
                plain.stderr.contains(&format!("kaohe::lint::{lint}")),
                "{name}: no `{lint}` warning\n{}",
                plain.stderr
            );
            assert!(!plain.stderr.contains("个错误\n"), "{name}: no errors\n{}", plain.stderr);
            assert_eq!(denied.code, 3, "{name}: --deny-warnings refuses a policy with warnings");
            assert!(denied.stdout.is_empty(), "{name}: nothing on stdout when refused");
            let count = plain.stderr.lines().last().unwrap_or_default();
            assert!(count.starts_with("共 ") && count.ends_with(" 个警告"), "{name}: {count}");
            assert_eq!(denied.stderr, plain.stderr.replace(count, &format!("{count}，因 --deny-warnings 而拒绝")));
        } else {
            assert_eq!((plain.code, denied.code), (3, 3), "{name}: refused with or without --deny-warnings");
            assert!(plain.stdout.is_empty());
            assert_eq!(plain.stderr, denied.stderr);
        }
        insta::assert_snapshot!(plain.stderr.replace(&policy, "<policy>"));
    });
}

/// A representative set in English (`--lang en`): the same warnings, the
/// other language of the one message list.
#[test]
fn lints_in_english() {
    for name in ["duplicate_rule", "cite_row", "category_total", "source_missing"] {
        let case = common::root().join(format!("tests/cases/lints/{name}.case"));
        let dir = common::scratch(&format!("lint-en-{name}"));
        common::copy_policy(&dir);
        common::apply(&case, &dir);
        let policy = dir.display().to_string();
        let run = common::kaohe_en(&["check", "--policy", &policy]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        insta::assert_snapshot!(format!("english_{name}"), run.stderr.replace(&policy, "<policy>"));
    }
}

/// The shipped policy, every version of it, is clean: CI runs this.
#[test]
fn shipped_policy_has_no_warnings() {
    let run = common::kaohe(&["check", "--deny-warnings", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
