//! Tables in: a CSV file or one sheet of an `.xlsx` workbook, as rows of
//! typed cells that keep where they came from.
//!
//! - [`read_csv`] reads a CSV file whole. Its text is UTF-8 (with or
//!   without a byte-order mark) or GBK (what Excel writes on a Chinese
//!   Windows), detected: a file is one or the other, never a mix.
//! - [`Workbook::open`] opens an `.xlsx` workbook; [`Workbook::sheet`]
//!   reads one of its sheets. A date or time cell is taken as it is.
//!
//! Either way the first row is the header ([`Table::header`], looked up by
//! any of a column's names with [`Table::find`]); [`Table::rows`] walks the
//! rows under it, skipping empty ones, each with its 1-based row number
//! (the header being row 1 in a CSV file, its own row in a sheet). A
//! [`Cell`] is read as text, a time, a date or a decimal, each returning
//! what was expected and what was found when it is not one
//! ([`Mismatch`]); the caller attaches the [`Position`], which prints as
//! `punches.csv:118` or `办件!B7`.
//!
//! Rows are read one at a time from the text, never copied into a table
//! of their own: a quarter's punches are a few million rows.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

pub use super::error::{CellKind, Found, TableError};
use super::MAX_FILE_BYTES;

/// Where a table came from: a CSV file (`punches.csv`) or a sheet of a workbook (`打卡`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Csv,
    Sheet,
}

