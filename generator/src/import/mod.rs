//! `specgen import`: an API reference page → an operation spec.
//!
//! The page is split into sections ([`page`]), sections into tables and text ([`table`]), cells
//! into text and constraints ([`cells`], [`types`]); the result is a [`draft`] written as YAML
//! in the layout of the hand-written specs. The draft is then loaded and resolved like any
//! spec: example values that contradict the page's own tables are recorded as the example's
//! `discrepancies` (kept, not fixed), and what the importer did not understand is a gap, with
//! its line, that fails the import unless gaps are allowed.

pub mod cells;
pub mod draft;
pub mod page;
pub mod table;
pub mod types;
pub mod yaml_out;

use std::collections::BTreeMap;
use std::path::Path;

use heck::ToSnakeCase;

use self::cells::parse_cell;
use self::draft::{
    DraftBody, DraftExampleRequest, DraftExampleResponse, DraftField, DraftModel, DraftOperation,
    DraftParam, DraftResponse,
};
use self::page::{Line, Page, SectionKind, parse_page};
use self::table::{Block, Table, blocks};
use self::types::{TypeExpr, parse_type};
use crate::diagnostics::Diagnostic;
use crate::model::examples::{ExampleRef, body_problems};
use crate::spec::check::MANAGED_HEADERS;
use crate::spec::load::parse_text;
use crate::spec::types::{OperationSpec, Schema, ServiceSpec, TypeName};
use crate::spec::{ServiceFiles, SourceFile};

/// What the caller knows that the page does not say.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The service the operation belongs to (`drs`).
    pub service: String,
    /// The operation id; derived from the title when absent.
    pub id: Option<String>,
    /// The page's address.
    pub doc_url: Option<String>,
    /// Keep going past what the importer does not understand, listing it in the YAML.
    pub allow_gaps: bool,
}

/// Something on the page the importer did not understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Line in the page.
    pub line: usize,
    /// What it is.
    pub message: String,
}

/// An imported page.
#[derive(Debug)]
pub struct Imported {
    /// The operation id.
    pub id: String,
    /// The file name for the spec (`collect_db_objects_info.yaml`).
    pub file_name: String,
    /// The spec's text.
    pub yaml: String,
    /// The page's inconsistencies, kept in the spec and reported.
    pub warnings: Vec<String>,
    /// What was not understood (only with `allow_gaps`; otherwise they fail the import).
    pub gaps: Vec<Gap>,
}

/// Why a page could not be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The page lacks its structure or has parts the importer does not understand.
    Page(Vec<Gap>),
    /// The spec the importer wrote does not validate (shown with the draft's diagnostics).
    Spec(Vec<Diagnostic>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Page(gaps) => {
                for gap in gaps {
                    writeln!(f, "line {}: {}", gap.line, gap.message)?;
                }
                write!(
                    f,
                    "{} part(s) of the page were not understood (pass --allow-gaps to write them as comments)",
                    gaps.len()
                )
            }
            ImportError::Spec(diagnostics) => {
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
                }
                write!(f, "the imported spec does not validate")
            }
        }
    }
}

/// The minimal `service.yaml` for a service the importer creates.
pub fn minimal_service_yaml(name: &str) -> String {
    format!(
        "# Written by `specgen import` for a new service: check the title, endpoint and scope.\n\
         name: {name}\ntitle: {title}\ncrate: huaweicloud-sdk-{name}\nversion: 0.1.0\n\
         endpoint: https://{name}.{{region}}.myhuaweicloud.com\nscope: project\nauth: [token, aksk]\n",
        title = name.to_uppercase(),
    )
}

