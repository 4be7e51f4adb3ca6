//! Building the tracked items: every action, and every recommendation that no action
//! answers, joined with owners, deadlines and tracking state.

use super::{
    Action, DeadlineKind, Item, ItemKind, OwnerId, People, Recommendation, Report, Tracking,
    parse_timescale,
};
use std::collections::BTreeMap;

/// The items of every report, in report order and, within a report, in the order of
/// its recommendations. Owners nobody in the directory matches are added as unlisted.
/// Each item takes its state out of `tracking`; what is left there belongs to no item.
pub fn build(
    reports: &[Report],
    people: &mut People,
    tracking: &mut BTreeMap<String, Tracking>,
) -> Vec<Item> {
    // Counted first: at 100,000 items, a vector left to grow holds a quarter more.
    let count: usize = reports
        .iter()
        .map(|report| {
            let unanswered = report
                .recommendations
                .iter()
                .filter(|rec| !report.actions.iter().any(|a| a.answers.contains(&rec.id)));
            report.actions.len() + unanswered.count()
        })
        .sum();
    let mut items = Vec::with_capacity(count);
    for (r, report) in reports.iter().enumerate() {
        let mut emitted = vec![false; report.actions.len()];
        for (i, rec) in report.recommendations.iter().enumerate() {
            let mut answered = false;
            for (a, action) in report.actions.iter().enumerate() {
                if action.answers.contains(&rec.id) {
                    answered = true;
                    if !emitted[a] {
                        emitted[a] = true;
                        items.push(action_item(report, r, a, action, people, tracking));
                    }
                }
            }
            if !answered {
                items.push(recommendation_item(report, r, i, rec, people, tracking));
            }
        }
        for (a, action) in report.actions.iter().enumerate() {
            if !emitted[a] {
                items.push(action_item(report, r, a, action, people, tracking));
            }
        }
    }
    items
}

fn action_item(
    report: &Report,
    r: usize,
    a: usize,
    action: &Action,
    people: &mut People,
    tracking: &mut BTreeMap<String, Tracking>,
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
        deadline: parse_timescale(&action.timescale, report.date),
        owners: Vec::new(),
        owners_as_printed: action.owners.clone(),
        tracking: Tracking::default(),
        warnings: Vec::new(),
        committees: Vec::new(),
    };
    finish(&mut item, report, people, tracking);
    item
}

fn recommendation_item(
    report: &Report,
    r: usize,
    i: usize,
    rec: &Recommendation,
    people: &mut People,
    tracking: &mut BTreeMap<String, Tracking>,
) -> Item {
    let mut owners = rec.owners.clone();
    if owners.is_empty() && !rec.addressed_to.is_empty() {
        owners.push(rec.addressed_to.clone());
    }
    let mut item = Item {
        id: format!("{}/{}", report.id, rec.id),
        kind: ItemKind::Recommendation,
        report: r,
        index: i,
        recommendation_ids: vec![rec.id.clone()],
        recommendations: vec![rec.label().to_string()],
        text: rec.text.clone(),
        timescale: rec.timescale.clone(),
        deadline: parse_timescale(&rec.timescale, report.date),
        owners: Vec::new(),
        owners_as_printed: owners,
        tracking: Tracking::default(),
        warnings: Vec::new(),
        committees: Vec::new(),
    };
    finish(&mut item, report, people, tracking);
    item
}

/// Resolves owners, attaches tracking state and notes what looks wrong.
fn finish(
    item: &mut Item,
    report: &Report,
    people: &mut People,
    tracking: &mut BTreeMap<String, Tracking>,
) {
    let mut owners: Vec<OwnerId> = Vec::new();
    for printed in &item.owners_as_printed {
        let (id, known) = people.resolve_or_add(printed);
        if !known {
            item.warnings
                .push(format!("owner `{printed}` is not in people.toml"));
        }
        if !owners.contains(&id) {
            owners.push(id);
        }
    }
    item.owners = owners;
    if let Some(t) = tracking.remove(&item.id) {
        item.tracking = t;
    }
    let d = &item.deadline;
    match (d.kind, d.due, report.date) {
        (_, Some(due), Some(date)) if due < date => item.warnings.push(format!(
            "deadline {due} (`{}`) is before the paper's own date {date}: probably a mistake in the source, kept as printed",
            item.timescale.replace('\n', " / ")
        )),
        (DeadlineKind::Unknown, _, _) if !item.timescale.trim().is_empty() => item.warnings.push(
            format!("timescale `{}` not understood: kept as printed, no deadline", item.timescale.replace('\n', " / ")),
        ),
        (DeadlineKind::Immediate | DeadlineKind::Relative, None, None) => item.warnings.push(format!(
            "timescale `{}` counts from the paper's date, which the paper does not give",
            item.timescale
        )),
        _ => {}
    }
}
