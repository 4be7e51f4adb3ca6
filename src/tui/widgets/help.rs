//! The `?` popup: every key of the current view, read from the keymap table.

use crate::model::Urgency;
use crate::text::{pad, width};

/// The width the keys column takes at least, so sections line up.
const KEYS: usize = 18;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use ratatui::text::{Line, Span};

/// The help text for the view the app is in.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let contexts = [
        Context::of_view(app.view),
        Context::Navigate,
        Context::Finding,
        Context::Changing,
        Context::Global,
    ];
    let mut lines = Vec::new();
    for context in contexts {
        let mut heading = context.title().to_string();
        if context == Context::Changing
            && let Some(why) = &app.read_only
        {
            heading.push_str(&format!(" (switched off: read-only, {why})"));
        }
        lines.push(Line::styled(heading, theme.heading));
        let keys_width = app
            .keymap
            .in_context(context)
            .map(|b| width(&b.keys_label()) + 2)
            .max()
            .unwrap_or(0)
            .max(KEYS);
        for b in app.keymap.in_context(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&b.keys_label(), keys_width)), theme.key),
                Span::raw(b.description),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("Symbols", theme.heading));
    for u in [
        Urgency::Overdue,
        Urgency::DueSoon,
        Urgency::Done,
        Urgency::Undated,
    ] {
        let word = match u {
            Urgency::DueSoon => format!("due within {} days", Urgency::SOON_DAYS),
            Urgency::Overdue => {
                "overdue (by a recommendation: its response is overdue)".to_string()
            }
            other => other.word().to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<KEYS$}", u.symbol()), theme.urgency(u)),
            Span::raw(word),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<KEYS$}", "R"), theme.ready),
        Span::raw("marked ready for a meeting"),
    ]));
    lines.push(Line::from(vec![
        Span::styled(format!("  {:<KEYS$}", "P"), theme.ready),
        Span::raw("presented at a meeting that has passed"),
    ]));
    lines.push(Line::default());
    lines.push(Line::styled(
        "Keys can be changed in config.toml, e.g. [keys] mark = \"space\"",
        theme.dim,
    ));
    lines
}
