//! The pack a committee is given: what is in it (the model, built from a replayed
//! committee cycle), how each format lays it out (HTML and Word structure, Markdown),
//! hostile and huge text, and which committee's meeting it is for.

mod common;

use common::run_on as on;
use common::*;
use scrutineer::agenda::{self, MeetingChoice, Pack, PackInput};
use scrutineer::model::Status;
use scrutineer::workspace::Workspace;
use std::path::Path;
use std::process::Output;

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The bundled workspace with a meeting on 10 December 2003 (with its time, venue and
/// contact), the clerk's login mapped to a name, and a committee cycle replayed up to
/// 1 December 2003: five items marked for the meeting, one of them carried over from
/// 29 October, two complete, one overdue and green, a revised deadline, responses.
fn cycle() -> tempfile::TempDir {
    let ws = workspace();
    let calendar = ws.path().join("committees.toml");
    edit(
        &calendar,
        "authority = \"Leicester City Council\"\nselect = true\n",
        "authority = \"Leicester City Council\"\nselect = true\ntime = \"5.30 pm\"\nvenue = \"Committee Room 1, Town Hall\"\ncontact = \"Ann Clerk, 0116 000 0000\"\n",
    );
    edit(&calendar, "  2003-09-17,", "  2003-09-17,\n  2003-12-10,");
    let people = ws.path().join("people.toml");
    let mut text = read(&people);
    text.push_str(&format!(
        "\n[[owner]]\nid = \"ann-clerk\"\nname = \"Ann Clerk\"\nrole = \"Scrutiny Officer\"\nlogins = [\"{}\"]\n",
        scrutineer::workspace::login_name()
    ));
    std::fs::write(&people, text).expect("write");
    let p = ws.path();
    ok(on(p, "2003-10-15", &["mark", "2.1a", "2.2a"]));
    ok(on(
        p,
        "2003-10-15",
        &["status", "2.2a", "on-track", "--note", "Protocol drafted"],
    ));
    ok(on(
        p,
        "2003-10-20",
        &["status", "2.3b", "on-track", "--note", "Half day arranged"],
    ));
    ok(on(
        p,
        "2003-11-05",
        &[
            "status",
            "2.2a",
            "complete",
            "--note",
            "In use from 1 November",
        ],
    ));
    ok(on(
        p,
        "2003-11-10",
        &["status", "2.4a", "at-risk", "--note", "Targets not yet set"],
    ));
    ok(on(
        p,
        "2003-11-10",
        &[
            "revise",
            "2.4a",
            "2004-01-31",
            "--reason",
            "More time to set targets",
        ],
    ));
    ok(on(
        p,
        "2003-11-12",
        &["respond", "leicester-2003/2.4", "accepted"],
    ));
    ok(on(
        p,
        "2003-11-12",
        &["respond", "leicester-2003/3.1", "--due", "2003-11-28"],
    ));
    ok(on(
        p,
        "2003-11-20",
        &[
            "status",
            "3.1b",
            "off-track",
            "--note",
            "Leaflets not agreed",
        ],
    ));
    ok(on(
        p,
        "2003-11-25",
        &["status", "6.2a", "complete", "--note", "Strategy launched"],
    ));
    ok(on(
        p,
        "2003-12-01",
        &[
            "mark",
            "2.2a",
            "2.3b",
            "2.4a",
            "3.1b",
            "6.2a",
            "--meeting",
            "2003-12-10",
        ],
    ));
    ws
}

fn pack_of(ws: &Path, today: &str, committee: &str, date: &str) -> Pack {
    let w = Workspace::load(ws).expect("load");
    let today: jiff::civil::Date = today.parse().expect("date");
    let committee = w.committees.iter().find(|c| c.id == committee);
    let a = agenda::build_for(
        &w.reports,
        &w.items,
        &w.committees,
        committee,
        MeetingChoice::On(date.parse().expect("date")),
        today,
    );
    let input = PackInput {
        reports: &w.reports,
        items: &w.items,
        committees: &w.committees,
        people: &w.people,
        today,
    };
    agenda::pack::build(input, &a, &["receive a verbal update".to_string()])
}

fn pack_args(format: &str) -> Vec<&str> {
    vec![
        "agenda",
        "--meeting",
        "2003-12-10",
        "--committee",
        "leicester-scrutiny",
        "--format",
        format,
    ]
}

#[test]
fn the_pack_holds_what_a_committee_expects_in_order() {
    let ws = cycle();
    let pack = pack_of(ws.path(), "2003-12-01", "leicester-scrutiny", "2003-12-10");
    // The cover.
    assert_eq!(pack.cover.council, "Leicester City Council");
    assert_eq!(
        pack.cover.committee,
        "Social Services and Personal Health Scrutiny Committee"
    );
    assert_eq!(pack.cover.when(), "Wednesday 10 December 2003");
    assert_eq!(pack.cover.time, "5.30 pm");
    assert_eq!(pack.cover.venue, "Committee Room 1, Town Hall");
    assert_eq!(pack.cover.contact, "Ann Clerk, 0116 000 0000");
    assert_eq!(
        pack.cover.title,
        "Scrutiny recommendations and action plans: progress"
    );
    // The summary.
    let s = &pack.summary;
    assert_eq!((s.reported, s.progress, s.sign_off.len()), (5, 3, 2));
    assert_eq!(s.sign_off.phrase(), "2.2a and 6.2a");
    assert_eq!(
        s.by_status,
        vec![
            (Status::OnTrack, 1),
            (Status::AtRisk, 1),
            (Status::OffTrack, 1),
            (Status::Complete, 2)
        ]
    );
    assert_eq!(s.overdue.phrase(), "2.3b and 3.1b");
    assert_eq!(s.revised.phrase(), "2.4a");
    assert_eq!(s.responses_overdue.phrase(), "3.1");
    assert!(s.responses_awaited.phrase().contains("3.1"));
    assert!(
        !s.responses_awaited.phrase().contains("2.4"),
        "2.4 is answered"
    );
    assert_eq!(s.carried_over.phrase(), "2.2a");
    assert_eq!(s.previous_meeting, Some(jiff::civil::date(2003, 10, 29)));
    // What the committee is asked to do: the standard requests, then the clerk's.
    assert_eq!(pack.asks.len(), 3);
    assert!(pack.asks[0].starts_with("note the progress reported on 3 items"));
    assert!(pack.asks[1].contains("2.2a and 6.2a") && pack.asks[1].contains("signed off"));
    assert_eq!(pack.asks[2], "receive a verbal update");
    // Per report and recommendation: printed references, the text, the response.
    let report = &pack.progress[0];
    assert_eq!(
        report.title,
        "Social Services Inspection of Children's Services"
    );
    assert_eq!(report.inspectorate, "Social Services Inspectorate (SSI)");
    assert!(!report.judgements.is_empty());
    let refs: Vec<&str> = report
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(refs, ["2.3b", "2.4a", "3.1b"]);
    let g24 = &report.groups[1];
    assert_eq!(g24.recommendations[0].reference, "2.4");
    assert!(
        g24.recommendations[0]
            .text
            .starts_with("Ensure that the Corporate Parenting Group")
    );
    assert!(
        g24.recommendations[0]
            .response
            .starts_with("Accepted (12 November 2003)")
    );
    let g31 = &report.groups[2];
    assert!(g31.recommendations[0].response_overdue);
    assert!(
        g31.recommendations[0]
            .response_due
            .starts_with("Response overdue: it was due by "),
        "{:?}",
        g31.recommendations[0].response_due
    );
    // Per item: owners by name where known, dates, status, overdue in words, the note
    // signed with the clerk's name.
    let i24a = &g24.items[0];
    assert_eq!(i24a.owners, ["M Frith", "M FitzG"]);
    assert_eq!(i24a.current, Some(jiff::civil::date(2004, 1, 31)));
    assert_eq!(i24a.original, Some(jiff::civil::date(2003, 11, 12)));
    assert!(
        i24a.revisions[0]
            .sentence()
            .contains("More time to set targets")
    );
    let note = i24a.latest_note.as_ref().expect("a note");
    assert_eq!(note.text, "Targets not yet set");
    assert_eq!(note.by, "Ann Clerk, Scrutiny Officer");
    let i23b = &report.groups[0].items[0];
    assert_eq!(i23b.status, Status::OnTrack);
    assert_eq!(
        i23b.overdue.as_deref(),
        Some("Overdue: 49 days past its deadline of 13 October 2003")
    );
    // Sign-off, and the item carried over said as such.
    let signed: Vec<&str> = pack
        .sign_off
        .iter()
        .flat_map(|r| &r.groups)
        .flat_map(|g| &g.items)
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(signed, ["2.2a", "6.2a"]);
    let i22a = &pack.sign_off[0].groups[0].items[0];
    assert_eq!(
        i22a.carried_over.as_deref(),
        Some("Presented at the meeting on 29 October 2003 and carried over to this one")
    );
    // Changes since 29 October: 2.2a's completion, not its October status.
    let c22a = pack
        .changes
        .entries
        .iter()
        .find(|e| e.label == "Item 2.2a")
        .expect("2.2a changed");
    assert_eq!(c22a.lines.len(), 1);
    assert!(
        c22a.lines[0]
            .what
            .contains("to Complete: In use from 1 November")
    );
    assert!(!pack.changes.entries.iter().any(|e| e.label == "Item 2.1a"));
    // 2.4's response changed, and 2.4a, which answers it, is in the pack.
    let c24 = pack
        .changes
        .entries
        .iter()
        .find(|e| e.label == "Recommendation 2.4")
        .expect("2.4 changed");
    assert_eq!(c24.reported(), "reported in this pack");
    // Every initial used is in the key.
    let key: Vec<&str> = pack.key.iter().map(|k| k.initials.as_str()).collect();
    for initials in ["JJ", "BB", "MMcG", "AJ", "CS", "KS", "ZM"] {
        assert!(key.contains(&initials), "{initials} not in {key:?}");
    }
    assert!(!key.contains(&"M Frith") && !key.contains(&"I Dooher"));
    assert!(pack.unnamed_logins.is_empty());
}

#[test]
fn the_summary_counts_equal_triage_for_the_same_meeting_and_day() {
    let ws = cycle();
    // A workspace of this committee's reports only, so triage counts the same items.
    for other in [
        "dudley-2010",
        "oxfordshire-2005",
        "oxfordshire-jar-2008",
        "protection-panel",
    ] {
        std::fs::remove_file(ws.path().join(format!("reports/{other}.toml"))).expect("rm");
    }
    let tracking = ws.path().join("tracking.toml");
    assert!(read(&tracking).contains("leicester-2003"));
    let triage: serde_json::Value = serde_json::from_str(&ok(on(
        ws.path(),
        "2003-12-01",
        &["triage", "--format", "json"],
    )))
    .expect("JSON");
    let pack = pack_of(ws.path(), "2003-12-01", "leicester-scrutiny", "2003-12-10");
    let plan = pack.summary.plan.as_ref().expect("the committee's plans");
    assert_eq!(triage["next_meeting"]["date"], "2003-12-10");
    assert_eq!(
        triage["ready_for_next_meeting"].as_u64(),
        Some(pack.summary.reported as u64)
    );
    assert_eq!(triage["ready"].as_u64(), Some(pack.summary.reported as u64));
    assert_eq!(triage["items"].as_u64(), Some(plan.items as u64));
    assert_eq!(triage["overdue"].as_u64(), Some(plan.overdue as u64));
    for (status, n) in &plan.by_status {
        assert_eq!(
            triage["by_status"][status.as_str()].as_u64(),
            Some(*n as u64),
            "{status}"
        );
    }
    // The items reported, counted by `list` with the same filters.
    let ready: Vec<serde_json::Value> = serde_json::from_str(&ok(on(
        ws.path(),
        "2003-12-01",
        &["list", "--ready", "--format", "json"],
    )))
    .expect("JSON");
    assert_eq!(ready.len(), pack.summary.reported);
    let overdue = ready.iter().filter(|i| i["overdue"] == true).count();
    assert_eq!(overdue, pack.summary.overdue.len());
}

/// The text between `from` and the next `to` (or the end).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from}"));
    let rest = &text[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len());
    &rest[..end]
}

