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

/// A file that is not facts but something else kaohe knows (a table saved
/// as CSV, a policy file) is told what `--facts` expects: one error, not
/// JSON syntax advice. Each `tests/cases/not-facts/*` file is one such.
#[test]
fn other_files_given_as_facts() {
    insta::glob!("cases/not-facts/*", |case| {
        let relative = case.strip_prefix(common::root()).unwrap_or(case).display().to_string();
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &relative]);
        assert_eq!(run.code, 4, "{}", run.stderr);
        assert!(run.stdout.is_empty());
        // A `.csv` file is read as a summary's sheet, and told what a summary is.
        let code =
            if relative.ends_with(".csv") { "kaohe::facts::sheet::not_summary" } else { "kaohe::facts::not_facts" };
        assert!(run.stderr.contains(code), "{}", run.stderr);
        assert!(!run.stderr.contains("JSON 格式有误"), "{}", run.stderr);
        insta::assert_snapshot!(run.stderr);
    });
}

/// kaohe's own results given back to it as facts: recognised, whichever
/// command wrote them, with one error rather than one per record.
#[test]
fn results_given_as_facts() {
    let dir = common::scratch("results-as-facts");
    let quarter = dir.join("results.json");
    let year = dir.join("annual.json");
    let q = quarter.display().to_string();
    let y = year.display().to_string();
    let eval = common::kaohe(&[
        "eval",
        "--policy",
        "policies/luoshan",
        "--facts",
        "examples/2026-Q3.json",
        "--format",
        "json",
        "--out",
        &q,
    ]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    let annual = ["annual", "--policy", "policies/luoshan", "--format", "json", "--out", &y, "--facts"];
    let quarters = ["Q1", "Q2", "Q3", "Q4"].map(|q| format!("examples/2026-annual/2026-{q}.json"));
    let mut args: Vec<&str> = annual.to_vec();
    args.extend(quarters.iter().map(String::as_str));
    assert_eq!(common::kaohe(&args).code, 0);
    for (path, command) in [(&q, "kaohe eval"), (&y, "kaohe annual")] {
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", path]);
        assert_eq!(run.code, 4, "{}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(common::flat(&run.stderr).contains("是 kaohe 自己的"), "{}", run.stderr);
        assert!(common::flat(&run.stderr).contains(&format!("（`{command}` 的输出）")), "{}", run.stderr);
        assert!(run.stderr.ends_with("共 1 个错误\n"), "{}", run.stderr);
    }
}

/// A representative set in English (`--lang en`): the same errors, the
/// other language of the one message list.
#[test]
fn facts_errors_in_english() {
    let names = [
        "many_errors",
        "unknown_fact",
        "written_with_labels",
        "malformed_json",
        "missing_and_unknown_fields",
        "evidence_errors",
    ];
    for name in names {
        let path = format!("tests/cases/facts/{name}.json");
        let run = common::kaohe_en(&["eval", "--policy", "policies/luoshan", "--facts", &path, "--format", "json"]);
        assert_eq!(run.code, 4, "{}", run.stderr);
        insta::assert_snapshot!(format!("english_{name}"), run.stderr);
    }
}
