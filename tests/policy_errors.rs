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

use std::path::Path;

#[test]
fn policy_errors() {
    insta::glob!("cases/policy/*.case", |case| {
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        let dir = common::scratch(&format!("policy-{name}"));
        common::copy_policy(&dir);
        apply(case, &dir);
        let run = common::kaohe(&["check", "--policy", &dir.display().to_string()]);
        assert_eq!(run.code, 3, "{name}: a rejected policy exits 3\n{}{}", run.stdout, run.stderr);
        assert!(run.stdout.is_empty(), "nothing on stdout when the policy is rejected");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        let stderr = run.stderr.replace(&dir.display().to_string(), "<policy>");
        insta::assert_snapshot!(stderr);
    });
}

#[test]
fn shipped_policy_checks_clean() {
    let run = common::kaohe(&["check", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// Apply a `.case` file's edits to the policy copy in `dir`.
fn apply(case: &Path, dir: &Path) {
    let text = std::fs::read_to_string(case).unwrap_or_else(|err| panic!("{err}"));
    let mut file = None;
    let mut replace: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("file: ") {
            file = Some(dir.join(name.trim()));
        } else if let Some(old) = line.strip_prefix("replace: ") {
            replace = Some(old.to_string());
        } else if let Some(new) = line.strip_prefix("with:") {
            let path = file.as_ref().unwrap_or_else(|| panic!("{}: `with` before `file`", case.display()));
            let old = replace.take().unwrap_or_else(|| panic!("{}: `with` without `replace`", case.display()));
            let body = std::fs::read_to_string(path).unwrap_or_default();
            assert!(body.contains(&old), "{}: `{old}` is not in {}", case.display(), path.display());
            std::fs::write(path, body.replacen(&old, new.strip_prefix(' ').unwrap_or(new), 1))
                .unwrap_or_else(|err| panic!("{err}"));
        } else if let Some(extra) = line.strip_prefix("append: ") {
            let path = file.as_ref().unwrap_or_else(|| panic!("{}: `append` before `file`", case.display()));
            let mut body = std::fs::read_to_string(path).unwrap_or_default();
            body.push_str(extra);
            body.push('\n');
            std::fs::write(path, body).unwrap_or_else(|err| panic!("{err}"));
        }
    }
}
