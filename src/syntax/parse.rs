//! pest pairs → syntax tree, one `parse_<rule>` per grammar rule.

use std::str::FromStr;

use pest::iterators::Pair;
use pest::Parser;
use rust_decimal::Decimal;

use super::ast::*;
use super::error::{Hint, SyntaxError};
use super::{KaoheParser, Rule as R};
use crate::source::diagnostic::Located;
use crate::source::{SourceFile, Span};

type Result<T> = std::result::Result<T, String>;

/// Parse one `.rules` file.
pub fn parse_file(file: &SourceFile) -> std::result::Result<File, Box<Located<SyntaxError>>> {
    too_deep(file)?;
    let mut pairs = KaoheParser::parse(R::file, &file.text).map_err(|err| syntax_error(file, &err))?;
    let top = pairs.next().ok_or_else(|| internal(file, "empty parse"))?;
    let mut items = Vec::new();
    for pair in meaningful(top) {
        let item = match pair.as_rule() {
            R::policy_decl => parse_policy(pair),
            R::source_decl => next(&mut meaningful(pair), "source").map(|path| Item::Source(string(path))),
            R::readings_decl => next(&mut meaningful(pair), "readings").map(|path| Item::Readings(string(path))),
            R::levels_decl => parse_levels(pair),
            R::subject => parse_subject(pair),
            R::EOI => continue,
            _ if super::records::is_block(pair.as_rule()) => {
                super::records::parse_block(pair).map(|block| Item::Records(Box::new(block)))
            }
            other => Err(format!("unexpected {other:?}")),
        };
        items.push(item.map_err(|message| internal(file, &message))?);
    }
    Ok(File { items })
}

/// The children that carry meaning: keywords are in the tree only so that
/// syntax errors can name them.
pub(super) fn meaningful(pair: Pair<'_, R>) -> impl Iterator<Item = Pair<'_, R>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()) && p.as_rule() != R::COMMENT)
}

pub(super) fn span_of(pair: &Pair<'_, R>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

pub(super) fn next<'i>(it: &mut impl Iterator<Item = Pair<'i, R>>, what: &str) -> Result<Pair<'i, R>> {
    it.next().ok_or_else(|| format!("missing {what}"))
}

pub(super) fn name(pair: Pair<'_, R>) -> Name {
    Spanned { value: pair.as_str().to_string(), span: span_of(&pair) }
}

pub(super) fn string(pair: Pair<'_, R>) -> Spanned<String> {
    let span = span_of(&pair);
    let raw = pair.as_str();
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    Spanned { value: inner.replace("\\\"", "\"").replace("\\\\", "\\"), span }
}

pub(super) fn number(pair: Pair<'_, R>) -> Result<Number> {
    let span = span_of(&pair);
    let value = Decimal::from_str(pair.as_str()).map_err(|_| format!("number `{}`", pair.as_str()))?;
    Ok(Spanned { value, span })
}

pub(super) fn cite(pair: Pair<'_, R>) -> Spanned<String> {
    let span = span_of(&pair);
    let raw = pair.as_str();
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    Spanned { value: inner.trim().to_string(), span }
}

fn parse_policy(pair: Pair<'_, R>) -> Result<Item> {
    let mut it = meaningful(pair);
    let name = string(next(&mut it, "policy name")?);
    let effective = match it.next() {
        Some(effective) => {
            let date = next(&mut meaningful(effective), "date")?;
            let span = span_of(&date);
            let value = chrono::NaiveDate::parse_from_str(date.as_str(), "%Y-%m-%d")
                .map_err(|_| format!("date `{}`", date.as_str()))?;
            Some(Spanned { value, span })
        }
        None => None,
    };
    Ok(Item::Policy(PolicyDecl { name, effective }))
}

fn parse_levels(pair: Pair<'_, R>) -> Result<Item> {
    let mut levels = Vec::new();
    for decl in meaningful(pair) {
        let mut it = meaningful(decl);
        levels.push(LevelDecl { name: name(next(&mut it, "level")?), label: string(next(&mut it, "label")?) });
    }
    Ok(Item::Levels(levels))
}