/// A row, or a cell, of a table: `punches.csv:118` (a CSV file names rows
/// by line) or `办件!B7` (a sheet names cells as a spreadsheet does;
/// `办件!7:7` for a whole row).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Position {
    pub table: Arc<str>,
    pub origin: Origin,
    /// 1-based; the header is row 1 of a CSV file.
    pub row: u32,
    /// 0-based column, when the position is a cell's.
    pub column: Option<u32>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.origin, self.column) {
            // Row 0 is the table as a whole: what is missing from it.
            (_, _) if self.row == 0 => write!(f, "{}", self.table),
            (Origin::Csv, _) => write!(f, "{}:{}", self.table, self.row),
            (Origin::Sheet, Some(column)) => write!(f, "{}!{}{}", self.table, column_letters(column), self.row),
            (Origin::Sheet, None) => write!(f, "{}!{}:{}", self.table, self.row, self.row),
        }
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`: a column as a spreadsheet names it.
pub fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One table: its header and the text (or sheet) its rows are read from.
pub struct Table {
    name: Arc<str>,
    origin: Origin,
    header: Vec<String>,
    /// The header's 1-based row, and (in a CSV file) its byte offset.
    header_row: u32,
    header_at: usize,
    body: Body,
    encoding: &'static str,
}

enum Body {
    /// The whole file as UTF-8 (decoded from GBK when it was GBK), the
    /// header included.
    Csv(String),
    /// The used cells of the sheet, the header's row and those above it
    /// included: `skip` rows of them; `origin` is the absolute (row,
    /// column) of its first cell, 0-based.
    Sheet { range: calamine::Range<calamine::Data>, origin: (u32, u32), skip: usize },
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table").field("name", &self.name).field("header", &self.header).finish()
    }
}

impl Table {
    /// The file (`punches.csv`) or sheet (`打卡`) name, as positions print it.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// `UTF-8` or `GBK` for a CSV file; `xlsx` for a sheet.
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// The header row's cells, trimmed; empty for an empty table.
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The header's own position.
    pub fn header_position(&self, column: Option<usize>) -> Position {
        self.position(self.header_row, column)
    }

    /// The column whose header is one of `names` (English names compare
    /// without regard to case), the first if several are.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| names.iter().any(|n| h == n || h.eq_ignore_ascii_case(n)))
    }

    /// Where row `row` (1-based, as [`Row::number`] gives it) is, or one of its cells.
    pub fn at(&self, row: u32, column: Option<usize>) -> Position {
        self.position(row, column)
    }

    fn position(&self, row: u32, column: Option<usize>) -> Position {
        let column = column.map(|c| match &self.body {
            Body::Sheet { origin, .. } => origin.1 + c as u32,
            Body::Csv(_) => c as u32,
        });
        Position { table: Arc::clone(&self.name), origin: self.origin, row, column }
    }

    /// The rows under the header, empty rows skipped.
    pub fn rows(&self) -> Rows<'_> {
        let inner = match &self.body {
            Body::Csv(text) => {
                let mut reader = csv_reader(text.as_bytes());
                // The header was read when the table was; read past it again.
                let mut record = csv::ByteRecord::new();
                if !self.header.is_empty() {
                    while let Ok(true) = reader.read_byte_record(&mut record) {
                        if !record.iter().all(|f| trim(f).is_empty()) {
                            break;
                        }
                    }
                }
                let lines = Lines { at: self.header_at, line: self.header_row };
                RowsInner::Csv { reader, record, text: text.as_bytes(), lines }
            }
            Body::Sheet { range, origin, skip } => {
                let mut rows = range.rows();
                for _ in 0..*skip {
                    rows.next();
                }
                RowsInner::Sheet { rows, row: origin.0 + *skip as u32 }
            }
        };
        Rows { table: self, inner }
    }
}

/// A walk over a table's rows: `while let Some(row) = rows.next_row() { … }`.
/// Each row borrows the walk, so rows are read without copying them.
pub struct Rows<'t> {
    table: &'t Table,
    inner: RowsInner<'t>,
}

enum RowsInner<'t> {
    Csv { reader: csv::Reader<&'t [u8]>, record: csv::ByteRecord, text: &'t [u8], lines: Lines },
    Sheet { rows: calamine::Rows<'t, calamine::Data>, row: u32 },
}

impl<'t> Rows<'t> {
    /// The next row that is not empty, or the error that stopped the walk.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, TableError>> {
        let table = self.table;
        match &mut self.inner {
            RowsInner::Csv { reader, record, text, lines } => loop {
                match reader.read_byte_record(record) {
                    Ok(false) => return None,
                    Ok(true) => {
                        if record.iter().all(|f| trim(f).is_empty()) {
                            continue;
                        }
                        let number = lines.line_at(text, record.position().map_or(0, |p| p.byte() as usize));
                        return Some(Ok(Row { table, number, cells: Cells::Csv(record) }));
                    }
                    Err(err) => {
                        let row = lines.line_at(text, err.position().map_or(0, |p| p.byte() as usize));
                        return Some(Err(TableError::Csv {
                            path: table.name.to_string(),
                            row,
                            reason: err.to_string(),
                        }));
                    }
                }
            },
            RowsInner::Sheet { rows, row } => loop {
                let cells = rows.next()?;
                *row += 1;
                if cells.iter().all(|c| sheet_cell(c).is_empty()) {
                    continue;
                }
                return Some(Ok(Row { table, number: *row, cells: Cells::Sheet(cells) }));
            },
        }
    }
}

/// Line numbers of byte offsets, counted forward as rows are read: the
/// csv crate's own line count leaves out blank lines.
struct Lines {
    at: usize,
    line: u32,
}

impl Lines {
    /// The 1-based line at `byte`, which is not before the last one asked.
    fn line_at(&mut self, text: &[u8], mut byte: usize) -> u32 {
        // A record after blank lines is placed at the first of them.
        while matches!(text.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let gap = text.get(self.at..byte).unwrap_or_default();
        // A row is short: counting it byte by byte beats a call to memchr.
        let newlines = if gap.len() < 256 {
            gap.iter().filter(|&&c| c == b'\n').count()
        } else {
            memchr::memchr_iter(b'\n', gap).count()
        };
        self.line += newlines as u32;
        self.at = byte.max(self.at);
        self.line
    }
}

/// One row of a table.
pub struct Row<'r> {
    table: &'r Table,
    number: u32,
    cells: Cells<'r>,
}

enum Cells<'r> {
    Csv(&'r csv::ByteRecord),
    Sheet(&'r [calamine::Data]),
}

impl<'r> Row<'r> {
    /// The row's 1-based number in its file or sheet.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The cell in `column` (an empty cell past the end of a short row).
    pub fn cell(&self, column: usize) -> Cell<'r> {
        match self.cells {
            Cells::Csv(record) => match record.get(column).map(trim) {
                None | Some([]) => Cell::Empty,
                // The text was decoded to UTF-8 whole, so a field is UTF-8
                // unless a quote split a character, which CSV cannot do.
                Some(bytes) => std::str::from_utf8(bytes).map_or(Cell::Empty, Cell::Text),
            },
            Cells::Sheet(cells) => cells.get(column).map_or(Cell::Empty, sheet_cell),
        }
    }

    /// Where the row is, or one of its cells.
    pub fn position(&self, column: Option<usize>) -> Position {
        self.table.position(self.number, column)
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        match self.cells {
            Cells::Csv(record) => record.len(),
            Cells::Sheet(cells) => cells.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One cell, typed as its file gives it: a CSV cell is always text (or empty).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    /// Trimmed of surrounding whitespace.
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// A date or time cell of a workbook.
    DateTime(NaiveDateTime),
    /// A formula error such as `#N/A`.
    Error,
}

