//! `kaohe gather`: each reading of docs/records.md at its edges, on small
//! folders of records written here; the errors of broken rows; the example
//! quarter (`examples/2026-Q3-records/`) as a snapshot, and its months.
//!
//! A person in the hall for one day only (进驻日期 = 离开日期) has one
//! workday: each edge case is one such person.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::type_complexity)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kaohe::facts::{Period, Value};
use kaohe::policy::Policy;
use kaohe::records::{gather, Gathered, Gathered1};

fn policy(at: &str) -> &'static Policy {
    static POLICIES: OnceLock<kaohe::Policies> = OnceLock::new();
    let policies = POLICIES
        .get_or_init(|| kaohe::app::period::load(&common::root().join("policies/luoshan")).unwrap().strict().unwrap());
    let date = chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d").unwrap();
    &policies.in_force(date).unwrap().policy
}

/// A records folder: `tables` are (file name, CSV text).
fn folder(name: &str, tables: &[(&str, &str)]) -> PathBuf {
    let dir = common::scratch(&format!("gather-{name}"));
    let mut wrote_windows = false;
    for (file, text) in tables {
        std::fs::write(dir.join(file), text).unwrap();
        wrote_windows |= *file == "windows.csv";
    }
    if !wrote_windows {
        std::fs::write(dir.join("windows.csv"), "窗口编号,窗口名称\nW1,社保窗口\n").unwrap();
    }
    dir
}

fn run(dir: &Path, period: &str) -> Gathered {
    let period = Period::parse(period).unwrap();
    let at = period.start().unwrap().to_string();
    gather(policy(&at), dir, period).unwrap_or_else(|errs| panic!("{errs:#?}"))
}

/// Roster rows of people in the hall on `day` only.
fn one_day(ids: &[&str], day: &str) -> String {
    let mut roster = "工号,姓名,窗口编号,角色,进驻日期,离开日期\n".to_string();
    for id in ids {
        roster.push_str(&format!("{id},{id}姓名,W1,操作人员,{day},{day}\n"));
    }
    roster
}

fn fact(record: &Gathered1, policy: &Policy, name: &str) -> String {
    let subject = if record.window.is_some() { &policy.staff } else { &policy.window };
    let index = subject.fact_index(name).unwrap();
    match record.facts.iter().find(|(i, _)| *i == index).map(|(_, v)| v) {
        None => "0".into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => format!("{other:?}"),
    }
}

fn staff<'g>(g: &'g Gathered, id: &str) -> &'g Gathered1 {
    g.staff.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no {id}"))
}

/// (late_early_away, unpunched, absent_days) of each person.
fn attendance(g: &Gathered, policy: &Policy, ids: &[&str]) -> Vec<(String, String, String, String)> {
    ids.iter()
        .map(|id| {
            let s = staff(g, id);
            (
                id.to_string(),
                fact(s, policy, "late_early_away"),
                fact(s, policy, "unpunched"),
                fact(s, policy, "absent_days"),
            )
        })
        .collect()
}

