//! `scrutineer serve` measured from outside, as a council would see it: the real
//! binary serving the bundled workspace and a synthetic one of 10,000 actions, with
//! clients connecting over loopback through russh's client. Reports the sessions held,
//! the server's memory per extra session (its resident set, read from /proc), the
//! bytes and packets one cursor move costs through the SSH channel, key-to-screen
//! latency, and what is sent while every session is idle. Run with
//! `cargo bench --bench serve`; see BENCHMARKS.md.

#[path = "../tests/serve_support/client.rs"]
mod client;
#[path = "../tests/common/copy.rs"]
mod copy;
mod support;

use client::{open_session, public_line};
use copy::copy_dir;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Sessions opened beyond the first, for the memory figure.
const EXTRA: usize = 20;
/// Sessions held at once in all.
const HELD: usize = 60;
/// Cursor moves timed.
const MOVES: usize = 100;

fn main() {
    println!(
        "workspace  sessions-held  rss-1-MB  rss-per-extra-MB  bytes/move(median)  packets/move  latency-ms(median, p90)  idle-bytes-2s"
    );
    for name in ["bundled", "10k"] {
        measure(name);
    }
}

struct Served {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(workspace: &Path) -> Served {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ws = dir.path().join("ws");
    copy_dir(workspace, &ws);
    let keys = dir.path().join("keys");
    std::fs::write(
        &keys,
        format!(
            "role=member,name=\"Bench\" {}\n",
            public_line(&client::key(2))
        ),
    )
    .expect("keys");
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .arg("--workspace")
        .arg(&ws)
        .args(["--today", "2026-11-22", "serve", "--listen", "127.0.0.1:0"])
        .arg("--keys")
        .arg(&keys)
        .arg("--host-key")
        .arg(dir.path().join("host"))
        .args(["--max-per-key", "100", "--max-sessions", "100"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let out = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(out).read_line(&mut line).expect("a line");
    let addr = client::listening_address(&line).unwrap_or_else(|| panic!("no address in {line:?}"));
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// The server's resident set in MB (Linux), or NaN.
fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn measure(name: &str) {
    let workspace = support::dir(name);
    let served = serve(&workspace);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let first = open_session(&rt, served.addr, 2, (100, 30), &[]);
    first.wait_for("items");
    first.send(b"2");
    first.wait_for("sorted by");
    first.quiet();
    let pid = served.child.id();
    let rss1 = rss_mb(pid);
    let mut sessions = Vec::new();
    for _ in 0..EXTRA {
        let s = open_session(&rt, served.addr, 2, (100, 30), &[]);
        s.wait_for("items");
        sessions.push(s);
    }
    for s in &sessions {
        s.quiet();
    }
    let rss_extra = rss_mb(pid);
    let per_extra = (rss_extra - rss1) / EXTRA as f64;
    while sessions.len() + 1 < HELD {
        let s = open_session(&rt, served.addr, 2, (80, 24), &[]);
        s.wait_for("items");
        sessions.push(s);
    }
    for s in &sessions {
        s.quiet();
    }
    let held = sessions.len() + 1;
    // Nothing is sent while every session is idle.
    let before: u64 = sessions
        .iter()
        .chain(std::iter::once(&first))
        .map(|s| s.bytes.load(Ordering::SeqCst))
        .sum();
    std::thread::sleep(Duration::from_secs(2));
    let after: u64 = sessions
        .iter()
        .chain(std::iter::once(&first))
        .map(|s| s.bytes.load(Ordering::SeqCst))
        .sum();
    // Cursor moves in the Actions table: bytes, packets and time to the first byte.
    let (mut bytes, mut packets, mut latency) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..MOVES {
        let key: &[u8] = if i % 20 < 10 { b"j" } else { b"k" };
        let b0 = first.bytes.load(Ordering::SeqCst);
        let p0 = first.packets.load(Ordering::SeqCst);
        let t0 = Instant::now();
        first.send(key);
        while first.bytes.load(Ordering::SeqCst) == b0 {
            if t0.elapsed() > Duration::from_secs(10) {
                panic!("no frame after a key");
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        latency.push(t0.elapsed().as_secs_f64() * 1000.0);
        first.quiet();
        bytes.push((first.bytes.load(Ordering::SeqCst) - b0) as f64);
        packets.push((first.packets.load(Ordering::SeqCst) - p0) as f64);
    }
    let lat_median = median(&mut latency);
    let p90 = latency[latency.len() * 9 / 10];
    println!(
        "{name:<10} {held:>13}  {rss1:>8.1}  {per_extra:>16.2}  {:>18.0}  {:>12.1}  {lat_median:>10.2}, {p90:>6.2}  {:>13}",
        median(&mut bytes),
        median(&mut packets),
        after - before
    );
    drop(sessions);
    drop(first);
}
