//! One cell of the summary layout as the value of its column: a count, a
//! number of days, assessed amounts (`5;8`), counts by level (`市级:1;县级:2`).
//! Span-free: each reader returns what was expected, and the caller says
//! where.

use rust_decimal::Decimal;

use super::error::{AmountsProblem, CellProblem, LevelsProblem};
use super::layout::{LEVEL_SEPARATORS, LIST_SEPARATORS};
use crate::facts::load::MAX_QUANTITY;
use crate::facts::Value;
use crate::policy::{FactKind, Label};
use crate::source::table::Cell;

const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// What a cell should have held, and how to write it.
type Problem = CellProblem;

/// A fact's value; `None` for an empty cell (the fact is zero).
pub(super) fn fact(cell: &Cell<'_>, kind: FactKind, levels: &[Label]) -> Result<Option<Value>, Problem> {
    if cell.is_empty() {
        return Ok(None);
    }
    match kind {
        FactKind::Count | FactKind::Days => quantity(cell, kind).map(|n| Some(Value::Number(n))),
        FactKind::Amounts { min, max } => amounts(cell, min, max).map(|a| Some(Value::Amounts(a))),
        FactKind::Levels => by_level(cell, levels).map(|l| Some(Value::Levels(l))),
    }
}

/// A count (whole, ≥ 0) or a number of days (≥ 0, in halves).
pub(super) fn quantity(cell: &Cell<'_>, kind: FactKind) -> Result<Decimal, Problem> {
    let days = kind == FactKind::Days;
    let problem = |max| CellProblem::Quantity { days, max };
    let n = number(cell).ok_or_else(|| problem(None))?;
    let fits = !n.is_sign_negative()
        && n <= MAX_QUANTITY
        && if kind == FactKind::Days { (n % HALF).is_zero() } else { n.fract().is_zero() };
    if fits {
        Ok(n.normalize())
    } else if n > MAX_QUANTITY {
        Err(problem(Some(MAX_QUANTITY)))
    } else {
        Err(problem(None))
    }
}

/// `5;8` (or `5；8`, `5、8`): each assessed amount inside `min`–`max`; a
/// number cell is one amount.
fn amounts(cell: &Cell<'_>, min: Decimal, max: Decimal) -> Result<Vec<Decimal>, Problem> {
    let example = super::layout::example_amounts(min, max);
    let problem = |why| CellProblem::Amounts { min, max, example: example.clone(), why };
    let parts: Vec<Decimal> = match cell {
        Cell::Number(_) => vec![number(cell).ok_or_else(|| problem(AmountsProblem::NotANumber))?],
        Cell::Text(text) => {
            let mut out = Vec::new();
            for part in text.split(LIST_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
                let n = part
                    .parse::<Decimal>()
                    .map_err(|_| problem(AmountsProblem::NotAnAmount { part: part.to_string() }))?;
                out.push(n);
            }
            out
        }
        _ => return Err(problem(AmountsProblem::Empty)),
    };
    match parts.iter().find(|n| **n < min || **n > max) {
        Some(n) => Err(problem(AmountsProblem::Outside { amount: *n })),
        None => Ok(parts.into_iter().map(|n| n.normalize()).collect()),
    }
}

/// `市级:1;县级:2`: a count at each level, by its label or id; each level once.
fn by_level(cell: &Cell<'_>, levels: &[Label]) -> Result<Vec<(usize, Decimal)>, Problem> {
    let problem = |why| CellProblem::Levels {
        example: super::layout::example_levels(levels),
        levels: levels.iter().map(|l| l.label.clone()).collect(),
        why,
    };
    let Cell::Text(text) = cell else {
        return Err(problem(LevelsProblem::NoLevel));
    };
    let mut out: Vec<(usize, Decimal)> = Vec::new();
    for part in text.split(LIST_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, count)) = part.split_once(LEVEL_SEPARATORS) else {
            return Err(problem(LevelsProblem::NoCount { part: part.to_string() }));
        };
        let (name, count) = (name.trim(), count.trim());
        let Some(level) = levels.iter().position(|l| l.label == name || l.id.eq_ignore_ascii_case(name)) else {
            return Err(problem(LevelsProblem::NotALevel { name: name.to_string() }));
        };
        if out.iter().any(|(l, _)| *l == level) {
            return Err(problem(LevelsProblem::Twice { name: name.to_string() }));
        }
        let n = quantity(&Cell::Text(count), FactKind::Count)
            .map_err(|_| problem(LevelsProblem::CountNotWhole { part: part.to_string() }))?;
        out.push((level, n));
    }
    out.sort_by_key(|(l, _)| *l);
    Ok(out)
}

