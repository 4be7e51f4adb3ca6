//! `scrutineer list`: the tracked items, with the query engine's filters and sorts.

use super::table::{Table, output_width};
use super::{Context, Failure, Outcome, parse_status};
use crate::model::{Item, Readiness, Urgency};
use crate::query::{self, Filter, SortKey};
use crate::text::csv_row;
use crate::workspace::Workspace;
use jiff::civil::Date;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only items this owner has: any alias as printed, or part of a name (repeat for several)
    #[arg(long, value_name = "NAME")]
    owner: Vec<String>,
    /// Only items with this status (not-started, on-track, at-risk, off-track, complete, signed-off)
    #[arg(long, value_name = "STATUS")]
    status: Vec<String>,
    /// Only items of this report (see `scrutineer reports`)
    #[arg(long, value_name = "ID")]
    report: Option<String>,
    /// Only items answering a recommendation with this response (accepted,
    /// partially-accepted, rejected, noted, awaiting)
    #[arg(long, value_name = "RESPONSE")]
    response: Vec<String>,
    /// Only items marked ready for a meeting still to come
    #[arg(long, conflicts_with = "not_ready")]
    ready: bool,
    /// Only items not marked ready
    #[arg(long)]
    not_ready: bool,
    /// Only items past their deadline and not complete
    #[arg(long)]
    overdue: bool,
    /// Only items due on or before this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    due_before: Option<Date>,
    /// Only items due on or after this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    due_after: Option<Date>,
    /// Only items due between today and this many days ahead
    #[arg(long, value_name = "DAYS")]
    due_within: Option<u32>,
    /// Fuzzy search over all text (words must all match)
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Sort by report, deadline, owner, status or score [default: score when searching, else report]
    #[arg(long, value_name = "KEY", value_parser = ["report", "deadline", "owner", "status", "score"])]
    sort: Option<String>,
    /// table, csv or json
    #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
    format: String,
}

impl Args {
    fn filter(&self) -> Result<Filter, Failure> {
        Ok(Filter {
            owners: self.owner.clone(),
            statuses: self
                .status
                .iter()
                .map(|s| parse_status(s))
                .collect::<Result<_, _>>()?,
            report: self.report.clone(),
            ready: match (self.ready, self.not_ready) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
            responses: self
                .response
                .iter()
                .map(|r| super::parse_response(r))
                .collect::<Result<_, _>>()?,
            overdue: self.overdue,
            due_before: self.due_before,
            due_after: self.due_after,
            due_within: self.due_within.map(i64::from),
            search: self.search.clone().unwrap_or_default(),
        })
    }
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let filter = args.filter()?;
    let sort = match (&args.sort, filter.search.trim().is_empty()) {
        (Some(key), _) => SortKey::parse(key).unwrap_or_default(),
        (None, true) => SortKey::Report,
        (None, false) => SortKey::Score,
    };
    let hits = query::run(ctx.corpus(), &filter, sort, ctx.today).map_err(|e| {
        // Said with what was probably meant: `leicester` -> `leicester-2003`.
        Failure::usage(match &e {
            query::QueryError::UnknownReport(id) => super::suggest::unknown_report(&ctx.ws, id),
            query::QueryError::UnknownOwner(w) => super::suggest::unknown_owner(&ctx.ws, w),
        })
    })?;
    let items: Vec<&Item> = hits.iter().map(|h| &ctx.ws.items[h.item]).collect();
    match args.format.as_str() {
        "json" => {
            let all: Vec<_> = items.iter().map(|i| item_json(ctx, i)).collect();
            outln!("{}", super::json_text(&all));
        }
        "csv" => {
            let mut out = csv_row(&[
                "id",
                "report",
                "recommendations",
                "text",
                "timescale",
                "deadline",
                "deadline_kind",
                "owners",
                "owners_as_printed",
                "status",
                "ready_for",
            ]);
            for i in &items {
                out.push_str(&csv_row(&[
                    &i.id,
                    &ctx.ws.reports[i.report].id,
                    &i.recommendations.join("; "),
                    &i.text,
                    &i.timescale,
                    &i.deadline.due.map(|d| d.to_string()).unwrap_or_default(),
                    i.deadline.kind.as_str(),
                    &owner_names(ctx, i).join("; "),
                    &i.owners_as_printed.join("; "),
                    i.tracking.status.as_str(),
                    &i.tracking
                        .ready_for
                        .map(|r| r.to_string())
                        .unwrap_or_default(),
                ]));
            }
            out!("{out}");
        }
        _ => print_table(&ctx.ws, ctx.today, &items),
    }
    Ok(())
}

