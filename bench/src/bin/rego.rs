//! The Luoshan rubric in Rego (`rego/luoshan.rego`), run by regorus in its
//! fastest mode: the policy compiled once to RVM bytecode, one RVM per entry
//! point, and one `execute` per record.
//!
//! ```text
//! rego FACTS.json > RESULTS.json
//! REGO_MODE=interpreter rego FACTS.json > RESULTS.json
//! ```
//!
//! `REGO_MODE=interpreter` uses regorus' tree-walking interpreter instead
//! (`Engine::set_input` and `Engine::eval_rule` per record), for comparison.
//!
//! The facts file is parsed into regorus' own `Value` (the way regorus takes
//! JSON). The host does only what is not per record: it sums the red/yellow
//! cards of each window's staff before the staff are scored (a chief_rep loses
//! 100 per card in the window), hands each window the attendance scores
//! (hundredths) and workdays of its staff, and chooses 优秀 and 红旗 by quota
//! (`bench::choose`). Everything else, including the weighted average and
//! its rounding, is in the Rego.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use bench::{band_named, fail, read_facts_arg, write_results, Scored};
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use regorus::{Engine, Value};
use rust_decimal::Decimal;

const PROGRAM: &str = "rego";
const POLICY: &str = include_str!("../../rego/luoshan.rego");

fn engine() -> Engine {
    let mut engine = Engine::new();
    engine.set_rego_v0(false);
    engine
        .add_policy("luoshan.rego".to_string(), POLICY.to_string())
        .unwrap_or_else(|e| fail(PROGRAM, &format!("the policy was rejected: {e}")));
    engine
}

fn compile(entry_point: &str) -> Arc<Program> {
    let mut engine = engine();
    let compiled = engine
        .compile_with_entrypoint(&entry_point.into())
        .unwrap_or_else(|e| fail(PROGRAM, &format!("cannot compile {entry_point}: {e}")));
    Compiler::compile_from_policy(&compiled, &[entry_point])
        .unwrap_or_else(|e| fail(PROGRAM, &format!("cannot compile {entry_point} to RVM: {e}")))
}

/// Evaluates one entry point for one input.
enum Evaluator {
    Rvm(RegoVM),
    Interpreter(Engine, String),
}

impl Evaluator {
    fn new(entry_point: &str, interpreter: bool) -> Evaluator {
        if interpreter {
            Evaluator::Interpreter(engine(), entry_point.to_string())
        } else {
            let mut vm = RegoVM::new();
            vm.load_program(compile(entry_point));
            vm.set_max_instructions(usize::MAX);
            Evaluator::Rvm(vm)
        }
    }

    fn eval(&mut self, input: Value) -> anyhow::Result<Value> {
        match self {
            Evaluator::Rvm(vm) => {
                vm.set_input(input);
                vm.execute().map_err(|e| anyhow::anyhow!("{e}"))
            }
            Evaluator::Interpreter(engine, rule) => {
                engine.set_input(input);
                engine.eval_rule(rule.clone())
            }
        }
    }
}

fn object(entries: Vec<(&str, Value)>) -> Value {
    Value::from(entries.into_iter().map(|(k, v)| (Value::from(k), v)).collect::<BTreeMap<Value, Value>>())
}

/// The fields every entry point returns.
struct Result_ {
    total: Decimal,
    band: &'static str,
    eligible: bool,
}

fn read_result(v: &Value, what: &dyn Fn() -> String) -> Result_ {
    let total = v["total"]
        .as_i64()
        .unwrap_or_else(|_| fail(PROGRAM, &format!("{}: total is not whole hundredths: {}", what(), v["total"])));
    let band = v["band"]
        .as_string()
        .ok()
        .and_then(|b| band_named(b))
        .unwrap_or_else(|| fail(PROGRAM, &format!("{}: no band: {v}", what())));
    let eligible =
        *v["eligible"].as_bool().unwrap_or_else(|_| fail(PROGRAM, &format!("{}: no eligibility: {v}", what())));
    Result_ { total: Decimal::new(total, 2), band, eligible }
}

