//! Stage 0, the hall's records → facts with evidence (`kaohe gather`):
//! the tables of docs/records.md (punches, leave, exemptions, the findings
//! log, cases, reviews, with the roster and the windows), read from a
//! folder of CSV files or one `.xlsx` workbook ([`crate::source::table`]),
//! counted by the policy's own counting rules and calendar
//! ([`crate::policy::records`]), into the facts of one period, each fact
//! with the dated items that made it and where each is in the tables.
//!
//! Every rejected row is reported, with its place, before anything is
//! counted; a record outside a person's days in the hall is left out and
//! counted in a note, never dropped silently.

mod count;
mod error;
mod read;

use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use error::RecordsError;

use crate::facts::{Period, Value};
use crate::policy::Policy;
use crate::source::table::Position;

/// One period's facts, gathered.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub period: Period,
    pub windows: Vec<Gathered1>,
    pub staff: Vec<Gathered1>,
    /// What was left out and why, for stderr: `打卡 12 条在期间之外，未计`.
    pub notes: Vec<String>,
}

/// One window's or staff member's facts and their evidence.
#[derive(Debug, Clone, Default)]
pub struct Gathered1 {
    pub id: String,
    pub name: String,
    /// For staff: the window's id, the role's id, when they joined, and
    /// whether they are 事业单位 staff.
    pub window: Option<String>,
    pub role: Option<String>,
    pub joined: Option<NaiveDate>,
    pub institution: bool,
    /// The attributes gather counts (`workdays`, `days_away`), by index
    /// among the staff attributes.
    pub attributes: Vec<(usize, Decimal)>,
    /// Every fact that is not zero, by its index in the subject, in policy order.
    pub facts: Vec<(crate::policy::FactId, Value)>,
    /// For each fact of `facts`, what made it.
    pub evidence: Vec<(crate::policy::FactId, Vec<Evidence>)>,
}

/// One item of what made a fact: `2026-07-03`, `上午签到 09:07（应不晚于
/// 08:55）`, `punches.csv:118`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub date: NaiveDate,
    pub note: String,
    pub source: Position,
}

/// Read the records at `path` (a folder of CSV files or an `.xlsx`
/// workbook) and count one period's facts by `policy`'s counting rules.
pub fn gather(policy: &Policy, path: &Path, period: Period) -> Result<Gathered, Vec<RecordsError>> {
    count::gather(policy, path, period)
}
