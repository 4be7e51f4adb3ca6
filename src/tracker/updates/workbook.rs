//! Writing the officers' update workbook: an "Updates" sheet of the items, protected so
//! that only the officer's columns can be changed, and an "About" sheet saying what
//! the file is and how to fill it in.

use super::{Column, OFFICER_STATUSES, SHEET, Stamp};
use crate::model::{ChangeKind, Item, ItemKind, Report};
use jiff::civil::Date;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};

/// What the About sheet says about the export.
#[derive(Debug, Clone)]
pub struct About {
    /// The workspace folder.
    pub workspace: String,
    /// The report the lines are from ("all reports" when not one).
    pub report: String,
    /// The owner(s) the lines are for ("all owners" when not chosen).
    pub owners: String,
    pub exported_at: jiff::Timestamp,
    pub exported_by: String,
}

/// The most text Excel holds in a cell.
const CELL_LIMIT: usize = 32_767;

/// How dates are shown: unambiguous on either side of the Atlantic.
const DATE_FORMAT: &str = "dd mmm yyyy";

/// The workbook for `items`, as the bytes of an `.xlsx` file.
pub fn workbook(reports: &[Report], items: &[&Item], about: &About) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title("Officers' update")
            .set_author(&about.exported_by)
            .set_comment("Written by scrutineer; read back with `scrutineer import-updates`"),
    );
    let sheet = book.add_worksheet();
    updates_sheet(sheet, reports, items)?;
    let sheet = book.add_worksheet();
    about_sheet(sheet, about, items.len())?;
    book.save_to_buffer()
}

/// The cell formats of the Updates sheet.
struct Formats {
    header: Format,
    officer_header: Format,
    text: Format,
    date: Format,
    officer: Format,
    officer_date: Format,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let officer = text
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFF_F2_CC));
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border_bottom(FormatBorder::Thin)
            .set_background_color(Color::RGB(0xD9_D9_D9));
        Formats {
            officer_header: header.clone().set_background_color(Color::RGB(0xFF_D9_66)),
            header,
            date: text.clone().set_num_format(DATE_FORMAT),
            officer_date: officer.clone().set_num_format(DATE_FORMAT),
            text,
            officer,
        }
    }
}

