//! Several offices, one workspace, through git: changes to different items never
//! conflict, the same item changed on two sites is merged by the driver, and `sync`
//! brings every clone to the same tracking file with every change in its history.
//! Needs `git`; without it each test says so and passes as skipped.

mod common;

use common::{BIN, bundled, copy_dir, read};
use proptest::prelude::*;
use std::path::Path;
use std::process::{Command, Output};

fn have_git() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: git is not installed");
    }
    found
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn scrutineer(dir: &Path, user: &str, args: &[&str]) -> Output {
    common::refuse_source(dir);
    Command::new(BIN)
        .args(args)
        .arg("--workspace")
        .arg(dir)
        .env("SCRUTINEER_TODAY", "2003-10-01")
        .env("USER", user)
        .env_remove("SCRUTINEER_WORKSPACE")
        .output()
        .expect("run scrutineer")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A bare repository holding the bundled workspace (set up for several offices), and
/// `n` clones of it.
fn offices(n: usize, driver: bool) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let root = tempfile::tempdir().expect("temp");
    let origin = root.path().join("origin.git");
    let first = root.path().join("site-0");
    copy_dir(&bundled(), &first);
    git(
        root.path(),
        &[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            origin.to_str().expect("path"),
        ],
    );
    git(&first, &["init", "-q", "-b", "main"]);
    if driver {
        ok(scrutineer(&first, "clerk0", &["git-setup"]));
    } else {
        std::fs::write(first.join(".gitignore"), ".scrutineer.lock\n").expect("write");
    }
    git(&first, &["add", "-A"]);
    git(&first, &["commit", "-q", "-m", "the workspace"]);
    git(
        &first,
        &["remote", "add", "origin", origin.to_str().expect("path")],
    );
    git(&first, &["push", "-q", "-u", "origin", "main"]);
    let mut sites = vec![first];
    for i in 1..n {
        let site = root.path().join(format!("site-{i}"));
        git(
            root.path(),
            &[
                "clone",
                "-q",
                origin.to_str().expect("path"),
                site.to_str().expect("path"),
            ],
        );
        if driver {
            ok(scrutineer(&site, &format!("clerk{i}"), &["git-setup"]));
        }
        sites.push(site);
    }
    (root, sites)
}

#[test]
fn changes_to_different_items_merge_without_a_conflict_even_without_the_driver() {
    if !have_git() {
        return;
    }
    let (_root, sites) = offices(2, false);
    let (a, b) = (&sites[0], &sites[1]);
    // Items tracked on both sites already.
    for id in ["1.1a", "3.1a", "6.4a"] {
        ok(scrutineer(
            a,
            "clerka",
            &["status", &format!("leicester-2003/{id}"), "on-track"],
        ));
    }
    git(a, &["commit", "-qam", "three items"]);
    git(a, &["push", "-q"]);
    git(b, &["pull", "-q", "--no-rebase"]);
    // A changes one and tracks a new item, which goes in its place by id (after
    // 1.1a); B changes another and tracks a new item of its own (before 6.4a). Two new
    // items that fell between the same two items would need the driver.
    ok(scrutineer(a, "clerka", &["mark", "leicester-2003/1.1a"]));
    ok(scrutineer(
        a,
        "clerka",
        &["note", "leicester-2003/2.2a", "Leaflets drafted"],
    ));
    ok(scrutineer(
        b,
        "clerkb",
        &["status", "leicester-2003/6.4a", "complete"],
    ));
    ok(scrutineer(b, "clerkb", &["mark", "leicester-2003/5.1a"]));
    git(a, &["commit", "-qam", "site a"]);
    git(a, &["push", "-q"]);
    git(b, &["commit", "-qam", "site b"]);
    // git's own line merge: no conflict.
    git(b, &["pull", "-q", "--no-rebase", "--no-edit"]);
    let t = read(&b.join("tracking.toml"));
    for expected in [
        "Leaflets drafted",
        "to = \"complete\"",
        "leicester-2003/5.1a",
    ] {
        assert!(t.contains(expected), "{expected}: {t}");
    }
    assert_eq!(scrutineer(b, "clerkb", &["check"]).status.code(), Some(0));
}

