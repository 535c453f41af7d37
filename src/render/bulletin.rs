//! The 《考核通报》 (第十一条 "一季度一通报", 第十七条(四)) and the year's
//! results (第十七条(二)(五)) as one self-contained HTML page that prints
//! on A4: the 红旗窗口 and 优秀 named first, how many got each grade and
//! how the quotas were filled, where points were lost, the signature, and
//! the ranked tables as annexes, every veto and flag marked with its clause.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::chart::{self, Bar, Chart, Column};
use super::marks::{self, Mark};
use super::page::{self, Annex, Bulletin, Cell, NameList, Row, Section, Signature, Table};
use super::summary::{category_losses, grade_counts, quota_line, rule_losses};
use super::{decimal, words};
use crate::eval::annual::{AnnualRecord, AnnualResults, ScoredQuarter};
use crate::eval::{Results, Scored, Selection};
use crate::facts::{Period, Quarter, Record};
use crate::policy::{GradeId, Part, Policy, Scope, Subject};

/// What the bureau adds to a bulletin: its number, date and signature.
#[derive(Debug, Clone)]
pub struct Issue {
    /// The number line (`2026年第3期`); by default the period's.
    pub number: Option<String>,
    pub date: NaiveDate,
    /// Who issues it (第十七条(四): 报局办公室通过, 印发): by default the
    /// bureau named in the policy's title, and 办公室.
    pub office: Option<String>,
    /// Who drafted it (第十条: 具体工作由环境股承办).
    pub drafter: String,
}

/// The quarter's bulletin, as HTML.
pub fn quarter_html(policy: &Policy, quarter: &Quarter, results: &Results, issue: &Issue) -> std::io::Result<String> {
    page::render("bulletin.html", quarter_bulletin(policy, quarter, results, issue))
}

/// The year's bulletin, as HTML. `quarters` are the year's scored quarters.
pub fn year_html(
    policy: &Policy,
    year: &AnnualResults,
    quarters: &[ScoredQuarter<'_>],
    issue: &Issue,
) -> std::io::Result<String> {
    page::render("bulletin.html", year_bulletin(policy, year, quarters, issue))
}

/// The bureau a policy's title names: `罗山县政务服务和大数据管理局` of
/// `罗山县政务服务和大数据管理局窗口及窗口工作人员考核办法`.
pub fn bureau(policy: &Policy) -> &str {
    match policy.name.find('局') {
        Some(at) => &policy.name[..at + '局'.len_utf8()],
        None => &policy.name,
    }
}

fn signature(policy: &Policy, issue: &Issue) -> Signature {
    Signature {
        office: issue.office.clone().unwrap_or_else(|| format!("{}办公室", bureau(policy))),
        date: words::date(issue.date),
        drafted: format!("{}承办", issue.drafter),
    }
}

/// Indices of `records` by rank, ties by id (never by input order).
fn by_rank(records: &[Record], scored: &[Scored]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.len().min(scored.len())).collect();
    order.sort_by(|&a, &b| scored[a].rank.cmp(&scored[b].rank).then_with(|| records[a].id.cmp(&records[b].id)));
    order
}

/// The records `chosen` (indices into `records`) in rank order, then by id,
/// as the bulletin names them: `王建国（公安户政窗口，98 分）`, a window
/// `税务窗口（96 分）`.
fn ranked_names(
    quarter: &Quarter,
    records: &[Record],
    scored: &[Scored],
    chosen: &[usize],
    is_staff: bool,
) -> Vec<String> {
    let mut ranked = chosen.to_vec();
    ranked.sort_by(|&a, &b| scored[a].rank.cmp(&scored[b].rank).then_with(|| records[a].id.cmp(&records[b].id)));
    ranked
        .into_iter()
        .map(|i| {
            let (record, total) = (&records[i], decimal(scored[i].total));
            if is_staff {
                format!("{}（{}，{total} 分）", record.name, window_name(quarter, record))
            } else {
                format!("{}（{total} 分）", record.name)
            }
        })
        .collect()
}

