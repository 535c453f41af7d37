//! A month's facts for the 《考勤通报》 (第十七条(三)): who was late, left
//! early, missed a punch, was absent or on leave, and on which days, from
//! the facts file `kaohe gather` writes for a month (`"period": "2026-07"`,
//! `evidence` beside `facts`: docs/io.md, records.md).
//!
//! The bulletin needs the counts and the dated evidence, not scores. Until
//! the facts loader reads month periods and evidence, this reads just what
//! the bulletin needs from the file, checking each fact against the policy.

use std::path::Path;

use rust_decimal::Decimal;

use super::error::{AppError, Error, Fault, MonthProblem, Problem};
pub use crate::facts::month::{Item, Month, Person};
use crate::json::{Json, JsonKind};
use crate::policy::Policy;

/// `2026-07` → (2026, 7).
pub fn month_period(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    let ok = year.len() == 4 && month.len() == 2 && (year.bytes().chain(month.bytes())).all(|b| b.is_ascii_digit());
    let month: u32 = month.parse().ok().filter(|m| ok && (1..=12).contains(m))?;
    Some((year.parse().ok()?, month))
}

fn text<'a>(value: &'a Json<'a>) -> Option<&'a str> {
    match &value.kind {
        JsonKind::String(s) => Some(s),
        _ => None,
    }
}

fn field<'a>(object: &'a Json<'a>, key: &str) -> Option<&'a str> {
    object.get(key).and_then(|m| text(&m.value))
}

fn list<'a>(object: &'a Json<'a>, key: &str) -> &'a [Json<'a>] {
    match object.get(key).map(|m| &m.value.kind) {
        Some(JsonKind::Array(items)) => items,
        _ => &[],
    }
}

/// The month in a facts file's text, if its period is a month.
pub fn peek(source: &str) -> Option<(i32, u32)> {
    let root = crate::json::parse(source).ok()?;
    month_period(field(&root, "period")?)
}

/// Read a month's facts file against `policy`'s staff facts.
pub fn read(path: &Path, source: &str, policy: &Policy) -> Result<Month, Error> {
    let shown = path.display().to_string();
    let problem = |problem| AppError::MonthFacts { path: shown.clone(), problem };
    let bad = |p| Error::one(Fault::Facts, problem(p));
    let root = crate::json::parse(source).map_err(|(err, _)| bad(MonthProblem::NotJson(err)))?;
    let period = field(&root, "period").ok_or_else(|| bad(MonthProblem::NoPeriod))?;
    let (year, month) =
        month_period(period).ok_or_else(|| bad(MonthProblem::NotAMonth { period: period.to_string() }))?;
    let windows = list(&root, "windows")
        .iter()
        .map(|w| (field(w, "id").unwrap_or("").to_string(), field(w, "name").unwrap_or("").to_string()))
        .collect();
    let mut errors: Vec<Problem> = Vec::new();
    let mut staff = Vec::new();
    for (n, person) in list(&root, "staff").iter().enumerate() {
        let id = field(person, "id").unwrap_or("").to_string();
        let mut facts: Vec<(String, Decimal, Vec<Item>)> = Vec::new();
        if let Some(JsonKind::Object(members)) = person.get("facts").map(|m| &m.value.kind) {
            for member in members {
                if policy.staff.fact_index(&member.key).is_none() {
                    let fact = member.key.to_string();
                    errors.push(problem(MonthProblem::NotAFact { index: n, id: id.clone(), fact }).into());
                    continue;
                }
                let value = match &member.value.kind {
                    JsonKind::Number(n) => n.parse::<Decimal>().unwrap_or_default(),
                    JsonKind::Array(items) => Decimal::from(items.len()),
                    _ => Decimal::ZERO,
                };
                facts.push((member.key.to_string(), value, Vec::new()));
            }
        }
        if let Some(JsonKind::Object(members)) = person.get("evidence").map(|m| &m.value.kind) {
            for member in members {
                let items: Vec<Item> = match &member.value.kind {
                    JsonKind::Array(items) => items
                        .iter()
                        .map(|i| Item {
                            date: field(i, "date").unwrap_or("").to_string(),
                            note: field(i, "note").unwrap_or("").to_string(),
                            source: field(i, "source").unwrap_or("").to_string(),
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                match facts.iter_mut().find(|(f, _, _)| *f == member.key) {
                    Some(slot) => slot.2 = items,
                    None => {
                        let fact = member.key.to_string();
                        errors
                            .push(problem(MonthProblem::EvidenceWithoutFact { index: n, id: id.clone(), fact }).into())
                    }
                }
            }
        }
        staff.push(Person {
            id,
            name: field(person, "name").unwrap_or("").to_string(),
            window: field(person, "window").unwrap_or("").to_string(),
            role: field(person, "role").unwrap_or("").to_string(),
            facts,
        });
    }
    if !errors.is_empty() {
        return Err(Error::new(Fault::Facts, errors));
    }
    Ok(Month { year, month, windows, staff })
}
