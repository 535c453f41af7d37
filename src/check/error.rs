//! Everything the check stage can say about a policy, and how it says it,
//! in Chinese and English: the errors that refuse a policy
//! ([`CheckError`]), the lints' warnings about one that is probably not
//! what its author meant ([`Warning`]), and what a cite misses in the
//! source document ([`Miss`]). Each is data; the span beside it
//! (`Located`) points at the text in the `.rules` file.

use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;

use crate::source::diagnostic::{list, Diagnostic, Lang, Severity, Text};
use crate::source::{IoReason, Span};
use crate::suggest::Suggestion;

/// A policy that parses but does not make sense: an undeclared name, a rule
/// that does not fit its fact, a duplicate, a missing cite.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckError {
    /// A name declared twice; `first` is where the first is, when in the
    /// same file, and `first_file` the file it is in, when not.
    Duplicate {
        what: Declared,
        name: String,
        first: Option<Span>,
        first_file: Option<String>,
    },
    UnknownSubject {
        name: String,
        suggestion: Option<Suggestion>,
    },
    /// `subject`: `staff` or `window`.
    MissingSubject {
        subject: &'static str,
    },
    RoleOfWindow,
    AttributeNotNumber {
        attribute: String,
    },
    SecondAverage,
    AverageWithRules {
        category: String,
    },
    AverageInStaff,
    AddInCategory {
        category: String,
    },
    /// A block that a subject has once, given again.
    BlockTwice {
        block: Block,
    },
    AmountsWithoutRange {
        fact: String,
    },
    /// `kind`: the fact's kind as the policy writes it (`count`).
    RangeOnKind {
        kind: &'static str,
        fact: String,
        min: Decimal,
        max: Decimal,
    },
    TooLarge {
        number: Decimal,
        max: Decimal,
    },
    EmptyCite,
    /// `source` names a file outside the policy: absolute, or more than one
    /// `..` above the directory of its `.rules` files.
    SourceOutside {
        path: String,
    },
    RuleWithoutCite {
        fact: String,
    },
    /// An average, a quota, a veto, a flag, an annual line without its cite.
    NoCite {
        what: Cited,
    },
    UndeclaredFact {
        fact: String,
        suggestion: Option<Suggestion>,
    },
    /// A rule that scores a fact as its kind cannot be: `scored` how it
    /// scores it, `kind` the fact's kind.
    KindMismatch {
        fact: String,
        kind: &'static str,
        scored: Scored,
    },
    LevelTwice {
        level: String,
    },
    UnknownLevel {
        level: String,
        suggestion: Option<Suggestion>,
        levels: Vec<String>,
    },
    InWindowInWindowRule,
    InWindowKind {
        fact: String,
        kind: &'static str,
    },
    UnknownRole {
        role: String,
        suggestion: Option<Suggestion>,
        roles: Vec<String>,
    },
    AverageOfOther {
        subject: String,
    },
    NoStaffCategory {
        category: String,
        suggestion: Option<Suggestion>,
    },
    NoStaffAttribute {
        attribute: String,
        suggestion: Option<Suggestion>,
    },
    BadPlaces,
    NoGrades {
        subject: String,
    },
    EmptyBand {
        grade: String,
        from: Decimal,
        below: Decimal,
    },
    Overlap {
        grade: String,
    },
    /// Totals below the lowest band.
    GapBelow {
        from: Decimal,
    },
    /// Totals between two bands.
    Gap {
        end: Decimal,
        from: Decimal,
    },
    NoBands,
    /// Totals above the highest band.
    GapAbove {
        end: Decimal,
    },
    NoBandToChoose {
        band: String,
        suggestion: Option<Suggestion>,
    },
    QuotaOverAll {
        percent: Decimal,
    },
    VetoOnBand {
        grade: String,
    },
    /// `grades`: the subject's, when the help lists them.
    UnknownGrade {
        grade: String,
        suggestion: Option<Suggestion>,
        grades: Vec<String>,
    },
    NoAnnualTotal,
    AnnualTotalTwice,
    ConditionTooDeep {
        limit: usize,
    },
    NoRoles {
        subject: String,
    },
    VetoTestsGrade,
    EveryQuarterOutsideAnnual,
    OfStaffOutsideWindow,
    InWindowInWindowCondition,
    MonthsInHallOutsideAnnual,
    UndeclaredInCondition {
        name: String,
        what: Quantity,
        suggestion: Option<Suggestion>,
    },
    /// A reading given its text a second time; `first` in the same file, else `first_file`.
    ReadingTextTwice {
        reading: String,
        first: Option<Span>,
        first_file: Option<String>,
    },
    /// A reading named, but never given its text.
    ReadingWithoutText {
        reading: String,
    },
    /// `annex [x]` that names no annex.
    NotAnAnnex {
        cite: String,
    },
    /// `row "…" "…"` on a line whose cite is no table row.
    RowNotATableRow {
        cite: String,
    },
    /// A row's words given twice; `first` where they were first.
    RowTwice {
        cite: String,
        first: Span,
    },
    LabelsInWindow,
    GradeLabelledTwice {
        grade: String,
        staff_type: String,
    },
    /// `at most N` of an honour that is not a whole number up to `max`.
    HonourLimit {
        limit: Decimal,
        max: u64,
    },
    AmongUndeclared {
        fact: String,
        suggestion: Option<Suggestion>,
    },
    AmongItself {
        fact: String,
    },
    /// `fact` (of `kind`) counted among `other` (of `other_kind`), which cannot hold it.
    AmongKinds {
        fact: String,
        kind: &'static str,
        other: String,
        other_kind: &'static str,
    },
    /// The records section's calendar, schedules and counting rows.
    Records(RecordsCheck),
}

impl From<RecordsCheck> for CheckError {
    fn from(error: RecordsCheck) -> CheckError {
        CheckError::Records(error)
    }
}

/// What was declared twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Policy,
    Source,
    Level,
    Subject,
    Category,
    Role,
    Attribute,
    Fact,
    /// A fact named like an attribute, or the other way round.
    Name,
    Grade,
    /// `readings "…"`
    Readings,
    /// `annex […]` of a subject
    Annex,
    /// `labels for TYPE`
    StaffType,
    Honour,
}

/// A block of a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Penalties,
    Bonus,
    Grades,
    Annual,
}

/// What has no cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cited {
    Average,
    Quota,
    Veto,
    Flag,
    AnnualTotal,
    /// A `not assessed` line of `annual`.
    Rule,
    /// A staff type's grade labels (`labels for …`).
    StaffTypeLabels,
    Honour,
}

/// How a rule scores its fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scored {
    Each,
    EachBeyond,
    PerDay,
    AsAssessed,
    ByLevel,
}

/// What a condition named that is not declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// `… of staff`
    StaffFact,
    /// `… in window`
    Fact,
    FactOrAttribute,
}

/// A warning about a policy that checks, and can be scored, but is
/// probably not what its author meant (`kaohe check`).
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The categories of `subject` sum to `sum`, not to `total`; `parts`:
    /// each category's label and points.
    CategoryTotal {
        subject: String,
        sum: Decimal,
        total: Decimal,
        parts: Vec<(String, Decimal)>,
    },
    InvertedRange {
        fact: String,
        min: Decimal,
        max: Decimal,
    },
    /// `attribute`: an attribute, else a fact.
    Unused {
        name: String,
        attribute: bool,
    },
    /// A category of 0 points with `rules` rules: none can move a score.
    ZeroCategory {
        category: String,
        rules: usize,
    },
    /// A second rule on `fact` in one part; `first` is the first rule.
    DuplicateRule {
        fact: String,
        part: RulePart,
        first: Span,
    },
    NoEffect {
        fact: String,
        why: NoEffect,
    },
    /// The `source` document cannot be read: `reason` why (none: not UTF-8).
    SourceUnreadable {
        path: String,
        reason: Option<IoReason>,
    },
    /// A cite that names no place in the source document.
    Cite {
        cite: String,
        miss: Miss,
    },
    /// A wording (or its part `part`, when it leaves some out with `……`)
    /// that is not in the source document.
    WordingNotInDocument {
        part: Option<String>,
    },
    /// A row's cell (`考核要求` or `增减分值`) that is not the document's:
    /// `document` is what the document has.
    CellNotTheDocuments {
        cell: &'static str,
        cite: String,
        document: String,
    },
    /// A table row cited without its words.
    RowWordsMissing {
        cite: String,
    },
    /// Rows of the subject's annex that no line cites.
    RowsNotEncoded {
        annex: String,
        rows: Vec<String>,
    },
    /// The `readings` file cannot be read.
    ReadingsFileUnreadable {
        path: String,
        reason: IoReason,
    },
    /// A reading without a section in the readings file.
    ReadingNotExplained {
        reading: String,
    },
}

/// Where two rules are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulePart {
    Category(String),
    Penalties,
    Bonus,
}

/// Why a rule can never move a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoEffect {
    ZeroPoints,
    EveryLevelZero,
    /// Its amounts lie in `min`–`max`, and `max` is 0.
    AssessedAtZero {
        min: Decimal,
        max: Decimal,
    },
}

/// A place a cite names that the source document does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// `annexes`: how many annex tables the document has.
    NoAnnex {
        n: usize,
        annexes: usize,
    },
    NoCategory {
        n: usize,
        category: String,
        suggestion: Option<Suggestion>,
        categories: Vec<String>,
    },
    NoRow {
        n: usize,
        category: String,
        rows: usize,
        row: String,
    },
    NotARow {
        n: usize,
        category: String,
        rows: usize,
        row: String,
    },
    ExtraPart {
        n: usize,
        extra: String,
    },
    NotInDocument {
        clause: String,
    },
    BrokenAcrossLines {
        clause: String,
    },
    NoHeading {
        part: String,
        under: String,
    },
}

/// `the policy`, `level`, … as a duplicate's message names it.
fn declared(lang: Lang, what: Declared) -> &'static str {
    match what {
        Declared::Policy => lang.pick("政策", "the policy"),
        Declared::Source => lang.pick("原文", "the source"),
        Declared::Level => lang.pick("级别", "level"),
        Declared::Subject => lang.pick("考核对象", "subject"),
        Declared::Category => lang.pick("类别", "category"),
        Declared::Role => lang.pick("角色", "role"),
        Declared::Attribute => lang.pick("属性", "attribute"),
        Declared::Fact => lang.pick("事实", "fact"),
        Declared::Name => lang.pick("名称", "name"),
        Declared::Grade => lang.pick("等次", "grade"),
        Declared::Readings => lang.pick("解读说明文件", "the readings file"),
        Declared::Annex => lang.pick("附件", "the annex of"),
        Declared::StaffType => lang.pick("人员类型", "staff type"),
        Declared::Honour => lang.pick("荣誉", "honour"),
    }
}

fn suggested(lang: Lang, suggestion: &Option<Suggestion>) -> Option<String> {
    suggestion.as_ref().map(|s| s.help(lang))
}

/// A number as the policy writes it, without trailing zeros.
fn number(value: Decimal) -> Decimal {
    value.normalize()
}

