//! `kaohe doc`: the printed rubric. Every cell of the annex tables is
//! extracted from the source document here, independently of kaohe, and
//! must appear in the Markdown verbatim and in the document's order; every
//! rule, veto and flag of the policy is in a row with its cite; the
//! Markdown is a snapshot. The HTML is checked for its structure and its
//! print layout (A4 pages, columns wide enough), then printed by headless
//! Chromium to PDF (page sizes, page count, no page without text) and
//! rendered to a screenshot (bordered tables with text in them).
//!
//! The Chromium tests are ignored by a plain `cargo test` (CI runs them with
//! `--include-ignored`); they need
//!
//!     apt-get install -y chromium fonts-noto-cjk fontconfig

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig";

#[test]
fn doc_markdown() {
    let run = common::kaohe(&["doc", "--policy", "policies/luoshan"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// The cells of the annex tables, read from the bureau's export as it is:
/// after the list of annexes, each line `考核内容` starts a table; a line
/// starting with a tab starts a cell, other lines continue it; a category is
/// a cell of one character a line (`工\n作\n纪\n律\n(20分)`); after it, each
/// row is 考核要求, 增减分值, 备注, the later rows behind the empty cells of
/// the merged columns. Returns, per table, (category, 考核要求, 增减分值).
fn document_cells() -> Vec<Vec<(String, String, String)>> {
    let text =
        std::fs::read_to_string(common::root().join("policies/luoshan/source").join(common::SOURCE_DOCUMENT)).unwrap();
    let body = &text[text.find("附件：").unwrap()..];
    let mut cells: Vec<Vec<String>> = Vec::new();
    for line in body.lines() {
        match line.trim_start_matches(' ').strip_prefix('\t') {
            Some(first) => cells.push(vec![first.to_string()]),
            None => {
                if let Some(cell) = cells.last_mut() {
                    cell.push(line.to_string());
                }
            }
        }
    }
    let cells: Vec<String> = cells.iter().map(|c| c.join("\n").trim().to_string()).collect();
    let is_category = |cell: &str| {
        let lines: Vec<&str> = cell.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        lines.len() >= 2 && lines.iter().filter(|l| !l.starts_with('(')).all(|l| l.chars().count() == 1)
    };
    let mut tables: Vec<Vec<(String, String, String)>> = Vec::new();
    let mut category = String::new();
    let mut i = 0;
    while i < cells.len() {
        let cell = &cells[i];
        if cell == "考核内容" {
            tables.push(Vec::new());
        } else if is_category(cell) {
            category = cell.lines().map(str::trim).filter(|l| !l.starts_with('(')).collect();
        } else if !cell.is_empty() && !category.is_empty() && !cell.starts_with("基本考核内容") {
            let scoring = cells.get(i + 1).cloned().unwrap_or_default();
            tables.last_mut().unwrap().push((category.clone(), cell.clone(), scoring));
            // Past the 增减分值; the empty 备注 and merged cells are skipped above.
            i += 2;
            continue;
        }
        if cell == "考核内容" {
            category.clear();
        }
        i += 1;
    }
    tables
}

/// Text as compared: no whitespace (the export breaks lines inside cells),
/// full-width digits as ASCII.
fn normalised(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
            _ => c,
        })
        .collect()
}

/// Every 考核要求 and 增减分值 cell of 附件1 and 附件2 is in the printed
/// rubric as the document words it, in the document's order, each in its
/// table and its row.
#[test]
fn every_annex_cell_is_printed_verbatim_in_order() {
    let tables = document_cells();
    assert_eq!(tables.len(), 2, "two annex tables");
    let rows: Vec<usize> = tables.iter().map(Vec::len).collect();
    assert_eq!(rows, [30, 18], "rows of 附件1 and 附件2");
    let cells: usize =
        tables.iter().flatten().map(|(_, r, s)| usize::from(!r.is_empty()) + usize::from(!s.is_empty())).sum();
    assert_eq!(cells, 94, "the 考核要求 and 增减分值 cells that are not empty");

    let run = common::kaohe(&["doc", "--policy", "policies/luoshan", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = run.stdout;
    let sections: Vec<&str> = md.split("\n## ").collect();
    for (n, table) in tables.iter().enumerate() {
        let annex = format!("附件{}", n + 1);
        let section = sections.iter().find(|s| s.starts_with(&annex)).unwrap_or_else(|| panic!("no section {annex}"));
        // The table's rows as printed: `| 考核内容 | 考核要求 | 增减分值 | 备注 |`.
        let printed: Vec<Vec<String>> = section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| 考核内容") && !l.starts_with("|---"))
            .map(|l| l.trim_matches('|').split(" | ").map(|c| normalised(&c.replace("\\", ""))).collect())
            .collect();
        assert_eq!(printed.len(), table.len(), "{annex}: one printed row per row of the document");
        let mut category_rows = 0;
        for (r, ((category, requirement, scoring), row)) in table.iter().zip(&printed).enumerate() {
            assert_eq!(row.len(), 4, "{annex} row {r}: four columns: {row:?}");
            assert_eq!(row[1], normalised(requirement), "{annex} row {r}: 考核要求");
            assert_eq!(row[2], normalised(scoring), "{annex} row {r}: 增减分值");
            // The cite of the row: its category and its number within it.
            category_rows = if row[0].is_empty() { category_rows + 1 } else { 1 };
            let cite = format!("{annex}/{category}/{category_rows}");
            assert!(row[3].starts_with(&normalised(&cite)), "{annex} row {r}: 备注 `{}` is not {cite}", row[3]);
            if !row[0].is_empty() {
                assert!(row[0].starts_with(category.as_str()), "{annex} row {r}: 考核内容 `{}`", row[0]);
            }
        }
    }
    // The titles, as the document lists its annexes.
    assert!(md.contains("## 附件1　《罗山县政务服务和大数据管理局窗口工作人员考核评分细则》"), "{md}");
    assert!(md.contains("## 附件2　《罗山县政务服务和大数据管理局窗口绩效考核评分细则》"), "{md}");
    assert!(md.contains("| 工作纪律(20分) |"), "{md}");
    assert!(md.contains("| 服务规范(15分) 注"), "the window's 服务规范 and its reading");
}

/// Every rule, veto and flag of the policy is on a row with its cite; the
/// rules outside the tables have their clauses; every reading is a footnote.
#[test]
fn doc_markdown_has_every_rule() {
    let run = common::kaohe(&["doc", "--policy", "policies/luoshan", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan")).unwrap();
    let sections: Vec<&str> = run.stdout.split("\n## ").skip(1).collect();
    assert_eq!(sections.len(), 4, "two annex tables, then the rules outside each");
    for (subject, section) in [&policy.staff, &policy.window].into_iter().zip(&sections) {
        for rule in &subject.rules {
            let row = section.lines().find(|l| l.contains(&format!("`{}`", rule.id)));
            let row = row.unwrap_or_else(|| panic!("no row for {}", rule.id));
            assert!(row.contains(&format!("| {}", rule.cite)), "{row}");
        }
    }
    for (subject, section) in [&policy.staff, &policy.window].into_iter().zip(&sections[2..]) {
        for veto in subject.vetoes.iter().chain(subject.annual.iter().flat_map(|a| &a.vetoes)) {
            assert!(section.contains(&format!("| {}", veto.cite)), "{}", veto.cite);
        }
        for flag in subject.flags.iter().chain(subject.annual.iter().flat_map(|a| &a.flags)) {
            assert!(section.contains(&format!("| {} |", flag.name.label)), "{}", flag.name.id);
        }
        for honour in &subject.honours {
            assert!(section.contains(&format!("| {} |", honour.name.label)), "{}", honour.name.id);
        }
    }
    for reading in &policy.readings {
        assert!(run.stdout.contains(&format!("（解读 `{}`）", reading.id)), "no footnote for {}", reading.id);
    }
    let out = &run.stdout;
    assert!(out.contains("| 称职 | 80分以上（含80分） | 第十二条"), "{out}");
    assert!(out.contains("不超过参加考核的窗口数的20%"), "windows are counted as windows");
    assert!(out.contains("| 事业单位人员 | 等次称为优秀、合格、基本合格、不合格 | 第十八条"), "{out}");
    assert!(out.contains("| 明星班组长 | 等次为“优秀”、角色为首席代表的"), "{out}");
}

/// A versions directory prints its newest version, or the one asked for, or
/// all. The earlier version is made up for the test (`common::made_up_versions`).
#[test]
fn doc_versions() {
    let newest = common::kaohe(&["doc", "--policy", "policies/luoshan"]);
    let v2026 = common::kaohe(&["doc", "--policy", "policies/luoshan/2026"]);
    assert_eq!(newest.stdout, v2026.stdout);

    let dir = common::made_up_versions(&common::scratch("doc-versions"));
    let v2025 = common::kaohe(&["doc", "--policy", &dir, "--version", "2025"]);
    assert_eq!(v2025.code, 0, "{}", v2025.stderr);
    assert!(v2025.stdout.contains("（2025-01-01起施行）"));
    assert!(v2025.stdout.contains("不超过参加考核的窗口数的10%"));
    assert!(!v2025.stdout.contains("long_midday_leaves"));
    let by_date = common::kaohe(&["doc", "--policy", &dir, "--version", "2025-01-01"]);
    assert_eq!(by_date.stdout, v2025.stdout);

    let all = common::kaohe(&["doc", "--policy", &dir, "--all", "--format", "html"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.stdout.matches("<article>").count(), 2);
    let first = all.stdout.find("2025-01-01起施行").unwrap();
    let second = all.stdout.find("2026-01-01起施行").unwrap();
    assert!(first < second, "oldest first");

    let none = common::kaohe(&["doc", "--policy", &dir, "--version", "2024"]);
    assert_eq!(none.code, 2);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("中没有版本 `2024`"), "{}", none.stderr);
    assert!(none.stderr.contains(&format!("`{dir}/2025`（2025-01-01 施行）")), "{}", none.stderr);
}

/// Text as it appears in the HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn html_of_shipped_policy(dir: &Path) -> (PathBuf, String) {
    let out = dir.join("rubric.html");
    let out_arg = out.strip_prefix(common::root()).unwrap().display().to_string();
    let run = common::kaohe(&["doc", "--policy", "policies/luoshan", "--format", "html", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let html = std::fs::read_to_string(&out).unwrap();
    (out, html)
}

/// The page is self-contained, Chinese, prints on A4, and holds every rule,
/// cite, grade, veto, flag and honour of the policy.
#[test]
fn doc_html_structure() {
    let dir = common::scratch("doc-html-structure");
    let (_, html) = html_of_shipped_policy(&dir);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "{}", &html[..100]);
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("font-family: \"Noto Sans CJK SC\""));
    assert!(html.contains("border: 1px solid"));
    assert!(html.contains("@page { size: A4 portrait;"), "A4 pages");
    assert!(html.contains("@page annex { size: A4 landscape;"), "the annex tables print landscape");
    assert!(html.contains("section.annex { page: annex; }"));
    assert!(html.contains(".ids { display: none; }"), "rule ids are hidden in print");
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the page loads something: {external}");
    }
    for (open, close) in [("<table>", "</table>"), ("<tr", "</tr>"), ("<td", "</td>"), ("<section", "</section>")] {
        assert_eq!(html.matches(open).count(), html.matches(close).count(), "{open}");
    }
    // The title opens the first annex section: no page holds the title alone.
    let first = html.find("<section class=\"annex\">").unwrap();
    assert!(html[first..].trim_start_matches("<section class=\"annex\">").trim_start().starts_with("<h1>"));

    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan")).unwrap();
    let sections: Vec<&str> = html.split("<section").skip(1).collect();
    assert_eq!(sections.len(), 4);
    let mut rows = 0;
    for (subject, html) in [&policy.staff, &policy.window].into_iter().zip(&sections) {
        let annex = subject.annex.as_ref().unwrap();
        assert!(html.contains(&format!("<h2>{}　{}</h2>", annex.cite, escaped(&annex.title))), "{}", annex.title);
        for rule in &subject.rules {
            let at = html
                .find(&format!("<code>{}</code>", escaped(&rule.id)))
                .unwrap_or_else(|| panic!("no row for {}", rule.id));
            let start = html[..at].rfind("<tr").unwrap();
            let row = &html[start..at];
            assert!(row.contains(&format!("<td class=\"cite\">{}", escaped(&rule.cite))), "{row}");
            if let Some(words) = subject.row(&rule.cite) {
                assert!(row.contains(&format!("<td>{}</td>", escaped(&words.requirement))), "{row}");
            }
            rows += 1;
        }
        for category in &subject.categories {
            let head =
                format!("\">{}<span class=\"under\">({}分)</span>", escaped(&category.name.label), category.points);
            let head = html.find(&head).map(|at| &html[..at]).and_then(|before| before.rsplit("<td").next());
            assert!(head.is_some_and(|h| h.starts_with(" class=\"group")), "{}", category.name.id);
        }
    }
    for (subject, html) in [&policy.staff, &policy.window].into_iter().zip(&sections[2..]) {
        for band in &subject.grades {
            assert!(html.contains(&format!("<td>{}</td>", escaped(&band.name.label))), "{}", band.name.id);
            if let Some(quota) = &band.quota {
                assert!(html.contains(&format!("{}%", quota.percent)), "{}", band.name.id);
            }
        }
        for veto in &subject.vetoes {
            assert!(html.contains(&format!("<td class=\"cite\">{}", escaped(&veto.cite))));
        }
        for flag in subject.flags.iter().chain(subject.annual.iter().flat_map(|a| &a.flags)) {
            assert!(html.contains(&format!("<td>{}</td>", escaped(&flag.name.label))), "{}", flag.name.id);
        }
        for honour in &subject.honours {
            assert!(html.contains(&format!("<td>{}</td>", escaped(&honour.name.label))), "{}", honour.name.id);
        }
    }
    assert_eq!(rows, policy.staff.rules.len() + policy.window.rules.len());
    assert!(rows > 50);
    for reading in &policy.readings {
        assert!(html.contains(&format!("（解读 <code>{}</code>）", reading.id)), "no footnote for {}", reading.id);
    }
}

/// No column is squeezed: at the size and on the page each table prints on
/// (annex tables on A4 landscape, the rest portrait, the margins and font
/// sizes of the page's `@page` and print rules), every column holds at
/// least 7 Chinese characters a line.
#[test]
fn doc_html_columns_are_wide_enough_to_print() {
    let dir = common::scratch("doc-html-columns");
    let (_, html) = html_of_shipped_policy(&dir);
    // What the stylesheet says, read from it, so that a change there is checked here.
    let number = |after: &str| -> f64 {
        let at = html.find(after).unwrap_or_else(|| panic!("no `{after}` in the style"));
        let rest = &html[at + after.len()..];
        rest.split(|c: char| !(c.is_ascii_digit() || c == '.')).next().unwrap().parse().unwrap()
    };
    let portrait_margin = number("@page { size: A4 portrait; margin: 15mm ");
    let landscape_margin = number("@page annex { size: A4 landscape; margin: 10mm ");
    let rules_font = number("body { margin: 0; max-width: none; padding: 0; font-size: ");
    let annex_font = number("section.annex { font-size: ");
    let pt = 25.4 / 72.0;
    for section in html.split("<section").skip(1) {
        let annex = section.starts_with(" class=\"annex\"");
        let (width, font) = if annex {
            (297.0 - 2.0 * landscape_margin, annex_font)
        } else {
            (210.0 - 2.0 * portrait_margin, rules_font)
        };
        for colgroup in section.split("<colgroup>").skip(1) {
            let colgroup = &colgroup[..colgroup.find("</colgroup>").unwrap()];
            let shares: Vec<f64> =
                colgroup.split("width: ").skip(1).map(|s| s[..s.find('%').unwrap()].parse().unwrap()).collect();
            assert_eq!(shares.iter().sum::<f64>(), 100.0, "{colgroup}");
            for share in shares {
                // Less the cell's padding (5px a side: about 2.6mm).
                let chars = (width * share / 100.0 - 2.6) / (font * pt);
                assert!(
                    chars >= 7.0,
                    "a {share}% column holds {chars:.1} characters a line ({})",
                    if annex { "landscape" } else { "portrait" }
                );
            }
        }
    }
}

/// The HTML of a row's words with markup in them stays text.
#[test]
fn doc_html_escapes() {
    let dir = common::scratch("doc-html-escape");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    let edited = text.replace("row \"迟到、早退、离岗、串岗的\"", "row \"<b>迟到</b> & 'x' \\\"y\\\"\"");
    assert_ne!(text, edited);
    std::fs::write(&staff, edited).unwrap();
    let policy = dir.strip_prefix(common::root()).unwrap().display().to_string();
    let run = common::kaohe(&["doc", "--policy", &policy, "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<td>&lt;b&gt;迟到&lt;/b&gt; &amp; &#39;x&#39; &quot;y&quot;</td>"), "{}", run.stdout);
    assert!(!run.stdout.contains("<b>"));
    let md = common::kaohe(&["doc", "--policy", &policy]);
    assert!(md.stdout.contains("| \\<b>迟到\\</b> & 'x' \"y\" |"), "{}", md.stdout);
}

/// Where Chromium is, or a failure that says how to install it.
fn chromium() -> PathBuf {
    for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] {
        if Path::new(candidate).is_file() {
            return PathBuf::from(candidate);
        }
    }
    panic!("this test renders the printed rubric in headless Chromium, which is not installed. Install it (Debian) with:\n\n    {INSTALL}\n");
}

/// A CJK font must be there, or the Chinese renders as empty boxes.
fn require_cjk_font() {
    let output = Command::new("fc-list").args([":lang=zh", "family"]).output();
    let output = output.unwrap_or_else(|err| panic!("cannot run fc-list ({err}). Install it with:\n\n    {INSTALL}\n"));
    let families = String::from_utf8_lossy(&output.stdout);
    assert!(
        !families.trim().is_empty(),
        "no font for Chinese is installed, so the page would show empty boxes. Install one with:\n\n    {INSTALL}\n"
    );
}

/// Run a command, killing it if it takes longer than `limit`.
fn run_with_limit(command: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().unwrap();
            panic!("chromium took more than {limit:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Headless Chromium with a profile of its own, told to do `what`.
fn headless(dir: &Path, what: &[String], page: &Path) -> std::process::Output {
    let browser = chromium();
    require_cjk_font();
    run_with_limit(
        Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .args(what)
            .arg(format!("file://{}", page.display())),
        Duration::from_secs(120),
    )
}

/// One page of a PDF: its size in points and how many times it shows text.
#[derive(Debug)]
struct PdfPage {
    width: f64,
    height: f64,
    texts: usize,
}

/// The pages of a PDF as Chromium (Skia) writes it: each `/Type /Page`
/// object with its `/MediaBox` and `/Contents`, whose stream is inflated to
/// count its text-showing operators (`Tj`, `TJ`).
fn pdf_pages(pdf: &[u8]) -> Vec<PdfPage> {
    let find = |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).position(|w| w == needle);
    // Object number → byte offset of its body.
    let mut objects = std::collections::HashMap::new();
    let bytes = pdf;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b" 0 obj") {
        let end = at + found;
        let start = bytes[..end].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |i| i + 1);
        if let Ok(n) = std::str::from_utf8(&bytes[start..end]).unwrap_or("").parse::<usize>() {
            objects.insert(n, end + b" 0 obj".len());
        }
        at = end + 1;
    }
    // A dictionary is ASCII; a stream's bytes are not read as text.
    let body = |n: usize| -> String {
        let start = objects[&n];
        let rest = &bytes[start..];
        let end = [find(rest, b"endobj"), find(rest, b"stream")].into_iter().flatten().min().unwrap();
        String::from_utf8_lossy(&rest[..end]).into_owned()
    };
    let stream = |n: usize| -> Vec<u8> {
        let start = objects[&n];
        let rest = &bytes[start..];
        let open = rest.windows(6).position(|w| w == b"stream").unwrap() + 6;
        let open = open + usize::from(rest[open] == b'\r') + 1;
        let close = rest.windows(9).position(|w| w == b"endstream").unwrap();
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&rest[open..close]).read_to_end(&mut out).unwrap();
        out
    };
    let mut numbers: Vec<usize> = objects.keys().copied().collect();
    numbers.sort_unstable();
    let mut pages = Vec::new();
    for n in numbers {
        let dict = body(n);
        if !dict.contains("/Type /Page\n") && !dict.contains("/Type /Page/") && !dict.contains("/Type /Page ") {
            continue;
        }
        let media = &dict[dict.find("/MediaBox [").unwrap() + "/MediaBox [".len()..];
        let numbers: Vec<f64> =
            media[..media.find(']').unwrap()].split_whitespace().map(|x| x.parse().unwrap()).collect();
        let contents = &dict[dict.find("/Contents ").unwrap() + "/Contents ".len()..];
        let contents: usize = contents.split_whitespace().next().unwrap().parse().unwrap();
        let content = stream(contents);
        let texts = content.windows(2).filter(|w| w == b"Tj" || w == b"TJ").count();
        pages.push(PdfPage { width: numbers[2] - numbers[0], height: numbers[3] - numbers[1], texts });
    }
    pages
}

