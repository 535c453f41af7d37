//! What `eval` and `annual` share about their tables: the order of the
//! rows, the compact layout, and one window.

use clap::{Args, ValueEnum};
use kaohe::app::{Error, Fault};
use kaohe::render::table::{Options, Sort};

use super::Failure;

#[derive(Debug, Args)]
pub struct TableArgs {
    /// The order of a table's rows: by rank (ties by id), by id, by window
    /// (then rank), or as in the facts file.
    #[arg(long, value_enum, default_value_t = SortBy::Rank)]
    sort: SortBy,
    /// Fit 100 columns: categories abbreviated (a legend under the table),
    /// vetoes and flags as numbered notes.
    #[arg(long)]
    compact: bool,
    /// Show only this window (its id, e.g. `W03`) and its staff.
    #[arg(long, value_name = "ID")]
    window: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SortBy {
    Rank,
    Id,
    Window,
    Input,
}

impl TableArgs {
    /// The table's options; `--window` must be one of `windows`.
    pub fn options<'a>(&self, windows: impl Iterator<Item = &'a str> + Clone) -> Result<Options, Failure> {
        if let Some(wanted) = &self.window {
            if !windows.clone().any(|w| w == wanted) {
                let suggestion = kaohe::suggest::did_you_mean_name(wanted, windows);
                let error = kaohe::app::AppError::UnknownWindow { wanted: wanted.clone(), suggestion };
                return Err(Error::one(Fault::Usage, error).into());
            }
        }
        let sort = match self.sort {
            SortBy::Rank => Sort::Rank,
            SortBy::Id => Sort::Id,
            SortBy::Window => Sort::Window,
            SortBy::Input => Sort::Input,
        };
        Ok(Options { sort, compact: self.compact, window: self.window.clone() })
    }
}
