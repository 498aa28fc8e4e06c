//! Spec and page text → Markdown that renders as that text and as nothing else: in rustdoc
//! (the crates' docs) and in the OpenAPI export's descriptions (rendered by documentation tools).
//!
//! Everything a spec says (descriptions, titles, notes, enum values, URLs) was written by
//! whoever wrote the page or the spec, so it is data: in a doc comment it must never become a
//! code block (rustdoc runs Rust code blocks as doctests), HTML, a link (an intra-doc link
//! resolves to items of the crate), a heading or a table. rustdoc's `-D warnings` also makes
//! some plain text fatal: a bare `http(s)://` URL (`rustdoc::bare_urls`) and, in the comment
//! itself, a code point that changes the direction of text (`text_direction_codepoint_in_comment`).
//!
//! The rules, each closing one door:
//! - a line is trimmed, and its first character is escaped when it could open a block (and the
//!   `.`/`)` of a leading `1.`), so no line opens a block: code fence (```` ``` ````, `~~~`),
//!   indented code, list, quote, heading, rule, table, HTML block, link definition;
//! - `\`, `` ` ``, `[`, `]`, `<`, `>`, `~` and `*` are escaped everywhere, `_` where it could
//!   emphasise, `&` where it could start an entity, so no inline construct forms;
//! - an `http(s)://` URL becomes an autolink `<url>` when it can be one (no `<`, `>`, backtick,
//!   control or direction control in it), else a code span;
//! - direction controls are written by name (`U+202E`), controls as spaces.
//!
//! The property tests below check check the result with a Markdown
//! parser: whatever the text, the only events are text, code spans, autolinks to http(s) URLs,
//! and (from `•` bullets) list items; the text reads back unchanged.

pub use crate::unicode::is_direction_control;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// One line of spec text as inert Markdown. A leading `•` becomes a list item.
pub fn escape_line(line: &str) -> String {
    let trimmed = line.trim();
    let (bullet, rest) = match trimmed.strip_prefix('•') {
        Some(rest) => ("- ", rest.trim_start()),
        None => ("", trimmed),
    };
    if !bullet.is_empty() && rest.is_empty() {
        // "- " alone under a line of text would underline it as a heading.
        return String::new();
    }
    let mut out = String::with_capacity(rest.len() + 8);
    out.push_str(bullet);
    let mut remaining = rest;
    let mut at_line_start = true;
    while !remaining.is_empty() {
        let (text, url, after) = split_at_next_url(remaining);
        escape_text(text, at_line_start, &mut out);
        at_line_start = at_line_start && text.is_empty();
        if let Some(url) = url {
            out.push_str(&url_markdown(url));
            at_line_start = false;
        }
        remaining = after;
    }
    out
}

/// `text` as an inline code span, whatever backticks it contains. Controls become spaces.
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

/// A URL from a spec as a link when it is an http(s) URL that an autolink can hold exactly,
/// otherwise as a code span, so it is never a bare URL and never markup.
pub fn url_markdown(url: &str) -> String {
    let autolinkable = is_http_url_start(url)
        && url.len() > scheme_len(url)
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || is_direction_control(c)
                || matches!(c, '<' | '>' | '`')
        });
    if autolinkable {
        format!("<{url}>")
    } else {
        code_span(url)
    }
}

/// `line` with every direction control written as its code point (`U+202E`).
pub fn visible_direction_controls(line: &str) -> String {
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

/// Escapes text that holds no URL; `at_line_start` says whether it opens the line.
fn escape_text(text: &str, at_line_start: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let list_delimiter = if at_line_start {
        ordered_list_delimiter(&chars)
    } else {
        None
    };
    for (index, &c) in chars.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(index + 1).copied();
        let escape = match c {
            _ if index == 0 && at_line_start && opens_block(c) => true,
            _ if Some(index) == list_delimiter => true,
            '\\' | '`' | '[' | ']' | '<' | '>' | '~' | '*' => true,
            '_' => {
                !(previous.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
}

/// Characters that can open a block at the start of a line (CommonMark and rustdoc's
/// extensions: headings, quotes, lists, rules, fences, HTML, tables, link definitions).
fn opens_block(c: char) -> bool {
    matches!(
        c,
        '#' | '>' | '-' | '+' | '*' | '=' | '_' | '`' | '~' | '<' | '|' | ':' | '['
    )
}

/// The index of the `.` or `)` in a leading `123.` / `123)`: an ordered list marker.
fn ordered_list_delimiter(chars: &[char]) -> Option<usize> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && matches!(chars.get(digits), Some('.' | ')'))).then_some(digits)
}

/// Splits `text` into the text before its first http(s) URL, the URL (without the punctuation
/// that ends a sentence around it) and what follows.
fn split_at_next_url(text: &str) -> (&str, Option<&str>, &str) {
    let Some(start) = find_url_start(text) else {
        return (text, None, "");
    };
    let candidate = &text[start..];
    let token_end = candidate
        .find(|c: char| c.is_whitespace() || c.is_control())
        .unwrap_or(candidate.len());
    let url = trim_trailing_punctuation(&candidate[..token_end]);
    let url_end = start + url.len();
    (&text[..start], Some(url), &text[url_end..])
}

/// The byte offset of the first `http://` or `https://` (in any letter case).
fn find_url_start(text: &str) -> Option<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .find(|&i| is_http_url_start(&text[i..]))
}

fn is_http_url_start(text: &str) -> bool {
    scheme_len(text) > 0
}

/// Length of a leading `http://` or `https://` (any case), or 0.
fn scheme_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    ["http://", "https://"]
        .into_iter()
        .find(|scheme| {
            bytes.len() >= scheme.len()
                && bytes[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
        })
        .map_or(0, str::len)
}

/// Drops the punctuation a sentence puts after a URL (`.`, `,`, `)` without its `(`, ...), as
/// GitHub's autolinks do, but never into the scheme.
fn trim_trailing_punctuation(url: &str) -> &str {
    let mut end = url.len();
    let minimum = scheme_len(url);
    while end > minimum {
        let last = url[..end].chars().next_back().unwrap_or(' ');
        let unbalanced = |open: char, close: char| {
            last == close && url[..end].matches(close).count() > url[..end].matches(open).count()
        };
        let trailing = matches!(
            last,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '_' | '~'
        ) || unbalanced('(', ')')
            || unbalanced('[', ']')
            || unbalanced('{', '}');
        if !trailing {
            break;
        }
        end -= last.len_utf8();
    }
    &url[..end]
}

/// What escaped text renders as, read with the Markdown extensions rustdoc enables: its text
/// (code spans and autolinks included), or an error naming the first construct that is not
/// text: a code block, HTML, a link other than an autolink to an http(s) URL, a heading, a
/// table, an image, a footnote, emphasis, or a bare URL (`rustdoc::bare_urls`). Lists are
/// allowed (spec text's `•` bullets). The property tests and the `doc_text` fuzz target hold
/// every escaping function to it.
pub fn read_back(markdown: &str) -> Result<String, String> {
    // rustdoc's options (main_body_opts): every extension that could add a construct.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut text = String::new();
    let mut in_autolink = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) => {
                let lower = t.to_ascii_lowercase();
                if !in_autolink && (lower.contains("http://") || lower.contains("https://")) {
                    return Err(format!("bare URL in {t:?}"));
                }
                text.push_str(&t);
            }
            Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Paragraph | Tag::List(None) | Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::List(false) | TagEnd::Item) => {}
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url,
                ..
            }) if is_http_url_start(&dest_url) => in_autolink = true,
            Event::End(TagEnd::Link) if in_autolink => in_autolink = false,
            other => return Err(format!("{other:?}")),
        }
    }
    Ok(text)
}

