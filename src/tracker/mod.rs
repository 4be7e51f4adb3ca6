//! Trackers as councils keep them: a spreadsheet exported to CSV. Reading one into
//! recommendations and actions (guessing which column is which), and writing the
//! whole tracker back out in a form that reads back in. No file I/O here.

use crate::model::{Item, ItemKind, Report, Status};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Ref,
    Recommendation,
    Action,
    Timescale,
    Owner,
    Status,
    Progress,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Id,
        Field::Ref,
        Field::Recommendation,
        Field::Action,
        Field::Timescale,
        Field::Owner,
        Field::Status,
        Field::Progress,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Ref => "ref",
            Field::Recommendation => "recommendation",
            Field::Action => "action",
            Field::Timescale => "timescale",
            Field::Owner => "owner",
            Field::Status => "status",
            Field::Progress => "progress",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == text.trim())
    }

    /// The header names real trackers use for this field, compared after `header_key`.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "id",
                "itemid",
                "actionid",
                "actionno",
                "actionnumber",
                "actionref",
            ],
            Field::Ref => &[
                "ref",
                "reference",
                "no",
                "number",
                "recno",
                "recommendationno",
                "recommendationnumber",
                "recommendationref",
                "recref",
                "para",
                "paragraph",
                "item",
                "#",
            ],
            Field::Recommendation => &[
                "recommendation",
                "recommendations",
                "areaforimprovement",
                "areasforimprovement",
                "areafordevelopment",
                "areasfordevelopment",
                "finding",
                "issue",
                "improvementrequired",
                "recommendationtext",
            ],
            Field::Action => &[
                "action",
                "actions",
                "actionproposed",
                "proposedaction",
                "agreedaction",
                "actionrequired",
                "actiontobetaken",
                "actionsplanned",
                "plannedaction",
                "whatwewilldo",
                "actionplanned",
                "keyactions",
                "task",
                "tasks",
            ],
            Field::Timescale => &[
                "timescale",
                "timescales",
                "targetdate",
                "deadline",
                "duedate",
                "due",
                "bywhen",
                "completiondate",
                "targetcompletiondate",
                "target",
                "date",
                "when",
                "timeframe",
            ],
            Field::Owner => &[
                "leadofficer",
                "personresponsible",
                "owner",
                "owners",
                "responsibleofficer",
                "lead",
                "responsible",
                "who",
                "officer",
                "leadperson",
                "accountableofficer",
                "responsibility",
                "leadmanager",
                "actionowner",
            ],
            Field::Status => &[
                "status",
                "rag",
                "ragstatus",
                "rating",
                "ragrating",
                "currentstatus",
            ],
            Field::Progress => &[
                "progress",
                "update",
                "progressupdate",
                "comments",
                "comment",
                "latestupdate",
                "notes",
                "note",
                "progresstodate",
                "commentary",
                "evidence",
            ],
        }
    }
}

/// A header reduced to what identifies it: lower case letters and digits only.
fn header_key(header: &str) -> String {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '#')
        .flat_map(char::to_lowercase)
        .collect();
    key
}

/// The field a header most likely names.
pub fn guess(header: &str) -> Option<Field> {
    let key = header_key(header);
    Field::ALL
        .into_iter()
        .find(|f| f.names().contains(&key.as_str()))
}

/// The delimiter a CSV export most likely uses: comma, semicolon or tab, whichever
/// splits the first line into the most columns.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.matches(char::from(*d)).count(), *d == b','))
        .unwrap_or(b',')
}

/// A status as trackers write it: RAG colours, words, or scrutineer's own names.
pub fn status_from_tracker(text: &str) -> Option<Status> {
    let key = header_key(text);
    Some(match key.as_str() {
        "" => return None,
        "green" | "g" | "ontrack" | "inprogress" | "progressing" => Status::OnTrack,
        "amber" | "a" | "atrisk" | "delayed" | "slipping" => Status::AtRisk,
        "red" | "r" | "offtrack" | "notontrack" | "overdue" => Status::OffTrack,
        "complete" | "completed" | "done" | "blue" | "achieved" | "implemented" => Status::Complete,
        "signedoff" | "closed" => Status::SignedOff,
        "notstarted" | "notyetstarted" | "new" | "open" => Status::NotStarted,
        _ => return None,
    })
}