fn window_name(quarter: &Quarter, record: &Record) -> String {
    record.window.and_then(|w| quarter.window(w)).map_or(String::new(), |w| w.name.clone())
}

/// `（20）` after a category's label: its points.
fn category_heading(label: &str, points: Decimal) -> String {
    format!("{label}（{}）", decimal(points))
}

/// A heading from a section label: `扣分（不设下限）` → `扣分`.
fn short(label: &str) -> String {
    label.split(['（', '(']).next().unwrap_or(label).trim().to_string()
}

/// The unit a subject is counted in: people or windows.
fn unit(is_staff: bool) -> &'static str {
    if is_staff {
        "人"
    } else {
        "个"
    }
}

fn quarter_bulletin(policy: &Policy, quarter: &Quarter, results: &Results, issue: &Issue) -> Bulletin {
    let period = words::period(&quarter.period);
    let number = issue.number.clone().unwrap_or_else(|| match quarter.period {
        Period::Quarter { year, quarter } => format!("{year}年第{quarter}期"),
        Period::Year(year) => format!("{year}年度"),
        Period::Month { year, month } => format!("{year}年{month}月"),
    });
    let subjects = [
        (&policy.window, &quarter.windows, &results.windows, &results.window_selections, false),
        (&policy.staff, &quarter.staff, &results.staff, &results.staff_selections, true),
    ];

    // 一、the chosen, named first, in rank order.
    let mut chosen = Section { heading: "一、评选结果".into(), ..Section::default() };
    for (subject, records, scored, selections, is_staff) in subjects {
        for selection in selections {
            let names = ranked_names(quarter, records, scored, &selection.chosen, is_staff);
            let grade = &subject.grades[selection.grade.index()];
            chosen.lists.push(NameList {
                title: format!("{}{}（{} {}）", grade.name.label, subject.name.label, names.len(), unit(is_staff)),
                cite: grade.quota.as_ref().map_or(String::new(), |q| q.cite.clone()),
                names,
                none: format!("本期无{}{}。", grade.name.label, subject.name.label),
                inline: true,
            });
        }
    }

    // The honours proposed (第十七条(四) 拟评出), after the chosen: proposals, never grades.
    for (subject, records, scored, proposals, is_staff) in [
        (&policy.window, &quarter.windows, &results.windows, &results.window_proposals, false),
        (&policy.staff, &quarter.staff, &results.staff, &results.staff_proposals, true),
    ] {
        for proposal in proposals {
            let Some(honour) = subject.honours.get(proposal.honour) else { continue };
            let from = subject.band(honour.from).map_or("", |g| g.name.label.as_str());
            let names = ranked_names(quarter, records, scored, &proposal.proposed, is_staff);
            let mut title = format!(
                "拟评{}（{} {}，从{from}中按总分由高到低，至多 {} 名）",
                honour.name.label,
                names.len(),
                unit(is_staff),
                proposal.limit
            );
            if let Some(tie) = &proposal.tie {
                let who: Vec<&str> =
                    tie.members.iter().filter_map(|i| records.get(*i)).map(|r| r.name.as_str()).collect();
                title.push_str(&format!(
                    "；{} 同为 {} 分，全部列入将超过名额，均未列入",
                    who.join("、"),
                    decimal(tie.total)
                ));
            }
            chosen
                .lists
                .push(NameList { title, cite: honour.cite.clone(), names, none: "无。".into(), inline: true });
        }
    }

    // 二、how many got each grade, how the quotas were filled, and every mark.
    let mut grades = Section { heading: "二、考核等次".into(), ..Section::default() };
    for (subject, records, scored, selections, is_staff) in subjects {
        grades.paragraphs.push(count_sentence(subject, records.len(), scored.iter().map(|s| s.grade), is_staff));
        for selection in selections {
            grades.paragraphs.push(quota_line(subject, selection, |i| records[i].name.clone()));
        }
    }
    for (subject, records, scored, selections, is_staff) in subjects {
        let members = &policy.staff;
        let mut list = NameList {
            title: format!("{}不得评优、同分未评入及其他情形", subject.name.label),
            none: "无。".into(),
            ..NameList::default()
        };
        let mut marked = Vec::new();
        for i in by_rank(records, scored) {
            for mark in marks::quarter(subject, members, &scored[i], selections, i) {
                let who = if is_staff {
                    format!("{}（{}，第 {} 名）", records[i].name, window_name(quarter, &records[i]), scored[i].rank)
                } else {
                    format!("{}（第 {} 名）", records[i].name, scored[i].rank)
                };
                marked.push((who, mark));
            }
        }
        list.names = mark_lines(marked, unit(is_staff));
        grades.lists.push(list);
    }

    // 三、where points were lost.
    let mut losses = Section { heading: "三、扣分情况".into(), ..Section::default() };
    for (subject, _, scored, _, is_staff) in subjects {
        losses.table_rows.push(loss_tables(&[(subject, scored.as_slice())], is_staff));
    }
    losses.charts.push(distribution(
        &policy.staff,
        &format!("{period}窗口工作人员总分分布"),
        results.staff.iter().map(|s| s.total),
    ));
    let bars: Vec<Bar> = by_rank(&quarter.windows, &results.windows)
        .into_iter()
        .map(|w| Bar {
            label: quarter.windows[w].name.clone(),
            values: lost_by_category(&policy.window, &results.windows[w]),
        })
        .collect();
    losses.charts.push(window_losses(&policy.window, &format!("{period}各窗口分项扣分"), &bars));

    let annexes = vec![
        Annex {
            wide: false,
            number: "附件1".into(),
            title: format!("{period}{}考核结果", policy.window.name.label),
            legend: legend(&policy.window),
            table: quarter_table(policy, &policy.window, quarter, &quarter.windows, results, false),
        },
        Annex {
            wide: true,
            number: "附件2".into(),
            title: format!("{period}{}考核结果", policy.staff.name.label),
            legend: legend(&policy.staff),
            table: quarter_table(policy, &policy.staff, quarter, &quarter.staff, results, true),
        },
    ];
    Bulletin {
        title: format!("{period}考核通报"),
        masthead: "考核通报".into(),
        number,
        heading: format!("关于{period}窗口及窗口工作人员考核结果的通报"),
        policy: policy.name.clone(),
        effective: policy.effective.map(words::date),
        greeting: "各窗口单位、全体窗口工作人员：".into(),
        opening: format!(
            "根据《{}》第十一条、第十七条，现将{period}窗口及窗口工作人员考核结果通报如下（考核结果表见附件）。",
            policy.name
        ),
        sections: vec![chosen, grades, losses],
        signature: signature(policy, issue),
        annexes,
    }
}

