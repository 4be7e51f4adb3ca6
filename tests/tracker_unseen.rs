//! Tracker shapes `tracker_shapes.rs` does not cover, as UK councils publish them in
//! committee papers: built in code (xlsx with rust_xlsxwriter, ods by hand with `zip`, xls
//! record by record in a compound file with `cfb`,
//! CSV as text), imported with no `--map` into a copy of the bundled workspace, and
//! checked for what a clerk would expect to see.

mod common;

use common::sheets::{merge, save};

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use serde_json::Value;
use std::io::Write;
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
                let r = u32::try_from(r).expect("row");
                sheet.write_string(first + r, c, *text).expect("write cell");
            }
        }
    }
}

/// A real Excel date cell, shown with `format` ("dd/mm/yyyy", "mmm-yy").
fn date(sheet: &mut Worksheet, row: u32, col: u16, (y, m, d): (u16, u8, u8), format: &str) {
    let format = Format::new().set_num_format(format);
    let when = ExcelDateTime::from_ymd(y, m, d).expect("date");
    sheet
        .write_datetime_with_format(row, col, &when, &format)
        .expect("write date");
}

fn number(sheet: &mut Worksheet, row: u32, col: u16, n: f64) {
    sheet.write_number(row, col, n).expect("write number");
}

fn write_file(ws: &Path, name: &str, bytes: &[u8]) -> String {
    let path = ws.join(name);
    std::fs::write(&path, bytes).expect("write file");
    path.to_str().expect("utf-8 path").to_string()
}

/// What an import prints about the file before it writes anything.
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

/// Imports `file` as `report`: a dry run (which must write nothing), the import, and
/// `check`. Returns what the import printed.
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
        "the dry run wrote"
    );
    let done = ok(run(ws, &args));
    assert!(
        done.contains(&format!("Created report `{report}`")),
        "{done}"
    );
    assert_eq!(
        description(&dry),
        description(&done),
        "dry run and import differ"
    );
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

/// The report as `scrutineer reports --format json` gives it.
fn report_json(ws: &Path, report: &str) -> Value {
    let all: Vec<Value> =
        serde_json::from_str(&ok(run(ws, &["reports", "--format", "json"]))).expect("JSON");
    all.into_iter()
        .find(|r| r["id"] == report)
        .unwrap_or_else(|| panic!("no report {report}"))
}

fn recommendations(ws: &Path, report: &str) -> Vec<Value> {
    report_json(ws, report)["recommendations"]
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

/// The cell an item keeps under a column whose header starts with `column` (headers
/// may hold line breaks), as (field, text).
fn kept<'a>(item: &'a Value, column: &str) -> Option<(&'a str, &'a str)> {
    item["imported"].as_array()?.iter().find_map(|c| {
        c["column"]
            .as_str()
            .is_some_and(|h| h.starts_with(column))
            .then(|| {
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

fn history(ws: &Path, id: &str) -> String {
    ok(run(ws, &["history", id]))
}

fn walk(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
        Value::Object(o) => o.values().for_each(|x| walk(x, out)),
        _ => {}
    }
}

/// Everything a clerk can find about a report: its items (fields and `imported`),
/// each item's history, and the report (notes, recommendations, headings).
fn everything(ws: &Path, report: &str) -> String {
    let mut out = String::new();
    for i in items(ws, report) {
        walk(&i, &mut out);
        if let Some(id) = i["id"].as_str() {
            out.push_str(&history(ws, id));
        }
    }
    walk(&report_json(ws, report), &mut out);
    out
}

/// Asserts that every non-empty cell (each line of it, each owner of it) can be found
/// somewhere a clerk can see it.
fn nothing_lost(ws: &Path, report: &str, cells: &[&str]) {
    let hay = everything(ws, report);
    let mut lost = Vec::new();
    for cell in cells {
        for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if hay.contains(line) {
                continue;
            }
            let parts: Vec<&str> = line
                .split(['/', ';', '&'])
                .flat_map(|p| p.split(" and "))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() < 2 || parts.iter().any(|p| !hay.contains(p)) {
                lost.push(line.to_string());
            }
        }
    }
    assert!(
        lost.is_empty(),
        "cells lost: {lost:?}\n--- what a clerk can see:\n{hay}"
    );
}

/// The line of the import's column report for `header` ends with `-> field`.
fn maps(out: &str, header: &str, field: &str) -> bool {
    out.lines()
        .any(|l| l.contains(header) && l.trim_end().ends_with(&format!("-> {field}")))
}

fn all_cells<'a>(table: &[&[&'a str]]) -> Vec<&'a str> {
    table.iter().flat_map(|r| r.iter().copied()).collect()
}

// 1. An internal audit recommendation tracker: "Rec No.", "Finding", "Agreed
// Management Action", a priority rating and a date closed.

#[test]
fn an_internal_audit_tracker_keeps_priority_and_date_closed_aside() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Follow-up").expect("name");
    let table: &[&[&str]] = &[
        &[
            "Internal Audit: follow-up of agreed management actions, Audit and Governance Committee 27 January 2026",
        ],
        &[
            "Rec No.",
            "Finding",
            "Agreed Management Action",
            "Priority (High/Medium/Low)",
            "Officer Responsible",
            "Agreed Implementation Date",
            "Status",
            "Date Closed",
        ],
        &[
            "PAY01",
            "Starters were paid before their contracts were signed",
            "Payroll will not process a starter without a signed contract on file",
            "High",
            "Payroll Manager",
            "",
            "Implemented",
            "",
        ],
        &[
            "PAY02",
            "Overtime claims were authorised by the claimant's peer",
            "Overtime authorisation limited to line managers in iTrent",
            "Medium",
            "Head of HR",
            "",
            "Partially implemented",
            "",
        ],
        &[
            "REV01",
            "Write-offs above £5,000 lacked Section 151 approval",
            "Write-off procedure updated and reissued to Revenues staff",
            "Low",
            "Revenues and Benefits Manager",
            "31/03/2026",
            "Not yet due",
            "",
        ],
    ];
    rows(sheet, 0, table);
    date(sheet, 2, 5, (2025, 6, 30), "dd/mm/yyyy");
    date(sheet, 2, 7, (2025, 7, 14), "dd/mm/yyyy");
    date(sheet, 3, 5, (2025, 9, 30), "dd/mm/yyyy");
    let file = save(&mut book, ws.path(), "audit.xlsx");
    let out = import(ws.path(), &file, "audit-2026", &[]);
    for (header, f) in [
        ("Rec No.", "ref"),
        ("Finding", "recommendation"),
        ("Agreed Management Action", "action"),
        ("Officer Responsible", "owner"),
        ("Agreed Implementation Date", "timescale"),
        ("Status", "status"),
    ] {
        assert!(maps(&out, header, f), "{header} -> {f}: {out}");
    }
    let left = out
        .lines()
        .find(|l| l.starts_with("Columns left over"))
        .unwrap_or_default();
    assert!(
        left.contains("\"Priority (High/Medium/Low)\"") && left.contains("\"Date Closed\""),
        "a priority rating and a closing date are kept aside: {out}"
    );
    let items = items(ws.path(), "audit-2026");
    assert_eq!(
        ids(&items),
        [
            "audit-2026/PAY01a",
            "audit-2026/PAY02a",
            "audit-2026/REV01a"
        ],
        "{out}"
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2025-06-30", "2025-09-30", "2026-03-31"],
        "{out}"
    );
    assert_eq!(
        field(&items, "status"),
        ["complete", "on-track", "not-started"]
    );
    assert_eq!(
        kept(&items[0], "Priority (High/Medium/Low)"),
        Some(("", "High"))
    );
    assert_eq!(kept(&items[0], "Date Closed"), Some(("", "2025-07-14")));
    let recs = recommendations(ws.path(), "audit-2026");
    assert!(
        recs.iter()
            .all(|r| r["heading"].as_str().unwrap_or_default().is_empty()),
        "a priority is not a heading: {recs:?}"
    );
    nothing_lost(ws.path(), "audit-2026", &all_cells(&table[2..]));
}

