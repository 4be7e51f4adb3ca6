//! Text from files on its way to a terminal: made harmless (control characters and
//! escape sequences shown escaped, never sent raw), made to take the columns every
//! terminal agrees it takes, and fitted to a width.

use unicode_width::UnicodeWidthChar;

/// `text` as it may be sent to a terminal: every control character shown as a visible
/// escape (`\e`, `\x07`, `\u{9b}`), so a hostile file cannot move the cursor, change
/// the title or colours; and every character whose width terminals disagree on
/// replaced, so the columns the program counts are the columns the terminal moves
/// (see [`screen_char`]). Newlines (and the line and paragraph separators) become
/// spaces when `keep_newlines` is false.
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // The common case, first.
            ' '..='~' => out.push(c),
            '\n' | '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            c => match screen_char(c) {
                Shown::As(c) => out.push(c),
                Shown::Text(s) => out.push_str(s),
                Shown::Escaped => out.push_str(&escape(c)),
                Shown::Dropped => {}
            },
        }
    }
    out
}

/// `text` with only its control characters (and bidi overrides) escaped, every other
/// character kept: for data written out (CSV), where an invisible character is still
/// part of the text and dropping it would change what is read back in.
pub fn escape_controls(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            c if is_control(c) => match screen_char(c) {
                Shown::As(c) => out.push(c),
                Shown::Text(s) => out.push_str(s),
                Shown::Escaped | Shown::Dropped => out.push_str(&escape(c)),
            },
            c => out.push(c),
        }
    }
    out
}

/// What a character becomes on the screen.
enum Shown {
    As(char),
    Text(&'static str),
    /// Shown as its code (`\x07`, `\u{fffe}`).
    Escaped,
    /// Invisible, and terminals disagree whether it takes a column: left out.
    Dropped,
}

/// Control characters, and the bidi overrides and isolates that could reorder text.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn escape(c: char) -> String {
    match c {
        '\u{1b}' => "\\e".to_string(),
        c if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// How one character is shown. Terminals (and the width tables a program lays text
/// out with) disagree about invisible characters (soft hyphens, zero-width joiners
/// and spaces, variation selectors, tags), about emoji sequences (a family joined by
/// zero-width joiners is one glyph to some, three to others; a skin-tone modifier,
/// a flag's pair of regional indicators) and about characters that should never be
/// in text (U+FFFE, U+FFFF) or that end a line (U+2028, U+2029). A wrong guess moves
/// every later character on the row, and leaves fragments of earlier frames beside
/// them; so none of these is sent: the invisible ones are left out, the separators
/// become spaces, a flag's letters are shown as letters, and the rest are escaped.
fn screen_char(c: char) -> Shown {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Shown::As(' '),
        '\t' => Shown::Text("    "),
        c if is_control(c) => Shown::Escaped,
        // Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane.
        c if ('\u{fdd0}'..='\u{fdef}').contains(&c) || (c as u32) & 0xfffe == 0xfffe => {
            Shown::Escaped
        }
        // Regional indicators: the letters of a flag's country code.
        '\u{1f1e6}'..='\u{1f1ff}' => Shown::As(char::from(b'A' + (c as u32 - 0x1f1e6) as u8)),
        // Skin-tone modifiers: the emoji they follow keeps its default colour.
        '\u{1f3fb}'..='\u{1f3ff}' => Shown::Dropped,
        c if is_invisible(c) => Shown::Dropped,
        c => Shown::As(c),
    }
}

/// Unicode's default-ignorable code points (outside the bidi controls, escaped
/// above): characters with no glyph of their own.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut to at most `max` columns, ending in "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` padded with spaces to `cols` columns (cut first if longer).
pub fn pad(text: &str, cols: usize) -> String {
    let t = truncate(text, cols);
    let w = width(&t);
    format!("{t}{}", " ".repeat(cols.saturating_sub(w)))
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) made inert the way OWASP recommends: a leading `'`, which
/// spreadsheets show as text and never evaluate. Import keeps the `'` as printed, so a
/// defused cell never comes back live.
pub fn defuse_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn csv_field(text: &str) -> String {
    // A CSV may well be printed to a terminal: no raw control characters; and opened
    // in a spreadsheet: no formulas. Every other character is kept (even one the
    // screen leaves out), so the file imports back as it was.
    let text = &escape_controls(&defuse_formula(text), true);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One CSV record (RFC 4180 quoting), ending in a newline.
pub fn csv_row(fields: &[&str]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// The 1-based line and column of a byte offset in `text` (columns count characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_in_csv() {
        assert_eq!(
            csv_row(&[
                "=HYPERLINK(\"http://x\",\"y\")",
                "+1",
                "-2",
                "@SUM(A1)",
                "\t=1",
                "ok",
                "2024-03-31"
            ]),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1),'    =1,ok,2024-03-31\n"
        );
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let hostile = "Title\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m";
        let safe = sanitize(hostile, false);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
        assert_eq!(safe, "Title\\e]0;pwned\\x07\\e[2J\\u{9b}31m");
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(width(&truncate("日本語テキスト", 5)), 5);
        assert_eq!(pad("ab", 4), "ab  ");
    }
}

