//! Spec files → [`Service`]: references resolved, names decided, inline types lifted.

use crate::fast_hash::{HashMap, HashSet};

use super::names::{self, Scope, UNKNOWN_VARIANT};
use super::{
    Body, Constraints, Discrepancy, DocumentedHeader, EnumValue, ErrorBody, ExampleProgram,
    ExampleRequest, ExampleResponse, Examples, Field, Number, Operation, Output, Param,
    ParamSource, PathPart, PathStep, Response, ResponseHeader, Service, Shape, SpecSource, TypeDef,
    TypeKind, TypeRef,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::spec::check::{check_operation, check_service, known_names};
use crate::spec::location::join_key;
use crate::spec::path_template::{PathPiece, parse_path_template};
use crate::spec::types::{self, ParamLocation, Schema, TypeName};
use crate::spec::{ServiceFiles, SourceFile};

/// Resolves one service. On success returns the model and its warnings; on failure every
/// diagnostic found (errors and warnings).
pub fn resolve_service(
    files: &ServiceFiles,
) -> Result<(Service, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diagnostics = check_service(&files.service);
    // Each operation is checked on its own, so on every core.
    let checked = crate::parallel::map(&files.operations, |operation| {
        check_operation(operation, &files.service.spec)
    });
    diagnostics.extend(checked.into_iter().flatten());
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }

    let mut resolver = Resolver::new(diagnostics, String::new(), None);
    let service = resolver.service(files);
    let mut diagnostics = resolver.diagnostics;
    let Some(mut service) = service else {
        return Err(diagnostics);
    };
    if let Err(cycle) = finish_types(&mut service) {
        diagnostics.push(files.service.error(
            Code::RecursiveModel,
            &join_key("models", &cycle),
            format!("model `{cycle}` contains itself; recursive models are not supported"),
        ));
    }
    // Each operation's examples are checked on their own, so on every core.
    let operations: Vec<_> = service.operations.iter().zip(&files.operations).collect();
    let checked = crate::parallel::map(&operations, |(operation, file)| {
        super::examples::check_examples(&service, operation, file)
    });
    diagnostics.extend(checked.into_iter().flatten());
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    // Sharing compares the flags `finish_types` set (an enum that keeps unknown values is not
    // one that refuses them), and merged types combine their uses, so the flags are set again.
    super::sharing::share_models(&mut service);
    if let Err(cycle) = finish_types(&mut service) {
        // Merging identical types cannot make a cycle (a type is never identical to one it
        // contains, which is shorter); were it to, the service is refused rather than emitted.
        diagnostics.push(files.service.error(
            Code::RecursiveModel,
            &join_key("models", &cycle),
            format!("model `{cycle}` contains itself once identical models are shared"),
        ));
        return Err(diagnostics);
    }
    Ok((service, diagnostics))
}

/// Where a type name was claimed, to name both places in a collision.
struct Claim {
    file: String,
    field: String,
}

struct Resolver<'a> {
    diagnostics: Vec<Diagnostic>,
    /// Rust type names taken in the crate.
    type_names: HashMap<String, Claim>,
    /// The service's model names (spec name → Rust type name).
    model_names: HashMap<String, String>,
    /// The current operation's own model names, looked up before the service's.
    local_model_names: HashMap<String, String>,
    /// The service name in UpperCamelCase, to prefix a model whose name is reserved.
    service_prefix: String,
    /// For an operation resolved on its own: the service's resolver, whose type names are
    /// taken too and whose model names are looked up after the operation's (see
    /// [`Resolver::operations`]).
    service: Option<&'a Resolver<'a>>,
}

/// The file and YAML path a schema comes from, for diagnostics.
#[derive(Clone, Copy)]
struct At<'a, T> {
    file: &'a SourceFile<T>,
    path: &'a str,
}

impl<'a> Resolver<'a> {
    fn new(
        diagnostics: Vec<Diagnostic>,
        service_prefix: String,
        service: Option<&'a Resolver<'a>>,
    ) -> Self {
        Resolver {
            diagnostics,
            type_names: HashMap::default(),
            model_names: HashMap::default(),
            local_model_names: HashMap::default(),
            service_prefix,
            service,
        }
    }

