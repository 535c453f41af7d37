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
        ("policy", "reading", "long_midday", "added"),
        ("staff", "fact", "long_midday_leaves", "added"),
        ("staff", "rule", "attendance.long_midday_leaves", "added"),
        ("window", "grade", "red_flag", "changed"),
        ("records", "leave", "midday", "changed"),
    ]
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()));
    assert_eq!(summary, expected);
    assert_eq!(changes[3]["fields"]["quota"]["old"], "at most 10%");
    assert_eq!(changes[3]["fields"]["quota"]["new"], "at most 20%");
    // The counting rule of the new fact, beside its old count.
    assert_eq!(changes[4]["fields"]["counts"]["old"], "midday_leaves 1 each [附件1/出勤值勤/3]");
    assert_eq!(
        changes[4]["fields"]["counts"]["new"],
        "midday_leaves 1 each, long_midday_leaves 1 each over 2 hours [附件1/出勤值勤/3]"
    );

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

// ---------------------------------------------------------------------------
// Every part of the policy: each edit to a copy of the shipped policy shows
// as the one change it is.
// ---------------------------------------------------------------------------

/// An edit to one file of a copy of the shipped policy, and the one change
/// the diff must report for it: (subject, kind, id, what), where `what` is
/// `added`, `removed`, or the one field that changed.
struct Edit {
    file: &'static str,
    replace: &'static str,
    with: &'static str,
    expect: (&'static str, &'static str, &'static str, &'static str),
}

