//! What a clerk waits for, at three sizes (the bundled workspace, 10,000 and 100,000
//! actions): loading, each filter, each sort, the agenda, and fuzzy search one
//! keystroke at a time. Run with `cargo bench --bench query`; see BENCHMARKS.md.

mod support;

use divan::Bencher;
use scrutineer::agenda::{self, MeetingChoice};
use scrutineer::model::Status;
use scrutineer::query::{self, Filter, Hit, SortKey};
use scrutineer::workspace::Workspace;
use support::{TODAY, WORKSPACES, loaded};

fn main() {
    // Generate and load every workspace before timing anything.
    for name in WORKSPACES {
        let _ = loaded(name);
    }
    divan::main();
}

#[divan::bench(args = WORKSPACES, sample_count = 10, sample_size = 1, max_time = 20)]
fn load(bencher: Bencher, name: &str) {
    let dir = support::dir(name);
    bencher.bench(|| Workspace::load(&dir).expect("load"));
}

#[divan::bench(args = WORKSPACES, sample_count = 10, sample_size = 1, max_time = 20)]
fn search_index(bencher: Bencher, name: &str) {
    let l = loaded(name);
    bencher.bench(|| query::SearchIndex::new(&l.ws.reports, &l.ws.people, &l.ws.items));
}

/// The query the workbench runs when a filter changes: the items that pass, in
/// report order, and the same sorted for the table (by deadline, its default).
fn refresh(name: &str, filter: &Filter) -> (Vec<Hit>, Vec<Hit>) {
    let l = loaded(name);
    let hits = query::run(l.corpus(), filter, SortKey::Report, TODAY).expect("query");
    let mut table = hits.clone();
    query::sort_hits(l.corpus(), &mut table, SortKey::Deadline, TODAY);
    (hits, table)
}

/// The same with `query::select`, highlighting only the rows an 80x24 screen shows.
fn screen(name: &str, filter: &Filter, sort: SortKey) -> Vec<Hit> {
    let l = loaded(name);
    let mut table = query::select(l.corpus(), filter, sort, TODAY).expect("query");
    for h in table.iter_mut().take(ROWS) {
        query::highlight(l.corpus(), filter, h);
    }
    table
}

/// Rows of items on an 80x24 screen, at most.
const ROWS: usize = 20;

fn first_owner(name: &str) -> String {
    let l = loaded(name);
    l.ws.items
        .iter()
        .find_map(|i| i.owners_as_printed.first().cloned())
        .expect("an owner")
}

mod filter {
    use super::*;

