//! Policy tests (`kaohe test`): small facts files kept beside a policy
//! version, in `<version>/tests/*.json`, each with the scores it must give.
//! A case is run against the version whose `tests/` it is in, through the
//! same stages as `kaohe eval` and `kaohe annual`, and its expectations are
//! compared with the results as `--format json` writes them. The format is
//! in docs/language.md, "Policy tests".
//!
//! Running every case also shows what the cases leave untested: each rule
//! that moved no case's score, each average never taken, each veto, flag and
//! annual line that never applied.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::eval::annual::{roll_up, AnnualResults, ScoredQuarter};
use crate::eval::{evaluate, Results, Source};
use crate::facts::{self, Period, Quarter};
use crate::json::{self, Json, JsonKind};
use crate::policy::cases::{CaseResult, VersionTests};
use crate::policy::{Policies, Policy, Version};
use crate::render;
use crate::source::diagnostic::{shown, Diagnostic, Lang};
use crate::source::{line_col, walk, SourceFile, Span};

/// The keys a case may have.
const KEYS: [&str; 6] = ["name", "why", "facts", "quarters", "expect", "expect_error"];

/// Run the cases of every version; the errors a case's facts meet are
/// shown in `lang`.
pub fn run(policies: &Policies, lang: Lang) -> Vec<VersionTests> {
    policies.versions.iter().map(|version| run_version(policies, version, lang)).collect()
}

/// Run the cases in `<version>/tests/*.json`, in file-name order.
pub fn run_version(policies: &Policies, version: &Version, lang: Lang) -> VersionTests {
    let dir = version.dir.join("tests");
    let mut coverage = Coverage::default();
    let cases = match case_files(&dir, lang) {
        Ok(files) => {
            files.iter().map(|path| Runner { policies, version, path, lang, coverage: &mut coverage }.run()).collect()
        }
        Err(err) => vec![CaseResult {
            file: dir.display().to_string(),
            name: "tests".into(),
            why: None,
            failures: vec![format!("cannot read the directory: {err}")],
        }],
    };
    VersionTests { version: version.describe(), dir, cases, unexercised: coverage.unexercised(&version.policy) }
}

/// The `.json` files of a tests directory, sorted; none if there is no directory.
fn case_files(dir: &Path, lang: Lang) -> std::io::Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    walk::files(dir, "json").map_err(|errors| {
        let reasons: Vec<String> = errors.iter().map(|e| shown(e, lang).message).collect();
        std::io::Error::other(reasons.join("; "))
    })
}

struct Runner<'a> {
    policies: &'a Policies,
    version: &'a Version,
    path: &'a Path,
    lang: Lang,
    coverage: &'a mut Coverage,
}

/// Why a case's facts were refused, as shown, and in the other language:
/// `expect_error` may quote either.
struct Said {
    shown: String,
    other: String,
}

impl From<String> for Said {
    fn from(shown: String) -> Said {
        Said { other: shown.clone(), shown }
    }
}

impl Said {
    fn says(&self, wanted: &str) -> bool {
        self.shown.contains(wanted) || self.other.contains(wanted)
    }
}

