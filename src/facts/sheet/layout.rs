//! The summary layout (docs/io.md, "Facts in a spreadsheet"): one period's
//! facts as a workbook, which is how the hall keeps its counts today. One
//! sheet 人员 and one 窗口, one row per record, a column per fact headed by
//! its label (or id); a sheet 说明 says the period. `kaohe template` writes
//! it from this description and the facts loader reads it back by it, so the
//! two cannot disagree about a column.

use rust_decimal::Decimal;

use crate::policy::{Fact, FactKind, Label, Policy, Subject};

/// The sheet (or CSV file stem) of the staff records.
pub const STAFF_SHEET: &str = "人员";
/// The sheet of the window records.
pub const WINDOW_SHEET: &str = "窗口";
/// The sheet that says the period: a row `考核期 | 2026-Q3`.
pub const INFO_SHEET: &str = "说明";
/// The first cell of the row that holds the period.
pub const PERIOD_LABEL: &str = "考核期";
/// Accepted in place of [`PERIOD_LABEL`].
pub const PERIOD_ID: &str = "period";

/// Headers a person may keep for their own use; their cells are not read.
pub const IGNORED_HEADERS: [&str; 2] = ["序号", "备注"];

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Name,
    /// A staff member's window, by its id.
    Window,
    /// A staff member's role, by its label (首席代表) or id (chief_rep).
    Role,
    /// The day a staff member started in the hall.
    Joined,
    /// A staff member's type (事业单位人员), by its label or id; empty for none.
    StaffType,
    /// A subject attribute, by index (`workdays`, `days_away`).
    Attribute(usize),
    /// A subject fact, by index.
    Fact(usize),
}

/// One column: the header the template writes, and every header the
/// reader accepts for it.
#[derive(Debug, Clone)]
pub struct Column {
    pub field: Field,
    /// The header written: the policy's label, or the Chinese field name.
    pub header: String,
    /// The id, accepted as a header too (`workdays`, `late_early_away`).
    pub id: String,
    /// Other headers accepted: the names of records.md (`工号`, `窗口编号`).
    pub aliases: &'static [&'static str],
}

impl Column {
    /// Whether `header` (trimmed) names this column.
    pub fn is_named(&self, header: &str) -> bool {
        header == self.header || header == self.id || self.aliases.contains(&header)
    }
}

/// The columns of a subject's sheet, in the order the template writes them.
pub fn columns(subject: &Subject, is_staff: bool) -> Vec<Column> {
    let fixed =
        |field, header: &str, id: &str, aliases| Column { field, header: header.into(), id: id.into(), aliases };
    let mut out = vec![fixed(Field::Id, "编号", "id", if is_staff { &["工号"][..] } else { &["窗口编号"][..] })];
    if is_staff {
        out.push(fixed(Field::Name, "姓名", "name", &[]));
        out.push(fixed(Field::Window, "窗口", "window", &["窗口编号"]));
        out.push(fixed(Field::Role, "角色", "role", &[]));
    } else {
        out.push(fixed(Field::Name, "名称", "name", &["窗口名称"]));
    }
    for (a, attribute) in subject.attributes.iter().enumerate() {
        out.push(Column {
            field: Field::Attribute(a),
            header: attribute.name.label.clone(),
            id: attribute.name.id.clone(),
            aliases: &[],
        });
    }
    if is_staff {
        out.push(fixed(Field::Joined, "进驻日期", "joined", &[]));
        if !subject.label_sets.is_empty() {
            out.push(fixed(Field::StaffType, "人员类别", "staff_type", &[]));
        }
    }
    for (f, fact) in subject.facts.iter().enumerate() {
        out.push(Column {
            field: Field::Fact(f),
            header: fact.name.label.clone(),
            id: fact.name.id.clone(),
            aliases: &[],
        });
    }
    out
}

/// The staff type `text` names: a label set's label (`事业单位人员`, or
/// `事业单位` as the roster writes it) or id (`institution`).
pub fn staff_type(subject: &Subject, text: &str) -> Option<usize> {
    let text = text.trim();
    subject.label_sets.iter().position(|s| {
        s.name.id.eq_ignore_ascii_case(text)
            || s.name.label == text
            || s.name.label.strip_suffix("人员").is_some_and(|l| l == text)
    })
}

/// How a value of this kind is written in a cell, in words, for input
/// messages, the 说明 sheet and error messages.
pub fn how_to_fill(fact: &Fact, policy: &Policy) -> String {
    match fact.kind {
        FactKind::Count => "次数：填 0 或正整数，空白为 0".into(),
        FactKind::Days => "天数：填 0.5 的倍数，如 1、1.5，空白为 0".into(),
        FactKind::Amounts { min, max } => {
            format!("每项评定的分值，{min}–{max} 分，多项用分号分隔，如 {}；空白为没有", example_amounts(min, max))
        }
        FactKind::Levels => {
            let labels: Vec<&str> = policy.levels.iter().map(|l| l.label.as_str()).collect();
            format!("按级别填件数，如 {}；级别：{}；空白为没有", example_levels(&policy.levels), labels.join("、"))
        }
    }
}

/// `5;10` for a range 5–10: two amounts, its ends.
pub fn example_amounts(min: Decimal, max: Decimal) -> String {
    format!("{};{}", min.normalize(), max.normalize())
}

/// `市级:1;县级:2`, with the policy's own levels.
pub fn example_levels(levels: &[Label]) -> String {
    match levels {
        [] => String::new(),
        [one] => format!("{}:1", one.label),
        [first, second, ..] => format!("{}:1;{}:2", second.label, first.label),
    }
}

/// The separators between the amounts or levels of one cell: the ASCII
/// semicolon of the layout, and what a person types on a Chinese keyboard.
pub const LIST_SEPARATORS: [char; 5] = [';', '；', '、', ',', '，'];

/// The separators between a level and its count: `市级:1`, `市级：1`.
pub const LEVEL_SEPARATORS: [char; 2] = [':', '：'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_lie_inside_their_range() {
        assert_eq!(example_amounts(Decimal::from(5), Decimal::from(10)), "5;10");
        assert_eq!(example_amounts(Decimal::new(5, 1), Decimal::from(3)), "0.5;3");
    }
}
