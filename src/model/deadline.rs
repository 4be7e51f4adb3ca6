//! Reading an action plan's printed timescale ("Oct '03", "30.09.03", "Q3 2024/25",
//! "Within three months", "TBC") into a deadline, with its precision and, where it counts
//! from a day, which day. This module owns that reading: a small grammar over the text's
//! tokens (UK day-first dates, financial years and their quarters, seasons and school
//! terms, ranges, starts, "by", "end" and "before" forms, spans in words or numbers), no
//! panics on any input, and nothing doubtful "fixed": a likely typo or an ambiguous form
//! is kept with the reason. docs/FORMAT.md has the table of every form.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use jiff::Span;
use jiff::civil::{Date, Weekday};

/// What sort of timescale was printed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineKind {
    Day,
    Month,
    Range,
    Immediate,
    Relative,
    Recurring,
    Unknown,
    /// A week ("w/c 12 January 2004").
    Week,
    /// A quarter ("Q3 2024/25").
    Quarter,
    /// A season or a school term ("Spring 2024", "Autumn term 2003"), or early, mid or late in a year.
    Season,
    /// A financial, academic or calendar year ("2004/05", "end of 2004").
    Year,
    /// A start, not a deadline ("From Oct 03"): no due date, never overdue.
    Start,
    /// "TBC", "to be confirmed": a date to chase, not a failure to read one.
    ToBeConfirmed,
    /// Nothing printed: the source is silent.
    NotGiven,
    /// Understood, but the year or the convention it needs is not clear from the paper.
    Ambiguous,
    /// A date that cannot be right as printed (31 September, 1899, month first): kept, not fixed.
    LikelyTypo,
}

impl DeadlineKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [DeadlineKind; 16] = [
        Self::Day,
        Self::Month,
        Self::Range,
        Self::Immediate,
        Self::Relative,
        Self::Recurring,
        Self::Unknown,
        Self::Week,
        Self::Quarter,
        Self::Season,
        Self::Year,
        Self::Start,
        Self::ToBeConfirmed,
        Self::NotGiven,
        Self::Ambiguous,
        Self::LikelyTypo,
    ];

    pub fn as_str(self) -> &'static str {
        self.names().0
    }

    pub fn describe(self) -> &'static str {
        self.names().1
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Day => ("day", "a day"),
            Self::Month => ("month", "a month"),
            Self::Range => ("range", "a range"),
            Self::Immediate => ("immediate", "immediately"),
            Self::Relative => ("relative", "a span of time"),
            Self::Recurring => ("recurring", "recurring or ongoing"),
            Self::Unknown => ("unknown", "not understood"),
            Self::Week => ("week", "a week"),
            Self::Quarter => ("quarter", "a quarter"),
            Self::Season => ("season", "a season or term"),
            Self::Year => ("year", "a year"),
            Self::Start => ("start", "a start, with no due date"),
            Self::ToBeConfirmed => ("to-be-confirmed", "date to be confirmed"),
            Self::NotGiven => ("not-given", "no timescale given"),
            Self::Ambiguous => ("ambiguous", "ambiguous"),
            Self::LikelyTypo => ("likely-typo", "a likely typo"),
        }
    }
}

/// How finely the printed timescale pins its date down.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    /// A season, a school term, or early, mid or late in a year (three or four months).
    Season,
    HalfYear,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Quarter => "quarter",
            Self::Season => "season",
            Self::HalfYear => "half-year",
            Self::Year => "year",
        }
    }
}

/// Which year a paper's quarters ("Q2", "Q3 2004") belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quarters {
    /// The UK financial year, 1 April to 31 March: Q1 is April to June.
    Financial,
    /// The calendar year: Q1 is January to March.
    Calendar,
}

/// What a timescale is read against: the day relative timescales count from, and what
/// that day is, and how the paper numbers its quarters (where that is clear).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Context<'a> {
    /// The day "Immediately", "Within three months", a bare "Q2" or "end of the
    /// financial year" count from: the paper's date, or the report's `timescales_from`.
    pub base: Option<Date>,
    /// What `base` is, in a clerk's words ("the inspection report's publication
    /// (paragraph 1)"); empty for the paper's date.
    pub base_is: &'a str,
    /// How the paper's quarters run, when the paper makes it clear.
    pub quarters: Option<Quarters>,
}

impl<'a> Context<'a> {
    /// Timescales counted from the paper's own date, quarters unknown.
    pub fn paper(base: Option<Date>) -> Context<'static> {
        Context {
            base,
            base_is: "",
            quarters: None,
        }
    }

    fn base_words(&self) -> &str {
        if self.base_is.trim().is_empty() {
            "the paper's date"
        } else {
            self.base_is
        }
    }

    /// "counted from 2008-04-22, the inspection report's publication (paragraph 1)".
    fn counted(&self, base: Date) -> String {
        format!("counted from {base}, {}", self.base_words())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// When the item is due: the last day it may be done by. None when it cannot be known.
    pub due: Option<Date>,
    /// The first date of a range, the first date of a recurring timescale, or the day a
    /// start (`kind` Start) begins.
    pub from: Option<Date>,
    /// How finely the printed text gives the date; None when it gives none.
    pub precision: Option<Precision>,
    /// The day a relative deadline was counted from (the paper's date, the report's
    /// `timescales_from`, or a day printed in the timescale itself); None for a date
    /// printed in full.
    pub counted_from: Option<Date>,
    /// Why `due` is what it is, in a clerk's words, e.g. "end of October 2003", "6 months counted from 2008-04-22, the inspection report's publication (paragraph 1)", "recurring; first due end of November 2003", "the paper has no date, so this cannot be dated".
    /// (Shared by the items that print the same timescale in the same paper.)
    pub explanation: std::sync::Arc<str>,
}

const NOT_UNDERSTOOD: &str = "not understood: kept as printed";
const NO_BASE: &str = "the paper has no date, so this cannot be dated";
const NOT_GIVEN: &str = "the source prints no timescale";
const TO_BE_CONFIRMED: &str = "no date printed yet: chase the owner for one";
/// A timescale cell longer than this is prose, not a timescale.
const MAX_BYTES: usize = 4_000;
/// Years outside these are taken as typos.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2100;
#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
];
#[rustfmt::skip]
const RECURRING: &[&str] = &[
    "ongoing", "continuous", "continuing", "continual", "continually", "every", "each",
    "daily", "weekly", "fortnightly", "monthly", "bimonthly", "quarterly", "termly",
    "annually", "annual", "yearly", "biannual", "biannually", "biennial", "regular",
    "regularly", "rolling", "routine", "routinely", "bau", "annum",
];
const IMMEDIATE: &[&str] = &[
    "immediately",
    "immediate",
    "forthwith",
    "asap",
    "urgent",
    "urgently",
];
const TBC: &[&str] = &["tbc", "tba", "tbd", "tbconfirmed"];
#[rustfmt::skip]
const CONFIRMED: &[&str] = &[
    "confirmed", "agreed", "arranged", "announced", "determined", "decided", "set",
    "scheduled", "fixed", "advised", "finalised", "finalized", "identified",
];
#[rustfmt::skip]
const NOT_GIVEN_WORDS: &[&str] = &[
    "n a", "na", "none", "nil", "not applicable", "no timescale", "no timescale given",
    "no timescale set", "no date", "no date given", "not stated", "not specified",
    "not given", "none given", "none stated", "none specified",
];
#[rustfmt::skip]
const UNIT_WORDS: [&str; 19] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
#[rustfmt::skip]
const TENS_WORDS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const DATE_SEPARATORS: &[&str] = &[".", "/", "-"];
const ORDINAL_SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];
const RANGE_SEPARATORS: &[&str] = &[
    "-", "/", "to", "until", "till", "til", "through", "thru", "and", "&",
];
/// Words that may stand around a month, season or year printed alone ("by end of May").
#[rustfmt::skip]
const LEADS: &[&str] = &[
    "by", "end", "of", "the", "in", "during", "until", "till", "before", "from", "starting",
    "start", "commencing", "early", "mid", "late", "no", "later", "than", "around", "approx",
    "approximately", "c", "circa", "target", "due", "deadline", "date", "on", "at", "action",
    "complete", "completed", "completion", "for", "term", "within", "throughout", "up", "to",
    "expected", "estimated", "est", "provisional", "provisionally", "planned", "onwards",
    "onward", "beginning", "after", "this", "next", "calendar", "year", "over",
];
/// Words after which a capitalised month or season printed alone is taken as a date.
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "by", "during", "until", "till", "before", "from", "of", "end", "early", "mid",
    "late", "around", "after", "starting", "commencing", "over",
];
/// Words before a year printed alone that make it a deadline ("by 2005", "end of 2004").
const YEAR_LEADS: &[&str] = &[
    "end",
    "by",
    "during",
    "until",
    "till",
    "before",
    "calendar",
    "cy",
    "throughout",
];
const START_WORDS: &[&str] = &[
    "from",
    "starting",
    "start",
    "starts",
    "commencing",
    "commence",
    "commences",
    "begin",
    "begins",
    "beginning",
    "wef",
];

/// Derive a deadline from a timescale as printed. `base` is the paper's own date (what "Immediately" and "Within three months" count from). Never panics, on any input.
pub fn parse_timescale(printed: &str, base: Option<Date>) -> Deadline {
    read_timescale(printed, &Context::paper(base))
}

/// Derive a deadline from a timescale as printed, read against `ctx` (the day relative
/// timescales count from, and the paper's quarters). Never panics, on any input.
pub fn read_timescale(printed: &str, ctx: &Context) -> Deadline {
    if printed.len() > MAX_BYTES {
        return undated(DeadlineKind::Unknown, NOT_UNDERSTOOD.into());
    }
    if !printed.chars().any(char::is_alphanumeric) {
        let shown: String = printed.trim().chars().take(20).collect();
        let why = if shown.is_empty() {
            NOT_GIVEN.to_string()
        } else {
            format!("{NOT_GIVEN} (only `{shown}`)")
        };
        return undated(DeadlineKind::NotGiven, why);
    }
    let found: Vec<Deadline> = printed.lines().flat_map(|l| read_line(l, ctx)).collect();
    combine(found)
}

/// The convention a timescale's words show for quarters: financial where it names a
/// financial year ("2004/05", "FY", "end of the financial year"), calendar where it says
/// "calendar". None when it shows neither, or both.
pub fn quarters_shown(printed: &str) -> Option<Quarters> {
    if printed.len() > MAX_BYTES {
        return None;
    }
    let (mut financial, mut calendar) = (false, false);
    for line in printed.lines() {
        let l = Line::new(line);
        financial |= l.says_financial()
            || (0..l.t.len()).any(|i| {
                matches!(l.split_year_at(i), Some((Split::Pair(_), _))) && !l.academic_before(i)
            });
        calendar |= l.words().contains(&"calendar");
    }
    match (financial, calendar) {
        (true, false) => Some(Quarters::Financial),
        (false, true) => Some(Quarters::Calendar),
        _ => None,
    }
}

/// The convention a paper's timescales, taken together, make clear: the one they show,
/// when none shows the other.
pub fn quarters_implied<'a>(timescales: impl IntoIterator<Item = &'a str>) -> Option<Quarters> {
    let mut seen = None;
    for t in timescales {
        match (seen, quarters_shown(t)) {
            (_, None) => {}
            (None, Some(q)) => seen = Some(q),
            (Some(a), Some(b)) if a != b => return None,
            _ => {}
        }
    }
    seen
}

fn undated(kind: DeadlineKind, why: String) -> Deadline {
    Deadline {
        kind,
        due: None,
        from: None,
        precision: None,
        counted_from: None,
        explanation: why.into(),
    }
}

/// The readings of a cell's lines as one deadline: a likely typo anywhere wins (nothing
/// is read past it); otherwise due at the latest date, from the earliest.
fn combine(found: Vec<Deadline>) -> Deadline {
    if let Some(typo) = found.iter().find(|d| d.kind == DeadlineKind::LikelyTypo) {
        return typo.clone();
    }
    let dated: Vec<&Deadline> = found.iter().filter(|d| d.due.is_some()).collect();
    let earliest = found.iter().flat_map(|d| [d.from, d.due]).flatten().min();
    match dated.iter().copied().max_by_key(|d| d.due) {
        None => found
            .into_iter()
            .min_by_key(|d| undated_rank(d.kind))
            .unwrap_or_else(|| undated(DeadlineKind::Unknown, NOT_UNDERSTOOD.into())),
        Some(only) if dated.len() == 1 => {
            let mut d = only.clone();
            if found.len() > 1 && earliest < d.due {
                d.from = earliest;
            }
            d
        }
        Some(last) => {
            let n = dated.len();
            let why = format!("{n} milestones; due at the last: {}", last.explanation);
            Deadline {
                from: earliest,
                explanation: why.into(),
                ..last.clone()
            }
        }
    }
}

