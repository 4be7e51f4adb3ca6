//! `tracking.toml`: reading the tracking state, and changing it in place so that the
//! comments and layout a person gave the file survive every write.

use super::diagnostic::Diagnostic;
use super::toml_file::{Parsed, Step, to_date};
use crate::model::{Change, ChangeKind, ReadyFor, Status, Tracking};
use jiff::Timestamp;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::value::Datetime;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

pub const FILE: &str = "tracking.toml";

/// What a new tracking file starts with.
pub const HEADER: &str = "\
# Tracking state: status, readiness for a meeting, notes and who changed what and when.
# scrutineer writes this file; it is safe to edit by hand (comments and layout are kept).
";

#[derive(Deserialize, Default)]
pub struct TrackingFile {
    #[serde(default)]
    items: BTreeMap<String, TrackedRecord>,
}

#[derive(Deserialize)]
struct TrackedRecord {
    status: Option<String>,
    ready_for: Option<toml::Value>,
    #[serde(default)]
    history: Vec<ChangeRecord>,
}

#[derive(Deserialize)]
struct ChangeRecord {
    at: Datetime,
    by: String,
    change: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

/// The tracking state of every item the file mentions. Bad values are reported at
/// their place and left out; the rest of the file still counts.
pub fn read(
    parsed: &Parsed<TrackingFile>,
    out: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Tracking> {
    let mut all = BTreeMap::new();
    for (id, record) in &parsed.value.items {
        let at = |k: &str| parsed.locate(&[key("items"), key(id), key(k)]);
        let mut tracking = Tracking::default();
        if let Some(s) = &record.status {
            match Status::parse(s) {
                Some(status) => tracking.status = status,
                None => out.push(Diagnostic::error(
                    FILE,
                    at("status"),
                    format!(
                        "unknown status `{s}` for `{id}`; expected one of {}",
                        Status::names()
                    ),
                )),
            }
        }
        tracking.ready_for = match &record.ready_for {
            None => None,
            Some(toml::Value::String(s)) if s == "next" => Some(ReadyFor::Next),
            Some(toml::Value::Datetime(d)) => match to_date(d) {
                Ok(date) => Some(ReadyFor::Meeting(date)),
                Err(message) => {
                    out.push(Diagnostic::error(FILE, at("ready_for"), message));
                    None
                }
            },
            Some(other) => {
                out.push(Diagnostic::error(
                    FILE,
                    at("ready_for"),
                    format!("`ready_for` must be a meeting date or \"next\", found `{other}`"),
                ));
                None
            }
        };
        for (i, c) in record.history.iter().enumerate() {
            let here = parsed.locate(&[key("items"), key(id), key("history"), Step::Index(i)]);
            let Ok(when) = c.at.to_string().parse::<Timestamp>() else {
                out.push(Diagnostic::error(
                    FILE,
                    here,
                    format!("history `at` must be a date-time with an offset, like 2026-11-22T10:15:00Z, found `{}`", c.at),
                ));
                continue;
            };
            let Some(kind) = ChangeKind::parse(&c.change) else {
                out.push(Diagnostic::warning(
                    FILE,
                    here,
                    format!("unknown change `{}` in the history of `{id}`", c.change),
                ));
                continue;
            };
            tracking.history.push(Change {
                at: when,
                by: c.by.clone(),
                kind,
                from: c.from.clone(),
                to: c.to.clone(),
                note: c.note.clone(),
            });
        }
        all.insert(id.clone(), tracking);
    }
    all
}

/// One change a person asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Mark(ReadyFor),
    Unmark,
    SetStatus(Status),
    Note,
}

/// A change to one item, with an optional note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEdit {
    pub item: String,
    pub edit: Edit,
    pub note: String,
}

/// What an edit did: whether anything changed, and the state before it (for undo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub item: String,
    pub changed: bool,
    pub before_status: Status,
    pub before_ready: Option<ReadyFor>,
}

