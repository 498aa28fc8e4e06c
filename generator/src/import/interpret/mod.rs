//! The page interpreter: a [`Document`] → an operation draft, in any language the
//! vocabularies know.
//!
//! Interpretation runs in three passes:
//! 1. `walk`: the document tree becomes a flat list of items (text, tables, code), each
//!    with its context: the section its heading opened, the label that introduced it (the
//!    lead of a list item such as `URI format`/`请求样例`, a sub-heading, a paragraph of its
//!    own) and the status a `Status code: 400` line announced.
//! 2. `tables`: each table is classified by its columns, caption, label and section into
//!    parameters, a request or response body, an object that a field refers to, statuses, or
//!    a method/URI table; each row becomes a field or a gap.
//! 3. This module assembles the draft: method and path (`uri`), parameters, bodies linked to
//!    their object tables, statuses (`statuses`) and examples (`examples`).
//!
//! Nothing here depends on the source format, and every word comes from the vocabularies.

pub mod cell;
mod examples;
mod statuses;
mod tables;
mod uri;
mod walk;

use std::collections::{BTreeMap, HashSet};

use super::draft::{DraftBody, DraftField, DraftModel, DraftOperation, DraftParam, DraftResponse};
use super::read::document::Document;
use super::types::TypeExpr;
use super::vocabulary::{self, Vocabularies};
use super::{Gap, ImportOptions};
use crate::diagnostics::Code;
use crate::spec::check::MANAGED_HEADERS;
use tables::{Role, TableInfo};
use walk::Section;

/// What the interpreter made of a page.
#[derive(Debug, Default)]
pub struct Interpreted {
    /// The operation.
    pub draft: DraftOperation,
    /// What was not understood, each with its line.
    pub gaps: Vec<Gap>,
    /// Facts the page implies rather than states (an inferred status, an assumed type).
    pub inferred: Vec<String>,
    /// Constraints stated in prose and kept as text, with the field they belong to.
    pub prose_constraints: Vec<String>,
    /// Table rows the page has.
    pub rows_total: usize,
    /// Table rows that landed in the draft.
    pub rows_understood: usize,
    /// Models described by the page's object tables, by name.
    pub models: Vec<DraftModel>,
    /// Things the page says that the spec does not keep (a second example body for a status).
    pub warnings: Vec<String>,
}

/// Interprets a read page. `Err` (with the page's title and its line) when the page is not an
/// operation page at all: it states no `METHOD /path`.
///
/// `known_models` are models defined outside the page (the service's shared models), which a
/// type cell may name.
pub fn interpret(
    document: &Document,
    options: &ImportOptions,
    vocabularies: &Vocabularies,
    known_models: &[String],
) -> Result<Interpreted, Gap> {
    let mut interpreter = Interpreter {
        vocabularies,
        known_models,
        out: Interpreted::default(),
    };
    interpreter.run(document, options)?;
    Ok(interpreter.out)
}

struct Interpreter<'v> {
    vocabularies: &'v Vocabularies,
    known_models: &'v [String],
    out: Interpreted,
}

/// Fields of a body table waiting for their status (zh pages put response tables before the
/// status section that says which status they belong to).
#[derive(Debug)]
struct ResponseTable {
    status: Option<u16>,
    headers: bool,
    fields: Vec<DraftField>,
    line: usize,
}

