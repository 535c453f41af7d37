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
}

impl Diagnostic for OutputError {
    fn code(&self) -> &'static str {
        match self {
            OutputError::WouldOverwriteInput { .. } => "kaohe::output::would_overwrite_input",
            OutputError::NotRegular { .. } => "kaohe::output::not_regular",
            OutputError::Io { .. } => "kaohe::output::io",
            OutputError::Stdout { .. } => "kaohe::output::stdout",
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
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            OutputError::WouldOverwriteInput { path, .. }
            | OutputError::NotRegular { path }
            | OutputError::Io { path, .. } => Some(path),
            OutputError::Stdout { .. } => None,
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
        ];
        let variant = |e: &OutputError| match e {
            OutputError::WouldOverwriteInput { .. } => 0,
            OutputError::NotRegular { .. } => 1,
            OutputError::Io { .. } => 2,
            OutputError::Stdout { .. } => 3,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 4);
    }
}
