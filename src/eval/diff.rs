//! One period scored by two policies, compared, as data: the policies'
//! structural changes, and every record whose total or grade moves.
//! `app::diff` scores and compares; `render` words the result.

use std::path::Path;

use rust_decimal::Decimal;

use crate::facts::{Quarter, Record};
use crate::policy::diff::{Change, OneSided};
use crate::policy::{Label, Version};

/// The two sides of a diff, and what changed between them.
pub struct Diff<'a> {
    /// The policy directories as given (`--from`, `--to`).
    pub from: &'a Path,
    pub to: &'a Path,
    /// The version of each in force for the period.
    pub old: &'a Version,
    pub new: &'a Version,
    /// The period's facts, as the new policy read them (both read one file).
    pub quarter: &'a Quarter,
    pub changes: &'a [Change],
    /// The facts only one side knows, each scored as zero by the other.
    pub one_sided: &'a [OneSided],
    pub staff: Records<'a>,
    pub windows: Records<'a>,
}

/// The records of one subject: how many, and those that move.
pub struct Records<'a> {
    pub assessed: usize,
    /// Largest change first; equal changes in the facts file's order.
    pub moved: Vec<Moved<'a>>,
    pub unchanged: usize,
}

/// A record whose total or grade moves.
pub struct Moved<'a> {
    pub record: &'a Record,
    pub old_total: Decimal,
    pub new_total: Decimal,
    pub delta: Decimal,
    pub old_grade: Option<&'a Label>,
    pub new_grade: Option<&'a Label>,
}