    fn service(&mut self, files: &ServiceFiles) -> Option<Service> {
        let file = &files.service;
        let spec = &file.spec;

        let service_prefix = names::camel_ident(&spec.name);
        self.service_prefix = service_prefix;
        let models = self.models(file, "models", &spec.models, false);

        let error = spec.error.as_ref().and_then(|error| {
            let rust_name = self.model_names.get(&error.model)?.clone();
            let code_path =
                self.error_path(file, &models, &rust_name, "error.code", &error.code)?;
            let message_path =
                self.error_path(file, &models, &rust_name, "error.message", &error.message)?;
            Some(ErrorBody {
                type_name: rust_name,
                code_path,
                message_path,
            })
        });

        let operations = self.operations(&files.operations, error.as_ref());

        let mut modules = HashMap::default();
        for (op, file) in operations.iter().zip(&files.operations) {
            if let Some(op) = op
                && let Some(first) =
                    modules.insert(op.module.clone(), file.path.display().to_string())
            {
                self.diagnostics.push(file.error(
                    Code::DuplicateModuleName,
                    "id",
                    format!(
                        "operation `{}` has the same module name `{}` as the operation in {first}",
                        op.id, op.module
                    ),
                ));
            }
        }

        Some(Service {
            name: spec.name.clone(),
            title: spec.title.clone(),
            description: spec.description.clone(),
            doc_url: spec.doc_url.clone(),
            package: spec.crate_name.clone(),
            version: spec.version.clone(),
            endpoint: spec.endpoint.clone(),
            regions: spec
                .regions
                .iter()
                .map(|region| {
                    let endpoint = match spec.region_endpoints.0.get(region) {
                        Some(endpoint) => endpoint.clone(),
                        None => spec.endpoint.replace("{region}", region),
                    };
                    (region.clone(), endpoint)
                })
                .collect(),
            scope: spec.scope,
            auth: spec.auth.clone(),
            origin: file.origin.clone(),
            source: SpecSource::of(file),
            error,
            models,
            shared_names: Vec::new(),
            merges: Vec::new(),
            operations: operations.into_iter().collect::<Option<Vec<_>>>()?,
            example_programs: files
                .examples
                .iter()
                .map(|program| ExampleProgram {
                    file_name: program.file_name.clone(),
                    origin: program.origin.clone(),
                    text: program.text.clone(),
                })
                .collect(),
            operations_origin: operations_origin(&file.origin),
            needs_validation: HashSet::default(),
        })
    }

    /// Resolves every operation as resolving them one after another in file order would, on
    /// every core: each is resolved on its own against the service's names (see
    /// [`Resolver::service`]), then its type names are claimed in file order. The only thing
    /// one operation's resolution takes from another's is whether a type name is taken; an
    /// operation none of whose names an earlier one took came out as it would have in order,
    /// and one that collides is resolved again here, in order, so the collision is reported as
    /// it always was.
    fn operations(
        &mut self,
        files: &[SourceFile<types::OperationSpec>],
        service_error: Option<&ErrorBody>,
    ) -> Vec<Option<Operation>> {
        let service: &Resolver<'_> = self;
        let resolved = crate::parallel::map(files, |file| {
            let mut own = Resolver::new(Vec::new(), service.service_prefix.clone(), Some(service));
            let operation = own.operation(file, service_error);
            (operation, own.diagnostics, own.type_names)
        });
        let mut operations = Vec::with_capacity(files.len());
        for ((operation, diagnostics, claimed), file) in resolved.into_iter().zip(files) {
            if claimed
                .keys()
                .any(|name| self.type_names.contains_key(name))
            {
                operations.push(self.operation(file, service_error));
            } else {
                self.type_names.extend(claimed);
                self.diagnostics.extend(diagnostics);
                operations.push(operation);
            }
        }
        operations
    }

    /// Claims and resolves the models under `key` (`models` of the service or an operation).
    /// A model keeps the page's name in the spec; its Rust name is its `name:` when given, else
    /// that name in UpperCamelCase, prefixed with the service name when it would shadow a name
    /// generated code relies on (EVS's `Error` table becomes `EvsError`). Names are claimed before any model is
    /// resolved, so models may refer to each other in any order.
    fn models<T>(
        &mut self,
        file: &SourceFile<T>,
        key: &str,
        models: &crate::spec::yaml::UniqueMap<String, Schema>,
        local: bool,
    ) -> Vec<TypeDef> {
        for (name, schema) in models.0.iter() {
            let at = join_key(key, name);
            // An explicit `name:` is the Rust name as written (checked to be UpperCamelCase
            // with the spec); otherwise the page's name, prefixed where it is reserved.
            let rust = match &schema.name {
                Some(explicit) => explicit.clone(),
                None => {
                    let derived = names::camel_ident(name);
                    if names::is_reserved_type_name(&derived) {
                        format!("{}{derived}", self.service_prefix)
                    } else {
                        derived
                    }
                }
            };
            if self.claim_type(&rust, file, &at) {
                let names = if local {
                    &mut self.local_model_names
                } else {
                    &mut self.model_names
                };
                names.insert(name.clone(), rust);
            }
        }
        let mut defs = Vec::new();
        for (name, schema) in models {
            let at = join_key(key, name);
            let at = At { file, path: &at };
            let is_object =
                schema.fields.is_some() && matches!(schema.ty, None | Some(TypeName::Object));
            let is_enum =
                schema.enum_values.is_some() && matches!(schema.ty, None | Some(TypeName::String));
            if schema.reference.is_some() || !(is_object || is_enum) {
                self.diagnostics.push(file.error(
                    Code::ModelWithoutShape,
                    at.path,
                    "a model is an object (`fields`) or an enum (`enum`)",
                ));
                continue;
            }
            let names = if local {
                &self.local_model_names
            } else {
                &self.model_names
            };
            let Some(rust) = names.get(name).cloned() else {
                continue;
            };
            if let Some(mut def) = self.named_def(at, schema, rust.clone(), &rust, &mut defs) {
                def.doc.get_or_insert_with(|| format!("The {name} object."));
                defs.push(def);
            }
        }
        defs
    }