// 2. An audit tracker listing several audits, each numbering its recommendations from 1.

#[test]
fn recommendation_numbers_restarting_for_each_audit_are_not_merged() {
    let ws = workspace();
    let table = "Audit,Rec No.,Finding,Agreed Management Action,Officer Responsible,Target Date,Status\n\
         Payroll 2024/25,1,Starters were paid before their contracts were signed,Payroll will not process a starter without a signed contract,Payroll Manager,June 2025,Implemented\n\
         Payroll 2024/25,2,Overtime claims were authorised by the claimant's peer,Overtime authorisation limited to line managers,Head of HR,September 2025,Implemented\n\
         Procurement Cards,1,Card limits were not reviewed for two years,Annual review of every card limit,Procurement Manager,March 2026,Not yet due\n\
         Procurement Cards,2,Receipts were missing for 14% of transactions,Monthly receipt reconciliation by budget holders,Procurement Manager,March 2026,Not yet due\n";
    let file = write_file(ws.path(), "audits.csv", table.as_bytes());
    let out = import(ws.path(), &file, "audits", &[]);
    assert!(
        !out.contains("was given to another recommendation"),
        "{out}"
    );
    let recs = recommendations(ws.path(), "audits");
    let texts: Vec<&str> = recs
        .iter()
        .map(|r| r["text"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        texts,
        [
            "Starters were paid before their contracts were signed",
            "Overtime claims were authorised by the claimant's peer",
            "Card limits were not reviewed for two years",
            "Receipts were missing for 14% of transactions",
        ],
        "{out}"
    );
    let items = items(ws.path(), "audits");
    assert_eq!(items.len(), 4, "{out}");
    let mut distinct = ids(&items);
    distinct.dedup();
    assert_eq!(distinct.len(), 4);
}

// 3. An LGA corporate peer challenge action plan: headers with line breaks, frozen
// rows, BRAG, a direction-of-travel column, one recommendation merged over two actions.

#[test]
fn a_peer_challenge_plan_with_wrapped_headers_brag_and_direction_of_travel() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Action Plan").expect("name");
    sheet.set_freeze_panes(3, 2).expect("freeze");
    let table: &[&[&str]] = &[
        &["Corporate Peer Challenge: Action Plan (updated October 2025)"],
        &[],
        &[
            "Recommendation\nNo.",
            "Peer Team Recommendation",
            "Action",
            "Lead",
            "Completion\nDate",
            "Progress against\naction",
            "BRAG",
            "Direction of\ntravel",
        ],
        &[
            "",
            "",
            "Agree a medium term financial strategy that closes the 2027/28 budget gap",
            "Director of Finance (S151)",
            "February 2026",
            "MTFS agreed by Council on 26 February",
            "Blue",
            "↑",
        ],
        &[
            "",
            "",
            "Publish quarterly savings delivery reports to Cabinet",
            "Director of Finance (S151)",
            "31/12/2025",
            "",
            "Green",
            "→",
        ],
        &[
            "2",
            "Strengthen the council's approach to resident engagement",
            "Launch a residents' panel of 1,000 members",
            "Assistant Chief Executive",
            "30/11/2025",
            "Recruitment of panel members delayed by the by-election",
            "Amber",
            "↓",
        ],
    ];
    rows(sheet, 0, table);
    merge(sheet, (3, 0), (4, 0), "1");
    merge(
        sheet,
        (3, 1),
        (4, 1),
        "Put the council's finances on a sustainable footing over the medium term",
    );
    let file = save(&mut book, ws.path(), "peer.xlsx");
    let out = import(ws.path(), &file, "peer-2025", &[]);
    assert!(
        out.contains("sheet \"Action Plan\"; header row at row 3"),
        "{out}"
    );
    for (header, f) in [
        ("No.", "ref"),
        ("Peer Team Recommendation", "recommendation"),
        ("Lead", "owner"),
        ("Date", "timescale"),
        ("action", "progress"),
        ("BRAG", "status"),
    ] {
        assert!(maps(&out, header, f), "{header} -> {f}: {out}");
    }
    let items = items(ws.path(), "peer-2025");
    assert_eq!(
        ids(&items),
        ["peer-2025/1a", "peer-2025/1b", "peer-2025/2a"],
        "{out}"
    );
    assert_eq!(field(&items, "status"), ["complete", "on-track", "at-risk"]);
    assert_eq!(
        field(&items, "deadline"),
        ["2026-02-28", "2025-12-31", "2025-11-30"]
    );
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        ["Director of Finance (S151)"]
    );
    assert_eq!(kept(&items[0], "Direction of"), Some(("", "↑")));
    assert_eq!(kept(&items[2], "Direction of"), Some(("", "↓")));
    let recs = recommendations(ws.path(), "peer-2025");
    assert_eq!(recs.len(), 2);
    assert_eq!(strings(&recs[0]["actions"]).len(), 2);
    assert!(
        history(ws.path(), "peer-2025/2a").contains("Recruitment of panel members delayed"),
        "{out}"
    );
    assert!(
        out.contains("Corporate Peer Challenge: Action Plan (updated October 2025)"),
        "{out}"
    );
    nothing_lost(ws.path(), "peer-2025", &all_cells(&table[3..]));
}

// 4. A two-row header: each column's header merged down two rows, except "Progress
// update", merged across two sub-headers naming the meetings.

