//! What goes to which meeting: the items marked ready for it, grouped by report and
//! recommendation, and the forms the agenda is exported in.

mod export;
mod plan;

pub use export::{Sources, rag, to_csv, to_html, to_json, to_markdown};
pub use plan::{PlannedMeeting, forward_plan};

use crate::model::{Committee, Item, Readiness, ReadyFor, Report, next_meeting};
use jiff::civil::Date;

/// Which meeting an agenda is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingChoice {
    Next,
    On(Date),
    /// Items ready for a next meeting their committee has not scheduled yet.
    Unscheduled,
}

impl MeetingChoice {
    pub fn parse(text: &str) -> Option<MeetingChoice> {
        if text.trim().eq_ignore_ascii_case("unscheduled") {
            return Some(MeetingChoice::Unscheduled);
        }
        match ReadyFor::parse(text)? {
            ReadyFor::Next => Some(MeetingChoice::Next),
            ReadyFor::Meeting(d) => Some(MeetingChoice::On(d)),
        }
    }
}

/// The agenda of one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    /// The meeting's date, or None when the next meeting is not yet scheduled.
    pub date: Option<Date>,
    /// The committee, where the calendar knows it.
    pub committee: Option<String>,
    /// Whether the meeting has passed (its items were presented).
    pub past: bool,
    /// Progress reports, grouped by report and recommendation.
    pub reports: Vec<AgendaReport>,
    /// Completed items proposed for sign-off, grouped the same way.
    pub sign_off: Vec<AgendaReport>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaReport {
    pub report: usize,
    pub recommendations: Vec<AgendaRecommendation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRecommendation {
    /// The recommendation's id within its report.
    pub id: String,
    /// Its reference as printed (or id), and heading.
    pub label: String,
    pub heading: String,
    /// Indices of the items, in paper order.
    pub items: Vec<usize>,
}

impl Agenda {
    pub fn len(&self) -> usize {
        self.items().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "Thursday 3 December 2026" or "not yet scheduled".
    pub fn when(&self) -> String {
        match self.date {
            Some(d) => d.strftime("%A %-d %B %Y").to_string(),
            None => "not yet scheduled".to_string(),
        }
    }

    /// Every item on the agenda, progress reports first, in agenda order.
    pub fn items(&self) -> impl Iterator<Item = usize> + '_ {
        self.reports
            .iter()
            .chain(&self.sign_off)
            .flat_map(|r| &r.recommendations)
            .flat_map(|r| r.items.iter().copied())
    }
}

/// Whether an item goes to the meeting on `date` (None: the unscheduled next one).
fn is_for(item: &Item, date: Option<Date>, committees: &[Committee], today: Date) -> bool {
    match (item.readiness(committees, today), date) {
        (Readiness::Upcoming(d), want) => d == want,
        (Readiness::Presented(d), Some(want)) => d == want,
        _ => false,
    }
}

fn place(groups: &mut Vec<AgendaReport>, reports: &[Report], item: &Item, index: usize) {
    let report = &reports[item.report];
    let rec_id = item.recommendation_ids.first().cloned().unwrap_or_default();
    let rec = report.recommendations.iter().find(|r| r.id == rec_id);
    let label = if item.recommendations.len() > 1 {
        item.recommendations.join(", ")
    } else {
        rec.map_or(rec_id.clone(), |r| r.label().to_string())
    };
    let heading = rec.map(|r| r.heading.clone()).unwrap_or_default();
    let at = match groups.iter().position(|r| r.report == item.report) {
        Some(at) => at,
        None => {
            groups.push(AgendaReport {
                report: item.report,
                recommendations: Vec::new(),
            });
            groups.len() - 1
        }
    };
    let group = &mut groups[at];
    match group.recommendations.iter_mut().find(|r| r.id == rec_id) {
        Some(r) => r.items.push(index),
        None => group.recommendations.push(AgendaRecommendation {
            id: rec_id,
            label,
            heading,
            items: vec![index],
        }),
    }
}

/// The agenda for `choice`, given the calendar and today.
pub fn build(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    choice: MeetingChoice,
    today: Date,
) -> Agenda {
    let date = match choice {
        MeetingChoice::Next => next_meeting(committees, today).map(|m| m.date),
        MeetingChoice::On(d) => Some(d),
        MeetingChoice::Unscheduled => None,
    };
    let committee = date.and_then(|d| {
        committees
            .iter()
            .find(|c| c.select && c.meetings.contains(&d))
            .or_else(|| committees.iter().find(|c| c.meetings.contains(&d)))
            .map(|c| c.name.clone())
    });
    let mut agenda = Agenda {
        date,
        committee,
        past: date.is_some_and(|d| d < today),
        reports: Vec::new(),
        sign_off: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        if !is_for(item, date, committees, today) {
            continue;
        }
        let section = if item.proposed_for_sign_off() {
            &mut agenda.sign_off
        } else {
            &mut agenda.reports
        };
        place(section, reports, item, i);
    }
    agenda
}

/// Every meeting that has items waiting for it: scheduled dates first, then the
/// unscheduled next meeting if items wait for it.
pub fn meetings_with_items(
    items: &[Item],
    committees: &[Committee],
    today: Date,
) -> Vec<Option<Date>> {
    let mut dates: Vec<Option<Date>> = items
        .iter()
        .filter_map(|i| match i.readiness(committees, today) {
            Readiness::Upcoming(d) => Some(d),
            _ => None,
        })
        .collect();
    dates.sort_by(|a, b| match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    dates.dedup();
    dates
}
