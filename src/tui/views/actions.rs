//! Actions: every item that passes the filters in one table, sorted by a column, for
//! triage. Enter shows the selected item in full.

use super::{clean, highlighted, pane, select_row};
use crate::model::{Readiness, Urgency};
use crate::query::SortKey;
use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::labels::{fit_names, item_ref, short_report};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

/// The table's columns, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Report,
    Ref,
    Text,
    Owner,
    Deadline,
    Status,
    Ready,
}

const ORDER: [Column; 7] = [
    Column::Report,
    Column::Ref,
    Column::Text,
    Column::Owner,
    Column::Deadline,
    Column::Status,
    Column::Ready,
];

/// "! 2003-10-31": the urgency symbol and a date, the least a deadline cell shows.
const DEADLINE: u16 = 13;
/// How narrow the text may get before a column makes way for it.
const TEXT_MIN: u16 = 12;
/// The owners column on a wide terminal.
const OWNER_WIDE: u16 = 20;
/// A short report id ("leice…2003"), when the full ones do not fit.
const REPORT_SHORT: u16 = 10;

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Report => "report",
            Column::Ref => "ref",
            Column::Text => "text",
            Column::Owner => "owner",
            Column::Deadline => "deadline",
            Column::Status => "status",
            Column::Ready => "ready",
        }
    }

    fn sort_key(self) -> Option<SortKey> {
        match self {
            Column::Report => Some(SortKey::Report),
            Column::Text => Some(SortKey::Score),
            Column::Owner => Some(SortKey::Owner),
            Column::Deadline => Some(SortKey::Deadline),
            Column::Status => Some(SortKey::Status),
            Column::Ref | Column::Ready => None,
        }
    }
}

/// The columns that fit `room` columns, each with its width (the text takes what is
/// left). They are taken in order of need, each only while the text keeps the room
/// given beside it; a column that does not fit is left out whole, never cut (a date
/// cut to "2003-09-1" reads as another date). The report column shows only when more
/// than one report is listed.
fn layout(app: &App, room: u16, reports: bool) -> Vec<(Column, u16)> {
    let full_report = app.report_width.clamp(6, 20) as u16;
    let ref_width = (app.ref_width as u16).clamp(3, 12);
    // (column, width, the text's width it must leave)
    let mut wanted = vec![
        (Column::Deadline, DEADLINE, TEXT_MIN),
        (Column::Ref, ref_width, TEXT_MIN),
        (Column::Status, 11, TEXT_MIN),
        (Column::Owner, 11, TEXT_MIN),
        (Column::Ready, 10, 16),
    ];
    if reports {
        wanted.push((Column::Report, full_report, 50));
        wanted.push((Column::Report, REPORT_SHORT.min(full_report), 24));
    }
    let mut used = 0u16;
    let mut chosen: Vec<(Column, u16)> = Vec::new();
    for (column, w, text) in wanted {
        if chosen.iter().any(|(c, _)| *c == column) {
            continue;
        }
        if used + w + 1 + text <= room {
            used += w + 1;
            chosen.push((column, w));
        }
    }
    // On a wide terminal owners get room for a name or two more.
    if let Some(owner) = chosen.iter_mut().find(|(c, _)| *c == Column::Owner)
        && used + OWNER_WIDE - owner.1 + 50 <= room
    {
        used += OWNER_WIDE - owner.1;
        owner.1 = OWNER_WIDE;
    }
    let mut columns: Vec<(Column, u16)> = ORDER
        .iter()
        .filter_map(|c| chosen.iter().find(|(k, _)| k == c).copied())
        .collect();
    let text_at = columns
        .iter()
        .position(|(c, _)| !matches!(c, Column::Report | Column::Ref))
        .unwrap_or(columns.len());
    columns.insert(text_at, (Column::Text, room.saturating_sub(used)));
    columns
}

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
    // Hits are in report order: more than one report when the first and last differ.
    let reports = match (app.hits.first(), app.hits.last()) {
        (Some(a), Some(b)) => app.item(a.item).report != app.item(b.item).report,
        _ => false,
    };
    let columns = layout(app, inner.width, reports);
    let header = Row::new(columns.iter().map(|(column, _)| {
        let marker = if column.sort_key() == Some(app.sort) {
            " ▼"
        } else {
            ""
        };
        Cell::from(format!("{}{marker}", column.header()))
    }))
    .style(theme.header);
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|(c, w)| match c {
            Column::Text => Constraint::Fill(1),
            _ => Constraint::Length(*w),
        })
        .collect();
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = app.actions.scroll.offset(at, height, items.len());
    let rows: Vec<Row> = items
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(_, i)| Row::new(columns.iter().map(|(c, w)| cell(app, *i, *c, *w))))
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
        let none = match app.reports_found_alone() {
            0 => "  Nothing matches the filters.".to_string(),
            n => {
                let browse = app.key_label(crate::tui::action::Action::ShowView(
                    crate::tui::action::View::Browse,
                ));
                let (reports, its) = if n == 1 {
                    ("1 report".to_string(), "its")
                } else {
                    (format!("{n} reports"), "their")
                };
                format!(
                    "  No item matches; the search found {reports} in {its} own text ({browse} Browse)."
                )
            }
        };
        let none = Line::styled(none, theme.dim);
        let below = Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        };
        frame.render_widget(none, below.intersection(inner));
    }
}

/// Item `i`'s cell in `column`, `room` columns wide.
fn cell(app: &App, i: usize, column: Column, room: u16) -> Cell<'static> {
    let item = app.item(i);
    let theme = &app.theme;
    let room = usize::from(room);
    let report = &app.ws.reports[item.report];
    match column {
        Column::Report => Cell::from(short_report(&clean(&report.id), room)),
        Column::Ref => Cell::from(truncate(&clean(item_ref(report, item)), room)),
        Column::Text => Cell::from(Line::from(highlighted(
            &item.text,
            &app.positions(i),
            Default::default(),
            theme.matched,
        ))),
        Column::Owner => {
            let owners: Vec<String> = app
                .ws
                .people
                .names(&item.owners)
                .iter()
                .map(|o| clean(o))
                .collect();
            Cell::from(fit_names(&owners, room))
        }
        Column::Deadline => {
            let urgency = Urgency::of(item, app.today);
            // "(revised)" only where it fits whole; the date always does.
            let mut due = item.due_label();
            if width(&due) + 2 > room {
                due = item.due().map_or(due, |d| d.to_string());
            }
            Cell::from(Line::from(vec![
                Span::styled(urgency.symbol().to_string(), theme.urgency(urgency)),
                Span::raw(" "),
                Span::styled(due, theme.urgency(urgency)),
            ]))
        }
        Column::Status => {
            let status = item.tracking.status;
            Cell::from(Span::styled(status.as_str(), theme.status(status)))
        }
        Column::Ready => {
            let ready = match item.readiness(&app.ws.committees, app.today) {
                Readiness::Upcoming(Some(d)) => d.to_string(),
                Readiness::Upcoming(None) => "next".to_string(),
                Readiness::Presented(_) => "presented".to_string(),
                Readiness::NotReady => String::new(),
            };
            Cell::from(Span::styled(ready, theme.ready))
        }
    }
}
