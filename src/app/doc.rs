//! `kaohe doc`: which versions of a policy to print.

use super::error::{AppError, Error, Fault, Needed, VersionName};
use super::load::Loaded;
use crate::policy::Version;

/// Of the policy read from `dir`: every version with `all`, the one named
/// `wanted` (its subdirectory name, `2026`, or its effective date,
/// `2026-01-01`), or else the newest. Each chosen version must have loaded;
/// the others need not.
pub fn versions<'a>(loaded: &'a mut Loaded, wanted: Option<&str>, all: bool) -> Result<Vec<&'a Version>, Error> {
    if all {
        if let Some(broken) = loaded.broken.first_mut() {
            return Err(Error::version_in_force_rejected(broken, Needed::All));
        }
        return Ok(loaded.policies.versions.iter().collect());
    }
    let Some(wanted) = wanted else { return Ok(vec![loaded.newest()?]) };
    if let Some(broken) = loaded.broken.iter_mut().find(|b| {
        b.dir.file_name().is_some_and(|name| name == wanted) || b.effective.is_some_and(|d| d.to_string() == wanted)
    }) {
        return Err(Error::version_in_force_rejected(broken, Needed::Asked { wanted: wanted.to_string() }));
    }
    let dir = loaded.dir.clone();
    match loaded.policies.versions.iter().find(|v| is_version(v, wanted)) {
        Some(version) => Ok(vec![version]),
        None => {
            let versions =
                loaded.policies.versions.iter().map(|v| VersionName::of(&v.dir, v.policy.effective)).collect();
            let error =
                AppError::NoSuchVersion { dir: dir.display().to_string(), wanted: wanted.to_string(), versions };
            Err(Error::one(Fault::Usage, error))
        }
    }
}

/// `2026` names the version in `…/2026/`; `2026-01-01` the one effective then.
fn is_version(version: &Version, wanted: &str) -> bool {
    version.dir.file_name().is_some_and(|name| name == wanted)
        || version.policy.effective.is_some_and(|date| date.to_string() == wanted)
}