impl Diagnostic for CheckError {
    fn code(&self) -> &'static str {
        match self {
            CheckError::Duplicate { .. } => "kaohe::check::duplicate",
            CheckError::UnknownSubject { .. } => "kaohe::check::unknown_subject",
            CheckError::MissingSubject { .. } => "kaohe::check::missing_subject",
            CheckError::RoleOfWindow => "kaohe::check::role_of_window",
            CheckError::AttributeNotNumber { .. } => "kaohe::check::attribute_not_number",
            CheckError::SecondAverage => "kaohe::check::second_average",
            CheckError::AverageWithRules { .. } => "kaohe::check::average_with_rules",
            CheckError::AverageInStaff => "kaohe::check::average_in_staff",
            CheckError::AddInCategory { .. } => "kaohe::check::add_in_category",
            CheckError::BlockTwice { .. } => "kaohe::check::block_twice",
            CheckError::AmountsWithoutRange { .. } => "kaohe::check::amounts_without_range",
            CheckError::RangeOnKind { .. } => "kaohe::check::range_on_kind",
            CheckError::TooLarge { .. } => "kaohe::check::too_large",
            CheckError::EmptyCite => "kaohe::check::empty_cite",
            CheckError::SourceOutside { .. } => "kaohe::check::source_outside",
            CheckError::RuleWithoutCite { .. } | CheckError::NoCite { .. } => "kaohe::check::no_cite",
            CheckError::UndeclaredFact { .. } => "kaohe::check::undeclared_fact",
            CheckError::KindMismatch { .. } => "kaohe::check::kind_mismatch",
            CheckError::LevelTwice { .. } => "kaohe::check::level_twice",
            CheckError::UnknownLevel { .. } => "kaohe::check::unknown_level",
            CheckError::InWindowInWindowRule | CheckError::InWindowInWindowCondition => "kaohe::check::in_window",
            CheckError::InWindowKind { .. } => "kaohe::check::in_window_kind",
            CheckError::UnknownRole { .. } => "kaohe::check::unknown_role",
            CheckError::AverageOfOther { .. } => "kaohe::check::average_of_other",
            CheckError::NoStaffCategory { .. } => "kaohe::check::no_staff_category",
            CheckError::NoStaffAttribute { .. } => "kaohe::check::no_staff_attribute",
            CheckError::BadPlaces => "kaohe::check::bad_places",
            CheckError::NoGrades { .. } => "kaohe::check::no_grades",
            CheckError::EmptyBand { .. } => "kaohe::check::empty_band",
            CheckError::Overlap { .. } => "kaohe::check::overlap",
            CheckError::GapBelow { .. } | CheckError::Gap { .. } | CheckError::GapAbove { .. } => {
                "kaohe::check::grade_gap"
            }
            CheckError::NoBands => "kaohe::check::no_bands",
            CheckError::NoBandToChoose { .. } => "kaohe::check::no_band_to_choose",
            CheckError::QuotaOverAll { .. } => "kaohe::check::quota_over_all",
            CheckError::VetoOnBand { .. } => "kaohe::check::veto_on_band",
            CheckError::UnknownGrade { .. } => "kaohe::check::unknown_grade",
            CheckError::NoAnnualTotal => "kaohe::check::no_annual_total",
            CheckError::AnnualTotalTwice => "kaohe::check::annual_total_twice",
            CheckError::ConditionTooDeep { .. } => "kaohe::check::condition_too_deep",
            CheckError::NoRoles { .. } => "kaohe::check::no_roles",
            CheckError::VetoTestsGrade => "kaohe::check::veto_tests_grade",
            CheckError::EveryQuarterOutsideAnnual | CheckError::MonthsInHallOutsideAnnual => {
                "kaohe::check::outside_annual"
            }
            CheckError::OfStaffOutsideWindow => "kaohe::check::of_staff",
            CheckError::UndeclaredInCondition { .. } => "kaohe::check::undeclared_in_condition",
            CheckError::ReadingTextTwice { .. } => "kaohe::check::reading_text_twice",
            CheckError::ReadingWithoutText { .. } => "kaohe::check::reading_without_text",
            CheckError::NotAnAnnex { .. } => "kaohe::check::not_an_annex",
            CheckError::RowNotATableRow { .. } => "kaohe::check::row_not_a_table_row",
            CheckError::RowTwice { .. } => "kaohe::check::row_twice",
            CheckError::LabelsInWindow => "kaohe::check::labels_in_window",
            CheckError::GradeLabelledTwice { .. } => "kaohe::check::grade_labelled_twice",
            CheckError::HonourLimit { .. } => "kaohe::check::honour_limit",
            CheckError::AmongUndeclared { .. } => "kaohe::check::among_undeclared",
            CheckError::AmongItself { .. } => "kaohe::check::among_itself",
            CheckError::AmongKinds { .. } => "kaohe::check::among_kinds",
            CheckError::Records(error) => error.code(),
        }
    }

    fn also(&self) -> Option<Span> {
        match self {
            CheckError::Duplicate { first, .. } | CheckError::ReadingTextTwice { first, .. } => *first,
            CheckError::RowTwice { first, .. } => Some(*first),
            CheckError::Records(error) => error.also(),
            _ => None,
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        match self {
            CheckError::Duplicate { what, name, first_file, .. } => {
                let zh = match what {
                    Declared::Annex => format!("考核对象 `{name}` 所依据的附件声明了两次"),
                    _ => format!("{} `{name}` 声明了两次", declared(lang, *what)),
                };
                t(zh, format!("{} `{name}` is declared twice", declared(lang, *what)))
                    .label(p("又在这里声明", "declared again here"))
                    .also(p("第一次在这里声明", "first declared here"))
                    .help_if(
                        first_file.as_ref().map(|file| {
                            lang.pick(format!("第一次在 `{file}` 中"), format!("the first is in `{file}`"))
                        }),
                    )
            }
            CheckError::UnknownSubject { name, suggestion } => {
                t(format!("未知的考核对象 `{name}`"), format!("unknown subject `{name}`"))
                    .label(p("kaohe 不考核这个对象", "not a subject kaohe scores"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        p(
                            "kaohe 考核两个对象：`staff`（窗口工作人员）和 `window`（窗口）",
                            "kaohe scores two subjects: `staff` and `window`",
                        )
                        .to_string()
                    }))
            }
            CheckError::MissingSubject { subject } => {
                t(format!("政策中没有考核对象 `{subject}`"), format!("the policy has no `{subject}` subject"))
                    .label(p("政策的各文件中都没有", "in none of the policy's files"))
                    .help(lang.pick(
                        format!("在政策的某个文件中声明它：`subject {subject} \"…\" total 100 {{ … }}`"),
                        format!("declare it in one of the policy's files: `subject {subject} \"…\" total 100 {{ … }}`"),
                    ))
            }
            CheckError::RoleOfWindow => {
                Text::new(p("角色属于工作人员，窗口没有角色", "roles belong to staff, not to windows"))
                    .label(p("窗口的角色", "role of a window"))
            }
            CheckError::AttributeNotNumber { attribute } => t(
                format!("属性 `{attribute}` 必须是 `count` 或 `days`"),
                format!("attribute `{attribute}` must be `count` or `days`"),
            )
            .label(p("不是数量", "not a number")),
            CheckError::SecondAverage => Text::new(p("一个类别至多有一个平均", "a category has one average at most"))
                .label(p("第二个平均", "second average")),
            CheckError::AverageWithRules { category } => t(
                format!("类别 `{category}` 取平均分，不能再有规则"),
                format!("category `{category}` is an average and cannot also have rules"),
            )
            .label(p("平均分旁边的规则", "rule beside an average"))
            .help(p("把这条规则移到别的类别", "move the rule to another category")),
            CheckError::AverageInStaff => Text::new(p(
                "只有窗口的类别才能取其工作人员得分的平均",
                "only a window category can average its staff's scores",
            ))
            .label(p("工作人员类别中的平均", "average in a staff category")),
            CheckError::AddInCategory { category } => {
                t(format!("类别 `{category}` 只扣分"), format!("category `{category}` only deducts"))
                    .label(p("类别中的 `add`", "`add` in a category"))
                    .help(p(
                        "类别从它的分值扣到 0 为止；加分请写在 `bonus` 部分",
                        "a category is scored from its points down to zero; put bonus points in the `bonus` block",
                    ))
            }
            CheckError::BlockTwice { block } => {
                let name = match block {
                    Block::Penalties => "penalties",
                    Block::Bonus => "bonus",
                    Block::Grades => "grades",
                    Block::Annual => "annual",
                };
                let help = match block {
                    Block::Penalties | Block::Bonus => Some(lang.pick(
                        format!("把所有 {name} 规则写在同一个 `{name}` 部分"),
                        format!("put all {name} rules in one `{name}` block"),
                    )),
                    Block::Grades | Block::Annual => None,
                };
                t(format!("`{name}` 声明了两次"), format!("`{name}` is declared twice"))
                    .label(p("第二个部分", "second block"))
                    .help_if(help)
            }
            CheckError::AmountsWithoutRange { fact } => t(
                format!("`amounts` 类事实 `{fact}` 需要写明分值的范围"),
                format!("`amounts` fact `{fact}` needs the range its amounts must fall in"),
            )
            .label(p("没有范围", "no range"))
            .help(p(
                "在后面写上细则的分值范围，例如 `amounts 5-10`",
                "write the table's range after it, for example `amounts 5-10`",
            )),
            CheckError::RangeOnKind { kind, fact, min, max } => {
                t(format!("`{kind}` 类事实 `{fact}` 带了范围"), format!("a range on `{kind}` fact `{fact}`"))
                    .label(p("只有 `amounts` 类事实才有范围", "only `amounts` facts have a range"))
                    .help(lang.pick(
                        format!("如果分值由考核人评定，写 `amounts {min}-{max}`；否则去掉范围"),
                        format!("write `amounts {min}-{max}` if the assessor chooses the points, or drop the range"),
                    ))
            }
            CheckError::TooLarge { number, max } => {
                t(format!("`{number}` 对政策来说太大"), format!("`{number}` is too large for a policy"))
                    .label(p("太大", "too large"))
                    .help(
                        lang.pick(
                            format!("政策中的数字最大为 {max}"),
                            format!("numbers in a policy are at most {max}"),
                        ),
                    )
            }
            CheckError::EmptyCite => {
                Text::new(p("依据是空的", "the cite is empty")).label(p("空的依据", "empty cite")).help(p(
                    "写明它在原文中的位置，例如 `[附件1/工作纪律/1]`",
                    "name the place in the document, for example `[附件1/工作纪律/1]`",
                ))
            }
            CheckError::SourceOutside { path } => Text::new(lang.pick(
                format!("原文 `{path}` 不在政策的目录之下"),
                format!("the source `{path}` is outside the policy's directories"),
            ))
            .label(p("政策之外", "outside the policy"))
            .help(p(
                "原文须放在 `.rules` 文件所在的目录或其上一级目录之下，并以相对路径写出，例如 `source \"../source/办法.txt\"`",
                "keep the source document in the directory of the `.rules` files or below its parent, and name it by a relative path, for example `source \"../source/method.txt\"`",
            )),
            CheckError::RuleWithoutCite { fact } => {
                t(format!("关于 `{fact}` 的规则没有依据"), format!("rule on `{fact}` has no cite"))
                    .label(p("没有依据", "no cite"))
                    .help(p(
                        "每条规则都写明它所依据的原文位置，例如 `[附件1/工作纪律/1]`",
                        "every rule names the place in the document it encodes, for example `[附件1/工作纪律/1]`",
                    ))
            }
            CheckError::NoCite { what } => {
                let (zh, en) = match what {
                    Cited::Average => ("平均", "average"),
                    Cited::Quota => ("名额比例", "quota"),
                    Cited::Veto => ("否决", "veto"),
                    Cited::Flag => ("标记", "flag"),
                    Cited::AnnualTotal => ("年度总分", "annual total"),
                    Cited::Rule => ("规则", "rule"),
                    Cited::StaffTypeLabels => ("人员类型的等次名称", "staff type's labels"),
                    Cited::Honour => ("荣誉", "honour"),
                };
                let help = match what {
                    Cited::Average => p(
                        "写明它在原文中的位置，例如 `[附件2/工作考勤/1]`",
                        "name the place in the document, for example `[附件2/工作考勤/1]`",
                    ),
                    Cited::Quota => p(
                        "写明规定它的条款，例如 `[第十九条]`",
                        "name the clause that sets it, for example `[第十九条]`",
                    ),
                    _ => p(
                        "写明它所依据的条款，例如 `[第十五条]`",
                        "name the clause it encodes, for example `[第十五条]`",
                    ),
                };
                t(format!("这条{zh}没有依据"), format!("the {en} has no cite"))
                    .label(p("没有依据", "no cite"))
                    .help(help)
            }
            CheckError::UndeclaredFact { fact, suggestion } => {
                t(format!("规则用到了未声明的事实 `{fact}`"), format!("rule names undeclared fact `{fact}`"))
                    .label(p("不是已声明的事实", "not a declared fact"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        p("在考核对象的 `facts` 部分声明它", "declare it in the subject's `facts` block").to_string()
                    }))
            }
            CheckError::KindMismatch { fact, kind, scored } => {
                let how = match scored {
                    Scored::Each => "`each`",
                    Scored::EachBeyond => "`each … beyond`",
                    Scored::PerDay => "`per day`",
                    Scored::AsAssessed => "`as assessed`",
                    Scored::ByLevel => "`by level`",
                };
                let article = if kind.starts_with('a') { "an" } else { "a" };
                let fix = match *kind {
                    "count" => p("计数类事实写 `N each`", "write `N each` for a count"),
                    "days" => p("天数类事实写 `N per day`", "write `N per day` for a days fact"),
                    "amounts" => p("评定分值类事实写 `as assessed`", "write `as assessed` for an amounts fact"),
                    _ => p(
                        "级别类事实写 `by level county N, city N, …`",
                        "write `by level county N, city N, …` for a levels fact",
                    ),
                };
                t(
                    format!("`{fact}` 是 `{kind}` 类事实，而这条规则按 {how} 计分"),
                    format!("`{fact}` is {article} `{kind}` fact, but this rule scores it as {how}"),
                )
                .label(p("与事实的类型不符", "does not fit the fact's kind"))
                .help(fix)
            }
            CheckError::LevelTwice { level } => t(
                format!("级别 `{level}` 在这条规则中出现了两次"),
                format!("level `{level}` appears twice in this rule"),
            )
            .label(p("重复", "again")),
            CheckError::UnknownLevel { level, suggestion, levels } => {
                t(format!("未知级别 `{level}`"), format!("unknown level `{level}`"))
                    .label(p("不是已声明的级别", "not a declared level"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        let levels = list(lang, levels.iter().map(String::as_str));
                        lang.pick(format!("已声明的级别：{levels}"), format!("declared levels: {levels}"))
                    }))
            }
            CheckError::InWindowInWindowRule => Text::new(p(
                "`in window` 用于工作人员的规则：窗口的规则本来就按窗口计",
                "`in window` is for staff rules: a window rule already counts the window",
            ))
            .label(p("不在工作人员的规则中", "not in a staff rule")),
            CheckError::InWindowKind { fact, kind } => t(
                format!("`in window` 合计的是次数或天数类事实，而 `{fact}` 是 `{kind}`"),
                format!("`in window` sums a count or days fact, and `{fact}` is `{kind}`"),
            )
            .label(p("这项事实不能合计", "cannot sum this fact")),
            CheckError::UnknownRole { role, suggestion, roles } => {
                t(format!("未知角色 `{role}`"), format!("unknown role `{role}`"))
                    .label(p("不是已声明的角色", "not a declared role"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        let roles = list(lang, roles.iter().map(String::as_str));
                        lang.pick(format!("已声明的角色：{roles}"), format!("declared roles: {roles}"))
                    }))
            }
            CheckError::AverageOfOther { subject } => t(
                format!("窗口取的是它的 `staff` 的平均，不是 `{subject}` 的"),
                format!("a window averages its `staff`, not `{subject}`"),
            )
            .label(p("不是窗口的工作人员", "not the window's members")),
            CheckError::NoStaffCategory { category, suggestion } => {
                t(format!("工作人员没有类别 `{category}`"), format!("staff have no category `{category}`"))
                    .label(p("不是工作人员的类别", "not a staff category"))
                    .help_if(suggested(lang, suggestion))
            }
            CheckError::NoStaffAttribute { attribute, suggestion } => {
                t(format!("工作人员没有属性 `{attribute}`"), format!("staff have no attribute `{attribute}`"))
                    .label(p("不是工作人员的属性", "not a staff attribute"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        p("在工作人员的 `attributes` 部分声明它", "declare it in the staff `attributes` block")
                            .to_string()
                    }))
            }
            CheckError::BadPlaces => {
                Text::new(p("小数位数必须是 0 到 10 的整数", "places must be a whole number from 0 to 10"))
                    .label(p("小数位数", "places"))
            }
            CheckError::NoGrades { subject } => {
                t(format!("考核对象 `{subject}` 没有 `grades`"), format!("subject `{subject}` has no `grades`"))
                    .label(p("没有等次的分数段", "no grade bands"))
                    .help(p("加上 `grades { good \"良好\" from 80 … }`", "add `grades { good \"良好\" from 80 … }`"))
            }
            CheckError::EmptyBand { grade, from, below } => t(
                format!("等次 `{grade}` 不含任何总分：`from {from}` 不小于 `below {below}`"),
                format!("grade `{grade}` holds no total: `from {from}` is not below `below {below}`"),
            )
            .label(p("空的分数段", "empty band")),
            CheckError::Overlap { grade } => {
                t(format!("等次 `{grade}` 与另一个分数段重叠"), format!("grade `{grade}` overlaps another band"))
                    .label(p("重叠", "overlap"))
            }
            CheckError::GapBelow { from } => {
                t(format!("低于 {from} 的总分没有等次"), format!("totals below {from} get no grade"))
                    .label(p("最低的分数段从这里开始", "the lowest band starts here"))
                    .help(p(
                        "最低的分数段不写 `from`，例如 `unfit \"不称职\" below 60`",
                        "give the lowest band no `from`, for example `unfit \"不称职\" below 60`",
                    ))
            }
            CheckError::Gap { end, from } => t(
                format!("从 {end} 到低于 {from} 的总分没有等次"),
                format!("totals from {end} below {from} get no grade"),
            )
            .label(p("这个分数段前面有空缺", "gap before this band")),
            CheckError::NoBands => Text::new(p("没有等次的分数段", "no grade bands")).label(p("空的", "empty")),
            CheckError::GapAbove { end } => {
                t(format!("{end} 及以上的总分没有等次"), format!("totals of {end} and above get no grade"))
                    .label(p("最高的分数段在它们之下结束", "the highest band ends below them"))
                    .help(p("最高的分数段不写 `below`", "give the highest band no `below`"))
            }
            CheckError::NoBandToChoose { band, suggestion } => {
                t(format!("没有可供评选的分数段 `{band}`"), format!("no band `{band}` to choose from"))
                    .label(p("不是分数段", "not a band"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        p(
                            "评选的等次从一个写了 `from`/`below` 的分数段中评出",
                            "a chosen grade is picked from a band with `from`/`below`",
                        )
                        .to_string()
                    }))
            }
            CheckError::QuotaOverAll { percent } => {
                t(format!("{percent}% 的名额比例超过了全部"), format!("a quota of {percent}% is more than all"))
                    .label(p("超过 100%", "over 100%"))
            }
            CheckError::VetoOnBand { grade } => t(
                format!("`{grade}` 是按总分划分的分数段，只有评选的等次才能被否决"),
                format!("`{grade}` is a band of totals, and only a chosen grade can be withheld"),
            )
            .label(p("不是评选的等次", "not a chosen grade"))
            .help(p(
                "否决用于从别的等次中评选（`chosen from`）的等次，例如 `excellent`",
                "vetoes apply to grades `chosen from` another, such as `excellent`",
            )),
            CheckError::UnknownGrade { grade, suggestion, grades } => {
                let listed = (!grades.is_empty()).then(|| {
                    let grades = list(lang, grades.iter().map(String::as_str));
                    lang.pick(format!("等次有：{grades}"), format!("the grades are {grades}"))
                });
                t(format!("未知等次 `{grade}`"), format!("unknown grade `{grade}`"))
                    .label(p("不是等次", "not a grade"))
                    .help_if(suggested(lang, suggestion).or(listed))
            }
            CheckError::NoAnnualTotal => Text::new(p(
                "`annual` 部分没有写明如何由季度得出年度",
                "the `annual` block does not say how quarters make a year",
            ))
            .label(p("没有年度总分", "no annual total"))
            .help(p(
                "加上 `total mean of quarters, rounded to 2 places [第十二条]`",
                "add `total mean of quarters, rounded to 2 places [第十二条]`",
            )),
            CheckError::AnnualTotalTwice => {
                Text::new(p("年度总分写了两次", "the annual total is given twice")).label(p("重复", "again"))
            }
            CheckError::ConditionTooDeep { limit } => {
                t(format!("条件嵌套超过 {limit} 层"), format!("the condition nests deeper than {limit} levels"))
                    .label(p("太深", "too deep"))
                    .help(p("把它拆成几条否决或标记", "split it into several vetoes or flags"))
            }
            CheckError::NoRoles { subject } => {
                t(format!("`{subject}` 的记录没有角色"), format!("`{subject}` records have no roles"))
                    .label(p("这里没有角色", "no roles here"))
            }
            CheckError::VetoTestsGrade => {
                Text::new(p("否决不能检验它自己决定的等次", "a veto cannot test the grade it decides"))
                    .label(p("检验等次", "grade test"))
                    .help(p(
                        "在 `flags` 中检验等次，或用 `in every quarter` 检验各季度的等次",
                        "test the grade in `flags`, or the quarters' grades with `in every quarter`",
                    ))
            }
            CheckError::EveryQuarterOutsideAnnual => {
                Text::new(p("`in every quarter` 只有在年度才知道", "`in every quarter` is only known for the year"))
                    .label(p("在 `annual` 之外", "outside `annual`"))
            }
            CheckError::OfStaffOutsideWindow => {
                Text::new(p("`of staff` 用于窗口的条件", "`of staff` is for window conditions"))
                    .label(p("不在窗口中", "not in a window"))
            }
            CheckError::InWindowInWindowCondition => Text::new(p(
                "`in window` 用于工作人员的条件：窗口自己的事实本来就是窗口的",
                "`in window` is for staff conditions: a window's own facts already are the window's",
            ))
            .label(p("不在工作人员的条件中", "not in a staff condition"))
            .help(p("要合计窗口的工作人员，写 `… of staff`", "to sum the window's staff, write `… of staff`")),
            CheckError::MonthsInHallOutsideAnnual => {
                Text::new(p("`months_in_hall` 只有在年度才知道", "`months_in_hall` is only known for the year"))
                    .label(p("在 `annual` 之外", "outside `annual`"))
            }
            CheckError::UndeclaredInCondition { name, what, suggestion } => {
                let (zh, en) = match what {
                    Quantity::StaffFact => ("工作人员事实", "staff fact"),
                    Quantity::Fact => ("事实", "fact"),
                    Quantity::FactOrAttribute => ("事实或属性", "fact or attribute"),
                };
                t(format!("条件用到了未声明的{zh} `{name}`"), format!("condition names undeclared {en} `{name}`"))
                    .label(lang.pick(format!("不是已声明的{zh}"), format!("not a declared {en}")))
                    .help_if(suggested(lang, suggestion))
            }
            CheckError::ReadingTextTwice { reading, first_file, .. } => t(
                format!("解读 `{reading}` 的说明给了两次"),
                format!("reading `{reading}` is given its text twice"),
            )
            .label(p("第二次的说明", "second text"))
            .also(p("第一次在这里给出", "first given here"))
            .help(match first_file {
                None => lang.pick(
                    format!("别处只写名称：`reading {reading}`"),
                    format!("name it alone elsewhere: `reading {reading}`"),
                ),
                Some(file) => lang.pick(
                    format!("它的说明在 `{file}` 中；这里只写名称：`reading {reading}`"),
                    format!("its text is in `{file}`; name it alone here: `reading {reading}`"),
                ),
            }),
            CheckError::ReadingWithoutText { reading } => t(
                format!("解读 `{reading}` 从未给出说明"),
                format!("reading `{reading}` is never given its text"),
            )
            .label(p("在这里提到", "named here"))
            .help(lang.pick(
                format!("在一处写明选了什么、为什么：`reading {reading} \"…\"`；其他地方只写名称"),
                format!("say once what was chosen and why: `reading {reading} \"…\"`; other lines then name it alone"),
            )),
            CheckError::NotAnAnnex { cite } => t(format!("`{cite}` 不是附件"), format!("`{cite}` is not an annex"))
                .label(p("不是附件", "not an annex"))
                .help(p(
                    "写出考核对象所依据的附件表格，例如 `annex [附件1] \"《…》\"`",
                    "name the annex table the subject encodes, for example `annex [附件1] \"《…》\"`",
                )),
            CheckError::RowNotATableRow { cite } => t(
                format!("`row` 给出的是附件表格中一行的文字，而 `{cite}` 不是表格的行"),
                format!("`row` gives the words of an annex table's row, and `{cite}` names none"),
            )
            .label(p("不是表格的行", "not a table row"))
            .help(p(
                "表格的行这样引用：`[附件1/出勤值勤/1]`，即附件、类别、行号；条款的原话请写成规则的原文",
                "a row is cited as `[附件1/出勤值勤/1]`: annex, category, row; quote a clause as the wording instead",
            )),
            CheckError::RowTwice { cite, .. } => t(
                format!("表格行 `{cite}` 的文字给了两次"),
                format!("the words of row `{cite}` are given twice"),
            )
            .label(p("重复", "again"))
            .also(p("第一次在这里给出", "first given here"))
            .help(p(
                "几条规则共用的一行只给一次文字；其他规则只引用它",
                "a row that several lines share gives its words once; the other lines cite it alone",
            )),
            CheckError::LabelsInWindow => Text::new(p(
                "按人员类型的等次名称属于工作人员，窗口没有",
                "grade labels by staff type belong to staff, not to windows",
            ))
            .label(p("在窗口中", "in a window"))
            .help(p("工作人员的记录用 `\"staff_type\"` 写明其类型", "a staff record says its type with `\"staff_type\"`")),
            CheckError::GradeLabelledTwice { grade, staff_type } => t(
                format!("`{staff_type}` 的等次 `{grade}` 名称给了两次"),
                format!("grade `{grade}` is labelled twice for `{staff_type}`"),
            )
            .label(p("重复", "again")),
            CheckError::HonourLimit { limit, max } => t(
                format!("`at most {limit}`：荣誉推荐的人数应为整数，至多 {max}"),
                format!("`at most {limit}`: an honour proposes a whole number, at most {max}"),
            )
            .label(p("不是整数个", "not a whole number of records")),
            CheckError::AmongUndeclared { fact, suggestion } => t(
                format!("`among` 用到了未声明的事实 `{fact}`"),
                format!("`among` names undeclared fact `{fact}`"),
            )
            .label(p("不是事实", "not a fact"))
            .help_if(suggested(lang, suggestion)),
            CheckError::AmongItself { fact } => {
                t(format!("`{fact}` 不能计在它自己之中"), format!("`{fact}` cannot be among itself")).label(p("它自己", "itself"))
            }
            CheckError::AmongKinds { fact, kind, other, other_kind } => t(
                format!("`{fact}` 是 `{kind}`，`{other}` 是 `{other_kind}`：次数计在若干件之中（次数、分值或级别），天数计在天数之中"),
                format!(
                    "`{fact}` is `{kind}` and `{other}` is `{other_kind}`: a count is among cases (a count, amounts or levels), days among days"
                ),
            )
            .label(p("无法相比", "not comparable")),
            CheckError::Records(error) => error.text(lang),
        }
    }
}

