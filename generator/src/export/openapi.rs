//! OpenAPI export: one document per service, built from the resolved model, with the page
//! examples taken from the spec files as printed.
//!
//! The document of DRS, abridged (3.1; [`Version`] says where 3.0 differs):
//!
//! ```json
//! {
//!   "openapi": "3.1.0",
//!   "info": { "title": "Data Replication Service", "version": "0.1.0", "description": "..." },
//!   "externalDocs": { "url": "https://support.huaweicloud.com/intl/en-us/api-drs/" },
//!   "servers": [
//!     { "url": "https://drs.{region}.myhuaweicloud.com",
//!       "variables": { "region": { "default": "af-north-1", "enum": ["af-north-1", "..."] } } },
//!     { "url": "https://drs.eu-west-101.myhuaweicloud.eu", "description": "Region eu-west-101" }
//!   ],
//!   "security": [{ "token": [] }, { "aksk": [] }],
//!   "paths": {
//!     "/v5.1/{project_id}/jobs/{job_id}/db-objects/collect": {
//!       "post": {
//!         "operationId": "CollectDbObjectsInfo",
//!         "summary": "Submitting the Query of Database Object Information",
//!         "parameters": [
//!           { "name": "job_id", "in": "path", "required": true, "schema": { "type": "string" } },
//!           { "name": "X-Language", "in": "header",
//!             "schema": { "$ref": "#/components/schemas/CollectDbObjectsInfoXLanguage",
//!                         "default": "en-us" } }
//!         ],
//!         "requestBody": { "required": true, "content": { "application/json": {
//!           "schema": { "$ref": "#/components/schemas/CollectDbObjectsInfoRequestBody" },
//!           "examples": { "example-1": { "summary": "...", "value": { "type": "source" } } } } } },
//!         "responses": {
//!           "202": { "description": "OK", "content": { "application/json": { "schema": "...", "examples": "..." } } },
//!           "400": { "description": "Bad Request", "content": { "application/json": {
//!             "schema": { "$ref": "#/components/schemas/DrsError" } } } }
//!         }
//!       }
//!     }
//!   },
//!   "components": {
//!     "schemas": { "DrsError": { "type": "object", "properties": { "...": "..." } } },
//!     "securitySchemes": {
//!       "token": { "type": "apiKey", "in": "header", "name": "X-Auth-Token" },
//!       "aksk": { "type": "apiKey", "in": "header", "name": "Authorization" }
//!     }
//!   }
//! }
//! ```
//!
//! Headers the runtime sets (`managed: true`) are not parameters: the security schemes and the
//! media types cover them. Optional fields are simply absent from `required`; nothing is marked
//! nullable. Object schemas stay open (no `additionalProperties: false`) because servers add
//! fields and the generated clients accept them. An example the spec lists `discrepancies` for
//! contradicts its own schema on the page; it is kept, marked with `x-discrepancies`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value, json};

use crate::diagnostics::{Code, Diagnostics};
use crate::markdown::{code_span, escape_line, visible_direction_controls};
use crate::model::{
    ArrayStyle, AuthScheme, Body, Constraints, Discrepancy, EnumValue, Examples, Number, Operation,
    Output, Param, ParamLocation, ParamSource, PathPart, Scope, Service, Shape, TypeDef, TypeKind,
    TypeRef,
};

mod merge;

/// The OpenAPI version a document follows. They differ in two places:
///
/// - a `$ref` with a description, default or constraint of the place it is used: 3.1 writes
///   them beside the `$ref`; 3.0 ignores whatever stands beside a `$ref`, so it writes
///   `{"allOf": [{"$ref": ...}], ...}`;
/// - a byte stream: 3.1 `{"type": "string", "contentMediaType": "application/octet-stream"}`,
///   3.0 `{"type": "string", "format": "binary"}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.0.3, for tools that read only 3.0 (progenitor and others).
    V3_0,
    /// OpenAPI 3.1.0, whose schemas are JSON Schema 2020-12.
    #[default]
    V3_1,
}

impl Version {
    /// Every version, the default first.
    pub const ALL: [Version; 2] = [Version::V3_1, Version::V3_0];

