//! The full text of a report, a recommendation or an item, laid out as labelled fields
//! wrapped to the pane. Used by Browse's detail pane and the item popup.

use super::{clean, cycle, pane};
use crate::model::{FINDING_CATEGORIES, ItemKind, Readiness, Report};
use crate::query::{self, Found};
use crate::text::sanitize;
use crate::tui::action::Action;
use crate::tui::app::{App, BrowseRows, Pane};
use crate::tui::widgets::wrap::wrap;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::cell::Cell;

const LABEL: usize = 14;

/// Lines being laid out to a width.
pub struct Doc<'a> {
    pub lines: Vec<Line<'static>>,
    width: usize,
    pub(super) app: &'a App,
}

impl<'a> Doc<'a> {
    pub fn new(app: &'a App, width: usize) -> Doc<'a> {
        Doc {
            lines: Vec::new(),
            width: width.max(1),
            app,
        }
    }

    pub fn heading(&mut self, text: &str) {
        for l in wrap(&clean(text), self.width) {
            self.lines.push(Line::styled(l, self.app.theme.heading));
        }
    }

    pub fn para(&mut self, text: &str, style: Style) {
        for l in wrap(&sanitize(text.trim(), true), self.width) {
            self.lines.push(Line::styled(l, style));
        }
    }

    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// "Label         value", the value wrapped under itself; nothing when it is empty.
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_styled(label, value, Style::default());
    }

    pub fn field_styled(&mut self, label: &str, value: &str, style: Style) {
        let value = sanitize(value.trim(), true);
        if value.is_empty() {
            return;
        }
        let narrow = self.width < LABEL + 12;
        let indent = if narrow { 2 } else { LABEL };
        if narrow {
            self.lines
                .push(Line::styled(label.to_string(), self.app.theme.label));
        }
        for (n, l) in wrap(&value, self.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 && !narrow {
                Span::styled(format!("{label:<LABEL$}"), self.app.theme.label)
            } else {
                Span::raw(" ".repeat(indent))
            };
            self.lines
                .push(Line::from(vec![lead, Span::styled(l, style)]));
        }
    }

    /// A bullet, wrapped with a hanging indent.
    pub fn bullet(&mut self, text: &str, indent: usize) {
        let text = sanitize(text.trim(), true);
        let width = self.width.saturating_sub(indent + 2);
        for (n, l) in wrap(&text, width).into_iter().enumerate() {
            let lead = if n == 0 { "• " } else { "  " };
            self.lines
                .push(Line::raw(format!("{}{lead}{l}", " ".repeat(indent))));
        }
    }
}

/// Browse's detail pane: whatever the last list focused has selected.
pub fn draw_browse(app: &App, frame: &mut Frame, area: Rect, rows: &BrowseRows) {
    let focused = app.browse.pane == Pane::Detail;
    let block = pane(" Detail ", focused, &app.theme);
    let inner = block.inner(area);
    let mut doc = Doc::new(app, usize::from(inner.width));
    let report = rows.report();
    match (app.browse.shown, report) {
        (_, None) => doc.para("Nothing matches the filters.", app.theme.dim),
        // A report the search found in its own text, with nothing of it listed.
        (_, Some(r)) if rows.recs.is_empty() => report_doc(&mut doc, r),
        (Pane::Reports, Some(r)) => report_doc(&mut doc, r),
        (Pane::Recommendations, Some(r)) => match rows.rec() {
            Some(Some(k)) => rec_doc(&mut doc, &app.ws.reports[r], k),
            _ => doc.para(
                "Items whose recommendation the report does not have (see `scrutineer check`).",
                app.theme.dim,
            ),
        },
        (_, Some(_)) => match rows.item() {
            Some(i) => item_doc(&mut doc, i),
            None => doc.para("No item selected.", app.theme.dim),
        },
    }
    let more = if focused {
        "j, pgdn".to_string()
    } else {
        // The key that scrolls the detail from the list that has the focus.
        let browse = [crate::tui::keymap::Context::Browse];
        match app.keymap.key_for(&browse, Action::DetailPageDown) {
            Some(key) => key.to_string(),
            None => format!("{} to it", app.key_label(Action::NextPane)),
        }
    };
    scrolled_with(
        frame,
        area,
        block,
        doc.lines,
        &app.browse.detail_scroll,
        &more,
    );
}

/// Draws lines in a block, scrolled (the scroll is clamped to the text and kept).
pub fn scrolled(
    frame: &mut Frame,
    area: Rect,
    block: ratatui::widgets::Block<'_>,
    lines: Vec<Line<'static>>,
    scroll: &Cell<usize>,
) {
    scrolled_with(frame, area, block, lines, scroll, "j, pgdn");
}