/// `参加考核的窗口 12 个：红旗 2 个、良好 10 个。`
fn count_sentence(
    subject: &Subject,
    assessed: usize,
    grades: impl IntoIterator<Item = GradeId>,
    is_staff: bool,
) -> String {
    let u = unit(is_staff);
    let counts: Vec<String> = grade_counts(subject, grades)
        .into_iter()
        .map(|(g, n)| format!("{} {n} {u}", subject.grades[g.index()].name.label))
        .collect();
    format!("参加考核的{} {assessed} {u}：{}。", subject.name.label, counts.join("、"))
}

/// `贾志强（综合受理窗口，第 29 名）：不得评为优秀，中途缺勤工作日 = 6 [第十五条]`;
/// records marked alike (the same outcome, reason and clause) share a line.
fn mark_lines(marked: Vec<(String, Mark)>, unit: &str) -> Vec<String> {
    let mut groups: Vec<(Vec<String>, Mark)> = Vec::new();
    for (who, mark) in marked {
        let same =
            |m: &Mark| m.kind == mark.kind && m.short == mark.short && m.reason == mark.reason && m.cite == mark.cite;
        match groups.iter_mut().find(|(_, m)| same(m)) {
            Some((whos, _)) => whos.push(who),
            None => groups.push((vec![who], mark)),
        }
    }
    groups
        .into_iter()
        .map(|(whos, mark)| {
            let who = if whos.len() > 1 {
                format!("{}（共 {} {unit}）", whos.join("、"), whos.len())
            } else {
                whos.join("")
            };
            format!("{who}：{}，{} [{}]", page::what(&mark), mark.reason, mark.cite)
        })
        .collect()
}

