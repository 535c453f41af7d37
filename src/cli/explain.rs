//! `kaohe explain --id ID`: one record's ledger, for an appeal.

use clap::Args;
use miette::miette;

use super::report::{Exit, Failure};
use super::Inputs;
use kaohe::eval::Results;
use kaohe::facts::Quarter;
use kaohe::source::SourceFile;
use kaohe::Policy;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The id of the staff member (`S0007`) or window (`W03`) to explain.
    #[arg(long)]
    id: String,
}

/// A period scored against a policy.
pub struct Scored {
    pub policy: Policy,
    pub quarter: Quarter,
    pub results: Results,
}

/// Load the policy, then the facts, then score: the shared front of `eval` and `explain`.
pub fn score(inputs: &super::Inputs) -> Result<Scored, Failure> {
    let policy = kaohe::load_policy(&inputs.policy).map_err(|errs| Failure::new(Exit::Policy, errs))?;
    let file = SourceFile::read(&inputs.facts).map_err(|err| Failure::new(Exit::Io, vec![miette::Report::new(err)]))?;
    let quarter = kaohe::facts::load(&file, &policy)
        .map_err(|errs| Failure::new(Exit::Facts, errs.into_iter().map(miette::Report::new).collect()))?;
    let results = kaohe::eval::evaluate(&policy, &quarter);
    Ok(Scored { policy, quarter, results })
}

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let scored = score(&args.inputs)?;
    match kaohe::render::explain(&scored.policy, &scored.quarter, &scored.results, &args.id) {
        Some(ledger) => {
            print!("{ledger}");
            Ok(())
        }
        None => {
            let ids = scored.quarter.staff.iter().chain(&scored.quarter.windows).map(|r| r.id.as_str());
            let hint =
                kaohe::suggest::closest(&args.id, ids).map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            Err(Failure::new(
                Exit::Facts,
                vec![miette!(
                    "no staff member or window has id `{}` in `{}`{hint}",
                    args.id,
                    args.inputs.facts.display()
                )],
            ))
        }
    }
}