/// Printed to PDF by Chromium: every page A4 (595 × 842 points), the annex
/// tables landscape and the rest portrait, a handful of pages (the old
/// printout took 21), and every page full of text: none holds only a
/// heading.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn doc_html_prints_on_a4() {
    let dir = common::scratch("doc-html-pdf");
    let (html_path, _) = html_of_shipped_policy(&dir);
    let pdf_path = dir.join("rubric.pdf");
    let output = headless(
        &dir,
        &["--no-pdf-header-footer".to_string(), format!("--print-to-pdf={}", pdf_path.display())],
        &html_path,
    );
    assert!(
        pdf_path.is_file(),
        "chromium wrote no PDF (status {:?}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let pages = pdf_pages(&std::fs::read(&pdf_path).unwrap());
    assert!((4..=9).contains(&pages.len()), "{} pages: {pages:?}", pages.len());
    let a4 = |p: &PdfPage| {
        let (short, long) = (p.width.min(p.height), p.width.max(p.height));
        (short - 595.0).abs() < 1.0 && (long - 842.0).abs() < 1.0
    };
    assert!(pages.iter().all(a4), "not all A4: {pages:?}");
    let landscape = pages.iter().filter(|p| p.width > p.height).count();
    assert!(landscape >= 2 && landscape < pages.len(), "the annex tables landscape, the rest portrait: {pages:?}");
    // A page of the rubric shows text a thousand times; a heading alone, a few dozen.
    for (n, page) in pages.iter().enumerate() {
        assert!(page.texts >= 300, "page {} shows text only {} times: {pages:?}", n + 1, page.texts);
    }
}

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1600;