/// What a cell should have held and what it held: for a message such as
/// "应为时间（如 `2026-07-03 08:55`），实为 `9点07`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub expected: CellKind,
    pub found: Found,
}

impl<'a> Cell<'a> {
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a message quotes it.
    pub fn found(&self) -> Found {
        match self {
            Cell::Empty => Found::Empty,
            Cell::Text(text) => Found::Value(clip(text).to_string()),
            Cell::Number(n) => Found::Value(number_text(*n)),
            Cell::Bool(b) => Found::Value(if *b { "TRUE" } else { "FALSE" }.to_string()),
            Cell::DateTime(dt) => Found::Value(dt.format("%Y-%m-%d %H:%M:%S").to_string()),
            Cell::Error => Found::FormulaError,
        }
    }

    /// The cell as text: text as it is, a whole number without its `.0`
    /// (an id typed into a number cell); `None` when empty.
    pub fn text(&self) -> Option<Cow<'a, str>> {
        match *self {
            Cell::Empty => None,
            Cell::Text(text) => Some(Cow::Borrowed(text)),
            Cell::Number(n) => Some(Cow::Owned(number_text(n))),
            Cell::Bool(b) => Some(Cow::Borrowed(if b { "TRUE" } else { "FALSE" })),
            Cell::DateTime(dt) => Some(Cow::Owned(dt.format("%Y-%m-%d %H:%M:%S").to_string())),
            Cell::Error => None,
        }
    }

    /// A time: `2026-07-03 08:55`, `2026-07-03 08:55:59`, or (as Excel
    /// writes them) `2026/7/3 8:55`; or a date-time cell.
    pub fn datetime(&self) -> Result<NaiveDateTime, Mismatch> {
        let mismatch = || Mismatch { expected: CellKind::Time, found: self.found() };
        match *self {
            Cell::DateTime(dt) => Ok(dt),
            Cell::Text(text) => parse_datetime(text).ok_or_else(mismatch),
            _ => Err(mismatch()),
        }
    }

    /// A date: `2026-07-03` (or `2026/7/3`), or a date cell (its time, if
    /// any, dropped).
    pub fn date(&self) -> Result<NaiveDate, Mismatch> {
        let mismatch = || Mismatch { expected: CellKind::Date, found: self.found() };
        match *self {
            Cell::DateTime(dt) => Ok(dt.date()),
            Cell::Text(text) => parse_date(text).ok_or_else(mismatch),
            _ => Err(mismatch()),
        }
    }

    /// An exact decimal: `0.5`, `8`; a number cell as the shortest decimal
    /// that reads back as it (`0.1`, never `0.1000000000000000055`).
    pub fn decimal(&self) -> Result<Decimal, Mismatch> {
        let mismatch = || Mismatch { expected: CellKind::Number, found: self.found() };
        match *self {
            Cell::Number(n) if n.is_finite() => n.to_string().parse().map_err(|_| mismatch()),
            Cell::Text(text) => text.parse().map_err(|_| mismatch()),
            _ => Err(mismatch()),
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The first 40 characters of a text, with `…` when cut.
fn clip(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(40) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

fn sheet_cell(data: &calamine::Data) -> Cell<'_> {
    use calamine::Data;
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.trim()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
                .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map_or(Cell::Error, Cell::DateTime)
        }
        Data::DateTimeIso(s) => parse_datetime(s.trim())
            .or_else(|| parse_date(s.trim()).and_then(|d| d.and_hms_opt(0, 0, 0)))
            .map_or(Cell::Text(s.trim()), Cell::DateTime),
        Data::DurationIso(s) => Cell::Text(s.trim()),
        Data::Error(_) => Cell::Error,
    }
}

