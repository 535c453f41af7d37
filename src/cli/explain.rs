//! `kaohe explain --id ID`: one record's ledger, for an appeal.

use clap::Args;

use super::{Context, Failure, Inputs};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The staff member (`S0007`) or window (`W03`) to explain: its id, or
    /// its name (`张三`) when no other record has that name.
    #[arg(long)]
    id: String,
}

pub fn run(args: ExplainArgs, context: &Context) -> Result<(), Failure> {
    let (policies, scored) = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    context.warn(&policies.warnings())?;
    super::out::note(&scored.summary())?;
    let id = kaohe::app::period::find_record(&scored, &args.id, &args.inputs.facts)?;
    match kaohe::render::explain(&scored.version.policy, &scored.quarter, &scored.results, &id) {
        Some(ledger) => super::out::print(&ledger),
        None => Err(kaohe::app::Error::unknown_record(&args.id, &args.inputs.facts, None).into()),
    }
}
