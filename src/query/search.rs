//! Fuzzy search over everything the detail pane shows (`fields` says what): each
//! item's text, recommendations, report, owners, timescale, notes, responses and
//! imported cells; and, apart, each report's own text (judgements, findings...), so a
//! report can be found by what only it says.

//!
//! Matching is exact and cheap; scoring is exact and dear. A word matches a haystack
//! exactly when its characters appear there in order (ignoring ASCII case unless the
//! word has a capital: skim's "smart case"), which is what `SkimMatcherV2` tests
//! before it scores. So the index tests that first, on bytes, over the ASCII-lowercased
//! haystacks, and scores only what matched. The index keeps only the lowercased text
//! and a bit for each capital letter, from which the text as written is put back for
//! a case-sensitive word and for scoring. A search that extends the
//! previous one (the next keystroke) tests only the previous matches. Large sets are
//! split over the machine's cores. Scores and positions are always `SkimMatcherV2`'s own.

use super::fields::{self, Sink};
use crate::model::{Item, People, Report};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::Mutex;

use super::Hit;

/// The text each item is searched by, built once per load.
pub struct SearchIndex {
    /// The haystacks, in the parts they were built in (one per core); part `p` holds
    /// the items from `firsts[p]`.
    parts: Vec<Part>,
    firsts: Vec<usize>,
    len: usize,
    /// The last search's words, candidates and matches, to narrow the next keystroke.
    last: Mutex<Option<LastSearch>>,
    /// Each report's own text, one haystack per report.
    reports: Part,
    /// The last search of the reports, and the reports it matched.
    last_reports: Mutex<Option<(String, Vec<usize>)>>,
    /// Where each report's items are: from the first to the last (items are made
    /// report by report, so these are all of them).
    report_items: Vec<std::ops::Range<usize>>,
}

/// Where in an item or a report a search matched: the field (as the detail pane
/// names it) and the words around the match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub field: String,
    pub excerpt: String,
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

/// The same for reports, whose own text is longer than an item's.
const REPORTS_PARALLEL_FROM: usize = if cfg!(test) { 2 } else { 1_024 };

/// One word of a query, ready to test.
struct Word<'q> {
    text: &'q str,
    /// Skim's smart case: a capital letter makes the word match case-sensitively.
    case_sensitive: bool,
    /// What to look for: the word, ASCII-lowercased unless case-sensitive.
    needle: String,
    /// The word ASCII-lowercased, which every match of it also matches in the
    /// lowercased text (the first test, for a case-sensitive word too).
    folded: String,
}

