//! `kaohe report`: what the bureau publishes. One quarter's facts make the
//! quarter's 《考核通报》; several quarters of one year make the year's. The
//! page is HTML; a PDF is the same page printed by a headless Chromium
//! (`output::pdf`); a spreadsheet is the same results as a workbook.

use std::path::{Path, PathBuf};

use miette::Report;

use super::error::{Error, Fault};
use super::period::{score_file, Scored};
use super::year::{score_year, Year};
use crate::eval::annual::ScoredQuarter;
use crate::output::pdf;
use crate::render::bulletin::{self, Issue};

/// A period scored, or a year rolled up: what a report is made from.
pub enum Scoring {
    Period(Box<Scored>),
    Year(Box<Year>),
}

impl Scoring {
    /// For stderr: what was scored, and by which version.
    pub fn summaries(&self) -> Vec<String> {
        match self {
            Scoring::Period(scored) => vec![scored.summary()],
            Scoring::Year(year) => {
                let mut lines: Vec<String> = year.quarters.iter().map(Scored::summary).collect();
                lines.push(format!("year {} rolled up by policy {}", year.year, year.version.describe()));
                lines
            }
        }
    }
}

/// One facts file is a period; two to four are the quarters of a year.
pub fn score(policy: &Path, facts: &[PathBuf]) -> Result<Scoring, Error> {
    match facts {
        [one] => score_file(policy, one).map(|s| Scoring::Period(Box::new(s))),
        [] => Err(Error::new(Fault::Usage, vec![miette::miette!("give the period's facts with `--facts FILE`")])),
        many => score_year(policy, many).map(|y| Scoring::Year(Box::new(y))),
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
    };
    page.map_err(|err| Error::io(err.to_string()))
}

/// The bulletin printed to PDF by the browser found on this machine.
pub fn pdf(scoring: &Scoring, issue: &Issue) -> Result<Vec<u8>, Error> {
    let page = html(scoring, issue)?;
    let browser =
        pdf::find_browser().ok_or_else(|| Error::new(Fault::Io, vec![Report::new(pdf::PdfError::NoBrowser)]))?;
    pdf::print(&browser, &page).map_err(|err| Error::new(Fault::Io, vec![Report::new(err)]))
}
