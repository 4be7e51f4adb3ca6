//! The officers' update round trip, through the real binary: `export --format xlsx`
//! makes each officer's workbook, and `import-updates` applies only what the officer
//! changed. "Officer-filled" files are made here, in code: the export is read back
//! with calamine and written again with rust_xlsxwriter with the officer's cells set.

mod common;

use calamine::{Data, Reader};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

const HEADERS: [&str; 14] = [
    "Item id",
    "Report",
    "Ref",
    "Recommendation",
    "Action",
    "Owner",
    "Timescale (as printed)",
    "Deadline",
    "Last update",
    "Status",
    "Progress update",
    "Revised date",
    "Reason for revised date",
    "Version (do not change)",
];

fn column(header: &str) -> usize {
    HEADERS
        .iter()
        .position(|h| *h == header)
        .expect("a known header")
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Exports the officers' workbook with `extra` arguments into `dir`, and returns its path.
fn export(ws: &Path, dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut args = vec!["export", "--format", "xlsx", "--output"];
    let target = path.to_string_lossy().to_string();
    args.push(&target);
    args.extend_from_slice(extra);
    ok(run(ws, &args));
    path
}

/// A cell as text, dates as ISO dates.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

/// The cells of a sheet of a workbook.
fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto(path).expect("opens the workbook");
    let range = book.worksheet_range(name).expect("has the sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn updates_sheet(path: &Path) -> Vec<Vec<String>> {
    sheet(path, "Updates")
        .iter()
        .map(|r| r.iter().map(text).collect())
        .collect()
}

/// What an officer does to one line: the cells of the officer's columns.
#[derive(Debug, Clone, Default)]
struct Fill {
    status: Option<String>,
    progress: Option<String>,
    revised: Option<String>,
    reason: Option<String>,
}

/// Writes `to`: the exported workbook `from` as an officer sends it back, with `fills`
/// (by item id) in the officer's columns, the revised date as a real date cell, and
/// `title_rows` rows of title above the header.
fn officer_file(from: &Path, to: &Path, fills: &HashMap<String, Fill>, title_rows: u32) {
    let rows = updates_sheet(from);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Updates").expect("names the sheet");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for t in 0..title_rows {
        sheet
            .write_string(t, 0, "Children's services: lead officer's update")
            .expect("writes");
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = r as u32 + title_rows;
        let fill = fills.get(&cells[0]).cloned().unwrap_or_default();
        for (c, value) in cells.iter().enumerate() {
            let header = HEADERS[c];
            let value = match (r, header) {
                (0, _) => Some(value.clone()),
                (_, "Status") => fill.status.clone().or(Some(value.clone())),
                (_, "Progress update") => fill.progress.clone(),
                (_, "Revised date") => fill.revised.clone(),
                (_, "Reason for revised date") => fill.reason.clone(),
                _ => Some(value.clone()),
            };
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            if header == "Revised date"
                && r > 0
                && let Ok(d) = ExcelDateTime::parse_from_str(&value)
            {
                sheet
                    .write_datetime_with_format(row, c as u16, &d, &date)
                    .expect("writes a date");
            } else {
                sheet
                    .write_string(row, c as u16, &value)
                    .expect("writes text");
            }
        }
    }
    book.save(to).expect("saves the officer's file");
}

fn tracking(ws: &Path) -> Vec<u8> {
    std::fs::read(ws.join("tracking.toml")).expect("reads tracking.toml")
}

fn import(ws: &Path, file: &Path, extra: &[&str]) -> Output {
    let path = file.to_string_lossy().to_string();
    let mut args = vec!["import-updates", path.as_str()];
    args.extend_from_slice(extra);
    run(ws, &args)
}

/// The open items (not signed off) `list` gives for `extra` filters.
fn open_ids(ws: &Path, extra: &[&str]) -> Vec<String> {
    let items = list_json(ws, extra);
    let open: Vec<serde_json::Value> = items
        .into_iter()
        .filter(|i| i["status"] != "signed-off")
        .collect();
    ids(&open)
}

