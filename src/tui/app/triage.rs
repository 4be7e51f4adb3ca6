//! The Triage summary: counts by status, by deadline and readiness, and per owner, of
//! the items that pass the filters. Each count carries the filter that shows its items,
//! and is the length of that query, so a count and what Enter shows always agree.

use super::App;
use crate::model::{OwnerId, Status, Urgency};
use crate::query::{self, Filter, SortKey};
use std::collections::{BTreeSet, HashMap};

/// A line of the Triage view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriageLine {
    Status(Status),
    Overdue,
    DueSoon,
    Ready,
    Owner(OwnerId),
}

/// One count: how many items, and the filter that shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageCell {
    pub count: usize,
    pub filter: Filter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageRow {
    pub line: TriageLine,
    pub cells: Vec<TriageCell>,
}

/// The names of an owner row's counts, in order.
pub const OWNER_COLUMNS: [&str; 4] = ["items", "overdue", "due soon", "ready"];

impl App {
    pub(super) fn compute_triage(&self) -> Vec<TriageRow> {
        let run = |change: &dyn Fn(&mut Filter), base: &Filter| {
            let mut f = base.clone();
            change(&mut f);
            let items: Vec<usize> = query::select(self.corpus(), &f, SortKey::Report, self.today)
                .map(|hits| hits.into_iter().map(|h| h.item).collect())
                .unwrap_or_default();
            (f, items)
        };
        let cell = |change: &dyn Fn(&mut Filter)| {
            let (filter, items) = run(change, &self.filter);
            TriageCell {
                count: items.len(),
                filter,
            }
        };
        let mut rows: Vec<TriageRow> = Status::ALL
            .iter()
            .map(|s| TriageRow {
                line: TriageLine::Status(*s),
                cells: vec![cell(&|f| f.statuses = vec![*s])],
            })
            .collect();
        let deadlines = [TriageLine::Overdue, TriageLine::DueSoon, TriageLine::Ready];
        for (line, change) in deadlines.into_iter().zip(&COUNTS[1..]) {
            rows.push(TriageRow {
                line,
                cells: vec![cell(change)],
            });
        }
        // Per owner: the four queries once without the owner filter, then each item
        // counted for each of its owners; the same as one query per owner and count.
        let mut base = self.filter.clone();
        base.owners.clear();
        let mut counts: HashMap<OwnerId, [usize; 4]> = HashMap::new();
        for (k, change) in COUNTS.iter().enumerate() {
            for item in run(change, &base).1 {
                for o in &self.ws.items[item].owners {
                    counts.entry(*o).or_default()[k] += 1;
                }
            }
        }
        let owners: BTreeSet<OwnerId> = self
            .hits
            .iter()
            .flat_map(|h| self.ws.items[h.item].owners.iter().copied())
            .collect();
        let mut owner_rows: Vec<TriageRow> = owners
            .into_iter()
            .map(|o| {
                let n = counts.get(&o).copied().unwrap_or_default();
                let word = self.owner_word(o);
                let cells = COUNTS
                    .iter()
                    .zip(n)
                    .map(|(change, count)| {
                        let mut filter = base.clone();
                        filter.owners = vec![word.clone()];
                        change(&mut filter);
                        TriageCell { count, filter }
                    })
                    .collect();
                TriageRow {
                    line: TriageLine::Owner(o),
                    cells,
                }
            })
            .collect();
        let name = |r: &TriageRow| match r.line {
            TriageLine::Owner(o) => self.ws.people.get(o).name.to_lowercase(),
            _ => String::new(),
        };
        owner_rows.sort_by(|a, b| {
            let n = |r: &TriageRow, k: usize| r.cells.get(k).map_or(0, |c| c.count);
            n(b, 1)
                .cmp(&n(a, 1))
                .then(n(b, 2).cmp(&n(a, 2)))
                .then(name(a).cmp(&name(b)))
        });
        rows.extend(owner_rows);
        rows
    }

    /// A spelling that the directory resolves to exactly this owner, for an owner
    /// filter: its name, or failing that (a spelling two owners claim) another.
    pub fn owner_word(&self, o: OwnerId) -> String {
        let people = &self.ws.people;
        let owner = people.get(o);
        owner
            .spellings()
            .find(|s| people.resolve(s) == Some(o))
            .unwrap_or(&owner.name)
            .to_string()
    }
}

/// The counts of an owner row, in the order of `OWNER_COLUMNS`, each as the change it
/// makes to a filter: all items, overdue, due soon, marked ready. The last three are
/// also the deadline and readiness rows.
type Change = fn(&mut Filter);
const COUNTS: [Change; 4] = [
    |_| {},
    |f| f.overdue = true,
    |f| f.due_within = Some(Urgency::SOON_DAYS),
    |f| f.ready = Some(true),
];
