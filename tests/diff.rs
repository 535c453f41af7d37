//! `kaohe diff`: a rubric change, shown on a period's facts before it is
//! adopted. A made-up earlier version against the shipped policy (the
//! bureau's document has one version: `common::made_up_versions`), an
//! edited copy of the policy, and facts that one side rejects.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use serde_json::Value;

/// A path relative to the crate root, as the tests pass it (and as the output shows it).
fn relative(path: &Path) -> String {
    path.strip_prefix(common::root()).unwrap().display().to_string()
}

/// The made-up 2025 version, in its own scratch directory.
fn made_up_2025(name: &str) -> String {
    format!("{}/2025", common::made_up_versions(&common::scratch(name)))
}

/// The example quarter without the one fact the made-up 2025 rubric did not have.
/// Its period, 2026-Q3, is after both versions' `effective` dates, so each
/// version directory, a single-version policy, applies to it.
fn facts_for_both(dir: &Path) -> String {
    let text = std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap();
    let text = text.replace(", \"long_midday_leaves\": 1", "");
    assert!(!text.contains("long_midday_leaves"));
    assert!(text.contains("\"period\": \"2026-Q3\""));
    let path = dir.join("2026-Q3.json");
    std::fs::write(&path, text).unwrap();
    relative(&path)
}

fn diff(from: &str, to: &str, facts: &str, json: bool) -> common::Run {
    let mut args = vec!["diff", "--from", from, "--to", to, "--facts", facts];
    if json {
        args.extend(["--format", "json"]);
    }
    common::kaohe(&args)
}

fn parse(run: &common::Run) -> Value {
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|err| panic!("not JSON: {err}\n{}", run.stdout))
}

/// The made-up 2025 → the shipped 2026: a rule and its fact added, the 红旗
/// quota from 10% to 20%. No staff total moves (nobody has the new fact);
/// one window becomes 红旗.
#[test]
fn diff_2025_to_2026() {
    let dir = common::scratch("diff-versions");
    let facts = facts_for_both(&dir);
    let old = made_up_2025("diff-versions-policy");
    let run = diff(&old, "policies/luoshan/2026", &facts, false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("scored by policy {old} (effective 2025-01-01)")), "{}", run.stderr);
    assert!(run.stderr.contains("scored by policy policies/luoshan/2026 (effective 2026-01-01)"), "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn diff_2025_to_2026_json() {
    let dir = common::scratch("diff-versions-json");
    let facts = facts_for_both(&dir);
    let old = made_up_2025("diff-versions-json-policy");
    let run = diff(&old, "policies/luoshan/2026", &facts, true);
    let json = parse(&run);
    assert_eq!(json["period"], "2026-Q3");
    assert_eq!(json["from"]["effective"], "2025-01-01");
    assert_eq!(json["to"]["effective"], "2026-01-01");

    let changes = json["policy_changes"].as_array().unwrap();
    let summary: Vec<(String, String, String, String)> = changes
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("subject"), s("kind"), s("id"), s("change"))
        })
        .collect();
    let expected = [
        ("staff", "fact", "long_midday_leaves", "added"),
        ("staff", "rule", "attendance.long_midday_leaves", "added"),
        ("window", "grade", "red_flag", "changed"),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(summary, expected);
    assert_eq!(changes[2]["fields"]["quota"]["old"], "at most 10%");
    assert_eq!(changes[2]["fields"]["quota"]["new"], "at most 20%");

    assert_eq!(json["staff"]["assessed"], 40);
    assert_eq!(json["staff"]["unchanged"], 40);
    assert_eq!(json["staff"]["changed"], serde_json::json!([]));
    assert_eq!(json["windows"]["unchanged"], 11);
    let window = &json["windows"]["changed"][0];
    assert_eq!(window["old"]["grade"], "good");
    assert_eq!(window["new"]["grade"], "red_flag");
    assert_eq!(window["old"]["total"], window["new"]["total"]);
    assert_eq!(window["delta"], 0);
    insta::assert_snapshot!(run.stdout);
}