impl Warning {
    /// Which lint says it.
    pub fn lint(&self) -> super::Lint {
        use super::Lint;
        match self {
            Warning::CategoryTotal { .. } => Lint::CategoryTotal,
            Warning::InvertedRange { .. } => Lint::InvertedRange,
            Warning::Unused { .. } => Lint::Unused,
            Warning::ZeroCategory { .. } | Warning::NoEffect { .. } => Lint::NoEffect,
            Warning::DuplicateRule { .. } => Lint::DuplicateRule,
            Warning::SourceUnreadable { .. } => Lint::Source,
            Warning::Cite { .. } => Lint::Cite,
            Warning::WordingNotInDocument { .. } | Warning::CellNotTheDocuments { .. } => Lint::Verbatim,
            Warning::RowWordsMissing { .. } | Warning::RowsNotEncoded { .. } => Lint::RowText,
            Warning::ReadingsFileUnreadable { .. } | Warning::ReadingNotExplained { .. } => Lint::Reading,
        }
    }
}

impl Diagnostic for Warning {
    fn code(&self) -> &'static str {
        self.lint().code()
    }

    fn severity(&self) -> Severity {
        Severity::Warning
    }

    fn also(&self) -> Option<Span> {
        match self {
            Warning::DuplicateRule { first, .. } => Some(*first),
            _ => None,
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        match self {
            Warning::CategoryTotal { subject, sum, total, parts } => {
                let (sum, total) = (number(*sum), number(*total));
                let parts: Vec<String> =
                    parts.iter().map(|(label, points)| format!("{label} {}", number(*points))).collect();
                let parts = parts.join(" + ");
                t(
                    format!("`{subject}` 各类别的分值合计为 {sum}，不等于它声明的总分 {total}"),
                    format!("the categories of `{subject}` sum to {sum}, not to its declared total {total}"),
                )
                .label(p("声明的总分", "declared total"))
                .help(lang.pick(
                    format!("{parts} = {sum}；请改正某个类别的分值，或者改正总分"),
                    format!("{parts} = {sum}; correct a category's points, or the total"),
                ))
            }
            Warning::InvertedRange { fact, min, max } => {
                let (min, max) = (number(*min), number(*max));
                t(
                    format!("`{fact}` 的范围 `{min}-{max}` 颠倒了：没有分值能落在其中"),
                    format!("the range `{min}-{max}` of `{fact}` is inverted: no amount can be valid"),
                )
                .label(p("最小值大于最大值", "minimum above maximum"))
                .help(lang.pick(
                    format!("写作 `{max}-{min}`：事实文件中的每个分值都必须在这个范围内"),
                    format!("write `{max}-{min}`: every amount in a facts file must lie in the range"),
                ))
            }
            Warning::Unused { name, attribute } => {
                let (zh, en) = if *attribute { ("属性", "attribute") } else { ("事实", "fact") };
                t(format!("{zh} `{name}` 从未被用到"), format!("{en} `{name}` is never used"))
                    .label(p("没有哪条规则、否决、标记或年度规定读取它", "no rule, veto, flag or annual line reads it"))
                    .help(p(
                        "事实文件仍可以给出它，但不会改变任何分数；删去它，或者写出读取它的规则",
                        "a facts file may still give it, and no score will change; remove it, or write what reads it",
                    ))
            }
            Warning::ZeroCategory { category, rules } => {
                let en = if *rules == 1 {
                    format!("the rule of category `{category}` never moves a score")
                } else {
                    format!("the rules of category `{category}` never move a score")
                };
                t(format!("类别 `{category}` 的规则永远不会改变分数"), en).label(p("0 分", "0 points")).help(p(
                    "类别最低扣到 0 分，0 分的类别没有可扣的分；请给它应有的分值",
                    "a category is floored at 0, so nothing can be deducted from 0 points; give it its points",
                ))
            }
            Warning::DuplicateRule { fact, part, .. } => {
                let (zh_part, en_part) = match part {
                    RulePart::Category(name) => (format!("类别 `{name}`"), format!("category `{name}`")),
                    RulePart::Penalties => ("`penalties`".to_string(), "`penalties`".to_string()),
                    RulePart::Bonus => ("`bonus`".to_string(), "`bonus`".to_string()),
                };
                t(format!("{zh_part} 中有两条关于 `{fact}` 的规则"), format!("two rules on `{fact}` in {en_part}"))
                    .label(p("第二条规则", "second rule"))
                    .also(p("第一条规则", "first rule"))
                    .help(lang.pick(
                        format!(
                            "两条都会生效，`{fact}` 的每一次都会被计两次分；把细则的分值写在一条规则里，或者用 `in window` 或 `to ROLE` 区分它们"
                        ),
                        format!(
                            "both apply, so each case of `{fact}` is scored twice; write the table's points in one rule, or tell the two apart with `in window` or `to ROLE`"
                        ),
                    ))
            }
            Warning::NoEffect { fact, why } => {
                let label = match why {
                    NoEffect::ZeroPoints => p("0 分", "0 points").to_string(),
                    NoEffect::EveryLevelZero => p("每个级别都是 0 分", "every level scores 0").to_string(),
                    NoEffect::AssessedAtZero { min, max } => {
                        let (min, max) = (number(*min), number(*max));
                        lang.pick(
                            format!("`{fact}` 的评定分值为 {min}-{max}"),
                            format!("`{fact}` is assessed at {min}-{max}"),
                        )
                    }
                };
                t(format!("关于 `{fact}` 的规则永远不会改变分数"), format!("the rule on `{fact}` never moves a score"))
                    .label(label)
                    .help(p("给它细则规定的分值，或者删去它", "give it the points the table gives, or remove it"))
            }
            Warning::SourceUnreadable { path, reason } => {
                let message = match reason {
                    None => t(
                        format!("原文 `{path}` 不是 UTF-8 文本"),
                        format!("the source document `{path}` is not UTF-8 text"),
                    ),
                    Some(reason) => {
                        let reason = reason.text(lang);
                        t(
                            format!("无法读取原文 `{path}`：{reason}"),
                            format!("cannot read the source document `{path}`: {reason}"),
                        )
                    }
                };
                message.label(p("在这里指定", "named here")).help(p(
                    "路径相对于政策目录；在能读取原文之前，不检查各条依据",
                    "the path is relative to the policy directory; until the document can be read, cites are not checked",
                ))
            }
            Warning::Cite { cite, miss } => {
                let (label, help) = miss.text(lang);
                t(
                    format!("依据 `{cite}` 在原文中找不到对应的位置"),
                    format!("the cite `{cite}` names no place in the source document"),
                )
                .label(label)
                .help_if(help)
            }
            Warning::WordingNotInDocument { part } => {
                let message = match part {
                    Some(part) => t(
                        format!("原文中没有这段引文的“{part}”"),
                        format!("the wording's part “{part}” is not in the source document"),
                    ),
                    None => {
                        t("原文中没有这段引文".to_string(), "the wording is not in the source document".to_string())
                    }
                };
                message.label(p("不是原文的话", "not the document's words")).help(p(
                    "照原文引用（换行不计）；省去的部分用 `……` 标出",
                    "quote the document as it is (line breaks do not matter); mark what is left out with `……`",
                ))
            }
            Warning::CellNotTheDocuments { cell, cite, document } => {
                t(format!("`{cite}` 的{cell}与原文不同"), format!("the {cell} of `{cite}` is not the document's"))
                    .label(p("不是原文的话", "not the document's words"))
                    .help(lang.pick(format!("原文是“{document}”"), format!("the document has “{document}”")))
            }
            Warning::RowWordsMissing { cite } => t(
                format!("没有给出表格行 `{cite}` 的文字"),
                format!("the words of row `{cite}` are not given"),
            )
            .label(p("在这里引用", "cited here"))
            .help(p(
                "在引用它的某一条上给出这一行的两格，只给一次：`row \"考核要求\" \"增减分值\"`",
                "give the row's two cells once, on one of the lines that cite it: `row \"考核要求\" \"增减分值\"`",
            )),
            Warning::RowsNotEncoded { annex, rows } => {
                let n = rows.len();
                let en = if n == 1 {
                    format!("1 row of {annex} is encoded by no line: {}", rows.join(", "))
                } else {
                    format!("{n} rows of {annex} are encoded by no line: {}", rows.join(", "))
                };
                t(format!("{annex} 有 {n} 行没有对应的规则：{}", rows.join("、")), en)
                    .label(p("这个考核对象所依据的附件", "the annex this subject encodes"))
                    .help(p(
                        "表格的每一行都应是一条引用它的规则、平均、否决或标记",
                        "every row of the table is a rule, an average, a veto or a flag citing it",
                    ))
            }
            Warning::ReadingsFileUnreadable { path, reason } => {
                let reason = reason.text(lang);
                t(
                    format!("无法读取解读说明文件 `{path}`：{reason}"),
                    format!("cannot read the readings file `{path}`: {reason}"),
                )
                .label(p("在这里指定", "named here"))
                .help(p(
                    "路径相对于政策目录；在能读取它之前，不检查各条解读",
                    "the path is relative to the policy directory; until it can be read, readings are not checked",
                ))
            }
            Warning::ReadingNotExplained { reading } => t(
                format!("解读 `{reading}` 在解读说明文件中没有对应的一节"),
                format!("reading `{reading}` has no section in the readings file"),
            )
            .label(p("没有说明", "not explained"))
            .help(lang.pick(
                format!("加一个写出它名称的标题，例如 `## `{reading}` …`，并说明理由"),
                format!("add a heading that names it, for example `## `{reading}` …`, and say why"),
            )),
        }
    }
}

