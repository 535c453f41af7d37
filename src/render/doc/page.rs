//! The printed rubric as a page of sections, tables and footnotes, the same
//! for either format: first each subject's annex table as the document has
//! it (考核内容, 考核要求, 增减分值, 备注; its rows in the document's order,
//! their words verbatim, the cite of each), then the rules outside the
//! tables (grades, staff types, vetoes, flags, honours, the year), each with
//! its clause. Every `reading` of a line becomes a numbered footnote of the
//! section it appears in.

use super::{band_chinese, condition_chinese, rule_chinese};
use crate::policy::{Policy, Subject};
use crate::render::decimal;

pub(super) struct Page {
    pub title: String,
    pub sections: Vec<Section>,
    /// Every reading footnoted, in order of first mention: indices into
    /// `Policy::readings`; a footnote's number is its place here, from 1.
    pub notes: Vec<usize>,
    /// Where the readings are explained, for the footnotes: `readings.md`.
    pub readings_file: Option<String>,
    /// `(id, text)` of each reading, for the footnotes.
    pub reading_texts: Vec<(String, String)>,
}

pub(super) struct Section {
    /// An annex table prints landscape; the rules outside it, portrait.
    pub annex: bool,
    pub heading: String,
    pub blocks: Vec<Block>,
    /// The footnotes referenced in this section, by number, in order.
    pub notes: Vec<usize>,
}

pub(super) enum Block {
    Subheading(String),
    Note(String),
    Table(Table),
}

pub(super) struct Table {
    pub header: &'static [&'static str],
    /// Each column's share of the width, in percent.
    pub widths: &'static [u8],
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: its text, the footnotes it refers to, and (on screen only) the
/// ids of the policy's lines that encode it.
#[derive(Default)]
pub(super) struct Cell {
    pub text: String,
    /// A second line of the cell: the points under a category, a cite's notes.
    pub under: Option<String>,
    pub notes: Vec<usize>,
    pub ids: Vec<String>,
    /// The first cell of a group of rows (a category).
    pub group: bool,
    /// In a later row of a group, under its first cell: left blank.
    pub covered: bool,
    /// The group's cell in its last row: the group's border closes there.
    pub group_end: bool,
    /// A cite: kept on one line.
    pub cite: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), ..Cell::default() }
    }

    fn cite(text: impl Into<String>, notes: Vec<usize>) -> Cell {
        Cell { text: text.into(), notes, cite: true, ..Cell::default() }
    }
}

pub(super) const ANNEX_HEADER: &[&str] = &["考核内容", "考核要求", "增减分值", "备注"];
const ANNEX_WIDTHS: &[u8] = &[10, 34, 38, 18];
const RULES_WIDTHS: &[u8] = &[16, 30, 17, 37];

/// The page of one policy version.
pub(super) fn page(policy: &Policy) -> Page {
    let title = match policy.effective {
        Some(date) => format!("{}（{date}起施行）", policy.name),
        None => policy.name.clone(),
    };
    let mut notes = Notes { order: Vec::new() };
    let mut sections = Vec::new();
    for (subject, members) in [(&policy.staff, &policy.staff), (&policy.window, &policy.staff)] {
        sections.push(annex_section(policy, subject, members, &mut notes));
    }
    for (subject, members) in [(&policy.staff, &policy.staff), (&policy.window, &policy.staff)] {
        sections.push(rules_section(subject, members, &mut notes));
    }
    let reading_texts = policy.readings.iter().map(|r| (r.id.clone(), r.text.clone())).collect();
    Page { title, sections, notes: notes.order, readings_file: policy.readings_file.clone(), reading_texts }
}

/// The line under the title that says what the footnotes are.
pub(super) fn intro(page: &Page) -> Option<String> {
    if page.notes.is_empty() {
        return None;
    }
    let file = page.readings_file.as_deref().map_or(String::new(), |f| format!("，其理由详见 {f}"));
    Some(format!("表中各“注”是本规则对文件措辞所作的解读{file}。"))
}

/// Footnote numbers, given in order of first mention.
struct Notes {
    order: Vec<usize>,
}

impl Notes {
    /// The footnote numbers of these readings, numbering the new ones.
    fn numbers(&mut self, readings: &[usize], section: &mut Vec<usize>) -> Vec<usize> {
        readings
            .iter()
            .map(|r| {
                let n = match self.order.iter().position(|x| x == r) {
                    Some(i) => i + 1,
                    None => {
                        self.order.push(*r);
                        self.order.len()
                    }
                };
                if !section.contains(&n) {
                    section.push(n);
                }
                n
            })
            .collect()
    }
}

