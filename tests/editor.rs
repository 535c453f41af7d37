//! The editor grammar (`editors/vscode/syntaxes/kaohe.tmLanguage.json`)
//! against the language's own grammar (`grammar/kaohe.pest`).
//!
//! TextMate grammars run on Oniguruma; this one keeps to patterns the Rust
//! `regex` crate also compiles, so it can be run here: every line of every
//! shipped `.rules` file is tokenized the way TextMate does it (at each
//! point, the pattern whose match starts first wins; on a tie, the earlier
//! pattern), and the tokens are held against the pest parse of the same
//! file: each keyword, comment, cite and label it finds must be one token
//! of the right scope. The keyword lists of the two grammars must agree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pest::Parser;
use regex::Regex;
use serde_json::Value;

/// The language's grammar, compiled here independently of the crate's parser.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/kaohe.pest"]
struct Kaohe;

const GRAMMAR: &str = "editors/vscode/syntaxes/kaohe.tmLanguage.json";

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|err| panic!("{path} is not JSON: {err}"))
}

/// The grammar's top-level patterns, compiled: (scope, regex).
fn patterns() -> Vec<(String, Regex)> {
    let grammar = json(GRAMMAR);
    let patterns = grammar["patterns"].as_array().expect("`patterns` is a list");
    assert!(!patterns.is_empty());
    patterns
        .iter()
        .map(|p| {
            let name = p["name"].as_str().unwrap_or_else(|| panic!("pattern without a `name`: {p}"));
            let source = p["match"].as_str().unwrap_or_else(|| panic!("`{name}` is not a `match` pattern"));
            let regex = Regex::new(source).unwrap_or_else(|err| panic!("`{name}`: {source} does not compile: {err}"));
            assert!(!regex.is_match(""), "`{name}` matches the empty string");
            (name.to_string(), regex)
        })
        .collect()
}

/// One token: byte range within its line, and its scope.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    scope: String,
}

/// TextMate's scan of one line with match-only patterns.
fn tokenize(patterns: &[(String, Regex)], line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < line.len() {
        // `min_by_key` keeps the first of equal keys: the earlier pattern wins a tie.
        let best = patterns
            .iter()
            .filter_map(|(scope, regex)| regex.find_at(line, at).map(|m| (m.start(), m.end(), scope)))
            .min_by_key(|(start, _, _)| *start);
        let Some((start, end, scope)) = best else { break };
        tokens.push(Token { start, end, scope: scope.clone() });
        at = end;
    }
    tokens
}

/// Every `.rules` file under `policies/`.
fn shipped_rules() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rules") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&common::root().join("policies"), &mut files);
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    files
}

/// What the pest parse says is where: byte ranges in the file.
#[derive(Default)]
struct Expected {
    keywords: Vec<(usize, usize)>,
    comments: Vec<(usize, usize)>,
    cites: Vec<(usize, usize)>,
    strings: Vec<(usize, usize)>,
    /// Names (and the subject names `staff`, `window`): any scope but a keyword's, or none.
    names: Vec<(usize, usize)>,
    subject_names: Vec<(usize, usize)>,
}

fn expected(path: &Path, text: &str) -> Expected {
    let pairs = Kaohe::parse(Rule::file, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let mut found = Expected::default();
    for pair in pairs.flatten() {
        let span = (pair.as_span().start(), pair.as_span().end());
        let rule = format!("{:?}", pair.as_rule());
        match rule.as_str() {
            "COMMENT" => found.comments.push(span),
            "cite" => found.cites.push(span),
            "string" => found.strings.push(span),
            "ident" => found.names.push(span),
            "subject_name" => found.subject_names.push(span),
            kw if kw.starts_with("kw_") => found.keywords.push(span),
            _ => {}
        }
    }
    found
}

/// Every token of a file, with its byte range in the file.
fn file_tokens(patterns: &[(String, Regex)], text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        for t in tokenize(patterns, content) {
            tokens.push(Token { start: offset + t.start, end: offset + t.end, scope: t.scope });
        }
        offset += line.len();
    }
    tokens
}

fn line_col(text: &str, at: usize) -> String {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{col}")
}