    /// The short name the command line takes: `3.0` or `3.1`.
    pub fn name(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0",
            Version::V3_1 => "3.1",
        }
    }

    /// The document's `openapi` field: `3.0.3` or `3.1.0`.
    pub fn openapi_field(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0.3",
            Version::V3_1 => "3.1.0",
        }
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Version::ALL
            .into_iter()
            .find(|v| text == v.name() || text == v.openapi_field())
            .ok_or_else(|| format!("unknown OpenAPI version `{text}`; expected 3.1 or 3.0"))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The OpenAPI document of one service, keys in spec order.
///
/// Operations OpenAPI sees as one (same method, same path once parameter names are erased)
/// are written as one operation: see `export/openapi/merge.rs`. Fails only where they cannot be: a parameter
/// they declare with different schemas, or a joined id that is already an operation's.
pub fn document(model: &Service, version: Version) -> Result<Value, Diagnostics> {
    let exporter = Exporter {
        service: model,
        version,
    };
    let mut components = merge::Components::new(model.all_types().map(|def| def.name.as_str()));
    let paths = exporter.paths(&mut components)?;
    let mut schemas = exporter.schemas();
    if let Value::Object(schemas) = &mut schemas {
        schemas.extend(components.into_schemas());
    }
    Ok(object([
        ("openapi", Some(json!(version.openapi_field()))),
        ("info", Some(info(model))),
        ("externalDocs", model.doc_url.as_deref().map(external_docs)),
        ("servers", Some(servers(model))),
        ("security", Some(security(model))),
        ("paths", Some(paths)),
        (
            "components",
            Some(object([
                ("schemas", Some(schemas)),
                ("securitySchemes", Some(security_schemes(model))),
            ])),
        ),
    ]))
}

/// The operations OpenAPI writes at one path: those whose paths are the same once parameter
/// names are erased (OpenAPI forbids two templates that differ only in their names).
struct PathItem<'a> {
    /// The first operation's template, where all of them are written.
    template: &'a str,
    /// The first operation's path parameter names, in path order: every operation's path
    /// parameters take these names.
    names: Vec<&'a str>,
    /// The operations of each method, methods and operations in spec order.
    methods: Vec<(&'a str, Vec<&'a Operation>)>,
}

/// The operations grouped by path shape, then by method, in spec order.
fn path_items(operations: &[Operation]) -> Vec<PathItem<'_>> {
    let mut items: Vec<(String, PathItem)> = Vec::new();
    for op in operations {
        let shape = path_shape(op);
        let index = match items.iter().position(|(s, _)| *s == shape) {
            Some(index) => index,
            None => {
                let item = PathItem {
                    template: &op.path_template,
                    names: path_names(op),
                    methods: Vec::new(),
                };
                items.push((shape, item));
                items.len() - 1
            }
        };
        let methods = &mut items[index].1.methods;
        let method = op.method.as_str();
        match methods.iter_mut().find(|(m, _)| *m == method) {
            Some((_, members)) => members.push(op),
            None => methods.push((method, vec![op])),
        }
    }
    items.into_iter().map(|(_, item)| item).collect()
}

/// The operation's path parameter names, in path order.
fn path_names(op: &Operation) -> Vec<&str> {
    op.path
        .iter()
        .filter_map(|part| match part {
            PathPart::Param(index) => Some(op.params[*index].wire_name.as_str()),
            PathPart::Literal(_) => None,
        })
        .collect()
}

/// Builds what needs the model and the version: every part that holds a schema.
struct Exporter<'a> {
    service: &'a Service,
    version: Version,
}

