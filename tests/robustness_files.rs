//! Files that are not what they seem, and imports that are interrupted: what the
//! attack on the workbench found in `reports/`, in CSV trackers and in spreadsheets
//! that run formulas. Each test failed before the fix it names.

mod common;

use common::{BIN, read, run, stderr, stdout, workspace};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

/// A tracker of `rows` recommendations, each with an action, a status and a note: big
/// enough that an import takes long enough to be killed in the middle.
fn big_tracker(path: &Path, rows: usize) {
    let mut csv = String::from("Ref,Recommendation,Action,Lead officer,Target date,RAG,Progress\n");
    for i in 1..=rows {
        csv.push_str(&format!(
            "{i},Recommendation number {i} about assessments,Action number {i},Officer {},31/03/2027,Amber,Progress on {i}\n",
            i % 17
        ));
    }
    write(path, &csv);
}

/// What an import left: whether the report is there, the tracking file's text, and
/// any pending file or journal still lying about.
fn state(ws: &Path) -> (bool, String, Vec<String>) {
    let report = ws.join("reports/big.toml").exists();
    let tracking = std::fs::read_to_string(ws.join("tracking.toml")).unwrap_or_default();
    let mut stray = Vec::new();
    for dir in [ws.to_path_buf(), ws.join("reports")] {
        for e in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(".import") || name == ".scrutineer-import" {
                stray.push(name);
            }
        }
    }
    (report, tracking, stray)
}

