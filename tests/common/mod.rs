//! Helpers shared by the black-box tests: a private copy of the bundled workspace and
//! a way to run the real binary against it.
#![allow(dead_code)]

mod copy;
pub mod interesting;
pub mod sheets;

pub use copy::copy_dir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_scrutineer");

/// The repository's bundled workspace: only ever copied, never run on (see
/// `refuse_source`).
pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A fresh copy of the bundled workspace in a temporary folder.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&bundled(), dir.path());
    dir
}

/// A fresh copy of the generated workspace with the interesting cases
/// (`interesting.rs`): history, notes of every kind, revisions, responses, marks.
pub fn interesting() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    interesting::write_interesting(dir.path());
    dir
}

/// Runs scrutineer with `args` on `ws`, as user `clerk`, on a fixed "today".
pub fn run(ws: &Path, args: &[&str]) -> Output {
    run_env(ws, args, &[])
}

/// `run` as of `today` (`SCRUTINEER_TODAY`).
pub fn run_on(ws: &Path, today: &str, args: &[&str]) -> Output {
    run_env(ws, args, &[("SCRUTINEER_TODAY", today)])
}

/// `run` with these environment variables set as well.
pub fn run_env(ws: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    refuse_source(ws);
    Command::new(BIN)
        .args(args)
        .arg("--workspace")
        .arg(ws)
        .env("SCRUTINEER_TODAY", "2026-11-22")
        .env("USER", "clerk")
        .env_remove("SCRUTINEER_WORKSPACE")
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("run scrutineer")
}

/// Tests never run scrutineer on the repository's own `data/` folder: a lock file, a
/// temporary copy or a change would land in the source tree. They run on a copy
/// (`workspace()`).
pub fn refuse_source(ws: &Path) {
    let source = bundled().canonicalize().expect("the source data folder");
    assert!(
        ws.canonicalize().map_or(true, |ws| ws != source),
        "a test ran scrutineer on the source tree's data/ folder: use a copy (workspace())"
    );
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// `scrutineer list --format json` with extra arguments, parsed.
pub fn list_json(ws: &Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run(ws, &args);
    assert!(out.status.success(), "list failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("list prints JSON")
}

pub fn ids(items: &[serde_json::Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read file")
}

/// How a change made with `$USER` set to `user` names its maker when shown: the login
/// name (from the system, whatever `$USER` says), and `user` as given where it differs.
pub fn shown_as(user: &str) -> String {
    let login = scrutineer::workspace::login_name();
    if login == user {
        login
    } else {
        format!("{login} (as given: {user})")
    }
}

/// The lines of a history entry in tracking.toml that say who made a change with
/// `$USER` set to `user`.
pub fn recorded_as(user: &str) -> String {
    let login = scrutineer::workspace::login_name();
    if login == user {
        format!("by = \"{login}\"\n")
    } else {
        format!("by = \"{login}\"\nby_as_given = \"{user}\"\n")
    }
}

/// The XML parts (and relationships) of a zip file, a Word document or a workbook, each
/// as text by its name.
pub fn zip_xml(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let name = file.name().expect("a name").to_string();
        let mut text = String::new();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            file.read_to_string(&mut text).expect("utf-8 xml");
            parts.insert(name, text);
        }
    }
    parts
}
