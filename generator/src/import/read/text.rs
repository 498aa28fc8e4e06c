//! Plain-text captures of rendered pages → [`Document`].
//!
//! Two capture styles exist. In both, the title and every paragraph, heading, example line and
//! JSON block is its own line (blocks separated by blank lines) and bullets are `•` lines whose
//! content is indented below them. They differ in tables:
//! - the *cell* capture (a crawler's or a "copy all" rendering) puts every table cell on a line
//!   of its own, header cells first, with nothing marking where a row ends;
//! - the *browser copy* (`tab_rows`) puts each table row on one line, cells separated by TABs.
//!
//! A capture carries no markup, so this reader has to recognise structure from the words pages
//! use (the vocabularies): a section heading is a line that is a known heading, a table starts
//! at a run of known column headers (optionally after a `Table N ...` caption), and a cell
//! capture's row starts where the next cells fit the columns (a name, `Yes`/`No`, a type).
//! Only a table's prose columns (Description) may span several lines; a table ends where its
//! structure ends: a caption, another header, a status line, a heading, a bullet or text to the
//! left of the table. The first paragraph of a cell always belongs to the cell, so a description
//! that reads like a heading ("Error Codes") never ends its table.

use super::ReadError;
use super::document::{
    Block, BlockKind, Cell, Code, Document, Heading, List, ListItem, Row, Table, Text,
};
use crate::import::types::parse_type;
use crate::import::vocabulary::{self, Vocabularies};

/// One non-empty line of the capture.
#[derive(Debug, Clone)]
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// Leading spaces (a TAB counts as four).
    indent: usize,
    /// The text without surrounding whitespace.
    text: &'a str,
    /// The line without trailing whitespace, indentation kept (for code).
    raw: &'a str,
}

/// What a table column holds, as far as telling rows apart needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Required,
    Type,
    Location,
    Status,
    Method,
    /// Prose that may run over several lines.
    Prose,
    /// Any other single-line value (a URI, an error code).
    Value,
}

/// Lines from which on the rest of a capture is the site's footer.
fn is_footer(text: &str) -> bool {
    text.starts_with("We use cookies") || text == "Feedback" || text == "Selected Content"
}

/// Reads a capture; `tab_rows` for a browser copy whose table rows are TAB-separated lines.
pub fn read(
    text: &str,
    vocabularies: &Vocabularies,
    tab_rows: bool,
) -> Result<Document, ReadError> {
    let mut lines = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.trim_end();
        let trimmed = raw.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if is_footer(trimmed) {
            break;
        }
        let indent = raw[..raw.len() - trimmed.len()]
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        lines.push(Line {
            number: index + 1,
            indent,
            text: trimmed.trim_start_matches('\u{feff}'),
            raw,
        });
    }
    let reader = Reader {
        vocabularies,
        tab_rows,
        rank: std::cell::Cell::new(0),
    };
    let Some(title_index) = reader.title_index(&lines) else {
        return Ok(Document::default());
    };
    let title = &lines[title_index];
    let mut blocks = vec![Block::new(
        title.number,
        BlockKind::Heading(Heading {
            level: 1,
            text: Text::plain(title.text),
        }),
    )];
    let rest = &lines[title_index + 1..];
    let mut position = 0;
    blocks.extend(reader.blocks(rest, &mut position, 0, true));
    Ok(Document { blocks })
}

struct Reader<'v> {
    vocabularies: &'v Vocabularies,
    tab_rows: bool,
    /// The rank of the last section heading read (see [`section_rank`]).
    rank: std::cell::Cell<u8>,
}

/// Where a section stands in the order pages follow. A heading word inside a table cell that
/// names a section earlier than the one the table is in ("Constraints" in a Definition /
/// Constraints / Range description) is text, not the next section.
fn section_rank(key: &str) -> u8 {
    match key {
        "function" => 0,
        "constraints" => 1,
        "uri" => 2,
        "request" => 3,
        "response" => 4,
        "examples" | "example_requests" => 5,
        "example_responses" => 6,
        "status_codes" => 7,
        "error_codes" => 8,
        _ => 0,
    }
}

