//! Markdown with embedded HTML tables → [`Document`].
//!
//! Huawei publishes its documentation sources as Markdown whose tables (and some notes and
//! lists inside them) are HTML: a heading per section, lists whose items hold a caption
//! (`参数说明`) and then a `<table>`, anchors as `<a name="..."></a>`. The Markdown structure is
//! pulldown-cmark's (events with byte offsets, hence lines); everything HTML, whether a block
//! or inline, is parsed by html5ever and read the way the HTML reader reads a page
//! (`html_blocks`), so both readers agree on what a table is.
//!
//! - Inline content (a paragraph, heading, tight list item's text, pipe-table cell) is
//!   collected as pieces; without inline HTML it becomes text directly, with some it is
//!   written out as an HTML fragment (text escaped, the HTML as is) and read as HTML, so that
//!   `<a name="li1"></a>error参数说明` gives the text `error参数说明` anchored at `li1`.
//! - An HTML block is read as an HTML fragment starting at its line. CommonMark ends an HTML
//!   block at a blank line; a table whose HTML has one is joined with the HTML blocks that
//!   follow until it closes.
//! - Anchors standing alone (a paragraph that is only `<a name="table1"></a>`, as Huawei puts
//!   before each table) go to the next block of the same container that takes anchors.
//! - Lists nested deeper than `MAX_DEPTH` read as paragraphs, keeping the document shallow
//!   for hostile input; the walk over events is a loop with an explicit stack throughout.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::document::{Block, BlockKind, Cell, Code, Heading, List, ListItem, Row, Table};
use super::html_blocks::{self, MAX_DEPTH, Parsed, Run};
use super::{Document, ReadError};

/// Reads a Markdown source. Never fails: any text is some Markdown, and an empty source is an
/// empty document.
pub fn read(text: &str) -> Result<Document, ReadError> {
    // A byte-order mark is not content, and would keep a first `# title` from being a heading.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    // Pipe tables are not in Huawei's sources but are ordinary Markdown; read them too.
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
    let mut builder = Builder::new();
    for (event, range) in parser {
        builder.event(event, lines.line(range.start));
    }
    Ok(builder.finish())
}

/// Byte offset → 1-based line. Lines end as CommonMark (and HTML) say: at `\n`, `\r\n` or a
/// lone `\r`.
struct LineIndex {
    /// Offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let ends = bytes
            .iter()
            .enumerate()
            .filter(|&(at, &b)| b == b'\n' || (b == b'\r' && bytes.get(at + 1) != Some(&b'\n')));
        let starts = std::iter::once(0)
            .chain(ends.map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }
}

/// A container being built, innermost last.
enum Frame {
    /// Blocks: the page or a list item.
    Flow(Flow),
    List(ListFrame),
    /// A pipe table.
    Table(TableFrame),
    /// A pipe table's row (or its header row).
    Row(RowFrame),
}

struct Flow {
    /// Line of the list item's bullet (unused for the page).
    line: usize,
    blocks: Vec<Block>,
    /// Anchors waiting for the next block that takes anchors.
    pending: Vec<String>,
}

struct ListFrame {
    line: usize,
    ordered: bool,
    items: Vec<ListItem>,
    /// Anchors that stood before the list, for its first item.
    pending: Vec<String>,
}

struct TableFrame {
    line: usize,
    anchors: Vec<String>,
    header: Vec<String>,
    rows: Vec<Row>,
}

struct RowFrame {
    line: usize,
    /// The header row.
    head: bool,
    cells: Vec<Cell>,
}

/// Inline content being collected.
struct Inline {
    kind: InlineKind,
    line: usize,
    pieces: Vec<(usize, Piece)>,
    /// Whether a piece needs reading as HTML (inline HTML, a hard line break).
    has_html: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Paragraph,
    /// A tight list item's text, which has no paragraph of its own in the events.
    Implicit,
    Heading(u8),
    /// A pipe-table cell.
    Cell,
}

/// A piece of inline content, with the line where it starts.
enum Piece {
    Text(String),
    Code(String),
    LinkStart(String),
    LinkEnd,
    Html(String),
    SoftBreak,
    HardBreak,
}

