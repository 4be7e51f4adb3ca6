//! Nothing lost, nobody let in: what a save does with the files around it. A linked
//! tracking file, permissions, the order of the history, temporary files killed saves
//! leave, a linked lock file, who made a change, messages that name the real cause,
//! and a file's line ends and byte-order mark.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const ITEM: &str = "leicester-2003/2.2a";

fn tracking_path(ws: &Path) -> PathBuf {
    ws.join("tracking.toml")
}

fn tracking(ws: &Path) -> toml::Table {
    let text = read(&tracking_path(ws));
    toml::from_str(&text).unwrap_or_else(|e| panic!("tracking.toml does not parse: {e}\n{text}"))
}

fn history(t: &toml::Table, id: &str) -> Vec<toml::Table> {
    t.get("items")
        .and_then(|i| i.get(id))
        .and_then(|i| i.get("history"))
        .and_then(|h| h.as_array())
        .map(|h| h.iter().filter_map(|e| e.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn ready_for(t: &toml::Table, id: &str) -> Option<String> {
    t.get("items")?
        .get(id)?
        .get("ready_for")?
        .as_str()
        .map(str::to_string)
}

/// scrutineer on `ws` as of the tests' day, with `$USER` set to `user` (or unset).
#[cfg(unix)]
fn run_as(ws: &Path, user: Option<&str>, args: &[&str]) -> Output {
    refuse_source(ws);
    let mut command = Command::new(BIN);
    command
        .args(args)
        .arg("--workspace")
        .arg(ws)
        .env("SCRUTINEER_TODAY", "2026-11-22")
        .env_remove("SCRUTINEER_WORKSPACE")
        .env_remove("LOGNAME")
        .env_remove("USERNAME");
    match user {
        Some(user) => command.env("USER", user),
        None => command.env_remove("USER"),
    };
    command.output().expect("run scrutineer")
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// The account this test runs as, asked of the system (not of `$USER`).
#[cfg(unix)]
fn system_login() -> String {
    let out = Command::new("id").arg("-un").output().expect("run id -un");
    assert!(out.status.success(), "id -un failed");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o7777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
fn running_as_root() -> bool {
    system_login() == "root"
}

/// Takes the workspace lock as another scrutineer process would.
fn hold_lock(ws: &Path) -> std::fs::File {
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(ws.join(".scrutineer.lock"))
        .expect("lock file");
    lock.lock().expect("hold the lock");
    lock
}

// ---- 3. A linked tracking file; permissions ----------------------------------------

#[cfg(unix)]
#[test]
fn a_linked_tracking_file_is_written_through_and_keeps_its_mode() {
    let ws = workspace();
    let state = ws.path().join("state");
    std::fs::create_dir(&state).expect("mkdir");
    let real = state.join("tracking.toml");
    std::fs::rename(tracking_path(ws.path()), &real).expect("move");
    set_mode(&real, 0o640);
    std::os::unix::fs::symlink("state/tracking.toml", tracking_path(ws.path())).expect("link");
    ok(run(ws.path(), &["mark", "2.4a"]));
    let link = std::fs::symlink_metadata(tracking_path(ws.path())).expect("stat link");
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(
        read(&real).contains("[items.\"leicester-2003/2.4a\"]\nready_for = \"next\""),
        "the linked file did not get the change:\n{}",
        read(&real)
    );
    assert_eq!(mode(&real), 0o640, "the linked file's mode changed");
    // And it reads back through the link.
    assert_eq!(
        ready_for(&tracking(ws.path()), "leicester-2003/2.4a").as_deref(),
        Some("next")
    );
}

#[cfg(unix)]
#[test]
fn a_tracking_link_out_of_the_workspace_is_refused_and_nothing_is_written() {
    let ws = workspace();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let outside = elsewhere.path().join("their-tracking.toml");
    std::fs::rename(tracking_path(ws.path()), &outside).expect("move");
    set_mode(&outside, 0o600);
    std::os::unix::fs::symlink(&outside, tracking_path(ws.path())).expect("link");
    let before = read(&outside);
    let out = run(ws.path(), &["mark", "2.4a"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("tracking.toml is a symbolic link to")
            && err.contains("outside the workspace folder"),
        "{err}"
    );
    assert!(!err.contains("you cannot write to"), "{err}");
    assert_eq!(read(&outside), before);
    assert_eq!(mode(&outside), 0o600);
    // The save itself refuses too (the workbench saves without asking first).
    let edit = scrutineer::workspace::ItemEdit {
        item: "leicester-2003/2.4a".into(),
        edit: scrutineer::workspace::Edit::Mark(scrutineer::model::ReadyFor::Next),
        note: String::new(),
    };
    let refused = scrutineer::workspace::save(ws.path(), &[edit], "clerk", jiff::Timestamp::now());
    let message = refused.map(|_| ()).expect_err("refused").to_string();
    assert!(
        message.contains("outside the workspace folder"),
        "{message}"
    );
    assert!(message.contains("nothing was written"), "{message}");
    assert_eq!(read(&outside), before);
    let link = std::fs::symlink_metadata(tracking_path(ws.path())).expect("stat link");
    assert!(link.file_type().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_save_never_widens_a_files_permissions() {
    let ws = workspace();
    for wanted in [0o600, 0o640, 0o664] {
        set_mode(&tracking_path(ws.path()), wanted);
        ok(run(
            ws.path(),
            &["note", "2.4a", &format!("mode {wanted:o}")],
        ));
        assert_eq!(mode(&tracking_path(ws.path())), wanted);
    }
    // A new tracking file gets what any new file gets here (the umask's), never 0777.
    std::fs::remove_file(tracking_path(ws.path())).expect("remove");
    let probe = ws.path().join("probe");
    std::fs::write(&probe, "").expect("probe");
    let usual = mode(&probe);
    ok(run(ws.path(), &["mark", "2.4a"]));
    assert_eq!(mode(&tracking_path(ws.path())), usual);
    assert_eq!(mode(&tracking_path(ws.path())) & 0o111, 0);
}

// ---- 4. The history in the order it was written ------------------------------------

/// Many clerks setting one item's status at once, all waiting on the lock from
/// moments seconds apart: the times follow the file, and the last change by time is
/// the status in force.
#[test]
fn concurrent_status_changes_are_stamped_in_the_order_they_are_written() {
    let ws = workspace();
    let lock = hold_lock(ws.path());
    let statuses = [
        "on-track",
        "at-risk",
        "off-track",
        "complete",
        "not-started",
    ];
    let mut children = Vec::new();
    for wave in 0..4 {
        for n in 0..3 {
            let status = statuses[(wave * 3 + n) % statuses.len()];
            let child = Command::new(BIN)
                .args(["status", ITEM, status, "--workspace"])
                .arg(ws.path())
                .env("SCRUTINEER_TODAY", "2026-11-22")
                .env("SCRUTINEER_LOCK_WAIT_MS", "120000")
                .env("USER", format!("clerk-{wave}-{n}"))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn");
            children.push(child);
        }
        // Each wave takes its time a second after the one before.
        std::thread::sleep(Duration::from_millis(1100));
    }
    lock.unlock().expect("let them in");
    drop(lock);
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let t = tracking(ws.path());
    let entries = history(&t, ITEM);
    assert!(entries.len() >= 4, "{entries:?}");
    let times: Vec<jiff::Timestamp> = entries
        .iter()
        .map(|e| {
            e["at"]
                .as_datetime()
                .expect("a date-time")
                .to_string()
                .parse()
                .expect("a time")
        })
        .collect();
    for pair in times.windows(2) {
        assert!(
            pair[0] <= pair[1],
            "times out of the file's order: {pair:?} in {times:?}"
        );
    }
    let current = t["items"][ITEM]["status"].as_str().expect("a status");
    assert_eq!(entries.last().and_then(|e| e["to"].as_str()), Some(current));
    // `history --format json` sorts by time: its last entry is the status in force.
    let json = ok(run(ws.path(), &["history", ITEM, "--format", "json"]));
    let shown: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    assert_eq!(shown.len(), entries.len());
    assert_eq!(shown.last().map(|e| e["to"].clone()), Some(current.into()));
}

/// A change made "as of" a day before the item's last change is not put before it.
#[test]
fn a_change_as_of_an_earlier_day_is_not_put_before_the_last_one() {
    let ws = workspace();
    let on = |day: &str, status: &str| {
        let out = Command::new(BIN)
            .args(["status", ITEM, status, "--workspace"])
            .arg(ws.path())
            .env("SCRUTINEER_TODAY", day)
            .env("USER", "clerk")
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", stderr(&out));
    };
    on("2026-11-22", "at-risk");
    on("2026-11-20", "on-track");
    let entries = history(&tracking(ws.path()), ITEM);
    let at = |i: usize| entries[i]["at"].as_datetime().map(|d| d.to_string());
    assert!(at(1) >= at(0), "{entries:?}");
    let json = ok(run(ws.path(), &["history", ITEM, "--format", "json"]));
    let shown: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        shown.last().map(|e| e["to"].clone()),
        Some("on-track".into())
    );
}

// ---- 5. Temporary files killed saves leave -----------------------------------------

/// Leaves a temporary file as a save killed before its rename does: made by the same
/// library the same way, never committed or removed. Returns its path.
fn leave_temporary_file(path: &Path) -> PathBuf {
    use std::io::Write;
    let folder = path.parent().expect("a folder");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a name")
        .to_string();
    let before: Vec<PathBuf> = listing(folder);
    for _ in 0..20 {
        let mut file = atomic_write_file::AtomicWriteFile::open(path).expect("temporary file");
        file.write_all(read(path).as_bytes()).expect("write");
        std::mem::forget(file); // as if killed: no commit, no clean-up
        let made = listing(folder)
            .into_iter()
            .find(|p| !before.contains(p) && temporary_suffix(p, &name).is_some());
        if let Some(made) = made {
            return made;
        }
    }
    panic!("no temporary file was left");
}

fn listing(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .collect()
}

/// The random part of a temporary file's name for `name`, unless it is all lower case
/// (taken for a person's copy, one time in 180).
fn temporary_suffix(path: &Path, name: &str) -> Option<String> {
    let file = path.file_name()?.to_str()?;
    let suffix = file.strip_prefix(&format!(".{name}."))?;
    (suffix.len() == 6 && !suffix.bytes().all(|b| b.is_ascii_lowercase()))
        .then(|| suffix.to_string())
}

#[test]
fn temporary_files_a_killed_save_left_are_reported_and_then_removed() {
    let ws = workspace();
    let left = leave_temporary_file(&tracking_path(ws.path()));
    let report = ws.path().join("reports/leicester-2003.toml");
    let left_by_import = leave_temporary_file(&report);
    // A person's own copies are not temporary files.
    let backup = ws.path().join(".tracking.toml.backup");
    std::fs::write(&backup, "# my copy\n").expect("backup");
    let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_string);
    let left_name = name(&left).expect("name");
    let import_name = name(&left_by_import).expect("name");

    // While a save holds the lock, its temporary file is its own: not reported.
    let lock = hold_lock(ws.path());
    let during = ok(run(ws.path(), &["check"]));
    assert!(!during.contains(&left_name), "{during}");
    drop(lock);

    let out = ok(run(ws.path(), &["check"]));
    let line = out
        .lines()
        .find(|l| l.contains(&left_name))
        .unwrap_or_else(|| panic!("not reported: {out}"));
    assert!(
        line.starts_with(&format!(
            "{left_name}: warning: a temporary file left by an interrupted save ("
        )) && line.contains("bytes"),
        "{line}"
    );
    assert!(
        out.contains(&format!("reports/{import_name}: warning: a temporary file")),
        "{out}"
    );
    assert!(!out.contains(".tracking.toml.backup"), "{out}");

    ok(run(ws.path(), &["mark", "2.4a"]));
    assert!(!left.exists(), "the save left {left:?}");
    assert!(!left_by_import.exists(), "the save left {left_by_import:?}");
    assert!(backup.exists(), "a person's copy was removed");
    let after = ok(run(ws.path(), &["check"]));
    assert!(!after.contains("temporary file"), "{after}");
}

// ---- 6. The lock file is never followed -------------------------------------------

#[cfg(unix)]
#[test]
fn a_linked_lock_file_is_not_followed_and_nothing_is_made_outside() {
    let ws = workspace();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let target = elsewhere.path().join("planted.lock");
    std::os::unix::fs::symlink(&target, ws.path().join(".scrutineer.lock")).expect("link");
    let before = read(&tracking_path(ws.path()));
    // Reading needs no lock, and creates nothing.
    ok(run(ws.path(), &["list"]));
    assert!(!target.exists(), "list created {target:?}");
    let out = run(ws.path(), &["mark", "2.4a"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(".scrutineer.lock is a symbolic link to") && err.contains("does not exist"),
        "{err}"
    );
    assert!(!err.contains("you cannot write to"), "{err}");
    assert!(!target.exists(), "mark created {target:?}");
    assert_eq!(read(&tracking_path(ws.path())), before);
    // The save itself refuses it, and creates nothing either.
    let message = save_error(ws.path());
    assert!(message.contains("symbolic link"), "{message}");
    assert!(!target.exists());
    // A link to a file that exists is refused all the same, and the file left alone.
    std::fs::write(&target, "theirs\n").expect("write");
    let out = run(ws.path(), &["mark", "2.4a"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(read(&target), "theirs\n");
    assert!(save_error(ws.path()).contains("symbolic link"));
    assert_eq!(read(&tracking_path(ws.path())), before);
}

/// What saving a mark directly (as the workbench does) says, when it fails.
fn save_error(ws: &Path) -> String {
    let edit = scrutineer::workspace::ItemEdit {
        item: "leicester-2003/2.4a".into(),
        edit: scrutineer::workspace::Edit::Mark(scrutineer::model::ReadyFor::Next),
        note: String::new(),
    };
    scrutineer::workspace::save(ws, &[edit], "clerk", jiff::Timestamp::now())
        .map(|_| ())
        .expect_err("the save is refused")
        .to_string()
}

// ---- 9. Who made a change --------------------------------------------------------

#[cfg(unix)]
#[test]
fn changes_are_recorded_under_the_login_name_and_user_only_as_given() {
    let login = system_login();
    let ws = workspace();
    ok(run_as(ws.path(), Some("mallory"), &["mark", "2.4a"]));
    let t = tracking(ws.path());
    let entry = &history(&t, "leicester-2003/2.4a")[0];
    assert_eq!(entry["by"].as_str(), Some(login.as_str()), "{entry:?}");
    assert_eq!(entry["by_as_given"].as_str(), Some("mallory"), "{entry:?}");
    let shown = ok(run(ws.path(), &["history", "2.4a"]));
    assert!(
        shown.contains(&format!("{login} (as given: mallory) marked ready")),
        "{shown}"
    );
    // The file still loads without a warning about the new key.
    let check = ok(run(ws.path(), &["check"]));
    assert!(!check.contains("by_as_given"), "{check}");

    // $USER that says who one is, or none at all: just the login name.
    for user in [Some(login.as_str()), None] {
        ok(run_as(ws.path(), user, &["note", "2.4a", "checked"]));
        let t = tracking(ws.path());
        let last = history(&t, "leicester-2003/2.4a").pop().expect("an entry");
        assert_eq!(last["by"].as_str(), Some(login.as_str()), "{last:?}");
        assert!(last.get("by_as_given").is_none(), "{last:?}");
    }
    assert_eq!(scrutineer::workspace::login_name(), login);
}

// ---- 16. Messages that name the real cause --------------------------------------

#[test]
fn a_lock_path_that_is_a_folder_is_named_as_such() {
    let ws = workspace();
    std::fs::create_dir(ws.path().join(".scrutineer.lock")).expect("mkdir");
    let before = read(&tracking_path(ws.path()));
    let out = run(ws.path(), &["mark", "2.4a"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(".scrutineer.lock is a folder, not a plain file"),
        "{err}"
    );
    assert!(!err.contains("you cannot write to"), "{err}");
    assert!(save_error(ws.path()).contains(".scrutineer.lock is a folder"));
    assert_eq!(read(&tracking_path(ws.path())), before);
    // Reading is not stopped by it.
    ok(run(ws.path(), &["list"]));
}

#[cfg(unix)]
#[test]
fn a_read_only_tracking_file_is_named_with_its_mode() {
    // By the permission bits, so that root (who could write it) is told the same.
    let ws = workspace();
    let path = tracking_path(ws.path());
    set_mode(&path, 0o444);
    let before = read(&path);
    let out = run(ws.path(), &["mark", "2.4a"]);
    set_mode(&path, 0o644);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("tracking.toml is read-only, mode 0444"),
        "{err}"
    );
    assert!(!err.contains("you cannot write to"), "{err}");
    assert_eq!(read(&path), before);
}

#[cfg(unix)]
#[test]
fn an_unreadable_tracking_file_is_named() {
    if running_as_root() {
        eprintln!(
            "skipped: root can read a file whatever its mode, so an unreadable tracking.toml cannot be made here"
        );
        return;
    }
    let ws = workspace();
    let path = tracking_path(ws.path());
    set_mode(&path, 0o200);
    let out = run(ws.path(), &["mark", "2.4a"]);
    set_mode(&path, 0o644);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("you cannot read"), "{err}");
    assert!(err.contains("tracking.toml"), "{err}");
}

// ---- 18. Line ends and byte-order mark -------------------------------------------

fn as_windows(text: &str) -> String {
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

fn assert_windows(text: &str) {
    assert!(text.starts_with('\u{feff}'), "the byte-order mark was lost");
    let bytes = text.as_bytes();
    for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        assert!(
            i > 0 && bytes[i - 1] == b'\r',
            "a bare LF at byte {i}: {:?}",
            &text[i.saturating_sub(40)..i]
        );
    }
    assert_eq!(text.matches('\u{feff}').count(), 1);
}

#[test]
fn a_tracking_file_with_a_mark_and_crlf_keeps_them() {
    let ws = workspace();
    let path = tracking_path(ws.path());
    let before = as_windows(&read(&path));
    std::fs::write(&path, &before).expect("write");
    ok(run(ws.path(), &["mark", "2.4a"]));
    ok(run(ws.path(), &["status", "2.4a", "on-track"]));
    let after = read(&path);
    assert_windows(&after);
    assert!(after.starts_with(&before), "earlier content changed");
    assert!(
        after.contains(
            "[items.\"leicester-2003/2.4a\"]\r\nready_for = \"next\"\r\nstatus = \"on-track\"\r\n"
        ),
        "{after}"
    );
    assert_eq!(
        ready_for(&tracking(ws.path()), "leicester-2003/2.4a").as_deref(),
        Some("next")
    );
    // A file with neither stays as it was.
    let ws = workspace();
    ok(run(ws.path(), &["mark", "2.4a"]));
    let plain = read(&tracking_path(ws.path()));
    assert!(!plain.contains('\r') && !plain.starts_with('\u{feff}'));
}

#[test]
fn a_large_tracking_file_with_a_mark_and_crlf_keeps_them_item_by_item() {
    let ws = workspace();
    let path = tracking_path(ws.path());
    let mut text = read(&path);
    for i in 0..1200 {
        text.push_str(&format!(
            "\n[items.\"old/{i}\"]\nstatus = \"on-track\"\n\n[[items.\"old/{i}\".history]]\nat = 2026-01-01T09:00:00Z\nby = \"someone\"\nchange = \"status\"\nfrom = \"not-started\"\nto = \"on-track\"\nnote = \"{}\"\n",
            "progress noted at the meeting ".repeat(3)
        ));
    }
    text.push_str(
        "\n[items.\"leicester-2003/2.4a\"]\nstatus = \"at-risk\"\n\n[[items.\"leicester-2003/2.4a\".history]]\nat = 2026-01-01T09:00:00Z\nby = \"someone\"\nchange = \"status\"\nfrom = \"not-started\"\nto = \"at-risk\"\n",
    );
    assert!(text.len() > scrutineer::workspace::tracking::PIECE_BYTES);
    let before = as_windows(&text);
    std::fs::write(&path, &before).expect("write");
    ok(run(ws.path(), &["mark", "2.4a", "2.6a"]));
    let after = read(&path);
    assert_windows(&after);
    let t = tracking(ws.path());
    assert_eq!(
        ready_for(&t, "leicester-2003/2.4a").as_deref(),
        Some("next")
    );
    assert_eq!(
        ready_for(&t, "leicester-2003/2.6a").as_deref(),
        Some("next")
    );
    assert_eq!(history(&t, "leicester-2003/2.4a").len(), 2);
    // Only the changed item's lines changed.
    let head = before
        .find("[items.\"leicester-2003/2.4a\"]")
        .expect("the item");
    assert_eq!(&after[..head], &before[..head]);
    let check = run(ws.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}
