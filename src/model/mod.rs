//! The things a clerk works with: reports, recommendations, actions, owners, committees
//! and the tracked items built from them. Plain data: no I/O, no terminal.

pub mod deadline;
pub mod items;
pub mod owner;
pub mod status;

pub use deadline::{
    Context, Deadline, DeadlineKind, Precision, Quarters, parse_timescale, quarters_implied,
    read_timescale,
};
pub use owner::{Owner, OwnerId, OwnerKind, People};
pub use status::{Change, ChangeKind, ReadyFor, Response, ResponseKind, Status, Tracking};

use jiff::civil::Date;
use std::sync::Arc;

/// An inspection report, or the committee paper that presents one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub id: String,
    pub title: String,
    pub authority: String,
    pub inspectorate: String,
    /// The inspection dates as printed.
    pub inspection: String,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    /// The paper's own date: what relative timescales count from, unless
    /// `timescales_from` says otherwise.
    pub date: Option<Date>,
    pub date_note: String,
    /// The day every relative timescale of the report counts from, where it is not the
    /// paper's date (the inspection report's publication, say), and why.
    pub timescales_from: Option<Date>,
    pub timescales_from_note: String,
    pub author: String,
    pub contacts: Vec<String>,
    /// The source document it was transcribed from.
    pub source: String,
    pub decision_sought: String,
    pub notes: Vec<String>,
    pub meetings: Vec<ReportMeeting>,
    pub judgements: Vec<Judgement>,
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    pub actions: Vec<Action>,
    /// The values the transcriber inferred rather than read in the paper (a year it
    /// does not print), by field name (`published`), each with the reason.
    pub inferred: Inferred,
}

/// Values inferred rather than printed: field name -> why it was inferred.
pub type Inferred = std::collections::BTreeMap<String, String>;

