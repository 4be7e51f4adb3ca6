//! `scrutineer agenda`: the items marked ready for a meeting, progress reports and
//! proposals for sign-off, as Markdown, CSV, JSON or a printable HTML page.

use super::{Context, Failure, Outcome};
use crate::agenda::{self, MeetingChoice, Sources};
use crate::model::Readiness;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting: a date (YYYY-MM-DD), `next`, or `unscheduled` (items waiting for a
    /// meeting their committee has not scheduled yet)
    #[arg(long, default_value = "next", value_name = "DATE|next")]
    meeting: String,
    /// md, csv, json or html (a self-contained page that prints on A4)
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json", "html"])]
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
    let src = Sources {
        reports: &ws.reports,
        items: &ws.items,
        people: &ws.people,
    };
    let text = match args.format.as_str() {
        "csv" => agenda::to_csv(&a, src),
        "html" => agenda::to_html(&a, src, ctx.today),
        "json" => format!("{}\n", super::json_text(&agenda::to_json(&a, src))),
        _ => agenda::to_markdown(&a, src),
    };
    out!("{}", crate::text::sanitize(&text, true));
    if choice == MeetingChoice::Next && a.date.is_some() {
        let waiting = ws
            .items
            .iter()
            .filter(|i| i.readiness(&ws.committees, ctx.today) == Readiness::Upcoming(None))
            .count();
        if waiting > 0 {
            eprintln!(
                "scrutineer: {waiting} more item(s) wait for a meeting their committee has not scheduled yet (--meeting unscheduled)"
            );
        }
    }
    Ok(())
}