    /// The fields from the error model to its code or message (`error.code`), each checked.
    fn error_path<T>(
        &mut self,
        file: &SourceFile<T>,
        models: &[TypeDef],
        model: &str,
        at: &str,
        path: &str,
    ) -> Option<Vec<PathStep>> {
        let mut steps = Vec::new();
        let mut current = model.to_owned();
        let segments: Vec<&str> = path.split('.').collect();
        for (index, segment) in segments.iter().enumerate() {
            let last = index + 1 == segments.len();
            let field = models
                .iter()
                .find(|m| m.name == current)
                .and_then(|def| match &def.kind {
                    TypeKind::Struct { fields } => fields.iter().find(|f| f.wire_name == *segment),
                    TypeKind::Enum { .. } => None,
                });
            let fits = match (field.map(|f| &f.shape.ty), last) {
                (Some(TypeRef::String), true) => true,
                (Some(TypeRef::Named(next)), false) => {
                    current = next.clone();
                    true
                }
                _ => false,
            };
            let Some(field) = field.filter(|_| fits) else {
                self.diagnostics.push(
                    file.error(Code::ErrorFieldNotFound, at, format!("`{path}` does not lead to a string field of model `{model}`"))
                        .with_help("name the field by its JSON name, through nested objects with `.` (`error.code`)"),
                );
                return None;
            };
            steps.push(PathStep {
                rust_name: field.rust_name.clone(),
                required: field.required,
            });
        }
        Some(steps)
    }

    fn operation(
        &mut self,
        file: &SourceFile<types::OperationSpec>,
        service_error: Option<&ErrorBody>,
    ) -> Option<Operation> {
        let spec = &file.spec;
        let id = spec.id.clone();

        let request_type = format!("{id}Request");
        self.claim_type(&request_type, file, "id");
        self.local_model_names.clear();
        let mut local_types = self.models(file, "models", &spec.models, true);

        let mut scope = Scope::with_reserved(if spec.request.is_some() {
            &["body"]
        } else {
            &[]
        });
        let mut params = Vec::new();
        for (wire, param) in &spec.params {
            let at = join_key("params", wire);
            let source = match (param.managed, param.from) {
                (true, _) => ParamSource::Managed,
                (false, Some(types::ParamSource::Project)) => ParamSource::Project,
                (false, None) => ParamSource::Caller,
            };
            let rust_name = if source == ParamSource::Managed {
                names::snake_ident(wire)
            } else {
                self.claim_field(&mut scope, wire, file, &at)
            };
            let schema = Schema {
                ty: param.ty,
                name: param.name.clone(),
                doc: param.doc.clone(),
                enum_values: param.enum_values.clone(),
                min_length: param.min_length,
                max_length: param.max_length,
                minimum: param.minimum.clone(),
                maximum: param.maximum.clone(),
                items: param.items.clone(),
                default: param.default.clone(),
                ..Schema::default()
            };
            // Managed headers are documentation only; do not lift their enums into types.
            let shape = if source == ParamSource::Managed {
                Shape {
                    ty: TypeRef::String,
                    constraints: Constraints::default(),
                }
            } else {
                self.shape(At { file, path: &at }, &schema, &id, wire, &mut local_types)?
            };
            params.push(Param {
                wire_name: wire.clone(),
                rust_name,
                location: param.location,
                source,
                shape,
                required: param.required || param.location == ParamLocation::Path,
                doc: param.doc.clone(),
                default: param
                    .default
                    .as_ref()
                    .and_then(|v| serde_json::to_value(v).ok()),
                style: param.style.unwrap_or_default(),
            });
        }

        let path = parse_path_template(&spec.path)
            .ok()?
            .into_iter()
            .map(|piece| match piece {
                PathPiece::Literal(text) => Some(PathPart::Literal(text)),
                PathPiece::Param(name) => params
                    .iter()
                    .position(|p| p.wire_name == name)
                    .map(PathPart::Param),
            })
            .collect::<Option<Vec<_>>>()?;

        let body = match &spec.request {
            Some(request) => {
                let shape = self.top_level_shape(
                    At {
                        file,
                        path: "request.body",
                    },
                    &request.body,
                    format!("{id}RequestBody"),
                    format!("The JSON body of a {id} request."),
                    &mut local_types,
                )?;
                Some(Body {
                    shape,
                    doc: request.body.doc.clone(),
                })
            }
            None => None,
        };

        let mut success = None;
        let mut output = Output::Empty;
        let mut response_headers = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &spec.responses {
            let status_at = join_key("responses", &status.to_string());
            let at = join_key(&status_at, "body");
            let is_success = (200..300).contains(status);
            let is_file = response
                .body
                .as_ref()
                .is_some_and(|b| b.ty == Some(TypeName::File));
            let default_name = if is_success {
                format!("{id}Response")
            } else {
                format!("{id}Error{status}")
            };
            let default_doc = format!(
                "The body of the {status} ({}) answer to {id}.",
                response.description.trim()
            );
            let body = match &response.body {
                Some(_) if is_file && is_success => None,
                Some(schema) => Some(self.top_level_shape(
                    At { file, path: &at },
                    schema,
                    default_name,
                    default_doc,
                    &mut local_types,
                )?),
                None => None,
            };
            if is_success {
                // A documented status without a schema still hands its body over; only a 204
                // has none by definition.
                output = match (&body, *status) {
                    (Some(shape), _) => Output::Json(shape.clone()),
                    (None, 204) if !is_file => Output::Empty,
                    (None, _) => Output::Bytes,
                };
                if !response.headers.is_empty() {
                    let headers_at = join_key(&status_at, "headers");
                    response_headers = self.response_headers(
                        At {
                            file,
                            path: &headers_at,
                        },
                        &response.headers,
                        body.as_ref(),
                        &mut local_types,
                    )?;
                }
            }
            let documented_headers = if is_success {
                Vec::new()
            } else {
                response
                    .headers
                    .iter()
                    .map(|(name, schema)| DocumentedHeader {
                        wire_name: name.clone(),
                        ty: scalar_type(schema),
                        doc: schema.doc.clone(),
                    })
                    .collect()
            };
            let response = Response {
                status: *status,
                description: response.description.clone(),
                body,
                inferred: response.inferred,
                documented_headers,
            };
            if is_success {
                success = Some(response);
            } else {
                errors.push(response);
            }
        }
        errors.sort_by_key(|r| r.status);

        let mut error_types = errors
            .iter()
            .filter_map(|r| r.body.as_ref())
            .map(|shape| &shape.ty);
        let error_type = match error_types.next() {
            Some(TypeRef::Named(name)) => {
                if let Some(other) = error_types.find(|ty| *ty != &TypeRef::Named(name.clone())) {
                    self.diagnostics.push(
                        file.error(Code::ErrorBodiesDiffer, "responses", format!("error statuses decode into different types (`{name}` and {other:?})"))
                            .with_help("every error status of an operation shares one body, usually the service's `error` model"),
                    );
                }
                Some(name.clone())
            }
            Some(other) => {
                self.diagnostics.push(file.error(
                    Code::ErrorBodyNotObject,
                    "responses",
                    format!("an error body must be an object, not {other:?}"),
                ));
                None
            }
            None => service_error.map(|e| e.type_name.clone()),
        };

        // The page makes `Content-Type` mandatory even without a body (IAM's DELETE, DRS's GET):
        // the one header sent although the caller set nothing, with the page's fixed value.
        let bodiless_content_type = match &body {
            Some(_) => None,
            None => spec
                .params
                .iter()
                .find(|(name, p)| {
                    p.managed && p.required && name.eq_ignore_ascii_case("Content-Type")
                })
                .map(|(_, p)| {
                    p.default
                        .as_ref()
                        .and_then(|d| d.as_str())
                        .unwrap_or("application/json")
                        .to_owned()
                }),
        };

        Some(Operation {
            module: names::snake_ident(&id),
            id,
            origin: file.origin.clone(),
            source: SpecSource::of(file),
            title: spec.title.clone(),
            description: spec.description.clone(),
            constraints: spec.constraints.clone(),
            doc_url: spec.doc_url.clone(),
            method: spec.method,
            path,
            path_template: spec.path.clone(),
            fixed_query: spec
                .fixed_query
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            deprecated: spec.deprecated.clone(),
            params,
            request_type,
            body,
            success: success?,
            output,
            response_headers,
            bodiless_content_type,
            errors,
            error_type,
            types: local_types,
            shared_names: Vec::new(),
            examples: printed_examples(&spec.examples),
        })
    }

