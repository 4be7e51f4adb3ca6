//! Finding items: filters, fuzzy search and sorting. One engine, used by the command
//! line and the terminal UI alike.

pub mod fields;
mod search;
#[cfg(test)]
mod tests;

pub use search::{Found, SearchIndex};

use crate::model::{Committee, Item, OwnerId, People, Report, ResponseKind, Status};
use jiff::ToSpan;
use jiff::civil::Date;

/// What to keep. Empty lists and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Owners by any alias or a fragment of a name; an item matches if any owner does.
    pub owners: Vec<String>,
    pub statuses: Vec<Status>,
    pub report: Option<String>,
    /// Some(true): only items marked ready for a meeting still to come (not those
    /// already presented); Some(false): only the others.
    pub ready: Option<bool>,
    /// Items answering a recommendation whose response is any of these.
    pub responses: Vec<ResponseKind>,
    pub overdue: bool,
    /// Due on or before this date.
    pub due_before: Option<Date>,
    /// Due on or after this date.
    pub due_after: Option<Date>,
    /// Due from today to this many days ahead, and not yet done (overdue, complete and
    /// signed-off items are not "within": see `is_due_within`).
    pub due_within: Option<i64>,
    /// Fuzzy search over all of an item's text.
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Report order, then the order of the paper.
    #[default]
    Report,
    Deadline,
    Owner,
    Status,
    /// Best search match first.
    Score,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Report,
        SortKey::Deadline,
        SortKey::Owner,
        SortKey::Status,
        SortKey::Score,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Report => "report",
            SortKey::Deadline => "deadline",
            SortKey::Owner => "owner",
            SortKey::Status => "status",
            SortKey::Score => "score",
        }
    }

    pub fn parse(text: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// An item that passed the filter, with its search score and the matched character
/// positions in its text (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub score: i64,
    pub positions: Vec<usize>,
}

/// What a query runs over.
#[derive(Clone, Copy)]
pub struct Corpus<'a> {
    pub reports: &'a [Report],
    pub people: &'a People,
    pub items: &'a [Item],
    pub index: &'a SearchIndex,
    /// The calendar, which says whether a mark is for a meeting still to come.
    pub committees: &'a [Committee],
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("no owner matches `{0}` (try part of a name, or initials as printed)")]
    UnknownOwner(String),
    #[error("no report has the id `{0}`")]
    UnknownReport(String),
}

/// The owners a filter's words name, each word resolved on its own.
pub fn resolve_owners(people: &People, words: &[String]) -> Result<Vec<OwnerId>, QueryError> {
    let mut all = Vec::new();
    for w in words {
        let found = people.matching(w);
        if found.is_empty() {
            return Err(QueryError::UnknownOwner(w.clone()));
        }
        all.extend(found);
    }
    Ok(all)
}

/// The items that pass `filter` on `today`, sorted by `sort`.
pub fn run(
    corpus: Corpus<'_>,
    filter: &Filter,
    sort: SortKey,
    today: Date,
) -> Result<Vec<Hit>, QueryError> {
    let candidates = candidates(corpus, filter, today)?;
    let mut hits: Vec<Hit> = if filter.search.trim().is_empty() {
        unscored(candidates)
    } else {
        corpus.index.search(&filter.search, candidates.into_iter())
    };
    sort_hits(corpus, &mut hits, sort, today);
    Ok(hits)
}

/// The items that pass `filter`, in the order `run` gives them, without the work of
/// highlighting: every hit's `positions` is empty, and its `score` is 0 unless the
/// sort is by score. For a view that shows a screenful of a long list: it calls
/// `highlight` on the rows it draws. On a large workspace a search matches thousands
/// of items nobody sees, and scoring them is most of `run`'s time.
pub fn select(
    corpus: Corpus<'_>,
    filter: &Filter,
    sort: SortKey,
    today: Date,
) -> Result<Vec<Hit>, QueryError> {
    let candidates = candidates(corpus, filter, today)?;
    let mut hits: Vec<Hit> = if filter.search.trim().is_empty() {
        unscored(candidates)
    } else {
        let matched = corpus.index.matches(&filter.search, candidates.into_iter());
        if sort == SortKey::Score {
            scored(corpus.index, &filter.search, matched)
        } else {
            unscored(matched)
        }
    };
    sort_hits(corpus, &mut hits, sort, today);
    Ok(hits)
}

/// `items` (matches of `query`) with their scores but no positions, in the same order.
pub fn scored(index: &SearchIndex, query: &str, items: Vec<usize>) -> Vec<Hit> {
    let scores = index.scores(query, &items);
    items
        .into_iter()
        .zip(scores)
        .map(|(item, score)| Hit {
            item,
            score,
            positions: Vec::new(),
        })
        .collect()
}

/// Completes a hit from `select` to what `run` gives: its score and the positions of
/// the matched characters in the item's text.
pub fn highlight(corpus: Corpus<'_>, filter: &Filter, hit: &mut Hit) {
    if filter.search.trim().is_empty() {
        return;
    }
    if let Some(full) = corpus.index.hit(&filter.search, hit.item) {
        *hit = full;
    }
}

