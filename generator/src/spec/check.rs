//! Rules a single spec file must follow beyond its YAML shape: path placeholders match path
//! parameters, constraints fit their types, enum values are unique, defaults are valid values.
//!
//! Rules that need the whole service (references between files, names after case conversion,
//! examples against resolved types) run in `crate::model`.

use crate::fast_hash::HashSet;

use super::limits::{
    MAX_ENUM_VALUES, MAX_EXAMPLE_BYTES, MAX_EXAMPLES_PER_OPERATION, MAX_FIELDS_PER_OBJECT,
    MAX_MODELS_PER_FILE, MAX_NAME_BYTES, MAX_NESTING_DEPTH, MAX_TEXT_BYTES,
};
use super::load::SourceFile;
use super::location::{join_index, join_key};
use super::numbers::number_problem;
use super::path_template::{PathPiece, parse_path_template};
use super::types::{
    Discrepancy, OperationSpec, ParamLocation, ParamSource, ParamSpec, Schema, Scope, ServiceSpec,
    TypeName,
};
use super::yaml::{EnumValues, UniqueMap};
use crate::diagnostics::{Code, Diagnostic};
use crate::unicode::is_direction_control;

/// Request headers the runtime sets itself (content type, authentication, signing). A page
/// lists them, so the spec records them, but marked `managed: true` they never become fields.
pub const MANAGED_HEADERS: &[&str] = &[
    "Content-Type",
    "X-Auth-Token",
    "X-Security-Token",
    "X-Project-Id",
    "X-Domain-Id",
    "X-Sdk-Date",
    "Authorization",
];

/// Checks `service.yaml`.
pub fn check_service(file: &SourceFile<ServiceSpec>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let spec = &file.spec;
    let valid_name = !spec.name.is_empty()
        && spec
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_name {
        out.push(
            file.error(
                Code::InvalidServiceName,
                "name",
                format!("`{}` is not a service name", spec.name),
            )
            .with_help("use lowercase letters, digits and `-`, as in the service's directory name"),
        );
    }
    if spec.name == crate::output::RUNTIME_DIR {
        out.push(file.error(
            Code::ReservedServiceName,
            "name",
            "`core` is the runtime crate's directory; choose another service name",
        ));
    }
    let dir_name = file
        .path
        .parent()
        .and_then(|dir| dir.file_name())
        .and_then(|n| n.to_str());
    if let Some(dir_name) = dir_name
        && valid_name
        && dir_name != spec.name
    {
        out.push(
            file.error(
                Code::ServiceNameMismatch,
                "name",
                format!(
                    "the service is `{}` but its directory is `{dir_name}`",
                    spec.name
                ),
            )
            .with_help(
                "a service's directory is named after it, so generated paths follow from the name",
            ),
        );
    }
    let valid_crate = !spec.crate_name.is_empty()
        && spec
            .crate_name
            .starts_with(|c: char| c.is_ascii_lowercase())
        && spec
            .crate_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_crate {
        out.push(
            file.error(
                Code::InvalidCrateName,
                "crate",
                format!("`{}` is not a crate name", spec.crate_name),
            )
            .with_help("use lowercase letters, digits and `-`, e.g. `huaweicloud-sdk-drs`"),
        );
    }
    // The version lands in Cargo.toml files: only a semantic version (which has no quotes,
    // braces or line breaks) is allowed there.
    if check_name_length(file, "version", "the version", &spec.version, &mut out)
        && semver::Version::parse(&spec.version).is_err()
    {
        out.push(
            file.error(
                Code::InvalidVersion,
                "version",
                format!(
                    "`{}` is not a semantic version",
                    spec.version.escape_debug()
                ),
            )
            .with_help("write MAJOR.MINOR.PATCH, e.g. `0.1.0` (see https://semver.org)"),
        );
    }
    if spec.auth.is_empty() {
        out.push(file.error(
            Code::NoAuthScheme,
            "auth",
            "a service needs at least one authentication scheme",
        ));
    }
    match spec.scope {
        Scope::Project if !spec.endpoint.contains("{region}") => out.push(file.error(
            Code::EndpointWithoutRegion,
            "endpoint",
            "a regional service's endpoint needs a `{region}` placeholder",
        )),
        _ => {}
    }
    check_regions(file, &mut out);
    check_doc_url(file, spec.doc_url.as_deref(), &mut out);
    check_text(file, "title", Some(&spec.title), &mut out);
    check_text(file, "description", spec.description.as_deref(), &mut out);
    let mut checker = SchemaChecker {
        file,
        out: &mut out,
        depth: 0,
    };
    checker.check_models("models", &spec.models);
    // Whether `error.code` and `error.message` lead to string fields is checked in
    // `crate::model`, which resolves the nested models a dotted path walks through.
    if let Some(error) = &spec.error
        && !spec.models.0.contains_key(&error.model)
    {
        out.push(
            file.error(
                Code::UnknownModel,
                "error.model",
                format!("no model `{}` under `models`", error.model),
            )
            .with_help(known_names(spec.models.0.keys())),
        );
    }
    out
}

