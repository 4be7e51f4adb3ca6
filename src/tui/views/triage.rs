//! Triage: counts by status, by deadline and readiness, of the executive's responses,
//! and per owner, of the items that pass the filters. Enter on a count of items shows
//! them in the Actions view; on a count of recommendations, them in Browse.

use super::{clean, list, pane};
use crate::model::Urgency;
use crate::text::{pad, truncate};
use crate::tui::app::OWNER_COLUMNS as COLUMNS;
use crate::tui::app::{App, Scroll, TriageLine, TriageRow};
use crate::tui::widgets::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

const CELL: usize = 10;

/// Below this the three parts are one list; above it statuses and deadlines sit side by
/// side over the owners, so more owners fit.
const SPLIT_WIDTH: u16 = 70;
const SPLIT_HEIGHT: u16 = 16;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane(format!(" Triage on {} ", app.today), true, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = &app.triage_rows;
    let is_owner = |r: &TriageRow| matches!(r.line, TriageLine::Owner(_));
    let first_owner = rows.iter().position(is_owner).unwrap_or(rows.len());
    if inner.width < SPLIT_WIDTH || inner.height < SPLIT_HEIGHT {
        let mut lines = wrap_lines(app, &next_meeting_text(app), usize::from(inner.width));
        lines.push(Line::default());
        let (mut part, selected) = section(app, 0..rows.len(), inner.width, lines.len());
        lines.append(&mut part);
        return list(
            frame,
            inner,
            lines,
            selected,
            &app.triage.scroll,
            app.theme.selected_unfocused,
        );
    }
    // The next meeting in a line, or two when it is longer (a committee's long name);
    // cut only when it needs more.
    let text = next_meeting_text(app);
    let mut said = wrap_lines(app, &text, usize::from(inner.width));
    if said.len() > 2 {
        let line = truncate(&text, usize::from(inner.width));
        said = vec![Line::styled(line, app.theme.dim)];
    }
    let [top, _, next, owners] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Length(said.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(ratatui::widgets::Paragraph::new(said), next);
    let [left, _, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Fill(1),
    ])
    .areas(top);
    let statuses = rows
        .iter()
        .take_while(|r| matches!(r.line, TriageLine::Status(_)))
        .count();
    let unscrolled = Scroll::default();
    let (lines, selected) = section(app, 0..statuses, left.width, 0);
    list(
        frame,
        left,
        lines,
        selected,
        &unscrolled,
        app.theme.selected_unfocused,
    );
    let (lines, selected) = section(app, statuses..first_owner, right.width, 0);
    list(
        frame,
        right,
        lines,
        selected,
        &unscrolled,
        app.theme.selected_unfocused,
    );
    let (lines, selected) = section(app, first_owner..rows.len(), owners.width, 0);
    list(
        frame,
        owners,
        lines,
        selected,
        &app.triage.scroll,
        app.theme.selected_unfocused,
    );
}

/// The rows in `range` with a heading before each kind, and the selected line's index
/// (counting `before` lines that come first).
fn section(
    app: &App,
    range: std::ops::Range<usize>,
    width: u16,
    before: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let theme = &app.theme;
    let cells = if range
        .clone()
        .any(|n| matches!(app.triage_rows[n].line, TriageLine::Owner(_)))
    {
        COLUMNS.len()
    } else {
        1
    };
    let label_width = usize::from(width).saturating_sub(CELL * cells).max(8);
    let mut lines = Vec::new();
    let mut selected = None;
    let mut heading = "";
    for n in range {
        let row = &app.triage_rows[n];
        let (this, columns): (&str, &[&str]) = match row.line {
            TriageLine::Status(_) => ("By status", &COLUMNS[..1]),
            TriageLine::Owner(_) => ("By owner", &COLUMNS),
            TriageLine::Awaiting { .. } | TriageLine::ResponseOverdue { .. } => {
                ("Executive responses", &["recs"])
            }
            _ => ("Deadlines and readiness", &COLUMNS[..1]),
        };
        if this != heading {
            if !heading.is_empty() {
                lines.push(Line::default());
            }
            heading = this;
            let mut spans = vec![Span::styled(pad(this, label_width), theme.heading)];
            spans.extend(
                columns
                    .iter()
                    .map(|c| Span::styled(format!("{c:>CELL$}"), theme.header)),
            );
            lines.push(Line::from(spans));
        }
        if n == app.triage.row {
            selected = Some(before + lines.len());
        }
        lines.push(row_line(app, row, n == app.triage.row, label_width));
    }
    (lines, selected)
}

fn wrap_lines(app: &App, text: &str, width: usize) -> Vec<Line<'static>> {
    wrap(text, width)
        .into_iter()
        .map(|l| Line::styled(l, app.theme.dim))
        .collect()
}

/// The Agenda's first meeting: the next select committee's (of the committee chosen
/// there, when one is), with what is ready for it.
fn next_meeting_text(app: &App) -> String {
    let sections = app.agenda_sections();
    let first = sections.first().map(|s| &s.agenda);
    let ready = first.map_or(0, |a| a.len());
    match first.and_then(|a| a.date.map(|d| (a, d))) {
        // Why the date is inferred is in the Agenda, under the meeting.
        Some((a, d)) => format!(
            "Next meeting: {}{}, {ready} item(s) ready for it; {}",
            d.strftime("%a %-d %b %Y"),
            if a.date_inferred.is_some() {
                " (date inferred)"
            } else {
                ""
            },
            clean(a.committee.as_deref().unwrap_or_default()),
        ),
        None => format!("Next meeting: not yet scheduled; {ready} item(s) marked ready for it"),
    }
}

fn row_line(app: &App, row: &TriageRow, selected: bool, label_width: usize) -> Line<'static> {
    let theme = &app.theme;
    let (label, style) = match row.line {
        TriageLine::Status(s) => (s.label().to_string(), theme.status(s)),
        TriageLine::Overdue => (
            format!("{} overdue", Urgency::Overdue.symbol()),
            theme.urgency(Urgency::Overdue),
        ),
        TriageLine::DueSoon => (
            format!(
                "{} due within {} days",
                Urgency::DueSoon.symbol(),
                Urgency::SOON_DAYS
            ),
            theme.urgency(Urgency::DueSoon),
        ),
        TriageLine::Ready => ("R marked ready".to_string(), theme.ready),
        TriageLine::Awaiting { .. } => ("  awaiting a response".to_string(), Default::default()),
        TriageLine::ResponseOverdue { .. } => (
            format!("{} response overdue", Urgency::Overdue.symbol()),
            theme.urgency(Urgency::Overdue),
        ),
        TriageLine::Owner(o) => (clean(&app.ws.people.get(o).name), Default::default()),
    };
    let column = app.triage.column.min(row.cells.len().saturating_sub(1));
    let mut spans = vec![Span::styled(pad(&format!("  {label}"), label_width), style)];
    // Recommendations are counted in the line itself (their rows have no item counts).
    let counts: Vec<usize> = match row.line {
        TriageLine::Awaiting { recs } | TriageLine::ResponseOverdue { recs } => vec![recs],
        _ => row.cells.iter().map(|c| c.count).collect(),
    };
    for (k, count) in counts.into_iter().enumerate() {
        let text = format!("{count:>CELL$}");
        let style = if selected && k == column {
            theme.selected
        } else {
            Default::default()
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}
