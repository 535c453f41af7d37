//! The documentation, held to the code, so that it cannot drift:
//!
//! - docs/io.md's result examples are kaohe's real output on the shipped
//!   examples: each block after a `<!-- generated: … -->` line is made
//!   again and compared. To regenerate them after a deliberate change of
//!   the output: `KAOHE_UPDATE_DOCS=1 cargo test --test docs`, then read
//!   the diff of docs/io.md before committing it.
//! - io.md's facts example is a facts file the shipped policy accepts.
//! - The exit statuses of `--help`, the README and io.md agree.
//! - The README lists every subcommand, and its commands run.
//! - Every ```` ```rules ```` block of the README and docs/language.md is the
//!   shipped policy's own text (a line with `…` elides; the rest must be
//!   lines of `policies/luoshan/2026/*.rules`, spacing and comments aside).
//! - The README's `explain` excerpt is a part of a real ledger.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{kaohe, root};

const POLICY: &str = "policies/luoshan";

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The fenced blocks of a Markdown text: (info string, body, line of the fence).
fn blocks(text: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed.starts_with("```") => open = Some((trimmed[3..].trim().to_string(), String::new(), n + 1)),
            Some(_) if trimmed.starts_with("```") => out.push(open.take().unwrap()),
            Some((_, body, _)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// docs/io.md: generated examples
// ---------------------------------------------------------------------------

/// What a `<!-- generated: KIND ID… -->` line stands for: the JSON of
/// `kaohe eval` on examples/2026-Q3.json (`eval`), of `kaohe annual` on
/// examples/2026-annual/ (`annual`), or of `kaohe diff` of a made-up older
/// version and the shipped one on examples/2026-Q3.json (`diff`), with only the records named
/// (an elided list is marked `…`) and each record laid out to be read.
fn generate(directive: &str) -> String {
    let mut words = directive.split_whitespace();
    let kind = words.next().unwrap();
    let ids: Vec<&str> = words.collect();
    let annual: Vec<String> = (1..=4).map(|q| format!("examples/2026-annual/2026-Q{q}.json")).collect();
    // The shipped policy has one version; the diff example compares it with
    // a made-up older one, shown in the docs as `policies/old`.
    let made_up = (kind == "diff").then(|| {
        let dir = common::made_up_versions(&common::scratch("docs-diff-versions"));
        let dir = dir.strip_prefix(&format!("{}/", root().display())).unwrap_or(&dir).to_string();
        format!("{dir}/2025")
    });
    let args: Vec<&str> = match kind {
        "eval" => vec!["eval", "--policy", POLICY, "--facts", "examples/2026-Q3.json", "--format", "json"],
        "annual" => {
            let mut args = vec!["annual", "--policy", POLICY, "--facts"];
            args.extend(annual.iter().map(String::as_str));
            args.extend(["--format", "json"]);
            args
        }
        "diff" => vec![
            "diff",
            "--from",
            made_up.as_deref().unwrap_or_default(),
            "--to",
            "policies/luoshan/2026",
            "--facts",
            "examples/2026-Q3.json",
            "--format",
            "json",
        ],
        other => panic!("unknown generated block `{other}`"),
    };
    let mut run = kaohe(&args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    if let Some(old) = &made_up {
        run.stdout = run.stdout.replace(old.as_str(), "policies/old");
    }
    let mut out = String::new();
    let mut elided = false;
    for line in run.stdout.lines() {
        let record = line.trim_start().strip_prefix("{\"id\": \"").map(|rest| rest.split('"').next().unwrap_or(""));
        match record {
            Some(id) if ids.contains(&id) => {
                if elided {
                    out.push_str("    …\n");
                    elided = false;
                }
                out.push_str(&lay_out(line));
                out.push('\n');
            }
            Some(_) => elided = true,
            None => {
                if elided {
                    out.push_str("    …\n");
                    elided = false;
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// One record line laid out for a page: its members packed into lines of
/// at most 100 characters, and each element of a list of objects (the
/// trace, vetoes, flags) on a line of its own. Only whitespace changes.
fn lay_out(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let body = line.trim();
    let (body, comma) = match body.strip_suffix(',') {
        Some(b) => (b, ","),
        None => (body, ""),
    };
    let inner = &body[1..body.len() - 1];
    let pad = " ".repeat(indent + 1);
    let mut lines: Vec<String> = vec![format!("{}{{", " ".repeat(indent))];
    for member in split_top(inner) {
        let (key, value) = member.split_once(": ").unwrap();
        let pieces = if value.starts_with("[{") { split_top(&value[1..value.len() - 1]) } else { Vec::new() };
        if pieces.len() > 1 {
            let last = lines.last_mut().unwrap();
            let joined = format!("{key}: [");
            if last.trim() == "{" {
                last.push_str(&joined);
            } else {
                lines.push(format!("{pad}{joined}"));
            }
            let n = pieces.len();
            for (i, piece) in pieces.into_iter().enumerate() {
                lines.push(format!("{pad}  {piece}{}", if i + 1 == n { "]" } else { "," }));
            }
            lines.last_mut().unwrap().push(',');
            continue;
        }
        let last = lines.last_mut().unwrap();
        let first = last.trim() == "{";
        if !first && last.chars().count() + 1 + member.chars().count() <= 100 && !last.ends_with("}],") {
            last.push(' ');
            last.push_str(member);
            last.push(',');
        } else if first {
            last.push_str(member);
            last.push(',');
        } else {
            lines.push(format!("{pad}{member},"));
        }
    }
    let mut text = lines.join("\n");
    text.pop(); // the last member's comma
    text.push('}');
    text.push_str(comma);
    text
}

/// The members of a JSON object's (or elements of a list's) inside, split at
/// its top-level commas.
fn split_top(inner: &str) -> Vec<&str> {
    let (mut depth, mut in_string, mut escaped, mut start) = (0i32, false, false, 0);
    let mut out = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' | '[' if !in_string => depth += 1,
            '}' | ']' if !in_string => depth -= 1,
            ',' if !in_string && depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(inner[start..].trim());
    out
}

/// The text of `doc` with each generated block made again; how many there are.
fn regenerate(doc: &str) -> (String, String, usize) {
    let text = read(doc);
    let mut out = String::new();
    let mut lines = text.lines();
    let mut generated = 0;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(directive) = line.strip_prefix("<!-- generated: ").and_then(|l| l.strip_suffix(" -->")) else {
            continue;
        };
        generated += 1;
        let fence = lines.next().unwrap_or_else(|| panic!("{doc}: `{line}` is not followed by a ```json block"));
        assert_eq!(fence, "```json", "{doc}: after `{line}`");
        out.push_str("```json\n");
        for body in lines.by_ref() {
            if body == "```" {
                break;
            }
        }
        out.push_str(&generate(directive));
        out.push_str("```\n");
    }
    (text, out, generated)
}

#[test]
fn generated_examples_are_kaohe_s_own_output() {
    let mut stale = String::new();
    for (doc, at_least) in [("docs/io.md", 2), ("docs/language.md", 1)] {
        let (text, out, generated) = regenerate(doc);
        assert!(generated >= at_least, "{doc} should have {at_least} generated examples, not {generated}");
        if std::env::var_os("KAOHE_UPDATE_DOCS").is_some() {
            std::fs::write(root().join(doc), &out).unwrap();
        } else if out != text {
            stale.push_str(
                &similar::TextDiff::from_lines(&text, &out).unified_diff().header(doc, "generated").to_string(),
            );
        }
    }
    assert!(
        stale.is_empty(),
        "the docs' examples are not what kaohe prints; if the change is meant, run\n\n    KAOHE_UPDATE_DOCS=1 cargo test --test docs\n\nand review the diff:\n{stale}"
    );
}

#[test]
fn the_layout_only_changes_whitespace() {
    let line = r#"    {"id": "S1", "name": "x, y", "trace": [{"rule": "a", "points": -1}, {"rule": "b", "points": 2}], "flags": []},"#;
    let laid = lay_out(line);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squeeze(&laid), squeeze(line));
    assert!(laid.contains("\n       {\"rule\": \"b\""), "{laid}");
}

/// The facts example of io.md is a file the shipped policy scores.
#[test]
fn io_md_facts_example_is_accepted() {
    let io = read("docs/io.md");
    let (_, facts, _) =
        blocks(&io).into_iter().find(|(info, body, _)| info == "json" && body.contains("\"period\"")).unwrap();
    let dir = common::scratch("docs-io-facts");
    let path = dir.join("facts.json");
    std::fs::write(&path, facts).unwrap();
    let run = kaohe(&["eval", "--policy", POLICY, "--facts", &path.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// Exit statuses and subcommands
// ---------------------------------------------------------------------------

#[test]
fn exit_statuses_agree_everywhere() {
    let help = kaohe(&["--help"]).stdout;
    let io = read("docs/io.md");
    let readme = read("README.md");
    let paragraph = readme.split("\nExit status: ").nth(1).unwrap().split("\n\n").next().unwrap().replace('\n', " ");
    for status in 0..=5 {
        assert!(help.contains(&format!("\n  {status}  ")), "--help lacks {status}");
        assert!(io.contains(&format!("| {status} |")), "io.md's exit table lacks {status}");
        // "Exit status: 0 success …, 1 a file …, 2 usage …"
        let listed =
            if status == 0 { paragraph.starts_with("0 ") } else { paragraph.contains(&format!(", {status} ")) };
        assert!(listed, "README's exit statuses lack {status}: {paragraph}");
    }
}

/// The subcommands `kaohe --help` lists.
fn subcommands() -> Vec<String> {
    let help = common::kaohe_en(&["--help"]).stdout;
    let commands = help.split("Commands:").nth(1).unwrap().split("Options:").next().unwrap();
    commands
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

#[test]
fn the_readme_lists_every_subcommand() {
    let readme = read("README.md");
    let subcommands = subcommands();
    assert!(subcommands.len() >= 10, "{subcommands:?}");
    for name in subcommands {
        assert!(readme.contains(&format!("kaohe {name} ")), "README's CLI list lacks `kaohe {name}`");
    }
}

/// Every `cargo run --release -- …` of the README runs, as the binary.
#[test]
fn the_readme_commands_run() {
    let readme = read("README.md");
    let mut ran = 0;
    for (info, body, line) in blocks(&readme) {
        if info != "sh" {
            continue;
        }
        for command in body.lines() {
            let Some(args) = command.strip_prefix("cargo run --release -- ") else { continue };
            let args: Vec<&str> = args.split_whitespace().take_while(|a| !a.starts_with('>') && *a != "|").collect();
            let run = kaohe(&args);
            assert_eq!(run.code, 0, "README line {line}: `{command}`: {}", run.stderr);
            ran += 1;
        }
    }
    assert!(ran >= 3, "the README should show how to run eval, explain and annual");
}

// ---------------------------------------------------------------------------
// Policy excerpts
// ---------------------------------------------------------------------------

/// A line of policy text, comments and spacing aside.
fn normal(line: &str) -> String {
    let code = match line.find('#') {
        // A `#` inside a label or wording is text, not a comment.
        Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
        _ => line,
    };
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shipped policy as logical lines: a cite or a wording on a line of
/// its own is joined to the rule it belongs to.
fn shipped_lines() -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for name in ["policy", "staff", "window"] {
        for line in read(&format!("policies/luoshan/2026/{name}.rules")).lines() {
            let line = normal(line);
            match lines.last_mut() {
                Some(last) if line.starts_with('[') || line.starts_with('"') => {
                    last.push(' ');
                    last.push_str(&line);
                }
                _ if line.is_empty() => {}
                _ => lines.push(line),
            }
        }
    }
    lines
}

#[test]
fn rules_excerpts_are_the_shipped_policy() {
    let shipped = shipped_lines();
    let mut checked = 0;
    for doc in ["README.md", "docs/language.md"] {
        for (info, body, line) in blocks(&read(doc)) {
            if info != "rules" {
                continue;
            }
            for (n, text) in body.lines().enumerate() {
                let excerpt = normal(text);
                if excerpt.is_empty() || text.contains('…') {
                    continue;
                }
                // The excerpt may leave out what follows (a wording), never change what it shows.
                let found = shipped.iter().any(|l| *l == excerpt || l.starts_with(&format!("{excerpt} ")));
                assert!(found, "{doc}:{}: `{}` is not the shipped policy's text", line + n + 1, text.trim());
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} lines checked");
}

/// The README's ledger excerpt is part of a real `kaohe explain`.
#[test]
fn the_readme_explain_excerpt_is_real() {
    let readme = read("README.md");
    let after = readme.split("`kaohe explain` prints").nth(1).unwrap();
    let (_, excerpt, _) = blocks(after).into_iter().next().unwrap();
    let example: serde_json::Value = serde_json::from_str(&read("examples/2026-Q3.json")).unwrap();
    let found = example["staff"].as_array().unwrap().iter().any(|record| {
        let id = record["id"].as_str().unwrap();
        kaohe(&["explain", "--policy", POLICY, "--facts", "examples/2026-Q3.json", "--id", id])
            .stdout
            .contains(&excerpt)
    });
    assert!(found, "no ledger of examples/2026-Q3.json holds the README's excerpt:\n{excerpt}");
}
