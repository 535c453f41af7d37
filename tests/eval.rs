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
    assert_eq!(run.code, 4);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no staff member or window has id `S018`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean"), "{}", run.stderr);
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
    let help = common::kaohe(&["eval", "--help"]);
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
