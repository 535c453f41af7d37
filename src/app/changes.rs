//! The structural diff of two policies (`kaohe diff`'s 政策变化): every part
//! either policy holds, as the policy writes it, matched between the two by
//! its key; each part one has and the other lacks is added or removed, each
//! field that differs is changed. Every part the checked policy keeps is
//! here: the header, the readings and the levels; each subject's annex,
//! roles, attributes, facts, categories, rules, the annex rows' words,
//! grades, grade labels, vetoes, flags, honours and annual rules; the
//! counting rules of the records section; the calendar.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::policy::calendar::Calendar;
use crate::policy::diff::{Change, What};
use crate::policy::records::{self, CaseEvent, Counted, Deadline, PunchEvent, Slot, SlotEnd, Target, Whose};
use crate::policy::{Band, FactKind, Policy, Scope, Subject};
use crate::render::{condition_text, decimal, rule_action, rule_line};

/// Every part of two policies that differs, in the order of [`SECTIONS`]
/// and [`KINDS`].
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
        let subject = SECTIONS.iter().position(|s| *s == c.subject).unwrap_or(SECTIONS.len());
        (subject, KINDS.iter().position(|k| *k == c.kind).unwrap_or(KINDS.len()))
    };
    changes.sort_by_key(order);
    changes
}

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

/// The sections of a policy, in the order changes are listed.
const SECTIONS: &[&str] = &["policy", "staff", "window", "records", "calendar"];

/// The kinds of part, in the order changes are listed within a section.
const KINDS: &[&str] = &[
    "header",
    "level",
    "reading",
    "subject",
    "role",
    "attribute",
    "fact",
    "category",
    "part",
    "rule",
    "row",
    "grade",
    "labels",
    "veto",
    "flag",
    "honour",
    "annual",
    "schedule",
    "punches",
    "leave",
    "away",
    "findings",
    "cases",
    "reviews",
    "calendar",
    "holiday",
];

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn wording(text: &Option<String>) -> String {
    text.as_deref().map(quoted).unwrap_or_default()
}

/// The readings a line names, by name: `card_chief_rep, unfloored`.
fn readings(policy: &Policy, readings: &[usize]) -> String {
    readings.iter().filter_map(|r| policy.readings.get(*r)).map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
}

fn kind_text(kind: FactKind) -> String {
    match kind {
        FactKind::Amounts { min, max } => format!("amounts {}-{}", decimal(min), decimal(max)),
        other => other.word().to_string(),
    }
}

fn band_text(subject: &Subject, band: &Band) -> (String, String) {
    if let Some(quota) = &band.quota {
        let from = subject.band(quota.from).map_or("", |b| b.name.id.as_str());
        return (format!("chosen from {from}"), format!("at most {}%", decimal(quota.percent)));
    }
    let from = band.from.map(|f| format!("from {}", decimal(f)));
    let below = band.below.map(|b| format!("below {}", decimal(b)));
    (from.into_iter().chain(below).collect::<Vec<_>>().join(" "), String::new())
}

