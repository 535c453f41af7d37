//! The oracle: an independent reading of `rubric.md`, checked against
//! `kaohe eval --format json`.
//!
//! For many random quarters (a seeded PRNG, so every run is the same) this
//! test writes a facts file, runs the real binary on the shipped policy, and
//! compares every staff and window total, category score, bonus, penalty,
//! band, rank, veto, flag, final grade and the label it is shown with (the
//! 事业单位 words of 第十八条) with a computation done here, straight from the
//! tables of `rubric.md`, and the quota selection (limit, chosen, the tied
//! group left out at the cut) and the honours proposed (明星个人, 明星班组长,
//! 明星窗口: who, from how many, the tie left out). Nothing in this file reads
//! kaohe's source: the tables below are copied from the rubric, row by row.
//!
//! A failure names the seed, the record and the field, and keeps the facts
//! file in the temp directory. To rerun one seed:
//!
//! ```text
//! KAOHE_ORACLE_SEED=17 cargo test --test oracle random_quarters
//! ```
//!
//! `KAOHE_ORACLE_CASES=2000` runs more quarters than the default 200.
//!
//! Grades: `excellent` / `red_flag` are recomputed exactly (`select`, from
//! rubric.md "Grades" and "Quota ties"): the eligible records of the band,
//! highest total first, in groups of equal totals; a group is taken whole
//! while it fits the quota, the first group that does not fit is left out
//! whole, and nothing below it is taken. Input order never decides.
//!
//! The hand-computed cases at the end pin literal numbers; their comments
//! show the arithmetic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

// ===========================================================================
// rubric.md, as tables
// ===========================================================================

/// The kinds of fact (rubric.md, "Kinds of fact").
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A whole number ≥ 0.
    Count,
    /// A number ≥ 0, a multiple of 0.5.
    Days,
    /// A list of points, each inside `lo..=hi`.
    Amounts(u32, u32),
    /// Counts per level: county, city, province, national.
    Levels,
}

/// How a fact moves a score.
#[derive(Clone, Copy, Debug)]
enum Points {
    /// These points for each one (a count) or per day (days).
    Each(&'static str),
    /// These points for each one beyond the first `n` in the quarter.
    EachBeyond(u32, &'static str),
    /// Each listed amount is deducted.
    MinusAmounts,
    /// Each listed amount is added.
    PlusAmounts,
    /// Points for each one at county, city, province, national level.
    PerLevel([&'static str; 4]),
    /// No points: an outcome flag, or it only matters for eligibility.
    Nothing,
}

/// One row of a rubric table: fact, kind, points.
type Row = (&'static str, Kind, Points);

/// A category: its id, its points, and the rows that deduct from it.
struct Category {
    id: &'static str,
    points: u32,
    rows: &'static [Row],
}

/// The keys of a `levels` fact, in the order `Points::PerLevel` lists them.
const LEVELS: [&str; 4] = ["county", "city", "province", "national"];

mod staff_rubric {
    //! 附件1 《窗口工作人员考核评分细则》: base 100 = 20 + 20 + 25 + 20 + 15.
    use super::Kind::*;
    use super::Points::*;
    use super::{Category, Row};

    pub const CATEGORIES: &[Category] = &[
        Category {
            id: "discipline", // 工作纪律
            points: 20,
            rows: &[
                ("rude_conduct", Amounts(5, 10), MinusAmounts),
                ("attire_violations", Count, Each("-1")),
                ("badge_missed_twice", Count, Each("-1")),
                ("disobedience", Amounts(1, 3), MinusAmounts),
                ("off_task", Count, Each("-5")),
                ("prohibited_acts", Count, Each("-5")),
                ("missed_study", Count, Each("-3")),
            ],
        },
        Category {
            id: "service", // 服务规范
            points: 20,
            rows: &[
                ("inquiry_failures", Count, Each("-1")),
                ("overdue_cases", Count, Each("-2")),
                ("overdue_joint_cases", Count, Each("-5")),
                ("platform_lapses", Amounts(3, 5), MinusAmounts),
                ("integration_lapses", Amounts(2, 5), MinusAmounts),
            ],
        },
        Category {
            id: "attendance", // 出勤值勤
            points: 25,
            rows: &[
                ("late_early_away", Count, Each("-3")),
                ("desk_visiting", Count, Each("-3")),
                ("absent_days", Days, Each("-10")),
                ("unpunched", Count, Each("-10")),
                ("personal_leave_days", Days, Each("-1")),
                ("sick_leave_days", Days, Each("-0.5")),
                ("midday_leaves", Count, EachBeyond(6, "-0.5")),
                ("long_midday_leaves", Count, Each("-0.5")),
                ("unsigned_leave_days", Days, Each("-10")),
                ("outsiders_admitted", Count, Each("-1")),
            ],
        },
        Category {
            id: "gov_service", // 政务服务
            points: 20,
            rows: &[
                ("verified_complaints", Count, Each("-5")),
                ("buck_passing", Amounts(2, 5), MinusAmounts),
                ("buck_passing_harm", Count, Each("-10")),
                ("service_lapses", Count, Each("-3")),
            ],
        },
        Category {
            id: "civility", // 文明创建
            points: 15,
            rows: &[
                ("desk_untidy", Count, Each("-0.5")),
                ("littering", Count, Each("-0.5")),
                ("appliances", Count, Each("-2")),
                ("volunteer_refusals", Amounts(1, 5), MinusAmounts),
            ],
        },
    ];

    /// Outside the categories: hit the total, never floored.
    pub const PENALTIES: &[Row] = &[
        ("exposures", Levels, PerLevel(["-50", "-100", "-100", "-100"])),
        // −50 per card to the person who operated the case. The chief rep's
        // share is per card in the whole window: CHIEF_REP_PER_CARD below.
        ("red_yellow_cards", Count, Each("-50")),
    ];

    /// −100 per card in the window, to every `chief_rep` of that window.
    pub const CHIEF_REP_PER_CARD: &str = "-100";

    /// 加分: added to the total, no cap.
    pub const BONUS: &[Row] = &[
        ("praise_messages", Count, Each("0.5")),
        ("banners", Count, Each("2")),
        ("good_deeds", Count, Each("0.5")),
        ("exemplary_deeds", Count, Each("1")),
        ("adopted_suggestions", Count, Each("1")),
        ("competition_awards", Amounts(3, 5), PlusAmounts),
        ("news_articles", Levels, PerLevel(["2", "3", "5", "10"])),
    ];

    /// Facts with no points: how many of the prohibited acts were serious
    /// (never more than `prohibited_acts`), and the panel's 服务委屈奖 proposals.
    pub const NO_POINTS: &[Row] = &[("prohibited_serious", Count, Nothing), ("grievance_praise", Count, Nothing)];
}

mod window_rubric {
    //! 附件2 《窗口绩效考核评分细则》: base 100 = 20 + 15 + 25 + 20 + 20.
    use super::Kind::*;
    use super::Points::*;
    use super::{Category, Row};

    /// The category that is not a fact but the staff's weighted average.
    pub const ATTENDANCE: &str = "attendance";

    pub const CATEGORIES: &[Category] = &[
        Category {
            id: "conduct", // 纪律作风
            points: 20,
            rows: &[
                ("disobedience", Count, Each("-5")),
                ("staffing_violations", Count, Each("-5")),
                ("staff_discipline", Amounts(3, 5), MinusAmounts),
                ("frequent_complaints", Count, Each("-5")),
            ],
        },
        Category {
            id: "service", // 服务规范 (the table's 15, not 第五条's 20)
            points: 15,
            rows: &[
                ("disputes", Count, Each("-5")),
                ("overdue_cases", Count, Each("-5")),
                ("housekeeping", Amounts(2, 5), MinusAmounts),
            ],
        },
        Category {
            id: ATTENDANCE, // 工作考勤: see `window_attendance`
            points: 25,
            rows: &[],
        },
        Category {
            id: "approval", // 审批业务
            points: 20,
            rows: &[
                ("publication_lapses", Amounts(2, 5), MinusAmounts),
                ("centralization_lapses", Amounts(2, 5), MinusAmounts),
                ("online_lapses", Amounts(2, 5), MinusAmounts),
                ("one_window_lapses", Amounts(4, 6), MinusAmounts),
            ],
        },
        Category {
            id: "optimization", // 政务服务优化
            points: 20,
            rows: &[
                ("joint_lapses", Amounts(3, 5), MinusAmounts),
                ("joint_delays", Count, Each("-10")),
                ("dissatisfied_reviews", Count, Each("-2")),
                ("verified_complaints", Amounts(5, 10), MinusAmounts),
            ],
        },
    ];

    /// 加分.
    pub const BONUS: &[Row] = &[
        ("written_praise", Count, Each("5")),
        ("adopted_suggestions", Count, Each("5")),
        ("media_reports", Levels, PerLevel(["5", "10", "10", "10"])),
    ];

    /// Facts with no points (eligibility only): exposures, and the verified
    /// complaints about extended service (never more than the verified complaints).
    pub const NO_POINTS: &[Row] = &[("exposures", Levels, Nothing), ("extended_service_complaints", Count, Nothing)];
}

/// Grade bands (第十二条; "以上" includes the number).
fn staff_band(total: Decimal) -> &'static str {
    if total >= Decimal::from(80) {
        "competent"
    } else if total >= Decimal::from(60) {
        "basic"
    } else {
        "unfit"
    }
}

fn window_band(total: Decimal) -> &'static str {
    if total >= Decimal::from(80) {
        "good"
    } else if total >= Decimal::from(60) {
        "fair"
    } else {
        "poor"
    }
}

/// A grade chosen by quota from a band (第十二条, 第十八条, 第十九条).
struct Quota {
    /// The grade chosen: `excellent` / `red_flag`.
    grade: &'static str,
    /// The band it is chosen from: `competent` / `good`.
    from: &'static str,
    /// At most ⌊percent × records in the file / 100⌋ are chosen.
    percent: usize,
}

/// Excellent: at most ⌊15% × staff⌋ of the competent.
const EXCELLENT: Quota = Quota { grade: "excellent", from: "competent", percent: 15 };

/// Red flag: at most ⌊20% × windows⌋ of the good (the shipped policy's quota;
/// the document says only "若干").
const RED_FLAG: Quota = Quota { grade: "red_flag", from: "good", percent: 20 };

/// Why a record may not be chosen for the quota grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Veto {
    /// Staff: a red or yellow card on a case the person operated.
    OwnCard,
    /// Staff: a `chief_rep` whose window's staff got a card.
    ChiefRepOfCardedWindow,
    /// Staff: `days_away` ≥ 5 (第十五条).
    DaysAway,
    /// Staff: a serious prohibited act (a person being sent back is not the best).
    Serious,
    /// Window: a card on any of its staff (附件2/政务服务优化/3).
    CardInWindow,
    /// Window: an exposure of the window itself (第二十二条).
    WindowExposure,
    /// Window: a verified complaint about its extended service (第五章 七).
    ExtendedService,
}

// A staff member's exposure bars only the year's honours (第二十二条): no quarterly veto.
const ALL_VETOES: [Veto; 7] = [
    Veto::OwnCard,
    Veto::ChiefRepOfCardedWindow,
    Veto::DaysAway,
    Veto::Serious,
    Veto::CardInWindow,
    Veto::WindowExposure,
    Veto::ExtendedService,
];

/// Honours proposed each quarter (第十七条(四)), never grades: of the records
/// with grade `from` (and, for 明星班组长, the role `chief_rep`), highest
/// total first, at most 3, a group tied at the cut left out whole.
struct Honour {
    id: &'static str,
    from: &'static str,
    chief_reps_only: bool,
    at_most: usize,
}

const STAFF_HONOURS: [Honour; 2] = [
    Honour { id: "star_staff", from: "excellent", chief_reps_only: false, at_most: 3 },
    Honour { id: "star_chief", from: "excellent", chief_reps_only: true, at_most: 3 },
];
const WINDOW_HONOURS: [Honour; 1] =
    [Honour { id: "star_window", from: "red_flag", chief_reps_only: false, at_most: 3 }];

/// The label a grade is shown with (第十八条: 事业单位人员 have their own words).
fn grade_label(grade: &str, institution: bool) -> &'static str {
    match (grade, institution) {
        ("excellent", _) => "优秀",
        ("competent", false) => "称职",
        ("competent", true) => "合格",
        ("basic", false) => "基本称职",
        ("basic", true) => "基本合格",
        ("unfit", false) => "不称职",
        ("unfit", true) => "不合格",
        ("red_flag", _) => "红旗",
        ("good", _) => "良好",
        ("fair", _) => "一般",
        ("poor", _) => "较差",
        (other, _) => panic!("no grade {other}"),
    }
}

fn every_staff_row() -> impl Iterator<Item = &'static Row> {
    use staff_rubric::*;
    CATEGORIES.iter().flat_map(|c| c.rows.iter()).chain(PENALTIES).chain(BONUS).chain(NO_POINTS)
}

