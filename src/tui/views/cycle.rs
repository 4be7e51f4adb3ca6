//! The committee cycle's part of the detail: an item's deadline as printed, as derived
//! and as revised; the executive's response to a recommendation, when it is due (and
//! whether that has passed, by symbol and word as well as colour), and its history.

use super::detail::Doc;
use crate::model::{ChangeKind, Item, Recommendation, Report, Urgency};
use jiff::civil::Date;
use ratatui::style::Style;

/// The deadline in force, and, when it was revised, the one derived from the printed
/// timescale (the timescale itself is its own field).
pub fn deadline_fields(doc: &mut Doc, item: &Item) {
    let app = doc.app;
    let urgency = Urgency::of(item, app.today);
    let style = app.theme.urgency(urgency);
    let derived = format!(
        "{}: {}",
        item.deadline.kind.describe(),
        item.deadline.explanation
    );
    let Some(revised) = item.tracking.revised_deadline else {
        let line = format!(
            "{} {} ({}); {derived}",
            urgency.symbol(),
            item.due_label(),
            urgency.word()
        );
        return doc.field_styled("Deadline", &line, style);
    };
    let why = item
        .tracking
        .history
        .iter()
        .rev()
        .find(|c| c.kind == ChangeKind::Revise && !c.to.is_empty())
        .map_or(String::new(), |c| format!(": {}", c.note));
    let line = format!(
        "{} {revised} ({}), revised{why}",
        urgency.symbol(),
        urgency.word()
    );
    doc.field_styled("Deadline", &line, style);
    let original = item
        .deadline
        .due
        .map_or("none".to_string(), |d| d.to_string());
    doc.field(
        "Original",
        &format!("{original}, from the timescale; {derived}"),
    );
}

/// "accepted: the reason", or "! awaiting response, due 2005-12-01: response overdue";
/// and whether it is overdue.
pub fn response_text(rec: &Recommendation, today: Date) -> (String, bool) {
    let r = &rec.response;
    let overdue = r.is_overdue(today);
    let mut text = r.kind.label().to_string();
    if !r.reason.is_empty() {
        text.push_str(&format!(": {}", r.reason));
    }
    match r.due {
        Some(d) if overdue => {
            text = format!(
                "{} {text}, due {d}: response overdue",
                Urgency::Overdue.symbol()
            );
        }
        Some(d) if r.kind == crate::model::ResponseKind::Awaiting => {
            text.push_str(&format!(", due {d}"));
        }
        _ => {}
    }
    (text, overdue)
}

fn overdue_style(doc: &Doc, overdue: bool) -> Style {
    if overdue {
        doc.app.theme.urgency(Urgency::Overdue)
    } else {
        Style::default()
    }
}

/// A recommendation's response and when it is due.
pub fn rec_response_fields(doc: &mut Doc, rec: &Recommendation) {
    let today = doc.app.today;
    let (text, overdue) = response_text(rec, today);
    let style = overdue_style(doc, overdue);
    doc.field_styled("Response", &text, style);
    let due = match rec.response.due {
        Some(d) if overdue => format!("{} {d} (response overdue)", Urgency::Overdue.symbol()),
        Some(d) => d.to_string(),
        None => "not set".to_string(),
    };
    doc.field_styled("Response due", &due, style);
}

/// An item's recommendations' responses, one line each (labelled when several).
pub fn item_response_field(doc: &mut Doc, report: &Report, item: &Item) {
    let recs = answered(report, item);
    let mut lines = Vec::new();
    let mut any_overdue = false;
    for rec in &recs {
        let (text, overdue) = response_text(rec, doc.app.today);
        any_overdue |= overdue;
        lines.push(match recs.len() {
            1 => text,
            _ => format!("{} {text}", rec.label()),
        });
    }
    let style = overdue_style(doc, any_overdue);
    doc.field_styled("Response", &lines.join("\n"), style);
}

/// The history of the responses, under its own heading; nothing when there is none.
pub fn response_history(doc: &mut Doc, recs: &[&Recommendation]) {
    if recs.iter().all(|r| r.response.history.is_empty()) {
        return;
    }
    doc.blank();
    doc.heading("Response history");
    for rec in recs {
        for change in &rec.response.history {
            let line = match recs.len() {
                1 => change.summary(),
                _ => format!("{}: {}", rec.label(), change.summary()),
            };
            doc.bullet(&line, 0);
        }
    }
}

/// The recommendations of its report an item answers.
pub fn answered<'r>(report: &'r Report, item: &Item) -> Vec<&'r Recommendation> {
    item.recommendation_ids
        .iter()
        .filter_map(|id| report.recommendations.iter().find(|r| &r.id == id))
        .collect()
}