/// Every part of a policy that a change can touch, keyed.
fn items(policy: &Policy) -> Vec<Item> {
    let mut out = Vec::new();
    header(policy, &mut out);
    for (name, subject, members) in [("staff", &policy.staff, &policy.staff), ("window", &policy.window, &policy.staff)]
    {
        subject_items(policy, name, subject, members, &mut out);
    }
    if let Some(records) = &policy.records {
        record_items(policy, records, &mut out);
    }
    calendar_items(&policy.calendar, &mut out);
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

/// The policy's header (its name, where its readings are explained), its
/// levels and its readings. The `effective` date is left out: it is what
/// tells two versions apart, and the diff's heading shows it for each side.
fn header(policy: &Policy, out: &mut Vec<Item>) {
    out.push(Item {
        subject: "policy",
        kind: "header",
        key: "policy".into(),
        summary: format!("policy {}", quoted(&policy.name)),
        fields: vec![("name", policy.name.clone())],
    });
    if let Some(file) = &policy.readings_file {
        out.push(Item {
            subject: "policy",
            kind: "header",
            key: "readings".into(),
            summary: format!("readings {}", quoted(file)),
            fields: vec![("file", quoted(file))],
        });
    }
    for level in &policy.levels {
        out.push(Item {
            subject: "policy",
            kind: "level",
            key: level.id.clone(),
            summary: format!("{} {}", level.id, quoted(&level.label)),
            fields: vec![("label", level.label.clone())],
        });
    }
    for reading in &policy.readings {
        out.push(Item {
            subject: "policy",
            kind: "reading",
            key: reading.id.clone(),
            summary: format!("reading {} {}", reading.id, quoted(&reading.text)),
            fields: vec![("text", quoted(&reading.text))],
        });
    }
}

/// Everything of one subject, `staff` or `window`. `members` is the subject
/// whose facts `… of staff` reads.
fn subject_items(policy: &Policy, name: &'static str, subject: &Subject, members: &Subject, out: &mut Vec<Item>) {
    let mut push = |kind: &'static str, key: String, summary: String, fields: Vec<(&'static str, String)>| {
        out.push(Item { subject: name, kind, key, summary, fields })
    };
    let annex = subject.annex.as_ref().map_or(String::new(), |a| format!("[{}] {}", a.cite, quoted(&a.title)));
    push(
        "subject",
        name.to_string(),
        format!("subject {name} {} total {}", quoted(&subject.name.label), decimal(subject.total)),
        vec![("label", subject.name.label.clone()), ("total", decimal(subject.total)), ("annex", annex)],
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
            let among = fact.among.and_then(|a| facts.get(a.index())).map_or(String::new(), |a| a.name.id.clone());
            let mut summary = format!("{} {} {}", fact.name.id, quoted(&fact.name.label), kind_text(fact.kind));
            if !among.is_empty() {
                summary.push_str(&format!(" among {among}"));
            }
            let fields = vec![("label", fact.name.label.clone()), ("kind", kind_text(fact.kind)), ("among", among)];
            push(kind, fact.name.id.clone(), summary, fields);
        }
    }
    for category in &subject.categories {
        let summary =
            format!("category {} {} {}", category.name.id, quoted(&category.name.label), decimal(category.points));
        let fields = vec![
            ("label", category.name.label.clone()),
            ("points", decimal(category.points)),
            ("readings", readings(policy, &category.readings)),
        ];
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
                vec![
                    ("average", text),
                    ("cite", average.cite.clone()),
                    ("wording", wording(&average.wording)),
                    ("readings", readings(policy, &average.readings)),
                ],
            );
        }
    }
    for (key, part) in [("penalties", &subject.penalties), ("bonus", &subject.bonus)] {
        if let Some(part) = part {
            let summary = format!("{key} {}", quoted(&part.label));
            push("part", key.to_string(), summary, vec![("label", part.label.clone())]);
        }
    }
    for rule in &subject.rules {
        let role = rule.role.and_then(|r| subject.role(r)).map_or(String::new(), |r| r.id.clone());
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
                ("readings", readings(policy, &rule.readings)),
            ],
        );
    }
    for row in &subject.rows {
        push(
            "row",
            row.cite.clone(),
            format!("[{}] row {} {}", row.cite, quoted(&row.requirement), quoted(&row.scoring)),
            vec![("requirement", quoted(&row.requirement)), ("scoring", quoted(&row.scoring))],
        );
    }
    for band in &subject.grades {
        let (bounds, quota) = band_text(subject, band);
        // A chosen grade's cite and words are its quota's.
        let (cite, said) = match &band.quota {
            Some(q) => (q.cite.clone(), wording(&q.wording)),
            None => (band.cite.clone().unwrap_or_default(), wording(&band.wording)),
        };
        let mut summary = format!("{} {} {bounds}", band.name.id, quoted(&band.name.label));
        if !quota.is_empty() {
            summary.push_str(&format!(", {quota}"));
        }
        if !cite.is_empty() {
            summary.push_str(&format!(" [{cite}]"));
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
                ("readings", readings(policy, &band.readings)),
            ],
        );
    }
    for set in &subject.label_sets {
        let labels: Vec<String> = subject
            .grades
            .iter()
            .zip(&set.labels)
            .map(|(grade, label)| format!("{} {}", grade.name.id, quoted(label)))
            .collect();
        let labels = labels.join(", ");
        push(
            "labels",
            set.name.id.clone(),
            format!("labels for {} {} [{}] {{ {labels} }}", set.name.id, quoted(&set.name.label), set.cite),
            vec![
                ("label", set.name.label.clone()),
                ("labels", labels),
                ("cite", set.cite.clone()),
                ("wording", wording(&set.wording)),
                ("readings", readings(policy, &set.readings)),
            ],
        );
    }
    let grade = |g: crate::policy::GradeId| subject.band(g).map_or("", |b| b.name.id.as_str());
    let veto_item = |veto: &crate::policy::Veto| {
        let key = format!("not {} when {}", grade(veto.grade), condition_text(subject, members, &veto.condition));
        let summary = format!("{key} [{}]", veto.cite);
        let fields = vec![
            ("cite", veto.cite.clone()),
            ("wording", wording(&veto.wording)),
            ("readings", readings(policy, &veto.readings)),
        ];
        (key, summary, fields)
    };
    for veto in &subject.vetoes {
        let (key, summary, fields) = veto_item(veto);
        push("veto", key, summary, fields);
    }
    let flag_item = |flag: &crate::policy::Flag| {
        let condition = condition_text(subject, members, &flag.condition);
        let summary = format!("{} {} when {condition} [{}]", flag.name.id, quoted(&flag.name.label), flag.cite);
        let fields = vec![
            ("label", flag.name.label.clone()),
            ("condition", condition),
            ("cite", flag.cite.clone()),
            ("wording", wording(&flag.wording)),
            ("readings", readings(policy, &flag.readings)),
        ];
        (flag.name.id.clone(), summary, fields)
    };
    for flag in &subject.flags {
        let (key, summary, fields) = flag_item(flag);
        push("flag", key, summary, fields);
    }
    for honour in &subject.honours {
        let condition = honour.condition.as_ref().map_or(String::new(), |c| condition_text(subject, members, c));
        let when = if condition.is_empty() { String::new() } else { format!(" when {condition}") };
        let summary = format!(
            "{} {} proposed from {}{when}, at most {} [{}]",
            honour.name.id,
            quoted(&honour.name.label),
            grade(honour.from),
            honour.limit,
            honour.cite
        );
        push(
            "honour",
            honour.name.id.clone(),
            summary,
            vec![
                ("label", honour.name.label.clone()),
                ("proposed from", grade(honour.from).to_string()),
                ("when", condition),
                ("at most", honour.limit.to_string()),
                ("cite", honour.cite.clone()),
                ("wording", wording(&honour.wording)),
                ("readings", readings(policy, &honour.readings)),
            ],
        );
    }
    if let Some(annual) = &subject.annual {
        let total = format!("total mean of quarters, rounded to {} places", annual.places);
        push(
            "annual",
            "total".into(),
            format!("{total} [{}]", annual.cite),
            vec![
                ("total", total),
                ("cite", annual.cite.clone()),
                ("wording", wording(&annual.wording)),
                ("readings", readings(policy, &annual.readings)),
            ],
        );
        for gate in &annual.not_assessed {
            let key = format!("not assessed when {}", condition_text(subject, members, &gate.condition));
            let summary = format!("{key} [{}]", gate.cite);
            push(
                "annual",
                key,
                summary,
                vec![
                    ("cite", gate.cite.clone()),
                    ("wording", wording(&gate.wording)),
                    ("readings", readings(policy, &gate.readings)),
                ],
            );
        }
        for veto in &annual.vetoes {
            let (key, summary, fields) = veto_item(veto);
            push("annual", key, summary, fields);
        }
        for flag in &annual.flags {
            let (key, summary, fields) = flag_item(flag);
            push("annual", format!("flag {key}"), summary, fields);
        }
    }
}