#[test]
fn the_html_pack_prints_on_a4_with_headers_page_numbers_and_a_page_per_report() {
    let ws = cycle();
    let html = ok(on(ws.path(), "2003-12-01", &pack_args("html")));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
    // Paged media: A4, a running header with the committee and date, page X of Y.
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("counter(page)") && html.contains("counter(pages)"));
    let header = between(&html, "@top-left { content: \"", "\";");
    assert!(header.contains("Social Services and Personal Health Scrutiny Committee"));
    assert!(header.contains("10 December 2003"));
    // A page break before each part and each report.
    assert!(html.contains(".part { break-before: page; }"));
    assert!(html.contains(".part > .report + .report { break-before: page; }"));
    assert!(html.contains(".cover { break-after: page;"));
    // The sections in the order committees expect.
    let order = [
        "<section class=\"cover\">",
        "<h2>Summary</h2>",
        "<h2>The committee is asked to</h2>",
        "<h2>Progress reports</h2>",
        "<h2>Proposed for sign-off</h2>",
        "<h2>Changes since the last meeting</h2>",
        "<h2>Key to initials</h2>",
    ];
    let mut at = 0;
    for part in order {
        let found = html[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} out of order"));
        at += found;
    }
    let cover = between(&html, "<section class=\"cover\">", "</section>");
    for want in [
        "Leicester City Council",
        "<th>Date</th><td>Wednesday 10 December 2003</td>",
        "<th>Time</th><td>5.30 pm</td>",
        "<th>Venue</th><td>Committee Room 1, Town Hall</td>",
        "<th>Contact</th><td>Ann Clerk, 0116 000 0000</td>",
        "<h1>Scrutiny recommendations and action plans: progress</h1>",
    ] {
        assert!(cover.contains(want), "{want} not in {cover}");
    }
    // Each report on its own page, each item a table, statuses with symbol and words.
    assert_eq!(html.matches("<section class=\"report\">").count(), 2);
    assert_eq!(html.matches("<table class=\"item\">").count(), 5);
    assert!(html.contains("<span class=\"ref\">2.3b</span> <span class=\"status s-on-track\">● On track (green)</span> <span class=\"overdue\">Overdue: 49 days past its deadline of 13 October 2003</span>"));
    assert!(html.contains("<h4>Recommendation 2.4 "));
    assert!(
        html.contains("Ensure that the Corporate Parenting Group establishes and monitors a plan")
    );
    assert!(html.contains("<strong>Executive response:</strong> Accepted (12 November 2003)"));
    assert!(html.contains("Targets not yet set <span class=\"by\">(Ann Clerk, Scrutiny Officer, 10 November 2003)</span>"));
    assert!(
        html.contains("Presented at the meeting on 29 October 2003 and carried over to this one")
    );
    assert!(
        !html.contains("leicester-2003/"),
        "internal ids are data, not print"
    );
    let key = between(&html, "<h2>Key to initials</h2>", "</section>");
    for initials in ["JJ", "BB", "MMcG", "AJ", "CS", "KS", "ZM"] {
        assert!(
            key.contains(&format!("<tr><th>{initials}</th>")),
            "{initials}"
        );
    }
}

