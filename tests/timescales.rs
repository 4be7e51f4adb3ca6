//! Every printed timescale form scrutineer reads, as councils print them (the seed
//! papers, and published trackers), with the deadline, kind and precision each gives;
//! the likely typos and the ambiguous forms, kept with a reason and never "fixed"; and
//! properties: no input panics, and a date printed in any supported form reads back.

mod common;

use common::{list_json, run, stdout};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use scrutineer::model::{Context, DeadlineKind, Quarters, read_timescale};

/// What a timescale is read against.
#[derive(Debug, Clone, Copy)]
enum Base {
    /// No date: the panel minutes.
    N,
    /// Leicester's plan, 17 September 2003.
    L,
    /// The JAR paper's date, Cabinet of 20 May 2008.
    J,
    /// The JAR's `timescales_from`: the review's publication, 22 April 2008.
    P,
    /// 10 May 2024, in a paper whose timescales name financial years.
    F,
    /// 10 May 2024, in a paper whose quarters are of the calendar year.
    C,
    /// 10 May 2024, quarters not made clear.
    U,
    /// 10 February 2024, in a paper whose timescales name financial years: the last
    /// quarter of 2023/24.
    B,
}

fn context(base: Base) -> Context<'static> {
    let may_2024 = Some(date(2024, 5, 10));
    let (base, base_is, quarters) = match base {
        Base::N => (None, "", None),
        Base::L => (Some(date(2003, 9, 17)), "", None),
        Base::J => (Some(date(2008, 5, 20)), "", None),
        Base::P => (
            Some(date(2008, 4, 22)),
            "the inspection report's publication (paragraph 1)",
            None,
        ),
        Base::F => (may_2024, "", Some(Quarters::Financial)),
        Base::C => (may_2024, "", Some(Quarters::Calendar)),
        Base::U => (may_2024, "", None),
        Base::B => (Some(date(2024, 2, 10)), "", Some(Quarters::Financial)),
    };
    Context {
        base,
        base_is,
        quarters,
    }
}

use Base::*;