#[test]
fn a_two_row_header_with_a_group_over_meeting_columns_is_one_header() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Monitoring").expect("name");
    rows(
        sheet,
        0,
        &[&["Adult Social Care Scrutiny Panel: recommendations monitoring"]],
    );
    for (c, h) in [
        (0, "Ref"),
        (1, "Recommendation"),
        (2, "Action"),
        (3, "Lead Officer"),
        (4, "Target Date"),
        (7, "RAG"),
        (8, "Budget code"),
    ] {
        merge(sheet, (2, c), (3, c), h);
    }
    merge(sheet, (2, 5), (2, 6), "Progress update");
    rows(sheet, 3, &[&["", "", "", "", "", "Oct 2025", "Jan 2026"]]);
    let table: &[&[&str]] = &[
        &[
            "ASC1",
            "Reduce waiting times for Care Act assessments",
            "Triage every new referral within 48 hours",
            "Head of Adult Social Care",
            "March 2026",
            "Triage pilot running in the North locality",
            "Pilot rolled out borough-wide in December",
            "Green",
            "ASC-001",
        ],
        &[
            "ASC2",
            "Carers receive an assessment in their own right",
            "Commission a carers' assessment service",
            "Commissioning Manager",
            "June 2026",
            "Tender published",
            "",
            "Amber",
            "ASC-002",
        ],
    ];
    rows(sheet, 4, table);
    let file = save(&mut book, ws.path(), "two-row.xlsx");
    let out = import(ws.path(), &file, "asc-panel", &[]);
    let items = items(ws.path(), "asc-panel");
    assert_eq!(
        ids(&items),
        ["asc-panel/ASC1a", "asc-panel/ASC2a"],
        "the sub-header row is not an item: {out}"
    );
    assert!(items.iter().all(|i| i["text"] != "Action"), "{out}");
    assert_eq!(field(&items, "status"), ["on-track", "at-risk"], "{out}");
    // A column merged down both rows is named once, not "Budget code Budget code".
    assert!(
        items[0]["imported"].as_array().is_some_and(|cells| cells
            .iter()
            .any(|c| c["column"] == "Budget code" && c["text"] == "ASC-001")),
        "{}",
        items[0]["imported"]
    );
    let h = history(ws.path(), "asc-panel/ASC1a");
    assert!(
        h.contains("Oct 2025") && h.contains("Triage pilot running in the North locality"),
        "{h}"
    );
    assert!(
        h.contains("Jan 2026") && h.contains("Pilot rolled out borough-wide in December"),
        "{h}"
    );
    nothing_lost(ws.path(), "asc-panel", &all_cells(table));
}

// 5. Sub-actions lettered a), b), c) with owners and dates on matching lines, and
// bulleted ones.

#[test]
fn lettered_and_bulleted_sub_actions_are_separate_actions() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("SEND").expect("name");
    let table: &[&[&str]] = &[
        &[
            "Ref",
            "Area for improvement",
            "Actions",
            "Lead",
            "By when",
            "RAG",
        ],
        &[
            "1",
            "The timeliness of education, health and care needs assessments",
            "a) Recruit three additional EHC coordinators\nb) Move to weekly SEND panel decisions\nc) Publish monthly timeliness data to the SEND Partnership Board",
            "Head of SEND\nSEND Panel Chair\nHead of Performance",
            "January 2026\nNovember 2025\nDecember 2025",
            "Amber",
        ],
        &[
            "2",
            "The quality of EHC plans",
            "• Quality assurance framework for EHC plans\n• Multi-agency audit of 20 plans each term",
            "Principal Educational Psychologist",
            "April 2026",
            "Green",
        ],
    ];
    rows(sheet, 0, table);
    let file = save(&mut book, ws.path(), "send.xlsx");
    let out = import(ws.path(), &file, "send-2025", &[]);
    let items = items(ws.path(), "send-2025");
    assert_eq!(
        ids(&items),
        [
            "send-2025/1a",
            "send-2025/1b",
            "send-2025/1c",
            "send-2025/2a",
            "send-2025/2b"
        ],
        "{out}"
    );
    assert_eq!(items[1]["text"], "b) Move to weekly SEND panel decisions");
    assert_eq!(
        items[4]["text"],
        "• Multi-agency audit of 20 plans each term"
    );
    let owners: Vec<Vec<String>> = items[..3]
        .iter()
        .map(|i| strings(&i["owners_as_printed"]))
        .collect();
    assert_eq!(
        owners,
        [
            ["Head of SEND"],
            ["SEND Panel Chair"],
            ["Head of Performance"]
        ]
    );
    assert_eq!(
        field(&items, "deadline"),
        [
            "2026-01-31",
            "2025-11-30",
            "2025-12-31",
            "2026-04-30",
            "2026-04-30"
        ]
    );
    assert_eq!(
        field(&items, "status"),
        ["at-risk", "at-risk", "at-risk", "on-track", "on-track"]
    );
}

// 6. Sub-actions numbered i), ii), iii) and 4.1, 4.2 in one cell.

#[test]
fn roman_and_decimal_numbered_sub_actions_are_separate_actions() {
    let ws = workspace();
    let (file, table) = {
        let table: &[&[&str]] = &[
            &[
                "Ref",
                "Area for improvement",
                "Actions",
                "Lead",
                "By when",
                "RAG",
            ],
            &[
                "3",
                "Preparation for adulthood",
                "i) Agree a 14-25 transitions protocol with adult social care\nii) Name a transitions worker for every young person from Year 9\niii) Report transitions outcomes to the SEND Partnership Board",
                "Head of SEND",
                "March 2026",
                "Green",
            ],
            &[
                "4",
                "Alternative provision",
                "4.1 Keep a register of every alternative provision placement\n4.2 Quality assure every unregistered provider each term",
                "Virtual School Head",
                "April 2026",
                "Amber",
            ],
        ];
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        rows(sheet, 0, table);
        (save(&mut book, ws.path(), "send-ap.xlsx"), table)
    };
    let out = import(ws.path(), &file, "send-ap", &[]);
    let items = items(ws.path(), "send-ap");
    let texts: Vec<&str> = field(&items, "text");
    assert_eq!(
        texts,
        [
            "i) Agree a 14-25 transitions protocol with adult social care",
            "ii) Name a transitions worker for every young person from Year 9",
            "iii) Report transitions outcomes to the SEND Partnership Board",
            "4.1 Keep a register of every alternative provision placement",
            "4.2 Quality assure every unregistered provider each term",
        ],
        "{out}"
    );
    nothing_lost(ws.path(), "send-ap", &all_cells(&table[1..]));
}

// 7. Completion dates typed as text in the forms UK officers type them.