    /// Adds the documented response headers as fields of the success struct, which must be an
    /// object the operation defines inline (a shared model cannot carry one operation's headers).
    fn response_headers<T>(
        &mut self,
        at: At<'_, T>,
        headers: &crate::spec::yaml::UniqueMap<String, Schema>,
        body: Option<&Shape>,
        types: &mut Vec<TypeDef>,
    ) -> Option<Vec<ResponseHeader>> {
        let target = match body.map(|b| &b.ty) {
            Some(TypeRef::Named(name)) => types
                .iter()
                .position(|t| &t.name == name && matches!(t.kind, TypeKind::Struct { .. })),
            _ => None,
        };
        let Some(target) = target else {
            self.diagnostics.push(
                at.file
                    .error(
                        Code::HeadersWithoutBody,
                        at.path,
                        "response headers become fields of the success body's struct",
                    )
                    .with_help("give the success status an inline `body` with `fields`"),
            );
            return None;
        };
        let owner = types[target].name.clone();
        let TypeKind::Struct { fields } = &types[target].kind else {
            return None;
        };
        let taken: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        let mut scope = Scope::with_reserved(&taken);
        let mut added = Vec::new();
        let mut documented = Vec::new();
        for (wire, schema) in headers {
            let header_at = join_key(at.path, wire);
            let rust_name = self.claim_field(&mut scope, wire, at.file, &header_at);
            let shape = self.shape(
                At {
                    file: at.file,
                    path: &header_at,
                },
                schema,
                &owner,
                wire,
                types,
            )?;
            documented.push(ResponseHeader {
                wire_name: wire.clone(),
                rust_name: rust_name.clone(),
                ty: shape.ty.clone(),
            });
            added.push(Field {
                wire_name: wire.clone(),
                rust_name,
                shape,
                required: false,
                doc: schema.doc.clone(),
                default: None,
                from_header: true,
            });
        }
        let target = types.iter().position(|t| t.name == owner)?;
        if let TypeKind::Struct { fields } = &mut types[target].kind {
            fields.extend(added);
        }
        Some(documented)
    }

