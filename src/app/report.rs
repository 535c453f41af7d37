//! `kaohe report`: what the bureau publishes. One quarter's facts make the
//! quarter's 《考核通报》; several quarters of one year make the year's; a
//! month's facts make that month's 《考勤通报》. The
//! page is HTML; a PDF is the same page printed by a headless Chromium
//! (`output::pdf`); a spreadsheet is the same results as a workbook.

use std::path::{Path, PathBuf};

use super::attendance::Attendance;
use super::error::{AppError, Error, Fault, Made};
use super::load::Loaded;
use super::period::Scored;
use super::year::{score_year, Year};
use crate::eval::annual::ScoredQuarter;
use crate::facts::Period;
use crate::output::{pdf, OutputError};
use crate::render::bulletin::{self, Issue};
use crate::render::Note;

/// A period scored, or a year rolled up: what a report is made from.
pub enum Scoring {
    Period(Box<Scored>),
    Year(Box<Year>),
    /// A month's attendance (the 考勤通报): counted, not scored.
    Month(Box<Attendance>),
}

impl Scoring {
    /// For stderr: what was scored, and by which version.
    pub fn summaries(&self) -> Vec<Note> {
        match self {
            Scoring::Period(scored) => vec![scored.summary()],
            Scoring::Month(month) => vec![Note::Counted {
                period: month.month.period,
                staff: month.month.staff.len(),
                by: (&month.version).into(),
            }],
            Scoring::Year(year) => year.summaries(),
        }
    }
}

/// One facts file is a period (a quarter, or a month); two to four are the
/// quarters of a year. Returns the policy directory read too: its warnings
/// and its files.
pub fn score(policy: &Path, facts: &[PathBuf]) -> Result<(Loaded, Scoring), Error> {
    match facts {
        [one] if crate::facts::sheet::is_summary(one) => {
            let mut policies = super::period::load(policy)?;
            let scored = super::period::score_summary(&mut policies, super::period::open_summary(one)?)?;
            Ok((policies, Scoring::Period(Box::new(scored))))
        }
        [one] => {
            let file = super::period::read_facts(one)?;
            let mut policies = super::period::load(policy)?;
            // A file that gives its period first and is not a month's is
            // read in one pass, as `eval` reads it.
            if crate::facts::leading_period(&file).is_some_and(|p| !matches!(p, Period::Month { .. })) {
                let scored = super::period::score_owned(&mut policies, file)?;
                return Ok((policies, Scoring::Period(Box::new(scored))));
            }
            let root = crate::facts::parse(&file).map_err(super::period::facts_error)?;
            if let Some(Period::Month { .. }) = crate::facts::peek_period(&root) {
                let month = super::attendance::load(&mut policies, &file, root)?;
                return Ok((policies, Scoring::Month(Box::new(month))));
            }
            let scored = super::period::score_root(&mut policies, &file, root)?;
            Ok((policies, Scoring::Period(Box::new(scored))))
        }
        [] => Err(Error::one(Fault::Usage, AppError::NoFacts)),
        many => score_year(policy, many).map(|(policies, y)| (policies, Scoring::Year(Box::new(y)))),
    }
}

/// The year's quarters as the roll-up reads them.
pub fn quarters(year: &Year) -> Vec<ScoredQuarter<'_>> {
    year.quarters
        .iter()
        .map(|s| ScoredQuarter { policy: &s.version.policy, quarter: &s.quarter, results: &s.results })
        .collect()
}

/// The bulletin as one self-contained HTML page.
pub fn html(scoring: &Scoring, issue: &Issue) -> Result<String, Error> {
    let page = match scoring {
        Scoring::Period(s) => bulletin::quarter_html(&s.version.policy, &s.quarter, &s.results, issue),
        Scoring::Year(y) => bulletin::year_html(&y.version.policy, &y.results, &quarters(y), issue),
        Scoring::Month(m) => crate::render::attendance::month_html(&m.version.policy, &m.month, issue),
    };
    page.map_err(|err| Error::one(Fault::Io, AppError::NotMade { what: Made::Page, reason: Some(err.to_string()) }))
}

/// The bulletin printed to PDF by the browser found on this machine.
pub fn pdf(scoring: &Scoring, issue: &Issue) -> Result<Vec<u8>, Error> {
    let page = html(scoring, issue)?;
    let browser = pdf::find_browser().ok_or_else(|| Error::one(Fault::Io, OutputError::NoBrowser))?;
    pdf::print(&browser, &page).map_err(|err| Error::one(Fault::Io, err))
}
