//! Why a record's grade is not what its total alone would make it: a veto
//! on a chosen grade (`✕优秀`), a flag beside the grade (`⚑退回原单位`), a
//! group tied at the quota cut and left out whole (`＝同分未评入`), or, for
//! the year, not assessed at all. Tables, bulletins, spreadsheets and
//! ledgers all mark a record through here, each with its clause.

use serde::Serialize;

use super::decimal;
use crate::eval::annual::AnnualRecord;
use crate::eval::{Scored, Selection};
use crate::policy::{Flag, Subject, Veto};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Veto,
    Flag,
    Tie,
    NotAssessed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mark {
    pub kind: Kind,
    /// `✕优秀`, `⚑退回原单位`, `＝同分未评入`, `不参加年度考核`.
    pub short: String,
    /// The clause: `第十五条`, `附件1/政务服务/4`.
    pub cite: String,
    /// The document's own words, where the policy quotes them.
    pub wording: Option<String>,
    /// What decided it: `中途缺勤工作日 = 6`.
    pub reason: String,
}

impl Mark {
    /// `✕优秀：第十五条`, as a table's grade column shows it.
    pub fn inline(&self) -> String {
        format!("{}：{}", self.short, self.cite)
    }
}

/// The marks on one quarter's record (`index` in its list).
pub fn quarter(
    subject: &Subject,
    members: &Subject,
    scored: &Scored,
    selections: &[Selection],
    index: usize,
) -> Vec<Mark> {
    let mut marks = vetoes(subject, members, &subject.vetoes, &scored.vetoes);
    if scored.left_out_tied {
        marks.extend(tie(subject, selections, index));
    }
    marks.extend(flags(subject, members, &subject.flags, &scored.flags));
    marks
}

/// The marks on one record of the year (`index` in its list).
pub fn annual(
    subject: &Subject,
    members: &Subject,
    record: &AnnualRecord,
    selections: &[Selection],
    index: usize,
) -> Vec<Mark> {
    let Some(rules) = &subject.annual else { return Vec::new() };
    let mut marks: Vec<Mark> = record
        .not_assessed
        .iter()
        .filter_map(|(g, why)| {
            let gate = rules.not_assessed.get(*g)?;
            Some(Mark {
                kind: Kind::NotAssessed,
                short: "不参加年度考核".into(),
                cite: gate.cite.clone(),
                wording: gate.wording.clone(),
                reason: reason_words(subject, members, why),
            })
        })
        .collect();
    marks.extend(vetoes(subject, members, &rules.vetoes, &record.vetoes));
    if record.standing.as_ref().is_some_and(|s| s.left_out_tied) {
        marks.extend(tie(subject, selections, index));
    }
    marks.extend(flags(subject, members, &rules.flags, &record.flags));
    marks
}

fn vetoes(subject: &Subject, members: &Subject, vetoes: &[Veto], applied: &[(usize, String)]) -> Vec<Mark> {
    applied
        .iter()
        .filter_map(|(v, why)| {
            let veto = vetoes.get(*v)?;
            let grade = subject.grades.get(veto.grade).map_or("", |g| g.name.label.as_str());
            Some(Mark {
                kind: Kind::Veto,
                short: format!("✕{grade}"),
                cite: veto.cite.clone(),
                wording: veto.wording.clone(),
                reason: reason_words(subject, members, why),
            })
        })
        .collect()
}

fn flags(subject: &Subject, members: &Subject, flags: &[Flag], raised: &[(usize, String)]) -> Vec<Mark> {
    raised
        .iter()
        .filter_map(|(f, why)| {
            let flag = flags.get(*f)?;
            Some(Mark {
                kind: Kind::Flag,
                short: format!("⚑{}", flag.name.label),
                cite: flag.cite.clone(),
                wording: flag.wording.clone(),
                reason: reason_words(subject, members, why),
            })
        })
        .collect()
}

/// The tie at the cut that record `index` was left out with.
fn tie(subject: &Subject, selections: &[Selection], index: usize) -> Option<Mark> {
    let selection = selections.iter().find(|s| s.tie.as_ref().is_some_and(|(_, group)| group.contains(&index)))?;
    let (total, group) = selection.tie.as_ref()?;
    let grade = subject.grades.get(selection.grade)?;
    let quota = grade.quota.as_ref()?;
    Some(Mark {
        kind: Kind::Tie,
        short: "＝同分未评入".into(),
        cite: quota.cite.clone(),
        wording: quota.wording.clone(),
        reason: format!(
            "{} 分 {} 人同分，全部评入将超过{}名额 {}，同分者整体未评入",
            decimal(*total),
            group.len(),
            grade.name.label,
            selection.limit
        ),
    })
}

/// A reason as eval gives it (`days_away = 6`, `role chief_rep and
/// red_yellow_cards in window = 1`), in the policy's Chinese labels.
// Until eval hands reasons over as data, this words its text.
pub fn reason_words(subject: &Subject, members: &Subject, why: &str) -> String {
    let mut names: Vec<(&str, &str)> = Vec::new();
    for s in [subject, members] {
        names.extend(s.facts.iter().chain(&s.attributes).map(|f| (f.name.id.as_str(), f.name.label.as_str())));
        names.extend(s.roles.iter().map(|r| (r.id.as_str(), r.label.as_str())));
    }
    names.extend(subject.grades.iter().map(|g| (g.name.id.as_str(), g.name.label.as_str())));
    let phrases = [
        (" in window", "（本窗口合计）"),
        (" of staff", "（本窗口工作人员合计）"),
        ("months_in_hall", "在大厅工作月数"),
        (" in all 4 quarters", "（四个季度均是）"),
        (" of 4 quarters", "/4 个季度"),
        ("not (", "并非（"),
        (" and ", "，且"),
        (" or ", "，或"),
        ("role ", "角色为"),
        ("grade ", "等次为"),
    ];
    let mut out = String::new();
    for word in why.split_inclusive([' ', '(', ')']) {
        let (core, tail) = word.split_at(word.trim_end_matches([' ', '(', ')']).len());
        match names.iter().find(|(id, _)| *id == core) {
            Some((_, label)) => out.push_str(label),
            None => out.push_str(core),
        }
        out.push_str(tail);
    }
    for (from, to) in phrases {
        out = out.replace(from, to);
    }
    // `grade 红旗 in 0/4 个季度`: what is left of the year's wording.
    out.replace(" in ", "：").replace(')', "）")
}
