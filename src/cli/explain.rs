//! `kaohe explain --id ID`: one record's ledger, for an appeal.

use clap::Args;
use kaohe::app::{AppError, Error, Fault};

use super::{Failure, Inputs};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The id of the staff member (`S0007`) or window (`W03`) to explain.
    #[arg(long)]
    id: String,
}

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let scored = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    eprintln!("kaohe: {}", scored.summary());
    match kaohe::render::explain(&scored.version.policy, &scored.quarter, &scored.results, &args.id) {
        Some(ledger) => super::out::write(None, &[], |out| out.write_all(ledger.as_bytes())),
        None => {
            let ids = scored.quarter.staff.iter().chain(&scored.quarter.windows).map(|r| r.id.as_str());
            let suggestion = kaohe::suggest::did_you_mean_name(&args.id, ids);
            Err(Error::one(Fault::Facts, AppError::unknown_id(&args.id, &args.inputs.facts, suggestion)).into())
        }
    }
}