#[cfg(test)]
mod screen_width_tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// Whether ratatui (which counts a cluster of characters as one glyph) and a
    /// terminal that moves by each character's own width put the cursor in the same
    /// place after `text`: if not, every later cell on the row is drawn out of place.
    fn widths_agree(text: &str) -> bool {
        // Word by word too: two opposite mistakes in one row would cancel out.
        std::iter::once(text).chain(text.split(' ')).all(|part| {
            let cols = u16::try_from(width(part) * 2 + 4).unwrap_or(u16::MAX);
            let mut buffer = Buffer::empty(Rect::new(0, 0, cols, 1));
            let (end, _) = buffer.set_stringn(0, 0, part, usize::from(cols), Style::default());
            usize::from(end) == width(part)
        })
    }

    /// The characters the terminal part of the issue names, and their relatives.
    const DISAGREED: &[&str] = &[
        "30.09.03\u{2028}next",
        "para\u{2029}graph",
        "non\u{fffe}char\u{ffff}",
        "\u{fdd0}\u{1fffe}",
        "con\u{ad}sul\u{ad}ta\u{ad}tion",
        "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family",
        "\u{1f1ec}\u{1f1e7} flag, \u{1f1ea} alone",
        "\u{1f44d}\u{1f3fd} thumbs, \u{1f3ff} alone",
        "\u{2764}\u{fe0f} heart, \u{231a}\u{fe0e} watch",
        "1\u{fe0f}\u{20e3} keycap",
        "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} Scotland",
        "zero\u{200b}width\u{2060}join\u{feff}er\u{200c}s",
        "\u{115f}\u{1160}\u{3164}\u{ffa0} fillers",
    ];

    #[test]
    fn characters_terminals_disagree_on_are_replaced() {
        // Several already put ratatui and a terminal out of step (others only some
        // terminals, not the one the tests use).
        let disagreeing = DISAGREED.iter().filter(|t| !widths_agree(t)).count();
        assert!(disagreeing >= 4, "{disagreeing}");
        for text in DISAGREED {
            let shown = sanitize(text, false);
            assert!(widths_agree(&shown), "{text:?} became {shown:?}");
            assert!(
                !shown.chars().any(|c| matches!(c,
                    '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}' | '\u{ad}'
                    | '\u{200b}'..='\u{200f}' | '\u{fe00}'..='\u{fe0f}'
                    | '\u{1f1e6}'..='\u{1f1ff}' | '\u{1f3fb}'..='\u{1f3ff}'
                    | '\u{e0000}'..='\u{e0fff}')),
                "{text:?} became {shown:?}"
            );
        }
        assert_eq!(sanitize("30.09.03\u{2028}next", false), "30.09.03 next");
        assert_eq!(sanitize("a\u{2029}b", true), "a\nb");
        assert_eq!(sanitize("x\u{fffe}y", false), "x\\u{fffe}y");
        assert_eq!(
            sanitize("con\u{ad}sul\u{ad}ta\u{ad}tion", false),
            "consultation"
        );
        assert_eq!(sanitize("\u{1f1ec}\u{1f1e7}", false), "GB");
        assert_eq!(
            sanitize("\u{1f468}\u{200d}\u{1f469}\u{1f3fd}", false),
            "\u{1f468}\u{1f469}"
        );
    }

    #[test]
    fn data_written_out_keeps_every_character_but_controls() {
        let text = "con\u{ad}sul\u{200d}t \u{1f1ec}\u{1f1e7}\u{2028}\u{1b}[2J\t";
        assert_eq!(
            escape_controls(text, false),
            "con\u{ad}sul\u{200d}t \u{1f1ec}\u{1f1e7}\u{2028}\\e[2J    "
        );
        assert_eq!(csv_row(&["a\u{ad}b"]), "a\u{ad}b\n");
    }

    /// Characters drawn mostly from the troublesome ranges, with some ordinary ones.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            Just('a'),
            Just(' '),
            Just('é'),
            Just('日'),
            Just('\u{301}'),
            Just('\u{20e3}'),
            Just('\u{200d}'),
            Just('\u{200c}'),
            Just('\u{fe0f}'),
            Just('\u{fe0e}'),
            Just('\u{ad}'),
            Just('\u{2028}'),
            Just('\u{1100}'),
            Just('\u{1161}'),
            Just('\u{11a8}'),
            Just('\u{2764}'),
            Just('\u{231a}'),
            Just('\u{1f3f4}'),
            Just('\u{e0067}'),
            proptest::char::range('\u{1f1e6}', '\u{1f1ff}'),
            proptest::char::range('\u{1f3fb}', '\u{1f3ff}'),
            proptest::char::range('\u{1f300}', '\u{1f6ff}'),
            proptest::char::range('\u{0}', '\u{2fff}'),
            any::<char>(),
        ]
    }

    proptest! {
        #[test]
        fn any_text_takes_the_columns_it_is_counted_as(
            chars in proptest::collection::vec(tricky_char(), 0..24)
        ) {
            let text: String = chars.into_iter().collect();
            let shown = sanitize(&text, false);
            prop_assert!(widths_agree(&shown), "{:?} became {:?}", text, shown);
        }
    }
}
