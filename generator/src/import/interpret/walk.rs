//! The document tree → a flat list of items in reading order, each with its context.
//!
//! Pages nest the same content differently (a table right under a heading, inside a
//! `Parameter description` bullet, after a `Table 1 ...` caption, after a sub-heading), so the
//! interpreter never looks at nesting: it looks at the section (the last known heading), the
//! label (the lead paragraph of the enclosing list item, or the last label paragraph or
//! sub-heading before the item) and the status announced by a `Status code: NNN` line.

use crate::import::read::document::{Block, BlockKind, Code, Document, Table, Text};
use crate::import::vocabulary::{self, Vocabularies};

/// The sections of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// Before the first heading (notes under the title).
    #[default]
    Preamble,
    /// What the operation does.
    Function,
    /// Constraints.
    Constraints,
    /// Method, path and URI parameters.
    Uri,
    /// Request headers and body.
    Request,
    /// Response bodies and headers.
    Response,
    /// Example requests and responses together.
    Examples,
    /// Example requests.
    ExampleRequests,
    /// Example responses.
    ExampleResponses,
    /// The status-code table.
    StatusCodes,
    /// Error codes (a pointer to the service's list, or its table).
    ErrorCodes,
    /// A known section the spec does not hold (debugging, authorization).
    Other,
    /// A heading the vocabularies do not know.
    Unknown,
}

impl Section {
    fn from_key(key: &str) -> Section {
        match key {
            "function" => Section::Function,
            "constraints" => Section::Constraints,
            "uri" => Section::Uri,
            "request" => Section::Request,
            "response" => Section::Response,
            "examples" => Section::Examples,
            "example_requests" => Section::ExampleRequests,
            "example_responses" => Section::ExampleResponses,
            "status_codes" => Section::StatusCodes,
            "error_codes" => Section::ErrorCodes,
            _ => Section::Other,
        }
    }

    /// Sections whose content is prose for the spec's text fields or not part of the spec.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Section::Preamble
                | Section::Function
                | Section::Constraints
                | Section::ErrorCodes
                | Section::Other
        )
    }
}

/// What a label says the following content is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// The method and path (`URI format`).
    Uri,
    /// Parameters (`Parameter description`, `请求参数`).
    Parameters,
    /// An example request.
    ExampleRequest,
    /// An example response.
    ExampleResponse,
    /// Successful statuses (`Normal`, `正常`).
    Normal,
    /// Error statuses (`Abnormal`, `异常`).
    Abnormal,
    /// The table describing a field or type (`error参数说明`, `nics field description`).
    Object(String),
}

/// Where an item stands.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub section: Section,
    /// The heading text of an unknown section.
    pub heading: Option<String>,
    /// The label in force.
    pub label: Option<Label>,
    /// Anchors of the label's paragraph (links to an object table point at its label).
    pub label_anchors: Vec<String>,
    /// The status announced by the last `Status code: NNN` line of the section.
    pub status: Option<u16>,
}

/// What an item is.
#[derive(Debug, Clone, Copy)]
pub enum ItemKind<'d> {
    /// A paragraph (or a heading that is neither a section nor a label).
    Text(&'d Text),
    /// A table.
    Table(&'d Table),
    /// A code block.
    Code(&'d Code),
}

/// One item with its context.
#[derive(Debug, Clone)]
pub struct Item<'d> {
    /// Source line.
    pub line: usize,
    pub context: Context,
    /// The item.
    pub kind: ItemKind<'d>,
    /// For a table without a caption of its own: a `Table N ...` paragraph right before it
    /// (Markdown sources write captions as a bold paragraph, `**表 4** SnapshotDetails`).
    pub caption: Option<&'d Text>,
}

/// The page's title.
#[derive(Debug, Clone, Default)]
pub struct Title {
    pub text: String,
    pub line: usize,
}

/// A walked page.
#[derive(Debug, Default)]
pub struct Walked<'d> {
    pub title: Option<Title>,
    /// Items outside prose sections, in reading order.
    pub items: Vec<Item<'d>>,
    /// Top-level blocks of prose sections, with their section.
    pub prose: Vec<(Section, &'d Block)>,
}

/// Walks `document`.
pub fn walk<'d>(document: &'d Document, vocabularies: &Vocabularies) -> Walked<'d> {
    let mut walker = Walker {
        vocabularies,
        walked: Walked::default(),
    };
    let mut blocks = document.blocks.iter();
    let mut context = Context::default();
    for block in blocks.by_ref() {
        match &block.kind {
            BlockKind::Heading(heading) if heading.level == 1 && walker.walked.title.is_none() => {
                walker.walked.title = Some(Title {
                    text: heading.text.text.clone(),
                    line: block.line,
                });
            }
            _ => walker.visit(block, &mut context, true),
        }
    }
    walker.walked
}

struct Walker<'v, 'd> {
    vocabularies: &'v Vocabularies,
    walked: Walked<'d>,
}

