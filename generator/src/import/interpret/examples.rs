//! Example requests and responses: URL lines, JSON bodies as printed, their titles and
//! statuses, wherever the page puts them (an example section, an `Example request` bullet of
//! the request section, a `请求样例` label).

use super::statuses::leading_code;
use super::walk::{Item, ItemKind, Label, Section, Walked};
use crate::diagnostics::Code;
use crate::import::Gap;
use crate::import::draft::{DraftExampleRequest, DraftExampleResponse};
use crate::import::vocabulary::{self, Vocabularies};

/// The status of an example response the page does not state: the operation's success status,
/// decided once all statuses are known.
pub const SUCCESS: u16 = 0;

/// The examples of a page.
#[derive(Debug, Default)]
pub struct Examples {
    pub requests: Vec<DraftExampleRequest>,
    /// Responses; `status` is [`SUCCESS`] where the page does not say.
    pub responses: Vec<DraftExampleResponse>,
    /// Example bodies the spec cannot hold (a second body for one status).
    pub dropped: Vec<Gap>,
    /// What was not understood.
    pub gaps: Vec<Gap>,
}

enum Kind {
    Request,
    Response,
}

fn kind_of(item: &Item) -> Option<Kind> {
    match (&item.context.label, item.context.section) {
        (Some(Label::ExampleRequest), _) | (_, Section::ExampleRequests) => Some(Kind::Request),
        (Some(Label::ExampleResponse), _) | (_, Section::ExampleResponses) => Some(Kind::Response),
        _ => None,
    }
}

/// Collects the examples.
pub fn collect(walked: &Walked, vocabularies: &Vocabularies) -> Examples {
    let mut out = Examples::default();
    let mut pending_title: Vec<String> = Vec::new();
    let mut current_status: Option<u16> = None;
    let mut last_request_item: Option<usize> = None;
    for (index, item) in walked.items.iter().enumerate() {
        let Some(kind) = kind_of(item) else {
            continue;
        };
        match kind {
            Kind::Request => {
                let contiguous = last_request_item.is_some_and(|last| last + 1 == index);
                if !contiguous {
                    pending_title.clear();
                }
                last_request_item = Some(index);
                match item.kind {
                    ItemKind::Text(text) => {
                        let text = text.text.trim();
                        if is_noise(vocabularies, text) {
                            continue;
                        }
                        if is_url_line(text) {
                            out.requests.push(DraftExampleRequest {
                                title: take_title(&mut pending_title),
                                url: Some(text.to_owned()),
                                ..Default::default()
                            });
                        } else {
                            pending_title.push(text.to_owned());
                        }
                    }
                    ItemKind::Code(code) => {
                        for (line_index, line) in code.text.lines().enumerate() {
                            // A code block holding the URL line (and maybe the body after it).
                            if line_index == 0 && is_url_line(line.trim()) {
                                let body = code.text.lines().skip(1).collect::<Vec<_>>().join("\n");
                                out.requests.push(DraftExampleRequest {
                                    title: take_title(&mut pending_title),
                                    url: Some(line.trim().to_owned()),
                                    body: body_of(&body),
                                    ..Default::default()
                                });
                                break;
                            }
                            if line_index == 0 {
                                match out
                                    .requests
                                    .last_mut()
                                    .filter(|e| e.body.is_none() && pending_title.is_empty())
                                {
                                    Some(example) => example.body = body_of(&code.text),
                                    None => out.requests.push(DraftExampleRequest {
                                        title: take_title(&mut pending_title),
                                        body: body_of(&code.text),
                                        ..Default::default()
                                    }),
                                }
                                break;
                            }
                        }
                    }
                    ItemKind::Table(_) => out.gaps.push(Gap {
                        code: Code::TableNotUnderstood,
                        line: item.line,
                        message: "a table among the example requests".into(),
                        place: Some("examples"),
                    }),
                }
            }
            Kind::Response => {
                let status = item.context.status.or(current_status);
                match item.kind {
                    ItemKind::Text(text) => {
                        let text = text.text.trim();
                        if let Some((code, rest)) = response_marker(vocabularies, text) {
                            current_status = Some(code);
                            push_response(&mut out, code, item.line);
                            // `HTTP/1.1 404 Not Found { ... }` on one line.
                            if let Some(brace) = rest.find(['{', '['])
                                && let Some(example) = out.responses.last_mut()
                            {
                                example.body = Some(rest[brace..].to_owned());
                            }
                            continue;
                        }
                        if is_noise(vocabularies, text) {
                            continue;
                        }
                        let code = status.unwrap_or(SUCCESS);
                        let example = push_response(&mut out, code, item.line);
                        if let Some(example) = example {
                            if text == "null" && example.body.is_none() {
                                example.body = Some("null".into());
                                continue;
                            }
                            let description = example.description.get_or_insert_with(String::new);
                            if !description.is_empty() {
                                description.push('\n');
                            }
                            description.push_str(text);
                        }
                    }
                    ItemKind::Code(code) => {
                        let status = status.unwrap_or(SUCCESS);
                        let index = match out.responses.iter().position(|e| e.status == status) {
                            Some(index) => index,
                            None => {
                                out.responses.push(DraftExampleResponse {
                                    status,
                                    ..Default::default()
                                });
                                out.responses.len() - 1
                            }
                        };
                        let example = &mut out.responses[index];
                        if example.body.is_none() {
                            example.body = body_of(&code.text);
                        } else {
                            out.dropped.push(Gap {
                                code: Code::ExampleDropped,
                                line: item.line,
                                message: format!(
                                    "a second example body for status {}: the spec keeps one per status",
                                    if status == SUCCESS { "(success)".to_owned() } else { status.to_string() }
                                ),
                                place: Some("examples"),
                            });
                        }
                    }
                    ItemKind::Table(_) => out.gaps.push(Gap {
                        code: Code::TableNotUnderstood,
                        line: item.line,
                        message: "a table among the example responses".into(),
                        place: Some("examples"),
                    }),
                }
            }
        }
    }
    if !pending_title.is_empty() {
        out.requests.push(DraftExampleRequest {
            title: take_title(&mut pending_title),
            ..Default::default()
        });
    }
    // A body that is not JSON (the page's example is broken) cannot be a spec example body:
    // it is kept, as printed, in the example's text, and reported.
    for example in &mut out.requests {
        if let Some(note) = not_json(&mut example.body) {
            example.title = Some(join_text(example.title.take(), note.0));
            out.dropped.push(Gap {
                code: Code::ExampleDropped,
                line: 0,
                message: note.1,
                place: None,
            });
        }
    }
    for example in &mut out.responses {
        if let Some(note) = not_json(&mut example.body) {
            example.description = Some(join_text(example.description.take(), note.0));
            out.dropped.push(Gap {
                code: Code::ExampleDropped,
                line: 0,
                message: note.1,
                place: None,
            });
        }
    }
    out
}

