//! Which column of a tracker holds what: the fields scrutineer knows, the headers
//! councils give them (data, in `columns.toml`), and scoring a header against them so
//! the best column wins each field.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Ref,
    Heading,
    Recommendation,
    Action,
    Owner,
    PortfolioHolder,
    Timescale,
    RevisedDate,
    Status,
    Progress,
    NextSteps,
    SuccessMeasure,
    Response,
    Monitoring,
    Origin,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::Id,
        Field::Ref,
        Field::Heading,
        Field::Recommendation,
        Field::Action,
        Field::Owner,
        Field::PortfolioHolder,
        Field::Timescale,
        Field::RevisedDate,
        Field::Status,
        Field::Progress,
        Field::NextSteps,
        Field::SuccessMeasure,
        Field::Response,
        Field::Monitoring,
        Field::Origin,
    ];

    /// The name used in `--map` and in `columns.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Ref => "ref",
            Field::Heading => "heading",
            Field::Recommendation => "recommendation",
            Field::Action => "action",
            Field::Owner => "owner",
            Field::PortfolioHolder => "portfolio-holder",
            Field::Timescale => "timescale",
            Field::RevisedDate => "revised-date",
            Field::Status => "status",
            Field::Progress => "progress",
            Field::NextSteps => "next-steps",
            Field::SuccessMeasure => "success-measure",
            Field::Response => "response",
            Field::Monitoring => "monitoring",
            Field::Origin => "origin",
        }
    }

    /// The field's name in a clerk's words, for the detail pane.
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Id",
            Field::Ref => "Reference",
            Field::Heading => "Heading",
            Field::Recommendation => "Recommendation",
            Field::Action => "Action",
            Field::Owner => "Lead officer",
            Field::PortfolioHolder => "Portfolio holder",
            Field::Timescale => "Timescale",
            Field::RevisedDate => "Revised date",
            Field::Status => "Status as printed",
            Field::Progress => "Progress",
            Field::NextSteps => "Next steps",
            Field::SuccessMeasure => "Success measure",
            Field::Response => "Executive response",
            Field::Monitoring => "Monitoring",
            Field::Origin => "Origin",
        }
    }

    pub fn parse(text: &str) -> Option<Field> {
        let text = text.trim().replace('_', "-");
        Field::ALL.into_iter().find(|f| f.as_str() == text)
    }

    /// Fields more than one column may hold: a progress column and an assessment
    /// column for each meeting, in a cumulative appendix.
    pub fn repeats(self) -> bool {
        matches!(self, Field::Progress | Field::Status)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Phrase {
    Plain(String),
    Weighted(String, u32),
}

/// `columns.toml`, read once.
#[derive(Deserialize)]
struct Table {
    exclude: BTreeMap<String, Vec<String>>,
    status: StatusOrder,
    fields: BTreeMap<String, Vec<Phrase>>,
}

#[derive(Deserialize)]
struct StatusOrder {
    current: Vec<String>,
    former: Vec<String>,
}

/// What the program uses of columns.toml, with every phrase reduced by `words`.
struct Compiled {
    phrases: Vec<(Field, Vec<String>, u32)>,
    /// Words that keep a header from partly matching a field (None: any field but
    /// progress).
    exclude: Vec<(Option<Field>, String)>,
    current: Vec<String>,
    former: Vec<String>,
}

fn compiled() -> &'static Compiled {
    static TABLE: OnceLock<Compiled> = OnceLock::new();
    TABLE.get_or_init(|| {
        let raw: Table =
            toml::from_str(include_str!("columns.toml")).expect("columns.toml is valid");
        let mut phrases = Vec::new();
        for (name, list) in raw.fields {
            let field = Field::parse(&name).expect("columns.toml names known fields");
            for p in list {
                let (text, weight) = match p {
                    Phrase::Plain(t) => (t, 100),
                    Phrase::Weighted(t, w) => (t, w),
                };
                // A phrase that is all bracketed note or punctuation names nothing.
                let phrase = words(&text);
                if !phrase.is_empty() {
                    phrases.push((field, phrase, weight));
                }
            }
        }
        let mut exclude = Vec::new();
        for (name, list) in raw.exclude {
            let field = match name.as_str() {
                "any" => None,
                other => Some(Field::parse(other).expect("columns.toml excludes known fields")),
            };
            exclude.extend(list.iter().flat_map(|w| words(w)).map(|w| (field, w)));
        }
        let flat = |list: &[String]| list.iter().flat_map(|w| words(w)).collect();
        Compiled {
            phrases,
            exclude,
            current: flat(&raw.status.current),
            former: flat(&raw.status.former),
        }
    })
}