fn every_window_row() -> impl Iterator<Item = &'static Row> {
    use window_rubric::*;
    CATEGORIES.iter().flat_map(|c| c.rows.iter()).chain(BONUS).chain(NO_POINTS)
}

// ===========================================================================
// A quarter's facts
// ===========================================================================

#[derive(Clone, Debug)]
enum Fact {
    Count(u32),
    Days(Decimal),
    Amounts(Vec<u32>),
    /// (index into `LEVELS`, count), in the order written.
    Levels(Vec<(usize, u32)>),
}

#[derive(Clone, Debug, Default)]
struct Facts(Vec<(&'static str, Fact)>);

impl Facts {
    fn get(&self, name: &str) -> Option<&Fact> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }

    fn count(&self, name: &str) -> u32 {
        match self.get(name) {
            Some(Fact::Count(n)) => *n,
            _ => 0,
        }
    }

    /// Sets a fact, replacing any value it had.
    fn set(&mut self, name: &'static str, fact: Fact) {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, fact));
    }

    fn levels_total(&self, name: &str) -> u32 {
        match self.get(name) {
            Some(Fact::Levels(ls)) => ls.iter().map(|(_, n)| n).sum(),
            _ => 0,
        }
    }
}

#[derive(Clone, Debug)]
struct WindowRec {
    id: String,
    name: String,
    facts: Facts,
}

#[derive(Clone, Debug)]
struct StaffRec {
    id: String,
    name: String,
    window: String,
    role: &'static str,
    workdays: u32,
    days_away: Decimal,
    /// `"staff_type": "institution"` (事业单位人员).
    institution: bool,
    facts: Facts,
}

#[derive(Clone, Debug)]
struct Quarter {
    period: String,
    windows: Vec<WindowRec>,
    staff: Vec<StaffRec>,
}

// ===========================================================================
// The independent computation
// ===========================================================================

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The points one row gives for one fact.
fn row_points(points: Points, fact: &Fact) -> Decimal {
    match (points, fact) {
        (Points::Each(p), Fact::Count(n)) => dec(p) * Decimal::from(*n),
        (Points::Each(p), Fact::Days(days)) => dec(p) * days,
        (Points::EachBeyond(free, p), Fact::Count(n)) => dec(p) * Decimal::from(n.saturating_sub(free)),
        (Points::MinusAmounts, Fact::Amounts(xs)) => -xs.iter().map(|x| Decimal::from(*x)).sum::<Decimal>(),
        (Points::PlusAmounts, Fact::Amounts(xs)) => xs.iter().map(|x| Decimal::from(*x)).sum(),
        (Points::PerLevel(per), Fact::Levels(ls)) => {
            ls.iter().map(|(level, n)| dec(per[*level]) * Decimal::from(*n)).sum()
        }
        (Points::Nothing, _) => Decimal::ZERO,
        (points, fact) => panic!("table row {points:?} cannot score {fact:?}"),
    }
}

/// Σ of the points of every row whose fact is present.
fn rows_points(rows: &[Row], facts: &Facts) -> Decimal {
    rows.iter().filter_map(|(name, _, points)| facts.get(name).map(|f| row_points(*points, f))).sum()
}

/// `max(0, points − deductions)`: deductions stop when the category is used up.
fn category_score(category: &Category, facts: &Facts) -> Decimal {
    (Decimal::from(category.points) + rows_points(category.rows, facts)).max(Decimal::ZERO)
}

/// Σ(attendance score × workdays) / Σ workdays, to 2 places, half away from zero.
fn window_attendance(members: &[(Decimal, u32)]) -> Decimal {
    weighted_attendance(members).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Σ(attendance score × workdays) / Σ workdays, not rounded.
fn weighted_attendance(members: &[(Decimal, u32)]) -> Decimal {
    let weighted: Decimal = members.iter().map(|(score, days)| score * Decimal::from(*days)).sum();
    let days: Decimal = members.iter().map(|(_, days)| Decimal::from(*days)).sum();
    assert!(days > Decimal::ZERO, "a window's staff must have workdays");
    weighted / days
}

/// What the oracle expects of one record.
#[derive(Clone, Debug)]
struct Expected {
    id: String,
    categories: Vec<(&'static str, Decimal)>,
    /// Staff only.
    penalties: Option<Decimal>,
    bonus: Decimal,
    total: Decimal,
    /// competent/basic/unfit or good/fair/poor.
    band: &'static str,
    /// Why it cannot be excellent / red flag; empty when eligible.
    vetoes: Vec<Veto>,
    /// Flag ids raised (staff: `return_to_unit` for `prohibited_serious`,
    /// `notify_unit` for a card operated or in a chief rep's window).
    flags: Vec<&'static str>,
    /// Whether the grades are shown in 事业单位 words.
    institution: bool,
    /// The chief rep role (for 明星班组长).
    chief_rep: bool,
    /// The honours it is proposed for.
    proposals: Vec<&'static str>,
    /// 1 + the records of the same list with a strictly higher total.
    rank: usize,
    /// The final grade: the band, or the quota grade when chosen.
    grade: &'static str,
    /// Eligible, in the band, but in the tied group left out at the cut.
    left_out_tied: bool,
}

/// How a quota grade was filled: `selection.staff[0]` / `selection.windows[0]`.
#[derive(Clone, Debug, PartialEq)]
struct Selection {
    grade: &'static str,
    from: &'static str,
    quota_percent: usize,
    assessed: usize,
    limit: usize,
    /// Ids, highest total first (ties in input order: the order is not compared).
    chosen: Vec<String>,
    /// The group of equal totals left out whole at the cut.
    tie_left_out: Option<(Decimal, Vec<String>)>,
}

/// Everything the oracle expects of one quarter.
struct Outcome {
    staff: Vec<Expected>,
    windows: Vec<Expected>,
    excellent: Selection,
    red_flag: Selection,
    staff_proposals: Vec<Proposal>,
    window_proposals: Vec<Proposal>,
}

/// How one honour's proposals were made: `proposals.staff[i]`.
#[derive(Clone, Debug, PartialEq)]
struct Proposal {
    honour: &'static str,
    from: &'static str,
    at_most: usize,
    candidates: usize,
    proposed: Vec<String>,
    tie_left_out: Option<(Decimal, Vec<String>)>,
}

/// The honours' proposals, once the final grades are known; marks each record.
fn propose(records: &mut [Expected], honours: &[Honour]) -> Vec<Proposal> {
    let mut out = Vec::new();
    for honour in honours {
        let candidates: Vec<usize> = (0..records.len())
            .filter(|&i| records[i].grade == honour.from && (!honour.chief_reps_only || records[i].chief_rep))
            .collect();
        let mut levels: Vec<Decimal> = candidates.iter().map(|&i| records[i].total).collect();
        levels.sort_unstable_by(|a, b| b.cmp(a));
        levels.dedup();
        let (mut proposed, mut tie_left_out) = (Vec::new(), None);
        for level in levels {
            let group: Vec<usize> = candidates.iter().copied().filter(|&i| records[i].total == level).collect();
            if proposed.len() + group.len() <= honour.at_most {
                proposed.extend(group);
                continue;
            }
            if proposed.len() < honour.at_most && group.len() > 1 {
                tie_left_out = Some((level, group.iter().map(|&i| records[i].id.clone()).collect()));
            }
            break;
        }
        for &i in &proposed {
            records[i].proposals.push(honour.id);
        }
        out.push(Proposal {
            honour: honour.id,
            from: honour.from,
            at_most: honour.at_most,
            candidates: candidates.len(),
            proposed: proposed.iter().map(|&i| records[i].id.clone()).collect(),
            tie_left_out,
        });
    }
    out
}

/// Ranks, the quota selection and the final grades of one list, in place.
///
/// rubric.md, "Quota ties": candidates are the eligible records of band
/// `from`, walked from the highest total down in groups of equal totals. A
/// group is taken whole if it fits the limit (count + size ≤ limit). The
/// first group that does not fit is left out whole and nothing below it is
/// taken; it is a *tie* left out when the cut falls inside it, that is when
/// part of it would have fitted (count < limit).
fn select(records: &mut [Expected], quota: &Quota) -> Selection {
    let totals: Vec<Decimal> = records.iter().map(|r| r.total).collect();
    for r in records.iter_mut() {
        r.rank = 1 + totals.iter().filter(|t| **t > r.total).count();
        r.grade = r.band;
    }
    let limit = quota.percent * records.len() / 100;
    let candidates: Vec<usize> =
        (0..records.len()).filter(|&i| records[i].band == quota.from && records[i].vetoes.is_empty()).collect();
    let mut levels: Vec<Decimal> = candidates.iter().map(|&i| records[i].total).collect();
    levels.sort_unstable_by(|a, b| b.cmp(a));
    levels.dedup();
    let mut chosen = Vec::new();
    let mut tie_left_out = None;
    for level in levels {
        let group: Vec<usize> = candidates.iter().copied().filter(|&i| records[i].total == level).collect();
        if chosen.len() + group.len() <= limit {
            chosen.extend(group);
            continue;
        }
        if chosen.len() < limit {
            for &i in &group {
                records[i].left_out_tied = true;
            }
            tie_left_out = Some((level, group.iter().map(|&i| records[i].id.clone()).collect()));
        }
        break;
    }
    for &i in &chosen {
        records[i].grade = quota.grade;
    }
    Selection {
        grade: quota.grade,
        from: quota.from,
        quota_percent: quota.percent,
        assessed: records.len(),
        limit,
        chosen: chosen.iter().map(|&i| records[i].id.clone()).collect(),
        tie_left_out,
    }
}

fn expected_scores(q: &Quarter) -> Outcome {
    let cards_in_window = |window: &str| -> u32 {
        q.staff.iter().filter(|s| s.window == window).map(|s| s.facts.count("red_yellow_cards")).sum()
    };

    let mut staff = Vec::new();
    for s in &q.staff {
        let categories: Vec<(&str, Decimal)> =
            staff_rubric::CATEGORIES.iter().map(|c| (c.id, category_score(c, &s.facts))).collect();
        let window_cards = cards_in_window(&s.window);
        let mut penalties = rows_points(staff_rubric::PENALTIES, &s.facts);
        if s.role == "chief_rep" {
            penalties += dec(staff_rubric::CHIEF_REP_PER_CARD) * Decimal::from(window_cards);
        }
        let bonus = rows_points(staff_rubric::BONUS, &s.facts);
        let total = categories.iter().map(|(_, v)| v).sum::<Decimal>() + penalties + bonus;
        let carded = s.facts.count("red_yellow_cards") > 0 || (s.role == "chief_rep" && window_cards > 0);
        let serious = s.facts.count("prohibited_serious") > 0;
        let vetoes = [
            (s.facts.count("red_yellow_cards") > 0, Veto::OwnCard),
            (s.role == "chief_rep" && window_cards > 0, Veto::ChiefRepOfCardedWindow),
            (s.days_away >= Decimal::from(5), Veto::DaysAway),
            (serious, Veto::Serious),
        ];
        let flags = [(serious, "return_to_unit"), (carded, "notify_unit")];
        let flags = flags.iter().filter(|(raised, _)| *raised).map(|(_, f)| *f).collect();
        staff.push(Expected {
            id: s.id.clone(),
            categories,
            penalties: Some(penalties),
            bonus,
            total,
            band: staff_band(total),
            vetoes: vetoes.iter().filter(|(applies, _)| *applies).map(|(_, v)| *v).collect(),
            flags,
            institution: s.institution,
            chief_rep: s.role == "chief_rep",
            proposals: Vec::new(),
            rank: 0,
            grade: "",
            left_out_tied: false,
        });
    }

    let mut windows = Vec::new();
    for w in &q.windows {
        let members: Vec<(Decimal, u32)> = q
            .staff
            .iter()
            .zip(&staff)
            .filter(|(s, _)| s.window == w.id)
            .map(|(s, e)| (category_of(e, "attendance"), s.workdays))
            .collect();
        let categories: Vec<(&str, Decimal)> = window_rubric::CATEGORIES
            .iter()
            .map(|c| {
                if c.id == window_rubric::ATTENDANCE {
                    (c.id, window_attendance(&members))
                } else {
                    (c.id, category_score(c, &w.facts))
                }
            })
            .collect();
        let bonus = rows_points(window_rubric::BONUS, &w.facts);
        let total = categories.iter().map(|(_, v)| v).sum::<Decimal>() + bonus;
        // A card among its staff, an exposure of the window (第二十二条), or a
        // complaint about its extended service (第五章 七).
        let vetoes = [
            (cards_in_window(&w.id) > 0, Veto::CardInWindow),
            (w.facts.levels_total("exposures") > 0, Veto::WindowExposure),
            (w.facts.count("extended_service_complaints") > 0, Veto::ExtendedService),
        ];
        windows.push(Expected {
            id: w.id.clone(),
            categories,
            penalties: None,
            bonus,
            total,
            band: window_band(total),
            vetoes: vetoes.iter().filter(|(applies, _)| *applies).map(|(_, v)| *v).collect(),
            flags: vec![],
            institution: false,
            chief_rep: false,
            proposals: Vec::new(),
            rank: 0,
            grade: "",
            left_out_tied: false,
        });
    }
    let excellent = select(&mut staff, &EXCELLENT);
    let red_flag = select(&mut windows, &RED_FLAG);
    let staff_proposals = propose(&mut staff, &STAFF_HONOURS);
    let window_proposals = propose(&mut windows, &WINDOW_HONOURS);
    Outcome { staff, windows, excellent, red_flag, staff_proposals, window_proposals }
}

fn category_of(e: &Expected, id: &str) -> Decimal {
    e.categories.iter().find(|(c, _)| *c == id).map(|(_, v)| *v).unwrap()
}

// ===========================================================================
// Comparing with kaohe's output
// ===========================================================================

/// A JSON number, read through its exact text.
fn number(v: &Value) -> Option<Decimal> {
    let text = v.as_number()?.to_string();
    Decimal::from_str(&text).or_else(|_| Decimal::from_scientific(&text)).ok()
}

fn show(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Every disagreement between `expected_scores(q)` and kaohe's output.
fn compare(q: &Quarter, actual: &Value) -> Vec<String> {
    let o = expected_scores(q);
    let mut errors = Vec::new();
    if actual["period"].as_str() != Some(q.period.as_str()) {
        errors.push(format!("period: expected {:?}, got {}", q.period, actual["period"]));
    }
    compare_list(
        "staff",
        &o.staff,
        &actual["staff"],
        &EXCELLENT,
        |i, rec, errs| {
            let s = &q.staff[i];
            for (field, want) in [("name", &s.name), ("window", &s.window)] {
                if rec[field].as_str() != Some(want.as_str()) {
                    errs.push(format!("{field}: expected {want:?}, got {}", rec[field]));
                }
            }
        },
        &mut errors,
    );
    compare_list(
        "windows",
        &o.windows,
        &actual["windows"],
        &RED_FLAG,
        |i, rec, errs| {
            let name = &q.windows[i].name;
            if rec["name"].as_str() != Some(name.as_str()) {
                errs.push(format!("name: expected {name:?}, got {}", rec["name"]));
            }
        },
        &mut errors,
    );
    compare_selection("staff", &o.excellent, &actual["selection"]["staff"], &mut errors);
    compare_selection("windows", &o.red_flag, &actual["selection"]["windows"], &mut errors);
    compare_proposals("staff", &o.staff_proposals, &actual["proposals"]["staff"], &mut errors);
    compare_proposals("windows", &o.window_proposals, &actual["proposals"]["windows"], &mut errors);
    errors
}

/// `proposals.staff` / `proposals.windows`: one entry per honour, in order.
fn compare_proposals(list: &str, want: &[Proposal], actual: &Value, errors: &mut Vec<String>) {
    let at = format!("proposals.{list}");
    let Some(got) = actual.as_array() else {
        errors.push(format!("{at}: expected a list, got {actual}"));
        return;
    };
    if got.len() != want.len() {
        errors.push(format!("{at}: expected {} honours, got {actual}", want.len()));
    }
    for (want, got) in want.iter().zip(got) {
        let at = format!("{at}.{}", want.honour);
        for (field, value) in [("honour", want.honour), ("from", want.from)] {
            if got[field].as_str() != Some(value) {
                errors.push(format!("{at}.{field}: expected {value:?}, got {}", got[field]));
            }
        }
        for (field, n) in [("at_most", want.at_most), ("candidates", want.candidates)] {
            if got[field].as_u64() != Some(n as u64) {
                errors.push(format!("{at}.{field}: expected {n}, got {}", got[field]));
            }
        }
        let proposed: BTreeSet<String> = want.proposed.iter().cloned().collect();
        if id_set(&got["proposed"]).as_ref() != Some(&proposed) {
            errors.push(format!(
                "{at}.proposed: expected {proposed:?} (tie {:?}), got {}",
                want.tie_left_out, got["proposed"]
            ));
        }
        let tie = &got["tie_left_out"];
        match &want.tie_left_out {
            None if tie.is_null() => {}
            None => errors.push(format!("{at}.tie_left_out: expected absent, got {tie}")),
            Some((total, ids)) => {
                let ids: BTreeSet<String> = ids.iter().cloned().collect();
                if number(&tie["total"]) != Some(*total) || id_set(&tie["ids"]).as_ref() != Some(&ids) {
                    errors.push(format!("{at}.tie_left_out: expected total {} ids {ids:?}, got {tie}", show(*total)));
                }
            }
        }
    }
}

/// What decided a record's grade, for failure messages.
fn grade_context(e: &Expected) -> String {
    let eligibility = if e.vetoes.is_empty() { "eligible".to_string() } else { format!("vetoed {:?}", e.vetoes) };
    let tied = if e.left_out_tied { ", left out tied" } else { "" };
    format!("total {}, band {}, rank {}, {eligibility}{tied}", show(e.total), e.band, e.rank)
}

/// The `key` of every object of the list `field` (`vetoes`, `flags`), each of
/// which must also carry a non-empty `cite` and `reason`.
fn keys_of(rec: &Value, field: &str, key: &str, errs: &mut Vec<String>) -> BTreeSet<String> {
    let Some(items) = rec[field].as_array() else {
        errs.push(format!("{field}: expected an array, got {}", rec[field]));
        return BTreeSet::new();
    };
    let mut keys = BTreeSet::new();
    for (j, item) in items.iter().enumerate() {
        for part in [key, "cite", "reason"] {
            if item[part].as_str().is_none_or(str::is_empty) {
                errs.push(format!("{field}[{j}].{part}: expected a non-empty string, got {}", item[part]));
            }
        }
        keys.insert(item[key].as_str().unwrap_or_default().to_string());
    }
    keys
}

fn compare_list(
    list: &str,
    expected: &[Expected],
    actual: &Value,
    quota: &Quota,
    extra: impl Fn(usize, &Value, &mut Vec<String>),
    errors: &mut Vec<String>,
) {
    let Some(records) = actual.as_array() else {
        errors.push(format!("{list}: expected an array, got {actual}"));
        return;
    };
    if records.len() != expected.len() {
        errors.push(format!("{list}: expected {} records, got {}", expected.len(), records.len()));
    }
    for (i, (exp, rec)) in expected.iter().zip(records).enumerate() {
        let mut errs = Vec::new();
        if rec["id"].as_str() != Some(exp.id.as_str()) {
            errs.push(format!("id: expected {:?} (input order), got {}", exp.id, rec["id"]));
        }
        extra(i, rec, &mut errs);
        let mut fields: Vec<(String, Decimal)> = vec![("total".into(), exp.total), ("bonus".into(), exp.bonus)];
        if let Some(p) = exp.penalties {
            fields.push(("penalties".into(), p));
        }
        for (id, v) in &exp.categories {
            fields.push((format!("categories.{id}"), *v));
        }
        for (field, want) in fields {
            let got = field.split('.').fold(rec, |v, key| &v[key]);
            match number(got) {
                Some(n) if n == want => {}
                Some(_) => errs.push(format!("{field}: expected {}, got {got}", show(want))),
                None => errs.push(format!("{field}: expected {}, got {got} (not a number)", show(want))),
            }
        }
        if let Some(cats) = rec["categories"].as_object() {
            for key in cats.keys().filter(|k| !exp.categories.iter().any(|(c, _)| c == k)) {
                errs.push(format!("categories.{key}: not a category of rubric.md"));
            }
        }
        for (field, want) in
            [("grade", exp.grade), ("band", exp.band), ("grade_label", grade_label(exp.grade, exp.institution))]
        {
            if rec[field].as_str() != Some(want) {
                errs.push(format!("{field}: expected {want:?} ({}), got {}", grade_context(exp), rec[field]));
            }
        }
        let staff_type = if exp.institution { Value::from("institution") } else { Value::Null };
        if rec["staff_type"] != staff_type {
            errs.push(format!("staff_type: expected {staff_type}, got {}", rec["staff_type"]));
        }
        let want_proposals: BTreeSet<String> = exp.proposals.iter().map(|p| p.to_string()).collect();
        if id_set(&rec["proposals"]).as_ref() != Some(&want_proposals) {
            errs.push(format!(
                "proposals: expected {want_proposals:?} ({}), got {}",
                grade_context(exp),
                rec["proposals"]
            ));
        }
        if rec["rank"].as_u64() != Some(exp.rank as u64) {
            errs.push(format!("rank: expected {} (total {}), got {}", exp.rank, show(exp.total), rec["rank"]));
        }
        let want_vetoes: BTreeSet<String> =
            if exp.vetoes.is_empty() { BTreeSet::new() } else { BTreeSet::from([quota.grade.to_string()]) };
        let got_vetoes = keys_of(rec, "vetoes", "grade", &mut errs);
        if got_vetoes != want_vetoes {
            errs.push(format!("vetoes: expected grades {want_vetoes:?} ({:?}), got {}", exp.vetoes, rec["vetoes"]));
        }
        let want_flags: BTreeSet<String> = exp.flags.iter().map(|f| f.to_string()).collect();
        let got_flags = keys_of(rec, "flags", "flag", &mut errs);
        if got_flags != want_flags {
            errs.push(format!("flags: expected {want_flags:?}, got {}", rec["flags"]));
        }
        match (&rec["left_out_tied"], exp.left_out_tied) {
            (Value::Bool(true), true) | (Value::Null, false) => {}
            (got, true) => errs.push(format!("left_out_tied: expected true ({}), got {got}", grade_context(exp))),
            (got, false) => {
                errs.push(format!("left_out_tied: expected absent ({}), got {got}", grade_context(exp)));
            }
        }
        for e in errs {
            errors.push(format!("{list}[{i}] id {}: {e}", exp.id));
        }
    }
}

/// A JSON array of strings as a set; `None` if it is not one, or repeats one.
fn id_set(v: &Value) -> Option<BTreeSet<String>> {
    let items = v.as_array()?;
    let set: BTreeSet<String> = items.iter().map(|x| x.as_str().map(str::to_string)).collect::<Option<_>>()?;
    (set.len() == items.len()).then_some(set)
}

/// `selection.staff` / `selection.windows`: one entry, for the quota grade.
fn compare_selection(list: &str, want: &Selection, actual: &Value, errors: &mut Vec<String>) {
    let at = format!("selection.{list}");
    let entries: Vec<&Value> =
        actual.as_array().into_iter().flatten().filter(|e| e["grade"].as_str() == Some(want.grade)).collect();
    let [got] = entries[..] else {
        errors.push(format!("{at}: expected one entry with grade {:?}, got {actual}", want.grade));
        return;
    };
    if actual.as_array().map(Vec::len) != Some(1) {
        errors.push(format!("{at}: expected only the {:?} entry, got {actual}", want.grade));
    }
    if got["from"].as_str() != Some(want.from) {
        errors.push(format!("{at}.from: expected {:?}, got {}", want.from, got["from"]));
    }
    for (field, n) in [("quota_percent", want.quota_percent), ("assessed", want.assessed), ("limit", want.limit)] {
        if got[field].as_u64() != Some(n as u64) {
            errors.push(format!("{at}.{field}: expected {n}, got {}", got[field]));
        }
    }
    let chosen: BTreeSet<String> = want.chosen.iter().cloned().collect();
    if id_set(&got["chosen"]).as_ref() != Some(&chosen) {
        errors.push(format!(
            "{at}.chosen: expected {chosen:?} (limit {}, tie left out {:?}), got {}",
            want.limit, want.tie_left_out, got["chosen"]
        ));
    }
    let tie = &got["tie_left_out"];
    match &want.tie_left_out {
        None if tie.is_null() => {}
        None => errors.push(format!("{at}.tie_left_out: expected absent, got {tie}")),
        Some((total, ids)) => {
            let ids: BTreeSet<String> = ids.iter().cloned().collect();
            if number(&tie["total"]) != Some(*total) || id_set(&tie["ids"]).as_ref() != Some(&ids) {
                errors.push(format!("{at}.tie_left_out: expected total {} ids {ids:?}, got {tie}", show(*total)));
            }
        }
    }
}

// ===========================================================================
// Writing and reading facts files
// ===========================================================================

fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn fact_json(fact: &Fact) -> String {
    match fact {
        Fact::Count(n) => n.to_string(),
        Fact::Days(d) => show(*d),
        Fact::Amounts(xs) => {
            let items: Vec<String> = xs.iter().map(u32::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        Fact::Levels(ls) => {
            let items: Vec<String> = ls.iter().map(|(l, n)| format!("\"{}\": {n}", LEVELS[*l])).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn facts_json(facts: &Facts) -> String {
    let items: Vec<String> = facts.0.iter().map(|(name, f)| format!("\"{name}\": {}", fact_json(f))).collect();
    format!("{{{}}}", items.join(", "))
}

impl Quarter {
    fn to_json(&self) -> String {
        let windows: Vec<String> = self
            .windows
            .iter()
            .map(|w| {
                format!(
                    "    {{\"id\": {}, \"name\": {}, \"facts\": {}}}",
                    quote(&w.id),
                    quote(&w.name),
                    facts_json(&w.facts)
                )
            })
            .collect();
        let staff: Vec<String> = self
            .staff
            .iter()
            .map(|s| {
                format!(
                    "    {{\"id\": {}, \"name\": {}, \"window\": {}, \"role\": {}, \"workdays\": {}, \"days_away\": {},{} \"facts\": {}}}",
                    quote(&s.id),
                    quote(&s.name),
                    quote(&s.window),
                    quote(s.role),
                    s.workdays,
                    show(s.days_away),
                    if s.institution { " \"staff_type\": \"institution\"," } else { "" },
                    facts_json(&s.facts)
                )
            })
            .collect();
        format!(
            "{{\n  \"period\": {},\n  \"windows\": [\n{}\n  ],\n  \"staff\": [\n{}\n  ]\n}}\n",
            quote(&self.period),
            windows.join(",\n"),
            staff.join(",\n")
        )
    }

    /// Reads a facts file (for the hand-written cases). Panics on anything
    /// outside the vocabulary: these files are ours.
    fn from_json(text: &str) -> Quarter {
        let v: Value = serde_json::from_str(text).unwrap();
        let facts = |obj: &Value, rows: &[&'static Row]| -> Facts {
            let mut out = Facts::default();
            for (name, value) in obj.as_object().into_iter().flatten() {
                let (fact_name, kind, _) =
                    rows.iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("unknown fact {name}"));
                let fact = match kind {
                    Kind::Count => Fact::Count(value.as_u64().unwrap() as u32),
                    Kind::Days => Fact::Days(number(value).unwrap()),
                    Kind::Amounts(..) => {
                        Fact::Amounts(value.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u32).collect())
                    }
                    Kind::Levels => Fact::Levels(
                        value
                            .as_object()
                            .unwrap()
                            .iter()
                            .map(|(k, n)| {
                                let level = LEVELS.iter().position(|l| l == k).unwrap();
                                (level, n.as_u64().unwrap() as u32)
                            })
                            .collect(),
                    ),
                };
                out.0.push((fact_name, fact));
            }
            out
        };
        let staff_rows: Vec<&Row> = every_staff_row().collect();
        let window_rows: Vec<&Row> = every_window_row().collect();
        let text_of = |v: &Value| v.as_str().unwrap().to_string();
        Quarter {
            period: text_of(&v["period"]),
            windows: v["windows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| WindowRec {
                    id: text_of(&w["id"]),
                    name: text_of(&w["name"]),
                    facts: facts(&w["facts"], &window_rows),
                })
                .collect(),
            staff: v["staff"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| StaffRec {
                    id: text_of(&s["id"]),
                    name: text_of(&s["name"]),
                    window: text_of(&s["window"]),
                    role: if s["role"] == "chief_rep" { "chief_rep" } else { "operator" },
                    workdays: s["workdays"].as_u64().unwrap() as u32,
                    days_away: number(&s["days_away"]).unwrap_or_default(),
                    institution: s["staff_type"] == "institution",
                    facts: facts(&s["facts"], &staff_rows),
                })
                .collect(),
        }
    }
}

// ===========================================================================
// Running kaohe
// ===========================================================================

fn temp_facts_path(label: &str) -> PathBuf {
    std::env::temp_dir().join(format!("kaohe-oracle-{}-{label}.json", std::process::id()))
}

/// `kaohe eval --policy policies/luoshan --facts <path> --format json`.
fn kaohe_eval(facts: &Path) -> Result<Value, String> {
    let policy = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies").join("luoshan");
    let out = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .arg("eval")
        .arg("--policy")
        .arg(&policy)
        .arg("--facts")
        .arg(facts)
        .args(["--format", "json"])
        .output()
        .map_err(|e| format!("cannot run kaohe: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "kaohe eval exited with {}; stderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("kaohe's stdout is not JSON: {e}"))
}

/// Writes a facts file to the temp directory and evaluates it. Returns
/// the file's path too: callers remove it when all is well and name it in
/// the failure message when not.
fn eval_facts(text: &str, label: &str) -> (PathBuf, Result<Value, String>) {
    let path = temp_facts_path(label);
    if let Err(e) = std::fs::write(&path, text) {
        return (path.clone(), Err(format!("cannot write {}: {e}", path.display())));
    }
    let result = kaohe_eval(&path);
    (path, result)
}

// ===========================================================================
// Random quarters
// ===========================================================================

/// splitmix64: small, fast and good enough to pick test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    fn percent(&mut self, p: u32) -> bool {
        self.range(0, 99) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u32 - 1) as usize]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.range(0, i as u32) as usize;
            items.swap(i, j);
        }
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高",
    "林",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
    "晓燕", "建华", "志强", "海燕", "文博", "雪梅",
];
const DESKS: &[&str] = &[
    "公安户政窗口",
    "不动产登记窗口",
    "社保窗口",
    "医保窗口",
    "税务窗口",
    "市场监管窗口",
    "公积金窗口",
    "民政婚姻登记窗口",
    "人社就业窗口",
    "交通运输窗口",
    "住建窗口",
    "综合受理窗口",
];

/// A value for one fact. Light values are what a normal quarter has; heavy
/// ones use a category up. Zero, `[]` and `{}` are valid too and show up.
fn random_fact(rng: &mut Rng, kind: Kind, points: Points, heavy: bool) -> Fact {
    match kind {
        Kind::Count => Fact::Count(match points {
            // Around the threshold, and far beyond it when heavy.
            Points::EachBeyond(free, _) if heavy => rng.range(free, 3 * free + 2),
            Points::EachBeyond(free, _) => rng.range(free.saturating_sub(2), free + 3),
            _ if rng.percent(4) => 0,
            _ if heavy => rng.range(2, 12),
            _ => rng.range(1, 2),
        }),
        Kind::Days => {
            let halves = if rng.percent(4) {
                0
            } else if heavy {
                rng.range(3, 14)
            } else {
                rng.range(1, 4)
            };
            Fact::Days(Decimal::new(i64::from(halves) * 5, 1))
        }
        Kind::Amounts(lo, hi) => {
            let len = if rng.percent(4) {
                0
            } else if heavy {
                rng.range(1, 5)
            } else {
                1
            };
            // Both ends of the range are favoured.
            let amounts = (0..len)
                .map(|_| match rng.range(0, 2) {
                    0 => lo,
                    1 => hi,
                    _ => rng.range(lo, hi),
                })
                .collect();
            Fact::Amounts(amounts)
        }
        Kind::Levels => {
            let mut levels: Vec<usize> = (0..LEVELS.len()).collect();
            rng.shuffle(&mut levels);
            let keep = if rng.percent(4) { 0 } else { rng.range(1, 4) as usize };
            let ls = levels[..keep]
                .iter()
                .map(|&l| {
                    let n = if rng.percent(5) {
                        0
                    } else if heavy {
                        rng.range(1, 3)
                    } else {
                        1
                    };
                    (l, n)
                })
                .collect();
            Fact::Levels(ls)
        }
    }
}

/// A random subset of the vocabulary: mostly none or a few facts, now and
/// then many heavy ones.
fn random_facts(rng: &mut Rng, vocabulary: &[&'static Row]) -> Facts {
    let (how_many, heavy_percent) = match rng.range(0, 99) {
        0..=39 => (0, 0),
        40..=74 => (rng.range(1, 2), 5),
        75..=91 => (rng.range(2, 6), 25),
        _ => (rng.range(6, 18), 60),
    };
    let mut rows = vocabulary.to_vec();
    rng.shuffle(&mut rows);
    let mut facts = Facts::default();
    for (name, kind, points) in rows.into_iter().take(how_many as usize) {
        let heavy = rng.percent(heavy_percent);
        facts.0.push((name, random_fact(rng, *kind, *points, heavy)));
    }
    facts
}

/// A fact counted among another is never more than it (rubric.md): the
/// serious prohibited acts are among the prohibited acts, the complaints
/// about extended service among the verified complaints (one case each).
fn among(mut facts: Facts) -> Facts {
    let serious = facts.count("prohibited_serious");
    if serious > facts.count("prohibited_acts") {
        facts.set("prohibited_acts", Fact::Count(serious));
    }
    let extended = facts.count("extended_service_complaints");
    let mut cases = match facts.get("verified_complaints") {
        Some(Fact::Amounts(xs)) => xs.clone(),
        _ => Vec::new(),
    };
    if extended as usize > cases.len() {
        cases.resize(extended as usize, 5);
        facts.set("verified_complaints", Fact::Amounts(cases));
    }
    facts
}

/// Stars earn bonuses big enough to stay competent through a card or an
/// exposure (their own, or as chief rep of a carded window), so that
/// eligibility, not the total, decides whether they may be excellent.
fn make_stars(rng: &mut Rng, staff: &mut [StaffRec], stars: &[usize]) {
    for &i in stars {
        match rng.range(0, 4) {
            0 => staff[i].facts.set("red_yellow_cards", Fact::Count(1)),
            // An exposure bars no quarterly 优秀: the star may well be chosen.
            1 => {
                let level = rng.range(0, 3) as usize;
                staff[i].facts.set("exposures", Fact::Levels(vec![(level, 1)]));
            }
            2 => {
                staff[i].facts.set("prohibited_serious", Fact::Count(1));
                let acts = staff[i].facts.count("prohibited_acts").max(1);
                staff[i].facts.set("prohibited_acts", Fact::Count(acts));
            }
            _ => {}
        }
    }
    for &i in stars {
        let s = &staff[i];
        let mut lost = -rows_points(staff_rubric::PENALTIES, &s.facts);
        if s.role == "chief_rep" {
            let cards: u32 =
                staff.iter().filter(|t| t.window == s.window).map(|t| t.facts.count("red_yellow_cards")).sum();
            lost += Decimal::from(100 * cards);
        }
        let banners = (lost / Decimal::from(2)).trunc().to_u32().unwrap() + rng.range(5, 30);
        staff[i].facts.set("banners", Fact::Count(banners));
    }
}

/// The shape of a random quarter. Clean records (no facts, no days away)
/// score exactly 100, and twins copy another member's facts, so that equal
/// totals, and groups tied at the quota's cut, are common; small halls have
/// quotas of 0, 1 or 2.
struct Shape {
    windows: (u32, u32),
    members: (u32, u32),
    clean_staff: u32,
    clean_windows: u32,
    twins: u32,
    /// Five clean staff given bonuses of 10, 8, 6, 6 and 4: 优秀 for most of
    /// them, and a tie at the 明星个人's cut of 3.
    podium: bool,
}

fn random_shape(rng: &mut Rng) -> Shape {
    match rng.range(0, 9) {
        // Any hall, the whole vocabulary.
        0..=3 => Shape { windows: (1, 6), members: (1, 12), clean_staff: 0, clean_windows: 0, twins: 0, podium: false },
        // A small hall: ⌊15% × staff⌋ is 0, 1 or 2.
        4..=5 => {
            Shape { windows: (1, 3), members: (2, 6), clean_staff: 50, clean_windows: 40, twins: 15, podium: false }
        }
        // Many small windows: ⌊20% × windows⌋ is 1 or 2, and clean windows tie.
        6..=7 => {
            Shape { windows: (5, 12), members: (1, 4), clean_staff: 60, clean_windows: 60, twins: 10, podium: false }
        }
        // A calm quarter: most staff clean, ties everywhere.
        _ => Shape { windows: (2, 6), members: (3, 12), clean_staff: 85, clean_windows: 50, twins: 10, podium: true },
    }
}

fn random_quarter(seed: u64) -> Quarter {
    let mut rng = Rng::new(seed);
    let shape = random_shape(&mut rng);
    let staff_rows: Vec<&Row> = every_staff_row().collect();
    let window_rows: Vec<&Row> = every_window_row().collect();
    let mut windows = Vec::new();
    let mut staff = Vec::new();
    let mut stars = Vec::new();
    for w in 0..rng.range(shape.windows.0, shape.windows.1) {
        let id = format!("W{:02}", w + 1);
        let members = rng.range(shape.members.0, shape.members.1);
        // Mostly one chief rep, listed first; now and then two, or none.
        let chief_reps = match rng.range(0, 99) {
            0..=3 => 0,
            4..=11 => 2,
            _ => 1,
        };
        let first = staff.len();
        for m in 0..members {
            let workdays = match rng.range(0, 99) {
                0..=4 => 0,
                5..=14 => rng.range(1, 39),
                _ => rng.range(40, 64),
            };
            let clean = rng.percent(shape.clean_staff);
            let days_away =
                if clean || rng.percent(60) { Decimal::ZERO } else { Decimal::new(i64::from(rng.range(1, 16)) * 5, 1) };
            let role = if m < chief_reps { "chief_rep" } else { "operator" };
            if rng.percent(if role == "chief_rep" { 15 } else { 5 }) {
                stars.push(staff.len());
            }
            staff.push(StaffRec {
                id: format!("S{:04}", staff.len() + 1),
                name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
                window: id.clone(),
                role,
                workdays,
                days_away,
                institution: rng.percent(20),
                facts: if clean { Facts::default() } else { among(random_facts(&mut rng, &staff_rows)) },
            });
        }
        if staff[first..].iter().all(|s| s.workdays == 0) {
            staff[first].workdays = rng.range(1, 64);
        }
        let facts = if rng.percent(shape.clean_windows) {
            Facts::default()
        } else {
            among(random_facts(&mut rng, &window_rows))
        };
        let mut facts = facts;
        // Now and then a window praised high enough to stay 良好 through a
        // complaint about its extended service, which bars it from 红旗.
        if rng.percent(12) {
            facts.set("written_praise", Fact::Count(rng.range(2, 4)));
            if rng.percent(60) {
                facts.set("extended_service_complaints", Fact::Count(1));
                facts = among(facts);
            }
        }
        windows.push(WindowRec { id, name: rng.pick(DESKS).to_string(), facts });
    }
    make_stars(&mut rng, &mut staff, &stars);
    for i in 1..staff.len() {
        if rng.percent(shape.twins) {
            let j = rng.range(0, i as u32 - 1) as usize;
            staff[i].facts = staff[j].facts.clone();
            staff[i].days_away = staff[j].days_away;
        }
    }
    if shape.podium {
        let mut clean: Vec<usize> =
            (0..staff.len()).filter(|&i| staff[i].facts.0.is_empty() && staff[i].days_away.is_zero()).collect();
        rng.shuffle(&mut clean);
        for (&i, banners) in clean.iter().zip([5, 4, 3, 3, 2]) {
            staff[i].facts.set("banners", Fact::Count(banners));
        }
    }
    // Half the time the staff are not grouped by window.
    if rng.percent(50) {
        rng.shuffle(&mut staff);
    }
    // rubric.md is the policy in force from 2026-01-01 (policies/luoshan/2026);
    // the 2025 version (no long_midday_leaves, a 10% red-flag quota) is not
    // what rubric.md describes, and before 2025 no version is in force.
    Quarter { period: format!("{}-Q{}", rng.range(2026, 2027), rng.range(1, 4)), windows, staff }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn random_quarters_match_rubric() {
    let seeds: Vec<u64> = match env_number("KAOHE_ORACLE_SEED") {
        Some(seed) => vec![seed],
        None => (1..=env_number("KAOHE_ORACLE_CASES").unwrap_or(200)).collect(),
    };
    let mut failures = Vec::new();
    for &seed in &seeds {
        let q = random_quarter(seed);
        let (path, result) = eval_facts(&q.to_json(), &format!("seed-{seed}"));
        let errors = match result {
            Ok(actual) => compare(&q, &actual),
            Err(e) => vec![e],
        };
        if errors.is_empty() {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        let mut report = format!(
            "seed {seed} ({} windows, {} staff), facts file {}\n  \
             rerun: KAOHE_ORACLE_SEED={seed} cargo test --test oracle random_quarters\n",
            q.windows.len(),
            q.staff.len(),
            path.display()
        );
        for e in errors.iter().take(20) {
            let _ = writeln!(report, "  {e}");
        }
        if errors.len() > 20 {
            let _ = writeln!(report, "  … and {} more", errors.len() - 20);
        }
        failures.push(report);
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} random quarters disagree with rubric.md:\n\n{}",
            failures.len(),
            seeds.len(),
            failures.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
        );
    }
}

/// The generator covers the whole vocabulary, the edge values and the
/// structures the rubric talks about (no binary needed).
#[test]
fn random_quarters_cover_the_rubric() {
    let mut seen_staff = BTreeSet::new();
    let mut seen_window = BTreeSet::new();
    let (mut below_zero, mut chief_rep_carded, mut rounded, mut return_to_unit) = (0, 0, 0, 0);
    // Quota selection: vetoes that kept a record of the band out, by kind;
    // quarters with a tie at the cut, with one after some were chosen, with
    // a non-empty choice, by limit, and with a tied group just after a full
    // quota (or a quota of 0): left out, but not a tie *at the cut*.
    let mut vetoed_in_band = std::collections::BTreeMap::new();
    let (mut staff_ties, mut window_ties, mut ties_after_chosen) = (0, 0, 0);
    let (mut staff_chosen, mut window_chosen, mut full_then_tied) = (0, 0, 0);
    let mut staff_limits = [0; 3];
    // Honours: quarters with a proposal of each, and with a tie left out at the cut.
    let mut proposed = std::collections::BTreeMap::new();
    let mut proposal_ties = 0;
    let (mut notified, mut institution_labels) = (0, 0);
    for seed in 1..=200 {
        let q = random_quarter(seed);
        for s in &q.staff {
            seen_staff.extend(s.facts.0.iter().map(|(n, _)| *n));
            if s.role == "chief_rep" && s.facts.count("red_yellow_cards") > 0 {
                chief_rep_carded += 1;
            }
            let attendance = &staff_rubric::CATEGORIES[2];
            if Decimal::from(attendance.points) + rows_points(attendance.rows, &s.facts) < Decimal::ZERO {
                below_zero += 1;
            }
        }
        for w in &q.windows {
            seen_window.extend(w.facts.0.iter().map(|(n, _)| *n));
        }
        let o = expected_scores(&q);
        for w in &q.windows {
            let members: Vec<(Decimal, u32)> = q
                .staff
                .iter()
                .zip(&o.staff)
                .filter(|(s, _)| s.window == w.id)
                .map(|(s, e)| (category_of(e, "attendance"), s.workdays))
                .collect();
            let raw = weighted_attendance(&members);
            if raw != window_attendance(&members) {
                rounded += 1;
            }
        }
        return_to_unit += o.staff.iter().filter(|e| !e.flags.is_empty()).count();
        for (records, quota) in [(&o.staff, &EXCELLENT), (&o.windows, &RED_FLAG)] {
            for e in records.iter().filter(|e| e.band == quota.from) {
                for v in &e.vetoes {
                    *vetoed_in_band.entry(*v).or_insert(0) += 1;
                }
            }
        }
        for (records, quota, selection) in [(&o.staff, &EXCELLENT, &o.excellent), (&o.windows, &RED_FLAG, &o.red_flag)]
        {
            let rest = || records.iter().filter(|e| e.band == quota.from && e.vetoes.is_empty() && e.grade == e.band);
            if let Some(next) = rest().map(|e| e.total).max() {
                if selection.chosen.len() == selection.limit && rest().filter(|e| e.total == next).count() > 1 {
                    full_then_tied += 1;
                }
            }
        }
        for (selection, ties, chosen) in
            [(&o.excellent, &mut staff_ties, &mut staff_chosen), (&o.red_flag, &mut window_ties, &mut window_chosen)]
        {
            if selection.tie_left_out.is_some() {
                *ties += 1;
                if !selection.chosen.is_empty() {
                    ties_after_chosen += 1;
                }
            }
            if !selection.chosen.is_empty() {
                *chosen += 1;
            }
        }
        staff_limits[o.excellent.limit.min(2)] += 1;
        for p in o.staff_proposals.iter().chain(&o.window_proposals) {
            if !p.proposed.is_empty() {
                *proposed.entry(p.honour).or_insert(0) += 1;
            }
            if p.tie_left_out.is_some() {
                proposal_ties += 1;
            }
        }
        notified += o.staff.iter().filter(|e| e.flags.contains(&"notify_unit")).count();
        institution_labels += o.staff.iter().filter(|e| e.institution && e.grade != "excellent").count();
    }
    for honour in ["star_staff", "star_chief", "star_window"] {
        let n = proposed.get(honour).copied().unwrap_or(0);
        assert!(n > 20, "quarters proposing {honour}: {n}");
    }
    assert!(proposal_ties > 5, "honours with a tie left out at the cut: {proposal_ties}");
    assert!(notified > 20, "staff flagged notify_unit: {notified}");
    assert!(institution_labels > 50, "事业单位 staff shown in their own words: {institution_labels}");
    for (name, _, _) in every_staff_row() {
        assert!(seen_staff.contains(name), "staff fact {name} never generated");
    }
    for (name, _, _) in every_window_row() {
        assert!(seen_window.contains(name), "window fact {name} never generated");
    }
    assert!(below_zero > 20, "attendance driven below zero only {below_zero} times");
    assert!(chief_rep_carded > 5, "chief reps with cards: {chief_rep_carded}");
    assert!(rounded > 50, "window attendance needing rounding: {rounded}");
    assert!(return_to_unit > 10, "staff flagged return_to_unit: {return_to_unit}");
    for veto in ALL_VETOES {
        let n = vetoed_in_band.get(&veto).copied().unwrap_or(0);
        assert!(n > 10, "{veto:?} kept only {n} records of the band out of the quota");
    }
    assert!(staff_ties > 10, "quarters with staff tied at the cut: {staff_ties}");
    assert!(window_ties > 10, "quarters with windows tied at the cut: {window_ties}");
    assert!(ties_after_chosen > 5, "ties at the cut after some were chosen: {ties_after_chosen}");
    assert!(staff_chosen > 50, "quarters with excellent staff: {staff_chosen}");
    assert!(window_chosen > 20, "quarters with red-flag windows: {window_chosen}");
    assert!(full_then_tied > 20, "tied groups just after a full quota: {full_then_tied}");
    assert!(staff_limits.iter().all(|&n| n > 10), "quarters with an excellent limit of 0, 1, 2+: {staff_limits:?}");
}

// ===========================================================================
// Hand-computed cases
// ===========================================================================
//
// Each case is a facts file and the numbers worked out by hand from
// rubric.md. With fewer than 7 staff the excellent quota ⌊15% × n⌋ is 0, and
// with fewer than 5 windows the red-flag quota ⌊20% × n⌋ is 0: nobody is
// chosen in the first four cases. `QUOTA_TIE` has quotas of 2 and 1.
//
// Besides the JSON fields of a record, `vetoes` and `flags` stand for the
// sorted `grade` / `flag` ids of those lists, and the record ids
// `selection.staff` / `selection.windows` for the quota's entry, with fields
// `limit`, `chosen` (sorted ids) and `tie_left_out` (`total: ids`).

/// A facts file, and (record id, field, value) worked out by hand.
struct HandCase {
    facts: &'static str,
    expect: &'static [(&'static str, &'static str, &'static str)],
}

/// Midday leaves: only those beyond 6 cost 0.5 each.
///
/// - S1: midday_leaves 9 → 3 beyond 6 → −1.5; attendance 25 − 1.5 = 23.5;
///   total 100 − 1.5 = 98.5, competent.
/// - S2: midday_leaves 6 → nothing; long_midday_leaves 1 → −0.5;
///   attendance 24.5; total 99.5.
/// - S3: sick 1.5 days × −0.5 = −0.75, personal 0.5 day × −1 = −0.5;
///   attendance 25 − 1.25 = 23.75; total 98.75.
/// - W01 attendance: (23.5·62 + 24.5·60 + 23.75·61) / (62 + 60 + 61)
///   = (1457 + 1470 + 1448.75) / 183 = 4375.75 / 183 = 23.9112… → 23.91;
///   total 20 + 15 + 23.91 + 20 + 20 = 98.91, good.
const MIDDAY_LEAVES: HandCase = HandCase {
    facts: r#"{
  "period": "2026-Q3",
  "windows": [ { "id": "W01", "name": "综合受理窗口", "facts": {} } ],
  "staff": [
    { "id": "S1", "name": "王芳", "window": "W01", "role": "chief_rep", "workdays": 62, "days_away": 0,
      "facts": { "midday_leaves": 9 } },
    { "id": "S2", "name": "李强", "window": "W01", "role": "operator", "workdays": 60, "days_away": 0,
      "facts": { "midday_leaves": 6, "long_midday_leaves": 1 } },
    { "id": "S3", "name": "张敏", "window": "W01", "role": "operator", "workdays": 61, "days_away": 2,
      "facts": { "sick_leave_days": 1.5, "personal_leave_days": 0.5 } }
  ]
}"#,
    expect: &[
        ("S1", "categories.attendance", "23.5"),
        ("S1", "total", "98.5"),
        ("S1", "grade", "competent"),
        ("S2", "categories.attendance", "24.5"),
        ("S2", "total", "99.5"),
        ("S3", "categories.attendance", "23.75"),
        ("S3", "total", "98.75"),
        ("W01", "categories.attendance", "23.91"),
        ("W01", "total", "98.91"),
        ("W01", "grade", "good"),
    ],
};

/// Red and yellow cards, and exposures.
///
/// - W01 has 2 cards: one on a case its chief rep S1 operated, one on
///   operator S2's. S1: −50 (own card) − 100 × 2 (cards in the window)
///   = −250 penalties; total 100 − 250 = −150 (never floored), unfit.
/// - S2: −50; total 50, unfit. S3 (same window, no card): 100, competent.
/// - S4, W02's chief rep: W02 has no card, 0 penalties, 100.
/// - S5: exposures county 1 (−50) + national 1 (−100) = −150 penalties;
///   news_articles province 1 = +5 bonus; total 100 − 150 + 5 = −45, unfit;
///   no veto (an exposure bars a person only at year end).
/// - S1 (operated a card, chief rep of the carded window) and S2 (operated
///   one) are flagged 向所在单位通报; S3 and S4 are not.
/// - Windows: cards and exposures of staff cost the window nothing: 100.
const CARDS: HandCase = HandCase {
    facts: r#"{
  "period": "2026-Q3",
  "windows": [
    { "id": "W01", "name": "公安户政窗口", "facts": {} },
    { "id": "W02", "name": "税务窗口", "facts": {} }
  ],
  "staff": [
    { "id": "S1", "name": "刘伟", "window": "W01", "role": "chief_rep", "workdays": 60, "days_away": 0,
      "facts": { "red_yellow_cards": 1 } },
    { "id": "S2", "name": "陈静", "window": "W01", "role": "operator", "workdays": 60, "days_away": 0,
      "facts": { "red_yellow_cards": 1 } },
    { "id": "S3", "name": "杨磊", "window": "W01", "role": "operator", "workdays": 60, "days_away": 0,
      "facts": {} },
    { "id": "S4", "name": "黄丽", "window": "W02", "role": "chief_rep", "workdays": 60, "days_away": 0,
      "facts": {} },
    { "id": "S5", "name": "赵军", "window": "W02", "role": "operator", "workdays": 60, "days_away": 0,
      "facts": { "exposures": { "county": 1, "national": 1 }, "news_articles": { "province": 1 } } }
  ]
}"#,
    expect: &[
        ("S1", "penalties", "-250"),
        ("S1", "total", "-150"),
        ("S1", "grade", "unfit"),
        ("S2", "penalties", "-50"),
        ("S2", "total", "50"),
        ("S2", "grade", "unfit"),
        ("S3", "penalties", "0"),
        ("S3", "total", "100"),
        ("S3", "grade", "competent"),
        ("S4", "penalties", "0"),
        ("S4", "total", "100"),
        ("S5", "penalties", "-150"),
        ("S5", "bonus", "5"),
        ("S5", "total", "-45"),
        ("W01", "total", "100"),
        ("W02", "total", "100"),
        ("S1", "vetoes", "excellent"),
        ("S2", "vetoes", "excellent"),
        ("S3", "vetoes", ""),
        ("S4", "vetoes", ""),
        // An exposure bars a person's honours only at year end (第二十二条).
        ("S5", "vetoes", ""),
        ("S1", "flags", "notify_unit"),
        ("S2", "flags", "notify_unit"),
        ("S3", "flags", ""),
        ("S4", "flags", ""),
        ("W01", "vetoes", "red_flag"),
        ("W02", "vetoes", ""),
        ("selection.staff", "limit", "0"),
        ("selection.staff", "chosen", ""),
        ("selection.windows", "limit", "0"),
    ],
};

