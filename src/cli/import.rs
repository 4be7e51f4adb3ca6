//! `scrutineer import` and `scrutineer export`: trackers kept as spreadsheets, in and
//! out as CSV.

use super::table::{Table, output_width};
use super::{Context, Failure, Outcome};
use crate::tracker::{self, Field};
use crate::workspace::{self, import};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The tracker, exported from a spreadsheet as CSV (comma, semicolon or tab)
    file: PathBuf,
    /// The report to add to (created when it does not exist)
    #[arg(long, value_name = "ID")]
    report: String,
    /// The new report's title
    #[arg(long)]
    title: Option<String>,
    /// The new report's authority
    #[arg(long)]
    authority: Option<String>,
    /// Name a column explicitly: FIELD=HEADER, where FIELD is id, ref, recommendation,
    /// action, timescale, owner, status or progress (repeat as needed)
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// Show what would be created, and write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Only this report (an export of one report imports back into one)
    #[arg(long, value_name = "ID")]
    report: Option<String>,
}

fn mapping(args: &ImportArgs) -> Result<Vec<(Field, String)>, Failure> {
    args.map
        .iter()
        .map(|m| {
            let (field, header) = m.split_once('=').ok_or_else(|| {
                Failure::usage(format!("--map expects FIELD=HEADER, found `{m}`"))
            })?;
            let field = Field::parse(field).ok_or_else(|| {
                Failure::usage(format!(
                    "--map: unknown field `{field}`; expected one of {}",
                    Field::ALL.map(Field::as_str).join(", ")
                ))
            })?;
            Ok((field, header.to_string()))
        })
        .collect()
}

fn valid_report_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn import(ctx: &Context, args: &ImportArgs) -> Outcome {
    if !valid_report_id(&args.report) {
        return Err(Failure::usage(format!(
            "--report `{}`: a report id is lower-case letters, digits and `-`",
            args.report
        )));
    }
    let map = mapping(args)?;
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::usage(format!(
            "{name}: not UTF-8 text after byte {} (export the spreadsheet as \"CSV UTF-8\")",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let plan = tracker::read(&text, &map).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{name}:{}: {}", e.line, e.message))
            .collect();
        Failure::usage(format!("{}\nnothing was imported", lines.join("\n")))
    })?;
    let exists = ctx.ws.report(&args.report).is_some();
    let columns: Vec<String> = plan
        .columns
        .iter()
        .map(|(h, f)| format!("{h:?} -> {}", f.map_or("(ignored)", Field::as_str)))
        .collect();
    outln!("Columns: {}", columns.join(", "));
    if args.dry_run {
        outln!(
            "Dry run: would {} report `{}` with {} recommendation(s) and {} action(s):",
            if exists { "add to" } else { "create" },
            args.report,
            plan.recommendations.len(),
            plan.actions.len()
        );
        let mut t = Table::new(
            vec!["id", "answers", "action", "timescale", "owners", "status"],
            2,
        );
        for a in &plan.actions {
            t.row(vec![
                format!("{}/{}", args.report, a.id),
                a.answers.join(", "),
                a.text.clone(),
                a.timescale.clone(),
                a.owners.join(", "),
                a.status.map(|s| s.to_string()).unwrap_or_default(),
            ]);
        }
        out!("{}", t.render(output_width()));
        outln!("Nothing was written.");
        return Ok(());
    }
    ctx.writable()?;
    let source = args
        .file
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().to_string());
    let target = import::Target {
        report: &args.report,
        title: args.title.as_deref(),
        authority: args.authority.as_deref(),
        source: &source,
    };
    let summary = import::import(
        &ctx.ws.dir,
        &target,
        &plan,
        &workspace::login_name(),
        ctx.now(),
    )
    .map_err(|e| Failure::failed(e.to_string()))?;
    outln!(
        "{} report `{}`: {} recommendation(s), {} action(s), {} status(es), {} progress note(s) imported from {source}",
        if summary.created_report {
            "Created"
        } else {
            "Added to"
        },
        args.report,
        summary.recommendations,
        summary.actions,
        summary.statuses,
        summary.notes
    );
    Ok(())
}

pub fn export(ctx: &Context, args: &ExportArgs) -> Outcome {
    let only = match &args.report {
        None => None,
        Some(id) => Some(
            ctx.ws
                .report(id)
                .ok_or_else(|| Failure::usage(format!("no report has the id `{id}`")))?,
        ),
    };
    out!("{}", tracker::export(&ctx.ws.reports, &ctx.ws.items, only));
    Ok(())
}