/// Every XML part parses: a file Word or LibreOffice would open without repair.
fn assert_well_formed(parts: &std::collections::BTreeMap<String, String>) {
    for (name, xml) in parts {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
        assert!(
            !xml.chars()
                .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}'),
            "{name} holds a character XML forbids"
        );
    }
}

#[test]
fn the_word_pack_has_headings_tables_page_breaks_and_page_numbers() {
    let ws = cycle();
    let file = ws.path().join("pack.docx");
    let mut args = pack_args("docx");
    args.extend(["--output", file.to_str().expect("path")]);
    let said = ok(on(ws.path(), "2003-12-01", &args));
    assert!(said.contains("written, 5 item(s)"), "{said}");
    let bytes = std::fs::read(&file).expect("read");
    let parts = zip_xml(&bytes);
    assert_well_formed(&parts);
    let doc = &parts["word/document.xml"];
    assert!(
        doc.contains("w:w=\"11906\"") && doc.contains("w:h=\"16838\""),
        "A4"
    );
    for heading in [
        "Summary",
        "The committee is asked to",
        "Progress reports",
        "Proposed for sign-off",
        "Changes since the last meeting",
        "Key to initials",
        "Social Services Inspection of Children",
    ] {
        assert!(doc.contains(heading), "{heading}");
    }
    assert!(doc.contains("<w:pStyle w:val=\"Heading1\" />"));
    assert!(doc.contains("<w:pStyle w:val=\"Heading2\" />"));
    assert!(doc.contains("<w:pStyle w:val=\"Heading3\" />"));
    // A page break before the summary, each part, each report after the first, the
    // changes.
    assert!(doc.matches("<w:pageBreakBefore />").count() >= 4);
    assert!(
        doc.matches("<w:tbl>").count() >= 8,
        "cover, summary, report, items..."
    );
    assert!(doc.contains("Wednesday 10 December 2003") && doc.contains("5.30 pm"));
    assert!(
        doc.contains("Committee Room 1, Town Hall") && doc.contains("Ann Clerk, 0116 000 0000")
    );
    assert!(doc.contains("Overdue: 49 days past its deadline of 13 October 2003"));
    assert!(doc.contains("Ann Clerk, Scrutiny Officer"));
    // The running header and "Page X of Y" on every page (the cover's too).
    let headers: String = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, x)| x.as_str())
        .collect();
    assert!(
        headers
            .contains("Social Services and Personal Health Scrutiny Committee, 10 December 2003")
    );
    let footers: Vec<&String> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/footer"))
        .map(|(_, x)| x)
        .collect();
    assert_eq!(footers.len(), 2, "pages and the cover");
    for f in footers {
        assert!(f.contains(">PAGE<") && f.contains(">NUMPAGES<"), "{f}");
    }
}