/// An HTML block being collected (possibly several, joined while a table is open).
struct HtmlBlock {
    line: usize,
    source: String,
    /// Lines `source` spans so far.
    lines: usize,
    /// How much of `source` has been tokenized to count the tables it leaves open.
    counted: usize,
    open_tables: usize,
    /// The block has ended, but leaves a table open: a following HTML block continues it.
    ended_open: bool,
}

struct CodeBlock {
    line: usize,
    text: String,
}

struct Builder {
    frames: Vec<Frame>,
    inline: Option<Inline>,
    code: Option<CodeBlock>,
    html: Option<HtmlBlock>,
    /// Images being read: their alt text is not shown on the page.
    images: usize,
    /// Lists nested beyond `MAX_DEPTH`, read as paragraphs.
    suppressed_lists: usize,
    /// Lists and tables open.
    depth: usize,
    /// Containers (list items, lists, quotes) that closed while a table was still open: a
    /// table whose later rows lost the item's indentation ends its item in CommonMark's eyes,
    /// but the rows belong to the table inside it, so the closing waits until the table does.
    deferred_ends: Vec<(TagEnd, usize)>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            frames: vec![Frame::Flow(Flow {
                line: 1,
                blocks: Vec::new(),
                pending: Vec::new(),
            })],
            inline: None,
            code: None,
            html: None,
            images: 0,
            suppressed_lists: 0,
            depth: 0,
            deferred_ends: Vec::new(),
        }
    }

    fn finish(mut self) -> Document {
        self.end_inline();
        self.end_html();
        self.replay_deferred_ends();
        // Close whatever the events left open (they never do, but the stack must empty).
        while self.frames.len() > 1 {
            self.close_frame();
        }
        match self.frames.pop() {
            Some(Frame::Flow(flow)) => Document {
                blocks: flow.blocks,
            },
            _ => Document::default(),
        }
    }

    fn event(&mut self, event: Event<'_>, line: usize) {
        // A table cut by a blank line or a dedent continues in the next HTML block, and only
        // there; the containers that closed in between close after it.
        if self.html.as_ref().is_some_and(|h| h.ended_open) {
            match event {
                Event::Start(Tag::HtmlBlock) => {}
                Event::End(end @ (TagEnd::Item | TagEnd::List(_) | TagEnd::BlockQuote(_))) => {
                    self.deferred_ends.push((end, line));
                    return;
                }
                _ => {
                    self.end_html();
                    self.replay_deferred_ends();
                }
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(tag) => self.end(tag, line),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    code.text.push_str(&text);
                } else if self.images == 0 {
                    self.piece(line, Piece::Text(text.into_string()));
                }
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                if self.images == 0 {
                    self.piece(line, Piece::Code(text.into_string()));
                }
            }
            Event::Html(html) => match &mut self.html {
                Some(block) => block.push(&html, line),
                None => self.piece(line, Piece::Html(html.into_string())),
            },
            Event::InlineHtml(html) => self.piece(line, Piece::Html(html.into_string())),
            Event::SoftBreak => self.piece(line, Piece::SoftBreak),
            Event::HardBreak => self.piece(line, Piece::HardBreak),
            Event::FootnoteReference(label) => {
                self.piece(line, Piece::Text(format!("[{label}]")));
            }
            Event::TaskListMarker(done) => {
                let mark = if done { "[x] " } else { "[ ] " };
                self.piece(line, Piece::Text(mark.to_owned()));
            }
            Event::Rule => self.end_inline(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        match tag {
            Tag::Paragraph => self.begin_inline(InlineKind::Paragraph, line),
            Tag::Heading { level, .. } => {
                self.begin_inline(InlineKind::Heading(heading_level(level)), line);
            }
            Tag::CodeBlock(_) => {
                self.end_inline();
                // A fenced block starts at its opening fence.
                self.code = Some(CodeBlock {
                    line,
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.end_inline();
                match &mut self.html {
                    Some(block) if block.ended_open => block.ended_open = false,
                    _ => {
                        self.end_html();
                        self.html = Some(HtmlBlock {
                            line,
                            source: String::new(),
                            lines: 1,
                            counted: 0,
                            open_tables: 0,
                            ended_open: false,
                        });
                    }
                }
            }
            Tag::List(start) => {
                self.end_inline();
                if self.depth >= MAX_DEPTH || self.suppressed_lists > 0 {
                    self.suppressed_lists += 1;
                    return;
                }
                let pending = self.flow().map(|f| std::mem::take(&mut f.pending));
                self.depth += 1;
                self.frames.push(Frame::List(ListFrame {
                    line,
                    ordered: start.is_some(),
                    items: Vec::new(),
                    pending: pending.unwrap_or_default(),
                }));
            }
            Tag::Item => {
                self.end_inline();
                if self.suppressed_lists > 0 {
                    return;
                }
                let pending = match self.frames.last_mut() {
                    Some(Frame::List(list)) => std::mem::take(&mut list.pending),
                    _ => Vec::new(),
                };
                self.frames.push(Frame::Flow(Flow {
                    line,
                    blocks: Vec::new(),
                    pending,
                }));
            }
            Tag::Table(_) => {
                self.end_inline();
                let anchors = self.flow().map(|f| std::mem::take(&mut f.pending));
                self.depth += 1;
                self.frames.push(Frame::Table(TableFrame {
                    line,
                    anchors: anchors.unwrap_or_default(),
                    header: Vec::new(),
                    rows: Vec::new(),
                }));
            }
            Tag::TableHead | Tag::TableRow => self.frames.push(Frame::Row(RowFrame {
                line,
                head: matches!(tag, Tag::TableHead),
                cells: Vec::new(),
            })),
            Tag::TableCell => self.begin_inline(InlineKind::Cell, line),
            Tag::Link { dest_url, .. } => {
                self.piece(line, Piece::LinkStart(dest_url.into_string()));
            }
            Tag::Image { .. } => self.images += 1,
            // Emphasis and the like add nothing to the text.
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {}
            // Read through: block quotes, and footnotes, definition lists and metadata (not
            // enabled), add no structure here.
            Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.end_inline(),
        }
    }

    fn end(&mut self, tag: TagEnd, line: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.end_inline(),
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let text = code.text.replace("\r\n", "\n");
                    let text = text.trim_end_matches(['\n', '\r']).to_owned();
                    self.push_block(Block::new(code.line, BlockKind::Code(Code { text })));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(block) = &mut self.html {
                    // Usually the block is complete; a table still open waits for the next.
                    let new = &block.source[block.counted..];
                    block.open_tables = html_blocks::open_tables(new, block.open_tables);
                    block.counted = block.source.len();
                    if block.open_tables > 0 {
                        block.ended_open = true;
                    } else {
                        self.end_html();
                        self.replay_deferred_ends();
                    }
                }
            }
            TagEnd::List(_) => {
                self.end_inline();
                if self.suppressed_lists > 0 {
                    self.suppressed_lists -= 1;
                } else {
                    self.close_frame();
                }
            }
            TagEnd::Item => {
                self.end_inline();
                if self.suppressed_lists == 0 {
                    self.close_frame();
                }
            }
            TagEnd::TableCell => self.end_inline(),
            TagEnd::TableHead | TagEnd::TableRow | TagEnd::Table => {
                self.end_inline();
                self.close_frame();
            }
            TagEnd::Link => {
                if self.inline.is_some() {
                    self.piece(line, Piece::LinkEnd);
                }
            }
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.end_inline(),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
        }
    }

    /// The innermost flow, when it is the innermost frame.
    fn flow(&mut self) -> Option<&mut Flow> {
        match self.frames.last_mut() {
            Some(Frame::Flow(flow)) => Some(flow),
            _ => None,
        }
    }

    fn push_block(&mut self, block: Block) {
        if let Some(flow) = self.flow() {
            flow.blocks.push(block);
        }
    }

    fn begin_inline(&mut self, kind: InlineKind, line: usize) {
        self.end_inline();
        self.inline = Some(Inline {
            kind,
            line,
            pieces: Vec::new(),
            has_html: false,
        });
    }

    /// Adds an inline piece starting at `line`; text outside any paragraph (a tight list
    /// item's) starts one.
    fn piece(&mut self, line: usize, piece: Piece) {
        let inline = self.inline.get_or_insert_with(|| Inline {
            kind: InlineKind::Implicit,
            line,
            pieces: Vec::new(),
            has_html: false,
        });
        inline.has_html |= matches!(piece, Piece::Html(_) | Piece::HardBreak);
        inline.pieces.push((line, piece));
    }

    /// Ends the inline content being collected: a paragraph (or several, split by `<br>`),
    /// a heading or a pipe-table cell.
    fn end_inline(&mut self) {
        let Some(inline) = self.inline.take() else {
            return;
        };
        match inline.kind {
            InlineKind::Paragraph | InlineKind::Implicit => {
                let depth = self.depth;
                if let Some(flow) = self.flow() {
                    let blocks = inline_blocks(&inline, depth, &mut flow.pending);
                    flow.blocks.extend(blocks);
                }
            }
            InlineKind::Heading(level) => {
                if let Some(flow) = self.flow() {
                    let text = if inline.has_html {
                        let parsed = Parsed::fragment(&inline.html(), inline.line);
                        html_blocks::text(&parsed, parsed.root(), &mut flow.pending)
                    } else {
                        inline.run().into_text(&mut flow.pending).map(|(_, t)| t)
                    };
                    if let Some(text) = text {
                        let heading = Heading { level, text };
                        flow.blocks
                            .push(Block::new(inline.line, BlockKind::Heading(heading)));
                    }
                }
            }
            InlineKind::Cell => {
                let blocks = inline_blocks(&inline, self.depth, &mut Vec::new());
                if let Some(Frame::Row(row)) = self.frames.last_mut() {
                    row.cells.push(Cell {
                        line: inline.line,
                        blocks,
                    });
                }
            }
        }
    }

    /// Closes the containers whose end waited for a table (see `deferred_ends`).
    fn replay_deferred_ends(&mut self) {
        for (end, line) in std::mem::take(&mut self.deferred_ends) {
            self.end(end, line);
        }
    }

    /// Reads the HTML block being collected into the innermost flow.
    fn end_html(&mut self) {
        let Some(block) = self.html.take() else {
            return;
        };
        let depth = self.depth;
        if let Some(flow) = self.flow() {
            let parsed = Parsed::fragment(&block.source, block.line);
            let blocks =
                html_blocks::blocks(&parsed, parsed.root(), depth, false, &mut flow.pending);
            flow.blocks.extend(blocks);
        }
    }

    /// Closes the innermost frame into its parent.
    fn close_frame(&mut self) {
        if self.frames.len() < 2 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Flow(flow) => {
                if let Some(Frame::List(list)) = self.frames.last_mut() {
                    list.items.push(ListItem {
                        line: flow.line,
                        blocks: flow.blocks,
                    });
                }
            }
            Frame::List(list) => {
                self.depth = self.depth.saturating_sub(1);
                if let Some(flow) = self.flow() {
                    // Anchors meant for an empty list wait for the next block.
                    flow.pending.extend(list.pending);
                    let kind = BlockKind::List(List {
                        ordered: list.ordered,
                        items: list.items,
                    });
                    flow.blocks.push(Block::new(list.line, kind));
                }
            }
            Frame::Table(table) => {
                self.depth = self.depth.saturating_sub(1);
                let block = Block::new(
                    table.line,
                    BlockKind::Table(Table {
                        caption: None,
                        anchors: html_blocks::unique(table.anchors),
                        header: table.header,
                        rows: table.rows,
                    }),
                );
                self.push_block(block);
            }
            Frame::Row(row) => {
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    if row.head {
                        table.header = row
                            .cells
                            .iter()
                            .map(|cell| html_blocks::collapse(&cell.plain_text()))
                            .collect();
                    } else {
                        table.rows.push(Row {
                            line: row.line,
                            cells: row.cells,
                        });
                    }
                }
            }
        }
    }
}

