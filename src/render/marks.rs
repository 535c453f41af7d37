//! Why a record's grade is not what its total alone would make it: a veto
//! on a chosen grade (`✕优秀`), a flag beside the grade (`⚑退回原单位`), a
//! group tied at the quota cut and left out whole (`＝同分未评入`), or, for
//! the year, not assessed at all. Tables, bulletins, spreadsheets and
//! ledgers all mark a record through here, each with its clause.

use serde::Serialize;

use super::{decimal, reason_chinese};
use crate::eval::annual::AnnualRecord;
use crate::eval::{Reason, Scored, Selection};
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
    /// What decided it, in the printed rubric's words with what was read:
    /// `中途缺勤工作日 ≥ 5（实为 6）`.
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
        .filter_map(|why| {
            let gate = rules.not_assessed.get(why.index)?;
            Some(Mark {
                kind: Kind::NotAssessed,
                short: "不参加年度考核".into(),
                cite: gate.cite.clone(),
                wording: gate.wording.clone(),
                reason: reason_chinese(subject, members, &why.tests),
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

fn vetoes(subject: &Subject, members: &Subject, vetoes: &[Veto], applied: &[Reason]) -> Vec<Mark> {
    applied
        .iter()
        .filter_map(|why| {
            let veto = vetoes.get(why.index)?;
            let grade = subject.band(veto.grade).map_or("", |g| g.name.label.as_str());
            Some(Mark {
                kind: Kind::Veto,
                short: format!("✕{grade}"),
                cite: veto.cite.clone(),
                wording: veto.wording.clone(),
                reason: reason_chinese(subject, members, &why.tests),
            })
        })
        .collect()
}

fn flags(subject: &Subject, members: &Subject, flags: &[Flag], raised: &[Reason]) -> Vec<Mark> {
    raised
        .iter()
        .filter_map(|why| {
            let flag = flags.get(why.index)?;
            Some(Mark {
                kind: Kind::Flag,
                short: format!("⚑{}", flag.name.label),
                cite: flag.cite.clone(),
                wording: flag.wording.clone(),
                reason: reason_chinese(subject, members, &why.tests),
            })
        })
        .collect()
}

/// The tie at the cut that record `index` was left out with.
fn tie(subject: &Subject, selections: &[Selection], index: usize) -> Option<Mark> {
    let selection = selections.iter().find(|s| s.tie.as_ref().is_some_and(|tie| tie.members.contains(&index)))?;
    let tie = selection.tie.as_ref()?;
    let grade = subject.band(selection.grade)?;
    let quota = grade.quota.as_ref()?;
    Some(Mark {
        kind: Kind::Tie,
        short: "＝同分未评入".into(),
        cite: quota.cite.clone(),
        wording: quota.wording.clone(),
        reason: format!(
            "{} 分 {} 人同分，全部评入将超过{}名额 {}，同分者整体未评入",
            decimal(tie.total),
            tie.members.len(),
            grade.name.label,
            selection.limit
        ),
    })
}