fn history_json(ws: &Path, id: &str) -> Vec<serde_json::Value> {
    let out = ok(run(ws, &["history", id, "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&out).expect("history prints JSON");
    value["history"]
        .as_array()
        .cloned()
        .or_else(|| value.as_array().cloned())
        .unwrap_or_default()
}

#[test]
fn the_workbook_has_the_lines_and_locks_all_but_the_officers_columns() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(ws.path(), out.path(), "all.xlsx", &[]);
    let book = calamine::open_workbook_auto(&path).expect("opens");
    assert_eq!(book.sheet_names(), ["Updates", "About"]);
    let rows = updates_sheet(&path);
    assert_eq!(rows[0], HEADERS);
    let exported: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        exported,
        open_ids(ws.path(), &[]),
        "every open line, in report order"
    );
    let items = list_json(ws.path(), &[]);
    let cells = sheet(&path, "Updates");
    for (row, item) in cells[1..].iter().zip(&items) {
        assert_eq!(
            text(&row[column("Status")]),
            item["status"].as_str().unwrap_or("")
        );
        assert_eq!(
            text(&row[column("Report")]),
            item["report"].as_str().unwrap_or("")
        );
        assert_eq!(
            text(&row[column("Timescale (as printed)")]),
            item["timescale"].as_str().unwrap_or("")
        );
        match item["current_deadline"].as_str() {
            Some(due) => {
                assert!(
                    matches!(row[column("Deadline")], Data::DateTime(_)),
                    "a real date: {:?}",
                    row[column("Deadline")]
                );
                assert_eq!(text(&row[column("Deadline")]), due);
            }
            None => assert!(matches!(row[column("Deadline")], Data::String(_))),
        }
        for officer in ["Progress update", "Revised date", "Reason for revised date"] {
            assert_eq!(text(&row[column(officer)]), "", "{officer} starts empty");
        }
        assert!(text(&row[column("Version (do not change)")]).starts_with("history=0;"));
    }
    // Only the officer's columns are unlocked; the revised date is formatted as a date.
    let mut xlsx: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens as xlsx");
    let styles = xlsx.worksheet_style("Updates").expect("styles");
    let locked = |c: usize| {
        styles
            .get((1, c as u32))
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    };
    for (c, header) in HEADERS.iter().enumerate() {
        let officers = matches!(
            *header,
            "Status" | "Progress update" | "Revised date" | "Reason for revised date"
        );
        assert_eq!(locked(c), !officers, "{header}");
    }
    // The sheet is protected, and an officer may still filter it to their own lines.
    let xml = zip_xml(&std::fs::read(&path).expect("opens"))
        .remove("xl/worksheets/sheet1.xml")
        .expect("the Updates sheet");
    let protection = xml
        .split("<sheetProtection ")
        .nth(1)
        .and_then(|rest| rest.split("/>").next())
        .unwrap_or_default();
    assert!(protection.contains("sheet=\"1\""), "{protection}");
    assert!(
        protection.contains("autoFilter=\"0\""),
        "filtering allowed: {protection}"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A1:"),
        "the header row filters"
    );
    let revised = styles
        .get((1, column("Revised date") as u32))
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone())
        .unwrap_or_default();
    assert!(revised.contains("yyyy"), "{revised}");
    let about: Vec<String> = sheet(&path, "About")
        .iter()
        .flat_map(|r| r.iter().map(text))
        .collect();
    let about = about.join("\n");
    assert!(
        about.contains("all owners")
            && about.contains(&format!(
                "Exported by\n{}",
                scrutineer::workspace::login_name()
            )),
        "{about}"
    );
    assert!(about.contains("import-updates"), "{about}");
    // How to fill it in: every step, numbered, one to a row.
    let steps: Vec<&str> = about
        .lines()
        .filter(|l| l.len() > 3 && l.as_bytes()[0].is_ascii_digit() && &l[1..3] == ". ")
        .collect();
    assert_eq!(steps.len(), 6, "{about}");
    for (n, step) in steps.iter().enumerate() {
        assert!(step.starts_with(&format!("{}. ", n + 1)), "{about}");
    }
    assert!(
        steps[0].contains("change only the shaded columns"),
        "{about}"
    );
}

#[test]
fn an_unchanged_workbook_applies_nothing() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "all.xlsx",
        &["--report", "leicester-2003"],
    );
    let before = tracking(ws.path());
    let said = ok(import(ws.path(), &path, &[]));
    assert!(said.contains(" 0 edit(s) applied"), "{said}");
    assert!(said.contains("0 conflict(s), 0 problem(s)"), "{said}");
    assert_eq!(tracking(ws.path()), before, "nothing written");
}