fn parse_subject(pair: Pair<'_, R>) -> Result<Item> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let mut subject = Subject {
        name: name(next(&mut it, "subject")?),
        label: string(next(&mut it, "label")?),
        total: number(next(&mut it, "total")?)?,
        annexes: Vec::new(),
        roles: Vec::new(),
        attributes: Vec::new(),
        facts: Vec::new(),
        categories: Vec::new(),
        penalties: Vec::new(),
        bonus: Vec::new(),
        grades: Vec::new(),
        grades_blocks: Vec::new(),
        vetoes: Vec::new(),
        flags: Vec::new(),
        label_sets: Vec::new(),
        honours: Vec::new(),
        annual: Vec::new(),
        span,
    };
    for item in it {
        match item.as_rule() {
            R::roles => {
                for decl in meaningful(item) {
                    let mut d = meaningful(decl);
                    subject
                        .roles
                        .push(Decl { name: name(next(&mut d, "role")?), label: string(next(&mut d, "label")?) });
                }
            }
            R::attributes => {
                for decl in meaningful(item) {
                    subject.attributes.push(parse_fact_decl(decl)?);
                }
            }
            R::facts => {
                for decl in meaningful(item) {
                    subject.facts.push(parse_fact_decl(decl)?);
                }
            }
            R::category => subject.categories.push(parse_category(item)?),
            R::penalties => subject.penalties.push(parse_section(item)?),
            R::bonus => subject.bonus.push(parse_section(item)?),
            R::grades => {
                subject.grades_blocks.push(span_of(&item));
                for band in meaningful(item) {
                    subject.grades.push(parse_band(band)?);
                }
            }
            R::eligibility => {
                for veto in meaningful(item) {
                    subject.vetoes.push(parse_veto(veto)?);
                }
            }
            R::flags => {
                for flag in meaningful(item) {
                    subject.flags.push(parse_flag(flag)?);
                }
            }
            R::annual => subject.annual.push(parse_annual(item)?),
            R::annex => {
                let span = span_of(&item);
                let mut a = meaningful(item);
                let cite = cite(next(&mut a, "annex cite")?);
                let title = string(next(&mut a, "annex title")?);
                subject.annexes.push(Annex { cite, title, span });
            }
            R::labels => subject.label_sets.push(parse_labels(item)?),
            R::honours => {
                for honour in meaningful(item) {
                    subject.honours.push(parse_honour(honour)?);
                }
            }
            other => return Err(format!("unexpected {other:?} in subject")),
        }
    }
    Ok(Item::Subject(Box::new(subject)))
}

fn parse_fact_decl(pair: Pair<'_, R>) -> Result<FactDecl> {
    let mut it = meaningful(pair);
    let fact = name(next(&mut it, "fact")?);
    let label = string(next(&mut it, "label")?);
    let kind_pair = next(&mut it, "kind")?;
    let kind = match kind_pair.as_str() {
        "count" => Kind::Count,
        "days" => Kind::Days,
        "amounts" => Kind::Amounts,
        "levels" => Kind::Levels,
        other => return Err(format!("kind `{other}`")),
    };
    let kind = Spanned { value: kind, span: span_of(&kind_pair) };
    let (mut range, mut among) = (None, None);
    for part in it {
        match part.as_rule() {
            R::range => {
                let span = span_of(&part);
                let mut r = meaningful(part);
                range = Some(Range { min: number(next(&mut r, "min")?)?, max: number(next(&mut r, "max")?)?, span });
            }
            R::among => among = Some(name(next(&mut meaningful(part), "fact")?)),
            other => return Err(format!("unexpected {other:?} in a fact")),
        }
    }
    Ok(FactDecl { name: fact, label, kind, range, among })
}

fn parse_category(pair: Pair<'_, R>) -> Result<Category> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let mut category = Category {
        name: name(next(&mut it, "category")?),
        label: string(next(&mut it, "label")?),
        points: number(next(&mut it, "points")?)?,
        readings: Vec::new(),
        rules: Vec::new(),
        averages: Vec::new(),
        span,
    };
    for item in it {
        match item.as_rule() {
            R::reading => category.readings.push(parse_reading(item)),
            R::rule => category.rules.push(parse_rule(item)?),
            R::average => category.averages.push(parse_average(item)?),
            other => return Err(format!("unexpected {other:?} in category")),
        }
    }
    Ok(category)
}

