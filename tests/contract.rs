//! The command line's contract, end to end through the binary: which
//! version of a policy must load, which files each command takes, its exit
//! statuses, where its words go (and what happens when they cannot go
//! there), and which files `--out` may write.
//!
//! Each test names the finding it holds fixed: issue 8's "Why" (the contract
//! as a new user met it) and issue 9's (hostile output paths and streams).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs::File;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{flat, kaohe, root, scratch, Run};

const POLICY: &str = "policies/luoshan";
const EXAMPLE: &str = "examples/2026-Q3.json";

/// A path relative to the crate root, as the tests pass it (and as the output shows it).
fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}

/// A refused run: this status, nothing on stdout, no panic, and a reason.
fn refused(run: &Run, code: i32) {
    assert_eq!(run.code, code, "exit status\nstderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout must be empty on failure:\n{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.is_empty(), "a refusal says why");
}

/// A policy directory of versions in `dir`: the shipped 2026 as `2026/`, and
/// the source document beside them.
fn versions(dir: &Path) {
    let current = dir.join("2026");
    std::fs::create_dir_all(&current).unwrap();
    common::copy_policy(&current);
}

/// A copy of 2026 as next year's draft, `2027/`, effective 2027-01-01, with `edit` applied to its staff.rules.
fn draft(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    let next = dir.join("2027");
    std::fs::create_dir_all(&next).unwrap();
    common::copy_policy(&next);
    let policy = next.join("policy.rules");
    let text = std::fs::read_to_string(&policy).unwrap();
    std::fs::write(&policy, text.replace("effective 2026-01-01", "effective 2027-01-01")).unwrap();
    let staff = next.join("staff.rules");
    std::fs::write(&staff, edit(std::fs::read_to_string(&staff).unwrap())).unwrap();
    next
}

/// The example quarter as another period.
fn example_as(dir: &Path, period: &str) -> String {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let path = dir.join(format!("{period}.json"));
    std::fs::write(&path, text.replace("\"period\": \"2026-Q3\"", &format!("\"period\": \"{period}\""))).unwrap();
    relative(&path)
}

/// Run kaohe with its stdout and stderr going where the test says.
fn run_with(args: &[&str], stdout: Stdio, stderr: Stdio) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .arg("--color=never")
        .arg("--lang=zh")
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        std::io::Read::read_to_string(&mut pipe, &mut err).unwrap();
    }
    (child.wait().unwrap().code().unwrap_or(-1), err)
}

// ---------------------------------------------------------------------------
// Issue 8, Why 1: only the version in force for the period must load.
// ---------------------------------------------------------------------------