/// `YYYY-MM-DD` or `YYYY/M/D`: four-digit year, one- or two-digit month and day.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let sep = if text.contains('/') { '/' } else { '-' };
    let mut parts = text.split(sep);
    let year = parts.next().filter(|y| y.len() == 4)?;
    let month = parts.next().filter(|m| (1..=2).contains(&m.len()))?;
    let day = parts.next().filter(|d| (1..=2).contains(&d.len()))?;
    if parts.next().is_some() || ![year, month, day].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A date, one space (or a `T`), then `HH:MM` or `HH:MM:SS` (the hour may
/// be one digit; a fraction of a second is allowed and kept).
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let (date, time) = text.split_once([' ', 'T'])?;
    Some(parse_date(date)?.and_time(parse_time(time.trim_start())?))
}

/// `HH:MM`, `H:MM`, `HH:MM:SS` (with an optional fraction of a second).
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let mut parts = text.split(':');
    let hour = parts.next().filter(|h| (1..=2).contains(&h.len()))?;
    let minute = parts.next().filter(|m| m.len() == 2)?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let (second, milli) = match second {
        None => (0, 0),
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
            if whole.len() != 2 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let milli = fraction.get(..fraction.len().min(3)).unwrap_or("");
            let milli =
                if milli.is_empty() { 0 } else { milli.parse::<u32>().ok()? * 10u32.pow(3 - milli.len() as u32) };
            (whole.parse().ok().filter(|_| whole.bytes().all(|b| b.is_ascii_digit()))?, milli)
        }
    };
    if !hour.bytes().chain(minute.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_milli_opt(hour.parse().ok()?, minute.parse().ok()?, second, milli)
}

fn trim(bytes: &[u8]) -> &[u8] {
    // Most cells have nothing to trim.
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => return bytes,
        _ => {}
    }
    // ASCII whitespace and the full-width space (U+3000: E3 80 80).
    let mut b = bytes;
    loop {
        let before = b.len();
        b = b.trim_ascii();
        if let Some(rest) = b.strip_prefix(&[0xE3, 0x80, 0x80]) {
            b = rest;
        }
        if let Some(rest) = b.strip_suffix(&[0xE3, 0x80, 0x80]) {
            b = rest;
        }
        if b.len() == before {
            return b;
        }
    }
}

fn csv_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    // Rows may be shorter or longer than the header (a device export's
    // trailing columns); a header is read as a row like any other.
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes)
}

/// Read a CSV file whole, named in positions by its file name.
pub fn read_csv(path: &Path) -> Result<Table, TableError> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let bytes = read_bytes(path)?;
    csv_from_bytes(&name, bytes)
}

/// A file's bytes, refused past [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, TableError> {
    let shown = path.display().to_string();
    let io = |err: std::io::Error| TableError::Io { path: shown.clone(), reason: err.into() };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(TableError::TooLarge { path: shown, size, limit: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(TableError::TooLarge { path: shown, size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    Ok(bytes)
}

/// A CSV table from its bytes, named `name` in positions.
pub fn csv_from_bytes(name: &str, mut bytes: Vec<u8>) -> Result<Table, TableError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let (text, encoding) = decode(name, bytes)?;
    let mut reader = csv_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut header_row = 1;
    let mut header_at = 0;
    let mut header = Vec::new();
    // The header is the first row that is not empty.
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.iter().all(|f| trim(f).is_empty()) => continue,
            Ok(true) => {
                header_at = record.position().map_or(0, |p| p.byte() as usize);
                while matches!(text.as_bytes().get(header_at), Some(b'\n' | b'\r')) {
                    header_at += 1;
                }
                header_row =
                    1 + text.as_bytes().get(..header_at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
                        as u32;
                header = record.iter().map(|f| String::from_utf8_lossy(trim(f)).into_owned()).collect();
                break;
            }
            Err(err) => {
                let at = err.position().map_or(0, |p| p.byte() as usize);
                let row = 1 + text.as_bytes().get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) as u32;
                return Err(TableError::Csv { path: name.to_string(), row, reason: err.to_string() });
            }
        }
    }
    Ok(Table {
        name: Arc::from(name),
        origin: Origin::Csv,
        header,
        header_row,
        header_at,
        body: Body::Csv(text),
        encoding,
    })
}