impl Exporter<'_> {
    /// Operations grouped by path, in spec order; several on one method and path merged.
    fn paths(&self, components: &mut merge::Components) -> Result<Value, Diagnostics> {
        let mut ids: HashSet<String> = self
            .service
            .operations
            .iter()
            .map(|op| op.id.clone())
            .collect();
        let mut paths = Map::new();
        for item in path_items(&self.service.operations) {
            let mut methods = Map::new();
            for (method, members) in &item.methods {
                let exported = match members.as_slice() {
                    [op] => self.operation(op, &item),
                    _ => self.merged(members, method, &item, &mut ids, components)?,
                };
                methods.insert(method.to_ascii_lowercase(), exported);
            }
            paths.insert(item.template.to_owned(), Value::Object(methods));
        }
        Ok(Value::Object(paths))
    }

    /// Several operations on one method and path as one, whose id must not be in `ids` (every
    /// operation's and every merged operation's so far).
    fn merged(
        &self,
        members: &[&Operation],
        method: &str,
        item: &PathItem,
        ids: &mut HashSet<String>,
        components: &mut merge::Components,
    ) -> Result<Value, Diagnostics> {
        let exported: Vec<merge::Member> = members
            .iter()
            .map(|op| merge::Member {
                op,
                exported: self.operation(op, item),
            })
            .collect();
        let merged = merge::operation(&exported, method, item.template, components)?;
        let id = merged["operationId"].as_str().unwrap_or_default();
        if !ids.insert(id.to_owned()) {
            return Err(Diagnostics(vec![members[0].source.error(
                Code::OpenApiPathConflict,
                "id",
                format!(
                    "the operations on `{method} {}` are one OpenAPI operation, whose id `{id}` (their ids joined with `Or`, or the first and a count) is already taken",
                    item.template
                ),
            )]));
        }
        Ok(merged)
    }

    /// One operation, its path parameters named as `item`'s template names them.
    fn operation(&self, op: &Operation, item: &PathItem) -> Value {
        let examples = &op.examples;
        // The template's name of each path parameter, by the parameter's index.
        let path_params = op.path.iter().filter_map(|part| match part {
            PathPart::Param(index) => Some(*index),
            PathPart::Literal(_) => None,
        });
        let renamed: HashMap<usize, &str> = path_params.zip(item.names.iter().copied()).collect();
        // Query values the operation always sends: required parameters with their one value.
        let fixed = op.fixed_query.iter().map(|(name, value)| {
            json!({
                "name": name,
                "in": "query",
                "required": true,
                "description": "Always sent with this value: part of what the operation is.",
                "schema": {"type": "string", "enum": [value]},
            })
        });
        let parameters: Vec<Value> = fixed
            .chain(
                op.params
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.source != ParamSource::Managed)
                    .map(|(index, p)| {
                        let name = renamed.get(&index).copied().unwrap_or(&p.wire_name);
                        self.parameter(p, name)
                    }),
            )
            .collect();
        object([
            ("operationId", Some(json!(op.id))),
            ("summary", Some(json!(op.title))),
            ("deprecated", op.deprecated.is_some().then(|| json!(true))),
            ("description", operation_description(op)),
            ("externalDocs", op.doc_url.as_deref().map(external_docs)),
            (
                "parameters",
                (!parameters.is_empty()).then(|| Value::Array(parameters)),
            ),
            (
                "requestBody",
                op.body
                    .as_ref()
                    .map(|body| self.request_body(body, examples)),
            ),
            ("responses", Some(self.responses(op, examples))),
            // The path as the spec writes it, where its parameters' names were replaced.
            (
                "x-specgen-path",
                (op.path_template != item.template).then(|| json!(op.path_template)),
            ),
        ])
    }

    /// A parameter, called `name` (the path item's name for a path parameter).
    fn parameter(&self, param: &Param, name: &str) -> Value {
        // Query arrays: `?id=a&id=b` is form with explode, `?id=a,b` form without.
        let explode = match (&param.shape.ty, param.location) {
            (TypeRef::Array(_), ParamLocation::Query) => Some(param.style == ArrayStyle::Repeat),
            _ => None,
        };
        let location = match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        object([
            ("name", Some(json!(name))),
            ("in", Some(json!(location))),
            ("description", description(param.doc.as_deref())),
            ("required", param.required.then_some(json!(true))),
            ("style", explode.map(|_| json!("form"))),
            ("explode", explode.map(Value::Bool)),
            (
                "schema",
                Some(self.schema(&param.shape, None, param.default.as_ref())),
            ),
        ])
    }

    fn request_body(&self, body: &Body, examples: &Examples) -> Value {
        let examples = request_examples(examples);
        object([
            ("description", description(body.doc.as_deref())),
            ("required", Some(json!(true))),
            (
                "content",
                Some(json_content(self.schema(&body.shape, None, None), examples)),
            ),
        ])
    }

    /// The success status, then the documented error statuses, ascending.
    fn responses(&self, op: &Operation, examples: &Examples) -> Value {
        let examples_of = |status| response_examples(examples, status);
        let status = op.success.status;
        let content = match &op.output {
            Output::Json(shape) => Some(json_content(
                self.schema(shape, None, None),
                examples_of(status),
            )),
            Output::Bytes => {
                Some(json!({ "application/octet-stream": { "schema": self.binary() } }))
            }
            Output::Empty => None,
        };
        let headers = self.response_headers(op);
        let mut responses = Map::new();
        responses.insert(
            status.to_string(),
            object([
                ("description", Some(json!(op.success.description))),
                (
                    "headers",
                    (!headers.is_empty()).then_some(Value::Object(headers)),
                ),
                ("content", content),
            ]),
        );
        for error in &op.errors {
            // A status the page gives no table for still answers with the service's error body.
            let body = error.body.clone().or_else(|| {
                op.error_type.clone().map(|name| Shape {
                    ty: TypeRef::Named(name),
                    constraints: Constraints::default(),
                })
            });
            let content = body.map(|shape| {
                json_content(self.schema(&shape, None, None), examples_of(error.status))
            });
            let headers: Map<String, Value> = error
                .documented_headers
                .iter()
                .map(|header| {
                    let value = object([
                        ("description", description(header.doc.as_deref())),
                        ("schema", Some(self.type_schema(&header.ty))),
                    ]);
                    (header.wire_name.clone(), value)
                })
                .collect();
            responses.insert(
                error.status.to_string(),
                object([
                    ("description", Some(json!(error.description))),
                    (
                        "headers",
                        (!headers.is_empty()).then_some(Value::Object(headers)),
                    ),
                    ("content", content),
                ]),
            );
        }
        Value::Object(responses)
    }

    /// The documented response headers, described by the success struct's fields they fill.
    fn response_headers(&self, op: &Operation) -> Map<String, Value> {
        let fields = match &op.output {
            Output::Json(Shape {
                ty: TypeRef::Named(name),
                ..
            }) => match self.service.find_type(name).map(|t| &t.kind) {
                Some(TypeKind::Struct { fields }) => fields.as_slice(),
                _ => &[],
            },
            _ => &[],
        };
        op.response_headers
            .iter()
            .map(|header| {
                let doc = fields
                    .iter()
                    .find(|f| f.from_header && f.rust_name == header.rust_name)
                    .and_then(|f| f.doc.as_deref());
                let value = object([
                    ("description", description(doc)),
                    ("schema", Some(self.type_schema(&header.ty))),
                ]);
                (header.wire_name.clone(), value)
            })
            .collect()
    }

    /// Every named type, shared models first, keyed by its Rust name (unique in the crate).
    fn schemas(&self) -> Value {
        Value::Object(
            self.service
                .all_types()
                .map(|def| (def.name.clone(), self.type_def(def)))
                .collect(),
        )
    }

    fn type_def(&self, def: &TypeDef) -> Value {
        match &def.kind {
            TypeKind::Struct { fields } => {
                // Fields filled from response headers are not in the JSON body.
                let fields: Vec<_> = fields.iter().filter(|f| !f.from_header).collect();
                let properties: Map<String, Value> = fields
                    .iter()
                    .map(|f| {
                        let schema = self.schema(&f.shape, f.doc.as_deref(), f.default.as_ref());
                        (f.wire_name.clone(), schema)
                    })
                    .collect();
                let required: Vec<Value> = fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| json!(f.wire_name))
                    .collect();
                object([
                    ("type", Some(json!("object"))),
                    ("description", description(def.doc.as_deref())),
                    ("properties", Some(Value::Object(properties))),
                    // 3.0 requires a non-empty list where there is one.
                    (
                        "required",
                        (!required.is_empty()).then_some(Value::Array(required)),
                    ),
                ])
            }
            TypeKind::Enum { values, default } => object([
                ("type", Some(json!("string"))),
                ("description", enum_description(def.doc.as_deref(), values)),
                ("enum", Some(values.iter().map(|v| json!(v.wire)).collect())),
                ("default", default.map(|index| json!(values[index].wire))),
            ]),
        }
    }

    /// The schema of a value of `shape`, with the description and default of the place it is
    /// used.
    fn schema(&self, shape: &Shape, description: Option<&str>, default: Option<&Value>) -> Value {
        let mut keywords = Map::new();
        if let Some(description) = description {
            keywords.insert("description".into(), json!(markdown(description)));
        }
        if let Some(default) = default {
            keywords.insert("default".into(), default.clone());
        }
        keywords.extend(constraint_keywords(&shape.constraints));
        let schema = self.type_schema(&shape.ty);
        if keywords.is_empty() {
            return schema;
        }
        match (schema, self.version) {
            (Value::Object(reference), Version::V3_0) if reference.contains_key("$ref") => {
                let mut wrapped = Map::new();
                wrapped.insert("allOf".into(), json!([reference]));
                wrapped.extend(keywords);
                Value::Object(wrapped)
            }
            (Value::Object(mut schema), _) => {
                schema.extend(keywords);
                Value::Object(schema)
            }
            (schema, _) => schema,
        }
    }

    fn type_schema(&self, ty: &TypeRef) -> Value {
        match ty {
            TypeRef::String => json!({ "type": "string" }),
            TypeRef::I32 => json!({ "type": "integer", "format": "int32" }),
            TypeRef::I64 => json!({ "type": "integer", "format": "int64" }),
            TypeRef::F32 => json!({ "type": "number", "format": "float" }),
            TypeRef::F64 => json!({ "type": "number", "format": "double" }),
            TypeRef::Bool => json!({ "type": "boolean" }),
            TypeRef::Json => json!({}),
            TypeRef::Array(item) => {
                json!({ "type": "array", "items": self.schema(item, None, None) })
            }
            TypeRef::Map(value) => {
                json!({ "type": "object", "additionalProperties": self.schema(value, None, None) })
            }
            TypeRef::Bytes => self.binary(),
            TypeRef::Named(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
        }
    }

    fn binary(&self) -> Value {
        match self.version {
            Version::V3_0 => json!({ "type": "string", "format": "binary" }),
            Version::V3_1 => {
                json!({ "type": "string", "contentMediaType": "application/octet-stream" })
            }
        }
    }
}

