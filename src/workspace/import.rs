//! Writing an imported tracker into the workspace: new recommendations and actions
//! appended to a report file (created if need be, keeping a person's comments and
//! layout if not), statuses, progress, revised dates and responses into the tracking
//! file. All or nothing. `prepare` does everything but the write, so a dry run fails
//! exactly where the real import would; `commit` writes what it prepared.

use super::Workspace;
use super::store::{self, Clock, SaveError, lock, lock_wait};
use super::tracking::{self, Author, Edit, EditError, ItemEdit};
use crate::model::Status;
use crate::tracker::{Field, ImportedCell, Plan, PlannedState, Vocabulary};
use jiff::Timestamp;
use std::path::{Path, PathBuf};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

/// The workspace's own status words, extending the shipped ones.
pub const STATUSES_FILE: &str = "statuses.toml";

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
    pub revisions: usize,
    pub responses: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("report `{report}` already has {}: nothing was imported", ids.join(", "))]
    Clash { report: String, ids: Vec<String> },
    #[error("the imported report would not load ({0}): nothing was imported")]
    Invalid(String),
    #[error("{0}: nothing was imported")]
    Tracking(String),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// The status vocabulary of the workspace at `dir`: the shipped words and its own
/// `statuses.toml`. A mistake in that file is reported with its line and column.
pub fn vocabulary(dir: &Path) -> Result<Vocabulary, String> {
    let mut v = Vocabulary::shipped();
    let path = dir.join(STATUSES_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => v.extend(&text).map_err(|e| match e.position {
            Some((line, col)) => format!("{STATUSES_FILE}:{line}:{col}: error: {}", e.message),
            None => format!("{STATUSES_FILE}: error: {}", e.message),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{STATUSES_FILE}: error: {e}")),
    }
    Ok(v)
}

fn text_array(values: &[String]) -> Item {
    let mut a = Array::new();
    for v in values {
        a.push(v.as_str());
    }
    value(a)
}

/// Imported cells as an array of inline tables, one a line.
fn imported_array(cells: &[ImportedCell]) -> Item {
    let mut a = Array::new();
    for c in cells {
        let mut t = InlineTable::new();
        t.insert("column", c.column.as_str().into());
        if let Some(f) = c.field {
            t.insert("field", f.as_str().into());
        }
        t.insert("text", c.text.as_str().into());
        a.push(t);
    }
    for v in a.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
    }
    a.set_trailing("\n");
    a.set_trailing_comma(true);
    value(a)
}

/// The cells kept on an item, with its status as printed when that was not understood.
fn kept(cells: &[ImportedCell], state: &PlannedState) -> Vec<ImportedCell> {
    let mut out = cells.to_vec();
    // A status word not understood, or one meaning "not started" (no change is recorded
    // for it, so the word would be nowhere else), is kept as printed.
    let unrecorded = matches!(state.status, None | Some(Status::NotStarted))
        && Status::parse(&state.status_printed).is_none();
    if unrecorded && !state.status_printed.is_empty() {
        out.insert(
            0,
            ImportedCell {
                column: state.status_column.clone(),
                field: Some(Field::Status),
                text: state.status_printed.clone(),
            },
        );
    }
    out
}

fn status_note(state: &PlannedState) -> String {
    if state.status.is_none() && !state.status_printed.is_empty() {
        format!(
            "The tracker's status `{}` is not one scrutineer knows: it is kept as printed, and the status left as not started.",
            state.status_printed
        )
    } else {
        String::new()
    }
}

fn joined(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_string(),
        (true, false) => b.to_string(),
        (false, false) => format!("{a} {b}"),
    }
}

