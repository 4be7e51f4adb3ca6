//! The tracking vocabulary: an item's status, its readiness for a meeting and the
//! history of changes made to it.

use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt;

/// Where an item stands, in the RAG-style words UK action-plan trackers use.
/// Overdue is not a status: it is derived from the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    #[default]
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Complete,
    SignedOff,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Complete,
        Status::SignedOff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Complete => "complete",
            Status::SignedOff => "signed-off",
        }
    }

    /// The label a person reads, with its RAG colour named in words so the meaning
    /// survives a monochrome terminal.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::OnTrack => "on track (green)",
            Status::AtRisk => "at risk (amber)",
            Status::OffTrack => "off track (red)",
            Status::Complete => "complete",
            Status::SignedOff => "signed off",
        }
    }

    /// Whether the work is finished, so the item can no longer be overdue.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Complete | Status::SignedOff)
    }

    pub fn parse(text: &str) -> Option<Status> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Status::ALL.into_iter().find(|s| s.as_str() == wanted)
    }

    pub fn names() -> String {
        Status::ALL.map(Status::as_str).join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which meeting an item is ready to go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReadyFor {
    /// The next select committee, whenever it is scheduled.
    Next,
    /// A meeting on this date.
    Meeting(Date),
}

impl ReadyFor {
    pub fn parse(text: &str) -> Option<ReadyFor> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("next") {
            return Some(ReadyFor::Next);
        }
        text.parse::<Date>().ok().map(ReadyFor::Meeting)
    }
}

impl fmt::Display for ReadyFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadyFor::Next => f.write_str("next"),
            ReadyFor::Meeting(d) => write!(f, "{d}"),
        }
    }
}

/// What kind of change a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Status,
    Ready,
    Unready,
    Note,
    /// A revised deadline (the reason is the note).
    Revise,
    /// The executive's response to a recommendation.
    Response,
    /// The date a response is due.
    ResponseDue,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Status,
        ChangeKind::Ready,
        ChangeKind::Unready,
        ChangeKind::Note,
        ChangeKind::Revise,
        ChangeKind::Response,
        ChangeKind::ResponseDue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Status => "status",
            ChangeKind::Ready => "ready",
            ChangeKind::Unready => "unready",
            ChangeKind::Note => "note",
            ChangeKind::Revise => "revise",
            ChangeKind::Response => "response",
            ChangeKind::ResponseDue => "response-due",
        }
    }

    pub fn parse(text: &str) -> Option<ChangeKind> {
        ChangeKind::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// One entry of an item's history: who changed what, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: Timestamp,
    pub by: String,
    pub kind: ChangeKind,
    pub from: String,
    pub to: String,
    pub note: String,
}

impl Change {
    /// Whether search finds the item by this change's note: a note, or any change
    /// given with one.
    pub fn is_searched(&self) -> bool {
        self.kind == ChangeKind::Note || !self.note.is_empty()
    }

    /// One line for a history list: "2026-11-22 10:15 jclerk status not-started -> on-track".
    pub fn summary(&self) -> String {
        let when = self.at.strftime("%Y-%m-%d %H:%M");
        let what = match self.kind {
            ChangeKind::Status => format!("status {} -> {}", self.from, self.to),
            ChangeKind::Ready => format!("marked ready for {}", self.to),
            ChangeKind::Unready => "readiness mark removed".to_string(),
            ChangeKind::Note => "note".to_string(),
            ChangeKind::Revise if self.to.is_empty() => {
                format!("revised deadline {} withdrawn", self.from)
            }
            ChangeKind::Revise if self.from.is_empty() => {
                format!("deadline revised to {}", self.to)
            }
            ChangeKind::Revise => format!("deadline revised {} -> {}", self.from, self.to),
            ChangeKind::Response => format!("response: {}", self.to),
            ChangeKind::ResponseDue if self.to.is_empty() => {
                format!("response due date {} withdrawn", self.from)
            }
            ChangeKind::ResponseDue => format!("response due {}", self.to),
        };
        if self.note.is_empty() {
            format!("{when} {} {what}", self.by)
        } else {
            format!("{when} {} {what}: {}", self.by, self.note)
        }
    }
}

/// The executive's response to a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ResponseKind {
    #[default]
    Awaiting,
    Accepted,
    PartiallyAccepted,
    Rejected,
    Noted,
}