/// What each category's points were less its score, and the penalties.
fn lost_by_category(subject: &Subject, scored: &Scored) -> Vec<Decimal> {
    subject
        .categories
        .iter()
        .zip(&scored.categories)
        .map(|(category, score)| (category.points - score).max(Decimal::ZERO))
        .collect()
}

/// `分值：工作纪律 20、…；扣分（不设下限）、加分计入总分。`
fn legend(subject: &Subject) -> String {
    let categories: Vec<String> =
        subject.categories.iter().map(|c| format!("{} {}", c.name.label, decimal(c.points))).collect();
    let extra: Vec<&str> =
        [&subject.penalties, &subject.bonus].into_iter().flatten().map(|l| l.label.as_str()).collect();
    let mut text = format!("满分 {}：{}", decimal(subject.total), categories.join("、"));
    if !extra.is_empty() {
        text.push_str(&format!("；{}计入总分", extra.join("、")));
    }
    text.push_str("。按总分由高到低排列，同分同名次。");
    text
}

/// The ranked table of one subject in a quarter.
fn quarter_table(
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    records: &[Record],
    results: &Results,
    is_staff: bool,
) -> Table {
    let (scored, selections) = if is_staff {
        (&results.staff, &results.staff_selections)
    } else {
        (&results.windows, &results.window_selections)
    };
    let mut table = Table {
        columns: vec!["名次".into(), "编号".into(), if is_staff { "姓名" } else { "窗口" }.into()],
        ..Table::default()
    };
    if is_staff {
        table.columns.extend(["窗口".into(), "角色".into()]);
    }
    table.columns.extend(subject.categories.iter().map(|c| category_heading(&c.name.label, c.points)));
    table.columns.extend([&subject.penalties, &subject.bonus].into_iter().flatten().map(|l| short(&l.label)));
    table.columns.extend(["总分".into(), "等次".into()]);
    for i in by_rank(records, scored) {
        let (record, score) = (&records[i], &scored[i]);
        let mut cells = vec![Cell::number(score.rank.to_string()), Cell::text(&record.id), Cell::text(&record.name)];
        if is_staff {
            cells.push(Cell::text(window_name(quarter, record)));
            cells.push(Cell::text(record.role.and_then(|r| subject.role(r)).map_or("", |r| r.label.as_str())));
        }
        cells.extend(score.categories.iter().map(|v| Cell::number(decimal(*v))));
        if subject.penalties.is_some() {
            cells.push(Cell::number(decimal(score.penalties)));
        }
        if subject.bonus.is_some() {
            cells.push(Cell::number(decimal(score.bonus)));
        }
        cells.push(Cell { class: "num total", ..Cell::number(decimal(score.total)) });
        let marks = marks::quarter(subject, &policy.staff, score, selections, i);
        let who = format!("{} {}", record.id, record.name);
        cells.push(table.grade_cell(subject.grade_label(score.grade, record.staff_type).to_string(), &who, &marks));
        let chosen = subject.band(score.grade).is_some_and(|g| g.quota.is_some());
        table.rows.push(Row { class: if chosen { "chosen" } else { "" }, cells });
    }
    table
}