/// What tests of escaped text share: lines made of the characters Markdown gives meaning to,
/// and the text a reader should see.
#[cfg(test)]
pub(crate) mod test_support {
    use proptest::prelude::*;

    pub fn without_whitespace(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// What the reader should see: the line without its bullet, controls or whitespace.
    pub fn expected_text(line: &str) -> String {
        let trimmed = line.trim();
        let trimmed = trimmed.strip_prefix('•').unwrap_or(trimmed);
        trimmed
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect()
    }

    pub fn markdown_heavy_line() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "```",
            "~~~",
            "    ",
            "\t",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "2) ",
            "# ",
            "> ",
            "<",
            ">",
            "[",
            "]",
            "(",
            ")",
            "!",
            "|",
            "---",
            "===",
            "***",
            "___",
            "_",
            "*",
            "&",
            "&amp;",
            "&#x3c;",
            "\\",
            "`",
            "<script>",
            "</div>",
            "https://",
            "http://a.b",
            "HTTPS://x.y/",
            "[^1]",
            "[ ] ",
            "[x]: ",
            "javascript:",
            ":",
            ".",
            "\u{202e}",
            "\u{2028}",
            "\u{85}",
            "•",
            "a",
            "z",
            "0",
            "9",
            " ",
            "é",
            "汉",
        ]);
        prop::collection::vec(pieces, 0..16).prop_map(|p| p.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_text_stays_text() {
        assert_eq!(
            escape_line("  see [link] <b>x</b> */ `code`"),
            r"see \[link\] \<b\>x\</b\> \*/ \`code\`"
        );
        assert_eq!(escape_line("# not a heading"), r"\# not a heading");
        assert_eq!(escape_line("  • item one"), "- item one");
        assert_eq!(escape_line("• - nested"), r"- \- nested");
        assert_eq!(escape_line("~~~rust"), r"\~\~\~rust");
        assert_eq!(escape_line("12.    code"), r"12\.    code");
        assert_eq!(escape_line("a\u{7}b"), "a b");
        assert_eq!(escape_line("job_id and _x_"), r"job_id and \_x\_");
        assert_eq!(escape_line("&lt; & &#60;"), r"\&lt; & \&#60;");
    }

    #[test]
    fn urls_become_autolinks_or_code() {
        assert_eq!(
            escape_line("See https://example.com/a?b=1&c=2."),
            "See <https://example.com/a?b=1&c=2>."
        );
        assert_eq!(
            escape_line("(http://example.com/x_(y))"),
            "(<http://example.com/x_(y)>)"
        );
        assert_eq!(
            escape_line("at https://example.com/<x>"),
            "at `https://example.com/<x>`"
        );
        assert_eq!(escape_line("HTTPS://"), "`HTTPS://`");
        assert_eq!(url_markdown("javascript:alert(1)"), "`javascript:alert(1)`");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("en-us"), "`en-us`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span(""), "`  `");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any line, rendered the way rustdoc parses it, is text and nothing else, and reads
        /// back as the line.
        #[test]
        fn any_line_renders_as_its_text(line in prop_oneof![markdown_heavy_line(), any::<String>()]) {
            let line = line.replace(['\n', '\r'], " ");
            let markdown = visible_direction_controls(&escape_line(&line));
            let rendered = read_back(&markdown).map_err(|e| {
                TestCaseError::fail(format!("{line:?} → {markdown:?} renders {e}"))
            })?;
            let expected = visible_direction_controls(&expected_text(&line));
            prop_assert_eq!(without_whitespace(&rendered), without_whitespace(&expected),
                "{:?} → {:?}", line, markdown);
        }
    }
}
