//! The benchmark driver: runs kaohe and every other scorer on quarters of
//! each size, checks that every scorer's staff and window totals (and grades)
//! equal kaohe's exactly, and prints a Markdown table.
//!
//! ```text
//! compare [--sizes 10000,100000,1000000] [--runs 3] [--engines kaohe,hand,...]
//! ```
//!
//! `run.sh` builds everything and calls this; run it from anywhere. Paths are
//! the bench package's: quarters and results go to `bench/out/`, quarters are
//! made by the root crate's `gen_quarter` example (`--windows N/100 --seed
//! 42`), kaohe is the root crate's release binary. Each run of each scorer is
//! timed from spawn to exit (wall) and measured by GNU time (`%M`, peak
//! resident set); a size's wall is the median of its runs and its memory the
//! largest. Any scorer that fails, or whose totals or grades differ from
//! kaohe's, fails the whole run (exit 1) after the table is printed.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use bench::Dec;
use serde::Deserialize;

const ALL_ENGINES: [&str; 5] = ["kaohe", "hand", "parse_value", "zen", "rego"];

struct Options {
    sizes: Vec<u64>,
    runs: usize,
    engines: Vec<String>,
    small_runs: usize,
    /// Count instructions (callgrind) of kaohe and hand at each size.
    instructions: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: compare [--sizes 10000,100000] [--runs 3] [--engines {}] [--small-runs 50] [--no-instructions]",
        ALL_ENGINES.join(",")
    );
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut o = Options {
        sizes: vec![10_000, 100_000],
        runs: 3,
        engines: ALL_ENGINES.iter().map(|s| s.to_string()).collect(),
        small_runs: 50,
        instructions: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--sizes" => {
                o.sizes = value().split(',').map(|s| s.trim().parse().unwrap_or_else(|_| usage())).collect();
            }
            "--runs" => o.runs = value().parse().unwrap_or_else(|_| usage()),
            "--small-runs" => o.small_runs = value().parse().unwrap_or_else(|_| usage()),
            "--no-instructions" => o.instructions = false,
            "--engines" => {
                o.engines = value().split(',').map(|s| s.trim().to_string()).collect();
                if o.engines.iter().any(|e| !ALL_ENGINES.contains(&e.as_str())) {
                    usage();
                }
                if !o.engines.iter().any(|e| e == "kaohe") {
                    o.engines.insert(0, "kaohe".into());
                }
            }
            _ => usage(),
        }
    }
    if o.runs == 0 || o.sizes.iter().any(|&n| n < 100) {
        usage();
    }
    o
}

struct Paths {
    root: PathBuf,
    bins: PathBuf,
    out: PathBuf,
}

impl Paths {
    fn new() -> Paths {
        let bench = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        // KAOHE_ROOT: another checkout of kaohe to measure (its release
        // binary, policies, example and generator); by default the one this
        // package sits in.
        let root = match std::env::var_os("KAOHE_ROOT") {
            Some(r) => PathBuf::from(r),
            None => bench.parent().map(Path::to_path_buf).unwrap_or_else(|| bench.join("..")),
        };
        let bins = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| bench.join("target/release"));
        let out = bench.join("out");
        Paths { root, bins, out }
    }

    fn kaohe(&self) -> PathBuf {
        self.root.join("target/release/kaohe")
    }

    fn command(&self, engine: &str, facts: &Path) -> Command {
        if engine == "kaohe" {
            let mut c = Command::new(self.kaohe());
            c.arg("eval")
                .arg("--policy")
                .arg(self.root.join("policies/luoshan"))
                .arg("--facts")
                .arg(facts)
                .arg("--format")
                .arg("json");
            c
        } else {
            let mut c = Command::new(self.bins.join(engine));
            c.arg(facts);
            c
        }
    }
}