fn check_regions(file: &SourceFile<ServiceSpec>, out: &mut Vec<Diagnostic>) {
    let spec = &file.spec;
    let mut seen = HashSet::default();
    for (index, region) in spec.regions.iter().enumerate() {
        let at = join_index("regions", index);
        let valid = !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid {
            out.push(file.error(
                Code::InvalidRegionName,
                &at,
                format!("`{region}` is not a region name (lowercase letters, digits and `-`)"),
            ));
        }
        if !seen.insert(region.as_str()) {
            out.push(file.error(
                Code::DuplicateValue,
                &at,
                format!("region `{region}` is listed twice"),
            ));
        }
    }
    for (region, endpoint) in &spec.region_endpoints {
        let at = join_key("region_endpoints", region);
        if !seen.contains(region.as_str()) {
            out.push(
                file.error(
                    Code::UnlistedRegion,
                    &at,
                    format!("`{region}` is not under `regions`"),
                )
                .with_help("list every region under `regions`"),
            );
        }
        if !is_http_url(endpoint) {
            out.push(file.error(
                Code::NotHttpUrl,
                &at,
                format!("`{endpoint}` is not an http(s) URL"),
            ));
        }
    }
}

/// An `http(s)://` URL that docs and exports can link to as it is: no whitespace, controls,
/// quotes or angle brackets that would end a link or an attribute.
fn is_http_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '`' | '\\')
                || is_direction_control(c)
        })
}

/// `doc_url`, when given, is a link: an http(s) URL.
fn check_doc_url<T>(file: &SourceFile<T>, doc_url: Option<&str>, out: &mut Vec<Diagnostic>) {
    if let Some(url) = doc_url
        && !is_http_url(url)
    {
        out.push(
            file.error(Code::NotHttpUrl, "doc_url", format!("`{url}` is not an http(s) URL"))
                .with_help("give the page's address, e.g. `https://support.huaweicloud.com/intl/en-us/api-evs/evs_04_2004.html`"),
        );
    }
}

