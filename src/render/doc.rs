//! The printed rubric: a policy laid out as the annex tables the bureau
//! publishes — 考核内容, 考核要求, 增减分值, 依据, and the table's own
//! wording — in Chinese, as Markdown or as one self-contained HTML page, so
//! that an author can hold it line by line against the document.
//!
//! Also the policy's own words for a rule's action and for a condition
//! ([`rule_action`], [`condition_text`]), which `kaohe diff` compares
//! between two policies.

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::decimal;
use super::words::{Lang, Words};
use crate::policy::{Band, Condition, FactKind, Measure, Part, Policy, Rule, Scope, Subject};

/// How a printed rubric is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Markdown,
    Html,
}

/// Print each policy (a version each, oldest first) as the annex tables.
pub fn write_doc(out: &mut (impl Write + ?Sized), policies: &[&Policy], format: DocFormat) -> io::Result<()> {
    let pages: Vec<Page> = policies.iter().map(|p| page(p)).collect();
    match format {
        DocFormat::Markdown => markdown(out, &pages),
        DocFormat::Html => html(out, &pages),
    }
}

// ---------------------------------------------------------------------------
// The policy's own words
// ---------------------------------------------------------------------------

/// What a rule does, as the policy writes it: `deduct 3 each`,
/// `deduct 0.5 each beyond 6`, `deduct 10 per day`, `deduct as assessed`,
/// `add by level county 2, city 3`. Scope and role are not included.
pub fn rule_action(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let days = subject.facts.get(rule.fact).is_some_and(|f| f.kind == FactKind::Days);
    match &rule.measure {
        Measure::Each { points, beyond } => {
            let verb = verb(*points);
            let beyond = if beyond.is_zero() { String::new() } else { format!(" beyond {}", decimal(*beyond)) };
            if days {
                format!("{verb} {} per day{beyond}", decimal(points.abs()))
            } else {
                format!("{verb} {} each{beyond}", decimal(points.abs()))
            }
        }
        Measure::Assessed { sign } => format!("{} as assessed", verb(*sign)),
        Measure::ByLevel(points) => {
            let sign = points.iter().find(|p| !p.is_zero()).copied().unwrap_or(Decimal::NEGATIVE_ONE);
            let levels: Vec<String> = policy
                .levels
                .iter()
                .zip(points)
                .filter(|(_, p)| !p.is_zero())
                .map(|(level, p)| format!("{} {}", level.id, decimal(p.abs())))
                .collect();
            format!("{} by level {}", verb(sign), levels.join(", "))
        }
    }
}

fn verb(sign: Decimal) -> &'static str {
    if sign.is_sign_negative() {
        "deduct"
    } else {
        "add"
    }
}

/// A rule as one line of the policy, without its wording:
/// `red_yellow_cards in window deduct 100 each to chief_rep [附件1/政务服务/4]`.
pub fn rule_line(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let fact = subject.facts.get(rule.fact).map_or("", |f| f.name.id.as_str());
    let scope = if rule.scope == Scope::Window { " in window" } else { "" };
    let role = rule.role.and_then(|r| subject.roles.get(r)).map_or(String::new(), |r| format!(" to {}", r.id));
    format!("{fact}{scope} {}{role} [{}]", rule_action(policy, subject, rule), rule.cite)
}

/// A condition as the policy writes it: `role chief_rep and red_yellow_cards in window > 0`.
/// `members` is the subject whose facts `… of staff` reads (the staff, for a window).
pub fn condition_text(subject: &Subject, members: &Subject, condition: &Condition) -> String {
    Words::new(Lang::Policy, subject, members).condition(condition)
}

/// A condition in Chinese, for the printed rubric: `角色为首席代表 且 本窗口办件出现红黄牌 > 0`.
pub fn condition_chinese(subject: &Subject, members: &Subject, condition: &Condition) -> String {
    Words::new(Lang::Chinese, subject, members).condition(condition)
}