#[test]
fn completion_dates_typed_in_uk_forms_give_deadlines() {
    let ws = workspace();
    let cases = [
        ("31/03/2026", "2026-03-31"),
        ("30/6/26", "2026-06-30"),
        ("31.03.2026", "2026-03-31"),
        ("31-Mar-26", "2026-03-31"),
        ("31st March 2026", "2026-03-31"),
        ("Sept 2026", "2026-09-30"),
        ("By 30 June 2026", "2026-06-30"),
        ("End of March 2026", "2026-03-31"),
        ("TBC", "(null)"),
    ];
    let mut csv = String::from(
        "CQC Local Authority Assessment: Adult Social Care Improvement Plan\n\
         Ref,Improvement action,Officer Responsible,Completion Date,RAG\n",
    );
    for (n, (when, _)) in cases.iter().enumerate() {
        csv.push_str(&format!(
            "CQC{},Improvement action number {} for the assessment,Director of Adult Social Services,{when},Green\n",
            n + 1,
            n + 1
        ));
    }
    let file = write_file(ws.path(), "cqc.csv", csv.as_bytes());
    let out = import(ws.path(), &file, "cqc-2025", &[]);
    let items = items(ws.path(), "cqc-2025");
    assert_eq!(items.len(), cases.len(), "{out}");
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|i| {
            (
                i["timescale"].as_str().unwrap_or_default(),
                i["deadline"].as_str().unwrap_or("(null)"),
            )
        })
        .collect();
    let wrong: Vec<String> = cases
        .iter()
        .zip(&got)
        .filter(|(want, got)| want.1 != got.1)
        .map(|(want, got)| format!("{:?} gives {} (expected {})", want.0, got.1, want.1))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(
        got.iter().map(|g| g.0).collect::<Vec<_>>(),
        cases.iter().map(|c| c.0).collect::<Vec<_>>(),
        "timescales are kept as printed"
    );
}

// 7b. A quarter of the council's financial year (April to March).

#[test]
fn a_financial_year_quarter_is_due_at_the_end_of_that_quarter() {
    let ws = workspace();
    let text = "Ref,Improvement action,Officer Responsible,Completion Date,RAG\n\
        CQC1,Publish a carers' strategy co-produced with carers,Director of Adult Social Services,Q4 2025/26,Green\n\
        CQC2,Reduce the waiting list for occupational therapy assessments to under 100,Head of Occupational Therapy,Q2 2026/27,Amber\n";
    let file = write_file(ws.path(), "quarters.csv", text.as_bytes());
    let out = import(ws.path(), &file, "quarters", &[]);
    let items = items(ws.path(), "quarters");
    assert_eq!(field(&items, "timescale"), ["Q4 2025/26", "Q2 2026/27"]);
    assert_eq!(
        field(&items, "deadline"),
        ["2026-03-31", "2026-09-30"],
        "{out}"
    );
}

// 8. Real Excel dates formatted to show only a month ("Mar-26", "June 2026").

#[test]
fn excel_dates_shown_as_a_month_are_due_at_the_end_of_that_month() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    rows(
        sheet,
        0,
        &[
            &["Ref", "Action", "Responsible Officer", "Due Date", "RAG"],
            &[
                "HS1",
                "Review the allocations policy",
                "Head of Housing Options",
                "",
                "Green",
            ],
            &[
                "HS2",
                "Consult tenants on the new policy",
                "Head of Housing Options",
                "",
                "Green",
            ],
            &[
                "HS3",
                "Report to Cabinet",
                "Head of Housing Options",
                "",
                "Green",
            ],
        ],
    );
    date(sheet, 1, 3, (2026, 3, 1), "mmm-yy");
    date(sheet, 2, 3, (2026, 6, 1), "mmmm yyyy");
    date(sheet, 3, 3, (2026, 9, 15), "d mmmm yyyy");
    let file = save(&mut book, ws.path(), "months.xlsx");
    let out = import(ws.path(), &file, "allocations", &[]);
    let items = items(ws.path(), "allocations");
    assert_eq!(
        field(&items, "deadline"),
        ["2026-03-31", "2026-06-30", "2026-09-15"],
        "timescales read: {:?}\n{out}",
        field(&items, "timescale")
    );
}

// 9. A sheet of instructions (with a little table of what each column is for) before
// two trackers, one a year, on sheets of their own.

