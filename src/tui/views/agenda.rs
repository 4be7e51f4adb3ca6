//! Agenda: what is marked ready for the next select committee, for any other meeting
//! with items, for a meeting not yet scheduled, and what was presented at meetings that
//! have passed: progress reports, then items proposed for sign-off, each grouped by
//! report and recommendation.

use super::{clean, list_of, pane};
use crate::model::Urgency;
use crate::text::pad;
use crate::tui::action::Action;
use crate::tui::app::{AgendaLine, App};
use crate::tui::widgets::wrap::wrap_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::collections::HashMap;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let lists = app.agenda_lists();
    let (sections, items) = (&lists.sections, &lists.items);
    let at = app.agenda_items().1;
    let presented: usize = sections
        .iter()
        .filter(|s| s.agenda.past)
        .map(|s| s.agenda.len())
        .sum();
    // The committee chosen, whose meetings alone are listed.
    let of = app
        .chosen_committee()
        .map_or(String::new(), |c| format!(" of {} only", clean(&c.name)));
    let title = match presented {
        0 => format!(" Agenda{of}: {} item(s) marked ready ", items.len()),
        n => format!(
            " Agenda{of}: {} item(s) marked ready, {n} presented ",
            items.len() - n
        ),
    };
    let block = pane(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let selected = items.get(at).and_then(|i| {
        let item = AgendaLine::Item(*i);
        lists.lines.iter().rposition(|l| *l == item)
    });
    // Only the lines on screen are laid out.
    let line = |n: usize| match &lists.lines[n] {
        AgendaLine::Meeting(s) => {
            let a = &sections[*s].agenda;
            let which = match (sections[*s].is_next, a.past, a.date) {
                (true, ..) => "the next select committee, ",
                (false, true, _) => "presented, ",
                (false, false, None) => "waiting for their committee to schedule one, ",
                (false, false, Some(_)) => "",
            };
            let inferred = if a.date_inferred.is_some() {
                "date inferred, "
            } else {
                ""
            };
            let committee = a.committee.as_deref().map(clean).unwrap_or_default();
            Line::from(vec![
                Span::styled(a.when(), theme.heading),
                Span::styled(
                    format!(" ({which}{inferred}{} item(s)) ", a.len()),
                    theme.dim,
                ),
                Span::styled(committee, theme.heading),
            ])
        }
        AgendaLine::DateInferred(s) => {
            let why = sections[*s]
                .agenda
                .date_inferred
                .as_deref()
                .unwrap_or_default();
            Line::styled(format!("  Date inferred: {}", clean(why)), theme.dim)
        }
        AgendaLine::Nothing => Line::styled(
            format!(
                "  Nothing is marked ready for this meeting ({} marks the selected item in any view).",
                app.key_label(Action::Mark)
            ),
            theme.dim,
        ),
        AgendaLine::Progress => Line::styled(" Progress reports", theme.heading),
        AgendaLine::SignOff => Line::styled(" Proposed for sign-off (complete)", theme.heading),
        AgendaLine::Report(r) => {
            let report = &app.ws.reports[*r];
            Line::from(vec![
                Span::raw("  "),
                Span::styled(clean(&report.title), theme.title),
                Span::styled(format!(" ({})", clean(&report.authority)), theme.dim),
            ])
        }
        AgendaLine::Recommendation(label, heading) => Line::from(vec![
            Span::raw("    "),
            Span::styled(format!("Recommendation {} ", clean(label)), theme.label),
            Span::styled(clean(heading), theme.dim),
        ]),
        AgendaLine::Item(i) => item_line(app, *i, lists.due_width),
    };
    // A meeting's heading, why its date is inferred and "nothing is marked" (one of
    // each a meeting) wrap onto rows of their own when longer than the pane is wide;
    // the lists under them (reports, recommendations, items) are one row a line.
    let width = usize::from(inner.width);
    let mut wrapped: HashMap<usize, Vec<Line<'static>>> = HashMap::new();
    let mut rows: Vec<(usize, usize)> = Vec::with_capacity(lists.lines.len());
    for (n, l) in lists.lines.iter().enumerate() {
        let parts = match l {
            AgendaLine::Meeting(_) | AgendaLine::DateInferred(_) | AgendaLine::Nothing => {
                let parts = wrap_line(&line(n), width);
                let len = parts.len();
                wrapped.insert(n, parts);
                len
            }
            _ => 1,
        };
        rows.extend((0..parts).map(|p| (n, p)));
    }
    let selected = selected.map(|s| rows.partition_point(|(n, _)| *n < s));
    list_of(
        frame,
        inner,
        rows.len(),
        selected,
        &app.agenda.scroll,
        theme.selected,
        |r| {
            let (n, part) = rows[r];
            match wrapped.get_mut(&n) {
                Some(parts) => std::mem::take(&mut parts[part]),
                None => line(n),
            }
        },
    );
}

fn item_line(app: &App, i: usize, due_width: usize) -> Line<'static> {
    let item = app.item(i);
    let theme = &app.theme;
    let urgency = Urgency::of(item, app.today);
    let owners = app.ws.people.names(&item.owners);
    let local_id = item
        .id
        .split_once('/')
        .map_or(item.id.as_str(), |(_, id)| id);
    Line::from(vec![
        Span::raw("      "),
        Span::styled(
            format!("{} {:<due_width$} ", urgency.symbol(), item.due_label()),
            theme.urgency(urgency),
        ),
        Span::styled(format!("{} ", clean(local_id)), theme.label),
        Span::styled(
            format!("{:<12}", item.tracking.status.as_str()),
            theme.status(item.tracking.status),
        ),
        Span::styled(
            format!("{} ", pad(&clean(&owners.join(", ")), 14)),
            theme.dim,
        ),
        Span::raw(clean(&item.text)),
    ])
}