/// Text that tries to break out of every format, and text too long for any line.
const HOSTILE: &str = "<script>alert(1)</script> & \"quotes\" 'apos' | pipe [link](javascript:x) # *bold* `code` \u{1b}]0;pwned\u{7} \u{fffe}";

fn hostile_workspace() -> tempfile::TempDir {
    let ws = cycle();
    let words = vec!["lengthy"; 2000].join(" ");
    let long_owner = "O".repeat(200);
    let report = ws.path().join("reports/leicester-2003.toml");
    edit(
        &report,
        "text = \"Joint Divisional Management Team half day",
        &format!("text = \"{words} Joint Divisional Management Team half day"),
    );
    edit(
        &report,
        "owners = [\"JJ\", \"BB\", \"MMcG\", \"AJ\", \"CS\", \"KS\"]",
        &format!("owners = [\"JJ\", \"{long_owner}\", \"BB\", \"MMcG\", \"AJ\", \"CS\", \"KS\"]"),
    );
    ok(on(ws.path(), "2003-12-01", &["note", "2.3b", HOSTILE]));
    let calendar = ws.path().join("committees.toml");
    edit(
        &calendar,
        "venue = \"Committee Room 1, Town Hall\"",
        "venue = \"Room </style><script>x</script> \\\"q\\\"\"",
    );
    ws
}

