//! The bundled workspace holds the five seed papers faithfully: every recommendation and
//! action, with refs, timescales, deadlines and owners as printed.

mod common;

use common::*;
use serde_json::Value;

/// Leicester's action plan as printed (004_a32da653ab06327a.txt): action, the
/// recommendations it answers, timescale, derived deadline, kind, owners as printed.
/// (action, recommendations, timescale, deadline, kind, owners as printed)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const LEICESTER: &[Row] = &[
    (
        "1.1a",
        "1.1",
        "Jan / Feb '04",
        Some("2004-02-29"),
        "range",
        "ZM",
    ),
    (
        "2.1a",
        "2.1",
        "Report to joint DMT 08.12.03",
        Some("2003-12-08"),
        "day",
        "M-AR",
    ),
    (
        "2.2a",
        "2.2",
        "Oct '03",
        Some("2003-10-31"),
        "month",
        "KS|J.Randall",
    ),
    ("2.3a", "2.3", "30.09.03", Some("2003-09-30"), "day", "KBD"),
    (
        "2.3b",
        "2.3",
        "13.10.03",
        Some("2003-10-13"),
        "day",
        "JJ|BB|MMcG|AJ|CS|KS",
    ),
    ("2.3c", "2.3", "31.10.03", Some("2003-10-31"), "day", "HB"),
    (
        "2.4a",
        "2.4",
        "Review current plan 17.09.03\nRedrafted plan for meeting on 12.11.03",
        Some("2003-11-12"),
        "day",
        "M Frith|M FitzG",
    ),
    (
        "2.4b",
        "2.4",
        "Oct '03",
        Some("2003-10-31"),
        "month",
        "M.FitzG",
    ),
    (
        "2.4c",
        "2.4",
        "Oct-Dec '03",
        Some("2003-12-31"),
        "range",
        "MF|MfitsG",
    ),
    (
        "2.4d",
        "2.4",
        "Nov '03",
        Some("2003-11-30"),
        "month",
        "MF|MfitsG",
    ),
    (
        "2.5a",
        "2.5",
        "6 monthly report to Director's Board and Cabinet",
        None,
        "recurring",
        "M FitzG|DS",
    ),
    ("2.6a", "2.6", "19.09.03", Some("2003-09-19"), "day", "AJ"),
    (
        "2.6b",
        "2.6",
        "October 03",
        Some("2003-10-31"),
        "month",
        "JP",
    ),
    (
        "2.6c",
        "2.6",
        "September 03",
        Some("2003-09-30"),
        "month",
        "MT|AS",
    ),
    (
        "2.6d",
        "2.6",
        "March '03",
        Some("2003-03-31"),
        "month",
        "MT",
    ),
    (
        "3.1a",
        "3.1",
        "September 03",
        Some("2003-09-30"),
        "month",
        "I Dooher|T Billings",
    ),
    (
        "3.1b",
        "3.1",
        "13.10.03",
        Some("2003-10-13"),
        "day",
        "ID|TB",
    ),
    (
        "3.1c",
        "3.1",
        "December 03",
        Some("2003-12-31"),
        "month",
        "Designated Managers|ID",
    ),
    ("3.2a", "3.2", "19.09.03", Some("2003-09-19"), "day", "AJ"),
    (
        "3.2b",
        "3.2",
        "Oct'03",
        Some("2003-10-31"),
        "month",
        "KS|AS|CS|DS",
    ),
    (
        "3.2c",
        "3.2",
        "Sept '03",
        Some("2003-09-30"),
        "month",
        "KS|AS|CS|DS",
    ),
    (
        "3.3a",
        "3.3|3.4|3.5",
        "January 04",
        Some("2004-01-31"),
        "month",
        "Independent Chairperson|C. Care SM|C. Care TM|C. Care SW|J Paterson",
    ),
    (
        "4.1a",
        "4.1",
        "October 03",
        Some("2003-10-31"),
        "month",
        "KS|M McC",
    ),
    (
        "4.1b",
        "4.1",
        "September '03",
        Some("2003-09-30"),
        "month",
        "PN",
    ),
    (
        "4.1c",
        "4.1",
        "November 03",
        Some("2003-11-30"),
        "month",
        "KS|CS|PN",
    ),
    (
        "4.2a",
        "4.2",
        "Oct '03 Action plan & report to Cabinet",
        Some("2003-10-31"),
        "month",
        "KB-D|DS|DO",
    ),
    (
        "4.2b",
        "4.2",
        "October 03",
        Some("2003-10-31"),
        "month",
        "JJ|BB|KBD|DS",
    ),
    (
        "5.1a",
        "5.1",
        "October '03",
        Some("2003-10-31"),
        "month",
        "MMcG|T.Ford|SP",
    ),
    (
        "5.2a",
        "5.2",
        "January '04",
        Some("2004-01-31"),
        "month",
        "MMcG|T Ford|SP",
    ),
    (
        "6.1a",
        "6.1",
        "ongoing",
        None,
        "recurring",
        "A Cozens|Scrutiny Chairperson",
    ),
    (
        "6.2a",
        "6.2",
        "September 03",
        Some("2003-09-30"),
        "month",
        "ZM",
    ),
    ("6.3a", "6.3", "Dec '03", Some("2003-12-31"), "month", "PN"),
    (
        "6.3b",
        "6.3",
        "Dec '03",
        Some("2003-12-31"),
        "month",
        "KS|PN|AS",
    ),
    ("6.3c", "6.3", "Jan '04", Some("2004-01-31"), "month", "KS"),
    (
        "6.4a",
        "6.4",
        "1st plan Nov '03 then Ongoing",
        Some("2003-11-30"),
        "recurring",
        "CS|ME|LBarker",
    ),
];

