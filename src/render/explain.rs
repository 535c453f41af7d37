//! One record's ledger: every rule that moved its score with cite, wording,
//! quantity and points; each category with its floor; penalties, bonus,
//! total and grade. This is what a person reads to appeal a score
//! (第十六条(三)), so it says in the table's own words what each line did.

use std::borrow::Cow;
use std::fmt::{Result, Write};

use rust_decimal::Decimal;

use super::{decimal, entry_cite, entry_part, evidence, reason_chinese, safe};
use crate::eval::{Cited, Entry, Results, Scored, Source, Whose};
use crate::facts::{Evidenced, Quarter, Record, Value, WindowIx};
use crate::policy::{Band, Condition, FactId, FactKind, Measure, Part, Policy, Scope, Subject};

/// The ledger of staff member `index` (or window `index` when not `staff`).
pub fn ledger(policy: &Policy, quarter: &Quarter, results: &Results, staff: bool, index: usize) -> Option<String> {
    if staff {
        let (record, scored) = (quarter.staff.get(index)?, results.staff.get(index)?);
        let ledger = Ledger {
            policy,
            quarter,
            results,
            subject: &policy.staff,
            record,
            scored,
            window: None,
            shown: Default::default(),
        };
        let mut out = String::new();
        ledger.write(&mut out).ok()?;
        return Some(safe::text(&out).into_owned());
    }
    let ledger = Ledger {
        policy,
        quarter,
        results,
        subject: &policy.window,
        record: quarter.windows.get(index)?,
        scored: results.windows.get(index)?,
        window: Some(WindowIx(index)),
        shown: Default::default(),
    };
    let mut out = String::new();
    ledger.write(&mut out).ok()?;
    Some(safe::text(&out).into_owned())
}

/// The ledger of the staff member or window with this id, if there is one.
pub fn explain(policy: &Policy, quarter: &Quarter, results: &Results, id: &str) -> Option<String> {
    let staff = quarter.staff.iter().zip(&results.staff).find(|(r, _)| r.id == id);
    let ledger = match staff {
        Some((record, scored)) => Ledger {
            policy,
            quarter,
            results,
            subject: &policy.staff,
            record,
            scored,
            window: None,
            shown: Default::default(),
        },
        None => {
            let w = quarter.windows.iter().position(|r| r.id == id)?;
            Ledger {
                policy,
                quarter,
                results,
                subject: &policy.window,
                record: &quarter.windows[w],
                scored: results.windows.get(w)?,
                window: Some(WindowIx(w)),
                shown: Default::default(),
            }
        }
    };
    let mut out = String::new();
    ledger.write(&mut out).ok()?;
    Some(safe::text(&out).into_owned())
}

struct Ledger<'a> {
    policy: &'a Policy,
    quarter: &'a Quarter,
    results: &'a Results,
    subject: &'a Subject,
    record: &'a Record,
    scored: &'a Scored,
    /// The record's index when it is a window.
    window: Option<WindowIx>,
    /// The rows (by cite) and readings (by index) already quoted: each is quoted once.
    shown: std::cell::RefCell<(Vec<String>, Vec<usize>)>,
}

/// Ledger lines are indented past the points column.
const INDENT: &str = "          ";

