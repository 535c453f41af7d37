//! `kaohe diff`: what a rubric change does before it is adopted. One
//! period's facts are scored with the old policy and with the new one (each
//! the version in force for the period, picked as `eval` picks it); every
//! record whose total or grade moves is listed, largest change first, after
//! the rules and other parts of the policy added, removed or changed.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::report::{Exit, Failure};
use super::score::Scored;
use kaohe::eval::Scored as Score;
use kaohe::facts::Record;
use kaohe::policy::{Band, FactKind, Label, Policy, Scope, Subject};
use kaohe::render::{condition_text, decimal, rule_action, rule_line};
use kaohe::source::SourceFile;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The policy in force: a directory of `.rules` files, or of versions.
    #[arg(long, value_name = "OLD")]
    from: PathBuf,
    /// The proposed policy, likewise.
    #[arg(long, value_name = "NEW")]
    to: PathBuf,
    /// One period's facts, a JSON file (docs/io.md), scored with both.
    #[arg(long, value_name = "FILE")]
    facts: PathBuf,
    /// `table` for a person at a terminal; `json` for other tools.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the comparison to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: DiffArgs) -> Result<(), Failure> {
    let file = super::score::read_facts(&args.facts)?;
    let old = side(&args.from, &file);
    let new = side(&args.to, &file);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return Err(rejected(&args, old.err(), new.err())),
    };
    let diff = Diff {
        from: &args.from,
        to: &args.to,
        old: &old,
        new: &new,
        changes: policy_changes(&old.version.policy, &new.version.policy),
        staff: moved(&old, &new, Subjects::Staff),
        windows: moved(&old, &new, Subjects::Windows),
    };
    super::output::write(args.out.as_deref(), &[&args.facts], |out| match args.format {
        Format::Table => diff.table(out),
        Format::Json => diff.json(out),
    })
}

/// Load one side's policy and score the facts with the version in force for their period.
fn side(dir: &Path, file: &SourceFile) -> Result<Scored, Failure> {
    let policies = super::score::load_policies(dir)?;
    super::score::score(&policies, dir, file)
}

/// One failure for the run, every diagnostic saying which side it is about:
/// the old policy (`--from`), the new (`--to`), or both.
fn rejected(args: &DiffArgs, old: Option<Failure>, new: Option<Failure>) -> Failure {
    let messages = |f: &Failure| f.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    // (who, and whether that is one policy or both)
    let what = |exit: Exit, (side, one): (&str, bool)| match exit {
        Exit::Facts => format!("{side} {} the facts", if one { "rejects" } else { "reject" }),
        Exit::Policy => format!("{side} {} rejected", if one { "is" } else { "are" }),
        Exit::Io => side.to_string(),
    };
    let old_side = format!("the old policy (--from {})", args.from.display());
    let new_side = format!("the new policy (--to {})", args.to.display());
    let both = format!("both policies (--from {}, --to {})", args.from.display(), args.to.display());
    let mut exit = Exit::Facts;
    let mut diagnostics = Vec::new();
    let mut add = |failure: Failure, side: (&str, bool)| {
        // The lowest status names the first stage that failed: reading, the policy, the facts.
        if (failure.exit as u8) < (exit as u8) {
            exit = failure.exit;
        }
        let context = what(failure.exit, side);
        diagnostics.extend(failure.diagnostics.into_iter().map(|d| d.wrap_err(context.clone())));
    };
    match (old, new) {
        (Some(old), Some(new)) if messages(&old) == messages(&new) => add(old, (&both, false)),
        (old, new) => {
            if let Some(old) = old {
                add(old, (&old_side, true));
            }
            if let Some(new) = new {
                add(new, (&new_side, true));
            }
        }
    }
    Failure::new(exit, diagnostics)
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Subjects {
    Staff,
    Windows,
}

impl Subjects {
    fn of(self, scored: &Scored) -> (&Subject, &[Record], &[Score]) {
        match self {
            Subjects::Staff => (&scored.version.policy.staff, &scored.quarter.staff, &scored.results.staff),
            Subjects::Windows => (&scored.version.policy.window, &scored.quarter.windows, &scored.results.windows),
        }
    }
}

/// A record whose total or grade moves.
struct Moved<'a> {
    record: &'a Record,
    old_total: Decimal,
    new_total: Decimal,
    delta: Decimal,
    old_grade: Option<&'a Label>,
    new_grade: Option<&'a Label>,
}

struct Records<'a> {
    assessed: usize,
    moved: Vec<Moved<'a>>,
    unchanged: usize,
}

