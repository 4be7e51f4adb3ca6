//! Reading an officer's update back: finding the Updates sheet and its header row in
//! the file's grids (`read`), then deciding, row by row, which cells the officer
//! changed, which of those may be applied, and which must be reported (`plan`).

use super::{Column, SHEET, Stamp, key, parse_date};
use crate::model::{Change as HistoryEntry, ChangeKind, Item, Status};
use crate::tracker::Vocabulary;
use crate::tracker::grid::Grid;
use jiff::civil::Date;
use std::collections::HashMap;

/// One filled-in row: where it is, the item's id and the officer's cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateRow {
    /// Where the row is, in the words a person looks for it by (`sheet "Updates", row 7`).
    pub place: String,
    pub id: String,
    pub status: String,
    pub progress: String,
    pub revised: String,
    pub reason: String,
    /// The version stamp cell (empty when the file has no such column).
    pub version: String,
}

/// The rows of an update file, from the sheet that has the Item id column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateFile {
    /// Where the header row is.
    pub header: String,
    pub rows: Vec<UpdateRow>,
    /// Whether the file kept the version stamps (without them, a change made in the
    /// workspace since the export cannot be noticed).
    pub has_version: bool,
}

/// Finds the sheet and header row with an Item id column (preferring the sheet named
/// Updates) and reads the rows under it; blank rows are left out.
pub fn read(grids: &[Grid]) -> Result<UpdateFile, String> {
    let ordered = grids
        .iter()
        .filter(|g| g.sheet.as_deref() == Some(SHEET))
        .chain(grids.iter().filter(|g| g.sheet.as_deref() != Some(SHEET)));
    let id_key = key(Column::ItemId.header());
    for grid in ordered {
        let Some(h) = grid
            .rows
            .iter()
            .position(|r| r.cells.iter().any(|c| key(c) == id_key))
        else {
            continue;
        };
        let header = &grid.rows[h];
        let at = |column: Column| {
            let wanted = key(column.header());
            header.cells.iter().position(|c| key(c) == wanted)
        };
        let (id, status, progress, revised, reason, version) = (
            at(Column::ItemId),
            at(Column::Status),
            at(Column::Progress),
            at(Column::RevisedDate),
            at(Column::Reason),
            at(Column::Version),
        );
        let rows = grid.rows[h + 1..]
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| {
                let cell = |i: Option<usize>| i.map_or(String::new(), |i| r.cell(i).to_string());
                UpdateRow {
                    place: grid.place(r.number),
                    id: cell(id),
                    status: cell(status),
                    progress: cell(progress),
                    revised: cell(revised),
                    reason: cell(reason),
                    version: cell(version),
                }
            })
            .collect();
        return Ok(UpdateFile {
            header: grid.place(header.number),
            rows,
            has_version: version.is_some(),
        });
    }
    Err(format!(
        "no sheet has an \"{}\" column: this is not an officers' update (make one with `scrutineer export --format xlsx`)",
        Column::ItemId.header()
    ))
}

/// One change an officer made to an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Status {
        from: Status,
        to: Status,
    },
    /// A progress update.
    Note(String),
    Revise {
        from: Option<Date>,
        to: Date,
        reason: String,
    },
}

impl Change {
    /// What kind of change it is, as the summary counts them.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Status { .. } => "status",
            Change::Note(_) => "note",
            Change::Revise { .. } => "revised deadline",
        }
    }

    /// The change in a few words.
    pub fn detail(&self) -> String {
        match self {
            Change::Status { from, to } => format!("{from} -> {to}"),
            Change::Note(text) => text.clone(),
            Change::Revise { from, to, reason } => format!(
                "{} -> {to}: {reason}",
                from.map_or("no date".to_string(), |d| d.to_string())
            ),
        }
    }

    /// The note its history entry gets: it says which file the change came from.
    pub fn note(&self, source: &str) -> String {
        let from = source_note(source);
        match self {
            Change::Status { .. } => from,
            Change::Note(text) => format!("{from}: {text}"),
            Change::Revise { reason, .. } => format!("{from}: {reason}"),
        }
    }

    /// Whether the item already is as this change would make it, as applied from
    /// `source` (`since`: the item's history entries since the export).
    fn in_effect(&self, item: &Item, since: &[HistoryEntry], source: &str) -> bool {
        match self {
            Change::Status { to, .. } => item.tracking.status == *to,
            Change::Note(_) => {
                let note = self.note(source);
                since
                    .iter()
                    .any(|c| c.kind == ChangeKind::Note && c.note == note)
            }
            Change::Revise { to, .. } => item.due() == Some(*to),
        }
    }

    /// The same change, from what the item is now.
    fn rebased(self, item: &Item) -> Change {
        match self {
            Change::Status { to, .. } => Change::Status {
                from: item.tracking.status,
                to,
            },
            Change::Revise { to, reason, .. } => Change::Revise {
                from: item.due(),
                to,
                reason,
            },
            note => note,
        }
    }
}