impl Interpreter<'_> {
    fn gap(&mut self, code: Code, line: usize, message: impl Into<String>) {
        self.out.gaps.push(Gap {
            code,
            line,
            message: message.into(),
            place: None,
        });
    }

    /// A gap that belongs under the spec key `place`.
    fn gap_in(
        &mut self,
        code: Code,
        place: Option<&'static str>,
        line: usize,
        message: impl Into<String>,
    ) {
        self.out.gaps.push(Gap {
            code,
            line,
            message: message.into(),
            place,
        });
    }

    fn run(&mut self, document: &Document, options: &ImportOptions) -> Result<(), Gap> {
        let walked = walk::walk(document, self.vocabularies);
        let title = walked.title.clone().unwrap_or_default();
        let draft = &mut self.out.draft;
        draft.title = title.text.clone();
        draft.doc_url = options.doc_url.clone();
        draft.description = walked.text_of(Section::Function);
        draft.constraints = walked.text_of(Section::Constraints);
        draft.deprecated = walked.deprecation(self.vocabularies);

        // Method and path: the first URI line of the URI section (a line, a code block or a
        // method/URI table), else of any section before the request.
        let Some(found) = uri::find(&walked, self.vocabularies) else {
            return Err(Gap {
                code: Code::NotAnOperationPage,
                line: title.line.max(1),
                message: title.text.clone(),
                place: None,
            });
        };
        self.out.draft.method = found.method.clone();
        self.out.draft.path = found.path.clone();
        let placeholders = uri::placeholders(&found.path);

        // Tables → parameters, bodies, objects, statuses.
        let mut params: Vec<DraftParam> = Vec::new();
        let mut request: Option<Vec<DraftField>> = None;
        let mut responses: Vec<ResponseTable> = Vec::new();
        let mut status_rows: BTreeMap<u16, String> = BTreeMap::new();
        let infos = tables::classify_all(&walked, self.vocabularies);
        for info in &infos {
            self.out.rows_total += info.table.rows.len();
        }
        // Objects first, so that fields can link to them. Pages reuse a table's name for
        // different objects (`snapshot` in the request and in the response): each keeps the
        // page's name for linking and gets a model name of its own.
        let mut objects: Vec<tables::Object> = Vec::new();
        for info in &infos {
            if let Role::Object(name) = &info.role {
                let model = tables::unique_model_name(name, info, &objects);
                objects.push(tables::Object {
                    model,
                    page_name: name.clone(),
                    info,
                });
            }
        }
        let linker = tables::Linker::new(&objects, self.known_models, self.vocabularies);
        for info in &infos {
            let line = info.line;
            match &info.role {
                Role::Ignored => self.out.rows_understood += info.table.rows.len(),
                Role::Unknown(message) => self.gap_in(
                    Code::TableNotUnderstood,
                    place_of(&info.role, &info.context),
                    line,
                    message.clone(),
                ),
                Role::MethodUri => self.out.rows_understood += info.table.rows.len(),
                Role::Statuses => {
                    for (code, description, row_line) in
                        tables::status_rows(info, self.vocabularies)
                    {
                        match code {
                            Some(code) => {
                                self.out.rows_understood += 1;
                                status_rows.entry(code).or_insert(description);
                            }
                            None => self.gap_in(
                                Code::StatusNotUnderstood,
                                Some("responses"),
                                row_line,
                                format!("expected a status code, found {description:?}"),
                            ),
                        }
                    }
                }
                Role::Object(_) => {}
                Role::Params(location) => {
                    let fields = self.fields(info, &linker);
                    for (field, row_location) in fields {
                        let location = row_location.or(*location).unwrap_or_else(|| {
                            if placeholders.contains(&field.name) {
                                "path"
                            } else {
                                "query"
                            }
                        });
                        if location == "body" {
                            request.get_or_insert_with(Vec::new).push(field);
                            continue;
                        }
                        if location == "path" && !placeholders.contains(&field.name) {
                            self.gap_in(Code::PathParameterNotOnPage, Some("params"), 
                                field.line,
                                format!(
                                    "`{}` is listed as a path parameter, but the path {} has no `{{{}}}`",
                                    field.name, found.path, field.name
                                ),
                            );
                            continue;
                        }
                        params.push(param(location, field));
                    }
                }
                Role::RequestBody => {
                    let fields = self.fields(info, &linker);
                    request
                        .get_or_insert_with(Vec::new)
                        .extend(fields.into_iter().map(|(f, _)| f));
                }
                Role::ResponseBody { status, headers } => {
                    let fields = self.fields(info, &linker);
                    responses.push(ResponseTable {
                        status: *status,
                        headers: *headers,
                        fields: fields.into_iter().map(|(f, _)| f).collect(),
                        line,
                    });
                }
            }
        }
        // Object tables become models (every one of them: a table that no field names still
        // describes something the page documents).
        for object in &objects {
            let fields: Vec<DraftField> = self
                .fields(object.info, &linker)
                .into_iter()
                .map(|(f, _)| f)
                .collect();
            self.out.models.push(DraftModel {
                name: object.model.clone(),
                rust_name: None,
                fields,
            });
        }

        // Fixed query values and optional query names of the URI line. A fixed value wins over
        // a table row of the same name: the page's URI says the operation always sends it.
        for (name, value) in &found.query {
            match value {
                Some(value) => {
                    if let Some(at) = params
                        .iter()
                        .position(|p| p.location == "query" && &p.field.name == name)
                    {
                        let listed = params.remove(at);
                        self.out.warnings.push(format!(
                            "line {}: query parameter `{name}` is fixed to `{value}` by the URI line",
                            listed.field.line
                        ));
                    }
                    self.out
                        .draft
                        .fixed_query
                        .push((name.clone(), value.clone()))
                }
                None if !params.iter().any(|p| &p.field.name == name) => {
                    self.out.inferred.push(format!(
                        "query parameter `{name}`: named in the URI line only, string assumed"
                    ));
                    params.push(param(
                        "query",
                        DraftField {
                            name: name.clone(),
                            ty: TypeExpr::Scalar("string"),
                            required: false,
                            cell: Default::default(),
                            line: found.line,
                        },
                    ));
                }
                None => {}
            }
        }
        // Path placeholders the tables do not list: required strings, as the path implies.
        for name in &placeholders {
            if !params
                .iter()
                .any(|p| &p.field.name == name && p.location == "path")
            {
                self.out.inferred.push(format!(
                    "path parameter `{name}`: not in a table, string assumed"
                ));
                params.push(param(
                    "path",
                    DraftField {
                        name: name.clone(),
                        ty: TypeExpr::Scalar("string"),
                        required: true,
                        cell: Default::default(),
                        line: found.line,
                    },
                ));
            }
        }
        self.dedup_params(&mut params);
        self.out.draft.params = params;
        self.out.draft.request = request;

        self.stray_text(&walked);

        // Statuses: the status table, markers in the response section, examples, prose.
        let mentioned = statuses::mentioned(&walked, self.vocabularies);
        let mut codes: Vec<u16> = status_rows.keys().copied().collect();
        for (code, _) in &mentioned {
            if !codes.contains(code) {
                codes.push(*code);
            }
        }
        for table in &responses {
            if let Some(code) = table.status
                && !codes.contains(&code)
            {
                codes.push(code);
            }
        }
        let examples = examples::collect(&walked, self.vocabularies);
        for example in &examples.responses {
            if example.status != examples::SUCCESS && !codes.contains(&example.status) {
                codes.push(example.status);
            }
        }
        codes.sort_unstable();
        let successes: Vec<u16> = codes
            .iter()
            .copied()
            .filter(|c| (200..300).contains(c))
            .collect();
        let untargeted_body = responses.iter().any(|t| t.status.is_none() && !t.headers);
        let success = match successes.as_slice() {
            [one] => *one,
            [] => {
                let code = if self.out.draft.method == "DELETE" && !untargeted_body {
                    204
                } else {
                    200
                };
                self.out.inferred.push(format!(
                    "status {code}: the page states no success status ({} convention)",
                    if code == 204 {
                        "DELETE without a documented body"
                    } else {
                        "otherwise"
                    }
                ));
                self.out.draft.inferred_status = Some(code);
                codes.push(code);
                codes.sort_unstable();
                code
            }
            [first, ..] => {
                // Several 2xx: the one with a body table, else the first.
                responses
                    .iter()
                    .filter_map(|t| t.status)
                    .find(|c| successes.contains(c))
                    .unwrap_or(*first)
            }
        };
        let mut drafts: Vec<DraftResponse> = Vec::new();
        for code in codes {
            let description = status_rows
                .get(&code)
                .cloned()
                .or_else(|| {
                    mentioned
                        .iter()
                        .find(|(c, _)| *c == code)
                        .map(|(_, t)| t.clone())
                })
                .or_else(|| {
                    examples
                        .responses
                        .iter()
                        .find(|e| e.status == code)
                        .and_then(|e| e.description.clone())
                })
                .unwrap_or_default();
            drafts.push(DraftResponse {
                status: code,
                description,
                body: None,
                headers: Vec::new(),
            });
        }
        for table in responses {
            let code = table.status.unwrap_or(success);
            let Some(response) = drafts.iter_mut().find(|r| r.status == code) else {
                continue;
            };
            if table.headers {
                response.headers.extend(table.fields);
                continue;
            }
            match &mut response.body {
                None => {
                    response.body = Some(match table.fields.as_slice() {
                        [only] if only.ty == TypeExpr::File => {
                            DraftBody::File(only.cell.doc.clone())
                        }
                        _ => DraftBody::Fields(table.fields),
                    })
                }
                Some(DraftBody::Fields(existing)) => {
                    let mut names: HashSet<String> =
                        existing.iter().map(|f| f.name.clone()).collect();
                    for field in table.fields {
                        if !names.insert(field.name.clone()) {
                            self.gap_in(
                                Code::ListedTwiceOnPage,
                                Some("responses"),
                                field.line,
                                format!("`{}` is listed twice for status {code}", field.name),
                            );
                        } else {
                            existing.push(field);
                        }
                    }
                }
                Some(_) => self.gap_in(
                    Code::ListedTwiceOnPage,
                    Some("responses"),
                    table.line,
                    format!("a second body table for status {code}"),
                ),
            }
        }
        // A status whose example says the body is a file stream.
        for example in &examples.responses {
            if let Some(response) = drafts.iter_mut().find(|r| r.status == example.status)
                && response.body.is_none()
                && let Some(text) = &example.description
                && is_file_text(text)
            {
                response.body = Some(DraftBody::File(text.clone()));
            }
        }
        self.out.draft.responses = drafts;
        self.out.draft.request_free_form =
            self.out.draft.request.is_none() && examples.requests.iter().any(|e| e.body.is_some());
        if self.out.draft.request_free_form {
            self.out.inferred.push(
                "request body: an example request has a body the page's tables do not describe; free-form JSON"
                    .into(),
            );
        }
        self.out.draft.example_requests = examples.requests;
        let mut example_responses = examples.responses;
        for example in &mut example_responses {
            if example.status == examples::SUCCESS {
                example.status = success;
            }
        }
        // An example that only named its status (`STATUS CODE 204`) says nothing more than the
        // status list; unstated statuses resolved to the success status may now repeat one.
        example_responses.retain(|e| e.body.is_some() || e.description.is_some());
        let mut seen = Vec::new();
        example_responses.retain(|e| {
            let first = !seen.contains(&e.status);
            seen.push(e.status);
            first
        });
        self.out.draft.example_responses = example_responses;
        for dropped in examples.dropped {
            self.out.warnings.push(if dropped.line == 0 {
                format!("[{}] {}", dropped.code, dropped.message)
            } else {
                format!(
                    "[{}] line {}: {}",
                    dropped.code, dropped.line, dropped.message
                )
            });
        }
        self.unreferenced_models();
        self.out.gaps.extend(examples.gaps);
        self.out.gaps.sort_by_key(|g| g.line);
        Ok(())
    }

    /// The rows of a parameter-like table as fields, with the location a row states.
    fn fields(
        &mut self,
        info: &TableInfo,
        linker: &tables::Linker,
    ) -> Vec<(DraftField, Option<&'static str>)> {
        let mut out: Vec<(DraftField, Option<&'static str>)> = Vec::new();
        // Names already taken, so a repeated row is found in constant time: a page's table
        // may have any number of rows.
        let mut names: HashSet<String> = HashSet::new();
        for row in tables::rows(info, self.vocabularies) {
            let row = match row {
                Ok(row) => row,
                Err((line, message)) => {
                    self.gap_in(
                        Code::TableNotUnderstood,
                        place_of(&info.role, &info.context),
                        line,
                        message,
                    );
                    continue;
                }
            };
            let mut ty = match &row.ty {
                Some((text, line)) => match super::types::parse_type(text) {
                    Ok(ty) => ty,
                    Err(message) => {
                        self.gap_in(
                            Code::TableNotUnderstood,
                            place_of(&info.role, &info.context),
                            *line,
                            message,
                        );
                        continue;
                    }
                },
                None => {
                    if info.role.is_body() {
                        self.out.inferred.push(format!(
                            "`{}` (line {}): the table has no type column, string assumed",
                            row.name, row.line
                        ));
                    }
                    TypeExpr::Scalar("string")
                }
            };
            if ty.is_untyped_object()
                && let Some(name) = linker.link(&row, info)
            {
                ty = ty.linked_to(&name);
            }
            // A type naming a table: the model of the nearest table of that name (the page's
            // names are not unique); a table under another name (`List<JobApprover>` described
            // by "see Table 4", captioned `Approver attributes`): the link decides.
            if let Some(name) = ty.named() {
                if let Some(model) = linker.named(name, info) {
                    ty = rename_named(&ty, &model);
                } else if !linker.has(name)
                    && let Some(linked) = linker.link(&row, info)
                {
                    ty = rename_named(&ty, &linked);
                }
            }
            if let Some(name) = ty.named()
                && !linker.has(name)
            {
                self.gap_in(
                    Code::MissingTableOnPage,
                    place_of(&info.role, &info.context),
                    row.line,
                    format!(
                        "`{}` has type `{name}`, a table the page does not have",
                        row.name
                    ),
                );
                continue;
            }
            if names.contains(&row.name) {
                self.gap_in(
                    Code::ListedTwiceOnPage,
                    place_of(&info.role, &info.context),
                    row.line,
                    format!("`{}` is listed twice in the table", row.name),
                );
                continue;
            }
            let facts = cell::read_cell(&row.description, self.vocabularies);
            for constraint in &facts.prose_constraints {
                self.out
                    .prose_constraints
                    .push(format!("`{}` (line {}): {constraint}", row.name, row.line));
            }
            self.out.rows_understood += 1;
            names.insert(row.name.clone());
            out.push((
                DraftField {
                    name: row.name.clone(),
                    ty,
                    required: row.required.unwrap_or(false),
                    cell: facts,
                    line: row.line,
                },
                row.location,
            ));
        }
        out
    }

    /// Object tables no field refers to stay in the spec as models (their rows are the page's),
    /// and the report says so, since a field may have lost its link.
    fn unreferenced_models(&mut self) {
        let draft = &self.out.draft;
        let mut referenced: Vec<String> = Vec::new();
        let mut visit = |fields: &[DraftField]| {
            for field in fields {
                if let Some(name) = field.ty.named() {
                    referenced.push(name.to_owned());
                }
            }
        };
        for param in &draft.params {
            visit(std::slice::from_ref(&param.field));
        }
        if let Some(request) = &draft.request {
            visit(request);
        }
        for response in &draft.responses {
            if let Some(DraftBody::Fields(fields)) = &response.body {
                visit(fields);
            }
            visit(&response.headers);
        }
        for model in &self.out.models {
            visit(&model.fields);
        }
        let unreferenced: Vec<String> = self
            .out
            .models
            .iter()
            .filter(|m| !referenced.contains(&m.name))
            .map(|m| {
                format!(
                    "the table `{}` describes an object no field refers to",
                    m.name
                )
            })
            .collect();
        self.out.warnings.extend(unreferenced);
    }

    /// Text in the URI, request, response and status sections that none of the passes used.
    /// A lone word (`String`, `Yes`, a parameter name) is what a table that lost its structure
    /// leaves behind: a gap. A sentence ("The following table lists ...") is prose the spec
    /// does not need: a warning.
    fn stray_text(&mut self, walked: &walk::Walked) {
        for item in &walked.items {
            let walk::ItemKind::Text(text) = item.kind else {
                continue;
            };
            let context = &item.context;
            let structural = matches!(
                context.section,
                Section::Uri | Section::Request | Section::Response | Section::StatusCodes
            ) && !matches!(
                context.label,
                Some(walk::Label::ExampleRequest | walk::Label::ExampleResponse)
            );
            if !structural || self.is_used_text(&text.text, context) {
                continue;
            }
            let words = text.text.split_whitespace().count();
            let is_note = self
                .vocabularies
                .phrases(vocabulary::notes, "prefix")
                .iter()
                .any(|prefix| text.text.starts_with(prefix));
            if words <= 2 && !text.text.ends_with(['.', '。']) && !is_note {
                self.gap(
                    Code::StrayTextOnPage,
                    item.line,
                    format!("text not understood here: {:?}", text.text),
                );
            } else {
                self.out.warnings.push(format!(
                    "line {}: text not used: {:?}",
                    item.line, text.text
                ));
            }
        }
    }

    fn is_used_text(&self, text: &str, context: &walk::Context) -> bool {
        let text = text.trim();
        is_none(self.vocabularies, text)
            || uri::parse_line(text).is_some()
            || examples::is_url_line(text)
            || statuses::is_pointer(self.vocabularies, text)
            || self
                .vocabularies
                .template(vocabulary::statuses, "marker", text)
                .is_some()
            || (context.section == Section::StatusCodes
                || matches!(context.label, Some(walk::Label::Normal | walk::Label::Abnormal)))
                && statuses::leading_code(text).is_some()
            // The text under a `Status code: NNN` line describes that status.
            || (context.section == Section::Response && context.status.is_some())
    }

    fn dedup_params(&mut self, params: &mut Vec<DraftParam>) {
        let mut kept: Vec<DraftParam> = Vec::new();
        // Names compare without ASCII case (header names do; query names differing only in
        // case are a page's typo), per location.
        let mut seen: HashSet<(String, &'static str)> = HashSet::new();
        for param in params.drain(..) {
            if !seen.insert((param.field.name.to_ascii_lowercase(), param.location)) {
                self.gap(
                    Code::ListedTwiceOnPage,
                    param.field.line,
                    format!("parameter `{}` is listed twice", param.field.name),
                );
                continue;
            }
            kept.push(param);
        }
        *params = kept;
    }
}

fn param(location: &'static str, field: DraftField) -> DraftParam {
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

/// The spec key under which a gap in this table belongs.
fn place_of(role: &Role, context: &walk::Context) -> Option<&'static str> {
    match role {
        Role::Params(_) | Role::MethodUri => Some("params"),
        Role::RequestBody => Some("request"),
        Role::ResponseBody { .. } | Role::Statuses => Some("responses"),
        Role::Object(_) => Some("models"),
        Role::Ignored | Role::Unknown(_) => match context.section {
            Section::Uri => Some("params"),
            Section::Request => Some("request"),
            Section::Response | Section::StatusCodes => Some("responses"),
            Section::Examples | Section::ExampleRequests | Section::ExampleResponses => {
                Some("examples")
            }
            _ => None,
        },
    }
}

/// `ty` with the model it names replaced by `name`.
fn rename_named(ty: &TypeExpr, name: &str) -> TypeExpr {
    match ty {
        TypeExpr::Named(_) => TypeExpr::Named(name.to_owned()),
        TypeExpr::Array(item) => TypeExpr::Array(Box::new(rename_named(item, name))),
        TypeExpr::Map(item) => TypeExpr::Map(Box::new(rename_named(item, name))),
        other => other.clone(),
    }
}

fn is_file_text(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("file stream") || lower.contains("binary stream") || text.contains("文件流")
}

/// Whether a text means "nothing here" (`None`, `N/A`, `无`).
fn is_none(vocabularies: &Vocabularies, text: &str) -> bool {
    vocabularies.is(vocabulary::values, "none", text)
}
