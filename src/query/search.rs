//! Fuzzy search over everything an item says: its text, its recommendations, its
//! report, owners, timescale and notes.

use crate::model::{ChangeKind, Item, ItemKind, People, Report};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Hit;

/// The text each item is searched by, built once per load.
pub struct SearchIndex {
    haystacks: Vec<String>,
    /// How many characters of each haystack are the item's own text, so matched
    /// positions can be highlighted there.
    text_chars: Vec<usize>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.haystacks.len())
            .finish()
    }
}

impl SearchIndex {
    pub fn new(reports: &[Report], people: &People, items: &[Item]) -> SearchIndex {
        let mut haystacks = Vec::with_capacity(items.len());
        let mut text_chars = Vec::with_capacity(items.len());
        for item in items {
            let report = &reports[item.report];
            let mut h = item.text.replace('\n', " ");
            text_chars.push(h.chars().count());
            let mut add = |s: &str| {
                if !s.is_empty() {
                    h.push_str(" | ");
                    h.push_str(&s.replace('\n', " "));
                }
            };
            add(&item.id);
            if item.kind == ItemKind::Action {
                add(&report.actions[item.index].text_normalised);
            }
            add(&item.recommendations.join(" "));
            for rec in &report.recommendations {
                if item.recommendation_ids.contains(&rec.id) {
                    add(&rec.heading);
                    if rec.text != item.text {
                        add(&rec.text);
                    }
                    add(&rec.text_normalised);
                }
            }
            add(&report.title);
            add(&report.authority);
            add(&item.timescale);
            add(&item.owners_as_printed.join(" "));
            for o in &item.owners {
                add(&people.get(*o).display());
            }
            for c in &item.tracking.history {
                if c.kind == ChangeKind::Note || !c.note.is_empty() {
                    add(&c.note);
                }
            }
            haystacks.push(h);
        }
        SearchIndex {
            haystacks,
            text_chars,
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    /// Scores `candidates` against `query`. Every whitespace-separated word must match
    /// (like fzf); the score is their sum.
    pub fn search(&self, query: &str, candidates: impl Iterator<Item = usize>) -> Vec<Hit> {
        let words: Vec<&str> = query.split_whitespace().collect();
        candidates
            .filter_map(|i| {
                let haystack = self.haystacks.get(i)?;
                let mut score = 0;
                let mut positions = Vec::new();
                for w in &words {
                    let (s, p) = self.matcher.fuzzy_indices(haystack, w)?;
                    score += s;
                    positions.extend(p.into_iter().filter(|&c| c < self.text_chars[i]));
                }
                positions.sort_unstable();
                positions.dedup();
                Some(Hit {
                    item: i,
                    score,
                    positions,
                })
            })
            .collect()
    }
}
