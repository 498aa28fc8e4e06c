//! Page → draft: the sections, tables and examples of a page turned into an operation draft.

use std::collections::BTreeMap;

use super::cells::parse_cell;
use super::draft::{
    DraftBody, DraftExampleRequest, DraftExampleResponse, DraftField, DraftModel, DraftOperation,
    DraftParam, DraftResponse,
};
use super::naming::derive_id;
use super::page::{Line, Page, SectionKind};
use super::table::{self, Block, Table, blocks};
use super::types::{TypeExpr, parse_type};
use super::{Gap, ImportError, ImportOptions};
use crate::spec::check::MANAGED_HEADERS;

pub(super) struct Importer {
    pub(super) gaps: Vec<Gap>,
    /// Nested tables seen anywhere on the page.
    pub(super) models: Vec<DraftModel>,
}

/// Standard table captions, without their `Table N` prefix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Caption {
    Path,
    Query,
    RequestHeaders,
    RequestBody,
    ResponseBody,
    ResponseHeaders,
    Nested,
}

fn classify_caption(caption: &str) -> Caption {
    match caption.to_ascii_lowercase().as_str() {
        "path parameters" | "uri parameters" | "path parameter" => Caption::Path,
        "query parameters" | "query parameter" => Caption::Query,
        "request header parameters" | "parameters in the request header" | "request headers" => {
            Caption::RequestHeaders
        }
        "request body parameters" | "request body parameter" | "parameters in the request body" => {
            Caption::RequestBody
        }
        "response body parameters"
        | "response body parameter"
        | "parameters in the response body" => Caption::ResponseBody,
        "response header parameters" | "parameters in the response header" | "response headers" => {
            Caption::ResponseHeaders
        }
        _ => Caption::Nested,
    }
}

fn is_none(text: &str) -> bool {
    matches!(text, "None" | "None." | "N/A" | "none")
}

fn looks_like_header(name: &str) -> bool {
    name.contains('-') && name.starts_with(|c: char| c.is_ascii_uppercase())
}

impl Importer {
    fn gap(&mut self, line: usize, message: impl Into<String>) {
        self.gaps.push(Gap {
            line,
            message: message.into(),
        });
    }

    fn fields(&mut self, table: &Table) -> Vec<DraftField> {
        let mut fields: Vec<DraftField> = Vec::new();
        for row in &table.rows {
            let ty = match parse_type(&row.ty.text) {
                Ok(ty) => ty,
                Err(message) => {
                    self.gap(row.ty.number, message);
                    continue;
                }
            };
            if fields.iter().any(|f| f.name == row.name.text) {
                self.gap(
                    row.name.number,
                    format!("`{}` is listed twice in the table", row.name.text),
                );
                continue;
            }
            fields.push(DraftField {
                name: row.name.text.clone(),
                ty,
                required: row.required.unwrap_or(false),
                cell: parse_cell(&row.description),
                line: row.name.number,
            });
        }
        fields
    }

    fn nested(&mut self, table: &Table, caption: &str) {
        let fields = self.fields(table);
        if self.models.iter().any(|m| m.name == caption) {
            self.gap(table.line, format!("table `{caption}` appears twice"));
            return;
        }
        self.models.push(DraftModel {
            name: caption.to_owned(),
            fields,
        });
    }