/// Values inferred, as every JSON output gives them, by field:
/// `{"date": {"inferred": true, "reason": "..."}}`; `{}` when nothing is inferred.
pub fn inferred_json<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> serde_json::Value {
    fields
        .into_iter()
        .map(|(field, why)| {
            (
                field.to_string(),
                serde_json::json!({"inferred": true, "reason": why}),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// A committee meeting a report went to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportMeeting {
    pub committee: String,
    pub date: Date,
    pub note: String,
    /// Its values inferred rather than printed (`date`, where the year is not printed).
    pub inferred: Inferred,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Judgement {
    pub domain: String,
    pub judgement: String,
    pub text: String,
    pub source_ref: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Finding {
    pub category: String,
    pub heading: String,
    pub text: String,
    pub source_ref: String,
}

/// The finding categories a report may use.
pub const FINDING_CATEGORIES: [&str; 6] = [
    "strength",
    "good-practice",
    "area-for-development",
    "priority-action",
    "concern",
    "finding",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recommendation {
    /// Unique within its report.
    pub id: String,
    /// The reference as printed ("2.12"); empty where the source prints none.
    pub reference: String,
    pub heading: String,
    /// As printed, typos included. (Shared with its item, as are the timescale and
    /// the owners: at 100,000 items a copy of each costs megabytes.)
    pub text: Arc<str>,
    /// The text with its typos corrected, where the transcriber gave one (for search).
    pub text_normalised: String,
    pub addressed_to: String,
    pub timescale: Arc<str>,
    /// The day this recommendation's relative timescales (and its actions') count from,
    /// overriding the report's, and why.
    pub timescales_from: Option<Date>,
    pub timescales_from_note: String,
    /// Owners as printed, for a recommendation tracked as an item of its own.
    pub owners: Arc<[String]>,
    pub source_ref: String,
    pub note: String,
    /// The executive's response, from the tracking file.
    pub response: Response,
    /// Cells of an imported tracker that have no field of their own.
    pub imported: Vec<ImportedCell>,
}

impl Recommendation {
    /// The reference a reader knows it by: the printed one, else its id.
    pub fn label(&self) -> &str {
        if self.reference.is_empty() {
            &self.id
        } else {
            &self.reference
        }
    }
}

/// An action-plan item: what is proposed to answer one or more recommendations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Action {
    pub id: String,
    /// Ids of the recommendations it answers.
    pub answers: Arc<[String]>,
    /// As printed, typos included. (Shared with its item, as are the answers, the
    /// timescale and the owners.)
    pub text: Arc<str>,
    /// The text with its typos corrected, where the transcriber gave one (for search).
    pub text_normalised: String,
    pub timescale: Arc<str>,
    /// Each owner as printed.
    pub owners: Arc<[String]>,
    /// The owners cell exactly as printed.
    pub owners_printed: String,
    pub source_ref: String,
    pub note: String,
    /// Cells of an imported tracker that have no field of their own.
    pub imported: Vec<ImportedCell>,
}

/// The imported cells kept on an item: its action's, or its recommendation's.
pub fn imported_cells<'a>(report: &'a Report, item: &Item) -> &'a [ImportedCell] {
    let cells = match item.kind {
        ItemKind::Action => report.actions.get(item.index).map(|a| &a.imported),
        ItemKind::Recommendation => report.recommendations.get(item.index).map(|r| &r.imported),
    };
    cells.map_or(&[], |c| c.as_slice())
}

/// A cell of an imported tracker kept with its header as printed: a field scrutineer
/// has no place for (`field` names what it was recognised as: "success-measure",
/// "portfolio-holder"...), or a column it did not recognise (`field` empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedCell {
    pub column: String,
    pub field: String,
    pub text: String,
}

impl ImportedCell {
    /// The cell's name in a clerk's words: what it was taken as, and the header it
    /// was printed under when that says something else.
    pub fn label(&self) -> String {
        let field = match self.field.as_str() {
            "" => return self.column.clone(),
            "portfolio-holder" => "Portfolio holder",
            "next-steps" => "Next steps",
            "success-measure" => "Success measure",
            "response" => "Executive response",
            "monitoring" => "Monitoring",
            "origin" => "Origin",
            "status" => "Status as printed",
            "revised-date" => "Revised date as printed",
            "progress" => "Progress",
            "recommendation" => "Recommendation text also given",
            other => other,
        };
        let same = self
            .column
            .trim()
            .trim_end_matches(['?', ':'])
            .eq_ignore_ascii_case(field);
        if same || self.column.is_empty() {
            field.to_string()
        } else {
            format!("{field} ({})", self.column)
        }
    }
}

/// A committee and its calendar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Committee {
    pub id: String,
    pub name: String,
    pub authority: String,
    /// A select (scrutiny) committee: its meetings count as "the next select committee".
    pub select: bool,
    pub meetings: Vec<Date>,
    /// The meetings whose date is inferred rather than printed (a paper that leaves
    /// out the year), each with why.
    pub dates_inferred: std::collections::BTreeMap<Date, String>,
    /// When it meets, as the clerk writes it ("5.30 pm"), for the pack's cover.
    pub time: String,
    /// Where it meets.
    pub venue: String,
    /// The clerk to the committee: name, telephone, email, as they should be printed.
    pub contact: String,
}

impl Committee {
    /// Its first meeting on or after `today`.
    pub fn next_meeting(&self, today: Date) -> Option<Date> {
        self.meetings.iter().copied().filter(|d| *d >= today).min()
    }

    /// Why the date of its meeting on `date` is inferred, when it is.
    pub fn date_inferred(&self, date: Date) -> Option<&str> {
        self.dates_inferred.get(&date).map(String::as_str)
    }

    /// Its last meeting before `date`.
    pub fn meeting_before(&self, date: Date) -> Option<Date> {
        self.meetings.iter().copied().filter(|d| *d < date).max()
    }
}

/// Whether the calendar's select committees belong to more than one council, so that
/// an item whose report names no committee of the calendar cannot be sent to "any"
/// of them.
pub fn several_councils(committees: &[Committee]) -> bool {
    let mut councils = committees
        .iter()
        .filter(|c| c.select)
        .map(|c| c.authority.trim().to_lowercase());
    match councils.next() {
        None => false,
        Some(first) => councils.any(|c| c != first),
    }
}

/// A scheduled meeting, resolved from the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub date: Date,
    pub committee: String,
    pub committee_name: String,
    /// Why its date is inferred rather than printed, when it is.
    pub date_inferred: Option<String>,
}

/// What follows a meeting's date where the date is inferred, with why: " (date
/// inferred: the year is not printed)"; nothing for a date printed in full.
pub fn date_inferred_note(why: Option<&str>) -> String {
    why.map_or(String::new(), |why| {
        format!(" (date inferred: {})", why.trim().trim_end_matches('.'))
    })
}

/// The first meeting of a select committee on or after `today`.
pub fn next_meeting(committees: &[Committee], today: Date) -> Option<Meeting> {
    next_meeting_among(committees, &[], today)
}