/// What every history entry made from `source` starts its note with.
fn source_note(source: &str) -> String {
    format!("from officer update {source}")
}

/// A change to apply: where it was asked for, to which item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub place: String,
    pub item: String,
    pub change: Change,
}

/// A row the officer changed whose item was also changed in the workspace since the
/// export: nothing of it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub place: String,
    pub item: String,
    /// What the officer asked for.
    pub wanted: Vec<Change>,
    /// What changed in the workspace since, as history lines (who, when, what).
    pub since: Vec<String>,
}

/// A row that cannot be applied, and why; nothing of it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    /// The item, when the row names one.
    pub item: String,
    pub message: String,
}

/// What an update file comes to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Rows read (blank rows are not counted).
    pub rows: usize,
    pub updates: Vec<Update>,
    /// Rows with nothing changed.
    pub unchanged: usize,
    /// Rows whose changes were applied from this file before (it was imported again).
    pub already_applied: usize,
    pub conflicts: Vec<Conflict>,
    pub problems: Vec<Problem>,
}

impl Plan {
    /// The number of updates of each kind present: statuses, notes, revised deadlines.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        ["status", "note", "revised deadline"]
            .into_iter()
            .map(|kind| {
                let n = self
                    .updates
                    .iter()
                    .filter(|u| u.change.kind() == kind)
                    .count();
                (kind, n)
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// What one row comes to.
enum Outcome {
    /// A row with no id and nothing filled in: not counted.
    Skipped,
    Unchanged,
    AlreadyApplied,
    Apply(Vec<Update>),
    Conflict(Conflict),
    Problem(String, String),
}

/// Decides what each row of `file` comes to. `source` is the file's name, which the
/// history notes carry; `find` looks an item up by id (or says why not). A row whose
/// item changed since the export and that has changes is a conflict, unless every
/// change since came from this same file (it is being imported again): then only what
/// is not yet in effect is applied. Status words are read with `words` (Green, Amber,
/// Red, Complete..., and scrutineer's own names).
pub fn plan<'a>(
    file: &UpdateFile,
    source: &str,
    words: &Vocabulary,
    find: impl Fn(&str) -> Result<&'a Item, String>,
) -> Plan {
    let mut plan = Plan::default();
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in &file.rows {
        let outcome = match row_outcome(row, file.has_version, source, words, &find) {
            Outcome::Apply(updates) => match updates.first() {
                Some(first) if seen.contains_key(&first.item) => Outcome::Problem(
                    first.item.clone(),
                    format!(
                        "{} is also on {}; only that row was read",
                        first.item, seen[&first.item]
                    ),
                ),
                Some(first) => {
                    seen.insert(first.item.clone(), row.place.clone());
                    Outcome::Apply(updates)
                }
                None => Outcome::Unchanged,
            },
            other => other,
        };
        if !matches!(outcome, Outcome::Skipped) {
            plan.rows += 1;
        }
        match outcome {
            Outcome::Skipped => {}
            Outcome::Unchanged => plan.unchanged += 1,
            Outcome::AlreadyApplied => plan.already_applied += 1,
            Outcome::Apply(updates) => plan.updates.extend(updates),
            Outcome::Conflict(c) => plan.conflicts.push(c),
            Outcome::Problem(item, message) => plan.problems.push(Problem {
                place: row.place.clone(),
                item,
                message,
            }),
        }
    }
    plan
}

fn row_outcome<'a>(
    row: &UpdateRow,
    has_version: bool,
    source: &str,
    words: &Vocabulary,
    find: &impl Fn(&str) -> Result<&'a Item, String>,
) -> Outcome {
    let officer = [&row.status, &row.progress, &row.revised, &row.reason];
    if row.id.is_empty() {
        if officer.iter().all(|c| c.is_empty()) {
            return Outcome::Skipped;
        }
        return Outcome::Problem(
            String::new(),
            "the row has no item id, so it cannot be matched".to_string(),
        );
    }
    let item = match find(&row.id) {
        Ok(item) => item,
        Err(why) => return Outcome::Problem(row.id.clone(), why),
    };
    let exported = if has_version {
        Stamp::parse(&row.version)
    } else {
        Some(Stamp::of(item))
    };
    let (status, deadline) = exported
        .as_ref()
        .map_or((item.tracking.status, item.due()), |s| {
            (s.status, s.deadline)
        });
    let wanted = match wanted(row, status, deadline, words) {
        Ok(w) if w.is_empty() => return Outcome::Unchanged,
        Ok(w) => w,
        Err(why) => {
            return Outcome::Problem(
                item.id.clone(),
                format!("{why} (nothing in this row was applied)"),
            );
        }
    };
    let Some(exported) = exported else {
        return Outcome::Problem(
            item.id.clone(),
            "the hidden version column of this row is empty or was changed, so a change made in scrutineer since the export cannot be ruled out (nothing in this row was applied)".to_string(),
        );
    };
    let update = |change: Change| Update {
        place: row.place.clone(),
        item: item.id.clone(),
        change,
    };
    if Stamp::of(item) == exported {
        return Outcome::Apply(wanted.into_iter().map(update).collect());
    }
    let history = &item.tracking.history;
    let own = source_note(source);
    let own_with_text = format!("{own}: ");
    let is_own = |c: &HistoryEntry| c.note == own || c.note.starts_with(&own_with_text);
    match history.get(exported.history..) {
        Some(since) if !since.is_empty() && since.iter().all(is_own) => {
            let remaining: Vec<Update> = wanted
                .into_iter()
                .filter(|c| !c.in_effect(item, since, source))
                .map(|c| update(c.rebased(item)))
                .collect();
            if remaining.is_empty() {
                Outcome::AlreadyApplied
            } else {
                Outcome::Apply(remaining)
            }
        }
        since => {
            // A history cut short by hand: its latest entries are what is known.
            let since = since.unwrap_or(&history[history.len().saturating_sub(3)..]);
            let mut lines: Vec<String> = since.iter().map(HistoryEntry::summary).collect();
            if lines.is_empty() {
                let now = Stamp::of(item);
                lines.push(format!(
                    "tracking.toml was changed by hand (no history entry): at the export {}, now {}",
                    exported.state(),
                    now.state()
                ));
            }
            Outcome::Conflict(Conflict {
                place: row.place.clone(),
                item: item.id.clone(),
                wanted,
                since: lines,
            })
        }
    }
}

/// The changes a row asks for, against the item as it was exported; or why the row
/// cannot be read.
fn wanted(
    row: &UpdateRow,
    status: Status,
    deadline: Option<Date>,
    words: &Vocabulary,
) -> Result<Vec<Change>, String> {
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    if !row.status.is_empty() {
        match words.status(&row.status) {
            None => problems.push(format!(
                "unknown status `{}`; choose one of {}",
                row.status,
                super::OFFICER_STATUSES.map(Status::as_str).join(", ")
            )),
            Some(to) if to == status => {}
            Some(Status::SignedOff) => problems.push(
                "an officer cannot sign an item off: the committee does (the clerk records it with `scrutineer signoff`)"
                    .to_string(),
            ),
            Some(to) => changes.push(Change::Status { from: status, to }),
        }
    }
    if !row.progress.is_empty() {
        changes.push(Change::Note(row.progress.clone()));
    }
    match (row.revised.is_empty(), row.reason.is_empty()) {
        (true, true) => {}
        (true, false) => problems.push(format!(
            "a reason for a revised date is given (\"{}\") but no revised date",
            row.reason
        )),
        (false, _) => match parse_date(&row.revised) {
            None => problems.push(format!(
                "the revised date `{}` is not a date (give it as 31/03/2027 or 2027-03-31)",
                row.revised
            )),
            Some(to) if Some(to) == deadline => {}
            Some(to) if row.reason.is_empty() => problems.push(format!(
                "the revised date {to} has no reason: a deadline moves only with one (fill in \"{}\")",
                Column::Reason.header()
            )),
            Some(to) => changes.push(Change::Revise {
                from: deadline,
                to,
                reason: row.reason.clone(),
            }),
        },
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tracker::grid::{Grid, GridRow};

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: Some("Updates".to_string()),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| GridRow {
                    number: i as u64 + 1,
                    cells: cells.iter().map(|c| c.to_string()).collect(),
                })
                .collect(),
        }
    }

    fn item(id: &str) -> Item {
        Item {
            id: id.to_string(),
            kind: crate::model::ItemKind::Action,
            report: 0,
            index: 0,
            recommendation_ids: Vec::new().into(),
            recommendations: Vec::new(),
            text: "".into(),
            timescale: "".into(),
            deadline: crate::model::parse_timescale("31.10.03", None),
            owners: Vec::new(),
            owners_as_printed: Vec::new().into(),
            tracking: Default::default(),
            warnings: Vec::new(),
            committees: Vec::new().into(),
        }
    }

    fn row(
        id: &str,
        status: &str,
        progress: &str,
        revised: &str,
        reason: &str,
        version: &str,
    ) -> UpdateRow {
        UpdateRow {
            place: "sheet \"Updates\", row 2".to_string(),
            id: id.to_string(),
            status: status.to_string(),
            progress: progress.to_string(),
            revised: revised.to_string(),
            reason: reason.to_string(),
            version: version.to_string(),
        }
    }

    #[test]
    fn the_header_row_is_found_below_a_title() {
        let g = grid(&[
            &["Officers' update"],
            &[],
            &[
                "Item id",
                "Status",
                "Progress update",
                "Revised date",
                "Reason for revised date",
                "Version (do not change)",
            ],
            &["r/1", "Green", "", "", "", "v"],
            &[],
        ]);
        let file = read(&[g]).expect("reads");
        assert_eq!(file.header, "sheet \"Updates\", row 3");
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].status, "Green");
        assert_eq!(file.rows[0].place, "sheet \"Updates\", row 4");
        assert!(file.has_version);
        assert!(read(&[grid(&[&["Ref", "Action"]])]).is_err());
    }

    #[test]
    fn only_what_the_officer_changed_is_planned() {
        let it = item("r/1");
        let stamp = Stamp::of(&it).to_string();
        let file = UpdateFile {
            header: String::new(),
            rows: vec![
                row("r/1", "not-started", "", "", "", &stamp),
                row(
                    "r/1",
                    "Amber",
                    "Met on Tuesday",
                    "31/03/2027",
                    "survey moved",
                    &stamp,
                ),
                row("r/9", "", "note", "", "", &stamp),
            ],
            has_version: true,
        };
        let find = |id: &str| {
            if id == "r/1" {
                Ok(&it)
            } else {
                Err(format!("no item has the id `{id}`"))
            }
        };
        let plan = plan(&file, "t.xlsx", &Vocabulary::shipped(), find);
        assert_eq!(plan.rows, 3);
        assert_eq!(plan.unchanged, 1);
        let kinds: Vec<&str> = plan.updates.iter().map(|u| u.change.kind()).collect();
        assert_eq!(kinds, ["status", "note", "revised deadline"]);
        assert_eq!(
            plan.updates[0].change.note("t.xlsx"),
            "from officer update t.xlsx"
        );
        assert_eq!(
            plan.updates[1].change.note("t.xlsx"),
            "from officer update t.xlsx: Met on Tuesday"
        );
        assert_eq!(plan.problems.len(), 1);
        assert!(plan.problems[0].message.contains("r/9"));
    }

    #[test]
    fn a_revised_date_needs_a_reason_and_an_officer_cannot_sign_off() {
        let it = item("r/1");
        let stamp = Stamp::of(&it).to_string();
        for (status, revised, reason, expected) in [
            ("", "2027-03-31", "", "has no reason"),
            ("", "", "because", "no revised date"),
            ("", "next year", "because", "not a date"),
            ("signed off", "", "", "cannot sign"),
            ("purple", "", "", "unknown status"),
        ] {
            let file = UpdateFile {
                header: String::new(),
                rows: vec![row("r/1", status, "a note", revised, reason, &stamp)],
                has_version: true,
            };
            let plan = plan(&file, "t.xlsx", &Vocabulary::shipped(), |_| Ok(&it));
            assert!(plan.updates.is_empty(), "{expected}");
            assert!(
                plan.problems[0].message.contains(expected),
                "{:?}",
                plan.problems
            );
        }
    }

    #[test]
    fn a_change_in_the_workspace_since_the_export_is_a_conflict() {
        let before = item("r/1");
        let stamp = Stamp::of(&before).to_string();
        let mut after = item("r/1");
        after.tracking.status = Status::AtRisk;
        after.tracking.history.push(HistoryEntry {
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "clerk".to_string(),
            kind: ChangeKind::Status,
            from: "not-started".to_string(),
            to: "at-risk".to_string(),
            note: String::new(),
        });
        let file = UpdateFile {
            header: String::new(),
            rows: vec![
                row("r/1", "on-track", "", "", "", &stamp),
                row("r/1", "not-started", "", "", "", &stamp),
            ],
            has_version: true,
        };
        let plan = plan(&file, "t.xlsx", &Vocabulary::shipped(), |_| Ok(&after));
        assert_eq!(plan.conflicts.len(), 1);
        assert!(plan.conflicts[0].since[0].contains("clerk status not-started -> at-risk"));
        assert_eq!(plan.unchanged, 1, "an untouched row is no conflict");
        assert!(plan.updates.is_empty());
    }

    #[test]
    fn changes_already_applied_from_the_same_file_are_not_applied_again() {
        let before = item("r/1");
        let stamp = Stamp::of(&before).to_string();
        let mut after = item("r/1");
        after.tracking.status = Status::AtRisk;
        after.tracking.history.push(HistoryEntry {
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "clerk".to_string(),
            kind: ChangeKind::Status,
            from: "not-started".to_string(),
            to: "at-risk".to_string(),
            note: "from officer update t.xlsx".to_string(),
        });
        let file = UpdateFile {
            header: String::new(),
            rows: vec![row("r/1", "amber", "", "", "", &stamp)],
            has_version: true,
        };
        let again = plan(&file, "t.xlsx", &Vocabulary::shipped(), |_| Ok(&after));
        assert_eq!(again.already_applied, 1);
        assert!(again.updates.is_empty() && again.conflicts.is_empty());
        let other = plan(&file, "u.xlsx", &Vocabulary::shipped(), |_| Ok(&after));
        assert_eq!(
            other.conflicts.len(),
            1,
            "another file's change is a conflict"
        );
    }

    #[test]
    fn a_hand_edit_or_another_file_of_a_longer_name_is_a_conflict() {
        let before = item("r/1");
        let stamp = Stamp::of(&before).to_string();
        let mut by_hand = item("r/1");
        by_hand.tracking.status = Status::Complete;
        let file = UpdateFile {
            header: String::new(),
            rows: vec![row("r/1", "at-risk", "", "", "", &stamp)],
            has_version: true,
        };
        let words = Vocabulary::shipped();
        let plan_by_hand = plan(&file, "t.xlsx", &words, |_| Ok(&by_hand));
        assert_eq!(plan_by_hand.conflicts.len(), 1);
        assert!(plan_by_hand.conflicts[0].since[0].contains("changed by hand"));
        let mut other = item("r/1");
        other.tracking.history.push(HistoryEntry {
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "clerk".to_string(),
            kind: ChangeKind::Note,
            from: String::new(),
            to: String::new(),
            note: "from officer update t.xlsx.bak: hello".to_string(),
        });
        let plan_other = plan(&file, "t.xlsx", &words, |_| Ok(&other));
        assert_eq!(plan_other.conflicts.len(), 1);
    }
}