fn moved<'a>(old: &'a Scored, new: &'a Scored, which: Subjects) -> Records<'a> {
    let (old_subject, old_records, old_scores) = which.of(old);
    let (new_subject, new_records, new_scores) = which.of(new);
    let by_id: HashMap<&str, usize> = new_records.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut moved = Vec::new();
    let mut unchanged = 0;
    for (record, old_score) in old_records.iter().zip(old_scores) {
        // Both sides read the same file, so every record is on both.
        let Some(new_score) = by_id.get(record.id.as_str()).and_then(|&i| new_scores.get(i)) else { continue };
        let old_grade = old_subject.grades.get(old_score.grade).map(|g| &g.name);
        let new_grade = new_subject.grades.get(new_score.grade).map(|g| &g.name);
        if old_score.total == new_score.total && old_grade.map(|g| &g.id) == new_grade.map(|g| &g.id) {
            unchanged += 1;
            continue;
        }
        moved.push(Moved {
            record,
            old_total: old_score.total,
            new_total: new_score.total,
            delta: new_score.total - old_score.total,
            old_grade,
            new_grade,
        });
    }
    // Largest change first; equal changes keep the file's order (the sort is stable).
    moved.sort_by_key(|m| std::cmp::Reverse(m.delta.abs()));
    Records { assessed: old_records.len(), moved, unchanged }
}

// ---------------------------------------------------------------------------
// Policy changes
// ---------------------------------------------------------------------------

/// One part of a policy that can be added, removed or changed: a rule, a
/// fact, a grade band, a veto… matched between the two policies by its key.
struct Item {
    subject: &'static str,
    kind: &'static str,
    key: String,
    /// The item as the policy writes it, shown when it is added or removed.
    summary: String,
    fields: Vec<(&'static str, String)>,
}

impl Item {
    fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }

    fn same(&self, other: &Item) -> bool {
        self.subject == other.subject && self.kind == other.kind && self.key == other.key
    }
}

const KINDS: &[&str] =
    &["level", "subject", "role", "attribute", "fact", "category", "rule", "grade", "veto", "flag", "annual"];

