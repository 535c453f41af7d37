//! The structural diff of two policies (`kaohe diff`'s 政策变化): every part
//! either policy holds, as the policy writes it, matched between the two by
//! its key; each part one has and the other lacks is added or removed, each
//! field that differs is changed.

use std::collections::HashMap;

use crate::policy::diff::{Change, What};
use crate::policy::{Band, FactKind, Policy, Scope, Subject};
use crate::render::{condition_text, decimal, rule_action, rule_line};

/// One part of a policy that can be added, removed or changed: a rule, a
/// fact, a grade band, a veto… matched between the two policies by its key.
struct Item {
    subject: &'static str,
    kind: &'static str,
    key: String,
    /// The item as the policy writes it, shown when it is added or removed.
    summary: String,
    fields: Vec<(&'static str, String)>,
}

impl Item {
    fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }

    fn same(&self, other: &Item) -> bool {
        self.subject == other.subject && self.kind == other.kind && self.key == other.key
    }
}

const KINDS: &[&str] =
    &["level", "subject", "role", "attribute", "fact", "category", "rule", "grade", "veto", "flag", "annual"];

pub fn policy_changes(old: &Policy, new: &Policy) -> Vec<Change> {
    let (old, new) = (items(old), items(new));
    let mut changes = Vec::new();
    for n in &new {
        let what = match old.iter().find(|o| o.same(n)) {
            None => What::Added(n.summary.clone()),
            Some(o) => {
                let mut names: Vec<&'static str> = n.fields.iter().map(|(name, _)| *name).collect();
                names.extend(o.fields.iter().map(|(name, _)| *name).filter(|name| n.field(name).is_empty()));
                let fields: Vec<(&'static str, String, String)> = names
                    .into_iter()
                    .filter(|name| o.field(name) != n.field(name))
                    .map(|name| (name, o.field(name).to_string(), n.field(name).to_string()))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                What::Changed(fields)
            }
        };
        changes.push(Change { subject: n.subject, kind: n.kind, key: n.key.clone(), what });
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.same(o))) {
        changes.push(Change {
            subject: o.subject,
            kind: o.kind,
            key: o.key.clone(),
            what: What::Removed(o.summary.clone()),
        });
    }
    let order = |c: &Change| {
        let subject = ["policy", "staff", "window"].iter().position(|s| *s == c.subject).unwrap_or(3);
        (subject, KINDS.iter().position(|k| *k == c.kind).unwrap_or(KINDS.len()))
    };
    changes.sort_by_key(order);
    changes
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn wording(text: &Option<String>) -> String {
    text.as_deref().map(quoted).unwrap_or_default()
}

fn kind_text(kind: FactKind) -> String {
    match kind {
        FactKind::Amounts { min, max } => format!("amounts {}-{}", decimal(min), decimal(max)),
        other => other.word().to_string(),
    }
}

fn band_text(subject: &Subject, band: &Band) -> (String, String) {
    if let Some(quota) = &band.quota {
        let from = subject.grades.get(quota.from).map_or("", |b| b.name.id.as_str());
        return (format!("chosen from {from}"), format!("at most {}%", decimal(quota.percent)));
    }
    let from = band.from.map(|f| format!("from {}", decimal(f)));
    let below = band.below.map(|b| format!("below {}", decimal(b)));
    (from.into_iter().chain(below).collect::<Vec<_>>().join(" "), String::new())
}

/// Every part of a policy that a change can touch, keyed.
fn items(policy: &Policy) -> Vec<Item> {
    let mut out = Vec::new();
    for level in &policy.levels {
        out.push(Item {
            subject: "policy",
            kind: "level",
            key: level.id.clone(),
            summary: format!("{} {}", level.id, quoted(&level.label)),
            fields: vec![("label", level.label.clone())],
        });
    }
    for (name, subject, members) in [("staff", &policy.staff, &policy.staff), ("window", &policy.window, &policy.staff)]
    {
        let mut push = |kind: &'static str, key: String, summary: String, fields: Vec<(&'static str, String)>| {
            out.push(Item { subject: name, kind, key, summary, fields })
        };
        push(
            "subject",
            name.to_string(),
            format!("subject {name} {} total {}", quoted(&subject.name.label), decimal(subject.total)),
            vec![("label", subject.name.label.clone()), ("total", decimal(subject.total))],
        );
        for role in &subject.roles {
            push(
                "role",
                role.id.clone(),
                format!("{} {}", role.id, quoted(&role.label)),
                vec![("label", role.label.clone())],
            );
        }
        for (kind, facts) in [("attribute", &subject.attributes), ("fact", &subject.facts)] {
            for fact in facts {
                let summary = format!("{} {} {}", fact.name.id, quoted(&fact.name.label), kind_text(fact.kind));
                let fields = vec![("label", fact.name.label.clone()), ("kind", kind_text(fact.kind))];
                push(kind, fact.name.id.clone(), summary, fields);
            }
        }
        for category in &subject.categories {
            let summary =
                format!("category {} {} {}", category.name.id, quoted(&category.name.label), decimal(category.points));
            let fields = vec![("label", category.name.label.clone()), ("points", decimal(category.points))];
            push("category", category.name.id.clone(), summary, fields);
            if let Some(average) = &category.average {
                let text = format!(
                    "average of staff {} weighted by {}, rounded to {} places",
                    members.categories.get(average.category).map_or("", |c| c.name.id.as_str()),
                    members.attributes.get(average.weight).map_or("", |a| a.name.id.as_str()),
                    average.places
                );
                push(
                    "rule",
                    format!("{}.average", category.name.id),
                    format!("{text} [{}]", average.cite),
                    vec![("average", text), ("cite", average.cite.clone()), ("wording", wording(&average.wording))],
                );
            }
        }
        for rule in &subject.rules {
            let role = rule.role.and_then(|r| subject.roles.get(r)).map_or(String::new(), |r| r.id.clone());
            let scope = if rule.scope == Scope::Window { "in window" } else { "own" };
            push(
                "rule",
                rule.id.clone(),
                rule_line(policy, subject, rule),
                vec![
                    ("action", rule_action(policy, subject, rule)),
                    ("scope", scope.to_string()),
                    ("to role", role),
                    ("cite", rule.cite.clone()),
                    ("wording", wording(&rule.wording)),
                ],
            );
        }
        for band in &subject.grades {
            let (bounds, quota) = band_text(subject, band);
            let (cite, said) =
                band.quota.as_ref().map_or((String::new(), String::new()), |q| (q.cite.clone(), wording(&q.wording)));
            let mut summary = format!("{} {} {bounds}", band.name.id, quoted(&band.name.label));
            if !quota.is_empty() {
                summary.push_str(&format!(", {quota} [{cite}]"));
            }
            push(
                "grade",
                band.name.id.clone(),
                summary,
                vec![
                    ("label", band.name.label.clone()),
                    ("band", bounds),
                    ("quota", quota),
                    ("cite", cite),
                    ("wording", said),
                ],
            );
        }
        let veto_text = |veto: &crate::policy::Veto| {
            let grade = subject.grades.get(veto.grade).map_or("", |g| g.name.id.as_str());
            format!("not {grade} when {}", condition_text(subject, members, &veto.condition))
        };
        for veto in &subject.vetoes {
            let key = veto_text(veto);
            let summary = format!("{key} [{}]", veto.cite);
            push("veto", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
        }
        let flag_item = |flag: &crate::policy::Flag| {
            let condition = condition_text(subject, members, &flag.condition);
            let summary = format!("{} {} when {condition} [{}]", flag.name.id, quoted(&flag.name.label), flag.cite);
            let fields = vec![
                ("label", flag.name.label.clone()),
                ("condition", condition),
                ("cite", flag.cite.clone()),
                ("wording", wording(&flag.wording)),
            ];
            (flag.name.id.clone(), summary, fields)
        };
        for flag in &subject.flags {
            let (key, summary, fields) = flag_item(flag);
            push("flag", key, summary, fields);
        }
        if let Some(annual) = &subject.annual {
            let total = format!("total mean of quarters, rounded to {} places", annual.places);
            push(
                "annual",
                "total".into(),
                format!("{total} [{}]", annual.cite),
                vec![("total", total), ("cite", annual.cite.clone()), ("wording", wording(&annual.wording))],
            );
            for gate in &annual.not_assessed {
                let key = format!("not assessed when {}", condition_text(subject, members, &gate.condition));
                let summary = format!("{key} [{}]", gate.cite);
                push("annual", key, summary, vec![("cite", gate.cite.clone()), ("wording", wording(&gate.wording))]);
            }
            for veto in &annual.vetoes {
                let key = veto_text(veto);
                let summary = format!("{key} [{}]", veto.cite);
                push("annual", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
            }
            for flag in &annual.flags {
                let (key, summary, fields) = flag_item(flag);
                push("annual", format!("flag {key}"), summary, fields);
            }
        }
    }
    // Two items with one key (the same veto twice) are told apart by their order.
    let mut seen: HashMap<(&'static str, &'static str, String), usize> = HashMap::new();
    for item in &mut out {
        let n = seen.entry((item.subject, item.kind, item.key.clone())).or_insert(0);
        *n += 1;
        if *n > 1 {
            item.key = format!("{}#{n}", item.key);
        }
    }
    out
}
