//! Writes a quarter of the hall's records (docs/records.md): the tables
//! `kaohe gather` reads, as a folder of CSV files or one `.xlsx` workbook.
//!
//! ```text
//! # the example quarter, for the 40 staff and 12 windows of examples/2026-Q3.json
//! cargo run --example gen_records -- --like examples/2026-Q3.json --out examples/2026-Q3-records
//! # the benchmark: 10,000 staff in 1,000 windows (about 2.5 million punches)
//! cargo run --release --example gen_records -- --staff 10000 --windows 1000 --out /tmp/records-10k
//! cargo run --release --example gen_records -- --staff 4000 --windows 400 --xlsx /tmp/records-4k.xlsx
//! ```
//!
//! The same seed always gives the same records. Workdays come from the
//! shipped policy's calendar. Most people punch four times a day on time;
//! a few are late, leave early, forget a punch (some with a 补卡说明), take
//! leave (whole days, half days, mid-day), or are written up by the duty
//! room; each window has its cases and reviews, a few overdue or carded.
//! The punch table carries the columns a face-recognition device exports
//! (姓名, 设备), which gather ignores.

// An example program: it reports on stderr as a command does.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Days, NaiveDate};

const USAGE: &str = "\
usage: gen_records (--like FACTS.json | --staff <n> --windows <n>) (--out DIR | --xlsx FILE)
                   [--period 2026-Q3] [--seed <n>]

Writes a quarter of records: CSV files into DIR, or one workbook FILE.";

struct Options {
    like: Option<PathBuf>,
    staff: usize,
    windows: usize,
    out: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    period: String,
    seed: u64,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_records: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut o = Options { like: None, staff: 0, windows: 0, out: None, xlsx: None, period: "2026-Q3".into(), seed: 42 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("`{arg}` needs a value"));
        match arg.as_str() {
            "--like" => o.like = Some(PathBuf::from(value()?)),
            "--staff" => o.staff = value()?.parse().map_err(|_| "--staff takes a number")?,
            "--windows" => o.windows = value()?.parse().map_err(|_| "--windows takes a number")?,
            "--out" => o.out = Some(PathBuf::from(value()?)),
            "--xlsx" => o.xlsx = Some(PathBuf::from(value()?)),
            "--period" => o.period = value()?,
            "--seed" => o.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let (windows, staff) = match &o.like {
        Some(path) => like(path)?,
        None if o.staff >= o.windows && o.windows > 0 => made_up(o.staff, o.windows),
        None => return Err("give --like, or --staff and --windows (at least one staff member a window)".into()),
    };
    let period = kaohe::facts::Period::parse(&o.period).ok_or("bad --period")?;
    let (start, end) = (period.start().ok_or("bad --period")?, period.end().ok_or("bad --period")?);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let policies = kaohe::app::period::load(&root.join("policies/luoshan"))
        .and_then(|l| l.strict())
        .map_err(|_| "cannot load policies/luoshan")?;
    let calendar = &policies.in_force(start).ok_or("no policy in force")?.policy.calendar;
    let days = calendar.workdays(start, end).map_err(|e| format!("no calendar for {}", e.year))?;
    let tables = generate(&windows, &staff, &days, start, end, o.seed);
    match (&o.out, &o.xlsx) {
        (Some(dir), None) => write_csv(dir, &tables).map_err(|e| e.to_string()),
        (None, Some(file)) => write_xlsx(file, &tables).map_err(|e| e.to_string()),
        _ => Err("give one of --out DIR and --xlsx FILE".into()),
    }
}

struct Person {
    id: String,
    name: String,
    window: String,
    role: &'static str,
}

type Windows = Vec<(String, String)>;

/// The windows and staff of a facts file.
fn like(path: &Path) -> Result<(Windows, Vec<Person>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let list = |key: &str| json[key].as_array().cloned().unwrap_or_default();
    let windows = list("windows").iter().map(|w| (s(&w["id"]), s(&w["name"]))).collect();
    let staff = list("staff")
        .iter()
        .map(|p| Person {
            id: s(&p["id"]),
            name: s(&p["name"]),
            window: s(&p["window"]),
            role: if p["role"] == "chief_rep" { "首席代表" } else { "操作人员" },
        })
        .collect();
    Ok((windows, staff))
}

fn s(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn made_up(staff: usize, windows: usize) -> (Windows, Vec<Person>) {
    const FAMILY: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
    const GIVEN: &[&str] =
        &["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"];
    let windows: Windows = (1..=windows).map(|w| (format!("W{w:04}"), format!("第{w}号窗口"))).collect();
    let people = (0..staff)
        .map(|i| Person {
            id: format!("S{:05}", i + 1),
            name: format!("{}{}", FAMILY[i % FAMILY.len()], GIVEN[(i / FAMILY.len()) % GIVEN.len()]),
            window: windows[i % windows.len()].0.clone(),
            role: if i < windows.len() { "首席代表" } else { "操作人员" },
        })
        .collect();
    (windows, people)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_thousand: u64) -> bool {
        self.below(1000) < per_thousand
    }
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo + 1)) as u32
    }
}

