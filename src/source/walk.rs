//! The one directory walker. Every command that looks into a directory (the
//! versions of a policy, the `.rules` files of one version, its test cases,
//! the files `fmt` is given) goes through here, so that they agree on order
//! (by name, every run alike), on links (followed; a broken or looping one is
//! an error naming it, never silently left out) and on what is never read
//! (a pipe or a device would block or never end).

use std::path::{Path, PathBuf};

use super::error::ReadError;
use super::SourceFile;

fn io_error(path: &Path, err: std::io::Error) -> ReadError {
    ReadError::io(path, err)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|x| x == ext)
}

/// The entries of `dir`, sorted by name.
fn entries(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|err| io_error(dir, err))? {
        paths.push(entry.map_err(|err| io_error(dir, err))?.path());
    }
    paths.sort();
    Ok(paths)
}

/// The regular files of `dir` (not below it) whose extension is `ext`, in
/// name order. A directory named so is not read into. An entry with the
/// extension that is not a readable regular file is an error, and so is a
/// directory that cannot be listed; `dir` not being a directory is
/// [`ReadError::NotADirectory`].
pub fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Vec<ReadError>> {
    if dir.is_file() {
        return Err(vec![ReadError::NotADirectory { path: dir.display().to_string() }]);
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in entries(dir).map_err(|err| vec![err])? {
        if !has_extension(&path, ext) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => found.push(path),
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => errors.push(ReadError::NotRegular { path: path.display().to_string() }),
            Err(err) => errors.push(io_error(&path, err)),
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// The subdirectories of `dir` that hold at least one `ext` entry, in name
/// order: the versions of a policy. A subdirectory that cannot be listed,
/// and a link that leads nowhere (dangling, or looping), are returned too,
/// so that reading them reports why: a version that cannot be read is an
/// error, never silently left out.
pub fn subdirs_with(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, ReadError> {
    let mut found = Vec::new();
    for path in entries(dir)? {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => continue,
            Err(_) => {
                found.push(path);
                continue;
            }
        }
        match entries(&path) {
            Ok(children) if children.iter().any(|c| has_extension(c, ext)) => found.push(path),
            Ok(_) => {}
            Err(_) => found.push(path),
        }
    }
    Ok(found)
}

/// Every regular `ext` file beneath `dir`, depth first in name order,
/// skipping hidden entries and symbolic links (a link cannot make the walk
/// loop or leave the tree). Errors are collected, and the walk goes on.
pub fn tree(dir: &Path, ext: &str, errors: &mut Vec<ReadError>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk_tree(dir, ext, &mut found, errors);
    found
}

fn walk_tree(dir: &Path, ext: &str, found: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>) {
    let children = match entries(dir) {
        Ok(children) => children,
        Err(err) => {
            errors.push(err);
            return;
        }
    };
    for path in children {
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        let kind = match path.symlink_metadata() {
            Ok(meta) => meta.file_type(),
            Err(err) => {
                errors.push(io_error(&path, err));
                continue;
            }
        };
        if kind.is_dir() {
            walk_tree(&path, ext, found, errors);
        } else if kind.is_file() && has_extension(&path, ext) {
            found.push(path);
        }
    }
}

/// The `.rules` files of one policy version's directory, read. Every file
/// that cannot be read is reported, and a directory without one is
/// [`ReadError::NoRules`].
pub fn read_policy_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<ReadError>> {
    let paths = files(dir, "rules")?;
    if paths.is_empty() {
        return Err(vec![ReadError::NoRules { path: dir.display().to_string() }]);
    }
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(file) => read.push(file),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(read)
    } else {
        Err(errors)
    }
}
