//! Trackers in the shapes councils keep them, built as real spreadsheets (and CSV) in
//! the test, imported with no column mapping into a copy of the bundled workspace:
//! what a clerk would see in each.

mod common;

use common::sheets::{merge, save};

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Writes rows of text from row `first` (0-based), leaving empty strings blank.
fn rows(sheet: &mut Worksheet, first: u32, rows: &[&[&str]]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                let c = u16::try_from(c).expect("column");
                sheet
                    .write_string(first + r as u32, c, *text)
                    .expect("write cell");
            }
        }
    }
}

/// A real Excel date cell, shown as a UK date.
fn date(sheet: &mut Worksheet, row: u32, col: u16, (y, m, d): (u16, u8, u8)) {
    let format = Format::new().set_num_format("dd/mm/yyyy");
    let when = ExcelDateTime::from_ymd(y, m, d).expect("date");
    sheet
        .write_datetime_with_format(row, col, &when, &format)
        .expect("write date");
}

fn number(sheet: &mut Worksheet, row: u32, col: u16, n: f64) {
    sheet.write_number(row, col, n).expect("write number");
}

fn write_csv(ws: &Path, name: &str, text: &str) -> String {
    let path = ws.join(name);
    std::fs::write(&path, text).expect("write csv");
    path.to_str().expect("utf-8 path").to_string()
}

/// What an import prints about the file before it writes anything: the sheet, the
/// header row, each column's field, what was kept as printed, owners and cells.
fn description(out: &str) -> String {
    out.lines()
        .take_while(|l| {
            !l.starts_with("Dry run:")
                && !l.starts_with("Created report")
                && !l.starts_with("Added to report")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The counts a dry run says it would create, or an import says it created.
fn counts(out: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.starts_with("Dry run:") || l.starts_with("Created report"))
        .expect("a summary line");
    let from = line.find(" recommendation(s)").expect("counts");
    let start = line[..from].rfind(' ').map_or(0, |i| i + 1);
    let end = line.find(" response(s)").expect("counts") + " response(s)".len();
    line[start..end].to_string()
}

/// Imports `file` as report `report`: first with --dry-run (which describes the file
/// exactly as the real import does, and writes nothing), then for real, then `check`.
/// Returns what the real import printed.
fn import(ws: &Path, file: &str, report: &str, extra: &[&str]) -> String {
    let mut args = vec!["import", file, "--report", report];
    args.extend_from_slice(extra);
    let mut dry_args = args.clone();
    dry_args.push("--dry-run");
    let report_file = ws.join("reports").join(format!("{report}.toml"));
    let tracking = read(&ws.join("tracking.toml"));
    let dry = ok(run(ws, &dry_args));
    assert!(dry.contains("Nothing was written."), "{dry}");
    assert!(!report_file.exists(), "the dry run wrote {report_file:?}");
    assert_eq!(
        read(&ws.join("tracking.toml")),
        tracking,
        "the dry run wrote tracking"
    );
    let done = ok(run(ws, &args));
    assert!(
        done.contains(&format!("Created report `{report}`")),
        "{done}"
    );
    assert!(report_file.exists());
    assert_eq!(
        description(&dry),
        description(&done),
        "dry run and import differ"
    );
    assert_eq!(counts(&dry), counts(&done));
    let check = run(ws, &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "check after importing {report}: {}{}",
        stdout(&check),
        stderr(&check)
    );
    done
}

fn items(ws: &Path, report: &str) -> Vec<Value> {
    list_json(ws, &["--report", report])
}

/// The recommendations `scrutineer reports --format json` gives for `report`.
fn recommendations(ws: &Path, report: &str) -> Vec<Value> {
    let all: Vec<Value> =
        serde_json::from_str(&ok(run(ws, &["reports", "--format", "json"]))).expect("JSON");
    all.into_iter()
        .find(|r| r["id"] == report)
        .unwrap_or_else(|| panic!("no report {report}"))["recommendations"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The cell an item keeps under `column`, as (field, text).
fn kept<'a>(item: &'a Value, column: &str) -> Option<(&'a str, &'a str)> {
    item["imported"].as_array()?.iter().find_map(|c| {
        (c["column"] == column).then(|| {
            (
                c["field"].as_str().unwrap_or_default(),
                c["text"].as_str().unwrap_or_default(),
            )
        })
    })
}

fn field<'a>(items: &'a [Value], key: &str) -> Vec<&'a str> {
    items
        .iter()
        .map(|i| i[key].as_str().unwrap_or("(null)"))
        .collect()
}

// 1. A per-meeting scrutiny recommendation tracker (SCRAIP).

fn scraip(ws: &Path) -> String {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("SCRAIP").expect("name");
    rows(
        sheet,
        0,
        &[
            &["Children and Young People Scrutiny Committee"],
            &["Scrutiny Committee Recommendation Action and Implementation Plan (SCRAIP) 2025/26"],
            &[],
            &[
                "Ref",
                "Recommendation[i]",
                "Cabinet Member",
                "Executive Response",
                "Timetable",
                "Lead Officer",
                "Progress Update Presented to Committee on 12 March 2024",
                "RAG",
            ],
            &[
                "SR (25/26) 01",
                "That the Cabinet Member ensures every child in care has an up to date health assessment within 20 working days of coming into care",
                "Cllr Amira Patel, Cabinet Member for Children's Services",
                "Agreed. Timeliness will be reported to the committee every quarter",
                "31 March 2026",
                "Sarah Jones, Head of Children in Care",
                "Timeliness improved to 78% in February",
                "Amber",
            ],
            &[
                "SR (25/26) 02",
                "That a task and finish group reviews the sufficiency of foster placements in the borough",
                "Cllr Amira Patel, Cabinet Member for Children's Services",
                "Partially accepted: officers will review sufficiency rather than a task and finish group",
                "September 2026",
                "David Okafor",
                "Scoping complete; review to start in April",
                "Green",
            ],
            &[
                "SR (25/26) 03",
                "That the committee receives the annual report of the Independent Reviewing Officer service",
                "Cllr Amira Patel, Cabinet Member for Children's Services",
                "Agreed",
                "June 2026",
                "Sarah Jones, Head of Children in Care",
                "",
                "Red",
            ],
        ],
    );
    save(&mut book, ws, "scraip.xlsx")
}

#[test]
fn a_scraip_becomes_recommendations_tracked_without_actions() {
    let ws = workspace();
    let file = scraip(ws.path());
    let out = import(ws.path(), &file, "cyp-scraip", &[]);
    assert!(
        out.contains("sheet \"SCRAIP\"; header row at row 4"),
        "{out}"
    );
    assert_mapped(
        &out,
        &[
            ("Ref", "ref"),
            ("Recommendation[i]", "recommendation"),
            ("Cabinet Member", "portfolio-holder"),
            ("Executive Response", "response"),
            ("Timetable", "timescale"),
            ("Lead Officer", "owner"),
            ("RAG", "status"),
        ],
    );
    assert!(
        out.contains("Above the table: Children and Young People Scrutiny Committee"),
        "{out}"
    );
    assert!(
        out.contains("3 recommendation(s), 0 action(s), 3 status(es), 2 progress note(s)"),
        "{out}"
    );
    let items = items(ws.path(), "cyp-scraip");
    assert_eq!(
        ids(&items),
        [
            "cyp-scraip/SR-25-26-01",
            "cyp-scraip/SR-25-26-02",
            "cyp-scraip/SR-25-26-03"
        ]
    );
    assert!(items.iter().all(|i| i["kind"] == "recommendation"));
    assert_eq!(strings(&items[0]["recommendations"]), ["SR (25/26) 01"]);
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        ["Sarah Jones, Head of Children in Care"]
    );
    assert_eq!(strings(&items[1]["owners_as_printed"]), ["David Okafor"]);
    assert_eq!(
        field(&items, "timescale"),
        ["31 March 2026", "September 2026", "June 2026"]
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2026-03-31", "2026-09-30", "2026-06-30"]
    );
    assert_eq!(
        field(&items, "status"),
        ["at-risk", "on-track", "off-track"]
    );
    assert_eq!(
        kept(&items[0], "Cabinet Member"),
        Some((
            "portfolio-holder",
            "Cllr Amira Patel, Cabinet Member for Children's Services"
        ))
    );
    assert_eq!(
        kept(&items[1], "Executive Response").map(|c| c.0),
        Some("response")
    );
    let history = ok(run(ws.path(), &["history", "cyp-scraip/SR-25-26-01"]));
    assert!(
        history.contains(
            "Progress Update Presented to Committee on 12 March 2024: Timeliness improved to 78% in February"
        ),
        "{history}"
    );
    // The responses the executive gave, in words scrutineer knows.
    assert!(out.contains("3 response(s)"), "{out}");
    let recs = recommendations(ws.path(), "cyp-scraip");
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["ref"], "SR (25/26) 01");
}

