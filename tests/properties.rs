//! Properties of scoring, over the shipped policy and generated valid facts.
//!
//! Each case is a quarter of 1–4 windows with 1–6 staff each, every fact of
//! the policy's vocabulary possible with a valid value (counts, half days,
//! amounts inside their range, counts per level), sometimes a substitution.
//! The facts are written as JSON text and go through the same stages as the
//! CLI: `facts::load`, `eval::evaluate`, `render::write_json`.
//!
//! Failing cases are kept in `proptest-regressions/properties.txt` and
//! replayed first on every run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use kaohe::eval::Results;
use kaohe::facts::Quarter;
use kaohe::policy::{FactKind, Part, Subject};
use kaohe::source::SourceFile;
use kaohe::Policy;

// ---------------------------------------------------------------- the policy

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/luoshan");
        kaohe::app::load::load_newest(&dir)
            .unwrap_or_else(|errors| panic!("the shipped policy is rejected: {errors:?}"))
    })
}

/// How a fact moves a total, read from the rules that score it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Scored in a category or in the penalties: it can only take points away.
    Deduction,
    /// Scored in the bonus: it can only add.
    Bonus,
    /// Scored by no rule (an outcome flag, an eligibility condition).
    Neutral,
}

fn effect(subject: &Subject, fact: usize) -> Effect {
    let parts: Vec<Part> = subject.rules.iter().filter(|r| r.fact.index() == fact).map(|r| r.part).collect();
    if parts.is_empty() {
        Effect::Neutral
    } else if parts.iter().all(|p| *p == Part::Bonus) {
        Effect::Bonus
    } else {
        assert!(
            parts.iter().all(|p| *p != Part::Bonus),
            "fact `{}` is scored both in the bonus and elsewhere",
            subject.facts[fact].name.id
        );
        Effect::Deduction
    }
}

// ------------------------------------------------------- generated quarters

/// A fact's value as JSON number text, exactly as it will be written.
#[derive(Debug, Clone, PartialEq)]
enum GenValue {
    Number(String),
    Amounts(Vec<String>),
    /// (level id, count)
    Levels(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
struct GenRecord {
    id: String,
    name: Option<String>,
    /// Staff only.
    window: Option<String>,
    role: Option<String>,
    /// (attribute, number text)
    attributes: Vec<(String, String)>,
    facts: Vec<(String, GenValue)>,
}

#[derive(Debug, Clone)]
struct GenSubstitution {
    substitute: String,
    name: Option<String>,
    target: String,
    facts: Vec<(String, GenValue)>,
}

#[derive(Debug, Clone)]
struct GenQuarter {
    period: String,
    windows: Vec<GenRecord>,
    staff: Vec<GenRecord>,
    substitutions: Vec<GenSubstitution>,
}

const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

/// `halves` half units: 3 → "1.5".
fn halves(halves: u32) -> String {
    text(Decimal::from(halves) * HALF)
}

fn value_strategy(kind: FactKind) -> BoxedStrategy<GenValue> {
    match kind {
        FactKind::Count => (0u32..=12).prop_map(|n| GenValue::Number(n.to_string())).boxed(),
        FactKind::Days => (0u32..=20).prop_map(|h| GenValue::Number(halves(h))).boxed(),
        FactKind::Amounts { min, max } => {
            let steps = ((max - min) / HALF).to_u32().unwrap();
            proptest::collection::vec(0..=steps, 0..=3)
                .prop_map(move |ks| {
                    GenValue::Amounts(ks.into_iter().map(|k| text(min + Decimal::from(k) * HALF)).collect())
                })
                .boxed()
        }
        FactKind::Levels => {
            let levels: Vec<String> = policy().levels.iter().map(|l| l.id.clone()).collect();
            proptest::collection::vec(proptest::option::of(0u32..=3), levels.len())
                .prop_map(move |counts| {
                    GenValue::Levels(
                        counts
                            .into_iter()
                            .zip(&levels)
                            .filter_map(|(n, level)| n.map(|n| (level.clone(), n.to_string())))
                            .collect(),
                    )
                })
                .boxed()
        }
    }
}

/// Each fact of the subject given or not, with a valid value; a fact
/// counted `among` another is never more than it.
fn facts_strategy(subject: &Subject) -> BoxedStrategy<Vec<(String, GenValue)>> {
    let each: Vec<BoxedStrategy<Option<(String, GenValue)>>> = subject
        .facts
        .iter()
        .map(|fact| {
            let name = fact.name.id.clone();
            proptest::option::weighted(0.3, value_strategy(fact.kind).prop_map(move |v| (name.clone(), v))).boxed()
        })
        .collect();
    let among: Vec<(String, String)> = subject
        .facts
        .iter()
        .filter_map(|f| f.among.map(|t| (f.name.id.clone(), subject.facts[t.index()].name.id.clone())))
        .collect();
    each.prop_map(move |facts| {
        let mut facts: Vec<(String, GenValue)> = facts.into_iter().flatten().collect();
        for (name, target) in &among {
            let most = facts.iter().find(|(n, _)| n == target).map_or(Decimal::ZERO, |(_, v)| magnitude(v));
            if let Some((_, GenValue::Number(n))) = facts.iter_mut().find(|(n, _)| n == name) {
                if n.parse::<Decimal>().unwrap() > most {
                    *n = text(most);
                }
            }
        }
        facts
    })
    .boxed()
}

/// A generated value as one number: a count or days, the number of cases,
/// all levels together.
fn magnitude(value: &GenValue) -> Decimal {
    match value {
        GenValue::Number(n) => n.parse().unwrap(),
        GenValue::Amounts(a) => Decimal::from(a.len()),
        GenValue::Levels(l) => l.iter().map(|(_, n)| n.parse::<Decimal>().unwrap()).sum(),
    }
}

/// Names that exercise JSON escapes and non-ASCII text.
fn name_strategy() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::sample::select(vec![
        "张三".to_string(),
        "公安户政窗口".to_string(),
        "李\"四\"".to_string(),
        "王\\五".to_string(),
        "Zoë\t😀".to_string(),
        String::new(),
    ]))
}

