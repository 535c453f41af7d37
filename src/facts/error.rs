//! Everything the facts loader can say about a facts file, and how it says
//! it, in Chinese and English. Each error names the record (`staff[3]
//! `S0004``) and the field; the span beside it (`Located`) points at the
//! value in the file. Chinese messages give a fact or attribute its label
//! from the policy (`absent_days`（旷工天数）).

use rust_decimal::Decimal;

use crate::json::{JsonError, JsonType};
use crate::source::diagnostic::{list, named, Diagnostic, Lang, Text};
use crate::suggest::Suggestion;

/// A facts file, or a value in it, that cannot be scored.
#[derive(Debug, Clone, PartialEq)]
pub enum FactsError {
    /// The file is not JSON.
    Malformed(JsonError),
    /// The file is something else kaohe knows: a spreadsheet saved as CSV,
    /// a policy file, kaohe's own results.
    NotFacts {
        path: String,
        kind: FileKind,
    },
    /// The whole file is not an object.
    NotAnObject {
        found: JsonType,
    },
    UnknownTopField {
        name: String,
        suggestion: Option<Suggestion>,
    },
    /// A field given twice, at the top of the file (`record` none) or in a record.
    FieldTwice {
        record: Option<RecordAt>,
        name: String,
    },
    MissingPeriod,
    BadPeriod {
        found: Found,
    },
    MissingList {
        list: List,
    },
    NotAList {
        list: List,
        found: JsonType,
    },
    NotARecord {
        list: List,
        index: usize,
        found: JsonType,
    },
    BadId {
        list: List,
        index: usize,
        found: JsonType,
    },
    DuplicateId {
        record: RecordAt,
        first: usize,
    },
    /// A staff member with the id of a window (`window`: its index): a
    /// ledger asked for by id could be either.
    IdOfWindow {
        record: RecordAt,
        window: usize,
    },
    /// A record without `id`, `window`, `role`, or the attribute that
    /// weights an average (then `weights`: its id and label).
    MissingField {
        record: RecordAt,
        field: String,
        weights: Option<(String, String)>,
    },
    /// A value of the wrong JSON type.
    WrongType {
        record: RecordAt,
        field: Field,
        expected: Expected,
        found: JsonType,
        hint: Option<TypeHint>,
    },
    UnknownWindow {
        record: RecordAt,
        window: String,
        suggestion: Option<Suggestion>,
    },
    BadDate {
        record: RecordAt,
        text: String,
    },
    /// `roles`: each role's id and label.
    UnknownRole {
        record: RecordAt,
        found: Found,
        roles: Vec<(String, String)>,
        suggestion: Option<Suggestion>,
    },
    /// A record field that is not one; `fields`: those a record has;
    /// `is_fact`: it is a fact, written outside `facts`.
    UnknownField {
        record: RecordAt,
        name: String,
        suggestion: Option<Suggestion>,
        is_fact: bool,
        fields: Vec<String>,
    },
    /// `subject`: the id and label of the subject whose facts these are.
    UnknownFact {
        record: RecordAt,
        name: String,
        subject: (String, String),
        suggestion: Option<Suggestion>,
    },
    FactTwice {
        record: RecordAt,
        name: String,
    },
    UnknownStaff {
        record: RecordAt,
        id: String,
        suggestion: Option<Suggestion>,
    },
    BadNumber {
        record: RecordAt,
        field: Field,
        number: String,
        problem: NumberProblem,
    },
    BadQuantity {
        record: RecordAt,
        field: Field,
        days: bool,
        value: Decimal,
        problem: QuantityProblem,
    },
    OutOfRange {
        record: RecordAt,
        field: Field,
        value: Decimal,
        min: Decimal,
        max: Decimal,
    },
    LevelTwice {
        record: RecordAt,
        field: Field,
        level: String,
    },
    /// `levels`: each level's id and label.
    UnknownLevel {
        record: RecordAt,
        field: Field,
        level: String,
        levels: Vec<(String, String)>,
        suggestion: Option<Suggestion>,
    },
    /// `staff_type` that the policy does not declare; `types`: those it does.
    UnknownStaffType {
        record: RecordAt,
        found: Found,
        types: Vec<(String, String)>,
        suggestion: Option<Suggestion>,
    },
    /// A fact counted among another (`among`) given more often than the
    /// other: `count` of `field` among `of` of `other`.
    MoreThanAmong {
        record: RecordAt,
        field: Field,
        count: Decimal,
        of: Decimal,
        other: (String, String),
    },
    /// `evidence` that is not an object of lists.
    EvidenceNotObject {
        record: RecordAt,
        found: JsonType,
    },
    /// `evidence` under a name that is no fact (or attribute) of the subject.
    EvidenceUnknown {
        record: RecordAt,
        name: String,
        subject: String,
        suggestion: Option<Suggestion>,
    },
    EvidenceTwice {
        record: RecordAt,
        name: String,
    },
    /// Evidence for a fact (or, `attribute`, an attribute) the record gives as 0.
    EvidenceOfZero {
        record: RecordAt,
        name: String,
        attribute: bool,
    },
    EvidenceNotList {
        record: RecordAt,
        name: String,
        found: JsonType,
    },
    /// Item `index` of the evidence of `name`, and what is wrong with it.
    EvidenceItem {
        record: RecordAt,
        name: String,
        index: usize,
        problem: ItemProblem,
    },
    /// A record's `id` (or a substitution's `substitute`) holding a line
    /// break, a control character or a direction override: it would show
    /// as another id, or none, in tables, bulletins and terminals.
    IdCharacter {
        list: List,
        index: usize,
        field: &'static str,
        character: char,
    },
    /// A substitution whose `substitute` is the staff member it is `for`.
    SubstituteForSelf {
        record: RecordAt,
        id: String,
    },
    /// A staff member's fact that, with what substitutes earned for them
    /// (第十四条), comes to more than a fact may hold.
    SumTooLarge {
        record: RecordAt,
        person: String,
        field: Field,
        total: Decimal,
        max: Decimal,
    },
    /// A window whose staff weigh nothing, so its average cannot be taken:
    /// `members` how many staff it has, `weight` and `averaged` the id and
    /// label of the attribute and of the averaged category.
    NoWeight {
        window: String,
        members: usize,
        weight: (String, String),
        averaged: Option<(String, String)>,
    },
}

/// What is wrong with one evidence item (`{"date", "note", "source"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemProblem {
    NotAnObject {
        found: JsonType,
    },
    UnknownField {
        field: String,
        suggestion: Option<Suggestion>,
    },
    FieldTwice {
        field: String,
    },
    /// `found` none: an empty string.
    NotText {
        field: &'static str,
        found: Option<JsonType>,
    },
    Missing {
        field: &'static str,
    },
    BadDate {
        text: String,
    },
}

/// What a file given as `--facts` is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Policy,
    /// What `kaohe eval`, `annual` or `diff` wrote.
    Results(Command),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Eval,
    Annual,
    Diff,
}

