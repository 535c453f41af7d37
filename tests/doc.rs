//! `kaohe doc`: the printed rubric. The Markdown is a snapshot; the HTML is
//! checked for every rule and cite of the policy, then rendered by headless
//! Chromium and the screenshot inspected: a bordered table with text in it.
//!
//! The screenshot test needs Chromium and a CJK font, which a machine with
//! only a Rust toolchain lacks: it is `#[ignore]`d with the install line as
//! its reason, and `.ci/run` installs them and runs it with
//! `cargo test -- --include-ignored` (where a missing one fails the test,
//! never skips it):
//!
//!     apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

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

/// Every rule of the policy is a row, with its id and its cite.
#[test]
fn doc_markdown_has_every_rule() {
    let run = common::kaohe(&["doc", "--policy", "policies/luoshan", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan")).unwrap();
    // One section per subject (a rule id is unique within its subject only).
    let sections: Vec<&str> = run.stdout.split("\n## ").skip(1).collect();
    assert_eq!(sections.len(), 2);
    for (subject, section) in [&policy.staff, &policy.window].into_iter().zip(sections) {
        assert!(section.contains(&subject.name.label));
        for rule in &subject.rules {
            let row = section.lines().find(|l| l.contains(&format!("`{}`", rule.id)));
            let row = row.unwrap_or_else(|| panic!("no row for {}", rule.id));
            assert!(row.contains(&format!("| {} |", rule.cite)), "{row}");
        }
    }
    assert!(run.stdout.contains("| 本窗口每张扣首席代表100分 |"), "{}", run.stdout);
    assert!(run.stdout.contains("| 超过6次的每次扣0.5分 |"), "{}", run.stdout);
    assert!(run.stdout.contains("| 县级每件加2分、市级每件加3分、省级每件加5分、国家级每件加10分 |"));
    assert!(run.stdout.contains("| 称职 | 80分以上（含80分） |"), "{}", run.stdout);
}

/// A versions directory prints its newest version, or the one asked for, or all.
#[test]
fn doc_versions() {
    let newest = common::kaohe(&["doc", "--policy", "policies/luoshan"]);
    let v2026 = common::kaohe(&["doc", "--policy", "policies/luoshan/2026"]);
    assert_eq!(newest.stdout, v2026.stdout);

    let v2025 = common::kaohe(&["doc", "--policy", "policies/luoshan", "--version", "2025"]);
    assert_eq!(v2025.code, 0, "{}", v2025.stderr);
    assert!(v2025.stdout.contains("（2025-01-01起施行）"));
    assert!(v2025.stdout.contains("不超过参加考核人数的10%"));
    assert!(!v2025.stdout.contains("long_midday_leaves"));
    let by_date = common::kaohe(&["doc", "--policy", "policies/luoshan", "--version", "2025-01-01"]);
    assert_eq!(by_date.stdout, v2025.stdout);

    let all = common::kaohe(&["doc", "--policy", "policies/luoshan", "--all", "--format", "html"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.stdout.matches("<article>").count(), 2);
    let first = all.stdout.find("2025-01-01起施行").unwrap();
    let second = all.stdout.find("2026-01-01起施行").unwrap();
    assert!(first < second, "oldest first");

    let none = common::kaohe(&["doc", "--policy", "policies/luoshan", "--version", "2024"]);
    assert_eq!(none.code, 2);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("中没有版本 `2024`"), "{}", none.stderr);
    assert!(none.stderr.contains("`policies/luoshan/2025`（2025-01-01 施行）"), "{}", none.stderr);
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

/// The page is self-contained, Chinese, and holds every rule, cite, grade,
/// veto and flag of the policy.
#[test]
fn doc_html_structure() {
    let dir = common::scratch("doc-html-structure");
    let (_, html) = html_of_shipped_policy(&dir);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "{}", &html[..100]);
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("font-family: \"Noto Sans CJK SC\""));
    assert!(html.contains("border: 1px solid"));
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the page loads something: {external}");
    }
    for (open, close) in [("<table>", "</table>"), ("<tr", "</tr>"), ("<td", "</td>"), ("<article>", "</article>")] {
        assert_eq!(html.matches(open).count(), html.matches(close).count(), "{open}");
    }

    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan")).unwrap();
    let mut rows = 0;
    // One section per subject (a rule id is unique within its subject only).
    let sections: Vec<&str> = html.split("<h2>").skip(1).collect();
    assert_eq!(sections.len(), 2);
    for (subject, html) in [&policy.staff, &policy.window].into_iter().zip(sections) {
        assert!(html.contains(&escaped(&subject.name.label)));
        for rule in &subject.rules {
            let start = html
                .find(&format!("<tr data-rule=\"{}\">", escaped(&rule.id)))
                .unwrap_or_else(|| panic!("no row for {}", rule.id));
            let row = &html[start..start + html[start..].find("</tr>").unwrap()];
            assert!(row.contains(&format!("<td class=\"cite\">{}</td>", escaped(&rule.cite))), "{row}");
            assert!(row.contains(&format!("<code>{}</code>", escaped(&rule.id))), "{row}");
            if let Some(wording) = &rule.wording {
                assert!(row.contains(&escaped(wording)), "{row}");
            }
            rows += 1;
        }
        for category in &subject.categories {
            assert!(
                html.contains(&format!("{}（{}分）", category.name.label, category.points)),
                "{}",
                category.name.id
            );
            if let Some(average) = &category.average {
                assert!(html.contains(&format!("<tr data-rule=\"{}.average\">", category.name.id)));
                assert!(html.contains(&escaped(&average.cite)));
            }
        }
        for band in &subject.grades {
            assert!(html.contains(&format!("<td>{}</td>", escaped(&band.name.label))), "{}", band.name.id);
            if let Some(quota) = &band.quota {
                assert!(html.contains(&format!("{}%", quota.percent)), "{}", band.name.id);
            }
        }
        for veto in &subject.vetoes {
            assert!(html.contains(&format!("<td class=\"cite\">{}</td>", escaped(&veto.cite))));
        }
        for flag in &subject.flags {
            assert!(html.contains(&format!("<td>{}</td>", escaped(&flag.name.label))));
        }
        if let Some(annual) = &subject.annual {
            for flag in &annual.flags {
                assert!(html.contains(&format!("<td>{}</td>", escaped(&flag.name.label))));
            }
        }
    }
    assert_eq!(rows, policy.staff.rules.len() + policy.window.rules.len());
    assert!(rows > 50);
}

