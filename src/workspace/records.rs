//! The files' records as they are written, and their conversion into the model,
//! checking what the parser cannot: ids, references between records, dates.

mod inferred;

use super::diagnostic::Diagnostic;
use super::toml_file::{Parsed, Step, closest, fields_of, to_date};
use crate::model::{
    Action, Committee, FINDING_CATEGORIES, Finding, ImportedCell, Judgement, Owner, OwnerKind,
    Recommendation, Report, ReportMeeting,
};
use inferred::{CommitteeMeeting, Reasons};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
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
    timescales_from: Option<Datetime>,
    #[serde(default)]
    timescales_from_note: String,
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
    /// Values inferred rather than printed: field name -> why.
    #[serde(default)]
    inferred: Reasons,
}

#[derive(Deserialize)]
struct MeetingRecord {
    committee: String,
    date: Datetime,
    #[serde(default)]
    note: String,
    #[serde(default)]
    inferred: Reasons,
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
    timescales_from: Option<Datetime>,
    #[serde(default)]
    timescales_from_note: String,
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
    let timescales_from = d("timescales_from", f.timescales_from.as_ref());
    if timescales_from.is_some() && f.timescales_from_note.trim().is_empty() {
        out.push(Diagnostic::warning(
            file,
            parsed.locate(&[key("timescales_from")]),
            "`timescales_from` is given without `timescales_from_note` saying why",
        ));
    }

