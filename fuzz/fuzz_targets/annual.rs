//! A year's quarterly facts files, as bytes: the input is cut at each NUL
//! byte (which no JSON text holds) into up to four files, each loaded
//! against the shipped policy (read once) and scored; the quarters that load
//! and are distinct quarters of one year are rolled up, and the year is
//! written as JSON and as the table. Any outcome but a panic, an overflow or
//! a hang is fine; a year that rolls up must render.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use kaohe::eval::annual::{roll_up, ScoredQuarter};
use kaohe::eval::Results;
use kaohe::facts::{Period, Quarter};
use kaohe::render::table::Options;
use kaohe::source::SourceFile;
use kaohe::Policy;
use libfuzzer_sys::fuzz_target;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies/luoshan");
        match kaohe::app::load::load_newest(&dir) {
            Ok(policy) => policy,
            Err(errors) => panic!("the shipped policy is rejected: {errors:?}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let policy = policy();
    let mut scored: Vec<(i32, Quarter, Results)> = Vec::new();
    for (i, part) in data.split(|&b| b == 0).take(4).enumerate() {
        let Ok(file) = SourceFile::decode(format!("q{i}.json"), part.to_vec()) else {
            continue;
        };
        let Ok(quarter) = kaohe::facts::load(&file, policy) else {
            continue;
        };
        let Period::Quarter { year, .. } = quarter.period else {
            continue;
        };
        // As `kaohe annual` requires: quarters of one year, each once.
        let other_year = scored.first().is_some_and(|(y, _, _)| *y != year);
        if other_year || scored.iter().any(|(_, q, _)| q.period == quarter.period) {
            continue;
        }
        let results = kaohe::eval::evaluate(policy, &quarter);
        scored.push((year, quarter, results));
    }
    let Some(&(year, _, _)) = scored.first() else {
        return;
    };
    scored.sort_by_key(|(_, q, _)| q.period);
    let quarters: Vec<ScoredQuarter<'_>> =
        scored.iter().map(|(_, quarter, results)| ScoredQuarter { policy, quarter, results }).collect();
    let results = roll_up(policy, year, &quarters);
    let mut out = Vec::new();
    kaohe::render::write_annual_json(&mut out, policy, &results).expect("writing to a Vec cannot fail");
    assert!(std::str::from_utf8(&out).is_ok());
    out.clear();
    let names = |id: &str| {
        scored.iter().rev().find_map(|(_, q, _)| q.windows.iter().find(|w| w.id == id).map(|w| w.name.clone()))
    };
    kaohe::render::write_annual_table(&mut out, policy, "fuzz", &results, &names, &Options::default())
        .expect("writing to a Vec cannot fail");
    assert!(std::str::from_utf8(&out).is_ok());
});
