//! The spec files as written: serde types that mirror the YAML one to one.
//!
//! Every struct denies unknown keys, so a typo is an error rather than a silently ignored
//! setting. Nothing here is checked beyond its YAML shape; `check` and `crate::model` do that.
//! `spec/README.md` documents each key for spec authors.

use serde::Deserialize;

use super::yaml::{EnumValues, UniqueMap};

/// `spec/<service>/service.yaml`: what every operation of one service shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    /// Short name, also the directory name: `drs`.
    pub name: String,
    /// Full product name: `Data Replication Service`.
    pub title: String,
    /// Package name of the generated crate: `huaweicloud-sdk-drs`.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Version of the generated crate.
    pub version: String,
    /// What the service does, for the crate documentation.
    #[serde(default)]
    pub description: Option<String>,
    /// The service's API reference.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// Endpoint template with a `{region}` placeholder.
    pub endpoint: String,
    /// The regions the service is offered in.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Regions whose endpoint does not follow `endpoint`, with their endpoint.
    #[serde(default)]
    pub region_endpoints: UniqueMap<String, String>,
    /// Whether operations are addressed by project (regional) or by account (global).
    #[serde(default)]
    pub scope: Scope,
    /// Authentication schemes the service accepts.
    pub auth: Vec<AuthScheme>,
    /// The error body every error status of the service returns.
    #[serde(default)]
    pub error: Option<ErrorSpec>,
    /// Named models shared by the service's operations.
    #[serde(default)]
    pub models: UniqueMap<String, Schema>,
}

/// How a service addresses what it acts on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Regional: paths carry `{project_id}`, filled from the client's project.
    #[default]
    Project,
    /// Global: one endpoint, the account is identified by its domain id.
    Global,
}

/// An authentication scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthScheme {
    /// An IAM token in `X-Auth-Token`.
    Token,
    /// Access key and secret key, signed with SDK-HMAC-SHA256.
    Aksk,
}

/// Which model is the service's error body, and where its code and message live.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// Name of a model under `models`.
    pub model: String,
    /// Field holding the error code, e.g. `error_code`.
    pub code: String,
    /// Field holding the message, e.g. `error_msg`.
    pub message: String,
}

/// `spec/<service>/operations/<operation>.yaml`: one API reference page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationSpec {
    /// Operation id as the official SDKs name it: `CollectDbObjectsInfo`.
    pub id: String,
    /// The page title.
    pub title: String,
    /// The page's address.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// The page's Function text.
    #[serde(default)]
    pub description: Option<String>,
    /// The page's Constraints section.
    #[serde(default)]
    pub constraints: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template with `{param}` placeholders.
    pub path: String,
    /// Query values the operation always sends (`?usage=True` in the page's URI): wire name →
    /// value. They are part of what the operation is, not something the caller sets.
    #[serde(default)]
    pub fixed_query: UniqueMap<String, String>,
    /// The page's deprecation note: the operation is deprecated.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Path, query and header parameters, keyed by their wire name.
    #[serde(default)]
    pub params: UniqueMap<String, ParamSpec>,
    /// Named models used only by this operation (the page's nested tables).
    #[serde(default)]
    pub models: UniqueMap<String, Schema>,
    /// The request body.
    #[serde(default)]
    pub request: Option<RequestSpec>,
    /// Every status the page documents, keyed by status code.
    pub responses: UniqueMap<u16, ResponseSpec>,
    /// The page's examples.
    #[serde(default)]
    pub examples: ExamplesSpec,
    /// Where the spec was imported from.
    #[serde(default)]
    pub source: Option<SourceSpec>,
    /// The reviewed hand edits made to the import's output: provenance, like `source`, which
    /// generation ignores (`specgen import --check` and a re-import read it; see
    /// `crate::import::edits`).
    #[serde(default)]
    pub edits: Vec<EditSpec>,
}

/// One recorded hand edit of an imported spec: the spec's value at `at` is the edit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditSpec {
    /// The YAML path of the edited value, spelled as diagnostics spell fields
    /// (`request.body.fields.type.enum`, `examples.requests[0].url`).
    pub at: String,
    /// What the import wrote there; absent (or `null`) when it wrote nothing there.
    #[serde(default)]
    pub was: Option<serde_yaml::Value>,
    /// Why the edit was made (required: it is what a reviewer of a later re-import reads).
    pub why: String,
}

/// The page an operation spec was imported from: its provenance, so that a re-import can tell
/// whether the page changed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// The page's file name as imported (`evs-delete-volume.txt`).
    pub file: String,
    /// The page's format (`text`, `tsv`, `markdown`, `html`).
    #[serde(default)]
    pub format: Option<String>,
    /// SHA-256 of the page's text, in lowercase hex.
    pub sha256: String,
}

/// HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl HttpMethod {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// Where a parameter's value comes from when the caller does not give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamSource {
    /// The client's project id (the request may override it).
    Project,
}

