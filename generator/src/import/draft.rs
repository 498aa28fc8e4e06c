//! An operation spec as the importer builds it, and its YAML text.
//!
//! The YAML is laid out like the hand-written specs: top-level keys in the order of
//! `spec/README.md`, parameters and fields in page order, flow mappings only for one-key
//! schemas (`items: {type: string}`, `body: {ref: DrsError}`).

use super::interpret::cell::CellFacts;
use super::types::TypeExpr;
use super::yaml_out::{YamlWriter, flow_scalar};

/// A field, parameter or response header.
#[derive(Debug, Clone)]
pub struct DraftField {
    /// Wire name.
    pub name: String,
    /// Its type.
    pub ty: TypeExpr,
    /// The Mandatory column (`None` in tables without one).
    pub required: bool,
    /// The Description cell.
    pub cell: CellFacts,
    /// The line it came from.
    pub line: usize,
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct DraftParam {
    /// `path`, `query` or `header`.
    pub location: &'static str,
    pub field: DraftField,
    /// Filled from the client's project.
    pub from_project: bool,
    /// Set by the runtime.
    pub managed: bool,
}

/// A nested table.
#[derive(Debug, Clone)]
pub struct DraftModel {
    /// The table's name.
    pub name: String,
    /// The Rust type name, where the default (the name in UpperCamelCase) would clash.
    pub rust_name: Option<String>,
    /// Its rows.
    pub fields: Vec<DraftField>,
}

/// A response body.
#[derive(Debug, Clone)]
pub enum DraftBody {
    /// Fields of an inline object.
    Fields(Vec<DraftField>),
    /// A model, by name.
    Ref(String),
    /// A file stream, with the row's description.
    File(String),
}

/// A documented status.
#[derive(Debug, Clone)]
pub struct DraftResponse {
    /// Status code.
    pub status: u16,
    /// The status table's description.
    pub description: String,
    /// The body, if the page has a table.
    pub body: Option<DraftBody>,
    /// Response headers.
    pub headers: Vec<DraftField>,
}

/// An example request.
#[derive(Debug, Clone, Default)]
pub struct DraftExampleRequest {
    /// Caption.
    pub title: Option<String>,
    /// URL as printed.
    pub url: Option<String>,
    /// JSON body as printed.
    pub body: Option<String>,
    /// Discrepancies found by validation: (JSON path, note).
    pub discrepancies: Vec<(String, String)>,
}

/// An example response.
#[derive(Debug, Clone, Default)]
pub struct DraftExampleResponse {
    pub status: u16,
    /// Caption.
    pub description: Option<String>,
    /// JSON body as printed.
    pub body: Option<String>,
    /// Discrepancies found by validation.
    pub discrepancies: Vec<(String, String)>,
}

/// The whole operation.
#[derive(Debug, Clone, Default)]
pub struct DraftOperation {
    /// Header comments (the page's quirks, gaps left for a human).
    pub comments: Vec<String>,
    /// Comments that belong above a top-level key (`params`, `request`, `responses`,
    /// `models`, `examples`): gaps in the part of the page that key holds.
    pub placed_comments: Vec<(&'static str, String)>,
    /// Operation id.
    pub id: String,
    pub title: String,
    /// Page address.
    pub doc_url: Option<String>,
    /// Function text.
    pub description: Option<String>,
    /// Constraints section.
    pub constraints: Option<String>,
    pub method: String,
    /// Path template.
    pub path: String,
    /// Parameters.
    pub params: Vec<DraftParam>,
    /// Nested tables used only by this operation.
    pub models: Vec<DraftModel>,
    /// Request body fields.
    pub request: Option<Vec<DraftField>>,
    /// Statuses.
    pub responses: Vec<DraftResponse>,
    pub example_requests: Vec<DraftExampleRequest>,
    pub example_responses: Vec<DraftExampleResponse>,
    /// The page's deprecation note.
    pub deprecated: Option<String>,
    /// Query values fixed by the URI line (`?usage=True`).
    pub fixed_query: Vec<(String, String)>,
    /// The success status, when the page does not state it and the convention decided it.
    pub inferred_status: Option<u16>,
    /// A request body the page shows in an example but describes in no table.
    pub request_free_form: bool,
    /// Provenance: the page's file name, format and SHA-256.
    pub source: Option<DraftSource>,
}

/// Where a draft was imported from.
#[derive(Debug, Clone, Default)]
pub struct DraftSource {
    /// File name.
    pub file: String,
    /// Format name.
    pub format: String,
    /// SHA-256 of the page text, lowercase hex.
    pub sha256: String,
}

impl DraftOperation {
    /// The comments placed under `key`.
    fn placed(&self, w: &mut YamlWriter, key: &str) {
        for (place, comment) in &self.placed_comments {
            if *place == key {
                w.comment(0, comment);
            }
        }
    }