fn info(service: &Service) -> Value {
    object([
        ("title", Some(json!(service.title))),
        ("version", Some(json!(service.version))),
        ("description", description(service.description.as_deref())),
    ])
}

/// The endpoint template, with the regions that follow it as the `region` variable's values;
/// each region with an endpoint of its own is a server of its own.
fn servers(service: &Service) -> Value {
    const PLACEHOLDER: &str = "{region}";
    if !service.endpoint.contains(PLACEHOLDER) {
        return json!([{ "url": service.endpoint }]);
    }
    let (templated, own): (Vec<_>, Vec<_>) = service
        .regions
        .iter()
        .partition(|(region, endpoint)| *endpoint == service.endpoint.replace(PLACEHOLDER, region));
    let region = match templated.first() {
        Some((first, _)) => json!({
            "description": "The region to call.",
            "default": first,
            "enum": templated.iter().map(|(region, _)| region).collect::<Vec<_>>(),
        }),
        // The variable needs a default; without a region table there is none to offer.
        None => json!({
            "description": "The region to call; the spec records no region table for this service.",
            "default": "region",
        }),
    };
    let mut servers = vec![json!({ "url": service.endpoint, "variables": { "region": region } })];
    servers.extend(own.into_iter().map(
        |(region, endpoint)| json!({ "url": endpoint, "description": format!("Region {region}") }),
    ));
    Value::Array(servers)
}

