//! Word wrapping by terminal columns (wide characters count two), keeping the text's
//! own line breaks and breaking words longer than a line.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `text` in lines of at most `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split(' ') {
            let w = crate::text::width(word);
            if used > 0 && used + 1 + w > width {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            if w <= width.saturating_sub(used) {
                line.push_str(word);
                used += w;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
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
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut row: Vec<(char, Style)> = chars[..indent].to_vec();
    let mut used = indent;
    let fresh = |rows: &mut Vec<Vec<(char, Style)>>, row: &mut Vec<(char, Style)>| {
        rows.push(std::mem::replace(row, chars[..indent].to_vec()));
        indent
    };
    for word in chars[indent..].split(|(c, _)| *c == ' ') {
        let w: usize = word.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        if used > indent && used + 1 + w > width {
            used = fresh(&mut rows, &mut row);
        }
        if used > indent {
            let style = row.last().map_or(Style::default(), |(_, s)| *s);
            row.push((' ', style));
            used += 1;
        }
        if w <= width.saturating_sub(used) {
            row.extend_from_slice(word);
            used += w;
            continue;
        }
        for &(c, style) in word {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > indent {
                used = fresh(&mut rows, &mut row);
            }
            row.push((c, style));
            used += cw;
        }
    }
    rows.push(row);
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
