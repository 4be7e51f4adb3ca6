//! The command line: global flags, the workspace they select, and one module per
//! subcommand. Errors carry their exit code: 2 for bad input, 1 for failures.

/// Prints to stdout like `print!`, but a closed pipe (`scrutineer list | head`) ends
/// the program quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::write_stdout(format_args!($($arg)*))
    };
}

/// `println!`, with `out!`'s handling of a closed pipe.
macro_rules! outln {
    () => { out!("\n") };
    ($($arg:tt)*) => {{
        out!($($arg)*);
        out!("\n");
    }};
}

mod agenda;
mod check;
mod cycle;
mod history;
mod import;
mod list;
mod mark;
mod plan;
mod recommendations;
mod reports;
mod serve;
mod suggest;
mod sync;
pub mod table;
mod triage;
mod updates;

use crate::model::{ResponseKind, Status};
use crate::query::{Corpus, SearchIndex};
use crate::workspace::{self, Workspace};
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use std::path::PathBuf;

/// scrutineer: prepare select (scrutiny) committee meetings from inspection reports,
/// their recommendations and the action plans that answer them.
///
/// With no command, opens the terminal workbench on the workspace.
#[derive(Debug, Parser)]
#[command(name = "scrutineer", version, about, long_about)]
pub struct Args {
    /// The workspace folder [default: your data folder, created from the bundled reports on first run]
    #[arg(long, global = true, env = "SCRUTINEER_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,

    /// The date to treat as today, for reproducible reports and tests
    #[arg(long, global = true, env = "SCRUTINEER_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<Date>,

    /// Open the workspace without changing anything (for committee members)
    #[arg(long, global = true)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One line per report; --format json gives each report with its recommendations
    Reports(reports::Args),
    /// List tracked items (actions, and recommendations with no action), filtered and sorted
    List(list::Args),
    /// Counts by status; overdue, due soon and ready per owner; the next meeting
    Triage(triage::Args),
    /// The items marked ready for a meeting, grouped by report and recommendation
    Agenda(agenda::Args),
    /// Mark items ready for the next select committee (or a given meeting)
    Mark(mark::MarkArgs),
    /// Remove items' readiness marks
    Unmark(mark::UnmarkArgs),
    /// Set an item's status
    Status(mark::StatusArgs),
    /// Validate the workspace: errors with file, line and column, then data warnings
    Check,
    /// Revise an item's deadline, with a reason (the original timescale is kept)
    Revise(cycle::ReviseArgs),
    /// Record the executive's response to a recommendation, and when it is due
    Respond(cycle::RespondArgs),
    /// Recommendations with their responses, filterable
    Recommendations(recommendations::Args),
    /// Add a dated, signed progress note to an item
    Note(cycle::NoteArgs),
    /// Sign off completed items at a meeting
    Signoff(cycle::SignOffArgs),
    /// Who changed what and when, for an item or a recommendation
    History(history::Args),
    /// The forward plan: the next meetings, what is ready, falling due and promised back
    Plan(plan::Args),
    /// Import a council's tracker: a spreadsheet (xlsx, xlsm, xls, ods) or CSV
    Import(import::ImportArgs),
    /// Export the tracker as CSV (it imports back in), or the officers' update workbook (xlsx)
    Export(updates::ExportArgs),
    /// Apply an officer's filled-in update workbook: only what the officer changed
    ImportUpdates(updates::ImportUpdatesArgs),
    /// Merge three versions of tracking.toml item by item (git runs this as its merge
    /// driver once `git-setup` is done)
    MergeTracking(sync::MergeArgs),
    /// Set the workspace's git repository up for several offices: tracking.toml merges
    /// item by item, the lock and temporary files are ignored
    GitSetup,
    /// Commit your changes, pull the other offices' (merged item by item), push
    Sync,
    /// Put tracking.toml's items in order by id once, so that later changes to different
    /// items never touch the same lines
    Tidy,
    /// The workbench over SSH, for members (read only) and clerks, by key: no shell
    /// accounts needed
    Serve(serve::Args),
}