impl<'q> Word<'q> {
    fn new(text: &'q str) -> Word<'q> {
        let case_sensitive = text.chars().any(|c| c.is_ascii_uppercase());
        let folded = text.to_ascii_lowercase();
        let needle = if case_sensitive {
            text.to_string()
        } else {
            folded.clone()
        };
        Word {
            text,
            case_sensitive,
            needle,
            folded,
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

/// How many characters an excerpt shows either side of the match.
const AROUND: usize = 30;

/// The words around `word`'s match in `text` ("…rates of teenage pregnancy has been…").
fn excerpt(text: &str, word: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let (first, last) = matcher()
        .fuzzy_indices(text, word)
        .and_then(|(_, p)| Some((*p.first()?, *p.last()?)))
        .unwrap_or((0, 0));
    let mut from = first.saturating_sub(AROUND);
    let mut to = (last + 1 + AROUND).min(chars.len());
    // Whole words at the ends.
    if from > 0
        && let Some(space) = chars[from..first].iter().position(|c| *c == ' ')
    {
        from += space + 1;
    }
    if to < chars.len()
        && let Some(space) = chars[last + 1..to].iter().rposition(|c| *c == ' ')
    {
        to = last + 1 + space;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..to]);
    if to < chars.len() {
        out.push('…');
    }
    out.trim().to_string()
}

/// For each report, the places of its first and last item (an empty range when it
/// has none).
fn report_items(reports: usize, items: &[Item]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = vec![0..0; reports];
    for (i, item) in items.iter().enumerate() {
        if let Some(range) = ranges.get_mut(item.report) {
            if range.start == range.end {
                *range = i..i + 1;
            } else {
                range.end = i + 1;
            }
        }
    }
    ranges
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
    while let Some(at) = memchr::memchr(head, &hay[from..]) {
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
/// this steps from byte to byte with `memchr`, which skips ahead quickly; ASCII bytes
/// never occur inside another character's encoding, so this is exact.
fn in_order(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let mut rest = haystack.as_bytes();
        for b in needle.bytes() {
            match memchr::memchr(b, rest) {
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
    crate::parallel::in_parts(items, PARALLEL_FROM, work)
}

/// Text kept ASCII-lowercased, with a bit for each byte that was a capital letter,
/// so that the text as written can be put back: an eighth more than the lowercased
/// text, where keeping both would double it.
struct Folded {
    text: String,
    capitals: Vec<u64>,
}

impl Folded {
    fn new(mut text: String) -> Folded {
        let mut capitals = vec![0u64; text.len().div_ceil(64)];
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_uppercase() {
                capitals[i / 64] |= 1 << (i % 64);
            }
        }
        text.make_ascii_lowercase();
        Folded { text, capitals }
    }

    /// The lowercased text of `range`.
    fn folded(&self, range: std::ops::Range<usize>) -> &str {
        &self.text[range]
    }

    /// The text of `range` as it was written.
    fn written(&self, range: std::ops::Range<usize>) -> String {
        let mut bytes = self.text.as_bytes()[range.clone()].to_vec();
        // Word by word, visiting only the capitals' bits.
        for w in range.start / 64..range.end.div_ceil(64) {
            let mut bits = self.capitals.get(w).copied().unwrap_or(0);
            while bits != 0 {
                let i = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if range.contains(&i) {
                    bytes[i - range.start].make_ascii_uppercase();
                }
            }
        }
        // Only ASCII letters changed, so the bytes are still the UTF-8 they were.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// The haystacks of some of the items, built on one thread.
struct Part {
    /// Every haystack, one after another; item `k`'s is `starts[k]..starts[k + 1]`.
    haystacks: Folded,
    starts: Vec<usize>,
    /// How many characters of each haystack are the item's own text, so matched
    /// positions can be highlighted there.
    text_chars: Vec<usize>,
    /// The first letters of each haystack's words, for matching initials; item `k`'s
    /// are `initial_starts[k]..initial_starts[k + 1]`.
    initials: Folded,
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
    /// Each one's own text (the first field `fields` gives), then, after " | ",
    /// everything else it is found by.
    fn build(which: &[usize], fields: impl Fn(usize, &mut Sink<'_>)) -> Part {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(which.len() + 1);
        let mut text_chars = Vec::with_capacity(which.len());
        for &i in which {
            let start = text.len();
            starts.push(start);
            let mut own = true;
            fields(i, &mut |_, s| {
                if own {
                    push_spaced(&mut text, s);
                    text_chars.push(text[start..].chars().count());
                    own = false;
                } else if !s.is_empty() {
                    text.push_str(" | ");
                    push_spaced(&mut text, s);
                }
            });
            if own {
                text_chars.push(0);
            }
        }
        let mut initials = String::new();
        let mut initial_starts = Vec::with_capacity(starts.len() + 1);
        for (n, &from) in starts.iter().enumerate() {
            let to = starts.get(n + 1).copied().unwrap_or(text.len());
            initial_starts.push(initials.len());
            push_initials(&mut initials, &text[from..to]);
        }
        starts.push(text.len());
        initial_starts.push(initials.len());
        text.shrink_to_fit();
        initials.shrink_to_fit();
        Part {
            haystacks: Folded::new(text),
            starts,
            text_chars,
            initials: Folded::new(initials),
            initial_starts,
        }
    }

    fn len(&self) -> usize {
        self.text_chars.len()
    }

    /// Whether haystack `k` matches every word.
    fn matches(&self, k: usize, words: &[Word<'_>]) -> bool {
        let Some((haystack, initials)) = self.folded(k) else {
            return false;
        };
        let mut written = None;
        words.iter().all(|w| {
            if !(in_order(haystack, &w.folded) && close_with(haystack, initials, &w.folded)) {
                return false;
            }
            if !w.case_sensitive {
                return true;
            }
            let Some((haystack, initials)) = written.get_or_insert_with(|| self.written(k)) else {
                return false;
            };
            in_order(haystack, &w.needle) && close_with(haystack, initials, &w.needle)
        })
    }

    fn range(starts: &[usize], k: usize) -> Option<std::ops::Range<usize>> {
        Some(*starts.get(k)?..*starts.get(k + 1)?)
    }

    /// Item `k`'s haystack and initials, lowercased.
    fn folded(&self, k: usize) -> Option<(&str, &str)> {
        let text = Part::range(&self.starts, k)?;
        let initials = Part::range(&self.initial_starts, k)?;
        Some((self.haystacks.folded(text), self.initials.folded(initials)))
    }

    /// Item `k`'s haystack as written.
    fn haystack(&self, k: usize) -> Option<String> {
        Some(self.haystacks.written(Part::range(&self.starts, k)?))
    }

    /// Item `k`'s haystack and initials as written.
    fn written(&self, k: usize) -> Option<(String, String)> {
        let initials = Part::range(&self.initial_starts, k)?;
        Some((self.haystack(k)?, self.initials.written(initials)))
    }
}

impl SearchIndex {
    pub fn new(reports: &[Report], people: &People, items: &[Item]) -> SearchIndex {
        let all: Vec<usize> = (0..items.len()).collect();
        let item_fields = |i: usize, sink: &mut Sink<'_>| {
            let item = &items[i];
            fields::item_fields(&reports[item.report], people, item, sink);
        };
        let parts = split(&all, |part| vec![Part::build(part, item_fields)]);
        let every_report: Vec<usize> = (0..reports.len()).collect();
        let report_part = Part::build(&every_report, |r, sink: &mut Sink<'_>| {
            fields::report_fields(&reports[r], sink)
        });
        let mut firsts = Vec::with_capacity(parts.len());
        let mut len = 0;
        for part in &parts {
            firsts.push(len);
            len += part.len();
        }
        SearchIndex {
            parts,
            firsts,
            len,
            last: Mutex::new(None),
            reports: report_part,
            last_reports: Mutex::new(None),
            report_items: report_items(reports.len(), items),
        }
    }

    /// The items of report `r` (by their places in the workspace).
    pub fn items_of_report(&self, r: usize) -> std::ops::Range<usize> {
        self.report_items.get(r).cloned().unwrap_or(0..0)
    }

    /// How many items the index holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The part that holds item `i`, and its place there.
    fn part(&self, i: usize) -> Option<(&Part, usize)> {
        if i >= self.len {
            return None;
        }
        let p = self
            .firsts
            .partition_point(|&first| first <= i)
            .checked_sub(1)?;
        Some((self.parts.get(p)?, i - self.firsts[p]))
    }

    /// Item `i`'s haystack as written.
    fn haystack(&self, i: usize) -> Option<String> {
        let (part, k) = self.part(i)?;
        part.haystack(k)
    }

    /// How many characters of item `i`'s haystack are its own text.
    fn own_chars(&self, i: usize) -> usize {
        self.part(i)
            .and_then(|(part, k)| part.text_chars.get(k).copied())
            .unwrap_or(0)
    }

    fn matches_item(&self, i: usize, words: &[Word<'_>]) -> bool {
        self.part(i).is_some_and(|(part, k)| part.matches(k, words))
    }

    /// The reports whose own text (see `fields::report_fields`) matches every word of
    /// `query`, in order. A query that extends the previous one tests only its matches.
    pub fn matching_reports(&self, query: &str) -> Vec<usize> {
        let words = words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut last = self.last_reports.lock().unwrap_or_else(|e| e.into_inner());
        let pool: Vec<usize> = match last.as_ref() {
            Some((previous, matched)) if query.starts_with(previous.as_str()) => matched.clone(),
            _ => (0..self.reports.len()).collect(),
        };
        let matched: Vec<usize> = crate::parallel::in_parts(&pool, REPORTS_PARALLEL_FROM, |part| {
            part.iter()
                .copied()
                .filter(|&r| self.reports.matches(r, &words))
                .collect()
        });
        *last = Some((query.to_string(), matched.clone()));
        matched
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

    /// Where `query` matched among the fields `fields` gives (an item's or a report's,
    /// from `fields`): each field holding a close match of some word, once, with the
    /// words around its first match.
    pub fn found_in(query: &str, fields: impl FnOnce(&mut Sink<'_>)) -> Vec<Found> {
        let words = words(query);
        let mut found: Vec<Found> = Vec::new();
        if words.is_empty() {
            return found;
        }
        fields(&mut |field, text| {
            if text.trim().is_empty() || found.iter().any(|f| f.field == field) {
                return;
            }
            let spaced = text.replace('\n', " ");
            let folded = spaced.to_ascii_lowercase();
            let initials = initials_of(&spaced);
            let folded_initials = initials.to_ascii_lowercase();
            let hit = words.iter().find(|w| {
                let (hay, init, needle) = if w.case_sensitive {
                    (spaced.as_str(), initials.as_str(), &w.needle)
                } else {
                    (folded.as_str(), folded_initials.as_str(), &w.folded)
                };
                in_order(hay, needle) && close_with(hay, init, needle)
            });
            if let Some(w) = hit {
                found.push(Found {
                    field: field.to_string(),
                    excerpt: excerpt(&spaced, w.text),
                });
            }
        });
        found
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
        let own = self.own_chars(i);
        let mut score = 0;
        let mut positions = Vec::new();
        for w in words {
            let (s, p) = matcher().fuzzy_indices(&haystack, w.text)?;
            score += s;
            positions.extend(p.into_iter().filter(|&c| c < own));
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
            let mut h: Option<String> = None;
            fields::item_fields(
                &reports[item.report],
                people,
                item,
                &mut |_, s| match &mut h {
                    None => h = Some(s.replace('\n', " ")),
                    Some(h) if !s.is_empty() => {
                        h.push_str(" | ");
                        h.push_str(&s.replace('\n', " "));
                    }
                    Some(_) => {}
                },
            );
            out.push(h.unwrap_or_default());
        }
        out
    }

    /// Every item's haystack, for the tests.
    #[cfg(test)]
    pub(super) fn haystacks(&self) -> Vec<String> {
        (0..self.len()).filter_map(|i| self.haystack(i)).collect()
    }

    #[cfg(test)]
    pub(super) fn text_chars(&self) -> Vec<usize> {
        (0..self.len()).map(|i| self.own_chars(i)).collect()
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
                let haystack = haystack.as_str();
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
                    positions.extend(p.into_iter().filter(|&c| c < self.own_chars(i)));
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
    fn an_excerpt_shows_the_whole_words_within_thirty_characters_of_the_match() {
        // The 28-letter word ends 30 characters after "osprey": it is shown whole.
        let long = "b".repeat(28);
        let text = format!("the osprey {long} nests here");
        assert_eq!(excerpt(&text, "osprey"), format!("the osprey {long}…"));
        // A word that would run past the 30 is left out, not cut.
        let text = format!("the osprey {long}x nests here");
        assert_eq!(excerpt(&text, "osprey"), "the osprey…");
        let before = "a".repeat(28);
        assert_eq!(
            excerpt(&format!("one {before} osprey"), "osprey"),
            format!("…{before} osprey")
        );
        // A text that ends within the 30 is shown to its end, last word and all.
        assert_eq!(
            excerpt("the osprey nests here", "osprey"),
            "the osprey nests here"
        );
        let end = "c".repeat(20);
        assert_eq!(
            excerpt(&format!("{before} one osprey and {end}"), "osprey"),
            format!("…one osprey and {end}")
        );
    }

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
        // Each letter of the word takes a letter of its own in the text.
        assert!(!in_order("social", "ll"));
        assert!(in_order("skill", "ll"));
        assert!(!in_order("café", "éé"));
        assert!(in_order("caféé", "éé"));
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