/// (name, role, workdays, days_away, facts): ids and windows come later.
type GenStaff = (Option<String>, String, String, Option<String>, Vec<(String, GenValue)>);

fn staff_strategy() -> impl Strategy<Value = GenStaff> {
    let roles: Vec<String> = policy().staff.roles.iter().map(|r| r.id.clone()).collect();
    (
        name_strategy(),
        proptest::sample::select(roles),
        // At least half a day, so that every window's attendance can be averaged.
        (1u32..=130).prop_map(halves),
        proptest::option::of((0u32..=14).prop_map(halves)),
        facts_strategy(&policy().staff),
    )
}

fn quarter_strategy() -> impl Strategy<Value = GenQuarter> {
    let window = (name_strategy(), facts_strategy(&policy().window));
    let windows = proptest::collection::vec((window, proptest::collection::vec(staff_strategy(), 1..=6)), 1..=4);
    let substitution = (any::<Index>(), name_strategy(), facts_strategy(&policy().staff));
    let substitutions = proptest::collection::vec(substitution, 0..=2);
    (1u32..=4, windows, substitutions).prop_map(|(q, windows, substitutions)| {
        let mut quarter = GenQuarter {
            period: format!("2026-Q{q}"),
            windows: Vec::new(),
            staff: Vec::new(),
            substitutions: Vec::new(),
        };
        for (w, ((name, facts), staff)) in windows.into_iter().enumerate() {
            let window_id = format!("W{:02}", w + 1);
            quarter.windows.push(GenRecord {
                id: window_id.clone(),
                name,
                window: None,
                role: None,
                attributes: Vec::new(),
                facts,
            });
            for (name, role, workdays, days_away, facts) in staff {
                let mut attributes = vec![("workdays".to_string(), workdays)];
                attributes.extend(days_away.map(|d| ("days_away".to_string(), d)));
                quarter.staff.push(GenRecord {
                    id: format!("S{:03}", quarter.staff.len() + 1),
                    name,
                    window: Some(window_id.clone()),
                    role: Some(role),
                    attributes,
                    facts,
                });
            }
        }
        for (n, (target, name, facts)) in substitutions.into_iter().enumerate() {
            let target = quarter.staff[target.index(quarter.staff.len())].id.clone();
            quarter.substitutions.push(GenSubstitution { substitute: format!("T{:02}", n + 1), name, target, facts });
        }
        quarter
    })
}

// ------------------------------------------------------------ JSON writing

/// A small xorshift generator: the order of keys and records, from a seed.
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn permute<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// An object from (key, value JSON) pairs; with a shuffle, in a random order.
fn object(mut members: Vec<(String, String)>, shuffle: &mut Option<Shuffle>) -> String {
    if let Some(shuffle) = shuffle {
        shuffle.permute(&mut members);
    }
    let inner: Vec<String> = members.iter().map(|(k, v)| format!("{}: {v}", string(k))).collect();
    format!("{{{}}}", inner.join(", "))
}

