//! What goes to which meeting: the items marked ready for it, grouped by report and
//! recommendation; the pack a committee is given (one model in `pack.rs`, laid out by
//! `html.rs`, `docx.rs` and `markdown.rs`); the data exports (CSV, JSON); and the
//! forward plan.

mod docx;
mod export;
mod html;
mod markdown;
pub mod pack;
mod plan;

pub use docx::to_docx;
pub use export::{Sources, rag, to_csv, to_json};
pub use html::to_html;
pub use markdown::to_markdown;
pub use pack::{Pack, PackInput};
pub use plan::{PlannedMeeting, forward_plan, unserved};

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
    /// The committee's name, where the calendar knows it.
    pub committee: Option<String>,
    /// The committee's id, when the agenda is one committee's.
    pub committee_id: Option<String>,
    /// Why the meeting's date is inferred rather than printed, when it is.
    pub date_inferred: Option<String>,
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

/// Whether an item goes to the meeting on `date` (None: the unscheduled next one), of
/// `committee` when one is given.
fn is_for(
    item: &Item,
    date: Option<Date>,
    committee: Option<&Committee>,
    committees: &[Committee],
    today: Date,
) -> bool {
    if committee.is_some_and(|c| !item.goes_to(c, committees)) {
        return false;
    }
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

/// The agenda for `choice`, given the calendar and today, whichever select committee
/// the items go to.
pub fn build(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    choice: MeetingChoice,
    today: Date,
) -> Agenda {
    build_for(reports, items, committees, None, choice, today)
}

/// The agenda of one committee's meeting (`committee`), or, with None, of whichever
/// select committee meets on the date `choice` names.
pub fn build_for(
    reports: &[Report],
    items: &[Item],
    committees: &[Committee],
    committee: Option<&Committee>,
    choice: MeetingChoice,
    today: Date,
) -> Agenda {
    let date = match (choice, committee) {
        (MeetingChoice::Next, Some(c)) => c.next_meeting(today),
        (MeetingChoice::Next, None) => next_meeting(committees, today).map(|m| m.date),
        (MeetingChoice::On(d), _) => Some(d),
        (MeetingChoice::Unscheduled, _) => None,
    };
    let meets = committee.or_else(|| {
        date.and_then(|d| {
            committees
                .iter()
                .find(|c| c.select && c.meetings.contains(&d))
                .or_else(|| committees.iter().find(|c| c.meetings.contains(&d)))
        })
    });
    let mut agenda = Agenda {
        date,
        committee: meets.map(|c| c.name.clone()),
        committee_id: committee.map(|c| c.id.clone()),
        date_inferred: date
            .zip(meets)
            .and_then(|(d, c)| c.date_inferred(d))
            .map(str::to_string),
        past: date.is_some_and(|d| d < today),
        reports: Vec::new(),
        sign_off: Vec::new(),
    };
    for (i, item) in items.iter().enumerate() {
        if !is_for(item, date, committee, committees, today) {
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

/// A meeting a pack or an agenda is made for: a committee's (or, with none, any select
/// committee's) meeting that `choice` names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target<'c> {
    pub committee: Option<&'c Committee>,
    pub choice: MeetingChoice,
}

/// The meetings `committee` (an id, or None for every select committee) and `choice`
/// name: with no committee, each select committee's next meeting (or, when none has
/// one, the items waiting for one); a date must be a meeting of the committee (or of a
/// select committee). Err is a message for the person, naming the meetings there are.
pub fn targets<'c>(
    committees: &'c [Committee],
    committee: Option<&str>,
    choice: MeetingChoice,
    today: Date,
) -> Result<Vec<Target<'c>>, String> {
    let select: Vec<&Committee> = committees.iter().filter(|c| c.select).collect();
    let chosen = match committee {
        None => None,
        Some(id) => {
            let id = id.trim();
            let found = committees
                .iter()
                .find(|c| c.id == id || c.name.eq_ignore_ascii_case(id));
            match found {
                Some(c) if c.select => Some(c),
                Some(c) => {
                    return Err(format!(
                        "`{}` is not a select committee (select = false in committees.toml); the select committees are: {}",
                        c.id,
                        committee_ids(&select)
                    ));
                }
                None => {
                    return Err(format!(
                        "committees.toml has no committee `{id}`; the select committees are: {}",
                        committee_ids(&select)
                    ));
                }
            }
        }
    };
    match (choice, chosen) {
        (MeetingChoice::On(d), Some(c)) if !c.meetings.contains(&d) => Err(format!(
            "{} does not meet on {d}; its meetings: {}",
            c.name,
            dates(&c.meetings)
        )),
        (MeetingChoice::On(d), None) => {
            let meeting: Vec<Target<'c>> = select
                .iter()
                .filter(|c| c.meetings.contains(&d))
                .map(|c| Target {
                    committee: Some(c),
                    choice,
                })
                .collect();
            if meeting.is_empty() {
                Err(format!(
                    "no select committee meets on {d}; the meetings in committees.toml: {}",
                    meetings_list(&select)
                ))
            } else {
                Ok(meeting)
            }
        }
        (_, Some(c)) => Ok(vec![Target {
            committee: Some(c),
            choice,
        }]),
        (MeetingChoice::Next, None) => {
            let mut next: Vec<(Date, &'c Committee)> = select
                .iter()
                .filter_map(|c| c.next_meeting(today).map(|d| (d, *c)))
                .collect();
            next.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.id.cmp(&y.id)));
            if next.is_empty() {
                return Ok(vec![Target {
                    committee: None,
                    choice: MeetingChoice::Next,
                }]);
            }
            Ok(next
                .into_iter()
                .map(|(_, c)| Target {
                    committee: Some(c),
                    choice: MeetingChoice::Next,
                })
                .collect())
        }
        (MeetingChoice::Unscheduled, None) => Ok(vec![Target {
            committee: None,
            choice,
        }]),
    }
}

