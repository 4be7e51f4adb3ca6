//! `scrutineer import`: a council's tracker (a spreadsheet or CSV) read into a report,
//! its columns recognised, nothing dropped, with a dry run that tells the truth.

use super::{Context, Failure, Outcome};
use crate::tracker::{self, Field};
use crate::workspace::{self, import};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The tracker: a spreadsheet (.xlsx, .xlsm, .xls, .ods) or CSV (comma, semicolon or
    /// tab; UTF-8 or UTF-16)
    file: PathBuf,
    /// The sheet to read, by name or number (1 is the first) [default: the sheet
    /// that looks most like a tracker]
    #[arg(long, value_name = "NAME|N")]
    sheet: Option<String>,
    /// The report to add to (created when it does not exist)
    #[arg(long, value_name = "ID")]
    report: String,
    /// The new report's title
    #[arg(long)]
    title: Option<String>,
    /// The new report's authority
    #[arg(long)]
    authority: Option<String>,
    /// Name a column explicitly: FIELD=HEADER, where FIELD is id, ref, heading,
    /// recommendation, action, owner, portfolio-holder, timescale, revised-date, status,
    /// progress, next-steps, success-measure, response, monitoring or origin (repeat as
    /// needed)
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// Show what would be created, and write nothing
    #[arg(long)]
    dry_run: bool,
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
    let mapping = mapping(args)?;
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::usage(format!("cannot read {name}: {e}")))?;
    let vocabulary = import::vocabulary(&ctx.ws.dir).map_err(Failure::usage)?;
    let options = tracker::Options {
        mapping,
        sheet: args.sheet.clone(),
        vocabulary,
    };
    let plan = tracker::read(&name, &bytes, &options).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("{name}: {e}")).collect();
        Failure::usage(format!("{}\nnothing was imported", lines.join("\n")))
    })?;
    describe(ctx, &name, &plan);
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
    let who = workspace::store::author();
    if !args.dry_run {
        ctx.writable()?;
    }
    // The dry run and the real import share everything up to the write.
    let prepared = import::prepare(&ctx.ws.dir, &target, &plan, &who, ctx.now())
        .map_err(|e| Failure::failed(e.to_string()))?;
    let s = &prepared.summary;
    let counts = format!(
        "{} recommendation(s), {} action(s), {} status(es), {} progress note(s), {} revised date(s), {} response(s)",
        s.recommendations, s.actions, s.statuses, s.notes, s.revisions, s.responses
    );
    let verb = if s.created_report { "create" } else { "add to" };
    if args.dry_run {
        outln!(
            "Dry run: would {verb} report `{}` with {counts}:",
            args.report
        );
        match import::preview(&ctx.ws.dir, &prepared) {
            Ok(ws) => {
                let items: Vec<&crate::model::Item> = ws
                    .items
                    .iter()
                    .filter(|i| ws.reports[i.report].id == args.report)
                    .collect();
                super::list::print_table(&ws, ctx.today, &items);
            }
            Err(e) => outln!("(the items cannot be shown: {e})"),
        }
        outln!("Nothing was written.");
        return Ok(());
    }
    let summary = import::commit(&ctx.ws.dir, &prepared, &who, || ctx.now())
        .map_err(|e| Failure::failed(e.to_string()))?;
    outln!(
        "{} report `{}`: {counts}, imported from {source}",
        if summary.created_report {
            "Created"
        } else {
            "Added to"
        },
        args.report,
    );
    Ok(())
}

/// Column letters as a spreadsheet shows them: A, B, ... Z, AA.
fn column_letter(i: usize) -> String {
    tracker::read::letters(i + 1, b'A')
}

