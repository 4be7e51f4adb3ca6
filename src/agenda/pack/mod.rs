//! The pack a committee is given, as one model: the cover, the summary, what the
//! committee is asked to do, each report's recommendations and items, the changes since
//! the last meeting and the key to initials. Every fact in it (overdue, revised since the
//! last meeting, carried over, who wrote a note) is decided here, once; the renderers
//! (`html.rs`, `docx.rs`, `markdown.rs`) only lay it out. `build.rs` makes the pack,
//! `history.rs` reads the items' histories (changes since the last meeting, earlier
//! meetings), `key.rs` the key to initials and `words.rs` how the pack says things.

mod build;
mod history;
mod key;
mod words;

pub use build::build;
pub use words::{day, long_date, status_label, status_symbol, status_words};

use crate::model::{Committee, Item, People, Report, ResponseKind, Status};
use jiff::civil::Date;
use words::{and_list, natural_key};

/// The title of the item on the committee's agenda.
pub const TITLE: &str = "Scrutiny recommendations and action plans: progress";

/// What a pack is built from.
#[derive(Clone, Copy)]
pub struct PackInput<'a> {
    pub reports: &'a [Report],
    pub items: &'a [Item],
    pub committees: &'a [Committee],
    pub people: &'a People,
    /// The day the pack is made: what "overdue" is counted from.
    pub today: Date,
}

/// One meeting's pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub cover: Cover,
    /// The day the pack was made ("information as at").
    pub today: Date,
    /// The meeting has passed: the items were presented at it.
    pub past: bool,
    pub summary: Summary,
    /// What the committee is asked to do, each a whole sentence after "The committee
    /// is asked to".
    pub asks: Vec<String>,
    /// Progress reports, one per report.
    pub progress: Vec<PackReport>,
    /// Completed items proposed for sign-off, one per report.
    pub sign_off: Vec<PackReport>,
    pub changes: Changes,
    /// Every initial used for an owner in the pack, with what is known of it.
    pub key: Vec<KeyEntry>,
    /// Logins that signed a note or change in the pack but that people.toml does not
    /// map to a person, so they are printed as logins.
    pub unnamed_logins: Vec<String>,
}

