//! `kaohe fmt`: the canonical layout, comments kept, idempotence, and —
//! above all — that formatting never changes what a policy means.
//!
//! The layout itself is held by two snapshots (`fmt__layout.snap`,
//! `fmt__comments.snap`): review a changed one as you would a style change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use kaohe::diagnostic::{Diagnostic, Lang};
use kaohe::source::SourceFile;
use kaohe::syntax::format::{comments, format_source};
use kaohe::syntax::FormatError;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn fmt(text: &str) -> String {
    match format_source(&SourceFile::new("test.rules", text)) {
        Ok(formatted) => formatted,
        Err(err) => panic!("{:?}", err.text(Lang::En)),
    }
}

/// The syntax tree of a file, without the spans (which formatting moves).
fn syntax_tree(name: &str, text: &str) -> String {
    let file = kaohe::syntax::parse_file(&SourceFile::new(name, text)).unwrap_or_else(|err| panic!("{:?}", err.error));
    let debug = format!("{:?}", file.items);
    let mut out = String::new();
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        rest = &after[after.find(" }").unwrap() + 2..];
    }
    out.push_str(rest);
    out
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// What every formatted file must be: the same tree, the same comments,
/// a fixed point, and tidy.
fn assert_formats_faithfully(name: &str, text: &str) -> String {
    let formatted = fmt(text);
    assert_eq!(syntax_tree(name, text), syntax_tree(name, &formatted), "{name}: the syntax tree changed");
    assert_eq!(sorted(comments(text).unwrap()), sorted(comments(&formatted).unwrap()), "{name}: the comments changed");
    assert_eq!(fmt(&formatted), formatted, "{name}: formatting twice changes it again");
    assert!(formatted.is_empty() || formatted.ends_with('\n'), "{name}: no final newline");
    assert!(!formatted.ends_with("\n\n"), "{name}: blank line at the end");
    assert!(!formatted.contains("\n\n\n"), "{name}: two blank lines in a row");
    for (i, line) in formatted.lines().enumerate() {
        assert_eq!(line, line.trim_end(), "{name}:{}: trailing whitespace", i + 1);
        assert!(!line.starts_with('\t'), "{name}:{}: a tab", i + 1);
    }
    formatted
}

/// Every `.rules` file beneath `dir`.
fn rules_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            found.extend(rules_files(&path));
        } else if path.extension().is_some_and(|e| e == "rules") {
            found.push(path);
        }
    }
    found
}

fn copy_rules(from: &Path, to: &Path) {
    for file in rules_files(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}

/// The same policy, badly kept: runs of spaces squashed to one, tabs for
/// indentation, trailing spaces, blank lines tripled, CRLF line ends. Line
/// breaks and comments stay as they were. Only code is touched, never a
/// label, a cite or a comment.
fn scramble(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() {
            out.push_str("\r\n\r\n\r\n");
            continue;
        }
        let levels = (line.len() - body.len()) / 4;
        let (mut code, mut comment) = (String::new(), "");
        let (mut in_string, mut in_cite, mut escaped) = (false, false, false);
        for (i, c) in body.char_indices() {
            if !in_string && !in_cite && c == '#' {
                comment = &body[i..];
                break;
            }
            if !in_string && !in_cite && c == ' ' && code.ends_with(' ') {
                continue;
            }
            match c {
                '"' if !in_cite && !escaped => in_string = !in_string,
                '[' if !in_string => in_cite = true,
                ']' if !in_string => in_cite = false,
                _ => {}
            }
            escaped = in_string && c == '\\' && !escaped;
            code.push(c);
        }
        out.push_str(&"\t".repeat(levels));
        out.push_str(code.trim_end());
        if !comment.is_empty() {
            out.push_str(" \u{3000}");
            out.push_str(comment);
        }
        out.push_str("  \r\n");
    }
    out
}