fn instructions_and_two_years(ws: &Path) -> String {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Instructions").expect("name");
    rows(
        sheet,
        0,
        &[
            &["How to update this tracker"],
            &[
                "Lead officers: please update the progress column and choose a BRAG rating from the drop-down by the 10th of each month.",
            ],
            &[],
            &["Column", "What to enter"],
            &[
                "Action",
                "The action agreed by Cabinet, as worded in the decision notice",
            ],
            &["Lead Officer", "The officer accountable for delivery"],
            &[
                "BRAG",
                "Blue = complete, Green = on track, Amber = at risk, Red = off track",
            ],
        ],
    );
    for (name, rows_of_year) in [
        (
            "Homelessness 2024-25",
            [
                [
                    "H1",
                    "Reduce the use of bed and breakfast for families",
                    "Open a family hub in the town centre",
                    "Head of Housing Options",
                    "March 2025",
                    "Blue",
                    "Hub opened in February",
                ],
                [
                    "H2",
                    "Prevent homelessness earlier",
                    "Place housing officers in GP surgeries",
                    "Prevention Manager",
                    "June 2025",
                    "Green",
                    "",
                ],
            ],
        ),
        (
            "Damp and Mould 2025-26",
            [
                [
                    "DM1",
                    "Respond to every damp and mould report within 10 working days",
                    "Dedicated damp and mould triage team",
                    "Head of Repairs",
                    "October 2025",
                    "Amber",
                    "Team recruited; two vacancies",
                ],
                [
                    "DM2",
                    "Tenants are told what will happen and when",
                    "Text message updates at each stage of a repair",
                    "Customer Services Manager",
                    "January 2026",
                    "Red",
                    "System upgrade delayed",
                ],
            ],
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        let header: &[&str] = &[
            "Ref",
            "Recommendation",
            "Action",
            "Lead Officer",
            "Target Date",
            "BRAG",
            "Progress",
        ];
        rows(sheet, 0, &[header]);
        for (r, row) in rows_of_year.iter().enumerate() {
            let r = u32::try_from(r).expect("row");
            rows(sheet, 1 + r, &[row.as_slice()]);
        }
    }
    save(&mut book, ws, "housing-trackers.xlsx")
}

#[test]
fn an_instructions_sheet_first_is_passed_over_for_the_first_tracker() {
    let ws = workspace();
    let file = instructions_and_two_years(ws.path());
    let out = import(ws.path(), &file, "homelessness", &[]);
    assert!(
        out.contains("sheet \"Homelessness 2024-25\""),
        "the instructions are not a tracker: {out}"
    );
    let items = items(ws.path(), "homelessness");
    assert_eq!(
        ids(&items),
        ["homelessness/H1a", "homelessness/H2a"],
        "{out}"
    );
}

#[test]
fn the_second_tracker_is_read_with_sheet() {
    let ws = workspace();
    let file = instructions_and_two_years(ws.path());
    let out = import(
        ws.path(),
        &file,
        "damp-mould",
        &["--sheet", "Damp and Mould 2025-26"],
    );
    let items = items(ws.path(), "damp-mould");
    assert_eq!(ids(&items), ["damp-mould/DM1a", "damp-mould/DM2a"], "{out}");
    assert_eq!(field(&items, "status"), ["at-risk", "off-track"]);
    assert_eq!(field(&items, "deadline"), ["2025-10-31", "2026-01-31"]);
    let out3 = ok(run(
        ws.path(),
        &[
            "import",
            &file,
            "--report",
            "dm3",
            "--sheet",
            "3",
            "--dry-run",
        ],
    ));
    assert!(out3.contains("DM2"), "{out3}");
}

// 10. A housing repairs task-and-finish tracker: the status is a formula over the
// percentage complete, a "Days overdue" formula, and owners given as email addresses.

#[test]
fn formula_statuses_and_email_owners_are_read() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Repairs T&F").expect("name");
    rows(
        sheet,
        0,
        &[
            &[
                "Ref",
                "Recommendation",
                "Action",
                "Owner",
                "Target Date",
                "Status",
                "Days overdue",
            ],
            &[
                "R1",
                "Repairs appointments are kept",
                "Book every appointment in a morning or afternoon slot",
                "j.okoro@exampleborough.gov.uk; s.hughes@exampleborough.gov.uk",
                "March 2026",
            ],
            &[
                "R2",
                "Tenants can report repairs online",
                "Launch the online repairs portal",
                "Repairs Manager (repairs.manager@exampleborough.gov.uk)",
                "September 2025",
            ],
        ],
    );
    sheet
        .write_formula(
            1,
            5,
            Formula::new("=IF(H2=1,\"Complete\",IF(H2>0,\"In progress\",\"Not started\"))")
                .set_result("In progress"),
        )
        .expect("formula");
    sheet
        .write_formula(
            2,
            5,
            Formula::new("=IF(H3=1,\"Complete\",IF(H3>0,\"In progress\",\"Not started\"))")
                .set_result("Complete"),
        )
        .expect("formula");
    sheet
        .write_formula(
            1,
            6,
            Formula::new("=MAX(0,TODAY()-DATE(2026,3,31))").set_result("0"),
        )
        .expect("formula");
    sheet
        .write_formula(
            2,
            6,
            Formula::new("=MAX(0,TODAY()-DATE(2025,9,30))").set_result("12"),
        )
        .expect("formula");
    let file = save(&mut book, ws.path(), "repairs.xlsx");
    let out = import(ws.path(), &file, "repairs", &[]);
    let items = items(ws.path(), "repairs");
    assert_eq!(ids(&items), ["repairs/R1a", "repairs/R2a"], "{out}");
    assert_eq!(field(&items, "status"), ["on-track", "complete"], "{out}");
    assert!(!out.contains("is not one scrutineer knows"), "{out}");
    assert_eq!(
        strings(&items[0]["owners_as_printed"]),
        [
            "j.okoro@exampleborough.gov.uk",
            "s.hughes@exampleborough.gov.uk"
        ]
    );
    assert_eq!(
        strings(&items[1]["owners_as_printed"]),
        ["Repairs Manager (repairs.manager@exampleborough.gov.uk)"]
    );
    assert_eq!(kept(&items[1], "Days overdue"), Some(("", "12")));
    assert_eq!(kept(&items[0], "Days overdue"), Some(("", "0")));
}

// 11. A "% complete" column of real percentages (0.75 shown as 75%).

#[test]
fn percentages_complete_are_kept_as_printed() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    rows(
        sheet,
        0,
        &[
            &[
                "Ref",
                "Action",
                "Lead Officer",
                "Target Date",
                "% Complete",
                "RAG",
            ],
            &[
                "P1",
                "Install damp sensors in 500 homes",
                "Head of Repairs",
                "March 2026",
                "",
                "Green",
            ],
            &[
                "P2",
                "Stock condition survey of every tower block",
                "Head of Asset Management",
                "June 2026",
                "",
                "Amber",
            ],
        ],
    );
    let pct = Format::new().set_num_format("0%");
    sheet
        .write_number_with_format(1, 4, 0.75, &pct)
        .expect("write");
    sheet
        .write_number_with_format(2, 4, 0.4, &pct)
        .expect("write");
    let file = save(&mut book, ws.path(), "percent.xlsx");
    let out = import(ws.path(), &file, "sensors", &[]);
    let items = items(ws.path(), "sensors");
    assert_eq!(items.len(), 2, "{out}");
    assert_eq!(
        kept(&items[0], "% Complete").map(|c| c.1),
        Some("75%"),
        "{:?}",
        items[0]["imported"]
    );
    assert_eq!(kept(&items[1], "% Complete").map(|c| c.1), Some("40%"));
}

// 12. References stored as numbers (1.1, 1.2, ... 1.9), with "1.10" typed as text so
// that it is not 1.1, and whole-number references.

#[test]
fn references_stored_as_numbers_keep_their_printed_form() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
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
    let refs: [(Option<f64>, &str); 5] = [
        (Some(1.1), ""),
        (Some(1.2), ""),
        (Some(1.9), ""),
        (None, "1.10"),
        (Some(2.0), ""),
    ];
    for (r, (n, text)) in refs.iter().enumerate() {
        let row = u32::try_from(r + 1).expect("row");
        match n {
            Some(n) => number(sheet, row, 0, *n),
            None => {
                sheet.write_string(row, 0, *text).expect("write");
            }
        }
        let rec = format!("Recommendation number {} of the review", r + 1);
        let action = format!("Action for recommendation number {}", r + 1);
        rows(
            sheet,
            row,
            &[&[
                "",
                &rec,
                &action,
                "Head of Early Help",
                "June 2026",
                "Green",
            ]],
        );
    }
    let file = save(&mut book, ws.path(), "numbers.xlsx");
    let out = import(ws.path(), &file, "numbers", &[]);
    let items = items(ws.path(), "numbers");
    assert_eq!(
        ids(&items),
        [
            "numbers/1.1a",
            "numbers/1.2a",
            "numbers/1.9a",
            "numbers/1.10a",
            "numbers/2a"
        ],
        "{out}"
    );
    let recs = recommendations(ws.path(), "numbers");
    assert_eq!(
        field(&recs, "ref"),
        ["1.1", "1.2", "1.9", "1.10", "2"],
        "{out}"
    );
}

// 13. An OpenDocument spreadsheet, as LibreOffice saves it: a title spanned across
// the row, headings spanned across the row, a date cell, a number reference, two
// paragraphs in one cell, repeated empty rows, and a key below the table.