#[test]
fn hostile_text_is_escaped_in_every_format_and_long_text_is_kept_whole() {
    let ws = hostile_workspace();
    let p = ws.path();
    // HTML: markup as entities, controls shown escaped, the CSS string closed safely.
    let html = ok(on(p, "2003-12-01", &pack_args("html")));
    assert!(!html.contains("<script>") && !html.contains("</style><script>"));
    assert!(
        html.contains(
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apos&#39;"
        )
    );
    assert!(!html.chars().any(|c| c == '\u{1b}' || c == '\u{7}'));
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    // Long text: all of it, in a fixed layout that wraps anywhere.
    let words = vec!["lengthy"; 2000].join(" ");
    assert!(html.contains(&words), "the whole action");
    assert!(html.contains(&"O".repeat(200)));
    assert!(html.contains("table-layout: fixed") && html.contains("overflow-wrap: anywhere"));
    // Word: escaped by the XML writer, no control character, well-formed.
    let file = p.join("hostile.docx");
    let mut args = pack_args("docx");
    args.extend(["--output", file.to_str().expect("path")]);
    ok(on(p, "2003-12-01", &args));
    let parts = zip_xml(&std::fs::read(&file).expect("read"));
    assert_well_formed(&parts);
    let doc = &parts["word/document.xml"];
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
    assert!(doc.contains("\\e]0;pwned\\x07"));
    assert!(doc.contains(&words), "the whole action");
    assert!(
        doc.contains("w:type=\"fixed\""),
        "tables of fixed width wrap long text"
    );
    // Markdown: no HTML, no link, no table broken by a pipe, no formula.
    let md = ok(on(p, "2003-12-01", &pack_args("md")));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\> & \"quotes\" 'apos' \\| pipe \\[link\\](javascript:x) \\# \\*bold\\* \\`code\\`"), "{md}");
    assert!(!md.contains("<script>"));
    assert!(md.contains(&"O".repeat(200)));
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.matches(" | ").count() - line.matches("\\| ").count();
        assert!(cells <= 1, "a table row with a stray cell: {line}");
    }
}

