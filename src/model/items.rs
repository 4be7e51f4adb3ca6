//! Building the tracked items: every action, and every recommendation that no action
//! answers, joined with owners, deadlines and tracking state.

use super::{
    Action, Context, Deadline, DeadlineKind, Item, ItemKind, OwnerId, People, Quarters,
    Recommendation, Report, Tracking, quarters_implied, read_timescale,
};
use std::collections::HashMap;

/// The items of every report, in report order and, within a report, in the order of
/// its recommendations. Owners nobody in the directory matches are added as unlisted.
/// Their tracking state is the workspace's to attach.
///
/// The items of each report are made on every core (the timescales read, the
/// deadlines checked, the owners the directory knows resolved); then, in order, the
/// owners it does not know are added, so that their ids do not depend on the cores.
pub fn build(reports: &[Report], people: &mut People) -> Vec<Item> {
    let which: Vec<usize> = (0..reports.len()).collect();
    let known: &People = people;
    let parts = crate::parallel::in_parts(&which, 64, |part| {
        let mut items = Vec::with_capacity(part.iter().map(|&r| count(&reports[r])).sum());
        let mut timescales = Timescales::default();
        for &r in part {
            of_report(&reports[r], r, &mut timescales, &mut items);
        }
        for item in &mut items {
            resolve_known(item, known);
        }
        vec![items]
    });
    let mut items = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        items.extend(part);
    }
    for item in &mut items {
        if item.owners.is_empty() && !item.owners_as_printed.is_empty() {
            add_owners(item, people);
        }
    }
    items
}

/// How many items a report has: its actions, and its recommendations no action answers.
fn count(report: &Report) -> usize {
    let unanswered = report
        .recommendations
        .iter()
        .filter(|rec| !report.actions.iter().any(|a| a.answers.contains(&rec.id)));
    report.actions.len() + unanswered.count()
}

/// Timescales already read, by their text and what they are read against: a council
/// prints the same few again and again, and reading one costs more than finding it here.
#[derive(Default)]
struct Timescales<'r>(HashMap<(&'r str, Context<'r>), Deadline>);

impl<'r> Timescales<'r> {
    fn read(&mut self, timescale: &'r str, ctx: Context<'r>) -> Deadline {
        self.0
            .entry((timescale, ctx))
            .or_insert_with(|| read_timescale(timescale, &ctx))
            .clone()
    }
}

/// What a timescale of `report` is read against: the day its relative timescales count
/// from (the first of `recs` that gives its own `timescales_from`, else the report's,
/// else the paper's date) and the quarters the paper's timescales make clear.
fn context<'r>(
    report: &'r Report,
    recs: &[&'r Recommendation],
    quarters: Option<Quarters>,
) -> Context<'r> {
    let why = |note: &'r str, otherwise: &'static str| -> &'r str {
        if note.trim().is_empty() {
            otherwise
        } else {
            note
        }
    };
    if let Some(rec) = recs.iter().find(|r| r.timescales_from.is_some()) {
        return Context {
            base: rec.timescales_from,
            base_is: why(
                &rec.timescales_from_note,
                "the day this recommendation's timescales count from",
            ),
            quarters,
        };
    }
    if report.timescales_from.is_some() {
        return Context {
            base: report.timescales_from,
            base_is: why(
                &report.timescales_from_note,
                "the day the report's timescales count from",
            ),
            quarters,
        };
    }
    Context {
        base: report.date,
        base_is: "",
        quarters,
    }
}

/// The quarters a report's timescales, taken together, make clear (financial where they
/// name financial years, calendar where they say so, neither where they say both).
fn quarters_of(report: &Report) -> Option<Quarters> {
    // Each distinct timescale once: a council prints the same few again and again.
    let printed: std::collections::HashSet<&str> = report
        .recommendations
        .iter()
        .map(|r| &*r.timescale)
        .chain(report.actions.iter().map(|a| &*a.timescale))
        .collect();
    quarters_implied(printed)
}

/// Appends the items of report `r` to `items`, without owners or tracking state.
fn of_report<'r>(
    report: &'r Report,
    r: usize,
    timescales: &mut Timescales<'r>,
    items: &mut Vec<Item>,
) {
    let quarters = quarters_of(report);
    let mut emitted = vec![false; report.actions.len()];
    for (i, rec) in report.recommendations.iter().enumerate() {
        let mut answered = false;
        for (a, action) in report.actions.iter().enumerate() {
            if action.answers.contains(&rec.id) {
                answered = true;
                if !emitted[a] {
                    emitted[a] = true;
                    items.push(action_item(report, r, a, action, quarters, timescales));
                }
            }
        }
        if !answered {
            items.push(recommendation_item(report, r, i, rec, quarters, timescales));
        }
    }
    for (a, action) in report.actions.iter().enumerate() {
        if !emitted[a] {
            items.push(action_item(report, r, a, action, quarters, timescales));
        }
    }
}

