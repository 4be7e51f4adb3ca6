//! `tracking.toml`: reading the tracking state, and changing it in place so that the
//! comments and layout a person gave the file survive every write.

use super::diagnostic::{Diagnostic, line_col};
use super::pieces;
use super::toml_file::{self, Parsed, Step, to_date};
use crate::model::{Change, ChangeKind, ReadyFor, Response, ResponseKind, Status, Tracking};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
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
    #[serde(default)]
    recommendations: BTreeMap<String, ResponseRecord>,
}

#[derive(Deserialize)]
struct TrackedRecord {
    status: Option<String>,
    ready_for: Option<toml::Value>,
    revised_deadline: Option<Datetime>,
    #[serde(default)]
    history: Vec<ChangeRecord>,
}

#[derive(Deserialize)]
struct ResponseRecord {
    response: Option<String>,
    #[serde(default)]
    reason: String,
    response_due: Option<Datetime>,
    #[serde(default)]
    history: Vec<ChangeRecord>,
}

#[derive(Deserialize)]
struct ChangeRecord {
    at: Datetime,
    by: String,
    /// The name the environment gave (`$USER`), where it differs from `by`.
    #[serde(default)]
    by_as_given: Option<String>,
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

/// What the tracking file says: the state of every item it mentions, and the
/// responses to recommendations. Bad values are reported at their place and left out;
/// the rest of the file still counts.
#[derive(Default)]
pub struct State {
    pub items: BTreeMap<String, Tracking>,
    pub responses: BTreeMap<String, Response>,
}

/// How much of a large tracking file is parsed at a time. Parsing a TOML document
/// takes about twenty times its size in memory while it runs, so a 10 MB file read
/// whole needs some 200 MB for a moment; in pieces, a few MB on each core.
pub const PIECE_BYTES: usize = 256 * 1024;

/// Reads the text of the tracking file, a large one in pieces of about `piece` bytes,
/// parsed on every core (see `pieces`). The pieces must read exactly as the whole file
/// does: if one does not parse, or an item or a recommendation turns up in two of them
/// (legal, as long as each table is defined once, but only the whole file can tell),
/// the whole file is read at once instead, so that what is reported is what the whole
/// file says. What is found is reported in the order of the file, either way.
///
/// None when the file does not parse at all (the reason is in `out`).
pub fn load(text: String, piece: usize, out: &mut Vec<Diagnostic>) -> Option<State> {
    let mut found = Vec::new();
    let print = (text.len() > PIECE_BYTES).then(|| Fingerprint::of(&text));
    let cut = pieces::cut(&text, piece);
    let in_pieces = if cut.len() > 1 {
        load_pieces(&text, &cut, &mut found)
    } else {
        None
    };
    let state =
        in_pieces.or_else(
            || match toml_file::parse::<TrackingFile>(FILE, text, &mut found) {
                Ok(parsed) => Some(read(&parsed, &mut found)),
                Err(d) => {
                    found.push(d);
                    None
                }
            },
        );
    found.sort_by_key(|d| d.position.unwrap_or((usize::MAX, 0)));
    out.extend(found);
    if let (Some(print), Some(_)) = (print, &state) {
        print.remember();
    }
    state
}

/// A large tracking file's text, by its length and a hash of it. This process
/// remembers the last few it has found readable, so that a save need not check again,
/// piece by piece, the very text it has just read (at 100,000 items that check is a
/// third of a mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64);

static READABLE: std::sync::Mutex<Vec<Fingerprint>> = std::sync::Mutex::new(Vec::new());

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        Fingerprint(text.len(), hasher.finish())
    }

    fn remember(self) {
        let mut known = READABLE.lock().unwrap_or_else(|e| e.into_inner());
        known.retain(|&k| k != self);
        known.push(self);
        let extra = known.len().saturating_sub(4);
        known.drain(..extra);
    }

    fn known(self) -> bool {
        let known = READABLE.lock().unwrap_or_else(|e| e.into_inner());
        known.contains(&self)
    }
}

fn load_pieces(text: &str, cut: &[pieces::Piece], out: &mut Vec<Diagnostic>) -> Option<State> {
    let read_one = |piece: &pieces::Piece| {
        let mut found = Vec::new();
        let part = text[piece.start..piece.end].to_string();
        let parsed = toml_file::parse::<TrackingFile>(FILE, part, &mut found).ok()?;
        let state = read(&parsed, &mut found);
        for d in &mut found {
            if let Some((line, _)) = &mut d.position {
                *line += piece.line - 1;
            }
        }
        Some((state, found))
    };
    let parts = crate::parallel::in_parts(cut, 2, |part| part.iter().map(read_one).collect());
    let mut state = State::default();
    let mut found = Vec::new();
    for part in parts {
        let (part, diagnostics) = part?;
        for (id, tracking) in part.items {
            if state.items.insert(id, tracking).is_some() {
                return None;
            }
        }
        for (id, response) in part.responses {
            if state.responses.insert(id, response).is_some() {
                return None;
            }
        }
        found.extend(diagnostics);
    }
    out.extend(found);
    Some(state)
}

pub fn read(parsed: &Parsed<TrackingFile>, out: &mut Vec<Diagnostic>) -> State {
    let mut items = BTreeMap::new();
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
        tracking.revised_deadline = date(
            record.revised_deadline.as_ref(),
            || at("revised_deadline"),
            out,
        );
        tracking.history = history(parsed, "items", id, &record.history, out);
        items.insert(id.clone(), tracking);
    }
    let mut responses = BTreeMap::new();
    for (id, record) in &parsed.value.recommendations {
        let at = |k: &str| parsed.locate(&[key("recommendations"), key(id), key(k)]);
        let mut response = Response {
            reason: record.reason.clone(),
            ..Response::default()
        };
        if let Some(r) = &record.response {
            match ResponseKind::parse(r) {
                Some(kind) => response.kind = kind,
                None => out.push(Diagnostic::error(
                    FILE,
                    at("response"),
                    format!(
                        "unknown response `{r}` for `{id}`; expected one of {}",
                        ResponseKind::names()
                    ),
                )),
            }
        }
        response.due = date(record.response_due.as_ref(), || at("response_due"), out);
        response.history = history(parsed, "recommendations", id, &record.history, out);
        responses.insert(id.clone(), response);
    }
    State { items, responses }
}

