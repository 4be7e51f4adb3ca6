//! `scrutineer history`: who changed what and when, for an item or a recommendation.

use super::{Context, Failure, Outcome};
use crate::model::ItemKind;
use crate::text::sanitize;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An item id (REPORT/ID), or a recommendation id for its responses
    id: String,
    /// text or json
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

fn entries_json(history: &[crate::model::Change]) -> Vec<serde_json::Value> {
    history
        .iter()
        .map(|c| {
            json!({
                "at": c.at.to_string(), "by": c.by, "change": c.kind.as_str(),
                "from": c.from, "to": c.to, "note": c.note,
            })
        })
        .collect()
}

/// One history entry as printed: indented under the item, and a note of several lines
/// indented further on its second and later lines, so every line reads as part of it.
fn entry(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        out.push_str(if n == 0 { "  " } else { "      " });
        out.push_str(line);
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("  \n");
    }
    out
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let ws = &ctx.ws;
    let item = ws.find(&args.id);
    // A recommendation tracked as an item has the same id; both histories belong here.
    let rec = match &item {
        Ok(i) if ws.items[*i].kind == ItemKind::Recommendation => {
            let it = &ws.items[*i];
            Some((it.report, it.index))
        }
        Ok(_) => None,
        Err(_) => ws.find_recommendation(&args.id).ok(),
    };
    if let (Err(e), None) = (&item, rec) {
        let message = if e.starts_with("no item has") {
            super::suggest::unknown_item(ws, &args.id, e, true)
        } else {
            e.clone()
        };
        return Err(Failure::usage(message));
    }
    let mut changes = Vec::new();
    let mut out = String::new();
    if let Ok(i) = item {
        let item = &ws.items[i];
        let due = match (item.deadline.due, item.tracking.revised_deadline) {
            (Some(d), Some(r)) => format!("due {r} (revised from {d})"),
            (None, Some(r)) => format!("due {r} (revised)"),
            _ => format!("due {}", item.due_label()),
        };
        out.push_str(&format!(
            "{}: {}\n  timescale {:?}, {due}; status {}; {}\n",
            item.id,
            item.text.lines().next().unwrap_or_default(),
            item.timescale,
            item.tracking.status.label(),
            item.readiness(&ws.committees, ctx.today).label()
        ));
        let lines = item.history_lines(&ws.committees, ctx.today);
        if lines.is_empty() {
            out.push_str("  no changes recorded\n");
        }
        for line in lines {
            out.push_str(&entry(&line));
        }
        changes.extend(item.tracking.history.iter().cloned());
    }
    if let Some((r, x)) = rec {
        let rec = &ws.reports[r].recommendations[x];
        out.push_str(&format!(
            "Response to recommendation {} ({}/{}): {}{}\n",
            rec.label(),
            ws.reports[r].id,
            rec.id,
            rec.response.kind.label(),
            rec.response
                .due
                .map_or(String::new(), |d| format!(", due {d}"))
        ));
        for c in &rec.response.history {
            out.push_str(&entry(&c.summary()));
        }
        changes.extend(rec.response.history.iter().cloned());
    }
    if args.format == "json" {
        changes.sort_by_key(|c| c.at);
        outln!("{}", super::json_text(&entries_json(&changes)));
        return Ok(());
    }
    out!("{}", sanitize(&out, true));
    Ok(())
}
