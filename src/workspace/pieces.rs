//! Cutting a large TOML file into pieces that each parse on their own, so that a file
//! of many thousand tables can be read a piece at a time, on every core.
//!
//! A piece starts at the beginning of a line that holds a table header at the top
//! level (not inside a multi-line string or a multi-line array), and only where the
//! header's first two keys differ from the previous header's: `[items."a"]` and
//! `[[items."a".history]]` stay together. Strings, comments and brackets are found by
//! the TOML lexer itself. Whether the pieces really do read as the whole file does is
//! for the caller to check (see `tracking::load`).
//!
//! The same scan of the headers tells where the tables of each item are, so that a
//! save can rewrite just those lines (see `tables` and `tracking::edit_text`).

use std::collections::HashMap;
use toml_parser::Source;
use toml_parser::lexer::TokenKind;

/// A piece: its bytes, and the 1-based line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// A table header at the top level: where its line starts, and its first two keys as
/// written (quotes and all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header<'t> {
    pub start: usize,
    pub keys: [&'t str; 2],
}

/// What is at the top level of a file: its table headers, in order, and whether any
/// key is set before the first of them.
pub struct Scan<'t> {
    pub headers: Vec<Header<'t>>,
    pub root_values: bool,
}

/// Ends the header being read, if any: false when it has fewer than two keys.
fn end<'t>(header: Option<(Header<'t>, usize)>, headers: &mut Vec<Header<'t>>) -> bool {
    match header {
        Some((_, keys)) if keys < 2 => false,
        Some((h, _)) => {
            headers.push(h);
            true
        }
        None => true,
    }
}

/// Finds the top-level table headers of `text`. None when a header has fewer than two
/// keys (`[items]`): such a table could be opened again further down, which only the
/// whole file shows.
pub fn scan(text: &str) -> Option<Scan<'_>> {
    let mut found = Scan {
        headers: Vec::new(),
        root_values: false,
    };
    // The start of the current line, whether only blanks and comments came before on
    // it, and how deep in the brackets of a value we are.
    let mut line_start = 0;
    let mut at_line_start = true;
    let mut depth = 0usize;
    // The header being read, and how many keys it has so far.
    let mut header: Option<(Header<'_>, usize)> = None;
    for token in Source::new(text).lex() {
        let span = token.span();
        let raw = &text[span.start()..span.end()];
        match token.kind() {
            TokenKind::Newline => {
                if !end(header.take(), &mut found.headers) {
                    return None;
                }
                line_start = span.end();
                at_line_start = true;
                continue;
            }
            TokenKind::Whitespace | TokenKind::Comment => continue,
            TokenKind::LeftSquareBracket if header.is_none() && at_line_start && depth == 0 => {
                let h = Header {
                    start: line_start,
                    keys: ["", ""],
                };
                header = Some((h, 0));
            }
            TokenKind::LeftSquareBracket | TokenKind::RightSquareBracket | TokenKind::Dot
                if header.is_some() => {}
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1)
            }
            TokenKind::Eof => break,
            _ => match &mut header {
                Some((h, keys)) => {
                    if *keys < 2 {
                        h.keys[*keys] = raw;
                    }
                    *keys += 1;
                }
                None if found.headers.is_empty() && depth == 0 && at_line_start => {
                    found.root_values = true;
                }
                None => {}
            },
        }
        at_line_start = false;
    }
    if !end(header.take(), &mut found.headers) {
        return None;
    }
    Some(found)
}

/// The pieces of `text`, each at least `size` bytes (but the last), in order; the first
/// starts at 0. A file with a header of fewer than two keys (`[items]`) is one piece.
pub fn cut(text: &str, size: usize) -> Vec<Piece> {
    let first = Piece {
        start: 0,
        end: text.len(),
        line: 1,
    };
    if text.len() <= size {
        return vec![first];
    }
    let Some(found) = scan(text) else {
        return vec![first];
    };
    let mut starts = vec![0];
    let mut previous: Option<[&str; 2]> = None;
    for h in &found.headers {
        let last = starts.last().copied().unwrap_or(0);
        if previous.is_some_and(|p| p != h.keys) && h.start - last >= size {
            starts.push(h.start);
        }
        previous = Some(h.keys);
    }
    // Lines, counted once over the whole text.
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let mut pieces = Vec::with_capacity(starts.len());
    let (mut line, mut counted) = (1, 0);
    for (&start, end) in starts.iter().zip(ends) {
        line += text.as_bytes()[counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start;
        pieces.push(Piece { start, end, line });
    }
    pieces
}

/// A key as written, unquoted: a bare key, or a quoted one without escapes. None for
/// a key with escapes, which only a parser should read.
pub fn unquote(raw: &str) -> Option<&str> {
    let quoted = |q: char| raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q);
    if quoted('"') {
        let inner = &raw[1..raw.len() - 1];
        (!inner.contains('\\')).then_some(inner)
    } else if quoted('\'') {
        Some(&raw[1..raw.len() - 1])
    } else if raw.starts_with(['"', '\'']) {
        None
    } else {
        Some(raw)
    }
}

