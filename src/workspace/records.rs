//! The files' records as they are written, and their conversion into the model,
//! checking what the parser cannot: ids, references between records, dates.

use super::diagnostic::Diagnostic;
use super::toml_file::{Parsed, Step, to_date};
use crate::model::{
    Action, Committee, FINDING_CATEGORIES, Finding, ImportedCell, Judgement, Owner, OwnerKind,
    Recommendation, Report, ReportMeeting,
};
use serde::Deserialize;
use std::collections::HashSet;
use toml::value::Datetime;

#[derive(Deserialize)]
pub struct ReportFile {
    id: String,
    title: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    inspectorate: String,
    #[serde(default)]
    inspection: String,
    inspection_start: Option<Datetime>,
    inspection_end: Option<Datetime>,
    published: Option<Datetime>,
    date: Option<Datetime>,
    #[serde(default)]
    date_note: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    contacts: Vec<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    decision_sought: String,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    meetings: Vec<MeetingRecord>,
    #[serde(default)]
    judgements: Vec<JudgementRecord>,
    #[serde(default)]
    findings: Vec<FindingRecord>,
    #[serde(default)]
    recommendations: Vec<RecommendationRecord>,
    #[serde(default)]
    actions: Vec<ActionRecord>,
}

#[derive(Deserialize)]
struct MeetingRecord {
    committee: String,
    date: Datetime,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct JudgementRecord {
    #[serde(default)]
    domain: String,
    judgement: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source_ref: String,
}

#[derive(Deserialize)]
struct FindingRecord {
    category: String,
    #[serde(default)]
    heading: String,
    text: String,
    #[serde(default)]
    source_ref: String,
}

#[derive(Deserialize)]
struct RecommendationRecord {
    id: Option<String>,
    #[serde(default, rename = "ref")]
    reference: String,
    #[serde(default)]
    heading: String,
    text: String,
    #[serde(default)]
    addressed_to: String,
    #[serde(default)]
    timescale: String,
    #[serde(default)]
    owners: Vec<String>,
    #[serde(default)]
    source_ref: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    text_normalised: String,
    #[serde(default)]
    imported: Vec<ImportedRecord>,
}

#[derive(Deserialize)]
struct ActionRecord {
    id: String,
    answers: Vec<String>,
    text: String,
    #[serde(default)]
    timescale: String,
    #[serde(default)]
    owners: Vec<String>,
    #[serde(default)]
    owners_printed: String,
    #[serde(default)]
    source_ref: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    text_normalised: String,
    #[serde(default)]
    imported: Vec<ImportedRecord>,
}

/// A cell of an imported tracker, kept with its header.
#[derive(Deserialize)]
struct ImportedRecord {
    column: String,
    #[serde(default)]
    field: String,
    text: String,
}

fn imported(records: &[ImportedRecord]) -> Vec<ImportedCell> {
    records
        .iter()
        .map(|r| ImportedCell {
            column: r.column.clone(),
            field: r.field.clone(),
            text: r.text.clone(),
        })
        .collect()
}

fn key(k: &str) -> Step {
    Step::Key(k.to_string())
}

/// Converts a date field, reporting a bad one at its place and treating it as absent.
fn date_field<T>(
    parsed: &Parsed<T>,
    file: &str,
    path: &[Step],
    value: Option<&Datetime>,
    out: &mut Vec<Diagnostic>,
) -> Option<jiff::civil::Date> {
    let value = value?;
    match to_date(value) {
        Ok(d) => Some(d),
        Err(message) => {
            out.push(Diagnostic::error(file, parsed.locate(path), message));
            None
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Builds a report from its file, reporting (and skipping) records that cannot be
/// tracked safely: duplicate ids, and references to recommendations that do not exist.
pub fn report(
    parsed: Parsed<ReportFile>,
    file: &str,
    stem: &str,
    out: &mut Vec<Diagnostic>,
) -> Report {
    let f = &parsed.value;
    if !valid_id(&f.id) {
        out.push(Diagnostic::error(
            file,
            parsed.locate(&[key("id")]),
            format!(
                "report id `{}` must be lower-case letters, digits and `-`",
                f.id
            ),
        ));
    } else if f.id != stem {
        out.push(Diagnostic::warning(
            file,
            parsed.locate(&[key("id")]),
            format!(
                "report id `{}` differs from its file name `{stem}.toml`",
                f.id
            ),
        ));
    }
    let mut d = |name: &str, v: Option<&Datetime>| date_field(&parsed, file, &[key(name)], v, out);
    let inspection_start = d("inspection_start", f.inspection_start.as_ref());
    let inspection_end = d("inspection_end", f.inspection_end.as_ref());
    let published = d("published", f.published.as_ref());
    let date = d("date", f.date.as_ref());

    let mut meetings = Vec::new();
    for (i, m) in f.meetings.iter().enumerate() {
        let path = [key("meetings"), Step::Index(i), key("date")];
        if let Some(date) = date_field(&parsed, file, &path, Some(&m.date), out) {
            meetings.push(ReportMeeting {
                committee: m.committee.clone(),
                date,
                note: m.note.clone(),
            });
        }
    }

    let findings = f
        .findings
        .iter()
        .enumerate()
        .map(|(i, x)| {
            if !FINDING_CATEGORIES.contains(&x.category.as_str()) {
                out.push(Diagnostic::warning(
                    file,
                    parsed.locate(&[key("findings"), Step::Index(i), key("category")]),
                    format!(
                        "finding category `{}` is not one of {}",
                        x.category,
                        FINDING_CATEGORIES.join(", ")
                    ),
                ));
            }
            Finding {
                category: x.category.clone(),
                heading: x.heading.clone(),
                text: x.text.clone(),
                source_ref: x.source_ref.clone(),
            }
        })
        .collect();

    let mut seen = HashSet::new();
    let mut recommendations = Vec::with_capacity(f.recommendations.len());
    for (i, r) in f.recommendations.iter().enumerate() {
        let id = r.id.clone().unwrap_or_else(|| r.reference.clone());
        let here = || parsed.locate(&[key("recommendations"), Step::Index(i)]);
        if id.trim().is_empty() {
            out.push(Diagnostic::error(
                file,
                here(),
                "recommendation has neither `id` nor `ref`; it is skipped",
            ));
            continue;
        }
        if !seen.insert(id.clone()) {
            out.push(Diagnostic::error(
                file,
                here(),
                format!("duplicate id `{id}`: this recommendation is skipped"),
            ));
            continue;
        }
        recommendations.push(Recommendation {
            id,
            reference: r.reference.clone(),
            heading: r.heading.clone(),
            text: r.text.as_str().into(),
            text_normalised: r.text_normalised.clone(),
            addressed_to: r.addressed_to.clone(),
            timescale: r.timescale.as_str().into(),
            owners: r.owners.as_slice().into(),
            source_ref: r.source_ref.clone(),
            note: r.note.clone(),
            response: Default::default(),
            imported: imported(&r.imported),
        });
    }

    let mut actions = Vec::with_capacity(f.actions.len());
    for (i, a) in f.actions.iter().enumerate() {
        let here = || parsed.locate(&[key("actions"), Step::Index(i)]);
        if a.id.trim().is_empty() {
            out.push(Diagnostic::error(
                file,
                here(),
                "action has an empty `id`; it is skipped",
            ));
            continue;
        }
        if !seen.insert(a.id.clone()) {
            out.push(Diagnostic::error(
                file,
                here(),
                format!("duplicate id `{}`: this action is skipped", a.id),
            ));
            continue;
        }
        for (j, answer) in a.answers.iter().enumerate() {
            if !recommendations
                .iter()
                .any(|r: &Recommendation| &r.id == answer)
            {
                out.push(Diagnostic::warning(
                    file,
                    parsed.locate(&[key("actions"), Step::Index(i), key("answers"), Step::Index(j)]),
                    format!(
                        "action `{}` answers recommendation `{answer}`, which this report does not have",
                        a.id
                    ),
                ));
            }
        }
        actions.push(Action {
            id: a.id.clone(),
            answers: a.answers.as_slice().into(),
            text: a.text.as_str().into(),
            text_normalised: a.text_normalised.clone(),
            timescale: a.timescale.as_str().into(),
            owners: a.owners.as_slice().into(),
            owners_printed: if a.owners_printed.is_empty() {
                a.owners.join(" / ")
            } else {
                a.owners_printed.clone()
            },
            source_ref: a.source_ref.clone(),
            note: a.note.clone(),
            imported: imported(&a.imported),
        });
    }

    Report {
        id: f.id.clone(),
        title: f.title.clone(),
        authority: f.authority.clone(),
        inspectorate: f.inspectorate.clone(),
        inspection: f.inspection.clone(),
        inspection_start,
        inspection_end,
        published,
        date,
        date_note: f.date_note.clone(),
        author: f.author.clone(),
        contacts: f.contacts.clone(),
        source: f.source.clone(),
        decision_sought: f.decision_sought.clone(),
        notes: f.notes.clone(),
        meetings,
        judgements: f
            .judgements
            .iter()
            .map(|j| Judgement {
                domain: j.domain.clone(),
                judgement: j.judgement.clone(),
                text: j.text.clone(),
                source_ref: j.source_ref.clone(),
            })
            .collect(),
        findings,
        recommendations,
        actions,
    }
}

#[derive(Deserialize)]
pub struct PeopleFile {
    #[serde(default)]
    owner: Vec<OwnerRecord>,
}

#[derive(Deserialize)]
struct OwnerRecord {
    id: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    note: String,
}

pub fn owners(parsed: &Parsed<PeopleFile>, file: &str, out: &mut Vec<Diagnostic>) -> Vec<Owner> {
    let mut seen = HashSet::new();
    let mut owners = Vec::new();
    for (i, o) in parsed.value.owner.iter().enumerate() {
        let here = || parsed.locate(&[key("owner"), Step::Index(i)]);
        if !seen.insert(o.id.clone()) {
            out.push(Diagnostic::error(
                file,
                here(),
                format!("duplicate owner id `{}`: this entry is skipped", o.id),
            ));
            continue;
        }
        let kind = match o.kind.as_deref() {
            None => OwnerKind::Person,
            Some(k) => OwnerKind::parse(k).unwrap_or_else(|| {
                out.push(Diagnostic::warning(
                    file,
                    parsed.locate(&[key("owner"), Step::Index(i), key("kind")]),
                    format!("owner kind `{k}` is not person, body or role; taken as person"),
                ));
                OwnerKind::Person
            }),
        };
        owners.push(Owner {
            id: o.id.clone(),
            name: o.name.clone(),
            role: o.role.clone(),
            kind,
            aliases: o.aliases.clone(),
            note: o.note.clone(),
            unlisted: false,
        });
    }
    owners
}

#[derive(Deserialize)]
pub struct CommitteesFile {
    #[serde(default)]
    committee: Vec<CommitteeRecord>,
}

#[derive(Deserialize)]
struct CommitteeRecord {
    id: String,
    name: String,
    #[serde(default)]
    authority: String,
    #[serde(default = "yes")]
    select: bool,
    #[serde(default)]
    meetings: Vec<Datetime>,
}

fn yes() -> bool {
    true
}

pub fn committees(
    parsed: &Parsed<CommitteesFile>,
    file: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Committee> {
    let mut seen = HashSet::new();
    let mut committees = Vec::new();
    for (i, c) in parsed.value.committee.iter().enumerate() {
        if !seen.insert(c.id.clone()) {
            out.push(Diagnostic::error(
                file,
                parsed.locate(&[key("committee"), Step::Index(i)]),
                format!("duplicate committee id `{}`: this entry is skipped", c.id),
            ));
            continue;
        }
        let mut meetings: Vec<_> = c
            .meetings
            .iter()
            .enumerate()
            .filter_map(|(j, m)| {
                let path = [
                    key("committee"),
                    Step::Index(i),
                    key("meetings"),
                    Step::Index(j),
                ];
                date_field(parsed, file, &path, Some(m), out)
            })
            .collect();
        meetings.sort();
        committees.push(Committee {
            id: c.id.clone(),
            name: c.name.clone(),
            authority: c.authority.clone(),
            select: c.select,
            meetings,
        });
    }
    committees
}
