//! The pack as a Word document (the form clerks attach to the council's committee
//! system and edit): A4, a cover, a running header with the committee and date, "Page
//! X of Y" on every page, a page break before each report, real headings (so Word's
//! navigation pane lists the reports) and tables of fixed width that wrap long text.
//! It only lays out the model in `pack.rs`.

use super::pack::{
    Changes, KeyEntry, Pack, PackGroup, PackItem, PackRecommendation, PackReport, day, status_label,
};
use crate::model::Status;
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, LineSpacing, NumPages, PageMargin, PageNum,
    Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, WidthType,
};

/// A4 in twentieths of a point, with 2 cm margins.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: i32 = 1134;
const TEXT_WIDTH: usize = 9638;
const LABEL_WIDTH: usize = 2500;

/// Text from a file or a flag as Word may hold it: XML 1.0 forbids most control
/// characters (a file holding one needs "repair"), so they are shown escaped (`\e`),
/// as on the screen; docx-rs escapes the markup characters.
fn xml_text(text: &str) -> String {
    crate::text::escape_controls(text, true)
        .chars()
        .map(|c| match c {
            '\u{fffe}' => "\\u{fffe}".to_string(),
            '\u{ffff}' => "\\u{ffff}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A run of text, its line breaks kept as breaks.
fn text_runs(p: Paragraph, text: &str, style: impl Fn(Run) -> Run) -> Paragraph {
    let text = xml_text(text.trim());
    let mut p = p;
    for (n, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if n > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(style(run.add_text(line)));
    }
    p
}

fn para(text: &str) -> Paragraph {
    text_runs(Paragraph::new(), text, |r| r)
}

fn heading(level: usize, text: &str) -> Paragraph {
    text_runs(
        Paragraph::new()
            .style(&format!("Heading{level}"))
            .keep_next(true),
        &one_line(text),
        |r| r,
    )
}

fn bold(text: &str) -> Run {
    Run::new().add_text(xml_text(text)).bold()
}

fn plain(text: &str) -> Run {
    Run::new().add_text(xml_text(text))
}

fn fill(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "F2F2F2",
        Status::OnTrack => "CFE8CF",
        Status::AtRisk => "FFE2A8",
        Status::OffTrack => "F5B7B1",
        Status::Complete | Status::SignedOff => "D6E4F5",
    }
}

/// A status: its symbol and words, on its colour (never the colour alone).
fn status_run(status: Status) -> Run {
    Run::new()
        .add_text(format!(" {} ", status_label(status)))
        .bold()
        .shading(Shading::new().shd_type(ShdType::Clear).fill(fill(status)))
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// A table of label and value rows, the width of the page, that wraps long text.
fn label_table(rows: Vec<(String, Vec<Paragraph>)>) -> Table {
    table_of(rows, false)
}

/// The same, kept on one page when it fits (each row kept with the next; a row too
/// long for a page still breaks).
fn table_of(rows: Vec<(String, Vec<Paragraph>)>, keep: bool) -> Table {
    let last = rows.len().saturating_sub(1);
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, (label, value))| {
            let whole = keep;
            let keep = keep && n < last;
            let value = value.into_iter().map(|p| p.keep_next(keep)).collect();
            let row = TableRow::new(vec![
                cell(
                    LABEL_WIDTH,
                    vec![Paragraph::new().keep_next(keep).add_run(bold(&label))],
                )
                .shading(Shading::new().shd_type(ShdType::Clear).fill("EEF0F2")),
                cell(TEXT_WIDTH - LABEL_WIDTH, value),
            ]);
            if whole { row.cant_split() } else { row }
        })
        .collect();
    Table::new(rows)
        .set_grid(vec![LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH])
        .layout(TableLayoutType::Fixed)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .margins(padding())
}

/// Room around the text of every cell.
fn padding() -> TableCellMargins {
    TableCellMargins::new().margin(50, 100, 50, 100)
}

fn styles(doc: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .outline_lvl(level - 1)
            .line_spacing(LineSpacing::new().before(240).after(100))
    };
    doc.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .line_spacing(LineSpacing::new().after(80)),
    )
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(44)
            .line_spacing(LineSpacing::new().before(240).after(360)),
    )
    .add_style(
        Style::new("Header", StyleType::Paragraph)
            .name("header")
            .based_on("Normal")
            .size(16)
            .color("444444"),
    )
    .add_style(
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(16),
    )
    .add_style(heading(1, 30))
    .add_style(heading(2, 26))
    .add_style(heading(3, 22))
}

