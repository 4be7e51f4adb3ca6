//! The workspace folder: loading and checking its files, saving the tracking state
//! under a lock, and the bundled reports. The only code that touches files.

pub mod bundled;
pub mod diagnostic;
pub mod git;
pub mod import;
pub mod merge;
mod pieces;
mod records;
pub mod store;
mod toml_file;
pub mod tracking;
pub mod watch;

pub use diagnostic::{Diagnostic, Severity};
pub use store::{SaveError, login_name, save, writable};
pub use tracking::{Applied, Edit, Expected, ItemEdit};

use crate::model::{Committee, Item, People, Report, items};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A loaded workspace: every report that could be read, the directory, the calendar,
/// the tracked items, and what was wrong on the way.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub dir: PathBuf,
    pub reports: Vec<Report>,
    /// The file each report came from, relative to `dir`, by report index.
    pub report_files: Vec<String>,
    pub people: People,
    pub committees: Vec<Committee>,
    pub items: Vec<Item>,
    pub diagnostics: Vec<Diagnostic>,
    /// The items' indexes in the order of their ids, to find one by id.
    by_id: Vec<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("workspace folder {0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is a file, not a workspace folder")]
    NotAFolder(PathBuf),
    #[error("cannot read the workspace folder {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The largest file scrutineer will read; anything bigger is surely not a report.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads one file as UTF-8 text, or says exactly why not.
