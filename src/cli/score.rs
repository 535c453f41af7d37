//! The shared front of `eval`, `explain` and `annual`: read a facts file,
//! pick the policy version in force for its period, load and score it.

use std::path::Path;

use miette::Report;

use super::report::{Exit, Failure};
use kaohe::eval::Results;
use kaohe::facts::Quarter;
use kaohe::source::SourceFile;
use kaohe::{Policies, Version};

/// A period scored against the policy version in force for it.
pub struct Scored {
    pub version: Version,
    pub quarter: Quarter,
    pub results: Results,
}

pub fn load_policies(dir: &Path) -> Result<Policies, Failure> {
    kaohe::load_policies(dir).map_err(|errs| Failure::new(Exit::Policy, errs))
}

pub fn read_facts(path: &Path) -> Result<SourceFile, Failure> {
    SourceFile::read(path).map_err(|err| {
        // A file that is there but is not text is bad facts; one that cannot be read is not.
        let exit = if err.is_not_text() { Exit::Facts } else { Exit::Io };
        Failure::new(exit, vec![Report::new(err)])
    })
}

/// Score one facts file with the version of `policies` in force for its period.
pub fn score(policies: &Policies, dir: &Path, file: &SourceFile) -> Result<Scored, Failure> {
    let facts_failure =
        |errs: Vec<kaohe::facts::FactsError>| Failure::new(Exit::Facts, errs.into_iter().map(Report::new).collect());
    let root = kaohe::facts::parse(file).map_err(facts_failure)?;
    let period = kaohe::facts::peek_period(&root);
    // Without a readable period the newest version reads the file, and
    // reports the period along with anything else wrong in it.
    let version = match period.and_then(|p| p.start().map(|start| (p, start))) {
        Some((period, start)) => policies.in_force(start).ok_or_else(|| {
            Failure::new(Exit::Policy, vec![Report::new(policies.none_in_force(dir, start, period.to_string()))])
        })?,
        None => policies.latest().ok_or_else(|| Failure::io("the policy has no version".into()))?,
    };
    let quarter = kaohe::facts::load_parsed(file, &root, &version.policy).map_err(facts_failure)?;
    // The records hold what scoring needs; the JSON tree can go before it starts.
    drop(root);
    let results = kaohe::eval::evaluate(&version.policy, &quarter);
    eprintln!(
        "kaohe: {}: {} staff and {} windows scored by policy {}",
        quarter.period,
        quarter.staff.len(),
        quarter.windows.len(),
        version.describe()
    );
    Ok(Scored { version: version.clone(), quarter, results })
}

/// Load the policy and one facts file and score it: `eval` and `explain`.
pub fn score_inputs(inputs: &super::Inputs) -> Result<Scored, Failure> {
    let policies = load_policies(&inputs.policy)?;
    let file = read_facts(&inputs.facts)?;
    score(&policies, &inputs.policy, &file)
}
