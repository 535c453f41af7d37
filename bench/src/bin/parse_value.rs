//! The floor under every scorer: parse the facts file into a
//! `serde_json::Value` and do nothing else.
//!
//! ```text
//! parse_value FACTS.json
//! ```
//!
//! This package builds serde_json with `arbitrary_precision` (the engines need
//! exact numbers), so a non-integer number is kept as its text, as an exact
//! reader must. It prints the number of staff and windows, so the parse cannot
//! be optimised away.

fn main() {
    let text = bench::read_facts_arg("parse_value");
    let value: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| bench::fail("parse_value", &format!("the facts were rejected: {e}")));
    let count = |key: &str| value.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len);
    println!("{} staff, {} windows", count("staff"), count("windows"));
    std::process::exit(0);
}
