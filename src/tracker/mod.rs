//! Trackers as councils keep them: spreadsheets (xlsx, xls, ods) and CSV exports, in
//! the many shapes councils use. A file becomes a grid of cells (`grid`), its columns
//! are recognised from their headers (`columns`, data in `columns.toml`), statuses
//! from the words councils use (`statuses`), and the grid becomes recommendations and
//! actions the way a clerk reads it (`read`). `export` writes the whole tracker back
//! out as CSV in a form that reads back in; `updates` is the officers' update round
//! trip. No file I/O here.

pub mod columns;
pub mod grid;
pub mod owners;
pub mod read;
pub mod statuses;
pub mod updates;

pub use columns::{Field, guess};
pub use read::{
    ImportedCell, Options, Plan, PlannedAction, PlannedRecommendation, PlannedState, RowError, read,
};
pub use statuses::Vocabulary;

use crate::model::{Item, ItemKind, Report};

/// The whole tracker (or one report's) as CSV, with headers `read` recognises, so an
/// export imports back into the same recommendations and actions.
pub fn export(reports: &[Report], items: &[Item], only: Option<usize>) -> String {
    let mut out = crate::text::csv_row(&[
        "Report",
        "Ref",
        "Recommendation",
        "Id",
        "Action",
        "Timescale",
        "Owner",
        "Status",
        "Progress",
        "Deadline",
        "Current deadline",
        "Ready for",
    ]);
    for (r, report) in reports.iter().enumerate() {
        if only.is_some_and(|o| o != r) {
            continue;
        }
        for rec in &report.recommendations {
            let rows: Vec<&Item> = items
                .iter()
                .filter(|i| i.report == r && i.recommendation_ids.contains(&rec.id))
                .collect();
            for item in rows {
                let (id, action) = match item.kind {
                    ItemKind::Action => (report.actions[item.index].id.as_str(), &*item.text),
                    ItemKind::Recommendation => ("", ""),
                };
                let progress = item
                    .tracking
                    .latest_note()
                    .map(|c| c.note.clone())
                    .unwrap_or_default();
                out.push_str(&crate::text::csv_row(&[
                    &report.id,
                    rec.label(),
                    &rec.text,
                    id,
                    action,
                    &item.timescale,
                    &item.owners_as_printed.join(" / "),
                    item.tracking.status.as_str(),
                    &progress,
                    &item.deadline.due.map(|d| d.to_string()).unwrap_or_default(),
                    &item.due().map(|d| d.to_string()).unwrap_or_default(),
                    &item
                        .tracking
                        .ready_for
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ]));
            }
        }
    }
    out
}
