//! `kaohe template`: a period's summary-layout workbook (docs/io.md), empty
//! but for the roster, with Excel data validation from the policy so that a
//! mistake is caught as it is typed: whole numbers ≥ 0 for counts, halves
//! for days, the range for a single amount, the roles and the windows as
//! drop-down lists; an input message on every header and cell says what
//! goes there and which rule reads it. The reader of this layout is
//! [`crate::facts::sheet`]; both follow [`layout`].

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::rule_chinese;
use crate::facts::sheet::layout::{self, Column, Field};
use crate::facts::Period;
use crate::policy::{FactKind, Policy, Subject};

/// Who the workbook is filled in for: the windows and staff of the roster.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub windows: Vec<RosterWindow>,
    pub staff: Vec<RosterStaff>,
}

#[derive(Debug, Clone)]
pub struct RosterWindow {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct RosterStaff {
    pub id: String,
    pub name: String,
    /// The window's id.
    pub window: String,
    pub role: Option<crate::policy::RoleId>,
    pub joined: Option<NaiveDate>,
    /// Index into the policy's staff label sets (事业单位人员).
    pub staff_type: Option<usize>,
    /// Workdays in the hall in the period, when the caller knows them.
    pub workdays: Option<Decimal>,
}

/// The last row validation covers (0-based): the whole sheet below the header.
const LAST_ROW: u32 = 1_048_575;

/// Excel's limits on an input message's title and text, in UTF-16 units.
const TITLE_LIMIT: usize = 32;
const MESSAGE_LIMIT: usize = 255;

/// The workbook's bytes.
pub fn write_template(policy: &Policy, period: Period, roster: &Roster) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");

    let staff_columns = layout::columns(&policy.staff, true);
    let window_columns = layout::columns(&policy.window, false);
    let window_rows = roster.windows.len() as u32;

    let sheet = workbook.add_worksheet();
    sheet.set_name(layout::STAFF_SHEET)?;
    headers(sheet, &staff_columns, &header)?;
    for (c, column) in staff_columns.iter().enumerate() {
        let c = c as u16;
        match column.field {
            Field::Joined => {
                sheet.set_column_format(c, &date)?;
            }
            Field::Id | Field::Name | Field::Window => {
                sheet.set_column_format(c, &text)?;
            }
            _ => {}
        }
        validate(sheet, policy, &policy.staff, column, c, window_rows)?;
    }
    for (r, person) in roster.staff.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, column) in staff_columns.iter().enumerate() {
            let c = c as u16;
            match column.field {
                Field::Id => sheet.write_string_with_format(row, c, &person.id, &text).map(|_| ())?,
                Field::Name => sheet.write_string_with_format(row, c, &person.name, &text).map(|_| ())?,
                Field::Window => sheet.write_string_with_format(row, c, &person.window, &text).map(|_| ())?,
                Field::Role => {
                    if let Some(role) = person.role.and_then(|r| policy.staff.role(r)) {
                        sheet.write_string(row, c, &role.label)?;
                    }
                }
                Field::StaffType => {
                    if let Some(set) = person.staff_type.and_then(|t| policy.staff.label_sets.get(t)) {
                        sheet.write_string(row, c, &set.name.label)?;
                    }
                }
                Field::Joined => {
                    if let Some(day) = person.joined {
                        let day = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
                        sheet.write_datetime_with_format(row, c, &day, &date)?;
                    }
                }
                Field::Attribute(a) if Some(a) == weight(policy) => {
                    if let Some(days) = person.workdays {
                        sheet.write_number(row, c, decimal_f64(days))?;
                    }
                }
                Field::Attribute(_) | Field::Fact(_) => {}
            }
        }
    }
    sheet.set_active(true);

    let sheet = workbook.add_worksheet();
    sheet.set_name(layout::WINDOW_SHEET)?;
    headers(sheet, &window_columns, &header)?;
    for (c, column) in window_columns.iter().enumerate() {
        let c = c as u16;
        if matches!(column.field, Field::Id | Field::Name) {
            sheet.set_column_format(c, &text)?;
        }
        validate(sheet, policy, &policy.window, column, c, window_rows)?;
    }
    for (r, window) in roster.windows.iter().enumerate() {
        sheet.write_string_with_format(r as u32 + 1, 0, &window.id, &text)?;
        sheet.write_string_with_format(r as u32 + 1, 1, &window.name, &text)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name(layout::INFO_SHEET)?;
    info(sheet, policy, period, &staff_columns, &window_columns, &header)?;

    workbook.save_to_buffer()
}

/// The index of the staff attribute that weights the window average.
fn weight(policy: &Policy) -> Option<usize> {
    policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight)
}

fn headers(sheet: &mut Worksheet, columns: &[Column], format: &Format) -> Result<(), XlsxError> {
    let mut lines = 1;
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, &column.header, format)?;
        let (width, wraps) = width(column);
        sheet.set_column_width(c, width)?;
        lines = lines.max(wraps);
    }
    // Tall enough for the longest label, wrapped.
    sheet.set_row_height(0, 15.0 * lines as f64 + 6.0)?;
    sheet.set_freeze_panes(1, 2)?;
    // Printed: landscape A4, the header and the first two columns on every page.
    sheet.set_paper_size(9).set_landscape().set_print_gridlines(true);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_repeat_columns(0, 1)?;
    Ok(())
}