/// What the reader made of the file: the sheet, the header row, where each column
/// went, what it could not read, owners to add to the directory, and the cells.
fn describe(ctx: &Context, name: &str, plan: &tracker::Plan) {
    let sheet = plan
        .sheet
        .as_ref()
        .map(|s| format!(", sheet \"{s}\""))
        .unwrap_or_default();
    let why = if plan.sheet_reason.is_empty() {
        String::new()
    } else {
        format!(" ({})", plan.sheet_reason)
    };
    outln!(
        "Read {name}{sheet}{why}; header row at {}.",
        plan.header_place
    );
    outln!("Columns:");
    let width = plan
        .columns
        .iter()
        .map(|(h, _)| h.chars().count().min(40))
        .max()
        .unwrap_or(0);
    let mut left_over = Vec::new();
    for (i, (header, field)) in plan.columns.iter().enumerate() {
        if header.is_empty() && field.is_none() {
            continue;
        }
        let shown: String = crate::text::sanitize(header, false)
            .chars()
            .take(40)
            .collect();
        let target = match field {
            Some(f) => f.as_str().to_string(),
            None => {
                left_over.push(format!("{} \"{shown}\"", column_letter(i)));
                "(kept aside on each item, under its header)".to_string()
            }
        };
        outln!("  {:<3} {:<width$}  -> {target}", column_letter(i), shown);
    }
    if !left_over.is_empty() {
        outln!("Columns left over (kept aside): {}", left_over.join(", "));
    }
    if let Some(title) = &plan.title {
        outln!("Above the table: {}", crate::text::sanitize(title, false));
    }
    if plan.repeated_headers > 0 {
        outln!(
            "Skipped {} row(s) repeating the header (page breaks).",
            plan.repeated_headers
        );
    }
    if !plan.warnings.is_empty() {
        outln!("Kept as printed ({}):", plan.warnings.len());
        for w in &plan.warnings {
            outln!("  {}", crate::text::sanitize(&w.to_string(), false));
        }
    }
    owners(ctx, plan);
    timescales(plan);
    outln!(
        "Cells: {} placed in fields, notes and headings; {} kept aside with their headers.",
        plan.cells_placed,
        plan.cells_kept_aside
    );
}

/// Every timescale that would be kept as text, not understood, with its row, so the
/// clerk can fix the sheet before the import is made.
fn timescales(plan: &tracker::Plan) {
    let printed = plan
        .actions
        .iter()
        .map(|a| (a.timescale.as_str(), a.place.as_str()))
        .chain(
            plan.recommendations
                .iter()
                .map(|r| (r.timescale.as_str(), r.place.as_str())),
        );
    let unread: Vec<String> = printed
        .filter(|(t, _)| {
            !t.trim().is_empty()
                && crate::model::parse_timescale(t, None).kind
                    == crate::model::DeadlineKind::Unknown
        })
        .map(|(t, place)| format!("  {place}: `{}`", crate::text::sanitize(t, false)))
        .collect();
    if !unread.is_empty() {
        outln!(
            "Timescales kept as text, with no deadline ({}): fix them in the sheet, or revise the items after the import:",
            unread.len()
        );
        for line in unread {
            outln!("{line}");
        }
    }
}

/// Owners the directory does not know, spellings that may be one person, and the
/// people.toml entries that would say so. Nothing is merged.
fn owners(ctx: &Context, plan: &tracker::Plan) {
    let mut printed: Vec<String> = Vec::new();
    for o in plan
        .actions
        .iter()
        .flat_map(|a| a.owners.iter())
        .chain(plan.recommendations.iter().flat_map(|r| r.owners.iter()))
    {
        if !printed.contains(o) {
            printed.push(o.clone());
        }
    }
    let unknown: Vec<String> = printed
        .iter()
        .filter(|o| ctx.ws.people.resolve(o).is_none())
        .cloned()
        .collect();
    if unknown.is_empty() {
        return;
    }
    let shown: Vec<String> = unknown
        .iter()
        .map(|o| crate::text::sanitize(o, false))
        .collect();
    outln!(
        "Owners not in people.toml, kept as printed ({}): {}",
        unknown.len(),
        shown.join("; ")
    );
    let mut known: Vec<String> = ctx
        .ws
        .people
        .owners
        .iter()
        .filter(|o| !o.unlisted)
        .flat_map(|o| std::iter::once(o.name.clone()).chain(o.aliases.iter().cloned()))
        .collect();
    known.dedup();
    let mut all = unknown.clone();
    all.extend(known.iter().cloned());
    for (a, b) in tracker::owners::near_duplicates(&all) {
        if !unknown.contains(&a) && !unknown.contains(&b) {
            continue;
        }
        let (a, b) = (
            crate::text::sanitize(&a, false),
            crate::text::sanitize(&b, false),
        );
        outln!(
            "  \"{a}\" and \"{b}\" may be one person (not merged): if so, list both as aliases of one owner in people.toml:"
        );
        let (name, _) = tracker::owners::name_and_role(&a);
        outln!(
            "    [[owner]]\n    id = \"{}\"\n    name = \"{name}\"\n    aliases = [\"{a}\", \"{b}\"]",
            crate::model::owner::alias_key(&name)
        );
    }
    for o in &unknown {
        let (name, role) = tracker::owners::name_and_role(o);
        if role.is_empty() {
            continue;
        }
        let (name, role, o) = (
            crate::text::sanitize(&name, false),
            crate::text::sanitize(&role, false),
            crate::text::sanitize(o, false),
        );
        outln!(
            "  \"{o}\" is printed with a job title; as an owner in people.toml:\n    [[owner]]\n    id = \"{}\"\n    name = \"{name}\"\n    role = \"{role}\"\n    aliases = [\"{o}\"]",
            crate::model::owner::alias_key(&name)
        );
    }
}
