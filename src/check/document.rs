//! The source document a policy encodes (`source "…"`), read just enough to
//! tell whether a cite names a place in it.
//!
//! What is found, and how:
//!
//! - **Annex tables.** After the line that lists the annexes (`附件：…`), each
//!   line `考核内容` starts a table: the first is `附件1`, the second `附件2`.
//!   A table's categories are written vertically, one character a line
//!   (`工\n作\n纪\n律`, blank lines allowed between): such a run of at least
//!   two one-character lines is a category, named by its characters. Its
//!   rows are the groups of non-blank lines from there to the next category.
//! - **Clauses.** Any other cite's first part (`第十五条`, `第十章`) must occur
//!   in the text, whitespace ignored. Further parts (`第十章/四/6`) are
//!   numbered headings, each inside the one before: a line beginning `四、`,
//!   `6.`, `６．` or `（三）` (full-width digits read as ASCII; a leading
//!   `[bookmark: …]` of the export skipped), after the clause and before the
//!   next chapter (`第…章`) or article (`第…条`), then before the next heading
//!   of the same style.

pub use super::error::Miss;

#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// The text without whitespace, so that a clause is found wherever the
    /// export broke its lines.
    flat: String,
    annexes: Vec<Annex>,
}

#[derive(Debug, Clone, Default)]
struct Annex {
    /// Each category's name and its rows, in table order.
    categories: Vec<(String, Vec<Cells>)>,
}

/// The two cells of a table row the policy quotes, as the document has them
/// (line breaks of the export kept).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cells {
    /// 考核要求
    pub requirement: String,
    /// 增减分值
    pub scoring: String,
}

/// Chinese numerals, as chapters, articles and sections are numbered.
const NUMERALS: &str = "一二三四五六七八九十百零〇两";

impl Document {
    pub fn new(text: &str) -> Document {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
        let flat = text.chars().filter(|c| !c.is_whitespace()).collect();
        let annexes = annexes(&text);
        Document { text, flat, annexes }
    }

    /// The cells of the annex row `附件N/CATEGORY/ROW` names, if it has them.
    pub fn cells(&self, cite: &str) -> Option<&Cells> {
        let parts: Vec<String> = cite.split('/').map(|p| p.chars().filter(|c| !c.is_whitespace()).collect()).collect();
        let [annex, category, row] = parts.as_slice() else { return None };
        let n: usize = ascii_digits(annex.strip_prefix("附件")?).parse().ok()?;
        let row: usize = ascii_digits(row).parse().ok()?;
        let (_, rows) = self.annexes.get(n.checked_sub(1)?)?.categories.iter().find(|(name, _)| name == category)?;
        rows.get(row.checked_sub(1)?)
    }

    /// Every row of annex `n` (from 1), as `附件N/CATEGORY/ROW`, in table order.
    pub fn row_cites(&self, n: usize) -> Vec<String> {
        let Some(annex) = n.checked_sub(1).and_then(|i| self.annexes.get(i)) else { return Vec::new() };
        annex
            .categories
            .iter()
            .flat_map(|(name, rows)| (1..=rows.len()).map(move |r| format!("附件{n}/{name}/{r}")))
            .collect()
    }

    /// Whether the text occurs in the document, whitespace ignored on both sides.
    pub fn contains(&self, text: &str) -> bool {
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        !flat.is_empty() && self.flat.contains(&flat)
    }

    /// Whether the document has the place `cite` names; if not, what is missing.
    pub fn locate(&self, cite: &str) -> Result<(), Miss> {
        let parts: Vec<String> = cite.split('/').map(|p| p.chars().filter(|c| !c.is_whitespace()).collect()).collect();
        let Some((first, rest)) = parts.split_first() else { return Ok(()) };
        match first.strip_prefix("附件").map(ascii_digits).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => self.locate_annex(n, rest),
            None => self.locate_clause(first, rest),
        }
    }

    fn locate_annex(&self, n: usize, rest: &[String]) -> Result<(), Miss> {
        let Some(annex) = n.checked_sub(1).and_then(|i| self.annexes.get(i)) else {
            return Err(Miss::NoAnnex { n, annexes: self.annexes.len() });
        };
        let Some(category) = rest.first() else { return Ok(()) };
        let Some((_, cells)) = annex.categories.iter().find(|(name, _)| name == category) else {
            let names = annex.categories.iter().map(|(name, _)| name.as_str());
            return Err(Miss::NoCategory {
                n,
                category: category.clone(),
                suggestion: crate::suggest::did_you_mean_name(category, names.clone()),
                categories: names.map(String::from).collect(),
            });
        };
        let Some(row) = rest.get(1) else { return Ok(()) };
        let rows = &cells.len();
        match ascii_digits(row).parse::<usize>() {
            Ok(r) if (1..=*rows).contains(&r) => {}
            Ok(_) => return Err(Miss::NoRow { n, category: category.clone(), rows: *rows, row: row.clone() }),
            Err(_) => return Err(Miss::NotARow { n, category: category.clone(), rows: *rows, row: row.clone() }),
        }
        match rest.get(2) {
            Some(extra) => Err(Miss::ExtraPart { n, extra: extra.clone() }),
            None => Ok(()),
        }
    }

    fn locate_clause(&self, first: &str, rest: &[String]) -> Result<(), Miss> {
        if first.is_empty() || !self.flat.contains(first) {
            return Err(Miss::NotInDocument { clause: first.to_string() });
        }
        // Headings are looked for in the text as written, after the clause.
        let Some(at) = self.text.find(first) else {
            return match rest.first() {
                None => Ok(()),
                Some(_) => Err(Miss::BrokenAcrossLines { clause: first.to_string() }),
            };
        };
        let from = at + first.len();
        let end = match first.chars().last() {
            Some(unit @ ('章' | '条')) => next_numbered(&self.text, from, unit).unwrap_or(self.text.len()),
            _ => self.text.len(),
        };
        let mut scope = (from, end);
        let mut path = first.to_string();
        for part in rest {
            match heading(&self.text, scope, part) {
                Some(found) => scope = found,
                None => return Err(Miss::NoHeading { part: part.clone(), under: path }),
            }
            path.push('/');
            path.push_str(part);
        }
        Ok(())
    }
}

