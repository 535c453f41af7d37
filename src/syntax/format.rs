//! `kaohe fmt`: one canonical layout for a `.rules` file, keeping every
//! comment and changing nothing the parser sees.
//!
//! The formatter works on the pest parse tree, not on the syntax tree: the
//! tree still holds every keyword and every `COMMENT`, and the span of each.
//! A file is a list of *items*; an item is a *block* (`levels`, `subject`,
//! `facts`, `category`, `grades`, `annual`…: a header line, items, `}`) or a
//! *row* (a declaration, a rule, a band, a veto, a flag…: one line, or a head
//! and a continuation line).
//!
//! The layout (docs/language.md, "Formatting"):
//!
//! - 4 spaces of indentation per block; one item per line; `{` ends its
//!   header line, `}` stands alone; a block with nothing in it is `name {}`.
//! - Tokens are separated by one space, except `5-10`, `county 50, city 100`,
//!   `(a or b)`; `15%` and cites `[附件1/工作纪律/1]` are written without inner
//!   padding.
//! - The rows of a block are a table: each row is cut into columns
//!   (`name label kind`; `fact action cite wording`; `name label bounds cite
//!   wording`; `statement cite wording` for vetoes, flags and the annual
//!   lines), and every column that has something after it on its line is
//!   padded to the widest such cell of the block (terminal width, so a Chinese
//!   character counts two), then one space.
//! - A row whose cite (or wording) the author put on a later line than the
//!   token before it stays split there: the head on one line, the rest of
//!   the row on the next. A rule's continuation starts under its action;
//!   any other continuation is indented one level deeper than its row.
//!   Only a cell with another after it on its line sets its column's width,
//!   so a row's last cell, and a continuation line, widen nothing.
//! - Blank lines: none at the start or end of a file or block; between two
//!   items or comments, one if the author left at least one, else none.
//! - Comments: a comment alone on its line stays alone on its line, above
//!   what followed it; a comment after code stays after that code, on the
//!   same line, two spaces after it. A comment written between the tokens of
//!   one row (which then spans lines) is moved above that row, except one at
//!   the end of a split row's head line, which stays there. Trailing spaces
//!   of a comment are dropped; its text is otherwise kept as it is.
//!
//! Before returning, the formatted text is parsed again and compared with
//! the original: the same tokens in the same order, the same comments. If
//! that ever fails it is a bug in the formatter, reported as an error, and
//! the caller keeps the file as it was.

use std::collections::HashMap;

use pest::iterators::Pair;
use pest::Parser;
use unicode_width::UnicodeWidthStr;

use crate::source::SourceFile;
use crate::syntax::error::FormatFailure;
use crate::syntax::{self, FormatError, KaoheParser, Rule};

/// Spaces per block level.
pub const INDENT: usize = 4;

/// Format one `.rules` file: the text in canonical layout, ending in a
/// newline (or empty, if the file holds nothing).
pub fn format_source(file: &SourceFile) -> Result<String, FormatError> {
    // The syntax tree's own parse first: it rejects hostile nesting before
    // pest recurses into it, and gives the same diagnostic as `check`.
    syntax::parse_file(file).map_err(FormatError::Syntax)?;
    let internal = |failure: FormatFailure| FormatError::Internal { file: file.name.clone(), failure };
    let text: &str = &file.text;
    let top = parse_top(text).map_err(|err| internal(FormatFailure::Reparse { pest: err.to_string() }))?;
    let layout = Layout::new(text, &top);
    let formatted = layout.file(top.clone());

    // The formatted text must say exactly what the original said.
    let again = parse_top(&formatted).map_err(|err| internal(FormatFailure::Unparsable { pest: err.to_string() }))?;
    let relaid = Layout::new(&formatted, &again);
    let (tokens_before, tokens_after) = (layout.tokens(top), relaid.tokens(again));
    if tokens_before != tokens_after {
        let at = tokens_before.iter().zip(&tokens_after).position(|(a, b)| a != b).unwrap_or(0);
        return Err(internal(FormatFailure::Changed {
            at,
            before: tokens_before.get(at).cloned().unwrap_or_default(),
            after: tokens_after.get(at).cloned().unwrap_or_default(),
        }));
    }
    if layout.comment_texts() != relaid.comment_texts() {
        return Err(internal(FormatFailure::CommentLost));
    }
    Ok(formatted)
}

