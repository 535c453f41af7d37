//! Charts for the printed page, as inline SVG: the geometry is worked out
//! here (exact decimals, like everything else that comes from a score) and
//! the template draws the shapes. Two kinds: a column chart (how many
//! records in each band of totals) and horizontal stacked bars (points
//! lost, per category, per window).

use rust_decimal::Decimal;
use serde::Serialize;

use super::decimal;

/// Colours that stay apart in print and for most colour-blind readers.
/// Charts are drawn this wide, two to a row of the page.
const WIDTH: u32 = 360;

pub const PALETTE: [&str; 7] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#b07aa1", "#9c755f"];

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub title: String,
    pub width: u32,
    pub height: u32,
    /// What the chart shows, for a reader who cannot see it.
    pub description: String,
    pub shapes: Vec<Shape>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    Rect { x: String, y: String, w: String, h: String, fill: String, title: String },
    Text { x: String, y: String, anchor: &'static str, size: u32, text: String },
    Line { x1: String, y1: String, x2: String, y2: String, stroke: &'static str },
}

/// One column: its label under it, its count, its colour.
pub struct Column {
    pub label: String,
    pub count: usize,
    pub fill: String,
}

/// A stacked bar: its label and one value per series.
pub struct Bar {
    pub label: String,
    pub values: Vec<Decimal>,
}

fn n(value: Decimal) -> String {
    decimal(value.round_dp(1))
}

fn d(value: impl Into<Decimal>) -> Decimal {
    value.into()
}

/// The smallest of 1, 2, 5 × 10ⁿ steps that splits `max` into at most
/// five, and the axis top it gives.
fn scale(max: Decimal) -> (Decimal, Decimal) {
    if max <= Decimal::ZERO {
        return (Decimal::ONE, Decimal::ONE);
    }
    let mut step = Decimal::new(1, 1);
    loop {
        for factor in [1, 2, 5] {
            let candidate = step * d(factor);
            if max / candidate <= d(5) {
                let top = (max / candidate).ceil() * candidate;
                return (candidate, top);
            }
        }
        step *= d(10);
    }
}

/// Columns side by side over a count axis.
pub fn columns(title: &str, description: String, columns: &[Column]) -> Chart {
    let (width, height) = (WIDTH, 240u32);
    let (left, right, top, bottom) = (d(28), d(4), d(16), d(34));
    let plot_w = d(width) - left - right;
    let plot_h = d(height) - top - bottom;
    let max = columns.iter().map(|c| c.count).max().unwrap_or(0);
    let (step, axis_top) = scale(d(max as u64));
    let step = step.max(Decimal::ONE).ceil();
    let axis_top = axis_top.max(step);
    let mut shapes = Vec::new();
    let y_of = |value: Decimal| top + plot_h - plot_h * value / axis_top;
    let mut tick = Decimal::ZERO;
    while tick <= axis_top {
        let y = y_of(tick);
        shapes.push(Shape::Line { x1: n(left), y1: n(y), x2: n(left + plot_w), y2: n(y), stroke: "#ddd" });
        shapes.push(Shape::Text { x: n(left - d(5)), y: n(y + d(4)), anchor: "end", size: 10, text: decimal(tick) });
        tick += step;
    }
    let slot = plot_w / d(columns.len().max(1) as u64);
    for (i, column) in columns.iter().enumerate() {
        let x = left + slot * d(i as u64);
        let h = plot_h * d(column.count as u64) / axis_top;
        let (bar_x, bar_w) = (x + slot * Decimal::new(15, 2), slot * Decimal::new(70, 2));
        let title = format!("{}：{} 人", column.label, column.count);
        shapes.push(Shape::Rect {
            x: n(bar_x),
            y: n(top + plot_h - h),
            w: n(bar_w),
            h: n(h),
            fill: column.fill.clone(),
            title,
        });
        let centre = x + slot / d(2);
        if column.count > 0 {
            let y = top + plot_h - h - d(4);
            shapes.push(Shape::Text {
                x: n(centre),
                y: n(y),
                anchor: "middle",
                size: 11,
                text: column.count.to_string(),
            });
        }
        // A band's label on two lines (`95–` over `100`): narrow columns fit.
        let (upper, lower) = match column.label.split_once('–') {
            Some((from, to)) => (format!("{from}–"), to.to_string()),
            None => (column.label.clone(), String::new()),
        };
        for (k, line) in [upper, lower].into_iter().enumerate() {
            let y = top + plot_h + d(14 + 12 * k as u64);
            shapes.push(Shape::Text { x: n(centre), y: n(y), anchor: "middle", size: 10, text: line });
        }
    }
    shapes.push(Shape::Line {
        x1: n(left),
        y1: n(top + plot_h),
        x2: n(left + plot_w),
        y2: n(top + plot_h),
        stroke: "#333",
    });
    Chart { title: title.into(), width, height, description, shapes }
}

/// Horizontal bars, one per row, each stacked from its series' values,
/// with a legend of the series above.
pub fn stacked(title: &str, description: String, series: &[String], bars: &[Bar]) -> Chart {
    let width = WIDTH;
    let (left, right, row) = (d(100), d(34), d(17));
    // The legend: a swatch and a name per series, wrapping to more rows.
    let mut legend = Vec::new();
    let (mut x, mut y) = (d(4), d(4));
    for (s, name) in series.iter().enumerate() {
        let needed = d(18) + d(11 * name.chars().count() as u64);
        if x + needed > d(width) {
            (x, y) = (d(4), y + d(16));
        }
        legend.push(Shape::Rect {
            x: n(x),
            y: n(y),
            w: n(d(11)),
            h: n(d(11)),
            fill: PALETTE[s % PALETTE.len()].into(),
            title: name.clone(),
        });
        legend.push(Shape::Text { x: n(x + d(14)), y: n(y + d(10)), anchor: "start", size: 11, text: name.clone() });
        x += needed + d(6);
    }
    let top = y + d(26);
    let height = top + row * d(bars.len() as u64) + d(20);
    let plot_w = d(width) - left - right;
    let max = bars.iter().map(|b| b.values.iter().copied().filter(|v| *v > Decimal::ZERO).sum()).max();
    let (step, axis_top) = scale(max.unwrap_or_default());
    let mut shapes = legend;
    let bottom = top + row * d(bars.len() as u64);
    let x_of = |value: Decimal| left + plot_w * value / axis_top;
    let mut tick = Decimal::ZERO;
    while tick <= axis_top {
        let x = x_of(tick);
        shapes.push(Shape::Line { x1: n(x), y1: n(top - d(4)), x2: n(x), y2: n(bottom), stroke: "#ddd" });
        shapes.push(Shape::Text { x: n(x), y: n(bottom + d(14)), anchor: "middle", size: 10, text: decimal(tick) });
        tick += step;
    }
    for (i, bar) in bars.iter().enumerate() {
        let y = top + row * d(i as u64);
        shapes.push(Shape::Text {
            x: n(left - d(6)),
            y: n(y + d(12)),
            anchor: "end",
            size: 11,
            text: bar.label.clone(),
        });
        let mut at = Decimal::ZERO;
        for (s, value) in bar.values.iter().enumerate() {
            if *value <= Decimal::ZERO {
                continue;
            }
            shapes.push(Shape::Rect {
                x: n(x_of(at)),
                y: n(y + d(2)),
                w: n(x_of(at + value) - x_of(at)),
                h: n(row - d(4)),
                fill: PALETTE[s % PALETTE.len()].into(),
                title: format!("{}：{} {}", bar.label, series.get(s).map_or("", String::as_str), decimal(*value)),
            });
            at += value;
        }
        shapes.push(Shape::Text {
            x: n(x_of(at) + d(4)),
            y: n(y + d(12)),
            anchor: "start",
            size: 10,
            text: decimal(at),
        });
    }
    shapes.push(Shape::Line { x1: n(left), y1: n(top - d(4)), x2: n(left), y2: n(bottom), stroke: "#333" });
    Chart { title: title.into(), width, height: decimal(height).parse().unwrap_or(400), description, shapes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_step_by_one_two_five() {
        assert_eq!(scale(d(7)), (d(2), d(8)));
        assert_eq!(scale(d(23)), (d(5), d(25)));
        assert_eq!(scale(d(40)), (d(10), d(40)));
        assert_eq!(scale(Decimal::new(35, 1)), (d(1), d(4)));
        assert_eq!(scale(Decimal::ZERO), (d(1), d(1)));
    }

    #[test]
    fn a_stacked_bar_is_as_long_as_its_sum() {
        let series = vec!["甲".to_string(), "乙".to_string()];
        let bars = [
            Bar { label: "W01".into(), values: vec![d(5), d(5)] },
            Bar { label: "W02".into(), values: vec![d(0), d(2)] },
        ];
        let chart = stacked("t", String::new(), &series, &bars);
        let widths: Vec<String> = chart
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { w, title, .. } if title.starts_with('W') => Some(w.clone()),
                _ => None,
            })
            .collect();
        // Axis top 10 over 226 units: 5 points are 113.
        assert_eq!(widths, ["113", "113", "45.2"]);
    }
}
