//! `scrutineer reports`: one line per report, or everything about each as JSON.

use super::table::{Table, output_width};
use super::{Context, Outcome};
use crate::model::Report;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// table or json
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    format: String,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let ws = &ctx.ws;
    if args.format == "json" {
        let all: Vec<_> = ws
            .reports
            .iter()
            .enumerate()
            .map(|(i, r)| report_json(ctx, i, r))
            .collect();
        outln!("{}", super::json_text(&all));
        return Ok(());
    }
    let mut t = Table::new(vec!["id", "date", "authority", "title", "recs", "items"], 3);
    for (i, r) in ws.reports.iter().enumerate() {
        let items = ws.items.iter().filter(|it| it.report == i).count();
        t.row(vec![
            r.id.clone(),
            r.date.map_or("undated".into(), |d| d.to_string()),
            if r.authority.is_empty() {
                "(not stated)".into()
            } else {
                r.authority.clone()
            },
            r.title.clone(),
            r.recommendations.len().to_string(),
            items.to_string(),
        ]);
    }
    out!("{}", t.render(output_width()));
    Ok(())
}

fn date(d: Option<jiff::civil::Date>) -> serde_json::Value {
    d.map_or(serde_json::Value::Null, |d| json!(d.to_string()))
}

/// The values inferred rather than printed, by field: `{"published": {"inferred": true,
/// "reason": "..."}}` (an empty object when everything was printed).
fn inferred_json(inferred: &crate::model::Inferred) -> serde_json::Value {
    crate::model::inferred_json(inferred.iter().map(|(f, why)| (f.as_str(), why.as_str())))
}

fn report_json(ctx: &Context, index: usize, r: &Report) -> serde_json::Value {
    let ws = &ctx.ws;
    let item_ids = |rec_id: &str| -> Vec<String> {
        ws.items
            .iter()
            .filter(|it| it.report == index && it.recommendation_ids.iter().any(|x| x == rec_id))
            .filter(|it| it.kind == crate::model::ItemKind::Action)
            .map(|it| it.id.clone())
            .collect()
    };
    json!({
        "id": r.id,
        "file": ws.report_files[index],
        "title": r.title,
        "authority": r.authority,
        "inspectorate": r.inspectorate,
        "inspection": r.inspection,
        "inspection_start": date(r.inspection_start),
        "inspection_end": date(r.inspection_end),
        "published": date(r.published),
        "date": date(r.date),
        "date_note": r.date_note,
        "timescales_from": date(r.timescales_from),
        "timescales_from_note": r.timescales_from_note,
        "author": r.author,
        "contacts": r.contacts,
        "source": r.source,
        "decision_sought": r.decision_sought,
        "notes": r.notes,
        "inferred": inferred_json(&r.inferred),
        "meetings": r.meetings.iter().map(|m| json!({
            "committee": m.committee, "date": m.date.to_string(), "note": m.note,
            "inferred": inferred_json(&m.inferred),
        })).collect::<Vec<_>>(),
        "judgements": r.judgements.iter().map(|j| json!({
            "domain": j.domain, "judgement": j.judgement, "text": j.text, "source_ref": j.source_ref,
        })).collect::<Vec<_>>(),
        "findings": r.findings.iter().map(|f| json!({
            "category": f.category, "heading": f.heading, "text": f.text, "source_ref": f.source_ref,
        })).collect::<Vec<_>>(),
        "recommendations": r.recommendations.iter().map(|rec| json!({
            "id": rec.id,
            "item": format!("{}/{}", r.id, rec.id),
            "ref": rec.reference,
            "heading": rec.heading,
            "text": rec.text,
            "addressed_to": rec.addressed_to,
            "timescale": rec.timescale,
            "timescales_from": date(rec.timescales_from),
            "timescales_from_note": rec.timescales_from_note,
            "source_ref": rec.source_ref,
            "note": rec.note,
            "imported": rec.imported.iter().map(|c| json!({
                "column": c.column, "field": c.field, "text": c.text,
            })).collect::<Vec<_>>(),
            "actions": item_ids(&rec.id),
        })).collect::<Vec<_>>(),
    })
}