/// Every comment of a `.rules` file, in order, without trailing spaces. For
/// checking that formatting keeps them; `None` if the file does not parse.
pub fn comments(text: &str) -> Option<Vec<String>> {
    let top = parse_top(text).ok()?;
    let layout = Layout::new(text, &top);
    Some(layout.comments.iter().map(|c| c.text.to_string()).collect())
}

fn parse_top(text: &str) -> Result<Pair<'_, Rule>, String> {
    let mut pairs = KaoheParser::parse(Rule::file, text).map_err(|err| err.to_string())?;
    pairs.next().ok_or_else(|| "empty parse".to_string())
}

// ---------------------------------------------------------------------------
// The model: blocks, rows, comments
// ---------------------------------------------------------------------------

struct Comment<'a> {
    start: usize,
    /// The end of the text without its trailing spaces.
    end: usize,
    text: &'a str,
}

/// One token as written: a leaf of the parse tree or a literal (`{ } , - + ( )`).
struct Tok {
    text: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shape {
    /// `name "label"`: levels, roles.
    Pair,
    /// `name "label" kind [range]`: attributes, facts.
    Decl,
    /// `fact [in window]`, `deduct|add amount [to role]`, cite, wording.
    Rule,
    /// `name "label"`, bounds or `chosen from …`, cite, wording.
    Band,
    /// The whole statement, cite, wording: vetoes, flags, annual lines,
    /// averages, the policy line, sums and `facts by id or label`.
    Statement,
    /// `holiday`, its name, its days.
    Holiday,
    /// `name "label"`, the rest, cite, wording: half days, punches, kinds of case.
    HalfDay,
    Punch,
    CaseKind,
    /// `event`, its targets, cite, wording: `late late_early_away 1 each`.
    Event,
    /// `name ["label"] [targets]`, cite, wording: kinds of leave, items, ratings.
    Counted,
}

impl Shape {
    fn of(which: Rule) -> Shape {
        match which {
            Rule::level_decl | Rule::role_decl | Rule::label_decl => Shape::Pair,
            Rule::attribute_decl | Rule::fact_decl => Shape::Decl,
            Rule::rule => Shape::Rule,
            Rule::band | Rule::quota_band | Rule::honour => Shape::Band,
            Rule::holiday => Shape::Holiday,
            Rule::half_day => Shape::HalfDay,
            Rule::punch => Shape::Punch,
            Rule::case_kind => Shape::CaseKind,
            Rule::punch_rule | Rule::case_rule => Shape::Event,
            Rule::counted => Shape::Counted,
            _ => Shape::Statement,
        }
    }

    fn slots(self) -> usize {
        match self {
            Shape::Pair => 2,
            Shape::Decl | Shape::Statement | Shape::Holiday => 3,
            Shape::Rule | Shape::Event => 4,
            Shape::Band | Shape::HalfDay | Shape::Punch | Shape::CaseKind | Shape::Counted => 5,
        }
    }

