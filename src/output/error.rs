//! What can go wrong writing the output, and how each says it.

use crate::source::diagnostic::{Diagnostic, Lang, Text};
use crate::source::IoReason;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputError {
    /// `--out` names a file the run reads.
    WouldOverwriteInput { path: String, input: String },
    /// `--out` names a device, a pipe, a directory.
    NotRegular { path: String },
    /// The system refused to write the file.
    Io { path: String, reason: IoReason },
    /// Standard output could not be written (other than closed by its reader).
    Stdout { reason: IoReason },
    /// No Chromium or Chrome to print a PDF with.
    NoBrowser,
    /// The browser could not print the page: `reason`, its own words.
    Print { browser: String, reason: String },
}

impl Diagnostic for OutputError {
    fn code(&self) -> &'static str {
        match self {
            OutputError::WouldOverwriteInput { .. } => "kaohe::output::would_overwrite_input",
            OutputError::NotRegular { .. } => "kaohe::output::not_regular",
            OutputError::Io { .. } => "kaohe::output::io",
            OutputError::Stdout { .. } => "kaohe::output::stdout",
            OutputError::NoBrowser => "kaohe::output::no_browser",
            OutputError::Print { .. } => "kaohe::output::print",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            OutputError::WouldOverwriteInput { path, input } => Text::new(lang.pick(
                format!("`--out {path}` 会覆盖本次运行的输入文件 `{input}`"),
                format!("`--out {path}` would overwrite an input of this run, `{input}`"),
            ))
            .help(lang.pick("请为输出另选一个文件", "choose another file for the output")),
            OutputError::NotRegular { path } => Text::new(
                lang.pick(format!("`--out {path}` 不是普通文件"), format!("`--out {path}` is not a regular file")),
            )
            .help(lang.pick(
                "kaohe 把结果写到普通文件（不给 `--out` 时写到标准输出）",
                "kaohe writes its output to a regular file (or to standard output, with no `--out`)",
            )),
            OutputError::Io { path, reason } => {
                let reason = reason.text(lang);
                Text::new(lang.pick(format!("无法写入 `{path}`：{reason}"), format!("cannot write `{path}`: {reason}")))
            }
            OutputError::Stdout { reason } => {
                let reason = reason.text(lang);
                Text::new(
                    lang.pick(
                        format!("无法写入标准输出：{reason}"),
                        format!("cannot write to standard output: {reason}"),
                    ),
                )
            }
            OutputError::NoBrowser => {
                let variable = super::pdf::BROWSER_VARIABLE;
                Text::new(lang.pick("找不到用来打印 PDF 的 Chromium 或 Chrome", "no Chromium or Chrome was found to print the PDF with"))
                    .help(lang.pick(
                        format!("请安装一个（Debian：`apt-get install chromium fonts-noto-cjk`），或用 {variable}=/path/to/chrome 指定；也可以用 `--out FILE.html` 写出页面，再在浏览器中打印"),
                        format!("install one (Debian: `apt-get install chromium fonts-noto-cjk`), or name it in {variable}=/path/to/chrome; or write the page with `--out FILE.html` and print it from a browser"),
                    ))
            }
            OutputError::Print { browser, reason } => Text::new(lang.pick(
                format!("`{browser}` 无法打印这个页面：{reason}"),
                format!("`{browser}` could not print the page: {reason}"),
            ))
            .help(lang.pick(
                "用 `--out FILE.html` 写出的同一页面可以在任何浏览器中打印",
                "the same page written with `--out FILE.html` can be printed from any browser",
            )),
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            OutputError::WouldOverwriteInput { path, .. }
            | OutputError::NotRegular { path }
            | OutputError::Io { path, .. } => Some(path),
            OutputError::Stdout { .. } | OutputError::NoBrowser => None,
            OutputError::Print { browser, .. } => Some(browser),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_error_is_worded_in_both_languages() {
        let reason = || IoReason::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        let examples = [
            OutputError::WouldOverwriteInput { path: "q.json".into(), input: "q.json".into() },
            OutputError::NotRegular { path: "/dev/null".into() },
            OutputError::Io { path: "out/r.json".into(), reason: reason() },
            OutputError::Stdout { reason: reason() },
            OutputError::NoBrowser,
            OutputError::Print { browser: "chromium".into(), reason: "exit status: 1".into() },
        ];
        let variant = |e: &OutputError| match e {
            OutputError::WouldOverwriteInput { .. } => 0,
            OutputError::NotRegular { .. } => 1,
            OutputError::Io { .. } => 2,
            OutputError::Stdout { .. } => 3,
            OutputError::NoBrowser => 4,
            OutputError::Print { .. } => 5,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 6);
    }
}
