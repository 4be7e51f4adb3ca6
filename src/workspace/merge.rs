//! Merging two sites' `tracking.toml` (git's three-way merge, item by item and field by
//! field), and putting a file's items in the order new ones are written in (`tidy`).
//!
//! Each item's lines are found with the TOML lexer (`pieces::tables`). An item changed
//! on one side only takes that side's lines. An item changed on both: its history is
//! the union of both sides' entries in time order (never lost, never twice); a field
//! changed on one side only takes that side; a field changed on both takes the later
//! change by its history time, and the other is recorded in the history as superseded.
//! A side that does not read is an error: the caller (git) then shows a conflict,
//! never a guess.

use super::pieces;
use super::tracking::TrackingFile;
use std::collections::{BTreeMap, HashMap};
use toml_edit::{DocumentMut, Item, Table};

/// Why a merge or a tidy could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MergeError(pub String);

/// A tracking file cut into its header (before the first table) and its items' lines.
struct Cut<'t> {
    header: &'t str,
    /// (section, id) → the item's lines, in file order.
    blocks: Vec<((&'t str, &'t str), &'t str)>,
}

fn cut<'t>(name: &str, text: &'t str) -> Result<Cut<'t>, MergeError> {
    toml::from_str::<TrackingFile>(text)
        .map_err(|e| MergeError(format!("{name} does not read: {}", e.message().trim())))?;
    let tables = pieces::tables(text).ok_or_else(|| {
        MergeError(format!(
            "{name} is laid out so that its items cannot be told apart without reading it whole (a header of one key, keys above the first header, or an item's tables apart)"
        ))
    })?;
    let mut blocks: Vec<((&str, &str), std::ops::Range<usize>)> = tables.into_iter().collect();
    blocks.sort_by_key(|(_, r)| r.start);
    let first = blocks.first().map_or(text.len(), |(_, r)| r.start);
    Ok(Cut {
        header: &text[..first],
        blocks: blocks.into_iter().map(|(k, r)| (k, &text[r])).collect(),
    })
}

/// A block's lines ending in exactly one blank line, so blocks join evenly.
fn tidy_block(block: &str) -> String {
    format!("{}\n\n", block.trim_end())
}

/// Puts the items of a tracking file in the order scrutineer writes new ones in (by
/// section, then id), each followed by a blank line; the header stays first and every
/// item's lines stay as written. The result reads as the same tracking state.
pub fn tidy(text: &str) -> Result<String, MergeError> {
    let c = cut("tracking.toml", text)?;
    let mut blocks = c.blocks;
    blocks.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = c.header.to_string();
    for (_, block) in &blocks {
        out.push_str(&tidy_block(block));
    }
    let out = format!("{}\n", out.trim_end());
    same_state(text, &out)?;
    Ok(out)
}

/// Checks that two texts read as the same tracking state (a reordering changed nothing).
fn same_state(before: &str, after: &str) -> Result<(), MergeError> {
    let a: toml::Table = toml::from_str(before).map_err(|e| MergeError(e.message().into()))?;
    let b: toml::Table = toml::from_str(after).map_err(|e| MergeError(e.message().into()))?;
    if a == b {
        Ok(())
    } else {
        Err(MergeError(
            "reordering would change what the file says; it was left as it is".into(),
        ))
    }
}

/// Merges `ours` and `theirs`, both changed from `base`. `site` names where `theirs`
/// came from, for the history.
pub fn merge(base: &str, ours: &str, theirs: &str, site: &str) -> Result<String, MergeError> {
    let b = cut("the common ancestor", base)?;
    let o = cut("our tracking.toml", ours)?;
    let t = cut("their tracking.toml", theirs)?;
    let base_blocks: HashMap<_, _> = b.blocks.iter().copied().collect();
    let their_blocks: HashMap<_, _> = t.blocks.iter().copied().collect();
    let our_keys: Vec<_> = o.blocks.iter().map(|(k, _)| *k).collect();
    let header = if o.header == b.header {
        t.header
    } else {
        o.header
    };
    let mut merged: Vec<((&str, &str), String)> = Vec::new();
    for (key, mine) in &o.blocks {
        let base = base_blocks.get(key).copied();
        // One side's lines as they are when they hold everything the other's history
        // has (the usual case: the other did not touch the item); else field by field.
        let holds = |a: &str, b: &str| -> Result<bool, MergeError> {
            let (ha, hb) = (
                history(&item_table(a, *key)?.1),
                history(&item_table(b, *key)?.1),
            );
            let ka: Vec<String> = ha.iter().map(entry_key).collect();
            Ok(hb.iter().all(|e| ka.contains(&entry_key(e))))
        };
        let text = match their_blocks.get(key).copied() {
            Some(theirs) if theirs == *mine => mine.to_string(),
            Some(theirs) if Some(theirs) == base && holds(mine, theirs)? => mine.to_string(),
            Some(theirs) if Some(*mine) == base && holds(theirs, mine)? => theirs.to_string(),
            Some(theirs) => merge_item(*key, base, mine, theirs, site)?,
            // Gone on their side: scrutineer never removes an item, so a person did;
            // its history is kept all the same (nothing is lost by a merge).
            None => mine.to_string(),
        };
        merged.push((*key, text));
    }
    for (key, theirs) in &t.blocks {
        if our_keys.contains(key) {
            continue;
        }
        // New there (or removed here by hand: kept, as above).
        let at = merged
            .iter()
            .position(|(k, _)| k > key)
            .unwrap_or(merged.len());
        merged.insert(at, (*key, theirs.to_string()));
    }
    let mut out = header.to_string();
    for (_, block) in &merged {
        out.push_str(&tidy_block(block));
    }
    let out = format!("{}\n", out.trim_end());
    toml::from_str::<TrackingFile>(&out)
        .map_err(|e| MergeError(format!("the merge would not read: {}", e.message().trim())))?;
    Ok(out)
}

