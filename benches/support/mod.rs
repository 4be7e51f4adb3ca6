//! The workspaces the benchmarks run on: the bundled one (`data/`) and synthetic ones
//! of 10,000 and 100,000 actions, generated afresh at the start of each run (into
//! cargo's target folder), loaded once and shared by every benchmark in the process.
#![allow(dead_code)]

#[path = "../../examples/support/synthetic.rs"]
mod synthetic;

use jiff::civil::Date;
use scrutineer::query::{Corpus, SearchIndex};
use scrutineer::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The benchmarks' "today", as in the tests and the pty harness.
pub const TODAY: Date = jiff::civil::date(2026, 11, 22);

/// Benchmark arguments: which workspace.
pub const WORKSPACES: &[&str] = &["bundled", "10k", "100k"];

/// The generator's seed for every synthetic workspace.
pub const SEED: u64 = 1;

pub struct Loaded {
    pub ws: Workspace,
    pub index: SearchIndex,
}

impl Loaded {
    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            reports: &self.ws.reports,
            people: &self.ws.people,
            items: &self.ws.items,
            index: &self.index,
            committees: &self.ws.committees,
        }
    }
}

fn actions(name: &str) -> Option<usize> {
    match name {
        "bundled" => None,
        "10k" => Some(10_000),
        "100k" => Some(100_000),
        other => panic!("no benchmark workspace `{other}`"),
    }
}

/// The folder of the workspace `name`, generating it on first use in this process.
pub fn dir(name: &str) -> PathBuf {
    static DIRS: OnceLock<std::sync::Mutex<Vec<(String, PathBuf)>>> = OnceLock::new();
    let Some(n) = actions(name) else {
        return Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    };
    let dirs = DIRS.get_or_init(Default::default);
    let mut dirs = dirs.lock().expect("bench workspace lock");
    if let Some((_, d)) = dirs.iter().find(|(k, _)| k == name) {
        return d.clone();
    }
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-workspace-{name}"));
    if d.exists() {
        std::fs::remove_dir_all(&d).expect("clear the old bench workspace");
    }
    synthetic::generate(
        &d,
        synthetic::Options {
            actions: n,
            seed: SEED,
        },
    )
    .expect("generate the bench workspace");
    dirs.push((name.to_string(), d.clone()));
    d
}

/// The workspace `name`, loaded with its search index, once per process.
pub fn loaded(name: &str) -> &'static Loaded {
    static BUNDLED: OnceLock<Loaded> = OnceLock::new();
    static TEN: OnceLock<Loaded> = OnceLock::new();
    static HUNDRED: OnceLock<Loaded> = OnceLock::new();
    let cell = match name {
        "bundled" => &BUNDLED,
        "10k" => &TEN,
        _ => &HUNDRED,
    };
    cell.get_or_init(|| {
        let ws = Workspace::load(&dir(name)).expect("load the bench workspace");
        let index = SearchIndex::new(&ws.reports, &ws.people, &ws.items);
        Loaded { ws, index }
    })
}
