//! A workspace kept in git, for several offices: setting up the repository so that
//! `tracking.toml` merges item by item (`setup`), and `sync` (commit this clerk's
//! changes, pull with the merge driver, push). Git is run as a program; whatever git
//! cannot do by itself stops the sync with git's own words, and the repository is left
//! as git left it.

use super::tracking;
use std::path::Path;
use std::process::Command;

/// The name of the merge driver in git's config and in `.gitattributes`.
pub const DRIVER: &str = "scrutineer-tracking";

/// Why a git step failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct GitError(pub String);

/// Runs git in `dir`; its standard output, or its own message when it fails.
fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| GitError(format!("cannot run git ({e}): is it installed?")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).to_string())
    } else {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        let said = if said.is_empty() {
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        } else {
            said
        };
        Err(GitError(format!("git {} failed: {said}", args.join(" "))))
    }
}

/// Whether `dir` is the top of a git work tree.
pub fn is_repository(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--show-toplevel"])
        .ok()
        .and_then(|top| std::fs::canonicalize(top.trim()).ok())
        .zip(std::fs::canonicalize(dir).ok())
        .is_some_and(|(top, dir)| top == dir)
}

/// Adds `lines` to the file at `path` that it does not have yet; whether it changed.
fn ensure_lines(path: &Path, lines: &[&str]) -> Result<bool, GitError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(GitError(format!("{}: {e}", path.display()))),
    };
    let missing: Vec<&&str> = lines
        .iter()
        .filter(|l| !text.lines().any(|t| t.trim() == l.trim()))
        .collect();
    if missing.is_empty() {
        return Ok(false);
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    for l in missing {
        new.push_str(l);
        new.push('\n');
    }
    super::store::write_in_workspace(
        path.parent().unwrap_or(Path::new(".")),
        path,
        new.as_bytes(),
    )
    .map_err(|e| GitError(e.to_string()))?;
    Ok(true)
}

/// Sets a workspace's repository up for several offices: `.gitattributes` sends
/// `tracking.toml` to the merge driver, the repository's config runs `program` as that
/// driver, and `.gitignore` keeps the lock and temporary files out. Says what it did.
pub fn setup(dir: &Path, program: &str) -> Result<Vec<String>, GitError> {
    if !is_repository(dir) {
        return Err(GitError(format!(
            "{} is not the top of a git repository: run `git init` there first (or clone one)",
            dir.display()
        )));
    }
    let mut done = Vec::new();
    let attribute = format!("{} merge={DRIVER}", tracking::FILE);
    if ensure_lines(&dir.join(".gitattributes"), &[&attribute])? {
        done.push(format!(".gitattributes: {attribute}"));
    }
    let ignored = [
        ".scrutineer.lock",
        ".scrutineer-import",
        "*.import",
        ".tracking.toml.*",
        "reports/.*.toml.*",
    ];
    if ensure_lines(&dir.join(".gitignore"), &ignored)? {
        done.push(format!(".gitignore: {}", ignored.join(", ")));
    }
    let driver = format!("{program} merge-tracking %O %A %B --site %P");
    git(
        dir,
        &[
            "config",
            &format!("merge.{DRIVER}.name"),
            "scrutineer: tracking.toml item by item",
        ],
    )?;
    git(dir, &["config", &format!("merge.{DRIVER}.driver"), &driver])?;
    done.push(format!("git config merge.{DRIVER}.driver \"{driver}\""));
    Ok(done)
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synced {
    /// The commit made of this clerk's changes, if there were any.
    pub committed: Option<String>,
    /// The changes that came in, by who made them.
    pub came_in: Vec<(String, usize)>,
    pub pushed: bool,
}

/// History entries of a tracking file's text, as (by, line of data) pairs.
fn entries(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let Some(state) = tracking::load(text.to_string(), tracking::PIECE_BYTES, &mut Vec::new())
    else {
        return found;
    };
    for (id, t) in state.items {
        for c in t.history {
            found.push((
                c.by.clone(),
                format!("{id} {} {} {}", c.at, c.kind.as_str(), c.to),
            ));
        }
    }
    for (id, r) in state.responses {
        for c in r.history {
            found.push((
                c.by.clone(),
                format!("{id} {} {} {}", c.at, c.kind.as_str(), c.to),
            ));
        }
    }
    found
}

/// The tracking file as the last commit has it ("" when it has none).
fn committed_tracking(dir: &Path) -> String {
    git(dir, &["show", &format!("HEAD:{}", tracking::FILE)]).unwrap_or_default()
}

/// Commits this clerk's changes (message from the history, author `who`), pulls with
/// the merge driver, pushes. Stops at the first step git cannot do by itself.
pub fn sync(dir: &Path, who: &str) -> Result<Synced, GitError> {
    if !is_repository(dir) {
        return Err(GitError(format!(
            "{} is not a git work tree: see README, \"Several offices\"",
            dir.display()
        )));
    }
    if git(dir, &["config", &format!("merge.{DRIVER}.driver")])
        .map(|v| v.trim().is_empty())
        .unwrap_or(true)
    {
        return Err(GitError(
            "this repository does not merge tracking.toml item by item yet: run `scrutineer git-setup` once (see README, \"Several offices\")".to_string(),
        ));
    }
    let mut synced = Synced::default();
    let identity = |args: &[&str]| -> Vec<String> {
        let mut all = Vec::new();
        for (key, value) in [
            ("user.name", who.to_string()),
            ("user.email", format!("{who}@scrutineer")),
        ] {
            if git(dir, &["config", key])
                .map(|v| v.trim().is_empty())
                .unwrap_or(true)
            {
                all.push("-c".to_string());
                all.push(format!("{key}={value}"));
            }
        }
        all.extend(args.iter().map(|a| a.to_string()));
        all
    };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        git(dir, &refs)
    };
    // 1. This clerk's changes, committed with a message from the history.
    git(dir, &["add", "-A"])?;
    let staged = git(dir, &["diff", "--cached", "--name-only"])?;
    if !staged.trim().is_empty() {
        let before = entries(&committed_tracking(dir));
        let now_text = std::fs::read_to_string(dir.join(tracking::FILE)).unwrap_or_default();
        let new: Vec<String> = entries(&now_text)
            .into_iter()
            .filter(|e| !before.contains(e))
            .map(|(_, line)| line)
            .collect();
        let files: Vec<&str> = staged.lines().collect();
        let mut message = match new.len() {
            0 => format!("scrutineer: {} changed", files.join(", ")),
            n => format!("scrutineer: {n} change(s) by {who}"),
        };
        if !new.is_empty() {
            message.push_str("\n\n");
            message.push_str(&new.join("\n"));
        }
        let author = format!("--author={who} <{who}@scrutineer>");
        run(identity(&["commit", "-q", &author, "-m", &message]))?;
        synced.committed = Some(message.lines().next().unwrap_or_default().to_string());
    }
    // 2. What the other offices did, merged item by item.
    let has_remote = !git(dir, &["remote"])?.trim().is_empty();
    if !has_remote {
        return Ok(synced);
    }
    let before = entries(&committed_tracking(dir));
    run(identity(&["pull", "-q", "--no-rebase", "--no-edit"]))?;
    let after = entries(&committed_tracking(dir));
    let mut by: std::collections::BTreeMap<String, usize> = Default::default();
    for (who, line) in after {
        if !before.iter().any(|(_, l)| *l == line) {
            *by.entry(who).or_default() += 1;
        }
    }
    synced.came_in = by.into_iter().collect();
    // 3. And ours to them.
    run(identity(&["push", "-q"]))?;
    synced.pushed = true;
    Ok(synced)
}
