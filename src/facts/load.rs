//! Reads a facts file into records, checking every value against the
//! policy: record by record as the JSON streams by (each record's own
//! small tree), or from the whole tree for a file of an unusual shape.
//! Errors are collected, never thrown at the first.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rust_decimal::Decimal;

use super::error::{
    Expected, FactsError, Field, FieldPath, Found, List, NumberProblem, QuantityProblem, RecordAt, TypeHint,
};
use super::{recognise, Period, Quarter, Record, Value};
use crate::json::{self, Json, JsonKind, Member};
use crate::policy::{FactId, FactKind, Label, Policy, Subject};
use crate::source::diagnostic::Located;
use crate::source::{Named, SourceFile, Span};
use crate::suggest::{self, Suggestion};

/// The members of a facts file's top level.
const TOP: [&str; 4] = ["period", "windows", "staff", "substitutions"];

/// A facts error and where it is.
pub type Error = Located<FactsError>;

/// The largest count or number of days a fact may hold: far beyond any real
/// quarter, and small enough that no score can overflow a decimal.
/// The most digits after the point a facts number may have (docs/io.md).
const MAX_FACT_SCALE: u32 = 6;

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

/// [`clip`], owned: what an error keeps of the file's text.
pub(super) fn quoted(text: &str) -> String {
    clip(text).into_owned()
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
pub fn load(file: &SourceFile, policy: &Policy) -> Result<Quarter, Vec<Error>> {
    let parsed = parse(file)?;
    load_parsed(file, &parsed, policy)
}

/// A facts file checked as JSON, before any policy reads it: its top level
/// only (the period, where each list is). Its records are read one at a
/// time by [`load_parsed`], so that no tree of the whole file is held.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    text: &'a str,
    outline: json::Outline<'a>,
}

/// Check a facts file as JSON, before any policy is known. A file that is
/// not JSON but something else kaohe knows (a CSV table, a policy file) is
/// told so, rather than given JSON syntax advice.
pub fn parse(file: &SourceFile) -> Result<Parsed<'_>, Vec<Error>> {
    match json::outline(&file.text) {
        Ok(outline) => Ok(Parsed { text: &file.text, outline }),
        Err((error, span)) => Err(vec![not_json(file, error, span)]),
    }
}

/// The error of a file that is not JSON.
fn not_json(file: &SourceFile, error: json::JsonError, span: Span) -> Error {
    let src = file.named();
    match recognise::not_json(&file.name, &file.text) {
        Some((kind, line)) => Located::new(FactsError::NotFacts { path: file.name.clone(), kind }, &src, line),
        None => Located::new(FactsError::Malformed(error), &src, span),
    }
}

/// The span of the character at `at` (empty at the end of the text).
fn first_char(src: &Named, at: usize) -> Span {
    let len = src.text().get(at..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
    Span::new(at, at + len)
}

/// The period a parsed facts file declares, if it declares a valid one: it
/// decides which version of the policy reads the rest.
pub fn peek_period(parsed: &Parsed<'_>) -> Option<Period> {
    match &parsed.outline.get("period")?.scalar.as_ref()?.kind {
        JsonKind::String(text) => Period::parse(text),
        _ => None,
    }
}

/// The period a facts file gives as its first member (`{"period":
/// "2026-Q3", …`, where every writer of facts puts it), read without
/// reading the rest: it picks the version that reads the file in one pass
/// ([`load_once`]).
pub fn leading_period(file: &SourceFile) -> Option<Period> {
    Period::parse(&json::leading_string(&file.text, "period")?)
}

/// [`load`] in one pass: each record is read as the parser finishes it,
/// while the rest of the file is checked, rather than the whole file
/// checked first and then read again. `None` when one pass cannot be sure
/// of saying what [`load`] says, and [`load`] should read the file: it is
/// not JSON (its first error is the one to give, before any record's), or
/// not of the shape the stream reads in order (its period first and once,
/// the windows and then the staff, each list once), or it is kaohe's own
/// results.
pub fn load_once(file: &SourceFile, policy: &Policy) -> Option<Result<Quarter, Vec<Error>>> {
    let mut loader = Loader::new(file, policy);
    let quarter = loader.once(&file.text)?;
    Some(if loader.errors.is_empty() { Ok(quarter) } else { Err(loader.errors) })
}

/// Read a parsed facts file against a policy.
pub fn load_parsed(file: &SourceFile, parsed: &Parsed<'_>, policy: &Policy) -> Result<Quarter, Vec<Error>> {
    let outline = &parsed.outline;
    if let Some(kind) = recognise::results(outline) {
        let error = FactsError::NotFacts { path: file.name.clone(), kind };
        let span = outline.get("policy").or_else(|| outline.get("from")).map_or(outline.span, |m| m.key_span);
        return Err(vec![Located::new(error, &file.named(), span)]);
    }
    let mut loader = Loader::new(file, policy);
    let quarter = if streams(outline) {
        loader.streamed(parsed.text, outline)
    } else {
        // A shape the stream does not take (a list given twice, staff
        // before their windows): the whole tree, read as it always was.
        match json::parse(parsed.text) {
            Ok(root) => loader.quarter(&root),
            Err((error, span)) => return Err(vec![not_json(file, error, span)]),
        }
    };
    match quarter {
        Some(quarter) if loader.errors.is_empty() => Ok(quarter),
        _ => Err(loader.errors),
    }
}

/// Whether the file's records can be read as they stream by, with the
/// errors (and their order) of reading its whole tree: each list at most
/// once, and the windows before the staff who name them.
fn streams(outline: &json::Outline<'_>) -> bool {
    let count = |key: &str| outline.members.iter().filter(|m| m.key == key).count();
    let at = |key: &str| outline.members.iter().position(|m| m.key == key);
    outline.root == json::JsonType::Object
        && ["windows", "staff", "substitutions"].iter().all(|key| count(key) <= 1)
        && match (at("windows"), at("staff")) {
            (Some(windows), Some(staff)) => windows < staff,
            _ => true,
        }
}

/// Whether a file read in one pass ([`Loader::once`]) was of the shape
/// whose errors one pass gives as [`load_parsed`] would: [`streams`], its
/// period first, valid and once, both lists there, and not results.
fn read_once(outline: &json::Outline<'_>) -> bool {
    let period = outline.members.first().filter(|m| m.key == "period").and_then(|m| m.scalar.as_ref());
    let is_list = |key: &str| outline.get(key).is_some_and(|m| m.json_type == json::JsonType::List);
    matches!(period.map(|p| &p.kind), Some(JsonKind::String(text)) if Period::parse(text).is_some())
        && outline.members.iter().filter(|m| m.key == "period").count() == 1
        && is_list("windows")
        && is_list("staff")
        && streams(outline)
        && recognise::results(outline).is_none()
}

pub(super) struct Loader<'p> {
    src: Named,
    policy: &'p Policy,
    errors: Vec<Error>,
    /// Windows with a staff member whose record was rejected: their totals
    /// are unreliable, so no further error is derived from them.
    unclean_windows: std::collections::HashSet<super::WindowIx>,
}

/// A hasher for maps whose keys are the policy's names (its facts), never
/// the file's: FxHash (rustc's), a multiply and a rotate per eight bytes,
/// where SipHash was a tenth of reading the facts. A file's keys are only
/// looked up, so it cannot choose keys that collide in the map.
#[derive(Default, Clone, Copy)]
pub(super) struct PolicyNames(u64);

impl std::hash::Hasher for PolicyNames {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            for (to, from) in word.iter_mut().zip(chunk) {
                *to = *from;
            }
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Which record a message is about: `staff[3] `S004``.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    list: List,
    index: usize,
    id: Option<&'a str>,
}

