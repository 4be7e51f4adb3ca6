//! The tests work on copies: the repository's own `data/` folder is never run on, so
//! no lock file, temporary copy or change ever lands in the source tree.

mod common;

use common::*;
use std::path::Path;

/// Every entry under `dir` (hidden ones too), by its path inside it.
fn entries(dir: &Path, under: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let name = format!("{under}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            entries(&entry.path(), &format!("{name}/"), out);
        } else {
            out.push(name);
        }
    }
}

/// `data/` holds exactly the bundled files, byte for byte: nothing added (a lock file,
/// a temporary copy, an import's journal) and nothing changed.
#[test]
fn the_source_data_folder_holds_only_the_bundled_files_unchanged() {
    let source = bundled();
    let mut found = Vec::new();
    entries(&source, "", &mut found);
    found.sort();
    let mut bundled: Vec<String> = scrutineer::workspace::bundled::FILES
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    bundled.sort();
    assert_eq!(found, bundled, "data/ holds files a test left there");
    for (name, text) in scrutineer::workspace::bundled::FILES {
        assert_eq!(&read(&source.join(name)), text, "data/{name} was changed");
    }
}

#[test]
#[should_panic(expected = "use a copy")]
fn the_test_helpers_refuse_to_run_on_the_source_data_folder() {
    run(&bundled(), &["list"]);
}

/// Reading commands leave a workspace exactly as they found it (so a copy is needed
/// only for the tests that change something, but every test uses one).
#[test]
fn reading_commands_create_and_change_nothing() {
    let ws = workspace();
    let mut before = Vec::new();
    entries(ws.path(), "", &mut before);
    let tracking = read(&ws.path().join("tracking.toml"));
    for args in [
        &["list"][..],
        &["reports", "--format", "json"],
        &["triage"],
        &["agenda"],
        &["plan"],
        &["recommendations"],
        &["history", "2.4a"],
        &["check"],
        &["export", "--report", "leicester-2003"],
    ] {
        let out = run(ws.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let mut after = Vec::new();
        entries(ws.path(), "", &mut after);
        assert_eq!(after, before, "{args:?} created or removed a file");
        assert_eq!(read(&ws.path().join("tracking.toml")), tracking, "{args:?}");
    }
}
