//! The tables a person reads at a terminal: a quarter's (`eval`) and a
//! year's (`annual`), staff then windows, in the policy's Chinese labels.
//! The header names the policy version and the period in words; each row
//! has the window's name and the role; the 等次 column marks every veto and
//! flag with its clause (`称职 ✕优秀：第十五条`); the footer says how each
//! quota was filled and how many places went unfilled. `compact` fits 100
//! columns: categories abbreviated (with a legend) and marks numbered.

use std::borrow::Cow;
use std::io::{self, Write};

use super::marks::{self, Mark};
use super::safe::{self, Safe};
use super::summary::quota_line;
use super::{decimal, words};
use crate::eval::annual::{AnnualRecord, AnnualResults};
use crate::eval::{Proposal, Results, Scored, Selection};
use crate::facts::{Period, Quarter, Record, WindowIx};
use crate::policy::{Policy, Subject};

/// The order of a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Highest total first; ties (same rank) by id.
    #[default]
    Rank,
    Id,
    /// By window id, then rank (windows themselves by rank).
    Window,
    /// As in the facts file.
    Input,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sort: Sort,
    pub compact: bool,
    /// Only this window and its staff (a window id that is in the facts).
    pub window: Option<String>,
}

/// The policy version and the period, as the first lines of every table.
fn heading(out: &mut (impl Write + ?Sized), policy: &Policy, version: &str, period: &str) -> io::Result<()> {
    if !policy.name.is_empty() {
        writeln!(out, "{}", policy.name)?;
    }
    match policy.effective {
        Some(date) => writeln!(out, "政策版本 {version}（{date} 起施行）")?,
        None => writeln!(out, "政策版本 {version}")?,
    }
    writeln!(out, "考核期 {period}")
}

/// One row's facts, however the table orders them.
struct Line {
    index: usize,
    id: String,
    rank: Option<usize>,
    window: String,
}

fn order(lines: &mut [Line], sort: Sort) {
    let rank = |l: &Line| l.rank.unwrap_or(usize::MAX);
    match sort {
        Sort::Rank => lines.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.id.cmp(&b.id))),
        Sort::Id => lines.sort_by(|a, b| a.id.cmp(&b.id)),
        Sort::Window => {
            lines.sort_by(|a, b| a.window.cmp(&b.window).then(rank(a).cmp(&rank(b))).then_with(|| a.id.cmp(&b.id)))
        }
        Sort::Input => lines.sort_by_key(|l| l.index),
    }
}

/// A category's column heading: `工作纪律20`, or in compact tables its
/// first two characters (`工作`), unless two categories share them.
fn category_headings(subject: &Subject, compact: bool) -> Vec<String> {
    let full: Vec<String> =
        subject.categories.iter().map(|c| format!("{}{}", c.name.label, decimal(c.points))).collect();
    if !compact {
        return full;
    }
    let short: Vec<String> = subject.categories.iter().map(|c| c.name.label.chars().take(2).collect()).collect();
    let unique = short.iter().enumerate().all(|(i, s)| !short[..i].contains(s));
    if unique {
        short
    } else {
        full
    }
}

/// `项目：工作＝工作纪律（20） …` under a compact table.
fn legend(subject: &Subject, headings: &[String]) -> Option<String> {
    let pairs: Vec<String> = subject
        .categories
        .iter()
        .zip(headings)
        .filter(|(c, h)| c.name.label != **h)
        .map(|(c, h)| format!("{h}＝{}{}", c.name.label, decimal(c.points)))
        .collect();
    (!pairs.is_empty()).then(|| format!("项目：{}", pairs.join(" ")))
}

/// A section label as a column heading: `扣分（不设下限）` → `扣分`.
fn short(label: &str) -> String {
    label.split(['（', '(']).next().unwrap_or(label).trim().to_string()
}