impl<'d> Walker<'_, 'd> {
    fn label(&self, text: &str) -> Option<Label> {
        let key = self.vocabularies.phrase(vocabulary::labels, text);
        if let Some(key) = key {
            return Some(match key {
                "uri" => Label::Uri,
                "example_request" => Label::ExampleRequest,
                "example_response" => Label::ExampleResponse,
                "normal" => Label::Normal,
                "abnormal" => Label::Abnormal,
                _ => Label::Parameters,
            });
        }
        let name = self
            .vocabularies
            .template(vocabulary::labels, "object", text)?
            .remove("name")?;
        let name = name.trim_matches(['•', ' ', '"', '“', '”']).to_owned();
        (!name.is_empty() && name.chars().count() <= 64).then_some(Label::Object(name))
    }

    fn status_marker(&self, text: &str) -> Option<u16> {
        let captures = self
            .vocabularies
            .template(vocabulary::statuses, "marker", text)?;
        let code = captures.get("code")?;
        let digits: String = code.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok().filter(|c| (100..=599).contains(c))
    }

    fn visit(&mut self, block: &'d Block, context: &mut Context, top: bool) {
        match &block.kind {
            BlockKind::Heading(heading) => {
                let text = &heading.text.text;
                if let Some(key) = self.vocabularies.phrase(vocabulary::sections, text) {
                    *context = Context {
                        section: Section::from_key(key),
                        ..Context::default()
                    };
                } else if let Some(label) = self.label(text) {
                    context.label = Some(label);
                    context.label_anchors = heading.text.anchors.clone();
                } else if let Some(code) = self.status_marker(text) {
                    context.status = Some(code);
                } else if heading.level <= 2 || context.section.is_text() {
                    *context = Context {
                        section: Section::Unknown,
                        heading: Some(text.clone()),
                        ..Context::default()
                    };
                } else {
                    self.push(block.line, context, ItemKind::Text(&heading.text));
                }
            }
            _ if context.section.is_text() => {
                if top {
                    self.walked.prose.push((context.section, block));
                }
            }
            BlockKind::Paragraph(text) => {
                if let Some(code) = self.status_marker(&text.text) {
                    context.status = Some(code);
                    self.push(block.line, context, ItemKind::Text(text));
                } else if let Some(label) = self.label(&text.text) {
                    context.label = Some(label);
                    context.label_anchors = text.anchors.clone();
                } else {
                    self.push(block.line, context, ItemKind::Text(text));
                }
            }
            BlockKind::List(list) => {
                for item in &list.items {
                    let mut inner = context.clone();
                    for child in &item.blocks {
                        self.visit(child, &mut inner, false);
                    }
                }
            }
            BlockKind::Table(table) => self.push(block.line, context, ItemKind::Table(table)),
            BlockKind::Code(code) => self.push(block.line, context, ItemKind::Code(code)),
        }
    }

    fn push(&mut self, line: usize, context: &Context, kind: ItemKind<'d>) {
        // A caption paragraph stays an item (it is text of the page) and also captions the
        // table that follows it directly.
        let caption = match (kind, self.walked.items.last()) {
            (ItemKind::Table(table), Some(previous)) if table.caption.is_none() => {
                match previous.kind {
                    ItemKind::Text(text) if self.is_caption(&text.text) => Some(text),
                    _ => None,
                }
            }
            _ => None,
        };
        self.walked.items.push(Item {
            line,
            context: context.clone(),
            kind,
            caption,
        });
    }

    fn is_caption(&self, text: &str) -> bool {
        self.vocabularies
            .template(vocabulary::captions, "number_prefix", text)
            .and_then(|captures| captures.get("n").cloned())
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    }
}

impl Walked<'_> {
    /// The text of a prose section, one line per paragraph, `• item` per list item.
    pub fn text_of(&self, section: Section) -> Option<String> {
        let text = self
            .prose
            .iter()
            .filter(|(s, _)| *s == section)
            .map(|(_, block)| block.plain_text())
            .collect::<Vec<_>>()
            .join("\n");
        (!text.trim().is_empty()).then_some(text)
    }

    /// The page's deprecation note: a title marked deprecated, or a note under the title or in
    /// the function section that says so.
    pub fn deprecation(&self, vocabularies: &Vocabularies) -> Option<String> {
        let words = vocabularies.phrases(vocabulary::notes, "deprecated");
        let says_deprecated = |text: &str| {
            let lower = text.to_lowercase();
            words.iter().any(|w| lower.contains(&w.to_lowercase()))
        };
        let prefixes = vocabularies.phrases(vocabulary::notes, "prefix");
        let note = self
            .prose
            .iter()
            .filter(|(s, _)| matches!(s, Section::Preamble | Section::Function))
            .map(|(_, block)| block.plain_text())
            .find(|text| prefixes.iter().any(|p| text.starts_with(p)) && says_deprecated(text));
        match (&self.title, note) {
            (_, Some(note)) => Some(note),
            (Some(title), None) if says_deprecated(&title.text) => Some(title.text.clone()),
            _ => None,
        }
    }
}
