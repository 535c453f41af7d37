//! Everything the JSON reader can say about text that is not JSON, and how
//! it says it, in Chinese and English. The reader stops at the first such
//! place; the span it returns beside the error says where.

use crate::source::diagnostic::{Diagnostic, Lang, Text};

/// What is wrong where the reader stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Nothing but whitespace.
    Empty,
    /// Lists and objects nested deeper than `limit`.
    TooDeep { limit: usize },
    /// `\q`: `shown` is the character after the backslash.
    InvalidEscape { shown: String },
    /// `\u12` or `\uZZZZ`: `shown` is what follows `\u`.
    InvalidUnicodeEscape { shown: String },
    /// `01`, `1.`, `+1`, `NaN`.
    InvalidNumber { token: String, hint: Option<Hint> },
    /// Something that starts no value: `found` as written.
    ExpectedValue { found: String, hint: Option<Hint> },
    /// An object key not in double quotes.
    ExpectedKey { found: String, hint: Option<Hint> },
    /// No `:` after a key.
    ExpectedColon { hint: Option<Hint> },
    /// Neither `,` nor the closing bracket after an item.
    ExpectedSeparator { container: Container, hint: Option<Hint> },
    /// The text ends inside a value; `open`: the innermost list or object
    /// left open, and the line and column of its bracket.
    UnexpectedEnd { open: Option<(Container, usize, usize)> },
    /// More after the one value.
    Trailing { hint: Option<Hint> },
    /// `[1,]`
    TrailingComma { container: Container },
    /// A string without its closing quote.
    Unterminated,
    /// A raw control character (a line break, a tab) inside a string.
    ControlCharacter { byte: u8 },
    /// A `\uD800`–`\uDBFF` escape with no low half after it.
    LoneSurrogate { code: u32 },
    /// Text that cannot be sliced where the reader expected (never, in practice).
    InvalidText,
}

/// What a JSON value is, as a message names it: "found a list".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    List,
    Object,
}

impl JsonType {
    /// `null`, `a boolean`, `a number`, `a string`, `a list`, `an object`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => lang.pick("布尔值", "a boolean"),
            JsonType::Number => lang.pick("数字", "a number"),
            JsonType::String => lang.pick("字符串", "a string"),
            JsonType::List => lang.pick("列表", "a list"),
            JsonType::Object => lang.pick("对象", "an object"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    List,
    Object,
}

/// Advice for a likely slip, where one is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    NoNanOrInfinity,
    NoPlusSign,
    DigitsAfterMinus,
    DigitBeforePoint,
    DecimalOnly,
    NoLeadingZeros,
    DigitAfterPoint,
    ExponentDigits,
    LowercaseLiterals,
    UseNull,
    Literals,
    QuoteStrings,
    QuoteKeys,
    SingleQuotes,
    NoComments,
    TypographicQuote,
    AsciiComma,
    AsciiColon,
    AsciiBrackets,
    OnlyWhitespace,
    ColonNotEquals,
    /// Items need a `,` between them.
    AddComma(Container),
    /// A `}` closing a list or a `]` closing an object: `found`, where the
    /// container opened (line, column), and the bracket that closes it.
    Mismatched {
        found: char,
        open: (usize, usize),
        container: Container,
    },
    RemoveTrailingComma,
    UnopenedBracket,
    OneValue,
}

impl Container {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Container::List => lang.pick("列表", "list"),
            Container::Object => lang.pick("对象", "object"),
        }
    }

    fn brackets(self) -> (char, char) {
        match self {
            Container::List => ('[', ']'),
            Container::Object => ('{', '}'),
        }
    }
}

