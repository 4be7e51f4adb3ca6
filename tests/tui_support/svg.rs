//! A terminal screen (as the vt100 emulator holds it) written as an SVG picture: one
//! monospace text run per stretch of cells that look alike, backgrounds as rectangles.

use std::fmt::Write;

const CELL_WIDTH: f32 = 8.4;
const CELL_HEIGHT: f32 = 17.0;
const FONT_SIZE: f32 = 14.0;
const BACKGROUND: &str = "#1d1f21";
const FOREGROUND: &str = "#d8d8d8";

/// The xterm colours 0-15 (a calm variant, as many terminals ship).
const BASE: [&str; 16] = [
    "#1d1f21", "#cc6666", "#8ab25a", "#e0b050", "#5f87c7", "#b294bb", "#5fb3b3", "#c5c8c6",
    "#666666", "#ff6f6f", "#b5d77a", "#f0c674", "#81a2be", "#c397d8", "#8abeb7", "#ffffff",
];

fn colour(c: vt100::Color, default: &str) -> String {
    match c {
        vt100::Color::Default => default.to_string(),
        vt100::Color::Idx(i) if i < 16 => BASE[usize::from(i)].to_string(),
        vt100::Color::Idx(i) if i < 232 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(i / 36),
                level((i / 6) % 6),
                level(i % 6)
            )
        }
        vt100::Color::Idx(i) => {
            let g = 8 + 10 * (i - 232);
            format!("#{g:02x}{g:02x}{g:02x}")
        }
        vt100::Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[derive(PartialEq, Clone)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    underline: bool,
}

fn look(cell: &vt100::Cell) -> Look {
    let (mut fg, mut bg) = (
        colour(cell.fgcolor(), FOREGROUND),
        colour(cell.bgcolor(), BACKGROUND),
    );
    if cell.inverse() {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        fg,
        bg,
        bold: cell.bold(),
        underline: cell.underline(),
    }
}

/// The screen as an SVG document.
pub fn render(screen: &vt100::Screen, title: &str) -> String {
    let (rows, cols) = screen.size();
    let (width, height) = (f32::from(cols) * CELL_WIDTH, f32::from(rows) * CELL_HEIGHT);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="{FONT_SIZE}">"#,
        w = width + 16.0,
        h = height + 16.0,
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" rx="6" fill="{BACKGROUND}"/><g transform="translate(8 8)">"#
    );
    for row in 0..rows {
        let y = f32::from(row) * CELL_HEIGHT;
        let mut col = 0;
        while col < cols {
            let Some(first) = screen.cell(row, col) else {
                break;
            };
            let style = look(first);
            let start = col;
            let mut text = String::new();
            while col < cols {
                let Some(cell) = screen.cell(row, col) else {
                    break;
                };
                if look(cell) != style {
                    break;
                }
                if !cell.is_wide_continuation() {
                    let c = cell.contents();
                    text.push_str(if c.is_empty() { " " } else { c });
                }
                col += 1;
            }
            let x = f32::from(start) * CELL_WIDTH;
            let w = f32::from(col - start) * CELL_WIDTH;
            if style.bg != BACKGROUND {
                let _ = writeln!(
                    out,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{CELL_HEIGHT}" fill="{}"/>"#,
                    style.bg
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if style.bold {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let deco = if style.underline {
                r#" text-decoration="underline""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<text x="{x:.1}" y="{:.1}" fill="{}"{weight}{deco} textLength="{w:.1}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                y + CELL_HEIGHT * 0.78,
                style.fg,
                escape(&text)
            );
        }
    }
    out.push_str("</g></svg>\n");
    out
}
