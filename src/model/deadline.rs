//! Reading an action plan's printed timescale ("Oct '03", "30.09.03", "Within three months") into a deadline.
//! This module owns that reading: a small scanner over the text, UK day-first dates, and no panics on any input.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use jiff::Span;
use jiff::civil::Date;

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
}

impl DeadlineKind {
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
            Self::Range => ("range", "a range of months"),
            Self::Immediate => ("immediate", "immediately"),
            Self::Relative => ("relative", "a span after the paper's date"),
            Self::Recurring => ("recurring", "recurring or ongoing"),
            Self::Unknown => ("unknown", "not understood"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// When the item is due: the last day it may be done by. None when it cannot be known.
    pub due: Option<Date>,
    /// The first date of a range, or the first date of a recurring timescale, where given.
    pub from: Option<Date>,
    /// Why `due` is what it is, in a clerk's words, e.g. "end of October 2003", "3 months after the paper's date (2008-05-20)", "recurring; first due end of November 2003", "the paper has no date, so this cannot be dated".
    /// (Shared by the items that print the same timescale in the same paper.)
    pub explanation: std::sync::Arc<str>,
}

const NOT_UNDERSTOOD: &str = "not understood: kept as printed";
const NO_BASE: &str = "the paper has no date, so this cannot be dated";
/// A timescale cell longer than this is prose, not a timescale.
const MAX_BYTES: usize = 4_000;
#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
];
#[rustfmt::skip]
const RECURRING: &[&str] = &[
    "ongoing", "continuous", "continuing", "every", "weekly", "fortnightly",
    "monthly", "quarterly", "annually", "annual", "yearly",
];
const IMMEDIATE: &[&str] = &["immediately", "immediate", "forthwith"];
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];
const DATE_SEPARATORS: &[&str] = &[".", "/", "-"];

/// Derive a deadline from a timescale as printed. `base` is the paper's own date (what "Immediately" and "Within three months" count from). Never panics, on any input.
pub fn parse_timescale(printed: &str, base: Option<Date>) -> Deadline {
    if printed.len() > MAX_BYTES {
        return deadline(DeadlineKind::Unknown, None, None, NOT_UNDERSTOOD.into());
    }
    let found: Vec<Deadline> = printed.lines().flat_map(|l| read_line(l, base)).collect();
    let n = found.len();
    let latest = found
        .iter()
        .filter(|d| d.due.is_some())
        .max_by_key(|d| d.due);
    match (found.first(), latest) {
        (None, _) => deadline(DeadlineKind::Unknown, None, None, NOT_UNDERSTOOD.into()),
        (Some(only), _) if n == 1 => only.clone(),
        (Some(first), None) => first.clone(),
        (Some(_), Some(last)) => {
            let earliest = found.iter().flat_map(|d| [d.from, d.due]).flatten().min();
            let why = format!("{n} milestones; due at the last: {}", last.explanation);
            deadline(last.kind, last.due, earliest, why)
        }
    }
}

fn deadline(kind: DeadlineKind, due: Option<Date>, from: Option<Date>, why: String) -> Deadline {
    Deadline {
        kind,
        due,
        from,
        explanation: why.into(),
    }
}

/// What one line of a cell says; several results when it names several dates.
fn read_line(line: &str, base: Option<Date>) -> Vec<Deadline> {
    let t = tokenize(line);
    let dates = find_dates(&t);
    let has = |set: &[&str]| t.iter().any(|x| set.contains(&x.text.as_str()));
    let on_going =
        (0..t.len()).any(|i| text(&t, i) == "on" && text(&t, skip(&t, i + 1, &["-"])) == "going");
    if has(RECURRING) || on_going {
        let first = dates.first();
        let why = first.map_or("recurring, with no first date given".into(), |d| {
            format!("recurring; first due {}", d.explanation)
        });
        let due = first.and_then(|d| d.due);
        return vec![deadline(DeadlineKind::Recurring, due, due, why)];
    }
    if has(IMMEDIATE) {
        let why = base.map_or(NO_BASE.into(), |b| {
            format!("immediately: the paper's date ({b})")
        });
        return vec![deadline(DeadlineKind::Immediate, base, None, why)];
    }
    if let Some(rel) = (0..t.len()).find_map(|i| relative_at(&t, i, base)) {
        return vec![rel];
    }
    dates
}

/// A run of ASCII digits, a run of letters (lowercased), or one other character;
/// curly apostrophes are read as `'` and dashes of every width as `-`.
struct Token {
    text: String,
    /// Whitespace (or the line's start) comes just before this token.
    spaced: bool,
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
            '\u{2018}' | '\u{2019}' | '`' | '\u{2032}' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
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
            }),
        }
        spaced = false;
    }
    out
}

fn text(t: &[Token], i: usize) -> &str {
    t.get(i).map_or("", |x| x.text.as_str())
}

fn glued(t: &[Token], i: usize) -> bool {
    t.get(i).is_some_and(|x| !x.spaced)
}