impl Runner<'_> {
    fn run(mut self) -> CaseResult {
        let file = self.path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let stem = file.strip_suffix(".json").unwrap_or(&file).to_string();
        let mut result = CaseResult { file, name: stem, why: None, failures: Vec::new() };
        if let Err(failure) = self.case(&mut result) {
            result.failures.push(failure);
        }
        result
    }

    /// Read and run the case into `result`; an error is a case that could not be run.
    fn case(&mut self, result: &mut CaseResult) -> Result<(), String> {
        // Bounded, regular files only, as every input is.
        let text = crate::source::SourceFile::read(self.path)
            .map_err(|err| format!("cannot read the case: {}", crate::source::error::IoReason::of(&err).system))?
            .text;
        let case: Value = serde_json::from_str(&text).map_err(|err| format!("the case is not JSON: {err}"))?;
        let Value::Object(case) = case else { return Err("a case is a JSON object".into()) };
        if let Some(name) = case.get("name").and_then(Value::as_str) {
            result.name = name.to_string();
        }
        result.why = case.get("why").and_then(Value::as_str).map(str::to_string);
        if let Some(key) = case.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return Err(format!("unknown key `{key}`: a case has {}", KEYS.map(|k| format!("`{k}`")).join(", ")));
        }
        let expect = match (case.get("expect"), case.get("expect_error")) {
            (Some(Value::Object(_)), None) => Expect::Records,
            (None, Some(Value::String(message))) => Expect::Error(message),
            _ => {
                return Err(
                    "give `expect` (an object of records by id) or `expect_error` (a message), one of them".into()
                )
            }
        };
        // The facts are read from the case's own text, so that an error in
        // them points at the case's line and column.
        let root =
            json::parse(&text).map_err(|(err, _)| format!("the case is not JSON: {}", err.text(Lang::En).message))?;
        let outcome = match (root.get("facts"), root.get("quarters")) {
            (Some(facts), None) => self.quarter(&text, facts.value.span),
            (None, Some(quarters)) => match &quarters.value.kind {
                JsonKind::Array(items) => self.year(&text, &items.iter().map(|q| q.span).collect::<Vec<_>>()),
                _ => return Err("`quarters` is a list of a year's facts, one per quarter".into()),
            },
            _ => {
                return Err("give `facts` (one quarter's) or `quarters` (a year's, one per quarter), one of them".into())
            }
        };
        // Expected values are read exactly (json::parse keeps a number's
        // text; serde_json would read it as a float), and a key written
        // twice is refused, as everywhere else.
        if let Some(duplicate) = duplicate_key(&root, &text) {
            return Err(duplicate);
        }
        match (outcome, expect) {
            (Ok(actual), Expect::Records) => {
                let wanted = root.get("expect").map(|m| &m.value);
                match (wanted, json::parse(&actual)) {
                    (Some(wanted), Ok(got)) => {
                        compare_records(&Texts { wanted: &text, got: &actual }, wanted, &got, &mut result.failures)
                    }
                    (_, Err((err, _))) => result
                        .failures
                        .push(format!("kaohe's own results do not read back: {}", err.text(Lang::En).message)),
                    (None, _) => {}
                }
            }
            (Ok(_), Expect::Error(wanted)) => {
                result.failures.push(format!("expected an error containing \"{wanted}\", but the facts were accepted"))
            }
            (Err(errors), Expect::Error(wanted)) if errors.iter().any(|e| e.says(wanted)) => {}
            (Err(errors), expect) => {
                result.failures.push(match expect {
                    Expect::Error(wanted) => format!("expected an error containing \"{wanted}\", got:"),
                    Expect::Records => "the facts were rejected:".into(),
                });
                result.failures.extend(errors.into_iter().map(|e| format!("  {}", e.shown)));
            }
        }
        Ok(())
    }

    /// One quarter: its results as `kaohe eval --format json` writes them.
    fn quarter(&mut self, text: &str, span: Span) -> Result<String, Vec<Said>> {
        let (quarter, results) = self.score(text, span, "")?;
        let mut out = Vec::new();
        render::write_json(&mut out, &self.version.policy, &quarter, &results)
            .map_err(|err| vec![err.to_string().into()])?;
        String::from_utf8(out).map_err(|err| vec![err.to_string().into()])
    }

    /// A year from its quarters: as `kaohe annual --format json` writes it.
    fn year(&mut self, text: &str, spans: &[Span]) -> Result<String, Vec<Said>> {
        let mut scored = Vec::new();
        let mut errors = Vec::new();
        for (i, span) in spans.iter().enumerate() {
            match self.score(text, *span, &format!("quarters[{i}]: ")) {
                Ok(quarter) => scored.push(quarter),
                Err(errs) => errors.extend(errs),
            }
        }
        let mut year = None;
        for (quarter, _) in &scored {
            match (quarter.period, year) {
                (Period::Quarter { year: y, .. }, None) => year = Some(y),
                (Period::Quarter { year: y, .. }, Some(first)) if y == first => {}
                (period, _) => {
                    errors.push(format!("{period} is not a quarter of the year the first quarter is in").into())
                }
            }
        }
        scored.sort_by_key(|(q, _)| q.period);
        if let Some(pair) = scored.windows(2).find(|pair| pair[0].0.period == pair[1].0.period) {
            errors.push(format!("{} is given twice", pair[0].0.period).into());
        }
        let year = match year {
            Some(year) if errors.is_empty() => year,
            _ if errors.is_empty() => return Err(vec![String::from("`quarters` is empty").into()]),
            _ => return Err(errors),
        };
        if let Some(start) = chrono::NaiveDate::from_ymd_opt(year, 1, 1) {
            self.in_force(start, &year.to_string())?;
        }
        let policy = &self.version.policy;
        let quarters: Vec<ScoredQuarter<'_>> =
            scored.iter().map(|(quarter, results)| ScoredQuarter { policy, quarter, results }).collect();
        let results = roll_up(policy, year, &quarters);
        self.coverage.year(&results);
        let mut out = Vec::new();
        render::write_annual_json(&mut out, policy, &results).map_err(|err| vec![err.to_string().into()])?;
        String::from_utf8(out).map_err(|err| vec![err.to_string().into()])
    }

    /// Read the facts at `span` of the case and score them with this version.
    fn score(&mut self, text: &str, span: Span, prefix: &str) -> Result<(Quarter, Results), Vec<Said>> {
        let only = only(text, span);
        let file = SourceFile::new(self.path.display().to_string(), &only);
        let lang = self.lang;
        let quarter = facts::load(&file, &self.version.policy).map_err(|errors| {
            errors
                .iter()
                .map(|e| {
                    let (line, column) = line_col(text, e.span.start());
                    let said = |lang: Lang| {
                        let words = shown(e, lang);
                        let help =
                            words.help.map_or(String::new(), |h| lang.pick(format!("（{h}）"), format!(" ({h})")));
                        let at = lang.pick(
                            format!("，位于第 {line} 行第 {column} 列"),
                            format!(" at line {line}, column {column}"),
                        );
                        format!("{prefix}{}{at}{help}", words.message)
                    };
                    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
                    Said { shown: said(lang), other: said(other) }
                })
                .collect::<Vec<_>>()
        })?;
        if let Some(start) = quarter.period.start() {
            self.in_force(start, &quarter.period.to_string())
                .map_err(|e| e.into_iter().map(|e| format!("{prefix}{}", e.shown).into()).collect::<Vec<Said>>())?;
        }
        let results = evaluate(&self.version.policy, &quarter);
        self.coverage.quarter(&results);
        Ok((quarter, results))
    }

    /// A case tests the version it is kept with: its period must be one that
    /// version scores.
    fn in_force(&self, start: chrono::NaiveDate, period: &str) -> Result<(), Vec<Said>> {
        match self.policies.in_force(start) {
            Some(v) if v.dir == self.version.dir => Ok(()),
            Some(v) => {
                Err(vec![
                    format!("{period} is scored by {}, not by the version this case is kept with", v.describe()).into()
                ])
            }
            None => Err(vec![format!("no version of the policy is in force for {period}").into()]),
        }
    }
}