// 2. A post-inspection improvement plan: headings in capitals on rows of their own,
// merged across the row; numbered sub-actions in one cell.

#[test]
fn an_improvement_plan_splits_numbered_actions_under_capital_headings() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Improvement Plan").expect("name");
    merge(
        sheet,
        (0, 0),
        (0, 5),
        "Ofsted ILACS inspection January 2024: Improvement Plan",
    );
    rows(
        sheet,
        2,
        &[&[
            "No",
            "Area for improvement",
            "Actions",
            "Lead",
            "Timescale",
            "Status",
        ]],
    );
    merge(
        sheet,
        (3, 0),
        (3, 5),
        "PRIORITY 1: THE QUALITY OF PRACTICE FOR CHILDREN IN NEED",
    );
    rows(
        sheet,
        4,
        &[
            &[
                "",
                "The quality and timeliness of child in need plans",
                "1. Audit all child in need plans open for more than six months\n2. Introduce a plan template with SMART outcomes\n3. Report audit findings to the Improvement Board",
                "Karen Hughes\nPeter Lund\nMaria Costa",
                "30/04/2024\n31/05/2024\n30/06/2024",
                "Green",
            ],
            &[
                "",
                "Management oversight of decisions for children at risk of exploitation",
                "1. Refresh the exploitation screening tool\n2. Train team managers in reflective supervision\n3. Dip sample supervision records each quarter",
                "Karen Hughes\nPeter Lund",
                "June 2024",
                "Amber",
            ],
        ],
    );
    number(sheet, 4, 0, 1.0);
    number(sheet, 5, 0, 2.0);
    merge(sheet, (6, 0), (6, 5), "PRIORITY 2: CARE LEAVERS");
    rows(
        sheet,
        7,
        &[&[
            "3",
            "Care leavers' access to suitable accommodation",
            "Commission a supported lodgings scheme",
            "Maria Costa",
            "31 December 2024",
            "Red",
        ]],
    );
    let file = save(&mut book, ws.path(), "ilacs-plan.xlsx");
    let out = import(ws.path(), &file, "ilacs-2024", &[]);
    assert!(out.contains("3 recommendation(s), 7 action(s)"), "{out}");
    let items = items(ws.path(), "ilacs-2024");
    assert_eq!(
        ids(&items),
        [
            "ilacs-2024/1a",
            "ilacs-2024/1b",
            "ilacs-2024/1c",
            "ilacs-2024/2a",
            "ilacs-2024/2b",
            "ilacs-2024/2c",
            "ilacs-2024/3a"
        ]
    );
    assert!(items.iter().all(|i| i["kind"] == "action"));
    assert_eq!(
        items[1]["text"],
        "2. Introduce a plan template with SMART outcomes"
    );
    // Owners and dates on matching lines go with their action.
    let owners: Vec<Vec<String>> = items[..3]
        .iter()
        .map(|i| strings(&i["owners_as_printed"]))
        .collect();
    assert_eq!(owners, [["Karen Hughes"], ["Peter Lund"], ["Maria Costa"]]);
    assert_eq!(
        field(&items[..3], "deadline"),
        ["2024-04-30", "2024-05-31", "2024-06-30"]
    );
    // Two owners for three actions: each action keeps both, and the one date.
    for i in &items[3..6] {
        assert_eq!(
            strings(&i["owners_as_printed"]),
            ["Karen Hughes", "Peter Lund"]
        );
        assert_eq!(i["timescale"], "June 2024");
        assert_eq!(i["deadline"], "2024-06-30");
    }
    // Each split action says where it came from; where the lines do not pair up, that
    // the owners cell was kept whole.
    let report: toml::Table = read(&ws.path().join("reports/ilacs-2024.toml"))
        .parse()
        .expect("the report is TOML");
    let notes: Vec<String> = report["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            a.get("note")
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    for note in &notes[..6] {
        assert!(
            note.contains("One of 3 numbered actions in one cell"),
            "{note}"
        );
    }
    for note in &notes[..3] {
        assert!(!note.contains("whole"), "{note}");
    }
    for note in &notes[3..6] {
        assert!(
            note.contains("whole"),
            "the owners cell is kept whole: {note}"
        );
    }
    assert_eq!(notes[6], "");
    assert_eq!(
        field(&items, "status"),
        [
            "on-track",
            "on-track",
            "on-track",
            "at-risk",
            "at-risk",
            "at-risk",
            "off-track"
        ]
    );
    let recs = recommendations(ws.path(), "ilacs-2024");
    let headings: Vec<&str> = field(&recs, "heading");
    assert_eq!(
        headings,
        [
            "PRIORITY 1: THE QUALITY OF PRACTICE FOR CHILDREN IN NEED",
            "PRIORITY 1: THE QUALITY OF PRACTICE FOR CHILDREN IN NEED",
            "PRIORITY 2: CARE LEAVERS"
        ]
    );
    assert_eq!(
        strings(&recs[1]["actions"]),
        ["2a", "2b", "2c"].map(|a| format!("ilacs-2024/{a}"))
    );
    assert!(
        out.contains("Above the table: Ofsted ILACS inspection January 2024: Improvement Plan"),
        "{out}"
    );
}

// 3. A cumulative six-monthly appendix: a progress column and an assessment column
// (1-4) for each meeting. The current status is the rightmost filled assessment.