fn unscored(items: Vec<usize>) -> Vec<Hit> {
    items
        .into_iter()
        .map(|item| Hit {
            item,
            score: 0,
            positions: Vec::new(),
        })
        .collect()
}

/// The items that pass every part of `filter` but the search, in report order.
fn candidates(corpus: Corpus<'_>, filter: &Filter, today: Date) -> Result<Vec<usize>, QueryError> {
    let keep = keeper(corpus, filter, today)?;
    Ok(corpus
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| keep(item))
        .map(|(i, _)| i)
        .collect())
}

/// The reports whose own text (judgements, findings, inspectorate... see
/// `fields::report_fields`) matches the search, among those with an item that passes
/// every other part of `filter`, in order. Empty without a search. The items a search
/// finds are `select`'s; these are the reports it finds by what only they say.
pub fn matching_reports(
    corpus: Corpus<'_>,
    filter: &Filter,
    today: Date,
) -> Result<Vec<usize>, QueryError> {
    if filter.search.trim().is_empty() {
        return Ok(Vec::new());
    }
    let matched = corpus.index.matching_reports(&filter.search);
    if matched.is_empty() {
        return Ok(matched);
    }
    let keep = keeper(corpus, filter, today)?;
    // Only the matched reports' own items are looked at, not every item (a keystroke
    // at 100,000 items).
    Ok(matched
        .into_iter()
        .filter(|&r| {
            let items = corpus.index.items_of_report(r);
            corpus
                .items
                .get(items)
                .is_some_and(|items| items.iter().any(|item| item.report == r && keep(item)))
        })
        .collect())
}

/// Where the search found item `i`: the fields holding a match (its text, a note, an
/// owner's spelling...), each with the words around it.
pub fn found_in_item(corpus: Corpus<'_>, search: &str, i: usize) -> Vec<Found> {
    let Some(item) = corpus.items.get(i) else {
        return Vec::new();
    };
    let report = &corpus.reports[item.report];
    SearchIndex::found_in(search, |sink| {
        fields::item_fields(report, corpus.people, item, sink)
    })
}

/// Where the search found report `r` in its own text (a finding, a judgement...).
pub fn found_in_report(corpus: Corpus<'_>, search: &str, r: usize) -> Vec<Found> {
    let Some(report) = corpus.reports.get(r) else {
        return Vec::new();
    };
    SearchIndex::found_in(search, |sink| fields::report_fields(report, sink))
}

/// "Due soon", the one definition that `scrutineer triage`, the workbench's Triage and
/// `list --due-within 30` share: not yet done (complete and signed-off items are not
/// due), and due (by its current deadline) from today to `Urgency::SOON_DAYS` days
/// ahead. Overdue items are not "due soon".
pub fn is_due_soon(item: &Item, today: Date) -> bool {
    is_due_within(item, today, crate::model::Urgency::SOON_DAYS)
}

/// Not yet done, and due from today to `days` days ahead: the `due_within` filter.
pub fn is_due_within(item: &Item, today: Date, days: i64) -> bool {
    today
        .checked_add(days.clamp(-100_000, 100_000).days())
        .is_ok_and(|end| due_by(item, today, end))
}

fn due_by(item: &Item, today: Date, end: Date) -> bool {
    !item.tracking.status.is_done() && item.due().is_some_and(|due| due >= today && due <= end)
}

/// Whether an item passes every part of `filter` but the search.
fn keeper<'a>(
    corpus: Corpus<'a>,
    filter: &'a Filter,
    today: Date,
) -> Result<impl Fn(&Item) -> bool + 'a, QueryError> {
    let owners = resolve_owners(corpus.people, &filter.owners)?;
    let report = match &filter.report {
        None => None,
        Some(id) => Some(
            corpus
                .reports
                .iter()
                .position(|r| &r.id == id)
                .ok_or_else(|| QueryError::UnknownReport(id.clone()))?,
        ),
    };
    let within_end = filter
        .due_within
        .and_then(|n| today.checked_add(n.clamp(-100_000, 100_000).days()).ok());
    let keep = move |item: &Item| {
        (owners.is_empty() || item.owners.iter().any(|o| owners.contains(o)))
            && (filter.statuses.is_empty() || filter.statuses.contains(&item.tracking.status))
            && report.is_none_or(|r| item.report == r)
            && filter
                .ready
                .is_none_or(|want| item.readiness(corpus.committees, today).is_upcoming() == want)
            && (filter.responses.is_empty()
                || item.recommendation_ids.iter().any(|id| {
                    corpus.reports[item.report]
                        .recommendations
                        .iter()
                        .find(|r| &r.id == id)
                        .is_some_and(|r| filter.responses.contains(&r.response.kind))
                }))
            && (!filter.overdue || item.is_overdue(today))
            && filter
                .due_before
                .is_none_or(|d| item.due().is_some_and(|due| due <= d))
            && filter
                .due_after
                .is_none_or(|d| item.due().is_some_and(|due| due >= d))
            && within_end.is_none_or(|end| due_by(item, today, end))
    };
    Ok(keep)
}

