// A small workspace built in code with the cases the bundled one lacks (its tracking
// file is empty): a history with notes of every kind, revised deadlines, responses of
// every kind with dates due, marks for the next meeting, a dated meeting, one already
// presented, and unmarked again. Each note carries a word found nowhere else, so a
// search for it must find exactly its item.
//
// Only std is used: the library's own tests include this file too.

/// The day the tests take as today (as `common::run` does).
pub const INTERESTING_TODAY: &str = "2026-11-22";

/// Each word a note of one kind carries, and the items (ids) a search for it finds.
pub const NOTE_WORDS: &[(&str, &str, &[&str])] = &[
    ("a dated note", "kestrel", &["testshire-2026/1b"]),
    ("a status change's note", "heron", &["testshire-2026/1a"]),
    ("a ready mark's note", "curlew", &["testshire-2026/1a"]),
    ("an unmark's note", "lapwing", &["testshire-2026/3a"]),
    ("a revision's reason", "osprey", &["testshire-2026/2a"]),
    // A recommendation's response and its history reach every item answering it.
    (
        "a response's reason",
        "plover",
        &["testshire-2026/3a", "testshire-2026/3b"],
    ),
    (
        "a response-due change's note",
        "dunlin",
        &["testshire-2026/2a"],
    ),
    ("the transcriber's note", "merlin", &["testshire-2026/1b"]),
    // A response given to a recommendation tracked directly.
    (
        "a direct item's response",
        "sandpiper",
        &["testshire-2026/R4"],
    ),
];

const REPORT: &str = r#"id = "testshire-2026"
title = "Inspection of services for children in need of help and protection"
authority = "Testshire County Council"
inspectorate = "Ofsted"
inspection = "4 to 15 May 2026"
date = 2026-06-01

[[meetings]]
committee = "testshire-scrutiny"
date = 2026-10-01

[[recommendations]]
id = "R1"
ref = "1"
text = "Make sure that assessments are completed on time."

[[recommendations]]
id = "R2"
ref = "2"
text = "Improve the quality of supervision for social workers."

[[recommendations]]
id = "R3"
ref = "3"
text = "Strengthen the oversight of children missing from education."

[[recommendations]]
id = "R4"
ref = "4"
text = "Publish the sufficiency strategy for looked-after children."
timescale = "March 2027"
owners = ["C Cole"]

[[actions]]
id = "1a"
answers = ["R1"]
text = "Weekly assessment tracking meeting chaired by the service manager."
timescale = "March 2027"
owners = ["Ann Able"]

[[actions]]
id = "1b"
answers = ["R1"]
text = "Audit every open assessment."
timescale = "Immediately"
owners = ["B Baker"]
note = "The plan prints the owner's initials only; merlin"

[[actions]]
id = "2a"
answers = ["R2"]
text = "New supervision policy agreed by the practice board."
timescale = "June 2026"
owners = ["Ann Able", "C Cole"]

[[actions]]
id = "3a"
answers = ["R3"]
text = "Children missing education protocol rewritten with schools."
timescale = "Within six months"
owners = ["A. Able"]

[[actions]]
id = "3b"
answers = ["R3"]
text = "Termly report on children missing education to the board."
timescale = "Within three months"
owners = ["B Baker"]
"#;

const OTHER: &str = r#"id = "otherville-2025"
title = "Joint targeted area inspection"
authority = "Otherville"
inspectorate = "Ofsted"
date = 2025-12-01

[[recommendations]]
id = "O1"
ref = "1"
text = "Review the multi-agency safeguarding hub's thresholds."
timescale = "December 2026"
owners = ["AA"]
"#;

const COMMITTEES: &str = r#"[[committee]]
id = "testshire-scrutiny"
name = "Children and Young People Scrutiny Committee"
authority = "Testshire County Council"
select = true
meetings = [2026-10-01, 2026-12-10, 2027-02-01]
"#;

const PEOPLE: &str = r#"[[owner]]
id = "ann-able"
name = "Ann Able"
role = "Head of Service"
kind = "person"
aliases = ["Ann Able", "A. Able", "AA"]

[[owner]]
id = "b-baker"
name = "B Baker"
kind = "person"
aliases = ["B Baker"]

[[owner]]
id = "c-cole"
name = "C Cole"
kind = "person"
aliases = ["C Cole"]
"#;

const TRACKING: &str = r#"# A history of every kind.

