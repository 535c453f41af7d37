//! A command line clap refused, read out of clap's error into kaohe's own
//! [`CommandLine`] data, so that it is worded like every other diagnostic:
//! in Chinese by default, in English with `--lang en`, as JSON with
//! `--error-format json`.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory;
use kaohe::app::{AppError, CommandLine};

/// What was wrong, with the usage of the subcommand it was for.
pub fn refused(err: &clap::Error) -> AppError {
    let usage = match err.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => {
            let usage = usage.to_string();
            let usage = usage.trim();
            Some(usage.strip_prefix("Usage:").unwrap_or(usage).trim().to_string())
        }
        _ => None,
    };
    AppError::CommandLine { wrong: wrong(err), usage }
}

fn wrong(err: &clap::Error) -> CommandLine {
    let one = |kind| match err.get(kind) {
        Some(ContextValue::String(text)) => Some(text.clone()),
        Some(ContextValue::Strings(texts)) => texts.first().cloned(),
        _ => None,
    };
    let many = |kind| match err.get(kind) {
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::String(text)) => vec![text.clone()],
        _ => Vec::new(),
    };
    // `--format <FORMAT>` as clap names it: the option is `--format`.
    let option_of = |kind| one(kind).map(|o| o.split(' ').next().unwrap_or_default().to_string());
    let given = one(ContextKind::InvalidValue).unwrap_or_default();
    match (err.kind(), option_of(ContextKind::InvalidArg)) {
        (ErrorKind::UnknownArgument, _) => CommandLine::UnknownArgument {
            given: one(ContextKind::InvalidArg).unwrap_or_default(),
            suggestion: one(ContextKind::SuggestedArg),
        },
        (ErrorKind::InvalidSubcommand, _) => CommandLine::UnknownCommand {
            given: one(ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestions: many(ContextKind::SuggestedSubcommand).into_iter().filter(|s| s != "help").collect(),
            known: super::Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect(),
        },
        (ErrorKind::InvalidValue, Some(option)) if given.is_empty() => CommandLine::NoValue { option },
        (ErrorKind::InvalidValue, Some(option)) => CommandLine::BadValue {
            option,
            given,
            possible: many(ContextKind::ValidValue),
            suggestion: one(ContextKind::SuggestedValue),
        },
        (ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues, Some(option)) => {
            CommandLine::NoValue { option }
        }
        (ErrorKind::MissingRequiredArgument, _) => CommandLine::Missing { options: many(ContextKind::InvalidArg) },
        (ErrorKind::ArgumentConflict, Some(option)) => {
            CommandLine::Conflict { option, with: option_of(ContextKind::PriorArg) }
        }
        (ErrorKind::TooManyValues, Some(option)) => CommandLine::TooMany { option, given },
        (ErrorKind::ValueValidation, Some(option)) => {
            let reason = std::error::Error::source(err).map(|source| source.to_string());
            CommandLine::Invalid { option, given, reason }
        }
        (ErrorKind::InvalidUtf8, _) => CommandLine::NotUtf8,
        _ => CommandLine::Other { words: clap_words(err) },
    }
}

/// clap's own message, its first line without `error: `.
fn clap_words(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).trim().to_string()
}