/// Each table: its name (CSV file, sheet) and rows of cells, header first.
struct Tables(Vec<(&'static str, &'static str, Vec<Vec<String>>)>);

fn hm(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn generate(
    windows: &Windows,
    staff: &[Person],
    days: &[NaiveDate],
    start: NaiveDate,
    end: NaiveDate,
    seed: u64,
) -> Tables {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut win = vec![row(&["窗口编号", "窗口名称"])];
    win.extend(windows.iter().map(|(id, name)| vec![id.clone(), name.clone()]));
    let mut roster = vec![row(&["工号", "姓名", "窗口编号", "角色", "进驻日期", "离开日期", "人员类别"])];
    let mut punches = vec![row(&["工号", "姓名", "打卡时间", "设备"])];
    let mut leave = vec![row(&["工号", "类型", "开始时间", "结束时间", "是否批准", "中心签字"])];
    let mut exemptions = vec![row(&["工号", "日期", "时段", "说明"])];
    let mut findings = vec![row(&["日期", "对象", "事项", "分值", "级别", "数量", "记录人", "说明"])];
    let mut cases = vec![row(&[
        "办件编号",
        "窗口编号",
        "受理人",
        "类型",
        "联办",
        "受理时间",
        "补齐日期",
        "承诺时限",
        "办结时间",
        "红黄牌",
        "亮牌日期",
    ])];
    let mut reviews = vec![row(&["评价时间", "窗口编号", "工号", "评价", "办件编号"])];
    let day = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    let at = |d: &NaiveDate, minute: u32, second: u32| format!("{} {}:{second:02}", day(d), hm(minute));
    for (i, p) in staff.iter().enumerate() {
        // One in fifty joined during the quarter; one in eighty left.
        let joined = rng.chance(20).then(|| days[rng.below(days.len() as u64 / 2) as usize]);
        let left = (joined.is_none() && rng.chance(12))
            .then(|| days[days.len() / 2 + rng.below(days.len() as u64 / 2) as usize]);
        let kind = if rng.chance(150) { "事业单位" } else { "" };
        roster.push(vec![
            p.id.clone(),
            p.name.clone(),
            p.window.clone(),
            p.role.to_string(),
            joined.map(|d| day(&d)).unwrap_or_default(),
            left.map(|d| day(&d)).unwrap_or_default(),
            kind.to_string(),
        ]);
        // Leave: a few whole days, a half day, mid-day leaves.
        let mut off: Vec<(NaiveDate, bool, bool)> = Vec::new(); // (day, morning off, afternoon off)
        let mut add_leave = |rng: &mut Rng, kind: &str, from: String, to: String, approved: bool, signed: &str| {
            let _ = rng;
            leave.push(vec![
                p.id.clone(),
                kind.to_string(),
                from,
                to,
                if approved { "是" } else { "否" }.into(),
                signed.into(),
            ]);
        };
        if rng.chance(300) {
            let k = rng.below(days.len() as u64 - 3) as usize;
            let n = 1 + rng.below(3) as usize;
            add_leave(&mut rng, "事假", at(&days[k], 540, 0), at(&days[k + n - 1], 1020, 0), true, "");
            off.extend(days[k..k + n].iter().map(|d| (*d, true, true)));
        }
        if rng.chance(150) {
            let d = days[rng.below(days.len() as u64) as usize];
            add_leave(&mut rng, "病假", at(&d, 780, 0), at(&d, 1020, 0), true, "");
            off.push((d, false, true));
        }
        if rng.chance(100) {
            let k = rng.below(days.len() as u64 - 5) as usize;
            let signed = if rng.chance(800) { "是" } else { "否" };
            add_leave(&mut rng, "年休假", at(&days[k], 540, 0), at(&days[k + 4], 1020, 0), true, signed);
            off.extend(days[k..k + 5].iter().map(|d| (*d, true, true)));
        }
        if rng.chance(8) {
            let d = days[rng.below(days.len() as u64) as usize];
            add_leave(&mut rng, "事假", at(&d, 540, 0), at(&d, 720, 0), false, "");
            off.push((d, true, false));
        }
        let midday = if rng.chance(400) { 1 + rng.below(9) } else { 0 };
        let mut midday_days = Vec::new();
        for _ in 0..midday {
            let d = days[rng.below(days.len() as u64) as usize];
            let from = rng.between(14 * 60, 15 * 60);
            let minutes = [60, 90, 100, 130, 150][rng.below(5) as usize];
            add_leave(&mut rng, "中途请假", at(&d, from, 0), at(&d, from + minutes, 0), true, "");
            midday_days.push(d);
        }
        let device = format!("大厅{}号机", 1 + i % 4);
        for d in days {
            if joined.is_some_and(|j| *d < j) || left.is_some_and(|l| *d > l) {
                continue;
            }
            let (m_off, a_off) =
                off.iter().filter(|(o, _, _)| o == d).fold((false, false), |(m, a), (_, om, oa)| (m || *om, a || *oa));
            let mut times = Vec::new();
            if !m_off {
                times.push(if rng.chance(12) { rng.between(536, 560) } else { rng.between(510, 535) });
                times.push(if rng.chance(4) { rng.between(690, 719) } else { rng.between(720, 745) });
            }
            if !a_off {
                times.push(if rng.chance(8) { rng.between(781, 810) } else { rng.between(770, 780) });
                times.push(if rng.chance(4) && !midday_days.contains(d) {
                    rng.between(990, 1019)
                } else {
                    rng.between(1020, 1050)
                });
            }
            for (slot, minute) in times.into_iter().enumerate() {
                // A forgotten punch, now and then with a 补卡说明.
                if rng.chance(3) {
                    if rng.chance(600) {
                        let label = ["上午签到", "上午签退", "下午签到", "下午签退"]
                            [if m_off { slot + 2 } else { slot }.min(3)];
                        exemptions.push(vec![p.id.clone(), day(d), label.to_string(), "人脸识别机故障，已核实".into()]);
                    }
                    continue;
                }
                let second = rng.between(0, 59);
                punches.push(vec![p.id.clone(), p.name.clone(), at(d, minute, second), device.clone()]);
                if rng.chance(20) {
                    punches.push(vec![p.id.clone(), p.name.clone(), at(d, minute, (second + 7) % 60), device.clone()]);
                }
            }
        }
    }
    // The duty room's log: about one finding per six people.
    let items: &[(&str, &str, &str)] = &[
        ("串岗", "", ""),
        ("脱岗超过2小时", "", ""),
        ("缺岗", "", ""),
        ("态度冷漠、不文明言行", "6", ""),
        ("办公桌面摆放不整齐", "", ""),
        ("留言、来信表扬", "", ""),
        ("news_articles", "", "县级"),
        ("穿拖鞋、衣着不整齐", "", ""),
    ];
    for _ in 0..staff.len().div_ceil(6) {
        let p = &staff[rng.below(staff.len() as u64) as usize];
        let d = days[rng.below(days.len() as u64) as usize];
        let (item, points, level) = items[rng.below(items.len() as u64) as usize];
        findings.push(vec![
            day(&d),
            p.id.clone(),
            item.into(),
            points.into(),
            level.into(),
            String::new(),
            "值班员".into(),
            String::new(),
        ]);
    }
    for _ in 0..windows.len().div_ceil(3) {
        let (w, _) = &windows[rng.below(windows.len() as u64) as usize];
        let d = days[rng.below(days.len() as u64) as usize];
        findings.push(vec![
            day(&d),
            w.clone(),
            "housekeeping".into(),
            "2".into(),
            String::new(),
            String::new(),
            "环境股".into(),
            "内务不整洁".into(),
        ]);
    }
    // Cases and reviews: a few dozen a window.
    let by_window: std::collections::HashMap<&str, Vec<&Person>> = staff.iter().fold(Default::default(), |mut m, p| {
        m.entry(p.window.as_str()).or_default().push(p);
        m
    });
    let mut n = 0;
    for (w, _) in windows {
        let people = by_window.get(w.as_str()).cloned().unwrap_or_default();
        if people.is_empty() {
            continue;
        }
        for _ in 0..30 {
            n += 1;
            let p = people[rng.below(people.len() as u64) as usize];
            let k = rng.below(days.len() as u64) as usize;
            let d = days[k];
            let id = format!("{}-{n:06}", start.format("%Y"));
            let accepted = at(&d, rng.between(540, 1000), 0);
            let joint = if rng.chance(100) { "是" } else { "否" };
            let (card, card_date) =
                if rng.chance(5) { ("黄牌".to_string(), day(&d)) } else { (String::new(), String::new()) };
            if rng.chance(400) {
                let late = rng.chance(20);
                let finished =
                    if late { days.get(k + 1).map(|f| at(f, 600, 0)).unwrap_or_default() } else { at(&d, 1010, 0) };
                cases.push(vec![
                    id.clone(),
                    w.clone(),
                    p.id.clone(),
                    "即办件".into(),
                    joint.into(),
                    accepted,
                    String::new(),
                    String::new(),
                    finished,
                    card,
                    card_date,
                ]);
            } else {
                let limit = [3u32, 5, 7, 10, 15][rng.below(5) as usize];
                let due = days.get(k + limit as usize).copied().unwrap_or(end);
                let finish_day = if rng.chance(30) {
                    due.checked_add_days(Days::new(2)).unwrap_or(due)
                } else {
                    days.get(k + (limit as usize) / 2).copied().unwrap_or(due)
                };
                let finished =
                    if finish_day > end && rng.chance(500) { String::new() } else { at(&finish_day, 900, 0) };
                let completed =
                    if rng.chance(100) { days.get(k + 1).map(&day).unwrap_or_default() } else { String::new() };
                cases.push(vec![
                    id.clone(),
                    w.clone(),
                    p.id.clone(),
                    "承诺件".into(),
                    joint.into(),
                    accepted,
                    completed,
                    limit.to_string(),
                    finished,
                    card,
                    card_date,
                ]);
            }
            if rng.chance(700) {
                let rating = match rng.below(1000) {
                    0..=19 => "不满意",
                    20..=24 => "非常不满意",
                    25..=99 => "基本满意",
                    100..=399 => "满意",
                    _ => "非常满意",
                };
                let who = if rng.chance(600) { p.id.clone() } else { String::new() };
                reviews.push(vec![at(&d, rng.between(600, 1010), 0), w.clone(), who, rating.into(), id]);
            }
        }
    }
    Tables(vec![
        ("windows.csv", "窗口", win),
        ("roster.csv", "人员", roster),
        ("punches.csv", "打卡", punches),
        ("leave.csv", "请假", leave),
        ("exemptions.csv", "补卡说明", exemptions),
        ("findings.csv", "巡查记录", findings),
        ("cases.csv", "办件", cases),
        ("reviews.csv", "评价", reviews),
    ])
}

fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

fn write_csv(dir: &Path, tables: &Tables) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (file, _, rows) in &tables.0 {
        let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join(file))?);
        for row in rows {
            let cells: Vec<_> = row.iter().map(|c| csv_cell(c)).collect();
            writeln!(out, "{}", cells.join(","))?;
        }
        out.flush()?;
    }
    Ok(())
}

fn write_xlsx(file: &Path, tables: &Tables) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (_, sheet, rows) in &tables.0 {
        let ws = book.add_worksheet_with_constant_memory()?;
        ws.set_name(*sheet)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, cell)?;
                }
            }
        }
    }
    book.save(file)
}