/// A window's name as a column shows it; compact drops a trailing `窗口`
/// (the column is headed 窗口).
fn window_name(name: &str, compact: bool) -> String {
    match name.strip_suffix("窗口") {
        Some(stem) if compact && !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

/// A role as a column shows it; compact keeps its first two characters.
fn role_name(label: &str, compact: bool) -> String {
    if compact {
        label.chars().take(2).collect()
    } else {
        label.to_string()
    }
}

/// The 等次 cell and, in compact tables, the notes its marks point to.
fn grade_cell(grade: &str, marks: &[Mark], who: &str, compact: bool, notes: &mut Vec<String>) -> String {
    let mut cell = grade.to_string();
    if compact {
        // `✕优秀[6,7]`: one mark, every note it has.
        let mut shorts: Vec<(&str, Vec<String>)> = Vec::new();
        for mark in marks {
            notes.push(format!("[{}] {who} {}，{}", notes.len() + 1, mark.inline(), mark.reason));
            let number = notes.len().to_string();
            // A flag's name is in its note: the cell keeps only its sign.
            let short = if mark.kind == marks::Kind::Flag { "⚑" } else { mark.short.as_str() };
            match shorts.iter_mut().find(|(s, _)| *s == short) {
                Some((_, numbers)) => numbers.push(number),
                None => shorts.push((short, vec![number])),
            }
        }
        // Marks follow the grade without a space: `不称职✕优秀[8,9]⚑[10]`.
        for (short, numbers) in shorts {
            cell.push_str(&format!("{short}[{}]", numbers.join(",")));
        }
        return cell;
    }
    for mark in marks {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&mark.inline());
        // What decided it, under the table.
        notes.push(format!("{who} {}，{}", mark.inline(), mark.reason));
    }
    cell
}

/// Rows in columns: the rank and the numbers from `numbers_from` up to
/// the last column (the grade, text) right-aligned; two spaces between
/// columns, one in compact tables.
fn lay_out(
    out: &mut (impl Write + ?Sized),
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    numbers_from: usize,
    compact: bool,
) -> io::Result<()> {
    let last = header.len().saturating_sub(1);
    let all: Vec<Vec<String>> = std::iter::once(header).chain(rows).collect();
    let gap = if compact { " " } else { "  " };
    for line in super::columns::columns_with_gap(&all, |c| c == 0 || (c >= numbers_from && c < last), gap) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Wrap `text` at `width` terminal columns, continuing lines indented.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            lines.push("    ".to_string());
            used = 4;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += w;
    }
    lines
}

/// How each chosen grade was filled, for under the table.
fn footer(subject: &Subject, selections: &[Selection], names: impl Fn(usize) -> String, filtered: bool) -> Vec<String> {
    let scope = if filtered { "（全厅）" } else { "" };
    selections.iter().map(|s| format!("{scope}{}", quota_line(subject, s, &names))).collect()
}

/// Lines under a table; in compact tables wrapped at 100 columns.
fn write_notes(out: &mut (impl Write + ?Sized), notes: &[String], compact: bool) -> io::Result<()> {
    for note in notes {
        if compact {
            for line in wrapped(note, COMPACT_WIDTH) {
                writeln!(out, "{line}")?;
            }
        } else {
            writeln!(out, "{note}")?;
        }
    }
    Ok(())
}

/// The width a compact table keeps within.
pub const COMPACT_WIDTH: usize = 100;

/// A quarter's results as tables.
pub fn write_table(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    version: &str,
    quarter: &Quarter,
    results: &Results,
    options: &Options,
) -> io::Result<()> {
    let out = &mut Safe::new(out);
    heading(out, policy, version, &words::period(&quarter.period))?;
    let only = options.window.as_deref().and_then(|id| quarter.windows.iter().position(|w| w.id == id)).map(WindowIx);
    for (subject, records, scored, selections, is_staff) in [
        (&policy.staff, &quarter.staff, &results.staff, &results.staff_selections, true),
        (&policy.window, &quarter.windows, &results.windows, &results.window_selections, false),
    ] {
        writeln!(out)?;
        let shown: Vec<usize> = (0..records.len().min(scored.len()))
            .filter(|&i| only.is_none() || if is_staff { records[i].window == only } else { Some(WindowIx(i)) == only })
            .collect();
        writeln!(out, "{}（{} {}）", subject.name.label, shown.len(), if is_staff { "人" } else { "个" })?;
        section(out, policy, subject, quarter, records, scored, selections, &shown, is_staff, options)?;
        let proposed = if is_staff { &results.staff_proposals } else { &results.window_proposals };
        proposals(out, subject, records, proposed)?;
    }
    Ok(())
}

