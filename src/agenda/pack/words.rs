//! How the pack says things: statuses with a symbol and words, dates, lists, and a
//! change from the history in a member's words.

use crate::model::{Change, ChangeKind, ResponseKind, Status};
use jiff::civil::Date;

/// The symbol that carries a status's meaning beside its words (never colour alone).
pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "○",
        Status::OnTrack => "●",
        Status::AtRisk => "▲",
        Status::OffTrack => "✖",
        Status::Complete => "✓",
        Status::SignedOff => "✔",
    }
}

/// A status in a member's words, with its RAG colour named.
pub fn status_words(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "Not started",
        Status::OnTrack => "On track (green)",
        Status::AtRisk => "At risk (amber)",
        Status::OffTrack => "Off track (red)",
        Status::Complete => "Complete",
        Status::SignedOff => "Signed off",
    }
}

/// "▲ At risk (amber)".
pub fn status_label(status: Status) -> String {
    format!("{} {}", status_symbol(status), status_words(status))
}

/// "10 December 2003".
pub fn day(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// "Wednesday 10 December 2003".
pub fn long_date(d: Date) -> String {
    d.strftime("%A %-d %B %Y").to_string()
}

/// A reference split into its numbers and the text between them, so "2.10" sorts
/// after "2.9" and "2.3b" after "2.3a".
pub(super) fn natural_key(text: &str) -> Vec<(u64, String)> {
    let mut key = Vec::new();
    let mut digits = String::new();
    let mut other = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !other.is_empty() {
                key.push((0, std::mem::take(&mut other)));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                key.push((digits.parse().unwrap_or(u64::MAX), String::new()));
                digits.clear();
            }
            other.push(c);
        }
    }
    if !digits.is_empty() {
        key.push((digits.parse().unwrap_or(u64::MAX), String::new()));
    }
    if !other.is_empty() {
        key.push((0, other));
    }
    key
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(super) fn utc_day(at: jiff::Timestamp) -> Date {
    at.to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// A date from a history entry ("2004-01-31") in words, or as recorded.
pub(super) fn date_words(text: &str) -> String {
    match text.trim().parse::<Date>() {
        Ok(d) => day(d),
        Err(_) => text.trim().to_string(),
    }
}

pub(super) fn status_words_of(text: &str) -> String {
    Status::parse(text).map_or(text.to_string(), |s| status_words(s).to_string())
}

/// A change as a member reads it, or None for the clerk's bookkeeping.
pub(super) fn change_words(c: &Change) -> Option<String> {
    let note = if c.note.trim().is_empty() {
        String::new()
    } else {
        format!(": {}", c.note.trim())
    };
    let what = match c.kind {
        ChangeKind::Ready | ChangeKind::Unready => return None,
        ChangeKind::Status => format!(
            "Status changed from {} to {}{note}",
            status_words_of(&c.from),
            status_words_of(&c.to)
        ),
        ChangeKind::Note => format!("Progress note{note}"),
        ChangeKind::Revise if c.to.is_empty() => {
            format!("Revised deadline {} withdrawn{note}", date_words(&c.from))
        }
        ChangeKind::Revise if c.from.is_empty() => {
            format!("Deadline revised to {}{note}", date_words(&c.to))
        }
        ChangeKind::Revise => format!(
            "Deadline revised from {} to {}{note}",
            date_words(&c.from),
            date_words(&c.to)
        ),
        ChangeKind::Response => {
            let to = ResponseKind::parse(&c.to).map_or(c.to.clone(), |r| r.label().to_string());
            format!("Executive response recorded: {to}{note}")
        }
        ChangeKind::ResponseDue if c.to.is_empty() => {
            format!("Date for the response withdrawn{note}")
        }
        ChangeKind::ResponseDue => format!("Response due by {}{note}", date_words(&c.to)),
    };
    Some(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn revise(from: &str, to: &str) -> Change {
        Change {
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "aclerk".into(),
            kind: ChangeKind::Revise,
            from: from.into(),
            to: to.into(),
            note: "more time".into(),
        }
    }

    #[test]
    fn a_revised_deadline_says_what_it_was_only_when_it_was_something() {
        assert_eq!(
            change_words(&revise("", "2004-01-31")).as_deref(),
            Some("Deadline revised to 31 January 2004: more time")
        );
        assert_eq!(
            change_words(&revise("2003-11-12", "2004-01-31")).as_deref(),
            Some("Deadline revised from 12 November 2003 to 31 January 2004: more time")
        );
        assert_eq!(
            change_words(&revise("2004-01-31", "")).as_deref(),
            Some("Revised deadline 31 January 2004 withdrawn: more time")
        );
    }
}
