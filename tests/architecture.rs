//! The pipeline order of ARCHITECTURE.md, held by a scan of `src/`: each
//! stage uses only the stages before it (`use crate::X`, or a path
//! `crate::X::…`), never one after it.
//!
//! To add a stage (`records/`, say), put it in [`ORDER`] where the data
//! flows, and in ARCHITECTURE.md's code map.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The stages, first to last. `suggest` ("did you mean") and `source` use
/// nothing; the command line (`src/cli/`, `src/main.rs`) may use them all.
const ORDER: &[&str] = &[
    "source", "suggest", "json", "syntax", "policy", "check", "facts", "records", "eval", "render", "output", "app",
    "cli",
];

/// Uses against the order that are known and not yet moved, each with its
/// reason. The test fails when one of them is fixed too, so that the list
/// shrinks with the code.
const KNOWN: &[(&str, &str)] = &[];

fn stage_of(path: &Path) -> Option<&'static str> {
    let relative = path.strip_prefix(common::root().join("src")).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    let name = if name == "main" { "cli" } else { name };
    ORDER.iter().copied().find(|stage| *stage == name)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every stage named after `crate::` in the text (comments and doc comments
/// left out: a link in prose is no dependency).
fn used_stages(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    used
}

#[test]
fn no_stage_uses_one_after_it() {
    let mut files = Vec::new();
    rust_files(&common::root().join("src"), &mut files);
    files.sort();
    let mut found = BTreeSet::new();
    for file in &files {
        let Some(stage) = stage_of(file) else { continue };
        let position = ORDER.iter().position(|s| *s == stage).unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        for used in used_stages(&text) {
            let Some(used_position) = ORDER.iter().position(|s| *s == used) else { continue };
            if used_position > position {
                let shown = file.strip_prefix(common::root()).unwrap().display().to_string();
                found.insert((shown, used));
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN.iter().map(|(f, u)| (f.to_string(), u.to_string())).collect();
    let new: Vec<_> = found.difference(&known).collect();
    assert!(new.is_empty(), "these files use a stage after their own (the order is {ORDER:?}): {new:?}");
    let fixed: Vec<_> = known.difference(&found).collect();
    assert!(fixed.is_empty(), "fixed, so take them off KNOWN: {fixed:?}");
}

/// Every module `lib.rs` declares has its place in the order.
#[test]
fn every_module_has_its_place() {
    let lib = std::fs::read_to_string(common::root().join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(name) = line.strip_prefix("pub mod ").and_then(|l| l.strip_suffix(';')) {
            assert!(ORDER.contains(&name), "`{name}` is not in ORDER: place it in the pipeline");
        }
    }
}

#[test]
fn the_scan_sees_what_it_should() {
    let used =
        used_stages("use crate::policy::{Policy};\n// crate::app in a comment\nlet x = crate::eval::evaluate(p, q);");
    assert_eq!(used, BTreeSet::from(["eval".to_string(), "policy".to_string()]));
    assert_eq!(stage_of(&common::root().join("src/app/diff.rs")), Some("app"));
    assert_eq!(stage_of(&common::root().join("src/suggest.rs")), Some("suggest"));
    assert_eq!(stage_of(&common::root().join("src/main.rs")), Some("cli"));
}
