//! Everything the syntax stage can say about a `.rules` file, and how it
//! says it, in Chinese and English. pest stops at the first place a file
//! leaves the grammar, so there is at most one syntax error per file; the
//! grammar rules it expected there are kept as data and named here ("a
//! number", not `Rule::number`).

use super::Rule as R;
use crate::source::diagnostic::{Diagnostic, Lang, Located, Text};

/// A `.rules` file that does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// What the grammar allows here, and what was found (`None`: the end of the file).
    Expected { expected: Vec<R>, found: Option<String>, hint: Option<Hint> },
    /// Parentheses nested deeper than `limit` (checked before pest recurses).
    TooDeep { limit: usize },
    /// The parse tree is not what the grammar promises: a bug in kaohe.
    Internal { message: String },
}

/// A likely slip, recognised by what was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `deduct -3 each`
    SignedPoints,
    /// `// a comment`
    SlashComment,
    /// `“迟到”`
    CurlyQuotes,
    /// `【附件1/工作纪律/1】`
    FullWidthBrackets,
}

/// `kaohe fmt` could not lay a file out.
#[derive(Debug)]
pub enum FormatError {
    /// The file does not parse: the same error `kaohe check` gives.
    Syntax(Box<Located<SyntaxError>>),
    /// The formatter failed its own check: a bug in kaohe.
    Internal { file: String, failure: FormatFailure },
}

/// How the formatter failed its own check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatFailure {
    /// The layout parser refused a file the syntax tree's parser took.
    Reparse { pest: String },
    /// The formatted text does not parse.
    Unparsable { pest: String },
    /// Token `at` of the file would change from `before` to `after`.
    Changed { at: usize, before: String, after: String },
    /// A comment would be lost or changed.
    CommentLost,
}

impl Hint {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Hint::SignedPoints => lang.pick(
                "分值不带正负号：`deduct 3 each`、`add 2 each`",
                "points are written without a sign: `deduct 3 each`, `add 2 each`",
            ),
            Hint::SlashComment => lang.pick("注释以 `#` 开头", "comments start with `#`"),
            Hint::CurlyQuotes => lang
                .pick("名称用直引号 `\"` 括起来，不用 `“ ”`", "labels are quoted with straight quotes `\"`, not `“ ”`"),
            Hint::FullWidthBrackets => lang.pick(
                "依据用英文方括号：`[附件1/工作纪律/1]`",
                "cites are written in ASCII brackets: `[附件1/工作纪律/1]`",
            ),
        }
    }
}

impl Diagnostic for SyntaxError {
    fn code(&self) -> &'static str {
        match self {
            SyntaxError::Expected { .. } => "kaohe::syntax::expected",
            SyntaxError::TooDeep { .. } => "kaohe::syntax::too_deep",
            SyntaxError::Internal { .. } => "kaohe::syntax::internal",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            SyntaxError::Expected { expected, found, hint } => {
                let expected = expected_text(lang, expected);
                let found = match found {
                    Some(found) => format!("`{found}`"),
                    None => lang.pick("文件结尾", "end of file").to_string(),
                };
                Text::new(lang.pick(
                    format!("语法错误：这里应是{expected}，实为 {found}"),
                    format!("syntax error: expected {expected}, found {found}"),
                ))
                .label(lang.pick(format!("应是{expected}"), format!("expected {expected}")))
                .help_if(hint.map(|h| h.text(lang).to_string()))
            }
            SyntaxError::TooDeep { limit } => Text::new(lang.pick(
                format!("语法错误：括号嵌套超过 {limit} 层"),
                format!("syntax error: parentheses nest deeper than {limit} levels"),
            ))
            .label(lang.pick("太深", "too deep"))
            .help(lang.pick("把这个条件拆成几条否决或标记", "write the condition as several vetoes or flags")),
            SyntaxError::Internal { message } => Text::new(lang.pick(
                format!("语法错误：解析器内部错误：{message}"),
                format!("syntax error: internal parser error: {message}"),
            ))
            .label(lang.pick("这里", "here"))
            .help(lang.pick(
                "这是 kaohe 的缺陷；请连同这个文件一起报告",
                "this is a bug in kaohe; please report it with the file",
            )),
        }
    }
}