#[test]
fn a_broken_draft_of_next_year_does_not_stop_this_quarter() {
    let dir = scratch("contract-draft");
    versions(&dir);
    draft(&dir, |text| text.replacen("deduct 3 each", "deduct 3 eahc", 1));
    let policy = relative(&dir);

    let run = kaohe(&["eval", "--policy", &policy, "--facts", EXAMPLE, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with('{'));
    let stderr = flat(&run.stderr);
    assert!(
        stderr.contains(&format!("政策版本 `{policy}/2027`（2027-01-01 施行）没有通过检查，已跳过；本次运行用不到它")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("`kaohe check --policy {policy}` 会列出它的错误")), "{stderr}");
    assert!(stderr.contains("已评分，依据"), "{stderr}");
    assert!(run.stderr.contains("共 1 个警告"), "{}", run.stderr);

    // `check` still rejects the draft, with its error where it is.
    let check = kaohe(&["check", "--policy", &policy]);
    refused(&check, 3);
    assert!(check.stderr.contains("2027/staff.rules"), "{}", check.stderr);
    // `test` runs every version's cases, so it needs every version.
    refused(&kaohe(&["test", "--policy", &policy]), 3);
    // `doc` needs the versions it prints: 2026 prints, the newest (the draft) does not.
    let doc = kaohe(&["doc", "--policy", &policy, "--version", "2026"]);
    assert_eq!(doc.code, 0, "{}", doc.stderr);
    assert!(doc.stderr.contains("共 1 个警告"), "{}", doc.stderr);
    let doc = kaohe(&["doc", "--policy", &policy]);
    refused(&doc, 3);
    assert!(flat(&doc.stderr).contains("（2027-01-01 施行）是最新的版本，但它没有通过检查"), "{}", doc.stderr);

    // A quarter of 2027 would be scored by the draft: refused, naming it, with its errors.
    let facts = example_as(&dir, "2027-Q1");
    let run = kaohe(&["eval", "--policy", &policy, "--facts", &facts]);
    refused(&run, 3);
    let stderr = flat(&run.stderr);
    assert!(
        stderr.contains(&format!("政策版本 `{policy}/2027`（2027-01-01 施行）在 2027-Q1 施行，但它没有通过检查")),
        "{stderr}"
    );
    assert!(run.stderr.contains("2027/staff.rules"), "{}", run.stderr);
}

/// A draft whose date cannot be read might be the version in force: refused.
#[test]
fn a_draft_whose_date_cannot_be_read_is_refused() {
    let dir = scratch("contract-draft-undated");
    versions(&dir);
    let next = draft(&dir, |text| text);
    let policy_file = next.join("policy.rules");
    let text = std::fs::read_to_string(&policy_file).unwrap();
    std::fs::write(&policy_file, text.replace("effective 2027-01-01", "effectiv 2027-01-01")).unwrap();
    let run = kaohe(&["eval", "--policy", &relative(&dir), "--facts", EXAMPLE]);
    refused(&run, 3);
    assert!(flat(&run.stderr).contains("没有通过检查，也读不出它的施行日期"), "{}", run.stderr);
}

/// Issue 9, Why 10: a version directory that cannot be read is an error
/// naming it, never skipped (an older version would score the quarter).
#[test]
fn a_version_directory_that_cannot_be_read_is_an_error() {
    let dir = scratch("contract-version-dangling");
    versions(&dir);
    symlink("nowhere", dir.join("2027")).unwrap();
    let run = kaohe(&["eval", "--policy", &relative(&dir), "--facts", EXAMPLE]);
    refused(&run, 1);
    let stderr = flat(&run.stderr);
    assert!(stderr.contains(&format!("无法读取 `{}/2027`", relative(&dir))), "{stderr}");
}

// ---------------------------------------------------------------------------
// Issue 8, Why 2 and 8: which periods each command takes.
// ---------------------------------------------------------------------------

#[test]
fn eval_and_explain_refuse_a_year_file() {
    let dir = scratch("contract-year-file");
    let facts = example_as(&dir, "2026");
    for args in [
        vec!["eval", "--policy", POLICY, "--facts", &facts],
        vec!["explain", "--policy", POLICY, "--facts", &facts, "--id", "S0001"],
        vec!["diff", "--from", POLICY, "--to", POLICY, "--facts", &facts],
    ] {
        let run = kaohe(&args);
        refused(&run, 4);
        let stderr = flat(&run.stderr);
        assert!(stderr.contains(&format!("`{facts}` 是 2026 年全年的事实，而这个命令只计一个季度")), "{stderr}");
        assert!(stderr.contains("kaohe annual --policy DIR --facts 2026-Q1.json"), "{stderr}");
    }
}

/// Files of two years: the year mismatch, found before anything is scored
/// (the 2025 version would otherwise refuse a fact it does not know).
#[test]
fn annual_checks_every_period_before_scoring() {
    let dir = scratch("contract-two-years");
    let last_year = example_as(&dir, "2025-Q4");
    let run = kaohe(&["annual", "--policy", POLICY, "--facts", "examples/2026-annual/2026-Q1.json", &last_year]);
    refused(&run, 4);
    let stderr = flat(&run.stderr);
    assert!(
        stderr.contains(&format!("`{last_year}` 是 2025-Q4，而 `examples/2026-annual/2026-Q1.json` 属于 2026 年")),
        "{stderr}"
    );
    assert!(!stderr.contains("未知事实"), "{stderr}");
    assert!(run.stderr.contains("共 1 个错误"), "{}", run.stderr);

    let year = example_as(&dir, "2026");
    let run = kaohe(&["annual", "--policy", POLICY, "--facts", &year]);
    refused(&run, 4);
    assert!(flat(&run.stderr).contains("的考核期是 2026，不是一个季度"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Issue 8, Why 3: exit statuses as documented.
// ---------------------------------------------------------------------------

#[test]
fn exit_statuses_are_as_documented() {
    // 1: the policy directory is not there.
    let run = kaohe(&["eval", "--policy", "no/such/policy", "--facts", EXAMPLE]);
    refused(&run, 1);
    assert!(run.stderr.contains("无法读取 `no/such/policy`：没有这个文件或目录"), "{}", run.stderr);
    refused(&kaohe(&["check", "--policy", "no/such/policy"]), 1);
    // 1: the facts file is not there.
    refused(&kaohe(&["eval", "--policy", POLICY, "--facts", "no/such.json"]), 1);
    // 2: usage, an unknown `--id` among them, with a suggestion.
    refused(&kaohe(&["eval", "--policy", POLICY]), 2);
    let run = kaohe(&["explain", "--policy", POLICY, "--facts", EXAMPLE, "--id", "S00077"]);
    refused(&run, 2);
    assert!(run.stderr.contains("是不是 `S0007`（黄文博）？"), "{}", run.stderr);
    // 3: the policy; 4: the facts; 5: a policy test case.
    refused(&kaohe(&["eval", "--policy", POLICY, "--facts", "tests/cases/facts/many_errors.json"]), 4);
    let help = common::kaohe_en(&["--help"]);
    assert_eq!(help.code, 0);
    for line in
        ["0  success", "1  a file could not be read", "2  usage", "3  the policy", "4  the facts", "5  `kaohe test`"]
    {
        assert!(help.stdout.contains(line), "{line}: {}", help.stdout);
    }
}

/// `--id` takes a name too; a name two records share is a usage error listing their ids.
#[test]
fn explain_finds_a_record_by_name() {
    let by_id = kaohe(&["explain", "--policy", POLICY, "--facts", EXAMPLE, "--id", "S0007"]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    let example: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(EXAMPLE)).unwrap()).unwrap();
    let staff = example["staff"].as_array().unwrap();
    let name = staff.iter().find(|r| r["id"] == "S0007").unwrap()["name"].as_str().unwrap();
    assert_eq!(staff.iter().filter(|r| r["name"] == name).count(), 1, "the example's names are unique");
    let by_name = kaohe(&["explain", "--policy", POLICY, "--facts", EXAMPLE, "--id", name]);
    assert_eq!(by_name.code, 0, "{}", by_name.stderr);
    assert_eq!(by_name.stdout, by_id.stdout);

    let dir = scratch("contract-same-name");
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let other = staff.iter().find(|r| r["id"] == "S0008").unwrap()["name"].as_str().unwrap();
    let path = dir.join("same-name.json");
    std::fs::write(&path, text.replace(&format!("\"{other}\""), &format!("\"{name}\""))).unwrap();
    let run = kaohe(&["explain", "--policy", POLICY, "--facts", &relative(&path), "--id", name]);
    refused(&run, 2);
    let stderr = flat(&run.stderr);
    assert!(stderr.contains(&format!("有 2 条记录名为 `{name}`")), "{stderr}");
    assert!(stderr.contains("请给出其中一条的编号：`S0007`、`S0008`"), "{stderr}");
}

/// `fmt` that fails leaves stdout empty; its summary is on stderr.
#[test]
fn fmt_failing_prints_nothing_on_stdout() {
    let dir = scratch("contract-fmt");
    std::fs::write(dir.join("broken.rules"), "subject staff {").unwrap();
    std::fs::write(dir.join("messy.rules"), "policy   \"x\"\n").unwrap();
    let run = kaohe(&["fmt", "--check", &relative(&dir)]);
    refused(&run, 3);
    assert!(run.stderr.contains("需要重新格式化"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Issue 8 Why 3 and issue 9 Why 4: every print can fail, and none panics.
// ---------------------------------------------------------------------------

/// The commands that print on stdout, with what they need.
fn printing_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["eval", "--policy", POLICY, "--facts", EXAMPLE],
        vec!["explain", "--policy", POLICY, "--facts", EXAMPLE, "--id", "S0007"],
        vec!["annual", "--policy", POLICY, "--facts", "examples/2026-annual/2026-Q1.json"],
        vec!["check", "--policy", POLICY],
        vec!["test", "--policy", POLICY],
        vec!["doc", "--policy", POLICY],
        vec!["diff", "--from", POLICY, "--to", POLICY, "--facts", EXAMPLE],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["--help"],
    ]
}

#[test]
fn a_full_disk_on_stdout_is_exit_1_with_a_message() {
    for args in printing_commands() {
        let (code, stderr) = run_with(&args, Stdio::from(File::create("/dev/full").unwrap()), Stdio::piped());
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains("无法写入标准输出：No space left on device"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_full_disk_on_stderr_is_exit_1() {
    for args in [
        vec!["eval", "--policy", POLICY, "--facts", EXAMPLE],
        vec!["eval", "--policy", POLICY, "--facts", "tests/cases/facts/many_errors.json"],
        vec!["fmt", "--check", POLICY],
    ] {
        let (code, _) = run_with(&args, Stdio::null(), Stdio::from(File::create("/dev/full").unwrap()));
        assert!(code == 1 || code == 4, "{args:?}: exit {code}, not a panic (101)");
    }
    // A run that succeeds but cannot write its note says so by its status.
    let (code, _) = run_with(&printing_commands()[0], Stdio::null(), Stdio::from(File::create("/dev/full").unwrap()));
    assert_eq!(code, 1);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    for args in printing_commands() {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kaohe"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before kaohe writes a byte.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

// ---------------------------------------------------------------------------
// Issue 8, Why 4: `--out` and `--format`.
// ---------------------------------------------------------------------------

#[test]
fn the_out_extension_picks_the_format() {
    let dir = scratch("contract-out-format");
    let out = |name: &str| relative(&dir.join(name));
    let json = out("results.json");
    assert_eq!(kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--out", &json]).code, 0);
    let text = std::fs::read_to_string(dir.join("results.json")).unwrap();
    serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|err| panic!("not JSON: {err}"));
    let table = out("results.txt");
    assert_eq!(kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--out", &table]).code, 0);
    let stdout = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE]).stdout;
    assert_eq!(std::fs::read_to_string(dir.join("results.txt")).unwrap(), stdout, "`.txt` is the table");

    let html = out("rubric.html");
    assert_eq!(kaohe(&["doc", "--policy", POLICY, "--out", &html]).code, 0);
    let page = std::fs::read_to_string(dir.join("rubric.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"), "{}", &page[..100]);
    let md = out("rubric.md");
    assert_eq!(kaohe(&["doc", "--policy", POLICY, "--out", &md]).code, 0);
    assert_eq!(std::fs::read_to_string(dir.join("rubric.md")).unwrap(), kaohe(&["doc", "--policy", POLICY]).stdout);

    let annual = out("year.json");
    let run = kaohe(&["annual", "--policy", POLICY, "--facts", "examples/2026-annual/2026-Q1.json", "--out", &annual]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(dir.join("year.json")).unwrap().starts_with('{'));
}

#[test]
fn a_format_against_the_out_extension_is_a_usage_error() {
    let dir = scratch("contract-out-contradiction");
    let txt = relative(&dir.join("results.txt"));
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--format", "json", "--out", &txt]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains(&format!("`--format json` 与 `--out {txt}` 矛盾")), "{}", run.stderr);
    // An extension the command does not write: refused, not a text file by that name.
    for (args, name) in [
        (vec!["eval", "--policy", POLICY, "--facts", EXAMPLE], "results.md"),
        (vec!["doc", "--policy", POLICY], "rubric.xlsx"),
        (vec!["doc", "--policy", POLICY], "rubric.json"),
    ] {
        let path = relative(&dir.join(name));
        let mut args = args.clone();
        args.extend(["--out", &path]);
        let run = kaohe(&args);
        refused(&run, 2);
        assert!(flat(&run.stderr).contains("的扩展名所要求的"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing written");
    // With an extension that names no format, `--format` decides.
    let other = relative(&dir.join("results.out"));
    assert_eq!(kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--format", "json", "--out", &other]).code, 0);
    assert!(std::fs::read_to_string(dir.join("results.out")).unwrap().starts_with('{'));
}

#[test]
fn out_dash_is_stdout() {
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--format", "json", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with('{'));
    assert!(!root().join("-").exists(), "no file named `-`");
}

// ---------------------------------------------------------------------------
// Issue 9, Why 1 and 2: `--out` writes through to what the path names.
// ---------------------------------------------------------------------------

#[test]
fn out_writes_through_a_link_and_keeps_the_mode() {
    let dir = scratch("contract-out-link");
    let target = dir.join("private.json");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.join("latest.json");
    symlink("private.json", &link).unwrap();
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--out", &relative(&link)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink(), "the link is kept");
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('{'), "its target replaced, as JSON");
    assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600, "0600 stays 0600");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["latest.json", "private.json"], "no temporary file left");
}

#[test]
fn out_refuses_a_device_unless_it_is_stdout() {
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--out", "/dev/null"]);
    refused(&run, 1);
    assert!(run.stderr.contains("`--out /dev/null` 不是普通文件"), "{}", run.stderr);
    // /dev/stdout is this run's stdout: just stdout.
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", EXAMPLE, "--format", "json", "--out", "/dev/stdout"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with('{'));
}

// ---------------------------------------------------------------------------
// Issue 9, Why 3: `--out` may not name any file the command reads.
// ---------------------------------------------------------------------------

/// Each is refused with exit 1 before anything is written, and the file is as it was.
fn refuses_to_overwrite(args: &[&str], out: &str) {
    let path = root().join(out);
    let before = std::fs::read(&path).unwrap();
    let mut args = args.to_vec();
    args.extend(["--out", out]);
    let run = kaohe(&args);
    refused(&run, 1);
    assert!(flat(&run.stderr).contains("会覆盖本次运行的输入文件"), "{args:?}: {}", run.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before, "{out} was changed");
}

#[test]
fn out_never_overwrites_a_policy_file() {
    let dir = scratch("contract-out-inputs");
    versions(&dir);
    draft(&dir, |text| text);
    let policy = relative(&dir);
    let eval = ["eval", "--policy", &policy, "--facts", EXAMPLE];
    // A `.rules` file of the version in force, and of one that is not.
    refuses_to_overwrite(&eval, &format!("{policy}/2026/staff.rules"));
    refuses_to_overwrite(&eval, &format!("{policy}/2027/window.rules"));
    // The source document the policy names, and its test cases.
    refuses_to_overwrite(&eval, &format!("{policy}/source/{}", common::SOURCE_DOCUMENT));
    let case = dir.join("2026/tests/case.json");
    std::fs::create_dir_all(case.parent().unwrap()).unwrap();
    std::fs::copy(root().join("policies/luoshan/2026/tests/attendance.json"), &case).unwrap();
    refuses_to_overwrite(&eval, &relative(&case));
    // `doc` of one version over a file of another.
    refuses_to_overwrite(
        &["doc", "--policy", &policy, "--version", "2027", "--format", "md"],
        &format!("{policy}/2026/policy.rules"),
    );
    // `diff` over its `--from` policy, and `annual` over a quarter.
    refuses_to_overwrite(
        &["diff", "--from", &format!("{policy}/2026"), "--to", POLICY, "--facts", EXAMPLE],
        &format!("{policy}/2026/staff.rules"),
    );
    let q1 = relative(&dir.join("2026-Q1.json"));
    std::fs::copy(root().join("examples/2026-annual/2026-Q1.json"), root().join(&q1)).unwrap();
    refuses_to_overwrite(&["annual", "--policy", &policy, "--facts", &q1], &q1);
}

// ---------------------------------------------------------------------------
// Completions and the manual page.
// ---------------------------------------------------------------------------

#[test]
fn completions_and_man_page() {
    let bash = kaohe(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("_kaohe()"), "{}", bash.stdout);
    for sub in ["eval", "explain", "annual", "check", "fmt", "diff", "doc", "test", "completions", "man"] {
        assert!(bash.stdout.contains(sub), "{sub}");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let run = kaohe(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("policy"), "{shell}");
    }
    refused(&kaohe(&["completions", "tcsh"]), 2);

    let man = kaohe(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH kaohe"), "{}", &man.stdout[..200]);
    assert!(man.stdout.contains(".TH kaohe 1"), "{}", &man.stdout[..300]);
    assert!(man.stdout.contains("Exit status"), "the exit statuses are in the page");
    let eval = kaohe(&["man", "eval"]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    assert!(eval.stdout.contains(".TH kaohe-eval 1"), "{}", &eval.stdout[..300]);
    assert!(eval.stdout.contains("\\-\\-facts"), "{}", eval.stdout);
    let run = kaohe(&["man", "evil"]);
    refused(&run, 2);
    assert!(run.stderr.contains("没有子命令 `evil`"), "{}", run.stderr);
}

/// `--help` tells where the file formats are described, not as if an
/// installed binary had them beside it (issue 8, Why 9).
#[test]
fn help_says_where_the_docs_are() {
    for args in [vec!["--help"], vec!["eval", "--help"]] {
        for (lang, words) in [("en", "source tree"), ("zh", "源代码")] {
            let help = common::kaohe_in(lang, &args);
            assert_eq!(help.code, 0);
            for line in help.stdout.lines().filter(|l| l.contains("docs/")) {
                assert!(help.stdout.contains(words), "{lang} {args:?}: `{line}` with no word of where docs/ is");
            }
        }
    }
}

#[test]
fn a_command_line_mistake_is_worded_like_every_other_diagnostic() {
    // Chinese by default, with the usage and a suggestion; exit 2, nothing on stdout.
    let run = kaohe(&["--lang", "zh", "eval", "--polcy", POLICY, "--facts", EXAMPLE]);
    refused(&run, 2);
    let said = flat(&run.stderr);
    assert!(said.contains("没有选项 `--polcy`"), "{said}");
    assert!(said.contains("是不是 `--policy`？"), "{said}");
    assert!(said.contains("`kaohe eval --help` 说明每个选项"), "{said}");
    assert!(!said.contains("unexpected argument"), "clap's English: {said}");

    let run = kaohe(&["--lang", "zh", "eval", "--policy", POLICY, "--facts", EXAMPLE, "--format", "xml"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("`--format` 不能取 `xml`"), "{}", run.stderr);
    assert!(flat(&run.stderr).contains("可取的值：`table`、`json`、`xlsx`"), "{}", run.stderr);

    // diff writes no workbook: `--format xlsx` was once taken, and a table written.
    let run =
        kaohe(&["--lang", "zh", "diff", "--from", POLICY, "--to", POLICY, "--facts", EXAMPLE, "--format", "xlsx"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("可取的值：`table`、`json`"), "{}", run.stderr);

    let run = kaohe(&["--lang", "zh", "gather", "--period", "2026-Q3"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("缺少必需的选项：`--policy <DIR>`、`--records <PATH>`"), "{}", run.stderr);

    let run = kaohe(&["--lang", "zh", "evl"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("没有子命令 `evl`"), "{}", run.stderr);
    assert!(flat(&run.stderr).contains("是不是 `eval`？"), "{}", run.stderr);

    let run = kaohe(&["--lang", "zh", "template", "--policy", POLICY, "--period", "2026Q4", "--out", "x.xlsx"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("`--period 2026Q4` 不是季度、年度或月份"), "{}", run.stderr);

    // English when asked, wherever `--lang` stands.
    let run = kaohe(&["eval", "--polcy", POLICY, "--lang", "en"]);
    refused(&run, 2);
    assert!(flat(&run.stderr).contains("no option `--polcy`"), "{}", run.stderr);

    // For a script: one JSON object, its code and help.
    let run = kaohe(&["--error-format", "json", "explain", "--id", "a", "--id", "b"]);
    refused(&run, 2);
    let line: serde_json::Value = serde_json::from_str(run.stderr.trim()).expect("one JSON line");
    assert_eq!(line["code"], "kaohe::cli::conflict", "{line}");
    assert!(line["message"].as_str().unwrap().contains("`--id`"), "{line}");

    // --help and --version are not mistakes: stdout, status 0.
    let run = kaohe(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("kaohe "), "{}", run.stdout);
}
