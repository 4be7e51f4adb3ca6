//! The agenda as data: CSV (for a spreadsheet) and JSON. The pack a committee reads
//! (HTML, Word, Markdown) is `pack.rs` and its renderers.

use super::{Agenda, AgendaReport};
use crate::model::{Item, People, Report, Status};
use crate::text::csv_row;

/// Everything an export reads besides the agenda.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub reports: &'a [Report],
    pub items: &'a [Item],
    pub people: &'a People,
}

fn owners(item: &Item, people: &People) -> String {
    people.names(&item.owners).join(", ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The RAG rating a status carries, as a word.
pub fn rag(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "Not started",
        Status::OnTrack => "Green",
        Status::AtRisk => "Amber",
        Status::OffTrack => "Red",
        Status::Complete => "Complete",
        Status::SignedOff => "Signed off",
    }
}

fn original_due(item: &Item) -> String {
    item.deadline.due.map(|d| d.to_string()).unwrap_or_default()
}

fn current_due(item: &Item) -> String {
    item.due().map(|d| d.to_string()).unwrap_or_default()
}

fn latest_note(item: &Item) -> String {
    item.tracking
        .latest_note()
        .map(|c| {
            format!(
                "{} ({}, {})",
                one_line(&c.note),
                c.by,
                c.at.strftime("%Y-%m-%d")
            )
        })
        .unwrap_or_default()
}

/// The sections of an agenda, with their titles.
fn sections(agenda: &Agenda) -> [(&'static str, &Vec<AgendaReport>); 2] {
    [
        ("Progress reports", &agenda.reports),
        ("Proposed for sign-off", &agenda.sign_off),
    ]
}

/// The agendas (one per meeting) as one CSV table.
pub fn to_csv(agendas: &[Agenda], src: Sources<'_>) -> String {
    let mut out = csv_row(&[
        "meeting",
        "committee",
        "section",
        "report",
        "recommendation",
        "id",
        "text",
        "owners",
        "timescale",
        "original deadline",
        "current deadline",
        "status",
        "rag",
        "latest note",
    ]);
    for agenda in agendas {
        let date = agenda.date.map_or("next".to_string(), |d| d.to_string());
        let committee = agenda.committee.clone().unwrap_or_default();
        for (name, groups) in sections(agenda) {
            for group in groups {
                for rec in &group.recommendations {
                    for &i in &rec.items {
                        let item = &src.items[i];
                        out.push_str(&csv_row(&[
                            &date,
                            &committee,
                            name,
                            &src.reports[group.report].id,
                            &rec.label,
                            &item.id,
                            &item.text,
                            &owners(item, src.people),
                            &item.timescale,
                            &original_due(item),
                            &current_due(item),
                            item.tracking.status.as_str(),
                            rag(item.tracking.status),
                            &latest_note(item),
                        ]));
                    }
                }
            }
        }
    }
    out
}

pub fn to_json(agenda: &Agenda, src: Sources<'_>) -> serde_json::Value {
    let section = |groups: &Vec<AgendaReport>| -> Vec<serde_json::Value> {
        groups
            .iter()
            .map(|g| {
                let r = &src.reports[g.report];
                serde_json::json!({
                    "report": r.id,
                    "title": r.title,
                    "recommendations": g.recommendations.iter().map(|rec| serde_json::json!({
                        "ref": rec.label,
                        "heading": rec.heading,
                        "items": rec.items.iter().map(|&i| {
                            let item = &src.items[i];
                            serde_json::json!({
                                "id": item.id,
                                "text": item.text,
                                "owners": owners(item, src.people),
                                "timescale": item.timescale,
                                "deadline": item.deadline.due.map(|d| d.to_string()),
                                "current_deadline": item.due().map(|d| d.to_string()),
                                "status": item.tracking.status.as_str(),
                                "rag": rag(item.tracking.status),
                                "latest_note": latest_note(item),
                            })
                        }).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect()
    };
    serde_json::json!({
        "meeting": agenda.date.map(|d| d.to_string()),
        // By field, as `reports --format json` gives a report's.
        "inferred": crate::model::inferred_json(agenda.date_inferred.as_deref().map(|why| ("meeting", why))),
        "scheduled": agenda.date.is_some(),
        "past": agenda.past,
        "committee": agenda.committee,
        "committee_id": agenda.committee_id,
        "count": agenda.len(),
        "reports": section(&agenda.reports),
        "sign_off": section(&agenda.sign_off),
    })
}
