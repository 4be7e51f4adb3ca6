//! The command line as a clerk uses it: marking, the agenda, statuses, bad input.

mod common;

use common::*;

#[test]
fn mark_puts_items_on_the_agenda_under_their_report_and_unmark_takes_them_off() {
    let ws = workspace();
    let out = run(ws.path(), &["mark", "leicester-2003/2.4a", "3.3a"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(
        "leicester-2003/2.4a: marked ready for the next select committee (not yet scheduled)"
    ));

    let agenda = stdout(&run(ws.path(), &["agenda"]));
    assert!(agenda.contains("2 item(s) ready."), "{agenda}");
    // The pack prints the references councillors know, never the internal ids.
    let report = agenda
        .find("### Social Services Inspection of Children's Services")
        .unwrap_or(usize::MAX);
    let rec = agenda.find("#### Recommendation 2.4").unwrap_or(0);
    let item = agenda.find("**2.4a**").unwrap_or(0);
    assert!(report < rec && rec < item, "{agenda}");
    assert!(!agenda.contains("leicester-2003/"), "{agenda}");
    // An action answering three recommendations comes after the text of each.
    let shared = agenda.find("**3.3a**").unwrap_or(0);
    for r in ["3.3", "3.4", "3.5"] {
        let at = agenda
            .find(&format!("#### Recommendation {r} "))
            .unwrap_or(usize::MAX);
        assert!(at < shared, "{r}: {agenda}");
    }

    let json: serde_json::Value =
        serde_json::from_slice(&run(ws.path(), &["agenda", "--format", "json"]).stdout)
            .expect("JSON");
    assert_eq!(json["count"], 2);
    assert_eq!(json["scheduled"], false);

    let out = run(ws.path(), &["unmark", "leicester-2003/2.4a"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let agenda = stdout(&run(ws.path(), &["agenda", "--format", "csv"]));
    assert_eq!(
        agenda.lines().filter(|l| l.starts_with("next,")).count(),
        1,
        "{agenda}"
    );
    assert!(agenda.contains("leicester-2003/3.3a"));
    assert!(!agenda.contains("leicester-2003/2.4a"));
}

#[test]
fn the_agenda_for_a_dated_meeting_resolves_next_against_the_calendar() {
    let ws = workspace();
    // On 15 October 2003 the next select committee is Leicester scrutiny, 29 October.
    let out = std::process::Command::new(BIN)
        .args(["mark", "2.6a", "--workspace"])
        .arg(ws.path())
        .env("SCRUTINEER_TODAY", "2003-10-15")
        .output()
        .expect("run");
    assert!(
        stdout(&out).contains("Social Services and Personal Health Scrutiny Committee, 2003-10-29"),
        "{}",
        stdout(&out)
    );
    let md = std::process::Command::new(BIN)
        .args(["agenda", "--meeting", "2003-10-29", "--workspace"])
        .arg(ws.path())
        .env("SCRUTINEER_TODAY", "2003-10-15")
        .output()
        .expect("run");
    let md = stdout(&md);
    assert!(
        md.starts_with(
            "# Social Services and Personal Health Scrutiny Committee: Wednesday 29 October 2003"
        ),
        "{md}"
    );
    assert!(md.contains("**2.6a**"), "{md}");
}

#[test]
fn a_hand_written_comment_survives_and_one_mark_is_a_small_diff() {
    let ws = workspace();
    let tracking = ws.path().join("tracking.toml");
    let mut text = read(&tracking);
    text.push_str("\n# Agenda pack goes out on Thursday.\n");
    std::fs::write(&tracking, &text).expect("write");
    let before = read(&tracking);
    let report_before = read(&ws.path().join("reports/leicester-2003.toml"));

    assert!(run(ws.path(), &["mark", "2.4a"]).status.success());
    let after = read(&tracking);
    assert!(after.contains("# Agenda pack goes out on Thursday."));
    assert!(after.starts_with(before.trim_end_matches("\n# Agenda pack goes out on Thursday.\n")));
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(
        added.len() <= 10,
        "a mark added {} lines: {added:?}",
        added.len()
    );
    assert!(after.contains(&recorded_as("clerk")), "{after}");
    assert_eq!(
        read(&ws.path().join("reports/leicester-2003.toml")),
        report_before
    );
}

#[test]
fn status_changes_are_recorded_with_who_and_the_note() {
    let ws = workspace();
    let out = run(
        ws.path(),
        &[
            "status",
            "leicester-2003/1.1a",
            "at-risk",
            "--note",
            "workshop postponed",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("status not-started -> at-risk"));
    let items = list_json(ws.path(), &["--status", "at-risk"]);
    assert_eq!(ids(&items), ["leicester-2003/1.1a"]);
    let text = read(&ws.path().join("tracking.toml"));
    assert!(text.contains("note = \"workshop postponed\""), "{text}");
}

#[test]
fn unknown_ids_and_statuses_exit_2_and_write_nothing() {
    let ws = workspace();
    let tracking = ws.path().join("tracking.toml");
    let before = read(&tracking);
    for args in [
        vec!["mark", "2.4a", "no-such-item"],
        vec!["unmark", "nothing/9z"],
        vec!["status", "2.4a", "green"],
        vec!["status", "nope", "complete"],
        vec!["mark", "2.4a", "--meeting", "soon"],
    ] {
        let out = run(ws.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("scrutineer: "), "{err}");
    }
    assert_eq!(read(&tracking), before);
}

#[test]
fn bad_flags_exit_2() {
    let ws = workspace();
    for args in [
        vec!["list", "--due-before", "31/12/2003"],
        vec!["list", "--sort", "colour"],
        vec!["list", "--owner", "Nobody At All"],
        vec!["list", "--report", "no-such-report"],
        vec!["--today", "yesterday", "triage"],
        vec!["frobnicate"],
    ] {
        let out = run(ws.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_workspace_that_is_missing_or_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp");
    let missing = dir.path().join("nope");
    let out = run(&missing, &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    let file = dir.path().join("file.toml");
    std::fs::write(&file, "x = 1").expect("write");
    let out = run(&file, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a file"), "{}", stderr(&out));
}

#[test]
fn read_only_refuses_changes_with_a_reason() {
    let ws = workspace();
    let before = read(&ws.path().join("tracking.toml"));
    let out = run(ws.path(), &["--read-only", "mark", "2.4a"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("read-only (--read-only was given)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&ws.path().join("tracking.toml")), before);
    // Reading still works.
    assert!(run(ws.path(), &["--read-only", "list"]).status.success());
}

#[test]
fn list_filters_combine() {
    let copy = workspace();
    let ws = copy.path();
    let overdue_fitzg = list_json(ws, &["--owner", "M FitzG", "--overdue"]);
    // Today is 2026: every dated M FitzG action is long overdue; the recurring one has no date.
    assert_eq!(overdue_fitzg.len(), 4);
    let before = list_json(
        ws,
        &["--due-before", "2003-10-31", "--report", "leicester-2003"],
    );
    assert!(
        before
            .iter()
            .all(|i| i["deadline"].as_str().is_some_and(|d| d <= "2003-10-31"))
    );
    let after = list_json(ws, &["--due-after", "2004-01-01"]);
    assert!(
        after
            .iter()
            .all(|i| i["deadline"].as_str().is_some_and(|d| d >= "2004-01-01"))
    );
    assert!(!after.is_empty());
    let searched = list_json(ws, &["--search", "foster carers"]);
    assert_eq!(
        searched.first().and_then(|i| i["id"].as_str()),
        Some("leicester-2003/2.6d")
    );
    let sorted = list_json(ws, &["--sort", "deadline", "--report", "leicester-2003"]);
    let dates: Vec<&str> = sorted
        .iter()
        .filter_map(|i| i["deadline"].as_str())
        .collect();
    let mut in_order = dates.clone();
    in_order.sort();
    assert_eq!(dates, in_order);
}

#[test]
fn csv_output_quotes_what_it_must() {
    let out = run(
        workspace().path(),
        &["list", "--format", "csv", "--report", "leicester-2003"],
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("id,report,recommendations,text,timescale,deadline,deadline_kind,owners,")
    );
    assert!(
        text.contains("\"Review current plan 17.09.03\nRedrafted plan for meeting on 12.11.03\"")
    );
    assert!(!text.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn triage_counts_add_up() {
    let out = run(workspace().path(), &["triage", "--format", "json"]);
    let t: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let total: u64 = t["by_status"]
        .as_object()
        .map(|m| m.values().filter_map(|v| v.as_u64()).sum())
        .unwrap_or(0);
    assert_eq!(Some(total), t["items"].as_u64());
    assert!(t["overdue"].as_u64().is_some_and(|n| n > 0));
    assert!(t["next_meeting"].is_null());
}

#[test]
fn first_run_creates_a_workspace_from_the_bundled_reports_and_says_where() {
    let home = tempfile::tempdir().expect("temp");
    let run_once = || {
        std::process::Command::new(BIN)
            .args(["reports"])
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("SCRUTINEER_WORKSPACE")
            .output()
            .expect("run")
    };
    let first = run_once();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("created a workspace at"),
        "{}",
        stderr(&first)
    );
    assert!(stdout(&first).contains("leicester-2003"));
    let created = home
        .path()
        .join("data/scrutineer/workspace/reports/leicester-2003.toml");
    assert!(created.exists());
    let second = run_once();
    assert!(!stderr(&second).contains("created"), "{}", stderr(&second));
}

/// Every subcommand clap knows (so a new one cannot be left out) has `--help`, which
/// describes it and names the global flags.
#[test]
fn help_is_everywhere() {
    use clap::CommandFactory;
    let command = scrutineer::cli::Args::command();
    let subcommands: Vec<(String, String)> = command
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            (c.get_name().to_string(), about)
        })
        .collect();
    // Every command the README's examples run is one of them, and every one of them
    // is in the README.
    let readme = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let mut used: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_code = line.starts_with("```sh");
            continue;
        }
        if !in_code {
            continue;
        }
        // Up to the comment.
        let command = line.split(" #").next().unwrap_or_default();
        for run in command.split("scrutineer ").skip(1) {
            let mut words = run.split_whitespace();
            while let Some(word) = words.next() {
                if word.starts_with("--") {
                    words.next(); // the flag's value
                    continue;
                }
                used.push(word.to_string());
                break;
            }
        }
    }
    used.sort_unstable();
    used.dedup();
    let names: Vec<&str> = subcommands.iter().map(|(n, _)| n.as_str()).collect();
    for word in &used {
        assert!(
            names.contains(&word.as_str()),
            "README runs `scrutineer {word}`, not a command: {names:?}"
        );
    }
    for name in &names {
        assert!(
            readme.contains(&format!("scrutineer {name}")),
            "`scrutineer {name}` is not in the README"
        );
    }
    assert!(used.len() >= 15, "{used:?}");
    for (cmd, about) in &subcommands {
        let out = std::process::Command::new(BIN)
            .args([cmd.as_str(), "--help"])
            .output()
            .expect("run");
        assert!(out.status.success(), "{cmd}: {}", stderr(&out));
        let help = stdout(&out);
        for flag in ["--workspace", "--today", "--read-only", "--help"] {
            assert!(
                help.contains(flag),
                "{cmd} --help does not name {flag}:\n{help}"
            );
        }
        // The first words of its description, which clap may wrap.
        let start: String = about
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            !start.is_empty()
                && help
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(&start),
            "{cmd} --help does not describe it ({start:?}):\n{help}"
        );
    }
    // And the top level lists them all.
    let out = std::process::Command::new(BIN)
        .arg("--help")
        .output()
        .expect("run");
    let help = stdout(&out);
    for (cmd, _) in &subcommands {
        assert!(
            help.contains(cmd.as_str()),
            "scrutineer --help does not list {cmd}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `scrutineer list | head -1`: the reader goes away; no panic, no error.
    let ws = workspace();
    let mut child = std::process::Command::new(BIN)
        .args(["list", "--format", "json", "--workspace"])
        .arg(ws.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{:?}", out.status);
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn a_word_pack_sent_to_a_pipe_is_a_whole_document() {
    let ws = common::workspace();
    let out = common::run(ws.path(), &["agenda", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let parts = zip_xml(&out.stdout);
    let document = parts.get("word/document.xml").expect("the document");
    assert!(document.contains("<w:body>"), "{document}");
}

#[test]
fn an_import_names_the_owners_the_directory_does_not_know_once_each() {
    let ws = common::workspace();
    let file = ws.path().join("tracker.csv");
    std::fs::write(
        &file,
        "Ref,Action,Lead officer,Target date\n\
         1,Review the fostering handbook,Tess Brownlow,March 2025\n\
         2,Recruit two more foster carers,Tess Brownlow,June 2025\n\
         3,Report to the committee,Ozzie Quell,July 2025\n",
    )
    .expect("a tracker");
    let out = common::run(
        ws.path(),
        &["import", &file.to_string_lossy(), "--report", "shire-2025"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains("Owners not in people.toml, kept as printed (2): Tess Brownlow; Ozzie Quell"),
        "{said}"
    );
}

#[test]
fn a_table_keeps_two_spaces_between_its_columns_and_cuts_only_the_last() {
    let ws = common::workspace();
    let out = common::run(ws.path(), &["list", "--report", "leicester-2003"]);
    let said = common::stdout(&out);
    let mut lines = said.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("id                   text"),
        "{header:?}"
    );
    let row = lines.next().unwrap_or_default();
    assert!(
        row.starts_with("leicester-2003/1.1a  SMT facilitated workshop"),
        "{row:?}"
    );
}

#[test]
fn a_file_named_for_a_format_is_written_in_it_and_a_format_that_does_not_match_is_refused() {
    let ok = |out: std::process::Output| {
        assert!(out.status.success(), "{}", stderr(&out));
    };
    let ws = workspace();
    let out_dir = tempfile::tempdir().expect("temp");
    let file = |name: &str| out_dir.path().join(name);
    let path = |name: &str| file(name).to_str().expect("path").to_string();
    // Named for the workbook and the Word pack (in any case): written as them.
    ok(run(ws.path(), &["export", "-o", &path("officers.xlsx")]));
    let workbook = std::fs::read(file("officers.xlsx")).expect("written");
    assert!(
        zip_xml(&workbook)
            .keys()
            .any(|n| n.starts_with("xl/worksheets/")),
        "an xlsx workbook"
    );
    ok(run(ws.path(), &["agenda", "-o", &path("pack.DOCX")]));
    let pack = std::fs::read(file("pack.DOCX")).expect("written");
    assert!(zip_xml(&pack).contains_key("word/document.xml"));
    ok(run(ws.path(), &["agenda", "-o", &path("pack.html")]));
    assert!(read(&file("pack.html")).starts_with("<!DOCTYPE html>"));
    // Named for nothing scrutineer writes: the command's own default.
    ok(run(ws.path(), &["export", "-o", &path("tracker.txt")]));
    assert!(read(&file("tracker.txt")).starts_with("Report,Ref,"), "CSV");
    // A --format the name contradicts: refused, and nothing written.
    for (args, said) in [
        (
            vec!["export", "--format", "csv", "-o", "officers.xlsx"],
            "--format csv does not match the file name",
        ),
        (
            vec!["agenda", "--format", "md", "-o", "pack.docx"],
            "--format md does not match the file name",
        ),
    ] {
        let name = args[4];
        let mut args = args.clone();
        let target = path(&format!("refused-{name}"));
        args[4] = &target;
        let out = run(ws.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(said), "{}", stderr(&out));
        assert!(
            !std::path::Path::new(&target).exists(),
            "{target} was written"
        );
    }
    // A --format the name agrees with, or says nothing about, is as given.
    ok(run(
        ws.path(),
        &["export", "--format", "xlsx", "-o", &path("given.XLSX")],
    ));
    assert!(zip_xml(&std::fs::read(file("given.XLSX")).expect("written")).len() > 1);
    ok(run(
        ws.path(),
        &["agenda", "--format", "json", "-o", &path("items.out")],
    ));
    let items: serde_json::Value = serde_json::from_str(&read(&file("items.out"))).expect("JSON");
    assert_eq!(items["count"], 0);
}