    let mut meetings = Vec::new();
    for (i, m) in f.meetings.iter().enumerate() {
        let path = [key("meetings"), Step::Index(i), key("date")];
        if let Some(date) = date_field(&parsed, file, &path, Some(&m.date), out) {
            let here = [key("meetings"), Step::Index(i), key("inferred")];
            check_inferred::<MeetingRecord, _>(&parsed, file, &here, &m.inferred.0, &|_| true, out);
            meetings.push(ReportMeeting {
                committee: m.committee.clone(),
                date,
                note: m.note.clone(),
                inferred: m.inferred.0.clone(),
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

    let given = |field: &str| match field {
        "inspection_start" => f.inspection_start.is_some(),
        "inspection_end" => f.inspection_end.is_some(),
        "published" => f.published.is_some(),
        "date" => f.date.is_some(),
        "timescales_from" => f.timescales_from.is_some(),
        _ => true,
    };
    check_inferred::<ReportFile, _>(
        &parsed,
        file,
        &[key("inferred")],
        &f.inferred.0,
        &given,
        out,
    );

    // Each id, and where it was first given, to point there from a second.
    let mut seen: HashMap<String, Option<(usize, usize)>> = HashMap::new();
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
        if let Some(first) = seen.get(&id) {
            out.push(Diagnostic::error(
                file,
                here(),
                format!(
                    "duplicate id `{id}`{}: this recommendation is skipped",
                    first_at(*first)
                ),
            ));
            continue;
        }
        seen.insert(id.clone(), here());
        let from_path = [
            key("recommendations"),
            Step::Index(i),
            key("timescales_from"),
        ];
        let rec_timescales_from =
            date_field(&parsed, file, &from_path, r.timescales_from.as_ref(), out);
        if rec_timescales_from.is_some() && r.timescales_from_note.trim().is_empty() {
            out.push(Diagnostic::warning(
                file,
                parsed.locate(&from_path),
                format!("recommendation `{id}` gives `timescales_from` without `timescales_from_note` saying why"),
            ));
        }
        recommendations.push(Recommendation {
            id,
            reference: r.reference.clone(),
            heading: r.heading.clone(),
            text: r.text.as_str().into(),
            text_normalised: r.text_normalised.clone(),
            addressed_to: r.addressed_to.clone(),
            timescale: r.timescale.as_str().into(),
            timescales_from: rec_timescales_from,
            timescales_from_note: r.timescales_from_note.clone(),
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
        if let Some(first) = seen.get(&a.id) {
            out.push(Diagnostic::error(
                file,
                here(),
                format!(
                    "duplicate id `{}`{}: this action is skipped",
                    a.id,
                    first_at(*first)
                ),
            ));
            continue;
        }
        seen.insert(a.id.clone(), here());
        for (j, answer) in a.answers.iter().enumerate() {
            if !recommendations
                .iter()
                .any(|r: &Recommendation| &r.id == answer)
            {
                // An error: the item would be tracked against nothing the paper says.
                let ids: Vec<&str> = recommendations.iter().map(|r| r.id.as_str()).collect();
                let hint = closest(answer, &ids)
                    .map_or(String::new(), |id| format!(" (did you mean `{id}`?)"));
                out.push(Diagnostic::error(
                    file,
                    parsed.locate(&[key("actions"), Step::Index(i), key("answers"), Step::Index(j)]),
                    format!(
                        "action `{}` answers recommendation `{answer}`, which this report does not have{hint}",
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
        timescales_from,
        timescales_from_note: f.timescales_from_note.clone(),
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
        inferred: f.inferred.0.clone(),
    }
}

/// " (the first is at line 12)", where the first one's place is known.
fn first_at(first: Option<(usize, usize)>) -> String {
    first.map_or(String::new(), |(line, col)| {
        format!(" (the first is at line {line}, column {col})")
    })
}

/// Checks an `inferred` table: each key names a field of the record (`R`) that is
/// given, and says why the value was inferred.
fn check_inferred<R: serde::de::DeserializeOwned, F>(
    parsed: &Parsed<F>,
    file: &str,
    path: &[Step],
    inferred: &BTreeMap<String, String>,
    given: &dyn Fn(&str) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    if inferred.is_empty() {
        return;
    }
    let fields = fields_of::<R>();
    for (field, why) in inferred {
        let mut here = path.to_vec();
        here.push(key(field));
        let at = parsed.locate(&here);
        if !fields.contains(&field.as_str()) || field == "inferred" {
            let hint = closest(field, &fields)
                .map_or(String::new(), |f| format!(" (did you mean `{f}`?)"));
            out.push(Diagnostic::warning(
                file,
                at,
                format!("`inferred` names `{field}`, which is not a field here{hint}"),
            ));
        } else if !given(field) {
            out.push(Diagnostic::warning(
                file,
                at,
                format!("`inferred` explains `{field}`, which is not given"),
            ));
        } else if why.trim().is_empty() {
            out.push(Diagnostic::warning(
                file,
                at,
                format!("`inferred.{field}` should say why the value was inferred"),
            ));
        }
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
    /// The login names this person works under (history entries' `by`).
    #[serde(default)]
    logins: Vec<String>,
}

pub fn owners(parsed: &Parsed<PeopleFile>, file: &str, out: &mut Vec<Diagnostic>) -> Vec<Owner> {
    let mut seen = HashSet::new();
    let mut owners = Vec::new();
    let mut logins: std::collections::HashMap<String, String> = Default::default();
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
        for login in &o.logins {
            // A login names one person: the first entry that claims it keeps it.
            if let Some(first) = logins.insert(login.trim().to_string(), o.id.clone()) {
                out.push(Diagnostic::warning(
                    file,
                    parsed.locate(&[key("owner"), Step::Index(i), key("logins")]),
                    format!("login `{login}` is also given for `{first}`; notes it signs are taken as `{first}`'s"),
                ));
                logins.insert(login.trim().to_string(), first);
            }
        }
        owners.push(Owner {
            id: o.id.clone(),
            name: o.name.clone(),
            role: o.role.clone(),
            kind,
            aliases: o.aliases.clone(),
            note: o.note.clone(),
            logins: o.logins.clone(),
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
    /// Each a date, or a table giving the date and why it is inferred.
    #[serde(default)]
    meetings: Vec<CommitteeMeeting>,
    /// When, where and whom to ask, for the pack's cover.
    #[serde(default)]
    time: String,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    contact: String,
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
        let mut meetings = Vec::new();
        let mut dates_inferred = BTreeMap::new();
        for (j, m) in c.meetings.iter().enumerate() {
            let here = [
                key("committee"),
                Step::Index(i),
                key("meetings"),
                Step::Index(j),
            ];
            let Some(date) = date_field(parsed, file, &here, Some(&m.date), out) else {
                continue;
            };
            let mut path = here.to_vec();
            path.push(key("inferred"));
            check_inferred::<CommitteeMeeting, _>(
                parsed,
                file,
                &path,
                &m.inferred.0,
                &|_| true,
                out,
            );
            if let Some(why) = m
                .inferred
                .0
                .get("date")
                .filter(|why| !why.trim().is_empty())
            {
                dates_inferred.insert(date, why.clone());
            }
            meetings.push(date);
        }
        meetings.sort();
        committees.push(Committee {
            id: c.id.clone(),
            name: c.name.clone(),
            authority: c.authority.clone(),
            select: c.select,
            meetings,
            dates_inferred,
            time: c.time.clone(),
            venue: c.venue.clone(),
            contact: c.contact.clone(),
        });
    }
    committees
}
