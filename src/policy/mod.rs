//! The checked policy: every name resolved to an index, every rule known to
//! fit its fact. This is what `check` produces and `eval` consumes; nothing
//! here refers back to syntax, so evaluation cannot meet an unchecked rule.
//!
//! [`versions`] holds a policy's versions and picks the one in force for a
//! period; [`diff`] is what differs between two policies, [`cases`] what a
//! policy's own test cases found.

pub mod error;
pub mod versions;

pub use error::VersionError;
pub use versions::{Policies, Version};

use rust_decimal::Decimal;

pub mod calendar;
pub mod cases;
pub mod diff;
pub mod records;

#[derive(Debug, Clone)]
pub struct Policy {
    pub name: String,
    /// The first day this version is in force, when the policy says.
    pub effective: Option<chrono::NaiveDate>,
    /// The levels a `levels` fact counts by (县级, 市级, …), in declared order.
    pub levels: Vec<Label>,
    /// Every reading the policy makes, in order of first mention.
    pub readings: Vec<Reading>,
    /// The file name of the policy's `readings "…"`, where they are explained.
    pub readings_file: Option<String>,
    pub staff: Subject,
    pub window: Subject,
    /// How the hall's record tables become facts, when the policy says.
    pub records: Option<records::Records>,
    /// The workdays of each year the policy has a notice for.
    pub calendar: calendar::Calendar,
}

/// `reading desk_visiting "…"`: where the encoding departs from the
/// document's wording, what was chosen and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub id: String,
    pub text: String,
}

/// An id as written in the policy and the facts, and its Chinese label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub name: Label,
    /// The declared total of the categories' points (100).
    pub total: Decimal,
    /// The annex table the subject encodes: `附件1` and its title.
    pub annex: Option<Annex>,
    /// The rows of that table (or any other) whose words the policy gives:
    /// `row "考核要求" "增减分值"`, one per cite.
    pub rows: Vec<TableRow>,
    pub roles: Vec<Label>,
    /// Numbers read from the record itself, such as `workdays`.
    pub attributes: Vec<Fact>,
    pub facts: Vec<Fact>,
    pub categories: Vec<Category>,
    pub penalties: Option<Label>,
    pub bonus: Option<Label>,
    /// Every rule of the subject, grouped by the part it scores, in policy order.
    pub rules: Vec<Rule>,
    /// Grade bands, then chosen grades (`excellent`), in policy order.
    pub grades: Vec<Band>,
    /// Who may not be chosen for a chosen grade this period.
    pub vetoes: Vec<Veto>,
    /// Outcomes beside the grade, such as 退回原单位.
    pub flags: Vec<Flag>,
    /// The words a staff type is graded in (第十八条: 事业单位人员).
    pub label_sets: Vec<LabelSet>,
    /// Honours proposed each period, never grades (明星个人).
    pub honours: Vec<Honour>,
    pub annual: Option<AnnualRules>,
}

/// `annex [附件1] "《…考核评分细则》"`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex {
    pub cite: String,
    pub title: String,
}

/// One row of an annex table, as the document words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// `附件1/出勤值勤/1`
    pub cite: String,
    /// 考核要求
    pub requirement: String,
    /// 增减分值
    pub scoring: String,
}