/// Which undated reading of a cell speaks for it.
fn undated_rank(kind: DeadlineKind) -> u8 {
    match kind {
        DeadlineKind::Immediate | DeadlineKind::Relative => 0,
        DeadlineKind::Ambiguous => 1,
        DeadlineKind::Start => 2,
        DeadlineKind::Recurring => 3,
        DeadlineKind::ToBeConfirmed => 4,
        DeadlineKind::NotGiven => 6,
        _ => 5,
    }
}

// ---------------------------------------------------------------------------------------
// Tokens

/// A run of ASCII digits, a run of letters (lowercased), or one other character;
/// curly apostrophes are read as `'` and dashes of every width as `-`.
struct Token {
    text: String,
    /// Whitespace (or the line's start) comes just before this token.
    spaced: bool,
    /// Printed with a capital first letter.
    cap: bool,
}

fn tokenize(line: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut spaced = true;
    for c in line.chars() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '`' | '\u{2032}' | '\u{b4}' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\u{2044}' | '\u{2215}' => '/',
            c => c,
        };
        let same_run = |t: &Token| {
            t.text.chars().next().is_some_and(|f| {
                (f.is_ascii_digit() && c.is_ascii_digit())
                    || (f.is_alphabetic() && c.is_alphabetic())
            })
        };
        match out.last_mut() {
            Some(last) if !spaced && same_run(last) => last.text.extend(c.to_lowercase()),
            _ => out.push(Token {
                text: c.to_lowercase().collect(),
                spaced,
                cap: c.is_uppercase(),
            }),
        }
        spaced = false;
    }
    out
}

/// One line of a timescale, as tokens, with the grammar's pieces as methods.
struct Line {
    t: Vec<Token>,
}

/// A year pair as printed: `2004/05` (consecutive), `2004-2006` (several calendar
/// years), or `04/06` (neither).
enum Split {
    Pair(i32),
    Years(i32, i32),
    Odd(u32, u32),
}

/// A quarter or a half of a year, by its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Quarter(i8),
    Half(i8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
    AutumnTerm,
    SpringTerm,
    SummerTerm,
}

/// A date printed without its year: resolved against the context, or inside a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partial {
    DayMonth(i8, i8),
    Month(i8),
    Season(Season),
    Quarter(Part),
}

/// A stretch of the calendar a timescale names.
#[derive(Debug, Clone)]
struct Period {
    first: Date,
    last: Date,
    kind: DeadlineKind,
    precision: Precision,
    /// How its start reads: "October 2003", "1 October 2003", "Q1 of 2024/25".
    start_name: String,
    /// How its end reads as a due date: "end of October 2003", "30 September 2003".
    due_name: String,
    /// The quarters it was read with, for a quarter.
    quarters: Option<Quarters>,
    /// The day its missing year was worked out from.
    counted_from: Option<Date>,
}

/// What a piece of a line names.
#[derive(Debug, Clone)]
enum Piece {
    Period(Period),
    Partial(Partial),
    /// "Oct - Dec", both without a year.
    PartialRange(Partial, Partial),
    /// Ambiguous or LikelyTypo, and why.
    Doubt(DeadlineKind, String),
}

/// How a date stands in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Due by its end (the usual case: "by", "end of", or nothing).
    Due,
    /// A start: "From Oct 03", "Starting January 2004", "Oct 03 onwards".
    Start,
    /// "before 1 April 2004": due the day before.
    Before,
    /// "by the start of April 2004": due its first day.
    DueStart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
}

/// A span printed as a timescale: "within 6 weeks", "over the next Six Months".
#[derive(Debug, Clone, Copy)]
struct Relative {
    n: u64,
    unit: Unit,
    working: bool,
    /// Where a date it counts from is printed ("within 6 weeks of 1 April 2004").
    anchor: Option<usize>,
}

fn typo(why: String) -> Piece {
    Piece::Doubt(DeadlineKind::LikelyTypo, why)
}

fn ambiguous(why: String) -> Piece {
    Piece::Doubt(DeadlineKind::Ambiguous, why)
}

impl Line {
    fn new(line: &str) -> Line {
        Line { t: tokenize(line) }
    }