#[test]
fn the_punch_windows_at_their_edges() {
    // Each person: four punches, one of them at an edge; 2026-07-01 is a Wednesday.
    let cases: [(&str, [&str; 4], (u32, u32, &str)); 11] = [
        ("A0855", ["08:55", "12:00", "12:50", "17:00"], (0, 0, "0")),
        ("A0856", ["08:56", "12:00", "12:50", "17:00"], (1, 0, "0")),
        ("B1200", ["08:50", "12:00", "13:00", "17:00"], (0, 0, "0")),
        ("B1249", ["08:50", "12:49", "13:00", "17:00"], (0, 0, "0")),
        // 12:50 is the afternoon in, not the morning out: the morning out is missing.
        ("B1250", ["08:50", "12:50", "13:00", "17:00"], (0, 1, "0")),
        ("B1159", ["08:50", "11:59", "12:55", "17:00"], (1, 0, "0")),
        ("C1300", ["08:50", "12:10", "13:00", "17:00"], (0, 0, "0")),
        ("C1301", ["08:50", "12:10", "13:01", "17:00"], (1, 0, "0")),
        ("D1700", ["08:50", "12:10", "12:55", "17:00"], (0, 0, "0")),
        ("D1659", ["08:50", "12:10", "12:55", "16:59"], (1, 0, "0")),
        // Seconds are ignored: 08:55:59 is 08:55.
        ("E0855", ["08:55:59", "12:00", "12:50", "17:00:00"], (0, 0, "0")),
    ];
    let ids: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let mut punches = "工号,打卡时间\n".to_string();
    for (id, times, _) in &cases {
        for t in times {
            punches.push_str(&format!("{id},2026-07-01 {t}\n"));
        }
    }
    let dir = folder("edges", &[("roster.csv", &one_day(&ids, "2026-07-01")), ("punches.csv", &punches)]);
    let g = run(&dir, "2026-07");
    let p = policy("2026-07-01");
    let want: Vec<_> =
        cases.iter().map(|(id, _, (l, u, a))| (id.to_string(), l.to_string(), u.to_string(), a.to_string())).collect();
    assert_eq!(attendance(&g, p, &ids), want);
    let late = &staff(&g, "A0856").evidence[0].1[0];
    assert_eq!(late.note, "上午签到 08:56（应不晚于 08:55）");
    assert_eq!(late.source.to_string(), "punches.csv:6");
    assert_eq!(late.date.to_string(), "2026-07-01");
    let late = &staff(&g, "C1301").evidence[0].1[0];
    assert_eq!(late.note, "下午签到 13:01（应在 12:50 至 13:00）");
    let early = &staff(&g, "B1159").evidence[0].1[0];
    assert_eq!(early.note, "上午签退 11:59（应不早于 12:00）");
}

#[test]
fn missing_punches_absence_and_one_unpunched_a_day() {
    let ids = ["NONE", "MORN", "TWO", "DUP"];
    let punches = "工号,打卡时间\n\
        MORN,2026-07-01 08:50\nMORN,2026-07-01 12:05\n\
        TWO,2026-07-01 08:50\nTWO,2026-07-01 12:55\n\
        DUP,2026-07-01 08:50:01\nDUP,2026-07-01 08:50:40\nDUP,2026-07-01 12:05\nDUP,2026-07-01 12:55\nDUP,2026-07-01 17:05\n";
    let dir = folder("missing", &[("roster.csv", &one_day(&ids, "2026-07-01")), ("punches.csv", punches)]);
    let g = run(&dir, "2026-Q3");
    let p = policy("2026-07-01");
    assert_eq!(
        attendance(&g, p, &ids),
        [
            // No punch at all: both half days absent.
            ("NONE".into(), "0".into(), "0".into(), "1".into()),
            // The afternoon missing whole: absent half a day.
            ("MORN".into(), "0".into(), "0".into(), "0.5".into()),
            // One punch missing in each half: one unpunched, for the day.
            ("TWO".into(), "0".into(), "1".into(), "0".into()),
            // Two punches in one minute are one.
            ("DUP".into(), "0".into(), "0".into(), "0".into()),
        ]
    );
    let s = staff(&g, "TWO");
    let unpunched = &s.evidence[0].1[0];
    assert_eq!(unpunched.note, "上午签退、下午签退未打卡，事后未说明（当日打卡：08:50、12:55）");
    assert_eq!(unpunched.source.to_string(), "punches.csv");
    // days_away counts the absent days.
    let away = p.staff.attribute_index("days_away").unwrap();
    assert_eq!(staff(&g, "NONE").attributes.iter().find(|(a, _)| *a == away).unwrap().1.to_string(), "1");
}