fn joined(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("|")
        })
        .unwrap_or_default()
}

#[test]
fn every_leicester_action_has_its_printed_timescale_deadline_and_owners() {
    let items = list_json(&bundled(), &["--report", "leicester-2003"]);
    let got: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i["id"]
                    .as_str()
                    .unwrap_or_default()
                    .trim_start_matches("leicester-2003/")
                    .to_string(),
                joined(&i["recommendations"]),
                i["timescale"].as_str().unwrap_or_default().to_string(),
                i["deadline"].as_str().map(str::to_string),
                i["deadline_kind"].as_str().unwrap_or_default().to_string(),
                joined(&i["owners_as_printed"]),
            )
        })
        .collect();
    let want: Vec<_> = LEICESTER
        .iter()
        .map(|(id, recs, t, d, k, o)| {
            (
                id.to_string(),
                recs.to_string(),
                t.to_string(),
                d.map(str::to_string),
                k.to_string(),
                o.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

fn reports() -> Vec<Value> {
    let out = run(&bundled(), &["reports", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn refs(report: &Value) -> Vec<String> {
    report["recommendations"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| r["ref"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn report<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no report {id}"))
}

#[test]
fn every_recommendation_of_the_five_papers_is_there_with_its_printed_ref() {
    let all = reports();
    assert_eq!(all.len(), 5);
    let leicester: Vec<String> = [
        "1.1", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1",
        "4.2", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(refs(report(&all, "leicester-2003")), leicester);
    let oxon: Vec<String> = (1..=18).map(|n| format!("2.{n}")).collect();
    assert_eq!(refs(report(&all, "oxfordshire-2005")), oxon);
    assert_eq!(refs(report(&all, "dudley-2010")), ["19", "20", "21"]);
    // The JAR and the panel print no references: their recommendations are bullets.
    assert_eq!(
        report(&all, "oxfordshire-jar-2008")["recommendations"]
            .as_array()
            .map(Vec::len),
        Some(11)
    );
    assert_eq!(
        report(&all, "protection-panel")["recommendations"]
            .as_array()
            .map(Vec::len),
        Some(5)
    );
}

#[test]
fn recommendations_keep_their_headings_addressees_and_the_ids_of_their_actions() {
    let all = reports();
    let l = report(&all, "leicester-2003");
    let r35 = &l["recommendations"][11];
    assert_eq!(r35["ref"], "3.5");
    assert_eq!(r35["actions"], serde_json::json!(["leicester-2003/3.3a"]));
    assert_eq!(
        l["recommendations"][4]["actions"].as_array().map(Vec::len),
        Some(4)
    );
    let jar = report(&all, "oxfordshire-jar-2008");
    let addressees: Vec<&str> = jar["recommendations"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["addressed_to"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        addressees
            .iter()
            .filter(|a| **a == "The local partnership")
            .count(),
        8
    );
    assert_eq!(
        addressees
            .iter()
            .filter(|a| **a == "The Oxfordshire Safeguarding Children Board")
            .count(),
        3
    );
    assert_eq!(jar["recommendations"][0]["heading"], "For Immediate Action");
    let dudley = report(&all, "dudley-2010");
    assert_eq!(dudley["recommendations"][2]["timescale"], "March 2011");
    assert_eq!(dudley["date"], "2010-09-16");
}

#[test]
fn the_panel_minutes_have_no_year_and_say_so() {
    let all = reports();
    let panel = report(&all, "protection-panel");
    assert!(panel["date"].is_null());
    assert!(panel["inspection_start"].is_null());
    let notes = panel["notes"].to_string().to_lowercase();
    assert!(notes.contains("year"), "{notes}");
    assert_eq!(panel["judgements"].as_array().map(Vec::len), Some(4));
    let items = list_json(&bundled(), &["--report", "protection-panel"]);
    for i in &items {
        assert!(i["deadline"].is_null(), "{i}");
        assert!(!i["warnings"].as_array().is_none_or(Vec::is_empty), "{i}");
    }
}

#[test]
fn the_jar_counts_its_eleven_deadlines_from_the_reviews_publication() {
    // Paragraph 1 of 003: the review "was published on 22 April 2008"; the Cabinet
    // meeting (the paper's date) was 20 May 2008. Its timescales run from publication.
    let items = list_json(&bundled(), &["--report", "oxfordshire-jar-2008"]);
    assert_eq!(items.len(), 11);
    let got: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap_or_default().to_string(),
                i["deadline_kind"].as_str().unwrap_or_default().to_string(),
                i["deadline"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let mut want = vec![
        ("imm-1", "immediate", "2008-04-22"),
        ("imm-2", "immediate", "2008-04-22"),
    ];
    let six = [
        "6m-1", "6m-2", "6m-3", "6m-4", "6m-5", "6m-6", "6m-7", "6m-8", "6m-9",
    ];
    want.extend(six.iter().map(|id| (*id, "relative", "2008-10-22")));
    let want: Vec<_> = want
        .iter()
        .map(|(id, k, d)| {
            (
                format!("oxfordshire-jar-2008/{id}"),
                k.to_string(),
                d.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    for i in &items {
        let why = i["deadline_explanation"].as_str().unwrap_or_default();
        assert!(
            why.contains(
                "counted from 2008-04-22, the inspection report's publication (paragraph 1)"
            ),
            "{why}"
        );
        // Counted from publication, before the paper's date by design: not a warning.
        assert!(i["warnings"].as_array().is_none_or(Vec::is_empty), "{i}");
    }
    let report = report(&reports(), "oxfordshire-jar-2008").clone();
    assert_eq!(report["published"], "2008-04-22");
    assert_eq!(report["date"], "2008-05-20");
}

#[test]
fn dated_timescales_in_the_other_papers_keep_their_printed_dates() {
    let dudley = list_json(&bundled(), &["--report", "dudley-2010"]);
    assert_eq!(dudley[2]["deadline"], "2011-03-31");
    assert_eq!(dudley[2]["deadline_kind"], "month");
    // Recommendations 19 and 20 print no timescale: silence, not a failure to read one.
    for i in &dudley[..2] {
        assert_eq!(i["deadline_kind"], "not-given", "{i}");
        assert_eq!(
            i["deadline_explanation"], "the source prints no timescale",
            "{i}"
        );
        assert!(i["warnings"].as_array().is_none_or(Vec::is_empty), "{i}");
    }
    // Oxfordshire 2005 prints no timescale at all.
    for i in list_json(&bundled(), &["--report", "oxfordshire-2005"]) {
        assert_eq!(i["deadline_kind"], "not-given", "{i}");
    }
    // The panel's relative timescales have no day to count from (no year is printed).
    for i in list_json(&bundled(), &["--report", "protection-panel"]) {
        assert!(i["deadline"].is_null(), "{i}");
        assert!(
            i["deadline_explanation"]
                .as_str()
                .is_some_and(|w| w.contains("the paper has no date")),
            "{i}"
        );
    }
}

#[test]
fn check_names_no_empty_timescale_and_nothing_not_understood() {
    let out = run(&bundled(), &["check"]);
    let text = stdout(&out);
    assert!(!text.contains("not understood"), "{text}");
    assert!(!text.contains("oxfordshire-2005/"), "{text}");
    assert!(!text.contains("dudley-2010/"), "{text}");
    assert!(!text.contains("oxfordshire-jar-2008/"), "{text}");
}

#[test]
fn a_filter_on_any_printed_alias_finds_every_spelling_and_nothing_else() {
    let all = list_json(&bundled(), &[]);
    // The spellings the Leicester plan prints for one person.
    let fitzg = ["M FitzG", "M.FitzG", "MfitsG"];
    let expected: Vec<String> = all
        .iter()
        .filter(|i| {
            i["owners_as_printed"].as_array().is_some_and(|o| {
                o.iter()
                    .any(|s| fitzg.contains(&s.as_str().unwrap_or_default()))
            })
        })
        .map(|i| i["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(expected.len(), 5);
    for alias in ["M FitzG", "M.FitzG", "MfitsG", "m fitzg", "fitzg"] {
        assert_eq!(
            ids(&list_json(&bundled(), &["--owner", alias])),
            expected,
            "--owner {alias}"
        );
    }
    let kbd = ids(&list_json(&bundled(), &["--owner", "KB-D"]));
    assert_eq!(kbd, ids(&list_json(&bundled(), &["--owner", "KBD"])));
    assert_eq!(
        kbd,
        [
            "leicester-2003/2.3a",
            "leicester-2003/4.2a",
            "leicester-2003/4.2b"
        ]
    );
    let partnership = list_json(&bundled(), &["--owner", "local partnership"]);
    assert_eq!(partnership.len(), 8);
}

#[test]
fn check_passes_on_the_bundled_workspace_and_reports_the_march_03_warning() {
    let out = run(&bundled(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("leicester-2003/2.6d"), "{text}");
    assert!(text.contains("March '03"), "{text}");
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn every_owner_spelling_in_the_reports_is_in_the_people_directory() {
    let out = run(&bundled(), &["check"]);
    let text = stdout(&out);
    assert!(!text.contains("is not in people.toml"), "{text}");
    assert!(!text.contains("unknown key"), "{text}");
}