/// Where the tables of each item are: for each `(section, id)` of the headers
/// (`items`, an item's id; quotes taken off), the lines from its first header to the
/// next header of anything else. None when that cannot be told without parsing the
/// whole file: keys set above the first header (they could be dotted keys of an
/// item), a header of one key, a key with escapes, or an item's tables not all
/// together.
pub fn tables(text: &str) -> Option<HashMap<(&str, &str), std::ops::Range<usize>>> {
    let found = scan(text)?;
    if found.root_values {
        return None;
    }
    let mut tables: HashMap<(&str, &str), std::ops::Range<usize>> = HashMap::new();
    let mut current: Option<((&str, &str), usize)> = None;
    for h in &found.headers {
        let key = (unquote(h.keys[0])?, unquote(h.keys[1])?);
        match current {
            Some((open, _)) if open == key => continue,
            Some((open, from)) => {
                tables.insert(open, from..h.start);
            }
            None => {}
        }
        if tables.contains_key(&key) {
            return None;
        }
        current = Some((key, h.start));
    }
    if let Some((open, from)) = current {
        tables.insert(open, from..text.len());
    }
    Some(tables)
}

#[cfg(test)]
mod tests {
    use super::{Piece, cut, tables};

    fn texts<'a>(text: &'a str, pieces: &[Piece]) -> Vec<&'a str> {
        pieces.iter().map(|p| &text[p.start..p.end]).collect()
    }

    const FILE: &str = "\
# header
[items.\"a/1\"]
status = \"complete\"

[[items.\"a/1\".history]]
note = \"\"\"
[items.\"not/a/header\"]
\"\"\"

[items.\"a/2\"]
ready_for = \"next\"
notes = [
[1],
]
  [items.b]
x = 1
";

    #[test]
    fn cuts_only_before_a_new_item_at_the_top_level() {
        let pieces = cut(FILE, 1);
        let parts = texts(FILE, &pieces);
        assert_eq!(parts.len(), 3, "{parts:#?}");
        assert!(parts[0].starts_with("# header\n[items.\"a/1\"]"));
        assert!(parts[0].contains("[items.\"not/a/header\"]"));
        assert!(parts[1].starts_with("[items.\"a/2\"]"));
        assert!(parts[1].contains("[1],"));
        assert_eq!(parts[2], "  [items.b]\nx = 1\n");
        assert_eq!(pieces[1].line, 10);
        assert_eq!(pieces[2].line, 15);
        for part in parts {
            assert!(toml::from_str::<toml::Table>(part).is_ok(), "{part}");
        }
    }

    #[test]
    fn pieces_are_at_least_the_size_asked_for() {
        let pieces = cut(FILE, 60);
        assert_eq!(pieces.len(), 2);
        assert!(pieces[1].start >= 60);
        let whole = Piece {
            start: 0,
            end: FILE.len(),
            line: 1,
        };
        assert_eq!(cut(FILE, FILE.len()), vec![whole]);
    }

    #[test]
    fn a_header_of_one_key_keeps_the_file_whole() {
        let text = "[items]\n\"a\" = { status = \"complete\" }\n[items.b]\nx = 1\n";
        let whole = Piece {
            start: 0,
            end: text.len(),
            line: 1,
        };
        assert_eq!(cut(text, 1), vec![whole]);
    }

    #[test]
    fn an_items_tables_are_found_together_or_not_at_all() {
        let found = tables(FILE).expect("tables");
        let a1 = found[&("items", "a/1")].clone();
        assert!(FILE[a1.clone()].starts_with("[items.\"a/1\"]"));
        assert!(FILE[a1].ends_with("\"\"\"\n\n"));
        assert!(FILE[found[&("items", "b")].clone()].starts_with("  [items.b]"));
        // Apart, keys above the first header, an escape: only the whole file can tell.
        let apart = format!("{FILE}[[items.\"a/1\".history]]\nnote = \"later\"\n");
        assert!(tables(&apart).is_none());
        assert!(tables(&format!("items.\"a/9\".status = \"complete\"\n{FILE}")).is_none());
        assert!(tables("[items.\"a\\u002F1\"]\nstatus = \"complete\"\n").is_none());
        // Comments above the first header are not keys.
        assert!(tables(&format!("# a note\n\n{FILE}")).is_some());
    }
}
