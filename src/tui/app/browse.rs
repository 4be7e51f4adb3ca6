//! The Browse view's state: reports, then their recommendations, then the items that
//! answer them, each list holding only what has items passing the filter.

use super::{App, Scroll};
use crate::model::ItemKind;
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Reports,
    Recommendations,
    Items,
    Detail,
}

const ORDER: [Pane; 4] = [
    Pane::Reports,
    Pane::Recommendations,
    Pane::Items,
    Pane::Detail,
];

/// The key of the group of items that answer no recommendation the report has.
pub const UNATTACHED: &str = "";

#[derive(Debug, Default)]
pub struct Browse {
    pub pane: Pane,
    /// The list whose selection the detail pane shows.
    pub shown: Pane,
    /// Selections by id: report id, recommendation id, item id.
    pub report: Option<String>,
    pub rec: Option<String>,
    pub item: Option<String>,
    pub scrolls: [Scroll; 3],
    /// How far the detail pane is scrolled (clamped to its text when drawn).
    pub detail_scroll: Cell<usize>,
}

/// The three lists as they stand, with the selected row of each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseRows {
    /// Report indices.
    pub reports: Vec<usize>,
    pub report_at: usize,
    /// Recommendation indices in the selected report; None for items answering none.
    pub recs: Vec<Option<usize>>,
    pub rec_at: usize,
    /// Item indices.
    pub items: Vec<usize>,
    pub item_at: usize,
}

impl BrowseRows {
    pub fn report(&self) -> Option<usize> {
        self.reports.get(self.report_at).copied()
    }

    pub fn rec(&self) -> Option<Option<usize>> {
        self.recs.get(self.rec_at).copied()
    }

    pub fn item(&self) -> Option<usize> {
        self.items.get(self.item_at).copied()
    }
}

fn position<'a, T>(list: &[T], wanted: Option<&str>, key: impl Fn(&T) -> &'a str) -> usize {
    wanted
        .and_then(|w| list.iter().position(|x| key(x) == w))
        .unwrap_or(0)
}

/// Two ordered lists as one, in order.
fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i] <= b[j]);
        if take_a {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.dedup();
    out
}

/// `at` moved by `delta`, kept inside a list of `len`.
pub fn step(len: usize, at: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    let moved = (at as isize).saturating_add(delta);
    moved.clamp(0, len as isize - 1) as usize
}

impl App {
    pub fn browse_rows(&self) -> BrowseRows {
        let mut rows = BrowseRows::default();
        for hit in &self.hits {
            let r = self.ws.items[hit.item].report;
            if rows.reports.last() != Some(&r) {
                rows.reports.push(r);
            }
        }
        // Reports the search finds only in their own text, in their place.
        if !self.report_hits().is_empty() {
            rows.reports = merged(&rows.reports, self.report_hits());
        }
        rows.report_at = position(&rows.reports, self.browse.report.as_deref(), |r| {
            &self.ws.reports[*r].id
        });
        let Some(r) = rows.report() else {
            return rows;
        };
        let report = &self.ws.reports[r];
        let in_report: Vec<usize> = self
            .hits
            .iter()
            .map(|h| h.item)
            .filter(|i| self.ws.items[*i].report == r)
            .collect();
        let answers = |item: usize, rec: &str| {
            self.ws.items[item]
                .recommendation_ids
                .iter()
                .any(|id| id == rec)
        };
        for (k, rec) in report.recommendations.iter().enumerate() {
            if in_report.iter().any(|i| answers(*i, &rec.id)) {
                rows.recs.push(Some(k));
            }
        }
        let unattached = |item: usize| {
            !report
                .recommendations
                .iter()
                .any(|rec| answers(item, &rec.id))
        };
        if in_report.iter().any(|i| unattached(*i)) {
            rows.recs.push(None);
        }
        let rec_key = |rec: &Option<usize>| match rec {
            Some(k) => report.recommendations[*k].id.as_str(),
            None => UNATTACHED,
        };
        rows.rec_at = position(&rows.recs, self.browse.rec.as_deref(), rec_key);
        let Some(rec) = rows.rec() else {
            return rows;
        };
        rows.items = in_report
            .into_iter()
            .filter(|i| match rec {
                Some(k) => answers(*i, &report.recommendations[k].id),
                None => unattached(*i),
            })
            .collect();
        rows.item_at = position(&rows.items, self.browse.item.as_deref(), |i| {
            &self.ws.items[*i].id
        });
        rows
    }