/// The window attendance average is rounded half away from zero.
///
/// - W01: S1 late once → 25 − 3 = 22, 59 workdays; S2 clean → 25, 61.
///   (22·59 + 25·61) / 120 = (1298 + 1525) / 120 = 2823 / 120 = 23.525
///   exactly → 23.53 (banker's rounding or truncation would give 23.52,
///   and 23.525 is not exact in binary floating point).
///   Total 20 + 15 + 23.53 + 20 + 20 = 98.53.
/// - W02: S3 late once → 22, 61 workdays; S4 25, 60; S5 25, 59.
///   (1342 + 1500 + 1475) / 180 = 4317 / 180 = 23.98333… → 23.98; 98.98.
const ROUNDING: HandCase = HandCase {
    facts: r#"{
  "period": "2026-Q3",
  "windows": [
    { "id": "W01", "name": "医保窗口", "facts": {} },
    { "id": "W02", "name": "社保窗口", "facts": {} }
  ],
  "staff": [
    { "id": "S1", "name": "周杰", "window": "W01", "role": "chief_rep", "workdays": 59, "days_away": 0,
      "facts": { "late_early_away": 1 } },
    { "id": "S2", "name": "吴娟", "window": "W01", "role": "operator", "workdays": 61, "days_away": 0,
      "facts": {} },
    { "id": "S3", "name": "徐涛", "window": "W02", "role": "chief_rep", "workdays": 61, "days_away": 0,
      "facts": { "late_early_away": 1 } },
    { "id": "S4", "name": "孙明", "window": "W02", "role": "operator", "workdays": 60, "days_away": 0,
      "facts": {} },
    { "id": "S5", "name": "马超", "window": "W02", "role": "operator", "workdays": 59, "days_away": 0,
      "facts": {} }
  ]
}"#,
    expect: &[
        ("S1", "categories.attendance", "22"),
        ("S1", "total", "97"),
        ("W01", "categories.attendance", "23.53"),
        ("W01", "total", "98.53"),
        ("W02", "categories.attendance", "23.98"),
        ("W02", "total", "98.98"),
    ],
};

