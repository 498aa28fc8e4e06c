//! Readers: a page in one source format → the [`Document`] model.
//!
//! One reader per format, each producing the same model, so the page interpreter never sees
//! where a page came from:
//! - [`text`]: the plain-text capture of a rendered page (table cells one per line, bullets as
//!   `•`) and the browser copy (each table row one line of TAB-separated cells);
//! - [`markdown`]: Markdown with embedded HTML tables, as Huawei publishes its documentation
//!   sources;
//! - [`html`]: a generic HTML page (the article body; scripts, styles and navigation ignored).
//!
//! The format is detected from the content and the file name ([`detect`]); a caller may name
//! it instead.

pub mod document;
pub mod html;
mod html_blocks;
pub mod markdown;
pub mod text;

use std::fmt;
use std::path::Path;

pub use document::Document;

use crate::import::vocabulary::Vocabularies;

/// A source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text, table cells one per line.
    Text,
    /// Plain text, table rows one per line with TAB-separated cells (a browser copy).
    Tsv,
    /// Markdown, tables as embedded HTML.
    Markdown,
    /// An HTML page.
    Html,
}

impl Format {
    /// Every format, by its `--format` name.
    pub const ALL: [(&'static str, Format); 4] = [
        ("text", Format::Text),
        ("tsv", Format::Tsv),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
    ];

    /// The `--format` name.
    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, format)| *format == self)
            .map_or("text", |(name, _)| name)
    }

    /// The format of a `--format` name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, format)| *format)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a source could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The format of `text`, from its content first and its file name second: HTML documents
/// start with a tag; Markdown sources have `#` headings or embedded `<table>`s; a plain
/// capture with TAB-separated rows is a browser copy.
pub fn detect(text: &str, file_name: Option<&Path>) -> Format {
    let extension = file_name
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower_start: String = start
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower_start.starts_with("<!doctype html")
        || lower_start.starts_with("<html")
        || matches!(extension.as_deref(), Some("html" | "htm" | "xhtml"))
    {
        return Format::Html;
    }
    let has_markdown_heading = text
        .lines()
        .any(|l| l.starts_with("# ") || l.starts_with("## "));
    if matches!(extension.as_deref(), Some("md" | "markdown"))
        || (has_markdown_heading && text.contains("<table"))
    {
        return Format::Markdown;
    }
    let tab_rows = text
        .lines()
        .filter(|l| l.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2)
        .count();
    if tab_rows >= 2 {
        return Format::Tsv;
    }
    Format::Text
}

/// Reads `text` in `format`. The plain-text readers need the vocabularies to tell headings and
/// table headers from paragraphs, since the capture has no markup.
pub fn read(
    text: &str,
    format: Format,
    vocabularies: &Vocabularies,
) -> Result<Document, ReadError> {
    match format {
        Format::Text => text::read(text, vocabularies, false),
        Format::Tsv => text::read(text, vocabularies, true),
        Format::Markdown => markdown::read(text),
        Format::Html => html::read(text),
    }
}

/// What the readers' tests share: a block as the kind it must be.
#[cfg(test)]
pub(crate) mod test_support {
    use super::document::{Block, BlockKind, List, Table, Text};

    /// The block as a paragraph.
    pub fn paragraph(block: &Block) -> &Text {
        match &block.kind {
            BlockKind::Paragraph(text) => text,
            other => panic!("not a paragraph: {other:?}"),
        }
    }

    /// The block as a list.
    pub fn list(block: &Block) -> &List {
        match &block.kind {
            BlockKind::List(list) => list,
            other => panic!("not a list: {other:?}"),
        }
    }

    /// The block as a table.
    pub fn table(block: &Block) -> &Table {
        match &block.kind {
            BlockKind::Table(table) => table,
            other => panic!("not a table: {other:?}"),
        }
    }
}
