//! Shared helpers for the integration tests: run the real `kaohe` binary and
//! capture what a user would see.
#![allow(dead_code, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `kaohe` with these arguments from the crate root, colour off, its
/// diagnostics in Chinese (the default a user meets; pinned, so that no
/// test depends on the machine's locale).
pub fn kaohe(args: &[&str]) -> Run {
    kaohe_in("zh", args)
}

/// [`kaohe`] with its diagnostics in English.
pub fn kaohe_en(args: &[&str]) -> Run {
    kaohe_in("en", args)
}

/// [`kaohe`] with its diagnostics in `lang`.
pub fn kaohe_in(lang: &str, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .arg("--color=never")
        .arg(format!("--lang={lang}"))
        .current_dir(root())
        .output()
        .unwrap_or_else(|err| panic!("cannot run kaohe: {err}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty directory under the target dir (kept for inspection on failure).
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("cannot create {}: {err}", dir.display()));
    dir
}

/// Copy the current version of the shipped policy into `dir`, and the
/// source document it names to where its `source "../source/…"` finds it.
pub fn copy_policy(dir: &Path) {
    let shipped = root().join("policies/luoshan/2026");
    for entry in std::fs::read_dir(&shipped).unwrap_or_else(|err| panic!("{err}")) {
        let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
        if path.extension().is_some_and(|e| e == "rules") {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, dir.join(name)).unwrap_or_else(|err| panic!("{err}"));
        }
    }
    // Several tests share the parent directory: each writes its own copy and
    // renames it into place, so that none reads a half-written document.
    let source = dir.join("../source");
    std::fs::create_dir_all(&source).unwrap_or_else(|err| panic!("{err}"));
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("copy");
    let partial = source.join(format!(".{name}.partial"));
    std::fs::copy(root().join("policies/luoshan/source").join(SOURCE_DOCUMENT), &partial)
        .unwrap_or_else(|err| panic!("{err}"));
    std::fs::rename(&partial, source.join(SOURCE_DOCUMENT)).unwrap_or_else(|err| panic!("{err}"));
}

/// The document the shipped policy encodes, in `policies/luoshan/source/`.
pub const SOURCE_DOCUMENT: &str = "luoshan-assessment-method.txt";

/// Apply a `.case` file's edits to the policy copy in `dir`:
///
/// ```text
/// file: staff.rules          # which policy file to edit (or a new one)
/// replace: <exact text>      # text that must occur in the file …
/// with: <new text>           # … and what to put instead (may be empty)
/// append: <text>             # or: a line to add at the end
/// ```
///
/// Other lines (`# comments`, `expect: …`) are left to the test.
pub fn apply(case: &Path, dir: &Path) {
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

/// stderr with miette's wrapped lines joined again and the frame drawn
/// around them removed, to look for a message whole. miette breaks a long
/// path after a `/` or a `-`, words at spaces, and Chinese anywhere: the
/// lines are joined by a space, except there. (A wrapped message goes on
/// under `  │ `, a wrapped help under eight spaces.)
pub fn flat(text: &str) -> String {
    let chinese = |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut out = String::new();
    for raw in text.lines() {
        let continues = raw.starts_with("  │ ") || raw.starts_with("        ");
        let line = raw.trim_start_matches([' ', '│', '×']).trim_end();
        let joins = out.ends_with(['/', '-'])
            || (continues && out.chars().last().is_some_and(chinese) && line.chars().next().is_some_and(chinese));
        if !out.is_empty() && !line.is_empty() && !joins {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A policy of two versions in `dir`, for the tests of versioning: `2026/`,
/// a copy of the shipped policy, and `2025/`, a version MADE UP for these
/// tests (the bureau's document has one version): in force from
/// 2025-01-01, without the `long_midday_leaves` rule and its fact (nor its
/// counting rule), and with
/// a red-flag quota of 10%. Returns the directory relative to the crate
/// root, as the tests pass it.
pub fn made_up_versions(dir: &Path) -> String {
    let new = dir.join("2026");
    let old = dir.join("2025");
    for version in [&new, &old] {
        std::fs::create_dir_all(version).unwrap_or_else(|err| panic!("{err}"));
        copy_policy(version);
    }
    let edit = |file: &str, edits: &[(&str, &str)]| {
        let path = old.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{err}"));
        for (from, to) in edits {
            assert!(text.contains(from), "`{from}` is not in the shipped {file}: update tests/common");
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("{err}"));
    };
    edit(
        "policy.rules",
        &[(
            "effective 2026-01-01",
            "effective 2025-01-01\n# MADE UP FOR THE TESTS: an earlier version the bureau never issued.",
        )],
    );
    edit(
        "staff.rules",
        &[
            ("        long_midday_leaves  \"中途请假超过2小时\"              count\n", ""),
            (
                "        long_midday_leaves  deduct 0.5 each          [附件1/出勤值勤/3]\n                            reading long_midday \"“中途请假超过２小时的，每超过１次扣0.5分”：每一次超过2小时的中途请假扣0.5分\"\n",
                "",
            ),
        ],
    );
    edit("window.rules", &[("chosen from good, at most 20%", "chosen from good, at most 10%")]);
    // Its counting rules count no fact it lacks.
    edit("records.rules", &[(", long_midday_leaves 1 each over 2 hours", "")]);
    dir.strip_prefix(root()).unwrap_or(dir).display().to_string()
}