impl At<'_> {
    pub(super) fn record(&self) -> RecordAt {
        RecordAt { list: self.list, index: self.index, id: self.id.map(quoted) }
    }
}

/// Which field of a record a message is about: `workdays`,
/// `facts.rude_conduct[1]`. Made into an error's [`Field`] only when there
/// is an error to make.
#[derive(Clone, Copy)]
enum FieldRef<'a> {
    Attr(&'a str),
    Fact(&'a str),
    Item(&'a str, usize),
    Level(&'a str, &'a str),
}

impl<'a> FieldRef<'a> {
    fn name(self) -> &'a str {
        match self {
            FieldRef::Attr(name) | FieldRef::Fact(name) | FieldRef::Item(name, _) | FieldRef::Level(name, _) => name,
        }
    }

    fn item(self, index: usize) -> FieldRef<'a> {
        FieldRef::Item(self.name(), index)
    }

    fn level(self, level: &'a str) -> FieldRef<'a> {
        FieldRef::Level(self.name(), level)
    }

    /// The field, with the label of its fact or attribute in `subject`.
    fn field(self, subject: &Subject) -> Field {
        let name = self.name();
        let labelled = match self {
            FieldRef::Attr(_) => subject.attribute_index(name).map(|i| &subject.attributes[i].name),
            _ => subject.fact_index(name).map(|i| &subject.facts[i.index()].name),
        };
        let path = match self {
            FieldRef::Attr(name) => FieldPath::Attribute(name.to_string()),
            FieldRef::Fact(name) => FieldPath::Fact(name.to_string()),
            FieldRef::Item(name, index) => FieldPath::Item(name.to_string(), index),
            FieldRef::Level(name, level) => FieldPath::Level(name.to_string(), quoted(level)),
        };
        Field { path, label: labelled.map_or_else(String::new, |l| l.label.clone()) }
    }
}

/// A field of a record that is no fact or attribute: `name`, `window`.
fn plain_field(name: &str) -> Field {
    Field { path: FieldPath::Attribute(name.to_string()), label: String::new() }
}

/// Subject-specific lookups, built once per file rather than per record.
pub(super) struct Schema<'p> {
    pub(super) subject: &'p Subject,
    list: List,
    /// Each fact's index by its id; every key a record's facts use is
    /// looked up here.
    pub(super) facts: HashMap<&'p str, FactId, BuildHasherDefault<PolicyNames>>,
    /// The attribute that weights an average; it must be given.
    required_attribute: Option<usize>,
}

/// Each label's id and words, as suggestions and help take them.
fn pairs(labels: &[Label]) -> Vec<(String, String)> {
    labels.iter().map(|l| (l.id.clone(), l.label.clone())).collect()
}