/// Where points were lost, over one or more scorings of a subject (a
/// quarter, or each quarter of a year): by category, and the five rules
/// that cost most. Categories and rules are matched by id across versions.
fn loss_tables(scorings: &[(&Subject, &[Scored])], is_staff: bool) -> Vec<Table> {
    let Some((first, _)) = scorings.first() else { return Vec::new() };
    // Over a year a record is counted once a quarter it lost points: 人次.
    let u = match (is_staff, scorings.len() > 1) {
        (true, false) => "人",
        (true, true) => "人次",
        (false, false) => "个",
        (false, true) => "个次",
    };
    let whom = match (is_staff, scorings.len() > 1) {
        (true, false) => "涉及人数",
        (true, true) => "涉及人次",
        (false, false) => "涉及窗口",
        (false, true) => "涉及窗口次",
    };
    // id → (label, points lost, records that lost any), in first-seen order.
    let mut categories: Vec<(String, String, Decimal, usize)> = Vec::new();
    let mut rules: BTreeMap<String, (String, String, Decimal, usize)> = BTreeMap::new();
    for (subject, scored) in scorings {
        for loss in category_losses(subject, scored.iter()) {
            let (id, label) = match loss.part {
                Part::Category(c) => (subject.categories[c].name.id.clone(), subject.categories[c].name.label.clone()),
                _ => ("penalties".into(), subject.penalties.as_ref().map_or(String::new(), |l| short(&l.label))),
            };
            match categories.iter_mut().find(|c| c.0 == id) {
                Some(slot) => {
                    slot.2 += loss.points;
                    slot.3 += loss.records;
                }
                None => categories.push((id, label, loss.points, loss.records)),
            }
        }
        for loss in rule_losses(subject, scored.iter()) {
            let rule = &subject.rules[loss.rule];
            let slot = rules
                .entry(rule.id.clone())
                .or_insert_with(|| (rule_label(subject, loss.rule), rule.cite.clone(), Decimal::ZERO, 0));
            slot.2 += loss.points;
            slot.3 += loss.records;
        }
    }
    let mut by_category = Table {
        title: format!("{}分项扣分", first.name.label),
        class: "summary",
        columns: vec!["考核项目".into(), "扣分合计".into(), whom.into()],
        ..Table::default()
    };
    for (_, label, points, records) in &categories {
        by_category.rows.push(Row {
            class: "",
            cells: vec![Cell::text(label), Cell::number(decimal(*points)), Cell::number(format!("{records} {u}"))],
        });
    }
    let mut top: Vec<(String, String, Decimal, usize)> = rules.into_values().collect();
    top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let mut by_rule = Table {
        title: format!("{}扣分最多的事项", first.name.label),
        class: "summary",
        columns: vec!["序号".into(), "扣分事项".into(), "依据".into(), "扣分合计".into(), whom.into()],
        ..Table::default()
    };
    for (n, (label, cite, points, records)) in top.iter().take(5).enumerate() {
        by_rule.rows.push(Row {
            class: "",
            cells: vec![
                Cell::number((n + 1).to_string()),
                Cell::text(label),
                Cell::text(cite),
                Cell::number(decimal(*points)),
                Cell::number(format!("{records} {u}")),
            ],
        });
    }
    vec![by_category, by_rule]
}

/// A rule as a reader knows it: its fact's label, and for a window-wide
/// rule whom it moves.
fn rule_label(subject: &Subject, r: usize) -> String {
    let rule = &subject.rules[r];
    let mut label = subject.facts[rule.fact.index()].name.label.clone();
    if rule.scope == Scope::Window {
        match rule.role.and_then(|i| subject.role(i)) {
            Some(role) => label.push_str(&format!("（本窗口，{}）", role.label)),
            None => label.push_str("（本窗口）"),
        }
    }
    label
}

