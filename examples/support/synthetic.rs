//! Synthetic workspaces at council scale, for the benchmarks and the pty harness:
//! reports, recommendations, actions, owners printed under several spellings,
//! timescales in the forms the seed papers use, a committee calendar with future
//! meetings, and a tracking file with statuses, readiness marks and history.
//!
//! Everything follows from the seed: the same options always give the same bytes.
//! The text is made from phrases of the seed papers, so searching it behaves like
//! searching real action plans; no generated report is a real paper, and each says so.
//!
//! Shared by `examples/generate.rs`, `tests/perf_generate.rs` and the benches through
//! `#[path]`, so none of it is in the shipped binary.
#![allow(dead_code)]

use scrutineer::model::FINDING_CATEGORIES;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Exactly this many actions, across all reports.
    pub actions: usize,
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub reports: usize,
    pub recommendations: usize,
    pub actions: usize,
    pub owners: usize,
    pub tracked: usize,
}

/// A workspace as files: (path inside the workspace, contents), in a fixed order.
pub struct Files {
    pub files: Vec<(String, String)>,
    pub summary: Summary,
}

/// Writes a workspace into `dir` (created if needed; existing report files of the
/// same names are replaced, others left alone: use an empty folder).
pub fn generate(dir: &Path, options: Options) -> std::io::Result<Summary> {
    let files = render(options);
    std::fs::create_dir_all(dir.join("reports"))?;
    for (name, text) in &files.files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(files.summary)
}

/// The workspace's files, in memory.
pub fn render(options: Options) -> Files {
    Generator::new(options).run()
}

// ---------------------------------------------------------------------------------
// Randomness: splitmix64, so the output never depends on a crate's version.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.range(0, from.len() - 1)]
    }
}

// ---------------------------------------------------------------------------------
// Phrases, from the seed papers.

const AUTHORITIES: &[(&str, &str)] = &[
    ("Leicester City Council", "leicester"),
    ("Oxfordshire County Council", "oxfordshire"),
    ("Dudley Metropolitan Borough Council", "dudley"),
    ("Kirkdale Borough Council", "kirkdale"),
    ("Westmere County Council", "westmere"),
    ("Ashby Vale District Council", "ashby-vale"),
    ("Northfield City Council", "northfield"),
    ("Harbourne Metropolitan Borough Council", "harbourne"),
    ("Castleford Unitary Authority", "castleford"),
    ("Marlow Heath County Council", "marlow-heath"),
    ("Eastbridge Borough Council", "eastbridge"),
    ("Sefton Moor City Council", "sefton-moor"),
];

const INSPECTORATES: &[&str] = &[
    "Social Services Inspectorate (SSI)",
    "Commission for Social Care Inspection (CSCI)",
    "Ofsted",
    "Joint Area Review (Ofsted, Audit Commission, Healthcare Commission, HM Inspectorate of Probation)",
    "Ofsted (unannounced inspection of contact, referral and assessment)",
];

const TITLES: &[&str] = &[
    "Social Services Inspection of Children's Services",
    "Inspection of Children's Services",
    "Joint Area Review of Children's Services",
    "Unannounced Inspection of Contact, Referral and Assessment Arrangements",
    "Inspection of Safeguarding and Looked After Children Services",
    "Inspection of Fostering and Adoption Services",
    "Review of Services for Care Leavers",
];

const HEADINGS: &[&str] = &[
    "STANDARD 1: NATIONAL PRIORITIES & STATEGIC OBJECTIVES",
    "STANDARD 2: EFFECTIVENESS OF SERVICE DELIVERY & OUTCOMES",
    "STANDARD 3: QUALITY OF SERVICE FOR USERS AND CARERS",
    "STANDARD 4: FAIR ACCESS",
    "STANDARD 5: COST & EFFICIENCY",
    "STANDARD 6: MANAGEMENT & RESOURCES",
    "For Immediate Action",
    "Within three months",
    "Within six months",
    "Over the next Six Months",
    "Safeguarding",
    "Looked after children",
    "Children and young people with learning difficulties and/or disabilities",
];

const REC_OPENINGS: &[&str] = &[
    "Ensure that",
    "Ensure",
    "Improve",
    "Review",
    "Develop",
    "Continue to implement",
    "Consider facilitating",
    "Confirm & implement",
    "Complete",
    "Strengthen",
    "Establish",
    "The council to review",
    "The council to continue to prioritise and monitor",
];

