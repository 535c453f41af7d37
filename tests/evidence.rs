//! Evidence through the pipeline (docs/io.md): a facts file whose records
//! carry `evidence` beside `facts` is scored exactly as the same facts
//! without it; the JSON trace carries each rule's evidence; and `explain`
//! prints every item under the rule, veto or flag it moved. The ledgers are
//! golden snapshots: review a changed one line by line before accepting.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

const FACTS: &str = "tests/cases/evidence/2026-Q3.json";

/// An operator's own rules; a chief representative charged for a card in
/// the window (the evidence is on the operator's record) and vetoed by
/// days_away (an attribute's evidence); a level table and a fact that moved
/// nothing; a substitute's share; a window's own rules and its veto on the
/// staff's cards.
#[test]
fn explain_prints_evidence_under_the_rules() {
    for id in ["S001", "S002", "S003", "S004", "W01"] {
        let run = common::kaohe(&["explain", "--policy", "policies/luoshan", "--facts", FACTS, "--id", id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        insta::assert_snapshot!(format!("explain_evidence_{id}"), run.stdout);
    }
}

#[test]
fn json_trace_carries_evidence() {
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", FACTS, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    insta::assert_snapshot!("eval_evidence_json", run.stdout);
    // The chief representative's `in window` card says whose record it is on.
    let chief = &json["staff"][0];
    let card = chief["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rule"] == "penalties.red_yellow_cards.in_window.to_chief_rep")
        .unwrap();
    assert_eq!(card["evidence"][0]["id"], "S002");
    assert_eq!(card["evidence"][0]["source"], "办件!L16");
}

/// Evidence never moves a score: the results without the `evidence` keys
/// of the trace are the results of the same facts without evidence.
#[test]
fn evidence_does_not_change_scores() {
    let text = std::fs::read_to_string(common::root().join(FACTS)).unwrap();
    let mut facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut bare_records = 0;
    for list in ["windows", "staff", "substitutions"] {
        for record in facts[list].as_array_mut().unwrap() {
            bare_records += usize::from(record.as_object_mut().unwrap().remove("evidence").is_some());
        }
    }
    assert_eq!(bare_records, 6, "the records of the case with evidence");
    let dir = common::scratch("evidence_does_not_change_scores");
    let bare = dir.join("bare.json");
    std::fs::write(&bare, serde_json::to_string_pretty(&facts).unwrap()).unwrap();

    let eval = |path: &str| {
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", path, "--format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
    };
    let mut with = eval(FACTS);
    let without = eval(bare.to_str().unwrap());
    let mut removed = 0;
    for list in ["staff", "windows"] {
        for record in with[list].as_array_mut().unwrap() {
            for entry in record["trace"].as_array_mut().unwrap() {
                removed += usize::from(entry.as_object_mut().unwrap().remove("evidence").is_some());
            }
        }
    }
    assert!(removed >= 10, "the trace carried evidence on {removed} entries");
    assert_eq!(with, without);
}