/// The same, saying which keys scroll it when there is more below.
pub fn scrolled_with(
    frame: &mut Frame,
    area: Rect,
    block: ratatui::widgets::Block<'_>,
    lines: Vec<Line<'static>>,
    scroll: &Cell<usize>,
    keys: &str,
) {
    let inner = block.inner(area);
    let max = lines.len().saturating_sub(usize::from(inner.height));
    let at = scroll.get().min(max);
    scroll.set(at);
    let block = if at < max {
        block.title_bottom(Line::from(format!(" more below ({keys}) ")).right_aligned())
    } else {
        block
    };
    let shown: Vec<Line> = lines.into_iter().skip(at).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// Report `r` in full, after where the search found it in its own text (if it did).
pub fn report_doc(doc: &mut Doc, r: usize) {
    let app = doc.app;
    let report = &app.ws.reports[r];
    doc.heading(&report.title);
    doc.blank();
    let found = query::found_in_report(app.corpus(), &app.filter.search, r);
    found_fields(doc, &found);
    doc.field("Report", &report.id);
    doc.field("Authority", &report.authority);
    doc.field("Inspectorate", &report.inspectorate);
    let span = match (report.inspection_start, report.inspection_end) {
        (Some(a), Some(b)) if a != b => format!(" ({a} to {b})"),
        (Some(a), _) => format!(" ({a})"),
        _ => String::new(),
    };
    doc.field("Inspection", &format!("{}{span}", report.inspection));
    // A value the transcription inferred says so, with why.
    let inferred = |field: &str, value: String| -> String {
        match report.inferred.get(field) {
            Some(why) if !value.is_empty() => format!("{value} (inferred: {why})"),
            _ => value,
        }
    };
    doc.field(
        "Published",
        &inferred(
            "published",
            report.published.map(|d| d.to_string()).unwrap_or_default(),
        ),
    );
    let date = inferred(
        "date",
        report.date.map(|d| d.to_string()).unwrap_or_default(),
    );
    let date = match (date.is_empty(), report.date_note.is_empty()) {
        (false, false) => format!("{date}. {}", report.date_note),
        (true, false) => report.date_note.clone(),
        _ => date,
    };
    doc.field("Paper's date", &date);
    doc.field("Author", &report.author);
    doc.field("Contacts", &report.contacts.join("\n"));
    let meetings: Vec<String> = report
        .meetings
        .iter()
        .map(|m| {
            let name = app
                .ws
                .committees
                .iter()
                .find(|c| c.id == m.committee)
                .map_or(m.committee.as_str(), |c| c.name.as_str());
            let when = match m.inferred.get("date") {
                Some(why) => format!("{} (inferred: {why})", m.date),
                None => m.date.to_string(),
            };
            if m.note.is_empty() {
                format!("{when} {name}")
            } else {
                format!("{when} {name}: {}", m.note)
            }
        })
        .collect();
    doc.field("Committees", &meetings.join("\n"));
    for j in &report.judgements {
        let mut text = format!("{}: {}", j.domain, j.judgement);
        if !j.text.is_empty() {
            text.push_str(&format!("\n\"{}\"", j.text));
        }
        if !j.source_ref.is_empty() {
            text.push_str(&format!(" ({})", j.source_ref));
        }
        doc.field("Judgement", &text);
    }
    for category in FINDING_CATEGORIES {
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.category == category)
            .collect();
        if found.is_empty() {
            continue;
        }
        doc.blank();
        doc.heading(&format!("Findings: {}", category.replace('-', " ")));
        for f in found {
            let mut text = f.text.clone();
            let place: Vec<&str> = [f.heading.as_str(), f.source_ref.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !place.is_empty() {
                text.push_str(&format!(" ({})", place.join(", ")));
            }
            doc.bullet(&text, 0);
        }
    }
    if !report.decision_sought.is_empty() {
        doc.blank();
        doc.field("Decision", &report.decision_sought);
    }
    doc.blank();
    doc.field("Source", &report.source);
    for note in &report.notes {
        doc.field("Note", note);
    }
}

pub fn rec_doc(doc: &mut Doc, report: &Report, k: usize) {
    let rec = &report.recommendations[k];
    doc.heading(&format!("Recommendation {}", rec.label()));
    doc.para(&rec.heading, doc.app.theme.dim);
    doc.blank();
    doc.para(&rec.text, Style::default());
    doc.blank();
    doc.field("Ref", &rec.reference);
    doc.field("Report", &report.title);
    doc.field("Addressed to", &rec.addressed_to);
    doc.field("Timescale", &rec.timescale);
    doc.field("Owners", &rec.owners.join(", "));
    cycle::rec_response_fields(doc, rec);
    doc.field("Note", &rec.note);
    doc.field("Source", &rec.source_ref);
    imported_doc(doc, &rec.imported);
    cycle::response_history(doc, &[rec]);
}

/// "Found  findings: area for development: …teenage pregnancy…": where the search
/// matched, so a match in a long report says where it is. Nothing without a search.
fn found_fields(doc: &mut Doc, found: &[Found]) {
    if found.is_empty() {
        return;
    }
    let lines: Vec<String> = found
        .iter()
        .map(|f| format!("{}: {}", f.field, f.excerpt))
        .collect();
    doc.field_styled("Found", &lines.join("\n"), doc.app.theme.matched);
    doc.blank();
}

/// The cells of an imported tracker that have no field of their own, each under the
/// name it was printed with.
fn imported_doc(doc: &mut Doc, cells: &[crate::model::ImportedCell]) {
    if cells.is_empty() {
        return;
    }
    doc.blank();
    doc.heading("As imported");
    for c in cells {
        doc.bullet(&format!("{}: {}", c.label(), c.text), 0);
    }
}

pub fn item_doc(doc: &mut Doc, i: usize) {
    let app = doc.app;
    let item = app.item(i);
    let report = &app.ws.reports[item.report];
    let kind = match item.kind {
        ItemKind::Action => "Action",
        ItemKind::Recommendation => "Recommendation (tracked directly)",
    };
    doc.heading(&format!("{kind} {}", item.id));
    doc.blank();
    doc.para(&item.text, Style::default());
    doc.blank();
    // Where the search matched, when not in the text above (which the lists pick out).
    let found = query::found_in_item(app.corpus(), &app.filter.search, i);
    if !found.iter().any(|f| f.field == "text") {
        found_fields(doc, &found);
    }
    doc.field("Report", &report.title);
    let answers: Vec<String> = item
        .recommendation_ids
        .iter()
        .zip(&item.recommendations)
        .map(|(id, label)| {
            let rec = report.recommendations.iter().find(|r| &r.id == id);
            match rec {
                Some(r) if item.kind == ItemKind::Action => format!("{label} {}", r.text),
                Some(r) => format!("{label} {}", r.heading),
                None => format!("{label} (not in the report)"),
            }
        })
        .collect();
    doc.field("Answers", &answers.join("\n"));
    cycle::item_response_field(doc, report, item);
    doc.field("Timescale", &item.timescale);
    cycle::deadline_fields(doc, item);
    let owners: Vec<String> = item
        .owners
        .iter()
        .map(|o| app.ws.people.get(*o).display())
        .collect();
    doc.field("Owners", &owners.join(", "));
    let printed = match item.kind {
        ItemKind::Action => report
            .actions
            .get(item.index)
            .map_or(String::new(), |a| a.owners_printed.clone()),
        ItemKind::Recommendation => item.owners_as_printed.join(", "),
    };
    doc.field("As printed", &printed);
    let status = item.tracking.status;
    doc.field_styled("Status", status.label(), app.theme.status(status));
    let readiness = item.readiness(&app.ws.committees, app.today);
    // A meeting whose date the calendar infers says so, with why, as the Agenda does.
    let inferred = |d| {
        let why = app
            .ws
            .committees
            .iter()
            .filter(|c| item.committees.is_empty() || item.committees.contains(&c.id))
            .find_map(|c| c.date_inferred(d));
        crate::model::date_inferred_note(why)
    };
    let ready = match readiness {
        Readiness::NotReady => "not marked ready".to_string(),
        Readiness::Presented(d) => format!(
            "presented at the meeting on {}{}",
            long_date(d),
            inferred(d)
        ),
        Readiness::Upcoming(None) => {
            "ready for the next select committee (not yet scheduled)".to_string()
        }
        Readiness::Upcoming(Some(d)) => match app.next_meeting().filter(|m| m.date == d) {
            Some(m) => format!(
                "ready for the next select committee ({}, {}){}",
                m.committee_name,
                long_date(d),
                inferred(d)
            ),
            None => format!("ready for the meeting on {}{}", long_date(d), inferred(d)),
        },
    };
    let ready_style = match readiness {
        Readiness::NotReady => Style::default(),
        _ => app.theme.ready,
    };
    doc.field_styled("Ready", &ready, ready_style);
    doc.field("Warnings", &item.warnings.join("\n"));
    let (note, source) = match item.kind {
        ItemKind::Action => report
            .actions
            .get(item.index)
            .map_or((String::new(), String::new()), |a| {
                (a.note.clone(), a.source_ref.clone())
            }),
        ItemKind::Recommendation => report
            .recommendations
            .get(item.index)
            .map_or((String::new(), String::new()), |r| {
                (r.note.clone(), r.source_ref.clone())
            }),
    };
    doc.field("Note", &note);
    doc.field("Source", &format!("{source} ({})", report.source));
    imported_doc(doc, crate::model::imported_cells(report, item));
    doc.blank();
    doc.heading("History");
    let history = item.history_lines(&app.ws.committees, app.today);
    if history.is_empty() {
        doc.para("no changes yet", app.theme.dim);
    }
    for line in history {
        doc.bullet(&line, 0);
    }
    cycle::response_history(doc, &cycle::answered(report, item));
}

/// "Wednesday 29 October 2003".
fn long_date(d: Date) -> String {
    d.strftime("%A %-d %B %Y").to_string()
}