/// An author's edit: 迟到 from 3 to 5 points, wording and all.
fn edited_lateness(dir: &Path) -> String {
    common::copy_policy(dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    let edited = text.replace(
        "late_early_away     deduct 3 each            [附件1/出勤值勤/1]",
        "late_early_away     deduct 5 each            [附件1/出勤值勤/1]",
    );
    assert_ne!(text, edited, "the shipped rule changed: update this test");
    std::fs::write(&staff, edited).unwrap();
    relative(dir)
}

#[test]
fn diff_edited_lateness() {
    let dir = common::scratch("diff-lateness");
    let edited = edited_lateness(&dir);
    // `--from` a versions directory: the version in force for 2026-Q3 is 2026.
    let run = diff("policies/luoshan", &edited, "examples/2026-Q3.json", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("~ rule  attendance.late_early_away"), "{}", run.stdout);
    assert!(run.stdout.contains("action: deduct 3 each → deduct 5 each"), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout);
}

/// Every staff member late at least once loses 2 points a time (unless the
/// category's floor stops it); nothing else moves; largest change first.
#[test]
fn diff_edited_lateness_json() {
    let dir = common::scratch("diff-lateness-json");
    let edited = edited_lateness(&dir);
    let json = parse(&diff("policies/luoshan", &edited, "examples/2026-Q3.json", true));
    let facts: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap()).unwrap();
    let late: Vec<(&str, i64)> = facts["staff"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["facts"]["late_early_away"].as_i64().map(|n| (s["id"].as_str().unwrap(), n)))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert!(!late.is_empty());

    let changes = &json["policy_changes"];
    assert_eq!(changes.as_array().unwrap().len(), 1, "{changes}");
    assert_eq!(changes[0]["id"], "attendance.late_early_away");
    assert_eq!(changes[0]["fields"]["action"]["old"], "deduct 3 each");
    assert_eq!(changes[0]["fields"]["action"]["new"], "deduct 5 each");

    let staff = json["staff"]["changed"].as_array().unwrap();
    assert_eq!(staff.len() + json["staff"]["unchanged"].as_u64().unwrap() as usize, 40);
    for record in staff {
        let id = record["id"].as_str().unwrap();
        let n = late.iter().find(|(l, _)| *l == id).map(|(_, n)| *n);
        let n = n.unwrap_or_else(|| panic!("{id} moved but was never late"));
        let delta = record["delta"].as_f64().unwrap();
        assert!(delta < 0.0 && delta >= -2.0 * n as f64, "{record}");
    }
    for list in ["staff", "windows"] {
        let deltas: Vec<f64> =
            json[list]["changed"].as_array().unwrap().iter().map(|r| r["delta"].as_f64().unwrap().abs()).collect();
        assert!(!deltas.is_empty(), "{list}");
        assert!(deltas.windows(2).all(|w| w[0] >= w[1]), "{list}: {deltas:?}");
    }
}

#[test]
fn diff_same_policy_moves_nothing() {
    let run = diff("policies/luoshan/2026", "policies/luoshan", "examples/2026-Q3.json", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("政策变化：无"), "{}", run.stdout);
    assert!(run.stdout.contains("窗口工作人员（40）：变化 0，不变 40"), "{}", run.stdout);
    assert!(run.stdout.contains("窗口（12）：变化 0，不变 12"), "{}", run.stdout);
}

