//! Stage 2: the resolved model, everything the emitters need and nothing they must derive.
//!
//! References are resolved, every Rust name is decided (by `names`), inline enums and objects
//! are lifted into named types, and each enum knows whether it must accept unknown values.
//! Items keep spec order, so output order never depends on hashing.

pub(crate) mod examples;
pub(crate) mod names;
mod number;
mod printed_examples;
mod resolve;
mod sharing;
mod source;

pub use number::Number;
pub use printed_examples::{
    Discrepancy, ExampleProgram, ExampleRequest, ExampleResponse, Examples,
};
pub use resolve::resolve_service;

/// Every service of a spec directory of the repository, resolved, for tests of the back ends
/// that go over real specs (a back end may not name `pipeline`); panics on a spec error.
#[cfg(test)]
pub(crate) fn resolve_dir_for_tests(spec_dir: &std::path::Path) -> Vec<Service> {
    let label = spec_dir.display().to_string();
    let files = crate::spec::load_spec_dir(spec_dir, &label).expect("the spec directory loads");
    files
        .services
        .iter()
        .map(|service| resolve_service(service).expect("the service resolves").0)
        .collect()
}
// Plain enums of the spec format that the model carries unchanged: the back ends name them
// through the model, never through `spec`.
pub use crate::spec::types::{ArrayStyle, AuthScheme, HttpMethod, ParamLocation, Scope};

use crate::fast_hash::HashSet;

pub use source::SpecSource;

/// One service: becomes one crate.
#[derive(Debug, Clone)]
pub struct Service {
    /// Short name (`drs`), also the output directory.
    pub name: String,
    /// Full product name.
    pub title: String,
    /// What the service does.
    pub description: Option<String>,
    /// The API reference.
    pub doc_url: Option<String>,
    /// Package name (`huaweicloud-sdk-drs`).
    pub package: String,
    /// Crate version.
    pub version: String,
    /// Endpoint template.
    pub endpoint: String,
    /// Each region with its endpoint, in spec order.
    pub regions: Vec<(String, String)>,
    /// Project or global.
    pub scope: Scope,
    /// Accepted authentication.
    pub auth: Vec<AuthScheme>,
    /// `spec/drs/service.yaml`, for headers.
    pub origin: String,
    /// The service file, for a back end's diagnostics.
    pub source: SpecSource,
    /// The shared error body, if the service declares one.
    pub error: Option<ErrorBody>,
    /// Shared models, emitted once into `models.rs`: the service file's, then the operation
    /// types that model sharing made shared (see `sharing`).
    pub models: Vec<TypeDef>,
    /// The name of every type merged into another shared model (the service file's and the
    /// operations'), re-exported in `models.rs`; see `sharing`.
    pub shared_names: Vec<SharedName>,
    /// Each group of structurally identical types made one, for `--report`.
    pub merges: Vec<Merge>,
    /// Operations in file-name order.
    pub operations: Vec<Operation>,
    /// The hand-written programs of the service's `examples/` directory.
    pub example_programs: Vec<ExampleProgram>,
    /// The operations directory as generated headers name it (`spec/drs/operations/`).
    pub operations_origin: String,
    /// Names of the types with something for `validate()` to check.
    pub needs_validation: HashSet<String>,
}

/// Where the error code and message live in an error body model.
#[derive(Debug, Clone)]
pub struct ErrorBody {
    /// The model's Rust name.
    pub type_name: String,
    /// The fields leading to the code, outermost first (`error`, `code`).
    pub code_path: Vec<PathStep>,
    /// The fields leading to the message.
    pub message_path: Vec<PathStep>,
}

/// One field on the way to a nested value.
#[derive(Debug, Clone)]
pub struct PathStep {
    /// Rust name of the field.
    pub rust_name: String,
    /// Whether the field is required (not an `Option`).
    pub required: bool,
}