impl Miss {
    /// What is not there (a label), and how to find what is.
    pub fn text(&self, lang: Lang) -> (String, Option<String>) {
        match self {
            Miss::NoAnnex { n, annexes } => {
                let help = match annexes {
                    0 => lang.pick(
                        "原文中没有找到附件表格（表格从 `考核内容` 一行开始）".to_string(),
                        "no annex table was found in it (a table begins at a line `考核内容`)".to_string(),
                    ),
                    1 => {
                        lang.pick("它只有一个附件表格，附件1".to_string(), "it has one annex table, 附件1".to_string())
                    }
                    k => lang.pick(
                        format!("它有 {k} 个附件表格，附件1 至附件{k}"),
                        format!("it has {k} annex tables, 附件1 to 附件{k}"),
                    ),
                };
                (lang.pick(format!("原文没有附件{n}"), format!("the document has no 附件{n}")), Some(help))
            }
            Miss::NoCategory { n, category, suggestion, categories } => {
                let help = match suggestion {
                    Some(s) => s.help(lang),
                    None => lang.pick(
                        format!("它的类别有：{}", categories.join("、")),
                        format!("its categories: {}", categories.join("、")),
                    ),
                };
                (
                    lang.pick(format!("附件{n} 没有类别{category}"), format!("附件{n} has no category {category}")),
                    Some(help),
                )
            }
            Miss::NoRow { n, category, rows, row } => {
                let plural = if *rows == 1 { "" } else { "s" };
                (
                    lang.pick(
                        format!("附件{n} 的{category}只有 {rows} 行，没有第 {row} 行"),
                        format!("{category} of 附件{n} has {rows} row{plural}, not {row}"),
                    ),
                    Some(
                        lang.pick(format!("它的行号从 1 到 {rows}"), format!("its rows are numbered from 1 to {rows}")),
                    ),
                )
            }
            Miss::NotARow { n, category, rows, row } => (
                lang.pick(format!("`{row}` 不是行号"), format!("`{row}` is not a row number")),
                Some(lang.pick(
                    format!("附件的依据写作 附件{n}/{category}/行号，行号从 1 到 {rows}"),
                    format!("an annex cite is 附件{n}/{category}/ROW, with ROW from 1 to {rows}"),
                )),
            ),
            Miss::ExtraPart { n, extra } => (
                lang.pick(
                    format!("附件{n} 的一行没有 `{extra}` 这一部分"),
                    format!("a row of 附件{n} has no part `{extra}`"),
                ),
                Some(lang.pick("附件的依据写作 附件N/类别/行号", "an annex cite is 附件N/CATEGORY/ROW").to_string()),
            ),
            Miss::NotInDocument { clause } => {
                (lang.pick(format!("原文中没有 `{clause}`"), format!("`{clause}` is not in the document")), None)
            }
            Miss::BrokenAcrossLines { clause } => (
                lang.pick(
                    format!("`{clause}` 在原文中被断在了两行"),
                    format!("`{clause}` is broken across lines in the document"),
                ),
                None,
            ),
            Miss::NoHeading { part, under } => {
                (lang.pick(format!("{under} 下没有标题 `{part}`"), format!("no heading `{part}` under {under}")), None)
            }
        }
    }
}