#[test]
fn the_same_item_on_two_sites_is_merged_by_the_driver_and_sync() {
    if !have_git() {
        return;
    }
    let (_root, sites) = offices(2, true);
    let (a, b) = (&sites[0], &sites[1]);
    // Four different items, as the issue tried: no conflict.
    ok(scrutineer(a, "clerka", &["mark", "leicester-2003/2.4a"]));
    ok(scrutineer(
        a,
        "clerka",
        &["note", "leicester-2003/3.1b", "Chased by email"],
    ));
    ok(scrutineer(b, "clerkb", &["mark", "leicester-2003/6.2a"]));
    ok(scrutineer(
        b,
        "clerkb",
        &["status", "leicester-2003/2.2a", "on-track"],
    ));
    assert!(ok(scrutineer(a, "clerka", &["sync"])).contains("Pushed"));
    let said = ok(scrutineer(b, "clerkb", &["sync"]));
    assert!(said.contains("change(s) from"), "{said}");
    ok(scrutineer(a, "clerka", &["sync"]));
    assert_eq!(
        read(&a.join("tracking.toml")),
        read(&b.join("tracking.toml"))
    );
    // The same item on both: the later status wins, both are in the history.
    ok(scrutineer(
        a,
        "clerka",
        &["status", "leicester-2003/2.4a", "at-risk"],
    ));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ok(scrutineer(
        b,
        "clerkb",
        &["status", "leicester-2003/2.4a", "complete"],
    ));
    ok(scrutineer(a, "clerka", &["sync"]));
    ok(scrutineer(b, "clerkb", &["sync"]));
    ok(scrutineer(a, "clerka", &["sync"]));
    let (ta, tb) = (
        read(&a.join("tracking.toml")),
        read(&b.join("tracking.toml")),
    );
    assert_eq!(ta, tb);
    let history = ok(scrutineer(a, "clerka", &["history", "leicester-2003/2.4a"]));
    assert!(
        history.contains("at-risk") && history.contains("complete"),
        "{history}"
    );
    assert!(history.contains("superseded"), "{history}");
    let list = ok(scrutineer(
        a,
        "clerka",
        &["list", "--format", "json", "--search", "2.4a"],
    ));
    assert!(list.contains("\"complete\""), "{list}");
    assert_eq!(scrutineer(a, "clerka", &["check"]).status.code(), Some(0));
    // The lock file is never part of the repository.
    let tracked = String::from_utf8_lossy(&git(a, &["ls-files"]).stdout).to_string();
    assert!(!tracked.contains(".scrutineer.lock"), "{tracked}");
}

/// One change on a site: (site, item, what).
fn change() -> impl Strategy<Value = (usize, usize, u8)> {
    (0usize..3, 0usize..6, 0u8..6)
}