/// How many totals fall in each band: the grade bands below the top one
/// whole, the top band in steps of 5 (where most totals are).
fn distribution(subject: &Subject, title: &str, totals: impl Iterator<Item = Decimal>) -> Chart {
    let totals: Vec<Decimal> = totals.collect();
    let bands: Vec<&crate::policy::Band> = subject.grades.iter().filter(|g| g.quota.is_none()).collect();
    // Edges: every band's lower bound, then steps of 5 above the highest.
    let mut edges: Vec<Decimal> = bands.iter().filter_map(|b| b.from).collect();
    edges.sort();
    let top_from = edges.last().copied();
    if let (Some(from), Some(max)) = (top_from, totals.iter().max()) {
        let mut edge = from + Decimal::from(5);
        while edge <= *max {
            edges.push(edge);
            edge += Decimal::from(5);
        }
    }
    let mut columns: Vec<Column> = Vec::new();
    let colour_of = |value: Decimal| {
        let band = subject.grade(value).unwrap_or(GradeId(0));
        let of_bands = bands.iter().position(|b| std::ptr::eq(*b, &subject.grades[band.index()])).unwrap_or(0);
        ["#4e79a7", "#edc948", "#e15759", "#9c755f"][of_bands.min(3)].to_string()
    };
    let below = edges.first().copied();
    if let Some(first) = below {
        let count = totals.iter().filter(|t| **t < first).count();
        columns.push(Column { label: format!("<{}", decimal(first)), count, fill: colour_of(first - Decimal::ONE) });
    }
    for (i, edge) in edges.iter().enumerate() {
        let next = edges.get(i + 1);
        let count = totals.iter().filter(|t| **t >= *edge && next.is_none_or(|n| *t < n)).count();
        let label = match next {
            Some(n) => format!("{}–{}", decimal(*edge), decimal(*n)),
            None => format!("≥{}", decimal(*edge)),
        };
        columns.push(Column { label, count, fill: colour_of(*edge) });
    }
    let description = columns.iter().map(|c| format!("{}：{}", c.label, c.count)).collect::<Vec<_>>().join("；");
    chart::columns(title, description, &columns)
}

fn window_losses(subject: &Subject, title: &str, bars: &[Bar]) -> Chart {
    let series: Vec<String> = subject.categories.iter().map(|c| c.name.label.clone()).collect();
    let description = bars
        .iter()
        .map(|b| format!("{} 扣 {}", b.label, decimal(b.values.iter().sum())))
        .collect::<Vec<_>>()
        .join("；");
    chart::stacked(title, description, &series, bars)
}

// ---------------------------------------------------------------------------
// The year
// ---------------------------------------------------------------------------

fn annual_order(records: &[AnnualRecord]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    // Assessed by rank, then those not assessed, each by id.
    order.sort_by(|&a, &b| {
        let rank = |i: usize| records[i].standing.as_ref().map_or(usize::MAX, |s| s.rank);
        rank(a).cmp(&rank(b)).then_with(|| records[a].id.cmp(&records[b].id))
    });
    order
}