#[test]
fn a_leave_over_a_due_time_excuses_that_punch() {
    let ids = ["LATE", "LEAVE", "EXEMPT", "UNAPPROVED"];
    let punches = "工号,打卡时间\n\
        LATE,2026-07-01 10:05\nLATE,2026-07-01 12:05\nLATE,2026-07-01 12:55\nLATE,2026-07-01 17:05\n\
        LEAVE,2026-07-01 10:05\nLEAVE,2026-07-01 12:05\nLEAVE,2026-07-01 12:55\nLEAVE,2026-07-01 17:05\n\
        UNAPPROVED,2026-07-01 10:05\nUNAPPROVED,2026-07-01 12:05\nUNAPPROVED,2026-07-01 12:55\nUNAPPROVED,2026-07-01 17:05\n";
    let leave = "工号,类型,开始时间,结束时间,是否批准\n\
        LEAVE,中途请假,2026-07-01 08:30,2026-07-01 10:00,是\n\
        UNAPPROVED,中途请假,2026-07-01 08:30,2026-07-01 10:00,否\n";
    let exemptions = "工号,日期,时段,说明\nEXEMPT,2026-07-01,全天,外出培训\n";
    let dir = folder(
        "due",
        &[
            ("roster.csv", &one_day(&ids, "2026-07-01")),
            ("punches.csv", punches),
            ("leave.csv", leave),
            ("exemptions.csv", exemptions),
        ],
    );
    let g = run(&dir, "2026-07");
    let p = policy("2026-07-01");
    assert_eq!(
        attendance(&g, p, &ids),
        [
            ("LATE".into(), "1".into(), "0".into(), "0".into()),
            // Leave from 08:30 to 10:00 holds the 09:00 due time: not late.
            ("LEAVE".into(), "0".into(), "0".into(), "0".into()),
            // A 补卡说明 for the whole day: no punch needed.
            ("EXEMPT".into(), "0".into(), "0".into(), "0".into()),
            // Not approved: the morning is 旷工 whatever the punches.
            ("UNAPPROVED".into(), "0".into(), "0".into(), "0.5".into()),
        ]
    );
    // The mid-day leave counts once, and holds no whole half day.
    let s = staff(&g, "LEAVE");
    assert_eq!(fact(s, p, "midday_leaves"), "1");
    assert_eq!(fact(s, p, "long_midday_leaves"), "0");
    let away = p.staff.attribute_index("days_away").unwrap();
    assert_eq!(s.attributes.iter().find(|(a, _)| *a == away).unwrap().1.to_string(), "0");
}

#[test]
fn a_long_leave_across_a_weekend_and_a_worked_saturday() {
    // 2026-02-12 (Thu) to 03-02 (Mon): 02-14 is a Saturday worked, 02-15 – 02-23
    // the Spring Festival, 02-28 a Saturday worked, 03-01 a Sunday.
    let roster = "工号,姓名,窗口编号,角色,进驻日期,离开日期\nL1,甲,W1,操作人员,2026-02-12,2026-03-02\nL2,乙,W1,操作人员,2026-07-03,2026-07-06\n";
    let leave = "工号,类型,开始时间,结束时间,是否批准,中心签字\n\
        L1,事假,2026-02-12 09:00,2026-03-02 17:00,是,\n\
        L2,年休假,2026-07-03 13:00,2026-07-06 17:00,是,否\n";
    let punches = "工号,打卡时间\nL2,2026-07-03 08:50\nL2,2026-07-03 12:05\n";
    let dir = folder("long-leave", &[("roster.csv", roster), ("leave.csv", leave), ("punches.csv", punches)]);
    let g = run(&dir, "2026-Q1");
    let p = policy("2026-01-01");
    let s = staff(&g, "L1");
    let workdays = p.staff.attribute_index("workdays").unwrap();
    assert_eq!(s.attributes.iter().find(|(a, _)| *a == workdays).unwrap().1.to_string(), "9");
    assert_eq!(fact(s, p, "personal_leave_days"), "9");
    assert_eq!(fact(s, p, "absent_days"), "0");
    let days: Vec<String> = s.evidence[0].1.iter().map(|e| e.date.format("%m-%d").to_string()).collect();
    assert_eq!(days, ["02-12", "02-13", "02-14", "02-24", "02-25", "02-26", "02-27", "02-28", "03-02"]);
    // Friday afternoon to Monday: one and a half days, without the centre's signature.
    let g = run(&dir, "2026-Q3");
    let s = staff(&g, "L2");
    assert_eq!(fact(s, p, "unsigned_leave_days"), "1.5");
    assert_eq!(fact(s, p, "absent_days"), "0");
}

