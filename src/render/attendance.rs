//! The monthly 《考勤通报》 (第十七条(三): 环境部门每月初将上月识别机记录、
//! 值班室纸质记录汇总报局办公室通过后，印发《考勤通报》): per staff member,
//! grouped by window, each attendance fact of the month with its count and
//! the day (and what happened) behind each, on the same A4 page as the
//! quarter's bulletin. Which facts are attendance is the policy's: those
//! scored in the staff category that the windows' 工作考勤 averages.

use std::sync::Arc;

use chrono::Datelike;
use rust_decimal::Decimal;

use super::bulletin::{bureau, Issue};
use super::page::{self, Bulletin, Cell, Row, Section, Signature, Table};
use super::{decimal, words};
use crate::facts::{Evidence, Evidenced, Period, Quarter, Record, WindowIx};
use crate::policy::{FactId, FactKind, Part, Policy};

/// The staff facts the bulletin reports, in policy order.
fn attendance_facts(policy: &Policy) -> Vec<FactId> {
    let category = policy.window.categories.iter().find_map(|c| c.average.as_ref().map(|a| a.category));
    let mut facts: Vec<FactId> = Vec::new();
    for rule in &policy.staff.rules {
        let counts = match category {
            Some(c) => rule.part == Part::Category(c),
            None => true,
        };
        if counts && !facts.contains(&rule.fact) {
            facts.push(rule.fact);
        }
    }
    facts
}

/// `7月3日 上午签到 09:07（应不晚于 08:55）；7月15日 …`
fn days(items: &[Evidence]) -> String {
    items
        .iter()
        .map(|i| {
            let day = format!("{}月{}日", i.date.month(), i.date.day());
            if i.note.is_empty() {
                day
            } else {
                format!("{day} {}", i.note)
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// A person's own count of a fact in the month, and what made it. What a
/// substitute earned standing in for them (第十四条) is charged to them in
/// scoring, but it is not their attendance, so it is left out here.
fn own(person: &Record, fact: FactId) -> Option<(Decimal, &[Evidence])> {
    let given = person.fact(fact)?.magnitude() - person.substituted(fact, None);
    let items = person.evidence(Evidenced::Fact(fact)).map_or(&[][..], Arc::as_ref);
    (!given.is_zero()).then_some((given, items))
}

/// The month's bulletin, as HTML.
pub fn month_html(policy: &Policy, month: &Quarter, issue: &Issue) -> std::io::Result<String> {
    page::render("bulletin.html", month_bulletin(policy, month, issue))
}

fn month_bulletin(policy: &Policy, month: &Quarter, issue: &Issue) -> Bulletin {
    let (year, number) = match month.period {
        Period::Month { year, month } => (year, month),
        Period::Quarter { year, quarter } => (year, quarter),
        Period::Year(year) => (year, 1),
    };
    let period = words::period(&month.period);
    let facts = attendance_facts(policy);
    let unit = |fact: FactId| match policy.staff.facts[fact.index()].kind {
        FactKind::Days => "天",
        _ => "次",
    };

    let mut summary = Section { heading: "一、考勤情况".into(), ..Section::default() };
    summary.paragraphs.push(format!("本月参加考勤的窗口工作人员 {} 人。", month.staff.len()));
    let mut clean = 0;
    for person in &month.staff {
        clean += usize::from(!facts.iter().any(|&fact| own(person, fact).is_some()));
    }
    for &fact in &facts {
        let (mut total, mut people) = (Decimal::ZERO, 0);
        for (n, _) in month.staff.iter().filter_map(|person| own(person, fact)) {
            total += n;
            people += 1;
        }
        if people > 0 {
            summary.paragraphs.push(format!(
                "{}：{} {}，涉及 {people} 人。",
                policy.staff.facts[fact.index()].name.label,
                decimal(total),
                unit(fact)
            ));
        }
    }
    summary.paragraphs.push(format!("无上列情形的 {clean} 人。"));

    let mut detail = Section { heading: "二、考勤明细（按窗口）".into(), ..Section::default() };
    for (ix, window) in month.windows.iter().enumerate() {
        let mut table = Table {
            title: window.name.clone(),
            columns: vec![
                "编号".into(),
                "姓名".into(),
                "角色".into(),
                "事项".into(),
                "次数".into(),
                "日期及情况".into(),
            ],
            ..Table::default()
        };
        for person in month.staff.iter().filter(|p| p.window == Some(WindowIx(ix))) {
            let role = person.role.map_or("", |r| policy.staff.roles[r.index()].label.as_str());
            let mut first = true;
            for &fact in &facts {
                let Some((n, items)) = own(person, fact) else {
                    continue;
                };
                let (who, name, role) =
                    if first { (person.id.clone(), person.name.clone(), role.to_string()) } else { Default::default() };
                first = false;
                table.rows.push(Row {
                    class: "",
                    cells: vec![
                        Cell::text(who),
                        Cell::text(name),
                        Cell::text(role),
                        Cell::text(&policy.staff.facts[fact.index()].name.label),
                        Cell::number(format!("{} {}", decimal(n), unit(fact))),
                        Cell { class: "text-wrap", ..Cell::text(days(items)) },
                    ],
                });
            }
        }
        if table.rows.is_empty() {
            table.rows.push(Row {
                class: "",
                cells: vec![Cell { class: "text-wrap", ..Cell::text("本月全勤，无上列情形") }],
            });
        }
        detail.table_rows.push(vec![table]);
    }

    Bulletin {
        title: format!("{period}考勤通报"),
        masthead: "考勤通报".into(),
        number: issue.number.clone().unwrap_or_else(|| format!("{year}年第{number}期")),
        heading: format!("关于{period}窗口工作人员考勤情况的通报"),
        policy: policy.name.clone(),
        effective: policy.effective.map(words::date),
        greeting: "各窗口单位、全体窗口工作人员：".into(),
        opening: format!(
            "根据《{}》第十一条、第十七条（三），现将{period}识别机记录和值班室记录汇总的窗口工作人员考勤情况通报如下。",
            policy.name
        ),
        sections: vec![summary, detail],
        signature: Signature {
            office: issue.office.clone().unwrap_or_else(|| format!("{}办公室", bureau(policy))),
            date: words::date(issue.date),
            drafted: format!("{}承办", issue.drafter),
        },
        annexes: Vec::new(),
    }
}
