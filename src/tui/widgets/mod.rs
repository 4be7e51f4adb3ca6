//! Pieces of the screen that are not views: the bars around them (tabs, filters,
//! status, hints) and the popups (help, an item in full, menus, the owner picker, text
//! entry).

pub mod bars;
pub mod filter_bar;
pub mod help;
pub mod popup;
pub mod wrap;

use ratatui::layout::Rect;

/// A box of at most `width` x `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}