/// Imports one page. `service` is the service's `service.yaml` (its shared models are referred
/// to where a page's table matches one); `None` for a new service.
pub fn import_page(
    text: &str,
    options: &ImportOptions,
    service: Option<&SourceFile<ServiceSpec>>,
) -> Result<Imported, ImportError> {
    let page = parse_page(text).map_err(|e| {
        ImportError::Page(vec![Gap {
            line: e.line,
            message: e.message,
        }])
    })?;
    let mut importer = Importer {
        gaps: Vec::new(),
        models: Vec::new(),
    };
    let mut draft = importer.draft(&page, options)?;
    let service_spec = match service {
        Some(file) => file.spec.clone(),
        None => serde_yaml::from_str(&minimal_service_yaml(&options.service)).map_err(|e| {
            ImportError::Page(vec![Gap {
                line: 1,
                message: format!("service name: {e}"),
            }])
        })?,
    };
    use_shared_models(&mut draft, &importer.models, &service_spec);

    let mut gaps = importer.gaps;
    gaps.sort_by_key(|g| g.line);
    if !gaps.is_empty() && !options.allow_gaps {
        return Err(ImportError::Page(gaps));
    }
    for gap in &gaps {
        draft.comments.push(format!(
            "GAP (line {} of the page): {}",
            gap.line, gap.message
        ));
    }

    // Validate as a spec; values of examples that break the page's own tables become the
    // examples' discrepancies, and the spec is written again with them.
    let file_name = format!("{}.yaml", draft.id.to_snake_case());
    let (problems, warnings) = validate(&draft, &service_spec, &options.service, &file_name)?;
    for problem in problems {
        let note = format!(
            "The page's example value {}, contradicting its own table.",
            problem.message
        );
        match problem.example {
            ExampleRef::Request(index) => draft.example_requests[index]
                .discrepancies
                .push((problem.path, note)),
            ExampleRef::Response(status) => {
                if let Some(example) = draft
                    .example_responses
                    .iter_mut()
                    .find(|e| e.status == status)
                {
                    example.discrepancies.push((problem.path, note));
                }
            }
        }
    }
    let (_, warnings_after) = validate(&draft, &service_spec, &options.service, &file_name)?;
    let mut warnings: Vec<String> = warnings.into_iter().chain(warnings_after).collect();
    warnings.sort();
    warnings.dedup();
    let quirks: Vec<String> = warnings
        .iter()
        .map(|w| format!("Page quirk, kept as printed: {w}"))
        .collect();
    draft.comments.splice(0..0, quirks);
    let yaml = draft.to_yaml();
    Ok(Imported {
        id: draft.id.clone(),
        file_name,
        yaml,
        warnings,
        gaps,
    })
}

/// Loads and resolves the draft; returns the example values that break their schema and the
/// warnings (as messages without file positions, which change as the file is rewritten).
fn validate(
    draft: &DraftOperation,
    service: &ServiceSpec,
    service_name: &str,
    file_name: &str,
) -> Result<(Vec<crate::model::examples::BodyProblem>, Vec<String>), ImportError> {
    let path = Path::new(service_name).join("operations").join(file_name);
    let yaml = draft.to_yaml();
    let operation: SourceFile<OperationSpec> =
        parse_text(&path, String::new(), &yaml).map_err(|d| ImportError::Spec(vec![*d]))?;
    let service_file = SourceFile {
        path: Path::new(service_name).join("service.yaml"),
        origin: String::new(),
        spec: service.clone(),
        locations: Default::default(),
    };
    let files = ServiceFiles {
        service: service_file,
        operations: vec![operation],
        examples: Vec::new(),
    };
    let errors_without_examples = |diagnostics: &[Diagnostic]| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| d.is_error() && !d.field.starts_with("examples."))
            .cloned()
            .collect()
    };
    match crate::model::resolve_service(&files) {
        Ok((model, diagnostics)) => {
            let mut scratch = Vec::new();
            let problems = body_problems(
                &model,
                &model.operations[0],
                &files.operations[0],
                &mut scratch,
            );
            let warnings = diagnostics
                .iter()
                .filter(|d| !d.is_error() && !d.message.contains("a discrepancy of the page"))
                .map(|d| format!("{}: {}", d.field, d.message))
                .collect();
            Ok((problems, warnings))
        }
        Err(diagnostics) => {
            let errors = errors_without_examples(&diagnostics);
            if errors.is_empty() {
                // Only example errors: resolve again ignoring examples to get the model.
                let mut files = files;
                let examples = std::mem::take(&mut files.operations[0].spec.examples);
                let (model, diagnostics) =
                    crate::model::resolve_service(&files).map_err(ImportError::Spec)?;
                files.operations[0].spec.examples = examples;
                let mut scratch = Vec::new();
                let problems = body_problems(
                    &model,
                    &model.operations[0],
                    &files.operations[0],
                    &mut scratch,
                );
                let hard: Vec<Diagnostic> =
                    scratch.into_iter().filter(Diagnostic::is_error).collect();
                if !hard.is_empty() {
                    return Err(ImportError::Spec(hard));
                }
                let warnings = diagnostics
                    .iter()
                    .filter(|d| !d.is_error())
                    .map(|d| format!("{}: {}", d.field, d.message))
                    .collect();
                Ok((problems, warnings))
            } else {
                Err(ImportError::Spec(errors))
            }
        }
    }
}

