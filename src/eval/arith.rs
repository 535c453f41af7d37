//! The rubric's arithmetic, each piece small enough to test on its own.

use rust_decimal::{Decimal, RoundingStrategy};

/// A category's score and what its floor gave back: deductions stop when the
/// category is used up (扣完为止), so a score below zero becomes zero.
pub fn apply_floor(raw: Decimal) -> (Decimal, Decimal) {
    if raw.is_sign_negative() && !raw.is_zero() {
        (Decimal::ZERO, -raw)
    } else {
        (raw, Decimal::ZERO)
    }
}

/// How many units count once the first `threshold` are free
/// ("每季度超过6次，每超过一次扣0.5分": 9 leaves beyond 6 count 3).
pub fn beyond(quantity: Decimal, threshold: Decimal) -> Decimal {
    (quantity - threshold).max(Decimal::ZERO)
}

/// 四舍五入: round to `places`, a half away from zero.
pub fn round_half_away(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// Σ(value·weight) / Σ(weight), rounded; None when the weights sum to zero.
pub fn weighted_average(values: &[(Decimal, Decimal)], places: u32) -> Option<Decimal> {
    let mut mean = WeightedMean::default();
    for (value, weight) in values {
        mean.add(*value, *weight);
    }
    mean.value(places)
}

/// [`weighted_average`] summed as the values come, so that they need not
/// be kept: the same sums, in the same order, give the same value.
#[derive(Debug, Clone, Copy, Default)]
pub struct WeightedMean {
    sum: Decimal,
    weight: Decimal,
}

impl WeightedMean {
    pub fn add(&mut self, value: Decimal, weight: Decimal) {
        self.sum += value * weight;
        self.weight += weight;
    }

    /// Σ(value·weight) / Σ(weight), rounded; None when the weights sum to zero.
    pub fn value(&self, places: u32) -> Option<Decimal> {
        if self.weight.is_zero() {
            return None;
        }
        self.sum.checked_div(self.weight).map(|avg| round_half_away(avg, places).normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_else(|_| unreachable!("test literal {s}"))
    }

    #[test]
    fn floor_stops_at_zero_and_reports_what_it_gave_back() {
        assert_eq!(apply_floor(d("-5")), (d("0"), d("5")));
        assert_eq!(apply_floor(d("0")), (d("0"), d("0")));
        assert_eq!(apply_floor(d("12.5")), (d("12.5"), d("0")));
        assert_eq!(apply_floor(d("-0.5")), (d("0"), d("0.5")));
    }

    #[test]
    fn threshold_counts_only_what_is_beyond() {
        assert_eq!(beyond(d("6"), d("6")), d("0"));
        assert_eq!(beyond(d("7"), d("6")), d("1"));
        assert_eq!(beyond(d("9"), d("6")), d("3"));
        assert_eq!(beyond(d("2"), d("6")), d("0"));
        assert_eq!(beyond(d("4"), d("0")), d("4"));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_half_away(d("23.245"), 2), d("23.25"));
        assert_eq!(round_half_away(d("23.244999"), 2), d("23.24"));
        assert_eq!(round_half_away(d("-1.005"), 2), d("-1.01"));
        // Banker's rounding would give 0.12 here.
        assert_eq!(round_half_away(d("0.125"), 2), d("0.13"));
    }

    #[test]
    fn weighted_average_weights_by_workdays() {
        // (25·60 + 19·20) / 80 = 1880 / 80 = 23.5
        assert_eq!(weighted_average(&[(d("25"), d("60")), (d("19"), d("20"))], 2), Some(d("23.5")));
        // (25·1 + 24.5·2) / 3 = 74 / 3 = 24.666… → 24.67
        assert_eq!(weighted_average(&[(d("25"), d("1")), (d("24.5"), d("2"))], 2), Some(d("24.67")));
        // (22·1 + 22.25·1) / 2 = 22.125 → 22.13 (half away from zero)
        assert_eq!(weighted_average(&[(d("22"), d("1")), (d("22.25"), d("1"))], 2), Some(d("22.13")));
        // A member with no workdays carries no weight.
        assert_eq!(weighted_average(&[(d("0"), d("0")), (d("20"), d("62"))], 2), Some(d("20")));
        assert_eq!(weighted_average(&[(d("25"), d("0"))], 2), None);
        assert_eq!(weighted_average(&[], 2), None);
    }
}