enum Expect<'a> {
    Records,
    Error(&'a str),
}

/// The case's text with everything outside `span` blanked (newlines kept):
/// the facts alone, at the same line and column as in the case.
fn only(text: &str, span: Span) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .enumerate()
        .map(|(i, b)| if (span.start()..span.end()).contains(&i) || b == b'\n' { b } else { b' ' })
        .collect();
    // Whole characters are kept or blanked byte by byte: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The case's text and the results' text, which the values' spans index.
struct Texts<'a> {
    wanted: &'a str,
    got: &'a str,
}

impl Texts<'_> {
    fn wanted(&self, value: &Json<'_>) -> String {
        written(self.wanted, value)
    }

    fn got(&self, value: &Json<'_>) -> String {
        written(self.got, value)
    }
}

/// A value as written, on one line.
fn written(text: &str, value: &Json<'_>) -> String {
    let written = text.get(value.span.start()..value.span.end()).unwrap_or_default();
    written.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first key written twice in one object of the case, said with its place.
fn duplicate_key(value: &Json<'_>, text: &str) -> Option<String> {
    match &value.kind {
        JsonKind::Object(members) => {
            for (i, member) in members.iter().enumerate() {
                if members[..i].iter().any(|m| m.key == member.key) {
                    let (line, column) = crate::source::line_col(text, member.key_span.start());
                    return Some(format!(
                        "the key `{}` is written twice in one object (line {line}, column {column}): give each key once",
                        member.key
                    ));
                }
                if let Some(found) = duplicate_key(&member.value, text) {
                    return Some(found);
                }
            }
            None
        }
        JsonKind::Array(items) => items.iter().find_map(|item| duplicate_key(item, text)),
        _ => None,
    }
}

/// Each expected record against the record of that id in the results.
fn compare_records(texts: &Texts<'_>, expected: &Json<'_>, actual: &Json<'_>, failures: &mut Vec<String>) {
    let JsonKind::Object(expected) = &expected.kind else { return };
    for member in expected {
        let id = member.key.as_ref();
        let found: Vec<&Json<'_>> = ["staff", "windows"]
            .iter()
            .filter_map(|list| match actual.get(list).map(|m| &m.value.kind) {
                Some(JsonKind::Array(items)) => Some(items),
                _ => None,
            })
            .flatten()
            .filter(|record| record.get("id").is_some_and(|m| matches!(&m.value.kind, JsonKind::String(s) if s == id)))
            .collect();
        match found.as_slice() {
            [record] => compare(texts, id, &member.value, record, failures),
            [] => failures.push(format!("{id}: no staff member or window has this id")),
            _ => failures.push(format!("{id}: a staff member and a window both have this id")),
        }
    }
}

/// `wanted` against `got`: an object's keys are those it names (the rest of
/// `got` is not compared), a list is compared whole and in order, numbers by
/// their exact decimal value (`95` is not `94.99999999999999999999`).
fn compare(texts: &Texts<'_>, path: &str, wanted: &Json<'_>, got: &Json<'_>, failures: &mut Vec<String>) {
    let equal = match (&wanted.kind, &got.kind) {
        (JsonKind::Object(wanted), JsonKind::Object(_)) => {
            for member in wanted {
                let path = format!("{path}.{}", member.key);
                match got.get(&member.key) {
                    Some(g) => compare(texts, &path, &member.value, &g.value, failures),
                    None => failures.push(format!(
                        "{path}: expected {}, but the results have no `{}`",
                        texts.wanted(&member.value),
                        member.key
                    )),
                }
            }
            return;
        }
        (JsonKind::Array(w), JsonKind::Array(g)) if w.len() == g.len() => {
            for (i, (w, g)) in w.iter().zip(g).enumerate() {
                compare(texts, &format!("{path}[{i}]"), w, g, failures);
            }
            return;
        }
        (JsonKind::Number(w), JsonKind::Number(g)) => {
            // A number kaohe cannot hold exactly equals nothing it wrote.
            exact(w).is_some_and(|w| Some(w) == exact(g))
        }
        (JsonKind::String(w), JsonKind::String(g)) => w == g,
        (JsonKind::Bool(w), JsonKind::Bool(g)) => w == g,
        (JsonKind::Null, JsonKind::Null) => true,
        _ => false,
    };
    if !equal {
        failures.push(format!("{path}: expected {}, got {}", texts.wanted(wanted), texts.got(got)));
    }
}

/// A JSON number's exact value; `None` past rust_decimal's 28 digits, which
/// `Decimal::from_str` would round.
fn exact(text: &str) -> Option<Decimal> {
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).skip_while(|&b| b == b'0').count();
    if digits > 28 {
        return None;
    }
    Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)).ok().map(|d| d.normalize())
}

