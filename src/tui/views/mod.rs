//! Drawing: the frame's layout (tabs, filter bar, the view, status and hint lines, any
//! popup) and helpers the views share. Drawing only reads the app's state.

pub mod actions;
pub mod agenda;
pub mod browse;
pub mod cycle;
pub mod detail;
pub mod triage;

use super::action::View;
use super::app::{App, Scroll};
use super::theme::Theme;
use super::widgets;
use crate::text::sanitize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Below this the views cannot be laid out; a message says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The frame shown while the workspace is read, so that starting on a large workspace
/// answers at once.
pub fn draw_loading(frame: &mut Frame) {
    let area = frame.area();
    let text = vec![
        Line::from("scrutineer"),
        Line::from(""),
        Line::from("Loading the workspace…"),
    ];
    let height = (text.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let middle = Rect::new(area.x, top, area.width, height);
    frame.render_widget(
        Paragraph::new(text).alignment(ratatui::layout::Alignment::Center),
        middle,
    );
}

/// Draws the whole frame from the app's state.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area);
    }
    let [tabs, filters, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    widgets::bars::tabs(app, frame, tabs);
    widgets::filter_bar::draw(app, frame, filters);
    match app.view {
        View::Browse => browse::draw(app, frame, body),
        View::Actions => actions::draw(app, frame, body),
        View::Agenda => agenda::draw(app, frame, body),
        View::Triage => triage::draw(app, frame, body),
    }
    widgets::bars::status(app, frame, status);
    widgets::bars::hints(app, frame, hints);
    widgets::popup::draw(app, frame, body);
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small ({}x{}): scrutineer needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Text from a file, one line, harmless to print.
pub fn clean(text: &str) -> String {
    sanitize(text, false)
}

/// An item's text with the characters a search matched picked out. `positions` count
/// characters of the text with newlines as spaces (as the search index does).
pub fn highlighted(
    text: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched {
                base.patch(matched)
            } else {
                base
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        let c = if c == '\n' { ' ' } else { c };
        run.push_str(&sanitize(c.encode_utf8(&mut [0; 4]), false));
    }
    if !run.is_empty() {
        let style = if run_matched {
            base.patch(matched)
        } else {
            base
        };
        spans.push(Span::styled(run, style));
    }
    spans
}

/// A bordered pane, its border bold or coloured when it has the focus.
pub fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(title.into().style(theme.title))
}

/// Paints the selection over a row already drawn in `row` (one line high): one style over
/// the whole row, so the row costs the same few bytes to select on any link whatever
/// colours its cells have. It covers the characters drawn, not the blank indent before
/// them or the padding after (one space kept): blanks would only add bytes to every move.
pub fn select_row(frame: &mut Frame, row: Rect, selection: Style) {
    let row = row.intersection(frame.area());
    let buffer = frame.buffer_mut();
    let drawn = |x: &u16| buffer[(*x, row.y)].symbol() != " ";
    let start = (row.x..row.right()).find(drawn).unwrap_or(row.x);
    let end = (row.x..row.right())
        .rev()
        .find(drawn)
        .map_or(row.x + 1, |x| (x + 2).min(row.right()));
    let width = end.saturating_sub(start).max(1);
    buffer.set_style(
        Rect {
            x: start,
            width,
            ..row
        },
        selection,
    );
}

/// Draws `lines` into `area` scrolled so `selected` shows, the selected line painted
/// with the selection (see `select_row`).
pub fn list(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    selected: Option<usize>,
    scroll: &Scroll,
    selection: Style,
) {
    let len = lines.len();
    let mut lines = lines.into_iter();
    let mut at = 0;
    list_of(frame, area, len, selected, scroll, selection, |n| {
        let line = lines.nth(n - at).unwrap_or_default();
        at = n + 1;
        line
    });
}

/// The same for a list of `len` lines of which only those on screen are laid out, by
/// `line(n)` in order: a long list costs what a screenful costs.
pub fn list_of(
    frame: &mut Frame,
    area: Rect,
    len: usize,
    selected: Option<usize>,
    scroll: &Scroll,
    selection: Style,
    line: impl FnMut(usize) -> Line<'static>,
) {
    let height = usize::from(area.height);
    let offset = scroll.offset(selected.unwrap_or(0), height, len);
    let shown: Vec<Line> = (offset..len.min(offset + height)).map(line).collect();
    frame.render_widget(Paragraph::new(shown), area);
    if let Some(row) = selected
        .and_then(|s| s.checked_sub(offset))
        .filter(|r| *r < height)
    {
        let y = area.y + row as u16;
        select_row(
            frame,
            Rect {
                y,
                height: 1,
                ..area
            },
            selection,
        );
    }
}

/// "(3 of 72)" style position for a pane title.
pub fn counter(at: usize, len: usize) -> String {
    if len == 0 {
        "(none)".to_string()
    } else {
        format!("({}/{len})", at + 1)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The rows of the screen that hold text.
    fn rows_with_text(width: u16, height: u16) -> Vec<(u16, String)> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a terminal");
        terminal.draw(super::draw_loading).expect("draws");
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| {
                let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
                (y, row.trim().to_string())
            })
            .filter(|(_, row)| !row.is_empty())
            .collect()
    }

    #[test]
    fn the_loading_screen_is_in_the_middle_of_any_terminal() {
        assert_eq!(
            rows_with_text(80, 24),
            [
                (10, "scrutineer".to_string()),
                (12, "Loading the workspace…".to_string())
            ]
        );
        assert_eq!(rows_with_text(40, 9)[0].0, 3);
        // Smaller than the text: what fits, from the top, and no panic.
        assert_eq!(rows_with_text(30, 2), [(0, "scrutineer".to_string())]);
    }
}