/// One operation: becomes one module.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Official id, `CollectDbObjectsInfo`.
    pub id: String,
    /// Module name, `collect_db_objects_info`.
    pub module: String,
    /// `spec/drs/operations/collect_db_objects_info.yaml`, for headers.
    pub origin: String,
    /// The spec file, for a back end's diagnostics.
    pub source: SpecSource,
    /// Page title.
    pub title: String,
    /// The page's Function text.
    pub description: Option<String>,
    /// The page's Constraints section.
    pub constraints: Option<String>,
    /// The page.
    pub doc_url: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// The path, as literal text and parameter references.
    pub path: Vec<PathPart>,
    /// The path template as written, for docs.
    pub path_template: String,
    /// Query values always sent, in spec order.
    pub fixed_query: Vec<(String, String)>,
    /// The page's deprecation note.
    pub deprecated: Option<String>,
    /// Parameters in spec order, managed ones included (they document the page).
    pub params: Vec<Param>,
    /// `{Op}Request`.
    pub request_type: String,
    /// The JSON body, if any.
    pub body: Option<Body>,
    /// The one success status.
    pub success: Response,
    /// What the success status yields.
    pub output: Output,
    /// Response headers copied into the success struct.
    pub response_headers: Vec<ResponseHeader>,
    /// The `Content-Type` the page requires on a request without a JSON body.
    pub bodiless_content_type: Option<String>,
    /// Documented error statuses, ascending.
    pub errors: Vec<Response>,
    /// The type every documented error status decodes into.
    pub error_type: Option<String>,
    /// Named types that belong to this operation (bodies, inline enums), in spec order.
    pub types: Vec<TypeDef>,
    /// Names of this operation's types that model sharing moved or merged into a shared
    /// model, kept at their path in the operation's module.
    pub shared_names: Vec<SharedName>,
    /// The page's examples, as printed.
    pub examples: Examples,
}

/// What a successful call returns.
#[derive(Debug, Clone)]
pub enum Output {
    /// The JSON body, decoded.
    Json(Shape),
    /// The body as bytes: a file, or a status the page gives no schema for.
    Bytes,
    /// Nothing (204 No Content).
    Empty,
}

/// A documented response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// Header name.
    pub wire_name: String,
    /// The field of the success struct it fills.
    pub rust_name: String,
    /// Its scalar type.
    pub ty: TypeRef,
}

/// A piece of the path.
#[derive(Debug, Clone)]
pub enum PathPart {
    /// Text sent as written.
    Literal(String),
    /// The value of `params[index]`, percent-encoded as one segment.
    Param(usize),
}

/// A path, query or header parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Field name on the request struct.
    pub rust_name: String,
    /// Path, query or header.
    pub location: ParamLocation,
    /// Who provides the value.
    pub source: ParamSource,
    /// Type and constraints.
    pub shape: Shape,
    /// The page's "Mandatory" column.
    pub required: bool,
    /// The page's description.
    pub doc: Option<String>,
    /// The server's default, documented.
    pub default: Option<serde_json::Value>,
    /// How a query array is sent.
    pub style: ArrayStyle,
}

/// Who provides a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamSource {
    /// The caller, through a field of the request.
    Caller,
    /// The client's project id, overridable per request.
    Project,
    /// The runtime (authentication, content type); documented but not a field.
    Managed,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// The body's Rust type.
    pub shape: Shape,
    /// The page's description of the body, if any.
    pub doc: Option<String>,
}

/// A documented status.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// The page's description, verbatim.
    pub description: String,
    /// The body's type, if the page gives one.
    pub body: Option<Shape>,
    /// The page does not state this status; the importer's convention decided it.
    pub inferred: bool,
    /// Headers the page documents on an error status (wire name, scalar type, doc); the
    /// caller reads them from `ApiError::headers`. (A success status's headers are fields of
    /// its struct instead.)
    pub documented_headers: Vec<DocumentedHeader>,
}

/// A response header documented on an error status.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentedHeader {
    /// Wire name.
    pub wire_name: String,
    /// Its scalar type.
    pub ty: TypeRef,
    /// The page's description.
    pub doc: Option<String>,
}

/// A value's type and the constraints checked on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The Rust type.
    pub ty: TypeRef,
    /// Constraints beyond the type.
    pub constraints: Constraints,
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// `String`
    String,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `bool`
    Bool,
    /// `serde_json::Value`, for objects the page gives no fields for.
    Json,
    /// `Vec<item>`
    Array(Box<Shape>),
    /// `BTreeMap<String, value>`
    Map(Box<Shape>),
    /// `Vec<u8>`, a raw byte stream.
    Bytes,
    /// A named struct or enum of this crate.
    Named(String),
}

