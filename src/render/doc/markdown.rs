//! The printed rubric as Markdown, to read or diff as text: the same
//! sections and tables as the HTML, the footnotes after each section, the
//! ids of the policy's lines in the 备注 column.

use std::io::{self, Write};

use super::page::{Block, Cell, Page};

pub(in crate::render) fn write(out: &mut (impl Write + ?Sized), pages: &[Page]) -> io::Result<()> {
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            writeln!(out, "\n---\n")?;
        }
        writeln!(out, "# {}", text(&page.title))?;
        if let Some(intro) = super::page::intro(page) {
            writeln!(out, "\n{}", text(&intro))?;
        }
        for section in &page.sections {
            writeln!(out)?;
            writeln!(out, "## {}", text(&section.heading))?;
            for block in &section.blocks {
                writeln!(out)?;
                match block {
                    Block::Subheading(heading) => writeln!(out, "### {}", text(heading))?,
                    Block::Note(note) => writeln!(out, "{}", text(note))?,
                    Block::Table(table) => {
                        writeln!(out, "| {} |", table.header.join(" | "))?;
                        writeln!(out, "|{}", "---|".repeat(table.header.len()))?;
                        for row in &table.rows {
                            let cells: Vec<String> = row.iter().map(cell).collect();
                            writeln!(out, "| {} |", cells.join(" | "))?;
                        }
                    }
                }
            }
            if !section.notes.is_empty() {
                writeln!(out)?;
                for &n in &section.notes {
                    let Some((id, note)) = page.notes.get(n - 1).and_then(|r| page.reading_texts.get(*r)) else {
                        continue;
                    };
                    writeln!(out, "- 注{n}　{}（解读 `{id}`）", text(note))?;
                }
            }
        }
    }
    Ok(())
}

/// A table cell: its text, its second line, its footnotes and the ids of its lines.
fn cell(cell: &Cell) -> String {
    if cell.covered {
        return String::new();
    }
    let mut parts = vec![text(cell.text.trim())];
    match &cell.under {
        // A category's points, as the document writes them: `工作纪律(20分)`.
        Some(under) if under.starts_with('(') => parts[0].push_str(&text(under)),
        Some(under) => parts.push(text(under)),
        None => {}
    }
    if !cell.notes.is_empty() {
        parts.push(cell.notes.iter().map(|n| format!("注{n}")).collect::<Vec<_>>().join("、"));
    }
    let mut out = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    for id in &cell.ids {
        out.push_str(&format!(" `{}`", id.replace('`', "")));
    }
    out
}

/// Text in a Markdown paragraph, heading or table cell: what Markdown would
/// read as markup is escaped (`<` only where it could open a tag: `< 6` stays).
pub(super) fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let tag = ch == '<' && chars.peek().is_some_and(|next| next.is_ascii_alphabetic() || "/!?".contains(*next));
        if tag || matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '|') {
            out.push('\\');
        }
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("x_y*z"), "x\\_y\\*z");
        assert_eq!(text("在大厅工作月数 < 6，x > 0"), "在大厅工作月数 < 6，x > 0");
        assert_eq!(text("<b>"), "\\<b>");
    }
}
