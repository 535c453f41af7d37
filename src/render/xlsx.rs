//! Results as a workbook for the hall's Excel (`--out FILE.xlsx`): one
//! sheet per subject with Chinese headers and labels (the ids in trailing
//! columns, and every column's id on the 说明 sheet), scores as numbers,
//! the header frozen and filtered, widths that fit Chinese text; a sheet
//! of every trace line, to filter by rule; how each chosen grade was filled.
//!
//! A score goes into the sheet as the shortest number that reads back as
//! its decimal (`99.63`, never `99.6299999`): the cell holds exactly what
//! the JSON results say.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::marks::{self, Mark};
use super::summary::quota_line;
use super::{decimal, entry_cite, entry_id, entry_part, part_id, words};
use crate::eval::annual::{AnnualRecord, AnnualResults, ScoredQuarter};
use crate::eval::{Results, Scored, Selection, Source};
use crate::facts::{Quarter, Record};
use crate::policy::{GradeId, Policy, Subject};

/// One cell's value.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(Decimal),
    Whole(usize),
    Empty,
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// A sheet before it is written: a header (label and id per column) and rows.
struct Sheet {
    name: String,
    columns: Vec<(String, String, String)>,
    rows: Vec<Vec<Value>>,
    /// Columns (from the end) that only scripts need: hidden.
    hidden_from: Option<usize>,
}

impl Sheet {
    fn new(name: &str) -> Sheet {
        Sheet { name: name.into(), columns: Vec::new(), rows: Vec::new(), hidden_from: None }
    }

    /// A column: its Chinese header, its machine id, what it holds.
    fn column(&mut self, label: impl Into<String>, id: impl Into<String>, about: impl Into<String>) {
        self.columns.push((label.into(), id.into(), about.into()));
    }

