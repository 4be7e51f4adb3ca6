//! The fast paths give what the plain ones give: the same hits, scores, positions and
//! order, for any query, typed all at once or a keystroke at a time, on one thread or
//! several.

use super::*;
use crate::model::Urgency;
use crate::workspace::Workspace;
use proptest::prelude::*;
use std::cmp::Ordering;
use std::path::Path;
use std::sync::OnceLock;

struct Fixture {
    ws: Workspace,
    index: SearchIndex,
    /// The bundled items ten times over, in every status: a search over them is split
    /// over threads.
    many: Vec<Item>,
    many_index: SearchIndex,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let ws = Workspace::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
            .expect("bundled workspace");
        fixture_of(ws)
    })
}

// The generated workspace with a history of every kind (shared with the black-box
// tests): `write_interesting`, `NOTE_WORDS`, `INTERESTING_TODAY`.
mod interesting {
    include!("../../tests/common/interesting.rs");
}

/// The same over the generated workspace, whose tracking file has notes of every
/// kind, revisions, responses and marks (the bundled one's is empty).
fn interesting_fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        interesting::write_interesting(dir.path());
        let ws = Workspace::load(dir.path()).expect("the generated workspace");
        fixture_of(ws)
    })
}

fn fixture_of(ws: Workspace) -> Fixture {
    {
        let index = SearchIndex::new(&ws.reports, &ws.people, &ws.items);
        let mut many: Vec<Item> = std::iter::repeat_n(&ws.items, 10)
            .flatten()
            .cloned()
            .collect();
        // Every status, so that sorts meet done and undone items due the same day.
        for (i, item) in many.iter_mut().enumerate() {
            item.tracking.status = Status::ALL[(i * 7 / 3) % Status::ALL.len()];
        }
        let many_index = SearchIndex::new(&ws.reports, &ws.people, &many);
        Fixture {
            ws,
            index,
            many,
            many_index,
        }
    }
}

fn corpus<'a>(f: &'a Fixture, many: bool) -> Corpus<'a> {
    Corpus {
        reports: &f.ws.reports,
        people: &f.ws.people,
        items: if many { &f.many } else { &f.ws.items },
        index: if many { &f.many_index } else { &f.index },
        committees: &f.ws.committees,
    }
}

const TODAY: Date = jiff::civil::date(2026, 11, 22);

/// The sort as it was first written: a comparator that works out both keys at every
/// comparison. `sort_hits` must order hits exactly as this does.
fn sort_plainly(corpus: Corpus<'_>, hits: &mut [Hit], sort: SortKey, today: Date) {
    fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let items = corpus.items;
    let owner_name = |h: &Hit| {
        items[h.item]
            .owners
            .first()
            .map(|o| corpus.people.get(*o).name.to_lowercase())
    };
    hits.sort_by(|a, b| {
        let (x, y) = (&items[a.item], &items[b.item]);
        let by = match sort {
            SortKey::Report => a.item.cmp(&b.item),
            SortKey::Deadline => {
                none_last(x.due(), y.due()).then(Urgency::of(x, today).cmp(&Urgency::of(y, today)))
            }
            SortKey::Owner => none_last(owner_name(a), owner_name(b)),
            SortKey::Status => x.tracking.status.cmp(&y.tracking.status),
            SortKey::Score => b.score.cmp(&a.score),
        };
        by.then(a.item.cmp(&b.item))
    });
}

/// What a clerk might type: words from the papers, fragments, capitals, typos,
/// accented and curly characters, several words.
fn query() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("foster".to_string()),
        Just("LAC".to_string()),
        Just("fostr".to_string()),
        Just("safeguard".to_string()),
        Just("Ofsted".to_string()),
        Just("M.FitzG".to_string()),
        Just("children’s".to_string()),
        Just("café".to_string()),
        Just("03".to_string()),
        Just("heron".to_string()),
        Just("osprey".to_string()),
        Just("plover".to_string()),
        Just("A. Able".to_string()),
        "[a-zA-Z0-9.'/-]{1,8}",
        "[aeiourstnlcdfg ]{1,6}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "))
}

