//! Fuzzy search over everything an item says: its text, its recommendations, its
//! report, owners, timescale and notes.

//!
//! Matching is exact and cheap; scoring is exact and dear. A word matches a haystack
//! exactly when its characters appear there in order (ignoring ASCII case unless the
//! word has a capital: skim's "smart case"), which is what `SkimMatcherV2` tests
//! before it scores. So the index tests that first, on bytes, over an ASCII-lowercased
//! copy of every haystack, and scores only what matched. A search that extends the
//! previous one (the next keystroke) tests only the previous matches. Large sets are
//! split over the machine's cores. Scores and positions are always `SkimMatcherV2`'s own.

use crate::model::{ChangeKind, Item, ItemKind, People, Report};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Mutex;

use super::Hit;

/// The text each item is searched by, built once per load.
pub struct SearchIndex {
    /// Every item's haystack, one after another; item `i`'s is `starts[i]..starts[i + 1]`.
    text: String,
    /// The same with ASCII letters lowercased (same length, same character boundaries).
    folded: String,
    starts: Vec<usize>,
    /// How many characters of each haystack are the item's own text, so matched
    /// positions can be highlighted there.
    text_chars: Vec<usize>,
    /// The first letters of each haystack's words, as `text` and lowercased, for
    /// matching initials; item `i`'s are `initial_starts[i]..initial_starts[i + 1]`.
    initials: String,
    initials_folded: String,
    initial_starts: Vec<usize>,
    /// The last search's words, candidates and matches, to narrow the next keystroke.
    last: Mutex<Option<LastSearch>>,
}

struct LastSearch {
    query: String,
    candidates: Vec<usize>,
    matches: Vec<usize>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("items", &self.len())
            .finish()
    }
}

/// Below this many items a search runs on one thread: starting threads costs more.
/// (Small in tests, so that they split their searches too.)
const PARALLEL_FROM: usize = if cfg!(test) { 64 } else { 4_096 };

/// One word of a query, ready to test.
struct Word<'q> {
    text: &'q str,
    /// Skim's smart case: a capital letter makes the word match case-sensitively.
    case_sensitive: bool,
    /// What to look for: the word, ASCII-lowercased unless case-sensitive.
    needle: String,
}

impl<'q> Word<'q> {
    fn new(text: &'q str) -> Word<'q> {
        let case_sensitive = text.chars().any(|c| c.is_ascii_uppercase());
        let needle = if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
        Word {
            text,
            case_sensitive,
            needle,
        }
    }
}

fn words(query: &str) -> Vec<Word<'_>> {
    query.split_whitespace().map(Word::new).collect()
}

/// How far past its own length a word's letters may spread in the text: room for a typo
/// or a missed letter ("fostr", "accomodation"), not for letters scattered across a
/// paragraph (which would let "foster" match almost anything). It is the same for every
/// length, so a word's matches are always among those of the word it grew from, which
/// narrowing while typing relies on.
pub const SLACK: usize = 3;

/// Whether `needle` matches `haystack` closely: its characters in order within a
/// stretch at most `SLACK` characters longer than itself, or as the first letters of
/// consecutive words (initials: "cpg" for "Corporate Parenting Group").
#[cfg(test)]
fn close(haystack: &str, needle: &str) -> bool {
    close_with(haystack, &initials_of(haystack), needle)
}

/// `close`, given the text's initials (worked out once, when the index is built).
fn close_with(haystack: &str, initials: &str, needle: &str) -> bool {
    let len = needle.chars().count();
    if len == 0 {
        return true;
    }
    let window = if needle.is_ascii() {
        within_window_ascii(haystack.as_bytes(), needle.as_bytes(), len + SLACK)
    } else {
        within_window(haystack, needle, len + SLACK)
    };
    window || (len > 1 && initials.contains(needle))
}

