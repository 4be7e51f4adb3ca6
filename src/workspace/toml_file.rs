//! Reading one TOML file into typed records, with every problem placed at its file,
//! line and column: syntax and type errors from the parser, unknown keys as warnings.

use super::diagnostic::{Diagnostic, line_col};
use jiff::civil::Date;
use serde::de::DeserializeOwned;
use toml::value::Datetime;

/// One step of a path into a TOML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A parsed file: its text (kept to place later, semantic, problems) and its records.
pub struct Parsed<T> {
    pub value: T,
    pub text: String,
    /// The document with its spans, parsed on the first `locate`: most files have
    /// nothing to report, and this parse costs more than the one that reads them.
    spans: std::cell::OnceCell<Option<toml_edit::Document<String>>>,
    /// Where each line starts, built on the first `locate`: records are located one by
    /// one, and counting lines from the top each time made loading quadratic.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<T> Parsed<T> {
    /// The line and column of the key or value at `path`, if the path exists.
    pub fn locate(&self, path: &[Step]) -> Option<(usize, usize)> {
        let doc = self
            .spans
            .get_or_init(|| toml_edit::Document::parse(self.text.clone()).ok())
            .as_ref()?;
        let offset = locate(doc, path)?;
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        let (_, col) = line_col(&self.text[start..], offset - start);
        Some((line, col))
    }
}

/// Parses `text` (from `file`) into `T`. Unknown keys become warnings in `out`, each
/// with the known key it most looks like.
///
/// One mistake does not cost the whole file. A record of an array of tables
/// (`[[actions]]`, `[[owner]]`...) that does not read (a missing field, a wrong type, a
/// syntax error inside it) is reported, named (its line and id) and skipped, and the
/// rest is read; so is a key before the first table whose value does not read
/// (`date = "15 March 2004"`). Only a mistake that leaves nothing sound to read (a
/// missing `title`, a mistake in a plain `[table]`) fails the whole file. Skipped parts are
/// blanked out of the text the records are then located in, so lines stay where they
/// were. The tracking file is read whole or not at all: its state is never half read.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: String,
    out: &mut Vec<Diagnostic>,
) -> Result<Parsed<T>, Diagnostic> {
    let recover = file != super::tracking::FILE;
    let mut text = text;
    let mut skipped: Vec<Skipped> = Vec::new();
    // The file's parts as written, found at the first mistake (a sound file, the
    // common case, is read once and not scanned).
    let mut original: Option<Layout> = None;
    loop {
        let failure = match attempt::<T>(&text) {
            Ok((value, unknown)) => {
                let original = original.unwrap_or(Layout { parts: Vec::new() });
                out.extend(skipped_diagnostics(file, &skipped, &original));
                let parsed = Parsed {
                    value,
                    text,
                    spans: std::cell::OnceCell::new(),
                    line_starts: std::cell::OnceCell::new(),
                };
                // Unknown keys are named by the records' places in the file as written.
                let named = |path: &[Step]| match path {
                    [Step::Key(name), Step::Index(i), rest @ ..] => {
                        let mut named = vec![Step::Key(name.clone())];
                        named.push(Step::Index(original.index_kept(name, *i, &skipped)));
                        named.extend_from_slice(rest);
                        named
                    }
                    _ => path.to_vec(),
                };
                warn_unknown::<T>(file, &parsed, &unknown, named, out);
                return Ok(parsed);
            }
            Err(failure) => failure,
        };
        let explained = explain(&text, &failure);
        if !recover {
            return Err(Diagnostic::error(
                file,
                explained.position,
                explained.message,
            ));
        }
        let original = original.get_or_insert_with(|| Layout::of(&text));
        // Each round blanks one part: never more rounds than parts.
        if skipped.len() > original.parts.len() {
            out.extend(skipped_diagnostics(file, &skipped, original));
            return Err(Diagnostic::error(
                file,
                None,
                "too many mistakes to read the file",
            ));
        }
        // A key given up earlier that the file cannot do without: that key's own
        // mistake is the one to tell.
        let missing = missing_field(&failure.message);
        if let Some(earlier) = skipped
            .iter()
            .position(|s| matches!(&s.part.kind, PartKind::Key(k) if Some(k.as_str()) == missing))
        {
            let first = skipped.remove(earlier);
            out.extend(skipped_diagnostics(file, &skipped, original));
            return Err(Diagnostic::error(
                file,
                first.position,
                format!(
                    "{}; the file cannot be read without `{}`",
                    first.message,
                    missing.unwrap_or_default()
                ),
            ));
        }
        let position = explained.position;
        let part = failure
            .span
            .as_ref()
            .and_then(|span| Layout::of(&text).part_at(span.start).cloned())
            // A field missing at the top is missing from the file: nothing to skip.
            .filter(|part| match part.kind {
                PartKind::Record(_) => true,
                PartKind::Key(_) => missing.is_none(),
                PartKind::Table(_) => false,
            });
        let Some(part) = part else {
            out.extend(skipped_diagnostics(file, &skipped, original));
            return Err(Diagnostic::error(file, position, explained.message));
        };
        let id = record_id(&text[part.start..part.end]);
        blank(&mut text, part.start..part.end);
        skipped.push(Skipped {
            position,
            message: explained.message,
            id,
            lines: (
                line_col(&text, part.start).0,
                line_col(&text, part.end.saturating_sub(1).max(part.start)).0,
            ),
            part,
        });
    }
}

