//! The API-level change between two versions of the specs: operations, parameters, fields and
//! enum values added, removed or changed, each marked breaking or not for a caller of the
//! generated crates.
//!
//! Breaking: an operation, parameter or field removed; its type, method or path changed; a
//! request field or parameter becoming required; an enum value removed; a response field no
//! longer always present. Everything else (additions, new optional fields, new enum values,
//! doc changes) is not: generated enums are `#[non_exhaustive]`, and response enums keep
//! values they do not know.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::{
    Field, Operation, Param, ParamSource, Service, Shape, SharedName, TypeDef, TypeKind, TypeRef,
};

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ApiChange {
    /// Whether code written against the old version may stop compiling or working.
    pub breaking: bool,
    /// Where: `drs CollectDbObjectsInfo body.type`.
    pub location: String,
    /// What changed.
    pub description: String,
}

impl fmt::Display for ApiChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.breaking {
            "BREAKING"
        } else {
            "        "
        };
        write!(f, "{mark} {}: {}", self.location, self.description)
    }
}

struct Differ<'a> {
    changes: Vec<ApiChange>,
    old: &'a Service,
    new: &'a Service,
}

impl Differ<'_> {
    fn push(&mut self, breaking: bool, location: &str, description: impl Into<String>) {
        self.changes.push(ApiChange {
            breaking,
            location: location.to_owned(),
            description: description.into(),
        });
    }
}

/// Every API change from `old` to `new`, sorted by location.
pub fn diff(old: &[Service], new: &[Service]) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    let old_by_name: BTreeMap<&str, &Service> = old.iter().map(|s| (s.name.as_str(), s)).collect();
    let new_by_name: BTreeMap<&str, &Service> = new.iter().map(|s| (s.name.as_str(), s)).collect();
    for (name, service) in &old_by_name {
        if !new_by_name.contains_key(name) {
            changes.push(ApiChange {
                breaking: true,
                location: (*name).to_owned(),
                description: format!("service removed (crate {})", service.package),
            });
        }
    }
    for (name, new_service) in &new_by_name {
        let Some(old_service) = old_by_name.get(name) else {
            changes.push(ApiChange {
                breaking: false,
                location: (*name).to_owned(),
                description: format!("service added (crate {})", new_service.package),
            });
            continue;
        };
        let mut differ = Differ {
            changes: Vec::new(),
            old: old_service,
            new: new_service,
        };
        differ.service();
        changes.extend(differ.changes);
    }
    changes.sort_by(|a, b| {
        (&a.location, !a.breaking, &a.description).cmp(&(&b.location, !b.breaking, &b.description))
    });
    changes
}

