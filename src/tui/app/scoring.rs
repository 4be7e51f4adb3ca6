//! Sorting a large search by score without making typing wait: the matches show at
//! once in report order, a thread scores them, and the event loop is woken to put the
//! table in score order, unless the search has moved on by then.

use super::App;
use crate::query::{self, Hit};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Matches at which scoring moves off the input thread: below this it takes a few
/// milliseconds and is simply done in line.
pub const BACKGROUND_FROM: usize = 5_000;

/// A search's table in score order, with the search (generation) it belongs to.
type Scored = (u64, Vec<Hit>);

/// What the background scoring needs: a way to wake the event loop, and the slot the
/// result comes back in.
pub struct Scoring {
    /// Wakes the event loop; None (tests, or no loop) scores in line.
    wake: Option<Arc<dyn Fn() + Send + Sync>>,
    /// From this many matches on, score in the background.
    pub from: usize,
    /// Which search a result belongs to; a newer search makes older results stale.
    /// Shared, so a thread whose search is already stale does not start scoring.
    generation: Arc<AtomicU64>,
    result: Arc<Mutex<Option<Scored>>>,
    /// Whether the table is waiting for scores.
    pub pending: bool,
}

impl Default for Scoring {
    fn default() -> Scoring {
        Scoring {
            wake: None,
            from: BACKGROUND_FROM,
            generation: Arc::new(AtomicU64::new(0)),
            result: Arc::new(Mutex::new(None)),
            pending: false,
        }
    }
}

impl Scoring {
    /// Whether `matches` are scored in the background.
    pub fn takes(&self, matches: usize) -> bool {
        self.wake.is_some() && matches >= self.from
    }

    /// Any scoring under way is for an older search.
    pub fn forget(&mut self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.pending = false;
    }

    fn current(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

impl App {
    /// Lets the app wake the event loop when scores are ready, or a save (which then
    /// runs off the input thread).
    pub fn set_waker(&mut self, wake: Arc<dyn Fn() + Send + Sync>) {
        self.saving.wake = Some(Arc::clone(&wake));
        self.scoring.wake = Some(wake);
    }

    /// Scores the current matches on another thread.
    pub(super) fn score_in_background(&mut self) {
        let Some(wake) = self.scoring.wake.clone() else {
            return;
        };
        let generation = self.scoring.current();
        let latest = Arc::clone(&self.scoring.generation);
        let slot = Arc::clone(&self.scoring.result);
        let index = Arc::clone(&self.index);
        let query = self.filter.search.clone();
        let items: Vec<usize> = self.hits.iter().map(|h| h.item).collect();
        self.scoring.pending = true;
        std::thread::spawn(move || {
            if latest.load(Ordering::SeqCst) != generation {
                return; // typed over already
            }
            let mut table = query::scored(&index, &query, items);
            // As `query::sort_hits` sorts by score: best first, then the paper's order.
            table.sort_by(|a, b| b.score.cmp(&a.score).then(a.item.cmp(&b.item)));
            let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
            // A slower, older search never replaces a newer one's result.
            if slot.as_ref().is_none_or(|(g, _)| *g < generation) {
                *slot = Some((generation, table));
            }
            drop(slot);
            wake();
        });
    }

    /// Puts the scored table in place if it is for the search still shown. Returns
    /// whether the screen changed.
    pub fn take_scores(&mut self) -> bool {
        let done = self
            .scoring
            .result
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        match done {
            Some((generation, table)) if generation == self.scoring.current() => {
                self.table = table;
                self.scoring.pending = false;
                true
            }
            _ => false,
        }
    }
}