#[test]
fn a_cumulative_appendix_takes_the_latest_assessment_and_keeps_the_earlier() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Appendix 1").expect("name");
    rows(
        sheet,
        0,
        &[
            &["Appendix 1: Progress against the Children in Care Council recommendations"],
            &["Assessment scale: 1 = complete, 2 = on track, 3 = some slippage, 4 = not on track"],
            &[
                "Ref",
                "Recommendation",
                "Action",
                "Lead Officer",
                "Target date",
                "Progress Sept 2023",
                "Assessment Sept 2023",
                "Progress March 2024",
                "Assessment March 2024",
            ],
            &[
                "1",
                "Initial health assessments are completed on time",
                "Weekly tracking meeting with the designated nurse",
                "Jo Reid",
                "March 2024",
                "Meeting established in July",
                "",
                "Timeliness at 85% in February",
                "",
            ],
            &[
                "2",
                "Children in care are told who their independent reviewing officer is",
                "Send every child a letter introducing their IRO",
                "Sam Ellis",
                "December 2023",
                "Not started: template being drafted",
                "",
                "",
                "",
            ],
            &[
                "3",
                "Pathway plans are reviewed with each care leaver every six months",
                "Pathway plan review tracker for personal advisers",
                "Sam Ellis",
                "September 2023",
                "Tracker built",
                "",
                "All plans reviewed in the last six months",
                "",
            ],
        ],
    );
    for (row, first, second) in [
        (3, Some(3.0), Some(2.0)),
        (4, Some(4.0), None),
        (5, Some(2.0), Some(1.0)),
    ] {
        if let Some(n) = first {
            number(sheet, row, 6, n);
        }
        if let Some(n) = second {
            number(sheet, row, 8, n);
        }
    }
    let file = save(&mut book, ws.path(), "appendix.xlsx");
    let out = import(ws.path(), &file, "cicc-2023", &[]);
    for header in ["Progress Sept 2023", "Progress March 2024"] {
        assert!(
            out.lines()
                .any(|l| l.contains(header) && l.trim_end().ends_with("-> progress")),
            "{header}: {out}"
        );
    }
    for header in ["Assessment Sept 2023", "Assessment March 2024"] {
        assert!(
            out.lines()
                .any(|l| l.contains(header) && l.trim_end().ends_with("-> status")),
            "{header}: {out}"
        );
    }
    let items = items(ws.path(), "cicc-2023");
    assert_eq!(
        ids(&items),
        ["cicc-2023/1a", "cicc-2023/2a", "cicc-2023/3a"]
    );
    assert_eq!(
        field(&items, "status"),
        ["on-track", "off-track", "complete"]
    );
    // The earlier assessment is kept, under its header.
    assert_eq!(
        kept(&items[0], "Assessment Sept 2023"),
        Some(("status", "3"))
    );
    assert_eq!(
        kept(&items[1], "Assessment Sept 2023"),
        None,
        "it is the status"
    );
    assert_eq!(
        kept(&items[2], "Assessment Sept 2023"),
        Some(("status", "2"))
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2024-03-31", "2023-12-31", "2023-09-30"]
    );
    let history = ok(run(ws.path(), &["history", "cicc-2023/1a"]));
    assert!(
        history.contains("Progress Sept 2023: Meeting established in July"),
        "{history}"
    );
    assert!(
        history.contains("Progress March 2024: Timeliness at 85% in February"),
        "{history}"
    );
    assert!(out.contains("3 status(es), 5 progress note(s)"), "{out}");
}

// 4. Question headings.

#[test]
fn question_headings_are_read_as_their_fields() {
    let ws = workspace();
    let file = write_csv(
        ws.path(),
        "early-help.csv",
        "What?,Who?,How?,When?,How will we know?\n\
         Reduce the number of families waiting for an Early Help assessment,Early Help Service Manager,Introduce a daily duty triage of all Early Help requests,September 2024,No family waits more than 10 working days\n\
         Reduce the number of families waiting for an Early Help assessment,Early Help Service Manager,Recruit two additional family support workers,December 2024,Waiting list below 20 families\n\
         Improve the quality of Early Help plans,Head of Early Help,\"Quarterly audit of plans, with findings shared at practice week\",March 2025,80% of audited plans good or better\n",
    );
    let out = import(ws.path(), &file, "early-help", &[]);
    assert_mapped(
        &out,
        &[
            ("What?", "recommendation"),
            ("Who?", "owner"),
            ("How?", "action"),
            ("When?", "timescale"),
            ("How will we know?", "success-measure"),
        ],
    );
    assert!(out.contains("header row at line 1"), "{out}");
    let items = items(ws.path(), "early-help");
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|i| i["kind"] == "action"));
    assert_eq!(
        items[0]["text"],
        "Introduce a daily duty triage of all Early Help requests"
    );
    // The same recommendation on two rows is one recommendation with two actions.
    assert_eq!(items[0]["recommendations"], items[1]["recommendations"]);
    assert_ne!(items[0]["recommendations"], items[2]["recommendations"]);
    let recs = recommendations(ws.path(), "early-help");
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[0]["text"],
        "Reduce the number of families waiting for an Early Help assessment"
    );
    assert_eq!(strings(&recs[0]["actions"]).len(), 2);
    assert_eq!(
        field(&items, "deadline"),
        ["2024-09-30", "2024-12-31", "2025-03-31"]
    );
    assert_eq!(
        strings(&items[2]["owners_as_printed"]),
        ["Head of Early Help"]
    );
    assert_eq!(
        kept(&items[1], "How will we know?"),
        Some(("success-measure", "Waiting list below 20 families"))
    );
}

// 5. Actions required, leads, action to date, future actions, and real Excel dates
// for the target and revised target.

