//! Measures the real workbench as a person over SSH meets it: the release binary in a
//! pseudo-terminal (80x24), its output counted byte by byte and fed to a terminal
//! emulator. Run on demand, after `cargo build --release`:
//!
//! ```text
//! cargo run --release --example pty_harness -- [--workspace DIR] [--bin PATH] [--runs N] [--idle SECONDS]
//! ```
//!
//! It reports, as medians: the time from start to the first frame (the first time the
//! screen shows anything), the bytes and time for one cursor move (`j`), one page
//! (PgDn) and each keystroke of a search (`/` then `foster`), the bytes written while
//! idle, the time from `m` (mark the selected item ready, or unmark it) until the saved
//! change is on screen, the peak memory (VmHWM) after those changes, and the time from
//! `q` until the process has ended. Today is 2026-11-22. The workbench runs on a copy
//! of the workspace (the marks change it), made in the system's temporary folder.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COLS: u16 = 80;
const ROWS: u16 = 24;
/// Output is over when nothing more arrives for this long.
const QUIET: Duration = Duration::from_millis(250);
/// The longest to wait for a frame before calling it missing.
const PATIENCE: Duration = Duration::from_secs(30);

struct Options {
    workspace: PathBuf,
    bin: PathBuf,
    runs: usize,
    idle: u64,
}

/// What the program wrote: the bytes, when each read arrived, and the screen.
#[derive(Default)]
struct Output {
    bytes: usize,
    last_at: Option<Instant>,
    first_frame_at: Option<Instant>,
    /// When the workbench itself (its tab bar) was first on screen, after any
    /// "loading" frame.
    workbench_at: Option<Instant>,
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    out: Arc<Mutex<Output>>,
    started: Instant,
}