/// What the records section can be refused for: its calendar, its
/// schedules and its counting rows (`records.rules`, `calendar.rules`).
#[derive(Debug, Clone, PartialEq)]
pub enum RecordsCheck {
    /// A block of the records (`punches`, `leave`, …) given twice; `first`
    /// where the first is, when in the same file, else `first_file`.
    BlockTwice {
        block: &'static str,
        first: Option<Span>,
        first_file: Option<String>,
    },
    CalendarTwice {
        year: i32,
    },
    NoCaseKinds,
    NotAYear {
        number: Decimal,
    },
    NoNotice,
    HolidayBackwards {
        holiday: String,
    },
    HolidayTwice {
        day: NaiveDate,
    },
    /// A day `working` names that is no weekend day.
    WorkedNotWeekend {
        day: NaiveDate,
    },
    WorkedTwice {
        day: NaiveDate,
    },
    HolidayAndWorked {
        day: NaiveDate,
    },
    /// `year` none: no year has the day (a season's bound).
    NoSuchDay {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    HalfBackwards {
        half: String,
    },
    HalfTwice {
        half: String,
    },
    /// A schedule with `halves` half days, not two.
    HalvesNotTwo {
        schedule: String,
        halves: usize,
    },
    HalvesOverlap,
    NoSuchHalf {
        punch: String,
        half: String,
        suggestion: Option<Suggestion>,
    },
    PunchTwice {
        punch: String,
    },
    /// A second punch at the same end of a half day.
    SecondPunch {
        half: String,
        end: PunchAt,
    },
    NoPunch {
        half: String,
        end: PunchAt,
    },
    /// An in said early, or an out said late.
    WrongOff {
        punch: String,
        end: PunchAt,
    },
    /// An in on time with no end, or an out with no start.
    Unbounded {
        punch: String,
        end: PunchAt,
    },
    /// An in late only before `before`, which is not after its on-time window.
    LateNotAfter {
        punch: String,
        before: String,
    },
    EarlyInsideWindow {
        punch: String,
    },
    NeverOnTime {
        punch: String,
    },
    NotATime {
        hour: u32,
        minute: u32,
    },
    TwoWithoutSeason,
    AllSeasoned,
    PunchesWithoutSchedule,
    /// A season's schedule with other half days or punches than `base`.
    ScheduleUnlike {
        schedule: String,
        base: String,
    },
    SeasonsOverlap {
        first: String,
        second: String,
        month: u32,
        day: u32,
    },
    EmptyCite,
    NoCite {
        what: CountingPart,
    },
    /// A row that `block` does not take.
    NoSuchRow {
        block: &'static str,
    },
    /// A name declared twice in a block; `first` the first declaration.
    NameTwice {
        name: String,
        first: Span,
    },
    LabelTwice {
        label: String,
        first: Span,
    },
    EmptyLabel,
    Undeclared {
        name: String,
        block: &'static str,
        suggestion: Option<Suggestion>,
    },
    AddsNothing {
        name: String,
    },
    WorkdaysSummed,
    FactAndLeave {
        name: String,
    },
    /// A fact of kind `kind` in a sum of days.
    NotDays {
        name: String,
        kind: &'static str,
    },
    NotFactNorLeave {
        name: String,
        suggestion: Option<Suggestion>,
    },
    ByFactTwice,
    /// A findings item whose label is fact `fact`'s, counted otherwise.
    ItemIsFact {
        item: String,
        fact: String,
    },
    CaseKindTwice {
        kind: String,
    },
    WindowRow {
        block: &'static str,
    },
    /// `whose` (`staff` or `window`) have no fact `fact`; `of_window` when
    /// it is a window's fact given to staff.
    NoFact {
        whose: &'static str,
        fact: String,
        of_window: bool,
        suggestion: Option<Suggestion>,
    },
    CountPerDay {
        fact: String,
    },
    CountFraction {
        fact: String,
        amount: Decimal,
    },
    DaysNotHalves {
        fact: String,
        amount: Decimal,
    },
    /// An `amounts` or `levels` fact as a counting rule's target.
    NotCounted {
        fact: String,
        kind: &'static str,
    },
    AmountTooLarge {
        amount: Decimal,
    },
    PerDayOutsideLeave {
        block: &'static str,
    },
    /// `allowed`: the conditions `block` rows may take.
    UnknownCondition {
        condition: String,
        block: &'static str,
        allowed: Vec<&'static str>,
        suggestion: Option<Suggestion>,
    },
    OverOutsideLeave,
    BadDuration,
}

/// Which end of a half day a punch is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunchAt {
    In,
    Out,
}

impl PunchAt {
    fn word(self) -> &'static str {
        match self {
            PunchAt::In => "in",
            PunchAt::Out => "out",
        }
    }
}

/// What a counting row without a cite is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountingPart {
    HalfDay,
    Punch,
    Rule,
    Sum,
    CaseKind,
    Row,
}

fn weekday(lang: Lang, day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => lang.pick("星期一", "Monday"),
        Weekday::Tue => lang.pick("星期二", "Tuesday"),
        Weekday::Wed => lang.pick("星期三", "Wednesday"),
        Weekday::Thu => lang.pick("星期四", "Thursday"),
        Weekday::Fri => lang.pick("星期五", "Friday"),
        Weekday::Sat => lang.pick("星期六", "Saturday"),
        Weekday::Sun => lang.pick("星期日", "Sunday"),
    }
}

