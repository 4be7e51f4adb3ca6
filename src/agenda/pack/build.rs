//! Building the pack of one meeting's agenda: the cover, the summary, the requests of
//! the committee, and each report's recommendations and items.

use super::history::presented_before;
use super::key::key;
use super::words::{and_list, capitalise, date_words, day, plural, utc_day};
use super::*;
use crate::agenda::{Agenda, AgendaReport};
use crate::model::{Change, ChangeKind, DeadlineKind, ItemKind};

/// Builds the pack of `agenda` (one committee's meeting, from `build_for`), with the
/// clerk's own requests of the committee (`asks`) after the standard ones.
pub fn build(input: PackInput<'_>, agenda: &Agenda, asks: &[String]) -> Pack {
    let committee = agenda
        .committee_id
        .as_deref()
        .and_then(|id| input.committees.iter().find(|c| c.id == id));
    let until = agenda.date.unwrap_or(input.today);
    let previous = committee.and_then(|c| match agenda.date {
        Some(d) => c.meeting_before(d),
        None => c.meeting_before(input.today.tomorrow().unwrap_or(input.today)),
    });
    let several = agenda
        .reports
        .iter()
        .chain(&agenda.sign_off)
        .map(|g| g.report)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;
    let ctx = Ctx {
        input,
        agenda,
        previous,
        until,
        unnamed: Default::default(),
    };
    let progress = ctx.reports(&agenda.reports);
    let sign_off = ctx.reports(&agenda.sign_off);
    let summary = ctx.summary(&progress, &sign_off, committee, several);
    let asks = standard_asks(&summary, asks);
    let changes = ctx.changes(committee);
    let key = key(input, agenda);
    Pack {
        cover: cover(input, agenda, committee),
        today: input.today,
        past: agenda.past,
        summary,
        asks,
        progress,
        sign_off,
        changes,
        key,
        unnamed_logins: ctx.unnamed.take(),
    }
}

pub(super) fn cover(input: PackInput<'_>, agenda: &Agenda, committee: Option<&Committee>) -> Cover {
    let council = committee.map(|c| c.authority.clone()).unwrap_or_else(|| {
        // With no committee, the council of the reports, when they share one.
        let mut councils: Vec<&str> = agenda
            .reports
            .iter()
            .chain(&agenda.sign_off)
            .map(|g| input.reports[g.report].authority.as_str())
            .filter(|a| !a.is_empty())
            .collect();
        councils.dedup();
        if councils.len() == 1 {
            councils[0].to_string()
        } else {
            String::new()
        }
    });
    Cover {
        council,
        committee: agenda
            .committee
            .clone()
            .unwrap_or_else(|| "Next select committee".to_string()),
        date: agenda.date,
        date_inferred: agenda.date_inferred.clone(),
        time: committee.map(|c| c.time.clone()).unwrap_or_default(),
        venue: committee.map(|c| c.venue.clone()).unwrap_or_default(),
        contact: committee.map(|c| c.contact.clone()).unwrap_or_default(),
        title: TITLE,
    }
}

/// What the committee is asked to do: note the progress reports, agree the items
/// proposed for sign-off, and whatever the clerk adds.
pub(super) fn standard_asks(summary: &Summary, extra: &[String]) -> Vec<String> {
    let mut asks = Vec::new();
    if summary.progress > 0 {
        asks.push(format!(
            "note the progress reported on {} (Progress reports)",
            plural(summary.progress, "item", "items")
        ));
    }
    if !summary.sign_off.is_empty() {
        asks.push(format!(
            "agree that {} {}, reported complete, be signed off and closed (Proposed for sign-off)",
            if summary.sign_off.len() == 1 {
                "item"
            } else {
                "items"
            },
            summary.sign_off.phrase()
        ));
    }
    asks.extend(
        extra
            .iter()
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty()),
    );
    asks
}

pub(super) struct Ctx<'a> {
    pub(super) input: PackInput<'a>,
    pub(super) agenda: &'a Agenda,
    pub(super) previous: Option<Date>,
    pub(super) until: Date,
    /// Logins that signed something in the pack with no person in the directory.
    pub(super) unnamed: std::cell::RefCell<Vec<String>>,
}

