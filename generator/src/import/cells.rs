//! A Description cell: the text, and the constraints pages state in it on lines of their own
//! ("Enumerated values:" with bullets, "Default value: en-us", "Minimum length: 12",
//! "Array Length: 0 - 10"), or in "Definition / Constraints / Range / Default Value"
//! sub-paragraphs. Constraints stated only in prose stay in the text.

use super::page::Line;

/// What a Description cell says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The text, one line per paragraph or bullet (`• ...`).
    pub doc: String,
    /// Documented values, each with its meaning when the page gives one.
    pub enum_values: Vec<(String, Option<String>)>,
    /// "Default value:" / "Default:" / a Default Value sub-paragraph.
    pub default: Option<String>,
    /// "Minimum length:".
    pub min_length: Option<String>,
    /// "Maximum length:".
    pub max_length: Option<String>,
    /// "Minimum:" (a length on strings, a value on numbers).
    pub minimum: Option<String>,
    /// "Maximum:".
    pub maximum: Option<String>,
    /// "Array Length: min - max".
    pub items: Option<(String, String)>,
}

/// Sub-paragraph headings of the "Definition / Constraints / Range / Default Value" layout.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Text,
    Constraints,
    Range,
    Default,
}

fn enum_intro(text: &str) -> Option<&str> {
    for marker in [
        "Enumerated values:",
        "Enumeration values:",
        "Enumeration value:",
        "Values:",
        "Value range:",
    ] {
        if let Some(before) = text.strip_suffix(marker) {
            return Some(before.trim_end());
        }
    }
    None
}

fn labelled<'a>(text: &'a str, labels: &[&str]) -> Option<&'a str> {
    labels
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .map(|rest| rest.trim().trim_end_matches('.').trim())
}

fn not_applicable(text: &str) -> bool {
    matches!(
        text.trim_end_matches('.'),
        "N/A" | "n/a" | "None" | "none" | "-"
    )
}

/// Reads a Description cell.
pub fn parse_cell(lines: &[Line]) -> Cell {
    let mut cell = Cell::default();
    let mut doc: Vec<String> = Vec::new();
    let mut in_enum = false;
    let mut part = Part::Text;
    for line in lines {
        let text = line.text.as_str();
        if let Some(bullet) = text.strip_prefix('•') {
            let bullet = bullet.trim();
            if in_enum {
                let (value, meaning) = match bullet.split_once(": ") {
                    Some((value, meaning)) => (value.trim(), Some(meaning.trim().to_owned())),
                    None => (bullet.trim_end_matches(':'), None),
                };
                cell.enum_values.push((value.to_owned(), meaning));
            } else {
                doc.push(format!("• {bullet}"));
            }
            continue;
        }
        in_enum = false;
        match text {
            "Definition" => {
                part = Part::Text;
                continue;
            }
            "Constraints" => {
                part = Part::Constraints;
                continue;
            }
            "Range" => {
                part = Part::Range;
                continue;
            }
            "Default Value" | "Default value" => {
                part = Part::Default;
                continue;
            }
            _ => {}
        }
        if let Some(before) = enum_intro(text) {
            in_enum = true;
            if !before.is_empty() {
                doc.push(before.to_owned());
            }
            continue;
        }
        if let Some(value) = labelled(text, &["Default value:", "Default:"]) {
            cell.default = Some(value.to_owned());
        } else if let Some(value) = labelled(text, &["Minimum length:"]) {
            cell.min_length = Some(value.to_owned());
        } else if let Some(value) = labelled(text, &["Maximum length:"]) {
            cell.max_length = Some(value.to_owned());
        } else if let Some(value) = labelled(text, &["Minimum:"]) {
            cell.minimum = Some(value.to_owned());
        } else if let Some(value) = labelled(text, &["Maximum:"]) {
            cell.maximum = Some(value.to_owned());
        } else if let Some(range) = labelled(text, &["Array Length:", "Array length:"])
            && let Some((min, max)) = range.split_once('-')
        {
            cell.items = Some((min.trim().to_owned(), max.trim().to_owned()));
        } else {
            match part {
                _ if not_applicable(text) && part != Part::Text => {}
                Part::Text => doc.push(text.to_owned()),
                Part::Constraints => doc.push(format!("Constraints: {text}")),
                Part::Range => doc.push(format!("Range: {text}")),
                Part::Default => cell.default = Some(text.trim_end_matches('.').to_owned()),
            }
        }
    }
    cell.doc = doc.join("\n");
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                number: i + 1,
                text: (*t).to_owned(),
                raw: (*t).to_owned(),
                after_blank: true,
            })
            .collect()
    }

    #[test]
    fn enums_defaults_and_lengths() {
        let cell = parse_cell(&lines(&[
            "Request language type.",
            "Default value: en-us",
            "Enumerated values:",
            "• en-us",
            "• zh-cn",
        ]));
        assert_eq!(cell.doc, "Request language type.");
        assert_eq!(cell.default.as_deref(), Some("en-us"));
        assert_eq!(
            cell.enum_values,
            [("en-us".into(), None), ("zh-cn".into(), None)]
        );

        let cell = parse_cell(&lines(&[
            "Whether to refresh. Values:",
            "• true: from the source.",
            "• false: from the cache.",
        ]));
        assert_eq!(cell.doc, "Whether to refresh.");
        assert_eq!(
            cell.enum_values[0],
            ("true".into(), Some("from the source.".into()))
        );

        let cell = parse_cell(&lines(&[
            "Error code.",
            "Minimum length: 12",
            "Maximum length: 12",
        ]));
        assert_eq!(
            (cell.min_length.as_deref(), cell.max_length.as_deref()),
            (Some("12"), Some("12"))
        );

        let cell = parse_cell(&lines(&[
            "Values.",
            "Minimum: 0",
            "Maximum: 255",
            "Array Length: 0 - 10",
        ]));
        assert_eq!(cell.items, Some(("0".into(), "10".into())));
    }

    #[test]
    fn definition_sub_paragraphs() {
        let cell = parse_cell(&lines(&[
            "Definition",
            "The project ID.",
            "Constraints",
            "N/A",
            "Range",
            "See IAM.",
            "Default Value",
            "N/A",
        ]));
        assert_eq!(cell.doc, "The project ID.\nRange: See IAM.");
        assert_eq!(cell.default, None);
        let cell = parse_cell(&lines(&["Definition", "Size.", "Default Value", "10"]));
        assert_eq!(cell.default.as_deref(), Some("10"));
    }

    #[test]
    fn bullets_outside_enums_stay_text() {
        let cell = parse_cell(&lines(&["Either:", "• one", "• two"]));
        assert_eq!(cell.doc, "Either:\n• one\n• two");
        assert!(cell.enum_values.is_empty());
    }
}