fn year_bulletin(policy: &Policy, year: &AnnualResults, quarters: &[ScoredQuarter<'_>], issue: &Issue) -> Bulletin {
    let period = words::period(&Period::Year(year.year));
    let subjects = [
        (&policy.window, &year.windows, &year.window_selections, false),
        (&policy.staff, &year.staff, &year.staff_selections, true),
    ];
    // A window's name, from the last quarter that has it.
    let window_names: BTreeMap<String, String> =
        quarters.iter().flat_map(|q| q.quarter.windows.iter().map(|w| (w.id.clone(), w.name.clone()))).collect();
    let window_of = |record: &AnnualRecord| {
        record.window().map_or(String::new(), |w| window_names.get(w).cloned().unwrap_or_else(|| w.to_string()))
    };

    let mut chosen = Section { heading: "一、年度评选结果".into(), ..Section::default() };
    for (subject, records, selections, is_staff) in subjects {
        for selection in selections {
            let mut names = selection.chosen.clone();
            names
                .sort_by_key(|&i| (records[i].standing.as_ref().map_or(usize::MAX, |s| s.rank), records[i].id.clone()));
            let grade = &subject.grades[selection.grade.index()];
            chosen.lists.push(NameList {
                title: format!("年度{}{}（{} {}）", grade.name.label, subject.name.label, names.len(), unit(is_staff)),
                cite: grade.quota.as_ref().map_or(String::new(), |q| q.cite.clone()),
                names: names
                    .iter()
                    .map(|&i| {
                        let r = &records[i];
                        if is_staff {
                            format!("{}（{}，年度总分 {}）", r.name, window_of(r), decimal(r.total))
                        } else {
                            format!("{}（年度总分 {}）", r.name, decimal(r.total))
                        }
                    })
                    .collect(),
                none: format!("本年度无{}{}。", grade.name.label, subject.name.label),
                inline: true,
            });
        }
    }

    let mut grades = Section { heading: "二、年度考核等次".into(), ..Section::default() };
    for (subject, records, selections, is_staff) in subjects {
        let assessed: Vec<GradeId> = records.iter().filter_map(|r| r.standing.as_ref().map(|s| s.grade)).collect();
        let mut sentence = count_sentence(subject, assessed.len(), assessed, is_staff);
        let not_assessed = records.iter().filter(|r| r.standing.is_none()).count();
        if not_assessed > 0 {
            sentence.push_str(&format!("另有 {not_assessed} {}不参加年度考核。", unit(is_staff)));
        }
        grades.paragraphs.push(sentence);
        for selection in selections {
            grades.paragraphs.push(quota_line(subject, selection, |i| records[i].name.clone()));
        }
    }
    if !year.missing.is_empty() {
        let missing: Vec<String> = year.missing.iter().map(words::quarter_short).collect();
        grades.paragraphs.push(format!("缺少{}的考核结果，年度总分为已有季度的平均。", missing.join("、")));
    }
    for (subject, records, selections, is_staff) in subjects {
        let mut list = NameList {
            title: format!("{}不参加年度考核、不得评优及其他情形", subject.name.label),
            none: "无。".into(),
            ..NameList::default()
        };
        let mut marked = Vec::new();
        for i in annual_order(records) {
            let r = &records[i];
            for mark in marks::annual(subject, &policy.staff, r, selections, i) {
                let rank = r.standing.as_ref().map_or(String::new(), |s| format!("，第 {} 名", s.rank));
                let who = if is_staff {
                    format!("{}（{}{rank}）", r.name, window_of(r))
                } else {
                    format!("{}（{}）", r.name, rank.trim_start_matches('，'))
                };
                marked.push((who, mark));
            }
        }
        list.names = mark_lines(marked, unit(is_staff));
        grades.lists.push(list);
    }

    let mut losses = Section { heading: "三、全年扣分情况".into(), ..Section::default() };
    for is_staff in [false, true] {
        let scorings: Vec<(&Subject, &[Scored])> = quarters
            .iter()
            .map(|q| {
                if is_staff {
                    (&q.policy.staff, q.results.staff.as_slice())
                } else {
                    (&q.policy.window, q.results.windows.as_slice())
                }
            })
            .collect();
        losses.table_rows.push(loss_tables(&scorings, is_staff));
    }
    let assessed_totals = year.staff.iter().filter(|r| r.standing.is_some()).map(|r| r.total);
    losses.charts.push(distribution(&policy.staff, &format!("{period}窗口工作人员年度总分分布"), assessed_totals));
    let bars: Vec<Bar> = annual_order(&year.windows)
        .into_iter()
        .map(|w| {
            let record = &year.windows[w];
            let mut values = vec![Decimal::ZERO; policy.window.categories.len()];
            for q in quarters {
                let Some(i) = q.quarter.windows.iter().position(|x| x.id == record.id) else { continue };
                for (c, category) in q.policy.window.categories.iter().enumerate() {
                    if let (Some(slot), Some(score)) = (
                        policy.window.categories.iter().position(|x| x.name.id == category.name.id),
                        q.results.windows[i].categories.get(c),
                    ) {
                        values[slot] += (category.points - score).max(Decimal::ZERO);
                    }
                }
            }
            Bar { label: record.name.clone(), values }
        })
        .collect();
    losses.charts.push(window_losses(&policy.window, &format!("{period}各窗口分项扣分（四个季度合计）"), &bars));

    let annexes = vec![
        Annex {
            wide: false,
            number: "附件1".into(),
            title: format!("{period}{}考核结果", policy.window.name.label),
            legend: year_legend(&policy.window),
            table: year_table(policy, &policy.window, year, &year.windows, &year.window_selections, false, &window_of),
        },
        Annex {
            wide: true,
            number: "附件2".into(),
            title: format!("{period}{}考核结果", policy.staff.name.label),
            legend: year_legend(&policy.staff),
            table: year_table(policy, &policy.staff, year, &year.staff, &year.staff_selections, true, &window_of),
        },
    ];
    Bulletin {
        title: format!("{period}考核结果通报"),
        masthead: "考核通报".into(),
        number: issue.number.clone().unwrap_or_else(|| format!("{}年度", year.year)),
        heading: format!("关于{period}窗口及窗口工作人员考核结果的通报"),
        policy: policy.name.clone(),
        effective: policy.effective.map(words::date),
        greeting: "各窗口单位、全体窗口工作人员：".into(),
        opening: format!(
            "根据《{}》第十二条、第十七条，年度考核在季度考核的基础上进行。现将{period}窗口及窗口工作人员考核结果通报如下（考核结果表见附件）。",
            policy.name
        ),
        sections: vec![chosen, grades, losses],
        signature: signature(policy, issue),
        annexes,
    }
}

fn year_legend(subject: &Subject) -> String {
    let how = subject
        .annual
        .as_ref()
        .map_or(String::new(), |a| format!("年度总分为各季度总分的平均，保留 {} 位小数 [{}]。", a.places, a.cite));
    format!("{how}按年度总分由高到低排列，同分同名次；不参加年度考核的列于表末。")
}

fn year_table(
    policy: &Policy,
    subject: &Subject,
    year: &AnnualResults,
    records: &[AnnualRecord],
    selections: &[Selection],
    is_staff: bool,
    window_of: &dyn Fn(&AnnualRecord) -> String,
) -> Table {
    let mut table = Table {
        columns: vec!["名次".into(), "编号".into(), if is_staff { "姓名" } else { "窗口" }.into()],
        ..Table::default()
    };
    if is_staff {
        table.columns.extend(["窗口".into(), "角色".into()]);
    }
    table.columns.extend(year.quarters.iter().map(words::quarter_short));
    if is_staff {
        table.columns.push("在厅月数".into());
    }
    table.columns.extend(["年度总分".into(), "等次".into()]);
    for i in annual_order(records) {
        let r = &records[i];
        let rank = r.standing.as_ref().map_or("—".to_string(), |s| s.rank.to_string());
        let mut cells = vec![Cell::number(rank), Cell::text(&r.id), Cell::text(&r.name)];
        if is_staff {
            cells.push(Cell::text(window_of(r)));
            cells.push(Cell::text(r.role.and_then(|x| subject.role(x)).map_or("", |x| x.label.as_str())));
        }
        for period in &year.quarters {
            let total = r.quarters.iter().find(|(p, _, _)| p == period).map(|(_, t, _)| decimal(*t));
            cells.push(Cell::number(total.unwrap_or_else(|| "—".into())));
        }
        if is_staff {
            cells.push(Cell::number(decimal(r.months_in_hall)));
        }
        cells.push(Cell { class: "num total", ..Cell::number(decimal(r.total)) });
        let marks = marks::annual(subject, &policy.staff, r, selections, i);
        let grade =
            r.standing.as_ref().map_or("—".to_string(), |s| subject.grade_label(s.grade, r.staff_type).to_string());
        let who = format!("{} {}", r.id, r.name);
        cells.push(table.grade_cell(grade, &who, &marks));
        let chosen = r.standing.as_ref().is_some_and(|s| subject.band(s.grade).is_some_and(|g| g.quota.is_some()));
        table.rows.push(Row { class: if chosen { "chosen" } else { "" }, cells });
    }
    table
}
