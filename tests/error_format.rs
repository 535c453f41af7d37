//! `--error-format json`: stderr is one JSON object a line, each a
//! diagnostic (or a note of the run) with `severity`, `code`, `message`,
//! `label`, `file`, `line`, `column` and `help`, as a script reads it. Every
//! line is parsed with serde_json, and each place is checked against the
//! file it names.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use serde_json::Value;

const KEYS: [&str; 8] = ["severity", "code", "message", "label", "file", "line", "column", "help"];

/// Every line of stderr, parsed; each has exactly the documented keys.
fn lines(stderr: &str) -> Vec<Value> {
    assert!(stderr.ends_with('\n') || stderr.is_empty(), "{stderr}");
    stderr
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}"));
            let object = value.as_object().unwrap_or_else(|| panic!("not an object: {line}"));
            let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut expected = KEYS.to_vec();
            expected.sort_unstable();
            assert_eq!(keys, expected, "{line}");
            value
        })
        .collect()
}

/// The text at 1-based `line` and `column` (in chars) of `file`.
fn at(file: &str, line: u64, column: u64) -> String {
    let text = std::fs::read_to_string(common::root().join(file)).unwrap();
    let line = text.lines().nth(line as usize - 1).unwrap_or_else(|| panic!("{file} has no line {line}"));
    line.chars().skip(column as usize - 1).collect()
}

#[test]
fn facts_errors_are_json_lines_with_their_places() {
    let file = "tests/cases/facts/many_errors.json";
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", file, "--error-format", "json"]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let found = lines(&run.stderr);
    // Every error, and no count line: the same seven the human form shows.
    assert_eq!(found.len(), 7, "{}", run.stderr);
    let places: Vec<(u64, u64)> =
        found.iter().map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())).collect();
    assert_eq!(places, [(9, 11), (10, 11), (13, 9), (26, 28), (27, 28), (29, 11), (42, 23)]);
    for d in &found {
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], file);
        assert!(d["code"].as_str().unwrap().starts_with("kaohe::facts::"), "{d}");
        assert!(d["label"].is_string(), "{d}");
    }
    // Each points at the value it is about.
    assert!(at(file, 9, 11).starts_with("1,"));
    assert!(at(file, 13, 9).starts_with("\"unknown\""));
    assert!(at(file, 26, 28).starts_with("1.5"));
    // Chinese by default; the help is there when there is one, else null.
    assert_eq!(found[2]["message"], "windows[0] `W01`：未知事实 `unknown`");
    assert_eq!(found[2]["help"], "可用的事实名称见政策中 `window`（窗口）的 `facts`");
    assert_eq!(found[4]["help"], Value::Null);
}

#[test]
fn english_on_request() {
    let file = "tests/cases/facts/unknown_fact.json";
    let run = common::kaohe_en(&["eval", "--policy", "policies/luoshan", "--facts", file, "--error-format", "json"]);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["message"], "staff[1] `S002`: unknown fact `late_early_awya`");
    assert_eq!(found[0]["help"], "did you mean `late_early_away` (迟到、早退、离岗（缺岗）)?");
    assert_eq!(found[0]["code"], "kaohe::facts::unknown_fact");
    let (line, column) = (found[0]["line"].as_u64().unwrap(), found[0]["column"].as_u64().unwrap());
    assert!(at(file, line, column).starts_with("\"late_early_awya\""));
}

