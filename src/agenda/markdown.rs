//! The pack as Markdown: the same model as the HTML and Word packs, for pasting into an
//! email or a committee system's text box. Every text is on one line, never a
//! spreadsheet formula, and never Markdown or HTML of its own.

use super::pack::{Pack, PackItem, PackRecommendation, PackReport, day, status_label};

/// A text from a file or a flag for the Markdown pack, which is often pasted into a
/// spreadsheet: on one line, never a formula, and with every character Markdown (or
/// the HTML it allows) would act on escaped. (An entity such as `&lt;` only ever shows
/// a character, and `!` makes an image only before `[`, so `&` and `!` stay as they are.)
fn md(text: &str) -> String {
    let one = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one = crate::text::escape_controls(&one, false);
    let defused = crate::text::defuse_formula(&one);
    let mut out = String::with_capacity(defused.len());
    for c in defused.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One or more packs (each committee's meeting separately), as Markdown.
pub fn to_markdown(packs: &[Pack]) -> String {
    packs
        .iter()
        .map(one)
        .collect::<Vec<_>>()
        .join("\n* * *\n\n")
}

fn one(pack: &Pack) -> String {
    let c = &pack.cover;
    let mut out = format!("# {}: {}\n\n", md(&c.committee), c.when());
    if !c.council.is_empty() {
        out.push_str(&format!("**{}**\n\n", md(&c.council)));
    }
    out.push_str(&format!("**{}**\n\n", md(c.title)));
    out.push_str("| Meeting | |\n| --- | --- |\n");
    for (label, value) in c.rows() {
        let value = if value.is_empty() {
            "not given".to_string()
        } else {
            md(&value)
        };
        out.push_str(&format!("| {label} | {value} |\n"));
    }
    let s = &pack.summary;
    out.push_str(&format!("\nProgress as recorded on {}. ", day(pack.today)));
    if s.reported == 0 {
        out.push_str("Nothing is marked ready for this meeting.\n");
    } else if pack.past {
        out.push_str(&format!("{} item(s) presented.\n", s.reported));
    } else {
        out.push_str(&format!("{} item(s) ready.\n", s.reported));
    }
    summary(&mut out, pack);
    for (name, reports) in pack.parts() {
        out.push_str(&format!("\n## {name}\n"));
        for r in reports {
            report(&mut out, r);
        }
    }
    changes(&mut out, pack);
    if !pack.key.is_empty() {
        out.push_str("\n## Key to initials\n\nOwners are shown by name or role where the people directory records one; these are printed in the action plans as initials.\n\n| Initials | Who |\n| --- | --- |\n");
        for k in &pack.key {
            out.push_str(&format!("| {} | {} |\n", md(&k.initials), md(&k.meaning)));
        }
    }
    out
}

fn summary(out: &mut String, pack: &Pack) {
    let s = &pack.summary;
    let statuses: Vec<String> = s
        .by_status
        .iter()
        .map(|(st, n)| format!("{} {n}", status_label(*st)))
        .collect();
    out.push_str("\n## Summary\n\n| | |\n| --- | --- |\n");
    out.push_str(&format!("| Items reported | {} |\n", s.reported_words()));
    out.push_str(&format!(
        "| By status | {} |\n",
        if statuses.is_empty() {
            "None".to_string()
        } else {
            statuses.join("; ")
        }
    ));
    for (label, r) in s.rows() {
        out.push_str(&format!(
            "| {} | {} |\n",
            md(&label),
            md(&r.count_and_phrase())
        ));
    }
    if let Some(plan) = &s.plan {
        out.push_str(&format!("\n{}\n", plan.sentence()));
    }
    out.push_str("\n## The committee is asked to\n\n");
    if pack.asks.is_empty() {
        out.push_str("Nothing is asked of the committee at this meeting.\n");
    }
    for (n, a) in pack.asks.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, md(a)));
    }
}