    /// The spec file's text.
    pub fn to_yaml(&self) -> String {
        let mut w = YamlWriter::new();
        // Comments placed under a key the spec does not write go to the header.
        let written = |key: &str| match key {
            "params" => !self.params.is_empty(),
            "models" => !self.models.is_empty(),
            "request" => self.request.is_some() || self.request_free_form,
            "examples" => !self.example_requests.is_empty() || !self.example_responses.is_empty(),
            _ => true,
        };
        for comment in &self.comments {
            w.comment(0, comment);
        }
        for (key, comment) in &self.placed_comments {
            if !written(key) {
                w.comment(0, comment);
            }
        }
        w.text(0, "id", &self.id);
        w.text(0, "title", &self.title);
        if let Some(url) = &self.doc_url {
            w.text(0, "doc_url", url);
        }
        if let Some(note) = &self.deprecated {
            w.text(0, "deprecated", note);
        }
        if let Some(description) = &self.description {
            w.text(0, "description", &format!("{description}\n"));
        }
        if let Some(constraints) = &self.constraints {
            w.text(0, "constraints", constraints);
        }
        w.text(0, "method", &self.method);
        w.text(0, "path", &self.path);
        if !self.fixed_query.is_empty() {
            w.open(0, "fixed_query");
            for (name, value) in &self.fixed_query {
                w.text(2, name, value);
            }
        }

        if !self.params.is_empty() {
            w.blank();
            self.placed(&mut w, "params");
            w.open(0, "params");
            for param in &self.params {
                w.open(2, &param.field.name);
                w.raw(4, "in", param.location);
                if param.field.required || param.location == "path" {
                    w.raw(4, "required", "true");
                }
                if param.from_project {
                    w.raw(4, "from", "project");
                }
                if param.managed {
                    w.raw(4, "managed", "true");
                }
                field_body(&mut w, 4, &param.field, false);
            }
        }
        if !self.models.is_empty() {
            w.blank();
            self.placed(&mut w, "models");
            write_models(&mut w, &self.models);
        }
        if let Some(body) = &self.request {
            w.blank();
            self.placed(&mut w, "request");
            w.open(0, "request");
            w.raw(2, "content_type", "application/json");
            w.open(2, "body");
            fields(&mut w, 4, body);
        } else if self.request_free_form {
            w.blank();
            self.placed(&mut w, "request");
            w.open(0, "request");
            w.raw(2, "content_type", "application/json");
            w.raw(2, "body", "{type: object}");
        }
        w.blank();
        self.placed(&mut w, "responses");
        w.open(0, "responses");
        for response in &self.responses {
            w.open_number(2, response.status);
            w.text(4, "description", &response.description);
            if self.inferred_status == Some(response.status) {
                w.raw(4, "inferred", "true");
            }
            match &response.body {
                Some(DraftBody::Fields(body)) => {
                    w.open(4, "body");
                    fields(&mut w, 6, body);
                }
                Some(DraftBody::Ref(name)) => {
                    w.raw(4, "body", &format!("{{ref: {}}}", flow_scalar(name)))
                }
                Some(DraftBody::File(doc)) => {
                    w.open(4, "body");
                    w.raw(6, "type", "file");
                    if !doc.is_empty() {
                        w.text(6, "doc", doc);
                    }
                }
                None => {}
            }
            if !response.headers.is_empty() {
                w.open(4, "headers");
                for header in &response.headers {
                    w.open(6, &header.name);
                    field_body(&mut w, 8, header, false);
                }
            }
        }
        if !self.example_requests.is_empty() || !self.example_responses.is_empty() {
            w.blank();
            self.placed(&mut w, "examples");
            w.open(0, "examples");
            if !self.example_requests.is_empty() {
                w.open(2, "requests");
                for example in &self.example_requests {
                    let mut entries: Vec<(&str, String)> = Vec::new();
                    if let Some(title) = &example.title {
                        entries.push(("title", title.clone()));
                    }
                    if let Some(url) = &example.url {
                        entries.push(("url", url.clone()));
                    }
                    if let Some(body) = &example.body {
                        entries.push(("body", format!("{body}\n")));
                    }
                    for (index, (key, value)) in entries.iter().enumerate() {
                        if index == 0 {
                            w.item(4, key, value);
                        } else {
                            w.text(6, key, value);
                        }
                    }
                    discrepancies(&mut w, 6, &example.discrepancies);
                }
            }
            if !self.example_responses.is_empty() {
                w.open(2, "responses");
                for example in &self.example_responses {
                    w.open_number(4, example.status);
                    if let Some(description) = &example.description {
                        w.text(6, "description", description);
                    }
                    if let Some(body) = &example.body {
                        w.text(6, "body", &format!("{body}\n"));
                    }
                    discrepancies(&mut w, 6, &example.discrepancies);
                }
            }
        }
        if let Some(source) = &self.source {
            w.blank();
            w.open(0, "source");
            w.text(2, "file", &source.file);
            w.text(2, "format", &source.format);
            w.text(2, "sha256", &source.sha256);
        }
        w.finish()
    }
}

/// `models:` with each model's fields (and Rust name when it has its own).
fn write_models(w: &mut YamlWriter, models: &[DraftModel]) {
    w.open(0, "models");
    for model in models {
        w.open(2, &model.name);
        if let Some(rust_name) = &model.rust_name {
            w.text(4, "name", rust_name);
        }
        fields(w, 4, &model.fields);
    }
}

/// The `models:` block of a service file holding `models` (empty text for none).
pub fn models_yaml(models: &[DraftModel]) -> String {
    if models.is_empty() {
        return String::new();
    }
    let mut w = YamlWriter::new();
    write_models(&mut w, models);
    w.finish()
}

fn discrepancies(w: &mut YamlWriter, indent: usize, found: &[(String, String)]) {
    if found.is_empty() {
        return;
    }
    w.open(indent, "discrepancies");
    for (path, note) in found {
        w.item(indent + 2, "path", path);
        w.text(indent + 4, "note", note);
    }
}

fn fields(w: &mut YamlWriter, indent: usize, list: &[DraftField]) {
    w.open(indent, "fields");
    for field in list {
        w.open(indent + 2, &field.name);
        field_body(w, indent + 4, field, true);
    }
}

/// The keys of one field or parameter (without `in`/`required` for parameters, which the
/// caller writes): type, required, doc, enum, default, constraints.
fn field_body(w: &mut YamlWriter, indent: usize, field: &DraftField, write_required: bool) {
    let cell = &field.cell;
    let string_like = matches!(field.ty, TypeExpr::Scalar("string"));
    let numeric = matches!(
        field.ty,
        TypeExpr::Scalar("integer" | "long" | "float" | "double")
    );
    match &field.ty {
        TypeExpr::Named(name) => w.text(indent, "ref", name),
        ty => w.raw(indent, "type", type_name(ty)),
    }
    if let TypeExpr::Array(item) | TypeExpr::Map(item) = &field.ty {
        let key = if matches!(field.ty, TypeExpr::Array(_)) {
            "items"
        } else {
            "values"
        };
        let flow = match item.as_ref() {
            TypeExpr::Named(name) => format!("{{ref: {}}}", flow_scalar(name)),
            TypeExpr::Scalar(_) | TypeExpr::Object | TypeExpr::File => {
                // Item constraints: on a string array "Minimum"/"Maximum" limit each item.
                let mut keys = vec![format!("type: {}", type_name(item))];
                if matches!(item.as_ref(), TypeExpr::Scalar("string")) {
                    if let Some(min) = number(cell.min_length.as_ref().or(cell.minimum.as_ref())) {
                        keys.push(format!("min_length: {min}"));
                    }
                    if let Some(max) = number(cell.max_length.as_ref().or(cell.maximum.as_ref())) {
                        keys.push(format!("max_length: {max}"));
                    }
                }
                format!("{{{}}}", keys.join(", "))
            }
            nested => flow_schema(nested),
        };
        w.raw(indent, key, &flow);
    }
    if write_required && field.required {
        w.raw(indent, "required", "true");
    }
    if !cell.doc.is_empty() {
        w.text(indent, "doc", &cell.doc);
    }
    if let Some(default) = &cell.default {
        let value = match &field.ty {
            TypeExpr::Scalar("boolean") if matches!(default.as_str(), "true" | "false") => {
                default.clone()
            }
            _ if numeric && number(Some(default)).is_some() => default.clone(),
            _ => flow_scalar(default),
        };
        w.raw(indent, "default", &value);
    }
    if string_like {
        if let Some(min) = number(cell.min_length.as_ref().or(cell.minimum.as_ref())) {
            w.raw(indent, "min_length", &min);
        }
        if let Some(max) = number(cell.max_length.as_ref().or(cell.maximum.as_ref())) {
            w.raw(indent, "max_length", &max);
        }
    }
    if numeric {
        if let Some(min) = number(cell.minimum.as_ref()) {
            w.raw(indent, "minimum", &min);
        }
        if let Some(max) = number(cell.maximum.as_ref()) {
            w.raw(indent, "maximum", &max);
        }
    }
    if let TypeExpr::Array(_) = &field.ty {
        if let Some(min) = number(cell.min_items.as_ref()) {
            w.raw(indent, "min_items", &min);
        }
        if let Some(max) = number(cell.max_items.as_ref()) {
            w.raw(indent, "max_items", &max);
        }
    }
    if !cell.enum_values.is_empty() {
        if cell
            .enum_values
            .iter()
            .all(|(_, meaning)| meaning.is_none())
        {
            let values: Vec<String> = cell
                .enum_values
                .iter()
                .map(|(v, _)| flow_scalar(v))
                .collect();
            w.raw(indent, "enum", &format!("[{}]", values.join(", ")));
        } else {
            w.open(indent, "enum");
            for (value, meaning) in &cell.enum_values {
                w.text(indent + 2, value, meaning.as_deref().unwrap_or(""));
            }
        }
    }
}

/// A constraint value as a YAML number: only text that is a finite decimal number (the page
/// wrote `12`, `-1`, `0.5`) is written, in its own spelling; anything else is left to the
/// description text, so page text never reaches the YAML unquoted.
fn number(text: Option<&String>) -> Option<String> {
    let text = text?.trim();
    let decimal = !text.is_empty()
        && text
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && text.parse::<f64>().is_ok_and(f64::is_finite);
    decimal.then(|| text.to_owned())
}

/// A schema as a YAML flow mapping, nested types included (`{type: map, values: {type: string}}`).
fn flow_schema(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Named(name) => format!("{{ref: {}}}", flow_scalar(name)),
        TypeExpr::Array(item) => format!("{{type: array, items: {}}}", flow_schema(item)),
        TypeExpr::Map(value) => format!("{{type: map, values: {}}}", flow_schema(value)),
        other => format!("{{type: {}}}", type_name(other)),
    }
}

fn type_name(ty: &TypeExpr) -> &'static str {
    match ty {
        TypeExpr::Scalar(name) => name,
        TypeExpr::Named(_) | TypeExpr::Object => "object",
        TypeExpr::Array(_) => "array",
        TypeExpr::Map(_) => "map",
        TypeExpr::File => "file",
    }
}