/// One measured run: wall seconds, peak resident MiB.
fn measure(paths: &Paths, engine: &str, facts: &Path, output: &Path) -> Result<(f64, f64), String> {
    let time_file = paths.out.join(format!(".time-{engine}"));
    let inner = paths.command(engine, facts);
    let mut c = Command::new("/usr/bin/time");
    c.arg("-f").arg("%e %M").arg("-o").arg(&time_file);
    c.arg(inner.get_program());
    c.args(inner.get_args());
    let stdout = File::create(output).map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    let stderr_path = paths.out.join(format!(".stderr-{engine}"));
    let stderr = File::create(&stderr_path).map_err(|e| format!("cannot create {}: {e}", stderr_path.display()))?;
    let start = Instant::now();
    let status = c
        .stdout(stdout)
        .stderr(stderr)
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run /usr/bin/time (apt-get install -y time): {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    if !status.success() {
        let err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
        return Err(format!("{engine} failed ({status}) on {}:\n{}", facts.display(), tail(&err, 20)));
    }
    let time = std::fs::read_to_string(&time_file).map_err(|e| format!("no GNU time output: {e}"))?;
    let kib: f64 = time
        .split_whitespace()
        .last()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("cannot read GNU time's output `{}`", time.trim()))?;
    Ok((wall, kib / 1024.0))
}

