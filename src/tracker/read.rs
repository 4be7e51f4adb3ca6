//! A tracker's grid read the way a clerk reads it: the sheet that holds the tracker,
//! its header row below any title rows, headings that group the rows under them,
//! consecutive rows of one recommendation as one recommendation with several actions,
//! numbered lines in one cell as several actions, and every other non-empty cell kept
//! where a clerk can see it. The result is a `Plan`: what an import would write.

use super::columns::{self, Field};
use super::grid::{self, Grid, GridRow};
use super::owners;
use super::statuses::Vocabulary;
use crate::model::{ResponseKind, Status, parse_timescale};
use jiff::civil::Date;

/// How far down a sheet its header row may be.
const HEADER_SEARCH_ROWS: usize = 60;

/// One problem, at its place in the file ("line 5", "sheet \"Plan\", row 5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.place.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// A cell that has no field of its own in scrutineer, kept with its header as printed
/// (`field` says what it was recognised as, if anything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedCell {
    pub column: String,
    pub field: Option<Field>,
    pub text: String,
}

/// The tracking state a row gives its item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedState {
    pub status: Option<Status>,
    /// The status cell as printed, when it said something, and its column's header.
    pub status_printed: String,
    pub status_column: String,
    /// The header of the (first) column the progress notes came from.
    pub progress_column: String,
    /// Progress notes, each with the column it came from when that column was named
    /// after something more than "progress" (a meeting, a date).
    pub notes: Vec<String>,
    /// A revised date, and the column it came from.
    pub revised: Option<(Date, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedRecommendation {
    pub id: String,
    /// The reference as printed; empty where the tracker prints none.
    pub reference: String,
    pub heading: String,
    pub text: String,
    /// For a recommendation tracked without actions.
    pub timescale: String,
    pub owners: Vec<String>,
    pub imported: Vec<ImportedCell>,
    pub note: String,
    /// The executive's response, where the tracker gives one in words we know.
    pub response: Option<(ResponseKind, String)>,
    pub state: PlannedState,
    pub place: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannedAction {
    pub id: String,
    pub answers: Vec<String>,
    pub text: String,
    pub timescale: String,
    pub owners: Vec<String>,
    pub owners_printed: String,
    pub imported: Vec<ImportedCell>,
    pub note: String,
    pub state: PlannedState,
    pub place: String,
}

/// What a tracker would add to a report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The sheet read, and why that one.
    pub sheet: Option<String>,
    pub sheet_reason: String,
    /// Where the header row is in its sheet (`sheet` names the sheet).
    pub header_place: String,
    /// Each column's header and what it was taken as (None: kept aside on each item).
    pub columns: Vec<(String, Option<Field>)>,
    pub recommendations: Vec<PlannedRecommendation>,
    pub actions: Vec<PlannedAction>,
    /// Text above the table (titles, notes) and headings with nothing under them.
    pub report_notes: Vec<String>,
    /// The first line above the table, which names the tracker.
    pub title: Option<String>,
    /// What could not be read and was kept as printed, by place.
    pub warnings: Vec<RowError>,
    /// Non-empty cells taken into a field, a note or a heading.
    pub cells_placed: usize,
    /// Non-empty cells kept aside, with their headers, on their items.
    pub cells_kept_aside: usize,
    /// Rows skipped because they repeat the header (page breaks in the source).
    pub repeated_headers: usize,
}

/// How to read a tracker.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Columns named explicitly: (field, header). They win over guesses.
    pub mapping: Vec<(Field, String)>,
    /// The sheet, by name or 1-based number.
    pub sheet: Option<String>,
    pub vocabulary: Vocabulary,
}

/// Reads a tracker file (its name and bytes). A plan is returned only when the file
/// can be read whole; what it could not understand is kept and listed in `warnings`.
pub fn read(name: &str, bytes: &[u8], options: &Options) -> Result<Plan, Vec<RowError>> {
    let grids = grid::read(name, bytes).map_err(|e| {
        vec![RowError {
            place: String::new(),
            message: e.to_string(),
        }]
    })?;
    read_grids(&grids, options)
}