#[test]
fn policy_errors_and_warnings_point_into_the_rules_file() {
    let dir = common::scratch("error-format-policy");
    common::copy_policy(&dir);
    common::apply(&common::root().join("tests/cases/policy/errors_in_two_files.case"), &dir);
    let policy = dir.display().to_string();
    let run = common::kaohe(&["check", "--policy", &policy, "--error-format", "json"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 2, "{}", run.stderr);
    for d in &found {
        let file = d["file"].as_str().unwrap();
        assert!(file.starts_with(&policy) && file.ends_with(".rules"), "{d}");
        let rest = at(
            file.strip_prefix(&format!("{}/", common::root().display())).unwrap_or(file),
            d["line"].as_u64().unwrap(),
            d["column"].as_u64().unwrap(),
        );
        assert!(!rest.starts_with(char::is_whitespace), "{d}: {rest}");
    }
    assert!(found[0]["message"].as_str().unwrap().contains("`banner`"), "{}", found[0]);

    // A warning says so, with its lint's code; the summary stays on stdout.
    let dir = common::scratch("error-format-lint");
    common::copy_policy(&dir);
    common::apply(&common::root().join("tests/cases/lints/duplicate_rule.case"), &dir);
    let run = common::kaohe(&["check", "--policy", &dir.display().to_string(), "--error-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["code"], "kaohe::lint::duplicate_rule");
    assert!(run.stdout.contains(": ok — "), "{}", run.stdout);
}

#[test]
fn a_file_that_cannot_be_read_names_it_without_a_place() {
    let run = common::kaohe_en(&["eval", "--policy", "no/such/policy", "--facts", "x.json", "--error-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0]["file"], "no/such/policy");
    assert_eq!(found[0]["line"], Value::Null);
    assert_eq!(found[0]["column"], Value::Null);
    assert!(found[0]["message"].as_str().unwrap().starts_with("cannot read `no/such/policy`"));
}

/// A run that succeeds writes its notes as JSON lines too, so that a script
/// can read all of stderr.
#[test]
fn notes_are_json_lines_too() {
    let run = common::kaohe(&[
        "eval",
        "--policy",
        "policies/luoshan",
        "--facts",
        "examples/2026-Q3.json",
        "--error-format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    assert_eq!(found[0]["severity"], "note");
    assert!(found[0]["message"].as_str().unwrap().contains("40 名工作人员、12 个窗口"), "{}", found[0]);
}

/// A diagnostic about one side of `kaohe diff` says which, in its message.
#[test]
fn a_side_of_a_diff_is_in_the_message() {
    let args = ["diff", "--from", "policies/luoshan", "--to", "no/such/policy", "--facts", "examples/2026-Q3.json"];
    let mut args = args.to_vec();
    args.extend(["--error-format", "json"]);
    let run = common::kaohe_en(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.starts_with("the new policy (--to no/such/policy): cannot read `no/such/policy`"), "{message}");
    assert_eq!(found[0]["file"], "no/such/policy");
    let run = common::kaohe(&args);
    let message = lines(&run.stderr)[0]["message"].as_str().unwrap().to_string();
    assert!(message.starts_with("新政策（--to no/such/policy）：无法读取 `no/such/policy`"), "{message}");
}

/// Without `--lang`, an English locale reads English and any other (`C`
/// included) Chinese; `--lang` wins over the locale.
#[test]
fn the_locale_picks_the_language_unless_lang_is_given() {
    let run = |env: &[(&str, &str)], extra: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kaohe"));
        command.args(["eval", "--policy", "no/such/policy", "--facts", "x.json", "--color=never"]).args(extra);
        command.env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.current_dir(common::root()).output().unwrap();
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    assert!(run(&[("LANG", "en_US.UTF-8")], &[]).contains("cannot read `no/such/policy`"));
    assert!(run(&[("LANG", "C")], &[]).contains("无法读取 `no/such/policy`"));
    assert!(run(&[], &[]).contains("无法读取 `no/such/policy`"));
    assert!(run(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")], &[]).contains("cannot read"));
    assert!(run(&[("LANG", "en_US.UTF-8")], &["--lang", "zh"]).contains("无法读取"));
    assert!(run(&[("LANG", "C")], &["--lang=en"]).contains("cannot read"));
}

/// A record table's errors: `file` the table, `line` its row, `column` the
/// cell's (A is 1), and the cell there holds what the message quotes.
#[test]
fn a_table_cell_is_its_row_and_column() {
    let dir = common::scratch("error-format-records");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("roster.csv"), "工号,姓名,窗口编号,角色\nS1,张三,W1,首席代表\n").unwrap();
    std::fs::write(dir.join("windows.csv"), "窗口编号,窗口名称\nW1,公安户政窗口\n").unwrap();
    std::fs::write(dir.join("punches.csv"), "工号,打卡时间\nS1,2026-07-01 08:50\nS1,9点07\n").unwrap();
    let records = dir.display().to_string();
    let args = ["gather", "--policy", "policies/luoshan", "--records", &records, "--period", "2026-Q3"];
    let run = common::kaohe(&[&args[..], &["--error-format", "json"]].concat());
    assert_eq!(run.code, 4, "{}", run.stderr);
    let found = lines(&run.stderr);
    assert_eq!(found.len(), 1, "{}", run.stderr);
    let d = &found[0];
    assert_eq!((d["code"].as_str(), d["file"].as_str()), (Some("kaohe::records::cell"), Some("punches.csv")));
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(2)));
    let text = std::fs::read_to_string(dir.join("punches.csv")).unwrap();
    let cell = text.lines().nth(2).and_then(|row| row.split(',').nth(1)).unwrap();
    assert!(d["message"].as_str().unwrap().contains(&format!("`{cell}`")), "{d}");
}

/// The human header `[file:line:column]` and the JSON object give the same
/// place: the column counts characters in both, so a label after Chinese on
/// its line (`"name": "公安户政窗口", … }`) is not put 12 columns further
/// right for each Chinese character's three bytes.
#[test]
fn the_human_header_and_json_agree_on_the_column() {
    let facts = "tests/cases/facts/malformed_json.json";
    let args = ["eval", "--policy", "policies/luoshan", "--facts", facts];
    let human = common::kaohe(&args);
    let json = common::kaohe(&[&args[..], &["--error-format", "json"]].concat());
    let first = &lines(&json.stderr)[0];
    let (line, column) = (first["line"].as_u64().unwrap(), first["column"].as_u64().unwrap());
    assert!(at(facts, line, 1).contains('公'), "the line has Chinese before the label");
    assert!(human.stderr.contains(&format!("[{facts}:{line}:{column}]")), "{line}:{column}\n{}", human.stderr);
}
