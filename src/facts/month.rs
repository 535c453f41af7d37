//! A month's attendance as the 《考勤通报》 reads it (第十七条(三)): each
//! person's facts of the month and the dated evidence behind each. Read by
//! `app::attendance` from a month's facts file.

use rust_decimal::Decimal;

/// One dated item of evidence: what made a fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub date: String,
    pub note: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub window: String,
    pub role: String,
    /// (fact id, count or days, evidence) for each fact given.
    pub facts: Vec<(String, Decimal, Vec<Item>)>,
}

#[derive(Debug, Clone)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    /// (id, name) of each window, in input order.
    pub windows: Vec<(String, String)>,
    pub staff: Vec<Person>,
}
