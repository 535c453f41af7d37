//! `kaohe template`: a period's summary-layout workbook to fill in.

use std::path::PathBuf;

use clap::Args;

use kaohe::app::{Error, Fault};

use super::{Context, Failure};

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
