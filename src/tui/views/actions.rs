//! Actions: every item that passes the filters in one table, sorted by a column, for
//! triage. Enter shows the selected item in full.

use super::{clean, highlighted, pane, select_row};
use crate::model::{Readiness, Urgency};
use crate::query::SortKey;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

/// Each column: its header, the sort key it shows (marked when sorted by it), its width,
/// and the narrowest table that shows it (the text keeps room; the detail shows all).
const COLUMNS: [(&str, Option<SortKey>, Constraint, u16); 7] = [
    ("report", Some(SortKey::Report), Constraint::Length(14), 110),
    ("ref", None, Constraint::Length(5), 0),
    ("text", Some(SortKey::Score), Constraint::Fill(1), 0),
    ("owner", Some(SortKey::Owner), Constraint::Length(11), 0),
    (
        "deadline",
        Some(SortKey::Deadline),
        Constraint::Length(13),
        0,
    ),
    ("status", Some(SortKey::Status), Constraint::Length(11), 0),
    ("ready", None, Constraint::Length(10), 76),
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (items, at) = app.table_items();
    let theme = &app.theme;
    // The total, not the position: a position would change, and be re-sent, on every
    // move (the scroll and the selection show where one is).
    let title = format!(
        " Actions ({})  sorted by {} ",
        items.len(),
        app.sort.as_str()
    );
    let block = pane(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown: Vec<bool> = COLUMNS.iter().map(|c| area.width >= c.3).collect();
    let columns: Vec<_> = COLUMNS
        .iter()
        .zip(&shown)
        .filter(|(_, s)| **s)
        .map(|(c, _)| c)
        .collect();
    let header = Row::new(columns.iter().map(|(name, key, ..)| {
        let marker = if *key == Some(app.sort) { " ▼" } else { "" };
        Cell::from(format!("{name}{marker}"))
    }))
    .style(theme.header);
    let widths: Vec<Constraint> = columns.iter().map(|c| c.2).collect();
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.actions.scroll.offset(at, height, items.len());
    let rows: Vec<Row> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(_, i)| {
            let cells = cells(app, *i).into_iter().zip(&shown).filter(|(_, s)| **s);
            Row::new(cells.map(|(c, _)| c))
        })
        .collect();
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
    if let Some(row) = at.checked_sub(offset).filter(|r| *r < height) {
        let y = inner.y + 1 + row as u16;
        select_row(
            frame,
            Rect {
                y,
                height: 1,
                ..inner
            },
            theme.selected,
        );
    }
    if items.is_empty() {
        let none = Line::styled("  Nothing matches the filters.", theme.dim);
        let below = Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        };
        frame.render_widget(none, below.intersection(inner));
    }
}

/// Every column's cell for item `i`, in the order of `COLUMNS`.
fn cells(app: &App, i: usize) -> Vec<Cell<'static>> {
    let item = app.item(i);
    let theme = &app.theme;
    let urgency = Urgency::of(item, app.today);
    let owners = app.ws.people.names(&item.owners);
    let status = item.tracking.status;
    let ready = match item.readiness(&app.ws.committees, app.today) {
        Readiness::Upcoming(Some(d)) => d.to_string(),
        Readiness::Upcoming(None) => "next".to_string(),
        Readiness::Presented(_) => "presented".to_string(),
        Readiness::NotReady => String::new(),
    };
    vec![
        Cell::from(clean(&app.ws.reports[item.report].id)),
        Cell::from(clean(&item.recommendations.join(","))),
        Cell::from(Line::from(highlighted(
            &item.text,
            &app.positions(i),
            Default::default(),
            theme.matched,
        ))),
        Cell::from(clean(&owners.join(", "))),
        Cell::from(Line::from(vec![
            Span::styled(urgency.symbol().to_string(), theme.urgency(urgency)),
            Span::raw(" "),
            Span::styled(item.due_label(), theme.urgency(urgency)),
        ])),
        Cell::from(Span::styled(status.as_str(), theme.status(status))),
        Cell::from(Span::styled(ready, theme.ready)),
    ]
}
