//! The notes a run writes on standard error, after its diagnostics: what
//! was read, what was scored and by which version of the policy, what was
//! left out. The use cases hand them over as data; they are worded here, in
//! Chinese or English as the diagnostics are (`--lang`).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::facts::Period;
use crate::policy::diff::{OneSided, Side};
use crate::policy::Version;
use crate::source::diagnostic::Lang;

/// Which version of the policy did the work: its directory and the date it
/// took effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct By {
    pub dir: PathBuf,
    pub effective: Option<NaiveDate>,
}

impl From<&Version> for By {
    fn from(version: &Version) -> By {
        By { dir: version.dir.clone(), effective: version.policy.effective }
    }
}

impl By {
    fn words(&self, lang: Lang) -> String {
        let dir = self.dir.display();
        match (self.effective, lang) {
            (Some(date), Lang::Zh) => format!("{dir}（{date} 施行）"),
            (Some(date), Lang::En) => format!("{dir} (effective {date})"),
            (None, _) => dir.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Note {
    /// A period's facts scored.
    Scored { period: Period, staff: usize, windows: usize, by: By },
    /// A period's facts counted from the hall's records (`kaohe gather`).
    Gathered { period: Period, staff: usize, windows: usize, by: By },
    /// A month's facts read for its 考勤通报: counted, not scored.
    Counted { period: Period, staff: usize, by: By },
    /// A year rolled up from its quarters.
    RolledUp { year: i32, by: By },
    /// Quarters of the year with no facts file: the annual totals average
    /// the quarters given.
    NoFactsFor { periods: Vec<Period> },
    /// The PDF printed by this browser.
    Printed { browser: PathBuf },
    /// `kaohe diff`: a fact one policy knows and the other (in `other`)
    /// does not.
    OneSided { one: OneSided, other: PathBuf },
    /// `kaohe explain --id T01`: a substitute's id leads to the people they
    /// stood in for, whose ledgers these are (第十四条).
    StoodIn { by: String, name: String, whom: Vec<(String, String)> },
    /// `kaohe template`: the workbook written.
    Template {
        period: Period,
        staff: usize,
        windows: usize,
        /// On the roster, but not in the hall during the period.
        left_out: usize,
        /// A year the policy has no calendar for: 在岗工作日 left to fill in.
        no_calendar: Option<i32>,
        by: By,
        out: PathBuf,
    },
    /// `kaohe fmt`: one file rewritten.
    Formatted { path: PathBuf },
    /// `kaohe fmt`: how many files changed (or would), how many were
    /// already in the canonical layout, how many could not be formatted.
    FormatSummary { changed: usize, unchanged: usize, errors: usize, check: bool },
    /// Already worded where it was made (the records stage's counts of
    /// what it left out, in Chinese).
    Said(String),
}

impl Note {
    /// The note in one line, without the `kaohe: ` in front.
    pub fn words(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Note::Scored { period, staff, windows, by } => lang.pick(
                format!("{period}：{staff} 名工作人员、{windows} 个窗口已评分，依据 {}", by.words(lang)),
                format!("{period}: {staff} staff and {windows} windows scored by policy {}", by.words(lang)),
            ),
            Note::Gathered { period, staff, windows, by } => lang.pick(
                format!(
                    "{period}：{staff} 名工作人员、{windows} 个窗口的事实已由原始记录统计，依据 {}",
                    by.words(lang)
                ),
                format!("{period}: {staff} staff and {windows} windows gathered by policy {}", by.words(lang)),
            ),
            Note::Counted { period, staff, by } => lang.pick(
                format!("{period}：{staff} 名工作人员的考勤已统计（月度只统计，不计分），依据 {}", by.words(lang)),
                format!(
                    "{period}: {staff} staff, attendance by policy {} (a month is counted, not scored)",
                    by.words(lang)
                ),
            ),
            Note::RolledUp { year, by } => lang.pick(
                format!("{year} 年度已由各季度汇总，依据 {}", by.words(lang)),
                format!("year {year} rolled up by policy {}", by.words(lang)),
            ),
            Note::NoFactsFor { periods } => {
                let list: Vec<String> = periods.iter().map(Period::to_string).collect();
                lang.pick(
                    format!("注意：没有 {} 的事实，年度总分按已给出的季度平均", list.join("、")),
                    format!("note: no facts for {}; annual totals average the quarters given", list.join(", ")),
                )
            }
            Note::Printed { browser } => lang.pick(
                format!("已由 {} 打印为 PDF", browser.display()),
                format!("printed to PDF by {}", browser.display()),
            ),
            Note::OneSided { one, other } => {
                let (other, records) = (other.display(), one.records);
                let (fact, label) = (&one.fact.id, &one.fact.label);
                if zh {
                    let subject = if one.subject == "window" { "窗口" } else { "人员" };
                    let (knows, other_side) = if one.known_to == Side::Old { ("旧", "新") } else { ("新", "旧") };
                    format!(
                        "{subject}事实 `{fact}`（{label}）只有{knows}政策有：{other_side}政策（{other}）按 0 计（{records} 条记录给出了它）"
                    )
                } else {
                    let (knows, other_side) = if one.known_to == Side::Old { ("old", "new") } else { ("new", "old") };
                    format!(
                        "{} `{fact}` ({label}) is known only to the {knows} policy: the {other_side} one ({other}) scores it as zero ({records} records give it)",
                        one.subject
                    )
                }
            }
            Note::StoodIn { by, name, whom } => {
                let whom: Vec<String> = whom.iter().map(|(id, name)| format!("{id} {name}")).collect();
                lang.pick(
                    format!(
                        "`{by}`（{name}）临时顶替 {}：顶替人员的考评分记给被顶替的工作人员（第十四条），所以这是被顶替者的台账",
                        whom.join("、")
                    ),
                    format!(
                        "`{by}` ({name}) stood in for {}: what a substitute earns is scored to the person substituted (第十四条), so this is their ledger",
                        whom.join(", ")
                    ),
                )
            }
            Note::Template { period, staff, windows, left_out, no_calendar, by, out } => {
                let mut text = lang.pick(
                    format!("{period}：{staff} 名工作人员、{windows} 个窗口的事实表"),
                    format!("{period}: template for {staff} staff and {windows} windows"),
                );
                if *left_out > 0 {
                    text += &lang.pick(
                        format!("（名册中 {left_out} 人在 {period} 不在大厅，未列入）"),
                        format!(" ({left_out} on the roster not in the hall during {period} left out)"),
                    );
                }
                text += &lang.pick(format!("，依据 {}", by.words(lang)), format!(", by policy {}", by.words(lang)));
                if let Some(year) = no_calendar {
                    text += &lang.pick(
                        format!("；政策没有 {year} 年的日历，在岗工作日留待填写"),
                        format!("; the policy has no calendar for {year}, so 在岗工作日 is left to fill in"),
                    );
                }
                text += &lang.pick(format!("，已写入 {}", out.display()), format!(", written to {}", out.display()));
                text
            }
            Note::Formatted { path } => {
                lang.pick(format!("已格式化 {}", path.display()), format!("formatted {}", path.display()))
            }
            Note::FormatSummary { changed, unchanged, errors, check } => {
                let mut text = match (zh, check) {
                    (true, true) => format!("{changed} 个文件需要重新格式化，{unchanged} 个已是规范格式"),
                    (true, false) => format!("已格式化 {changed} 个文件，{unchanged} 个已是规范格式"),
                    (false, _) => {
                        let files = if *changed == 1 { "file" } else { "files" };
                        let done = if *check { "would be reformatted" } else { "formatted" };
                        format!("{changed} {files} {done}, {unchanged} already formatted")
                    }
                };
                if *errors > 0 {
                    text += &lang.pick(format!("，{errors} 个有错误"), format!(", {errors} with errors"));
                }
                text
            }
            Note::Said(text) => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_is_worded_in_both_languages() {
        let by = By { dir: PathBuf::from("policies/luoshan/2026"), effective: NaiveDate::from_ymd_opt(2026, 1, 1) };
        let q3 = Period::Quarter { year: 2026, quarter: 3 };
        let notes = [
            Note::Scored { period: q3, staff: 40, windows: 12, by: by.clone() },
            Note::Gathered { period: q3, staff: 40, windows: 12, by: by.clone() },
            Note::Counted { period: Period::Month { year: 2026, month: 7 }, staff: 40, by: by.clone() },
            Note::RolledUp { year: 2026, by: by.clone() },
            Note::NoFactsFor { periods: vec![q3] },
            Note::Printed { browser: PathBuf::from("/usr/bin/chromium") },
            Note::OneSided {
                one: OneSided {
                    subject: "staff",
                    fact: crate::policy::Label { id: "x".into(), label: "某事".into() },
                    known_to: Side::New,
                    records: 1,
                },
                other: PathBuf::from("old"),
            },
            Note::StoodIn { by: "T01".into(), name: "王五".into(), whom: vec![("S1".into(), "张三".into())] },
            Note::Template {
                period: q3,
                staff: 40,
                windows: 12,
                left_out: 1,
                no_calendar: Some(2027),
                by: by.clone(),
                out: PathBuf::from("q.xlsx"),
            },
            Note::Formatted { path: PathBuf::from("a.rules") },
            Note::FormatSummary { changed: 1, unchanged: 2, errors: 1, check: true },
        ];
        for note in &notes {
            let (zh, en) = (note.words(Lang::Zh), note.words(Lang::En));
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            assert_ne!(zh, en);
            assert!(!zh.contains('\n') && !en.contains('\n'));
        }
        assert_eq!(
            notes[0].words(Lang::Zh),
            "2026-Q3：40 名工作人员、12 个窗口已评分，依据 policies/luoshan/2026（2026-01-01 施行）"
        );
        assert_eq!(
            notes[0].words(Lang::En),
            "2026-Q3: 40 staff and 12 windows scored by policy policies/luoshan/2026 (effective 2026-01-01)"
        );
    }
}
