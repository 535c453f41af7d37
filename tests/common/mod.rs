//! Shared helpers for the integration tests: run the real `kaohe` binary and
//! capture what a user would see.
#![allow(dead_code, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `kaohe` with these arguments from the crate root, colour off.
pub fn kaohe(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .args(args)
        .arg("--color=never")
        .current_dir(root())
        .output()
        .unwrap_or_else(|err| panic!("cannot run kaohe: {err}"));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty directory under the target dir (kept for inspection on failure).
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("cannot create {}: {err}", dir.display()));
    dir
}

/// Copy the current version of the shipped policy into `dir`.
pub fn copy_policy(dir: &Path) {
    let shipped = root().join("policies/luoshan/2026");
    for entry in std::fs::read_dir(&shipped).unwrap_or_else(|err| panic!("{err}")) {
        let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
        if path.extension().is_some_and(|e| e == "rules") {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, dir.join(name)).unwrap_or_else(|err| panic!("{err}"));
        }
    }
}