/// Constraints from the spec; enum membership is carried by the enum type itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// Smallest value, as written in the spec.
    pub minimum: Option<Number>,
    /// Largest value, as written in the spec.
    pub maximum: Option<Number>,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
}

impl Constraints {
    /// True when nothing is constrained.
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }
}

/// A named struct or enum.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name.
    pub name: String,
    /// The page's description.
    pub doc: Option<String>,
    /// Struct or enum.
    pub kind: TypeKind,
    /// Reachable from a response body: enums then keep unknown values.
    pub in_response: bool,
    /// Has something for `validate()` to check, directly or in a field.
    pub needs_validation: bool,
    /// The type of a query or header parameter (or of its array's items), sent as its text:
    /// an enum of it implements the runtime's `WireValue`.
    pub sent_as_text: bool,
    /// The error body of an operation other than the service's `error` model (whose
    /// `ErrorBody` impl says where its code and message are): implements the runtime's
    /// `ErrorBody` without either, so an `ApiError` keeps the answer's own.
    pub plain_error_body: bool,
}

/// Struct or enum.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A JSON object.
    Struct {
        /// Fields in spec order.
        fields: Vec<Field>,
    },
    /// A string with documented values.
    Enum {
        /// Values in spec order.
        values: Vec<EnumValue>,
        /// Index into `values` of the server's default, if documented.
        default: Option<usize>,
    },
}

/// A field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// JSON name.
    pub wire_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Type and constraints.
    pub shape: Shape,
    /// Present in every value: not an `Option`.
    pub required: bool,
    /// The page's description.
    pub doc: Option<String>,
    /// The server's default, documented.
    pub default: Option<serde_json::Value>,
    /// Filled from a response header rather than the JSON body.
    pub from_header: bool,
}

/// A type's name kept at its old path after model sharing made it a shared model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedName {
    /// The name at the old path.
    pub name: String,
    /// The shared model it names (equal to `name` when the type itself moved).
    pub model: String,
}

impl SharedName {
    /// Whether this is another name for a shared model (a type merged into it), rather than
    /// the model's own name at its old path (a type that moved).
    pub fn is_alias(&self) -> bool {
        self.name != self.model
    }
}

/// Structurally identical types made one shared model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The shared model, whose docs are kept.
    pub model: String,
    /// The spec file it comes from (`spec/evs/operations/show_volume.yaml`).
    pub origin: String,
    /// Each type merged into it, with its spec file, in service order.
    pub merged: Vec<(String, String)>,
}

/// One documented enum value.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire: String,
    /// Rust variant name.
    pub variant: String,
    /// Its meaning, when the page gives one.
    pub doc: Option<String>,
}

impl Service {
    /// Every named type of the crate: shared models, then each operation's.
    pub fn all_types(&self) -> impl Iterator<Item = &TypeDef> {
        self.models
            .iter()
            .chain(self.operations.iter().flat_map(|op| op.types.iter()))
    }

    /// The named type called `name`.
    pub fn find_type(&self, name: &str) -> Option<&TypeDef> {
        self.all_types().find(|t| t.name == name)
    }

    /// The names of `shared_names` that are some operation's alias too (see
    /// [`Operation::aliases`]).
    pub fn operation_aliases(&self) -> impl Iterator<Item = &SharedName> {
        self.operations.iter().flat_map(Operation::aliases)
    }

    /// Whether a value of this shape has anything for `validate()` to check.
    pub fn shape_needs_validation(&self, shape: &Shape) -> bool {
        shape.needs_validation(&|name| self.needs_validation.contains(name))
    }
}

impl Operation {
    /// The names of this operation's types that model sharing merged into another type: the
    /// models module names them too (see `sharing`).
    pub fn aliases(&self) -> impl Iterator<Item = &SharedName> {
        self.shared_names.iter().filter(|shared| shared.is_alias())
    }
}

impl Shape {
    /// Whether a value of this shape has anything for `validate()` to check, given whether
    /// each named type does (asked while resolving, before `Service::needs_validation` is set).
    pub(crate) fn needs_validation(&self, named_needs: &impl Fn(&str) -> bool) -> bool {
        !self.constraints.is_empty()
            || match &self.ty {
                TypeRef::Named(name) => named_needs(name),
                TypeRef::Array(item) | TypeRef::Map(item) => item.needs_validation(named_needs),
                _ => false,
            }
    }
}