impl Diagnostic for FormatError {
    fn code(&self) -> &'static str {
        match self {
            FormatError::Syntax(err) => err.code(),
            FormatError::Internal { .. } => "kaohe::fmt::internal",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            FormatError::Syntax(err) => err.text(lang),
            FormatError::Internal { file, failure } => Text::new({
                let (zh, en) = match failure {
                    FormatFailure::Reparse { pest } => (
                        format!("文件能解析，再解析时却不能：{pest}"),
                        format!("the file parses, then does not: {pest}"),
                    ),
                    FormatFailure::Unparsable { pest } => {
                        (format!("排版后的文本不能解析：{pest}"), format!("the formatted text does not parse: {pest}"))
                    }
                    FormatFailure::Changed { at, before, after } => (
                        format!("排版会改变政策（第 {at} 个记号：`{before}` 变成了 `{after}`）"),
                        format!("formatting would change the policy (token {at}: `{before}` became `{after}`)"),
                    ),
                    FormatFailure::CommentLost => {
                        ("排版会丢失或改变注释".to_string(), "formatting would lose or change a comment".to_string())
                    }
                };
                lang.pick(format!("无法排版 `{file}`：{zh}"), format!("cannot format `{file}`: {en}"))
            })
            .help(lang.pick(
                "这是 kaohe 的缺陷，文件保持原样；请连同这个文件一起报告",
                "this is a bug in kaohe; the file was left as it was: please report it with the file",
            )),
        }
    }

    fn source(&self) -> Option<&crate::source::Named> {
        match self {
            FormatError::Syntax(err) => err.source(),
            FormatError::Internal { .. } => None,
        }
    }

    fn span(&self) -> Option<crate::source::Span> {
        match self {
            FormatError::Syntax(err) => err.span(),
            FormatError::Internal { .. } => None,
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            FormatError::Syntax(err) => err.file(),
            FormatError::Internal { file, .. } => Some(file),
        }
    }
}