    fn text(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |x| x.text.as_str())
    }

    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| !x.spaced)
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|x| x.cap)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.text(i) == w
    }

    fn any(&self, i: usize, set: &[&str]) -> bool {
        set.contains(&self.text(i))
    }

    /// `i + 1` when token `i` is one of `optional`, else `i`: steps over an optional token.
    fn skip(&self, i: usize, optional: &[&str]) -> usize {
        i + usize::from(self.any(i, optional))
    }

    /// Steps over any number of optional tokens.
    fn skip_all(&self, mut i: usize, optional: &[&str]) -> usize {
        while i < self.t.len() && self.any(i, optional) {
            i += 1;
        }
        i
    }

    fn word(&self, i: usize) -> Option<&str> {
        Some(self.text(i)).filter(|w| w.starts_with(char::is_alphabetic))
    }

    /// A number and how many digits it was printed with.
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        let digits = Some(self.text(i)).filter(|s| s.starts_with(|c: char| c.is_ascii_digit()))?;
        Some((digits.parse().ok()?, digits.len()))
    }

    fn words(&self) -> Vec<&str> {
        self.t
            .iter()
            .map(|x| x.text.as_str())
            .filter(|w| w.starts_with(char::is_alphabetic))
            .collect()
    }

    /// The tokens `i..j` as printed (lower case).
    fn printed(&self, i: usize, j: usize) -> String {
        let mut out = String::new();
        for (k, tok) in self.t.iter().enumerate().take(j).skip(i) {
            if k > i && tok.spaced {
                out.push(' ');
            }
            out.push_str(&tok.text);
        }
        out
    }

    /// Token `i` continues a dotted or slashed number begun before it ("31.02.03.04").
    fn inside_number(&self, i: usize) -> bool {
        i >= 2
            && self.glued(i)
            && self.glued(i - 1)
            && self.any(i - 1, DATE_SEPARATORS)
            && self.number(i - 2).is_some()
    }

    /// Token `i` starts a continuation of the number before it ("31.02.03.04").
    fn longer_number(&self, i: usize) -> bool {
        self.any(i, DATE_SEPARATORS)
            && self.glued(i)
            && self.glued(i + 1)
            && self.number(i + 1).is_some()
    }

    fn has_phrase(&self, phrase: &[&str]) -> bool {
        let words = self.words();
        words.windows(phrase.len()).any(|w| w == phrase)
    }

    fn says_financial(&self) -> bool {
        let words = self.words();
        words
            .iter()
            .any(|w| matches!(*w, "financial" | "fy" | "fye" | "fin"))
            || self.has_f_slash_y()
    }

    fn has_f_slash_y(&self) -> bool {
        (0..self.t.len()).any(|i| self.is(i, "f") && self.is(i + 1, "/") && self.is(i + 2, "y"))
    }

    /// The quarters this line names itself ("calendar", "financial", "FY").
    fn quarters_named(&self) -> Option<Quarters> {
        if self.words().contains(&"calendar") {
            Some(Quarters::Calendar)
        } else if self.says_financial() {
            Some(Quarters::Financial)
        } else {
            None
        }
    }

    fn academic_before(&self, i: usize) -> bool {
        let j = if self.is(i.wrapping_sub(1), "year") {
            i.wrapping_sub(2)
        } else {
            i.wrapping_sub(1)
        };
        self.is(j, "academic")
    }

    // ---- years and months

    /// `'03`, `03`, `2003`: a year as printed (two digits: 00-69 are 2000s, 70-99 1900s).
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let i = if self.is(i, "'") && self.glued(i + 1) {
            i + 1
        } else {
            i
        };
        let (value, digits) = self.number(i)?;
        if self.glued(i + 1) && self.word(i + 1).is_some() {
            return None;
        }
        Some((year_value(value, digits)?, i + 1))
    }

    /// A month's name or abbreviation, with an optional full stop after it.
    fn month_at(&self, i: usize) -> Option<(i8, usize)> {
        let m = month_number(self.word(i)?)?;
        let j = if self.is(i + 1, ".") && self.glued(i + 1) {
            i + 2
        } else {
            i + 1
        };
        Some((m, j))
    }

    // ---- the pieces

    fn piece_at(&self, i: usize, ctx: &Context) -> Option<(Piece, usize)> {
        self.iso_at(i)
            .or_else(|| self.numeric_at(i))
            .or_else(|| self.week_at(i))
            .or_else(|| self.day_range_at(i))
            .or_else(|| self.quarter_at(i, ctx))
            .or_else(|| self.fy_prefixed_at(i))
            .or_else(|| self.fy_at(i))
            .or_else(|| self.iso_month_at(i))
            .or_else(|| self.month_numeric_at(i))
            .or_else(|| self.named_day_at(i))
            .or_else(|| self.us_day_at(i))
            .or_else(|| self.season_at(i))
            .or_else(|| self.feast_at(i))
            .or_else(|| self.year_part_at(i))
            .or_else(|| self.month_year_at(i))
            .or_else(|| self.calendar_year_at(i))
    }

    /// `2024-03-31` (and `2024-03-31T17:00`, `2024/03/31`): the form a date cell takes.
    fn iso_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (y, yd) = self.number(i)?;
        let sep = self.text(i + 1);
        if yd != 4 || !DATE_SEPARATORS.contains(&sep) || self.text(i + 3) != sep {
            return None;
        }
        let ((m, md), (d, dd)) = (self.number(i + 2)?, self.number(i + 4)?);
        let glued = (i + 1..=i + 4).all(|k| self.glued(k));
        if md > 2 || dd > 2 || !glued || self.inside_number(i) || self.longer_number(i + 5) {
            return None;
        }
        let printed = self.printed(i, i + 5);
        let y = i32::try_from(y).ok()?;
        Some((numeric_day(y, m, d, &printed, false), i + 5))
    }

    /// `30.09.03`, `8/12/2003`, `30-09-03`, `1.4.04`: day, month, year, without spaces.
    fn numeric_at(&self, i: usize) -> Option<(Piece, usize)> {
        let sep = self.text(i + 1);
        let (d, dd) = self.number(i)?;
        if !DATE_SEPARATORS.contains(&sep) || self.text(i + 3) != sep || dd > 2 {
            return None;
        }
        let ((m, md), (y, yd)) = (self.number(i + 2)?, self.number(i + 4)?);
        let glued = (i + 1..=i + 4).all(|k| self.glued(k));
        // "31.02.03.04" must not be read from its middle as 2 March 2004.
        if md > 2 || !glued || self.inside_number(i) || self.longer_number(i + 5) {
            return None;
        }
        let year = year_value(y, yd)?;
        let printed = self.printed(i, i + 5);
        Some((numeric_day(year, m, d, &printed, true), i + 5))
    }

    /// `2025-03`: year and month (after `2004-05`, a financial year, has been tried).
    fn iso_month_at(&self, i: usize) -> Option<(Piece, usize)> {
        let ((y, yd), (m, md)) = (self.number(i)?, self.number(i + 2)?);
        let shape = yd == 4 && md == 2 && self.is(i + 1, "-") && (1..=12).contains(&m);
        if !shape || !self.glued(i + 1) || !self.glued(i + 2) || self.inside_number(i) {
            return None;
        }
        if self.longer_number(i + 3) {
            return None;
        }
        let printed = self.printed(i, i + 3);
        Some((month_piece(i32::try_from(y).ok()?, m, &printed), i + 3))
    }

    /// `09/2004`: month and year.
    fn month_numeric_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (m, md) = self.number(i)?;
        let (y, yd) = self.number(i + 2)?;
        let shape = md <= 2 && yd == 4 && self.any(i + 1, DATE_SEPARATORS);
        if !shape || !self.glued(i + 1) || !self.glued(i + 2) || !(1..=12).contains(&m) {
            return None;
        }
        if self.inside_number(i) || self.longer_number(i + 3) {
            return None;
        }
        let printed = self.printed(i, i + 3);
        Some((month_piece(i32::try_from(y).ok()?, m, &printed), i + 3))
    }

    /// `w/c 12 January 2004`, `week commencing 12.01.04`, `w/e 16/01/04`.
    fn week_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (ending, j) =
            if self.is(i, "w") && self.any(i + 1, &["/", "."]) && self.any(i + 2, &["c", "b", "e"])
            {
                (self.is(i + 2, "e"), self.skip(i + 3, &["."]))
            } else if self.any(i, &["wc", "wb"]) {
                (false, i + 1)
            } else if self.is(i, "week")
                && self.any(
                    i + 1,
                    &[
                        "of",
                        "commencing",
                        "beginning",
                        "starting",
                        "ending",
                        "commences",
                        "begins",
                        "starts",
                        "ends",
                    ],
                )
            {
                (self.any(i + 1, &["ending", "ends"]), i + 2)
            } else {
                return None;
            };
        let j = self.skip_all(j, &[":", "the"]);
        let (piece, e) = self
            .numeric_at(j)
            .or_else(|| self.iso_at(j))
            .or_else(|| self.named_day_at(j))
            .or_else(|| self.us_day_at(j))?;
        let piece = match piece {
            Piece::Period(p) if p.kind == DeadlineKind::Day => {
                Piece::Period(Period::week(p.first, ending)?)
            }
            other => other,
        };
        Some((piece, e))
    }

    /// `12-13 March 2004`, `1st to 15th March 2004`: days of one month.
    fn day_range_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (d, digits) = self.number(i)?;
        if digits > 2 || self.inside_number(i) {
            return None;
        }
        let j = if self.any(i + 1, ORDINAL_SUFFIXES) && self.glued(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if !self.any(j, &["-", "to", "&", "and"]) {
            return None;
        }
        let (second, e) = self.named_day(j + 1, false)?;
        let Piece::Period(b) = second else {
            return Some((second, e));
        };
        let first = Date::new(b.first.year(), b.first.month(), i8::try_from(d).ok()?).ok()?;
        if first > b.first || b.kind != DeadlineKind::Day {
            return None;
        }
        Some((Piece::Period(Period::range(&Period::day(first), &b)), e))
    }

    /// `Q3`, `Qtr 3`, `Quarter 3`, `3rd quarter`, `third quarter`, `H1`, `first half`.
    fn part_at(&self, i: usize) -> Option<(Part, usize)> {
        if let Some(w) = self.word(i)
            && matches!(w, "q" | "qtr" | "quarter" | "qr" | "h")
        {
            let j = self.skip(i + 1, &["."]);
            let (n, digits) = self.number(j)?;
            // "Q 3" is read too, but "h 1" in prose is not.
            if digits != 1 || (w == "h" && !self.glued(j)) {
                return None;
            }
            let n = i8::try_from(n).ok()?;
            let part = if w == "h" {
                (1..=2).contains(&n).then_some(Part::Half(n))?
            } else {
                (1..=4).contains(&n).then_some(Part::Quarter(n))?
            };
            return Some((part, j + 1));
        }
        let (n, j) = self.ordinal_at(i)?;
        match self.text(j) {
            "quarter" | "qtr" if (1..=4).contains(&n) => Some((Part::Quarter(n), j + 1)),
            "half" if (1..=2).contains(&n) => Some((Part::Half(n), j + 1)),
            _ => None,
        }
    }

    /// `first`, `third`, `1st`, `3rd`.
    fn ordinal_at(&self, i: usize) -> Option<(i8, usize)> {
        let words = ["first", "second", "third", "fourth"];
        if let Some(p) = words.iter().position(|w| self.is(i, w)) {
            return Some((i8::try_from(p + 1).ok()?, i + 1));
        }
        let (n, digits) = self.number(i)?;
        if digits == 1 && self.any(i + 1, ORDINAL_SUFFIXES) && self.glued(i + 1) {
            return Some((i8::try_from(n).ok()?, i + 2));
        }
        None
    }

    /// A quarter or half: of a financial year (`Q3 2024/25`), of a year printed alone
    /// (`Q3 2004`: by the convention the paper makes clear), or with no year (`Q2`).
    fn quarter_at(&self, i: usize, ctx: &Context) -> Option<(Piece, usize)> {
        let Some((part, j)) = self.part_at(i) else {
            // "Q5 2024/25" is not read as the year around it.
            let w = self.word(i)?;
            let j = self.skip(i + 1, &["."]);
            let (n, digits) = self.number(j)?;
            let q = matches!(w, "q" | "qtr" | "quarter") && (w != "q" || self.glued(j));
            if !q || digits != 1 {
                return None;
            }
            let printed = self.printed(i, j + 1);
            return Some((typo(format!("`{printed}`: there is no quarter {n}")), j + 1));
        };
        let mut k = self.skip_all(j, &["of", "in", "(", ",", "financial", "fin", "year", "yr"]);
        if self.is(k, "fy") {
            k += 1;
        } else if self.is(k, "f") && self.is(k + 1, "/") && self.is(k + 2, "y") {
            k += 3;
        }
        if let Some((split, e)) = self.split_year_at(k) {
            let printed = self.printed(i, e);
            let e = self.skip(e, &[")"]);
            return match split {
                Split::Pair(y) => Some((financial_part(part, y, &printed), e)),
                _ => Some((
                    ambiguous(format!(
                        "`{printed}`: the years printed are not one financial year"
                    )),
                    e,
                )),
            };
        }
        if let Some((y, e)) = self.year_at(k) {
            let printed = self.printed(i, e);
            let e = self.skip(e, &[")"]);
            // "Q3 2004 (Oct-Dec)": the months printed settle the convention.
            let (shown, e) = self.months_after(part, e);
            let quarters = shown.or(self.quarters_named()).or(ctx.quarters);
            return Some((part_of_year(part, y, quarters, &printed), e));
        }
        Some((Piece::Partial(Partial::Quarter(part)), j))
    }

    /// "(Oct-Dec)" after a quarter: the convention its first month shows, and where it ends.
    fn months_after(&self, part: Part, i: usize) -> (Option<Quarters>, usize) {
        let Some((m, j)) = self.is(i, "(").then(|| self.month_at(i + 1)).flatten() else {
            return (None, i);
        };
        let Part::Quarter(n) = part else {
            return (None, i);
        };
        let calendar = 3 * (n - 1) + 1;
        let financial = (3 * (n - 1) + 3) % 12 + 1;
        let shown = if m == calendar {
            Some(Quarters::Calendar)
        } else if m == financial {
            Some(Quarters::Financial)
        } else {
            return (None, i);
        };
        let mut k = j;
        while k < self.t.len() && !self.is(k, ")") && k < j + 4 {
            k += 1;
        }
        (shown, self.skip(k, &[")"]))
    }

    /// `2004/05`, `2004-05`, `04/05`, `2004/2005`, `2004-2006`, `04/06`.
    fn split_year_at(&self, i: usize) -> Option<(Split, usize)> {
        let (a, ad) = self.number(i)?;
        if !(ad == 2 || ad == 4) || self.inside_number(i) || !self.any(i + 1, &["/", "-"]) {
            return None;
        }
        let (b, bd) = self.number(i + 2)?;
        if self.longer_number(i + 3) || self.glued(i + 1) != self.glued(i + 2) {
            return None;
        }
        let y1 = year_value(a, ad)?;
        let next = u32::try_from(y1 + 1).ok()?;
        let split = match bd {
            1 if b == next % 10 => Split::Pair(y1),
            2 if b == next % 100 => Split::Pair(y1),
            4 if ad == 4 && b == next => Split::Pair(y1),
            4 if ad == 4 && b > a => Split::Years(y1, i32::try_from(b).ok()?),
            2 if ad == 2 => Split::Odd(a, b),
            _ => return None,
        };
        Some((split, i + 3))
    }

    /// A financial year (`2004/05`, with a quarter after it: `2024/25 Q3`), an academic
    /// year (`academic year 2004/05`), several calendar years (`2004-2006`).
    fn fy_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (split, e) = self.split_year_at(i)?;
        let printed = self.printed(i, e);
        match split {
            Split::Pair(y) => {
                if let Err(why) = valid_year(y).and(valid_year(y + 1)) {
                    return Some((typo(format!("`{printed}`: {why}")), e));
                }
                if self.academic_before(i) || self.is(e, "academic") {
                    let name = format!("the academic year {}", split_name(y));
                    let piece = span_piece(y, 9, y + 1, 8, DeadlineKind::Year, name);
                    return Some((piece?, e));
                }
                let k = self.skip_all(e, &["(", ":", ",", "-"]);
                if let Some((part, k)) = self.part_at(k) {
                    let printed = self.printed(i, k);
                    return Some((financial_part(part, y, &printed), self.skip(k, &[")"])));
                }
                Some((financial_year(y)?, e))
            }
            Split::Years(a, b) => {
                if let Err(why) = valid_year(a).and(valid_year(b)) {
                    return Some((typo(format!("`{printed}`: {why}")), e));
                }
                let (first, last) = (calendar_year(a)?, calendar_year(b)?);
                Some((Piece::Period(Period::range(&first, &last)), e))
            }
            Split::Odd(a, b) if (1..=12).contains(&a) => Some((
                ambiguous(format!(
                    "`{printed}` is not a financial year (the years do not follow on), and may be a month and year ({} 20{b:02})",
                    MONTHS.get(usize::try_from(a).ok()?.saturating_sub(1))?
                )),
                e,
            )),
            Split::Odd(..) => None,
        }
    }

    /// `FY 2004/05`, `FY04/05`, `F/Y 2004-05`, `financial year 2004/05`; `FY 2005` alone
    /// is ambiguous (2004/05 or 2005/06).
    fn fy_prefixed_at(&self, i: usize) -> Option<(Piece, usize)> {
        let j = if self.is(i, "fy") {
            i + 1
        } else if self.is(i, "f") && self.is(i + 1, "/") && self.is(i + 2, "y") {
            i + 3
        } else if self.any(i, &["financial", "fin"]) && self.any(i + 1, &["year", "yr"]) {
            i + 2
        } else {
            return None;
        };
        let j = self.skip(j, &[":"]);
        if let Some((piece, e)) = self.fy_at(j) {
            return Some((piece, e));
        }
        let (y, e) = self.year_at(j)?;
        let printed = self.printed(i, e);
        Some((
            ambiguous(format!(
                "`{printed}`: a financial year printed with one year could be {} or {}",
                split_name(y - 1),
                split_name(y)
            )),
            e,
        ))
    }

    /// `31st March 2024`, `17 Sept '03`, `2nd of July 2010`, `31-Mar-24`; without a year
    /// (`2nd July`) it is resolved later.
    fn named_day_at(&self, i: usize) -> Option<(Piece, usize)> {
        self.named_day(i, true)
    }

    /// As `named_day_at`; `alone` when it must not continue a number before it (it may
    /// in "12-13 March").
    fn named_day(&self, i: usize, alone: bool) -> Option<(Piece, usize)> {
        let (d, digits) = self.number(i)?;
        if digits > 2 || (alone && self.inside_number(i)) {
            return None;
        }
        let mut j = i + 1;
        let ordinal = self.any(j, ORDINAL_SUFFIXES) && self.glued(j);
        if ordinal {
            j += 1;
        }
        let sep = (self.any(j, &["-", "/", "."]) && self.glued(j) && self.glued(j + 1))
            .then(|| self.text(j).to_string());
        j = if sep.is_some() {
            j + 1
        } else {
            self.skip(j, &["of"])
        };
        let month_word = self.text(j).to_string();
        let month_cap = self.cap(j);
        let (m, j) = match sep {
            // "30.Sept.03": the stop after the month is the separator.
            Some(_) => (month_number(self.word(j)?)?, j + 1),
            None => self.month_at(j)?,
        };
        if sep.is_none()
            && let Some(found) = self.fy_month_at(i, m, self.skip(j, &[","]), |y, printed| {
                day_or_typo(y, m, d, printed)
            })
        {
            return Some(found);
        }
        let year = match &sep {
            Some(s) if self.is(j, s) && self.glued(j) => self.year_at(j + 1),
            Some(_) => None,
            None => self.year_at(self.skip(j, &[","])),
        };
        match year {
            Some((y, e)) => {
                let printed = self.printed(i, e);
                Some((day_or_typo(y, m, d, &printed), e))
            }
            None => {
                // "Stage 2 may be delayed" is not 2 May.
                let risky = matches!(month_word.as_str(), "may" | "march" | "mar");
                if risky && !ordinal && !month_cap {
                    return None;
                }
                Some((day_month(d, m, &self.printed(i, j)), j))
            }
        }
    }

    /// `March 31, 2004`, `March 31st 2004`, `Oct 12th`: the month first.
    fn us_day_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (m, j) = self.month_at(i)?;
        let (d, digits) = self.number(j)?;
        if digits > 2 {
            return None;
        }
        let mut k = j + 1;
        let ordinal = self.any(k, ORDINAL_SUFFIXES) && self.glued(k);
        if ordinal {
            k += 1;
        }
        let comma = self.is(k, ",");
        let k = self.skip(k, &[","]);
        let four_digits = self.number(k).is_some_and(|(_, n)| n == 4);
        match self.year_at(k) {
            Some((y, e)) if four_digits || comma || ordinal => {
                let printed = self.printed(i, e);
                Some((day_or_typo(y, m, d, &printed), e))
            }
            _ if ordinal => Some((day_month(d, m, &self.printed(i, k)), k)),
            _ => None,
        }
    }

    /// `Spring 2024`, `Autumn term 2003`, `winter 2004/05`; without a year it is resolved later.
    fn season_at(&self, i: usize) -> Option<(Piece, usize)> {
        let w = self.word(i)?;
        let base = match w {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "autumn" | "fall" => Season::Autumn,
            "winter" => Season::Winter,
            _ => return None,
        };
        let mut j = i + 1;
        let term = self.is(j, "term");
        if term {
            j += 1;
        }
        let season = match (term, base) {
            (false, s) => s,
            (true, Season::Autumn) => Season::AutumnTerm,
            (true, Season::Spring) => Season::SpringTerm,
            (true, Season::Summer) => Season::SummerTerm,
            (true, _) => return None,
        };
        let k = self.skip(self.skip(j, &["of", ","]), &["the"]);
        if let Some((Split::Pair(y), e)) = self.split_year_at(k) {
            let printed = self.printed(i, e);
            if let Err(why) = valid_year(y).and(valid_year(y + 1)) {
                return Some((typo(format!("`{printed}`: {why}")), e));
            }
            let anchor = match season {
                Season::Winter | Season::AutumnTerm => y,
                Season::SpringTerm | Season::SummerTerm => y + 1,
                _ => {
                    let why = format!("`{printed}`: which of the two years is meant is not clear");
                    return Some((ambiguous(why), e));
                }
            };
            return Some((Piece::Period(season_period(season, anchor)?), e));
        }
        if let Some((y, e)) = self.year_at(k) {
            let printed = self.printed(i, e);
            if let Err(why) = valid_year(y) {
                return Some((typo(format!("`{printed}`: {why}")), e));
            }
            if season == Season::Winter {
                let why = format!(
                    "`{printed}` could be the winter of {}/{:02} or of {}/{:02}",
                    y - 1,
                    y % 100,
                    y,
                    (y + 1) % 100
                );
                return Some((ambiguous(why), e));
            }
            return Some((Piece::Period(season_period(season, y)?), e));
        }
        if w == "fall" {
            return None;
        }
        Some((Piece::Partial(Partial::Season(season)), j))
    }

    /// `Easter 2004` (Easter Sunday), `Christmas 2004` (25 December).
    fn feast_at(&self, i: usize) -> Option<(Piece, usize)> {
        let w = self.word(i)?;
        if !matches!(w, "easter" | "christmas" | "xmas") {
            return None;
        }
        let Some((y, e)) = self.year_at(self.skip(i + 1, &["'"])) else {
            // "By Christmas": resolved like any day printed without its year.
            let christmas = Piece::Partial(Partial::DayMonth(25, 12));
            return (w != "easter").then_some((christmas, i + 1));
        };
        let printed = self.printed(i, e);
        let y = match valid_year(y) {
            Ok(y) => y,
            Err(why) => return Some((typo(format!("`{printed}`: {why}")), e)),
        };
        let date = if w == "easter" {
            easter(y)?
        } else {
            Date::new(y, 12, 25).ok()?
        };
        Some((Piece::Period(Period::day(date)), e))
    }

    /// `early 2005`, `mid-2005`, `late 2005`: January to April, May to August, September
    /// to December.
    fn year_part_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (m1, m2) = match self.word(i)? {
            "early" => (1, 4),
            "mid" | "middle" => (5, 8),
            "late" => (9, 12),
            _ => return None,
        };
        let j = self.skip(self.skip(i + 1, &["-"]), &["of"]);
        let (y, e) = self.year_at(j)?;
        if self
            .number(self.skip(j, &["'"]))
            .is_some_and(|(_, n)| n != 4)
            && !self.is(j, "'")
        {
            return None;
        }
        let printed = self.printed(i, e);
        let y = match valid_year(y) {
            Ok(y) => y,
            Err(why) => return Some((typo(format!("`{printed}`: {why}")), e)),
        };
        let first = Date::new(y, m1, 1).ok()?;
        let last = Date::new(y, m2, 1).ok()?.last_of_month();
        let name = format!("{printed} ({})", months_text(first, last));
        let period = Period::span(first, last, DeadlineKind::Season, Precision::Season, name);
        Some((Piece::Period(period), e))
    }

    /// Month `m`, printed from token `i`, when the number at `k` is a year joined to
    /// another (`Jan 2024/25`): of a financial year, it falls in the first calendar
    /// year for April to December and in the second for January to March, and
    /// `piece` makes it of that year and what was printed. Years that do not follow on
    /// name no month: ambiguous. None when there is no such pair at `k`.
    fn fy_month_at(
        &self,
        i: usize,
        m: i8,
        k: usize,
        piece: impl Fn(i32, &str) -> Piece,
    ) -> Option<(Piece, usize)> {
        let joined = self.number(k).is_some()
            && self.any(k + 1, &["/", "-"])
            && self.glued(k + 1)
            && self.glued(k + 2)
            && self.number(k + 2).is_some();
        if !joined {
            return None;
        }
        Some(match self.split_year_at(k) {
            Some((Split::Pair(y), e)) => {
                let year = if m >= 4 { y } else { y + 1 };
                (piece(year, &self.printed(i, e)), e)
            }
            _ => (
                ambiguous(format!(
                    "`{}` names a month of more than one year: give the year it falls in",
                    self.printed(i, k + 3)
                )),
                k + 3,
            ),
        })
    }

    /// `Oct '03`, `October 2003`, `Sept'03`, `Nov. 2004`, and `Mar-24` as Excel writes a
    /// month; without a year (`October`) it is resolved later.
    fn month_year_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (m, j) = self.month_at(i)?;
        let k = if self.any(j, &["-", "/"]) && self.glued(j) && self.glued(j + 1) {
            j + 1
        } else {
            self.skip(j, &[","])
        };
        // A month of a financial year written as one (`Jan 2024/25`): January to March
        // are in its second calendar year. Years that do not follow on name no month.
        let month = u32::try_from(m).ok()?;
        if let Some(found) = self.fy_month_at(i, m, k, |y, printed| month_piece(y, month, printed))
        {
            return Some(found);
        }
        if let Some((y, e)) = self.year_at(k) {
            let printed = self.printed(i, e);
            return Some((month_piece(y, month, &printed), e));
        }
        Some((Piece::Partial(Partial::Month(m)), j))
    }

    /// `2005` alone, `by 2005`, `end of 2004`, `during 2004`, `calendar year 2004`.
    fn calendar_year_at(&self, i: usize) -> Option<(Piece, usize)> {
        let (_, digits) = self.number(i)?;
        if digits != 4 || (self.any(i + 1, &["/", "-"]) && self.number(i + 2).is_some()) {
            return None;
        }
        let (y, e) = self.year_at(i)?;
        let before = self.prev_word(i, &["the", "of", "year", ",", ":"]);
        let led = before.is_some_and(|w| YEAR_LEADS.contains(&w));
        if !led && !self.only_leads_besides(i, e) {
            return None;
        }
        let printed = self.printed(i, e);
        match valid_year(y) {
            Ok(_) => Some((Piece::Period(calendar_year(y)?), e)),
            Err(why) => Some((typo(format!("`{printed}`: {why}")), e)),
        }
    }

    /// The word before token `i`, stepping over `skipping`.
    fn prev_word(&self, i: usize, skipping: &[&str]) -> Option<&str> {
        let mut k = i;
        while k > 0 {
            k -= 1;
            if !self.any(k, skipping) {
                return self.word(k);
            }
        }
        None
    }

    /// Every token outside `start..end` is punctuation or a word that stands around a date.
    fn only_leads_besides(&self, start: usize, end: usize) -> bool {
        self.t.iter().enumerate().all(|(k, tok)| {
            (start..end).contains(&k)
                || !tok.text.starts_with(char::is_alphanumeric)
                || LEADS.contains(&tok.text.as_str())
        })
    }

    // ---- ranges, and what stands around a date

    /// Every date, range and doubt in the line, in order.
    fn hits(&self, ctx: &Context) -> Vec<(Piece, usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            let Some((mut piece, mut end)) = self.piece_at(i, ctx) else {
                i += 1;
                continue;
            };
            if !matches!(piece, Piece::Doubt(..)) && self.any(end, RANGE_SEPARATORS) {
                let sep = self.text(end).to_string();
                if let Some((second, e)) = self.piece_at(end + 1, ctx)
                    && let Some(joined) = join(&piece, second, &sep, ctx)
                {
                    piece = joined;
                    end = e;
                }
            }
            out.push((piece, i, end));
            i = end.max(i + 1);
        }
        out
    }

    /// How the date at `start..end` stands: a start, "before", "by the start of", or due.
    fn role(&self, start: usize, end: usize) -> Role {
        if self.any(end, &["onwards", "onward"]) {
            return Role::Start;
        }
        let skipping = ["the", "in", "on", "as"];
        let mut k = start;
        // The words before it, stepping over punctuation ("w.e.f.") and small words.
        let prev = |k: &mut usize| -> Option<&str> {
            while *k > 0 {
                *k -= 1;
                let w = self.text(*k);
                if w.starts_with(char::is_alphanumeric) && !skipping.contains(&w) {
                    return Some(w);
                }
            }
            None
        };
        let (w1, w2, w3) = (prev(&mut k), prev(&mut k), prev(&mut k));
        match (w1, w2) {
            (Some("of"), Some("start" | "beginning" | "commencement")) => {
                if w3.is_some_and(|w| START_WORDS.contains(&w)) {
                    Role::Start
                } else {
                    Role::DueStart
                }
            }
            (Some("of"), Some("ahead")) | (Some("to"), Some("prior")) => Role::Before,
            (Some("before"), Some("not")) => Role::Start,
            (Some("before"), _) => Role::Before,
            (Some(w), _) if START_WORDS.contains(&w) => Role::Start,
            (Some("f"), Some("e")) if w3 == Some("w") => Role::Start,
            _ => Role::Due,
        }
    }

    /// A year-less month or season is a date only where nothing else is printed around
    /// it, or where it is capitalised after a preposition ("Report to Cabinet in March").
    fn accepts(&self, partial: Partial, start: usize, end: usize) -> bool {
        match partial {
            Partial::DayMonth(..) | Partial::Quarter(_) => true,
            Partial::Month(_) | Partial::Season(_) => {
                self.only_leads_besides(start, end)
                    || (self.cap(start)
                        && self
                            .prev_word(start, &["the", "-"])
                            .is_some_and(|w| PREPOSITIONS.contains(&w)))
            }
        }
    }

    // ---- spans

    /// `within 6 weeks`, `over the next Six Months`, `in 3 months`, `28 days`,
    /// `within seventy working days`, `within 3-6 months`, `6 months from 1 April 2004`.
    fn relative(&self) -> Option<Relative> {
        (0..self.t.len()).find_map(|i| self.relative_at(i))
    }

    fn relative_at(&self, i: usize) -> Option<Relative> {
        let lead = self.any(
            i,
            &["within", "in", "over", "next", "during", "after", "for"],
        );
        let mut next = self.is(i, "next");
        let mut j = if lead { i + 1 } else { i };
        loop {
            if self.is(j, "the") {
                j += 1;
            } else if self.is(j, "next") {
                next = true;
                j += 1;
            } else {
                break;
            }
        }
        let (n, j) = match self.quantity_at(j, lead) {
            Some((n, k)) if self.any(k, &["-", "to", "or"]) => match self.quantity_at(k + 1, false)
            {
                Some((n2, k2)) => (n.max(n2), k2),
                None => (n, k),
            },
            Some(found) => found,
            // "within the next year", "over the next month" (not "end of next month").
            None if next && lead && !self.is(i, "next") => (1, j),
            None => return None,
        };
        let j = if self.is(j, "-") && self.glued(j) {
            j + 1
        } else {
            j
        };
        let (unit, working, k) = self.unit_at(j)?;
        let anchor = self
            .any(k, &["from", "of", "after", "following"])
            .then(|| self.skip(k + 1, &["the"]));
        Some(Relative {
            n,
            unit,
            working,
            anchor,
        })
    }

    /// `6`, `six`, `twenty-eight`, `seventy`, `a` (after "within"), `a couple of`.
    fn quantity_at(&self, i: usize, article: bool) -> Option<(u64, usize)> {
        if let Some((n, _)) = self.number(i) {
            return Some((u64::from(n), i + 1));
        }
        let w = self.word(i)?;
        if article && matches!(w, "a" | "an") {
            return match self.text(i + 1) {
                "couple" => Some((2, self.skip(i + 2, &["of"]))),
                "few" => None,
                _ => Some((1, i + 1)),
            };
        }
        let mut j = i + 1;
        let mut value = if let Some(t) = TENS_WORDS.iter().position(|x| *x == w) {
            let mut v = 20 + 10 * u64::try_from(t).ok()?;
            let k = self.skip(j, &["-"]);
            if let Some(u) = UNIT_WORDS.iter().take(9).position(|x| self.is(k, x)) {
                v += u64::try_from(u).ok()? + 1;
                j = k + 1;
            }
            v
        } else {
            u64::try_from(UNIT_WORDS.iter().position(|x| *x == w)?).ok()? + 1
        };
        if self.is(j, "hundred") {
            value *= 100;
            j += 1;
        }
        Some((value, j))
    }

    /// `days`, `working days`, `weeks`, `wks`, `fortnight`, `months`, `mths`, `years`.
    fn unit_at(&self, i: usize) -> Option<(Unit, bool, usize)> {
        let (working, j) = if self.any(i, &["working", "business", "work"]) {
            (true, i + 1)
        } else if self.any(i, &["calendar", "clear"]) {
            (false, i + 1)
        } else {
            (false, i)
        };
        let unit = match self.word(j)? {
            "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "week" | "weeks" | "wk" | "wks" => Unit::Week,
            "fortnight" | "fortnights" => Unit::Fortnight,
            "month" | "months" | "mth" | "mths" | "mnth" | "mnths" | "mos" => Unit::Month,
            "year" | "years" | "yr" | "yrs" => Unit::Year,
            _ => return None,
        };
        Some((unit, working && unit == Unit::Day, j + 1))
    }

    /// "end of the financial year", "year end", "end of the month", "next quarter": a
    /// period found from the day the timescales count from.
    fn period_from_base(&self, ctx: &Context) -> Option<Deadline> {
        let fillers = ["the", "this", "current", "of", "by", "at", "a", "s"];
        let words: Vec<&str> = self
            .words()
            .into_iter()
            .filter(|w| !fillers.contains(w))
            .collect();
        let has = |p: &[&str]| words.windows(p.len()).any(|w| w == p);
        let financial = has(&["financial", "year"])
            || has(&["fin", "year"])
            || has(&["fy"])
            || has(&["fye"])
            || self.has_f_slash_y();
        let next = words.contains(&"next");
        let year_end = has(&["year", "end"]) || has(&["end", "year"]) || has(&["yearend"]);
        let calendar = has(&["calendar", "year"]);
        let what = if financial && (next || year_end || has(&["end"]) || words.len() <= 3) {
            Some(Quarters::Financial)
        } else if calendar && (year_end || has(&["end"])) {
            Some(Quarters::Calendar)
        } else if year_end && !next {
            ctx.quarters
        } else {
            None
        };
        let ambiguous_year = year_end && !financial && !calendar && ctx.quarters.is_none();
        let month = !financial && (has(&["end", "month"]) || has(&["month", "end"]));
        let quarter = !financial && (has(&["end", "quarter"]) || has(&["quarter", "end"]));
        let next_month = has(&["next", "month"]) && !month;
        let next_quarter = has(&["next", "quarter"]) && !quarter;
        if what.is_none() && !ambiguous_year && !month && !quarter && !next_month && !next_quarter {
            return None;
        }
        let printed = self.printed(0, self.t.len());
        let Some(base) = ctx.base else {
            return Some(undated(
                DeadlineKind::Ambiguous,
                format!("`{printed}` counts from the paper's date, which the paper does not give"),
            ));
        };
        if ambiguous_year {
            return Some(undated(
                DeadlineKind::Ambiguous,
                format!(
                    "`{printed}`: whether the financial year (to 31 March) or the calendar year (to 31 December) is meant is not printed, and the paper does not make it clear"
                ),
            ));
        }
        let counted = ctx.counted(base);
        let period = if let Some(q) = what {
            let y = match q {
                Quarters::Financial => financial_start(base) + i32::from(next),
                Quarters::Calendar => i32::from(base.year()) + i32::from(next),
            };
            match q {
                Quarters::Financial => match financial_year(y)? {
                    Piece::Period(p) => p,
                    _ => return None,
                },
                Quarters::Calendar => calendar_year(y)?,
            }
        } else if month || next_month {
            let first = base.first_of_month();
            let first = if next_month {
                first.checked_add(Span::new().months(1)).ok()?
            } else {
                first
            };
            Period::month(i32::from(first.year()), first.month())?
        } else {
            let Some(q) = ctx.quarters.or(self.quarters_named()) else {
                return Some(undated(
                    DeadlineKind::Ambiguous,
                    format!(
                        "`{printed}`: the paper does not make clear whether its quarters are of the financial year (April to March) or the calendar year"
                    ),
                ));
            };
            let start = match q {
                Quarters::Financial => base.year() - i16::from(base.month() < 4),
                Quarters::Calendar => base.year(),
            };
            let quarters_in = (0i8..12)
                .filter_map(|k| {
                    let y = start.checked_add(i16::from(k / 4))?;
                    part_period(Part::Quarter(k % 4 + 1), y, q)
                })
                .collect::<Vec<_>>();
            let this = quarters_in
                .iter()
                .position(|p| p.first <= base && base <= p.last)?;
            quarters_in.get(this + usize::from(next_quarter))?.clone()
        };
        let why = format!("{}, {counted}", period.due_name);
        Some(Deadline {
            kind: period.kind,
            due: Some(period.last),
            from: None,
            precision: Some(period.precision),
            counted_from: Some(base),
            explanation: why.into(),
        })
    }

    fn on_going(&self) -> bool {
        (0..self.t.len()).any(|i| self.is(i, "on") && self.is(self.skip(i + 1, &["-"]), "going"))
    }

    /// "TBC", "T.B.C.", "to be confirmed", "date to be agreed".
    fn to_be_confirmed(&self) -> bool {
        let words = self.words();
        if words.iter().any(|w| TBC.contains(w)) {
            return true;
        }
        if words
            .windows(3)
            .any(|w| w[0] == "to" && w[1] == "be" && CONFIRMED.contains(&w[2]))
        {
            return true;
        }
        // Letters printed with stops: "t.b.c."
        let letters: String = self
            .t
            .iter()
            .filter(|x| x.text != ".")
            .map(|x| x.text.as_str())
            .collect();
        TBC.iter().any(|t| letters == *t)
    }

    fn not_given(&self) -> bool {
        NOT_GIVEN_WORDS.contains(&self.words().join(" ").as_str())
    }
}

