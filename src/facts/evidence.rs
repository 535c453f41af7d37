//! A record's `evidence` (docs/io.md): beside `facts`, for each fact the
//! list of what made it, each item `{"date", "note", "source"}`. Checked
//! like the facts themselves: every key a fact (or attribute) of the
//! subject, every item complete, every date a real one, all errors at once.

use std::sync::Arc;

use super::error::{FactsError, ItemProblem};
use super::load::{quoted, At, Loader, Schema};
use super::{Evidence, Evidenced, Record, Value};
use crate::json::{Json, JsonKind, Member};

/// The fields of one evidence item, all required.
const ITEM_FIELDS: [&str; 3] = ["date", "note", "source"];

/// A record's evidence as read, before it is checked against its facts.
pub(super) struct Pending<'j> {
    lists: Vec<(Evidenced, Arc<[Evidence]>, &'j Member<'j>)>,
    /// False when some list or item was rejected (the others are kept, to
    /// be checked against the facts too).
    ok: bool,
}

impl Loader<'_> {
    /// Read an `evidence` object; `attributes` says whether its keys may
    /// name attributes (a substitution entry has none). `None` when it is
    /// not an object (the errors are recorded).
    pub(super) fn evidence<'j>(
        &mut self,
        at: &At<'_>,
        member: &'j Member<'j>,
        schema: &Schema<'_>,
        attributes: bool,
    ) -> Option<Pending<'j>> {
        let JsonKind::Object(lists) = &member.value.kind else {
            self.error(
                member.value.span,
                FactsError::EvidenceNotObject { record: at.record(), found: member.value.json_type() },
            );
            return None;
        };
        let mut ok = true;
        let mut out: Vec<(Evidenced, Arc<[Evidence]>, &Member<'_>)> = Vec::with_capacity(lists.len());
        for list in lists {
            let key = list.key.as_ref();
            let of = match (schema.facts.get(key), schema.subject.attribute_index(key)) {
                (Some(&fact), _) => Evidenced::Fact(fact),
                (None, Some(a)) if attributes => Evidenced::Attribute(a),
                _ => {
                    let subject = schema.subject;
                    let mut known: Vec<(&str, &str)> =
                        subject.facts.iter().map(|f| (f.name.id.as_str(), f.name.label.as_str())).collect();
                    if attributes {
                        known.extend(subject.attributes.iter().map(|a| (a.name.id.as_str(), a.name.label.as_str())));
                    }
                    let error = FactsError::EvidenceUnknown {
                        record: at.record(),
                        name: quoted(key),
                        subject: subject.name.id.clone(),
                        suggestion: self.suggest(key, known),
                    };
                    self.error(list.key_span, error);
                    ok = false;
                    continue;
                }
            };
            if out.iter().any(|(e, _, _)| *e == of) {
                self.error(list.key_span, FactsError::EvidenceTwice { record: at.record(), name: quoted(key) });
                ok = false;
                continue;
            }
            match self.evidence_items(at, key, &list.value) {
                Some(items) => out.push((of, items.into(), list)),
                None => ok = false,
            }
        }
        Some(Pending { lists: out, ok })
    }

    /// Each evidence list must be about something the record has: a list
    /// under a fact that is zero is a mistake (a fact removed by hand, its
    /// evidence left behind). Returns the record's evidence if all is well.
    pub(super) fn check_evidence(
        &mut self,
        at: &At<'_>,
        pending: Pending<'_>,
        record: &Record,
    ) -> Option<Vec<(Evidenced, Arc<[Evidence]>)>> {
        let mut ok = pending.ok;
        let mut out = Vec::with_capacity(pending.lists.len());
        for (of, items, list) in pending.lists {
            if items.is_empty() {
                continue;
            }
            let has = match of {
                Evidenced::Fact(f) => record.fact(f).is_some_and(|v| match v {
                    Value::Number(n) => !n.is_zero(),
                    Value::Amounts(amounts) => !amounts.is_empty(),
                    Value::Levels(levels) => levels.iter().any(|(_, n)| !n.is_zero()),
                }),
                Evidenced::Attribute(a) => record.attributes.get(a).is_some_and(|v| !v.is_zero()),
            };
            if !has {
                let attribute = matches!(of, Evidenced::Attribute(_));
                let error = FactsError::EvidenceOfZero { record: at.record(), name: quoted(&list.key), attribute };
                self.error(list.key_span, error);
                ok = false;
                continue;
            }
            out.push((of, items));
        }
        ok.then_some(out)
    }

    /// `[{"date": "2026-07-03", "note": "…", "source": "punches.csv:118"}, …]`
    fn evidence_items(&mut self, at: &At<'_>, key: &str, value: &Json<'_>) -> Option<Vec<Evidence>> {
        let JsonKind::Array(items) = &value.kind else {
            let error =
                FactsError::EvidenceNotList { record: at.record(), name: quoted(key), found: value.json_type() };
            self.error(value.span, error);
            return None;
        };
        let mut ok = true;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match self.evidence_item(at, key, i, item) {
                Some(evidence) => out.push(evidence),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn evidence_item(&mut self, at: &At<'_>, key: &str, index: usize, item: &Json<'_>) -> Option<Evidence> {
        let problem = |problem| FactsError::EvidenceItem { record: at.record(), name: quoted(key), index, problem };
        let JsonKind::Object(members) = &item.kind else {
            self.error(item.span, problem(ItemProblem::NotAnObject { found: item.json_type() }));
            return None;
        };
        let mut ok = true;
        let mut given: [Option<&Json<'_>>; 3] = [None; 3];
        for member in members {
            let name = member.key.as_ref();
            let Some(slot) = ITEM_FIELDS.iter().position(|f| *f == name) else {
                let suggestion = self.suggest_name(name, ITEM_FIELDS);
                self.error(member.key_span, problem(ItemProblem::UnknownField { field: quoted(name), suggestion }));
                ok = false;
                continue;
            };
            if given[slot].is_some() {
                self.error(member.key_span, problem(ItemProblem::FieldTwice { field: name.to_string() }));
                ok = false;
                continue;
            }
            given[slot] = Some(&member.value);
        }
        let text = |loader: &mut Self, slot: usize| -> Option<String> {
            let name = ITEM_FIELDS[slot];
            match given[slot].map(|v| (v, &v.kind)) {
                Some((_, JsonKind::String(s))) if !s.trim().is_empty() => Some(s.to_string()),
                Some((value, kind)) => {
                    let found = match kind {
                        JsonKind::String(_) => None,
                        _ => Some(value.json_type()),
                    };
                    loader.error(value.span, problem(ItemProblem::NotText { field: name, found }));
                    None
                }
                None => {
                    loader.error(item.span, problem(ItemProblem::Missing { field: name }));
                    None
                }
            }
        };
        let date_text = text(self, 0);
        let note = text(self, 1);
        let source = text(self, 2);
        let date = match (date_text, given[0]) {
            (Some(t), Some(value)) => match super::period::date(&t) {
                Some(date) => Some(date),
                None => {
                    self.error(value.span, problem(ItemProblem::BadDate { text: quoted(&t) }));
                    None
                }
            },
            _ => None,
        };
        match (ok, date, note, source) {
            (true, Some(date), Some(note), Some(source)) => Some(Evidence { date, note, source }),
            _ => None,
        }
    }
}