/// The item's table in a block of its lines.
fn item_table(block: &str, key: (&str, &str)) -> Result<(DocumentMut, Table), MergeError> {
    let doc: DocumentMut = block
        .parse()
        .map_err(|e: toml_edit::TomlError| MergeError(e.message().trim().to_string()))?;
    let table = doc
        .get(key.0)
        .and_then(Item::as_table)
        .and_then(|t| t.get(key.1))
        .and_then(Item::as_table)
        .cloned()
        .ok_or_else(|| MergeError(format!("`{}.\"{}\"` is not a table", key.0, key.1)))?;
    Ok((doc, table))
}

/// A history entry as data: its keys and values, without layout.
fn entry_key(entry: &Table) -> String {
    entry
        .iter()
        .map(|(k, v)| {
            format!(
                "{k}={}",
                v.as_value()
                    .map_or(String::new(), |v| v.to_string().trim().to_string())
            )
        })
        .collect::<Vec<_>>()
        .join("\u{1}")
}

fn entry_text(entry: &Table, field: &str) -> String {
    entry
        .get(field)
        .and_then(Item::as_value)
        .map(|v| match v.as_str() {
            Some(s) => s.to_string(),
            None => v.to_string().trim().to_string(),
        })
        .unwrap_or_default()
}

fn history(table: &Table) -> Vec<Table> {
    table
        .get("history")
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().cloned().collect())
        .unwrap_or_default()
}

/// The history entry kinds that set a field.
fn kinds_of(field: &str) -> &'static [&'static str] {
    match field {
        "status" => &["status"],
        "ready_for" => &["ready", "unready"],
        "revised_deadline" => &["revise"],
        "response" | "reason" => &["response"],
        "response_due" => &["response-due"],
        _ => &[],
    }
}

/// The latest time a side's own entries (those not in the base) set `field`.
fn changed_at(entries: &[Table], base: &[String], field: &str) -> String {
    entries
        .iter()
        .filter(|e| !base.contains(&entry_key(e)))
        .filter(|e| kinds_of(field).contains(&entry_text(e, "change").as_str()))
        .map(|e| entry_text(e, "at"))
        .max()
        .unwrap_or_default()
}

fn value_text(table: &Table, field: &str) -> Option<String> {
    table
        .get(field)
        .and_then(Item::as_value)
        .map(|v| v.to_string().trim().to_string())
}

