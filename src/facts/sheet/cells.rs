//! One cell of the summary layout as the value of its column: a count, a
//! number of days, assessed amounts (`5;8`), counts by level (`市级:1;县级:2`).
//! Span-free: each reader returns what was expected, and the caller says
//! where.

use rust_decimal::Decimal;

use super::layout::{LEVEL_SEPARATORS, LIST_SEPARATORS};
use crate::facts::load::MAX_QUANTITY;
use crate::facts::Value;
use crate::policy::{FactKind, Label};
use crate::source::table::Cell;

const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// What a cell should have held, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub expected: String,
    pub help: String,
}

fn problem(expected: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem { expected: expected.into(), help: help.into() }
}

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
    let (expected, help) = if kind == FactKind::Days {
        ("天数（0.5 的倍数）", "天数按半天计：0.5、1、1.5 …；没有则留空")
    } else {
        ("次数（0 或正整数）", "次数是整数：0、1、2 …；没有则留空")
    };
    let n = number(cell).ok_or_else(|| problem(expected, help))?;
    let fits = !n.is_sign_negative()
        && n <= MAX_QUANTITY
        && if kind == FactKind::Days { (n % HALF).is_zero() } else { n.fract().is_zero() };
    if fits {
        Ok(n.normalize())
    } else if n > MAX_QUANTITY {
        Err(problem(expected, format!("一个事实最多为 {MAX_QUANTITY}")))
    } else {
        Err(problem(expected, help))
    }
}

/// `5;8` (or `5；8`, `5、8`): each assessed amount inside `min`–`max`; a
/// number cell is one amount.
fn amounts(cell: &Cell<'_>, min: Decimal, max: Decimal) -> Result<Vec<Decimal>, Problem> {
    let expected = format!(
        "每项 {}–{} 分的分值，多项用分号分隔（如 {}）",
        min.normalize(),
        max.normalize(),
        super::layout::example_amounts(min, max)
    );
    let outside = |n: Decimal| {
        problem(
            expected.clone(),
            format!(
                "`{}` 不在 {}–{} 分之内：每项按评定的分值填写，不会被截断",
                n.normalize(),
                min.normalize(),
                max.normalize()
            ),
        )
    };
    let parts: Vec<Decimal> = match cell {
        Cell::Number(_) => vec![number(cell).ok_or_else(|| problem(expected.clone(), "填写数字"))?],
        Cell::Text(text) => {
            let mut out = Vec::new();
            for part in text.split(LIST_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
                let n = part
                    .parse::<Decimal>()
                    .map_err(|_| problem(expected.clone(), format!("`{part}` 不是分值；每项只写数字，用分号隔开")))?;
                out.push(n);
            }
            out
        }
        _ => return Err(problem(expected, "填写分值，如 5;8")),
    };
    match parts.iter().find(|n| **n < min || **n > max) {
        Some(n) => Err(outside(*n)),
        None => Ok(parts.into_iter().map(|n| n.normalize()).collect()),
    }
}

/// `市级:1;县级:2`: a count at each level, by its label or id; each level once.
fn by_level(cell: &Cell<'_>, levels: &[Label]) -> Result<Vec<(usize, Decimal)>, Problem> {
    let names: Vec<&str> = levels.iter().map(|l| l.label.as_str()).collect();
    let expected = format!("按级别的件数（如 {}）", super::layout::example_levels(levels));
    let help = format!("每项写“级别:件数”，用分号隔开；级别为 {}", names.join("、"));
    let Cell::Text(text) = cell else {
        return Err(problem(expected, format!("只写数字看不出级别；{help}")));
    };
    let mut out: Vec<(usize, Decimal)> = Vec::new();
    for part in text.split(LIST_SEPARATORS).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, count)) = part.split_once(LEVEL_SEPARATORS) else {
            return Err(problem(expected, format!("`{part}` 缺少件数；{help}")));
        };
        let (name, count) = (name.trim(), count.trim());
        let Some(level) = levels.iter().position(|l| l.label == name || l.id.eq_ignore_ascii_case(name)) else {
            return Err(problem(expected, format!("`{name}` 不是级别；级别为 {}", names.join("、"))));
        };
        if out.iter().any(|(l, _)| *l == level) {
            return Err(problem(expected, format!("级别 `{name}` 写了两次；同一级别合计为一项")));
        }
        let n = quantity(&Cell::Text(count), FactKind::Count)
            .map_err(|_| problem(expected.clone(), format!("`{part}` 的件数应为整数")))?;
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
    #![allow(clippy::unwrap_used)]

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
        assert!(fact(&Cell::Text("5;12"), kind, &[]).unwrap_err().help.contains("`12`"));
        assert!(fact(&Cell::Text("5-8"), kind, &[]).is_err());
        assert!(fact(&Cell::Number(4.0), kind, &[]).is_err());
    }

    #[test]
    fn levels_by_label_or_id() {
        let levels = levels();
        let read = |text| fact(&Cell::Text(text), FactKind::Levels, &levels);
        assert_eq!(read("市级:1;县级:2"), Ok(Some(Value::Levels(vec![(0, d("2")), (1, d("1"))]))));
        assert_eq!(read("city：1； national:1"), Ok(Some(Value::Levels(vec![(1, d("1")), (3, d("1"))]))));
        assert!(read("市级").unwrap_err().help.contains("件数"));
        assert!(read("乡级:1").unwrap_err().help.contains("不是级别"));
        assert!(read("市级:1;市级:2").unwrap_err().help.contains("两次"));
        assert!(read("市级:1.5").is_err());
        assert!(fact(&Cell::Number(1.0), FactKind::Levels, &levels).is_err());
    }
}