impl Hint {
    pub fn text(self, lang: Lang) -> String {
        let fixed = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        match self {
            Hint::NoNanOrInfinity => fixed("JSON 没有 NaN 和 Infinity", "JSON has no NaN or Infinity"),
            Hint::NoPlusSign => fixed("去掉 `+`：JSON 数字不带正号", "remove the `+`: JSON numbers have no plus sign"),
            Hint::DigitsAfterMinus => fixed("`-` 后面要有数字", "a `-` must be followed by digits"),
            Hint::DigitBeforePoint => fixed("`.` 前面要有数字，如 `0.5`", "write a digit before the `.`, like `0.5`"),
            Hint::DecimalOnly => fixed("JSON 数字只用十进制", "JSON numbers are decimal"),
            Hint::NoLeadingZeros => fixed(
                "JSON 数字不能以 0 开头；`007` 这样的代码请写成字符串 `\"007\"`",
                "JSON numbers have no leading zeros; write a code like `007` as a string, `\"007\"`",
            ),
            Hint::DigitAfterPoint => fixed("`.` 后面要有数字", "write a digit after the `.`"),
            Hint::ExponentDigits => fixed("写出指数的数字，如 `1e3`", "write the exponent's digits, like `1e3`"),
            Hint::LowercaseLiterals => fixed(
                "JSON 的字面量是小写的：`true`、`false` 和 `null`",
                "JSON's literals are lowercase: `true`, `false` and `null`",
            ),
            Hint::UseNull => fixed("请用 `null`", "use `null`"),
            Hint::Literals => {
                fixed("JSON 的字面量是 `true`、`false` 和 `null`", "JSON's literals are `true`, `false` and `null`")
            }
            Hint::QuoteStrings => fixed("字符串要用双引号括起来", "strings must be in double quotes"),
            Hint::QuoteKeys => fixed("对象的键要用双引号括起来", "object keys must be in double quotes"),
            Hint::SingleQuotes => fixed("JSON 字符串用双引号", "JSON strings use double quotes"),
            Hint::NoComments => fixed("JSON 不允许注释", "JSON does not allow comments"),
            Hint::TypographicQuote => {
                fixed("请用普通双引号 `\"`，不要用中文引号", "use the plain double quote `\"`, not a typographic one")
            }
            Hint::AsciiComma => fixed("请用英文逗号 `,`", "use the ASCII comma `,`"),
            Hint::AsciiColon => fixed("请用英文冒号 `:`", "use the ASCII colon `:`"),
            Hint::AsciiBrackets => fixed("请用英文括号", "use ASCII brackets"),
            Hint::OnlyWhitespace => fixed(
                "JSON 的各部分之间只能有空格、制表符和换行",
                "only spaces, tabs and line breaks may separate JSON tokens",
            ),
            Hint::ColonNotEquals => fixed("键和值之间用 `:`", "use `:` between a key and its value"),
            Hint::AddComma(Container::List) => fixed("列表各项之间加 `,`", "add a `,` between list items"),
            Hint::AddComma(Container::Object) => fixed("对象各成员之间加 `,`", "add a `,` between object members"),
            Hint::Mismatched { found, open: (line, column), container } => {
                let (opener, closer) = container.brackets();
                lang.pick(
                    format!("这个 `{found}` 与第 {line} 行第 {column} 列的 `{opener}` 不配对；请用 `{closer}` 闭合"),
                    format!(
                        "this `{found}` does not match the `{opener}` at line {line}, column {column}; close it with `{closer}`"
                    ),
                )
            }
            Hint::RemoveTrailingComma => fixed("去掉末尾的逗号", "remove the trailing comma"),
            Hint::UnopenedBracket => fixed("这个右括号没有对应的左括号", "this closing bracket has no opening bracket"),
            Hint::OneValue => fixed("一个 JSON 文件只有一个值", "a JSON file holds exactly one value"),
        }
    }
}