    /// A request or response body: an inline object is named `default_name` and documented
    /// with `default_doc` unless the spec says otherwise.
    fn top_level_shape<T>(
        &mut self,
        at: At<'_, T>,
        schema: &Schema,
        default_name: String,
        default_doc: String,
        types: &mut Vec<TypeDef>,
    ) -> Option<Shape> {
        let mut schema = schema.clone();
        if schema.fields.is_some() {
            schema.name.get_or_insert(default_name.clone());
            schema.doc.get_or_insert(default_doc);
        }
        self.shape(at, &schema, &default_name, "", types)
    }

    /// The shape of `schema`, lifting inline enums and objects into `types` under the name
    /// `schema.name` or `{owner}{field}`.
    fn shape<T>(
        &mut self,
        at: At<'_, T>,
        schema: &Schema,
        owner: &str,
        field: &str,
        types: &mut Vec<TypeDef>,
    ) -> Option<Shape> {
        let constraints = Constraints {
            min_length: schema.min_length,
            max_length: schema.max_length,
            minimum: schema.minimum.as_ref().map(Number::from),
            maximum: schema.maximum.as_ref().map(Number::from),
            min_items: schema.min_items,
            max_items: schema.max_items,
        };
        let ty = if let Some(reference) = &schema.reference {
            let service_models = self.service.map(|service| &service.model_names);
            match self
                .local_model_names
                .get(reference)
                .or_else(|| self.model_names.get(reference))
                .or_else(|| service_models?.get(reference))
            {
                Some(rust) => TypeRef::Named(rust.clone()),
                None => {
                    self.diagnostics.push(
                        at.file
                            .error(
                                Code::UnknownModel,
                                &join_key(at.path, "ref"),
                                format!("no model `{reference}` in service.yaml"),
                            )
                            .with_help(known_names(
                                self.local_model_names
                                    .keys()
                                    .chain(self.model_names.keys())
                                    .chain(service_models.into_iter().flat_map(|m| m.keys())),
                            )),
                    );
                    return None;
                }
            }
        } else if schema.enum_values.is_some() || schema.fields.is_some() {
            if let Some(name) = &schema.name
                && names::camel_ident(name) != *name
            {
                self.diagnostics.push(
                    at.file
                        .error(
                            Code::InvalidTypeName,
                            &join_key(at.path, "name"),
                            format!("`{name}` is not an UpperCamelCase Rust type name"),
                        )
                        .with_help(format!("write `{}`", names::camel_ident(name))),
                );
                return None;
            }
            let name = schema
                .name
                .clone()
                .unwrap_or_else(|| format!("{owner}{}", names::camel_ident(field)));
            if !self.claim_type(&name, at.file, at.path) {
                return None;
            }
            let def = self.named_def(at, schema, name.clone(), &name, types)?;
            types.push(def);
            TypeRef::Named(name)
        } else {
            match schema.ty.unwrap_or(TypeName::String) {
                TypeName::String => TypeRef::String,
                TypeName::Integer => TypeRef::I32,
                TypeName::Long => TypeRef::I64,
                TypeName::Float => TypeRef::F32,
                TypeName::Double => TypeRef::F64,
                TypeName::Boolean => TypeRef::Bool,
                TypeName::Object => TypeRef::Json,
                TypeName::File => {
                    self.diagnostics.push(at.file.error(
                        Code::MisplacedFileBody,
                        at.path,
                        "`type: file` is only for a success response body",
                    ));
                    return None;
                }
                TypeName::Map => {
                    let values = schema.values.as_deref()?;
                    let values_path = join_key(at.path, "values");
                    let value = self.shape(
                        At {
                            file: at.file,
                            path: &values_path,
                        },
                        values,
                        owner,
                        field,
                        types,
                    )?;
                    TypeRef::Map(Box::new(value))
                }
                TypeName::Array => {
                    let items = schema.items.as_deref()?;
                    let item_path = join_key(at.path, "items");
                    let item = self.shape(
                        At {
                            file: at.file,
                            path: &item_path,
                        },
                        items,
                        owner,
                        field,
                        types,
                    )?;
                    TypeRef::Array(Box::new(item))
                }
            }
        };
        Some(Shape { ty, constraints })
    }

