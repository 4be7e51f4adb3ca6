//! What the files say was inferred rather than printed: an `inferred` table (field ->
//! why), and a committee's meeting in `committees.toml`, which is a date or, when its
//! date is inferred, a table saying so (`{ date = 2003-10-29, inferred = { date =
//! "..." } }`). Each says what it expects when it does not read.

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::value::Datetime;
use toml_datetime::de::VisitMap;

/// An `inferred` table: each key a field of the same table, each value why it was
/// inferred.
#[derive(Debug, Default, Clone)]
pub(super) struct Reasons(pub BTreeMap<String, String>);

impl<'de> Deserialize<'de> for Reasons {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ReasonsVisitor)
    }
}

struct ReasonsVisitor;

impl<'de> Visitor<'de> for ReasonsVisitor {
    type Value = Reasons;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table naming each field inferred, with why: `inferred = { date = \"why\" }`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Reasons, A::Error> {
        let mut reasons = BTreeMap::new();
        while let Some((field, Reason(why))) = map.next_entry::<String, Reason>()? {
            reasons.insert(field, why);
        }
        Ok(Reasons(reasons))
    }
}

/// Why a value was inferred: text.
struct Reason(String);

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(ReasonVisitor)
    }
}

struct ReasonVisitor;

impl Visitor<'_> for ReasonVisitor {
    type Value = Reason;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("why the value was inferred, in quotes (`date = \"the year is not printed\"`)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Reason, E> {
        Ok(Reason(v.to_string()))
    }
}

/// A meeting in a committee's `meetings` list.
#[derive(Debug, Clone)]
pub(super) struct CommitteeMeeting {
    pub date: Datetime,
    pub inferred: Reasons,
}

/// The fields of a meeting written as a table.
const FIELDS: &[&str] = &["date", "inferred"];

impl<'de> Deserialize<'de> for CommitteeMeeting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("CommitteeMeeting", FIELDS, MeetingVisitor)
    }
}

struct MeetingVisitor;

impl<'de> Visitor<'de> for MeetingVisitor {
    type Value = CommitteeMeeting;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a meeting date written as YEAR-MONTH-DAY without quotes (2003-10-29), or, for a date the paper does not print in full, `{ date = 2003-10-29, inferred = { date = \"why\" } }`",
        )
    }

    /// A date in quotes or in words: say what to write.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<CommitteeMeeting, E> {
        let read = crate::model::parse_timescale(v, None);
        let write = match (read.kind, read.precision, read.due) {
            (crate::model::DeadlineKind::Day, Some(crate::model::Precision::Day), Some(d)) => {
                format!("write {d}")
            }
            _ => "write it as YEAR-MONTH-DAY, e.g. 2003-10-29".to_string(),
        };
        Err(E::custom(format!(
            "a meeting date is written without quotes (found the text \"{v}\"): {write}; where the paper does not print the year, give the one you infer and say why: `{{ date = 2003-10-29, inferred = {{ date = \"why\" }} }}`"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CommitteeMeeting, A::Error> {
        let mut date = None;
        let mut inferred = Reasons::default();
        while let Some(key) = VisitMap::next_key_seed(&mut map)? {
            match key {
                // A plain date.
                VisitMap::Datetime(d) => {
                    return Ok(CommitteeMeeting {
                        date: d,
                        inferred: Reasons::default(),
                    });
                }
                VisitMap::Key(k) if k == "date" => date = Some(map.next_value::<Datetime>()?),
                VisitMap::Key(k) if k == "inferred" => inferred = map.next_value()?,
                // Reported as an unknown key, with the field it looks like.
                VisitMap::Key(_) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match date {
            Some(date) => Ok(CommitteeMeeting { date, inferred }),
            None => Err(de::Error::missing_field("date")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CommitteesFile, committees};
    use crate::model::Committee;
    use crate::workspace::toml_file::parse;
    use jiff::civil::date;

    /// The committees a calendar gives, and what is said about it.
    fn read(text: &str) -> (Vec<Committee>, Vec<String>) {
        let mut out = Vec::new();
        let list = match parse::<CommitteesFile>("committees.toml", text.to_string(), &mut out) {
            Ok(parsed) => committees(&parsed, "committees.toml", &mut out),
            Err(e) => {
                out.push(e);
                Vec::new()
            }
        };
        (list, out.iter().map(ToString::to_string).collect())
    }

    const HEAD: &str = "[[committee]]\nid = \"s\"\nname = \"Scrutiny\"\n";

    #[test]
    fn a_meeting_may_say_its_date_is_inferred_and_why() {
        let (list, said) = read(&format!(
            "{HEAD}meetings = [\n  2003-09-17,\n  {{ date = 2003-10-29, inferred = {{ date = \"no year printed\" }} }},\n]\n"
        ));
        assert!(said.is_empty(), "{said:?}");
        let c = &list[0];
        assert_eq!(c.meetings, [date(2003, 9, 17), date(2003, 10, 29)]);
        assert_eq!(c.date_inferred(date(2003, 10, 29)), Some("no year printed"));
        assert_eq!(c.date_inferred(date(2003, 9, 17)), None);
    }

    #[test]
    fn a_bad_meeting_says_where_and_what_to_write() {
        let (list, said) = read(&format!(
            "{HEAD}meetings = [\n  {{ date = 2003-10-29, inferred = \"no year\" }},\n]\n"
        ));
        assert!(list.is_empty());
        assert!(
            said[0].starts_with("committees.toml:5:35: error: `inferred`: invalid type: string \"no year\", expected a table naming each field inferred, with why: `inferred = { date = \"why\" }`"),
            "{said:?}"
        );
        let (_, said) = read(&format!("{HEAD}meetings = [\"29 October 2003\"]\n"));
        assert!(
            said[0].starts_with("committees.toml:4:13: error: `meetings`: a meeting date is written without quotes (found the text \"29 October 2003\"): write 2003-10-29;"),
            "{said:?}"
        );
        let (_, said) = read(&format!(
            "{HEAD}meetings = [{{ inferred = {{ date = \"x\" }} }}]\n"
        ));
        assert!(
            said[0].starts_with("committees.toml:4:13: error: missing field `date`"),
            "{said:?}"
        );
        let (_, said) = read(&format!(
            "{HEAD}meetings = [{{ date = 2003-10-29, inferred = {{ date = 2003 }} }}]\n"
        ));
        assert!(
            said[0].contains("expected why the value was inferred, in quotes"),
            "{said:?}"
        );
    }

    #[test]
    fn a_misspelt_key_or_field_is_named_with_the_one_meant() {
        let (list, said) = read(&format!(
            "{HEAD}meetings = [\n  {{ date = 2003-10-29, infered = {{ date = \"x\" }} }},\n  {{ date = 2003-11-05, inferred = {{ dat = \"x\" }} }},\n]\n"
        ));
        assert_eq!(list[0].meetings.len(), 2, "both meetings are kept");
        assert_eq!(
            said,
            [
                "committees.toml:5:24: warning: unknown key `committee[1].meetings[1].infered` ignored (did you mean `inferred`?)",
                "committees.toml:6:37: warning: `inferred` names `dat`, which is not a field here (did you mean `date`?)",
            ]
        );
    }
}