fn updates_sheet(
    sheet: &mut Worksheet,
    reports: &[Report],
    items: &[&Item],
) -> Result<(), XlsxError> {
    let f = Formats::new();
    sheet.set_name(SHEET)?;
    for column in Column::ALL {
        let c = column.index();
        let format = if column.is_officers() {
            &f.officer_header
        } else {
            &f.header
        };
        sheet.write_string_with_format(0, c, column.header(), format)?;
        sheet.set_column_width(c, width(column))?;
    }
    for (n, item) in items.iter().enumerate() {
        let row = n as u32 + 1;
        let report = &reports[item.report];
        for column in Column::ALL {
            let c = column.index();
            match column {
                Column::Deadline => match item.due().and_then(excel_date) {
                    Some(d) => sheet.write_datetime_with_format(row, c, &d, &f.date)?,
                    None => sheet.write_string_with_format(row, c, item.due_label(), &f.text)?,
                },
                Column::Status => sheet.write_string_with_format(
                    row,
                    c,
                    item.tracking.status.as_str(),
                    &f.officer,
                )?,
                Column::RevisedDate => sheet.write_blank(row, c, &f.officer_date)?,
                Column::Progress | Column::Reason => sheet.write_blank(row, c, &f.officer)?,
                _ => sheet.write_string_with_format(
                    row,
                    c,
                    fit(&text(column, item, report)),
                    &f.text,
                )?,
            };
        }
    }
    let last = items.len() as u32;
    if last > 0 {
        let names: Vec<&str> = OFFICER_STATUSES.iter().map(|s| s.as_str()).collect();
        let status = DataValidation::new()
            .allow_list_strings(&names)?
            .set_input_title("Status")?
            .set_input_message("Choose from the list. Signing off is the committee's.")?
            .set_error_title("Not a status")?
            .set_error_message(format!("Choose one of: {}.", names.join(", ")))?;
        let c = Column::Status.index();
        sheet.add_data_validation(1, c, last, c, &status)?;
        if let (Some(from), Some(to)) = (
            excel_date(jiff::civil::date(1990, 1, 1)),
            excel_date(jiff::civil::date(2099, 12, 31)),
        ) {
            let revised = DataValidation::new()
                .allow_date(DataValidationRule::Between(from, to))
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_input_title("Revised date")?
                .set_input_message(
                    "Only if the deadline must move: the new date, and the reason beside it.",
                )?
                .set_error_title("Not a date")?
                .set_error_message(
                    "Give the revised deadline as a date, for example 31/03/2027.",
                )?;
            let c = Column::RevisedDate.index();
            sheet.add_data_validation(1, c, last, c, &revised)?;
        }
        sheet.autofilter(0, 0, last, Column::Reason.index())?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_hidden(Column::Version.index())?;
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.protect_with_options(&ProtectionOptions {
        use_autofilter: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The text of a column that is neither a date nor the officer's.
fn text(column: Column, item: &Item, report: &Report) -> String {
    match column {
        Column::ItemId => item.id.clone(),
        Column::Report => report.id.clone(),
        Column::Ref => item.recommendations.join("; "),
        Column::Recommendation => item
            .recommendation_ids
            .iter()
            .filter_map(|id| report.recommendations.iter().find(|r| &r.id == id))
            .map(|r| r.text.to_string())
            .collect::<Vec<_>>()
            .join("\n\n"),
        Column::Action => match item.kind {
            ItemKind::Action => item.text.to_string(),
            ItemKind::Recommendation => String::new(),
        },
        Column::Owner => item.owners_as_printed.join(" / "),
        Column::Timescale => item.timescale.to_string(),
        Column::LastUpdate => item
            .tracking
            .history
            .iter()
            .rev()
            .find(|c| c.kind == ChangeKind::Note)
            .map(|c| format!("{} {}: {}", c.at.strftime("%Y-%m-%d"), c.by, c.note))
            .unwrap_or_default(),
        Column::Version => Stamp::of(item).to_string(),
        Column::Deadline
        | Column::Status
        | Column::Progress
        | Column::RevisedDate
        | Column::Reason => String::new(),
    }
}

fn width(column: Column) -> f64 {
    match column {
        Column::ItemId => 20.0,
        Column::Report => 16.0,
        Column::Ref => 8.0,
        Column::Recommendation | Column::Action => 45.0,
        Column::Owner => 16.0,
        Column::Timescale => 18.0,
        Column::Deadline | Column::RevisedDate => 13.0,
        Column::LastUpdate => 30.0,
        Column::Status => 13.0,
        Column::Progress => 45.0,
        Column::Reason => 30.0,
        Column::Version => 40.0,
    }
}

/// A date Excel can hold (1900 to 9999).
fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// Text cut to what a cell holds.
fn fit(text: &str) -> String {
    if text.chars().count() <= CELL_LIMIT {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(CELL_LIMIT - 1).collect();
    cut.push('…');
    cut
}

fn about_sheet(sheet: &mut Worksheet, about: &About, count: usize) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_name("About")?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 90)?;
    sheet.write_string_with_format(0, 0, "Officers' update", &bold)?;
    let when = about
        .exported_at
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M UTC")
        .to_string();
    let lines = [
        (
            "What this is",
            "The action-plan items below are yours to update before the next committee. \
             The clerk reads back only what you change.",
        ),
        ("Workspace", about.workspace.as_str()),
        ("Report", about.report.as_str()),
        ("Owner", about.owners.as_str()),
        ("Exported", when.as_str()),
        ("Exported by", about.exported_by.as_str()),
    ];
    let mut row = 2;
    for (label, value) in lines {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        sheet.write_string_with_format(row, 1, fit(value), &wrap)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "Lines", &bold)?;
    sheet.write_number_with_format(row, 1, count as f64, &wrap)?;
    row += 2;
    sheet.write_string_with_format(row, 0, "How to fill it in", &bold)?;
    let steps = [
        "In the Updates sheet, change only the shaded columns: Status, Progress update, \
         Revised date and Reason for revised date. The other columns are locked.",
        "Status: choose from the list (on-track is green, at-risk amber, off-track red; \
         complete when the action is done). Signing an item off is the committee's decision.",
        "Progress update: what has happened since the last update. It is added to the \
         item's history as it stands.",
        "Revised date: only if the deadline must move. Give the reason beside it: a new \
         date without a reason is not accepted.",
        "Leave blank what has not changed. Do not add, delete or reorder rows; keep the \
         file as a spreadsheet (.xlsx) and send it back to the clerk.",
        "Items already signed off by the committee are not included.",
    ];
    for (n, step) in steps.iter().enumerate() {
        sheet.write_string_with_format(row, 1, format!("{}. {step}", n + 1), &wrap)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "For the clerk", &bold)?;
    sheet.write_string_with_format(
        row,
        1,
        "scrutineer import-updates FILE --dry-run shows what would change; without \
         --dry-run it is applied. A line changed in scrutineer since this export is \
         reported, not applied.",
        &wrap,
    )?;
    Ok(())
}