    /// The struct or enum for an object or enum schema; nested inline types go into `types`
    /// before it, so definitions precede their use.
    fn named_def<T>(
        &mut self,
        at: At<'_, T>,
        schema: &Schema,
        name: String,
        owner: &str,
        types: &mut Vec<TypeDef>,
    ) -> Option<TypeDef> {
        let kind = if let Some(values) = &schema.enum_values {
            let mut scope = Scope::with_reserved(&[UNKNOWN_VARIANT]);
            let values: Vec<EnumValue> = values
                .0
                .iter()
                .map(|(wire, doc)| EnumValue {
                    wire: wire.0.clone(),
                    variant: scope.claim(names::camel_ident(&wire.0), "").0,
                    doc: doc.clone(),
                })
                .collect();
            let default = schema
                .default
                .as_ref()
                .and_then(|d| d.as_str())
                .and_then(|d| values.iter().position(|v| v.wire == d));
            TypeKind::Enum { values, default }
        } else {
            let mut scope = Scope::default();
            let mut fields = Vec::new();
            let mut ok = true;
            for (wire, field_schema) in schema.fields.iter().flat_map(|f| f.iter()) {
                let path = join_key(&join_key(at.path, "fields"), wire);
                let rust_name = self.claim_field(&mut scope, wire, at.file, &path);
                match self.shape(
                    At {
                        file: at.file,
                        path: &path,
                    },
                    field_schema,
                    owner,
                    wire,
                    types,
                ) {
                    Some(shape) => fields.push(Field {
                        wire_name: wire.clone(),
                        rust_name,
                        shape,
                        required: field_schema.required,
                        doc: field_schema.doc.clone(),
                        default: field_schema
                            .default
                            .as_ref()
                            .and_then(|v| serde_json::to_value(v).ok()),
                        from_header: false,
                    }),
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            TypeKind::Struct { fields }
        };
        Some(TypeDef {
            name,
            doc: schema.doc.clone(),
            kind,
            in_response: false,
            needs_validation: false,
            sent_as_text: false,
            plain_error_body: false,
        })
    }

    fn claim_field<T>(
        &mut self,
        scope: &mut Scope,
        wire: &str,
        file: &SourceFile<T>,
        at: &str,
    ) -> String {
        let (name, renamed) = scope.claim(names::snake_ident(wire), "_");
        if renamed {
            self.diagnostics.push(file.warning(Code::FieldRenamed, at, format!(
                "`{wire}` is named `{name}` in Rust because its plain name is taken by another field"
            )));
        }
        name
    }

    /// Claims a crate-wide type name; reports a collision or a reserved name and returns false.
    fn claim_type<T>(&mut self, name: &str, file: &SourceFile<T>, at: &str) -> bool {
        if names::is_reserved_type_name(name) {
            self.diagnostics.push(
                file.error(
                    Code::ReservedTypeName,
                    at,
                    format!("type name `{name}` would shadow a type the generated code uses"),
                )
                .with_help("choose another name (`name:` on an inline enum or object)"),
            );
            return false;
        }
        let service_names = self.service.map(|service| &service.type_names);
        if let Some(first) = self
            .type_names
            .get(name)
            .or_else(|| service_names?.get(name))
        {
            let message = format!(
                "type name `{name}` is already used by `{}` in {}",
                first.field, first.file
            );
            self.diagnostics.push(
                file.error(Code::TypeNamesCollide, at, message)
                    .with_help("give one of them another name with `name:`"),
            );
            return false;
        }
        self.type_names.insert(
            name.to_owned(),
            Claim {
                file: file.path.display().to_string().replace('\\', "/"),
                field: at.to_owned(),
            },
        );
        true
    }
}

/// Marks types reachable from responses and types with something to validate; rejects
/// recursion (the name of the first model in service order that contains itself).
///
/// Types are numbered in service order and the walks below go over those numbers, each edge
/// once: a deeply nested service has thousands of types.
fn finish_types(service: &mut Service) -> Result<(), String> {
    let types: Vec<&TypeDef> = service.all_types().collect();
    let position: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.name.as_str(), index))
        .collect();
    let positions = |names: Vec<String>| -> Vec<usize> {
        // A name that is no type of the service has nothing to walk into.
        names
            .iter()
            .filter_map(|name| position.get(name.as_str()).copied())
            .collect()
    };
    let children: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let mut names = Vec::new();
            if let TypeKind::Struct { fields } = &def.kind {
                for field in fields {
                    collect_named(&field.shape, &mut names);
                }
            }
            positions(names)
        })
        .collect();
    let Some(children_first) = children_first(&children) else {
        let first = (0..types.len())
            .find(|&start| contains_itself(start, &children))
            .expect("a walk that found a cycle leaves a type on it");
        return Err(types[first].name.clone());
    };

    let mut in_response = vec![false; types.len()];
    let mut roots = Vec::new();
    for op in &service.operations {
        for response in std::iter::once(&op.success).chain(&op.errors) {
            if let Some(shape) = &response.body {
                collect_named(shape, &mut roots);
            }
        }
        roots.extend(op.error_type.clone());
    }
    let mut stack = positions(roots);
    while let Some(index) = stack.pop() {
        if !in_response[index] {
            in_response[index] = true;
            stack.extend(&children[index]);
        }
    }

    // A type needs validation when it is an enum that keeps unknown values, or a struct with a
    // constrained field or a field of a type that needs validation: decided for every type
    // after the types it contains.
    let mut needs = vec![false; types.len()];
    for index in children_first {
        let needed = match &types[index].kind {
            TypeKind::Enum { .. } => in_response[index],
            TypeKind::Struct { fields } => fields.iter().any(|field| {
                field
                    .shape
                    .needs_validation(&|name| position.get(name).is_some_and(|&child| needs[child]))
            }),
        };
        needs[index] = needed;
    }
    let needs_validation: HashSet<String> = types
        .iter()
        .zip(&needs)
        .filter(|(_, needs)| **needs)
        .map(|(def, _)| def.name.clone())
        .collect();
    drop(position);
    drop(types);

    let mut sent_as_text = Vec::new();
    for op in &service.operations {
        for param in &op.params {
            if matches!(param.location, ParamLocation::Query | ParamLocation::Header) {
                collect_named(&param.shape, &mut sent_as_text);
            }
        }
    }
    let sent_as_text: HashSet<String> = sent_as_text.into_iter().collect();
    let service_error = service.error.as_ref().map(|error| error.type_name.as_str());
    let plain_error_bodies: HashSet<String> = service
        .operations
        .iter()
        .filter_map(|op| op.error_type.clone())
        .filter(|name| Some(name.as_str()) != service_error)
        .collect();
    // The same order as `all_types`, so the same positions.
    let all = service.models.iter_mut().chain(
        service
            .operations
            .iter_mut()
            .flat_map(|op| op.types.iter_mut()),
    );
    for (index, t) in all.enumerate() {
        t.plain_error_body = plain_error_bodies.contains(&t.name);
        t.in_response = in_response[index];
        t.needs_validation = needs[index];
        t.sent_as_text = sent_as_text.contains(&t.name);
    }
    service.needs_validation = needs_validation;
    Ok(())
}