fn tail(s: &str, lines: usize) -> String {
    let all: Vec<&str> = s.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The instructions one run of `engine` executes, whole process, as
/// callgrind counts them (independent of the machine's load).
fn instructions(paths: &Paths, engine: &str, facts: &Path) -> Result<u64, String> {
    let inner = paths.command(engine, facts);
    let log = paths.out.join(format!(".callgrind-{engine}"));
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(format!("--log-file={}", log.display()))
        .arg(inner.get_program())
        .args(inner.get_args())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run valgrind (apt-get install -y valgrind, or --no-instructions): {e}"))?;
    let text = std::fs::read_to_string(&log).map_err(|e| format!("no callgrind log {}: {e}", log.display()))?;
    if !status.success() {
        return Err(format!("{engine} under callgrind failed ({status}):\n{}", tail(&text, 10)));
    }
    // `==123== Collected : 1969912345`
    text.lines()
        .find_map(|line| line.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("no `Collected :` line in {}", log.display()))
}

/// [`instructions`], said on stderr as it goes; a failure is kept in `failures`.
fn counted(paths: &Paths, engine: &str, facts: &Path, what: &str, failures: &mut Vec<String>) -> Option<u64> {
    eprint!("compare: {engine} on {what} under callgrind … ");
    let _ = std::io::stderr().flush();
    match instructions(paths, engine, facts) {
        Ok(n) => {
            eprintln!("{:.1} M instructions", n as f64 / 1e6);
            Some(n)
        }
        Err(e) => {
            eprintln!("FAILED");
            failures.push(e);
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Results, as far as they are compared
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct Results {
    staff: Vec<Record>,
    windows: Vec<Record>,
}

#[derive(Deserialize)]
struct Record {
    id: String,
    total: Dec,
    grade: String,
}

fn read_results(path: &Path) -> Result<Results, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    serde_json::from_reader(BufReader::with_capacity(1 << 20, file))
        .map_err(|e| format!("cannot read the results in {}: {e}", path.display()))
}

/// The differences between an engine's results and kaohe's, at most a few
/// spelled out, and how many in all.
fn differences(engine: &str, theirs: &Results, kaohe: &Results) -> Vec<String> {
    let mut found = Vec::new();
    let mut count = 0usize;
    for (list, a, b) in [("staff", &theirs.staff, &kaohe.staff), ("windows", &theirs.windows, &kaohe.windows)] {
        if a.len() != b.len() {
            found.push(format!("{engine}: {} {list} records, kaohe has {}", a.len(), b.len()));
            count += 1;
        }
        for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
            let problem = if x.id != y.id {
                Some(format!("{list}[{i}]: id `{}`, kaohe `{}`", x.id, y.id))
            } else if x.total.0 != y.total.0 {
                Some(format!("{list}[{i}] `{}`: total {}, kaohe {}", x.id, x.total.0, y.total.0))
            } else if x.grade != y.grade {
                Some(format!("{list}[{i}] `{}`: grade {}, kaohe {}", x.id, x.grade, y.grade))
            } else {
                None
            };
            if let Some(p) = problem {
                count += 1;
                if found.len() < 10 {
                    found.push(format!("{engine}: {p}"));
                }
            }
        }
    }
    if count > found.len() {
        found.push(format!("{engine}: … {count} differences in all"));
    }
    found
}

// ---------------------------------------------------------------------------

struct Row {
    engine: String,
    size: u64,
    records: u64,
    /// Median and fastest of the runs, seconds.
    wall: f64,
    fastest: f64,
    mib: f64,
    /// Instructions of one run, when counted.
    instructions: Option<u64>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn facts_file(paths: &Paths, size: u64) -> Result<PathBuf, String> {
    let path = paths.out.join(format!("q{size}.json"));
    if path.exists() {
        return Ok(path);
    }
    let generator = paths.root.join("target/release/examples/gen_quarter");
    eprintln!("compare: generating {} ({size} staff, {} windows, seed 42)", path.display(), size / 100);
    let out = File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let status = Command::new(&generator)
        .args(["--staff", &size.to_string(), "--windows", &(size / 100).to_string(), "--seed", "42"])
        .stdout(out)
        .status()
        .map_err(|e| format!("cannot run {} (run.sh builds it): {e}", generator.display()))?;
    if !status.success() {
        let _ = std::fs::remove_file(&path);
        return Err(format!("gen_quarter failed: {status}"));
    }
    Ok(path)
}

/// Start-to-exit time of kaohe on the 40-staff example quarter, over `runs`
/// runs: (median, min) in milliseconds.
fn small_quarter(paths: &Paths, runs: usize) -> Result<(f64, f64), String> {
    let facts = paths.root.join("examples/2026-Q3.json");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs + 3 {
        let start = Instant::now();
        let status = paths
            .command("kaohe", &facts)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run kaohe: {e}"))?;
        let t = start.elapsed().as_secs_f64() * 1000.0;
        if !status.success() {
            return Err(format!("kaohe failed on {}: {status}", facts.display()));
        }
        times.push(t);
    }
    let times = times.split_off(3); // the first runs warm the page cache
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    Ok((median(times), min))
}

fn main() -> ExitCode {
    let options = parse_args();
    let paths = Paths::new();
    if let Err(e) = std::fs::create_dir_all(&paths.out) {
        eprintln!("compare: cannot create {}: {e}", paths.out.display());
        return ExitCode::FAILURE;
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let load_before = load_average();

    for &size in &options.sizes {
        let facts = match facts_file(&paths, size) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("compare: {e}");
                return ExitCode::FAILURE;
            }
        };
        let records = size + size / 100;
        let mut kaohe: Option<Results> = None;
        for engine in &options.engines {
            let output = paths.out.join(format!("{engine}-{size}.json"));
            let mut walls = Vec::new();
            let mut peak: f64 = 0.0;
            let mut failed = false;
            for run in 0..options.runs {
                eprint!("compare: {engine} on {size} staff, run {}/{} … ", run + 1, options.runs);
                let _ = std::io::stderr().flush();
                match measure(&paths, engine, &facts, &output) {
                    Ok((wall, mib)) => {
                        eprintln!("{wall:.3} s, {mib:.1} MiB");
                        walls.push(wall);
                        peak = peak.max(mib);
                    }
                    Err(e) => {
                        eprintln!("FAILED");
                        failures.push(e);
                        failed = true;
                        break;
                    }
                }
            }
            if failed {
                continue;
            }
            let fastest = walls.iter().copied().fold(f64::INFINITY, f64::min);
            let counted = if options.instructions && (engine == "kaohe" || engine == "hand") {
                counted(&paths, engine, &facts, &format!("{size} staff"), &mut failures)
            } else {
                None
            };
            rows.push(Row {
                engine: engine.clone(),
                size,
                records,
                wall: median(walls),
                fastest,
                mib: peak,
                instructions: counted,
            });
            if engine == "parse_value" {
                continue;
            }
            match read_results(&output) {
                Ok(results) if engine == "kaohe" => kaohe = Some(results),
                Ok(results) => match &kaohe {
                    Some(k) => {
                        let diffs = differences(engine, &results, k);
                        if diffs.is_empty() {
                            eprintln!(
                                "compare: {engine} on {size} staff: all {} staff and {} window totals and grades equal kaohe's",
                                results.staff.len(),
                                results.windows.len()
                            );
                        }
                        failures.extend(diffs);
                    }
                    None => failures.push(format!("{engine} on {size}: no kaohe results to compare with")),
                },
                Err(e) => failures.push(e),
            }
        }
    }

    // What kaohe spends whatever the size (reading the policy, starting up),
    // counted on the 40-staff example: the per-record figures of linearity
    // are also given beyond it.
    let fixed = if options.instructions && options.engines.iter().any(|e| e == "kaohe") {
        let example = paths.root.join("examples/2026-Q3.json");
        counted(&paths, "kaohe", &example, "examples/2026-Q3.json", &mut failures)
    } else {
        None
    };

    let small = if options.small_runs > 0 {
        match small_quarter(&paths, options.small_runs) {
            Ok(s) => Some(s),
            Err(e) => {
                failures.push(e);
                None
            }
        }
    } else {
        None
    };

    println!(
        "Measured {}; load average before {load_before}, after {}; kaohe from {}.\n",
        today(),
        load_average(),
        paths.root.display()
    );
    print!("{}", report(&rows, small, options.small_runs, fixed));

    if failures.is_empty() {
        println!("\nAll engines agree with kaohe on every staff and window total and grade.");
        ExitCode::SUCCESS
    } else {
        println!("\n**FAILED**: {} problem(s):\n", failures.len());
        for f in &failures {
            println!("- {f}");
        }
        ExitCode::FAILURE
    }
}

fn report(rows: &[Row], small: Option<(f64, f64)>, small_runs: usize, fixed: Option<u64>) -> String {
    let mut s = String::new();
    let find = |engine: &str, size: u64| rows.iter().find(|r| r.engine == engine && r.size == size);
    let _ = writeln!(
        s,
        "| engine | staff | records | wall s (median) | fastest s | peak MiB | records/s | × hand wall | × hand MiB |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let hand = find("hand", r.size);
        let ratio = |x: f64, h: Option<f64>| h.map_or("–".to_string(), |h| format!("{:.2}", x / h));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.3} | {:.3} | {:.1} | {} | {} | {} |",
            r.engine,
            r.size,
            r.records,
            r.wall,
            r.fastest,
            r.mib,
            thousands(r.records as f64 / r.wall),
            ratio(r.wall, hand.map(|h| h.wall)),
            ratio(r.mib, hand.map(|h| h.mib)),
        );
    }

    let counted: Vec<&Row> = rows.iter().filter(|r| r.engine == "kaohe" && r.instructions.is_some()).collect();
    if !counted.is_empty() {
        let _ = writeln!(s, "\nInstructions (callgrind, whole process, one run):\n");
        let _ = writeln!(s, "| staff | kaohe | hand | kaohe / hand | kaohe per record | hand per record |");
        let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|");
        for k in &counted {
            let ki = k.instructions.unwrap_or_default() as f64;
            let hi = find("hand", k.size).and_then(|h| h.instructions).map(|h| h as f64);
            let per = |i: f64| format!("{:.1} k", i / k.records as f64 / 1e3);
            let _ = writeln!(
                s,
                "| {} | {:.1} M | {} | {} | {} | {} |",
                k.size,
                ki / 1e6,
                hi.map_or("–".into(), |h| format!("{:.1} M", h / 1e6)),
                hi.map_or("–".into(), |h| format!("{:.2}", ki / h)),
                per(ki),
                hi.map_or("–".into(), per),
            );
        }
    }

    // The targets of the issue, for kaohe.
    let _ = writeln!(s, "\nTargets for kaohe:\n");
    let mut sizes: Vec<u64> = rows.iter().map(|r| r.size).collect();
    sizes.dedup();
    for &size in &sizes {
        let Some(k) = find("kaohe", size) else { continue };
        let mut parts = Vec::new();
        if let Some(h) = find("hand", size) {
            let t = k.wall / h.wall;
            let f = k.fastest / h.fastest;
            parts.push(format!("{t:.2}× hand wall, fastest runs {f:.2}× (target ≤ 2: {})", verdict(t <= 2.0)));
            let m = k.mib / h.mib;
            parts.push(format!("{m:.2}× hand memory (target ≤ 1.5: {})", verdict(m <= 1.5)));
        }
        if let Some(z) = find("zen", size) {
            let t = z.wall / k.wall;
            let f = z.fastest / k.fastest;
            parts.push(format!("{t:.1}× faster than ZEN, fastest runs {f:.1}× (target ≥ 10: {})", verdict(t >= 10.0)));
        }
        if let Some(r) = find("rego", size) {
            let t = r.wall / k.wall;
            let f = r.fastest / k.fastest;
            parts.push(format!(
                "{t:.1}× faster than regorus, fastest runs {f:.1}× (target ≥ 10: {})",
                verdict(t >= 10.0)
            ));
        }
        let _ = writeln!(s, "- {size} staff: {}", parts.join("; "));
    }
    let kaohe_rows: Vec<&Row> = rows.iter().filter(|r| r.engine == "kaohe").collect();
    if kaohe_rows.len() >= 2 {
        let first = kaohe_rows[0];
        let last = kaohe_rows[kaohe_rows.len() - 1];
        let per = |r: &Row| r.wall / r.records as f64 * 1e6;
        let _ = write!(
            s,
            "- linearity: {:.2} µs/record at {} staff, {:.2} at {} ({:.2}× per record over {}× the records)",
            per(first),
            first.size,
            per(last),
            last.size,
            per(last) / per(first),
            last.size / first.size,
        );
        // The target is in instructions, which the load does not move:
        // per record of the whole process, and beyond what a 40-staff
        // quarter costs (the policy read and checked, the process started),
        // which a small quarter's whole-process figure carries.
        let spread_of = |beyond: u64| {
            let per: Vec<f64> = kaohe_rows
                .iter()
                .filter_map(|r| r.instructions.map(|i| i.saturating_sub(beyond) as f64 / r.records as f64))
                .collect();
            let low = per.iter().copied().min_by(f64::total_cmp)?;
            let high = per.iter().copied().max_by(f64::total_cmp)?;
            Some((low, high, high / low - 1.0))
        };
        if let Some((low, high, spread)) = spread_of(0) {
            let _ = write!(
                s,
                "; instructions per record {:.1} k to {:.1} k, spread {:.1}%",
                low / 1e3,
                high / 1e3,
                spread * 100.0,
            );
            match fixed.and_then(|f| Some((f, spread_of(f)?))) {
                Some((f, (low, high, spread))) => {
                    let _ = write!(
                        s,
                        "; beyond the {:.1} M of a 40-staff quarter, {:.1} k to {:.1} k, spread {:.1}% (target within 10%: {})",
                        f as f64 / 1e6,
                        low / 1e3,
                        high / 1e3,
                        spread * 100.0,
                        verdict(spread <= 0.10)
                    );
                }
                None => {
                    let _ = write!(s, " (target within 10%: {})", verdict(spread <= 0.10));
                }
            }
        }
        let _ = writeln!(s);
    }
    if let Some((median, min)) = small {
        let _ = writeln!(
            s,
            "- examples/2026-Q3.json (40 staff), process start to exit: median {median:.1} ms, min {min:.1} ms over {small_runs} runs (target < 10 ms: {})",
            verdict(median < 10.0)
        );
    }
    s
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "MISSED"
    }
}

fn thousands(x: f64) -> String {
    let n = x.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The 1, 5 and 15 minute load averages: other work on the machine skews
/// every wall time.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d %H:%M")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