/// The counting rules: schedules and punches, leave, findings, cases, reviews.
fn record_items(policy: &Policy, records: &records::Records, out: &mut Vec<Item>) {
    let mut push = |kind: &'static str, key: String, summary: String, fields: Vec<(&'static str, String)>| {
        out.push(Item { subject: "records", kind, key, summary, fields })
    };
    for schedule in &records.schedules {
        let season = schedule
            .season
            .map_or(String::new(), |(from, to)| format!("from {} to {}", month_day(from), month_day(to)));
        let summary = format!("schedule {} {season}", quoted(&schedule.label)).trim_end().to_string();
        push("schedule", schedule.label.clone(), summary, vec![("season", season)]);
        for half in &schedule.halves {
            let hours = format!("{}-{}", records::clock(half.start), records::clock(half.end));
            push(
                "schedule",
                format!("{} {}", schedule.label, half.name.id),
                format!("{} {} {hours}", half.name.id, quoted(&half.name.label)),
                vec![("label", half.name.label.clone()), ("hours", hours)],
            );
        }
        for slot in &schedule.slots {
            let punch = slot_text(schedule, slot);
            push(
                "schedule",
                format!("{} {}", schedule.label, slot.name.id),
                format!("{} {} {punch} [{}]", slot.name.id, quoted(&slot.name.label), slot.cite),
                vec![("label", slot.name.label.clone()), ("punch", punch), ("cite", slot.cite.clone())],
            );
        }
    }
    let event_word = |event: PunchEvent| match event {
        PunchEvent::Late => "late",
        PunchEvent::Early => "early",
        PunchEvent::Missing => "missing",
        PunchEvent::Absent => "absent",
    };
    for event in [PunchEvent::Late, PunchEvent::Early, PunchEvent::Missing, PunchEvent::Absent] {
        let lines: Vec<&[Target]> =
            records.punches.iter().filter(|r| r.event == event).map(|r| r.targets.as_slice()).collect();
        if let Some(counts) = counts(policy, &lines) {
            let word = event_word(event);
            push("punches", word.into(), format!("{word} {counts}"), vec![("counts", counts)]);
        }
    }
    for leave in &records.leave {
        let (summary, fields) = counted(policy, leave);
        push("leave", leave.name.id.clone(), summary, fields);
    }
    for away in &records.away {
        let attribute = policy.staff.attributes.get(away.attribute).map_or("", |a| a.name.id.as_str());
        let terms: Vec<&str> = away
            .facts
            .iter()
            .filter_map(|f| policy.staff.facts.get(f.index()).map(|f| f.name.id.as_str()))
            .chain(away.leave.iter().filter_map(|l| records.leave.get(*l).map(|l| l.name.id.as_str())))
            .collect();
        let sum = terms.join(" + ");
        push(
            "away",
            attribute.to_string(),
            format!("{attribute} = {sum} [{}]", away.cite),
            vec![("sum", sum), ("cite", away.cite.clone())],
        );
    }
    if let Some(cite) = &records.by_fact {
        let key = "facts by id or label";
        push("findings", key.into(), format!("{key} [{cite}]"), vec![("cite", cite.clone())]);
    }
    for item in &records.items {
        let (summary, fields) = counted(policy, item);
        push("findings", item.name.id.clone(), summary, fields);
    }
    for kind in &records.case_kinds {
        let due = match kind.deadline {
            Deadline::SameDay => "same day",
            Deadline::InWorkingDays => "in working days",
        };
        push(
            "cases",
            kind.name.id.clone(),
            format!("{} {} {due}", kind.name.id, quoted(&kind.name.label)),
            vec![("label", kind.name.label.clone()), ("due", due.to_string())],
        );
    }
    for (event, word) in [(CaseEvent::Overdue, "overdue"), (CaseEvent::Card, "card")] {
        let lines: Vec<&[Target]> =
            records.cases.iter().filter(|r| r.event == event).map(|r| r.targets.as_slice()).collect();
        if let Some(counts) = counts(policy, &lines) {
            push("cases", word.into(), format!("{word} {counts}"), vec![("counts", counts)]);
        }
    }
    for rating in &records.ratings {
        let (summary, fields) = counted(policy, rating);
        push("reviews", rating.name.id.clone(), summary, fields);
    }
}