/// A column's width in Excel's units (about one Latin digit; a Chinese
/// character takes two), and how many lines its header wraps to.
fn width(column: &Column) -> (f64, usize) {
    let wide = match column.field {
        Field::Id | Field::Window | Field::Role | Field::Joined => 12,
        Field::Name => 16,
        _ => 14,
    };
    let header = column.header.width() + 2;
    let width = header.clamp(8, wide);
    (width as f64, header.div_ceil(width))
}

/// The validation and input message of one column: on the header a message
/// only, on every cell below it the rule and the same message.
fn validate(
    sheet: &mut Worksheet,
    policy: &Policy,
    subject: &Subject,
    column: &Column,
    c: u16,
    window_rows: u32,
) -> Result<(), XlsxError> {
    let title = clip_utf16(&column.header, TITLE_LIMIT);
    let message = clip_utf16(&message(policy, subject, column), MESSAGE_LIMIT);
    let note = DataValidation::new().allow_any_value().set_input_title(&title)?.set_input_message(&message)?;
    sheet.add_data_validation(0, c, 0, c, &note)?;

    let cell = cell_name(c, 1);
    let rule = match column.field {
        // An id is unique in its sheet.
        Field::Id => Some((
            DataValidation::new().allow_custom(Formula::new(format!(
                "=COUNTIF({}:{},{cell})=1",
                column_letters(c),
                column_letters(c)
            ))),
            "编号重复：每条记录一个编号",
        )),
        Field::Name => None,
        Field::Window => {
            let last = (window_rows + 200).max(1000);
            Some((
                DataValidation::new()
                    .allow_list_formula(Formula::new(format!("={}!$A$2:$A${last}", layout::WINDOW_SHEET))),
                "请填写“窗口”表中已有的窗口编号",
            ))
        }
        Field::Role => {
            let roles: Vec<&str> = subject.roles.iter().map(|r| r.label.as_str()).collect();
            Some((DataValidation::new().allow_list_strings(&roles)?, "请从列表中选择角色"))
        }
        Field::StaffType => {
            let types: Vec<&str> = subject.label_sets.iter().map(|s| s.name.label.as_str()).collect();
            Some((DataValidation::new().allow_list_strings(&types)?, "请从列表中选择，或留空"))
        }
        Field::Joined => Some((
            DataValidation::new().allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(2000, 1, 1)?,
                ExcelDateTime::from_ymd(2099, 12, 31)?,
            )),
            "请填写日期，如 2026-08-15",
        )),
        Field::Attribute(a) => Some(days(&cell, subject.attributes[a].kind)),
        Field::Fact(f) => match subject.facts[f].kind {
            kind @ (FactKind::Count | FactKind::Days) => Some(days(&cell, kind)),
            FactKind::Amounts { min, max } => Some((
                // A list is text (`5;8`); a single amount typed as a number
                // is checked against the range.
                DataValidation::new().allow_custom(Formula::new(format!(
                    "=OR(ISTEXT({cell}),AND({cell}>={min},{cell}<={max}))",
                    min = min.normalize(),
                    max = max.normalize()
                ))),
                "分值超出范围",
            )),
            // A bare number does not say its level.
            FactKind::Levels => {
                Some((DataValidation::new().allow_custom(Formula::new(format!("=ISTEXT({cell})"))), "请按级别填写"))
            }
        },
    };
    let Some((rule, error)) = rule else {
        return Ok(());
    };
    let rule = rule
        .ignore_blank(true)
        .set_input_title(&title)?
        .set_input_message(&message)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(clip_utf16(error, TITLE_LIMIT))?
        .set_error_message(&message)?;
    sheet.add_data_validation(1, c, LAST_ROW, c, &rule).map(|_| ())
}

/// Whole numbers ≥ 0 for a count; for days, numbers ≥ 0 in halves.
fn days(cell: &str, kind: FactKind) -> (DataValidation, &'static str) {
    if kind == FactKind::Days {
        (
            DataValidation::new().allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({cell}),{cell}>=0,{cell}<=1000000,MOD({cell}*2,1)=0)"
            ))),
            "天数应为 0.5 的倍数",
        )
    } else {
        (DataValidation::new().allow_whole_number(DataValidationRule::Between(0, 1_000_000)), "次数应为整数")
    }
}