impl Reader<'_> {
    /// The title: the last line before the first function heading that is not a note; lines
    /// before it are the site's navigation. Without a function heading, the first line.
    fn title_index(&self, lines: &[Line]) -> Option<usize> {
        let function = lines.iter().enumerate().position(|(index, line)| {
            self.vocabularies
                .is(vocabulary::sections, "function", line.text)
                && line.indent == 0
                && self.header_run(lines, index) < 2
        });
        match function {
            Some(0) | None => (!lines.is_empty()).then_some(0),
            Some(function) => (0..function)
                .rev()
                .find(|&index| !self.is_note(lines[index].text))
                .or(Some(0)),
        }
    }

    fn is_note(&self, text: &str) -> bool {
        self.vocabularies
            .phrases(vocabulary::notes, "prefix")
            .iter()
            .any(|prefix| text.starts_with(prefix))
    }

    /// The blocks from `*position` on, while lines are indented at least `floor`.
    fn blocks(&self, lines: &[Line], position: &mut usize, floor: usize, top: bool) -> Vec<Block> {
        let mut out = Vec::new();
        while let Some(line) = lines.get(*position) {
            if line.indent < floor {
                break;
            }
            if self.tab_rows && tab_cells(line.text).len() >= 2 {
                out.push(self.tab_table(lines, position, None));
                continue;
            }
            if let Some(caption) = self.caption(line.text) {
                let header_at = *position + 1;
                if self.tab_rows
                    && lines
                        .get(header_at)
                        .is_some_and(|l| tab_cells(l.text).len() >= 2)
                {
                    *position += 1;
                    out.push(self.tab_table(lines, position, Some((line, caption))));
                    continue;
                }
                if self.header_run(lines, header_at) >= 2 {
                    *position += 1;
                    out.push(self.cell_table(lines, position, Some(line)));
                    continue;
                }
            }
            if self.header_run(lines, *position) >= 2 {
                out.push(self.cell_table(lines, position, None));
                continue;
            }
            if top
                && line.indent == 0
                && let Some(key) = self.vocabularies.phrase(vocabulary::sections, line.text)
            {
                if key != "other" {
                    self.rank.set(section_rank(key));
                }
                out.push(Block::new(
                    line.number,
                    BlockKind::Heading(Heading {
                        level: 2,
                        text: Text::plain(line.text),
                    }),
                ));
                *position += 1;
                continue;
            }
            if line.text.starts_with('•') {
                out.push(self.list(lines, position));
                continue;
            }
            if let Some(code) = code_block(lines, *position) {
                out.push(Block::new(
                    line.number,
                    BlockKind::Code(Code { text: code.0 }),
                ));
                *position = code.1;
                continue;
            }
            out.push(paragraph(line));
            *position += 1;
        }
        out
    }

    /// A bulleted list: consecutive `•` lines at one indentation, each with the lines indented
    /// below it.
    fn list(&self, lines: &[Line], position: &mut usize) -> Block {
        let first = &lines[*position];
        let indent = first.indent;
        let mut list = List::default();
        while let Some(line) = lines.get(*position) {
            if line.indent != indent || !line.text.starts_with('•') {
                break;
            }
            let lead = line.text.trim_start_matches('•').trim();
            let mut blocks = Vec::new();
            if !lead.is_empty() {
                blocks.push(Block::new(
                    line.number,
                    BlockKind::Paragraph(Text::plain(lead)),
                ));
            }
            *position += 1;
            blocks.extend(self.blocks(lines, position, indent + 1, false));
            list.items.push(ListItem {
                line: line.number,
                blocks,
            });
        }
        Block::new(first.number, BlockKind::List(list))
    }

    /// The caption text of a `Table N ...` line.
    fn caption(&self, text: &str) -> Option<String> {
        let captures = self
            .vocabularies
            .template(vocabulary::captions, "number_prefix", text)?;
        let number = captures.get("n")?;
        number
            .chars()
            .all(|c| c.is_ascii_digit())
            .then(|| text.to_owned())
    }

    fn column(&self, header: &str) -> Option<(&str, Column)> {
        let key = self.vocabularies.phrase(vocabulary::columns, header)?;
        let column = match key {
            "name" => Column::Name,
            "required" => Column::Required,
            "type" => Column::Type,
            "location" => Column::Location,
            "status" => Column::Status,
            "method" => Column::Method,
            "description" | "handling" | "error_message" | "example" => Column::Prose,
            _ => Column::Value,
        };
        Some((key, column))
    }

    /// How many lines from `start` on form a table header: distinct column headers at one
    /// indentation, followed by a first row whose cells fit those columns. The longest such
    /// run wins, so a row whose name happens to be a header word (`code`) is not taken into
    /// the header.
    fn header_run(&self, lines: &[Line], start: usize) -> usize {
        let Some(first) = lines.get(start) else {
            return 0;
        };
        let mut keys: Vec<&str> = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        for line in &lines[start..] {
            if line.indent != first.indent {
                break;
            }
            match self.column(line.text) {
                Some((key, column)) if !keys.contains(&key) => {
                    keys.push(key);
                    columns.push(column);
                }
                _ => break,
            }
        }
        (2..=columns.len())
            .rev()
            .find(|&count| {
                self.row_starts_at(lines, start + count, &columns[..count], first.indent)
            })
            .unwrap_or(0)
    }

    fn plausible(&self, column: Column, text: &str) -> bool {
        match column {
            Column::Name => {
                !text.is_empty()
                    && text.chars().count() <= 128
                    && !text.contains(char::is_whitespace)
                    && !text.starts_with('•')
            }
            Column::Required => {
                self.vocabularies.is(vocabulary::values, "yes", text)
                    || self.vocabularies.is(vocabulary::values, "no", text)
            }
            Column::Type => looks_like_type(text),
            Column::Location => ["path", "query", "header", "body"]
                .iter()
                .any(|key| self.vocabularies.is(vocabulary::values, key, text)),
            Column::Status => status_prefix(text).is_some(),
            Column::Method => is_method(text),
            Column::Prose | Column::Value => !text.is_empty(),
        }
    }

    fn row_starts_at(&self, lines: &[Line], at: usize, columns: &[Column], indent: usize) -> bool {
        // The cells before the last one are one line each, all at the table's indentation.
        // With a Mandatory column, name and Yes/No are enough to start a row, so that a type
        // the importer does not know starts its row (and is reported) instead of vanishing
        // into the previous description.
        let has_required = columns.contains(&Column::Required);
        let fixed = columns.len().saturating_sub(1).max(1);
        (0..fixed).all(|offset| {
            lines.get(at + offset).is_some_and(|line| {
                line.indent == indent
                    && (self.plausible(columns[offset], line.text)
                        || has_required
                            && columns[offset] == Column::Type
                            && self.could_be_unknown_type(line.text))
            })
        })
    }

    /// Whether `text` labels a part of a description cell (`Definition`, `Constraints`,
    /// `Range`, `Default Value`): such a word names a section too, but inside a cell of a
    /// later section it is the cell's text.
    fn is_cell_label(&self, text: &str) -> bool {
        ["definition", "constraints", "range_label", "default_label"]
            .iter()
            .any(|key| self.vocabularies.is(vocabulary::prose, key, text))
    }

    /// A short word that is not a heading or a header: what an unknown type looks like.
    fn could_be_unknown_type(&self, text: &str) -> bool {
        text.split_whitespace().count() <= 4
            && !text.ends_with(['.', '。'])
            && self
                .vocabularies
                .phrase(vocabulary::sections, text)
                .is_none()
            && self
                .vocabularies
                .phrase(vocabulary::columns, text)
                .is_none()
    }

    /// Whether a row begins at `at` with its name and Mandatory cells but breaks off before its
    /// other cells: the table ends there, so the broken row is reported, not folded into the
    /// previous description.
    fn broken_row_at(&self, lines: &[Line], at: usize, columns: &[Column]) -> bool {
        columns.len() > 2
            && columns[..2] == [Column::Name, Column::Required]
            && self.plausible(Column::Name, lines[at].text)
            && lines
                .get(at + 1)
                .is_some_and(|l| self.plausible(Column::Required, l.text))
    }

    /// A cell-per-line table whose header starts at `*position`.
    fn cell_table(&self, lines: &[Line], position: &mut usize, caption: Option<&Line>) -> Block {
        let header_line = &lines[*position];
        let indent = header_line.indent;
        let count = self.header_run(lines, *position).max(1);
        let header: Vec<String> = lines[*position..*position + count]
            .iter()
            .map(|l| l.text.to_owned())
            .collect();
        let columns: Vec<Column> = header
            .iter()
            .map(|h| self.column(h).map_or(Column::Value, |(_, c)| c))
            .collect();
        *position += count;
        let mut table = Table {
            caption: caption.map(|c| Text::plain(c.text)),
            header,
            ..Table::default()
        };
        let last_is_prose = columns.last() == Some(&Column::Prose);
        while *position < lines.len() && self.row_starts_at(lines, *position, &columns, indent) {
            let start = *position;
            let mut cells: Vec<Cell> = lines[start..start + columns.len() - 1]
                .iter()
                .map(|l| Cell::paragraph(l.number, l.text))
                .collect();
            *position += columns.len() - 1;
            // The last cell: its first line always, then more lines while they are not the start
            // of what follows the cell.
            let Some(first) = lines.get(*position) else {
                cells.push(Cell::default());
                table.rows.push(Row {
                    line: lines[start].number,
                    cells,
                });
                break;
            };
            let mut end = *position + 1;
            if last_is_prose {
                while let Some(line) = lines.get(end) {
                    if line.indent < indent
                        || self.row_starts_at(lines, end, &columns, indent)
                        || self.broken_row_at(lines, end, &columns)
                        || self.ends_table(lines, end)
                    {
                        break;
                    }
                    end += 1;
                }
            }
            let mut inner = 0;
            let cell_lines = &lines[*position..end];
            let blocks = self.blocks(cell_lines, &mut inner, 0, false);
            cells.push(Cell {
                line: first.number,
                blocks,
            });
            *position = end;
            table.rows.push(Row {
                line: lines[start].number,
                cells,
            });
        }
        let line = caption.map_or(header_line.number, |c| c.number);
        Block::new(line, BlockKind::Table(table))
    }

    /// Whether the line at `at` starts something that cannot be inside a cell: a caption,
    /// another table's header, a status line, a section heading at the left margin.
    fn ends_table(&self, lines: &[Line], at: usize) -> bool {
        let line = &lines[at];
        self.caption(line.text).is_some()
            || self.header_run(lines, at) >= 2
            || self
                .vocabularies
                .template(vocabulary::statuses, "marker", line.text)
                .is_some()
            || (line.indent == 0
                && self
                    .vocabularies
                    .phrase(vocabulary::sections, line.text)
                    .is_some_and(|key| {
                        key == "other"
                            || section_rank(key) >= self.rank.get()
                            || !self.is_cell_label(line.text)
                    }))
            || (self.tab_rows && tab_cells(line.text).len() >= 2)
    }

    /// A browser-copy table: TAB-separated rows on consecutive lines, header first. A line
    /// without TABs right after a row continues its last cell.
    fn tab_table(
        &self,
        lines: &[Line],
        position: &mut usize,
        caption: Option<(&Line, String)>,
    ) -> Block {
        let header_line = &lines[*position];
        let header: Vec<String> = tab_cells(header_line.text)
            .into_iter()
            .map(str::to_owned)
            .collect();
        *position += 1;
        let mut table = Table {
            caption: caption.as_ref().map(|(_, text)| Text::plain(text.clone())),
            header,
            ..Table::default()
        };
        let mut previous = header_line.number;
        while let Some(line) = lines.get(*position) {
            let cells = tab_cells(line.text);
            if cells.len() >= 2 {
                let mut row = Row {
                    line: line.number,
                    cells: cells
                        .iter()
                        .map(|text| {
                            if text.is_empty() {
                                Cell {
                                    line: line.number,
                                    blocks: Vec::new(),
                                }
                            } else {
                                Cell::paragraph(line.number, *text)
                            }
                        })
                        .collect(),
                };
                while row.cells.len() < table.header.len() {
                    row.cells.push(Cell {
                        line: line.number,
                        blocks: Vec::new(),
                    });
                }
                table.rows.push(row);
            } else if line.number == previous + 1
                && !self.ends_table(lines, *position)
                && let Some(cell) = table.rows.last_mut().and_then(|r| r.cells.last_mut())
            {
                cell.blocks.push(paragraph(line));
            } else {
                break;
            }
            previous = line.number;
            *position += 1;
        }
        let line = caption.map_or(header_line.number, |(c, _)| c.number);
        Block::new(line, BlockKind::Table(table))
    }
}

