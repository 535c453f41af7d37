//! A file given as facts that is something else kaohe knows: a table saved
//! as CSV, a policy file, kaohe's own results. Such a file is told what
//! `--facts` expects, rather than given JSON syntax advice or an error for
//! every record.

use super::error::{Command, FileKind};
use crate::json::{JsonType, Outline};
use crate::source::Span;

/// What a file that is not JSON is instead, by its name or its first
/// lines, and the line that shows it.
pub fn not_json(name: &str, text: &str) -> Option<(FileKind, Span)> {
    let lower = name.to_ascii_lowercase();
    if let Some(line) = policy_line(text) {
        return Some((FileKind::Policy, line));
    }
    if lower.ends_with(".rules") {
        return Some((FileKind::Policy, first_line(text)));
    }
    if lower.ends_with(".csv") || lower.ends_with(".tsv") || looks_like_csv(text) {
        return Some((FileKind::Csv, first_line(text)));
    }
    None
}

/// The lines of `text`, each with its span.
fn lines(text: &str) -> impl Iterator<Item = (&str, Span)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        (line, Span::new(start, start + line.len()))
    })
}

/// The first line with something on it.
fn first_line(text: &str) -> Span {
    lines(text).find(|(line, _)| !line.trim().is_empty()).map_or(Span::new(0, 0), |(_, span)| span)
}

/// Whether a JSON file (its top level) is what kaohe itself writes:
/// results name their policy (`eval`, `annual`), a comparison its two
/// sides (`diff`). Facts never have these keys.
pub fn results(root: &Outline<'_>) -> Option<FileKind> {
    if root.root != JsonType::Object {
        return None;
    }
    if root.get("from").is_some() && root.get("to").is_some() {
        return Some(FileKind::Results(Command::Diff));
    }
    root.get("policy")?;
    Some(FileKind::Results(if root.get("year").is_some() { Command::Annual } else { Command::Eval }))
}

/// A line of a policy: a declaration kaohe's grammar starts with.
fn policy_line(text: &str) -> Option<Span> {
    lines(text).take(200).find_map(|(line, span)| {
        let trimmed = line.trim_start();
        let is_policy =
            trimmed.starts_with("policy \"") || trimmed.starts_with("subject ") || trimmed.starts_with("levels {");
        is_policy.then(|| Span::new(span.end() - trimmed.len(), span.end()))
    })
}

/// Two or more lines with the same number (one or more) of commas or tabs,
/// the first not starting like JSON.
fn looks_like_csv(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(5);
    let Some(first) = lines.next() else { return false };
    if first.trim_start().starts_with(['{', '[']) {
        return false;
    }
    let separators = |line: &str| line.chars().filter(|c| matches!(c, ',' | '\t' | '，')).count();
    let n = separators(first);
    n > 0 && lines.next().is_some_and(|second| separators(second) == n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn tables_and_policies_are_recognised() {
        let kind = |name, text| not_json(name, text).map(|(kind, _)| kind);
        assert_eq!(kind("q3.json", "编号,姓名,迟到\nS001,张三,1\n"), Some(FileKind::Csv));
        assert_eq!(kind("q3.txt", "id\tname\nS001\t张三\n"), Some(FileKind::Csv));
        assert_eq!(kind("q3.csv", "anything"), Some(FileKind::Csv));
        assert_eq!(kind("staff.rules", "# only a comment"), Some(FileKind::Policy));
        // Broken JSON stays broken JSON.
        assert_eq!(kind("q3.json", "{\"period\": \"2026-Q3\",\n\"staff\": [1, 2,]}"), None);
        assert_eq!(kind("q3.json", "a, b\n"), None);
        // The line that shows it.
        let text = "# 附件1\r\n  subject staff \"人员\" total 100 {\n";
        let (found, span) = not_json("x", text).unwrap_or((FileKind::Csv, Span::new(0, 0)));
        assert_eq!((found, &text[span.start()..span.end()]), (FileKind::Policy, "subject staff \"人员\" total 100 {"));
        let text = "\n编号,姓名\r\nS1,张三\n";
        let span = not_json("t.csv", text).map_or(Span::new(0, 0), |(_, span)| span);
        assert_eq!(&text[span.start()..span.end()], "编号,姓名");
    }

    #[test]
    fn kaohe_results_are_recognised() {
        let parse = |text| crate::json::outline(text).ok();
        let of = |text| parse(text).and_then(|root| results(&root));
        assert_eq!(of(r#"{"period": "2026-Q3", "policy": "p", "staff": []}"#), Some(FileKind::Results(Command::Eval)));
        assert_eq!(of(r#"{"year": 2026, "policy": "p"}"#), Some(FileKind::Results(Command::Annual)));
        assert_eq!(of(r#"{"period": "2026-Q3", "from": {}, "to": {}}"#), Some(FileKind::Results(Command::Diff)));
        assert_eq!(of(r#"{"period": "2026-Q3", "windows": [], "staff": []}"#), None);
    }
}
