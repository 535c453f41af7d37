//! What the bureau publishes: `kaohe report` (the 《考核通报》 of a quarter
//! and of a year) and the workbooks of `eval`, `annual` and `report`.
//!
//! The pages are snapshots as text (the HTML normalised: tags dropped, one
//! table row a line, the stylesheet left out), checked for what the issue
//! asks of them (the 优秀 in rank order, the 红旗 windows, the quota line,
//! every veto's clause), and printed by a real headless Chromium: A4, and
//! no more pages than the bound below. The Chromium tests are ignored by a
//! plain `cargo test`; CI runs them with `-- --include-ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

const QUARTER: &str = "examples/2026-Q3.json";
const YEAR: [&str; 4] = [
    "examples/2026-annual/2026-Q1.json",
    "examples/2026-annual/2026-Q2.json",
    "examples/2026-annual/2026-Q3.json",
    "examples/2026-annual/2026-Q4.json",
];
/// The example quarter and year each print on at most this many A4 pages.
const MAX_PAGES: usize = 6;
const CHROMIUM: &str = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig";

fn report(facts: &[&str], extra: &[&str]) -> common::Run {
    let mut args = vec!["report", "--policy", "policies/luoshan"];
    if !extra.contains(&"--date") {
        args.extend(["--date", "2026-10-08"]);
    }
    args.push("--facts");
    args.extend(facts);
    args.extend(extra);
    common::kaohe(&args)
}

fn json(args: &[&str]) -> Value {
    let run = common::kaohe(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The page as a reader sees its text: one heading, paragraph, list item or
/// table row a line (cells split by ` | `), the stylesheet left out.
fn text_of(html: &str) -> String {
    let style = regex::Regex::new(r"(?s)<style>.*?</style>").unwrap();
    let html = style.replace_all(html, "");
    let ends = regex::Regex::new(r"</(td|th)>").unwrap();
    let html = ends.replace_all(&html, " | ");
    let lines = regex::Regex::new(r"</(tr|p|li|h1|h2|h3|figcaption|text|title)>|<br>").unwrap();
    let html = lines.replace_all(&html, "\n");
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    let text = tags.replace_all(&html, "");
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/");
    let text = text.replace("&amp;", "&");
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("`{needle}` is not on the page"))
}

/// The quarter's page: masthead, number, period in words, policy and its
/// date, the 红旗 and 优秀 named first in rank order, the quota lines, every
/// veto and flag marked with its clause, the signature.
#[test]
fn quarter_bulletin() {
    let run = report(&[QUARTER], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "{}", &html[..80]);
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the page loads something: {external}");
    }
    assert!(html.contains("@page"), "print CSS");
    assert!(html.contains("thead { display: table-header-group; }"), "headers repeat on every page");
    assert_eq!(html.matches("<svg").count(), 2, "two charts");
    let text = text_of(html);

    assert!(text.contains("考核通报\n2026年第3期"), "masthead and number");
    assert!(text.contains("关于2026年第三季度窗口及窗口工作人员考核结果的通报"));
    assert!(text.contains("罗山县政务服务和大数据管理局窗口及窗口工作人员考核办法》（2026年1月1日起施行）"));

    // The chosen, named first (before the grades and the tables), in rank order.
    let results = json(&["eval", "--policy", "policies/luoshan", "--facts", QUARTER, "--format", "json"]);
    let honours = position(&text, "一、评选结果");
    let grades = position(&text, "二、考核等次");
    for (list, grade) in [("staff", "excellent"), ("windows", "red_flag")] {
        let mut chosen: Vec<&Value> =
            results[list].as_array().unwrap().iter().filter(|r| r["grade"] == grade).collect();
        chosen.sort_by_key(|r| r["rank"].as_u64());
        assert!(!chosen.is_empty());
        let mut at = honours;
        for record in chosen {
            let name = record["name"].as_str().unwrap();
            let found = text[at..].find(name).map(|i| i + at).unwrap_or_else(|| panic!("{name} not in rank order"));
            assert!(found < grades, "{name} is named before the grades");
            at = found;
        }
    }
    assert!(
        text.contains("红旗窗口（2 个） [第十七条]：民政婚姻登记窗口（115 分）、综合受理窗口（113.9 分）。"),
        "{text}"
    );
    assert!(text.contains("优秀：名额 6 = 40 × 15%，评出 6 [第十九条]"), "{text}");
    assert!(text.contains("红旗：名额 2 = 12 × 20%，评出 2 [第十七条]"), "{text}");
    assert!(
        text.contains("参加考核的窗口工作人员 40 人：优秀 6 人、称职 29 人、基本称职 1 人、不称职 4 人。"),
        "{text}"
    );

    // Every veto and flag of the results is marked in its table, with its clause in a note.
    let annex = position(&text, "\n附件1\n");
    let notes = &text[annex..];
    for list in ["staff", "windows"] {
        for record in results[list].as_array().unwrap() {
            for mark in record["vetoes"].as_array().unwrap().iter().chain(record["flags"].as_array().unwrap()) {
                let cite = mark["cite"].as_str().unwrap();
                let who = format!("{} {}：", record["id"].as_str().unwrap(), record["name"].as_str().unwrap());
                let line = notes.lines().find(|l| l.contains(&who) && l.contains(&format!("[{cite}]")));
                assert!(line.is_some(), "no note for {who} [{cite}]");
            }
        }
    }
    assert!(
        text.contains("S0040 贾志强：不得评为优秀。中途缺勤工作日（不含公伤、婚假、产假） ≥ 5（实为 6）。[第十五条]"),
        "{text}"
    );
    assert!(text.contains("95 | 称职✕优秀"), "the grade cell carries the mark");
    // Where points were lost, and the signature after the text.
    assert!(text.contains("窗口工作人员扣分最多的事项"));
    assert!(text.contains("1 | 办件出现红黄牌（本窗口，首席代表） | 附件1/政务服务/4 | 200 | 2 人"), "{text}");
    let signature = position(&text, "罗山县政务服务和大数据管理局办公室\n2026年10月8日\n（环境股承办）");
    assert!(signature < annex);
    insta::assert_snapshot!("quarter_bulletin", text);
}