/// The report file's new text, and how many recommendations it adds.
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
            let title = target
                .title
                .map(str::to_string)
                .or_else(|| plan.title.clone())
                .unwrap_or_else(|| target.report.to_string());
            doc["title"] = value(title);
            doc["authority"] = value(target.authority.unwrap_or_default());
            doc["source"] = value(target.source);
            doc
        }
    };
    if !plan.report_notes.is_empty() {
        let notes = doc
            .entry("notes")
            .or_insert_with(|| value(Array::new()))
            .as_array_mut()
            .ok_or_else(|| ImportError::Invalid("`notes` is not a list".to_string()))?;
        for n in &plan.report_notes {
            notes.push(format!("Imported from {}: {n}", target.source));
        }
    }
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
        t["ref"] = value(&r.reference);
        if !r.heading.is_empty() {
            t["heading"] = value(&r.heading);
        }
        t["text"] = value(&r.text);
        if !r.timescale.is_empty() {
            t["timescale"] = value(&r.timescale);
        }
        if !r.owners.is_empty() {
            t["owners"] = text_array(&r.owners);
        }
        t["source_ref"] = value(format!("{}, {}", target.source, r.place));
        let note = joined(&r.note, &status_note(&r.state));
        if !note.is_empty() {
            t["note"] = value(note);
        }
        let cells = kept(&r.imported, &r.state);
        if !cells.is_empty() {
            t["imported"] = imported_array(&cells);
        }
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
        t["source_ref"] = value(format!("{}, {}", target.source, a.place));
        let note = joined(&a.note, &status_note(&a.state));
        if !note.is_empty() {
            t["note"] = value(note);
        }
        let cells = kept(&a.imported, &a.state);
        if !cells.is_empty() {
            t["imported"] = imported_array(&cells);
        }
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

/// The tracking edits an import makes, and how many of each kind.
fn edits(target: &Target<'_>, plan: &Plan) -> (Vec<ItemEdit>, [usize; 4]) {
    let mut out = Vec::new();
    let mut counts = [0; 4];
    let from = format!("imported from {}", target.source);
    let mut state_edits = |id: &str, state: &PlannedState| {
        let item = format!("{}/{id}", target.report);
        if let Some(s) = state.status
            && s != Status::NotStarted
        {
            out.push(ItemEdit {
                item: item.clone(),
                edit: Edit::SetStatus(s),
                note: format!("{from} (printed: {})", state.status_printed),
            });
            counts[0] += 1;
        }
        for n in &state.notes {
            out.push(ItemEdit {
                item: item.clone(),
                edit: Edit::Note,
                note: n.clone(),
            });
            counts[1] += 1;
        }
        if let Some((date, column)) = &state.revised {
            out.push(ItemEdit {
                item,
                edit: Edit::Revise(*date),
                note: format!("{from} (column \"{column}\")"),
            });
            counts[2] += 1;
        }
    };
    for a in &plan.actions {
        state_edits(&a.id, &a.state);
    }
    for r in &plan.recommendations {
        state_edits(&r.id, &r.state);
    }
    for r in &plan.recommendations {
        if let Some((kind, text)) = &r.response {
            out.push(ItemEdit {
                item: format!("{}/{}", target.report, r.id),
                edit: Edit::Respond(*kind),
                note: text.clone(),
            });
            counts[3] += 1;
        }
    }
    (out, counts)
}

/// Why the tracking file cannot take the import's edits, placed in the file.
fn tracking_error(e: EditError) -> ImportError {
    ImportError::Tracking(match e {
        EditError::Corrupt { position, message } => {
            let (line, column) = position.unwrap_or((1, 1));
            format!("{}:{line}:{column}: {message}", tracking::FILE)
        }
        EditError::Invalid(message) => format!("{}: {message}", tracking::FILE),
    })
}

/// An import ready to write: the report file's new text and the tracking file's.
#[derive(Clone)]
pub struct Prepared {
    pub report_path: PathBuf,
    pub existing: Option<String>,
    pub report_text: String,
    pub edits: Vec<ItemEdit>,
    /// The tracking file as it will be (None: unchanged).
    pub tracking_text: Option<String>,
    pub summary: Summary,
}