fn date(
    value: Option<&Datetime>,
    at: impl Fn() -> Option<(usize, usize)>,
    out: &mut Vec<Diagnostic>,
) -> Option<Date> {
    match to_date(value?) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(Diagnostic::error(FILE, at(), message));
            None
        }
    }
}

fn history(
    parsed: &Parsed<TrackingFile>,
    section: &str,
    id: &str,
    records: &[ChangeRecord],
    out: &mut Vec<Diagnostic>,
) -> Vec<Change> {
    let mut history = Vec::with_capacity(records.len());
    for (i, c) in records.iter().enumerate() {
        let here = || parsed.locate(&[key(section), key(id), key("history"), Step::Index(i)]);
        let Ok(when) = c.at.to_string().parse::<Timestamp>() else {
            out.push(Diagnostic::error(
                FILE,
                here(),
                format!(
                    "history `at` must be a date-time with an offset, like 2026-11-22T10:15:00Z, found `{}`",
                    c.at
                ),
            ));
            continue;
        };
        let Some(kind) = ChangeKind::parse(&c.change) else {
            out.push(Diagnostic::warning(
                FILE,
                here(),
                format!("unknown change `{}` in the history of `{id}`", c.change),
            ));
            continue;
        };
        // The name the environment gave is shown beside the login name, never instead.
        let by = match c.by_as_given.as_deref().map(str::trim) {
            Some(given) if !given.is_empty() && given != c.by => {
                format!("{} (as given: {given})", c.by)
            }
            _ => c.by.clone(),
        };
        history.push(Change {
            at: when,
            by,
            kind,
            from: c.from.clone(),
            to: c.to.clone(),
            note: c.note.clone(),
        });
    }
    history
}

/// Who a change is recorded as: the login name (from the operating system), and the
/// name the environment gave (`$USER`) when it says someone else. On a shared server
/// the history is the audit trail, and anyone can set `$USER`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub as_given: Option<String>,
}

impl Author {
    /// The name the environment gave, when there is one and it is not the login name.
    fn differing(&self) -> Option<&str> {
        self.as_given
            .as_deref()
            .filter(|g| !g.trim().is_empty() && *g != self.name)
    }
}

impl From<&str> for Author {
    fn from(name: &str) -> Author {
        Author {
            name: name.to_string(),
            as_given: None,
        }
    }
}

impl From<&String> for Author {
    fn from(name: &String) -> Author {
        Author::from(name.as_str())
    }
}

impl From<String> for Author {
    fn from(name: String) -> Author {
        Author {
            name,
            as_given: None,
        }
    }
}

impl From<&Author> for Author {
    fn from(author: &Author) -> Author {
        author.clone()
    }
}

/// One change a person asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Mark(ReadyFor),
    Unmark,
    SetStatus(Status),
    Note,
    /// A new deadline for an item; the edit's note is the reason, and is required.
    Revise(Date),
    /// Withdraw the revised deadline, so the one derived from the printed timescale is
    /// in force again (undoing a first revision); the note says why.
    RestoreDeadline,
    /// The response to a recommendation (`REPORT/REC`); a rejection needs a reason.
    Respond(ResponseKind),
    /// When the response to a recommendation is due.
    ResponseDue(Date),
    /// Withdraw the date a response is due (undoing a first one); the note says why.
    ClearResponseDue,
    /// Changes nothing, and refuses the whole save unless the item (or recommendation)
    /// is still as expected: an undo sends one before its inverse, so it never undoes
    /// over another clerk's later change.
    Expect(Expected),
}

/// What a field of an item (or recommendation) is expected to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Ready(Option<ReadyFor>),
    Status(Status),
    Deadline(Option<Date>),
    Response(ResponseKind),
    ResponseDue(Option<Date>),
}

impl Edit {
    /// The section of tracking.toml the edit belongs to.
    fn section(&self) -> &'static str {
        match self {
            Edit::Respond(_)
            | Edit::ResponseDue(_)
            | Edit::ClearResponseDue
            | Edit::Expect(Expected::Response(_) | Expected::ResponseDue(_)) => "recommendations",
            _ => "items",
        }
    }
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
    pub before_deadline: Option<Date>,
    pub before_response: ResponseKind,
    pub before_due: Option<Date>,
}

/// Why the tracking file could not be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file does not parse: where (line and column, when known) and why.
    Corrupt {
        position: Option<(usize, usize)>,
        message: String,
    },
    /// The edit cannot be made: a reason missing, a table of the wrong type.
    Invalid(String),
}

/// What an edit of the file's text came to: the new text (None when nothing changed)
/// and what each edit did.
pub type Edited = (Option<String>, Vec<Applied>);

/// Applies `edits` to the text of the tracking file, as `who` at `now`. A large file
/// is changed item by item: only the lines of an edited item are parsed (with their
/// layout) and rewritten, and an item the file does not have yet is added at its end;
/// the file as it was is checked first, in pieces. Reading a 10 MB file whole to change
/// one item took 1.5 s and 750 MB. When the lines of an item cannot be told apart
/// without parsing everything (see `pieces::tables`), or the file is small, it is edited
/// whole. Nothing is returned that does not read back.
///
/// The file keeps its line ends (CRLF, or LF) and its byte-order mark, if it has one:
/// the text is edited with LF line ends and no mark, and given them back after.
pub fn edit_text(
    text: &str,
    edits: &[ItemEdit],
    who: impl Into<Author>,
    now: Timestamp,
) -> Result<Edited, EditError> {
    let who = who.into();
    let style = Style::of(text);
    if style == Style::default() {
        return edit_plain(text, edits, &who, now);
    }
    let plain = style.strip(text);
    // The file as it was read (and found readable) is the same file without its
    // mark and carriage returns.
    if text.len() > PIECE_BYTES && Fingerprint::of(text).known() {
        Fingerprint::of(&plain).remember();
    }
    let (new, applied) = edit_plain(&plain, edits, &who, now)?;
    let new = new.map(|new| {
        let new = style.restore(&new);
        if new.len() > PIECE_BYTES {
            Fingerprint::of(&new).remember();
        }
        new
    });
    Ok((new, applied))
}