/// What the cases exercised, by subject (0 staff, 1 window) and index.
#[derive(Debug, Default)]
struct Coverage {
    seen: HashSet<(Part, usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Rule,
    Average,
    Veto,
    Flag,
    Honour,
    NotAssessed,
    AnnualVeto,
    AnnualFlag,
}

impl Coverage {
    fn quarter(&mut self, results: &Results) {
        for (s, records) in [(0, &results.staff), (1, &results.windows)] {
            for record in records {
                for entry in &record.trace {
                    match entry.source {
                        Source::Rule(r) => self.seen.insert((Part::Rule, s, r)),
                        Source::Average(c) => self.seen.insert((Part::Average, s, c)),
                        Source::Floor(_) => false,
                    };
                }
                self.seen.extend(record.vetoes.iter().map(|r| (Part::Veto, s, r.index)));
                self.seen.extend(record.flags.iter().map(|r| (Part::Flag, s, r.index)));
                self.seen.extend(record.proposals.iter().map(|h| (Part::Honour, s, *h)));
            }
        }
    }

    fn year(&mut self, year: &AnnualResults) {
        for (s, records) in [(0, &year.staff), (1, &year.windows)] {
            for record in records {
                self.seen.extend(record.not_assessed.iter().map(|r| (Part::NotAssessed, s, r.index)));
                self.seen.extend(record.vetoes.iter().map(|r| (Part::AnnualVeto, s, r.index)));
                self.seen.extend(record.flags.iter().map(|r| (Part::AnnualFlag, s, r.index)));
            }
        }
    }