/// `labels for institution "事业单位人员" { competent "合格" … }`
#[derive(Debug, Clone)]
pub struct LabelSet {
    pub name: Label,
    /// The label of each grade, indexed like `Subject::grades` (by [`GradeId`]).
    pub labels: Vec<String>,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

/// `star_staff "明星个人" proposed from excellent when role chief_rep, at most 3`:
/// of the records with grade `from` (and the condition), highest total
/// first, at most `limit`; a group tied at the cut is left out whole.
#[derive(Debug, Clone)]
pub struct Honour {
    pub name: Label,
    pub from: GradeId,
    pub condition: Option<Condition>,
    pub limit: usize,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub name: Label,
    pub kind: FactKind,
    /// `among prohibited_acts`: the index of the fact it can never exceed.
    pub among: Option<FactId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// A whole number ≥ 0.
    Count,
    /// A number ≥ 0 in steps of 0.5.
    Days,
    /// A list of assessed points, each in `min..=max`.
    Amounts { min: Decimal, max: Decimal },
    /// Counts per declared level.
    Levels,
}

impl FactKind {
    pub fn word(&self) -> &'static str {
        match self {
            FactKind::Count => "count",
            FactKind::Days => "days",
            FactKind::Amounts { .. } => "amounts",
            FactKind::Levels => "levels",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Category {
    pub name: Label,
    pub points: Decimal,
    /// Set when the category is not scored by rules but averaged from the
    /// members' scores (the window's 工作考勤).
    pub average: Option<Average>,
    pub readings: Vec<usize>,
}

/// `average of staff attendance weighted by workdays, rounded to 2 places`
#[derive(Debug, Clone)]
pub struct Average {
    /// Index of the averaged category among the staff categories.
    pub category: usize,
    /// Index of the weighting attribute among the staff attributes.
    pub weight: usize,
    pub places: u32,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

/// Which part of the score a rule moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Category(usize),
    Penalties,
    Bonus,
}

/// A fact's index in its subject's `facts` (`late_early_away`,
/// `absent_days`), which is also where a record keeps its value: a type of
/// its own, so that a level's, an attribute's or a record's index cannot be
/// taken for it (`Record::substituted(fact, level)`, `StaffSums::get(fact,
/// window)`).
///
/// ```
/// use kaohe::facts::Record;
/// use kaohe::policy::FactId;
///
/// fn from_substitutes(record: &Record, fact: FactId, level: usize) -> rust_decimal::Decimal {
///     record.substituted(fact, Some(level))
/// }
/// ```
///
/// and a level's index in its place does not compile:
///
/// ```compile_fail
/// use kaohe::facts::Record;
///
/// fn from_substitutes(record: &Record, level: usize) -> rust_decimal::Decimal {
///     record.substituted(level, None)
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactId(pub usize);

impl FactId {
    pub fn index(self) -> usize {
        self.0
    }
}

/// A role's index in its subject's `roles` (the staff's `chief_rep`,
/// `operator`): a type of its own, so that it cannot be taken for a fact's,
/// a grade's or a record's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleId(pub usize);

impl RoleId {
    pub fn index(self) -> usize {
        self.0
    }
}

/// A grade's index in its subject's `grades` (a band such as `competent`,
/// or a chosen grade such as `excellent`), and in a label set's `labels`:
/// a type of its own, so that a record's index, a rank or a count cannot be
/// taken for a grade (`vetoed(record, grade)`, `view(record, grade)`), nor a
/// staff type's index for the grade it labels (`grade_label(grade, staff_type)`).
///
/// ```
/// use kaohe::eval::Standing;
/// use kaohe::policy::Subject;
///
/// fn grade_label<'s>(subject: &'s Subject, standing: &Standing) -> &'s str {
///     subject.grade_label(standing.grade, None)
/// }
/// ```
///
/// A rank (or any other count or index) in its place does not compile:
///
/// ```compile_fail
/// use kaohe::eval::Standing;
/// use kaohe::policy::Subject;
///
/// fn grade_label<'s>(subject: &'s Subject, standing: &Standing) -> &'s str {
///     subject.grade_label(standing.rank, None)
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GradeId(pub usize);

impl GradeId {
    pub fn index(self) -> usize {
        self.0
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id for traces: `attendance.midday_leaves`.
    pub id: String,
    pub part: Part,
    pub fact: FactId,
    /// Whose facts count: the record's own, or all staff of its window.
    pub scope: Scope,
    /// Only records with this role are moved by the rule.
    pub role: Option<RoleId>,
    pub measure: Measure,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Own,
    Window,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// `points` (signed) for each unit of the quantity beyond `beyond`.
    Each { points: Decimal, beyond: Decimal },
    /// The assessed amounts themselves, times `sign` (−1 deducts, +1 adds).
    Assessed { sign: Decimal },
    /// Signed points per case at each level, indexed like `Policy::levels`.
    ByLevel(Vec<Decimal>),
}

/// A grade: a band of totals `from..below` (either end open), or, with a
/// quota, chosen from another band.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: Label,
    pub from: Option<Decimal>,
    pub below: Option<Decimal>,
    pub quota: Option<Quota>,
    /// The clause a band encodes (a chosen grade's is its quota's).
    pub cite: Option<String>,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

impl Band {
    /// Whether a total falls in this band; a chosen grade holds none by itself.
    pub fn contains(&self, total: Decimal) -> bool {
        self.quota.is_none()
            && self.from.is_none_or(|from| total >= from)
            && self.below.is_none_or(|below| total < below)
    }
}

/// `chosen from competent, at most 15%`: of the records in band `from`,
/// highest total first, at most ⌊percent% × records assessed⌋.
#[derive(Debug, Clone)]
pub struct Quota {
    pub from: GradeId,
    pub percent: Decimal,
    pub cite: String,
    pub wording: Option<String>,
}

/// Not eligible for a chosen grade when the condition holds.
#[derive(Debug, Clone)]
pub struct Veto {
    pub grade: GradeId,
    pub condition: Condition,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Flag {
    pub name: Label,
    pub condition: Condition,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

/// How quarters make a year.
#[derive(Debug, Clone)]
pub struct AnnualRules {
    /// The annual total is the mean of the quarterly totals, rounded.
    pub places: u32,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
    /// Not assessed for the year when any holds.
    pub not_assessed: Vec<Gate>,
    pub vetoes: Vec<Veto>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone)]
pub struct Gate {
    pub condition: Condition,
    pub cite: String,
    pub wording: Option<String>,
    pub readings: Vec<usize>,
}

/// A finite tree of tests: evaluating it always terminates.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    Role(RoleId),
    /// The record's (final) grade; with `every_quarter`, its grade in each
    /// of the year's four quarters.
    Grade {
        grade: GradeId,
        every_quarter: bool,
    },
    Compare {
        terms: Vec<Term>,
        op: Comparator,
        value: Decimal,
    },
}

/// How a condition compares its sum with its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    AtMost,
    Above,
    Below,
    Equal,
    NotEqual,
}

impl Comparator {
    /// As the policy writes it: `>=`, `<`, `!=`.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::Above => ">",
            Comparator::Below => "<",
            Comparator::Equal => "=",
            Comparator::NotEqual => "!=",
        }
    }