#[test]
fn excel_dates_give_deadlines_and_revised_deadlines() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Action Plan").expect("name");
    rows(
        sheet,
        0,
        &[
            &["Independent Reviewing Officer service: action plan"],
            &[
                "Ref",
                "Recommendation",
                "Actions Required",
                "Lead(s)",
                "Action to date",
                "Future actions",
                "Target date",
                "Revised target date",
                "RAG",
            ],
            &[
                "4.1",
                "Reduce IRO caseloads to within the handbook range",
                "Recruit two additional Independent Reviewing Officers",
                "Head of Quality Assurance",
                "Posts advertised in January; one appointed",
                "Second post to be re-advertised",
                "",
                "",
                "Amber",
            ],
            &[
                "4.2",
                "IROs escalate drift in care planning",
                "Relaunch the dispute resolution protocol",
                "Lisa Grant / Omar Hassan",
                "Protocol agreed by the leadership team",
                "",
                "",
                "",
                "Green",
            ],
        ],
    );
    date(sheet, 2, 6, (2024, 3, 31));
    date(sheet, 2, 7, (2024, 6, 30));
    date(sheet, 3, 6, (2024, 9, 30));
    let file = save(&mut book, ws.path(), "iro.xlsx");
    let out = import(ws.path(), &file, "iro-2024", &[]);
    // The only sheet: read without a word on why it was chosen.
    assert!(
        out.contains("iro.xlsx, sheet \"Action Plan\"; header row at row 2."),
        "{out}"
    );
    assert_mapped(
        &out,
        &[
            ("Actions Required", "action"),
            ("Lead(s)", "owner"),
            ("Action to date", "progress"),
            ("Future actions", "next-steps"),
            ("Target date", "timescale"),
            ("Revised target date", "revised-date"),
            ("RAG", "status"),
        ],
    );
    assert!(out.contains("1 revised date(s)"), "{out}");
    let items = items(ws.path(), "iro-2024");
    assert_eq!(ids(&items), ["iro-2024/4.1a", "iro-2024/4.2a"]);
    assert_eq!(field(&items, "timescale"), ["2024-03-31", "2024-09-30"]);
    assert_eq!(field(&items, "deadline"), ["2024-03-31", "2024-09-30"]);
    assert_eq!(items[0]["revised_deadline"], "2024-06-30");
    assert_eq!(items[0]["current_deadline"], "2024-06-30");
    assert!(items[1]["revised_deadline"].is_null());
    assert_eq!(field(&items, "status"), ["at-risk", "on-track"]);
    assert_eq!(
        strings(&items[1]["owners_as_printed"]),
        ["Lisa Grant", "Omar Hassan"]
    );
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        ["Head of Quality Assurance"]
    );
    assert_eq!(
        kept(&items[0], "Future actions"),
        Some(("next-steps", "Second post to be re-advertised"))
    );
    let history = ok(run(ws.path(), &["history", "iro-2024/4.1a"]));
    assert!(
        history.contains("Posts advertised in January; one appointed"),
        "{history}"
    );
    assert!(history.contains("2024-06-30"), "{history}");
}

// 6. A recommendation merged down over the rows of its actions.

#[test]
fn a_recommendation_merged_over_several_rows_is_one_with_several_actions() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tracker").expect("name");
    rows(
        sheet,
        0,
        &[&[
            "Ref",
            "Recommendation",
            "Action",
            "Owner",
            "Due date",
            "Status",
        ]],
    );
    merge(sheet, (1, 0), (3, 0), "R1");
    merge(
        sheet,
        (1, 1),
        (3, 1),
        "The local authority should ensure that return home interviews are offered to every child who goes missing",
    );
    rows(
        sheet,
        1,
        &[
            &[
                "",
                "",
                "Commission a new return home interview service",
                "Rachel Adams",
                "April 2024",
                "Complete",
            ],
            &[
                "",
                "",
                "Report take-up monthly to the exploitation panel",
                "Rachel Adams",
                "May 2024",
                "On track",
            ],
            &[
                "",
                "",
                "Share interview findings with the police missing persons coordinator",
                "Imran Shah",
                "June 2024",
                "Not started",
            ],
        ],
    );
    // The reference printed once, the recommendation merged down two rows.
    rows(sheet, 4, &[&["R2"]]);
    merge(
        sheet,
        (4, 1),
        (5, 1),
        "Strategy discussions for children at risk of exploitation include health",
    );
    rows(
        sheet,
        4,
        &[
            &[
                "",
                "",
                "Add a health representative to the strategy discussion template",
                "Imran Shah",
                "March 2024",
                "Complete",
            ],
            &[
                "",
                "",
                "Audit attendance at strategy discussions",
                "Imran Shah",
                "July 2024",
                "Slipped",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "missing.xlsx");
    let out = import(ws.path(), &file, "missing-2024", &[]);
    assert!(out.contains("2 recommendation(s), 5 action(s)"), "{out}");
    let items = items(ws.path(), "missing-2024");
    assert_eq!(
        ids(&items),
        [
            "missing-2024/R1a",
            "missing-2024/R1b",
            "missing-2024/R1c",
            "missing-2024/R2a",
            "missing-2024/R2b"
        ]
    );
    for i in &items[..3] {
        assert_eq!(strings(&i["recommendations"]), ["R1"]);
    }
    for i in &items[3..] {
        assert_eq!(strings(&i["recommendations"]), ["R2"]);
    }
    let recs = recommendations(ws.path(), "missing-2024");
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[1]["text"],
        "Strategy discussions for children at risk of exploitation include health"
    );
    assert_eq!(
        field(&items, "status"),
        ["complete", "on-track", "not-started", "complete", "at-risk"]
    );
    // The merged recommendation is placed once per row, never kept aside.
    assert!(out.contains("0 kept aside"), "{out}");
}

// 7. The header row repeated at a page break, and blank rows.

#[test]
fn a_repeated_header_row_and_blank_rows_are_skipped() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Youth Justice").expect("name");
    let header: &[&str] = &[
        "Ref",
        "Recommendation",
        "Action",
        "Responsible officer",
        "Timescale",
        "RAG",
    ];
    rows(
        sheet,
        0,
        &[
            &["Youth Justice Service: HMIP inspection action plan"],
            &[],
            header,
            &[
                "1",
                "Improve the quality of assessments",
                "Assessment quality audit every quarter",
                "Tasha Reed",
                "Jan-24",
                "Green",
            ],
            &[
                "2",
                "Strengthen the partnership board's oversight",
                "Board development session",
                "Chair of the Management Board",
                "Feb-24",
                "Amber",
            ],
            &[],
            &[],
            header,
            &[
                "3",
                "Improve resettlement planning",
                "Resettlement policy refreshed",
                "Tasha Reed",
                "Mar-24",
                "Red",
            ],
            &[],
            &[
                "4",
                "Reduce disproportionality",
                "Publish a disproportionality action plan",
                "Tasha Reed",
                "Apr-24",
                "Green",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "yjs.xlsx");
    let out = import(ws.path(), &file, "yjs-2024", &[]);
    assert!(
        out.contains("sheet \"Youth Justice\"; header row at row 3"),
        "{out}"
    );
    assert!(
        out.contains("Skipped 1 row(s) repeating the header (page breaks)."),
        "{out}"
    );
    let items = items(ws.path(), "yjs-2024");
    assert_eq!(
        ids(&items),
        ["yjs-2024/1a", "yjs-2024/2a", "yjs-2024/3a", "yjs-2024/4a"]
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]
    );
    assert_eq!(
        field(&items, "status"),
        ["on-track", "at-risk", "off-track", "on-track"]
    );
    assert!(items.iter().all(|i| i["text"] != "Action"));
    let recs = recommendations(ws.path(), "yjs-2024");
    assert_eq!(recs.len(), 4);
    assert!(
        recs.iter()
            .all(|r| r["heading"] == "" || r["heading"].is_null()),
        "{recs:?}"
    );
}

// 8. A four-colour key, status words, and one status not understood.

