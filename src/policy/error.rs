//! What can be wrong with a policy's versions, and how each says it: a
//! directory of versions must date each one, no two alike, and some version
//! must be in force for the period scored.

use chrono::NaiveDate;

use crate::source::diagnostic::{Diagnostic, Lang, Text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionError {
    /// One of several versions does not say when it takes effect.
    NoDate { dir: String, version: String },
    /// Two versions take effect on the same day.
    SameDate { first: String, second: String, date: NaiveDate },
    /// No version is in force on the first day of the period; `versions`:
    /// each version's date and directory.
    NoneInForce { dir: String, date: NaiveDate, period: String, versions: Vec<(NaiveDate, String)> },
}

impl Diagnostic for VersionError {
    fn code(&self) -> &'static str {
        match self {
            VersionError::NoDate { .. } => "kaohe::version::no_date",
            VersionError::SameDate { .. } => "kaohe::version::same_date",
            VersionError::NoneInForce { .. } => "kaohe::version::none_in_force",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            VersionError::NoDate { dir, version } => Text::new(lang.pick(
                format!("`{dir}` 中有多个政策版本，但 `{version}` 没有写明何时施行"),
                format!("`{dir}` holds several policy versions, but `{version}` does not say when it takes effect"),
            ))
            .help(lang.pick(
                "在它的某个文件中写 `policy \"…\" effective 2026-01-01`",
                "write `policy \"…\" effective 2026-01-01` in one of its files",
            )),
            VersionError::SameDate { first, second, date } => Text::new(lang.pick(
                format!("版本 `{first}` 和 `{second}` 都在 {date} 施行"),
                format!("versions `{first}` and `{second}` both take effect on {date}"),
            ))
            .help(lang.pick("每个版本给一个不同的 `effective` 日期", "give each version its own `effective` date")),
            VersionError::NoneInForce { dir, date, period, versions } => {
                let dates: Vec<String> = versions
                    .iter()
                    .map(|(date, dir)| lang.pick(format!("{date}（{dir}）"), format!("{date} ({dir})")))
                    .collect();
                Text::new(lang.pick(
                    format!("`{dir}` 中没有在 {date}（考核期 {period} 的第一天）施行的政策版本"),
                    format!("no version of the policy in `{dir}` is in force on {date}, the start of period {period}"),
                ))
                .help(lang.pick(
                    format!("各版本的施行日期：{}", dates.join("，")),
                    format!("the versions take effect on: {}", dates.join(", ")),
                ))
            }
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            VersionError::NoDate { dir, .. } | VersionError::NoneInForce { dir, .. } => Some(dir),
            VersionError::SameDate { second, .. } => Some(second),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_error_is_worded_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let examples = [
            VersionError::NoDate { dir: "p".into(), version: "p/2027".into() },
            VersionError::SameDate { first: "p/a".into(), second: "p/b".into(), date },
            VersionError::NoneInForce {
                dir: "p".into(),
                date,
                period: "2026-Q1".into(),
                versions: vec![(date, "p/2027".into())],
            },
        ];
        let variant = |e: &VersionError| match e {
            VersionError::NoDate { .. } => 0,
            VersionError::SameDate { .. } => 1,
            VersionError::NoneInForce { .. } => 2,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 3);
    }
}