fn report(out: &mut String, r: &PackReport) {
    out.push_str(&format!("\n### {}\n\n", md(&r.title)));
    for (label, value) in r.about() {
        let value = if value.trim().is_empty() {
            "not stated".to_string()
        } else {
            md(&value.replace('\n', "; "))
        };
        out.push_str(&format!("- {label}: {value}\n"));
    }
    for g in &r.groups {
        for rec in &g.recommendations {
            recommendation(out, rec);
        }
        for it in &g.items {
            item(out, it);
        }
    }
}

fn recommendation(out: &mut String, rec: &PackRecommendation) {
    let heading = if rec.heading.trim().is_empty() {
        String::new()
    } else {
        format!(" — {}", md(&rec.heading))
    };
    out.push_str(&format!(
        "\n#### Recommendation {}{heading}\n\n> {}\n\n",
        md(&rec.reference),
        md(&rec.text)
    ));
    let mut response = format!("Executive response: {}", md(&rec.response));
    if !rec.response_reason.trim().is_empty() {
        response.push_str(&format!(". {}", md(&rec.response_reason)));
    }
    if !rec.response_due.is_empty() {
        response.push_str(&format!(". {}", md(&rec.response_due)));
    }
    if !rec.addressed_to.trim().is_empty() {
        response.push_str(&format!(". Addressed to: {}", md(&rec.addressed_to)));
    }
    out.push_str(&format!("{response}\n"));
}

fn item(out: &mut String, it: &PackItem) {
    let overdue = it
        .overdue
        .as_ref()
        .map_or(String::new(), |o| format!(" — **{}**", md(o)));
    out.push_str(&format!(
        "\n**{}** — {}{overdue}\n\n",
        md(&it.reference),
        status_label(it.status)
    ));
    out.push_str(&format!("- Action: {}\n", md(&it.text)));
    out.push_str(&format!(
        "- Owners: {}\n",
        if it.owners.is_empty() {
            "none printed".to_string()
        } else {
            md(&it.owners.join("; "))
        }
    ));
    out.push_str(&format!(
        "- Timescale as printed: {}\n",
        if it.timescale.trim().is_empty() {
            "none printed".to_string()
        } else {
            md(&it.timescale.trim().replace('\n', " / "))
        }
    ));
    let mut deadline = match (it.original, it.current) {
        (Some(o), Some(c)) if o == c => day(c),
        (o, Some(c)) => format!(
            "original {}, current {}",
            o.map_or("none".to_string(), day),
            day(c)
        ),
        (_, None) => it.undated.clone(),
    };
    for r in &it.revisions {
        deadline.push_str(&format!(". {}", md(&r.sentence())));
    }
    out.push_str(&format!("- Deadline: {deadline}\n"));
    if it.sign_off {
        out.push_str("- Proposed for sign-off\n");
    }
    match &it.latest_note {
        Some(n) => out.push_str(&format!(
            "- Latest progress: {} ({}, {})\n",
            md(&n.text),
            md(&n.by),
            day(n.on)
        )),
        None => out.push_str("- Latest progress: no progress note recorded\n"),
    }
    if let Some(c) = &it.carried_over {
        out.push_str(&format!("- Earlier meetings: {}\n", md(c)));
    }
}

fn changes(out: &mut String, pack: &Pack) {
    let c = &pack.changes;
    out.push_str("\n## Changes since the last meeting\n\n");
    out.push_str(&format!("{}\n", c.period()));
    if c.entries.is_empty() {
        out.push_str("\nNo changes were recorded in this period.\n");
    }
    for e in &c.entries {
        let reported = e.reported();
        out.push_str(&format!(
            "\n**{}** ({}; {reported}): {}\n\n",
            md(&e.label),
            md(&e.report),
            md(&e.text)
        ));
        for l in &e.lines {
            out.push_str(&format!(
                "- {}: {} ({})\n",
                day(l.on),
                md(&l.what),
                md(&l.by)
            ));
        }
    }
}
