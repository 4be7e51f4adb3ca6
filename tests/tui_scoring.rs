//! Sorting a large search by score happens off the input thread: the keystroke shows
//! the matches at once, and the scored order follows.

mod tui_support;

use scrutineer::query::{self, Filter, SortKey};
use scrutineer::tui::Theme;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;
use tui_support::*;

#[test]
fn a_search_sorted_by_score_answers_at_once_and_the_scores_follow() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let (tx, rx) = mpsc::channel();
    app.set_waker(Arc::new(move || {
        let _ = tx.send(());
    }));
    // Treat every search as large, so the bundled workspace takes the background path.
    app.scoring.from = 0;
    // The Actions view sorted by the text column (score) while "plann" is typed.
    app.sort = SortKey::Score;
    press(&mut app, "2/plann");
    let in_report_order: Vec<usize> = app.table.iter().map(|h| h.item).collect();
    let mut sorted = in_report_order.clone();
    sorted.sort_unstable();
    assert_eq!(
        in_report_order, sorted,
        "at once: the matches in the paper's order"
    );
    assert!(app.scoring.pending);

    // Each keystroke may wake the loop; the last search's scores are the ones kept.
    let mut taken = false;
    while !taken {
        rx.recv_timeout(Duration::from_secs(20))
            .expect("the scores arrive");
        taken = app.take_scores();
    }
    assert!(!app.scoring.pending);
    let filter = Filter {
        search: "plann".to_string(),
        ..Filter::default()
    };
    let expected = query::select(app.corpus(), &filter, SortKey::Score, app.today).expect("select");
    let got: Vec<(usize, i64)> = app.table.iter().map(|h| (h.item, h.score)).collect();
    let want: Vec<(usize, i64)> = expected.iter().map(|h| (h.item, h.score)).collect();
    assert_eq!(got, want, "the same order and scores as sorting in line");
}

#[test]
fn a_small_search_sorted_by_score_is_in_score_order_at_once() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    // The bundled workspace is small enough to be scored in line.
    app.sort = SortKey::Score;
    press(&mut app, "2/plann");
    assert!(!app.scoring.pending);
    let select = |sort| {
        let filter = Filter {
            search: "plann".to_string(),
            ..Filter::default()
        };
        query::select(app.corpus(), &filter, sort, app.today)
            .expect("select")
            .iter()
            .map(|h| h.item)
            .collect::<Vec<usize>>()
    };
    let by_score = select(SortKey::Score);
    assert_ne!(
        by_score,
        select(SortKey::Report),
        "these matches' scores reorder them"
    );
    let got: Vec<usize> = app.table.iter().map(|h| h.item).collect();
    assert_eq!(got, by_score);
}