/// Categories stop at zero (扣完为止); the total is not floored.
///
/// - S1: absent 2 days (−20) + 1 unpunched (−10) = −30 against 25 →
///   attendance 0, not −5; total 20 + 20 + 0 + 20 + 15 = 75, basic.
/// - S2: rude_conduct [10, 10, 8] = −28 against 20 → discipline 0;
///   late once → attendance 22; praise_messages 3 → +1.5;
///   total 0 + 20 + 22 + 20 + 15 + 1.5 = 78.5, basic.
/// - W01 attendance: (0·64 + 22·40) / 104 = 880 / 104 = 8.4615… → 8.46.
///   housekeeping [5, 5, 5, 5] = −20 against 15 → service 0;
///   written_praise 1 → +5 bonus;
///   total 20 + 0 + 8.46 + 20 + 20 + 5 = 73.46, fair.
const FLOORS: HandCase = HandCase {
    facts: r#"{
  "period": "2026-Q3",
  "windows": [
    { "id": "W01", "name": "不动产登记窗口",
      "facts": { "housekeeping": [5, 5, 5, 5], "written_praise": 1 } }
  ],
  "staff": [
    { "id": "S1", "name": "胡建华", "window": "W01", "role": "chief_rep", "workdays": 64, "days_away": 2,
      "facts": { "absent_days": 2, "unpunched": 1 } },
    { "id": "S2", "name": "朱海燕", "window": "W01", "role": "operator", "workdays": 40, "days_away": 0,
      "facts": { "rude_conduct": [10, 10, 8], "late_early_away": 1, "praise_messages": 3 } }
  ]
}"#,
    expect: &[
        ("S1", "categories.attendance", "0"),
        ("S1", "total", "75"),
        ("S1", "grade", "basic"),
        ("S2", "categories.discipline", "0"),
        ("S2", "categories.attendance", "22"),
        ("S2", "bonus", "1.5"),
        ("S2", "total", "78.5"),
        ("S2", "grade", "basic"),
        ("W01", "categories.service", "0"),
        ("W01", "categories.attendance", "8.46"),
        ("W01", "bonus", "5"),
        ("W01", "total", "73.46"),
        ("W01", "grade", "fair"),
    ],
};