#[test]
fn markdown_defuses_formulas_and_says_each_status_once() {
    let ws = cycle();
    ok(on(
        ws.path(),
        "2003-12-01",
        &[
            "note",
            "2.4a",
            "=HYPERLINK(\"http://evil.example\",\"click\")",
        ],
    ));
    let md = ok(on(ws.path(), "2003-12-01", &pack_args("md")));
    // The cover: the committee and the meeting, then the council.
    assert!(
        md.starts_with("# Social Services and Personal Health Scrutiny Committee: ")
            && md.contains("\n\n**Leicester City Council**\n\n"),
        "{md}"
    );
    assert!(md.contains("'=HYPERLINK"), "{md}");
    assert!(!md.contains("(Not started)") && !md.contains("(amber) (Amber)"));
    assert!(md.contains("**2.4a** — ▲ At risk (amber)"), "{md}");
    assert!(md.contains(
        "**2.3b** — ● On track (green) — **Overdue: 49 days past its deadline of 13 October 2003**"
    ));
    // A revised deadline gives both dates; one never revised, just the one.
    assert!(
        md.contains("- Deadline: original 12 November 2003, current 31 January 2004."),
        "{md}"
    );
    assert!(md.contains("- Deadline: 13 October 2003\n"), "{md}");
    assert!(md.contains("| Time | 5.30 pm |"));
    assert!(
        md.contains("| Items reported | 5 (3 progress report(s), 2 proposed for sign-off) |"),
        "{md}"
    );
    assert!(md.contains("5 item(s) ready."));
}

#[test]
fn output_is_written_atomically_and_the_clerk_adds_requests() {
    let ws = cycle();
    let file = ws.path().join("pack.html");
    let mut args = pack_args("html");
    args.extend([
        "--output",
        file.to_str().expect("path"),
        "--ask",
        "agree the work programme",
        "--ask",
        "note the March report",
    ]);
    let said = ok(on(ws.path(), "2003-12-01", &args));
    assert!(said.contains("pack.html: written, 5 item(s)"), "{said}");
    let html = read(&file);
    assert!(html.contains("<li>agree the work programme</li>\n<li>note the March report</li>"));
    // A Word pack of two meetings is refused: one meeting per document.
    let two = on(
        ws.path(),
        "2003-09-01",
        &["agenda", "--format", "docx", "--output", "x.docx"],
    );
    assert_eq!(two.status.code(), Some(2));
    assert!(stderr(&two).contains("--committee"), "{}", stderr(&two));
}

