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
    Policy(Spanned<String>),
    Levels(Vec<LevelDecl>),
    Subject(Box<Subject>),
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
    pub roles: Vec<Decl>,
    pub attributes: Vec<FactDecl>,
    pub facts: Vec<FactDecl>,
    pub categories: Vec<Category>,
    pub penalties: Vec<Section>,
    pub bonus: Vec<Section>,
    pub grades: Vec<Band>,
    /// The `grades` keyword of each grades block, to point at a duplicate.
    pub grades_blocks: Vec<Span>,
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
    pub span: Span,
}

/// `basic "基本称职" from 60 below 80`
#[derive(Debug, Clone)]
pub struct Band {
    pub name: Name,
    pub label: Spanned<String>,
    pub from: Option<Number>,
    pub below: Option<Number>,
    pub span: Span,
}
