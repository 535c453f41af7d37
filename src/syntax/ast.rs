//! The syntax tree of one `.rules` file, as written: names are not resolved
//! and kinds are not checked yet (that is `check`'s work). Every node carries
//! the span of the text it came from, so a later error can point at it.

use rust_decimal::Decimal;

use crate::source::Span;

/// A name or a label with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

pub type Name = Spanned<String>;
pub type Number = Spanned<Decimal>;

#[derive(Debug, Clone)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Policy(PolicyDecl),
    /// `source "…"`: the path of the document the policy encodes, as written.
    Source(Spanned<String>),
    /// `readings "…"`: the path of the file that explains the policy's readings.
    Readings(Spanned<String>),
    Levels(Vec<LevelDecl>),
    Subject(Box<Subject>),
    /// The calendar, the schedule and the counting rules (`syntax::records`).
    Records(Box<super::records::Block>),
}

/// `policy "…" effective 2026-01-01`
#[derive(Debug, Clone)]
pub struct PolicyDecl {
    pub name: Spanned<String>,
    pub effective: Option<Spanned<chrono::NaiveDate>>,
}

#[derive(Debug, Clone)]
pub struct LevelDecl {
    pub name: Name,
    pub label: Spanned<String>,
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub name: Name,
    pub label: Spanned<String>,
    pub total: Number,
    /// `annex [附件1] "《…》"`: the annex table it encodes.
    pub annexes: Vec<Annex>,
    pub roles: Vec<Decl>,
    pub attributes: Vec<FactDecl>,
    pub facts: Vec<FactDecl>,
    pub categories: Vec<Category>,
    pub penalties: Vec<Section>,
    pub bonus: Vec<Section>,
    pub grades: Vec<Band>,
    /// The `grades` keyword of each grades block, to point at a duplicate.
    pub grades_blocks: Vec<Span>,
    pub vetoes: Vec<Veto>,
    pub flags: Vec<Flag>,
    /// `labels for …` blocks: the grade words of a staff type.
    pub label_sets: Vec<LabelSet>,
    /// The `honours` proposed each period.
    pub honours: Vec<Honour>,
    pub annual: Vec<Annual>,
    pub span: Span,
}

/// A role: `chief_rep "首席代表"`.
#[derive(Debug, Clone)]
pub struct Decl {
    pub name: Name,
    pub label: Spanned<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Count,
    Days,
    Amounts,
    Levels,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Days => "days",
            Kind::Amounts => "amounts",
            Kind::Levels => "levels",
        }
    }
}

/// A fact or an attribute: `rude_conduct "态度冷漠" amounts 5-10`.
#[derive(Debug, Clone)]
pub struct FactDecl {
    pub name: Name,
    pub label: Spanned<String>,
    pub kind: Spanned<Kind>,
    pub range: Option<Range>,
    /// `among prohibited_acts`: never more than that fact.
    pub among: Option<Name>,
}

#[derive(Debug, Clone)]
pub struct Range {
    pub min: Number,
    pub max: Number,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub name: Name,
    pub label: Spanned<String>,
    pub points: Number,
    pub readings: Vec<ReadingNote>,
    pub rules: Vec<Rule>,
    pub averages: Vec<Average>,
    pub span: Span,
}

/// A `penalties` or `bonus` block.
#[derive(Debug, Clone)]
pub struct Section {
    pub label: Spanned<String>,
    pub rules: Vec<Rule>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Deduct,
    Add,
}