enum What {
    Added(String),
    Removed(String),
    /// (field, old, new) for each field that differs.
    Changed(Vec<(&'static str, String, String)>),
}

struct Change {
    subject: &'static str,
    kind: &'static str,
    key: String,
    what: What,
}

fn policy_changes(old: &Policy, new: &Policy) -> Vec<Change> {
    let (old, new) = (items(old), items(new));
    let mut changes = Vec::new();
    for n in &new {
        let what = match old.iter().find(|o| o.same(n)) {
            None => What::Added(n.summary.clone()),
            Some(o) => {
                let mut names: Vec<&'static str> = n.fields.iter().map(|(name, _)| *name).collect();
                names.extend(o.fields.iter().map(|(name, _)| *name).filter(|name| n.field(name).is_empty()));
                let fields: Vec<(&'static str, String, String)> = names
                    .into_iter()
                    .filter(|name| o.field(name) != n.field(name))
                    .map(|name| (name, o.field(name).to_string(), n.field(name).to_string()))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                What::Changed(fields)
            }
        };
        changes.push(Change { subject: n.subject, kind: n.kind, key: n.key.clone(), what });
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.same(o))) {
        changes.push(Change {
            subject: o.subject,
            kind: o.kind,
            key: o.key.clone(),
            what: What::Removed(o.summary.clone()),
        });
    }
    let order = |c: &Change| {
        let subject = ["policy", "staff", "window"].iter().position(|s| *s == c.subject).unwrap_or(3);
        (subject, KINDS.iter().position(|k| *k == c.kind).unwrap_or(KINDS.len()))
    };
    changes.sort_by_key(order);
    changes
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn wording(text: &Option<String>) -> String {
    text.as_deref().map(quoted).unwrap_or_default()
}

fn kind_text(kind: FactKind) -> String {
    match kind {
        FactKind::Amounts { min, max } => format!("amounts {}-{}", decimal(min), decimal(max)),
        other => other.word().to_string(),
    }
}

fn band_text(subject: &Subject, band: &Band) -> (String, String) {
    if let Some(quota) = &band.quota {
        let from = subject.grades.get(quota.from).map_or("", |b| b.name.id.as_str());
        return (format!("chosen from {from}"), format!("at most {}%", decimal(quota.percent)));
    }
    let from = band.from.map(|f| format!("from {}", decimal(f)));
    let below = band.below.map(|b| format!("below {}", decimal(b)));
    (from.into_iter().chain(below).collect::<Vec<_>>().join(" "), String::new())
}

/// Every part of a policy that a change can touch, keyed.
fn items(policy: &Policy) -> Vec<Item> {
    let mut out = Vec::new();
    for level in &policy.levels {
        out.push(Item {
            subject: "policy",
            kind: "level",
            key: level.id.clone(),
            summary: format!("{} {}", level.id, quoted(&level.label)),
            fields: vec![("label", level.label.clone())],
        });
    }
    for (name, subject, members) in [("staff", &policy.staff, &policy.staff), ("window", &policy.window, &policy.staff)]
    {
        let mut push = |kind: &'static str, key: String, summary: String, fields: Vec<(&'static str, String)>| {
            out.push(Item { subject: name, kind, key, summary, fields })
        };
        push(
            "subject",
            name.to_string(),
            format!("subject {name} {} total {}", quoted(&subject.name.label), decimal(subject.total)),
            vec![("label", subject.name.label.clone()), ("total", decimal(subject.total))],
        );
        for role in &subject.roles {
            push(
                "role",
                role.id.clone(),
                format!("{} {}", role.id, quoted(&role.label)),
                vec![("label", role.label.clone())],
            );
        }
        for (kind, facts) in [("attribute", &subject.attributes), ("fact", &subject.facts)] {
            for fact in facts {
                let summary = format!("{} {} {}", fact.name.id, quoted(&fact.name.label), kind_text(fact.kind));
                let fields = vec![("label", fact.name.label.clone()), ("kind", kind_text(fact.kind))];
                push(kind, fact.name.id.clone(), summary, fields);
            }
        }
        for category in &subject.categories {
            let summary =
                format!("category {} {} {}", category.name.id, quoted(&category.name.label), decimal(category.points));
            let fields = vec![("label", category.name.label.clone()), ("points", decimal(category.points))];
            push("category", category.name.id.clone(), summary, fields);
            if let Some(average) = &category.average {
                let text = format!(
                    "average of staff {} weighted by {}, rounded to {} places",
                    members.categories.get(average.category).map_or("", |c| c.name.id.as_str()),
                    members.attributes.get(average.weight).map_or("", |a| a.name.id.as_str()),
                    average.places
                );
                push(
                    "rule",
                    format!("{}.average", category.name.id),
                    format!("{text} [{}]", average.cite),
                    vec![("average", text), ("cite", average.cite.clone()), ("wording", wording(&average.wording))],
                );
            }
        }
        for rule in &subject.rules {
            let role = rule.role.and_then(|r| subject.roles.get(r)).map_or(String::new(), |r| r.id.clone());
            let scope = if rule.scope == Scope::Window { "in window" } else { "own" };
            push(
                "rule",
                rule.id.clone(),
                rule_line(policy, subject, rule),
                vec![
                    ("action", rule_action(policy, subject, rule)),
                    ("scope", scope.to_string()),
                    ("to role", role),
                    ("cite", rule.cite.clone()),
                    ("wording", wording(&rule.wording)),
                ],
            );
        }
        for band in &subject.grades {
            let (bounds, quota) = band_text(subject, band);
            let (cite, said) =
                band.quota.as_ref().map_or((String::new(), String::new()), |q| (q.cite.clone(), wording(&q.wording)));
            let mut summary = format!("{} {} {bounds}", band.name.id, quoted(&band.name.label));
            if !quota.is_empty() {
                summary.push_str(&format!(", {quota} [{cite}]"));
            }
            push(
                "grade",
                band.name.id.clone(),
                summary,
                vec![
                    ("label", band.name.label.clone()),
                    ("band", bounds),
                    ("quota", quota),
                    ("cite", cite),
                    ("wording", said),
                ],
            );
        }
        let veto_text = |veto: &kaohe::policy::Veto| {
            let grade = subject.grades.get(veto.grade).map_or("", |g| g.name.id.as_str());
            format!("not {grade} when {}", condition_text(subject, members, &veto.condition))
        };
        for veto in &subject.vetoes {
            let key = veto_text(veto);
            let summary = format!("{key} [{}]", veto.cite);
            push("veto", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
        }
        let flag_item = |flag: &kaohe::policy::Flag| {
            let condition = condition_text(subject, members, &flag.condition);
            let summary = format!("{} {} when {condition} [{}]", flag.name.id, quoted(&flag.name.label), flag.cite);
            let fields = vec![
                ("label", flag.name.label.clone()),
                ("condition", condition),
                ("cite", flag.cite.clone()),
                ("wording", wording(&flag.wording)),
            ];
            (flag.name.id.clone(), summary, fields)
        };
        for flag in &subject.flags {
            let (key, summary, fields) = flag_item(flag);
            push("flag", key, summary, fields);
        }
        if let Some(annual) = &subject.annual {
            let total = format!("total mean of quarters, rounded to {} places", annual.places);
            push(
                "annual",
                "total".into(),
                format!("{total} [{}]", annual.cite),
                vec![("total", total), ("cite", annual.cite.clone()), ("wording", wording(&annual.wording))],
            );
            for gate in &annual.not_assessed {
                let key = format!("not assessed when {}", condition_text(subject, members, &gate.condition));
                let summary = format!("{key} [{}]", gate.cite);
                push("annual", key, summary, vec![("cite", gate.cite.clone()), ("wording", wording(&gate.wording))]);
            }
            for veto in &annual.vetoes {
                let key = veto_text(veto);
                let summary = format!("{key} [{}]", veto.cite);
                push("annual", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
            }
            for flag in &annual.flags {
                let (key, summary, fields) = flag_item(flag);
                push("annual", format!("flag {key}"), summary, fields);
            }
        }
    }
    // Two items with one key (the same veto twice) are told apart by their order.
    let mut seen: HashMap<(&'static str, &'static str, String), usize> = HashMap::new();
    for item in &mut out {
        let n = seen.entry((item.subject, item.kind, item.key.clone())).or_insert(0);
        *n += 1;
        if *n > 1 {
            item.key = format!("{}#{n}", item.key);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

struct Diff<'a> {
    from: &'a Path,
    to: &'a Path,
    old: &'a Scored,
    new: &'a Scored,
    changes: Vec<Change>,
    staff: Records<'a>,
    windows: Records<'a>,
}

/// `+2`, `-0.5`, `0`.
fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}", decimal(value))
    } else {
        decimal(value)
    }
}

/// An empty field reads as a dash.
fn shown(text: &str) -> &str {
    if text.is_empty() {
        "—"
    } else {
        text
    }
}

impl Diff<'_> {
    fn table(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "考核期 {}", self.new.quarter.period)?;
        writeln!(out, "旧 {}", self.old.version.describe())?;
        writeln!(out, "新 {}", self.new.version.describe())?;
        writeln!(out)?;
        if self.changes.is_empty() {
            writeln!(out, "政策变化：无")?;
        } else {
            writeln!(out, "政策变化（{} 处）", self.changes.len())?;
            let mut rows = Vec::new();
            for change in &self.changes {
                let (sign, detail) = match &change.what {
                    What::Added(summary) => ("+", summary.clone()),
                    What::Removed(summary) => ("-", summary.clone()),
                    What::Changed(fields) => (
                        "~",
                        fields
                            .iter()
                            .map(|(name, old, new)| format!("{name}: {} → {}", shown(old), shown(new)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                };
                rows.push(vec![
                    format!("  {}", change.subject),
                    format!("{sign} {}", change.kind),
                    change.key.clone(),
                    detail,
                ]);
            }
            for line in columns(&rows, usize::MAX) {
                writeln!(out, "{line}")?;
            }
        }
        let subject = &self.new.version.policy;
        self.records_table(out, &subject.staff, &self.staff, true)?;
        self.records_table(out, &subject.window, &self.windows, false)
    }

    fn records_table(
        &self,
        out: &mut dyn Write,
        subject: &Subject,
        records: &Records<'_>,
        is_staff: bool,
    ) -> io::Result<()> {
        writeln!(out)?;
        writeln!(
            out,
            "{}（{}）：变化 {}，不变 {}",
            subject.name.label,
            records.assessed,
            records.moved.len(),
            records.unchanged
        )?;
        if records.moved.is_empty() {
            return Ok(());
        }
        let mut header: Vec<String> = vec!["编号".into(), if is_staff { "姓名" } else { "名称" }.into()];
        if is_staff {
            header.push("窗口".into());
        }
        let first_number = header.len();
        header.extend(["旧总分", "新总分", "变化", "旧等次", "新等次"].map(String::from));
        let mut rows = vec![header];
        for m in &records.moved {
            let mut row = vec![m.record.id.clone(), m.record.name.clone()];
            if is_staff {
                let window = m.record.window.and_then(|w| self.new.quarter.windows.get(w));
                row.push(window.map_or(String::new(), |w| w.id.clone()));
            }
            row.extend([
                decimal(m.old_total),
                decimal(m.new_total),
                signed(m.delta),
                m.old_grade.map_or(String::new(), |g| g.label.clone()),
                m.new_grade.map_or(String::new(), |g| g.label.clone()),
            ]);
            rows.push(row);
        }
        for line in columns(&rows, first_number) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        writeln!(out, "  \"period\": {},", json_string(&self.new.quarter.period.to_string()))?;
        for (name, dir, side) in [("from", self.from, self.old), ("to", self.to, self.new)] {
            write!(
                out,
                "  \"{name}\": {{\"dir\": {}, \"version\": {}, \"policy\": {}",
                json_string(&dir.display().to_string()),
                json_string(&side.version.dir.display().to_string()),
                json_string(&side.version.policy.name)
            )?;
            if let Some(effective) = side.version.policy.effective {
                write!(out, ", \"effective\": \"{effective}\"")?;
            }
            writeln!(out, "}},")?;
        }
        writeln!(out, "  \"policy_changes\": [")?;
        for (n, change) in self.changes.iter().enumerate() {
            write!(
                out,
                "    {{\"subject\": {}, \"kind\": {}, \"id\": {}, ",
                json_string(change.subject),
                json_string(change.kind),
                json_string(&change.key)
            )?;
            match &change.what {
                What::Added(summary) => write!(out, "\"change\": \"added\", \"new\": {}", json_string(summary))?,
                What::Removed(summary) => write!(out, "\"change\": \"removed\", \"old\": {}", json_string(summary))?,
                What::Changed(fields) => {
                    write!(out, "\"change\": \"changed\", \"fields\": {{")?;
                    for (i, (name, old, new)) in fields.iter().enumerate() {
                        write!(
                            out,
                            "{}{}: {{\"old\": {}, \"new\": {}}}",
                            if i > 0 { ", " } else { "" },
                            json_string(name),
                            json_string(old),
                            json_string(new)
                        )?;
                    }
                    write!(out, "}}")?;
                }
            }
            writeln!(out, "}}{}", if n + 1 == self.changes.len() { "" } else { "," })?;
        }
        writeln!(out, "  ],")?;
        self.records_json(out, "staff", &self.staff)?;
        writeln!(out, ",")?;
        self.records_json(out, "windows", &self.windows)?;
        writeln!(out)?;
        writeln!(out, "}}")
    }

    fn records_json(&self, out: &mut dyn Write, name: &str, records: &Records<'_>) -> io::Result<()> {
        writeln!(
            out,
            "  \"{name}\": {{\"assessed\": {}, \"unchanged\": {}, \"changed\": [",
            records.assessed, records.unchanged
        )?;
        for (n, m) in records.moved.iter().enumerate() {
            write!(out, "    {{\"id\": {}, \"name\": {}", json_string(&m.record.id), json_string(&m.record.name))?;
            if let Some(window) = m.record.window.and_then(|w| self.new.quarter.windows.get(w)) {
                write!(out, ", \"window\": {}", json_string(&window.id))?;
            }
            write!(
                out,
                ", \"old\": {{\"total\": {}, \"grade\": {}}}, \"new\": {{\"total\": {}, \"grade\": {}}}, \"delta\": {}}}",
                decimal(m.old_total),
                json_string(m.old_grade.map_or("", |g| g.id.as_str())),
                decimal(m.new_total),
                json_string(m.new_grade.map_or("", |g| g.id.as_str())),
                decimal(m.delta)
            )?;
            writeln!(out, "{}", if n + 1 == records.moved.len() { "" } else { "," })?;
        }
        write!(out, "  ]}}")
    }
}

/// Lay rows out in columns, measured in terminal columns (a Chinese
/// character is two); columns from `numbers_from` up to the last but two
/// are numbers, aligned right. The last column is not padded.
fn columns(rows: &[Vec<String>], numbers_from: usize) -> Vec<String> {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..count).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    if c + 1 == row.len() {
                        return cell.clone();
                    }
                    let fill = " ".repeat(widths[c].saturating_sub(cell.width()));
                    let number = c >= numbers_from && c + 2 < count;
                    if number {
                        format!("{fill}{cell}")
                    } else {
                        format!("{cell}{fill}")
                    }
                })
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("张\"三\\\n\u{1}"), "\"张\\\"三\\\\\\n\\u0001\"");
    }

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed(Decimal::new(25, 1)), "+2.5");
        assert_eq!(signed(Decimal::new(-5, 1)), "-0.5");
        assert_eq!(signed(Decimal::ZERO), "0");
    }
}