/// The first letter of every word, in order ("cpg" of "Corporate Parenting Group").
#[cfg(test)]
fn initials_of(text: &str) -> String {
    let mut initials = String::new();
    push_initials(&mut initials, text);
    initials
}

/// Appends the first letter of every word of `text` to `out`. One pass over the bytes;
/// only a character of several bytes is decoded.
fn push_initials(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut previous_alnum = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii() {
            let alnum = b.is_ascii_alphanumeric();
            if alnum && !previous_alnum {
                out.push(char::from(b));
            }
            previous_alnum = alnum;
        } else if starts_char(b)
            && let Some(c) = text[i..].chars().next()
        {
            let alnum = c.is_alphanumeric();
            if alnum && !previous_alnum {
                out.push(c);
            }
            previous_alnum = alnum;
        }
    }
}

/// A matcher for one item. `SkimMatcherV2` keeps its score matrices between calls,
/// and a score can then depend on the text matched before (seen here: the same query
/// scored 45 or 49 on the same item); a fresh one scores every item the same way
/// whatever was searched before, on whichever thread.
fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().smart_case()
}

/// Whether a byte begins a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// From one place where a word's first letter stands: whether the rest of the word
/// follows within `limit` characters (`Some(true)`), not within them (`Some(false)`),
/// or the text ran out first (`None`: no later start can do better). `after` is the
/// text after that place, each unit with whether it begins a character.
fn from_start<T: PartialEq>(
    after: impl Iterator<Item = (bool, T)>,
    rest: &[T],
    limit: usize,
) -> Option<bool> {
    let mut want = rest.iter().peekable();
    let mut taken = 1;
    for (counts, unit) in after {
        let Some(&w) = want.peek() else { break };
        if counts {
            if taken >= limit {
                break;
            }
            taken += 1;
        }
        if unit == *w {
            want.next();
        }
    }
    match (want.peek(), taken < limit) {
        (None, _) => Some(true),
        (Some(_), true) => None,
        (Some(_), false) => Some(false),
    }
}

/// `within_window` for an ASCII needle, on bytes: ASCII bytes never occur inside another
/// character's encoding, and the stretch is still measured in characters.
fn within_window_ascii(hay: &[u8], word: &[u8], limit: usize) -> bool {
    let Some((&head, rest)) = word.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(at) = hay[from..].iter().position(|&b| b == head) {
        let start = from + at;
        let after = hay[start + 1..].iter().map(|&b| (starts_char(b), b));
        match from_start(after, rest, limit) {
            Some(true) => return true,
            None => return false,
            Some(false) => from = start + 1,
        }
    }
    false
}

/// Whether some stretch of at most `limit` characters holds `needle`'s characters in
/// order. From each place the first character occurs, the greedy match is the
/// shortest stretch that starts there.
fn within_window(haystack: &str, needle: &str, limit: usize) -> bool {
    let mut first = needle.chars();
    let Some(head) = first.next() else {
        return true;
    };
    let rest: Vec<char> = first.collect();
    for (start, _) in haystack.char_indices().filter(|(_, c)| *c == head) {
        let after = haystack[start..].chars().skip(1).map(|c| (true, c));
        match from_start(after, &rest, limit) {
            Some(true) => return true,
            None => return false,
            Some(false) => {}
        }
    }
    false
}

/// Whether `needle`'s characters appear in `haystack` in order. For an ASCII needle
/// this steps from byte to byte with `str::find`, which skips ahead quickly; ASCII
/// bytes never occur inside another character's encoding, so this is exact.
fn in_order(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let mut rest = haystack;
        for b in needle.bytes() {
            match rest.find(char::from(b)) {
                Some(at) => rest = &rest[at + 1..],
                None => return false,
            }
        }
        true
    } else {
        let mut chars = haystack.chars();
        needle.chars().all(|n| chars.any(|c| c == n))
    }
}