fn parse_section(pair: Pair<'_, R>) -> Result<Section> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let label = string(next(&mut it, "label")?);
    let rules = it.map(parse_rule).collect::<Result<Vec<_>>>()?;
    Ok(Section { label, rules, span })
}

fn parse_rule(pair: Pair<'_, R>) -> Result<Rule> {
    let span = span_of(&pair);
    let mut it = meaningful(pair).peekable();
    let fact = name(next(&mut it, "fact")?);
    let in_window = match it.peek() {
        Some(p) if p.as_rule() == R::in_window => it.next().map(|p| span_of(&p)),
        _ => None,
    };
    let direction_pair = next(&mut it, "deduct or add")?;
    let direction = Spanned {
        value: if direction_pair.as_str() == "add" { Direction::Add } else { Direction::Deduct },
        span: span_of(&direction_pair),
    };
    let amount_pair = next(&mut it, "amount")?;
    let amount = Spanned { span: span_of(&amount_pair), value: parse_amount(amount_pair)? };
    let mut rule = Rule {
        fact,
        in_window,
        direction,
        amount,
        to_role: None,
        cite: None,
        wording: None,
        notes: Notes::default(),
        span,
    };
    if it.peek().is_some_and(|p| p.as_rule() == R::to_role) {
        rule.to_role = it.next().and_then(|p| meaningful(p).next()).map(name);
    }
    let trailer = trailer(it)?;
    (rule.cite, rule.wording, rule.notes) = (trailer.cite, trailer.wording, trailer.notes);
    Ok(rule)
}

fn parse_amount(pair: Pair<'_, R>) -> Result<Amount> {
    let which = pair.as_rule();
    let mut it = meaningful(pair);
    Ok(match which {
        R::each => {
            let points = number(next(&mut it, "points")?)?;
            let beyond = match it.next() {
                Some(b) => Some(number(next(&mut meaningful(b), "threshold")?)?),
                None => None,
            };
            Amount::Each { points, beyond }
        }
        R::per_day => Amount::PerDay { points: number(next(&mut it, "points")?)? },
        R::as_assessed => Amount::AsAssessed,
        R::by_level => {
            let mut table = Vec::new();
            for entry in it {
                let mut e = meaningful(entry);
                table.push((name(next(&mut e, "level")?), number(next(&mut e, "points")?)?));
            }
            Amount::ByLevel(table)
        }
        other => return Err(format!("unexpected {other:?} as amount")),
    })
}

fn parse_average(pair: Pair<'_, R>) -> Result<Average> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let mut average = Average {
        subject: name(next(&mut it, "subject")?),
        category: name(next(&mut it, "category")?),
        weight: name(next(&mut it, "weight")?),
        places: number(next(&mut it, "places")?)?,
        cite: None,
        wording: None,
        notes: Notes::default(),
        span,
    };
    let trailer = trailer(it)?;
    (average.cite, average.wording, average.notes) = (trailer.cite, trailer.wording, trailer.notes);
    Ok(average)
}

fn parse_band(pair: Pair<'_, R>) -> Result<Band> {
    let span = span_of(&pair);
    let is_quota = pair.as_rule() == R::quota_band;
    let mut it = meaningful(pair).peekable();
    let mut band = Band {
        name: name(next(&mut it, "grade")?),
        label: string(next(&mut it, "label")?),
        from: None,
        below: None,
        quota: None,
        cite: None,
        wording: None,
        notes: Notes::default(),
        span,
    };
    if is_quota {
        let from = name(next(&mut it, "band")?);
        let percent_pair = next(&mut it, "percent")?;
        let percent_text = percent_pair.as_str().trim_end_matches('%');
        let percent = Spanned {
            value: Decimal::from_str(percent_text).map_err(|_| format!("percent `{percent_text}`"))?,
            span: span_of(&percent_pair),
        };
        let trailer = trailer(it)?;
        band.quota = Some(Quota { from, percent, cite: trailer.cite, wording: trailer.wording });
        band.notes = trailer.notes;
        return Ok(band);
    }
    while let Some(bound) = it.next_if(|p| matches!(p.as_rule(), R::from | R::below)) {
        let which = bound.as_rule();
        let value = number(next(&mut meaningful(bound), "bound")?)?;
        if which == R::from {
            band.from = Some(value);
        } else {
            band.below = Some(value);
        }
    }
    let trailer = trailer(it)?;
    (band.cite, band.wording, band.notes) = (trailer.cite, trailer.wording, trailer.notes);
    Ok(band)
}

