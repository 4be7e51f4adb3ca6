//! The agenda as Markdown (for the agenda pack), CSV (for a spreadsheet), JSON, and a
//! self-contained printable HTML page.

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

/// A text for the Markdown pack, which is often pasted into a spreadsheet: on one line,
/// and never a formula.
fn md(text: &str) -> String {
    crate::text::defuse_formula(&one_line(text)).into_owned()
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

fn title(agenda: &Agenda) -> String {
    match &agenda.committee {
        Some(c) => format!("{c}: {}", agenda.when()),
        None => format!("Next select committee: {}", agenda.when()),
    }
}

pub fn to_markdown(agenda: &Agenda, src: Sources<'_>) -> String {
    let mut out = format!("# {}\n\n", title(agenda));
    if agenda.is_empty() {
        out.push_str("Nothing is marked ready for this meeting.\n");
        return out;
    }
    let verb = if agenda.past { "presented" } else { "ready" };
    out.push_str(&format!("{} item(s) {verb}.\n", agenda.len()));
    for (name, groups) in sections(agenda) {
        if groups.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {name}\n"));
        for group in groups {
            let r = &src.reports[group.report];
            out.push_str(&format!("\n### {} ({})\n", md(&r.title), md(&r.authority)));
            for rec in &group.recommendations {
                let heading = if rec.heading.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", md(&rec.heading))
                };
                out.push_str(&format!("\n#### Recommendation {}{heading}\n\n", rec.label));
                for &i in &rec.items {
                    let item = &src.items[i];
                    let revised = match (item.tracking.revised_deadline, item.deadline.due) {
                        (Some(now), Some(was)) => format!(", revised to {now} from {was}"),
                        (Some(now), None) => format!(", revised to {now}"),
                        _ => String::new(),
                    };
                    out.push_str(&format!(
                        "- **{}** {}\n  - Owner: {}\n  - Timescale: {} (due {}{revised})\n  - Status: {} ({})\n",
                        item.id,
                        md(&item.text),
                        md(&owners(item, src.people)),
                        md(&item.timescale),
                        item.deadline.due.map_or_else(|| item.due_label(), |d| d.to_string()),
                        item.tracking.status.label(),
                        rag(item.tracking.status),
                    ));
                    let note = latest_note(item);
                    if !note.is_empty() {
                        out.push_str(&format!("  - Latest note: {}\n", md(&note)));
                    }
                }
            }
        }
    }
    out
}