/// One problem with the tracker, at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedRecommendation {
    pub id: String,
    pub text: String,
    pub line: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedAction {
    pub id: String,
    pub answers: Vec<String>,
    pub text: String,
    pub timescale: String,
    pub owners: Vec<String>,
    pub owners_printed: String,
    pub status: Option<Status>,
    pub progress: String,
    pub line: u64,
}

/// What a tracker would add to a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Each column's header and what it was taken as (None: ignored).
    pub columns: Vec<(String, Option<Field>)>,
    pub recommendations: Vec<PlannedRecommendation>,
    pub actions: Vec<PlannedAction>,
    /// Statuses and progress of recommendations tracked directly (no action).
    pub recommendation_states: Vec<(String, Option<Status>, String)>,
}

/// Splits an owners cell into owners: "KS / J.Randall", "Lead; Deputy", "A and B".
pub fn split_owners(cell: &str) -> Vec<String> {
    cell.split(['/', ';', ',', '&', '\n'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads a tracker. `mapping` names columns explicitly (field, header) and wins over
/// guesses. Every bad row is reported; a plan is returned only when there are none.
pub fn read(text: &str, mapping: &[(Field, String)]) -> Result<Plan, Vec<RowError>> {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(vec![RowError {
                line: 1,
                message: format!("cannot read the header row: {e}"),
            }]);
        }
    };
    let mut errors = Vec::new();
    let mut columns: Vec<(String, Option<Field>)> =
        headers.iter().map(|h| (h.clone(), guess(h))).collect();
    for (field, header) in mapping {
        match headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(header.trim()))
        {
            Some(i) => {
                for c in columns.iter_mut() {
                    if c.1 == Some(*field) {
                        c.1 = None;
                    }
                }
                columns[i].1 = Some(*field);
            }
            None => errors.push(RowError {
                line: 1,
                message: format!(
                    "no column is headed `{header}` (the headers are: {})",
                    headers.join(", ")
                ),
            }),
        }
    }
    // A field guessed for two columns: the first keeps it.
    for i in 0..columns.len() {
        if let Some(f) = columns[i].1
            && columns[..i].iter().any(|c| c.1 == Some(f))
        {
            columns[i].1 = None;
        }
    }
    let col = |f: Field| columns.iter().position(|c| c.1 == Some(f));
    if col(Field::Action).is_none() && col(Field::Recommendation).is_none() {
        errors.push(RowError {
            line: 1,
            message: format!(
                "no column looks like actions or recommendations (headers: {}); name one with --map action=HEADER",
                headers.join(", ")
            ),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut plan = Plan {
        columns: columns.clone(),
        ..Plan::default()
    };
    let mut letters: std::collections::HashMap<String, u32> = Default::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    message: format!("cannot read this row: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |f: Field| {
            col(f)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or_default()
                .to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let reference = cell(Field::Ref);
        let rec_text = cell(Field::Recommendation);
        let action = cell(Field::Action);
        let status_text = cell(Field::Status);
        let status = status_from_tracker(&status_text);
        if !status_text.is_empty() && status.is_none() {
            errors.push(RowError {
                line,
                message: format!(
                    "status `{status_text}` is not one a tracker uses (Green, Amber, Red, Complete, Not started, or {})",
                    Status::names()
                ),
            });
            continue;
        }
        let refs: Vec<String> = reference
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if refs.is_empty() && action.is_empty() && rec_text.is_empty() {
            errors.push(RowError {
                line,
                message: "row has no reference, recommendation or action".to_string(),
            });
            continue;
        }
        // A recommendation without a printed reference is numbered by its row.
        let refs = if refs.is_empty() {
            vec![format!("row-{line}")]
        } else {
            refs
        };
        for r in &refs {
            match plan.recommendations.iter_mut().find(|p| &p.id == r) {
                Some(p) if p.text.is_empty() => p.text = rec_text.clone(),
                Some(_) => {}
                None => plan.recommendations.push(PlannedRecommendation {
                    id: r.clone(),
                    text: rec_text.clone(),
                    line,
                }),
            }
        }
        if action.is_empty() {
            if !rec_text.is_empty() || !status_text.is_empty() {
                plan.recommendation_states
                    .push((refs[0].clone(), status, cell(Field::Progress)));
            }
            continue;
        }
        let given_id = cell(Field::Id);
        if let Some(existing) = plan
            .actions
            .iter_mut()
            .find(|a| !given_id.is_empty() && a.id == given_id)
        {
            if existing.text != action {
                errors.push(RowError {
                    line,
                    message: format!(
                        "id `{given_id}` is already used on line {} for another action",
                        existing.line
                    ),
                });
                continue;
            }
            for r in &refs {
                if !existing.answers.contains(r) {
                    existing.answers.push(r.clone());
                }
            }
            continue;
        }
        let id = if given_id.is_empty() {
            let n = letters.entry(refs[0].clone()).or_insert(0);
            *n += 1;
            format!("{}{}", refs[0], letter(*n))
        } else {
            given_id
        };
        let owners_printed = cell(Field::Owner);
        plan.actions.push(PlannedAction {
            id,
            answers: refs,
            text: action,
            timescale: cell(Field::Timescale),
            owners: split_owners(&owners_printed),
            owners_printed,
            status,
            progress: cell(Field::Progress),
            line,
        });
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// a, b, ... z, aa, ab ...
fn letter(n: u32) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'a' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_real_trackers_use_are_recognised() {
        assert_eq!(guess("Action proposed"), Some(Field::Action));
        assert_eq!(guess("Lead Officer"), Some(Field::Owner));
        assert_eq!(guess("Person Responsible"), Some(Field::Owner));
        assert_eq!(guess("Target date"), Some(Field::Timescale));
        assert_eq!(guess("RAG"), Some(Field::Status));
        assert_eq!(guess("Progress update"), Some(Field::Progress));
        assert_eq!(guess("Ref."), Some(Field::Ref));
        assert_eq!(guess("Colour of the sky"), None);
    }

    #[test]
    fn the_delimiter_is_sniffed() {
        assert_eq!(sniff_delimiter("Ref;Action;Owner\n1;a;b\n"), b';');
        assert_eq!(sniff_delimiter("Ref\tAction\tOwner\n"), b'\t');
        assert_eq!(sniff_delimiter("Ref,Action,Owner\n"), b',');
    }

    #[test]
    fn rows_become_recommendations_and_actions() {
        let csv = "Ref;Recommendation;Action proposed;Target date;Lead officer;RAG\n\
                   1.1;Improve files;Audit files;Oct '03;KS / PN;Green\n\
                   1.1;;Train staff;Dec '03;AJ;Amber\n\
                   1.2;Improve leaflets;;;;\n";
        let plan = read(csv, &[]).expect("reads");
        assert_eq!(plan.recommendations.len(), 2);
        assert_eq!(plan.actions.len(), 2);
        assert_eq!(plan.actions[0].id, "1.1a");
        assert_eq!(plan.actions[1].id, "1.1b");
        assert_eq!(plan.actions[0].owners, ["KS", "PN"]);
        assert_eq!(plan.actions[1].status, Some(Status::AtRisk));
        assert_eq!(plan.recommendation_states.len(), 1);
    }

    #[test]
    fn bad_rows_are_reported_by_line_and_nothing_is_planned() {
        let csv = "Ref,Action,Status\n1,Do it,Green\n2,Do more,Purple\n,,\n3,Again,Sort of\n";
        let errors = read(csv, &[]).expect_err("has bad rows");
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn an_explicit_mapping_wins() {
        let csv = "No,What we will do,Officer,When\n1,Write plan,ZM,Jan '04\n";
        let plan = read(csv, &[(Field::Owner, "officer".into())]).expect("reads");
        assert_eq!(plan.actions[0].owners, ["ZM"]);
        let none = read("Colour,Shape\nred,round\n", &[]).expect_err("no action column");
        assert!(none[0].message.contains("--map action="));
        let mapped = read(
            "Colour,Shape\nred,round\n",
            &[(Field::Action, "Shape".into())],
        )
        .expect("maps");
        assert_eq!(mapped.actions[0].text, "round");
    }

    #[test]
    fn owners_split_on_the_usual_separators() {
        assert_eq!(split_owners("KS/J.Randall"), ["KS", "J.Randall"]);
        assert_eq!(
            split_owners("Head of Service and Team Manager; AJ"),
            ["Head of Service", "Team Manager", "AJ"]
        );
    }
}
