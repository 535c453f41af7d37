//! Reading a large document without holding its tree.
//!
//! A facts file of a hundred thousand records would make a tree six times
//! its size. [`outline`] checks the whole document (every error as
//! [`parse`](super::parse) gives it, at the same place) and keeps only its
//! top level: each member's key, the value itself when it is a scalar (a
//! period), and the span of a list or object. [`each_item`] then reads a
//! list's items one at a time, each a small tree of its own, handed over
//! and dropped; [`parse_at`] reads one value whole. [`outline_with_items`]
//! does both in one pass, handing over the items of the lists it is told
//! of while it checks the rest, for a reader that knows what to do with
//! them before the file is checked ([`leading_string`] tells it early).
//! All go through the same parser as [`parse`](super::parse), with the
//! same depths, so nothing is accepted or refused differently.

use std::borrow::Cow;

use super::error::{JsonError, JsonType};
use super::read::{document, Json, Parser};
use crate::source::Span;
use crate::source::BOM;

/// A checked document's top level.
#[derive(Debug, Clone)]
pub struct Outline<'a> {
    /// The span of the root value.
    pub span: Span,
    /// What the root value is.
    pub root: JsonType,
    /// The root object's members, in document order, repeated keys kept;
    /// empty when the root is not an object.
    pub members: Vec<TopMember<'a>>,
}

/// One `"key": value` of the root object.
#[derive(Debug, Clone)]
pub struct TopMember<'a> {
    pub key: Cow<'a, str>,
    /// Includes the key's quotes.
    pub key_span: Span,
    /// The value, when it is a string, number, boolean or null.
    pub scalar: Option<Json<'a>>,
    /// The value's span (brackets included).
    pub span: Span,
    pub json_type: JsonType,
    /// How many items the value has, when it is a list.
    pub items: usize,
}

impl<'a> Outline<'a> {
    /// The first member with that key.
    pub fn get(&self, key: &str) -> Option<&TopMember<'a>> {
        self.members.iter().find(|m| m.key == key)
    }
}

/// Check a whole document and keep its top level; the error is the one
/// [`parse`](super::parse) would give.
pub fn outline(text: &str) -> Result<Outline<'_>, (JsonError, Span)> {
    outline_with_items(text, &[], |_, _| {})
}

/// [`outline`], reading too the items of each list of the root object
/// whose key is one of `lists`: each item is parsed whole and handed to
/// `item` (with its list's index in `lists`) as soon as it is read, before
/// the rest of the document is checked, and dropped. A list given twice
/// hands over the items of both.
pub fn outline_with_items<'a>(
    text: &'a str,
    lists: &[&str],
    mut item: impl FnMut(usize, Json<'a>),
) -> Result<Outline<'a>, (JsonError, Span)> {
    document(text, |p| {
        let start = p.pos;
        if p.peek() != Some(b'{') {
            let root = type_at(p.peek());
            p.skip(0)?;
            return Ok(Outline { span: Span::new(start, p.pos), root, members: Vec::new() });
        }
        let mut members = Vec::new();
        let span = p.object_with(0, |p, key, key_span| {
            let start = p.pos;
            let json_type = type_at(p.peek());
            let mut items = 0;
            let scalar = match json_type {
                JsonType::List => {
                    match lists.iter().position(|list| *list == key) {
                        Some(list) => p.array_with(1, |p| {
                            items += 1;
                            item(list, p.record(2)?);
                            Ok(())
                        })?,
                        None => p.array_with(1, |p| {
                            items += 1;
                            p.skip(2)
                        })?,
                    };
                    None
                }
                JsonType::Object => {
                    p.skip(1)?;
                    None
                }
                _ => Some(p.value(1)?),
            };
            members.push(TopMember { key, key_span, scalar, span: Span::new(start, p.pos), json_type, items });
            Ok(())
        })?;
        Ok(Outline { span, root: JsonType::Object, members })
    })
}

/// The string that is the value of the root object's first member, when
/// that member's key is `key`, read without reading (or checking) the
/// rest of the text: `{"period": "2026-Q3", …` gives `2026-Q3`.
pub fn leading_string<'a>(text: &'a str, key: &str) -> Option<Cow<'a, str>> {
    let mut p = Parser::at(text, if text.starts_with(BOM) { BOM.len() } else { 0 });
    if !next_is(&mut p, b'{') {
        return None;
    }
    p.pos += 1;
    if !next_is(&mut p, b'"') || p.string().ok()? != key || !next_is(&mut p, b':') {
        return None;
    }
    p.pos += 1;
    if !next_is(&mut p, b'"') {
        return None;
    }
    p.string().ok()
}

/// Whether `byte` comes next, after any whitespace.
fn next_is(p: &mut Parser<'_>, byte: u8) -> bool {
    p.skip_ws();
    p.peek() == Some(byte)
}

/// The value at byte `start` of `text`, a member of the root object,
/// parsed whole (spans index `text`).
pub fn parse_at(text: &str, start: usize) -> Result<Json<'_>, (JsonError, Span)> {
    Parser::at(text, start).value(1).map_err(|e| *e)
}

