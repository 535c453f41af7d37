//! Safe output files.
//!
//! A result is written to a temporary file created exclusively (a random
//! name, `O_EXCL`: nobody can have put a link there) in the directory of
//! its destination, synced, given the mode (and, where permitted, the owner)
//! of the file it replaces, and only then renamed over it: a reader sees the
//! old file or the new one, never half of one, and a failed run leaves the
//! old one as it was. A destination that is a symbolic link is written
//! through: its target is replaced, in the target's directory, and the link
//! stays. A destination that is not a regular file (a device, a pipe) is
//! refused, except that a path naming the process's own standard output
//! (`/dev/stdout`) is just standard output. A destination that is one of the
//! run's inputs is refused before anything is written.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub use super::error::OutputError;
use super::stdio::PrintError;

/// Where output goes.
enum Target {
    Stdout,
    /// The file to replace (a link's target), and whether it exists.
    File(PathBuf),
}

/// Write through `render` to `out` (a file), or to standard output when
/// `out` is `None`. `inputs` are every file the run reads. A closed
/// standard output is not an error here: the caller decides.
pub fn write(
    out: Option<&Path>,
    inputs: &[&Path],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = match out {
        None => Target::Stdout,
        Some(path) => target(path, inputs)?,
    };
    match target {
        Target::Stdout => super::stdio::stdout_with(render).map_err(WriteError::Stdout),
        Target::File(path) => replace_with(&path, render)
            .map_err(|err| WriteError::File(OutputError::Io { path: path.display().to_string(), reason: err.into() })),
    }
}

/// Why a write failed: the file could not be made, or standard output
/// could not be written (a full disk, or a reader that has gone).
#[derive(Debug)]
pub enum WriteError {
    File(OutputError),
    Stdout(PrintError),
}

impl From<OutputError> for WriteError {
    fn from(err: OutputError) -> WriteError {
        WriteError::File(err)
    }
}

/// What writing to `path` means: the file it names (through links), or
/// standard output; refused if it is an input or not a regular file.
fn target(path: &Path, inputs: &[&Path]) -> Result<Target, OutputError> {
    let shown = path.display().to_string();
    let io = |err: io::Error| OutputError::Io { path: shown.clone(), reason: err.into() };
    let resolved = through_links(path).map_err(io)?;
    for input in inputs {
        if same_file(&resolved, input) {
            return Err(OutputError::WouldOverwriteInput { path: shown, input: input.display().to_string() });
        }
    }
    match std::fs::metadata(&resolved) {
        Ok(meta) if meta.is_file() => Ok(Target::File(resolved)),
        Ok(_) if is_stdout(&resolved) => Ok(Target::Stdout),
        Ok(_) => Err(OutputError::NotRegular { path: shown }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Target::File(resolved)),
        Err(err) => Err(io(err)),
    }
}

/// The file writing to `path` would really replace: through links.
fn through_links(path: &Path) -> io::Result<PathBuf> {
    match path.symlink_metadata() {
        Ok(meta) if meta.file_type().is_symlink() => match path.canonicalize() {
            Ok(real) => Ok(real),
            // A dangling link: its target would be created; where it points decides.
            Err(_) => dangling_target(path),
        },
        Ok(_) => Ok(path.to_path_buf()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(err) => Err(err),
    }
}

/// Where a dangling link points, relative to the link's directory.
fn dangling_target(link: &Path) -> io::Result<PathBuf> {
    let to = std::fs::read_link(link)?;
    Ok(if to.is_absolute() { to } else { link.parent().unwrap_or(Path::new(".")).join(to) })
}

/// Whether two paths name the same file (by device and inode, so that hard
/// links and different spellings of one path are caught).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        },
    }
}

/// Whether `path` is the file this process's standard output goes to.
fn is_stdout(path: &Path) -> bool {
    same_file(path, Path::new("/dev/stdout"))
}