/// A group tied at the cut is left out whole, and nothing below it is taken.
///
/// Staff (14, all attendance 25): ⌊15% × 14⌋ = ⌊2.1⌋ = 2.
/// - S04: banners 5 → +10, total 110, rank 1, but days_away 5 (≥ 5, 第十五条):
///   vetoed, stays competent.
/// - S01: banners 2 → 104, rank 2: chosen (1 of 2).
/// - S02, S03: banners 1 → 102, rank 3: together 1 + 2 = 3 > 2, so both are
///   left out (listing S02 first decides nothing), and nothing below is
///   taken.
/// - S05, S08–S14: clean, 100, rank 5 (eight of them).
/// - S06: one prohibited act, and it was serious: discipline 20 − 5 = 15,
///   total 95, rank 13; flag return_to_unit, and no 优秀 (a veto).
/// - S07: verified_complaints 1 → gov_service 15, total 95, rank 13.
///
/// Windows (5, staff attendance 25 each → 25): ⌊20% × 5⌋ = 1.
/// - W03: written_praise 1 → 105, rank 1, but exposures city 1: vetoed.
/// - W01, W02: 100, rank 2: a group of 2 > 1, left out tied; nobody chosen.
/// - W04: overdue_cases 1 → service 10, 95; W05: disputes 1 → 95; rank 4.
const QUOTA_TIE: HandCase = HandCase {
    facts: r#"{
  "period": "2026-Q2",
  "windows": [
    { "id": "W01", "name": "公安户政窗口", "facts": {} },
    { "id": "W02", "name": "税务窗口", "facts": {} },
    { "id": "W03", "name": "社保窗口", "facts": { "written_praise": 1, "exposures": { "city": 1 } } },
    { "id": "W04", "name": "医保窗口", "facts": { "overdue_cases": 1 } },
    { "id": "W05", "name": "住建窗口", "facts": { "disputes": 1 } }
  ],
  "staff": [
    { "id": "S01", "name": "王建国", "window": "W01", "role": "chief_rep", "workdays": 60, "facts": { "banners": 2 } },
    { "id": "S02", "name": "李秀英", "window": "W02", "role": "chief_rep", "workdays": 60, "facts": { "banners": 1 } },
    { "id": "S03", "name": "张志强", "window": "W03", "role": "chief_rep", "workdays": 60, "facts": { "banners": 1 } },
    { "id": "S04", "name": "刘海燕", "window": "W04", "role": "chief_rep", "workdays": 60, "days_away": 5,
      "facts": { "banners": 5 } },
    { "id": "S05", "name": "陈文博", "window": "W05", "role": "chief_rep", "workdays": 60, "facts": {} },
    { "id": "S06", "name": "杨雪梅", "window": "W01", "role": "operator", "workdays": 60,
      "facts": { "prohibited_acts": 1, "prohibited_serious": 1 } },
    { "id": "S07", "name": "黄磊", "window": "W01", "role": "operator", "workdays": 60,
      "facts": { "verified_complaints": 1 } },
    { "id": "S08", "name": "赵娜", "window": "W02", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S09", "name": "周勇", "window": "W02", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S10", "name": "吴艳", "window": "W03", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S11", "name": "徐涛", "window": "W03", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S12", "name": "孙静", "window": "W04", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S13", "name": "马超", "window": "W04", "role": "operator", "workdays": 60, "facts": {} },
    { "id": "S14", "name": "胡敏", "window": "W05", "role": "operator", "workdays": 60, "facts": {} }
  ]
}"#,
    expect: &[
        ("S04", "total", "110"),
        ("S04", "rank", "1"),
        ("S04", "band", "competent"),
        ("S04", "grade", "competent"),
        ("S04", "vetoes", "excellent"),
        ("S01", "total", "104"),
        ("S01", "rank", "2"),
        ("S01", "band", "competent"),
        ("S01", "grade", "excellent"),
        ("S01", "left_out_tied", "false"),
        ("S02", "total", "102"),
        ("S02", "rank", "3"),
        ("S02", "grade", "competent"),
        ("S02", "vetoes", ""),
        ("S02", "left_out_tied", "true"),
        ("S03", "total", "102"),
        ("S03", "rank", "3"),
        ("S03", "grade", "competent"),
        ("S03", "left_out_tied", "true"),
        ("S05", "total", "100"),
        ("S05", "rank", "5"),
        ("S05", "grade", "competent"),
        ("S05", "left_out_tied", "false"),
        ("S06", "total", "95"),
        ("S06", "rank", "13"),
        ("S06", "flags", "return_to_unit"),
        ("S06", "vetoes", "excellent"),
        ("S07", "total", "95"),
        ("S07", "rank", "13"),
        ("S07", "flags", ""),
        ("selection.staff", "limit", "2"),
        ("selection.staff", "chosen", "S01"),
        ("selection.staff", "tie_left_out", "102: S02, S03"),
        ("W03", "total", "105"),
        ("W03", "rank", "1"),
        ("W03", "grade", "good"),
        ("W03", "vetoes", "red_flag"),
        ("W01", "total", "100"),
        ("W01", "rank", "2"),
        ("W01", "grade", "good"),
        ("W01", "left_out_tied", "true"),
        ("W02", "total", "100"),
        ("W02", "rank", "2"),
        ("W02", "left_out_tied", "true"),
        ("W04", "total", "95"),
        ("W04", "rank", "4"),
        ("W04", "left_out_tied", "false"),
        ("W05", "rank", "4"),
        ("selection.windows", "limit", "1"),
        ("selection.windows", "chosen", ""),
        ("selection.windows", "tie_left_out", "100: W01, W02"),
    ],
};