/// Each item of the list at byte `start` of `text` (a member of the root
/// object), parsed whole, handed to `item` in order and dropped. Returns
/// the list's span.
pub fn each_item<'a>(text: &'a str, start: usize, mut item: impl FnMut(Json<'a>)) -> Result<Span, (JsonError, Span)> {
    let mut p = Parser::at(text, start);
    p.array_with(1, |p| {
        item(p.record(2)?);
        Ok(())
    })
    .map_err(|e| *e)
}

/// What the value starting with `byte` is (the document is checked: a
/// value starts with one of these).
fn type_at(byte: Option<u8>) -> JsonType {
    match byte {
        Some(b'{') => JsonType::Object,
        Some(b'[') => JsonType::List,
        Some(b'"') => JsonType::String,
        Some(b't' | b'f') => JsonType::Bool,
        Some(b'n') => JsonType::Null,
        _ => JsonType::Number,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::json::{parse, JsonKind};

    const DOC: &str = "\u{feff}{\"period\": \"2026-Q3\", \"staff\": [{\"id\": \"S1\", \"facts\": {\"a\": [1, 2]}}, 3, \
                       \"x\"], \"n\": -1.5e3, \"o\": {}, \"period\": null}";

    #[test]
    fn the_outline_is_the_tree_s_top_level() {
        let tree = parse(DOC).unwrap();
        let outline = outline(DOC).unwrap();
        assert_eq!(outline.span, tree.span);
        assert_eq!(outline.root, JsonType::Object);
        let JsonKind::Object(members) = &tree.kind else { panic!("an object") };
        assert_eq!(outline.members.len(), members.len());
        for (top, member) in outline.members.iter().zip(members) {
            assert_eq!((&top.key, top.key_span, top.span), (&member.key, member.key_span, member.value.span));
            assert_eq!(top.json_type, member.value.json_type());
            match member.value.json_type() {
                JsonType::List | JsonType::Object => assert!(top.scalar.is_none()),
                _ => assert_eq!(top.scalar.as_ref(), Some(&member.value)),
            }
            assert_eq!(parse_at(DOC, top.span.start()).unwrap(), member.value);
        }
        let staff = outline.get("staff").unwrap();
        let mut items = Vec::new();
        let span = each_item(DOC, staff.span.start(), |item| items.push(item)).unwrap();
        assert_eq!((span, staff.items), (staff.span, 3));
        assert_eq!(Some(&JsonKind::Array(items)), tree.get("staff").map(|m| &m.value.kind));
        assert_eq!(
            outline.get("period").and_then(|m| m.scalar.as_ref()).map(|v| &v.kind),
            Some(&JsonKind::String("2026-Q3".into()))
        );
    }

    #[test]
    fn one_pass_hands_over_the_items_of_the_lists_named() {
        let tree = parse(DOC).unwrap();
        let mut items = Vec::new();
        let once = outline_with_items(DOC, &["n", "staff"], |list, item| items.push((list, item))).unwrap();
        let plain = outline(DOC).unwrap();
        assert_eq!(format!("{once:?}"), format!("{plain:?}"));
        let Some(JsonKind::Array(staff)) = tree.get("staff").map(|m| &m.value.kind) else { panic!("a list") };
        assert_eq!(items, staff.iter().map(|item| (1, item.clone())).collect::<Vec<_>>());
    }

    #[test]
    fn the_leading_string_is_the_first_member_s_only() {
        assert_eq!(leading_string(DOC, "period").as_deref(), Some("2026-Q3"));
        assert_eq!(leading_string(" {\n\"k\" : \"a\\u0062\", oops", "k").as_deref(), Some("ab"));
        for text in
            ["", "{", "[\"period\"]", "{\"n\": 1, \"period\": \"2026-Q3\"}", "{\"period\": 2026}", "{\"period\" \"x\"}"]
        {
            assert_eq!(leading_string(text, "period"), None, "{text}");
        }
    }

    #[test]
    fn a_root_that_is_no_object_has_no_members() {
        for (text, root) in [("[1, {}]", JsonType::List), (" \"a\" ", JsonType::String), ("null", JsonType::Null)] {
            let outline = outline(text).unwrap();
            assert_eq!((outline.root, outline.members.len()), (root, 0), "{text}");
            assert_eq!(outline.span, parse(text).unwrap().span);
        }
    }

    /// Every truncation and many corruptions of a document: the outline
    /// fails exactly where and as the tree does, and succeeds when it does.
    #[test]
    fn the_outline_refuses_what_the_tree_refuses() {
        let doc = format!("{DOC} ");
        let check = |text: &str| {
            let tree = parse(text).map(drop);
            assert_eq!(outline(text).map(drop), tree, "{text:?}");
            assert_eq!(outline_with_items(text, &["staff"], |_, _| {}).map(drop), tree, "{text:?}");
        };
        for end in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
            check(&doc[..end]);
        }
        let replacements = ["", "\"", "\\", "{", "}", "[", "]", ",", ":", "-", ".", "e", "0", "\n", "\u{1}", "中", "x"];
        for mutated in super::super::corruptions(&doc, &replacements, 0x9e37_79b9_7f4a_7c15, 20_000) {
            check(&mutated);
        }
        let deep = format!("{{\"a\": {}{}}}", "[".repeat(200), "]".repeat(200));
        check(&deep);
    }
}