const ITEMS: [&str; 6] = [
    "leicester-2003/1.1a",
    "leicester-2003/2.4a",
    "leicester-2003/2.4b",
    "dudley-2010/19",
    "oxfordshire-2005/2.7",
    "leicester-2003/6.4a",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    /// Random changes on three sites, with syncs between: at the end every clone has
    /// the same tracking file, it checks clean, and every change made anywhere is in it.
    #[test]
    fn three_sites_end_the_same_with_every_change(steps in proptest::collection::vec((change(), any::<bool>()), 4..9)) {
        if !have_git() {
            return Ok(());
        }
        let (_root, sites) = offices(3, true);
        let mut notes = Vec::new();
        for (n, ((site, item, what), sync)) in steps.iter().enumerate() {
            let dir = &sites[*site];
            let user = format!("clerk{site}");
            let id = ITEMS[*item];
            let note = format!("note {n} from site {site}");
            let args: Vec<&str> = match what {
                0 => vec!["mark", id],
                1 => vec!["unmark", id],
                2 => vec!["status", id, "at-risk"],
                3 => vec!["status", id, "on-track"],
                4 => vec!["note", id, &note],
                _ => vec!["revise", id, "2004-01-31", "--reason", &note],
            };
            if id.starts_with("oxfordshire") && *what < 4 {
                ok(scrutineer(dir, &user, &["respond", id, "accepted"]));
            } else {
                let _ = scrutineer(dir, &user, &args);
            }
            if *what >= 4 && !id.starts_with("oxfordshire") {
                notes.push(note.clone());
            }
            if *sync {
                ok(scrutineer(dir, &user, &["sync"]));
            }
        }
        // Everyone syncs twice over, so all changes reach all sites.
        for _ in 0..2 {
            for (i, dir) in sites.iter().enumerate() {
                ok(scrutineer(dir, &format!("clerk{i}"), &["sync"]));
            }
        }
        let first = read(&sites[0].join("tracking.toml"));
        for dir in &sites[1..] {
            prop_assert_eq!(&read(&dir.join("tracking.toml")), &first);
        }
        prop_assert_eq!(scrutineer(&sites[0], "clerk0", &["check"]).status.code(), Some(0));
        for note in &notes {
            prop_assert!(first.contains(note.as_str()), "{} lost", note);
        }
    }
}

#[test]
fn git_setup_adds_its_lines_to_the_files_a_clerk_has_and_adds_them_once() {
    if !have_git() {
        return;
    }
    let root = tempfile::tempdir().expect("temp");
    let dir = root.path().join("site");
    copy_dir(&bundled(), &dir);
    git(&dir, &["init", "-q", "-b", "main"]);
    // The council's own .gitignore, ending with its line end, and a .gitattributes
    // whose last line has none.
    std::fs::write(dir.join(".gitignore"), "# ours\n*.bak\n").expect("write");
    std::fs::write(dir.join(".gitattributes"), "*.toml text").expect("write");
    let said = ok(scrutineer(&dir, "clerk", &["git-setup"]));
    assert!(said.contains(".gitignore: .scrutineer.lock"), "{said}");
    let ignored = "\
.scrutineer.lock
.scrutineer-import
*.import
.tracking.toml.*
reports/.*.toml.*
";
    assert_eq!(
        read(&dir.join(".gitignore")),
        format!("# ours\n*.bak\n{ignored}")
    );
    assert_eq!(
        read(&dir.join(".gitattributes")),
        "*.toml text\ntracking.toml merge=scrutineer-tracking\n"
    );
    // Again: nothing to add, and nothing said of either file.
    let again = ok(scrutineer(&dir, "clerk", &["git-setup"]));
    assert!(
        !again.contains(".gitignore:") && !again.contains(".gitattributes:"),
        "{again}"
    );
    assert_eq!(
        read(&dir.join(".gitignore")),
        format!("# ours\n*.bak\n{ignored}")
    );
    // A .gitignore saved in another encoding is left as it is, and said.
    let latin1: &[u8] = b"# caf\xe9\n*.bak\n";
    std::fs::write(dir.join(".gitignore"), latin1).expect("write");
    let out = scrutineer(&dir, "clerk", &["git-setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains(".gitignore: stream did not contain valid UTF-8"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(dir.join(".gitignore")).expect("read"), latin1);
    // A repository with neither file gets both, with no blank first line.
    let fresh = root.path().join("fresh");
    copy_dir(&bundled(), &fresh);
    git(&fresh, &["init", "-q", "-b", "main"]);
    ok(scrutineer(&fresh, "clerk", &["git-setup"]));
    assert_eq!(read(&fresh.join(".gitignore")), ignored);
    assert_eq!(
        read(&fresh.join(".gitattributes")),
        "tracking.toml merge=scrutineer-tracking\n"
    );
}
