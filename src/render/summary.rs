//! What a bulletin says about a period as a whole: how many records got
//! each grade, how each chosen grade was filled, and where points were
//! lost, by category and by rule. Exact decimals throughout.

use rust_decimal::Decimal;

use super::{decimal, entry_part};
use crate::eval::{Scored, Selection, Source};
use crate::policy::{GradeId, Part, Subject};

/// Points lost in one category (or the penalties) over every record.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryLoss {
    pub part: Part,
    /// The points lost: the category's points less its score, summed (the
    /// floor applied); for penalties, the points taken off the total.
    pub points: Decimal,
    /// Records that lost any.
    pub records: usize,
}

/// Points one rule took off, over every record (before any floor).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleLoss {
    pub rule: usize,
    pub points: Decimal,
    pub records: usize,
}

/// Points lost by category, in the subject's order, penalties last; every
/// category is listed, those that lost nothing with 0.
pub fn category_losses<'a>(
    subject: &Subject,
    scored: impl IntoIterator<Item = &'a Scored> + Clone,
) -> Vec<CategoryLoss> {
    let mut out: Vec<CategoryLoss> = subject
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let lost: Vec<Decimal> = scored
                .clone()
                .into_iter()
                .map(|s| category.points - s.categories.get(c).copied().unwrap_or(category.points))
                .filter(|lost| *lost > Decimal::ZERO)
                .collect();
            CategoryLoss { part: Part::Category(c), points: lost.iter().sum(), records: lost.len() }
        })
        .collect();
    if subject.penalties.is_some() {
        let lost: Vec<Decimal> =
            scored.into_iter().map(|s| -s.penalties).filter(|lost| *lost > Decimal::ZERO).collect();
        out.push(CategoryLoss { part: Part::Penalties, points: lost.iter().sum(), records: lost.len() });
    }
    out
}

/// The rules that took points off, most first (ties by policy order).
pub fn rule_losses<'a>(subject: &Subject, scored: impl IntoIterator<Item = &'a Scored>) -> Vec<RuleLoss> {
    let mut losses: Vec<RuleLoss> =
        (0..subject.rules.len()).map(|rule| RuleLoss { rule, points: Decimal::ZERO, records: 0 }).collect();
    for record in scored {
        let mut hit = vec![false; subject.rules.len()];
        for entry in &record.trace {
            let Source::Rule(r) = entry.source else { continue };
            if entry.points < Decimal::ZERO && entry_part(subject, entry) != Part::Bonus {
                losses[r].points -= entry.points;
                hit[r] = true;
            }
        }
        for (r, was_hit) in hit.into_iter().enumerate() {
            losses[r].records += usize::from(was_hit);
        }
    }
    losses.retain(|l| l.points > Decimal::ZERO);
    losses.sort_by(|a, b| b.points.cmp(&a.points).then(a.rule.cmp(&b.rule)));
    losses
}

/// How many records have each grade, in the subject's order (chosen grades
/// first), with the grade's index.
pub fn grade_counts(subject: &Subject, grades: impl IntoIterator<Item = GradeId>) -> Vec<(GradeId, usize)> {
    let mut counts = vec![0; subject.grades.len()];
    for g in grades {
        if let Some(n) = counts.get_mut(g.index()) {
            *n += 1;
        }
    }
    counts.into_iter().enumerate().map(|(g, n)| (GradeId(g), n)).collect()
}

/// `优秀：名额 6 = 40 × 15%，评出 4；105 分 3 人同分整体未评入 [第十九条]`, and
/// `空缺 2` when places go unfilled. `names(i)` names record i (shown
/// terminal-safe here, [`super::safe::name`]).
pub fn quota_line(subject: &Subject, selection: &Selection, names: impl Fn(usize) -> String) -> String {
    let grade = subject.band(selection.grade);
    let label = grade.map_or("", |g| g.name.label.as_str());
    let cite = grade.and_then(|g| g.quota.as_ref()).map_or("", |q| q.cite.as_str());
    let mut line = format!(
        "{label}：名额 {} = {} × {}%，评出 {}",
        selection.limit,
        selection.assessed,
        decimal(selection.percent),
        selection.chosen.len()
    );
    if let Some(tie) = &selection.tie {
        let who: Vec<String> = tie.members.iter().map(|i| super::safe::name(&names(*i)).into_owned()).collect();
        line.push_str(&format!(
            "；{} 分 {} 人同分整体未评入（{}）",
            decimal(tie.total),
            tie.members.len(),
            who.join("、")
        ));
    }
    let unfilled = selection.unfilled();
    if unfilled > 0 {
        line.push_str(&format!("；空缺 {unfilled} 个"));
    }
    line.push_str(&format!(" [{cite}]"));
    line
}
