//! `kaohe doc`: which versions of a policy to print, and the files the
//! printout must not be written over.

use std::path::{Path, PathBuf};

use super::error::{AppError, Error, Fault};
use crate::policy::{Policies, Version};
use crate::source::walk;

/// Of `policies` (read from `dir`): every version with `all`, the one named
/// `wanted` (its subdirectory name, `2026`, or its effective date,
/// `2026-01-01`), or else the newest.
pub fn versions<'a>(
    policies: &'a Policies,
    dir: &Path,
    wanted: Option<&str>,
    all: bool,
) -> Result<Vec<&'a Version>, Error> {
    if all {
        return Ok(policies.versions.iter().collect());
    }
    let Some(wanted) = wanted else { return Ok(policies.latest().into_iter().collect()) };
    match policies.versions.iter().find(|v| is_version(v, wanted)) {
        Some(version) => Ok(vec![version]),
        None => {
            let known: Vec<String> = policies.versions.iter().map(Version::describe).collect();
            Err(Error::one(
                Fault::Usage,
                AppError::NoSuchVersion { dir: dir.display().to_string(), wanted: wanted.to_string(), versions: known },
            ))
        }
    }
}

/// `2026` names the version in `…/2026/`; `2026-01-01` the one effective then.
fn is_version(version: &Version, wanted: &str) -> bool {
    version.dir.file_name().is_some_and(|name| name == wanted)
        || version.policy.effective.is_some_and(|date| date.to_string() == wanted)
}

/// The `.rules` files of these versions: what `--out` may not name.
pub fn rules_files(versions: &[&Version]) -> Vec<PathBuf> {
    versions.iter().flat_map(|v| walk::files(&v.dir, "rules").unwrap_or_default()).collect()
}
