//! Score a year: each of its quarterly facts files as a period, then the
//! roll-up by the version in force on the year's first day.

use std::path::{Path, PathBuf};

use super::error::{AppError, Error, Fault, Problem, VersionName};
use super::load::Loaded;
use super::period::{facts_error, load, open_summary, read_facts, score_root, score_summary, Scored};
use crate::eval::annual::{roll_up, AnnualResults, ScoredQuarter};
use crate::facts::Period;
use crate::policy::Version;
use crate::render::Note;

/// A year rolled up from its quarters.
pub struct Year {
    pub year: i32,
    /// The version that rolls the year up.
    pub version: Version,
    /// Each quarter given, in period order.
    pub quarters: Vec<Scored>,
    pub results: AnnualResults,
}

impl Year {
    /// What was scored and rolled up, by which versions, and which quarters
    /// are missing: for stderr.
    pub fn summaries(&self) -> Vec<Note> {
        let mut notes: Vec<Note> = self.quarters.iter().map(Scored::summary).collect();
        notes.push(Note::RolledUp { year: self.year, by: (&self.version).into() });
        if !self.results.missing.is_empty() {
            notes.push(Note::NoFactsFor { periods: self.results.missing.clone() });
        }
        notes
    }
}

/// Score every file of `facts` (one to four quarters of one year) with the
/// policy in `dir`, and roll the year up. Every file's period is checked
/// before anything is scored: files of two years are refused as such, not
/// by whichever version first reads a fact it does not know. Returns the
/// policy directory read too: its warnings and its files.
pub fn score_year(dir: &Path, facts: &[PathBuf]) -> Result<(Loaded, Year), Error> {
    let mut policies = load(dir)?;
    let mut failure: Option<Error> = None;
    // Every file read and parsed, every error of every file collected.
    let mut files = Vec::new();
    // A summary workbook (or folder of its CSV files) is opened, its period read.
    let mut summaries = Vec::new();
    for path in facts {
        if crate::facts::sheet::is_summary(path) {
            match open_summary(path) {
                Ok(summary) => summaries.push((path, summary)),
                Err(f) => add(&mut failure, f),
            }
            continue;
        }
        match read_facts(path) {
            Ok(file) => files.push((path, file)),
            Err(f) => add(&mut failure, f),
        }
    }
    let mut parsed = Vec::new();
    for (path, file) in &files {
        match crate::facts::parse(file) {
            Ok(root) => parsed.push((*path, file, root)),
            Err(errs) => add(&mut failure, facts_error(errs)),
        }
    }
    let mut periods: Vec<(&PathBuf, Option<Period>)> =
        parsed.iter().map(|(path, _, root)| (*path, crate::facts::peek_period(root))).collect();
    periods.extend(summaries.iter().map(|(path, summary)| (*path, summary.period)));
    if let Err(f) = check_periods(&periods) {
        add(&mut failure, f);
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    // Then scored, each by the version in force for its quarter.
    let mut scored: Vec<(PathBuf, Scored)> = Vec::new();
    for (path, summary) in summaries {
        match score_summary(&mut policies, summary) {
            Ok(s) => scored.push((path.clone(), s)),
            Err(f) => add(&mut failure, f),
        }
    }
    for (path, file, root) in parsed {
        // check_periods refused every file whose period is not a quarter.
        match score_root(&mut policies, file, root) {
            Ok(s) => scored.push((path.clone(), s)),
            Err(f) => add(&mut failure, f),
        }
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    let periods: Vec<(&PathBuf, Option<Period>)> = scored.iter().map(|(p, s)| (p, Some(s.quarter.period))).collect();
    let year = check_periods(&periods)?.ok_or_else(|| Error::new(Fault::Facts, Vec::new()))?;
    scored.sort_by_key(|(_, s)| s.quarter.period);

    let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Error::one(Fault::Facts, AppError::YearOutOfRange { year }))?;
    let version = policies.in_force(start, &year.to_string())?.clone();
    let policy = &version.policy;
    if policy.staff.annual.is_none() && policy.window.annual.is_none() {
        let version = VersionName::of(&version.dir, version.policy.effective);
        return Err(Error::one(Fault::Policy, AppError::NoAnnualRules { version }));
    }
    let quarters: Vec<ScoredQuarter<'_>> = scored
        .iter()
        .map(|(_, s)| ScoredQuarter { policy: &s.version.policy, quarter: &s.quarter, results: &s.results })
        .collect();
    let results = roll_up(policy, year, &quarters);
    drop(quarters);
    let quarters = scored.into_iter().map(|(_, s)| s).collect();
    Ok((policies, Year { year, version, quarters, results }))
}

/// Collect `f` into the run's failure.
fn add(failure: &mut Option<Error>, f: Error) {
    match failure {
        Some(all) => all.join(f),
        None => *failure = Some(f),
    }
}

/// All quarters of one year, each once; returns the year (`None` when no
/// file's period could be read: scoring says why). A year's file is refused
/// here too.
fn check_periods(files: &[(&PathBuf, Option<Period>)]) -> Result<Option<i32>, Error> {
    let mut errors: Vec<Problem> = Vec::new();
    let mut year = None;
    let mut seen: Vec<(Period, &PathBuf)> = Vec::new();
    for &(path, period) in files {
        let Some(period) = period else { continue };
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
    if errors.is_empty() {
        Ok(year.map(|(y, _)| y))
    } else {
        Err(Error::new(Fault::Facts, errors))
    }
}
