//! The parts of a section: text lines, "Status code: NNN" markers and parameter tables.
//!
//! A table is a header row (`Parameter`, optionally `Mandatory`, `Type`, `Description`),
//! optionally preceded by a caption (`Table 3 Request body parameters`), then its cells one per
//! line. A description cell may run over several lines (paragraphs, bullets), so a row ends
//! where the next row visibly starts: a name followed by `Yes`/`No` and a type, or, in a table
//! without a Mandatory column, a name followed by a type.

use super::page::Line;
use super::types::parse_type;

/// One row of a parameter table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The Parameter cell.
    pub name: Line,
    /// The Mandatory cell, when the table has one.
    pub required: Option<bool>,
    /// The Type cell.
    pub ty: Line,
    /// The Description cell's lines.
    pub description: Vec<Line>,
}

/// A parameter table.
#[derive(Debug, Clone)]
pub struct Table {
    /// The caption without its `Table N` prefix (`Request body parameters`, `JobBean`).
    pub caption: Option<String>,
    /// The line of the caption, or of the header when there is none.
    pub line: usize,
    /// Rows in page order.
    pub rows: Vec<Row>,
}

/// A part of a section.
#[derive(Debug, Clone)]
pub enum Block {
    /// A line outside any table.
    Text(Line),
    /// `Status code: NNN`.
    Status(u16, Line),
    /// A parameter table.
    Table(Table),
    /// A table whose rows could not be read: the line and why.
    Broken(usize, String),
}

/// The caption text of a `Table N Caption` line.
pub fn caption(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("Table ")?;
    let (number, caption) = rest.split_once(' ')?;
    number
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(caption.trim())
}

/// The code of a `Status code: NNN` line.
pub fn status_line(text: &str) -> Option<u16> {
    let rest = text
        .strip_prefix("Status code:")
        .or_else(|| text.strip_prefix("Status Code:"))?;
    rest.trim().parse().ok()
}

/// How many header cells start at `index`, and whether they include Mandatory.
fn header_at(lines: &[Line], index: usize) -> Option<(usize, bool)> {
    let cell = |offset: usize| lines.get(index + offset).map(|l| l.text.as_str());
    match (cell(0), cell(1), cell(2), cell(3)) {
        (Some("Parameter"), Some("Mandatory"), Some("Type"), Some("Description")) => {
            Some((4, true))
        }
        (Some("Parameter"), Some("Type"), Some("Description"), _) => Some((3, false)),
        _ => None,
    }
}

fn is_yes_no(text: &str) -> Option<bool> {
    match text {
        "Yes" | "yes" | "YES" | "Mandatory" => Some(true),
        "No" | "no" | "NO" | "Optional" => Some(false),
        _ => None,
    }
}

/// A Parameter cell: a single token (wire names have no spaces), or `-` for a body row.
fn plausible_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && !text.contains(char::is_whitespace)
        && !text.starts_with('•')
}

fn row_starts_at(lines: &[Line], index: usize, mandatory: bool) -> bool {
    let text = |offset: usize| lines.get(index + offset).map(|l| l.text.as_str());
    let Some(name) = text(0) else { return false };
    if !plausible_name(name) {
        return false;
    }
    if mandatory {
        // Name and Yes/No start a row; a type that does not parse is reported for that row.
        text(1).and_then(is_yes_no).is_some()
    } else {
        text(1).and_then(|t| parse_type(t).ok()).is_some()
    }
}

/// Splits section content into text, status markers and tables.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if let Some(code) = status_line(&line.text) {
            out.push(Block::Status(code, line.clone()));
            i += 1;
            continue;
        }
        let captioned = caption(&line.text).filter(|_| header_at(lines, i + 1).is_some());
        let header_index = if captioned.is_some() { i + 1 } else { i };
        let Some((header_cells, mandatory)) = header_at(lines, header_index) else {
            out.push(Block::Text(line.clone()));
            i += 1;
            continue;
        };
        let start = header_index + header_cells;
        // The table runs until the next caption, header, status marker or the section's end.
        let mut end = start;
        while end < lines.len()
            && caption(&lines[end].text).is_none()
            && header_at(lines, end).is_none()
            && status_line(&lines[end].text).is_none()
        {
            end += 1;
        }
        match rows(&lines[start..end], mandatory) {
            Ok(rows) => out.push(Block::Table(Table {
                caption: captioned.map(str::to_owned),
                line: line.number,
                rows,
            })),
            Err((line, message)) => out.push(Block::Broken(line, message)),
        }
        i = end;
    }
    out
}

fn rows(lines: &[Line], mandatory: bool) -> Result<Vec<Row>, (usize, String)> {
    let mut rows = Vec::new();
    let mut i = 0;
    let cells = if mandatory { 3 } else { 2 };
    while i < lines.len() {
        if !row_starts_at(lines, i, mandatory) {
            let line = &lines[i];
            let expected = if mandatory {
                "a parameter name, Yes/No and a type"
            } else {
                "a parameter name and a type"
            };
            return Err((
                line.number,
                format!("expected a table row ({expected}), found {:?}", line.text),
            ));
        }
        let name = lines[i].clone();
        if lines.len() < i + cells {
            let last = &lines[lines.len() - 1];
            return Err((
                last.number,
                format!("the row of `{}` ends before its type", name.text),
            ));
        }
        let required = if mandatory {
            is_yes_no(&lines[i + 1].text)
        } else {
            None
        };
        let ty = lines[i + cells - 1].clone();
        let mut next = i + cells;
        while next < lines.len() && !row_starts_at(lines, next, mandatory) {
            next += 1;
        }
        rows.push(Row {
            name,
            required,
            ty,
            description: lines[i + cells..next].to_vec(),
        });
        i = next;
    }
    Ok(rows)
}