/// What one attempt at reading the whole file found wrong.
struct Failure {
    message: String,
    span: Option<std::ops::Range<usize>>,
    /// The unknown keys met before the mistake (a misspelt key is often why a field
    /// is missing).
    unknown: Vec<Vec<Step>>,
}

/// Reads `text` into `T`, with the paths of the keys `T` does not have.
fn attempt<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Vec<Step>>), Failure> {
    let deserializer = toml::de::Deserializer::parse(text).map_err(|e| Failure {
        message: e.message().trim().replace('\n', " "),
        span: e.span(),
        unknown: Vec::new(),
    })?;
    let mut unknown: Vec<Vec<Step>> = Vec::new();
    let value = serde_ignored::deserialize(deserializer, |path| unknown.push(steps(&path)));
    match value {
        Ok(value) => Ok((value, unknown)),
        Err(e) => Err(Failure {
            message: e.message().trim().replace('\n', " "),
            span: e.span(),
            unknown,
        }),
    }
}

/// A part of a file given up, and why.
struct Skipped {
    part: Part,
    position: Option<(usize, usize)>,
    message: String,
    /// The record's `id` (or `ref`), to name it by.
    id: Option<String>,
    /// Its first and last lines.
    lines: (usize, usize),
}

/// Each skipped part as an error that names it, and for a record how many of its kind
/// the file still gives.
fn skipped_diagnostics(file: &str, skipped: &[Skipped], original: &Layout) -> Vec<Diagnostic> {
    let mut in_order: Vec<&Skipped> = skipped.iter().collect();
    in_order.sort_by_key(|s| s.part.start);
    in_order
        .into_iter()
        .map(|s| {
            let what = match &s.part.kind {
                PartKind::Key(key) => {
                    format!("so `{key}` is left out; the rest of the file is read")
                }
                PartKind::Record(name) | PartKind::Table(name) => {
                    let named = match &s.id {
                        Some(id) => format!(" `{id}`"),
                        None => String::new(),
                    };
                    let lines = if s.lines.0 == s.lines.1 {
                        format!("line {}", s.lines.0)
                    } else {
                        format!("lines {}-{}", s.lines.0, s.lines.1)
                    };
                    let total = original.count(name);
                    let lost = skipped
                        .iter()
                        .filter(|o| matches!(&o.part.kind, PartKind::Record(n) if n == name))
                        .count();
                    format!(
                        "so the [[{name}]] record{named} ({lines}) is skipped and the rest of the file is read ({} of {total} [[{name}]] records kept)",
                        total.saturating_sub(lost)
                    )
                }
            };
            Diagnostic::error(file, s.position, format!("{}; {what}", s.message))
        })
        .collect()
}

/// Blanks `range` of `text` out, keeping its line ends (and so every line number and
/// byte offset after it).
fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            c => " ".repeat(c.len_utf8()),
        })
        .collect();
    text.replace_range(range, &blanked);
}

/// The `id` (else the `ref`) a record gives on a line of its own, to name it by.
fn record_id(record: &str) -> Option<String> {
    for wanted in ["id", "ref"] {
        for line in record.lines().skip(1) {
            let line = line.trim_start();
            if line.starts_with('[') {
                break;
            }
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            if k.trim().trim_matches('"') == wanted {
                let v = v.trim();
                let v = v.split(" #").next().unwrap_or(v).trim();
                return Some(v.trim_matches(|c| c == '"' || c == '\'').to_string());
            }
        }
    }
    None
}

/// A mistake said in words a person can act on: where it is, and what to write.
struct Explained {
    position: Option<(usize, usize)>,
    message: String,
}

