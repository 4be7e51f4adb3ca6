//! The officers' update round trip: the workbook a clerk sends each lead officer with
//! their lines to fill in before a committee (`workbook`), and reading one back into
//! only the changes the officer made (`reading`). Pure: bytes out, grids in; the
//! caller looks items up in the workspace and saves the changes.
//!
//! What ties the two halves together is here: the columns (written and read by the
//! same headers), the version stamp that says what an item looked like at export, and
//! how an officer's dates and status words are read.

mod reading;
mod workbook;

pub use reading::{Change, Conflict, Plan, Problem, Update, UpdateFile, UpdateRow, plan, read};
pub use workbook::{About, workbook};

use crate::model::{Item, Status};
use jiff::civil::Date;
use std::fmt;

/// The sheet officers fill in.
pub const SHEET: &str = "Updates";

/// A column of the Updates sheet, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    ItemId,
    Report,
    Ref,
    Recommendation,
    Action,
    Owner,
    Timescale,
    Deadline,
    LastUpdate,
    Status,
    Progress,
    RevisedDate,
    Reason,
    Version,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::ItemId,
        Column::Report,
        Column::Ref,
        Column::Recommendation,
        Column::Action,
        Column::Owner,
        Column::Timescale,
        Column::Deadline,
        Column::LastUpdate,
        Column::Status,
        Column::Progress,
        Column::RevisedDate,
        Column::Reason,
        Column::Version,
    ];

    /// The header as written, and looked for when reading back (ignoring case, spaces
    /// and punctuation).
    pub fn header(self) -> &'static str {
        match self {
            Column::ItemId => "Item id",
            Column::Report => "Report",
            Column::Ref => "Ref",
            Column::Recommendation => "Recommendation",
            Column::Action => "Action",
            Column::Owner => "Owner",
            Column::Timescale => "Timescale (as printed)",
            Column::Deadline => "Deadline",
            Column::LastUpdate => "Last update",
            Column::Status => "Status",
            Column::Progress => "Progress update",
            Column::RevisedDate => "Revised date",
            Column::Reason => "Reason for revised date",
            Column::Version => "Version (do not change)",
        }
    }

    /// The columns the officer fills in: the only unlocked ones.
    pub fn is_officers(self) -> bool {
        matches!(
            self,
            Column::Status | Column::Progress | Column::RevisedDate | Column::Reason
        )
    }

    /// Its place on the sheet (0 is column A).
    pub fn index(self) -> u16 {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0) as u16
    }
}

/// The statuses an officer may choose: signing off is the committee's.
pub const OFFICER_STATUSES: [Status; 5] = [
    Status::NotStarted,
    Status::OnTrack,
    Status::AtRisk,
    Status::OffTrack,
    Status::Complete,
];

/// What an item looked like at export, kept in a hidden column, so that a change made
/// in the workspace since can be told apart from the officer's. Every change the
/// program makes adds a history entry; the status and deadline are kept too so that a
/// hand edit of the tracking file is noticed, and so that the officer's cells are
/// compared with what they were given rather than with what the item is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// How many history entries the item had.
    pub history: usize,
    /// When the last of them was made (`none` when there were none).
    pub last: String,
    pub status: Status,
    /// The deadline in force.
    pub deadline: Option<Date>,
}

impl Stamp {
    pub fn of(item: &Item) -> Stamp {
        Stamp {
            history: item.tracking.history.len(),
            last: item
                .tracking
                .history
                .last()
                .map_or("none".to_string(), |c| c.at.to_string()),
            status: item.tracking.status,
            deadline: item.due(),
        }
    }

    /// The status and deadline, in words.
    pub fn state(&self) -> String {
        format!(
            "{}, due {}",
            self.status,
            self.deadline
                .map_or("no date".to_string(), |d| d.to_string())
        )
    }

    /// Reads a stamp as written by `Display`; None when it is not one.
    pub fn parse(text: &str) -> Option<Stamp> {
        let mut history = None;
        let mut last = None;
        let mut status = None;
        let mut deadline = None;
        for part in text.split(';') {
            let (key, value) = part.split_once('=')?;
            let value = value.trim();
            match key.trim() {
                "history" => history = value.parse().ok(),
                "last" => last = Some(value.to_string()),
                "status" => status = Status::parse(value),
                "deadline" if value == "none" => deadline = Some(None),
                "deadline" => deadline = Some(Some(value.parse().ok()?)),
                _ => return None,
            }
        }
        Some(Stamp {
            history: history?,
            last: last?,
            status: status?,
            deadline: deadline?,
        })
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "history={}; last={}; status={}; deadline={}",
            self.history,
            self.last,
            self.status,
            self.deadline.map_or("none".to_string(), |d| d.to_string())
        )
    }
}