/// Joins two pieces separated by `sep` into a range, or None when they are not one.
fn join(a: &Piece, b: Piece, sep: &str, ctx: &Context) -> Option<Piece> {
    let alternatives = matches!(sep, "/" | "and" | "&");
    match (a, b) {
        (Piece::Period(a), Piece::Period(b)) => {
            if a.first > b.last {
                if alternatives && a.kind == DeadlineKind::Day {
                    return None;
                }
                return Some(typo(format!(
                    "the range {} to {} ends before it starts",
                    a.start_name, b.due_name
                )));
            }
            Some(Piece::Period(Period::range(a, &b)))
        }
        (Piece::Partial(pa), Piece::Period(b)) => {
            let quarters = b.quarters.or(ctx.quarters);
            let a = latest_by(*pa, b.first, quarters)?;
            Some(Piece::Period(Period::range(&a, &b)))
        }
        (Piece::Period(a), Piece::Partial(pb)) => {
            let quarters = a.quarters.or(ctx.quarters);
            let b = first_from(pb, a.last, quarters)?;
            Some(Piece::Period(Period::range(a, &b)))
        }
        (Piece::Partial(pa), Piece::Partial(pb)) => Some(Piece::PartialRange(*pa, pb)),
        (Piece::Period(_) | Piece::Partial(_), doubt @ Piece::Doubt(..)) => Some(doubt),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Periods

impl Period {
    fn day(d: Date) -> Period {
        let name = day_name(d);
        Period {
            first: d,
            last: d,
            kind: DeadlineKind::Day,
            precision: Precision::Day,
            start_name: name.clone(),
            due_name: name,
            quarters: None,
            counted_from: None,
        }
    }

    fn month(y: i32, m: i8) -> Option<Period> {
        let first = Date::new(i16::try_from(y).ok()?, m, 1).ok()?;
        let name = month_year(first);
        Some(Period {
            first,
            last: first.last_of_month(),
            kind: DeadlineKind::Month,
            precision: Precision::Month,
            due_name: format!("end of {name}"),
            start_name: name,
            quarters: None,
            counted_from: None,
        })
    }

    fn week(day: Date, ending: bool) -> Option<Period> {
        let six = Span::new().days(6);
        let (first, last, name) = if ending {
            let first = day.checked_sub(six).ok()?;
            (first, day, format!("the week ending {}", day_name(day)))
        } else {
            let last = day.checked_add(six).ok()?;
            (day, last, format!("the week beginning {}", day_name(day)))
        };
        Some(Period {
            first,
            last,
            kind: DeadlineKind::Week,
            precision: Precision::Week,
            due_name: format!("{name} (by {})", day_name(last)),
            start_name: name,
            quarters: None,
            counted_from: None,
        })
    }

    /// A quarter, season or year, by name, due at its end.
    fn span(
        first: Date,
        last: Date,
        kind: DeadlineKind,
        precision: Precision,
        name: String,
    ) -> Period {
        let due_name = match precision {
            Precision::Year => format!("end of {name} ({})", day_name(last)),
            _ if name.contains(" to ") => format!("end of {name}"),
            _ => format!("end of {name} ({})", months_text(first, last)),
        };
        Period {
            first,
            last,
            kind,
            precision,
            start_name: name,
            due_name,
            quarters: None,
            counted_from: None,
        }
    }

    fn range(a: &Period, b: &Period) -> Period {
        Period {
            first: a.first,
            last: b.last,
            kind: DeadlineKind::Range,
            precision: b.precision,
            start_name: a.start_name.clone(),
            due_name: format!("{} to {}", a.start_name, b.due_name),
            quarters: b.quarters.or(a.quarters),
            counted_from: a.counted_from.or(b.counted_from),
        }
    }
}

impl Partial {
    /// Its occurrence that falls in (or, for a winter or a quarter, starts in) year `y`.
    fn at(self, y: i32, quarters: Option<Quarters>) -> Option<Period> {
        match self {
            Partial::DayMonth(d, m) => {
                Some(Period::day(Date::new(i16::try_from(y).ok()?, m, d).ok()?))
            }
            Partial::Month(m) => Period::month(y, m),
            Partial::Season(s) => season_period(s, y),
            Partial::Quarter(part) => part_period(part, i16::try_from(y).ok()?, quarters?),
        }
    }

    fn strong(self) -> bool {
        matches!(self, Partial::DayMonth(..) | Partial::Quarter(_))
    }
}

/// Its first occurrence that ends on or after `from`.
fn first_from(p: Partial, from: Date, quarters: Option<Quarters>) -> Option<Period> {
    let y = i32::from(from.year());
    (y - 1..=y + 4).find_map(|y| p.at(y, quarters).filter(|x| x.last >= from))
}

/// Its last occurrence that starts on or before `by`.
fn latest_by(p: Partial, by: Date, quarters: Option<Quarters>) -> Option<Period> {
    let y = i32::from(by.year());
    (y - 4..=y + 1)
        .rev()
        .find_map(|y| p.at(y, quarters).filter(|x| x.first <= by))
}

/// A year-less date resolved against the day timescales count from: the first such date
/// from that day on. Ambiguous when there is no such day, or (for a quarter) no
/// convention.
fn resolve(p: Piece, printed: &str, ctx: &Context) -> Piece {
    let Some(base) = ctx.base else {
        return ambiguous(format!(
            "`{printed}`: no year is printed, and the paper has no date to take one from"
        ));
    };
    let (partial, second) = match p {
        Piece::Partial(x) => (x, None),
        Piece::PartialRange(a, b) => (a, Some(b)),
        other => return other,
    };
    let quarters = ctx.quarters;
    let needs_quarters = |x: Partial| matches!(x, Partial::Quarter(_)) && quarters.is_none();
    if needs_quarters(partial) || second.is_some_and(needs_quarters) {
        return ambiguous(format!(
            "`{printed}`: the paper does not make clear whether its quarters are of the financial year (April to March) or the calendar year"
        ));
    }
    let found = match second {
        None => first_from(partial, base, quarters),
        Some(b) => first_from(b, base, quarters)
            .and_then(|b| latest_by(partial, b.first, quarters).map(|a| Period::range(&a, &b))),
    };
    let Some(mut period) = found else {
        return ambiguous(format!("`{printed}`: no year is printed"));
    };
    period.due_name = format!(
        "{} (no year printed: the first from {base}, {})",
        period.due_name,
        ctx.base_words()
    );
    period.counted_from = Some(base);
    Piece::Period(period)
}

fn financial_year(y: i32) -> Option<Piece> {
    let name = format!("the financial year {}", split_name(y));
    span_piece(y, 4, y + 1, 3, DeadlineKind::Year, name)
}

fn calendar_year(y: i32) -> Option<Period> {
    let first = Date::new(i16::try_from(y).ok()?, 1, 1).ok()?;
    let last = Date::new(i16::try_from(y).ok()?, 12, 31).ok()?;
    Some(Period::span(
        first,
        last,
        DeadlineKind::Year,
        Precision::Year,
        y.to_string(),
    ))
}

/// From the first of month `m1` of `y1` to the end of month `m2` of `y2`.
fn span_piece(y1: i32, m1: i8, y2: i32, m2: i8, kind: DeadlineKind, name: String) -> Option<Piece> {
    let first = Date::new(i16::try_from(y1).ok()?, m1, 1).ok()?;
    let last = Date::new(i16::try_from(y2).ok()?, m2, 1)
        .ok()?
        .last_of_month();
    let precision = match kind {
        DeadlineKind::Year => Precision::Year,
        DeadlineKind::Quarter => Precision::Quarter,
        _ => Precision::Season,
    };
    Some(Piece::Period(Period::span(
        first, last, kind, precision, name,
    )))
}

/// The year a financial year starts in, for the one `d` falls in.
fn financial_start(d: Date) -> i32 {
    i32::from(d.year()) - i32::from(d.month() < 4)
}

/// "2004/05".
fn split_name(y: i32) -> String {
    format!("{y}/{:02}", (y + 1).rem_euclid(100))
}

/// A quarter or half of the financial year starting in `y`.
fn financial_part(part: Part, y: i32, printed: &str) -> Piece {
    if let Err(why) = valid_year(y).and(valid_year(y + 1)) {
        return typo(format!("`{printed}`: {why}"));
    }
    match i16::try_from(y)
        .ok()
        .and_then(|y| part_period(part, y, Quarters::Financial))
    {
        Some(p) => Piece::Period(p),
        None => ambiguous(format!("`{printed}` is not a quarter")),
    }
}

/// A quarter or half printed with one year (`Q3 2004`): calendar quarters are of that
/// year; financial Q1-Q3 (and H1) fall in it either way, but a financial Q4 (or H2)
/// "2004" could end in March 2004 or March 2005.
fn part_of_year(part: Part, y: i32, quarters: Option<Quarters>, printed: &str) -> Piece {
    let y16 = match valid_year(y) {
        Ok(y) => y,
        Err(why) => return typo(format!("`{printed}`: {why}")),
    };
    let Some(q) = quarters else {
        return ambiguous(format!(
            "`{printed}`: the paper does not make clear whether its quarters are of the financial year (April to March) or the calendar year"
        ));
    };
    let spans_new_year = matches!(part, Part::Quarter(4) | Part::Half(2));
    if q == Quarters::Financial && spans_new_year {
        return ambiguous(format!(
            "`{printed}`: in financial-year quarters this could end in March {y} ({}) or March {} ({})",
            split_name(y - 1),
            y + 1,
            split_name(y)
        ));
    }
    match part_period(part, y16, q) {
        Some(p) => Piece::Period(p),
        None => ambiguous(format!("`{printed}` is not a quarter")),
    }
}

/// Quarter or half `part` of the year starting in `y` (financial: in April).
fn part_period(part: Part, y: i16, quarters: Quarters) -> Option<Period> {
    let (n, months, label, kind, precision) = match part {
        Part::Quarter(n) => (
            n,
            3,
            format!("Q{n}"),
            DeadlineKind::Quarter,
            Precision::Quarter,
        ),
        Part::Half(n) => (
            n,
            6,
            if n == 1 {
                "the first half"
            } else {
                "the second half"
            }
            .to_string(),
            DeadlineKind::Range,
            Precision::HalfYear,
        ),
    };
    let offset = match quarters {
        Quarters::Financial => 3,
        Quarters::Calendar => 0,
    } + i32::from(n - 1) * months;
    let first = month_offset(y, offset)?;
    let last = month_offset(y, offset + months - 1)?.last_of_month();
    let name = match quarters {
        Quarters::Financial => format!("{label} of {}", split_name(i32::from(y))),
        Quarters::Calendar => format!("{label} of {y} (calendar year)"),
    };
    let mut p = Period::span(first, last, kind, precision, name);
    p.quarters = Some(quarters);
    Some(p)
}

/// The first of the month `offset` months after January of `y`.
fn month_offset(y: i16, offset: i32) -> Option<Date> {
    let y = i32::from(y) + offset.div_euclid(12);
    let m = i8::try_from(offset.rem_euclid(12) + 1).ok()?;
    Date::new(i16::try_from(y).ok()?, m, 1).ok()
}

/// A season or school term that falls in (a winter: starts in) year `y`.
fn season_period(s: Season, y: i32) -> Option<Period> {
    let (m1, m2, y2, name) = match s {
        Season::Spring => (3, 5, y, format!("spring {y}")),
        Season::Summer => (6, 8, y, format!("summer {y}")),
        Season::Autumn => (9, 11, y, format!("autumn {y}")),
        Season::Winter => (12, 2, y + 1, format!("winter {}", split_name(y))),
        Season::AutumnTerm => (9, 12, y, format!("the autumn term {y}")),
        Season::SpringTerm => (1, 4, y, format!("the spring term {y}")),
        Season::SummerTerm => (4, 7, y, format!("the summer term {y}")),
    };
    let first = Date::new(i16::try_from(y).ok()?, m1, 1).ok()?;
    let last = Date::new(i16::try_from(y2).ok()?, m2, 1)
        .ok()?
        .last_of_month();
    Some(Period::span(
        first,
        last,
        DeadlineKind::Season,
        Precision::Season,
        name,
    ))
}

/// Two-digit years 00-69 are 2000s and 70-99 are 1900s; four-digit years are as printed.
fn year_value(value: u32, digits: usize) -> Option<i32> {
    let value = i32::try_from(value).ok()?;
    match digits {
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        4 => Some(value),
        _ => None,
    }
}

/// A year a council could mean, or why it is taken as a typo.
fn valid_year(y: i32) -> Result<i16, String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&y) {
        i16::try_from(y).map_err(|_| format!("the year {y} is out of range"))
    } else {
        Err(format!(
            "the year {y} is before {FIRST_YEAR} or after {LAST_YEAR}"
        ))
    }
}

