//! Writing YAML the way the hand-written specs in `spec/` look: block mappings, two-space
//! indentation, `|` blocks for multi-line text, and only the quoting YAML needs.
//!
//! Everything written here comes from scraped pages, so the writer's one hard rule is that every
//! string reads back as exactly itself: a spec is loaded by two parsers (serde_yaml, i.e. libyaml,
//! which follows YAML 1.1, and yaml-rust2 for positions), and page text that one of them reads
//! differently could add keys to a spec or change a value sent on the wire. Plain scalars and `|`
//! blocks are a readability nicety for text that is obviously safe; anything else is written
//! double-quoted with escapes, which both parsers read back verbatim.

use std::fmt::Write as _;

/// A YAML document under construction.
#[derive(Debug, Default)]
pub struct YamlWriter {
    out: String,
}

/// The longest key written as an implicit (`key: value`) key. YAML parsers give up on an
/// implicit key 1024 characters after it starts (libyaml and yaml-rust2 both), so longer keys
/// are written in the explicit `? key` form; the margin covers counting bytes or characters.
const MAX_IMPLICIT_KEY: usize = 512;

/// Every character some YAML parser reads as a line break. libyaml (YAML 1.1) breaks lines at
/// NEL, LS and PS as well as LF and CR, so text holding any of them must never be written raw
/// where a line break ends the value (plain scalars, block scalars, comments).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Characters that are never written raw, whatever the style: line breaks and tabs (handled by
/// the callers that allow them), characters libyaml refuses in a stream (C0/C1 controls, DEL,
/// U+FFFE/U+FFFF), the BOM (a parser may drop it), and invisible characters that let text look
/// different from what it is (bidi controls, zero-width and other format characters, tag
/// characters, noncharacters). Inside double quotes they become escapes, so a reviewer sees them.
fn must_escape(c: char) -> bool {
    let code = c as u32;
    c.is_control() // C0, DEL and C1, which includes \t, \n, \r and NEL
        || is_line_break(c)
        || matches!(
            code,
            0xAD // soft hyphen
                | 0x061C // Arabic letter mark
                | 0x180E // Mongolian vowel separator
                | 0x200B // zero-width space
                | 0x200E..=0x200F // left-to-right and right-to-left marks
                | 0x202A..=0x202E // bidi embeddings and overrides
                | 0x2060..=0x2064 // word joiner, invisible operators
                | 0x2066..=0x206F // bidi isolates and deprecated format characters
                | 0xFEFF // byte order mark
                | 0xFFF9..=0xFFFB // interlinear annotation controls
                | 0xFDD0..=0xFDEF // noncharacters
                | 0xE0000..=0xE007F // tag characters
        )
        || code & 0xFFFE == 0xFFFE // U+xFFFE and U+xFFFF in every plane are noncharacters
}

/// Whether some YAML parser could read `text`, written plain, as something other than a string:
/// a YAML 1.1 or 1.2 bool or null, a number in any base, a sexagesimal (`1:20`), a timestamp,
/// `.inf`/`.nan`, the merge key `<<` or the YAML 1.1 value key `=`. Deliberately broad: a
/// false positive only costs a pair of quotes.
fn looks_typed(text: &str) -> bool {
    const WORDS: [&str; 10] = [
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ];
    if WORDS.contains(&text.to_ascii_lowercase().as_str()) || text == "=" || text.starts_with("<<")
    {
        return true;
    }
    // Both serde_yaml and yaml-rust2 fall back on Rust's float parser, which also accepts
    // `inf`, `NaN` and `infinity` in any case.
    if text.parse::<f64>().is_ok() {
        return true;
    }
    // yaml-rust2 strips one sign and hands the rest to Rust's parsers, which accept a sign of
    // their own (`++1` reads as 1), so every leading sign goes.
    let unsigned = text.trim_start_matches(['+', '-']);
    let lower = unsigned.to_ascii_lowercase();
    if lower.starts_with(".inf") || lower.starts_with(".nan") {
        return true;
    }
    // Every other typed form (0x1F, 0o17, 0b1, 1_000, 1e3, .5, 1:20, 2001-12-14 21:59:43.10 -5,
    // 2001-12-14t21:59:43Z) starts, after its sign, with a digit or a dot and uses only these
    // characters; text such as `1st` or `12 MB` does not and stays plain.
    unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && text
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "xXoObBtTzZ_.:+- ".contains(c))
}