#[test]
fn any_report_and_owner_round_trips_unchanged() {
    let ws = workspace();
    let reports: Vec<String> = list_json(ws.path(), &[])
        .iter()
        .filter_map(|i| i["report"].as_str().map(str::to_string))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let owners = vec!["KS", "M FitzG", "AJ", "KB-D", "M Frith"];
    let before = tracking(ws.path());
    let mut runner = TestRunner::new(Config {
        cases: 6,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        proptest::option::of(proptest::sample::select(reports)),
        proptest::option::of(proptest::sample::select(owners)),
    );
    runner
        .run(&strategy, |(report, owner)| {
            let mut extra = Vec::new();
            if let Some(r) = &report {
                extra.extend(["--report", r.as_str()]);
            }
            if let Some(o) = owner {
                extra.extend(["--owner", o]);
            }
            if open_ids(ws.path(), &extra).is_empty() {
                return Ok(());
            }
            let out = tempfile::tempdir().expect("temp dir");
            let path = export(ws.path(), out.path(), "lines.xlsx", &extra);
            let said = import(ws.path(), &path, &[]);
            prop_assert!(said.status.success(), "{}", stderr(&said));
            prop_assert!(
                stdout(&said).contains(" 0 edit(s) applied"),
                "{}",
                stdout(&said)
            );
            prop_assert_eq!(tracking(ws.path()), before.clone());
            Ok(())
        })
        .expect("round trips");
}

#[test]
fn a_status_a_note_and_a_revision_apply_and_show_in_the_history() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "tracker-KS.xlsx",
        &["--report", "leicester-2003"],
    );
    let fills = HashMap::from([
        (
            "leicester-2003/2.4a".to_string(),
            Fill {
                status: Some("Amber".to_string()),
                ..Fill::default()
            },
        ),
        (
            "leicester-2003/3.3a".to_string(),
            Fill {
                progress: Some("Task and finish group met; report in January".to_string()),
                ..Fill::default()
            },
        ),
        (
            "leicester-2003/2.6d".to_string(),
            Fill {
                revised: Some("2027-03-31".to_string()),
                reason: Some("carers' survey moved to spring".to_string()),
                ..Fill::default()
            },
        ),
    ]);
    let filled = out.path().join("tracker-KS.xlsx");
    officer_file(&path, &filled, &fills, 2);
    let said = ok(import(ws.path(), &filled, &[]));
    assert!(
        said.contains("3 edit(s) applied (1 status, 1 note, 1 revised deadline)"),
        "{said}"
    );
    let history = ok(run(ws.path(), &["history", "leicester-2003/2.4a"]));
    assert!(
        history.contains(&format!(
            "{} status not-started -> at-risk: from officer update tracker-KS.xlsx",
            shown_as("clerk")
        )),
        "{history}"
    );
    let history = ok(run(ws.path(), &["history", "leicester-2003/3.3a"]));
    assert!(
        history.contains(
            "from officer update tracker-KS.xlsx: Task and finish group met; report in January"
        ),
        "{history}"
    );
    let history = ok(run(ws.path(), &["history", "leicester-2003/2.6d"]));
    assert!(
        history.contains(
            "2027-03-31: from officer update tracker-KS.xlsx: carers' survey moved to spring"
        ),
        "{history}"
    );
    // Nothing else changed: one history entry each, and no other item has any.
    let changed: Vec<String> = list_json(ws.path(), &[])
        .iter()
        .filter(|i| i["status"] != "not-started" || !i["revised_deadline"].is_null())
        .filter_map(|i| i["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(changed, ["leicester-2003/2.4a", "leicester-2003/2.6d"]);
    // The same file again changes nothing more.
    let before = tracking(ws.path());
    let again = ok(import(ws.path(), &filled, &[]));
    assert!(again.contains("3 already applied"), "{again}");
    assert_eq!(tracking(ws.path()), before);
}

#[test]
fn a_revised_date_without_a_reason_is_refused_for_that_row_only() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "lines.xlsx",
        &["--report", "leicester-2003"],
    );
    let fills = HashMap::from([
        (
            "leicester-2003/2.6d".to_string(),
            Fill {
                revised: Some("2027-03-31".to_string()),
                progress: Some("survey late".to_string()),
                ..Fill::default()
            },
        ),
        (
            "leicester-2003/2.4a".to_string(),
            Fill {
                status: Some("complete".to_string()),
                ..Fill::default()
            },
        ),
    ]);
    let filled = out.path().join("filled.xlsx");
    officer_file(&path, &filled, &fills, 0);
    let said = import(ws.path(), &filled, &[]);
    assert_eq!(said.status.code(), Some(1), "{}", stderr(&said));
    let text = stdout(&said);
    let row = updates_sheet(&path)
        .iter()
        .position(|r| r[0] == "leicester-2003/2.6d")
        .expect("exported")
        + 1;
    assert!(
        text.contains(&format!("sheet \"Updates\", row {row}: leicester-2003/2.6d: the revised date 2027-03-31 has no reason")),
        "{text}"
    );
    assert!(text.contains("1 edit(s) applied (1 status)"), "{text}");
    assert!(
        stderr(&said).contains("the other edits were applied"),
        "{}",
        stderr(&said)
    );
    let items = list_json(ws.path(), &["--report", "leicester-2003"]);
    let find = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(find("leicester-2003/2.4a")["status"], "complete");
    assert!(find("leicester-2003/2.6d")["revised_deadline"].is_null());
    assert!(
        history_json(ws.path(), "leicester-2003/2.6d").is_empty(),
        "nothing of the row"
    );
}