#[test]
fn status_words_are_read_and_one_not_understood_is_kept_and_warned() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tracker").expect("name");
    rows(
        sheet,
        0,
        &[
            &["Corporate Parenting Board: recommendations tracker"],
            &["Key: Red - not on track; Amber - slipped; Yellow - some progress; Green - on track"],
            &[
                "Ref",
                "Recommendation",
                "Action",
                "Responsible Officer",
                "Deadline",
                "RAYG",
            ],
            &[
                "CP1",
                "Care leavers have a named personal adviser",
                "Allocate a personal adviser at 16",
                "Dan Pike",
                "Mar-24",
                "Yellow",
            ],
            &[
                "CP2",
                "Children in care attend school regularly",
                "Virtual School attendance clinics",
                "Dan Pike",
                "Apr-24",
                "Ongoing",
            ],
            &[
                "CP3",
                "Health passports for care leavers",
                "Issue health passports at 18",
                "Dan Pike",
                "May-24",
                "COMPLETED",
            ],
            &[
                "CP4",
                "Staying Put is offered to all eligible young people",
                "Review the Staying Put allowance",
                "Dan Pike",
                "Jun-24",
                "Paused",
            ],
            &[
                "CP5",
                "Children's views shape their reviews",
                "Relaunch the consultation app",
                "Dan Pike",
                "Jul-24",
                "Slipped",
            ],
            &[
                "CP6",
                "Sufficiency of local placements",
                "Open two in-house children's homes",
                "Dan Pike",
                "Aug-24",
                "Not achieved",
            ],
            &[
                "CP7",
                "Care leavers are exempt from council tax",
                "Cabinet report on the exemption",
                "Dan Pike",
                "Sep-24",
                "Awaiting Cabinet decision",
            ],
            &[
                "CP8",
                "Training for corporate parents",
                "Corporate parenting training for all councillors",
                "Dan Pike",
                "Oct-24",
                "Achieved",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "cpb.xlsx");
    let out = import(ws.path(), &file, "cpb-2024", &[]);
    assert!(
        out.contains("Kept as printed (1):")
            && out.contains("sheet \"Tracker\", row 10: status `Awaiting Cabinet decision` is not one scrutineer knows"),
        "{out}"
    );
    let items = items(ws.path(), "cpb-2024");
    assert_eq!(items.len(), 8, "the file is imported whole");
    assert_eq!(
        field(&items, "status"),
        [
            "at-risk",
            "on-track",
            "complete",
            "at-risk",
            "at-risk",
            "off-track",
            "not-started",
            "complete"
        ]
    );
    let cp7 = &items[6];
    assert_eq!(cp7["id"], "cpb-2024/CP7a");
    let cells = cp7["imported"].as_array().cloned().unwrap_or_default();
    assert!(
        cells
            .iter()
            .any(|c| c["field"] == "status" && c["text"] == "Awaiting Cabinet decision"),
        "{cp7}"
    );
    assert!(out.contains("7 status(es)"), "{out}");
    let report: Vec<Value> =
        serde_json::from_str(&ok(run(ws.path(), &["reports", "--format", "json"]))).expect("JSON");
    let notes = report
        .iter()
        .find(|r| r["id"] == "cpb-2024")
        .map(|r| r["notes"].to_string())
        .unwrap_or_default();
    assert!(
        notes.contains("Key: Red - not on track"),
        "the key is kept: {notes}"
    );
}

// 9. A cover sheet first, the tracker second, and a lookups sheet last.

fn workbook_with_cover(ws: &Path) -> String {
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("Cover").expect("name");
    rows(
        cover,
        0,
        &[
            &["Children's Services Improvement Plan"],
            &["Version 3.2, updated 4 March 2024"],
            &["Notes: RAG ratings are agreed at the Improvement Board before publication."],
            &[],
            &["Version", "Date", "Author", "Changes"],
            &[
                "3.1",
                "12 February 2024",
                "Policy Officer",
                "Timescales revised",
            ],
            &["3.2", "4 March 2024", "Policy Officer", "Progress added"],
        ],
    );
    let plan = book.add_worksheet();
    plan.set_name("Action Plan").expect("name");
    rows(
        plan,
        0,
        &[
            &[
                "Ref",
                "Recommendation",
                "Action",
                "Lead officer",
                "Timescale",
                "RAG",
            ],
            &[
                "1.1",
                "Social workers have manageable caseloads",
                "Introduce a caseload weighting tool",
                "Nadia Cole",
                "May 2024",
                "Green",
            ],
            &[
                "1.2",
                "Supervision is regular and reflective",
                "Supervision audit",
                "Nadia Cole",
                "July 2024",
                "Amber",
            ],
        ],
    );
    let lookups = book.add_worksheet();
    lookups.set_name("Lookups").expect("name");
    rows(
        lookups,
        0,
        &[&["RAG"], &["Red"], &["Amber"], &["Green"], &["Blue"]],
    );
    save(&mut book, ws, "plan-with-cover.xlsx")
}

#[test]
fn the_tracker_is_found_after_a_cover_sheet_and_can_be_named() {
    let ws = workspace();
    let file = workbook_with_cover(ws.path());
    let out = import(ws.path(), &file, "cover-2024", &[]);
    assert!(
        out.contains(
            "sheet \"Action Plan\" (the sheet that looks most like a tracker (the sheets are: 1 \"Cover\", 2 \"Action Plan\", 3 \"Lookups\"; choose another with --sheet))"
        ),
        "{out}"
    );
    assert_eq!(
        ids(&items(ws.path(), "cover-2024")),
        ["cover-2024/1.1a", "cover-2024/1.2a"]
    );
    for sheet in ["Action Plan", "action plan", "2"] {
        let dry = ok(run(
            ws.path(),
            &[
                "import",
                &file,
                "--report",
                "by-name",
                "--sheet",
                sheet,
                "--dry-run",
            ],
        ));
        assert!(
            dry.contains("sheet \"Action Plan\" (named with --sheet)"),
            "--sheet {sheet}: {dry}"
        );
        assert!(dry.contains("2 recommendation(s), 2 action(s)"), "{dry}");
    }
    for sheet in ["4", "Plan", "0"] {
        let bad = run(
            ws.path(),
            &["import", &file, "--report", "bad-sheet", "--sheet", sheet],
        );
        assert_eq!(bad.status.code(), Some(2), "--sheet {sheet}");
        assert!(
            stderr(&bad).contains(&format!(
                "--sheet {sheet}: no such sheet (the sheets are: 1 \"Cover\", 2 \"Action Plan\", 3 \"Lookups\")"
            )),
            "{}",
            stderr(&bad)
        );
        assert!(stderr(&bad).contains("nothing was imported"));
    }
    // A sheet that is not a tracker, named: refused, saying how to name a column.
    let cover = run(
        ws.path(),
        &["import", &file, "--report", "bad-sheet", "--sheet", "Cover"],
    );
    assert_eq!(cover.status.code(), Some(2));
    assert!(
        stderr(&cover).contains("--map action="),
        "{}",
        stderr(&cover)
    );
    assert!(!ws.path().join("reports/bad-sheet.toml").exists());
    assert!(!ws.path().join("reports/by-name.toml").exists());
}

// 10. Recommendations tracked without actions (CSV).

#[test]
fn recommendations_without_actions_keep_their_owners_and_timescales() {
    let ws = workspace();
    let file = write_csv(
        ws.path(),
        "sufficiency.csv",
        "Sufficiency task and finish group: recommendations,,,,,\n\
         ,,,,,\n\
         Rec No,Recommendation,Lead Officer,Timescale,Status,Update\n\
         Standard 1 - Sufficiency,,,,,\n\
         1,The Council should publish a sufficiency strategy for children's homes,Director of Children's Services,March 2025,On track,Draft strategy out to consultation\n\
         2,Foster carer allowances are benchmarked against neighbouring authorities,\"Anna Webb, Head of Commissioning / Lee Marsh\",31/12/2024,Completed,\n\
         3,Children placed out of area are visited by an elected member each year,Lee Marsh,Within six months,Not started,\n",
    );
    let out = import(ws.path(), &file, "sufficiency", &[]);
    assert!(out.contains("header row at line 3"), "{out}");
    let recs = recommendations(ws.path(), "sufficiency");
    assert!(
        recs.iter()
            .all(|r| r["heading"] == "Standard 1 - Sufficiency"),
        "{recs:?}"
    );
    assert!(out.contains("3 recommendation(s), 0 action(s)"), "{out}");
    let items = items(ws.path(), "sufficiency");
    assert_eq!(
        ids(&items),
        ["sufficiency/1", "sufficiency/2", "sufficiency/3"]
    );
    assert!(
        items.iter().all(|i| i["kind"] == "recommendation"),
        "{items:?}"
    );
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        ["Director of Children's Services"]
    );
    assert_eq!(
        strings(&items[1]["owners_as_printed"]),
        ["Anna Webb, Head of Commissioning", "Lee Marsh"]
    );
    assert_eq!(
        field(&items, "timescale"),
        ["March 2025", "31/12/2024", "Within six months"]
    );
    assert_eq!(field(&items[..2], "deadline"), ["2025-03-31", "2024-12-31"]);
    assert_eq!(
        field(&items, "status"),
        ["on-track", "complete", "not-started"]
    );
    assert_eq!(
        items[0]["text"],
        "The Council should publish a sufficiency strategy for children's homes"
    );
    let history = ok(run(ws.path(), &["history", "sufficiency/1"]));
    assert!(
        history.contains("Draft strategy out to consultation"),
        "{history}"
    );
}

