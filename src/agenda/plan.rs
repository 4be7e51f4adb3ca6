//! The forward plan: each select committee's next meetings and, for each, what is
//! ready, what falls due before it, and what was promised back to it; only ever the
//! items that go to that committee (its council's), never another council's.

use super::{MeetingChoice, build_for};
use crate::model::{Committee, Item, People, Report};
use jiff::civil::Date;

/// One meeting of the forward plan (or, with no date, what waits for a meeting that
/// is not yet in the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub date: Option<Date>,
    /// Why its date is inferred rather than printed, when it is.
    pub date_inferred: Option<String>,
    pub committee: String,
    pub committee_id: String,
    /// Items marked ready for it.
    pub ready: Vec<usize>,
    /// Unfinished items whose deadline falls after the previous meeting and by this one.
    pub falling_due: Vec<usize>,
    /// Unfinished items that report back to this committee (it owns them, or the
    /// recommendation is addressed to it) and are due by this meeting.
    pub promised: Vec<usize>,
}

/// Whether an owner's name names this committee ("Select Committee" names the
/// "Select Committee on Children's Services").
fn names_committee(name: &str, committee: &Committee) -> bool {
    let name = name.trim().to_lowercase();
    !name.is_empty()
        && name.contains("committee")
        && (committee.name.to_lowercase().contains(&name)
            || name.contains(&committee.name.to_lowercase()))
}

fn promised_to(item: &Item, committee: &Committee, people: &People) -> bool {
    item.owners
        .iter()
        .any(|o| names_committee(&people.get(*o).name, committee))
        || item
            .owners_as_printed
            .iter()
            .any(|o| names_committee(o, committee))
}

/// For each select committee (or only `only`, an id), its next `count` meetings from
/// `today`, then what is promised back to it after its last scheduled meeting. The
/// committees come in the order of their next meeting.
pub fn forward_plan(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    people: &People,
    today: Date,
    count: usize,
    only: Option<&str>,
) -> Vec<PlannedMeeting> {
    let mut chosen: Vec<&Committee> = committees
        .iter()
        .filter(|c| c.select && only.is_none_or(|id| c.id == id))
        .collect();
    chosen.sort_by_key(|c| (c.next_meeting(today).is_none(), c.next_meeting(today)));
    let mut plan = Vec::new();
    for committee in chosen {
        plan.extend(committee_plan(
            reports, items, committees, committee, people, today, count,
        ));
    }
    plan
}

fn committee_plan(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    committee: &Committee,
    people: &People,
    today: Date,
    count: usize,
) -> Vec<PlannedMeeting> {
    let mut meetings: Vec<Date> = committee
        .meetings
        .iter()
        .copied()
        .filter(|d| *d >= today)
        .collect();
    meetings.sort();
    meetings.truncate(count);
    let open: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.tracking.status.is_done() && i.goes_to(committee, committees))
        .map(|(n, _)| n)
        .collect();
    let mut plan = Vec::new();
    // The first meeting's window starts today: what is already overdue is triage's.
    let mut previous = today.yesterday().ok();
    for date in &meetings {
        let agenda = build_for(
            reports,
            items,
            committees,
            Some(committee),
            MeetingChoice::On(*date),
            today,
        );
        let mut falling_due = Vec::new();
        let mut promised = Vec::new();
        for &n in &open {
            let item = &items[n];
            // A promise for a month ("a further report in March 2011") is kept at any
            // meeting in that month.
            let promised_by = item.due().map(|d| d.first_of_month());
            let in_window = item
                .due()
                .is_some_and(|d| d <= *date && previous.is_none_or(|p| d > p));
            if promised_to(item, committee, people) && promised_by.is_some_and(|d| d <= *date) {
                promised.push(n);
            } else if in_window {
                falling_due.push(n);
            }
        }
        plan.push(PlannedMeeting {
            date: Some(*date),
            date_inferred: agenda.date_inferred.clone(),
            committee: committee.name.clone(),
            committee_id: committee.id.clone(),
            ready: agenda.items().collect(),
            falling_due,
            promised,
        });
        previous = Some(*date);
    }
    // Promises to the committee with no meeting scheduled to hear them yet.
    let last = meetings.last().copied();
    let waiting: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&n| promised_to(&items[n], committee, people))
        .filter(|&n| {
            items[n]
                .due()
                .is_none_or(|d| last.is_none_or(|l| d.first_of_month() > l))
        })
        .collect();
    if !waiting.is_empty() {
        plan.push(PlannedMeeting {
            date: None,
            date_inferred: None,
            committee: committee.name.clone(),
            committee_id: committee.id.clone(),
            ready: Vec::new(),
            falling_due: Vec::new(),
            promised: waiting,
        });
    }
    plan
}

/// The open items no select committee of the calendar follows (their report went to
/// none, and their council has none), which no plan can show.
pub fn unserved(items: &[Item], committees: &[Committee]) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.tracking.status.is_done() && i.meets_at(committees).is_empty())
        .map(|(n, _)| n)
        .collect()
}
