//! The deadline filter: overdue, due by the next meeting, due within a number of days,
//! or before or after a date typed as a clerk would type it.

use super::{App, Menu, MenuPurpose, Popup, TextEntry, TextPurpose};
use crate::model::{DeadlineKind, parse_timescale};
use jiff::civil::Date;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineChoice {
    Any,
    Overdue,
    ByNextMeeting(Option<Date>),
    Within(i64),
    Before,
    After,
}

impl App {
    pub(super) fn open_deadline_menu(&mut self) {
        let next = self.next_meeting().map(|m| m.date);
        let choices = vec![
            DeadlineChoice::Any,
            DeadlineChoice::Overdue,
            DeadlineChoice::ByNextMeeting(next),
            DeadlineChoice::Within(7),
            DeadlineChoice::Within(30),
            DeadlineChoice::Within(90),
            DeadlineChoice::Before,
            DeadlineChoice::After,
        ];
        let options = choices
            .iter()
            .map(|c| match c {
                DeadlineChoice::Any => "any deadline".to_string(),
                DeadlineChoice::Overdue => "overdue".to_string(),
                DeadlineChoice::ByNextMeeting(Some(d)) => format!("due by the next meeting ({d})"),
                DeadlineChoice::ByNextMeeting(None) => {
                    "due by the next meeting (none scheduled)".to_string()
                }
                DeadlineChoice::Within(n) => format!("due within {n} days"),
                DeadlineChoice::Before => "due on or before a date…".to_string(),
                DeadlineChoice::After => "due on or after a date…".to_string(),
            })
            .collect();
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::Deadline(choices),
            title: "Deadline".to_string(),
            options,
            selected: 1,
            ticked: None,
        }));
    }

    pub(super) fn choose_deadline(&mut self, choice: DeadlineChoice) {
        let f = &mut self.filter;
        let clear = |f: &mut crate::query::Filter| {
            f.overdue = false;
            f.due_before = None;
            f.due_after = None;
            f.due_within = None;
        };
        match choice {
            DeadlineChoice::Any => clear(f),
            DeadlineChoice::Overdue => {
                clear(f);
                f.overdue = true;
            }
            DeadlineChoice::ByNextMeeting(Some(d)) => {
                clear(f);
                f.due_before = Some(d);
            }
            DeadlineChoice::ByNextMeeting(None) => {
                return self
                    .error("no select committee meeting is scheduled; add one to committees.toml");
            }
            DeadlineChoice::Within(n) => {
                clear(f);
                f.due_within = Some(n);
            }
            DeadlineChoice::Before | DeadlineChoice::After => {
                let before = choice == DeadlineChoice::Before;
                self.popup = Some(Popup::Text(TextEntry {
                    purpose: if before {
                        TextPurpose::DueBefore
                    } else {
                        TextPurpose::DueAfter
                    },
                    title: format!(
                        "Due on or {} (a date)",
                        if before { "before" } else { "after" }
                    ),
                    input: Input::default(),
                    error: None,
                }));
                return;
            }
        }
        self.refresh();
    }
}

/// A date as a clerk types it: 2003-10-31, or as papers print them (31.10.03, Oct '03),
/// read by the same parser as the timescales.
pub fn read_date(text: &str, today: Date) -> Result<Date, String> {
    if let Ok(d) = text.parse::<Date>() {
        return Ok(d);
    }
    let d = parse_timescale(text, Some(today));
    match (d.kind, d.due) {
        (DeadlineKind::Day | DeadlineKind::Month | DeadlineKind::Range, Some(due)) => Ok(due),
        _ => Err(format!(
            "`{}` is not a date; type one like 2003-10-31, 31.10.03 or Oct 2003",
            crate::text::sanitize(text, false)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::read_date;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_typed_or_as_printed() {
        let today = date(2003, 10, 15);
        assert_eq!(read_date("2003-10-31", today), Ok(date(2003, 10, 31)));
        assert_eq!(read_date("31.10.03", today), Ok(date(2003, 10, 31)));
        assert_eq!(read_date("Oct '03", today), Ok(date(2003, 10, 31)));
        assert!(read_date("soon", today).is_err());
    }
}
