//! Writing an imported tracker into the workspace: new recommendations and actions
//! appended to a report file (created if need be, keeping a person's comments and
//! layout if not), statuses and progress into the tracking file. All or nothing.

use super::store::{self, SaveError, lock, lock_wait, save_locked};
use super::tracking::{Edit, ItemEdit};
use crate::tracker::Plan;
use jiff::Timestamp;
use std::path::Path;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

/// Where an import goes.
pub struct Target<'a> {
    pub report: &'a str,
    pub title: Option<&'a str>,
    pub authority: Option<&'a str>,
    /// The file the tracker came from, recorded on the report and in the history.
    pub source: &'a str,
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created_report: bool,
    pub recommendations: usize,
    pub actions: usize,
    pub statuses: usize,
    pub notes: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("report `{report}` already has {}: nothing was imported", ids.join(", "))]
    Clash { report: String, ids: Vec<String> },
    #[error("the imported report would not load ({0}): nothing was imported")]
    Invalid(String),
    #[error(transparent)]
    Save(#[from] SaveError),
}

fn text_array(values: &[String]) -> Item {
    let mut a = Array::new();
    for v in values {
        a.push(v.as_str());
    }
    value(a)
}

/// The report file's new text, or the ids that clash with what it has.
fn report_text(
    existing: Option<&str>,
    target: &Target<'_>,
    plan: &Plan,
    now: Timestamp,
) -> Result<(String, usize), ImportError> {
    let mut doc: DocumentMut = match existing {
        Some(text) => text
            .parse()
            .map_err(|e: toml_edit::TomlError| ImportError::Invalid(e.message().to_string()))?,
        None => {
            let mut doc = DocumentMut::new();
            doc.decor_mut().set_prefix(format!(
                "# Imported from {} on {}.\n",
                target.source,
                now.strftime("%Y-%m-%d")
            ));
            doc["id"] = value(target.report);
            doc["title"] = value(target.title.unwrap_or(target.report));
            doc["authority"] = value(target.authority.unwrap_or_default());
            doc["source"] = value(target.source);
            doc
        }
    };
    let ids_in = |key: &str| -> Vec<String> {
        doc.get(key)
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| {
                        t.get("id")
                            .or_else(|| t.get("ref"))
                            .and_then(|v| v.as_str())
                            .map(str::to_string)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let existing_recs = ids_in("recommendations");
    let existing_actions = ids_in("actions");
    let taken: Vec<String> = plan
        .actions
        .iter()
        .map(|a| a.id.clone())
        .filter(|id| existing_actions.contains(id) || existing_recs.contains(id))
        .collect();
    if !taken.is_empty() {
        return Err(ImportError::Clash {
            report: target.report.to_string(),
            ids: taken,
        });
    }
    let mut added = 0;
    let mut recs = ArrayOfTables::new();
    for r in plan
        .recommendations
        .iter()
        .filter(|r| !existing_recs.contains(&r.id))
    {
        let mut t = Table::new();
        t["id"] = value(&r.id);
        t["ref"] = value(if r.id.starts_with("row-") { "" } else { &r.id });
        t["text"] = value(&r.text);
        t["source_ref"] = value(format!("{}, line {}", target.source, r.line));
        recs.push(t);
        added += 1;
    }
    let mut actions = ArrayOfTables::new();
    for a in &plan.actions {
        let mut t = Table::new();
        t["id"] = value(&a.id);
        t["answers"] = text_array(&a.answers);
        t["text"] = value(&a.text);
        t["timescale"] = value(&a.timescale);
        t["owners"] = text_array(&a.owners);
        t["owners_printed"] = value(&a.owners_printed);
        t["source_ref"] = value(format!("{}, line {}", target.source, a.line));
        actions.push(t);
    }
    for (key, new) in [("recommendations", recs), ("actions", actions)] {
        match doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
            Some(list) => list.extend(new),
            None if !new.is_empty() => doc[key] = Item::ArrayOfTables(new),
            None => {}
        }
    }
    Ok((doc.to_string(), added))
}

/// Imports `plan` into the workspace at `dir`. Either everything is written or nothing.
pub fn import(
    dir: &Path,
    target: &Target<'_>,
    plan: &Plan,
    who: &str,
    now: Timestamp,
) -> Result<Summary, ImportError> {
    let _lock = lock(dir, lock_wait())?;
    let path = dir.join("reports").join(format!("{}.toml", target.report));
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(SaveError::Io { path, source }.into()),
    };
    let (text, recommendations) = report_text(existing.as_deref(), target, plan, now)?;
    let name = format!("reports/{}.toml", target.report);
    if let Some(error) = super::check_text(&name, &text)
        .into_iter()
        .find(|d| d.is_error())
    {
        return Err(ImportError::Invalid(error.to_string()));
    }
    let mut edits = Vec::new();
    let note = format!("imported from {}", target.source);
    let states = plan
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a.status, a.progress.as_str()))
        .chain(
            plan.recommendation_states
                .iter()
                .map(|(id, s, p)| (id.as_str(), *s, p.as_str())),
        );
    let (mut statuses, mut notes) = (0, 0);
    for (id, status, progress) in states {
        let item = format!("{}/{id}", target.report);
        if let Some(s) = status {
            edits.push(ItemEdit {
                item: item.clone(),
                edit: Edit::SetStatus(s),
                note: note.clone(),
            });
            statuses += 1;
        }
        if !progress.is_empty() {
            edits.push(ItemEdit {
                item,
                edit: Edit::Note,
                note: progress.to_string(),
            });
            notes += 1;
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| SaveError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    store::write_atomically(&path, text.as_bytes())?;
    if let Err(e) = save_locked(dir, &edits, who, now) {
        // Put the report back as it was, so nothing is half-imported.
        let undo = match &existing {
            Some(old) => store::write_atomically(&path, old.as_bytes()),
            None => std::fs::remove_file(&path).map_err(|source| SaveError::Io {
                path: path.clone(),
                source,
            }),
        };
        if let Err(undo) = undo {
            return Err(ImportError::Invalid(format!(
                "{e}; and restoring the report failed: {undo}"
            )));
        }
        return Err(e.into());
    }
    Ok(Summary {
        created_report: existing.is_none(),
        recommendations,
        actions: plan.actions.len(),
        statuses,
        notes,
    })
}