/// A path, query or header parameter. Parameters are scalars or arrays of scalars, so only
/// the scalar keys of [`Schema`] are accepted here.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamSpec {
    /// Path, query or header.
    #[serde(rename = "in")]
    pub location: ParamLocation,
    /// The page's description.
    #[serde(default)]
    pub doc: Option<String>,
    /// The page's "Mandatory" column. Path parameters are always required.
    #[serde(default)]
    pub required: bool,
    /// Value type; `string` when absent.
    #[serde(default, rename = "type")]
    pub ty: Option<TypeName>,
    /// For `type: array`, the item type.
    #[serde(default)]
    pub items: Option<Box<Schema>>,
    /// Documented values.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<EnumValues>,
    /// Name of the generated enum, when the default name does not read well.
    #[serde(default)]
    pub name: Option<String>,
    /// The server's default.
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// Minimum length in characters.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Smallest allowed number.
    #[serde(default)]
    pub minimum: Option<serde_yaml::Number>,
    /// Largest allowed number.
    #[serde(default)]
    pub maximum: Option<serde_yaml::Number>,
    /// Filled from client configuration rather than by the caller.
    #[serde(default)]
    pub from: Option<ParamSource>,
    /// Set by the runtime (authentication, content type), never by the caller.
    #[serde(default)]
    pub managed: bool,
    /// How a query array is sent.
    #[serde(default)]
    pub style: Option<ArrayStyle>,
}

/// How a query array is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArrayStyle {
    /// The parameter repeated once per item: `?id=a&id=b`.
    #[default]
    Repeat,
    /// One parameter, items joined with commas: `?id=a,b`.
    Comma,
}

/// A request body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// Media type of the body; `application/json` when absent.
    #[serde(default)]
    pub content_type: Option<String>,
    /// The body's shape.
    pub body: Schema,
}

/// One documented status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// The page's description of the status, exactly as printed ("OK" even for a 202).
    pub description: String,
    /// The body's shape; absent when the page gives no table.
    #[serde(default)]
    pub body: Option<Schema>,
    /// Response headers the page documents, keyed by name: on the success status they become
    /// fields of the success struct; on an error status they are documented (and readable
    /// from `ApiError::headers`).
    #[serde(default)]
    pub headers: UniqueMap<String, Schema>,
    /// The page does not state this status; the importer's convention decided it.
    #[serde(default)]
    pub inferred: bool,
}

/// The value types a page's "Type" column uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum TypeName {
    String,
    /// 32-bit integer (the pages' "Integer").
    Integer,
    /// 64-bit integer (the pages' "Long").
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float (the pages' "Double" and "Number").
    Double,
    Boolean,
    Array,
    Object,
    /// A JSON object with arbitrary keys; the value schema is under `values`.
    Map,
    /// A raw byte stream (a file download).
    File,
}

/// The shape of a body, field or array item, with its constraints.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Value type; `object` when `fields` is given, `string` otherwise. Not allowed with `ref`.
    #[serde(default, rename = "type")]
    pub ty: Option<TypeName>,
    /// Name of a model under the service's `models`.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    /// Name of the generated struct or enum, when the default name does not read well.
    #[serde(default)]
    pub name: Option<String>,
    /// The page's description.
    #[serde(default)]
    pub doc: Option<String>,
    /// The page's "Mandatory" column.
    #[serde(default)]
    pub required: bool,
    /// Documented values.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<EnumValues>,
    /// The server's default.
    #[serde(default)]
    pub default: Option<serde_yaml::Value>,
    /// Minimum length in characters.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Smallest allowed number.
    #[serde(default)]
    pub minimum: Option<serde_yaml::Number>,
    /// Largest allowed number.
    #[serde(default)]
    pub maximum: Option<serde_yaml::Number>,
    /// Fewest array items.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// Most array items.
    #[serde(default)]
    pub max_items: Option<u64>,
    /// For arrays, the item shape.
    #[serde(default)]
    pub items: Option<Box<Schema>>,
    /// For maps, the value shape.
    #[serde(default)]
    pub values: Option<Box<Schema>>,
    /// For objects, the fields keyed by their JSON name, in page order.
    #[serde(default)]
    pub fields: Option<UniqueMap<String, Schema>>,
}

/// The page's examples.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    /// Example requests.
    #[serde(default)]
    pub requests: Vec<ExampleRequest>,
    /// Example responses keyed by status.
    #[serde(default)]
    pub responses: UniqueMap<u16, ExampleResponse>,
}

/// An example request as the page prints it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The caption above the example.
    #[serde(default)]
    pub title: Option<String>,
    /// The URL exactly as printed, even where it disagrees with `path`; absent when the page
    /// describes the request in prose only.
    #[serde(default)]
    pub url: Option<String>,
    /// The JSON body, as printed.
    #[serde(default)]
    pub body: Option<String>,
    /// Places where the page's example contradicts its own tables.
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
}

/// A place where a page's example contradicts the page's own schema, kept as printed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discrepancy {
    /// JSON path of the value, such as `$.page_info.current_count`.
    pub path: String,
    /// What is wrong.
    pub note: String,
}

/// An example response as the page prints it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The caption above the example.
    #[serde(default)]
    pub description: Option<String>,
    /// The JSON body, as printed.
    #[serde(default)]
    pub body: Option<String>,
    /// Places where the page's example contradicts its own tables.
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
}