/// A line of the policy that encodes (part of) a table row.
struct Encoding {
    cite: String,
    /// What the row's category is, when the cite does not say: the rule's part.
    part: Option<String>,
    id: String,
    readings: Vec<usize>,
    /// For a line whose row has no words given: what it says, in Chinese.
    requirement: String,
    scoring: String,
}

/// `附件1/出勤值勤/1` → (`出勤值勤`, 1), when it is a row of `annex`.
fn row_of<'a>(cite: &'a str, annex: Option<&str>) -> Option<(&'a str, usize)> {
    let mut parts = cite.split('/');
    let (head, category, row) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || annex.is_some_and(|a| a != head) || !head.starts_with("附件") {
        return None;
    }
    Some((category, row.trim().parse().ok()?))
}

fn encodings(policy: &Policy, subject: &Subject, members: &Subject) -> Vec<Encoding> {
    let mut out = Vec::new();
    for rule in &subject.rules {
        let fact = subject.facts.get(rule.fact.index()).map_or(String::new(), |f| f.name.label.clone());
        out.push(Encoding {
            cite: rule.cite.clone(),
            part: Some(subject.part_label(rule.part).label.clone()),
            id: rule.id.clone(),
            readings: rule.readings.clone(),
            requirement: fact,
            scoring: rule_chinese(policy, subject, rule),
        });
    }
    for category in &subject.categories {
        let Some(average) = &category.average else { continue };
        let of = members.categories.get(average.category).map_or("", |c| c.name.label.as_str());
        let by = members.attributes.get(average.weight).map_or("", |a| a.name.label.as_str());
        out.push(Encoding {
            cite: average.cite.clone(),
            part: Some(category.name.label.clone()),
            id: format!("{}.average", category.name.id),
            readings: average.readings.clone(),
            requirement: format!("{}“{of}”得分按“{by}”加权平均", members.name.label),
            scoring: format!("四舍五入保留{}位小数", average.places),
        });
    }
    // Vetoes and flags on a table row appear in it; on a clause, outside the tables.
    for (v, veto) in subject.vetoes.iter().enumerate() {
        out.push(Encoding {
            cite: veto.cite.clone(),
            part: None,
            id: format!("eligibility.{}", v + 1),
            readings: veto.readings.clone(),
            requirement: String::new(),
            scoring: String::new(),
        });
    }
    for flag in &subject.flags {
        out.push(Encoding {
            cite: flag.cite.clone(),
            part: None,
            id: format!("flags.{}", flag.name.id),
            readings: flag.readings.clone(),
            requirement: String::new(),
            scoring: String::new(),
        });
    }
    out
}

