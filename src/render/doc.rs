//! The printed rubric: a policy laid out as the annex tables the bureau
//! publishes — 考核内容, 考核要求, 增减分值, 备注, the document's own words in
//! its own order — then the rules outside the tables with their clauses, in
//! Chinese, as Markdown or as one self-contained HTML page that prints on A4,
//! so that an author can hold it line by line against the document.
//! [`page`] builds the page; [`html`] and [`markdown`] write it.
//!
//! Also the policy's own words for a rule's action and for a condition
//! ([`rule_action`], [`condition_text`]), which `kaohe diff` compares
//! between two policies.

mod html;
mod markdown;
mod page;

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::condition::{Lang, Words};
use super::decimal;
use crate::policy::{Band, Condition, FactKind, Measure, Policy, Rule, Scope, Subject};

/// How a printed rubric is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    Markdown,
    Html,
}

/// Print each policy (a version each, oldest first) as the annex tables.
pub fn write_doc(out: &mut (impl Write + ?Sized), policies: &[&Policy], format: DocFormat) -> io::Result<()> {
    let pages: Vec<page::Page> = policies.iter().map(|p| page::page(p)).collect();
    match format {
        DocFormat::Markdown => markdown::write(out, &pages),
        DocFormat::Html => html::write(out, &pages),
    }
}

// ---------------------------------------------------------------------------
// The policy's own words
// ---------------------------------------------------------------------------

/// What a rule does, as the policy writes it: `deduct 3 each`,
/// `deduct 0.5 each beyond 6`, `deduct 10 per day`, `deduct as assessed`,
/// `add by level county 2, city 3`. Scope and role are not included.
pub fn rule_action(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let days = subject.facts.get(rule.fact.index()).is_some_and(|f| f.kind == FactKind::Days);
    match &rule.measure {
        Measure::Each { points, beyond } => {
            let verb = verb(*points);
            let beyond = if beyond.is_zero() { String::new() } else { format!(" beyond {}", decimal(*beyond)) };
            if days {
                format!("{verb} {} per day{beyond}", decimal(points.abs()))
            } else {
                format!("{verb} {} each{beyond}", decimal(points.abs()))
            }
        }
        Measure::Assessed { sign } => format!("{} as assessed", verb(*sign)),
        Measure::ByLevel(points) => {
            let sign = points.iter().find(|p| !p.is_zero()).copied().unwrap_or(Decimal::NEGATIVE_ONE);
            let levels: Vec<String> = policy
                .levels
                .iter()
                .zip(points)
                .filter(|(_, p)| !p.is_zero())
                .map(|(level, p)| format!("{} {}", level.id, decimal(p.abs())))
                .collect();
            format!("{} by level {}", verb(sign), levels.join(", "))
        }
    }
}

fn verb(sign: Decimal) -> &'static str {
    if sign.is_sign_negative() {
        "deduct"
    } else {
        "add"
    }
}

/// A rule as one line of the policy, without its wording:
/// `red_yellow_cards in window deduct 100 each to chief_rep [附件1/政务服务/4]`.
pub fn rule_line(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let fact = subject.facts.get(rule.fact.index()).map_or("", |f| f.name.id.as_str());
    let scope = if rule.scope == Scope::Window { " in window" } else { "" };
    let role = rule.role.and_then(|r| subject.role(r)).map_or(String::new(), |r| format!(" to {}", r.id));
    format!("{fact}{scope} {}{role} [{}]", rule_action(policy, subject, rule), rule.cite)
}

/// A condition as the policy writes it: `role chief_rep and red_yellow_cards in window > 0`.
/// `members` is the subject whose facts `… of staff` reads (the staff, for a window).
pub fn condition_text(subject: &Subject, members: &Subject, condition: &Condition) -> String {
    Words::new(Lang::Policy, subject, members).condition(condition)
}

/// A condition in Chinese, for the printed rubric: `角色为首席代表 且 本窗口办件出现红黄牌 > 0`.
pub fn condition_chinese(subject: &Subject, members: &Subject, condition: &Condition) -> String {
    Words::new(Lang::Chinese, subject, members).condition(condition)
}

// ---------------------------------------------------------------------------
// The rule in Chinese words
// ---------------------------------------------------------------------------

/// 增减分值: `每次扣3分`, `每天扣10分`, `超过6次的每次扣0.5分`, `视情况扣5-10分`,
/// `县级每件加2分、市级每件加3分`, `本窗口每张扣首席代表100分`.
pub fn rule_chinese(policy: &Policy, subject: &Subject, rule: &Rule) -> String {
    let fact = subject.facts.get(rule.fact.index());
    let kind = fact.map(|f| f.kind);
    let role = rule.role.and_then(|r| subject.role(r)).map_or("", |r| r.label.as_str());
    let scope = if rule.scope == Scope::Window { "本窗口" } else { "" };
    // The measure word of the document: a card is counted 每张, a level's case 每件, a day 每天.
    let unit = match kind {
        Some(FactKind::Days) => "天",
        Some(FactKind::Levels) => "件",
        _ if fact.is_some_and(|f| ["红黄牌", "红牌", "黄牌"].iter().any(|card| f.name.label.ends_with(card))) => {
            "张"
        }
        _ => "次",
    };
    let points = |p: Decimal| format!("{}{role}{}分", if p.is_sign_negative() { "扣" } else { "加" }, decimal(p.abs()));
    let text = match &rule.measure {
        Measure::Each { points: p, beyond } if beyond.is_zero() => format!("每{unit}{}", points(*p)),
        Measure::Each { points: p, beyond } => format!("超过{}{unit}的每{unit}{}", decimal(*beyond), points(*p)),
        Measure::Assessed { sign } => {
            let verb = if sign.is_sign_negative() { "扣" } else { "加" };
            match kind {
                Some(FactKind::Amounts { min, max }) => {
                    format!("视情况{verb}{role}{}-{}分", decimal(min), decimal(max))
                }
                _ => format!("视情况{verb}{role}分"),
            }
        }
        Measure::ByLevel(by_level) => policy
            .levels
            .iter()
            .zip(by_level)
            .filter(|(_, p)| !p.is_zero())
            .map(|(level, p)| format!("{}每{unit}{}", level.label, points(*p)))
            .collect::<Vec<_>>()
            .join("、"),
    };
    format!("{scope}{text}")
}

/// `80分以上（含80分）`, `60分以上（含60分）、80分以下`, `60分以下`.
pub(super) fn band_chinese(subject: &Subject, band: &Band) -> String {
    if let Some(quota) = &band.quota {
        let from = subject.band(quota.from).map_or("", |b| b.name.label.as_str());
        return format!(
            "从“{from}”中按总分从高到低评选，不超过参加考核的{}数的{}%（取整数）",
            subject.name.label,
            decimal(quota.percent)
        );
    }
    let from = band.from.map(|f| format!("{0}分以上（含{0}分）", decimal(f)));
    let below = band.below.map(|b| format!("{}分以下", decimal(b)));
    match (from, below) {
        (Some(from), Some(below)) => format!("{from}、{below}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "不限".into(),
    }
}

/// Text in HTML content or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("迟到、早退“五禁止”"), "迟到、早退“五禁止”");
    }
}
