//! `kaohe gather`: a period's facts from the hall's records, with the
//! evidence of every point.

use std::path::PathBuf;

use clap::Args;
use kaohe::render::Note;

use super::{Context, Failure};

pub const AFTER_HELP: &str = "\
The records are a folder of CSV files (UTF-8, with or without BOM, or GBK)
or one .xlsx workbook with a sheet per table:

  windows.csv     窗口      窗口编号 窗口名称
  roster.csv      人员      工号 姓名 窗口编号 角色 [进驻日期 离开日期 人员类别]
  punches.csv     打卡      工号 打卡时间
  leave.csv       请假      工号 类型 开始时间 结束时间 是否批准 [中心签字]
  exemptions.csv  补卡说明  工号 日期 时段 [说明]
  findings.csv    巡查记录  日期 对象 事项 [分值 级别 数量 记录人 说明]
  cases.csv       办件      办件编号 窗口编号 受理人 类型 受理时间 [联办 补齐日期
                            承诺时限 办结时间 红黄牌 亮牌日期]
  reviews.csv     评价      评价时间 窗口编号 评价 [工号 办件编号]

Columns may be named in English too (docs/records.md in kaohe's source
tree); other columns are ignored. How each table is counted is the policy's records.rules and its
calendar, calendar.rules.

Every rejected row is reported with its file or sheet, row and column, and
nothing is written. Records outside the period or a person's days in the
hall are left out and counted in a note on stderr.

Exit status: 0 success; 1 a file could not be read or written; 2 usage;
3 the policy was rejected; 4 the records were rejected.";

#[derive(Debug, Args)]
pub struct GatherArgs {
    /// The policy directory, e.g. `policies/luoshan`: its counting rules and calendar.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The records: a folder of CSV files, or an `.xlsx` workbook.
    #[arg(long, value_name = "PATH")]
    records: PathBuf,
    /// The period: a quarter (`2026-Q3`) or a month (`2026-07`).
    #[arg(long, value_name = "PERIOD")]
    period: String,
    /// Write the facts to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: GatherArgs, context: &Context) -> Result<(), Failure> {
    let period = kaohe::app::gather::parse_period(&args.period)?;
    let (loaded, run) = kaohe::app::gather::gather(&args.policy, &args.records, period)?;
    context.warn(&loaded.warnings())?;
    for note in &run.gathered.notes {
        context.note(&Note::Said(note.clone()))?;
    }
    context.note(&run.summary())?;
    let records = records_files(&args.records);
    let mut inputs = loaded.input_paths();
    inputs.extend(records.iter().map(PathBuf::as_path));
    let written = super::out::write(args.out.as_deref(), &inputs, |out| {
        kaohe::render::write_facts(out, &run.version.policy, &run.gathered)
    });
    std::mem::forget(run);
    written
}

/// The files the run read, which `--out` may not overwrite.
fn records_files(path: &std::path::Path) -> Vec<PathBuf> {
    match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => vec![path.to_path_buf()],
    }
}