fn owner_names(ctx: &Context, item: &Item) -> Vec<String> {
    ctx.ws.people.names(&item.owners)
}

/// The items as a table (the dry run of an import shows its items the same way).
pub fn print_table(ws: &Workspace, today: Date, items: &[&Item]) {
    let colour = super::use_colour();
    let mut t = Table::new(vec!["id", "text", "owners", "due", "status", "ready"], 1);
    for i in items {
        let urgency = Urgency::of(i, today);
        let due = format!("{} {}", urgency.symbol(), i.due_label());
        t.row(vec![
            i.id.clone(),
            i.text.to_string(),
            ws.people.names(&i.owners).join(", "),
            due,
            i.tracking.status.as_str().to_string(),
            match i.readiness(&ws.committees, today) {
                Readiness::NotReady => String::new(),
                Readiness::Upcoming(Some(d)) => d.to_string(),
                Readiness::Upcoming(None) => "next".to_string(),
                Readiness::Presented(d) => format!("presented {d}"),
            },
        ]);
    }
    let rendered = t.render(output_width());
    if colour {
        // Overdue rows in red; the "!" beside the date carries the same meaning uncoloured.
        for (line, item) in rendered
            .lines()
            .zip(std::iter::once(None).chain(items.iter().map(Some)))
        {
            match item {
                Some(i) if Urgency::of(i, today) == Urgency::Overdue => {
                    let line = crate::text::escape_controls(line, false);
                    super::write_stdout_raw(format!("\u{1b}[31m{line}\u{1b}[0m\n").as_bytes())
                }
                None => {
                    let line = crate::text::escape_controls(line, false);
                    super::write_stdout_raw(format!("\u{1b}[1m{line}\u{1b}[0m\n").as_bytes())
                }
                _ => outln!("{line}"),
            }
        }
    } else {
        out!("{rendered}");
    }
    eprintln!(
        "{} item(s); ! overdue, ~ due within {} days, ✓ done, ? undated",
        items.len(),
        Urgency::SOON_DAYS
    );
}

pub fn item_json(ctx: &Context, i: &Item) -> serde_json::Value {
    json!({
        "id": i.id,
        "kind": i.kind.as_str(),
        "report": ctx.ws.reports[i.report].id,
        "recommendations": i.recommendations,
        "text": i.text,
        "timescale": i.timescale,
        "deadline": i.deadline.due.map(|d| d.to_string()),
        "current_deadline": i.due().map(|d| d.to_string()),
        "revised_deadline": i.tracking.revised_deadline.map(|d| d.to_string()),
        "deadline_kind": i.deadline.kind.as_str(),
        "deadline_from": i.deadline.from.map(|d| d.to_string()),
        "deadline_explanation": i.deadline.explanation,
        "deadline_precision": i.deadline.precision.map(|p| p.as_str()),
        "deadline_counted_from": i.deadline.counted_from.map(|d| d.to_string()),
        "overdue": i.is_overdue(ctx.today),
        "owners": owner_names(ctx, i),
        "owners_as_printed": i.owners_as_printed,
        "status": i.tracking.status.as_str(),
        "ready_for": i.tracking.ready_for.map(|r| r.to_string()),
        "readiness": i.readiness(&ctx.ws.committees, ctx.today).label(),
        "readiness": i.readiness(&ctx.ws.committees, ctx.today).label(),
        "warnings": i.warnings,
        "imported": crate::model::imported_cells(&ctx.ws.reports[i.report], i)
            .iter()
            .map(|c| json!({"column": c.column, "field": c.field, "text": c.text}))
            .collect::<Vec<_>>(),
    })
}
