//! Finding: the search typed in the filter bar, re-running the query when the filter,
//! the sort or the data changes, and the readiness and sort keys.

use super::App;
use crate::query::{self, SortKey};
use crate::tui::action::{Action, View};

impl App {
    pub(super) fn update_search(&mut self, action: Action) {
        match action {
            Action::Confirm => {
                self.searching = None;
                if !self.filter.search.is_empty() {
                    self.info(format!(
                        "{} item(s) match; esc in the search clears it",
                        self.hits.len()
                    ));
                }
            }
            Action::Back => {
                self.searching = None;
                self.filter.search.clear();
                self.refresh();
            }
            Action::Input(req) => {
                if let Some(input) = &mut self.searching {
                    input.handle(req);
                    self.filter.search = input.value().to_string();
                    self.refresh();
                }
            }
            _ => {}
        }
    }

    /// Re-runs the query after the filter, the sort or the data changed. Matched
    /// characters are worked out only for the rows drawn (see `positions`).
    pub fn refresh(&mut self) {
        let corpus = self.corpus();
        match query::select(corpus, &self.filter, SortKey::Report, self.today) {
            Ok(hits) => self.hits = hits,
            Err(e) => {
                self.hits = Vec::new();
                self.error(e.to_string());
            }
        }
        let searching = !self.filter.search.trim().is_empty();
        self.scoring.forget();
        self.table = match self.sort {
            SortKey::Score if searching && self.scoring.takes(self.hits.len()) => {
                // Report order at once; the scores follow from another thread.
                self.score_in_background();
                self.hits.clone()
            }
            SortKey::Score if searching => {
                query::select(self.corpus(), &self.filter, SortKey::Score, self.today)
                    .unwrap_or_default()
            }
            sort => {
                let sort = if sort == SortKey::Score {
                    SortKey::Report
                } else {
                    sort
                };
                let mut table = self.hits.clone();
                query::sort_hits(self.corpus(), &mut table, sort, self.today);
                table
            }
        };
        self.passes = vec![false; self.ws.items.len()];
        for hit in &self.hits {
            if let Some(slot) = self.passes.get_mut(hit.item) {
                *slot = true;
            }
        }
        if self.view == View::Triage {
            self.triage_rows = self.compute_triage();
        }
        self.refresh_agenda();
    }

    pub(super) fn cycle_sort(&mut self) {
        let searching = !self.filter.search.trim().is_empty();
        let keys: Vec<SortKey> = SortKey::ALL
            .into_iter()
            .filter(|k| *k != SortKey::Score || searching)
            .collect();
        let at = keys.iter().position(|k| *k == self.sort).unwrap_or(0);
        self.sort = keys[(at + 1) % keys.len()];
        self.refresh();
        self.info(format!("sorted by {}", self.sort.as_str()));
    }

    pub(super) fn cycle_ready(&mut self) {
        self.filter.ready = match self.filter.ready {
            None => Some(true),
            Some(true) => Some(false),
            Some(false) => None,
        };
        self.refresh();
        let what = match self.filter.ready {
            Some(true) => "showing only items marked ready",
            Some(false) => "showing only items not marked ready",
            None => "readiness filter off",
        };
        self.info(what);
    }
}
