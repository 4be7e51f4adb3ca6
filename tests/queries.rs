//! The command line's filters and search on a workspace with the interesting cases
//! (tests/common/interesting.rs): a history with notes of every kind, a revised
//! deadline, responses awaited and overdue, marks for the next meeting, a dated one and
//! one presented. The bundled workspace's tracking file is empty, so it has none.

mod common;

use common::interesting::{INTERESTING_TODAY, NOTE_WORDS};
use common::*;
use std::path::Path;

fn listed(ws: &Path, extra: &[&str]) -> Vec<String> {
    let mut found = ids(&list_json(ws, extra));
    found.sort();
    found
}

fn sorted(ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn the_generated_workspace_loads_cleanly_on_the_tests_day() {
    let ws = interesting();
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 error(s), 0 warning(s)"),
        "{}",
        stdout(&out)
    );
    let triage = stdout(&run(ws.path(), &["triage", "--format", "json"]));
    assert!(
        triage.contains(&format!("\"today\": \"{INTERESTING_TODAY}\"")),
        "{triage}"
    );
}

/// `/` and `--search` find an item by every kind of note its history holds (and by
/// its recommendation's response): each word is in one kind of note only.
#[test]
fn a_search_finds_an_item_by_every_kind_of_note() {
    let ws = interesting();
    for (kind, word, items) in NOTE_WORDS {
        assert_eq!(
            listed(ws.path(), &["--search", word]),
            sorted(items),
            "{kind} ({word})"
        );
    }
}

#[test]
fn overdue_and_due_within_use_the_current_deadline() {
    let ws = interesting();
    // 1b was due "Immediately" (the paper's date); 2a's June deadline was revised to
    // 5 December, so it is no longer overdue but due within 30 days.
    assert_eq!(
        listed(ws.path(), &["--overdue"]),
        sorted(&["testshire-2026/1b"])
    );
    assert_eq!(
        listed(ws.path(), &["--due-within", "30"]),
        sorted(&["testshire-2026/2a"])
    );
    // N days means N: 60 days takes in otherville's December deadline (39 days away);
    // 10 days takes in nothing. Done items (3a, due 1 December) never count.
    assert_eq!(
        listed(ws.path(), &["--due-within", "60"]),
        sorted(&["testshire-2026/2a", "otherville-2025/O1"])
    );
    assert_eq!(
        listed(ws.path(), &["--due-within", "10"]),
        Vec::<String>::new()
    );
    // Triage counts what the filters list: "due soon" is `--due-within 30`, and the
    // workspace has one of each, so a count stuck at nothing is seen.
    let triage: serde_json::Value =
        serde_json::from_slice(&run(ws.path(), &["triage", "--format", "json"]).stdout)
            .expect("triage JSON");
    assert_eq!(triage["due_within_30_days"], 1, "{triage}");
    assert_eq!(triage["overdue"], 1, "{triage}");
    assert_eq!(
        listed(
            ws.path(),
            &["--due-before", "2026-12-05", "--due-after", "2026-12-05"]
        ),
        sorted(&["testshire-2026/2a"])
    );
    // The JSON keeps the deadline derived from the printed timescale, and says which
    // is in force.
    let items = list_json(ws.path(), &["--search", "osprey"]);
    assert_eq!(items[0]["deadline"], "2026-06-30");
    assert_eq!(items[0]["revised_deadline"], "2026-12-05");
    assert_eq!(items[0]["current_deadline"], "2026-12-05");
    assert_eq!(items[0]["timescale"], "June 2026");
    assert_eq!(items[0]["overdue"], false);
}

#[test]
fn ready_and_not_ready_split_the_items_and_a_presented_mark_is_not_ready() {
    let ws = interesting();
    let ready = listed(ws.path(), &["--ready"]);
    assert_eq!(ready, sorted(&["testshire-2026/1a", "testshire-2026/3a"]));
    let not_ready = listed(ws.path(), &["--not-ready"]);
    assert_eq!(
        not_ready,
        sorted(&[
            "testshire-2026/1b",
            "testshire-2026/2a",
            "testshire-2026/3b",
            "testshire-2026/R4",
            "otherville-2025/O1",
        ])
    );
    // The README's example: at risk and not ready.
    assert_eq!(
        listed(ws.path(), &["--status", "at-risk", "--not-ready"]),
        sorted(&["testshire-2026/1b"])
    );
    assert_eq!(
        listed(ws.path(), &["--status", "on-track", "--not-ready"]),
        sorted(&["testshire-2026/2a"])
    );
    let json = list_json(ws.path(), &["--search", "heron"]);
    assert_eq!(json[0]["ready_for"], "next");
    let json = list_json(ws.path(), &["--search", "lapwing"]);
    assert_eq!(json[0]["ready_for"], "2026-12-10");
}

