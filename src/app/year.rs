//! Score a year: each of its quarterly facts files as a period, then the
//! roll-up by the version in force on the year's first day.

use std::path::{Path, PathBuf};

use super::error::{AppError, Error, Fault, Problem};
use super::period::{load_policies, read_facts, score, Scored};
use crate::eval::annual::{roll_up, AnnualResults, ScoredQuarter};
use crate::facts::Period;
use crate::policy::Version;

/// A year rolled up from its quarters.
pub struct Year {
    pub year: i32,
    /// The version that rolls the year up.
    pub version: Version,
    /// Each quarter given, in period order.
    pub quarters: Vec<Scored>,
    pub results: AnnualResults,
}

/// Score every file of `facts` (one to four quarters of one year) with the
/// policy in `dir`, and roll the year up.
pub fn score_year(dir: &Path, facts: &[PathBuf]) -> Result<Year, Error> {
    let policies = load_policies(dir)?;
    // Score every quarter, collecting every file's errors before giving up.
    let mut scored: Vec<(PathBuf, Scored)> = Vec::new();
    let mut failure: Option<Error> = None;
    for path in facts {
        match read_facts(path).and_then(|file| score(&policies, dir, &file)) {
            Ok(s) => scored.push((path.clone(), s)),
            Err(f) => match &mut failure {
                Some(all) => all.join(f),
                None => failure = Some(f),
            },
        }
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    let year = check_periods(&scored)?;
    scored.sort_by_key(|(_, s)| s.quarter.period);

    let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::one(Fault::Facts, AppError::YearOutOfRange { year }))?;
    let version = policies
        .in_force(start)
        .ok_or_else(|| Error::one(Fault::Policy, policies.none_in_force(dir, start, year.to_string())))?;
    let policy = &version.policy;
    if policy.staff.annual.is_none() && policy.window.annual.is_none() {
        return Err(Error::one(Fault::Policy, AppError::NoAnnualRules { version: version.describe() }));
    }
    let quarters: Vec<ScoredQuarter<'_>> = scored
        .iter()
        .map(|(_, s)| ScoredQuarter { policy: &s.version.policy, quarter: &s.quarter, results: &s.results })
        .collect();
    let results = roll_up(policy, year, &quarters);
    let version = version.clone();
    Ok(Year { year, version, quarters: scored.into_iter().map(|(_, s)| s).collect(), results })
}

/// All quarters of one year, each once; returns the year.
fn check_periods(scored: &[(PathBuf, Scored)]) -> Result<i32, Error> {
    let mut errors: Vec<Problem> = Vec::new();
    let mut year = None;
    let mut seen: Vec<(Period, &PathBuf)> = Vec::new();
    for (path, s) in scored {
        let period = s.quarter.period;
        let Period::Quarter { year: y, .. } = period else {
            errors.push(AppError::NotAQuarter { path: path.display().to_string(), period: period.to_string() }.into());
            continue;
        };
        match year {
            None => year = Some((y, path)),
            Some((first, first_path)) if first != y => errors.push(
                AppError::OtherYear {
                    path: path.display().to_string(),
                    period: period.to_string(),
                    first: first_path.display().to_string(),
                    year: first,
                }
                .into(),
            ),
            Some(_) => {}
        }
        if let Some((_, other)) = seen.iter().find(|(p, _)| *p == period) {
            errors.push(
                AppError::QuarterTwice {
                    first: other.display().to_string(),
                    second: path.display().to_string(),
                    period: period.to_string(),
                }
                .into(),
            );
        }
        seen.push((period, path));
    }
    match (year, errors.is_empty()) {
        (Some((y, _)), true) => Ok(y),
        _ => Err(Error::new(Fault::Facts, errors)),
    }
}
