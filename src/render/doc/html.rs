//! The printed rubric as one self-contained HTML page (inline CSS, nothing
//! loaded from elsewhere) that prints on A4: the annex tables landscape, one
//! to a page run, the rules outside them portrait; no heading left alone at
//! the foot of a page; the ids of the policy's lines shown on screen only.

use std::io::{self, Write};

use super::escape;
use super::page::{Block, Cell, Page, Section, Table};

const STYLE: &str = "\
@page { size: A4 portrait; margin: 15mm 14mm 16mm; }
@page annex { size: A4 landscape; margin: 10mm 12mm 10mm; }
html { color: #111; }
body { margin: 2em auto; max-width: 1120px; padding: 0 1em; line-height: 1.5; font-size: 14px;
  font-family: \"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"PingFang SC\",
  \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif; }
h1 { font-size: 1.45em; text-align: center; margin: 0 0 0.6em; }
h2 { font-size: 1.2em; text-align: center; margin: 0 0 0.5em; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
h1, h2, h3 { break-after: avoid; }
section { margin-bottom: 2.5em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 0.8em; }
th, td { border: 1px solid #333; padding: 3px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8e8e8; text-align: center; font-weight: bold; }
tr { break-inside: avoid; }
td.group { text-align: center; font-weight: bold; border-bottom: none; }
td.cont { border-top: none; border-bottom: none; }
td.group.end, td.cont.end { border-bottom: 1px solid #333; }
td.cite { font-size: 0.92em; }
.under { display: block; }
.ref { color: #333; font-size: 0.85em; white-space: nowrap; }
a { color: inherit; text-decoration: none; }
.ids { display: block; margin-top: 2px; font-family: \"Noto Sans Mono CJK SC\", ui-monospace, monospace;
  font-size: 11px; color: #666; overflow-wrap: anywhere; }
p.note { margin: 0.2em 0 0.5em; }
p.intro { text-align: center; margin: -0.3em 0 0.6em; font-size: 0.9em; }
div.notes { font-size: 0.9em; border-top: 1px solid #999; margin-top: 0.6em; padding-top: 0.3em; }
div.notes p { margin: 0.15em 0; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.45; }
  th, td { padding: 2px 5px; }
  section.annex { font-size: 9pt; line-height: 1.35; }
  div.notes { font-size: 8.5pt; columns: 2; column-gap: 8mm; }
  div.notes p { break-inside: avoid; }
  .ids { display: none; }
  section { margin: 0; }
  section.annex { page: annex; }
  section.annex + section.annex { break-before: page; }
  section.rules { break-before: page; }
  section.rules + section.rules { break-before: auto; margin-top: 1.5em; }
  article + article { break-before: page; }
}
";

pub(in crate::render) fn write(out: &mut (impl Write + ?Sized), pages: &[Page]) -> io::Result<()> {
    let title = pages.first().map_or(String::from("考核评分细则"), |p| p.title.clone());
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"zh-CN\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(out, "<style>\n{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    for page in pages {
        writeln!(out, "<article>")?;
        for (n, section) in page.sections.iter().enumerate() {
            // The title opens the first section, so that it never stands on a page alone.
            let title = (n == 0).then_some(page.title.as_str());
            write_section(out, page, section, title)?;
        }
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn write_section(
    out: &mut (impl Write + ?Sized),
    page: &Page,
    section: &Section,
    title: Option<&str>,
) -> io::Result<()> {
    writeln!(out, "<section class=\"{}\">", if section.annex { "annex" } else { "rules" })?;
    if let Some(title) = title {
        writeln!(out, "<h1>{}</h1>", escape(title))?;
        if let Some(intro) = super::page::intro(page) {
            writeln!(out, "<p class=\"intro\">{}</p>", escape(&intro))?;
        }
    }
    writeln!(out, "<h2>{}</h2>", escape(&section.heading))?;
    for block in &section.blocks {
        match block {
            Block::Subheading(text) => writeln!(out, "<h3>{}</h3>", escape(text))?,
            Block::Note(text) => writeln!(out, "<p class=\"note\">{}</p>", escape(text))?,
            Block::Table(table) => write_table(out, table)?,
        }
    }
    if !section.notes.is_empty() {
        writeln!(out, "<div class=\"notes\">")?;
        for &n in &section.notes {
            let Some((id, text)) = page.notes.get(n - 1).and_then(|r| page.reading_texts.get(*r)) else { continue };
            writeln!(
                out,
                "<p id=\"note-{n}\">注{n}　{}<span class=\"ref\">（解读 <code>{}</code>）</span></p>",
                escape(text),
                escape(id)
            )?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</section>")
}

fn write_table(out: &mut (impl Write + ?Sized), table: &Table) -> io::Result<()> {
    writeln!(out, "<table>")?;
    write!(out, "<colgroup>")?;
    for width in table.widths {
        write!(out, "<col style=\"width: {width}%\">")?;
    }
    writeln!(out, "</colgroup>")?;
    write!(out, "<thead><tr>")?;
    for column in table.header {
        write!(out, "<th>{}</th>", escape(column))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for row in &table.rows {
        match row.iter().find(|c| !c.ids.is_empty()) {
            Some(cell) => write!(out, "<tr data-rules=\"{}\">", escape(&cell.ids.join(" ")))?,
            None => write!(out, "<tr>")?,
        }
        for cell in row {
            write_cell(out, cell)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}

fn write_cell(out: &mut (impl Write + ?Sized), cell: &Cell) -> io::Result<()> {
    // A group's first cell heads its rows; the later rows leave it blank
    // without a border between, so that a page may break inside the group.
    let end = if cell.group_end { " end" } else { "" };
    if cell.covered {
        return writeln!(out, "<td class=\"cont{end}\"></td>");
    }
    match (cell.group, cell.cite) {
        (true, _) => write!(out, "<td class=\"group{end}\">")?,
        (false, true) => write!(out, "<td class=\"cite\">")?,
        (false, false) => write!(out, "<td>")?,
    }
    write!(out, "{}", escape(&cell.text))?;
    if let Some(under) = &cell.under {
        write!(out, "<span class=\"under\">{}</span>", escape(under))?;
    }
    if !cell.notes.is_empty() {
        let refs: Vec<String> = cell.notes.iter().map(|n| format!("<a href=\"#note-{n}\">注{n}</a>")).collect();
        write!(out, " <span class=\"ref\">{}</span>", refs.join("、"))?;
    }
    if !cell.ids.is_empty() {
        let ids: Vec<String> = cell.ids.iter().map(|id| format!("<code>{}</code>", escape(id))).collect();
        write!(out, "<span class=\"ids\">{}</span>", ids.join(" "))?;
    }
    writeln!(out, "</td>")
}
