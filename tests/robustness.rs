//! Nothing lost, nothing broken: many clerks at once, crashes mid-save, locks held too
//! long, read-only workspaces, and every row of PRODUCT.md's bad-input table.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn all_ids(ws: &Path) -> Vec<String> {
    ids(&list_json(ws, &[]))
}

fn tracking(ws: &Path) -> toml::Table {
    let text = read(&ws.join("tracking.toml"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("tracking.toml does not parse: {e}\n{text}"))
}

fn ready_for(t: &toml::Table, id: &str) -> Option<String> {
    t.get("items")?
        .get(id)?
        .get("ready_for")?
        .as_str()
        .map(str::to_string)
}

fn history_len(t: &toml::Table, id: &str) -> usize {
    t.get("items")
        .and_then(|i| i.get(id))
        .and_then(|i| i.get("history"))
        .and_then(|h| h.as_array())
        .map_or(0, Vec::len)
}

#[test]
fn eight_clerks_marking_different_actions_at_once_keep_every_mark() {
    eight_clerks(false);
}

/// The same with a tracking file large enough to be saved item by item.
#[test]
fn eight_clerks_keep_every_mark_in_a_large_tracking_file() {
    eight_clerks(true);
}

fn eight_clerks(large: bool) {
    let ws = workspace();
    if large {
        big_tracking(ws.path());
    }
    let ids = all_ids(ws.path());
    let clerks = 8;
    let rounds = 4;
    let threads: Vec<_> = (0..clerks)
        .map(|c| {
            let dir = ws.path().to_path_buf();
            let keep = ids[2 * c].clone();
            let drop = ids[2 * c + 1].clone();
            std::thread::spawn(move || {
                for _ in 0..rounds {
                    for args in [
                        vec!["mark", keep.as_str(), drop.as_str()],
                        vec!["unmark", keep.as_str(), drop.as_str()],
                        vec!["mark", keep.as_str()],
                    ] {
                        // Under load 96 saves of a large file can keep a clerk
                        // waiting longer than the default 10 s; what is tested here
                        // is that no mark is lost, so each waits as long as it takes.
                        let out = run_env(&dir, &args, &[("SCRUTINEER_LOCK_WAIT_MS", "600000")]);
                        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a clerk's thread failed");
    }
    let t = tracking(ws.path());
    for c in 0..clerks {
        let (keep, drop) = (&ids[2 * c], &ids[2 * c + 1]);
        assert_eq!(
            ready_for(&t, keep).as_deref(),
            Some("next"),
            "{keep} lost its mark"
        );
        assert_eq!(ready_for(&t, drop), None, "{drop} kept a mark it lost");
        // mark, unmark, mark in the first round; unmark, mark after (the round's first
        // mark finds it marked already and changes nothing): every change is recorded.
        assert_eq!(history_len(&t, keep), 2 * rounds + 1, "{keep}");
        assert_eq!(history_len(&t, drop), 2 * rounds, "{drop}");
    }
    let check = run(ws.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn two_clerks_changing_one_action_both_appear_in_its_history_and_the_later_wins() {
    let ws = workspace();
    let children: Vec<_> = ["on-track", "at-risk"]
        .iter()
        .map(|status| {
            Command::new(BIN)
                .args(["status", "leicester-2003/2.2a", status, "--workspace"])
                .arg(ws.path())
                .env("USER", format!("clerk-{status}"))
                .stdout(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    let t = tracking(ws.path());
    let item = &t["items"]["leicester-2003/2.2a"];
    let history = item["history"].as_array().expect("history");
    assert_eq!(history.len(), 2);
    // Recorded under the login name, with $USER as given beside it.
    let login = scrutineer::workspace::login_name();
    assert!(history.iter().all(|h| h["by"].as_str() == Some(&login)));
    let by: Vec<&str> = history
        .iter()
        .filter_map(|h| h["by_as_given"].as_str())
        .collect();
    assert!(
        by.contains(&"clerk-on-track") && by.contains(&"clerk-at-risk"),
        "{by:?}"
    );
    // The later change is the one in force, and it records what it replaced.
    assert_eq!(item["status"].as_str(), history[1]["to"].as_str());
    assert_eq!(history[1]["from"].as_str(), history[0]["to"].as_str());
}

#[test]
fn a_lock_held_too_long_gives_a_clear_message_not_a_hang() {
    let ws = workspace();
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(ws.path().join(".scrutineer.lock"))
        .expect("lock file");
    lock.lock().expect("hold the lock");
    let before = read(&ws.path().join("tracking.toml"));
    let out = Command::new(BIN)
        .args(["mark", "2.4a", "--workspace"])
        .arg(ws.path())
        .env("SCRUTINEER_LOCK_WAIT_MS", "300")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("locked by another scrutineer process"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(read(&ws.path().join("tracking.toml")), before);
    lock.unlock().expect("unlock");
    assert!(run(ws.path(), &["mark", "2.4a"]).status.success());
}

/// A tracking file big enough that a save takes long enough to be interrupted, and
/// that it is saved item by item (it is larger than a piece).
fn big_tracking(ws: &Path) {
    let mut text = read(&ws.join("tracking.toml"));
    for i in 0..1200 {
        text.push_str(&format!(
            "\n[items.\"old/{i}\"]\nstatus = \"on-track\"\n\n[[items.\"old/{i}\".history]]\nat = 2026-01-01T09:00:00Z\nby = \"someone\"\nchange = \"status\"\nfrom = \"not-started\"\nto = \"on-track\"\nnote = \"{}\"\n",
            "progress noted at the meeting ".repeat(3)
        ));
    }
    assert!(text.len() > scrutineer::workspace::tracking::PIECE_BYTES);
    std::fs::write(ws.join("tracking.toml"), text).expect("write");
}

/// How long one `mark` takes here, so kills can be spread across all of it.
fn time_one_mark(ws: &Path, id: &str) -> Duration {
    let started = std::time::Instant::now();
    assert!(run(ws, &["mark", id]).status.success());
    started.elapsed()
}

#[cfg(unix)]
#[test]
fn killed_while_saving_leaves_the_old_or_the_new_file_never_a_torn_one() {
    let ws = workspace();
    big_tracking(ws.path());
    let ids = all_ids(ws.path());
    let span = time_one_mark(ws.path(), &ids[0]);
    let rounds = 30;
    let (mut old, mut new, mut left) = (0, 0, 0);
    let temporary = |ws: &Path| scrutineer::workspace::store::stale_temporary_files(ws);
    for round in 0..rounds {
        let before = read(&ws.path().join("tracking.toml"));
        let id = &ids[1 + round];
        let mut child = Command::new(BIN)
            .args(["mark", id, "--workspace"])
            .arg(ws.path())
            .env("USER", "clerk")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill at a different moment each round, from the start to the end of a save.
        std::thread::sleep(span.mul_f64(round as f64 / rounds as f64 * 1.2));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let after = read(&ws.path().join("tracking.toml"));
        let parsed: Result<toml::Table, _> = toml::from_str(&after);
        assert!(parsed.is_ok(), "round {round}: torn file");
        if after == before {
            old += 1;
        } else {
            // Only added to: every line of before is still there, in order (a new
            // item goes in its place by id, so not necessarily at the end).
            let mut lines = after.lines();
            assert!(
                before.lines().all(|l| lines.any(|a| a == l)),
                "round {round}: earlier content changed"
            );
            // And nothing else changed: the new file is the old one plus this mark.
            let mut now = tracking(ws.path());
            assert_eq!(ready_for(&now, id).as_deref(), Some("next"));
            if let Some(toml::Value::Table(items)) = now.get_mut("items") {
                items.remove(id.as_str());
            }
            let was: toml::Table = toml::from_str(&before).expect("the old file parses");
            assert_eq!(now, was, "round {round}: more changed than {id}'s mark");
            new += 1;
        }
        // At most the one temporary copy this save was writing: each save removes
        // those earlier kills left.
        let leftovers = temporary(ws.path());
        assert!(leftovers.len() <= 1, "round {round}: {leftovers:?}");
        left += leftovers.len();
    }
    assert!(
        old > 0 && new > 0,
        "kills should land both before and after a save: {old} old, {new} new"
    );
    // A temporary copy left by a kill is named by `check`, and the next save removes it.
    let leftovers = temporary(ws.path());
    let check = run(ws.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    for (path, _) in &leftovers {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        assert!(
            name.is_some_and(|n| stdout(&check).contains(&n)),
            "check does not name {path:?}: {}",
            stdout(&check)
        );
    }
    assert!(run(ws.path(), &["mark", &ids[rounds + 1]]).status.success());
    assert_eq!(
        temporary(ws.path()),
        Vec::new(),
        "a save left a temporary copy"
    );
    eprintln!("{old} kills before the save, {new} after, {left} temporary copies left");
}

#[cfg(unix)]
#[test]
fn a_workspace_the_user_cannot_write_opens_read_only_and_says_why() {
    use std::os::unix::fs::PermissionsExt;
    let ws = workspace();
    let before = read(&ws.path().join("tracking.toml"));
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let out = run(ws.path(), &["mark", "2.4a"]);
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod back");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("read-only (you cannot write to"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&ws.path().join("tracking.toml")), before);
}

// ---- PRODUCT.md section 6: bad input ------------------------------------------------

fn write_report(ws: &Path, name: &str, text: &[u8]) {
    std::fs::write(ws.join("reports").join(name), text).expect("write report");
}

/// `check` output, and the reports `list` still shows.
fn check_and_reports(ws: &Path) -> (i32, String, Vec<String>) {
    let out = run(ws, &["check"]);
    let reports: Vec<String> = list_json(ws, &[])
        .iter()
        .filter_map(|i| i["report"].as_str().map(str::to_string))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    (
        out.status.code().unwrap_or(-1),
        stdout(&out) + &stderr(&out),
        reports,
    )
}

const GOOD: &str = "id = \"extra\"\ntitle = \"An extra report\"\n\n[[recommendations]]\nid = \"1\"\ntext = \"Do the thing.\"\ntimescale = \"Oct '03\"\n";

#[test]
fn malformed_toml_is_placed_and_the_other_reports_still_load() {
    let ws = workspace();
    write_report(
        ws.path(),
        "extra.toml",
        b"id = \"extra\"\ntitle = \"Broken\n[[recommendations]]\n",
    );
    let (code, out, reports) = check_and_reports(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("reports/extra.toml:2:"), "{out}");
    assert_eq!(reports.len(), 5, "{reports:?}");
}

#[test]
fn a_missing_field_names_the_field() {
    let ws = workspace();
    write_report(
        ws.path(),
        "extra.toml",
        b"id = \"extra\"\n\n[[recommendations]]\nid = \"1\"\ntext = \"x\"\n",
    );
    let (code, out, reports) = check_and_reports(ws.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("reports/extra.toml:1:1: error:") && out.contains("title"),
        "{out}"
    );
    assert_eq!(reports.len(), 5);
}

#[test]
fn a_wrong_type_says_what_was_expected_where() {
    let ws = workspace();
    write_report(
        ws.path(),
        "extra.toml",
        b"id = \"extra\"\ntitle = \"T\"\ndate = \"last Tuesday\"\n",
    );
    let (code, out, _) = check_and_reports(ws.path());
    assert_eq!(code, 1);
    assert!(out.contains("reports/extra.toml:3:8: error:"), "{out}");
    let ws2 = workspace();
    write_report(
        ws2.path(),
        "extra.toml",
        b"id = \"extra\"\ntitle = \"T\"\ndate = 2003-02-30\n",
    );
    let (code, out, _) = check_and_reports(ws2.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("reports/extra.toml:3:"), "{out}");
}

#[test]
fn an_unknown_key_is_a_warning_at_its_place_and_nothing_stops() {
    let ws = workspace();
    let text = GOOD.replace("timescale =", "timescael = \"soon\"\ntimescale =");
    write_report(ws.path(), "extra.toml", text.as_bytes());
    let (code, out, reports) = check_and_reports(ws.path());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("reports/extra.toml:7:1: warning: unknown key `recommendations[1].timescael`"),
        "{out}"
    );
    assert_eq!(reports.len(), 6);
}

#[test]
fn an_unparseable_timescale_is_kept_and_flagged() {
    let ws = workspace();
    write_report(
        ws.path(),
        "extra.toml",
        GOOD.replace("Oct '03", "when the budget allows").as_bytes(),
    );
    let items = list_json(ws.path(), &["--report", "extra"]);
    assert_eq!(items[0]["timescale"], "when the budget allows");
    assert_eq!(items[0]["deadline_kind"], "unknown");
    assert!(items[0]["deadline"].is_null());
    assert!(items[0]["warnings"].to_string().contains("not understood"));
}

#[test]
fn duplicate_ids_are_errors_and_the_first_is_kept() {
    let ws = workspace();
    let text = format!("{GOOD}\n[[recommendations]]\nid = \"1\"\ntext = \"Again.\"\n");
    write_report(ws.path(), "extra.toml", text.as_bytes());
    let (code, out, _) = check_and_reports(ws.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("reports/extra.toml:9:1: error: duplicate id `1`"),
        "{out}"
    );
    let items = list_json(ws.path(), &["--report", "extra"]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["text"], "Do the thing.");
    // A second file claiming a report id already used is skipped, not merged.
    write_report(ws.path(), "zz-copy.toml", GOOD.as_bytes());
    let (_, out, _) = check_and_reports(ws.path());
    assert!(
        out.contains(
            "report id `extra` is also the id of reports/extra.toml, which is the one loaded"
        ),
        "{out}"
    );
}

#[test]
fn references_to_things_that_do_not_exist_are_reported() {
    let ws = workspace();
    let text = format!(
        "{GOOD}\n[[actions]]\nid = \"1a\"\nanswers = [\"9.9\"]\ntext = \"Orphan\"\n\n[[meetings]]\ncommittee = \"no-such-committee\"\ndate = 2003-10-01\n"
    );
    write_report(ws.path(), "extra.toml", text.as_bytes());
    let tracking_path = ws.path().join("tracking.toml");
    let mut t = read(&tracking_path);
    t.push_str("\n[items.\"gone/1a\"]\nstatus = \"complete\"\n");
    std::fs::write(&tracking_path, t).expect("write");
    let (code, out, _) = check_and_reports(ws.path());
    // An action answering a recommendation the report does not have is an error (issue
    // 12, point 11); the rest are warnings.
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error: action `1a` answers recommendation `9.9`, which this report does not have"
        ),
        "{out}"
    );
    assert!(out.contains("names committee `no-such-committee`"), "{out}");
    assert!(
        out.contains("tracking for `gone/1a`, which no report has"),
        "{out}"
    );
    // Saving keeps the orphaned tracking rather than losing it.
    assert!(run(ws.path(), &["mark", "extra/1a"]).status.success());
    assert!(read(&tracking_path).contains("[items.\"gone/1a\"]\nstatus = \"complete\""));
}

#[test]
fn a_ten_megabyte_field_loads() {
    let ws = workspace();
    let big = "x".repeat(10 * 1024 * 1024);
    write_report(
        ws.path(),
        "extra.toml",
        GOOD.replace("Do the thing.", &big).as_bytes(),
    );
    let items = list_json(ws.path(), &["--report", "extra"]);
    assert_eq!(items[0]["text"].as_str().map(str::len), Some(big.len()));
}

#[test]
fn invalid_utf8_and_nul_bytes_are_placed_and_the_rest_loads() {
    let ws = workspace();
    write_report(
        ws.path(),
        "bad-utf8.toml",
        b"id = \"bad-utf8\"\ntitle = \"caf\xe9\"\n",
    );
    write_report(ws.path(), "nul.toml", b"id = \"nul\"\ntitle = \"a\0b\"\n");
    let (code, out, reports) = check_and_reports(ws.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("reports/bad-utf8.toml:2:13: error: not valid UTF-8"),
        "{out}"
    );
    assert!(out.contains("reports/nul.toml:2:"), "{out}");
    assert_eq!(reports.len(), 5);
}

#[test]
fn escape_sequences_in_any_text_are_shown_escaped_never_raw() {
    let ws = workspace();
    let hostile = "id = \"evil\"\ntitle = \"Title\\u001b]0;pwned\\u0007\"\n\n[[recommendations]]\nid = \"1\"\ntext = \"Clear\\u001b[2J\\u009b31m screen\"\nowners = [\"Evil\\u001b[5m Owner\"]\n";
    write_report(ws.path(), "evil.toml", hostile.as_bytes());
    assert!(run(ws.path(), &["mark", "evil/1"]).status.success());
    // Text given on the command line reaches the history, the agenda and the exports.
    let note = "Bell\u{7} and \u{1b}]52;c;cGF5bG9hZA==\u{7} clipboard\u{9b}2J";
    assert!(run(ws.path(), &["note", "evil/1", note]).status.success());
    assert!(
        run(ws.path(), &["status", "evil/1", "at-risk", "--note", note])
            .status
            .success()
    );
    for args in [
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "json"],
        vec!["reports"],
        vec!["reports", "--format", "json"],
        vec!["agenda"],
        vec!["agenda", "--format", "csv"],
        vec!["agenda", "--format", "json"],
        vec!["agenda", "--format", "html"],
        vec!["triage"],
        vec!["triage", "--format", "json"],
        vec!["check"],
        vec!["history", "evil/1"],
        vec!["plan"],
        vec!["recommendations"],
        vec!["export", "--report", "evil"],
    ] {
        let out = run(ws.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&all);
        // No C0 control but the line end (and tab), no DEL, no C1 control (U+0080 to
        // U+009F, which some terminals take as ESC and a letter).
        let raw: Vec<char> = text
            .chars()
            .filter(|c| {
                (c.is_control() && !['\n', '\t'].contains(c)) || ('\u{80}'..='\u{9f}').contains(c)
            })
            .collect();
        assert!(
            raw.is_empty(),
            "{args:?} sent raw control characters {raw:?}"
        );
    }
    assert!(stdout(&run(ws.path(), &["list"])).contains("Clear\\e[2J\\u{9b}31m screen"));
    // JSON keeps the text, escaped the JSON way: it reads back as it was written.
    let items = list_json(ws.path(), &["--report", "evil"]);
    assert_eq!(items[0]["text"], "Clear\u{1b}[2J\u{9b}31m screen");
    let history = stdout(&run(ws.path(), &["history", "evil/1"]));
    assert!(history.contains("Bell\\x07 and \\e]52"), "{history}");
}