impl Ledger<'_> {
    fn write(&self, out: &mut String) -> Result {
        let (subject, record, scored) = (self.subject, self.record, self.scored);
        write!(out, "{} {}（{}", safe::name(&record.id), safe::name(&record.name), subject.name.label)?;
        if let Some(window) = record.window.and_then(|w| self.quarter.window(w)) {
            write!(out, "，{} {}", safe::name(&window.id), safe::name(&window.name))?;
        }
        if let Some(role) = record.role.and_then(|r| subject.role(r)) {
            write!(out, "，{}", role.label)?;
        }
        if let Some(staff_type) = record.staff_type.and_then(|t| subject.label_sets.get(t)) {
            write!(out, "，{}", staff_type.name.label)?;
        }
        writeln!(out, "）  考核期 {}", super::words::period(&self.quarter.period))?;
        writeln!(out)?;

        for (c, category) in subject.categories.iter().enumerate() {
            writeln!(out, "{} {}  {} 分", category.name.label, category.name.id, decimal(category.points))?;
            self.entries(out, Part::Category(c))?;
            writeln!(out, "  = {}", decimal(scored.categories.get(c).copied().unwrap_or_default()))?;
            writeln!(out)?;
        }
        for (part, label, value) in
            [(Part::Penalties, &subject.penalties, scored.penalties), (Part::Bonus, &subject.bonus, scored.bonus)]
        {
            let Some(label) = label else { continue };
            writeln!(out, "{} {}", label.label, label.id)?;
            self.entries(out, part)?;
            writeln!(out, "  = {}", signed(value))?;
            writeln!(out)?;
        }
        let mut sum = decimal(scored.categories.iter().sum());
        for (present, value) in
            [(subject.penalties.is_some(), scored.penalties), (subject.bonus.is_some(), scored.bonus)]
        {
            if present {
                let sign = if value.is_sign_negative() && !value.is_zero() { "-" } else { "+" };
                sum.push_str(&format!(" {sign} {}", decimal(value.abs())));
            }
        }
        writeln!(out, "总分 total  {sum} = {}", decimal(scored.total))?;
        self.standing(out)
    }

    /// The band, any chosen grade and how it was chosen, vetoes and flags.
    fn standing(&self, out: &mut String) -> Result {
        let (subject, scored) = (self.subject, self.scored);
        if let Some(band) = subject.band(scored.band) {
            writeln!(out, "档次 band   {} {}（{}）", band.name.label, band.name.id, band_words(band))?;
        }
        let selections =
            if self.window.is_some() { &self.results.window_selections } else { &self.results.staff_selections };
        for selection in selections {
            let Some(grade) = subject.band(selection.grade) else { continue };
            let from = subject.band(selection.from).map_or("", |g| g.name.label.as_str());
            let cite = grade.quota.as_ref().map_or("", |q| q.cite.as_str());
            let me = self.index();
            let unfilled = match selection.unfilled() {
                0 => String::new(),
                n => format!("，空缺 {n}"),
            };
            let how = format!(
                "从{from}中按总分由高到低评选，不超过 {}%：本期 {} 个，名额 {}{unfilled}  [{cite}]",
                decimal(selection.percent),
                selection.assessed,
                selection.limit
            );
            if selection.chosen.contains(&me) {
                writeln!(out, "评选 {}  评为{}；{how}", grade.name.id, grade.name.label)?;
            } else if let Some(tie) = selection.tie.as_ref().filter(|tie| tie.members.contains(&me)) {
                let list = if self.window.is_some() { &self.quarter.windows } else { &self.quarter.staff };
                let others: Vec<&str> = tie
                    .members
                    .iter()
                    .filter(|&&i| i != me)
                    .filter_map(|&i| list.get(i).map(|r| r.id.as_str()))
                    .collect();
                writeln!(
                    out,
                    "评选 {}  与 {} 同为 {} 分，全部评入将超过名额，按规定同分者整体不评入；{how}",
                    grade.name.id,
                    others.join("、"),
                    decimal(tie.total)
                )?;
            } else if scored.band == selection.from {
                let vetoed = scored
                    .vetoes
                    .iter()
                    .any(|r| subject.vetoes.get(r.index).is_some_and(|v| v.grade == selection.grade));
                let why = if vetoed { "不符合评选资格（见下）" } else { "总分未进入名额" };
                writeln!(out, "评选 {}  未评为{}：{why}；{how}", grade.name.id, grade.name.label)?;
            }
        }
        let members = &self.policy.staff;
        for why in &scored.vetoes {
            let Some(veto) = subject.vetoes.get(why.index) else { continue };
            let grade = subject.band(veto.grade).map_or("", |g| g.name.label.as_str());
            writeln!(out, "不得评为{grade}：{}  [{}]", reason_chinese(subject, members, &why.tests), veto.cite)?;
            self.words(out, &veto.cite, veto.wording.as_deref(), &veto.readings)?;
            self.condition_evidence(out, &veto.condition)?;
        }
        for why in &scored.flags {
            let Some(flag) = subject.flags.get(why.index) else { continue };
            let reason = reason_chinese(subject, members, &why.tests);
            writeln!(out, "{} {}：{reason}  [{}]", flag.name.label, flag.name.id, flag.cite)?;
            self.words(out, &flag.cite, flag.wording.as_deref(), &flag.readings)?;
            self.condition_evidence(out, &flag.condition)?;
        }
        if let Some(grade) = subject.band(scored.grade) {
            let label = subject.grade_label(scored.grade, self.record.staff_type);
            writeln!(out, "等次 grade  {label} {}（名次 {}）", grade.name.id, scored.rank)?;
        }
        self.proposals(out)?;
        self.other_evidence(out)
    }

    /// The honours this record was, or could have been, proposed for: apart from its grade.
    fn proposals(&self, out: &mut String) -> Result {
        let subject = self.subject;
        let proposals =
            if self.window.is_some() { &self.results.window_proposals } else { &self.results.staff_proposals };
        let me = self.index();
        for proposal in proposals {
            let Some(honour) = subject.honours.get(proposal.honour) else { continue };
            if !proposal.candidates.contains(&me) {
                continue;
            }
            let from = subject.band(honour.from).map_or("", |g| g.name.label.as_str());
            let how = format!(
                "从{from}中按总分由高到低，至多 {} 名：本期可列 {} 个  [{}]",
                proposal.limit,
                proposal.candidates.len(),
                honour.cite
            );
            let outcome = if proposal.proposed.contains(&me) {
                "列入拟评名单，报考核组初审".to_string()
            } else if let Some(tie) = proposal.tie.as_ref().filter(|tie| tie.members.contains(&me)) {
                format!("与他人同为 {} 分，全部列入将超过名额，同分者整体不列入", decimal(tie.total))
            } else {
                "总分未进入名额，未列入".to_string()
            };
            writeln!(out, "拟评 {} {}：{outcome}；{how}", honour.name.label, honour.name.id)?;
        }
        Ok(())
    }

    /// The document's words for a line: its table row's, or its wording; then its readings.
    fn words(&self, out: &mut String, cite: &str, wording: Option<&str>, readings: &[usize]) -> Result {
        let mut shown = self.shown.borrow_mut();
        match self.subject.row(cite) {
            Some(_) if shown.0.iter().any(|c| c == cite) => writeln!(out, "{INDENT}（原文见上）")?,
            Some(row) => {
                shown.0.push(cite.to_string());
                if row.scoring.is_empty() {
                    writeln!(out, "{INDENT}考核要求“{}”", row.requirement)?;
                } else {
                    writeln!(out, "{INDENT}考核要求“{}”，增减分值“{}”", row.requirement, row.scoring)?;
                }
            }
            None => {
                if let Some(wording) = wording {
                    writeln!(out, "{INDENT}“{wording}”")?;
                }
            }
        }
        for r in readings {
            if shown.1.contains(r) {
                continue;
            }
            shown.1.push(*r);
            if let Some(reading) = self.policy.readings.get(*r) {
                writeln!(out, "{INDENT}解读 {}：{}", reading.id, reading.text)?;
            }
        }
        Ok(())
    }

    /// The staff of this record's window (or of this window), by index.
    fn members(&self) -> Vec<(usize, &Record)> {
        let window = self.window.or(self.record.window);
        self.quarter.staff.iter().enumerate().filter(|(_, p)| window.is_some() && p.window == window).collect()
    }

    /// The evidence behind what a veto's or flag's condition reads.
    fn condition_evidence(&self, out: &mut String, condition: &Condition) -> Result {
        let cited = evidence::of_condition(condition, self.record, &self.members());
        evidence::write_cited(out, INDENT, self.quarter, self.record, &cited)
    }

    /// The record's evidence that no line above showed: of a fact that
    /// moved no points (under a threshold, or read by no rule that applied).
    fn other_evidence(&self, out: &mut String) -> Result {
        let subject = self.subject;
        let mut shown: Vec<Evidenced> = Vec::new();
        for entry in &self.scored.trace {
            if let Source::Rule(r) = entry.source {
                shown.push(Evidenced::Fact(subject.rules[r].fact));
            }
        }
        for veto in &self.scored.vetoes {
            shown.extend(evidence::read_by(&subject.vetoes[veto.index].condition));
        }
        for flag in &self.scored.flags {
            shown.extend(evidence::read_by(&subject.flags[flag.index].condition));
        }
        let rest: Vec<_> = self.record.evidence.iter().filter(|(of, _)| !shown.contains(of)).collect();
        if rest.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(out, "其他记录（未计分）")?;
        for (of, items) in rest {
            let (name, value) = match *of {
                Evidenced::Fact(f) => {
                    let fact = &subject.facts[f.index()];
                    let unit = if fact.kind == FactKind::Days { "天" } else { "次" };
                    let n = self.record.fact(f).map(crate::eval::magnitude).unwrap_or_default();
                    (&fact.name, format!("{} {unit}", decimal(n)))
                }
                Evidenced::Attribute(a) => {
                    let attribute = &subject.attributes[a];
                    let n = self.record.attributes.get(a).copied().unwrap_or_default();
                    (&attribute.name, format!("{} 天", decimal(n)))
                }
            };
            writeln!(out, "  {} {}：{value}", name.label, name.id)?;
            let own = [Cited { whose: Whose::Own, items: items.clone() }];
            evidence::write_cited(out, INDENT, self.quarter, self.record, &own)?;
        }
        Ok(())
    }

    /// This record's index in its list.
    fn index(&self) -> usize {
        let list = if self.window.is_some() { &self.quarter.windows } else { &self.quarter.staff };
        list.iter().position(|r| std::ptr::eq(r, self.record)).unwrap_or(usize::MAX)
    }

    /// The entries of one part, each with what it counted and its wording.
    fn entries(&self, out: &mut String, part: Part) -> Result {
        let subject = self.subject;
        let entries: Vec<&Entry> = self.scored.trace.iter().filter(|e| entry_part(subject, e) == part).collect();
        if entries.is_empty() {
            return writeln!(out, "  （{}）", if part == Part::Bonus { "无加分" } else { "无扣分" });
        }
        // A rule's evidence is on its first entry; a level table's entries
        // share it, so it is shown once, after the last of them.
        let mut pending: &[Cited] = &[];
        for (i, entry) in entries.iter().enumerate() {
            let points = super::columns::pad(&signed(entry.points), INDENT.len() - 2, true);
            let cite = entry_cite(subject, entry);
            match entry.source {
                Source::Rule(r) => {
                    let rule = &subject.rules[r];
                    let fact = &subject.facts[rule.fact.index()];
                    writeln!(
                        out,
                        "{points}  {} {}：{}  [{cite}]",
                        fact.name.label,
                        fact.name.id,
                        self.counted(r, entry)
                    )?;
                    self.words(out, &rule.cite, rule.wording.as_deref(), &rule.readings)?;
                    if rule.scope == Scope::Own {
                        self.substitutions(out, rule.fact, entry.level)?;
                    }
                    if !entry.evidence.is_empty() {
                        pending = &entry.evidence;
                    }
                    if entries.get(i + 1).is_none_or(|next| next.source != entry.source) {
                        evidence::write_cited(out, INDENT, self.quarter, self.record, pending)?;
                        pending = &[];
                    }
                }
                Source::Floor(c) => {
                    let category = &subject.categories[c];
                    writeln!(
                        out,
                        "{points}  扣完为止：扣分合计 {}，超过本项 {} 分，本项计 0 分  [{cite}]",
                        decimal(category.points - entry.quantity),
                        decimal(category.points)
                    )?;
                }
                Source::Average(c) => self.average(out, c, entry, &points, cite)?,
            }
        }
        Ok(())
    }

    /// Who stood in for this person and earned part of a fact (第十四条).
    fn substitutions(&self, out: &mut String, fact: FactId, level: Option<usize>) -> Result {
        for substitution in &self.record.substitutions {
            let one = Record { substitutions: vec![substitution.clone()], ..Record::default() };
            let part = one.substituted(fact, level);
            if !part.is_zero() {
                writeln!(
                    out,
                    "{INDENT}其中 {} 由 {}（{}）顶岗期间产生，记给被顶替人  [第十四条]",
                    decimal(part),
                    safe::name(&substitution.name),
                    safe::name(&substitution.by)
                )?;
            }
        }
        Ok(())
    }

    /// A window's averaged category, with every member's part in it.
    fn average(&self, out: &mut String, c: usize, entry: &Entry, points: &str, cite: &str) -> Result {
        let Some(average) = &self.subject.categories[c].average else { return Ok(()) };
        let staff = &self.policy.staff;
        let averaged = &staff.categories[average.category].name;
        let weight = &staff.attributes[average.weight].name;
        writeln!(
            out,
            "{points}  工作人员{}得分按{}加权平均 = {}  [{cite}]",
            averaged.label,
            weight.label,
            decimal(entry.quantity)
        )?;
        self.words(out, &average.cite, average.wording.as_deref(), &average.readings)?;
        let (mut sum, mut weights) = (Decimal::ZERO, Decimal::ZERO);
        for (person, scored) in self.quarter.staff.iter().zip(&self.results.staff) {
            if person.window != self.window {
                continue;
            }
            let score = scored.categories.get(average.category).copied().unwrap_or_default();
            let days = person.attributes.get(average.weight).copied().unwrap_or_default();
            sum += score * days;
            weights += days;
            writeln!(
                out,
                "{INDENT}{} {}：{} × {}（{}）",
                safe::name(&person.id),
                safe::name(&person.name),
                decimal(score),
                decimal(days),
                weight.label
            )?;
        }
        writeln!(
            out,
            "{INDENT}{} ÷ {} = {} → {}（四舍五入到 {} 位小数）",
            decimal(sum),
            decimal(weights),
            decimal(sum.checked_div(weights).unwrap_or_default().round_dp(6)),
            decimal(entry.quantity),
            average.places
        )
    }

    /// What a rule counted, in words: `2 次 × 3`, `9 次，超过 6 次的 3 次 × 0.5`.
    fn counted(&self, r: usize, entry: &Entry) -> String {
        let rule = &self.subject.rules[r];
        let unit = if self.subject.facts[rule.fact.index()].kind == FactKind::Days { "天" } else { "次" };
        let n = decimal(entry.quantity);
        match &rule.measure {
            Measure::Each { points, .. } if rule.scope == Scope::Window => {
                let window = self.record.window.and_then(|w| self.quarter.window(w));
                let role =
                    rule.role.and_then(|i| self.subject.role(i)).map_or(String::new(), |r| format!("，扣{}", r.label));
                format!(
                    "本窗口 {} 合计 {n} {unit} × {}{role}",
                    window.map_or(Cow::Borrowed(""), |w| safe::name(&w.id)),
                    decimal(points.abs())
                )
            }
            Measure::Each { points, beyond } if beyond.is_zero() => format!("{n} {unit} × {}", decimal(points.abs())),
            Measure::Each { points, beyond } => format!(
                "{n} {unit}，超过 {} {unit}的 {} {unit} × {}",
                decimal(*beyond),
                decimal(entry.quantity - beyond),
                decimal(points.abs())
            ),
            Measure::Assessed { .. } => match self.record.fact(rule.fact) {
                Some(Value::Amounts(amounts)) => format!(
                    "经查实 {} 项，分别评定 {}",
                    amounts.len(),
                    amounts.iter().map(|a| decimal(*a)).collect::<Vec<_>>().join("、")
                ),
                _ => n,
            },
            Measure::ByLevel(table) => {
                let level = entry.level.and_then(|l| self.policy.levels.get(l));
                let each = entry.level.and_then(|l| table.get(l)).copied().unwrap_or_default();
                format!("{}{n} 件 × {}", level.map_or("", |l| l.label.as_str()), decimal(each.abs()))
            }
        }
    }
}

fn signed(value: Decimal) -> String {
    if value.is_sign_positive() && !value.is_zero() {
        format!("+{}", decimal(value))
    } else {
        decimal(value)
    }
}

fn band_words(band: &Band) -> String {
    match (band.from, band.below) {
        (Some(from), Some(below)) => format!("{} ≤ 总分 < {}", decimal(from), decimal(below)),
        (Some(from), None) => format!("总分 ≥ {}", decimal(from)),
        (None, Some(below)) => format!("总分 < {}", decimal(below)),
        (None, None) => "任何总分".into(),
    }
}
