//! Walks the JSON tree of a facts file into records, checking every value
//! against the policy. Errors are collected, never thrown at the first.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{FactsError, Period, Quarter, Record, Value};
use crate::json::{self, Json, JsonKind, Member};
use crate::policy::{FactKind, Policy, Subject};
use crate::source::{Named, SourceFile, Span};
use crate::suggest;

/// The largest count or number of days a fact may hold: far beyond any real
/// quarter, and small enough that no score can overflow a decimal.
pub(super) const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// The longest text from the file quoted in a message: a hostile file's
/// megabyte-long key or id makes a message of a line, not of a megabyte.
const MAX_QUOTED: usize = 60;

/// The first [`MAX_QUOTED`] chars of a text from the file, with `…` when cut.
pub(super) fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// The longest span a label underlines, in bytes: a longer value or record
/// is pointed at by its first character.
const MAX_LABELLED: usize = 4096;

/// Only the first this many errors get a "did you mean": the command line
/// shows no more, and each suggestion compares the name with every
/// candidate (every window id, every staff id).
const MAX_SUGGESTED: usize = 100;

/// A name longer than this is no typo of a short one, and comparing it
/// would cost its length times each candidate's.
const MAX_SUGGESTED_LEN: usize = 64;

/// Read a facts file against a policy.
pub fn load(file: &SourceFile, policy: &Policy) -> Result<Quarter, Vec<FactsError>> {
    let root = parse(file)?;
    load_parsed(file, &root, policy)
}

/// Parse a facts file as JSON, before any policy is known.
pub fn parse(file: &SourceFile) -> Result<Json<'_>, Vec<FactsError>> {
    json::parse(&file.text).map_err(|err| {
        vec![FactsError {
            message: format!("malformed JSON: {}", err.message),
            src: file.named(),
            span: err.span,
            label: "here".into(),
            help: err.help,
        }]
    })
}

/// The period a parsed facts file declares, if it declares a valid one: it
/// decides which version of the policy reads the rest.
pub fn peek_period(root: &Json<'_>) -> Option<Period> {
    match &root.get("period")?.value.kind {
        JsonKind::String(text) => Period::parse(text),
        _ => None,
    }
}

/// Read a parsed facts file against a policy.
pub fn load_parsed(file: &SourceFile, root: &Json<'_>, policy: &Policy) -> Result<Quarter, Vec<FactsError>> {
    let src = file.named();
    let mut loader = Loader { src, policy, errors: Vec::new(), unclean_windows: Default::default() };
    let quarter = loader.quarter(root);
    match quarter {
        Some(quarter) if loader.errors.is_empty() => Ok(quarter),
        _ => Err(loader.errors),
    }
}

pub(super) struct Loader<'p> {
    src: Named,
    policy: &'p Policy,
    errors: Vec<FactsError>,
    /// Windows with a staff member whose record was rejected: their totals
    /// are unreliable, so no further error is derived from them.
    unclean_windows: std::collections::HashSet<usize>,
}

/// Which record a message is about: `staff[3] `S004``.
pub(super) struct At<'a> {
    list: &'static str,
    index: usize,
    id: Option<&'a str>,
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.id {
            Some(id) => write!(f, "{}[{}] `{}`", self.list, self.index, clip(id)),
            None => write!(f, "{}[{}]", self.list, self.index),
        }
    }
}

/// Which field of a record a message is about: `workdays`,
/// `facts.rude_conduct[1]`. Formatted only when there is a message to write.
#[derive(Clone, Copy)]
enum Field<'a> {
    Attr(&'a str),
    Fact(&'a str),
    Item(&'a str, usize),
    Level(&'a str, &'a str),
}

impl<'a> Field<'a> {
    fn item(self, index: usize) -> Field<'a> {
        match self {
            Field::Fact(name) | Field::Item(name, _) | Field::Level(name, _) | Field::Attr(name) => {
                Field::Item(name, index)
            }
        }
    }

    fn level(self, level: &'a str) -> Field<'a> {
        match self {
            Field::Fact(name) | Field::Item(name, _) | Field::Level(name, _) | Field::Attr(name) => {
                Field::Level(name, level)
            }
        }
    }
}

impl std::fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Attr(name) => write!(f, "{name}"),
            Field::Fact(name) => write!(f, "facts.{name}"),
            Field::Item(name, index) => write!(f, "facts.{name}[{index}]"),
            Field::Level(name, level) => write!(f, "facts.{name}.{level}"),
        }
    }
}

/// Subject-specific lookups, built once per file rather than per record.
pub(super) struct Schema<'p> {
    pub(super) subject: &'p Subject,
    list: &'static str,
    pub(super) facts: HashMap<&'p str, usize>,
    /// The attribute that weights an average; it must be given.
    required_attribute: Option<usize>,
}

