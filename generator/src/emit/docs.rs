//! Doc comments: spec text (escaped by `markdown`) and the generator's own Markdown, emitted
//! as `#[doc = "..."]` string literals, one per line (prettyplease prints them as `///` lines),
//! so `*/`, quotes or `#[doc]` in the text cannot end the comment or add an attribute.

use proc_macro2::TokenStream;
use quote::quote;

use crate::markdown::visible_direction_controls;
pub use crate::markdown::{code_span, escape_line, url_markdown};

/// Spec text as one line of inert Markdown (for attributes rustdoc renders, such as a
/// deprecation note): its lines escaped and joined by spaces, direction controls shown.
pub fn inline_text(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(escape_line)
        .filter(|line| !line.is_empty())
        .collect();
    visible_direction_controls(&lines.join(" "))
}

/// Builds doc comments line by line.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// An empty doc.
    pub fn new() -> Self {
        Doc::default()
    }

    /// Adds spec text as one or more paragraphs, escaped.
    pub fn text(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.blank();
            let mut in_list = false;
            for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
                let escaped = escape_line(line);
                let is_item = escaped.starts_with("- ");
                // Text after a list item would continue it lazily (clippy's
                // doc_lazy_continuation): it starts a paragraph of its own.
                if in_list && !is_item && !escaped.is_empty() {
                    self.blank();
                }
                in_list = is_item;
                self.lines.push(escaped);
            }
        }
        self
    }

    /// Adds a line of Markdown the generator wrote itself (not escaped).
    pub fn markdown(mut self, line: impl Into<String>) -> Self {
        self.lines.push(line.into());
        self
    }

    /// Starts a new paragraph.
    pub fn paragraph(mut self) -> Self {
        self.blank();
        self
    }

    /// A fenced code block holding `code` verbatim, fenced so that no backtick run inside can
    /// close it.
    pub fn code_block(mut self, language: &str, code: &str) -> Self {
        let longest_run = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest_run.max(2) + 1);
        self.blank();
        self.lines.push(format!("{fence}{language}"));
        // Tabs become four spaces: rustdoc renders them at varying widths, and clippy's
        // `tabs_in_doc_comments` refuses them (page examples are often indented with tabs).
        for line in code.replace('\r', "").lines() {
            self.lines.push(line.replace('\t', "    "));
        }
        self.lines.push(fence);
        self
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// `#[doc = " line"]` attributes (outer docs), or the one attribute standing for them
    /// while a module is formatted (see [`super::doc_splice`]).
    pub fn outer(&self) -> TokenStream {
        match super::doc_splice::defer(self.rendered(), false) {
            Ok(marker) => quote! { #[doc = #marker] },
            Err(lines) => quote! { #(#[doc = #lines])* },
        }
    }

    /// `#![doc = " line"]` attributes (module and crate docs), deferred as [`Doc::outer`].
    pub fn inner(&self) -> TokenStream {
        match super::doc_splice::defer(self.rendered(), true) {
            Ok(marker) => quote! { #![doc = #marker] },
            Err(lines) => quote! { #(#![doc = #lines])* },
        }
    }

    /// The doc's lines as emitted (each but the empty ones starts with a space).
    pub(super) fn rendered(&self) -> Vec<String> {
        let mut lines: Vec<&String> = self.lines.iter().collect();
        while lines.first().is_some_and(|l| l.is_empty()) {
            lines.remove(0);
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
            .into_iter()
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!(" {}", visible_direction_controls(line))
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::*;
    use proptest::prelude::*;

    #[test]
    fn code_blocks_survive_backticks() {
        let doc = Doc::new().code_block("json", "```\n{}");
        assert_eq!(doc.lines, ["````json", "```", "{}", "````"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Several lines of text as a doc comment (as rustdoc joins them): text, and nothing
        /// that a line could make of the line before it (setext headings, lazy code, tables).
        #[test]
        fn any_text_renders_as_its_text(lines in prop::collection::vec(markdown_heavy_line(), 0..6)) {
            let text = lines.join("\n");
            let doc = Doc::new().text(Some(&text));
            let markdown: Vec<String> = doc
                .rendered()
                .into_iter()
                .map(|l| l.strip_prefix(' ').map(str::to_owned).unwrap_or(l))
                .collect();
            let markdown = markdown.join("\n");
            let rendered = crate::markdown::read_back(&markdown).map_err(|e| {
                TestCaseError::fail(format!("{text:?} → {markdown:?} renders {e}"))
            })?;
            let expected: String = text.lines().map(expected_text).collect();
            prop_assert_eq!(without_whitespace(&rendered),
                without_whitespace(&visible_direction_controls(&expected)));
        }
    }
}