impl Pack {
    /// The pack's parts of reports, titled, in the order a committee takes them; an
    /// empty part is left out. Every rendering lays out these, so they agree.
    pub fn parts(&self) -> impl Iterator<Item = (&'static str, &[PackReport])> {
        [
            ("Progress reports", self.progress.as_slice()),
            ("Proposed for sign-off", self.sign_off.as_slice()),
        ]
        .into_iter()
        .filter(|(_, reports)| !reports.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub council: String,
    pub committee: String,
    pub date: Option<Date>,
    /// Why the meeting's date is inferred rather than printed, when it is.
    pub date_inferred: Option<String>,
    pub time: String,
    pub venue: String,
    pub contact: String,
    pub title: &'static str,
}

impl Cover {
    /// "Wednesday 10 December 2003", "Wednesday 29 October 2003 (date inferred)" (the
    /// cover's date says why), or "not yet scheduled".
    pub fn when(&self) -> String {
        let inferred = if self.date_inferred.is_some() {
            " (date inferred)"
        } else {
            ""
        };
        self.date.map_or("not yet scheduled".to_string(), |d| {
            format!("{}{inferred}", long_date(d))
        })
    }

    /// The meeting's details as the cover prints them, label and value (empty when
    /// committees.toml does not give it).
    pub fn rows(&self) -> [(&'static str, String); 4] {
        let date = self.date.map_or("not yet scheduled".to_string(), |d| {
            let why = crate::model::date_inferred_note(self.date_inferred.as_deref());
            format!("{}{why}", long_date(d))
        });
        [
            ("Date", date),
            ("Time", self.time.trim().to_string()),
            ("Venue", self.venue.trim().to_string()),
            ("Contact", self.contact.trim().to_string()),
        ]
    }

    /// The running header of every page: "Committee, 10 December 2003".
    pub fn running_header(&self) -> String {
        match self.date {
            Some(d) => format!("{}, {}", self.committee, day(d)),
            None => format!("{}, meeting not yet scheduled", self.committee),
        }
    }
}

/// References to items or recommendations, grouped by the report they belong to (so a
/// pack covering several reports never leaves "2.3b" ambiguous).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refs {
    /// (report title, references), in pack order.
    pub groups: Vec<(String, Vec<String>)>,
    /// Whether the pack covers more than one report, so the report is named.
    pub several_reports: bool,
}

impl Refs {
    fn push(&mut self, report: &str, reference: &str) {
        match self.groups.iter_mut().find(|(r, _)| r == report) {
            Some((_, refs)) => refs.push(reference.to_string()),
            None => self
                .groups
                .push((report.to_string(), vec![reference.to_string()])),
        }
    }

    pub fn len(&self) -> usize {
        self.groups.iter().map(|(_, r)| r.len()).sum()
    }

    /// Each report's references in the order a reader counts them ("2.10" after "2.9").
    fn sort(&mut self) {
        for (_, refs) in &mut self.groups {
            refs.sort_by_key(|r| natural_key(r));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "2: 2.2a and 6.2a", or "None".
    pub fn count_and_phrase(&self) -> String {
        if self.is_empty() {
            "None".to_string()
        } else {
            format!("{}: {}", self.len(), self.phrase())
        }
    }

    /// "2.2a and 6.2a", or, over several reports, "2.2a (Report A); 19 (Report B)".
    pub fn phrase(&self) -> String {
        if self.several_reports {
            self.groups
                .iter()
                .map(|(report, refs)| format!("{} ({report})", and_list(refs)))
                .collect::<Vec<_>>()
                .join("; ")
        } else {
            let all: Vec<String> = self.groups.iter().flat_map(|(_, r)| r.clone()).collect();
            and_list(&all)
        }
    }
}

/// What a member reads in a minute.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Items in the pack: progress reports and proposed for sign-off.
    pub reported: usize,
    pub progress: usize,
    pub sign_off: Refs,
    /// Of the items reported, how many have each status (only those with any).
    pub by_status: Vec<(Status, usize)>,
    pub overdue: Refs,
    /// Items whose deadline was revised since the last meeting.
    pub revised: Refs,
    /// Recommendations in the pack still awaiting the executive's response, and those
    /// of them past the date it was due.
    pub responses_awaited: Refs,
    pub responses_overdue: Refs,
    /// Items presented at an earlier meeting and carried over to this one.
    pub carried_over: Refs,
    /// The committee's previous meeting, which "since the last meeting" counts from.
    pub previous_meeting: Option<Date>,
    /// Every item of the action plans this committee follows, not only those reported.
    /// Counts over every item of the action plans the committee follows (None for a
    /// pack of no one committee).
    pub plan: Option<PlanCounts>,
}

/// Counts over every item the committee follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanCounts {
    pub items: usize,
    pub by_status: Vec<(Status, usize)>,
    pub overdue: usize,
}

impl Summary {
    /// The summary's rows of references, with their labels, in order.
    pub fn rows(&self) -> Vec<(String, &Refs)> {
        let since = self
            .previous_meeting
            .map_or("since the last meeting".to_string(), |d| {
                format!("since the last meeting ({})", day(d))
            });
        vec![
            ("Overdue".to_string(), &self.overdue),
            (format!("Deadlines revised {since}"), &self.revised),
            (
                "Recommendations awaiting the executive's response".to_string(),
                &self.responses_awaited,
            ),
            (
                "Of those, response overdue".to_string(),
                &self.responses_overdue,
            ),
            (
                "Carried over from an earlier meeting".to_string(),
                &self.carried_over,
            ),
            ("Proposed for sign-off".to_string(), &self.sign_off),
        ]
    }

    /// "5 (3 progress report(s), 2 proposed for sign-off)".
    pub fn reported_words(&self) -> String {
        format!(
            "{} ({} progress report(s), {} proposed for sign-off)",
            self.reported,
            self.progress,
            self.sign_off.len()
        )
    }
}

impl PlanCounts {
    /// "Across all 35 items of the action plans this committee follows: ○ Not started
    /// 30, ...; 21 overdue."
    pub fn sentence(&self) -> String {
        let statuses: Vec<String> = self
            .by_status
            .iter()
            .map(|(st, n)| format!("{} {n}", status_label(*st)))
            .collect();
        format!(
            "Across all {} item(s) of the action plans this committee follows: {}; {} overdue.",
            self.items,
            statuses.join(", "),
            self.overdue
        )
    }
}

/// One report's part of the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PackReport {
    pub id: String,
    pub title: String,
    pub authority: String,
    pub inspectorate: String,
    /// The inspection dates as printed.
    pub inspection: String,
    /// The paper's date.
    pub date: Option<Date>,
    /// Overall judgements: (domain, judgement).
    pub judgements: Vec<(String, String)>,
    pub groups: Vec<PackGroup>,
}

impl PackReport {
    /// What the report's heading table says: authority, inspectorate, date (the
    /// paper's, and the inspection's as printed) and the overall judgements, one a line
    /// (empty when the report does not state it).
    pub fn about(&self) -> [(&'static str, String); 4] {
        let mut date = self.date.map(day).unwrap_or_default();
        if !self.inspection.trim().is_empty() {
            if !date.is_empty() {
                date.push_str("; ");
            }
            date.push_str(&format!("inspection {}", self.inspection.trim()));
        }
        let judgements: Vec<String> = self
            .judgements
            .iter()
            .map(|(domain, j)| {
                if domain.trim().is_empty() {
                    j.clone()
                } else {
                    format!("{domain}: {j}")
                }
            })
            .collect();
        [
            ("Authority", self.authority.trim().to_string()),
            ("Inspectorate", self.inspectorate.trim().to_string()),
            ("Date", date),
            ("Overall judgement", judgements.join("\n")),
        ]
    }
}

/// A recommendation and the items answering it (or several recommendations that share
/// their items).
#[derive(Debug, Clone, PartialEq)]
pub struct PackGroup {
    pub recommendations: Vec<PackRecommendation>,
    pub items: Vec<PackItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRecommendation {
    /// As printed ("2.3"), or its id where the paper prints none.
    pub reference: String,
    pub heading: String,
    pub text: String,
    pub addressed_to: String,
    /// The executive's response, in words: "Accepted (12 November 2003)".
    pub response: String,
    pub response_kind: ResponseKind,
    /// The reason given with it (required for a rejection).
    pub response_reason: String,
    /// "Response due by 1 December 2005", "Response overdue: due 1 December 2005".
    pub response_due: String,
    pub response_overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackItem {
    /// Index into the workspace's items.
    pub index: usize,
    /// The reference the paper prints ("2.3b").
    pub reference: String,
    /// The item's id (`leicester-2003/2.3b`), for the data exports only.
    pub id: String,
    pub text: String,
    /// Owners by name or role where the directory has one, as printed otherwise.
    pub owners: Vec<String>,
    pub timescale: String,
    /// The deadline derived from the printed timescale.
    pub original: Option<Date>,
    /// The deadline in force.
    pub current: Option<Date>,
    /// For an item with no deadline: why ("ongoing", "timescale not understood").
    pub undated: String,
    pub revisions: Vec<Revision>,
    pub status: Status,
    /// "Overdue: 41 days past its deadline of 31 October 2003", when it is.
    pub overdue: Option<String>,
    pub latest_note: Option<Note>,
    /// "Presented at the meeting on 29 October 2003 and carried over to this one."
    pub carried_over: Option<String>,
    pub sign_off: bool,
}

/// A revision of an item's deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub on: Date,
    pub from: String,
    pub to: String,
    pub reason: String,
    pub by: String,
}

impl Revision {
    /// "Revised to 31 January 2004: reason (Jo Clerk, 10 November 2003)".
    pub fn sentence(&self) -> String {
        let what = match (self.from.is_empty(), self.to.is_empty()) {
            (_, true) => format!("Revised deadline {} withdrawn", self.from),
            (true, false) => format!("Revised to {}", self.to),
            (false, false) => format!("Revised from {} to {}", self.from, self.to),
        };
        let reason = if self.reason.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", self.reason.trim())
        };
        format!("{what}{reason} ({}, {})", self.by, day(self.on))
    }
}

/// A progress note with its date and author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub on: Date,
    /// The author's name from the people directory, or the login where it has none.
    pub by: String,
}

/// What changed between the committee's previous meeting and this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Changes recorded after this day (None: every recorded change).
    pub since: Option<Date>,
    /// Up to this day.
    pub until: Date,
    pub entries: Vec<ChangedThing>,
}