fn header_footer(doc: Docx, running: &str) -> Docx {
    let page_numbers = || {
        Footer::new().add_paragraph(
            Paragraph::new()
                .style("Footer")
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text("Page "))
                .add_page_num(PageNum::new())
                .add_run(Run::new().add_text(" of "))
                .add_num_pages(NumPages::new()),
        )
    };
    doc.header(
        Header::new().add_paragraph(
            Paragraph::new()
                .style("Header")
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(xml_text(running))),
        ),
    )
    // The cover has no running header, but its page number like every page.
    .first_header(Header::new().add_paragraph(Paragraph::new()))
    .footer(page_numbers())
    .first_footer(page_numbers())
}

/// The pack as a Word document (.docx bytes).
pub fn to_docx(pack: &Pack) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN + 227)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Arial")
                .hi_ansi("Arial")
                .cs("Arial")
                .east_asia("Arial"),
        )
        .default_size(21)
        .created_at(&format!("{}T00:00:00Z", pack.today));
    doc = styles(doc);
    doc = header_footer(doc, &pack.cover.running_header());
    doc = cover(doc, pack);
    doc = summary(doc, pack);
    for (name, reports) in pack.parts() {
        doc = doc.add_paragraph(heading(1, name).page_break_before(true));
        for (n, r) in reports.iter().enumerate() {
            doc = report(doc, r, n > 0);
        }
    }
    doc = changes(doc, &pack.changes);
    doc = key(doc, &pack.key);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| format!("cannot make the Word document: {e}"))?;
    Ok(bytes.into_inner())
}

fn cover(doc: Docx, pack: &Pack) -> Docx {
    let c = &pack.cover;
    let mut doc = doc.add_paragraph(
        Paragraph::new()
            .line_spacing(LineSpacing::new().before(1800))
            .add_run(bold(&one_line(&c.council)).size(28)),
    );
    doc = doc.add_paragraph(Paragraph::new().add_run(plain(&one_line(&c.committee)).size(26)));
    doc = doc.add_paragraph(
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(c.title)),
    );
    let rows = c
        .rows()
        .into_iter()
        .map(|(label, value)| {
            let value = if value.is_empty() {
                Paragraph::new().add_run(plain("not given in committees.toml").italic())
            } else {
                para(&value)
            };
            (label.to_string(), vec![value])
        })
        .collect();
    doc = doc.add_table(label_table(rows));
    let mut asat = format!("Progress as recorded on {}.", day(pack.today));
    if pack.past {
        asat.push_str(" This meeting has taken place; the items listed were presented at it.");
    }
    doc.add_paragraph(
        Paragraph::new()
            .line_spacing(LineSpacing::new().before(600))
            .add_run(plain(&asat)),
    )
}

