//! The agenda as Markdown (for the agenda pack), CSV (for a spreadsheet) and JSON.

use super::Agenda;
use crate::model::{Item, People, Report};

fn owners(item: &Item, people: &People) -> String {
    item.owners
        .iter()
        .map(|o| people.get(*o).name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn to_markdown(agenda: &Agenda, reports: &[Report], items: &[Item], people: &People) -> String {
    let mut out = String::new();
    let title = match &agenda.committee {
        Some(c) => format!("# {c}: {}\n\n", agenda.when()),
        None => format!("# Next select committee: {}\n\n", agenda.when()),
    };
    out.push_str(&title);
    if agenda.is_empty() {
        out.push_str("Nothing is marked ready for this meeting.\n");
        return out;
    }
    out.push_str(&format!("{} item(s) ready.\n", agenda.len()));
    for group in &agenda.reports {
        let r = &reports[group.report];
        out.push_str(&format!("\n## {} ({})\n", one_line(&r.title), r.authority));
        for rec in &group.recommendations {
            let heading = if rec.heading.is_empty() {
                String::new()
            } else {
                format!(" — {}", one_line(&rec.heading))
            };
            out.push_str(&format!("\n### Recommendation {}{heading}\n\n", rec.label));
            for &i in &rec.items {
                let item = &items[i];
                out.push_str(&format!(
                    "- **{}** {}\n  - Owner: {}\n  - Timescale: {} (due {})\n  - Status: {}\n",
                    item.id,
                    one_line(&item.text),
                    owners(item, people),
                    one_line(&item.timescale),
                    item.due_label(),
                    item.tracking.status.label(),
                ));
            }
        }
    }
    out
}

fn csv_field(text: &str) -> String {
    // A CSV may well be printed to a terminal: no raw control characters.
    let text = &crate::text::sanitize(text, true);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn csv_row(fields: &[&str]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

pub fn to_csv(agenda: &Agenda, reports: &[Report], items: &[Item], people: &People) -> String {
    let mut out = csv_row(&[
        "meeting",
        "report",
        "recommendation",
        "id",
        "text",
        "owners",
        "timescale",
        "deadline",
        "status",
    ]);
    let date = agenda.date.map_or("next".to_string(), |d| d.to_string());
    for group in &agenda.reports {
        for rec in &group.recommendations {
            for &i in &rec.items {
                let item = &items[i];
                out.push_str(&csv_row(&[
                    &date,
                    &reports[group.report].id,
                    &rec.label,
                    &item.id,
                    &item.text,
                    &owners(item, people),
                    &item.timescale,
                    &item.deadline.due.map(|d| d.to_string()).unwrap_or_default(),
                    item.tracking.status.as_str(),
                ]));
            }
        }
    }
    out
}

pub fn to_json(
    agenda: &Agenda,
    reports: &[Report],
    items: &[Item],
    people: &People,
) -> serde_json::Value {
    let groups: Vec<_> = agenda
        .reports
        .iter()
        .map(|g| {
            let r = &reports[g.report];
            serde_json::json!({
                "report": r.id,
                "title": r.title,
                "recommendations": g.recommendations.iter().map(|rec| serde_json::json!({
                    "ref": rec.label,
                    "heading": rec.heading,
                    "items": rec.items.iter().map(|&i| {
                        let item = &items[i];
                        serde_json::json!({
                            "id": item.id,
                            "text": item.text,
                            "owners": owners(item, people),
                            "timescale": item.timescale,
                            "deadline": item.deadline.due.map(|d| d.to_string()),
                            "status": item.tracking.status.as_str(),
                        })
                    }).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "meeting": agenda.date.map(|d| d.to_string()),
        "scheduled": agenda.date.is_some(),
        "committee": agenda.committee,
        "count": agenda.len(),
        "reports": groups,
    })
}