impl ResponseKind {
    pub const ALL: [ResponseKind; 5] = [
        ResponseKind::Awaiting,
        ResponseKind::Accepted,
        ResponseKind::PartiallyAccepted,
        ResponseKind::Rejected,
        ResponseKind::Noted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Awaiting => "awaiting",
            ResponseKind::Accepted => "accepted",
            ResponseKind::PartiallyAccepted => "partially-accepted",
            ResponseKind::Rejected => "rejected",
            ResponseKind::Noted => "noted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ResponseKind::Awaiting => "awaiting response",
            ResponseKind::Accepted => "accepted",
            ResponseKind::PartiallyAccepted => "partially accepted",
            ResponseKind::Rejected => "rejected",
            ResponseKind::Noted => "noted",
        }
    }

    pub fn parse(text: &str) -> Option<ResponseKind> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        ResponseKind::ALL.into_iter().find(|r| r.as_str() == wanted)
    }

    pub fn names() -> String {
        ResponseKind::ALL.map(ResponseKind::as_str).join(", ")
    }
}

/// The response to a recommendation, with when it is due and how it came to be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub kind: ResponseKind,
    /// Why, for a rejection (or a partial acceptance).
    pub reason: String,
    pub due: Option<Date>,
    pub history: Vec<Change>,
}

impl Response {
    /// Still awaited after the date it was due.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.kind == ResponseKind::Awaiting && self.due.is_some_and(|d| d < today)
    }
}

/// The tracking state of one item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tracking {
    pub status: Status,
    pub ready_for: Option<ReadyFor>,
    /// The deadline in force after revisions; the original stays on the item.
    pub revised_deadline: Option<Date>,
    pub history: Vec<Change>,
}

impl Tracking {
    /// The day the current readiness mark was made, from the history (UTC).
    pub fn marked_on(&self) -> Option<Date> {
        self.history
            .iter()
            .rev()
            .find(|c| c.kind == ChangeKind::Ready)
            .map(|c| c.at.to_zoned(jiff::tz::TimeZone::UTC).date())
    }

    /// The latest note, if any.
    pub fn latest_note(&self) -> Option<&Change> {
        self.history.iter().rev().find(|c| !c.note.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_change_reads_as_one_line_of_history() {
        let change = |kind: ChangeKind, from: &str, to: &str, note: &str| Change {
            at: "2026-11-22T10:15:00Z"
                .parse()
                .unwrap_or(Timestamp::UNIX_EPOCH),
            by: "jclerk".to_string(),
            kind,
            from: from.to_string(),
            to: to.to_string(),
            note: note.to_string(),
        };
        use ChangeKind::*;
        for (c, line) in [
            (
                change(Status, "not-started", "on-track", ""),
                "status not-started -> on-track",
            ),
            (change(Ready, "", "next", ""), "marked ready for next"),
            (change(Unready, "", "", ""), "readiness mark removed"),
            (
                change(Note, "", "", "Leaflets drafted"),
                "note: Leaflets drafted",
            ),
            (
                change(Revise, "", "2027-03-31", "survey moved"),
                "deadline revised to 2027-03-31: survey moved",
            ),
            (
                change(Revise, "2027-03-31", "2027-06-30", ""),
                "deadline revised 2027-03-31 -> 2027-06-30",
            ),
            (
                change(Revise, "2027-03-31", "", "undo"),
                "revised deadline 2027-03-31 withdrawn: undo",
            ),
            (
                change(Response, "awaiting", "accepted", ""),
                "response: accepted",
            ),
            (
                change(ResponseDue, "", "2003-09-30", ""),
                "response due 2003-09-30",
            ),
            (
                change(ResponseDue, "2003-09-30", "", ""),
                "response due date 2003-09-30 withdrawn",
            ),
        ] {
            assert_eq!(c.summary(), format!("2026-11-22 10:15 jclerk {line}"));
        }
        // Search finds a change by its note, and a note by its text.
        assert!(change(Note, "", "", "x").is_searched());
        assert!(change(Status, "a", "b", "why").is_searched());
        assert!(!change(Status, "a", "b", "").is_searched());
    }

    #[test]
    fn a_response_is_overdue_only_when_still_awaited_after_its_day() {
        let d = |day: i8| jiff::civil::date(2026, 11, day);
        let response = |kind: ResponseKind, due: Option<jiff::civil::Date>| Response {
            kind,
            due,
            ..Response::default()
        };
        let today = d(20);
        assert!(response(ResponseKind::Awaiting, Some(d(19))).is_overdue(today));
        assert!(
            !response(ResponseKind::Awaiting, Some(d(20))).is_overdue(today),
            "due today"
        );
        assert!(!response(ResponseKind::Awaiting, None).is_overdue(today));
        assert!(!response(ResponseKind::Accepted, Some(d(1))).is_overdue(today));
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("On Track"), Some(Status::OnTrack));
        assert_eq!(Status::parse("green"), None);
    }

    #[test]
    fn ready_for_reads_next_or_a_date() {
        assert_eq!(ReadyFor::parse("next"), Some(ReadyFor::Next));
        assert_eq!(
            ReadyFor::parse("2026-12-03"),
            Some(ReadyFor::Meeting(jiff::civil::date(2026, 12, 3)))
        );
        assert_eq!(ReadyFor::parse("soon"), None);
    }
}