const SUBJECTS: &[&str] = &[
    "the quality assurance role of Team Managers",
    "timescales for initial and core assessments",
    "the recruitment and retention of foster carers",
    "support to children in foster care",
    "the opportunity for care leavers to meet for mutual support",
    "the Corporate Parenting Group's plan for looked after children (LAC)",
    "the Joint Family Support Strategy",
    "the Preventative Strategy",
    "recording of core group meetings and the child protection plan",
    "the education needs of LAC",
    "protocols for asylum seeking children placed with a relative",
    "a commissioning strategy for Children's Services",
    "monitoring of contracts and Service Level Agreements",
    "the draft communication strategy",
    "scrutiny arrangements in relation to the Executive",
    "access to courses for Senior Practitioners and experienced staff",
    "processes for accessing transport for family contact",
    "leaflets in a concise and user-friendly format",
    "the Local Safeguarding Children Board's joint procedures",
    "multi-agency referral and assessment arrangements",
    "the duty and assessment teams",
    "placements for disabled children",
    "sexual and reproductive health outcomes for young people",
    "the 14-19 Strategy",
    "care planning processes",
    "the preparation of children and families for meetings",
    "private fostering arrangements",
    "the Integrated Support Services in areas of need",
    "performance management of referrals",
    "supervision of social workers",
];

const PURPOSES: &[&str] = &[
    "so that referrers are informed of progress and outcomes",
    "to improve the life chances of LAC",
    "in line with the National Care Standards",
    "with SMART targets for each Directorate",
    "including national and local targets",
    "to meet the requirements of the Children Act 2004",
    "so that children are seen within timescales",
    "and report progress to the Select Committee",
    "to ensure effective communication throughout the structure",
    "so that thresholds are understood by partner agencies",
    "including timescales for action and measurable outcomes",
    "",
    "",
];

const ACTION_FORMS: &[&str] = &[
    "Task and finish group to review {s}",
    "Report to joint DMT with recommendations re {s}",
    "Include {s} in Induction & Core Training Modules",
    "Inspection feedback to Managers' away day for discussion & action plan on {s}",
    "Review and modify protocols for {s}",
    "Cross refer {s} to ACPC action plan",
    "Brief all relevant staff of practice/procedural changes to {s}",
    "Pilot new procedure for {s} in Duty & Assessment Service",
    "Consult foster carers as to whether improvement in {s} is evident",
    "Social Inclusion Officer to progress {s} through Joint Education Liaison Group",
    "Children & Family Resources review core group workshop on {s}",
    "Audit of case files to evidence {s}",
    "Develop Intranet / web sites to include {s}",
    "Human Resources Planning Group to address {s} in current training planning cycle",
];

const JUDGEMENTS: &[(&str, &str)] = &[
    (
        "Overall",
        "Serving most people well; capacity for improvement promising",
    ),
    (
        "Overall",
        "Serving some people well; prospects for improvement promising",
    ),
    ("Safeguarding", "Adequate"),
    ("Looked after children", "Good"),
    ("Capacity to improve", "Adequate"),
    ("Contact, referral and assessment", "Areas for development"),
];

const BODIES: &[&str] = &[
    "The local partnership",
    "Safeguarding Children Board",
    "Children's Trust Board",
    "Select Committee",
];

const ROLES: &[&str] = &[
    "Head of Commissioning",
    "Scrutiny Chairperson",
    "Independent Chairperson",
    "Service Manager, Looked After Children",
    "Head of Safeguarding",
];

/// Printed by no people directory: kept as printed and flagged, as in the papers.
const UNLISTED: &[&str] = &["Designated Managers", "C. Care TM", "Team Managers"];

const SURNAME_PARTS: &[&str] = &[
    "Fitz", "Ger", "ald", "Mc", "Greg", "or", "Ran", "dall", "Frith", "Bar", "ker", "Doo", "her",
    "Bill", "ings", "Pat", "er", "son", "Coz", "ens", "Ford", "Jen", "nings", "Bun", "yan",
    "Sharpe", "Hume", "Ir", "ons", "Wal", "ton", "Ash", "worth", "Brad", "ley", "Hol", "den",
    "Kin", "ross", "Lang", "ham", "Mor", "ris", "Nor", "bury", "Pen", "rose", "Stan", "field",
    "Thorn", "dyke",
];

const CLERKS: &[&str] = &["jclerk", "asmith", "rpatel", "hmorgan"];

