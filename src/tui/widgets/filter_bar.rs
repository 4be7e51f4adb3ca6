//! The filter bar: the search being typed, or every active filter, always in view.

use crate::query::Filter;
use crate::text::{sanitize, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    if let Some(input) = &app.searching {
        let prompt = " search: ";
        let room = usize::from(area.width).saturating_sub(width(prompt) + 1);
        let scroll = input.visual_scroll(room);
        let value: String = sanitize(input.value(), false)
            .chars()
            .skip(scroll)
            .collect();
        let line = Line::from(vec![
            Span::styled(prompt, theme.key),
            Span::styled(value, theme.filter_value),
        ]);
        frame.render_widget(line, area);
        let x = area.x + (width(prompt) + input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let parts = describe(&app.filter, app.next_meeting().map(|m| m.date));
    let mut spans = vec![Span::styled(" Filters: ", theme.label)];
    if parts.is_empty() {
        spans.push(Span::styled("none", theme.dim));
        let mut used = width(" Filters: none");
        for b in app.keymap.in_context(Context::Finding) {
            if let (Some(key), Some(word)) = (b.keys.first(), b.hint)
                && b.action != Action::ClearFilters
            {
                let key = key.to_string();
                let w = 2 + width(&key) + 1 + width(word);
                if used + w > usize::from(area.width) {
                    break;
                }
                used += w;
                spans.push(Span::raw("  "));
                spans.push(Span::styled(key, theme.key));
                spans.push(Span::styled(format!(" {word}"), theme.dim));
            }
        }
    } else {
        for (n, (name, value)) in parts.into_iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" · ", theme.dim));
            }
            spans.push(Span::raw(format!("{name} ")));
            spans.push(Span::styled(sanitize(&value, false), theme.filter_value));
        }
        spans.push(Span::styled(
            format!(
                "  ({} of {}; {} clears)",
                app.hits.len(),
                app.ws.items.len(),
                app.key_label(Action::ClearFilters)
            ),
            theme.dim,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Each active filter as (what, value): ("owner", "M FitzG"), ("deadline", "overdue").
pub fn describe(filter: &Filter, next_meeting: Option<Date>) -> Vec<(&'static str, String)> {
    let mut parts = Vec::new();
    if !filter.search.is_empty() {
        parts.push(("search", format!("/{}", filter.search)));
    }
    if !filter.owners.is_empty() {
        parts.push(("owner", filter.owners.join(" or ")));
    }
    if filter.overdue {
        parts.push(("deadline", "overdue".to_string()));
    }
    if let Some(n) = filter.due_within {
        parts.push(("deadline", format!("due within {n} days")));
    }
    if let Some(d) = filter.due_before {
        let value = if Some(d) == next_meeting {
            format!("due by the next meeting ({d})")
        } else {
            format!("due by {d}")
        };
        parts.push(("deadline", value));
    }
    if let Some(d) = filter.due_after {
        parts.push(("deadline", format!("due from {d}")));
    }
    if !filter.statuses.is_empty() {
        let names: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        parts.push(("status", names.join(" or ")));
    }
    if !filter.responses.is_empty() {
        let names: Vec<&str> = filter.responses.iter().map(|r| r.as_str()).collect();
        parts.push(("response", names.join(" or ")));
    }
    match filter.ready {
        Some(true) => parts.push(("ready", "marked ready".to_string())),
        Some(false) => parts.push(("ready", "not marked ready".to_string())),
        None => {}
    }
    if let Some(r) = &filter.report {
        parts.push(("report", r.clone()));
    }
    parts
}