/// Whether `item` can be marked for the meeting on `date`: it must be a meeting of a
/// select committee the item goes to. Err says why not, naming the meetings there are
/// (for the command line and the workbench alike).
pub fn check_meeting(
    item: &Item,
    report: &Report,
    committees: &[Committee],
    date: Date,
) -> Result<(), String> {
    let own = item.meets_at(committees);
    if own.iter().any(|c| c.meetings.contains(&date)) {
        return Ok(());
    }
    if own.is_empty() {
        let council = if report.authority.trim().is_empty() {
            "its report names no council".to_string()
        } else {
            format!("{} has none", report.authority.trim())
        };
        return Err(format!(
            "no select committee in committees.toml takes this item ({council}); add one, or mark it for `next` to wait for one"
        ));
    }
    let others: Vec<&str> = committees
        .iter()
        .filter(|c| c.meetings.contains(&date))
        .map(|c| c.name.as_str())
        .collect();
    let elsewhere = if others.is_empty() {
        String::new()
    } else {
        format!(
            " ({date} is a meeting of {}, which does not take it)",
            others.join(", ")
        )
    };
    Err(format!(
        "no meeting of its committee on {date}{elsewhere}; its meetings: {}",
        meetings_list(&own)
    ))
}

fn committee_ids(select: &[&Committee]) -> String {
    if select.is_empty() {
        return "none".to_string();
    }
    select
        .iter()
        .map(|c| format!("{} ({})", c.id, c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn dates(meetings: &[Date]) -> String {
    if meetings.is_empty() {
        return "none scheduled".to_string();
    }
    meetings
        .iter()
        .map(Date::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each committee with its meeting dates: "Cabinet (leicester-cabinet): 2003-09-22".
pub fn meetings_list(committees: &[&Committee]) -> String {
    if committees.is_empty() {
        return "none".to_string();
    }
    committees
        .iter()
        .map(|c| format!("{} ({}): {}", c.name, c.id, dates(&c.meetings)))
        .collect::<Vec<_>>()
        .join("; ")
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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn calendar() -> Vec<Committee> {
        let committee = |id: &str, authority: &str, select: bool, meetings: Vec<Date>| Committee {
            id: id.to_string(),
            name: id.to_uppercase(),
            authority: authority.to_string(),
            select,
            meetings,
            ..Committee::default()
        };
        vec![
            committee(
                "a-scrutiny",
                "A",
                true,
                vec![date(2003, 9, 17), date(2003, 10, 29)],
            ),
            committee("a-cabinet", "A", false, vec![date(2003, 9, 22)]),
            committee("b-select", "B", true, vec![date(2010, 9, 16)]),
        ]
    }

    fn ids(targets: &[Target<'_>]) -> Vec<String> {
        targets
            .iter()
            .map(|t| t.committee.map_or("-".to_string(), |c| c.id.clone()))
            .collect()
    }

    #[test]
    fn with_no_committee_each_select_committee_has_its_next_meeting() {
        let c = calendar();
        let t = targets(&c, None, MeetingChoice::Next, date(2003, 10, 1)).expect("targets");
        assert_eq!(ids(&t), ["a-scrutiny", "b-select"]);
        let later = targets(&c, None, MeetingChoice::Next, date(2011, 1, 1)).expect("targets");
        assert_eq!(ids(&later), ["-"], "none scheduled: the items waiting");
    }

    #[test]
    fn a_date_must_be_a_meeting_of_the_committee() {
        let c = calendar();
        let today = date(2003, 10, 1);
        let err = targets(&c, None, MeetingChoice::On(date(2003, 10, 30)), today)
            .expect_err("no meeting");
        assert!(
            err.contains("A-SCRUTINY (a-scrutiny): 2003-09-17, 2003-10-29"),
            "{err}"
        );
        let err = targets(
            &c,
            Some("a-scrutiny"),
            MeetingChoice::On(date(2010, 9, 16)),
            today,
        )
        .expect_err("another committee's meeting");
        assert!(err.contains("does not meet on 2010-09-16"), "{err}");
        assert!(targets(&c, Some("a-cabinet"), MeetingChoice::Next, today).is_err());
        assert!(targets(&c, Some("nobody"), MeetingChoice::Next, today).is_err());
        let on = targets(&c, None, MeetingChoice::On(date(2010, 9, 16)), today).expect("ok");
        assert_eq!(ids(&on), ["b-select"]);
    }
}
