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
    let items = list_json(workspace().path(), &["--report", "leicester-2003"]);
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
    let out = run(workspace().path(), &["reports", "--format", "json"]);
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
    let items = list_json(workspace().path(), &["--report", "protection-panel"]);
    for i in &items {
        assert!(i["deadline"].is_null(), "{i}");
        assert!(!i["warnings"].as_array().is_none_or(Vec::is_empty), "{i}");
    }
}

#[test]
fn the_jar_counts_its_eleven_deadlines_from_the_reviews_publication() {
    // Paragraph 1 of 003: the review "was published on 22 April 2008"; the Cabinet
    // meeting (the paper's date) was 20 May 2008. Its timescales run from publication.
    let items = list_json(workspace().path(), &["--report", "oxfordshire-jar-2008"]);
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
    let dudley = list_json(workspace().path(), &["--report", "dudley-2010"]);
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
    for i in list_json(workspace().path(), &["--report", "oxfordshire-2005"]) {
        assert_eq!(i["deadline_kind"], "not-given", "{i}");
    }
    // The panel's relative timescales have no day to count from (no year is printed).
    for i in list_json(workspace().path(), &["--report", "protection-panel"]) {
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
    let out = run(workspace().path(), &["check"]);
    let text = stdout(&out);
    assert!(!text.contains("not understood"), "{text}");
    assert!(!text.contains("oxfordshire-2005/"), "{text}");
    assert!(!text.contains("dudley-2010/"), "{text}");
    assert!(!text.contains("oxfordshire-jar-2008/"), "{text}");
}

#[test]
fn a_filter_on_any_printed_alias_finds_every_spelling_and_nothing_else() {
    let all = list_json(workspace().path(), &[]);
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
            ids(&list_json(workspace().path(), &["--owner", alias])),
            expected,
            "--owner {alias}"
        );
    }
    let kbd = ids(&list_json(workspace().path(), &["--owner", "KB-D"]));
    assert_eq!(
        kbd,
        ids(&list_json(workspace().path(), &["--owner", "KBD"]))
    );
    assert_eq!(
        kbd,
        [
            "leicester-2003/2.3a",
            "leicester-2003/4.2a",
            "leicester-2003/4.2b"
        ]
    );
    let partnership = list_json(workspace().path(), &["--owner", "local partnership"]);
    assert_eq!(partnership.len(), 8);
}