pub fn to_csv(agenda: &Agenda, src: Sources<'_>) -> String {
    let mut out = csv_row(&[
        "meeting",
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
    let date = agenda.date.map_or("next".to_string(), |d| d.to_string());
    for (name, groups) in sections(agenda) {
        for group in groups {
            for rec in &group.recommendations {
                for &i in &rec.items {
                    let item = &src.items[i];
                    out.push_str(&csv_row(&[
                        &date,
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
        "scheduled": agenda.date.is_some(),
        "past": agenda.past,
        "committee": agenda.committee,
        "count": agenda.len(),
        "reports": section(&agenda.reports),
        "sign_off": section(&agenda.sign_off),
    })
}

fn html(text: &str) -> String {
    crate::text::sanitize(text, true)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', "<br>")
}

const STYLE: &str = r#"
  body { font: 11pt/1.4 "Segoe UI", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 60em; padding: 0 1em; }
  h1 { font-size: 18pt; margin-bottom: 0.2em; }
  h2 { font-size: 14pt; border-bottom: 2px solid #333; margin-top: 1.6em; }
  h3 { font-size: 12pt; margin: 1.2em 0 0.3em; }
  h4 { font-size: 11pt; margin: 0.9em 0 0.3em; font-weight: 600; }
  .meta { color: #444; margin: 0 0 1em; }
  table { border-collapse: collapse; table-layout: fixed; width: 100%; margin-bottom: 0.6em; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  section.rec { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  col.c-id { width: 13%; } col.c-action { width: 28%; } col.c-owner { width: 12%; }
  col.c-date { width: 10%; } col.c-status { width: 11%; } col.c-note { width: 16%; }
  th, td { border: 1px solid #999; padding: 0.3em 0.45em; vertical-align: top; text-align: left; font-size: 10pt; }
  th { background: #eee; }
  .id { font-family: monospace; font-size: 9pt; overflow-wrap: anywhere; }
  .rag { font-weight: bold; white-space: nowrap; padding: 0.05em 0.4em; border-radius: 0.2em; border: 1px solid #666; }
  .rag-green { background: #cfe8cf; } .rag-amber { background: #ffe2a8; } .rag-red { background: #f5b7b1; }
  .rag-complete, .rag-signed-off { background: #d6e4f5; } .rag-not-started { background: #f2f2f2; }
  .revised { color: #a33; }
  .date { white-space: nowrap; }
  .date small { white-space: normal; }
  footer { margin-top: 2em; color: #555; font-size: 9pt; border-top: 1px solid #ccc; padding-top: 0.5em; }
  @media print { body { margin: 0; max-width: none; font-size: 10pt; } th, td { font-size: 8.5pt; } h2 { page-break-after: avoid; } h3, h4 { page-break-after: avoid; } a { color: inherit; } }
"#;

/// A self-contained HTML page of the agenda, laid out to print on A4.
pub fn to_html(agenda: &Agenda, src: Sources<'_>, today: jiff::civil::Date) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        html(&title(agenda)),
        html(&title(agenda))
    );
    let verb = if agenda.past {
        "presented"
    } else {
        "ready for this meeting"
    };
    out.push_str(&format!(
        "<p class=\"meta\">{} item(s) {verb}: {} progress report(s), {} proposed for sign-off.</p>\n",
        agenda.len(),
        agenda.reports.iter().flat_map(|g| &g.recommendations).map(|r| r.items.len()).sum::<usize>(),
        agenda.sign_off.iter().flat_map(|g| &g.recommendations).map(|r| r.items.len()).sum::<usize>(),
    ));
    if agenda.is_empty() {
        out.push_str("<p>Nothing is marked ready for this meeting.</p>\n");
    }
    for (name, groups) in sections(agenda) {
        if groups.is_empty() {
            continue;
        }
        out.push_str(&format!("<h2>{name}</h2>\n"));
        for group in groups {
            let r = &src.reports[group.report];
            out.push_str(&format!("<h3>{}</h3>\n", html(&one_line(&r.title))));
            let mut meta = vec![r.authority.clone(), r.inspectorate.clone()];
            if let Some(d) = r.date {
                meta.push(format!("paper dated {d}"));
            }
            meta.retain(|m| !m.is_empty());
            out.push_str(&format!(
                "<p class=\"meta\">{}</p>\n",
                html(&meta.join(" · "))
            ));
            for rec in &group.recommendations {
                let heading = if rec.heading.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", html(&one_line(&rec.heading)))
                };
                out.push_str(&format!(
                    "<section class=\"rec\">\n<h4>Recommendation {}{heading}</h4>\n",
                    html(&rec.label)
                ));
                out.push_str("<table>\n<colgroup><col class=\"c-id\"><col class=\"c-action\"><col class=\"c-owner\"><col class=\"c-date\"><col class=\"c-date\"><col class=\"c-status\"><col class=\"c-note\"></colgroup>\n<thead><tr><th>Item</th><th>Action</th><th>Owner</th><th>Original deadline</th><th>Current deadline</th><th>Status</th><th>Latest note</th></tr></thead>\n<tbody>\n");
                for &i in &rec.items {
                    let item = &src.items[i];
                    let status = item.tracking.status;
                    let class = rag(status).to_lowercase().replace(' ', "-");
                    let current = match item.tracking.revised_deadline {
                        Some(d) => format!(
                            "<span class=\"revised\">{d}<br><small>(revised)</small></span>"
                        ),
                        None => html(&current_due(item)),
                    };
                    out.push_str(&format!(
                        "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td class=\"date\">{}<br><small>{}</small></td><td class=\"date\">{current}</td><td><span class=\"rag rag-{class}\">{}</span></td><td>{}</td></tr>\n",
                        html(&item.id),
                        html(&item.text),
                        html(&owners(item, src.people)),
                        html(&original_due(item)),
                        html(&one_line(&item.timescale)),
                        rag(status),
                        html(&latest_note(item)),
                    ));
                }
                out.push_str("</tbody>\n</table>\n</section>\n");
            }
        }
    }
    out.push_str(&format!(
        "<footer>Agenda list prepared with scrutineer on {}. RAG: Green on track, Amber at risk, Red off track.</footer>\n</body>\n</html>\n",
        today.strftime("%-d %B %Y")
    ));
    out
}
