//! `kaohe explain --id ID`: one record's ledger, for an appeal.

use clap::Args;
use miette::miette;

use super::report::{Exit, Failure};
use super::Inputs;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The id of the staff member (`S0007`) or window (`W03`) to explain.
    #[arg(long)]
    id: String,
}

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let scored = super::score::score_inputs(&args.inputs)?;
    match kaohe::render::explain(&scored.version.policy, &scored.quarter, &scored.results, &args.id) {
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
