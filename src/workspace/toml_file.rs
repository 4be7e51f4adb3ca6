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

/// Parses `text` (from `file`) into `T`. Unknown keys become warnings in `warnings`.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: String,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Parsed<T>, Diagnostic> {
    let deserializer = toml::de::Deserializer::parse(&text)
        .map_err(|e| toml_error(file, &text, e.message(), e.span()))?;
    let mut unknown: Vec<Vec<Step>> = Vec::new();
    let value: T = serde_ignored::deserialize(deserializer, |path| unknown.push(steps(&path)))
        .map_err(|e| toml_error(file, &text, e.message(), e.span()))?;
    let parsed = Parsed {
        value,
        text,
        spans: std::cell::OnceCell::new(),
        line_starts: std::cell::OnceCell::new(),
    };
    for path in unknown {
        let name = path_name(&path);
        warnings.push(Diagnostic::warning(
            file,
            parsed.locate(&path),
            format!("unknown key `{name}` ignored (is it misspelt?)"),
        ));
    }
    Ok(parsed)
}

fn toml_error(
    file: &str,
    text: &str,
    message: &str,
    span: Option<std::ops::Range<usize>>,
) -> Diagnostic {
    let message = message.trim().replace('\n', " ");
    Diagnostic::error(file, span.map(|s| line_col(text, s.start)), message)
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
    use toml_edit::{Item, Value};
    let start = |span: Option<std::ops::Range<usize>>| span.map(|s| s.start);
    match (path.first(), item) {
        (None, _) => offset.or(start(item.span())),
        (Some(Step::Key(_)), Item::Table(t)) => locate_in_table(t, path, offset),
        (Some(Step::Key(k)), Item::Value(Value::InlineTable(t))) => {
            t.key(k).and_then(|key| start(key.span())).or(offset)
        }
        (Some(Step::Index(i)), Item::ArrayOfTables(a)) => match a.get(*i) {
            Some(t) => locate_in_table(t, &path[1..], start(t.span()).or(offset)),
            None => offset,
        },
        (Some(Step::Index(i)), Item::Value(Value::Array(a))) => {
            a.get(*i).and_then(|v| start(v.span())).or(offset)
        }
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
        let text = "name = \"x\"\n[[things]\n";
        let err = parse::<Sample>("f.toml", text.to_string(), &mut Vec::new())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("f.toml:2:"), "{err}");
    }

    #[test]
    fn dates_must_be_plain_dates() {
        let d: Datetime = "2003-09-17".parse().expect("a date");
        assert_eq!(to_date(&d), Ok(jiff::civil::date(2003, 9, 17)));
        let dt: Datetime = "2003-09-17T10:00:00Z".parse().expect("a date-time");
        assert!(to_date(&dt).is_err());
    }
}
