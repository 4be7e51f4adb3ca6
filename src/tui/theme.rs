//! Every style the terminal UI uses, in one place. Two themes: colour, and one for
//! NO_COLOR that uses only bold, reverse and underline. Meaning never rests on colour
//! alone: urgency has a symbol, status a word, selection is reversed without colour.

use crate::model::{Status, Urgency};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
    pub tab: Style,
    pub tab_active: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of the focused list.
    pub selected: Style,
    /// The selected row of a list that does not have the focus.
    pub selected_unfocused: Style,
    pub header: Style,
    /// Characters a search matched.
    pub matched: Style,
    pub dim: Style,
    pub label: Style,
    pub heading: Style,
    pub ready: Style,
    pub info: Style,
    pub error: Style,
    pub key: Style,
    pub filter_value: Style,
    pub read_only: Style,
}

impl Theme {
    /// The theme for this terminal: monochrome when NO_COLOR is set to anything.
    pub fn from_env() -> Theme {
        if std::env::var_os("NO_COLOR").is_some() {
            Theme::monochrome()
        } else {
            Theme::colour()
        }
    }

    pub fn colour() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            colour: true,
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            title: bold.fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().bg(Color::DarkGray),
            header: bold.fg(Color::Cyan),
            matched: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::Gray),
            label: Style::new().fg(Color::Cyan),
            heading: bold,
            ready: bold.fg(Color::Green),
            info: Style::new().fg(Color::Green),
            error: bold.fg(Color::Red),
            key: bold.fg(Color::Yellow),
            filter_value: bold.fg(Color::Yellow),
            read_only: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let reversed = plain.add_modifier(Modifier::REVERSED);
        Theme {
            colour: false,
            tab: plain,
            tab_active: reversed.add_modifier(Modifier::BOLD),
            title: bold,
            border: plain,
            border_focused: bold,
            selected: reversed,
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            header: bold.add_modifier(Modifier::UNDERLINED),
            matched: bold.add_modifier(Modifier::UNDERLINED),
            dim: plain,
            label: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            ready: bold,
            info: plain,
            error: bold,
            key: bold,
            filter_value: bold,
            read_only: reversed,
        }
    }

    pub fn urgency(&self, u: Urgency) -> Style {
        if !self.colour {
            return match u {
                Urgency::Overdue => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        match u {
            Urgency::Overdue => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::DueSoon => Style::new().fg(Color::Yellow),
            Urgency::Later => Style::new(),
            Urgency::Done => Style::new().fg(Color::Green),
            Urgency::Undated => Style::new().fg(Color::Gray),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        if !self.colour {
            return match s {
                Status::OffTrack => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        match s {
            Status::NotStarted => Style::new(),
            Status::OnTrack => Style::new().fg(Color::Green),
            Status::AtRisk => Style::new().fg(Color::Yellow),
            Status::OffTrack => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Complete => Style::new().fg(Color::Green),
            Status::SignedOff => Style::new().fg(Color::Cyan),
        }
    }

    /// The selection style for a list that has, or has not, the focus.
    pub fn selection(&self, focused: bool) -> Style {
        if focused {
            self.selected
        } else {
            self.selected_unfocused
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_monochrome_theme_has_no_colours() {
        let t = Theme::monochrome();
        let mut styles = vec![
            t.tab,
            t.tab_active,
            t.title,
            t.border,
            t.border_focused,
            t.selected,
            t.selected_unfocused,
            t.header,
            t.matched,
            t.dim,
            t.label,
            t.heading,
            t.ready,
            t.info,
            t.error,
            t.key,
            t.filter_value,
            t.read_only,
        ];
        styles.extend(
            [
                Urgency::Overdue,
                Urgency::DueSoon,
                Urgency::Later,
                Urgency::Done,
                Urgency::Undated,
            ]
            .map(|u| t.urgency(u)),
        );
        styles.extend(Status::ALL.map(|s| t.status(s)));
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(t.selected.add_modifier.contains(Modifier::REVERSED));
    }
}
