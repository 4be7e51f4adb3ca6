//! Drawing the popups over the view: help, an item in full, a menu, the owner picker,
//! a line of text to type.

use super::{centered, help};
use crate::text::{pad, sanitize, width};
use crate::tui::app::{App, Menu, OwnerChoice, Popup, TextEntry};
use crate::tui::views::detail::{Doc, item_doc, scrolled};
use crate::tui::views::{clean, list, pane};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use tui_input::Input;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(popup) = &app.popup else {
        return;
    };
    match popup {
        Popup::Help { scroll } => {
            let rect = centered(area, 76, area.height);
            frame.render_widget(Clear, rect);
            let block = pane(" Keys (esc closes) ", true, &app.theme);
            scrolled(frame, rect, block, help::lines(app), scroll);
        }
        Popup::Detail { item, scroll } => {
            let rect = centered(area, area.width.saturating_sub(4).max(20), area.height);
            frame.render_widget(Clear, rect);
            let block = pane(" Item (esc closes) ", true, &app.theme);
            let mut doc = Doc::new(app, usize::from(block.inner(rect).width));
            match app.ws.find(item) {
                Ok(i) => item_doc(&mut doc, i),
                Err(_) => doc.para(
                    &format!("{item} is no longer in the workspace (changed on disk)."),
                    app.theme.error,
                ),
            }
            scrolled(frame, rect, block, doc.lines, scroll);
        }
        Popup::Menu(menu) => draw_menu(app, frame, area, menu),
        Popup::Owners(picker) => draw_picker(app, frame, area, &picker.input, picker.selected),
        Popup::Text(entry) => draw_text(app, frame, area, entry),
    }
}

fn draw_menu(app: &App, frame: &mut Frame, area: Rect, menu: &Menu) {
    let theme = &app.theme;
    let lines: Vec<Line<'static>> = menu
        .options
        .iter()
        .enumerate()
        .map(|(n, option)| {
            let tick = match &menu.ticked {
                Some(_) if n == 0 => "    ".to_string(),
                Some(t) if t.get(n).copied().unwrap_or(false) => "[x] ".to_string(),
                Some(_) => "[ ] ".to_string(),
                None => String::new(),
            };
            Line::raw(format!(" {tick}{}", clean(option)))
        })
        .collect();
    let longest = lines
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(width(&menu.title) + 4);
    let rect = centered(area, (longest + 4) as u16, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = pane(format!(" {} ", clean(&menu.title)), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    list(
        frame,
        inner,
        lines,
        Some(menu.selected),
        &Default::default(),
        theme.selected,
    );
}

/// A one-line input in `area`, with the terminal cursor at its cursor.
fn draw_input(frame: &mut Frame, area: Rect, input: &Input, style: ratatui::style::Style) {
    let room = usize::from(area.width).saturating_sub(1);
    let scroll = input.visual_scroll(room);
    let value: String = sanitize(input.value(), false)
        .chars()
        .skip(scroll)
        .collect();
    frame.render_widget(Line::styled(value, style), area);
    let x = area.x + input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
}

fn draw_picker(app: &App, frame: &mut Frame, area: Rect, input: &Input, selected: usize) {
    let theme = &app.theme;
    let rect = centered(area, 70, area.height.saturating_sub(2).max(6));
    frame.render_widget(Clear, rect);
    let block = pane(
        " Owner: type any spelling (enter picks, esc cancels) ",
        true,
        theme,
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let prompt = Rect { height: 1, ..inner };
    let [label, field] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(2),
        ratatui::layout::Constraint::Fill(1),
    ])
    .areas(prompt);
    frame.render_widget(Span::styled("> ", theme.key), label);
    draw_input(frame, field, input, theme.filter_value);
    let rest = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let choices = app.owner_choices(input.value());
    if choices.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                " no owner has a spelling like that",
                theme.dim,
            )),
            rest,
        );
        return;
    }
    let lines = choices.iter().map(|c| choice_line(app, c)).collect();
    list(
        frame,
        rest,
        lines,
        Some(selected),
        &Default::default(),
        theme.selected,
    );
}

fn choice_line(app: &App, choice: &OwnerChoice) -> Line<'static> {
    let theme = &app.theme;
    let Some(o) = choice.owner else {
        return Line::styled(" any owner (clears the owner filter)", theme.dim);
    };
    let owner = app.ws.people.get(o);
    let others: Vec<String> = owner
        .aliases
        .iter()
        .filter(|a| **a != owner.name)
        .map(|a| clean(a))
        .collect();
    let kind = if owner.unlisted {
        "not in people.toml"
    } else {
        owner.kind.as_str()
    };
    let mut spans = vec![
        Span::raw(format!(" {}", pad(&clean(&owner.display()), 28))),
        Span::styled(format!("{:>3} items  {kind}", choice.items), theme.dim),
    ];
    if !others.is_empty() {
        spans.push(Span::styled(
            format!("  also {}", others.join(", ")),
            theme.dim,
        ));
    }
    Line::from(spans)
}

fn draw_text(app: &App, frame: &mut Frame, area: Rect, entry: &TextEntry) {
    let theme = &app.theme;
    let rect = centered(area, 70, 5);
    frame.render_widget(Clear, rect);
    let block = pane(format!(" {} ", clean(&entry.title)), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let field = Rect { height: 1, ..inner };
    draw_input(frame, field, &entry.input, theme.filter_value);
    if inner.height >= 3 {
        let below = Rect {
            y: inner.y + 2,
            height: 1,
            ..inner
        };
        let line = match &entry.error {
            Some(e) => Line::styled(clean(e), theme.error),
            None => Line::styled("enter saves, esc cancels", theme.dim),
        };
        frame.render_widget(line, below);
    }
}