/// Drops nested tables that the service already defines (same name, same fields), and makes
/// response bodies that match a service model refer to it.
fn use_shared_models(draft: &mut DraftOperation, tables: &[DraftModel], service: &ServiceSpec) {
    let same_as_shared = |name: &str, fields: &[DraftField]| {
        service
            .models
            .0
            .get(name)
            .is_some_and(|model| same_fields(fields, model))
    };
    draft.models = tables
        .iter()
        .filter(|t| !same_as_shared(&t.name, &t.fields))
        .cloned()
        .collect();
    for response in &mut draft.responses {
        if let Some(DraftBody::Fields(fields)) = &response.body
            && let Some((name, _)) = service
                .models
                .iter()
                .find(|(_, model)| same_fields(fields, model))
        {
            response.body = Some(DraftBody::Ref(name.clone()));
        }
    }
}

/// Whether a page table has the fields of a spec model: names and types, in order.
fn same_fields(fields: &[DraftField], model: &Schema) -> bool {
    let Some(model_fields) = &model.fields else {
        return false;
    };
    model_fields.len() == fields.len()
        && fields
            .iter()
            .zip(model_fields.iter())
            .all(|(field, (name, schema))| &field.name == name && same_type(&field.ty, schema))
}

fn same_type(ty: &TypeExpr, schema: &Schema) -> bool {
    match ty {
        TypeExpr::Named(name) => schema.reference.as_deref() == Some(name.as_str()),
        TypeExpr::Scalar(scalar) => {
            schema.reference.is_none() && type_name_of(schema) == Some(*scalar)
        }
        TypeExpr::Array(item) => {
            schema.ty == Some(TypeName::Array)
                && schema
                    .items
                    .as_deref()
                    .is_some_and(|items| same_type(item, items))
        }
        TypeExpr::Map(value) => {
            schema.ty == Some(TypeName::Map)
                && schema
                    .values
                    .as_deref()
                    .is_some_and(|values| same_type(value, values))
        }
        TypeExpr::Object => schema.ty == Some(TypeName::Object) && schema.fields.is_none(),
        TypeExpr::File => schema.ty == Some(TypeName::File),
    }
}

fn type_name_of(schema: &Schema) -> Option<&'static str> {
    Some(
        match schema.ty.unwrap_or(if schema.fields.is_some() {
            TypeName::Object
        } else {
            TypeName::String
        }) {
            TypeName::String => "string",
            TypeName::Integer => "integer",
            TypeName::Long => "long",
            TypeName::Float => "float",
            TypeName::Double => "double",
            TypeName::Boolean => "boolean",
            _ => return None,
        },
    )
}

/// An UpperCamelCase id from a title: "Deleting an EVS Disk" → `DeleteEvsDisk`. Pages do
/// not state the official id; pass `--id` to use it.
pub fn derive_id(title: &str) -> String {
    const SKIP: &[&str] = &[
        "a", "an", "the", "of", "to", "for", "in", "on", "by", "with", "and", "from", "about",
    ];
    let mut words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut id = String::new();
    if let Some(first) = words.next() {
        id.push_str(&capitalize(&base_verb(first)));
    }
    for word in words {
        if !SKIP.contains(&word.to_ascii_lowercase().as_str()) {
            id.push_str(&capitalize(&word.to_ascii_lowercase()));
        }
    }
    if id.is_empty() || !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "Operation");
    }
    id
}