// 11. Owners as printed: a name with its job title is one owner; two spellings that
// may be one person are pointed out, not merged.

#[test]
fn owners_with_titles_stay_whole_and_near_spellings_are_suggested_not_merged() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    rows(
        sheet,
        0,
        &[
            &["Ref", "Action", "Owner", "Timescale"],
            &[
                "1",
                "Refresh the multi-agency safeguarding thresholds document",
                "Jane Smith, Head of Safeguarding",
                "June 2024",
            ],
            &["2", "Launch the neglect toolkit", "Tom Brown", "July 2024"],
            &[
                "3",
                "Train designated safeguarding leads in schools on the toolkit",
                "T Brown",
                "September 2024",
            ],
            &[
                "4",
                "Joint audit of neglect cases with health",
                "Jane Smith, Head of Safeguarding / Tom Brown",
                "October 2024",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "safeguarding.xlsx");
    let out = import(ws.path(), &file, "neglect-2024", &[]);
    assert!(
        out.contains("\"Tom Brown\" and \"T Brown\" may be one person (not merged)")
            || out.contains("\"T Brown\" and \"Tom Brown\" may be one person (not merged)"),
        "{out}"
    );
    assert!(
        out.contains("aliases = [\"Tom Brown\", \"T Brown\"]")
            || out.contains("aliases = [\"T Brown\", \"Tom Brown\"]"),
        "{out}"
    );
    assert!(
        out.contains("\"Jane Smith, Head of Safeguarding\" is printed with a job title"),
        "{out}"
    );
    assert!(out.contains("role = \"Head of Safeguarding\""), "{out}");
    let items = items(ws.path(), "neglect-2024");
    assert_eq!(items.len(), 4);
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        ["Jane Smith, Head of Safeguarding"]
    );
    assert_eq!(strings(&items[0]["owners"]).len(), 1);
    assert_eq!(
        strings(&items[3]["owners_as_printed"]),
        ["Jane Smith, Head of Safeguarding", "Tom Brown"]
    );
    // Not merged: Tom Brown and T Brown are two owners until a clerk says otherwise.
    assert_ne!(items[1]["owners"], items[2]["owners"]);
    assert_eq!(strings(&items[2]["owners_as_printed"]), ["T Brown"]);
    let people = read(&ws.path().join("people.toml"));
    assert!(!people.contains("T Brown"), "people.toml is not written");
}

// 12. Columns scrutineer has no field for are kept aside, under their headers.

#[test]
fn unrecognised_columns_are_kept_aside_and_counted() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tracker").expect("name");
    rows(
        sheet,
        0,
        &[
            &["Corporate Parenting Panel: care leavers' local offer"],
            &[
                "Ref",
                "Action",
                "Lead officer",
                "Target date",
                "Budget",
                "Dependencies",
                "RAG",
            ],
            &[
                "1",
                "Launch the care leavers' local offer website",
                "Ben Carter",
                "30/09/2024",
                "£12,000",
                "ICT procurement",
                "Green",
            ],
            &[
                "2",
                "Extend the council tax exemption to care leavers aged 25",
                "Ben Carter",
                "April 2025",
                "",
                "Cabinet decision in January",
                "Amber",
            ],
            &[
                "3",
                "Free leisure passes for care leavers",
                "Ben Carter",
                "June 2024",
                "£4,500",
                "",
                "Blue",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "local-offer.xlsx");
    let out = import(ws.path(), &file, "local-offer", &[]);
    assert!(
        out.contains("Columns left over (kept aside): E \"Budget\", F \"Dependencies\""),
        "{out}"
    );
    assert!(
        out.contains(
            "Cells: 16 placed in fields, notes and headings; 4 kept aside with their headers."
        ),
        "{out}"
    );
    let items = items(ws.path(), "local-offer");
    assert_eq!(
        ids(&items),
        ["local-offer/1a", "local-offer/2a", "local-offer/3a"]
    );
    assert_eq!(kept(&items[0], "Budget"), Some(("", "£12,000")));
    assert_eq!(
        kept(&items[0], "Dependencies"),
        Some(("", "ICT procurement"))
    );
    assert_eq!(kept(&items[1], "Budget"), None);
    assert_eq!(
        kept(&items[1], "Dependencies"),
        Some(("", "Cabinet decision in January"))
    );
    assert_eq!(kept(&items[2], "Budget"), Some(("", "£4,500")));
    assert_eq!(field(&items, "status"), ["on-track", "at-risk", "complete"]);
    assert_eq!(
        field(&items, "deadline"),
        ["2024-09-30", "2025-04-30", "2024-06-30"]
    );
}

// Shapes the reader gets wrong today: each test says what a clerk would expect.

/// Imports a CSV tracker as the report named after the file, and returns what the
/// import printed and the report's items.
fn import_csv(ws: &Path, name: &str, text: &str) -> (String, Vec<Value>) {
    let file = write_csv(ws, name, text);
    let report = name.trim_end_matches(".csv");
    let out = import(ws, &file, report, &[]);
    (out, items(ws, report))
}

#[test]
fn a_rag_rationale_column_does_not_replace_the_rag() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "rationale.csv",
        "Ref,Action,Lead officer,Target date,RAG,RAG rationale\n\
         1,Launch the care leavers' local offer website,Ben Carter,June 2024,Amber,Supplier delayed the build by six weeks\n\
         2,Free leisure passes for care leavers,Ben Carter,July 2024,Green,On schedule\n",
    );
    assert_eq!(field(&items, "status"), ["at-risk", "on-track"], "{out}");
    assert!(!out.contains("is not one scrutineer knows"), "{out}");
    assert_eq!(
        kept(&items[0], "RAG rationale").map(|c| c.1),
        Some("Supplier delayed the build by six weeks"),
        "{out}"
    );
}