fn summary(doc: Docx, pack: &Pack) -> Docx {
    let s = &pack.summary;
    let mut doc = doc.add_paragraph(heading(1, "Summary").page_break_before(true));
    if s.reported == 0 {
        doc = doc.add_paragraph(para("Nothing is marked ready for this meeting."));
    }
    let statuses: Vec<Paragraph> = if s.by_status.is_empty() {
        vec![para("None")]
    } else {
        s.by_status
            .iter()
            .map(|(st, n)| {
                Paragraph::new()
                    .add_run(status_run(*st))
                    .add_run(plain(&format!(" {n}")))
            })
            .collect()
    };
    let mut rows = vec![
        (
            "Items reported".to_string(),
            vec![para(&s.reported_words())],
        ),
        ("By status".to_string(), statuses),
    ];
    rows.extend(
        s.rows()
            .into_iter()
            .map(|(label, refs)| (label, vec![para(&refs.count_and_phrase())])),
    );
    doc = doc.add_table(label_table(rows));
    if let Some(plan) = &s.plan {
        doc =
            doc.add_paragraph(para(&plan.sentence()).line_spacing(LineSpacing::new().before(120)));
    }
    doc = doc.add_paragraph(heading(1, "The committee is asked to"));
    if pack.asks.is_empty() {
        doc = doc.add_paragraph(para("Nothing is asked of the committee at this meeting."));
    }
    for (n, a) in pack.asks.iter().enumerate() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .indent(
                    Some(425),
                    Some(docx_rs::SpecialIndentType::Hanging(425)),
                    None,
                    None,
                )
                .add_run(plain(&format!("{}.", n + 1)))
                .add_run(Run::new().add_tab())
                .add_run(plain(&one_line(a))),
        );
    }
    doc
}

fn report(doc: Docx, r: &PackReport, page_break: bool) -> Docx {
    let mut doc = doc.add_paragraph(heading(2, &r.title).page_break_before(page_break));
    let rows = r
        .about()
        .into_iter()
        .map(|(label, value)| {
            let value = if value.trim().is_empty() {
                Paragraph::new().add_run(plain("not stated").italic())
            } else {
                para(&value)
            };
            (label.to_string(), vec![value])
        })
        .collect();
    doc = doc.add_table(label_table(rows));
    for g in &r.groups {
        doc = group(doc, g);
    }
    doc
}

fn recommendation(doc: Docx, rec: &PackRecommendation) -> Docx {
    let mut title = format!("Recommendation {}", one_line(&rec.reference));
    if !rec.heading.trim().is_empty() {
        title.push_str(&format!(" — {}", one_line(&rec.heading)));
    }
    let mut doc = doc.add_paragraph(heading(3, &title));
    doc = doc.add_paragraph(
        text_runs(Paragraph::new(), &rec.text, |r| r.italic())
            .indent(Some(340), None, None, None)
            .keep_next(true),
    );
    let mut p = Paragraph::new()
        .keep_next(true)
        .add_run(bold("Executive response: "))
        .add_run(plain(&rec.response));
    if !rec.response_reason.trim().is_empty() {
        p = p.add_run(plain(&format!(". {}", rec.response_reason.trim())));
    }
    if !rec.response_due.is_empty() {
        let run = plain(&format!(". {}", rec.response_due));
        p = p.add_run(if rec.response_overdue {
            run.bold().color("8A1C1C")
        } else {
            run
        });
    }
    if !rec.addressed_to.trim().is_empty() {
        p = p
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(bold("Addressed to: "))
            .add_run(plain(&one_line(&rec.addressed_to)));
    }
    doc.add_paragraph(p)
}

fn group(doc: Docx, g: &PackGroup) -> Docx {
    let mut doc = doc;
    for rec in &g.recommendations {
        doc = recommendation(doc, rec);
    }
    for it in &g.items {
        doc = item(doc, it);
    }
    doc
}

