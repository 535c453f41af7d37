//! `kaohe explain`: whose ledger to show. A record is found by its id or
//! its name; a substitute's id (第十四条) leads to the people they stood in
//! for, since what they earned is scored to them.

use std::path::Path;

use super::error::Error;
use crate::eval::annual::AnnualResults;
use crate::facts::Quarter;

/// A record of a period or a year: a staff member or a window, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Staff(usize),
    Window(usize),
}

/// The records `wanted` names, and a note to say how, when it is not their id.
pub struct Found {
    pub records: Vec<Who>,
    pub note: Option<String>,
}

/// Id, name and list of every record: staff, then windows.
type Listed<'a> = Vec<(Who, &'a str, &'a str)>;

fn find_in(
    listed: &Listed<'_>,
    wanted: &str,
    substitutes: &[(&str, &str, usize)],
    facts: &Path,
) -> Result<Found, Error> {
    if let Some((who, _, _)) = listed.iter().find(|(_, id, _)| *id == wanted) {
        return Ok(Found { records: vec![*who], note: None });
    }
    let named: Vec<&(Who, &str, &str)> = listed.iter().filter(|(_, _, name)| *name == wanted).collect();
    match named.as_slice() {
        [] => {}
        [(who, _, _)] => return Ok(Found { records: vec![*who], note: None }),
        several => {
            let ids: Vec<&str> = several.iter().map(|(_, id, _)| *id).collect();
            return Err(Error::ambiguous_name(wanted, &ids));
        }
    }
    let stood_in: Vec<&(&str, &str, usize)> = substitutes.iter().filter(|(by, _, _)| *by == wanted).collect();
    if let Some((by, name, _)) = stood_in.first() {
        let mut records: Vec<Who> = stood_in.iter().map(|(_, _, i)| Who::Staff(*i)).collect();
        records.dedup();
        let whom: Vec<String> = records
            .iter()
            .filter_map(|w| listed.iter().find(|(x, _, _)| x == w))
            .map(|(_, id, name)| format!("{id} {name}"))
            .collect();
        let note = format!(
            "`{by}` ({name}) stood in for {}: what a substitute earns is scored to the person substituted (第十四条), so this is their ledger",
            whom.join(", ")
        );
        return Ok(Found { records, note: Some(note) });
    }
    // A near id (said with its name), or else a near name.
    let suggestion =
        crate::suggest::did_you_mean(wanted, listed.iter().map(|(_, id, name)| (*id, *name))).or_else(|| {
            crate::suggest::did_you_mean_name(wanted, listed.iter().map(|(_, _, n)| *n).filter(|n| !n.is_empty()))
        });
    Err(Error::unknown_record(wanted, facts, suggestion))
}

/// Whom `wanted` names in a period.
pub fn in_period(quarter: &Quarter, wanted: &str, facts: &Path) -> Result<Found, Error> {
    let listed = period_list(quarter);
    let substitutes: Vec<(&str, &str, usize)> = quarter
        .staff
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.substitutions.iter().map(move |s| (s.by.as_str(), s.name.as_str(), i)))
        .collect();
    find_in(&listed, wanted, &substitutes, facts)
}

fn period_list(quarter: &Quarter) -> Listed<'_> {
    let staff = quarter.staff.iter().enumerate().map(|(i, r)| (Who::Staff(i), r.id.as_str(), r.name.as_str()));
    let windows = quarter.windows.iter().enumerate().map(|(i, r)| (Who::Window(i), r.id.as_str(), r.name.as_str()));
    staff.chain(windows).collect()
}

/// Whom `wanted` names in a year; `quarters` are the year's quarters.
pub fn in_year(year: &AnnualResults, quarters: &[&Quarter], wanted: &str, facts: &Path) -> Result<Found, Error> {
    let staff = year.staff.iter().enumerate().map(|(i, r)| (Who::Staff(i), r.id.as_str(), r.name.as_str()));
    let windows = year.windows.iter().enumerate().map(|(i, r)| (Who::Window(i), r.id.as_str(), r.name.as_str()));
    let listed: Listed<'_> = staff.chain(windows).collect();
    let mut substitutes: Vec<(&str, &str, usize)> = Vec::new();
    for quarter in quarters {
        for record in &quarter.staff {
            let Some(i) = year.staff.iter().position(|r| r.id == record.id) else { continue };
            substitutes.extend(record.substitutions.iter().map(|s| (s.by.as_str(), s.name.as_str(), i)));
        }
    }
    find_in(&listed, wanted, &substitutes, facts)
}

/// Every record of a period, staff then windows.
pub fn all_in_period(quarter: &Quarter) -> Vec<Who> {
    period_list(quarter).into_iter().map(|(w, _, _)| w).collect()
}

/// Every record of a year, staff then windows.
pub fn all_in_year(year: &AnnualResults) -> Vec<Who> {
    (0..year.staff.len()).map(Who::Staff).chain((0..year.windows.len()).map(Who::Window)).collect()
}