/// One item changed on both sides, merged field by field.
fn merge_item(
    key: (&str, &str),
    base: Option<&str>,
    ours: &str,
    theirs: &str,
    site: &str,
) -> Result<String, MergeError> {
    let (_, mine) = item_table(ours, key)?;
    let (_, other) = item_table(theirs, key)?;
    let old = match base {
        Some(b) => Some(item_table(b, key)?.1),
        None => None,
    };
    let base_entries: Vec<String> = old
        .as_ref()
        .map(history)
        .unwrap_or_default()
        .iter()
        .map(entry_key)
        .collect();
    let (my_history, their_history) = (history(&mine), history(&other));
    // The union of both histories, in time order (ours first where times are equal).
    let mut entries: Vec<Table> = my_history.clone();
    let mut seen: Vec<String> = entries.iter().map(entry_key).collect();
    for e in &their_history {
        let k = entry_key(e);
        if !seen.contains(&k) {
            seen.push(k);
            entries.push(e.clone());
        }
    }
    entries.sort_by_key(|e| entry_text(e, "at"));
    // Fields, in our order, then any only they have.
    let mut fields: Vec<String> = mine
        .iter()
        .map(|(k, _)| k.to_string())
        .filter(|k| k != "history")
        .collect();
    for (k, _) in other.iter() {
        if k != "history" && !fields.iter().any(|f| f == k) {
            fields.push(k.to_string());
        }
    }
    let mut values: BTreeMap<String, Option<Item>> = BTreeMap::new();
    for f in &fields {
        let (m, t) = (value_text(&mine, f), value_text(&other, f));
        let b = old.as_ref().and_then(|o| value_text(o, f));
        let take_theirs = if m == t || t == b {
            false
        } else if m == b {
            true
        } else {
            // Changed on both sides: the later change wins; the other is superseded.
            let (mine_at, theirs_at) = (
                changed_at(&my_history, &base_entries, f),
                changed_at(&their_history, &base_entries, f),
            );
            let theirs_wins = theirs_at > mine_at;
            let (lost, lost_at, won, won_at) = if theirs_wins {
                (m.clone(), mine_at, t.clone(), theirs_at)
            } else {
                (t.clone(), theirs_at, m.clone(), mine_at)
            };
            let mut note = Table::new();
            // Stamped at the winning change; with no history for it (a hand edit), at
            // the item's latest entry, which every history has once a change is made.
            let latest = entries.iter().map(|e| entry_text(e, "at")).max();
            let at = Some(won_at.clone())
                .filter(|a| !a.is_empty())
                .or(latest)
                .and_then(|a| a.parse::<toml_edit::Datetime>().ok())
                .unwrap_or(toml_edit::Datetime {
                    date: Some(toml_edit::Date {
                        year: 1970,
                        month: 1,
                        day: 1,
                    }),
                    time: Some(toml_edit::Time {
                        hour: 0,
                        minute: 0,
                        second: 0,
                        nanosecond: 0,
                    }),
                    offset: Some(toml_edit::Offset::Z),
                });
            note.insert("at", toml_edit::value(at));
            note.insert("by", toml_edit::value("scrutineer merge"));
            note.insert("change", toml_edit::value("note"));
            note.insert(
                "note",
                toml_edit::value(format!(
                    "{f} {} (set at {lost_at}) superseded by {} (set at {won_at}) (merged from {site})",
                    lost.map_or("(none)".to_string(), |v| v.trim_matches('"').to_string()),
                    won.map_or("(none)".to_string(), |v| v.trim_matches('"').to_string())
                )),
            );
            entries.push(note);
            theirs_wins
        };
        let source = if take_theirs { &other } else { &mine };
        values.insert(f.clone(), source.get(f).cloned());
    }
    // The block, written afresh: the item's fields, then its history.
    let (section, id) = key;
    let name = format!("{section}.{}", toml_edit::Key::new(id).display_repr());
    let mut out = format!("[{name}]\n");
    for f in &fields {
        if let Some(Some(item)) = values.get(f)
            && let Some(v) = item.as_value()
        {
            out.push_str(&format!("{f} = {}\n", v.to_string().trim()));
        }
    }
    for e in &entries {
        out.push_str(&format!("\n[[{name}.history]]\n"));
        for (k, v) in e.iter() {
            if let Some(v) = v.as_value() {
                out.push_str(&format!("{k} = {}\n", v.to_string().trim()));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "# Tracking\n";

    fn item(id: &str, status: &str, history: &[(&str, &str, &str)]) -> String {
        let mut s = format!("[items.\"{id}\"]\nstatus = \"{status}\"\n");
        for (at, by, to) in history {
            s.push_str(&format!(
                "\n[[items.\"{id}\".history]]\nat = {at}\nby = \"{by}\"\nchange = \"status\"\nto = \"{to}\"\n"
            ));
        }
        s.push('\n');
        s
    }

    #[test]
    fn different_items_on_two_sites_are_both_kept() {
        let base = format!(
            "{HEAD}\n{}",
            item(
                "r/1",
                "on-track",
                &[("2026-01-01T00:00:00Z", "a", "on-track")]
            )
        );
        let ours = format!(
            "{base}{}",
            item(
                "r/2",
                "at-risk",
                &[("2026-01-02T00:00:00Z", "a", "at-risk")]
            )
        );
        let theirs = format!(
            "{base}{}",
            item(
                "r/3",
                "complete",
                &[("2026-01-03T00:00:00Z", "b", "complete")]
            )
        );
        let out = merge(&base, &ours, &theirs, "b").expect("merges");
        assert!(out.contains("r/2") && out.contains("r/3"), "{out}");
        assert!(out.find("r/2") < out.find("r/3"));
    }

    #[test]
    fn one_item_on_two_sites_keeps_both_histories_and_the_later_status() {
        let h0 = ("2026-01-01T00:00:00Z", "a", "on-track");
        let base = format!("{HEAD}\n{}", item("r/1", "on-track", &[h0]));
        let ours = format!(
            "{HEAD}\n{}",
            item(
                "r/1",
                "at-risk",
                &[h0, ("2026-01-02T00:00:00Z", "a", "at-risk")]
            )
        );
        let theirs = format!(
            "{HEAD}\n{}",
            item(
                "r/1",
                "complete",
                &[h0, ("2026-01-03T00:00:00Z", "b", "complete")]
            )
        );
        let out = merge(&base, &ours, &theirs, "site-b").expect("merges");
        let t: toml::Table = toml::from_str(&out).expect("reads");
        let it = &t["items"]["r/1"];
        assert_eq!(it["status"].as_str(), Some("complete"));
        let h = it["history"].as_array().expect("history");
        assert_eq!(h.len(), 4, "{out}");
        assert!(
            out.contains("at-risk (set at 2026-01-02T00:00:00Z) superseded by complete"),
            "{out}"
        );
        assert!(out.contains("merged from site-b"), "{out}");
    }

    #[test]
    fn a_side_that_does_not_read_is_an_error_not_a_guess() {
        let base = format!("{HEAD}\n{}", item("r/1", "on-track", &[]));
        assert!(merge(&base, "[items.\"r/1\"\nbroken", &base, "b").is_err());
    }

    #[test]
    fn tidy_sorts_items_and_changes_nothing_they_say() {
        let text = format!(
            "{HEAD}\n{}{}",
            item("r/2", "at-risk", &[]),
            item("r/1", "complete", &[])
        );
        let out = tidy(&text).expect("tidies");
        assert!(out.find("r/1") < out.find("r/2"), "{out}");
        assert!(out.starts_with(HEAD));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// One item's state on a side: its status and the history entries it has (each an
    /// index into a shared pool of entries, so sides share some and differ in others).
    fn side() -> impl Strategy<Value = Vec<(usize, Option<usize>)>> {
        proptest::collection::vec((0usize..4, proptest::option::of(0usize..6)), 0..4)
    }

    const STATUSES: [&str; 4] = ["not-started", "on-track", "at-risk", "complete"];

    /// A tracking file of items `r/0`..`r/3`, each with a status and history entries
    /// chosen from a pool (entry `n` is at day `n`, by site `n % 2`).
    fn file(items: &[(usize, Option<usize>)], extra: &[usize]) -> String {
        let mut by_item: BTreeMap<usize, (usize, Vec<usize>)> = BTreeMap::new();
        for (i, (status, entry)) in items.iter().enumerate() {
            let slot = by_item.entry(i % 4).or_insert((*status, Vec::new()));
            slot.0 = *status;
            if let Some(e) = entry {
                slot.1.push(*e);
            }
        }
        for e in extra {
            by_item.entry(e % 4).or_insert((0, Vec::new())).1.push(*e);
        }
        let mut out = String::from("# Tracking\n\n");
        for (id, (status, mut entries)) in by_item {
            entries.sort_unstable();
            entries.dedup();
            out.push_str(&format!(
                "[items.\"r/{id}\"]\nstatus = \"{}\"\n",
                STATUSES[status]
            ));
            for e in entries {
                out.push_str(&format!(
                    "\n[[items.\"r/{id}\".history]]\nat = 2026-01-{:02}T00:00:00Z\nby = \"site{}\"\nchange = \"status\"\nto = \"{}\"\n",
                    e + 1,
                    e % 2,
                    STATUSES[e % 4]
                ));
            }
            out.push('\n');
        }
        out
    }

    fn entries_of(text: &str) -> Vec<String> {
        let t: toml::Table = toml::from_str(text).expect("reads");
        let mut out = Vec::new();
        if let Some(items) = t.get("items").and_then(|i| i.as_table()) {
            for (id, item) in items {
                for e in item
                    .get("history")
                    .and_then(|h| h.as_array())
                    .into_iter()
                    .flatten()
                {
                    out.push(format!("{id} {e}"));
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Any three-way case: the merge reads, loses no history entry of either side,
        /// repeats none, keeps each side's own field changes, and merging a side with
        /// itself changes nothing.
        #[test]
        fn a_merge_loses_nothing_and_repeats_nothing(base in side(), ours in side(), theirs in side(), extra in proptest::collection::vec(0usize..6, 0..3)) {
            let b = file(&base, &[]);
            let o = file(&ours, &extra);
            let t = file(&theirs, &[]);
            let merged = merge(&b, &o, &t, "site1").expect("merges");
            let got = entries_of(&merged);
            for side in [&o, &t] {
                for e in entries_of(side) {
                    prop_assert!(got.contains(&e), "{e} lost:\n{merged}");
                }
            }
            let mut unique = got.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), got.len(), "an entry twice:\n{}", merged);
            prop_assert_eq!(merge(&b, &o, &o, "site1").expect("merges"), tidy(&o).expect("tidies"));
        }
    }
}