// ---------------------------------------------------------------------------
// The rule in Chinese words
// ---------------------------------------------------------------------------

/// 增减分值: `每次扣3分`, `每天扣10分`, `超过6次的每次扣0.5分`, `视情况扣5-10分`,
/// `县级每件加2分、市级每件加3分`, `本窗口每张扣首席代表100分`.
pub fn rule_chinese(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let fact = subject.facts.get(rule.fact);
    let kind = fact.map(|f| f.kind);
    let role = rule.role.and_then(|r| subject.roles.get(r)).map_or("", |r| r.label.as_str());
    let scope = if rule.scope == Scope::Window { "本窗口" } else { "" };
    // The measure word of the document: a card is counted 每张, a level's case 每件, a day 每天.
    let unit = match kind {
        Some(FactKind::Days) => "天",
        Some(FactKind::Levels) => "件",
        _ if fact.is_some_and(|f| ["红黄牌", "红牌", "黄牌"].iter().any(|card| f.name.label.ends_with(card))) => {
            "张"
        }
        _ => "次",
    };
    let points = |p: Decimal| format!("{}{role}{}分", if p.is_sign_negative() { "扣" } else { "加" }, decimal(p.abs()));
    let text = match &rule.measure {
        Measure::Each { points: p, beyond } if beyond.is_zero() => format!("每{unit}{}", points(*p)),
        Measure::Each { points: p, beyond } => format!("超过{}{unit}的每{unit}{}", decimal(*beyond), points(*p)),
        Measure::Assessed { sign } => {
            let verb = if sign.is_sign_negative() { "扣" } else { "加" };
            match kind {
                Some(FactKind::Amounts { min, max }) => {
                    format!("视情况{verb}{role}{}-{}分", decimal(min), decimal(max))
                }
                _ => format!("视情况{verb}{role}分"),
            }
        }
        Measure::ByLevel(by_level) => policy
            .levels
            .iter()
            .zip(by_level)
            .filter(|(_, p)| !p.is_zero())
            .map(|(level, p)| format!("{}每{unit}{}", level.label, points(*p)))
            .collect::<Vec<_>>()
            .join("、"),
    };
    format!("{scope}{text}")
}

/// `80分以上（含80分）`, `60分以上（含60分）、80分以下`, `60分以下`.
fn band_chinese(subject: &Subject, band: &Band) -> String {
    if let Some(quota) = &band.quota {
        let from = subject.grades.get(quota.from).map_or("", |b| b.name.label.as_str());
        return format!("从“{from}”中按总分从高到低评选，不超过参加考核人数的{}%", decimal(quota.percent));
    }
    let from = band.from.map(|f| format!("{0}分以上（含{0}分）", decimal(f)));
    let below = band.below.map(|b| format!("{}分以下", decimal(b)));
    match (from, below) {
        (Some(from), Some(below)) => format!("{from}、{below}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "不限".into(),
    }
}

// ---------------------------------------------------------------------------
// The page: headings, notes and tables, in either format
// ---------------------------------------------------------------------------

struct Page {
    title: String,
    blocks: Vec<Block>,
}

enum Block {
    Heading(String),
    Subheading(String),
    Note(String),
    Table(Table),
}

struct Table {
    header: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
}

enum Cell {
    Text(String),
    /// A rule id: `attendance.late_early_away`.
    Code(String),
    /// The first cell of a group of rows (a category), spanning them.
    Group(String, usize),
    /// Under a group cell.
    Covered,
}

const RULES_HEADER: &[&str] = &["考核内容", "考核要求", "增减分值", "依据", "原文", "规则"];

fn page(policy: &Policy) -> Page {
    let title = match policy.effective {
        Some(date) => format!("{}（{date}起施行）", policy.name),
        None => policy.name.clone(),
    };
    let mut blocks = Vec::new();
    subject_blocks(&mut blocks, policy, &policy.staff, &policy.staff);
    subject_blocks(&mut blocks, policy, &policy.window, &policy.staff);
    Page { title, blocks }
}

/// The annex a subject's rules cite most: `附件1`.
fn annex(subject: &Subject) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for rule in &subject.rules {
        let head = rule.cite.split('/').next().unwrap_or("");
        if head.starts_with("附件") {
            match counts.iter_mut().find(|(h, _)| *h == head) {
                Some((_, n)) => *n += 1,
                None => counts.push((head, 1)),
            }
        }
    }
    // The first of the most cited, in policy order.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == most).map(|(h, _)| (*h).to_string())
}