/// Takes a body that is not JSON out of `body`: (the text to keep, the report line).
fn not_json(body: &mut Option<String>) -> Option<(String, String)> {
    let text = body.as_deref()?;
    let error = serde_json::from_str::<serde_json::Value>(text).err()?;
    let kept = format!("The page's example body is not valid JSON ({error}); as printed:\n{text}");
    *body = None;
    Some((
        kept,
        format!("an example body is not valid JSON ({error}): kept as text"),
    ))
}

fn join_text(first: Option<String>, second: String) -> String {
    match first {
        Some(first) if !first.is_empty() => format!("{first}\n{second}"),
        _ => second,
    }
}

fn push_response(
    out: &mut Examples,
    status: u16,
    _line: usize,
) -> Option<&mut DraftExampleResponse> {
    if !out.responses.iter().any(|e| e.status == status) {
        out.responses.push(DraftExampleResponse {
            status,
            ..Default::default()
        });
    }
    out.responses.iter_mut().find(|e| e.status == status)
}

fn take_title(pending: &mut Vec<String>) -> Option<String> {
    let title = (!pending.is_empty()).then(|| pending.join("\n"));
    pending.clear();
    title
}

fn body_of(text: &str) -> Option<String> {
    let trimmed = text.trim_end();
    (!trimmed.trim().is_empty()).then(|| trimmed.to_owned())
}

/// `Status code: 200`, `HTTP/1.1 204`, `STATUS CODE 204`: the code and the rest of the line.
fn response_marker<'t>(vocabularies: &Vocabularies, text: &'t str) -> Option<(u16, &'t str)> {
    let captures = vocabularies.template(vocabulary::statuses, "marker", text)?;
    let captured = captures.get("code")?;
    let (code, _) = leading_code(captured)?;
    let at = text.find(&code.to_string())?;
    Some((code, text[at + 3..].trim()))
}

/// Text with no content of its own: `None`, a code listing's line number.
fn is_noise(vocabularies: &Vocabularies, text: &str) -> bool {
    vocabularies.is(vocabulary::values, "none", text)
        || (!text.is_empty() && text.len() <= 3 && text.chars().all(|c| c.is_ascii_digit()))
}

/// An example URL line: an optional method, then `http(s)://...` without spaces, or a path.
pub fn is_url_line(text: &str) -> bool {
    let url = match text.split_once(char::is_whitespace) {
        Some((method, rest))
            if ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
                .contains(&method.to_ascii_uppercase().as_str()) =>
        {
            rest.trim()
        }
        _ => text,
    };
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://")
        || lower.starts_with("http://")
        || (url.starts_with('/') && url != text))
        && !url.contains(char::is_whitespace)
}