#[test]
fn an_item_changed_after_the_export_is_a_conflict_and_not_applied() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "lines.xlsx",
        &["--report", "leicester-2003"],
    );
    ok(run(
        ws.path(),
        &[
            "status",
            "leicester-2003/2.4a",
            "off-track",
            "--note",
            "budget cut",
        ],
    ));
    let fills = HashMap::from([
        (
            "leicester-2003/2.4a".to_string(),
            Fill {
                status: Some("on-track".to_string()),
                ..Fill::default()
            },
        ),
        (
            "leicester-2003/3.3a".to_string(),
            Fill {
                status: Some("Green".to_string()),
                ..Fill::default()
            },
        ),
    ]);
    let filled = out.path().join("filled.xlsx");
    officer_file(&path, &filled, &fills, 0);
    let said = import(ws.path(), &filled, &[]);
    assert_eq!(said.status.code(), Some(1));
    let text = stdout(&said);
    assert!(text.contains("1 conflict(s)"), "{text}");
    assert!(
        text.contains("leicester-2003/2.4a (the officer's: status not-started -> on-track)"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{} status not-started -> off-track: budget cut",
            shown_as("clerk")
        )),
        "{text}"
    );
    let items = list_json(ws.path(), &["--report", "leicester-2003"]);
    let status = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["status"].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        status("leicester-2003/2.4a"),
        "off-track",
        "the clerk's change stands"
    );
    assert_eq!(
        status("leicester-2003/3.3a"),
        "on-track",
        "the rest is applied"
    );
}