fn check_search(many: bool, q: &str) -> Result<(), TestCaseError> {
    check_search_in(fixture(), many, q)
}

fn check_search_in(f: &Fixture, many: bool, q: &str) -> Result<(), TestCaseError> {
    let c = corpus(f, many);
    let plain = c.index.search_plainly(q, 0..c.items.len());
    prop_assert_eq!(
        &c.index.search(q, 0..c.items.len()),
        &plain,
        "query {:?}",
        q
    );

    // A keystroke at a time, each narrowing from the one before.
    let mut typed = String::new();
    for (n, ch) in q.chars().enumerate() {
        typed.push(ch);
        if many && n + 3 < q.chars().count() {
            let _ = c.index.search(&typed, 0..c.items.len());
            continue;
        }
        let fast = c.index.search(&typed, 0..c.items.len());
        let slow = c.index.search_plainly(&typed, 0..c.items.len());
        prop_assert_eq!(fast, slow, "typed {:?} of {:?}", typed, q);
    }

    // What `select` and `highlight` give is what `run` gives, in every sort.
    let filter = Filter {
        search: q.to_string(),
        ..Filter::default()
    };
    for sort in SortKey::ALL {
        let full = run(c, &filter, sort, TODAY).expect("run");
        let mut lazy = select(c, &filter, sort, TODAY).expect("select");
        prop_assert_eq!(
            lazy.iter().map(|h| h.item).collect::<Vec<_>>(),
            full.iter().map(|h| h.item).collect::<Vec<_>>(),
            "order of {:?} by {:?}",
            q,
            sort
        );
        for h in &mut lazy {
            highlight(c, &filter, h);
        }
        prop_assert_eq!(&lazy, &full);
        let mut plain = full.clone();
        sort_plainly(c, &mut plain, sort, TODAY);
        prop_assert_eq!(&plain, &full, "sort by {:?}", sort);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_search_finds_what_the_plain_one_finds(q in query()) {
        check_search(false, &q)?;
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_search_agrees_on_a_larger_set(q in query()) {
        check_search(true, &q)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The same on a workspace whose items have histories, notes and responses.
    #[test]
    fn the_fast_search_agrees_on_a_workspace_with_history(q in query()) {
        check_search_in(interesting_fixture(), false, &q)?;
        check_search_in(interesting_fixture(), true, &q)?;
    }
}

/// Each kind of note (a dated note, a status change's, a mark's, an unmark's, a
/// revision's reason, a response's reason and its history, the transcriber's) finds
/// its item, and only its item, by the fast search and the plain one, and says where.
#[test]
fn every_kind_of_note_finds_its_item_and_only_it() {
    let f = interesting_fixture();
    let c = corpus(f, false);
    for (kind, word, ids) in interesting::NOTE_WORDS {
        let mut want: Vec<usize> = ids
            .iter()
            .map(|id| {
                f.ws.find(id)
                    .unwrap_or_else(|e| panic!("no item {id}: {e:?}"))
            })
            .collect();
        want.sort_unstable();
        for (how, mut found) in [
            ("fast", c.index.matches(word, 0..c.items.len())),
            (
                "plain",
                c.index
                    .search_plainly(word, 0..c.items.len())
                    .iter()
                    .map(|h| h.item)
                    .collect(),
            ),
        ] {
            found.sort_unstable();
            assert_eq!(found, want, "{kind} ({word}), {how} search");
        }
        for i in want {
            let places = found_in_item(c, word, i);
            assert!(!places.is_empty(), "{kind} ({word}): not said where");
        }
    }
}

/// Filters over the tracking state: the current (revised) deadline, readiness for a
/// meeting still to come, and responses.
#[test]
fn filters_follow_the_tracking_state() {
    let f = interesting_fixture();
    let c = corpus(f, false);
    let today: Date = interesting::INTERESTING_TODAY.parse().expect("a date");
    let ids = |filter: Filter| -> Vec<String> {
        let mut v: Vec<String> = run(c, &filter, SortKey::Report, today)
            .expect("runs")
            .iter()
            .map(|h| f.ws.items[h.item].id.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(Filter {
            overdue: true,
            ..Filter::default()
        }),
        ["testshire-2026/1b"]
    );
    assert_eq!(
        ids(Filter {
            due_within: Some(30),
            ..Filter::default()
        }),
        ["testshire-2026/2a"]
    );
    assert_eq!(
        ids(Filter {
            due_within: Some(60),
            ..Filter::default()
        }),
        ["otherville-2025/O1", "testshire-2026/2a"]
    );
    assert_eq!(
        ids(Filter {
            ready: Some(true),
            ..Filter::default()
        }),
        ["testshire-2026/1a", "testshire-2026/3a"]
    );
    assert_eq!(
        ids(Filter {
            ready: Some(false),
            ..Filter::default()
        })
        .len(),
        5
    );
    assert_eq!(
        ids(Filter {
            responses: vec![ResponseKind::Awaiting],
            ..Filter::default()
        }),
        ["otherville-2025/O1", "testshire-2026/2a"]
    );
}

#[test]
fn narrowing_never_carries_over_to_other_candidates() {
    let f = fixture();
    let c = corpus(f, false);
    let all = c.index.search("fost", 0..c.items.len());
    // The next keystroke over fewer candidates, then over all of them again.
    let half = c.items.len() / 2;
    let some = c.index.search("foste", 0..half);
    assert!(some.iter().all(|h| h.item < half));
    let again = c.index.search("foste", 0..c.items.len());
    assert_eq!(again, c.index.search_plainly("foste", 0..c.items.len()));
    assert!(again.len() <= all.len());
    // A shorter query (backspace) is not narrowed from the longer one.
    assert_eq!(c.index.search("fost", 0..c.items.len()), all);
}

#[test]
fn every_sort_orders_as_the_plain_comparator_does() {
    let f = fixture();
    for many in [false, true] {
        let c = corpus(f, many);
        let filter = Filter {
            search: "e".to_string(),
            ..Filter::default()
        };
        for sort in SortKey::ALL {
            let mut fast = run(c, &filter, SortKey::Report, TODAY).expect("run");
            let mut plain = fast.clone();
            sort_hits(c, &mut fast, sort, TODAY);
            sort_plainly(c, &mut plain, sort, TODAY);
            assert_eq!(fast, plain, "{sort:?}");
        }
    }
}

#[test]
fn a_word_with_a_capital_matches_case_sensitively() {
    let f = fixture();
    let c = corpus(f, false);
    let lower = c.index.matches("lac", 0..c.items.len());
    let upper = c.index.matches("LAC", 0..c.items.len());
    assert!(upper.len() < lower.len());
    assert!(upper.iter().all(|i| lower.contains(i)));
}

#[test]
fn the_index_holds_the_haystacks_as_first_built() {
    let f = fixture();
    for many in [false, true] {
        let c = corpus(f, many);
        let plain = SearchIndex::haystacks_plainly(c.reports, c.people, c.items);
        assert_eq!(c.index.haystacks(), plain);
        let own: Vec<usize> = c.items.iter().map(|i| i.text.chars().count()).collect();
        assert_eq!(c.index.text_chars(), own.as_slice());
    }
}

#[test]
fn a_word_finds_the_items_that_say_it_not_every_long_text() {
    let f = fixture();
    let c = corpus(f, false);
    let found = |q: &str| -> Vec<String> {
        let filter = Filter {
            search: q.to_string(),
            ..Filter::default()
        };
        run(c, &filter, SortKey::Report, TODAY)
            .expect("run")
            .iter()
            .map(|h| c.items[h.item].id.clone())
            .collect()
    };
    // Only the Leicester actions and recommendation about foster care say "foster".
    assert_eq!(
        found("foster"),
        [
            "leicester-2003/2.6a",
            "leicester-2003/2.6b",
            "leicester-2003/2.6c",
            "leicester-2003/2.6d",
            "oxfordshire-2005/2.4"
        ]
    );
    assert_eq!(
        found("fostr"),
        found("foster"),
        "a missed letter still finds them"
    );
    let leaflets = found("leaflets");
    assert_eq!(
        leaflets,
        [
            "leicester-2003/3.1a",
            "leicester-2003/3.1b",
            "leicester-2003/3.1c"
        ]
    );
}

#[test]
fn scores_do_not_depend_on_what_was_scored_before() {
    // Found by the property test: with one matcher kept across calls, "llf" scored an
    // item 49 in one order of searching and 45 in another.
    assert!(check_search(false, "llf").is_ok());
    assert!(check_search(true, "llf").is_ok());
}

#[test]
fn a_report_is_found_by_what_only_it_says() {
    let f = fixture();
    let c = corpus(f, false);
    let jar = c
        .reports
        .iter()
        .position(|r| r.id == "oxfordshire-jar-2008")
        .expect("the 2008 review");
    let filter = Filter {
        search: "teenage pregnancy".to_string(),
        ..Filter::default()
    };
    assert_eq!(matching_reports(c, &filter, TODAY), Ok(vec![jar]));
    let found = found_in_report(c, &filter.search, jar);
    let places: Vec<&str> = found.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        places,
        ["findings: concern", "findings: strength"],
        "{found:?}"
    );
    assert!(found[0].excerpt.contains("teenage pregnancy"), "{found:?}");
    // Another filter that keeps none of its items leaves the report out.
    let elsewhere = Filter {
        report: Some("leicester-2003".to_string()),
        ..filter
    };
    assert_eq!(matching_reports(c, &elsewhere, TODAY), Ok(vec![]));
}

#[test]
fn narrowing_the_reports_from_keystroke_to_keystroke_finds_what_a_fresh_search_finds() {
    let f = fixture();
    for query in [
        "teenage pregnancy",
        "private fostering",
        "Ofsted judgement",
        "csci",
    ] {
        for end in 1..=query.len() {
            let typed = &query[..end];
            let fresh = SearchIndex::new(&f.ws.reports, &f.ws.people, &f.ws.items);
            assert_eq!(
                f.index.matching_reports(typed),
                fresh.matching_reports(typed),
                "{typed}"
            );
        }
    }
}

#[test]
fn an_item_is_found_by_its_imported_cells_responses_notes_and_every_owner_spelling() {
    let f = fixture();
    let mut reports = f.ws.reports.clone();
    let items = f.ws.items.clone();
    let action = items
        .iter()
        .position(|i| i.kind == crate::model::ItemKind::Action)
        .expect("an action");
    let (r, a) = (items[action].report, items[action].index);
    reports[r].actions[a]
        .imported
        .push(crate::model::ImportedCell {
            column: "Budget code".to_string(),
            field: String::new(),
            text: "cost centre QX-4471".to_string(),
        });
    reports[r].actions[a].note = "transcribed from the appendix".to_string();
    let rec = items[action].recommendation_ids[0].clone();
    let k = reports[r]
        .recommendations
        .iter()
        .position(|x| x.id == rec)
        .expect("its recommendation");
    reports[r].recommendations[k].response.reason = "deferred to the spring budget".to_string();
    let index = SearchIndex::new(&reports, &f.ws.people, &items);
    for (query, field) in [
        ("QX-4471", "as imported: Budget code"),
        ("appendix", "note"),
        ("spring budget", "response"),
    ] {
        let found = index.matches(query, 0..items.len());
        assert!(found.contains(&action), "{query}: {found:?}");
        let c = Corpus {
            reports: &reports,
            items: &items,
            index: &index,
            ..corpus(f, false)
        };
        let places = found_in_item(c, query, action);
        assert!(
            places.iter().any(|p| p.field == field),
            "{query}: {places:?}"
        );
    }
    // An owner known by a spelling its item does not print.
    let (item, alias) = items
        .iter()
        .enumerate()
        .find_map(|(i, item)| {
            item.owners.iter().find_map(|o| {
                let owner = f.ws.people.get(*o);
                owner
                    .aliases
                    .iter()
                    .find(|a| **a != owner.name && !item.owners_as_printed.contains(a))
                    .map(|a| (i, a.clone()))
            })
        })
        .expect("an owner printed under another spelling");
    assert!(
        index.matches(&alias, 0..items.len()).contains(&item),
        "{alias}"
    );
}
