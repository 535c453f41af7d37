//! Ledgers for appeals beyond one quarter's text (`explain`): a record's
//! year (each quarter's total, grade and rank; the mean; who is not
//! assessed; each annual veto with its clause and the numbers that decided
//! it, quarter by quarter), any ledger as JSON, and many ledgers as one page
//! to print, one record a page.

use std::fmt::Write as _;
use std::io;

use rust_decimal::Decimal;
use serde::Serialize;

use super::marks::{self, Mark};
use super::safe;
use super::{decimal, words};
use crate::eval::annual::{AnnualRecord, AnnualResults, ScoredQuarter};
use crate::eval::{magnitude, StaffSums};
use crate::facts::{Period, WindowIx};
use crate::json::quoted;
use crate::policy::{Condition, Policy, Subject, Term, TermScope};

/// A number a condition read, in each quarter: `迟到、早退、离岗、串岗：一季度 2、二季度 3 …`.
fn by_quarter(
    subject: &Subject,
    is_staff: bool,
    record: &AnnualRecord,
    quarters: &[ScoredQuarter<'_>],
    condition: &Condition,
) -> Vec<(String, Vec<(Period, Decimal)>)> {
    let mut terms = Vec::new();
    collect_terms(condition, &mut terms);
    terms.dedup();
    let mut out = Vec::new();
    for term in terms {
        let (label, id) = match term {
            Term::Fact { fact, scope } => {
                let f = match scope {
                    TermScope::Staff => {
                        quarters.first().map(|q| &q.policy.staff.facts[..]).unwrap_or(&[]).get(fact.index())
                    }
                    _ => subject.facts.get(fact.index()),
                };
                let Some(f) = f else { continue };
                let label = match scope {
                    TermScope::Own => f.name.label.clone(),
                    TermScope::Window => format!("本窗口{}", f.name.label),
                    TermScope::Staff => format!("本窗口工作人员{}", f.name.label),
                };
                (label, f.name.id.clone())
            }
            Term::Attribute(a) => match subject.attributes.get(a) {
                Some(f) => (f.name.label.clone(), f.name.id.clone()),
                None => continue,
            },
            Term::MonthsInHall => continue,
        };
        let mut values = Vec::new();
        for q in quarters {
            let list = if is_staff { &q.quarter.staff } else { &q.quarter.windows };
            let Some(r) = list.iter().position(|x| x.id == record.id) else { continue };
            let rec = &list[r];
            let own = if is_staff { &q.policy.staff } else { &q.policy.window };
            let value = match term {
                Term::Fact { scope: TermScope::Own, .. } => {
                    own.fact_index(&id).and_then(|f| rec.fact(f)).map(magnitude).unwrap_or_default()
                }
                Term::Fact { .. } => {
                    let window = if is_staff { rec.window } else { Some(WindowIx(r)) };
                    let fact = q.policy.staff.fact_index(&id);
                    match (window, fact) {
                        (Some(w), Some(f)) => StaffSums::new(q.quarter).get(f, w),
                        _ => Decimal::ZERO,
                    }
                }
                Term::Attribute(_) => {
                    own.attribute_index(&id).and_then(|a| rec.attributes.get(a)).copied().unwrap_or_default()
                }
                Term::MonthsInHall => Decimal::ZERO,
            };
            values.push((q.quarter.period, value));
        }
        out.push((label, values));
    }
    // Of many numbers (an `or` of tests), the ones that were not all zero.
    let nonzero = |(_, v): &(String, Vec<(Period, Decimal)>)| v.iter().any(|(_, x)| !x.is_zero());
    if out.iter().any(nonzero) {
        out.retain(nonzero);
    }
    out
}

fn collect_terms(condition: &Condition, out: &mut Vec<Term>) {
    match condition {
        Condition::Or(parts) | Condition::And(parts) => parts.iter().for_each(|p| collect_terms(p, out)),
        Condition::Not(inner) => collect_terms(inner, out),
        Condition::Compare { terms, .. } => out.extend(terms.iter().copied()),
        Condition::Role(_) | Condition::Grade { .. } => {}
    }
}

/// `一季度 2、二季度 3、三季度 1、四季度 2，合计 8`
fn quarter_values(values: &[(Period, Decimal)]) -> String {
    let sum: Decimal = values.iter().map(|(_, v)| *v).sum();
    let parts: Vec<String> =
        values.iter().map(|(p, v)| format!("{} {}", words::quarter_short(p), decimal(*v))).collect();
    format!("{}，合计 {}", parts.join("、"), decimal(sum))
}

/// The conditions behind a record's annual marks, in the order of `marks::annual`.
fn mark_conditions<'a>(subject: &'a Subject, record: &AnnualRecord) -> Vec<Option<&'a Condition>> {
    let Some(rules) = &subject.annual else { return Vec::new() };
    let mut out: Vec<Option<&Condition>> =
        record.not_assessed.iter().map(|r| rules.not_assessed.get(r.index).map(|g| &g.condition)).collect();
    out.extend(record.vetoes.iter().map(|r| rules.vetoes.get(r.index).map(|v| &v.condition)));
    if record.standing.as_ref().is_some_and(|s| s.left_out_tied) {
        out.push(None);
    }
    out.extend(record.flags.iter().map(|r| rules.flags.get(r.index).map(|f| &f.condition)));
    out
}