#[test]
fn a_funding_source_column_is_kept_aside_not_taken_as_the_origin() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "funding.csv",
        "Ref,Action,Lead officer,Target date,Funding source,RAG\n\
         1,Recruit two additional family support workers,Early Help Service Manager,September 2024,Supporting Families grant,Green\n",
    );
    assert!(
        out.contains("Columns left over (kept aside): E \"Funding source\""),
        "{out}"
    );
    assert_eq!(
        kept(&items[0], "Funding source"),
        Some(("", "Supporting Families grant")),
        "{out}"
    );
}

#[test]
fn a_risks_column_is_not_taken_as_the_recommendation() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "risks.csv",
        "Ref,Action,Lead officer,Target date,Risks / Issues,RAG\n\
         1,Recruit two additional Independent Reviewing Officers,Head of Quality Assurance,March 2024,None identified,Amber\n\
         2,Relaunch the dispute resolution protocol,Head of Quality Assurance,June 2024,None identified,Green\n",
    );
    assert!(
        out.contains("Columns left over (kept aside): E \"Risks / Issues\""),
        "{out}"
    );
    assert_eq!(
        ids(&items),
        ["risks/1a", "risks/2a"],
        "two actions for two references: {out}"
    );
    assert_ne!(items[0]["recommendations"], items[1]["recommendations"]);
}

#[test]
fn a_status_not_understood_is_kept_under_its_own_header() {
    let ws = workspace();
    let (_, items) = import_csv(
        ws.path(),
        "rayg.csv",
        "Ref,Action,Responsible Officer,Deadline,RAYG\n\
         CP7,Cabinet report on the council tax exemption,Dan Pike,Sep-24,Awaiting Cabinet decision\n",
    );
    assert_eq!(
        kept(&items[0], "RAYG"),
        Some(("status", "Awaiting Cabinet decision")),
        "{:?}",
        items[0]["imported"]
    );
}

#[test]
fn a_numbered_section_row_is_a_heading() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Plan").expect("name");
    rows(
        sheet,
        0,
        &[&[
            "Ref",
            "Recommendation",
            "Action",
            "Lead",
            "Timescale",
            "RAG",
        ]],
    );
    rows(sheet, 1, &[&["1"]]);
    merge(sheet, (1, 1), (1, 5), "LEADERSHIP AND MANAGEMENT");
    rows(
        sheet,
        2,
        &[
            &[
                "1.1",
                "Leaders know the quality of practice",
                "Monthly practice learning reviews",
                "Director of Children's Services",
                "April 2024",
                "Green",
            ],
            &[
                "1.2",
                "Performance information is used by managers",
                "Team performance dashboards",
                "Head of Performance",
                "June 2024",
                "Amber",
            ],
        ],
    );
    rows(sheet, 4, &[&["2"]]);
    merge(sheet, (4, 1), (4, 5), "WORKFORCE");
    rows(
        sheet,
        5,
        &[&[
            "2.1",
            "Reduce reliance on agency social workers",
            "Launch a social work academy",
            "Head of Workforce",
            "September 2024",
            "Amber",
        ]],
    );
    let file = save(&mut book, ws.path(), "sections.xlsx");
    let out = import(ws.path(), &file, "sections-2024", &[]);
    let items = items(ws.path(), "sections-2024");
    assert_eq!(
        ids(&items),
        [
            "sections-2024/1.1a",
            "sections-2024/1.2a",
            "sections-2024/2.1a"
        ],
        "{out}"
    );
    let recs = recommendations(ws.path(), "sections-2024");
    assert_eq!(
        field(&recs, "heading")
            .iter()
            .map(|h| h.contains("LEADERSHIP AND MANAGEMENT"))
            .collect::<Vec<_>>(),
        [true, true, false],
        "{recs:?}"
    );
    assert!(
        recs[2]["heading"]
            .as_str()
            .unwrap_or_default()
            .contains("WORKFORCE")
    );
}

#[test]
fn a_one_word_theme_in_capitals_is_a_heading() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "themes.csv",
        "Ref,Recommendation,Action,Lead,Timescale\n\
         WORKFORCE,,,,\n\
         1,Reduce reliance on agency social workers,Launch a social work academy,Head of Workforce,September 2024\n\
         QUALITY,,,,\n\
         2,Audits lead to better practice,Moderate every audit,Principal Social Worker,June 2024\n",
    );
    assert_eq!(ids(&items), ["themes/1a", "themes/2a"], "{out}");
    let recs = recommendations(ws.path(), "themes");
    assert_eq!(field(&recs, "heading"), ["WORKFORCE", "QUALITY"], "{out}");
}

#[test]
fn a_heading_row_in_an_actions_only_tracker_is_a_heading() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "actions-only.csv",
        "Action,Lead,By when,RAG\n\
         Theme 1 - Early Help,,,\n\
         Introduce a daily duty triage of Early Help requests,Early Help Service Manager,September 2024,Green\n\
         Theme 2 - Placements,,,\n\
         Open two in-house children's homes,Head of Commissioning,March 2025,Amber\n",
    );
    assert_eq!(items.len(), 2, "{out}");
    assert!(
        items
            .iter()
            .all(|i| !i["text"].as_str().unwrap_or_default().starts_with("Theme"))
    );
    let recs = recommendations(ws.path(), "actions-only");
    let headings = field(&recs, "heading");
    assert!(headings.contains(&"Theme 2 - Placements"), "{recs:?}");
}

#[test]
fn implemented_yes_and_partially_are_read() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "implemented.csv",
        "Rec No,Recommendation,Lead Officer,Timescale,Implemented?\n\
         1,Publish the annual report of the Local Safeguarding Children Partnership,Partnership Business Manager,September 2024,Yes\n\
         2,Offer every care leaver a council apprenticeship interview,Head of HR,March 2025,Partially\n",
    );
    assert!(!out.contains("is not one scrutineer knows"), "{out}");
    assert_eq!(field(&items, "status"), ["complete", "on-track"], "{out}");
}

/// The import's summary sends each header to its field.
fn assert_mapped(out: &str, pairs: &[(&str, &str)]) {
    for (header, field) in pairs {
        assert!(
            out.lines()
                .any(|l| l.contains(header) && l.trim_end().ends_with(&format!("-> {field}"))),
            "{header} -> {field}: {out}"
        );
    }
}