const EDITS: &[Edit] = &[
    Edit {
        file: "policy.rules",
        replace: "policy \"罗山县政务服务和大数据管理局窗口及窗口工作人员考核办法\"",
        with: "policy \"罗山县政务服务和大数据管理局考核办法\"",
        expect: ("policy", "header", "policy", "name"),
    },
    Edit {
        file: "policy.rules",
        replace: "readings \"../../../docs/readings.md\"",
        with: "readings \"../../../docs/notes.md\"",
        expect: ("policy", "header", "readings", "file"),
    },
    Edit {
        file: "staff.rules",
        replace: "reading quota \"优秀从称职中按总分由高到低评出，",
        with: "reading quota \"优秀从称职中按总分从高到低评出，",
        expect: ("policy", "reading", "quota", "text"),
    },
    Edit {
        file: "staff.rules",
        replace: "annex [附件1] \"《罗山县政务服务和大数据管理局窗口工作人员考核评分细则》\"",
        with: "annex [附件1] \"《窗口工作人员考核评分细则》\"",
        expect: ("staff", "subject", "staff", "annex"),
    },
    Edit {
        file: "staff.rules",
        replace: "count among prohibited_acts",
        with: "count",
        expect: ("staff", "fact", "prohibited_serious", "among"),
    },
    Edit {
        file: "staff.rules",
        replace: "penalties \"扣分（不设下限）\"",
        with: "penalties \"扣分\"",
        expect: ("staff", "part", "penalties", "label"),
    },
    Edit {
        file: "staff.rules",
        replace: "row \"文明用语、热情服务\"",
        with: "row \"文明用语、微笑服务\"",
        expect: ("staff", "row", "附件1/工作纪律/1", "requirement"),
    },
    Edit {
        file: "staff.rules",
        replace: "\"无故缺席的，每次扣3分\"",
        with: "\"无故缺席的，每次扣３分\"",
        expect: ("staff", "row", "附件1/工作纪律/6", "scoring"),
    },
    Edit {
        file: "staff.rules",
        replace: "                            row \"向大厅提出工作建议被采纳后，效果较好的\" \"每件加１分\"\n",
        with: "",
        expect: ("staff", "row", "附件1/加分/4", "removed"),
    },
    Edit {
        file: "staff.rules",
        replace: "        banners             add 2 each      [附件1/加分/2]\n                            row \"服务对象以送锦旗、镜框等方式表扬的\" \"对窗口每次加２分\"\n                            reading staff_bonus\n",
        with: "        banners             add 2 each      [附件1/加分/2]\n                            row \"服务对象以送锦旗、镜框等方式表扬的\" \"对窗口每次加２分\"\n",
        expect: ("staff", "rule", "bonus.banners", "readings"),
    },
    Edit {
        file: "staff.rules",
        replace: "basic     \"基本称职\" from 60 below 80                   [第十二条]",
        with: "basic     \"基本称职\" from 60 below 80                   [第十九条]",
        expect: ("staff", "grade", "basic", "cite"),
    },
    Edit {
        file: "staff.rules",
        replace: "from 80                            [第十二条] \"获评分80分以上（含80分）、",
        with: "from 80                            [第十二条] \"获评分80分以上(含80分)、",
        expect: ("staff", "grade", "competent", "wording"),
    },
    Edit {
        file: "staff.rules",
        replace: "        competent \"合格\"",
        with: "        competent \"称职\"",
        expect: ("staff", "labels", "institution", "labels"),
    },
    Edit {
        file: "staff.rules",
        replace: "labels for institution \"事业单位人员\" [第十八条]",
        with: "labels for institution \"事业单位工作人员\" [第十八条]",
        expect: ("staff", "labels", "institution", "label"),
    },
    Edit {
        file: "staff.rules",
        replace: "star_staff \"明星个人\"   proposed from excellent, at most 3 ",
        with: "star_staff \"明星个人\"   proposed from excellent, at most 5 ",
        expect: ("staff", "honour", "star_staff", "at most"),
    },
    Edit {
        file: "staff.rules",
        replace: "star_chief \"明星班组长\" proposed from excellent when role chief_rep, at most 3",
        with: "star_chief \"明星班组长\" proposed from excellent when role operator, at most 3",
        expect: ("staff", "honour", "star_chief", "when"),
    },
    Edit {
        file: "staff.rules",
        replace: "        star_chief \"明星班组长\" proposed from excellent when role chief_rep, at most 3 [第十七条/四]\n            reading honour_count\n",
        with: "",
        expect: ("staff", "honour", "star_chief", "removed"),
    },
    Edit {
        file: "window.rules",
        replace: "star_window \"明星窗口\" proposed from red_flag, at most 3",
        with: "star_window \"明星窗口\" proposed from good, at most 3",
        expect: ("window", "honour", "star_window", "proposed from"),
    },
    Edit {
        file: "window.rules",
        replace: "annex [附件2] \"《罗山县政务服务和大数据管理局窗口绩效考核评分细则》\"",
        with: "annex [附件2] \"《罗山县政务服务和大数据管理局窗口考核评分细则》\"",
        expect: ("window", "subject", "window", "annex"),
    },
    Edit {
        file: "records.rules",
        replace: "morning in, on time until 08:55,",
        with: "morning in, on time until 09:00,",
        expect: ("records", "schedule", "作息时间 morning_in", "punch"),
    },
    Edit {
        file: "records.rules",
        replace: "afternoon \"下午\" 13:00-17:00",
        with: "afternoon \"下午\" 13:00-17:30",
        expect: ("records", "schedule", "作息时间 afternoon", "hours"),
    },
    Edit {
        file: "records.rules",
        replace: "late    late_early_away 1 each [第十章/三/1]",
        with: "late    late_early_away 2 each [第十章/三/1]",
        expect: ("records", "punches", "late", "counts"),
    },
    Edit {
        file: "records.rules",
        replace: "sick_leave_days 1 per day                   [附件1/出勤值勤/3]",
        with: "sick_leave_days 1 per day                   [附件1/出勤值勤/4]",
        expect: ("records", "leave", "sick", "counts"),
    },
    Edit {
        file: "records.rules",
        replace: "    marriage     \"婚假\"\n",
        with: "",
        expect: ("records", "leave", "marriage", "removed"),
    },
    Edit {
        file: "records.rules",
        replace: "days_away = absent_days + personal + sick + annual_leave + midday",
        with: "days_away = absent_days + personal + sick + annual_leave",
        expect: ("records", "away", "days_away", "sum"),
    },
    Edit {
        file: "records.rules",
        replace: "missing_post \"缺岗\"          late_early_away 1 each",
        with: "missing_post \"缺岗\"          late_early_away 1 each, desk_visiting 1 each",
        expect: ("records", "findings", "missing_post", "counts"),
    },
    Edit {
        file: "records.rules",
        replace: "facts by id or label [第十一条]",
        with: "facts by id or label [第十一条/一]",
        expect: ("records", "findings", "facts by id or label", "cite"),
    },
    Edit {
        file: "records.rules",
        replace: "immediate \"即办件\" due same day",
        with: "immediate \"即办件\" due in working days",
        expect: ("records", "cases", "immediate", "due"),
    },
    Edit {
        file: "records.rules",
        replace: "overdue overdue_joint_cases 1 each when joint",
        with: "overdue overdue_joint_cases 2 each when joint",
        expect: ("records", "cases", "overdue", "counts"),
    },
    Edit {
        file: "records.rules",
        replace: "    very_satisfied    \"非常满意\"\n",
        with: "",
        expect: ("records", "reviews", "very_satisfied", "removed"),
    },
    Edit {
        file: "calendar.rules",
        replace: "holiday \"中秋节\" 09-25 to 09-27",
        with: "holiday \"中秋节\" 09-25 to 09-28",
        expect: ("calendar", "holiday", "2026 中秋节", "days"),
    },
    Edit {
        file: "calendar.rules",
        replace: "holiday \"劳动节\" 05-01 to 05-05, working 05-09",
        with: "holiday \"劳动节\" 05-01 to 05-05, working 04-26, 05-09",
        expect: ("calendar", "calendar", "2026", "working"),
    },
    Edit {
        file: "calendar.rules",
        replace: "calendar 2026 \"国务院办公厅关于2026年部分节假日安排的通知\" issued 2025-11-04",
        with: "calendar 2026 \"国务院办公厅关于2026年部分节假日安排的通知\" issued 2025-11-05",
        expect: ("calendar", "calendar", "2026", "issued"),
    },
];