[items."testshire-2026/1a"]
status = "on-track"
ready_for = "next"

[[items."testshire-2026/1a".history]]
at = 2026-11-01T09:00:00Z
by = "jclerk"
change = "status"
from = "not-started"
to = "on-track"
note = "workshop held; heron"

[[items."testshire-2026/1a".history]]
at = 2026-11-02T09:00:00Z
by = "jclerk"
change = "ready"
from = ""
to = "next"
note = "for the December meeting; curlew"

[items."testshire-2026/1b"]
status = "at-risk"

[[items."testshire-2026/1b".history]]
at = 2026-11-03T09:00:00Z
by = "jclerk"
change = "status"
from = "not-started"
to = "at-risk"
note = ""

[[items."testshire-2026/1b".history]]
at = 2026-11-04T09:00:00Z
by = "asmith"
change = "note"
from = ""
to = ""
note = "Audit half done; kestrel"

[items."testshire-2026/2a"]
status = "on-track"
revised_deadline = 2026-12-05

[[items."testshire-2026/2a".history]]
at = 2026-11-05T09:00:00Z
by = "jclerk"
change = "revise"
from = "2026-06-30"
to = "2026-12-05"
note = "board meeting moved; osprey"

[[items."testshire-2026/2a".history]]
at = 2026-11-05T10:00:00Z
by = "jclerk"
change = "status"
from = "not-started"
to = "on-track"
note = ""

[items."testshire-2026/3a"]
status = "complete"
ready_for = 2026-12-10

[[items."testshire-2026/3a".history]]
at = 2026-11-06T09:00:00Z
by = "jclerk"
change = "status"
from = "not-started"
to = "complete"
note = ""

[[items."testshire-2026/3a".history]]
at = 2026-11-06T10:00:00Z
by = "jclerk"
change = "ready"
from = ""
to = "next"
note = ""

[[items."testshire-2026/3a".history]]
at = 2026-11-07T09:00:00Z
by = "jclerk"
change = "unready"
from = "next"
to = ""
note = "wrong meeting; lapwing"

[[items."testshire-2026/3a".history]]
at = 2026-11-07T10:00:00Z
by = "jclerk"
change = "ready"
from = ""
to = "2026-12-10"
note = ""

[items."testshire-2026/3b"]
status = "signed-off"

[[items."testshire-2026/3b".history]]
at = 2026-10-01T18:00:00Z
by = "jclerk"
change = "status"
from = "complete"
to = "signed-off"
note = ""

[items."testshire-2026/R4"]
status = "off-track"
ready_for = 2026-10-01

[[items."testshire-2026/R4".history]]
at = 2026-09-20T09:00:00Z
by = "jclerk"
change = "status"
from = "not-started"
to = "off-track"
note = ""

[[items."testshire-2026/R4".history]]
at = 2026-09-20T10:00:00Z
by = "jclerk"
change = "ready"
from = ""
to = "2026-10-01"
note = ""

[recommendations."testshire-2026/R1"]
response = "accepted"
response_due = 2026-07-01

[[recommendations."testshire-2026/R1".history]]
at = 2026-06-20T09:00:00Z
by = "jclerk"
change = "response"
from = "awaiting"
to = "accepted"
note = ""

[recommendations."testshire-2026/R2"]
response = "awaiting"
response_due = 2026-11-01

[[recommendations."testshire-2026/R2".history]]
at = 2026-10-02T09:00:00Z
by = "jclerk"
change = "response-due"
from = ""
to = "2026-11-01"
note = "asked for at the October meeting; dunlin"

[recommendations."testshire-2026/R3"]
response = "rejected"
reason = "schools lead this; plover"

[[recommendations."testshire-2026/R3".history]]
at = 2026-07-01T09:00:00Z
by = "jclerk"
change = "response"
from = "awaiting"
to = "rejected"
note = "schools lead this; plover"

[recommendations."testshire-2026/R4"]
response = "partially-accepted"
reason = "funding for half of it; sandpiper"
response_due = 2027-01-15
"#;

/// Writes the workspace into `dir`.
pub fn write_interesting(dir: &std::path::Path) {
    let files = [
        ("reports/testshire-2026.toml", REPORT),
        ("reports/otherville-2025.toml", OTHER),
        ("committees.toml", COMMITTEES),
        ("people.toml", PEOPLE),
        ("tracking.toml", TRACKING),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("create the folder");
        }
        std::fs::write(path, text).expect("write the file");
    }
}
