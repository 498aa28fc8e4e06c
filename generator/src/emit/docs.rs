//! Spec text → rustdoc attributes that cannot break out of their comment or confuse rustdoc.
//!
//! Text is emitted as `#[doc = "..."]` string literals (one per line, which prettyplease prints
//! as `///` lines), so `*/` or quotes cannot end a comment. What remains is Markdown: brackets
//! would become (broken) intra-doc links, `<tags>` HTML, leading spaces code blocks and a
//! leading `#` a heading, so those are escaped or trimmed. Bullets (`•`) become list items.

use proc_macro2::TokenStream;
use quote::quote;

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
            for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
                self.lines.push(escape_line(line));
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
        for line in code.replace('\r', "").lines() {
            self.lines.push(line.to_owned());
        }
        self.lines.push(fence);
        self
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// `#[doc = " line"]` attributes (outer docs).
    pub fn outer(&self) -> TokenStream {
        let lines = self.rendered();
        quote! { #(#[doc = #lines])* }
    }

    /// `#![doc = " line"]` attributes (module and crate docs).
    pub fn inner(&self) -> TokenStream {
        let lines = self.rendered();
        quote! { #(#![doc = #lines])* }
    }

    fn rendered(&self) -> Vec<String> {
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

/// Code points that change the direction of text (U+061C, U+200E/F, U+202A–E, U+2066–9).
/// In a comment they are a deny-by-default lint (`text_direction_codepoint_in_comment`) and
/// could make a doc read differently from what it says, so docs show them by name.
pub fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

fn visible_direction_controls(line: &str) -> String {
    if !line.chars().any(is_direction_control) {
        return line.to_owned();
    }
    line.chars()
        .map(|c| {
            if is_direction_control(c) {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Escapes one line of spec text for Markdown.
pub fn escape_line(line: &str) -> String {
    let trimmed = line.trim();
    let (bullet, rest) = match trimmed.strip_prefix('•') {
        Some(rest) => ("- ", rest.trim_start()),
        None => ("", trimmed),
    };
    let mut out = String::from(bullet);
    for (index, c) in rest.chars().enumerate() {
        match c {
            '\\' | '[' | ']' | '<' | '>' | '`' => {
                out.push('\\');
                out.push(c);
            }
            // A line starting with these would be a heading, quote, list or rule.
            '#' | '+' | '-' | '=' if index == 0 && bullet.is_empty() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as an inline code span, whatever backticks it contains.
pub fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        " "
    } else {
        ""
    };
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(
            escape_line("  see [link] <b>x</b> */ `code`"),
            r"see \[link\] \<b\>x\</b\> */ \`code\`"
        );
        assert_eq!(escape_line("# not a heading"), r"\# not a heading");
        assert_eq!(escape_line("  • item one"), "- item one");
        assert_eq!(escape_line("a\u{7}b"), "a b");
    }

    #[test]
    fn code_spans_and_blocks_survive_backticks() {
        assert_eq!(code_span("en-us"), "`en-us`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span(""), "`  `");
        let doc = Doc::new().code_block("json", "```\n{}");
        assert_eq!(doc.lines, ["````json", "```", "{}", "````"]);
    }
}