    fn write(&self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        let header =
            Format::new().set_bold().set_background_color(Color::RGB(0xE8_E8_E8)).set_border_bottom(FormatBorder::Thin);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&self.name)?;
        let mut widths: Vec<usize> = self.columns.iter().map(|(label, _, _)| label.width()).collect();
        for (c, (label, _, _)) in self.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), label, &header)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, value) in row.iter().enumerate() {
                let shown = match value {
                    Value::Text(s) => {
                        sheet.write_string(r, col(c), s)?;
                        s.width()
                    }
                    Value::Number(n) => {
                        let shown = decimal(*n);
                        // The shortest f64 that prints as the decimal does.
                        sheet.write_number(r, col(c), shown.parse::<f64>().unwrap_or_default())?;
                        shown.len()
                    }
                    Value::Whole(n) => {
                        sheet.write_number(r, col(c), u32::try_from(*n).unwrap_or(u32::MAX))?;
                        n.to_string().len()
                    }
                    Value::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, width) in widths.iter().enumerate() {
            // Excel's width is in characters of its default font; a Chinese
            // character is about two. Room for the filter button.
            sheet.set_column_width(col(c), (*width as f64 + 3.0).min(80.0))?;
            if self.hidden_from.is_some_and(|from| c >= from) {
                sheet.set_column_hidden(col(c))?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        if !self.columns.is_empty() {
            let last_row = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
            sheet.autofilter(0, 0, last_row, col(self.columns.len() - 1))?;
        }
        Ok(())
    }
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// The 说明 sheet: every column of every sheet, with its id and meaning.
fn about(sheets: &[Sheet], title: String) -> Sheet {
    let mut out = Sheet::new("说明");
    out.column("工作表", "sheet", "");
    out.column("列", "column", "");
    out.column("代码", "id", "");
    out.column("说明", "about", "");
    out.rows.push(vec![text(title), Value::Empty, Value::Empty, Value::Empty]);
    for sheet in sheets {
        for (label, id, what) in &sheet.columns {
            out.rows.push(vec![text(&sheet.name), text(label), text(id), text(what)]);
        }
    }
    out
}

fn finish(mut sheets: Vec<Sheet>, title: String) -> Result<Vec<u8>, XlsxError> {
    let notes = about(&sheets, title);
    sheets.push(notes);
    let mut workbook = Workbook::new();
    for sheet in &sheets {
        sheet.write(&mut workbook)?;
    }
    workbook.save_to_buffer()
}

/// `称职 ✕优秀：第十五条；⚑退回原单位：附件1/工作纪律/5`'s marks part.
fn marks_text(marks: &[Mark]) -> String {
    marks.iter().map(|m| format!("{}（{}）", m.inline(), m.reason)).collect::<Vec<_>>().join("；")
}

fn grade_label(subject: &Subject, grade: GradeId) -> String {
    subject.band(grade).map_or(String::new(), |g| g.name.label.clone())
}

fn grade_id(subject: &Subject, grade: GradeId) -> String {
    subject.band(grade).map_or(String::new(), |g| g.name.id.clone())
}

/// A quarter's results.
pub fn period(policy: &Policy, quarter: &Quarter, results: &Results) -> Result<Vec<u8>, XlsxError> {
    let period = words::period(&quarter.period);
    let mut sheets = vec![
        subject_sheet(policy, &policy.staff, quarter, &quarter.staff, &results.staff, &results.staff_selections, true),
        subject_sheet(
            policy,
            &policy.window,
            quarter,
            &quarter.windows,
            &results.windows,
            &results.window_selections,
            false,
        ),
    ];
    let mut selection = selection_sheet();
    selection_rows(&mut selection, &policy.staff, &period, &results.staff_selections, &quarter.staff);
    selection_rows(&mut selection, &policy.window, &period, &results.window_selections, &quarter.windows);
    sheets.push(selection);
    let mut trace = trace_sheet();
    trace_rows(&mut trace, policy, &period, quarter, results);
    sheets.push(trace);
    finish(sheets, format!("{period}考核结果（{}）", describe(policy)))
}

fn describe(policy: &Policy) -> String {
    match policy.effective {
        Some(date) => format!("{}，{}起施行", policy.name, words::date(date)),
        None => policy.name.clone(),
    }
}

fn subject_sheet(
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    records: &[Record],
    scored: &[Scored],
    selections: &[Selection],
    is_staff: bool,
) -> Sheet {
    let mut sheet = Sheet::new(&subject.name.label);
    sheet.column("名次", "rank", "1 + 总分更高者的个数，同分同名次");
    sheet.column("编号", "id", "");
    sheet.column(if is_staff { "姓名" } else { "窗口名称" }, "name", "");
    if is_staff {
        sheet.column("窗口", "window_name", "所在窗口的名称");
        sheet.column("角色", "role_label", "");
    }
    for category in &subject.categories {
        let about = format!("满分 {}，扣完为止", decimal(category.points));
        sheet.column(&category.name.label, format!("categories.{}", category.name.id), about);
    }
    if let Some(p) = &subject.penalties {
        sheet.column(&p.label, "penalties", "直接计入总分");
    }
    if let Some(b) = &subject.bonus {
        sheet.column(&b.label, "bonus", "直接计入总分");
    }
    sheet.column("总分", "total", "");
    sheet.column("等次", "grade_label", "最终等次");
    sheet.column("不得评优及其他情形", "marks", "不得评优（✕）、标记（⚑）、同分未评入（＝），及其条款");
    // Ids for scripts, last.
    sheet.hidden_from = Some(sheet.columns.len());
    sheet.column("等次代码", "grade", "等次的代码（io.md）");
    if is_staff {
        sheet.column("窗口编号", "window", "");
        sheet.column("角色代码", "role", "");
    }
    let mut order: Vec<usize> = (0..records.len().min(scored.len())).collect();
    order.sort_by(|&a, &b| scored[a].rank.cmp(&scored[b].rank).then_with(|| records[a].id.cmp(&records[b].id)));
    for i in order {
        let (record, score) = (&records[i], &scored[i]);
        let window = record.window.and_then(|w| quarter.window(w));
        let role = record.role.and_then(|r| subject.role(r));
        let mut row = vec![Value::Whole(score.rank), text(&record.id), text(&record.name)];
        if is_staff {
            row.push(text(window.map_or("", |w| w.name.as_str())));
            row.push(text(role.map_or("", |r| r.label.as_str())));
        }
        row.extend(score.categories.iter().map(|v| Value::Number(*v)));
        if subject.penalties.is_some() {
            row.push(Value::Number(score.penalties));
        }
        if subject.bonus.is_some() {
            row.push(Value::Number(score.bonus));
        }
        row.push(Value::Number(score.total));
        row.push(text(subject.grade_label(score.grade, record.staff_type)));
        row.push(text(marks_text(&marks::quarter(subject, &policy.staff, score, selections, i))));
        row.push(text(grade_id(subject, score.grade)));
        if is_staff {
            row.push(text(window.map_or("", |w| w.id.as_str())));
            row.push(text(role.map_or("", |r| r.id.as_str())));
        }
        sheet.rows.push(row);
    }
    sheet
}

fn selection_sheet() -> Sheet {
    let mut sheet = Sheet::new("评选");
    sheet.column("考核期", "period", "");
    sheet.column("等次", "grade_label", "");
    sheet.column("参加考核", "assessed", "名额的基数");
    sheet.column("比例%", "quota_percent", "");
    sheet.column("名额", "limit", "⌊参加考核 × 比例⌋");
    sheet.column("评出", "chosen_count", "");
    sheet.column("空缺", "unfilled", "名额 − 评出");
    sheet.column("评出名单", "chosen", "按名次");
    sheet.column("说明", "line", "");
    sheet
}

fn selection_rows(sheet: &mut Sheet, subject: &Subject, period: &str, selections: &[Selection], records: &[Record]) {
    for s in selections {
        let names: Vec<String> =
            s.chosen.iter().filter_map(|&i| records.get(i)).map(|r| format!("{} {}", r.id, r.name)).collect();
        sheet.rows.push(vec![
            text(period),
            text(grade_label(subject, s.grade)),
            Value::Whole(s.assessed),
            Value::Number(s.percent),
            Value::Whole(s.limit),
            Value::Whole(s.chosen.len()),
            Value::Whole(s.limit.saturating_sub(s.chosen.len())),
            text(names.join("、")),
            text(quota_line(subject, s, |i| records.get(i).map_or(String::new(), |r| r.name.clone()))),
        ]);
    }
}

fn trace_sheet() -> Sheet {
    let mut sheet = Sheet::new("扣分加分明细");
    sheet.column("考核期", "period", "");
    sheet.column("对象", "subject_label", "窗口工作人员或窗口");
    sheet.column("编号", "id", "");
    sheet.column("姓名或窗口", "name", "");
    sheet.column("考核项目", "category_label", "");
    sheet.column("事项", "fact_label", "");
    sheet.column("依据", "cite", "");
    sheet.column("数量", "quantity", "次数、天数、件数；扣完为止一行是扣分合计");
    sheet.column("分值", "points", "本行加减的分");
    sheet.column("原文", "wording", "");
    sheet.hidden_from = Some(sheet.columns.len());
    sheet.column("规则代码", "rule", "");
    sheet.column("项目代码", "category", "");
    sheet
}

fn trace_rows(sheet: &mut Sheet, policy: &Policy, period: &str, quarter: &Quarter, results: &Results) {
    for (subject, records, scored) in
        [(&policy.staff, &quarter.staff, &results.staff), (&policy.window, &quarter.windows, &results.windows)]
    {
        for (record, score) in records.iter().zip(scored) {
            for entry in &score.trace {
                let part = entry_part(subject, entry);
                let (fact, wording, quantity) = match entry.source {
                    Source::Rule(r) => {
                        let rule = &subject.rules[r];
                        let mut fact = subject.facts[rule.fact.index()].name.label.clone();
                        if let Some(level) = entry.level.and_then(|l| policy.levels.get(l)) {
                            fact.push_str(&format!("（{}）", level.label));
                        }
                        (fact, rule.wording.clone().unwrap_or_default(), entry.quantity)
                    }
                    Source::Floor(c) => {
                        let lost = subject.categories[c].points - entry.quantity;
                        ("扣完为止".to_string(), String::new(), lost)
                    }
                    Source::Average(c) => (
                        "工作人员得分加权平均".to_string(),
                        subject.categories[c].average.as_ref().and_then(|a| a.wording.clone()).unwrap_or_default(),
                        entry.quantity,
                    ),
                };
                sheet.rows.push(vec![
                    text(period),
                    text(&subject.name.label),
                    text(&record.id),
                    text(&record.name),
                    text(&subject.part_label(part).label),
                    text(fact),
                    text(entry_cite(subject, entry)),
                    Value::Number(quantity),
                    Value::Number(entry.points),
                    text(wording),
                    text(entry_id(subject, entry)),
                    text(part_id(subject, part)),
                ]);
            }
        }
    }
}

/// A year's results: the year's sheets, then every quarter's trace.
pub fn year(policy: &Policy, year: &AnnualResults, quarters: &[ScoredQuarter<'_>]) -> Result<Vec<u8>, XlsxError> {
    let period = words::period(&crate::facts::Period::Year(year.year));
    let window_name = |id: &str| {
        quarters.iter().rev().find_map(|q| q.quarter.windows.iter().find(|w| w.id == id).map(|w| w.name.clone()))
    };
    let mut sheets = Vec::new();
    for (subject, records, selections, is_staff) in [
        (&policy.staff, &year.staff, &year.staff_selections, true),
        (&policy.window, &year.windows, &year.window_selections, false),
    ] {
        let mut sheet = Sheet::new(&format!("年度{}", subject.name.label));
        sheet.column("名次", "rank", "不参加年度考核的为空");
        sheet.column("编号", "id", "");
        sheet.column(if is_staff { "姓名" } else { "窗口名称" }, "name", "");
        if is_staff {
            sheet.column("窗口", "window_name", "最后所在窗口");
            sheet.column("角色", "role_label", "");
        }
        for p in &year.quarters {
            sheet.column(words::quarter_short(p), format!("quarters.{p}.total"), "该季度总分");
        }
        if is_staff {
            sheet.column("在厅月数", "months_in_hall", "第十三条");
        }
        sheet.column("年度总分", "total", "");
        sheet.column("等次", "grade_label", "");
        sheet.column("不参加年度考核、不得评优及其他情形", "marks", "");
        sheet.hidden_from = Some(sheet.columns.len());
        sheet.column("等次代码", "grade", "");
        sheet.column("参加年度考核", "assessed", "是/否");
        let mut order: Vec<usize> = (0..records.len()).collect();
        let rank = |r: &AnnualRecord| r.standing.as_ref().map_or(usize::MAX, |s| s.rank);
        order.sort_by(|&a, &b| {
            rank(&records[a]).cmp(&rank(&records[b])).then_with(|| records[a].id.cmp(&records[b].id))
        });
        for i in order {
            let r = &records[i];
            let mut row =
                vec![r.standing.as_ref().map_or(Value::Empty, |s| Value::Whole(s.rank)), text(&r.id), text(&r.name)];
            if is_staff {
                row.push(text(r.window().and_then(window_name).unwrap_or_default()));
                row.push(text(r.role.and_then(|x| subject.role(x)).map_or("", |x| x.label.as_str())));
            }
            for p in &year.quarters {
                row.push(
                    r.quarters.iter().find(|(q, _, _)| q == p).map_or(Value::Empty, |(_, t, _)| Value::Number(*t)),
                );
            }
            if is_staff {
                row.push(Value::Number(r.months_in_hall));
            }
            row.push(Value::Number(r.total));
            let grade = r.standing.as_ref().map(|s| s.grade);
            row.push(text(
                grade.map_or("不参加年度考核".to_string(), |g| subject.grade_label(g, r.staff_type).to_string()),
            ));
            row.push(text(marks_text(&marks::annual(subject, &policy.staff, r, selections, i))));
            row.push(text(grade.map_or(String::new(), |g| grade_id(subject, g))));
            row.push(text(if r.standing.is_some() { "是" } else { "否" }));
            sheet.rows.push(row);
        }
        sheets.push(sheet);
    }
    let mut selection = selection_sheet();
    let as_records = |list: &[AnnualRecord]| -> Vec<Record> {
        list.iter().map(|r| Record { id: r.id.clone(), name: r.name.clone(), ..Record::default() }).collect()
    };
    selection_rows(&mut selection, &policy.staff, &period, &year.staff_selections, &as_records(&year.staff));
    selection_rows(&mut selection, &policy.window, &period, &year.window_selections, &as_records(&year.windows));
    for q in quarters {
        let p = words::period(&q.quarter.period);
        selection_rows(&mut selection, &q.policy.staff, &p, &q.results.staff_selections, &q.quarter.staff);
        selection_rows(&mut selection, &q.policy.window, &p, &q.results.window_selections, &q.quarter.windows);
    }
    sheets.push(selection);
    let mut trace = trace_sheet();
    for q in quarters {
        trace_rows(&mut trace, q.policy, &words::period(&q.quarter.period), q.quarter, q.results);
    }
    sheets.push(trace);
    finish(sheets, format!("{period}考核结果（{}）", describe(policy)))
}