fn month_number(w: &str) -> Option<i8> {
    let index = match w {
        "sept" => 8,
        "febuary" | "feburary" | "febr" => 1,
        _ => MONTHS.iter().position(|m| {
            m.eq_ignore_ascii_case(w)
                || (w.len() == 3 && m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(w)))
        })?,
    };
    i8::try_from(index + 1).ok()
}

fn month_piece(y: i32, m: u32, printed: &str) -> Piece {
    let y = match valid_year(y) {
        Ok(y) => y,
        Err(why) => return typo(format!("`{printed}`: {why}")),
    };
    match i8::try_from(m)
        .ok()
        .and_then(|m| Period::month(i32::from(y), m))
    {
        Some(p) => Piece::Period(p),
        None => typo(format!("`{printed}`: there is no month {m}")),
    }
}

/// A day printed with a month name: a date, or a likely typo (31 September).
fn day_or_typo(y: i32, m: i8, d: u32, printed: &str) -> Piece {
    let y = match valid_year(y) {
        Ok(y) => y,
        Err(why) => return typo(format!("`{printed}`: {why}")),
    };
    match i8::try_from(d).ok().and_then(|d| Date::new(y, m, d).ok()) {
        Some(date) => Piece::Period(Period::day(date)),
        None => typo(no_such_day(y, m, d, printed)),
    }
}