/// Chooses the sheet (the one named, else the first that looks like a tracker) and
/// reads it.
pub fn read_grids(grids: &[Grid], options: &Options) -> Result<Plan, Vec<RowError>> {
    let names = || {
        grids
            .iter()
            .enumerate()
            .map(|(i, g)| format!("{} \"{}\"", i + 1, g.sheet.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = &options.sheet {
        let by_name = grids.iter().position(|g| {
            g.sheet
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(wanted.trim()))
        });
        let by_number = wanted
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=grids.len()).contains(n))
            .map(|n| n - 1);
        let Some(i) = by_name.or(by_number) else {
            return Err(vec![RowError {
                place: String::new(),
                message: format!(
                    "--sheet {wanted}: no such sheet (the sheets are: {})",
                    names()
                ),
            }]);
        };
        let mut plan = read_grid(&grids[i], options)?;
        plan.sheet_reason = "named with --sheet".to_string();
        return Ok(plan);
    }
    // The sheet that looks most like a tracker: the most columns recognised, then the
    // most items; the first of equals. An instructions or cover sheet names few.
    let mut best: Option<(usize, usize, Plan)> = None;
    let mut first_error = None;
    for g in grids {
        match read_grid(g, options) {
            Ok(plan) => {
                let named = plan.columns.iter().filter(|c| c.1.is_some()).count();
                let items = plan.actions.len() + plan.recommendations.len();
                if best
                    .as_ref()
                    .is_none_or(|(n, i, _)| (named, items) > (*n, *i))
                {
                    best = Some((named, items, plan));
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    match best {
        Some((_, _, mut plan)) => {
            if grids.len() > 1 {
                plan.sheet_reason = format!(
                    "the sheet that looks most like a tracker (the sheets are: {}; choose another with --sheet)",
                    names()
                );
            }
            Ok(plan)
        }
        None => Err(first_error.unwrap_or_else(|| {
            vec![RowError {
                place: String::new(),
                message: "the file has no sheets".to_string(),
            }]
        })),
    }
}

/// The columns a header row gives, and how many fields it names.
fn columns_of(row: &GridRow, mapping: &[(Field, String)]) -> (Vec<Option<Field>>, Vec<RowError>) {
    let headers: Vec<String> = row.cells.iter().map(|c| c.trim().to_string()).collect();
    let mut errors = Vec::new();
    let mut given = Vec::new();
    for (field, header) in mapping {
        let wanted = columns::words(header);
        let found = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(header.trim()))
            .or_else(|| {
                headers
                    .iter()
                    .position(|h| !wanted.is_empty() && columns::words(h) == wanted)
            });
        match found {
            Some(i) => given.push((*field, i)),
            None => errors.push(RowError {
                place: String::new(),
                message: format!(
                    "--map {}={header}: no column is headed `{header}` (the headers are: {})",
                    field.as_str(),
                    headers
                        .iter()
                        .filter(|h| !h.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
    (columns::assign(&headers, &given), errors)
}

fn has_items(cols: &[Option<Field>]) -> bool {
    cols.iter()
        .any(|c| matches!(c, Some(Field::Action | Field::Recommendation)))
}

/// Reads one grid.
pub fn read_grid(grid: &Grid, options: &Options) -> Result<Plan, Vec<RowError>> {
    // The header row: of the first rows, the one naming the most fields (the first
    // such), among those with a column of actions or recommendations.
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        if row.cells.iter().filter(|c| !c.trim().is_empty()).count() < 2
            && options.mapping.is_empty()
        {
            continue;
        }
        let (cols, errors) = columns_of(row, &options.mapping);
        if !errors.is_empty() || !has_items(&cols) {
            continue;
        }
        let named = cols.iter().filter(|c| c.is_some()).count();
        if best.is_none_or(|(_, n)| named > n) {
            best = Some((i, named));
        }
    }
    let Some((h, _)) = best else {
        let first = grid.rows.iter().find(|r| !r.is_empty());
        let (place, headers) = first.map_or((String::new(), String::new()), |r| {
            (
                grid.place(r.number),
                r.cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        });
        let mut errors = first
            .map(|r| columns_of(r, &options.mapping).1)
            .unwrap_or_default();
        if errors.is_empty() {
            errors.push(RowError {
                place,
                message: format!(
                    "no row of the first {HEADER_SEARCH_ROWS} has a column that looks like actions or recommendations (the first row reads: {headers}); name one with --map action=HEADER or --map recommendation=HEADER"
                ),
            });
        }
        if let Some(sheet) = &grid.sheet {
            for e in &mut errors {
                if e.place.is_empty() {
                    e.place = format!("sheet \"{sheet}\"");
                }
            }
        }
        return Err(errors);
    };
    let first_header = &grid.rows[h];
    // A second header row (sub-headers under a group header) is read into the first.
    let (header, body) = match grid
        .rows
        .get(h + 1)
        .and_then(|next| sub_headers(first_header, next))
    {
        Some(joined) => (std::borrow::Cow::Owned(joined), h + 2),
        None => (std::borrow::Cow::Borrowed(first_header), h + 1),
    };
    let header: &GridRow = &header;
    let (cols, _) = columns_of(header, &options.mapping);
    let headers: Vec<String> = (0..grid.width().max(header.cells.len()))
        .map(|i| header.cell(i).to_string())
        .collect();
    let mut reader = Reader {
        grid,
        headers: &headers,
        cols: &cols,
        vocabulary: &options.vocabulary,
        plan: Plan {
            sheet: grid.sheet.clone(),
            header_place: grid.row_in_sheet(header.number),
            columns: headers
                .iter()
                .cloned()
                .zip(cols.iter().copied().chain(std::iter::repeat(None)))
                .collect(),
            ..Plan::default()
        },
        heading: String::new(),
        heading_used: true,
        current: None,
        has_recommendation_columns: cols
            .iter()
            .any(|c| matches!(c, Some(Field::Ref | Field::Recommendation))),
        footer: false,
    };
    for row in &grid.rows[..h] {
        let text: Vec<&str> = distinct(row);
        if !text.is_empty() {
            let line = text.join(" | ");
            if reader.plan.title.is_none() {
                reader.plan.title = Some(line.clone());
            }
            reader.plan.report_notes.push(format!(
                "Above the table ({}): {line}",
                grid.place(row.number)
            ));
            reader.plan.cells_placed += text.len();
        }
    }
    // A CSV row with more or fewer cells than its header has lost or gained a cell
    // (a delimiter inside an unquoted cell, a cell cut short): refused, by line.
    if grid.sheet.is_none() {
        let width = header.cells.len();
        let ragged: Vec<RowError> = grid.rows[body..]
            .iter()
            .filter(|r| r.cells.len() != width && !r.is_empty())
            .map(|r| RowError {
                place: grid.place(r.number),
                message: format!(
                    "{} cell(s) where the header (line {}) has {width}; a comma, semicolon or tab inside a cell must be in double quotes",
                    r.cells.len(),
                    header.number
                ),
            })
            .collect();
        if !ragged.is_empty() {
            return Err(ragged);
        }
    }
    for row in &grid.rows[body..] {
        reader.row(row);
    }
    reader.finish();
    if reader.plan.recommendations.is_empty() {
        return Err(vec![RowError {
            place: grid.place(header.number),
            message: "the header has no rows under it: there is nothing to import".to_string(),
        }]);
    }
    Ok(reader.plan)
}

/// The header row joined with the row under it when that row holds sub-headers: each
/// of its cells repeats the header above (a cell merged down) or sits under a group
/// header spread over several columns ("Progress update" over "Oct 2025" and "Jan
/// 2026"), and at least one is a sub-header. The joined header reads "Progress update
/// Oct 2025".
fn sub_headers(header: &GridRow, next: &GridRow) -> Option<GridRow> {
    let width = header.cells.len().max(next.cells.len());
    let group = |i: usize| -> Option<&str> {
        // The group header over column i: its own cell, or the nearest to its left
        // when the group's cell was merged (filled) or left empty across the group.
        (0..=i)
            .rev()
            .map(|j| header.cell(j))
            .find(|h| !h.is_empty())
    };
    // Whether column i is part of a group: no header of its own, the same header as a
    // neighbour (a merged cell, filled), or a header with an empty cell after it (a
    // group header written once over the columns it heads).
    let spread = |i: usize| {
        let h = header.cell(i);
        h.is_empty()
            || (i > 0 && header.cell(i - 1) == h)
            || (i + 1 < width && (header.cell(i + 1) == h || header.cell(i + 1).is_empty()))
    };
    let mut subs = 0;
    for i in 0..width {
        let (above, below) = (header.cell(i), next.cell(i));
        if below.is_empty() || below == above {
            continue;
        }
        if !spread(i)
            || group(i).is_none()
            || columns::guess(below)
                .is_some_and(|f| matches!(f, Field::Action | Field::Recommendation))
        {
            return None;
        }
        subs += 1;
    }
    if subs == 0 {
        return None;
    }
    let cells = (0..width)
        .map(|i| {
            let below = next.cell(i);
            match group(i) {
                Some(g) if !below.is_empty() && below != header.cell(i) => format!("{g} {below}"),
                _ => header.cell(i).to_string(),
            }
        })
        .collect();
    Some(GridRow {
        number: header.number,
        cells,
    })
}

/// The distinct non-empty values of a row, in order (a merged cell counts once).
fn distinct(row: &GridRow) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in &row.cells {
        let c = c.trim();
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

struct Reader<'a> {
    grid: &'a Grid,
    headers: &'a [String],
    cols: &'a [Option<Field>],
    vocabulary: &'a Vocabulary,
    plan: Plan,
    heading: String,
    /// Whether a recommendation has been put under the current heading.
    heading_used: bool,
    /// The recommendation the rows are answering now.
    current: Option<usize>,
    has_recommendation_columns: bool,
    /// Past the table: a key or notes below it.
    footer: bool,
}

impl Reader<'_> {
    fn col(&self, f: Field) -> Option<usize> {
        self.cols.iter().position(|c| *c == Some(f))
    }

    fn cell<'r>(&self, row: &'r GridRow, f: Field) -> &'r str {
        self.col(f).map_or("", |i| row.cell(i))
    }

    fn warn(&mut self, number: u64, message: String) {
        self.plan.warnings.push(RowError {
            place: self.grid.place(number),
            message,
        });
    }

    fn row(&mut self, row: &GridRow) {
        if row.is_empty() {
            return;
        }
        // A key or notes under the table ("Key", "Green = on track"): the report's
        // notes, never items.
        let values = distinct(row);
        if self.footer || (values.len() == 1 && starts_footer(values[0])) {
            self.footer = true;
            self.plan.cells_placed += values.len();
            self.plan.report_notes.push(format!(
                "Below the table ({}): {}",
                self.grid.place(row.number),
                values.join(" | ")
            ));
            return;
        }
        if self.repeats_header(row) {
            self.plan.repeated_headers += 1;
            return;
        }
        if let Some(heading) = self.heading_of(row) {
            self.plan.cells_placed += distinct(row).len();
            self.set_heading(heading);
            self.current = None;
            return;
        }
        self.data_row(row);
    }

    /// A row that repeats the header row (a page break in the source).
    fn repeats_header(&self, row: &GridRow) -> bool {
        let width = row.cells.len().max(self.headers.len());
        (0..width).all(|i| {
            columns::words(row.cell(i))
                == columns::words(self.headers.get(i).map_or("", String::as_str))
        })
    }

    /// A row holding only a heading: one value (perhaps merged across the row), in a
    /// column that is not an item's detail, that reads as a heading.
    fn heading_of(&self, row: &GridRow) -> Option<String> {
        let values = distinct(row);
        // A number printed before the heading, in the reference column: "1 | LEADERSHIP".
        let number = self
            .col(Field::Ref)
            .map(|c| row.cell(c))
            .filter(|r| !r.is_empty() && values.len() == 2 && looks_like_reference(r));
        let rest: Vec<&str> = values.into_iter().filter(|v| Some(*v) != number).collect();
        let [text] = rest.as_slice() else {
            return None;
        };
        let filled: Vec<usize> = (0..row.cells.len())
            .filter(|i| row.cell(*i) == *text)
            .collect();
        let merged = filled.len() >= 2;
        let field = self.cols.get(filled[0]).copied().flatten();
        if text.chars().count() > 200 {
            return None;
        }
        let heading = || match number {
            Some(n) => format!("{n} {text}"),
            None => text.to_string(),
        };
        if number.is_some() {
            let short = text.split_whitespace().count() <= 12 && !text.ends_with('.');
            return ((merged || in_capitals(text)) && short).then(heading);
        }
        if merged {
            return Some(heading());
        }
        match field {
            Some(Field::Heading) => Some(heading()),
            Some(Field::Recommendation | Field::Action) => looks_like_heading(text).then(heading),
            Some(Field::Ref) | None if !looks_like_reference(text) => Some(heading()),
            _ => None,
        }
    }

    /// A new heading for the recommendations below; one with nothing under it is
    /// kept in the report's notes.
    fn set_heading(&mut self, heading: String) {
        if !self.heading_used && !self.heading.is_empty() {
            let old = std::mem::take(&mut self.heading);
            self.plan
                .report_notes
                .push(format!("Heading with nothing under it: {old}"));
        }
        self.heading = heading;
        self.heading_used = false;
    }

    fn data_row(&mut self, row: &GridRow) {
        let number = row.number;
        let place = self.grid.place(number);
        let reference = self.cell(row, Field::Ref).to_string();
        let rec_text = self.cell(row, Field::Recommendation).to_string();
        let action = self.cell(row, Field::Action).to_string();
        if let Some(h) = self.col(Field::Heading)
            && !row.cell(h).is_empty()
            && row.cell(h) != self.heading
        {
            self.set_heading(row.cell(h).to_string());
        }
        let refs = split_refs(&reference);
        let mut action_ref = None;
        let rec = if let Some(cur) = self.current.filter(|c| {
            let r = &self.plan.recommendations[*c];
            !rec_text.is_empty()
                && !action.is_empty()
                && r.text == rec_text
                && !refs.iter().any(|x| x == &r.reference)
                && refs.iter().all(|x| same_parent(x, &r.reference))
        }) {
            // The same recommendation with a new number: the number is the action's.
            action_ref = refs.first().cloned();
            vec![cur]
        } else if !refs.is_empty() {
            refs.iter()
                .map(|r| self.recommendation_by_ref(r, &rec_text, row))
                .collect()
        } else if !rec_text.is_empty() {
            let found = self
                .current
                .filter(|c| self.plan.recommendations[*c].text == rec_text)
                .or_else(|| {
                    self.plan
                        .recommendations
                        .iter()
                        .position(|r| r.text == rec_text)
                });
            vec![found.unwrap_or_else(|| self.new_recommendation("", &rec_text, number))]
        } else if let Some(cur) = self.current.filter(|_| self.has_recommendation_columns) {
            vec![cur]
        } else {
            vec![self.new_recommendation("", "", number)]
        };
        self.current = rec.first().copied();
        let state = self.state(row);
        let mut imported = Vec::new();
        let mut placed = 0;
        let mut kept = 0;
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let field = self.cols.get(i).copied().flatten();
            let header = self.headers.get(i).cloned().unwrap_or_default();
            let column = if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                header
            };
            match field {
                None => {
                    kept += 1;
                    imported.push(ImportedCell {
                        column,
                        field: None,
                        text: cell.to_string(),
                    });
                }
                Some(
                    f @ (Field::PortfolioHolder
                    | Field::NextSteps
                    | Field::SuccessMeasure
                    | Field::Response
                    | Field::Monitoring
                    | Field::Origin),
                ) => {
                    placed += 1;
                    imported.push(ImportedCell {
                        column,
                        field: Some(f),
                        text: cell.to_string(),
                    });
                }
                Some(Field::Status) if Some(i) != self.status_column(row) => {
                    placed += 1;
                    imported.push(ImportedCell {
                        column,
                        field: Some(Field::Status),
                        text: cell.to_string(),
                    });
                }
                // A revised date is applied as a revision and kept as printed too.
                Some(Field::RevisedDate) => {
                    placed += 1;
                    imported.push(ImportedCell {
                        column,
                        field: Some(Field::RevisedDate),
                        text: cell.to_string(),
                    });
                }
                Some(_) => placed += 1,
            }
        }
        self.plan.cells_placed += placed;
        self.plan.cells_kept_aside += kept;
        if let Some(text) = imported
            .iter()
            .find(|c| c.field == Some(Field::Response))
            .map(|c| c.text.clone())
            && let Some(kind) = response_kind(&text)
        {
            let r = &mut self.plan.recommendations[rec[0]];
            if r.response.is_none() {
                r.response = Some((kind, text));
            }
        }
        if !state.status_printed.is_empty() && state.status.is_none() {
            self.warn(
                number,
                format!(
                    "status `{}` is not one scrutineer knows: kept as printed on the item (add it to the workspace's statuses.toml to read it)",
                    state.status_printed
                ),
            );
        }
        let answers: Vec<String> = rec
            .iter()
            .map(|i| self.plan.recommendations[*i].id.clone())
            .collect();
        if action.is_empty() {
            // A recommendation tracked without actions keeps everything the row says.
            let owners_cell = self.cell(row, Field::Owner).to_string();
            let timescale = self.cell(row, Field::Timescale).to_string();
            let timescale_column = self.col(Field::Timescale).map(|c| self.headers[c].clone());
            let id_cell = self.cell(row, Field::Id).to_string();
            let id_column = self.col(Field::Id).map(|c| self.headers[c].clone());
            let r = &mut self.plan.recommendations[rec[0]];
            if !id_cell.is_empty() {
                // An item id with no action to name: kept as printed.
                r.imported.push(ImportedCell {
                    column: id_column.unwrap_or_default(),
                    field: Some(Field::Id),
                    text: id_cell,
                });
            }
            for o in owners::split(&owners_cell) {
                if !r.owners.contains(&o) {
                    r.owners.push(o);
                }
            }
            if r.timescale.is_empty() {
                r.timescale = timescale;
            } else if !timescale.is_empty() && r.timescale != timescale {
                // A second timescale for the same recommendation: kept beside the first.
                r.imported.push(ImportedCell {
                    column: timescale_column.unwrap_or_default(),
                    field: Some(Field::Timescale),
                    text: timescale,
                });
            }
            if !state.status_printed.is_empty()
                && !r.state.status_printed.is_empty()
                && r.state.status_printed != state.status_printed
            {
                // The row further down says where it stands now; the earlier is kept.
                r.imported.push(ImportedCell {
                    column: r.state.status_column.clone(),
                    field: Some(Field::Status),
                    text: r.state.status_printed.clone(),
                });
            }
            merge_state(&mut r.state, state);
            r.imported.extend(imported);
            return;
        }
        let given = self.cell(row, Field::Id).to_string();
        if !given.is_empty() && id_from(&given) != given {
            // The id had to be made safe: the printed one is kept beside it.
            imported.push(ImportedCell {
                column: self
                    .col(Field::Id)
                    .map(|c| self.headers[c].clone())
                    .unwrap_or_default(),
                field: Some(Field::Id),
                text: given.clone(),
            });
        }
        if !given.is_empty() {
            // The same action listed under each recommendation it answers.
            let id = id_from(&given);
            let (owners_cell, timescale_cell) = (
                self.cell(row, Field::Owner),
                self.cell(row, Field::Timescale),
            );
            if let Some(existing) = self.plan.actions.iter_mut().find(|a| {
                a.id == id
                    && a.text == action
                    && a.owners_printed == owners_cell
                    && a.timescale == timescale_cell
            }) {
                for r in answers {
                    if !existing.answers.contains(&r) {
                        existing.answers.push(r);
                    }
                }
                return;
            }
        }
        let pieces = if given.is_empty() {
            numbered_pieces(&action)
        } else {
            vec![action.clone()]
        };
        let owners_cell = self.cell(row, Field::Owner).to_string();
        let timescale_cell = self.cell(row, Field::Timescale).to_string();
        let n = pieces.len();
        let owner_lines = lines_of(&owners_cell);
        let time_lines = lines_of(&timescale_cell);
        let mut note = String::new();
        if n > 1 {
            // How each of the owners and timescale cells was shared out.
            let how = |name: &str, lines: &[String]| match lines.len() {
                0 => format!("no {name} is given"),
                1 => format!("the {name} cell applies to each"),
                l if l == n => {
                    format!("each one's {name} is the line of the {name} cell in the same position")
                }
                l => {
                    format!("the {name} cell has {l} lines for {n} actions, so each keeps it whole")
                }
            };
            note = format!(
                "One of {n} numbered actions in one cell of the tracker ({place}); {}; {}.",
                how("owners", &owner_lines),
                how("timescale", &time_lines)
            );
        }
        for (k, text) in pieces.into_iter().enumerate() {
            let owners_printed = if n > 1 && owner_lines.len() == n {
                owner_lines[k].clone()
            } else {
                owners_cell.clone()
            };
            let timescale = if n > 1 && time_lines.len() == n {
                time_lines[k].clone()
            } else {
                timescale_cell.clone()
            };
            let id = if !given.is_empty() {
                self.unique_id(&id_from(&given))
            } else if let Some(r) = action_ref.as_ref().filter(|_| n == 1) {
                self.unique_id(&id_from(r))
            } else {
                self.next_action_id(&answers[0])
            };
            self.plan.actions.push(PlannedAction {
                id,
                answers: answers.clone(),
                text,
                timescale,
                owners: owners::split(&owners_printed),
                owners_printed,
                imported: imported.clone(),
                note: note.clone(),
                state: state.clone(),
                place: place.clone(),
            });
        }
    }

    /// The status column that gives the row's current status: of those with something
    /// in it, one headed as current, else the rightmost not headed as an earlier one
    /// (a cumulative appendix adds one per meeting), else the rightmost.
    fn status_column(&self, row: &GridRow) -> Option<usize> {
        (0..self.cols.len())
            .filter(|i| self.cols[*i] == Some(Field::Status) && !row.cell(*i).is_empty())
            .max_by_key(|i| (columns::currency(&self.headers[*i]), *i))
    }

    fn state(&self, row: &GridRow) -> PlannedState {
        let mut state = PlannedState::default();
        if let Some(i) = self.status_column(row) {
            state.status_printed = row.cell(i).to_string();
            state.status_column = self.headers[i].clone();
            state.status = self.vocabulary.status(row.cell(i));
        }
        for (i, f) in self.cols.iter().enumerate() {
            let cell = row.cell(i);
            if cell.is_empty() {
                continue;
            }
            match f {
                Some(Field::Progress) => {
                    let header = &self.headers[i];
                    if state.progress_column.is_empty() {
                        state.progress_column = header.clone();
                    }
                    let plain = columns::words(header)
                        .iter()
                        .all(|w| ["progress", "update", "comment", "note"].contains(&w.as_str()));
                    state.notes.push(if plain || header.is_empty() {
                        cell.to_string()
                    } else {
                        format!("{header}: {cell}")
                    });
                }
                // Of several revised dates (columns mapped to it one after another),
                // the last given is the one in force; each is kept as printed.
                Some(Field::RevisedDate) => {
                    let d = parse_timescale(cell, None);
                    if matches!(
                        d.kind,
                        crate::model::DeadlineKind::Day
                            | crate::model::DeadlineKind::Month
                            | crate::model::DeadlineKind::Week
                            | crate::model::DeadlineKind::Quarter
                            | crate::model::DeadlineKind::Season
                            | crate::model::DeadlineKind::Year
                    ) && let Some(due) = d.due
                    {
                        state.revised = Some((due, self.headers[i].clone()));
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// The recommendation printed with reference `r`, made if it is new.
    /// The recommendation printed with reference `r`: the latest so printed, unless
    /// this row gives it another text (numbering that restarts for each audit or
    /// review), when it is a new one.
    fn recommendation_by_ref(&mut self, r: &str, text: &str, row: &GridRow) -> usize {
        let found = self
            .plan
            .recommendations
            .iter()
            .rposition(|p| p.reference == r);
        match found {
            Some(i) if self.plan.recommendations[i].text.is_empty() => {
                self.plan.recommendations[i].text = text.to_string();
                i
            }
            Some(i) if text.is_empty() || self.plan.recommendations[i].text == text => i,
            Some(i) => {
                let first = self.plan.recommendations[i].place.clone();
                let new = self.new_recommendation(r, text, row.number);
                self.plan.recommendations[new].note = format!(
                    "The reference `{r}` is printed for another recommendation too ({first}); the tracker numbers its recommendations afresh, so this is taken as a different one."
                );
                new
            }
            None => self.new_recommendation(r, text, row.number),
        }
    }

    fn new_recommendation(&mut self, reference: &str, text: &str, number: u64) -> usize {
        let base = if reference.is_empty() {
            format!("row-{number}")
        } else {
            id_from(reference)
        };
        let id = self.unique_id(&base);
        self.heading_used = true;
        self.plan.recommendations.push(PlannedRecommendation {
            id,
            reference: reference.to_string(),
            heading: self.heading.clone(),
            text: text.to_string(),
            place: self.grid.place(number),
            ..PlannedRecommendation::default()
        });
        self.plan.recommendations.len() - 1
    }

    fn taken(&self, id: &str) -> bool {
        self.plan.recommendations.iter().any(|r| r.id == id)
            || self.plan.actions.iter().any(|a| a.id == id)
    }

    fn unique_id(&self, base: &str) -> String {
        if !self.taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.taken(id))
            .unwrap_or_default()
    }

    /// The next free id for an action answering `rec`: `1.1a`, `1.1b`...
    fn next_action_id(&self, rec: &str) -> String {
        (1..)
            .map(|n| format!("{rec}{}", letter(n)))
            .find(|id| !self.taken(id))
            .unwrap_or_default()
    }

    fn finish(&mut self) {
        if !self.heading_used && !self.heading.is_empty() {
            let old = std::mem::take(&mut self.heading);
            self.plan
                .report_notes
                .push(format!("Heading with nothing under it: {old}"));
        }
        // A recommendation answered by actions is not tracked itself: what its own
        // rows said (a status, progress) stays on it as imported, never dropped.
        for r in &mut self.plan.recommendations {
            let answered = self.plan.actions.iter().any(|a| a.answers.contains(&r.id));
            if !answered {
                continue;
            }
            let state = std::mem::take(&mut r.state);
            if !state.status_printed.is_empty() {
                r.imported.push(ImportedCell {
                    column: state.status_column,
                    field: Some(Field::Status),
                    text: state.status_printed,
                });
            }
            for n in state.notes {
                r.imported.push(ImportedCell {
                    column: state.progress_column.clone(),
                    field: Some(Field::Progress),
                    text: n,
                });
            }
        }
    }
}

fn merge_state(into: &mut PlannedState, from: PlannedState) {
    if !from.status_printed.is_empty() {
        into.status = from.status;
        into.status_printed = from.status_printed;
        into.status_column = from.status_column;
    }
    if into.progress_column.is_empty() {
        into.progress_column = from.progress_column;
    }
    into.notes.extend(from.notes);
    if from.revised.is_some() {
        into.revised = from.revised;
    }
}

/// Whether a cell alone on its row starts a key or notes below the table: "Key",
/// "RAG key:", "Legend", "Notes", "Key: Green = on track".
fn starts_footer(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let head = lower
        .split([':', '-', '–'])
        .next()
        .unwrap_or_default()
        .trim();
    [
        "key",
        "legend",
        "notes",
        "note",
        "glossary",
        "rag key",
        "brag key",
        "rayg key",
        "status key",
        "key to ratings",
        "key to rag ratings",
        "rag ratings",
        "rag rating key",
    ]
    .contains(&head)
}

/// Whether a text is in capitals (a theme printed as a heading).
fn in_capitals(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether a cell among recommendations or actions is a heading rather than one of
/// them: in capitals, or a numbered (or titled) standard, theme or section: "Standard
/// 1 - Referrals", "Theme 2: Placements", "Priority A", "Section: Health".
fn looks_like_heading(text: &str) -> bool {
    if text.contains('\n') || text.split_whitespace().count() > 12 {
        return false;
    }
    if in_capitals(text) {
        return true;
    }
    let lower = text.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or_default();
    let (first, titled) = match first.strip_suffix(':') {
        Some(f) => (f, true),
        None => (first, false),
    };
    let keyword = [
        "standard",
        "theme",
        "section",
        "priority",
        "part",
        "area",
        "objective",
        "outcome",
        "domain",
        "workstream",
        "strand",
        "chapter",
        "kloe",
        "judgement",
    ]
    .contains(&first);
    let second = words.next().unwrap_or_default();
    let token = second.trim_end_matches([':', '.', '-', ')', '–']);
    let numbered = !token.is_empty()
        && (token.chars().all(|c| c.is_ascii_digit() || c == '.')
            || token.chars().count() == 1
            || ["ii", "iii", "iv", "vi", "vii", "viii", "ix"].contains(&token));
    keyword && (titled || numbered || second == "-" || second == "–")
}

/// A cell that is only a reference (`1.2`, `a)`, `SR01`, `A`), not a heading: one
/// short word with a digit in it, or of three characters at most.
fn looks_like_reference(text: &str) -> bool {
    let short = !text.contains(char::is_whitespace) && text.chars().count() <= 12;
    short && (text.chars().any(|c| c.is_ascii_digit()) || text.chars().count() <= 3)
}

/// Whether `a` numbers a part of what `b` numbers, or both parts of one thing: "1.2"
/// after "1" or "1.1"; not "2" after "1". A recommendation printed once over rows
/// numbered like that is one recommendation with those actions.
fn same_parent(a: &str, b: &str) -> bool {
    let parent = |r: &str| -> String {
        r.trim()
            .rsplit_once(['.', ')', '/'])
            .map_or(String::new(), |(p, _)| p.to_string())
    };
    let (pa, pb) = (parent(a), parent(b));
    (!pa.is_empty() && (pa == pb || pa == b.trim())) || b.trim().is_empty()
}

/// The references in a cell: "3.3, 3.4" answers two recommendations; a reference with
/// spaces inside ("SR (25/26) 01") is one.
fn split_refs(cell: &str) -> Vec<String> {
    let parts: Vec<String> = cell
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| p.chars().count() <= 12) {
        parts
    } else if cell.trim().is_empty() {
        Vec::new()
    } else {
        vec![cell.trim().to_string()]
    }
}

/// An id from a printed reference: letters, digits and dots, with `-` for anything
/// else ("SR (25/26) 01" is `SR-25-26-01`; "1.1" stays `1.1`).
pub fn id_from(reference: &str) -> String {
    let mut id = String::new();
    for c in reference.chars() {
        if c.is_alphanumeric() || c == '.' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches(['-', '.']).to_string();
    if id.is_empty() {
        "item".to_string()
    } else {
        id
    }
}

/// A cell's non-empty lines, each without a leading number or bullet.
fn lines_of(cell: &str) -> Vec<String> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l[marker_len(l).unwrap_or(0)..].trim().to_string())
        .collect()
}

/// The length of a list marker at the start of a line: `1.`, `2)`, `(3)`, `4.1`,
/// `a)`, `(b)`, `iv)`, `•`, `-`; None when the line has none.
fn marker_len(line: &str) -> Option<usize> {
    let bullet = ['•', '▪', '●', '◦', '‣', '–', '-', '*', '·'];
    if let Some(c) = line.chars().next()
        && bullet.contains(&c)
        && line[c.len_utf8()..].starts_with(char::is_whitespace)
    {
        return Some(c.len_utf8());
    }
    let bytes = line.as_bytes();
    let open = usize::from(bytes.first() == Some(&b'('));
    let rest = &line[open..];
    // The body: a number (perhaps dotted: 4.1), one letter, or a roman numeral.
    let number = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let number = rest[..number].trim_end_matches('.').len();
    let roman = rest
        .bytes()
        .take_while(|b| b"ivx".contains(b))
        .count()
        .min(4);
    let body = if number > 0 && number <= 6 && rest.as_bytes()[0].is_ascii_digit() {
        number
    } else if roman > 0 && matches!(rest.as_bytes().get(roman), Some(b')' | b'.')) {
        roman
    } else if rest.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && !rest
            .as_bytes()
            .get(1)
            .is_some_and(u8::is_ascii_alphanumeric)
    {
        1
    } else {
        return None;
    };
    let after = open + body;
    let close = bytes.get(after);
    let closed = match close {
        Some(b')') => Some(after + 1),
        Some(b'.') if open == 0 => Some(after + 1),
        // "4.1 Keep a register": a dotted number needs no full stop after it.
        Some(b' ' | b'\t') if open == 0 && rest[..body].contains('.') => Some(after),
        _ => None,
    }?;
    if open == 1 && close != Some(&b')') {
        return None;
    }
    bytes
        .get(closed)
        .is_none_or(u8::is_ascii_whitespace)
        .then_some(closed)
}

/// An action cell as separate actions when it is a numbered (or bulleted) list of two
/// or more from its first line; otherwise (a single action, or a list after a lead-in)
/// the whole cell. Each piece keeps its number as printed.
fn numbered_pieces(cell: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut lead = String::new();
    for line in cell.lines() {
        let t = line.trim();
        if marker_len(t).is_some() {
            pieces.push(t.to_string());
        } else if let Some(last) = pieces.last_mut() {
            if !t.is_empty() {
                last.push('\n');
                last.push_str(t);
            }
        } else {
            lead.push_str(line);
            lead.push('\n');
        }
    }
    // A list after a lead-in ("review practices in the: • ... • ...") is one action.
    if pieces.len() >= 2 && lead.trim().is_empty() {
        pieces
    } else {
        vec![cell.trim().to_string()]
    }
}

/// The response a cell gives in its first words: "Agreed ...", "Partially accepted",
/// "Not accepted because ...".
fn response_kind(text: &str) -> Option<ResponseKind> {
    let lower = text.trim().to_lowercase();
    let starts = |words: &[&str]| words.iter().any(|w| lower.starts_with(w));
    if starts(&[
        "partially",
        "partly",
        "in part",
        "accepted in part",
        "agreed in part",
    ]) {
        Some(ResponseKind::PartiallyAccepted)
    } else if starts(&[
        "not accepted",
        "not agreed",
        "rejected",
        "declined",
        "not supported",
        "no -",
        "no.",
    ]) {
        Some(ResponseKind::Rejected)
    } else if starts(&["accepted", "agreed", "accept", "agree", "supported", "yes"]) {
        Some(ResponseKind::Accepted)
    } else if starts(&["noted"]) {
        Some(ResponseKind::Noted)
    } else {
        None
    }
}

/// a, b, ... z, aa, ab ... (the letters of the action ids a tracker's rows are given).
fn letter(n: u32) -> String {
    letters(n as usize, b'a')
}

/// The `n`th (from 1) of a, b, ... z, aa, ab ..., from `first` (`b'A'` for spreadsheet
/// columns).
pub fn letters(n: usize, first: u8) -> String {
    let mut n = n;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(first + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(csv: &str) -> Plan {
        read("t.csv", csv.as_bytes(), &Options::default()).expect("reads")
    }

    /// Row `number` of a grid, with these cells.
    fn row(number: u64, cells: &[&str]) -> GridRow {
        GridRow {
            number,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn columns_and_action_letters_count_as_a_spreadsheet_does() {
        for (n, column) in [
            (1, "A"),
            (2, "B"),
            (26, "Z"),
            (27, "AA"),
            (28, "AB"),
            (52, "AZ"),
            (53, "BA"),
            (702, "ZZ"),
            (703, "AAA"),
        ] {
            assert_eq!(letters(n, b'A'), column, "{n}");
        }
        assert_eq!(letters(0, b'A'), "");
        assert_eq!(letters(28, b'a'), "ab");
    }

    #[test]
    fn a_grid_with_no_column_of_actions_says_what_its_first_row_reads_and_where() {
        let said = |grid: &Grid| -> Vec<String> {
            match read_grid(grid, &Options::default()) {
                Ok(_) => Vec::new(),
                Err(errors) => errors.iter().map(ToString::to_string).collect(),
            }
        };
        let csv = Grid {
            sheet: None,
            rows: vec![
                row(1, &[]),
                row(2, &["Item", "Detail", "Who"]),
                row(3, &["A", "x", "y"]),
            ],
        };
        assert_eq!(
            said(&csv),
            [
                "line 2: no row of the first 60 has a column that looks like actions or recommendations (the first row reads: Item, Detail, Who); name one with --map action=HEADER or --map recommendation=HEADER"
            ]
        );
        // An empty sheet: the sheet is named, as there is no row to name.
        let empty = Grid {
            sheet: Some("Lookups".to_string()),
            rows: vec![row(1, &[])],
        };
        let found = said(&empty);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("sheet \"Lookups\": no row of the first 60"),
            "{found:?}"
        );
        // Of two rows naming as many fields, the first is the header.
        let twice = Grid {
            sheet: None,
            rows: vec![
                row(1, &["Action", "Lead officer"]),
                row(2, &["Action", "Lead officer"]),
                row(3, &["Audit files", "KS"]),
            ],
        };
        let plan = read_grid(&twice, &Options::default()).expect("reads");
        assert_eq!(plan.header_place, "line 1");
    }

    #[test]
    fn references_number_parts_of_one_thing_only_under_the_same_parent() {
        for (a, b, same) in [
            ("1.2", "1", true),
            ("1.2", "1.1", true),
            ("3.4.2", "3.4.1", true),
            ("2", "1", false),
            ("1.2", "2", false),
            ("2.1", "1.1", false),
            ("2", "", true),
            ("", "1", false),
        ] {
            assert_eq!(same_parent(a, b), same, "{a:?} after {b:?}");
        }
    }

    #[test]
    fn a_list_marker_is_a_number_letter_numeral_or_bullet_and_nothing_else() {
        for (line, len) in [
            ("1. Audit files", 2),
            ("(2) Train staff", 3),
            ("4.1 Keep a register", 3),
            ("b) Report back", 2),
            ("iv. Review", 3),
            ("• Publish", 3),
            ("- Publish", 1),
            ("* Publish", 1),
            ("12) Twelve", 3),
            ("1.2.3. Deep", 6),
            ("10.1.2 Six characters", 6),
            ("(a) Letter", 3),
            ("a. Letter", 2),
            ("(iv) Numeral", 4),
            ("x) Ten", 2),
            ("3.\tTabbed", 2),
            ("7.1\tKeep", 3),
            ("5)", 2),
        ] {
            assert_eq!(marker_len(line), Some(len), "{line}");
        }
        // A full stop or a bracket with nothing before it marks nothing.
        for line in [
            ". Audit files",
            ") Train staff",
            "Audit files",
            "ii Ltd",
            "2026 budget",
            "1234567. Too long for a number",
            "(3 Not closed",
            "(3. Closed with a full stop",
            "a1) Not a letter alone",
            "ab) Two letters",
            "-Publish",
            "1.Audit",
            "4.1Keep",
            "Q1) Capital",
            "iv Review",
            "4 Keep",
            "12.5% of cases",
        ] {
            assert_eq!(marker_len(line), None, "{line}");
        }
    }

    #[test]
    fn a_row_of_sub_headers_joins_the_header_and_a_row_of_data_does_not() {
        let joined = |header: &[&str], next: &[&str]| {
            sub_headers(&row(3, header), &row(4, next)).map(|r| r.cells)
        };
        let progress = vec![
            "Ref".to_string(),
            "Action".to_string(),
            "Progress update Oct 2025".to_string(),
            "Progress update Jan 2026".to_string(),
        ];
        // A group header filled across its columns, or left empty after its first.
        for group in [
            ["Ref", "Action", "Progress update", "Progress update"],
            ["Ref", "Action", "Progress update", ""],
        ] {
            assert_eq!(
                joined(&group, &["", "", "Oct 2025", "Jan 2026"]),
                Some(progress.clone()),
                "{group:?}"
            );
            // Headers merged down repeat in the row below.
            assert_eq!(
                joined(&group, &["Ref", "Action", "Oct 2025", "Jan 2026"]),
                Some(progress.clone()),
                "{group:?}"
            );
        }
        // Not sub-headers: a row of data, a row that only repeats the header, a row
        // naming actions, and a cell under no header at all.
        assert_eq!(
            joined(&["Ref", "Action", "Lead"], &["1", "Audit files", "KS"]),
            None
        );
        assert_eq!(
            joined(&["Ref", "Action", "Lead"], &["Ref", "Action", "Lead"]),
            None
        );
        assert_eq!(
            joined(&["Ref", "Detail", ""], &["", "Action", "Recommendation"]),
            None
        );
        assert_eq!(joined(&["", "Action", "Action"], &["Ref", "", ""]), None);
        // A cell under a header that is its own (not spread) is data.
        assert_eq!(
            joined(&["Ref", "Progress", "Lead"], &["", "Oct 2025", ""]),
            None
        );
    }

    #[test]
    fn standards_themes_and_sections_are_headings_and_sentences_are_not() {
        for heading in [
            "Standard 1 - Referrals",
            "Theme 2: Placements",
            "Priority A",
            "Section: Health",
            "Part iv",
            "Chapter 3.2",
            "KLOE 4.",
            "Workstream – Early help",
            "LEADERSHIP AND GOVERNANCE",
        ] {
            assert!(looks_like_heading(heading), "{heading}");
        }
        for sentence in [
            "Priority actions are agreed with partners",
            "Standard practice is reviewed monthly",
            "Area managers review caseloads",
            "Theme",
            "Outcome 12 families supported\nwith a plan",
        ] {
            assert!(!looks_like_heading(sentence), "{sentence}");
        }
        // Capitals make a heading up to twelve words; more is a sentence shouted.
        let twelve = "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE";
        assert!(looks_like_heading(twelve));
        assert!(!looks_like_heading(&format!("{twelve} THIRTEEN")));
    }

    #[test]
    fn rows_become_recommendations_and_actions() {
        let p = plan(
            "Ref;Recommendation;Action proposed;Target date;Lead officer;RAG\n\
             1.1;Improve files;Audit files;Oct '03;KS / PN;Green\n\
             1.1;;Train staff;Dec '03;AJ;Amber\n\
             1.2;Improve leaflets;;Mar '04;ZM;\n",
        );
        assert_eq!(p.recommendations.len(), 2);
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[0].id, "1.1a");
        assert_eq!(p.actions[1].id, "1.1b");
        assert_eq!(p.actions[0].owners, ["KS", "PN"]);
        assert_eq!(p.actions[1].state.status, Some(Status::AtRisk));
        // Tracked without actions, it keeps its owner and timescale.
        assert_eq!(p.recommendations[1].owners, ["ZM"]);
        assert_eq!(p.recommendations[1].timescale, "Mar '04");
    }

    #[test]
    fn a_status_not_understood_is_kept_and_warned_not_refused() {
        let p = plan("Ref,Action,Status\n1,Do it,Green\n2,Do more,Purple\n");
        assert_eq!(p.actions.len(), 2);
        assert_eq!(p.actions[1].state.status, None);
        assert_eq!(p.actions[1].state.status_printed, "Purple");
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].place, "line 3");
    }

    #[test]
    fn title_rows_headings_and_repeated_headers() {
        let p = plan(
            "Children's Services Improvement Plan,,,\n\
             Updated March 2024,,,\n\
             Ref,Recommendation,Action,Lead\n\
             STANDARD 1 - REFERRALS,,,\n\
             1,Improve referrals,Audit,KS\n\
             Ref,Recommendation,Action,Lead\n\
             Standard 2 - Assessments,Standard 2 - Assessments,Standard 2 - Assessments,Standard 2 - Assessments\n\
             2,Improve assessments,Train,PN\n",
        );
        assert_eq!(
            p.title.as_deref(),
            Some("Children's Services Improvement Plan")
        );
        assert_eq!(p.header_place, "line 3");
        assert_eq!(p.repeated_headers, 1);
        assert_eq!(p.recommendations[0].heading, "STANDARD 1 - REFERRALS");
        assert_eq!(p.recommendations[1].heading, "Standard 2 - Assessments");
        assert_eq!(p.actions.len(), 2);
    }

    #[test]
    fn numbered_lines_in_one_cell_are_separate_actions() {
        let p = plan(
            "Ref,Action,Lead officer,Timescale\n\
             1,\"1. Audit files\n2. Train staff\n3. Report back\",\"KS\nPN\nAJ\",\"Oct 03\nDec 03\"\n",
        );
        assert_eq!(p.actions.len(), 3);
        assert_eq!(p.actions[1].text, "2. Train staff");
        assert_eq!(p.actions[1].owners, ["PN"]);
        assert_eq!(p.actions[1].timescale, "Oct 03\nDec 03");
        assert!(
            p.actions[1]
                .note
                .contains("the timescale cell has 2 lines for 3 actions"),
            "{}",
            p.actions[1].note
        );
    }

    #[test]
    fn the_same_recommendation_on_consecutive_rows_is_one() {
        let p = plan(
            "Recommendation,Action,Owner\n\
             Improve files,Audit,KS\n\
             Improve files,Train,PN\n\
             ,Report,AJ\n\
             Improve leaflets,Rewrite,ZM\n",
        );
        assert_eq!(p.recommendations.len(), 2);
        assert_eq!(p.actions.len(), 4);
        assert!(
            p.actions[..3]
                .iter()
                .all(|a| a.answers == [p.recommendations[0].id.clone()])
        );
    }

    #[test]
    fn every_cell_is_placed_or_kept_aside() {
        let p = plan(
            "Ref,Action,Budget,How will we know?,Progress Update Presented to Committee on 12 March 2024\n\
             1,Audit,£20k,Fewer complaints,Audit started\n",
        );
        assert_eq!(p.cells_kept_aside, 1);
        assert_eq!(p.cells_placed, 4);
        let a = &p.actions[0];
        assert_eq!(a.imported.len(), 2);
        assert_eq!(a.imported[0].column, "Budget");
        assert_eq!(a.imported[1].field, Some(Field::SuccessMeasure));
        assert_eq!(
            a.state.notes,
            ["Progress Update Presented to Committee on 12 March 2024: Audit started"]
        );
    }

    #[test]
    fn ids_from_printed_references() {
        assert_eq!(id_from("SR (25/26) 01"), "SR-25-26-01");
        assert_eq!(id_from("1.1"), "1.1");
        assert_eq!(id_from("a)"), "a");
        assert_eq!(numbered_pieces("Just one thing"), ["Just one thing"]);
        assert_eq!(numbered_pieces("a) one\nb) two"), ["a) one", "b) two"]);
        assert_eq!(numbered_pieces("i) one\nii) two\niii) three").len(), 3);
        assert_eq!(
            numbered_pieces("4.1 Keep a register\n4.2 Audit it"),
            ["4.1 Keep a register", "4.2 Audit it"]
        );
        assert_eq!(numbered_pieces("(1) one\n(2) two").len(), 2);
        assert_eq!(
            numbered_pieces("2024 was a year\n2025 too"),
            ["2024 was a year\n2025 too"]
        );
        assert_eq!(
            numbered_pieces("In the:\n• one\n• two"),
            ["In the:\n• one\n• two"]
        );
        assert_eq!(
            response_kind("Agreed - will do"),
            Some(ResponseKind::Accepted)
        );
        assert_eq!(response_kind("Not accepted"), Some(ResponseKind::Rejected));
    }
}
