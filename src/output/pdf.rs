//! PDF through a headless Chromium (or Chrome) found on the machine: the
//! page is written to a private temporary directory and printed there, and
//! the PDF's bytes come back to be written like any other output (whole,
//! or not at all). Nothing is fetched: a page kaohe prints loads nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub use super::error::OutputError as PdfError;

/// The names a Chromium or Chrome goes by on a `PATH`.
const BROWSERS: [&str; 5] = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

/// The variable that names the browser to print with, ahead of `PATH`.
pub const BROWSER_VARIABLE: &str = "KAOHE_CHROMIUM";

/// How long a browser may take to print one page.
const LIMIT: Duration = Duration::from_secs(120);

/// The browser to print with: `KAOHE_CHROMIUM`, else the first of the usual
/// names found on `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Print `html` to PDF with `browser`, A4 as the page's own CSS says.
#[allow(clippy::disallowed_methods, reason = "the page and the log are written in a private temporary directory")]
pub fn print(browser: &Path, html: &str) -> Result<Vec<u8>, PdfError> {
    let failed = |reason: String| PdfError::Print { browser: browser.display().to_string(), reason };
    let dir = tempfile::Builder::new().prefix("kaohe-print.").tempdir().map_err(|e| failed(e.to_string()))?;
    let page = dir.path().join("page.html");
    let pdf = dir.path().join("page.pdf");
    std::fs::write(&page, html).map_err(|e| failed(e.to_string()))?;
    // Into a file, not a pipe: a chatty browser cannot fill it and stall.
    let log = dir.path().join("stderr.txt");
    let stderr = std::fs::File::create(&log).map_err(|e| failed(e.to_string()))?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            // The browser runs only kaohe's own page, which has no script and loads nothing.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("it took more than {} seconds", LIMIT.as_secs())));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !bytes.starts_with(b"%PDF") {
        let stderr = std::fs::read_to_string(&log).unwrap_or_default();
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no PDF was written");
        return Err(failed(format!("{status}: {last}")));
    }
    Ok(bytes)
}
