//! What goes to which meeting: the items marked ready for it, grouped by report and
//! recommendation, and the forms the agenda is exported in.

pub mod export;

pub use export::{to_csv, to_json, to_markdown};

use crate::model::{Committee, Item, Meeting, ReadyFor, Report, next_meeting};
use jiff::civil::Date;

/// Which meeting an agenda is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingChoice {
    Next,
    On(Date),
}

impl MeetingChoice {
    pub fn parse(text: &str) -> Option<MeetingChoice> {
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
    pub reports: Vec<AgendaReport>,
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
        self.reports
            .iter()
            .flat_map(|r| &r.recommendations)
            .map(|r| r.items.len())
            .sum()
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

    /// Every item on the agenda, in agenda order.
    pub fn items(&self) -> impl Iterator<Item = usize> + '_ {
        self.reports
            .iter()
            .flat_map(|r| &r.recommendations)
            .flat_map(|r| r.items.iter().copied())
    }
}

/// Whether an item is ready for the meeting on `date` (None: the unscheduled next one).
fn is_for(item: &Item, date: Option<Date>, next: Option<&Meeting>) -> bool {
    match (item.tracking.ready_for, date) {
        (None, _) => false,
        (Some(ReadyFor::Next), None) => true,
        (Some(r), Some(d)) => {
            let resolved = match r {
                ReadyFor::Meeting(m) => Some(m),
                ReadyFor::Next => next.map(|m| m.date),
            };
            resolved == Some(d)
        }
        (Some(ReadyFor::Meeting(_)), None) => false,
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
    let next = next_meeting(committees, today);
    let date = match choice {
        MeetingChoice::Next => next.as_ref().map(|m| m.date),
        MeetingChoice::On(d) => Some(d),
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
        reports: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        if !is_for(item, date, next.as_ref()) {
            continue;
        }
        let report = &reports[item.report];
        let rec_id = item.recommendation_ids.first().cloned().unwrap_or_default();
        let rec = report.recommendations.iter().find(|r| r.id == rec_id);
        let label = if item.recommendations.len() > 1 {
            item.recommendations.join(", ")
        } else {
            rec.map_or(rec_id.clone(), |r| r.label().to_string())
        };
        let heading = rec.map(|r| r.heading.clone()).unwrap_or_default();
        let group = match agenda.reports.iter_mut().find(|r| r.report == item.report) {
            Some(g) => g,
            None => {
                agenda.reports.push(AgendaReport {
                    report: item.report,
                    recommendations: Vec::new(),
                });
                let last = agenda.reports.len() - 1;
                &mut agenda.reports[last]
            }
        };
        match group.recommendations.iter_mut().find(|r| r.id == rec_id) {
            Some(r) => r.items.push(i),
            None => group.recommendations.push(AgendaRecommendation {
                id: rec_id,
                label,
                heading,
                items: vec![i],
            }),
        }
    }
    agenda
}

/// Every meeting that has items marked for it: scheduled dates, then the unscheduled
/// next meeting if items wait for it.
pub fn meetings_with_items(
    items: &[Item],
    committees: &[Committee],
    today: Date,
) -> Vec<Option<Date>> {
    let next = next_meeting(committees, today);
    let mut dates: Vec<Option<Date>> = items
        .iter()
        .filter_map(|i| match i.tracking.ready_for? {
            ReadyFor::Meeting(d) => Some(Some(d)),
            ReadyFor::Next => Some(next.as_ref().map(|m| m.date)),
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