/// Replace the regular file at `path` (or create it) with what `render`
/// writes, atomically; through a link, whose target is replaced (`kaohe
/// fmt` given a link to a `.rules` file formats that file, and the link
/// stays a link).
#[allow(clippy::disallowed_methods, reason = "the one writer of output files")]
pub fn replace_with(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let path = &through_links(path)?;
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let existing = std::fs::metadata(path).ok();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".kaohe-tmp");
    // Replacing a file, the temporary one stays private (0600) until it is
    // given the old file's mode; a new file is made as any other program
    // makes one (0666 less the umask), not private by surprise.
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    {
        let mut writer = BufWriter::with_capacity(1 << 16, temp.as_file());
        render(&mut writer)?;
        writer.flush()?;
    }
    if let Some(meta) = &existing {
        keep_owner_and_mode(temp.as_file(), meta)?;
    }
    temp.as_file().sync_all()?;
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Give the new file the mode of the one it replaces, and its owner where
/// this process may (root may; others keep their own).
fn keep_owner_and_mode(file: &std::fs::File, old: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    file.set_permissions(old.permissions())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::disallowed_methods)]

    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kaohe-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn write_to(path: &Path, inputs: &[&Path], text: &str) -> Result<(), WriteError> {
        write(Some(path), inputs, |out| out.write_all(text.as_bytes()))
    }

    #[test]
    fn a_link_is_written_through_and_kept() {
        let dir = scratch("link");
        let target = dir.join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_to(&link, &[], "new").unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    /// `kaohe fmt` replaces its file by `replace_with` itself, not through
    /// `write`: a link to the file is written through there too.
    #[test]
    fn replacing_through_a_link_replaces_its_target() {
        let dir = scratch("replace-link");
        let target = dir.join("real.rules");
        std::fs::write(&target, "old").unwrap();
        let link = dir.join("link.rules");
        std::os::unix::fs::symlink("real.rules", &link).unwrap();
        replace_with(&link, |out| out.write_all(b"new")).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink(), "the link stays");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn the_mode_of_a_replaced_file_is_kept() {
        let dir = scratch("mode");
        let path = dir.join("private.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_to(&path, &[], "new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn an_input_is_never_overwritten() {
        let dir = scratch("input");
        let input = dir.join("facts.json");
        std::fs::write(&input, "facts").unwrap();
        let link = dir.join("alias.json");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        for out in [&input, &link, &dir.join("./facts.json")] {
            assert!(matches!(
                write_to(out, &[&input], "x"),
                Err(WriteError::File(OutputError::WouldOverwriteInput { .. }))
            ));
        }
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "facts");
    }

    #[test]
    fn a_device_is_refused() {
        // /dev/null is not this test's stdout (cargo captures it in a pipe).
        assert!(matches!(
            write_to(Path::new("/dev/null"), &[], "x"),
            Err(WriteError::File(OutputError::NotRegular { .. }))
        ));
    }

    /// Issue 9, Why 2: the temporary file is a fresh regular file (created
    /// exclusively, so never a link planted there), private while it is
    /// written, under a random name: not the process id, which another user
    /// of a shared folder could guess.
    #[test]
    fn the_temporary_file_is_random_exclusive_and_private() {
        use std::os::unix::fs::MetadataExt;
        let dir = scratch("temp-name");
        let path = dir.join("results.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let mut seen = Vec::new();
        for _ in 0..2 {
            replace_with(&path, |out| {
                let temps: Vec<PathBuf> = std::fs::read_dir(&dir)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(".kaohe-tmp"))
                    .collect();
                assert_eq!(temps.len(), 1, "{temps:?}");
                let name = temps[0].file_name().unwrap().to_string_lossy().into_owned();
                assert!(name.starts_with(".results.json."), "{name}");
                assert!(!name.contains(&std::process::id().to_string()), "{name}");
                let meta = temps[0].symlink_metadata().unwrap();
                assert!(meta.file_type().is_file());
                assert_eq!(meta.mode() & 0o077, 0, "nobody else can read it while it is written");
                seen.push(name);
                out.write_all(b"{}")
            })
            .unwrap();
        }
        assert_ne!(seen[0], seen[1], "a new random name each time");
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o640, "then given the old file's mode");
    }

    /// A new output file gets the usual mode, not a private one by surprise.
    #[test]
    fn a_new_file_is_made_as_other_programs_make_one() {
        let dir = scratch("new-mode");
        let path = dir.join("new.json");
        write_to(&path, &[], "{}").unwrap();
        let probe = dir.join("probe");
        std::fs::write(&probe, "").unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777
        );
    }

    #[test]
    fn a_failed_render_leaves_nothing() {
        let dir = scratch("failed");
        let path = dir.join("out.json");
        std::fs::write(&path, "old").unwrap();
        let result = write(Some(&path), &[], |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}