/// Does everything an import does but write: reads the report and tracking files,
/// builds their new texts and checks that both read back. A dry run stops here.
pub fn prepare(
    dir: &Path,
    target: &Target<'_>,
    plan: &Plan,
    who: &Author,
    now: Timestamp,
) -> Result<Prepared, ImportError> {
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
    let (edits, [statuses, notes, revisions, responses]) = edits(target, plan);
    let tracking_path = dir.join(tracking::FILE);
    let tracking = match std::fs::read_to_string(&tracking_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => tracking::HEADER.to_string(),
        Err(source) => {
            return Err(SaveError::Io {
                path: tracking_path,
                source,
            }
            .into());
        }
    };
    let (tracking_text, _) =
        tracking::edit_text(&tracking, &edits, who, now).map_err(tracking_error)?;
    Ok(Prepared {
        report_path: path,
        existing: existing.clone(),
        report_text: text,
        edits,
        tracking_text,
        summary: Summary {
            created_report: existing.is_none(),
            recommendations,
            actions: plan.actions.len(),
            statuses,
            notes,
            revisions,
            responses,
        },
    })
}

/// The workspace as it would be after the import: the same people, committees and
/// statuses, the report as imported and the tracking file as edited, loaded from a
/// folder of its own that is removed afterwards. The dry run lists its items.
pub fn preview(dir: &Path, prepared: &Prepared) -> Result<Workspace, String> {
    let scratch = std::env::temp_dir().join(format!(
        "scrutineer-preview-{}-{}",
        std::process::id(),
        Timestamp::now().as_nanosecond()
    ));
    let result = (|| {
        let reports = scratch.join("reports");
        std::fs::create_dir_all(&reports).map_err(|e| e.to_string())?;
        for name in ["people.toml", "committees.toml", STATUSES_FILE] {
            let from = dir.join(name);
            if from.is_file() {
                std::fs::copy(&from, scratch.join(name)).map_err(|e| e.to_string())?;
            }
        }
        let file = prepared
            .report_path
            .file_name()
            .map(|n| reports.join(n))
            .unwrap_or_else(|| reports.join("imported.toml"));
        std::fs::write(&file, &prepared.report_text).map_err(|e| e.to_string())?;
        if let Some(t) = &prepared.tracking_text {
            std::fs::write(scratch.join(tracking::FILE), t).map_err(|e| e.to_string())?;
        } else if dir.join(tracking::FILE).is_file() {
            std::fs::copy(dir.join(tracking::FILE), scratch.join(tracking::FILE))
                .map_err(|e| e.to_string())?;
        }
        Workspace::load(&scratch).map_err(|e| e.to_string())
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

/// The journal of an import being committed: while it exists, the import has passed
/// its point of no return and the pending files are to be moved into place.
pub const JOURNAL: &str = ".scrutineer-import";

/// Where a file's new text waits until an import is committed.
fn pending(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".import");
    path.with_file_name(name)
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Finishes or undoes an import a crash interrupted, so an import is all or nothing.
/// Call it holding the workspace lock. With a journal, the import had been committed:
/// its pending files are moved into place. Without one, it had not: its pending files
/// are removed. Says what it did, if anything.
pub fn recover(dir: &Path) -> Result<Option<String>, SaveError> {
    let journal = dir.join(JOURNAL);
    match std::fs::read_to_string(&journal) {
        Ok(text) => {
            let mut moved = Vec::new();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let to = dir.join(line.trim());
                let from = pending(&to);
                if from.exists() {
                    std::fs::rename(&from, &to).map_err(io(&to))?;
                    moved.push(line.trim().to_string());
                }
            }
            std::fs::remove_file(&journal).map_err(io(&journal))?;
            Ok(Some(format!(
                "an import that was interrupted after it was committed has been completed ({})",
                if moved.is_empty() {
                    "nothing was left to move".to_string()
                } else {
                    moved.join(", ")
                }
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let found = leftovers(dir);
            if found.is_empty() {
                return Ok(None);
            }
            for p in &found {
                std::fs::remove_file(p).map_err(io(p))?;
            }
            Ok(Some(
                "an import that was interrupted before it was committed has been undone (nothing of it was kept)"
                    .to_string(),
            ))
        }
        Err(source) => Err(SaveError::Io {
            path: journal,
            source,
        }),
    }
}

/// The pending files an import left: the tracking file's and any report's.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = vec![pending(&dir.join(tracking::FILE))];
    if let Ok(entries) = std::fs::read_dir(dir.join("reports")) {
        found.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".toml.import")),
        );
    }
    found.retain(|p| p.exists());
    found
}

/// Whether an interrupted import waits to be finished or undone.
pub fn interrupted(dir: &Path) -> bool {
    dir.join(JOURNAL).exists() || !leftovers(dir).is_empty()
}

/// Writes a prepared import under the workspace lock, as one transaction: both new
/// files are written beside the old ones, a journal marks the point of no return, and
/// then both are moved into place. A crash before the journal leaves the old files
/// (the pending ones are removed by `recover`); after it, `recover` completes the moves.
pub fn commit(
    dir: &Path,
    prepared: &Prepared,
    who: &Author,
    clock: impl Clock,
) -> Result<Summary, ImportError> {
    let _lock = lock(dir, lock_wait())?;
    recover(dir)?;
    // Stamped once the lock is held, as every save is.
    let now = clock.now();
    let path = &prepared.report_path;
    // Another clerk may have changed the report since it was prepared.
    let current = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(SaveError::Io {
                path: path.clone(),
                source,
            }
            .into());
        }
    };
    if current != prepared.existing {
        return Err(ImportError::Invalid(format!(
            "{} changed while the import was being prepared; run it again",
            path.display()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    // The tracking file as it is now, under the lock, with the import's edits.
    let tracking_path = dir.join(tracking::FILE);
    let tracking = match std::fs::read_to_string(&tracking_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => tracking::HEADER.to_string(),
        Err(source) => {
            return Err(SaveError::Io {
                path: tracking_path,
                source,
            }
            .into());
        }
    };
    let (tracking_text, _) =
        tracking::edit_text(&tracking, &prepared.edits, who, now).map_err(tracking_error)?;
    let mut moves = vec![(path.clone(), prepared.report_text.clone())];
    if let Some(t) = tracking_text {
        moves.push((tracking_path, t));
    }
    for (to, text) in &moves {
        // Never through a link out of the workspace.
        store::write_in_workspace(dir, &pending(to), text.as_bytes())?;
    }
    let journal: String = moves
        .iter()
        .filter_map(|(to, _)| to.strip_prefix(dir).ok())
        .map(|p| format!("{}\n", p.to_string_lossy()))
        .collect();
    store::write_in_workspace(dir, &dir.join(JOURNAL), journal.as_bytes())?;
    // Past this point the import happens, now or at the next recovery.
    recover(dir)?;
    Ok(prepared.summary.clone())
}

/// Imports `plan` into the workspace at `dir`. Either everything is written or nothing.
pub fn import(
    dir: &Path,
    target: &Target<'_>,
    plan: &Plan,
    who: &Author,
    clock: impl Clock,
) -> Result<Summary, ImportError> {
    let prepared = prepare(dir, target, plan, who, clock.now())?;
    commit(dir, &prepared, who, clock)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_that_appeared_since_the_import_was_prepared_is_never_written_over() {
        let ws = tempfile::tempdir().expect("temp");
        let dir = ws.path();
        std::fs::create_dir_all(dir.join("reports")).expect("reports");
        // Prepared while there was no such report.
        let prepared = Prepared {
            report_path: dir.join("reports/new.toml"),
            existing: None,
            report_text: "id = \"new\"\ntitle = \"New\"\nauthority = \"\"\n".into(),
            edits: Vec::new(),
            tracking_text: None,
            summary: Summary {
                created_report: true,
                recommendations: 0,
                actions: 0,
                statuses: 0,
                notes: 0,
                revisions: 0,
                responses: 0,
            },
        };
        let who = Author {
            name: "clerk".into(),
            as_given: None,
        };
        let now = Timestamp::UNIX_EPOCH;
        let path = &prepared.report_path;
        let nothing_pending = || {
            assert!(!dir.join(JOURNAL).exists());
            assert!(leftovers(dir).is_empty(), "{:?}", leftovers(dir));
        };
        // Another clerk made it meanwhile.
        std::fs::write(path, "id = \"new\"\n# theirs\n").expect("write");
        let err = commit(dir, &prepared, &who, now).expect_err("theirs is kept");
        assert!(
            err.to_string()
                .contains("changed while the import was being prepared"),
            "{err}"
        );
        assert_eq!(
            std::fs::read_to_string(path).ok().as_deref(),
            Some("id = \"new\"\n# theirs\n")
        );
        nothing_pending();
        // Something that is not text was saved under its name: it cannot be read, so
        // it cannot be known to be absent, and is left as it is.
        let bytes = b"PK\x03\x04\xff\xfe a spreadsheet, not a report";
        std::fs::write(path, bytes).expect("write");
        let err = commit(dir, &prepared, &who, now).expect_err("not written over");
        assert!(
            matches!(&err, ImportError::Save(SaveError::Io { path: p, .. }) if p == path),
            "{err}"
        );
        assert_eq!(std::fs::read(path).ok().as_deref(), Some(&bytes[..]));
        nothing_pending();
        // The tracking file became something that is not text: it is not written over
        // with the import's edits, and the report is not made without them.
        std::fs::remove_file(path).expect("remove");
        let with_an_edit = Prepared {
            edits: vec![ItemEdit {
                item: "new/1".into(),
                edit: Edit::Note,
                note: "a progress note".into(),
            }],
            ..prepared.clone()
        };
        let tracking = dir.join(tracking::FILE);
        std::fs::write(&tracking, bytes).expect("write");
        let err = commit(dir, &with_an_edit, &who, now).expect_err("not written over");
        assert!(
            matches!(&err, ImportError::Save(SaveError::Io { path: p, .. }) if p == &tracking),
            "{err}"
        );
        assert_eq!(std::fs::read(&tracking).ok().as_deref(), Some(&bytes[..]));
        assert!(!path.exists());
        nothing_pending();
        std::fs::remove_file(&tracking).expect("remove");
        // Still absent: the import goes ahead.
        commit(dir, &prepared, &who, now).expect("imports");
        assert_eq!(
            std::fs::read_to_string(path).ok(),
            Some(prepared.report_text.clone())
        );
        nothing_pending();
    }

    #[test]
    fn a_journal_that_cannot_be_read_leaves_the_import_for_a_person_to_see_to() {
        let ws = tempfile::tempdir().expect("temp");
        let dir = ws.path();
        let tracking = dir.join(tracking::FILE);
        std::fs::write(&tracking, "# before\n").expect("tracking");
        std::fs::write(pending(&tracking), "# after\n").expect("pending");
        // The journal is there (the import was committed) but does not read.
        std::fs::write(dir.join(JOURNAL), b"tracking.toml\n\xff\xfe").expect("journal");
        let err = recover(dir).expect_err("not guessed at");
        assert!(
            matches!(&err, SaveError::Io { path, .. } if path == &dir.join(JOURNAL)),
            "{err}"
        );
        // Neither undone nor completed: both files are still there.
        assert_eq!(
            std::fs::read_to_string(&tracking).ok().as_deref(),
            Some("# before\n")
        );
        assert_eq!(
            std::fs::read_to_string(pending(&tracking)).ok().as_deref(),
            Some("# after\n")
        );
        // Once it reads, the import is completed.
        std::fs::write(dir.join(JOURNAL), "tracking.toml\n").expect("journal");
        let said = recover(dir).expect("recovers").unwrap_or_default();
        assert!(
            said.contains("has been completed (tracking.toml)"),
            "{said}"
        );
        assert_eq!(
            std::fs::read_to_string(&tracking).ok().as_deref(),
            Some("# after\n")
        );
        assert!(!pending(&tracking).exists() && !dir.join(JOURNAL).exists());
    }
}
