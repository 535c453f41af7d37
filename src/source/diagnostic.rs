//! What every stage's errors have in common, so that one renderer shows them
//! all: a code, a severity, the words in Chinese or English, and where in
//! which source they point.
//!
//! Each stage keeps its errors in its own `error.rs`: an enum whose variants
//! hold data (the names, the spans, what was expected and what was found,
//! the suggestion), and beside it the wording of every variant in both
//! languages. Nothing is worded before it is shown: `render::Diagnostics`
//! asks [`Diagnostic::text`] for the language the user reads.
//!
//! The voice, in both languages: a message starts lowercase (English) and
//! ends without a period or `。`; what the user wrote is quoted in
//! backticks; advice goes in `help`; the words are the document's and the
//! policy's own (事实, 规则, 类别, 窗口, 工作人员), never a type name.

use super::{Named, Span};

/// The language diagnostics are worded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// The default: the policy author and the clerk read Chinese.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language of the locale, as POSIX looks it up: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, the first that is set and not empty.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        Lang::from_locale(locale.as_deref())
    }

    /// An English locale (`en_US.UTF-8`, `en`) reads English; every other
    /// one reads Chinese, `C` and `POSIX` included: they are what a server
    /// or a container has when nobody chose, and kaohe's users read Chinese.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(value) if value.starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The Chinese or the English of a pair.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The input is refused.
    Error,
    /// Accepted, but probably not what was meant (`kaohe check`'s lints).
    Warning,
}

impl Severity {
    /// As `--error-format json` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What a diagnostic says, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// What is wrong, in one line.
    pub message: String,
    /// Under the text it points at ([`Diagnostic::span`]).
    pub label: Option<String>,
    /// Under the second place it points at ([`Diagnostic::also`]).
    pub also: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// What the message is about, said before it: which of two policies
    /// rejected the facts (`kaohe diff`).
    pub context: Option<String>,
}

impl Text {
    pub fn new(message: impl Into<String>) -> Text {
        Text { message: message.into(), ..Text::default() }
    }

    pub fn label(mut self, label: impl Into<String>) -> Text {
        self.label = Some(label.into());
        self
    }

    pub fn also(mut self, also: impl Into<String>) -> Text {
        self.also = Some(also.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Text {
        self.help = Some(help.into());
        self
    }

    /// A help that is there only sometimes.
    pub fn help_if(mut self, help: Option<String>) -> Text {
        self.help = help;
        self
    }

    /// As it is shown: in Chinese, a space between a character and the
    /// code beside it (`未知事实 `x``, not `未知事实`x``), as Chinese
    /// technical writing sets it, so that no message has to remember to.
    pub fn spaced(self, lang: Lang) -> Text {
        if lang != Lang::Zh {
            return self;
        }
        let space = |text: Option<String>| text.map(|t| space_code(&t));
        Text {
            message: space_code(&self.message),
            label: space(self.label),
            also: space(self.also),
            help: space(self.help),
            context: space(self.context),
        }
    }
}

/// A diagnostic's words in `lang`, as they are shown.
pub fn shown(diagnostic: &(impl Diagnostic + ?Sized), lang: Lang) -> Text {
    diagnostic.text(lang).spaced(lang)
}

/// A Chinese character (not punctuation): what code is set off from.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Full-width punctuation, which needs no space beside it.
fn is_full_width_punctuation(c: char) -> bool {
    "（）：，；、。？！「」《》“”".contains(c)
}

/// `未知事实`x`，是不是`y`？` → `未知事实 `x`，是不是 `y`？`; and no
/// space beside full-width punctuation (`（窗口） 的` → `（窗口）的`).
fn space_code(text: &str) -> String {
    let spaced = space_around_code(text);
    let chars: Vec<char> = spaced.chars().collect();
    let mut out = String::with_capacity(spaced.len());
    let mut in_code = false;
    for (i, c) in chars.iter().enumerate() {
        in_code ^= *c == '`';
        let beside = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| is_full_width_punctuation(*c));
        if *c == ' ' && !in_code && (beside(i.checked_sub(1)) || beside(Some(i + 1))) {
            continue;
        }
        out.push(*c);
    }
    out
}

fn space_around_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut after_code = false;
    for c in text.chars() {
        if c == '`' {
            if !in_code && out.chars().last().is_some_and(is_han) {
                out.push(' ');
            }
            in_code = !in_code;
            after_code = !in_code;
            out.push(c);
            continue;
        }
        if after_code && is_han(c) {
            out.push(' ');
        }
        after_code = false;
        out.push(c);
    }
    out
}

/// An error or warning of any stage.
pub trait Diagnostic {
    /// Which one it is, for machines: `kaohe::facts::unknown_fact`.
    fn code(&self) -> &'static str;

    fn severity(&self) -> Severity {
        Severity::Error
    }

    /// Its words in `lang`.
    fn text(&self, lang: Lang) -> Text;

    /// The text it points into, if it points into one.
    fn source(&self) -> Option<&Named> {
        None
    }

    /// Where in [`Diagnostic::source`] it points.
    fn span(&self) -> Option<Span> {
        None
    }

    /// A second place in the same source: the first of two declarations.
    fn also(&self) -> Option<Span> {
        None
    }

    /// The file it is about: its source's name, or the path of a file that
    /// could not be read at all.
    fn file(&self) -> Option<&str> {
        self.source().map(Named::name)
    }

    /// Where in a table (a CSV file, a sheet) it points, when it points
    /// into one rather than into a text: the 1-based row, and the 1-based
    /// column when it is a cell.
    fn cell(&self) -> Option<(u32, Option<u32>)> {
        None
    }
}

