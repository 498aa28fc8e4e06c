//! Statuses a page states outside its status table: `Status code: 204` lines in the response
//! section (with the text under them), `HTTP status code 204` bullets, and the `Normal` /
//! `Abnormal` (正常 / 异常) bullets of a status section that hold `200` or `204 NOCONTENT`.

use super::walk::{ItemKind, Label, Section, Walked};
use crate::import::vocabulary::{self, Vocabularies};

/// The statuses stated in prose, each with its description (possibly empty), in page order.
pub fn mentioned(walked: &Walked, vocabularies: &Vocabularies) -> Vec<(u16, String)> {
    let mut out: Vec<(u16, String)> = Vec::new();
    let mut awaiting_description: Option<usize> = None;
    for item in &walked.items {
        let ItemKind::Text(text) = item.kind else {
            awaiting_description = None;
            continue;
        };
        let text = text.text.trim();
        let section = item.context.section;
        if matches!(
            section,
            Section::Examples | Section::ExampleRequests | Section::ExampleResponses
        ) || matches!(
            item.context.label,
            Some(Label::ExampleRequest | Label::ExampleResponse)
        ) {
            continue;
        }
        if let Some(captures) = vocabularies.template(vocabulary::statuses, "marker", text) {
            if let Some(code) = captures
                .get("code")
                .and_then(|c| leading_code(c).map(|(c, _)| c))
            {
                if !out.iter().any(|(c, _)| *c == code) {
                    out.push((code, String::new()));
                }
                awaiting_description = (section == Section::Response)
                    .then(|| out.iter().position(|(c, _)| *c == code))
                    .flatten();
            }
            continue;
        }
        if (section == Section::StatusCodes
            || matches!(item.context.label, Some(Label::Normal | Label::Abnormal)))
            && let Some((code, rest)) = leading_code(text)
        {
            if !out.iter().any(|(c, _)| *c == code) {
                out.push((code, rest.to_owned()));
            }
            continue;
        }
        if let Some(index) = awaiting_description.take()
            && out[index].1.is_empty()
            && !vocabularies.is(vocabulary::values, "none", text)
        {
            out[index].1 = text.to_owned();
        }
    }
    out
}

/// Whether a text only points to the status section.
pub fn is_pointer(vocabularies: &Vocabularies, text: &str) -> bool {
    vocabularies.phrase(vocabulary::statuses, text) == Some("pointer")
}

/// `204`, `204 NOCONTENT`, `400 Bad Request`: the code and the rest.
pub fn leading_code(text: &str) -> Option<(u16, &str)> {
    let text = text.trim();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits != 3 {
        return None;
    }
    let rest = &text[3..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let code: u16 = text[..3].parse().ok()?;
    (100..=599).contains(&code).then(|| (code, rest.trim()))
}