const HAND_CASES: &[HandCase] = &[MIDDAY_LEAVES, CARDS, ROUNDING, FLOORS, QUOTA_TIE];

/// Sorted ids, as a hand case writes them.
fn joined<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: BTreeSet<&str> = ids.into_iter().collect();
    ids.into_iter().collect::<Vec<_>>().join(", ")
}

/// The oracle's own value of `field` for record `id` (as JSON text).
fn oracle_value(q: &Quarter, id: &str, field: &str) -> String {
    let o = expected_scores(q);
    let selection = match id {
        "selection.staff" => Some(&o.excellent),
        "selection.windows" => Some(&o.red_flag),
        _ => None,
    };
    if let Some(sel) = selection {
        return match field {
            "limit" => sel.limit.to_string(),
            "chosen" => joined(sel.chosen.iter().map(String::as_str)),
            "tie_left_out" => match &sel.tie_left_out {
                Some((total, ids)) => format!("{}: {}", show(*total), joined(ids.iter().map(String::as_str))),
                None => "none".to_string(),
            },
            _ => panic!("no selection field {field}"),
        };
    }
    let e = o.staff.iter().chain(&o.windows).find(|e| e.id == id).unwrap();
    let quota = if o.staff.iter().any(|s| s.id == id) { &EXCELLENT } else { &RED_FLAG };
    match field {
        "total" => show(e.total),
        "bonus" => show(e.bonus),
        "penalties" => show(e.penalties.unwrap()),
        "grade" => e.grade.to_string(),
        "band" => e.band.to_string(),
        "rank" => e.rank.to_string(),
        "left_out_tied" => e.left_out_tied.to_string(),
        "vetoes" => {
            if e.vetoes.is_empty() {
                String::new()
            } else {
                quota.grade.to_string()
            }
        }
        "flags" => joined(e.flags.iter().copied()),
        _ => show(category_of(e, field.trim_start_matches("categories."))),
    }
}