/// The year's ledger of staff member (or window) `index`.
pub fn year_ledger(
    policy: &Policy,
    year: &AnnualResults,
    quarters: &[ScoredQuarter<'_>],
    staff: bool,
    index: usize,
) -> Option<String> {
    let (subject, records, selections) = if staff {
        (&policy.staff, &year.staff, &year.staff_selections)
    } else {
        (&policy.window, &year.windows, &year.window_selections)
    };
    let record = records.get(index)?;
    let mut out = String::new();
    let _ = write!(out, "{} {}（{}", safe::name(&record.id), safe::name(&record.name), subject.name.label);
    if let Some(window) = record.window() {
        let name = quarters
            .iter()
            .rev()
            .find_map(|q| q.quarter.windows.iter().find(|w| w.id == window).map(|w| w.name.clone()))
            .unwrap_or_default();
        let _ = write!(out, "，{} {}", safe::name(window), safe::name(&name));
    }
    if let Some(role) = record.role.and_then(|r| subject.role(r)) {
        let _ = write!(out, "，{}", role.label);
    }
    let _ = writeln!(out, "）  考核期 {}", words::period(&Period::Year(year.year)));
    let _ = writeln!(out);
    let _ = writeln!(out, "各季度考核结果");
    for q in quarters {
        let list = if staff { &q.quarter.staff } else { &q.quarter.windows };
        let scored = if staff { &q.results.staff } else { &q.results.windows };
        let own = if staff { &q.policy.staff } else { &q.policy.window };
        let label = words::quarter_short(&q.quarter.period);
        match list.iter().position(|r| r.id == record.id) {
            Some(i) => {
                let s = &scored[i];
                let grade = own.band(s.grade).map_or("", |g| g.name.label.as_str());
                let _ = writeln!(out, "  {label}  总分 {:>7}  {grade}（名次 {}）", decimal(s.total), s.rank);
            }
            None => {
                let _ = writeln!(out, "  {label}  （不在大厅）");
            }
        }
    }
    if !year.missing.is_empty() {
        let missing: Vec<String> = year.missing.iter().map(words::quarter_short).collect();
        let _ = writeln!(out, "  缺少{}的考核结果", missing.join("、"));
    }
    let totals: Vec<String> = record.quarters.iter().map(|(_, t, _)| decimal(*t)).collect();
    let (places, cite) = subject.annual.as_ref().map_or((2, String::new()), |a| (a.places, a.cite.clone()));
    let _ = writeln!(
        out,
        "年度总分 ({}) ÷ {} = {}（四舍五入到 {places} 位小数）  [{cite}]",
        totals.join(" + "),
        totals.len(),
        decimal(record.total)
    );
    if staff {
        let _ = writeln!(out, "在大厅工作月数 {}", decimal(record.months_in_hall));
    }
    let _ = writeln!(out);
    let conditions = mark_conditions(subject, record);
    let marks: Vec<Mark> = marks::annual(subject, &policy.staff, record, selections, index);
    for (mark, condition) in marks.iter().zip(conditions.iter().chain(std::iter::repeat(&None))) {
        let _ = writeln!(out, "{}：{}  [{}]", super::page::what(mark), mark.reason, mark.cite);
        if let Some(condition) = condition {
            for (label, values) in by_quarter(subject, staff, record, quarters, condition) {
                let _ = writeln!(out, "          {label}：{}", quarter_values(&values));
            }
        }
        if let Some(wording) = &mark.wording {
            let _ = writeln!(out, "          “{wording}”");
        }
    }
    for selection in selections {
        let Some(grade) = subject.band(selection.grade) else { continue };
        let line = super::summary::quota_line(subject, selection, |i| {
            records.get(i).map_or(String::new(), |r| r.name.clone())
        });
        let chosen = selection.chosen.contains(&index);
        let verdict = match &record.standing {
            None => "不参加年度考核".to_string(),
            Some(_) if chosen => format!("评为{}", grade.name.label),
            Some(s) if s.left_out_tied => "同分者整体未评入".to_string(),
            Some(s) if s.band == selection.from => {
                let vetoed = marks.iter().any(|m| m.kind == marks::Kind::Veto);
                if vetoed {
                    "不符合评选资格（见上）".to_string()
                } else {
                    "总分未进入名额".to_string()
                }
            }
            Some(_) => {
                format!("不在评选范围（须为{}）", subject.band(selection.from).map_or("", |g| g.name.label.as_str()))
            }
        };
        let _ = writeln!(out, "评选{}  {verdict}；{line}", grade.name.label);
    }
    match &record.standing {
        Some(standing) => {
            let grade = subject.band(standing.grade).map_or("", |g| g.name.label.as_str());
            let _ = writeln!(out, "年度等次 {grade}（名次 {}）", standing.rank);
        }
        None => {
            let _ = writeln!(out, "年度等次 不参加年度考核");
        }
    }
    Some(safe::text(&out).into_owned())
}

/// A quarter's ledger as JSON: the record as `eval --format json` writes it,
/// with the period, the policy and the marks worded.
pub fn quarter_json(
    policy: &Policy,
    quarter: &crate::facts::Quarter,
    scored: &crate::eval::Results,
    staff: bool,
    index: usize,
) -> io::Result<String> {
    let (subject, records, results, selections) = if staff {
        (&policy.staff, &quarter.staff, &scored.staff, &scored.staff_selections)
    } else {
        (&policy.window, &quarter.windows, &scored.windows, &scored.window_selections)
    };
    let (Some(record), Some(score)) = (records.get(index), results.get(index)) else {
        return Err(io::Error::other("no such record"));
    };
    let mut body = Vec::new();
    super::json::record_json(&mut body, policy, subject, quarter, record, score)?;
    let marks = marks::quarter(subject, &policy.staff, score, selections, index);
    Ok(format!(
        "{{\"period\": {}, \"policy\": {}, \"subject\": {}, \"record\": {}, \"marks\": {}}}",
        quoted(&quarter.period.to_string()),
        quoted(&policy.name),
        quoted(if staff { "staff" } else { "window" }),
        String::from_utf8_lossy(&body),
        marks_json(&marks)
    ))
}

fn marks_json(marks: &[Mark]) -> String {
    let items: Vec<String> = marks
        .iter()
        .map(|m| {
            let kind = match m.kind {
                marks::Kind::Veto => "veto",
                marks::Kind::Flag => "flag",
                marks::Kind::Tie => "tie",
                marks::Kind::NotAssessed => "not_assessed",
            };
            format!(
                "{{\"kind\": {}, \"mark\": {}, \"cite\": {}, \"reason\": {}, \"wording\": {}}}",
                quoted(kind),
                quoted(&m.short),
                quoted(&m.cite),
                quoted(&m.reason),
                m.wording.as_deref().map_or("null".to_string(), quoted)
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A year's ledger as JSON: each quarter's total, grade and rank; the year's
/// total, grade and rank; each mark with the numbers that decided it.
pub fn year_json(
    policy: &Policy,
    year: &AnnualResults,
    quarters: &[ScoredQuarter<'_>],
    staff: bool,
    index: usize,
) -> Option<String> {
    let (subject, records, selections) = if staff {
        (&policy.staff, &year.staff, &year.staff_selections)
    } else {
        (&policy.window, &year.windows, &year.window_selections)
    };
    let record = records.get(index)?;
    let mut quarter_items = Vec::new();
    for q in quarters {
        let list = if staff { &q.quarter.staff } else { &q.quarter.windows };
        let scored = if staff { &q.results.staff } else { &q.results.windows };
        let own = if staff { &q.policy.staff } else { &q.policy.window };
        if let Some(i) = list.iter().position(|r| r.id == record.id) {
            let grade = own.band(scored[i].grade).map_or("", |g| g.name.id.as_str());
            quarter_items.push(format!(
                "{{\"period\": {}, \"total\": {}, \"grade\": {}, \"rank\": {}}}",
                quoted(&q.quarter.period.to_string()),
                decimal(scored[i].total),
                quoted(grade),
                scored[i].rank
            ));
        }
    }
    let conditions = mark_conditions(subject, record);
    let marks = marks::annual(subject, &policy.staff, record, selections, index);
    let mut mark_items = Vec::new();
    for (mark, condition) in marks.iter().zip(conditions.iter().chain(std::iter::repeat(&None))) {
        let mut decided = Vec::new();
        if let Some(condition) = condition {
            for (label, values) in by_quarter(subject, staff, record, quarters, condition) {
                let per: Vec<String> =
                    values.iter().map(|(p, v)| format!("{}: {}", quoted(&p.to_string()), decimal(*v))).collect();
                decided.push(format!("{{\"term\": {}, \"quarters\": {{{}}}}}", quoted(&label), per.join(", ")));
            }
        }
        let one = marks_json(std::slice::from_ref(mark));
        let one = one.trim_start_matches('[').trim_end_matches(']').trim_end_matches('}');
        mark_items.push(format!("{one}, \"by_quarter\": [{}]}}", decided.join(", ")));
    }
    let (grade, rank) = match &record.standing {
        Some(s) => (quoted(subject.band(s.grade).map_or("", |g| g.name.id.as_str())), s.rank.to_string()),
        None => ("null".to_string(), "null".to_string()),
    };
    Some(format!(
        "{{\"year\": {}, \"policy\": {}, \"subject\": {}, \"id\": {}, \"name\": {}, \"quarters\": [{}], \"total\": {}, \"months_in_hall\": {}, \"assessed\": {}, \"grade\": {grade}, \"rank\": {rank}, \"marks\": [{}]}}",
        year.year,
        quoted(&policy.name),
        quoted(if staff { "staff" } else { "window" }),
        quoted(&record.id),
        quoted(&record.name),
        quarter_items.join(", "),
        decimal(record.total),
        decimal(record.months_in_hall),
        record.standing.is_some(),
        mark_items.join(", ")
    ))
}

#[derive(Serialize)]
struct LedgerPage<'a> {
    title: String,
    policy: &'a str,
    effective: Option<String>,
    ledgers: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    heading: String,
    text: String,
}

/// Ledgers as one page to print, each record on its own pages: (heading, text).
pub fn ledgers_html(policy: &Policy, period: &str, ledgers: Vec<(String, String)>) -> io::Result<String> {
    let page = LedgerPage {
        title: format!("{period}考核明细"),
        policy: &policy.name,
        effective: policy.effective.map(words::date),
        ledgers: ledgers.into_iter().map(|(heading, text)| Entry { heading, text }).collect(),
    };
    super::page::render("ledgers.html", page)
}