/// Apply a `tests/cases/policy/*.case` file's edits to the policy in `dir`
/// (as `tests/policy_errors.rs` does).
fn apply_case(case: &Path, dir: &Path) {
    let text = std::fs::read_to_string(case).unwrap();
    let (mut file, mut replace) = (None, None::<String>);
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("file: ") {
            file = Some(dir.join(name.trim()));
        } else if let Some(old) = line.strip_prefix("replace: ") {
            replace = Some(old.to_string());
        } else if let Some(new) = line.strip_prefix("with:") {
            let path = file.as_ref().unwrap();
            let old = replace.take().unwrap();
            let body = std::fs::read_to_string(path).unwrap_or_default();
            assert!(body.contains(&old), "{}: `{old}` is not in {}", case.display(), path.display());
            std::fs::write(path, body.replacen(&old, new.strip_prefix(' ').unwrap_or(new), 1)).unwrap();
        } else if let Some(extra) = line.strip_prefix("append: ") {
            let path = file.as_ref().unwrap();
            let mut body = std::fs::read_to_string(path).unwrap_or_default();
            body.push_str(extra);
            body.push('\n');
            std::fs::write(path, body).unwrap();
        }
    }
}

/// Every facts file an example or a test scores.
fn facts_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["examples", "examples/2026-annual", "tests/cases/standing"] {
        let Ok(entries) = std::fs::read_dir(common::root().join(dir)) else { continue };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .map(|p| p.strip_prefix(common::root()).unwrap().display().to_string())
            .collect();
        names.sort();
        files.extend(names);
    }
    assert!(files.len() >= 4, "the examples are missing: {files:?}");
    files
}

fn eval_json(policy: &Path, facts: &str) -> (i32, String) {
    let run = common::kaohe(&["eval", "--policy", &policy.display().to_string(), "--facts", facts, "--format", "json"]);
    (run.code, run.stdout)
}

/// The messages of `kaohe check` (the `×` lines), without where they point.
fn check_messages(policy: &Path) -> (i32, Vec<String>) {
    let run = common::kaohe(&["check", "--policy", &policy.display().to_string()]);
    let messages = run.stderr.lines().filter(|l| l.trim_start().starts_with('×')).map(str::to_string).collect();
    (run.code, messages)
}

/// Format every `.rules` file beneath `dir` in place, through the library.
fn format_tree(dir: &Path) {
    for file in rules_files(dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, fmt(&text)).unwrap();
    }
}

// ---------------------------------------------------------------------------
// The layout
// ---------------------------------------------------------------------------

const MESSY: &str = r#"
policy "测试办法"    effective   2026-01-01
levels { county "县级"   city "市级"
  province  "省级" national "国家级" }


subject staff "窗口工作人员" total 100 {


  roles { chief_rep "首席代表" operator "操作人员" }
  attributes {
     workdays "在岗工作日" days
	days_away "中途缺勤工作日"　days
  }
  facts {
    rude_conduct "态度冷漠、不文明言行" amounts 5 - 10
    tardy "迟到" count
    absent_days "旷工天数" days


    cards "办件出现红黄牌" count
    news "新闻稿件被采纳" levels
    quoted "带\"引号\"的" count
  }
  category attendance "出勤值勤" 25 {
    tardy deduct 0.5 each beyond 6 [ 附件1/出勤值勤/3 ] "中途请假每季度超过6次"
    absent_days   deduct 10 per day [附件1/出勤值勤/1]    "旷工每天扣10分"
    rude_conduct deduct as assessed [附件1/工作纪律/1]
  }
  penalties "扣分" {
    cards deduct 50 each
        [附件1/政务服务/4] "操作人员50分"
    cards in window deduct 100 each to chief_rep [附件1/政务服务/4]
        "首席代表100分"
  }
  bonus "加分" {
    news add by level county 2 , city 3,province 5, national 10 [附件1/加分/6] "新闻稿件"
  }
  grades {
    excellent "优秀" chosen from competent,at most 15%   [第十九条] "不超过15%"
    competent "称职" from 80
    basic "基本称职" from 60 below 80
    unfit "不称职" below 60
  }
  eligibility {
    not excellent when cards>0 [附件1/政务服务/4]
    not excellent when role chief_rep and cards in window > 0 or not(tardy+absent_days>=3) [第十章/四/6] "旷工"
  }
  flags { flagged "标记" when cards >= 2 [x] }
  annual {
    total mean of quarters ,rounded to 2 places [第十二条]
    not assessed when months_in_hall<6
       [第十三条] "进大厅时间少于6个月"
    not excellent when grade unfit in every quarter [第二十二条]
  }
}
subject window "窗口" total 100 {
  facts { dummy "占位" count }
  category attendance "工作考勤" 25 {
    average of staff attendance weighted by workdays,rounded to 2 places
      [附件2/工作考勤/1] "加权平均"
  }
  eligibility { not red_flag when cards of staff > 0 [附件2/政务服务优化/3] }
}"#;

