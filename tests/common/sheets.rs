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

/// A sheet of an old Excel workbook (.xls): its name, its text cells (row, column,
/// text; 0-based) and its merged regions (first row, last row, first column, last
/// column).
pub struct XlsSheet<'a> {
    pub name: &'a str,
    pub cells: &'a [(u16, u16, &'a str)],
    pub merged: &'a [(u16, u16, u16, u16)],
}

/// An Excel 97-2003 workbook (BIFF8 in a compound file), written record by record as
/// the format's specification ([MS-XLS]) lays them out: enough for a reader to find
/// the sheets, their text and their merged cells. No library writes this format.
pub fn xls(sheets: &[XlsSheet<'_>]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(
            &u16::try_from(data.len())
                .expect("short record")
                .to_le_bytes(),
        );
        out.extend_from_slice(data);
    }
    fn utf16(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }
    // BOF: BIFF8, of the workbook's globals (5) or of a worksheet (0x10).
    let bof = |kind: u16| -> Vec<u8> {
        let mut d = Vec::new();
        for v in [0x0600u16, kind, 0x0DBB, 0x07CC] {
            d.extend_from_slice(&v.to_le_bytes());
        }
        d.extend_from_slice(&0u32.to_le_bytes());
        d.extend_from_slice(&6u32.to_le_bytes());
        d
    };
    let sheet_stream = |sheet: &XlsSheet<'_>| -> Vec<u8> {
        let mut s = Vec::new();
        record(&mut s, 0x0809, &bof(0x10));
        for (row, col, text) in sheet.cells {
            // LABEL: row, column, format, then the text (UTF-16).
            let mut d = Vec::new();
            for v in [
                *row,
                *col,
                0,
                u16::try_from(text.encode_utf16().count()).expect("short"),
            ] {
                d.extend_from_slice(&v.to_le_bytes());
            }
            d.push(1);
            d.extend(utf16(text));
            record(&mut s, 0x0204, &d);
        }
        if !sheet.merged.is_empty() {
            let mut d = u16::try_from(sheet.merged.len())
                .expect("few")
                .to_le_bytes()
                .to_vec();
            for (r0, r1, c0, c1) in sheet.merged {
                for v in [*r0, *r1, *c0, *c1] {
                    d.extend_from_slice(&v.to_le_bytes());
                }
            }
            record(&mut s, 0x00E5, &d);
        }
        record(&mut s, 0x000A, &[]);
        s
    };
    let bound = |name: &str, at: u32| -> Vec<u8> {
        let mut d = at.to_le_bytes().to_vec();
        d.extend_from_slice(&[
            0,
            0,
            u8::try_from(name.encode_utf16().count()).expect("short"),
            1,
        ]);
        d.extend(utf16(name));
        d
    };
    // The globals come first, and each BOUNDSHEET says where its sheet's records start.
    let globals_len = 4
        + 16
        + sheets
            .iter()
            .map(|s| 4 + bound(s.name, 0).len())
            .sum::<usize>()
        + 4;
    let streams: Vec<Vec<u8>> = sheets.iter().map(sheet_stream).collect();
    let mut workbook = Vec::new();
    record(&mut workbook, 0x0809, &bof(5));
    let mut at = globals_len;
    for (sheet, stream) in sheets.iter().zip(&streams) {
        record(
            &mut workbook,
            0x0085,
            &bound(sheet.name, u32::try_from(at).expect("small")),
        );
        at += stream.len();
    }
    record(&mut workbook, 0x000A, &[]);
    assert_eq!(workbook.len(), globals_len);
    for stream in streams {
        workbook.extend(stream);
    }
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    {
        let mut stream = file.create_stream("/Workbook").expect("stream");
        std::io::Write::write_all(&mut stream, &workbook).expect("write");
    }
    file.flush().expect("flush");
    file.into_inner().into_inner()
}
