//! The committee cycle's changing commands: revising a deadline, recording the
//! executive's response, adding a progress note, and signing items off.

use super::{Context, Failure, Outcome};
use crate::model::{ResponseKind, Status};
use crate::workspace::{self, Edit, ItemEdit};
use jiff::civil::Date;

#[derive(Debug, clap::Args)]
pub struct ReviseArgs {
    /// Item id
    id: String,
    /// The new deadline
    #[arg(value_parser = super::parse_date, value_name = "YYYY-MM-DD")]
    date: Date,
    /// Why the deadline moved (required: it goes in the history)
    #[arg(long)]
    reason: String,
}

#[derive(Debug, clap::Args)]
pub struct RespondArgs {
    /// Recommendation id (REPORT/REC, or REC alone when only one report has it)
    recommendation: String,
    /// accepted, partially-accepted, rejected, noted or awaiting
    response: Option<String>,
    /// Why (required for a rejection)
    #[arg(long)]
    reason: Option<String>,
    /// When the response is due
    #[arg(long, value_parser = super::parse_date, value_name = "YYYY-MM-DD")]
    due: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// Item id
    id: String,
    /// The note: a dated, signed progress note
    text: String,
}

#[derive(Debug, clap::Args)]
pub struct SignOffArgs {
    /// Item ids (each must be complete)
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// The meeting that signed them off [default: today]
    #[arg(long, value_parser = super::parse_date, value_name = "YYYY-MM-DD")]
    meeting: Option<Date>,
}

pub fn revise(ctx: &Context, args: &ReviseArgs) -> Outcome {
    let id = ctx.item_id(&args.id)?;
    if args.reason.trim().is_empty() {
        return Err(Failure::usage("a revised deadline needs a --reason"));
    }
    ctx.writable()?;
    let item = &ctx.ws.items[ctx.ws.find(&id).map_err(Failure::usage)?];
    let was = item.due().map_or("no date".to_string(), |d| d.to_string());
    let edit = ItemEdit {
        item: id.clone(),
        edit: Edit::Revise(args.date),
        note: args.reason.clone(),
    };
    for a in ctx.save(&[edit])? {
        if a.changed {
            outln!(
                "{id}: deadline revised from {was} to {} ({})",
                args.date,
                args.reason
            );
        } else {
            outln!("{id}: deadline already {}", args.date);
        }
    }
    Ok(())
}

pub fn respond(ctx: &Context, args: &RespondArgs) -> Outcome {
    let (r, x) = ctx
        .ws
        .find_recommendation(&args.recommendation)
        .map_err(|e| {
            if e.starts_with("no recommendation has") {
                super::suggest::unknown_recommendation(&ctx.ws, &args.recommendation, &e)
            } else {
                e
            }
        })
        .map_err(Failure::usage)?;
    let key = format!(
        "{}/{}",
        ctx.ws.reports[r].id, ctx.ws.reports[r].recommendations[x].id
    );
    let response = match &args.response {
        None => None,
        Some(text) => Some(super::parse_response(text)?),
    };
    if response.is_none() && args.due.is_none() {
        return Err(Failure::usage("give a response, or --due DATE, or both"));
    }
    let reason = args.reason.clone().unwrap_or_default();
    if response == Some(ResponseKind::Rejected) && reason.trim().is_empty() {
        return Err(Failure::usage("a rejection needs a --reason"));
    }
    ctx.writable()?;
    let mut edits = Vec::new();
    if let Some(kind) = response {
        edits.push(ItemEdit {
            item: key.clone(),
            edit: Edit::Respond(kind),
            note: reason,
        });
    }
    if let Some(due) = args.due {
        edits.push(ItemEdit {
            item: key.clone(),
            edit: Edit::ResponseDue(due),
            note: String::new(),
        });
    }
    ctx.save(&edits)?;
    match (response, args.due) {
        (Some(kind), Some(due)) => outln!("{key}: {} (response due {due})", kind.label()),
        (Some(kind), None) => outln!("{key}: {}", kind.label()),
        (None, Some(due)) => outln!("{key}: response due {due}"),
        (None, None) => {}
    }
    Ok(())
}

pub fn note(ctx: &Context, args: &NoteArgs) -> Outcome {
    let id = ctx.item_id(&args.id)?;
    if args.text.trim().is_empty() {
        return Err(Failure::usage("the note is empty"));
    }
    ctx.writable()?;
    ctx.save(&[ItemEdit {
        item: id.clone(),
        edit: Edit::Note,
        note: args.text.clone(),
    }])?;
    outln!("{id}: note added by {}", workspace::login_name());
    Ok(())
}

pub fn sign_off(ctx: &Context, args: &SignOffArgs) -> Outcome {
    let meeting = args.meeting.unwrap_or(ctx.today);
    let mut edits = Vec::new();
    for id in &args.ids {
        let i = ctx.ws.find(id).map_err(Failure::usage)?;
        let item = &ctx.ws.items[i];
        if !item.tracking.status.is_done() {
            return Err(Failure::usage(format!(
                "{} is {}, not complete: only completed items can be signed off (set `scrutineer status {} complete` first)",
                item.id, item.tracking.status, item.id
            )));
        }
        edits.push(ItemEdit {
            item: item.id.clone(),
            edit: Edit::SetStatus(Status::SignedOff),
            note: format!("signed off at the meeting on {meeting}"),
        });
    }
    ctx.writable()?;
    for a in ctx.save(&edits)? {
        if a.changed {
            outln!("{}: signed off at the meeting on {meeting}", a.item);
        } else {
            outln!("{}: already signed off", a.item);
        }
    }
    Ok(())
}
