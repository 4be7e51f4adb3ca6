//! What the items' histories tell the pack: the changes between the committee's
//! previous meeting and this one, and the earlier meetings an item went to.

use super::build::{Ctx, reference, short};
use super::words::{change_words, utc_day};
use super::{ChangeLine, ChangedThing, Changes};
use crate::model::{Change, ChangeKind, Committee, Item, ReadyFor, next_meeting_among};
use jiff::civil::Date;

impl Ctx<'_> {
    pub(super) fn changes(&self, committee: Option<&Committee>) -> Changes {
        let in_pack: Vec<usize> = self.agenda.items().collect();
        let mut entries = Vec::new();
        let mut recs_done: Vec<(usize, String)> = Vec::new();
        for i in self.followed(committee) {
            let item = &self.input.items[i];
            let report = &self.input.reports[item.report];
            // The executive's responses to the recommendations it answers, once each.
            for rec_id in item.recommendation_ids.iter() {
                if recs_done
                    .iter()
                    .any(|(r, id)| *r == item.report && id == rec_id)
                {
                    continue;
                }
                recs_done.push((item.report, rec_id.clone()));
                let Some(rec) = report.recommendations.iter().find(|r| &r.id == rec_id) else {
                    continue;
                };
                let lines = self.lines(&rec.response.history);
                if !lines.is_empty() {
                    entries.push(ChangedThing {
                        label: format!("Recommendation {}", rec.label()),
                        report: report.title.clone(),
                        text: short(&rec.text),
                        in_pack: in_pack.iter().any(|&n| {
                            self.input.items[n].report == item.report
                                && self.input.items[n].recommendation_ids.contains(rec_id)
                        }),
                        lines,
                    });
                }
            }
            let lines = self.lines(&item.tracking.history);
            if !lines.is_empty() {
                entries.push(ChangedThing {
                    label: format!("Item {}", reference(report, item)),
                    report: report.title.clone(),
                    text: short(&item.text),
                    in_pack: in_pack.contains(&i),
                    lines,
                });
            }
        }
        Changes {
            since: self.previous,
            until: self.until,
            entries,
        }
    }

    /// A history's changes in the period, in words; readiness marks are the clerk's
    /// bookkeeping, not news for the committee, and are left out.
    fn lines(&self, history: &[Change]) -> Vec<ChangeLine> {
        history
            .iter()
            .filter(|c| self.in_period(c.at))
            .filter_map(|c| {
                change_words(c).map(|what| ChangeLine {
                    on: utc_day(c.at),
                    by: self.author(&c.by),
                    what,
                })
            })
            .collect()
    }
}

/// The earlier meetings this item was marked for and went to (before `this`, the
/// meeting the pack is for; None: not yet scheduled), from its history: each readiness
/// mark but the current one, for the meeting it meant, unless a later mark or unmark
/// came before that meeting.
pub(super) fn presented_before(
    item: &Item,
    committees: &[Committee],
    this: Option<Date>,
) -> Vec<Date> {
    let history = &item.tracking.history;
    let current = history.iter().rposition(|c| c.kind == ChangeKind::Ready);
    let mut dates = Vec::new();
    for (k, c) in history.iter().enumerate() {
        if c.kind != ChangeKind::Ready || Some(k) == current {
            continue;
        }
        let marked = utc_day(c.at);
        let meeting = match ReadyFor::parse(&c.to) {
            Some(ReadyFor::Meeting(d)) => Some(d),
            Some(ReadyFor::Next) => {
                next_meeting_among(committees, &item.committees, marked).map(|m| m.date)
            }
            None => None,
        };
        let Some(meeting) = meeting else { continue };
        let superseded = history[k + 1..]
            .iter()
            .find(|x| matches!(x.kind, ChangeKind::Ready | ChangeKind::Unready))
            .map(|x| utc_day(x.at));
        let went = superseded.is_none_or(|s| meeting < s);
        if went && this.is_none_or(|t| meeting < t) && !dates.contains(&meeting) {
            dates.push(meeting);
        }
    }
    dates.sort();
    dates
}