/// How a tracking file ends its lines, and whether it starts with a byte-order mark:
/// what a save keeps. toml_edit writes LF without a mark whatever it read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Style {
    mark: bool,
    crlf: bool,
}

impl Style {
    const MARK: char = '\u{feff}';

    /// The file's style: CRLF when most of its line ends are (a file of mixed line
    /// ends is written with the kind it has most of).
    fn of(text: &str) -> Style {
        let crlf = memchr::memmem::find_iter(text.as_bytes(), b"\r\n").count();
        let lf = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        Style {
            mark: text.starts_with(Style::MARK),
            crlf: crlf > 0 && crlf * 2 >= lf,
        }
    }

    fn strip(self, text: &str) -> String {
        let text = text.strip_prefix(Style::MARK).unwrap_or(text);
        if self.crlf {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        }
    }

    fn restore(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        if self.mark {
            out.push(Style::MARK);
        }
        if self.crlf {
            out.push_str(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// `edit_text` on a text with LF line ends and no byte-order mark.
fn edit_plain(
    text: &str,
    edits: &[ItemEdit],
    who: &Author,
    now: Timestamp,
) -> Result<Edited, EditError> {
    // Item by item whenever the layout allows it, whatever the size: a change touches
    // only its item's lines, and a new item goes in its place by id, so two sites that
    // change different items never touch the same lines (git merges them cleanly).
    if let Some(done) = edit_in_place(text, edits, who, now)? {
        return Ok(done);
    }
    edit_whole(text, edits, who, now)
}

/// A parse error in the lines of `text` from `base`, placed in the whole text.
fn corrupt(e: &toml_edit::TomlError, text: &str, base: usize) -> EditError {
    EditError::Corrupt {
        position: e.span().map(|s| line_col(text, s.start + base)),
        message: e.message().trim().to_string(),
    }
}

fn edit_whole(
    text: &str,
    edits: &[ItemEdit],
    who: &Author,
    now: Timestamp,
) -> Result<Edited, EditError> {
    let mut doc: DocumentMut = text.parse().map_err(|e| corrupt(&e, text, 0))?;
    let applied = apply(&mut doc, edits, who, now).map_err(EditError::Invalid)?;
    if applied.iter().all(|a| !a.changed) {
        return Ok((None, applied));
    }
    let new_text = doc.to_string();
    toml::from_str::<TrackingFile>(&new_text)
        .map_err(|e| EditError::Invalid(e.message().to_string()))?;
    Ok((Some(new_text), applied))
}

/// `edit_text` item by item (the file scanned once, for all of them); None when the
/// file must be edited whole.
fn edit_in_place(
    text: &str,
    edits: &[ItemEdit],
    who: &Author,
    now: Timestamp,
) -> Result<Option<Edited>, EditError> {
    let Some(tables) = pieces::tables(text) else {
        return Ok(None);
    };
    // The file as it is must read: an edit changes only its own item's lines, each
    // checked as it is made, so the new text reads if the old one did.
    if !Fingerprint::of(text).known() {
        readable(text)?;
    }
    // The edits of each item, in the order given; where its lines are, if anywhere.
    let mut items: Vec<(Option<std::ops::Range<usize>>, Vec<usize>)> = Vec::new();
    let mut place: HashMap<(&str, &str), usize> = HashMap::new();
    for (n, e) in edits.iter().enumerate() {
        let key = (e.edit.section(), e.item.as_str());
        let at = *place.entry(key).or_insert_with(|| {
            items.push((tables.get(&key).cloned(), Vec::new()));
            items.len() - 1
        });
        items[at].1.push(n);
    }
    // A new item goes before the first item whose (section, id) sorts after its own,
    // so a file kept in that order stays in it; after all of them, at the end.
    let keys: Vec<(&str, &str)> = place.keys().copied().collect();
    let mut at_key: HashMap<(&str, &str), usize> = HashMap::new();
    for key in &keys {
        let i = place[key];
        if items[i].0.is_none() {
            let next = tables
                .iter()
                .filter(|(k, _)| *k > key)
                .map(|(_, r)| r.start)
                .min();
            at_key.insert(*key, next.unwrap_or(text.len()));
        }
    }
    // Every item from the last place in the file to the first, so that the places of
    // those before stay where they were; of new items at one place, the last by id
    // first, so that they end up in order.
    let mut order: Vec<(usize, (&str, &str), usize)> = keys
        .iter()
        .map(|k| {
            let i = place[k];
            let start = match &items[i].0 {
                Some(r) => r.start,
                None => at_key.get(k).copied().unwrap_or(text.len()),
            };
            (start, *k, i)
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let end = text.len();
    let mut text = text.to_string();
    let mut done: Vec<Option<Applied>> = vec![None; edits.len()];
    for (start, _, i) in order {
        let (lines, which) = &items[i];
        let new_item = lines.is_none();
        let lines = lines.clone().unwrap_or(start..start);
        let mut doc: DocumentMut = text[lines.clone()]
            .parse()
            .map_err(|err| corrupt(&err, &text, lines.start))?;
        let mine: Vec<ItemEdit> = which.iter().map(|&n| edits[n].clone()).collect();
        let applied = apply(&mut doc, &mine, who, now).map_err(EditError::Invalid)?;
        if applied.iter().any(|a| a.changed) {
            let mut new = doc.to_string();
            toml::from_str::<TrackingFile>(&new)
                .map_err(|err| EditError::Invalid(err.message().to_string()))?;
            if new_item && lines.start < end {
                // Before another item: its own lines, then a blank line.
                new = format!("{}\n", new.trim_start_matches('\n').trim_end_matches('\n'));
                new.push('\n');
            } else if lines.is_empty() && !text.is_empty() && !text.ends_with('\n') {
                new.insert(0, '\n');
            }
            text.replace_range(lines, &new);
        }
        for (&n, a) in which.iter().zip(applied) {
            done[n] = Some(a);
        }
    }
    let done: Vec<Applied> = done.into_iter().flatten().collect();
    if done.iter().all(|a| !a.changed) {
        return Ok(Some((None, done)));
    }
    Fingerprint::of(&text).remember();
    Ok(Some((Some(text), done)))
}

/// Whether the whole of a tracking file's text reads, as `load` reads it: in pieces,
/// on every core, and whole where the pieces cannot tell.
fn readable(text: &str) -> Result<(), EditError> {
    let mut found = Vec::new();
    if load(text.to_string(), PIECE_BYTES, &mut found).is_some() {
        return Ok(());
    }
    let error = found.into_iter().find(Diagnostic::is_error);
    Err(EditError::Corrupt {
        position: error.as_ref().and_then(|d| d.position),
        message: error.map_or_else(|| "cannot be read".to_string(), |d| d.message),
    })
}

/// Applies edits to the document. Only the edited items' lines change.
///
/// A change is stamped `now`, or at the latest time already in the item's history if
/// that is later (a clock set back, or `--today` before the last change): the history
/// read in the order of its times is then the order the changes were made in, and its
/// last entry says what the item is now.
pub fn apply(
    doc: &mut DocumentMut,
    edits: &[ItemEdit],
    who: impl Into<Author>,
    now: Timestamp,
) -> Result<Vec<Applied>, String> {
    let who = who.into();
    // Times are written to the second.
    let now = Timestamp::from_second(now.as_second()).unwrap_or(now);
    // A file of comments only keeps them as its "trailing" text, which would follow
    // everything added; as a header they stay above it.
    if doc.get("items").is_none() && doc.get("recommendations").is_none() {
        let header = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing("");
        doc.decor_mut().set_prefix(header);
    }
    let mut done = Vec::new();
    for e in edits {
        let needs_reason = matches!(
            e.edit,
            Edit::Revise(_) | Edit::Respond(ResponseKind::Rejected)
        );
        if needs_reason && e.note.trim().is_empty() {
            return Err(format!(
                "a reason is needed for this change to `{}`",
                e.item
            ));
        }
        let section = e.edit.section();
        let table = doc
            .entry(section)
            .or_insert_with(|| {
                let mut t = Table::new();
                t.set_implicit(true);
                Item::Table(t)
            })
            .as_table_mut()
            .ok_or_else(|| format!("`{section}` in tracking.toml is not a table"))?
            .entry(&e.item)
            .or_insert_with(|| {
                let mut t = Table::new();
                t.set_implicit(true);
                t.decor_mut().set_prefix("\n");
                Item::Table(t)
            })
            .as_table_mut()
            .ok_or_else(|| format!("`{section}.\"{}\"` in tracking.toml is not a table", e.item))?;
        let text = |k: &str| table.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let day = |k: &str| {
            table
                .get(k)
                .and_then(|v| v.as_datetime())
                .and_then(|d| to_date(d).ok())
        };
        let before_status = text("status")
            .and_then(|s| Status::parse(&s))
            .unwrap_or_default();
        let before_ready = table.get("ready_for").and_then(|v| {
            v.as_str().and_then(ReadyFor::parse).or_else(|| {
                v.as_datetime()
                    .and_then(|d| to_date(d).ok().map(ReadyFor::Meeting))
            })
        });
        let before_deadline = day("revised_deadline");
        let before_response = text("response")
            .and_then(|r| ResponseKind::parse(&r))
            .unwrap_or_default();
        let before_due = day("response_due");
        let shown = |o: Option<String>| o.unwrap_or_default();
        // (what changed, from, to), or None when the edit changes nothing.
        let change = match &e.edit {
            // The same mark again changes nothing, unless it says why (carried over).
            Edit::Mark(r) if before_ready == Some(*r) && e.note.trim().is_empty() => None,
            Edit::Mark(r) => {
                table.insert("ready_for", ready_value(*r));
                Some((
                    ChangeKind::Ready,
                    shown(before_ready.map(|b| b.to_string())),
                    r.to_string(),
                ))
            }
            Edit::Unmark => before_ready.map(|b| {
                table.remove("ready_for");
                (ChangeKind::Unready, b.to_string(), String::new())
            }),
            // The status it already has (an item with none is not-started) changes
            // nothing, and nothing is recorded.
            Edit::SetStatus(s) if before_status == *s => None,
            Edit::SetStatus(s) => {
                table.insert("status", value(s.as_str()));
                Some((ChangeKind::Status, before_status.to_string(), s.to_string()))
            }
            Edit::Note => Some((ChangeKind::Note, String::new(), String::new())),
            Edit::Revise(d) if before_deadline == Some(*d) => None,
            Edit::Revise(d) => {
                table.insert("revised_deadline", date_value(*d));
                Some((
                    ChangeKind::Revise,
                    shown(before_deadline.map(|b| b.to_string())),
                    d.to_string(),
                ))
            }
            Edit::RestoreDeadline => before_deadline.map(|b| {
                table.remove("revised_deadline");
                (ChangeKind::Revise, b.to_string(), String::new())
            }),
            Edit::Respond(r) if before_response == *r && table.contains_key("response") => None,
            Edit::Respond(r) => {
                table.insert("response", value(r.as_str()));
                if e.note.trim().is_empty() {
                    table.remove("reason");
                } else {
                    table.insert("reason", value(e.note.as_str()));
                }
                Some((
                    ChangeKind::Response,
                    before_response.as_str().to_string(),
                    r.as_str().to_string(),
                ))
            }
            Edit::ResponseDue(d) if before_due == Some(*d) => None,
            Edit::ResponseDue(d) => {
                table.insert("response_due", date_value(*d));
                Some((
                    ChangeKind::ResponseDue,
                    shown(before_due.map(|b| b.to_string())),
                    d.to_string(),
                ))
            }
            Edit::ClearResponseDue => before_due.map(|b| {
                table.remove("response_due");
                (ChangeKind::ResponseDue, b.to_string(), String::new())
            }),
            Edit::Expect(expected) => {
                let still = match expected {
                    Expected::Ready(r) => before_ready == *r,
                    Expected::Status(st) => before_status == *st,
                    Expected::Deadline(d) => before_deadline == *d,
                    Expected::Response(r) => before_response == *r,
                    Expected::ResponseDue(d) => before_due == *d,
                };
                if !still {
                    return Err(changed_since(&e.item, table));
                }
                None
            }
        };
        if let Some((kind, from, to)) = &change {
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
            let at = latest(history).map_or(now, |last| last.max(now));
            history.push(history_entry(*kind, from, to, &e.note, &who, at));
        }
        done.push(Applied {
            item: e.item.clone(),
            changed: change.is_some(),
            before_status,
            before_ready,
            before_deadline,
            before_response,
            before_due,
        });
    }
    Ok(done)
}

/// Why an expectation failed: the latest change to the item, by whom and when.
fn changed_since(item: &str, table: &Table) -> String {
    let last = table
        .get("history")
        .and_then(Item::as_array_of_tables)
        .and_then(|h| h.iter().last());
    let field = |t: &Table, k: &str| {
        t.get(k)
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v.as_datetime().map(|d| d.to_string()))
            })
            .unwrap_or_default()
    };
    match last {
        Some(t) => format!(
            "{item} has been changed since by {} at {} ({} {} -> {}): nothing was undone",
            field(t, "by"),
            field(t, "at"),
            field(t, "change"),
            field(t, "from"),
            field(t, "to")
        ),
        None => {
            format!("{item} has been changed since (by hand, with no history): nothing was undone")
        }
    }
}

fn date_value(d: Date) -> Item {
    match d.to_string().parse::<toml_edit::Datetime>() {
        Ok(dt) => value(dt),
        Err(_) => value(d.to_string()),
    }
}

fn ready_value(r: ReadyFor) -> Item {
    match r {
        ReadyFor::Next => value("next"),
        ReadyFor::Meeting(d) => date_value(d),
    }
}

/// The latest time in a history, as written (to the second, or finer when written so
/// by hand).
fn latest(history: &ArrayOfTables) -> Option<Timestamp> {
    history
        .iter()
        .filter_map(|entry| entry.get("at")?.as_datetime()?.to_string().parse().ok())
        .max()
}

fn history_entry(
    kind: ChangeKind,
    from: &str,
    to: &str,
    note: &str,
    who: &Author,
    at: Timestamp,
) -> Table {
    let mut t = Table::new();
    // To the second, unless the time is that of an entry written finer by hand.
    let stamp = if at.subsec_nanosecond() == 0 {
        at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        at.to_string()
    };
    match stamp.parse::<toml_edit::Datetime>() {
        Ok(dt) => t.insert("at", value(dt)),
        Err(_) => t.insert("at", value(stamp)),
    };
    t.insert("by", value(who.name.as_str()));
    if let Some(given) = who.differing() {
        t.insert("by_as_given", value(given));
    }
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
    fn a_new_item_after_a_last_line_without_its_line_end_starts_a_line_of_its_own() {
        // A file saved by an editor that leaves the last line end off, and one that
        // keeps it: the new item is the same lines after either, with no blank line
        // doubled and nothing run onto the last line.
        let kept = format!("{HEADER}\n[items.\"r/1a\"]\nready_for = \"next\"\n");
        let cut = kept.trim_end_matches('\n').to_string();
        let mark = [edit("r/2b", Edit::Mark(ReadyFor::Next))];
        let (after_kept, _) = edit_text(&kept, &mark, "clerk", now()).expect("edits");
        let (after_cut, _) = edit_text(&cut, &mark, "clerk", now()).expect("edits");
        let after_kept = after_kept.expect("a new item changes the file");
        let after_cut = after_cut.expect("a new item changes the file");
        assert!(after_kept.starts_with(&kept), "{after_kept}");
        let added = &after_kept[kept.len()..];
        assert!(added.starts_with("\n[items.\"r/2b\"]\n"), "{added:?}");
        assert_eq!(after_cut, format!("{cut}\n{added}"), "{after_cut}");
        let read: TrackingFile = toml::from_str(&after_cut).expect("reads back");
        assert_eq!(read.items.len(), 2);
    }

    #[test]
    fn a_status_set_to_what_it_already_is_records_nothing() {
        // An item with no entry is not-started: setting that changes nothing.
        let mut doc = DocumentMut::new();
        let done = apply(
            &mut doc,
            &[edit("r/1a", Edit::SetStatus(Status::NotStarted))],
            "a",
            now(),
        )
        .expect("applies");
        assert!(!done[0].changed);
        assert!(!doc.to_string().contains("history"), "{doc}");
        // Nor does setting a status it was given before.
        apply(
            &mut doc,
            &[edit("r/1a", Edit::SetStatus(Status::AtRisk))],
            "a",
            now(),
        )
        .expect("at risk");
        let done = apply(
            &mut doc,
            &[edit("r/1a", Edit::SetStatus(Status::AtRisk))],
            "a",
            now(),
        )
        .expect("again");
        assert!(!done[0].changed);
        assert_eq!(
            doc.to_string().matches("change = \"status\"").count(),
            1,
            "{doc}"
        );
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
    fn a_revision_can_be_withdrawn_and_the_history_says_so() {
        let mut doc = DocumentMut::new();
        let revise = ItemEdit {
            item: "r/1a".into(),
            edit: Edit::Revise(jiff::civil::date(2004, 3, 31)),
            note: "moved".into(),
        };
        apply(&mut doc, &[revise], "a", now()).expect("revise");
        assert!(doc.to_string().contains("revised_deadline = 2004-03-31"));
        let done =
            apply(&mut doc, &[edit("r/1a", Edit::RestoreDeadline)], "a", now()).expect("restore");
        assert_eq!(
            done[0].before_deadline,
            Some(jiff::civil::date(2004, 3, 31))
        );
        let text = doc.to_string();
        assert!(!text.contains("revised_deadline"), "{text}");
        assert!(
            text.contains("change = \"revise\"\nfrom = \"2004-03-31\""),
            "{text}"
        );
        let again =
            apply(&mut doc, &[edit("r/1a", Edit::RestoreDeadline)], "a", now()).expect("noop");
        assert!(!again[0].changed);
    }

    #[test]
    fn a_response_due_date_can_be_withdrawn() {
        let mut doc = DocumentMut::new();
        let due = edit("r/2", Edit::ResponseDue(jiff::civil::date(2005, 12, 1)));
        apply(&mut doc, &[due], "a", now()).expect("due");
        let done =
            apply(&mut doc, &[edit("r/2", Edit::ClearResponseDue)], "a", now()).expect("withdraw");
        assert_eq!(done[0].before_due, Some(jiff::civil::date(2005, 12, 1)));
        let text = doc.to_string();
        assert!(!text.contains("response_due"), "{text}");
        assert!(
            text.contains("change = \"response-due\"\nfrom = \"2005-12-01\""),
            "{text}"
        );
    }

    #[test]
    fn a_revision_needs_a_reason() {
        let mut doc = DocumentMut::new();
        let revise = edit("r/1a", Edit::Revise(jiff::civil::date(2004, 3, 31)));
        assert!(apply(&mut doc, &[revise], "a", now()).is_err());
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

    /// Loads `text` whole and in pieces as small as they come, and checks that both
    /// give the same state and the same diagnostics; returns the diagnostics.
    fn same_in_pieces(text: &str) -> Vec<Diagnostic> {
        let mut whole_out = Vec::new();
        let whole = load(text.to_string(), usize::MAX, &mut whole_out).unwrap_or_default();
        let mut pieces_out = Vec::new();
        let pieces = load(text.to_string(), 1, &mut pieces_out).unwrap_or_default();
        assert_eq!(pieces.items, whole.items);
        assert_eq!(pieces.responses, whole.responses);
        assert_eq!(pieces_out, whole_out);
        whole_out
    }

    const ONE: &str = "\
# Tracking

[items.\"r/1a\"]
status = \"on-track\"

[[items.\"r/1a\".history]]
at = 2026-01-01T09:00:00Z
by = \"asmith\"
change = \"status\"
from = \"not-started\"
to = \"on-track\"
note = \"\"\"
[items.\"not/a/header\"]
\"\"\"
";

    #[test]
    fn a_file_read_in_pieces_reads_as_the_whole_file() {
        let text = format!(
            "{ONE}\n[items.\"r/1b\"]\nstatus = \"stalled\"\nready_for = \"next\"\n\n\
             [recommendations.\"r/1\"]\nresponse = \"accepted\"\nreviewed = true\n\n\
             [items.\"r/2a\"]\nstatus = \"complete\"\n"
        );
        assert!(pieces::cut(&text, 1).len() >= 4);
        let found = same_in_pieces(&text);
        let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "tracking.toml:17:1: error: unknown status `stalled` for `r/1b`; expected one of not-started, on-track, at-risk, off-track, complete, signed-off",
                "tracking.toml:22:1: warning: unknown key `recommendations.r/1.reviewed` ignored (is it misspelt?)",
            ]
        );
        let mut out = Vec::new();
        let state = load(text, 1, &mut out).expect("reads");
        assert_eq!(state.items.len(), 3);
        assert_eq!(state.items["r/1a"].history.len(), 1);
        assert_eq!(state.items["r/1b"].ready_for, Some(ReadyFor::Next));
        assert_eq!(state.responses["r/1"].kind, ResponseKind::Accepted);
    }

    #[test]
    fn an_item_in_two_places_reads_as_the_whole_file() {
        // Legal: the history of r/1a comes after another item.
        let text = format!(
            "{ONE}\n[items.\"r/1b\"]\nstatus = \"complete\"\n\n\
             [[items.\"r/1a\".history]]\nat = 2026-02-01T09:00:00Z\nby = \"b\"\nchange = \"note\"\nnote = \"later\"\n"
        );
        assert!(same_in_pieces(&text).is_empty());
        let state = load(text, 1, &mut Vec::new()).expect("reads");
        assert_eq!(state.items["r/1a"].history.len(), 2);
        // Not legal: the same table twice, far apart.
        let text = format!(
            "{ONE}\n[items.\"r/1b\"]\nstatus = \"complete\"\n\n[items.\"r/1a\"]\nstatus = \"complete\"\n"
        );
        let found = same_in_pieces(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
    }

    #[test]
    fn a_broken_piece_is_reported_as_the_whole_file_would_be() {
        let text = format!("{ONE}\n[items.\"r/1b\"]\nstatus = complete\n");
        let found = same_in_pieces(&text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].to_string().starts_with("tracking.toml:17:"),
            "{}",
            found[0]
        );
    }

    /// A tracking file larger than a piece: `n` items, each with a status and a change.
    fn big(n: usize) -> String {
        let mut text = String::from(HEADER);
        for i in 0..n {
            text.push_str(&format!(
                "\n[items.\"r/{i}\"]\nstatus = \"on-track\"\n\n[[items.\"r/{i}\".history]]\n\
                 at = 2026-01-01T09:00:00Z\nby = \"asmith\"\nchange = \"status\"\n\
                 from = \"not-started\"\nto = \"on-track\"\nnote = \"\"\n"
            ));
        }
        assert!(text.len() > PIECE_BYTES);
        text
    }

    /// Edits `text` item by item and whole, and checks both give the same text.
    fn same_both_ways(text: &str, edits: &[ItemEdit]) -> Edited {
        let by_item = edit_text(text, edits, "clerk", now()).expect("edits in place");
        let whole = edit_whole(text, edits, &"clerk".into(), now()).expect("edits whole");
        assert_eq!(by_item.1, whole.1);
        assert_eq!(by_item.0, whole.0);
        by_item
    }

    #[test]
    fn a_large_file_is_edited_item_by_item_as_it_would_be_whole() {
        let text = big(2000);
        let edits = [
            edit("r/1000", Edit::Mark(ReadyFor::Next)),
            ItemEdit {
                note: "Chased by email.".into(),
                ..edit("r/1000", Edit::Note)
            },
            edit("r/5", Edit::SetStatus(Status::Complete)),
            edit("r/new", Edit::SetStatus(Status::AtRisk)),
        ];
        let (new, done) = same_both_ways(&text, &edits);
        assert!(done.iter().all(|a| a.changed));
        let new = new.expect("changed");
        assert!(
            new.contains("[items.\"r/new\"]\nstatus = \"at-risk\""),
            "{}",
            &new[new.len() - 400..]
        );
        let state = load(new, PIECE_BYTES, &mut Vec::new()).expect("reads");
        assert_eq!(state.items["r/1000"].ready_for, Some(ReadyFor::Next));
        assert_eq!(state.items["r/1000"].history.len(), 3);
        assert_eq!(state.items["r/5"].status, Status::Complete);
        assert_eq!(state.items["r/new"].status, Status::AtRisk);
        assert_eq!(state.items.len(), 2001);
        // The same mark again changes nothing, and says so.
        let (unchanged, again) = same_both_ways(
            &text.replace(
                "[items.\"r/7\"]\n",
                "[items.\"r/7\"]\nready_for = \"next\"\n",
            ),
            &[edit("r/7", Edit::Mark(ReadyFor::Next))],
        );
        assert!(unchanged.is_none() && !again[0].changed);
    }

    #[test]
    fn many_edits_at_once_as_an_import_makes_them_are_made_as_whole() {
        let text = big(2000);
        let mut edits = Vec::new();
        for i in (0..2000).step_by(7) {
            let id = format!("r/{i}");
            edits.push(edit(&id, Edit::SetStatus(Status::Complete)));
            edits.push(ItemEdit {
                note: format!("imported {i}"),
                ..edit(&id, Edit::Note)
            });
        }
        let (new, done) = same_both_ways(&text, &edits);
        assert_eq!(done.len(), edits.len());
        assert!(done.iter().all(|a| a.changed));
        let state = load(new.expect("changed"), PIECE_BYTES, &mut Vec::new()).expect("reads");
        assert_eq!(state.items["r/700"].status, Status::Complete);
        assert_eq!(state.items["r/700"].history.len(), 3);
        assert_eq!(state.items["r/701"].history.len(), 1);
    }

    #[test]
    fn a_new_response_and_a_new_item_in_one_save_read_the_same_both_ways() {
        // Where new tables go differs (the end of the file, or of their section when
        // edited whole); what the file says does not.
        let text = big(2000);
        let edits = [
            edit("r/0", Edit::Respond(ResponseKind::Accepted)),
            edit("r/2000", Edit::Mark(ReadyFor::Next)),
        ];
        let (by_item, done) = edit_text(&text, &edits, "clerk", now()).expect("in place");
        let (whole, whole_done) = edit_whole(&text, &edits, &"clerk".into(), now()).expect("whole");
        assert_eq!(done, whole_done);
        let read = |t: Option<String>| {
            let state = load(t.expect("changed"), PIECE_BYTES, &mut Vec::new()).expect("reads");
            (state.items, state.responses)
        };
        let (items, responses) = read(by_item);
        assert_eq!(responses["r/0"].kind, ResponseKind::Accepted);
        assert_eq!(items["r/2000"].ready_for, Some(ReadyFor::Next));
        assert_eq!((items, responses), read(whole));
    }

    #[test]
    fn an_item_whose_tables_are_apart_is_edited_whole() {
        let mut text = big(2000);
        text.push_str("\n[[items.\"r/3\".history]]\nat = 2026-02-01T09:00:00Z\nby = \"b\"\nchange = \"note\"\nnote = \"later\"\n");
        assert!(pieces::tables(&text).is_none());
        let (new, _) = same_both_ways(&text, &[edit("r/3", Edit::SetStatus(Status::Complete))]);
        let state = load(new.expect("changed"), PIECE_BYTES, &mut Vec::new()).expect("reads");
        assert_eq!(state.items["r/3"].status, Status::Complete);
        assert_eq!(state.items["r/3"].history.len(), 3);
    }

    #[test]
    fn an_expectation_not_met_says_who_changed_the_item_last_and_when() {
        let text = big(2000);
        // r/1 is on track (asmith's change); an undo expecting it not started is refused.
        match edit_text(
            &text,
            &[
                edit("r/1", Edit::Expect(Expected::Status(Status::NotStarted))),
                edit("r/1", Edit::SetStatus(Status::Complete)),
            ],
            "clerk",
            now(),
        ) {
            Err(EditError::Invalid(why)) => assert_eq!(
                why,
                "r/1 has been changed since by asmith at 2026-01-01T09:00:00Z (status not-started -> on-track): nothing was undone"
            ),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_broken_line_in_the_item_edited_is_placed_in_the_whole_file() {
        let mut text = big(2000);
        let header = "[items.\"r/1500\"]\nstatus = \"on-track\"";
        let at = text.find(header).expect("item");
        // The status's closing quote is lost: only this item's lines are read to edit it.
        let quote = at + header.len() - 1;
        text.replace_range(quote..quote + 1, "");
        assert!(pieces::tables(&text).is_some(), "edited in place");
        let status_line = text[..at].matches('\n').count() + 2;
        match edit_text(
            &text,
            &[edit("r/1500", Edit::SetStatus(Status::Complete))],
            "clerk",
            now(),
        ) {
            Err(EditError::Corrupt {
                position: Some((line, _)),
                ..
            }) => assert_eq!(line, status_line, "the line in the whole file"),
            other => panic!("expected the broken line, got {other:?}"),
        }
    }

    #[test]
    fn a_large_file_broken_elsewhere_is_not_written() {
        let mut text = big(2000);
        let at = text
            .find("[items.\"r/1500\"]\nstatus = \"on-track\"")
            .expect("item");
        text.replace_range(at..at + 16, "[items.\"r/1500\"");
        let line = |offset: usize| text[..offset].matches('\n').count() + 1;
        let whole = text
            .parse::<DocumentMut>()
            .err()
            .and_then(|e| e.span())
            .map(|s| line_col(&text, s.start));
        match edit_text(
            &text,
            &[edit("r/10", Edit::Mark(ReadyFor::Next))],
            "clerk",
            now(),
        ) {
            Err(EditError::Corrupt {
                position: Some(position),
                ..
            }) => {
                assert_eq!(Some(position), whole);
                assert!((line(at)..line(at) + 10).contains(&position.0));
            }
            other => panic!("expected the broken line, got {other:?}"),
        }
    }

    #[test]
    fn a_large_text_read_or_written_whole_is_remembered_as_readable() {
        let text = big(2000);
        let fresh = format!("{text}\n# read here\n");
        assert!(!Fingerprint::of(&fresh).known());
        assert!(load(fresh.clone(), PIECE_BYTES, &mut Vec::new()).is_some());
        assert!(Fingerprint::of(&fresh).known());
        let (new, _) = edit_text(
            &fresh,
            &[edit("r/9", Edit::Mark(ReadyFor::Next))],
            "clerk",
            now(),
        )
        .expect("edits");
        assert!(Fingerprint::of(&new.expect("changed")).known());
        // A text that does not read is never taken for one that does.
        let broken = fresh.replace("[items.\"r/1500\"]\n", "[items.\"r/1500\"\n");
        assert!(load(broken.clone(), PIECE_BYTES, &mut Vec::new()).is_none());
        assert!(!Fingerprint::of(&broken).known());
    }

    #[test]
    fn a_mark_and_crlf_line_ends_are_kept_whole_and_item_by_item() {
        let windows = |t: &str| format!("\u{feff}{}", t.replace('\n', "\r\n"));
        for text in [windows(HEADER), windows(&big(2000))] {
            let edits = [
                edit("r/5", Edit::Mark(ReadyFor::Next)),
                edit("r/new", Edit::SetStatus(Status::AtRisk)),
            ];
            let (new, _) = edit_text(&text, &edits, "clerk", now()).expect("edits");
            let new = new.expect("changed");
            assert!(new.starts_with(&text[..text.len().min(1000)]));
            assert_eq!(new.matches('\u{feff}').count(), 1);
            assert!(new.starts_with('\u{feff}'));
            assert_eq!(new.matches('\n').count(), new.matches("\r\n").count());
            assert!(new.contains("[items.\"r/new\"]\r\nstatus = \"at-risk\"\r\n"));
            let state = load(new, PIECE_BYTES, &mut Vec::new()).expect("reads");
            assert_eq!(state.items["r/5"].ready_for, Some(ReadyFor::Next));
        }
        // Mostly LF: written LF throughout (the line ends it has most of).
        let text = format!("{HEADER}# one odd line\r\n");
        let (new, _) =
            edit_text(&text, &[edit("r/1", Edit::Unmark)], "clerk", now()).expect("edits");
        assert!(new.is_none());
        let (new, _) = edit_text(
            &text,
            &[edit("r/1", Edit::Mark(ReadyFor::Next))],
            "clerk",
            now(),
        )
        .expect("edits");
        let new = new.expect("changed");
        // The lines written are LF; the odd line is left as it was.
        assert!(
            !new.replace("# one odd line\r\n", "").contains('\r'),
            "{new:?}"
        );
    }

    #[test]
    fn a_change_is_never_stamped_before_the_last_one_of_its_item() {
        let mut doc = DocumentMut::new();
        let later: Timestamp = "2026-11-23T08:00:00Z".parse().expect("time");
        apply(&mut doc, &[edit("r/1", Edit::Note)], "a", later).expect("note");
        apply(
            &mut doc,
            &[edit("r/1", Edit::SetStatus(Status::AtRisk))],
            "a",
            now(),
        )
        .expect("status");
        // Another item's history does not hold this one back.
        apply(
            &mut doc,
            &[edit("r/2", Edit::SetStatus(Status::AtRisk))],
            "a",
            now(),
        )
        .expect("status");
        let text = doc.to_string();
        assert_eq!(
            text.matches("at = 2026-11-23T08:00:00Z").count(),
            2,
            "{text}"
        );
        assert_eq!(
            text.matches("at = 2026-11-22T10:15:00Z").count(),
            1,
            "{text}"
        );
        // Written to the second, even from a clock that is finer.
        let mut doc = DocumentMut::new();
        let fine: Timestamp = "2026-11-22T10:15:00.75Z".parse().expect("time");
        apply(&mut doc, &[edit("r/1", Edit::Note)], "a", fine).expect("note");
        assert!(doc.to_string().contains("at = 2026-11-22T10:15:00Z\n"));
    }

    #[test]
    fn the_name_as_given_is_kept_beside_the_login_name() {
        let mut doc = DocumentMut::new();
        let who = Author {
            name: "jclerk".into(),
            as_given: Some("mallory".into()),
        };
        apply(&mut doc, &[edit("r/1", Edit::Note)], &who, now()).expect("note");
        let same = Author {
            name: "jclerk".into(),
            as_given: Some("jclerk".into()),
        };
        apply(&mut doc, &[edit("r/1", Edit::Note)], same, now()).expect("note");
        let text = doc.to_string();
        assert!(
            text.contains("by = \"jclerk\"\nby_as_given = \"mallory\"\nchange"),
            "{text}"
        );
        assert_eq!(text.matches("by_as_given").count(), 1, "{text}");
        let mut out = Vec::new();
        let state = load(text, PIECE_BYTES, &mut out).expect("reads");
        assert!(out.is_empty(), "{out:?}");
        let by: Vec<&str> = state.items["r/1"]
            .history
            .iter()
            .map(|c| c.by.as_str())
            .collect();
        assert_eq!(by, ["jclerk (as given: mallory)", "jclerk"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 16, ..Default::default() })]

        /// Any run of edits, to items the file has and items it has not, does the same
        /// item by item as it does whole.
        #[test]
        fn edits_item_by_item_are_edits_whole(
            picks in proptest::collection::vec((0usize..2100, 0u8..6), 1..6)
        ) {
            let text = big(2000);
            let edits: Vec<ItemEdit> = picks
                .iter()
                .map(|&(i, kind)| {
                    let id = format!("r/{i}");
                    match kind {
                        0 => edit(&id, Edit::Mark(ReadyFor::Next)),
                        1 => edit(&id, Edit::Unmark),
                        2 => edit(&id, Edit::SetStatus(Status::AtRisk)),
                        3 => ItemEdit { note: format!("note {i}"), ..edit(&id, Edit::Note) },
                        4 => edit(&id, Edit::Respond(ResponseKind::Accepted)),
                        _ => ItemEdit {
                            note: "slipped".into(),
                            ..edit(&id, Edit::Revise(jiff::civil::date(2027, 1, 31)))
                        },
                    }
                })
                .collect();
            let (by_item, done) = edit_text(&text, &edits, "clerk", now()).expect("in place");
            let (whole, whole_done) = edit_whole(&text, &edits, &"clerk".into(), now()).expect("whole");
            proptest::prop_assert!(done == whole_done, "{done:?} {whole_done:?}");
            // New tables go at the end of the file, or of their section when it is edited
            // whole: the same tracking either way, and the same text when every edit is to
            // an item the file has.
            let read = |t: Option<String>| {
                let state = load(t.unwrap_or_else(|| text.clone()), PIECE_BYTES, &mut Vec::new())
                    .expect("reads");
                (state.items, state.responses)
            };
            let existing = picks.iter().all(|&(i, kind)| i < 2000 && kind != 4);
            if existing {
                proptest::prop_assert!(by_item == whole, "the texts differ");
            }
            proptest::prop_assert!(read(by_item) == read(whole), "the tracking differs");
        }
    }
}