/// Either scheme is enough on its own.
fn security(service: &Service) -> Value {
    service
        .auth
        .iter()
        .map(|scheme| json!({ scheme_name(*scheme): [] }))
        .collect()
}

fn security_schemes(service: &Service) -> Value {
    let account_header = match service.scope {
        Scope::Project => "`X-Project-Id` (the project id)",
        Scope::Global => "`X-Domain-Id` (the account's domain id)",
    };
    let schemes = service.auth.iter().map(|scheme| {
        let definition = match scheme {
            AuthScheme::Token => json!({
                "type": "apiKey",
                "in": "header",
                "name": "X-Auth-Token",
                "description": "An IAM user token: the `X-Subject-Token` response header of IAM's API for obtaining a token.",
            }),
            AuthScheme::Aksk => json!({
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": format!(
                    "Access key / secret key signing (SDK-HMAC-SHA256). The request carries \
                     `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`, UTC) and {account_header}; temporary \
                     credentials add `X-Security-Token`. The canonical request (method, path, \
                     sorted query, sorted lower-case headers, signed header names, hex SHA-256 \
                     of the body) is hashed with SHA-256; the string to sign is \
                     `SDK-HMAC-SHA256`, the `X-Sdk-Date` value and that hash, one per line; and \
                     `Authorization` is `SDK-HMAC-SHA256 Access=<access key>, \
                     SignedHeaders=<names joined by ;>, Signature=<hex HMAC-SHA256 of the string \
                     to sign under the secret key>`."
                ),
            }),
        };
        (scheme_name(*scheme).to_owned(), definition)
    });
    Value::Object(schemes.collect())
}