fn explain(text: &str, failure: &Failure) -> Explained {
    let at = failure.span.as_ref().map(|s| s.start);
    let position = at.map(|o| line_col(text, o));
    let message = failure.message.clone();
    if let Some(field) = missing_field(&message) {
        return explain_missing(text, failure, field, position);
    }
    let (Some(span), Some(start)) = (failure.span.as_ref(), at) else {
        return Explained { position, message };
    };
    let key = key_at(text, start);
    let raw = text.get(span.clone()).unwrap_or_default().trim();
    let named = |m: &str| match &key {
        Some(k) => format!("`{k}`: {m}"),
        None => m.to_string(),
    };
    let k = key.as_deref().unwrap_or("key");
    let message =
        if message.contains("expected a TOML datetime") || message.contains("expected a date") {
            named(&date_advice(&message, k, raw))
        } else if message.starts_with("invalid type: string")
            && message.ends_with("expected a sequence")
        {
            named(&format!(
                "{message}: a list is written in brackets, even of one: write `{k} = [{raw}]`"
            ))
        } else if (message.starts_with("invalid type: integer")
            || message.starts_with("invalid type: floating point"))
            && message.ends_with("expected a string")
        {
            named(&format!("{message}: write it in quotes, `{k} = \"{raw}\"`"))
        } else if message == "duplicate key" {
            let dup = raw.trim_matches('"');
            let first = first_key_line(text, start, dup)
                .map_or(String::new(), |l| format!(" (first on line {l})"));
            format!("`{dup}` is given twice in one table{first}; keep one")
        } else {
            named(&message)
        };
    Explained { position, message }
}

/// What to write for a date given as words or in quotes.
fn date_advice(message: &str, key: &str, raw: &str) -> String {
    let words = raw.trim_matches('"').trim_matches('\'');
    let read = crate::model::parse_timescale(words, None);
    let quoted = raw.starts_with('"') || raw.starts_with('\'');
    let found = if quoted {
        format!("found the text {raw}")
    } else {
        format!("found `{raw}`")
    };
    match (read.kind, read.precision, read.due) {
        (crate::model::DeadlineKind::Day, Some(crate::model::Precision::Day), Some(d)) => format!(
            "a date is written as YEAR-MONTH-DAY without quotes ({found}): write `{key} = {d}`"
        ),
        _ if message.contains("expected a TOML datetime") => format!(
            "a date is written as YEAR-MONTH-DAY without quotes ({found}), e.g. `{key} = 2004-03-15`; where the paper does not print the year, give the one you infer and say why in `inferred` (docs/FORMAT.md)"
        ),
        _ => message.to_string(),
    }
}

/// "missing field `title`" -> `title`.
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
}

/// A missing field, with the unknown key at the same place that looks like it
/// (`titel` for `title`), pointing at that key.
fn explain_missing(
    text: &str,
    failure: &Failure,
    field: &str,
    position: Option<(usize, usize)>,
) -> Explained {
    // The record the field is missing from: the table whose header the error points
    // at, or the top of the file.
    let layout = Layout::of(text);
    let place = failure
        .span
        .as_ref()
        .filter(|s| s.start > 0 || s.end > 0)
        .and_then(|s| layout.part_at(s.start));
    let doc = toml_edit::Document::parse(text.to_string()).ok();
    let misspelt = failure.unknown.iter().find_map(|path| {
        let Some(Step::Key(name)) = path.last() else {
            return None;
        };
        if !looks_like(name, field) {
            return None;
        }
        let offset = doc.as_ref().and_then(|d| locate(d, path))?;
        let here = layout.part_at(offset);
        let same_place = match (place, here) {
            (Some(p), Some(h)) => p.start == h.start,
            (None, Some(h)) => matches!(h.kind, PartKind::Key(_)) && path.len() == 1,
            _ => false,
        };
        same_place.then(|| (name.clone(), line_col(text, offset)))
    });
    let message = match &misspelt {
        Some((name, (line, _))) => format!(
            "missing field `{field}`; the key `{name}` (line {line}) is not one scrutineer knows: write `{field}`"
        ),
        None => match place {
            Some(_) => format!("missing field `{field}` in this table"),
            None => format!("missing field `{field}`: the file must give `{field} = ...`"),
        },
    };
    let position = match &misspelt {
        Some((_, at)) => Some(*at),
        None => position,
    };
    Explained { position, message }
}

/// The line of the first `key = ` in the table holding `offset`, before it; or, for a
/// key before the first table, the line it is first given on.
fn first_key_line(text: &str, offset: usize, key: &str) -> Option<usize> {
    let layout = Layout::of(text);
    let part = layout.part_at(offset);
    // Each key before the first table is a part of its own: the first part that gives
    // this key (the one given twice is a later one).
    if let Some(Part {
        kind: PartKind::Key(_),
        ..
    }) = part
    {
        return layout
            .parts
            .iter()
            .find(|p| matches!(&p.kind, PartKind::Key(k) if k == key))
            .map(|p| line_col(text, p.start).0);
    }
    let from = part.map_or(0, |p| p.start);
    let upto = text.get(from..offset)?;
    upto.lines().enumerate().find_map(|(n, line)| {
        let (k, _) = line.split_once('=')?;
        (k.trim().trim_matches('"') == key).then(|| line_col(text, from).0 + n)
    })
}

/// The key of the `key = value` whose value starts at `offset` (on its line).
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let (key, _) = line.rsplit_once('=')?;
    let key = key.trim();
    let key = key.rsplit(['{', ',']).next().unwrap_or(key).trim();
    (!key.is_empty()).then(|| key.trim_matches('"').to_string())
}

