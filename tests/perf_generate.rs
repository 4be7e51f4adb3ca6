//! The synthetic workspace generator behind the benchmarks: what it writes is a valid
//! workspace, with exactly the actions asked for, and the same seed gives the same bytes.

mod common;

#[path = "../examples/support/synthetic.rs"]
mod synthetic;

use scrutineer::model::ItemKind;
use scrutineer::workspace::Workspace;
use synthetic::Options;

#[test]
fn a_generated_workspace_passes_check_with_the_exact_action_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = Options {
        actions: 500,
        seed: 11,
    };
    let summary = synthetic::generate(dir.path(), options).expect("generate");
    assert_eq!(summary.actions, 500);

    let ws = Workspace::load(dir.path()).expect("load");
    let errors: Vec<String> = ws.errors().map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "errors: {errors:#?}");
    let actions = ws
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Action)
        .count();
    assert_eq!(actions, 500);
    assert_eq!(ws.reports.len(), summary.reports);
    let recommendations: usize = ws.reports.iter().map(|r| r.recommendations.len()).sum();
    assert_eq!(recommendations, summary.recommendations);
    assert!(ws.items.iter().any(|i| i.tracking.ready_for.is_some()));
    assert!(ws.items.iter().any(|i| !i.tracking.history.is_empty()));
    assert!(
        ws.people.owners.iter().any(|o| o.aliases.len() >= 3),
        "some owners are printed several ways"
    );

    let out = common::run(dir.path(), &["check"]);
    assert!(
        out.status.success(),
        "check failed: {}",
        common::stdout(&out)
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let options = Options {
        actions: 500,
        seed: 5,
    };
    let a = synthetic::render(options);
    let b = synthetic::render(options);
    assert_eq!(a.files, b.files);
    let other = synthetic::render(Options { seed: 6, ..options });
    assert_ne!(a.files, other.files);
    assert_eq!(other.summary.actions, 500);
}

#[test]
fn small_and_empty_requests_are_exact_too() {
    for actions in [0, 1, 7, 71] {
        let dir = tempfile::tempdir().expect("temp dir");
        synthetic::generate(dir.path(), Options { actions, seed: 2 }).expect("generate");
        let ws = Workspace::load(dir.path()).expect("load");
        assert_eq!(ws.errors().count(), 0, "{actions} actions");
        let count = ws
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Action)
            .count();
        assert_eq!(count, actions);
    }
}
