//! `scrutineer recommendations`: every recommendation with the executive's response,
//! filterable by response and report.

use super::table::{Table, output_width};
use super::{Context, Failure, Outcome};
use crate::model::ResponseKind;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only recommendations with this response (awaiting, accepted, partially-accepted, rejected, noted)
    #[arg(long)]
    response: Vec<String>,
    /// Only this report's
    #[arg(long, value_name = "ID")]
    report: Option<String>,
    /// Only those whose response is due before today and still awaited
    #[arg(long)]
    response_overdue: bool,
    /// table or json
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    format: String,
}

pub fn run(ctx: &Context, args: &Args) -> Outcome {
    let wanted: Vec<ResponseKind> = args
        .response
        .iter()
        .map(|r| super::parse_response(r))
        .collect::<Result<_, _>>()?;
    if let Some(id) = &args.report
        && ctx.ws.report(id).is_none()
    {
        return Err(Failure::usage(super::suggest::unknown_report(&ctx.ws, id)));
    }
    let mut rows = Vec::new();
    for report in &ctx.ws.reports {
        if args.report.as_ref().is_some_and(|id| id != &report.id) {
            continue;
        }
        for rec in &report.recommendations {
            let r = &rec.response;
            let overdue = r.kind == ResponseKind::Awaiting && r.due.is_some_and(|d| d < ctx.today);
            if (!wanted.is_empty() && !wanted.contains(&r.kind))
                || (args.response_overdue && !overdue)
            {
                continue;
            }
            rows.push((report, rec, overdue));
        }
    }
    if args.format == "json" {
        let all: Vec<_> = rows
            .iter()
            .map(|(report, rec, overdue)| {
                json!({
                    "id": format!("{}/{}", report.id, rec.id),
                    "report": report.id,
                    "ref": rec.reference,
                    "heading": rec.heading,
                    "text": rec.text,
                    "addressed_to": rec.addressed_to,
                    "response": rec.response.kind.as_str(),
                    "reason": rec.response.reason,
                    "response_due": rec.response.due.map(|d| d.to_string()),
                    "response_overdue": overdue,
                })
            })
            .collect();
        outln!("{}", super::json_text(&all));
        return Ok(());
    }
    let mut t = Table::new(vec!["id", "text", "response", "due"], 1);
    for (report, rec, overdue) in &rows {
        t.row(vec![
            format!("{}/{}", report.id, rec.id),
            rec.text.to_string(),
            rec.response.kind.label().to_string(),
            match rec.response.due {
                Some(d) if *overdue => format!("! {d}"),
                Some(d) => d.to_string(),
                None => String::new(),
            },
        ]);
    }
    out!("{}", t.render(output_width()));
    Ok(())
}