/// Checks one operation file.
pub fn check_operation(file: &SourceFile<OperationSpec>, service: &ServiceSpec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let spec = &file.spec;

    let valid_id = spec.id.starts_with(|c: char| c.is_ascii_uppercase())
        && spec.id.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_id {
        out.push(file.error(Code::InvalidOperationId, "id", format!("`{}` is not an operation id", spec.id)).with_help(
            "write it in UpperCamelCase, as the official SDKs name the operation (e.g. `CollectDbObjectsInfo`)",
        ));
    }

    check_path(file, &mut out);
    check_doc_url(file, spec.doc_url.as_deref(), &mut out);
    check_operation_sizes(file, &mut out);
    check_edits(file, &mut out);

    for (name, value) in &spec.fixed_query {
        let at = join_key("fixed_query", name);
        check_name_length(file, &at, "a query name", name, &mut out);
        check_text(file, &at, Some(value), &mut out);
        if name.is_empty() {
            out.push(file.error(Code::MissingName, &at, "a query name cannot be empty"));
        } else if spec
            .params
            .iter()
            .any(|(param, p)| p.location == ParamLocation::Query && param == name)
        {
            out.push(
                file.error(
                    Code::FixedQueryConflict,
                    &at,
                    format!("`{name}` is both a fixed query value and a query parameter"),
                )
                .with_help("a fixed value is always sent; drop one of them"),
            );
        }
    }
    if let Some(note) = &spec.deprecated
        && note.trim().is_empty()
    {
        out.push(
            file.error(
                Code::EmptyDeprecationNote,
                "deprecated",
                "the deprecation note is empty",
            )
            .with_help("quote the page's note, or write why the operation is deprecated"),
        );
    }

    let mut header_names = HashSet::default();
    if !check_count(
        file,
        "params",
        "parameters",
        spec.params.len(),
        MAX_FIELDS_PER_OBJECT,
        &mut out,
    ) {
        return out;
    }
    for (name, param) in &spec.params {
        let at = join_key("params", name);
        check_param(file, service, &at, name, param, &mut out);
        if param.location == ParamLocation::Header
            && !header_names.insert(name.to_ascii_lowercase())
        {
            out.push(file.error(
                Code::DuplicateValue,
                &at,
                format!("header `{name}` is declared twice (header names ignore case)"),
            ));
        }
    }

    let mut checker = SchemaChecker {
        file,
        out: &mut out,
        depth: 0,
    };
    if let Some(request) = &spec.request {
        checker.check_schema("request.body", &request.body);
        if let Some(content_type) = &request.content_type
            && content_type != "application/json"
        {
            checker.out.push(
                file.error(
                    Code::UnsupportedContentType,
                    "request.content_type",
                    format!("content type `{content_type}` is not supported yet"),
                )
                .with_help("request bodies are sent as `application/json`"),
            );
        }
    }
    checker.check_models("models", &spec.models);
    for (status, response) in &spec.responses {
        let at = join_key("responses", &status.to_string());
        if !(100..=599).contains(status) {
            checker.out.push(file.error(
                Code::InvalidStatus,
                &at,
                format!("{status} is not an HTTP status code"),
            ));
        }
        check_text(
            file,
            &join_key(&at, "description"),
            Some(&response.description),
            checker.out,
        );
        if let Some(body) = &response.body {
            checker.check_schema(&join_key(&at, "body"), body);
        }
        let headers_at = join_key(&at, "headers");
        if !check_count(
            file,
            &headers_at,
            "headers",
            response.headers.len(),
            MAX_FIELDS_PER_OBJECT,
            checker.out,
        ) {
            continue;
        }
        for (name, header) in &response.headers {
            let header_at = join_key(&headers_at, name);
            if !check_name_length(file, &header_at, "a header name", name, checker.out) {
                continue;
            }
            if !is_header_name(name) {
                checker.error(
                    Code::InvalidHeaderName,
                    &header_at,
                    format!("`{name}` is not a valid HTTP header name"),
                );
            }
            let scalar = header.reference.is_none()
                && header.fields.is_none()
                && !matches!(
                    header.ty,
                    Some(TypeName::Array | TypeName::Object | TypeName::Map | TypeName::File)
                );
            if !scalar {
                checker.error(
                    Code::InvalidParameterShape,
                    &header_at,
                    "a response header is a scalar",
                );
            }
            checker.check_schema(&header_at, header);
        }
    }

    let successes: Vec<u16> = spec
        .responses
        .0
        .keys()
        .copied()
        .filter(|s| (200..300).contains(s))
        .collect();
    match successes.len() {
        0 => out.push(file.error(
            Code::NoSuccessStatus,
            "responses",
            "no success (2xx) status is documented",
        )),
        1 => {}
        _ => out.push(
            file.error(
                Code::SeveralSuccessStatuses,
                "responses",
                format!("several success statuses are documented: {successes:?}"),
            )
            .with_help("an operation has one success status; record the others in the description"),
        ),
    }
    for status in spec.examples.responses.0.keys() {
        if !spec.responses.0.contains_key(status) {
            out.push(
                file.error(
                    Code::ExampleForUnknownStatus,
                    &join_key("examples.responses", &status.to_string()),
                    format!("status {status} is not under `responses`"),
                )
                .with_help("every example belongs to a documented status"),
            );
        }
    }
    out
}

fn check_path(file: &SourceFile<OperationSpec>, out: &mut Vec<Diagnostic>) {
    let spec = &file.spec;
    let pieces = match parse_path_template(&spec.path) {
        Ok(pieces) => pieces,
        Err(message) => {
            out.push(file.error(Code::InvalidPath, "path", message));
            return;
        }
    };
    let mut seen = HashSet::default();
    for piece in &pieces {
        if let PathPiece::Param(name) = piece {
            if !seen.insert(name.as_str()) {
                out.push(file.error(
                    Code::DuplicateValue,
                    "path",
                    format!("placeholder `{{{name}}}` appears twice"),
                ));
            }
            match spec.params.0.get(name) {
                Some(param) if param.location == ParamLocation::Path => {}
                Some(_) => out.push(file.error(
                    Code::PlaceholderNotInPath,
                    &join_key("params", name),
                    format!("`{name}` is a placeholder in the path, so it must be `in: path`"),
                )),
                None => out.push(
                    file.error(
                        Code::PlaceholderWithoutParameter,
                        "path",
                        format!("placeholder `{{{name}}}` has no parameter"),
                    )
                    .with_help(format!(
                        "declare it: `params: {{{name}: {{in: path, doc: ...}}}}`"
                    )),
                ),
            }
        }
    }
    for (name, param) in &spec.params {
        if param.location == ParamLocation::Path && !seen.contains(name.as_str()) {
            out.push(file.error(
                Code::PathParameterNotInPath,
                &join_key("params", name),
                format!(
                    "path parameter `{name}` does not appear in the path `{}`",
                    spec.path
                ),
            ));
        }
    }
}

