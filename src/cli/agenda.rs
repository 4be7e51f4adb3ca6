//! `scrutineer agenda`: the items marked ready for a meeting.

use super::{Context, Failure, Outcome};
use crate::agenda::{self, MeetingChoice};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting: a date (YYYY-MM-DD) or `next`
    #[arg(long, default_value = "next", value_name = "DATE|next")]
    meeting: String,
    /// md, csv or json
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    format: String,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let choice = MeetingChoice::parse(&args.meeting).ok_or_else(|| {
        Failure::usage(format!(
            "--meeting expects a date like 2026-12-03 or `next`, found `{}`",
            args.meeting
        ))
    })?;
    let ws = &ctx.ws;
    let a = agenda::build(&ws.reports, &ws.items, &ws.committees, choice, ctx.today);
    let text = match args.format.as_str() {
        "csv" => agenda::to_csv(&a, &ws.reports, &ws.items, &ws.people),
        "json" => format!(
            "{}\n",
            serde_json::to_string_pretty(&agenda::to_json(&a, &ws.reports, &ws.items, &ws.people))
                .unwrap_or_default()
        ),
        _ => agenda::to_markdown(&a, &ws.reports, &ws.items, &ws.people),
    };
    print!("{}", crate::text::sanitize(&text, true));
    Ok(())
}