/// Applies edits to the document. Only the edited items' lines change.
pub fn apply(
    doc: &mut DocumentMut,
    edits: &[ItemEdit],
    who: &str,
    now: Timestamp,
) -> Result<Vec<Applied>, String> {
    // A file of comments only keeps them as its "trailing" text, which would follow
    // everything added; as a header they stay above it.
    if doc.get("items").is_none() {
        let header = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing("");
        doc.decor_mut().set_prefix(header);
    }
    let items = doc
        .entry("items")
        .or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| "`items` in tracking.toml is not a table".to_string())?;
    let mut done = Vec::new();
    for e in edits {
        let entry = items.entry(&e.item).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            t.decor_mut().set_prefix("\n");
            Item::Table(t)
        });
        let table = entry
            .as_table_mut()
            .ok_or_else(|| format!("`items.\"{}\"` in tracking.toml is not a table", e.item))?;
        let before_status = table
            .get("status")
            .and_then(|v| v.as_str())
            .and_then(Status::parse)
            .unwrap_or_default();
        let before_ready = table.get("ready_for").and_then(|v| {
            v.as_str().and_then(ReadyFor::parse).or_else(|| {
                v.as_datetime()
                    .and_then(|d| to_date(d).ok().map(ReadyFor::Meeting))
            })
        });
        let (kind, from, to) = match &e.edit {
            Edit::Mark(r) => {
                if before_ready == Some(*r) {
                    (None, String::new(), String::new())
                } else {
                    table.insert("ready_for", ready_value(*r));
                    (
                        Some(ChangeKind::Ready),
                        before_ready.map(|b| b.to_string()).unwrap_or_default(),
                        r.to_string(),
                    )
                }
            }
            Edit::Unmark => match before_ready {
                None => (None, String::new(), String::new()),
                Some(b) => {
                    table.remove("ready_for");
                    (Some(ChangeKind::Unready), b.to_string(), String::new())
                }
            },
            Edit::SetStatus(s) => {
                if before_status == *s && table.contains_key("status") {
                    (None, String::new(), String::new())
                } else {
                    table.insert("status", value(s.as_str()));
                    (
                        Some(ChangeKind::Status),
                        before_status.as_str().to_string(),
                        s.as_str().to_string(),
                    )
                }
            }
            Edit::Note => (Some(ChangeKind::Note), String::new(), String::new()),
        };
        if let Some(kind) = kind {
            let history = table
                .entry("history")
                .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
                .as_array_of_tables_mut()
                .ok_or_else(|| {
                    format!(
                        "`history` of `{}` in tracking.toml is not a list of tables",
                        e.item
                    )
                })?;
            history.push(history_entry(kind, &from, &to, &e.note, who, now));
        }
        done.push(Applied {
            item: e.item.clone(),
            changed: kind.is_some(),
            before_status,
            before_ready,
        });
    }
    Ok(done)
}

fn ready_value(r: ReadyFor) -> Item {
    match r {
        ReadyFor::Next => value("next"),
        ReadyFor::Meeting(d) => match d.to_string().parse::<toml_edit::Datetime>() {
            Ok(dt) => value(dt),
            Err(_) => value(d.to_string()),
        },
    }
}