/// Full-width digits as ASCII: `１２` → `12`.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Where the next `第…章` (or `第…条`) starts, at or after `from`.
fn next_numbered(text: &str, from: usize, unit: char) -> Option<usize> {
    let rest = text.get(from..)?;
    rest.match_indices('第').find_map(|(i, _)| {
        let after = &rest[i + '第'.len_utf8()..];
        let numerals = after.chars().take_while(|c| NUMERALS.contains(*c)).count();
        (numerals > 0 && after.chars().nth(numerals) == Some(unit)).then_some(from + i)
    })
}

/// How a heading is numbered: `四、`, `6.`, `（三）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Numeral,
    Digit,
    Parenthesised,
}

/// The style and number of the heading a line begins with, if any.
fn heading_of(line: &str) -> Option<(Style, String)> {
    let mut line = ascii_digits(line.trim());
    // The export marks headings with `[bookmark: _Toc…]`.
    while line.starts_with("[bookmark:") {
        let Some(end) = line.find(']') else { break };
        line = line[end + 1..].trim_start().to_string();
    }
    if let Some(inner) = line.strip_prefix('（').or_else(|| line.strip_prefix('(')) {
        let number: String = inner.chars().take_while(|c| NUMERALS.contains(*c) || c.is_ascii_digit()).collect();
        let after = inner[number.len()..].chars().next();
        return (!number.is_empty() && matches!(after, Some('）' | ')'))).then_some((Style::Parenthesised, number));
    }
    let numeral: String = line.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    let (style, number) = if !numeral.is_empty() { (Style::Numeral, numeral) } else { (Style::Digit, digits) };
    let after = line[number.len()..].chars().next();
    (!number.is_empty() && matches!(after, Some('、' | '.' | '．'))).then_some((style, number))
}

/// The heading numbered `part` inside `scope`, and its own scope: to the next
/// heading of the same style, or the end of `scope`.
fn heading(text: &str, scope: (usize, usize), part: &str) -> Option<(usize, usize)> {
    let want = ascii_digits(part);
    let want = want.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']);
    let body = text.get(scope.0..scope.1)?;
    let mut offset = scope.0;
    let mut found: Option<(usize, Style)> = None;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some((style, number)) = heading_of(line) else { continue };
        match found {
            None if number == want => found = Some((start, style)),
            Some((at, open)) if style == open => return Some((at, start)),
            _ => {}
        }
    }
    found.map(|(at, _)| (at, scope.1))
}

/// The annex tables: every table after the list of annexes, in order.
fn annexes(text: &str) -> Vec<Annex> {
    let lines: Vec<&str> = text.lines().collect();
    let list = lines.iter().position(|l| l.trim_start().starts_with("附件")).unwrap_or(0);
    let starts: Vec<usize> = (list..lines.len()).filter(|&i| lines[i].trim() == "考核内容").collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            table(&lines[start..end])
        })
        .collect()
}

/// One table's categories and the cells of each row.
///
/// The export writes a table cell by cell: a line that begins with a tab
/// (after any spaces) starts a cell, the lines after it without one continue
/// it. After a category's heading, each row is its 考核要求, its 增减分值 and
/// its 备注, the first row's right after the heading, each later row's after
/// the empty cells of the columns merged down the table (基本考核内容, the
/// category). So: skip empty cells, take the next as 考核要求, the one after
/// as 增减分值 (empty in two rows of the bureau's tables), the one after
/// that as 备注.
fn table(lines: &[&str]) -> Annex {
    // (first line of the heading, first line after it, name)
    let mut headings: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().chars().count() != 1 {
            i += 1;
            continue;
        }
        let start = i;
        let mut name = String::new();
        while i < lines.len() && lines[i].trim().chars().count() <= 1 {
            name.push_str(lines[i].trim());
            i += 1;
        }
        if name.chars().count() >= 2 {
            headings.push((start, i, name));
        }
    }
    let categories = headings
        .iter()
        .enumerate()
        .map(|(k, (_, body, name))| {
            let end = headings.get(k + 1).map_or(lines.len(), |(next, _, _)| *next);
            (name.clone(), rows(&cells(&lines[*body..end])))
        })
        .collect();
    Annex { categories }
}

