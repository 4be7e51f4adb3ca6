//! Several offices, one workspace, through git: `merge-tracking` (the merge driver git
//! runs for tracking.toml), `git-setup`, `sync` and `tidy`.

use super::{Context, Failure, Outcome};
use crate::workspace::{git, merge, store};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor's tracking.toml (git's %O)
    base: PathBuf,
    /// Ours (git's %A): the merge is written here
    ours: PathBuf,
    /// Theirs (git's %B)
    theirs: PathBuf,
    /// Where theirs came from, for the history (git's %P, or a branch name)
    #[arg(long, default_value = "the other site")]
    site: String,
}

fn read(path: &PathBuf) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::failed(format!("cannot read {}: {e}", path.display())))
}

/// Merges three versions of tracking.toml item by item; exit 1 (a conflict for git) when
/// a side does not read, leaving the file as git wrote it.
pub fn merge_tracking(args: &MergeArgs) -> Outcome {
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let merged = merge::merge(&base, &ours, &theirs, &args.site)
        .map_err(|e| Failure::failed(format!("cannot merge tracking.toml: {e}")))?;
    store::write_atomically(&args.ours, merged.as_bytes())
        .map_err(|e| Failure::failed(e.to_string()))?;
    Ok(())
}

/// Sets the workspace's git repository up to merge tracking.toml item by item.
pub fn git_setup(ctx: &Context) -> Outcome {
    ctx.writable()?;
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "scrutineer".to_string());
    let done = git::setup(&ctx.ws.dir, &program).map_err(|e| Failure::failed(e.to_string()))?;
    for line in done {
        outln!("{line}");
    }
    outln!("tracking.toml now merges item by item; commit .gitattributes and .gitignore.");
    Ok(())
}

/// Commits this clerk's changes, pulls the other offices' with the merge driver, pushes.
pub fn sync(ctx: &Context) -> Outcome {
    ctx.writable()?;
    let who = store::login_name();
    let synced = git::sync(&ctx.ws.dir, &who).map_err(|e| {
        Failure::failed(format!(
            "{e}\nthe repository is as git left it: see `git status`"
        ))
    })?;
    match &synced.committed {
        Some(message) => outln!("Committed: {message}"),
        None => outln!("Nothing of yours to commit."),
    }
    if synced.came_in.is_empty() {
        outln!("Nothing came in.");
    }
    for (by, n) in &synced.came_in {
        outln!("{n} change(s) from {by} since your last sync.");
    }
    if synced.pushed {
        outln!("Pushed.");
    }
    Ok(())
}

/// Puts tracking.toml's items in id order once, so that new ones (written in their
/// place by id) keep different offices' changes apart.
pub fn tidy(ctx: &Context) -> Outcome {
    ctx.writable()?;
    let changed = store::rewrite_tracking(&ctx.ws.dir, |text| {
        merge::tidy(text).map_err(|e| e.to_string())
    })
    .map_err(|e| Failure::failed(e.to_string()))?;
    if changed {
        outln!("tracking.toml: items put in order by id (nothing they say changed).");
    } else {
        outln!("tracking.toml is in order already.");
    }
    Ok(())
}