impl HtmlBlock {
    /// Adds a line of the block, keeping `source`'s lines aligned with the page's: CommonMark
    /// strips list indentation from each line but never joins lines, and the blank lines
    /// between joined blocks are restored here.
    fn push(&mut self, html: &str, line: usize) {
        while self.line + self.lines - 1 < line {
            self.source.push('\n');
            self.lines += 1;
        }
        self.source.push_str(html);
        self.lines += html.matches('\n').count();
    }
}

impl Inline {
    /// The pieces as text, for content without HTML.
    fn run(&self) -> Run {
        let mut run = Run::default();
        let mut links = Vec::new();
        for (line, piece) in &self.pieces {
            match piece {
                Piece::Text(text) | Piece::Code(text) => run.push_text(text, *line),
                Piece::SoftBreak => run.push_text(" ", *line),
                Piece::LinkStart(target) => links.push((run.link_start(), target)),
                Piece::LinkEnd => {
                    if let Some((start, target)) = links.pop() {
                        run.end_link(start, target);
                    }
                }
                // Not reached: content with these is read as HTML.
                Piece::Html(_) | Piece::HardBreak => {}
            }
        }
        run
    }

    /// The pieces as an HTML fragment whose lines are the page's from `self.line` on.
    fn html(&self) -> String {
        let mut html = String::new();
        let mut current = self.line;
        for (line, piece) in &self.pieces {
            while current < *line {
                html.push('\n');
                current += 1;
            }
            let written = match piece {
                Piece::Text(text) => escape(text, false),
                Piece::Code(text) => format!("<code>{}</code>", escape(text, false)),
                Piece::LinkStart(target) => format!("<a href=\"{}\">", escape(target, true)),
                Piece::LinkEnd => "</a>".to_owned(),
                Piece::Html(html) => html.clone(),
                Piece::SoftBreak => "\n".to_owned(),
                Piece::HardBreak => "<br>\n".to_owned(),
            };
            current += written.matches('\n').count();
            html.push_str(&written);
        }
        html
    }
}