#[test]
fn check_passes_on_the_bundled_workspace_and_reports_the_march_03_warning() {
    let out = run(workspace().path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("leicester-2003/2.6d"), "{text}");
    assert!(text.contains("March '03"), "{text}");
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn every_owner_spelling_in_the_reports_is_in_the_people_directory() {
    let out = run(workspace().path(), &["check"]);
    let text = stdout(&out);
    assert!(!text.contains("is not in people.toml"), "{text}");
    assert!(!text.contains("unknown key"), "{text}");
}

/// What a reader checks of a paper against the page: its title, authority,
/// inspectorate, inspection and judgements; its findings (how many of each kind, and
/// the first words of the first); and every recommendation, in order, with its heading,
/// the first words of its text, its timescale and owners as printed.
struct Paper {
    id: &'static str,
    title: &'static str,
    authority: &'static str,
    inspectorate: &'static str,
    inspection: &'static str,
    judgements: &'static [(&'static str, &'static str)],
    /// (category, how many, the first words of the first)
    findings: &'static [(&'static str, usize, &'static str)],
    /// (id, heading, the first words of its text, timescale, owners as printed)
    recommendations: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

const OXFORDSHIRE_2005: Paper = Paper {
    id: "oxfordshire-2005",
    title: "Inspection of Children’s Services – July 2005",
    authority: "Oxfordshire",
    inspectorate: "Commission for Social Care Inspection (CSCI)",
    inspection: "July 2005",
    judgements: &[
        (
            "Overall",
            "providing services well to some children and their carers",
        ),
        (
            "National Priorities",
            "serving some people well, with promising prospects",
        ),
    ],
    findings: &[
        ("strength", 27, "We saw evidence from a number"),
        ("concern", 2, "We also witnessed some poor practice"),
        ("good-practice", 8, "The Prevention and Intervention Team"),
        ("finding", 1, "They described the Area Child Protection"),
    ],
    recommendations: &[
        (
            "2.1",
            "National Priorities and Strategic Objectives",
            "Improved consultation arrangements are needed to ensure all",
            "",
            "",
        ),
        (
            "2.2",
            "Effectiveness of Service Delivery and Outcomes",
            "Medium and long-term strategies need developing to ensure",
            "",
            "",
        ),
        (
            "2.3",
            "Effectiveness of Service Delivery and Outcomes",
            "Staffing problems around the homecare services need to",
            "",
            "",
        ),
        (
            "2.4",
            "Effectiveness of Service Delivery and Outcomes",
            "A range of fostering services need to be",
            "",
            "",
        ),
        (
            "2.5",
            "Effectiveness of Service Delivery and Outcomes",
            "The advocacy service needs promoting across all services",
            "",
            "",
        ),
        (
            "2.6",
            "Effectiveness of Service Delivery and Outcomes",
            "Accommodation for care leavers needs to be improved",
            "",
            "",
        ),
        (
            "2.7",
            "Quality of Services for Users and Carers",
            "Unit mangers need to be relieved of the",
            "",
            "",
        ),
        (
            "2.8",
            "Quality of Services for Users and Carers",
            "The City office reception needs to be refurnished",
            "",
            "",
        ),
        (
            "2.9",
            "Quality of Services for Users and Carers",
            "All assessments need to take account of cultural",
            "",
            "",
        ),
        (
            "2.10",
            "Quality of Services for Users and Carers",
            "All review notes need to be produced on",
            "",
            "",
        ),
        (
            "2.11",
            "Quality of Services for Users and Carers",
            "All Children Looked After must have a personal",
            "",
            "",
        ),
        (
            "2.12",
            "Quality of Services for Users and Carers",
            "Files need to be compliant with departmental procedures",
            "",
            "",
        ),
        (
            "2.13",
            "Fair Access",
            "The council should invite parents to the priority",
            "",
            "",
        ),
        (
            "2.14",
            "Fair Access",
            "The assessment teams should open for client access",
            "",
            "",
        ),
        (
            "2.15",
            "Fair Access",
            "Staff should be provided with training on how",
            "",
            "",
        ),
        (
            "2.16",
            "Management and Resources",
            "The collection of information needs to ensure that",
            "",
            "",
        ),
        (
            "2.17",
            "Management and Resources",
            "We recommend that an action plan be developed",
            "",
            "",
        ),
        (
            "2.18",
            "Management and Resources",
            "The combined role of decision maker and quality",
            "",
            "",
        ),
    ],
};

const JAR_2008: Paper = Paper {
    id: "oxfordshire-jar-2008",
    title: "Oxfordshire Joint Area Review of Children’s Services",
    authority: "Oxfordshire",
    inspectorate: "Joint Area Review (led by Ofsted, with inspectors from the Audit Commission, Healthcare Commission and HM Inspectorate of Probation)",
    inspection: "extensive fieldwork late in 2007",
    judgements: &[
        ("Safeguarding", "adequate"),
        ("Learning difficulties and/or disabilities", "adequate"),
        ("14-19 strategic planning", "inadequate"),
        ("Management and capacity to improve", "adequate"),
        ("Value for money", "adequate"),
    ],
    findings: &[
        (
            "finding",
            6,
            "Overall, safeguarding in Oxfordshire is adequate.",
        ),
        ("strength", 6, "The Council and its partners give"),
        (
            "concern",
            8,
            "The Oxfordshire Safeguarding Children Board (OSCB)",
        ),
    ],
    recommendations: &[
        (
            "imm-1",
            "For Immediate Action",
            "ensure that an appropriate way is found to",
            "For Immediate Action",
            "The local partnership",
        ),
        (
            "imm-2",
            "For Immediate Action",
            "introduce training and support to ensure that Council",
            "For Immediate Action",
            "The local partnership",
        ),
        (
            "6m-1",
            "For Action over the next Six Months",
            "review and update all policies and procedures to",
            "For Action over the next Six Months",
            "The Oxfordshire Safeguarding Children Board",
        ),
        (
            "6m-2",
            "For Action over the next Six Months",
            "agree membership and accountability arrangements with members’ respective",
            "For Action over the next Six Months",
            "The Oxfordshire Safeguarding Children Board",
        ),
        (
            "6m-3",
            "For Action over the next Six Months",
            "ensure that the new arrangements for sexual health",
            "For Action over the next Six Months",
            "The Oxfordshire Safeguarding Children Board",
        ),
        (
            "6m-4",
            "For Action over the next Six Months",
            "implement the planned post-16 development of greater choice",
            "For Action over the next Six Months",
            "The local partnership",
        ),
        (
            "6m-5",
            "For Action over the next Six Months",
            "establish key milestones to ensure the consistent implementation",
            "For Action over the next Six Months",
            "The local partnership",
        ),
        (
            "6m-6",
            "For Action over the next Six Months",
            "improve the progress of children with learning difficulties",
            "For Action over the next Six Months",
            "The local partnership",
        ),
        (
            "6m-7",
            "For Action over the next Six Months",
            "improve access to behaviour support, occupational therapy and",
            "For Action over the next Six Months",
            "The local partnership",
        ),
        (
            "6m-8",
            "For Action over the next Six Months",
            "increase equity of access to provision and services",
            "For Action over the next Six Months",
            "The local partnership",
        ),
        (
            "6m-9",
            "For Action over the next Six Months",
            "agree and implement rigorous evaluation and performance management",
            "For Action over the next Six Months",
            "The local partnership",
        ),
    ],
};

const DUDLEY_2010: Paper = Paper {
    id: "dudley-2010",
    title: "Unannounced Ofsted inspection of contact, referral and assessment arrangements",
    authority: "Dudley",
    inspectorate: "Ofsted",
    inspection: "15 and 16 June 2010",
    judgements: &[("Overall", "No overall rating")],
    findings: &[
        ("strength", 1, "Of particular note in the findings"),
        ("good-practice", 1, "In summary there are a number"),
        (
            "area-for-development",
            3,
            "With regard to areas for development",
        ),
    ],
    recommendations: &[
        (
            "19",
            "Recommendation",
            "Select Committee to receive and note the findings",
            "",
            "Select Committee",
        ),
        (
            "20",
            "Recommendation",
            "Select Committee to receive and note the action",
            "",
            "Select Committee",
        ),
        (
            "21",
            "Recommendation",
            "Select Committee receives further report in the progress",
            "March 2011",
            "Select Committee",
        ),
    ],
};

const PANEL: Paper = Paper {
    id: "protection-panel",
    title: "Arrangements for the Protection of Children - Inspection / Improvement Plan",
    authority: "",
    inspectorate: "Ofsted",
    inspection: "4th – 13th March",
    judgements: &[
        ("Overall effectiveness", "Adequate"),
        ("Effectiveness of help", "Adequate"),
        ("Quality of practice", "Adequate"),
        ("Leadership and Governance", "Adequate"),
    ],
    findings: &[
        ("finding", 9, "Council and partners have clear strategic"),
        ("strength", 6, "Good sense of what continues to"),
        (
            "area-for-development",
            7,
            "Council has to develop overarching ‘early",
        ),
        ("concern", 1, "HMI alert to massive increase of"),
    ],
    recommendations: &[
        (
            "imm-1",
            "Improvements Required",
            "Ensure that all cases that require social work",
            "Immediately",
            "",
        ),
        (
            "imm-2",
            "Improvements Required",
            "Take action to ensure a consistency of response",
            "Immediately",
            "",
        ),
        (
            "3m-1",
            "Improvements Required",
            "Ensure that the performance management framework has sufficient",
            "Within three months",
            "",
        ),
        (
            "3m-2",
            "Improvements Required",
            "Ensure that weaknesses that have been identified by",
            "Within three months",
            "",
        ),
        (
            "6m-1",
            "Improvements Required",
            "Evaluate the impact of early help services and",
            "Within six months",
            "",
        ),
    ],
};

/// The first `n` words of `text`.
fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_other_four_papers_read_as_printed() {
    let ws = workspace();
    let out = run(ws.path(), &["reports", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    for paper in [&OXFORDSHIRE_2005, &JAR_2008, &DUDLEY_2010, &PANEL] {
        let r = report(&all, paper.id);
        let id = paper.id;
        assert_eq!(r["title"], paper.title, "{id}");
        assert_eq!(r["authority"], paper.authority, "{id}");
        assert_eq!(r["inspectorate"], paper.inspectorate, "{id}");
        assert_eq!(r["inspection"], paper.inspection, "{id}");
        let judgements: Vec<(String, String)> = r["judgements"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|j| (j["domain"].to_string(), j["judgement"].to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let want: Vec<(String, String)> = paper
            .judgements
            .iter()
            .map(|(d, j)| (Value::from(*d).to_string(), Value::from(*j).to_string()))
            .collect();
        assert_eq!(judgements, want, "{id}: judgements");
        let findings = r["findings"].as_array().cloned().unwrap_or_default();
        let total: usize = paper.findings.iter().map(|(_, n, _)| n).sum();
        assert_eq!(findings.len(), total, "{id}: findings");
        for (category, n, start) in paper.findings {
            let of: Vec<&Value> = findings
                .iter()
                .filter(|f| f["category"] == *category)
                .collect();
            assert_eq!(of.len(), *n, "{id}: {category} findings");
            let first = of
                .first()
                .and_then(|f| f["text"].as_str())
                .unwrap_or_default();
            assert_eq!(first_words(first, 6), *start, "{id}: the first {category}");
        }
        let recs = r["recommendations"].as_array().cloned().unwrap_or_default();
        let got: Vec<(String, String, String, String)> = recs
            .iter()
            .map(|rec| {
                (
                    rec["id"].as_str().unwrap_or_default().to_string(),
                    rec["heading"].as_str().unwrap_or_default().to_string(),
                    first_words(rec["text"].as_str().unwrap_or_default(), 8),
                    rec["timescale"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = paper
            .recommendations
            .iter()
            .map(|(i, h, t, s, _)| (i.to_string(), h.to_string(), t.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want, "{id}: recommendations");
        // Each is tracked directly (the papers have no action plan), with its text,
        // timescale and owners as printed.
        let items = list_json(ws.path(), &["--report", id]);
        let got: Vec<(String, String, String, String)> = items
            .iter()
            .map(|i| {
                (
                    i["id"].as_str().unwrap_or_default().to_string(),
                    first_words(i["text"].as_str().unwrap_or_default(), 8),
                    i["timescale"].as_str().unwrap_or_default().to_string(),
                    joined(&i["owners_as_printed"]),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = paper
            .recommendations
            .iter()
            .map(|(i, _, t, s, o)| {
                (
                    format!("{id}/{i}"),
                    t.to_string(),
                    s.to_string(),
                    o.to_string(),
                )
            })
            .collect();
        assert_eq!(got, want, "{id}: items");
        assert!(items.iter().all(|i| i["kind"] == "recommendation"), "{id}");
    }
}