/// UTF-8 as it is; else GBK, when the whole file reads as GBK and no part
/// of it was UTF-8 Chinese; else an error at the first bad byte's row.
fn decode(name: &str, bytes: Vec<u8>) -> Result<(String, &'static str), TableError> {
    let err = match String::from_utf8(bytes) {
        Ok(text) => return Ok((text, "UTF-8")),
        Err(err) => err,
    };
    let valid_up_to = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    let row = 1 + bytes.get(..valid_up_to).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) as u32;
    let utf8_before = bytes.get(..valid_up_to).is_some_and(|b| !b.is_ascii());
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TableError::Utf16 { path: name.to_string() });
    }
    if !utf8_before {
        if let Some(text) = encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&bytes) {
            return Ok((text.into_owned(), "GBK"));
        }
    }
    let byte = bytes.get(valid_up_to).copied().unwrap_or_default();
    Err(TableError::Encoding { path: name.to_string(), row, byte, mixed: utf8_before })
}

/// An `.xlsx` workbook, open for reading its sheets.
pub struct Workbook {
    path: String,
    inner: calamine::Xlsx<std::io::BufReader<std::fs::File>>,
    sheets: Vec<String>,
}

impl fmt::Debug for Workbook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workbook").field("path", &self.path).field("sheets", &self.sheets).finish()
    }
}

impl Workbook {
    pub fn open(path: &Path) -> Result<Workbook, TableError> {
        use calamine::Reader;
        let shown = path.display().to_string();
        let size = std::fs::metadata(path).map_err(|e| TableError::Io { path: shown.clone(), reason: e.into() })?;
        if size.len() > MAX_FILE_BYTES {
            return Err(TableError::TooLarge { path: shown, size: size.len(), limit: MAX_FILE_BYTES });
        }
        let inner: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(|err| match err {
            calamine::XlsxError::Io(e) => TableError::Io { path: shown.clone(), reason: e.into() },
            other => TableError::Workbook { path: shown.clone(), reason: other.to_string() },
        })?;
        let sheets = inner.sheet_names();
        Ok(Workbook { path: shown, inner, sheets })
    }

