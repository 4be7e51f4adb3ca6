//! `scrutineer triage`: the five-minute picture. Counts by status; overdue, due soon
//! and ready per owner; the next meeting.

use super::table::{Table, output_width};
use super::{Context, Outcome};
use crate::model::{OwnerId, Status, Urgency, next_meeting};
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// table or json
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    format: String,
}

/// The triage figures, shared by the table and JSON forms.
pub struct Triage {
    pub by_status: Vec<(Status, usize)>,
    pub overdue: usize,
    pub due_soon: usize,
    pub ready: usize,
    /// Per owner: items, overdue, due soon, ready.
    pub owners: Vec<(OwnerId, [usize; 4])>,
}

pub fn count(ctx: &Context) -> Triage {
    let items = &ctx.ws.items;
    let by_status = Status::ALL
        .iter()
        .map(|s| (*s, items.iter().filter(|i| i.tracking.status == *s).count()))
        .collect();
    let mut per: BTreeMap<OwnerId, [usize; 4]> = BTreeMap::new();
    let (mut overdue, mut due_soon, mut ready) = (0, 0, 0);
    for item in items {
        // The same definitions as the filters (`list --overdue`, `--due-within 30`)
        // and the workbench's Triage.
        let is_overdue = item.is_overdue(ctx.today);
        let is_soon = crate::query::is_due_soon(item, ctx.today);
        let is_ready = item.readiness(&ctx.ws.committees, ctx.today).is_upcoming();
        overdue += usize::from(is_overdue);
        due_soon += usize::from(is_soon);
        ready += usize::from(is_ready);
        for o in &item.owners {
            let row = per.entry(*o).or_default();
            row[0] += 1;
            row[1] += usize::from(is_overdue);
            row[2] += usize::from(is_soon);
            row[3] += usize::from(is_ready);
        }
    }
    let mut owners: Vec<_> = per.into_iter().collect();
    owners.sort_by(|(a, x), (b, y)| {
        y[1].cmp(&x[1]).then(y[2].cmp(&x[2])).then(
            ctx.ws
                .people
                .get(*a)
                .name
                .to_lowercase()
                .cmp(&ctx.ws.people.get(*b).name.to_lowercase()),
        )
    });
    Triage {
        by_status,
        overdue,
        due_soon,
        ready,
        owners,
    }
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    out!("{}", render(ctx, args.format == "json"));
    Ok(())
}

/// The triage as text (or JSON), as printed.
pub fn render(ctx: &Context, as_json: bool) -> String {
    let t = count(ctx);
    let next = next_meeting(&ctx.ws.committees, ctx.today);
    let agenda = crate::agenda::build(
        &ctx.ws.reports,
        &ctx.ws.items,
        &ctx.ws.committees,
        crate::agenda::MeetingChoice::Next,
        ctx.today,
    );
    if as_json {
        let value = json!({
            "today": ctx.today.to_string(),
            "items": ctx.ws.items.len(),
            "by_status": t.by_status.iter().map(|(s, n)| (s.as_str().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "overdue": t.overdue,
            "due_within_30_days": t.due_soon,
            "ready": t.ready,
            "next_meeting": next.as_ref().map(|m| json!({
                "date": m.date.to_string(),
                "committee": m.committee_name,
                "inferred": crate::model::inferred_json(m.date_inferred.as_deref().map(|why| ("date", why))),
            })),
            "ready_for_next_meeting": agenda.len(),
            "owners": t.owners.iter().map(|(o, n)| json!({
                "owner": ctx.ws.people.get(*o).name,
                "items": n[0], "overdue": n[1], "due_within_30_days": n[2], "ready": n[3],
            })).collect::<Vec<_>>(),
        });
        return format!("{}\n", super::json_text(&value));
    }
    let mut out = format!(
        "Triage on {}: {} items in {} reports\n\n",
        ctx.today,
        ctx.ws.items.len(),
        ctx.ws.reports.len()
    );
    let statuses: Vec<String> = t
        .by_status
        .iter()
        .map(|(s, n)| format!("{} {n}", s.as_str()))
        .collect();
    out.push_str(&format!("By status:  {}\n", statuses.join(" · ")));
    out.push_str(&format!(
        "Overdue: {}   Due within {} days: {}   Marked ready: {}\n",
        t.overdue,
        Urgency::SOON_DAYS,
        t.due_soon,
        t.ready
    ));
    match &next {
        Some(m) => out.push_str(&format!(
            "Next meeting: {} on {}{}; {} item(s) ready for it\n\n",
            m.committee_name,
            m.date.strftime("%A %-d %B %Y"),
            crate::model::date_inferred_note(m.date_inferred.as_deref()),
            agenda.len()
        )),
        None => out.push_str(&format!(
            "Next meeting: not yet scheduled; {} item(s) marked ready for it\n\n",
            agenda.len()
        )),
    }
    let mut table = Table::new(vec!["owner", "items", "overdue", "due soon", "ready"], 0);
    for (o, n) in &t.owners {
        table.row(vec![
            ctx.ws.people.get(*o).name.clone(),
            n[0].to_string(),
            n[1].to_string(),
            n[2].to_string(),
            n[3].to_string(),
        ]);
    }
    out.push_str(&table.render(output_width()));
    out
}