impl Ctx<'_> {
    pub(super) fn in_period(&self, at: jiff::Timestamp) -> bool {
        let d = utc_day(at);
        d <= self.until && self.previous.is_none_or(|p| d > p)
    }

    /// The person a history entry's login names: their name from the directory, or the
    /// login as recorded.
    pub(super) fn author(&self, by: &str) -> String {
        // The login is the account's; a different `$USER` beside it is for the history.
        let login = by.split(" (as given: ").next().unwrap_or(by);
        match self.input.people.by_login(login) {
            Some(o) if o.role.trim().is_empty() => o.name.clone(),
            Some(o) => format!("{}, {}", o.name, o.role.trim()),
            None => {
                let mut unnamed = self.unnamed.borrow_mut();
                if !unnamed.iter().any(|l| l == login) {
                    unnamed.push(login.to_string());
                }
                login.to_string()
            }
        }
    }

    fn reports(&self, groups: &[AgendaReport]) -> Vec<PackReport> {
        groups.iter().map(|g| self.report(g)).collect()
    }

    fn report(&self, group: &AgendaReport) -> PackReport {
        let r = &self.input.reports[group.report];
        let mut groups: Vec<PackGroup> = Vec::new();
        let mut keys: Vec<Vec<String>> = Vec::new();
        for rec in &group.recommendations {
            for &i in &rec.items {
                let item = &self.input.items[i];
                let key: Vec<String> = item.recommendation_ids.to_vec();
                let at = match keys.iter().position(|k| *k == key) {
                    Some(at) => at,
                    None => {
                        keys.push(key.clone());
                        groups.push(PackGroup {
                            recommendations: key
                                .iter()
                                .filter_map(|id| r.recommendations.iter().find(|x| &x.id == id))
                                .map(|x| self.recommendation(x))
                                .collect(),
                            items: Vec::new(),
                        });
                        groups.len() - 1
                    }
                };
                groups[at].items.push(self.item(r, i));
            }
        }
        PackReport {
            id: r.id.clone(),
            title: r.title.clone(),
            authority: r.authority.clone(),
            inspectorate: r.inspectorate.clone(),
            inspection: r.inspection.clone(),
            date: r.date,
            judgements: r
                .judgements
                .iter()
                .map(|j| (j.domain.clone(), j.judgement.clone()))
                .collect(),
            groups,
        }
    }

    fn recommendation(&self, rec: &crate::model::Recommendation) -> PackRecommendation {
        let response = &rec.response;
        let answered_on = response
            .history
            .iter()
            .rev()
            .find(|c| c.kind == ChangeKind::Response)
            .map(|c| utc_day(c.at));
        let word = match response.kind {
            ResponseKind::Awaiting => "Awaited".to_string(),
            other => capitalise(other.label()),
        };
        let response_text = match (response.kind, answered_on) {
            (ResponseKind::Awaiting, _) | (_, None) => word,
            (_, Some(d)) => format!("{word} ({})", day(d)),
        };
        let overdue = response.is_overdue(self.input.today);
        let due = match response.due {
            Some(d) if overdue => format!("Response overdue: it was due by {}", day(d)),
            Some(d) if response.kind == ResponseKind::Awaiting => {
                format!("Response due by {}", day(d))
            }
            _ => String::new(),
        };
        PackRecommendation {
            reference: rec.label().to_string(),
            heading: rec.heading.clone(),
            text: rec.text.to_string(),
            addressed_to: rec.addressed_to.clone(),
            response: response_text,
            response_kind: response.kind,
            response_reason: response.reason.clone(),
            response_due: due,
            response_overdue: overdue,
        }
    }

    fn item(&self, report: &Report, index: usize) -> PackItem {
        let item = &self.input.items[index];
        let today = self.input.today;
        let overdue = if item.is_overdue(today) {
            item.due().map(|due| {
                let days = due.until(today).map(|s| s.get_days()).unwrap_or(0);
                format!(
                    "Overdue: {} past its deadline of {}",
                    plural(days.unsigned_abs() as usize, "day", "days"),
                    day(due)
                )
            })
        } else {
            None
        };
        let undated = if item.due().is_some() {
            String::new()
        } else {
            match item.deadline.kind {
                DeadlineKind::Recurring => "Ongoing: no date given".to_string(),
                DeadlineKind::Unknown if item.timescale.trim().is_empty() => {
                    "No timescale given".to_string()
                }
                DeadlineKind::Unknown => "Timescale not understood: no date".to_string(),
                _ => format!("No date ({})", item.due_label()),
            }
        };
        let revisions = item
            .tracking
            .history
            .iter()
            .filter(|c| c.kind == ChangeKind::Revise)
            .map(|c| Revision {
                on: utc_day(c.at),
                from: date_words(&c.from),
                to: date_words(&c.to),
                reason: c.note.clone(),
                by: self.author(&c.by),
            })
            .collect();
        let latest_note = item
            .tracking
            .history
            .iter()
            .rev()
            .find(|c| is_progress(c))
            .map(|c| Note {
                text: c.note.clone(),
                on: utc_day(c.at),
                by: self.author(&c.by),
            });
        let presented = presented_before(item, self.input.committees, self.agenda.date);
        let carried_over = if presented.is_empty() {
            None
        } else {
            let dates: Vec<String> = presented.iter().map(|d| day(*d)).collect();
            Some(format!(
                "Presented at the meeting on {} and carried over to this one",
                and_list(&dates)
            ))
        };
        PackItem {
            index,
            reference: reference(report, item),
            id: item.id.clone(),
            text: item.text.to_string(),
            owners: item
                .owners
                .iter()
                .map(|o| self.input.people.get(*o).display())
                .collect(),
            timescale: item.timescale.to_string(),
            original: item.deadline.due,
            current: item.due(),
            undated,
            revisions,
            status: item.tracking.status,
            overdue,
            latest_note,
            carried_over,
            sign_off: item.proposed_for_sign_off(),
        }
    }

    fn summary(
        &self,
        progress: &[PackReport],
        sign_off: &[PackReport],
        committee: Option<&Committee>,
        several: bool,
    ) -> Summary {
        let refs = || Refs {
            groups: Vec::new(),
            several_reports: several,
        };
        let mut s = Summary {
            reported: 0,
            progress: 0,
            sign_off: refs(),
            by_status: Vec::new(),
            overdue: refs(),
            revised: refs(),
            responses_awaited: refs(),
            responses_overdue: refs(),
            carried_over: refs(),
            previous_meeting: self.previous,
            plan: committee.map(|c| self.plan_counts(c)),
        };
        let mut statuses = [0usize; 6];
        for (part, reports) in [(1, progress), (2, sign_off)] {
            for r in reports {
                for g in &r.groups {
                    for rec in &g.recommendations {
                        let label = rec.reference.clone();
                        let seen = s
                            .responses_awaited
                            .groups
                            .iter()
                            .any(|(t, refs)| *t == r.title && refs.contains(&label));
                        if rec.response_kind == ResponseKind::Awaiting && !seen {
                            s.responses_awaited.push(&r.title, &label);
                            if rec.response_overdue {
                                s.responses_overdue.push(&r.title, &label);
                            }
                        }
                    }
                    for item in &g.items {
                        s.reported += 1;
                        if part == 1 {
                            s.progress += 1;
                        } else {
                            s.sign_off.push(&r.title, &item.reference);
                        }
                        statuses[item.status as usize] += 1;
                        if item.overdue.is_some() {
                            s.overdue.push(&r.title, &item.reference);
                        }
                        let it = &self.input.items[item.index];
                        if it
                            .tracking
                            .history
                            .iter()
                            .any(|c| c.kind == ChangeKind::Revise && self.in_period(c.at))
                        {
                            s.revised.push(&r.title, &item.reference);
                        }
                        if item.carried_over.is_some() {
                            s.carried_over.push(&r.title, &item.reference);
                        }
                    }
                }
            }
        }
        s.by_status = Status::ALL
            .iter()
            .map(|st| (*st, statuses[*st as usize]))
            .filter(|(_, n)| *n > 0)
            .collect();
        for refs in [
            &mut s.sign_off,
            &mut s.overdue,
            &mut s.revised,
            &mut s.responses_awaited,
            &mut s.responses_overdue,
            &mut s.carried_over,
        ] {
            refs.sort();
        }
        s
    }

    /// The items this committee follows: those going to it, or, with no committee,
    /// those in the pack.
    pub(super) fn followed(&self, committee: Option<&Committee>) -> Vec<usize> {
        match committee {
            Some(c) => self
                .input
                .items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.goes_to(c, self.input.committees))
                .map(|(n, _)| n)
                .collect(),
            None => self.agenda.items().collect(),
        }
    }

    fn plan_counts(&self, committee: &Committee) -> PlanCounts {
        let followed = self.followed(Some(committee));
        let mut statuses = [0usize; 6];
        let mut overdue = 0;
        for &i in &followed {
            let item = &self.input.items[i];
            statuses[item.tracking.status as usize] += 1;
            overdue += usize::from(item.is_overdue(self.input.today));
        }
        PlanCounts {
            items: followed.len(),
            by_status: Status::ALL
                .iter()
                .map(|st| (*st, statuses[*st as usize]))
                .filter(|(_, n)| *n > 0)
                .collect(),
            overdue,
        }
    }
}

/// Whether a history entry is progress a committee reads: a note, or a status change
/// given with one.
pub(super) fn is_progress(c: &Change) -> bool {
    matches!(c.kind, ChangeKind::Note | ChangeKind::Status) && !c.note.trim().is_empty()
}

/// The reference a member knows an item by: its number in the action plan ("2.3b"),
/// or its recommendation's printed reference when it is tracked directly.
pub(super) fn reference(report: &Report, item: &Item) -> String {
    match item.kind {
        ItemKind::Action => report
            .actions
            .get(item.index)
            .map_or_else(|| item.id.clone(), |a| a.id.clone()),
        ItemKind::Recommendation => report
            .recommendations
            .get(item.index)
            .map_or_else(|| item.id.clone(), |r| r.label().to_string()),
    }
}

pub(super) fn short(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::text::truncate(&one, 110)
}