fn read_text(dir: &Path, name: &str, out: &mut Vec<Diagnostic>) -> Option<String> {
    let path = dir.join(name);
    match std::fs::metadata(&path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            out.push(Diagnostic::error(
                name,
                None,
                format!(
                    "file is {} MB, larger than the {} MB limit",
                    m.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            ));
            return None;
        }
        Ok(m) if !m.is_file() => {
            out.push(Diagnostic::error(
                name,
                None,
                "expected a file, found a folder",
            ));
            return None;
        }
        Ok(_) => {}
        Err(_) => return None,
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            out.push(Diagnostic::error(name, None, format!("cannot read: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let text = String::from_utf8_lossy(&bytes[..good]);
            out.push(Diagnostic::error(
                name,
                Some(diagnostic::line_col(&text, good)),
                "not valid UTF-8 text (save the file as UTF-8)",
            ));
            None
        }
    }
}

impl Workspace {
    /// Loads the workspace in `dir`. Only a missing or unreadable folder is an error;
    /// everything wrong inside it is in `diagnostics`, and the rest still loads.
    pub fn load(dir: &Path) -> Result<Workspace, LoadError> {
        check_folder(dir)?;
        let mut out = Vec::new();
        recover_import(dir, &mut out);

        let mut owners = Vec::new();
        if let Some(text) = read_text(dir, "people.toml", &mut out) {
            match toml_file::parse::<records::PeopleFile>("people.toml", text, &mut out) {
                Ok(parsed) => owners = records::owners(&parsed, "people.toml", &mut out),
                Err(d) => out.push(d),
            }
        }
        let (mut people, clashes) = People::new(owners);
        for (spelling, first, second) in clashes {
            out.push(Diagnostic::warning(
                "people.toml",
                None,
                format!("`{spelling}` is an alias of both `{first}` and `{second}`; it is taken as `{first}`"),
            ));
        }

        let mut committees = Vec::new();
        if let Some(text) = read_text(dir, "committees.toml", &mut out) {
            match toml_file::parse::<records::CommitteesFile>("committees.toml", text, &mut out) {
                Ok(parsed) => {
                    committees = records::committees(&parsed, "committees.toml", &mut out)
                }
                Err(d) => out.push(d),
            }
        }

        // The tracking file is read beside the reports: they do not depend on each other.
        let (loaded, (tracking_state, tracking_out)) = std::thread::scope(|scope| {
            let tracking = scope.spawn(|| load_tracking(dir));
            let reports = Self::load_reports(dir, &mut out);
            let tracking = tracking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (reports, tracking)
        });
        let (mut reports, report_files) = loaded?;
        for (report, file) in reports.iter().zip(&report_files) {
            for m in &report.meetings {
                if !committees.iter().any(|c| c.id == m.committee) {
                    out.push(Diagnostic::warning(
                        file,
                        None,
                        format!("meeting on {} names committee `{}`, which committees.toml does not have", m.date, m.committee),
                    ));
                }
            }
        }

        out.extend(tracking_out);
        let mut items = items::build(&reports, &mut people);
        out.extend(attach(
            &mut reports,
            &mut items,
            tracking_state.unwrap_or_default(),
        ));
        let scopes: Vec<std::sync::Arc<[String]>> = reports
            .iter()
            .map(|r| select_scope(r, &committees).into())
            .collect();
        for item in &mut items {
            item.committees = scopes[item.report].clone();
        }
        let mut by_id: Vec<usize> = (0..items.len()).collect();
        by_id.sort_unstable_by(|&a, &b| items[a].id.cmp(&items[b].id));
        for item in &items {
            for w in &item.warnings {
                out.push(Diagnostic::warning(
                    &report_files[item.report],
                    None,
                    format!("{}: {w}", item.id),
                ));
            }
        }

        Ok(Workspace {
            dir: dir.to_path_buf(),
            reports,
            report_files,
            people,
            committees,
            items,
            diagnostics: out,
            by_id,
        })
    }

    fn load_reports(
        dir: &Path,
        out: &mut Vec<Diagnostic>,
    ) -> Result<(Vec<Report>, Vec<String>), LoadError> {
        let folder = dir.join("reports");
        let mut names = Vec::new();
        match std::fs::read_dir(&folder) {
            Ok(entries) => {
                for entry in entries {
                    let entry = entry.map_err(|source| LoadError::Unreadable {
                        path: folder.clone(),
                        source,
                    })?;
                    if let Some(name) = report_entry(dir, &entry, out) {
                        names.push(name);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.push(Diagnostic::warning(
                "reports",
                None,
                "no reports folder: the workspace has no reports",
            )),
            Err(e) => out.push(Diagnostic::error(
                "reports",
                None,
                format!("the reports folder cannot be read ({e}): no report was loaded"),
            )),
        }
        names.sort();
        let parsed: Vec<(String, Option<Report>, Vec<Diagnostic>)> = parse_reports(dir, &names);
        // Two files with one id: the file named after the id wins, else the first.
        let mut winners: HashMap<String, String> = HashMap::new();
        for (file, report, _) in &parsed {
            if let Some(r) = report {
                let named = file == &format!("reports/{}.toml", r.id);
                match winners.get(&r.id) {
                    Some(w) if !named || w == &format!("reports/{}.toml", r.id) => {}
                    _ => {
                        winners.insert(r.id.clone(), file.clone());
                    }
                }
            }
        }
        let mut reports: Vec<(Report, String)> = Vec::new();
        for (file, parsed, diagnostics) in parsed {
            out.extend(diagnostics);
            let Some(report) = parsed else {
                continue;
            };
            match winners.get(&report.id) {
                Some(winner) if winner != &file => {
                    out.push(Diagnostic::error(
                        &file,
                        None,
                        format!(
                            "report id `{}` is also the id of {winner}, which is the one loaded (a file named after its id wins); this file is skipped",
                            report.id
                        ),
                    ));
                    continue;
                }
                _ => reports.push((report, file)),
            }
        }
        // Newest papers first; undated ones last.
        reports.sort_by(|(a, _), (b, _)| {
            b.date
                .is_some()
                .cmp(&a.date.is_some())
                .then(b.date.cmp(&a.date))
                .then(a.id.cmp(&b.id))
        });
        Ok(reports.into_iter().unzip())
    }

    /// Reads the tracking file again, keeping the rest as loaded: what a save, or
    /// another clerk's change to the tracking file, needs (at 100,000 items, a fifth of
    /// a whole load). When the file does not parse, nothing changes and the error is
    /// returned.
    pub fn reload_tracking(&mut self) -> Result<(), Diagnostic> {
        let (state, mut out) = load_tracking(&self.dir);
        let Some(state) = state else {
            let error = out.into_iter().find(Diagnostic::is_error);
            return Err(
                error.unwrap_or_else(|| Diagnostic::error(tracking::FILE, None, "cannot be read"))
            );
        };
        out.extend(attach(&mut self.reports, &mut self.items, state));
        self.diagnostics.retain(|d| d.file != tracking::FILE);
        self.diagnostics.extend(out);
        Ok(())
    }

    /// The item with this id: `REPORT/ID`, or a bare `ID` that only one report has.
    pub fn find(&self, id: &str) -> Result<usize, String> {
        if let Ok(k) = self
            .by_id
            .binary_search_by(|&i| self.items[i].id.as_str().cmp(id))
        {
            return Ok(self.by_id[k]);
        }
        let suffix = format!("/{id}");
        let matches: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.id.ends_with(&suffix))
            .map(|(i, _)| i)
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "no item has the id `{id}` (ids look like leicester-2003/2.4a; `scrutineer list` shows them)"
            )),
            many => Err(format!(
                "`{id}` is ambiguous: it could be {}",
                many.iter()
                    .map(|&i| self.items[i].id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// The recommendation with this id: `REPORT/REC`, or a bare `REC` that only one
    /// report has. Returns (report index, recommendation index).
    pub fn find_recommendation(&self, id: &str) -> Result<(usize, usize), String> {
        let (report, rec) = match id.split_once('/') {
            Some((r, x)) => (Some(r), x),
            None => (None, id),
        };
        let found: Vec<(usize, usize)> = self
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| report.is_none_or(|want| r.id == want))
            .flat_map(|(ri, r)| {
                r.recommendations
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.id == rec || (!x.reference.is_empty() && x.reference == rec))
                    .map(move |(xi, _)| (ri, xi))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "no recommendation has the id `{id}` (they look like leicester-2003/2.4; `scrutineer recommendations` lists them)"
            )),
            many => Err(format!(
                "`{id}` is ambiguous: it could be {}",
                many.iter()
                    .map(|(r, x)| format!(
                        "{}/{}",
                        self.reports[*r].id, self.reports[*r].recommendations[*x].id
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    pub fn report(&self, id: &str) -> Option<usize> {
        self.reports.iter().position(|r| r.id == id)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}

/// Whether `dir` can be a workspace at all: it exists and is a folder.
pub fn check_folder(dir: &Path) -> Result<(), LoadError> {
    match std::fs::metadata(dir) {
        Err(_) => Err(LoadError::Missing(dir.to_path_buf())),
        Ok(m) if !m.is_dir() => Err(LoadError::NotAFolder(dir.to_path_buf())),
        Ok(_) => Ok(()),
    }
}

/// Reads and parses every report file, split over the machine's cores, keeping the
/// order of `names`: (file, the report if it parsed, what was wrong).
/// Finishes or undoes an import a crash interrupted, before anything is read, so no
/// one ever sees half an import. When the lock cannot be had (another clerk holds it,
/// or the workspace is read-only) it is left for the next run, and said so.
fn recover_import(dir: &Path, out: &mut Vec<Diagnostic>) {
    if !import::interrupted(dir) {
        return;
    }
    let done = store::lock(dir, std::time::Duration::from_secs(2))
        .map_err(|e| e.to_string())
        .and_then(|_lock| import::recover(dir).map_err(|e| e.to_string()));
    match done {
        Ok(Some(what)) => out.push(Diagnostic::warning(import::JOURNAL, None, what)),
        Ok(None) => {}
        Err(e) => out.push(Diagnostic::error(
            import::JOURNAL,
            None,
            format!("an import was interrupted and cannot be finished or undone now ({e}); run `scrutineer check` where the workspace can be written"),
        )),
    }
}

/// A report file's name in `reports/`, or why the entry is not one: only regular
/// `.toml` files (or links to them inside the workspace) are read, and a FIFO or device
/// is never opened, so loading never blocks on one.
fn report_entry(
    dir: &Path,
    entry: &std::fs::DirEntry,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let raw = entry.file_name();
    let Some(name) = raw.to_str() else {
        out.push(Diagnostic::error(
            &format!("reports/{}", raw.to_string_lossy()),
            None,
            "the file name is not UTF-8 text: rename it (it is not read)",
        ));
        return None;
    };
    if !name.ends_with(".toml") || name.starts_with('.') {
        return None;
    }
    let file = format!("reports/{name}");
    let skip = |what: String, out: &mut Vec<Diagnostic>| {
        out.push(Diagnostic::error(
            &file,
            None,
            format!("{what}, not a report file: it is not read"),
        ));
        None
    };
    let Ok(kind) = entry.file_type() else {
        return skip("cannot be examined".to_string(), out);
    };
    let path = entry.path();
    let target = if kind.is_symlink() {
        match std::fs::metadata(&path) {
            Ok(meta) => {
                let inside = std::fs::canonicalize(&path)
                    .ok()
                    .zip(std::fs::canonicalize(dir).ok())
                    .is_some_and(|(t, d)| t.starts_with(d));
                if !inside {
                    return skip("a symbolic link out of the workspace".to_string(), out);
                }
                meta.file_type()
            }
            Err(e) if e.raw_os_error() == Some(40) => {
                return skip("a symbolic link that loops".to_string(), out);
            }
            Err(_) => return skip("a symbolic link to nothing (dangling)".to_string(), out),
        }
    } else {
        kind
    };
    if target.is_file() {
        return Some(name.to_string());
    }
    let what = if target.is_dir() {
        "a folder".to_string()
    } else {
        special_kind(&target)
    };
    skip(what, out)
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> String {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
    .to_string()
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> String {
    "not a regular file".to_string()
}

fn parse_reports(dir: &Path, names: &[String]) -> Vec<(String, Option<Report>, Vec<Diagnostic>)> {
    let one = |name: &String| {
        let file = format!("reports/{name}");
        let stem = name.trim_end_matches(".toml");
        let mut out = Vec::new();
        let report = read_text(dir, &file, &mut out).and_then(|text| {
            match toml_file::parse::<records::ReportFile>(&file, text, &mut out) {
                Ok(parsed) => Some(records::report(parsed, &file, stem, &mut out)),
                Err(d) => {
                    out.push(d);
                    None
                }
            }
        });
        (file, report, out)
    };
    crate::parallel::in_parts(names, 32, |part| part.iter().map(one).collect())
}

/// Reads `tracking.toml`: the items' tracking state and the responses, and what was
/// wrong with it. The state is None when the file is there but does not parse (the
/// reason is in the diagnostics).
fn load_tracking(dir: &Path) -> (Option<tracking::State>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let state = match read_text(dir, tracking::FILE, &mut out) {
        Some(text) => tracking::load(text, tracking::PIECE_BYTES, &mut out),
        None if out.is_empty() => Some(tracking::State::default()),
        None => None,
    };
    (state, out)
}

/// Gives each recommendation its response and each item its tracking state, from what
/// the tracking file says; returns a warning for each it has that belongs to nothing.
fn attach(reports: &mut [Report], items: &mut [Item], state: tracking::State) -> Vec<Diagnostic> {
    let tracking::State {
        items: mut tracked,
        mut responses,
    } = state;
    for report in reports.iter_mut() {
        for rec in &mut report.recommendations {
            rec.response = responses
                .remove(&format!("{}/{}", report.id, rec.id))
                .unwrap_or_default();
        }
    }
    for item in items.iter_mut() {
        item.tracking = tracked.remove(&item.id).unwrap_or_default();
    }
    let unclaimed = |what: &str, id: &String| {
        Diagnostic::warning(
            tracking::FILE,
            None,
            format!("{what} for `{id}`, which no report has; it is kept in the file but not shown"),
        )
    };
    let mut out: Vec<Diagnostic> = responses
        .keys()
        .map(|id| unclaimed("a response", id))
        .collect();
    out.extend(tracked.keys().map(|id| unclaimed("tracking", id)));
    out
}

/// The select committees a report's items go to: those the report went to, else those
/// of its authority, else (empty) any.
fn select_scope(report: &Report, committees: &[Committee]) -> Vec<String> {
    let went_to: Vec<String> = report
        .meetings
        .iter()
        .filter(|m| committees.iter().any(|c| c.select && c.id == m.committee))
        .map(|m| m.committee.clone())
        .collect();
    if !went_to.is_empty() {
        let mut ids = went_to;
        ids.dedup();
        return ids;
    }
    if report.authority.is_empty() {
        return Vec::new();
    }
    committees
        .iter()
        .filter(|c| c.select && c.authority.eq_ignore_ascii_case(&report.authority))
        .map(|c| c.id.clone())
        .collect()
}

/// Checks the text of one workspace file as if it were at `name` (`people.toml`,
/// `committees.toml`, `tracking.toml`, or `reports/ID.toml`), returning what is wrong.
/// Used by the fuzz target and the property tests: it must never panic.
pub fn check_text(name: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = text.to_string();
    match name {
        "people.toml" => match toml_file::parse::<records::PeopleFile>(name, text, &mut out) {
            Ok(parsed) => {
                let owners = records::owners(&parsed, name, &mut out);
                let _ = People::new(owners);
            }
            Err(d) => out.push(d),
        },
        "committees.toml" => {
            match toml_file::parse::<records::CommitteesFile>(name, text, &mut out) {
                Ok(parsed) => {
                    records::committees(&parsed, name, &mut out);
                }
                Err(d) => out.push(d),
            }
        }
        tracking::FILE => {
            // Small pieces, so that the fuzzer and the property tests reach the cutting.
            let _ = tracking::load(text, 64, &mut out);
        }
        _ => match toml_file::parse::<records::ReportFile>(name, text, &mut out) {
            Ok(parsed) => {
                let stem = name
                    .trim_start_matches("reports/")
                    .trim_end_matches(".toml");
                let report = records::report(parsed, name, stem, &mut out);
                let mut people = People::default();
                items::build(std::slice::from_ref(&report), &mut people);
            }
            Err(d) => out.push(d),
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReportMeeting;

    fn committee(id: &str, authority: &str, select: bool) -> Committee {
        Committee {
            id: id.into(),
            authority: authority.into(),
            select,
            ..Committee::default()
        }
    }

    fn went_to(authority: &str, committees: &[&str]) -> Report {
        Report {
            authority: authority.into(),
            meetings: committees
                .iter()
                .map(|c| ReportMeeting {
                    committee: c.to_string(),
                    date: jiff::civil::date(2024, 1, 10),
                    ..ReportMeeting::default()
                })
                .collect(),
            ..Report::default()
        }
    }

    #[test]
    fn a_reports_items_go_to_the_select_committees_it_went_to_else_its_councils() {
        let committees = [
            committee("shire-scrutiny", "Shire", true),
            committee("shire-cabinet", "Shire", false),
            committee("other-scrutiny", "Other", true),
        ];
        let scope = |r: &Report| select_scope(r, &committees);
        // The cabinet is not a select committee: only the scrutiny committee counts.
        assert_eq!(
            scope(&went_to("Shire", &["shire-scrutiny", "shire-cabinet"])),
            ["shire-scrutiny"]
        );
        // A paper that went only to the cabinet goes to its council's select committee.
        assert_eq!(
            scope(&went_to("Shire", &["shire-cabinet"])),
            ["shire-scrutiny"]
        );
        assert_eq!(scope(&went_to("other", &[])), ["other-scrutiny"]);
        // No committee and no council known: any select committee.
        assert!(scope(&went_to("", &["shire-cabinet"])).is_empty());
    }

    #[test]
    fn a_missing_folder_or_a_file_is_no_workspace_and_says_which() {
        let dir = tempfile::tempdir().expect("a folder");
        let missing = dir.path().join("nowhere");
        let e = Workspace::load(&missing).expect_err("a missing folder");
        assert!(matches!(e, LoadError::Missing(_)), "{e:?}");
        assert!(e.to_string().contains("does not exist"), "{e}");
        let file = dir.path().join("a-file.toml");
        std::fs::write(&file, "id = \"x\"\n").expect("a file");
        let e = Workspace::load(&file).expect_err("a file");
        assert!(matches!(e, LoadError::NotAFolder(_)), "{e:?}");
        assert!(
            e.to_string().contains("is a file, not a workspace folder"),
            "{e}"
        );
    }

    #[test]
    fn a_recommendation_counting_from_its_own_day_must_say_why_and_only_that_one_is_warned() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir_all(dir.path().join("reports")).expect("reports");
        std::fs::write(
            dir.path().join("reports/shire-2024.toml"),
            r#"id = "shire-2024"
title = "Improvement plan"
date = 2024-05-10

[[recommendations]]
id = "1"
text = "Counts from the paper's date"
timescale = "Within 3 months"

[[recommendations]]
id = "2"
text = "Counts from its own day, and says why"
timescale = "Within 3 months"
timescales_from = 2024-06-01
timescales_from_note = "the action plan's approval"

[[recommendations]]
id = "3"
text = "Counts from its own day, and does not say why"
timescale = "Within 3 months"
timescales_from = 2024-06-01
"#,
        )
        .expect("a report");
        let ws = Workspace::load(dir.path()).expect("the workspace");
        let warned: Vec<String> = ws
            .warnings()
            .map(ToString::to_string)
            .filter(|w| w.contains("timescales_from_note"))
            .collect();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].contains("recommendation `3`"), "{warned:?}");
    }

    fn report(id: &str, title: &str) -> String {
        format!(
            "id = \"{id}\"\ntitle = \"{title}\"\n\n[[recommendations]]\nid = \"1\"\ntext = \"x\"\n"
        )
    }

    #[test]
    fn of_two_files_with_one_report_id_the_one_named_after_it_is_loaded_wherever_it_sorts() {
        let dir = tempfile::tempdir().expect("a folder");
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).expect("reports");
        // A copy saved under another name sorts before the report and after it.
        std::fs::write(reports.join("a-copy.toml"), report("shire", "The copy")).expect("copy");
        std::fs::write(reports.join("shire.toml"), report("shire", "The report")).expect("report");
        std::fs::write(reports.join("z-copy.toml"), report("shire", "Another copy")).expect("copy");
        // Of two copies neither named after the id, the first by name.
        std::fs::write(reports.join("b-one.toml"), report("other", "First")).expect("one");
        std::fs::write(reports.join("c-two.toml"), report("other", "Second")).expect("two");
        let ws = Workspace::load(dir.path()).expect("the workspace");
        let loaded: Vec<(&str, &str, &str)> = ws
            .reports
            .iter()
            .zip(&ws.report_files)
            .map(|(r, f)| (r.id.as_str(), r.title.as_str(), f.as_str()))
            .collect();
        assert_eq!(
            loaded,
            [
                ("other", "First", "reports/b-one.toml"),
                ("shire", "The report", "reports/shire.toml"),
            ]
        );
        let skipped: Vec<String> = ws
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .filter(|d| d.contains("which is the one loaded"))
            .collect();
        assert_eq!(skipped.len(), 3, "{skipped:?}");
        for (file, winner) in [
            ("a-copy", "reports/shire.toml"),
            ("z-copy", "reports/shire.toml"),
            ("c-two", "reports/b-one.toml"),
        ] {
            assert!(
                skipped
                    .iter()
                    .any(|d| d.contains(&format!("reports/{file}.toml"))
                        && d.contains(&format!("also the id of {winner}"))),
                "{file}: {skipped:?}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_special_file_among_the_reports_is_named_by_its_kind() {
        let dir = tempfile::tempdir().expect("a folder");
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).expect("reports");
        std::fs::write(reports.join("shire.toml"), report("shire", "The report")).expect("report");
        // A socket left where a report would be (binding makes the file).
        let _socket =
            std::os::unix::net::UnixListener::bind(reports.join("socket.toml")).expect("socket");
        let ws = Workspace::load(dir.path()).expect("the workspace");
        assert_eq!(ws.reports.len(), 1);
        let said: Vec<String> = ws
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .filter(|d| d.contains("socket.toml"))
            .collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("a socket"), "{said:?}");
        // Each kind by its own word.
        let kind = |path: &std::path::Path| {
            special_kind(&std::fs::metadata(path).expect("metadata").file_type())
        };
        assert_eq!(kind(&reports.join("socket.toml")), "a socket");
        assert_eq!(kind(std::path::Path::new("/dev/null")), "a device");
        assert_eq!(kind(dir.path()), "not a regular file");
    }

    #[test]
    fn what_is_not_a_report_file_where_one_is_expected_is_said_and_loading_goes_on() {
        let said = |dir: &Path| -> Vec<String> {
            let ws = Workspace::load(dir).expect("loads");
            ws.diagnostics.iter().map(ToString::to_string).collect()
        };
        // No reports folder: a warning. A file in its place: an error.
        let dir = tempfile::tempdir().expect("a folder");
        assert_eq!(
            said(dir.path()),
            ["reports: warning: no reports folder: the workspace has no reports"]
        );
        std::fs::write(dir.path().join("reports"), "").expect("a file");
        let found = said(dir.path());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("reports: error: the reports folder cannot be read (")
                && found[0].ends_with("): no report was loaded"),
            "{found:?}"
        );
        // A folder where the people directory should be, a report over the size limit
        // (sparse: it takes no room), and a report giving a key twice.
        let dir = tempfile::tempdir().expect("a folder");
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).expect("reports");
        std::fs::create_dir_all(dir.path().join("people.toml")).expect("a folder");
        let huge = std::fs::File::create(reports.join("huge.toml")).expect("a file");
        huge.set_len(MAX_FILE_BYTES + 1).expect("sized");
        std::fs::write(
            reports.join("twice.toml"),
            "id = \"twice\"\ntitle = \"One\"\ntitle = \"Two\"\n",
        )
        .expect("a report");
        let found = said(dir.path());
        let limit = MAX_FILE_BYTES >> 20;
        for line in [
            "people.toml: error: expected a file, found a folder".to_string(),
            format!("reports/huge.toml: error: file is {limit} MB, larger than the {limit} MB limit"),
            "reports/twice.toml:3:1: error: `title` is given twice in one table (first on line 2); keep one; so `title` is left out; the rest of the file is read".to_string(),
        ] {
            assert!(found.contains(&line), "{line}\n{found:?}");
        }
    }

    #[test]
    fn a_recommendation_is_found_by_its_id_or_its_printed_reference_and_an_ambiguous_one_is_named()
    {
        let dir = tempfile::tempdir().expect("a folder");
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).expect("reports");
        std::fs::write(
            reports.join("a.toml"),
            "id = \"a\"\ntitle = \"A\"\n\n[[recommendations]]\nid = \"r1\"\nref = \"1.1\"\ntext = \"x\"\n",
        )
        .expect("a");
        std::fs::write(
            reports.join("b.toml"),
            "id = \"b\"\ntitle = \"B\"\n\n[[recommendations]]\nid = \"1.1\"\ntext = \"y\"\n\n[[recommendations]]\nid = \"z\"\ntext = \"z\"\n",
        )
        .expect("b");
        let ws = Workspace::load(dir.path()).expect("loads");
        let named = |found: Result<(usize, usize), String>| {
            found.map(|(r, x)| {
                format!(
                    "{}/{}",
                    ws.reports[r].id, ws.reports[r].recommendations[x].id
                )
            })
        };
        assert_eq!(named(ws.find_recommendation("a/r1")), Ok("a/r1".into()));
        assert_eq!(
            named(ws.find_recommendation("a/1.1")),
            Ok("a/r1".into()),
            "by its reference"
        );
        assert_eq!(named(ws.find_recommendation("b/1.1")), Ok("b/1.1".into()));
        assert_eq!(named(ws.find_recommendation("z")), Ok("b/z".into()));
        assert_eq!(
            named(ws.find_recommendation("1.1")),
            Err("`1.1` is ambiguous: it could be a/r1, b/1.1".into())
        );
        // A recommendation with no reference is not found by an empty one.
        for missing in ["b/", "c/1.1", "9"] {
            let said = ws.find_recommendation(missing).err().unwrap_or_default();
            assert!(
                said.starts_with(&format!("no recommendation has the id `{missing}`")),
                "{said}"
            );
        }
    }
}