/// Every type's position, each after every type it contains (a depth-first walk's post-order);
/// `None` when a type contains itself.
fn children_first(children: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unvisited,
        /// On the walk's current path.
        Open,
        Done,
    }
    let mut mark = vec![Mark::Unvisited; children.len()];
    let mut order = Vec::with_capacity(children.len());
    for root in 0..children.len() {
        if mark[root] != Mark::Unvisited {
            continue;
        }
        mark[root] = Mark::Open;
        // Each open type with how many of its children the walk has entered.
        let mut path = vec![(root, 0)];
        while let Some(&(index, entered)) = path.last() {
            let Some(&child) = children[index].get(entered) else {
                mark[index] = Mark::Done;
                order.push(index);
                path.pop();
                continue;
            };
            path.last_mut().expect("the path is not empty").1 += 1;
            match mark[child] {
                Mark::Unvisited => {
                    mark[child] = Mark::Open;
                    path.push((child, 0));
                }
                // A child on the current path: the path from it to here is a cycle.
                Mark::Open => return None,
                Mark::Done => {}
            }
        }
    }
    Some(order)
}

/// Whether the type at `start` is reachable from itself (only asked once a cycle is known, to
/// name the first type on one).
fn contains_itself(start: usize, children: &[Vec<usize>]) -> bool {
    let mut seen = vec![false; children.len()];
    let mut stack = children[start].clone();
    while let Some(index) = stack.pop() {
        if index == start {
            return true;
        }
        if !std::mem::replace(&mut seen[index], true) {
            stack.extend(&children[index]);
        }
    }
    false
}

/// Adds the names of the types `shape` uses to `out`.
pub(super) fn collect_named(shape: &Shape, out: &mut Vec<String>) {
    match &shape.ty {
        TypeRef::Named(name) => out.push(name.clone()),
        TypeRef::Array(item) | TypeRef::Map(item) => collect_named(item, out),
        _ => {}
    }
}

/// The type of a documented header (the spec checks that headers are scalars).
fn scalar_type(schema: &Schema) -> TypeRef {
    match schema.ty.unwrap_or(TypeName::String) {
        TypeName::Integer => TypeRef::I32,
        TypeName::Long => TypeRef::I64,
        TypeName::Float => TypeRef::F32,
        TypeName::Double => TypeRef::F64,
        TypeName::Boolean => TypeRef::Bool,
        _ => TypeRef::String,
    }
}

/// The page's examples as the model carries them.
fn printed_examples(examples: &types::ExamplesSpec) -> Examples {
    let discrepancies = |list: &[types::Discrepancy]| {
        list.iter()
            .map(|d| Discrepancy {
                path: d.path.clone(),
                note: d.note.clone(),
            })
            .collect()
    };
    Examples {
        requests: examples
            .requests
            .iter()
            .map(|example| ExampleRequest {
                title: example.title.clone(),
                url: example.url.clone(),
                body: example.body.clone(),
                discrepancies: discrepancies(&example.discrepancies),
            })
            .collect(),
        responses: examples
            .responses
            .iter()
            .map(|(status, example)| ExampleResponse {
                status: *status,
                description: example.description.clone(),
                body: example.body.clone(),
                discrepancies: discrepancies(&example.discrepancies),
            })
            .collect(),
    }
}