impl Diagnostic for JsonError {
    fn code(&self) -> &'static str {
        match self {
            JsonError::Empty => "kaohe::json::empty",
            JsonError::TooDeep { .. } => "kaohe::json::too_deep",
            JsonError::InvalidEscape { .. } => "kaohe::json::invalid_escape",
            JsonError::InvalidUnicodeEscape { .. } => "kaohe::json::invalid_unicode_escape",
            JsonError::InvalidNumber { .. } => "kaohe::json::invalid_number",
            JsonError::ExpectedValue { .. } => "kaohe::json::expected_value",
            JsonError::ExpectedKey { .. } => "kaohe::json::expected_key",
            JsonError::ExpectedColon { .. } => "kaohe::json::expected_colon",
            JsonError::ExpectedSeparator { .. } => "kaohe::json::expected_separator",
            JsonError::UnexpectedEnd { .. } => "kaohe::json::unexpected_end",
            JsonError::Trailing { .. } => "kaohe::json::trailing",
            JsonError::TrailingComma { .. } => "kaohe::json::trailing_comma",
            JsonError::Unterminated => "kaohe::json::unterminated",
            JsonError::ControlCharacter { .. } => "kaohe::json::control_character",
            JsonError::LoneSurrogate { .. } => "kaohe::json::lone_surrogate",
            JsonError::InvalidText => "kaohe::json::invalid_text",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let hint = |hint: &Option<Hint>| hint.map(|h| h.text(lang));
        match self {
            JsonError::Empty => Text::new(lang.pick("文件是空的", "empty file"))
                .help(lang.pick("事实文件里是一个 JSON 对象", "a facts file holds one JSON object")),
            JsonError::TooDeep { limit } => {
                Text::new(lang.pick(format!("嵌套超过 {limit} 层"), format!("nesting deeper than {limit} levels")))
                    .help(lang.pick(
                        "事实文件不需要嵌套这么深的列表或对象",
                        "facts files never need lists or objects nested this deep",
                    ))
            }
            JsonError::InvalidEscape { shown } => Text::new(
                lang.pick(format!("无效的转义 `\\{shown}`"), format!("invalid escape `\\{shown}`")),
            )
            .help(lang.pick(
                "JSON 允许的转义有 `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` 和 `\\uXXXX`",
                "the escapes JSON allows are `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`",
            )),
            JsonError::InvalidUnicodeEscape { shown } => Text::new(
                lang.pick(format!("无效的转义 `\\u{shown}`"), format!("invalid escape `\\u{shown}`")),
            )
            .help(lang.pick(
                "`\\u` 后面要跟四位十六进制数字，如 `\\u00e9`",
                "`\\u` must be followed by four hex digits, like `\\u00e9`",
            )),
            JsonError::InvalidNumber { token, hint: h } => {
                Text::new(lang.pick(format!("无效的数字 `{token}`"), format!("invalid number `{token}`")))
                    .help_if(hint(h))
            }
            JsonError::ExpectedValue { found, hint: h } => Text::new(
                lang.pick(format!("这里应是一个值，实为 `{found}`"), format!("expected a value, found `{found}`")),
            )
            .help_if(hint(h)),
            JsonError::ExpectedKey { found, hint: h } => Text::new(lang.pick(
                format!("这里应是带双引号的对象键，实为 `{found}`"),
                format!("expected an object key in double quotes, found `{found}`"),
            ))
            .help_if(hint(h)),
            JsonError::ExpectedColon { hint: h } => {
                Text::new(lang.pick("对象的键后面应是 `:`", "expected `:` after an object key")).help_if(hint(h))
            }
            JsonError::ExpectedSeparator { container: Container::List, hint: h } => {
                Text::new(lang.pick("列表项后面应是 `,` 或 `]`", "expected `,` or `]` after a list item"))
                    .help_if(hint(h))
            }
            JsonError::ExpectedSeparator { container: Container::Object, hint: h } => {
                Text::new(lang.pick("对象成员后面应是 `,` 或 `}`", "expected `,` or `}` after an object member"))
                    .help_if(hint(h))
            }
            JsonError::UnexpectedEnd { open } => Text::new(lang.pick("文件意外结束", "unexpected end of file"))
                .help_if(open.map(|(container, line, column)| {
                    let name = container.name(lang);
                    lang.pick(
                        format!("第 {line} 行第 {column} 列开始的{name}没有闭合"),
                        format!("the {name} opened at line {line}, column {column} is never closed"),
                    )
                })),
            JsonError::Trailing { hint: h } => {
                Text::new(lang.pick("JSON 值后面还有多余的字符", "trailing characters after the JSON value"))
                    .help_if(hint(h))
            }
            JsonError::TrailingComma { container } => {
                let name = container.name(lang);
                Text::new(lang.pick(format!("{name}末尾多了逗号"), format!("trailing comma in {name}")))
                    .help(Hint::RemoveTrailingComma.text(lang))
            }
            JsonError::Unterminated => Text::new(lang.pick("字符串没有结束", "unterminated string"))
                .help(lang.pick("这个字符串没有右引号 `\"`", "this string has no closing `\"`")),
            JsonError::ControlCharacter { byte } => {
                let help = match byte {
                    b'\n' => lang.pick(
                        "字符串不能跨行：请闭合字符串，或把换行写成 `\\n`".to_string(),
                        "strings cannot span lines: close the string, or write a line break as `\\n`".to_string(),
                    ),
                    b'\r' => lang.pick("回车请写成 `\\r`".to_string(), "write a carriage return as `\\r`".to_string()),
                    b'\t' => lang.pick("制表符请写成 `\\t`".to_string(), "write a tab as `\\t`".to_string()),
                    _ => lang.pick(format!("请写成 `\\u{byte:04x}`"), format!("write it as `\\u{byte:04x}`")),
                };
                Text::new(lang.pick("字符串中有控制字符", "control character in string")).help(help)
            }
            JsonError::LoneSurrogate { code } => Text::new(lang.pick(
                format!("字符串中有不成对的代理项 `\\u{code:04x}`"),
                format!("unpaired surrogate `\\u{code:04x}` in string"),
            ))
            .help(lang.pick(
                "`\\uD800`–`\\uDBFF` 的转义后面必须跟一个 `\\uDC00`–`\\uDFFF` 的转义",
                "a `\\uD800`–`\\uDBFF` escape must be followed by a `\\uDC00`–`\\uDFFF` escape",
            )),
            JsonError::InvalidText => Text::new(lang.pick("无效的文本", "invalid text")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error, and every hint once, worded in both languages.
    #[test]
    fn every_json_error_is_worded_in_both_languages() {
        let hints = [
            Hint::NoNanOrInfinity,
            Hint::NoPlusSign,
            Hint::DigitsAfterMinus,
            Hint::DigitBeforePoint,
            Hint::DecimalOnly,
            Hint::NoLeadingZeros,
            Hint::DigitAfterPoint,
            Hint::ExponentDigits,
            Hint::LowercaseLiterals,
            Hint::UseNull,
            Hint::Literals,
            Hint::QuoteStrings,
            Hint::QuoteKeys,
            Hint::SingleQuotes,
            Hint::NoComments,
            Hint::TypographicQuote,
            Hint::AsciiComma,
            Hint::AsciiColon,
            Hint::AsciiBrackets,
            Hint::OnlyWhitespace,
            Hint::ColonNotEquals,
            Hint::AddComma(Container::List),
            Hint::AddComma(Container::Object),
            Hint::Mismatched { found: '}', open: (2, 3), container: Container::List },
            Hint::RemoveTrailingComma,
            Hint::UnopenedBracket,
            Hint::OneValue,
        ];
        let mut examples: Vec<JsonError> =
            hints.iter().map(|h| JsonError::ExpectedValue { found: "x".into(), hint: Some(*h) }).collect();
        examples.extend([
            JsonError::Empty,
            JsonError::TooDeep { limit: 128 },
            JsonError::InvalidEscape { shown: "q".into() },
            JsonError::InvalidUnicodeEscape { shown: "12".into() },
            JsonError::InvalidNumber { token: "01".into(), hint: Some(Hint::NoLeadingZeros) },
            JsonError::ExpectedKey { found: "a".into(), hint: None },
            JsonError::ExpectedColon { hint: None },
            JsonError::ExpectedSeparator { container: Container::List, hint: None },
            JsonError::ExpectedSeparator { container: Container::Object, hint: None },
            JsonError::UnexpectedEnd { open: Some((Container::Object, 1, 1)) },
            JsonError::UnexpectedEnd { open: None },
            JsonError::Trailing { hint: None },
            JsonError::TrailingComma { container: Container::List },
            JsonError::Unterminated,
            JsonError::ControlCharacter { byte: b'\n' },
            JsonError::ControlCharacter { byte: 1 },
            JsonError::LoneSurrogate { code: 0xD800 },
            JsonError::InvalidText,
        ]);
        let variant = |e: &JsonError| match e {
            JsonError::Empty => 0,
            JsonError::TooDeep { .. } => 1,
            JsonError::InvalidEscape { .. } => 2,
            JsonError::InvalidUnicodeEscape { .. } => 3,
            JsonError::InvalidNumber { .. } => 4,
            JsonError::ExpectedValue { .. } => 5,
            JsonError::ExpectedKey { .. } => 6,
            JsonError::ExpectedColon { .. } => 7,
            JsonError::ExpectedSeparator { .. } => 8,
            JsonError::UnexpectedEnd { .. } => 9,
            JsonError::Trailing { .. } => 10,
            JsonError::TrailingComma { .. } => 11,
            JsonError::Unterminated => 12,
            JsonError::ControlCharacter { .. } => 13,
            JsonError::LoneSurrogate { .. } => 14,
            JsonError::InvalidText => 15,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 16);
        for t in [JsonType::Null, JsonType::Bool, JsonType::Number, JsonType::String, JsonType::List, JsonType::Object]
        {
            assert!(!t.text(Lang::Zh).is_empty() && !t.text(Lang::En).is_empty());
        }
    }
}