/// The HTML of a label with markup in it stays text.
#[test]
fn doc_html_escapes() {
    let dir = common::scratch("doc-html-escape");
    common::copy_policy(&dir);
    let staff = dir.join("staff.rules");
    let text = std::fs::read_to_string(&staff).unwrap();
    let edited = text.replace("\"迟到、早退、离岗、串岗的，每次扣3分\"", "\"<b>迟到</b> & 'x' \\\"y\\\"\"");
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
        "no font for Chinese is installed, so the screenshot would show empty boxes. Install one with:\n\n    {INSTALL}\n"
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

const WIDTH: u32 = 1200;
const HEIGHT: u32 = 1600;

/// The page, rendered: a screenshot that shows bordered tables full of text.
#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn doc_html_renders_in_chromium() {
    let browser = chromium();
    require_cjk_font();
    let dir = common::scratch("doc-html-chromium");
    let (html_path, _) = html_of_shipped_policy(&dir);
    let profile = dir.join("profile");
    let png_path = dir.join("rubric.png");
    let output = run_with_limit(
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
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--screenshot={}", png_path.display()))
            .arg(format!("--window-size={WIDTH},{HEIGHT}"))
            .arg(format!("file://{}", html_path.display())),
        Duration::from_secs(120),
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
    assert!(vertical >= 6, "only {vertical} column borders down the page");

    // Text inside the cells: between two borders, dark pixels that are no border.
    let inked_rows = (0..height)
        .filter(|&y| {
            let n = (0..width).filter(|&x| dark(x, y)).count();
            n > 20 && n < width / 2
        })
        .count();
    assert!(inked_rows > height / 4, "only {inked_rows} pixel rows with text");
}