impl<'p> Loader<'p> {
    /// What `name` probably stands for among `candidates` (each a name and its
    /// label), while suggestions are cheap and shown.
    pub(super) fn suggest<'c>(
        &self,
        name: &str,
        candidates: impl IntoIterator<Item = (&'c str, &'c str)>,
    ) -> Option<Suggestion> {
        if self.errors.len() >= MAX_SUGGESTED || name.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        suggest::did_you_mean(name, candidates)
    }

    /// [`Loader::suggest`] among names without labels.
    pub(super) fn suggest_name<'c>(
        &self,
        name: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<Suggestion> {
        self.suggest(name, candidates.into_iter().map(|c| (c, "")))
    }

    pub(super) fn error(&mut self, span: Span, error: FactsError) {
        // A label under a huge value or record would print all of it: it
        // points at the value's first character instead.
        let span = if span.len() > MAX_LABELLED { first_char(&self.src, span.start()) } else { span };
        self.errors.push(Located::new(error, &self.src, span));
    }

    /// The top level's members by name, in the order of [`TOP`] (whether
    /// from the tree or the stream's outline): any other name, and a name
    /// given twice, is an error where it stands.
    fn top_members<'m, M>(&mut self, members: &'m [M], key: impl Fn(&'m M) -> (&'m str, Span)) -> [Option<&'m M>; 4] {
        let mut slots = [None; 4];
        for member in members {
            let (name, span) = key(member);
            let Some(slot) = TOP.iter().position(|top| *top == name) else {
                let suggestion = self.suggest_name(name, TOP);
                self.error(span, FactsError::UnknownTopField { name: quoted(name), suggestion });
                continue;
            };
            if slots[slot].is_some() {
                self.error(span, FactsError::FieldTwice { record: None, name: quoted(name) });
            }
            slots[slot] = Some(member);
        }
        slots
    }

    fn new(file: &SourceFile, policy: &'p Policy) -> Self {
        Loader { src: file.named(), policy, errors: Vec::new(), unclean_windows: Default::default() }
    }

    /// [`Loader::streamed`] in one pass ([`load_once`]): the records are
    /// read as the parser hands them over, their errors kept aside, and
    /// once the whole file is checked the top level's errors are put before
    /// them, as [`Loader::streamed`] gives them. `None` when the file is not
    /// JSON or not of the shape this reads ([`read_once`]).
    fn once(&mut self, text: &str) -> Option<Quarter> {
        let window_schema = self.schema(&self.policy.window, List::Windows);
        let staff_schema = self.schema(&self.policy.staff, List::Staff);
        let mut ids = WindowSpans::default();
        let mut window_list = Records::new(&[], 0);
        // The windows, once their list has been read and the first staff
        // member comes: the staff's records are read against them.
        let windows = std::cell::OnceCell::new();
        let mut staff_list = None;
        let outline = {
            let (loader, finished, staff_list) = (&mut *self, &windows, &mut staff_list);
            let (ids, window_list, window_schema, staff_schema) =
                (&mut ids, &mut window_list, &window_schema, &staff_schema);
            let (mut window_index, mut staff_index) = (0, 0);
            json::outline_with_items(text, &["windows", "staff"], move |list, item| {
                if list == 0 {
                    ids.add(&item);
                    loader.list_item(window_list, window_index, &item, window_schema, &[]);
                    window_index += 1;
                    return;
                }
                let windows: &Vec<Record> = finished.get_or_init(|| std::mem::take(&mut window_list.records));
                let staff = staff_list.get_or_insert_with(|| Records::new(windows, 0));
                loader.list_item(staff, staff_index, &item, staff_schema, windows);
                staff_index += 1;
            })
            .ok()?
        };
        if !read_once(&outline) {
            return None;
        }
        let staff = staff_list.map_or_else(Vec::new, |list| list.records);
        let windows = windows.into_inner().unwrap_or(window_list.records);
        let records_errors = std::mem::take(&mut self.errors);
        let [period, _, _, substitutions_json] = self.top_members(&outline.members, |m| (m.key.as_ref(), m.key_span));
        let period = period.and_then(|member| self.period(member.scalar.as_ref(), member.span, member.json_type));
        self.errors.extend(records_errors);
        self.finish(text, substitutions_json, &staff_schema, (windows, staff, &ids), period)
    }

    fn quarter(&mut self, root: &Json<'_>) -> Option<Quarter> {
        let JsonKind::Object(members) = &root.kind else {
            // Its first character: the whole of a large file would be shown.
            let span = first_char(&self.src, root.span.start());
            self.error(span, FactsError::NotAnObject { found: root.json_type() });
            return None;
        };
        let [period, windows_json, staff_json, substitutions_json] =
            self.top_members(members, |m| (m.key.as_ref(), m.key_span));
        let period = match period {
            Some(member) => self.period(Some(&member.value), member.value.span, member.value.json_type()),
            None => {
                self.error(Span::new(root.span.start(), root.span.start() + 1), FactsError::MissingPeriod);
                None
            }
        };
        let window_schema = self.schema(&self.policy.window, List::Windows);
        let staff_schema = self.schema(&self.policy.staff, List::Staff);
        let mut ids = WindowSpans::default();
        if let Some(JsonKind::Array(items)) = windows_json.map(|m| &m.value.kind) {
            for item in items {
                ids.add(item);
            }
        }
        let windows = self.list(root, windows_json, &window_schema, &[]);
        let mut staff = self.list(root, staff_json, &staff_schema, &windows);
        if let Some(member) = substitutions_json {
            self.substitutions(&member.value, &staff_schema, &mut staff);
        }
        self.check_weights(&windows, &staff, &ids);
        Some(Quarter { period: period?, windows, staff })
    }

    /// [`Loader::quarter`] of a file read a record at a time: the top level
    /// from its outline, then each list's items as the parser finishes
    /// them, each checked and made a record and its tree dropped. Errors
    /// come in the same order as from the tree.
    fn streamed(&mut self, text: &str, outline: &json::Outline<'_>) -> Option<Quarter> {
        let [period, windows_json, staff_json, substitutions_json] =
            self.top_members(&outline.members, |m| (m.key.as_ref(), m.key_span));
        let start = outline.span.start();
        let period = match period {
            Some(member) => self.period(member.scalar.as_ref(), member.span, member.json_type),
            None => {
                self.error(Span::new(start, start + 1), FactsError::MissingPeriod);
                None
            }
        };
        let window_schema = self.schema(&self.policy.window, List::Windows);
        let staff_schema = self.schema(&self.policy.staff, List::Staff);
        let mut ids = WindowSpans::default();
        let windows = self.stream_list(text, start, windows_json, &window_schema, &[], Some(&mut ids));
        let staff = self.stream_list(text, start, staff_json, &staff_schema, &windows, None);
        self.finish(text, substitutions_json, &staff_schema, (windows, staff, &ids), period)
    }

    /// The end of reading a streamed file, once its lists are read: the
    /// substitutions (parsed whole: a handful), the windows' weights, the
    /// quarter.
    fn finish(
        &mut self,
        text: &str,
        substitutions: Option<&json::TopMember<'_>>,
        staff_schema: &Schema<'_>,
        (windows, mut staff, ids): (Vec<Record>, Vec<Record>, &WindowSpans),
        period: Option<Period>,
    ) -> Option<Quarter> {
        if let Some(member) = substitutions {
            match json::parse_at(text, member.span.start()) {
                Ok(value) => self.substitutions(&value, staff_schema, &mut staff),
                Err((error, span)) => self.error(span, FactsError::Malformed(error)),
            }
        }
        self.check_weights(&windows, &staff, ids);
        Some(Quarter { period: period?, windows, staff })
    }

    /// One list of records, streamed (see [`Loader::streamed`]); the
    /// windows' id spans are kept in `ids` when it is given.
    fn stream_list(
        &mut self,
        text: &str,
        root: usize,
        member: Option<&json::TopMember<'_>>,
        schema: &Schema<'_>,
        windows: &[Record],
        mut ids: Option<&mut WindowSpans>,
    ) -> Vec<Record> {
        let Some(member) = member else {
            self.error(Span::new(root, root + 1), FactsError::MissingList { list: schema.list });
            return Vec::new();
        };
        if member.json_type != json::JsonType::List {
            self.error(member.span, FactsError::NotAList { list: schema.list, found: member.json_type });
            return Vec::new();
        }
        let mut list = Records::new(windows, member.items);
        let mut index = 0;
        let read = json::each_item(text, member.span.start(), |item| {
            if let Some(ids) = ids.as_deref_mut() {
                ids.add(&item);
            }
            self.list_item(&mut list, index, &item, schema, windows);
            index += 1;
        });
        if let Err((error, span)) = read {
            // Not reached: the outline checked the whole file.
            self.error(span, FactsError::Malformed(error));
        }
        list.records
    }

    fn schema(&self, subject: &'p Subject, list: List) -> Schema<'p> {
        let required_attribute =
            self.policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight);
        Schema {
            subject,
            list,
            facts: subject.facts.iter().enumerate().map(|(i, f)| (f.name.id.as_str(), FactId(i))).collect(),
            required_attribute: if list == List::Staff { required_attribute } else { None },
        }
    }

    /// The `period`: its value when it is a scalar, where it is, and what it is.
    fn period(&mut self, value: Option<&Json<'_>>, span: Span, json_type: json::JsonType) -> Option<Period> {
        let found = match value.map(|v| &v.kind) {
            Some(JsonKind::String(text)) => match Period::parse(text) {
                Some(period) => return Some(period),
                None => Found::Text(quoted(text)),
            },
            _ => Found::Type(json_type),
        };
        self.error(span, FactsError::BadPeriod { found });
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
            let span = Span::new(root.span.start(), root.span.start() + 1);
            self.error(span, FactsError::MissingList { list: schema.list });
            return Vec::new();
        };
        let JsonKind::Array(items) = &member.value.kind else {
            self.error(member.value.span, FactsError::NotAList { list: schema.list, found: member.value.json_type() });
            return Vec::new();
        };
        let mut list = Records::new(windows, items.len());
        for (index, item) in items.iter().enumerate() {
            self.list_item(&mut list, index, item, schema, windows);
        }
        list.records
    }

    /// Read the item at `index` of a list into `list`.
    fn list_item<'t>(
        &mut self,
        list: &mut Records<'_, 't>,
        index: usize,
        item: &Json<'t>,
        schema: &Schema<'_>,
        windows: &[Record],
    ) {
        let Some(record) = self.record(index, item, schema, &list.window_ids, windows) else { return };
        let span = || item.get("id").map_or(item.span, |m| m.value.span);
        let at = || RecordAt { list: schema.list, index, id: Some(quoted(&record.id)) };
        // The id as the file has it, borrowed (a record has one: it is its `id`'s string).
        let id = match item.get("id").map(|m| &m.value.kind) {
            Some(JsonKind::String(id)) => id.clone(),
            _ => Cow::Owned(record.id.clone()),
        };
        // One lookup says both whether the id was seen and whether it is a
        // window's (a staff list's `seen` starts with the windows' ids).
        match list.seen.entry(id) {
            Entry::Vacant(slot) => {
                slot.insert(Some(index));
            }
            Entry::Occupied(mut first) => match *first.get() {
                Some(first) => self.error(span(), FactsError::DuplicateId { record: at(), first }),
                None => {
                    let window = list.window_ids.get(record.id.as_str()).copied().unwrap_or_default();
                    first.insert(Some(index));
                    self.error(span(), FactsError::IdOfWindow { record: at(), window });
                }
            },
        }
        list.records.push(record);
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
            self.error(item.span, FactsError::NotARecord { list: schema.list, index, found: item.json_type() });
            return None;
        };
        let is_staff = schema.list == List::Staff;
        let id = match item.get("id") {
            Some(m) => match &m.value.kind {
                JsonKind::String(s) if !s.trim().is_empty() => match hidden_character(s) {
                    None => Some(s.to_string()),
                    Some(character) => {
                        let error = FactsError::IdCharacter { list: schema.list, index, field: "id", character };
                        self.error(m.value.span, error);
                        None
                    }
                },
                _ => {
                    self.error(
                        m.value.span,
                        FactsError::BadId { list: schema.list, index, found: m.value.json_type() },
                    );
                    None
                }
            },
            None => {
                let record = RecordAt { list: schema.list, index, id: None };
                self.error(item.span, FactsError::MissingField { record, field: "id".into(), weights: None });
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
        let mut given = Seen::default();
        let mut evidence = None;
        // Whether the attribute the file must give (the averaged weight) was.
        let mut required_given = false;
        for member in members {
            let key = member.key.as_ref();
            if !given.insert(key) {
                self.error(member.key_span, FactsError::FieldTwice { record: Some(at.record()), name: quoted(key) });
                ok = false;
                continue;
            }
            let wrong_type = |expected: Expected| FactsError::WrongType {
                record: at.record(),
                field: plain_field(key),
                expected,
                found: member.value.json_type(),
                hint: None,
            };
            match key {
                "id" => {}
                "name" => match &member.value.kind {
                    JsonKind::String(s) => record.name = s.to_string(),
                    _ => {
                        self.error(member.value.span, wrong_type(Expected::Name));
                        ok = false;
                    }
                },
                "window" if is_staff => match &member.value.kind {
                    JsonKind::String(s) => match window_ids.get(s.as_ref()) {
                        Some(w) => record.window = Some(super::WindowIx(*w)),
                        None => {
                            let suggestion = self.suggest(s, windows.iter().map(|w| (w.id.as_str(), w.name.as_str())));
                            let error =
                                FactsError::UnknownWindow { record: at.record(), window: quoted(s), suggestion };
                            self.error(member.value.span, error);
                            ok = false;
                        }
                    },
                    _ => {
                        self.error(member.value.span, wrong_type(Expected::WindowId));
                        ok = false;
                    }
                },
                "joined" if is_staff => match &member.value.kind {
                    JsonKind::String(text) => match super::period::date(text) {
                        Some(date) => record.joined = Some(date),
                        None => {
                            self.error(
                                member.value.span,
                                FactsError::BadDate { record: at.record(), text: quoted(text) },
                            );
                            ok = false;
                        }
                    },
                    _ => {
                        self.error(member.value.span, wrong_type(Expected::Date));
                        ok = false;
                    }
                },
                "role" if is_staff => {
                    let roles = &schema.subject.roles;
                    let role = match &member.value.kind {
                        JsonKind::String(s) => schema.subject.role_index(s),
                        _ => None,
                    };
                    match &member.value.kind {
                        JsonKind::String(_) if role.is_some() => record.role = role,
                        other => {
                            let (found, suggestion) = match other {
                                JsonKind::String(s) => (
                                    Found::Text(quoted(s)),
                                    self.suggest(s, roles.iter().map(|r| (r.id.as_str(), r.label.as_str()))),
                                ),
                                _ => (Found::Type(member.value.json_type()), None),
                            };
                            let error =
                                FactsError::UnknownRole { record: at.record(), found, roles: pairs(roles), suggestion };
                            self.error(member.value.span, error);
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
                    let set = match &member.value.kind {
                        JsonKind::String(s) => schema.subject.label_set_index(s),
                        _ => None,
                    };
                    match &member.value.kind {
                        JsonKind::String(_) if set.is_some() => record.staff_type = set,
                        other => {
                            let names = || sets.iter().map(|s| (s.name.id.as_str(), s.name.label.as_str()));
                            let (found, suggestion) = match other {
                                JsonKind::String(s) => (Found::Text(quoted(s)), self.suggest(s, names())),
                                _ => (Found::Type(member.value.json_type()), None),
                            };
                            let types = names().map(|(id, label)| (id.to_string(), label.to_string())).collect();
                            let error = FactsError::UnknownStaffType { record: at.record(), found, types, suggestion };
                            self.error(member.value.span, error);
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
                        self.error(member.value.span, wrong_type(Expected::FactsObject));
                        ok = false;
                    }
                },
                other => match schema.subject.attribute_index(other) {
                    Some(a) => {
                        let kind = schema.subject.attributes[a].kind;
                        // Given, even if rejected: no "missing field" besides the error.
                        required_given |= schema.required_attribute == Some(a);
                        match self.quantity(&at, schema.subject, FieldRef::Attr(other), &member.value, kind) {
                            Some(value) => record.attributes[a] = value,
                            None => ok = false,
                        }
                    }
                    None => {
                        let mut known: Vec<(&str, &str)> =
                            vec![("id", ""), ("name", ""), ("facts", ""), ("evidence", "")];
                        if is_staff {
                            known.extend([("window", ""), ("role", ""), ("joined", ""), ("staff_type", "")]);
                        }
                        known.extend(
                            schema.subject.attributes.iter().map(|a| (a.name.id.as_str(), a.name.label.as_str())),
                        );
                        // A fact written beside the record's fields, by its label or its name.
                        let facts = schema.subject.facts.iter().map(|f| (f.name.id.as_str(), f.name.label.as_str()));
                        let suggestion = self
                            .suggest(other, known.iter().copied())
                            .or_else(|| self.suggest(other, facts).filter(|s| matches!(s, Suggestion::Label { .. })));
                        // An attribute written with its label is given: its "missing" would say it twice.
                        if let Some(Suggestion::Label { name, .. }) = &suggestion {
                            let a = schema.subject.attribute_index(name);
                            required_given |= a.is_some() && a == schema.required_attribute;
                        }
                        let error = FactsError::UnknownField {
                            record: at.record(),
                            name: quoted(other),
                            suggestion,
                            is_fact: schema.facts.contains_key(other),
                            fields: known.iter().map(|(k, _)| k.to_string()).collect(),
                        };
                        self.error(member.key_span, error);
                        ok = false;
                    }
                },
            }
        }
        if is_staff {
            for field in ["window", "role"] {
                if !given.contains(field) {
                    let error = FactsError::MissingField { record: at.record(), field: field.into(), weights: None };
                    self.error(item.span, error);
                    ok = false;
                }
            }
        }
        if let Some(a) = schema.required_attribute {
            if !required_given {
                let name = &schema.subject.attributes[a].name;
                let weights = Some((name.id.clone(), name.label.clone()));
                let error = FactsError::MissingField { record: at.record(), field: name.id.clone(), weights };
                self.error(item.span, error);
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
        if !ok {
            // The file is rejected anyway; the record stays (when it has an
            // id) so that others can still refer to it, and its window says
            // nothing derived from its staff: no cascade of false errors.
            if let Some(w) = record.window {
                self.unclean_windows.insert(w);
            }
        }
        record.id = id?;
        Some(record)
    }

    /// Read a record's `facts` object; false if any fact was rejected.
    fn facts(&mut self, at: &At<'_>, facts: &[Member<'_>], schema: &Schema<'_>, record: &mut Record) -> bool {
        let mut ok = true;
        record.facts.reserve_exact(facts.len());
        let subject = schema.subject;
        for member in facts {
            let name = member.key.as_ref();
            let Some(&index) = schema.facts.get(name) else {
                let candidates = subject.facts.iter().map(|f| (f.name.id.as_str(), f.name.label.as_str()));
                let suggestion = self.suggest(name, candidates);
                let error = FactsError::UnknownFact {
                    record: at.record(),
                    name: quoted(name),
                    subject: (subject.name.id.clone(), subject.name.label.clone()),
                    suggestion,
                };
                self.error(member.key_span, error);
                ok = false;
                continue;
            };
            if record.facts.iter().any(|(i, _)| *i == index) {
                self.error(member.key_span, FactsError::FactTwice { record: at.record(), name: name.to_string() });
                ok = false;
                continue;
            }
            let field = FieldRef::Fact(name);
            let value = match subject.facts[index.index()].kind {
                kind @ (FactKind::Count | FactKind::Days) => {
                    self.quantity(at, subject, field, &member.value, kind).map(Value::Number)
                }
                FactKind::Amounts { min, max } => {
                    self.amounts(at, subject, field, &member.value, min, max).map(Value::Amounts)
                }
                FactKind::Levels => self.levels(at, subject, field, &member.value).map(Value::Levels),
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
            let fact = &schema.subject.facts[index.index()];
            let Some(target) = fact.among else { continue };
            let count = record.fact(index).map(Value::magnitude).unwrap_or_default();
            let of = record.fact(target).map(Value::magnitude).unwrap_or_default();
            if count > of {
                let other = &schema.subject.facts[target.index()].name;
                let error = FactsError::MoreThanAmong {
                    record: at.record(),
                    field: FieldRef::Fact(&fact.name.id).field(schema.subject),
                    count: count.normalize(),
                    of: of.normalize(),
                    other: (other.id.clone(), other.label.clone()),
                };
                self.error(member.value.span, error);
                ok = false;
            }
        }
        ok
    }

    /// `substitutions`: what a substitute earned standing in for a staff
    /// member is scored to that member (第十四条). Each entry's facts are
    /// checked like a staff record's and added to the member's own.
    fn substitutions(&mut self, value: &Json<'_>, schema: &Schema<'_>, staff: &mut [Record]) {
        let JsonKind::Array(items) = &value.kind else {
            let error = FactsError::NotAList { list: List::Substitutions, found: value.json_type() };
            self.error(value.span, error);
            return;
        };
        let ids: HashMap<String, usize> = staff.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        for (index, item) in items.iter().enumerate() {
            let at = At { list: List::Substitutions, index, id: None };
            let JsonKind::Object(fields) = &item.kind else {
                let error = FactsError::NotARecord { list: List::Substitutions, index, found: item.json_type() };
                self.error(item.span, error);
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
            let mut given = Seen::default();
            for field in fields {
                // A second `facts` (or any key again) would be silently added in: refused, as in a record.
                if !given.insert(field.key.as_ref()) {
                    let error = FactsError::FieldTwice { record: Some(at.record()), name: quoted(&field.key) };
                    self.error(field.key_span, error);
                    ok = false;
                    continue;
                }
                let text = match &field.value.kind {
                    JsonKind::String(s) => Some(s.to_string()),
                    _ => None,
                };
                match (field.key.as_ref(), text) {
                    ("substitute", Some(s)) if !s.trim().is_empty() => match hidden_character(&s) {
                        None => by = Some(s),
                        Some(character) => {
                            let error = FactsError::IdCharacter {
                                list: List::Substitutions,
                                index,
                                field: "substitute",
                                character,
                            };
                            self.error(field.value.span, error);
                            ok = false;
                        }
                    },
                    ("name", Some(s)) => name = s,
                    ("for", Some(s)) => match ids.get(&s) {
                        Some(i) => target = Some(*i),
                        None => {
                            let suggestion = self.suggest(&s, staff.iter().map(|r| (r.id.as_str(), r.name.as_str())));
                            let error = FactsError::UnknownStaff { record: at.record(), id: quoted(&s), suggestion };
                            self.error(field.value.span, error);
                            ok = false;
                        }
                    },
                    ("facts", _) => match &field.value.kind {
                        JsonKind::Object(facts) => ok &= self.facts(&at, facts, schema, &mut record),
                        _ => {
                            let error = FactsError::WrongType {
                                record: at.record(),
                                field: plain_field("facts"),
                                expected: Expected::FactsObject,
                                found: field.value.json_type(),
                                hint: None,
                            };
                            self.error(field.value.span, error);
                            ok = false;
                        }
                    },
                    ("evidence", _) => {
                        evidence = self.evidence(&at, field, schema, false);
                        ok &= evidence.is_some();
                    }
                    ("substitute" | "name" | "for", _) => {
                        let error = FactsError::WrongType {
                            record: at.record(),
                            field: plain_field(&field.key),
                            expected: Expected::NonEmptyString,
                            found: field.value.json_type(),
                            hint: None,
                        };
                        self.error(field.value.span, error);
                        ok = false;
                    }
                    (other, _) => {
                        let known = ["substitute", "name", "for", "facts", "evidence"];
                        let suggestion = self.suggest_name(other, known);
                        let error = FactsError::UnknownField {
                            record: at.record(),
                            name: quoted(other),
                            suggestion,
                            is_fact: schema.facts.contains_key(other),
                            fields: known.map(String::from).to_vec(),
                        };
                        self.error(field.key_span, error);
                        ok = false;
                    }
                }
            }
            for field in ["substitute", "for"] {
                if !fields.iter().any(|f| f.key == field) {
                    let error = FactsError::MissingField { record: at.record(), field: field.into(), weights: None };
                    self.error(item.span, error);
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
            if let (Some(by), Some(target)) = (&by, target) {
                if *by == staff[target].id {
                    let span = fields.iter().find(|f| f.key == "for").map_or(item.span, |f| f.value.span);
                    self.error(span, FactsError::SubstituteForSelf { record: at.record(), id: quoted(by) });
                    ok = false;
                }
            }
            if let (true, Some(by), Some(target)) = (ok, by, target) {
                let person = &mut staff[target];
                for (fact, value) in &record.facts {
                    person.add_fact(*fact, value);
                }
                // Each part was in bounds; their sum must be too.
                for (fact, _) in &record.facts {
                    let Some(total) = person.fact(*fact).and_then(too_large) else { continue };
                    let name = schema.subject.facts[fact.index()].name.id.as_str();
                    let span = fields
                        .iter()
                        .find(|f| f.key == "facts")
                        .and_then(|f| f.value.get(name))
                        .map_or(item.span, |m| m.value.span);
                    let error = FactsError::SumTooLarge {
                        record: at.record(),
                        person: quoted(&person.id),
                        field: FieldRef::Fact(name).field(schema.subject),
                        total,
                        max: MAX_QUANTITY,
                    };
                    self.error(span, error);
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

    fn number(
        &mut self,
        at: &At<'_>,
        subject: &Subject,
        field: FieldRef<'_>,
        value: &Json<'_>,
        expected: Expected,
    ) -> Option<Decimal> {
        let JsonKind::Number(text) = value.kind else {
            let hint = match &value.kind {
                JsonKind::String(s) if parse_decimal(s).is_ok() => Some(TypeHint::Unquote(quoted(s))),
                JsonKind::Array(_) if expected == Expected::Count => Some(TypeHint::ListOnlyForAmounts),
                _ => None,
            };
            let error = FactsError::WrongType {
                record: at.record(),
                field: field.field(subject),
                expected,
                found: value.json_type(),
                hint,
            };
            self.error(value.span, error);
            return None;
        };
        // At most 6 digits after the point, like a policy's own numbers: a
        // million facts of 7 whole digits and 6 after sum exactly, where 28
        // digits after the point would be rounded in the first sum.
        let read = parse_decimal(text).and_then(|n| match n.scale() > 0 && n.normalize().scale() > MAX_FACT_SCALE {
            true => Err(NumberError::TooPrecise),
            false => Ok(n),
        });
        match read {
            Ok(n) => Some(n),
            Err(problem) => {
                let problem = match problem {
                    NumberError::TooLarge => NumberProblem::TooLarge { max: MAX_QUANTITY },
                    NumberError::TooPrecise => NumberProblem::TooPrecise,
                    NumberError::NotANumber => NumberProblem::NotANumber,
                };
                let error = FactsError::BadNumber {
                    record: at.record(),
                    field: field.field(subject),
                    number: quoted(text),
                    problem,
                };
                self.error(value.span, error);
                None
            }
        }
    }

    /// A count (whole, ≥ 0) or a number of days (≥ 0, in halves).
    fn quantity(
        &mut self,
        at: &At<'_>,
        subject: &Subject,
        field: FieldRef<'_>,
        value: &Json<'_>,
        kind: FactKind,
    ) -> Option<Decimal> {
        let days = kind == FactKind::Days;
        let n = self.number(at, subject, field, value, if days { Expected::Days } else { Expected::Count })?;
        let problem = if n.is_sign_negative() && !n.is_zero() {
            Some(QuantityProblem::Negative)
        } else if n > MAX_QUANTITY {
            Some(QuantityProblem::TooLarge { max: MAX_QUANTITY })
        } else if n.scale() == 0 {
            // Whole: a count, and a number of days in halves.
            None
        } else if kind == FactKind::Count && !n.fract().is_zero() {
            Some(QuantityProblem::NotWhole)
        } else if days && !(n % HALF).is_zero() {
            Some(QuantityProblem::NotHalf)
        } else {
            None
        };
        match problem {
            None if n.scale() == 0 => Some(n),
            None => Some(n.normalize()),
            Some(problem) => {
                let error = FactsError::BadQuantity {
                    record: at.record(),
                    field: field.field(subject),
                    days,
                    value: n,
                    problem,
                };
                self.error(value.span, error);
                None
            }
        }
    }

    fn amounts(
        &mut self,
        at: &At<'_>,
        subject: &Subject,
        field: FieldRef<'_>,
        value: &Json<'_>,
        min: Decimal,
        max: Decimal,
    ) -> Option<Vec<Decimal>> {
        let JsonKind::Array(items) = &value.kind else {
            let hint = matches!(value.kind, JsonKind::Number(_)).then_some(TypeHint::ListTheAmounts);
            let error = FactsError::WrongType {
                record: at.record(),
                field: field.field(subject),
                expected: Expected::Amounts,
                found: value.json_type(),
                hint,
            };
            self.error(value.span, error);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let item_field = field.item(i);
            match self.number(at, subject, item_field, item, Expected::Amount) {
                Some(n) if n < min || n > max => {
                    let error = FactsError::OutOfRange {
                        record: at.record(),
                        field: item_field.field(subject),
                        value: n,
                        min,
                        max,
                    };
                    self.error(item.span, error);
                    ok = false;
                }
                Some(n) => out.push(n.normalize()),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn levels(
        &mut self,
        at: &At<'_>,
        subject: &Subject,
        field: FieldRef<'_>,
        value: &Json<'_>,
    ) -> Option<Vec<(usize, Decimal)>> {
        let levels = &self.policy.levels;
        let JsonKind::Object(members) = &value.kind else {
            let hint = levels.first().map(|l| TypeHint::PerLevel(l.id.clone()));
            let error = FactsError::WrongType {
                record: at.record(),
                field: field.field(subject),
                expected: Expected::LevelCounts,
                found: value.json_type(),
                hint,
            };
            self.error(value.span, error);
            return None;
        };
        let mut out: Vec<(usize, Decimal)> = Vec::with_capacity(members.len());
        let mut ok = true;
        for member in members {
            let key = member.key.as_ref();
            match self.policy.levels.iter().position(|l| l.id == key) {
                Some(level) if out.iter().any(|(l, _)| *l == level) => {
                    let error =
                        FactsError::LevelTwice { record: at.record(), field: field.field(subject), level: key.into() };
                    self.error(member.key_span, error);
                    ok = false;
                }
                Some(level) => match self.quantity(at, subject, field.level(key), &member.value, FactKind::Count) {
                    Some(n) => out.push((level, n)),
                    None => ok = false,
                },
                None => {
                    let levels = &self.policy.levels;
                    let suggestion = self.suggest(key, levels.iter().map(|l| (l.id.as_str(), l.label.as_str())));
                    let error = FactsError::UnknownLevel {
                        record: at.record(),
                        field: field.field(subject),
                        level: quoted(key),
                        levels: pairs(levels),
                        suggestion,
                    };
                    self.error(member.key_span, error);
                    ok = false;
                }
            }
        }
        out.sort_by_key(|(l, _)| *l);
        ok.then_some(out)
    }

    /// A window whose staff have no weight cannot have its average taken.
    fn check_weights(&mut self, windows: &[Record], staff: &[Record], spans: &WindowSpans) {
        let unweighted = super::unweighted(self.policy, windows.len(), staff);
        let Some(weight) = self.policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight)
        else {
            return;
        };
        let weight_name = &self.policy.staff.attributes[weight].name;
        let weight_name = (weight_name.id.clone(), weight_name.label.clone());
        let averaged = self
            .policy
            .window
            .categories
            .iter()
            .find(|c| c.average.is_some())
            .map(|c| (c.name.id.clone(), c.name.label.clone()));
        for (i, members) in unweighted {
            let window = &windows[i.index()];
            if self.unclean_windows.contains(&i) {
                continue;
            }
            // Point at the record in the file; records that failed to load are not in `windows`.
            let span = spans.0.get(window.id.as_str()).copied().unwrap_or(Span::new(0, 0));
            let error = FactsError::NoWeight {
                window: quoted(&window.id),
                members,
                weight: weight_name.clone(),
                averaged: averaged.clone(),
            };
            self.error(span, error);
        }
    }
}

/// A list's records as they are read, and what its items are checked
/// against: the windows' ids (for staff), the ids seen so far.
struct Records<'w, 't> {
    window_ids: HashMap<&'w str, usize>,
    /// Each id seen, as the file's text has it (`'t`), and where; for
    /// staff, each window's id beforehand (`None`), which no staff id may be.
    seen: HashMap<Cow<'t, str>, Option<usize>>,
    records: Vec<Record>,
}

impl<'w> Records<'w, '_> {
    /// The records of a list: the staff when `windows` are given.
    fn new(windows: &'w [Record], items: usize) -> Self {
        let mut seen = HashMap::with_capacity(items + windows.len());
        seen.extend(windows.iter().map(|w| (Cow::Owned(w.id.clone()), None)));
        Records {
            window_ids: windows.iter().enumerate().map(|(i, w)| (w.id.as_str(), i)).collect(),
            seen,
            records: Vec::with_capacity(items),
        }
    }
}

/// Where each window's id is written (the first item with that id, loaded
/// or not), found once: a search per window would be quadratic in a file
/// of thousands of them.
#[derive(Default)]
struct WindowSpans(HashMap<String, Span>);

impl WindowSpans {
    fn add(&mut self, item: &Json<'_>) {
        if let Some(Member { value: Json { kind: JsonKind::String(id), span }, .. }) = item.get("id") {
            self.0.entry(id.to_string()).or_insert(*span);
        }
    }
}

/// The keys of one object seen so far: a list while short (a record has
/// a handful), a hash set beyond, so that an object of a million unknown
/// fields is read in linear time, not quadratic. The short list is an
/// array, so that a record's keys cost no allocation.
struct Seen<'k> {
    short: [&'k str; SHORT_OBJECT],
    len: usize,
    set: std::collections::HashSet<&'k str>,
}

impl Default for Seen<'_> {
    fn default() -> Self {
        Seen { short: [""; SHORT_OBJECT], len: 0, set: Default::default() }
    }
}

/// Up to this many keys, an object's are compared one by one.
const SHORT_OBJECT: usize = 16;

impl<'k> Seen<'k> {
    fn listed(&self) -> &[&'k str] {
        self.short.get(..self.len).unwrap_or_default()
    }

    /// Whether `key` is new (and now seen).
    fn insert(&mut self, key: &'k str) -> bool {
        if !self.set.is_empty() {
            return self.set.insert(key);
        }
        if self.listed().contains(&key) {
            return false;
        }
        match self.short.get_mut(self.len) {
            Some(slot) => {
                *slot = key;
                self.len += 1;
            }
            None => {
                self.set.extend(self.short);
                self.set.insert(key);
            }
        }
        true
    }

    fn contains(&self, key: &str) -> bool {
        self.listed().contains(&key) || self.set.contains(key)
    }
}

/// The first character of an id that would hide or change how it shows:
/// a line break or another control character, or a bidirectional control
/// (`U+202E` shows the rest of an id reversed).
fn hidden_character(id: &str) -> Option<char> {
    // Printable ASCII hides nothing: most ids are read at a glance.
    if id.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return None;
    }
    id.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

/// A summed value beyond what a fact may hold: the count or days, or a
/// level's count.
fn too_large(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Some(*n),
        Value::Levels(levels) => levels.iter().map(|(_, n)| *n).max(),
        Value::Amounts(_) => None,
    }
    .filter(|n| *n > MAX_QUANTITY)
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
    // Nearly every number of a facts file is a small whole count: read at
    // once, as the general reading below would read it (scale 0).
    if (1..=18).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        let whole = text.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        return Ok(Decimal::from(whole));
    }
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
    // The significant digits, and the power of ten of the last one, read
    // in place: a file of a million numbers allocates nothing here.
    let digits = || whole.bytes().chain(fraction.bytes());
    let leading = digits().take_while(|&b| b == b'0').count();
    if leading == whole.len() + fraction.len() {
        return Ok(Decimal::ZERO);
    }
    let trailing_zeros = digits().rev().take_while(|&b| b == b'0').count();
    let significant = whole.len() + fraction.len() - leading - trailing_zeros;
    let mut scale = fraction.len() as i64 - exponent - trailing_zeros as i64;
    // The whole digits beyond the point: more than 29 overflow a decimal.
    let whole_digits = significant as i64 - scale;
    if whole_digits > 29 {
        return Err(NumberError::TooLarge);
    }
    if scale > 28 || significant > 29 {
        return Err(NumberError::TooPrecise);
    }
    // At most 29 digits: far inside an i128.
    let mut value: i128 = digits().skip(leading).take(significant).fold(0, |n, b| n * 10 + i128::from(b - b'0'));
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

    /// The errors of loading `staff` (and `extra` top-level members) against the shipped policy.
    fn errors(staff: &str, extra: &str) -> Vec<FactsError> {
        let text =
            format!("{{\"period\": \"2026-Q3\", \"windows\": [{{\"id\": \"W01\"}}], \"staff\": [{staff}]{extra}}}");
        let file = SourceFile::new("q.json", &text);
        match load(&file, &shipped()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.error).collect(),
        }
    }

    /// The shipped policy, checked.
    fn shipped() -> Policy {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/luoshan/2026");
        let parsed: Vec<_> = crate::source::walk::files(&dir, "rules")
            .unwrap()
            .iter()
            .map(|path| {
                let file = SourceFile::read(path).unwrap();
                let ast = crate::syntax::parse_file(&file).map_err(|_| "the shipped policy parses").unwrap();
                (file, ast)
            })
            .collect();
        crate::check::check(&parsed).map_err(|_| "the shipped policy checks").unwrap()
    }

    /// What loading `text` gives, as text: the records, or each error with its span.
    fn outcome(result: Result<Quarter, Vec<Error>>) -> String {
        match result {
            Ok(quarter) => format!("{quarter:?}"),
            Err(errors) => errors.iter().map(|e| format!("{:?} at {:?}\n", e.error, e.span)).collect(),
        }
    }

    /// The file read a record at a time gives what its whole tree gives:
    /// the same records, the same errors in the same order; and so does
    /// reading it in one pass, when that is sure of itself. Whether the
    /// file was compared and rejected.
    fn same_both_ways(policy: &Policy, name: &str, text: &str) -> bool {
        let file = SourceFile::new(name, text);
        let once = load_once(&file, policy).map(outcome);
        let Ok(parsed) = parse(&file) else {
            assert_eq!(once, None, "{name}: one pass over a file that is not JSON");
            return false;
        };
        if recognise::results(&parsed.outline).is_some() {
            assert_eq!(once, None, "{name}: one pass over results");
            return false;
        }
        let streamed = outcome(load_parsed(&file, &parsed, policy));
        if let Some(once) = once {
            assert_eq!(once, streamed, "{name}: one pass");
            ONE_PASS.with(|n| n.set(n.get() + 1));
        }
        let root = json::parse(text).unwrap();
        let mut loader = Loader { src: file.named(), policy, errors: Vec::new(), unclean_windows: Default::default() };
        let tree = match loader.quarter(&root) {
            Some(quarter) if loader.errors.is_empty() => Ok(quarter),
            _ => Err(loader.errors),
        };
        let rejected = tree.is_err();
        assert_eq!(streamed, outcome(tree), "{name}");
        rejected
    }

    thread_local! {
        /// How many files [`same_both_ways`] compared read in one pass.
        static ONE_PASS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// The string and number tokens of a JSON text (outside strings).
    fn tokens(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                    out.push((start, i.min(bytes.len())));
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                        i += 1;
                    }
                    out.push((start, i));
                }
                _ => i += 1,
            }
        }
        out
    }

    #[test]
    fn streaming_reads_what_the_tree_reads() {
        let policy = shipped();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("examples/2026-Q3.json")];
        for dir in ["tests/cases/facts", "tests/cases/evidence", "tests/cases/attendance", "examples/2026-annual"] {
            files.extend(crate::source::walk::files(&root.join(dir), "json").unwrap());
        }
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            same_both_ways(&policy, &path.display().to_string(), &text);
        }
        let mut rejected = 0;
        // Valid JSON, wrong facts: each of many tokens of the example
        // replaced by another value, alone or two at once.
        let example = std::fs::read_to_string(root.join("examples/2026-Q3.json")).unwrap();
        let tokens = tokens(&example);
        let values =
            ["-1", "0.3", "1e7", "\"2\"", "null", "[1]", "{}", "\"\"", "\"W99\"", "\"县级\"", "2.5", "{\"x\": 1}"];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..600 {
            let mut picks: Vec<(usize, usize, &str)> = (0..1 + round % 3)
                .map(|_| {
                    let (start, end) = tokens[(next() % tokens.len() as u64) as usize];
                    (start, end, values[(next() % values.len() as u64) as usize])
                })
                .collect();
            picks.sort();
            picks.dedup_by_key(|p| p.0);
            let mut text = example.clone();
            for (start, end, value) in picks.iter().rev() {
                text.replace_range(start..end, value);
            }
            rejected += usize::from(same_both_ways(&policy, "mutated.json", &text));
        }
        // Many mutations make facts errors (some keep the file valid, some break its JSON).
        assert!(rejected > 200, "{rejected} of 600 mutated files compared with errors");
        // Every file here gives its period first; those a mutation left
        // JSON (about half: a key replaced by a number is not) and with
        // their period and lists are read in one pass.
        let once = ONE_PASS.with(std::cell::Cell::get);
        assert!(once > 250, "{once} of {} files read in one pass", files.len() + 600);
    }

    /// Files one pass must leave to the whole check, because their first
    /// error is not a record's, or one pass would read them in the wrong
    /// order: each is compared too.
    #[test]
    fn one_pass_reads_only_what_it_can_be_sure_of() {
        let policy = shipped();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let example = std::fs::read_to_string(root.join("examples/2026-Q3.json")).unwrap();
        let mut broken = 0;
        let replacements = ["", "\"", "{", "}", "[", "]", ",", ":", "x", "0"];
        for text in json::corruptions(&example, &replacements, 0x9e37_79b9_7f4a_7c15, 400) {
            let file = SourceFile::new("corrupted.json", &text);
            if parse(&file).is_err() {
                broken += 1;
            }
            same_both_ways(&policy, "corrupted.json", &text);
        }
        assert!(broken > 100, "{broken} of 400 corrupted files are not JSON");
        let body = example.trim_start().strip_prefix('{').unwrap().trim_start();
        let body = body.strip_prefix("\"period\": \"2026-Q3\",").unwrap();
        let unsure = [
            // The period after the lists, twice, invalid.
            format!("{{{}", body.replace("\n}", ", \"period\": \"2026-Q3\"}")),
            format!("{{\"period\": \"2026-Q3\", {}", body.replace("\n}", ", \"period\": \"2026-Q4\"}")),
            format!("{{\"period\": \"2026-Q9\", {body}"),
            // The staff before the windows; a list given twice; no list.
            format!("{{\"period\": \"2026-Q3\", \"staff\": [{PERSON}], \"windows\": [{{\"id\": \"W01\"}}]}}"),
            example.replacen("\"windows\": [", "\"windows\": [], \"staff\": [], \"windows\": [", 1),
            example.replacen("\"staff\": [", "\"staff\": 3, \"x\": [", 1),
            // kaohe's own results, by a key after the lists.
            format!("{{\"period\": \"2026-Q3\", {}", body.replace("\n}", ", \"policy\": \"x\"}")),
        ];
        for (n, text) in unsure.iter().enumerate() {
            let file = SourceFile::new("unsure.json", text);
            assert!(parse(&file).is_ok(), "{n}: {text}");
            assert!(load_once(&file, &policy).is_none(), "{n}: read in one pass");
            same_both_ways(&policy, "unsure.json", text);
        }
        // A period first, with the BOM and spaces a writer may put before it.
        let spaced = format!("\u{feff} \n{{ \"period\" :\t\"2026-Q3\" , {body}");
        let file = SourceFile::new("spaced.json", &spaced);
        assert_eq!(leading_period(&file).map(|p| p.to_string()).as_deref(), Some("2026-Q3"));
        assert!(load_once(&file, &policy).is_some_and(|r| r.is_ok()));
    }

    const PERSON: &str =
        r#"{"id": "S1", "window": "W01", "role": "operator", "workdays": 60, "facts": {"late_early_away": 999999}}"#;

    #[test]
    fn a_substitution_entry_gives_each_field_once() {
        assert_eq!(errors(PERSON, ""), []);
        let twice = r#", "substitutions": [{"substitute": "T1", "for": "S1", "facts": {"late_early_away": 1}, "facts": {"late_early_away": 1}}]"#;
        let found = errors(PERSON, twice);
        assert!(
            matches!(found.as_slice(), [FactsError::FieldTwice { record: Some(r), name }] if name == "facts" && r.list == List::Substitutions),
            "{found:?}"
        );
        let twice = r#", "substitutions": [{"substitute": "T1", "substitute": "T2", "for": "S1"}]"#;
        assert!(
            matches!(errors(PERSON, twice).as_slice(), [FactsError::FieldTwice { name, .. }] if name == "substitute")
        );
    }

    #[test]
    fn a_staff_id_that_is_a_window_s_is_said_once_and_its_repeat_is_a_duplicate() {
        let window_s = PERSON.replace("\"S1\"", "\"W01\"");
        let staff = [window_s.as_str(), &window_s, PERSON, PERSON].join(", ");
        let found = errors(&staff, "");
        let said: Vec<(&str, usize, Option<usize>)> = found
            .iter()
            .map(|e| match e {
                FactsError::IdOfWindow { record, window } => ("window", record.index, Some(*window)),
                FactsError::DuplicateId { record, first } => ("twice", record.index, Some(*first)),
                _ => ("other", 0, None),
            })
            .collect();
        assert_eq!(said, [("window", 0, Some(0)), ("twice", 1, Some(0)), ("twice", 3, Some(2))]);
        // And alike in one pass.
        let text = format!("{{\"period\": \"2026-Q3\", \"windows\": [{{\"id\": \"W01\"}}], \"staff\": [{staff}]}}");
        let file = SourceFile::new("q.json", &text);
        assert_eq!(load_once(&file, &shipped()).map(outcome), Some(outcome(load(&file, &shipped()))));
    }

    #[test]
    fn no_one_substitutes_for_themselves() {
        let own = r#", "substitutions": [{"substitute": "S1", "for": "S1", "facts": {"late_early_away": 1}}]"#;
        let found = errors(PERSON, own);
        assert!(matches!(found.as_slice(), [FactsError::SubstituteForSelf { id, .. }] if id == "S1"), "{found:?}");
    }

    #[test]
    fn the_cap_holds_after_substitutes_are_added_in() {
        // 999,999 of the person's own and 1 of a substitute's make 1,000,000: allowed.
        let one = r#"{"substitute": "T1", "for": "S1", "facts": {"late_early_away": 1}}"#;
        assert_eq!(errors(PERSON, &format!(", \"substitutions\": [{one}]")), []);
        // A second substitute's 1 passes the cap: refused, where it is written.
        let found = errors(PERSON, &format!(", \"substitutions\": [{one}, {one}]"));
        assert!(
            matches!(found.as_slice(), [FactsError::SumTooLarge { record, person, total, .. }]
                if record.index == 1 && person == "S1" && *total == Decimal::from(1_000_001)),
            "{found:?}"
        );
    }

    #[test]
    fn ids_with_line_breaks_controls_or_direction_overrides_are_refused() {
        for (id, character) in
            [("S\\n1", '\n'), ("S\\u00071", '\u{7}'), ("S\\u202e1", '\u{202e}'), ("S\u{2066}1", '\u{2066}')]
        {
            let person = PERSON.replace(r#""id": "S1""#, &format!(r#""id": "{id}""#));
            let found = errors(&person, "");
            assert!(
                matches!(found.as_slice(), [FactsError::IdCharacter { list: List::Staff, index: 0, field: "id", character: c }] if *c == character),
                "{id}: {found:?}"
            );
        }
        let bad = r#", "substitutions": [{"substitute": "T\u202e1", "for": "S1"}]"#;
        assert!(matches!(errors(PERSON, bad).as_slice(), [FactsError::IdCharacter { field: "substitute", .. }]));
        // Chinese, spaces inside and punctuation are ids like any other.
        assert_eq!(errors(&PERSON.replace(r#""id": "S1""#, r#""id": "窗口 一-1""#), ""), []);
    }

    #[test]
    fn many_unknown_fields_in_a_record_each_say_so_once() {
        let fields: Vec<String> = (0..3000).map(|i| format!("\"x{i}\": 1")).collect();
        let person = PERSON.replacen('{', &format!("{{{}, ", fields.join(", ")), 1);
        let found = errors(&person, "");
        assert_eq!(found.iter().filter(|e| matches!(e, FactsError::UnknownField { .. })).count(), 3000);
        let again = PERSON.replacen('{', "{\"x\": 1, \"y\": 2, \"x\": 3, ", 1);
        let found = errors(&again, "");
        assert!(found.iter().any(|e| matches!(e, FactsError::FieldTwice { name, .. } if name == "x")), "{found:?}");
    }

    #[test]
    fn seen_keys_are_the_same_short_or_long() {
        let keys: Vec<String> = (0..40).map(|i| format!("k{i}")).collect();
        let mut seen = Seen::default();
        for key in &keys {
            assert!(seen.insert(key));
        }
        for key in &keys {
            assert!(!seen.insert(key) && seen.contains(key));
        }
        assert!(!seen.contains("k40"));
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
