//! `scrutineer export` (the tracker as CSV, or the officers' update workbook) and
//! `scrutineer import-updates` (an officer's filled-in workbook back: only what the
//! officer changed is applied, through the one write path).

use super::table::{Table, output_width};
use super::{Context, Failure, Outcome};
use crate::model::Item;
use crate::query::{self, Filter, SortKey};
use crate::text::sanitize;
use crate::tracker::updates::{self, About, Change, Plan};
use crate::tracker::{self, grid};
use crate::workspace::{self, Edit, ItemEdit};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// csv: the tracker (it imports back in); xlsx: the officers' update workbook, for
    /// lead officers to fill in and send back (`scrutineer import-updates`) [default: the
    /// one --output is named for (.xlsx, .csv), else csv]
    #[arg(long, value_parser = ["csv", "xlsx"])]
    format: Option<String>,
    /// Only this report (an export of one report imports back into one)
    #[arg(long, value_name = "ID")]
    report: Option<String>,
    /// Only this owner's lines: any alias as printed, or part of a name (repeat for several)
    #[arg(long, value_name = "NAME")]
    owner: Vec<String>,
    /// Write to this file [default: stdout, which for xlsx must not be a terminal]
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportUpdatesArgs {
    /// An officer's update: the workbook `export --format xlsx` made, filled in (or
    /// saved as CSV)
    file: PathBuf,
    /// Show the edits that would be made, and write nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn export(ctx: &Context, args: &ExportArgs) -> Outcome {
    let format = super::output_format(
        args.format.as_deref(),
        args.output.as_deref(),
        &[("csv", "csv"), ("xlsx", "xlsx")],
        "csv",
    )?;
    let xlsx = format == "xlsx";
    if xlsx && args.output.is_none() && super::stdout_is_terminal() {
        return Err(Failure::usage(
            "an xlsx workbook cannot be shown on the terminal: give --output FILE (or send it to a file: > FILE)",
        ));
    }
    let only = match &args.report {
        None => None,
        Some(id) => Some(
            ctx.ws
                .report(id)
                .ok_or_else(|| Failure::usage(super::suggest::unknown_report(&ctx.ws, id)))?,
        ),
    };
    let filter = Filter {
        owners: args.owner.clone(),
        report: args.report.clone(),
        // Signed-off items are closed: there is nothing left for an officer to update.
        statuses: if xlsx {
            updates::OFFICER_STATUSES.to_vec()
        } else {
            Vec::new()
        },
        ..Filter::default()
    };
    let hits = query::run(ctx.corpus(), &filter, SortKey::Report, ctx.today)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let items: Vec<&Item> = hits.iter().map(|h| &ctx.ws.items[h.item]).collect();
    let bytes = if xlsx {
        workbook(ctx, args, only, &items)?
    } else if args.owner.is_empty() {
        tracker::export(&ctx.ws.reports, &ctx.ws.items, only).into_bytes()
    } else {
        let chosen: Vec<Item> = items.iter().map(|i| (*i).clone()).collect();
        tracker::export(&ctx.ws.reports, &chosen, only).into_bytes()
    };
    match &args.output {
        None => write_bytes(&bytes),
        Some(path) => {
            workspace::store::write_atomically(path, &bytes)
                .map_err(|e| Failure::failed(e.to_string()))?;
            outln!("{}: written, {} item(s)", path.display(), items.len());
        }
    }
    Ok(())
}

/// The officers' update workbook of `items`, with what the About sheet says.
fn workbook(
    ctx: &Context,
    args: &ExportArgs,
    only: Option<usize>,
    items: &[&Item],
) -> Result<Vec<u8>, Failure> {
    if items.is_empty() {
        return Err(Failure::failed(
            "no open lines match (signed-off items are left out); nothing was written",
        ));
    }
    let about = About {
        workspace: ctx.ws.dir.display().to_string(),
        report: only.map_or("all reports".to_string(), |r| {
            let report = &ctx.ws.reports[r];
            format!("{} ({})", report.id, report.title)
        }),
        owners: owners_named(ctx, &args.owner)?,
        exported_at: ctx.now(),
        exported_by: workspace::login_name(),
    };
    updates::workbook(&ctx.ws.reports, items, &about)
        .map_err(|e| Failure::failed(format!("cannot make the workbook: {e}")))
}

/// The owners `--owner` names, as the directory knows them.
fn owners_named(ctx: &Context, words: &[String]) -> Result<String, Failure> {
    if words.is_empty() {
        return Ok("all owners".to_string());
    }
    let ids =
        query::resolve_owners(&ctx.ws.people, words).map_err(|e| Failure::usage(e.to_string()))?;
    let mut names = ctx.ws.people.names(&ids);
    names.sort();
    names.dedup();
    Ok(format!(
        "{} (asked for: {})",
        names.join(", "),
        words.join(", ")
    ))
}