/// A copy of the shipped policy in a scratch directory of its own, with
/// each edit made once (each must be there to make).
fn edited_copy(name: &str, edits: &[&Edit]) -> String {
    let dir = common::scratch(name);
    common::copy_policy(&dir);
    for edit in edits {
        let path = dir.join(edit.file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches(edit.replace).count(),
            1,
            "`{}` is not once in {}: update the test",
            edit.replace,
            edit.file
        );
        std::fs::write(&path, text.replacen(edit.replace, edit.with, 1)).unwrap();
    }
    relative(&dir)
}

/// Each edit, alone, is the one change the diff reports, in the table and
/// in the JSON; nothing else is said to change. (The edits run four at a
/// time: each is two runs of the binary.)
#[test]
fn diff_sees_every_part_of_the_policy() {
    let numbered: Vec<(usize, &Edit)> = EDITS.iter().enumerate().collect();
    std::thread::scope(|scope| {
        for chunk in numbered.chunks(EDITS.len().div_ceil(4)) {
            scope.spawn(move || chunk.iter().for_each(|(n, edit)| one_change(*n, edit)));
        }
    });
}

fn one_change(n: usize, edit: &Edit) {
    let (subject, kind, id, what) = edit.expect;
    let copy = edited_copy(&format!("diff-part-{n}"), &[edit]);
    let run = diff("policies/luoshan/2026", &copy, "examples/2026-Q3.json", true);
    let json = parse(&run);
    let changes = json["policy_changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{}: {:#}", edit.replace, json["policy_changes"]);
    let change = &changes[0];
    assert_eq!(
        (change["subject"].as_str(), change["kind"].as_str(), change["id"].as_str()),
        (Some(subject), Some(kind), Some(id)),
        "{change}"
    );
    match what {
        "added" | "removed" => assert_eq!(change["change"], what, "{change}"),
        field => {
            assert_eq!(change["change"], "changed", "{change}");
            let fields = change["fields"].as_object().unwrap();
            assert_eq!(fields.keys().collect::<Vec<_>>(), [field], "{change}");
            assert_ne!(fields[field]["old"], fields[field]["new"], "{change}");
        }
    }
    // The table says the same, with its sign.
    let table = diff("policies/luoshan/2026", &copy, "examples/2026-Q3.json", false);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let sign = match what {
        "added" => "+",
        "removed" => "-",
        _ => "~",
    };
    let line = table.stdout.lines().find(|l| l.contains(&format!("{sign} {kind}")) && l.contains(id));
    assert!(line.is_some(), "no `{sign} {kind} … {id}` line:\n{}", table.stdout);
    assert!(table.stdout.contains("政策变化（1 处）"), "{}", table.stdout);
}