#[test]
fn an_unmapped_login_signs_with_the_login_and_is_named_on_stderr() {
    let ws = workspace();
    let p = ws.path();
    ok(on(p, "2003-10-15", &["note", "2.1a", "Report drafted"]));
    ok(on(p, "2003-10-15", &["mark", "2.1a"]));
    let out = on(
        p,
        "2003-10-15",
        &["agenda", "--committee", "leicester-scrutiny"],
    );
    let login = scrutineer::workspace::login_name();
    assert!(stdout(&out).contains(&format!("Report drafted ({login}, 15 October 2003)")));
    assert!(stderr(&out).contains(&format!("changes signed by {login} show the login")));
    // A login given for two people is a warning; the new keys are known ones.
    let people = p.join("people.toml");
    let mut text = read(&people);
    text.push_str("\n[[owner]]\nid = \"a\"\nname = \"A\"\nlogins = [\"jclerk\"]\n\n[[owner]]\nid = \"b\"\nname = \"B\"\nlogins = [\"jclerk\"]\n");
    std::fs::write(&people, text).expect("write");
    edit(
        &p.join("committees.toml"),
        "select = true\n",
        "select = true\ntime = \"5.30 pm\"\nvenue = \"Room 1\"\ncontact = \"Clerk\"\n",
    );
    let check = stdout(&on(p, "2003-10-15", &["check"]));
    assert!(
        check.contains("login `jclerk` is also given for `a`"),
        "{check}"
    );
    assert!(!check.contains("unknown"), "{check}");
}

// Issue 12, point 4: a workspace of several councils.

#[test]
fn a_date_with_no_meeting_or_another_councils_meeting_is_refused() {
    let ws = workspace();
    let p = ws.path();
    let before = read(&p.join("tracking.toml"));
    let no_meeting = on(
        p,
        "2003-10-01",
        &["mark", "2.4a", "--meeting", "2003-10-30"],
    );
    assert_eq!(no_meeting.status.code(), Some(2));
    let said = stderr(&no_meeting);
    assert!(
        said.contains("no meeting of its committee on 2003-10-30"),
        "{said}"
    );
    assert!(said.contains("2003-09-17, 2003-10-29"), "{said}");
    // Dudley's select committee does not take a Leicester action.
    let dudley = on(
        p,
        "2003-10-01",
        &["mark", "2.4a", "--meeting", "2010-09-16"],
    );
    assert_eq!(dudley.status.code(), Some(2));
    assert!(
        stderr(&dudley).contains(
            "is a meeting of Select Committee on Children's Services, which does not take it"
        ),
        "{}",
        stderr(&dudley)
    );
    // An Oxfordshire item: its council has no select committee in the calendar.
    let oxon = on(
        p,
        "2003-10-01",
        &["mark", "oxfordshire-2005/2.7", "--meeting", "2003-10-29"],
    );
    assert_eq!(oxon.status.code(), Some(2));
    assert!(
        stderr(&oxon).contains("Oxfordshire has none"),
        "{}",
        stderr(&oxon)
    );
    assert_eq!(read(&p.join("tracking.toml")), before, "nothing written");
    // A meeting that exists is taken.
    ok(on(
        p,
        "2003-10-01",
        &["mark", "2.4a", "--meeting", "2003-10-29"],
    ));
    // The agenda of a day with no meeting is refused too, naming the meetings.
    let agenda = on(p, "2003-10-01", &["agenda", "--meeting", "2003-10-30"]);
    assert_eq!(agenda.status.code(), Some(2));
    assert!(stderr(&agenda).contains("no select committee meets on 2003-10-30"));
    assert!(stderr(&agenda).contains("leicester-scrutiny): 2003-09-17, 2003-10-29"));
    let unknown = on(p, "2003-10-01", &["agenda", "--committee", "nobody"]);
    assert_eq!(unknown.status.code(), Some(2));
    let cabinet = on(
        p,
        "2003-10-01",
        &["plan", "--committee", "leicester-cabinet"],
    );
    assert_eq!(cabinet.status.code(), Some(2));
}

