//! `kaohe annual`: a year from its quarterly facts files.

use std::path::PathBuf;

use clap::Args;
use miette::miette;

use super::eval::Format;
use super::report::{Exit, Failure};
use super::score::{load_policies, read_facts, score, Scored};
use kaohe::eval::annual::{roll_up, ScoredQuarter};
use kaohe::facts::Period;

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The year's quarterly facts files (one to four, one per quarter, in any order).
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// `table` for a person at a terminal; `json` for other tools (docs/io.md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the results to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: AnnualArgs) -> Result<(), Failure> {
    let policies = load_policies(&args.policy)?;
    // Score every quarter, collecting every file's errors before giving up.
    let mut scored: Vec<(PathBuf, Scored)> = Vec::new();
    let mut failure: Option<Failure> = None;
    for path in &args.facts {
        let result = read_facts(path).and_then(|file| score(&policies, &args.policy, &file));
        match result {
            Ok(s) => scored.push((path.clone(), s)),
            Err(f) => match &mut failure {
                Some(all) => all.diagnostics.extend(f.diagnostics),
                None => failure = Some(f),
            },
        }
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    let year = check_periods(&scored)?;
    scored.sort_by_key(|(_, s)| s.quarter.period);

    let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| Failure::new(Exit::Facts, vec![miette!("year {year} is out of range")]))?;
    let version = policies.in_force(start).ok_or_else(|| {
        Failure::new(
            Exit::Policy,
            vec![miette::Report::new(policies.none_in_force(&args.policy, start, year.to_string()))],
        )
    })?;
    let policy = &version.policy;
    if policy.staff.annual.is_none() && policy.window.annual.is_none() {
        return Err(Failure::new(
            Exit::Policy,
            vec![miette!(
                help =
                    "add an `annual {{ total mean of quarters, rounded to 2 places [第十二条] … }}` block to a subject",
                "policy {} says nothing about the year",
                version.describe()
            )],
        ));
    }
    let quarters: Vec<ScoredQuarter<'_>> = scored
        .iter()
        .map(|(_, s)| ScoredQuarter { policy: &s.version.policy, quarter: &s.quarter, results: &s.results })
        .collect();
    let results = roll_up(policy, year, &quarters);
    eprintln!("kaohe: year {year} rolled up by policy {}", version.describe());
    if !results.missing.is_empty() {
        let missing: Vec<String> = results.missing.iter().map(Period::to_string).collect();
        eprintln!("kaohe: note: no facts for {}; annual totals average the quarters given", missing.join(", "));
    }

    let inputs: Vec<&std::path::Path> = args.facts.iter().map(PathBuf::as_path).collect();
    super::output::write(args.out.as_deref(), &inputs, |out| match args.format {
        Format::Table => kaohe::render::write_annual_table(out, policy, &results),
        Format::Json => kaohe::render::write_annual_json(out, policy, &results),
    })
}

/// All quarters of one year, each once; returns the year.
fn check_periods(scored: &[(PathBuf, Scored)]) -> Result<i32, Failure> {
    let mut errors = Vec::new();
    let mut year = None;
    let mut seen: Vec<(Period, &PathBuf)> = Vec::new();
    for (path, s) in scored {
        let period = s.quarter.period;
        let Period::Quarter { year: y, .. } = period else {
            errors.push(miette!(
                help = "give the year's quarterly files, each with a period like `2026-Q1`",
                "`{}` covers {period}, not a quarter",
                path.display()
            ));
            continue;
        };
        match year {
            None => year = Some((y, path)),
            Some((first, first_path)) if first != y => errors.push(miette!(
                help = "an annual roll-up takes the quarters of one year",
                "`{}` is {period}, but `{}` is in {first}",
                path.display(),
                first_path.display()
            )),
            Some(_) => {}
        }
        if let Some((_, other)) = seen.iter().find(|(p, _)| *p == period) {
            errors.push(miette!(
                help = "give each quarter once",
                "`{}` and `{}` are both {period}",
                other.display(),
                path.display()
            ));
        }
        seen.push((period, path));
    }
    match (year, errors.is_empty()) {
        (Some((y, _)), true) => Ok(y),
        _ => Err(Failure::new(Exit::Facts, errors)),
    }
}