/// The first meeting on or after `today` of the select committees named in `scope`
/// (all select committees when `scope` is empty).
pub fn next_meeting_among(
    committees: &[Committee],
    scope: &[String],
    today: Date,
) -> Option<Meeting> {
    committees
        .iter()
        .filter(|c| c.select && (scope.is_empty() || scope.contains(&c.id)))
        .flat_map(|c| {
            c.meetings.iter().map(move |d| Meeting {
                date: *d,
                committee: c.id.clone(),
                committee_name: c.name.clone(),
                date_inferred: c.date_inferred(*d).map(str::to_string),
            })
        })
        .filter(|m| m.date >= today)
        .min_by(|a, b| a.date.cmp(&b.date).then(a.committee.cmp(&b.committee)))
}

/// Whether an item is an action or a recommendation tracked directly (its source has
/// no action for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Action,
    Recommendation,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Action => "action",
            ItemKind::Recommendation => "recommendation",
        }
    }
}

/// A tracked item: an action, or a recommendation with no action, joined with its
/// report, owners, deadline and tracking state. This is what lists, filters, the
/// agenda and the views work on.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `REPORT/ID`, stable and human-readable.
    pub id: String,
    pub kind: ItemKind,
    /// Index into the workspace's reports.
    pub report: usize,
    /// Index into the report's actions or recommendations, by `kind`.
    pub index: usize,
    /// Ids of the recommendations it answers, within its report.
    pub recommendation_ids: Arc<[String]>,
    /// Their references as printed (or ids where none is printed).
    pub recommendations: Vec<String>,
    pub text: Arc<str>,
    pub timescale: Arc<str>,
    pub deadline: Deadline,
    pub owners: Vec<OwnerId>,
    pub owners_as_printed: Arc<[String]>,
    pub tracking: Tracking,
    pub warnings: Vec<String>,
    /// The select committees "the next meeting" means for this item: those its report
    /// went to, else those of its authority; empty means any select committee.
    /// Shared by the items of a report.
    pub committees: Arc<[String]>,
}

impl Item {
    /// The deadline in force: the latest revision, else the one derived from the
    /// printed timescale.
    pub fn due(&self) -> Option<Date> {
        self.tracking.revised_deadline.or(self.deadline.due)
    }

    /// Overdue: due before today and not finished.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.tracking.status.is_done() && self.due().is_some_and(|d| d < today)
    }

    /// Days from today to the deadline (negative when past).
    pub fn days_left(&self, today: Date) -> Option<i64> {
        let due = self.due()?;
        today.until(due).ok().map(|span| i64::from(span.get_days()))
    }

    /// Where the item stands with the committee cycle on `today`. A mark for "next"
    /// means the first select meeting on or after the day it was made, so once that
    /// meeting has passed the item counts as presented, not as ready for the one after.
    pub fn readiness(&self, committees: &[Committee], today: Date) -> Readiness {
        let Some(ready) = self.tracking.ready_for else {
            return Readiness::NotReady;
        };
        let date = match ready {
            ReadyFor::Meeting(d) => Some(d),
            // An item no committee of the calendar serves waits for one to be added.
            ReadyFor::Next if self.committees.is_empty() && several_councils(committees) => None,
            ReadyFor::Next => {
                let marked = self.tracking.marked_on().map_or(today, |d| d.min(today));
                next_meeting_among(committees, &self.committees, marked).map(|m| m.date)
            }
        };
        match date {
            Some(d) if d < today => Readiness::Presented(d),
            other => Readiness::Upcoming(other),
        }
    }

    /// The item's history as lines a person reads, oldest first, with the meeting it
    /// was presented at (which follows from the calendar, not from a write).
    pub fn history_lines(&self, committees: &[Committee], today: Date) -> Vec<String> {
        let mut lines: Vec<String> = self.tracking.history.iter().map(Change::summary).collect();
        if let Readiness::Presented(d) = self.readiness(committees, today) {
            let name = committees
                .iter()
                .find(|c| c.meetings.contains(&d))
                .map_or(String::new(), |c| format!(" ({})", c.name));
            lines.push(format!("{d} presented at the meeting on {d}{name}"));
        }
        lines
    }

    /// Whether this item goes to `committee`: a select committee its report went to
    /// (or of its authority); or any select committee when its report names none and
    /// the calendar holds one council only.
    pub fn goes_to(&self, committee: &Committee, committees: &[Committee]) -> bool {
        committee.select
            && if self.committees.is_empty() {
                !several_councils(committees)
            } else {
                self.committees.contains(&committee.id)
            }
    }

    /// The select committees this item goes to, in calendar order.
    pub fn meets_at<'c>(&self, committees: &'c [Committee]) -> Vec<&'c Committee> {
        committees
            .iter()
            .filter(|c| self.goes_to(c, committees))
            .collect()
    }

    /// Proposed for sign-off (rather than a progress report) when it goes to committee.
    pub fn proposed_for_sign_off(&self) -> bool {
        self.tracking.status == Status::Complete
    }

    /// The deadline as one short cell: "2003-10-31", or the kind when undated.
    pub fn due_label(&self) -> String {
        match self.due() {
            Some(d) if self.tracking.revised_deadline.is_some() => format!("{d} (revised)"),
            Some(d) => d.to_string(),
            None => match self.deadline.kind {
                DeadlineKind::Recurring => "ongoing".to_string(),
                DeadlineKind::Start => self
                    .deadline
                    .from
                    .map_or("start".to_string(), |d| format!("from {d}")),
                DeadlineKind::ToBeConfirmed => "TBC".to_string(),
                // (An empty timescale reads as not given, never as unknown.)
                DeadlineKind::NotGiven => "none".to_string(),
                DeadlineKind::Unknown | DeadlineKind::Ambiguous | DeadlineKind::LikelyTypo => {
                    "unclear".to_string()
                }
                _ => "undated".to_string(),
            },
        }
    }
}

