//! Word wrapping by terminal columns (wide characters count two), keeping the text's
//! own line breaks and breaking words longer than a line.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `text` in lines of at most `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let chars: Vec<char> = paragraph.chars().collect();
        let rows = rows_of(&chars, width, &[], |c| c, |_| ' ');
        out.extend(rows.into_iter().map(String::from_iter));
    }
    out
}

/// A styled line in rows of at most `width` columns, broken at spaces as `wrap` breaks
/// text, each piece keeping its style. Leading spaces (an indent) start every row.
pub fn wrap_line(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let indent = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let indent = if indent < width / 2 { indent } else { 0 };
    // A space between words takes the style of the word before it.
    let space = |row: &[(char, Style)]| (' ', row.last().map_or(Style::default(), |(_, s)| *s));
    let rows = rows_of(&chars[indent..], width, &chars[..indent], |(c, _)| c, space);
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (c, style) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// The greedy wrap both of the above make: `cells` (a line's characters, with whatever
/// each carries) in rows of at most `width` columns, broken at spaces, a word longer
/// than a row broken where it must be; every row starts with `indent`, and `space`
/// makes the space put between two words of a row.
fn rows_of<T: Copy>(
    cells: &[T],
    width: usize,
    indent: &[T],
    char_of: impl Fn(T) -> char,
    space: impl Fn(&[T]) -> T,
) -> Vec<Vec<T>> {
    let width = width.max(1);
    let columns = |t: &T| char_of(*t).width().unwrap_or(0);
    let start: usize = indent.iter().map(columns).sum();
    let mut rows = Vec::new();
    let mut row = indent.to_vec();
    let mut used = start;
    for word in cells.split(|t| char_of(*t) == ' ') {
        let w: usize = word.iter().map(columns).sum();
        if used > start && used + 1 + w > width {
            rows.push(std::mem::replace(&mut row, indent.to_vec()));
            used = start;
        }
        if used > start {
            row.push(space(&row));
            used += 1;
        }
        if w <= width.saturating_sub(used) {
            row.extend_from_slice(word);
            used += w;
            continue;
        }
        for &t in word {
            let c = columns(&t);
            if used + c > width && used > start {
                rows.push(std::mem::replace(&mut row, indent.to_vec()));
                used = start;
            }
            row.push(t);
            used += c;
        }
    }
    rows.push(row);
    rows
}

#[cfg(test)]
mod tests {
    use super::{wrap, wrap_line};
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};

    #[test]
    fn a_styled_line_wraps_at_spaces_keeping_each_pieces_style_and_its_indent() {
        let bold = Style::default().bold();
        let line = Line::from(vec![
            Span::raw("  "),
            Span::styled("Date inferred:", bold),
            Span::raw(" the paper prints no year"),
        ]);
        let rows = wrap_line(&line, 18);
        let text: Vec<String> = rows.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec!["  Date inferred:", "  the paper prints", "  no year"]
        );
        assert_eq!(rows[0].spans[1].style, bold, "{:?}", rows[0]);
        assert_eq!(rows[0].spans[1].content, "Date inferred:");
        assert!(
            rows[1].spans.iter().all(|s| s.style != bold),
            "{:?}",
            rows[1]
        );
        // Fits: one row, the same text.
        assert_eq!(wrap_line(&line, 80).len(), 1);
        assert_eq!(wrap_line(&line, 80)[0].to_string(), line.to_string());
        // Nothing is wider than asked, whatever the width; nothing is lost but spaces.
        for width in 0..30 {
            let rows = wrap_line(&line, width);
            let joined: String = rows.iter().map(ToString::to_string).collect::<String>();
            assert_eq!(joined.replace(' ', ""), line.to_string().replace(' ', ""));
            for row in &rows {
                assert!(row.width() <= width.max(1) || width < 4, "{width}: {row:?}");
            }
        }
    }

    #[test]
    fn wraps_at_words_and_keeps_breaks() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), vec![""]);
        for line in wrap("日本語のテキストです とても長い", 5) {
            assert!(crate::text::width(&line) <= 5, "{line}");
        }
    }

    #[test]
    fn never_panics_on_a_zero_width() {
        assert!(!wrap("text", 0).is_empty());
    }
}
