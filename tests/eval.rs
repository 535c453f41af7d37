//! Golden snapshots of scoring: `eval` in both formats on every example
//! quarter, and `explain` for the records an appeal would most likely be
//! about. A changed snapshot is a changed score: review it line by line
//! (`cargo insta review`) before accepting.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[test]
fn eval_json() {
    insta::glob!("../examples", "*.json", |path| {
        let facts = path.strip_prefix(common::root()).unwrap().display().to_string();
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &facts, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The output is JSON, whatever the snapshot says.
        serde_json::from_str::<serde_json::Value>(&run.stdout).expect("eval --format json prints JSON");
        insta::assert_snapshot!(run.stdout);
    });
}

#[test]
fn eval_table() {
    insta::glob!("../examples", "*.json", |path| {
        let facts = path.strip_prefix(common::root()).unwrap().display().to_string();
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &facts]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(run.stdout);
    });
}

/// A chief representative who operated a carded case (−50 and −100 per card
/// in the window), an operator with a card, an exposure, a category floored
/// at zero, and a window with its averaged attendance.
#[test]
fn explain_ledgers() {
    for id in ["S0018", "S0008", "S0034", "S0012", "W03"] {
        let run =
            common::kaohe(&["explain", "--policy", "policies/luoshan", "--facts", "examples/2026-Q3.json", "--id", id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        insta::assert_snapshot!(format!("explain_{id}"), run.stdout);
    }
}

#[test]
fn explain_unknown_id_suggests_one() {
    let run =
        common::kaohe(&["explain", "--policy", "policies/luoshan", "--facts", "examples/2026-Q3.json", "--id", "S018"]);
    // A usage error (issue 8, Why 3): the facts are fine, the command line is not.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("中没有编号或姓名为 `S018` 的工作人员或窗口"), "{}", run.stderr);
    assert!(run.stderr.contains("是不是 `S0018`（罗建华）？"), "{}", run.stderr);
}

/// The JSON trace of every record adds up to its total (docs/io.md).
#[test]
fn example_traces_add_up() {
    let run = common::kaohe(&[
        "eval",
        "--policy",
        "policies/luoshan",
        "--facts",
        "examples/2026-Q3.json",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let dec = |v: &serde_json::Value| v.to_string().parse::<rust_decimal::Decimal>().unwrap();
    for (list, points) in [("staff", [20, 20, 25, 20, 15]), ("windows", [20, 15, 25, 20, 20])] {
        let base: rust_decimal::Decimal = points.iter().map(|p| rust_decimal::Decimal::from(*p)).sum();
        for record in json[list].as_array().unwrap() {
            let traced: rust_decimal::Decimal =
                record["trace"].as_array().unwrap().iter().map(|e| dec(&e["points"])).sum();
            assert_eq!(base + traced, dec(&record["total"]), "{}", record["id"]);
        }
    }
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let help = common::kaohe_en(&["eval", "--help"]);
    assert_eq!(help.code, 0);
    for line in ["0  success", "3  the policy was rejected", "4  the facts file was rejected"] {
        assert!(help.stdout.contains(line), "--help lacks `{line}`:\n{}", help.stdout);
    }
}

#[test]
fn missing_facts_file_exits_1() {
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", "examples/no-such-quarter.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("examples/no-such-quarter.json"), "{}", run.stderr);
}

/// `--out` writes the same bytes as stdout, and nothing else stays behind.
#[test]
fn out_file_is_written_whole() {
    let dir = common::scratch("out-ok");
    let out = dir.join("results.json");
    let args = ["eval", "--policy", "policies/luoshan", "--facts", "examples/2026-Q3.json", "--format", "json"];
    let stdout = common::kaohe(&args).stdout;
    let mut with_out = args.to_vec();
    let out_arg = out.display().to_string();
    with_out.extend(["--out", &out_arg]);
    let run = common::kaohe(&with_out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);
    let names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["results.json"], "no temporary file is left");
}

/// A rejected run creates no output file and leaves an existing one as it was.
#[test]
fn failed_run_writes_nothing() {
    let dir = common::scratch("out-failed");
    let fresh = dir.join("fresh.json");
    let kept = dir.join("kept.json");
    std::fs::write(&kept, "previous results\n").unwrap();
    for out in [&fresh, &kept] {
        let run = common::kaohe(&[
            "eval",
            "--policy",
            "policies/luoshan",
            "--facts",
            "tests/cases/facts/many_errors.json",
            "--out",
            &out.display().to_string(),
        ]);
        assert_eq!(run.code, 4, "{}", run.stderr);
    }
    assert!(!fresh.exists());
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "previous results\n");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "only the untouched file");
}

/// `--out` may not name an input: the facts file is never overwritten.
#[test]
fn out_never_overwrites_an_input() {
    let dir = common::scratch("out-input");
    let facts = dir.join("q.json");
    let original = std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap();
    std::fs::write(&facts, &original).unwrap();
    // Relative, so that the message is not wrapped however deep the checkout is.
    let path = "target/test-scratch/out-input/q.json";
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", path, "--out", path]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(common::flat(&run.stderr).contains("会覆盖本次运行的输入文件"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&facts).unwrap(), original);
}

/// A destination that cannot be written: exit 1, and no temporary file left.
#[test]
fn unwritable_out_fails_cleanly() {
    let dir = common::scratch("out-unwritable");
    let out = dir.join("no-such-dir").join("results.json");
    let run = common::kaohe(&[
        "eval",
        "--policy",
        "policies/luoshan",
        "--facts",
        "examples/2026-Q3.json",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("无法写入"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