/// `a number, `each` or `per``: what the grammar expected, each named once.
/// A comment may stand anywhere, so it is never what was missing.
fn expected_text(lang: Lang, expected: &[R]) -> String {
    let mut names: Vec<String> = Vec::new();
    for which in expected.iter().filter(|r| **r != R::COMMENT) {
        let name = describe(lang, *which);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // All the blocks of counting rules (at the top of a file) as one phrase:
    // the list stays readable.
    const BLOCKS: [R; 7] = [R::calendar, R::schedule, R::punches, R::leave, R::findings, R::cases, R::reviews];
    let blocks: Vec<String> = BLOCKS.iter().map(|b| describe(lang, *b)).collect();
    if blocks.iter().all(|b| names.contains(b)) {
        names.retain(|n| !blocks.contains(n));
        names.push(
            lang.pick(
                "一个计数规则的部分（`calendar`、`schedule`、`punches`……）",
                "a block of counting rules (`calendar`, `schedule`, `punches`, …)",
            )
            .to_string(),
        );
    }
    match names.as_slice() {
        [] => lang.pick("别的内容", "something else").to_string(),
        [one] => one.clone(),
        [init @ .., last] => {
            lang.pick(format!("{}或{last}", init.join("、")), format!("{} or {last}", init.join(", ")))
        }
    }
}

/// What a grammar rule is called in a message: "a number", not `Rule::number`.
fn describe(lang: Lang, which: R) -> String {
    if let Some(word) = super::parse::keyword_text(which) {
        return format!("`{word}`");
    }
    let (zh, en) = match which {
        R::EOI => ("文件结尾", "end of file"),
        R::COMMENT => ("注释", "a comment"),
        R::ident => ("名称", "a name"),
        R::subject_name => ("`staff` 或 `window`", "`staff` or `window`"),
        R::number => ("数字", "a number"),
        R::string => ("带引号的名称", "a quoted label"),
        R::cite => ("依据，如 `[附件1/工作纪律/1]`", "a cite like `[附件1/工作纪律/1]`"),
        R::range => ("范围，如 `5-10`", "a range like `5-10`"),
        R::kind => {
            ("类型（`count`、`days`、`amounts` 或 `levels`）", "a kind (`count`, `days`, `amounts` or `levels`)")
        }
        R::policy_decl => ("`policy`", "`policy`"),
        R::source_decl => ("`source`", "`source`"),
        R::levels_decl => ("`levels`", "`levels`"),
        R::subject => ("`subject`", "`subject`"),
        R::roles | R::role_decl => ("角色", "a role"),
        R::attributes | R::attribute_decl => ("属性", "an attribute"),
        R::facts | R::fact_decl => ("事实", "a fact"),
        R::category => ("`category`", "`category`"),
        R::penalties => ("`penalties`", "`penalties`"),
        R::bonus => ("`bonus`", "`bonus`"),
        R::grades => ("`grades`", "`grades`"),
        R::band => ("等次的分数段", "a grade band"),
        R::rule => ("规则", "a rule"),
        R::in_window => ("`in window`", "`in window`"),
        R::direction => ("`deduct`、`add`", "`deduct`, `add`"),
        R::each => ("`N each`", "`N each`"),
        R::per_day => ("`N per day`", "`N per day`"),
        R::as_assessed => ("`as assessed`", "`as assessed`"),
        R::by_level => ("`by level`", "`by level`"),
        R::level_points => ("级别及其分值", "a level and its points"),
        R::beyond => ("`beyond`", "`beyond`"),
        R::to_role => ("`to` 和角色", "`to` and a role"),
        R::average => ("`average`", "`average`"),
        R::from => ("`from`", "`from`"),
        R::below => ("`below`", "`below`"),
        R::effective => ("`effective`", "`effective`"),
        R::date => ("日期，如 `2026-01-01`", "a date like `2026-01-01`"),
        R::quota_band => ("评选的等次", "a chosen grade"),
        R::percent => ("百分比，如 `15%`", "a percentage like `15%`"),
        R::eligibility => ("`eligibility`", "`eligibility`"),
        R::veto => ("`not` 和等次", "`not` and a grade"),
        R::flags => ("`flags`", "`flags`"),
        R::flag => ("标记", "a flag"),
        R::annual => ("`annual`", "`annual`"),
        R::annual_total => ("`total mean of quarters`", "`total mean of quarters`"),
        R::not_assessed => ("`not assessed`", "`not assessed`"),
        R::condition | R::conjunction => ("条件", "a condition"),
        R::negation => ("`not`", "`not`"),
        R::group => ("`(`", "`(`"),
        R::role_test => ("`role`", "`role`"),
        R::grade_test => ("`grade`", "`grade`"),
        R::every_quarter => ("`in every quarter`", "`in every quarter`"),
        R::comparison => ("比较", "a comparison"),
        R::sum | R::quantity => ("事实或属性", "a fact or an attribute"),
        R::of_staff => ("`of staff`", "`of staff`"),
        R::comparator => {
            ("比较符（`>=`、`>`、`<=`、`<`、`=`、`!=`）", "a comparison (`>=`, `>`, `<=`, `<`, `=`, `!=`)")
        }
        // The records section.
        R::calendar => ("`calendar`", "`calendar`"),
        R::schedule => ("`schedule`", "`schedule`"),
        R::punches => ("`punches`", "`punches`"),
        R::leave => ("`leave`", "`leave`"),
        R::findings => ("`findings`", "`findings`"),
        R::cases => ("`cases`", "`cases`"),
        R::reviews => ("`reviews`", "`reviews`"),
        R::holiday => ("`holiday`", "`holiday`"),
        R::day_to => ("`to` 和日期", "`to` and a day"),
        R::working => ("`, working` 和调休上班的日期", "`, working` and the days worked"),
        R::month_day => ("日期，如 `02-15`", "a day like `02-15`"),
        R::season => ("`from` 和日期，如 `05-01`", "`from` and a day like `05-01`"),
        R::half_day => ("半天，如 `morning \"上午\" 09:00-12:00`", "a half day like `morning \"上午\" 09:00-12:00`"),
        R::punch => (
            "打卡，如 `morning_in \"上午签到\" morning in, on time until 08:55, late before 12:00`",
            "a punch like `morning_in \"上午签到\" morning in, on time until 08:55, late before 12:00`",
        ),
        R::punch_end => ("`in` 或 `out`", "`in` or `out`"),
        R::on_time => ("`on time`", "`on time`"),
        R::off_time => ("`late before` 或 `early before` 和时间", "`late before` or `early before` a time"),
        R::time_from => ("`from` 和时间", "`from` and a time"),
        R::time_until => ("`until` 和时间", "`until` and a time"),
        R::time_before => ("`before` 和时间", "`before` and a time"),
        R::time => ("时间，如 `08:55`", "a time like `08:55`"),
        R::targets | R::target => {
            ("事实及其计数，如 `late_early_away 1 each`", "a fact and how much, like `late_early_away 1 each`")
        }
        R::target_of => ("`window`", "`window`"),
        R::target_each => ("`each`", "`each`"),
        R::target_per_day => ("`per day`", "`per day`"),
        R::target_when => ("`when`", "`when`"),
        R::target_unless => ("`unless`", "`unless`"),
        R::target_over => ("`over` 和时长，如 `2 hours`", "`over` and a duration like `2 hours`"),
        R::punch_rule => {
            ("打卡规则，如 `late late_early_away 1 each`", "a punch rule like `late late_early_away 1 each`")
        }
        R::punch_event => ("`late`、`early`、`missing` 或 `absent`", "`late`, `early`, `missing` or `absent`"),
        R::away => ("`=` 和它合计的内容", "`=` and what it sums"),
        R::by_fact => ("`facts by id or label`", "`facts by id or label`"),
        R::case_kind => (
            "办件类型，如 `promised \"承诺件\" due in working days`",
            "a kind of case like `promised \"承诺件\" due in working days`",
        ),
        R::same_day => ("`same day`", "`same day`"),
        R::in_working_days => ("`in working days`", "`in working days`"),
        R::case_rule => (
            "办件规则，如 `overdue window overdue_cases 1 each`",
            "a case rule like `overdue window overdue_cases 1 each`",
        ),
        R::case_event => ("`overdue` 或 `card`", "`overdue` or `card`"),
        R::counted => ("名称、标签及其计入的事实", "a name, its label and what it counts toward"),
        other => return format!("{other:?}"),
    };
    lang.pick(zh, en).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_syntax_error_is_worded_in_both_languages() {
        let expected = |expected: Vec<R>, found: Option<&str>, hint| SyntaxError::Expected {
            expected,
            found: found.map(String::from),
            hint,
        };
        let mut examples = vec![
            expected(vec![R::kw_each, R::kw_per, R::number], Some("dedcut"), None),
            expected(vec![R::EOI], None, None),
            expected(vec![], Some("x"), None),
            SyntaxError::TooDeep { limit: 64 },
            SyntaxError::Internal { message: "empty parse".into() },
        ];
        for hint in [Hint::SignedPoints, Hint::SlashComment, Hint::CurlyQuotes, Hint::FullWidthBrackets] {
            examples.push(expected(vec![R::number], Some("-3"), Some(hint)));
        }
        let variant = |e: &SyntaxError| match e {
            SyntaxError::Expected { .. } => 0,
            SyntaxError::TooDeep { .. } => 1,
            SyntaxError::Internal { .. } => 2,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 3);
        // What the grammar expected is named, never a rule's Rust name.
        let said = crate::source::diagnostic::shown(&examples[0], Lang::Zh).message;
        assert_eq!(said, "语法错误：这里应是 `each`、`per` 或数字，实为 `dedcut`");
        assert_eq!(
            examples[0].text(Lang::En).message,
            "syntax error: expected `each`, `per` or a number, found `dedcut`"
        );
    }

    #[test]
    fn every_format_error_is_worded_in_both_languages() {
        let internal = |failure| FormatError::Internal { file: "a.rules".into(), failure };
        let file = crate::source::SourceFile::new("a.rules", "x");
        let syntax = SyntaxError::TooDeep { limit: 64 };
        let examples = [
            FormatError::Syntax(Box::new(Located::new(syntax, &file.named(), crate::source::Span::at(0)))),
            internal(FormatFailure::Reparse { pest: "x".into() }),
            internal(FormatFailure::Unparsable { pest: "x".into() }),
            internal(FormatFailure::Changed { at: 3, before: "a".into(), after: "b".into() }),
            internal(FormatFailure::CommentLost),
        ];
        let variant = |e: &FormatError| match e {
            FormatError::Syntax(_) => 0,
            FormatError::Internal { .. } => 1,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 2);
    }
}
