//! The Luoshan rubric as a GoRules ZEN decision graph (`zen/luoshan.json`),
//! run by zen-engine in its fastest mode: the graph loaded and compiled once
//! (`Decision::compile` caches every expression's bytecode and the decision
//! tables), then one `evaluate` per record on a current-thread tokio runtime.
//!
//! ```text
//! zen FACTS.json > RESULTS.json
//! ```
//!
//! The graph switches on `kind`: a staff record goes through the expression
//! node of 附件1 and a decision table of bands, a window through those of
//! 附件2. The facts file is parsed into ZEN's own `Variable` (every number a
//! `rust_decimal::Decimal`, read from its text with `arbitrary_precision`).
//! The host does only what is not per record: it sums the red/yellow cards of
//! each window's staff before the staff are scored, hands each window the
//! attendance scores and workdays of its staff (the weighted average and its
//! rounding are in the graph), and chooses 优秀 and 红旗 by quota
//! (`bench::choose`).

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use bench::{band_named, fail, read_facts_arg, write_results, Scored};
use rust_decimal::Decimal;
use zen_engine::model::GraphContent;
use zen_engine::Decision;
use zen_engine::Variable;

const PROGRAM: &str = "zen";
const GRAPH: &str = include_str!("../../zen/luoshan.json");

fn object(entries: Vec<(&str, Variable)>) -> Variable {
    let obj = Variable::empty_object();
    for (k, v) in entries {
        obj.dot_insert(k, v);
    }
    obj
}

fn field(v: &Variable, key: &str) -> Variable {
    v.dot(key).unwrap_or(Variable::Null)
}

fn read_result(v: &Variable, what: &dyn Fn() -> String) -> (Decimal, &'static str, bool) {
    let total = field(v, "total")
        .as_number()
        .unwrap_or_else(|| fail(PROGRAM, &format!("{}: no total: {}", what(), v.to_value())));
    let band = field(v, "band")
        .as_str()
        .and_then(band_named)
        .unwrap_or_else(|| fail(PROGRAM, &format!("{}: no band: {}", what(), v.to_value())));
    let eligible = field(v, "eligible")
        .as_bool()
        .unwrap_or_else(|| fail(PROGRAM, &format!("{}: no eligibility: {}", what(), v.to_value())));
    (total, band, eligible)
}

fn main() {
    // ZEN_GRAPH=FILE: another graph of the same contract, for experiments.
    let text = match std::env::var_os("ZEN_GRAPH") {
        Some(path) => std::fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(PROGRAM, &format!("cannot read {}: {e}", path.to_string_lossy()))),
        None => GRAPH.to_string(),
    };
    let mut graph: GraphContent =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(PROGRAM, &format!("the graph was rejected: {e}")));
    graph.compile();
    let decision = Decision::from(Arc::new(graph));
    if let Err(e) = decision.validate() {
        fail(PROGRAM, &format!("the graph is not valid: {e}"));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| fail(PROGRAM, &format!("no tokio runtime: {e}")));

    let text = read_facts_arg(PROGRAM);
    let facts: Variable =
        serde_json::from_str(&text).unwrap_or_else(|e| fail(PROGRAM, &format!("the facts were rejected: {e}")));
    drop(text);
    let period = field(&facts, "period").as_str().unwrap_or_default().to_string();
    let windows = field(&facts, "windows").as_array().unwrap_or_else(|| fail(PROGRAM, "no `windows` list"));
    let windows = windows.borrow();
    let staff = field(&facts, "staff").as_array().unwrap_or_else(|| fail(PROGRAM, "no `staff` list"));
    let staff = staff.borrow();
    if field(&facts, "substitutions").as_array().is_some_and(|s| !s.borrow().is_empty()) {
        fail(PROGRAM, "substitutions (第十四条) are not implemented by this scorer");
    }

    // Which window each staff member is in, and the cards of each window.
    let mut window_of: HashMap<String, usize> = HashMap::with_capacity(windows.len());
    for (i, w) in windows.iter().enumerate() {
        let id = field(w, "id")
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| fail(PROGRAM, &format!("windows[{i}]: no id")));
        window_of.insert(id, i);
    }
    let mut staff_window = Vec::with_capacity(staff.len());
    let mut window_cards = vec![Decimal::ZERO; windows.len()];
    for (i, s) in staff.iter().enumerate() {
        let w = field(s, "window")
            .as_str()
            .and_then(|id| window_of.get(id).copied())
            .unwrap_or_else(|| fail(PROGRAM, &format!("staff[{i}]: no such window")));
        staff_window.push(w);
        if let Some(cards) = s.dot("facts.red_yellow_cards").and_then(|c| c.as_number()) {
            window_cards[w] += cards;
        }
    }

    let kind_staff = Variable::String("staff".into());
    let kind_window = Variable::String("window".into());

    // Staff, one evaluation each.
    let mut attendance_of: Vec<Vec<Variable>> = vec![Vec::new(); windows.len()];
    let mut scored_staff = Vec::with_capacity(staff.len());
    for (i, s) in staff.iter().enumerate() {
        let w = staff_window[i];
        let context = object(vec![
            ("kind", kind_staff.clone()),
            ("staff", s.clone()),
            ("window_cards", Variable::Number(window_cards[w])),
        ]);
        let response = runtime
            .block_on(decision.evaluate(context))
            .unwrap_or_else(|e| fail(PROGRAM, &format!("staff[{i}]: {e:?}")));
        let (total, band, eligible) = read_result(&response.result, &|| format!("staff[{i}]"));
        attendance_of[w].push(object(vec![("a", field(&response.result, "attendance")), ("w", field(s, "workdays"))]));
        let id = field(s, "id").as_str().unwrap_or_default().to_string();
        scored_staff.push(Scored { id, total, band, eligible });
    }

    // Windows, one evaluation each.
    let mut scored_windows = Vec::with_capacity(windows.len());
    for (i, (w, attendance)) in windows.iter().zip(attendance_of).enumerate() {
        let context = object(vec![
            ("kind", kind_window.clone()),
            ("window", w.clone()),
            ("staff", Variable::from_array(attendance)),
            ("staff_cards", Variable::Number(window_cards[i])),
        ]);
        let response = runtime
            .block_on(decision.evaluate(context))
            .unwrap_or_else(|e| fail(PROGRAM, &format!("windows[{i}]: {e:?}")));
        let (total, band, eligible) = read_result(&response.result, &|| format!("windows[{i}]"));
        let id = field(w, "id").as_str().unwrap_or_default().to_string();
        scored_windows.push(Scored { id, total, band, eligible });
    }

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if let Err(e) = write_results(&mut out, &period, &scored_staff, &scored_windows).and_then(|()| out.flush()) {
        eprintln!("{PROGRAM}: cannot write the results: {e}");
        std::process::exit(1);
    }
    std::process::exit(0);
}