fn scheme_name(scheme: AuthScheme) -> &'static str {
    match scheme {
        AuthScheme::Token => "token",
        AuthScheme::Aksk => "aksk",
    }
}

/// The path with every parameter name blanked: what OpenAPI compares paths by.
fn path_shape(op: &Operation) -> String {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.as_str(),
            PathPart::Param(_) => "{}",
        })
        .collect()
}

fn json_content(schema: Value, examples: Map<String, Value>) -> Value {
    json!({
        "application/json": object([
            ("schema", Some(schema)),
            ("examples", (!examples.is_empty()).then_some(Value::Object(examples))),
        ])
    })
}

/// The request examples with a body, keyed by their place on the page (`example-1`, ...).
fn request_examples(examples: &Examples) -> Map<String, Value> {
    examples
        .requests
        .iter()
        .enumerate()
        .filter_map(|(index, example)| {
            let value = parse_example(example.body.as_deref())?;
            let url = example
                .url
                .as_deref()
                .map(|url| format!("The request as the page prints it: {}", code_span(url)));
            let example =
                example_object(example.title.as_deref(), url, value, &example.discrepancies);
            Some((format!("example-{}", index + 1), example))
        })
        .collect()
}

/// The page's example answer of `status`, if it has a body.
fn response_examples(examples: &Examples, status: u16) -> Map<String, Value> {
    examples
        .responses
        .iter()
        .find(|example| example.status == status)
        .and_then(|example| {
            let value = parse_example(example.body.as_deref())?;
            let example = example_object(
                example.description.as_deref(),
                None,
                value,
                &example.discrepancies,
            );
            Some(("example".to_owned(), example))
        })
        .into_iter()
        .collect()
}

/// Loading checked that every example body is JSON, so one that is not is simply left out.
fn parse_example(body: Option<&str>) -> Option<Value> {
    serde_json::from_str(body?).ok()
}

fn example_object(
    summary: Option<&str>,
    description: Option<String>,
    value: Value,
    discrepancies: &[Discrepancy],
) -> Value {
    let notes = discrepancies.iter().map(|d| {
        format!(
            "The page contradicts its own table at {}: {}",
            code_span(&d.path),
            d.note
        )
    });
    let description: Vec<String> = description.into_iter().chain(notes).collect();
    let marks: Vec<Value> = discrepancies
        .iter()
        .map(|d| json!({ "path": d.path, "note": d.note }))
        .collect();
    object([
        ("summary", summary.map(|s| json!(s.trim()))),
        (
            "description",
            (!description.is_empty()).then(|| json!(description.join("\n\n"))),
        ),
        ("value", Some(value)),
        (
            "x-discrepancies",
            (!marks.is_empty()).then_some(Value::Array(marks)),
        ),
    ])
}

/// The type's description, then each documented value's meaning as a list item.
fn enum_description(doc: Option<&str>, values: &[EnumValue]) -> Option<Value> {
    let meanings: Vec<String> = values
        .iter()
        .filter_map(|v| {
            let meaning = v.doc.as_deref()?.trim();
            Some(format!("- {}: {meaning}", code_span(&v.wire)))
        })
        .collect();
    let parts: Vec<String> = doc
        .map(markdown)
        .into_iter()
        .chain((!meanings.is_empty()).then(|| meanings.join("\n")))
        .collect();
    (!parts.is_empty()).then(|| json!(parts.join("\n\n")))
}

fn constraint_keywords(c: &Constraints) -> Map<String, Value> {
    // `minimum`/`maximum` keep the spec's spelling: an integer stays an integer.
    let number = |n: &Number| n.to_json().map(Value::Number);
    [
        ("minLength", c.min_length.map(Value::from)),
        ("maxLength", c.max_length.map(Value::from)),
        ("minimum", c.minimum.as_ref().and_then(number)),
        ("maximum", c.maximum.as_ref().and_then(number)),
        ("minItems", c.min_items.map(Value::from)),
        ("maxItems", c.max_items.map(Value::from)),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key.to_owned(), value?)))
    .collect()
}