    /// The column of the `i`th child (of rule `which`) before the cite and wording.
    fn body_slot(self, i: usize, which: Rule) -> usize {
        match self {
            Shape::Pair => i.min(1),
            Shape::Decl | Shape::Band | Shape::Holiday | Shape::HalfDay | Shape::Punch | Shape::CaseKind => i.min(2),
            Shape::Rule => usize::from(i > 0 && which != Rule::in_window),
            Shape::Event => i.min(1),
            // A row without its label keeps the label's column empty.
            Shape::Counted => match which {
                Rule::ident => 0,
                Rule::string => 1,
                _ => 2,
            },
            Shape::Statement => 0,
        }
    }
}

/// Rows that may end in `[cite] "wording"`.
fn has_trailers(which: Rule) -> bool {
    matches!(
        which,
        Rule::rule
            | Rule::band
            | Rule::quota_band
            | Rule::honour
            | Rule::veto
            | Rule::flag
            | Rule::not_assessed
            | Rule::annual_total
            | Rule::average
            | Rule::annex
            | Rule::half_day
            | Rule::punch
            | Rule::punch_rule
            | Rule::counted
            | Rule::away
            | Rule::by_fact
            | Rule::case_kind
            | Rule::case_rule
    )
}

/// How many children of a row always belong to its body: a band's or an
/// honour's name and label come before anything that could be a wording.
fn body_at_least(which: Rule) -> usize {
    match which {
        Rule::band | Rule::quota_band | Rule::honour | Rule::flag => 2,
        _ => 1,
    }
}

/// The words a line may end with that each start a line of their own:
/// `row "考核要求" "增减分值"` and `reading …`.
fn is_note(which: Rule) -> bool {
    matches!(which, Rule::row_text | Rule::reading)
}

fn is_block(which: Rule) -> bool {
    matches!(
        which,
        Rule::levels_decl
            | Rule::subject
            | Rule::roles
            | Rule::attributes
            | Rule::facts
            | Rule::category
            | Rule::penalties
            | Rule::bonus
            | Rule::grades
            | Rule::eligibility
            | Rule::flags
            | Rule::annual
            | Rule::labels
            | Rule::honours
            | Rule::calendar
            | Rule::schedule
            | Rule::punches
            | Rule::leave
            | Rule::findings
            | Rule::cases
            | Rule::reviews
    )
}

/// What a block holds, as opposed to its header (everything before `{`).
fn is_item(which: Rule) -> bool {
    is_block(which)
        || matches!(
            which,
            Rule::policy_decl
                | Rule::level_decl
                | Rule::role_decl
                | Rule::attribute_decl
                | Rule::fact_decl
                | Rule::rule
                | Rule::average
                | Rule::band
                | Rule::quota_band
                | Rule::veto
                | Rule::flag
                | Rule::annual_total
                | Rule::not_assessed
                | Rule::annex
                | Rule::label_decl
                | Rule::honour
                | Rule::holiday
                | Rule::half_day
                | Rule::punch
                | Rule::punch_rule
                | Rule::counted
                | Rule::away
                | Rule::by_fact
                | Rule::case_kind
                | Rule::case_rule
        )
}

struct Cell {
    text: String,
    width: usize,
}

struct Row {
    shape: Shape,
    cells: Vec<Cell>,
    /// The first column on the continuation line, if the row is split.
    split: Option<usize>,
    /// Comments from inside the row, written above it.
    hoisted: Vec<usize>,
    /// A comment at the end of a split row's head line.
    head_comment: Option<usize>,
    /// Comment lines between the head and the continuation.
    between: Vec<usize>,
    /// `row …` and `reading …`, one line each after the rest of the row.
    notes: Vec<String>,
}

struct Block {
    hoisted: Vec<usize>,
    header: String,
    header_comment: Option<usize>,
    body: Vec<Elem>,
}

enum Item {
    Row(Row),
    Block(Block),
}

enum Node {
    Comment(usize),
    Item { item: Item, trailing: Option<usize> },
}

struct Elem {
    blank_before: bool,
    node: Node,
}

// ---------------------------------------------------------------------------
// Building the model from the parse tree
// ---------------------------------------------------------------------------

struct Layout<'a> {
    text: &'a str,
    comments: Vec<Comment<'a>>,
    /// Where each comment ends (without trailing spaces) → its index.
    comment_ends: HashMap<usize, usize>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl<'a> Layout<'a> {
    fn new(text: &'a str, top: &Pair<'a, Rule>) -> Layout<'a> {
        let mut comments: Vec<Comment<'a>> = top
            .clone()
            .into_inner()
            .flatten()
            .filter(|p| p.as_rule() == Rule::COMMENT)
            .map(|p| {
                let trimmed = p.as_str().trim_end();
                let start = p.as_span().start();
                Comment { start, end: start + trimmed.len(), text: trimmed }
            })
            .collect();
        comments.sort_by_key(|c| c.start);
        comments.dedup_by_key(|c| c.start);
        let comment_ends = comments.iter().enumerate().map(|(i, c)| (c.end, i)).collect();
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Layout { text, comments, comment_ends, line_starts }
    }