#[test]
fn layout() {
    let formatted = assert_formats_faithfully("messy.rules", MESSY);
    insta::assert_snapshot!("layout", formatted);
}

const COMMENTED: &str = "\
# File header, kept at the top.

# Before the policy line.
policy \"P\" effective 2026-01-01   # after the policy line
levels {   # after an opening brace
    county \"县级\"  # after a level


    # before city, after two blank lines (kept as one)
    city \"市级\"
    # last in the block
}  # after a closing brace
subject staff \"S\" # inside a block's header: moved above it
  total 100 {

    facts {
        a \"A\" count
    }
    category c \"C\" 10 {
        a deduct 1 each  # after a one-line rule
        a deduct as # between two tokens: moved above the rule
          assessed [x/1] \"w\"
        a deduct 2 each   # at the end of a split rule's head
            # between the head and the continuation
            [x/2] \"w\"   # after the continuation
        a deduct 3 each [x/4]
            \"a wording put on its own line stays there\"
    }
    eligibility {
        not excellent when a > 0 # before the cite, with the cite on this line
            and a < 9 [x/3]
    }
}
# At the end of the file.
";

#[test]
fn comments_stay_with_their_items() {
    let formatted = assert_formats_faithfully("commented.rules", COMMENTED);
    assert_eq!(comments(COMMENTED).unwrap(), comments(&formatted).unwrap(), "order changed");
    insta::assert_snapshot!("comments", formatted);
}

#[test]
fn blank_lines_keep_the_authors_groups() {
    let text = "\n\n\npolicy \"P\"\n\n\n\nlevels {\n\n  a \"A\"\n  b \"B\"\n\n\n  c \"C\"\n\n}\n\n\n";
    assert_eq!(fmt(text), "policy \"P\"\n\nlevels {\n    a \"A\"\n    b \"B\"\n\n    c \"C\"\n}\n");
}

#[test]
fn small_and_odd_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("   \n\n"), "");
    assert_eq!(fmt("# only a comment   "), "# only a comment\n");
    assert_eq!(fmt("levels{}"), "levels {}\n");
    // A byte-order mark and CRLF line ends are not kept.
    assert_eq!(fmt("\u{feff}policy \"P\"\r\n\r\nlevels { a \"A\" }"), "policy \"P\"\n\nlevels {\n    a \"A\"\n}\n");
}

/// A column is as wide as its widest cell in the terminal: a Chinese
/// character counts two.
#[test]
fn columns_are_measured_in_terminal_width() {
    let formatted = fmt("levels {\n a \"县级\"\n bbbbbb \"b\"\n}\nsubject staff \"S\" total 1 {\n facts {\n x \"中文标签\" count\n yy \"ab\" days\n }\n}\n");
    assert!(formatted.contains("    a      \"县级\"\n    bbbbbb \"b\"\n"), "{formatted}");
    assert!(formatted.contains("        x  \"中文标签\" count\n        yy \"ab\"       days\n"), "{formatted}");
}

