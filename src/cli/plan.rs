//! `scrutineer plan`: the forward plan of the select committees, each separately.

use super::{Context, Failure, Outcome};
use crate::agenda::{forward_plan, unserved};
use crate::text::sanitize;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many meetings ahead
    #[arg(long, default_value_t = 4)]
    meetings: usize,
    /// Only this committee (its id in committees.toml) [default: each select
    /// committee separately]
    #[arg(long, value_name = "ID")]
    committee: Option<String>,
    /// text or json
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    format: String,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let ws = &ctx.ws;
    let only = match &args.committee {
        None => None,
        Some(id) => {
            let targets = crate::agenda::targets(
                &ws.committees,
                Some(id),
                crate::agenda::MeetingChoice::Next,
                ctx.today,
            )
            .map_err(Failure::usage)?;
            targets
                .first()
                .and_then(|t| t.committee)
                .map(|c| c.id.as_str())
        }
    };
    let plan = forward_plan(
        &ws.reports,
        &ws.items,
        &ws.committees,
        &ws.people,
        ctx.today,
        args.meetings,
        only,
    );
    let ids =
        |list: &[usize]| -> Vec<String> { list.iter().map(|&i| ws.items[i].id.clone()).collect() };
    if args.format == "json" {
        let all: Vec<_> = plan
            .iter()
            .map(|m| {
                json!({
                    "date": m.date.map(|d| d.to_string()),
                    "inferred": crate::model::inferred_json(m.date_inferred.as_deref().map(|why| ("date", why))),
                    "committee": m.committee,
                    "committee_id": m.committee_id,
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
        let inferred = crate::model::date_inferred_note(m.date_inferred.as_deref());
        outln!(
            "{} — {when}{}",
            sanitize(&m.committee, false),
            sanitize(&inferred, false)
        );
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
    if only.is_none() {
        let left = unserved(&ws.items, &ws.committees);
        if !left.is_empty() {
            outln!(
                "{} open item(s) go to no select committee in committees.toml (their report went to none, and their council has none), so no meeting above shows them.",
                left.len()
            );
        }
    }
    Ok(())
}