#[test]
fn a_promised_case_accepted_the_day_before_the_spring_festival() {
    let roster = "工号,姓名,窗口编号,角色\nC1,丙,W1,操作人员\n";
    let punches = "工号,打卡时间\n";
    // 02-14 is a Saturday worked; the holiday is 02-15 – 02-23; five workdays
    // from the next one: 02-24, 25, 26, 27 and the worked Saturday 02-28.
    let cases = "办件编号,窗口编号,受理人,类型,联办,受理时间,补齐日期,承诺时限,办结时间,红黄牌,亮牌日期\n\
        K1,W1,C1,承诺件,否,2026-02-14 10:00,,5,2026-02-28 16:00,,\n\
        K2,W1,C1,承诺件,否,2026-02-14 10:00,,5,2026-03-02 09:00,,\n\
        K3,W1,C1,承诺件,是,2026-02-14 10:00,,5,,黄牌,2026-03-03\n\
        K4,W1,C1,即办件,否,2026-02-13 10:00,,,2026-02-24 09:00,,\n\
        K5,W1,C1,承诺件,否,2026-03-20 10:00,2026-03-25,3,2026-03-30 10:00,,\n";
    let dir = folder("spring", &[("roster.csv", roster), ("punches.csv", punches), ("cases.csv", cases)]);
    let g = run(&dir, "2026-Q1");
    let p = policy("2026-01-01");
    let s = staff(&g, "C1");
    // K2 and K4 late, K3 not finished (joint), K1 on its last day, K5 counted from its materials.
    assert_eq!(fact(s, p, "overdue_cases"), "2");
    assert_eq!(fact(s, p, "overdue_joint_cases"), "1");
    assert_eq!(fact(s, p, "red_yellow_cards"), "1");
    assert_eq!(fact(&g.windows[0], p, "overdue_cases"), "3");
    let notes: Vec<&str> = g.windows[0].evidence[0].1.iter().map(|e| e.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "即办件 `K4` 应于 2026-02-13 办结，2026-02-24 办结",
            "承诺件 `K2` 应于 2026-02-28 办结，2026-03-02 办结",
            "承诺件 `K3`（联办） 应于 2026-02-28 办结，期末未办结",
        ]
    );
}

#[test]
fn findings_by_fact_and_by_item() {
    let roster = "工号,姓名,窗口编号,角色\nF1,丁,W1,首席代表\n";
    let findings = "日期,对象,事项,分值,级别,数量,记录人,说明\n\
        2026-07-02,F1,脱岗超过2小时,,,,,10:00离岗至12:30\n\
        2026-07-03,F1,串岗,,,2,,\n\
        2026-07-03,F1,缺岗,,,,,\n\
        2026-07-06,F1,态度冷漠、不文明言行,6,,,,\n\
        2026-07-07,F1,news_articles,,市级,,,\n\
        2026-07-08,W1,housekeeping,3,,,,\n\
        2026-10-08,W1,housekeeping,3,,,,\n";
    let dir =
        folder("findings", &[("roster.csv", roster), ("punches.csv", "工号,打卡时间\n"), ("findings.csv", findings)]);
    let g = run(&dir, "2026-Q3");
    let p = policy("2026-07-01");
    let s = staff(&g, "F1");
    assert_eq!(fact(s, p, "desk_visiting"), "2");
    assert_eq!(fact(s, p, "late_early_away"), "1");
    let rude = s.facts.iter().find(|(i, _)| *i == p.staff.fact_index("rude_conduct").unwrap()).unwrap();
    assert_eq!(rude.1, Value::Amounts(vec![6.into()]));
    let news = s.facts.iter().find(|(i, _)| *i == p.staff.fact_index("news_articles").unwrap()).unwrap();
    assert!(matches!(&news.1, Value::Levels(l) if l.len() == 1 && l[0].1 == 1.into()));
    let w = &g.windows[0];
    let housekeeping = w.facts.iter().find(|(i, _)| *i == p.window.fact_index("housekeeping").unwrap()).unwrap();
    assert_eq!(housekeeping.1, Value::Amounts(vec![3.into()]));
    assert!(g.notes.iter().any(|n| n.contains("findings.csv") && n.contains("1 条在 2026-Q3 之外")), "{:?}", g.notes);
}