/// Whether `text` written plain reads back as this same string, in a block context or, with
/// `flow`, inside `[...]` or `{...}` as well.
fn is_plain_safe(text: &str, flow: bool) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return false; // the empty plain scalar is null
    };
    // Leading and trailing whitespace is trimmed from plain scalars (and invisible in review).
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    if text.chars().any(must_escape) || looks_typed(text) {
        return false;
    }
    // Indicators that start something other than a plain scalar (a sequence entry, a key, a
    // flow collection, a comment, an anchor, an alias, a tag, a block scalar, a quoted scalar, a
    // directive, a reserved indicator), and the document markers.
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || text.starts_with("...") {
        return false;
    }
    // A `: ` ends a key and a ` #` starts a comment anywhere in the line; a trailing `:` makes
    // the text a key.
    if text.contains(": ") || text.contains(" #") || last == ':' {
        return false;
    }
    // In a flow collection `,[]{}` end a plain scalar, and parsers disagree on a `:` or `#`
    // inside one, so text holding any of them is quoted there. yaml-rust2 also reads an
    // indicator after a blank as the start of a new token there (`[null? -, x]` fails), so a
    // word starting with one is quoted too.
    let word_starts_with_indicator = text
        .split([' ', '\t'])
        .skip(1)
        .any(|word| word.starts_with(['-', '?', ':']));
    !(flow && (text.contains([',', '[', ']', '{', '}', ':', '#']) || word_starts_with_indicator))
}

/// `c` as a double-quoted escape sequence, or `None` when it can be written as itself.
fn escape(c: char) -> Option<String> {
    let short = match c {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\t' => "\\t",
        '\n' => "\\n",
        '\r' => "\\r",
        '\u{85}' => "\\N",
        '\u{2028}' => "\\L",
        '\u{2029}' => "\\P",
        c if must_escape(c) => {
            let code = c as u32;
            return Some(match code {
                0..=0xFF => format!("\\x{code:02X}"),
                0x100..=0xFFFF => format!("\\u{code:04X}"),
                _ => format!("\\U{code:08X}"),
            });
        }
        _ => return None,
    };
    Some(short.to_owned())
}