/// What goes in a column, and the rules that read it.
fn message(policy: &Policy, subject: &Subject, column: &Column) -> String {
    match column.field {
        Field::Id => format!("编号（{}）：每条记录一个，不可重复", column.id),
        Field::Name => format!("{}（{}）", column.header, column.id),
        Field::Window => "所在窗口的编号（见“窗口”表）".into(),
        Field::Role => {
            let roles: Vec<&str> = subject.roles.iter().map(|r| r.label.as_str()).collect();
            format!("角色：{}", roles.join(" 或 "))
        }
        Field::Joined => "进驻大厅的日期，如 2026-08-15；决定年度考核的在厅月数（第十三条）".into(),
        Field::StaffType => {
            let types: Vec<String> =
                subject.label_sets.iter().map(|s| format!("{}（{}）", s.name.label, s.cite)).collect();
            format!("人员类别：{}；等次按其称谓，其他人员留空", types.join("、"))
        }
        Field::Attribute(a) => {
            let attribute = &subject.attributes[a];
            let required = if Some(a) == weight(policy) && std::ptr::eq(subject, &policy.staff) {
                "必填，用于窗口工作考勤加权平均；有名册时已按日历预填（进驻至离开期间的工作日）"
            } else {
                "空白为 0"
            };
            format!("{}（{}）：天数，0.5 的倍数；{required}", attribute.name.label, attribute.name.id)
        }
        Field::Fact(f) => {
            let fact = &subject.facts[f];
            let mut text = format!("{}\n{}", fact.name.id, layout::how_to_fill(fact, policy));
            for rule in subject.rules.iter().filter(|r| r.fact.index() == f) {
                text.push_str(&format!("\n{}〔{}〕", rule_chinese(policy, subject, rule), rule.cite));
            }
            text
        }
    }
}

/// The 说明 sheet: the period (which the reader takes from here), the
/// policy, how to fill each kind of cell, and every column with its id.
fn info(
    sheet: &mut Worksheet,
    policy: &Policy,
    period: Period,
    staff: &[Column],
    windows: &[Column],
    header: &Format,
) -> Result<(), XlsxError> {
    sheet.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 34)?;
    sheet.set_column_width(2, 22)?;
    sheet.set_column_width(3, 60)?;
    sheet.write_string_with_format(0, 0, layout::PERIOD_LABEL, &bold)?;
    sheet.write_string(0, 1, period.to_string())?;
    sheet.write_string_with_format(1, 0, "考核办法", &bold)?;
    sheet.write_string(1, 1, &policy.name)?;
    if let Some(effective) = policy.effective {
        sheet.write_string_with_format(2, 0, "生效日期", &bold)?;
        sheet.write_string(2, 1, effective.to_string())?;
    }
    let notes = [
        "“人员”表每行一名窗口工作人员，“窗口”表每行一个窗口；第一行是列名，请勿改动。",
        "列名可以是考核办法中的名称，也可以是其编号（如 late_early_away）；“序号”“备注”两列可自行添加，不读取。",
        "次数填整数，天数填 0.5 的倍数；空白即为 0。",
        "“视情况”扣分、加分的项目填每项评定的分值，多项用分号分隔，如 5;8。",
        "分级的项目按级别填件数，如 市级:1;县级:2。",
        "“考核期”一格由 kaohe template 填写，kaohe 据此选用当期的考核办法。",
    ];
    sheet.write_string_with_format(4, 0, "填写说明", &bold)?;
    for (i, note) in notes.iter().enumerate() {
        sheet.write_string(5 + i as u32, 0, format!("{}. {note}", i + 1))?;
    }
    let top = 6 + notes.len() as u32;
    for (c, title) in ["工作表", "列名", "编号", "填写"].iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, *title, header)?;
    }
    let mut row = top + 1;
    for (name, subject, columns) in
        [(layout::STAFF_SHEET, &policy.staff, staff), (layout::WINDOW_SHEET, &policy.window, windows)]
    {
        for column in columns {
            sheet.write_string(row, 0, name)?;
            sheet.write_string(row, 1, &column.header)?;
            sheet.write_string(row, 2, &column.id)?;
            sheet.write_string_with_format(row, 3, message(policy, subject, column), &wrap)?;
            row += 1;
        }
    }
    Ok(())
}

/// `A`, `Z`, `AA`, … for a 0-based column.
pub fn column_letters(column: u16) -> String {
    let mut n = u32::from(column) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// `E2` for 0-based column 4, 0-based row 1.
fn cell_name(column: u16, row: u32) -> String {
    format!("{}{}", column_letters(column), row + 1)
}

/// A decimal as the float a spreadsheet stores; days and counts are small
/// halves, which a float holds exactly.
fn decimal_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

/// At most `limit` UTF-16 units of `text`, cut at a character, `…` when cut.
fn clip_utf16(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for ch in text.chars() {
        used += ch.len_utf16();
        if used > limit {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(column_letters(52), "BA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn clipped_text_fits_excel_limits() {
        let long = "违".repeat(300);
        let clipped = clip_utf16(&long, MESSAGE_LIMIT);
        assert_eq!(clipped.encode_utf16().count(), MESSAGE_LIMIT);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip_utf16("短", TITLE_LIMIT), "短");
        // A character outside the BMP takes two units and is never split.
        let wide = "𠀀".repeat(20);
        assert!(clip_utf16(&wide, TITLE_LIMIT).encode_utf16().count() <= TITLE_LIMIT);
    }
}
