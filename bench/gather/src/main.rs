//! Reads record tables and does nothing else: every `.csv` file of a
//! folder through the csv crate (each field checked as UTF-8, as gather
//! needs its text), or every sheet of a workbook through calamine's
//! `worksheet_range`. What `kaohe gather` costs beyond this is its own.
//!
//! ```text
//! read_only DIR          # the CSV files of DIR, as ByteRecords, fields checked as UTF-8
//! read_only --records DIR  # the same through `records()` (StringRecords)
//! read_only FILE.xlsx    # every sheet of FILE.xlsx
//! ```

use std::path::Path;
use std::process::ExitCode;

use calamine::Reader;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strings = args.iter().any(|a| a == "--records");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: read_only [--records] DIR|FILE.xlsx");
        return ExitCode::from(2);
    };
    let path = Path::new(path);
    let result = if path.is_dir() { csv_files(path, strings) } else { workbook(path) };
    match result {
        Ok((rows, cells)) => {
            println!("{rows} rows, {cells} non-empty cells");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("read_only: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Every record of every file: as `ByteRecord`s, each field then checked as
/// UTF-8 (the fastest the crate reads); or with `strings`, as the crate's
/// own `records()` iterator gives them (`StringRecord`s, what its
/// documentation reads a file with).
fn csv_files(dir: &Path, strings: bool) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let (mut rows, mut cells) = (0, 0);
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path)?;
        if strings {
            for record in reader.records() {
                let record = record?;
                rows += 1;
                cells += record.iter().filter(|f| !f.is_empty()).count() as u64;
            }
            continue;
        }
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record)? {
            rows += 1;
            for field in record.iter() {
                std::str::from_utf8(field)?;
                cells += u64::from(!field.is_empty());
            }
        }
    }
    Ok((rows, cells))
}

fn workbook(path: &Path) -> Result<(u64, u64), Box<dyn std::error::Error>> {
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path)?;
    let (mut rows, mut cells) = (0, 0);
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name)?;
        rows += range.height() as u64;
        cells += range.used_cells().filter(|(_, _, c)| !matches!(c, calamine::Data::Empty)).count() as u64;
    }
    Ok((rows, cells))
}