/// Which list of the file a record is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Windows,
    Staff,
    Substitutions,
}

impl List {
    /// The key in the file.
    pub fn key(self) -> &'static str {
        match self {
            List::Windows => "windows",
            List::Staff => "staff",
            List::Substitutions => "substitutions",
        }
    }
}

/// Which record a message is about: `staff[3] `S004``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordAt {
    pub list: List,
    pub index: usize,
    pub id: Option<String>,
}

impl RecordAt {
    fn text(&self) -> String {
        match &self.id {
            Some(id) => format!("{}[{}] `{id}`", self.list.key(), self.index),
            None => format!("{}[{}]", self.list.key(), self.index),
        }
    }
}

/// Which field of a record a message is about, and its label in the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub path: FieldPath,
    /// The fact's or attribute's label; empty when it has none.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPath {
    /// `workdays`
    Attribute(String),
    /// `facts.rude_conduct`
    Fact(String),
    /// `facts.rude_conduct[1]`
    Item(String, usize),
    /// `facts.exposures.county`
    Level(String, String),
}

impl Field {
    /// `` `facts.late_early_away` ``, and in Chinese its label after it.
    fn text(&self, lang: Lang) -> String {
        let path = match &self.path {
            FieldPath::Attribute(name) => name.clone(),
            FieldPath::Fact(name) => format!("facts.{name}"),
            FieldPath::Item(name, index) => format!("facts.{name}[{index}]"),
            FieldPath::Level(name, level) => format!("facts.{name}.{level}"),
        };
        match lang {
            Lang::Zh => named(lang, &path, &self.label),
            Lang::En => format!("`{path}`"),
        }
    }
}

/// What was found where something else was expected: text from the file
/// (already clipped to a readable length), or a value of another type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Text(String),
    Type(JsonType),
}

impl Found {
    /// `` `2026Q3` `` or `a number`; in Chinese, text quoted from the file
    /// is set off by a space, a type is not (`实为 `x``, `实为数字`).
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Found::Text(text), Lang::Zh) => format!(" `{text}`"),
            (Found::Text(text), Lang::En) => format!("`{text}`"),
            (Found::Type(found), _) => found.text(lang).to_string(),
        }
    }
}

/// A field of a record that has no label: `window`, `joined`.
fn plain(name: &str) -> Field {
    Field { path: FieldPath::Attribute(name.to_string()), label: String::new() }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// `name`
    Name,
    /// `window`
    WindowId,
    /// `joined`
    Date,
    /// `facts`
    FactsObject,
    /// A count: a whole number.
    Count,
    Days,
    /// One assessed amount.
    Amount,
    /// The list of a fact's assessed amounts.
    Amounts,
    /// A levels fact's counts per level.
    LevelCounts,
    /// A substitution's `substitute`, `name` and `for`.
    NonEmptyString,
}

/// Advice for a value of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeHint {
    /// A number in quotes: `"2"`.
    Unquote(String),
    /// A list where a count belongs.
    ListOnlyForAmounts,
    /// A number where a list of amounts belongs.
    ListTheAmounts,
    /// An example of counts per level, with the first level's id.
    PerLevel(String),
}

/// Why a number's text is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    TooLarge { max: Decimal },
    TooPrecise,
    NotANumber,
}

/// Why a count or a number of days is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityProblem {
    Negative,
    TooLarge { max: Decimal },
    NotWhole,
    NotHalf,
}

impl Expected {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Expected::Name => lang.pick("字符串", "a string"),
            Expected::WindowId => lang.pick("窗口编号（字符串）", "a window id (a string)"),
            Expected::Date => lang.pick("日期（如 `2026-08-15`）", "a date like `2026-08-15`"),
            Expected::FactsObject => lang.pick("由各项事实组成的对象", "an object of facts"),
            Expected::Count => lang.pick("次数（整数）", "a count (a whole number)"),
            Expected::Days => lang.pick("天数", "a number of days"),
            Expected::Amount => lang.pick("分值", "an amount"),
            Expected::Amounts => lang.pick("各项评定分值的列表", "a list of assessed amounts"),
            Expected::LevelCounts => lang.pick("按级别的次数", "counts per level"),
            Expected::NonEmptyString => lang.pick("非空字符串", "a non-empty string"),
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Expected::Name => lang.pick("不是名称", "not a name"),
            Expected::WindowId => lang.pick("不是窗口编号", "not a window id"),
            Expected::Date => lang.pick("不是日期", "not a date"),
            Expected::FactsObject | Expected::LevelCounts => lang.pick("不是对象", "not an object"),
            Expected::Count | Expected::Days | Expected::Amount => lang.pick("类型不对", "wrong type"),
            Expected::Amounts => lang.pick("不是列表", "not a list"),
            Expected::NonEmptyString => lang.pick("不是字符串", "not a string"),
        }
    }
}

impl TypeHint {
    fn text(&self, lang: Lang) -> String {
        match self {
            TypeHint::Unquote(text) => {
                lang.pick(format!("数字不加引号：`{text}`"), format!("write the number without quotes: `{text}`"))
            }
            TypeHint::ListOnlyForAmounts => {
                lang.pick("只有 `amounts` 类事实才用列表", "only `amounts` facts take a list").to_string()
            }
            TypeHint::ListTheAmounts => lang
                .pick(
                    "把每一项评定的分值列出来，例如 `[6, 8]`",
                    "list the points assessed for each case, for example `[6, 8]`",
                )
                .to_string(),
            TypeHint::PerLevel(level) => lang.pick(
                format!("按级别给出次数，例如 `{{\"{level}\": 1}}`"),
                format!("give a count per level, for example `{{\"{level}\": 1}}`"),
            ),
        }
    }
}

/// `` `chief_rep` (首席代表), `operator` (操作人员) ``
fn names(lang: Lang, items: &[(String, String)]) -> String {
    let shown: Vec<String> = items.iter().map(|(id, label)| named(lang, id, label)).collect();
    shown.join(lang.pick("、", ", "))
}

/// `staff[0] `S001`, `facts.x`: …` in English; `staff[0] `S001` 的 `facts.x`（标签）：…` in Chinese.
fn at_field(lang: Lang, record: &RecordAt, field: &Field, zh: String, en: String) -> String {
    let (record, field) = (record.text(), field.text(lang));
    lang.pick(format!("{record} 的 {field}：{zh}"), format!("{record}, {field}: {en}"))
}

/// `staff[0] `S001`: …`
fn at(lang: Lang, record: &RecordAt, zh: String, en: String) -> String {
    let record = record.text();
    lang.pick(format!("{record}：{zh}"), format!("{record}: {en}"))
}

fn suggested(lang: Lang, suggestion: &Option<Suggestion>) -> Option<String> {
    suggestion.as_ref().map(|s| s.help(lang))
}