/// An item's place in the committee cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    NotReady,
    /// Ready for the meeting on this date, or for the next one when none is scheduled.
    Upcoming(Option<Date>),
    /// It went to the meeting on this date, which has passed.
    Presented(Date),
}

impl Readiness {
    pub fn is_upcoming(self) -> bool {
        matches!(self, Readiness::Upcoming(_))
    }

    /// "ready for 2026-12-03", "ready for the next meeting", "presented at 2003-10-29".
    pub fn label(self) -> String {
        match self {
            Readiness::NotReady => "not ready".to_string(),
            Readiness::Upcoming(Some(d)) => format!("ready for {d}"),
            Readiness::Upcoming(None) => "ready for the next meeting".to_string(),
            Readiness::Presented(d) => format!("presented at {d}"),
        }
    }
}

/// How urgent an item is, for colour and for the symbol or word that carries the same
/// meaning without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    Overdue,
    DueSoon,
    Later,
    Done,
    Undated,
}

impl Urgency {
    /// Days ahead that count as "due soon".
    pub const SOON_DAYS: i64 = 30;

    pub fn of(item: &Item, today: Date) -> Urgency {
        if item.tracking.status.is_done() {
            return Urgency::Done;
        }
        match item.days_left(today) {
            None => Urgency::Undated,
            Some(d) if d < 0 => Urgency::Overdue,
            Some(d) if d <= Self::SOON_DAYS => Urgency::DueSoon,
            Some(_) => Urgency::Later,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Urgency::Overdue => "!",
            Urgency::DueSoon => "~",
            Urgency::Later => " ",
            Urgency::Done => "✓",
            Urgency::Undated => "?",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueSoon => "due soon",
            Urgency::Later => "later",
            Urgency::Done => "done",
            Urgency::Undated => "undated",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_meeting_before_a_date_is_the_last_one_strictly_before_it() {
        let c = Committee {
            meetings: vec![date(2024, 3, 1), date(2024, 1, 10), date(2024, 5, 2)],
            ..Committee::default()
        };
        assert_eq!(c.meeting_before(date(2024, 3, 1)), Some(date(2024, 1, 10)));
        assert_eq!(c.meeting_before(date(2024, 3, 2)), Some(date(2024, 3, 1)));
        assert_eq!(c.meeting_before(date(2024, 12, 31)), Some(date(2024, 5, 2)));
        assert_eq!(c.meeting_before(date(2024, 1, 10)), None);
        assert_eq!(c.next_meeting(date(2024, 3, 1)), Some(date(2024, 3, 1)));
        assert_eq!(c.next_meeting(date(2024, 3, 2)), Some(date(2024, 5, 2)));
        assert_eq!(c.next_meeting(date(2024, 5, 3)), None);
    }

    /// An action of no committee, due on `due` (a date printed in full) or undated.
    fn item(due: Option<Date>) -> Item {
        let printed = due.map(|d| d.to_string()).unwrap_or_default();
        Item {
            id: "r/1".to_string(),
            kind: ItemKind::Action,
            report: 0,
            index: 0,
            recommendation_ids: Arc::from(Vec::new()),
            recommendations: Vec::new(),
            text: Arc::from("An action"),
            timescale: Arc::from(printed.as_str()),
            deadline: read_timescale(&printed, &Context::default()),
            owners: Vec::new(),
            owners_as_printed: Arc::from(Vec::new()),
            tracking: Tracking::default(),
            warnings: Vec::new(),
            committees: Arc::from(Vec::new()),
        }
    }

    #[test]
    fn the_due_cell_says_the_date_or_what_kind_of_timescale_has_none() {
        let printed = |timescale: &str| {
            let mut it = item(None);
            it.timescale = Arc::from(timescale);
            it.deadline = read_timescale(timescale, &Context::default());
            it
        };
        for (timescale, label) in [
            ("31 October 2003", "2003-10-31"),
            ("Ongoing", "ongoing"),
            ("From April 2004", "from 2004-04-01"),
            ("TBC", "TBC"),
            ("N/A", "none"),
            ("", "none"),
            ("When the budget allows", "unclear"),
            ("Within 3 months", "undated"),
        ] {
            assert_eq!(printed(timescale).due_label(), label, "{timescale:?}");
        }
        let mut revised = printed("31 October 2003");
        revised.tracking.revised_deadline = Some(date(2004, 1, 31));
        assert_eq!(revised.due_label(), "2004-01-31 (revised)");
    }

    #[test]
    fn due_today_is_due_soon_not_overdue_and_soon_means_thirty_days() {
        let today = date(2024, 3, 1);
        let urgency = |due: Option<Date>| Urgency::of(&item(due), today);
        assert_eq!(urgency(Some(today)), Urgency::DueSoon);
        assert!(!item(Some(today)).is_overdue(today));
        assert_eq!(urgency(Some(date(2024, 2, 29))), Urgency::Overdue);
        assert!(item(Some(date(2024, 2, 29))).is_overdue(today));
        assert_eq!(urgency(Some(date(2024, 3, 31))), Urgency::DueSoon);
        assert_eq!(urgency(Some(date(2024, 4, 1))), Urgency::Later);
        assert_eq!(urgency(None), Urgency::Undated);
        let mut done = item(Some(date(2024, 2, 1)));
        done.tracking.status = Status::Complete;
        assert_eq!(Urgency::of(&done, today), Urgency::Done);
        assert!(!done.is_overdue(today));
    }

    fn select(authority: &str, meetings: &[Date]) -> Committee {
        Committee {
            id: authority.to_lowercase().replace(' ', "-"),
            name: format!("{authority} Select Committee"),
            authority: authority.to_string(),
            select: true,
            meetings: meetings.to_vec(),
            ..Committee::default()
        }
    }

    #[test]
    fn several_councils_only_when_select_committees_serve_two_authorities() {
        let leicester = select("Leicester City Council", &[]);
        let also = select(" leicester city council", &[]);
        let dudley = select("Dudley MBC", &[]);
        let cabinet = Committee {
            select: false,
            ..dudley.clone()
        };
        assert!(!several_councils(&[]));
        assert!(!several_councils(&[leicester.clone(), also.clone()]));
        assert!(!several_councils(&[leicester.clone(), cabinet]));
        assert!(several_councils(&[leicester, also, dudley]));
    }

    #[test]
    fn an_item_of_no_committee_goes_to_the_next_meeting_of_a_one_council_calendar_only() {
        let today = date(2024, 3, 1);
        let mut ready = item(Some(date(2024, 6, 1)));
        ready.tracking.ready_for = Some(ReadyFor::Next);
        let one = [select("Leicester City Council", &[date(2024, 3, 20)])];
        assert_eq!(
            ready.readiness(&one, today),
            Readiness::Upcoming(Some(date(2024, 3, 20)))
        );
        // Two councils: which one's committee "next" means is not known.
        let two = [
            select("Leicester City Council", &[date(2024, 3, 20)]),
            select("Dudley MBC", &[date(2024, 3, 10)]),
        ];
        assert_eq!(ready.readiness(&two, today), Readiness::Upcoming(None));
    }
}