/// kaohe's value of `field` for record `id`, as a Decimal's or a string's text.
fn kaohe_value(actual: &Value, id: &str, field: &str) -> String {
    if let Some(list) = id.strip_prefix("selection.") {
        let sel = &actual["selection"][list][0];
        let ids = |v: &Value| joined(v.as_array().into_iter().flatten().filter_map(Value::as_str));
        return match field {
            "chosen" => ids(&sel["chosen"]),
            "tie_left_out" if sel["tie_left_out"].is_null() => "none".to_string(),
            "tie_left_out" => {
                let tie = &sel["tie_left_out"];
                format!("{}: {}", number(&tie["total"]).map(show).unwrap_or_default(), ids(&tie["ids"]))
            }
            _ => sel[field].to_string(),
        };
    }
    let record = ["staff", "windows"]
        .iter()
        .filter_map(|list| actual[list].as_array())
        .flatten()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id} in kaohe's output"));
    let v = field.split('.').fold(record, |v, key| &v[key]);
    let key = match field {
        "vetoes" => "grade",
        "flags" => "flag",
        "left_out_tied" => return (v == &Value::Bool(true)).to_string(),
        _ => "",
    };
    if !key.is_empty() {
        return joined(v.as_array().into_iter().flatten().filter_map(|item| item[key].as_str()));
    }
    match (v.as_str(), number(v)) {
        (Some(s), _) => s.to_string(),
        (None, Some(n)) => show(n),
        (None, None) => v.to_string(),
    }
}

