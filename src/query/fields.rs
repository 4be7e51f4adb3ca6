//! What a search looks in: every text the workbench's detail pane shows, each named by
//! where it is, so that a match can say where it was found. An item is found by its
//! own text, its recommendations', its report's title and authority, its owners under
//! every spelling, its notes, the executive's response and the cells imported with it;
//! a report by its own text: its judgements, findings, inspectorate and the rest.

use crate::model::{Change, FINDING_CATEGORIES, Item, ItemKind, People, Report, ResponseKind};

/// Receives each field: where it is (as the detail pane names it), then its text.
pub type Sink<'s> = dyn FnMut(&str, &str) + 's;

/// An item's fields, its own text first.
pub fn item_fields(report: &Report, people: &People, item: &Item, field: &mut Sink<'_>) {
    field("text", &item.text);
    field("id", &item.id);
    let action = match item.kind {
        ItemKind::Action => report.actions.get(item.index),
        ItemKind::Recommendation => None,
    };
    if let Some(action) = action {
        field("text", &action.text_normalised);
    }
    field("recommendation", &item.recommendations.join(" "));
    let answered = report
        .recommendations
        .iter()
        .filter(|rec| item.recommendation_ids.contains(&rec.id));
    for rec in answered {
        field("recommendation", &rec.heading);
        if rec.text != item.text {
            field("recommendation", &rec.text);
        }
        field("recommendation", &rec.text_normalised);
        field("recommendation", &rec.addressed_to);
        if *rec.owners != *item.owners_as_printed {
            field("owner", &rec.owners.join(" "));
        }
        field("note", &rec.note);
        if rec.response.kind != ResponseKind::Awaiting {
            field("response", rec.response.kind.label());
        }
        field("response", &rec.response.reason);
        for c in searched(&rec.response.history) {
            field("response", &c.note);
        }
        for cell in &rec.imported {
            field(&format!("as imported: {}", cell.label()), &cell.text);
        }
    }
    field("report", &report.title);
    field("report", &report.authority);
    field("timescale", &item.timescale);
    field("owner", &item.owners_as_printed.join(" "));
    for o in &item.owners {
        let owner = people.get(*o);
        field("owner", &owner.display());
        // Every other spelling the directory knows.
        for alias in &owner.aliases {
            if *alias != owner.name && !item.owners_as_printed.contains(alias) {
                field("owner", alias);
            }
        }
    }
    for c in item.tracking.history.iter().filter(|c| c.is_searched()) {
        field("note", &c.note);
    }
    if let Some(action) = action {
        field("note", &action.note);
        for cell in &action.imported {
            field(&format!("as imported: {}", cell.label()), &cell.text);
        }
    }
}

/// A report's own fields, its title first.
pub fn report_fields(report: &Report, field: &mut Sink<'_>) {
    field("title", &report.title);
    field("report", &report.id);
    field("authority", &report.authority);
    field("inspectorate", &report.inspectorate);
    field("inspection", &report.inspection);
    field("paper's date", &report.date_note);
    field("author", &report.author);
    field("contacts", &report.contacts.join("\n"));
    for m in &report.meetings {
        field("committees", &m.note);
    }
    for j in &report.judgements {
        let said = format!("{}: {}", j.domain, j.judgement);
        field("judgement", &joined(&[&said, &j.text]));
    }
    for f in &report.findings {
        let category = FINDING_CATEGORIES
            .iter()
            .find(|c| **c == f.category)
            .map_or("finding".to_string(), |c| {
                format!("findings: {}", c.replace('-', " "))
            });
        field(&category, &joined(&[&f.heading, &f.text]));
    }
    field("decision sought", &report.decision_sought);
    for note in &report.notes {
        field("note", note);
    }
}

/// The parts that say something, one per line.
fn joined(parts: &[&str]) -> String {
    let said: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| !p.trim().is_empty())
        .collect();
    said.join("\n")
}

fn searched(history: &[Change]) -> impl Iterator<Item = &Change> {
    history.iter().filter(|c| c.is_searched())
}

/// A fingerprint of the searched text that comes from the tracking file (notes, and
/// the executive's responses), to tell whether the index must be built again after
/// the tracking file alone is read again.
pub fn tracked_fingerprint(reports: &[Report], items: &[Item]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for item in items {
        for c in searched(&item.tracking.history) {
            c.note.hash(&mut hasher);
        }
        0u8.hash(&mut hasher);
    }
    for rec in reports.iter().flat_map(|r| &r.recommendations) {
        rec.response.kind.label().hash(&mut hasher);
        rec.response.reason.hash(&mut hasher);
        for c in searched(&rec.response.history) {
            c.note.hash(&mut hasher);
        }
    }
    hasher.finish()
}
