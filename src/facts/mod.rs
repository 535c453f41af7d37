//! Stage 3, facts JSON → [`Quarter`]: reads one period's facts file against
//! a checked policy. Every value is validated against the kind its policy
//! declares (a count is whole, days come in halves, an amount lies in its
//! range, a level is declared), and every problem in the file is reported
//! with the record, the field and the line and column.

mod error;
pub mod json;
mod load;
mod period;

pub use error::FactsError;
pub use load::load;
pub use period::Period;

use rust_decimal::Decimal;

/// One period's records, in input order.
#[derive(Debug, Clone)]
pub struct Quarter {
    pub period: Period,
    pub windows: Vec<Record>,
    pub staff: Vec<Record>,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub name: String,
    /// For staff: the index of their window in `Quarter::windows`.
    pub window: Option<usize>,
    /// For staff: the index of their role in the policy's roles.
    pub role: Option<usize>,
    /// One value per policy attribute (absent means zero).
    pub attributes: Vec<Decimal>,
    /// The facts given, sorted by the fact's index in the policy. Absent
    /// facts are zero, so most records hold only a handful.
    pub facts: Vec<(usize, Value)>,
}

impl Record {
    pub fn fact(&self, index: usize) -> Option<&Value> {
        self.facts.iter().find(|(i, _)| *i == index).map(|(_, v)| v)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count or a number of days.
    Number(Decimal),
    /// Each assessed amount, in the order given.
    Amounts(Vec<Decimal>),
    /// (level index, count) for each level given, in policy order.
    Levels(Vec<(usize, Decimal)>),
}
