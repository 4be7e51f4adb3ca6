//! The default keys: vim keys and arrows, lazygit's `1`-`4` and `[`/`]` for views, less's
//! `/` and `q`. Order matters: help lists bindings in this order, and within a context
//! the first binding of a key wins.

use super::Context::{self, *};
use crate::tui::action::{Action, View};

/// context, keys, action, description, hint-line word.
pub type Row = (
    Context,
    &'static [&'static str],
    Action,
    &'static str,
    Option<&'static str>,
);

#[rustfmt::skip]
pub const DEFAULTS: &[Row] = &[
    (Global, &["?"], Action::Help, "show the keys for this view", Some("help")),
    (Global, &["q", "ctrl-c"], Action::Quit, "quit", Some("quit")),
    (Global, &["1"], Action::ShowView(View::Browse), "Browse: reports, recommendations, actions", None),
    (Global, &["2"], Action::ShowView(View::Actions), "Actions: every item in one table", None),
    (Global, &["3"], Action::ShowView(View::Agenda), "Agenda: what is ready for each meeting", None),
    (Global, &["4"], Action::ShowView(View::Triage), "Triage: counts by status and owner", None),
    (Global, &["]"], Action::NextView, "next view", None),
    (Global, &["["], Action::PrevView, "previous view", None),

    (Navigate, &["j", "down"], Action::Down, "move down", None),
    (Navigate, &["k", "up"], Action::Up, "move up", None),
    (Navigate, &["g", "home"], Action::Top, "go to the first", None),
    (Navigate, &["G", "end"], Action::Bottom, "go to the last", None),
    (Navigate, &["pgdn", "ctrl-d"], Action::PageDown, "page down", None),
    (Navigate, &["pgup", "ctrl-u"], Action::PageUp, "page up", None),

    (Finding, &["/"], Action::Search, "search as you type (enter keeps it, esc clears it)", Some("search")),
    (Finding, &["o"], Action::FilterOwner, "filter by owner (any spelling)", Some("owner")),
    (Finding, &["d"], Action::FilterDeadline, "filter by deadline", Some("deadline")),
    (Finding, &["f"], Action::FilterStatus, "filter by status", Some("status")),
    (Finding, &["r"], Action::FilterReady, "filter by readiness: ready, not ready, any", Some("ready")),
    (Finding, &["R"], Action::FilterReport, "filter by report", Some("report")),
    (Finding, &["E"], Action::FilterResponse, "filter by the executive's response", Some("response")),
    (Finding, &["c"], Action::ClearFilters, "clear every filter", Some("clear")),

    (Changing, &["m", "space"], Action::Mark, "mark ready for the next select committee, or unmark", Some("mark")),
    (Changing, &["s"], Action::SetStatus, "set the status", Some("status")),
    (Changing, &["n"], Action::AddNote, "add a dated note", Some("note")),
    (Changing, &["u"], Action::Undo, "undo the last change", Some("undo")),
    (Changing, &["e"], Action::Respond, "record the executive's response (or when it is due)", Some("respond")),
    (Changing, &["v"], Action::Revise, "revise the deadline: a new date and the reason", Some("revise")),
    (Changing, &["N"], Action::EditorNote, "write a longer note in $VISUAL or $EDITOR", Some("long note")),

    (Browse, &["tab", "l", "right"], Action::NextPane, "next pane", Some("pane")),
    (Browse, &["shift-tab", "h", "left"], Action::PrevPane, "previous pane", None),
    (Browse, &["enter"], Action::Open, "open: go into what is selected", None),
    (Browse, &["esc"], Action::Back, "back to the previous pane", None),
    (Browse, &["pgdn"], Action::DetailPageDown, "scroll the detail down a page, from any pane (ctrl-d pages the list)", None),
    (Browse, &["pgup"], Action::DetailPageUp, "scroll the detail up a page, from any pane (ctrl-u pages the list)", None),

    (Actions, &["enter"], Action::Open, "show the item in full", Some("detail")),
    (Actions, &["S"], Action::Sort, "sort by the next column", Some("sort")),

    (Agenda, &["enter"], Action::Open, "show the item in full", Some("detail")),
    (Agenda, &["C"], Action::ChooseCommittee, "show one committee's meetings, or every committee's", Some("committee")),

    (Triage, &["h", "left"], Action::Left, "previous count in the row", None),
    (Triage, &["l", "right"], Action::Right, "next count in the row", None),
    (Triage, &["enter"], Action::Open, "show those items (Actions), or recommendations (Browse)", Some("show")),

    (Detail, &["j", "down"], Action::Down, "scroll down", None),
    (Detail, &["k", "up"], Action::Up, "scroll up", None),
    (Detail, &["g", "home"], Action::Top, "scroll to the top", None),
    (Detail, &["G", "end"], Action::Bottom, "scroll to the end", None),
    (Detail, &["pgdn", "ctrl-d"], Action::PageDown, "page down", None),
    (Detail, &["pgup", "ctrl-u"], Action::PageUp, "page up", None),
    (Detail, &["esc", "enter", "q"], Action::Back, "close", Some("close")),

    (Help, &["j", "down"], Action::Down, "scroll down", None),
    (Help, &["k", "up"], Action::Up, "scroll up", None),
    (Help, &["pgdn", "ctrl-d"], Action::PageDown, "page down", None),
    (Help, &["pgup", "ctrl-u"], Action::PageUp, "page up", None),
    (Help, &["esc", "?", "q"], Action::Back, "close", Some("close")),

    (Menu, &["j", "down", "ctrl-n"], Action::Down, "move down", None),
    (Menu, &["k", "up", "ctrl-p"], Action::Up, "move up", None),
    (Menu, &["space"], Action::Toggle, "tick or untick (where several may be chosen)", Some("tick")),
    (Menu, &["enter"], Action::Confirm, "choose", Some("choose")),
    (Menu, &["n"], Action::AddNote, "choose, with a note (the status menu)", Some("with a note")),
    (Menu, &["esc", "q"], Action::Back, "cancel", Some("cancel")),

    (Picker, &["down", "ctrl-n"], Action::Down, "move down", None),
    (Picker, &["up", "ctrl-p"], Action::Up, "move up", None),
    (Picker, &["enter"], Action::Confirm, "filter by this owner", Some("choose")),
    (Picker, &["esc", "ctrl-c"], Action::Back, "cancel", Some("cancel")),

    (Search, &["enter"], Action::Confirm, "keep the search", Some("keep")),
    (Search, &["esc", "ctrl-c"], Action::Back, "clear the search", Some("clear")),

    (TextInput, &["enter"], Action::Confirm, "save", Some("save")),
    (TextInput, &["esc", "ctrl-c"], Action::Back, "cancel: nothing typed is saved", Some("cancel")),

    // In a prompt (a note, a reason, a date, a search, the owner picker) ctrl-c cancels
    // the prompt, as in a shell, rather than quitting with what was typed.
    (Always, &["ctrl-c"], Action::Quit, "quit, whatever is open (in a prompt: cancel it)", None),
    (Always, &["ctrl-z"], Action::Suspend, "suspend: back to the shell until fg", None),
];