    pub(super) fn draft(
        &mut self,
        page: &Page,
        options: &ImportOptions,
    ) -> Result<DraftOperation, ImportError> {
        let mut draft = DraftOperation {
            id: options
                .id
                .clone()
                .unwrap_or_else(|| derive_id(&page.title.text)),
            title: page.title.text.clone(),
            doc_url: options.doc_url.clone(),
            ..DraftOperation::default()
        };
        draft.description = page
            .sections(SectionKind::Function)
            .next()
            .map(|s| paragraphs(&s.lines))
            .filter(|d| !d.is_empty());
        draft.constraints = page
            .sections(SectionKind::Constraints)
            .next()
            .map(|s| paragraphs(&s.lines))
            .filter(|d| !d.is_empty());

        let Some(uri) = page.sections(SectionKind::Uri).next() else {
            return Err(ImportError::Page(vec![Gap {
                line: page.title.number,
                message: "the page has no URI section".into(),
            }]));
        };
        let mut params = Vec::new();
        let mut found_uri = false;
        for block in blocks(&uri.lines) {
            match block {
                Block::Text(line) if !found_uri && uri_line(&line.text).is_some() => {
                    let (method, path) = uri_line(&line.text).unwrap_or_default();
                    draft.method = method.to_owned();
                    draft.path = path.to_owned();
                    found_uri = true;
                }
                Block::Table(table) => {
                    let placeholders = placeholders(&draft.path);
                    let caption = table.caption.as_deref().map(classify_caption);
                    for field in self.fields(&table) {
                        let location = match caption {
                            Some(Caption::Path) => "path",
                            Some(Caption::Query) => "query",
                            None if placeholders.contains(&field.name) => "path",
                            None => "query",
                            Some(_) => {
                                self.gap(table.line, "an unexpected table in the URI section");
                                break;
                            }
                        };
                        params.push(self.param(location, field));
                    }
                }
                other => self.unexpected(other),
            }
        }
        if !found_uri {
            return Err(ImportError::Page(vec![Gap {
                line: uri.line,
                message: "no `METHOD /path` line in the URI section".into(),
            }]));
        }

        for section in page.sections(SectionKind::Request) {
            for block in blocks(&section.lines) {
                match block {
                    Block::Table(table) => {
                        let caption = table.caption.as_deref().map(classify_caption);
                        let is_headers = match caption {
                            Some(Caption::RequestHeaders) => true,
                            None => table.rows.iter().all(|r| looks_like_header(&r.name.text)),
                            _ => false,
                        };
                        match caption {
                            Some(Caption::Nested) => {
                                self.nested(&table, table.caption.as_deref().unwrap_or_default())
                            }
                            Some(Caption::Path | Caption::Query) => {
                                let location = if caption == Some(Caption::Path) {
                                    "path"
                                } else {
                                    "query"
                                };
                                for field in self.fields(&table) {
                                    params.push(self.param(location, field));
                                }
                            }
                            _ if is_headers => {
                                for field in self.fields(&table) {
                                    params.push(self.param("header", field));
                                }
                            }
                            _ => {
                                let fields = self.fields(&table);
                                draft.request.get_or_insert_with(Vec::new).extend(fields);
                            }
                        }
                    }
                    Block::Text(line) if is_none(&line.text) => {}
                    other => self.unexpected(other),
                }
            }
        }
        for (index, param) in params.iter().enumerate() {
            if params[..index].iter().any(|p| {
                p.field.name.eq_ignore_ascii_case(&param.field.name) && p.location == param.location
            }) {
                self.gap(
                    param.field.line,
                    format!("parameter `{}` is listed twice", param.field.name),
                );
            }
        }
        params.dedup_by(|b, a| {
            a.field.name.eq_ignore_ascii_case(&b.field.name) && a.location == b.location
        });
        draft.params = params;

        let statuses = self.status_table(page);
        let bodies = self.response_bodies(page);
        let mut codes: Vec<u16> = statuses.keys().copied().collect();
        for code in bodies.keys() {
            if !codes.contains(code) {
                codes.push(*code);
            }
        }
        for code in codes {
            let (body, headers, text) = bodies.get(&code).cloned().unwrap_or_default();
            let description = statuses.get(&code).cloned().or(text).unwrap_or_default();
            draft.responses.push(DraftResponse {
                status: code,
                description,
                body,
                headers,
            });
        }
        if draft.responses.is_empty() {
            self.gap(
                page.title.number,
                "no status codes: the page has no status table and no response tables",
            );
        }
        draft.example_requests = self.example_requests(page);
        draft.example_responses = self.example_responses(page);
        Ok(draft)
    }

    fn unexpected(&mut self, block: Block) {
        match block {
            Block::Text(line) if is_none(&line.text) => {}
            Block::Text(line) => self.gap(
                line.number,
                format!("text not understood here: {:?}", line.text),
            ),
            Block::Status(_, line) => {
                self.gap(line.number, "a status outside the response section")
            }
            Block::Table(table) => self.gap(table.line, "a table not understood here"),
            Block::Broken(line, message) => self.gap(line, message),
        }
    }

    fn param(&mut self, location: &'static str, field: DraftField) -> DraftParam {
        let managed = location == "header"
            && MANAGED_HEADERS
                .iter()
                .any(|h| h.eq_ignore_ascii_case(&field.name));
        let from_project = location == "path" && field.name == "project_id";
        let field = if location == "path" {
            DraftField {
                required: true,
                ..field
            }
        } else {
            field
        };
        DraftParam {
            location,
            field,
            from_project,
            managed,
        }
    }

