//! A tracker file as a grid of cells, whatever it was saved as: CSV (comma, semicolon
//! or tab; UTF-8 or UTF-16), or a spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`) read
//! with calamine. A merged cell's value is carried to every cell it spans, Excel dates
//! become ISO dates, and line breaks inside cells are kept. No file I/O: the caller
//! hands over the bytes.

use calamine::{Data, Reader};
use std::io::Cursor;

/// One sheet (or the CSV file) as rows of text cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The sheet's name; None for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<GridRow>,
}

/// A row and where it is in the file: the line of a CSV file (where the record
/// starts), or the row number a spreadsheet shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridRow {
    pub number: u64,
    pub cells: Vec<String>,
}

impl GridRow {
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

impl Grid {
    /// Where row `number` is, in the words a person looks for it by.
    pub fn place(&self, number: u64) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet \"{sheet}\", {}", self.row_in_sheet(number)),
            None => self.row_in_sheet(number),
        }
    }

    /// Where row `number` is within its sheet (or file): "row 2", "line 2".
    pub fn row_in_sheet(&self, number: u64) -> String {
        match &self.sheet {
            Some(_) => format!("row {number}"),
            None => format!("line {number}"),
        }
    }

    /// The widest row's number of cells.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
}

/// Why a file could not be read as a grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    #[error("{place}: {message}")]
    At { place: String, message: String },
    #[error("{0}")]
    File(String),
}

/// What kind of file the bytes are, from their first bytes (and the name's ending
/// where the bytes cannot tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Spreadsheet,
}

pub fn kind_of(name: &str, bytes: &[u8]) -> FileKind {
    // A zip archive (xlsx, xlsm, ods) or an OLE compound file (xls).
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return FileKind::Spreadsheet;
    }
    let lower = name.to_ascii_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        FileKind::Spreadsheet
    } else {
        FileKind::Csv
    }
}

/// Every sheet of a file (one grid for CSV).
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<Grid>, GridError> {
    match kind_of(name, bytes) {
        FileKind::Csv => Ok(vec![read_csv(&decode_text(bytes)?)?]),
        FileKind::Spreadsheet => read_workbook(bytes),
    }
}

/// The text of a CSV file: UTF-8 (with or without a byte-order mark) or UTF-16 with
/// one. Anything else is refused with where it stops being text.
pub fn decode_text(bytes: &[u8]) -> Result<String, GridError> {
    let utf16 = |bytes: &[u8], le: bool| -> Result<String, GridError> {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| {
                let pair = [c[0], c.get(1).copied().unwrap_or(0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| GridError::File("not valid UTF-16 text".to_string()))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // Text never holds a NUL byte; UTF-16 holds one in every other byte of English.
    if bytes.contains(&0) {
        return Err(GridError::File(
            "looks like UTF-16 text without a byte-order mark; save it as \"CSV UTF-8\" or as a spreadsheet".to_string(),
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        GridError::At {
            place: format!("line {line}"),
            message: format!(
                "not UTF-8 text after byte {at} (save it as \"CSV UTF-8\", or import the spreadsheet itself)"
            ),
        }
    })
}

/// The delimiter a CSV export most likely uses: comma, semicolon or tab, whichever
/// splits a line of the first twenty into the most columns (a title line above the
/// table has none, and prose in a cell has the odd comma).
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| {
            let most = lines
                .iter()
                .map(|l| l.matches(char::from(*d)).count())
                .max()
                .unwrap_or(0);
            (most, *d == b',')
        })
        .unwrap_or(b',')
}

/// A CSV file as a grid, each row numbered by the line it starts on.
pub fn read_csv(text: &str) -> Result<Grid, GridError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| GridError::At {
            place: format!("line {}", e.position().map_or(0, |p| p.line())),
            message: format!("cannot read this row: {e}"),
        })?;
        // The line the record starts on, counted from its byte offset (the reader's
        // own count is one short after a line ending in CR LF).
        let number = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(p.byte()).unwrap_or(0).min(bytes.len());
            // After a CR, the reader's offset can point at the LF that ends the line.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64 + 1
        });
        rows.push(GridRow {
            number,
            cells: record.iter().map(|c| c.replace("\r\n", "\n")).collect(),
        });
    }
    // A quote opened and never closed swallows the rest of the file into one cell.
    if let Some(line) = unclosed_quote(text, sniff_delimiter(text)) {
        return Err(GridError::At {
            place: format!("line {line}"),
            message:
                "a quote is opened here and never closed, so the rest of the file would be one cell"
                    .to_string(),
        });
    }
    Ok(Grid { sheet: None, rows })
}