fn no_such_day(y: i16, m: i8, d: u32, printed: &str) -> String {
    let Ok(first) = Date::new(y, m, 1) else {
        return format!("`{printed}` is not a date");
    };
    if d == 0 || d > 31 {
        format!("`{printed}`: there is no day {d} in a month")
    } else {
        format!(
            "`{printed}`: {} has {} days",
            month_year(first),
            first.days_in_month()
        )
    }
}

/// A day and month with no year: kept for the context to resolve, or a typo.
fn day_month(d: u32, m: i8, printed: &str) -> Piece {
    let longest = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    match i8::try_from(d) {
        Ok(d) if (1..=longest).contains(&d) => Piece::Partial(Partial::DayMonth(d, m)),
        _ => typo(format!(
            "`{printed}`: {} has no day {d}",
            MONTHS
                .get(usize::try_from(m).unwrap_or_default().saturating_sub(1))
                .copied()
                .unwrap_or_default()
        )),
    }
}

/// A day printed in figures, day first; a likely typo when it only reads month first
/// (the US order), or names a day or month that does not exist.
fn numeric_day(y: i32, m: u32, d: u32, printed: &str, day_first: bool) -> Piece {
    let y = match valid_year(y) {
        Ok(y) => y,
        Err(why) => return typo(format!("`{printed}`: {why}")),
    };
    if m == 0 || m > 12 {
        let us = (day_first && (1..=12).contains(&d))
            .then(|| Date::new(y, i8::try_from(d).ok()?, i8::try_from(m).ok()?).ok())
            .flatten();
        return typo(match us {
            Some(date) => format!(
                "`{printed}` reads only month first, the US order ({}); kept as printed, not turned round",
                day_name(date)
            ),
            None => format!("`{printed}`: there is no month {m}"),
        });
    }
    let m = i8::try_from(m).unwrap_or_default();
    match i8::try_from(d).ok().and_then(|d| Date::new(y, m, d).ok()) {
        Some(date) => Piece::Period(Period::day(date)),
        None => typo(no_such_day(y, m, d, printed)),
    }
}

