//! The forward plan: the next meetings of the select committees and, for each, what
//! is ready, what falls due before it, and what was promised back to it.

use super::{MeetingChoice, build};
use crate::model::{Committee, Item, People, Report};
use jiff::civil::Date;

/// One meeting of the forward plan (or, with no date, what waits for a meeting that
/// is not yet in the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub date: Option<Date>,
    pub committee: String,
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

/// The next `count` meetings of select committees from `today`, then what is promised
/// back to a committee after its last scheduled meeting.
pub fn forward_plan(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    people: &People,
    today: Date,
    count: usize,
) -> Vec<PlannedMeeting> {
    let mut meetings: Vec<(Date, &Committee)> = committees
        .iter()
        .filter(|c| c.select)
        .flat_map(|c| c.meetings.iter().map(move |d| (*d, c)))
        .filter(|(d, _)| *d >= today)
        .collect();
    meetings.sort_by_key(|(d, c)| (*d, c.id.clone()));
    meetings.truncate(count);
    let open = |i: &&Item| !i.tracking.status.is_done();
    let mut plan = Vec::new();
    // The first meeting's window starts today: what is already overdue is triage's.
    let mut previous = today.yesterday().ok();
    for (date, committee) in &meetings {
        let agenda = build(reports, items, committees, MeetingChoice::On(*date), today);
        let in_window = |i: &Item| {
            i.due()
                .is_some_and(|d| d <= *date && previous.is_none_or(|p| d > p))
        };
        let mut falling_due = Vec::new();
        let mut promised = Vec::new();
        for (n, item) in items.iter().enumerate().filter(|(_, i)| open(i)) {
            // A promise for a month ("a further report in March 2011") is kept at any
            // meeting in that month.
            let promised_by = item.due().map(|d| d.first_of_month());
            if promised_to(item, committee, people) && promised_by.is_some_and(|d| d <= *date) {
                promised.push(n);
            } else if in_window(item) {
                falling_due.push(n);
            }
        }
        plan.push(PlannedMeeting {
            date: Some(*date),
            committee: committee.name.clone(),
            ready: agenda.items().collect(),
            falling_due,
            promised,
        });
        previous = Some(*date);
    }
    // Promises to a committee with no meeting scheduled to hear them yet.
    for committee in committees.iter().filter(|c| c.select) {
        let last = meetings
            .iter()
            .filter(|(_, c)| c.id == committee.id)
            .map(|(d, _)| *d)
            .max();
        let waiting: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| open(i) && promised_to(i, committee, people))
            .filter(|(_, i)| {
                i.due()
                    .is_none_or(|d| last.is_none_or(|l| d.first_of_month() > l))
            })
            .map(|(n, _)| n)
            .collect();
        if !waiting.is_empty() {
            plan.push(PlannedMeeting {
                date: None,
                committee: committee.name.clone(),
                ready: Vec::new(),
                falling_due: Vec::new(),
                promised: waiting,
            });
        }
    }
    plan
}