impl Diagnostic for FactsError {
    fn code(&self) -> &'static str {
        match self {
            FactsError::Malformed(error) => error.code(),
            FactsError::NotFacts { .. } => "kaohe::facts::not_facts",
            FactsError::NotAnObject { .. } => "kaohe::facts::not_an_object",
            FactsError::UnknownTopField { .. } => "kaohe::facts::unknown_top_field",
            FactsError::FieldTwice { .. } => "kaohe::facts::field_twice",
            FactsError::MissingPeriod => "kaohe::facts::missing_period",
            FactsError::BadPeriod { .. } => "kaohe::facts::bad_period",
            FactsError::MissingList { .. } => "kaohe::facts::missing_list",
            FactsError::NotAList { .. } => "kaohe::facts::not_a_list",
            FactsError::NotARecord { .. } => "kaohe::facts::not_a_record",
            FactsError::BadId { .. } => "kaohe::facts::bad_id",
            FactsError::DuplicateId { .. } => "kaohe::facts::duplicate_id",
            FactsError::IdOfWindow { .. } => "kaohe::facts::id_of_window",
            FactsError::MissingField { .. } => "kaohe::facts::missing_field",
            FactsError::WrongType { .. } => "kaohe::facts::wrong_type",
            FactsError::UnknownWindow { .. } => "kaohe::facts::unknown_window",
            FactsError::BadDate { .. } => "kaohe::facts::bad_date",
            FactsError::UnknownRole { .. } => "kaohe::facts::unknown_role",
            FactsError::UnknownField { .. } => "kaohe::facts::unknown_field",
            FactsError::UnknownFact { .. } => "kaohe::facts::unknown_fact",
            FactsError::FactTwice { .. } => "kaohe::facts::fact_twice",
            FactsError::UnknownStaff { .. } => "kaohe::facts::unknown_staff",
            FactsError::BadNumber { .. } => "kaohe::facts::bad_number",
            FactsError::BadQuantity { .. } => "kaohe::facts::bad_quantity",
            FactsError::OutOfRange { .. } => "kaohe::facts::out_of_range",
            FactsError::LevelTwice { .. } => "kaohe::facts::level_twice",
            FactsError::UnknownLevel { .. } => "kaohe::facts::unknown_level",
            FactsError::NoWeight { .. } => "kaohe::facts::no_weight",
            FactsError::UnknownStaffType { .. } => "kaohe::facts::unknown_staff_type",
            FactsError::MoreThanAmong { .. } => "kaohe::facts::more_than_among",
            FactsError::IdCharacter { .. } => "kaohe::facts::id_character",
            FactsError::SubstituteForSelf { .. } => "kaohe::facts::substitute_for_self",
            FactsError::SumTooLarge { .. } => "kaohe::facts::sum_too_large",
            FactsError::EvidenceNotObject { .. }
            | FactsError::EvidenceUnknown { .. }
            | FactsError::EvidenceTwice { .. }
            | FactsError::EvidenceOfZero { .. }
            | FactsError::EvidenceNotList { .. }
            | FactsError::EvidenceItem { .. } => "kaohe::facts::evidence",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            FactsError::Malformed(error) => {
                let inner = error.text(lang);
                Text::new(
                    lang.pick(
                        format!("JSON 格式有误：{}", inner.message),
                        format!("malformed JSON: {}", inner.message),
                    ),
                )
                .label(lang.pick("这里", "here"))
                .help_if(inner.help)
            }
            FactsError::NotFacts { path, kind } => {
                let what = match kind {
                    FileKind::Csv => lang.pick("一个 CSV 表格", "a CSV table"),
                    FileKind::Policy => lang.pick("一个政策文件（`.rules`）", "a policy file (`.rules`)"),
                    FileKind::Results(Command::Eval) => lang
                        .pick("kaohe 自己的考核结果（`kaohe eval` 的输出）", "kaohe's own results (of `kaohe eval`)"),
                    FileKind::Results(Command::Annual) => lang.pick(
                        "kaohe 自己的年度结果（`kaohe annual` 的输出）",
                        "kaohe's own annual results (of `kaohe annual`)",
                    ),
                    FileKind::Results(Command::Diff) => lang.pick(
                        "kaohe 自己的比较结果（`kaohe diff` 的输出）",
                        "kaohe's own comparison (of `kaohe diff`)",
                    ),
                };
                let help = match kind {
                    FileKind::Csv => lang.pick(
                        "`--facts` 读的是一个考核期的 JSON 事实文件（见 docs/io.md）：每个窗口和每位工作人员一条记录，写明各项事实；表格则按汇总表给出（人员.csv、窗口.csv、说明.csv，或 `kaohe template` 生成的 .xlsx）",
                        "`--facts` reads one period's facts as JSON (docs/io.md): a record for each window and each staff member with their facts; a table is given as a summary (人员.csv, 窗口.csv, 说明.csv, or the .xlsx `kaohe template` makes)",
                    ),
                    FileKind::Policy => lang.pick(
                        "政策文件所在的目录用 `--policy` 给出；`--facts` 给出一个考核期的 JSON 事实文件（见 docs/io.md）",
                        "a policy's directory goes to `--policy`; `--facts` takes one period's facts as JSON (docs/io.md)",
                    ),
                    FileKind::Results(_) => lang.pick(
                        "`--facts` 要的是计分所依据的事实文件（见 docs/io.md），即交给 `kaohe eval --facts` 的文件，而不是 kaohe 写出的结果",
                        "`--facts` takes the facts a period is scored from (docs/io.md): the file given to `kaohe eval --facts`, not what kaohe wrote",
                    ),
                };
                Text::new(lang.pick(
                    // A space between 是 and a Latin word (`kaohe`), as Chinese technical writing sets it.
                    format!(
                        "`{path}` 是{}{what}，不是事实文件",
                        if what.starts_with(|c: char| c.is_ascii_alphabetic()) { " " } else { "" }
                    ),
                    format!("`{path}` is {what}, not a facts file"),
                ))
                .label(match kind {
                    FileKind::Csv => lang.pick("表格的表头", "a table's header row"),
                    FileKind::Policy => lang.pick("政策的写法", "policy text"),
                    FileKind::Results(_) => lang.pick("只有结果里才有这个字段", "only results have this field"),
                })
                .help(help)
            }
            FactsError::NotAnObject { found } => Text::new(lang.pick(
                format!("这里应是一个含 `period`、`windows` 和 `staff` 的对象，实为{}", found.text(lang)),
                format!("expected an object with `period`, `windows` and `staff`, found {}", found.text(lang)),
            ))
            .label(lang.pick("整个文件", "the whole file")),
            FactsError::UnknownTopField { name, suggestion } => Text::new(lang.pick(
                format!("文件顶层有未知字段 `{name}`"),
                format!("unknown field `{name}` at the top of the file"),
            ))
            .label(lang.pick("未知字段", "unknown field"))
            .help_if(suggested(lang, suggestion)),
            FactsError::FieldTwice { record, name } => {
                let (zh, en) = (format!("字段 `{name}` 出现了两次"), format!("field `{name}` is given twice"));
                Text::new(match record {
                    Some(record) => at(lang, record, zh, en),
                    None => lang.pick(zh, en),
                })
                .label(lang.pick("重复", "again"))
            }
            FactsError::MissingPeriod => Text::new(lang.pick("缺少字段 `period`", "missing field `period`"))
                .label(lang.pick("在这个对象中", "in this object"))
                .help(lang.pick("加上 `\"period\": \"2026-Q3\"`", "add `\"period\": \"2026-Q3\"`")),
            FactsError::BadPeriod { found } => Text::new(lang.pick(
                format!("`period`：应为 `2026-Q3` 这样的季度或 `2026` 这样的年份，实为{}", found.text(lang)),
                format!(
                    "`period`: expected a quarter like `2026-Q3` or a year like `2026`, found {}",
                    found.text(lang)
                ),
            ))
            .label(lang.pick("不是考核期", "not a period")),
            FactsError::MissingList { list } => {
                let key = list.key();
                Text::new(lang.pick(format!("缺少字段 `{key}`"), format!("missing field `{key}`")))
                    .label(lang.pick("在这个对象中", "in this object"))
                    .help(lang.pick(
                        format!("加上 `\"{key}\": [ … ]`，即使它是空的"),
                        format!("add `\"{key}\": [ … ]`, even if it is empty"),
                    ))
            }
            FactsError::NotAList { list, found } => {
                let (key, found) = (list.key(), found.text(lang));
                let en = match list {
                    List::Substitutions => format!("`{key}`: expected a list, found {found}"),
                    _ => format!("`{key}`: expected a list of records, found {found}"),
                };
                Text::new(lang.pick(format!("`{key}`：应为记录的列表，实为{found}"), en))
                    .label(lang.pick("不是列表", "not a list"))
            }
            FactsError::NotARecord { list, index, found } => {
                let (key, found) = (list.key(), found.text(lang));
                let (en, label) = match list {
                    List::Substitutions => (
                        format!("{key}[{index}]: expected an object, found {found}"),
                        lang.pick("不是对象", "not an object"),
                    ),
                    _ => (
                        format!("{key}[{index}]: expected a record (an object), found {found}"),
                        lang.pick("不是记录", "not a record"),
                    ),
                };
                Text::new(lang.pick(format!("{key}[{index}]：应为一条记录（对象），实为{found}"), en)).label(label)
            }
            FactsError::BadId { list, index, found } => {
                let (key, found) = (list.key(), found.text(lang));
                Text::new(lang.pick(
                    format!("{key}[{index}] 的 `id`：应为非空字符串，实为{found}"),
                    format!("{key}[{index}], `id`: expected a non-empty string, found {found}"),
                ))
                .label(lang.pick("不是编号", "not an id"))
            }
            FactsError::DuplicateId { record, first } => {
                let (key, index, id) = (record.list.key(), record.index, record.id.as_deref().unwrap_or_default());
                Text::new(lang.pick(
                    format!("{key}[{index}]：编号 `{id}` 用了两次"),
                    format!("{key}[{index}]: id `{id}` is used twice"),
                ))
                .label(lang.pick("编号重复", "duplicate id"))
                .help(lang.pick(
                    format!("第一次在 {key}[{first}]；每条记录要有自己的编号"),
                    format!("the first is {key}[{first}]; every record needs its own id"),
                ))
            }
            FactsError::IdOfWindow { record, window } => {
                let (index, id) = (record.index, record.id.as_deref().unwrap_or_default());
                Text::new(lang.pick(
                    format!("staff[{index}]：编号 `{id}` 已是 windows[{window}] 的编号"),
                    format!("staff[{index}]: id `{id}` is the id of windows[{window}]"),
                ))
                .label(lang.pick("窗口的编号", "a window's id"))
                .help(lang.pick(
                    "工作人员和窗口各用自己的编号：结果和台账（`kaohe explain --id`）都按编号找记录",
                    "give staff and windows ids of their own: results and ledgers (`kaohe explain --id`) find a record by its id",
                ))
            }
            FactsError::MissingField { record, field, weights } => {
                let label = match record.list {
                    List::Substitutions => lang.pick("这一条", "this entry"),
                    _ => lang.pick("这条记录", "this record"),
                };
                Text::new(at(lang, record, format!("缺少字段 `{field}`"), format!("missing field `{field}`")))
                    .label(label)
                    .help_if(weights.as_ref().map(|(id, weight)| {
                        let name = named(lang, id, weight);
                        lang.pick(
                            format!("{name} 是窗口平均得分的权数"),
                            format!("{name} weights the window's averaged score"),
                        )
                    }))
            }
            FactsError::WrongType { record, field, expected, found, hint } => {
                let (wanted, found) = (expected.text(lang), found.text(lang));
                Text::new(at_field(
                    lang,
                    record,
                    field,
                    format!("应为{wanted}，实为{found}"),
                    format!("expected {wanted}, found {found}"),
                ))
                .label(expected.label(lang))
                .help_if(hint.as_ref().map(|h| h.text(lang)))
            }
            FactsError::UnknownWindow { record, window, suggestion } => Text::new(at_field(
                lang,
                record,
                &plain("window"),
                format!("没有编号为 `{window}` 的窗口"),
                format!("no window has id `{window}`"),
            ))
            .label(lang.pick("未知窗口", "unknown window"))
            .help(suggested(lang, suggestion).unwrap_or_else(|| {
                lang.pick(
                    "工作人员的 `window` 是 `windows` 中某条记录的编号".to_string(),
                    "a staff member's `window` is the id of a record in `windows`".to_string(),
                )
            })),
            FactsError::BadDate { record, text } => {
                Text::new(at_field(
                    lang,
                    record,
                    &plain("joined"),
                    format!("应为 `2026-08-15` 这样的日期，实为 `{text}`"),
                    format!("expected a date like `2026-08-15`, found `{text}`"),
                ))
                .label(lang.pick("不是日期", "not a date"))
                .help(lang.pick(
                    "进入大厅工作的日期，写作 YYYY-MM-DD",
                    "the day the person started in the hall, as YYYY-MM-DD",
                ))
            }
            FactsError::UnknownRole { record, found, roles, suggestion } => {
                let found = found.text(lang);
                Text::new(at_field(
                    lang,
                    record,
                    &plain("role"),
                    format!("应为一个角色，实为{found}"),
                    format!("expected a role, found {found}"),
                ))
                .label(lang.pick("未知角色", "unknown role"))
                .help(suggested(lang, suggestion).unwrap_or_else(|| {
                    let roles = names(lang, roles);
                    lang.pick(format!("角色有：{roles}"), format!("roles are {roles}"))
                }))
            }
            FactsError::UnknownField { record, name, suggestion, is_fact, fields } => {
                let help = match (suggestion, is_fact) {
                    (Some(s), _) => s.help(lang),
                    (None, true) => lang.pick(
                        format!("`{name}` 是一项事实：请放在 `facts` 里"),
                        format!("`{name}` is a fact: put it inside `facts`"),
                    ),
                    (None, false) => {
                        let key = record.list.key();
                        let fields = list(lang, fields.iter().map(String::as_str));
                        lang.pick(
                            format!("{key} 记录的字段有：{fields}"),
                            format!("a {key} record has the fields {fields}"),
                        )
                    }
                };
                Text::new(at(lang, record, format!("未知字段 `{name}`"), format!("unknown field `{name}`")))
                    .label(lang.pick("未知字段", "unknown field"))
                    .help(help)
            }
            FactsError::UnknownFact { record, name, subject: (subject, subject_label), suggestion } => {
                Text::new(at(lang, record, format!("未知事实 `{name}`"), format!("unknown fact `{name}`")))
                    .label(lang.pick("本政策没有这项事实", "not a fact of this policy"))
                    .help(suggested(lang, suggestion).unwrap_or_else(|| {
                        let who = named(lang, subject, subject_label);
                        lang.pick(
                            format!("可用的事实名称见政策中 {who} 的 `facts`"),
                            format!("see the `facts` of subject `{subject}` in the policy for the names it accepts"),
                        )
                    }))
            }
            FactsError::FactTwice { record, name } => Text::new(at(
                lang,
                record,
                format!("事实 `{name}` 出现了两次"),
                format!("fact `{name}` is given twice"),
            ))
            .label(lang.pick("重复", "again")),
            FactsError::UnknownStaff { record, id, suggestion } => Text::new(at_field(
                lang,
                record,
                &plain("for"),
                format!("没有编号为 `{id}` 的工作人员"),
                format!("no staff member has id `{id}`"),
            ))
            .label(lang.pick("未知的工作人员编号", "unknown staff id"))
            .help(suggested(lang, suggestion).unwrap_or_else(|| {
                lang.pick(
                    "`for` 是被顶岗的工作人员的编号".to_string(),
                    "`for` is the id of the staff member stood in for".to_string(),
                )
            })),
            FactsError::BadNumber { record, field, number, problem } => {
                let (zh, en, label, help) = match problem {
                    NumberProblem::TooLarge { max } => (
                        "太大",
                        "is too large",
                        lang.pick("太大", "too large"),
                        lang.pick(format!("事实最多为 {max}"), format!("facts hold at most {max}")),
                    ),
                    NumberProblem::TooPrecise => (
                        "位数太多，无法精确读取",
                        "has more digits than can be read exactly",
                        lang.pick("位数太多", "too many digits"),
                        lang.pick(
                            "kaohe 精确计算，事实的数字小数点后最多 6 位".to_string(),
                            "kaohe computes exactly, and a fact's number has at most 6 digits after the point"
                                .to_string(),
                        ),
                    ),
                    NumberProblem::NotANumber => (
                        "不是数字",
                        "is not a number",
                        lang.pick("不是数字", "not a number"),
                        lang.pick(
                            "写成 `2` 或 `1.5` 这样的数字".to_string(),
                            "write a number like `2` or `1.5`".to_string(),
                        ),
                    ),
                };
                Text::new(at_field(
                    lang,
                    record,
                    field,
                    format!("数字 `{number}` {zh}"),
                    format!("the number `{number}` {en}"),
                ))
                .label(label)
                .help(help)
            }
            FactsError::BadQuantity { record, field, days, value, problem } => {
                let noun = match days {
                    true => lang.pick("天数", "a number of days"),
                    false => lang.pick("次数", "a count"),
                };
                let (zh, en, help) = match problem {
                    QuantityProblem::Negative => ("不能为负数", "cannot be negative", None),
                    QuantityProblem::TooLarge { max } => (
                        "太大",
                        "is too large",
                        Some(lang.pick(format!("事实最多为 {max}"), format!("facts hold at most {max}"))),
                    ),
                    QuantityProblem::NotWhole => (
                        "应为整数",
                        "is not a whole number",
                        Some(
                            lang.pick("次数是发生了几次：0、1、2……", "a count says how many times: 0, 1, 2, …")
                                .to_string(),
                        ),
                    ),
                    QuantityProblem::NotHalf => (
                        "应为 0.5 的倍数",
                        "is not a multiple of 0.5",
                        Some(
                            lang.pick("天数以半天计：1、1.5、2……", "days are counted in half days: 1, 1.5, 2, …")
                                .to_string(),
                        ),
                    ),
                };
                let label = match problem {
                    QuantityProblem::Negative => lang.pick("为负数", "cannot be negative"),
                    QuantityProblem::TooLarge { .. } => lang.pick("太大", "is too large"),
                    QuantityProblem::NotWhole => lang.pick("不是整数", "is not a whole number"),
                    QuantityProblem::NotHalf => lang.pick("不是 0.5 的倍数", "is not a multiple of 0.5"),
                };
                Text::new(at_field(
                    lang,
                    record,
                    field,
                    format!("{noun}{zh}，实为 `{value}`"),
                    format!("{noun} {en}, found `{value}`"),
                ))
                .label(label)
                .help_if(help)
            }
            FactsError::OutOfRange { record, field, value, min, max } => Text::new(at_field(
                lang,
                record,
                field,
                format!("分值 `{value}` 不在 {min}-{max} 的范围内"),
                format!("amount `{value}` is outside the range {min}-{max}"),
            ))
            .label(lang.pick(format!("不在 {min}-{max} 之内"), format!("not in {min}-{max}")))
            .help(lang.pick(
                format!("评分细则规定每项为 {min} 至 {max} 分；超出范围的分值不会被自动调整"),
                format!("the table allows {min} to {max} points for each case; amounts are never clamped"),
            )),
            FactsError::LevelTwice { record, field, level } => Text::new(at_field(
                lang,
                record,
                field,
                format!("级别 `{level}` 出现了两次"),
                format!("level `{level}` is given twice"),
            ))
            .label(lang.pick("重复", "again")),
            FactsError::UnknownLevel { record, field, level, levels, suggestion } => Text::new(at_field(
                lang,
                record,
                field,
                format!("未知级别 `{level}`"),
                format!("unknown level `{level}`"),
            ))
            .label(lang.pick("不是级别", "not a level"))
            .help(suggested(lang, suggestion).unwrap_or_else(|| {
                let levels = names(lang, levels);
                lang.pick(format!("级别有：{levels}"), format!("levels are {levels}"))
            })),
            FactsError::UnknownStaffType { record, found, types, suggestion } => {
                let found = found.text(lang);
                Text::new(at_field(
                    lang,
                    record,
                    &plain("staff_type"),
                    format!("应为一个人员类型，实为{found}"),
                    format!("expected a staff type, found {found}"),
                ))
                .label(lang.pick("未知的人员类型", "unknown staff type"))
                .help(suggested(lang, suggestion).unwrap_or_else(|| {
                    if types.is_empty() {
                        lang.pick(
                            "政策没有声明人员类型（`labels for …`）；请去掉这个字段".to_string(),
                            "the policy declares no staff types (`labels for …`); leave the field out".to_string(),
                        )
                    } else {
                        let types = names(lang, types);
                        lang.pick(
                            format!("人员类型有：{types}；其他人员不写这个字段"),
                            format!("staff types are {types}; leave the field out for the others"),
                        )
                    }
                }))
            }
            FactsError::MoreThanAmong { record, field, count, of, other: (other, other_label) } => {
                let (this, label) = match &field.path {
                    FieldPath::Fact(name) => (name.as_str(), field.label.as_str()),
                    _ => ("", ""),
                };
                Text::new(at_field(
                    lang,
                    record,
                    field,
                    format!("{count} 次计在 {of} 次 `{other}` 之中，比它还多"),
                    format!("{count} among {of} `{other}`, more than there are"),
                ))
                .label(lang.pick("多于它所属的事实", "more than the fact it is among"))
                .help(lang.pick(
                    format!(
                        "每一次 {} 也是一次 {}：请一并给出，或者改正次数",
                        named(lang, this, label),
                        named(lang, other, other_label)
                    ),
                    format!(
                        "each {} is also one of the {}: give those too, or correct the count",
                        named(lang, this, label),
                        named(lang, other, other_label)
                    ),
                ))
            }
            FactsError::IdCharacter { list, index, field, character } => {
                let key = list.key();
                let (zh, en) = match character {
                    '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ("换行符", "a line break"),
                    c if c.is_control() => ("控制字符", "a control character"),
                    _ => ("文字方向控制符", "a direction override"),
                };
                let code = format!("U+{:04X}", u32::from(*character));
                Text::new(lang.pick(
                    format!("{key}[{index}] 的 `{field}`：编号中不能有{zh}（{code}）"),
                    format!("{key}[{index}], `{field}`: an id may not hold {en} ({code})"),
                ))
                .label(lang.pick("编号中有看不见的字符", "an invisible character in the id"))
                .help(lang.pick(
                    "编号只写一行看得见的文字，如 `S0001`：这类字符会让编号在表格、通报和终端里显示得与实际不同",
                    "write the id as visible text on one line, like `S0001`: such a character makes an id show as another in tables, bulletins and terminals",
                ))
            }
            FactsError::SubstituteForSelf { record, id } => Text::new(at(
                lang,
                record,
                format!("`{id}` 不能替自己顶岗"),
                format!("`{id}` cannot stand in for themselves"),
            ))
            .label(lang.pick("与 `substitute` 是同一人", "the same person as `substitute`"))
            .help(lang.pick(
                "`substitute` 写顶岗的人，`for` 写被顶岗的工作人员（第十四条）",
                "`substitute` is who stood in, `for` the staff member whose work they did (第十四条)",
            )),
            FactsError::SumTooLarge { record, person, field, total, max } => Text::new(at_field(
                lang,
                record,
                field,
                format!("加上顶岗者为 `{person}` 所得，共为 {total}，超过事实的上限"),
                format!("with what substitutes earned for `{person}`, it comes to {total}, more than a fact holds"),
            ))
            .label(lang.pick("加起来太大", "too large in sum"))
            .help(lang.pick(format!("事实最多为 {max}"), format!("facts hold at most {max}"))),
            FactsError::EvidenceNotObject { record, found } => {
                let found = found.text(lang);
                Text::new(at_field(
                    lang,
                    record,
                    &plain("evidence"),
                    format!("应为由列表组成的对象，每项事实一个列表，实为{found}"),
                    format!("expected an object of lists, one per fact, found {found}"),
                ))
                .label(lang.pick("不是对象", "not an object"))
                .help(lang.pick(
                    "写成 `\"evidence\": {\"late_early_away\": [{\"date\": …, \"note\": …, \"source\": …}]}`",
                    "write `\"evidence\": {\"late_early_away\": [{\"date\": …, \"note\": …, \"source\": …}]}`",
                ))
            }
            FactsError::EvidenceUnknown { record, name, subject, suggestion } => Text::new(at_field(
                lang,
                record,
                &plain("evidence"),
                format!("未知事实 `{name}`"),
                format!("unknown fact `{name}`"),
            ))
            .label(lang.pick("本政策没有这项事实", "not a fact of this policy"))
            .help(suggested(lang, suggestion).unwrap_or_else(|| {
                lang.pick(
                    format!("证据按考核对象 `{subject}` 的事实列出"),
                    format!("evidence is listed under the facts of subject `{subject}`"),
                )
            })),
            FactsError::EvidenceTwice { record, name } => Text::new(at_field(
                lang,
                record,
                &plain("evidence"),
                format!("`{name}` 出现了两次"),
                format!("`{name}` is given twice"),
            ))
            .label(lang.pick("重复", "again")),
            FactsError::EvidenceOfZero { record, name, attribute } => {
                let (zh, en) =
                    if *attribute { ("在记录上", "on the record") } else { ("在 `facts` 中", "in `facts`") };
                Text::new(at_field(
                    lang,
                    record,
                    &plain(&format!("evidence.{name}")),
                    format!("有 `{name}` 的证据，但这里它是 0"),
                    format!("evidence for `{name}`, which is 0 here"),
                ))
                .label(lang.pick("没有可作证据的事", "nothing to be evidence of"))
                .help(lang.pick(
                    format!("{zh}给出 `{name}`，或者删去它的证据"),
                    format!("give `{name}` {en}, or remove its evidence"),
                ))
            }
            FactsError::EvidenceNotList { record, name, found } => {
                let found = found.text(lang);
                Text::new(at_field(
                    lang,
                    record,
                    &plain(&format!("evidence.{name}")),
                    format!("应为证据条目的列表，实为{found}"),
                    format!("expected a list of evidence items, found {found}"),
                ))
                .label(lang.pick("不是列表", "not a list"))
            }
            FactsError::EvidenceItem { record, name, index, problem } => {
                let item = format!("evidence.{name}[{index}]");
                let (field, zh, en, label, help) = match problem {
                    ItemProblem::NotAnObject { found } => (
                        item,
                        format!("应为一个 `{{\"date\", \"note\", \"source\"}}` 条目，实为{}", found.text(lang)),
                        format!("expected an item `{{\"date\", \"note\", \"source\"}}`, found {}", found.text(lang)),
                        lang.pick("不是条目", "not an item"),
                        None,
                    ),
                    ItemProblem::UnknownField { field, suggestion } => (
                        item,
                        format!("未知字段 `{field}`"),
                        format!("unknown field `{field}`"),
                        lang.pick("未知字段", "unknown field"),
                        Some(suggested(lang, suggestion).unwrap_or_else(|| {
                            lang.pick(
                                "证据条目的字段是 `date`、`note` 和 `source`".to_string(),
                                "an evidence item has the fields `date`, `note` and `source`".to_string(),
                            )
                        })),
                    ),
                    ItemProblem::FieldTwice { field } => (
                        format!("{item}.{field}"),
                        "出现了两次".to_string(),
                        "given twice".to_string(),
                        lang.pick("重复", "again"),
                        None,
                    ),
                    ItemProblem::NotText { field, found } => {
                        let found = found.map_or_else(|| lang.pick("空字符串", "an empty string"), |f| f.text(lang));
                        (
                            format!("{item}.{field}"),
                            format!("应为非空字符串，实为{found}"),
                            format!("expected a non-empty string, found {found}"),
                            lang.pick("不是文字", "not text"),
                            None,
                        )
                    }
                    ItemProblem::Missing { field } => (
                        item,
                        format!("缺少字段 `{field}`"),
                        format!("missing field `{field}`"),
                        lang.pick("这一条", "this item"),
                        Some(match *field {
                            "date" => lang
                                .pick("记录的日期，写作 YYYY-MM-DD", "the day of the record, as YYYY-MM-DD")
                                .to_string(),
                            "note" => lang
                                .pick(
                                    "用几个字说明发生了什么：`上午签到 09:07（应不晚于 08:55）`",
                                    "say in a few words what happened: `上午签到 09:07（应不晚于 08:55）`",
                                )
                                .to_string(),
                            _ => lang
                                .pick(
                                    "文件或工作表及其行：`punches.csv:118`、`办件!B7`",
                                    "the file or sheet and its row: `punches.csv:118`, `办件!B7`",
                                )
                                .to_string(),
                        }),
                    ),
                    ItemProblem::BadDate { text } => (
                        format!("{item}.date"),
                        format!("应为日期（如 `2026-07-03`），实为 `{text}`"),
                        format!("expected a date like `2026-07-03`, found `{text}`"),
                        lang.pick("不是日期", "not a date"),
                        Some(
                            lang.pick("日历上的一天，写作 YYYY-MM-DD", "a day of the calendar, as YYYY-MM-DD")
                                .to_string(),
                        ),
                    ),
                };
                Text::new(at_field(lang, record, &plain(&field), zh, en)).label(label).help_if(help)
            }
            FactsError::NoWeight { window, members, weight: (weight, weight_label), averaged } => {
                let averaged_zh = averaged.as_ref().map_or_else(String::new, |(id, label)| named(lang, id, label));
                let averaged_en = averaged.as_ref().map_or_else(String::new, |(id, label)| format!("{id} ({label})"));
                let message = if *members == 0 {
                    lang.pick(
                        format!("窗口 `{window}`：没有工作人员属于它，无法计算它的 {averaged_zh} 平均分"),
                        format!(
                            "window `{window}`: no staff member belongs to it, so its {averaged_en} cannot be averaged"
                        ),
                    )
                } else {
                    lang.pick(
                        format!(
                            "窗口 `{window}`：它的工作人员（{members} 人）的 {} 合计为 0，无法计算它的 {averaged_zh} 平均分",
                            named(lang, weight, weight_label)
                        ),
                        format!(
                            "window `{window}`: its staff ({members}) have 0 {weight} in total, so its {averaged_en} cannot be averaged"
                        ),
                    )
                };
                let weight = named(lang, weight, weight_label);
                Text::new(message).label(lang.pick("这个窗口", "this window")).help(lang.pick(
                    format!("给出它的工作人员的 {weight}，或者本期不列这个窗口"),
                    format!("give its staff their {weight}, or leave the window out of this period"),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_facts_error_is_worded_in_both_languages() {
        let record = || RecordAt { list: List::Staff, index: 3, id: Some("S0004".into()) };
        let field = || Field { path: FieldPath::Fact("absent_days".into()), label: "旷工天数".into() };
        let item = || Field { path: FieldPath::Item("rude_conduct".into(), 1), label: "态度冷漠".into() };
        let level = || Field { path: FieldPath::Level("exposures".into(), "county".into()), label: String::new() };
        let near = || Some(Suggestion::Near { name: "absent_days".into(), label: "旷工天数".into() });
        let by_label = || Some(Suggestion::Label { name: "absent_days".into(), label: "旷工天数".into() });
        let pairs = || vec![("chief_rep".to_string(), "首席代表".to_string())];
        let wrong = |expected, hint| FactsError::WrongType {
            record: record(),
            field: plain("name"),
            expected,
            found: JsonType::Number,
            hint,
        };
        let quantity = |days, problem| FactsError::BadQuantity {
            record: record(),
            field: field(),
            days,
            value: Decimal::new(15, 1),
            problem,
        };
        let number =
            |problem| FactsError::BadNumber { record: record(), field: field(), number: "1e99".into(), problem };
        let mut examples = vec![
            FactsError::Malformed(JsonError::Empty),
            FactsError::NotAnObject { found: JsonType::List },
            FactsError::UnknownTopField { name: "staf".into(), suggestion: None },
            FactsError::FieldTwice { record: None, name: "period".into() },
            FactsError::FieldTwice { record: Some(record()), name: "role".into() },
            FactsError::MissingPeriod,
            FactsError::BadPeriod { found: Found::Text("2026Q3".into()) },
            FactsError::BadPeriod { found: Found::Type(JsonType::Number) },
            FactsError::MissingList { list: List::Windows },
            FactsError::NotAList { list: List::Staff, found: JsonType::Object },
            FactsError::NotAList { list: List::Substitutions, found: JsonType::Object },
            FactsError::NotARecord { list: List::Windows, index: 0, found: JsonType::Null },
            FactsError::NotARecord { list: List::Substitutions, index: 0, found: JsonType::Null },
            FactsError::BadId { list: List::Staff, index: 2, found: JsonType::Bool },
            FactsError::DuplicateId { record: record(), first: 1 },
            FactsError::IdOfWindow { record: record(), window: 0 },
            FactsError::MissingField { record: record(), field: "role".into(), weights: None },
            FactsError::MissingField {
                record: record(),
                field: "workdays".into(),
                weights: Some(("workdays".into(), "在岗工作日".into())),
            },
            FactsError::UnknownWindow { record: record(), window: "W99".into(), suggestion: None },
            FactsError::UnknownWindow { record: record(), window: "W011".into(), suggestion: near() },
            FactsError::BadDate { record: record(), text: "2026/08/15".into() },
            FactsError::UnknownRole {
                record: record(),
                found: Found::Text("chief".into()),
                roles: pairs(),
                suggestion: None,
            },
            FactsError::UnknownRole {
                record: record(),
                found: Found::Text("首席代表".into()),
                roles: pairs(),
                suggestion: by_label(),
            },
            FactsError::UnknownField {
                record: record(),
                name: "x".into(),
                suggestion: None,
                is_fact: false,
                fields: vec!["id".into()],
            },
            FactsError::UnknownField {
                record: record(),
                name: "absent_days".into(),
                suggestion: None,
                is_fact: true,
                fields: vec![],
            },
            FactsError::UnknownFact {
                record: record(),
                name: "x".into(),
                subject: ("staff".into(), "窗口工作人员".into()),
                suggestion: None,
            },
            FactsError::FactTwice { record: record(), name: "absent_days".into() },
            FactsError::UnknownStaff {
                record: RecordAt { list: List::Substitutions, index: 0, id: None },
                id: "S9".into(),
                suggestion: None,
            },
            number(NumberProblem::TooLarge { max: Decimal::ONE_HUNDRED }),
            number(NumberProblem::TooPrecise),
            number(NumberProblem::NotANumber),
            quantity(true, QuantityProblem::Negative),
            quantity(false, QuantityProblem::TooLarge { max: Decimal::ONE_HUNDRED }),
            quantity(false, QuantityProblem::NotWhole),
            quantity(true, QuantityProblem::NotHalf),
            FactsError::OutOfRange {
                record: record(),
                field: item(),
                value: Decimal::ONE,
                min: Decimal::TWO,
                max: Decimal::TEN,
            },
            FactsError::LevelTwice { record: record(), field: level(), level: "county".into() },
            FactsError::UnknownLevel {
                record: record(),
                field: level(),
                level: "县级".into(),
                levels: pairs(),
                suggestion: None,
            },
            FactsError::NoWeight {
                window: "W01".into(),
                members: 0,
                weight: ("workdays".into(), "在岗工作日".into()),
                averaged: Some(("attendance".into(), "工作考勤".into())),
            },
            FactsError::NoWeight {
                window: "W01".into(),
                members: 3,
                weight: ("workdays".into(), "在岗工作日".into()),
                averaged: None,
            },
        ];
        for kind in [FileKind::Csv, FileKind::Policy, FileKind::Results(Command::Eval)] {
            examples.push(FactsError::NotFacts { path: "q.csv".into(), kind });
        }
        for command in [Command::Annual, Command::Diff] {
            examples.push(FactsError::NotFacts { path: "r.json".into(), kind: FileKind::Results(command) });
        }
        for expected in [
            Expected::Name,
            Expected::WindowId,
            Expected::Date,
            Expected::FactsObject,
            Expected::Count,
            Expected::Days,
            Expected::Amount,
            Expected::Amounts,
            Expected::LevelCounts,
            Expected::NonEmptyString,
        ] {
            examples.push(wrong(expected, None));
        }
        for hint in [
            TypeHint::Unquote("2".into()),
            TypeHint::ListOnlyForAmounts,
            TypeHint::ListTheAmounts,
            TypeHint::PerLevel("county".into()),
        ] {
            examples.push(wrong(Expected::Count, Some(hint)));
        }
        let variant = |e: &FactsError| match e {
            FactsError::Malformed(_) => 0,
            FactsError::NotFacts { .. } => 1,
            FactsError::NotAnObject { .. } => 2,
            FactsError::UnknownTopField { .. } => 3,
            FactsError::FieldTwice { .. } => 4,
            FactsError::MissingPeriod => 5,
            FactsError::BadPeriod { .. } => 6,
            FactsError::MissingList { .. } => 7,
            FactsError::NotAList { .. } => 8,
            FactsError::NotARecord { .. } => 9,
            FactsError::BadId { .. } => 10,
            FactsError::DuplicateId { .. } => 11,
            FactsError::IdOfWindow { .. } => 38,
            FactsError::MissingField { .. } => 12,
            FactsError::WrongType { .. } => 13,
            FactsError::UnknownWindow { .. } => 14,
            FactsError::BadDate { .. } => 15,
            FactsError::UnknownRole { .. } => 16,
            FactsError::UnknownField { .. } => 17,
            FactsError::UnknownFact { .. } => 18,
            FactsError::FactTwice { .. } => 19,
            FactsError::UnknownStaff { .. } => 20,
            FactsError::BadNumber { .. } => 21,
            FactsError::BadQuantity { .. } => 22,
            FactsError::OutOfRange { .. } => 23,
            FactsError::LevelTwice { .. } => 24,
            FactsError::UnknownLevel { .. } => 25,
            FactsError::NoWeight { .. } => 26,
            FactsError::UnknownStaffType { .. } => 27,
            FactsError::MoreThanAmong { .. } => 28,
            FactsError::IdCharacter { .. } => 35,
            FactsError::SubstituteForSelf { .. } => 36,
            FactsError::SumTooLarge { .. } => 37,
            FactsError::EvidenceNotObject { .. } => 29,
            FactsError::EvidenceUnknown { .. } => 30,
            FactsError::EvidenceTwice { .. } => 31,
            FactsError::EvidenceOfZero { .. } => 32,
            FactsError::EvidenceNotList { .. } => 33,
            FactsError::EvidenceItem { .. } => 34,
        };
        let item = |problem| FactsError::EvidenceItem { record: record(), name: "unpunched".into(), index: 0, problem };
        examples.extend([
            FactsError::EvidenceNotObject { record: record(), found: JsonType::List },
            FactsError::EvidenceUnknown {
                record: record(),
                name: "x".into(),
                subject: "staff".into(),
                suggestion: None,
            },
            FactsError::EvidenceTwice { record: record(), name: "x".into() },
            FactsError::EvidenceOfZero { record: record(), name: "x".into(), attribute: false },
            FactsError::EvidenceOfZero { record: record(), name: "workdays".into(), attribute: true },
            FactsError::EvidenceNotList { record: record(), name: "x".into(), found: JsonType::Number },
            item(ItemProblem::NotAnObject { found: JsonType::String }),
            item(ItemProblem::UnknownField { field: "dat".into(), suggestion: None }),
            item(ItemProblem::FieldTwice { field: "note".into() }),
            item(ItemProblem::NotText { field: "note", found: None }),
            item(ItemProblem::NotText { field: "note", found: Some(JsonType::Number) }),
            item(ItemProblem::Missing { field: "date" }),
            item(ItemProblem::Missing { field: "note" }),
            item(ItemProblem::Missing { field: "source" }),
            item(ItemProblem::BadDate { text: "2026-7-3".into() }),
        ]);
        examples.extend([
            FactsError::UnknownStaffType {
                record: record(),
                found: Found::Text("x".into()),
                types: vec![],
                suggestion: None,
            },
            FactsError::UnknownStaffType {
                record: record(),
                found: Found::Type(JsonType::Null),
                types: pairs(),
                suggestion: None,
            },
            FactsError::MoreThanAmong {
                record: record(),
                field: Field { path: FieldPath::Fact("prohibited_serious".into()), label: "情况严重".into() },
                count: Decimal::TWO,
                of: Decimal::ONE,
                other: ("prohibited_acts".into(), "违反“五禁止”“十不准”".into()),
            },
        ]);
        for character in ['\n', '\u{7}', '\u{202e}'] {
            examples.push(FactsError::IdCharacter { list: List::Staff, index: 2, field: "id", character });
        }
        examples.extend([
            FactsError::SubstituteForSelf {
                record: RecordAt { list: List::Substitutions, index: 0, id: None },
                id: "S0007".into(),
            },
            FactsError::SumTooLarge {
                record: RecordAt { list: List::Substitutions, index: 1, id: None },
                person: "S0007".into(),
                field: field(),
                total: Decimal::from(1_000_001),
                max: Decimal::from(1_000_000),
            },
        ]);
        crate::source::diagnostic::assert_worded(&examples, variant, 39);
    }
}