impl Session {
    fn spawn(o: &Options, home: &Path) -> Result<Session, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("no pty: {e}"))?;
        let mut cmd = CommandBuilder::new(&o.bin);
        cmd.args(["--today", "2026-11-22", "--workspace"]);
        cmd.arg(&o.workspace);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home);
        cmd.env("USER", "clerk");
        cmd.env("TERM", "xterm-256color");
        cmd.env("SCRUTINEER_CONFIG", home.join("no-config.toml"));
        let started = Instant::now();
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {}: {e}", o.bin.display()))?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let writer = pair.master.take_writer().map_err(|e| e.to_string())?;
        let out = Arc::new(Mutex::new(Output::default()));
        let feed = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut parser = vt100::Parser::new(ROWS, COLS, 0);
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let now = Instant::now();
                parser.process(&buf[..n]);
                let mut o = feed.lock().unwrap_or_else(|e| e.into_inner());
                o.bytes += n;
                o.last_at = Some(now);
                let contents = parser.screen().contents();
                if o.first_frame_at.is_none() && !contents.trim().is_empty() {
                    o.first_frame_at = Some(now);
                }
                if o.workbench_at.is_none() && contents.contains("1 Browse") {
                    o.workbench_at = Some(now);
                }
            }
        });
        Ok(Session {
            child,
            writer,
            _master: pair.master,
            out,
            started,
        })
    }

    fn snapshot(&self) -> (usize, Option<Instant>, Option<Instant>) {
        let o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        (o.bytes, o.last_at, o.first_frame_at)
    }

    /// Time from start to the workbench (its tab bar) on screen.
    fn workbench(&self) -> Result<Duration, String> {
        loop {
            let at = self
                .out
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .workbench_at;
            if let Some(at) = at {
                return Ok(at - self.started);
            }
            if self.started.elapsed() > PATIENCE {
                return Err("no workbench within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Time from start to the first frame.
    fn first_frame(&self) -> Result<Duration, String> {
        loop {
            if let (_, _, Some(at)) = self.snapshot() {
                return Ok(at - self.started);
            }
            if self.started.elapsed() > PATIENCE {
                return Err("no frame within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until nothing has arrived for QUIET.
    fn settle(&self) {
        loop {
            let (_, last, _) = self.snapshot();
            let since = last.map_or(QUIET, |t| t.elapsed());
            if since >= QUIET {
                return;
            }
            std::thread::sleep(QUIET - since);
        }
    }

    /// Sends `bytes` (one key) and returns how many bytes came back before the output
    /// went quiet, and how long the last of them took to arrive.
    fn key(&mut self, bytes: &[u8]) -> Result<(usize, Duration), String> {
        self.settle();
        let (before, _, _) = self.snapshot();
        let sent = Instant::now();
        self.writer.write_all(bytes).map_err(|e| e.to_string())?;
        self.writer.flush().map_err(|e| e.to_string())?;
        // Wait for the first byte (a slow search may take a while), then for quiet.
        loop {
            let (now, _, _) = self.snapshot();
            if now > before {
                break;
            }
            if sent.elapsed() > Duration::from_secs(2) && sent.elapsed() > QUIET * 4 {
                // Nothing changed on screen, so nothing was sent: a fine answer.
                return Ok((0, Duration::ZERO));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        self.settle();
        let (after, last, _) = self.snapshot();
        let took = last.map_or(Duration::ZERO, |t| t.saturating_duration_since(sent));
        Ok((after - before, took))
    }

    fn idle(&self, seconds: u64) -> usize {
        self.settle();
        let (before, _, _) = self.snapshot();
        std::thread::sleep(Duration::from_secs(seconds));
        self.snapshot().0 - before
    }

    /// A memory figure of the child from /proc (VmHWM: the peak; VmRSS: now), in kB.
    fn memory_kb(&self, field: &str) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// Quits, and says how long the process took to end.
    fn quit(mut self) -> Result<Duration, String> {
        self.settle();
        self.writer.write_all(b"q").map_err(|e| e.to_string())?;
        self.writer.flush().map_err(|e| e.to_string())?;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return Ok(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let _ = self.child.kill();
        Err("the workbench did not quit on `q`".into())
    }
}

fn median<T: Copy + Ord>(values: &mut [T]) -> Option<T> {
    values.sort_unstable();
    values.get(values.len() / 2).copied()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn parse_args() -> Result<Options, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or(manifest.join("target"), PathBuf::from);
    let mut o = Options {
        workspace: manifest.join("data"),
        bin: target.join("release").join("scrutineer"),
        runs: 5,
        idle: 10,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("`{arg}` needs a value"))?;
        match arg.as_str() {
            "--workspace" => o.workspace = PathBuf::from(value),
            "--bin" => o.bin = PathBuf::from(value),
            "--runs" => o.runs = value.parse().map_err(|_| "--runs needs a number")?,
            "--idle" => o.idle = value.parse().map_err(|_| "--idle needs seconds")?,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if !o.bin.exists() {
        return Err(format!(
            "{} does not exist: run `cargo build --release` first, or give --bin",
            o.bin.display()
        ));
    }
    Ok(o)
}

/// Copies a workspace's TOML files (and its reports folder) from `from` to `to`.
fn copy_workspace(from: &Path, to: &Path) -> Result<(), String> {
    for folder in ["", "reports"] {
        let source = from.join(folder);
        let target = to.join(folder);
        std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
        let Ok(entries) = std::fs::read_dir(&source) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, target.join(entry.file_name()))
                    .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
            }
        }
    }
    Ok(())
}

fn run(o: &Options) -> Result<(), String> {
    let home = std::env::temp_dir().join(format!("scrutineer-pty-harness-{}", std::process::id()));
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let copy = home.join("workspace");
    copy_workspace(&o.workspace, &copy)?;
    let o = &Options {
        workspace: copy,
        bin: o.bin.clone(),
        runs: o.runs,
        idle: o.idle,
    };
    println!(
        "workspace {}, binary {}, {}x{}",
        o.workspace.display(),
        o.bin.display(),
        COLS,
        ROWS
    );

    // Start to first frame, over several starts.
    let mut starts = Vec::new();
    let mut ready = Vec::new();
    for _ in 0..o.runs.max(1) {
        let s = Session::spawn(o, &home)?;
        starts.push(s.first_frame()?);
        ready.push(s.workbench()?);
        s.quit()?;
    }
    let all: Vec<String> = starts.iter().map(|d| ms(*d)).collect();
    let start = median(&mut starts).unwrap_or_default();
    println!(
        "start to first frame: median {} (runs: {})",
        ms(start),
        all.join(", ")
    );
    let all: Vec<String> = ready.iter().map(|d| ms(*d)).collect();
    let whole = median(&mut ready).unwrap_or_default();
    println!(
        "start to the workbench (loaded, tabs drawn): median {} (runs: {})",
        ms(whole),
        all.join(", ")
    );

    let mut s = Session::spawn(o, &home)?;
    s.workbench()?;
    let report = |what: &str, samples: &mut Vec<(usize, Duration)>| {
        let mut bytes: Vec<usize> = samples.iter().map(|x| x.0).collect();
        let mut times: Vec<Duration> = samples.iter().map(|x| x.1).collect();
        let all: Vec<String> = samples.iter().map(|x| x.0.to_string()).collect();
        println!(
            "{what}: median {} bytes, key to last byte median {} (bytes each: {})",
            median(&mut bytes).unwrap_or(0),
            ms(median(&mut times).unwrap_or_default()),
            all.join(", ")
        );
    };

    // The Actions table: one row per item, the view with the most rows to move over.
    s.key(b"2")?;
    let mut moves = Vec::new();
    for _ in 0..10 {
        moves.push(s.key(b"j")?);
    }
    report("cursor move (j)", &mut moves);
    let mut pages = Vec::new();
    for _ in 0..5 {
        pages.push(s.key(b"\x1b[6~")?);
    }
    report("page (PgDn)", &mut pages);
    let mut search = vec![s.key(b"/")?];
    for c in "foster".bytes() {
        search.push(s.key(&[c])?);
    }
    report("search keystroke (/foster)", &mut search);
    s.key(b"\r")?;

    let idle = s.idle(o.idle);
    println!("idle for {} s: {idle} bytes", o.idle);
    // Mark the selected item, unmark it, and so on: each saved, then shown.
    let mut marks = Vec::new();
    for _ in 0..5 {
        marks.push(s.key(b"m")?);
    }
    report("mark or unmark (m), saved and shown", &mut marks);
    match (s.memory_kb("VmHWM:"), s.memory_kb("VmRSS:")) {
        (Some(peak), Some(now)) => println!(
            "peak memory (VmHWM): {:.1} MB; resident at the end (VmRSS): {:.1} MB",
            peak as f64 / 1024.0,
            now as f64 / 1024.0
        ),
        _ => println!("peak memory: not available (no /proc)"),
    }
    let quit = s.quit()?;
    println!("quit (q) to the process's end: {}", ms(quit));
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("pty_harness: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pty_harness: {e}");
            ExitCode::from(1)
        }
    }
}