fn check_param(
    file: &SourceFile<OperationSpec>,
    service: &ServiceSpec,
    at: &str,
    name: &str,
    param: &ParamSpec,
    out: &mut Vec<Diagnostic>,
) {
    if !check_name_length(file, at, "a parameter name", name, out) {
        return;
    }
    if name.is_empty() || name.chars().any(|c| c.is_control()) {
        out.push(file.error(
            Code::MissingName,
            at,
            "a parameter needs a printable wire name",
        ));
    }
    check_text(file, &join_key(at, "doc"), param.doc.as_deref(), out);
    if param.location == ParamLocation::Path && !param.required {
        out.push(
            file.error(
                Code::OptionalPathParameter,
                at,
                "a path parameter is always required",
            )
            .with_help("add `required: true`; a URL cannot leave a path segment out"),
        );
    }
    if param.location == ParamLocation::Header && !is_header_name(name) {
        out.push(file.error(
            Code::InvalidHeaderName,
            at,
            format!("`{name}` is not a valid HTTP header name"),
        ));
    }
    if let Some(ParamSource::Project) = param.from {
        if param.location != ParamLocation::Path {
            out.push(file.error(
                Code::ProjectSourceMisused,
                &join_key(at, "from"),
                "`from: project` fills a path placeholder, so it needs `in: path`",
            ));
        }
        if service.scope != Scope::Project {
            out.push(file.error(
                Code::ProjectSourceMisused,
                &join_key(at, "from"),
                "a global service has no project to fill this from",
            ));
        }
    }
    if param.managed {
        let known = param.location == ParamLocation::Header
            && MANAGED_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name));
        if !known {
            out.push(
                file.error(
                    Code::NotARuntimeHeader,
                    &join_key(at, "managed"),
                    format!("the runtime does not set `{name}`"),
                )
                .with_help(format!(
                    "`managed: true` is for the headers the runtime sets: {}",
                    MANAGED_HEADERS.join(", ")
                )),
            );
        }
    } else if param.location == ParamLocation::Header
        && MANAGED_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
    {
        out.push(
            file.error(
                Code::RuntimeHeaderNotManaged,
                at,
                format!("`{name}` is set by the runtime"),
            )
            .with_help(
                "add `managed: true` so the page's row is kept without becoming a caller field",
            ),
        );
    }

    let ty = param.ty.unwrap_or(TypeName::String);
    let scalar_ok = |ty: TypeName| {
        !matches!(
            ty,
            TypeName::Object | TypeName::Array | TypeName::Map | TypeName::File
        )
    };
    if param.style.is_some() && !(ty == TypeName::Array && param.location == ParamLocation::Query) {
        out.push(file.error(
            Code::InvalidParameterShape,
            &join_key(at, "style"),
            "`style` is for query arrays",
        ));
    }
    match (ty, &param.items) {
        (TypeName::Array, Some(items)) if param.location == ParamLocation::Query => {
            let item_ty = items.ty.unwrap_or(TypeName::String);
            if !scalar_ok(item_ty) || items.reference.is_some() || items.fields.is_some() {
                out.push(file.error(
                    Code::InvalidParameterShape,
                    &join_key(at, "items"),
                    "query arrays hold scalars",
                ));
            }
        }
        (TypeName::Array, _) if param.location != ParamLocation::Query => {
            out.push(file.error(
                Code::InvalidParameterShape,
                &join_key(at, "type"),
                "only query parameters can be arrays",
            ));
        }
        (TypeName::Array, None) => {
            out.push(file.error(Code::MissingElementType, at, "`type: array` needs `items`"))
        }
        (_, Some(_)) => out.push(file.error(
            Code::KeyForAnotherType,
            &join_key(at, "items"),
            "`items` goes with `type: array`",
        )),
        (ty, None) if !scalar_ok(ty) => {
            out.push(file.error(
                Code::InvalidParameterShape,
                &join_key(at, "type"),
                "a parameter is a scalar or an array of scalars",
            ));
        }
        _ => {}
    }
    // The scalar constraints follow the same rules as in a schema.
    let as_schema = Schema {
        ty: Some(ty).filter(|ty| *ty != TypeName::Array),
        enum_values: param.enum_values.clone(),
        default: param.default.clone(),
        min_length: param.min_length,
        max_length: param.max_length,
        minimum: param.minimum.clone(),
        maximum: param.maximum.clone(),
        ..Schema::default()
    };
    let mut checker = SchemaChecker {
        file,
        out,
        depth: 0,
    };
    if let Some(items) = &param.items {
        checker.check_schema(&join_key(at, "items"), items);
    }
    checker.check_constraints(at, &as_schema, as_schema.ty.unwrap_or(TypeName::String));
}