/// An annex table: its rows in the document's order, each with the words
/// of the document, its cite, and the policy lines that encode it.
fn annex_section(policy: &Policy, subject: &Subject, members: &Subject, notes: &mut Notes) -> Section {
    let annex = subject.annex.as_ref();
    let heading = match annex {
        Some(annex) => format!("{}　{}", annex.cite, annex.title),
        None => format!("{}考核评分细则", subject.name.label),
    };
    let mut section = Section { annex: true, heading, blocks: Vec::new(), notes: Vec::new() };
    if subject.annex.is_none() {
        section.blocks.push(Block::Note(format!("基本分{}分。", decimal(subject.total))));
    }

    // One entry per table row (by cite), or per line that cites no row.
    struct Row {
        category: String,
        number: usize,
        cite: String,
        words: Option<(String, String)>,
        encodings: Vec<Encoding>,
    }
    let mut rows: Vec<Row> = Vec::new();
    for encoding in encodings(policy, subject, members) {
        let annex_cite = annex.map(|a| a.cite.as_str());
        match row_of(&encoding.cite, annex_cite) {
            Some((category, number)) => match rows.iter_mut().find(|r| r.cite == encoding.cite) {
                Some(row) => row.encodings.push(encoding),
                None => {
                    let words = subject.row(&encoding.cite).map(|r| (r.requirement.clone(), r.scoring.clone()));
                    rows.push(Row {
                        category: category.to_string(),
                        number,
                        cite: encoding.cite.clone(),
                        words,
                        encodings: vec![encoding],
                    });
                }
            },
            // A veto or flag on a clause belongs outside the tables.
            None if encoding.part.is_none() => {}
            None => rows.push(Row {
                category: encoding.part.clone().unwrap_or_default(),
                number: usize::MAX,
                cite: encoding.cite.clone(),
                words: None,
                encodings: vec![encoding],
            }),
        }
    }
    // Categories in the policy's order, then the bonus, then whatever else is cited.
    let mut order: Vec<String> = subject.categories.iter().map(|c| c.name.label.clone()).collect();
    order.extend(subject.bonus.iter().map(|b| b.label.clone()));
    order.extend(subject.penalties.iter().map(|p| p.label.clone()));
    for row in &rows {
        if !order.contains(&row.category) {
            order.push(row.category.clone());
        }
    }
    let rank = |category: &str| order.iter().position(|c| c == category).unwrap_or(usize::MAX);
    // Stable: lines that cite no row keep the policy's order after the rows.
    rows.sort_by_key(|r| (rank(&r.category), r.number));

    let mut table = Table { header: ANNEX_HEADER, widths: ANNEX_WIDTHS, rows: Vec::new() };
    let mut i = 0;
    while i < rows.len() {
        let group: Vec<&Row> = rows[i..].iter().take_while(|r| r.category == rows[i].category).collect();
        let category = subject.categories.iter().find(|c| c.name.label == rows[i].category);
        let mut head = Cell::text(rows[i].category.clone());
        if let Some(category) = category {
            head.under = Some(format!("({}分)", decimal(category.points)));
            head.notes = notes.numbers(&category.readings, &mut section.notes);
        }
        head.group = true;
        for (n, row) in group.iter().enumerate() {
            let mut cells = Vec::with_capacity(4);
            let mut first = if n == 0 { std::mem::take(&mut head) } else { Cell { covered: true, ..Cell::default() } };
            first.group_end = n + 1 == group.len();
            cells.push(first);
            let (requirement, scoring) = match &row.words {
                Some((r, s)) => (r.clone(), s.clone()),
                None => {
                    let join = |f: &dyn Fn(&Encoding) -> &str, sep: &str| {
                        let parts: Vec<&str> = row.encodings.iter().map(f).filter(|t| !t.is_empty()).collect();
                        parts.join(sep)
                    };
                    (join(&|e| e.requirement.as_str(), "、"), join(&|e| e.scoring.as_str(), "；"))
                }
            };
            cells.push(Cell::text(requirement));
            cells.push(Cell::text(scoring));
            let readings: Vec<usize> = {
                let mut all = Vec::new();
                for r in row.encodings.iter().flat_map(|e| &e.readings) {
                    if !all.contains(r) {
                        all.push(*r);
                    }
                }
                all
            };
            let mut remark = Cell::cite(row.cite.clone(), notes.numbers(&readings, &mut section.notes));
            if row.words.is_none() && row.number != usize::MAX {
                remark.under = Some("未给出原文".into());
            }
            remark.ids = row.encodings.iter().map(|e| e.id.clone()).collect();
            cells.push(remark);
            table.rows.push(cells);
        }
        i += group.len();
    }
    section.blocks.push(Block::Table(table));
    section.notes.sort_unstable();
    section
}

