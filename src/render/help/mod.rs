//! The words of `--help` that are not the doc comments of `src/cli/`: what
//! follows each subcommand's options in English (the exit statuses, how a
//! command reads its input), and all of it in Chinese ([`zh`]), which the
//! CLI puts into clap's command when the run reads Chinese. The words are
//! the library's, as every other word a person reads; only putting them
//! into clap is the CLI's.

/// The table of the hall's record files and their columns, the same in
/// both languages (the files' and columns' names are the hall's own).
macro_rules! record_tables {
    () => {
        "  windows.csv     窗口      窗口编号 窗口名称
  roster.csv      人员      工号 姓名 窗口编号 角色 [进驻日期 离开日期 人员类别]
  punches.csv     打卡      工号 打卡时间
  leave.csv       请假      工号 类型 开始时间 结束时间 是否批准 [中心签字]
  exemptions.csv  补卡说明  工号 日期 时段 [说明]
  findings.csv    巡查记录  日期 对象 事项 [分值 级别 数量 记录人 说明]
  cases.csv       办件      办件编号 窗口编号 受理人 类型 受理时间 [联办 补齐日期
                            承诺时限 办结时间 红黄牌 亮牌日期]
  reviews.csv     评价      评价时间 窗口编号 评价 [工号 办件编号]"
    };
}

pub mod zh;

/// The exit statuses, under every scoring command's options.
pub const EXIT_CODES: &str = "\
Exit status:
  0  success (also when the reader of stdout stops early, as `| head` does)
  1  a file could not be read, or the output could not be written
  2  usage: the command line itself is wrong (an unknown option, an `--id`
     that no record has, `--format` against the `--out` extension)
  3  the policy was rejected (syntax or check errors, on stderr; or, with
     `check --deny-warnings`, warnings)
  4  the facts file was rejected (every error in it, on stderr)
  5  `kaohe test`: a policy test case failed (its report is on stdout)

On any other failure stdout is left empty. The file formats are described
in docs/io.md and docs/language.md of kaohe's source tree (they are not
installed with the binary); `kaohe man` prints the manual page.";

/// `kaohe gather`: the records it reads, and how it ends.
pub const GATHER: &str = concat!(
    "\
The records are a folder of CSV files (UTF-8, with or without BOM, or GBK)
or one .xlsx workbook with a sheet per table:

",
    record_tables!(),
    "

Columns may be named in English too (docs/records.md in kaohe's source
tree); other columns are ignored. How each table is counted is the policy's records.rules and its
calendar, calendar.rules.

Every rejected row is reported with its file or sheet, row and column, and
nothing is written. Records outside the period or a person's days in the
hall are left out and counted in a note on stderr.

Exit status: 0 success; 1 a file could not be read or written; 2 usage;
3 the policy was rejected; 4 the records were rejected."
);

/// `kaohe fmt`: the layout, and how it ends.
pub const FMT: &str = "\
The layout: 4 spaces per block; one item per line; the rows of a block
aligned as a table (name, label, kind; fact, action, cite, wording), each
column padded to its widest cell; one space between tokens otherwise
(`a + b`, `x >= 5`, `5-10`, `15%`); at most one blank line where the author
left one; every comment kept where it was written. A rule whose cite is on
the next line stays split there. docs/language.md, \"Formatting\", has it all.

A file is written only if it changes, whole: to a temporary file beside it,
then renamed over it. A file that does not parse is reported and left as it
is; the other files are still formatted.

Exit status:
  0  success; with --check, every file is already formatted
  1  with --check, some file would change (the diffs are on stdout);
     or a file could not be read or written
  2  usage: the command line itself is wrong
  3  a file does not parse (the syntax error is on stderr), or kaohe could not
     format it; that file is left untouched

Stdout holds only the diffs of --check, and only when every file could be
read and parsed (else it is empty); which files were formatted, the summary
(`2 files formatted, 5 already formatted`) and every error go to stderr.";

/// `kaohe test`: how it ends.
pub const TEST: &str = "\
Exit status:
  0  every case passed
  1  a file could not be read, or the report could not be written
  2  usage: the command line itself is wrong
  3  the policy was rejected (syntax or check errors, on stderr)
  5  a case failed: the report on stdout says which, and how

The report ends with every rule, average, veto, flag and annual line that no
case exercised; that alone does not fail the run.";

/// `kaohe template`: the workbook, and how it ends.
pub const TEMPLATE: &str = "\
The workbook has a sheet 人员 (one row per staff member) and 窗口 (one row
per window), the policy's fact labels as headers, and a sheet 说明 that
says the period and how to fill each kind of cell. Excel's data validation
checks each cell as it is typed (whole numbers for counts, halves for days,
the range of a single amount, the roles, the windows); an input message on
every header says what goes there and which rule reads it. Once filled in,
`kaohe eval --facts 2026-Q4.xlsx` scores it like a facts JSON file.
See docs/io.md, \"Facts in a spreadsheet\".

Exit status:
  0  the workbook was written
  1  a file could not be read, or the workbook could not be written
  2  usage: the command line itself is wrong
  3  the policy was rejected, or has no version in force for the period
  4  the roster was rejected (every error in it, on stderr)";
