//! How the workbench names a report, an item and its owners in one line: the same
//! words in the Browse lists, the Actions table and the report picker.

use crate::model::{Item, ItemKind, Report};
use crate::text::{truncate, width};

/// The year a clerk knows a report by: its paper's date, else the inspection's (its
/// dates, or a year printed in "July 2005"), else "n.d." (no date).
pub fn report_year(report: &Report) -> String {
    let dated = report
        .date
        .or(report.inspection_start)
        .or(report.inspection_end)
        .map(|d| d.year().to_string());
    dated
        .or_else(|| printed_year(&report.inspection))
        .unwrap_or_else(|| "n.d.".to_string())
}

/// A year printed in text ("July 2005"): four digits standing alone, 1900 to 2099.
fn printed_year(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .find(|w| w.starts_with("19") || w.starts_with("20"))
        .map(str::to_string)
}

/// The inspectorate as a short name: the acronym it gives in brackets ("Social
/// Services Inspectorate (SSI)": "SSI"), else what comes before any bracket ("Joint
/// Area Review (led by Ofsted, ...)": "Joint Area Review").
pub fn short_inspectorate(text: &str) -> String {
    let acronym = text
        .split('(')
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(inside, _)| inside.trim()))
        .find(|inside| {
            (2..=8).contains(&inside.len())
                && inside
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        });
    match acronym {
        Some(a) => a.to_string(),
        None => text.split('(').next().unwrap_or(text).trim().to_string(),
    }
}

/// An authority by its place name: "Leicester" of "Leicester City Council".
pub fn short_authority(authority: &str) -> &str {
    const KINDS: [&str; 7] = [
        " Metropolitan Borough Council",
        " Royal Borough Council",
        " Borough Council",
        " City Council",
        " County Council",
        " District Council",
        " Council",
    ];
    let authority = authority.trim();
    KINDS
        .iter()
        .find_map(|k| authority.strip_suffix(k))
        .map(str::trim)
        .filter(|place| !place.is_empty())
        .unwrap_or(authority)
}

/// A report's line, in parts: "2003", "Leicester City Council", "SSI", the title.
/// Without an authority the inspectorate takes its place.
pub struct ReportLabel {
    pub year: String,
    pub authority: String,
    pub inspectorate: String,
    pub title: String,
}

/// Title room kept when deciding whether the inspectorate fits beside the authority.
const TITLE_ROOM: usize = 20;

impl ReportLabel {
    pub fn of(report: &Report) -> ReportLabel {
        let inspectorate = short_inspectorate(&report.inspectorate);
        let (authority, inspectorate) = if report.authority.trim().is_empty() {
            (inspectorate, String::new())
        } else {
            (report.authority.trim().to_string(), inspectorate)
        };
        ReportLabel {
            year: report_year(report),
            authority,
            inspectorate,
            title: report.title.trim().to_string(),
        }
    }

    /// Who it is by, to fit in `room` columns with some of the title after it: the
    /// authority, and the inspectorate when there is room ("Dudley, Ofsted"); in a
    /// narrow list the authority's place name alone ("Leicester").
    pub fn by(&self, room: usize) -> String {
        let with = if self.inspectorate.is_empty() {
            self.authority.clone()
        } else {
            format!("{}, {}", self.authority, self.inspectorate)
        };
        let fits = |by: &str| width(&self.year) + 1 + width(by) + 2 + TITLE_ROOM <= room;
        if fits(&with) {
            with
        } else if fits(&self.authority) {
            self.authority.clone()
        } else {
            short_authority(&self.authority).to_string()
        }
    }

    /// The whole line, for a menu: "2003 Leicester City Council, SSI: Social ...".
    pub fn plain(&self) -> String {
        let by = self.by(usize::MAX / 2);
        if by.is_empty() {
            format!("{} {}", self.year, self.title)
        } else {
            format!("{} {by}: {}", self.year, self.title)
        }
    }
}

/// The item's own reference as printed: an action's ("2.6a"), or for a recommendation
/// tracked directly, the recommendation's.
pub fn item_ref<'a>(report: &'a Report, item: &'a Item) -> &'a str {
    match item.kind {
        ItemKind::Recommendation => report
            .recommendations
            .get(item.index)
            .map_or_else(|| local_id(&item.id), |r| r.label()),
        ItemKind::Action => local_id(&item.id),
    }
}

/// The id within its report: "2.4a" of "leicester-2003/2.4a".
pub fn local_id(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, local)| local)
}

/// A report id in at most `room` columns, keeping its end, where ids put the year
/// ("leice…2003"): enough to tell the reports of a table apart.
pub fn short_report(id: &str, room: usize) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= room || room < 3 {
        return chars.into_iter().take(room).collect();
    }
    let tail = 4.min(room - 2);
    let head = room - 1 - tail;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

/// Names joined with ", " in at most `room` columns: as many whole names as fit, then
/// "+N" for the rest, never half a name ("KS, AS +2"); "3 owners" when not even the
/// first fits. Only a lone name too long for the column is cut, marked with "…".
pub fn fit_names(names: &[String], room: usize) -> String {
    let all = names.join(", ");
    if width(&all) <= room {
        return all;
    }
    for kept in (1..names.len()).rev() {
        let shown = format!("{} +{}", names[..kept].join(", "), names.len() - kept);
        if width(&shown) <= room {
            return shown;
        }
    }
    // Not even the first name fits whole beside "+N": how many there are, or for a
    // lone name as much of it as fits, marked cut.
    match names {
        [] => String::new(),
        [one] => truncate(one, room),
        many => truncate(&format!("{} owners", many.len()), room),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_that_do_not_fit_are_counted_not_cut() {
        let owners = names(&["KS", "AS", "CS", "J Randall"]);
        assert_eq!(fit_names(&owners, 30), "KS, AS, CS, J Randall");
        assert_eq!(fit_names(&owners, 11), "KS, AS +2");
        assert_eq!(
            fit_names(&names(&["I Dooher", "T Smith"]), 11),
            "I Dooher +1"
        );
        assert_eq!(
            fit_names(&names(&["Maureen FitzGerald"]), 11),
            "Maureen Fi…"
        );
        assert_eq!(
            fit_names(&names(&["Maureen FitzGerald", "X"]), 11),
            "2 owners"
        );
    }

    #[test]
    fn inspectorates_are_shortened_to_their_acronym_or_name() {
        assert_eq!(
            short_inspectorate("Social Services Inspectorate (SSI)"),
            "SSI"
        );
        assert_eq!(short_inspectorate("Ofsted"), "Ofsted");
        assert_eq!(
            short_inspectorate("Joint Area Review (led by Ofsted, with inspectors)"),
            "Joint Area Review"
        );
    }

    #[test]
    fn authorities_are_shortened_to_their_place() {
        assert_eq!(short_authority("Leicester City Council"), "Leicester");
        assert_eq!(short_authority("Dudley"), "Dudley");
        assert_eq!(short_authority("Council"), "Council");
    }

    #[test]
    fn a_year_is_read_from_the_inspection_as_printed() {
        assert_eq!(printed_year("July 2005"), Some("2005".to_string()));
        assert_eq!(printed_year("4th – 13th March"), None);
        assert_eq!(printed_year("ref 12345"), None);
    }

    #[test]
    fn report_ids_keep_their_year_when_shortened() {
        assert_eq!(short_report("leicester-2003", 10), "leice…2003");
        assert_eq!(short_report("dudley-2010", 11), "dudley-2010");
    }
}