/// The page, rendered: a screenshot that shows bordered tables full of text.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn doc_html_renders_in_chromium() {
    let dir = common::scratch("doc-html-chromium");
    let (html_path, _) = html_of_shipped_policy(&dir);
    let png_path = dir.join("rubric.png");
    let output = headless(
        &dir,
        &[format!("--screenshot={}", png_path.display()), format!("--window-size={WIDTH},{HEIGHT}")],
        &html_path,
    );
    assert!(
        png_path.is_file(),
        "chromium wrote no screenshot (status {:?}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    let file = std::fs::File::open(&png_path).unwrap();
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let (width, height) = (info.width as usize, info.height as usize);
    // Luminance of each pixel, 0 (black) to 255 (white).
    let gray: Vec<u8> = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|p| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8)
        .collect();
    let dark = |x: usize, y: usize| gray[y * width + x] < 128;

    // Not blank, not one colour: a page of text has a share of dark pixels.
    let dark_share = gray.iter().filter(|&&g| g < 128).count() as f64 / gray.len() as f64;
    assert!((0.01..0.5).contains(&dark_share), "dark pixels: {dark_share}");
    let mut shades = gray.clone();
    shades.sort_unstable();
    shades.dedup();
    assert!(shades.len() > 16, "only {} shades: no anti-aliased text", shades.len());

    // The table's borders: rows that are dark across most of the width, and
    // columns dark down a long stretch.
    let longest_run = |cells: &mut dyn Iterator<Item = bool>| {
        let (mut best, mut run) = (0, 0);
        for is_dark in cells {
            run = if is_dark { run + 1 } else { 0 };
            best = best.max(run);
        }
        best
    };
    let horizontal = (0..height).filter(|&y| longest_run(&mut (0..width).map(|x| dark(x, y))) > width * 3 / 4).count();
    let vertical = (0..width).filter(|&x| longest_run(&mut (0..height).map(|y| dark(x, y))) > height / 3).count();
    assert!(horizontal >= 20, "only {horizontal} table row borders across the page");
    // The annex table's four columns have five borders.
    assert!(vertical >= 5, "only {vertical} column borders down the page");

    // Text inside the cells: between two borders, dark pixels that are no border.
    let inked_rows = (0..height)
        .filter(|&y| {
            let n = (0..width).filter(|&x| dark(x, y)).count();
            n > 20 && n < width / 2
        })
        .count();
    assert!(inked_rows > height / 4, "only {inked_rows} pixel rows with text");
}