/// The line where a quoted field opens and is never closed, as RFC 4180 reads quotes:
/// a quote opens a field only at its start, and inside one `""` is a quote.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_at) = (1, 0);
    let (mut quoted, mut field_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            opened_at = line;
        }
        if b == b'\n' {
            line += 1;
        }
        field_start = !quoted && (b == delimiter || b == b'\n');
        i += 1;
    }
    quoted.then_some(opened_at)
}

/// Every sheet of a workbook, with merged cells filled.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Grid>, GridError> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| GridError::File(format!("not a spreadsheet scrutineer can read: {e}")))?;
    let names = book.sheet_names();
    let mut grids = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| GridError::File(format!("sheet \"{name}\" cannot be read: {e}")))?;
        let merged = match &mut book {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (top, left) = range.start().unwrap_or((0, 0));
        let (height, width) = range.get_size();
        // How each cell is shown (a date as a month, a fraction as a percentage), where
        // the format can be read (xlsx).
        let styles = match &mut book {
            calamine::Sheets::Xlsx(x) => x.worksheet_style(&name).ok(),
            _ => None,
        };
        let mut cells: Vec<Vec<String>> = range
            .rows()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let at = (top + r as u32, left + c as u32);
                        let format = styles
                            .as_ref()
                            .and_then(|s| s.get(at))
                            .and_then(|s| s.number_format.as_ref())
                            .map_or("", |f| f.format_code.as_str());
                        cell_text(cell, format)
                    })
                    .collect()
            })
            .collect();
        // Fill each merged region from its top-left cell, within what the range holds.
        for region in merged {
            let (r0, c0) = region.start;
            let (r1, c1) = region.end;
            let at = |r: u32, c: u32| -> Option<(usize, usize)> {
                let r = r.checked_sub(top)? as usize;
                let c = c.checked_sub(left)? as usize;
                (r < height && c < width).then_some((r, c))
            };
            let Some((fr, fc)) = at(r0, c0) else { continue };
            let value = cells[fr][fc].clone();
            if value.is_empty() {
                continue;
            }
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if let Some((rr, cc)) = at(r, c)
                        && cells[rr][cc].is_empty()
                    {
                        cells[rr][cc] = value.clone();
                    }
                }
            }
        }
        let rows = cells
            .into_iter()
            .enumerate()
            .map(|(i, cells)| GridRow {
                number: u64::from(top) + i as u64 + 1,
                cells,
            })
            .collect();
        grids.push(Grid {
            sheet: Some(name),
            rows,
        });
    }
    Ok(grids)
}

/// A spreadsheet cell as the text a person sees: dates as ISO dates (or a month, when
/// the cell shows only a month and year), a percentage as one.
fn cell_text(cell: &Data, format: &str) -> String {
    // The format's letters outside quoted text and brackets: "mmm-yy", "0%".
    let mut code = String::new();
    let mut skip = None;
    for ch in format.chars() {
        match (skip, ch) {
            (Some(end), c) if c == end => skip = None,
            (Some(_), _) => {}
            (None, '"') => skip = Some('"'),
            (None, '[') => skip = Some(']'),
            (None, c) => code.extend(c.to_lowercase()),
        }
    }
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Int(i) if code.contains('%') => format!("{}%", i * 100),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if code.contains('%') => format!("{}%", number_text(f * 100.0)),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if code.contains('m') && code.contains('y') && !code.contains('d') {
                // Shown as "Mar-26" or "March 2026": a month, due by its end.
                let month = MONTHS
                    .get(usize::from(m).saturating_sub(1))
                    .copied()
                    .unwrap_or("");
                format!("{month} {y:04}")
            } else if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}")
            }
        }
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("{e}"),
    }
}

