//! `kaohe template`: a period's summary-layout workbook to fill in.

use std::path::PathBuf;

use clap::Args;

use kaohe::app::{Error, Fault};

use super::{Context, Failure};

pub const AFTER_HELP: &str = "\
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

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The policy directory, e.g. `policies/luoshan`: the version in force
    /// for the period gives the columns and the validation.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The period the workbook is for: a quarter like `2026-Q4`, a year or a month.
    #[arg(long)]
    period: String,
    /// The roster to fill in: `roster.csv` of docs/records.md in kaohe's source tree (工号, 姓名,
    /// 窗口编号, 角色, 进驻日期, 离开日期), with window names from
    /// `windows.csv` beside it; or a records workbook (its sheets 人员 and 窗口).
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// Write the workbook to FILE (`.xlsx`): whole or not at all, never
    /// over an input.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: TemplateArgs, context: &Context) -> Result<(), Failure> {
    if !args.out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        let error = kaohe::app::AppError::TemplateNotXlsx { out: args.out.display().to_string() };
        return Err(Error::one(Fault::Usage, error).into());
    }
    let period = kaohe::app::template::parse_period(&args.period)?;
    let (policies, template) = kaohe::app::template::template(&args.policy, period, args.roster.as_deref())?;
    context.warn(&policies.warnings())?;
    let mut inputs = policies.input_paths();
    inputs.extend(args.roster.as_deref());
    super::out::write(Some(&args.out), &inputs, |out| out.write_all(&template.bytes))?;
    context.note(&template.summary(period, &args.out))?;
    Ok(())
}