/// The rules outside the table: grades, staff types, vetoes, flags, honours, the year.
fn rules_section(subject: &Subject, members: &Subject, notes: &mut Notes) -> Section {
    let heading = match &subject.annex {
        Some(annex) => format!("{}之外：{}的等次、评选与年度考核", annex.cite, subject.name.label),
        None => format!("{}的等次、评选与年度考核", subject.name.label),
    };
    let mut section = Section { annex: false, heading, blocks: Vec::new(), notes: Vec::new() };
    // The document's words for a line: its wording, or its table row's.
    let clause = |cite: &str, wording: &Option<String>| -> String {
        if let Some(wording) = wording {
            return wording.clone();
        }
        match subject.row(cite) {
            Some(row) if row.scoring.is_empty() => row.requirement.clone(),
            Some(row) => format!("{}　{}", row.requirement, row.scoring),
            None => String::new(),
        }
    };
    let table = |header: &'static [&'static str], rows: Vec<[Cell; 4]>, section: &mut Section| {
        if !rows.is_empty() {
            let rows = rows.into_iter().map(Vec::from).collect();
            section.blocks.push(Block::Table(Table { header, widths: RULES_WIDTHS, rows }));
        }
    };

    if !subject.grades.is_empty() {
        section.blocks.push(Block::Subheading("考核等次".into()));
        let mut rows = Vec::new();
        for band in &subject.grades {
            let (cite, wording) = match &band.quota {
                Some(q) => (q.cite.clone(), q.wording.clone()),
                None => (band.cite.clone().unwrap_or_default(), band.wording.clone()),
            };
            let numbers = notes.numbers(&band.readings, &mut section.notes);
            rows.push([
                Cell::text(band.name.label.clone()),
                Cell::text(band_chinese(subject, band)),
                Cell::cite(cite.clone(), numbers),
                Cell::text(clause(&cite, &wording)),
            ]);
        }
        for set in &subject.label_sets {
            let numbers = notes.numbers(&set.readings, &mut section.notes);
            rows.push([
                Cell::text(set.name.label.clone()),
                Cell::text(format!("等次称为{}", set.labels.join("、"))),
                Cell::cite(set.cite.clone(), numbers),
                Cell::text(clause(&set.cite, &set.wording)),
            ]);
        }
        table(&["等次", "总分", "依据", "原文"], rows, &mut section);
    }

    if !subject.vetoes.is_empty() {
        section.blocks.push(Block::Subheading("评选资格（当季度）".into()));
        let rows = subject
            .vetoes
            .iter()
            .map(|veto| {
                let grade = subject.band(veto.grade).map_or(String::new(), |g| g.name.label.clone());
                [
                    Cell::text(format!("不得评为{grade}")),
                    Cell::text(condition_chinese(subject, members, &veto.condition)),
                    Cell::cite(veto.cite.clone(), notes.numbers(&veto.readings, &mut section.notes)),
                    Cell::text(clause(&veto.cite, &veto.wording)),
                ]
            })
            .collect();
        table(&["结果", "条件", "依据", "原文"], rows, &mut section);
    }

    if !subject.flags.is_empty() {
        section.blocks.push(Block::Subheading("其他结果（当季度）".into()));
        let rows = subject
            .flags
            .iter()
            .map(|flag| {
                [
                    Cell::text(flag.name.label.clone()),
                    Cell::text(condition_chinese(subject, members, &flag.condition)),
                    Cell::cite(flag.cite.clone(), notes.numbers(&flag.readings, &mut section.notes)),
                    Cell::text(clause(&flag.cite, &flag.wording)),
                ]
            })
            .collect();
        table(&["结果", "条件", "依据", "原文"], rows, &mut section);
    }

    if !subject.honours.is_empty() {
        section.blocks.push(Block::Subheading("拟评荣誉（每季度提名，报考核组初审，不是等次）".into()));
        let rows = subject
            .honours
            .iter()
            .map(|honour| {
                let from = subject.band(honour.from).map_or("", |g| g.name.label.as_str());
                let when = honour
                    .condition
                    .as_ref()
                    .map_or(String::new(), |c| format!("、{}", condition_chinese(subject, members, c)));
                [
                    Cell::text(honour.name.label.clone()),
                    Cell::text(format!(
                        "等次为“{from}”{when}的，按总分从高到低提名，至多{}个；同分者整体提名或整体不提名",
                        honour.limit
                    )),
                    Cell::cite(honour.cite.clone(), notes.numbers(&honour.readings, &mut section.notes)),
                    Cell::text(clause(&honour.cite, &honour.wording)),
                ]
            })
            .collect();
        table(&["荣誉", "提名", "依据", "原文"], rows, &mut section);
    }

    if let Some(annual) = &subject.annual {
        section.blocks.push(Block::Subheading("年度考核".into()));
        section.blocks.push(Block::Note("年度条件中的事实与属性按全年各季度累计。".into()));
        let mut rows = vec![[
            Cell::text("年度总分"),
            Cell::text(format!("各季度总分的平均数，四舍五入保留{}位小数", annual.places)),
            Cell::cite(annual.cite.clone(), notes.numbers(&annual.readings, &mut section.notes)),
            Cell::text(clause(&annual.cite, &annual.wording)),
        ]];
        for gate in &annual.not_assessed {
            rows.push([
                Cell::text("不参加年度考核"),
                Cell::text(condition_chinese(subject, members, &gate.condition)),
                Cell::cite(gate.cite.clone(), notes.numbers(&gate.readings, &mut section.notes)),
                Cell::text(clause(&gate.cite, &gate.wording)),
            ]);
        }
        for veto in &annual.vetoes {
            let grade = subject.band(veto.grade).map_or("", |g| g.name.label.as_str());
            rows.push([
                Cell::text(format!("年度不得评为{grade}")),
                Cell::text(condition_chinese(subject, members, &veto.condition)),
                Cell::cite(veto.cite.clone(), notes.numbers(&veto.readings, &mut section.notes)),
                Cell::text(clause(&veto.cite, &veto.wording)),
            ]);
        }
        for flag in &annual.flags {
            rows.push([
                Cell::text(flag.name.label.clone()),
                Cell::text(condition_chinese(subject, members, &flag.condition)),
                Cell::cite(flag.cite.clone(), notes.numbers(&flag.readings, &mut section.notes)),
                Cell::text(clause(&flag.cite, &flag.wording)),
            ]);
        }
        table(&["项目", "内容", "依据", "原文"], rows, &mut section);
    }
    section.notes.sort_unstable();
    section
}