/// However the spacing was kept, the result is the same.
#[test]
fn layout_does_not_depend_on_the_spacing_written() {
    for file in rules_files(&common::root().join("policies")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let scrambled = scramble(&text);
        let name = file.display().to_string();
        assert_eq!(syntax_tree(&name, &text), syntax_tree(&name, &scrambled), "{name}: the scrambler changed meaning");
        assert_eq!(fmt(&scrambled), fmt(&text), "{name}");
    }
    assert_eq!(fmt(&scramble(MESSY)), fmt(MESSY));
}

// ---------------------------------------------------------------------------
// Meaning
// ---------------------------------------------------------------------------

/// Every policy file there is — the shipped versions, each `.case` edit the
/// error tests make of it, the edit `tests/standing.rs` makes — formats to
/// the same syntax tree and the same comments, and is a fixed point. A file
/// that does not parse is refused with the parser's own diagnostic.
#[test]
fn every_policy_file_keeps_its_meaning() {
    let scratch = common::scratch("fmt-every-file");
    let made_up = scratch.join("versions");
    common::made_up_versions(&made_up);
    let mut dirs = vec![common::root().join("policies"), made_up];
    let mut cases: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/cases/policy"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    cases.sort();
    for case in &cases {
        let dir = scratch.join(case.file_stem().unwrap());
        std::fs::create_dir_all(&dir).unwrap();
        common::copy_policy(&dir);
        apply_case(case, &dir);
        dirs.push(dir);
    }
    let edited = scratch.join("edited-quota");
    std::fs::create_dir_all(&edited).unwrap();
    common::copy_policy(&edited);
    let staff = edited.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    std::fs::write(&staff, text.replace("at most 15%", "at most 5%").replace("days_away >= 5", "days_away >= 7"))
        .unwrap();
    dirs.push(edited);

    let (mut formatted, mut refused) = (0, 0);
    for dir in dirs {
        for file in rules_files(&dir) {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(&file).unwrap();
            let source = SourceFile::new(name.clone(), &text);
            match kaohe::syntax::parse_file(&source) {
                Ok(_) => {
                    assert_formats_faithfully(&name, &text);
                    assert_formats_faithfully(&name, &scramble(&text));
                    formatted += 1;
                }
                Err(expected) => {
                    let Err(FormatError::Syntax(got)) = format_source(&source) else {
                        panic!("{name}: does not parse, yet formats");
                    };
                    assert_eq!((&got.error, got.span), (&expected.error, expected.span), "{name}");
                    refused += 1;
                }
            }
        }
    }
    // Five files shipped, ten of two versions, five of each case's copy,
    // five edited; the syntax_* cases and deep_nesting do not parse.
    assert_eq!((formatted, refused), (5 + 10 + 5 * cases.len() + 5 - 4, 4));
}