#[test]
fn a_dry_run_writes_nothing_and_shows_the_same_edits() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "lines.xlsx",
        &["--report", "oxfordshire-2005"],
    );
    let ids = updates_sheet(&path);
    let fills: HashMap<String, Fill> = ids[1..]
        .iter()
        .take(3)
        .map(|r| {
            (
                r[0].clone(),
                Fill {
                    status: Some("Red".to_string()),
                    progress: Some(format!("update on {}", r[0])),
                    ..Fill::default()
                },
            )
        })
        .collect();
    let filled = out.path().join("filled.xlsx");
    officer_file(&path, &filled, &fills, 0);
    let before = tracking(ws.path());
    let dry = ok(import(ws.path(), &filled, &["--dry-run"]));
    assert_eq!(tracking(ws.path()), before, "a dry run writes nothing");
    assert!(dry.contains("Dry run: nothing was written."), "{dry}");
    assert!(
        dry.contains("6 edit(s) to apply (3 status, 3 note)"),
        "{dry}"
    );
    let real = ok(import(ws.path(), &filled, &[]));
    assert_ne!(tracking(ws.path()), before);
    let table = |text: &str| -> Vec<String> {
        text.lines()
            .skip(1)
            .take_while(|l| l.starts_with("where") || l.starts_with("sheet"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(table(&dry).len(), 7, "{dry}");
    assert_eq!(table(&dry), table(&real), "the same edits");
}

#[test]
fn owner_gives_only_that_owners_lines() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    for owner in ["KS", "M FitzG", "kbd"] {
        let path = export(ws.path(), out.path(), "owner.xlsx", &["--owner", owner]);
        let exported: Vec<String> = updates_sheet(&path)[1..]
            .iter()
            .map(|r| r[0].clone())
            .collect();
        assert!(!exported.is_empty(), "{owner} has lines");
        assert_eq!(
            exported,
            open_ids(ws.path(), &["--owner", owner]),
            "{owner}"
        );
        let about: Vec<String> = sheet(&path, "About")
            .iter()
            .flat_map(|r| r.iter().map(text))
            .collect();
        assert!(
            about
                .iter()
                .any(|c| c.contains(&format!("asked for: {owner}"))),
            "{about:?}"
        );
    }
    let never = out.path().join("nobody.xlsx").to_string_lossy().to_string();
    let nobody = run(
        ws.path(),
        &[
            "export",
            "--format",
            "xlsx",
            "--output",
            &never,
            "--owner",
            "Nobody At All",
        ],
    );
    assert_eq!(nobody.status.code(), Some(2));
    assert!(!out.path().join("nobody.xlsx").exists(), "nothing written");
    assert!(
        stderr(&nobody).contains("no owner matches"),
        "{}",
        stderr(&nobody)
    );
}

#[test]
fn an_officer_file_saved_as_csv_is_read_too() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(
        ws.path(),
        out.path(),
        "lines.xlsx",
        &["--report", "dudley-2010"],
    );
    let rows = updates_sheet(&path);
    let mut csv = String::from("Lead officer update,,\n");
    for (r, cells) in rows.iter().enumerate() {
        let mut cells = cells.clone();
        if r == 1 {
            cells[column("Status")] = "at risk".to_string();
            cells[column("Revised date")] = "30 Jun 2027".to_string();
            cells[column("Reason for revised date")] = "waiting for the new structure".to_string();
        }
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        csv.push_str(&quoted.join(","));
        csv.push('\n');
    }
    let file = out.path().join("back.csv");
    std::fs::write(&file, csv).expect("writes");
    let said = ok(import(ws.path(), &file, &[]));
    assert!(
        said.contains("2 edit(s) applied (1 status, 1 revised deadline)"),
        "{said}"
    );
    assert!(said.contains("line 3"), "{said}");
    let item = &list_json(ws.path(), &["--report", "dudley-2010"])[0];
    assert_eq!(item["status"], "at-risk");
    assert_eq!(item["current_deadline"], "2027-06-30");
}

#[test]
fn unknown_ids_are_reported_and_unreadable_files_refused() {
    let ws = workspace();
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("odd.csv");
    std::fs::write(
        &file,
        "Item id,Status,Progress update\nleicester-2003/9.9z,Green,\nleicester-2003/2.4a,,Started\n,,\n",
    )
    .expect("writes");
    let said = import(ws.path(), &file, &[]);
    assert_eq!(said.status.code(), Some(1));
    let text = stdout(&said);
    assert!(text.contains("line 2: leicester-2003/9.9z"), "{text}");
    assert!(
        text.contains("2 row(s) read, 1 edit(s) applied (1 note)"),
        "{text}"
    );
    assert!(
        stderr(&said).contains("no version column"),
        "{}",
        stderr(&said)
    );

    let junk = out.path().join("junk.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a workbook").expect("writes");
    assert_eq!(import(ws.path(), &junk, &[]).status.code(), Some(2));
    let other = out.path().join("other.csv");
    std::fs::write(&other, "Ref,Action\n1,Do it\n").expect("writes");
    let said = import(ws.path(), &other, &[]);
    assert_eq!(said.status.code(), Some(2));
    assert!(stderr(&said).contains("Item id"), "{}", stderr(&said));
    let missing = import(ws.path(), &out.path().join("missing.xlsx"), &[]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_workbook_goes_to_stdout_when_it_is_not_a_terminal() {
    let ws = workspace();
    let said = run(ws.path(), &["export", "--format", "xlsx", "--owner", "KS"]);
    assert!(said.status.success(), "{}", stderr(&said));
    assert!(said.stdout.starts_with(b"PK\x03\x04"), "an xlsx file");
    let csv = ok(run(ws.path(), &["export", "--owner", "KS"]));
    assert!(csv.starts_with("Report,Ref,Recommendation"), "{csv}");
    let rows = csv.lines().count() - 1;
    assert_eq!(rows, open_ids(ws.path(), &["--owner", "KS"]).len());
}

/// One officer's edit to a line, as proptest makes them.
#[derive(Debug, Clone)]
struct Edit {
    line: usize,
    status: Option<&'static str>,
    note: Option<String>,
    revised: Option<(u32, u32)>,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let status = proptest::option::of(proptest::sample::select(vec![
        "not-started",
        "on-track",
        "at-risk",
        "off-track",
        "complete",
        "Green",
        "AMBER",
    ]));
    let note = proptest::option::of("[A-Za-z][A-Za-z ,.]{0,30}");
    let revised = proptest::option::of((1u32..=12, 1u32..=28));
    prop::collection::vec((0usize..40, status, note, revised), 0..6).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        v.into_iter()
            .filter(|(line, ..)| seen.insert(*line))
            .map(|(line, status, note, revised)| Edit {
                line,
                status,
                note,
                revised,
            })
            .collect()
    })
}