fn check_hand_case(label: &str, case: HandCase) {
    let q = Quarter::from_json(case.facts);
    let (path, result) = eval_facts(case.facts, label);
    let actual = result.unwrap_or_else(|e| panic!("{label} ({}): {e}", path.display()));
    for (id, field, want) in case.expect {
        let got = kaohe_value(&actual, id, field);
        assert_eq!(&got, want, "{label} ({}): {id} {field}", path.display());
    }
    let errors = compare(&q, &actual);
    assert!(errors.is_empty(), "{label} ({}):\n{}", path.display(), errors.join("\n"));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn oracle_agrees_with_hand_computed_cases() {
    for case in HAND_CASES {
        let q = Quarter::from_json(case.facts);
        for (id, field, want) in case.expect {
            assert_eq!(&oracle_value(&q, id, field), want, "oracle: {id} {field}");
        }
    }
}

#[test]
fn hand_case_midday_leaves() {
    check_hand_case("midday-leaves", MIDDAY_LEAVES);
}

#[test]
fn hand_case_cards_and_exposures() {
    check_hand_case("cards", CARDS);
}

#[test]
fn hand_case_attendance_rounding() {
    check_hand_case("rounding", ROUNDING);
}

#[test]
fn hand_case_category_floors() {
    check_hand_case("floors", FLOORS);
}

#[test]
fn hand_case_quota_tie_at_the_cut() {
    check_hand_case("quota-tie", QUOTA_TIE);
}

/// The example quarter, `examples/2026-Q3.json`, uses the whole vocabulary,
/// and kaohe scores it as the rubric says.
#[test]
fn example_quarter_matches_rubric() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join("2026-Q3.json");
    let q = Quarter::from_json(&std::fs::read_to_string(&path).unwrap());
    for (name, _, _) in every_staff_row() {
        let used = q.staff.iter().any(|s| s.facts.get(name).is_some());
        assert!(used, "{}: no staff member has {name}", path.display());
    }
    for (name, _, _) in every_window_row() {
        let used = q.windows.iter().any(|w| w.facts.get(name).is_some());
        assert!(used, "{}: no window has {name}", path.display());
    }
    let actual = kaohe_eval(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let errors = compare(&q, &actual);
    assert!(errors.is_empty(), "{}:\n{}", path.display(), errors.join("\n"));
}

/// The facts file written for a quarter reads back as the same quarter
/// (up to the order of keys, which JSON objects do not keep).
#[test]
fn facts_files_round_trip() {
    fn sorted(mut q: Quarter) -> String {
        let facts = q.staff.iter_mut().map(|s| &mut s.facts);
        for facts in facts.chain(q.windows.iter_mut().map(|w| &mut w.facts)) {
            facts.0.sort_by_key(|(name, _)| *name);
            for (_, fact) in &mut facts.0 {
                if let Fact::Levels(ls) = fact {
                    ls.sort();
                }
            }
        }
        q.to_json()
    }
    for seed in 1..=50 {
        let q = random_quarter(seed);
        let back = Quarter::from_json(&q.to_json());
        assert_eq!(sorted(back), sorted(q), "seed {seed}");
    }
}
