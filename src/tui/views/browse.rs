//! Browse: reports, their recommendations and the items answering them, stacked on the
//! left; the full text of whatever is selected on the right.

use super::{clean, counter, detail, highlighted, list, list_of, pane};
use crate::model::{Readiness, Urgency};
use crate::tui::app::{App, BrowseRows, Pane};
use crate::tui::labels::ReportLabel;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

/// Narrower than this, the lists and the detail take turns at the full width: the
/// detail shows while it has the focus (tab reaches it), the lists otherwise.
const SIDE_BY_SIDE: u16 = 60;

/// The height a pane needs to show one row inside its border.
const PANE_MIN: u16 = 3;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let rows = app.browse_rows();
    if area.width < SIDE_BY_SIDE {
        if app.browse.pane == Pane::Detail {
            detail::draw_browse(app, frame, area, &rows);
        } else {
            draw_lists(app, frame, area, &rows);
        }
        return;
    }
    let left_width = (area.width * 2 / 5).clamp(24, 60);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);
    draw_lists(app, frame, left, &rows);
    detail::draw_browse(app, frame, right, &rows);
}

/// The three lists stacked; too short for each to show a row, only the one with the
/// focus (or whose selection the detail shows), rather than empty boxes.
fn draw_lists(app: &App, frame: &mut Frame, area: Rect, rows: &BrowseRows) {
    if area.height < 3 * PANE_MIN {
        let pane = match app.browse.pane {
            Pane::Detail => app.browse.shown,
            focused => focused,
        };
        match pane {
            Pane::Reports => draw_reports(app, frame, area, rows),
            Pane::Recommendations => draw_recs(app, frame, area, rows),
            Pane::Items | Pane::Detail => draw_items(app, frame, area, rows),
        }
        return;
    }
    let [reports, recs, items] = stack(area, app.browse.pane, rows.reports.len());
    draw_reports(app, frame, reports, rows);
    draw_recs(app, frame, recs, rows);
    draw_items(app, frame, items, rows);
}

/// Heights for the three stacked lists: the focused one gets more room, the reports
/// list no more than it needs, and each keeps at least one row inside its border.
fn stack(area: Rect, focus: Pane, reports: usize) -> [Rect; 3] {
    const MIN: u16 = PANE_MIN;
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
    let room = usize::from(inner.width);
    let selected = (!rows.reports.is_empty()).then_some(rows.report_at);
    let style = app.theme.selection(focused);
    // Only the rows on screen are laid out: thousands of reports cost a screenful.
    list_of(
        frame,
        inner,
        rows.reports.len(),
        selected,
        &app.browse.scrolls[0],
        style,
        |n| report_line(app, &app.ws.reports[rows.reports[n]], room),
    );
}

/// "2010 Dudley  Unannounced Ofsted inspection…": the year (of the paper, else of the
/// inspection, else "n.d."), who it is by (with the inspectorate where `room` allows)
/// and the title.
fn report_line(app: &App, report: &crate::model::Report, room: usize) -> Line<'static> {
    let label = ReportLabel::of(report);
    let by = label.by(room);
    let mut spans = vec![Span::styled(format!("{} ", label.year), app.theme.dim)];
    if !by.is_empty() {
        spans.push(Span::styled(format!("{}  ", clean(&by)), app.theme.label));
    }
    spans.push(Span::raw(clean(&label.title)));
    Line::from(spans)
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
    if rows.recs.is_empty() && report.is_some() {
        // Listed because the search found the report in its own text.
        let why = "Nothing here matches: the search found the report itself (see the detail).";
        let lines = crate::tui::widgets::wrap::wrap(why, usize::from(inner.width));
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(l, app.theme.dim))
            .collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
        return;
    }
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