fn parse_veto(pair: Pair<'_, R>) -> Result<Veto> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let grade = name(next(&mut it, "grade")?);
    let condition = parse_condition(next(&mut it, "condition")?)?;
    let Trailer { cite, wording, notes } = trailer(it)?;
    Ok(Veto { grade, condition, cite, wording, notes, span })
}

fn parse_flag(pair: Pair<'_, R>) -> Result<Flag> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let name = name(next(&mut it, "flag")?);
    let label = string(next(&mut it, "label")?);
    let condition = parse_condition(next(&mut it, "condition")?)?;
    let Trailer { cite, wording, notes } = trailer(it)?;
    Ok(Flag { name, label, condition, cite, wording, notes, span })
}

fn parse_annual(pair: Pair<'_, R>) -> Result<Annual> {
    let span = span_of(&pair);
    let mut annual =
        Annual { totals: Vec::new(), not_assessed: Vec::new(), vetoes: Vec::new(), flags: Vec::new(), span };
    for item in meaningful(pair) {
        let item_span = span_of(&item);
        match item.as_rule() {
            R::annual_total => {
                let mut it = meaningful(item);
                let places = number(next(&mut it, "places")?)?;
                let Trailer { cite, wording, notes } = trailer(it)?;
                annual.totals.push(AnnualTotal { places, cite, wording, notes, span: item_span });
            }
            R::not_assessed => {
                let mut it = meaningful(item);
                let condition = parse_condition(next(&mut it, "condition")?)?;
                let Trailer { cite, wording, notes } = trailer(it)?;
                annual.not_assessed.push(Gate { condition, cite, wording, notes, span: item_span });
            }
            R::veto => annual.vetoes.push(parse_veto(item)?),
            R::flag => annual.flags.push(parse_flag(item)?),
            other => return Err(format!("unexpected {other:?} in annual")),
        }
    }
    Ok(annual)
}

/// What may end a line: `[cite] "wording" row "…" "…" reading …`.
struct Trailer {
    cite: Option<Spanned<String>>,
    wording: Option<Spanned<String>>,
    notes: Notes,
}

fn trailer<'i>(it: impl Iterator<Item = Pair<'i, R>>) -> Result<Trailer> {
    let mut out = Trailer { cite: None, wording: None, notes: Notes::default() };
    for item in it {
        match item.as_rule() {
            R::cite => out.cite = Some(cite(item)),
            R::string => out.wording = Some(string(item)),
            R::row_text => {
                let span = span_of(&item);
                let mut cells = meaningful(item);
                let requirement = string(next(&mut cells, "考核要求")?);
                let scoring = string(next(&mut cells, "增减分值")?);
                out.notes.row = Some(RowText { requirement, scoring, span });
            }
            R::reading => out.notes.readings.push(parse_reading(item)),
            other => return Err(format!("unexpected {other:?} at the end of a line")),
        }
    }
    Ok(out)
}

/// `reading NAME ["text"]`
fn parse_reading(pair: Pair<'_, R>) -> ReadingNote {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let name = it.next().map(name).unwrap_or(Spanned { value: String::new(), span });
    let text = it.next().map(string);
    ReadingNote { name, text, span }
}

/// `labels for institution "事业单位人员" [第十八条] "…" { competent "合格" … }`
fn parse_labels(pair: Pair<'_, R>) -> Result<LabelSet> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let mut set = LabelSet {
        name: name(next(&mut it, "staff type")?),
        label: string(next(&mut it, "label")?),
        cite: None,
        wording: None,
        readings: Vec::new(),
        labels: Vec::new(),
        span,
    };
    for item in it {
        match item.as_rule() {
            R::cite => set.cite = Some(cite(item)),
            R::string => set.wording = Some(string(item)),
            R::reading => set.readings.push(parse_reading(item)),
            R::label_decl => {
                let mut d = meaningful(item);
                set.labels.push(Decl { name: name(next(&mut d, "grade")?), label: string(next(&mut d, "label")?) });
            }
            other => return Err(format!("unexpected {other:?} in labels")),
        }
    }
    Ok(set)
}