    /// The workbook's path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Its sheets' names, in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// Read the sheet `name`; `None` when the workbook has no such sheet.
    pub fn sheet(&mut self, name: &str) -> Result<Option<Table>, TableError> {
        use calamine::Reader;
        if !self.sheets.iter().any(|s| s == name) {
            return Ok(None);
        }
        let range = self.inner.worksheet_range(name).map_err(|err| TableError::Sheet {
            path: self.path.clone(),
            sheet: name.to_string(),
            reason: err.to_string(),
        })?;
        let origin = range.start().unwrap_or((0, 0));
        let mut header_row = origin.0 + 1;
        let mut header = Vec::new();
        let mut skip = 0;
        for (i, row) in range.rows().enumerate() {
            if row.iter().all(|c| sheet_cell(c).is_empty()) {
                continue;
            }
            header =
                row.iter().map(|c| sheet_cell(c).text().map(|t| t.trim().to_string()).unwrap_or_default()).collect();
            header_row = origin.0 + 1 + i as u32;
            skip = i + 1;
            break;
        }
        Ok(Some(Table {
            name: Arc::from(name),
            origin: Origin::Sheet,
            header,
            header_row,
            header_at: 0,
            body: Body::Sheet { range, origin, skip },
            encoding: "xlsx",
        }))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::disallowed_methods)]

    use super::*;

    fn rows(table: &Table, columns: &[usize]) -> Vec<(u32, Vec<String>)> {
        let mut out = Vec::new();
        let mut rows = table.rows();
        while let Some(row) = rows.next_row() {
            let row = row.unwrap();
            let cells = columns.iter().map(|&c| row.cell(c).text().unwrap_or_default().into_owned()).collect();
            out.push((row.number(), cells));
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom_and_gbk_read_alike() {
        let text = "工号,打卡时间,设备\nS001,2026-07-01 08:53,大厅\n\n S002 ,2026-07-01 08:56:59\n";
        let (gbk, _, bad) = encoding_rs::GBK.encode(text);
        assert!(!bad);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        for (bytes, encoding) in [(text.as_bytes().to_vec(), "UTF-8"), (bom, "UTF-8"), (gbk.into_owned(), "GBK")] {
            let table = csv_from_bytes("punches.csv", bytes).unwrap();
            assert_eq!(table.encoding(), encoding);
            assert_eq!(table.header(), ["工号", "打卡时间", "设备"]);
            assert_eq!(table.find(&["打卡时间", "time"]), Some(1));
            assert_eq!(table.find(&["工号", "ID"]), Some(0));
            assert_eq!(table.find(&["姓名"]), None);
            // Row numbers count the header as 1 and the blank line too.
            assert_eq!(
                rows(&table, &[0, 1, 2]),
                [
                    (2, vec!["S001".to_string(), "2026-07-01 08:53".into(), "大厅".into()]),
                    (4, vec!["S002".to_string(), "2026-07-01 08:56:59".into(), String::new()]),
                ]
            );
        }
    }

    #[test]
    fn blank_lines_before_the_header_are_counted() {
        let table = csv_from_bytes("f.csv", b"\n\na,b\n1,2\n".to_vec()).unwrap();
        assert_eq!(table.header(), ["a", "b"]);
        assert_eq!(table.header_position(None).row, 3);
        assert_eq!(rows(&table, &[1]), [(4, vec!["2".to_string()])]);
    }

    #[test]
    fn a_sheet_reads_with_its_cells_typed_and_placed() {
        let dir = std::env::temp_dir().join(format!("kaohe-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("records.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("打卡").unwrap();
        // A title row left empty, the header on row 2 from column B.
        sheet.write_string(1, 1, "工号").unwrap();
        sheet.write_string(1, 2, "打卡时间").unwrap();
        sheet.write_number(2, 1, 1001.0).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-07-03 08:55:59").unwrap();
        sheet.write_datetime_with_format(2, 2, &when, &format).unwrap();
        sheet.write_string(4, 1, "S002").unwrap();
        sheet.write_string(4, 2, "2026-07-03 13:01").unwrap();
        book.add_worksheet().set_name("请假").unwrap();
        book.save(&path).unwrap();

        let mut book = Workbook::open(&path).unwrap();
        assert_eq!(book.sheet_names(), ["打卡", "请假"]);
        assert!(book.sheet("巡查记录").unwrap().is_none());
        let table = book.sheet("打卡").unwrap().unwrap();
        assert_eq!(table.header(), ["工号", "打卡时间"]);
        assert_eq!(table.header_position(Some(1)).to_string(), "打卡!C2");
        let mut rows = table.rows();
        let row = rows.next_row().unwrap().unwrap();
        assert_eq!(row.number(), 3);
        assert_eq!(row.cell(0).text().unwrap(), "1001");
        let time = row.cell(1).datetime().unwrap();
        assert_eq!(time.format("%Y-%m-%d %H:%M:%S").to_string(), "2026-07-03 08:55:59");
        assert_eq!(row.position(Some(1)).to_string(), "打卡!C3");
        let row = rows.next_row().unwrap().unwrap();
        assert_eq!((row.number(), row.cell(0)), (5, Cell::Text("S002")));
        assert!(row.cell(1).datetime().is_ok());
        assert!(row.cell(7).is_empty());
        assert!(rows.next_row().is_none());
        let empty = book.sheet("请假").unwrap().unwrap();
        assert!(empty.header().is_empty());
        assert!(empty.rows().next_row().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn english_headers_match_without_case() {
        let table = csv_from_bytes("roster.csv", b"ID,Name\nS001,x\n".to_vec()).unwrap();
        assert_eq!(table.find(&["工号", "id"]), Some(0));
        assert_eq!(table.find(&["姓名", "name"]), Some(1));
    }

    #[test]
    fn a_mix_of_encodings_is_refused_at_its_row() {
        let mut bytes = "工号,打卡时间\nS001,2026-07-01 08:53\n".as_bytes().to_vec();
        let (gbk, _, _) = encoding_rs::GBK.encode("张三");
        bytes.extend_from_slice(&gbk);
        bytes.extend_from_slice(b",2026-07-01 09:00\n");
        match csv_from_bytes("punches.csv", bytes) {
            Err(TableError::Encoding { row, mixed, .. }) => {
                assert_eq!(row, 3);
                assert!(mixed, "UTF-8 Chinese came before the GBK row");
            }
            other => panic!("{other:?}"),
        }
        let utf16 = vec![0xFF, 0xFE, b'a', 0];
        assert!(matches!(csv_from_bytes("x.csv", utf16), Err(TableError::Utf16 { .. })));
    }

    #[test]
    fn positions_print_as_files_and_sheets_name_them() {
        let table: Arc<str> = Arc::from("打卡");
        let at = |origin, row, column| Position { table: Arc::clone(&table), origin, row, column };
        assert_eq!(at(Origin::Sheet, 7, Some(1)).to_string(), "打卡!B7");
        assert_eq!(at(Origin::Sheet, 7, None).to_string(), "打卡!7:7");
        assert_eq!(at(Origin::Csv, 118, Some(3)).to_string(), "打卡:118");
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn cells_read_as_times_dates_and_decimals() {
        let t = |s| Cell::Text(s).datetime().ok().map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(t("2026-07-03 08:55").as_deref(), Some("2026-07-03 08:55:00"));
        assert_eq!(t("2026-07-03 08:55:59").as_deref(), Some("2026-07-03 08:55:59"));
        assert_eq!(t("2026/7/3 8:55").as_deref(), Some("2026-07-03 08:55:00"));
        assert_eq!(t("2026-07-03T08:55:00.5").as_deref(), Some("2026-07-03 08:55:00"));
        for bad in ["2026-07-03", "08:55", "2026-07-32 08:55", "2026-07-03 25:00", "2026-07-03 8点", "26-07-03 08:55"]
        {
            assert_eq!(t(bad), None, "{bad}");
        }
        assert_eq!(Cell::Text("2026-7-3").date().ok(), NaiveDate::from_ymd_opt(2026, 7, 3));
        let err = Cell::Text("七月三日").date().unwrap_err();
        assert_eq!(err.found, Found::Value("七月三日".into()));
        assert_eq!(Cell::Empty.date().unwrap_err().found, Found::Empty);
        assert_eq!(Cell::Number(0.1).decimal().unwrap().to_string(), "0.1");
        assert_eq!(Cell::Text("0.5").decimal().unwrap().to_string(), "0.5");
        assert_eq!(Cell::Number(1001.0).text().unwrap(), "1001");
        assert!(Cell::Number(f64::NAN).decimal().is_err());
    }

    #[test]
    fn a_quoted_field_may_hold_commas_and_quotes() {
        let table =
            csv_from_bytes("f.csv", "事项,说明\n串岗,\"在 3 号窗口，\"\"聊天\"\"\"\n".as_bytes().to_vec()).unwrap();
        assert_eq!(rows(&table, &[0, 1]), [(2, vec!["串岗".to_string(), "在 3 号窗口，\"聊天\"".into()])]);
    }

    #[test]
    fn an_empty_file_has_no_header_and_no_rows() {
        let table = csv_from_bytes("f.csv", Vec::new()).unwrap();
        assert!(table.header().is_empty());
        assert!(rows(&table, &[0]).is_empty());
    }
}