/// A header or word compared ignoring case, spaces and punctuation.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A date as an officer's spreadsheet gives it: ISO (`2027-03-31`, which is also how
/// an Excel date cell is read), UK (`31/03/2027`, `31.03.27`, `31-3-2027`), as the
/// workbook shows it (`31 Mar 2027`, which a sheet saved as CSV keeps), or an Excel
/// serial number (a date cell whose format was lost on the way).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    // An Excel date and time: the time of day does not matter to a deadline.
    let day = text.split_once('T').map_or(text, |(d, _)| d);
    if let Ok(d) = day.parse::<Date>() {
        return Some(d);
    }
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        // Serial numbers from 1955 to 2119; anything else is not a date.
        let serial: i64 = text.parse().ok()?;
        if !(20_000..=80_000).contains(&serial) {
            return None;
        }
        let epoch = jiff::civil::date(1899, 12, 30);
        return epoch.checked_add(jiff::Span::new().days(serial)).ok();
    }
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let day: i8 = day.parse().ok()?;
    let month: i8 = month.parse().ok().or_else(|| month_named(month))?;
    let year: i16 = match year.len() {
        2 => 2000 + year.parse::<i16>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    Date::new(year, month, day).ok()
}

/// A month by its name or first three letters ("Mar", "March", "sept").
fn month_named(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let word = word.to_lowercase();
    let at = MONTHS.iter().position(|m| word.starts_with(m))?;
    i8::try_from(at + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn officers_dates_are_read_in_the_usual_forms() {
        let d = Some(date(2027, 3, 31));
        assert_eq!(parse_date("2027-03-31"), d);
        assert_eq!(parse_date("2027-03-31T00:00"), d);
        assert_eq!(parse_date("31/03/2027"), d);
        assert_eq!(parse_date("31/3/27"), d);
        assert_eq!(parse_date("31.03.2027"), d);
        assert_eq!(parse_date("46477"), d);
        assert_eq!(parse_date("31 Mar 2027"), d);
        assert_eq!(parse_date("31-March-2027"), d);
        assert_eq!(parse_date("31 Smarch 2027"), None);
        assert_eq!(parse_date("31/13/2027"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("7"), None);
        assert_eq!(parse_date(""), None);
        // Serial numbers within 1954 to 2119 only: a count or a reference is not a date.
        assert_eq!(parse_date("20000"), Some(date(1954, 10, 3)));
        assert_eq!(parse_date("80000"), Some(date(2119, 1, 11)));
        assert_eq!(parse_date("19999"), None);
        assert_eq!(parse_date("80001"), None);
        // A month written in full or cut short, and what is not a day, month and year.
        assert_eq!(parse_date("1 sept 2027"), Some(date(2027, 9, 1)));
        assert_eq!(parse_date("1 December 2027"), Some(date(2027, 12, 1)));
        assert_eq!(parse_date("31/03/027"), None);
        assert_eq!(parse_date("31/03/2027 noon"), None);
        assert_eq!(parse_date("30/02/2027"), None);
    }

    #[test]
    fn a_stamp_reads_back_as_written() {
        let stamp = Stamp {
            history: 3,
            last: "2026-11-22T10:15:00Z".to_string(),
            status: Status::AtRisk,
            deadline: Some(date(2003, 10, 31)),
        };
        assert_eq!(Stamp::parse(&stamp.to_string()), Some(stamp.clone()));
        let none = Stamp {
            history: 0,
            last: "none".to_string(),
            status: Status::NotStarted,
            deadline: None,
        };
        assert_eq!(Stamp::parse(&none.to_string()), Some(none));
        assert_eq!(Stamp::parse("history=3"), None);
        assert_eq!(Stamp::parse("hello"), None);
        assert_eq!(Stamp::parse(""), None);
    }

    #[test]
    fn every_header_is_told_apart() {
        let keys: std::collections::HashSet<String> =
            Column::ALL.iter().map(|c| key(c.header())).collect();
        assert_eq!(keys.len(), Column::ALL.len());
        assert_eq!(Column::Version.index(), 13);
    }
}