/// A failure with the exit code it should give.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad input from the person: a flag, an id, a status (exit code 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// Something went wrong doing what was asked (exit code 1).
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

pub type Outcome = Result<(), Failure>;

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("expected a date like 2026-12-03, found `{text}`"))
}

/// The one clock of a run, made from the flags and given to both shells (the commands
/// and the workbench): what day it is, and when a change made now is stamped. With
/// `--today` (or `SCRUTINEER_TODAY`) a change is stamped on that day at the current
/// time of day, so a session run "as of" a date records its changes on that date,
/// whichever shell makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    today: Date,
    /// Whether today was given rather than read off the system clock.
    given: bool,
}

impl Clock {
    /// The given day, or the system's today.
    pub fn from_flags(today: Option<Date>) -> Clock {
        match today {
            Some(today) => Clock { today, given: true },
            None => Clock {
                today: jiff::Zoned::now().date(),
                given: false,
            },
        }
    }

    pub fn today(&self) -> Date {
        self.today
    }

    /// Whether today was given (--today or SCRUTINEER_TODAY).
    pub fn given(&self) -> bool {
        self.given
    }
}

impl workspace::store::Clock for Clock {
    /// Now, or the given day at the current time of day (UTC).
    fn now(&self) -> jiff::Timestamp {
        let now = jiff::Timestamp::now();
        if !self.given {
            return now;
        }
        let time = now.to_zoned(jiff::tz::TimeZone::UTC).time();
        self.today
            .to_datetime(time)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(now, |z| z.timestamp())
    }
}

/// A loaded workspace and what the commands need beside it.
pub struct Context {
    pub ws: Workspace,
    pub index: SearchIndex,
    /// The clock's today.
    pub today: Date,
    /// The run's clock: today, and when changes are stamped.
    pub clock: Clock,
    /// Why changes are refused, when they are.
    pub read_only: Option<String>,
}

impl Context {
    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            reports: &self.ws.reports,
            people: &self.ws.people,
            items: &self.ws.items,
            index: &self.index,
            committees: &self.ws.committees,
        }
    }

    /// When changes are stamped: the run's clock (see [`Clock`]).
    pub fn now(&self) -> jiff::Timestamp {
        workspace::store::Clock::now(&self.clock)
    }

    /// The full id (`REPORT/ID`) of the item a person named, or a usage error.
    /// An id that names no item is answered with the ids that contain it.
    pub fn item_id(&self, id: &str) -> Result<String, Failure> {
        self.ws
            .find(id)
            .map(|i| self.ws.items[i].id.clone())
            .map_err(|e| self.unknown_item(id, e))
    }

    /// The loader's message for an id it could not find, with the ids the person
    /// probably meant (none for an ambiguous id, whose message lists them already).
    fn unknown_item(&self, id: &str, message: String) -> Failure {
        if message.starts_with("no item has") {
            Failure::usage(suggest::unknown_item(&self.ws, id, &message, false))
        } else {
            Failure::usage(message)
        }
    }

    /// Saves `edits` as this user (the login name, and `$USER` where it differs), stamped
    /// `now()` as it is once the workspace lock is held.
    pub fn save(&self, edits: &[workspace::ItemEdit]) -> Result<Vec<workspace::Applied>, Failure> {
        workspace::save(&self.ws.dir, edits, workspace::store::author(), self.clock)
            .map_err(|e| Failure::failed(e.to_string()))
    }

    /// Fails with a clear message when the workspace may not be changed.
    pub fn writable(&self) -> Outcome {
        match &self.read_only {
            None => Ok(()),
            // The whole workspace is read-only only when the flag says so or its folder
            // cannot be written; otherwise the reason names the file at fault.
            Some(why)
                if why.starts_with("--read-only")
                    || why == &format!("you cannot write to {}", self.ws.dir.display()) =>
            {
                Err(Failure::failed(format!(
                    "the workspace is read-only ({why}); nothing was changed"
                )))
            }
            Some(why) => Err(Failure::failed(format!(
                "cannot save: {why}; nothing was changed"
            ))),
        }
    }
}