#[test]
fn every_pattern_compiles_and_the_grammar_is_declared() {
    let grammar = json(GRAMMAR);
    assert_eq!(grammar["scopeName"], "source.kaohe");
    assert_eq!(grammar["fileTypes"], serde_json::json!(["rules"]));
    assert!(patterns().len() >= 10);

    let package = json("editors/vscode/package.json");
    let language = &package["contributes"]["languages"][0];
    assert_eq!(language["id"], "kaohe");
    assert_eq!(language["extensions"], serde_json::json!([".rules"]));
    let grammar_entry = &package["contributes"]["grammars"][0];
    assert_eq!(grammar_entry["scopeName"], "source.kaohe");
    assert_eq!(grammar_entry["language"], "kaohe");
    let path = grammar_entry["path"].as_str().unwrap();
    assert!(common::root().join("editors/vscode").join(path).is_file(), "{path}");
    let configuration = language["configuration"].as_str().unwrap();
    assert!(common::root().join("editors/vscode").join(configuration).is_file(), "{configuration}");

    let configuration = json("editors/vscode/language-configuration.json");
    assert_eq!(configuration["comments"]["lineComment"], "#");
    let brackets = configuration["brackets"].as_array().unwrap();
    for pair in [["{", "}"], ["[", "]"], ["(", ")"]] {
        assert!(brackets.contains(&serde_json::json!(pair)), "{pair:?}");
    }
}

/// The keywords of `grammar/kaohe.pest`: the words of its `keyword` rule,
/// which must also be exactly the words of its `kw_*` rules.
fn pest_keywords() -> BTreeSet<String> {
    let grammar = read("grammar/kaohe.pest");
    let start = grammar.find("\nkeyword = @{").expect("the grammar has a `keyword` rule");
    let end = start + grammar[start..].find("\n}").expect("the `keyword` rule ends");
    let words = Regex::new(r#""([a-z_]+)""#).unwrap();
    let keyword_rule: BTreeSet<String> = words.captures_iter(&grammar[start..end]).map(|c| c[1].to_string()).collect();
    let kw_rule = Regex::new(r#"(?m)^kw_([a-z_]+)\s*=\s*@\{\s*"([a-z_]+)""#).unwrap();
    let kw_rules: BTreeSet<String> = kw_rule
        .captures_iter(&grammar)
        .map(|c| {
            assert_eq!(&c[1], &c[2], "kw_{} matches \"{}\"", &c[1], &c[2]);
            c[2].to_string()
        })
        .collect();
    assert_eq!(keyword_rule, kw_rules, "the `keyword` rule and the `kw_*` rules of grammar/kaohe.pest disagree");
    assert!(keyword_rule.len() > 40, "{keyword_rule:?}");
    keyword_rule
}

/// The words of the editor grammar's keyword patterns (`\b(?:a|b|c)\b`).
fn editor_keywords() -> BTreeSet<String> {
    let alternation = Regex::new(r"^\\b\(\?:([a-z_|]+)\)\\b$").unwrap();
    let mut words = BTreeSet::new();
    for (scope, regex) in patterns() {
        if let Some(c) = alternation.captures(regex.as_str()) {
            assert!(scope.starts_with("keyword."), "`{scope}` lists words but is not a keyword scope");
            for word in c[1].split('|') {
                assert!(words.insert(word.to_string()), "`{word}` is listed twice");
            }
        }
    }
    words
}

#[test]
fn the_keywords_are_the_languages_keywords() {
    let pest = pest_keywords();
    let editor = editor_keywords();
    let missing: Vec<&String> = pest.difference(&editor).collect();
    let extra: Vec<&String> = editor.difference(&pest).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{GRAMMAR} and grammar/kaohe.pest disagree on the keywords: missing from the editor grammar {missing:?}, \
         not keywords of the language {extra:?}"
    );
}

#[test]
fn shipped_policies_are_highlighted_as_the_parser_reads_them() {
    let patterns = patterns();
    let mut keywords_seen = BTreeSet::new();
    let mut counts = [0usize; 4];
    for path in shipped_rules() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(common::root()).unwrap_or(&path).display().to_string();
        let want = expected(&path, &text);
        let tokens = file_tokens(&patterns, &text);
        let token_at = |span: (usize, usize)| tokens.iter().find(|t| t.start == span.0 && t.end == span.1);
        let check = |what: &str, spans: &[(usize, usize)], scoped: &dyn Fn(&str) -> bool| {
            for &span in spans {
                let found = token_at(span);
                assert!(
                    found.is_some_and(|t| scoped(&t.scope)),
                    "{name}:{}: {what} `{}` is not one token of a {what} scope (tokens there: {:?})",
                    line_col(&text, span.0),
                    &text[span.0..span.1],
                    tokens.iter().filter(|t| t.end > span.0 && t.start < span.1).collect::<Vec<_>>()
                );
            }
        };
        check("keyword", &want.keywords, &|s| s.starts_with("keyword."));
        check("comment", &want.comments, &|s| s.starts_with("comment."));
        check("cite", &want.cites, &|s| s.contains(".cite."));
        check("string", &want.strings, &|s| s.starts_with("string.quoted."));
        for &(start, end) in &want.keywords {
            keywords_seen.insert(text[start..end].to_string());
        }
        counts[0] += want.keywords.len();
        counts[1] += want.comments.len();
        counts[2] += want.cites.len();
        counts[3] += want.strings.len();

        let within = |spans: &[(usize, usize)], at: usize| spans.iter().any(|&(s, e)| s <= at && at < e);
        for token in &tokens {
            // A word scoped as a keyword is one the parser read as a keyword
            // (or a subject's name: `subject staff`).
            if token.scope.starts_with("keyword.") && text[token.start..token.end].chars().all(char::is_alphabetic) {
                let span = (token.start, token.end);
                assert!(
                    want.keywords.contains(&span) || want.subject_names.contains(&span),
                    "{name}:{}: `{}` is scoped {} but the parser reads no keyword there",
                    line_col(&text, token.start),
                    &text[token.start..token.end],
                    token.scope
                );
            }
            // A name is never (part of) a keyword, a number or anything else but a name.
            if within(&want.names, token.start) && !token.scope.starts_with("variable.") {
                panic!(
                    "{name}:{}: the name at `{}` is scoped {}",
                    line_col(&text, token.start),
                    &text[token.start..token.end],
                    token.scope
                );
            }
        }

        // Nothing but whitespace is left untokenized, except within names and subject names.
        let mut covered = vec![false; text.len()];
        for token in &tokens {
            covered[token.start..token.end].iter_mut().for_each(|c| *c = true);
        }
        for (at, ch) in text.char_indices() {
            if !ch.is_whitespace() && !covered[at] && !within(&want.names, at) && !within(&want.subject_names, at) {
                panic!("{name}:{}: `{ch}` is not tokenized", line_col(&text, at));
            }
        }
    }
    // The shipped policy exercises the grammar: most keywords, and many of each token.
    assert!(keywords_seen.len() >= 40, "{keywords_seen:?}");
    assert!(counts.iter().all(|&n| n >= 20), "{counts:?}");
}

