//! `scrutineer agenda`: the pack a committee is given (a print-ready HTML page, a Word
//! document or Markdown) for a committee's meeting, or the items on it as data (CSV,
//! JSON). With no committee named, each select committee's next meeting separately.

use super::{Context, Failure, Outcome};
use crate::agenda::{self, Agenda, MeetingChoice, Pack, PackInput, Sources, Target};
use crate::model::Readiness;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting: a date (YYYY-MM-DD) in committees.toml, `next`, or `unscheduled`
    /// (items waiting for a meeting their committee has not scheduled yet)
    #[arg(long, default_value = "next", value_name = "DATE|next")]
    meeting: String,
    /// The committee (its id in committees.toml) [default: each select committee
    /// separately]
    #[arg(long, value_name = "ID")]
    committee: Option<String>,
    /// md (the pack as Markdown), html (the pack, print-ready on A4), docx (the pack
    /// as a Word document), csv or json (the items, as data) [default: the one --output
    /// is named for (.md, .html, .docx, .csv, .json), else md]
    #[arg(long, value_parser = ["md", "html", "docx", "csv", "json"])]
    format: Option<String>,
    /// Something else the committee is asked to do, added to the pack's list (repeat
    /// for several)
    #[arg(long, value_name = "TEXT")]
    ask: Vec<String>,
    /// Write to this file (atomically) [default: stdout, which for docx must not be a
    /// terminal]
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let choice = MeetingChoice::parse(&args.meeting).ok_or_else(|| {
        Failure::usage(format!(
            "--meeting expects a date like 2026-12-03, `next` or `unscheduled`, found `{}`",
            args.meeting
        ))
    })?;
    let ws = &ctx.ws;
    let targets = agenda::targets(&ws.committees, args.committee.as_deref(), choice, ctx.today)
        .map_err(Failure::usage)?;
    let format = super::output_format(
        args.format.as_deref(),
        args.output.as_deref(),
        &[
            ("md", "md"),
            ("markdown", "md"),
            ("html", "html"),
            ("htm", "html"),
            ("docx", "docx"),
            ("csv", "csv"),
            ("json", "json"),
        ],
        "md",
    )?;
    let one_document = matches!(format.as_str(), "html" | "docx");
    if one_document && targets.len() > 1 {
        let which: Vec<String> = targets
            .iter()
            .filter_map(|t| t.committee)
            .map(|c| {
                let date = match t_date(c, choice, ctx.today) {
                    Some(d) => d.to_string(),
                    None => "not yet scheduled".to_string(),
                };
                format!("{} ({}, {date})", c.id, c.name)
            })
            .collect();
        return Err(Failure::usage(format!(
            "a {} pack is for one meeting, and {} committees meet: name one with --committee ({})",
            format,
            targets.len(),
            which.join("; ")
        )));
    }
    if format == "docx" && args.output.is_none() && super::stdout_is_terminal() {
        return Err(Failure::usage(
            "a Word document cannot be shown on the terminal: give --output FILE (or send it to a file: > FILE)",
        ));
    }
    let agendas: Vec<Agenda> = targets
        .iter()
        .map(|t| {
            agenda::build_for(
                &ws.reports,
                &ws.items,
                &ws.committees,
                t.committee,
                t.choice,
                ctx.today,
            )
        })
        .collect();
    let input = PackInput {
        reports: &ws.reports,
        items: &ws.items,
        committees: &ws.committees,
        people: &ws.people,
        today: ctx.today,
    };
    let src = Sources {
        reports: &ws.reports,
        items: &ws.items,
        people: &ws.people,
    };
    let packs = || -> Vec<Pack> {
        agendas
            .iter()
            .map(|a| agenda::pack::build(input, a, &args.ask))
            .collect()
    };
    let bytes: Vec<u8> = match format.as_str() {
        "csv" => agenda::to_csv(&agendas, src).into_bytes(),
        "json" => {
            let values: Vec<serde_json::Value> =
                agendas.iter().map(|a| agenda::to_json(a, src)).collect();
            let text = match values.as_slice() {
                [one] => super::json_text(one),
                _ => super::json_text(&values),
            };
            format!("{text}\n").into_bytes()
        }
        "html" | "docx" | "md" => {
            let packs = packs();
            unnamed_authors(&packs);
            match format.as_str() {
                "html" => packs
                    .first()
                    .map(agenda::to_html)
                    .unwrap_or_default()
                    .into_bytes(),
                "docx" => match packs.first() {
                    Some(p) => agenda::to_docx(p).map_err(Failure::failed)?,
                    None => Vec::new(),
                },
                _ => agenda::to_markdown(&packs).into_bytes(),
            }
        }
        _ => Vec::new(),
    };
    let count: usize = agendas.iter().map(Agenda::len).sum();
    match &args.output {
        Some(path) => {
            crate::workspace::store::write_atomically(path, &bytes)
                .map_err(|e| Failure::failed(e.to_string()))?;
            outln!("{}: written, {count} item(s)", path.display());
        }
        None if format == "docx" => super::write_stdout_raw(&bytes),
        None => out!("{}", String::from_utf8_lossy(&bytes)),
    }
    waiting_note(ctx, args.committee.as_deref(), &targets, choice);
    Ok(())
}

/// The date a target's meeting is on.
fn t_date(
    c: &crate::model::Committee,
    choice: MeetingChoice,
    today: jiff::civil::Date,
) -> Option<jiff::civil::Date> {
    match choice {
        MeetingChoice::Next => c.next_meeting(today),
        MeetingChoice::On(d) => Some(d),
        MeetingChoice::Unscheduled => None,
    }
}

/// Says which note authors print as logins, and how to give them a name.
fn unnamed_authors(packs: &[Pack]) {
    let mut logins: Vec<&str> = packs
        .iter()
        .flat_map(|p| p.unnamed_logins.iter().map(String::as_str))
        .collect();
    logins.sort_unstable();
    logins.dedup();
    if !logins.is_empty() {
        eprintln!(
            "scrutineer: note: changes signed by {} show the login, as people.toml maps no person to it (add `logins = [\"...\"]` to their entry)",
            crate::text::escape_controls(&logins.join(", "), false)
        );
    }
}

/// Items marked for "the next meeting" of a committee that has none scheduled are on
/// no agenda yet: says how many (of the named committee's, when one is named), when
/// the agenda was for the next meetings.
fn waiting_note(ctx: &Context, named: Option<&str>, targets: &[Target<'_>], choice: MeetingChoice) {
    if choice != MeetingChoice::Next || targets.iter().all(|t| t.committee.is_none()) {
        return;
    }
    let ws = &ctx.ws;
    let committee = named.and_then(|_| targets.first().and_then(|t| t.committee));
    let waiting = ws
        .items
        .iter()
        .filter(|i| i.readiness(&ws.committees, ctx.today) == Readiness::Upcoming(None))
        .filter(|i| committee.is_none_or(|c| i.goes_to(c, &ws.committees)))
        .count();
    if waiting > 0 {
        eprintln!(
            "scrutineer: {waiting} more item(s) wait for a meeting their committee has not scheduled yet (--meeting unscheduled)"
        );
    }
}