fn item(doc: Docx, it: &PackItem) -> Docx {
    let mut head = Paragraph::new()
        .keep_next(true)
        .add_run(bold(&format!("Item {}", one_line(&it.reference))).size(24))
        .add_run(plain("  "))
        .add_run(status_run(it.status));
    if let Some(o) = &it.overdue {
        head = head.add_run(plain("  ")).add_run(bold(o).color("8A1C1C"));
    }
    let mut deadline = vec![match (it.original, it.current) {
        (Some(o), Some(c)) if o == c => para(&day(c)),
        (o, Some(c)) => Paragraph::new()
            .add_run(plain(&format!(
                "Original: {}",
                o.map_or("none".to_string(), day)
            )))
            .add_run(Run::new().add_break(BreakType::TextWrapping))
            .add_run(plain("Current: "))
            .add_run(bold(&day(c))),
        (_, None) => para(&it.undated),
    }];
    deadline.extend(it.revisions.iter().map(|r| para(&r.sentence())));
    let mut status = vec![Paragraph::new().add_run(status_run(it.status))];
    if let Some(o) = &it.overdue {
        status.push(Paragraph::new().add_run(bold(o).color("8A1C1C")));
    }
    if it.sign_off {
        status.push(para("Proposed for sign-off"));
    }
    let note = match &it.latest_note {
        Some(n) => Paragraph::new()
            .add_run(plain(n.text.trim()))
            .add_run(plain(&format!(" ({}, {})", n.by, day(n.on))).italic()),
        None => Paragraph::new().add_run(plain("No progress note recorded").italic()),
    };
    let none = |text: &str, what: &str| {
        if text.trim().is_empty() {
            Paragraph::new().add_run(plain(what).italic())
        } else {
            para(text)
        }
    };
    let mut rows = vec![
        ("Action".to_string(), vec![para(&it.text)]),
        (
            "Owners".to_string(),
            vec![none(&it.owners.join("; "), "none printed")],
        ),
        (
            "Timescale as printed".to_string(),
            vec![none(&it.timescale, "none printed")],
        ),
        ("Deadline".to_string(), deadline),
        ("Status".to_string(), status),
        ("Latest progress".to_string(), vec![note]),
    ];
    if let Some(c) = &it.carried_over {
        rows.push((
            "Earlier meetings".to_string(),
            vec![Paragraph::new().add_run(bold(c))],
        ));
    }
    // An item of ordinary length stays on one page with its heading.
    let long = it.text.len() + it.latest_note.as_ref().map_or(0, |n| n.text.len()) > 1500;
    doc.add_paragraph(head.line_spacing(LineSpacing::new().before(200)))
        .add_table(table_of(rows, !long))
}

fn changes(doc: Docx, c: &Changes) -> Docx {
    let mut doc =
        doc.add_paragraph(heading(1, "Changes since the last meeting").page_break_before(true));
    doc = doc.add_paragraph(para(&c.period()));
    if c.entries.is_empty() {
        return doc.add_paragraph(para("No changes were recorded in this period."));
    }
    let widths = [2000, 5438, 2200];
    let mut rows = vec![TableRow::new(
        ["Date", "What changed", "By"]
            .iter()
            .zip(widths)
            .map(|(h, w)| {
                cell(w, vec![Paragraph::new().add_run(bold(h))])
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("EEF0F2"))
            })
            .collect(),
    )];
    for e in &c.entries {
        let reported = e.reported();
        rows.push(TableRow::new(vec![
            cell(
                TEXT_WIDTH,
                vec![
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(bold(&one_line(&e.label)))
                        .add_run(plain(&format!(" ({}; {reported})", one_line(&e.report))))
                        .add_run(Run::new().add_break(BreakType::TextWrapping))
                        .add_run(plain(&e.text).italic()),
                ],
            )
            .grid_span(3)
            .shading(Shading::new().shd_type(ShdType::Clear).fill("F6F6F6")),
        ]));
        for l in &e.lines {
            rows.push(TableRow::new(vec![
                cell(widths[0], vec![para(&day(l.on))]),
                cell(widths[1], vec![para(&l.what)]),
                cell(widths[2], vec![para(&l.by)]),
            ]));
        }
    }
    doc.add_table(
        Table::new(rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .margins(padding()),
    )
}

fn key(doc: Docx, key: &[KeyEntry]) -> Docx {
    let mut doc = doc.add_paragraph(heading(1, "Key to initials"));
    if key.is_empty() {
        return doc.add_paragraph(para("No owner in this pack is named by initials."));
    }
    doc = doc.add_paragraph(para(
        "Owners are shown by name or role where the people directory records one; these are printed in the action plans as initials.",
    ));
    let rows = key
        .iter()
        .map(|k| (one_line(&k.initials), vec![para(&k.meaning)]))
        .collect();
    doc.add_table(label_table(rows))
}