struct SchemaChecker<'a, T> {
    file: &'a SourceFile<T>,
    out: &'a mut Vec<Diagnostic>,
    /// How many inline shapes the schema being checked sits in.
    depth: usize,
}

impl<T> SchemaChecker<'_, T> {
    fn error(&mut self, code: Code, at: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.out.push(self.file.error(code, at, message));
        self.out.last_mut().expect("just pushed")
    }

    /// The `models` of a file: how many, their names, their schemas.
    fn check_models(&mut self, at: &str, models: &UniqueMap<String, Schema>) {
        if !check_count(
            self.file,
            at,
            "models",
            models.len(),
            MAX_MODELS_PER_FILE,
            self.out,
        ) {
            return;
        }
        for (name, schema) in models {
            let model_at = join_key(at, name);
            if check_name_length(self.file, &model_at, "a model name", name, self.out) {
                self.check_schema(&model_at, schema);
            }
        }
    }

    /// Checks a schema and, within the nesting limit, the schemas inside it.
    fn check_schema(&mut self, at: &str, schema: &Schema) {
        if self.depth > MAX_NESTING_DEPTH {
            self.error(
                Code::NestedTooDeep,
                at,
                format!("shapes are nested more than {MAX_NESTING_DEPTH} levels deep here"),
            )
            .help =
                Some("move the inner objects into `models` and refer to them with `ref`".into());
            return;
        }
        self.depth += 1;
        self.check_schema_here(at, schema);
        self.depth -= 1;
    }

    fn check_schema_here(&mut self, at: &str, schema: &Schema) {
        check_text(
            self.file,
            &join_key(at, "doc"),
            schema.doc.as_deref(),
            self.out,
        );
        if let Some(name) = &schema.name {
            check_name_length(
                self.file,
                &join_key(at, "name"),
                "a type name",
                name,
                self.out,
            );
        }
        if let Some(reference) = &schema.reference {
            check_name_length(
                self.file,
                &join_key(at, "ref"),
                "a model name",
                reference,
                self.out,
            );
        }
        if schema.reference.is_some() {
            let extra = [
                ("type", schema.ty.is_some()),
                ("name", schema.name.is_some()),
                ("enum", schema.enum_values.is_some()),
                ("default", schema.default.is_some()),
                ("min_length", schema.min_length.is_some()),
                ("max_length", schema.max_length.is_some()),
                ("minimum", schema.minimum.is_some()),
                ("maximum", schema.maximum.is_some()),
                ("min_items", schema.min_items.is_some()),
                ("max_items", schema.max_items.is_some()),
                ("items", schema.items.is_some()),
                ("values", schema.values.is_some()),
                ("fields", schema.fields.is_some()),
            ];
            for (key, present) in extra {
                if present {
                    self.error(Code::KeyBesideRef, &join_key(at, key), format!("`{key}` cannot go with `ref`"))
                        .help = Some("the referenced model defines the shape; only `doc` and `required` may go beside `ref`".into());
                }
            }
            return;
        }
        let ty = schema.ty.unwrap_or(if schema.fields.is_some() {
            TypeName::Object
        } else {
            TypeName::String
        });
        match (ty, &schema.fields) {
            (TypeName::Object, Some(fields)) => {
                let fields_at = join_key(at, "fields");
                let count = fields.len();
                if check_count(
                    self.file,
                    &fields_at,
                    "fields",
                    count,
                    MAX_FIELDS_PER_OBJECT,
                    self.out,
                ) {
                    for (name, field) in fields {
                        let field_at = join_key(&fields_at, name);
                        if name.is_empty() {
                            self.error(Code::MissingName, &field_at, "a field needs a name");
                        }
                        if check_name_length(self.file, &field_at, "a field name", name, self.out) {
                            self.check_schema(&field_at, field);
                        }
                    }
                }
            }
            (TypeName::Object, None) => {}
            (_, Some(_)) => {
                self.error(
                    Code::KeyForAnotherType,
                    &join_key(at, "fields"),
                    "`fields` goes with `type: object`",
                );
            }
            _ => {}
        }
        match (ty, &schema.items) {
            (TypeName::Array, Some(items)) => self.check_schema(&join_key(at, "items"), items),
            (TypeName::Array, None) => {
                self.error(Code::MissingElementType, at, "`type: array` needs `items`")
                    .help = Some("e.g. `items: {type: string}`".into());
            }
            (_, Some(_)) => {
                self.error(
                    Code::KeyForAnotherType,
                    &join_key(at, "items"),
                    "`items` goes with `type: array`",
                );
            }
            _ => {}
        }
        match (ty, &schema.values) {
            (TypeName::Map, Some(values)) => self.check_schema(&join_key(at, "values"), values),
            (TypeName::Map, None) => {
                self.error(Code::MissingElementType, at, "`type: map` needs `values`")
                    .help = Some("e.g. `values: {type: string}` for Map<String,String>".into());
            }
            (_, Some(_)) => {
                self.error(
                    Code::KeyForAnotherType,
                    &join_key(at, "values"),
                    "`values` goes with `type: map`",
                );
            }
            _ => {}
        }
        if ty == TypeName::Object && schema.fields.is_none() && schema.name.is_some() {
            self.error(
                Code::NameOnUnnamedType,
                &join_key(at, "name"),
                "a free-form object has no generated type to name",
            );
        }
        self.check_constraints(at, schema, ty);
    }

    /// Constraints must fit the type, bounds must be ordered, enum values unique, and a default
    /// must itself satisfy them.
    fn check_constraints(&mut self, at: &str, schema: &Schema, ty: TypeName) {
        let is_string = ty == TypeName::String;
        let is_number = matches!(
            ty,
            TypeName::Integer | TypeName::Long | TypeName::Float | TypeName::Double
        );
        let is_array = ty == TypeName::Array;
        let misplaced = [
            (
                "min_length",
                schema.min_length.is_some() && !is_string,
                "strings",
            ),
            (
                "max_length",
                schema.max_length.is_some() && !is_string,
                "strings",
            ),
            ("minimum", schema.minimum.is_some() && !is_number, "numbers"),
            ("maximum", schema.maximum.is_some() && !is_number, "numbers"),
            (
                "min_items",
                schema.min_items.is_some() && !is_array,
                "arrays",
            ),
            (
                "max_items",
                schema.max_items.is_some() && !is_array,
                "arrays",
            ),
            (
                "enum",
                schema.enum_values.is_some() && !is_string,
                "strings",
            ),
        ];
        for (key, wrong, applies_to) in misplaced {
            if wrong {
                self.error(
                    Code::KeyForAnotherType,
                    &join_key(at, key),
                    format!(
                        "`{key}` applies to {applies_to}, not to `{}`",
                        type_label(ty)
                    ),
                );
            }
        }
        if schema.name.is_some() && schema.enum_values.is_none() && ty != TypeName::Object {
            self.error(
                Code::NameOnUnnamedType,
                &join_key(at, "name"),
                "only enums and objects become named types",
            );
        }
        if let (Some(min), Some(max)) = (schema.min_length, schema.max_length)
            && min > max
        {
            self.error(
                Code::InvertedBounds,
                at,
                format!("min_length {min} is greater than max_length {max}"),
            );
        }
        if let (Some(min), Some(max)) = (schema.min_items, schema.max_items)
            && min > max
        {
            self.error(
                Code::InvertedBounds,
                at,
                format!("min_items {min} is greater than max_items {max}"),
            );
        }
        for (key, bound) in [("minimum", &schema.minimum), ("maximum", &schema.maximum)] {
            if let Some(bound) = bound
                && let Some(problem) = number_problem(ty, bound)
            {
                self.error(Code::NumberDoesNotFitType, &join_key(at, key), problem);
            }
        }
        if let (Some(min), Some(max)) = (&schema.minimum, &schema.maximum)
            && min
                .as_f64()
                .zip(max.as_f64())
                .is_some_and(|(min, max)| min > max)
        {
            self.error(
                Code::InvertedBounds,
                at,
                format!("minimum {min} is greater than maximum {max}"),
            );
        }
        if let Some(values) = &schema.enum_values {
            self.check_enum(&join_key(at, "enum"), values);
        }
        if let Some(default) = &schema.default {
            self.check_default(&join_key(at, "default"), default, schema, ty);
        }
    }

    fn check_enum(&mut self, at: &str, values: &EnumValues) {
        if values.0.is_empty() {
            self.error(Code::EmptyEnum, at, "an enum needs at least one value");
        }
        if !check_count(
            self.file,
            at,
            "enum values",
            values.0.len(),
            MAX_ENUM_VALUES,
            self.out,
        ) {
            return;
        }
        let mut seen = HashSet::default();
        for (index, (value, meaning)) in values.0.iter().enumerate() {
            let value_at = join_index(at, index);
            if !check_name_length(self.file, &value_at, "an enum value", &value.0, self.out) {
                continue;
            }
            check_text(self.file, &value_at, meaning.as_deref(), self.out);
            if !seen.insert(&value.0) {
                self.error(
                    Code::DuplicateValue,
                    &join_index(at, index),
                    format!("value \"{value}\" is listed twice"),
                );
            }
        }
    }

    fn check_default(
        &mut self,
        at: &str,
        default: &serde_yaml::Value,
        schema: &Schema,
        ty: TypeName,
    ) {
        use serde_yaml::Value;
        let fits = match (ty, default) {
            (TypeName::String, Value::String(text)) => {
                let length = text.chars().count() as u64;
                if let Some(values) = &schema.enum_values
                    && !values.0.iter().any(|(value, _)| &value.0 == text)
                {
                    self.error(
                        Code::InvalidDefault,
                        at,
                        format!("default \"{text}\" is not one of the enum values"),
                    );
                }
                if schema.min_length.is_some_and(|min| length < min)
                    || schema.max_length.is_some_and(|max| length > max)
                {
                    self.error(
                        Code::InvalidDefault,
                        at,
                        format!("default \"{text}\" breaks the length limits"),
                    );
                }
                true
            }
            (
                TypeName::Integer | TypeName::Long | TypeName::Float | TypeName::Double,
                Value::Number(n),
            ) => {
                match number_problem(ty, n) {
                    Some(problem) => {
                        self.error(Code::NumberDoesNotFitType, at, format!("default {problem}"));
                    }
                    None => self.check_in_range(at, n, schema),
                }
                true
            }
            (TypeName::Boolean, Value::Bool(_)) => true,
            _ => false,
        };
        if !fits {
            let diagnostic = self.error(
                Code::InvalidDefault,
                at,
                format!("default is not a valid `{}`", type_label(ty)),
            );
            if ty == TypeName::String {
                diagnostic.help = Some(
                    "quote it: values sent on the wire as strings are written as YAML strings"
                        .into(),
                );
            }
        }
    }

    fn check_in_range(&mut self, at: &str, n: &serde_yaml::Number, schema: &Schema) {
        let value = n.as_f64().unwrap_or(f64::NAN);
        let below = schema
            .minimum
            .as_ref()
            .and_then(|m| m.as_f64())
            .is_some_and(|min| value < min);
        let above = schema
            .maximum
            .as_ref()
            .and_then(|m| m.as_f64())
            .is_some_and(|max| value > max);
        if below || above {
            self.error(
                Code::InvalidDefault,
                at,
                format!("default {n} is outside minimum/maximum"),
            );
        }
    }
}