/// A tie at the quota cut is said in the quota line, with the places left unfilled.
#[test]
fn quota_line_names_a_tie_and_unfilled_places() {
    let run = report(&["tests/cases/standing/tie_at_cut.json"], &["--number", "第 9 期"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = text_of(&run.stdout);
    assert!(text.contains("考核通报\n第 9 期"));
    assert!(
        text.contains(
            "优秀：名额 1 = 7 × 15%，评出 0；100 分 2 人同分整体未评入（员工1、员工2）；空缺 1 个 [第十九条]"
        ),
        "{text}"
    );
    assert!(text.contains("＝同分未评入"), "{text}");
}

/// The year's page: the year's 优秀 and 红旗, who is not assessed and why,
/// each annual veto with its clause, the quarters' totals in the table.
#[test]
fn year_bulletin() {
    let run = report(&YEAR, &["--date", "2027-01-08"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = text_of(&run.stdout);
    assert!(text.contains("关于2026年度窗口及窗口工作人员考核结果的通报"));
    assert!(text.contains(
        "年度优秀窗口工作人员（4 人） [第十九条]：冯丽（民政婚姻登记窗口，年度总分 105.5）、胡俊杰（医保窗口，年度总分 103.63）、王建国（公安户政窗口，年度总分 102.5）、徐春兰（社保窗口，年度总分 101.88）。"
    ), "{text}");
    assert!(text.contains("年度红旗窗口（1 个） [第十七条]：民政婚姻登记窗口（年度总分 117.46）。"), "{text}");
    assert!(text.contains("优秀：名额 4 = 27 × 15%，评出 4 [第十九条]"), "{text}");
    assert!(
        text.contains(
            "高玉兰（税务窗口，第 1 名）：不得评为优秀，迟到、早退、离岗（缺岗） ≥ 8（实为 8） [第十章/四/6]"
        ),
        "{text}"
    );
    assert!(text.contains("曾超（社保窗口）：不参加年度考核，在大厅工作月数 < 6（实为 4.71） [第十三条]"), "{text}");
    assert!(text.contains("赵磊（不动产登记窗口，第 27 名）：退回原单位，等次为不称职 [第二十二条]"), "{text}");
    assert!(text
        .contains("名次 | 编号 | 姓名 | 窗口 | 角色 | 一季度 | 二季度 | 三季度 | 四季度 | 在厅月数 | 年度总分 | 等次"));
    assert!(
        text.contains("1 | S0017 | 高玉兰 | 税务窗口 | 操作人员 | 103 | 105 | 106 | 112 | 12 | 106.5 | 称职✕优秀①"),
        "{text}"
    );
    assert!(text.contains("2027年1月8日"));
    insta::assert_snapshot!("year_bulletin", text);
}

/// Labels, not ids, in a bulletin; and text from the facts stays text.
#[test]
fn bulletin_escapes_what_the_facts_say() {
    let dir = common::scratch("report-escape");
    let facts = std::fs::read_to_string(common::root().join(QUARTER)).unwrap();
    let edited = facts.replacen("公安户政窗口", "<b>公安</b> & \\\"户政\\\"", 1);
    assert_ne!(facts, edited);
    std::fs::write(dir.join("q.json"), edited).unwrap();
    let path = dir.join("q.json");
    let path = path.strip_prefix(common::root()).unwrap().display().to_string();
    let run = report(&[&path], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("<b>公安"), "markup from the facts is escaped");
    assert!(run.stdout.contains("&lt;b&gt;公安&lt;&#x2f;b&gt; &amp; &quot;户政&quot;"));
}

fn cell_text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The rows of a sheet as text, the header first.
fn sheet(book: &Path, name: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(name).unwrap_or_else(|e| panic!("no sheet {name}: {e}"));
    range.rows().map(|row| row.iter().map(cell_text).collect()).collect()
}

fn column(rows: &[Vec<String>], header: &str) -> usize {
    rows[0].iter().position(|h| h == header).unwrap_or_else(|| panic!("no column {header}: {:?}", rows[0]))
}

/// `--out FILE.xlsx` for eval and report: the totals read back equal the JSON
/// results, as numbers; labels, not ids; every trace line on its sheet.
#[test]
fn quarter_workbook_matches_the_json() {
    let dir = common::scratch("report-xlsx");
    let results = json(&["eval", "--policy", "policies/luoshan", "--facts", QUARTER, "--format", "json"]);
    for (name, args) in [
        ("eval.xlsx", vec!["eval", "--policy", "policies/luoshan", "--facts", QUARTER]),
        ("report.xlsx", vec!["report", "--policy", "policies/luoshan", "--facts", QUARTER]),
    ] {
        let book = dir.join(name);
        let out = book.strip_prefix(common::root()).unwrap().display().to_string();
        let mut args = args.clone();
        args.extend(["--out", &out]);
        let run = common::kaohe(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.is_empty());

        let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
        assert_eq!(workbook.sheet_names(), ["窗口工作人员", "窗口", "评选", "扣分加分明细", "说明"]);
        for (sheet_name, list) in [("窗口工作人员", "staff"), ("窗口", "windows")] {
            let range = workbook.worksheet_range(sheet_name).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            let header: Vec<String> = rows[0].iter().map(cell_text).collect();
            let at = |h: &str| header.iter().position(|x| x == h).unwrap_or_else(|| panic!("no {h}"));
            let records = results[list].as_array().unwrap();
            assert_eq!(rows.len(), records.len() + 1);
            for row in &rows[1..] {
                let id = cell_text(&row[at("编号")]);
                let record = records.iter().find(|r| r["id"] == id.as_str()).unwrap();
                // A number cell, equal to the JSON's exact decimal as written.
                let Data::Float(total) = row[at("总分")] else { panic!("{id}: total is not a number") };
                assert_eq!(total.to_string(), record["total"].to_string(), "{id}");
                assert_eq!(cell_text(&row[at("等次代码")]), record["grade"].as_str().unwrap(), "{id}");
                let rank = match row[at("名次")] {
                    Data::Float(f) => f as u64,
                    _ => panic!("{id}: rank is not a number"),
                };
                assert_eq!(Some(rank), record["rank"].as_u64());
            }
            // Labels for grades and categories.
            assert!(header.contains(&"等次".to_string()));
            let labels: Vec<String> = rows[1..].iter().map(|r| cell_text(&r[at("等次")])).collect();
            assert!(
                labels.iter().all(|l| [
                    "优秀",
                    "称职",
                    "基本称职",
                    "不称职",
                    "合格",
                    "基本合格",
                    "不合格",
                    "红旗",
                    "良好",
                    "一般",
                    "较差"
                ]
                .contains(&l.as_str())),
                "{labels:?}"
            );
        }
        let staff = sheet(&book, "窗口工作人员");
        assert!(
            staff[0].starts_with(&["名次", "编号", "姓名", "窗口", "角色", "工作纪律"].map(String::from)),
            "{:?}",
            staff[0]
        );
        let s0040 = staff.iter().find(|r| r[1] == "S0040").unwrap();
        assert!(s0040[column(&staff, "不得评优及其他情形")].contains("✕优秀：第十五条"), "{s0040:?}");
        assert_eq!(s0040[column(&staff, "窗口")], "综合受理窗口");

        // One row per trace entry of every record.
        let trace = sheet(&book, "扣分加分明细");
        let entries: usize = ["staff", "windows"]
            .iter()
            .map(|l| {
                results[*l].as_array().unwrap().iter().map(|r| r["trace"].as_array().unwrap().len()).sum::<usize>()
            })
            .sum();
        assert_eq!(trace.len() - 1, entries);
        let late = trace.iter().find(|r| r[2] == "S0003" && r[10] == "attendance.late_early_away").unwrap();
        assert_eq!(&late[4..9], ["出勤值勤", "迟到、早退、离岗（缺岗）", "附件1/出勤值勤/1", "1", "-3"]);
        let about = sheet(&book, "说明");
        assert!(about.iter().any(|r| r[1] == "工作纪律" && r[2] == "categories.discipline"), "{about:?}");
    }
}

/// `annual --out FILE.xlsx`: the annual totals equal the JSON's, the
/// quarters' totals beside them, and each quarter's trace.
#[test]
fn year_workbook_matches_the_json() {
    let dir = common::scratch("annual-xlsx");
    let mut args = vec!["annual", "--policy", "policies/luoshan", "--facts"];
    args.extend(YEAR);
    let mut json_args = args.clone();
    json_args.extend(["--format", "json"]);
    let results = json(&json_args);
    let book = dir.join("2026.xlsx");
    let out = book.strip_prefix(common::root()).unwrap().display().to_string();
    args.extend(["--out", &out]);
    let run = common::kaohe(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let staff = sheet(&book, "年度窗口工作人员");
    assert_eq!(staff.len() - 1, results["staff"].as_array().unwrap().len());
    for record in results["staff"].as_array().unwrap() {
        let id = record["id"].as_str().unwrap();
        let row = staff.iter().find(|r| r[1] == id).unwrap();
        assert_eq!(row[column(&staff, "年度总分")], record["total"].to_string(), "{id}");
        assert_eq!(
            row[column(&staff, "三季度")],
            record["quarters"]["2026-Q3"]["total"].to_string().replace("null", "")
        );
    }
    let s0017 = staff.iter().find(|r| r[1] == "S0017").unwrap();
    assert_eq!(s0017[column(&staff, "等次")], "称职");
    assert!(s0017[column(&staff, "不参加年度考核、不得评优及其他情形")].contains("✕优秀：第十章/四/6"));
    let trace = sheet(&book, "扣分加分明细");
    for quarter in ["2026年第一季度", "2026年第四季度"] {
        assert!(trace.iter().any(|r| r[0] == quarter), "{quarter}");
    }
}

/// A PDF with no browser to print it says so, and writes nothing.
#[test]
fn pdf_without_a_browser_says_so() {
    let dir = common::scratch("report-no-browser");
    let out = dir.join("q.pdf");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(["report", "--policy", "policies/luoshan", "--facts", QUARTER, "--color=never", "--out"])
        .arg(&out)
        .env("PATH", dir.as_os_str())
        .env_remove("KAOHE_CHROMIUM")
        .current_dir(common::root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("找不到用来打印 PDF 的 Chromium 或 Chrome"), "{stderr}");
    assert!(stderr.contains("--out FILE.html"), "{stderr}");
    assert!(!out.exists());
}

/// Page sizes (points) and count of a PDF Chromium wrote: each page's MediaBox.
fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let media = regex::Regex::new(r"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]").unwrap();
    media.captures_iter(&text).map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap())).collect()
}

fn printed(facts: &[&str], name: &str) -> Vec<(f64, f64)> {
    let dir = common::scratch(name);
    let out = dir.join(format!("{name}.pdf"));
    let out_arg = out.strip_prefix(common::root()).unwrap().display().to_string();
    let run = report(facts, &["--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let pages = pdf_pages(&pdf);
    assert!(!pages.is_empty(), "no pages in the PDF");
    // A4 is 595.28 × 841.89 points, either way up (an annex of many columns turns).
    for (w, h) in &pages {
        let (short, long) = if w < h { (w, h) } else { (h, w) };
        assert!((short - 595.3).abs() < 2.0 && (long - 841.9).abs() < 2.0, "not A4: {w} × {h}");
    }
    pages
}

#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn quarter_bulletin_prints_on_a4() {
    let _ = CHROMIUM;
    let pages = printed(&[QUARTER], "bulletin-quarter");
    assert!(pages.len() <= MAX_PAGES, "{} pages", pages.len());
    // The text on portrait pages; the staff table turned.
    assert!(pages[0].0 < pages[0].1);
    assert!(pages.last().is_some_and(|(w, h)| w > h));
}

#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn year_bulletin_prints_on_a4() {
    let pages = printed(&YEAR, "bulletin-year");
    assert!(pages.len() <= MAX_PAGES, "{} pages", pages.len());
}

/// The monthly 《考勤通报》 (第十七条(三)): each person's late, early,
/// missing and absent days and leave, with the day and what happened,
/// grouped by window; facts that are not attendance are left out.
#[test]
fn month_bulletin_lists_each_day() {
    let run = report(&["tests/cases/attendance/2026-07.json"], &["--date", "2026-08-03"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = text_of(&run.stdout);
    assert!(text.contains("考勤通报\n2026年第7期\n关于2026年7月窗口工作人员考勤情况的通报"), "{text}");
    assert!(text.contains("迟到、早退、离岗（缺岗）：2 次，涉及 1 人。"), "{text}");
    assert!(text.contains(
        "S0001 | 王建国 | 首席代表 | 迟到、早退、离岗（缺岗） | 2 次 | 7月3日 上午签到 09:07（应不晚于 08:55）；7月15日 下午签退 16:41（应不早于 17:00） |"
    ), "{text}");
    assert!(text.contains("| 未按时录入考勤且事后未说明 | 1 次 | 7月9日 下午签到 缺卡，未说明 |"), "{text}");
    assert!(text.contains("旷工天数 | 0.5 天 | 7月14日"), "{text}");
    assert!(!text.contains("群众来信表扬"), "praise is not attendance: {text}");
    let w01 = position(&text, "公安户政窗口\n编号");
    let w02 = position(&text, "不动产登记窗口\n编号");
    assert!(w01 < position(&text, "王建国 | 首席代表") && position(&text, "杨海燕") > w02);
    assert!(text.contains("罗山县政务服务和大数据管理局办公室\n2026年8月3日"));
    insta::assert_snapshot!("month_bulletin", text);

    // A month is counted, not scored: no ledger, no workbook.
    let explain = common::kaohe(&[
        "explain",
        "--policy",
        "policies/luoshan",
        "--facts",
        "tests/cases/attendance/2026-07.json",
        "--all",
    ]);
    assert_eq!(explain.code, 2, "{}", explain.stderr);
    assert!(explain.stderr.contains("一个月的事实不计分，所以没有台账"), "{}", explain.stderr);
}

/// A month's file is read by the facts loader, as a quarter's is: every
/// error at once, located, a count that is not a number refused (not read
/// as zero).
#[test]
fn month_facts_are_checked_against_the_policy() {
    let dir = common::scratch("month-bad-fact");
    let facts = std::fs::read_to_string(common::root().join("tests/cases/attendance/2026-07.json")).unwrap();
    let broken = facts.replace("\"unpunched\": 1", "\"unpunchd\": 1");
    let broken = broken.replacen("\"late_early_away\": 2", "\"late_early_away\": \"two\"", 1);
    assert_ne!(broken, facts.replace("\"unpunched\": 1", "\"unpunchd\": 1"), "the example has a count to break");
    std::fs::write(dir.join("m.json"), broken).unwrap();
    let path = dir.join("m.json");
    let path = path.strip_prefix(common::root()).unwrap().display().to_string();
    let run = report(&[&path], &[]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // Every error at once (miette wraps long lines: unwrap them).
    let flat = common::flat(&run.stderr);
    assert!(flat.contains("staff[1] `S0002`：未知事实 `unpunchd`"), "{flat}");
    assert!(flat.contains("提示：是不是 `unpunched`"), "{flat}");
    assert!(
        flat.contains("`facts.late_early_away`（迟到、早退、离岗（缺岗））：应为次数（整数），实为字符串"),
        "{flat}"
    );
    assert!(flat.contains(&format!("{path}:")), "located in the file: {flat}");
}

/// A month is counted for its 考勤通报, never scored: the assessment is by
/// quarter, and a month against a quarter's thresholds would mean nothing.
#[test]
fn a_month_is_not_scored() {
    let month = "tests/cases/attendance/2026-07.json";
    for args in [
        vec!["eval", "--policy", "policies/luoshan", "--facts", month],
        vec!["diff", "--from", "policies/luoshan", "--to", "policies/luoshan", "--facts", month],
    ] {
        let run = common::kaohe(&args);
        assert_eq!(run.code, 4, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
        let flat = common::flat(&run.stderr);
        assert!(flat.contains(&format!("`{month}` 是 2026-07 一个月的事实，而考核按季度进行")), "{flat}");
        assert!(flat.contains("`kaohe gather --period 2026-Q3`"), "{flat}");
    }
}

#[test]
#[ignore = "needs chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk fontconfig"]
fn month_bulletin_prints_on_a4() {
    let pages = printed(&["tests/cases/attendance/2026-07.json"], "bulletin-month");
    assert_eq!(pages.len(), 1, "{pages:?}");
}
