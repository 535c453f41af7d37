//! Random records, drawn as docs/records.md describes them, gathered by
//! `kaohe::records::gather` with the shipped policy, and counted again here
//! by an independent reading of records.md: its numbers (08:55, 12:00 …),
//! its leave kinds, its 2026 calendar, written out in this file, none of
//! kaohe's code used. Every fact, `workdays` and `days_away` must agree, in
//! CSV and in xlsx; and every fact that is not zero has evidence with a source.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------
// records.md, read again
// ---------------------------------------------------------------------------

/// 2026 off days and worked weekend days (records.md, "The calendar").
fn is_workday(d: NaiveDate) -> bool {
    let md = (d.month(), d.day());
    let off_ranges = [
        ((1, 1), (1, 3)),
        ((2, 15), (2, 23)),
        ((4, 4), (4, 6)),
        ((5, 1), (5, 5)),
        ((6, 19), (6, 21)),
        ((9, 25), (9, 27)),
        ((10, 1), (10, 7)),
    ];
    let worked = [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];
    if worked.contains(&md) {
        return true;
    }
    if off_ranges.iter().any(|(a, b)| *a <= md && md <= *b) {
        return false;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn dt(d: NaiveDate, minute: u32) -> NaiveDateTime {
    d.and_hms_opt(minute / 60, minute % 60, 0).unwrap()
}

#[derive(Debug, Clone)]
struct Person {
    id: String,
    joined: Option<NaiveDate>,
    left: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
struct Leave {
    person: usize,
    kind: &'static str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    approved: bool,
    signed: bool,
}

#[derive(Debug, Clone)]
struct Case {
    operator: usize,
    kind: &'static str,
    joint: bool,
    accepted: NaiveDate,
    completed: Option<NaiveDate>,
    days: u32,
    finished: Option<NaiveDate>,
    card: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
struct Records {
    staff: Vec<Person>,
    /// (person, day, minute, second)
    punches: Vec<(usize, NaiveDate, u32, u32)>,
    leave: Vec<Leave>,
    /// (person, day, slot label or 全天)
    exemptions: Vec<(usize, NaiveDate, &'static str)>,
    /// (person, day, 事项, 数量)
    findings: Vec<(usize, NaiveDate, &'static str, u32)>,
    cases: Vec<Case>,
    /// (day, person named, rating)
    reviews: Vec<(NaiveDate, Option<usize>, &'static str)>,
}

type Facts = BTreeMap<String, Decimal>;

#[derive(Debug, Default, PartialEq)]
struct Expected {
    staff: BTreeMap<String, (Decimal, Decimal, Facts)>,
    window: Facts,
}

fn add(facts: &mut Facts, name: &str, n: Decimal) {
    *facts.entry(name.to_string()).or_default() += n;
}

fn derive(r: &Records, start: NaiveDate, end: NaiveDate) -> Expected {
    let half = Decimal::new(5, 1);
    let mut out = Expected::default();
    let in_hall = |p: &Person, d: NaiveDate| {
        d >= start && d <= end && p.joined.is_none_or(|j| d >= j) && p.left.is_none_or(|l| d <= l)
    };
    let mut staff_facts: Vec<Facts> = vec![Facts::new(); r.staff.len()];
    let mut leave_days = vec![Decimal::ZERO; r.staff.len()];
    let mut workdays = vec![0u32; r.staff.len()];
    for (i, p) in r.staff.iter().enumerate() {
        let facts = &mut staff_facts[i];
        let days: Vec<NaiveDate> =
            start.iter_days().take_while(|d| *d <= end).filter(|d| is_workday(*d) && in_hall(p, *d)).collect();
        workdays[i] = days.len() as u32;
        for &d in &days {
            let mut minutes: Vec<u32> =
                r.punches.iter().filter(|(q, day, ..)| *q == i && *day == d).map(|(_, _, m, _)| *m).collect();
            minutes.sort();
            minutes.dedup();
            let leaves: Vec<&Leave> = r.leave.iter().filter(|l| l.person == i).collect();
            let excused = |label: &str, due: u32| {
                r.exemptions.iter().any(|(q, day, s)| *q == i && *day == d && (*s == label || *s == "全天"))
                    || leaves.iter().any(|l| l.approved && l.from <= dt(d, due) && dt(d, due) <= l.to)
            };
            // Morning in: the earliest punch before 12:00; late after 08:55.
            let mi = minutes.iter().copied().find(|m| *m < 720);
            let mi_state = match mi {
                Some(m) if m <= 535 => 0,
                Some(_) => 1,
                None => 2,
            };
            // Morning out: from 12:00 to before 12:50; else early: another punch before 12:00.
            let mo_state = if minutes.iter().any(|m| (720..770).contains(m)) {
                0
            } else if minutes.iter().any(|m| *m < 720 && Some(*m) != mi) {
                1
            } else {
                2
            };
            // Afternoon in: the earliest from 12:50 to 13:00; else late: after 13:00, before 17:00.
            let ai = minutes.iter().copied().find(|m| (770..1020).contains(m));
            let ai_state = match ai {
                Some(m) if m <= 780 => 0,
                Some(_) => 1,
                None => 2,
            };
            // Afternoon out: at or after 17:00; else early: after the afternoon in, before 17:00.
            let ao_state = if minutes.iter().any(|m| *m >= 1020) {
                0
            } else if ai.is_some_and(|a| minutes.iter().any(|m| *m > a && *m < 1020)) {
                1
            } else {
                2
            };
            let slots = [
                ("上午签到", 540, mi_state),
                ("上午签退", 720, mo_state),
                ("下午签到", 780, ai_state),
                ("下午签退", 1020, ao_state),
            ];
            let mut day_missing = false;
            for (h, (hs, he)) in [(540u32, 720u32), (780, 1020)].iter().enumerate() {
                let s: Vec<u32> = slots[2 * h..2 * h + 2]
                    .iter()
                    .map(|(label, due, st)| if excused(label, *due) { 3 } else { *st })
                    .collect();
                let unapproved = leaves.iter().any(|l| !l.approved && l.from < dt(d, *he) && l.to > dt(d, *hs));
                if unapproved || (s[0] == 2 && s[1] == 2) {
                    add(facts, "absent_days", half);
                    continue;
                }
                for st in &s {
                    match st {
                        1 => add(facts, "late_early_away", Decimal::ONE),
                        2 => day_missing = true,
                        _ => {}
                    }
                }
            }
            if day_missing {
                add(facts, "unpunched", Decimal::ONE);
            }
            for l in leaves.iter().filter(|l| l.approved) {
                let covered = [(540u32, 720u32), (780, 1020)]
                    .iter()
                    .filter(|(hs, he)| l.from <= dt(d, *hs) && l.to >= dt(d, *he))
                    .count();
                let days = half * Decimal::from(covered);
                if covered == 0 {
                    continue;
                }
                match (l.kind, l.signed) {
                    ("事假", _) => add(facts, "personal_leave_days", days),
                    ("病假", _) => add(facts, "sick_leave_days", days),
                    ("年休假", false) => add(facts, "unsigned_leave_days", days),
                    _ => {}
                }
                if !matches!(l.kind, "婚假" | "产假" | "公伤假") {
                    leave_days[i] += days;
                }
            }
            for l in leaves.iter().filter(|l| l.approved && l.kind == "中途请假" && l.from.date() == d) {
                add(facts, "midday_leaves", Decimal::ONE);
                if (l.to - l.from).num_minutes() > 120 {
                    add(facts, "long_midday_leaves", Decimal::ONE);
                }
            }
        }
        for (_, d, item, n) in r.findings.iter().filter(|f| f.0 == i && in_hall(p, f.1)) {
            let n = Decimal::from(*n);
            match *item {
                "脱岗超过2小时" => add(facts, "absent_days", half * n),
                "缺岗" => add(facts, "late_early_away", n),
                "串岗" => add(facts, "desk_visiting", n),
                "旷工天数" => add(facts, "absent_days", n),
                "attire_violations" => add(facts, "attire_violations", n),
                other => panic!("{other} {d}"),
            }
        }
    }
    // Cases: the deadline, overdue, cards.
    for c in &r.cases {
        let deadline = if c.kind == "即办件" {
            c.accepted
        } else {
            let mut at = c.completed.unwrap_or(c.accepted).max(c.accepted);
            let mut left = c.days;
            while left > 0 {
                at = at.checked_add_days(Days::new(1)).unwrap();
                if is_workday(at) {
                    left -= 1;
                }
            }
            at
        };
        let overdue = match c.finished {
            Some(f) => f > deadline,
            None => deadline <= end,
        };
        let p = &r.staff[c.operator];
        if overdue && deadline >= start && deadline <= end {
            add(&mut out.window, "overdue_cases", Decimal::ONE);
            if in_hall(p, deadline) {
                add(
                    &mut staff_facts[c.operator],
                    if c.joint { "overdue_joint_cases" } else { "overdue_cases" },
                    Decimal::ONE,
                );
            }
        }
        if let Some(d) = c.card {
            if in_hall(p, d) {
                add(&mut staff_facts[c.operator], "red_yellow_cards", Decimal::ONE);
            }
        }
    }
    for (d, who, rating) in &r.reviews {
        if *d < start || *d > end || !matches!(*rating, "不满意" | "非常不满意") {
            continue;
        }
        add(&mut out.window, "dissatisfied_reviews", Decimal::ONE);
        if let Some(p) = who {
            if in_hall(&r.staff[*p], *d) {
                add(&mut staff_facts[*p], "service_lapses", Decimal::ONE);
            }
        }
    }
    for (i, p) in r.staff.iter().enumerate() {
        if workdays[i] == 0 {
            continue;
        }
        let facts = std::mem::take(&mut staff_facts[i]);
        let away = leave_days[i] + facts.get("absent_days").copied().unwrap_or_default();
        let facts: Facts = facts.into_iter().filter(|(_, n)| !n.is_zero()).map(|(k, n)| (k, n.normalize())).collect();
        out.staff.insert(p.id.clone(), (Decimal::from(workdays[i]), away.normalize(), facts));
    }
    out.window.retain(|_, n| !n.is_zero());
    out
}

// ---------------------------------------------------------------------------
// Drawing records
// ---------------------------------------------------------------------------

const EDGES: [u32; 14] = [480, 535, 536, 600, 719, 720, 769, 770, 780, 781, 840, 1019, 1020, 1080];

fn records(month: u32) -> impl Strategy<Value = Records> {
    let start = NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
    let days: Vec<NaiveDate> = start.iter_days().take(45).collect();
    let n = days.len();
    let people = prop::collection::vec((0..n, 0..n, 0u8..4), 1..4);
    let punches = prop::collection::vec(
        (0..4usize, 0..n, prop_oneof![3 => prop::sample::select(EDGES.to_vec()), 1 => 470u32..1100], 0u32..60, 0u8..10),
        0..120,
    );
    let kinds = prop::sample::select(vec!["事假", "病假", "年休假", "婚假", "中途请假"]);
    let leave = prop::collection::vec(
        (
            0..4usize,
            kinds,
            0..n,
            0usize..4,
            prop::sample::select(vec![480u32, 540, 600, 720, 780, 840, 1020, 1080]),
            30u32..300,
            any::<bool>(),
            any::<bool>(),
            0u8..10,
        ),
        0..6,
    );
    let exemptions = prop::collection::vec(
        (0..4usize, 0..n, prop::sample::select(vec!["上午签到", "上午签退", "下午签到", "下午签退", "全天"])),
        0..4,
    );
    let findings = prop::collection::vec(
        (
            0..4usize,
            0..n,
            prop::sample::select(vec!["脱岗超过2小时", "缺岗", "串岗", "旷工天数", "attire_violations"]),
            1u32..3,
        ),
        0..5,
    );
    let cases = prop::collection::vec(
        (0..4usize, any::<bool>(), any::<bool>(), 0..n, 0u32..3, 1u32..8, 0u32..12, 0u8..4),
        0..8,
    );
    let reviews = prop::collection::vec(
        (0..n, 0..5usize, prop::sample::select(vec!["满意", "不满意", "非常不满意", "基本满意"])),
        0..6,
    );
    (people, punches, leave, exemptions, findings, cases, reviews).prop_map(
        move |(people, punches, leave, exemptions, findings, cases, reviews)| {
            let k = people.len();
            let staff: Vec<Person> = people
                .iter()
                .enumerate()
                .map(|(i, (a, b, shape))| Person {
                    id: format!("S{i}"),
                    joined: (*shape == 1 || *shape == 3).then(|| days[*a.min(b)]),
                    left: (*shape >= 2).then(|| days[*a.max(b)]),
                })
                .collect();
            let mut out = Records {
                staff,
                punches: Vec::new(),
                leave: Vec::new(),
                exemptions: Vec::new(),
                findings: Vec::new(),
                cases: Vec::new(),
                reviews: Vec::new(),
            };
            // Most people punch a full day on most workdays, plus the drawn punches.
            for (i, _) in out.staff.iter().enumerate() {
                for (j, d) in days.iter().enumerate() {
                    if is_workday(*d) && (i + j) % 5 != 0 {
                        for m in [530, 725, 775, 1025] {
                            out.punches.push((i, *d, m, 0));
                        }
                    }
                }
            }
            out.punches.retain(|(i, d, ..)| punches.iter().all(|(q, x, ..)| !(q % k == *i && days[*x] == *d)));
            for (q, x, m, s, dup) in punches {
                out.punches.push((q % k, days[x], m, s));
                if dup == 0 {
                    out.punches.push((q % k, days[x], m, 59 - s.min(59)));
                }
            }
            for (q, kind, x, span, from, minutes, approved, signed, _) in leave {
                let from_dt = dt(days[x], from);
                let to_dt = if kind == "中途请假" {
                    from_dt + chrono::Duration::minutes(i64::from(minutes))
                } else {
                    dt(days[(x + span).min(n - 1)], 1020)
                };
                out.leave.push(Leave { person: q % k, kind, from: from_dt, to: to_dt.max(from_dt), approved, signed });
            }
            out.exemptions = exemptions.into_iter().map(|(q, x, s)| (q % k, days[x], s)).collect();
            out.findings = findings
                .into_iter()
                .map(|(q, x, item, n)| (q % k, days[x], item, if item == "脱岗超过2小时" { 1 } else { n }))
                .collect();
            out.cases = cases
                .into_iter()
                .map(|(q, promised, joint, x, completed, limit, finish, card)| Case {
                    operator: q % k,
                    kind: if promised { "承诺件" } else { "即办件" },
                    joint,
                    accepted: days[x],
                    completed: (completed == 1).then(|| days[(x + 1).min(n - 1)]),
                    days: limit,
                    finished: (finish > 0).then(|| days[(x + finish as usize).min(n - 1)]),
                    card: (card == 0).then(|| days[(x + 1).min(n - 1)]),
                })
                .collect();
            out.reviews =
                reviews.into_iter().map(|(x, who, rating)| (days[x], (who < k).then_some(who), rating)).collect();
            out
        },
    )
}

// ---------------------------------------------------------------------------
// Writing them as tables
// ---------------------------------------------------------------------------

fn tables(r: &Records) -> Vec<(&'static str, &'static str, Vec<Vec<String>>)> {
    let s = |x: &str| x.to_string();
    let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let time = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    let mut roster = vec![vec![s("工号"), s("姓名"), s("窗口编号"), s("角色"), s("进驻日期"), s("离开日期")]];
    for (i, p) in r.staff.iter().enumerate() {
        roster.push(vec![
            p.id.clone(),
            format!("人{i}"),
            s("W1"),
            s(if i == 0 { "首席代表" } else { "操作人员" }),
            p.joined.map(date).unwrap_or_default(),
            p.left.map(date).unwrap_or_default(),
        ]);
    }
    let mut punches = vec![vec![s("打卡时间"), s("工号")]];
    for (p, d, m, sec) in &r.punches {
        punches.push(vec![format!("{} {:02}:{:02}:{sec:02}", date(*d), m / 60, m % 60), r.staff[*p].id.clone()]);
    }
    let mut leave = vec![vec![s("工号"), s("类型"), s("开始时间"), s("结束时间"), s("是否批准"), s("中心签字")]];
    for l in &r.leave {
        leave.push(vec![
            r.staff[l.person].id.clone(),
            s(l.kind),
            time(l.from),
            time(l.to),
            s(if l.approved { "是" } else { "否" }),
            s(if l.signed { "是" } else { "" }),
        ]);
    }
    let mut exemptions = vec![vec![s("工号"), s("日期"), s("时段")]];
    for (p, d, slot) in &r.exemptions {
        exemptions.push(vec![r.staff[*p].id.clone(), date(*d), s(slot)]);
    }
    let mut findings = vec![vec![s("日期"), s("对象"), s("事项"), s("数量")]];
    for (p, d, item, n) in &r.findings {
        findings.push(vec![date(*d), r.staff[*p].id.clone(), s(item), n.to_string()]);
    }
    let mut cases = vec![vec![
        s("办件编号"),
        s("窗口编号"),
        s("受理人"),
        s("类型"),
        s("联办"),
        s("受理时间"),
        s("补齐日期"),
        s("承诺时限"),
        s("办结时间"),
        s("红黄牌"),
        s("亮牌日期"),
    ]];
    for (i, c) in r.cases.iter().enumerate() {
        cases.push(vec![
            format!("K{i}"),
            s("W1"),
            r.staff[c.operator].id.clone(),
            s(c.kind),
            s(if c.joint { "是" } else { "否" }),
            format!("{} 10:00", date(c.accepted)),
            c.completed.map(date).unwrap_or_default(),
            if c.kind == "承诺件" { c.days.to_string() } else { String::new() },
            c.finished.map(|d| format!("{} 16:00", date(d))).unwrap_or_default(),
            s(if c.card.is_some() { "红牌" } else { "" }),
            c.card.map(date).unwrap_or_default(),
        ]);
    }
    let mut reviews = vec![vec![s("评价时间"), s("窗口编号"), s("工号"), s("评价")]];
    for (d, who, rating) in &r.reviews {
        reviews.push(vec![
            format!("{} 11:00", date(*d)),
            s("W1"),
            who.map(|p| r.staff[p].id.clone()).unwrap_or_default(),
            s(rating),
        ]);
    }
    vec![
        ("windows.csv", "窗口", vec![vec![s("窗口编号"), s("窗口名称")], vec![s("W1"), s("社保窗口")]]),
        ("roster.csv", "人员", roster),
        ("punches.csv", "打卡", punches),
        ("leave.csv", "请假", leave),
        ("exemptions.csv", "补卡说明", exemptions),
        ("findings.csv", "巡查记录", findings),
        ("cases.csv", "办件", cases),
        ("reviews.csv", "评价", reviews),
    ]
}

fn write(dir: &Path, r: &Records, xlsx: bool) -> std::path::PathBuf {
    let tables = tables(r);
    if xlsx {
        let path = dir.join("records.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        for (_, sheet, rows) in &tables {
            let ws = book.add_worksheet().set_name(*sheet).unwrap();
            for (i, row) in rows.iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    ws.write_string(i as u32, j as u16, cell).unwrap();
                }
            }
        }
        book.save(&path).unwrap();
        path
    } else {
        for (file, _, rows) in &tables {
            let text: String = rows.iter().map(|row| row.join(",") + "\n").collect();
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir.to_path_buf()
    }
}

fn gathered(path: &Path, month: u32) -> Expected {
    let policies = kaohe::app::period::load(&common::root().join("policies/luoshan")).unwrap().strict().unwrap();
    let period = kaohe::facts::Period::Month { year: 2026, month };
    let policy = &policies.in_force(period.start().unwrap()).unwrap().policy;
    let g = kaohe::records::gather(policy, path, period).unwrap_or_else(|e| panic!("{e:?}"));
    let facts = |record: &kaohe::records::Gathered1, subject: &kaohe::policy::Subject| -> Facts {
        for (fact, _) in &record.facts {
            let items = record.evidence.iter().find(|(f, _)| f == fact).map(|(_, e)| e.as_slice()).unwrap_or_default();
            assert!(
                !items.is_empty() && items.iter().all(|e| !e.source.to_string().is_empty()),
                "{} {}",
                record.id,
                subject.facts[fact.index()].name.id
            );
        }
        record
            .facts
            .iter()
            .map(|(f, v)| match v {
                kaohe::facts::Value::Number(n) => (subject.facts[f.index()].name.id.clone(), n.normalize()),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let attribute = |record: &kaohe::records::Gathered1, name: &str| {
        let i = policy.staff.attribute_index(name).unwrap();
        record.attributes.iter().find(|(a, _)| *a == i).map_or(Decimal::ZERO, |(_, v)| v.normalize())
    };
    Expected {
        staff: g
            .staff
            .iter()
            .map(|s| (s.id.clone(), (attribute(s, "workdays"), attribute(s, "days_away"), facts(s, &policy.staff))))
            .collect(),
        window: facts(&g.windows[0], &policy.window),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn gather_agrees_with_records_md(month in prop::sample::select(vec![2u32, 7, 9]), xlsx in any::<bool>(), r in records(2)) {
        let start = NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
        let end = start.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
        // The records are drawn from February's days; shift them to the month drawn.
        let shift = |d: NaiveDate| d.checked_add_days(Days::new((start - NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()).num_days() as u64)).unwrap();
        let mut r = r;
        for p in &mut r.staff { p.joined = p.joined.map(shift); p.left = p.left.map(shift); }
        for x in &mut r.punches { x.1 = shift(x.1); }
        for l in &mut r.leave { l.from = shift(l.from.date()).and_time(l.from.time()); l.to = shift(l.to.date()).and_time(l.to.time()); }
        for x in &mut r.exemptions { x.1 = shift(x.1); }
        for x in &mut r.findings { x.1 = shift(x.1); }
        for c in &mut r.cases { c.accepted = shift(c.accepted); c.completed = c.completed.map(shift); c.finished = c.finished.map(shift); c.card = c.card.map(shift); }
        for x in &mut r.reviews { x.0 = shift(x.0); }
        let dir = common::scratch(&format!("gather-oracle-{}", std::process::id()));
        let path = write(&dir, &r, xlsx);
        let got = gathered(&path, month);
        let want = derive(&r, start, end);
        prop_assert_eq!(got, want, "{:#?}", r);
    }
}