fn paragraph(line: &Line) -> Block {
    Block::new(line.number, BlockKind::Paragraph(Text::plain(line.text)))
}

fn tab_cells(text: &str) -> Vec<&str> {
    if !text.contains('\t') {
        return Vec::new();
    }
    text.split('\t').map(str::trim).collect()
}

fn is_method(text: &str) -> bool {
    matches!(
        text,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    )
}

/// The status code a cell starts with (`204`, `400 Bad Request`).
fn status_prefix(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    let code: u16 = digits.parse().ok()?;
    ((100..=599).contains(&code) && (rest.is_empty() || rest.starts_with(' '))).then_some(code)
}

/// A Type cell: a type the importer knows, or one shaped like a type (`X object`,
/// `Array of X`, `List<X>`), so that an unknown type still starts its row and is reported
/// by the interpreter rather than swallowed into the previous description.
fn looks_like_type(text: &str) -> bool {
    if parse_type(text).is_ok() {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    let word_count = text.split_whitespace().count();
    word_count <= 5
        && (lower.starts_with("array")
            || lower.starts_with("list<")
            || lower.starts_with("map<")
            || lower.starts_with("set<")
            || lower.ends_with(" object")
            || lower.ends_with(" objects")
            || lower.ends_with("[]"))
}

/// A JSON block starting at `start` (the raw lines with their common indentation removed)
/// and the index after it: several lines whose brackets balance, or one line that is JSON.
fn code_block(lines: &[Line], start: usize) -> Option<(String, usize)> {
    let first = &lines[start];
    if !first.text.starts_with(['{', '[']) {
        return None;
    }
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut end = start;
    while let Some(line) = lines.get(end) {
        for c in line.text.chars() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_string = false,
                (false, _, '"') => in_string = true,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
        }
        end += 1;
        if depth <= 0 {
            break;
        }
    }
    let block = &lines[start..end];
    if block.len() == 1 && serde_json::from_str::<serde_json::Value>(first.text).is_err() {
        return None;
    }
    let common = block.iter().map(|l| l.indent).min().unwrap_or(0);
    let text = block
        .iter()
        .map(|l| strip_indent(l.raw, common))
        .collect::<Vec<_>>()
        .join("\n");
    Some((text, end))
}