    fn unexercised(&self, policy: &Policy) -> Vec<String> {
        let mut out = Vec::new();
        for (s, subject) in [(0, &policy.staff), (1, &policy.window)] {
            // The items of one part that no case exercised.
            let missed = |part: Part, n: usize| (0..n).filter(move |i| !self.seen.contains(&(part, s, *i)));
            let who = &subject.name.id;
            let when = |condition| render::condition_text(subject, &policy.staff, condition);
            let grade = |g: crate::policy::GradeId| subject.band(g).map_or("", |b| b.name.id.as_str());
            for rule in missed(Part::Rule, subject.rules.len()).map(|r| &subject.rules[r]) {
                let part = render::part_id(subject, rule.part);
                out.push(format!("{who} {part}: {}", render::rule_line(policy, subject, rule)));
            }
            for category in missed(Part::Average, subject.categories.len()).map(|c| &subject.categories[c]) {
                if let Some(average) = &category.average {
                    let (of, weight) = (
                        &policy.staff.categories[average.category].name.id,
                        &policy.staff.attributes[average.weight].name.id,
                    );
                    out.push(format!(
                        "{who} {}: average of staff {of} weighted by {weight} [{}]",
                        category.name.id, average.cite
                    ));
                }
            }
            for veto in missed(Part::Veto, subject.vetoes.len()).map(|v| &subject.vetoes[v]) {
                out.push(format!(
                    "{who} eligibility: not {} when {} [{}]",
                    grade(veto.grade),
                    when(&veto.condition),
                    veto.cite
                ));
            }
            for flag in missed(Part::Flag, subject.flags.len()).map(|f| &subject.flags[f]) {
                out.push(format!("{who} flags: {} when {} [{}]", flag.name.id, when(&flag.condition), flag.cite));
            }
            for honour in missed(Part::Honour, subject.honours.len()).map(|h| &subject.honours[h]) {
                let condition = honour.condition.as_ref().map_or(String::new(), |c| format!(" when {}", when(c)));
                out.push(format!(
                    "{who} honours: {} proposed from {}{condition}, at most {} [{}]",
                    honour.name.id,
                    grade(honour.from),
                    honour.limit,
                    honour.cite
                ));
            }
            let Some(annual) = &subject.annual else { continue };
            for gate in missed(Part::NotAssessed, annual.not_assessed.len()).map(|g| &annual.not_assessed[g]) {
                out.push(format!("{who} annual: not assessed when {} [{}]", when(&gate.condition), gate.cite));
            }
            for veto in missed(Part::AnnualVeto, annual.vetoes.len()).map(|v| &annual.vetoes[v]) {
                let (grade, condition) = (grade(veto.grade), when(&veto.condition));
                out.push(format!("{who} annual: not {grade} when {condition} [{}]", veto.cite));
            }
            for flag in missed(Part::AnnualFlag, annual.flags.len()).map(|f| &annual.flags[f]) {
                out.push(format!("{who} annual: {} when {} [{}]", flag.name.id, when(&flag.condition), flag.cite));
            }
        }
        out
    }
}