/// Runs `work` over `items`, split over the machine's cores when there are many,
/// keeping their order.
fn split<T: Send>(items: &[usize], work: impl Fn(&[usize]) -> Vec<T> + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < PARALLEL_FROM {
        return work(items);
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = items
            .chunks(chunk)
            .skip(1)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        let mut out = work(&items[..chunk.min(items.len())]);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// The haystacks of some of the items, built on one thread.
struct Part {
    text: String,
    folded: String,
    starts: Vec<usize>,
    text_chars: Vec<usize>,
    initials: String,
    initial_starts: Vec<usize>,
}

/// Appends `s` with its line breaks as spaces.
fn push_spaced(text: &mut String, s: &str) {
    for (n, line) in s.split('\n').enumerate() {
        if n > 0 {
            text.push(' ');
        }
        text.push_str(line);
    }
}

impl Part {
    /// Each item's own text, then, after " | ", everything else it is found by.
    fn build(reports: &[Report], people: &People, items: &[Item], which: &[usize]) -> Part {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(which.len());
        let mut text_chars = Vec::with_capacity(which.len());
        let add = |text: &mut String, s: &str| {
            if !s.is_empty() {
                text.push_str(" | ");
                push_spaced(text, s);
            }
        };
        for &i in which {
            let item = &items[i];
            let report = &reports[item.report];
            let start = text.len();
            starts.push(start);
            push_spaced(&mut text, &item.text);
            text_chars.push(text[start..].chars().count());
            add(&mut text, &item.id);
            if item.kind == ItemKind::Action {
                add(&mut text, &report.actions[item.index].text_normalised);
            }
            add(&mut text, &item.recommendations.join(" "));
            for rec in &report.recommendations {
                if item.recommendation_ids.contains(&rec.id) {
                    add(&mut text, &rec.heading);
                    if rec.text != item.text {
                        add(&mut text, &rec.text);
                    }
                    add(&mut text, &rec.text_normalised);
                }
            }
            add(&mut text, &report.title);
            add(&mut text, &report.authority);
            add(&mut text, &item.timescale);
            add(&mut text, &item.owners_as_printed.join(" "));
            for o in &item.owners {
                add(&mut text, &people.get(*o).display());
            }
            for c in &item.tracking.history {
                if c.kind == ChangeKind::Note || !c.note.is_empty() {
                    add(&mut text, &c.note);
                }
            }
        }
        let folded = text.to_ascii_lowercase();
        let mut initials = String::new();
        let mut initial_starts = Vec::with_capacity(starts.len());
        for (n, &from) in starts.iter().enumerate() {
            let to = starts.get(n + 1).copied().unwrap_or(text.len());
            initial_starts.push(initials.len());
            push_initials(&mut initials, &text[from..to]);
        }
        Part {
            text,
            folded,
            starts,
            text_chars,
            initials,
            initial_starts,
        }
    }
}

impl SearchIndex {
    pub fn new(reports: &[Report], people: &People, items: &[Item]) -> SearchIndex {
        let all: Vec<usize> = (0..items.len()).collect();
        let parts = split(&all, |part| vec![Part::build(reports, people, items, part)]);
        let total: usize = parts.iter().map(|p| p.text.len()).sum();
        let mut index = SearchIndex {
            text: String::with_capacity(total),
            folded: String::with_capacity(total),
            starts: Vec::with_capacity(items.len() + 1),
            text_chars: Vec::with_capacity(items.len()),
            initials: String::new(),
            initials_folded: String::new(),
            initial_starts: Vec::with_capacity(items.len() + 1),
            last: Mutex::new(None),
        };
        for part in parts {
            let base = index.text.len();
            index.starts.extend(part.starts.iter().map(|s| s + base));
            index.text.push_str(&part.text);
            index.folded.push_str(&part.folded);
            index.text_chars.extend(part.text_chars);
            let base = index.initials.len();
            index
                .initial_starts
                .extend(part.initial_starts.iter().map(|s| s + base));
            index.initials.push_str(&part.initials);
        }
        index.starts.push(index.text.len());
        index.initial_starts.push(index.initials.len());
        index.initials_folded = index.initials.to_ascii_lowercase();
        index
    }

    /// How many items the index holds.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn haystack(&self, i: usize) -> Option<&str> {
        let (&from, &to) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        Some(&self.text[from..to])
    }

    fn matches_item(&self, i: usize, words: &[Word<'_>]) -> bool {
        let (Some(&from), Some(&to)) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return false;
        };
        let (Some(&i_from), Some(&i_to)) =
            (self.initial_starts.get(i), self.initial_starts.get(i + 1))
        else {
            return false;
        };
        words.iter().all(|w| {
            let (haystack, initials) = if w.case_sensitive {
                (&self.text[from..to], &self.initials[i_from..i_to])
            } else {
                (&self.folded[from..to], &self.initials_folded[i_from..i_to])
            };
            in_order(haystack, &w.needle) && close_with(haystack, initials, &w.needle)
        })
    }

    /// Scores `candidates` against `query`. Every whitespace-separated word must match
    /// (like fzf); the score is their sum.
    pub fn search(&self, query: &str, candidates: impl Iterator<Item = usize>) -> Vec<Hit> {
        let matched = self.matches(query, candidates);
        let words = words(query);
        split(&matched, |part| {
            part.iter().filter_map(|&i| self.score(i, &words)).collect()
        })
    }

    /// The items of `candidates` that match `query`, in their order, without scoring
    /// them: what `search` returns, less the scores and positions. A query that
    /// extends the previous one over the same candidates tests only its matches.
    pub fn matches(&self, query: &str, candidates: impl Iterator<Item = usize>) -> Vec<usize> {
        let candidates: Vec<usize> = candidates.collect();
        let words = words(query);
        if words.is_empty() {
            return candidates.into_iter().filter(|&i| i < self.len()).collect();
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        // Every word of the longer query contains, in order, the characters of the
        // word it grew from, so its matches are among the shorter query's.
        let narrowed = last
            .as_ref()
            .filter(|l| query.starts_with(l.query.as_str()) && l.candidates == candidates)
            .map(|l| l.matches.clone());
        let pool = narrowed.as_deref().unwrap_or(&candidates);
        let matches = split(pool, |part| {
            part.iter()
                .copied()
                .filter(|&i| self.matches_item(i, &words))
                .collect()
        });
        *last = Some(LastSearch {
            query: query.to_string(),
            candidates,
            matches: matches.clone(),
        });
        matches
    }

    /// The hit for one item: its score and matched positions, as `search` gives them;
    /// None when it does not match. For highlighting the rows on screen.
    pub fn hit(&self, query: &str, item: usize) -> Option<Hit> {
        let words = words(query);
        if !self.matches_item(item, &words) {
            return None;
        }
        self.score(item, &words)
    }

    /// The scores of `items` (in their order) against `query`; 0 for an item that
    /// does not match. For sorting by score without positions.
    pub fn scores(&self, query: &str, items: &[usize]) -> Vec<i64> {
        let words = words(query);
        split(items, |part| {
            part.iter()
                .map(|&i| self.score(i, &words).map_or(0, |h| h.score))
                .collect()
        })
    }

    fn score(&self, i: usize, words: &[Word<'_>]) -> Option<Hit> {
        let haystack = self.haystack(i)?;
        let mut score = 0;
        let mut positions = Vec::new();
        for w in words {
            let (s, p) = matcher().fuzzy_indices(haystack, w.text)?;
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
    }

    /// The haystacks as first built, one string per item: what `new` must build.
    #[cfg(test)]
    pub(super) fn haystacks_plainly(
        reports: &[Report],
        people: &People,
        items: &[Item],
    ) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            let report = &reports[item.report];
            let mut h = item.text.replace('\n', " ");
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
            out.push(h);
        }
        out
    }

    /// Every item's haystack, for the tests.
    #[cfg(test)]
    pub(super) fn haystacks(&self) -> Vec<&str> {
        (0..self.len()).filter_map(|i| self.haystack(i)).collect()
    }

    #[cfg(test)]
    pub(super) fn text_chars(&self) -> &[usize] {
        &self.text_chars
    }

    /// The plain search, one item after another with no shortcuts: what `search`
    /// must always agree with (the tests check that it does).
    #[cfg(test)]
    pub(super) fn search_plainly(
        &self,
        query: &str,
        candidates: impl Iterator<Item = usize>,
    ) -> Vec<Hit> {
        let words: Vec<&str> = query.split_whitespace().collect();
        candidates
            .filter_map(|i| {
                let haystack = self.haystack(i)?;
                let mut score = 0;
                let mut positions = Vec::new();
                for w in &words {
                    let folded = haystack.to_ascii_lowercase();
                    let (text, needle) = if w.chars().any(|c| c.is_ascii_uppercase()) {
                        (haystack, w.to_string())
                    } else {
                        (folded.as_str(), w.to_ascii_lowercase())
                    };
                    if !close_plainly(text, &needle) {
                        return None;
                    }
                    let (s, p) = matcher().fuzzy_indices(haystack, w)?;
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

/// `close`, by brute force: every stretch of the text, every way of reading the
/// acronym. What the quick version must agree with.
#[cfg(test)]
fn close_plainly(haystack: &str, needle: &str) -> bool {
    let text: Vec<char> = haystack.chars().collect();
    let word: Vec<char> = needle.chars().collect();
    if word.is_empty() {
        return true;
    }
    let subsequence = |part: &[char], word: &[char]| {
        let mut it = part.iter();
        word.iter().all(|w| it.any(|c| c == w))
    };
    let window = word.len() + SLACK;
    let in_window =
        (0..text.len()).any(|s| subsequence(&text[s..(s + window).min(text.len())], &word));
    let starts: Vec<char> = (0..text.len())
        .filter(|&i| (i == 0 || !text[i - 1].is_alphanumeric()) && text[i].is_alphanumeric())
        .map(|i| text[i])
        .collect();
    let initials = starts.windows(word.len()).any(|w| w == word.as_slice());
    in_window || (word.len() > 1 && initials)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_word_matches_close_together_not_scattered() {
        assert!(close("consult foster carers", "foster"));
        assert!(close("consult foster carers", "fostr"), "a missed letter");
        assert!(
            close("accommodation for care leavers", "accomodation"),
            "a typo"
        );
        let scattered =
            "social inclusion officer to progress through joint education liaison group";
        assert!(in_order(scattered, "foster"), "skim would match it");
        assert!(!close(scattered, "foster"));
        assert!(!close(
            "leaving care team manager ... care leavers group",
            "carers"
        ));
    }

    #[test]
    fn initials_match_at_the_starts_of_words() {
        assert!(close(
            "ensure that the corporate parenting group establishes",
            "cpg"
        ));
        assert!(close("m.fitzg ds", "mfd"));
        assert!(!close("acceptable", "cpg"));
        assert!(
            !close("corporate and parenting group", "cpg"),
            "initials of consecutive words"
        );
        assert!(close("a a a b", "aab"), "a repeated first letter");
    }

    proptest! {
        #[test]
        fn the_quick_check_agrees_with_brute_force(
            text in "[ab .é]{0,40}",
            word in "[ab.é]{1,5}",
        ) {
            prop_assert_eq!(close(&text, &word), close_plainly(&text, &word), "{:?} in {:?}", word, text);
        }

        #[test]
        fn the_quick_ascii_check_agrees_with_brute_force(
            text in "[ab .é’1]{0,60}",
            word in "[ab.1]{1,6}",
        ) {
            prop_assert_eq!(close(&text, &word), close_plainly(&text, &word), "{:?} in {:?}", word, text);
        }
    }
}
