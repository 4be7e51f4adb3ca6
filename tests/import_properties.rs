//! Properties of importing a tracker: reading never panics on any grid of strings,
//! every non-empty cell ends up somewhere a clerk can see it, an import that succeeds
//! leaves a workspace that checks clean, and one that fails writes nothing.

mod common;

use common::{read, run, workspace};
use proptest::prelude::*;
use scrutineer::tracker::grid::{Grid, GridRow};
use scrutineer::tracker::owners::split;
use scrutineer::tracker::read::{Options, Plan, id_from, read_grid};

const HEADERS: &[&str] = &[
    "Ref",
    "Recommendation",
    "Action",
    "Lead officer",
    "Status",
    "Progress",
    "Target date",
    "Theme",
    "Id",
    "Revised date",
    "Executive response",
    "What?",
    "How will we know?",
    "Budget",
];

const WORDS: &[&str] = &[
    "Green",
    "Amber",
    "Purple",
    "Ongoing",
    "2024-03-31",
    "Mar-24",
    "STANDARD 1 - REFERRALS",
    "1. Audit\n2. Train",
    "KS / PN",
    "Jane Smith, Head of Service",
    "Agreed",
    "1.1",
    "",
    "",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(HEADERS).prop_map(str::to_string),
        proptest::sample::select(WORDS).prop_map(str::to_string),
        "[a-zA-Z0-9 .,/;&()\n-]{0,16}",
    ]
}

fn grid() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(cell(), 1..7), 1..9)
}

/// A sheet of a workbook (a CSV file's rows must all be as wide as its header).
fn as_grid(rows: &[Vec<String>]) -> Grid {
    Grid {
        sheet: Some("Tracker".to_string()),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| GridRow {
                number: i as u64 + 1,
                cells: cells.clone(),
            })
            .collect(),
    }
}

/// Everything a plan shows a clerk, as one text to search.
fn shown(plan: &Plan) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        out.push_str(s);
        out.push('\u{1}');
    };
    for (h, _) in &plan.columns {
        push(h);
    }
    for n in &plan.report_notes {
        push(n);
    }
    for r in &plan.recommendations {
        for s in [
            &r.id,
            &r.reference,
            &r.heading,
            &r.text,
            &r.timescale,
            &r.state.status_printed,
        ] {
            push(s);
        }
        r.owners.iter().for_each(|o| push(o));
        r.state.notes.iter().for_each(|n| push(n));
        r.imported.iter().for_each(|c| push(&c.text));
    }
    for a in &plan.actions {
        for s in [
            &a.id,
            &a.text,
            &a.timescale,
            &a.owners_printed,
            &a.state.status_printed,
        ] {
            push(s);
        }
        a.state.notes.iter().for_each(|n| push(n));
        a.imported.iter().for_each(|c| push(&c.text));
    }
    out
}

/// A line without a leading list marker ("1.", "a)", "•").
fn unmarked(line: &str) -> &str {
    let t = line.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, _)| i);
    let head = &t[..end];
    let marker = head.len() <= 4
        && (head.ends_with('.') || head.ends_with(')') || head == "•" || head == "-");
    if marker { t[end..].trim() } else { t }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn reading_never_panics_and_drops_no_cell(rows in grid()) {
        let grid = as_grid(&rows);
        if let Ok(plan) = read_grid(&grid, &Options::default()) {
            let text = shown(&plan);
            for row in &rows {
                for cell in row {
                    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        let found = text.contains(line)
                            || text.contains(unmarked(line))
                            || text.contains(&id_from(line))
                            || split(line).iter().all(|o| text.contains(o.as_str()));
                        prop_assert!(found, "`{line}` of {rows:?} is nowhere in the plan");
                    }
                }
            }
            let ids: Vec<&String> = plan.recommendations.iter().map(|r| &r.id)
                .chain(plan.actions.iter().map(|a| &a.id)).collect();
            let unique: std::collections::HashSet<_> = ids.iter().collect();
            prop_assert_eq!(unique.len(), ids.len(), "ids repeat: {:?}", ids);
            for a in &plan.actions {
                for r in &a.answers {
                    prop_assert!(plan.recommendations.iter().any(|p| &p.id == r));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Through the real binary: an import that works leaves a workspace with no
    /// errors; one that fails (in a dry run or not) writes nothing.
    #[test]
    fn an_import_checks_clean_or_writes_nothing(rows in grid(), with_header in any::<bool>()) {
        let ws = workspace();
        let mut rows = rows;
        if with_header {
            rows.insert(0, vec!["Ref".into(), "Action".into(), "Owner".into(), "Status".into()]);
        }
        let mut csv = csv::Writer::from_writer(Vec::new());
        let width = rows.iter().map(Vec::len).max().unwrap_or(1);
        for r in &rows {
            let mut r = r.clone();
            r.resize(width, String::new());
            csv.write_record(&r).expect("csv");
        }
        let file = ws.path().join("tracker.csv");
        std::fs::write(&file, csv.into_inner().expect("csv")).expect("write");
        let tracking = ws.path().join("tracking.toml");
        let before = tracking.exists().then(|| read(&tracking));
        let dry = run(ws.path(), &["import", file.to_str().expect("path"), "--report", "prop", "--dry-run"]);
        prop_assert!(!ws.path().join("reports/prop.toml").exists());
        prop_assert_eq!(tracking.exists().then(|| read(&tracking)), before.clone());
        let out = run(ws.path(), &["import", file.to_str().expect("path"), "--report", "prop"]);
        prop_assert_eq!(dry.status.code(), out.status.code(), "the dry run and the import disagree");
        if out.status.success() {
            let check = run(ws.path(), &["check"]);
            prop_assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
        } else {
            prop_assert!(!ws.path().join("reports/prop.toml").exists());
            prop_assert_eq!(tracking.exists().then(|| read(&tracking)), before);
        }
    }
}