/// Both runs list every timescale that would be kept as text, with its row, so the
/// clerk can fix the sheet first.
#[test]
fn timescales_not_understood_are_listed_with_their_rows() {
    let ws = workspace();
    let file = write_csv(
        ws.path(),
        "timescales.csv",
        "Ref,Action,Target date\n1,Audit the files,Whenever resources allow\n2,Train staff,March 2024\n3,Report back,As soon as practicable\n",
    );
    let out = import(ws.path(), &file, "timescales", &[]);
    assert!(
        out.contains("Timescales kept as text, with no deadline (2)"),
        "{out}"
    );
    assert!(out.contains("line 2: `Whenever resources allow`"), "{out}");
    assert!(out.contains("line 4: `As soon as practicable`"), "{out}");
    assert!(!out.contains("`March 2024`"), "{out}");
}

/// Each RAG colour as the council means it: Red is off track (not "at risk"), Amber
/// at risk, Green on track, and the combined colours as the worse of the two.
#[test]
fn every_rag_colour_is_imported_as_its_status() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "rag.csv",
        "Ref,Action,Lead officer,Target date,RAG\n\
         1,Recruit foster carers,Ben Carter,June 2024,Red\n\
         2,Refresh the local offer,Ben Carter,June 2024,Amber\n\
         3,Free leisure passes,Ben Carter,June 2024,Green\n\
         4,Audit case files,Ben Carter,June 2024,Amber/Red\n\
         5,Train panel members,Ben Carter,June 2024,RED\n",
    );
    assert_eq!(
        field(&items, "status"),
        ["off-track", "at-risk", "on-track", "off-track", "off-track"],
        "{out}"
    );
}

#[test]
fn an_action_answering_several_recommendations_is_one_action_and_twins_stay_apart() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "answers.csv",
        "Rec ref,Action ref,Action,Lead officer,Target date\n\
         \"3.3, 3.4\",A1,Report progress to the committee each quarter,Head of Service,March 2025\n\
         3.5,A2,Review the placements policy,Policy Lead,June 2025\n\
         3.6,A3,Review the placements policy,Policy Lead,June 2025\n\
         3.7,A2,Review the placements policy,Policy Lead,June 2025\n",
    );
    let answered: Vec<(String, Vec<String>)> = items
        .iter()
        .map(|i| {
            let id = i["id"].as_str().unwrap_or_default();
            (
                id.rsplit('/').next().unwrap_or_default().to_string(),
                strings(&i["recommendations"]),
            )
        })
        .collect();
    assert_eq!(
        answered,
        [
            // "3.3, 3.4" in one cell: two recommendations, one action for both.
            ("A1".to_string(), vec!["3.3".to_string(), "3.4".to_string()]),
            // The same action listed again under 3.7: one action answering both.
            ("A2".to_string(), vec!["3.5".to_string(), "3.7".to_string()]),
            // The same words under another reference: another action.
            ("A3".to_string(), vec!["3.6".to_string()]),
        ],
        "{out}"
    );
}

#[test]
fn a_group_header_written_once_over_its_columns_heads_the_sub_headers_under_it() {
    let ws = workspace();
    // "Progress update" typed once over two columns (not merged), the meetings below.
    let (out, items) = import_csv(
        ws.path(),
        "grouped.csv",
        "Ref,Action,Lead officer,Target date,Progress update,\n\
         ,,,,Oct 2025,Jan 2026\n\
         1,Launch the triage pilot,Ben Carter,March 2026,Pilot agreed,Running in the North locality\n",
    );
    assert!(
        out.contains("Progress update Oct 2025") && out.contains("Progress update Jan 2026"),
        "{out}"
    );
    assert_eq!(
        ids(&items),
        ["grouped/1a"],
        "the sub-header row is not an item: {out}"
    );
    let history = ok(run(ws.path(), &["history", "grouped/1a"]));
    assert!(
        history.contains("Running in the North locality"),
        "{history}"
    );
}

#[test]
fn a_tracker_of_two_columns_is_read() {
    let ws = workspace();
    let (out, items) = import_csv(
        ws.path(),
        "two.csv",
        "Action,Lead officer\n\
         Publish the revised threshold document,Head of Service\n\
         Brief all staff on the thresholds,Team Managers\n",
    );
    assert!(out.contains("header row at line 1"), "{out}");
    assert_eq!(
        field(&items, "text"),
        [
            "Publish the revised threshold document",
            "Brief all staff on the thresholds"
        ],
        "{out}"
    );
}

#[test]
fn of_two_revised_date_columns_the_later_one_given_is_in_force() {
    let ws = workspace();
    let file = write_csv(
        ws.path(),
        "revised.csv",
        "Ref,Action,Lead officer,Target date,Revised date,Second revised date\n\
         1,Recruit two social workers,KS,March 2024,30/06/2024,30/09/2024\n\
         2,Audit ten files,KS,March 2024,30/06/2024,\n",
    );
    let out = import(
        ws.path(),
        &file,
        "revised",
        &[
            "--map",
            "revised-date=Revised date",
            "--map",
            "revised-date=Second revised date",
        ],
    );
    let items = items(ws.path(), "revised");
    assert_eq!(
        field(&items, "revised_deadline"),
        ["2024-09-30", "2024-06-30"],
        "{out}"
    );
    // The earlier revision is kept as printed on the item.
    assert_eq!(
        kept(&items[0], "Revised date"),
        Some(("revised-date", "30/06/2024")),
        "{out}"
    );
}

#[test]
fn a_recommendations_own_status_and_progress_stay_on_it_when_actions_answer_it() {
    let ws = workspace();
    let file = write_csv(
        ws.path(),
        "own.csv",
        "Ref,Recommendation,Action,Lead officer,RAG,Progress update\n\
         1,Improve supervision,,,Amber,Policy drafted\n\
         ,,Audit supervision files,KS,Green,\n\
         2,Recruit to vacant posts,,,,\n\
         ,,Advertise the posts,KS,Red,\n",
    );
    let out = import(ws.path(), &file, "own", &[]);
    let report = read(&ws.path().join("reports/own.toml"));
    let recommendations: Vec<&str> = report
        .split("[[recommendations]]")
        .skip(1)
        .map(|r| r.split("[[actions]]").next().unwrap_or_default())
        .collect();
    assert_eq!(recommendations.len(), 2, "{out}\n{report}");
    // What the recommendation's own row said is kept on it, as printed.
    assert!(
        recommendations[0].contains("{ column = \"RAG\", field = \"status\", text = \"Amber\" }")
            && recommendations[0].contains(
                "{ column = \"Progress update\", field = \"progress\", text = \"Policy drafted\" }"
            ),
        "{report}"
    );
    // Its row said nothing: nothing is kept, not an empty status.
    assert!(!recommendations[1].contains("imported"), "{report}");
    // The actions carry their own statuses.
    assert_eq!(
        field(&items(ws.path(), "own"), "status"),
        ["on-track", "off-track"]
    );
}