/// A kind of leave, an item of the log or a rating, and what it counts toward.
fn counted(policy: &Policy, counted: &Counted) -> (String, Vec<(&'static str, String)>) {
    let counts = counts(policy, &[counted.targets.as_slice()]).unwrap_or_default();
    let summary = format!("{} {} {counts}", counted.name.id, quoted(&counted.name.label)).trim_end().to_string();
    (summary, vec![("label", counted.name.label.clone()), ("counts", counts)])
}

/// What lines count toward, as the policy writes them: each line's targets
/// and its cite, lines apart by `; `. None when there are none.
fn counts(policy: &Policy, lines: &[&[Target]]) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    for targets in lines {
        // The targets of one line share its cite; a merged row's keep their own.
        let mut group: Vec<String> = Vec::new();
        for (i, target) in targets.iter().enumerate() {
            group.push(target_text(policy, target));
            if targets.get(i + 1).is_none_or(|next| next.cite != target.cite) {
                out.push(format!("{} [{}]", group.join(", "), target.cite));
                group.clear();
            }
        }
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// `window overdue_cases 1 each`, `unsigned_leave_days 1 per day unless signed`,
/// `long_midday_leaves 1 each over 2 hours`.
fn target_text(policy: &Policy, target: &Target) -> String {
    let (whose, subject) = match target.whose {
        Whose::Staff => ("", &policy.staff),
        Whose::Window => ("window ", &policy.window),
    };
    let fact = subject.facts.get(target.fact.index()).map_or("", |f| f.name.id.as_str());
    let per = if target.per_day { "per day" } else { "each" };
    let mut text = format!("{whose}{fact} {} {per}", decimal(target.amount));
    if let Some((when, condition)) = target.condition {
        let what = match condition {
            records::Condition::Signed => "signed",
            records::Condition::Joint => "joint",
        };
        text.push_str(&format!(" {} {what}", if when { "when" } else { "unless" }));
    }
    if let Some(minutes) = target.over {
        if minutes % 60 == 0 {
            text.push_str(&format!(" over {} hours", minutes / 60));
        } else {
            text.push_str(&format!(" over {minutes} minutes"));
        }
    }
    text
}

/// `morning in, on time until 08:55, late before 12:00`.
fn slot_text(schedule: &records::Schedule, slot: &Slot) -> String {
    let half = schedule.halves.get(slot.half).map_or("", |h| h.name.id.as_str());
    let mut on_time = String::from("on time");
    for (word, minute) in [("from", slot.from), ("until", slot.until), ("before", slot.before)] {
        if let Some(minute) = minute {
            on_time.push_str(&format!(" {word} {}", records::clock(minute)));
        }
    }
    let (end, off) = match slot.end {
        SlotEnd::In => ("in", "late"),
        SlotEnd::Out => ("out", "early"),
    };
    format!("{half} {end}, {on_time}, {off} before {}", records::clock(slot.off_before))
}

/// `02-15`
fn month_day((month, day): (u32, u32)) -> String {
    format!("{month:02}-{day:02}")
}

fn day_text(day: NaiveDate) -> String {
    day.format("%m-%d").to_string()
}

/// Days as the calendar writes them: runs of days `02-15 to 02-23`, single
/// days alone, `, ` between.
fn days_text(days: &[NaiveDate]) -> String {
    let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &day in days {
        match runs.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(day) => *last = day,
            _ => runs.push((day, day)),
        }
    }
    let runs: Vec<String> = runs
        .into_iter()
        .map(|(from, to)| if from == to { day_text(from) } else { format!("{} to {}", day_text(from), day_text(to)) })
        .collect();
    runs.join(", ")
}

/// Each year's notice, and each of its holidays.
fn calendar_items(calendar: &Calendar, out: &mut Vec<Item>) {
    for year in &calendar.years {
        let working: Vec<NaiveDate> = year.working.iter().copied().collect();
        let working = days_text(&working);
        out.push(Item {
            subject: "calendar",
            kind: "calendar",
            key: year.year.to_string(),
            // The weekend days worked, which the holidays' lines do not show.
            summary: if working.is_empty() {
                format!("calendar {} {} issued {}", year.year, quoted(&year.notice), year.issued)
            } else {
                format!("calendar {} {} issued {}, working {working}", year.year, quoted(&year.notice), year.issued)
            },
            fields: vec![
                ("notice", quoted(&year.notice)),
                ("issued", year.issued.to_string()),
                ("working", working.clone()),
            ],
        });
        for (name, days) in &year.holidays {
            let days = days_text(days);
            out.push(Item {
                subject: "calendar",
                kind: "holiday",
                key: format!("{} {name}", year.year),
                summary: format!("holiday {} {days}", quoted(name)),
                fields: vec![("days", days)],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn days_are_written_as_runs() {
        let days = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-05", "2026-02-28", "2026-03-01"].map(day);
        assert_eq!(days_text(&days), "01-01 to 01-03, 01-05, 02-28 to 03-01");
        assert_eq!(days_text(&[]), "");
    }
}