/// `star_staff "明星个人" proposed from excellent [when …], at most 3 …`
fn parse_honour(pair: Pair<'_, R>) -> Result<Honour> {
    let span = span_of(&pair);
    let mut it = meaningful(pair).peekable();
    let id = name(next(&mut it, "honour")?);
    let label = string(next(&mut it, "label")?);
    let from = name(next(&mut it, "grade")?);
    let condition = match it.next_if(|p| p.as_rule() == R::condition) {
        Some(c) => Some(parse_condition(c)?),
        None => None,
    };
    let limit = number(next(&mut it, "number")?)?;
    let Trailer { cite, wording, notes } = trailer(it)?;
    Ok(Honour { name: id, label, from, condition, limit, cite, wording, notes, span })
}

fn parse_condition(pair: Pair<'_, R>) -> Result<Condition> {
    let span = span_of(&pair);
    let which = pair.as_rule();
    let kind = match which {
        R::condition | R::conjunction => {
            let mut parts = meaningful(pair).map(parse_condition).collect::<Result<Vec<_>>>()?;
            if parts.len() == 1 {
                return parts.pop().ok_or_else(|| "empty condition".to_string());
            }
            if which == R::condition {
                ConditionKind::Or(parts)
            } else {
                ConditionKind::And(parts)
            }
        }
        R::negation => ConditionKind::Not(Box::new(parse_condition(next(&mut meaningful(pair), "condition")?)?)),
        R::group => return parse_condition(next(&mut meaningful(pair), "condition")?),
        R::role_test => ConditionKind::Role(name(next(&mut meaningful(pair), "role")?)),
        R::grade_test => {
            let mut it = meaningful(pair);
            let grade = name(next(&mut it, "grade")?);
            ConditionKind::Grade { grade, every_quarter: it.next().is_some() }
        }
        R::comparison => {
            let mut it = meaningful(pair);
            let sum = next(&mut it, "quantity")?;
            let mut terms = Vec::new();
            for quantity in meaningful(sum) {
                let qspan = span_of(&quantity);
                let mut q = meaningful(quantity);
                let name = name(next(&mut q, "name")?);
                let scope = match q.next().map(|p| p.as_rule()) {
                    Some(R::in_window) => QuantityScope::InWindow,
                    Some(R::of_staff) => QuantityScope::OfStaff,
                    _ => QuantityScope::Own,
                };
                terms.push(Quantity { name, scope, span: qspan });
            }
            let op_pair = next(&mut it, "comparator")?;
            let op = match op_pair.as_str() {
                ">=" => Comparator::AtLeast,
                "<=" => Comparator::AtMost,
                ">" => Comparator::Above,
                "<" => Comparator::Below,
                "=" => Comparator::Equal,
                _ => Comparator::NotEqual,
            };
            let op = Spanned { value: op, span: span_of(&op_pair) };
            let value = number(next(&mut it, "number")?)?;
            ConditionKind::Compare { terms, op, value }
        }
        other => return Err(format!("unexpected {other:?} in a condition")),
    };
    Ok(Condition { kind, span })
}

// ---------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------

/// How deep parentheses may nest. pest descends recursively, so a hostile
/// file of many `(` would otherwise overflow the stack; checked before it.
pub const MAX_NESTING: usize = 64;

