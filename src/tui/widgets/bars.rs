//! The one-line bars: view tabs at the top, the status line and the key hints at the
//! bottom. The hints come from the keymap, like the help popup.

use crate::text::width;
use crate::tui::action::{Action, View};
use crate::tui::app::{App, MenuPurpose, Popup};
use crate::tui::keymap::Context;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn tabs(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let global = [Context::Global];
    let mut spans = Vec::new();
    for v in View::ALL {
        let key = app
            .keymap
            .key_for(&global, Action::ShowView(v))
            .map(|k| format!("{k} "))
            .unwrap_or_default();
        let style = if v == app.view {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(format!(" {key}{} ", v.title()), style));
        spans.push(Span::raw(" "));
    }
    let mut right = vec![Span::styled(format!(" today {} ", app.today), theme.dim)];
    if app.read_only.is_some() {
        right.insert(0, Span::styled(" READ-ONLY ", theme.read_only));
    }
    let used: usize = spans.iter().chain(&right).map(|s| width(&s.content)).sum();
    if used <= usize::from(area.width) {
        spans.push(Span::raw(" ".repeat(usize::from(area.width) - used)));
        spans.extend(right);
    }
    frame.render_widget(Line::from(spans), area);
}

pub fn status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    // A save waiting for the lock stays in view, after what the last key said.
    if let Some(saving) = app.saving_line() {
        let mut spans = Vec::new();
        if let Some(m) = &app.message {
            let style = if m.error { theme.error } else { theme.info };
            spans.push(Span::styled(format!(" {} ·", m.text), style));
        }
        spans.push(Span::styled(format!(" {saving}"), theme.info));
        return frame.render_widget(Line::from(spans), area);
    }
    let line = match &app.message {
        Some(m) => Line::styled(
            format!(" {}", m.text),
            if m.error { theme.error } else { theme.info },
        ),
        None => {
            let mut text = format!(
                " {} of {} items in {} reports",
                app.hits.len(),
                app.ws.items.len(),
                app.ws.reports.len()
            );
            // Browse lists them; elsewhere they are not worked out while typing.
            let alone = match app.view {
                View::Browse => app.reports_found_alone(),
                _ => 0,
            };
            match alone {
                0 => {}
                1 => text.push_str("; 1 report found in its own text (Browse)"),
                n => text.push_str(&format!("; {n} reports found in their own text (Browse)")),
            }
            if let Some(why) = &app.read_only {
                text.push_str(&format!("; read-only: {why}"));
            }
            Line::styled(text, theme.dim)
        }
    };
    frame.render_widget(line, area);
}

/// "q quit  ? help  / search ...": the hinted keys of what is active now, as many as fit.
pub fn hints(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    let mut contexts = app.contexts();
    // Help first, so whatever else is cut off, the way to see it is not; then the
    // view's own keys and changes before the filters (which the filter bar shows).
    contexts.sort_by_key(|c| match c {
        Context::Global => 0,
        Context::Changing => 2,
        Context::Finding => 3,
        _ => 1,
    });
    for context in contexts {
        if context == Context::Changing && app.read_only.is_some() {
            continue;
        }
        for b in app.keymap.in_context(context) {
            let (Some(word), Some(key)) = (b.hint, b.keys.first()) else {
                continue;
            };
            if b.action == Action::Toggle && !menu_has_ticks(app) {
                continue;
            }
            if context == Context::Menu && b.action == Action::AddNote && !status_menu(app) {
                continue;
            }
            let key = key.to_string();
            let w = width(&key) + 1 + width(word) + 2;
            if used + w > usize::from(area.width) {
                break;
            }
            used += w;
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::raw(format!(" {word}  ")));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

fn menu_has_ticks(app: &App) -> bool {
    matches!(&app.popup, Some(Popup::Menu(m)) if m.ticked.is_some())
}

/// Whether the menu open is the status menu, whose choice can take a note.
fn status_menu(app: &App) -> bool {
    matches!(&app.popup, Some(Popup::Menu(m)) if matches!(m.purpose, MenuPurpose::SetStatus(_)))
}