/// The honours proposed, apart from the grades (第十七条(四) 拟评出):
/// `拟评明星个人（从优秀中按总分由高到低，至多 3 名）：S0003 张伟、…`.
fn proposals(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    records: &[Record],
    proposals: &[Proposal],
) -> io::Result<()> {
    for proposal in proposals {
        let Some(honour) = subject.honours.get(proposal.honour) else { continue };
        let from = subject.band(honour.from).map_or("", |g| g.name.label.as_str());
        let names: Vec<String> = proposal
            .proposed
            .iter()
            .filter_map(|i| records.get(*i))
            .map(|r| {
                safe::name(&if r.name.is_empty() { r.id.clone() } else { format!("{} {}", r.id, r.name) }).into_owned()
            })
            .collect();
        let who = if names.is_empty() { "无".to_string() } else { names.join("、") };
        write!(out, "拟评{}（从{from}中按总分由高到低，至多 {} 名）：{who}", honour.name.label, proposal.limit)?;
        if let Some(tie) = &proposal.tie {
            let ids: Vec<Cow<str>> =
                tie.members.iter().filter_map(|i| records.get(*i)).map(|r| safe::name(&r.id)).collect();
            write!(out, "；{} 同为 {} 分，全部列入将超过名额，均未列入", ids.join("、"), decimal(tie.total))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn section(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    records: &[Record],
    scored: &[Scored],
    selections: &[Selection],
    shown: &[usize],
    is_staff: bool,
    options: &Options,
) -> io::Result<()> {
    let compact = options.compact;
    let window_of = |record: &Record| record.window.and_then(|w| quarter.window(w));
    let mut header: Vec<String> = vec!["名次".into(), "编号".into(), if is_staff { "姓名" } else { "窗口" }.into()];
    if is_staff {
        header.extend(["窗口".into(), "角色".into()]);
    }
    let numbers_from = header.len();
    let categories = category_headings(subject, compact);
    header.extend(categories.iter().cloned());
    header.extend([&subject.penalties, &subject.bonus].into_iter().flatten().map(|l| short(&l.label)));
    header.extend(["总分".into(), "等次".into()]);

    let mut lines: Vec<Line> = shown
        .iter()
        .map(|&i| Line {
            index: i,
            id: records[i].id.clone(),
            rank: Some(scored[i].rank),
            window: if is_staff {
                window_of(&records[i]).map_or(String::new(), |w| w.id.clone())
            } else {
                records[i].id.clone()
            },
        })
        .collect();
    order(&mut lines, options.sort);
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    for line in &lines {
        let (record, score) = (&records[line.index], &scored[line.index]);
        let name = if is_staff { record.name.clone() } else { window_name(&record.name, compact) };
        let mut row = vec![score.rank.to_string(), record.id.clone(), name];
        if is_staff {
            row.push(window_of(record).map_or(String::new(), |w| window_name(&w.name, compact)));
            row.push(record.role.and_then(|r| subject.role(r)).map_or(String::new(), |r| role_name(&r.label, compact)));
        }
        row.extend(score.categories.iter().map(|v| decimal(*v)));
        if subject.penalties.is_some() {
            row.push(decimal(score.penalties));
        }
        if subject.bonus.is_some() {
            row.push(decimal(score.bonus));
        }
        row.push(decimal(score.total));
        let grade = subject.grade_label(score.grade, record.staff_type);
        let marks = marks::quarter(subject, &policy.staff, score, selections, line.index);
        row.push(grade_cell(
            grade,
            &marks,
            &safe::name(&format!("{} {}", record.id, record.name)),
            compact,
            &mut notes,
        ));
        rows.push(row);
    }
    lay_out(out, header, rows, numbers_from, compact)?;
    if compact {
        if let Some(legend) = legend(subject, &categories) {
            notes.insert(0, legend);
        }
    }
    notes.extend(footer(
        subject,
        selections,
        |i| records.get(i).map_or(String::new(), |r| safe::name(&r.name).into_owned()),
        options.window.is_some(),
    ));
    write_notes(out, &notes, compact)
}

/// A year's results as tables: each quarter's total, the year's, rank and grade.
pub fn write_annual_table(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    version: &str,
    year: &AnnualResults,
    window_names: &dyn Fn(&str) -> Option<String>,
    options: &Options,
) -> io::Result<()> {
    let out = &mut Safe::new(out);
    heading(out, policy, version, &words::period(&Period::Year(year.year)))?;
    if !year.missing.is_empty() {
        let missing: Vec<String> = year.missing.iter().map(words::period).collect();
        writeln!(out, "缺少：{}（年度总分为已有季度的平均）", missing.join("、"))?;
    }
    let compact = options.compact;
    for (subject, records, selections, is_staff) in [
        (&policy.staff, &year.staff, &year.staff_selections, true),
        (&policy.window, &year.windows, &year.window_selections, false),
    ] {
        writeln!(out)?;
        let wanted = |r: &AnnualRecord| match options.window.as_deref() {
            None => true,
            Some(w) if is_staff => r.window() == Some(w),
            Some(w) => r.id == w,
        };
        let mut lines: Vec<Line> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| wanted(r))
            .map(|(i, r)| Line {
                index: i,
                id: r.id.clone(),
                rank: r.standing.as_ref().map(|s| s.rank),
                window: if is_staff { r.window().unwrap_or("").to_string() } else { r.id.clone() },
            })
            .collect();
        writeln!(out, "{}（{} {}）", subject.name.label, lines.len(), if is_staff { "人" } else { "个" })?;
        order(&mut lines, options.sort);
        let mut header: Vec<String> = vec!["名次".into(), "编号".into(), if is_staff { "姓名" } else { "窗口" }.into()];
        if is_staff {
            header.extend(["窗口".into(), "角色".into()]);
        }
        let numbers_from = header.len();
        header.extend(year.quarters.iter().map(|p| match p {
            Period::Quarter { quarter, .. } => format!("Q{quarter}"),
            other => other.to_string(),
        }));
        if is_staff {
            header.push(if compact { "在厅" } else { "在厅月数" }.into());
        }
        header.extend([if compact { "年度" } else { "年度总分" }.into(), "等次".into()]);
        let mut notes = Vec::new();
        let mut rows = Vec::new();
        for line in &lines {
            let r = &records[line.index];
            let rank = line.rank.map_or("—".to_string(), |n| n.to_string());
            let name = if is_staff { r.name.clone() } else { window_name(&r.name, compact) };
            let mut row = vec![rank, r.id.clone(), name];
            if is_staff {
                let window = r.window().map(|w| window_names(w).unwrap_or_else(|| w.to_string())).unwrap_or_default();
                row.push(window_name(&window, compact));
                row.push(r.role.and_then(|x| subject.role(x)).map_or(String::new(), |x| role_name(&x.label, compact)));
            }
            for period in &year.quarters {
                let total = r.quarters.iter().find(|(p, _, _)| p == period).map(|(_, t, _)| decimal(*t));
                row.push(total.unwrap_or_else(|| "—".into()));
            }
            if is_staff {
                row.push(decimal(r.months_in_hall));
            }
            row.push(decimal(r.total));
            // Not assessed: the mark (不参加年度考核 and its clause) is the whole cell.
            let grade = r.standing.as_ref().map_or("", |s| subject.grade_label(s.grade, r.staff_type));
            let marks = marks::annual(subject, &policy.staff, r, selections, line.index);
            row.push(grade_cell(grade, &marks, &safe::name(&format!("{} {}", r.id, r.name)), compact, &mut notes));
            rows.push(row);
        }
        lay_out(out, header, rows, numbers_from, compact)?;
        notes.extend(footer(
            subject,
            selections,
            |i| records.get(i).map_or(String::new(), |r| safe::name(&r.name).into_owned()),
            options.window.is_some(),
        ));
        write_notes(out, &notes, compact)?;
    }
    Ok(())
}
