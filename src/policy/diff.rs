//! The structural difference of two policies, as data: every part of a
//! policy added, removed or changed, and the facts only one of the two
//! knows. `app::diff` finds them; `render` words them.

use super::Label;

/// Which policy of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `--from`
    Old,
    /// `--to`
    New,
}

/// A fact (or attribute) that one policy knows and the other does not:
/// the other reads it from the facts file and scores it as zero, since it
/// has no rule about it.
#[derive(Debug, Clone)]
pub struct OneSided {
    /// `staff` or `window`.
    pub subject: &'static str,
    pub fact: Label,
    /// The policy that knows it.
    pub known_to: Side,
    /// How many records of the facts file give it.
    pub records: usize,
}

/// One part of the policy (a rule, a fact, a grade, a reading, a holiday…)
/// that the two policies do not have alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `policy`, `staff`, `window` or `records`.
    pub subject: &'static str,
    /// `rule`, `fact`, `grade`, `row`, `reading`, `calendar`, …
    pub kind: &'static str,
    /// What the part is matched by between the two: a rule's id, a row's cite.
    pub key: String,
    pub what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// The part as the new policy writes it.
    Added(String),
    /// The part as the old policy writes it.
    Removed(String),
    /// (field, old, new) for each field that differs; an absent field is empty.
    Changed(Vec<(&'static str, String, String)>),
}