/// `text` double-quoted on one line. Every line break is escaped, so no folding applies and the
/// text, spaces included, reads back verbatim in any context.
fn double_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match escape(c) {
            Some(escaped) => quoted.push_str(&escaped),
            None => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `text` as a YAML scalar on one line in a block context (a mapping key or value): plain when
/// that is safe, else double-quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text, false) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// `text` as a YAML scalar inside a flow collection (`[a, b]`, `{ref: X}`): like [`scalar`],
/// but also quoted when it holds `,`, `[`, `]`, `{`, `}`, `:` or `#`.
pub fn flow_scalar(text: &str) -> String {
    if is_plain_safe(text, true) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// The header of a `|` block for `value` (which spans lines), or `None` when the block would not
/// read back as `value` (or would not survive an editor) and it must be double-quoted instead.
fn block_header(value: &str) -> Option<String> {
    // Only `\n` may break lines; other breaks, controls and invisible characters need escapes.
    if value
        .chars()
        .any(|c| must_escape(c) && c != '\n' && c != '\t')
    {
        return None;
    }
    let content = value.strip_suffix('\n').unwrap_or(value);
    // Two or more final line breaks would need `|+`, whose kept trailing lines would then swallow
    // the blank line written after the block; a block of empty lines reads back as "".
    if content.ends_with('\n') || content.trim_matches('\n').is_empty() {
        return None;
    }
    for line in content.split('\n') {
        // Trailing blanks are invisible and stripped by editors; a leading tab sits where the
        // parser reads indentation.
        if line.ends_with([' ', '\t']) || line.starts_with('\t') {
            return None;
        }
    }
    // Without an indicator the parser takes the block's indentation from its first non-empty
    // line, which would eat that line's own leading spaces.
    let indicator = if content.starts_with(['\n', ' ']) {
        "2"
    } else {
        ""
    };
    let chomping = if value.ends_with('\n') { "" } else { "-" };
    Some(format!("|{indicator}{chomping}"))
}

impl YamlWriter {
    /// An empty document.
    pub fn new() -> Self {
        YamlWriter::default()
    }

    /// `# text` at `indent`, one comment line per line of `text`. The text is split at every
    /// character a YAML parser treats as a line break and invisible characters are escaped, so
    /// nothing in it can leave the comment.
    pub fn comment(&mut self, indent: usize, text: &str) {
        let text = text.replace("\r\n", "\n");
        let text = text.strip_suffix(is_line_break).unwrap_or(&text);
        if text.is_empty() {
            return;
        }
        for line in text.split(is_line_break) {
            let mut escaped = String::with_capacity(line.len());
            for c in line.chars() {
                match c {
                    // Comments are not parsed for escapes, so these two stay themselves.
                    '"' | '\\' => escaped.push(c),
                    c => match escape(c) {
                        Some(sequence) => escaped.push_str(&sequence),
                        None => escaped.push(c),
                    },
                }
            }
            let escaped = escaped.trim_end();
            if escaped.is_empty() {
                let _ = writeln!(self.out, "{:indent$}#", "");
            } else {
                let _ = writeln!(self.out, "{:indent$}# {escaped}", "");
            }
        }
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `key:` opening a nested block.
    pub fn open(&mut self, indent: usize, key: &str) {
        self.key(indent, "", key);
        self.out.push('\n');
    }

    /// `code:` opening a block keyed by a number (a status code).
    pub fn open_number(&mut self, indent: usize, key: u16) {
        let _ = writeln!(self.out, "{:indent$}{key}:", "");
    }

    /// `- key: value`, the first key of a sequence item (the item's other keys follow at
    /// `indent + 2`).
    pub fn item(&mut self, indent: usize, key: &str, value: &str) {
        self.entry(indent, "- ", key, value);
    }

    /// `key: value` with a text value, as a `|` block when it spans lines and a block reads
    /// back as the same text.
    pub fn text(&mut self, indent: usize, key: &str, value: &str) {
        self.entry(indent, "", key, value);
    }

    /// `key:` at `indent` after `prefix` (`- ` for a sequence item), up to and including the
    /// colon, so the caller adds the value. A key too long to be an implicit key is written as
    /// `? key` with the colon on the next line, in the same column.
    fn key(&mut self, indent: usize, prefix: &str, key: &str) {
        let key = scalar(key);
        if key.len() <= MAX_IMPLICIT_KEY {
            let _ = write!(self.out, "{:indent$}{prefix}{key}:", "");
        } else {
            let column = indent + prefix.len();
            let _ = write!(self.out, "{:indent$}{prefix}? {key}\n{:column$}:", "", "");
        }
    }

    fn entry(&mut self, indent: usize, prefix: &str, key: &str, value: &str) {
        self.key(indent, prefix, key);
        let header = if value.contains('\n') {
            block_header(value)
        } else {
            None
        };
        let Some(header) = header else {
            let _ = writeln!(self.out, " {}", scalar(value));
            return;
        };
        let _ = writeln!(self.out, " {header}");
        // Block content sits two columns right of the key, the same place the indicator `2`
        // (relative to the mapping the key belongs to) points at.
        let width = indent + prefix.len() + 2;
        for line in value.strip_suffix('\n').unwrap_or(value).split('\n') {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                let _ = writeln!(self.out, "{:width$}{line}", "");
            }
        }
    }

    /// `key: value` where the value is already YAML on one line (a number, `true`, a flow
    /// collection built with [`flow_scalar`]).
    pub fn raw(&mut self, indent: usize, key: &str, value: &str) {
        // A line break here would let the value's text become keys of its own.
        debug_assert!(
            !value.contains(is_line_break),
            "raw YAML value spans lines: {value:?}"
        );
        self.key(indent, "", key);
        let _ = writeln!(self.out, " {value}");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use yaml_rust2::{Yaml, YamlLoader};

    /// A parsed YAML tree reduced to what the writer produces: strings, sequences and mappings
    /// in order. Anything else (null, a bool, a number) is `Other`, so it never equals a string.
    #[derive(Debug, Clone, PartialEq)]
    enum Node {
        Str(String),
        Seq(Vec<Node>),
        Map(Vec<(Node, Node)>),
        Other(String),
    }

    fn s(text: &str) -> Node {
        Node::Str(text.to_owned())
    }

    fn map<const N: usize>(entries: [(&str, Node); N]) -> Node {
        Node::Map(entries.into_iter().map(|(k, v)| (s(k), v)).collect())
    }

    fn from_serde(value: &serde_yaml::Value) -> Node {
        use serde_yaml::Value;
        match value {
            Value::String(text) => Node::Str(text.clone()),
            Value::Sequence(items) => Node::Seq(items.iter().map(from_serde).collect()),
            Value::Mapping(entries) => Node::Map(
                entries
                    .iter()
                    .map(|(k, v)| (from_serde(k), from_serde(v)))
                    .collect(),
            ),
            other => Node::Other(format!("{other:?}")),
        }
    }

    fn from_rust2(value: &Yaml) -> Node {
        match value {
            Yaml::String(text) => Node::Str(text.clone()),
            Yaml::Array(items) => Node::Seq(items.iter().map(from_rust2).collect()),
            Yaml::Hash(entries) => Node::Map(
                entries
                    .iter()
                    .map(|(k, v)| (from_rust2(k), from_rust2(v)))
                    .collect(),
            ),
            other => Node::Other(format!("{other:?}")),
        }
    }

    /// `yaml` as both spec parsers read it; fails unless they agree with `expected`.
    fn parse_both(yaml: &str) -> Result<(Node, Node), String> {
        let serde: serde_yaml::Value =
            serde_yaml::from_str(yaml).map_err(|e| format!("serde_yaml: {e}\n{yaml}"))?;
        let docs =
            YamlLoader::load_from_str(yaml).map_err(|e| format!("yaml-rust2: {e}\n{yaml}"))?;
        if docs.len() != 1 {
            return Err(format!("yaml-rust2 read {} documents\n{yaml}", docs.len()));
        }
        Ok((from_serde(&serde), from_rust2(&docs[0])))
    }

    fn assert_reads_as(yaml: &str, expected: &Node) -> Result<(), TestCaseError> {
        let (serde, rust2) = parse_both(yaml).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&serde, expected, "serde_yaml misread:\n{}", yaml);
        prop_assert_eq!(&rust2, expected, "yaml-rust2 misread:\n{}", yaml);
        Ok(())
    }

    /// Characters that have broken YAML writers: every line break a parser knows, controls, the
    /// BOM, bidi and zero-width characters, noncharacters, indicators, quote and escape
    /// characters, and the letters and digits of typed scalars.
    fn risky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => prop::sample::select(vec![
                '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{FEFF}', '\t', ' ', ' ', '\0',
                '\u{1}', '\u{1B}', '\u{7F}', '\u{80}', '\u{9F}', '\u{A0}', '\u{AD}', '\u{200B}',
                '\u{200E}', '\u{202E}', '\u{2066}', '\u{3000}', '\u{FFFE}', '\u{FFFF}',
                '\u{FDD0}', '\u{E0001}', '\u{10FFFF}', '"', '\'', '\\', ':', '#', '-', '?', '&',
                '*', '!', '%', '@', '`', '|', '>', '<', '=', ',', '[', ']', '{', '}', '~', '.',
                '+', '0', '1', '9', 'e', 'x', 'b', 'o', 'y', 'n', 'T', 'Z', '_', 'a', 'é', '中',
                '😀',
            ]),
            1 => any::<char>(),
        ]
    }

    /// Pieces of text that are special to YAML on their own or at the start of a line.
    fn risky_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "<<", "---", "...", "? ", "- ", ": ", " #", "# ", "|", ">", "|-", "&a", "*a",
                "!!str", "%YAML", "null", "Null", "NULL", "~", "yes", "No", "ON", "off", "y", "n",
                "true", "False", "1:20", "2001-12-14", "2001-12-14 21:59:43.10 -5", ".5", "0b1",
                "0o17", "0x1F", "+1", "-1", "1e3", "1_000", ".nan", ".Inf", "-.inf", "inf",
                "NaN", "=", "\n", "\r\n", "\n\n", "  ", "    min_length: 40", "\u{2028}",
                "\u{2029}", "\u{85}", "\r", "a", "text", "key: value", "[a, b]", "{ref: X}",
                "\\u2028", "\\n", "\"", "'",
            ])
            .prop_map(str::to_owned),
            1 => risky_char().prop_map(String::from),
        ]
    }

    /// Arbitrary strings, most of them built from risky characters and pieces.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => any::<String>(),
            2 => prop::collection::vec(risky_char(), 0..12)
                .prop_map(|chars| chars.into_iter().collect()),
            3 => prop::collection::vec(risky_piece(), 0..8).prop_map(|pieces| pieces.concat()),
        ]
    }

    /// Multi-line text that is mostly safe in a `|` block, so the block path is exercised and
    /// not only the double-quoted fallback.
    fn multiline() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just(String::new()),
            "[a-z{}\":, #|>-]{1,12}",
            "  [a-z{}\":, ]{1,8}",
            text(),
        ];
        (prop::collection::vec(line, 1..6), 0..3usize)
            .prop_map(|(lines, newlines)| lines.join("\n") + &"\n".repeat(newlines))
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![text(), multiline()]
    }

    /// Found by `flow_scalar_round_trips`: yaml-rust2 refuses `[null? -, x]`.
    #[test]
    fn a_word_starting_with_an_indicator_is_quoted_in_flow() {
        assert_eq!(flow_scalar("null? -"), "\"null? -\"");
        assert_eq!(flow_scalar("a -b"), "\"a -b\"");
        assert_eq!(flow_scalar("a-b c"), "a-b c");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn scalar_round_trips(value in text()) {
            let expected = map([("k", s(&value)), ("z", s("end"))]);
            assert_reads_as(&format!("k: {}\nz: end\n", scalar(&value)), &expected)?;
            let expected = Node::Map(vec![(s(&value), s("v"))]);
            assert_reads_as(&format!("{}: v\n", scalar(&value)), &expected)?;
        }

        #[test]
        fn flow_scalar_round_trips(value in text()) {
            let quoted = flow_scalar(&value);
            let expected = map([("k", Node::Seq(vec![s(&value), s(&value)]))]);
            assert_reads_as(&format!("k: [{quoted}, {quoted}]\n"), &expected)?;
            let expected = map([("k", Node::Seq(vec![s("a"), s(&value)]))]);
            assert_reads_as(&format!("k: [a,{quoted}]\n"), &expected)?;
            let expected = map([("k", map([("ref", s(&value))]))]);
            assert_reads_as(&format!("k: {{ref: {quoted}}}\n"), &expected)?;
            let expected = map([("k", Node::Map(vec![(s(&value), s("v"))]))]);
            assert_reads_as(&format!("k: {{{quoted}: v}}\n"), &expected)?;
        }

        #[test]
        fn text_round_trips_at_every_depth(value in any_text(), depth in 0..4usize) {
            let mut w = YamlWriter::new();
            for level in 0..depth {
                w.open(level * 2, "m");
            }
            let indent = depth * 2;
            w.text(indent, "k", &value);
            w.text(indent, "z", "end");
            w.blank();
            if depth > 0 {
                w.text(0, "tail", "t");
            }
            let mut expected = map([("k", s(&value)), ("z", s("end"))]);
            for _ in 0..depth {
                expected = map([("m", expected)]);
            }
            if depth > 0 {
                let Node::Map(entries) = &mut expected else { unreachable!() };
                entries.push((s("tail"), s("t")));
            }
            assert_reads_as(&w.finish(), &expected)?;
        }

        #[test]
        fn item_round_trips(value in any_text(), other in any_text(), indent in 0..3usize) {
            let mut w = YamlWriter::new();
            w.open(0, "list");
            w.item(indent * 2 + 2, "k", &value);
            w.text(indent * 2 + 4, "z", &other);
            w.item(indent * 2 + 2, "k", "second");
            w.blank();
            w.text(0, "tail", "t");
            let expected = map([
                (
                    "list",
                    Node::Seq(vec![
                        map([("k", s(&value)), ("z", s(&other))]),
                        map([("k", s("second"))]),
                    ]),
                ),
                ("tail", s("t")),
            ]);
            assert_reads_as(&w.finish(), &expected)?;
        }

        #[test]
        fn keys_round_trip(key in text(), value in any_text()) {
            // The document's other keys; a duplicate key is an error, not a misreading.
            prop_assume!(!matches!(key.as_str(), "n" | "inner" | "tail"));
            let mut w = YamlWriter::new();
            w.open(0, &key);
            w.text(2, &key, &value);
            w.raw(2, "n", "\"raw\"");
            w.open(2, "inner");
            w.item(4, &key, &value);
            w.text(0, "tail", "t");
            let expected = Node::Map(vec![
                (
                    s(&key),
                    Node::Map(vec![
                        (s(&key), s(&value)),
                        (s("n"), s("raw")),
                        (s("inner"), Node::Seq(vec![Node::Map(vec![(s(&key), s(&value))])])),
                    ]),
                ),
                (s("tail"), s("t")),
            ]);
            assert_reads_as(&w.finish(), &expected)?;
        }

        #[test]
        fn comments_change_nothing(comment in any_text(), indent in 0..3usize) {
            let mut w = YamlWriter::new();
            w.comment(0, &comment);
            w.open(0, "m");
            w.comment(2, &comment);
            w.text(2, "k", "v");
            w.comment(indent * 2, &comment);
            w.text(2, "z", "end");
            w.comment(0, &comment);
            let yaml = w.finish();
            for line in yaml.lines() {
                // Every line the comments produced is a comment line.
                let line = line.trim_start();
                prop_assert!(line.starts_with('#') || line.starts_with(['m', 'k', 'z']), "{}", yaml);
            }
            assert_reads_as(&yaml, &map([("m", map([("k", s("v")), ("z", s("end"))]))]))?;
        }
    }

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(scalar("en-us"), "en-us");
        assert_eq!(scalar("Task ID."), "Task ID.");
        assert_eq!(scalar("true"), "\"true\"");
        assert_eq!(scalar("1st"), "1st");
        assert_eq!(scalar("12"), "\"12\"");
        assert_eq!(scalar("-1.5"), "\"-1.5\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("organizations:policies"), "organizations:policies");
        assert_eq!(scalar("* star"), "\"* star\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("say \"hi\""), "say \"hi\"");
    }

    #[test]
    fn quotes_every_yaml_1_1_typed_scalar() {
        for text in [
            "<<",
            "=",
            "null",
            "Null",
            "NULL",
            "~",
            "yes",
            "Yes",
            "NO",
            "on",
            "Off",
            "y",
            "N",
            "1:20",
            "190:20:30",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            ".5",
            "0b1",
            "+1",
            "++1",
            "-+1",
            "+-.5",
            "1e3",
            "1_000",
            "0o17",
            "0x1F",
            "017",
            ".nan",
            ".Inf",
            "-.INF",
            "inf",
            "NaN",
            "infinity",
            ".",
            "...",
            "--- x",
            "? x",
            "- x",
            "|",
            ">",
            "#",
            "&a",
            "*a",
            "!t",
            "%x",
            "@x",
            "`x",
            " lead",
            "trail ",
            "a #b",
            "a:",
        ] {
            assert!(scalar(text).starts_with('"'), "{text} written plain");
        }
        for text in ["1st", "12 MB", "v1.0 beta", "ok", "a,b", "a:b", "中文"] {
            assert_eq!(scalar(text), text);
        }
        assert_eq!(flow_scalar("a,b"), "\"a,b\"");
        assert_eq!(flow_scalar("a:b"), "\"a:b\"");
        assert_eq!(flow_scalar("ok"), "ok");
    }

    #[test]
    fn escapes_every_line_break_and_invisible_character() {
        assert_eq!(
            scalar("a\u{85}b\u{2028}c\u{2029}d\re\nf\tg"),
            "\"a\\Nb\\Lc\\Pd\\re\\nf\\tg\""
        );
        assert_eq!(scalar("\u{FEFF}x"), "\"\\uFEFFx\"");
        assert_eq!(scalar("x\u{202E}y"), "\"x\\u202Ey\"");
        assert_eq!(scalar("\u{1}\u{7F}\u{9F}"), "\"\\x01\\x7F\\x9F\"");
        assert_eq!(scalar("\u{E0001}"), "\"\\U000E0001\"");
    }

    #[test]
    fn line_separator_cannot_inject_a_key() {
        for doc in [
            "a\u{2028}    min_length: 40",
            "a\u{2029}    min_length: 40",
            "a\u{85}    min_length: 40",
            "a\r    min_length: 40",
            "first line\na\u{2028}    min_length: 40",
            "first line\na\r    min_length: 40\n",
        ] {
            let mut w = YamlWriter::new();
            w.open(0, "fields");
            w.open(2, "name");
            w.raw(4, "type", "string");
            w.text(4, "doc", doc);
            let yaml = w.finish();
            let expected = map([(
                "fields",
                map([("name", map([("type", s("string")), ("doc", s(doc))]))]),
            )]);
            assert_eq!(
                parse_both(&yaml),
                Ok((expected.clone(), expected)),
                "{yaml}"
            );
        }
    }

    #[test]
    fn multi_line_text_is_a_block_only_when_safe() {
        let mut w = YamlWriter::new();
        w.text(0, "a", "line one\n  indented\nlast");
        w.text(0, "b", "  leading\nspace\n");
        w.text(0, "c", "\n  after an empty line\n");
        w.text(0, "d", "trailing space \nx");
        w.text(0, "e", "two newlines\n\n");
        w.text(0, "f", "\tleading tab\nx");
        w.text(0, "g", "\n");
        assert_eq!(
            w.finish(),
            "a: |-\n  line one\n    indented\n  last\n\
             b: |2\n    leading\n  space\n\
             c: |2\n\n    after an empty line\n\
             d: \"trailing space \\nx\"\n\
             e: \"two newlines\\n\\n\"\n\
             f: \"\\tleading tab\\nx\"\n\
             g: \"\\n\"\n"
        );
    }

    #[test]
    fn long_keys_are_explicit() {
        let key = "k".repeat(2000);
        let mut w = YamlWriter::new();
        w.open(0, &key);
        w.text(2, &key, "one\ntwo");
        w.open(2, "list");
        w.item(4, &key, "v");
        let yaml = w.finish();
        assert!(
            yaml.starts_with(&format!("? {key}\n:\n  ? {key}\n  : |-\n")),
            "{yaml}"
        );
        let expected = Node::Map(vec![(
            s(&key),
            Node::Map(vec![
                (s(&key), s("one\ntwo")),
                (
                    s("list"),
                    Node::Seq(vec![Node::Map(vec![(s(&key), s("v"))])]),
                ),
            ]),
        )]);
        assert_eq!(parse_both(&yaml), Ok((expected.clone(), expected)));
    }

    #[test]
    fn comments_split_at_every_line_break() {
        let mut w = YamlWriter::new();
        w.comment(2, "a\u{2028}b\rc\r\nd\u{85}e\u{2029}f\n\ng\u{202E}\u{1} \n");
        assert_eq!(
            w.finish(),
            "  # a\n  # b\n  # c\n  # d\n  # e\n  # f\n  #\n  # g\\u202E\\x01\n"
        );
    }

    #[test]
    fn round_trips_through_serde_yaml() {
        for text in [
            "true",
            "12",
            "a: b",
            "# x",
            "x #y",
            "-",
            "{a}",
            "\"q\"",
            "tab\there",
            "é ü",
            "null",
            "~",
            "0x1F",
            "1e3",
            "1_000",
        ] {
            let mut writer = YamlWriter::new();
            writer.text(0, "k", text);
            let parsed: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&writer.finish()).unwrap();
            assert_eq!(parsed["k"], text);
        }
        for text in [
            "line one\n  indented\nlast",
            "  leading\nspace\n",
            "ends\nwith newline\n",
        ] {
            let mut writer = YamlWriter::new();
            writer.text(2, "k", text);
            let yaml = format!("m:\n{}", writer.finish());
            let parsed: std::collections::BTreeMap<
                String,
                std::collections::BTreeMap<String, String>,
            > = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(parsed["m"]["k"], text, "{yaml}");
        }
    }
}