    pub fn holds(self, left: Decimal, right: Decimal) -> bool {
        match self {
            Comparator::AtLeast => left >= right,
            Comparator::AtMost => left <= right,
            Comparator::Above => left > right,
            Comparator::Below => left < right,
            Comparator::Equal => left == right,
            Comparator::NotEqual => left != right,
        }
    }
}

/// A number a condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// A fact of the record (counts and days as they are, amounts as the
    /// number of cases, levels as all levels together), over `scope`.
    Fact { fact: FactId, scope: TermScope },
    /// An attribute of the record, such as `days_away`.
    Attribute(usize),
    /// Months in the hall during the year (annual only).
    MonthsInHall,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermScope {
    Own,
    /// Summed over the staff member's window.
    Window,
    /// Summed over the window's staff (a window's condition on staff facts).
    Staff,
}

impl Subject {
    pub fn fact_index(&self, name: &str) -> Option<FactId> {
        self.facts.iter().position(|f| f.name.id == name).map(FactId)
    }

    pub fn attribute_index(&self, name: &str) -> Option<usize> {
        self.attributes.iter().position(|f| f.name.id == name)
    }

    pub fn role_index(&self, name: &str) -> Option<RoleId> {
        self.roles.iter().position(|r| r.id == name).map(RoleId)
    }

    /// A role's id and label.
    pub fn role(&self, role: RoleId) -> Option<&Label> {
        self.roles.get(role.0)
    }

    /// The band of a total: the first band that holds it (check proves one does).
    pub fn grade(&self, total: Decimal) -> Option<GradeId> {
        self.grades.iter().position(|band| band.contains(total)).map(GradeId)
    }

    pub fn grade_index(&self, name: &str) -> Option<GradeId> {
        self.grades.iter().position(|g| g.name.id == name).map(GradeId)
    }

    /// A grade's name, totals or quota.
    pub fn band(&self, grade: GradeId) -> Option<&Band> {
        self.grades.get(grade.0)
    }

    /// The words of the annex row a cite names, if the policy gives them.
    pub fn row(&self, cite: &str) -> Option<&TableRow> {
        self.rows.iter().find(|r| r.cite == cite)
    }

    pub fn label_set_index(&self, name: &str) -> Option<usize> {
        self.label_sets.iter().position(|s| s.name.id == name)
    }

    /// A grade's label as a record of this staff type is graded in:
    /// `合格` for an institution's `competent`, else the grade's own `称职`.
    pub fn grade_label(&self, grade: GradeId, staff_type: Option<usize>) -> &str {
        let own = self.band(grade).map_or("", |g| g.name.label.as_str());
        staff_type.and_then(|t| self.label_sets.get(t)).and_then(|s| s.labels.get(grade.0)).map_or(own, String::as_str)
    }

    pub fn part_label(&self, part: Part) -> &Label {
        match part {
            Part::Category(i) => &self.categories[i].name,
            Part::Penalties => self.penalties.as_ref().unwrap_or(&self.name),
            Part::Bonus => self.bonus.as_ref().unwrap_or(&self.name),
        }
    }
}
