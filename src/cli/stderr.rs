//! How diagnostics are shown on stderr: in colour or not, in Chinese or
//! English, for a person or for a script. Global options of every
//! subcommand.

use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, ValueEnum};
use kaohe::diagnostic::Lang;
use kaohe::output::stdio::Stream;
use kaohe::render::{Diagnostics, ErrorFormat};

#[derive(Debug, Args)]
pub struct StderrArgs {
    /// When to colour diagnostics on stderr.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// The language of diagnostics and `--help`: `zh` (Chinese) or `en` (English).
    /// Without it, an English locale (`LC_ALL`, `LC_MESSAGES` or `LANG`
    /// starting with `en`) reads English, and every other one, `C` and
    /// `POSIX` included, Chinese.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,

    /// How diagnostics are written on stderr: `human` (each with the source
    /// it points at, then how many) or `json` (one object a line, for
    /// scripts: severity, code, message, label, file, line, column, help).
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = ErrorFormatArg::Human)]
    error_format: ErrorFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ErrorFormatArg {
    Human,
    Json,
}

/// Whether stderr is JSON lines (`--error-format json`): the notes of a run
/// are written so too. Set once, when the command line is read.
static JSON: AtomicBool = AtomicBool::new(false);

pub fn json() -> bool {
    JSON.load(Ordering::Relaxed)
}

impl StderrArgs {
    /// The diagnostics as asked for; and the notes of the run to match.
    pub fn diagnostics(&self) -> Diagnostics {
        JSON.store(self.error_format == ErrorFormatArg::Json, Ordering::Relaxed);
        let color = match self.color {
            Color::Auto => Stream::Stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            Color::Always => true,
            Color::Never => false,
        };
        let lang = match self.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        };
        let format = match self.error_format {
            ErrorFormatArg::Human => ErrorFormat::Human,
            ErrorFormatArg::Json => ErrorFormat::Json,
        };
        Diagnostics::new(color, lang, format)
    }
}

/// The language of a command line clap has not parsed (yet, for `--help`;
/// or at all, for a mistake in it): `--lang` read by hand, else the locale's.
pub fn lang() -> Lang {
    match given("--lang").as_deref() {
        Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        _ => Lang::from_env(),
    }
}

/// The value of `option` on the command line (`--lang en` or `--lang=en`).
fn given(option: &str) -> Option<String> {
    // Not `args()`: it panics on an argument that is not UTF-8.
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().find_map(|(i, arg)| match arg.strip_prefix(option) {
        Some(rest) if rest.starts_with('=') => Some(rest[1..].to_string()),
        Some("") => args.get(i + 1).cloned(),
        _ => None,
    })
}

/// The diagnostics of a command line clap did not parse (a mistake in it,
/// or `--help` to a full disk): `--lang` and `--error-format` read by hand,
/// plain.
pub fn unparsed() -> Diagnostics {
    let json = given("--error-format").as_deref() == Some("json");
    JSON.store(json, Ordering::Relaxed);
    Diagnostics::new(false, lang(), if json { ErrorFormat::Json } else { ErrorFormat::Human })
}