/// `i + 1` when token `i` is one of `optional`, else `i`: steps over an optional token.
fn skip(t: &[Token], i: usize, optional: &[&str]) -> usize {
    i + usize::from(optional.contains(&text(t, i)))
}

fn word(t: &[Token], i: usize) -> Option<&str> {
    Some(text(t, i)).filter(|w| w.starts_with(char::is_alphabetic))
}

/// A number and how many digits it was printed with.
fn number(t: &[Token], i: usize) -> Option<(u64, usize)> {
    let digits = Some(text(t, i)).filter(|s| s.starts_with(|c: char| c.is_ascii_digit()))?;
    Some((digits.parse().ok()?, digits.len()))
}

fn find_dates(t: &[Token]) -> Vec<Deadline> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let hit = iso_date_at(t, i)
            .or_else(|| numeric_date_at(t, i))
            .or_else(|| named_day_at(t, i))
            .or_else(|| range_at(t, i))
            .or_else(|| month_year_at(t, i));
        match hit {
            Some((d, next)) => {
                out.push(d);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

fn day(date: Date) -> Deadline {
    let why = format!("{} {} {}", date.day(), month_name(date), date.year());
    deadline(DeadlineKind::Day, Some(date), None, why)
}

fn month_name(date: Date) -> &'static str {
    let index = usize::try_from(date.month()).unwrap_or_default();
    MONTHS
        .get(index.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

fn end_of_month(date: Date) -> String {
    format!("end of {} {}", month_name(date), date.year())
}

/// `2024-03-31` (and `2024-03-31T00:00`): the form a spreadsheet's date cell takes.
fn iso_date_at(t: &[Token], i: usize) -> Option<(Deadline, usize)> {
    let ((y, yd), (m, md), (d, dd)) = (number(t, i)?, number(t, i + 2)?, number(t, i + 4)?);
    let shape = yd == 4 && md <= 2 && dd <= 2 && text(t, i + 1) == "-" && text(t, i + 3) == "-";
    if !shape || !(i + 1..=i + 4).all(|k| glued(t, k)) {
        return None;
    }
    let date = Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    Some((day(date), i + 5))
}

/// `30.09.03`, `8/12/2003`, `30-09-03`: day, month, year, printed without spaces.
fn numeric_date_at(t: &[Token], i: usize) -> Option<(Deadline, usize)> {
    let sep = text(t, i + 1);
    let ((d, dd), (m, md), (y, yd)) = (number(t, i)?, number(t, i + 2)?, number(t, i + 4)?);
    let shape = DATE_SEPARATORS.contains(&sep) && text(t, i + 3) == sep && dd <= 2 && md <= 2;
    // "31.02.03.04" must not be read from its middle as 2 March 2004.
    let inside_more = i > 0 && glued(t, i) && DATE_SEPARATORS.contains(&text(t, i - 1));
    if !shape || inside_more || !(i + 1..=i + 4).all(|k| glued(t, k)) {
        return None;
    }
    let date = Date::new(year(y, yd)?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()?;
    Some((day(date), i + 5))
}

/// `17th September 2003`, `17 Sept '03`, `2nd of July 2010`.
fn named_day_at(t: &[Token], i: usize) -> Option<(Deadline, usize)> {
    let (d, _) = number(t, i).filter(|&(_, digits)| digits <= 2)?;
    let j = skip(t, skip(t, i + 1, &["st", "nd", "rd", "th"]), &["of"]);
    let (m, j) = month_at(t, j)?;
    let (y, j) = year_at(t, j)?;
    Some((day(Date::new(y, m, i8::try_from(d).ok()?).ok()?), j))
}

/// `Oct '03`, `October 2003`, `Sept'03`, and `Mar-24` as Excel writes a month.
fn month_year_at(t: &[Token], i: usize) -> Option<(Deadline, usize)> {
    let (m, j) = month_at(t, i)?;
    let j = if text(t, j) == "-" && glued(t, j) && glued(t, j + 1) {
        j + 1
    } else {
        j
    };
    let (y, j) = year_at(t, j)?;
    let due = Date::new(y, m, 1).ok()?.last_of_month();
    let why = end_of_month(due);
    Some((deadline(DeadlineKind::Month, Some(due), None, why), j))
}

/// `Oct-Dec '03`, `Jan / Feb '04`, `Nov 03 - Jan 04`, `October to December 2003`.
fn range_at(t: &[Token], i: usize) -> Option<(Deadline, usize)> {
    let (m1, j) = month_at(t, i)?;
    let (y1, j) = year_at(t, j).map_or((None, j), |(y, j)| (Some(y), j));
    if !matches!(text(t, j), "-" | "/" | "to") {
        return None;
    }
    let (m2, j) = month_at(t, j + 1)?;
    let (y2, j) = year_at(t, j)?;
    // With no year on the first month, "Nov - Jan '04" starts in the year before.
    let y1 = match y1 {
        Some(y1) => y1,
        None if m1 <= m2 => y2,
        None => y2.checked_sub(1)?,
    };
    let from = Date::new(y1, m1, 1).ok()?;
    let due = Date::new(y2, m2, 1).ok()?.last_of_month();
    if from > due {
        return None;
    }
    let start = format!("{} {}", month_name(from), from.year());
    let why = format!("{start} to {}", end_of_month(due));
    Some((deadline(DeadlineKind::Range, Some(due), Some(from), why), j))
}

/// A month's name or three-letter abbreviation ("Sept" too), with an optional full stop after it.
fn month_at(t: &[Token], i: usize) -> Option<(i8, usize)> {
    let w = word(t, i)?;
    let abbrev = |m: &str| w.len() == 3 && m.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(w));
    let index = match w {
        "sept" => 8,
        _ => MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(w) || abbrev(m))?,
    };
    Some((i8::try_from(index + 1).ok()?, skip(t, i + 1, &["."])))
}

/// `'03`, `’03`, `03`, `2003`.
fn year_at(t: &[Token], i: usize) -> Option<(i16, usize)> {
    let i = skip(t, i, &["'"]);
    let (value, digits) = number(t, i)?;
    Some((year(value, digits)?, i + 1))
}

/// Two-digit years 00-69 are 2000s and 70-99 are 1900s; four-digit years are as printed.
fn year(value: u64, digits: usize) -> Option<i16> {
    let value = i16::try_from(value).ok()?;
    match digits {
        2 if value < 70 => Some(2000 + value),
        2 => Some(1900 + value),
        4 => Some(value),
        _ => None,
    }
}

/// `Within three months`, `over the next Six Months`, `within a year`, `in 6 weeks`.
fn relative_at(t: &[Token], i: usize, base: Option<Date>) -> Option<Deadline> {
    if !matches!(word(t, i)?, "within" | "next" | "in") {
        return None;
    }
    let j = skip(t, skip(t, i + 1, &["the"]), &["next"]);
    let (n, j) = quantity_at(t, j)?;
    let n = i64::try_from(n).ok()?;
    let (span, unit) = match word(t, j)?.trim_end_matches('s') {
        "day" => (Span::new().try_days(n), "day"),
        "week" => (Span::new().try_weeks(n), "week"),
        "month" => (Span::new().try_months(n), "month"),
        "year" => (Span::new().try_years(n), "year"),
        _ => return None,
    };
    let span = span.ok()?;
    let Some(base) = base else {
        return Some(deadline(DeadlineKind::Relative, None, None, NO_BASE.into()));
    };
    let due = base.checked_add(span).ok()?;
    let plural = if n == 1 { "" } else { "s" };
    let why = format!("{n} {unit}{plural} after the paper's date ({base})");
    Some(deadline(DeadlineKind::Relative, Some(due), None, why))
}

/// `3`, `three`, `a`, `eighteen`, `twenty-four`.
fn quantity_at(t: &[Token], i: usize) -> Option<(u64, usize)> {
    if let Some((n, _)) = number(t, i) {
        return Some((n, i + 1));
    }
    let w = word(t, i)?;
    if let Some(p) = NUMBER_WORDS.iter().position(|n| *n == w) {
        return Some((u64::try_from(p).ok()? + 1, i + 1));
    }
    let four = skip(t, i + 1, &["-"]);
    match w {
        "a" | "an" => Some((1, i + 1)),
        "eighteen" => Some((18, i + 1)),
        "twenty" if text(t, four) == "four" => Some((24, four + 1)),
        "twenty" => Some((20, i + 1)),
        _ => None,
    }
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
        for_immediate_action: "For Immediate Action", JAR => Immediate, on(2008, 5, 20), None, "immediately: the paper's date (2008-05-20)";
        next_six_months: "For Action over the next Six Months", JAR => Relative, on(2008, 11, 20), None, "6 months after the paper's date (2008-05-20)";
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
        not_a_day: "31.02.03", None => Unknown, None, None;
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
        empty: "", JAR => Unknown, None, None;
        tbc: "tbc", JAR => Unknown, None, None, NOT_UNDERSTOOD;
        asap: "as soon as possible", JAR => Unknown, None, None;
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
        let all = [Day, Month, Range, Immediate, Relative, Recurring, Unknown];
        let names: Vec<_> = all.iter().map(|k| k.as_str()).collect();
        let want = "day month range immediate relative recurring unknown";
        assert_eq!(names.join(" "), want);
        assert_eq!(Range.describe(), "a range of months");
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
        fn dd_mm_yy_reads_back(d in (1970i16..=2069, 1i8..=12, 1i8..=31).prop_filter_map("valid", |(y, m, d)| Date::new(y, m, d).ok())) {
            let printed = format!("{:02}.{:02}.{:02}", d.day(), d.month(), d.year() % 100);
            let got = parse_timescale(&printed, None);
            prop_assert_eq!((got.kind, got.due), (Day, Some(d)));
        }
    }
}