#[test]
fn every_broken_row_is_refused_with_its_place() {
    let roster =
        "工号,姓名,窗口编号,角色,进驻日期\nS1,张三,W1,首席代表,\nS2,李四,W9,组长,2026-13-01\nS1,王五,W1,操作人员,\n";
    let punches = "工号,打卡时间,设备\nS1,2026-07-01 08:50,1号机\n张三,2026-07-01 12:05,1号机\nS3,2026-07-01 12:55,1号机\nS1,9点07,1号机\n";
    let leave = "工号,类型,开始时间,结束时间,是否批准\nS1,私假,2026-07-02 09:00,2026-07-02 17:00,是\nS1,事假,2026-07-03 17:00,2026-07-03 09:00,也许\n";
    let findings = "日期,对象,事项\n2026-07-02,S1,迟到早退\n";
    let dir = folder(
        "broken",
        &[("roster.csv", roster), ("punches.csv", punches), ("leave.csv", leave), ("findings.csv", findings)],
    );
    let records = dir.display().to_string();
    let args = ["gather", "--policy", "policies/luoshan", "--records", &records, "--period", "2026-Q3"];
    let run = common::kaohe(&args);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let stderr = run.stderr.replace(&records, "<records>");
    insta::assert_snapshot!("broken_rows", stderr);
    // The same errors in English, from the same list of messages.
    let run = common::kaohe_en(&args);
    assert_eq!(run.code, 4, "{}", run.stderr);
    insta::assert_snapshot!("broken_rows_in_english", run.stderr.replace(&records, "<records>"));
}

#[test]
fn a_year_without_a_calendar_is_named() {
    let dir = folder(
        "no-year",
        &[("roster.csv", "工号,姓名,窗口编号,角色\nS1,张三,W1,首席代表\n"), ("punches.csv", "工号,打卡时间\n")],
    );
    let run = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        &dir.display().to_string(),
        "--period",
        "2027-Q1",
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stderr.contains("政策没有 2027 年的日历"), "{}", run.stderr);
    let bad = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        &dir.display().to_string(),
        "--period",
        "2026",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

/// The example quarter, gathered: the facts file as `kaohe gather` writes it.
#[test]
fn the_example_quarter() {
    let run = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        "examples/2026-Q3-records",
        "--period",
        "2026-Q3",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("40 名工作人员、12 个窗口的事实已由原始记录统计"), "{}", run.stderr);
    insta::assert_snapshot!("example_2026_q3_facts", run.stdout);
    let facts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // Every fact that is not zero has its evidence, each item with a date, a note and a source.
    for record in facts["staff"].as_array().unwrap().iter().chain(facts["windows"].as_array().unwrap()) {
        for (fact, _) in record["facts"].as_object().unwrap() {
            let items = record["evidence"][fact]
                .as_array()
                .unwrap_or_else(|| panic!("{}: no evidence for {fact}", record["id"]));
            assert!(!items.is_empty());
            for item in items {
                assert!(item["date"].as_str().is_some_and(|d| d.starts_with("2026-")), "{item}");
                assert!(item["note"].as_str().is_some_and(|n| !n.is_empty()), "{item}");
                assert!(item["source"].as_str().is_some_and(|s| s.ends_with(".csv") || s.contains(".csv:")), "{item}");
            }
        }
    }
}

/// The ledgers of a few people of the example quarter, scored from what gather wrote.
#[test]
fn ledgers_of_the_example_quarter() {
    let run = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        "examples/2026-Q3-records",
        "--period",
        "2026-Q3",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut facts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // Until the facts loader reads `evidence` (docs/io.md; its own issue), it is taken out here.
    for list in ["staff", "windows"] {
        for record in facts[list].as_array_mut().unwrap() {
            record.as_object_mut().unwrap().remove("evidence");
        }
    }
    let dir = common::scratch("gather-ledgers");
    let path = dir.join("2026-Q3.json");
    std::fs::write(&path, serde_json::to_string(&facts).unwrap()).unwrap();
    for id in ["S0001", "S0007", "W01"] {
        let ledger = common::kaohe(&[
            "explain",
            "--policy",
            "policies/luoshan",
            "--facts",
            &path.display().to_string(),
            "--id",
            id,
        ]);
        assert_eq!(ledger.code, 0, "{}", ledger.stderr);
        insta::assert_snapshot!(format!("example_ledger_{id}"), ledger.stdout);
    }
}

