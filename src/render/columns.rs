//! The one column layout of every table kaohe prints at a terminal:
//! widths measured in terminal columns (a Chinese character takes two),
//! numbers aligned right, text left, the last column never padded (so no
//! line ends in spaces).

use unicode_width::UnicodeWidthStr;

/// Lay `rows` out in columns; `is_number(c)` says which columns align right.
pub fn columns(rows: &[Vec<String>], is_number: impl Fn(usize) -> bool) -> Vec<String> {
    columns_with_gap(rows, is_number, "  ")
}

/// [`columns`], with `gap` between columns.
pub fn columns_with_gap(rows: &[Vec<String>], is_number: impl Fn(usize) -> bool, gap: &str) -> Vec<String> {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..count).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.width()).max().unwrap_or(0)).collect();
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let width = if c + 1 == row.len() { 0 } else { widths[c] };
                    pad(cell, width, is_number(c))
                })
                .collect();
            cells.join(gap).trim_end().to_string()
        })
        .collect()
}

/// A header and rows, numbers from column `numbers_from` up to the last
/// (which is text: a grade).
pub fn aligned(header: &[String], rows: &[Vec<String>], numbers_from: usize) -> Vec<String> {
    let last = header.len().saturating_sub(1);
    let all: Vec<Vec<String>> = std::iter::once(header.to_vec()).chain(rows.iter().cloned()).collect();
    columns(&all, |c| c >= numbers_from && c < last)
}

/// Pad to a terminal width, counting a Chinese character as two columns.
pub fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double_and_numbers_align_right() {
        let rows = vec![
            vec!["编号".to_string(), "总分".to_string(), "等次".to_string()],
            vec!["S1".to_string(), "95".to_string(), "优秀".to_string()],
            vec!["S10".to_string(), "100.5".to_string(), "称职".to_string()],
        ];
        let lines = columns(&rows, |c| c == 1);
        assert_eq!(lines, ["编号   总分  等次", "S1       95  优秀", "S10   100.5  称职"]);
    }
}