/// Writes bytes to stdout, ending quietly when the reader has gone away.
fn write_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("scrutineer: cannot write the output: {e}");
        std::process::exit(1);
    }
}

pub fn import_updates(ctx: &Context, args: &ImportUpdatesArgs) -> Outcome {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    let grids = grid::read(&name, &bytes).map_err(|e| Failure::usage(format!("{name}: {e}")))?;
    let file = updates::read(&grids).map_err(|e| Failure::usage(format!("{name}: {e}")))?;
    let source = args
        .file
        .file_name()
        .map_or(name.clone(), |n| n.to_string_lossy().to_string());
    if !file.has_version {
        eprintln!(
            "scrutineer: note: {name} has no version column, so a change made in scrutineer since the export cannot be noticed; the officer's cells are compared with the items as they are now"
        );
    }
    let words = crate::workspace::import::vocabulary(&ctx.ws.dir).map_err(Failure::usage)?;
    let plan = updates::plan(&file, &source, &words, |id| {
        ctx.ws.find(id).map(|i| &ctx.ws.items[i])
    });
    let edits: Vec<ItemEdit> = plan
        .updates
        .iter()
        .map(|u| ItemEdit {
            item: u.item.clone(),
            edit: match &u.change {
                Change::Status { to, .. } => Edit::SetStatus(*to),
                Change::Note(_) => Edit::Note,
                Change::Revise { to, .. } => Edit::Revise(*to),
            },
            note: u.change.note(&source),
        })
        .collect();
    if !args.dry_run && !edits.is_empty() {
        ctx.writable()?;
    }
    print_edits(&plan, args.dry_run);
    if !args.dry_run && !edits.is_empty() {
        ctx.save(&edits)?;
    }
    outln!("{}", summary(&source, &plan, args.dry_run));
    print_not_applied(&plan);
    if args.dry_run {
        outln!("Dry run: nothing was written.");
    }
    let not_applied = plan.conflicts.len() + plan.problems.len();
    if not_applied == 0 {
        return Ok(());
    }
    let rest = match (plan.updates.is_empty(), args.dry_run) {
        (true, _) => "there was nothing else to apply",
        (false, true) => "the other edits would be applied",
        (false, false) => "the other edits were applied",
    };
    Err(Failure::failed(format!(
        "{} row(s) not applied ({} conflict(s), {} problem(s), listed above); {rest}",
        not_applied,
        plan.conflicts.len(),
        plan.problems.len()
    )))
}

/// The edits as a table, the same for a dry run and the real one.
fn print_edits(plan: &Plan, dry_run: bool) {
    if plan.updates.is_empty() {
        return;
    }
    outln!(
        "{}",
        if dry_run {
            "Edits that would be made:"
        } else {
            "Edits made:"
        }
    );
    let mut t = Table::new(vec!["where", "item", "change", "detail"], 3);
    for u in &plan.updates {
        t.row(vec![
            u.place.clone(),
            u.item.clone(),
            u.change.kind().to_string(),
            u.change.detail(),
        ]);
    }
    out!("{}", t.render(output_width()));
}

/// One line: rows read, edits by kind, unchanged, conflicts, problems.
fn summary(source: &str, plan: &Plan, dry_run: bool) -> String {
    let kinds: Vec<String> = plan
        .counts()
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    let by_kind = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    let already = if plan.already_applied > 0 {
        format!(", {} already applied", plan.already_applied)
    } else {
        String::new()
    };
    format!(
        "{}: {} row(s) read, {} edit(s) {}{by_kind}, {} unchanged{already}, {} conflict(s), {} problem(s)",
        sanitize(source, false),
        plan.rows,
        plan.updates.len(),
        if dry_run { "to apply" } else { "applied" },
        plan.unchanged,
        plan.conflicts.len(),
        plan.problems.len()
    )
}

fn print_not_applied(plan: &Plan) {
    if !plan.conflicts.is_empty() {
        outln!("Conflicts: changed in scrutineer since the export, so not applied:");
        for c in &plan.conflicts {
            let wanted: Vec<String> = c
                .wanted
                .iter()
                .map(|w| format!("{} {}", w.kind(), w.detail()))
                .collect();
            outln!(
                "  {}: {} (the officer's: {}); since the export:",
                clean(&c.place),
                clean(&c.item),
                clean(&wanted.join("; "))
            );
            for line in &c.since {
                outln!("    {}", clean(line));
            }
        }
    }
    if !plan.problems.is_empty() {
        outln!("Problems: not applied:");
        for p in &plan.problems {
            if p.item.is_empty() {
                outln!("  {}: {}", clean(&p.place), clean(&p.message));
            } else {
                outln!(
                    "  {}: {}: {}",
                    clean(&p.place),
                    clean(&p.item),
                    clean(&p.message)
                );
            }
        }
    }
}

/// Text from the file made safe for the terminal.
fn clean(text: &str) -> String {
    sanitize(text, false)
}
