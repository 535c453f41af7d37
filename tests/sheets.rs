//! Facts in a spreadsheet (docs/io.md): `kaohe template` writes a workbook
//! that a spreadsheet program reads with its validation in place, and a
//! filled copy scores exactly like the same facts in JSON. The CSV form of
//! the layout scores alike too, and every bad cell is refused with where it
//! is (the error list is a snapshot: review it before accepting).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use serde_json::Value;

const FACTS: &str = "examples/2026-Q3.json";

fn example() -> Value {
    serde_json::from_str(&std::fs::read_to_string(common::root().join(FACTS)).unwrap()).unwrap()
}

/// A records.md roster of the example's staff, and its windows beside it.
fn write_roster(dir: &Path, facts: &Value) -> PathBuf {
    let role = |id: &str| if id == "chief_rep" { "首席代表" } else { "操作人员" };
    let mut roster = String::from("工号,姓名,窗口编号,角色,进驻日期,离开日期,人员类别\n");
    for person in facts["staff"].as_array().unwrap() {
        let s = |k: &str| person[k].as_str().unwrap().to_string();
        let kind = if person["staff_type"] == "institution" { "事业单位" } else { "" };
        roster.push_str(&format!("{},{},{},{},,,{kind}\n", s("id"), s("name"), s("window"), role(&s("role"))));
    }
    // Someone who left before the quarter is not in its template.
    roster.push_str("S9999,已调离,W01,操作人员,2025-01-01,2026-06-30,\n");
    let mut windows = String::from("窗口编号,窗口名称\n");
    for window in facts["windows"].as_array().unwrap() {
        windows.push_str(&format!("{},{}\n", window["id"].as_str().unwrap(), window["name"].as_str().unwrap()));
    }
    std::fs::write(dir.join("roster.csv"), roster).unwrap();
    std::fs::write(dir.join("windows.csv"), windows).unwrap();
    dir.join("roster.csv")
}