    /// The item the Browse view has selected, if what is selected is an item: one in
    /// the items list, or a recommendation tracked directly.
    pub fn browse_item(&self) -> Option<usize> {
        let rows = self.browse_rows();
        match self.browse.shown {
            Pane::Items => rows.item(),
            Pane::Recommendations => match rows.items.as_slice() {
                [one] if self.ws.items[*one].kind == ItemKind::Recommendation => Some(*one),
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn browse_move(&mut self, delta: isize) {
        let rows = self.browse_rows();
        match self.browse.pane {
            Pane::Reports => {
                let at = step(rows.reports.len(), rows.report_at, delta);
                self.browse.report = rows.reports.get(at).map(|r| self.ws.reports[*r].id.clone());
                if at != rows.report_at {
                    self.browse.rec = None;
                    self.browse.item = None;
                }
            }
            Pane::Recommendations => {
                let at = step(rows.recs.len(), rows.rec_at, delta);
                let report = rows.report().map(|r| &self.ws.reports[r]);
                self.browse.rec = match (rows.recs.get(at), report) {
                    (Some(Some(k)), Some(report)) => Some(report.recommendations[*k].id.clone()),
                    (Some(None), _) => Some(UNATTACHED.to_string()),
                    _ => None,
                };
                if at != rows.rec_at {
                    self.browse.item = None;
                }
            }
            Pane::Items => {
                let at = step(rows.items.len(), rows.item_at, delta);
                self.browse.item = rows.items.get(at).map(|i| self.ws.items[*i].id.clone());
            }
            Pane::Detail => {
                let at = step(usize::MAX / 4, self.browse.detail_scroll.get(), delta);
                self.browse.detail_scroll.set(at);
                return;
            }
        }
        self.browse.detail_scroll.set(0);
    }

    /// PgDn and PgUp in Browse: the detail scrolls, whichever pane has the focus (the
    /// lists move with j, k and ctrl-d, ctrl-u).
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        if self.view != crate::tui::action::View::Browse {
            return self.move_by(delta);
        }
        let at = step(usize::MAX / 4, self.browse.detail_scroll.get(), delta);
        self.browse.detail_scroll.set(at);
    }

    /// Tab and Shift-Tab: the next or previous pane, wrapping round.
    pub(super) fn browse_pane(&mut self, delta: isize) {
        let at = ORDER
            .iter()
            .position(|p| *p == self.browse.pane)
            .unwrap_or(0) as isize;
        let next = ORDER[(at + delta).rem_euclid(ORDER.len() as isize) as usize];
        self.focus(next);
    }

    pub(super) fn focus(&mut self, pane: Pane) {
        self.browse.pane = pane;
        if pane != Pane::Detail && pane != self.browse.shown {
            self.browse.shown = pane;
            self.browse.detail_scroll.set(0);
        }
    }

    /// Enter: into the next list, or from the items list into the detail.
    pub(super) fn browse_open(&mut self) {
        let next = match self.browse.pane {
            Pane::Reports => Pane::Recommendations,
            Pane::Recommendations => Pane::Items,
            Pane::Items | Pane::Detail => Pane::Detail,
        };
        self.focus(next);
    }

    /// Esc: back to the list before.
    pub(super) fn browse_back(&mut self) {
        let back = match self.browse.pane {
            Pane::Detail => self.browse.shown,
            Pane::Items => Pane::Recommendations,
            Pane::Recommendations | Pane::Reports => Pane::Reports,
        };
        self.focus(back);
    }

    /// Shows an item in Browse: its report, its first recommendation, the item itself.
    pub fn browse_to(&mut self, item: usize) {
        let it = &self.ws.items[item];
        self.browse.report = Some(self.ws.reports[it.report].id.clone());
        self.browse.rec = it.recommendation_ids.first().cloned();
        self.browse.item = Some(it.id.clone());
        self.focus(Pane::Items);
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn ordered_lists_merge_in_order() {
        assert_eq!(super::merged(&[0, 2, 5], &[1, 2, 7]), [0, 1, 2, 5, 7]);
        assert_eq!(super::merged(&[], &[3]), [3]);
    }

    #[test]
    fn steps_stay_in_the_list() {
        assert_eq!(step(5, 2, 1), 3);
        assert_eq!(step(5, 4, 1), 4);
        assert_eq!(step(5, 0, -1), 0);
        assert_eq!(step(5, 2, isize::MAX / 2), 4);
        assert_eq!(step(5, 2, isize::MIN / 2), 0);
        assert_eq!(step(0, 0, 1), 0);
    }
}