/// A fact the old policy lacks (the usual case when a rubric grows, issue 8
/// Why 5): the old policy scores it as zero, and the run says so.
#[test]
fn diff_a_fact_only_the_new_policy_knows_is_zero_in_the_old() {
    let old = made_up_2025("diff-one-sided-old");
    let run = diff(&old, "policies/luoshan/2026", "examples/2026-Q3.json", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "staff `long_midday_leaves` (中途请假超过2小时) is known only to the new policy: the old one ({old}) scores it as zero (1 records give it)"
        )),
        "{}",
        run.stderr
    );
    assert!(run
        .stdout
        .contains("仅新政策有：staff long_midday_leaves（中途请假超过2小时），旧政策按 0 计；1 条记录填报"));
    // The one record that has it moves by what the new rule deducts.
    let json = parse(&diff(&old, "policies/luoshan/2026", "examples/2026-Q3.json", true));
    let one = &json["one_sided"][0];
    assert_eq!(
        (one["fact"].as_str(), one["known_to"].as_str(), one["records"].as_u64()),
        (Some("long_midday_leaves"), Some("to"), Some(1))
    );
    let facts: Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap()).unwrap();
    let who =
        facts["staff"].as_array().unwrap().iter().find(|r| r["facts"].get("long_midday_leaves").is_some()).unwrap();
    let moved = json["staff"]["changed"].as_array().unwrap();
    let entry = moved.iter().find(|m| m["id"] == who["id"]).unwrap_or_else(|| panic!("{} did not move", who["id"]));
    assert!(entry["delta"].as_f64().unwrap() < 0.0, "{entry}");
}

/// The other way round: a fact the new policy dropped is zero in the new.
#[test]
fn diff_a_fact_only_the_old_policy_knows_is_zero_in_the_new() {
    let new = made_up_2025("diff-one-sided-new");
    let run = diff("policies/luoshan/2026", &new, "examples/2026-Q3.json", true);
    let json = parse(&run);
    assert_eq!(json["one_sided"][0]["known_to"], "from");
    assert!(run.stderr.contains(&format!("is known only to the old policy: the new one ({new}) scores it as zero")));
}

/// Facts one side refuses and the other takes: the run is refused, and
/// says which side refused them.
#[test]
fn diff_facts_rejected_by_one_side() {
    let dir = common::scratch("diff-narrow");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    assert!(text.contains("amounts 5-10"));
    std::fs::write(&staff, text.replacen("amounts 5-10", "amounts 5-6", 1)).unwrap();
    // One staff member assessed 8 points for a case: inside 5-10, outside 5-6.
    let example = std::fs::read_to_string(common::root().join("examples/2026-Q3.json")).unwrap();
    let staff = example.find("\"staff\"").unwrap();
    let at = staff + example[staff..].find("\"facts\": {").unwrap() + "\"facts\": {".len();
    let edited = format!("{}\"rude_conduct\": [8], {}", &example[..at], &example[at..]);
    let facts = dir.join("case-of-8.json");
    std::fs::write(&facts, edited).unwrap();
    let facts = relative(&facts);
    let run = diff("policies/luoshan", &relative(&dir), &facts, false);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("新政策（--to target/test-scratch/diff-narrow）不接受这些事实"), "{}", run.stderr);
    assert!(!run.stderr.contains("旧政策"), "{}", run.stderr);

    let run = diff(&relative(&dir), "policies/luoshan", &facts, false);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("旧政策（--from target/test-scratch/diff-narrow）不接受这些事实"), "{}", run.stderr);
    assert!(!run.stderr.contains("新政策"), "{}", run.stderr);
}

/// Facts that are not even JSON are refused once, before either policy reads them.
#[test]
fn diff_malformed_facts_are_refused_once() {
    let dir = common::scratch("diff-bad-facts");
    let path = dir.join("bad.json");
    std::fs::write(&path, "{\"period\": \"2026-Q3\", \"windows\": [}").unwrap();
    let old = made_up_2025("diff-bad-facts-policy");
    let run = diff(&old, "policies/luoshan/2026", &relative(&path), false);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("JSON 格式有误"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("这里应是一个值").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("共 1 个错误"), "{}", run.stderr);
}

/// A broken new policy is a policy error (exit 3), on the new side.
#[test]
fn diff_new_policy_rejected() {
    let dir = common::scratch("diff-bad-policy");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    std::fs::write(&staff, text.replace("late_early_away     deduct 3 each", "late_early_away     deduct 3 per day"))
        .unwrap();
    let run = diff("policies/luoshan", &relative(&dir), "examples/2026-Q3.json", false);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("新政策（--to target/test-scratch/diff-bad-policy）未通过检查"), "{}", run.stderr);
}