const MONTHS: [&str; 12] = [
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

/// A number as a spreadsheet shows it: no `.0` on whole numbers.
fn number_text(f: f64) -> String {
    // Rust writes a whole number without a fraction ("3", not "3.0") and never with an
    // exponent; only a negative zero needs its sign dropped.
    if f == 0.0 {
        "0".to_string()
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_quoted_or_bracketed_in_a_cells_format_is_not_read_as_its_code() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 15 March 2026, a date cell.
        let cell = Data::DateTime(ExcelDateTime::new(
            46_096.0,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(cell_text(&cell, "dd/mm/yyyy"), "2026-03-15");
        // Shown as a month: "Mar-26", "Deadline Mar-26", a month in red.
        for format in ["mmm-yy", "\"Deadline \"mmm-yy", "[Red]mmm-yy"] {
            assert_eq!(cell_text(&cell, format), "March 2026", "{format}");
        }
    }

    #[test]
    fn csv_rows_keep_their_lines_and_line_breaks() {
        let grid = read_csv("Ref,Action\n1,\"two\r\nlines\"\n2,x\n").expect("reads");
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.rows[1].cells[1], "two\nlines");
        assert_eq!(grid.rows[2].number, 4);
        assert_eq!(grid.place(4), "line 4");
    }

    #[test]
    fn a_quote_never_closed_is_found_where_it_opens() {
        assert_eq!(unclosed_quote("a,b\n1,\"x\n2,y\n", b','), Some(2));
        assert_eq!(unclosed_quote("a,b\n1,\"x\"\"y\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,5\" tall\n", b','), None);
        for (text, delimiter, found) in [
            // A quoted field over two lines, closed; then one opened on line 4.
            ("a,b\n1,\"x\ny\"\n2,\"z\n", b',', Some(4)),
            ("\"a\nb\",c\n", b',', None),
            // A doubled quote at the end of a field, then the closing one.
            ("1,\"x\"\"\"\n", b',', None),
            ("1,\"x\"\"\n", b',', Some(1)),
            // A quote after a space is text, not an opening.
            ("1, \"x\n", b',', None),
            ("\"x", b',', Some(1)),
            ("a\n\"b\n", b',', Some(2)),
            // Only the file's own delimiter starts a field.
            ("a;\"b\n", b';', Some(1)),
            ("a;\"b\n", b',', None),
            ("a\t\"b\nc\n", b'\t', Some(1)),
        ] {
            assert_eq!(unclosed_quote(text, delimiter), found, "{text:?}");
        }
        let err = read_csv("Ref,Action\n1,\"never closed").expect_err("open quote");
        assert!(err.to_string().starts_with("line 2: a quote"), "{err}");
    }

    #[test]
    fn the_delimiter_is_sniffed() {
        assert_eq!(sniff_delimiter("Ref;Action;Owner\n1;a;b\n"), b';');
        assert_eq!(sniff_delimiter("Ref\tAction\tOwner\n"), b'\t');
        assert_eq!(sniff_delimiter("Ref,Action,Owner\n"), b',');
        assert_eq!(
            sniff_delimiter(
                "Housing Scrutiny: review\nRef;Action;Officer;Date\n1;Set up a panel, with training;KS;2024\n"
            ),
            b';'
        );
    }

    #[test]
    fn utf16_with_a_mark_is_read_and_without_one_refused() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Ref,Action\n1,x\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let text = decode_text(&bytes).expect("decodes");
        assert!(text.starts_with("Ref,Action"));
        let err = decode_text(&bytes[2..]).expect_err("no mark");
        assert!(err.to_string().contains("UTF-16"));
        let err = decode_text(b"Ref\n\xff\xfe x").expect_err("not text");
        assert!(err.to_string().contains("line 2"), "{err}");
    }

    #[test]
    fn numbers_show_as_a_spreadsheet_shows_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(-2.0), "-2");
        assert_eq!(number_text(1e15), "1000000000000000");
        assert_eq!(
            number_text(12_345_678_901_234_567_000.0),
            "12345678901234567000"
        );
        assert_eq!(cell_text(&Data::Float(0.75), "0%"), "75%");
        assert_eq!(cell_text(&Data::String("x".into()), "0%"), "x");
        assert_eq!(cell_text(&Data::Int(1), "0%"), "100%");
        assert_eq!(cell_text(&Data::Int(12), "General"), "12");
        assert_eq!(cell_text(&Data::Float(2.25), "General"), "2.25");
        assert_eq!(cell_text(&Data::Bool(true), ""), "TRUE");
        assert_eq!(cell_text(&Data::Bool(false), ""), "FALSE");
        assert_eq!(cell_text(&Data::Empty, ""), "");
        // A cell's own line breaks, however the program that saved it wrote them.
        assert_eq!(
            cell_text(&Data::String("a\r\nb\rc\nd".into()), ""),
            "a\nb\nc\nd"
        );
        // A percentage sign inside quoted text is not the format's.
        assert_eq!(cell_text(&Data::Float(0.5), "0\"%\""), "0.5");
    }

    #[test]
    fn a_date_cell_is_the_date_it_shows_with_its_time_only_when_it_has_one() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let at = |serial: f64| {
            Data::DateTime(ExcelDateTime::new(
                serial,
                ExcelDateTimeType::DateTime,
                false,
            ))
        };
        // 15 March 2026 at 09:30, and a month shown with its day is the day.
        assert_eq!(
            cell_text(&at(46_096.395_833_333_336), "dd/mm/yyyy hh:mm"),
            "2026-03-15T09:30"
        );
        assert_eq!(cell_text(&at(46_096.0), "d mmmm yyyy"), "2026-03-15");
        assert_eq!(cell_text(&at(46_023.0), "mmmm yyyy"), "January 2026");
        assert_eq!(cell_text(&at(46_357.0), "mmm-yy"), "December 2026");
        // A duration is its number of days.
        let span = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(cell_text(&span, "[h]:mm"), "1.5");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-03-15T00:00:00".into()), ""),
            "2026-03-15"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-03-15T09:30:00".into()), ""),
            "2026-03-15T09:30:00"
        );
    }

    #[test]
    fn a_sheet_that_starts_away_from_a1_keeps_its_row_numbers_and_fills_merged_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Plan").expect("name");
        // The table starts at C3; "Progress" is merged over E3:F3, and "R2" down C5:C6,
        // past the last row with anything in it (which is where the sheet ends).
        for (col, text) in [(2, "Ref"), (3, "Action")] {
            sheet.write_string(2, col, text).expect("write");
        }
        sheet
            .merge_range(2, 4, 2, 5, "Progress", &rust_xlsxwriter::Format::new())
            .expect("merge");
        for (col, text) in [(2, "1"), (3, "Audit files"), (4, "Started"), (5, "Running")] {
            sheet.write_string(3, col, text).expect("write");
        }
        sheet
            .merge_range(4, 2, 5, 2, "R2", &rust_xlsxwriter::Format::new())
            .expect("merge");
        sheet.write_string(4, 3, "Train staff").expect("write");
        let bytes = book.save_to_buffer().expect("saved");
        let grids = read_workbook(&bytes).expect("reads");
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].sheet.as_deref(), Some("Plan"));
        let rows: Vec<(u64, Vec<&str>)> = grids[0]
            .rows
            .iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            rows,
            [
                (3, vec!["Ref", "Action", "Progress", "Progress"]),
                (4, vec!["1", "Audit files", "Started", "Running"]),
                (5, vec!["R2", "Train staff", "", ""]),
            ]
        );
        assert_eq!(grids[0].place(4), "sheet \"Plan\", row 4");
    }
}