/// Warns about every unknown key, with the known key it most looks like.
fn warn_unknown<T: DeserializeOwned>(
    file: &str,
    parsed: &Parsed<T>,
    unknown: &[Vec<Step>],
    named: impl Fn(&[Step]) -> Vec<Step>,
    out: &mut Vec<Diagnostic>,
) {
    if unknown.is_empty() {
        return;
    }
    let shapes = shape::<T>();
    for path in unknown {
        let name = path_name(&named(path));
        let hint = match path.split_last() {
            Some((Step::Key(key), parent)) => {
                let parent: Vec<&str> = parent
                    .iter()
                    .filter_map(|s| match s {
                        Step::Key(k) => Some(k.as_str()),
                        Step::Index(_) => None,
                    })
                    .collect();
                shapes
                    .iter()
                    .find(|(p, _)| *p == parent)
                    .and_then(|(_, fields)| closest(key, fields))
                    .map_or("is it misspelt?".to_string(), |f| {
                        format!("did you mean `{f}`?")
                    })
            }
            _ => "is it misspelt?".to_string(),
        };
        out.push(Diagnostic::warning(
            file,
            parsed.locate(path),
            format!("unknown key `{name}` ignored ({hint})"),
        ));
    }
}

/// The fields of the struct `T` (its top level), as its `Deserialize` names them.
pub fn fields_of<T: DeserializeOwned>() -> Vec<&'static str> {
    shape::<T>()
        .into_iter()
        .find(|(path, _)| path.is_empty())
        .map_or_else(Vec::new, |(_, fields)| fields.to_vec())
}

/// The known key `key` most looks like, if any looks like it.
pub fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .filter(|k| !k.starts_with("$__") && looks_like(key, k))
        .min_by_key(|k| strsim::osa_distance(&key.to_lowercase(), &k.to_lowercase()))
        .copied()
}

/// Whether a key looks like a misspelling of `known`: a slip of a key or two, a
/// different case, or one inside the other (`answer`, `answers`).
fn looks_like(key: &str, known: &str) -> bool {
    let (a, b) = (key.to_lowercase(), known.to_lowercase());
    if a == b {
        return true;
    }
    let most = (b.chars().count() / 3).clamp(1, 3);
    strsim::osa_distance(&a, &b) <= most
        || (a.len() >= 3 && (b.starts_with(&a) || a.starts_with(&b)))
}

/// The top-level parts of a file: each key set before the first table header (with
/// its value, over as many lines as it takes), and each table with everything up to
/// the next top-level table (an `[[actions]]` record keeps its own subtables, such as
/// `[[actions.imported]]`). Found with the TOML lexer, so strings and comments holding
/// `[` or `=` are never taken for structure, even in a file that does not parse.
struct Layout {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    start: usize,
    end: usize,
    kind: PartKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PartKind {
    /// `key = value` before the first table.
    Key(String),
    /// `[[name]]`: one record of an array of tables at the top level.
    Record(String),
    /// Any other table.
    Table(String),
}

impl Layout {
    fn of(text: &str) -> Layout {
        use toml_parser::Source;
        use toml_parser::lexer::TokenKind;
        let mut starts: Vec<(usize, PartKind)> = Vec::new();
        let mut line_start = 0;
        let mut at_line_start = true;
        let mut depth = 0usize;
        let mut in_tables = false;
        // The header being read: where its line starts, its brackets, its keys.
        let mut header: Option<(usize, usize, Vec<String>)> = None;
        let finish = |header: Option<(usize, usize, Vec<String>)>,
                      starts: &mut Vec<(usize, PartKind)>| {
            let Some((start, brackets, keys)) = header else {
                return;
            };
            let name = keys.join(".");
            // A subtable of the record before it belongs to that record.
            if let Some((_, PartKind::Record(record))) = starts.last()
                && name.starts_with(&format!("{record}."))
            {
                return;
            }
            let kind = if brackets >= 2 && keys.len() == 1 {
                PartKind::Record(name)
            } else {
                PartKind::Table(name)
            };
            starts.push((start, kind));
        };
        for token in Source::new(text).lex() {
            let span = token.span();
            let raw = text.get(span.start()..span.end()).unwrap_or_default();
            match token.kind() {
                TokenKind::Newline => {
                    finish(header.take(), &mut starts);
                    line_start = span.end();
                    at_line_start = true;
                    continue;
                }
                TokenKind::Whitespace | TokenKind::Comment => continue,
                TokenKind::Eof => break,
                TokenKind::LeftSquareBracket if at_line_start && depth == 0 => {
                    header = Some((line_start, 1, Vec::new()));
                    in_tables = true;
                }
                TokenKind::LeftSquareBracket if header.as_ref().is_some_and(|h| h.2.is_empty()) => {
                    if let Some(h) = header.as_mut() {
                        h.1 += 1;
                    }
                }
                TokenKind::RightSquareBracket | TokenKind::Dot if header.is_some() => {}
                _ if header.is_some() => {
                    if let Some(h) = header.as_mut() {
                        h.2.push(raw.trim_matches(|c| c == '"' || c == '\'').to_string());
                    }
                }
                TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                    depth = depth.saturating_sub(1)
                }
                _ if at_line_start && depth == 0 && !in_tables => {
                    let key = raw.trim_matches(|c| c == '"' || c == '\'').to_string();
                    starts.push((line_start, PartKind::Key(key)));
                }
                _ => {}
            }
            at_line_start = false;
        }
        finish(header.take(), &mut starts);
        let ends: Vec<usize> = starts
            .iter()
            .skip(1)
            .map(|(s, _)| *s)
            .chain(std::iter::once(text.len()))
            .collect();
        Layout {
            parts: starts
                .into_iter()
                .zip(ends)
                .map(|((start, kind), end)| Part { start, end, kind })
                .collect(),
        }
    }