    /// Status → description, from the status table.
    fn status_table(&mut self, page: &Page) -> BTreeMap<u16, String> {
        let mut statuses = BTreeMap::new();
        for section in page.sections(SectionKind::StatusCodes) {
            let lines: Vec<&Line> = section
                .lines
                .iter()
                .skip_while(|l| l.text == "Status Code" || l.text == "Description")
                .collect();
            let mut current: Option<u16> = None;
            for line in lines {
                match line.text.parse::<u16>() {
                    Ok(code) if (100..=599).contains(&code) => {
                        current = Some(code);
                        statuses.insert(code, String::new());
                    }
                    _ => match current.and_then(|c| statuses.get_mut(&c)) {
                        Some(description) => {
                            if !description.is_empty() {
                                description.push('\n');
                            }
                            description.push_str(&line.text);
                        }
                        None => self.gap(
                            line.number,
                            format!("expected a status code, found {:?}", line.text),
                        ),
                    },
                }
            }
        }
        statuses
    }

    /// Status → (body, headers, text under the status) from the response section.
    #[allow(clippy::type_complexity)]
    fn response_bodies(
        &mut self,
        page: &Page,
    ) -> BTreeMap<u16, (Option<DraftBody>, Vec<DraftField>, Option<String>)> {
        let mut out: BTreeMap<u16, (Option<DraftBody>, Vec<DraftField>, Option<String>)> =
            BTreeMap::new();
        for section in page.sections(SectionKind::Response) {
            let mut current: Option<u16> = None;
            for block in blocks(&section.lines) {
                match block {
                    Block::Status(code, _) => {
                        current = Some(code);
                        out.entry(code).or_default();
                    }
                    Block::Text(line) if is_none(&line.text) => {}
                    Block::Text(line) => match current.and_then(|c| out.get_mut(&c)) {
                        Some((_, _, text)) if text.is_none() => *text = Some(line.text.clone()),
                        _ => self.gap(
                            line.number,
                            format!("text not understood here: {:?}", line.text),
                        ),
                    },
                    Block::Table(table) => {
                        let caption = table.caption.as_deref().map(classify_caption);
                        if caption == Some(Caption::Nested) {
                            self.nested(&table, table.caption.as_deref().unwrap_or_default());
                            continue;
                        }
                        let Some(code) = current else {
                            self.gap(
                                table.line,
                                "a response table before any `Status code:` line",
                            );
                            continue;
                        };
                        let fields = self.fields(&table);
                        let entry = out.entry(code).or_default();
                        if caption == Some(Caption::ResponseHeaders) {
                            entry.1.extend(fields);
                        } else if let [only] = fields.as_slice()
                            && only.ty == TypeExpr::File
                        {
                            entry.0 = Some(DraftBody::File(only.cell.doc.clone()));
                        } else if entry.0.is_none() {
                            entry.0 = Some(DraftBody::Fields(fields));
                        } else {
                            self.gap(table.line, format!("a second body table for status {code}"));
                        }
                    }
                    other => self.unexpected(other),
                }
            }
        }
        // A status whose example says the body is a file stream, without a table.
        for example in self.example_responses_text(page) {
            if let Some((body, _, _)) = out.get_mut(&example.0)
                && body.is_none()
                && is_file_text(&example.1)
            {
                *body = Some(DraftBody::File(example.1.clone()));
            }
            if let std::collections::btree_map::Entry::Vacant(entry) = out.entry(example.0)
                && is_file_text(&example.1)
            {
                entry.insert((Some(DraftBody::File(example.1.clone())), Vec::new(), None));
            }
        }
        out
    }

    /// (status, description text) of each example response, for file detection.
    fn example_responses_text(&self, page: &Page) -> Vec<(u16, String)> {
        let mut out = Vec::new();
        for section in page.sections(SectionKind::ExampleResponses) {
            let mut current = None;
            for line in &section.lines {
                if let Some(code) = table::status_line(&line.text) {
                    current = Some(code);
                } else if let Some(code) = current.take()
                    && !line.text.starts_with(['{', '['])
                {
                    out.push((code, line.text.clone()));
                }
            }
        }
        out
    }

