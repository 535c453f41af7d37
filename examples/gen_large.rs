//! Writes the large inputs of the benchmark lines in bench/README.md
//! ("Large policies and records"): a policy with many rules, and a quarter
//! whose one staff record has many facts.
//!
//! ```text
//! cargo run --release --example gen_large -- policy --rules 40000 --out /tmp/big-policy
//! kaohe check --policy /tmp/big-policy
//! cargo run --release --example gen_large -- record --fields 100000 > /tmp/wide.json
//! kaohe eval --policy /tmp/big-policy --facts /tmp/wide.json --format json > /dev/null
//! ```
//!
//! `policy` copies the shipped policy's 2026 version (its `.rules` files,
//! not its tests) and the source document into `--out`, and adds N facts
//! (`extra_1` … `extra_N`, counts) to the staff subject, with a penalty rule
//! for each (`deduct 0.5 each`, citing 附件1/政务服务/4): a policy that
//! checks as the shipped one does, N rules and N facts larger. `record`
//! writes a quarter of one window and one staff member whose `facts` hold
//! `extra_1` … `extra_N`, each 1: against that policy every field is known
//! and scored; against the shipped policy every one is unknown.

// A developer's tool, not kaohe: it may print directly.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: gen_large policy --rules <n> --out <dir>
       gen_large record --fields <n>

policy   writes the shipped policy with <n> more facts and penalty rules into <dir>
record   writes to stdout a quarter whose one staff record has <n> facts";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
    let number = |flag: &str| value(flag).and_then(|v| v.parse::<usize>().ok());
    let done = match (args.first().map(String::as_str), number("--rules"), number("--fields"), value("--out")) {
        (Some("policy"), Some(rules), None, Some(out)) => policy(rules, Path::new(out)),
        (Some("record"), None, Some(fields), None) => record(fields),
        _ => Err(format!("wrong arguments\n\n{USAGE}")),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_large: {message}");
            ExitCode::from(2)
        }
    }
}

fn policy(rules: usize, out: &Path) -> Result<(), String> {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/luoshan");
    let version = out.join("2026");
    let source = out.join("source");
    for dir in [&version, &source] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    let copy = |from: PathBuf, to: PathBuf| {
        std::fs::copy(&from, &to).map(drop).map_err(|e| format!("cannot copy {}: {e}", from.display()))
    };
    copy(shipped.join("source/luoshan-assessment-method.txt"), source.join("luoshan-assessment-method.txt"))?;
    let files = std::fs::read_dir(shipped.join("2026")).map_err(|e| e.to_string())?;
    for entry in files {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name() else { continue };
        // staff.rules is written below, grown; the tests folder is not copied.
        if path.extension().is_none_or(|e| e != "rules") || name == "staff.rules" {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        // The readings file is the repository's, wherever the copy is.
        let readings = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/readings.md");
        let text = text.replace("\"../../../docs/readings.md\"", &format!("{:?}", readings.display().to_string()));
        std::fs::write(version.join(name), text).map_err(|e| e.to_string())?;
    }
    let staff = std::fs::read_to_string(shipped.join("2026/staff.rules")).map_err(|e| e.to_string())?;
    let mut facts = String::new();
    let mut penalties = String::new();
    for i in 1..=rules {
        let _ = writeln!(facts, "        extra_{i} \"附加事项{i}\" count");
        let _ = writeln!(penalties, "        extra_{i} deduct 0.5 each [附件1/政务服务/4]");
    }
    let staff = insert_after(&staff, "    facts {\n", &facts)?;
    let staff = insert_after(&staff, "    penalties \"扣分（不设下限）\" {\n", &penalties)?;
    std::fs::write(version.join("staff.rules"), staff).map_err(|e| e.to_string())?;
    eprintln!("gen_large: {} with {rules} more facts and rules", out.display());
    Ok(())
}

fn insert_after(text: &str, line: &str, added: &str) -> Result<String, String> {
    let at = text.find(line).ok_or_else(|| format!("staff.rules has no line {line:?}"))? + line.len();
    Ok(format!("{}{added}{}", &text[..at], &text[at..]))
}

fn record(fields: usize) -> Result<(), String> {
    let mut out = String::with_capacity(fields * 16 + 512);
    out.push_str("{\n  \"period\": \"2026-Q3\",\n");
    out.push_str("  \"windows\": [{ \"id\": \"W01\", \"name\": \"综合受理窗口\", \"facts\": {} }],\n");
    out.push_str(
        "  \"staff\": [{\n    \"id\": \"S1\", \"name\": \"王建国\", \"window\": \"W01\", \"role\": \"operator\",\n",
    );
    out.push_str("    \"workdays\": 62, \"days_away\": 0,\n    \"facts\": {");
    for i in 1..=fields {
        let _ = write!(out, "{}\n      \"extra_{i}\": 1", if i == 1 { "" } else { "," });
    }
    out.push_str("\n    }\n  }]\n}\n");
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(|e| format!("cannot write: {e}"))
}