/// The blocks of a paragraph-like inline: one paragraph, or what its HTML makes of it.
fn inline_blocks(inline: &Inline, depth: usize, pending: &mut Vec<String>) -> Vec<Block> {
    if inline.has_html {
        let parsed = Parsed::fragment(&inline.html(), inline.line);
        return html_blocks::blocks(&parsed, parsed.root(), depth, false, pending);
    }
    let run = inline.run();
    run.into_text(pending)
        .map(|(_, text)| Block::new(inline.line, BlockKind::Paragraph(text)))
        .into_iter()
        .collect()
}

/// `text` escaped for HTML text (and attribute values, with `attribute`).
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::document::Link;
    use crate::import::read::test_support::{list, paragraph, table};

    fn read_ok(text: &str) -> Document {
        read(text).expect("Markdown is always readable")
    }

    /// A page shaped like Huawei's sources, each construct on a known line.
    const PAGE: &str = r##"# 查询云硬盘<a name="evs_04_2001"></a>

## 功能介绍<a name="section1"></a>

查询云硬盘详情，
见[获取项目ID](获取项目ID.md)。

## URI<a name="section2"></a>

-   URI格式

    GET /v2/\{project\_id\}/cloudvolumes

-   <a name="li0419202382514"></a>error参数说明

    <a name="table44522499"></a>
    <table><caption>表 1 参数说明</caption><thead align="left"><tr id="row1"><th id="c1"><p id="p1"><a name="p1"></a><a name="p1"></a>参数</p>
    </th>
    <th><p>描述</p>
    </th>
    </tr>
    </thead>
    <tbody><tr id="row2"><td id="c3"><p id="p2"><a name="p2"></a><a name="p2"></a>project_id</p>
    </td>
    <td><p>项目ID，见<a href="#li0419202382514">error参数说明</a>。</p>
    <div class="note"><span class="notetitle"> 说明： </span><div class="notebody"><ul><li>最长 &amp;&nbsp;64 &lt;字节&gt;</li></ul>
    </div></div>
    </td>
    </tr>
    <tr><td colspan="2">全部
    两列<br>第二段</td>
    </tr>
    <tr><td><pre>a
      b
    </pre></td><td><ol><li>x</li><li>y</li></ol></td></tr>
    </tbody>
    </table>

