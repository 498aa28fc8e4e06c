//! A captured API reference page, split into its parts.
//!
//! The capture is plain text: headings on their own line, table cells one per line with
//! blank lines between, bullets as `•`. What comes before the title (the site's navigation
//! list) and from the cookie banner on (the footer) is noise; both are dropped here.

/// One non-empty line of the page, trimmed, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Line number in the file.
    pub number: usize,
    /// The text, trimmed.
    pub text: String,
    /// The text as captured, for examples whose indentation is kept.
    pub raw: String,
    /// Whether a blank line came right before it (paragraphs and cells are separated by one).
    pub after_blank: bool,
}

/// The kinds of section a page has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// "Function" or "Description": what the operation does.
    Function,
    /// "Constraints".
    Constraints,
    /// "URI": the method and path, path and query parameter tables.
    Uri,
    /// "Request Parameters": header and body tables.
    Request,
    /// "Response Parameters": tables per status.
    Response,
    /// "Example Request(s)".
    ExampleRequests,
    /// "Example Response(s)".
    ExampleResponses,
    /// "Status Code(s)": the status table.
    StatusCodes,
    /// Sections that only point elsewhere ("Calling Method", "API Calling", "Debugging",
    /// "Error Code(s)"): skipped on purpose.
    Pointer,
}

/// A section: its heading line and its content.
#[derive(Debug, Clone)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// The heading's line number.
    pub line: usize,
    /// The content lines.
    pub lines: Vec<Line>,
}

/// A page split into title and sections.
#[derive(Debug, Clone)]
pub struct Page {
    /// The title line.
    pub title: Line,
    /// Sections in page order.
    pub sections: Vec<Section>,
}

/// Why a text is not a page in the expected layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    /// Where.
    pub line: usize,
    /// What is missing or wrong.
    pub message: String,
}

fn heading(text: &str) -> Option<SectionKind> {
    Some(match text {
        "Function" | "Description" | "Functions" => SectionKind::Function,
        "Constraints" | "Constraint" => SectionKind::Constraints,
        "URI" => SectionKind::Uri,
        "Request Parameters" => SectionKind::Request,
        "Response Parameters" => SectionKind::Response,
        "Example Request" | "Example Requests" | "Request Example" | "Request Examples" => {
            SectionKind::ExampleRequests
        }
        "Example Response" | "Example Responses" | "Response Example" | "Response Examples" => {
            SectionKind::ExampleResponses
        }
        "Status Code" | "Status Codes" => SectionKind::StatusCodes,
        "Calling Method" | "API Calling" | "Debugging" | "Error Code" | "Error Codes" => {
            SectionKind::Pointer
        }
        _ => return None,
    })
}

/// The position of a section in a page; pointer sections may come anywhere.
fn order(kind: SectionKind) -> u8 {
    match kind {
        SectionKind::Function => 0,
        SectionKind::Constraints => 1,
        SectionKind::Uri => 2,
        SectionKind::Request => 3,
        SectionKind::Response => 4,
        SectionKind::ExampleRequests => 5,
        SectionKind::ExampleResponses => 6,
        SectionKind::StatusCodes => 7,
        SectionKind::Pointer => 0,
    }
}

/// Lines from which on the rest of a capture is the site's footer.
fn is_footer(text: &str) -> bool {
    text.starts_with("We use cookies") || text == "Feedback" || text == "Selected Content"
}

/// Splits `text` into the title and sections. The title is the last line before the first
/// "Function"/"Description" heading; everything before it is navigation.
pub fn parse_page(text: &str) -> Result<Page, LayoutError> {
    let mut lines = Vec::new();
    let mut after_blank = true;
    for (index, raw) in text.lines().enumerate() {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            after_blank = true;
            continue;
        }
        if is_footer(trimmed) {
            break;
        }
        lines.push(Line {
            number: index + 1,
            text: trimmed.to_owned(),
            raw: raw.trim_end().to_owned(),
            after_blank,
        });
        after_blank = false;
    }
    let first_heading = lines
        .iter()
        .position(|l| heading(&l.text) == Some(SectionKind::Function))
        .ok_or_else(|| LayoutError {
            line: 1,
            message: "no \"Function\" or \"Description\" section".into(),
        })?;
    if first_heading == 0 {
        return Err(LayoutError {
            line: lines[0].number,
            message: "no title before the \"Function\" section".into(),
        });
    }
    let title = lines[first_heading - 1].clone();

    let mut sections: Vec<Section> = Vec::new();
    let mut seen_status_heading = false;
    for line in lines.into_iter().skip(first_heading) {
        let kind = heading(&line.text).filter(|kind| {
            // Inside the status-code section, "Status Code" and "Description" are the table's
            // header cells; "Description" is a heading only as the first section.
            let in_status_table = seen_status_heading
                && sections
                    .last()
                    .is_some_and(|s| s.kind == SectionKind::StatusCodes);
            // Sections come in a fixed order, so a heading word inside a later section's cells
            // ("Constraints" in a "Definition / Constraints / Range" cell) is text.
            let kind = *kind;
            let in_order = sections
                .last()
                .is_none_or(|last| kind == SectionKind::Pointer || order(kind) >= order(last.kind));
            in_order
                && match kind {
                    SectionKind::Function => sections.is_empty(),
                    SectionKind::StatusCodes => !in_status_table,
                    _ => true,
                }
        });
        match kind {
            Some(kind) => {
                seen_status_heading |= kind == SectionKind::StatusCodes;
                sections.push(Section {
                    kind,
                    line: line.number,
                    lines: Vec::new(),
                });
            }
            // The first line kept is a heading, so there always is a section to add to.
            None => {
                if let Some(section) = sections.last_mut() {
                    section.lines.push(line);
                }
            }
        }
    }
    Ok(Page { title, sections })
}

impl Page {
    /// The sections of one kind.
    pub fn sections(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_and_footer_are_dropped() {
        let page = parse_page(
            "Compute\nStorage\n\nDeleting a Thing\n\nFunction\n\nDeletes.\n\nURI\n\nDELETE /v1/x\n\nStatus Code\n\nStatus Code\n\nDescription\n\n204\n\nDone\n\nWe use cookies to ...\n\nFeedback\n",
        )
        .unwrap();
        assert_eq!(page.title.text, "Deleting a Thing");
        let kinds: Vec<_> = page.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Function,
                SectionKind::Uri,
                SectionKind::StatusCodes
            ]
        );
        let status: Vec<&str> = page.sections[2]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(status, ["Status Code", "Description", "204", "Done"]);
    }

    #[test]
    fn a_page_without_function_is_a_located_error() {
        assert!(parse_page("Title\n\nURI\n\nGET /x\n").is_err());
        assert!(parse_page("Function\n\ntext").is_err());
    }
}
