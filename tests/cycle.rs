//! The committee cycle: revised deadlines, responses, notes, sign-off, meetings that
//! pass, the forward plan, trackers in and agenda packs out.

mod common;

use common::run_on as on;
use common::*;
use std::path::Path;

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn item(ws: &Path, id: &str) -> serde_json::Value {
    let items = list_json(ws, &[]);
    items
        .into_iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn a_revised_deadline_keeps_the_original_and_drives_overdue() {
    let ws = workspace();
    let before = item(ws.path(), "leicester-2003/2.6d");
    assert_eq!(before["overdue"], true);
    ok(run(
        ws.path(),
        &[
            "revise",
            "2.6d",
            "2027-03-31",
            "--reason",
            "carers' survey moved to spring",
        ],
    ));
    let after = item(ws.path(), "leicester-2003/2.6d");
    assert_eq!(after["timescale"], "March '03");
    assert_eq!(after["deadline"], "2003-03-31");
    assert_eq!(after["current_deadline"], "2027-03-31");
    assert_eq!(after["overdue"], false);
    let sorted = list_json(
        ws.path(),
        &["--sort", "deadline", "--report", "leicester-2003"],
    );
    let dated: Vec<&str> = sorted
        .iter()
        .filter(|i| !i["current_deadline"].is_null())
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(
        dated.last(),
        Some(&"leicester-2003/2.6d"),
        "sorted by the revised deadline"
    );
    ok(run(
        ws.path(),
        &[
            "revise",
            "2.6d",
            "2027-06-30",
            "--reason",
            "survey delayed again",
        ],
    ));
    let history = ok(run(ws.path(), &["history", "2.6d"]));
    assert!(
        history.contains("deadline revised to 2027-03-31: carers' survey moved to spring"),
        "{history}"
    );
    assert!(
        history.contains("deadline revised 2027-03-31 -> 2027-06-30: survey delayed again"),
        "{history}"
    );
    // No reason, no revision.
    let out = run(
        ws.path(),
        &["revise", "2.6d", "2027-09-30", "--reason", " "],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn responses_to_recommendations_are_recorded_and_filterable() {
    let ws = workspace();
    let out = run(ws.path(), &["respond", "oxfordshire-2005/2.7", "rejected"]);
    assert_eq!(out.status.code(), Some(2), "a rejection needs a reason");
    ok(run(
        ws.path(),
        &[
            "respond",
            "oxfordshire-2005/2.7",
            "rejected",
            "--reason",
            "caseloads need unit managers",
        ],
    ));
    ok(run(
        ws.path(),
        &["respond", "2.8", "accepted", "--due", "2005-12-01"],
    ));
    ok(run(
        ws.path(),
        &["respond", "dudley-2010/21", "--due", "2010-10-01"],
    ));
    let rejected: Vec<serde_json::Value> = serde_json::from_str(&ok(run(
        ws.path(),
        &[
            "recommendations",
            "--response",
            "rejected",
            "--format",
            "json",
        ],
    )))
    .expect("JSON");
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["id"], "oxfordshire-2005/2.7");
    assert_eq!(rejected[0]["reason"], "caseloads need unit managers");
    let overdue: Vec<serde_json::Value> = serde_json::from_str(&ok(run(
        ws.path(),
        &["recommendations", "--response-overdue", "--format", "json"],
    )))
    .expect("JSON");
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0]["id"], "dudley-2010/21");
    let awaiting = ok(run(
        ws.path(),
        &[
            "recommendations",
            "--response",
            "awaiting",
            "--report",
            "oxfordshire-2005",
        ],
    ));
    assert_eq!(awaiting.lines().count(), 1 + 16, "{awaiting}");
    let history = ok(run(ws.path(), &["history", "oxfordshire-2005/2.7"]));
    assert!(
        history.contains(&format!(
            "{} response: rejected: caseloads need unit managers",
            shown_as("clerk")
        )),
        "{history}"
    );
}

