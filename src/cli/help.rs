//! `--help` in the language of the run, by the diagnostics' rule (`--lang`
//! anywhere on the line, else the locale): the English is clap's command as
//! the doc comments give it; the Chinese is that command with the words of
//! `kaohe::render::help::zh` put in, clap's own headings and built-ins too. `kaohe man` and
//! the completions keep the English.

use clap::builder::StyledStr;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use kaohe::diagnostic::Lang;

use super::Cli;
use kaohe::render::help::zh::{self, Words};

/// The command line, parsed by the command in the run's language. The
/// Chinese words are put in only when clap is to show help or the version
/// (a run that scores never shows them: 3% of a small quarter's run);
/// a mistake is worded by kaohe itself (`usage.rs`), whichever command
/// found it.
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = match Cli::command().try_get_matches() {
        Err(err) if shows_help(&err) && super::stderr::lang() == Lang::Zh => {
            chinese(Cli::command()).try_get_matches()?
        }
        parsed => parsed?,
    };
    Cli::from_arg_matches(&matches).map_err(|err| err.format(&mut Cli::command()))
}

/// Whether clap stopped to show help or the version, rather than for a
/// mistake in the command line.
pub fn shows_help(err: &clap::Error) -> bool {
    use clap::error::ErrorKind;
    matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// The command with its help in Chinese. Built first, so that clap's own
/// `--help`, `--version` and `help` subcommand are there to be worded, and
/// the global options are copied into every subcommand.
pub fn chinese(mut command: Command) -> Command {
    command.build();
    translate(command)
}

fn translate(command: Command) -> Command {
    let words = zh::command(command.get_name());
    let mut command = command.mut_args(|arg| argument(words, arg)).mut_subcommands(translate);
    if let Some(words) = words {
        command = command.about(words.about);
        if command.get_long_about().is_some() {
            command = command.long_about(words.long_about);
        }
        if command.get_after_help().is_some() {
            command = command.after_help(words.after_help);
        }
    }
    let template = template(&command);
    command.help_template(template)
}

/// An argument's help in Chinese, with its possible values and default said
/// in it (clap would say them in English).
fn argument(words: Option<&Words>, arg: Arg) -> Arg {
    if matches!(arg.get_action(), ArgAction::Help) && arg.get_long_help().is_some() {
        return arg.help(zh::HELP_SHORT).long_help(zh::HELP_LONG);
    }
    let Some(help) = zh::argument(words, arg.get_id().as_str()) else {
        return arg;
    };
    let mut notes = Vec::new();
    if arg.get_action().takes_values() {
        let possible: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !possible.is_empty() && !arg.is_hide_possible_values_set() {
            notes.push(format!("{}{}", zh::POSSIBLE, possible.join("、")));
        }
        let default: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !default.is_empty() && !arg.is_hide_default_value_set() {
            notes.push(format!("{}{}", zh::DEFAULT, default.join("、")));
        }
    }
    let help = if notes.is_empty() { help.to_string() } else { format!("{help}（{}）", notes.join("；")) };
    arg.help(help).hide_possible_values(true).hide_default_value(true)
}

/// clap's layout with Chinese headings: `{all-args}` would write them in
/// English, so each section is its own tag under its own heading.
fn template(command: &Command) -> StyledStr {
    let styles = command.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let visible = |arg: &&Arg| !arg.is_hide_set();
    let mut sections = Vec::new();
    if command.get_subcommands().any(|c| !c.is_hide_set()) {
        sections.push((zh::SUBCOMMANDS, "{subcommands}"));
    }
    if command.get_positionals().any(|a| visible(&a)) {
        sections.push((zh::ARGUMENTS, "{positionals}"));
    }
    if command.get_arguments().filter(visible).any(|a| !a.is_positional()) {
        sections.push((zh::OPTIONS, "{options}"));
    }
    let mut text = format!("{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#}{{usage}}", zh::USAGE);
    for (heading, tag) in sections {
        text.push_str(&format!("\n\n{header}{heading}{header:#}\n{tag}"));
    }
    text.push_str("{after-help}");
    StyledStr::from(text)
}

#[cfg(test)]
mod tests;