/// The sizes of an operation file's texts and examples (see [`super::limits`]).
/// `edits:` entries: a path that parses and is not under `edits` itself, a reason, and each
/// value edited by one entry only (no two at one path, none inside another's).
fn check_edits(file: &SourceFile<OperationSpec>, out: &mut Vec<Diagnostic>) {
    use super::yaml_path::{Segment, parse_path};
    let mut seen: Vec<(usize, Vec<Segment>)> = Vec::new();
    for (index, edit) in file.spec.edits.iter().enumerate() {
        let at = join_index("edits", index);
        check_text(file, &join_key(&at, "why"), Some(&edit.why), out);
        if edit.why.trim().is_empty() {
            out.push(
                file.error(Code::InvalidEdit, &join_key(&at, "why"), "the edit gives no reason")
                    .with_help("say why the spec departs from the page (what the page or the API says instead)"),
            );
        }
        let path = match parse_path(&edit.at) {
            Ok(path) => path,
            Err(message) => {
                out.push(file.error(Code::InvalidEdit, &join_key(&at, "at"), message).with_help(
                    "write the YAML path as diagnostics print it: `params.limit.maximum`, `examples.requests[0].url`",
                ));
                continue;
            }
        };
        if matches!(path.first(), Some(Segment::Key(key)) if key == "edits") {
            out.push(file.error(
                Code::InvalidEdit,
                &join_key(&at, "at"),
                format!(
                    "`{}` is inside `edits`, which records edits and is not one",
                    edit.at
                ),
            ));
            continue;
        }
        if let Some((other, _)) = seen
            .iter()
            .find(|(_, p)| p.starts_with(&path) || path.starts_with(p))
        {
            out.push(
                file.error(
                    Code::InvalidEdit,
                    &join_key(&at, "at"),
                    format!(
                        "`{}` overlaps the edit at `{}` (edits[{other}]): each value is edited by one entry",
                        edit.at, file.spec.edits[*other].at
                    ),
                )
                .with_help("record the two as one edit at the enclosing path"),
            );
            continue;
        }
        seen.push((index, path));
    }
}