/// The scanner itself, on lines with the tricky cases.
#[test]
fn tokenizer_cases() {
    let patterns = patterns();
    let scopes = |line: &str| -> Vec<(String, String)> {
        tokenize(&patterns, line)
            .into_iter()
            .map(|t| (line[t.start..t.end].to_string(), t.scope.split('.').take(2).collect::<Vec<_>>().join(".")))
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    };
    assert_eq!(
        scopes(r#"inquiry_failures deduct 1 each [附件1/服务规范/1] "每次扣1分" # in window"#),
        pairs(&[
            ("inquiry_failures", "variable.other"),
            ("deduct", "keyword.other"),
            ("1", "constant.numeric"),
            ("each", "keyword.other"),
            ("[附件1/服务规范/1]", "entity.name"),
            ("\"每次扣1分\"", "string.quoted"),
            ("# in window", "comment.line"),
        ])
    );
    assert_eq!(
        scopes("rude_conduct \"态度\\\"冷漠\" amounts 5-10"),
        pairs(&[
            ("rude_conduct", "variable.other"),
            ("\"态度\\\"冷漠\"", "string.quoted"),
            ("amounts", "keyword.other"),
            ("5", "constant.numeric"),
            ("-", "punctuation.separator"),
            ("10", "constant.numeric"),
        ])
    );
    assert_eq!(
        scopes("policy \"x\" effective 2026-01-01"),
        pairs(&[
            ("policy", "keyword.declaration"),
            ("\"x\"", "string.quoted"),
            ("effective", "keyword.declaration"),
            ("2026-01-01", "constant.numeric"),
        ])
    );
    assert_eq!(
        scopes("not excellent when (role chief_rep or 迟到早退 + x >= 5), at most 15%"),
        pairs(&[
            ("not", "keyword.operator"),
            ("excellent", "variable.other"),
            ("when", "keyword.other"),
            ("(", "punctuation.section"),
            ("role", "keyword.other"),
            ("chief_rep", "variable.other"),
            ("or", "keyword.operator"),
            ("迟到早退", "variable.other"),
            ("+", "keyword.operator"),
            ("x", "variable.other"),
            (">=", "keyword.operator"),
            ("5", "constant.numeric"),
            (")", "punctuation.section"),
            (",", "punctuation.separator"),
            ("at", "keyword.other"),
            ("most", "keyword.other"),
            ("15%", "constant.numeric"),
        ])
    );
    // A keyword inside a name is no keyword: `levels_x`, `in_window`, `每天in`.
    assert_eq!(
        scopes("levels_x in_window 每天in"),
        pairs(&[("levels_x", "variable.other"), ("in_window", "variable.other"), ("每天in", "variable.other")])
    );
}