    fn example_requests(&mut self, page: &Page) -> Vec<DraftExampleRequest> {
        let mut examples: Vec<DraftExampleRequest> = Vec::new();
        for section in page.sections(SectionKind::ExampleRequests) {
            let mut pending_title: Vec<String> = Vec::new();
            let mut i = 0;
            while i < section.lines.len() {
                let line = &section.lines[i];
                if is_none(&line.text) {
                    i += 1;
                } else if is_url_line(&line.text) {
                    let title = (!pending_title.is_empty()).then(|| pending_title.join("\n"));
                    pending_title.clear();
                    examples.push(DraftExampleRequest {
                        title,
                        url: Some(line.text.clone()),
                        ..Default::default()
                    });
                    i += 1;
                } else if line.text.starts_with(['{', '[']) {
                    let (json, next) = json_block(&section.lines, i);
                    match examples.last_mut().filter(|e| e.body.is_none()) {
                        Some(example) => example.body = Some(json),
                        None => examples.push(DraftExampleRequest {
                            title: (!pending_title.is_empty()).then(|| pending_title.join("\n")),
                            body: Some(json),
                            ..Default::default()
                        }),
                    }
                    pending_title.clear();
                    i = next;
                } else {
                    pending_title.push(line.text.clone());
                    i += 1;
                }
            }
            // Prose without URL or body: an example described in words.
            if !pending_title.is_empty() {
                examples.push(DraftExampleRequest {
                    title: Some(pending_title.join("\n")),
                    ..Default::default()
                });
            }
        }
        examples
    }

    fn example_responses(&mut self, page: &Page) -> Vec<DraftExampleResponse> {
        let mut examples: Vec<DraftExampleResponse> = Vec::new();
        for section in page.sections(SectionKind::ExampleResponses) {
            let mut i = 0;
            while i < section.lines.len() {
                let line = &section.lines[i];
                if let Some(code) = table::status_line(&line.text) {
                    examples.push(DraftExampleResponse {
                        status: code,
                        ..Default::default()
                    });
                    i += 1;
                } else if is_none(&line.text) {
                    i += 1;
                } else if line.text.starts_with(['{', '[']) {
                    let (json, next) = json_block(&section.lines, i);
                    match examples.last_mut() {
                        Some(example) if example.body.is_none() => example.body = Some(json),
                        _ => self.gap(
                            line.number,
                            "an example body without its `Status code:` line",
                        ),
                    }
                    i = next;
                } else {
                    match examples.last_mut() {
                        Some(example) if example.body.is_none() => {
                            let description = example.description.get_or_insert_with(String::new);
                            if !description.is_empty() {
                                description.push('\n');
                            }
                            description.push_str(&line.text);
                        }
                        _ => self.gap(
                            line.number,
                            format!("text not understood here: {:?}", line.text),
                        ),
                    }
                    i += 1;
                }
            }
        }
        examples
    }
}

fn is_file_text(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("file stream") || lower.contains("binary stream")
}

/// Paragraphs of a text section, one per line; bullets as `• item`.
fn paragraphs(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| match l.text.strip_prefix('•') {
            Some(rest) => format!("• {}", rest.trim()),
            None => l.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn uri_line(text: &str) -> Option<(&str, &str)> {
    let (method, path) = text.split_once(' ')?;
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
    (methods.contains(&method) && path.starts_with('/') && !path.contains(' '))
        .then_some((method, path))
}

fn is_url_line(text: &str) -> bool {
    let url = match text.split_once(' ') {
        Some((method, rest))
            if ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(&method) =>
        {
            rest.trim()
        }
        _ => text,
    };
    (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(' ')
}

fn placeholders(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(str::to_owned)
        .collect()
}

/// The JSON block starting at `start`, as printed (the raw lines, indentation kept), and the
/// index after it. It ends where brackets balance, outside strings.
fn json_block(lines: &[Line], start: usize) -> (String, usize) {
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut out = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = &lines[i];
        out.push(line.raw.as_str());
        for c in line.raw.chars() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_string = false,
                (false, _, '"') => in_string = true,
                (false, _, '{' | '[') => depth += 1,
                (false, _, '}' | ']') => depth -= 1,
                _ => {}
            }
        }
        i += 1;
        if depth <= 0 {
            break;
        }
    }
    (out.join("\n"), i)
}