enum Cell<'a> {
    Text(&'a str),
    Float(f64),
    Date(&'a str, &'a str),
    Span(&'a str, usize),
    Empty(usize),
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn ods_cell(cell: &Cell) -> String {
    let paragraphs = |t: &str| {
        t.split('\n')
            .map(|p| format!("<text:p>{}</text:p>", escape(p)))
            .collect::<String>()
    };
    match cell {
        Cell::Text(t) => format!(
            "<table:table-cell office:value-type=\"string\">{}</table:table-cell>",
            paragraphs(t)
        ),
        Cell::Float(f) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{f}\"><text:p>{f}</text:p></table:table-cell>"
        ),
        Cell::Date(iso, shown) => format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{iso}\"><text:p>{shown}</text:p></table:table-cell>"
        ),
        Cell::Span(t, n) => format!(
            "<table:table-cell table:number-columns-spanned=\"{n}\" office:value-type=\"string\">{}</table:table-cell><table:covered-table-cell table:number-columns-repeated=\"{}\"/>",
            paragraphs(t),
            n - 1
        ),
        Cell::Empty(n) => format!("<table:table-cell table:number-columns-repeated=\"{n}\"/>"),
    }
}

/// A minimal valid .ods: the mimetype stored first and uncompressed, a manifest, and
/// content.xml with one table:table.
fn ods(ws: &Path, name: &str, sheet: &str, table: &[Vec<Cell>]) -> String {
    let mut body = String::new();
    for row in table {
        if row.is_empty() {
            body.push_str("<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"7\"/></table:table-row>");
            continue;
        }
        body.push_str("<table:table-row>");
        for c in row {
            body.push_str(&ods_cell(c));
        }
        body.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">\
<office:body><office:spreadsheet><table:table table:name=\"{}\">\
<table:table-column table:number-columns-repeated=\"7\"/>{body}</table:table>\
</office:spreadsheet></office:body></office:document-content>",
        escape(sheet)
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let path = ws.join(name);
    let file = std::fs::File::create(&path).expect("create ods");
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("manifest");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.start_file("content.xml", deflated).expect("content");
    zip.write_all(content.as_bytes()).expect("write");
    zip.finish().expect("finish ods");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn a_hand_built_ods_written_statement_of_action_is_read() {
    use Cell::*;
    let ws = workspace();
    let table = vec![
        vec![Span(
            "SEND Written Statement of Action: progress to Scrutiny, November 2025",
            7,
        )],
        vec![],
        vec![
            Text("No."),
            Text("What needs to improve"),
            Text("What we will do"),
            Text("Who is responsible"),
            Text("Date for completion"),
            Text("Progress so far"),
            Text("RAG rating"),
        ],
        vec![Span("PRIORITY 1: IDENTIFYING NEEDS EARLY", 7)],
        vec![
            Float(1.0),
            Text("Needs are identified early in the early years"),
            Text(
                "1. Train every early years setting in the graduated approach\n2. Add a SEND question to the two-year check",
            ),
            Text("Early Years SEND Lead\nHealth Visiting Manager"),
            Date("2025-12-31", "31/12/2025"),
            Text("Training delivered to 42 of 60 settings"),
            Text("Green"),
        ],
        vec![
            Float(2.0),
            Text("Health advice for EHC needs assessments arrives on time"),
            Text("Monthly timeliness report from the Designated Clinical Officer"),
            Text("Designated Clinical Officer"),
            Date("2026-03-31", "31/03/2026"),
            Empty(1),
            Text("Amber"),
        ],
        vec![Span("PRIORITY 2: PREPARING FOR ADULTHOOD", 7)],
        vec![
            Float(3.0),
            Text("Young people have a transition plan from Year 9"),
            Text("Transition planning added to every Year 9 annual review"),
            Text("Head of SEND"),
            Date("2026-07-31", "31/07/2026"),
            Text("Template drafted"),
            Text("Red"),
        ],
        vec![],
        vec![Text(
            "Key: Green = on track; Amber = some risk to delivery; Red = off track",
        )],
    ];
    let file = ods(ws.path(), "wsoa.ods", "WSoA", &table);
    let out = import(ws.path(), &file, "wsoa-2025", &[]);
    // The title, three empty rows (stored as one repeated row), then the header.
    assert!(out.contains("sheet \"WSoA\"; header row at row 5"), "{out}");
    for (header, f) in [
        ("No.", "ref"),
        ("What needs to improve", "recommendation"),
        ("What we will do", "action"),
        ("Who is responsible", "owner"),
        ("Date for completion", "timescale"),
        ("Progress so far", "progress"),
        ("RAG rating", "status"),
    ] {
        assert!(maps(&out, header, f), "{header} -> {f}: {out}");
    }
    let items = items(ws.path(), "wsoa-2025");
    assert_eq!(
        ids(&items),
        [
            "wsoa-2025/1a",
            "wsoa-2025/1b",
            "wsoa-2025/2a",
            "wsoa-2025/3a"
        ],
        "{out}"
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2025-12-31", "2025-12-31", "2026-03-31", "2026-07-31"]
    );
    assert_eq!(
        strings(&items[1]["owners_as_printed"]),
        ["Health Visiting Manager"]
    );
    assert_eq!(
        field(&items, "status"),
        ["on-track", "on-track", "at-risk", "off-track"]
    );
    let recs = recommendations(ws.path(), "wsoa-2025");
    assert_eq!(
        field(&recs, "heading"),
        [
            "PRIORITY 1: IDENTIFYING NEEDS EARLY",
            "PRIORITY 1: IDENTIFYING NEEDS EARLY",
            "PRIORITY 2: PREPARING FOR ADULTHOOD"
        ]
    );
    let notes = report_json(ws.path(), "wsoa-2025")["notes"].to_string();
    assert!(notes.contains("Key: Green = on track"), "{notes}\n{out}");
    assert!(history(ws.path(), "wsoa-2025/1a").contains("Training delivered to 42 of 60 settings"));
}

// 14. A CSV saved with semicolons and Windows line endings, line breaks inside quoted
// cells, an "Evidence" column, a cell holding only spaces, and a key below.

#[test]
fn a_semicolon_csv_with_windows_line_endings_is_read() {
    let ws = workspace();
    let text = "Housing Scrutiny Committee, Tenant Engagement Review;;;;;;\r\n\
;;;;;;\r\n\
Recommendation No.;Recommendation;Action;Officer Responsible;Completion Date;Status;Evidence\r\n\
TE1;Tenants can take part in scrutiny of the housing service;\"1. Set up a tenant scrutiny panel\r\n2. Publish the panel's minutes online\";\"Tenant Engagement Manager\r\nHead of Housing Management\";\"30/09/2025\r\n31/12/2025\";Complete;\"Panel launched 1 September; minutes online\"\r\n\
TE2;Complaints data is shared with tenants;Quarterly complaints report in the tenants' newsletter;Complaints Manager;March 2026;   ;\r\n\
TE3;Tenants' views shape the repairs contract;Tenant representatives on the procurement panel;Head of Repairs;June 2026;On track;Two tenants appointed\r\n\
;;;;;;\r\n\
\"Key: Complete = delivered; On track = progressing to plan\";;;;;;\r\n";
    let file = write_file(ws.path(), "tenants.csv", text.as_bytes());
    let out = import(ws.path(), &file, "tenants", &[]);
    let items = items(ws.path(), "tenants");
    assert_eq!(
        ids(&items),
        [
            "tenants/TE1a",
            "tenants/TE1b",
            "tenants/TE2a",
            "tenants/TE3a"
        ],
        "{out}"
    );
    assert_eq!(items[1]["text"], "2. Publish the panel's minutes online");
    assert_eq!(
        strings(&items[1]["owners_as_printed"]),
        ["Head of Housing Management"]
    );
    assert_eq!(
        field(&items, "deadline"),
        ["2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30"]
    );
    assert_eq!(field(&items, "status")[0], "complete");
    assert_eq!(field(&items, "status")[3], "on-track");
    assert!(!out.contains("is not one scrutineer knows"), "{out}");
    assert!(
        items
            .iter()
            .all(|i| !i["text"].as_str().unwrap_or_default().contains('\r')),
        "{items:?}"
    );
    assert!(
        history(ws.path(), "tenants/TE3a").contains("Two tenants appointed"),
        "{out}"
    );
    nothing_lost(
        ws.path(),
        "tenants",
        &[
            "Housing Scrutiny Committee, Tenant Engagement Review",
            "Panel launched 1 September; minutes online",
            "Key: Complete = delivered; On track = progressing to plan",
        ],
    );
}

// 14b. Places in a CSV saved with Windows line endings are the lines a clerk sees.

#[test]
fn places_in_a_windows_csv_are_the_lines_a_clerk_sees() {
    let ws = workspace();
    let text = "Housing Scrutiny Committee: tenant engagement review;;;\r\n\
Updated for the meeting on 3 December 2025;;;\r\n\
Ref;Action;Officer Responsible;Status\r\n\
TE1;Set up a tenant scrutiny panel;Tenant Engagement Manager;Complete\r\n\
TE2;Publish the panel's minutes online;Tenant Engagement Manager;Awaiting web team\r\n";
    let file = write_file(ws.path(), "places.csv", text.as_bytes());
    let out = import(ws.path(), &file, "places", &[]);
    assert!(out.contains("header row at line 3"), "{out}");
    assert!(
        out.contains("line 5: status `Awaiting web team` is not one scrutineer knows"),
        "{out}"
    );
}

// 14c. A semicolon CSV whose title line has no semicolons (typed in by hand, or
// exported by a system that does not pad rows).

#[test]
fn a_semicolon_csv_under_a_title_line_without_semicolons_is_read() {
    let ws = workspace();
    let text = "Housing Scrutiny Committee: tenant engagement review\r\n\
Ref;Action;Officer Responsible;Completion Date;Status\r\n\
TE1;Set up a tenant scrutiny panel, with training for members;Tenant Engagement Manager;30/09/2025;Complete\r\n\
TE2;Publish the panel's minutes online;Tenant Engagement Manager;31/12/2025;On track\r\n";
    let file = write_file(ws.path(), "title-line.csv", text.as_bytes());
    let out = import(ws.path(), &file, "title-line", &[]);
    let items = items(ws.path(), "title-line");
    assert_eq!(ids(&items), ["title-line/TE1a", "title-line/TE2a"], "{out}");
    assert_eq!(
        items[0]["text"],
        "Set up a tenant scrutiny panel, with training for members"
    );
    assert_eq!(field(&items, "status"), ["complete", "on-track"]);
}

// 15. Very long cells, cells holding only spaces, and an empty spacer column with no
// header, hidden.

#[test]
fn long_cells_whitespace_cells_and_an_empty_hidden_column() {
    let ws = workspace();
    let long_rec = format!(
        "That the Executive ensures that the reablement service is commissioned so that {} and that the committee receives a report on progress within twelve months.",
        "people leaving hospital receive support at home within 48 hours, including at weekends and on bank holidays, with a named worker, a written plan agreed with them and their carers, and a review within six weeks; "
            .repeat(12)
    );
    let long_action = "Review the reablement specification with the Integrated Care Board.\nAgree interim capacity for winter.\n".repeat(20);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Reablement").expect("name");
    sheet.set_column_hidden(2).expect("hide");
    rows(
        sheet,
        0,
        &[
            &[
                "Rec No.",
                "Recommendation",
                "",
                "Agreed action",
                "Lead Officer",
                "Target Date",
                "Status",
            ],
            &[
                "1",
                &long_rec,
                "",
                &long_action,
                "Head of Reablement",
                "March 2026",
                "Amber",
            ],
            &[
                "2",
                "Carers are offered a break within a month of asking",
                "",
                "Commission additional respite beds",
                "  ",
                "June 2026",
                "   ",
            ],
        ],
    );
    let file = save(&mut book, ws.path(), "reablement.xlsx");
    let out = import(ws.path(), &file, "reablement", &[]);
    assert!(!out.contains("is not one scrutineer knows"), "{out}");
    let items = items(ws.path(), "reablement");
    assert_eq!(ids(&items), ["reablement/1a", "reablement/2a"], "{out}");
    assert_eq!(items[0]["text"], long_action.trim());
    let recs = recommendations(ws.path(), "reablement");
    assert_eq!(recs[0]["text"], long_rec.as_str());
    assert!(strings(&items[1]["owners_as_printed"]).is_empty());
    assert!(
        items[1]["imported"].as_array().is_none_or(|a| a.is_empty()),
        "{:?}",
        items[1]
    );
    assert_eq!(field(&items, "status")[0], "at-risk");
}

// 16. A current and a previous RAG side by side: the current one is the status.

#[test]
fn a_previous_rag_column_does_not_override_the_current_rag() {
    let ws = workspace();
    let text = "Ref,Action,Lead Officer,Target Date,Current RAG,Previous RAG\n\
        CS1,Recruit a permanent Head of Service for Children's Social Care,Director of Children's Services,December 2025,Green,Red\n\
        CS2,Reduce caseloads in the assessment teams to 18,Head of Assessment,March 2026,Amber,Green\n";
    let file = write_file(ws.path(), "current-rag.csv", text.as_bytes());
    let out = import(ws.path(), &file, "current-rag", &[]);
    let items = items(ws.path(), "current-rag");
    assert_eq!(field(&items, "status"), ["on-track", "at-risk"], "{out}");
    assert_eq!(kept(&items[0], "Previous RAG").map(|c| c.1), Some("Red"));
}

// 17. A RAG key laid out as a small table under the tracker, and a "last updated" line.

#[test]
fn a_rag_key_table_below_the_tracker_is_not_items() {
    let ws = workspace();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Tracker").expect("name");
    let table: &[&[&str]] = &[
        &[
            "Ref",
            "Recommendation",
            "Action",
            "Lead Officer",
            "Target Date",
            "RAG",
        ],
        &[
            "CL1",
            "Care leavers are exempt from council tax until 25",
            "Cabinet report on extending the exemption",
            "Head of Revenues",
            "January 2026",
            "Green",
        ],
        &[
            "CL2",
            "Care leavers have priority for social housing",
            "Amend the allocations policy",
            "Head of Housing Options",
            "April 2026",
            "Amber",
        ],
        &[],
        &["Key"],
        &["Blue", "Complete"],
        &["Green", "On track"],
        &["Amber", "Some slippage, recoverable"],
        &["Red", "Off track, needs the committee's attention"],
        &["Last updated: 14 November 2025"],
    ];
    rows(sheet, 0, table);
    let file = save(&mut book, ws.path(), "care-leavers.xlsx");
    let out = import(ws.path(), &file, "care-leavers", &[]);
    let items = items(ws.path(), "care-leavers");
    assert_eq!(
        ids(&items),
        ["care-leavers/CL1a", "care-leavers/CL2a"],
        "the key is not a list of recommendations: {out}"
    );
    assert_eq!(recommendations(ws.path(), "care-leavers").len(), 2, "{out}");
    nothing_lost(ws.path(), "care-leavers", &all_cells(&table[1..]));
}

// 18. A scrutiny task-and-finish review's tracker with closing words: status words
// scrutineer does not know are kept as printed and warned, never refused.

#[test]
fn closing_and_unknown_status_words_are_kept_not_refused() {
    let ws = workspace();
    let text = "Recommendation No.,Recommendation,Officer Responsible,Timescale,Status\n\
        1,The council adopts a Fuel Poverty Strategy,Head of Climate Action,March 2025,Superseded by the Housing Strategy 2026\n\
        2,Every council home has an energy performance certificate,Head of Asset Management,March 2026,Awaiting funding decision\n\
        3,Residents are signposted to the Warm Homes grant,Head of Customer Services,September 2025,Closed\n\
        4,The committee reviews progress in a year,Scrutiny Officer,November 2025,Complete (evidence provided)\n";
    let file = write_file(ws.path(), "fuel-poverty.csv", text.as_bytes());
    let out = import(ws.path(), &file, "fuel-poverty", &[]);
    let items = items(ws.path(), "fuel-poverty");
    assert_eq!(items.len(), 4, "{out}");
    assert_eq!(
        field(&items, "status")[2..],
        ["signed-off", "complete"],
        "{out}"
    );
    for (i, word) in [
        (0, "Superseded by the Housing Strategy 2026"),
        (1, "Awaiting funding decision"),
    ] {
        assert!(
            out.contains(&format!("status `{word}` is not one scrutineer knows")),
            "{out}"
        );
        assert_eq!(
            kept(&items[i], "Status"),
            Some(("status", word)),
            "{:?}",
            items[i]
        );
    }
}

// 19. "Cabinet Member Response": the executive's response, not the portfolio holder.

#[test]
fn a_cabinet_member_response_column_is_the_response() {
    let ws = workspace();
    let text = "Recommendation No.,Recommendation,Cabinet Member Response,Officer Responsible,Timescale\n\
        1,Bus shelters on every route serving a hospital,Accepted. Funded from the Bus Service Improvement Plan,Head of Transport,March 2026\n\
        2,Free bus travel for carers,Not accepted: the cost is not affordable this year,Head of Transport,\n\
        3,Real-time information at the 50 busiest stops,Partially accepted: 25 stops in 2026,Head of Transport,December 2026\n";
    let file = write_file(ws.path(), "buses.csv", text.as_bytes());
    let out = import(ws.path(), &file, "buses", &[]);
    assert!(maps(&out, "Cabinet Member Response", "response"), "{out}");
    assert!(out.contains("3 response(s)"), "{out}");
}

// 20. A SEND Written Statement of Action headed "Area of significant weakness": the
// weaknesses are what the actions answer, not headings.

#[test]
fn an_area_of_significant_weakness_column_is_the_recommendation() {
    let ws = workspace();
    let text = "Ref,Area of significant weakness,Action,Lead,Target date,RAG\n\
        W1,The timeliness of EHC plans,Recruit three EHC coordinators,Head of SEND,January 2026,Amber\n\
        W1,The timeliness of EHC plans,Weekly SEND panel decisions,Head of SEND,November 2025,Green\n\
        W2,Parents' confidence in the local offer,Co-produce a new local offer website with parent carers,Parent Carer Forum Chair,May 2026,Green\n";
    let file = write_file(ws.path(), "weakness.csv", text.as_bytes());
    let out = import(ws.path(), &file, "weakness", &[]);
    assert!(
        maps(&out, "Area of significant weakness", "recommendation"),
        "{out}"
    );
    let recs = recommendations(ws.path(), "weakness");
    assert_eq!(
        field(&recs, "text"),
        [
            "The timeliness of EHC plans",
            "Parents' confidence in the local offer"
        ],
        "{out}"
    );
    let items = items(ws.path(), "weakness");
    assert_eq!(
        ids(&items),
        ["weakness/W1a", "weakness/W1b", "weakness/W2a"],
        "{out}"
    );
}

// An Excel 97-2003 workbook (.xls), as older councils still send them: a cover sheet,
// then the plan, with a recommendation and its lead officer merged down over two rows.
#[test]
fn an_old_excel_workbook_is_read_with_its_merged_cells() {
    use common::sheets::{XlsSheet, xls};
    let ws = workspace();
    let bytes = xls(&[
        XlsSheet {
            name: "Cover",
            cells: &[(0, 0, "Ofsted improvement plan")],
            merged: &[],
        },
        XlsSheet {
            name: "Action Plan",
            cells: &[
                (0, 0, "Ref"),
                (0, 1, "Recommendation"),
                (0, 2, "Action"),
                (0, 3, "Lead officer"),
                (0, 4, "Target date"),
                (1, 0, "1"),
                (1, 1, "Reduce social work caseloads"),
                (1, 2, "Recruit four social workers"),
                (1, 3, "Head of Safeguarding"),
                (1, 4, "March 2014"),
                (2, 2, "Review caseloads monthly"),
                (2, 4, "Ongoing"),
            ],
            merged: &[(1, 2, 0, 0), (1, 2, 1, 1), (1, 2, 3, 3)],
        },
    ]);
    let file = write_file(ws.path(), "plan.xls", &bytes);
    let out = import(ws.path(), &file, "xls-plan", &[]);
    assert!(out.contains("sheet \"Action Plan\""), "{out}");
    let items = items(ws.path(), "xls-plan");
    assert_eq!(ids(&items), ["xls-plan/1a", "xls-plan/1b"], "{out}");
    for item in &items {
        assert_eq!(
            item["owners_as_printed"],
            serde_json::json!(["Head of Safeguarding"]),
            "{out}"
        );
    }
    assert_eq!(items[1]["text"], "Review caseloads monthly");
}
