//! What every printed page is made of, and the one template environment
//! that lays it out (minijinja, HTML auto-escaped): tables with marks and
//! their numbered notes, charts, and the pieces of a bulletin.

use minijinja::Environment;
use serde::Serialize;

use super::chart::Chart;
use super::marks::{Kind, Mark};
use super::words;

/// The templates, compiled into the binary.
pub fn environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.add_template("page.css", include_str!("templates/page.css"))?;
    env.add_template("macros.html", include_str!("templates/macros.html"))?;
    env.add_template("bulletin.html", include_str!("templates/bulletin.html"))?;
    env.add_template("ledgers.html", include_str!("templates/ledgers.html"))?;
    Ok(env)
}

/// Render `template` with `context` into a string.
pub fn render(template: &str, context: impl Serialize) -> std::io::Result<String> {
    environment()
        .and_then(|env| env.get_template(template)?.render(minijinja::value::Serde(&context)))
        .map_err(|err| std::io::Error::other(format!("cannot lay out the page ({template}): {err:#}")))
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Table {
    pub title: String,
    /// `summary` for a small table as wide as its text.
    pub class: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Row {
    pub class: &'static str,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Cell {
    pub text: String,
    pub class: &'static str,
    pub marks: Vec<CellMark>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), ..Cell::default() }
    }

    pub fn number(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), class: "num", ..Cell::default() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CellMark {
    pub short: String,
    pub note: String,
}

/// A table's footnote: which record, what happened, why, and the clause.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub note: String,
    pub who: String,
    pub what: String,
    pub reason: String,
    pub cite: String,
    pub wording: Option<String>,
}

impl Table {
    /// A grade cell carrying `marks`, each numbered as the table's next note about `who`.
    pub fn grade_cell(&mut self, grade: String, who: &str, marks: &[Mark]) -> Cell {
        let mut cell = Cell { text: grade, class: "grade", marks: Vec::new() };
        for mark in marks {
            let note = words::circled(self.notes.len() + 1);
            cell.marks.push(CellMark { short: mark.short.clone(), note: note.clone() });
            // The document's words once per clause and wording in a table.
            let quoted =
                self.notes.iter().any(|n| n.cite == mark.cite && n.wording.is_some() && n.wording == mark.wording);
            self.notes.push(Note {
                note,
                who: who.to_string(),
                what: what(mark),
                reason: mark.reason.clone(),
                cite: mark.cite.clone(),
                wording: if quoted { None } else { mark.wording.clone() },
            });
        }
        cell
    }
}

/// A mark as a sentence's verb: `不得评为优秀`, `退回原单位`.
pub fn what(mark: &Mark) -> String {
    match mark.kind {
        Kind::Veto => format!("不得评为{}", mark.short.trim_start_matches('✕')),
        Kind::Flag => mark.short.trim_start_matches('⚑').to_string(),
        Kind::Tie => "同分者整体未评入".to_string(),
        Kind::NotAssessed => "不参加年度考核".to_string(),
    }
}

/// A list of names under a heading: the 红旗窗口, the 优秀.
#[derive(Debug, Clone, Serialize, Default)]
pub struct NameList {
    pub title: String,
    pub cite: String,
    pub names: Vec<String>,
    /// Names run on in one paragraph (`、`), not one a line.
    pub inline: bool,
    /// What to say when the list is empty.
    pub none: String,
}

/// One numbered part of a bulletin's text.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub lists: Vec<NameList>,
    /// Tables side by side, a row of them at a time.
    pub table_rows: Vec<Vec<Table>>,
    pub charts: Vec<Chart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    pub office: String,
    pub date: String,
    pub drafted: String,
}

/// A table printed after the text, on its own pages.
#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    pub number: String,
    /// Printed on A4 turned (landscape): a table of many columns.
    pub wide: bool,
    pub title: String,
    pub legend: String,
    pub table: Table,
}

/// A bulletin: masthead, number line, heading, text, signature, annexes.
#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    pub title: String,
    pub masthead: String,
    pub number: String,
    pub heading: String,
    pub policy: String,
    pub effective: Option<String>,
    pub greeting: String,
    pub opening: String,
    pub sections: Vec<Section>,
    pub signature: Signature,
    pub annexes: Vec<Annex>,
}