fn month_name(date: Date) -> &'static str {
    let index = usize::try_from(date.month()).unwrap_or_default();
    MONTHS
        .get(index.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

fn day_name(date: Date) -> String {
    format!("{} {} {}", date.day(), month_name(date), date.year())
}

fn month_year(date: Date) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// "October to December 2024", "December 2004 to February 2005".
fn months_text(first: Date, last: Date) -> String {
    if first.year() != last.year() {
        format!("{} to {}", month_year(first), month_year(last))
    } else if first.month() == last.month() {
        month_year(last)
    } else {
        format!(
            "{} to {} {}",
            month_name(first),
            month_name(last),
            last.year()
        )
    }
}

// ---------------------------------------------------------------------------------------
// Reading a line

/// What one line of a cell says; several results when it names several dates.
fn read_line(line: &str, ctx: &Context) -> Vec<Deadline> {
    let l = Line::new(line);
    if l.t.is_empty() {
        return Vec::new();
    }
    let words = l.words();
    let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
    let mut hits: Vec<(Piece, Role, usize)> = Vec::new();
    for (piece, start, end) in l.hits(ctx) {
        let printed = l.printed(start, end);
        let piece = match piece {
            Piece::Partial(p) if !l.accepts(p, start, end) => continue,
            Piece::PartialRange(a, b)
                if !(l.accepts(a, start, end) || (a.strong() && b.strong())) =>
            {
                continue;
            }
            p @ (Piece::Partial(_) | Piece::PartialRange(..)) => resolve(p, &printed, ctx),
            other => other,
        };
        let role = match (&piece, l.role(start, end)) {
            // "From Oct 03 to Mar 04": the range has its own start.
            (Piece::Period(p), Role::Start) if p.kind == DeadlineKind::Range => Role::Due,
            (_, role) => role,
        };
        hits.push((piece, role, start));
    }
    // A likely typo is never read past.
    if let Some(why) = hits.iter().find_map(|(p, ..)| match p {
        Piece::Doubt(DeadlineKind::LikelyTypo, why) => Some(why.clone()),
        _ => None,
    }) {
        return vec![undated(DeadlineKind::LikelyTypo, why)];
    }
    let periods: Vec<(&Period, Role, usize)> = hits
        .iter()
        .filter_map(|(p, role, start)| match p {
            Piece::Period(x) => Some((x, *role, *start)),
            _ => None,
        })
        .collect();
    if has(RECURRING) || l.on_going() || l.has_phrase(&["business", "as", "usual"]) {
        let first = periods.first().map(|(p, role, _)| {
            let role = if *role == Role::Start {
                Role::Due
            } else {
                *role
            };
            due_by(p, role)
        });
        // "Immediate and ongoing": first due at once.
        let first = first.or_else(|| {
            let now = has(IMMEDIATE) || words == ["now"];
            let b = ctx.base.filter(|_| now)?;
            Some(Deadline {
                kind: DeadlineKind::Immediate,
                due: Some(b),
                from: None,
                precision: Some(Precision::Day),
                counted_from: Some(b),
                explanation: format!("due at once, {}", ctx.counted(b)).into(),
            })
        });
        let why = first
            .as_ref()
            .map_or("recurring, with no first date given".into(), |d| {
                format!("recurring; first due {}", d.explanation)
            });
        let due = first.as_ref().and_then(|d| d.due);
        return vec![Deadline {
            kind: DeadlineKind::Recurring,
            due,
            from: due,
            precision: first.as_ref().and_then(|d| d.precision),
            counted_from: first.as_ref().and_then(|d| d.counted_from),
            explanation: why.into(),
        }];
    }
    let relative = l.relative();
    // "within 6 weeks of 1 April 2004": counted from the day printed.
    if let Some(r) = relative
        && let Some(at) = r.anchor
        && let Some((p, ..)) = periods.iter().find(|(_, _, start)| *start == at)
    {
        let what = if p.kind == DeadlineKind::Day {
            "the day printed".to_string()
        } else {
            format!("the end of {} (printed)", p.start_name)
        };
        let ctx = Context {
            base: Some(p.last),
            base_is: &what,
            quarters: ctx.quarters,
        };
        return span_after(r, &ctx).into_iter().collect();
    }
    let provisional = l.to_be_confirmed();
    if !periods.is_empty() {
        return dated(&periods, provisional);
    }
    if has(IMMEDIATE) || l.has_phrase(&["as", "soon", "as", "possible"]) || words == ["now"] {
        let why = ctx.base.map_or(NO_BASE.into(), |b| {
            format!("due at once, {}", ctx.counted(b))
        });
        return vec![Deadline {
            kind: DeadlineKind::Immediate,
            due: ctx.base,
            from: None,
            precision: ctx.base.map(|_| Precision::Day),
            counted_from: ctx.base,
            explanation: why.into(),
        }];
    }
    if let Some(r) = relative {
        return span_after(r, ctx).into_iter().collect();
    }
    // A year printed with a doubt ("FY 2005": 2004/05 or 2005/06?) is never passed
    // over for a period counted from the paper's date ("the financial year" it is in).
    if let Some(why) = hits.iter().find_map(|(p, ..)| match p {
        Piece::Doubt(DeadlineKind::Ambiguous, why) => Some(why.clone()),
        _ => None,
    }) {
        return vec![undated(DeadlineKind::Ambiguous, why)];
    }
    if let Some(d) = l.period_from_base(ctx) {
        return vec![d];
    }
    if provisional {
        return vec![undated(
            DeadlineKind::ToBeConfirmed,
            TO_BE_CONFIRMED.to_string(),
        )];
    }
    if l.not_given() {
        let why = format!("{NOT_GIVEN} (`{}`)", l.printed(0, l.t.len()));
        return vec![undated(DeadlineKind::NotGiven, why)];
    }
    let term = ["short", "medium", "long"]
        .iter()
        .find(|w| l.has_phrase(&[w, "term"]));
    if let Some(w) = term {
        return vec![undated(
            DeadlineKind::Ambiguous,
            format!("`{w} term` gives no length of time"),
        )];
    }
    Vec::new()
}

/// The deadlines of the dates in a line: each a milestone, or from a start to a due date.
fn dated(periods: &[(&Period, Role, usize)], provisional: bool) -> Vec<Deadline> {
    let starts: Vec<&Period> = periods
        .iter()
        .filter(|(_, role, _)| *role == Role::Start)
        .map(|(p, ..)| *p)
        .collect();
    let dues: Vec<Deadline> = periods
        .iter()
        .filter(|(_, role, _)| *role != Role::Start)
        .map(|(p, role, _)| due_by(p, *role))
        .collect();
    let mut out = match (starts.first(), dues.iter().max_by_key(|d| d.due)) {
        (Some(s), None) => vec![Deadline {
            kind: DeadlineKind::Start,
            due: None,
            from: Some(s.first),
            precision: Some(s.precision),
            counted_from: s.counted_from,
            explanation: format!("from {}", s.start_name).into(),
        }],
        (Some(s), Some(last)) => vec![Deadline {
            kind: DeadlineKind::Range,
            from: Some(s.first),
            explanation: format!("from {} to {}", s.start_name, last.explanation).into(),
            ..last.clone()
        }],
        (None, _) => dues,
    };
    if provisional {
        for d in &mut out {
            d.explanation = format!("{} (printed as to be confirmed)", d.explanation).into();
        }
    }
    out
}

/// The deadline a period gives in its role (not a start).
fn due_by(p: &Period, role: Role) -> Deadline {
    match role {
        Role::Before => {
            let due = p.first.yesterday().unwrap_or(p.first);
            Deadline {
                kind: DeadlineKind::Day,
                due: Some(due),
                from: None,
                precision: Some(Precision::Day),
                counted_from: p.counted_from,
                explanation: format!("before {}: by {}", p.start_name, day_name(due)).into(),
            }
        }
        Role::DueStart => Deadline {
            kind: DeadlineKind::Day,
            due: Some(p.first),
            from: None,
            precision: Some(Precision::Day),
            counted_from: p.counted_from,
            explanation: format!("by the start of {}: {}", p.start_name, day_name(p.first)).into(),
        },
        Role::Due | Role::Start => Deadline {
            kind: p.kind,
            due: Some(p.last),
            from: (p.kind == DeadlineKind::Range).then_some(p.first),
            precision: Some(p.precision),
            counted_from: p.counted_from,
            explanation: p.due_name.clone().into(),
        },
    }
}

/// A span counted from the context's day; None when it runs off the calendar.
fn span_after(r: Relative, ctx: &Context) -> Option<Deadline> {
    let n = i64::try_from(r.n).ok()?;
    let Some(base) = ctx.base else {
        return Some(Deadline {
            kind: DeadlineKind::Relative,
            due: None,
            from: None,
            precision: None,
            counted_from: None,
            explanation: NO_BASE.into(),
        });
    };
    let due = match r.unit {
        // Counted to the day: 48 hours is 2 days, 36 hours 2 days.
        Unit::Hour => base
            .checked_add(Span::new().try_days((n + 23) / 24).ok()?)
            .ok()?,
        Unit::Day if r.working => working_days_after(base, n)?,
        Unit::Day => base.checked_add(Span::new().try_days(n).ok()?).ok()?,
        Unit::Week => base.checked_add(Span::new().try_weeks(n).ok()?).ok()?,
        Unit::Fortnight => base
            .checked_add(Span::new().try_weeks(n.checked_mul(2)?).ok()?)
            .ok()?,
        Unit::Month => base.checked_add(Span::new().try_months(n).ok()?).ok()?,
        Unit::Year => base.checked_add(Span::new().try_years(n).ok()?).ok()?,
    };
    let unit = match r.unit {
        Unit::Hour => "hour",
        Unit::Day if r.working => "working day",
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Fortnight => "fortnight",
        Unit::Month => "month",
        Unit::Year => "year",
    };
    let plural = if n == 1 { "" } else { "s" };
    let why = format!("{n} {unit}{plural} {}", ctx.counted(base));
    Some(Deadline {
        kind: DeadlineKind::Relative,
        due: Some(due),
        from: None,
        precision: Some(Precision::Day),
        counted_from: Some(base),
        explanation: why.into(),
    })
}

// ---------------------------------------------------------------------------------------
// Working days: Monday to Friday, less the bank holidays of England and Wales.

/// The `n`th working day after `base`; None past ten thousand working days.
fn working_days_after(base: Date, n: i64) -> Option<Date> {
    if n > 10_000 {
        return None;
    }
    let mut day = base;
    let mut left = n;
    let mut holidays = (day.year(), bank_holidays(day.year()));
    while left > 0 {
        day = day.tomorrow().ok()?;
        if holidays.0 != day.year() {
            holidays = (day.year(), bank_holidays(day.year()));
        }
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        if !weekend && !holidays.1.contains(&day) {
            left -= 1;
        }
    }
    Some(day)
}

/// The bank holidays of England and Wales in year `y`, with the substitute days and the
/// one-off holidays since 1990.
fn bank_holidays(y: i16) -> Vec<Date> {
    let d = |m: i8, day: i8| Date::new(y, m, day).ok();
    let monday = |m: i8, nth: i8| {
        Date::new(y, m, 1)
            .ok()
            .and_then(|x| x.nth_weekday_of_month(nth, Weekday::Monday).ok())
    };
    let mut out: Vec<Option<Date>> = Vec::new();
    // New Year's Day, or the Monday after.
    out.push(d(1, 1).map(|x| match x.weekday() {
        Weekday::Saturday => x.checked_add(Span::new().days(2)).unwrap_or(x),
        Weekday::Sunday => x.checked_add(Span::new().days(1)).unwrap_or(x),
        _ => x,
    }));
    if let Some(e) = easter(y) {
        out.push(e.checked_sub(Span::new().days(2)).ok());
        out.push(e.checked_add(Span::new().days(1)).ok());
    }
    out.push(match y {
        1995 | 2020 => d(5, 8),
        _ => monday(5, 1),
    });
    out.push(match y {
        2002 | 2012 => d(6, 4),
        2022 => d(6, 2),
        _ => monday(5, -1),
    });
    out.push(monday(8, -1));
    // Christmas and Boxing Day, with their substitutes.
    let christmas = d(12, 25).map(|x| x.weekday());
    let (c, b) = match christmas {
        Some(Weekday::Friday) => (25, 28),
        Some(Weekday::Saturday) => (27, 28),
        Some(Weekday::Sunday) => (27, 26),
        _ => (25, 26),
    };
    out.push(d(12, c));
    out.push(d(12, b));
    let extra: &[(i16, i8, i8)] = &[
        (1999, 12, 31),
        (2002, 6, 3),
        (2011, 4, 29),
        (2012, 6, 5),
        (2022, 6, 3),
        (2022, 9, 19),
        (2023, 5, 8),
    ];
    for &(ey, m, day) in extra {
        if ey == y {
            out.push(d(m, day));
        }
    }
    out.into_iter().flatten().collect()
}

/// Easter Sunday (the Gregorian computus).
fn easter(y: i16) -> Option<Date> {
    let y32 = i32::from(y);
    let a = y32.rem_euclid(19);
    let b = y32.div_euclid(100);
    let c = y32.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}
#[cfg(test)]
mod tests {
    use super::*;
    use DeadlineKind::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    const LEICESTER: Option<Date> = Some(date(2003, 9, 17));
    const JAR: Option<Date> = Some(date(2008, 5, 20));
    const PANEL: Option<Date> = None;
    const DUDLEY: Option<Date> = Some(date(2010, 9, 16));

    fn on(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(date(y, m, d))
    }

    /// One test per timescale: `name: printed, base => kind, due, from[, explanation];`
    macro_rules! cases {
        ($($name:ident: $text:expr, $base:expr => $kind:ident, $due:expr, $from:expr $(, $why:expr)?;)*) => {$(
            #[test]
            fn $name() {
                let got = parse_timescale($text, $base);
                let want = ($kind, $due, $from);
                assert_eq!((got.kind, got.due, got.from), want, "{:?} read as {got:?}", $text);
                assert!(!got.explanation.is_empty());
                $(assert_eq!(&*got.explanation, $why);)?
            }
        )*};
    }

    cases! {
        // The forms a spreadsheet writes: an ISO date (a date cell), and Mon-yy.
        iso_date: "2024-03-31", None => Day, on(2024, 3, 31), None;
        iso_date_time: "2024-03-31T17:00", None => Day, on(2024, 3, 31), None;
        excel_month: "Mar-24", None => Month, on(2024, 3, 31), None;
        // Every timescale that occurs in the source papers.
        jan_feb_04: "Jan / Feb '04", LEICESTER => Range, on(2004, 2, 29), on(2004, 1, 1);
        report_to_dmt: "Report to joint DMT 08.12.03", LEICESTER => Day, on(2003, 12, 8), None;
        oct_03: "Oct '03", LEICESTER => Month, on(2003, 10, 31), None, "end of October 2003";
        d_30_09_03: "30.09.03", LEICESTER => Day, on(2003, 9, 30), None, "30 September 2003";
        d_13_10_03: "13.10.03", LEICESTER => Day, on(2003, 10, 13), None;
        d_31_10_03: "31.10.03", LEICESTER => Day, on(2003, 10, 31), None;
        review_plan: "Review current plan 17.09.03", LEICESTER => Day, on(2003, 9, 17), None;
        redrafted: "Redrafted plan for meeting on 12.11.03", LEICESTER => Day, on(2003, 11, 12), None;
        oct_dec_03: "Oct-Dec '03", LEICESTER => Range, on(2003, 12, 31), on(2003, 10, 1), "October 2003 to end of December 2003";
        nov_03: "Nov '03", LEICESTER => Month, on(2003, 11, 30), None;
        six_monthly: "6 monthly report to Director's Board and Cabinet", LEICESTER => Recurring, None, None, "recurring, with no first date given";
        d_19_09_03: "19.09.03", LEICESTER => Day, on(2003, 9, 19), None;
        october_03: "October 03", LEICESTER => Month, on(2003, 10, 31), None;
        september_03: "September 03", LEICESTER => Month, on(2003, 9, 30), None;
        march_03: "March '03", LEICESTER => Month, on(2003, 3, 31), None;
        december_03: "December 03", LEICESTER => Month, on(2003, 12, 31), None;
        january_04: "January 04", LEICESTER => Month, on(2004, 1, 31), None;
        oct_03_glued: "Oct'03", LEICESTER => Month, on(2003, 10, 31), None;
        sept_03: "Sept '03", LEICESTER => Month, on(2003, 9, 30), None;
        september_apos_03: "September '03", LEICESTER => Month, on(2003, 9, 30), None;
        november_03: "November 03", LEICESTER => Month, on(2003, 11, 30), None;
        oct_03_action: "Oct '03 Action plan & report to Cabinet", LEICESTER => Month, on(2003, 10, 31), None;
        october_apos_03: "October '03", LEICESTER => Month, on(2003, 10, 31), None;
        january_apos_04: "January '04", LEICESTER => Month, on(2004, 1, 31), None;
        ongoing: "ongoing", LEICESTER => Recurring, None, None;
        dec_03: "Dec '03", LEICESTER => Month, on(2003, 12, 31), None;
        jan_04: "Jan '04", LEICESTER => Month, on(2004, 1, 31), None;
        first_plan_then_ongoing: "1st plan Nov '03 then Ongoing", LEICESTER => Recurring, on(2003, 11, 30), on(2003, 11, 30), "recurring; first due end of November 2003";
        for_immediate_action: "For Immediate Action", JAR => Immediate, on(2008, 5, 20), None, "due at once, counted from 2008-05-20, the paper's date";
        next_six_months: "For Action over the next Six Months", JAR => Relative, on(2008, 11, 20), None, "6 months counted from 2008-05-20, the paper's date";
        immediately_no_base: "Immediately", PANEL => Immediate, None, None, NO_BASE;
        within_three_no_base: "Within three months", PANEL => Relative, None, None, NO_BASE;
        within_three: "Within three months", DUDLEY => Relative, on(2010, 12, 16), None;
        within_six: "Within six months", DUDLEY => Relative, on(2011, 3, 16), None;
        march_2011: "March 2011", DUDLEY => Month, on(2011, 3, 31), None;
        two_lines: "Review current plan 17.09.03\nRedrafted plan for meeting on 12.11.03", LEICESTER => Day, on(2003, 11, 12), on(2003, 9, 17), "2 milestones; due at the last: 12 November 2003";
        // Other printings the reader accepts.
        slashes: "30/09/2003", None => Day, on(2003, 9, 30), None;
        dashes: "30-09-03", None => Day, on(2003, 9, 30), None;
        one_digit_day: "8.12.2003", None => Day, on(2003, 12, 8), None;
        ordinal_day: "17th September 2003", None => Day, on(2003, 9, 17), None;
        sept_day: "17 Sept 2003", None => Day, on(2003, 9, 17), None;
        second_july: "2nd July 2010", None => Day, on(2010, 7, 2), None;
        year_1999: "31.12.99", None => Day, on(1999, 12, 31), None;
        not_a_day: "31.02.03", None => LikelyTypo, None, None, "`31.02.03`: February 2003 has 28 days";
        curly_apostrophe: "Oct \u{2019}03", None => Month, on(2003, 10, 31), None;
        in_march: "in March 2011", DUDLEY => Month, on(2011, 3, 31), None;
        en_dash_range: "Oct \u{2013} Dec 03", None => Range, on(2003, 12, 31), on(2003, 10, 1);
        range_over_new_year: "Nov 03 - Jan 04", None => Range, on(2004, 1, 31), on(2003, 11, 1);
        range_rolls_back: "Nov - Jan '04", None => Range, on(2004, 1, 31), on(2003, 11, 1);
        immediate_effect: "with immediate effect", JAR => Immediate, on(2008, 5, 20), None;
        within_digits: "within 3 months", JAR => Relative, on(2008, 8, 20), None;
        next_12: "over the next 12 months", JAR => Relative, on(2009, 5, 20), None;
        weeks: "within 6 weeks", JAR => Relative, on(2008, 7, 1), None;
        days: "within 28 days", JAR => Relative, on(2008, 6, 17), None;
        a_year: "within a year", JAR => Relative, on(2009, 5, 20), None;
        one_month: "within one month", JAR => Relative, on(2008, 6, 20), None;
        twenty_four: "within twenty-four months", JAR => Relative, on(2010, 5, 20), None;
        quarterly: "quarterly", JAR => Recurring, None, None;
        annual_review: "annual review", JAR => Recurring, None, None;
        empty: "", JAR => NotGiven, None, None, NOT_GIVEN;
        dash: " - ", JAR => NotGiven, None, None;
        tbc: "tbc", JAR => ToBeConfirmed, None, None, TO_BE_CONFIRMED;
        asap: "as soon as possible", JAR => Immediate, on(2008, 5, 20), None;
        when_budget_allows: "when the budget allows", JAR => Unknown, None, None, NOT_UNDERSTOOD;
        huge_year: "Oct 99999", JAR => Unknown, None, None;
        huge_span: "within 999999999999 months", JAR => Unknown, None, None;
        span_past_calendar: "within 12 months", Some(Date::MAX) => Unknown, None, None;
        on_going: "On-going", None => Recurring, None, None;
        several_dates_in_a_line: "Draft 01.10.03, final 30.11.03", None => Day, on(2003, 11, 30), on(2003, 10, 1);
        inside_a_longer_number: "31.02.03.04", None => Unknown, None, None;
        too_long: &"30.09.03 ".repeat(1_000), None => Unknown, None, None;
    }

    #[test]
    fn kind_names() {
        let names: Vec<_> = DeadlineKind::ALL.iter().map(|k| k.as_str()).collect();
        let want = "day month range immediate relative recurring unknown week quarter season year start to-be-confirmed not-given ambiguous likely-typo";
        assert_eq!(names.join(" "), want);
        assert_eq!(Range.describe(), "a range");
        assert_eq!(ToBeConfirmed.describe(), "date to be confirmed");
        assert_eq!(NotGiven.describe(), "no timescale given");
        for k in DeadlineKind::ALL {
            let json = serde_json::to_string(&k).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn bank_holidays_of_england_and_wales() {
        let in_2022: Vec<String> = bank_holidays(2022).iter().map(|d| d.to_string()).collect();
        let want = [
            "2022-01-03",
            "2022-04-15",
            "2022-04-18",
            "2022-05-02",
            "2022-06-02",
            "2022-08-29",
            "2022-12-27",
            "2022-12-26",
            "2022-06-03",
            "2022-09-19",
        ];
        assert_eq!(in_2022, want);
        assert_eq!(easter(2008), Some(date(2008, 3, 23)));
        assert_eq!(easter(2024), Some(date(2024, 3, 31)));
        // Easter Sunday of every year from 1900 to 2100 (month and day), as published
        // tables give it: the earliest (22 March) and latest (25 April) it falls on, and
        // the years the computus treats specially (1954, 1981, 2049, 2076), are in it.
        let table = "\
            0415 0407 0330 0412 0403 0423 0415 0331 0419 0411 0327 0416 0407 0323 0412 \
            0404 0423 0408 0331 0420 0404 0327 0416 0401 0420 0412 0404 0417 0408 0331 \
            0420 0405 0327 0416 0401 0421 0412 0328 0417 0409 0324 0413 0405 0425 0409 \
            0401 0421 0406 0328 0417 0409 0325 0413 0405 0418 0410 0401 0421 0406 0329 \
            0417 0402 0422 0414 0329 0418 0410 0326 0414 0406 0329 0411 0402 0422 0414 \
            0330 0418 0410 0326 0415 0406 0419 0411 0403 0422 0407 0330 0419 0403 0326 \
            0415 0331 0419 0411 0403 0416 0407 0330 0412 0404 0423 0415 0331 0420 0411 \
            0327 0416 0408 0323 0412 0404 0424 0408 0331 0420 0405 0327 0416 0401 0421 \
            0412 0404 0417 0409 0331 0420 0405 0328 0416 0401 0421 0413 0328 0417 0409 \
            0325 0413 0405 0425 0410 0401 0421 0406 0329 0417 0409 0325 0414 0405 0418 \
            0410 0402 0421 0406 0329 0418 0402 0422 0414 0330 0418 0410 0326 0415 0406 \
            0329 0411 0403 0422 0414 0330 0419 0410 0326 0415 0407 0419 0411 0403 0423 \
            0407 0330 0419 0404 0326 0415 0331 0420 0411 0403 0416 0408 0330 0412 0404 \
            0424 0415 0331 0420 0412 0328";
        let days: Vec<&str> = table.split_whitespace().collect();
        assert_eq!(days.len(), 201);
        for (year, md) in (1900..=2100).zip(days) {
            let month: i8 = md[..2].parse().unwrap_or_default();
            let day: i8 = md[2..].parse().unwrap_or_default();
            assert_eq!(easter(year), Some(date(year, month, day)), "{year}");
        }
        assert_eq!(easter(1818), Some(date(1818, 3, 22)));
        assert_eq!(easter(2285), Some(date(2285, 3, 22)));
        // Ten working days from Thursday 20 March 2008 step over Good Friday and Easter Monday.
        assert_eq!(
            working_days_after(date(2008, 3, 20), 10),
            Some(date(2008, 4, 7))
        );
        assert_eq!(
            working_days_after(date(2008, 3, 20), 0),
            Some(date(2008, 3, 20))
        );
        assert_eq!(working_days_after(date(2008, 3, 20), 10_001), None);
    }

    #[test]
    fn quarters_a_paper_makes_clear() {
        assert_eq!(
            quarters_implied(["2004/05", "Q2", ""]),
            Some(Quarters::Financial)
        );
        assert_eq!(
            quarters_implied(["end of the financial year"]),
            Some(Quarters::Financial)
        );
        assert_eq!(
            quarters_implied(["Q3 2004 (calendar year)"]),
            Some(Quarters::Calendar)
        );
        assert_eq!(quarters_implied(["Q2", "Oct '03"]), None);
        assert_eq!(quarters_implied(["FY 2004/05", "calendar Q3"]), None);
        assert_eq!(quarters_implied(["academic year 2004/05"]), None);
    }

    fn any_base() -> impl Strategy<Value = Option<Date>> {
        let ymd = (-9999i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Some(date(y, m, d)));
        prop_oneof![
            Just(None),
            Just(Some(Date::MIN)),
            Just(Some(Date::MAX)),
            ymd
        ]
    }

    /// Text made of the pieces the scanner looks for, so that its deeper paths get exercised.
    fn near_miss() -> impl Strategy<Value = String> {
        let words = "(?i)(sept|oct|december|may|within|next|the|a|twenty|four|months?|years?|days?|on|going|ongoing|immediately|st|of|to)";
        let piece = prop_oneof![
            r"[ '\u{2019}./\n-]",
            "[0-9]{1,25}",
            words,
            any::<char>().prop_map(String::from)
        ];
        prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn never_panics(text in any::<Vec<char>>().prop_map(String::from_iter), base in any_base()) {
            let _ = parse_timescale(&text, base);
        }

        #[test]
        fn never_panics_on_near_misses(text in near_miss(), base in any_base()) {
            let got = parse_timescale(&text, base);
            prop_assert!(!got.explanation.is_empty());
        }

        #[test]
        fn dd_mm_yy_reads_back(d in (1990i16..=2069, 1i8..=12, 1i8..=31).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d).ok())) {
            let printed = format!("{:02}.{:02}.{:02}", d.day(), d.month(), d.year() % 100);
            let got = parse_timescale(&printed, None);
            prop_assert_eq!((got.kind, got.due), (Day, Some(d)));
        }
    }
}
