//! Standings: chosen grades and their quota ties, vetoes, flags,
//! substitution, policy versions by period, and the annual roll-up.
//! Cases are facts files in `tests/cases/standing/`; the annual example is
//! `examples/2026-annual/`. Review changed snapshots with `cargo insta review`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;

fn eval_json(policy: &str, facts: &str) -> Value {
    let run = common::kaohe(&["eval", "--policy", policy, "--facts", facts, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn explain(facts: &str, id: &str) -> String {
    let run = common::kaohe(&["explain", "--policy", "policies/luoshan", "--facts", facts, "--id", id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn grades(json: &Value, list: &str) -> Vec<(String, String)> {
    json[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r["grade"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn standing_cases() {
    insta::glob!("cases/standing/*.json", |path| {
        let facts = path.strip_prefix(common::root()).unwrap().display().to_string();
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &facts, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(run.stdout);
    });
}

/// 7 staff give ⌊15% × 7⌋ = 1 place; the two at 100 tie for it, so neither
/// is chosen, nor anyone below them, and the output says so.
#[test]
fn a_tie_at_the_quota_cut_is_left_out_whole() {
    let json = eval_json("policies/luoshan", "tests/cases/standing/tie_at_cut.json");
    let selection = &json["selection"]["staff"][0];
    assert_eq!(selection["limit"], 1);
    assert_eq!(selection["chosen"].as_array().unwrap().len(), 0);
    assert_eq!(selection["tie_left_out"]["ids"], serde_json::json!(["S001", "S002"]));
    assert!(grades(&json, "staff").iter().all(|(_, g)| g != "excellent"));
    for id in ["S001", "S002"] {
        let record = json["staff"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(record["left_out_tied"], true);
        assert_eq!(record["rank"], 1);
    }
    insta::assert_snapshot!(explain("tests/cases/standing/tie_at_cut.json", "S002"));
    assert_eq!(selection["unfilled"], 1);
    // The table's quota footer says it too.
    let table =
        common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", "tests/cases/standing/tie_at_cut.json"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let note = "优秀：名额 1 = 7 × 15%，评出 0；100 分 2 人同分整体未评入（员工1、员工2）；空缺 1 个 [第十九条]";
    assert!(table.stdout.lines().any(|l| l == note), "{}", table.stdout);
}

/// Each veto of the shipped policy, as `explain` shows it.
#[test]
fn each_veto_is_explained() {
    let facts = "tests/cases/standing/vetoes.json";
    let json = eval_json("policies/luoshan", facts);
    let chosen: Vec<String> =
        grades(&json, "staff").into_iter().filter(|(_, g)| g == "excellent").map(|(id, _)| id).collect();
    // ⌊15% × 20⌋ = 3: the three best without a veto, not the vetoed ones
    // above them. S004 (100 + 60 − 50 = 110) was exposed: that bars the
    // year's honours only (第二十二条), not the quarter's 优秀.
    assert_eq!(chosen, ["S004", "S005", "S006"]);
    let s004 = json["staff"].as_array().unwrap().iter().find(|r| r["id"] == "S004").unwrap().clone();
    assert_eq!(s004["vetoes"], serde_json::json!([]));
    assert_eq!(s004["total"], 110);
    // The ledger says each in the printed rubric's words, with what was read;
    // the JSON in the policy's notation, and each test as data.
    for (id, ledger_reason, json_reason) in [
        (
            "S001",
            "不得评为优秀：角色为首席代表 且 本窗口办件出现红黄牌 > 0（实为 1）  [附件1/政务服务/4]",
            "role chief_rep and red_yellow_cards in window = 1",
        ),
        ("S002", "不得评为优秀：办件出现红黄牌 > 0（实为 1）  [附件1/政务服务/4]", "red_yellow_cards = 1"),
        ("S003", "不得评为优秀：中途缺勤工作日（不含公伤、婚假、产假） ≥ 5（实为 6）  [第十五条]", "days_away = 6"),
        (
            "S008",
            "不得评为优秀：违反“五禁止”“十不准”情况严重 > 0（实为 1）  [附件1/工作纪律/5]",
            "prohibited_serious = 1",
        ),
    ] {
        let ledger = explain(facts, id);
        assert!(ledger.lines().any(|l| l == ledger_reason), "{id}: `{ledger_reason}` not in\n{ledger}");
        let record = json["staff"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(record["vetoes"][0]["reason"], json_reason, "{id}");
        insta::assert_snapshot!(format!("veto_{id}"), ledger);
    }
    let s001 = &json["staff"][0]["vetoes"][0]["tests"];
    assert_eq!(
        s001,
        &serde_json::json!([
            {"test": "role", "role": "chief_rep", "actual": "chief_rep", "held": true},
            {"test": "compare", "terms": [{"fact": "red_yellow_cards", "scope": "window", "value": 1}],
             "sum": 1, "op": ">", "limit": 0, "held": true}
        ])
    );
    let s003 = &json["staff"][2]["vetoes"][0]["tests"][0];
    assert_eq!(s003["terms"], serde_json::json!([{"attribute": "days_away", "value": 6}]));
    assert_eq!((s003["op"].clone(), s003["limit"].clone()), (">=".into(), 5.into()));
    // Windows: a card among the staff, and an exposure.
    let windows = json["windows"].as_array().unwrap();
    let reason = |id: &str| windows.iter().find(|w| w["id"] == id).unwrap()["vetoes"][0]["reason"].clone();
    assert_eq!(reason("W01"), "red_yellow_cards of staff = 1");
    let w01 = &windows.iter().find(|w| w["id"] == "W01").unwrap()["vetoes"][0]["tests"][0]["terms"][0];
    assert_eq!(w01, &serde_json::json!({"fact": "red_yellow_cards", "scope": "staff", "value": 1}));
    assert_eq!(reason("W05"), "exposures = 1");
    insta::assert_snapshot!("veto_W01", explain(facts, "W01"));
    // The flags 退回原单位 for a serious violation, 向所在单位通报 for a card.
    let find = |id: &str| json["staff"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(find("S008")["flags"][0]["flag"], "return_to_unit");
    assert_eq!(find("S002")["flags"][0]["flag"], "notify_unit");
    assert_eq!(find("S001")["flags"][0]["flag"], "notify_unit");
}

#[test]
fn substitution_scores_to_the_person_substituted() {
    let facts = "tests/cases/standing/substitution.json";
    let json = eval_json("policies/luoshan", facts);
    let s002 = &json["staff"][1];
    // Own late arrival 1 + the substitute's 1: 2 × 3 = 6 off attendance; 2 praise messages: +1.
    assert_eq!(s002["categories"]["attendance"], 19);
    assert_eq!(s002["bonus"], 1);
    let late = s002["trace"].as_array().unwrap().iter().find(|e| e["fact"] == "late_early_away").unwrap();
    assert_eq!(late["quantity"], 2);
    assert_eq!(late["substituted"], 1);
    let ledger = explain(facts, "S002");
    assert!(ledger.contains("王五（T01）顶岗期间产生"), "{ledger}");
    insta::assert_snapshot!(ledger);
}

/// The same facts are scored by the version in force for their period: the
/// made-up 2025 version (`common::made_up_versions`) has 10% red flags,
/// 2026 has 20%.
#[test]
fn the_period_picks_the_policy_version() {
    let dir = common::scratch("versions");
    let policy = common::made_up_versions(&common::scratch("versions-policy"));
    let text = std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap();
    let as_2025 = dir.join("2025-Q3.json");
    // The 2025 rubric had no `long_midday_leaves`: the example's one such fact goes.
    let text = text.replace(", \"long_midday_leaves\": 1", "");
    assert!(!text.contains("long_midday_leaves"));
    std::fs::write(&as_2025, text.replace("\"2026-Q3\"", "\"2025-Q3\"")).unwrap();

    let new = eval_json(&policy, "examples/2026-Q3.json");
    let old = eval_json(&policy, &as_2025.display().to_string());
    let red_flags = |json: &Value| grades(json, "windows").iter().filter(|(_, g)| g == "red_flag").count();
    assert_eq!(new["effective"], "2026-01-01");
    assert_eq!(old["effective"], "2025-01-01");
    assert_eq!(red_flags(&new), 2, "⌊20% × 12⌋");
    assert_eq!(red_flags(&old), 1, "⌊10% × 12⌋");

    let run = common::kaohe(&["eval", "--policy", &policy, "--facts", &as_2025.display().to_string()]);
    assert!(run.stderr.contains(&format!("{policy}/2025（2025-01-01 施行）")), "{}", run.stderr);
}

/// A fact the made-up 2025 rubric did not have is an error in a 2025 quarter only.
#[test]
fn a_fact_new_in_2026_is_unknown_in_2025() {
    let dir = common::scratch("versions-new-fact");
    let policy = common::made_up_versions(&common::scratch("versions-new-fact-policy"));
    let facts = r#"{"period": "PERIOD", "windows": [{"id": "W01"}],
        "staff": [{"id": "S1", "window": "W01", "role": "chief_rep", "workdays": 60, "facts": {"long_midday_leaves": 2}}]}"#;
    for (period, code) in [("2026-Q1", 0), ("2025-Q4", 4)] {
        let path = dir.join(format!("{period}.json"));
        std::fs::write(&path, facts.replace("PERIOD", period)).unwrap();
        let run = common::kaohe(&["eval", "--policy", &policy, "--facts", &path.display().to_string()]);
        assert_eq!(run.code, code, "{period}: {}", run.stderr);
        if code == 4 {
            assert!(run.stderr.contains("未知事实 `long_midday_leaves`"), "{}", run.stderr);
        }
    }
}

#[test]
fn a_period_before_every_version_is_refused() {
    let dir = common::scratch("versions-too-early");
    let path = dir.join("2024-Q4.json");
    let text = std::fs::read_to_string(common::root().join("tests/cases/standing/substitution.json")).unwrap();
    std::fs::write(&path, text.replace("2026-Q3", "2024-Q4")).unwrap();
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &path.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("施行的政策版本"), "{}", run.stderr);
    assert!(run.stderr.contains("2024-10-01"), "{}", run.stderr);
}

/// Changing the quota or a veto is an edit to a `.rules` file, nothing else.
#[test]
fn quota_and_vetoes_are_policy_text() {
    let facts = "tests/cases/standing/vetoes.json";
    let dir = common::scratch("edited-quota");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    let edited = text
        .replace("chosen from competent, at most 15%", "chosen from competent, at most 10%")
        .replace("not excellent when days_away >= 5", "not excellent when days_away >= 7");
    assert_ne!(text, edited);
    std::fs::write(&staff, edited).unwrap();

    let shipped = eval_json("policies/luoshan", facts);
    let changed = eval_json(&dir.display().to_string(), facts);
    let excellent = |json: &Value| -> Vec<String> {
        grades(json, "staff").into_iter().filter(|(_, g)| g == "excellent").map(|(id, _)| id).collect()
    };
    assert_eq!(excellent(&shipped), ["S004", "S005", "S006"]);
    // ⌊10% × 20⌋ = 2: S004 (110), and S003 (108, 6 days away) is eligible
    // once the veto needs 7, ahead of S005 (104).
    assert_eq!(excellent(&changed), ["S003", "S004"]);
}

#[test]
fn annual_example() {
    let quarters: Vec<String> = (1..=4).map(|q| format!("examples/2026-annual/2026-Q{q}.json")).collect();
    let mut args = vec!["annual", "--policy", "policies/luoshan", "--format", "json", "--facts"];
    args.extend(quarters.iter().map(String::as_str));
    let run = common::kaohe(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["missing"], serde_json::json!([]));
    let find = |list: &str, id: &str| json[list].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    // 第十三条: in the hall from 2026-08-10, under 6 months: not assessed.
    let s0028 = find("staff", "S0028");
    assert_eq!(s0028["assessed"], false);
    assert_eq!(s0028["not_assessed"][0]["reason"], "months_in_hall = 4.71");
    assert_eq!(
        s0028["not_assessed"][0]["tests"],
        serde_json::json!([{"test": "compare", "terms": [{"derived": "months_in_hall", "value": 4.71}],
                            "sum": 4.71, "op": "<", "limit": 6, "held": true}])
    );
    // 第十章 四.6: the year's best total, but 8 late arrivals: not excellent.
    let s0017 = find("staff", "S0017");
    assert_eq!((s0017["rank"].clone(), s0017["grade"].clone()), (1.into(), "competent".into()));
    assert_eq!(s0017["vetoes"][0]["reason"], "late_early_away = 8");
    // 第二十二条: an annual unfit is returned to their unit.
    let s0007 = find("staff", "S0007");
    assert_eq!(s0007["grade"], "unfit");
    assert_eq!(s0007["flags"][0]["flag"], "return_to_unit");
    // 第十七条: red flag in all four quarters.
    let w08 = find("windows", "W08");
    assert_eq!(w08["flags"][0]["flag"], "red_flag_candidate");
    assert_eq!(w08["grade"], "red_flag");
    // 第十七条 the other way: never red flag, so `not grade red_flag in every quarter` held.
    let w01 = find("windows", "W01");
    assert_eq!(w01["vetoes"][0]["reason"], "not (grade red_flag in 0 of 4 quarters)");
    assert_eq!(
        w01["vetoes"][0]["tests"],
        serde_json::json!([{"test": "grade_in_every_quarter", "grade": "red_flag", "quarters": 0, "of": 4, "held": false}])
    );
    // A move between windows: the last one counts.
    let s0011 = find("staff", "S0011");
    assert_eq!((s0011["window"].clone(), s0011["windows"].clone()), ("W05".into(), serde_json::json!(["W03", "W05"])));
    insta::assert_snapshot!("annual_json", run.stdout);

    args[4] = "table";
    let table = common::kaohe(&args);
    assert_eq!(table.code, 0, "{}", table.stderr);
    insta::assert_snapshot!("annual_table", table.stdout);
}

#[test]
fn annual_refuses_mixed_years_and_duplicate_quarters() {
    let dir = common::scratch("annual-periods");
    let q1 = std::fs::read_to_string(common::root().join("examples/2026-annual/2026-Q1.json")).unwrap();
    let other_year = dir.join("2027-Q2.json");
    std::fs::write(&other_year, q1.replace("\"2026-Q1\"", "\"2027-Q2\"")).unwrap();
    let run = common::kaohe(&[
        "annual",
        "--policy",
        "policies/luoshan",
        "--facts",
        "examples/2026-annual/2026-Q1.json",
        "examples/2026-annual/2026-Q1.json",
        &other_year.display().to_string(),
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("都是 2026-Q1"), "{}", run.stderr);
    assert!(run.stderr.contains("是 2027-Q2，而"), "{}", run.stderr);
}

#[test]
fn annual_with_missing_quarters_says_so() {
    let run = common::kaohe(&[
        "annual",
        "--policy",
        "policies/luoshan",
        "--format",
        "json",
        "--facts",
        "examples/2026-annual/2026-Q3.json",
        "examples/2026-annual/2026-Q1.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("没有 2026-Q2、2026-Q4 的事实，年度总分按已给出的季度平均"), "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["quarters"], serde_json::json!(["2026-Q1", "2026-Q3"]));
    assert_eq!(json["missing"], serde_json::json!(["2026-Q2", "2026-Q4"]));
    // Nobody can be red flag in every quarter of a year with quarters missing.
    for window in json["windows"].as_array().unwrap() {
        assert!(window["flags"].as_array().unwrap().is_empty(), "{window}");
    }
}

/// Totals that differ only in their last decimal place rank apart, and the
/// quota takes the higher: ranking never rounds (issue 9, finding 6). The
/// finding's totals differed in the 11th place; a facts number now has at
/// most 6 decimals (an 11-decimal one is refused: tests/hostile.rs), so the
/// last place a total can differ in is the 6th, and that is tested here.
#[test]
fn totals_rank_exactly_to_the_last_digit() {
    let dir = common::scratch("exact-ranks");
    let person = |id: &str, rude: &str| {
        format!(
            r#"{{"id": "{id}", "name": "员工", "window": "W01", "role": "operator", "workdays": 60, "facts": {{"rude_conduct": [{rude}]}}}}"#
        )
    };
    let staff: Vec<String> = [("S001", "5.000001"), ("S002", "5.000002")]
        .into_iter()
        .chain((3..=7).map(|i| (["S003", "S004", "S005", "S006", "S007"][i - 3], "10")))
        .map(|(id, rude)| person(id, rude))
        .collect();
    let facts = format!(
        r#"{{"period": "2026-Q2", "windows": [{{"id": "W01", "name": "社保窗口"}}], "staff": [{}]}}"#,
        staff.join(", ")
    );
    let path = dir.join("close.json");
    std::fs::write(&path, facts).unwrap();
    let json = eval_json("policies/luoshan", &path.display().to_string());
    let staff = json["staff"].as_array().unwrap();
    let field = |i: usize, key: &str| staff[i][key].clone();
    assert_eq!(field(0, "total").to_string(), "94.999999");
    assert_eq!(field(1, "total").to_string(), "94.999998");
    assert_eq!((field(0, "rank"), field(1, "rank"), field(2, "rank")), (1.into(), 2.into(), 3.into()));
    // ⌊15% × 7⌋ = 1 place: the higher total takes it, and no tie is reported.
    let selection = &json["selection"]["staff"][0];
    assert_eq!(selection["chosen"], serde_json::json!(["S001"]));
    assert!(selection.get("tie_left_out").is_none(), "{selection}");
    assert_eq!((field(0, "grade"), field(1, "grade")), ("excellent".into(), "competent".into()));
}

/// Facts are looked up by their index in the policy, whatever order the file
/// gives them in: a fact counted among another finds it, and every rule of
/// every fact given is scored, in policy order.
#[test]
fn facts_in_any_order_are_found() {
    let dir = common::scratch("fact-order");
    // Reverse policy order, with an unrelated fact between.
    let facts = r#"{"period": "2026-Q2", "windows": [{"id": "W01", "name": "社保窗口"}], "staff": [
        {"id": "S001", "name": "员工", "window": "W01", "role": "operator", "workdays": 60,
         "facts": {"prohibited_serious": 1, "late_early_away": 2, "prohibited_acts": 1}}]}"#;
    let path = dir.join("order.json");
    std::fs::write(&path, facts).unwrap();
    let json = eval_json("policies/luoshan", &path.display().to_string());
    let rules: Vec<String> =
        json["staff"][0]["trace"].as_array().unwrap().iter().map(|e| e["fact"].as_str().unwrap().to_string()).collect();
    assert_eq!(rules, ["prohibited_acts", "late_early_away"], "{}", json["staff"][0]);
    assert_eq!(json["staff"][0]["flags"][0]["flag"], "return_to_unit");
}