/// Several kinds at once, as a person reads them: the words of what was
/// added and removed, and each changed field old → new.
#[test]
fn diff_of_the_fidelity_and_records_parts() {
    let pick = |ids: &[&str]| -> Vec<&Edit> {
        ids.iter().map(|id| EDITS.iter().find(|e| e.expect.2 == *id && e.expect.3 != "removed").unwrap()).collect()
    };
    let mut edits = pick(&["quota", "附件1/工作纪律/1", "star_staff", "institution", "basic", "作息时间 morning_in"]);
    edits.extend(pick(&["days_away", "2026 中秋节", "immediate"]));
    edits.extend(EDITS.iter().filter(|e| matches!(e.expect, (_, "row", _, "removed") | (_, "reviews", _, "removed"))));
    let copy = edited_copy("diff-parts-table", &edits);
    let run = diff("policies/luoshan/2026", &copy, "examples/2026-Q3.json", false);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(&format!("政策变化（{} 处）", edits.len())), "{}", run.stdout);
    insta::assert_snapshot!(run.stdout.replace(&copy, "COPY"));
}

/// A calendar year taken out: the year and each of its holidays go.
#[test]
fn diff_a_calendar_year_removed() {
    let dir = common::scratch("diff-calendar-year");
    common::copy_policy(&dir);
    let path = dir.join("calendar.rules");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("calendar 2025").unwrap();
    let end = start + text[start..].find("}\n").unwrap() + 2;
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let json = parse(&diff("policies/luoshan/2026", &relative(&dir), "examples/2026-Q3.json", true));
    let changes = json["policy_changes"].as_array().unwrap();
    let removed: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| {
            assert_eq!((c["subject"].as_str(), c["change"].as_str()), (Some("calendar"), Some("removed")), "{c}");
            (c["kind"].as_str().unwrap(), c["id"].as_str().unwrap())
        })
        .collect();
    assert_eq!(removed[0], ("calendar", "2025"));
    let holidays: Vec<&str> = removed[1..]
        .iter()
        .map(|(kind, id)| {
            assert_eq!(*kind, "holiday");
            *id
        })
        .collect();
    assert_eq!(
        holidays,
        ["2025 元旦", "2025 春节", "2025 清明节", "2025 劳动节", "2025 端午节", "2025 国庆节、中秋节"]
    );
    assert_eq!(changes[2]["old"], "holiday \"春节\" 01-28 to 02-04");
    assert!(changes[0]["old"]
        .as_str()
        .unwrap()
        .starts_with("calendar 2025 \"国务院办公厅关于2025年部分节假日安排的通知"));
    // The weekend days worked go with the year, on its line.
    assert!(
        changes[0]["old"].as_str().unwrap().ends_with(", working 01-26, 02-08, 04-27, 09-28, 10-11"),
        "{}",
        changes[0]
    );
}
