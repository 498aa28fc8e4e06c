//! The document model every reader produces and the page interpreter reads.
//!
//! A page in any source format (plain-text capture, browser copy with TAB-separated rows,
//! Markdown with HTML tables, HTML) becomes the same tree: headings with levels, paragraphs,
//! lists whose items hold blocks, tables whose cells hold blocks, and code blocks. Every block
//! carries the 1-based line of the source where it starts, so the interpreter can say where a
//! page is not understood. Text is kept exactly as the page shows it (entities decoded, markup
//! dropped); nothing here knows what a "URI" or a "Parameter" column means.

/// A page, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The page's blocks in reading order. The page title, where the source marks or implies
    /// one, is a level-1 heading.
    pub blocks: Vec<Block>,
}

/// One block and the source line where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// 1-based line in the source file.
    pub line: usize,
    /// What it is.
    pub kind: BlockKind,
}

/// The kinds of block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; level 1 is the page title, sections are level 2 and below.
    Heading(Heading),
    /// A paragraph of text (one line of a plain-text capture).
    Paragraph(Text),
    /// A bulleted or numbered list.
    List(List),
    /// A table.
    Table(Table),
    /// A code block (example requests and responses), its text verbatim.
    Code(Code),
}

/// Text with the links and anchors it carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// The text as shown: markup removed, entities decoded, runs of whitespace inside a line
    /// kept as printed, no leading or trailing whitespace.
    pub text: String,
    /// Links inside the text, in order.
    pub links: Vec<Link>,
    /// Anchor names defined at this text (`<a name="...">`, an element's `id`), so that links
    /// elsewhere (`href="#name"`) can point at it.
    pub anchors: Vec<String>,
}

/// A link inside text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// Where it points, as written (`#li0419202382514`, `查询job的状态.md`, a URL).
    pub target: String,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for the title, 2 for sections, more for sub-sections.
    pub level: u8,
    /// Its text.
    pub text: Text,
}

/// A list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct List {
    /// Numbered (`1.`) rather than bulleted.
    pub ordered: bool,
    /// The items in order.
    pub items: Vec<ListItem>,
}

/// One list item: its blocks, typically a lead paragraph (the item's label, such as
/// `URI format`) followed by what it introduces (a path, a table, a nested list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListItem {
    /// Line of the bullet.
    pub line: usize,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A table: an optional caption, one header row and body rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The caption as printed, number included (`Table 1 URI parameters`), when the page has
    /// one.
    pub caption: Option<Text>,
    /// Anchor names of the table itself (for links that point at it).
    pub anchors: Vec<String>,
    /// The header row's cells as plain text (`Parameter`, `Mandatory`, ...). Empty for a
    /// table without a header row.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// Line where the row starts.
    pub line: usize,
    /// Its cells, left to right (spanning cells are repeated so that every row of a table has
    /// as many cells as the header, where the source says how far a cell spans).
    pub cells: Vec<Cell>,
}

/// A table cell: blocks, since a description cell may hold paragraphs, lists, notes and code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Line where the cell starts.
    pub line: usize,
    /// Its content; empty for an empty cell.
    pub blocks: Vec<Block>,
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The text verbatim, lines joined by `\n`, without a final newline.
    pub text: String,
}

impl Text {
    /// Text without links or anchors.
    pub fn plain(text: impl Into<String>) -> Self {
        Text {
            text: text.into(),
            links: Vec::new(),
            anchors: Vec::new(),
        }
    }
}

impl Block {
    /// A block at `line`.
    pub fn new(line: usize, kind: BlockKind) -> Self {
        Block { line, kind }
    }

    /// The block's text content, flattened: paragraphs and headings as their text, lists as
    /// one `• item` line per item, tables as one line per row with cells separated by ` | `,
    /// code verbatim.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.push_plain_text(&mut out);
        out
    }

    fn push_plain_text(&self, out: &mut String) {
        let start_line = |out: &mut String| {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        };
        match &self.kind {
            BlockKind::Heading(heading) => {
                start_line(out);
                out.push_str(&heading.text.text);
            }
            BlockKind::Paragraph(text) => {
                start_line(out);
                out.push_str(&text.text);
            }
            BlockKind::Code(code) => {
                start_line(out);
                out.push_str(&code.text);
            }
            BlockKind::List(list) => {
                for item in &list.items {
                    start_line(out);
                    out.push_str("• ");
                    let mut inner = String::new();
                    for block in &item.blocks {
                        block.push_plain_text(&mut inner);
                    }
                    out.push_str(&inner);
                }
            }
            BlockKind::Table(table) => {
                for row in &table.rows {
                    start_line(out);
                    let cells: Vec<String> = row.cells.iter().map(Cell::plain_text).collect();
                    out.push_str(&cells.join(" | "));
                }
            }
        }
    }
}

impl Cell {
    /// The cell's text, flattened as [`Block::plain_text`] does, blocks on separate lines.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            block.push_plain_text(&mut out);
        }
        out
    }

    /// A cell of one paragraph.
    pub fn paragraph(line: usize, text: impl Into<String>) -> Self {
        Cell {
            line,
            blocks: vec![Block::new(line, BlockKind::Paragraph(Text::plain(text)))],
        }
    }
}

impl Document {
    /// The same document with every line number set to 0: what two readers of the same page
    /// in different formats must agree on.
    pub fn without_lines(&self) -> Document {
        fn blocks(list: &[Block]) -> Vec<Block> {
            list.iter().map(block).collect()
        }
        fn block(block: &Block) -> Block {
            let kind = match &block.kind {
                BlockKind::List(list) => BlockKind::List(List {
                    ordered: list.ordered,
                    items: list
                        .items
                        .iter()
                        .map(|item| ListItem {
                            line: 0,
                            blocks: blocks(&item.blocks),
                        })
                        .collect(),
                }),
                BlockKind::Table(table) => BlockKind::Table(Table {
                    caption: table.caption.clone(),
                    anchors: table.anchors.clone(),
                    header: table.header.clone(),
                    rows: table
                        .rows
                        .iter()
                        .map(|row| Row {
                            line: 0,
                            cells: row
                                .cells
                                .iter()
                                .map(|cell| Cell {
                                    line: 0,
                                    blocks: blocks(&cell.blocks),
                                })
                                .collect(),
                        })
                        .collect(),
                }),
                other => other.clone(),
            };
            Block { line: 0, kind }
        }
        Document {
            blocks: blocks(&self.blocks),
        }
    }
}
