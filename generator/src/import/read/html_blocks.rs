//! HTML → blocks, shared by the HTML reader and the Markdown reader (for the HTML a Markdown
//! source embeds), so that a table reads the same whichever format carried it.
//!
//! Parsing is html5ever's, into scraper's tree, with two things scraper does not offer:
//! - each element and text node is tagged with the source line where it starts: the tree
//!   builder passes the tokenizer's line to its sink ([`TreeSink::set_current_line`]), and
//!   [`LineSink`] records it as nodes are created;
//! - [`DepthGuard`], between tokenizer and tree builder, drops start tags once [`MAX_DEPTH`]
//!   elements are open (their content stays, flattened into the parent). html5ever's tree
//!   builder scans its stack of open elements for most start tags, so 100,000 nested `<div>`s
//!   would otherwise take quadratic time.
//!
//! The conversion ([`Walker`]) walks the tree with an explicit work stack, never recursion, and
//! builds the output in frames (the page, a list item, a table cell, ...). Lists and tables
//! nested deeper than [`MAX_DEPTH`] are read as paragraphs, so the document model stays shallow
//! enough for its (recursive) drop, clone and comparison.
//!
//! How elements read:
//! - inline elements (`a`, `span`, `strong`, unknown ones, ...) add their text to the paragraph
//!   being collected; runs of ASCII whitespace collapse to one space, as a browser shows them;
//! - block containers (`p`, `div`, `section`, `dd`, ...) end the paragraph before and after them
//!   and are otherwise transparent, so a note (`div.note` holding `span.notetitle` and
//!   `div.notebody`) reads as a paragraph for its title followed by its body's blocks; `br`
//!   ends a paragraph too;
//! - `h1`–`h6`, `ul`/`ol`/`li`, `table`, `pre` become the blocks of the same name;
//! - anchors: `<a name>`/`<a id>` belong to the text they are in; `id` of headings, tables and
//!   list items too; anchors standing alone (no text around them) wait for the next block of
//!   the same container that can carry them (heading, paragraph, table; a list passes them to
//!   its first item). Other `id`s (on `p`, `td`, `tr`, `div`, ...) are generated noise;
//! - scripts, styles, navigation and hidden elements are skipped ([`ignored`]).

use std::borrow::Cow;
use std::cell::{Cell as StdCell, RefCell};
use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeBuilderOpts, TreeSink,
    create_element,
};
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult};
use scraper::node::Element;
use scraper::{Html, HtmlTreeSink, Node};

use super::document::{
    Block, BlockKind, Cell, Code, Heading, Link, List, ListItem, Row, Table, Text,
};

/// How deep the HTML parser nests elements, and how deep lists and tables nest in the output.
/// Real pages stay far below (a Huawei page nests some 30 elements); beyond it, start tags
/// are dropped and lists and tables read as paragraphs, so hostile input costs linear time
/// and a bounded document depth.
pub(super) const MAX_DEPTH: usize = 256;

/// Upper bound on what repeating spanning cells (`colspan`/`rowspan`) may add to a table, in
/// characters of cell text (at least 1 per position). Real tables use a tiny part of it; a
/// hostile one could otherwise repeat a large cell down tens of thousands of rows, or ask for
/// a thousand columns per cell.
const SPAN_BUDGET: usize = 1_000_000;

/// Largest `colspan` and `rowspan` honoured (the HTML standard's own limits).
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;

// ------------------------------------------------------------------------------------------
// Parsing

/// A parsed HTML source: scraper's tree and the source line of its elements and text nodes.
pub(super) struct Parsed {
    html: Html,
    /// Parser lines (1-based within the parsed source) by node.
    lines: HashMap<NodeId, u64>,
    /// Page line of the source's first line, minus one.
    offset: usize,
}

impl Parsed {
    /// Parses a whole HTML page.
    pub(super) fn document(source: &str) -> Parsed {
        let (html, lines) = parse(source, false);
        Parsed {
            html,
            lines,
            offset: 0,
        }
    }

    /// Parses an HTML fragment (as inside `<body>`) whose first line is line `first_line` of
    /// the page.
    pub(super) fn fragment(source: &str, first_line: usize) -> Parsed {
        let (html, lines) = parse(source, true);
        Parsed {
            html,
            lines,
            offset: first_line.saturating_sub(1),
        }
    }

    /// The tree's root (the document, or the fragment holding the parsed nodes).
    pub(super) fn root(&self) -> NodeRef<'_, Node> {
        self.html.tree.root()
    }

    /// The page line where `node` starts.
    fn line(&self, node: NodeId) -> usize {
        let parser_line = self.lines.get(&node).copied().unwrap_or(1);
        self.offset + usize::try_from(parser_line).unwrap_or(usize::MAX - self.offset)
    }
}

fn html_name(local: &str) -> QualName {
    QualName::new(
        None,
        Namespace::from("http://www.w3.org/1999/xhtml"),
        LocalName::from(local),
    )
}

