//! Writing YAML the way the hand-written specs in `spec/` look: block mappings, two-space
//! indentation, `|` blocks for multi-line text, and only the quoting YAML needs.

use std::fmt::Write as _;

/// A YAML document under construction.
#[derive(Debug, Default)]
pub struct YamlWriter {
    out: String,
}

/// Whether YAML reads `text` back as this same string when written plain.
fn is_plain_safe(text: &str) -> bool {
    if text.is_empty() || text != text.trim() {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    if reserved.contains(&lower.as_str()) {
        return false;
    }
    // Anything YAML might read as a number (1, 1.5, 1e3, 0x1F, .inf, 1_000).
    let numeric_start =
        text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+' || c == '-');
    if numeric_start && text.parse::<f64>().is_ok()
        || text.starts_with("0x")
        || text.starts_with("0o")
    {
        return false;
    }
    if text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c)) {
        return false;
    }
    !(text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.contains(['\n', '\r', '\t']))
        && text.chars().all(|c| !c.is_control())
}

/// `text` as a YAML scalar on one line: plain when safe, else double-quoted.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        return text.to_owned();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

impl YamlWriter {
    /// An empty document.
    pub fn new() -> Self {
        YamlWriter::default()
    }

    /// `# text` at `indent`.
    pub fn comment(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            let _ = writeln!(self.out, "{:indent$}# {line}", "");
        }
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `key:` opening a nested block.
    pub fn open(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.out, "{:indent$}{}:", "", scalar(key));
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

    /// `key: value` with a text value, as a `|` block when it spans lines.
    pub fn text(&mut self, indent: usize, key: &str, value: &str) {
        self.entry(indent, "", key, value);
    }

    fn entry(&mut self, indent: usize, prefix: &str, key: &str, value: &str) {
        let key_column = indent + prefix.len();
        if value.contains('\n') {
            // An explicit indentation indicator when the first line starts with a space, which
            // YAML would otherwise take as the block's indentation.
            let width = if value.starts_with(' ') { "2" } else { "" };
            let chomp = if value.ends_with('\n') { "" } else { "-" };
            let _ = writeln!(
                self.out,
                "{:indent$}{prefix}{}: |{width}{chomp}",
                "",
                scalar(key)
            );
            for line in value.trim_end_matches('\n').lines() {
                if line.is_empty() {
                    self.out.push('\n');
                } else {
                    let _ = writeln!(self.out, "{:width$}{line}", "", width = key_column + 2);
                }
            }
        } else {
            let _ = writeln!(
                self.out,
                "{:indent$}{prefix}{}: {}",
                "",
                scalar(key),
                scalar(value)
            );
        }
    }

    /// `key: value` where the value is already YAML (a number, `true`, a flow mapping).
    pub fn raw(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.out, "{:indent$}{}: {value}", "", scalar(key));
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