/// Sorts hits in place; ties keep the paper's order. Each hit's key is packed once
/// into one integer (an owner's place in name order, not the name; the deadline and
/// whether the item is done, not its urgency worked out from a date span), so sorting
/// 100,000 items takes a few milliseconds. The tests check the order against the
/// plain comparator's.
pub fn sort_hits(corpus: Corpus<'_>, hits: &mut [Hit], sort: SortKey, today: Date) {
    // Urgency among items due the same day does not depend on the day (see below).
    let _ = today;
    let items = corpus.items;
    match sort {
        // Usually given in this order already, which a stable sort passes over once.
        SortKey::Report => hits.sort_by_key(|h| h.item),
        SortKey::Deadline => sort_packed(hits, |h| deadline_key(&items[h.item])),
        SortKey::Owner => {
            let rank = owner_ranks(corpus.people);
            let last = rank.len() as u64;
            sort_packed(hits, |h| match items[h.item].owners.first() {
                Some(o) => rank[o.0] as u64,
                None => last,
            });
        }
        SortKey::Status => sort_packed(hits, |h| items[h.item].tracking.status as u64),
        SortKey::Score => sort_packed(hits, |h| !((h.score as u64) ^ (1 << 63))),
    }
}

/// Sorts by `key`, then the paper's order, then the order given (so equal hits keep
/// their places, as a stable sort would). Key, item and place are packed into one
/// number to sort: 64 bits when they fit (a date key and 100,000 items do), else 128.
fn sort_packed(hits: &mut [Hit], key: impl Fn(&Hit) -> u64) {
    let keys: Vec<u64> = hits.iter().map(&key).collect();
    let largest = hits
        .iter()
        .map(|h| h.item)
        .max()
        .unwrap_or(0)
        .max(hits.len());
    let index_bits = usize::BITS - largest.leading_zeros();
    let key_bits = u64::BITS - keys.iter().max().copied().unwrap_or(0).leading_zeros();
    let entries = keys
        .iter()
        .zip(hits.iter())
        .enumerate()
        .map(|(place, (&k, h))| (k, h.item, place));
    let order = if key_bits + 2 * index_bits <= 64 {
        let low = (1u64 << index_bits) - 1;
        sorted_places(
            entries.map(|(k, item, place)| {
                (k << (2 * index_bits)) | ((item as u64 & low) << index_bits) | place as u64
            }),
            |p| (p & low) as usize,
        )
    } else {
        const LOW: u128 = 0xFFFF_FFFF;
        sorted_places(
            entries.map(|(k, item, place)| {
                (u128::from(k) << 64) | ((item as u128 & LOW) << 32) | (place as u128 & LOW)
            }),
            |p| (p & LOW) as usize,
        )
    };
    let empty = || Hit {
        item: 0,
        score: 0,
        positions: Vec::new(),
    };
    let mut given: Vec<Hit> = hits
        .iter_mut()
        .map(|h| std::mem::replace(h, empty()))
        .collect();
    for (slot, place) in hits.iter_mut().zip(order) {
        *slot = std::mem::replace(&mut given[place], empty());
    }
}

/// Sorts packed numbers and gives back the places they carry, in their new order.
fn sorted_places<T: Ord>(
    packed: impl Iterator<Item = T>,
    place: impl Fn(&T) -> usize,
) -> Vec<usize> {
    let mut packed: Vec<T> = packed.collect();
    packed.sort_unstable();
    packed.iter().map(place).collect()
}

/// Orders as (deadline, undated last; then urgency). Among items due the same day
/// urgency only tells done from not done: with a date, done comes after overdue, due
/// soon and later; with none, done comes before undated.
fn deadline_key(item: &Item) -> u64 {
    let done = item.tracking.status.is_done();
    match item.due() {
        Some(d) => {
            let day = (i64::from(d.year()) + 10_000) * 512
                + i64::from(d.month()) * 32
                + i64::from(d.day());
            ((day as u64) << 1) | u64::from(done)
        }
        // After every date (a day's key is below 2^24 until the year 6000).
        None => (1 << 25) | u64::from(!done),
    }
}

/// Each owner's place when owners are ordered by lower-case name (equal names, equal
/// places).
fn owner_ranks(people: &People) -> Vec<usize> {
    let names: Vec<String> = people
        .owners
        .iter()
        .map(|o| o.name.to_lowercase())
        .collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[a].cmp(&names[b]));
    let mut rank = vec![0; names.len()];
    for (place, pair) in order.iter().enumerate() {
        let same = place > 0 && names[order[place - 1]] == names[*pair];
        rank[*pair] = if same { rank[order[place - 1]] } else { place };
    }
    rank
}