/// A number cell, or text that is a plain decimal (`2`, `1.5`).
fn number(cell: &Cell<'_>) -> Option<Decimal> {
    match cell {
        Cell::Number(_) => cell.decimal().ok(),
        Cell::Text(text) => text.parse::<Decimal>().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;

    fn levels() -> Vec<Label> {
        [("county", "县级"), ("city", "市级"), ("province", "省级"), ("national", "国家级")]
            .iter()
            .map(|(id, label)| Label { id: id.to_string(), label: label.to_string() })
            .collect()
    }

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn counts_and_days() {
        assert_eq!(quantity(&Cell::Number(3.0), FactKind::Count), Ok(d("3")));
        assert_eq!(quantity(&Cell::Text("2"), FactKind::Count), Ok(d("2")));
        assert_eq!(quantity(&Cell::Number(1.5), FactKind::Days), Ok(d("1.5")));
        assert!(quantity(&Cell::Number(1.5), FactKind::Count).is_err());
        assert!(quantity(&Cell::Number(1.3), FactKind::Days).is_err());
        assert!(quantity(&Cell::Number(-1.0), FactKind::Count).is_err());
        assert!(quantity(&Cell::Text("3次"), FactKind::Count).is_err());
        assert!(quantity(&Cell::Number(2_000_000.0), FactKind::Count).is_err());
        assert!(quantity(&Cell::Bool(true), FactKind::Count).is_err());
    }

    #[test]
    fn amounts_in_their_range() {
        let (min, max) = (d("5"), d("10"));
        let kind = FactKind::Amounts { min, max };
        assert_eq!(fact(&Cell::Text("5;8"), kind, &[]), Ok(Some(Value::Amounts(vec![d("5"), d("8")]))));
        assert_eq!(
            fact(&Cell::Text("6；7、 9.5"), kind, &[]),
            Ok(Some(Value::Amounts(vec![d("6"), d("7"), d("9.5")])))
        );
        assert_eq!(fact(&Cell::Number(6.0), kind, &[]), Ok(Some(Value::Amounts(vec![d("6")]))));
        assert_eq!(fact(&Cell::Empty, kind, &[]), Ok(None));
        let outside = CellProblem::Amounts {
            min,
            max,
            example: super::super::layout::example_amounts(min, max),
            why: AmountsProblem::Outside { amount: d("12") },
        };
        assert_eq!(fact(&Cell::Text("5;12"), kind, &[]).unwrap_err(), outside);
        assert!(fact(&Cell::Text("5-8"), kind, &[]).is_err());
        assert!(fact(&Cell::Number(4.0), kind, &[]).is_err());
    }

    #[test]
    fn levels_by_label_or_id() {
        let levels = levels();
        let read = |text| fact(&Cell::Text(text), FactKind::Levels, &levels);
        assert_eq!(read("市级:1;县级:2"), Ok(Some(Value::Levels(vec![(0, d("2")), (1, d("1"))]))));
        assert_eq!(read("city：1； national:1"), Ok(Some(Value::Levels(vec![(1, d("1")), (3, d("1"))]))));
        let why = |problem: Problem| match problem {
            CellProblem::Levels { why, .. } => why,
            other => panic!("{other:?}"),
        };
        assert_eq!(why(read("市级").unwrap_err()), LevelsProblem::NoCount { part: "市级".into() });
        assert_eq!(why(read("乡级:1").unwrap_err()), LevelsProblem::NotALevel { name: "乡级".into() });
        assert_eq!(why(read("市级:1;市级:2").unwrap_err()), LevelsProblem::Twice { name: "市级".into() });
        assert!(read("市级:1.5").is_err());
        assert!(fact(&Cell::Number(1.0), FactKind::Levels, &levels).is_err());
    }
}
