//! Finding items: filters, fuzzy search and sorting. One engine, used by the command
//! line and the terminal UI alike.

mod search;

pub use search::SearchIndex;

use crate::model::{Item, OwnerId, People, Report, Status, Urgency};
use jiff::ToSpan;
use jiff::civil::Date;
use std::cmp::Ordering;

/// What to keep. Empty lists and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Owners by any alias or a fragment of a name; an item matches if any owner does.
    pub owners: Vec<String>,
    pub statuses: Vec<Status>,
    pub report: Option<String>,
    /// Some(true): only items marked ready; Some(false): only items not marked.
    pub ready: Option<bool>,
    pub overdue: bool,
    /// Due on or before this date.
    pub due_before: Option<Date>,
    /// Due on or after this date.
    pub due_after: Option<Date>,
    /// Due from today to this many days ahead (overdue items are not "within").
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
    let keep = |item: &Item| {
        (owners.is_empty() || item.owners.iter().any(|o| owners.contains(o)))
            && (filter.statuses.is_empty() || filter.statuses.contains(&item.tracking.status))
            && report.is_none_or(|r| item.report == r)
            && filter
                .ready
                .is_none_or(|want| item.tracking.ready_for.is_some() == want)
            && (!filter.overdue || item.is_overdue(today))
            && filter
                .due_before
                .is_none_or(|d| item.due().is_some_and(|due| due <= d))
            && filter
                .due_after
                .is_none_or(|d| item.due().is_some_and(|due| due >= d))
            && within_end.is_none_or(|end| item.due().is_some_and(|due| due >= today && due <= end))
    };
    let candidates = corpus
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| keep(item))
        .map(|(i, _)| i);
    let mut hits: Vec<Hit> = if filter.search.trim().is_empty() {
        candidates
            .map(|item| Hit {
                item,
                score: 0,
                positions: Vec::new(),
            })
            .collect()
    } else {
        corpus.index.search(&filter.search, candidates)
    };
    sort_hits(corpus, &mut hits, sort, today);
    Ok(hits)
}

/// Sorts hits in place; ties keep the paper's order.
pub fn sort_hits(corpus: Corpus<'_>, hits: &mut [Hit], sort: SortKey, today: Date) {
    let items = corpus.items;
    let owner_name = |h: &Hit| {
        items[h.item]
            .owners
            .first()
            .map(|o| corpus.people.get(*o).name.to_lowercase())
    };
    let by: Box<Compare<'_>> = match sort {
        SortKey::Report => Box::new(|a, b| a.item.cmp(&b.item)),
        SortKey::Deadline => Box::new(|a, b| {
            let (x, y) = (&items[a.item], &items[b.item]);
            none_last(x.due(), y.due()).then(Urgency::of(x, today).cmp(&Urgency::of(y, today)))
        }),
        SortKey::Owner => Box::new(|a, b| none_last(owner_name(a), owner_name(b))),
        SortKey::Status => Box::new(|a, b| {
            items[a.item]
                .tracking
                .status
                .cmp(&items[b.item].tracking.status)
        }),
        SortKey::Score => Box::new(|a, b| b.score.cmp(&a.score)),
    };
    hits.sort_by(|a, b| by(a, b).then(a.item.cmp(&b.item)));
}

type Compare<'a> = dyn Fn(&Hit, &Hit) -> Ordering + 'a;

fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