fn history_entry(
    kind: ChangeKind,
    from: &str,
    to: &str,
    note: &str,
    who: &str,
    now: Timestamp,
) -> Table {
    let mut t = Table::new();
    let stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    match stamp.parse::<toml_edit::Datetime>() {
        Ok(dt) => t.insert("at", value(dt)),
        Err(_) => t.insert("at", value(stamp)),
    };
    t.insert("by", value(who));
    t.insert("change", value(kind.as_str()));
    if !from.is_empty() {
        t.insert("from", value(from));
    }
    if !to.is_empty() {
        t.insert("to", value(to));
    }
    if !note.is_empty() {
        t.insert("note", value(note));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-22T10:15:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn edit(item: &str, edit: Edit) -> ItemEdit {
        ItemEdit {
            item: item.into(),
            edit,
            note: String::new(),
        }
    }

    #[test]
    fn a_mark_adds_a_few_lines_and_keeps_comments() {
        let before = format!("{HEADER}\n# my own note about this cycle\n");
        let mut doc: DocumentMut = before.parse().expect("parses");
        apply(
            &mut doc,
            &[edit("r/1a", Edit::Mark(ReadyFor::Next))],
            "clerk",
            now(),
        )
        .expect("applies");
        let after = doc.to_string();
        assert!(after.starts_with(&before), "{after}");
        assert!(
            after.contains("[items.\"r/1a\"]\nready_for = \"next\"\n"),
            "{after}"
        );
        assert!(after.contains("[[items.\"r/1a\".history]]\nat = 2026-11-22T10:15:00Z\nby = \"clerk\"\nchange = \"ready\"\nto = \"next\"\n"), "{after}");
        assert!(!after.contains("[items]"), "{after}");
    }

    #[test]
    fn new_items_go_after_existing_ones_and_a_closing_comment_stays_last() {
        let mut doc = DocumentMut::new();
        apply(
            &mut doc,
            &[edit("r/1a", Edit::Mark(ReadyFor::Next))],
            "a",
            now(),
        )
        .expect("mark");
        let mut text = doc.to_string();
        text.push_str("\n# handwritten at the end\n");
        let mut doc: DocumentMut = text.parse().expect("parses");
        apply(
            &mut doc,
            &[edit("r/2b", Edit::SetStatus(Status::OnTrack))],
            "a",
            now(),
        )
        .expect("status");
        apply(&mut doc, &[edit("r/1a", Edit::Unmark)], "a", now()).expect("unmark");
        let after = doc.to_string();
        let first = after.find("[items.\"r/1a\"]").unwrap_or(usize::MAX);
        let second = after.find("[items.\"r/2b\"]").unwrap_or(0);
        assert!(first < second, "{after}");
        assert!(
            after.trim_end().ends_with("# handwritten at the end"),
            "{after}"
        );
        assert_eq!(
            after.matches("[[items.\"r/1a\".history]]").count(),
            2,
            "{after}"
        );
        let reparsed: DocumentMut = after.parse().expect("still parses");
        assert_eq!(reparsed.to_string(), after);
    }

    #[test]
    fn unmark_then_status_record_what_they_replaced() {
        let mut doc = DocumentMut::new();
        apply(
            &mut doc,
            &[edit("r/1a", Edit::Mark(ReadyFor::Next))],
            "a",
            now(),
        )
        .expect("mark");
        let done = apply(
            &mut doc,
            &[
                edit("r/1a", Edit::Unmark),
                edit("r/1a", Edit::SetStatus(Status::AtRisk)),
            ],
            "b",
            now(),
        )
        .expect("applies");
        assert_eq!(done[0].before_ready, Some(ReadyFor::Next));
        assert_eq!(done[1].before_status, Status::NotStarted);
        let text = doc.to_string();
        assert!(!text.contains("ready_for"), "{text}");
        assert!(text.contains("status = \"at-risk\""), "{text}");
        assert_eq!(
            text.matches("[[items.\"r/1a\".history]]").count(),
            3,
            "{text}"
        );
        assert!(
            text.contains("change = \"unready\"\nfrom = \"next\""),
            "{text}"
        );
    }

    #[test]
    fn repeating_a_mark_changes_nothing() {
        let mut doc = DocumentMut::new();
        let m = edit("r/1a", Edit::Mark(ReadyFor::Next));
        apply(&mut doc, std::slice::from_ref(&m), "a", now()).expect("mark");
        let once = doc.to_string();
        let done = apply(&mut doc, &[m], "a", now()).expect("mark again");
        assert!(!done[0].changed);
        assert_eq!(doc.to_string(), once);
    }
}