    #[divan::bench(args = WORKSPACES)]
    fn owner(bencher: Bencher, name: &str) {
        let filter = Filter {
            owners: vec![first_owner(name)],
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn status(bencher: Bencher, name: &str) {
        let filter = Filter {
            statuses: vec![Status::NotStarted],
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn report(bencher: Bencher, name: &str) {
        let l = loaded(name);
        let filter = Filter {
            report: Some(l.ws.reports[l.ws.reports.len() / 2].id.clone()),
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn ready(bencher: Bencher, name: &str) {
        let filter = Filter {
            ready: Some(true),
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn overdue(bencher: Bencher, name: &str) {
        let filter = Filter {
            overdue: true,
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn due_before(bencher: Bencher, name: &str) {
        let filter = Filter {
            due_before: Some(jiff::civil::date(2027, 1, 31)),
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn due_within(bencher: Bencher, name: &str) {
        let filter = Filter {
            due_within: Some(30),
            ..Filter::default()
        };
        bencher.bench(|| refresh(name, &filter));
    }

    #[divan::bench(args = WORKSPACES)]
    fn none(bencher: Bencher, name: &str) {
        let filter = Filter::default();
        bencher.bench(|| refresh(name, &filter));
    }
}

/// Re-sorting every item (the sort key changed); score sorts the matches of a search.
mod sort {
    use super::*;

    fn bench_sort(bencher: Bencher, name: &str, key: SortKey) {
        let l = loaded(name);
        let filter = Filter {
            search: if key == SortKey::Score {
                "foster".into()
            } else {
                String::new()
            },
            ..Filter::default()
        };
        let hits = query::run(l.corpus(), &filter, SortKey::Report, TODAY).expect("query");
        bencher
            .with_inputs(|| hits.clone())
            .bench_local_refs(|h| query::sort_hits(l.corpus(), h, key, TODAY));
    }

    #[divan::bench(args = WORKSPACES)]
    fn report(bencher: Bencher, name: &str) {
        bench_sort(bencher, name, SortKey::Report);
    }

    #[divan::bench(args = WORKSPACES)]
    fn deadline(bencher: Bencher, name: &str) {
        bench_sort(bencher, name, SortKey::Deadline);
    }

    #[divan::bench(args = WORKSPACES)]
    fn owner(bencher: Bencher, name: &str) {
        bench_sort(bencher, name, SortKey::Owner);
    }

    #[divan::bench(args = WORKSPACES)]
    fn status(bencher: Bencher, name: &str) {
        bench_sort(bencher, name, SortKey::Status);
    }

    #[divan::bench(args = WORKSPACES)]
    fn score(bencher: Bencher, name: &str) {
        bench_sort(bencher, name, SortKey::Score);
    }
}

#[divan::bench(args = WORKSPACES)]
fn agenda_next(bencher: Bencher, name: &str) {
    let l = loaded(name);
    bencher.bench(|| {
        agenda::build(
            &l.ws.reports,
            &l.ws.items,
            &l.ws.committees,
            MeetingChoice::Next,
            TODAY,
        )
    });
}

/// Typing a search one character at a time: each benchmark times one keystroke,
/// after the keystrokes before it (untimed), as the workbench runs them. `search`
/// runs `query::run` (every match scored and highlighted); `screen` runs
/// `query::select` and highlights one screenful, in deadline order and in score order.
mod search {
    use super::*;

    #[derive(Clone, Copy)]
    pub enum Way {
        Run,
        Screen(SortKey),
    }

    pub fn keystroke(bencher: Bencher, name: &str, typed: &str, k: usize, way: Way) {
        let before: String = typed.chars().take(k - 1).collect();
        let now: String = typed.chars().take(k).collect();
        let filter = |search: &str| Filter {
            search: search.to_string(),
            ..Filter::default()
        };
        let (before, now) = (filter(&before), filter(&now));
        let go = move |f: &Filter| match way {
            Way::Run => refresh(name, f).1,
            Way::Screen(sort) => screen(name, f, sort),
        };
        bencher
            .with_inputs(|| {
                if !before.search.is_empty() {
                    let _ = go(&before);
                }
            })
            .bench_local_values(|()| go(&now));
    }

    macro_rules! keystrokes {
        ($way:expr, $typed:literal: $($k:literal => $f:ident),*) => {$(
            #[divan::bench(args = WORKSPACES, max_time = 5)]
            fn $f(bencher: Bencher, name: &str) {
                keystroke(bencher, name, $typed, $k, $way);
            }
        )*};
    }
    pub(crate) use keystrokes;

    keystrokes!(Way::Run, "foster": 1 => foster_1, 2 => foster_2, 3 => foster_3, 4 => foster_4, 5 => foster_5, 6 => foster_6);
    keystrokes!(Way::Run, "fostr c": 5 => fostr_c_5, 6 => fostr_c_6, 7 => fostr_c_7);
}

mod screen {
    use super::search::{Way, keystroke, keystrokes};
    use super::*;

    mod by_deadline {
        use super::*;
        const W: Way = Way::Screen(SortKey::Deadline);
        keystrokes!(W, "foster": 1 => foster_1, 2 => foster_2, 3 => foster_3, 4 => foster_4, 5 => foster_5, 6 => foster_6);
        keystrokes!(W, "fostr c": 5 => fostr_c_5, 6 => fostr_c_6, 7 => fostr_c_7);
    }

    mod by_score {
        use super::*;
        const W: Way = Way::Screen(SortKey::Score);
        keystrokes!(W, "foster": 1 => foster_1, 2 => foster_2, 3 => foster_3, 4 => foster_4, 5 => foster_5, 6 => foster_6);
    }
}