    /// The part holding byte `offset` (the last part for the end of the file).
    fn part_at(&self, offset: usize) -> Option<&Part> {
        self.parts
            .iter()
            .find(|p| p.start <= offset && offset < p.end)
            .or_else(|| self.parts.last().filter(|p| offset >= p.end))
    }

    /// The place among all `[[name]]` records of the `i`th one left when `skipped` are
    /// taken out.
    fn index_kept(&self, name: &str, i: usize, skipped: &[Skipped]) -> usize {
        self.parts
            .iter()
            .filter(|p| matches!(&p.kind, PartKind::Record(n) if n == name))
            .enumerate()
            .filter(|(_, p)| !skipped.iter().any(|s| s.part.start == p.start))
            .nth(i)
            .map_or(i, |(k, _)| k)
    }

    /// How many `[[name]]` records there are.
    fn count(&self, name: &str) -> usize {
        self.parts
            .iter()
            .filter(|p| matches!(&p.kind, PartKind::Record(n) if n == name))
            .count()
    }
}

/// The keys each struct in `T` knows, by where it sits (`[]` for the top, `["actions"]`
/// for an `[[actions]]` record, `["actions", "imported"]` ...), found by walking `T`'s
/// own `Deserialize`: so a field added to a record is known here at once.
fn shape<T: DeserializeOwned>() -> Vec<(Vec<&'static str>, &'static [&'static str])> {
    let found = std::cell::RefCell::new(Vec::new());
    let _ = T::deserialize(shape::Shape {
        path: Vec::new(),
        found: &found,
    });
    found.into_inner()
}

mod shape {
    use serde::de::value::{BorrowedStrDeserializer, Error};
    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    type Found = RefCell<Vec<(Vec<&'static str>, &'static [&'static str])>>;

    /// A deserializer that gives every struct all its fields, each with a plausible
    /// value, and notes the fields by where the struct sits.
    pub struct Shape<'a> {
        pub path: Vec<&'static str>,
        pub found: &'a Found,
    }

    /// A date-like text suits both a string and a TOML date.
    const TEXT: &str = "1979-05-27";

    impl<'de> de::Deserializer<'de> for Shape<'_> {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_unit()
        }
        fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_bool(false)
        }
        fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(0)
        }
        fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(0)
        }
        fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(0)
        }
        fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_i64(0)
        }
        fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_u64(0)
        }
        fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_u64(0)
        }
        fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_u64(0)
        }
        fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_u64(0)
        }
        fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_f64(0.0)
        }
        fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_f64(0.0)
        }
        fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_char('x')
        }
        fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_str(TEXT)
        }
        fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_str(TEXT)
        }
        fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_bytes(&[])
        }
        fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_bytes(&[])
        }
        fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_some(self)
        }
        fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_unit()
        }
        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            v: V,
        ) -> Result<V::Value, Error> {
            v.visit_unit()
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            v: V,
        ) -> Result<V::Value, Error> {
            v.visit_newtype_struct(self)
        }
        fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_seq(One { shape: Some(self) })
        }
        fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
            self.deserialize_seq(v)
        }
        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: usize,
            v: V,
        ) -> Result<V::Value, Error> {
            self.deserialize_seq(v)
        }
        fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_map(Fields {
                fields: &[],
                next: 0,
                path: self.path,
                found: self.found,
            })
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Error> {
            if !name.starts_with("$__") {
                self.found.borrow_mut().push((self.path.clone(), fields));
            }
            v.visit_map(Fields {
                fields,
                next: 0,
                path: self.path,
                found: self.found,
            })
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            Err(de::Error::custom("no enums in files"))
        }
        fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_str(TEXT)
        }
        fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_unit()
        }
    }

    /// A list of one.
    struct One<'a> {
        shape: Option<Shape<'a>>,
    }

    impl<'de> SeqAccess<'de> for One<'_> {
        type Error = Error;
        fn next_element_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<Option<S::Value>, Error> {
            match self.shape.take() {
                Some(shape) => seed.deserialize(shape).map(Some),
                None => Ok(None),
            }
        }
    }

    /// A struct's every field.
    struct Fields<'a> {
        fields: &'static [&'static str],
        next: usize,
        path: Vec<&'static str>,
        found: &'a Found,
    }

    impl<'de> MapAccess<'de> for Fields<'_> {
        type Error = Error;
        fn next_key_seed<S: DeserializeSeed<'de>>(
            &mut self,
            seed: S,
        ) -> Result<Option<S::Value>, Error> {
            let Some(field) = self.fields.get(self.next) else {
                return Ok(None);
            };
            seed.deserialize(BorrowedStrDeserializer::new(field))
                .map(Some)
        }
        fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
            let field = self.fields.get(self.next).copied().unwrap_or_default();
            self.next += 1;
            let mut path = self.path.clone();
            if !field.starts_with("$__") {
                path.push(field);
            }
            seed.deserialize(Shape {
                path,
                found: self.found,
            })
        }
    }
}

