//! Browse: reports, their recommendations and the items answering them, stacked on the
//! left; the full text of whatever is selected on the right.

use super::{clean, counter, detail, highlighted, list, pane};
use crate::model::{Readiness, Urgency};
use crate::tui::app::{App, BrowseRows, Pane};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let rows = app.browse_rows();
    let left_width = (area.width * 2 / 5).clamp(24, 60);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);
    let [reports, recs, items] = stack(left, app.browse.pane, rows.reports.len());
    draw_reports(app, frame, reports, &rows);
    draw_recs(app, frame, recs, &rows);
    draw_items(app, frame, items, &rows);
    detail::draw_browse(app, frame, right, &rows);
}

/// Heights for the three stacked lists: the focused one gets more room, the reports
/// list no more than it needs, and each keeps at least one row inside its border.
fn stack(area: Rect, focus: Pane, reports: usize) -> [Rect; 3] {
    const MIN: u16 = 3;
    let h = area.height;
    let reports_h = match focus {
        Pane::Reports => h / 2,
        _ => (reports as u16).saturating_add(2).min(h / 3),
    }
    .max(MIN)
    .min(h.saturating_sub(2 * MIN));
    let rest = h.saturating_sub(reports_h);
    let recs_h = match focus {
        Pane::Recommendations => rest * 2 / 3,
        Pane::Items => rest / 3,
        _ => rest / 2,
    }
    .max(MIN)
    .min(rest.saturating_sub(MIN));
    Layout::vertical([
        Constraint::Length(reports_h),
        Constraint::Length(recs_h),
        Constraint::Fill(1),
    ])
    .areas(area)
}

fn draw_reports(app: &App, frame: &mut Frame, area: Rect, rows: &BrowseRows) {
    let focused = app.browse.pane == Pane::Reports;
    let title = format!(" Reports {} ", counter(rows.report_at, rows.reports.len()));
    let block = pane(title, focused, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = rows
        .reports
        .iter()
        .map(|r| {
            let report = &app.ws.reports[*r];
            let year = report
                .date
                .map_or("----".to_string(), |d| d.year().to_string());
            Line::from(vec![
                Span::styled(format!("{year} "), app.theme.dim),
                Span::raw(clean(&report.title)),
            ])
        })
        .collect();
    let selected = (!rows.reports.is_empty()).then_some(rows.report_at);
    let style = app.theme.selection(focused);
    list(frame, inner, lines, selected, &app.browse.scrolls[0], style);
}

fn draw_recs(app: &App, frame: &mut Frame, area: Rect, rows: &BrowseRows) {
    let focused = app.browse.pane == Pane::Recommendations;
    let title = format!(
        " Recommendations {} ",
        counter(rows.rec_at, rows.recs.len())
    );
    let block = pane(title, focused, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let report = rows.report().map(|r| &app.ws.reports[r]);
    let lines = rows
        .recs
        .iter()
        .map(|rec| match (rec, report) {
            (Some(k), Some(report)) => {
                let rec = &report.recommendations[*k];
                let mut spans = vec![Span::styled(
                    format!("{} ", clean(rec.label())),
                    app.theme.label,
                )];
                if rec.response.is_overdue(app.today) {
                    let overdue = Urgency::Overdue;
                    spans.push(Span::styled(
                        format!("{} ", overdue.symbol()),
                        app.theme.urgency(overdue),
                    ));
                }
                spans.push(Span::raw(clean(&rec.text)));
                Line::from(spans)
            }
            _ => Line::styled("(answering no recommendation)", app.theme.dim),
        })
        .collect();
    let selected = (!rows.recs.is_empty()).then_some(rows.rec_at);
    let style = app.theme.selection(focused);
    list(frame, inner, lines, selected, &app.browse.scrolls[1], style);
}

fn draw_items(app: &App, frame: &mut Frame, area: Rect, rows: &BrowseRows) {
    let focused = app.browse.pane == Pane::Items;
    let title = format!(" Actions {} ", counter(rows.item_at, rows.items.len()));
    let block = pane(title, focused, &app.theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = rows.items.iter().map(|i| item_line(app, *i)).collect();
    let selected = (!rows.items.is_empty()).then_some(rows.item_at);
    let style = app.theme.selection(focused);
    list(frame, inner, lines, selected, &app.browse.scrolls[2], style);
}

/// "! R 2.4b Print Revised Corporate…": urgency, ready mark, id, text.
pub fn item_line(app: &App, i: usize) -> Line<'static> {
    let item = app.item(i);
    let theme = &app.theme;
    let urgency = Urgency::of(item, app.today);
    let local_id = item
        .id
        .split_once('/')
        .map_or(item.id.as_str(), |(_, id)| id);
    let ready = match item.readiness(&app.ws.committees, app.today) {
        Readiness::Upcoming(_) => "R ",
        Readiness::Presented(_) => "P ",
        Readiness::NotReady => "  ",
    };
    let mut spans = vec![
        Span::styled(format!("{} ", urgency.symbol()), theme.urgency(urgency)),
        Span::styled(ready, theme.ready),
        Span::styled(format!("{} ", clean(local_id)), theme.label),
    ];
    spans.extend(highlighted(
        &item.text,
        &app.positions(i),
        Default::default(),
        theme.matched,
    ));
    Line::from(spans)
}