/// Which of several status columns holds the current status, by its header: 2 for
/// one that says it is current, 0 for one that says it is an earlier one, 1 otherwise.
pub fn currency(header: &str) -> u8 {
    let w = words(header);
    let t = compiled();
    if w.iter().any(|x| t.current.contains(x)) {
        2
    } else if w.iter().any(|x| t.former.contains(x)) {
        0
    } else {
        1
    }
}

/// A header reduced to the words that identify it: lower case, without bracketed
/// notes, footnote markers, punctuation or plural endings.
pub fn words(header: &str) -> Vec<String> {
    let mut text = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => text.push_str(" and "),
            '#' => text.push_str(" # "),
            c if c.is_alphanumeric() && !is_footnote_mark(c) => {
                text.extend(c.to_lowercase());
            }
            '\'' | '’' => {}
            _ => text.push(' '),
        }
    }
    text.split_whitespace().map(stem).collect()
}

/// Superscript digits and the like, which mark footnotes in a header.
fn is_footnote_mark(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰')
}

/// A word without its plural ending, so "Actions" and "Action" are one.
fn stem(word: &str) -> String {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// How well `header` names `field`: 0 for not at all, the phrase's weight when the
/// header is exactly a phrase, less when the phrase is only part of the header.
pub fn score(header: &str, field: Field) -> u32 {
    let header = words(header);
    best_score(&header, field)
}

fn best_score(header: &[String], field: Field) -> u32 {
    if header.is_empty() {
        return 0;
    }
    let t = compiled();
    let excluded = t.exclude.iter().any(|(f, w)| {
        let applies = match f {
            None => field != Field::Progress,
            Some(f) => *f == field,
        };
        applies && header.contains(w)
    });
    t.phrases
        .iter()
        .filter(|(f, _, _)| *f == field)
        .map(|(_, phrase, weight)| phrase_score(header, phrase, *weight))
        .filter(|score| !excluded || *score >= 100)
        .max()
        .unwrap_or(0)
}

/// `phrase` is never empty (`compiled` keeps none that is).
fn phrase_score(header: &[String], phrase: &[String], weight: u32) -> u32 {
    if header == phrase {
        return weight;
    }
    let found = header.windows(phrase.len()).position(|w| w == phrase);
    match found {
        None => 0,
        Some(at) => {
            // Part of the header: worth less, the less of it the phrase covers, and a
            // phrase leading the header ("Progress update presented to ...") more
            // than one at its end.
            let cover = (phrase.len() * 30 / header.len()) as u32;
            let lead = if at == 0 { 10 } else { 0 };
            (weight * 50 / 100) + cover + lead
        }
    }
}

/// The least score that counts as a header naming a field.
pub const THRESHOLD: u32 = 60;

/// Each field's score for a header, best first, above the threshold.
pub fn candidates(header: &str) -> Vec<(Field, u32)> {
    let w = words(header);
    let mut out: Vec<(Field, u32)> = Field::ALL
        .into_iter()
        .map(|f| (f, best_score(&w, f)))
        .filter(|(_, s)| *s >= THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The field a header most likely names on its own.
pub fn guess(header: &str) -> Option<Field> {
    candidates(header).first().map(|c| c.0)
}

/// Gives each column a field: the best-scoring pairs first, each field to one column
/// (except those that repeat), each column to one field. `mapping` (field, column)
/// comes first and wins.
pub fn assign(headers: &[String], mapping: &[(Field, usize)]) -> Vec<Option<Field>> {
    let mut out: Vec<Option<Field>> = vec![None; headers.len()];
    let mut taken: Vec<Field> = Vec::new();
    for (field, col) in mapping {
        if let Some(slot) = out.get_mut(*col) {
            *slot = Some(*field);
            taken.push(*field);
        }
    }
    let mut pairs: Vec<(u32, usize, Field)> = headers
        .iter()
        .enumerate()
        .filter(|(i, _)| out[*i].is_none())
        .flat_map(|(i, h)| candidates(h).into_iter().map(move |(f, s)| (s, i, f)))
        .collect();
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, col, field) in pairs {
        if out[col].is_some() || (!field.repeats() && taken.contains(&field)) {
            continue;
        }
        out[col] = Some(field);
        taken.push(field);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_table_reads_and_names_every_field() {
        for f in Field::ALL {
            assert!(
                compiled().phrases.iter().any(|(g, _, _)| *g == f),
                "{f:?} has no headers"
            );
        }
    }

    #[test]
    fn a_header_is_its_words_without_plural_endings_notes_or_marks() {
        let w = |header: &str| words(header).join(" ");
        assert_eq!(w("Lead Officers"), "lead officer");
        assert_eq!(w("Actions Required"), w("action required"));
        assert_eq!(w("Progress"), "progress", "a double s is no plural");
        assert_eq!(w("Bus"), "bus", "nor is a short word's s");
        assert_eq!(w("Target date (dd/mm/yy)"), "target date");
        assert_eq!(w("Owner¹"), "owner");
        assert_eq!(w("Officer's comments"), "officer comment");
        assert_eq!(w("Ref #"), "ref #");
    }

    #[test]
    fn an_ampersand_in_a_header_is_the_word_and() {
        let field = Field::Monitoring;
        assert_eq!(words("Monitoring & Review"), words("monitoring and review"));
        assert_eq!(score("Monitoring & Review", field), 100);
        assert_eq!(
            score("Monitoring&Review", field),
            score("Monitoring and Review", field)
        );
    }

    #[test]
    fn headers_real_trackers_use_are_recognised() {
        for (header, field) in [
            ("Action proposed", Field::Action),
            ("Lead Officer", Field::Owner),
            ("Lead(s)", Field::Owner),
            ("Person Responsible", Field::Owner),
            ("Target date", Field::Timescale),
            ("RAG", Field::Status),
            ("Progress update", Field::Progress),
            ("Ref.", Field::Ref),
            ("Recommendation[i]", Field::Recommendation),
            ("Recommendation¹", Field::Recommendation),
            ("Who?", Field::Owner),
            ("When?", Field::Timescale),
            ("Actions Required", Field::Action),
            ("Key tasks", Field::Action),
            ("Action to date", Field::Progress),
            ("Future actions", Field::NextSteps),
            ("How will we know?", Field::SuccessMeasure),
            (
                "Progress Update Presented to Committee on 12 March 2024",
                Field::Progress,
            ),
            ("Cabinet Member", Field::PortfolioHolder),
            ("Revised target date", Field::RevisedDate),
            ("Executive Response", Field::Response),
            ("Monitoring arrangements", Field::Monitoring),
            ("Date of Committee", Field::Origin),
            ("Assessment (1-4)", Field::Status),
        ] {
            assert_eq!(guess(header), Some(field), "{header}");
        }
        assert_eq!(guess("Colour of the sky"), None);
        // Commentary on a field, and ambiguous words inside a longer header, are not it.
        assert_eq!(guess("RAG rationale"), None);
        assert_eq!(guess("Funding source"), None);
        assert_eq!(guess("Risks / Issues"), None);
        assert_eq!(guess("Issue"), Some(Field::Recommendation));
        assert_eq!(guess("Current RAG"), Some(Field::Status));
        assert_eq!(guess("Directorate lead"), Some(Field::Owner));
        assert_eq!(guess("Date closed"), None);
        assert_eq!(guess("Agreed Implementation Date"), Some(Field::Timescale));
        assert_eq!(guess("Cabinet Member Response"), Some(Field::Response));
        assert_eq!(
            guess("Area of significant weakness"),
            Some(Field::Recommendation)
        );
        assert_eq!(guess("Priority (High/Medium/Low)"), None);
        assert_eq!(currency("Previous RAG"), 0);
        assert_eq!(currency("Current RAG"), 2);
        assert_eq!(currency("RAG March 2024"), 1);
    }

    #[test]
    fn the_best_column_wins_each_field() {
        let cols = assign(
            &h(&["What?", "Who?", "How?", "When?", "Action to date"]),
            &[],
        );
        assert_eq!(
            cols,
            [
                Some(Field::Recommendation),
                Some(Field::Owner),
                Some(Field::Action),
                Some(Field::Timescale),
                Some(Field::Progress)
            ]
        );
        let cols = assign(&h(&["Recommendation", "What?", "Owner"]), &[]);
        assert_eq!(cols[1], Some(Field::Action));
        // Progress repeats: one column per meeting.
        let cols = assign(
            &h(&["Action", "Update March 2024", "Update September 2024"]),
            &[],
        );
        assert_eq!(cols[1..], [Some(Field::Progress), Some(Field::Progress)]);
        // A mapping wins, and its field is not guessed again elsewhere.
        let cols = assign(&h(&["Action", "Task"]), &[(Field::Action, 1)]);
        assert_eq!(cols, [None, Some(Field::Action)]);
    }
}
