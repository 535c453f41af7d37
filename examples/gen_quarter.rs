//! Writes a large, random but valid facts file, to benchmark `kaohe eval`.
//!
//! ```text
//! cargo run --release --example gen_quarter -- --staff 100000 --windows 1000 > big.json
//! kaohe eval --policy policies/luoshan --facts big.json --format json > /dev/null
//! ```
//!
//! The same seed always gives the same file. Staff are spread over the
//! windows, each window listing its `chief_rep` first and then its
//! operators. Most records carry a few facts and a few carry many, drawn
//! from the whole vocabulary of `rubric.md` with values inside its ranges.

// A developer's tool, not kaohe: it may print its usage directly.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage: gen_quarter --staff <n> --windows <n> [--seed <n>] [--period <YYYY-Qn|YYYY>]

Writes a random facts file (the JSON of io.md) to stdout.

options:
  --staff <n>      number of staff records (at least one per window)
  --windows <n>    number of windows (at least 1)
  --seed <n>       seed of the random generator [default: 42]
  --period <p>     the period, `2026-Q3` or `2026` [default: 2026-Q3]
  -h, --help       print this help";

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Generate(options)) => options,
        Err(message) => {
            eprintln!("gen_quarter: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match write_quarter(&mut out, &options).and_then(|()| out.flush()) {
        Ok(()) => {
            eprintln!(
                "wrote {} staff in {} windows (period {}, seed {})",
                options.staff, options.windows, options.period, options.seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_quarter: cannot write the facts file: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------

struct Options {
    staff: u64,
    windows: u64,
    seed: u64,
    period: String,
}

enum Command {
    Help,
    Generate(Options),
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let (mut staff, mut windows, mut seed, mut period) = (None, None, 42, "2026-Q3".to_string());
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        // `--name value` or `--name=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg, None),
        };
        if !matches!(name.as_str(), "--staff" | "--windows" | "--seed" | "--period") {
            return Err(format!("unknown argument `{name}`"));
        }
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(format!("`{name}` needs a value")),
        };
        match name.as_str() {
            "--staff" => staff = Some(number(&name, &value)?),
            "--windows" => windows = Some(number(&name, &value)?),
            "--seed" => seed = number(&name, &value)?,
            _ => period = checked_period(&value)?,
        }
    }
    let staff = staff.ok_or("`--staff` is required")?;
    let windows = windows.ok_or("`--windows` is required")?;
    if windows == 0 {
        return Err("`--windows` must be at least 1".into());
    }
    if staff < windows {
        return Err(format!("`--staff {staff}` is fewer than `--windows {windows}`: every window needs a chief rep"));
    }
    Ok(Command::Generate(Options { staff, windows, seed, period }))
}

fn number(name: &str, value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("`{name}` expects a whole number, found `{value}`"))
}

/// `YYYY-Qn` (n in 1..=4) or `YYYY`.
fn checked_period(value: &str) -> Result<String, String> {
    let year_ok = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    let ok = match value.split_once("-Q") {
        Some((year, quarter)) => year_ok(year) && matches!(quarter, "1" | "2" | "3" | "4"),
        None => year_ok(value),
    };
    if ok {
        Ok(value.to_string())
    } else {
        Err(format!("`--period` expects `YYYY-Qn` or `YYYY`, found `{value}`"))
    }
}

// ---------------------------------------------------------------------------
// The vocabulary of rubric.md, with how often each fact turns up
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Kind {
    /// A whole number ≥ 0; the number is a typical light value.
    Count(u32),
    /// Days, a multiple of 0.5.
    Days,
    /// A list of points, each inside `lo..=hi`.
    Amounts(u32, u32),
    /// Counts per level.
    Levels,
}

use Kind::{Amounts, Count, Days, Levels};