/// The page's Function text, then its Constraints section.
fn operation_description(op: &Operation) -> Option<Value> {
    let constraints = op
        .constraints
        .as_deref()
        .map(|text| format!("Constraints:\n\n{}", markdown(text)));
    let parts: Vec<String> = op
        .description
        .as_deref()
        .map(markdown)
        .into_iter()
        .chain(constraints)
        .collect();
    (!parts.is_empty()).then(|| json!(parts.join("\n\n")))
}

/// Spec text as a `description`.
fn description(text: Option<&str>) -> Option<Value> {
    text.map(|text| json!(markdown(text)))
}

/// Spec text as CommonMark that documentation tools render as that text (no HTML, links or
/// code blocks made from it); the pages' `•` bullets become list items, as in the crate docs.
fn markdown(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|line| visible_direction_controls(&escape_line(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn external_docs(url: &str) -> Value {
    json!({ "url": url })
}

/// A JSON object of the entries that are present, in order.
fn object<const N: usize>(entries: [(&str, Option<Value>); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 3.1 document of a service `demo` whose operations are `files` (name, YAML).
    fn demo(files: &[(&str, &str)]) -> Result<Value, Diagnostics> {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("demo");
        std::fs::create_dir_all(dir.join("operations")).unwrap();
        let service = "name: demo\ntitle: Demo\ncrate: demo\nversion: 0.0.0\n\
                       endpoint: https://demo.example.com\nscope: global\nauth: [token]\n\
                       error: {model: Failure, code: code, message: message}\n\
                       models:\n  Failure:\n    fields:\n      code: {type: string}\n      \
                       message: {type: string}\n";
        std::fs::write(dir.join("service.yaml"), service).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join("operations").join(name), text).unwrap();
        }
        let loaded = crate::load(temp.path()).unwrap_or_else(|errors| panic!("{errors}"));
        document(&loaded.services[0], Version::V3_1)
    }

    /// `POST /v1/things/{param}/action` with a query parameter, a body whose one field is
    /// `key`, a 200 answer with the field `answer` and a 400 answer (the service's error body).
    fn action(id: &str, param: &str, query: &str, key: &str, answer: &str) -> String {
        format!(
            "id: {id}\ntitle: Doing {id}\nmethod: POST\npath: /v1/things/{{{param}}}/action\n\
             params:\n  {param}: {{in: path, required: true}}\n  {query}\n\
             request:\n  body:\n    fields:\n      {key}: {{type: object, required: true}}\n\
             responses:\n  200:\n    description: OK\n    body:\n      fields:\n        \
             {answer}: {{type: string}}\n  400: {{description: Bad}}\n"
        )
    }

    #[test]
    fn an_operation_alone_on_its_method_and_path_is_exported_as_it_is() {
        let alone = action("Start", "id", "q: {in: query}", "start", "a");
        let doc = demo(&[("a.yaml", &alone)]).unwrap();
        let op = &doc["paths"]["/v1/things/{id}/action"]["post"];
        assert_eq!(op["operationId"], "Start");
        assert_eq!(op["summary"], "Doing Start");
        assert!(op.get("x-specgen-operations").is_none(), "{op}");
        assert!(op.get("x-specgen-path").is_none(), "{op}");
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"],
            json!({ "$ref": "#/components/schemas/StartRequestBody" })
        );
    }

    #[test]
    fn operations_on_one_method_and_path_unite_parameters_bodies_and_answers() {
        let start = action(
            "Start",
            "id",
            "q: {in: query, required: true}",
            "start",
            "a",
        );
        let stop = action(
            "Stop",
            "thing",
            "q: {in: query, required: true}\n  r: {in: query, required: true}",
            "stop",
            "b",
        );
        let files = [("a.yaml", start.as_str()), ("b.yaml", stop.as_str())];
        let doc = demo(&files).unwrap();
        assert_eq!(
            doc,
            demo(&files).unwrap(),
            "the same spec, the same document"
        );
        let paths = doc["paths"].as_object().unwrap();
        assert_eq!(paths.keys().collect::<Vec<_>>(), ["/v1/things/{id}/action"]);
        let op = &paths["/v1/things/{id}/action"]["post"];
        // Ids joined in spec (file) order.
        assert_eq!(op["operationId"], "StartOrStop");
        assert_eq!(op["summary"], "Doing Start / Doing Stop");
        let description = op["description"].as_str().unwrap();
        assert!(
            description.contains("- `Stop`: Doing Stop"),
            "{description}"
        );
        // Parameters: one path parameter under the first name; `q` required by both, `r` by one.
        let params: Vec<(&str, bool)> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["name"].as_str().unwrap(), p["required"] == json!(true)))
            .collect();
        assert_eq!(params, [("id", true), ("q", true), ("r", false)]);
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"],
            json!({ "oneOf": [
                { "$ref": "#/components/schemas/StartRequestBody" },
                { "$ref": "#/components/schemas/StopRequestBody" },
            ] })
        );
        assert_eq!(op["requestBody"]["required"], true);
        // 200 answers differ: a `oneOf`; the 400 answers are equal: not wrapped.
        let schema =
            |status: &str| &op["responses"][status]["content"]["application/json"]["schema"];
        assert_eq!(schema("200")["oneOf"].as_array().map(Vec::len), Some(2));
        assert_eq!(schema("400")["oneOf"], Value::Null, "{}", schema("400"));
        assert_eq!(op["responses"]["200"]["description"], "OK");
        let members: Vec<&Value> = op["x-specgen-operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["path"])
            .collect();
        assert_eq!(
            members,
            [
                &json!("/v1/things/{id}/action"),
                &json!("/v1/things/{thing}/action")
            ]
        );
    }

    #[test]
    fn fixed_query_values_unite_and_other_differences_are_errors() {
        let fixed = |id: &str, value: &str| {
            format!(
                "id: {id}\ntitle: {id}\nmethod: GET\npath: /v1/things\n\
                 fixed_query: {{kind: {value}}}\nresponses:\n  204: {{description: Done.}}\n"
            )
        };
        let (a, b) = (fixed("ListA", "a"), fixed("ListB", "b"));
        let doc = demo(&[("a.yaml", &a), ("b.yaml", &b)]).unwrap();
        let kind = &doc["paths"]["/v1/things"]["get"]["parameters"][0];
        assert_eq!(
            kind["schema"],
            json!({ "type": "string", "enum": ["a", "b"] })
        );
        assert_eq!(kind["required"], true, "every member sends it");
        assert_eq!(
            doc["paths"]["/v1/things"]["get"]["x-specgen-operations"][1]["fixedQuery"],
            json!({ "kind": "b" })
        );

        let start = action("Start", "id", "q: {in: query}", "start", "a");
        let stop = action("Stop", "id", "q: {in: query, type: integer}", "stop", "a");
        let error = demo(&[("a.yaml", &start), ("b.yaml", &stop)])
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("b.yaml") && error.contains("a.yaml") && error.contains("`q`"),
            "{error}"
        );
    }

    #[test]
    fn a_joined_id_that_is_taken_is_an_error() {
        let start = action("Start", "id", "q: {in: query}", "start", "a");
        let stop = action("Stop", "id", "q: {in: query}", "stop", "a");
        let taken = "id: StartOrStop\ntitle: T\nmethod: GET\npath: /v1/other\n\
                     responses:\n  204: {description: Done.}\n";
        let files = [
            ("a.yaml", start.as_str()),
            ("b.yaml", &stop),
            ("c.yaml", taken),
        ];
        let error = demo(&files).unwrap_err().to_string();
        assert!(error.contains("`StartOrStop`"), "{error}");
    }

    #[test]
    fn versions_parse_from_their_short_and_full_names() {
        assert_eq!("3.0".parse(), Ok(Version::V3_0));
        assert_eq!("3.1.0".parse(), Ok(Version::V3_1));
        assert!("2.0".parse::<Version>().is_err());
        assert_eq!(Version::default().openapi_field(), "3.1.0");
    }

    #[test]
    fn bullets_become_list_items() {
        assert_eq!(
            markdown("Example:\n• one\n  • two\nend\n"),
            "Example:\n- one\n- two\nend"
        );
    }

    #[test]
    fn enum_meanings_follow_the_description() {
        let value = |wire: &str, doc: Option<&str>| EnumValue {
            wire: wire.into(),
            variant: String::new(),
            doc: doc.map(Into::into),
        };
        let values = [value("a", Some("The first.")), value("b", None)];
        assert_eq!(
            enum_description(Some("Kind."), &values),
            Some(json!("Kind.\n\n- `a`: The first."))
        );
        assert_eq!(enum_description(None, &[value("b", None)]), None);
    }
}