fn facts_json(facts: &[(String, GenValue)], shuffle: &mut Option<Shuffle>) -> String {
    let members = facts
        .iter()
        .map(|(name, value)| {
            let json = match value {
                GenValue::Number(n) => n.clone(),
                GenValue::Amounts(a) => format!("[{}]", a.join(", ")),
                GenValue::Levels(levels) => object(levels.clone(), shuffle),
            };
            (name.clone(), json)
        })
        .collect();
    object(members, shuffle)
}

fn record_json(record: &GenRecord, shuffle: &mut Option<Shuffle>) -> String {
    let mut members = vec![("id".to_string(), string(&record.id))];
    if let Some(name) = &record.name {
        members.push(("name".into(), string(name)));
    }
    if let Some(window) = &record.window {
        members.push(("window".into(), string(window)));
    }
    if let Some(role) = &record.role {
        members.push(("role".into(), string(role)));
    }
    members.extend(record.attributes.iter().cloned());
    members.push(("facts".into(), facts_json(&record.facts, shuffle)));
    object(members, shuffle)
}

/// The facts file; `keys` shuffles the members of every object, `records`
/// the records of every list.
fn to_json(quarter: &GenQuarter, keys: Option<u64>, records: Option<u64>) -> String {
    let mut keys = keys.map(|seed| Shuffle(seed | 1));
    let mut order = records.map(|seed| Shuffle(seed | 1));
    let mut windows: Vec<&GenRecord> = quarter.windows.iter().collect();
    let mut staff: Vec<&GenRecord> = quarter.staff.iter().collect();
    let mut substitutions: Vec<&GenSubstitution> = quarter.substitutions.iter().collect();
    if let Some(order) = &mut order {
        order.permute(&mut windows);
        order.permute(&mut staff);
        order.permute(&mut substitutions);
    }
    let list = |items: Vec<String>| format!("[\n    {}\n  ]", items.join(",\n    "));
    let windows = list(windows.iter().map(|r| record_json(r, &mut keys)).collect());
    let staff = list(staff.iter().map(|r| record_json(r, &mut keys)).collect());
    let mut top = vec![
        ("period".to_string(), string(&quarter.period)),
        ("windows".to_string(), windows),
        ("staff".to_string(), staff),
    ];
    if !substitutions.is_empty() {
        let items = substitutions
            .iter()
            .map(|s| {
                let mut members =
                    vec![("substitute".to_string(), string(&s.substitute)), ("for".to_string(), string(&s.target))];
                if let Some(name) = &s.name {
                    members.push(("name".into(), string(name)));
                }
                members.push(("facts".into(), facts_json(&s.facts, &mut keys)));
                object(members, &mut keys)
            })
            .collect();
        top.push(("substitutions".to_string(), list(items)));
    }
    object(top, &mut keys)
}

// ------------------------------------------------------------------ scoring

struct Run {
    quarter: Quarter,
    results: Results,
    json: String,
}

fn run(facts: &str) -> Run {
    let policy = policy();
    let file = SourceFile::new("generated.json", facts);
    let quarter = kaohe::facts::load(&file, policy).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors
            .iter()
            .map(|e| {
                let text = kaohe::diagnostic::Diagnostic::text(e, kaohe::diagnostic::Lang::En);
                format!("{}: {:?}", text.message, text.help)
            })
            .collect();
        panic!("generated facts are rejected:\n{}\n{facts}", messages.join("\n"))
    });
    let results = kaohe::eval::evaluate(policy, &quarter);
    let mut out = Vec::new();
    kaohe::render::write_json(&mut out, policy, &quarter, &results).unwrap();
    Run { quarter, results, json: String::from_utf8(out).unwrap() }
}

fn totals(results: &Results) -> Vec<Decimal> {
    results.staff.iter().chain(&results.windows).map(|s| s.total).collect()
}

