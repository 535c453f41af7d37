//! The tables a person reads: order, marks with their clauses, the quota
//! footer, one window, and the compact layout that fits 100 columns.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use unicode_width::UnicodeWidthStr;

const QUARTER: &str = "examples/2026-Q3.json";
const YEAR: [&str; 4] = [
    "examples/2026-annual/2026-Q1.json",
    "examples/2026-annual/2026-Q2.json",
    "examples/2026-annual/2026-Q3.json",
    "examples/2026-annual/2026-Q4.json",
];

fn eval(extra: &[&str]) -> String {
    let mut args = vec!["eval", "--policy", "policies/luoshan", "--facts", QUARTER];
    args.extend(extra);
    let run = common::kaohe(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

fn annual(extra: &[&str]) -> String {
    let mut args = vec!["annual", "--policy", "policies/luoshan", "--facts"];
    args.extend(YEAR);
    args.extend(extra);
    let run = common::kaohe(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The ids of a table's rows, in order, from the section headed `title`.
fn ids(table: &str, title: &str) -> Vec<String> {
    let section = table.split(title).nth(1).unwrap();
    section
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|id| id.starts_with('S') || id.starts_with('W'))
        .map(String::from)
        .collect()
}

#[test]
fn the_header_names_the_version_and_the_period_in_words() {
    let table = eval(&[]);
    assert!(table.contains("政策版本 policies/luoshan/2026（2026-01-01 起施行）\n考核期 2026年第三季度\n"), "{table}");
    assert!(annual(&[]).contains("考核期 2026年度\n"));
}

#[test]
fn rows_sort_by_rank_id_window_or_input() {
    let by_rank = ids(&eval(&[]), "窗口工作人员（40 人）");
    assert_eq!(&by_rank[..3], ["S0038", "S0028", "S0037"]);
    let by_id = ids(&eval(&["--sort", "id"]), "窗口工作人员（40 人）");
    assert_eq!(&by_id[..3], ["S0001", "S0002", "S0003"]);
    let input = ids(&eval(&["--sort", "input"]), "窗口工作人员（40 人）");
    assert_eq!(input, by_id, "the example lists staff by id");
    let by_window = eval(&["--sort", "window"]);
    let staff = by_window.split("窗口（12 个）").next().unwrap();
    let windows: Vec<&str> = staff
        .lines()
        .filter(|l| l.split_whitespace().nth(1).is_some_and(|id| id.starts_with('S') && id.len() == 5))
        .filter_map(|l| l.split_whitespace().nth(3))
        .collect();
    let mut runs = windows.clone();
    runs.dedup();
    let mut distinct = runs.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(runs.len(), distinct.len(), "each window's staff together: {windows:?}");
    assert_eq!(ids(&by_window, "窗口工作人员（40 人）")[..5], ["S0001", "S0004", "S0002", "S0005", "S0003"]);
}

/// Why a rank-top record is not 优秀, and the quota footer.
#[test]
fn marks_carry_their_clause_and_the_footer_the_quota() {
    let table = eval(&[]);
    let row = table.lines().find(|l| l.contains("S0040")).unwrap();
    assert!(row.ends_with("称职 ✕优秀：第十五条"), "{row}");
    assert!(
        table.contains("S0040 贾志强 ✕优秀：第十五条，中途缺勤工作日（不含公伤、婚假、产假） ≥ 5（实为 6）"),
        "{table}"
    );
    // The honours proposed (第十七条(四)), after the quota line.
    assert!(
        table.contains("拟评明星个人（从优秀中按总分由高到低，至多 3 名）：S0038 蒋文博、S0028 冯丽、S0037 潘秀英"),
        "{table}"
    );
    assert!(table.contains("\n优秀：名额 6 = 40 × 15%，评出 6 [第十九条]\n"), "{table}");
    let year = annual(&[]);
    let top = year.lines().find(|l| l.contains("S0017")).unwrap();
    assert!(top.trim_start().starts_with("1  S0017  高玉兰  税务窗口  "), "{top}");
    assert!(top.ends_with("称职 ✕优秀：第十章/四/6 ⚑通报单位作相应处理：第十章/四/6"), "{top}");
    assert!(year.contains("S0028 曾超 不参加年度考核：第十三条，在大厅工作月数 < 6（实为 4.71）"));
}

#[test]
fn a_tie_leaves_places_unfilled_and_says_so() {
    let run =
        common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", "tests/cases/standing/tie_at_cut.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "优秀：名额 1 = 7 × 15%，评出 0；100 分 2 人同分整体未评入（员工1、员工2）；空缺 1 个 [第十九条]"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("称职 ＝同分未评入：第十九条"), "{}", run.stdout);
}

#[test]
fn one_window() {
    let table = eval(&["--window", "W03"]);
    assert_eq!(ids(&table, "窗口工作人员（4 人）"), ["S0011", "S0014", "S0013", "S0012"]);
    assert_eq!(ids(&table, "窗口（1 个）"), ["W03"]);
    assert!(table.contains("（全厅）优秀：名额 6 = 40 × 15%"), "the quota is the hall's");
    let year = annual(&["--window", "W03"]);
    assert!(year.contains("窗口（1 个）"));
    let run = common::kaohe(&["eval", "--policy", "policies/luoshan", "--facts", QUARTER, "--window", "W3"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("没有编号为 `W3` 的窗口"), "{}", run.stderr);
    assert!(run.stderr.contains("是不是 `W03`？"), "{}", run.stderr);
}

#[test]
fn compact_tables_fit_100_columns() {
    for (what, table) in [("eval", eval(&["--compact"])), ("annual", annual(&["--compact"]))] {
        for line in table.lines() {
            assert!(line.width() <= 100, "{what}: {} columns: {line}", line.width());
        }
    }
    let table = eval(&["--compact"]);
    assert!(
        table.contains("项目：工作＝工作纪律20 服务＝服务规范20 出勤＝出勤值勤25 政务＝政务服务20 文明＝文明创建15"),
        "{table}"
    );
    let row = table.lines().find(|l| l.contains("S0018")).unwrap();
    assert!(row.ends_with("不称职✕优秀[8,9]⚑[10]"), "{row}");
    assert!(table.contains("[8] S0018 罗建华 ✕优秀：附件1/政务服务/4，办件出现红黄牌 > 0（实为 1）"), "{table}");
    assert!(
        table.contains("[10] S0018 罗建华 ⚑向所在单位通报：附件1/政务服务/4，办件出现红黄牌 > 0（实为 1）"),
        "{table}"
    );
}