fn steps(path: &serde_ignored::Path) -> Vec<Step> {
    let mut out = Vec::new();
    let mut here = path;
    loop {
        match here {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                out.push(Step::Index(*index));
                here = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                out.push(Step::Key(key.clone()));
                here = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => here = parent,
        }
    }
    out.reverse();
    out
}

/// `recommendations[3].reff`, the way a person would point at a key.
pub fn path_name(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(k) if name.is_empty() => name.push_str(k),
            Step::Key(k) => {
                name.push('.');
                name.push_str(k);
            }
            Step::Index(i) => name.push_str(&format!("[{}]", i + 1)),
        }
    }
    name
}

fn locate(doc: &toml_edit::Document<String>, path: &[Step]) -> Option<usize> {
    locate_in_table(doc.as_table(), path, None)
}

/// The offset of the key at the end of `path` (or of the value, for array elements),
/// falling back to the closest enclosing place that exists.
fn locate_in_table(
    table: &toml_edit::Table,
    path: &[Step],
    offset: Option<usize>,
) -> Option<usize> {
    let Some((Step::Key(k), rest)) = path.split_first() else {
        return offset;
    };
    let Some((key, item)) = table.get_key_value(k) else {
        return offset;
    };
    let offset = key.span().map(|s| s.start).or(offset);
    locate_in_item(item, rest, offset)
}

fn locate_in_item(item: &toml_edit::Item, path: &[Step], offset: Option<usize>) -> Option<usize> {
    use toml_edit::Item;
    let start = |span: Option<std::ops::Range<usize>>| span.map(|s| s.start);
    match (path.first(), item) {
        (None, _) => offset.or(start(item.span())),
        (Some(Step::Key(_)), Item::Table(t)) => locate_in_table(t, path, offset),
        (Some(Step::Index(i)), Item::ArrayOfTables(a)) => match a.get(*i) {
            Some(t) => locate_in_table(t, &path[1..], start(t.span()).or(offset)),
            None => offset,
        },
        (_, Item::Value(v)) => locate_in_value(v, path, offset),
        _ => offset,
    }
}

/// The same within a value: into inline tables and arrays (a committee's meeting
/// written `{ date = ..., inferred = { date = "..." } }`).
fn locate_in_value(
    value: &toml_edit::Value,
    path: &[Step],
    offset: Option<usize>,
) -> Option<usize> {
    use toml_edit::Value;
    let start = |span: Option<std::ops::Range<usize>>| span.map(|s| s.start);
    match (path.first(), value) {
        (None, _) => offset,
        (Some(Step::Key(k)), Value::InlineTable(t)) => match (t.key(k), t.get(k)) {
            (Some(key), Some(v)) => locate_in_value(v, &path[1..], start(key.span()).or(offset)),
            _ => offset,
        },
        (Some(Step::Index(i)), Value::Array(a)) => match a.get(*i) {
            Some(v) => locate_in_value(v, &path[1..], start(v.span()).or(offset)),
            None => offset,
        },
        _ => offset,
    }
}