fn too_deep(file: &SourceFile) -> std::result::Result<(), Box<Located<SyntaxError>>> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (at, c) in file.text.char_indices() {
        match c {
            '\n' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            '\\' if in_string => escaped = !escaped,
            '"' if !escaped => in_string = !in_string,
            _ if in_string => escaped = false,
            '#' => in_comment = true,
            '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let error = SyntaxError::TooDeep { limit: MAX_NESTING };
                    return Err(Box::new(Located::new(error, &file.named(), Span::new(at, at + 1))));
                }
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c != '\\' {
            escaped = false;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------

fn is_keyword(which: R) -> bool {
    keyword_text(which).is_some()
}

/// The word of a keyword rule: `kw_deduct` is `deduct`.
pub(super) fn keyword_text(which: R) -> Option<&'static str> {
    Some(match which {
        R::kw_policy => "policy",
        R::kw_levels => "levels",
        R::kw_level => "level",
        R::kw_subject => "subject",
        R::kw_total => "total",
        R::kw_roles => "roles",
        R::kw_attributes => "attributes",
        R::kw_facts => "facts",
        R::kw_count => "count",
        R::kw_days => "days",
        R::kw_amounts => "amounts",
        R::kw_category => "category",
        R::kw_penalties => "penalties",
        R::kw_bonus => "bonus",
        R::kw_in => "in",
        R::kw_window => "window",
        R::kw_deduct => "deduct",
        R::kw_add => "add",
        R::kw_each => "each",
        R::kw_beyond => "beyond",
        R::kw_per => "per",
        R::kw_day => "day",
        R::kw_as => "as",
        R::kw_assessed => "assessed",
        R::kw_by => "by",
        R::kw_to => "to",
        R::kw_average => "average",
        R::kw_of => "of",
        R::kw_weighted => "weighted",
        R::kw_rounded => "rounded",
        R::kw_places => "places",
        R::kw_grades => "grades",
        R::kw_from => "from",
        R::kw_below => "below",
        R::kw_effective => "effective",
        R::kw_chosen => "chosen",
        R::kw_at => "at",
        R::kw_most => "most",
        R::kw_eligibility => "eligibility",
        R::kw_not => "not",
        R::kw_when => "when",
        R::kw_flags => "flags",
        R::kw_annual => "annual",
        R::kw_mean => "mean",
        R::kw_quarters => "quarters",
        R::kw_quarter => "quarter",
        R::kw_or => "or",
        R::kw_and => "and",
        R::kw_role => "role",
        R::kw_grade => "grade",
        R::kw_every => "every",
        R::kw_staff => "staff",
        R::kw_source => "source",
        R::kw_row => "row",
        R::kw_reading => "reading",
        R::kw_readings => "readings",
        R::kw_annex => "annex",
        R::kw_honours => "honours",
        R::kw_proposed => "proposed",
        R::kw_labels => "labels",
        R::kw_for => "for",
        R::kw_among => "among",
        other => return super::records::keyword_text(other),
    })
}

fn syntax_error(file: &SourceFile, err: &pest::error::Error<R>) -> Box<Located<SyntaxError>> {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (p, p),
        InputLocation::Span((s, e)) => (s, e),
    };
    let text = &file.text;
    // Point at the whole token found there, so the label reads "found `dedcut`".
    let found_end = text
        .get(start..)
        .map(|rest| {
            let word: usize = rest
                .char_indices()
                .find(|(_, c)| c.is_whitespace() || matches!(c, '{' | '}' | '[' | ']' | ',' | '"'))
                .map(|(i, _)| i)
                .unwrap_or(rest.len());
            start + word.max(rest.chars().next().map_or(0, char::len_utf8))
        })
        .unwrap_or(end)
        .max(end);
    let found = text.get(start..found_end).unwrap_or_default();
    let error = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => SyntaxError::Expected {
            expected: positives.clone(),
            found: (!found.is_empty()).then(|| found.to_string()),
            hint: hint(found),
        },
        ErrorVariant::CustomError { message } => SyntaxError::Internal { message: message.clone() },
    };
    Box::new(Located::new(error, &file.named(), Span::new(start, found_end)))
}

/// Advice for the mistakes a policy author is likely to make.
fn hint(found: &str) -> Option<Hint> {
    if found.starts_with('-') {
        Some(Hint::SignedPoints)
    } else if found.starts_with("//") {
        Some(Hint::SlashComment)
    } else if found.starts_with('“') || found.starts_with('”') {
        Some(Hint::CurlyQuotes)
    } else if found.starts_with('【') || found.starts_with('［') {
        Some(Hint::FullWidthBrackets)
    } else {
        None
    }
}

fn internal(file: &SourceFile, message: &str) -> Box<Located<SyntaxError>> {
    let error = SyntaxError::Internal { message: message.to_string() };
    Box::new(Located::new(error, &file.named(), Span::new(0, 0)))
}
