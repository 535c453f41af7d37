//! `--help` end to end: Chinese by default, English with `--lang en` or an
//! English locale, the rule the diagnostics follow; stdout and status 0
//! either way. (That every subcommand and argument has its Chinese is held
//! by the unit tests of `src/cli/help.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

/// `kaohe args` in a locale (`LANG` only), nothing added to the line.
fn help(lang: &str, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn chinese(page: &str) {
    for words in ["用法：kaohe eval", "选项：", "为一个考核期的事实计分", "显示帮助", "（可选值：table、json、xlsx）"]
    {
        assert!(page.contains(words), "no `{words}` in\n{page}");
    }
    assert!(page.contains("退出状态：\n  0  成功"), "{page}");
    assert!(page.contains("（可选值：rank、id、window、input；默认：rank）"), "{page}");
    assert!(!page.contains("Usage:") && !page.contains("Print help"), "{page}");
}

fn english(page: &str) {
    for words in [
        "Score a period's facts: every staff member and window, with grades\n\nUsage: kaohe eval [OPTIONS] --policy <DIR> --facts <FILE>\n\nOptions:",
        "--policy <DIR>           The policy directory, e.g. `policies/luoshan`",
        "[default: rank] [possible values: rank, id, window, input]",
        "-h, --help                   Print help\n",
        "Exit status:\n  0  success",
    ] {
        assert!(page.contains(words), "no `{words}` in\n{page}");
    }
    assert!(!page.contains("用法") && !page.contains("选项："), "{page}");
}

#[test]
fn help_is_chinese_by_default_and_english_where_asked() {
    chinese(&help("C", &["--lang", "zh", "eval", "--help"]));
    chinese(&help("en_US.UTF-8", &["eval", "--help", "--lang=zh"]));
    chinese(&help("zh_CN.UTF-8", &["eval", "--help"]));
    chinese(&help("C", &["eval", "--help"]));
    chinese(&help("C", &["help", "eval"]));
    english(&help("C", &["--lang", "en", "eval", "--help"]));
    english(&help("zh_CN.UTF-8", &["eval", "--help", "--lang", "en"]));
    english(&help("en_US.UTF-8", &["eval", "--help"]));
}

/// Every subcommand's page in Chinese, clap's headings and built-ins too.
#[test]
fn every_subcommand_has_its_help_in_chinese() {
    let root = help("C", &["-h"]);
    assert!(root.contains("子命令：\n  eval "), "{root}");
    assert!(root.contains("-V, --version                显示版本"), "{root}");
    assert!(root.contains("help         显示本帮助，或所给子命令的帮助"), "{root}");
    for name in [
        "eval",
        "gather",
        "explain",
        "annual",
        "report",
        "check",
        "fmt",
        "diff",
        "doc",
        "test",
        "completions",
        "man",
        "template",
    ] {
        for flag in ["-h", "--help"] {
            let page = help("C", &[name, flag]);
            assert!(page.contains(&format!("用法：kaohe {name}")), "{page}");
            for english in ["Usage:", "Options:", "Arguments:", "Print help", "[default:", "[possible values:"] {
                assert!(!page.contains(english), "`{english}` in `kaohe {name} {flag}`:\n{page}");
            }
        }
    }
    assert!(help("C", &["man", "--help"]).contains("手册页（roff，英文）"));
    assert!(help("C", &["fmt", "--help"]).contains("参数：\n  <PATH>..."));
}

/// The manual page stays English, whatever the language of the run.
#[test]
fn the_manual_page_is_english() {
    let page = help("C", &["--lang", "zh", "man", "eval"]);
    assert!(page.contains("Score a period"), "{page}");
    assert!(!page.contains("计分"), "{page}");
}