/// Runs html5ever over `source` with the line-recording sink and the depth guard. This is
/// `html5ever::driver::parse_document`/`parse_fragment` with the guard inserted between
/// tokenizer and tree builder (the driver offers no such hook).
fn parse(source: &str, fragment: bool) -> (Html, HashMap<NodeId, u64>) {
    let sink = LineSink::new(if fragment {
        Html::new_fragment()
    } else {
        Html::new_document()
    });
    let options = TreeBuilderOpts::default();
    let (builder, initial_state) = if fragment {
        let context = create_element(&sink, html_name("body"), Vec::new());
        let builder = TreeBuilder::new_for_fragment(sink, context, None, options);
        let state = builder.tokenizer_state_for_context_elem(false);
        (builder, Some(state))
    } else {
        (TreeBuilder::new(sink, options), None)
    };
    let guard = DepthGuard {
        builder,
        dropped: RefCell::new(HashMap::new()),
    };
    let tokenizer = Tokenizer::new(
        guard,
        TokenizerOpts {
            initial_state,
            ..TokenizerOpts::default()
        },
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // `feed` pauses after each `</script>` (for a browser to run it); carry on.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// scraper's tree sink, recording the source line of each node it creates.
struct LineSink {
    inner: HtmlTreeSink,
    /// Line of the token the tree builder is processing.
    line: StdCell<u64>,
    lines: RefCell<HashMap<NodeId, u64>>,
}

impl LineSink {
    fn new(html: Html) -> Self {
        LineSink {
            inner: HtmlTreeSink::new(html),
            line: StdCell::new(1),
            lines: RefCell::new(HashMap::new()),
        }
    }

    /// The line where the first visible character of a text token starts. The tokenizer
    /// reports a text token's line after consuming it, so newlines inside the token are
    /// counted back.
    fn text_line(&self, text: &str) -> u64 {
        let newlines = |s: &str| s.bytes().filter(|&b| b == b'\n').count() as u64;
        let leading = text
            .find(|c: char| !c.is_ascii_whitespace())
            .map_or(text, |at| &text[..at]);
        (self.line.get() + newlines(leading))
            .saturating_sub(newlines(text))
            .max(1)
    }

    /// Records `line` for the text node `node`, unless it has one (text appended to an
    /// existing text node merges into it and keeps the first line).
    fn note_text(&self, node: Option<NodeId>, line: u64) {
        let Some(id) = node else { return };
        let is_text = self
            .inner
            .0
            .borrow()
            .tree
            .get(id)
            .is_some_and(|n| n.value().is_text());
        if is_text {
            self.lines.borrow_mut().entry(id).or_insert(line);
        }
    }
}

impl TreeSink for LineSink {
    type Output = (Html, HashMap<NodeId, u64>);
    type Handle = NodeId;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Self::Output {
        (self.inner.finish(), self.lines.into_inner())
    }

    fn parse_error(&self, _message: Cow<'static, str>) {
        // Pages are read as a browser would show them; parse errors are not reported.
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.inner.create_element(name, attrs, flags);
        self.lines.borrow_mut().insert(id, self.line.get());
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendText(text) => {
                let line = self.text_line(&text);
                self.inner.append(parent, NodeOrText::AppendText(text));
                let last = (self.inner.0.borrow().tree.get(*parent))
                    .and_then(|p| p.last_child())
                    .map(|n| n.id());
                self.note_text(last, line);
            }
            node => self.inner.append(parent, node),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        // As scraper's sink does, but through this sink's methods so text lines are recorded.
        let has_parent = (self.inner.0.borrow().tree.get(*element))
            .and_then(|n| n.parent())
            .is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendText(text) => {
                let line = self.text_line(&text);
                self.inner
                    .append_before_sibling(sibling, NodeOrText::AppendText(text));
                let previous = (self.inner.0.borrow().tree.get(*sibling))
                    .and_then(|s| s.prev_sibling())
                    .map(|n| n.id());
                self.note_text(previous, line);
            }
            node => self.inner.append_before_sibling(sibling, node),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

/// Sits between tokenizer and tree builder and drops the start tags (and their end tags) of
/// elements that would nest deeper than [`MAX_DEPTH`]; see the module comment.
struct DepthGuard {
    builder: TreeBuilder<NodeId, LineSink>,
    /// Start tags dropped, by name, whose end tags are to be dropped too.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

/// Counts the handles the tree builder holds: the open elements, plus a few (document, head,
/// form, formatting elements) that keep the count an upper bound.
struct HandleCount(StdCell<usize>);

impl Tracer for HandleCount {
    type Handle = NodeId;

    fn trace_handle(&self, _node: &NodeId) {
        self.0.set(self.0.get() + 1);
    }
}

impl DepthGuard {
    fn too_deep(&self) -> bool {
        let count = HandleCount(StdCell::new(0));
        self.builder.trace_handles(&count);
        count.0.get() >= MAX_DEPTH
    }

    /// What a dropped tag becomes: a space, so that words on either side stay apart.
    fn space(&self, line: u64) -> TokenSinkResult<NodeId> {
        self.builder
            .process_token(Token::CharacterTokens(StrTendril::from_slice(" ")), line)
    }
}

impl TokenSink for DepthGuard {
    type Handle = NodeId;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<NodeId> {
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if !is_void(&tag.name) && self.too_deep() => {
                    *self
                        .dropped
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_default() += 1;
                    return self.space(line);
                }
                TagKind::EndTag => {
                    let mut dropped = self.dropped.borrow_mut();
                    if let Some(count) = dropped.get_mut(&tag.name).filter(|c| **c > 0) {
                        *count -= 1;
                        drop(dropped);
                        return self.space(line);
                    }
                }
                TagKind::StartTag => {}
            }
        }
        self.builder.process_token(token, line)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Elements that never have content, hence never deepen the tree.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// How many tables `source` leaves open, given `open` were open before it: the Markdown
/// reader uses it to keep a table whose HTML a blank line cut into several HTML blocks in one
/// piece. Counted on html5ever's tokens (no tree), which is enough for `<table>` tags.
pub(super) fn open_tables(source: &str, open: usize) -> usize {
    struct Counter(StdCell<usize>);
    impl TokenSink for Counter {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token
                && &*tag.name == "table"
            {
                let open = self.0.get();
                self.0.set(match tag.kind {
                    TagKind::StartTag => open + 1,
                    TagKind::EndTag => open.saturating_sub(1),
                });
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Counter(StdCell::new(open)), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.0.get()
}

// ------------------------------------------------------------------------------------------
// Text runs

/// Text being collected for one paragraph (or heading, caption): raw text with its links and
/// anchors. The Markdown reader fills one directly for paragraphs without HTML.
#[derive(Debug, Default)]
pub(super) struct Run {
    /// The text as in the source; whitespace is collapsed when the run is finished.
    raw: String,
    links: Vec<Link>,
    anchors: Vec<String>,
    /// Line of the element that opened the paragraph (`<p>`), if one did.
    start: Option<usize>,
    /// Line of the first text that is not blank.
    first_text: Option<usize>,
}

impl Run {
    /// Adds text that starts at `line`.
    pub(super) fn push_text(&mut self, text: &str, line: usize) {
        if self.first_text.is_none() && !is_blank(text) {
            self.first_text = Some(line);
        }
        self.raw.push_str(text);
    }

    /// Adds an anchor name defined here.
    pub(super) fn anchor(&mut self, name: &str) {
        let name = name.trim_matches(|c: char| c.is_ascii_whitespace());
        if !name.is_empty() {
            self.anchors.push(name.to_owned());
        }
    }

    /// Where a link starting now starts, for [`Run::end_link`].
    pub(super) fn link_start(&self) -> usize {
        self.raw.len()
    }

    /// Ends a link to `target` whose text started at `start`.
    pub(super) fn end_link(&mut self, start: usize, target: &str) {
        let text = self.raw.get(start..).map(collapse).unwrap_or_default();
        let target = target.trim_matches(|c: char| c.is_ascii_whitespace());
        if !text.is_empty() {
            self.links.push(Link {
                text,
                target: target.to_owned(),
            });
        }
    }

    /// The line the run's text starts at, if it has any.
    fn line(&self) -> Option<usize> {
        self.start.or(self.first_text)
    }

    /// The finished text, its anchors after `pending` (which it takes); `None` when the run
    /// shows no text, its anchors then added to `pending` for the next block to take.
    pub(super) fn into_text(self, pending: &mut Vec<String>) -> Option<(usize, Text)> {
        let line = self.line();
        let text = collapse(&self.raw);
        if text.is_empty() {
            pending.extend(self.anchors);
            return None;
        }
        let mut anchors = std::mem::take(pending);
        anchors.extend(self.anchors);
        let text = Text {
            text,
            links: self.links,
            anchors: unique(anchors),
        };
        Some((line.unwrap_or(1), text))
    }

    /// The finished run as a paragraph; see [`Run::into_text`].
    pub(super) fn into_paragraph(self, pending: &mut Vec<String>) -> Option<Block> {
        self.into_text(pending)
            .map(|(line, text)| Block::new(line, BlockKind::Paragraph(text)))
    }
}

/// Whether `text` shows nothing (HTML's whitespace only: other Unicode spaces are data).
fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

/// `text` as a browser shows it: runs of HTML whitespace (ASCII space, tab, line feed, form
/// feed, carriage return) as one space, none at either end. Other characters, no-break space
/// and U+2028 included, are data and stay.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `names` without repeats, first occurrence kept (Huawei pages write each anchor twice).
pub(super) fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .filter(|name| seen.insert(name.clone()))
        .collect()
}

// ------------------------------------------------------------------------------------------
// Conversion

/// The blocks of the subtree at `root`. `depth`: lists and tables the content is already
/// nested in (by the Markdown around it). `pending`: anchors waiting for a block (given to the
/// first one that takes anchors; those left over are returned in it). `keep_header`: read
/// `<header>` elements (an article's own header) rather than skip them (a site's banner).
pub(super) fn blocks(
    parsed: &Parsed,
    root: NodeRef<'_, Node>,
    depth: usize,
    keep_header: bool,
    pending: &mut Vec<String>,
) -> Vec<Block> {
    let flow = Flow {
        kind: FlowKind::Root,
        blocks: Vec::new(),
        run: Run::default(),
        pending: std::mem::take(pending),
    };
    let mut walker = Walker::new(parsed, Frame::Flow(flow), depth, keep_header);
    walker.walk(root);
    match walker.frames.pop() {
        Some(Frame::Flow(mut flow)) => {
            flow.flush();
            *pending = flow.pending;
            flow.blocks
        }
        _ => Vec::new(),
    }
}

/// The subtree at `root` flattened to one text (a Markdown heading's content); `None` when it
/// shows no text, its anchors then added to `pending`. The text takes `pending` otherwise.
pub(super) fn text(
    parsed: &Parsed,
    root: NodeRef<'_, Node>,
    pending: &mut Vec<String>,
) -> Option<Text> {
    let frame = Frame::Inline(InlineFrame {
        kind: InlineKind::Root,
        run: Run::default(),
    });
    let mut walker = Walker::new(parsed, frame, 0, false);
    walker.walk(root);
    match walker.frames.pop() {
        Some(Frame::Inline(inline)) => inline.run.into_text(pending).map(|(_, text)| text),
        _ => None,
    }
}

/// Whether the element and its content are not part of the page's text.
fn ignored(element: &Element, keep_header: bool) -> bool {
    let name = element.name();
    let skipped = matches!(
        name,
        // Not text.
        "script" | "style" | "noscript" | "template" | "head" | "title" | "meta" | "link"
            | "base" | "iframe" | "object" | "embed" | "canvas" | "audio" | "video" | "img"
            | "picture" | "svg" | "math" | "map"
            // Site furniture and controls, not the article.
            | "nav" | "footer" | "aside" | "form" | "button" | "select" | "textarea" | "input"
    ) || (name == "header" && !keep_header);
    skipped
        || element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Elements that end the paragraph before and after them (block-level in a browser) and are
/// otherwise read through. Lists, tables and their parts are here for where they cannot be
/// read as such (nested too deep, in a heading, outside their parent).
fn is_boundary(element: &Element) -> bool {
    matches!(
        element.name(),
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "colgroup"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    ) || element.has_class("notetitle", scraper::CaseSensitivity::AsciiCaseInsensitive)
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// What the walk builds, innermost last.
enum Frame {
    /// Blocks in reading order: the page, a list item or a table cell.
    Flow(Flow),
    /// One text: a heading or a caption; blocks inside are flattened into it.
    Inline(InlineFrame),
    List(ListFrame),
    Table(TableFrame),
    Row(RowFrame),
}

struct Flow {
    kind: FlowKind,
    blocks: Vec<Block>,
    /// The paragraph being collected.
    run: Run,
    /// Anchors waiting for the next block that takes anchors.
    pending: Vec<String>,
}

enum FlowKind {
    Root,
    Item { line: usize },
    Cell(CellShape),
}

/// Where a cell starts and how far it spans.
struct CellShape {
    line: usize,
    header: bool,
    colspan: usize,
    rowspan: usize,
}

impl Flow {
    /// Ends the paragraph being collected.
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        if let Some(block) = run.into_paragraph(&mut self.pending) {
            self.blocks.push(block);
        }
    }
}

struct InlineFrame {
    kind: InlineKind,
    run: Run,
}

enum InlineKind {
    /// The whole content read as one text ([`text`]).
    Root,
    Heading {
        line: usize,
        level: u8,
    },
    Caption,
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
    caption: Option<Text>,
    rows: Vec<RawRow>,
    /// Rows now read are in `<thead>`.
    in_head: bool,
}

struct RowFrame {
    line: usize,
    in_head: bool,
    cells: Vec<RawCell>,
}

/// A row as in the source, before spanning cells are repeated.
struct RawRow {
    line: usize,
    in_head: bool,
    cells: Vec<RawCell>,
}

struct RawCell {
    shape: CellShape,
    blocks: Vec<Block>,
}

/// A step of the walk.
enum Work<'a> {
    /// Read a node (and push its children).
    Enter(NodeRef<'a, Node>),
    /// The end of an element that needs something done after its content.
    Leave(Leave),
}

enum Leave {
    /// A block container ends: so does the paragraph being collected.
    Boundary,
    /// A link ends; it started at `start` in the run that was current as the `flushes`-th.
    Link {
        start: usize,
        flushes: u64,
        target: String,
    },
    /// The element that opened the innermost frame ends.
    Frame,
    /// A table section (`thead`, `tbody`, `tfoot`) ends; whether rows were header rows before.
    Section { in_head: bool },
}

struct Walker<'a> {
    parsed: &'a Parsed,
    keep_header: bool,
    frames: Vec<Frame>,
    work: Vec<Work<'a>>,
    /// Lists and tables open, those around the source included.
    depth: usize,
    /// Paragraph ends so far: a link is kept only if the run it started in is still current.
    flushes: u64,
}

impl<'a> Walker<'a> {
    fn new(parsed: &'a Parsed, root: Frame, depth: usize, keep_header: bool) -> Self {
        Walker {
            parsed,
            keep_header,
            frames: vec![root],
            work: Vec::new(),
            depth,
            flushes: 0,
        }
    }

    fn walk(&mut self, root: NodeRef<'a, Node>) {
        self.work.push(Work::Enter(root));
        while let Some(work) = self.work.pop() {
            match work {
                Work::Enter(node) => self.enter(node),
                Work::Leave(leave) => self.leave(leave),
            }
        }
    }

    fn push_children(&mut self, node: NodeRef<'a, Node>) {
        self.work.extend(node.children().rev().map(Work::Enter));
    }

    fn line(&self, node: NodeRef<'_, Node>) -> usize {
        self.parsed.line(node.id())
    }

    /// The run of the innermost flow or inline frame (the one text goes to).
    fn run(&mut self) -> Option<&mut Run> {
        match self.frames.last_mut() {
            Some(Frame::Flow(flow)) => Some(&mut flow.run),
            Some(Frame::Inline(inline)) => Some(&mut inline.run),
            _ => None,
        }
    }

    /// Ends the paragraph being collected, if the innermost frame is a flow; in a heading or
    /// caption, separates the text before from the text after by a space.
    fn flush(&mut self) {
        self.flushes += 1;
        match self.frames.last_mut() {
            Some(Frame::Flow(flow)) => flow.flush(),
            Some(Frame::Inline(inline)) => inline.run.raw.push(' '),
            _ => {}
        }
    }

    /// Adds a finished block to the innermost flow.
    fn push_block(&mut self, block: Block) {
        if let Some(Frame::Flow(flow)) = self.frames.last_mut() {
            flow.blocks.push(block);
        }
    }

    fn enter(&mut self, node: NodeRef<'a, Node>) {
        match node.value() {
            Node::Document | Node::Fragment => self.push_children(node),
            Node::Text(text) => {
                let line = self.line(node);
                match self.frames.last() {
                    Some(Frame::Flow(_) | Frame::Inline(_)) => {
                        if let Some(run) = self.run() {
                            run.push_text(text, line);
                        }
                    }
                    // Text straight inside a list is shown as an item of its own.
                    Some(Frame::List(_)) if !is_blank(text) => {
                        self.open_item(line, None);
                        self.work.push(Work::Enter(node));
                    }
                    // Only whitespace can be here: the parser moves other text out of tables.
                    _ => {}
                }
            }
            Node::Element(element) if !ignored(element, self.keep_header) => {
                self.element(node, element);
            }
            // Comments, doctypes, processing instructions, ignored elements.
            _ => {}
        }
    }

    fn element(&mut self, node: NodeRef<'a, Node>, element: &'a Element) {
        let name = element.name();
        let line = self.line(node);
        match self.frames.last_mut() {
            Some(Frame::List(_)) => {
                if name == "li" {
                    self.open_item(line, element.id());
                    self.push_children(node);
                } else {
                    // Anything else straight inside a list is shown as an item of its own.
                    self.open_item(line, None);
                    self.work.push(Work::Enter(node));
                }
            }
            Some(Frame::Table(table)) => match name {
                "caption" => {
                    self.frames.push(Frame::Inline(InlineFrame {
                        kind: InlineKind::Caption,
                        run: Run::default(),
                    }));
                    self.work.push(Work::Leave(Leave::Frame));
                    self.push_children(node);
                }
                "thead" | "tbody" | "tfoot" => {
                    let in_head = std::mem::replace(&mut table.in_head, name == "thead");
                    self.work.push(Work::Leave(Leave::Section { in_head }));
                    self.push_children(node);
                }
                "tr" => {
                    let in_head = table.in_head;
                    self.frames.push(Frame::Row(RowFrame {
                        line,
                        in_head,
                        cells: Vec::new(),
                    }));
                    self.work.push(Work::Leave(Leave::Frame));
                    self.push_children(node);
                }
                // `colgroup`, `col`, and what the parser leaves in a table without showing.
                _ => {}
            },
            Some(Frame::Row(_)) => {
                if matches!(name, "td" | "th") {
                    let shape = CellShape {
                        line,
                        header: name == "th",
                        colspan: span(element.attr("colspan"), MAX_COLSPAN),
                        rowspan: span(element.attr("rowspan"), MAX_ROWSPAN),
                    };
                    self.frames.push(Frame::Flow(Flow {
                        kind: FlowKind::Cell(shape),
                        blocks: Vec::new(),
                        run: Run::default(),
                        pending: Vec::new(),
                    }));
                    self.work.push(Work::Leave(Leave::Frame));
                    self.push_children(node);
                }
            }
            Some(Frame::Flow(_) | Frame::Inline(_)) => self.flow_element(node, element, line),
            None => {}
        }
    }

    /// An element in a flow or an inline frame.
    fn flow_element(&mut self, node: NodeRef<'a, Node>, element: &'a Element, line: usize) {
        let name = element.name();
        let in_flow = matches!(self.frames.last(), Some(Frame::Flow(_)));
        let structure_allowed = in_flow && self.depth < MAX_DEPTH;
        if let (true, Some(level)) = (in_flow, heading_level(name)) {
            self.flush();
            let mut run = Run::default();
            if let Some(id) = element.id() {
                run.anchor(id);
            }
            self.frames.push(Frame::Inline(InlineFrame {
                kind: InlineKind::Heading { line, level },
                run,
            }));
            self.work.push(Work::Leave(Leave::Frame));
            self.push_children(node);
            return;
        }
        match name {
            "ul" | "ol" | "menu" | "dir" if structure_allowed => {
                self.flush();
                let pending = match self.frames.last_mut() {
                    Some(Frame::Flow(flow)) => std::mem::take(&mut flow.pending),
                    _ => Vec::new(),
                };
                self.depth += 1;
                self.frames.push(Frame::List(ListFrame {
                    line,
                    ordered: name == "ol",
                    items: Vec::new(),
                    pending,
                }));
                self.work.push(Work::Leave(Leave::Frame));
                self.push_children(node);
            }
            "table" if structure_allowed => {
                self.flush();
                let mut anchors = match self.frames.last_mut() {
                    Some(Frame::Flow(flow)) => std::mem::take(&mut flow.pending),
                    _ => Vec::new(),
                };
                anchors.extend(element.id().map(str::to_owned));
                self.depth += 1;
                self.frames.push(Frame::Table(TableFrame {
                    line,
                    anchors: unique(anchors),
                    caption: None,
                    rows: Vec::new(),
                    in_head: false,
                }));
                self.work.push(Work::Leave(Leave::Frame));
                self.push_children(node);
            }
            "pre" if in_flow => {
                self.flush();
                let text = code_text(node);
                self.push_block(Block::new(line, BlockKind::Code(Code { text })));
            }
            "br" => self.flush(),
            "a" => {
                if let Some(run) = self.run() {
                    for name in [element.attr("name"), element.id()].into_iter().flatten() {
                        run.anchor(name);
                    }
                }
                if let Some(target) = element.attr("href") {
                    let start = self.run().map_or(0, |run| run.link_start());
                    self.work.push(Work::Leave(Leave::Link {
                        start,
                        flushes: self.flushes,
                        target: target.to_owned(),
                    }));
                }
                self.push_children(node);
            }
            _ if is_boundary(element) => {
                self.flush();
                if let Some(Frame::Flow(flow)) = self.frames.last_mut() {
                    flow.run.start = Some(line);
                    // A list item or table read as paragraphs keeps its anchor.
                    if matches!(name, "li" | "table") {
                        flow.pending.extend(element.id().map(str::to_owned));
                    }
                }
                self.work.push(Work::Leave(Leave::Boundary));
                self.push_children(node);
            }
            // Inline elements: their text joins the paragraph.
            _ => self.push_children(node),
        }
    }

    /// Opens a list item (the innermost frame is a list) and arranges for it to be closed.
    fn open_item(&mut self, line: usize, id: Option<&str>) {
        let mut pending = match self.frames.last_mut() {
            Some(Frame::List(list)) => std::mem::take(&mut list.pending),
            _ => Vec::new(),
        };
        pending.extend(id.map(str::to_owned));
        self.frames.push(Frame::Flow(Flow {
            kind: FlowKind::Item { line },
            blocks: Vec::new(),
            run: Run::default(),
            pending,
        }));
        self.work.push(Work::Leave(Leave::Frame));
    }

    fn leave(&mut self, leave: Leave) {
        match leave {
            Leave::Boundary => self.flush(),
            Leave::Link {
                start,
                flushes,
                target,
            } => {
                if flushes == self.flushes
                    && let Some(run) = self.run()
                {
                    run.end_link(start, &target);
                }
            }
            Leave::Section { in_head } => {
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    table.in_head = in_head;
                }
            }
            Leave::Frame => self.close_frame(),
        }
    }

    /// Closes the innermost frame into its parent.
    fn close_frame(&mut self) {
        // The root frame stays for the caller.
        if self.frames.len() < 2 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        self.flushes += 1;
        match frame {
            Frame::Flow(mut flow) => {
                flow.flush();
                match (flow.kind, self.frames.last_mut()) {
                    (FlowKind::Item { line }, Some(Frame::List(list))) => {
                        list.items.push(ListItem {
                            line,
                            blocks: flow.blocks,
                        });
                    }
                    (FlowKind::Cell(shape), Some(Frame::Row(row))) => {
                        row.cells.push(RawCell {
                            shape,
                            blocks: flow.blocks,
                        });
                    }
                    _ => {}
                }
            }
            Frame::Inline(inline) => match (inline.kind, self.frames.last_mut()) {
                (InlineKind::Heading { line, level }, Some(Frame::Flow(flow))) => {
                    if let Some((_, text)) = inline.run.into_text(&mut flow.pending) {
                        let heading = Heading { level, text };
                        flow.blocks
                            .push(Block::new(line, BlockKind::Heading(heading)));
                    }
                }
                (InlineKind::Caption, Some(Frame::Table(table))) => {
                    let mut anchors = Vec::new();
                    let caption = inline.run.into_text(&mut anchors);
                    table.caption = caption.map(|(_, text)| text);
                    table.anchors.extend(anchors);
                }
                _ => {}
            },
            Frame::List(list) => {
                self.depth = self.depth.saturating_sub(1);
                if let Some(Frame::Flow(flow)) = self.frames.last_mut() {
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
                let line = table.line;
                let table = assemble_table(table);
                self.push_block(Block::new(line, BlockKind::Table(table)));
            }
            Frame::Row(row) => {
                if let Some(Frame::Table(table)) = self.frames.last_mut() {
                    table.rows.push(RawRow {
                        line: row.line,
                        in_head: row.in_head,
                        cells: row.cells,
                    });
                }
            }
        }
    }
}

/// A `colspan`/`rowspan` value: 1 when absent or unreadable, at most `max`; `rowspan="0"`
/// (to the end of the table) as `max`.
fn span(value: Option<&str>, max: usize) -> usize {
    match value.map(|v| v.trim().parse::<usize>()) {
        Some(Ok(0)) if max == MAX_ROWSPAN => max,
        Some(Ok(n)) if n >= 1 => n.min(max),
        _ => 1,
    }
}

/// The text of a `<pre>`, verbatim (`<br>` as a line break), without final line breaks.
fn code_text(pre: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    for node in pre.descendants() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push('\n'),
            _ => {}
        }
    }
    let end = text.trim_end_matches(['\n', '\r']).len();
    text.truncate(end);
    text
}

/// A finished table: spanning cells repeated, the header row picked out.
fn assemble_table(table: TableFrame) -> Table {
    let mut rows = expand_spans(table.rows);
    // The header: the first `<thead>` row, else a first row made of `<th>` cells only.
    let header_index = rows.iter().position(|row| row.in_head).or_else(|| {
        rows.first()
            .filter(|row| !row.cells.is_empty() && row.all_header)
            .map(|_| 0)
    });
    let header = header_index
        .map(|i| rows.remove(i))
        .map(|row| row.cells.iter().map(header_text).collect())
        .unwrap_or_default();
    Table {
        caption: table.caption,
        anchors: table.anchors,
        header,
        rows: rows
            .into_iter()
            .map(|row| Row {
                line: row.line,
                cells: row.cells,
            })
            .collect(),
    }
}

/// A header cell's text: its blocks' text on one line.
fn header_text(cell: &Cell) -> String {
    collapse(&cell.plain_text())
}

struct ExpandedRow {
    line: usize,
    in_head: bool,
    all_header: bool,
    cells: Vec<Cell>,
}

/// A cell spanning down into the rows below.
struct Carry {
    cell: Cell,
    cost: usize,
    /// Rows below still covered.
    remaining: usize,
}

/// Rows with each spanning cell repeated at every position it covers.
///
/// Every position that is not one of the source's own cells (a repeat, or an empty gap left
/// of a cell spanning down) is paid for from [`SPAN_BUDGET`]; once it runs out, nothing more
/// is repeated. So the output is at most the input plus the budget, whatever the spans say.
fn expand_spans(rows: Vec<RawRow>) -> Vec<ExpandedRow> {
    let mut budget = SPAN_BUDGET;
    let mut afford = |cost: usize| {
        if cost <= budget {
            budget -= cost;
            true
        } else {
            budget = 0;
            false
        }
    };
    // By column: the cell from a row above that covers it. No trailing `None`s.
    let mut carries: Vec<Option<Carry>> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let all_header = row.cells.iter().all(|cell| cell.shape.header);
        let mut cells = Vec::with_capacity(row.cells.len());
        let mut own = row.cells.into_iter();
        let mut column = 0;
        // The row's own cells, in the columns not covered from above.
        loop {
            if let Some(carry) = carries.get_mut(column).and_then(Option::take) {
                if afford(carry.cost) {
                    cells.push(carry.cell.clone());
                    if carry.remaining > 1 {
                        carries[column] = Some(Carry {
                            remaining: carry.remaining - 1,
                            ..carry
                        });
                    }
                    column += 1;
                } else {
                    carries.clear();
                }
                continue;
            }
            let Some(raw) = own.next() else { break };
            let cell = Cell {
                line: raw.shape.line,
                blocks: raw.blocks,
            };
            let (colspan, rowspan) = (raw.shape.colspan, raw.shape.rowspan);
            let cost = if colspan > 1 || rowspan > 1 {
                cell_cost(&cell)
            } else {
                0
            };
            let mut width = 1;
            while width < colspan && afford(cost) {
                width += 1;
            }
            if rowspan > 1 {
                if carries.len() < column + width {
                    carries.resize_with(column + width, || None);
                }
                // Free: the repeats below are what the budget pays for.
                for slot in &mut carries[column..column + width] {
                    *slot = Some(Carry {
                        cell: cell.clone(),
                        cost,
                        remaining: rowspan - 1,
                    });
                }
            }
            cells.extend(std::iter::repeat_n(cell, width));
            column += width;
        }
        // Columns further right still covered from above; gaps before them stay empty.
        while column < carries.len() {
            let carry = carries[column].take();
            let cost = carry.as_ref().map_or(1, |carry| carry.cost);
            if !afford(cost) {
                carries.clear();
                break;
            }
            match carry {
                Some(carry) => {
                    cells.push(carry.cell.clone());
                    if carry.remaining > 1 {
                        carries[column] = Some(Carry {
                            remaining: carry.remaining - 1,
                            ..carry
                        });
                    }
                }
                None => cells.push(Cell {
                    line: row.line,
                    blocks: Vec::new(),
                }),
            }
            column += 1;
        }
        while carries.last().is_some_and(Option::is_none) {
            carries.pop();
        }
        out.push(ExpandedRow {
            line: row.line,
            in_head: row.in_head,
            all_header,
            cells,
        });
    }
    out
}

/// What repeating a cell costs against the span budget: its size in characters, at least 1.
fn cell_cost(cell: &Cell) -> usize {
    cell.plain_text().len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment_blocks(source: &str) -> Vec<Block> {
        let parsed = Parsed::fragment(source, 1);
        blocks(&parsed, parsed.root(), 0, false, &mut Vec::new())
    }

    #[test]
    fn collapse_keeps_unicode_spaces_as_data() {
        assert_eq!(
            collapse("  a \t\n b\u{a0}c\u{2028}d  "),
            "a b\u{a0}c\u{2028}d"
        );
    }

    #[test]
    fn open_tables_counts_table_tags() {
        assert_eq!(open_tables("<table><tr><td>x", 0), 1);
        assert_eq!(open_tables("</td></tr></table>", 1), 0);
        assert_eq!(open_tables("<p>no table</p>", 0), 0);
    }

    #[test]
    fn rowspan_and_colspan_repeat_cells() {
        let blocks = fragment_blocks(
            "<table><tr><th>A</th><th>B</th><th>C</th></tr>\n\
             <tr><td rowspan=\"2\">a</td><td colspan=\"2\">bc</td></tr>\n\
             <tr><td>b2</td><td>c2</td></tr></table>",
        );
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.header, ["A", "B", "C"]);
        let texts: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::plain_text).collect())
            .collect();
        assert_eq!(texts, [["a", "bc", "bc"], ["a", "b2", "c2"]]);
        assert_eq!(
            table.rows[1].cells[0].line, 2,
            "a repeated cell keeps its line"
        );
        assert_eq!(table.rows[1].line, 3);
    }

    #[test]
    fn rowspan_past_the_row_fills_trailing_columns() {
        let blocks = fragment_blocks(
            "<table><tr><td>a</td><td rowspan=\"3\">b</td></tr><tr><td>a2</td></tr></table>",
        );
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!()
        };
        let widths: Vec<usize> = table.rows.iter().map(|r| r.cells.len()).collect();
        assert_eq!(widths, [2, 2]);
    }

    #[test]
    fn span_values_are_bounded() {
        assert_eq!(span(None, MAX_COLSPAN), 1);
        assert_eq!(span(Some("x"), MAX_COLSPAN), 1);
        assert_eq!(span(Some("0"), MAX_COLSPAN), 1);
        assert_eq!(span(Some(" 3 "), MAX_COLSPAN), 3);
        assert_eq!(span(Some("99999999"), MAX_COLSPAN), MAX_COLSPAN);
        assert_eq!(span(Some("0"), MAX_ROWSPAN), MAX_ROWSPAN);
    }

    #[test]
    fn a_huge_spanning_cell_is_repeated_within_the_budget() {
        let big = "x".repeat(300_000);
        let rows = "<tr><td>y</td></tr>".repeat(20);
        let source = format!("<table><tr><td rowspan=\"0\">{big}</td></tr>{rows}</table>");
        let blocks = fragment_blocks(&source);
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!()
        };
        let copies = (table.rows.iter().flat_map(|r| &r.cells))
            .filter(|c| c.plain_text().len() == big.len())
            .count();
        // The original, and the repeats the budget pays for.
        assert_eq!(copies, 1 + SPAN_BUDGET / big.len());
        // Rows after the budget ran out hold their own cells.
        assert_eq!(table.rows.len(), 21);
        assert!(
            table
                .rows
                .iter()
                .all(|r| r.cells.iter().any(|c| !c.blocks.is_empty()))
        );
    }

    #[test]
    fn a_flood_of_colspans_is_bounded() {
        let source = format!(
            "<table><tr>{}</tr></table>",
            "<td colspan=1000></td>".repeat(20_000)
        );
        let blocks = fragment_blocks(&source);
        let BlockKind::Table(table) = &blocks[0].kind else {
            panic!()
        };
        let cells = table.rows[0].cells.len();
        assert!((20_000..=20_000 + SPAN_BUDGET).contains(&cells), "{cells}");
    }

    #[test]
    fn deep_nesting_is_dropped_by_the_parser() {
        let source = "<div>".repeat(20_000) + "deep";
        let parsed = Parsed::fragment(&source, 1);
        let depth = parsed
            .root()
            .descendants()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0);
        assert!(depth <= MAX_DEPTH + 2, "{depth}");
        let blocks = blocks(&parsed, parsed.root(), 0, false, &mut Vec::new());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].plain_text(), "deep");
    }
}