fn check_operation_sizes(file: &SourceFile<OperationSpec>, out: &mut Vec<Diagnostic>) {
    let spec = &file.spec;
    check_name_length(file, "id", "an operation id", &spec.id, out);
    for (key, text) in [
        ("title", Some(spec.title.as_str())),
        ("path", Some(spec.path.as_str())),
        ("description", spec.description.as_deref()),
        ("constraints", spec.constraints.as_deref()),
        ("deprecated", spec.deprecated.as_deref()),
    ] {
        check_text(file, key, text, out);
    }
    let examples = &spec.examples;
    for (key, count) in [
        ("examples.requests", examples.requests.len()),
        ("examples.responses", examples.responses.len()),
    ] {
        check_count(
            file,
            key,
            "examples",
            count,
            MAX_EXAMPLES_PER_OPERATION,
            out,
        );
    }
    let discrepancy_texts = |at: &str, discrepancies: &[Discrepancy], out: &mut Vec<Diagnostic>| {
        for (index, discrepancy) in discrepancies.iter().enumerate() {
            let at = join_index(&join_key(at, "discrepancies"), index);
            check_text(file, &join_key(&at, "path"), Some(&discrepancy.path), out);
            check_text(file, &join_key(&at, "note"), Some(&discrepancy.note), out);
        }
    };
    for (index, example) in examples
        .requests
        .iter()
        .take(MAX_EXAMPLES_PER_OPERATION)
        .enumerate()
    {
        let at = join_index("examples.requests", index);
        check_text(file, &join_key(&at, "title"), example.title.as_deref(), out);
        check_example(file, &join_key(&at, "url"), example.url.as_deref(), out);
        check_example(file, &join_key(&at, "body"), example.body.as_deref(), out);
        discrepancy_texts(&at, &example.discrepancies, out);
    }
    for (status, example) in examples.responses.iter().take(MAX_EXAMPLES_PER_OPERATION) {
        let at = join_key("examples.responses", &status.to_string());
        check_text(
            file,
            &join_key(&at, "description"),
            example.description.as_deref(),
            out,
        );
        check_example(file, &join_key(&at, "body"), example.body.as_deref(), out);
        discrepancy_texts(&at, &example.discrepancies, out);
    }
}