/// The workspace folder the flags name, or the user's own (made on first run).
pub fn workspace_dir(args: &Args) -> Result<PathBuf, Failure> {
    let dir = chosen_dir(args)?;
    // `import` makes a workspace's first report, so it may start from an empty folder.
    if !matches!(args.command, Some(Command::Import(_))) {
        not_a_workspace(&dir)?;
    }
    Ok(dir)
}

/// Refuses a folder that exists but has no `reports` folder: it is not a workspace,
/// and loading it would show nothing as if that were the answer. Says how to make one.
/// (A folder that does not exist, or a file, is the loader's to explain.)
fn not_a_workspace(dir: &std::path::Path) -> Result<(), Failure> {
    if !dir.is_dir() || std::fs::symlink_metadata(dir.join("reports")).is_ok() {
        return Ok(());
    }
    let shown = dir.display();
    Err(Failure::usage(format!(
        "{shown} is not a scrutineer workspace: it has no `reports` folder. To make one, \
         create {shown}/reports and put a report file in it (docs/FORMAT.md has an example), \
         or bring a council's tracker in with `scrutineer --workspace {shown} import FILE \
         --report ID`; or give --workspace the folder that holds `reports`"
    )))
}

fn chosen_dir(args: &Args) -> Result<PathBuf, Failure> {
    if let Some(dir) = &args.workspace {
        return Ok(dir.clone());
    }
    let dirs = directories::ProjectDirs::from("", "", "scrutineer").ok_or_else(|| {
        Failure::failed(
            "cannot tell where your data folder is (no home folder?); give --workspace DIR",
        )
    })?;
    let dir = dirs.data_dir().join("workspace");
    if !dir.exists() {
        workspace::bundled::install(&dir).map_err(|e| {
            Failure::failed(format!(
                "cannot create a workspace at {}: {e}",
                dir.display()
            ))
        })?;
        eprintln!(
            "scrutineer: created a workspace at {} from the bundled reports (use --workspace DIR for another)",
            dir.display()
        );
    }
    Ok(dir)
}

/// Loads the workspace the flags name.
pub fn open(args: &Args) -> Result<Context, Failure> {
    let (ws, today, clock, read_only) = load(args)?;
    let index = SearchIndex::new(&ws.reports, &ws.people, &ws.items);
    Ok(Context {
        ws,
        index,
        today,
        clock,
        read_only,
    })
}

/// Loads the workspace the flags name, with today and the clock changes are stamped
/// by (one clock, from the flags: see [`Clock`]) and why it is read-only (if it is),
/// without the search index (the workbench builds its own).
pub fn load(args: &Args) -> Result<(Workspace, Date, Clock, Option<String>), Failure> {
    let dir = workspace_dir(args)?;
    let ws = Workspace::load(&dir).map_err(|e| Failure::usage(e.to_string()))?;
    let clock = Clock::from_flags(args.today);
    let read_only = if args.read_only {
        Some("--read-only was given".to_string())
    } else {
        // Names the file and the cause: the folder, the lock file or tracking.toml.
        workspace::store::why_read_only(&dir)
    };
    Ok((ws, clock.today(), clock, read_only))
}