#[cfg(unix)]
#[test]
fn a_killed_import_is_all_or_nothing_and_can_be_run_again() {
    let tracker = tempfile::tempdir().expect("temp");
    let file = tracker.path().join("big.csv");
    big_tracker(&file, 1000);
    let file = file.to_str().expect("path");
    // How long one whole import takes here, to spread the kills across it.
    let timing = workspace();
    let started = Instant::now();
    let out = run(timing.path(), &["import", file, "--report", "big"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let span = started.elapsed();
    let rounds = 12;
    let (mut none, mut all) = (0, 0);
    for round in 0..rounds {
        let ws = workspace();
        let before = read(&ws.path().join("tracking.toml"));
        let mut child = Command::new(BIN)
            .args(["import", file, "--report", "big", "--workspace"])
            .arg(ws.path())
            .env("SCRUTINEER_TODAY", "2026-11-22")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(span.mul_f64(round as f64 / rounds as f64 * 1.1));
        let _ = child.kill();
        let _ = child.wait();
        // The next run finishes or undoes what the killed one left.
        let check = run(ws.path(), &["check"]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "round {round}: {}",
            stdout(&check)
        );
        let (report, tracking, stray) = state(ws.path());
        assert!(stray.is_empty(), "round {round}: left behind {stray:?}");
        if report {
            // All of it: the report and every status and note.
            assert_eq!(
                tracking.matches("imported from big.csv").count(),
                1000,
                "round {round}"
            );
            let again = run(ws.path(), &["import", file, "--report", "big"]);
            assert_eq!(
                again.status.code(),
                Some(1),
                "round {round}: imported twice"
            );
            all += 1;
        } else {
            // None of it: the tracking file as it was, and the import can be run again.
            assert_eq!(tracking, before, "round {round}: half an import");
            let again = run(ws.path(), &["import", file, "--report", "big"]);
            assert!(again.status.success(), "round {round}: {}", stderr(&again));
            none += 1;
        }
    }
    assert!(
        none > 0,
        "no kill landed before the import was committed ({all} after)"
    );
}

#[test]
fn an_import_interrupted_after_its_commit_point_is_completed_at_the_next_run() {
    let ws = workspace();
    let tracker = ws.path().join("t.csv");
    write(&tracker, "Ref,Action,RAG\n1,Audit the files,Green\n");
    // Make the files an import writes, and its journal, as a crash would leave them.
    let done = workspace();
    assert!(
        run(
            done.path(),
            &["import", tracker.to_str().expect("path"), "--report", "t"]
        )
        .status
        .success()
    );
    let report = read(&done.path().join("reports/t.toml"));
    let tracking = read(&done.path().join("tracking.toml"));
    write(&ws.path().join("reports/t.toml.import"), &report);
    write(&ws.path().join("tracking.toml.import"), &tracking);
    write(
        &ws.path().join(".scrutineer-import"),
        "reports/t.toml\ntracking.toml\n",
    );
    let list = run(ws.path(), &["list", "--report", "t", "--format", "json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("\"on-track\""), "{}", stdout(&list));
    assert_eq!(read(&ws.path().join("reports/t.toml")), report);
    assert!(!ws.path().join(".scrutineer-import").exists());
    // Without the journal the import had not been committed: it is undone.
    let ws = workspace();
    write(&ws.path().join("reports/t.toml.import"), &report);
    let check = run(ws.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(stdout(&check).contains("undone"), "{}", stdout(&check));
    assert!(!ws.path().join("reports/t.toml.import").exists());
    assert!(!ws.path().join("reports/t.toml").exists());
}

#[test]
fn cells_a_spreadsheet_would_run_are_defused_in_every_csv_and_markdown() {
    let ws = workspace();
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let tracker = ws.path().join("t.csv");
    let csv = format!(
        "Ref,Action,Lead officer,RAG,Progress\n1,\"{}\",+cmd,Green,@SUM(A1)\n2,-2+3,\"\t=1\",Amber,ok\n",
        formula.replace('"', "\"\"")
    );
    write(&tracker, &csv);
    let out = run(
        ws.path(),
        &[
            "import",
            tracker.to_str().expect("path"),
            "--report",
            "evil",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        run(ws.path(), &["mark", "evil/1a", "evil/2a"])
            .status
            .success()
    );
    let outputs = [
        stdout(&run(ws.path(), &["export", "--report", "evil"])),
        stdout(&run(
            ws.path(),
            &["list", "--report", "evil", "--format", "csv"],
        )),
        stdout(&run(ws.path(), &["agenda", "--format", "csv"])),
    ];
    for out in &outputs {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        for record in reader.records() {
            for cell in record.expect("csv").iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a live formula `{cell}` in:\n{out}"
                );
            }
        }
        assert!(out.contains("'=HYPERLINK"), "{out}");
    }
    let markdown = stdout(&run(ws.path(), &["agenda"]));
    assert!(markdown.contains("'=HYPERLINK"), "{markdown}");
    // A defused cell read back in stays defused.
    let export = ws.path().join("export.csv");
    write(&export, &outputs[0]);
    assert!(
        run(
            ws.path(),
            &[
                "import",
                export.to_str().expect("path"),
                "--report",
                "again"
            ]
        )
        .status
        .success()
    );
    let again = stdout(&run(ws.path(), &["export", "--report", "again"]));
    assert!(
        again.contains("'=HYPERLINK") && !again.contains(",=HYPERLINK"),
        "{again}"
    );
}

#[test]
fn csv_files_that_are_not_what_they_seem_are_refused_by_line_and_write_nothing() {
    let ws = workspace();
    let tracking = read(&ws.path().join("tracking.toml"));
    let mut utf16 = Vec::new();
    for u in "Ref,Action\n1,Audit\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "quote.csv",
            b"Ref,Action\n1,\"never closed\n2,x\n".to_vec(),
            "line 2: a quote is opened here and never closed",
        ),
        ("utf16.csv", utf16, "UTF-16 text without a byte-order mark"),
        (
            "wide.csv",
            b"Ref,Action\n1,Audit,extra\n".to_vec(),
            "line 2: 3 cell(s) where the header (line 1) has 2",
        ),
        (
            "short.csv",
            b"Ref,Action,Lead\n1,Audit,KS\n2,Train\n".to_vec(),
            "line 3: 2 cell(s) where the header (line 1) has 3",
        ),
        (
            "header-only.csv",
            b"Ref,Action,Lead\n".to_vec(),
            "line 1: the header has no rows under it",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = ws.path().join(name);
        std::fs::write(&file, bytes).expect("write");
        for dry in [true, false] {
            let mut args = vec!["import", file.to_str().expect("path"), "--report", "bad"];
            if dry {
                args.push("--dry-run");
            }
            let out = run(ws.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
            assert!(stderr(&out).contains(expected), "{name}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(name),
                "{name}: the file is named: {}",
                stderr(&out)
            );
            assert!(!ws.path().join("reports/bad.toml").exists());
            assert_eq!(read(&ws.path().join("tracking.toml")), tracking);
        }
    }
}

#[cfg(unix)]
#[test]
fn odd_entries_in_reports_are_reported_by_name_and_never_block() {
    use std::os::unix::ffi::OsStrExt;
    let ws = workspace();
    let reports = ws.path().join("reports");
    std::os::unix::fs::symlink(
        reports.join("nothing-here.toml"),
        reports.join("dangling.toml"),
    )
    .expect("link");
    std::os::unix::fs::symlink(reports.join("loop.toml"), reports.join("loop.toml")).expect("link");
    std::os::unix::fs::symlink("/etc/hostname", reports.join("outside.toml")).expect("link");
    std::fs::create_dir(reports.join("folder.toml")).expect("dir");
    let fifo = reports.join("pipe.toml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path and a mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    write(&reports.join(odd), "id = \"x\"\ntitle = \"x\"\n");
    // A FIFO must never be opened: the check finishes by itself.
    let started = Instant::now();
    let check = run(ws.path(), &["check"]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let text = stdout(&check);
    for (file, what) in [
        ("reports/dangling.toml", "a symbolic link to nothing"),
        ("reports/loop.toml", "a symbolic link that loops"),
        (
            "reports/outside.toml",
            "a symbolic link out of the workspace",
        ),
        ("reports/folder.toml", "a folder"),
        ("reports/pipe.toml", "a FIFO"),
        ("reports/caf\u{fffd}.toml", "not UTF-8"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(file) && l.contains(what)),
            "{file}: {what}:\n{text}"
        );
    }
    // The real reports still load.
    assert!(stderr(&check).contains("5 report(s)"), "{}", stderr(&check));
}

#[test]
fn the_file_named_after_a_report_id_wins_over_another_claiming_it() {
    let ws = workspace();
    let real = read(&ws.path().join("reports/dudley-2010.toml"));
    write(
        &ws.path().join("reports/bad.toml"),
        "id = \"dudley-2010\"\ntitle = \"An impostor\"\n",
    );
    let check = run(ws.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let text = stdout(&check);
    assert!(
        text.lines().any(|l| l.starts_with("reports/bad.toml")
            && l.contains("error")
            && l.contains("reports/dudley-2010.toml")),
        "{text}"
    );
    let reports = stdout(&run(ws.path(), &["reports", "--format", "json"]));
    assert!(!reports.contains("An impostor"), "{reports}");
    assert!(real.contains("title"));
}

/// Every text of every file, and every text given on the command line, printed by
/// every command in every format: no escape sequence ever reaches the terminal.
#[test]
fn hostile_text_anywhere_never_reaches_the_terminal_from_any_command() {
    let ws = workspace();
    // OSC 52 (set the clipboard), OSC 0 (the title), clear the screen, and a C1 CSI.
    let hostile = "\\u001b]52;c;cHduZWQ=\\u0007\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u007f";
    let raw = "\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f}";
    for file in std::fs::read_dir(ws.path().join("reports"))
        .expect("reports")
        .flatten()
        .map(|e| e.path())
        .chain([
            ws.path().join("committees.toml"),
            ws.path().join("people.toml"),
        ])
    {
        let mut text = read(&file);
        for key in [
            "name = \"",
            "title = \"",
            "authority = \"",
            "text = \"",
            "heading = \"",
            "judgement = \"",
            "note = \"",
            "timescale = \"",
            "owners_printed = \"",
        ] {
            // Into basic strings only: a multi-line string (\"\"\") is left as it is.
            let mut out = String::new();
            let mut rest = text.as_str();
            while let Some(at) = rest.find(key) {
                let after = &rest[at + key.len()..];
                out.push_str(&rest[..at + key.len()]);
                if !after.starts_with('"') {
                    out.push_str(hostile);
                }
                rest = after;
            }
            out.push_str(rest);
            text = out;
        }
        write(&file, &text);
    }
    let item = "leicester-2003/2.4a";
    let given: Vec<Vec<&str>> = vec![
        vec!["note", item, raw],
        vec!["revise", item, "2004-01-31", "--reason", raw],
        vec!["status", item, "at-risk", "--note", raw],
        vec![
            "respond",
            "oxfordshire-2005/2.7",
            "rejected",
            "--reason",
            raw,
        ],
        vec!["mark", item],
    ];
    for args in &given {
        let out = std::process::Command::new(BIN)
            .args(args)
            .arg("--workspace")
            .arg(ws.path())
            .env("SCRUTINEER_TODAY", "2026-11-22")
            .env("USER", raw)
            .output()
            .expect("run");
        assert_clean(&format!("{args:?}"), &out.stdout, &out.stderr);
    }
    let commands: Vec<Vec<&str>> = vec![
        vec!["reports"],
        vec!["reports", "--format", "json"],
        vec!["list"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "json"],
        vec!["list", "--search", raw],
        vec!["list", "--owner", raw],
        vec!["triage"],
        vec!["triage", "--format", "json"],
        vec!["agenda"],
        vec!["agenda", "--format", "csv"],
        vec!["agenda", "--format", "json"],
        vec!["agenda", "--format", "html"],
        vec!["history", item],
        vec!["history", item, "--format", "json"],
        vec!["history", "oxfordshire-2005/2.7"],
        vec!["plan"],
        vec!["plan", "--format", "json"],
        vec!["recommendations"],
        vec!["recommendations", "--format", "json"],
        vec!["export"],
        vec!["check"],
        vec!["status", raw, "complete"],
        vec!["mark", raw],
    ];
    for args in &commands {
        let out = run(ws.path(), args);
        assert_clean(&format!("{args:?}"), &out.stdout, &out.stderr);
        if args.contains(&"json") {
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
            assert!(
                parsed.is_ok(),
                "{args:?}: not JSON: {} {}",
                stdout(&out),
                stderr(&out)
            );
            // The hostile text is still there, escaped, not lost (the agenda of a
            // calendar with no meeting to come is empty).
            if args[0] != "agenda" {
                assert!(stdout(&out).contains("\\u001b]0;pwned"), "{args:?}");
            }
        }
    }
}

/// No ESC, BEL, DEL or C1 control character in what a command wrote.
fn assert_clean(what: &str, out: &[u8], err: &[u8]) {
    for (stream, bytes) in [("stdout", out), ("stderr", err)] {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|c| matches!(*c as u32, 0x00..=0x08 | 0x0b..=0x1f | 0x7f..=0x9f))
            .collect();
        assert!(bad.is_empty(), "{what}: {stream} has {bad:?}:\n{text}");
    }
}

#[test]
fn a_clerk_kept_waiting_is_told_who_holds_the_lock() {
    let ws = workspace();
    let held = scrutineer::workspace::store::lock(ws.path(), Duration::ZERO).expect("lock");
    let holder = scrutineer::workspace::store::holder(ws.path()).expect("the holder says who");
    assert!(
        holder.contains(&format!("process {}", std::process::id())),
        "{holder}"
    );
    let out = Command::new(BIN)
        .args(["mark", "2.4a", "--workspace"])
        .arg(ws.path())
        .env("SCRUTINEER_LOCK_WAIT_MS", "200")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("held by {holder}")),
        "{}",
        stderr(&out)
    );
    drop(held);
    // Let go, the lock says no one holds it.
    assert_eq!(scrutineer::workspace::store::holder(ws.path()), None);
}
