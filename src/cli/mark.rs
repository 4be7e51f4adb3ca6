//! `scrutineer mark`, `unmark` and `status`: the changing commands. Every id is checked
//! before anything is written; the change goes through the workspace's locked save.

use super::{Context, Failure, Outcome, parse_status};
use crate::model::{Readiness, ReadyFor, next_meeting_among};
use crate::workspace::{Edit, ItemEdit};

#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// Item ids (REPORT/ID, or ID alone when only one report has it)
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// The meeting: a date (YYYY-MM-DD) of a meeting of the item's committee in
    /// committees.toml, or `next` (its next select committee)
    #[arg(long, default_value = "next", value_name = "DATE|next")]
    meeting: String,
    /// A note to keep with the change
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct UnmarkArgs {
    /// Item ids
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// A note to keep with the change
    #[arg(long)]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Item id
    id: String,
    /// not-started, on-track, at-risk, off-track, complete or signed-off
    status: String,
    /// A note to keep with the change
    #[arg(long)]
    note: Option<String>,
}

pub fn mark(ctx: &Context, args: &MarkArgs) -> Outcome {
    let target = ReadyFor::parse(&args.meeting).ok_or_else(|| {
        Failure::usage(format!(
            "--meeting expects a date like 2026-12-03 or `next`, found `{}`",
            args.meeting
        ))
    })?;
    let ids = args
        .ids
        .iter()
        .map(|id| ctx.item_id(id))
        .collect::<Result<Vec<_>, _>>()?;
    if let ReadyFor::Meeting(d) = target {
        for id in &ids {
            meets_on(ctx, id, d)?;
        }
    }
    ctx.writable()?;
    let note = args.note.clone().unwrap_or_default();
    let edits: Vec<ItemEdit> = ids
        .iter()
        .map(|id| {
            let presented = ctx.ws.find(id).ok().and_then(|i| {
                match ctx.ws.items[i].readiness(&ctx.ws.committees, ctx.today) {
                    Readiness::Presented(d) => Some(d),
                    _ => None,
                }
            });
            let note = match (presented, note.is_empty()) {
                (Some(d), true) => format!("carried over from the meeting on {d}"),
                (Some(d), false) => format!("carried over from the meeting on {d}: {note}"),
                (None, _) => note.clone(),
            };
            ItemEdit {
                item: id.clone(),
                edit: Edit::Mark(target),
                note,
            }
        })
        .collect();
    let applied = ctx.save(&edits)?;
    for a in applied {
        let scope = ctx
            .ws
            .find(&a.item)
            .map(|i| ctx.ws.items[i].committees.clone())
            .unwrap_or_default();
        let when = match target {
            ReadyFor::Meeting(d) => format!("the meeting on {d}"),
            ReadyFor::Next => match next_meeting_among(&ctx.ws.committees, &scope, ctx.today) {
                Some(m) => format!(
                    "the next select committee ({}, {})",
                    m.committee_name, m.date
                ),
                None => "the next select committee (not yet scheduled)".to_string(),
            },
        };
        if a.changed {
            outln!("{}: marked ready for {when}", a.item);
        } else {
            outln!("{}: already marked ready for {when}", a.item);
        }
    }
    Ok(())
}

/// Refuses a meeting date that is not a meeting of a committee the item goes to (its
/// report's select committees, or its council's), naming the meetings there are.
fn meets_on(ctx: &Context, id: &str, date: jiff::civil::Date) -> Outcome {
    let Ok(i) = ctx.ws.find(id) else {
        return Ok(());
    };
    let item = &ctx.ws.items[i];
    crate::agenda::check_meeting(item, &ctx.ws.reports[item.report], &ctx.ws.committees, date)
        .map_err(|why| Failure::usage(format!("{id}: {why}")))
}

pub fn unmark(ctx: &Context, args: &UnmarkArgs) -> Outcome {
    let ids = args
        .ids
        .iter()
        .map(|id| ctx.item_id(id))
        .collect::<Result<Vec<_>, _>>()?;
    ctx.writable()?;
    let note = args.note.clone().unwrap_or_default();
    let edits: Vec<ItemEdit> = ids
        .iter()
        .map(|id| ItemEdit {
            item: id.clone(),
            edit: Edit::Unmark,
            note: note.clone(),
        })
        .collect();
    for a in ctx.save(&edits)? {
        if a.changed {
            outln!("{}: readiness mark removed", a.item);
        } else {
            outln!("{}: was not marked ready", a.item);
        }
    }
    Ok(())
}

pub fn status(ctx: &Context, args: &StatusArgs) -> Outcome {
    let status = parse_status(&args.status)?;
    let id = ctx.item_id(&args.id)?;
    ctx.writable()?;
    let edits = vec![ItemEdit {
        item: id,
        edit: Edit::SetStatus(status),
        note: args.note.clone().unwrap_or_default(),
    }];
    let note = args.note.clone().unwrap_or_default();
    for a in ctx.save(&edits)? {
        if a.changed {
            outln!("{}: status {} -> {status}", a.item, a.before_status);
        } else if note.trim().is_empty() {
            outln!("{}: status already {status}", a.item);
        } else {
            // Nothing to change, but the note was meant to be kept: as a note.
            let keep = [ItemEdit {
                item: a.item.clone(),
                edit: Edit::Note,
                note: note.clone(),
            }];
            ctx.save(&keep)?;
            outln!(
                "{}: status already {status}; the note was added on its own",
                a.item
            );
        }
    }
    Ok(())
}
