//! Spreadsheets built in code for the tracker tests: no binary files in the repository.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;

pub fn merge(sheet: &mut Worksheet, (r0, c0): (u32, u16), (r1, c1): (u32, u16), text: &str) {
    let format = Format::new().set_text_wrap();
    sheet
        .merge_range(r0, c0, r1, c1, text, &format)
        .expect("merge");
}

pub fn save(book: &mut Workbook, ws: &Path, name: &str) -> String {
    let path = ws.join(name);
    book.save(&path).expect("save workbook");
    path.to_str().expect("utf-8 path").to_string()
}