/// An item or a recommendation, with its changes in the period.
impl Changes {
    /// What the period is, in a sentence.
    pub fn period(&self) -> String {
        match self.since {
            Some(d) => format!(
                "Changes recorded after the meeting on {} and up to {}, to the items this committee follows.",
                day(d),
                day(self.until)
            ),
            None => format!(
                "No earlier meeting of this committee is in the calendar: every change recorded up to {} to the items it follows.",
                day(self.until)
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedThing {
    /// "Item 2.3b" or "Recommendation 2.4".
    pub label: String,
    pub report: String,
    /// The start of its text.
    pub text: String,
    /// Whether it is reported in this pack.
    pub in_pack: bool,
    pub lines: Vec<ChangeLine>,
}

impl ChangedThing {
    pub fn reported(&self) -> &'static str {
        if self.in_pack {
            "reported in this pack"
        } else {
            "not reported at this meeting"
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub on: Date,
    pub by: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub initials: String,
    pub meaning: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_over_several_reports_name_the_report() {
        let mut refs = Refs::default();
        refs.push("A", "2.2a");
        refs.push("A", "6.2a");
        assert_eq!(refs.phrase(), "2.2a and 6.2a");
        refs.push("B", "19");
        refs.several_reports = true;
        assert_eq!(refs.phrase(), "2.2a and 6.2a (A); 19 (B)");
        assert_eq!(refs.len(), 3);
    }

    #[test]
    fn every_status_has_a_symbol_and_words() {
        let symbols: std::collections::HashSet<_> =
            Status::ALL.iter().map(|s| status_symbol(*s)).collect();
        assert_eq!(symbols.len(), Status::ALL.len());
        assert_eq!(status_label(Status::AtRisk), "▲ At risk (amber)");
    }
}