#[test]
fn each_committee_gets_its_own_next_meeting_and_only_its_own_items() {
    let ws = workspace();
    let p = ws.path();
    ok(on(p, "2003-10-01", &["mark", "2.1a", "dudley-2010/19"]));
    // An Oxfordshire item marked for "next" waits: its council has no select committee.
    ok(on(p, "2003-10-01", &["mark", "oxfordshire-2005/2.7"]));
    let both = ok(on(p, "2003-10-01", &["agenda"]));
    let leicester = both
        .find("# Social Services and Personal Health Scrutiny Committee: Wednesday 29 October 2003")
        .expect("Leicester's next meeting");
    let dudley = both
        .find("# Select Committee on Children's Services: Thursday 16 September 2010")
        .expect("Dudley's next meeting");
    assert!(leicester < dudley);
    let (l, d) = both.split_at(dudley);
    assert!(l.contains("**2.1a**") && !l.contains("**19**"), "{l}");
    assert!(d.contains("**19**") && !d.contains("**2.1a**"), "{d}");
    assert!(!both.contains("2.7"), "Oxfordshire's item goes to neither");
    let one = ok(on(
        p,
        "2003-10-01",
        &["agenda", "--committee", "dudley-childrens-select"],
    ));
    assert!(
        one.contains("**19**") && !one.contains("Leicester"),
        "{one}"
    );
    let waiting = ok(on(p, "2003-10-01", &["agenda", "--meeting", "unscheduled"]));
    assert!(waiting.contains("2.7"), "{waiting}");
    // CSV and JSON, as data, for each meeting.
    let csv = ok(on(p, "2003-10-01", &["agenda", "--format", "csv"]));
    assert!(csv.contains("2003-10-29,Social Services and Personal Health Scrutiny Committee,"));
    assert!(csv.contains("2010-09-16,Select Committee on Children's Services,"));
    let json: serde_json::Value =
        serde_json::from_str(&ok(on(p, "2003-10-01", &["agenda", "--format", "json"])))
            .expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(2));
    assert_eq!(json[1]["committee_id"], "dudley-childrens-select");
}

#[test]
fn the_plan_keeps_each_councils_items_to_its_own_committee() {
    let ws = workspace();
    let p = ws.path();
    let plan: Vec<serde_json::Value> =
        serde_json::from_str(&ok(on(p, "2003-09-01", &["plan", "--format", "json"])))
            .expect("JSON");
    let committees: Vec<&str> = plan
        .iter()
        .filter_map(|m| m["committee_id"].as_str())
        .collect();
    assert!(
        committees.contains(&"leicester-scrutiny")
            && committees.contains(&"dudley-childrens-select")
    );
    for m in &plan {
        let prefix = match m["committee_id"].as_str() {
            Some("leicester-scrutiny") => "leicester-2003/",
            Some("dudley-childrens-select") => "dudley-2010/",
            other => panic!("unexpected committee {other:?}"),
        };
        for list in ["ready", "falling_due", "promised"] {
            for id in m[list].as_array().expect("a list") {
                let id = id.as_str().unwrap_or_default();
                assert!(
                    id.starts_with(prefix),
                    "{id} listed for {}",
                    m["committee_id"]
                );
            }
        }
    }
    let dudley = plan
        .iter()
        .find(|m| m["date"] == "2010-09-16")
        .expect("Dudley's meeting");
    assert!(
        dudley["falling_due"].as_array().is_some_and(|l| l
            .iter()
            .all(|i| i.as_str().is_some_and(|s| s.starts_with("dudley-2010/")))),
        "{dudley}"
    );
    let only: Vec<serde_json::Value> = serde_json::from_str(&ok(on(
        p,
        "2003-09-01",
        &[
            "plan",
            "--committee",
            "dudley-childrens-select",
            "--format",
            "json",
        ],
    )))
    .expect("JSON");
    assert!(
        only.iter()
            .all(|m| m["committee_id"] == "dudley-childrens-select")
    );
    let text = ok(on(p, "2003-09-01", &["plan"]));
    assert!(
        text.contains("go to no select committee in committees.toml"),
        "{text}"
    );
}