/// The cells of a run of lines: each begins at a line starting with a tab.
fn cells(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        match line.trim_start_matches(' ').strip_prefix('\t') {
            Some(first) => out.push(vec![first]),
            // Lines before the first cell (the category's points) belong to the heading.
            None => {
                if let Some(cell) = out.last_mut() {
                    cell.push(line);
                }
            }
        }
    }
    out.iter().map(|cell| cell.join("\n").trim().to_string()).collect()
}

/// A category's rows from its cells: 考核要求, 增减分值, 备注 after the empty merged cells.
fn rows(cells: &[String]) -> Vec<Cells> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        if cells[i].is_empty() {
            i += 1;
            continue;
        }
        let scoring = cells.get(i + 1).cloned().unwrap_or_default();
        rows.push(Cells { requirement: cells[i].clone(), scoring });
        i += 3;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::diagnostic::Lang;

    /// A table as the bureau's export writes it: tab-separated cells, the
    /// category down the first column.
    const TEXT: &str = "第十章  考勤制度\n1、 考勤方式\n[bookmark: _Toc1]二、刷脸考勤\n四、请销假管理\n1.严格执行\n 6.全年事假累计超过20天\n7.本制度\n第十一章 卫生制度\n五、车辆\n第十五条  窗口工作人员因故中途缺勤\n附件：1.《细则》\n 考核内容\n\t考核要求\n\n\t基本考核内容\n\t工\n作\n纪\n律\n(20分)\n\t文明用语\n\t扣5-10分\n\t\n\n\t\n\t\n\t着装\n\t每例扣１分，\n连续两次扣1分\n\t\n\n\t\n\t通报曝光的扣100分\n\t\n\t\n\n\t\n\t加\n\n分\n\t表扬\n\t加0.5分\n 考核内容\n\t出\n勤\n(25分)\n\t迟到\n";

    fn doc() -> Document {
        Document::new(TEXT)
    }

    #[test]
    fn annex_tables_have_their_categories_and_rows() {
        let d = doc();
        let rows = |a: usize| d.annexes[a].categories.iter().map(|(n, r)| (n.clone(), r.len())).collect::<Vec<_>>();
        assert_eq!(rows(0), [("工作纪律".to_string(), 3), ("加分".to_string(), 1)]);
        assert_eq!(rows(1), [("出勤".to_string(), 1)]);
        assert_eq!(d.locate("附件1/工作纪律/3"), Ok(()));
        let miss = d.locate("附件1/工作纪律/4").err();
        assert_eq!(miss.clone().map(|m| m.text(Lang::En).0), Some("工作纪律 of 附件1 has 3 rows, not 4".into()));
        assert_eq!(miss.map(|m| m.text(Lang::Zh).0), Some("附件1 的工作纪律只有 3 行，没有第 4 行".into()));
        let cells = |cite: &str| d.cells(cite).map(|c| (c.requirement.as_str(), c.scoring.as_str()));
        assert_eq!(cells("附件1/工作纪律/1"), Some(("文明用语", "扣5-10分")));
        // A cell broken across lines by the export, and one left empty.
        assert_eq!(cells("附件1/工作纪律/2"), Some(("着装", "每例扣１分，\n连续两次扣1分")));
        assert_eq!(cells("附件1/工作纪律/3"), Some(("通报曝光的扣100分", "")));
        assert_eq!(cells("附件1/加分/1"), Some(("表扬", "加0.5分")));
        assert_eq!(cells("附件2/出勤/1"), Some(("迟到", "")));
        assert_eq!(d.row_cites(1), ["附件1/工作纪律/1", "附件1/工作纪律/2", "附件1/工作纪律/3", "附件1/加分/1"]);
        assert_eq!(d.locate("附件1/加分/１"), Ok(()));
        assert_eq!(d.locate("附件2/出勤"), Ok(()));
        assert!(d.locate("附件3/出勤/1").is_err());
        let miss = d.locate("附件1/工作记律/1").err();
        assert_eq!(miss.and_then(|m| m.text(Lang::En).1), Some("did you mean `工作纪律`?".into()));
    }

    #[test]
    fn clauses_and_their_headings() {
        let d = doc();
        assert_eq!(d.locate("第十五条"), Ok(()));
        assert_eq!(d.locate("第十章/四/6"), Ok(()));
        assert_eq!(d.locate("第十章/二"), Ok(()));
        // 五、 is in the next chapter, and 1. under 四 is not item 8.
        assert!(d.locate("第十章/五").is_err());
        assert!(d.locate("第十章/四/8").is_err());
        assert!(d.locate("第九十条").is_err());
        assert!(d.locate("rubric.md").is_err());
    }
}