/// The formatted policy scores every example exactly as the original does,
/// byte for byte; the policies the error cases make are rejected with the
/// same messages.
#[test]
fn formatted_policy_scores_the_same() {
    let scratch = common::scratch("fmt-scores");
    // The shipped policy and a made-up earlier version of it.
    let shipped = scratch.join("versions");
    common::made_up_versions(&shipped);
    let scrambled = scratch.join("scrambled");
    let formatted = scratch.join("formatted");
    copy_rules(&shipped, &scrambled);
    for file in rules_files(&scrambled) {
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, scramble(&text)).unwrap();
    }
    copy_rules(&scrambled, &formatted);
    format_tree(&formatted);
    for file in rules_files(&formatted) {
        let original = shipped.join(file.strip_prefix(&formatted).unwrap());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), std::fs::read_to_string(&original).unwrap());
    }

    for facts in facts_files() {
        let expected = eval_json(&shipped, &facts);
        assert_eq!(expected.0, 0, "{facts}");
        assert_eq!(eval_json(&scrambled, &facts), expected, "{facts}: the scrambled policy");
        assert_eq!(eval_json(&formatted, &facts), expected, "{facts}: the formatted policy");
    }

    // The policy versions one by one, and a checked-but-edited copy.
    for version in ["2025", "2026"] {
        let original = scratch.join(format!("v{version}"));
        copy_rules(&shipped.join(version), &original);
        let formatted = scratch.join(format!("v{version}-formatted"));
        copy_rules(&scrambled.join(version), &formatted);
        format_tree(&formatted);
        for facts in facts_files() {
            assert_eq!(eval_json(&formatted, &facts), eval_json(&original, &facts), "{version} {facts}");
        }
    }

    let cases: Vec<PathBuf> = std::fs::read_dir(common::root().join("tests/cases/policy"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    for case in cases {
        let stem = case.file_stem().unwrap().to_string_lossy().into_owned();
        let original = scratch.join(format!("case-{stem}"));
        std::fs::create_dir_all(&original).unwrap();
        common::copy_policy(&original);
        apply_case(&case, &original);
        let formatted = scratch.join(format!("case-{stem}-formatted"));
        copy_rules(&original, &formatted);
        for file in rules_files(&formatted) {
            let text = std::fs::read_to_string(&file).unwrap();
            if let Ok(pretty) = format_source(&SourceFile::new("f.rules", &text)) {
                std::fs::write(&file, pretty).unwrap();
            }
        }
        let (code, messages) = check_messages(&original);
        assert_eq!(code, 3, "{stem}");
        assert_eq!(check_messages(&formatted), (code, messages), "{stem}");
    }
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

#[test]
fn the_shipped_policy_is_formatted() {
    let run = common::kaohe(&["fmt", "--check", "policies/"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "nothing to show");
    assert_eq!(run.stderr, "kaohe: 0 个文件需要重新格式化，5 个已是规范格式\n");
}

/// A policy directory with versions, untidy: formatted in place, only the
/// files that change, nothing left behind; hidden entries and other files
/// are not touched.
#[test]
fn fmt_rewrites_only_what_changes() {
    let dir = common::scratch("fmt-write");
    let versions = common::scratch("fmt-write-versions");
    common::made_up_versions(&versions);
    copy_rules(&versions, &dir);
    for version in ["2025", "2026"] {
        let staff = dir.join(version).join("staff.rules");
        let text = std::fs::read_to_string(&staff).unwrap();
        std::fs::write(&staff, scramble(&text)).unwrap();
    }
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join(".hidden/broken.rules"), "not a policy").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a policy either").unwrap();
    let untouched = dir.join("2026/window.rules");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options().write(true).open(&untouched).unwrap().set_modified(old).unwrap();

    let run = common::kaohe(&["fmt", &dir.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let d = dir.display();
    assert_eq!(
        run.stderr,
        format!(
            "kaohe: 已格式化 {d}/2025/staff.rules\nkaohe: 已格式化 {d}/2026/staff.rules\nkaohe: 已格式化 2 个文件，8 个已是规范格式\n"
        )
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    for version in ["2025", "2026"] {
        let shipped = std::fs::read_to_string(versions.join(format!("{version}/staff.rules")));
        assert_eq!(std::fs::read_to_string(dir.join(version).join("staff.rules")).unwrap(), shipped.unwrap());
    }
    assert_eq!(std::fs::metadata(&untouched).unwrap().modified().unwrap(), old, "an unchanged file is not rewritten");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("2026"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["calendar.rules", "policy.rules", "records.rules", "staff.rules", "window.rules"],
        "no temporary file left"
    );
    assert_eq!(std::fs::read_to_string(dir.join(".hidden/broken.rules")).unwrap(), "not a policy");

    let again = common::kaohe(&["fmt", &dir.display().to_string()]);
    assert_eq!((again.code, again.stderr.as_str()), (0, "kaohe: 已格式化 0 个文件，10 个已是规范格式\n"));
}

/// `--check` writes nothing, shows a diff that turns the file into its
/// formatted self, and exits 1.
#[test]
fn fmt_check_shows_a_diff_and_writes_nothing() {
    let dir = common::scratch("fmt-check");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let messy = scramble(&std::fs::read_to_string(&staff).unwrap()).replace("\r\n", "\n");
    std::fs::write(&staff, &messy).unwrap();

    let run = common::kaohe(&["fmt", "--check", &dir.display().to_string()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "kaohe: 1 个文件需要重新格式化，4 个已是规范格式\n");
    assert_eq!(std::fs::read_to_string(&staff).unwrap(), messy, "--check wrote the file");
    let name = staff.display().to_string();
    let diff = run.stdout.trim_end();
    assert!(diff.starts_with(&format!("--- {name}\n+++ {name}\n@@ -1,")), "{diff}");
    assert_eq!(apply_diff(&messy, diff), fmt(&messy));
}

/// Apply a unified diff of one file to `old`.
fn apply_diff(old: &str, diff: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let mut new: Vec<String> = Vec::new();
    let mut at = 0;
    for line in diff.lines().skip(2) {
        if let Some(header) = line.strip_prefix("@@ -") {
            let (range, _) = header.split_once(' ').unwrap();
            let (start, len) = range.split_once(',').unwrap();
            let start: usize = start.parse().unwrap();
            let len: usize = len.parse().unwrap();
            let first = if len == 0 { start } else { start - 1 };
            new.extend(old[at..first].iter().map(|s| s.to_string()));
            at = first;
        } else if let Some(text) = line.strip_prefix(' ') {
            assert_eq!(old[at], text);
            new.push(text.to_string());
            at += 1;
        } else if let Some(text) = line.strip_prefix('-') {
            assert_eq!(old[at], text);
            at += 1;
        } else if let Some(text) = line.strip_prefix('+') {
            new.push(text.to_string());
        } else {
            panic!("not a diff line: {line:?}");
        }
    }
    new.extend(old[at..].iter().map(|s| s.to_string()));
    new.iter().map(|l| format!("{l}\n")).collect()
}

/// A file that does not parse: the diagnostic `kaohe check` gives, the
/// file untouched, exit 3; the other files are still formatted.
#[test]
fn fmt_refuses_a_file_that_does_not_parse() {
    let dir = common::scratch("fmt-syntax");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let broken = std::fs::read_to_string(&staff).unwrap().replace("deduct 3 each", "deduct 3");
    std::fs::write(&staff, &broken).unwrap();
    let window = dir.join("window.rules");
    std::fs::write(&window, scramble(&std::fs::read_to_string(&window).unwrap())).unwrap();

    let check = common::kaohe(&["check", "--policy", &dir.display().to_string()]);
    assert_eq!(check.code, 3);
    let run = common::kaohe(&["fmt", &dir.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let (diagnostic, notes) = run.stderr.split_at(check.stderr.len());
    assert_eq!(diagnostic, check.stderr, "the same diagnostic as `kaohe check`");
    assert!(run.stderr.contains("语法错误"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&staff).unwrap(), broken, "the broken file was touched");
    assert_eq!(
        notes,
        format!("kaohe: 已格式化 {}\nkaohe: 已格式化 1 个文件，3 个已是规范格式，1 个有错误\n", window.display())
    );
    assert_eq!(run.stdout, "", "stdout is empty when the run fails");

    // Parentheses past the parser's limit are refused before pest recurses.
    let deep = dir.join("deep.rules");
    let text = format!(
        "subject staff \"S\" total 1 {{ eligibility {{ not excellent when {}a > 1{} [x] }} }}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    std::fs::write(&deep, &text).unwrap();
    let run = common::kaohe(&["fmt", &deep.display().to_string()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("括号嵌套超过"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&deep).unwrap(), text);
}

#[test]
fn fmt_usage() {
    let none = common::kaohe(&["fmt"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
    let missing = common::kaohe(&["fmt", "no/such/dir"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(missing.stderr.contains("无法读取 `no/such/dir`"), "{}", missing.stderr);
    let help = common::kaohe_en(&["fmt", "--help"]);
    assert_eq!(help.code, 0);
    for needle in ["--check", "canonical layout", "Exit status", "does not parse"] {
        assert!(help.stdout.contains(needle), "{needle}: {}", help.stdout);
    }
}
