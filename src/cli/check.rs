//! `kaohe check --policy DIR`: parse and check a policy without facts, and
//! warn about what is probably a mistake (`kaohe::check::lint`).

use std::path::PathBuf;

use clap::Args;
use kaohe::app::Fault;

use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The policy directory to check, e.g. `policies/luoshan`: one version's
    /// `.rules` files, or one subdirectory per version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// Refuse the policy (exit 3) when there is any warning, as CI should.
    #[arg(long)]
    deny_warnings: bool,
}

/// Errors exit 3 with nothing on stdout; warnings are printed on stderr after
/// the summary, and exit 3 only with `--deny-warnings` (then stdout is empty).
pub fn run(args: CheckArgs, context: &Context) -> Result<(), Failure> {
    // Every version is checked: one that does not load is refused here, even
    // when no period needs it yet.
    let (loaded, warnings) = kaohe::app::load::read_with_warnings(&args.policy)?;
    let policies = loaded.strict()?;
    let denied = args.deny_warnings && !warnings.is_empty();
    if !denied {
        let summary = kaohe::render::check_summary(&policies);
        super::out::print(&summary)?;
    }
    if !warnings.is_empty() {
        super::out::eprint(&context.diagnostics.warnings(&warnings, denied))?;
    }
    if denied {
        Err(Failure::Exit(super::exit::status(Fault::Policy)))
    } else {
        Ok(())
    }
}