/// "Deleting" → "delete", "Submitting" → "submit", "Listing" → "list".
fn base_verb(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix("ing").filter(|s| s.len() >= 3) else {
        return lower;
    };
    const E_VERBS: &[&str] = &[
        "creat",
        "updat",
        "delet",
        "configur",
        "us",
        "restor",
        "remov",
        "chang",
        "enabl",
        "disabl",
        "retriev",
        "manag",
        "mov",
        "resiz",
        "renam",
        "replac",
        "releas",
        "merg",
        "purg",
        "rebuil",
        "generat",
        "validat",
        "activat",
        "deactivat",
        "migrat",
        "schedul",
        "subscrib",
        "unsubscrib",
        "describ",
        "writ",
        "clos",
        "execut",
        "increas",
        "decreas",
        "sav",
        "receiv",
        "translat",
        "associat",
        "disassociat",
    ];
    if E_VERBS.contains(&stem) {
        return format!("{stem}e");
    }
    let bytes = stem.as_bytes();
    let doubled = bytes.len() >= 2
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !matches!(bytes[bytes.len() - 1], b'l' | b's' | b'z' | b'f');
    if doubled {
        stem[..stem.len() - 1].to_owned()
    } else {
        stem.to_owned()
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

struct Importer {
    gaps: Vec<Gap>,
    /// Nested tables seen anywhere on the page.
    models: Vec<DraftModel>,
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

    fn draft(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_titles() {
        assert_eq!(derive_id("Deleting an EVS Disk"), "DeleteEvsDisk");
        assert_eq!(
            derive_id("Submitting the Query of Database Object Information"),
            "SubmitQueryDatabaseObjectInformation"
        );
        assert_eq!(
            derive_id("Listing Organizations Quotas"),
            "ListOrganizationsQuotas"
        );
        assert_eq!(derive_id("Querying Project Tags"), "QueryProjectTags");
        assert_eq!(derive_id("Creating a Widget"), "CreateWidget");
        assert_eq!(derive_id("42"), "Operation42");
    }
}

/// What [`import_into`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The imported page.
    pub imported: Imported,
    /// The operation spec file.
    pub spec_file: std::path::PathBuf,
    /// The service file, when the service was new.
    pub service_file: Option<std::path::PathBuf>,
}

/// Imports `page` into `spec_dir/<service>/operations/` (or `out`), creating a minimal
/// `service.yaml` when the service does not exist yet. Nothing is written when the import fails.
pub fn import_into(
    page: &Path,
    spec_dir: &Path,
    options: &ImportOptions,
    out: Option<&Path>,
) -> Result<Written, String> {
    let text = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
    let service_dir = spec_dir.join(&options.service);
    let service_path = service_dir.join(crate::spec::SERVICE_FILE);
    let service = if service_path.is_file() {
        let file = crate::spec::load::load_file::<ServiceSpec>(&service_path, String::new())
            .map_err(|d| d.to_string())?;
        Some(file)
    } else {
        let valid = !options.service.is_empty()
            && options
                .service
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            return Err(format!(
                "`{}` is not a service name (lowercase letters, digits and `-`)",
                options.service
            ));
        }
        None
    };
    let imported = import_page(&text, options, service.as_ref())
        .map_err(|error| format!("{}: cannot import the page:\n{error}", page.display()))?;
    let spec_file = match out {
        Some(path) => path.to_path_buf(),
        None => service_dir
            .join(crate::spec::OPERATIONS_DIR)
            .join(&imported.file_name),
    };
    let service_file = match service {
        Some(_) => None,
        None => {
            write_atomically(&service_path, &minimal_service_yaml(&options.service))?;
            Some(service_path)
        }
    };
    write_atomically(&spec_file, &imported.yaml)?;
    Ok(Written {
        imported,
        spec_file,
        service_file,
    })
}

fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let temporary = parent.join(format!(
        ".{}.specgen-tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    std::fs::write(&temporary, text).map_err(|e| format!("{}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("{}: {e}", path.display()))
}