impl<'p> Loader<'p> {
    /// The candidate `name` is likely a typo of, while suggestions are cheap and shown.
    pub(super) fn closest<'c>(&self, name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
        if self.errors.len() >= MAX_SUGGESTED || name.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        suggest::closest(name, candidates)
    }

    pub(super) fn error(&mut self, span: Span, message: String, label: impl Into<String>, help: Option<String>) {
        // A label under a huge value or record would print all of it: it
        // points at the value's first character instead.
        let span = if span.len() > MAX_LABELLED {
            let first = self.src.text().get(span.start()..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
            Span::new(span.start(), span.start() + first)
        } else {
            span
        };
        self.errors.push(FactsError { message, src: self.src.clone(), span, label: label.into(), help });
    }

    fn quarter(&mut self, root: &Json<'_>) -> Option<Quarter> {
        let JsonKind::Object(members) = &root.kind else {
            // Its first character: the whole of a large file would be shown.
            let first = root.span.start()
                + self.src.text().get(root.span.start()..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
            self.error(
                Span::new(root.span.start(), first),
                format!("expected an object with `period`, `windows` and `staff`, found {}", root.type_name()),
                "the whole file",
                None,
            );
            return None;
        };
        let mut period = None;
        let mut windows_json = None;
        let mut staff_json = None;
        let mut substitutions_json = None;
        for member in members {
            let slot = match member.key.as_ref() {
                "period" => &mut period,
                "windows" => &mut windows_json,
                "staff" => &mut staff_json,
                "substitutions" => &mut substitutions_json,
                other => {
                    let help = self
                        .closest(other, ["period", "windows", "staff", "substitutions"])
                        .map(|s| format!("did you mean `{s}`?"));
                    self.error(
                        member.key_span,
                        format!("unknown field `{}` at the top of the file", clip(other)),
                        "unknown field",
                        help,
                    );
                    continue;
                }
            };
            if slot.is_some() {
                self.error(member.key_span, format!("field `{}` is given twice", clip(&member.key)), "again", None);
            }
            *slot = Some(member);
        }
        let period = match period {
            Some(member) => self.period(member),
            None => {
                self.error(
                    Span::new(root.span.start(), root.span.start() + 1),
                    "missing field `period`".into(),
                    "in this object",
                    Some("add `\"period\": \"2026-Q3\"`".into()),
                );
                None
            }
        };
        let window_schema = self.schema(&self.policy.window, "windows");
        let staff_schema = self.schema(&self.policy.staff, "staff");
        let windows = self.list(root, windows_json, &window_schema, &[]);
        let mut staff = self.list(root, staff_json, &staff_schema, &windows);
        if let Some(member) = substitutions_json {
            self.substitutions(member, &staff_schema, &mut staff);
        }
        self.check_weights(&windows, &staff, windows_json);
        Some(Quarter { period: period?, windows, staff })
    }

    fn schema(&self, subject: &'p Subject, list: &'static str) -> Schema<'p> {
        let required_attribute =
            self.policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight);
        Schema {
            subject,
            list,
            facts: subject.facts.iter().enumerate().map(|(i, f)| (f.name.id.as_str(), i)).collect(),
            required_attribute: if list == "staff" { required_attribute } else { None },
        }
    }

    fn period(&mut self, member: &Member<'_>) -> Option<Period> {
        let found = match &member.value.kind {
            JsonKind::String(text) => match Period::parse(text) {
                Some(period) => return Some(period),
                None => format!("`{}`", clip(text)),
            },
            _ => member.value.type_name().to_string(),
        };
        self.error(
            member.value.span,
            format!("`period`: expected a quarter like `2026-Q3` or a year like `2026`, found {found}"),
            "not a period",
            None,
        );
        None
    }

    fn list(
        &mut self,
        root: &Json<'_>,
        member: Option<&Member<'_>>,
        schema: &Schema<'_>,
        windows: &[Record],
    ) -> Vec<Record> {
        let Some(member) = member else {
            self.error(
                Span::new(root.span.start(), root.span.start() + 1),
                format!("missing field `{}`", schema.list),
                "in this object",
                Some(format!("add `\"{}\": [ … ]`, even if it is empty", schema.list)),
            );
            return Vec::new();
        };
        let JsonKind::Array(items) = &member.value.kind else {
            self.error(
                member.value.span,
                format!("`{}`: expected a list of records, found {}", schema.list, member.value.type_name()),
                "not a list",
                None,
            );
            return Vec::new();
        };
        let window_ids: HashMap<&str, usize> = windows.iter().enumerate().map(|(i, w)| (w.id.as_str(), i)).collect();
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
        let mut records = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            if let Some(record) = self.record(index, item, schema, &window_ids, windows) {
                if let Some(first) = seen.get(&record.id) {
                    let span = item.get("id").map_or(item.span, |m| m.value.span);
                    self.error(
                        span,
                        format!("{}[{index}]: id `{}` is used twice", schema.list, record.id),
                        "duplicate id",
                        Some(format!("the first is {}[{first}]; every record needs its own id", schema.list)),
                    );
                } else {
                    seen.insert(record.id.clone(), index);
                }
                records.push(record);
            }
        }
        records
    }

    fn record(
        &mut self,
        index: usize,
        item: &Json<'_>,
        schema: &Schema<'_>,
        window_ids: &HashMap<&str, usize>,
        windows: &[Record],
    ) -> Option<Record> {
        let JsonKind::Object(members) = &item.kind else {
            self.error(
                item.span,
                format!("{}[{index}]: expected a record (an object), found {}", schema.list, item.type_name()),
                "not a record",
                None,
            );
            return None;
        };
        let is_staff = schema.list == "staff";
        let id = match item.get("id") {
            Some(m) => match &m.value.kind {
                JsonKind::String(s) if !s.trim().is_empty() => Some(s.to_string()),
                _ => {
                    self.error(
                        m.value.span,
                        format!(
                            "{}[{index}], `id`: expected a non-empty string, found {}",
                            schema.list,
                            m.value.type_name()
                        ),
                        "not an id",
                        None,
                    );
                    None
                }
            },
            None => {
                self.error(item.span, format!("{}[{index}]: missing field `id`", schema.list), "this record", None);
                None
            }
        };
        let at = At { list: schema.list, index, id: id.as_deref() };
        let mut ok = id.is_some();
        let mut record = Record {
            id: String::new(),
            name: String::new(),
            window: None,
            role: None,
            staff_type: None,
            attributes: vec![Decimal::ZERO; schema.subject.attributes.len()],
            facts: Vec::new(),
            joined: None,
            substitutions: Vec::new(),
            evidence: Vec::new(),
        };
        let mut given: Vec<&str> = Vec::with_capacity(members.len());
        let mut evidence = None;
        let mut attribute_given = vec![false; schema.subject.attributes.len()];
        for member in members {
            let key = member.key.as_ref();
            if given.contains(&key) {
                self.error(member.key_span, format!("{at}: field `{}` is given twice", clip(key)), "again", None);
                ok = false;
                continue;
            }
            given.push(key);
            match key {
                "id" => {}
                "name" => match &member.value.kind {
                    JsonKind::String(s) => record.name = s.to_string(),
                    _ => {
                        self.error(
                            member.value.span,
                            format!("{at}, `name`: expected a string, found {}", member.value.type_name()),
                            "not a name",
                            None,
                        );
                        ok = false;
                    }
                },
                "window" if is_staff => match &member.value.kind {
                    JsonKind::String(s) => match window_ids.get(s.as_ref()) {
                        Some(w) => record.window = Some(*w),
                        None => {
                            let help = self
                                .closest(s, windows.iter().map(|w| w.id.as_str()))
                                .map(|c| format!("did you mean `{c}`?"))
                                .or_else(|| {
                                    Some("a staff member's `window` is the id of a record in `windows`".into())
                                });
                            self.error(
                                member.value.span,
                                format!("{at}, `window`: no window has id `{}`", clip(s)),
                                "unknown window",
                                help,
                            );
                            ok = false;
                        }
                    },
                    _ => {
                        self.error(
                            member.value.span,
                            format!(
                                "{at}, `window`: expected a window id (a string), found {}",
                                member.value.type_name()
                            ),
                            "not a window id",
                            None,
                        );
                        ok = false;
                    }
                },
                "joined" if is_staff => match &member.value.kind {
                    JsonKind::String(text) => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                        Ok(date) => record.joined = Some(date),
                        Err(_) => {
                            self.error(
                                member.value.span,
                                format!("{at}, `joined`: expected a date like `2026-08-15`, found `{}`", clip(text)),
                                "not a date",
                                Some("the day the person started in the hall, as YYYY-MM-DD".into()),
                            );
                            ok = false;
                        }
                    },
                    _ => {
                        self.error(
                            member.value.span,
                            format!(
                                "{at}, `joined`: expected a date like `2026-08-15`, found {}",
                                member.value.type_name()
                            ),
                            "not a date",
                            None,
                        );
                        ok = false;
                    }
                },
                "role" if is_staff => {
                    let roles = &schema.subject.roles;
                    match &member.value.kind {
                        JsonKind::String(s) if schema.subject.role_index(s).is_some() => {
                            record.role = schema.subject.role_index(s)
                        }
                        other => {
                            let found = match other {
                                JsonKind::String(s) => format!("`{}`", clip(s)),
                                _ => member.value.type_name().to_string(),
                            };
                            let list = roles
                                .iter()
                                .map(|r| format!("`{}` ({})", r.id, r.label))
                                .collect::<Vec<_>>()
                                .join(", ");
                            self.error(
                                member.value.span,
                                format!("{at}, `role`: expected a role, found {found}"),
                                "unknown role",
                                Some(format!("roles are {list}")),
                            );
                            ok = false;
                        }
                    }
                }
                "evidence" => {
                    evidence = self.evidence(&at, member, schema, true);
                    ok &= evidence.is_some();
                }
                "staff_type" if is_staff => {
                    let sets = &schema.subject.label_sets;
                    match &member.value.kind {
                        JsonKind::String(s) if schema.subject.label_set_index(s).is_some() => {
                            record.staff_type = schema.subject.label_set_index(s)
                        }
                        other => {
                            let found = match other {
                                JsonKind::String(s) => format!("`{}`", clip(s)),
                                _ => member.value.type_name().to_string(),
                            };
                            let help = if sets.is_empty() {
                                "the policy declares no staff types (`labels for …`); leave the field out".to_string()
                            } else {
                                let list = sets
                                    .iter()
                                    .map(|s| format!("`{}` ({})", s.name.id, s.name.label))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                format!("staff types are {list}; leave the field out for the others")
                            };
                            self.error(
                                member.value.span,
                                format!("{at}, `staff_type`: expected a staff type, found {found}"),
                                "unknown staff type",
                                Some(help),
                            );
                            ok = false;
                        }
                    }
                }
                "facts" => match &member.value.kind {
                    JsonKind::Object(facts) => {
                        if !self.facts(&at, facts, schema, &mut record) {
                            ok = false;
                        }
                    }
                    _ => {
                        self.error(
                            member.value.span,
                            format!("{at}, `facts`: expected an object of facts, found {}", member.value.type_name()),
                            "not an object",
                            None,
                        );
                        ok = false;
                    }
                },
                other => match schema.subject.attribute_index(other) {
                    Some(a) => {
                        let kind = schema.subject.attributes[a].kind;
                        // Given, even if rejected: no "missing field" besides the error.
                        attribute_given[a] = true;
                        match self.quantity(&at, Field::Attr(other), &member.value, kind) {
                            Some(value) => record.attributes[a] = value,
                            None => ok = false,
                        }
                    }
                    None => {
                        let mut known: Vec<&str> = vec!["id", "name", "facts", "evidence"];
                        if is_staff {
                            known.extend(["window", "role", "joined", "staff_type"]);
                        }
                        known.extend(schema.subject.attributes.iter().map(|a| a.name.id.as_str()));
                        let help = match self.closest(other, known.iter().copied()) {
                            Some(s) => Some(format!("did you mean `{s}`?")),
                            None if schema.facts.contains_key(other) => {
                                Some(format!("`{}` is a fact: put it inside `facts`", clip(other)))
                            }
                            None => Some(format!(
                                "a {} record has the fields {}",
                                schema.list,
                                known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                            )),
                        };
                        self.error(
                            member.key_span,
                            format!("{at}: unknown field `{}`", clip(other)),
                            "unknown field",
                            help,
                        );
                        ok = false;
                    }
                },
            }
        }
        if is_staff {
            for field in ["window", "role"] {
                if !given.contains(&field) {
                    self.error(item.span, format!("{at}: missing field `{field}`"), "this record", None);
                    ok = false;
                }
            }
        }
        if let Some(a) = schema.required_attribute {
            if !attribute_given[a] {
                let name = &schema.subject.attributes[a].name;
                self.error(
                    item.span,
                    format!("{at}: missing field `{}`", name.id),
                    "this record",
                    Some(format!("`{}` ({}) weights the window's averaged score", name.id, name.label)),
                );
                ok = false;
            }
        }
        record.facts.sort_by_key(|(i, _)| *i);
        if let Some(pending) = evidence {
            match self.check_evidence(&at, pending, &record) {
                Some(evidence) => record.evidence = evidence,
                None => ok = false,
            }
        }
        record.id = id?;
        if !ok {
            // The file is rejected anyway; the record stays so that others
            // can still refer to its id without a cascade of false errors.
            if let Some(w) = record.window {
                self.unclean_windows.insert(w);
            }
        }
        Some(record)
    }

    /// Read a record's `facts` object; false if any fact was rejected.
    fn facts(&mut self, at: &At<'_>, facts: &[Member<'_>], schema: &Schema<'_>, record: &mut Record) -> bool {
        let mut ok = true;
        record.facts.reserve_exact(facts.len());
        for member in facts {
            let name = member.key.as_ref();
            let Some(&index) = schema.facts.get(name) else {
                let help = self
                    .closest(name, schema.facts.keys().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| {
                        Some(format!(
                            "see the `facts` of subject `{}` in the policy for the names it accepts",
                            schema.subject.name.id
                        ))
                    });
                self.error(
                    member.key_span,
                    format!("{at}: unknown fact `{}`", clip(name)),
                    "not a fact of this policy",
                    help,
                );
                ok = false;
                continue;
            };
            if record.facts.iter().any(|(i, _)| *i == index) {
                self.error(member.key_span, format!("{at}: fact `{name}` is given twice"), "again", None);
                ok = false;
                continue;
            }
            let field = Field::Fact(name);
            let value = match schema.subject.facts[index].kind {
                kind @ (FactKind::Count | FactKind::Days) => {
                    self.quantity(at, field, &member.value, kind).map(Value::Number)
                }
                FactKind::Amounts { min, max } => self.amounts(at, field, &member.value, min, max).map(Value::Amounts),
                FactKind::Levels => self.levels(at, field, &member.value).map(Value::Levels),
            };
            match value {
                Some(value) => record.facts.push((index, value)),
                None => ok = false,
            }
        }
        // In fact order, as `Record::fact` looks them up.
        record.facts.sort_by_key(|(i, _)| *i);
        if ok {
            ok = self.among(at, facts, schema, record);
        }
        ok
    }

    /// A fact counted `among` another (`prohibited_serious` among
    /// `prohibited_acts`) is one of its cases each time, so it cannot be more.
    fn among(&mut self, at: &At<'_>, facts: &[Member<'_>], schema: &Schema<'_>, record: &Record) -> bool {
        let mut ok = true;
        for member in facts {
            let Some(&index) = schema.facts.get(member.key.as_ref()) else { continue };
            let fact = &schema.subject.facts[index];
            let Some(target) = fact.among else { continue };
            let count = record.fact(index).map(Value::magnitude).unwrap_or_default();
            let of = record.fact(target).map(Value::magnitude).unwrap_or_default();
            if count > of {
                let other = &schema.subject.facts[target].name;
                self.error(
                    member.value.span,
                    format!(
                        "{at}, `facts.{}`: {} among {} `{}`, more than there are",
                        fact.name.id,
                        count.normalize(),
                        of.normalize(),
                        other.id
                    ),
                    "more than the fact it is among",
                    Some(format!(
                        "each `{}` ({}) is also one of the `{}` ({}): give those too, or correct the count",
                        fact.name.id, fact.name.label, other.id, other.label
                    )),
                );
                ok = false;
            }
        }
        ok
    }

    /// `substitutions`: what a substitute earned standing in for a staff
    /// member is scored to that member (第十四条). Each entry's facts are
    /// checked like a staff record's and added to the member's own.
    fn substitutions(&mut self, member: &Member<'_>, schema: &Schema<'_>, staff: &mut [Record]) {
        let JsonKind::Array(items) = &member.value.kind else {
            self.error(
                member.value.span,
                format!("`substitutions`: expected a list, found {}", member.value.type_name()),
                "not a list",
                None,
            );
            return;
        };
        let ids: HashMap<String, usize> = staff.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        for (index, item) in items.iter().enumerate() {
            let at = At { list: "substitutions", index, id: None };
            let JsonKind::Object(fields) = &item.kind else {
                self.error(
                    item.span,
                    format!("{at}: expected an object, found {}", item.type_name()),
                    "not an object",
                    None,
                );
                continue;
            };
            let mut by = None;
            let mut name = String::new();
            let mut target = None;
            let mut record = Record {
                id: String::new(),
                name: String::new(),
                window: None,
                role: None,
                staff_type: None,
                attributes: Vec::new(),
                facts: Vec::new(),
                joined: None,
                substitutions: Vec::new(),
                evidence: Vec::new(),
            };
            let mut ok = true;
            let mut evidence = None;
            for field in fields {
                let text = match &field.value.kind {
                    JsonKind::String(s) => Some(s.to_string()),
                    _ => None,
                };
                match (field.key.as_ref(), text) {
                    ("substitute", Some(s)) if !s.trim().is_empty() => by = Some(s),
                    ("name", Some(s)) => name = s,
                    ("for", Some(s)) => match ids.get(&s) {
                        Some(i) => target = Some(*i),
                        None => {
                            let help = self
                                .closest(&s, staff.iter().map(|r| r.id.as_str()))
                                .map(|c| format!("did you mean `{c}`?"))
                                .or_else(|| Some("`for` is the id of the staff member stood in for".into()));
                            self.error(
                                field.value.span,
                                format!("{at}, `for`: no staff member has id `{}`", clip(&s)),
                                "unknown staff id",
                                help,
                            );
                            ok = false;
                        }
                    },
                    ("facts", _) => match &field.value.kind {
                        JsonKind::Object(facts) => ok &= self.facts(&at, facts, schema, &mut record),
                        _ => {
                            self.error(
                                field.value.span,
                                format!(
                                    "{at}, `facts`: expected an object of facts, found {}",
                                    field.value.type_name()
                                ),
                                "not an object",
                                None,
                            );
                            ok = false;
                        }
                    },
                    ("evidence", _) => {
                        evidence = self.evidence(&at, field, schema, false);
                        ok &= evidence.is_some();
                    }
                    ("substitute" | "name" | "for", _) => {
                        self.error(
                            field.value.span,
                            format!(
                                "{at}, `{}`: expected a non-empty string, found {}",
                                field.key,
                                field.value.type_name()
                            ),
                            "not a string",
                            None,
                        );
                        ok = false;
                    }
                    (other, _) => {
                        let help = self
                            .closest(other, ["substitute", "name", "for", "facts", "evidence"])
                            .map(|s| format!("did you mean `{s}`?"));
                        self.error(
                            field.key_span,
                            format!("{at}: unknown field `{}`", clip(other)),
                            "unknown field",
                            help,
                        );
                        ok = false;
                    }
                }
            }
            for field in ["substitute", "for"] {
                if !fields.iter().any(|f| f.key == field) {
                    self.error(item.span, format!("{at}: missing field `{field}`"), "this entry", None);
                    ok = false;
                }
            }
            record.facts.sort_by_key(|(i, _)| *i);
            if let Some(pending) = evidence {
                match self.check_evidence(&at, pending, &record) {
                    Some(evidence) => record.evidence = evidence,
                    None => ok = false,
                }
            }
            if let (true, Some(by), Some(target)) = (ok, by, target) {
                let person = &mut staff[target];
                for (fact, value) in &record.facts {
                    person.add_fact(*fact, value);
                }
                person.substitutions.push(super::Substitution {
                    by,
                    name,
                    facts: record.facts,
                    evidence: record.evidence,
                });
            }
        }
    }

    fn number(&mut self, at: &At<'_>, field: Field<'_>, value: &Json<'_>, expected: &str) -> Option<Decimal> {
        let JsonKind::Number(text) = value.kind else {
            let hint = match &value.kind {
                JsonKind::String(s) if parse_decimal(s).is_ok() => {
                    Some(format!("write the number without quotes: `{}`", clip(s)))
                }
                JsonKind::Array(_) if expected.starts_with("a count") => {
                    Some("only `amounts` facts take a list".to_string())
                }
                _ => None,
            };
            self.error(
                value.span,
                format!("{at}, `{field}`: expected {expected}, found {}", value.type_name()),
                "wrong type",
                hint,
            );
            return None;
        };
        match parse_decimal(text) {
            Ok(n) => Some(n),
            Err(problem) => {
                let (what, label, help) = match problem {
                    NumberError::TooLarge => {
                        ("is too large", "too large", format!("facts hold at most {MAX_QUANTITY}"))
                    }
                    NumberError::TooPrecise => (
                        "has more digits than can be read exactly",
                        "too many digits",
                        "kaohe reads numbers exactly, to at most 28 digits after the point".to_string(),
                    ),
                    NumberError::NotANumber => {
                        ("is not a number", "not a number", "write a number like `2` or `1.5`".to_string())
                    }
                };
                self.error(
                    value.span,
                    format!("{at}, `{field}`: the number `{}` {what}", clip(text)),
                    label,
                    Some(help),
                );
                None
            }
        }
    }

    /// A count (whole, ≥ 0) or a number of days (≥ 0, in halves).
    fn quantity(&mut self, at: &At<'_>, field: Field<'_>, value: &Json<'_>, kind: FactKind) -> Option<Decimal> {
        let expected = if kind == FactKind::Days { "a number of days" } else { "a count (a whole number)" };
        let n = self.number(at, field, value, expected)?;
        let problem = if n.is_sign_negative() && !n.is_zero() {
            Some(("cannot be negative", None))
        } else if n > MAX_QUANTITY {
            Some(("is too large", Some(format!("facts hold at most {MAX_QUANTITY}"))))
        } else if kind == FactKind::Count && !n.fract().is_zero() {
            Some(("is not a whole number", Some("a count says how many times: 0, 1, 2, …".to_string())))
        } else if kind == FactKind::Days && !(n % HALF).is_zero() {
            Some(("is not a multiple of 0.5", Some("days are counted in half days: 1, 1.5, 2, …".to_string())))
        } else {
            None
        };
        match problem {
            None => Some(n.normalize()),
            Some((what, help)) => {
                let noun = if kind == FactKind::Days { "a number of days" } else { "a count" };
                self.error(value.span, format!("{at}, `{field}`: {noun} {what}, found `{n}`"), what.to_string(), help);
                None
            }
        }
    }

    fn amounts(
        &mut self,
        at: &At<'_>,
        field: Field<'_>,
        value: &Json<'_>,
        min: Decimal,
        max: Decimal,
    ) -> Option<Vec<Decimal>> {
        let JsonKind::Array(items) = &value.kind else {
            let help = matches!(value.kind, JsonKind::Number(_))
                .then(|| "list the points assessed for each case, for example `[6, 8]`".to_string());
            self.error(
                value.span,
                format!("{at}, `{field}`: expected a list of assessed amounts, found {}", value.type_name()),
                "not a list",
                help,
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let item_field = field.item(i);
            match self.number(at, item_field, item, "an amount") {
                Some(n) if n < min || n > max => {
                    self.error(
                        item.span,
                        format!("{at}, `{item_field}`: amount `{n}` is outside the range {min}-{max}"),
                        format!("not in {min}-{max}"),
                        Some(format!(
                            "the table allows {min} to {max} points for each case; amounts are never clamped"
                        )),
                    );
                    ok = false;
                }
                Some(n) => out.push(n.normalize()),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn levels(&mut self, at: &At<'_>, field: Field<'_>, value: &Json<'_>) -> Option<Vec<(usize, Decimal)>> {
        let levels = &self.policy.levels;
        let JsonKind::Object(members) = &value.kind else {
            let help = levels.first().map(|l| format!("give a count per level, for example `{{\"{}\": 1}}`", l.id));
            self.error(
                value.span,
                format!("{at}, `{field}`: expected counts per level, found {}", value.type_name()),
                "not an object",
                help,
            );
            return None;
        };
        let mut out: Vec<(usize, Decimal)> = Vec::with_capacity(members.len());
        let mut ok = true;
        for member in members {
            let key = member.key.as_ref();
            match self.policy.levels.iter().position(|l| l.id == key) {
                Some(level) if out.iter().any(|(l, _)| *l == level) => {
                    self.error(
                        member.key_span,
                        format!("{at}, `{field}`: level `{key}` is given twice"),
                        "again",
                        None,
                    );
                    ok = false;
                }
                Some(level) => match self.quantity(at, field.level(key), &member.value, FactKind::Count) {
                    Some(n) => out.push((level, n)),
                    None => ok = false,
                },
                None => {
                    let names = self
                        .policy
                        .levels
                        .iter()
                        .map(|l| format!("`{}` ({})", l.id, l.label))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let help = self
                        .closest(key, self.policy.levels.iter().map(|l| l.id.as_str()))
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("levels are {names}"));
                    self.error(
                        member.key_span,
                        format!("{at}, `{field}`: unknown level `{}`", clip(key)),
                        "not a level",
                        Some(help),
                    );
                    ok = false;
                }
            }
        }
        out.sort_by_key(|(l, _)| *l);
        ok.then_some(out)
    }

    /// A window whose staff have no weight cannot have its average taken.
    fn check_weights(&mut self, windows: &[Record], staff: &[Record], windows_json: Option<&Member<'_>>) {
        let unweighted = super::unweighted(self.policy, windows.len(), staff);
        let Some(weight) = self.policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight)
        else {
            return;
        };
        let weight_name = &self.policy.staff.attributes[weight].name;
        let items = match windows_json.map(|m| &m.value.kind) {
            Some(JsonKind::Array(items)) => items.as_slice(),
            _ => &[],
        };
        // Where each window's id is written, found once: a search per
        // window would be quadratic in a file of thousands of them.
        let mut spans: HashMap<&str, Span> = HashMap::new();
        for item in items {
            if let Some(Member { value: Json { kind: JsonKind::String(id), span }, .. }) = item.get("id") {
                spans.entry(id.as_ref()).or_insert(*span);
            }
        }
        for (i, members) in unweighted {
            let window = &windows[i];
            if self.unclean_windows.contains(&i) {
                continue;
            }
            // Point at the record in the file; records that failed to load are not in `windows`.
            let span = spans.get(window.id.as_str()).copied().unwrap_or(Span::new(0, 0));
            let message = if members == 0 {
                format!(
                    "window `{}`: no staff member belongs to it, so its {} cannot be averaged",
                    window.id,
                    self.averaged_label()
                )
            } else {
                format!(
                    "window `{}`: its staff ({}) have 0 {} in total, so its {} cannot be averaged",
                    window.id,
                    members,
                    weight_name.id,
                    self.averaged_label()
                )
            };
            self.error(
                span,
                message,
                "this window",
                Some(format!(
                    "give its staff their `{}` ({}), or leave the window out of this period",
                    weight_name.id, weight_name.label
                )),
            );
        }
    }

    fn averaged_label(&self) -> String {
        self.policy
            .window
            .categories
            .iter()
            .find(|c| c.average.is_some())
            .map_or_else(String::new, |c| format!("{} ({})", c.name.id, c.name.label))
    }
}

/// Why a number's text is not read as a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberError {
    /// Not JSON number text.
    NotANumber,
    /// Beyond what a decimal holds (about 7.9 × 10²⁸).
    TooLarge,
    /// A value in range, but with more significant digits or decimal
    /// places than a decimal holds exactly: reading it would round it.
    TooPrecise,
}