fn template(dir: &Path, facts: &Value) -> PathBuf {
    let roster = write_roster(dir, facts);
    let out = dir.join("2026-Q3.xlsx");
    let run = common::kaohe(&[
        "template",
        "--policy",
        "policies/luoshan",
        "--period",
        "2026-Q3",
        "--roster",
        roster.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("40 staff and 12 windows (1 on the roster"), "{}", run.stderr);
    out
}

fn text(data: &Data) -> String {
    match data {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Every part of the xlsx (a zip of XML files), by name.
fn parts(path: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut body = String::new();
        file.read_to_string(&mut body).unwrap();
        out.insert(file.name().unwrap().to_string(), body);
    }
    out
}

#[test]
fn template_reads_back_with_its_validation() {
    let dir = common::scratch("template_reads_back");
    let facts = example();
    let path = template(&dir, &facts);
    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan/2026")).unwrap();

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["人员", "窗口", "说明"]);

    let staff = book.worksheet_range("人员").unwrap();
    let header: Vec<String> = staff.rows().next().unwrap().iter().map(text).collect();
    let mut expected: Vec<String> = ["编号", "姓名", "窗口", "角色"].iter().map(|s| s.to_string()).collect();
    expected.extend(policy.staff.attributes.iter().map(|a| a.name.label.clone()));
    expected.extend(["进驻日期".to_string(), "人员类别".to_string()]);
    expected.extend(policy.staff.facts.iter().map(|f| f.name.label.clone()));
    assert_eq!(header, expected);
    // The roster, in its order, with roles by label; the one who left is not there.
    let rows: Vec<Vec<String>> = staff.rows().skip(1).map(|r| r.iter().take(4).map(text).collect()).collect();
    assert_eq!(rows.len(), 40);
    for (row, person) in rows.iter().zip(facts["staff"].as_array().unwrap()) {
        assert_eq!(row[0], person["id"].as_str().unwrap());
        assert_eq!(row[1], person["name"].as_str().unwrap());
        assert_eq!(row[2], person["window"].as_str().unwrap());
        assert_eq!(row[3], if person["role"] == "chief_rep" { "首席代表" } else { "操作人员" });
    }
    let windows = book.worksheet_range("窗口").unwrap();
    let first: Vec<String> = windows.rows().nth(1).unwrap().iter().take(2).map(text).collect();
    assert_eq!(first, ["W01", "公安户政窗口"]);
    assert_eq!(windows.rows().count(), 13);
    let info = book.worksheet_range("说明").unwrap();
    let period: Vec<String> = info.rows().next().unwrap().iter().take(2).map(text).collect();
    assert_eq!(period, ["考核期", "2026-Q3"]);

    // Inside the file: the validation of each kind of column, input
    // messages on the headers, the header frozen.
    let parts = parts(&path);
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    let count: usize =
        regex::Regex::new(r#"<dataValidations count="(\d+)">"#).unwrap().captures(sheet).unwrap()[1].parse().unwrap();
    assert!(count >= 2 * header.len() - 2, "{count} validations for {} columns", header.len());
    assert_eq!(sheet.matches("<dataValidation ").count(), count);
    let column = |label: &str| {
        let c = header.iter().position(|h| h == label).unwrap();
        let letters = if c < 26 {
            char::from(b'A' + c as u8).to_string()
        } else {
            format!("{}{}", char::from(b'A' + (c / 26 - 1) as u8), char::from(b'A' + (c % 26) as u8))
        };
        let pattern =
            format!(r#"<dataValidation [^>]*sqref="{letters}2:{letters}1048576"[^>]*>(.*?)</dataValidation>"#);
        let found = regex::Regex::new(&pattern).unwrap().find(sheet).map(|m| m.as_str().to_string());
        found.unwrap_or_else(|| panic!("no validation on column {letters} ({label})"))
    };
    let label = |id: &str| policy.staff.facts.iter().find(|f| f.name.id == id).unwrap().name.label.clone();
    let count_rule = column(&label("late_early_away"));
    assert!(count_rule.contains(r#"type="whole""#) && count_rule.contains("<formula1>0</formula1>"), "{count_rule}");
    let days_rule = column(&label("absent_days"));
    assert!(days_rule.contains(r#"type="custom""#) && days_rule.contains("MOD("), "{days_rule}");
    let amounts_rule = column(&label("rude_conduct"));
    assert!(
        amounts_rule.contains("ISTEXT(") && amounts_rule.contains("&gt;=5") && amounts_rule.contains("&lt;=10"),
        "{amounts_rule}"
    );
    assert!(amounts_rule.contains("分号"), "the input message explains the list: {amounts_rule}");
    let role_rule = column("角色");
    assert!(role_rule.contains(r#"type="list""#) && role_rule.contains("首席代表,操作人员"), "{role_rule}");
    let window_rule = column("窗口");
    assert!(window_rule.contains("窗口!$A$2"), "{window_rule}");
    assert!(sheet.contains(r#"sqref="A1""#) && sheet.contains("promptTitle=\"编号\""), "input message on the header");
    assert!(sheet.contains(r#"state="frozen""#), "the header is frozen");
    assert!(parts["xl/worksheets/sheet2.xml"].contains("<dataValidations"));
}

/// The template, filled in cell by cell with the example's facts (as a
/// clerk would: numbers in count and day columns, `6;8` and `市级:1` as
/// text), scores exactly as the JSON does.
#[test]
fn filled_template_scores_like_json() {
    let dir = common::scratch("filled_template");
    let facts = example();
    let path = template(&dir, &facts);
    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan/2026")).unwrap();
    let levels: BTreeMap<String, String> = policy.levels.iter().map(|l| (l.id.clone(), l.label.clone())).collect();

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let mut filled = parts(&path);
    for (sheet, part, list, subject) in [
        ("人员", "xl/worksheets/sheet1.xml", "staff", &policy.staff),
        ("窗口", "xl/worksheets/sheet2.xml", "windows", &policy.window),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        let header: Vec<String> = range.rows().next().unwrap().iter().map(text).collect();
        let id_of_label = |label: &str| {
            subject.facts.iter().chain(&subject.attributes).find(|f| f.name.label == label).map(|f| f.name.id.clone())
        };
        let mut cells: BTreeMap<u32, Vec<(usize, String)>> = BTreeMap::new();
        for (r, record) in facts[list].as_array().unwrap().iter().enumerate() {
            let row = r as u32 + 2;
            for (c, label) in header.iter().enumerate() {
                let Some(id) = id_of_label(label) else { continue };
                let value = record.get(&id).or_else(|| record["facts"].get(&id));
                let Some(value) = value else { continue };
                let xml = match value {
                    Value::Number(n) => format!("<v>{n}</v>"),
                    Value::Array(amounts) => {
                        let joined = amounts.iter().map(Value::to_string).collect::<Vec<_>>().join(";");
                        inline(&joined)
                    }
                    Value::Object(by_level) => {
                        let joined = by_level
                            .iter()
                            .map(|(level, n)| format!("{}:{n}", levels[level]))
                            .collect::<Vec<_>>()
                            .join(";");
                        inline(&joined)
                    }
                    other => panic!("{other}"),
                };
                cells.entry(row).or_default().push((c, xml));
            }
        }
        let body = filled.get_mut(part).unwrap();
        *body = fill(body, &cells);
    }
    let filled_path = dir.join("2026-Q3-filled.xlsx");
    write_parts(&filled_path, &filled);

    let eval = |facts: &str, format: &str| {
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", facts, "--format", format]);
        assert_eq!(run.code, 0, "{facts}: {}", run.stderr);
        run.stdout
    };
    let sheet = filled_path.to_str().unwrap();
    let json = eval(FACTS, "json");
    assert_eq!(eval(sheet, "json"), json);
    assert_eq!(eval(sheet, "table"), eval(FACTS, "table"));
    // The results are those of the example, not of an empty quarter.
    assert!(json.contains("\"rule\": \"penalties.red_yellow_cards.in_window.to_chief_rep\""));

    let explain = |facts: &str| {
        let run = common::kaohe(&["explain", "--policy", "policies/luoshan", "--facts", facts, "--id", "S0018"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    assert_eq!(explain(sheet), explain(FACTS));
    let run = common::kaohe(&["annual", "--policy", "policies/luoshan", "--facts", sheet, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The same facts as CSV files (人员.csv, 窗口.csv, 说明.csv), with ids as
/// headers this time and the staff file saved as GBK, as Excel on a Chinese
/// Windows saves it: the same results.
#[test]
fn csv_summary_scores_like_json() {
    let dir = common::scratch("csv_summary").join("2026-Q3");
    std::fs::create_dir_all(&dir).unwrap();
    let facts = example();
    let policy = kaohe::app::load::load_newest(&common::root().join("policies/luoshan/2026")).unwrap();
    let levels: BTreeMap<String, String> = policy.levels.iter().map(|l| (l.id.clone(), l.label.clone())).collect();
    for (file, list, subject, fixed) in [
        (
            "人员.csv",
            "staff",
            &policy.staff,
            &["id", "name", "window", "role", "workdays", "days_away", "staff_type"][..],
        ),
        ("窗口.csv", "windows", &policy.window, &["id", "name"][..]),
    ] {
        let ids: Vec<&str> = fixed.iter().copied().chain(subject.facts.iter().map(|f| f.name.id.as_str())).collect();
        let mut csv = ids.join(",") + "\n";
        for record in facts[list].as_array().unwrap() {
            let cells: Vec<String> = ids
                .iter()
                .map(|id| match record.get(*id).or_else(|| record["facts"].get(*id)) {
                    None => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(a)) => a.iter().map(Value::to_string).collect::<Vec<_>>().join(";"),
                    Some(Value::Object(o)) => {
                        o.iter().map(|(l, n)| format!("{}:{n}", levels[l])).collect::<Vec<_>>().join(";")
                    }
                    Some(other) => other.to_string(),
                })
                .collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let bytes = if list == "staff" {
            let (gbk, _, lossy) = encoding_rs::GBK.encode(&csv);
            assert!(!lossy);
            gbk.into_owned()
        } else {
            csv.into_bytes()
        };
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    std::fs::write(dir.join("说明.csv"), "考核期,2026-Q3\n").unwrap();
    let eval = |facts: &str| {
        let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", facts, "--format", "json"]);
        assert_eq!(run.code, 0, "{facts}: {}", run.stderr);
        run.stdout
    };
    let json = eval(FACTS);
    assert_eq!(eval(dir.to_str().unwrap()), json, "the folder");
    assert_eq!(eval(dir.join("窗口.csv").to_str().unwrap()), json, "one of its files");
}

/// Every kind of bad cell, header and table, each with its place, all at once.
#[test]
fn sheet_errors() {
    let dir = common::scratch("sheet_errors").join("2026-Q3");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("说明.csv"), "考核期,2026-Q5\n").unwrap();
    std::fs::write(
        dir.join("窗口.csv"),
        "编号,名称,投诉属实,好差评不满意\nW01,公安户政窗口,12,1\nW02,不动产登记窗口,5;6,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("人员.csv"),
        "序号,编号,姓名,窗口,角色,在岗工作日,迟到早退,态度冷漠、不文明言行,新闻稿件被采纳,旷工天数,,投诉属实,进驻日期\n\
         1,S001,张三,公安户政窗口,首席代表,64,2,6;12,县级,1.3,5,,2026-13-01\n\
         2,S001,李四,W2,组长,,,,市级:1.5,,,,\n\
         3,S003,王五,W01,operator,60.5,,,,,,,\n",
    )
    .unwrap();
    let relative = dir.strip_prefix(common::root()).unwrap().display().to_string();
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &relative]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("sheet_errors_csv", run.stderr);
    // The same errors in English, from the same list of messages.
    let run = common::kaohe_en(&["eval", "--policy", "policies/luoshan", "--facts", &relative]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    insta::assert_snapshot!("sheet_errors_csv_in_english", run.stderr);
}

/// In a workbook: cells of the wrong type (a date where a count goes, a
/// bare number where levels go, TRUE), a missing required column, the
/// period of the name against the one stated.
#[test]
fn workbook_errors() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = common::scratch("workbook_errors");
    let mut book = Workbook::new();
    let staff = book.add_worksheet().set_name("人员").unwrap();
    for (c, h) in
        ["编号", "姓名", "窗口", "在岗工作日", "late_early_away", "新闻稿件被采纳", "病假天数"].iter().enumerate()
    {
        staff.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    staff.write_string(1, 0, "S001").unwrap();
    staff.write_string(1, 2, "W01").unwrap();
    staff.write_number(1, 3, 64).unwrap();
    staff.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 7, 3).unwrap(), &date).unwrap();
    staff.write_number(1, 5, 1).unwrap();
    staff.write_boolean(1, 6, true).unwrap();
    let windows = book.add_worksheet().set_name("窗口").unwrap();
    windows.write_string(0, 0, "编号").unwrap();
    windows.write_string(1, 0, "W01").unwrap();
    let info = book.add_worksheet().set_name("说明").unwrap();
    info.write_string(0, 0, "考核期").unwrap();
    info.write_string(0, 1, "2026-Q3").unwrap();
    let path = dir.join("2026-Q4.xlsx");
    book.save(&path).unwrap();

    let relative = path.strip_prefix(common::root()).unwrap().display().to_string();
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", &relative]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    insta::assert_snapshot!("sheet_errors_xlsx", run.stderr);
}

/// The roster's workdays in the hall are filled in from the policy's
/// calendar (records.md): the quarter's weekdays less the holidays, plus
/// the weekend days worked, from joining to leaving.
#[test]
fn template_fills_in_workdays_from_the_calendar() {
    let dir = common::scratch("template_workdays");
    std::fs::write(
        dir.join("roster.csv"),
        "工号,姓名,窗口编号,角色,进驻日期,离开日期\nA1,全季,W01,首席代表,,\nA2,九月进驻,W01,操作人员,2026-09-01,\nA3,七月底离开,W01,操作人员,2025-03-01,2026-07-31\n",
    )
    .unwrap();
    let out = dir.join("2026-Q3.xlsx");
    let run = common::kaohe(&[
        "template",
        "--policy",
        "policies/luoshan",
        "--period",
        "2026-Q3",
        "--roster",
        dir.join("roster.csv").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Counted here from records.md's 2026 notice: 09-25 is off, Sunday 09-20 is worked.
    let workdays = |from: (u32, u32), to: (u32, u32)| {
        let day = |(m, d)| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let off = [day((9, 25))];
        let worked = [day((9, 20))];
        day(from)
            .iter_days()
            .take_while(|d| *d <= day(to))
            .filter(|d| {
                use chrono::Datelike;
                worked.contains(d) || (d.weekday().num_days_from_monday() < 5 && !off.contains(d))
            })
            .count() as f64
    };
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let staff = book.worksheet_range("人员").unwrap();
    let header: Vec<String> = staff.rows().next().unwrap().iter().map(text).collect();
    let column = header.iter().position(|h| h == "在岗工作日").unwrap();
    let filled: Vec<(String, f64)> =
        staff.rows().skip(1).map(|r| (text(&r[0]), if let Data::Float(f) = r[column] { f } else { -1.0 })).collect();
    assert_eq!(
        filled,
        [
            ("A1".to_string(), workdays((7, 1), (9, 30))),
            ("A2".to_string(), workdays((9, 1), (9, 30))),
            ("A3".to_string(), workdays((7, 1), (7, 31))),
        ]
    );
    assert_eq!(filled[0].1, 66.0);
}

#[test]
fn template_refuses_a_bad_command_line() {
    let run = common::kaohe(&["template", "--policy", "policies/luoshan", "--period", "2026-Q5", "--out", "x.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let dir = common::scratch("template_bad_out");
    let out = dir.join("2026-Q4.json");
    let run = common::kaohe(&[
        "template",
        "--policy",
        "policies/luoshan",
        "--period",
        "2026-Q4",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!out.exists());
    // Never over an input: the roster itself.
    let roster = write_roster(&dir, &example());
    let before = std::fs::read(&roster).unwrap();
    let run = common::kaohe(&[
        "template",
        "--policy",
        "policies/luoshan",
        "--period",
        "2026-Q4",
        "--roster",
        roster.to_str().unwrap(),
        "--out",
        roster.with_extension("xlsx").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(&roster).unwrap(), before);
}

fn inline(text: &str) -> String {
    format!(r#"<is><t>{text}</t></is>"#)
}

/// Put cells into a sheet's rows, keeping each row's cells in column order.
fn fill(sheet: &str, cells: &BTreeMap<u32, Vec<(usize, String)>>) -> String {
    let row_re = regex::Regex::new(r#"(?s)<row r="(\d+)"([^>]*)>(.*?)</row>"#).unwrap();
    let cell_re = regex::Regex::new(r#"(?s)<c r="([A-Z]+)\d+"[^>]*?(?:/>|>.*?</c>)"#).unwrap();
    row_re
        .replace_all(sheet, |caps: &regex::Captures<'_>| {
            let row: u32 = caps[1].parse().unwrap();
            let mut all: Vec<(usize, String)> =
                cell_re.captures_iter(&caps[3]).map(|c| (column(&c[1]), c[0].to_string())).collect();
            // A filled cell replaces what the template put there (the workdays).
            let filled: Vec<usize> = cells.get(&row).into_iter().flatten().map(|(c, _)| *c).collect();
            all.retain(|(c, _)| !filled.contains(c));
            for (c, value) in cells.get(&row).into_iter().flatten() {
                let name = format!("{}{row}", letters(*c));
                let kind = if value.starts_with("<is>") { r#" t="inlineStr""# } else { "" };
                all.push((*c, format!(r#"<c r="{name}"{kind}>{value}</c>"#)));
            }
            all.sort_by_key(|(c, _)| *c);
            // The row's span attribute would be stale: leave it out, keep the rest (its height).
            let attributes = regex::Regex::new(r#"\s*spans="[^"]*""#).unwrap().replace(&caps[2], "").into_owned();
            format!(r#"<row r="{row}"{attributes}>{}</row>"#, all.into_iter().map(|(_, x)| x).collect::<String>())
        })
        .into_owned()
}

fn column(letters: &str) -> usize {
    letters.bytes().fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1
}

fn letters(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn write_parts(path: &Path, parts: &BTreeMap<String, String>) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    // [Content_Types].xml first, as spreadsheet programs expect.
    let mut names: Vec<&String> = parts.keys().collect();
    names.sort_by_key(|n| (n.as_str() != "[Content_Types].xml", n.as_str()));
    for name in names {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(parts[name].as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}