fn action_item<'r>(
    report: &'r Report,
    r: usize,
    a: usize,
    action: &'r Action,
    quarters: Option<Quarters>,
    timescales: &mut Timescales<'r>,
) -> Item {
    let recs: Vec<&Recommendation> = action
        .answers
        .iter()
        .filter_map(|id| report.recommendations.iter().find(|x| &x.id == id))
        .collect();
    let mut item = Item {
        id: format!("{}/{}", report.id, action.id),
        kind: ItemKind::Action,
        report: r,
        index: a,
        recommendation_ids: action.answers.clone(),
        recommendations: action
            .answers
            .iter()
            .map(|id| {
                recs.iter()
                    .find(|x| &x.id == id)
                    .map_or(id.clone(), |x| x.label().to_string())
            })
            .collect(),
        text: action.text.clone(),
        timescale: action.timescale.clone(),
        deadline: timescales.read(&action.timescale, context(report, &recs, quarters)),
        owners: Vec::new(),
        owners_as_printed: action.owners.clone(),
        tracking: Tracking::default(),
        warnings: Vec::new(),
        committees: Default::default(),
    };
    check_deadline(&mut item, report);
    item
}

fn recommendation_item<'r>(
    report: &'r Report,
    r: usize,
    i: usize,
    rec: &'r Recommendation,
    quarters: Option<Quarters>,
    timescales: &mut Timescales<'r>,
) -> Item {
    let owners = if rec.owners.is_empty() && !rec.addressed_to.is_empty() {
        std::sync::Arc::from([rec.addressed_to.clone()])
    } else {
        rec.owners.clone()
    };
    let mut item = Item {
        id: format!("{}/{}", report.id, rec.id),
        kind: ItemKind::Recommendation,
        report: r,
        index: i,
        recommendation_ids: std::sync::Arc::from([rec.id.clone()]),
        recommendations: vec![rec.label().to_string()],
        text: rec.text.clone(),
        timescale: rec.timescale.clone(),
        deadline: timescales.read(&rec.timescale, context(report, &[rec], quarters)),
        owners: Vec::new(),
        owners_as_printed: owners,
        tracking: Tracking::default(),
        warnings: Vec::new(),
        committees: Default::default(),
    };
    check_deadline(&mut item, report);
    item
}

/// Resolves the owners of an item when the directory knows every one of them;
/// otherwise `add_owners` does, in order, adding those it does not know.
fn resolve_known(item: &mut Item, people: &People) {
    let mut owners: Vec<OwnerId> = Vec::with_capacity(item.owners_as_printed.len());
    for printed in item.owners_as_printed.iter() {
        let Some(id) = people.resolve(printed) else {
            return;
        };
        if !owners.contains(&id) {
            owners.push(id);
        }
    }
    item.owners = owners;
}

/// Resolves every owner of an item, adding those the directory does not know, with a
/// warning for each (before the item's other warnings).
fn add_owners(item: &mut Item, people: &mut People) {
    let mut owners: Vec<OwnerId> = Vec::new();
    let mut warnings = Vec::new();
    for printed in item.owners_as_printed.iter() {
        let (id, known) = people.resolve_or_add(printed);
        if !known {
            warnings.push(format!("owner `{printed}` is not in people.toml"));
        }
        if !owners.contains(&id) {
            owners.push(id);
        }
    }
    item.owners = owners;
    if !warnings.is_empty() {
        warnings.append(&mut item.warnings);
        item.warnings = warnings;
    }
}

/// Notes what looks wrong with an item's deadline, and what a clerk must chase. A
/// timescale the source does not give is silence, not a fault: nothing is noted.
fn check_deadline(item: &mut Item, report: &Report) {
    let d = &item.deadline;
    let printed = item.timescale.replace('\n', " / ");
    // A date printed in full before the paper (or the day its timescales count from) is
    // suspect; one counted from a day is after that day by construction.
    let floor = match (report.date, report.timescales_from) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let warning = match (d.kind, d.due, floor) {
        (_, Some(due), Some(date)) if due < date && d.counted_from.is_none() => Some(format!(
            "deadline {due} (`{printed}`) is before the paper's own date {date}: probably a mistake in the source, kept as printed"
        )),
        // (An empty timescale reads as not given, never as unknown.)
        (DeadlineKind::Unknown, _, _) => Some(format!(
            "timescale `{printed}` not understood: kept as printed, no deadline"
        )),
        (DeadlineKind::ToBeConfirmed, _, _) => Some(format!(
            "timescale `{printed}`: date to be confirmed; chase the owner for one"
        )),
        (DeadlineKind::Ambiguous, _, _) => Some(format!(
            "timescale `{printed}` is ambiguous ({}): kept as printed, no deadline until it is revised",
            d.explanation
        )),
        (DeadlineKind::LikelyTypo, _, _) => Some(format!(
            "timescale `{printed}` looks like a typo ({}): kept as printed, not corrected; no deadline until it is revised",
            d.explanation
        )),
        (DeadlineKind::Immediate | DeadlineKind::Relative, None, _) => Some(format!(
            "timescale `{printed}` counts from the paper's date, which the paper does not give"
        )),
        _ => None,
    };
    item.warnings.extend(warning);
}