/// Exact decimal from JSON number text; exponents allowed, floats never,
/// and never rounded: a number a decimal cannot hold exactly is an error,
/// so that `1.00000000000000000000000000001` is not taken for the count 1.
fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (mantissa.contains('.') && fraction.is_empty())
    {
        return Err(NumberError::NotANumber);
    }
    // The exponent, saturated: `1e99999999999999999999` is simply too large.
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let (sign, digits) = match e.as_bytes().first() {
                Some(b'-') => (-1, &e[1..]),
                Some(b'+') => (1, &e[1..]),
                _ => (1, e),
            };
            if digits.is_empty() || !all_digits(digits) {
                return Err(NumberError::NotANumber);
            }
            let digits = digits.trim_start_matches('0');
            sign * if digits.len() > 12 { 1_000_000_000_000 } else { digits.parse::<i64>().unwrap_or(0) }
        }
    };
    // The significant digits, and the power of ten of the last one.
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let significant = digits.trim_end_matches('0');
    if significant.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let trailing_zeros = (digits.len() - significant.len()) as i64;
    let mut scale = fraction.len() as i64 - exponent - trailing_zeros;
    // The whole digits beyond the point: more than 29 overflow a decimal.
    let whole_digits = significant.len() as i64 - scale;
    if whole_digits > 29 {
        return Err(NumberError::TooLarge);
    }
    if scale > 28 || significant.len() > 29 {
        return Err(NumberError::TooPrecise);
    }
    let mut value: i128 = significant.parse().map_err(|_| NumberError::TooPrecise)?;
    while scale < 0 {
        value = value.checked_mul(10).ok_or(NumberError::TooLarge)?;
        scale += 1;
    }
    if negative {
        value = -value;
    }
    Decimal::try_from_i128_with_scale(value, scale as u32).map_err(|_| {
        if scale == 0 {
            NumberError::TooLarge
        } else {
            NumberError::TooPrecise
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn exact(text: &str) -> String {
        parse_decimal(text).unwrap().to_string()
    }

    #[test]
    fn numbers_are_read_exactly() {
        for (text, value) in [
            ("0", "0"),
            ("-0", "0"),
            ("0e400", "0"),
            ("-0.000e-99999999999999999999", "0"),
            ("2", "2"),
            ("2.0", "2"),
            ("1.50", "1.5"),
            ("-3.25", "-3.25"),
            ("1e3", "1000"),
            ("1E+3", "1000"),
            ("25e-1", "2.5"),
            ("0.0000000000000000000000000001", "0.0000000000000000000000000001"),
            ("1e-28", "0.0000000000000000000000000001"),
            ("1e28", "10000000000000000000000000000"),
            ("79228162514264337593543950335", "79228162514264337593543950335"),
            ("5.0000000000000000000000000001", "5.0000000000000000000000000001"),
            ("0.1e1", "1"),
        ] {
            assert_eq!(exact(text), value, "{text}");
        }
    }

    #[test]
    fn numbers_a_decimal_cannot_hold_are_errors_not_rounded() {
        for text in [
            "1e400",
            "1e29",
            "99999999999999999999999999999999",
            "79228162514264337593543950336",
            "1e99999999999999999999",
        ] {
            assert_eq!(parse_decimal(text), Err(NumberError::TooLarge), "{text}");
        }
        for text in [
            "1e-400",
            "1e-29",
            "0.00000000000000000000000000001",
            "1.00000000000000000000000000000000001",
            "7922816251426433759354395033.6",
            "1e-99999999999999999999",
        ] {
            assert_eq!(parse_decimal(text), Err(NumberError::TooPrecise), "{text}");
        }
        for text in ["", "-", "abc", "1.", ".5", "1e", "1e+", "--1", "1.2.3", "0x10", " 1", "1 ", "+1"] {
            assert_eq!(parse_decimal(text), Err(NumberError::NotANumber), "{text:?}");
        }
    }

    #[test]
    fn quoted_text_is_clipped() {
        assert_eq!(clip("S001"), "S001");
        let long = "张".repeat(100);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), MAX_QUOTED + 1);
        assert!(clipped.ends_with('…'));
    }
}
