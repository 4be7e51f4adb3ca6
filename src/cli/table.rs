//! Plain-text tables that fit the terminal: one column (the text) gives way.

use crate::text::{pad, sanitize, width};

pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// The column that shrinks to fit.
    flexible: usize,
}

impl Table {
    pub fn new(headers: Vec<&'static str>, flexible: usize) -> Table {
        Table {
            headers,
            rows: Vec::new(),
            flexible,
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.into_iter().map(|c| sanitize(&c, false)).collect());
    }

    /// Renders to `max_width` columns (None: as wide as the content).
    pub fn render(&self, max_width: Option<usize>) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        if let Some(max) = max_width {
            let others: usize = widths
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != self.flexible)
                .map(|(_, w)| w + 2)
                .sum();
            let room = max.saturating_sub(others).max(12);
            widths[self.flexible] = widths[self.flexible].min(room);
        }
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map_or("", String::as_str);
                if i + 1 == n {
                    out.push_str(&crate::text::truncate(cell, *w));
                } else {
                    out.push_str(&pad(cell, *w));
                    out.push_str("  ");
                }
            }
            out.trim_end().to_string()
        };
        let mut out = line(
            &self
                .headers
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>(),
        );
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

/// The width tables should fit: the terminal's, or $COLUMNS, or none when piped.
pub fn output_width() -> Option<usize> {
    if super::stdout_is_terminal()
        && let Ok((cols, _)) = crossterm::terminal::size()
    {
        return Some(usize::from(cols));
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flexible_column_gives_way() {
        let mut t = Table::new(vec!["id", "text", "due"], 1);
        t.row(vec![
            "a/1".into(),
            "a long piece of text that will not fit".into(),
            "2003-10-31".into(),
        ]);
        let out = t.render(Some(40));
        for line in out.lines() {
            assert!(width(line) <= 40, "{line}");
        }
        assert!(out.contains('…'));
        assert!(t.render(None).contains("will not fit"));
    }
}