impl RecordsCheck {
    fn code(&self) -> &'static str {
        use RecordsCheck as R;
        match self {
            R::BlockTwice { .. } => "kaohe::check::records::block_twice",
            R::CalendarTwice { .. } => "kaohe::check::calendar::year_twice",
            R::NoCaseKinds => "kaohe::check::records::no_case_kinds",
            R::NotAYear { .. } => "kaohe::check::calendar::not_a_year",
            R::NoNotice => "kaohe::check::calendar::no_notice",
            R::HolidayBackwards { .. } => "kaohe::check::calendar::backwards",
            R::HolidayTwice { .. } | R::WorkedTwice { .. } | R::HolidayAndWorked { .. } => {
                "kaohe::check::calendar::day_twice"
            }
            R::WorkedNotWeekend { .. } => "kaohe::check::calendar::worked_not_weekend",
            R::NoSuchDay { .. } => "kaohe::check::calendar::no_such_day",
            R::HalfBackwards { .. } => "kaohe::check::schedule::backwards",
            R::HalfTwice { .. } | R::PunchTwice { .. } | R::SecondPunch { .. } => "kaohe::check::schedule::twice",
            R::HalvesNotTwo { .. } => "kaohe::check::schedule::halves",
            R::HalvesOverlap => "kaohe::check::schedule::overlap",
            R::NoSuchHalf { .. } => "kaohe::check::schedule::no_such_half",
            R::NoPunch { .. } => "kaohe::check::schedule::no_punch",
            R::WrongOff { .. }
            | R::Unbounded { .. }
            | R::LateNotAfter { .. }
            | R::EarlyInsideWindow { .. }
            | R::NeverOnTime { .. } => "kaohe::check::schedule::window",
            R::NotATime { .. } => "kaohe::check::schedule::not_a_time",
            R::TwoWithoutSeason | R::AllSeasoned | R::SeasonsOverlap { .. } => "kaohe::check::schedule::season",
            R::PunchesWithoutSchedule => "kaohe::check::schedule::missing",
            R::ScheduleUnlike { .. } => "kaohe::check::schedule::unlike",
            R::EmptyCite => "kaohe::check::empty_cite",
            R::NoCite { .. } => "kaohe::check::no_cite",
            R::NoSuchRow { .. } => "kaohe::check::records::no_such_row",
            R::NameTwice { .. } | R::LabelTwice { .. } | R::ByFactTwice | R::CaseKindTwice { .. } => {
                "kaohe::check::records::twice"
            }
            R::EmptyLabel => "kaohe::check::records::empty_label",
            R::Undeclared { .. } => "kaohe::check::records::undeclared",
            R::AddsNothing { .. } => "kaohe::check::records::adds_nothing",
            R::WorkdaysSummed => "kaohe::check::records::workdays_summed",
            R::FactAndLeave { .. } | R::NotDays { .. } | R::NotFactNorLeave { .. } => "kaohe::check::records::away",
            R::ItemIsFact { .. } => "kaohe::check::records::item_is_fact",
            R::WindowRow { .. } => "kaohe::check::records::window_row",
            R::NoFact { .. } => "kaohe::check::records::no_fact",
            R::CountPerDay { .. } | R::CountFraction { .. } | R::DaysNotHalves { .. } | R::NotCounted { .. } => {
                "kaohe::check::records::amount_of_kind"
            }
            R::AmountTooLarge { .. } => "kaohe::check::records::too_large",
            R::PerDayOutsideLeave { .. } | R::OverOutsideLeave => "kaohe::check::records::leave_only",
            R::UnknownCondition { .. } => "kaohe::check::records::unknown_condition",
            R::BadDuration => "kaohe::check::records::bad_duration",
        }
    }

    fn also(&self) -> Option<Span> {
        match self {
            RecordsCheck::BlockTwice { first, .. } => *first,
            RecordsCheck::NameTwice { first, .. } | RecordsCheck::LabelTwice { first, .. } => Some(*first),
            _ => None,
        }
    }

    fn text(&self, lang: Lang) -> Text {
        use RecordsCheck as R;
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        let again = p("重复", "again");
        match self {
            R::BlockTwice { block, first_file, .. } => {
                t(format!("`{block}` 声明了两次"), format!("`{block}` is declared twice"))
                    .label(p("第二个部分", "second block"))
                    .help(match first_file {
                        None => p("把它的各行写在同一个部分中", "put all its rows in one block").to_string(),
                        Some(file) => lang.pick(
                            format!("第一个在 `{file}` 中；把它的各行写在同一个部分中"),
                            format!("the first is in `{file}`; put all its rows in one block"),
                        ),
                    })
            }
            R::CalendarTwice { year } => {
                t(format!("{year} 年的日历给了两次"), format!("the calendar of {year} is given twice")).label(again)
            }
            R::NoCaseKinds => Text::new(p("`cases` 没有声明任何办件类型", "`cases` declares no kind of case"))
                .label(p("没有办件类型", "no kinds"))
                .help(p(
                    "写出每种办件及其时限，例如 `promised \"承诺件\" due in working days`",
                    "name each kind of case and its deadline, for example `promised \"承诺件\" due in working days`",
                )),
            R::NotAYear { number } => t(format!("`{number}` 不是年份"), format!("`{number}` is not a year"))
                .label(p("不是年份", "not a year")),
            R::NoNotice => Text::new(p("日历没有写明依据的通知", "the calendar names no notice"))
                .label(p("空的", "empty"))
                .help(p(
                    "写明规定当年节假日的通知，例如 \"国务院办公厅关于2026年部分节假日安排的通知\"",
                    "name the notice that sets the year's holidays, for example \"国务院办公厅关于2026年部分节假日安排的通知\"",
                )),
            R::HolidayBackwards { holiday } => {
                t(format!("节假日 `{holiday}` 的结束早于开始"), format!("holiday `{holiday}` ends before it starts"))
                    .label(p("起止颠倒", "backwards"))
            }
            R::HolidayTwice { day } => t(format!("{day} 作为节假日给了两次"), format!("{day} is given as a holiday twice"))
                .label(p("与另一个节假日重叠", "overlaps another holiday")),
            R::WorkedNotWeekend { day } => {
                let (zh, en) = (weekday(Lang::Zh, day.weekday()), weekday(Lang::En, day.weekday()));
                t(format!("{day} 是{zh}，本来就是工作日"), format!("{day} is a {en}, a workday already"))
                    .label(p("不是周末", "not a weekend day"))
                    .help(p(
                        "`working` 写的是通知中调休上班的周末",
                        "`working` names the weekend days the notice makes workdays (调休上班)",
                    ))
            }
            R::WorkedTwice { day } => {
                t(format!("{day} 作为调休上班日给了两次"), format!("{day} is given as worked twice")).label(again)
            }
            R::HolidayAndWorked { day } => t(
                format!("{day} 既是节假日又是调休上班日"),
                format!("{day} is both a holiday and a day worked"),
            )
            .label(p("在这个日历中", "in this calendar")),
            R::NoSuchDay { year: Some(year), month, day } => {
                t(format!("{year} 年没有 {month:02}-{day:02} 这一天"), format!("{year} has no day {month:02}-{day:02}"))
                    .label(p("不是日期", "not a day"))
            }
            R::NoSuchDay { year: None, month, day } => {
                t(format!("没有哪一年有 {month:02}-{day:02} 这一天"), format!("no year has a day {month:02}-{day:02}"))
                    .label(p("不是日期", "not a day"))
            }
            R::HalfBackwards { half } => {
                t(format!("半天 `{half}` 的结束早于开始"), format!("half day `{half}` ends before it starts"))
                    .label(p("起止颠倒", "backwards"))
            }
            R::HalfTwice { half } => {
                t(format!("半天 `{half}` 声明了两次"), format!("half day `{half}` is declared twice")).label(again)
            }
            R::HalvesNotTwo { schedule, halves } => t(
                format!("作息时间分上午和下午；`{schedule}` 有 {halves} 个半天"),
                format!("a schedule has a morning and an afternoon; `{schedule}` has {halves} half days"),
            )
            .label(p("两个半天", "two half days"))
            .help(p(
                "两个都写上，例如 `morning \"上午\" 09:00-12:00` 和 `afternoon \"下午\" 13:00-17:00`",
                "write both, for example `morning \"上午\" 09:00-12:00` and `afternoon \"下午\" 13:00-17:00`",
            )),
            R::HalvesOverlap => Text::new(p(
                "第一个半天必须在第二个开始之前结束",
                "the first half day must end before the second starts",
            ))
            .label(p("重叠", "overlap")),
            R::NoSuchHalf { punch, half, suggestion } => t(
                format!("打卡 `{punch}` 所写的半天 `{half}` 不存在"),
                format!("punch `{punch}` names no half day `{half}`"),
            )
            .label(p("不是这个作息时间的半天", "not a half day of this schedule"))
            .help_if(suggested(lang, suggestion)),
            R::PunchTwice { punch } => {
                t(format!("打卡 `{punch}` 声明了两次"), format!("punch `{punch}` is declared twice")).label(again)
            }
            R::SecondPunch { half, end } => {
                let end = end.word();
                t(format!("半天 `{half}` 有两个 `{end}` 打卡"), format!("half day `{half}` has two `{end}` punches"))
                    .label(p("第二个", "the second"))
            }
            R::NoPunch { half, end } => {
                let end = end.word();
                t(format!("半天 `{half}` 没有 `{end}` 打卡"), format!("half day `{half}` has no `{end}` punch"))
                    .label(p("在这个作息时间中", "in this schedule"))
                    .help(lang.pick(
                        format!("每个工作日应打卡四次（第十一条）；声明一个，例如 `{half}_{end} \"…\" {half} {end}, on time …`"),
                        format!("four punches are due each workday (第十一条); declare one like `{half}_{end} \"…\" {half} {end}, on time …`"),
                    ))
            }
            R::WrongOff { punch, end: PunchAt::In } => t(
                format!("`{punch}` 开始一个半天：晚了是迟到，不是早退"),
                format!("`{punch}` opens a half day: it is late, not early"),
            )
            .label(p("这里", "here"))
            .help(p("写 `late before …`", "write `late before …`")),
            R::WrongOff { punch, end: PunchAt::Out } => t(
                format!("`{punch}` 结束一个半天：早了是早退，不是迟到"),
                format!("`{punch}` closes a half day: it is early, not late"),
            )
            .label(p("这里", "here"))
            .help(p("写 `early before …`", "write `early before …`")),
            R::Unbounded { punch, end: PunchAt::In } => t(
                format!("`{punch}` 的按时时段没有结束：永远不会迟到"),
                format!("`{punch}` is on time with no end: it could never be late"),
            )
            .label(p("这里", "here"))
            .help(p("写 `on time until 08:55`", "write `on time until 08:55`")),
            R::Unbounded { punch, end: PunchAt::Out } => t(
                format!("`{punch}` 的按时时段没有开始：永远不会早退"),
                format!("`{punch}` is on time with no start: it could never be early"),
            )
            .label(p("这里", "here"))
            .help(p("写 `on time from 12:00`", "write `on time from 12:00`")),
            R::LateNotAfter { punch, before } => t(
                format!("`{punch}` 只在 {before} 之前算迟到，而这不在它的按时时段之后"),
                format!("`{punch}` is late only before {before}, which is not after its on-time window"),
            )
            .label(p("这里", "here"))
            .help(p(
                "迟到在按时时段之后、这个时间之前，通常是半天的结束",
                "late is after the window and before this time, usually the end of the half day",
            )),
            R::EarlyInsideWindow { punch } => t(
                format!("`{punch}` 的早退截止时间落在它的按时时段之内"),
                format!("`{punch}` is early up to a time inside its on-time window"),
            )
            .label(p("这里", "here"))
            .help(p(
                "早退在按时时段之前：`early before` 写它的开始时间",
                "early is before the window: write `early before` its start",
            )),
            R::NeverOnTime { punch } => t(
                format!("`{punch}` 永远不会按时：它的按时时段是空的"),
                format!("`{punch}` is never on time: its window is empty"),
            )
            .label(p("这里", "here"))
            .help(p("检查这些时间", "check the times")),
            R::NotATime { hour, minute } => t(
                format!("`{hour:02}:{minute:02}` 不是一天中的时间"),
                format!("`{hour:02}:{minute:02}` is not a time of day"),
            )
            .label(p("不是时间", "not a time")),
            R::TwoWithoutSeason => Text::new(p("有两个作息时间没有写季节", "two schedules without a season"))
                .label(p("第二个", "second"))
                .help(p(
                    "给另一个写上它的日期：`schedule \"夏季作息\" from 05-01 to 09-30 { … }`",
                    "give the other its days of the year: `schedule \"夏季作息\" from 05-01 to 09-30 { … }`",
                )),
            R::AllSeasoned => Text::new(p(
                "每个作息时间都有季节：有些日子会没有作息时间",
                "every schedule has a season: some days would have none",
            ))
            .label(p("一个季节", "a season"))
            .help(p(
                "一年中其余日子的作息时间不写 `from … to …`",
                "write the schedule of the rest of the year without `from … to …`",
            )),
            R::PunchesWithoutSchedule => Text::new(p("`punches` 需要一个 `schedule`", "`punches` needs a `schedule`"))
                .label(p("没有作息时间", "no schedule"))
                .help(p(
                    "声明工作时间和打卡：`schedule \"作息时间\" { morning \"上午\" 09:00-12:00 … }`",
                    "declare the work hours and the punches: `schedule \"作息时间\" { morning \"上午\" 09:00-12:00 … }`",
                )),
            R::ScheduleUnlike { schedule, base } => t(
                format!("作息时间 `{schedule}` 与 `{base}` 不一致"),
                format!("schedule `{schedule}` is not like `{base}`"),
            )
            .label(p("半天或打卡不同", "other half days or punches"))
            .help(lang.pick(
                format!("季节只改变时间：给它与 `{base}` 相同的半天和打卡，名称和标签也相同"),
                format!("a season changes the times only: give it the half days and punches of `{base}`, with the same names and labels"),
            )),
            R::SeasonsOverlap { first, second, month, day } => t(
                format!("作息时间 `{first}` 和 `{second}` 都包含 {month:02}-{day:02}"),
                format!("schedules `{first}` and `{second}` both hold {month:02}-{day:02}"),
            )
            .label(p("季节重叠", "overlapping seasons")),
            R::EmptyCite => Text::new(p("依据是空的", "the cite is empty")).label(p("空的依据", "empty cite")).help(p(
                "写明它在原文中的位置，例如 `[第十章/二]`",
                "name the place in the document, for example `[第十章/二]`",
            )),
            R::NoCite { what } => {
                let (zh, en) = match what {
                    CountingPart::HalfDay => ("这个半天", "the half day"),
                    CountingPart::Punch => ("这个打卡", "the punch"),
                    CountingPart::Rule => ("这条规则", "the rule"),
                    CountingPart::Sum => ("这个合计", "the sum"),
                    CountingPart::CaseKind => ("这种办件", "the kind of case"),
                    CountingPart::Row => ("这一行", "the row"),
                };
                t(format!("{zh}没有依据"), format!("{en} has no cite")).label(p("没有依据", "no cite")).help(p(
                    "每条计数规则都写明它所依据的原文位置，例如 `[第十章/三/1]`",
                    "every counting rule names the place in the document it encodes, for example `[第十章/三/1]`",
                ))
            }
            R::NoSuchRow { block } => t(format!("`{block}` 中没有这样的行"), format!("`{block}` has no such row"))
                .label(p("不是这个部分的行", "not a row of this block")),
            R::NameTwice { name, .. } => t(format!("`{name}` 声明了两次"), format!("`{name}` is declared twice"))
                .label(p("又在这里声明", "declared again here"))
                .also(p("第一次在这里声明", "first declared here"))
                .help(p("只写名称的一行会加到它上面：去掉标签", "a row with the name alone adds to it: drop the label")),
            R::LabelTwice { label, .. } => {
                t(format!("标签 \"{label}\" 给了两次"), format!("the label \"{label}\" is given twice"))
                    .label(again)
                    .also(p("第一次在这里", "first here"))
                    .help(p("表格按标签区分它们：让它们不同", "the tables name each by its label: keep them apart"))
            }
            R::EmptyLabel => Text::new(p("标签是空的", "the label is empty")).label(p("空的", "empty")),
            R::Undeclared { name, block, suggestion } => t(
                format!("`{name}` 没有在 `{block}` 中声明"),
                format!("`{name}` is not declared in `{block}`"),
            )
            .label(p("哪里都没有它的标签", "no label anywhere"))
            .help(suggested(lang, suggestion).unwrap_or_else(|| {
                lang.pick(
                    format!("先连同标签声明它：`{name} \"…\"`"),
                    format!("declare it with its label first: `{name} \"…\"`"),
                )
            })),
            R::AddsNothing { name } => {
                t(format!("`{name}` 这一行什么也不加"), format!("the row of `{name}` adds nothing"))
                    .label(p("没有计入的事实", "no targets"))
            }
            R::WorkdaysSummed => Text::new(p("`workdays` 不能由合计得出", "`workdays` cannot be summed"))
                .label(p("由 gather 计数", "counted by gather"))
                .help(p(
                    "`workdays` 是在大厅的工作日，由 gather 根据日历和名册计数",
                    "`workdays` are the workdays in the hall, which gather counts from the calendar and the roster",
                )),
            R::FactAndLeave { name } => {
                t(format!("`{name}` 既是事实又是请假类型"), format!("`{name}` is both a fact and a kind of leave"))
                    .label(p("有歧义", "ambiguous"))
                    .help(p("给这种请假改个名称", "rename the kind of leave"))
            }
            R::NotDays { name, kind } => t(
                format!("`{name}` 是 `{kind}` 类事实；天数的合计只取 `days` 类事实"),
                format!("`{name}` is a `{kind}` fact; a sum of days takes `days` facts"),
            )
            .label(p("不是天数", "not days")),
            R::NotFactNorLeave { name, suggestion } => t(
                format!("`{name}` 既不是工作人员的事实，也不是请假类型"),
                format!("`{name}` is neither a staff fact nor a kind of leave"),
            )
            .label(p("未知", "unknown"))
            .help_if(suggested(lang, suggestion)),
            R::ByFactTwice => {
                Text::new(p("`facts by id or label` 给了两次", "`facts by id or label` is given twice")).label(again)
            }
            R::ItemIsFact { item, fact } => t(
                format!("事项 \"{item}\" 也是事实 `{fact}`，但计法不同"),
                format!("the item \"{item}\" is also fact `{fact}`, but counts otherwise"),
            )
            .label(p("是事实的名称", "names a fact"))
            .help(lang.pick(
                format!("给这个事项换一个标签，或者按 `{fact} 1 each` 计"),
                format!("give the item another label, or count it as `{fact} 1 each`"),
            )),
            R::CaseKindTwice { kind } => {
                t(format!("办件类型 `{kind}` 声明了两次"), format!("kind of case `{kind}` is declared twice"))
                    .label(again)
            }
            R::WindowRow { block } => t(
                format!("`{block}` 的行计入工作人员，不计入窗口"),
                format!("a `{block}` row counts toward a staff member, not a window"),
            )
            .label(p("不是窗口的", "not a window's"))
            .help(p("窗口的事实由 `cases` 和 `reviews` 计数", "window facts are counted from `cases` and `reviews`")),
            R::NoFact { whose, fact, of_window, suggestion } => {
                let zh = if *whose == "window" { "窗口" } else { "工作人员" };
                let help = if *of_window {
                    Some(lang.pick(
                        format!("`{fact}` 是窗口的事实：写 `window {fact}`"),
                        format!("`{fact}` is a window fact: write `window {fact}`"),
                    ))
                } else {
                    suggested(lang, suggestion)
                };
                t(format!("{zh}没有事实 `{fact}`"), format!("{whose} have no fact `{fact}`"))
                    .label(p("不是已声明的事实", "not a declared fact"))
                    .help_if(help)
            }
            R::CountPerDay { fact } => t(
                format!("`{fact}` 是次数：`per day` 会给它加上半天"),
                format!("`{fact}` is a count: `per day` would add half days to it"),
            )
            .label(p("不是整数", "not a whole number"))
            .help(p("写 `1 each`", "write `1 each`")),
            R::CountFraction { fact, amount } => t(
                format!("`{fact}` 是次数：它加的是整数，不是 {amount}"),
                format!("`{fact}` is a count: it adds whole numbers, not {amount}"),
            )
            .label(p("不是整数", "not a whole number"))
            .help(p("写 `1 each`", "write `1 each`")),
            R::DaysNotHalves { fact, amount } => t(
                format!("`{fact}` 按半天计天数，不是 {amount}"),
                format!("`{fact}` counts days in halves, not {amount}"),
            )
            .label(p("不是 0.5 的倍数", "not a multiple of 0.5")),
            R::NotCounted { fact, kind } => t(
                format!("`{fact}` 是 `{kind}`：计数规则只加到次数和天数上"),
                format!("`{fact}` is `{kind}`: a counting rule adds to counts and days"),
            )
            .label(p("不是次数或天数", "not a count or days"))
            .help(p(
                "分值和级别来自督查记录，按事实的编号或标签",
                "amounts and levels come from the findings log, by the fact's id or label",
            )),
            R::AmountTooLarge { amount } => t(
                format!("`{amount}` 对计数规则来说太大"),
                format!("`{amount}` is too large for a counting rule"),
            )
            .label(p("太大", "too large")),
            R::PerDayOutsideLeave { block } => t(
                format!("`per day` 计的是请假的天数；`{block}` 的行用 `each`"),
                format!("`per day` counts the days of a leave; `{block}` rows count `each`"),
            )
            .label(p("不是请假", "not a leave")),
            R::UnknownCondition { condition, block, allowed, suggestion } => {
                let help = match allowed.first() {
                    None => lang.pick(format!("`{block}` 的行不带条件"), format!("`{block}` rows take no condition")),
                    Some(first) => suggested(lang, suggestion).unwrap_or_else(|| {
                        lang.pick(
                            format!("`{block}` 的行可以写 `when {first}`"),
                            format!("`{block}` rows may say `when {first}`"),
                        )
                    }),
                };
                t(format!("未知条件 `{condition}`"), format!("unknown condition `{condition}`"))
                    .label(p("不是 kaohe 读取的列", "not a column kaohe reads"))
                    .help(help)
            }
            R::OverOutsideLeave => Text::new(p("`over` 用于请假的时长", "`over` is for the length of a leave"))
                .label(p("不是请假", "not a leave")),
            R::BadDuration => Text::new(p("时长是整分钟数，至多一天", "a duration is whole minutes, at most a day"))
                .label(p("不是整分钟", "not whole minutes")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(name: &str) -> Option<Suggestion> {
        Some(Suggestion::Near { name: name.into(), label: String::new() })
    }

    #[test]
    fn every_check_error_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let d = Decimal::from;
        let mut examples = vec![
            CheckError::UnknownSubject { name: s("staf"), suggestion: near("staff") },
            CheckError::UnknownSubject { name: s("team"), suggestion: None },
            CheckError::MissingSubject { subject: "window" },
            CheckError::RoleOfWindow,
            CheckError::AttributeNotNumber { attribute: s("workdays") },
            CheckError::SecondAverage,
            CheckError::AverageWithRules { category: s("attendance") },
            CheckError::AverageInStaff,
            CheckError::AddInCategory { category: s("discipline") },
            CheckError::AmountsWithoutRange { fact: s("rude_conduct") },
            CheckError::RangeOnKind { kind: "count", fact: s("x"), min: d(5), max: d(10) },
            CheckError::TooLarge { number: d(2_000_000_000), max: d(1_000_000_000) },
            CheckError::EmptyCite,
            CheckError::SourceOutside { path: s("/etc/shadow") },
            CheckError::RuleWithoutCite { fact: s("x") },
            CheckError::UndeclaredFact { fact: s("x"), suggestion: None },
            CheckError::LevelTwice { level: s("county") },
            CheckError::UnknownLevel { level: s("town"), suggestion: None, levels: vec![s("county")] },
            CheckError::InWindowInWindowRule,
            CheckError::InWindowKind { fact: s("x"), kind: "amounts" },
            CheckError::UnknownRole { role: s("chief"), suggestion: near("chief_rep"), roles: vec![s("chief_rep")] },
            CheckError::UnknownRole { role: s("boss"), suggestion: None, roles: vec![s("chief_rep")] },
            CheckError::AverageOfOther { subject: s("window") },
            CheckError::NoStaffCategory { category: s("x"), suggestion: None },
            CheckError::NoStaffAttribute { attribute: s("x"), suggestion: None },
            CheckError::BadPlaces,
            CheckError::NoGrades { subject: s("staff") },
            CheckError::EmptyBand { grade: s("good"), from: d(90), below: d(80) },
            CheckError::Overlap { grade: s("good") },
            CheckError::GapBelow { from: d(60) },
            CheckError::Gap { end: d(80), from: d(85) },
            CheckError::NoBands,
            CheckError::GapAbove { end: d(100) },
            CheckError::NoBandToChoose { band: s("x"), suggestion: None },
            CheckError::QuotaOverAll { percent: d(150) },
            CheckError::VetoOnBand { grade: s("competent") },
            CheckError::UnknownGrade { grade: s("x"), suggestion: near("excellent"), grades: vec![] },
            CheckError::UnknownGrade { grade: s("x"), suggestion: None, grades: vec![s("excellent")] },
            CheckError::ReadingTextTwice { reading: s("r"), first: Some(Span::at(0)), first_file: None },
            CheckError::ReadingTextTwice { reading: s("r"), first: None, first_file: Some(s("window.rules")) },
            CheckError::ReadingWithoutText { reading: s("r") },
            CheckError::NotAnAnnex { cite: s("第十条") },
            CheckError::RowNotATableRow { cite: s("第十条") },
            CheckError::RowTwice { cite: s("附件1/工作纪律/1"), first: Span::at(0) },
            CheckError::LabelsInWindow,
            CheckError::GradeLabelledTwice { grade: s("competent"), staff_type: s("institution") },
            CheckError::HonourLimit { limit: d(3) / d(2), max: 1_000_000 },
            CheckError::AmongUndeclared { fact: s("x"), suggestion: None },
            CheckError::AmongItself { fact: s("x") },
            CheckError::AmongKinds { fact: s("x"), kind: "count", other: s("y"), other_kind: "days" },
            CheckError::NoAnnualTotal,
            CheckError::AnnualTotalTwice,
            CheckError::ConditionTooDeep { limit: 32 },
            CheckError::NoRoles { subject: s("window") },
            CheckError::VetoTestsGrade,
            CheckError::EveryQuarterOutsideAnnual,
            CheckError::OfStaffOutsideWindow,
            CheckError::InWindowInWindowCondition,
            CheckError::MonthsInHallOutsideAnnual,
        ];
        for what in [
            Declared::Policy,
            Declared::Source,
            Declared::Level,
            Declared::Subject,
            Declared::Category,
            Declared::Role,
            Declared::Attribute,
            Declared::Fact,
            Declared::Name,
            Declared::Grade,
            Declared::Readings,
            Declared::Annex,
            Declared::StaffType,
            Declared::Honour,
        ] {
            examples.push(CheckError::Duplicate { what, name: s("x"), first: Some(Span::at(0)), first_file: None });
        }
        examples.push(CheckError::Duplicate {
            what: Declared::Fact,
            name: s("x"),
            first: None,
            first_file: Some(s("window.rules")),
        });
        for block in [Block::Penalties, Block::Bonus, Block::Grades, Block::Annual] {
            examples.push(CheckError::BlockTwice { block });
        }
        for what in [
            Cited::Average,
            Cited::Quota,
            Cited::Veto,
            Cited::Flag,
            Cited::AnnualTotal,
            Cited::Rule,
            Cited::StaffTypeLabels,
            Cited::Honour,
        ] {
            examples.push(CheckError::NoCite { what });
        }
        for (kind, scored) in [
            ("count", Scored::PerDay),
            ("days", Scored::Each),
            ("amounts", Scored::EachBeyond),
            ("levels", Scored::AsAssessed),
            ("count", Scored::ByLevel),
        ] {
            examples.push(CheckError::KindMismatch { fact: s("x"), kind, scored });
        }
        for what in [Quantity::StaffFact, Quantity::Fact, Quantity::FactOrAttribute] {
            examples.push(CheckError::UndeclaredInCondition { name: s("x"), what, suggestion: None });
        }
        let variant = |e: &CheckError| match e {
            CheckError::Duplicate { .. } => 0,
            CheckError::UnknownSubject { .. } => 1,
            CheckError::MissingSubject { .. } => 2,
            CheckError::RoleOfWindow => 3,
            CheckError::AttributeNotNumber { .. } => 4,
            CheckError::SecondAverage => 5,
            CheckError::AverageWithRules { .. } => 6,
            CheckError::AverageInStaff => 7,
            CheckError::AddInCategory { .. } => 8,
            CheckError::BlockTwice { .. } => 9,
            CheckError::AmountsWithoutRange { .. } => 10,
            CheckError::RangeOnKind { .. } => 11,
            CheckError::TooLarge { .. } => 12,
            CheckError::EmptyCite => 13,
            CheckError::SourceOutside { .. } => 60,
            CheckError::RuleWithoutCite { .. } => 14,
            CheckError::NoCite { .. } => 15,
            CheckError::UndeclaredFact { .. } => 16,
            CheckError::KindMismatch { .. } => 17,
            CheckError::LevelTwice { .. } => 18,
            CheckError::UnknownLevel { .. } => 19,
            CheckError::InWindowInWindowRule => 20,
            CheckError::InWindowKind { .. } => 21,
            CheckError::UnknownRole { .. } => 22,
            CheckError::AverageOfOther { .. } => 23,
            CheckError::NoStaffCategory { .. } => 24,
            CheckError::NoStaffAttribute { .. } => 25,
            CheckError::BadPlaces => 26,
            CheckError::NoGrades { .. } => 27,
            CheckError::EmptyBand { .. } => 28,
            CheckError::Overlap { .. } => 29,
            CheckError::GapBelow { .. } => 30,
            CheckError::Gap { .. } => 31,
            CheckError::NoBands => 32,
            CheckError::GapAbove { .. } => 33,
            CheckError::NoBandToChoose { .. } => 34,
            CheckError::QuotaOverAll { .. } => 35,
            CheckError::VetoOnBand { .. } => 36,
            CheckError::UnknownGrade { .. } => 37,
            CheckError::NoAnnualTotal => 38,
            CheckError::AnnualTotalTwice => 39,
            CheckError::ConditionTooDeep { .. } => 40,
            CheckError::NoRoles { .. } => 41,
            CheckError::VetoTestsGrade => 42,
            CheckError::EveryQuarterOutsideAnnual => 43,
            CheckError::OfStaffOutsideWindow => 44,
            CheckError::InWindowInWindowCondition => 45,
            CheckError::MonthsInHallOutsideAnnual => 46,
            CheckError::UndeclaredInCondition { .. } => 47,
            CheckError::ReadingTextTwice { .. } => 48,
            CheckError::ReadingWithoutText { .. } => 49,
            CheckError::NotAnAnnex { .. } => 50,
            CheckError::RowNotATableRow { .. } => 51,
            CheckError::RowTwice { .. } => 52,
            CheckError::LabelsInWindow => 53,
            CheckError::GradeLabelledTwice { .. } => 54,
            CheckError::HonourLimit { .. } => 55,
            CheckError::AmongUndeclared { .. } => 56,
            CheckError::AmongItself { .. } => 57,
            CheckError::AmongKinds { .. } => 58,
            CheckError::Records(_) => 59,
        };
        examples.push(CheckError::Records(RecordsCheck::EmptyLabel));
        crate::source::diagnostic::assert_worded(&examples, variant, 61);
    }

    #[test]
    fn every_records_check_is_worded_in_both_languages() {
        use RecordsCheck as R;
        let s = |text: &str| text.to_string();
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
        let examples = [
            R::BlockTwice { block: "punches", first: Some(Span::at(0)), first_file: None },
            R::BlockTwice { block: "punches", first: None, first_file: Some(s("extra.rules")) },
            R::CalendarTwice { year: 2026 },
            R::NoCaseKinds,
            R::NotAYear { number: Decimal::from(20) },
            R::NoNotice,
            R::HolidayBackwards { holiday: s("春节") },
            R::HolidayTwice { day },
            R::WorkedNotWeekend { day },
            R::WorkedTwice { day },
            R::HolidayAndWorked { day },
            R::NoSuchDay { year: Some(2026), month: 2, day: 30 },
            R::NoSuchDay { year: None, month: 2, day: 30 },
            R::HalfBackwards { half: s("morning") },
            R::HalfTwice { half: s("morning") },
            R::HalvesNotTwo { schedule: s("作息时间"), halves: 1 },
            R::HalvesOverlap,
            R::NoSuchHalf { punch: s("morning_in"), half: s("mornin"), suggestion: near("morning") },
            R::NoSuchHalf { punch: s("morning_in"), half: s("x"), suggestion: None },
            R::PunchTwice { punch: s("morning_in") },
            R::SecondPunch { half: s("morning"), end: PunchAt::In },
            R::NoPunch { half: s("morning"), end: PunchAt::Out },
            R::WrongOff { punch: s("morning_in"), end: PunchAt::In },
            R::WrongOff { punch: s("morning_out"), end: PunchAt::Out },
            R::Unbounded { punch: s("morning_in"), end: PunchAt::In },
            R::Unbounded { punch: s("morning_out"), end: PunchAt::Out },
            R::LateNotAfter { punch: s("morning_in"), before: s("08:00") },
            R::EarlyInsideWindow { punch: s("morning_out") },
            R::NeverOnTime { punch: s("morning_in") },
            R::NotATime { hour: 25, minute: 0 },
            R::TwoWithoutSeason,
            R::AllSeasoned,
            R::PunchesWithoutSchedule,
            R::ScheduleUnlike { schedule: s("夏季作息"), base: s("作息时间") },
            R::SeasonsOverlap { first: s("夏季"), second: s("秋季"), month: 9, day: 1 },
            R::EmptyCite,
            R::NoCite { what: CountingPart::HalfDay },
            R::NoCite { what: CountingPart::Punch },
            R::NoCite { what: CountingPart::Rule },
            R::NoCite { what: CountingPart::Sum },
            R::NoCite { what: CountingPart::CaseKind },
            R::NoCite { what: CountingPart::Row },
            R::NoSuchRow { block: "reviews" },
            R::NameTwice { name: s("sick"), first: Span::at(0) },
            R::LabelTwice { label: s("病假"), first: Span::at(0) },
            R::EmptyLabel,
            R::Undeclared { name: s("sick"), block: "leave", suggestion: None },
            R::Undeclared { name: s("sik"), block: "leave", suggestion: near("sick") },
            R::AddsNothing { name: s("sick") },
            R::WorkdaysSummed,
            R::FactAndLeave { name: s("sick") },
            R::NotDays { name: s("late_early_away"), kind: "count" },
            R::NotFactNorLeave { name: s("x"), suggestion: None },
            R::ByFactTwice,
            R::ItemIsFact { item: s("串岗"), fact: s("desk_visiting") },
            R::CaseKindTwice { kind: s("promised") },
            R::WindowRow { block: "punches" },
            R::NoFact { whose: "staff", fact: s("x"), of_window: true, suggestion: None },
            R::NoFact { whose: "window", fact: s("x"), of_window: false, suggestion: None },
            R::CountPerDay { fact: s("x") },
            R::CountFraction { fact: s("x"), amount: Decimal::new(5, 1) },
            R::DaysNotHalves { fact: s("x"), amount: Decimal::new(3, 1) },
            R::NotCounted { fact: s("x"), kind: "levels" },
            R::AmountTooLarge { amount: Decimal::from(5000) },
            R::PerDayOutsideLeave { block: "punches" },
            R::UnknownCondition { condition: s("x"), block: "punches", allowed: vec![], suggestion: None },
            R::UnknownCondition { condition: s("x"), block: "leave", allowed: vec!["signed"], suggestion: None },
            R::UnknownCondition {
                condition: s("signd"),
                block: "leave",
                allowed: vec!["signed"],
                suggestion: near("signed"),
            },
            R::OverOutsideLeave,
            R::BadDuration,
        ];
        fn variant(e: &RecordsCheck) -> usize {
            use RecordsCheck as R;
            match e {
                R::BlockTwice { .. } => 0,
                R::CalendarTwice { .. } => 1,
                R::NoCaseKinds => 2,
                R::NotAYear { .. } => 3,
                R::NoNotice => 4,
                R::HolidayBackwards { .. } => 5,
                R::HolidayTwice { .. } => 6,
                R::WorkedNotWeekend { .. } => 7,
                R::WorkedTwice { .. } => 8,
                R::HolidayAndWorked { .. } => 9,
                R::NoSuchDay { .. } => 10,
                R::HalfBackwards { .. } => 11,
                R::HalfTwice { .. } => 12,
                R::HalvesNotTwo { .. } => 13,
                R::HalvesOverlap => 14,
                R::NoSuchHalf { .. } => 15,
                R::PunchTwice { .. } => 16,
                R::SecondPunch { .. } => 17,
                R::NoPunch { .. } => 18,
                R::WrongOff { .. } => 19,
                R::Unbounded { .. } => 20,
                R::LateNotAfter { .. } => 21,
                R::EarlyInsideWindow { .. } => 22,
                R::NeverOnTime { .. } => 23,
                R::NotATime { .. } => 24,
                R::TwoWithoutSeason => 25,
                R::AllSeasoned => 26,
                R::PunchesWithoutSchedule => 27,
                R::ScheduleUnlike { .. } => 28,
                R::SeasonsOverlap { .. } => 29,
                R::EmptyCite => 30,
                R::NoCite { .. } => 31,
                R::NoSuchRow { .. } => 32,
                R::NameTwice { .. } => 33,
                R::LabelTwice { .. } => 34,
                R::EmptyLabel => 35,
                R::Undeclared { .. } => 36,
                R::AddsNothing { .. } => 37,
                R::WorkdaysSummed => 38,
                R::FactAndLeave { .. } => 39,
                R::NotDays { .. } => 40,
                R::NotFactNorLeave { .. } => 41,
                R::ByFactTwice => 42,
                R::ItemIsFact { .. } => 43,
                R::CaseKindTwice { .. } => 44,
                R::WindowRow { .. } => 45,
                R::NoFact { .. } => 46,
                R::CountPerDay { .. } => 47,
                R::CountFraction { .. } => 48,
                R::DaysNotHalves { .. } => 49,
                R::NotCounted { .. } => 50,
                R::AmountTooLarge { .. } => 51,
                R::PerDayOutsideLeave { .. } => 52,
                R::UnknownCondition { .. } => 53,
                R::OverOutsideLeave => 54,
                R::BadDuration => 55,
            }
        }
        let examples: Vec<CheckError> = examples.into_iter().map(CheckError::Records).collect();
        let inner = |e: &CheckError| match e {
            CheckError::Records(r) => variant(r),
            _ => usize::MAX,
        };
        crate::source::diagnostic::assert_worded(&examples, inner, 56);
    }

    #[test]
    fn every_warning_and_miss_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let d = Decimal::from;
        let cite = |miss| Warning::Cite { cite: s("附件1/工作纪律/9"), miss };
        let examples = [
            Warning::CategoryTotal {
                subject: s("staff"),
                sum: d(95),
                total: d(100),
                parts: vec![(s("工作纪律"), d(20))],
            },
            Warning::InvertedRange { fact: s("x"), min: d(10), max: d(5) },
            Warning::Unused { name: s("x"), attribute: false },
            Warning::Unused { name: s("x"), attribute: true },
            Warning::ZeroCategory { category: s("x"), rules: 1 },
            Warning::ZeroCategory { category: s("x"), rules: 2 },
            Warning::DuplicateRule { fact: s("x"), part: RulePart::Category(s("service")), first: Span::at(0) },
            Warning::DuplicateRule { fact: s("x"), part: RulePart::Penalties, first: Span::at(0) },
            Warning::DuplicateRule { fact: s("x"), part: RulePart::Bonus, first: Span::at(0) },
            Warning::NoEffect { fact: s("x"), why: NoEffect::ZeroPoints },
            Warning::NoEffect { fact: s("x"), why: NoEffect::EveryLevelZero },
            Warning::NoEffect { fact: s("x"), why: NoEffect::AssessedAtZero { min: d(0), max: d(0) } },
            Warning::SourceUnreadable { path: s("../source/a.txt"), reason: None },
            Warning::SourceUnreadable {
                path: s("../source/a.txt"),
                reason: Some(std::io::Error::from(std::io::ErrorKind::NotFound).into()),
            },
            cite(Miss::NoAnnex { n: 3, annexes: 0 }),
            cite(Miss::NoAnnex { n: 3, annexes: 1 }),
            cite(Miss::NoAnnex { n: 3, annexes: 2 }),
            cite(Miss::NoCategory {
                n: 1, category: s("工作记律"), suggestion: near("工作纪律"), categories: vec![]
            }),
            cite(Miss::NoCategory { n: 1, category: s("x"), suggestion: None, categories: vec![s("工作纪律")] }),
            cite(Miss::NoRow { n: 1, category: s("工作纪律"), rows: 1, row: s("9") }),
            cite(Miss::NoRow { n: 1, category: s("工作纪律"), rows: 6, row: s("9") }),
            cite(Miss::NotARow { n: 1, category: s("工作纪律"), rows: 6, row: s("x") }),
            cite(Miss::ExtraPart { n: 1, extra: s("x") }),
            cite(Miss::NotInDocument { clause: s("第九十条") }),
            cite(Miss::BrokenAcrossLines { clause: s("第十五条") }),
            cite(Miss::NoHeading { part: s("五"), under: s("第十章") }),
            Warning::WordingNotInDocument { part: None },
            Warning::WordingNotInDocument { part: Some(s("每次扣5分")) },
            Warning::CellNotTheDocuments {
                cell: "考核要求", cite: s("附件1/工作纪律/1"), document: s("文明用语")
            },
            Warning::RowWordsMissing { cite: s("附件1/工作纪律/1") },
            Warning::RowsNotEncoded { annex: s("附件1"), rows: vec![s("附件1/工作纪律/1")] },
            Warning::RowsNotEncoded {
                annex: s("附件1"), rows: vec![s("附件1/工作纪律/1"), s("附件1/工作纪律/2")]
            },
            Warning::ReadingsFileUnreadable {
                path: s("readings.md"),
                reason: std::io::Error::from(std::io::ErrorKind::NotFound).into(),
            },
            Warning::ReadingNotExplained { reading: s("r") },
        ];
        let variant = |e: &Warning| match e {
            Warning::CategoryTotal { .. } => 0,
            Warning::InvertedRange { .. } => 1,
            Warning::Unused { .. } => 2,
            Warning::ZeroCategory { .. } => 3,
            Warning::DuplicateRule { .. } => 4,
            Warning::NoEffect { .. } => 5,
            Warning::SourceUnreadable { .. } => 6,
            Warning::Cite { miss, .. } => match miss {
                Miss::NoAnnex { .. } => 7,
                Miss::NoCategory { .. } => 8,
                Miss::NoRow { .. } => 9,
                Miss::NotARow { .. } => 10,
                Miss::ExtraPart { .. } => 11,
                Miss::NotInDocument { .. } => 12,
                Miss::BrokenAcrossLines { .. } => 13,
                Miss::NoHeading { .. } => 14,
            },
            Warning::WordingNotInDocument { .. } => 15,
            Warning::CellNotTheDocuments { .. } => 16,
            Warning::RowWordsMissing { .. } => 17,
            Warning::RowsNotEncoded { .. } => 18,
            Warning::ReadingsFileUnreadable { .. } => 19,
            Warning::ReadingNotExplained { .. } => 20,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 21);
        assert!(examples.iter().all(|w| w.severity() == Severity::Warning));
    }
}
