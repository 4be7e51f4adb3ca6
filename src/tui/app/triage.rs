//! The Triage summary: counts by status, by deadline and readiness, of the executive's
//! responses, and per owner, of the items that pass the filters. Each count of items
//! carries the filter that shows them, and is the length of that query, so a count and
//! what Enter shows always agree. The responses are counted in recommendations.

use super::App;
use super::RecAt;
use super::browse::Pane;
use crate::model::{OwnerId, ResponseKind, Status, Urgency};
use crate::query::{self, Filter, SortKey};
use std::collections::{BTreeSet, HashMap};

/// A line of the Triage view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriageLine {
    Status(Status),
    Overdue,
    DueSoon,
    Ready,
    /// Recommendations awaiting the executive's response (no cells: a count of
    /// recommendations, shown in Browse).
    Awaiting {
        recs: usize,
    },
    /// Of those, the ones whose response was due before today.
    ResponseOverdue {
        recs: usize,
    },
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
        let (awaiting, overdue) = self.responses_awaited();
        for line in [
            TriageLine::Awaiting {
                recs: awaiting.len(),
            },
            TriageLine::ResponseOverdue {
                recs: overdue.len(),
            },
        ] {
            rows.push(TriageRow {
                line,
                cells: Vec::new(),
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

    /// The recommendations answered by the items that pass the filters whose response
    /// is awaited, and of those the ones overdue, as (report, recommendation) indices
    /// in paper order.
    pub fn responses_awaited(&self) -> (Vec<RecAt>, Vec<RecAt>) {
        let mut awaiting = Vec::new();
        for hit in &self.hits {
            let item = &self.ws.items[hit.item];
            let recs = &self.ws.reports[item.report].recommendations;
            for id in item.recommendation_ids.iter() {
                if let Some(k) = recs.iter().position(|r| &r.id == id)
                    && recs[k].response.kind == ResponseKind::Awaiting
                {
                    awaiting.push((item.report, k));
                }
            }
        }
        awaiting.sort_unstable();
        awaiting.dedup();
        let overdue = awaiting
            .iter()
            .copied()
            .filter(|(r, k)| {
                self.ws.reports[*r].recommendations[*k]
                    .response
                    .is_overdue(self.today)
            })
            .collect();
        (awaiting, overdue)
    }

    /// Enter on a response count: the recommendations in Browse, with the response
    /// filter on, the first of them selected.
    pub(super) fn show_responses(&mut self, overdue: bool) {
        let (awaiting, late) = self.responses_awaited();
        let recs = if overdue { late } else { awaiting };
        self.filter.responses = vec![ResponseKind::Awaiting];
        self.view = crate::tui::action::View::Browse;
        self.refresh();
        if let Some((r, k)) = recs.first() {
            let report = &self.ws.reports[*r];
            self.browse.report = Some(report.id.clone());
            self.browse.rec = Some(report.recommendations[*k].id.clone());
            self.browse.item = None;
        }
        self.focus(Pane::Recommendations);
        let clear = self.key_label(crate::tui::action::Action::ClearFilters);
        self.info(if overdue {
            format!(
                "{} recommendation(s) with the response overdue, marked ! under Recommendations; {clear} clears the filter",
                recs.len()
            )
        } else {
            format!(
                "{} recommendation(s) awaiting the executive's response; {clear} clears the filter",
                recs.len()
            )
        });
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
