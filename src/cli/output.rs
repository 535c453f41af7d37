//! Where results go: stdout, or `--out FILE`, written whole or not at all.
//! The file is written beside its destination under a temporary name and
//! renamed into place only once complete, so a failed run leaves no output
//! file (and an old one untouched), and readers never see half a result.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::report::Failure;

/// Write the results through `render`, to `out` or to stdout. `inputs` are
/// the files the run reads: `--out` may not name one of them.
pub fn write(
    out: Option<&Path>,
    inputs: &[&Path],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let Some(path) = out else {
        let stdout = io::stdout();
        let mut writer = BufWriter::with_capacity(1 << 16, stdout.lock());
        return render(&mut writer)
            .and_then(|()| writer.flush())
            .map_err(|err| Failure::io(format!("cannot write the results: {err}")));
    };
    for input in inputs {
        if same_file(path, input) {
            return Err(Failure::io(format!(
                "`--out {}` would overwrite an input of this run; choose another file",
                path.display()
            )));
        }
    }
    let temp = temp_path(path);
    let result = File::create(&temp).and_then(|file| {
        let mut writer = BufWriter::with_capacity(1 << 16, file);
        render(&mut writer)?;
        let file = writer.into_inner().map_err(|err| err.into_error())?;
        file.sync_all()
    });
    match result.and_then(|()| std::fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            // Nothing half-written stays behind.
            let _ = std::fs::remove_file(&temp);
            Err(Failure::io(format!("cannot write `{}`: {err}", path.display())))
        }
    }
}

/// `results.json` → `.results.json.kaohe-tmp-<pid>` in the same directory,
/// so that the final rename never crosses a file system.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    path.with_file_name(format!(".{name}.kaohe-tmp-{}", std::process::id()))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
