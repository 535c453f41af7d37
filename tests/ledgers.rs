//! Ledgers for appeals: a record's year, every record at once (a page each
//! in HTML), JSON, by name, and a substitute's id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;

const QUARTER: &str = "examples/2026-Q3.json";
const YEAR: [&str; 4] = [
    "examples/2026-annual/2026-Q1.json",
    "examples/2026-annual/2026-Q2.json",
    "examples/2026-annual/2026-Q3.json",
    "examples/2026-annual/2026-Q4.json",
];

fn explain(facts: &[&str], extra: &[&str]) -> common::Run {
    let mut args = vec!["explain", "--policy", "policies/luoshan", "--facts"];
    args.extend(facts);
    args.extend(extra);
    common::kaohe(&args)
}

/// The year's rank-1 person is not 优秀: the ledger says why, with the
/// numbers quarter by quarter and the clause.
#[test]
fn a_year_ledger() {
    let run = explain(&YEAR, &["--id", "S0017"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ledger = &run.stdout;
    assert!(ledger.contains("年度总分 (103 + 105 + 106 + 112) ÷ 4 = 106.5"), "{ledger}");
    assert!(ledger.contains("不得评为优秀：迟到、早退、离岗（缺岗） ≥ 8（实为 8）  [第十章/四/6]"), "{ledger}");
    assert!(ledger.contains("迟到、早退、离岗（缺岗）：一季度 3、二季度 3、三季度 2、四季度 0，合计 8"), "{ledger}");
    assert!(ledger.contains("年度等次 称职（名次 1）"));
    // The same from `annual --explain`.
    let mut args = vec!["annual", "--policy", "policies/luoshan", "--facts"];
    args.extend(YEAR);
    args.extend(["--explain", "S0017"]);
    let annual = common::kaohe(&args);
    assert_eq!(annual.code, 0, "{}", annual.stderr);
    assert_eq!(&annual.stdout, ledger);
    insta::assert_snapshot!("year_ledger_S0017", ledger);
    // Not assessed, and why.
    let run = explain(&YEAR, &["--id", "S0028"]);
    assert!(run.stdout.contains("不参加年度考核：在大厅工作月数 < 6（实为 4.71）  [第十三条]"), "{}", run.stdout);
    assert!(run.stdout.contains("  一季度  （不在大厅）"), "{}", run.stdout);
}

#[test]
fn ledgers_as_json() {
    let run = explain(&[QUARTER], &["--id", "S0040", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["period"], "2026-Q3");
    assert_eq!(json["record"]["id"], "S0040");
    assert_eq!(json["record"]["total"], 95);
    assert_eq!(json["marks"][0]["kind"], "veto");
    assert_eq!(json["marks"][0]["cite"], "第十五条");

    let year = explain(&YEAR, &["--id", "S0017", "--format", "json"]);
    let json: Value = serde_json::from_str(&year.stdout).unwrap();
    assert_eq!(json["total"], 106.5);
    assert_eq!(json["rank"], 1);
    assert_eq!(json["grade"], "competent");
    assert_eq!(json["quarters"].as_array().unwrap().len(), 4);
    let decided = &json["marks"][0]["by_quarter"][0];
    assert_eq!(decided["quarters"]["2026-Q1"], 3);
    assert_eq!(decided["quarters"]["2026-Q4"], 0);
}

#[test]
fn every_record_at_once() {
    let run = explain(&[QUARTER], &["--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // 40 staff and 12 windows, a form feed between them (a page each when printed).
    assert_eq!(run.stdout.matches('\u{c}').count(), 51);
    let json = explain(&[QUARTER], &["--all", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(list.len(), 52);
    let html = explain(&[QUARTER], &["--all", "--format", "html"]);
    assert_eq!(html.stdout.matches("<article class=\"ledger\">").count(), 52);
    assert!(html.stdout.contains("article.ledger + article.ledger { break-before: page; }"));
    let year = explain(&YEAR, &["--all", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&year.stdout).unwrap();
    assert_eq!(list.len(), 28 + 8);
}

#[test]
fn by_name_and_by_a_substitute_id() {
    let by_name = explain(&[QUARTER], &["--id", "贾志强"]);
    let by_id = explain(&[QUARTER], &["--id", "S0040"]);
    assert_eq!(by_name.code, 0, "{}", by_name.stderr);
    assert_eq!(by_name.stdout, by_id.stdout);

    let q2 = "examples/2026-annual/2026-Q2.json";
    let run = explain(&[q2], &["--id", "T01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("`T01` (王五) stood in for S0014 郭欣怡"), "{}", run.stderr);
    assert!(run.stdout.starts_with("S0014 郭欣怡"), "{}", run.stdout);
    assert!(run.stdout.contains("由 王五（T01）顶岗期间产生"), "{}", run.stdout);
    let year = explain(&YEAR, &["--id", "T01"]);
    assert!(year.stderr.contains("stood in for S0014 郭欣怡"), "{}", year.stderr);

    let unknown = explain(&[QUARTER], &["--id", "S004O"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stdout.is_empty());
    assert!(unknown.stderr.contains("是不是 `S0040`（贾志强）？"), "{}", unknown.stderr);
}