/// `raw` without its first `count` columns of indentation.
fn strip_indent(raw: &str, count: usize) -> &str {
    let mut columns = 0;
    for (at, c) in raw.char_indices() {
        if columns >= count || !c.is_whitespace() {
            return &raw[at..];
        }
        columns += if c == '\t' { 4 } else { 1 };
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Document {
        read(text, Vocabularies::builtin(), false).unwrap()
    }

    fn kinds(document: &Document) -> Vec<String> {
        document
            .blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Heading(h) => format!("h{} {}", h.level, h.text.text),
                BlockKind::Paragraph(t) => format!("p {}", t.text),
                BlockKind::List(l) => format!("list {}", l.items.len()),
                BlockKind::Table(t) => format!("table {} rows", t.rows.len()),
                BlockKind::Code(_) => "code".into(),
            })
            .collect()
    }

    #[test]
    fn navigation_is_dropped_and_headings_found() {
        let document = read_text(
            "Compute\nStorage\n\nDeleting a Thing\n\nFunction\n\nDeletes.\n\nURI\n\nDELETE /v1/x\n\nWe use cookies\n\nFooter",
        );
        assert_eq!(
            kinds(&document),
            [
                "h1 Deleting a Thing",
                "h2 Function",
                "p Deletes.",
                "h2 URI",
                "p DELETE /v1/x"
            ]
        );
    }

    #[test]
    fn a_note_before_function_is_not_the_title() {
        let document =
            read_text("Deleting a Thing\n\n[Not supported after 1.8.0.]\n\nFunction\n\nDeletes.\n");
        assert_eq!(kinds(&document)[0], "h1 Deleting a Thing");
        assert_eq!(kinds(&document)[1], "p [Not supported after 1.8.0.]");
    }

    #[test]
    fn cell_tables_end_where_their_structure_ends() {
        let document = read_text(
            "T\n\nFunction\n\nx\n\nResponse Parameters\n\nStatus code: 400\n\nTable 3 Response body parameters\n\nParameter\n\nType\n\nDescription\n\nerror_code\n\nString\n\nError Codes\n\nerror_msg\n\nString\n\nDescription\n\nmore text\n\nStatus code: 401\n\nStatus Codes\n\nStatus Code\n\nDescription\n\n200\n\nOK\n\nError Codes\n\nSee Error Codes.\n",
        );
        let k = kinds(&document);
        assert_eq!(
            k,
            [
                "h1 T",
                "h2 Function",
                "p x",
                "h2 Response Parameters",
                "p Status code: 400",
                "table 2 rows",
                "p Status code: 401",
                "h2 Status Codes",
                "table 1 rows",
                "h2 Error Codes",
                "p See Error Codes."
            ]
        );
        let BlockKind::Table(table) = &document.blocks[5].kind else {
            panic!()
        };
        assert_eq!(
            table.caption.as_ref().unwrap().text,
            "Table 3 Response body parameters"
        );
        assert_eq!(table.header, ["Parameter", "Type", "Description"]);
        assert_eq!(table.rows[0].cells[2].plain_text(), "Error Codes");
        assert_eq!(
            table.rows[1].cells[2].plain_text(),
            "Description\nmore text"
        );
        assert_eq!(table.rows[1].line, 25);
    }

    #[test]
    fn bullets_hold_their_indented_content() {
        let document = read_text(
            "T\n\nFunction\n\nx\n\nURI\n\n  • URI format\n\n    DELETE /v1/{id}\n\n  • Parameter description\n    Table 1 Parameter description\n\n    Parameter\n\n    Mandatory\n\n    Description\n\n    id\n\n    Yes\n\n    The ID.\n\n    • a bullet in the cell\n\nRequest\n\n  • Example request\n    {\n      \"a\": 1\n    }\n",
        );
        let BlockKind::List(list) = &document.blocks[4].kind else {
            panic!("{:?}", kinds(&document))
        };
        assert_eq!(list.items.len(), 2);
        let BlockKind::Table(table) = &list.items[1].blocks[1].kind else {
            panic!()
        };
        assert_eq!(table.rows.len(), 1);
        assert_eq!(
            table.rows[0].cells[2].plain_text(),
            "The ID.\n• a bullet in the cell"
        );
        let BlockKind::List(example) = &document.blocks[6].kind else {
            panic!()
        };
        let BlockKind::Code(code) = &example.items[0].blocks[1].kind else {
            panic!()
        };
        assert_eq!(code.text, "{\n  \"a\": 1\n}");
    }

    #[test]
    fn tab_rows_are_tables() {
        let document = read(
            "T\n\nFunction\n\nx\n\nURI\n\nDELETE /v1/{id}\n\nParameter\tMandatory\tType\tDescription\nid\tYes\tString\tThe ID.\nname\tNo\tString\n\nStatus code: 204\n",
            Vocabularies::builtin(),
            true,
        )
        .unwrap();
        let BlockKind::Table(table) = &document.blocks[5].kind else {
            panic!()
        };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].cells.len(), 4);
        assert!(table.rows[1].cells[3].blocks.is_empty());
    }

    #[test]
    fn hostile_text_never_panics() {
        for text in [
            "",
            "\n\n",
            "•",
            "Function",
            "Parameter\nType",
            "T\n\nFunction\n\nParameter\n\nType\n\nDescription",
            "T\nFunction\n{\n[\n",
            "\u{feff}T\n\u{2028}\n\tFunction\u{2029}",
        ] {
            let _ = read(text, Vocabularies::builtin(), false);
            let _ = read(text, Vocabularies::builtin(), true);
        }
    }
}
