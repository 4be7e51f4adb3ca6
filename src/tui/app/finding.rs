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

    /// Re-runs the query after the filter, the sort or the data changed.
    pub fn refresh(&mut self) {
        let corpus = self.corpus();
        match query::run(corpus, &self.filter, SortKey::Report, self.today) {
            Ok(hits) => self.hits = hits,
            Err(e) => {
                self.hits = Vec::new();
                self.error(e.to_string());
            }
        }
        let mut table = self.hits.clone();
        let sort = if self.sort == SortKey::Score && self.filter.search.trim().is_empty() {
            SortKey::Report
        } else {
            self.sort
        };
        query::sort_hits(self.corpus(), &mut table, sort, self.today);
        self.table = table;
        self.hit_of = vec![None; self.ws.items.len()];
        for (h, hit) in self.hits.iter().enumerate() {
            if let Some(slot) = self.hit_of.get_mut(hit.item) {
                *slot = Some(h);
            }
        }
        if self.view == View::Triage {
            self.triage_rows = self.compute_triage();
        }
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