    fn line(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// At least one blank line between `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        self.line(to) >= self.line(from) + 2
    }

    /// Where a pair's text really ends: pest's span of a rule that ends in
    /// an optional part also holds the spaces and comments after it.
    fn content_end(&self, pair: &Pair<'a, Rule>) -> usize {
        let start = pair.as_span().start();
        let mut end = pair.as_span().end();
        loop {
            let before = self.text.get(start..end).unwrap_or_default();
            end = start + before.trim_end().len();
            match self.comment_ends.get(&end).and_then(|&i| self.comments.get(i)) {
                Some(c) if c.start >= start && c.start < end => end = c.start,
                _ => return end,
            }
        }
    }

    /// Indices of the comments that start in `from..to`.
    fn comments_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.comments.partition_point(|c| c.start < from);
        self.comments.iter().enumerate().skip(first).take_while(move |(_, c)| c.start < to).map(|(i, _)| i)
    }

    fn comment(&self, i: usize) -> &'a str {
        self.comments.get(i).map_or("", |c| c.text)
    }

    fn comment_texts(&self) -> Vec<&'a str> {
        let mut texts: Vec<&str> = self.comments.iter().map(|c| c.text).collect();
        texts.sort_unstable();
        texts
    }

    /// Every token of the file, in order: what the parser sees.
    fn tokens(&self, top: Pair<'a, Rule>) -> Vec<String> {
        let mut toks = Vec::new();
        self.flatten(&top, &mut toks);
        toks.into_iter().map(|t| t.text).collect()
    }

    /// The tokens of `pair`: its leaves, with the literals between them.
    fn flatten(&self, pair: &Pair<'a, Rule>, out: &mut Vec<Tok>) {
        let which = pair.as_rule();
        if which == Rule::COMMENT {
            return;
        }
        let span = pair.as_span();
        let children: Vec<Pair<'a, Rule>> =
            pair.clone().into_inner().filter(|p| p.as_rule() != Rule::COMMENT).collect();
        if children.is_empty() || matches!(which, Rule::string | Rule::cite) {
            out.push(Tok { text: leaf_text(pair), start: span.start(), end: span.end() });
            return;
        }
        let mut at = span.start();
        for child in &children {
            self.literals(at, child.as_span().start(), out);
            self.flatten(child, out);
            at = child.as_span().end();
        }
        self.literals(at, span.end(), out);
    }

    /// The literal tokens (`{`, `,`, `-`…) in `from..to`, which holds only
    /// them, whitespace and comments.
    fn literals(&self, from: usize, to: usize, out: &mut Vec<Tok>) {
        let gap = self.text.get(from..to).unwrap_or_default();
        let mut in_comment = false;
        for (i, c) in gap.char_indices() {
            match c {
                '\n' | '\r' => in_comment = false,
                _ if in_comment => {}
                '#' => in_comment = true,
                ' ' | '\t' | '\u{3000}' => {}
                _ => {
                    let start = from + i;
                    out.push(Tok { text: c.to_string(), start, end: start + c.len_utf8() });
                }
            }
        }
    }

    fn file(&self, top: Pair<'a, Rule>) -> String {
        let end = self.text.len();
        let items: Vec<Pair<'a, Rule>> =
            top.into_inner().filter(|p| !matches!(p.as_rule(), Rule::COMMENT | Rule::EOI)).collect();
        let (_, body) = self.container(items, None, 0, end);
        let mut out = Vec::new();
        self.emit_elems(&body, 0, &mut out);
        if out.is_empty() {
            return String::new();
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// The items of a file or block, with the comments between them.
    /// `open` is the block's `{`; `from..to` the text inside the braces.
    /// Returns the comment after the `{` on its line, and the elements.
    fn container(
        &self,
        items: Vec<Pair<'a, Rule>>,
        open: Option<usize>,
        from: usize,
        to: usize,
    ) -> (Option<usize>, Vec<Elem>) {
        let spans: Vec<(usize, usize)> = items.iter().map(|p| (p.as_span().start(), self.content_end(p))).collect();
        let loose: Vec<usize> = self
            .comments_in(from, to)
            .filter(|&i| {
                let at = self.comments.get(i).map_or(0, |c| c.start);
                !spans.iter().any(|&(s, e)| at >= s && at < e)
            })
            .collect();

        // Comments and items in the order they were written.
        enum Next<'p> {
            Comment(usize),
            Item(Pair<'p, Rule>, usize, usize),
        }
        let mut sequence: Vec<(usize, Next<'a>)> = loose
            .into_iter()
            .map(|i| (self.comments.get(i).map_or(0, |c| c.start), Next::Comment(i)))
            .chain(items.into_iter().zip(spans).map(|(p, (s, e))| (s, Next::Item(p, s, e))))
            .collect();
        sequence.sort_by_key(|(at, _)| *at);

        let mut open_comment = None;
        let mut elems: Vec<Elem> = Vec::new();
        // The end of the last thing written, for blank lines; and the end of
        // the `{` or item a comment on the same line would belong to.
        let mut last_end: Option<usize> = None;
        let mut owner_end: Option<usize> = open.map(|o| o + 1);
        for (_, next) in sequence {
            match next {
                Next::Comment(i) => {
                    let (start, end) = self.comments.get(i).map_or((0, 0), |c| (c.start, c.end));
                    let same_line = owner_end.is_some_and(|e| self.line(e) == self.line(start));
                    match elems.last_mut() {
                        Some(Elem { node: Node::Item { trailing: trailing @ None, .. }, .. }) if same_line => {
                            *trailing = Some(i);
                        }
                        // After the `{` on its line: nothing has been written
                        // inside the block yet, so no blank line may follow.
                        None if same_line && open.is_some() => {
                            open_comment = Some(i);
                            owner_end = None;
                            continue;
                        }
                        _ => {
                            let blank_before = last_end.is_some_and(|e| self.blank_between(e, start));
                            elems.push(Elem { blank_before, node: Node::Comment(i) });
                        }
                    }
                    owner_end = None;
                    last_end = Some(end);
                }
                Next::Item(pair, start, end) => {
                    let blank_before = last_end.is_some_and(|e| self.blank_between(e, start));
                    let item = if is_block(pair.as_rule()) {
                        Item::Block(self.block(pair))
                    } else {
                        Item::Row(self.row(pair))
                    };
                    elems.push(Elem { blank_before, node: Node::Item { item, trailing: None } });
                    owner_end = Some(end);
                    last_end = Some(end);
                }
            }
        }
        (open_comment, elems)
    }

    fn block(&self, pair: Pair<'a, Rule>) -> Block {
        let start = pair.as_span().start();
        let close = self.content_end(&pair).saturating_sub(1);
        let children: Vec<Pair<'a, Rule>> = pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT).collect();
        let header_len = children.iter().take_while(|p| !is_item(p.as_rule())).count();
        let mut toks = Vec::new();
        for part in children.iter().take(header_len) {
            self.flatten(part, &mut toks);
        }
        let header_end = toks.last().map_or(start, |t| t.end);
        let open = self.find_open(header_end, close);
        let hoisted = self.comments_in(start, open).collect();
        let items = children.into_iter().skip(header_len).collect();
        let (header_comment, body) = self.container(items, Some(open), open + 1, close);
        Block { hoisted, header: join(&toks), header_comment, body }
    }

    /// The `{` after a block's header: past spaces and comments.
    fn find_open(&self, from: usize, close: usize) -> usize {
        let mut tail = Vec::new();
        self.literals(from, close, &mut tail);
        tail.iter().find(|t| t.text == "{").map_or(from, |t| t.start)
    }

    fn row(&self, pair: Pair<'a, Rule>) -> Row {
        let which = pair.as_rule();
        let shape = Shape::of(which);
        let span = pair.as_span();
        let (start, end) = (span.start(), self.content_end(&pair));
        let all: Vec<Pair<'a, Rule>> = pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT).collect();
        // The notes go on lines of their own; the rest is laid out as before.
        let first_note = all.iter().position(|p| is_note(p.as_rule())).unwrap_or(all.len());
        let notes: Vec<String> = all[first_note..]
            .iter()
            .map(|note| {
                let mut toks = Vec::new();
                self.flatten(note, &mut toks);
                join(&toks)
            })
            .collect();
        let children = &all[..first_note];
        let mut trailers = if has_trailers(which) {
            let most = children.len().saturating_sub(body_at_least(which)).min(2);
            children.iter().rev().take(most).take_while(|p| matches!(p.as_rule(), Rule::cite | Rule::string)).count()
        } else {
            0
        };
        // `marriage "婚假"`: the string after a name is its label, not a wording.
        if which == Rule::counted && children.get(1).is_some_and(|p| p.as_rule() == Rule::string) {
            trailers = trailers.min(children.len().saturating_sub(2));
        }
        let body = children.len() - trailers;
        let slots = shape.slots();
        let mut cells: Vec<Vec<Tok>> = (0..slots).map(|_| Vec::new()).collect();
        let mut at = start;
        let mut slot = 0;
        // A row stays split before the first cite or wording that the author
        // put on a later line than the token before it.
        let mut split: Option<(usize, usize)> = None;
        let mut head_end = start;
        for (i, child) in children.iter().enumerate() {
            let child_span = child.as_span();
            // Literals between two children belong with the one before.
            if let Some(cell) = cells.get_mut(slot) {
                self.literals(at, child_span.start(), cell);
            }
            slot = if i < body { shape.body_slot(i, child.as_rule()) } else { slot_of_trailer(child.as_rule(), slots) };
            if i >= body && split.is_none() && self.line(child_span.start()) > self.line(head_end) {
                split = Some((slot, child_span.start()));
            }
            if let Some(cell) = cells.get_mut(slot) {
                self.flatten(child, cell);
            }
            at = child_span.end();
            if split.is_none() {
                head_end = self.content_end(child);
            }
        }
        // Up to the first note, which keeps its own literals.
        let main_end = all.get(first_note).map_or(end, |note| note.as_span().start());
        if let Some(cell) = cells.get_mut(slot) {
            self.literals(at, main_end, cell);
        }

        let (mut hoisted, mut head_comment, mut between) = (Vec::new(), None, Vec::new());
        for i in self.comments_in(start, end) {
            let at = self.comments.get(i).map_or(0, |c| c.start);
            match split {
                Some((_, cont)) if at >= head_end && at < cont => {
                    if head_comment.is_none() && between.is_empty() && self.line(at) == self.line(head_end) {
                        head_comment = Some(i);
                    } else {
                        between.push(i);
                    }
                }
                _ => hoisted.push(i),
            }
        }
        let cells = cells
            .iter()
            .map(|toks| {
                let text = join(toks);
                Cell { width: text.width(), text }
            })
            .collect();
        Row { shape, cells, split: split.map(|(first, _)| first), hoisted, head_comment, between, notes }
    }

    // -----------------------------------------------------------------------
    // Writing the model out
    // -----------------------------------------------------------------------

    fn emit_elems(&self, elems: &[Elem], indent: usize, out: &mut Vec<String>) {
        let widths = column_widths(elems);
        let pad = " ".repeat(indent);
        for elem in elems {
            if elem.blank_before {
                out.push(String::new());
            }
            match &elem.node {
                Node::Comment(i) => out.push(format!("{pad}{}", self.comment(*i))),
                Node::Item { item: Item::Row(row), trailing } => {
                    let widths = widths.get(&row.shape).map_or(&[][..], Vec::as_slice);
                    self.emit_row(row, widths, indent, *trailing, out);
                }
                Node::Item { item: Item::Block(block), trailing } => self.emit_block(block, indent, *trailing, out),
            }
        }
    }

    fn emit_block(&self, block: &Block, indent: usize, trailing: Option<usize>, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        for &i in &block.hoisted {
            out.push(format!("{pad}{}", self.comment(i)));
        }
        let close = format!("}}{}", self.trailing(trailing));
        if block.body.is_empty() && block.header_comment.is_none() {
            out.push(format!("{pad}{} {{{close}", block.header));
            return;
        }
        out.push(format!("{pad}{} {{{}", block.header, self.trailing(block.header_comment)));
        self.emit_elems(&block.body, indent + INDENT, out);
        out.push(format!("{pad}{close}"));
    }

    fn emit_row(&self, row: &Row, widths: &[usize], indent: usize, trailing: Option<usize>, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        for &i in &row.hoisted {
            out.push(format!("{pad}{}", self.comment(i)));
        }
        let head_cells = row.split.unwrap_or(row.cells.len());
        let cont = match row.shape {
            Shape::Rule => indent + widths.first().copied().unwrap_or(0) + 1,
            _ => indent + INDENT,
        };
        let cont_pad = " ".repeat(cont);
        let mut line = pad.clone();
        line.push_str(&columns(row.cells.get(..head_cells).unwrap_or_default(), widths));
        if row.split.is_none() {
            out.push(line);
        } else {
            line.push_str(&self.trailing(row.head_comment));
            out.push(line);
            for &i in &row.between {
                out.push(format!("{cont_pad}{}", self.comment(i)));
            }
            let rest: Vec<&str> =
                row.cells.iter().skip(head_cells).filter(|c| !c.text.is_empty()).map(|c| c.text.as_str()).collect();
            out.push(format!("{cont_pad}{}", rest.join(" ")));
        }
        for note in &row.notes {
            out.push(format!("{cont_pad}{note}"));
        }
        if let Some(last) = out.last_mut() {
            last.push_str(&self.trailing(trailing));
        }
    }

    fn trailing(&self, comment: Option<usize>) -> String {
        comment.map(|i| format!("  {}", self.comment(i))).unwrap_or_default()
    }
}

/// Where a cite or a wording goes among a row's columns.
fn slot_of_trailer(which: Rule, slots: usize) -> usize {
    if which == Rule::cite {
        slots.saturating_sub(2)
    } else {
        slots.saturating_sub(1)
    }
}

/// The text of a leaf: as written, but a cite without spaces inside its
/// brackets (the parser trims them too).
fn leaf_text(pair: &Pair<'_, Rule>) -> String {
    let raw = pair.as_str();
    if pair.as_rule() == Rule::cite {
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        return format!("[{}]", inner.trim());
    }
    raw.to_string()
}

/// Tokens separated by one space: none inside `( )`, before `,`, around `-`.
fn join(toks: &[Tok]) -> String {
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    for tok in toks {
        let next = tok.text.as_str();
        if let Some(prev) = prev {
            if !(prev == "(" || prev == "-" || next == ")" || next == "," || next == "-") {
                out.push(' ');
            }
        }
        out.push_str(next);
        prev = Some(next);
    }
    out
}

/// The width of each column of each shape among a block's rows: the widest
/// cell that has something after it on its line.
fn column_widths(elems: &[Elem]) -> HashMap<Shape, Vec<usize>> {
    let mut widths: HashMap<Shape, Vec<usize>> = HashMap::new();
    for elem in elems {
        let Node::Item { item: Item::Row(row), .. } = &elem.node else { continue };
        let head = row.cells.get(..row.split.unwrap_or(row.cells.len())).unwrap_or_default();
        let Some(last) = head.iter().rposition(|c| !c.text.is_empty()) else { continue };
        let entry = widths.entry(row.shape).or_insert_with(|| vec![0; row.shape.slots()]);
        for (w, cell) in entry.iter_mut().zip(head.iter().take(last)) {
            *w = (*w).max(cell.width);
        }
    }
    widths
}

/// One line of a table: each cell but the last padded to its column.
fn columns(cells: &[Cell], widths: &[usize]) -> String {
    let Some(last) = cells.iter().rposition(|c| !c.text.is_empty()) else { return String::new() };
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate().take(last + 1) {
        let width = widths.get(i).copied().unwrap_or(0);
        if i == last {
            line.push_str(&cell.text);
        } else if !(cell.text.is_empty() && width == 0) {
            line.push_str(&cell.text);
            line.push_str(&" ".repeat(width.saturating_sub(cell.width) + 1));
        }
    }
    line
}
