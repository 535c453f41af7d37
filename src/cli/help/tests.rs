//! The Chinese of `--help` and the command tree are held alike: every
//! subcommand and every visible argument has its words, and no words are of
//! a subcommand or argument that does not exist, so that the two cannot
//! drift apart.

use clap::{ArgAction, Command, CommandFactory};

use super::super::Cli;
use kaohe::render::help::zh;

/// The command tree as clap completes it (`--help`, `--version`, the
/// `help` subcommand, the global options in every subcommand).
fn built() -> Command {
    let mut command = Cli::command();
    command.build();
    command
}

/// Every command of the tree, `help` among them but not its subtree (copies
/// of the others).
fn all(command: &Command, out: &mut Vec<Command>) {
    out.push(command.clone());
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            out.push(sub.clone());
        } else {
            all(sub, out);
        }
    }
}

fn tree() -> Vec<Command> {
    let mut out = Vec::new();
    all(&built(), &mut out);
    out
}

#[test]
fn every_subcommand_and_argument_has_its_chinese() {
    let mut missing = Vec::new();
    for command in tree() {
        let name = command.get_name();
        let Some(words) = zh::command(name) else {
            missing.push(name.to_string());
            continue;
        };
        if command.get_long_about().is_some() != words.long_about.is_some() {
            missing.push(format!("{name}: long_about"));
        }
        if command.get_after_help().is_some() != words.after_help.is_some() {
            missing.push(format!("{name}: after_help"));
        }
        for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
            let id = arg.get_id().as_str();
            if zh::argument(Some(words), id).is_none() {
                missing.push(format!("{name} {id}"));
            }
            // Only clap's `--help` has a long help, worded by HELP_LONG.
            if arg.get_long_help().is_some() && !matches!(arg.get_action(), ArgAction::Help) {
                missing.push(format!("{name} {id}: long_help"));
            }
        }
    }
    assert!(missing.is_empty(), "no Chinese for {missing:#?}");
}

#[test]
fn no_chinese_words_are_of_what_does_not_exist() {
    let tree = tree();
    let mut stray = Vec::new();
    for (i, words) in zh::COMMANDS.iter().enumerate() {
        if zh::COMMANDS[..i].iter().any(|other| other.name == words.name) {
            stray.push(format!("{} twice", words.name));
        }
        let Some(command) = tree.iter().find(|command| command.get_name() == words.name) else {
            stray.push(words.name.to_string());
            continue;
        };
        for (j, (id, _)) in words.args.iter().enumerate() {
            if words.args[..j].iter().any(|(other, _)| other == id) {
                stray.push(format!("{} {id} twice", words.name));
            }
            if !command.get_arguments().any(|arg| arg.get_id() == *id) {
                stray.push(format!("{} {id}", words.name));
            }
        }
    }
    for (id, _) in zh::EVERY {
        if !tree.iter().any(|command| command.get_arguments().any(|arg| arg.get_id() == *id)) {
            stray.push(format!("every {id}"));
        }
    }
    assert!(stray.is_empty(), "Chinese words of nothing: {stray:#?}");
}

#[test]
fn the_chinese_help_leaves_no_english_of_clap() {
    let mut chinese = super::chinese(Cli::command());
    let mut pages = vec![chinese.render_help(), chinese.render_long_help()];
    for sub in chinese.get_subcommands_mut() {
        pages.push(sub.render_help());
        pages.push(sub.render_long_help());
    }
    for page in pages.iter().map(ToString::to_string) {
        assert!(page.contains("用法：kaohe"), "{page}");
        for english in
            ["Usage:", "Commands:", "Options:", "Arguments:", "Print ", "[default:", "[possible values:", "Exit status"]
        {
            assert!(!page.contains(english), "`{english}` in\n{page}");
        }
    }
}
