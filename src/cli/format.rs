//! Which format a result is written in: `--format` when given, else what
//! the `--out` file's extension names, else the command's default; the two
//! may not contradict each other.

use std::path::Path;

use kaohe::app::Error;

use super::Failure;

/// Every format some command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Table,
    Json,
    Markdown,
    Html,
    /// A spreadsheet (`eval`, `annual`, `report`): the extension is
    /// recognised so that `--out x.xlsx` is never a text file named so.
    Xlsx,
}

impl Kind {
    /// As `--format` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Table => "table",
            Kind::Json => "json",
            Kind::Markdown => "md",
            Kind::Html => "html",
            Kind::Xlsx => "xlsx",
        }
    }

    /// The extension of an `--out` file in this format.
    fn extension(self) -> &'static str {
        match self {
            Kind::Table => ".txt",
            Kind::Json => ".json",
            Kind::Markdown => ".md",
            Kind::Html => ".html",
            Kind::Xlsx => ".xlsx",
        }
    }

    /// The format an `--out` file's extension names, if it names one.
    fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Kind::Table),
            "json" => Some(Kind::Json),
            "md" | "markdown" => Some(Kind::Markdown),
            "html" | "htm" => Some(Kind::Html),
            "xlsx" => Some(Kind::Xlsx),
            _ => None,
        }
    }
}

/// The format to write: `explicit` (`--format`), else the one `out`'s
/// extension names, else `default`. Of `offered`, the formats the command
/// writes; anything else, or an `--out` extension against `--format`, is a
/// usage error (exit 2).
pub fn choose(
    command: &str,
    explicit: Option<Kind>,
    out: Option<&Path>,
    offered: &[Kind],
    default: Kind,
) -> Result<Kind, Failure> {
    let named = out.filter(|p| !super::out::is_stdout(p)).and_then(|p| Kind::of(p).map(|k| (p, k)));
    let offers = || offered.iter().map(|k| format!("{} ({})", k.name(), k.extension())).collect::<Vec<_>>();
    match (explicit, named) {
        (Some(format), Some((path, kind))) if format != kind => {
            Err(Error::format_against_out(format.name(), &path.display().to_string(), kind.name()).into())
        }
        (_, Some((path, kind))) if !offered.contains(&kind) => {
            Err(Error::format_not_offered(command, &path.display().to_string(), kind.name(), &offers()).into())
        }
        (_, Some((_, kind))) => Ok(kind),
        (Some(format), None) => Ok(format),
        (None, None) => Ok(default),
    }
}