#[test]
fn an_owner_is_found_by_any_spelling_and_responses_filter_items() {
    let ws = interesting();
    let ann = sorted(&[
        "testshire-2026/1a",
        "testshire-2026/2a",
        "testshire-2026/3a",
        "otherville-2025/O1",
    ]);
    for spelling in ["Ann Able", "A. Able", "AA", "able"] {
        assert_eq!(listed(ws.path(), &["--owner", spelling]), ann, "{spelling}");
    }
    assert_eq!(
        listed(
            ws.path(),
            &["--response", "awaiting", "--report", "testshire-2026"]
        ),
        sorted(&["testshire-2026/2a"])
    );
    assert_eq!(
        listed(ws.path(), &["--response", "rejected"]),
        sorted(&["testshire-2026/3a", "testshire-2026/3b"])
    );
}

/// A search finds an owner's items by a spelling the directory knows and none of the
/// items prints (nor anything like it).
#[test]
fn a_search_finds_an_owners_items_by_a_spelling_only_the_directory_knows() {
    let ws = interesting();
    let people = ws.path().join("people.toml");
    let text = read(&people);
    assert!(text.contains("aliases = [\"C Cole\"]"), "{text}");
    std::fs::write(
        &people,
        text.replace(
            "aliases = [\"C Cole\"]",
            "aliases = [\"C Cole\", \"Cathy Quarrington\"]",
        ),
    )
    .expect("write people.toml");
    let hers = listed(ws.path(), &["--owner", "C Cole"]);
    assert_eq!(hers, sorted(&["testshire-2026/2a", "testshire-2026/R4"]));
    assert_eq!(listed(ws.path(), &["--search", "Quarrington"]), hers);
}

#[test]
fn recommendations_show_responses_awaited_and_overdue() {
    let ws = interesting();
    let out = run(
        ws.path(),
        &[
            "recommendations",
            "--response",
            "awaiting",
            "--response-overdue",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let text = recs.to_string();
    assert!(
        text.contains("testshire-2026/R2") || text.contains("\"R2\""),
        "{text}"
    );
    assert!(
        !text.contains("\"R1\"") && !text.contains("testshire-2026/R1"),
        "{text}"
    );
    assert!(text.contains("2026-11-01"), "{text}");
}

#[test]
fn history_shows_every_kind_of_change_with_its_note() {
    let ws = interesting();
    for (id, words) in [
        ("testshire-2026/1a", &["heron", "curlew"][..]),
        ("testshire-2026/1b", &["kestrel"]),
        ("testshire-2026/2a", &["osprey", "2026-12-05"]),
        ("testshire-2026/3a", &["lapwing", "2026-12-10"]),
        ("testshire-2026/R3", &["plover", "rejected"]),
        ("testshire-2026/R2", &["dunlin", "2026-11-01"]),
    ] {
        let out = run(ws.path(), &["history", id]);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
        for word in words {
            assert!(
                stdout(&out).contains(word),
                "{id}: {word}\n{}",
                stdout(&out)
            );
        }
    }
}

/// The fields the README documents for `list --format json`, each read, with a value
/// of the kind it says.
#[test]
fn list_json_has_every_field_the_readme_documents() {
    let ws = interesting();
    let items = list_json(ws.path(), &[]);
    assert_eq!(items.len(), 7);
    let by_id = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let a = by_id("testshire-2026/2a");
    assert_eq!(a["kind"], "action");
    assert_eq!(a["report"], "testshire-2026");
    assert_eq!(a["recommendations"], serde_json::json!(["2"]));
    assert_eq!(
        a["text"],
        "New supervision policy agreed by the practice board."
    );
    assert_eq!(a["timescale"], "June 2026");
    assert_eq!(a["deadline"], "2026-06-30");
    assert_eq!(a["deadline_kind"], "month");
    assert_eq!(a["deadline_explanation"], "end of June 2026");
    assert_eq!(a["overdue"], false);
    assert_eq!(a["owners"], serde_json::json!(["Ann Able", "C Cole"]));
    assert_eq!(
        a["owners_as_printed"],
        serde_json::json!(["Ann Able", "C Cole"])
    );
    assert_eq!(a["status"], "on-track");
    assert!(a["ready_for"].is_null());
    assert_eq!(a["warnings"], serde_json::json!([]));
    // A recommendation tracked directly, marked for a meeting; one overdue; one for next.
    let direct = by_id("testshire-2026/R4");
    assert_eq!(direct["kind"], "recommendation");
    assert_eq!(direct["ready_for"], "2026-10-01");
    assert_eq!(direct["owners_as_printed"], serde_json::json!(["C Cole"]));
    let overdue = by_id("testshire-2026/1b");
    assert_eq!(overdue["overdue"], true);
    assert_eq!(overdue["deadline_kind"], "immediate");
    assert_eq!(overdue["owners"], serde_json::json!(["B Baker"]));
    assert_eq!(by_id("testshire-2026/1a")["ready_for"], "next");
    assert_eq!(by_id("testshire-2026/3a")["deadline_kind"], "relative");
    // A spelling the directory knows is shown under the owner's name.
    let other = by_id("otherville-2025/O1");
    assert_eq!(other["owners"], serde_json::json!(["Ann Able"]));
    assert_eq!(other["owners_as_printed"], serde_json::json!(["AA"]));
}
