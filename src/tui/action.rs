//! The vocabulary between input and state: every key maps (through the keymap) to one
//! of these, and the app changes only in `App::update(Action)`.

use tui_input::InputRequest;

/// The four views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Browse,
    Actions,
    Agenda,
    Triage,
}

impl View {
    pub const ALL: [View; 4] = [View::Browse, View::Actions, View::Agenda, View::Triage];

    pub fn title(self) -> &'static str {
        match self {
            View::Browse => "Browse",
            View::Actions => "Actions",
            View::Agenda => "Agenda",
            View::Triage => "Triage",
        }
    }

    fn position(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    /// The view `step` tabs away, wrapping round.
    pub fn step(self, step: isize) -> View {
        let n = View::ALL.len() as isize;
        let i = (self.position() as isize + step).rem_euclid(n);
        View::ALL[i as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    ShowView(View),
    NextView,
    PrevView,

    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Browse: scroll the detail pane a page, whichever pane has the focus.
    DetailPageUp,
    DetailPageDown,
    Left,
    Right,
    NextPane,
    PrevPane,
    /// Enter: open what is selected (the next pane, the detail, the filtered list).
    Open,
    /// Esc: back out (the previous pane, close a popup, clear a search).
    Back,
    /// Enter in a popup or an input: accept.
    Confirm,
    /// Space in a menu of choices: tick or untick.
    Toggle,

    Search,
    FilterOwner,
    FilterDeadline,
    FilterStatus,
    FilterReady,
    FilterReport,
    /// The executive's response to the recommendations items answer (any of several).
    FilterResponse,
    ClearFilters,
    Sort,
    /// Agenda: show one select committee's meetings, or every committee's.
    ChooseCommittee,

    Mark,
    SetStatus,
    AddNote,
    /// A longer note, written in $VISUAL or $EDITOR.
    EditorNote,
    /// Record the executive's response to a recommendation, or when it is due.
    Respond,
    /// A new deadline, with the reason.
    Revise,
    Undo,

    /// A key typed into a text input.
    Input(InputRequest),
    /// Hand the terminal back to the shell and stop (Ctrl-Z); `fg` brings it back.
    Suspend,
    /// The workspace's files changed on disk.
    DiskChanged,
    /// Another session sharing the workspace (or the server's watcher) read it again.
    NewReading,
    /// The terminal changed size (the next frame redraws everything).
    Resize,
}

impl Action {
    /// The name used in `config.toml`'s `[keys]` table; None for actions no key maps to.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::ShowView(View::Browse) => "view-browse",
            Action::ShowView(View::Actions) => "view-actions",
            Action::ShowView(View::Agenda) => "view-agenda",
            Action::ShowView(View::Triage) => "view-triage",
            Action::NextView => "next-view",
            Action::PrevView => "prev-view",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::DetailPageUp => "detail-page-up",
            Action::DetailPageDown => "detail-page-down",
            Action::Left => "left",
            Action::Right => "right",
            Action::NextPane => "next-pane",
            Action::PrevPane => "prev-pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::Confirm => "confirm",
            Action::Toggle => "toggle",
            Action::Search => "search",
            Action::FilterOwner => "filter-owner",
            Action::FilterDeadline => "filter-deadline",
            Action::FilterStatus => "filter-status",
            Action::FilterReady => "filter-ready",
            Action::FilterReport => "filter-report",
            Action::FilterResponse => "filter-response",
            Action::ClearFilters => "clear-filters",
            Action::Sort => "sort",
            Action::ChooseCommittee => "committee",
            Action::Mark => "mark",
            Action::SetStatus => "status",
            Action::AddNote => "note",
            Action::EditorNote => "note-in-editor",
            Action::Respond => "respond",
            Action::Revise => "revise",
            Action::Undo => "undo",
            // Ctrl-Z, as in every terminal program: not rebound.
            Action::Input(_)
            | Action::Suspend
            | Action::DiskChanged
            | Action::NewReading
            | Action::Resize => {
                return None;
            }
        })
    }

    /// Whether the action would change the tracking state (refused when read-only).
    pub fn changes_data(self) -> bool {
        matches!(
            self,
            Action::Mark
                | Action::SetStatus
                | Action::AddNote
                | Action::EditorNote
                | Action::Respond
                | Action::Revise
                | Action::Undo
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_step_round() {
        assert_eq!(View::Browse.step(-1), View::Triage);
        assert_eq!(View::Triage.step(1), View::Browse);
        assert_eq!(View::Actions.step(1), View::Agenda);
    }
}
