//! Cutting a large TOML file into pieces that each parse on their own, so that a file
//! of many thousand tables can be read a piece at a time, on every core.
//!
//! A piece starts at the beginning of a line that holds a table header at the top
//! level (not inside a multi-line string or a multi-line array), and only where the
//! header's first two keys differ from the previous header's: `[items."a"]` and
//! `[[items."a".history]]` stay together. Strings, comments and brackets are found by
//! the TOML lexer itself. Whether the pieces really do read as the whole file does is
//! for the caller to check (see `tracking::load`).

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

/// Where a piece starts: its byte offset and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub line: usize,
}

/// A header being read: the start of its line, how many keys it has, and the first two.
type Header<'t> = (usize, usize, [&'t str; 2]);

/// Ends a header (if one was being read), starting a piece before it when it begins
/// another item and the piece so far is big enough. False for a header of one key.
fn finish<'t>(
    header: Option<Header<'t>>,
    previous: &mut [&'t str; 2],
    starts: &mut Vec<usize>,
    size: usize,
) -> bool {
    let Some((at, keys, names)) = header else {
        return true;
    };
    if keys < 2 {
        return false;
    }
    let last = starts.last().copied().unwrap_or(0);
    if !previous[0].is_empty() && names != *previous && at - last >= size {
        starts.push(at);
    }
    *previous = names;
    true
}

/// The pieces of `text`, each at least `size` bytes (but the last), in order; the first
/// starts at 0. A file with a header of fewer than two keys (`[items]`) is one piece:
/// such a table could be opened again further down, which only the whole file shows.
pub fn cut(text: &str, size: usize) -> Vec<Piece> {
    let first = Piece { start: 0, line: 1 };
    if text.len() <= size {
        return vec![first];
    }
    let mut starts = vec![0];
    // The start of the current line, whether only blanks and comments came before on
    // it, and how deep in the brackets of a value we are.
    let mut line_start = 0;
    let mut at_line_start = true;
    let mut depth = 0usize;
    let mut header: Option<Header<'_>> = None;
    let mut previous: [&str; 2] = ["", ""];
    for token in Source::new(text).lex() {
        let span = token.span();
        let raw = &text[span.start()..span.end()];
        match token.kind() {
            TokenKind::Newline => {
                if !finish(header.take(), &mut previous, &mut starts, size) {
                    return vec![first];
                }
                line_start = span.end();
                at_line_start = true;
                continue;
            }
            TokenKind::Whitespace | TokenKind::Comment => continue,
            TokenKind::LeftSquareBracket if header.is_none() && at_line_start && depth == 0 => {
                header = Some((line_start, 0, ["", ""]));
            }
            TokenKind::LeftSquareBracket | TokenKind::RightSquareBracket | TokenKind::Dot
                if header.is_some() => {}
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1)
            }
            TokenKind::Eof => break,
            _ => {
                if let Some((_, keys, names)) = &mut header {
                    if *keys < 2 {
                        names[*keys] = raw;
                    }
                    *keys += 1;
                }
            }
        }
        at_line_start = false;
    }
    if !finish(header.take(), &mut previous, &mut starts, size) {
        return vec![first];
    }
    // Lines, counted once over the whole text.
    let mut pieces = Vec::with_capacity(starts.len());
    let (mut line, mut counted) = (1, 0);
    for start in starts {
        line += text.as_bytes()[counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start;
        pieces.push(Piece { start, line });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::{Piece, cut};

    fn texts<'a>(text: &'a str, pieces: &[Piece]) -> Vec<&'a str> {
        pieces
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let end = pieces.get(n + 1).map_or(text.len(), |q| q.start);
                &text[p.start..end]
            })
            .collect()
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
        assert_eq!(cut(FILE, FILE.len()), vec![Piece { start: 0, line: 1 }]);
    }

    #[test]
    fn a_header_of_one_key_keeps_the_file_whole() {
        let text = "[items]\n\"a\" = { status = \"complete\" }\n[items.b]\nx = 1\n";
        assert_eq!(cut(text, 1), vec![Piece { start: 0, line: 1 }]);
    }
}