/// The operations directory beside a service file, as headers name it
/// (`spec/drs/service.yaml` → `spec/drs/operations/`).
fn operations_origin(service_origin: &str) -> String {
    let dir = service_origin.rsplit_once('/').map_or("", |(dir, _)| dir);
    format!("{dir}/{}/", crate::spec::OPERATIONS_DIR)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::strategy::Strategy;

    use crate::diagnostics::Code;
    use crate::spec::load::parse_text;
    use crate::spec::{ServiceFiles, SourceFile};

    const SERVICE: &str = "name: t\ntitle: T\ncrate: huaweicloud-sdk-t\nversion: 0.0.0\n\
        endpoint: https://t.{region}.example.com\nauth: [token]\nregions: [xx-1]\n";

    /// The spec file of operation `index`, whose 200 answer has a field of the inline type
    /// `type_name`.
    fn operation(index: usize, type_name: &str) -> SourceFile<crate::spec::types::OperationSpec> {
        let yaml = format!(
            "id: Op{index}\ntitle: Op {index}\nmethod: GET\npath: /v1/op{index}\nresponses:\n  \
             200:\n    description: OK\n    body: {{fields: {{a: {{name: {type_name}, fields: \
             {{x{index}: {{type: string}}}}}}}}}}\n"
        );
        let path = format!("t/operations/op{index}.yaml");
        parse_text(Path::new(&path), format!("spec/{path}"), &yaml)
            .unwrap_or_else(|error| panic!("{error}\n{yaml}"))
    }

    /// Operations are resolved on every core, yet type names are claimed as resolving them one
    /// after another in file order would: of the operations naming an inline type alike, the
    /// first in file order keeps the name and every later one is refused, naming the first.
    /// Resolved many times over, so that the workers take the operations in different orders.
    #[test]
    fn type_names_are_claimed_in_file_order_whichever_core_resolves_an_operation() {
        // Some names are used by one operation only, others by several, far apart.
        let names: Vec<String> = (0..60)
            .map(|index| match index % 4 {
                0 => format!("Own{index}"),
                _ => format!("Item{}", (index * 7) % 5),
            })
            .collect();
        let mut expected = Vec::new();
        for (index, name) in names.iter().enumerate() {
            if let Some(first) = names[..index].iter().position(|earlier| earlier == name) {
                expected.push((
                    format!("t/operations/op{index}.yaml"),
                    format!(
                        "type name `{name}` is already used by `responses.200.body.fields.a` in \
                         t/operations/op{first}.yaml"
                    ),
                ));
            }
        }
        assert!(expected.len() > 20, "the names collide often enough");
        for _ in 0..20 {
            let files = ServiceFiles {
                service: parse_text(
                    Path::new("t/service.yaml"),
                    "spec/t/service.yaml".into(),
                    SERVICE,
                )
                .unwrap(),
                operations: names
                    .iter()
                    .enumerate()
                    .map(|(index, name)| operation(index, name))
                    .collect(),
                examples: Vec::new(),
            };
            let errors = super::resolve_service(&files).unwrap_err();
            let found: Vec<(String, String)> = errors
                .iter()
                .filter(|diagnostic| diagnostic.is_error())
                .map(|diagnostic| {
                    assert_eq!(diagnostic.code, Code::TypeNamesCollide, "{diagnostic:?}");
                    (
                        diagnostic.file.display().to_string(),
                        diagnostic.message.clone(),
                    )
                })
                .collect();
            assert_eq!(found, expected);
        }
    }

    /// A model that contains itself is reported by the first model in service order on a
    /// cycle (not one that only leads to it), whatever order a hash map would visit them in.
    #[test]
    fn a_cycle_is_reported_at_its_first_model_in_service_order() {
        let text = format!(
            "{SERVICE}models:\n  Outer: {{fields: {{b: {{ref: Bee}}}}}}\n  \
             Leaf: {{fields: {{x: {{type: string}}}}}}\n  \
             Bee: {{fields: {{c: {{ref: Cee}}}}}}\n  \
             Cee: {{fields: {{l: {{ref: Leaf}}, b: {{ref: Bee}}}}}}\n"
        );
        for _ in 0..20 {
            let files = ServiceFiles {
                service: parse_text(
                    Path::new("t/service.yaml"),
                    "spec/t/service.yaml".into(),
                    &text,
                )
                .unwrap(),
                operations: Vec::new(),
                examples: Vec::new(),
            };
            let errors = super::resolve_service(&files).unwrap_err();
            let cycles: Vec<&str> = errors
                .iter()
                .filter(|diagnostic| diagnostic.code == Code::RecursiveModel)
                .map(|diagnostic| diagnostic.message.as_str())
                .collect();
            assert_eq!(
                cycles,
                ["model `Bee` contains itself; recursive models are not supported"]
            );
        }
    }

    proptest::proptest! {
        /// On any graph: no order exactly when a node reaches itself, and otherwise every node
        /// once, each after all of its children.
        #[test]
        fn children_come_first_unless_a_node_contains_itself(
            children in (1usize..12).prop_flat_map(|count| {
                proptest::collection::vec(proptest::collection::vec(0..count, 0..3), count)
            })
        ) {
            let cyclic = (0..children.len()).any(|node| super::contains_itself(node, &children));
            match super::children_first(&children) {
                None => proptest::prop_assert!(cyclic),
                Some(order) => {
                    proptest::prop_assert!(!cyclic);
                    proptest::prop_assert_eq!(order.len(), children.len());
                    let mut place = vec![usize::MAX; children.len()];
                    for (at, &node) in order.iter().enumerate() {
                        proptest::prop_assert_eq!(place[node], usize::MAX, "each node once");
                        place[node] = at;
                    }
                    for (node, its) in children.iter().enumerate() {
                        for &child in its {
                            proptest::prop_assert!(place[child] < place[node]);
                        }
                    }
                }
            }
        }
    }
}