/// Add one more of a fact to a record's facts, creating it if absent.
fn add_one(facts: &mut Vec<(String, GenValue)>, name: &str, kind: FactKind, pick: Index) {
    let more = match kind {
        FactKind::Count => GenValue::Number("1".into()),
        FactKind::Days => GenValue::Number("0.5".into()),
        FactKind::Amounts { min, max } => {
            let steps = ((max - min) / HALF).to_usize().unwrap();
            GenValue::Amounts(vec![text(min + Decimal::from(pick.index(steps + 1)) * HALF)])
        }
        FactKind::Levels => {
            let levels = &policy().levels;
            GenValue::Levels(vec![(levels[pick.index(levels.len())].id.clone(), "1".into())])
        }
    };
    let Some((_, value)) = facts.iter_mut().find(|(n, _)| n == name) else {
        facts.push((name.to_string(), more));
        return;
    };
    match (value, more) {
        (GenValue::Number(n), GenValue::Number(m)) => {
            let sum = n.parse::<Decimal>().unwrap() + m.parse::<Decimal>().unwrap();
            *n = text(sum);
        }
        (GenValue::Amounts(a), GenValue::Amounts(m)) => a.extend(m),
        (GenValue::Levels(levels), GenValue::Levels(m)) => {
            let (level, _) = &m[0];
            match levels.iter_mut().find(|(l, _)| l == level) {
                Some((_, n)) => *n = (n.parse::<u32>().unwrap() + 1).to_string(),
                None => levels.push((level.clone(), "1".into())),
            }
        }
        (value, more) => panic!("a fact changed kind: {value:?} and {more:?}"),
    }
}

/// Record lines of the results (`    {"id": …}`) without their separating
/// comma, sorted; and the rest of the document with chosen ids sorted.
fn order_free(json: &str) -> (Vec<String>, serde_json::Value) {
    let mut lines: Vec<String> =
        json.lines().filter(|l| l.starts_with("    {\"id\": ")).map(|l| l.trim_end_matches(',').to_string()).collect();
    lines.sort();
    let mut doc: serde_json::Value = serde_json::from_str(json).unwrap();
    for list in ["staff", "windows"] {
        doc[list] = serde_json::Value::Null;
        if let Some(selections) = doc["selection"][list].as_array_mut() {
            for selection in selections {
                let sort = |ids: Option<&mut serde_json::Value>| {
                    if let Some(ids) = ids.and_then(|ids| ids.as_array_mut()) {
                        ids.sort_by_key(|id| id.as_str().unwrap_or_default().to_string());
                    }
                };
                sort(selection.get_mut("chosen"));
                sort(selection.get_mut("tie_left_out").and_then(|tie| tie.get_mut("ids")));
            }
        }
    }
    (lines, doc)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/properties.txt"))),
        ..ProptestConfig::default()
    }
}