/// Runs a subcommand.
pub fn run(args: &Args, command: &Command) -> Outcome {
    if let Command::Check = command {
        return check::run(args);
    }
    // Git runs the merge driver on files of its own, outside any workspace.
    if let Command::MergeTracking(a) = command {
        return sync::merge_tracking(a);
    }
    // The server loads the workspace once and shares it with every session.
    if let Command::Serve(a) = command {
        return serve::run(args, a);
    }
    let ctx = open(args)?;
    for e in ctx.ws.errors() {
        eprintln!(
            "scrutineer: {}",
            crate::text::escape_controls(&e.to_string(), false)
        );
    }
    match command {
        Command::Reports(a) => reports::run(&ctx, a),
        Command::List(a) => list::run(&ctx, a),
        Command::Triage(a) => triage::run(&ctx, a),
        Command::Agenda(a) => agenda::run(&ctx, a),
        Command::Mark(a) => mark::mark(&ctx, a),
        Command::Unmark(a) => mark::unmark(&ctx, a),
        Command::Status(a) => mark::status(&ctx, a),
        Command::Revise(a) => cycle::revise(&ctx, a),
        Command::Respond(a) => cycle::respond(&ctx, a),
        Command::Recommendations(a) => recommendations::run(&ctx, a),
        Command::Note(a) => cycle::note(&ctx, a),
        Command::Signoff(a) => cycle::sign_off(&ctx, a),
        Command::History(a) => history::run(&ctx, a),
        Command::Plan(a) => plan::run(&ctx, a),
        Command::Import(a) => import::import(&ctx, a),
        Command::Export(a) => updates::export(&ctx, a),
        Command::ImportUpdates(a) => updates::import_updates(&ctx, a),
        Command::GitSetup => sync::git_setup(&ctx),
        Command::Sync => sync::sync(&ctx),
        Command::Tidy => sync::tidy(&ctx),
        Command::Check | Command::MergeTracking(_) | Command::Serve(_) => Ok(()),
    }
}

/// Parses a status name, or explains which exist.
pub fn parse_status(text: &str) -> Result<Status, Failure> {
    Status::parse(text).ok_or_else(|| {
        Failure::usage(format!(
            "unknown status `{text}`; expected one of {}",
            Status::names()
        ))
    })
}

/// Writes to stdout; when the reader has gone away (a closed pipe), exits quietly, as
/// command-line tools do.
pub fn write_stdout(args: std::fmt::Arguments<'_>) {
    // Whatever a command prints passes the one sanitiser: no text from a file or a flag
    // reaches the terminal as a control sequence, whichever command prints it.
    let text = match args.as_str() {
        Some(s) => crate::text::escape_controls(s, true),
        None => crate::text::escape_controls(&args.to_string(), true),
    };
    write_stdout_raw(text.as_bytes());
}

/// Writes bytes to stdout as they are: only for what the program itself made (the
/// colour around a sanitised line, a workbook), never for text from a file.
pub fn write_stdout_raw(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("scrutineer: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// A value as pretty JSON whose every control character (C1 and DEL, which JSON allows
/// raw, and the bidi overrides) is written as a `\u` escape, so it prints harmlessly
/// and still parses.
pub fn json_text(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::text::is_control(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a response to a recommendation, or explains which exist.
pub fn parse_response(text: &str) -> Result<ResponseKind, Failure> {
    ResponseKind::parse(text).ok_or_else(|| {
        Failure::usage(format!(
            "unknown response `{text}`; expected one of {}",
            ResponseKind::names()
        ))
    })
}

/// The format a command writes: the one `--format` names, else the one the `--output`
/// file is named for, else `default`. `by_name` maps file name endings (lower case,
/// without the dot) to formats. A file named for one format with `--format` naming
/// another is refused, so that a Word pack is never Markdown under a `.docx` name.
pub fn output_format(
    flag: Option<&str>,
    output: Option<&std::path::Path>,
    by_name: &[(&str, &str)],
    default: &str,
) -> Result<String, Failure> {
    let ending = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase());
    let named = ending
        .as_deref()
        .and_then(|e| by_name.iter().find(|(end, _)| *end == e))
        .map(|(_, format)| *format);
    match (flag, named) {
        (Some(flag), Some(named)) if flag != named => Err(Failure::usage(format!(
            "--format {flag} does not match the file name {}, which is for {named}: give --format {named}, or name the file for {flag}",
            output.map(|p| p.display().to_string()).unwrap_or_default()
        ))),
        (Some(flag), _) => Ok(flag.to_string()),
        (None, Some(named)) => Ok(named.to_string()),
        (None, None) => Ok(default.to_string()),
    }
}

/// Whether stdout is a terminal (colour and width apply only then).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Colour is used only on a terminal, and never when NO_COLOR is set.
pub fn use_colour() -> bool {
    stdout_is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The triage summary as printed by `scrutineer triage`.
pub fn triage_text(ctx: &Context) -> String {
    triage::render(ctx, false)
}