/// A quarter is the sum of its months: every count and every day of every
/// record, its workdays and days away; its amounts and levels together.
#[test]
fn a_quarter_is_the_sum_of_its_months() {
    let dir = common::root().join("examples/2026-Q3-records");
    let p = policy("2026-07-01");
    let quarter = run(&dir, "2026-Q3");
    let months: Vec<Gathered> = ["2026-07", "2026-08", "2026-09"].iter().map(|m| run(&dir, m)).collect();
    type Sums = std::collections::BTreeMap<(String, String), (rust_decimal::Decimal, Vec<String>)>;
    fn add(sums: &mut Sums, g: &Gathered, policy: &Policy) {
        for (record, subject) in
            g.staff.iter().map(|r| (r, &policy.staff)).chain(g.windows.iter().map(|r| (r, &policy.window)))
        {
            for (fact, value) in &record.facts {
                let entry = sums.entry((record.id.clone(), subject.facts[fact.index()].name.id.clone())).or_default();
                match value {
                    Value::Number(n) => entry.0 += n,
                    Value::Amounts(a) => entry.1.extend(a.iter().map(|x| x.to_string())),
                    Value::Levels(l) => entry.1.extend(l.iter().map(|(level, n)| format!("{level}:{n}"))),
                }
            }
            for (attribute, value) in &record.attributes {
                sums.entry((record.id.clone(), policy.staff.attributes[*attribute].name.id.clone())).or_default().0 +=
                    value;
            }
        }
    }
    let (mut whole, mut parts) = (Sums::new(), Sums::new());
    add(&mut whole, &quarter, p);
    for month in &months {
        add(&mut parts, month, p);
    }
    for sums in [&mut whole, &mut parts] {
        sums.retain(|_, (n, list)| !n.is_zero() || !list.is_empty());
        for (n, list) in sums.values_mut() {
            *n = n.normalize();
            list.sort();
        }
    }
    assert!(whole.len() > 100, "{}", whole.len());
    assert_eq!(whole, parts);
    // And the months hold their own days: July's evidence is all in July.
    for record in &months[0].staff {
        for (_, items) in &record.evidence {
            assert!(items.iter().all(|e| e.date.format("%Y-%m").to_string() == "2026-07"));
        }
    }
}