const NOTES: &[&str] = &[
    "Chased owner by email; update expected at the next DMT.",
    "Owner reports the protocol is drafted and out for consultation.",
    "Evidence of completion requested for the committee pack.",
    "Slipped: awaiting funding decision from Cabinet.",
    "Discussed at the Corporate Parenting Group; revised date agreed.",
];

const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------------
// Dates, without a date library: a day count from 2000-01-01.

#[derive(Clone, Copy)]
struct Day {
    y: i32,
    m: u32,
    d: u32,
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Day {
    fn add_days(self, mut n: u32) -> Day {
        let mut day = self;
        while n > 0 {
            let left = days_in_month(day.y, day.m) - day.d;
            if n <= left {
                day.d += n;
                break;
            }
            n -= left + 1;
            day.d = 1;
            day.m += 1;
            if day.m > 12 {
                day.m = 1;
                day.y += 1;
            }
        }
        day
    }

    fn add_months(self, n: u32) -> Day {
        let months = self.m - 1 + n;
        let y = self.y + (months / 12) as i32;
        let m = months % 12 + 1;
        Day {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    fn minus_months(self, n: u32) -> Day {
        let total = self.y * 12 + self.m as i32 - 1 - n as i32;
        let (y, m) = (total / 12, (total % 12) as u32 + 1);
        Day {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// "30.09.03"
    fn dotted(self) -> String {
        format!("{:02}.{:02}.{:02}", self.d, self.m, self.y % 100)
    }

    fn yy(self) -> String {
        format!("{:02}", self.y % 100)
    }
}

/// The last day a generated paper may carry: the benchmarks' "today" is 2026-11-22.
const LATEST: Day = Day {
    y: 2026,
    m: 11,
    d: 13,
};

// ---------------------------------------------------------------------------------
// TOML text.

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------------

struct Owner {
    id: String,
    name: String,
    role: String,
    kind: &'static str,
    aliases: Vec<String>,
}

struct Committee {
    id: String,
    name: String,
    authority: String,
    select: bool,
    meetings: Vec<String>,
}

struct Generator {
    rng: Rng,
    options: Options,
    owners: Vec<Owner>,
    /// Owner indices by authority: people, then bodies and roles.
    staff: Vec<Vec<usize>>,
    bodies: Vec<Vec<usize>>,
    committees: Vec<Committee>,
    keys: HashSet<String>,
    /// Tracked item ids, with the paper's date, for tracking.toml.
    items: Vec<String>,
    summary: Summary,
}

/// The key the people directory matches spellings by (see docs/FORMAT.md).
fn alias_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '\'' | '’' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Generator {
    fn new(options: Options) -> Generator {
        Generator {
            rng: Rng(options.seed ^ 0x5C2E_7713_AB00_0001),
            options,
            owners: Vec::new(),
            staff: vec![Vec::new(); AUTHORITIES.len()],
            bodies: vec![Vec::new(); AUTHORITIES.len()],
            committees: Vec::new(),
            keys: HashSet::new(),
            items: Vec::new(),
            summary: Summary {
                reports: 0,
                recommendations: 0,
                actions: 0,
                owners: 0,
                tracked: 0,
            },
        }
    }

    fn run(mut self) -> Files {
        self.make_people();
        self.make_committees();
        let mut files = Vec::new();
        let mut left = self.options.actions;
        let mut n = 0;
        while left > 0 || n == 0 {
            // About one report in ten has no action plan attached (as in the
            // Oxfordshire 2005 paper): its recommendations are tracked directly.
            let actions = if left == 0 || (n > 0 && self.rng.chance(10)) {
                0
            } else {
                self.rng.range(8, 70).min(left)
            };
            files.push(self.report(n, actions));
            left -= actions;
            n += 1;
        }
        let mut all = vec![
            ("committees.toml".to_string(), self.committees_toml()),
            ("people.toml".to_string(), self.people_toml()),
            ("tracking.toml".to_string(), self.tracking_toml()),
        ];
        all.extend(files);
        self.summary.owners = self.owners.len();
        Files {
            files: all,
            summary: self.summary,
        }
    }

    fn claim(&mut self, spelling: &str) -> bool {
        let key = alias_key(spelling);
        !key.is_empty() && self.keys.insert(key)
    }

    fn make_people(&mut self) {
        let people = (self.options.actions / 40).clamp(30, 3_000);
        let per_authority = people.div_ceil(AUTHORITIES.len());
        for (a, (authority, slug)) in AUTHORITIES.iter().enumerate() {
            for _ in 0..per_authority {
                if let Some(i) = self.person() {
                    self.staff[a].push(i);
                }
            }
            for body in BODIES {
                let name = if body.starts_with("The ") {
                    format!("{body} ({authority})")
                } else {
                    format!("{} {body}", authority.split(' ').next().unwrap_or(slug))
                };
                if self.claim(&name) {
                    let id = format!("{slug}-{}", alias_key(body));
                    self.owners.push(Owner {
                        id,
                        name: name.clone(),
                        role: String::new(),
                        kind: "body",
                        aliases: vec![name],
                    });
                    self.bodies[a].push(self.owners.len() - 1);
                }
            }
            for role in ROLES {
                let name = format!("{role}, {}", authority.split(' ').next().unwrap_or(slug));
                if self.claim(&name) {
                    self.owners.push(Owner {
                        id: format!("{slug}-{}", alias_key(role).replace(',', "")),
                        name: name.clone(),
                        role: (*role).to_string(),
                        kind: "role",
                        aliases: vec![name],
                    });
                    self.bodies[a].push(self.owners.len() - 1);
                }
            }
        }
    }

    /// A person known by an initial and a surname, printed the ways the papers print
    /// people: "M FitzG", "M.FitzG", a misspelling ("MfitsG"), and initials.
    fn person(&mut self) -> Option<usize> {
        for _ in 0..50 {
            let initial = (b'A' + self.rng.range(0, 25) as u8) as char;
            let parts = self.rng.range(1, 2);
            let mut surname = String::new();
            for i in 0..parts {
                let p = self.rng.pick(SURNAME_PARTS);
                if i == 0 {
                    surname.push_str(p);
                } else {
                    surname.push_str(&p.to_lowercase());
                }
            }
            let short = if surname.len() > 5 && self.rng.chance(30) {
                let cut: String = surname.chars().take(4).collect();
                let tail = surname.chars().nth(4).map(|c| c.to_ascii_uppercase());
                format!("{cut}{}", tail.map(String::from).unwrap_or_default())
            } else {
                surname.clone()
            };
            let name = format!("{initial} {short}");
            if !self.claim(&name) {
                continue;
            }
            let mut aliases = vec![name.clone()];
            // "M.FitzG" differs from "M FitzG" only by punctuation: it matches without
            // being listed, but the papers print it and the directory lists it.
            if self.rng.chance(50) {
                aliases.push(format!("{initial}.{short}"));
            }
            if self.rng.chance(35) {
                let typo = misspell(&mut self.rng, &format!("{initial}{short}"));
                if self.claim(&typo) {
                    aliases.push(typo);
                }
            }
            if self.rng.chance(40) {
                let initials: String = format!(
                    "{initial}{}{}",
                    surname.chars().next().unwrap_or('X'),
                    surname
                        .chars()
                        .skip(1)
                        .find(char::is_ascii_uppercase)
                        .map(String::from)
                        .unwrap_or_default()
                );
                if self.claim(&initials) {
                    aliases.push(initials);
                }
            }
            let id = alias_key(&name).replace(|c: char| !c.is_ascii_alphanumeric(), "");
            self.owners.push(Owner {
                id,
                name,
                role: String::new(),
                kind: "person",
                aliases,
            });
            return Some(self.owners.len() - 1);
        }
        None
    }

    fn make_committees(&mut self) {
        for (authority, slug) in AUTHORITIES {
            let mut future = Vec::new();
            // Roughly every six weeks from autumn 2026 into 2028.
            let mut day = Day {
                y: 2026,
                m: 9,
                d: self.rng.range(1, 28) as u32,
            };
            while day.y < 2028 {
                future.push(day.iso());
                day = day.add_days(self.rng.range(35, 49) as u32);
            }
            self.committees.push(Committee {
                id: format!("{slug}-scrutiny"),
                name: "Children and Young People Scrutiny Committee".to_string(),
                authority: (*authority).to_string(),
                select: true,
                meetings: future,
            });
            self.committees.push(Committee {
                id: format!("{slug}-cabinet"),
                name: "Cabinet".to_string(),
                authority: (*authority).to_string(),
                select: false,
                meetings: Vec::new(),
            });
        }
    }

    /// The paper's date: half of them within the last two years, the rest back to 2003.
    fn paper_date(&mut self) -> Day {
        let months_back = if self.rng.chance(50) {
            self.rng.range(0, 24)
        } else {
            self.rng.range(24, 23 * 12)
        };
        let mut d = LATEST.minus_months(months_back as u32);
        d.d = self.rng.range(1, days_in_month(d.y, d.m) as usize) as u32;
        if d.y == LATEST.y && d.m == LATEST.m {
            d.d = d.d.min(LATEST.d);
        }
        d
    }

    fn report(&mut self, n: usize, actions: usize) -> (String, String) {
        let a = self.rng.range(0, AUTHORITIES.len() - 1);
        let (authority, slug) = AUTHORITIES[a];
        let date = self.paper_date();
        let id = format!("{slug}-{}-{:05}", date.y, n + 1);
        let title = self.rng.pick(TITLES).to_string();
        let inspectorate = self.rng.pick(INSPECTORATES).to_string();
        let start = date.minus_months(self.rng.range(2, 5) as u32);
        let end = start.add_days(self.rng.range(4, 14) as u32);
        let mut t = String::with_capacity(400 * actions.max(10));
        let _ = writeln!(
            t,
            "# Synthetic report generated for benchmarks (seed {}); not a real paper.\n",
            self.options.seed
        );
        let _ = writeln!(t, "id = {}", q(&id));
        let _ = writeln!(t, "title = {}", q(&title));
        let _ = writeln!(t, "authority = {}", q(authority));
        let _ = writeln!(t, "inspectorate = {}", q(&inspectorate));
        let _ = writeln!(
            t,
            "inspection = {}",
            q(&format!(
                "{}th {} and {}th {} {}",
                start.d,
                MONTHS_LONG[start.m as usize - 1],
                end.d,
                MONTHS_LONG[end.m as usize - 1],
                end.y
            ))
        );
        let _ = writeln!(t, "inspection_start = {}", start.iso());
        let _ = writeln!(t, "inspection_end = {}", end.iso());
        let _ = writeln!(t, "date = {}", date.iso());
        let _ = writeln!(
            t,
            "author = {}",
            q("Corporate Director of Children, Young People & Families")
        );
        let _ = writeln!(
            t,
            "source = {}",
            q(&format!("synthetic-{:016x}-{n}.txt", self.options.seed))
        );
        let _ = writeln!(
            t,
            "decision_sought = {}",
            q(
                "The Select Committee is asked to note the inspection findings and comment on the attached Action Plan."
            )
        );
        let _ = writeln!(
            t,
            "notes = [{}]\n",
            q("Synthetic: generated by examples/generate.rs from phrases of the seed papers.")
        );
        let _ = writeln!(
            t,
            "[[meetings]]\ncommittee = {}\ndate = {}\n",
            q(&format!("{slug}-scrutiny")),
            date.iso()
        );
        for _ in 0..self.rng.range(1, 2) {
            let (domain, judgement) = self.rng.pick(JUDGEMENTS);
            let _ = writeln!(
                t,
                "[[judgements]]\ndomain = {}\njudgement = {}\nsource_ref = {}\n",
                q(domain),
                q(judgement),
                q("para 2.7")
            );
        }
        for _ in 0..self.rng.range(2, 8) {
            let category = self.rng.pick(&FINDING_CATEGORIES);
            let text = capitalise(self.rng.pick(SUBJECTS));
            let heading = self.rng.pick(HEADINGS).to_string();
            let _ = writeln!(
                t,
                "[[findings]]\ncategory = {}\nheading = {}\ntext = {}\n",
                q(category),
                q(&heading),
                q(&text)
            );
        }
        self.summary.reports += 1;
        if actions == 0 {
            self.recommendations_only(&mut t, &id, a);
        } else {
            self.action_plan(&mut t, &id, a, date, actions);
        }
        (format!("reports/{id}.toml"), t)
    }

    fn rec_text(&mut self) -> String {
        let opening = self.rng.pick(REC_OPENINGS);
        let subject = self.rng.pick(SUBJECTS);
        let purpose = self.rng.pick(PURPOSES);
        let mut text = format!("{opening} {subject}");
        if !purpose.is_empty() {
            text.push(' ');
            text.push_str(purpose);
        }
        text.push('.');
        text
    }

    fn action_text(&mut self) -> String {
        let form = self.rng.pick(ACTION_FORMS);
        let subject = self.rng.pick(SUBJECTS);
        let mut text = form.replace("{s}", subject);
        if self.rng.chance(30) {
            text.push_str(" and ");
            text.push_str(self.rng.pick(PURPOSES));
        }
        text.trim_end().to_string()
    }

    /// A paper with recommendations only, addressed to bodies, with urgency headings.
    fn recommendations_only(&mut self, t: &mut String, report: &str, a: usize) {
        let count = self.rng.range(4, 18);
        for i in 1..=count {
            let rid = i.to_string();
            let (heading, timescale) = match self.rng.range(0, 2) {
                0 => ("For Immediate Action", "Immediately"),
                1 => ("Within three months", "Within three months"),
                _ => ("Over the next Six Months", "over the next Six Months"),
            };
            let text = self.rec_text();
            let body = &self.bodies[a];
            let owner = self.owners[body[self.rng.range(0, body.len() - 1)]]
                .name
                .clone();
            let _ = writeln!(
                t,
                "[[recommendations]]\nid = {}\nref = {}\nheading = {}\ntext = {}\naddressed_to = {}\ntimescale = {}\nsource_ref = {}\n",
                q(&rid),
                q(&rid),
                q(heading),
                q(&text),
                q(&owner),
                q(timescale),
                q(&format!("para {}", i + 20))
            );
            self.items.push(format!("{report}/{rid}"));
            self.summary.recommendations += 1;
        }
    }

    fn action_plan(&mut self, t: &mut String, report: &str, a: usize, date: Day, actions: usize) {
        let mut left = actions;
        let mut standard = 1;
        let mut in_standard = 0;
        let mut rec_no = 0;
        let mut heading = HEADINGS[0].to_string();
        let mut last_action: Option<(String, Vec<String>, String)> = None;
        let mut plan = String::new();
        while left > 0 {
            if in_standard == 0 || (in_standard >= 2 && self.rng.chance(25)) {
                if in_standard > 0 {
                    standard += 1;
                }
                in_standard = 0;
                rec_no = 0;
                heading = HEADINGS[(standard - 1) % 6].replacen(
                    &format!("STANDARD {}", (standard - 1) % 6 + 1),
                    &format!("STANDARD {standard}"),
                    1,
                );
            }
            in_standard += 1;
            rec_no += 1;
            let rid = format!("{standard}.{rec_no}");
            let text = self.rec_text();
            let _ = writeln!(
                t,
                "[[recommendations]]\nid = {}\nref = {}\nheading = {}\ntext = {}\nsource_ref = {}\n",
                q(&rid),
                q(&rid),
                q(&heading),
                q(&text),
                q(&format!("Action plan, {heading}, {rid}"))
            );
            self.summary.recommendations += 1;
            // Now and then one action answers several recommendations (3.3 to 3.5 in
            // the Leicester plan): the previous action takes this one on too.
            if let Some((_, answers, _)) = last_action.as_mut().filter(|_| self.rng.chance(5)) {
                answers.push(rid.clone());
                continue;
            }
            let bullets = self.rng.range(1, 4).min(left);
            for b in 0..bullets {
                if let Some((id, answers, body)) = last_action.take() {
                    write_action(&mut plan, &id, &answers, &body);
                }
                let aid = format!("{rid}{}", (b'a' + b as u8) as char);
                let body = self.action_body(a, date, &rid);
                self.items.push(format!("{report}/{aid}"));
                last_action = Some((aid, vec![rid.clone()], body));
                left -= 1;
                self.summary.actions += 1;
            }
        }
        if let Some((id, answers, body)) = last_action.take() {
            write_action(&mut plan, &id, &answers, &body);
        }
        t.push_str(&plan);
    }

    /// Every field of an action but its id and answers.
    fn action_body(&mut self, a: usize, date: Day, rid: &str) -> String {
        let text = self.action_text();
        let timescale = self.timescale(date);
        let count = match self.rng.range(0, 9) {
            0..=5 => 1,
            6..=8 => 2,
            _ => 3,
        };
        let mut owners: Vec<String> = Vec::new();
        for _ in 0..count {
            let o = self.printed_owner(a);
            if !owners.contains(&o) {
                owners.push(o);
            }
        }
        let sep = self.rng.pick(&[" / ", "/", " "]);
        let printed = owners.join(sep);
        let mut body = String::new();
        let _ = writeln!(body, "text = {}", q(&text));
        let _ = writeln!(body, "timescale = {}", q(&timescale));
        let _ = writeln!(body, "owners = {}", list(&owners));
        let _ = writeln!(body, "owners_printed = {}", q(&printed));
        let _ = writeln!(body, "source_ref = {}", q(&format!("Action plan, {rid}")));
        body
    }

    /// An owner of authority `a` as a paper would print them: any of their spellings,
    /// now and then someone no directory lists.
    fn printed_owner(&mut self, a: usize) -> String {
        if self.rng.chance(1) {
            return self.rng.pick(UNLISTED).to_string();
        }
        let staff = if self.rng.chance(85) && !self.staff[a].is_empty() {
            &self.staff[a]
        } else {
            &self.bodies[a]
        };
        let o = staff[self.rng.range(0, staff.len() - 1)];
        let aliases = &self.owners[o].aliases;
        aliases[self.rng.range(0, aliases.len() - 1)].clone()
    }

    /// A timescale as the seed papers print them, relative to the paper's date.
    fn timescale(&mut self, date: Day) -> String {
        let later = |rng: &mut Rng, lo: usize, hi: usize| date.add_days(rng.range(lo, hi) as u32);
        match self.rng.range(0, 99) {
            0..=17 => later(&mut self.rng, 10, 400).dotted(),
            18..=29 => {
                let d = later(&mut self.rng, 20, 400);
                format!("{} '{}", MONTHS_SHORT[d.m as usize - 1], d.yy())
            }
            30..=37 => {
                let d = later(&mut self.rng, 20, 400);
                let apostrophe = if self.rng.chance(50) { "'" } else { "" };
                format!("{} {apostrophe}{}", MONTHS_LONG[d.m as usize - 1], d.yy())
            }
            38..=44 => {
                let d = later(&mut self.rng, 20, 300);
                let e = d.add_months(self.rng.range(1, 3) as u32);
                if self.rng.chance(50) {
                    format!(
                        "{} / {} '{}",
                        MONTHS_SHORT[d.m as usize - 1],
                        MONTHS_SHORT[e.m as usize - 1],
                        e.yy()
                    )
                } else {
                    format!(
                        "{}-{} '{}",
                        MONTHS_SHORT[d.m as usize - 1],
                        MONTHS_SHORT[e.m as usize - 1],
                        e.yy()
                    )
                }
            }
            45..=51 => format!(
                "Report to joint DMT {}",
                later(&mut self.rng, 20, 200).dotted()
            ),
            52..=55 => {
                let a = later(&mut self.rng, 1, 60);
                let b = a.add_days(self.rng.range(30, 120) as u32);
                format!(
                    "Review current plan {}\nRedrafted plan for meeting on {}",
                    a.dotted(),
                    b.dotted()
                )
            }
            56..=59 => "Immediately".to_string(),
            60..=65 => self
                .rng
                .pick(&[
                    "Within three months",
                    "Within six months",
                    "Within 12 months",
                    "over the next Six Months",
                ])
                .to_string(),
            66..=71 => "ongoing".to_string(),
            72..=75 => {
                let d = later(&mut self.rng, 30, 120);
                format!(
                    "1st plan {} '{} then Ongoing",
                    MONTHS_SHORT[d.m as usize - 1],
                    d.yy()
                )
            }
            76..=79 => "6 monthly report to Director's Board and Cabinet".to_string(),
            80..=82 => "Quarterly".to_string(),
            83..=89 => {
                let d = later(&mut self.rng, 20, 300);
                format!(
                    "{} '{} Action plan & report to Cabinet",
                    MONTHS_SHORT[d.m as usize - 1],
                    d.yy()
                )
            }
            90 => {
                // A month before the paper's own date: a typo, flagged, never fixed.
                let d = date.minus_months(self.rng.range(2, 6) as u32);
                format!("{} '{}", MONTHS_LONG[d.m as usize - 1], d.yy())
            }
            91 => String::new(),
            _ => self
                .rng
                .pick(&[
                    "Subject to funding",
                    "TBC",
                    "As soon as practicable",
                    "In line with the Children and Young People's Plan",
                    "By the next inspection",
                    "Review in process",
                ])
                .to_string(),
        }
    }

    fn people_toml(&self) -> String {
        let mut t = String::from(
            "# Synthetic people directory generated for benchmarks; nobody here is real.\n\n",
        );
        for o in &self.owners {
            let _ = writeln!(
                t,
                "[[owner]]\nid = {}\nname = {}\nrole = {}\nkind = {}\naliases = {}\n",
                q(&o.id),
                q(&o.name),
                q(&o.role),
                q(o.kind),
                list(&o.aliases)
            );
        }
        t
    }

    fn committees_toml(&self) -> String {
        let mut t = String::from("# Synthetic committee calendar generated for benchmarks.\n\n");
        for c in &self.committees {
            let _ = writeln!(
                t,
                "[[committee]]\nid = {}\nname = {}\nauthority = {}\nselect = {}\nmeetings = [{}]\n",
                q(&c.id),
                q(&c.name),
                q(&c.authority),
                c.select,
                c.meetings.join(", ")
            );
        }
        t
    }

    /// About a third of the items carry tracking state: statuses, readiness for the
    /// next meeting or a dated one, notes, and the history that records each change.
    fn tracking_toml(&mut self) -> String {
        let mut t = String::from(
            "# Tracking state: status, readiness for a meeting, notes and who changed what and when.\n# Synthetic, generated for benchmarks.\n\n",
        );
        let items = std::mem::take(&mut self.items);
        let statuses = [
            "on-track",
            "on-track",
            "at-risk",
            "off-track",
            "complete",
            "signed-off",
        ];
        for (i, item) in items.iter().enumerate() {
            if !self.rng.chance(33) {
                continue;
            }
            self.summary.tracked += 1;
            let status = self.rng.pick(&statuses);
            let ready = match self.rng.range(0, 19) {
                0..=1 => Some("\"next\"".to_string()),
                2 => Some("2027-01-14".to_string()),
                _ => None,
            };
            let _ = writeln!(t, "[items.{}]\nstatus = {}", q(item), q(status));
            if let Some(r) = &ready {
                let _ = writeln!(t, "ready_for = {r}");
            }
            t.push('\n');
            let by = self.rng.pick(CLERKS);
            let month = 1 + i % 10;
            let day = 1 + i % 27;
            let _ = writeln!(
                t,
                "[[items.{}.history]]\nat = 2026-{month:02}-{day:02}T09:{:02}:00Z\nby = {}\nchange = \"status\"\nfrom = \"not-started\"\nto = {}\nnote = \"\"\n",
                q(item),
                i % 60,
                q(by),
                q(status)
            );
            if let Some(r) = &ready {
                let _ = writeln!(
                    t,
                    "[[items.{}.history]]\nat = 2026-11-{:02}T14:{:02}:00Z\nby = {}\nchange = \"ready\"\nfrom = \"\"\nto = {}\nnote = \"\"\n",
                    q(item),
                    1 + i % 20,
                    i % 60,
                    q(by),
                    q(r.trim_matches('"'))
                );
            }
            if self.rng.chance(25) {
                let note = self.rng.pick(NOTES);
                let _ = writeln!(
                    t,
                    "[[items.{}.history]]\nat = 2026-11-{:02}T16:{:02}:00Z\nby = {}\nchange = \"note\"\nfrom = \"\"\nto = \"\"\nnote = {}\n",
                    q(item),
                    1 + i % 20,
                    i % 60,
                    q(by),
                    q(note)
                );
            }
        }
        self.items = items;
        t
    }
}

fn write_action(t: &mut String, id: &str, answers: &[String], body: &str) {
    let _ = writeln!(
        t,
        "[[actions]]\nid = {}\nanswers = {}\n{body}",
        q(id),
        list(answers)
    );
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A plausible misspelling: one letter doubled, dropped or swapped for its neighbour
/// on the keyboard ("MfitzG" -> "MfitsG").
fn misspell(rng: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 3 {
        return format!("{s}{s}");
    }
    let i = rng.range(1, chars.len() - 1);
    let mut out = chars.clone();
    match rng.range(0, 2) {
        0 => {
            out.insert(i, chars[i]);
        }
        1 => {
            out.remove(i);
        }
        _ => {
            let c = chars[i].to_ascii_lowercase();
            let near = match c {
                'z' => 's',
                's' => 'z',
                'c' => 'k',
                'k' => 'c',
                'i' => 'y',
                'y' => 'i',
                'e' => 'a',
                'a' => 'e',
                _ => 'h',
            };
            out[i] = if chars[i].is_ascii_uppercase() {
                near.to_ascii_uppercase()
            } else {
                near
            };
        }
    }
    out.into_iter().collect()
}
