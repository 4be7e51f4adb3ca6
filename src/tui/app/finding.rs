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
                    let reports = match self.reports_found_alone() {
                        0 => String::new(),
                        1 => ", and 1 report in its own text (Browse)".to_string(),
                        n => format!(", and {n} reports in their own text (Browse)"),
                    };
                    self.info(format!(
                        "{} item(s) match{reports}; esc in the search clears it",
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
        self.report_hits = std::cell::OnceCell::new();
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

    /// How many reports the search finds only in their own text: none of their items
    /// matches, so only Browse lists them.
    pub fn reports_found_alone(&self) -> usize {
        self.report_hits().len()
    }

    /// The reports the search finds only in their own text, in order (see the field).
    pub fn report_hits(&self) -> &[usize] {
        self.report_hits.get_or_init(|| self.reports_alone())
    }

    /// The reports the search finds in their own text and by none of their items.
    fn reports_alone(&self) -> Vec<usize> {
        let found =
            query::matching_reports(self.corpus(), &self.filter, self.today).unwrap_or_default();
        if found.is_empty() {
            return found;
        }
        // The hits are in report order.
        let mut with_hits: Vec<usize> = self
            .hits
            .iter()
            .map(|h| self.ws.items[h.item].report)
            .collect();
        with_hits.dedup();
        found
            .into_iter()
            .filter(|r| with_hits.binary_search(r).is_err())
            .collect()
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