fn status_name(word: &str) -> &'static str {
    match word {
        "Green" => "on-track",
        "AMBER" => "at-risk",
        "not-started" => "not-started",
        "on-track" => "on-track",
        "at-risk" => "at-risk",
        "off-track" => "off-track",
        _ => "complete",
    }
}

#[test]
fn any_edits_to_the_officers_columns_apply_exactly_those_edits() {
    let mut runner = TestRunner::new(Config {
        cases: 5,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&edits(), |edits| {
            let ws = workspace();
            let out = tempfile::tempdir().expect("temp dir");
            let path = export(
                ws.path(),
                out.path(),
                "lines.xlsx",
                &["--report", "leicester-2003"],
            );
            let lines: Vec<Vec<String>> = updates_sheet(&path)[1..].to_vec();
            let mut fills = HashMap::new();
            let mut expected: Vec<(String, &'static str, Option<String>, Option<String>)> =
                Vec::new();
            for e in &edits {
                let line = &lines[e.line % lines.len()];
                let id = line[0].clone();
                if fills.contains_key(&id) {
                    continue;
                }
                let revised = e.revised.map(|(m, d)| format!("2027-{m:02}-{d:02}"));
                fills.insert(
                    id.clone(),
                    Fill {
                        status: e.status.map(str::to_string),
                        progress: e.note.clone(),
                        reason: revised.as_ref().map(|_| "moved by the officer".to_string()),
                        revised: revised.clone(),
                    },
                );
                let exported = line[column("Status")].as_str();
                let status = match e.status {
                    Some(word) => status_name(word),
                    None => [
                        "not-started",
                        "on-track",
                        "at-risk",
                        "off-track",
                        "complete",
                    ]
                    .into_iter()
                    .find(|s| *s == exported)
                    .unwrap_or("not-started"),
                };
                expected.push((id, status, e.note.clone(), revised));
            }
            let filled = out.path().join("filled.xlsx");
            officer_file(&path, &filled, &fills, 0);
            let said = import(ws.path(), &filled, &[]);
            prop_assert!(said.status.success(), "{}{}", stdout(&said), stderr(&said));
            let items = list_json(ws.path(), &["--report", "leicester-2003"]);
            for item in &items {
                let id = item["id"].as_str().unwrap_or_default();
                let history = history_json(ws.path(), id);
                match expected.iter().find(|(e, ..)| e == id) {
                    None => {
                        prop_assert_eq!(&item["status"], "not-started");
                        prop_assert!(history.is_empty(), "{} untouched", id);
                    }
                    Some((_, status, note, revised)) => {
                        prop_assert_eq!(&item["status"], *status);
                        let wanted = usize::from(*status != "not-started")
                            + usize::from(note.is_some())
                            + usize::from(revised.is_some());
                        prop_assert_eq!(history.len(), wanted, "{}: {:?}", id, history);
                        if let Some(r) = revised {
                            prop_assert_eq!(&item["current_deadline"], r.as_str());
                        }
                        if let Some(n) = note {
                            let text = format!("from officer update filled.xlsx: {}", n.trim());
                            prop_assert!(history.iter().any(|h| h["note"] == text.as_str()));
                        }
                    }
                }
            }
            Ok(())
        })
        .expect("applies exactly the officer's edits");
}

#[test]
fn a_signed_off_item_is_closed_and_left_out_of_the_workbook() {
    let ws = workspace();
    for status in ["complete", "signed-off"] {
        ok(run(ws.path(), &["status", "leicester-2003/1.1a", status]));
    }
    let out = tempfile::tempdir().expect("temp dir");
    let path = export(ws.path(), out.path(), "all.xlsx", &[]);
    let exported: Vec<String> = updates_sheet(&path)[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(
        !exported.iter().any(|id| id == "leicester-2003/1.1a"),
        "{exported:?}"
    );
    assert!(exported.iter().any(|id| id == "leicester-2003/2.1a"));
    assert_eq!(exported.len(), list_json(ws.path(), &[]).len() - 1);
}