/// The same records as a workbook gather to the same facts, the sources naming cells.
#[test]
fn a_workbook_gathers_as_its_csv_files_do() {
    let dir = common::root().join("examples/2026-Q3-records");
    let book_dir = common::scratch("gather-xlsx");
    let book = book_dir.join("records.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (file, sheet) in [
        ("windows.csv", "窗口"),
        ("roster.csv", "人员"),
        ("punches.csv", "打卡"),
        ("leave.csv", "请假"),
        ("exemptions.csv", "补卡说明"),
        ("findings.csv", "巡查记录"),
        ("cases.csv", "办件"),
        ("reviews.csv", "评价"),
    ] {
        let ws = workbook.add_worksheet().set_name(sheet).unwrap();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        for (r, record) in reader.records().enumerate() {
            for (c, cell) in record.unwrap().iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    workbook.save(&book).unwrap();
    let from_csv = run(&dir, "2026-Q3");
    let from_book = run(&book, "2026-Q3");
    let strip = |g: &Gathered| -> Vec<(
        String,
        Vec<(kaohe::policy::FactId, Value)>,
        Vec<(usize, rust_decimal::Decimal)>,
        Vec<Vec<String>>,
    )> {
        g.staff
            .iter()
            .chain(&g.windows)
            .map(|r| {
                let notes = r
                    .evidence
                    .iter()
                    .map(|(_, items)| items.iter().map(|e| format!("{} {}", e.date, e.note)).collect())
                    .collect();
                (r.id.clone(), r.facts.clone(), r.attributes.clone(), notes)
            })
            .collect()
    };
    assert_eq!(strip(&from_csv), strip(&from_book));
    let late = from_book
        .staff
        .iter()
        .flat_map(|s| &s.evidence)
        .flat_map(|(_, items)| items)
        .find(|e| e.note.starts_with("上午签到"))
        .unwrap();
    // The punch table has a 姓名 column before its 打卡时间: column C.
    assert!(late.source.to_string().starts_with("打卡!C"), "{}", late.source);
}

/// A summer schedule (夏季作息) is an edit of the policy's text: a season
/// with its own hours, and July is read by it while September is not.
#[test]
fn a_summer_schedule_is_an_edit_of_the_policy() {
    let policy_dir = common::scratch("gather-summer-policy");
    common::copy_policy(&policy_dir);
    let summer = r#"
schedule "夏季作息" from 07-01 to 08-31 {
    morning   "上午" 08:30-12:00 [第十章/1]
    afternoon "下午" 14:30-17:30 [第十章/1]
    morning_in    "上午签到" morning in, on time until 08:25, late before 12:00               [第十章/二]
    morning_out   "上午签退" morning out, on time from 12:00 before 12:50, early before 12:00 [第十章/二]
    afternoon_in  "下午签到" afternoon in, on time from 14:20 until 14:30, late before 17:30  [第十章/二]
    afternoon_out "下午签退" afternoon out, on time from 17:30, early before 17:30            [第十章/二]
}
"#;
    let path = policy_dir.join("records.rules");
    let text = std::fs::read_to_string(&path).unwrap() + summer;
    std::fs::write(&path, text).unwrap();
    let check = common::kaohe(&["check", "--policy", &policy_dir.display().to_string(), "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The same four punches on a day of August and a day of September.
    let roster = "工号,姓名,窗口编号,角色\nA1,甲,W1,操作人员\n";
    let mut punches = "工号,打卡时间\n".to_string();
    for day in ["2026-08-03", "2026-09-01"] {
        for t in ["08:28", "12:05", "14:25", "17:10"] {
            punches.push_str(&format!("A1,{day} {t}\n"));
        }
    }
    let records = folder("summer", &[("roster.csv", roster), ("punches.csv", &punches)]);
    let run = common::kaohe(&[
        "gather",
        "--policy",
        &policy_dir.display().to_string(),
        "--records",
        &records.display().to_string(),
        "--period",
        "2026-Q3",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let notes: Vec<String> = facts["staff"][0]["evidence"]["late_early_away"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["date"].as_str().unwrap(), e["note"].as_str().unwrap()))
        .collect();
    assert_eq!(
        notes,
        [
            // Summer: 08:28 is late after 08:25, 17:10 early before 17:30; 14:25 is on time.
            "2026-08-03 上午签到 08:28（应不晚于 08:25）",
            "2026-08-03 下午签退 17:10（应不早于 17:30）",
            // The rest of the year: 14:25 is after 13:00, late.
            "2026-09-01 下午签到 14:25（应在 12:50 至 13:00）",
        ]
    );
}

/// A roster saved by Excel on a Chinese Windows (GBK) reads as its UTF-8 twin;
/// `--out` writes the facts whole and will not overwrite a record table.
#[test]
fn gbk_files_and_the_out_file() {
    let roster = "工号,姓名,窗口编号,角色\nG1,张三,W1,首席代表\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(roster);
    assert!(!bad);
    let dir = folder("gbk", &[("punches.csv", "工号,打卡时间\nG1,2026-07-01 09:10\n")]);
    std::fs::write(dir.join("roster.csv"), &gbk).unwrap();
    let g = run(&dir, "2026-07");
    assert_eq!((g.staff[0].id.as_str(), g.staff[0].name.as_str()), ("G1", "张三"));
    let out = dir.join("facts.json");
    let records = dir.display().to_string();
    let written = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        &records,
        "--period",
        "2026-07",
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(written.stdout.is_empty());
    let facts: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(facts["staff"][0]["name"], "张三");
    let over = dir.join("roster.csv").display().to_string();
    let refused = common::kaohe(&[
        "gather",
        "--policy",
        "policies/luoshan",
        "--records",
        &records,
        "--period",
        "2026-07",
        "--out",
        &over,
    ]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert_eq!(std::fs::read(dir.join("roster.csv")).unwrap(), gbk.as_ref(), "the input is untouched");
}