/// Reports `count` entries of `what` at `at` beyond `max`; true when within it.
fn check_count<T>(
    file: &SourceFile<T>,
    at: &str,
    what: &str,
    count: usize,
    max: usize,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if count <= max {
        return true;
    }
    out.push(
        file.error(
            Code::TooManyEntries,
            at,
            format!("{count} {what}; at most {max} are allowed here"),
        )
        .with_help(LIMITS_HELP),
    );
    false
}

/// Reports a name longer than [`MAX_NAME_BYTES`]; true when within it. The name itself is
/// left out of the message: the position says where it is.
fn check_name_length<T>(
    file: &SourceFile<T>,
    at: &str,
    what: &str,
    name: &str,
    out: &mut Vec<Diagnostic>,
) -> bool {
    check_length(file, at, what, Some(name), MAX_NAME_BYTES, out)
}

/// Reports a text longer than [`MAX_TEXT_BYTES`].
fn check_text<T>(file: &SourceFile<T>, at: &str, text: Option<&str>, out: &mut Vec<Diagnostic>) {
    check_length(file, at, "the text", text, MAX_TEXT_BYTES, out);
}

/// Reports an example longer than [`MAX_EXAMPLE_BYTES`].
fn check_example<T>(file: &SourceFile<T>, at: &str, text: Option<&str>, out: &mut Vec<Diagnostic>) {
    check_length(file, at, "the example", text, MAX_EXAMPLE_BYTES, out);
}

fn check_length<T>(
    file: &SourceFile<T>,
    at: &str,
    what: &str,
    text: Option<&str>,
    max: usize,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(text) = text.filter(|text| text.len() > max) else {
        return true;
    };
    out.push(
        file.error(
            Code::TooLong,
            at,
            format!(
                "{what} is {} bytes long; at most {max} are allowed",
                text.len()
            ),
        )
        .with_help(LIMITS_HELP),
    );
    false
}

/// Where the limits a spec must keep are explained.
const LIMITS_HELP: &str =
    "real API pages stay far below the limits listed under \"Limits\" in spec/README.md";

/// An HTTP token (RFC 9110 §5.6.2), what a header name must be.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

fn type_label(ty: TypeName) -> &'static str {
    match ty {
        TypeName::String => "string",
        TypeName::Integer => "integer",
        TypeName::Long => "long",
        TypeName::Float => "float",
        TypeName::Double => "double",
        TypeName::Boolean => "boolean",
        TypeName::Array => "array",
        TypeName::Object => "object",
        TypeName::Map => "map",
        TypeName::File => "file",
    }
}

/// "known: a, b, c" for a help line.
pub fn known_names<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let names: Vec<&str> = names.map(String::as_str).collect();
    if names.is_empty() {
        "there are none; define it under `models` in service.yaml".into()
    } else {
        format!("known: {}", names.join(", "))
    }
}
