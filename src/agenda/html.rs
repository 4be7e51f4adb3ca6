//! The pack as one self-contained HTML page laid out for A4: a cover, then pages with a
//! running header (committee and date) and page numbers, a page break before each
//! report. It only lays out the model in `pack.rs`.

use super::pack::{
    Changes, KeyEntry, Pack, PackGroup, PackItem, PackRecommendation, PackReport, Summary, day,
    status_label,
};
use crate::model::Status;

/// Text from a file or a flag as HTML: control characters shown escaped, markup
/// characters as entities, line breaks kept.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::sanitize(text, true).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Text on one line (a title, a heading), as HTML.
fn line(text: &str) -> String {
    html(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Text as a CSS string (the running header): every character that could end the
/// string, the rule or the style element written as a CSS escape.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::text::sanitize(text, false).chars() {
        if c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | ':' | '(' | ')' | '-') {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    out.push('"');
    out
}

fn status_class(status: Status) -> &'static str {
    status.as_str()
}

fn status_badge(status: Status) -> String {
    format!(
        "<span class=\"status s-{}\">{}</span>",
        status_class(status),
        html(&status_label(status))
    )
}

const STYLE: &str = r#"
  @page { size: A4; margin: 22mm 16mm 20mm 16mm; }
  @page :first { @top-left { content: none; } @top-right { content: none; } }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font: 10.5pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; margin: 0; }
  h1 { font-size: 22pt; line-height: 1.2; margin: 0 0 8mm; }
  h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #222; break-after: avoid; }
  h3 { font-size: 13pt; margin: 0 0 2mm; break-after: avoid; }
  h4 { font-size: 11pt; margin: 5mm 0 1.5mm; break-after: avoid; }
  h4 .heading { font-weight: normal; color: #333; }
  p, li, td, th, blockquote { overflow-wrap: anywhere; word-break: break-word; }
  .cover { break-after: page; padding-top: 30mm; }
  .cover .council { font-size: 14pt; font-weight: bold; margin: 0 0 2mm; }
  .cover .committee { font-size: 13pt; margin: 0 0 18mm; }
  .cover .asat { margin-top: 14mm; color: #333; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0 0 3mm; }
  th, td { border: 0.75pt solid #888; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
  th { background: #eef0f2; font-weight: bold; }
  table.meeting th, table.about th, table.figures th, col.label { width: 27%; }
  table.meeting { font-size: 12pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .summary ul { margin: 0; padding-left: 0; list-style: none; }
  .summary ul li { margin: 0 0 0.8mm; }
  .asks li { margin-bottom: 1.5mm; }
  .part { break-before: page; }
  .part > .report + .report { break-before: page; }
  .report .about { margin-bottom: 4mm; }
  .rec-text { margin: 0 0 2mm; padding: 1.5mm 3mm; border-left: 2.5pt solid #555; background: #f6f6f6; }
  .response { margin: 0 0 2.5mm; }
  .response-overdue, .overdue { font-weight: bold; color: #8a1c1c; }
  table.item { break-inside: avoid; margin-bottom: 4mm; }
  table.item.long, table.item.long tr { break-inside: auto; }
  table.item thead th { background: #dde3ea; font-size: 11pt; }
  table.item .ref { font-size: 12pt; margin-right: 3mm; }
  table.item thead .overdue { margin-left: 3mm; }
  .status { display: inline-block; padding: 0 1.5mm; border: 0.75pt solid #555; border-radius: 1mm; white-space: nowrap; font-weight: bold; }
  .s-not-started { background: #f2f2f2; } .s-on-track { background: #cfe8cf; }
  .s-at-risk { background: #ffe2a8; } .s-off-track { background: #f5b7b1; }
  .s-complete, .s-signed-off { background: #d6e4f5; }
  .by { color: #333; font-style: italic; }
  .revision { display: block; margin-top: 1mm; }
  .carried { font-weight: bold; }
  .changes col.when { width: 21%; } .changes col.who { width: 22%; }
  .changes .thing { background: #f6f6f6; }
  .changes tbody { break-inside: avoid; }
  .key { margin-top: 8mm; }
  .rec-head { break-inside: avoid; }
  .key table th { width: 18%; }
  @media screen {
    body { max-width: 190mm; margin: 10mm auto; padding: 0 6mm; }
    .cover, .part, .key, .part > .report + .report { border-top: 1px dashed #bbb; padding-top: 8mm; margin-top: 8mm; }
    .cover { border-top: none; margin-top: 0; }
  }
"#;

/// How the running header and the page numbers are set.
const MARGIN_TEXT: &str =
    "font: 8pt \"Liberation Sans\", Arial, Helvetica, sans-serif; color: #333;";

/// The pack as a self-contained HTML page (no scripts, no links) that prints on A4.
pub fn to_html(pack: &Pack) -> String {
    let header = pack.cover.running_header();
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}: {}</title>\n<style>{STYLE}  @page {{ @top-left {{ content: {}; {MARGIN_TEXT} }} @top-right {{ content: {}; {MARGIN_TEXT} }} @bottom-center {{ content: \"Page \" counter(page) \" of \" counter(pages); {MARGIN_TEXT} }} }}\n</style>\n</head>\n<body>\n",
        line(&header),
        html(pack.cover.title),
        css_string(&header),
        css_string(pack.cover.title),
    );
    cover(&mut out, pack);
    summary(&mut out, pack);
    for (name, reports) in pack.parts() {
        out.push_str(&format!("<section class=\"part\">\n<h2>{name}</h2>\n"));
        for r in reports {
            report(&mut out, r);
        }
        out.push_str("</section>\n");
    }
    changes(&mut out, &pack.changes);
    key(&mut out, &pack.key);
    out.push_str("</body>\n</html>\n");
    out
}

fn cover(out: &mut String, pack: &Pack) {
    let c = &pack.cover;
    out.push_str("<section class=\"cover\">\n");
    if !c.council.is_empty() {
        out.push_str(&format!("<p class=\"council\">{}</p>\n", line(&c.council)));
    }
    out.push_str(&format!(
        "<p class=\"committee\">{}</p>\n<h1>{}</h1>\n<table class=\"meeting\">\n",
        line(&c.committee),
        html(c.title)
    ));
    let rows = c.rows();
    for (label, value) in rows {
        let value = if value.is_empty() {
            "<span class=\"by\">not given in committees.toml</span>".to_string()
        } else {
            html(&value)
        };
        out.push_str(&format!("<tr><th>{label}</th><td>{value}</td></tr>\n"));
    }
    out.push_str("</table>\n");
    let state = if pack.past {
        "This meeting has taken place; the items listed were presented at it."
    } else {
        ""
    };
    out.push_str(&format!(
        "<p class=\"asat\">Progress as recorded on {}. {state}</p>\n</section>\n",
        day(pack.today)
    ));
}

fn summary(out: &mut String, pack: &Pack) {
    let s: &Summary = &pack.summary;
    out.push_str("<section class=\"summary\">\n<h2>Summary</h2>\n");
    if s.reported == 0 {
        out.push_str("<p>Nothing is marked ready for this meeting.</p>\n");
    }
    out.push_str("<table class=\"figures\">\n");
    out.push_str(&format!(
        "<tr><th>Items reported</th><td>{}</td></tr>\n",
        s.reported_words()
    ));
    let statuses: String = s
        .by_status
        .iter()
        .map(|(st, n)| format!("<li>{} {n}</li>", status_badge(*st)))
        .collect();
    out.push_str(&format!(
        "<tr><th>By status</th><td><ul>{}</ul></td></tr>\n",
        if statuses.is_empty() {
            "<li>None</li>".to_string()
        } else {
            statuses
        }
    ));
    let rows: Vec<(String, String)> = s
        .rows()
        .into_iter()
        .map(|(label, refs)| (label, html(&refs.count_and_phrase())))
        .collect();
    for (label, value) in rows {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{value}</td></tr>\n",
            html(&label)
        ));
    }
    out.push_str("</table>\n");
    if let Some(plan) = &s.plan {
        out.push_str(&format!("<p>{}</p>\n", html(&plan.sentence())));
    }
    out.push_str("<h2>The committee is asked to</h2>\n");
    if pack.asks.is_empty() {
        out.push_str("<p>Nothing is asked of the committee at this meeting.</p>\n");
    } else {
        out.push_str("<ol class=\"asks\">\n");
        for a in &pack.asks {
            out.push_str(&format!("<li>{}</li>\n", html(a)));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn report(out: &mut String, r: &PackReport) {
    out.push_str(&format!(
        "<section class=\"report\">\n<h3>{}</h3>\n<table class=\"about\">\n",
        line(&r.title)
    ));
    let rows = r.about();
    for (label, value) in rows {
        let value = if value.trim().is_empty() {
            "<span class=\"by\">not stated</span>".to_string()
        } else {
            html(&value)
        };
        out.push_str(&format!("<tr><th>{label}</th><td>{value}</td></tr>\n"));
    }
    out.push_str("</table>\n");
    for g in &r.groups {
        group(out, g);
    }
    out.push_str("</section>\n");
}

fn recommendation(out: &mut String, rec: &PackRecommendation) {
    let heading = if rec.heading.trim().is_empty() {
        String::new()
    } else {
        format!(" <span class=\"heading\">— {}</span>", line(&rec.heading))
    };
    out.push_str(&format!(
        "<h4>Recommendation {}{heading}</h4>\n<blockquote class=\"rec-text\">{}</blockquote>\n",
        line(&rec.reference),
        html(&rec.text)
    ));
    let mut response = format!(
        "<strong>Executive response:</strong> {}",
        html(&rec.response)
    );
    if !rec.response_reason.trim().is_empty() {
        response.push_str(&format!(". {}", html(rec.response_reason.trim())));
    }
    if !rec.response_due.is_empty() {
        let class = if rec.response_overdue {
            " class=\"response-overdue\""
        } else {
            ""
        };
        response.push_str(&format!(
            ". <span{class}>{}</span>",
            html(&rec.response_due)
        ));
    }
    if !rec.addressed_to.trim().is_empty() {
        response.push_str(&format!(
            "<br><strong>Addressed to:</strong> {}",
            line(&rec.addressed_to)
        ));
    }
    out.push_str(&format!("<p class=\"response\">{response}</p>\n"));
}

fn group(out: &mut String, g: &PackGroup) {
    // The recommendation stays on the page of its first item, unless that item is too
    // long for a page anyway.
    out.push_str("<section class=\"rec\">\n");
    let mut items = g.items.iter().peekable();
    let keep = items.peek().is_some_and(|i| !is_long(i));
    if keep {
        out.push_str("<div class=\"rec-head\">\n");
    }
    for rec in &g.recommendations {
        recommendation(out, rec);
    }
    if let Some(first) = items.next() {
        item(out, first);
    }
    if keep {
        out.push_str("</div>\n");
    }
    for it in items {
        item(out, it);
    }
    out.push_str("</section>\n");
}

/// An item that may not fit on one page, which is let break across pages.
fn is_long(it: &PackItem) -> bool {
    it.text.len() + it.latest_note.as_ref().map_or(0, |n| n.text.len()) > 1500
}

fn item(out: &mut String, it: &PackItem) {
    let overdue = it.overdue.as_ref().map_or(String::new(), |o| {
        format!(" <span class=\"overdue\">{}</span>", html(o))
    });
    out.push_str(&format!(
        "<table class=\"item{}\">\n<colgroup><col class=\"label\"><col></colgroup>\n<thead><tr><th colspan=\"2\"><span class=\"ref\">{}</span> {}{overdue}</th></tr></thead>\n<tbody>\n",
        if is_long(it) { " long" } else { "" },
        line(&it.reference),
        status_badge(it.status),
    ));
    let mut row = |label: &str, value: String| {
        out.push_str(&format!("<tr><th>{label}</th><td>{value}</td></tr>\n"));
    };
    row("Action", html(&it.text));
    row(
        "Owners",
        if it.owners.is_empty() {
            "<span class=\"by\">none printed</span>".to_string()
        } else {
            html(&it.owners.join("; "))
        },
    );
    row(
        "Timescale as printed",
        if it.timescale.trim().is_empty() {
            "<span class=\"by\">none printed</span>".to_string()
        } else {
            html(it.timescale.trim())
        },
    );
    let mut deadline = match (it.original, it.current) {
        (Some(o), Some(c)) if o == c => html(&day(c)),
        (o, Some(c)) => format!(
            "Original: {}<br>Current: <strong>{}</strong>",
            o.map_or("none".to_string(), |d| html(&day(d))),
            html(&day(c))
        ),
        (_, None) => html(&it.undated),
    };
    for r in &it.revisions {
        deadline.push_str(&format!(
            "<span class=\"revision\">{}</span>",
            html(&r.sentence())
        ));
    }
    row("Deadline", deadline);
    let mut status = status_badge(it.status);
    if let Some(o) = &it.overdue {
        status.push_str(&format!("<br><span class=\"overdue\">{}</span>", html(o)));
    }
    if it.sign_off {
        status.push_str("<br>Proposed for sign-off");
    }
    row("Status", status);
    row(
        "Latest progress",
        match &it.latest_note {
            Some(n) => format!(
                "{} <span class=\"by\">({}, {})</span>",
                html(n.text.trim()),
                html(&n.by),
                html(&day(n.on))
            ),
            None => "<span class=\"by\">No progress note recorded</span>".to_string(),
        },
    );
    if let Some(c) = &it.carried_over {
        row(
            "Earlier meetings",
            format!("<span class=\"carried\">{}</span>", html(c)),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn changes(out: &mut String, c: &Changes) {
    out.push_str("<section class=\"part changes\">\n<h2>Changes since the last meeting</h2>\n");
    out.push_str(&format!("<p>{}</p>\n", html(&c.period())));
    if c.entries.is_empty() {
        out.push_str("<p>No changes were recorded in this period.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n<colgroup><col class=\"when\"><col><col class=\"who\"></colgroup>\n<thead><tr><th>Date</th><th>What changed</th><th>By</th></tr></thead>\n");
    for e in &c.entries {
        out.push_str(&format!(
            "<tbody>\n<tr><th colspan=\"3\" class=\"thing\">{} <span class=\"heading\">({}; {})</span><br><span class=\"by\">{}</span></th></tr>\n",
            line(&e.label),
            line(&e.report),
            e.reported(),
            line(&e.text)
        ));
        for l in &e.lines {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                html(&day(l.on)),
                html(&l.what),
                html(&l.by)
            ));
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

fn key(out: &mut String, key: &[KeyEntry]) {
    out.push_str("<section class=\"key\">\n<h2>Key to initials</h2>\n");
    if key.is_empty() {
        out.push_str("<p>No owner in this pack is named by initials.</p>\n</section>\n");
        return;
    }
    out.push_str("<p>Owners are shown by name or role where the people directory records one; these are printed in the action plans as initials.</p>\n<table>\n");
    for k in key {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            line(&k.initials),
            html(&k.meaning)
        ));
    }
    out.push_str("</table>\n</section>\n");
}
