//! The shipped Luoshan rubric (`/work/shared/spec/rubric.md`), written by hand
//! in Rust: the floor any rules engine is measured against.
//!
//! ```text
//! hand FACTS.json > RESULTS.json
//! ```
//!
//! Typed serde structs for the facts file (io.md), every number read exactly
//! from its text (a visitor over serde_json's `arbitrary_precision` text,
//! never an `f64`) and held as an integer: counts as themselves, days in half
//! days, amounts in hundredths of a point (an amount with more than two
//! decimals is refused: no assessor writes one, and kaohe would take it).
//! Every score is computed in integer hundredths and written as the exact
//! decimal it is. The rubric is rubric.md's: categories floored at 0,
//! penalties (exposures, red/yellow cards: −50 to the operator and −100 per
//! card in the window to each chief_rep) never floored, bonus uncapped, the
//! window attendance the workdays-weighted average of its staff's attendance
//! scores rounded to 2 places half away from zero, bands, vetoes and the
//! quota-chosen grades (优秀 15%, 红旗 20%). Substitutions (第十四条) are added
//! to the substituted person's facts. It checks what is cheap to check
//! (unknown or duplicate fields and facts, counts, days, amount ranges,
//! levels, window ids, duplicate ids, windows without workdays) and exits 4 on
//! the first problem.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufWriter, Write};

use bench::{fail, parse_decimal, read_facts_arg, staff_band, window_band, write_results, Scored};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

const PROGRAM: &str = "hand";

// ---------------------------------------------------------------------------
// Numbers: exact, from the text, into integers
// ---------------------------------------------------------------------------

/// The key under which serde_json's `arbitrary_precision` hands a number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

const MAX_QUANTITY: u64 = 1_000_000;

/// A number in units of `1/SCALE` (1: a count, 2: half days, 100:
/// hundredths), refused unless whole in those units and inside `0..=max`.
fn units<E: de::Error>(value: Decimal, scale: i64, max: u64, what: &str) -> Result<u64, E> {
    let scaled = value * Decimal::from(scale);
    if scaled.is_sign_negative() && !scaled.is_zero() || !scaled.fract().is_zero() || value > Decimal::from(max) {
        return Err(E::custom(format!("expected {what}, found {value}")));
    }
    scaled.to_u64().ok_or_else(|| E::custom(format!("expected {what}, found {value}")))
}

/// Reads a number in units of `1/SCALE`: a plain integer directly, anything
/// else (`0.5`, `2.0`, `1e1`) from its text.
struct UnitsVisitor {
    scale: i64,
    max: u64,
    what: &'static str,
}