/// A TOML date as a calendar date. A date-time or a time is not a date.
pub fn to_date(value: &Datetime) -> Result<Date, String> {
    match (&value.date, &value.time, &value.offset) {
        (Some(d), None, None) => Date::new(d.year as i16, d.month as i8, d.day as i8)
            .map_err(|e| format!("`{value}` is not a calendar date: {e}")),
        _ => Err(format!("expected a date like 2003-09-17, found `{value}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[test]
    fn a_key_is_taken_for_a_misspelling_only_within_a_slip_for_its_length() {
        let known = ["date", "title", "timescale", "answers", "id"];
        assert_eq!(
            closest("titel", &known),
            Some("title"),
            "two letters swapped"
        );
        assert_eq!(closest("Date", &known), Some("date"), "the case");
        assert_eq!(
            closest("answer", &known),
            Some("answers"),
            "one inside the other"
        );
        assert_eq!(closest("timescael", &known), Some("timescale"));
        // A short key allows one slip: two letters off is another word.
        assert_eq!(closest("note", &known), None);
        assert_eq!(closest("ix", &known), Some("id"));
        assert_eq!(closest("xy", &known), None);
    }

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        #[serde(default)]
        things: Vec<Thing>,
    }

    #[derive(Deserialize, Debug)]
    struct Thing {
        #[allow(dead_code)]
        id: String,
    }

    #[test]
    fn unknown_keys_are_warnings_at_their_place() {
        let text = "name = \"x\"\n\n[[things]]\nid = \"a\"\n\n[[things]]\nid = \"b\"\nreff = 1\n";
        let mut warnings = Vec::new();
        let parsed = parse::<Sample>("f.toml", text.to_string(), &mut warnings);
        assert!(parsed.is_ok());
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "f.toml:8:1: warning: unknown key `things[2].reff` ignored (is it misspelt?)"
        );
    }

    #[test]
    fn a_wrong_type_is_an_error_at_its_place() {
        let text = "name = 3\n";
        let err = parse::<Sample>("f.toml", text.to_string(), &mut Vec::new())
            .err()
            .map(|e| e.to_string());
        let err = err.unwrap_or_default();
        assert!(err.starts_with("f.toml:1:8: error:"), "{err}");
        assert!(err.contains("string"), "{err}");
    }

    #[test]
    fn a_syntax_error_names_line_and_column() {
        // At the top, before any table: the whole file is unreadable.
        let text = "name = \"x\n[[things]]\nid = \"a\"\n";
        let err = parse::<Sample>("f.toml", text.to_string(), &mut Vec::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("f.toml:1:"), "{err}");
        // In a record (here its header): that record is skipped, and said so.
        let text = "name = \"x\"\n[[things]\nid = \"a\"\n\n[[things]]\nid = \"b\"\n";
        let mut out = Vec::new();
        let parsed = parse::<Sample>("f.toml", text.to_string(), &mut out).expect("the rest reads");
        assert_eq!(parsed.value.things.len(), 1);
        let said = out.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        assert!(said[0].starts_with("f.toml:2:"), "{said:?}");
        assert!(
            said[0].ends_with("so the [[things]] record `a` (lines 2-4) is skipped and the rest of the file is read (1 of 2 [[things]] records kept)"),
            "{said:?}"
        );
    }

    #[test]
    fn a_record_that_does_not_read_is_skipped_and_named_the_rest_kept() {
        let text = "name = \"x\"\n\n[[things]]\nid = \"a\"\n\n[[things]]\nid = 3\n\n[[things]]\nid = \"c\"\n";
        let mut out = Vec::new();
        let parsed = parse::<Sample>("f.toml", text.to_string(), &mut out).expect("reads");
        assert_eq!(parsed.value.things.len(), 2);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].to_string(),
            "f.toml:7:6: error: `id`: invalid type: integer `3`, expected a string: write it in quotes, `id = \"3\"`; so the [[things]] record `3` (lines 6-8) is skipped and the rest of the file is read (2 of 3 [[things]] records kept)"
        );
        // Located where they were written: the third record is still at line 9.
        assert_eq!(
            parsed.locate(&[Step::Key("things".into()), Step::Index(1)]),
            Some((9, 1))
        );
        // The tracking file is never half read.
        let mut out = Vec::new();
        assert!(
            parse::<Sample>(crate::workspace::tracking::FILE, text.to_string(), &mut out).is_err()
        );
    }

    #[test]
    fn a_top_level_key_that_does_not_read_is_left_out_unless_required() {
        #[derive(Deserialize, Debug)]
        struct Dated {
            #[allow(dead_code)]
            name: String,
            date: Option<Datetime>,
        }
        let mut out = Vec::new();
        let parsed = parse::<Dated>(
            "f.toml",
            "name = \"x\"\ndate = \"2 May 2004\"\n".into(),
            &mut out,
        )
        .expect("reads");
        assert!(parsed.value.date.is_none());
        assert!(
            out[0]
                .to_string()
                .contains("write `date = 2004-05-02`; so `date` is left out"),
            "{out:?}"
        );
        // A required key that does not read: its own mistake is told.
        let err = parse::<Dated>("f.toml", "name = 3\n".into(), &mut Vec::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("f.toml:1:8: error: `name`: invalid type: integer `3`"),
            "{err}"
        );
        assert!(
            err.ends_with("the file cannot be read without `name`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_suggest_the_key_meant_at_their_level() {
        let text = "nmae = \"x\"\nname = \"y\"\n[[things]]\nid = \"a\"\nidd = 1\n";
        let mut out = Vec::new();
        parse::<Sample>("f.toml", text.to_string(), &mut out).expect("reads");
        let said: Vec<String> = out.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            said,
            [
                "f.toml:1:1: warning: unknown key `nmae` ignored (did you mean `name`?)",
                "f.toml:5:1: warning: unknown key `things[1].idd` ignored (did you mean `id`?)",
            ]
        );
        assert_eq!(fields_of::<Sample>(), ["name", "things"]);
    }

    #[test]
    fn any_one_slip_in_a_real_report_is_survived() {
        // A bundled report with one character inserted or removed at many places: the
        // loader never panics, and what it reports it places inside the file.
        let text = include_str!("../../data/reports/leicester-2003.toml");
        let mut places: Vec<usize> = (0..text.len()).step_by(331).collect();
        places.push(text.len());
        for at in places.into_iter().filter(|&i| text.is_char_boundary(i)) {
            for slip in ["\"", "[", "=", "\n", "'''", ""] {
                let mut broken = text.to_string();
                if slip.is_empty() {
                    if let Some(c) = broken[at..].chars().next() {
                        broken.replace_range(at..at + c.len_utf8(), "");
                    }
                } else {
                    broken.insert_str(at, slip);
                }
                let lines = broken.lines().count() + 1;
                for d in crate::workspace::check_text("reports/leicester-2003.toml", &broken) {
                    assert!(d.position.is_none_or(|(line, _)| line <= lines), "{d}");
                }
            }
        }
    }

    #[test]
    fn the_layout_finds_records_and_keys_not_strings() {
        let text =
            "a = \"\"\"\n[[not]]\n\"\"\"\nb = [\n  [1],\n]\n[[r]]\nx = 1\n[[r.sub]]\ny = 2\n[t]\n";
        let kinds: Vec<PartKind> = Layout::of(text).parts.into_iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PartKind::Key("a".into()),
                PartKind::Key("b".into()),
                PartKind::Record("r".into()),
                PartKind::Table("t".into()),
            ]
        );
    }

    #[test]
    fn the_layout_gives_each_part_its_whole_lines() {
        // Every kind of line a hand-written report may have: quoted keys, a value over
        // several lines, brackets in strings, comments and inline tables, a header
        // spaced out or quoted, a record's own subtables, and a dotted table.
        let text = concat!(
            "# a comment [[not]]\n",
            "\"quoted key\" = \"[x]\"\n",
            "list = [\n  { a = [1] },\n  \"]\",\n]\n",
            "'literal' = 1 # [t]\n",
            "[[ r ]]\n",
            "x = 1\n",
            "[[r.sub]]\n",
            "y = 2\n",
            "[ \"t\" . u ]\n",
            "z = { w = [2] }\n",
            "[[r]]\n",
            "[r.one]\n",
            "[[s]]",
        );
        let at = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
        let second_r = at("[[r]]\n");
        let parts: Vec<(usize, usize, PartKind)> = Layout::of(text)
            .parts
            .into_iter()
            .map(|p| (p.start, p.end, p.kind))
            .collect();
        assert_eq!(
            parts,
            [
                (
                    at("\"quoted"),
                    at("list"),
                    PartKind::Key("quoted key".into())
                ),
                (at("list"), at("'literal'"), PartKind::Key("list".into())),
                (
                    at("'literal'"),
                    at("[[ r ]]"),
                    PartKind::Key("literal".into())
                ),
                (at("[[ r ]]"), at("[ \"t\""), PartKind::Record("r".into())),
                (at("[ \"t\""), second_r, PartKind::Table("t.u".into())),
                (second_r, at("[[s]]"), PartKind::Record("r".into())),
                (at("[[s]]"), text.len(), PartKind::Record("s".into())),
            ]
        );
        let layout = Layout::of(text);
        // Any byte of a part is in it; the end of the file is in the last part.
        let part = |offset: usize| layout.part_at(offset).map(|p| p.start);
        assert_eq!(part(at("y = 2")), Some(at("[[ r ]]")));
        assert_eq!(part(at("z = {")), Some(at("[ \"t\"")));
        assert_eq!(part(text.len()), Some(at("[[s]]")));
        assert_eq!(
            part(0),
            None,
            "the comment before the first key is in no part"
        );
        assert_eq!(layout.count("r"), 2);
        assert_eq!(layout.count("s"), 1);
    }

    #[test]
    fn dates_must_be_plain_dates() {
        let d: Datetime = "2003-09-17".parse().expect("a date");
        assert_eq!(to_date(&d), Ok(jiff::civil::date(2003, 9, 17)));
        let dt: Datetime = "2003-09-17T10:00:00Z".parse().expect("a date-time");
        assert!(to_date(&dt).is_err());
    }
}