/// A stage's error and where it is: the source it points into, and the
/// span. The stage's enum says what; this says where.
#[derive(Debug, Clone)]
pub struct Located<E> {
    pub error: E,
    pub src: Named,
    pub span: Span,
}

impl<E> Located<E> {
    pub fn new(error: E, src: &Named, span: Span) -> Located<E> {
        Located { error, src: src.clone(), span }
    }
}

impl<E: Diagnostic> Diagnostic for Located<E> {
    fn code(&self) -> &'static str {
        self.error.code()
    }
    fn severity(&self) -> Severity {
        self.error.severity()
    }
    fn text(&self, lang: Lang) -> Text {
        self.error.text(lang)
    }
    fn source(&self) -> Option<&Named> {
        Some(&self.src)
    }
    fn span(&self) -> Option<Span> {
        Some(self.span)
    }
    fn also(&self) -> Option<Span> {
        self.error.also()
    }
}

/// The one wording of a choice of names, in either language: `` `a`, `b` ``
/// in English, `` `a`、`b` `` in Chinese.
pub fn list<'a>(lang: Lang, names: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    quoted.join(lang.pick("、", ", "))
}

/// `` `id`（label）`` or `` `id` (label) ``: a name with the policy's own words for it.
pub fn named(lang: Lang, id: &str, label: &str) -> String {
    if label.is_empty() {
        format!("`{id}`")
    } else {
        lang.pick(format!("`{id}`（{label}）"), format!("`{id}` ({label})"))
    }
}

/// For each stage's tests: every diagnostic of `examples` is worded in both
/// languages, in the voice of style.md, and `variant` (an exhaustive match,
/// so that a new variant cannot be forgotten here) meets each of the
/// `count` variants at least once.
#[cfg(test)]
#[allow(clippy::panic)]
pub(crate) fn assert_worded<D: Diagnostic + std::fmt::Debug>(examples: &[D], variant: fn(&D) -> usize, count: usize) {
    let mut seen = vec![false; count];
    for example in examples {
        seen[variant(example)] = true;
        let (zh, en) = (shown(example, Lang::Zh), shown(example, Lang::En));
        assert!(!zh.message.is_empty() && !en.message.is_empty(), "{example:?}");
        assert!(zh.message.chars().any(is_han), "not Chinese: {:?}", zh.message);
        assert_ne!(zh.message, en.message, "{example:?}");
        assert!(example.code().starts_with("kaohe::"), "{}", example.code());
        let first = en.message.chars().next().unwrap_or(' ');
        assert!(!first.is_uppercase(), "English starts lowercase: {:?}", en.message);
        let parts = |t: &Text| [Some(t.message.clone()), t.label.clone(), t.help.clone(), t.also.clone()];
        for (z, e) in parts(&zh).into_iter().zip(parts(&en)) {
            assert_eq!(z.is_some(), e.is_some(), "both languages say as much: {zh:?} / {en:?}");
            for text in z.iter().chain(e.iter()) {
                assert!(!text.is_empty(), "{example:?}");
                assert!(!text.ends_with('.') || text.ends_with("..."), "no final period: {text:?}");
                assert!(!text.ends_with('。'), "no final 。: {text:?}");
                assert!(text.matches('`').count() % 2 == 0, "backticks in pairs: {text:?}");
            }
        }
    }
    let missing: Vec<usize> = (0..count).filter(|i| !seen[*i]).collect();
    assert!(missing.is_empty(), "variants without an example: {missing:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_locales_read_english_and_every_other_chinese() {
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("en")), Lang::En);
        for other in ["zh_CN.UTF-8", "C", "POSIX", "C.UTF-8", "de_DE.UTF-8", ""] {
            assert_eq!(Lang::from_locale(Some(other)), Lang::Zh, "{other}");
        }
        assert_eq!(Lang::from_locale(None), Lang::Zh);
    }

    #[test]
    fn chinese_sets_code_off_by_a_space() {
        assert_eq!(space_code("未知事实`x`，是不是`y`？"), "未知事实 `x`，是不是 `y`？");
        assert_eq!(space_code("应为 `a`、`b`或`c`"), "应为 `a`、`b` 或 `c`");
        assert_eq!(space_code("`staff[0]` 的`facts.x`（迟到）"), "`staff[0]` 的 `facts.x`（迟到）");
        assert_eq!(space_code("no change `here`"), "no change `here`");
        assert_eq!(space_code("见政策中 `window`（窗口） 的`facts`"), "见政策中 `window`（窗口）的 `facts`");
        assert_eq!(space_code("实为 数字 ， 好"), "实为 数字，好");
        assert_eq!(space_code("姓名 `张 （三）` 重复"), "姓名 `张 （三）` 重复");
        let text = Text::new("写作`x`").help("见`y`").spaced(Lang::Zh);
        assert_eq!((text.message.as_str(), text.help.as_deref()), ("写作 `x`", Some("见 `y`")));
        assert_eq!(Text::new("写作`x`").spaced(Lang::En).message, "写作`x`");
    }

    #[test]
    fn names_are_listed_in_each_language() {
        assert_eq!(list(Lang::En, ["a", "b"]), "`a`, `b`");
        assert_eq!(list(Lang::Zh, ["a", "b"]), "`a`、`b`");
        assert_eq!(named(Lang::Zh, "county", "县级"), "`county`（县级）");
        assert_eq!(named(Lang::En, "county", "县级"), "`county` (县级)");
        assert_eq!(named(Lang::En, "county", ""), "`county`");
    }
}