fn main() {
    let text = read_facts_arg(PROGRAM);
    let facts = Value::from_json_str(&text).unwrap_or_else(|e| fail(PROGRAM, &format!("the facts were rejected: {e}")));
    drop(text);
    let period = facts["period"].as_string().map(|p| p.to_string()).unwrap_or_default();
    let windows = facts["windows"].as_array().unwrap_or_else(|_| fail(PROGRAM, "no `windows` list"));
    let staff = facts["staff"].as_array().unwrap_or_else(|_| fail(PROGRAM, "no `staff` list"));
    if facts["substitutions"].as_array().is_ok_and(|s| !s.is_empty()) {
        fail(PROGRAM, "substitutions (第十四条) are not implemented by this scorer");
    }

    let interpreter = match std::env::var("REGO_MODE").as_deref() {
        Err(_) | Ok("rvm") => false,
        Ok("interpreter") => true,
        Ok(other) => fail(PROGRAM, &format!("REGO_MODE is `rvm` or `interpreter`, not `{other}`")),
    };
    let mut staff_vm = Evaluator::new("data.luoshan.staff_result", interpreter);
    let mut window_vm = Evaluator::new("data.luoshan.window_result", interpreter);

    // Which window each staff member is in, and the cards of each window.
    let mut window_of: HashMap<&str, usize> = HashMap::with_capacity(windows.len());
    for (i, w) in windows.iter().enumerate() {
        let id = w["id"].as_string().unwrap_or_else(|_| fail(PROGRAM, &format!("windows[{i}]: no id")));
        window_of.insert(id, i);
    }
    let mut staff_window = Vec::with_capacity(staff.len());
    let mut window_cards = vec![0u64; windows.len()];
    for (i, s) in staff.iter().enumerate() {
        let w = s["window"]
            .as_string()
            .ok()
            .and_then(|id| window_of.get(id.as_ref()).copied())
            .unwrap_or_else(|| fail(PROGRAM, &format!("staff[{i}]: no such window: {}", s["window"])));
        staff_window.push(w);
        let cards = &s["facts"]["red_yellow_cards"];
        if *cards != Value::Undefined {
            window_cards[w] +=
                cards.as_f64().unwrap_or_else(|_| fail(PROGRAM, &format!("staff[{i}]: red_yellow_cards: {cards}")))
                    as u64;
        }
    }

    // Staff, one execution each.
    let mut attendance_of: Vec<Vec<Value>> = vec![Vec::new(); windows.len()];
    let mut scored_staff = Vec::with_capacity(staff.len());
    for (i, s) in staff.iter().enumerate() {
        let w = staff_window[i];
        let input = object(vec![("staff", s.clone()), ("window_cards", Value::from(window_cards[w]))]);
        let v = staff_vm.eval(input).unwrap_or_else(|e| fail(PROGRAM, &format!("staff[{i}]: {e}")));
        let r = read_result(&v, &|| format!("staff[{i}]"));
        attendance_of[w].push(Value::from(vec![v["attendance"].clone(), s["workdays"].clone()]));
        let id = s["id"].as_string().map(|id| id.to_string()).unwrap_or_default();
        scored_staff.push(Scored { id, total: r.total, band: r.band, eligible: r.eligible });
    }

    // Windows, one execution each.
    let mut scored_windows = Vec::with_capacity(windows.len());
    for (i, (w, attendance)) in windows.iter().zip(attendance_of).enumerate() {
        let input = object(vec![
            ("window", w.clone()),
            ("staff", Value::from(attendance)),
            ("staff_cards", Value::from(window_cards[i])),
        ]);
        let v = window_vm.eval(input).unwrap_or_else(|e| fail(PROGRAM, &format!("windows[{i}]: {e}")));
        if v["total"] == Value::Undefined {
            fail(PROGRAM, &format!("windows[{i}]: its staff have no workdays"));
        }
        let r = read_result(&v, &|| format!("windows[{i}]"));
        let id = w["id"].as_string().map(|id| id.to_string()).unwrap_or_default();
        scored_windows.push(Scored { id, total: r.total, band: r.band, eligible: r.eligible });
    }

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if let Err(e) = write_results(&mut out, &period, &scored_staff, &scored_windows).and_then(|()| out.flush()) {
        eprintln!("{PROGRAM}: cannot write the results: {e}");
        std::process::exit(1);
    }
    std::process::exit(0);
}