/// (printed, read against, due ("" for none), kind, precision ("" for none))
#[rustfmt::skip]
const FORMS: &[(&str, Base, &str, &str, &str)] = &[
    // ISO dates and date-times, as a spreadsheet's date cell gives them.
    ("2024-03-31", N, "2024-03-31", "day", "day"),
    ("2024-03-31T17:00", N, "2024-03-31", "day", "day"),
    ("2024-03-31 00:00:00", N, "2024-03-31", "day", "day"),
    ("2024-03-31T00:00:00Z", N, "2024-03-31", "day", "day"),
    ("2024/03/31", N, "2024-03-31", "day", "day"),
    ("2004-02-29", N, "2004-02-29", "day", "day"),
    ("2003-02-29", N, "", "likely-typo", ""),
    ("2024-13-01", N, "", "likely-typo", ""),
    ("1899-12-31", N, "", "likely-typo", ""),
    ("2204-05-01", N, "", "likely-typo", ""),
    // Excel's month and day cells.
    ("Mar-24", N, "2024-03-31", "month", "month"),
    ("Sep-03", N, "2003-09-30", "month", "month"),
    ("31-Mar-24", N, "2024-03-31", "day", "day"),
    ("01-Apr-2004", N, "2004-04-01", "day", "day"),
    ("31-Sep-03", N, "", "likely-typo", ""),
    // Day first, in figures (UK).
    ("30.09.03", L, "2003-09-30", "day", "day"),
    ("08.12.03", L, "2003-12-08", "day", "day"),
    ("30/09/2003", N, "2003-09-30", "day", "day"),
    ("30-09-03", N, "2003-09-30", "day", "day"),
    ("8.12.2003", N, "2003-12-08", "day", "day"),
    ("1.4.04", N, "2004-04-01", "day", "day"),
    ("01/04/04", N, "2004-04-01", "day", "day"),
    ("3/4/2004", N, "2004-04-03", "day", "day"),
    ("12/11/03", N, "2003-11-12", "day", "day"),
    ("29/02/2004", N, "2004-02-29", "day", "day"),
    ("31.12.99", N, "1999-12-31", "day", "day"),
    ("Report to joint DMT 08.12.03", L, "2003-12-08", "day", "day"),
    ("Review current plan 17.09.03", L, "2003-09-17", "day", "day"),
    ("Meeting held by 28/02/2014", N, "2014-02-28", "day", "day"),
    // Likely typos in figures: kept as printed, never turned into another date.
    ("31/09/2003", N, "", "likely-typo", ""),
    ("31.04.04", N, "", "likely-typo", ""),
    ("29/02/2003", N, "", "likely-typo", ""),
    ("03/25/2004", N, "", "likely-typo", ""),
    ("12/31/2003", N, "", "likely-typo", ""),
    ("31/12/1899", N, "", "likely-typo", ""),
    ("31.12.89", N, "", "likely-typo", ""),
    ("00/01/2004", N, "", "likely-typo", ""),
    ("15/13/2004", N, "", "likely-typo", ""),
    // A day with the month in words: ordinals, any case, abbreviations with or without a stop.
    ("31st March 2024", N, "2024-03-31", "day", "day"),
    ("31 March 2024", N, "2024-03-31", "day", "day"),
    ("31 march 2024", N, "2024-03-31", "day", "day"),
    ("31 MARCH 2024", N, "2024-03-31", "day", "day"),
    ("1st April 2004", N, "2004-04-01", "day", "day"),
    ("2nd of July 2010", N, "2010-07-02", "day", "day"),
    ("3rd Sept 2003", N, "2003-09-03", "day", "day"),
    ("22nd Nov. 2004", N, "2004-11-22", "day", "day"),
    ("17 Sept '03", N, "2003-09-17", "day", "day"),
    ("17 Sep 03", N, "2003-09-17", "day", "day"),
    ("28 February, 2014", N, "2014-02-28", "day", "day"),
    ("Monday 12 January 2004", N, "2004-01-12", "day", "day"),
    ("Mon 12th Jan 04", N, "2004-01-12", "day", "day"),
    ("March 31, 2004", N, "2004-03-31", "day", "day"),
    ("March 31st 2004", N, "2004-03-31", "day", "day"),
    ("31st September 2004", N, "", "likely-typo", ""),
    ("30 February 2004", N, "", "likely-typo", ""),
    ("31st Febuary 2004", N, "", "likely-typo", ""),
    // "by" forms, and a date with words around it.
    ("by 28 February 2014", N, "2014-02-28", "day", "day"),
    ("Meeting held by 28 February 2014", N, "2014-02-28", "day", "day"),
    ("Cabinet - 12 October 2011", N, "2011-10-12", "day", "day"),
    ("Cabinet \u{2013} 12 October 2011", N, "2011-10-12", "day", "day"),
    ("no later than 31st March 2005", N, "2005-03-31", "day", "day"),
    ("Report to Cabinet 12th Oct 2011", N, "2011-10-12", "day", "day"),
    // Months.
    ("Oct '03", L, "2003-10-31", "month", "month"),
    ("October 03", L, "2003-10-31", "month", "month"),
    ("Oct'03", L, "2003-10-31", "month", "month"),
    ("Oct \u{2019}03", L, "2003-10-31", "month", "month"),
    ("Sept '03", L, "2003-09-30", "month", "month"),
    ("Sept. 2003", N, "2003-09-30", "month", "month"),
    ("Nov. 04", N, "2004-11-30", "month", "month"),
    ("NOVEMBER 2004", N, "2004-11-30", "month", "month"),
    ("march 2011", N, "2011-03-31", "month", "month"),
    ("Feb 04", N, "2004-02-29", "month", "month"),
    ("End Oct 03", N, "2003-10-31", "month", "month"),
    ("end of May 2004", N, "2004-05-31", "month", "month"),
    ("By end of March 2005", N, "2005-03-31", "month", "month"),
    ("by the end of June 2004", N, "2004-06-30", "month", "month"),
    ("before the end of March 2004", N, "2004-03-31", "month", "month"),
    ("Mid March 2004", N, "2004-03-31", "month", "month"),
    ("early April 2004", N, "2004-04-30", "month", "month"),
    ("09/2004", N, "2004-09-30", "month", "month"),
    ("Oct 1985", N, "", "likely-typo", ""),
    ("Oct '03 Action plan & report to Cabinet", L, "2003-10-31", "month", "month"),
    // A month or day printed without its year: the first from the day timescales count from.
    ("March", L, "2004-03-31", "month", "month"),
    ("by end of October", L, "2003-10-31", "month", "month"),
    ("September", L, "2003-09-30", "month", "month"),
    ("Report to Cabinet in March", L, "2004-03-31", "month", "month"),
    ("2nd July", L, "2004-07-02", "day", "day"),
    ("12 November", L, "2003-11-12", "day", "day"),
    ("March", N, "", "ambiguous", ""),
    ("First meeting 2nd July", N, "", "ambiguous", ""),
    ("officers may attend", L, "", "unknown", ""),
    // UK financial years, 1 April to 31 March, in every printed form.
    ("2004/05", N, "2005-03-31", "year", "year"),
    ("2004-05", N, "2005-03-31", "year", "year"),
    ("04/05", N, "2005-03-31", "year", "year"),
    ("04-05", N, "2005-03-31", "year", "year"),
    ("2004/5", N, "2005-03-31", "year", "year"),
    ("2004/2005", N, "2005-03-31", "year", "year"),
    ("FY 2004/05", N, "2005-03-31", "year", "year"),
    ("FY04/05", N, "2005-03-31", "year", "year"),
    ("F/Y 2004-05", N, "2005-03-31", "year", "year"),
    ("financial year 2004/05", N, "2005-03-31", "year", "year"),
    ("2004/05 financial year", N, "2005-03-31", "year", "year"),
    ("By end 2002/03", N, "2003-03-31", "year", "year"),
    ("end of 2004/05", N, "2005-03-31", "year", "year"),
    ("by the end of 2009/10", N, "2010-03-31", "year", "year"),
    ("1999/00", N, "2000-03-31", "year", "year"),
    ("academic year 2004/05", N, "2005-08-31", "year", "year"),
    ("2004-2006", N, "2006-12-31", "range", "year"),
    ("2004/05 - 2005/06", N, "2006-03-31", "range", "year"),
    // A month of a financial year: January to March are in its second calendar year.
    ("Jan 2024/25", N, "2025-01-31", "month", "month"),
    ("March 2004/05", N, "2005-03-31", "month", "month"),
    ("Mar 2004/5", N, "2005-03-31", "month", "month"),
    ("April 2024/25", N, "2024-04-30", "month", "month"),
    ("December 2024-25", N, "2024-12-31", "month", "month"),
    ("31 January 2024/25", N, "2025-01-31", "day", "day"),
    ("1 April 2024/25", N, "2024-04-01", "day", "day"),
    ("Jan-Mar 2024/25", N, "2025-03-31", "range", "month"),
    ("March 2004/06", N, "", "ambiguous", ""),
    ("31 March 2004-2006", N, "", "ambiguous", ""),
    ("FY 2005", N, "", "ambiguous", ""),
    ("FY 2005", J, "", "ambiguous", ""),
    ("financial year 2005", J, "", "ambiguous", ""),
    ("fin yr 2005", N, "", "ambiguous", ""),
    ("04/06", N, "", "ambiguous", ""),
    ("1889/90", N, "", "likely-typo", ""),
    // The end of the financial (or calendar) year, month or quarter the paper falls in.
    ("end of financial year", J, "2009-03-31", "year", "year"),
    ("end of the financial year", P, "2009-03-31", "year", "year"),
    ("By the end of this financial year", L, "2004-03-31", "year", "year"),
    ("financial year end", J, "2009-03-31", "year", "year"),
    ("by FYE", L, "2004-03-31", "year", "year"),
    ("FYE", J, "2009-03-31", "year", "year"),
    ("next financial year", L, "2005-03-31", "year", "year"),
    ("end of next financial year", J, "2010-03-31", "year", "year"),
    ("end of financial year", N, "", "ambiguous", ""),
    ("year end", U, "", "ambiguous", ""),
    ("year end", F, "2025-03-31", "year", "year"),
    ("year-end", C, "2024-12-31", "year", "year"),
    ("end of the calendar year", J, "2008-12-31", "year", "year"),
    ("end of the month", J, "2008-05-31", "month", "month"),
    ("end of next month", J, "2008-06-30", "month", "month"),
    ("end of the quarter", F, "2024-06-30", "quarter", "quarter"),
    ("next quarter", C, "2024-09-30", "quarter", "quarter"),
    ("end of the quarter", U, "", "ambiguous", ""),
    ("end of the quarter", B, "2024-03-31", "quarter", "quarter"),
    ("next quarter", B, "2024-06-30", "quarter", "quarter"),
    // Quarters of a financial year, printed every way.
    ("Q3 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("Q3 24/25", N, "2024-12-31", "quarter", "quarter"),
    ("Q3 2024-25", N, "2024-12-31", "quarter", "quarter"),
    ("Q3 FY24/25", N, "2024-12-31", "quarter", "quarter"),
    ("Q3 of 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("2024/25 Q3", N, "2024-12-31", "quarter", "quarter"),
    ("Quarter 3 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("Qtr 3 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("3rd quarter 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("third quarter of 2024/25", N, "2024-12-31", "quarter", "quarter"),
    ("q3 (2024/25)", N, "2024-12-31", "quarter", "quarter"),
    ("Q4 2003/04", N, "2004-03-31", "quarter", "quarter"),
    ("Q1 2004/05", N, "2004-06-30", "quarter", "quarter"),
    ("Q2 2004/05", N, "2004-09-30", "quarter", "quarter"),
    ("Q1-Q2 2024/25", N, "2024-09-30", "range", "quarter"),
    // The year after the last one read makes a financial year a likely typo, with a quarter too.
    ("Q1 2100/01", N, "", "likely-typo", ""),
    ("H1 2024/25", N, "2024-09-30", "range", "half-year"),
    ("second half of 2024/25", N, "2025-03-31", "range", "half-year"),
    ("Q5 2024/25", N, "", "likely-typo", ""),
    // A quarter with one year, or none: only where the paper makes the convention clear.
    ("Q3 2004", U, "", "ambiguous", ""),
    ("Q3 2004", F, "2004-12-31", "quarter", "quarter"),
    ("Q3 2004", C, "2004-09-30", "quarter", "quarter"),
    ("Q4 2004", F, "", "ambiguous", ""),
    ("Q4 2004", C, "2004-12-31", "quarter", "quarter"),
    ("Q3 2004 (calendar year)", U, "2004-09-30", "quarter", "quarter"),
    ("Q2", U, "", "ambiguous", ""),
    ("Q2", N, "", "ambiguous", ""),
    ("Q2", F, "2024-09-30", "quarter", "quarter"),
    ("Q2", C, "2024-06-30", "quarter", "quarter"),
    ("Q1", F, "2024-06-30", "quarter", "quarter"),
    ("Q4", F, "2025-03-31", "quarter", "quarter"),
    ("Q1", C, "2025-03-31", "quarter", "quarter"),
    // Seasons (spring March-May, summer June-August, autumn September-November, winter
    // December-February) and school terms; due at their end.
    ("Spring 2024", N, "2024-05-31", "season", "season"),
    ("spring '04", N, "2004-05-31", "season", "season"),
    ("Summer 2004", N, "2004-08-31", "season", "season"),
    ("Autumn 2003", N, "2003-11-30", "season", "season"),
    ("Fall 2003", N, "2003-11-30", "season", "season"),
    ("Winter 2004/05", N, "2005-02-28", "season", "season"),
    ("Autumn term 2003", N, "2003-12-31", "season", "season"),
    ("Spring term 2004", N, "2004-04-30", "season", "season"),
    ("Summer term 2004", N, "2004-07-31", "season", "season"),
    ("Spring term 2004/05", N, "2005-04-30", "season", "season"),
    ("early 2005", N, "2005-04-30", "season", "season"),
    ("mid-2005", N, "2005-08-31", "season", "season"),
    ("late 2005", N, "2005-12-31", "season", "season"),
    ("Spring/Summer 2004", N, "2004-08-31", "range", "season"),
    ("Spring", L, "2004-05-31", "season", "season"),
    ("Winter 2004", N, "", "ambiguous", ""),
    ("by Summer", N, "", "ambiguous", ""),
    ("Spring 1985", N, "", "likely-typo", ""),
    // Ranges, across a year end too: due at the end.
    ("Jan / Feb '04", L, "2004-02-29", "range", "month"),
    ("Oct-Dec '03", L, "2003-12-31", "range", "month"),
    ("December 2004 - February 2005", N, "2005-02-28", "range", "month"),
    ("Dec 03 / Jan 04", N, "2004-01-31", "range", "month"),
    ("Nov 03 - Jan 04", N, "2004-01-31", "range", "month"),
    ("Nov - Jan '04", N, "2004-01-31", "range", "month"),
    ("October to December 2003", N, "2003-12-31", "range", "month"),
    ("Sept - Dec 2004", N, "2004-12-31", "range", "month"),
    ("between Oct 03 and Jan 04", N, "2004-01-31", "range", "month"),
    ("Apr 2004 - Mar 2005", N, "2005-03-31", "range", "month"),
    ("12-13 March 2004", N, "2004-03-13", "range", "day"),
    ("1st to 15th March 2004", N, "2004-03-15", "range", "day"),
    ("31/10/03 - 30/11/03", N, "2003-11-30", "range", "day"),
    ("Oct - Dec", L, "2003-12-31", "range", "month"),
    ("December 2004 - February 2004", N, "", "likely-typo", ""),
    // A start, not a deadline: no due date, never overdue.
    ("From Oct 03", N, "", "start", "month"),
    ("Starting January 2004", N, "", "start", "month"),
    ("Start Jan 04", N, "", "start", "month"),
    ("Commencing 1 April 2004", N, "", "start", "day"),
    ("From April 2004 onwards", N, "", "start", "month"),
    ("Oct 03 onwards", N, "", "start", "month"),
    ("w.e.f. 1 April 2004", N, "", "start", "day"),
    ("with effect from 01/04/04", N, "", "start", "day"),
    ("From 2004/05", N, "", "start", "year"),
    ("not before 1 April 2004", N, "", "start", "day"),
    ("From Oct 03 to Mar 04", N, "2004-03-31", "range", "month"),
    ("Start Oct 03, complete by Mar 04", N, "2004-03-31", "range", "month"),
    // Before a date, and by its start.
    ("before 1 April 2004", N, "2004-03-31", "day", "day"),
    ("before April 2004", N, "2004-03-31", "day", "day"),
    ("prior to 1st April 2004", N, "2004-03-31", "day", "day"),
    ("by the start of April 2004", N, "2004-04-01", "day", "day"),
    // Weeks.
    ("w/c 12 January 2004", N, "2004-01-18", "week", "week"),
    ("w/c 12/01/04", N, "2004-01-18", "week", "week"),
    ("week commencing 12.01.04", N, "2004-01-18", "week", "week"),
    ("wc 12th Jan 2004", N, "2004-01-18", "week", "week"),
    ("w/e 16/01/04", N, "2004-01-16", "week", "week"),
    // A week named by its month alone is no particular week: the month.
    ("w/c March 2004", N, "2004-03-31", "month", "month"),
    ("w/e Mar-04", N, "2004-03-31", "month", "month"),
    // Calendar years, where the words make a year a deadline.
    ("2005", N, "2005-12-31", "year", "year"),
    ("by 2005", N, "2005-12-31", "year", "year"),
    ("end of 2004", N, "2004-12-31", "year", "year"),
    ("By end 2004", N, "2004-12-31", "year", "year"),
    ("during 2005", N, "2005-12-31", "year", "year"),
    ("calendar year 2004", N, "2004-12-31", "year", "year"),
    ("Children Act 2004 duties", N, "", "unknown", ""),
    ("Easter 2004", N, "2004-04-11", "day", "day"),
    ("Christmas 2004", N, "2004-12-25", "day", "day"),
    // A date to be confirmed: a kind of its own, to chase.
    ("TBC", J, "", "to-be-confirmed", ""),
    ("tbc", J, "", "to-be-confirmed", ""),
    ("TBA", J, "", "to-be-confirmed", ""),
    ("T.B.C.", J, "", "to-be-confirmed", ""),
    ("To be confirmed", J, "", "to-be-confirmed", ""),
    ("Date to be agreed", J, "", "to-be-confirmed", ""),
    ("TBC - awaiting national guidance", J, "", "to-be-confirmed", ""),
    ("tbd", J, "", "to-be-confirmed", ""),
    ("March 2004 (TBC)", N, "2004-03-31", "month", "month"),
    // Nothing printed: silence, not failure.
    ("", J, "", "not-given", ""),
    ("   ", J, "", "not-given", ""),
    ("-", J, "", "not-given", ""),
    ("\u{2013}", J, "", "not-given", ""),
    ("N/A", J, "", "not-given", ""),
    ("n/a", J, "", "not-given", ""),
    ("None", J, "", "not-given", ""),
    // Immediately: the day timescales count from.
    ("Immediately", J, "2008-05-20", "immediate", "day"),
    ("For Immediate Action", P, "2008-04-22", "immediate", "day"),
    ("Immediate", N, "", "immediate", ""),
    ("ASAP", J, "2008-05-20", "immediate", "day"),
    ("as soon as possible", J, "2008-05-20", "immediate", "day"),
    ("with immediate effect", J, "2008-05-20", "immediate", "day"),
    ("Urgent", J, "2008-05-20", "immediate", "day"),
    // Spans in words and numbers, counted from the base date.
    ("within 6 weeks", J, "2008-07-01", "relative", "day"),
    ("within two months", J, "2008-07-20", "relative", "day"),
    ("within 28 days", J, "2008-06-17", "relative", "day"),
    ("within seventy working days", J, "2008-08-28", "relative", "day"),
    ("within 10 working days", J, "2008-06-04", "relative", "day"),
    ("over the next six months", J, "2008-11-20", "relative", "day"),
    ("For Action over the next Six Months", P, "2008-10-22", "relative", "day"),
    ("Within three months", L, "2003-12-17", "relative", "day"),
    ("within 3 months", N, "", "relative", ""),
    ("in 6 weeks", J, "2008-07-01", "relative", "day"),
    ("within a fortnight", J, "2008-06-03", "relative", "day"),
    ("within twenty-eight days", J, "2008-06-17", "relative", "day"),
    ("within twenty eight days", J, "2008-06-17", "relative", "day"),
    ("within one year", J, "2009-05-20", "relative", "day"),
    ("within 18 months", J, "2009-11-20", "relative", "day"),
    ("within 3-6 months", J, "2008-11-20", "relative", "day"),
    ("6 months", J, "2008-11-20", "relative", "day"),
    ("12 weeks", J, "2008-08-12", "relative", "day"),
    ("within 6 wks", J, "2008-07-01", "relative", "day"),
    ("within 3 mths", J, "2008-08-20", "relative", "day"),
    ("within the next year", J, "2009-05-20", "relative", "day"),
    ("within a couple of months", J, "2008-07-20", "relative", "day"),
    ("within one hundred days", J, "2008-08-28", "relative", "day"),
    ("within six weeks of 1 April 2004", J, "2004-05-13", "relative", "day"),
    ("3 months from 1st April 2004", N, "2004-07-01", "relative", "day"),
    ("short term", J, "", "ambiguous", ""),
    // Recurring, with the first date where one is given.
    ("ongoing", L, "", "recurring", ""),
    ("On-going", L, "", "recurring", ""),
    ("Quarterly", L, "", "recurring", ""),
    ("6 monthly report to Director's Board and Cabinet", L, "", "recurring", ""),
    ("1st plan Nov '03 then Ongoing", L, "2003-11-30", "recurring", "month"),
    ("Annual review by March 2004", L, "2004-03-31", "recurring", "month"),
    ("Monthly from Oct 03", L, "2003-10-31", "recurring", "month"),
    ("Business as usual", L, "", "recurring", ""),
    ("Bi-monthly", L, "", "recurring", ""),
    // Several lines (merged cells): due at the latest; a typo anywhere is kept.
    ("Review current plan 17.09.03\nRedrafted plan for meeting on 12.11.03", L, "2003-11-12", "day", "day"),
    ("Draft 01.10.03, final 30.11.03", L, "2003-11-30", "day", "day"),
    ("From Oct 03\nComplete by Mar 04", L, "2004-03-31", "month", "month"),
    ("Oct 03\n31/09/03", L, "", "likely-typo", ""),
    // More as trackers print them.
    ("Immediate and ongoing", J, "2008-05-20", "recurring", "day"),
    ("2025-03", N, "2025-03-31", "month", "month"),
    ("By the end of the 2024/25 academic year", N, "2025-08-31", "year", "year"),
    ("By Christmas", L, "2003-12-25", "day", "day"),
    ("Report by mid-March", L, "2004-03-31", "month", "month"),
    ("within 48 hours", J, "2008-05-22", "relative", "day"),
    ("Over the summer", L, "2004-08-31", "season", "season"),
    ("Week of 12 Jan 2004", N, "2004-01-18", "week", "week"),
    ("Q3 2004 (Oct-Dec)", U, "2004-12-31", "quarter", "quarter"),
    ("Q3 2004 (Jul-Sep)", U, "2004-09-30", "quarter", "quarter"),
    ("Q4 (Jan-Mar 2025)", U, "2025-03-31", "range", "month"),
    ("Q4 23/24", N, "2024-03-31", "quarter", "quarter"),
    ("End of Q2 2024/25", N, "2024-09-30", "quarter", "quarter"),
    ("Jan-Mar 2025", N, "2025-03-31", "range", "month"),
    ("Apr 24 - Mar 25", N, "2025-03-31", "range", "month"),
    ("1st April 2024 \u{2013} 31st March 2025", N, "2025-03-31", "range", "day"),
    ("Within 3 months of publication (i.e. by 22 July 2008)", J, "2008-07-22", "day", "day"),
    ("Phase 1: Oct 2024; Phase 2: Mar 2025", N, "2025-03-31", "month", "month"),
    ("Sept 2024 - ongoing", N, "2024-09-30", "recurring", "month"),
    ("Delayed - new date tbc", N, "", "to-be-confirmed", ""),
    ("by year end 2024/25", N, "2025-03-31", "year", "year"),
    ("Medium term (6-12 months)", J, "2009-05-20", "relative", "day"),
    ("Dec", L, "2003-12-31", "month", "month"),
    ("week ending 16 January 2004", N, "2004-01-16", "week", "week"),
    ("Now", J, "2008-05-20", "immediate", "day"),
    ("by 30th June", L, "2004-06-30", "day", "day"),
    ("12 months from April 2024", N, "2025-04-30", "relative", "day"),
    // Prose that is not a date.
    ("Stage 2 may be delayed", L, "", "unknown", ""),
    ("Within existing resources", J, "", "unknown", ""),
    ("50/50 funding", J, "", "unknown", ""),
    ("Q&A session with staff", J, "", "unknown", ""),
    ("3rd party provider", J, "", "unknown", ""),
    ("Tel: 01865 815212", J, "", "unknown", ""),
    // Not understood: kept as printed and flagged.
    ("when the budget allows", J, "", "unknown", ""),
    ("Completed", J, "", "unknown", ""),
    ("Oct 99999", J, "", "unknown", ""),
    // A year run on from a number before it is no year.
    ("1.2004/05", N, "", "unknown", ""),
    ("13/13/04/05", N, "", "unknown", ""),
    // A date with more numbers run on after it (a reference, a list of versions) is no
    // date: neither its first three numbers nor its first two.
    ("31.12.03.04", N, "", "unknown", ""),
    ("12/11/03/04", N, "", "unknown", ""),
    ("1.2.2004.5", N, "", "unknown", ""),
    ("1/2004/05", N, "", "unknown", ""),
    // A number after a space is not run on: the date stands.
    ("31.12.03. 04", N, "2003-12-31", "day", "day"),
    ("12/11/03- 04", N, "2003-11-12", "day", "day"),
    // Month words in prose, lower case and after no preposition, are no range of months.
    ("staff may work march to may", L, "", "unknown", ""),
];

#[test]
fn a_financial_year_printed_with_one_year_says_which_two_it_could_be_whatever_the_papers_date() {
    for printed in [
        "FY 2005",
        "FY2005",
        "F/Y 2005",
        "financial year 2005",
        "fin yr 2005",
    ] {
        for base in [N, L, J, F, U] {
            let got = read_timescale(printed, &context(base));
            assert_eq!(
                (got.kind, got.due),
                (DeadlineKind::Ambiguous, None),
                "{printed:?} ({base:?}): {}",
                got.explanation
            );
            assert!(
                got.explanation.contains("could be 2004/05 or 2005/06"),
                "{printed:?} ({base:?}): {}",
                got.explanation
            );
        }
    }
}

#[test]
fn days_of_a_month_printed_backwards_are_no_range() {
    for printed in ["15-13 March 2004", "15th to 13th March 2004"] {
        let got = read_timescale(printed, &context(N));
        assert_ne!(
            got.kind,
            DeadlineKind::Range,
            "{printed:?}: {}",
            got.explanation
        );
        assert!(
            got.due
                .is_some_and(|d| d >= date(2004, 3, 13) && d <= date(2004, 3, 31)),
            "{printed:?}: {:?} {}",
            got.due,
            got.explanation
        );
    }
}

#[test]
fn every_printed_form_gives_its_deadline_kind_and_precision() {
    assert!(FORMS.len() >= 150, "{} forms", FORMS.len());
    let mut wrong = Vec::new();
    for &(printed, base, due, kind, precision) in FORMS {
        let got = read_timescale(printed, &context(base));
        let got_due = got.due.map(|d| d.to_string()).unwrap_or_default();
        let got_precision = got.precision.map(|p| p.as_str()).unwrap_or_default();
        if (got_due.as_str(), got.kind.as_str(), got_precision) != (due, kind, precision) {
            wrong.push(format!(
                "{printed:?} ({base:?}): want {due:?} {kind} {precision:?}, got {got_due:?} {} {got_precision:?} ({})",
                got.kind.as_str(),
                got.explanation
            ));
        }
        assert!(!got.explanation.is_empty(), "{printed:?}");
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        FORMS.len(),
        wrong.join("\n")
    );
}

#[test]
fn ranges_and_starts_say_where_they_begin() {
    let from = |printed: &str, base| {
        read_timescale(printed, &context(base))
            .from
            .map(|d| d.to_string())
    };
    assert_eq!(from("Jan / Feb '04", L).as_deref(), Some("2004-01-01"));
    assert_eq!(from("Dec 03 / Jan 04", N).as_deref(), Some("2003-12-01"));
    assert_eq!(from("Q1-Q2 2024/25", N).as_deref(), Some("2024-04-01"));
    assert_eq!(from("From Oct 03", N).as_deref(), Some("2003-10-01"));
    assert_eq!(
        from("Starting January 2004", N).as_deref(),
        Some("2004-01-01")
    );
    assert_eq!(from("From 2004/05", N).as_deref(), Some("2004-04-01"));
    assert_eq!(
        from("From Oct 03\nComplete by Mar 04", N).as_deref(),
        Some("2003-10-01")
    );
    assert_eq!(from("Oct '03", N), None);
}

#[test]
fn a_relative_deadline_says_which_day_it_counts_from() {
    let got = read_timescale("For Action over the next Six Months", &context(P));
    assert_eq!(
        &*got.explanation,
        "6 months counted from 2008-04-22, the inspection report's publication (paragraph 1)"
    );
    assert_eq!(got.counted_from, Some(date(2008, 4, 22)));
    let got = read_timescale("For Immediate Action", &context(J));
    assert_eq!(
        &*got.explanation,
        "due at once, counted from 2008-05-20, the paper's date"
    );
    let got = read_timescale("within seventy working days", &context(J));
    assert_eq!(
        &*got.explanation,
        "70 working days counted from 2008-05-20, the paper's date"
    );
    let got = read_timescale("within six weeks of 1 April 2004", &context(J));
    assert_eq!(got.counted_from, Some(date(2004, 4, 1)));
    assert!(got.explanation.contains("the day printed"), "{got:?}");
    let got = read_timescale("March", &context(L));
    assert_eq!(got.counted_from, Some(date(2003, 9, 17)));
    assert!(got.explanation.contains("no year printed"), "{got:?}");
    let got = read_timescale("end of the financial year", &context(P));
    assert_eq!(got.counted_from, Some(date(2008, 4, 22)));
    // A date printed in full counts from nothing.
    assert_eq!(read_timescale("Oct '03", &context(L)).counted_from, None);
}

#[test]
fn only_a_first_or_second_half_is_a_half_year() {
    for printed in ["third half of 2024/25", "3rd half 2024/25", "H3 2024/25"] {
        let got = read_timescale(printed, &context(N));
        assert_ne!(
            got.precision.map(|p| p.as_str()),
            Some("half-year"),
            "{printed:?}: {}",
            got.explanation
        );
    }
    assert_eq!(
        read_timescale("second half of 2024/25", &context(N))
            .precision
            .map(|p| p.as_str()),
        Some("half-year")
    );
}

#[test]
fn doubts_say_why() {
    let why = |printed: &str, base| read_timescale(printed, &context(base)).explanation;
    assert!(why("31/09/2003", N).contains("September 2003 has 30 days"));
    assert!(why("03/25/2004", N).contains("US order (25 March 2004)"));
    assert!(why("31.12.89", N).contains("1989 is before 1990"));
    assert!(why("Q2", U).contains("financial year (April to March) or the calendar year"));
    assert!(why("Q2", N).contains("no year is printed"));
    assert!(why("Q4 2004", F).contains("March 2004 (2003/04) or March 2005 (2004/05)"));
    assert!(why("December 2004 - February 2004", N).contains("ends before it starts"));
    assert!(why("year end", U).contains("not printed"));
    assert_eq!(&*why("", J), "the source prints no timescale");
    assert_eq!(
        read_timescale("TBC", &context(J)).kind.describe(),
        "date to be confirmed"
    );
    assert!(why("March 2004 (TBC)", N).contains("to be confirmed"));
}

#[test]
fn quarters_and_seasons_name_their_months() {
    let why = |printed: &str| read_timescale(printed, &context(N)).explanation;
    assert_eq!(
        &*why("Q3 2024/25"),
        "end of Q3 of 2024/25 (October to December 2024)"
    );
    assert_eq!(
        &*why("Spring 2024"),
        "end of spring 2024 (March to May 2024)"
    );
    assert_eq!(
        &*why("2004/05"),
        "end of the financial year 2004/05 (31 March 2005)"
    );
    assert_eq!(
        &*why("Winter 2004/05"),
        "end of winter 2004/05 (December 2004 to February 2005)"
    );
}

/// A report as a council's tracker might give it, read through the whole program.
const BOROUGH: &str = r#"
id = "borough-2024"
title = "Improvement plan"
date = 2024-05-10
timescales_from = 2024-04-02
timescales_from_note = "the inspection letter's publication"

[[recommendations]]
id = "1"
text = "Chase a date"
timescale = "TBC"

[[recommendations]]
id = "2"
text = "Silent"
timescale = ""

[[recommendations]]
id = "3"
text = "A typo"
timescale = "31/09/2024"

[[recommendations]]
id = "4"
text = "A start"
timescale = "From Oct 24"

[[recommendations]]
id = "5"
text = "Its own day"
timescale = "Within 3 months"
timescales_from = 2024-06-01
timescales_from_note = "the action plan's approval"

[[actions]]
id = "5a"
answers = ["5"]
text = "Answers 5"
timescale = "within 6 weeks"

[[recommendations]]
id = "6"
text = "At once"
timescale = "Immediately"

[[recommendations]]
id = "7"
text = "A quarter with no year"
timescale = "Q2"

[[recommendations]]
id = "8"
text = "A financial year"
timescale = "2024/25"

[[recommendations]]
id = "9"
text = "Which year"
timescale = "Winter 2024"
"#;

#[test]
fn a_report_reads_its_timescales_from_its_own_day_and_check_says_what_to_chase() {
    let ws = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(ws.path().join("reports")).expect("reports folder");
    std::fs::write(ws.path().join("reports/borough-2024.toml"), BOROUGH).expect("report");
    let items = list_json(ws.path(), &[]);
    let got: Vec<(String, String, String, bool)> = items
        .iter()
        .map(|i| {
            (
                i["id"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches("borough-2024/")
                    .to_string(),
                i["deadline_kind"].as_str().unwrap_or_default().to_string(),
                i["deadline"].as_str().unwrap_or_default().to_string(),
                i["overdue"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        ("1", "to-be-confirmed", "", false),
        ("2", "not-given", "", false),
        ("3", "likely-typo", "", false),
        ("4", "start", "", false),
        // The action counts from its recommendation's day, 1 June 2024.
        ("5a", "relative", "2024-07-13", true),
        // The report's day, 2 April 2024, not the paper's date.
        ("6", "immediate", "2024-04-02", true),
        // The paper names a financial year, so its quarters are financial ones.
        ("7", "quarter", "2024-09-30", true),
        ("8", "year", "2025-03-31", true),
        ("9", "ambiguous", "", false),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(id, k, d, o)| (id.to_string(), k.to_string(), d.to_string(), *o))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        items[4]["deadline_explanation"],
        "6 weeks counted from 2024-06-01, the action plan's approval"
    );
    assert_eq!(
        items[5]["deadline_explanation"],
        "due at once, counted from 2024-04-02, the inspection letter's publication"
    );

    let out = run(ws.path(), &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains(
            "borough-2024/1: timescale `TBC`: date to be confirmed; chase the owner for one"
        ),
        "{text}"
    );
    assert!(
        !text.contains("borough-2024/2"),
        "silence is not a fault: {text}"
    );
    assert!(text.contains("borough-2024/3: timescale `31/09/2024` looks like a typo (`31/09/2024`: September 2024 has 30 days)"), "{text}");
    assert!(
        !text.contains("borough-2024/4"),
        "a start is not a fault: {text}"
    );
    assert!(
        !text.contains("borough-2024/6"),
        "counted from its own day: {text}"
    );
    assert!(
        text.contains("borough-2024/9: timescale `Winter 2024` is ambiguous"),
        "{text}"
    );
    assert!(!text.contains("not understood"), "{text}");
}

#[test]
fn a_timescales_from_without_a_reason_is_a_warning() {
    let ws = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(ws.path().join("reports")).expect("reports folder");
    let report = BOROUGH.replace(
        "timescales_from_note = \"the inspection letter's publication\"\n",
        "",
    );
    std::fs::write(ws.path().join("reports/borough-2024.toml"), report).expect("report");
    let text = stdout(&run(ws.path(), &["check"]));
    assert!(
        text.contains("`timescales_from` is given without `timescales_from_note` saying why"),
        "{text}"
    );
    let items = list_json(ws.path(), &["--search", "At once"]);
    assert_eq!(
        items[0]["deadline_explanation"],
        "due at once, counted from 2024-04-02, the day the report's timescales count from"
    );
}

/// The forms a council combines with a word before them, for `every_reading_is_as_recorded`.
const CORES: &[&str] = &[
    "31 March 2024",
    "31/03/2024",
    "31.03.24",
    "2024-03-31",
    "March 2024",
    "Mar-24",
    "March",
    "15 March",
    "31st",
    "Q3 2024/25",
    "Q3",
    "2024/25",
    "end of 2024/25",
    "FY 2024",
    "2024",
    "Spring 2024",
    "Summer",
    "first half of 2024/25",
    "within 6 weeks",
    "3 months",
    "6 months from 1 April 2024",
    "end of the quarter",
    "next quarter",
    "year end",
    "w/c 12 February 2024",
    "December 2023 - March 2024",
    "1st to 15th March 2024",
    "Easter 2024",
    "the next meeting",
    "Ongoing",
    "Immediate",
    "TBC",
];

const LEADS: &[&str] = &[
    "",
    "by ",
    "By end of ",
    "before ",
    "from ",
    "no later than ",
    "Target: ",
    "Ongoing from ",
    "(revised) ",
];

/// How every printed form in `FORMS`, and each of `CORES` after each of `LEADS`, is
/// read against several papers' dates: the kind, the dates, the precision and the
/// explanation a clerk is shown, all recorded in `snapshots/timescales__readings.snap`.
/// `FORMS` checks each form's deadline against what it should be; this pins the rest
/// of what is shown (the explanation, the start, the day counted from) and the forms
/// against other papers' dates, so that no change to the reading goes unseen. A change
/// meant shows as a difference to review (`cargo insta review`, or rerun with
/// `INSTA_UPDATE=always` and read the diff).
#[test]
fn every_reading_is_as_recorded() {
    let mut cases: Vec<(String, Base)> = Vec::new();
    for &(printed, ..) in FORMS {
        for base in [N, L, F, U] {
            cases.push((printed.to_string(), base));
        }
    }
    for lead in LEADS {
        for core in CORES {
            for base in [N, F, C] {
                cases.push((format!("{lead}{core}"), base));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut lines = Vec::new();
    for (printed, base) in cases {
        if !seen.insert((printed.clone(), format!("{base:?}"))) {
            continue;
        }
        let d = read_timescale(&printed, &context(base));
        let shown = |date: Option<Date>| date.map_or("-".to_string(), |d| d.to_string());
        lines.push(format!(
            "{base:?} {printed:?} => {} due {} from {} {} counted {} | {}",
            d.kind.as_str(),
            shown(d.due),
            shown(d.from),
            d.precision.map_or("-", |p| p.as_str()),
            shown(d.counted_from),
            d.explanation
        ));
    }
    assert!(lines.len() > 1500, "{} readings", lines.len());
    insta::assert_snapshot!("readings", lines.join("\n"));
}

fn any_context() -> impl Strategy<Value = (Option<Date>, Option<Quarters>)> {
    let ymd = (-9999i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| Some(date(y, m, d)));
    let base = prop_oneof![
        Just(None),
        Just(Some(Date::MIN)),
        Just(Some(Date::MAX)),
        ymd
    ];
    let quarters = prop_oneof![
        Just(None),
        Just(Some(Quarters::Financial)),
        Just(Some(Quarters::Calendar))
    ];
    (base, quarters)
}

/// Text made of the pieces the grammar looks for, so that its deeper paths get exercised.
fn near_miss() -> impl Strategy<Value = String> {
    let words = "(?i)(q|h|fy|f|y|w|c|e|sept|oct|december|may|spring|winter|term|within|next|the|a|twenty|four|months?|years?|days?|working|on|going|ongoing|immediately|st|of|to|from|before|end|financial|year|calendar|quarter|third|half|tbc|n|early|mid|easter|onwards|start)";
    let piece = prop_oneof![
        r"[ '\u{2019}./\n(),:&-]",
        "[0-9]{1,6}",
        words,
        any::<char>().prop_map(String::from)
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

/// A day printed by jiff in one of the forms read, and what it should read as.
fn printed_day() -> impl Strategy<Value = (Date, String)> {
    let day = (1990i16..=2069, 1i8..=12, 1i8..=31)
        .prop_filter_map("a real day", |(y, m, d)| Date::new(y, m, d).ok());
    let formats = prop::sample::select(vec![
        "%Y-%m-%d",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y",
        "%d.%m.%y",
        "%-d.%-m.%y",
        "%d-%m-%Y",
        "%-d/%-m/%Y",
        "%-d %B %Y",
        "%d %b %Y",
        "%A %-d %B %Y",
        "%a %-d %b %y",
        "%d-%b-%y",
        "%B %-d, %Y",
        "by %-d %B %Y",
        "Cabinet - %-d %B %Y",
    ]);
    (day, formats, any::<bool>()).prop_map(|(d, f, upper)| {
        let printed = d.strftime(f).to_string();
        let printed = if upper {
            printed.to_uppercase()
        } else {
            printed
        };
        (d, printed)
    })
}

fn ordinal(day: i8) -> &'static str {
    match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

proptest! {
    #[test]
    fn no_text_panics(text in any::<Vec<char>>().prop_map(String::from_iter), (base, quarters) in any_context()) {
        let ctx = Context { base, base_is: "", quarters };
        let got = read_timescale(&text, &ctx);
        prop_assert!(!got.explanation.is_empty());
    }

    #[test]
    fn no_near_miss_panics(text in near_miss(), (base, quarters) in any_context()) {
        let ctx = Context { base, base_is: "the day given", quarters };
        let got = read_timescale(&text, &ctx);
        prop_assert!(!got.explanation.is_empty());
        // A deadline is never before a start it gives.
        if let (Some(from), Some(due)) = (got.from, got.due) {
            prop_assert!(from <= due, "{text:?}: {got:?}");
        }
        // Only a dated kind has a due date.
        if got.due.is_some() {
            prop_assert!(!matches!(got.kind, DeadlineKind::Unknown | DeadlineKind::NotGiven | DeadlineKind::ToBeConfirmed | DeadlineKind::Ambiguous | DeadlineKind::LikelyTypo | DeadlineKind::Start), "{text:?}: {got:?}");
        }
    }

    #[test]
    fn a_day_printed_in_any_form_reads_back((day, printed) in printed_day(), (base, quarters) in any_context()) {
        let got = read_timescale(&printed, &Context { base, base_is: "", quarters });
        prop_assert_eq!((got.kind, got.due), (DeadlineKind::Day, Some(day)), "{:?}: {:?}", printed, got);
    }

    #[test]
    fn an_ordinal_day_reads_back(d in (1990i16..=2100, 1i8..=12, 1i8..=31).prop_filter_map("a real day", |(y, m, d)| Date::new(y, m, d).ok())) {
        let printed = format!("{}{} {}", d.day(), ordinal(d.day()), d.strftime("%B %Y"));
        let got = read_timescale(&printed, &Context::default());
        prop_assert_eq!((got.kind, got.due), (DeadlineKind::Day, Some(d)), "{:?}", printed);
    }

    #[test]
    fn a_month_printed_in_any_form_reads_back(d in (1990i16..=2069, 1i8..=12).prop_map(|(y, m)| date(y, m, 1)), f in prop::sample::select(vec!["%b-%y", "%B %Y", "%b '%y", "%b %y", "%B, %Y", "%m/%Y", "end of %B %Y"])) {
        let printed = d.strftime(f).to_string();
        let got = read_timescale(&printed, &Context::default());
        prop_assert_eq!((got.kind, got.due), (DeadlineKind::Month, Some(d.last_of_month())), "{:?}", printed);
    }

    #[test]
    fn a_financial_year_printed_in_any_form_reads_back(y in 1990i32..=2098, f in 0usize..6) {
        // Two-digit years 70-99 are the 1900s.
        prop_assume!(f != 2 || y < 2069);
        let next = y + 1;
        let printed = match f {
            0 => format!("{y}/{:02}", next % 100),
            1 => format!("{y}-{:02}", next % 100),
            2 => format!("{:02}/{:02}", y % 100, next % 100),
            3 => format!("FY {y}/{next}"),
            4 => format!("By end {y}/{:02}", next % 100),
            _ => format!("financial year {y}-{:02}", next % 100),
        };
        let got = read_timescale(&printed, &Context::default());
        let end = Date::new(i16::try_from(next).unwrap_or_default(), 3, 31).ok();
        prop_assert_eq!((got.kind, got.due), (DeadlineKind::Year, end), "{:?}", printed);
    }
}

#[test]
fn check_says_a_deadline_before_the_paper_a_timescale_not_understood_and_one_with_no_day_to_count_from()
 {
    let ws = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(ws.path().join("reports")).expect("reports folder");
    let rec = |id: &str, timescale: &str| {
        format!("\n[[recommendations]]\nid = \"{id}\"\ntext = \"x\"\ntimescale = \"{timescale}\"\n")
    };
    // Dated 10 May 2024, its timescales counted from 2 April: the earlier is the floor.
    let dated = format!(
        "id = \"dated\"\ntitle = \"Dated\"\ndate = 2024-05-10\ntimescales_from = 2024-04-02\ntimescales_from_note = \"the letter\"\n{}{}{}{}",
        rec("1", "31 March 2024"),
        rec("2", "30 April 2024"),
        rec("3", "When pigs fly"),
        rec("4", "Within 3 months"),
    );
    let undated = format!(
        "id = \"undated\"\ntitle = \"Undated\"\n{}{}",
        rec("1", "Within 3 months"),
        rec("2", "31 March 2024"),
    );
    std::fs::write(ws.path().join("reports/dated.toml"), dated).expect("report");
    std::fs::write(ws.path().join("reports/undated.toml"), undated).expect("report");
    let text = stdout(&run(ws.path(), &["check"]));
    for line in [
        "dated/1: deadline 2024-03-31 (`31 March 2024`) is before the paper's own date 2024-04-02: probably a mistake in the source, kept as printed",
        "dated/3: timescale `When pigs fly` not understood: kept as printed, no deadline",
        "undated/1: timescale `Within 3 months` counts from the paper's date, which the paper does not give",
    ] {
        assert!(text.contains(line), "{line}\n---\n{text}");
    }
    // After the floor, counted from its day, or with no paper's date to be before.
    for quiet in ["dated/2:", "dated/4:", "undated/2:"] {
        assert!(!text.contains(quiet), "{quiet}\n---\n{text}");
    }
}