#[derive(Debug, Clone)]
pub enum Amount {
    /// `3 each`, `0.5 each beyond 6`
    Each { points: Number, beyond: Option<Number> },
    /// `10 per day`
    PerDay { points: Number },
    /// `as assessed`
    AsAssessed,
    /// `by level county 2, city 3`
    ByLevel(Vec<(Name, Number)>),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub fact: Name,
    /// `in window`: the quantity is the sum of the fact over the record's window.
    pub in_window: Option<Span>,
    pub direction: Spanned<Direction>,
    pub amount: Spanned<Amount>,
    pub to_role: Option<Name>,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// `average of staff attendance weighted by workdays, rounded to 2 places`
#[derive(Debug, Clone)]
pub struct Average {
    pub subject: Name,
    pub category: Name,
    pub weight: Name,
    pub places: Number,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// `basic "基本称职" from 60 below 80`, or a chosen grade
/// `excellent "优秀" chosen from competent, at most 15%`.
#[derive(Debug, Clone)]
pub struct Band {
    pub name: Name,
    pub label: Spanned<String>,
    pub from: Option<Number>,
    pub below: Option<Number>,
    pub quota: Option<Quota>,
    /// The clause a band of totals encodes (a chosen grade's is its quota's).
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// `chosen from competent, at most 15%`
#[derive(Debug, Clone)]
pub struct Quota {
    pub from: Name,
    /// The share, in percent.
    pub percent: Number,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
}

/// `not excellent when days_away >= 5`
#[derive(Debug, Clone)]
pub struct Veto {
    pub grade: Name,
    pub condition: Condition,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// `return_to_unit "退回原单位" when prohibited_serious > 0`
#[derive(Debug, Clone)]
pub struct Flag {
    pub name: Name,
    pub label: Spanned<String>,
    pub condition: Condition,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// An `annual { … }` block.
#[derive(Debug, Clone)]
pub struct Annual {
    pub totals: Vec<AnnualTotal>,
    pub not_assessed: Vec<Gate>,
    pub vetoes: Vec<Veto>,
    pub flags: Vec<Flag>,
    pub span: Span,
}

/// `total mean of quarters, rounded to 2 places`
#[derive(Debug, Clone)]
pub struct AnnualTotal {
    pub places: Number,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

/// `not assessed when months_in_hall < 6`
#[derive(Debug, Clone)]
pub struct Gate {
    pub condition: Condition,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub kind: ConditionKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ConditionKind {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    /// `role chief_rep`
    Role(Name),
    /// `grade unfit`, `grade red_flag in every quarter`
    Grade {
        grade: Name,
        every_quarter: bool,
    },
    /// `absent_days + unsigned_leave_days >= 3`
    Compare {
        terms: Vec<Quantity>,
        op: Spanned<Comparator>,
        value: Number,
    },
}

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
}

/// What a comparison sums: `red_yellow_cards in window`.
#[derive(Debug, Clone)]
pub struct Quantity {
    pub name: Name,
    pub scope: QuantityScope,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityScope {
    Own,
    /// `in window`: over the staff member's window.
    InWindow,
    /// `of staff`: over the window's staff.
    OfStaff,
}

/// What may follow a line's cite and wording: the table row's own words and
/// the readings it makes.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub row: Option<RowText>,
    pub readings: Vec<ReadingNote>,
}

/// `row "考核要求" "增减分值"`
#[derive(Debug, Clone)]
pub struct RowText {
    pub requirement: Spanned<String>,
    pub scoring: Spanned<String>,
    pub span: Span,
}

/// `reading desk_visiting "…"`, or `reading desk_visiting` for one given elsewhere.
#[derive(Debug, Clone)]
pub struct ReadingNote {
    pub name: Name,
    pub text: Option<Spanned<String>>,
    pub span: Span,
}

/// `annex [附件1] "《…》"`
#[derive(Debug, Clone)]
pub struct Annex {
    pub cite: Spanned<String>,
    pub title: Spanned<String>,
    pub span: Span,
}

/// `labels for institution "事业单位人员" [第十八条] "…" { competent "合格" … }`
#[derive(Debug, Clone)]
pub struct LabelSet {
    pub name: Name,
    pub label: Spanned<String>,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub readings: Vec<ReadingNote>,
    pub labels: Vec<Decl>,
    pub span: Span,
}

/// `star_staff "明星个人" proposed from excellent [when …], at most 3`
#[derive(Debug, Clone)]
pub struct Honour {
    pub name: Name,
    pub label: Spanned<String>,
    pub from: Name,
    pub condition: Option<Condition>,
    pub limit: Number,
    pub cite: Option<Spanned<String>>,
    pub wording: Option<Spanned<String>>,
    pub notes: Notes,
    pub span: Span,
}