/// (fact, kind, weight): a weight-20 fact turns up ten times as often as a
/// weight-2 one.
type Entry = (&'static str, Kind, u32);

const STAFF_FACTS: &[Entry] = &[
    // discipline
    ("rude_conduct", Amounts(5, 10), 2),
    ("attire_violations", Count(1), 5),
    ("badge_missed_twice", Count(1), 5),
    ("disobedience", Amounts(1, 3), 3),
    ("off_task", Count(1), 4),
    ("prohibited_acts", Count(1), 2),
    // prohibited_serious is counted among prohibited_acts (never more): left out here.
    ("missed_study", Count(1), 4),
    // service
    ("inquiry_failures", Count(1), 6),
    ("overdue_cases", Count(1), 5),
    ("overdue_joint_cases", Count(1), 2),
    ("platform_lapses", Amounts(3, 5), 3),
    ("integration_lapses", Amounts(2, 5), 3),
    // attendance
    ("late_early_away", Count(2), 20),
    ("absent_days", Days, 2),
    ("unpunched", Count(1), 3),
    ("personal_leave_days", Days, 15),
    ("sick_leave_days", Days, 10),
    ("midday_leaves", Count(6), 20),
    ("long_midday_leaves", Count(1), 6),
    ("unsigned_leave_days", Days, 1),
    ("outsiders_admitted", Count(1), 3),
    // gov_service
    ("verified_complaints", Count(1), 3),
    ("buck_passing", Amounts(2, 5), 2),
    ("buck_passing_harm", Count(1), 1),
    ("service_lapses", Count(1), 5),
    // penalties
    ("exposures", Levels, 1),
    ("red_yellow_cards", Count(1), 1),
    // civility
    ("desk_untidy", Count(2), 10),
    ("littering", Count(1), 5),
    ("appliances", Count(1), 3),
    ("volunteer_refusals", Amounts(1, 5), 2),
    // bonus
    ("praise_messages", Count(2), 15),
    ("banners", Count(1), 4),
    ("good_deeds", Count(1), 8),
    ("exemplary_deeds", Count(1), 2),
    ("adopted_suggestions", Count(1), 3),
    ("competition_awards", Amounts(3, 5), 2),
    ("news_articles", Levels, 2),
];

const WINDOW_FACTS: &[Entry] = &[
    // conduct
    ("disobedience", Count(1), 2),
    ("staffing_violations", Count(1), 2),
    ("staff_discipline", Amounts(3, 5), 4),
    ("frequent_complaints", Count(1), 2),
    // service
    ("disputes", Count(1), 2),
    ("overdue_cases", Count(1), 5),
    ("housekeeping", Amounts(2, 5), 5),
    // approval
    ("publication_lapses", Amounts(2, 5), 3),
    ("centralization_lapses", Amounts(2, 5), 2),
    ("online_lapses", Amounts(2, 5), 3),
    ("one_window_lapses", Amounts(4, 6), 2),
    // optimization
    ("joint_lapses", Amounts(3, 5), 3),
    ("joint_delays", Count(1), 1),
    ("dissatisfied_reviews", Count(1), 6),
    ("verified_complaints", Amounts(5, 10), 2),
    // bonus
    ("written_praise", Count(1), 6),
    ("adopted_suggestions", Count(1), 3),
    ("media_reports", Levels, 3),
    // eligibility only
    ("exposures", Levels, 1),
];

const LEVEL_NAMES: [&str; 4] = ["county", "city", "province", "national"];

const DESKS: &[&str] = &[
    "公安户政窗口",
    "不动产登记窗口",
    "社保窗口",
    "医保窗口",
    "税务窗口",
    "市场监管窗口",
    "公积金窗口",
    "民政婚姻登记窗口",
    "人社就业窗口",
    "交通运输窗口",
    "住建窗口",
    "综合受理窗口",
    "水电气报装窗口",
    "残联窗口",
    "退役军人事务窗口",
    "卫健窗口",
];

const SURNAMES: &str = "王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 马 胡 朱 郭 何 罗 高 林 郑 梁 谢 宋 唐 许 韩 冯 邓 曹";
const GIVEN: &str = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 秀英 晓燕 建华 志强 海燕 文博 雪梅 国庆 春兰 子涵 浩然 欣怡 俊杰 玉兰 红梅 建国";

// ---------------------------------------------------------------------------
// Random numbers: splitmix64
// ---------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6A09_E667_F3BC_C908)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi.saturating_sub(lo)) + 1) as u32
    }

    fn percent(&mut self, p: u32) -> bool {
        self.below(100) < u64::from(p)
    }

    /// A fact drawn by weight.
    fn weighted(&mut self, entries: &[Entry]) -> usize {
        let total: u64 = entries.iter().map(|e| u64::from(e.2)).sum();
        let mut r = self.below(total);
        for (i, e) in entries.iter().enumerate() {
            if r < u64::from(e.2) {
                return i;
            }
            r -= u64::from(e.2);
        }
        0
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

fn write_quarter(out: &mut impl Write, options: &Options) -> io::Result<()> {
    let mut rng = Rng::new(options.seed);
    let surnames: Vec<&str> = SURNAMES.split_whitespace().collect();
    let given: Vec<&str> = GIVEN.split_whitespace().collect();
    let window_width = digits(options.windows).max(2);
    let staff_width = digits(options.staff).max(4);

    // Every window gets its chief rep; the rest are spread at random.
    let windows = options.windows as usize;
    let mut sizes = vec![1u64; windows];
    for _ in options.windows..options.staff {
        sizes[rng.below(options.windows) as usize] += 1;
    }

    writeln!(out, "{{")?;
    writeln!(out, "  \"period\": \"{}\",", options.period)?;
    writeln!(out, "  \"windows\": [")?;
    for w in 0..windows {
        let desk = DESKS[w % DESKS.len()];
        let name = if windows > DESKS.len() { format!("{desk}{}号", w / DESKS.len() + 1) } else { desk.to_string() };
        write!(out, "    {{\"id\": \"W{:0window_width$}\", \"name\": \"{name}\", \"facts\": ", w + 1)?;
        write_facts(out, &mut rng, WINDOW_FACTS)?;
        writeln!(out, "}}{}", if w + 1 < windows { "," } else { "" })?;
    }
    writeln!(out, "  ],")?;
    writeln!(out, "  \"staff\": [")?;
    let mut next_id = 1u64;
    for (w, &size) in sizes.iter().enumerate() {
        for member in 0..size {
            let role = if member == 0 { "chief_rep" } else { "operator" };
            // Most served the whole quarter; some joined or left mid-way.
            let workdays = match rng.below(100) {
                0..=6 => rng.range(10, 39),
                _ => rng.range(55, 64),
            };
            let days_away = match rng.below(100) {
                0..=74 => 0,
                75..=94 => rng.range(1, 8),
                _ => rng.range(9, 24),
            };
            write!(
                out,
                "    {{\"id\": \"S{next_id:0staff_width$}\", \"name\": \"{}{}\", \"window\": \"W{:0window_width$}\", \
                 \"role\": \"{role}\", \"workdays\": {workdays}, \"days_away\": {}, \"facts\": ",
                surnames[rng.below(surnames.len() as u64) as usize],
                given[rng.below(given.len() as u64) as usize],
                w + 1,
                half_days(days_away),
            )?;
            write_facts(out, &mut rng, STAFF_FACTS)?;
            writeln!(out, "}}{}", if next_id < options.staff { "," } else { "" })?;
            next_id += 1;
        }
    }
    writeln!(out, "  ]")?;
    writeln!(out, "}}")?;
    Ok(())
}

/// A record's facts: usually none or a few, now and then many.
fn write_facts(out: &mut impl Write, rng: &mut Rng, entries: &[Entry]) -> io::Result<()> {
    let (how_many, heavy) = match rng.below(1000) {
        0..=549 => (0, false),
        550..=799 => (1, false),
        800..=919 => (2, false),
        920..=969 => (3, false),
        _ => (rng.range(4, 12) as usize, true),
    };
    let mut chosen: Vec<usize> = Vec::with_capacity(how_many);
    // Drawn by weight without repeats; a few tries are plenty.
    for _ in 0..how_many * 4 {
        if chosen.len() == how_many {
            break;
        }
        let i = rng.weighted(entries);
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    write!(out, "{{")?;
    for (n, &i) in chosen.iter().enumerate() {
        let (name, kind, _) = entries[i];
        write!(out, "{}\"{name}\": ", if n > 0 { ", " } else { "" })?;
        let heavy = heavy && rng.percent(50);
        write_value(out, rng, kind, heavy)?;
    }
    write!(out, "}}")
}

fn write_value(out: &mut impl Write, rng: &mut Rng, kind: Kind, heavy: bool) -> io::Result<()> {
    match kind {
        Count(typical) => {
            let n = if heavy {
                rng.range(typical, typical * 3 + 4)
            } else {
                rng.range(typical.saturating_sub(1).max(1), typical + 1)
            };
            write!(out, "{n}")
        }
        Days => {
            let halves = if heavy { rng.range(2, 12) } else { rng.range(1, 4) };
            write!(out, "{}", half_days(halves))
        }
        Amounts(lo, hi) => {
            let len = if heavy { rng.range(2, 4) } else { 1 };
            write!(out, "[")?;
            for k in 0..len {
                write!(out, "{}{}", if k > 0 { ", " } else { "" }, rng.range(lo, hi))?;
            }
            write!(out, "]")
        }
        Levels => {
            // County and city news is common; province rarer; national rare.
            let level = match rng.below(100) {
                0..=59 => 0,
                60..=84 => 1,
                85..=96 => 2,
                _ => 3,
            };
            let n = if heavy { rng.range(1, 3) } else { 1 };
            write!(out, "{{\"{}\": {n}}}", LEVEL_NAMES[level])
        }
    }
}

/// `halves` half days as a JSON number: 3 → `1.5`, 4 → `2`.
fn half_days(halves: u32) -> String {
    if halves % 2 == 0 {
        (halves / 2).to_string()
    } else {
        format!("{}.5", halves / 2)
    }
}

fn digits(n: u64) -> usize {
    n.to_string().len()
}