// --------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(128))]

    /// Adding a deduction fact (category or penalty) never raises any total
    /// of any record, adding a bonus fact never lowers one, and a fact that
    /// no rule scores changes none.
    #[test]
    fn more_of_a_fact_moves_totals_one_way(
        quarter in quarter_strategy(),
        staff_side in any::<bool>(),
        record in any::<Index>(),
        fact in any::<Index>(),
        pick in any::<Index>(),
    ) {
        let policy = policy();
        let subject = if staff_side { &policy.staff } else { &policy.window };
        let f = fact.index(subject.facts.len());
        let (name, kind) = (subject.facts[f].name.id.clone(), subject.facts[f].kind);
        let mut more = quarter.clone();
        let records = if staff_side { &mut more.staff } else { &mut more.windows };
        let r = record.index(records.len());
        add_one(&mut records[r].facts, &name, kind, pick);
        // One more of a fact counted among another is one more of that too.
        let f = match subject.facts[f].among {
            Some(t) => {
                add_one(&mut records[r].facts, &subject.facts[t.index()].name.id.clone(), subject.facts[t.index()].kind, pick);
                t.index()
            }
            None => f,
        };
        let changed = records[r].id.clone();

        let before = totals(&run(&to_json(&quarter, None, None)).results);
        let after = totals(&run(&to_json(&more, None, None)).results);
        let ids: Vec<&str> = quarter.staff.iter().chain(&quarter.windows).map(|r| r.id.as_str()).collect();
        let effect = effect(subject, f);
        for ((id, b), a) in ids.iter().zip(&before).zip(&after) {
            match effect {
                Effect::Deduction => prop_assert!(a <= b, "one more `{name}` on {changed} raised {id}: {b} → {a}"),
                Effect::Bonus => prop_assert!(a >= b, "one more `{name}` on {changed} lowered {id}: {b} → {a}"),
                Effect::Neutral => prop_assert_eq!(a, b, "one more `{}` on {} moved {}", name, changed, id),
            }
        }
    }

    /// Every category stays within [0, its points]; the trace adds up to
    /// the total, and to each category, the penalties and the bonus.
    #[test]
    fn categories_are_bounded_and_traces_add_up(quarter in quarter_strategy()) {
        let policy = policy();
        let run = run(&to_json(&quarter, None, None));
        let records = run.quarter.staff.iter().zip(&run.results.staff).map(|(r, s)| (&policy.staff, r, s));
        let records = records.chain(run.quarter.windows.iter().zip(&run.results.windows).map(|(r, s)| (&policy.window, r, s)));
        for (subject, record, scored) in records {
            let id = &record.id;
            prop_assert_eq!(scored.categories.len(), subject.categories.len());
            let mut sum = Decimal::ZERO;
            for (c, (category, score)) in subject.categories.iter().zip(&scored.categories).enumerate() {
                let points = category.points;
                prop_assert!(*score >= Decimal::ZERO && *score <= points,
                    "{id}: category {} is {score}, outside [0, {points}]", category.name.id);
                let moved: Decimal = scored.trace.iter()
                    .filter(|e| kaohe::render::entry_part(subject, e) == Part::Category(c))
                    .map(|e| e.points)
                    .sum();
                prop_assert_eq!(*score, points + moved, "{}: category {} ≠ its points + its trace", id, category.name.id);
                sum += points;
            }
            let part_sum = |part: Part| -> Decimal {
                scored.trace.iter().filter(|e| kaohe::render::entry_part(subject, e) == part).map(|e| e.points).sum()
            };
            prop_assert_eq!(scored.penalties, part_sum(Part::Penalties), "{}: penalties ≠ their trace", id);
            prop_assert_eq!(scored.bonus, part_sum(Part::Bonus), "{}: bonus ≠ its trace", id);
            let traced: Decimal = scored.trace.iter().map(|e| e.points).sum();
            prop_assert_eq!(scored.total, sum + traced, "{}: total ≠ Σ category points + Σ trace points", id);
        }
    }

    /// Neither the order of the records in each list nor the order of the
    /// keys in any object changes a result: the same records come out with
    /// the same scores, grades, ranks and selections.
    #[test]
    fn order_of_records_and_keys_does_not_matter(
        quarter in quarter_strategy(),
        keys in any::<u64>(),
        records in any::<u64>(),
    ) {
        let plain = run(&to_json(&quarter, None, None)).json;
        // Keys alone: the output is the same, byte for byte.
        let shuffled_keys = run(&to_json(&quarter, Some(keys), None)).json;
        prop_assert_eq!(&plain, &shuffled_keys, "the order of keys changed the results");
        // Records too: the same record lines, in another order.
        let reordered = run(&to_json(&quarter, Some(keys), Some(records))).json;
        prop_assert_eq!(order_free(&plain), order_free(&reordered), "the order of records changed the results");
    }

    /// The same input gives byte-identical output.
    #[test]
    fn same_input_same_output(quarter in quarter_strategy()) {
        let facts = to_json(&quarter, None, None);
        let first = run(&facts);
        let second = run(&facts);
        prop_assert_eq!(&first.json, &second.json);
        // And scoring the same records again, without reading them again.
        let again = kaohe::eval::evaluate(policy(), &first.quarter);
        let mut out = Vec::new();
        kaohe::render::write_json(&mut out, policy(), &first.quarter, &again).unwrap();
        prop_assert_eq!(first.json.as_bytes(), out.as_slice());
    }

    /// Graded on totals alone, each record scored again as it is written
    /// (`eval --format json`), the document is the one written from every
    /// record's held results.
    #[test]
    fn standings_write_the_results_bytes(quarter in quarter_strategy()) {
        let first = run(&to_json(&quarter, None, None));
        let standings = kaohe::eval::standings(policy(), &first.quarter);
        let mut out = Vec::new();
        kaohe::render::write_json_standings(&mut out, policy(), &first.quarter, &standings).unwrap();
        prop_assert_eq!(first.json.as_bytes(), out.as_slice());
    }
}

/// The generator itself: its quarters load, use every kind of fact, and
/// every fact of the policy is classified.
#[test]
fn generator_covers_the_vocabulary() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let policy = policy();
    let mut runner = TestRunner::deterministic();
    let strategy = quarter_strategy();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..64 {
        let quarter = strategy.new_tree(&mut runner).unwrap().current();
        let _ = run(&to_json(&quarter, Some(7), Some(11)));
        for record in quarter.staff.iter().chain(&quarter.windows) {
            seen.extend(record.facts.iter().map(|(name, _)| name.clone()));
        }
    }
    for fact in policy.staff.facts.iter().chain(&policy.window.facts) {
        assert!(seen.contains(&fact.name.id), "no generated quarter has `{}`", fact.name.id);
    }
    let effects: Vec<Effect> = (0..policy.staff.facts.len()).map(|f| effect(&policy.staff, f)).collect();
    assert!(effects.contains(&Effect::Deduction) && effects.contains(&Effect::Bonus));
    assert!(effects.contains(&Effect::Neutral), "prohibited_serious scores no points");
}