1.  第一步
2.  第二步
    -   嵌套

```json
{"a": 1}

```
"##;

    #[test]
    fn headings_have_levels_text_and_anchors() {
        let doc = read_ok(PAGE);
        let BlockKind::Heading(title) = &doc.blocks[0].kind else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!(title.level, 1);
        assert_eq!(title.text.text, "查询云硬盘");
        assert_eq!(title.text.anchors, ["evs_04_2001"]);
        assert_eq!(doc.blocks[0].line, 1);
        let BlockKind::Heading(section) = &doc.blocks[1].kind else {
            panic!("{:?}", doc.blocks[1])
        };
        assert_eq!((section.level, section.text.text.as_str()), (2, "功能介绍"));
        assert_eq!(section.text.anchors, ["section1"]);
        assert_eq!(doc.blocks[1].line, 3);
    }

    #[test]
    fn paragraphs_join_lines_and_keep_links() {
        let doc = read_ok(PAGE);
        let text = paragraph(&doc.blocks[2]);
        assert_eq!(text.text, "查询云硬盘详情， 见获取项目ID。");
        assert_eq!(
            text.links,
            [Link {
                text: "获取项目ID".into(),
                target: "获取项目ID.md".into()
            }]
        );
        assert_eq!(doc.blocks[2].line, 5);
    }

    #[test]
    fn list_items_hold_lead_text_escaped_paths_and_tables() {
        let doc = read_ok(PAGE);
        let uri = list(&doc.blocks[4]);
        assert!(!uri.ordered);
        assert_eq!(doc.blocks[4].line, 10);
        assert_eq!(uri.items.len(), 2);
        let first = &uri.items[0];
        assert_eq!(first.line, 10);
        assert_eq!(paragraph(&first.blocks[0]).text, "URI格式");
        let path = paragraph(&first.blocks[1]);
        assert_eq!(path.text, "GET /v2/{project_id}/cloudvolumes");
        assert_eq!(first.blocks[1].line, 12);

        let second = &uri.items[1];
        assert_eq!(second.line, 14);
        let lead = paragraph(&second.blocks[0]);
        assert_eq!(lead.text, "error参数说明");
        assert_eq!(lead.anchors, ["li0419202382514"]);
        // The anchor standing before the table is the table's, not a paragraph.
        assert_eq!(second.blocks.len(), 2, "{:?}", second.blocks);
        let table = table(&second.blocks[1]);
        assert_eq!(table.anchors, ["table44522499"]);
        assert_eq!(second.blocks[1].line, 17);
    }

    #[test]
    fn html_tables_read_header_rows_and_cells() {
        let doc = read_ok(PAGE);
        let table = table(&list(&doc.blocks[4]).items[1].blocks[1]);
        assert_eq!(
            table.caption.as_ref().map(|c| c.text.as_str()),
            Some("表 1 参数说明")
        );
        assert_eq!(table.header, ["参数", "描述"]);
        assert_eq!(table.rows.len(), 3);

        let row = &table.rows[0];
        assert_eq!(row.line, 23);
        assert_eq!((row.cells[0].line, row.cells[1].line), (23, 25));
        // Anchors of `<a name>` inside a paragraph, once; the noise `id`s are not anchors.
        let name = paragraph(&row.cells[0].blocks[0]);
        assert_eq!(
            (name.text.as_str(), name.anchors.as_slice()),
            ("project_id", &["p2".to_owned()][..])
        );
        let description = &row.cells[1].blocks;
        let first = paragraph(&description[0]);
        assert_eq!(first.text, "项目ID，见error参数说明。");
        assert_eq!(first.links[0].target, "#li0419202382514");
        assert_eq!(first.links[0].text, "error参数说明");
        // The note: its title as a paragraph, then its body's blocks.
        assert_eq!(paragraph(&description[1]).text, "说明：");
        assert_eq!(description[1].line, 26);
        let note = list(&description[2]);
        let item = paragraph(&note.items[0].blocks[0]);
        // Entities decoded; a no-break space is data, not collapsed whitespace.
        assert_eq!(item.text, "最长 &\u{a0}64 <字节>");

        // colspan repeats the cell; bare text is a paragraph; `<br>` splits paragraphs.
        let spanning = &table.rows[1];
        assert_eq!(spanning.line, 30);
        assert_eq!(spanning.cells.len(), 2);
        assert_eq!(spanning.cells[0], spanning.cells[1]);
        let texts: Vec<&str> = spanning.cells[0]
            .blocks
            .iter()
            .map(|b| paragraph(b).text.as_str())
            .collect();
        assert_eq!(texts, ["全部 两列", "第二段"]);

        let code = &table.rows[2].cells[0].blocks[0];
        assert_eq!(
            code.kind,
            BlockKind::Code(Code {
                text: "a\n  b".into()
            })
        );
        assert_eq!(code.line, 33);
        let numbered = list(&table.rows[2].cells[1].blocks[0]);
        assert!(numbered.ordered);
        assert_eq!(numbered.items.len(), 2);
    }

    #[test]
    fn ordered_and_nested_lists_and_code_fences() {
        let doc = read_ok(PAGE);
        let steps = list(&doc.blocks[5]);
        assert!(steps.ordered);
        assert_eq!(doc.blocks[5].line, 39);
        // A tight list still gives a paragraph per item.
        assert_eq!(paragraph(&steps.items[0].blocks[0]).text, "第一步");
        let second = &steps.items[1];
        assert_eq!(second.line, 40);
        assert_eq!(paragraph(&second.blocks[0]).text, "第二步");
        let nested = list(&second.blocks[1]);
        assert_eq!(paragraph(&nested.items[0].blocks[0]).text, "嵌套");
        assert_eq!(nested.items[0].line, 41);

        let code = &doc.blocks[6];
        assert_eq!(code.line, 43);
        assert_eq!(
            code.kind,
            BlockKind::Code(Code {
                text: "{\"a\": 1}".into()
            })
        );
        assert_eq!(doc.blocks.len(), 7, "{:#?}", doc.blocks);
    }

    #[test]
    fn indented_code_is_verbatim() {
        let doc = read_ok("text\n\n    let x = 1;\n      y  <b>\n");
        assert_eq!(doc.blocks[1].line, 3);
        assert_eq!(
            doc.blocks[1].kind,
            BlockKind::Code(Code {
                text: "let x = 1;\n  y  <b>".into()
            })
        );
    }

    #[test]
    fn a_table_without_thead_takes_a_first_row_of_th_as_header() {
        let doc = read_ok(
            "<table id=\"t1\">\n<tr><th>参数</th><th>描述</th></tr>\n<tr><td>a</td><td>b</td></tr>\n</table>\n",
        );
        let table = table(&doc.blocks[0]);
        assert_eq!(table.anchors, ["t1"]);
        assert_eq!(table.header, ["参数", "描述"]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].line, 3);

        let doc = read_ok("<table>\n<tr><td>a</td><td>b</td></tr>\n</table>\n");
        let table = super::tests::table(&doc.blocks[0]);
        assert!(table.header.is_empty());
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn a_table_cut_by_blank_lines_stays_one_table() {
        let source = "<table>\n<tr><th>A</th></tr>\n\n<tr><td>a</td></tr>\n\n<tr><td>b</td></tr>\n</table>\n\nafter\n";
        let doc = read_ok(source);
        assert_eq!(doc.blocks.len(), 2, "{:#?}", doc.blocks);
        let table = table(&doc.blocks[0]);
        assert_eq!(table.header, ["A"]);
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [4, 6]);
        assert_eq!(paragraph(&doc.blocks[1]).text, "after");
        assert_eq!(doc.blocks[1].line, 9);
    }

    #[test]
    fn a_table_whose_rows_lose_the_list_indentation_stays_in_its_item() {
        // CommonMark ends the item at the first row written without the item's indentation;
        // the rows still belong to the table, which belongs to the item.
        let source = "-   响应参数\n\n    <table><tr><th>参数</th></tr>\n    <tr><td>a</td></tr>\n<tr><td>b</td></tr>\n<tr><td>c</td></tr>\n</table>\n\nafter\n";
        let doc = read_ok(source);
        assert_eq!(doc.blocks.len(), 2, "{:#?}", doc.blocks);
        let item = &list(&doc.blocks[0]).items[0];
        assert_eq!(paragraph(&item.blocks[0]).text, "响应参数");
        let table = table(&item.blocks[1]);
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [4, 5, 6]);
        assert_eq!(paragraph(&doc.blocks[1]).text, "after");
        assert_eq!(doc.blocks[1].line, 9);
    }

    #[test]
    fn pipe_tables_are_tables() {
        let doc = read_ok("| 参数 | 描述 |\n|---|---|\n| a | 见[b](b.md) |\n");
        let table = table(&doc.blocks[0]);
        assert_eq!(table.header, ["参数", "描述"]);
        assert_eq!(table.rows[0].line, 3);
        assert_eq!(
            paragraph(&table.rows[0].cells[1].blocks[0]).links[0].target,
            "b.md"
        );
    }

    #[test]
    fn empty_and_blank_sources_are_empty_documents() {
        assert_eq!(read_ok(""), Document::default());
        assert_eq!(read_ok("\n  \n\t\n"), Document::default());
    }

    #[test]
    fn line_ends_and_a_byte_order_mark() {
        let doc = read_ok("\u{feff}# T\r\n\r\npara\r\rlast\n");
        let lines: Vec<usize> = doc.blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, [1, 3, 5]);
        assert!(matches!(&doc.blocks[0].kind, BlockKind::Heading(h) if h.text.text == "T"));
        let doc = read_ok("```\r\na\r\nb\r\n```\r\n");
        assert_eq!(
            doc.blocks[0].kind,
            BlockKind::Code(Code {
                text: "a\nb".into()
            })
        );
    }

    #[test]
    fn odd_unicode_is_data() {
        let text = "a\u{202e}b\u{2028}c\u{200b}";
        let doc = read_ok(text);
        assert_eq!(paragraph(&doc.blocks[0]).text, text);
    }

    /// Depth of nested lists in `blocks` (iteratively, as the input is hostile).
    fn list_depth(blocks: &[Block]) -> usize {
        let mut deepest = 0;
        let mut stack: Vec<(&[Block], usize)> = vec![(blocks, 0)];
        while let Some((blocks, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            for block in blocks {
                if let BlockKind::List(list) = &block.kind {
                    for item in &list.items {
                        stack.push((&item.blocks, depth + 1));
                    }
                }
            }
        }
        deepest
    }

    #[test]
    fn hostile_nesting_is_flattened() {
        // 100,000 nested list items on one line.
        let doc = read_ok(&("- ".repeat(100_000) + "deep"));
        let depth = list_depth(&doc.blocks);
        assert!((2..=MAX_DEPTH).contains(&depth), "{depth}");
        assert!(format!("{:?}", doc.blocks.last()).contains("deep"));

        // 100,000 nested `<div>`s in an HTML block, and block quotes.
        let doc = read_ok(&("<div>".repeat(100_000) + "deep"));
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].plain_text(), "deep");
        let doc = read_ok(&("> ".repeat(100_000) + "deep"));
        assert_eq!(paragraph(&doc.blocks[0]).text, "deep");

        // Nested HTML lists inside a Markdown list.
        let source = format!("- a\n\n  {}x\n", "<ul><li>".repeat(50_000));
        let doc = read_ok(&source);
        assert!(list_depth(&doc.blocks) <= MAX_DEPTH);
    }

    #[test]
    fn huge_tables_are_read() {
        let rows = "<tr><td>a</td><td>b</td></tr>\n".repeat(20_000);
        let doc = read_ok(&format!(
            "<table>\n<tr><th>A</th><th>B</th></tr>\n{rows}</table>\n"
        ));
        let table = table(&doc.blocks[0]);
        assert_eq!(table.rows.len(), 20_000);
        assert_eq!(table.rows[19_999].line, 20_002);
    }
}
