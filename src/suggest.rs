//! "Did you mean": the name a misspelt one, or one written with its Chinese
//! label, probably stands for. [`did_you_mean`] finds it; [`Suggestion::help`]
//! is its one wording, in either language.

use crate::source::diagnostic::{named, Lang};

/// A name the user probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion {
    /// A name spelt nearly so: `did you mean `absent_days` (旷工天数)?`
    Near { name: String, label: String },
    /// The name whose label was written instead of it (`"旷工天数": 1`):
    /// `write `absent_days` (旷工天数)`.
    Label { name: String, label: String },
}

impl Suggestion {
    /// The help that offers it.
    pub fn help(&self, lang: Lang) -> String {
        match self {
            Suggestion::Near { name, label } => {
                let name = named(lang, name, label);
                lang.pick(format!("是不是 {name}？"), format!("did you mean {name}?"))
            }
            Suggestion::Label { name, label } => {
                let name = named(lang, name, label);
                lang.pick(format!("应写作 {name}：文件里写编号，不写中文名称"), format!("write {name}"))
            }
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Suggestion::Near { name, .. } | Suggestion::Label { name, .. } => name,
        }
    }
}

/// What `written` probably stands for among `candidates`, each a name and
/// its label (empty when it has none): the name whose label it is, or else
/// the name closest to it, if close enough to be a likely typo.
pub fn did_you_mean<'a>(written: &str, candidates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Suggestion> {
    let candidates: Vec<(&str, &str)> = candidates.into_iter().collect();
    let trimmed = written.trim();
    if let Some((name, label)) = candidates.iter().find(|(_, label)| !label.is_empty() && *label == trimmed) {
        return Some(Suggestion::Label { name: name.to_string(), label: label.to_string() });
    }
    let near = closest(written, candidates.iter().map(|(name, _)| *name))?;
    let label = candidates.iter().find(|(name, _)| *name == near).map_or("", |(_, label)| label);
    Some(Suggestion::Near { name: near.to_string(), label: label.to_string() })
}

/// [`did_you_mean`] among names without labels.
pub fn did_you_mean_name<'a>(written: &str, names: impl IntoIterator<Item = &'a str>) -> Option<Suggestion> {
    did_you_mean(written, names.into_iter().map(|name| (name, "")))
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let facts = ["late_early_away", "absent_days", "unpunched"];
        assert_eq!(closest("late_early_awya", facts), Some("late_early_away"));
        assert_eq!(closest("absent_day", facts), Some("absent_days"));
        assert_eq!(closest("banners", facts), None);
        assert_eq!(edit_distance("迟到", "迟到早退"), 2);
    }

    #[test]
    fn a_label_names_its_fact() {
        let facts = [("absent_days", "旷工天数"), ("unpunched", "未按时录入考勤且事后未说明")];
        let found = did_you_mean("旷工天数", facts);
        assert_eq!(found, Some(Suggestion::Label { name: "absent_days".into(), label: "旷工天数".into() }));
        let found = did_you_mean("absent_day", facts);
        assert_eq!(found, Some(Suggestion::Near { name: "absent_days".into(), label: "旷工天数".into() }));
        assert_eq!(did_you_mean("banners", facts), None);
        let help = |s: Option<Suggestion>, lang| s.map(|s| s.help(lang)).unwrap_or_default();
        assert_eq!(help(did_you_mean("旷工天数", facts), Lang::En), "write `absent_days` (旷工天数)");
        assert_eq!(help(did_you_mean("absent_day", facts), Lang::Zh), "是不是 `absent_days`（旷工天数）？");
        assert_eq!(help(did_you_mean_name("stafff", ["staff"]), Lang::En), "did you mean `staff`?");
    }
}