impl<'de> Visitor<'de> for UnitsVisitor {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        if v > self.max {
            return Err(E::custom(format!("expected {}, found {v}", self.what)));
        }
        Ok(v * self.scale as u64)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        Err(E::custom(format!("expected {}, found {v}", self.what)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u64, A::Error> {
        let text = number_text(&mut map)?;
        let value = parse_decimal(&text).ok_or_else(|| de::Error::custom(format!("`{text}` is not a decimal")))?;
        units(value, self.scale, self.max, self.what)
    }
}

fn number_text<'de, A: MapAccess<'de>>(map: &mut A) -> Result<String, A::Error> {
    match map.next_key::<String>()? {
        Some(key) if key == NUMBER_TOKEN => map.next_value::<String>(),
        _ => Err(de::Error::custom("expected a number")),
    }
}

/// A count: whole, 0..=1,000,000 (`2.0` is 2).
#[derive(Default, Clone, Copy)]
struct Count(u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        let v = UnitsVisitor { scale: 1, max: MAX_QUANTITY, what: "a whole count 0..=1000000" };
        d.deserialize_any(v).map(|n| Count(n as u32))
    }
}

/// Days, held in half days: a multiple of 0.5, 0..=1,000,000.
#[derive(Default, Clone, Copy)]
struct HalfDays(u32);

impl<'de> Deserialize<'de> for HalfDays {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<HalfDays, D::Error> {
        let v = UnitsVisitor { scale: 2, max: MAX_QUANTITY, what: "days, a multiple of 0.5 in 0..=1000000" };
        d.deserialize_any(v).map(|n| HalfDays(n as u32))
    }
}

/// An assessed amount, held in hundredths of a point.
#[derive(Default, Clone, Copy)]
struct Cents(u32);

impl<'de> Deserialize<'de> for Cents {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cents, D::Error> {
        let v = UnitsVisitor { scale: 100, max: MAX_QUANTITY, what: "points with at most two decimals" };
        d.deserialize_any(v).map(|n| Cents(n as u32))
    }
}

// ---------------------------------------------------------------------------
// The facts file
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Quarter {
    period: String,
    windows: Vec<Window>,
    staff: Vec<Staff>,
    #[serde(default)]
    substitutions: Vec<Substitution>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Window {
    id: String,
    #[serde(default)]
    #[allow(dead_code)]
    name: IgnoredAny,
    #[serde(default)]
    facts: WindowFacts,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Role {
    ChiefRep,
    Operator,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Staff {
    id: String,
    #[serde(default)]
    #[allow(dead_code)]
    name: IgnoredAny,
    window: String,
    role: Role,
    workdays: HalfDays,
    #[serde(default)]
    days_away: HalfDays,
    #[serde(default)]
    #[allow(dead_code)]
    joined: IgnoredAny,
    #[serde(default)]
    facts: StaffFacts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Substitution {
    #[allow(dead_code)]
    substitute: String,
    #[serde(default)]
    #[allow(dead_code)]
    name: IgnoredAny,
    #[serde(rename = "for")]
    for_id: String,
    #[serde(default)]
    facts: StaffFacts,
}

/// Counts per level: `{"county": n, "city": n, "province": n, "national": n}`.
#[derive(Deserialize, Default, Clone, Copy)]
#[serde(deny_unknown_fields)]
struct Levels {
    #[serde(default)]
    county: Count,
    #[serde(default)]
    city: Count,
    #[serde(default)]
    province: Count,
    #[serde(default)]
    national: Count,
}

impl Levels {
    /// Points per level, in hundredths.
    fn cents(&self, county: i64, city: i64, province: i64, national: i64) -> i64 {
        100 * (self.county.0 as i64 * county
            + self.city.0 as i64 * city
            + self.province.0 as i64 * province
            + self.national.0 as i64 * national)
    }
    fn any(&self) -> bool {
        self.county.0 + self.city.0 + self.province.0 + self.national.0 > 0
    }
}

/// A fact vocabulary as a typed struct, with its range checks and the way a
/// substitute's facts are added to a person's (counts and days summed,
/// amounts joined, levels summed per level).
macro_rules! facts {
    ($name:ident {
        counts: [$($c:ident),* $(,)?],
        days: [$($d:ident),* $(,)?],
        amounts: [$($a:ident ($lo:expr, $hi:expr)),* $(,)?],
        levels: [$($l:ident),* $(,)?] $(,)?
    }) => {
        #[derive(Deserialize, Default, Clone)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $(#[serde(default)] $c: Count,)*
            $(#[serde(default)] $d: HalfDays,)*
            $(#[serde(default)] $a: Vec<Cents>,)*
            $(#[serde(default)] $l: Levels,)*
        }

        impl $name {
            fn check(&self, who: &dyn Fn() -> String) {
                $(for v in &self.$a {
                    if v.0 < $lo * 100 || v.0 > $hi * 100 {
                        fail(PROGRAM, &format!("{}: facts.{}: {} is outside {}-{}", who(), stringify!($a), Decimal::new(v.0.into(), 2).normalize(), $lo, $hi));
                    }
                })*
            }

            #[allow(dead_code)]
            fn add(&mut self, other: &$name) {
                $(self.$c.0 += other.$c.0;)*
                $(self.$d.0 += other.$d.0;)*
                $(self.$a.extend_from_slice(&other.$a);)*
                $(
                    self.$l.county.0 += other.$l.county.0;
                    self.$l.city.0 += other.$l.city.0;
                    self.$l.province.0 += other.$l.province.0;
                    self.$l.national.0 += other.$l.national.0;
                )*
            }
        }
    };
}

facts!(StaffFacts {
    counts: [
        attire_violations,
        badge_missed_twice,
        off_task,
        prohibited_acts,
        prohibited_serious,
        missed_study,
        inquiry_failures,
        overdue_cases,
        overdue_joint_cases,
        late_early_away,
        unpunched,
        midday_leaves,
        long_midday_leaves,
        outsiders_admitted,
        verified_complaints,
        buck_passing_harm,
        service_lapses,
        red_yellow_cards,
        desk_untidy,
        littering,
        appliances,
        praise_messages,
        banners,
        good_deeds,
        exemplary_deeds,
        adopted_suggestions,
    ],
    days: [absent_days, personal_leave_days, sick_leave_days, unsigned_leave_days],
    amounts: [
        rude_conduct(5, 10),
        disobedience(1, 3),
        platform_lapses(3, 5),
        integration_lapses(2, 5),
        buck_passing(2, 5),
        volunteer_refusals(1, 5),
        competition_awards(3, 5),
    ],
    levels: [exposures, news_articles],
});

facts!(WindowFacts {
    counts: [
        disobedience,
        staffing_violations,
        frequent_complaints,
        disputes,
        overdue_cases,
        joint_delays,
        dissatisfied_reviews,
        written_praise,
        adopted_suggestions,
    ],
    days: [],
    amounts: [
        staff_discipline(3, 5),
        housekeeping(2, 5),
        publication_lapses(2, 5),
        centralization_lapses(2, 5),
        online_lapses(2, 5),
        one_window_lapses(4, 6),
        joint_lapses(3, 5),
        verified_complaints(5, 10),
    ],
    levels: [media_reports, exposures],
});

// ---------------------------------------------------------------------------
// The rubric, in hundredths of a point
// ---------------------------------------------------------------------------

/// `points` per count, in hundredths.
fn per(points_cents: i64, n: Count) -> i64 {
    points_cents * n.0 as i64
}

/// `points` per day, in hundredths (`points_cents` is even: 0.5 a day at least).
fn per_day(points_cents: i64, d: HalfDays) -> i64 {
    points_cents / 2 * d.0 as i64
}

/// The points of an amounts fact: the sum of the assessed amounts.
fn sum(amounts: &[Cents]) -> i64 {
    amounts.iter().map(|a| a.0 as i64).sum()
}

/// `max(0, points − deductions)`: 扣完为止.
fn floored(points: i64, deductions: i64) -> i64 {
    (points * 100 - deductions).max(0)
}

/// One staff member (附件1): the total and the attendance category (for the
/// window average), in hundredths, and whether a veto bars 优秀.
fn score_staff(s: &Staff, f: &StaffFacts, window_cards: i64) -> (i64, i64, bool) {
    let discipline = floored(
        20,
        sum(&f.rude_conduct)
            + per(100, f.attire_violations)
            + per(100, f.badge_missed_twice)
            + sum(&f.disobedience)
            + per(500, f.off_task)
            + per(500, f.prohibited_acts)
            + per(300, f.missed_study),
    );
    let service = floored(
        20,
        per(100, f.inquiry_failures)
            + per(200, f.overdue_cases)
            + per(500, f.overdue_joint_cases)
            + sum(&f.platform_lapses)
            + sum(&f.integration_lapses),
    );
    let attendance = floored(
        25,
        per(300, f.late_early_away)
            + per_day(1000, f.absent_days)
            + per(1000, f.unpunched)
            + per_day(100, f.personal_leave_days)
            + per_day(50, f.sick_leave_days)
            + per(50, Count(f.midday_leaves.0.saturating_sub(6)))
            + per(50, f.long_midday_leaves)
            + per_day(1000, f.unsigned_leave_days)
            + per(100, f.outsiders_admitted),
    );
    let gov_service = floored(
        20,
        per(500, f.verified_complaints)
            + sum(&f.buck_passing)
            + per(1000, f.buck_passing_harm)
            + per(300, f.service_lapses),
    );
    let civility = floored(
        15,
        per(50, f.desk_untidy) + per(50, f.littering) + per(200, f.appliances) + sum(&f.volunteer_refusals),
    );
    let chief = s.role == Role::ChiefRep;
    let penalties = -f.exposures.cents(50, 100, 100, 100)
        - per(5000, f.red_yellow_cards)
        - if chief { 10000 * window_cards } else { 0 };
    let bonus = per(50, f.praise_messages)
        + per(200, f.banners)
        + per(50, f.good_deeds)
        + per(100, f.exemplary_deeds)
        + per(100, f.adopted_suggestions)
        + sum(&f.competition_awards)
        + f.news_articles.cents(2, 3, 5, 10);
    let total = discipline + service + attendance + gov_service + civility + penalties + bonus;
    // An exposure bars a person only at year end (第二十二条); a serious breach bars 优秀.
    let vetoed = f.red_yellow_cards.0 > 0 || chief && window_cards > 0 || f.prohibited_serious.0 > 0 || s.days_away.0 >= 10;
    (total, attendance, !vetoed)
}

/// One window (附件2), given its staff's averaged attendance (hundredths).
fn score_window(f: &WindowFacts, attendance: i64, cards: i64) -> (i64, bool) {
    let conduct = floored(
        20,
        per(500, f.disobedience)
            + per(500, f.staffing_violations)
            + sum(&f.staff_discipline)
            + per(500, f.frequent_complaints),
    );
    let service = floored(15, per(500, f.disputes) + per(500, f.overdue_cases) + sum(&f.housekeeping));
    let approval = floored(
        20,
        sum(&f.publication_lapses) + sum(&f.centralization_lapses) + sum(&f.online_lapses) + sum(&f.one_window_lapses),
    );
    let optimization = floored(
        20,
        sum(&f.joint_lapses)
            + per(1000, f.joint_delays)
            + per(200, f.dissatisfied_reviews)
            + sum(&f.verified_complaints),
    );
    let bonus = per(500, f.written_praise) + per(500, f.adopted_suggestions) + f.media_reports.cents(5, 10, 10, 10);
    let total = conduct + service + attendance + approval + optimization + bonus;
    (total, cards == 0 && !f.exposures.any())
}

/// `numerator / denominator` (both ≥ 0, denominator > 0) rounded to a whole
/// number, half away from zero.
fn divide_rounded(numerator: i128, denominator: i128) -> i64 {
    let (q, r) = (numerator / denominator, numerator % denominator);
    (q + i128::from(2 * r >= denominator)) as i64
}

fn cents(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

fn main() {
    let text = read_facts_arg(PROGRAM);
    let quarter: Quarter = match serde_json::from_str(&text) {
        Ok(q) => q,
        Err(e) => fail(PROGRAM, &format!("the facts were rejected: {e}")),
    };
    drop(text);
    check_period(&quarter.period);

    // Windows by id.
    let mut window_of: HashMap<&str, usize> = HashMap::with_capacity(quarter.windows.len());
    for (i, w) in quarter.windows.iter().enumerate() {
        if w.id.is_empty() || window_of.insert(&w.id, i).is_some() {
            fail(PROGRAM, &format!("windows[{i}]: empty or duplicate id `{}`", w.id));
        }
        w.facts.check(&|| format!("windows[{i}] `{}`", w.id));
    }

    // Staff: their window, checks, and the substitutes' facts (第十四条).
    let mut staff_of: HashMap<&str, usize> = HashMap::with_capacity(quarter.staff.len());
    let mut staff_window = Vec::with_capacity(quarter.staff.len());
    for (i, s) in quarter.staff.iter().enumerate() {
        if s.id.is_empty() || staff_of.insert(&s.id, i).is_some() {
            fail(PROGRAM, &format!("staff[{i}]: empty or duplicate id `{}`", s.id));
        }
        let Some(&w) = window_of.get(s.window.as_str()) else {
            fail(PROGRAM, &format!("staff[{i}] `{}`: window `{}` is not among the windows", s.id, s.window))
        };
        staff_window.push(w);
        s.facts.check(&|| format!("staff[{i}] `{}`", s.id));
    }
    let mut merged: HashMap<usize, StaffFacts> = HashMap::new();
    for (k, sub) in quarter.substitutions.iter().enumerate() {
        let Some(&i) = staff_of.get(sub.for_id.as_str()) else {
            fail(PROGRAM, &format!("substitutions[{k}]: `for` names no staff member: `{}`", sub.for_id))
        };
        sub.facts.check(&|| format!("substitutions[{k}]"));
        merged.entry(i).or_insert_with(|| quarter.staff[i].facts.clone()).add(&sub.facts);
    }
    drop(staff_of);
    drop(window_of);
    let facts_of = |i: usize| merged.get(&i).unwrap_or(&quarter.staff[i].facts);

    // Cards per window: every card on a case of the window reaches its chief rep.
    let mut window_cards = vec![0i64; quarter.windows.len()];
    for (i, &w) in staff_window.iter().enumerate() {
        window_cards[w] += facts_of(i).red_yellow_cards.0 as i64;
    }

    // Staff totals, and Σ attendance·workdays and Σ workdays per window
    // (hundredths × half days, and half days).
    let mut weighted = vec![(0i128, 0i128); quarter.windows.len()];
    let mut staff = Vec::with_capacity(quarter.staff.len());
    for (i, s) in quarter.staff.iter().enumerate() {
        let w = staff_window[i];
        let (total, attendance, eligible) = score_staff(s, facts_of(i), window_cards[w]);
        weighted[w].0 += attendance as i128 * s.workdays.0 as i128;
        weighted[w].1 += s.workdays.0 as i128;
        let total = cents(total);
        staff.push(Scored { id: s.id.clone(), total, band: staff_band(total), eligible });
    }

    let mut windows = Vec::with_capacity(quarter.windows.len());
    for (w, window) in quarter.windows.iter().enumerate() {
        let (sum, halves) = weighted[w];
        if halves == 0 {
            fail(PROGRAM, &format!("windows[{w}] `{}`: its staff have no workdays", window.id));
        }
        let attendance = divide_rounded(sum, halves);
        let (total, eligible) = score_window(&window.facts, attendance, window_cards[w]);
        let total = cents(total);
        windows.push(Scored { id: window.id.clone(), total, band: window_band(total), eligible });
    }

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if let Err(e) = write_results(&mut out, &quarter.period, &staff, &windows).and_then(|()| out.flush()) {
        eprintln!("{PROGRAM}: cannot write the results: {e}");
        std::process::exit(1);
    }
    // Freeing a million records is work the process exit does for free.
    std::process::exit(0);
}

/// `YYYY-Qn`: a quarter (a year's file is the annual command's business).
fn check_period(p: &str) {
    let ok = p.len() == 7
        && p.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && &p[4..6] == "-Q"
        && matches!(&p[6..], "1" | "2" | "3" | "4");
    if !ok {
        fail(PROGRAM, &format!("period: expected `YYYY-Qn`, found `{p}`"));
    }
}
