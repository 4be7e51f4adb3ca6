//! `scrutineer plan`: the forward plan of the select committees.

use super::{Context, Outcome};
use crate::agenda::forward_plan;
use crate::text::sanitize;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many meetings ahead
    #[arg(long, default_value_t = 4)]
    meetings: usize,
    /// text or json
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let ws = &ctx.ws;
    let plan = forward_plan(
        &ws.reports,
        &ws.items,
        &ws.committees,
        &ws.people,
        ctx.today,
        args.meetings,
    );
    let ids =
        |list: &[usize]| -> Vec<String> { list.iter().map(|&i| ws.items[i].id.clone()).collect() };
    if args.format == "json" {
        let all: Vec<_> = plan
            .iter()
            .map(|m| {
                json!({
                    "date": m.date.map(|d| d.to_string()),
                    "committee": m.committee,
                    "ready": ids(&m.ready),
                    "falling_due": ids(&m.falling_due),
                    "promised": ids(&m.promised),
                })
            })
            .collect();
        outln!("{}", super::json_text(&all));
        return Ok(());
    }
    if plan.is_empty() {
        outln!(
            "No select committee meetings on or after {} are in committees.toml, and nothing is promised back.",
            ctx.today
        );
        return Ok(());
    }
    for m in &plan {
        let when = m.date.map_or("not yet scheduled".to_string(), |d| {
            d.strftime("%A %-d %B %Y").to_string()
        });
        outln!("{} — {when}", sanitize(&m.committee, false));
        for (label, list) in [
            ("ready", &m.ready),
            ("falling due before it", &m.falling_due),
            ("promised back to it", &m.promised),
        ] {
            if m.date.is_none() && list.is_empty() {
                continue;
            }
            outln!("  {label}: {}", list.len());
            for &i in list.iter() {
                let item = &ws.items[i];
                let text: String = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
                outln!(
                    "    {}  {}  (due {})",
                    item.id,
                    sanitize(&crate::text::truncate(&text, 70), false),
                    item.due_label()
                );
            }
        }
        outln!();
    }
    Ok(())
}