#[test]
fn notes_are_dated_and_signed() {
    let ws = workspace();
    ok(on(
        ws.path(),
        "2026-11-20",
        &[
            "note",
            "3.3a",
            "Task and finish group met; report due January",
        ],
    ));
    let history = ok(run(ws.path(), &["history", "3.3a", "--format", "json"]));
    let entries: Vec<serde_json::Value> = serde_json::from_str(&history).expect("JSON");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["by"], shown_as("clerk").as_str());
    assert_eq!(entries[0]["change"], "note");
    assert!(
        entries[0]["at"]
            .as_str()
            .is_some_and(|t| t.starts_with("2026-11-20T"))
    );
    // Notes are searched like everything else.
    assert_eq!(
        ids(&list_json(ws.path(), &["--search", "task finish january"]))[0],
        "leicester-2003/3.3a"
    );
}

#[test]
fn only_completed_items_are_signed_off_and_the_agenda_proposes_them_separately() {
    let ws = workspace();
    let out = run(ws.path(), &["signoff", "2.4a"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("only completed items can be signed off"));
    ok(run(ws.path(), &["status", "2.4b", "complete"]));
    ok(run(ws.path(), &["mark", "2.4a", "2.4b"]));
    let agenda: serde_json::Value =
        serde_json::from_str(&ok(run(ws.path(), &["agenda", "--format", "json"]))).expect("JSON");
    assert_eq!(
        agenda["reports"][0]["recommendations"][0]["items"][0]["id"],
        "leicester-2003/2.4a"
    );
    assert_eq!(
        agenda["sign_off"][0]["recommendations"][0]["items"][0]["id"],
        "leicester-2003/2.4b"
    );
    let md = ok(run(ws.path(), &["agenda"]));
    let progress = md.find("## Progress reports").unwrap_or(usize::MAX);
    let sign_off = md.find("## Proposed for sign-off").unwrap_or(0);
    assert!(progress < sign_off, "{md}");
    ok(run(
        ws.path(),
        &["signoff", "2.4b", "--meeting", "2026-12-03"],
    ));
    let signed = item(ws.path(), "leicester-2003/2.4b");
    assert_eq!(signed["status"], "signed-off");
    assert!(
        ok(run(ws.path(), &["history", "2.4b"]))
            .contains("signed off at the meeting on 2026-12-03")
    );
}

#[test]
fn after_a_meeting_passes_its_items_show_as_presented_and_leave_the_next_agenda() {
    let ws = workspace();
    // On 15 October 2003 the next select committee is Leicester scrutiny on 29 October.
    ok(on(ws.path(), "2003-10-15", &["mark", "2.1a", "2.2a"]));
    let agenda = ok(on(ws.path(), "2003-10-15", &["agenda"]));
    assert!(
        agenda.contains("Wednesday 29 October 2003") && agenda.contains("2 item(s) ready"),
        "{agenda}"
    );
    // A week after the meeting: presented, not ready for the next one (which is, in
    // this calendar, years away).
    let after = ok(on(ws.path(), "2003-11-05", &["agenda"]));
    assert!(after.contains("Nothing is marked ready"), "{after}");
    let past = ok(on(
        ws.path(),
        "2003-11-05",
        &["agenda", "--meeting", "2003-10-29"],
    ));
    assert!(past.contains("2 item(s) presented"), "{past}");
    let history = ok(on(ws.path(), "2003-11-05", &["history", "2.1a"]));
    assert!(history.contains("presented at the meeting on 2003-10-29 (Social Services and Personal Health Scrutiny Committee)"), "{history}");
    let listed = ok(on(
        ws.path(),
        "2003-11-05",
        &["list", "--format", "json", "--report", "leicester-2003"],
    ));
    assert!(
        listed.contains("\"readiness\": \"presented at 2003-10-29\""),
        "{listed}"
    );
    // The clerk carries one over to the next cycle by marking it again.
    ok(on(ws.path(), "2003-11-05", &["mark", "2.2a"]));
    // Leicester's scrutiny committee has no later meeting in the calendar: the item
    // waits for one (and does not go to another council's committee).
    let next = ok(on(
        ws.path(),
        "2003-11-05",
        &["agenda", "--meeting", "unscheduled", "--format", "csv"],
    ));
    assert!(
        next.contains("leicester-2003/2.2a") && !next.contains("leicester-2003/2.1a"),
        "{next}"
    );
    assert!(
        ok(on(ws.path(), "2003-11-05", &["history", "2.2a"]))
            .contains("carried over from the meeting on 2003-10-29")
    );
}

#[test]
fn the_forward_plan_shows_what_is_ready_falling_due_and_promised_back() {
    let ws = workspace();
    ok(on(ws.path(), "2010-09-01", &["mark", "dudley-2010/19"]));
    let plan: Vec<serde_json::Value> = serde_json::from_str(&ok(on(
        ws.path(),
        "2010-09-01",
        &["plan", "--format", "json"],
    )))
    .expect("JSON");
    assert_eq!(plan[0]["date"], "2010-09-16");
    assert_eq!(plan[0]["ready"], serde_json::json!(["dudley-2010/19"]));
    // "Select Committee receives further report ... in March 2011": no meeting yet.
    let waiting = plan
        .iter()
        .find(|m| m["date"].is_null())
        .expect("a not-yet-scheduled entry");
    assert!(
        waiting["promised"].to_string().contains("dudley-2010/21"),
        "{waiting}"
    );
    // Once the clerk adds the March meeting, the promise attaches to it.
    let calendar = ws.path().join("committees.toml");
    let text = read(&calendar).replace("  2010-09-16,", "  2010-09-16,\n  2011-03-10,");
    assert!(text.contains("2011-03-10"));
    std::fs::write(&calendar, text).expect("write");
    let plan: Vec<serde_json::Value> = serde_json::from_str(&ok(on(
        ws.path(),
        "2010-09-01",
        &["plan", "--format", "json"],
    )))
    .expect("JSON");
    let march = plan
        .iter()
        .find(|m| m["date"] == "2011-03-10")
        .expect("March meeting");
    assert!(
        march["promised"].to_string().contains("dudley-2010/21"),
        "{march}"
    );
}

#[test]
fn a_tracker_from_elsewhere_imports_and_behaves_like_the_bundled_reports() {
    let ws = workspace();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/borough-tracker.csv");
    let csv = csv.to_str().expect("path");
    let dry = ok(run(
        ws.path(),
        &["import", csv, "--report", "borough-2014", "--dry-run"],
    ));
    assert!(
        dry.contains("would create report `borough-2014` with 3 recommendation(s), 5 action(s)"),
        "{dry}"
    );
    assert!(!ws.path().join("reports/borough-2014.toml").exists());
    let done = ok(run(
        ws.path(),
        &[
            "import",
            csv,
            "--report",
            "borough-2014",
            "--title",
            "Protection improvement plan",
            "--authority",
            "A Borough",
        ],
    ));
    assert!(done.contains("Created report `borough-2014`"), "{done}");
    assert_eq!(run(ws.path(), &["check"]).status.code(), Some(0));
    let items = list_json(ws.path(), &["--report", "borough-2014"]);
    assert_eq!(items.len(), 5);
    assert_eq!(items[0]["deadline"], "2014-01-31");
    assert_eq!(items[2]["status"], "at-risk");
    assert_eq!(items[4]["deadline"], "2014-06-30");
    let psw = ids(&list_json(
        ws.path(),
        &["--owner", "principal social worker"],
    ));
    assert_eq!(psw, ["borough-2014/2a", "borough-2014/2b"]);
    ok(run(ws.path(), &["mark", "borough-2014/2a"]));
    assert!(ok(run(ws.path(), &["agenda", "--format", "csv"])).contains("borough-2014/2a"));
    assert!(
        ok(run(ws.path(), &["history", "borough-2014/1a"])).contains("Two started in December")
    );
    // Importing the same rows again would duplicate ids: refused, nothing written.
    let report = read(&ws.path().join("reports/borough-2014.toml"));
    let again = run(ws.path(), &["import", csv, "--report", "borough-2014"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already has 1a"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read(&ws.path().join("reports/borough-2014.toml")), report);
}

#[test]
fn a_tracker_with_its_own_headings_imports_with_an_explicit_mapping() {
    let ws = workspace();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/unusual-tracker.csv");
    let csv = csv.to_str().expect("path");
    let out = run(ws.path(), &["import", csv, "--report", "thresholds"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--map action="), "{}", stderr(&out));
    ok(run(
        ws.path(),
        &[
            "import",
            csv,
            "--report",
            "thresholds",
            "--map",
            "ref=Item",
            "--map",
            "action=Detail",
            "--map",
            "owner=Who",
            "--map",
            "timescale=By",
        ],
    ));
    let items = list_json(ws.path(), &["--report", "thresholds"]);
    assert_eq!(ids(&items), ["thresholds/Aa", "thresholds/Ba"]);
    assert_eq!(
        items[1]["text"],
        "Brief all staff on the revised thresholds, with a quiz"
    );
    assert_eq!(items[1]["deadline"], "2014-01-31");
}

#[test]
fn statuses_not_understood_are_kept_as_printed_and_reported_by_line() {
    let ws = workspace();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad-tracker.csv");
    let csv = csv.to_str().expect("path");
    let dry = ok(run(
        ws.path(),
        &["import", csv, "--report", "bad", "--dry-run"],
    ));
    let done = ok(run(ws.path(), &["import", csv, "--report", "bad"]));
    for out in [&dry, &done] {
        assert!(
            out.contains("line 3: status `Sort of` is not one scrutineer knows"),
            "{out}"
        );
        assert!(out.contains("line 5: status `Purple`"), "{out}");
    }
    let items = list_json(ws.path(), &["--report", "bad"]);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["status"], "on-track");
    assert_eq!(items[1]["status"], "not-started");
    assert_eq!(items[1]["imported"][0]["field"], "status");
    assert_eq!(items[1]["imported"][0]["text"], "Sort of");
    // The report file says so beside the action, as the detail pane shows it.
    let report = read(&ws.path().join("reports/bad.toml"));
    assert!(
        report.contains("The tracker's status `Sort of` is not one scrutineer knows"),
        "{report}"
    );
    // A file that cannot be read at all writes nothing, in the dry run as in the real one.
    let broken = ws.path().join("broken.csv");
    std::fs::write(&broken, "Ref,Action\n1,\"never closed\n2,x\n3,y\n").expect("write");
    for extra in [&["--dry-run"][..], &[][..]] {
        let mut args = vec![
            "import",
            broken.to_str().expect("path"),
            "--report",
            "broken",
        ];
        args.extend(extra);
        let out = run(ws.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("line 2: a quote is opened here and never closed"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("nothing was imported"));
    }
    assert!(!ws.path().join("reports/broken.toml").exists());
}

#[test]
fn the_exported_tracker_imports_back_into_the_same_actions() {
    let ws = workspace();
    ok(run(ws.path(), &["status", "2.3a", "complete"]));
    ok(run(
        ws.path(),
        &["note", "2.3a", "Workshop held 30 September"],
    ));
    let csv = ok(run(ws.path(), &["export", "--report", "leicester-2003"]));
    let file = ws.path().join("export.csv");
    std::fs::write(&file, csv).expect("write");
    ok(run(
        ws.path(),
        &[
            "import",
            file.to_str().expect("path"),
            "--report",
            "leicester-copy",
        ],
    ));
    let strip =
        |items: Vec<serde_json::Value>| -> Vec<(String, String, String, String, String, String)> {
            items
                .iter()
                .map(|i| {
                    let id = i["id"].as_str().unwrap_or_default();
                    (
                        id[id.find('/').unwrap_or(0)..].to_string(),
                        i["recommendations"].to_string(),
                        i["text"].to_string(),
                        i["timescale"].to_string(),
                        i["owners_as_printed"].to_string(),
                        i["status"].to_string(),
                    )
                })
                .collect()
        };
    let original = strip(list_json(ws.path(), &["--report", "leicester-2003"]));
    let copy = strip(list_json(ws.path(), &["--report", "leicester-copy"]));
    assert_eq!(copy, original);
    assert!(
        ok(run(ws.path(), &["history", "leicester-copy/2.3a"]))
            .contains("Workshop held 30 September")
    );
}

#[test]
fn the_agenda_pack_is_a_self_contained_printable_page() {
    let ws = workspace();
    ok(run(ws.path(), &["status", "2.4b", "complete"]));
    ok(run(
        ws.path(),
        &[
            "status",
            "2.4a",
            "at-risk",
            "--note",
            "Redraft <delayed> & \"pending\"",
        ],
    ));
    ok(run(ws.path(), &["mark", "2.4a", "2.4b", "3.3a"]));
    ok(run(
        ws.path(),
        &[
            "revise",
            "3.3a",
            "2027-01-31",
            "--reason",
            "group re-formed",
        ],
    ));
    let html = ok(run(ws.path(), &["agenda", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@page { size: A4;"));
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
    assert!(
        html.contains("<h2>Progress reports</h2>")
            && html.contains("<h2>Proposed for sign-off</h2>")
    );
    assert!(html.contains("<span class=\"status s-at-risk\">▲ At risk (amber)</span>"));
    assert!(html.contains("Redraft &lt;delayed&gt; &amp; &quot;pending&quot;"));
    assert!(
        html.contains("Original: 31 January 2004<br>Current: <strong>31 January 2027</strong>"),
        "original and current deadline"
    );
    assert!(html.contains("<tr><th>Timescale as printed</th><td>January 04</td></tr>"));
}

#[test]
fn the_next_meeting_is_the_next_one_of_the_committee_the_report_went_to() {
    let ws = workspace();
    // After Leicester scrutiny's last scheduled meeting, the next select meeting in the
    // calendar is another council's (Dudley, 2010): a Leicester item must not go there.
    let marked = ok(on(ws.path(), "2003-11-15", &["mark", "2.4a"]));
    assert!(
        marked.contains("next select committee (not yet scheduled)"),
        "{marked}"
    );
    let next = on(ws.path(), "2003-11-15", &["agenda"]);
    assert!(
        stdout(&next).contains("Select Committee on Children's Services"),
        "{}",
        stdout(&next)
    );
    assert!(!stdout(&next).contains("2.4a"));
    assert!(
        stderr(&next)
            .contains("1 more item(s) wait for a meeting their committee has not scheduled yet")
    );
    assert!(
        ok(on(
            ws.path(),
            "2003-11-15",
            &["agenda", "--meeting", "unscheduled"]
        ))
        .contains("**2.4a**")
    );
    // A Dudley item marked the same day goes to Dudley's committee.
    let dudley = ok(on(ws.path(), "2003-11-15", &["mark", "dudley-2010/20"]));
    assert!(
        dudley.contains("Select Committee on Children's Services, 2010-09-16"),
        "{dudley}"
    );
}

#[test]
fn list_filters_by_response_and_ready_means_for_a_meeting_still_to_come() {
    let ws = workspace();
    ok(run(
        ws.path(),
        &["respond", "leicester-2003/2.4", "partially-accepted"],
    ));
    let partial = ids(&list_json(ws.path(), &["--response", "partially-accepted"]));
    assert_eq!(
        partial,
        [
            "leicester-2003/2.4a",
            "leicester-2003/2.4b",
            "leicester-2003/2.4c",
            "leicester-2003/2.4d"
        ]
    );
    assert_eq!(
        run(ws.path(), &["list", "--response", "maybe"])
            .status
            .code(),
        Some(2)
    );
    ok(on(ws.path(), "2003-10-15", &["mark", "2.1a"]));
    let ready = |today: &str| -> Vec<String> {
        let out = on(ws.path(), today, &["list", "--ready", "--format", "json"]);
        let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
        ids(&items)
    };
    assert_eq!(ready("2003-10-15"), ["leicester-2003/2.1a"]);
    // Presented at the meeting of 29 October: no longer ready.
    assert!(ready("2003-11-05").is_empty());
}

#[test]
fn a_trackers_heading_rows_become_the_headings_of_the_recommendations_under_them() {
    let ws = workspace();
    let csv = ws.path().join("headed.csv");
    std::fs::write(
        &csv,
        "Ref,Recommendation,Action,Owner,Timescale\n\
         0,Agree the plan,Agree it at Cabinet,Head of Service,January 2014\n\
         ,LEADERSHIP AND GOVERNANCE,,,\n\
         1,Members should receive quarterly reports,Set up a quarterly report,Head of Service,March 2014\n\
         ,QUALITY OF PRACTICE,,,\n\
         2,Case files should be audited monthly,Audit ten files a month,Team Managers,April 2014\n",
    )
    .expect("write");
    ok(run(
        ws.path(),
        &["import", csv.to_str().expect("path"), "--report", "heads"],
    ));
    let report = read(&ws.path().join("reports/heads.toml"));
    let recommendations: Vec<&str> = report.split("[[recommendations]]").skip(1).collect();
    assert_eq!(recommendations.len(), 3, "{report}");
    // The first comes before any heading and has none, not an empty one.
    assert!(!recommendations[0].contains("heading"), "{report}");
    assert!(
        recommendations[1].contains("\nheading = \"LEADERSHIP AND GOVERNANCE\"\n"),
        "{report}"
    );
    assert!(
        recommendations[2].contains("\nheading = \"QUALITY OF PRACTICE\"\n"),
        "{report}"
    );
}

/// What an import writes, every line of it: the report file and the tracking file
/// after importing a tracker with headings, a response column, revised dates, statuses
/// (one not understood), progress, several owners and a column kept aside. The times
/// and the login name (which differ from run to run and machine to machine) are
/// replaced by placeholders, and the name as given left out; everything else is as a
/// clerk would open it.
#[test]
fn an_import_writes_exactly_these_files() {
    let ws = workspace();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rich-tracker.csv");
    let said = ok(run(
        ws.path(),
        &["import", csv.to_str().expect("path"), "--report", "rich"],
    ));
    let placeholders = |text: &str| -> String {
        text.lines()
            // Written only when the login name is not $USER's.
            .filter(|line| !line.starts_with("by_as_given = "))
            .map(|line| {
                if line.starts_with("at = ") {
                    "at = [time]".to_string()
                } else if line.starts_with("by = ") {
                    "by = [login]".to_string()
                } else {
                    line.replace(csv.to_str().unwrap_or_default(), "rich-tracker.csv")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let files = format!(
        "== said\n{}\n== reports/rich.toml\n{}\n== tracking.toml\n{}\n",
        placeholders(&said),
        placeholders(&read(&ws.path().join("reports/rich.toml"))),
        placeholders(&read(&ws.path().join("tracking.toml"))),
    );
    insta::assert_snapshot!("import_rich_tracker", files);
}

#[test]
fn an_import_where_a_file_it_reads_is_not_text_is_refused_by_the_dry_run_too() {
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rich-tracker.csv");
    let csv = csv.to_str().expect("path");
    let not_text: &[u8] = b"id = \"x\"\n\xff\xfe\x00 not text";
    // (A statuses.toml that does not read is a mistake in what was asked, as one with a
    // typo in it is: exit code 2.)
    for (file, code, said) in [
        (
            "reports/x.toml",
            1,
            "reports/x.toml: stream did not contain valid UTF-8",
        ),
        (
            "tracking.toml",
            1,
            "tracking.toml: stream did not contain valid UTF-8",
        ),
        (
            "statuses.toml",
            2,
            "statuses.toml: error: stream did not contain valid UTF-8",
        ),
    ] {
        let ws = workspace();
        std::fs::write(ws.path().join(file), not_text).expect("write");
        let before = std::fs::read(ws.path().join("tracking.toml")).expect("tracking");
        // The dry run fails where the import would, not only the import.
        for extra in [&["--dry-run"][..], &[]] {
            let mut args = vec!["import", csv, "--report", "x"];
            args.extend_from_slice(extra);
            let out = run(ws.path(), &args);
            assert_eq!(out.status.code(), Some(code), "{file} {extra:?}");
            assert!(
                stderr(&out).contains(said),
                "{file} {extra:?}: {}",
                stderr(&out)
            );
        }
        assert_eq!(
            std::fs::read(ws.path().join(file)).expect("still there"),
            not_text,
            "{file}"
        );
        assert_eq!(
            std::fs::read(ws.path().join("tracking.toml")).expect("tracking"),
            before
        );
    }
}