impl Differ<'_> {
    fn service(&mut self) {
        let service = self.new.name.clone();
        let old_ops: BTreeMap<&str, &Operation> = self
            .old
            .operations
            .iter()
            .map(|o| (o.id.as_str(), o))
            .collect();
        let new_ops: BTreeMap<&str, &Operation> = self
            .new
            .operations
            .iter()
            .map(|o| (o.id.as_str(), o))
            .collect();
        for id in old_ops.keys().filter(|id| !new_ops.contains_key(*id)) {
            self.push(true, &format!("{service} {id}"), "operation removed");
        }
        for (id, new_op) in &new_ops {
            let at = format!("{service} {id}");
            match old_ops.get(id) {
                None => self.push(
                    false,
                    &at,
                    format!(
                        "operation added: {} {}",
                        new_op.method.as_str(),
                        new_op.path_template
                    ),
                ),
                Some(old_op) => self.operation(&at, old_op, new_op),
            }
        }
    }

    fn operation(&mut self, at: &str, old: &Operation, new: &Operation) {
        if old.method != new.method || old.path_template != new.path_template {
            self.push(
                true,
                at,
                format!(
                    "{} {} became {} {}",
                    old.method.as_str(),
                    old.path_template,
                    new.method.as_str(),
                    new.path_template
                ),
            );
        }
        if old.fixed_query != new.fixed_query {
            let show = |query: &[(String, String)]| {
                query
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect::<Vec<_>>()
                    .join("&")
            };
            self.push(
                true,
                at,
                format!(
                    "fixed query `{}` became `{}`",
                    show(&old.fixed_query),
                    show(&new.fixed_query)
                ),
            );
        }
        match (&old.deprecated, &new.deprecated) {
            (None, Some(note)) => self.push(false, at, format!("deprecated: {note}")),
            (Some(_), None) => self.push(false, at, "no longer deprecated"),
            _ => {}
        }
        let caller = |op: &Operation| -> BTreeMap<String, Param> {
            op.params
                .iter()
                .filter(|p| p.source != ParamSource::Managed)
                .map(|p| (p.wire_name.clone(), p.clone()))
                .collect()
        };
        let (old_params, new_params) = (caller(old), caller(new));
        for name in old_params.keys().filter(|n| !new_params.contains_key(*n)) {
            self.push(true, &format!("{at} param {name}"), "parameter removed");
        }
        for (name, param) in &new_params {
            let param_at = format!("{at} param {name}");
            match old_params.get(name) {
                None if param.required => self.push(true, &param_at, "required parameter added"),
                None => self.push(false, &param_at, "optional parameter added"),
                Some(old_param) => {
                    if !old_param.required && param.required {
                        self.push(true, &param_at, "became required");
                    }
                    if old_param.required && !param.required {
                        self.push(false, &param_at, "became optional");
                    }
                    self.shape(
                        &param_at,
                        &old_param.shape,
                        &param.shape,
                        Direction::Request,
                    );
                }
            }
        }
        match (&old.body, &new.body) {
            (Some(o), Some(n)) => self.shape(
                &format!("{at} body"),
                &o.shape,
                &n.shape,
                Direction::Request,
            ),
            (None, Some(_)) => self.push(true, &format!("{at} body"), "request body added"),
            (Some(_), None) => self.push(true, &format!("{at} body"), "request body removed"),
            (None, None) => {}
        }
        if old.success.status != new.success.status {
            self.push(
                false,
                at,
                format!(
                    "success status {} became {}",
                    old.success.status, new.success.status
                ),
            );
        }
        match (&old.output, &new.output) {
            (crate::model::Output::Json(o), crate::model::Output::Json(n)) => {
                self.shape(&format!("{at} response"), o, n, Direction::Response)
            }
            (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => self.push(
                true,
                &format!("{at} response"),
                "the kind of response changed",
            ),
            _ => {}
        }
        let old_errors: Vec<u16> = old.errors.iter().map(|r| r.status).collect();
        for response in &new.errors {
            if !old_errors.contains(&response.status) {
                self.push(
                    false,
                    at,
                    format!("error status {} documented", response.status),
                );
            }
        }
    }

    fn shape(&mut self, at: &str, old: &Shape, new: &Shape, direction: Direction) {
        match (&old.ty, &new.ty) {
            (TypeRef::Named(o), TypeRef::Named(n)) => self.named(at, o, n, direction),
            (TypeRef::Array(o), TypeRef::Array(n)) | (TypeRef::Map(o), TypeRef::Map(n)) => {
                self.shape(&format!("{at}[]"), o, n, direction)
            }
            (o, n) if o != n => {
                self.push(true, at, format!("type {} became {}", label(o), label(n)))
            }
            _ => {}
        }
        if old.constraints != new.constraints {
            // Tighter request constraints can reject what was accepted; a caller decides.
            self.push(false, at, "constraints changed");
        }
    }

    fn named(&mut self, at: &str, old_name: &str, new_name: &str, direction: Direction) {
        let (Some(old), Some(new)) = (self.old.find_type(old_name), self.new.find_type(new_name))
        else {
            return;
        };
        if old_name != new_name {
            // Model sharing can make a type another one's name (a new page defines the same
            // object earlier in service order): code naming the old type still compiles when
            // every path that named it names the new one.
            let old_paths = named_at(self.old, old_name);
            let new_paths = named_at(self.new, old_name);
            let kept = old_paths
                .keys()
                .all(|module| new_paths.get(module).map(String::as_str) == Some(new_name));
            if kept {
                self.push(
                    false,
                    at,
                    format!("type {old_name} is now {new_name}, still named {old_name}"),
                );
            } else {
                self.push(true, at, format!("type {old_name} renamed to {new_name}"));
            }
        }
        match (&old.kind, &new.kind) {
            (TypeKind::Struct { fields: o }, TypeKind::Struct { fields: n }) => {
                self.fields(at, o, n, direction)
            }
            (TypeKind::Enum { values: o, .. }, TypeKind::Enum { values: n, .. }) => {
                // Generated enums are `#[non_exhaustive]`: a new value breaks no match, a removed
                // one removes a variant callers may name.
                for value in o.iter().filter(|v| !n.iter().any(|w| w.wire == v.wire)) {
                    self.push(
                        true,
                        &format!("{at} enum"),
                        format!("value {:?} removed", value.wire),
                    );
                }
                for value in n.iter().filter(|v| !o.iter().any(|w| w.wire == v.wire)) {
                    self.push(
                        false,
                        &format!("{at} enum"),
                        format!("value {:?} added", value.wire),
                    );
                }
            }
            _ => self.push(
                true,
                at,
                format!("{old_name} changed between object and enum"),
            ),
        }
    }

    fn fields(&mut self, at: &str, old: &[Field], new: &[Field], direction: Direction) {
        for field in old
            .iter()
            .filter(|f| !new.iter().any(|g| g.wire_name == f.wire_name))
        {
            self.push(true, &format!("{at}.{}", field.wire_name), "field removed");
        }
        for field in new {
            let field_at = format!("{at}.{}", field.wire_name);
            match old.iter().find(|f| f.wire_name == field.wire_name) {
                None => {
                    let breaking = direction == Direction::Request && field.required;
                    self.push(
                        breaking,
                        &field_at,
                        if field.required {
                            "required field added"
                        } else {
                            "optional field added"
                        },
                    );
                }
                Some(old_field) => {
                    match (old_field.required, field.required, direction) {
                        (false, true, Direction::Request) => {
                            self.push(true, &field_at, "became required")
                        }
                        (true, false, Direction::Response) => {
                            self.push(true, &field_at, "no longer always present")
                        }
                        (false, true, Direction::Response) => {
                            self.push(false, &field_at, "now always present")
                        }
                        (true, false, Direction::Request) => {
                            self.push(false, &field_at, "became optional")
                        }
                        _ => {}
                    }
                    self.shape(&field_at, &old_field.shape, &field.shape, direction);
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

/// The modules of the crate (`models`, or an operation's module) where `name` is a type, each
/// with the type it is there: itself, or the shared model a re-export of model sharing names.
fn named_at(service: &Service, name: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut look = |module: &str, types: &[TypeDef], shared: &[SharedName]| {
        if types.iter().any(|t| t.name == name) {
            out.insert(module.to_owned(), name.to_owned());
        }
        if let Some(shared) = shared.iter().find(|s| s.name == name) {
            out.insert(module.to_owned(), shared.model.clone());
        }
    };
    look("models", &service.models, &service.shared_names);
    for op in &service.operations {
        look(&op.module, &op.types, &op.shared_names);
    }
    out
}

fn label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".into(),
        TypeRef::I32 => "integer".into(),
        TypeRef::I64 => "long".into(),
        TypeRef::F32 => "float".into(),
        TypeRef::F64 => "double".into(),
        TypeRef::Bool => "boolean".into(),
        TypeRef::Json => "object".into(),
        TypeRef::Bytes => "file".into(),
        TypeRef::Array(item) => format!("array of {}", label(&item.ty)),
        TypeRef::Map(value) => format!("map of {}", label(&value.ty)),
        TypeRef::Named(name) => name.clone(),
    }
}