fn subject_blocks(blocks: &mut Vec<Block>, policy: &Policy, subject: &Subject, members: &Subject) {
    let heading = format!("{}考核评分细则（基本分{}分）", subject.name.label, decimal(subject.total));
    blocks.push(Block::Heading(match annex(subject) {
        Some(annex) => format!("{annex}　{heading}"),
        None => heading,
    }));
    if !subject.roles.is_empty() {
        let roles: Vec<String> = subject.roles.iter().map(|r| r.label.clone()).collect();
        blocks.push(Block::Note(format!("角色：{}", roles.join("、"))));
    }

    let mut rows = Vec::new();
    for (c, category) in subject.categories.iter().enumerate() {
        let group = format!("{}（{}分）", category.name.label, decimal(category.points));
        let mut group_rows: Vec<Vec<Cell>> = Vec::new();
        if let Some(average) = &category.average {
            let of = members.categories.get(average.category).map_or("", |c| c.name.label.as_str());
            let by = members.attributes.get(average.weight).map_or("", |a| a.name.label.as_str());
            group_rows.push(vec![
                Cell::Text(format!("{}“{of}”得分按“{by}”加权平均", members.name.label)),
                Cell::Text(format!("加权平均，四舍五入保留{}位小数", average.places)),
                Cell::Text(average.cite.clone()),
                Cell::Text(average.wording.clone().unwrap_or_default()),
                Cell::Code(format!("{}.average", category.name.id)),
            ]);
        }
        group_rows.extend(rule_rows(policy, subject, Part::Category(c)));
        push_group(&mut rows, group, group_rows);
    }
    for (part, label) in [(Part::Penalties, &subject.penalties), (Part::Bonus, &subject.bonus)] {
        if let Some(label) = label {
            push_group(&mut rows, label.label.clone(), rule_rows(policy, subject, part));
        }
    }
    blocks.push(Block::Table(Table { header: RULES_HEADER, rows }));

    if !subject.grades.is_empty() {
        blocks.push(Block::Subheading("考核等次".into()));
        let rows = subject
            .grades
            .iter()
            .map(|band| {
                let (cite, wording) =
                    band.quota.as_ref().map_or((String::new(), None), |q| (q.cite.clone(), q.wording.clone()));
                vec![
                    Cell::Text(band.name.label.clone()),
                    Cell::Text(band_chinese(subject, band)),
                    Cell::Text(cite),
                    Cell::Text(wording.unwrap_or_default()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { header: &["等次", "总分", "依据", "原文"], rows }));
    }

    if !subject.vetoes.is_empty() {
        blocks.push(Block::Subheading("评选资格".into()));
        let rows = subject
            .vetoes
            .iter()
            .map(|veto| {
                vec![
                    Cell::Text(subject.grades.get(veto.grade).map_or(String::new(), |g| g.name.label.clone())),
                    Cell::Text(condition_chinese(subject, members, &veto.condition)),
                    Cell::Text(veto.cite.clone()),
                    Cell::Text(veto.wording.clone().unwrap_or_default()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { header: &["不得评为", "条件", "依据", "原文"], rows }));
    }

    if !subject.flags.is_empty() {
        blocks.push(Block::Subheading("其他结果".into()));
        let rows = subject
            .flags
            .iter()
            .map(|flag| {
                vec![
                    Cell::Text(flag.name.label.clone()),
                    Cell::Text(condition_chinese(subject, members, &flag.condition)),
                    Cell::Text(flag.cite.clone()),
                    Cell::Text(flag.wording.clone().unwrap_or_default()),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { header: &["结果", "条件", "依据", "原文"], rows }));
    }

    if let Some(annual) = &subject.annual {
        blocks.push(Block::Subheading("年度考核".into()));
        blocks.push(Block::Note("年度条件中的事实与属性按全年各季度累计。".into()));
        let mut rows = vec![vec![
            Cell::Text("年度总分".into()),
            Cell::Text(format!("各季度总分的平均数，四舍五入保留{}位小数", annual.places)),
            Cell::Text(annual.cite.clone()),
            Cell::Text(annual.wording.clone().unwrap_or_default()),
        ]];
        for gate in &annual.not_assessed {
            rows.push(vec![
                Cell::Text("不参加年度考核".into()),
                Cell::Text(condition_chinese(subject, members, &gate.condition)),
                Cell::Text(gate.cite.clone()),
                Cell::Text(gate.wording.clone().unwrap_or_default()),
            ]);
        }
        for veto in &annual.vetoes {
            let grade = subject.grades.get(veto.grade).map_or("", |g| g.name.label.as_str());
            rows.push(vec![
                Cell::Text(format!("年度不得评为{grade}")),
                Cell::Text(condition_chinese(subject, members, &veto.condition)),
                Cell::Text(veto.cite.clone()),
                Cell::Text(veto.wording.clone().unwrap_or_default()),
            ]);
        }
        for flag in &annual.flags {
            rows.push(vec![
                Cell::Text(flag.name.label.clone()),
                Cell::Text(condition_chinese(subject, members, &flag.condition)),
                Cell::Text(flag.cite.clone()),
                Cell::Text(flag.wording.clone().unwrap_or_default()),
            ]);
        }
        blocks.push(Block::Table(Table { header: &["项目", "内容", "依据", "原文"], rows }));
    }
}

fn rule_rows(policy: &Policy, subject: &Subject, part: Part) -> Vec<Vec<Cell>> {
    subject
        .rules
        .iter()
        .filter(|rule| rule.part == part)
        .map(|rule| {
            vec![
                Cell::Text(subject.facts.get(rule.fact).map_or(String::new(), |f| f.name.label.clone())),
                Cell::Text(rule_chinese(policy, subject, rule)),
                Cell::Text(rule.cite.clone()),
                Cell::Text(rule.wording.clone().unwrap_or_default()),
                Cell::Code(rule.id.clone()),
            ]
        })
        .collect()
}

/// Rows under one 考核内容 cell; a part without rules still gets its row.
fn push_group(rows: &mut Vec<Vec<Cell>>, group: String, mut group_rows: Vec<Vec<Cell>>) {
    if group_rows.is_empty() {
        group_rows.push((1..RULES_HEADER.len()).map(|_| Cell::Text(String::new())).collect());
    }
    let span = group_rows.len();
    for (n, mut row) in group_rows.into_iter().enumerate() {
        row.insert(0, if n == 0 { Cell::Group(group.clone(), span) } else { Cell::Covered });
        rows.push(row);
    }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

fn markdown(out: &mut (impl Write + ?Sized), pages: &[Page]) -> io::Result<()> {
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            writeln!(out, "\n---\n")?;
        }
        writeln!(out, "# {}", md_text(&page.title))?;
        for block in &page.blocks {
            writeln!(out)?;
            match block {
                Block::Heading(text) => writeln!(out, "## {}", md_text(text))?,
                Block::Subheading(text) => writeln!(out, "### {}", md_text(text))?,
                Block::Note(text) => writeln!(out, "{}", md_text(text))?,
                Block::Table(table) => {
                    writeln!(out, "| {} |", table.header.join(" | "))?;
                    writeln!(out, "|{}", "---|".repeat(table.header.len()))?;
                    for row in &table.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| match cell {
                                Cell::Text(text) | Cell::Group(text, _) => md_cell(text),
                                Cell::Code(code) => format!("`{}`", code.replace('`', "")),
                                Cell::Covered => String::new(),
                            })
                            .collect();
                        writeln!(out, "| {} |", cells.join(" | "))?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Text in a Markdown paragraph, heading or table cell: what Markdown would
/// read as markup is escaped (`<` only where it could open a tag: `< 6` stays).
fn md_text(text: &str) -> String {
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

/// A table cell: as paragraph text, and never empty-looking because of spaces.
fn md_cell(text: &str) -> String {
    md_text(text.trim())
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

const STYLE: &str = "\
body { margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #111; line-height: 1.5;
  font-family: \"Noto Sans CJK SC\", \"Noto Sans SC\", \"Source Han Sans SC\", \"PingFang SC\",
  \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif; }
h1 { font-size: 1.6em; text-align: center; }
h2 { font-size: 1.3em; margin-top: 2em; }
h3 { font-size: 1.1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; font-size: 14px; }
th, td { border: 1px solid #333; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #e8e8e8; white-space: nowrap; }
td.cite { white-space: nowrap; }
td.group { text-align: center; vertical-align: middle; font-weight: bold; }
td.rule code { font-family: \"Noto Sans Mono CJK SC\", ui-monospace, monospace; font-size: 12px; color: #555; }
article + article { border-top: 3px double #333; margin-top: 3em; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } tr { break-inside: avoid; } }
";

fn html(out: &mut (impl Write + ?Sized), pages: &[Page]) -> io::Result<()> {
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
        writeln!(out, "<h1>{}</h1>", escape(&page.title))?;
        for block in &page.blocks {
            match block {
                Block::Heading(text) => writeln!(out, "<h2>{}</h2>", escape(text))?,
                Block::Subheading(text) => writeln!(out, "<h3>{}</h3>", escape(text))?,
                Block::Note(text) => writeln!(out, "<p>{}</p>", escape(text))?,
                Block::Table(table) => html_table(out, table)?,
            }
        }
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn html_table(out: &mut (impl Write + ?Sized), table: &Table) -> io::Result<()> {
    writeln!(out, "<table>")?;
    write!(out, "<thead><tr>")?;
    for column in table.header {
        write!(out, "<th>{}</th>", escape(column))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    let cite = table.header.iter().position(|column| *column == "依据");
    for row in &table.rows {
        let rule = row.iter().find_map(|cell| match cell {
            Cell::Code(id) => Some(id.as_str()),
            _ => None,
        });
        match rule {
            Some(id) => write!(out, "<tr data-rule=\"{}\">", escape(id))?,
            None => write!(out, "<tr>")?,
        }
        // Rows under a group cell lack that first cell: count columns from the right.
        let first = table.header.len() - row.iter().filter(|c| !matches!(c, Cell::Covered)).count();
        for (n, cell) in row.iter().filter(|c| !matches!(c, Cell::Covered)).enumerate() {
            match cell {
                Cell::Text(text) if cite == Some(first + n) => write!(out, "<td class=\"cite\">{}</td>", escape(text))?,
                Cell::Text(text) => write!(out, "<td>{}</td>", escape(text))?,
                Cell::Code(code) => write!(out, "<td class=\"rule\"><code>{}</code></td>", escape(code))?,
                Cell::Group(text, span) => write!(out, "<td class=\"group\" rowspan=\"{span}\">{}</td>", escape(text))?,
                Cell::Covered => {}
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}

/// Text in HTML content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("迟到、早退“五禁止”"), "迟到、早退“五禁止”");
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(md_cell(" a|b "), "a\\|b");
        assert_eq!(md_cell("x_y*z"), "x\\_y\\*z");
        assert_eq!(md_cell("在大厅工作月数 < 6，x > 0"), "在大厅工作月数 < 6，x > 0");
        assert_eq!(md_cell("<b>"), "\\<b>");
    }
}
