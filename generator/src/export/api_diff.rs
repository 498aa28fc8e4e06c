//! The API-level change between two versions of the specs, each change marked breaking,
//! compatible or documentation-only for a caller of the generated crates, and the semver bump
//! each service crate needs for it.
//!
//! What is compared: the service (crate name, endpoint, regions, scope, authentication), every
//! operation (method, path, parameters, body, success and error statuses, docs), and every
//! named type reachable from the service (the service file's `models:`, the shared models of
//! model sharing, each operation's types), each once, at `<service> model <Type>`, however many
//! operations use it.
//!
//! Breaking rules (the README's "Reviewing a change" states the same):
//!
//! - Removing an operation, parameter, field, enum value, model, region or authentication
//!   scheme; changing a type, method, path, fixed query, scope or crate name; renaming a type.
//! - The side of a value decides what a constraint change (`min_length`, `max_length`,
//!   `minimum`, `maximum`, `min_items`, `max_items`) does. A request-side value (a parameter, a
//!   field of a type reachable from a request body) breaks on every tightening: the new version
//!   refuses requests the old accepted. A response-side value (a field of a type reachable from
//!   a success or error body) breaks on every loosening: the server may now send what the old
//!   version promised it would not. A type reachable from both sides gets both rules, so any
//!   constraint change to it breaks. A constraint change on a type no operation reaches is
//!   compatible.
//! - A field or parameter that turns required or optional breaks on either side: its Rust type
//!   changes between `T` and `Option<T>`, and required fields are the constructor's
//!   arguments. A new required field breaks on the request side only (a response value gains a
//!   field callers read and never build outside tests).
//! - Enum values: removing one breaks (a variant callers may name goes); adding one does not on
//!   either side: generated enums are `#[non_exhaustive]`, and a response enum keeps values it
//!   does not know (`Unknown`), so a new response value reaches callers as that variant rather
//!   than as an error. An enum that becomes or stops being reachable from a response gains or
//!   loses that variant (and `Copy`): breaking.
//! - Defaults: an enum's default is its `Default` impl. Removing it breaks; changing it breaks on
//!   the request side (`Default::default()` now sends another value) and not on the response
//!   side. A field's or parameter's documented default is the server's behaviour for an omitted
//!   value: the client never sends it, so a change is reported as compatible (the server's
//!   behaviour changes for old and new crates alike).
//! - Everything else that changes the API (additions, new statuses, endpoints, deprecation) is
//!   compatible; a changed doc text, title, page address or example is documentation-only.
//!
//! [`required_versions`] turns the changes into semver: breaking → major (minor before 1.0),
//! compatible → minor (patch before 1.0), documentation-only → patch.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use semver::Version;

use crate::model::{
    Constraints, EnumValue, Field, Number, Operation, Output, Param, ParamSource, Service, Shape,
    SharedName, TypeDef, TypeKind, TypeRef,
};

/// How much a change matters to code written against the old version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// A doc text, title, page address or example: the API is the same.
    Doc,
    /// An API change code written against the old version keeps working with.
    Compatible,
    /// Code written against the old version may stop compiling or working.
    Breaking,
}

/// One API change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiChange {
    /// The service it belongs to (`drs`).
    pub service: String,
    /// Breaking, compatible or documentation-only.
    pub impact: Impact,
    /// Where: `drs CollectDbObjectsInfo param X-Language`, `drs model DrsError.error_msg`.
    pub location: String,
    /// What changed, with the old and new values.
    pub description: String,
}

impl ApiChange {
    /// Whether code written against the old version may stop compiling or working.
    pub fn is_breaking(&self) -> bool {
        self.impact == Impact::Breaking
    }
}

impl fmt::Display for ApiChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = match self.impact {
            Impact::Breaking => "BREAKING",
            Impact::Compatible => "        ",
            Impact::Doc => "doc     ",
        };
        write!(f, "{mark} {}: {}", self.location, self.description)
    }
}

/// Where a value travels: what its constraints promise depends on it (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// Sent by the caller: in a parameter or reachable from a request body.
    pub request: bool,
    /// Read by the caller: reachable from a success or error body.
    pub response: bool,
}

impl Sides {
    /// Request only.
    pub const REQUEST: Sides = Sides {
        request: true,
        response: false,
    };
    /// Response only.
    pub const RESPONSE: Sides = Sides {
        request: false,
        response: true,
    };

    fn union(self, other: Sides) -> Sides {
        Sides {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }

    /// Whether a change that may refuse old values (`tightens`) or admit new ones (`loosens`)
    /// breaks callers on these sides.
    pub fn breaks(self, tightens: bool, loosens: bool) -> bool {
        (self.request && tightens) || (self.response && loosens)
    }
}

/// Every API change from `old` to `new`, sorted by service and location, breaking ones first
/// at a location.
pub fn diff(old: &[Service], new: &[Service]) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    let old_by_name: BTreeMap<&str, &Service> = old.iter().map(|s| (s.name.as_str(), s)).collect();
    let new_by_name: BTreeMap<&str, &Service> = new.iter().map(|s| (s.name.as_str(), s)).collect();
    for (name, service) in &old_by_name {
        if !new_by_name.contains_key(name) {
            changes.push(ApiChange {
                service: (*name).to_owned(),
                impact: Impact::Breaking,
                location: (*name).to_owned(),
                description: format!("service removed (crate {})", service.package),
            });
        }
    }
    for (name, new_service) in &new_by_name {
        let Some(old_service) = old_by_name.get(name) else {
            changes.push(ApiChange {
                service: (*name).to_owned(),
                impact: Impact::Compatible,
                location: (*name).to_owned(),
                description: format!("service added (crate {})", new_service.package),
            });
            continue;
        };
        let mut differ = Differ {
            changes: Vec::new(),
            old: old_service,
            new: new_service,
            old_sides: sides_of_types(old_service),
            new_sides: sides_of_types(new_service),
            pending: Vec::new(),
            queued: BTreeSet::new(),
        };
        differ.service();
        changes.extend(differ.changes);
    }
    changes.sort_by(|a, b| {
        (
            &a.service,
            &a.location,
            std::cmp::Reverse(a.impact),
            &a.description,
        )
            .cmp(&(
                &b.service,
                &b.location,
                std::cmp::Reverse(b.impact),
                &b.description,
            ))
    });
    // Two old types merged into one new one are compared pairwise: the same line may come twice.
    changes.dedup();
    changes
}

/// The changes of one constraint set to another, one per constraint that differs, each with
/// its old and new values (`max_length 64 → 32`), breaking by the rules of `sides`.
pub fn constraint_changes(
    service: &str,
    location: &str,
    old: &Constraints,
    new: &Constraints,
    sides: Sides,
) -> Vec<ApiChange> {
    let mut out = Vec::new();
    let mut push = |name: &str, old: String, new: String, (tightens, loosens): (bool, bool)| {
        out.push(ApiChange {
            service: service.to_owned(),
            impact: if sides.breaks(tightens, loosens) {
                Impact::Breaking
            } else {
                Impact::Compatible
            },
            location: location.to_owned(),
            description: format!("{name} {old} → {new}"),
        })
    };
    let show = |v: Option<u64>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    let show_number = |v: Option<Number>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    for (name, old, new) in [
        ("min_length", old.min_length, new.min_length),
        ("min_items", old.min_items, new.min_items),
    ] {
        if old != new {
            // No lower bound is a bound of 0: lengths and counts are never negative.
            let order = new.unwrap_or(0).cmp(&old.unwrap_or(0));
            push(name, show(old), show(new), lower_bound_moves(order));
        }
    }
    for (name, old, new) in [
        ("max_length", old.max_length, new.max_length),
        ("max_items", old.max_items, new.max_items),
    ] {
        if old != new {
            let order = match (old, new) {
                (Some(o), Some(n)) => n.cmp(&o),
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            push(name, show(old), show(new), upper_bound_moves(order));
        }
    }
    if old.minimum != new.minimum {
        let order = match (old.minimum, new.minimum) {
            (Some(o), Some(n)) => compare_numbers(n, o),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        };
        push(
            "minimum",
            show_number(old.minimum),
            show_number(new.minimum),
            lower_bound_moves(order),
        );
    }
    if old.maximum != new.maximum {
        let order = match (old.maximum, new.maximum) {
            (Some(o), Some(n)) => compare_numbers(n, o),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        push(
            "maximum",
            show_number(old.maximum),
            show_number(new.maximum),
            upper_bound_moves(order),
        );
    }
    out
}

/// (tightens, loosens) of a lower bound moving up (`Greater`) or down.
fn lower_bound_moves(new_against_old: Ordering) -> (bool, bool) {
    (
        new_against_old == Ordering::Greater,
        new_against_old == Ordering::Less,
    )
}

/// (tightens, loosens) of an upper bound moving down (`Less`) or up.
fn upper_bound_moves(new_against_old: Ordering) -> (bool, bool) {
    (
        new_against_old == Ordering::Less,
        new_against_old == Ordering::Greater,
    )
}

/// Integers exactly (an `i64` past 2^53 does not survive `f64`), anything else as `f64`;
/// `spec::check` has made sure every bound is finite.
fn compare_numbers(a: Number, b: Number) -> Ordering {
    match (a, b) {
        (Number::Integer(a), Number::Integer(b)) => a.cmp(&b),
        (a, b) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(Ordering::Equal),
    }
}

struct Differ<'a> {
    changes: Vec<ApiChange>,
    old: &'a Service,
    new: &'a Service,
    old_sides: BTreeMap<String, Sides>,
    new_sides: BTreeMap<String, Sides>,
    /// Pairs of types (old name, new name) still to compare.
    pending: Vec<(String, String)>,
    /// Every pair ever queued: each is compared once.
    queued: BTreeSet<(String, String)>,
}

impl Differ<'_> {
    fn push(&mut self, impact: Impact, location: &str, description: impl Into<String>) {
        self.changes.push(ApiChange {
            service: self.new.name.clone(),
            impact,
            location: location.to_owned(),
            description: description.into(),
        });
    }

    fn breaking_if(&mut self, breaking: bool, location: &str, description: impl Into<String>) {
        let impact = if breaking {
            Impact::Breaking
        } else {
            Impact::Compatible
        };
        self.push(impact, location, description);
    }

    fn doc(&mut self, location: &str, what: &str, old: &Option<String>, new: &Option<String>) {
        match (old, new) {
            (None, Some(_)) => self.push(Impact::Doc, location, format!("{what} added")),
            (Some(_), None) => self.push(Impact::Doc, location, format!("{what} removed")),
            (Some(o), Some(n)) if o != n => {
                self.push(Impact::Doc, location, format!("{what} changed"))
            }
            _ => {}
        }
    }

    fn service(&mut self) {
        self.service_level();
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
            self.push(
                Impact::Breaking,
                &format!("{service} {id}"),
                "operation removed",
            );
        }
        for (id, new_op) in &new_ops {
            let at = format!("{service} {id}");
            match old_ops.get(id) {
                None => self.push(
                    Impact::Compatible,
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
        self.models();
        while let Some((old_name, new_name)) = self.pending.pop() {
            self.type_pair(&old_name, &new_name);
        }
    }

    /// What every caller of the crate depends on besides its operations.
    fn service_level(&mut self) {
        let (old, new) = (self.old, self.new);
        let at = new.name.clone();
        if old.package != new.package {
            self.push(
                Impact::Breaking,
                &at,
                format!("crate {} → {}", old.package, new.package),
            );
        }
        if old.endpoint != new.endpoint {
            self.push(
                Impact::Compatible,
                &at,
                format!("endpoint {} → {}", old.endpoint, new.endpoint),
            );
        }
        if old.scope != new.scope {
            self.push(
                Impact::Breaking,
                &at,
                format!(
                    "scope {} → {}",
                    lower_debug(&old.scope),
                    lower_debug(&new.scope)
                ),
            );
        }
        for scheme in old.auth.iter().filter(|a| !new.auth.contains(a)) {
            self.push(
                Impact::Breaking,
                &at,
                format!("auth {} removed", lower_debug(scheme)),
            );
        }
        for scheme in new.auth.iter().filter(|a| !old.auth.contains(a)) {
            self.push(
                Impact::Compatible,
                &at,
                format!("auth {} added", lower_debug(scheme)),
            );
        }
        let old_regions: BTreeMap<&str, &str> = old
            .regions
            .iter()
            .map(|(n, e)| (n.as_str(), e.as_str()))
            .collect();
        let new_regions: BTreeMap<&str, &str> = new
            .regions
            .iter()
            .map(|(n, e)| (n.as_str(), e.as_str()))
            .collect();
        for (name, _) in old_regions
            .iter()
            .filter(|(n, _)| !new_regions.contains_key(*n))
        {
            self.push(
                Impact::Breaking,
                &format!("{at} region {name}"),
                "region removed",
            );
        }
        for (name, endpoint) in &new_regions {
            let region_at = format!("{at} region {name}");
            match old_regions.get(name) {
                None => self.push(Impact::Compatible, &region_at, "region added"),
                Some(old_endpoint) if old_endpoint != endpoint => self.push(
                    Impact::Compatible,
                    &region_at,
                    format!("endpoint {old_endpoint} → {endpoint}"),
                ),
                Some(_) => {}
            }
        }
        if old.title != new.title {
            self.push(Impact::Doc, &at, "title changed");
        }
        self.doc(&at, "description", &old.description, &new.description);
        self.doc(&at, "doc_url", &old.doc_url, &new.doc_url);
    }

    /// The service's models (`models:` of the service file and the shared models of model
    /// sharing), each compared once whether or not an operation names it.
    fn models(&mut self) {
        let service = self.new.name.clone();
        for model in &self.new.models {
            if self.old.find_type(&model.name).is_some() {
                self.queue(&model.name, &model.name);
            } else if named_at(self.old, &model.name).is_empty() {
                self.push(
                    Impact::Compatible,
                    &format!("{service} model {}", model.name),
                    "model added",
                );
            }
        }
        for model in &self.old.models {
            if self.new.find_type(&model.name).is_some() {
                continue;
            }
            // Model sharing may keep the name as a re-export of another model.
            let still = named_at(self.new, &model.name);
            let at = format!("{service} model {}", model.name);
            match still.values().next() {
                Some(other) => {
                    let other = other.clone();
                    self.push(
                        Impact::Compatible,
                        &at,
                        format!("now {other}, still named {}", model.name),
                    );
                    self.queue(&model.name, &other);
                }
                None => self.push(Impact::Breaking, &at, "model removed"),
            }
        }
    }

    fn queue(&mut self, old: &str, new: &str) {
        let pair = (old.to_owned(), new.to_owned());
        if self.queued.insert(pair.clone()) {
            self.pending.push(pair);
        }
    }

    fn operation(&mut self, at: &str, old: &Operation, new: &Operation) {
        if old.method != new.method || old.path_template != new.path_template {
            self.push(
                Impact::Breaking,
                at,
                format!(
                    "{} {} → {} {}",
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
                Impact::Breaking,
                at,
                format!(
                    "fixed query `{}` → `{}`",
                    show(&old.fixed_query),
                    show(&new.fixed_query)
                ),
            );
        }
        match (&old.deprecated, &new.deprecated) {
            (None, Some(note)) => self.push(Impact::Compatible, at, format!("deprecated: {note}")),
            (Some(_), None) => self.push(Impact::Compatible, at, "no longer deprecated"),
            _ => {}
        }
        if old.title != new.title {
            self.push(Impact::Doc, at, "title changed");
        }
        self.doc(at, "description", &old.description, &new.description);
        self.doc(at, "constraints text", &old.constraints, &new.constraints);
        self.doc(at, "doc_url", &old.doc_url, &new.doc_url);
        if printed_examples(old) != printed_examples(new) {
            self.push(Impact::Doc, at, "examples changed");
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
            self.push(
                Impact::Breaking,
                &format!("{at} param {name}"),
                "parameter removed",
            );
        }
        for (name, param) in &new_params {
            let param_at = format!("{at} param {name}");
            match old_params.get(name) {
                None if param.required => {
                    self.push(Impact::Breaking, &param_at, "required parameter added")
                }
                None => self.push(Impact::Compatible, &param_at, "optional parameter added"),
                Some(old_param) => self.param(&param_at, old_param, param),
            }
        }
        match (&old.body, &new.body) {
            (Some(o), Some(n)) => {
                let body_at = format!("{at} body");
                self.shape(&body_at, &o.shape, &n.shape, Sides::REQUEST);
                self.doc(&body_at, "doc", &o.doc, &n.doc);
            }
            (None, Some(_)) => self.push(
                Impact::Breaking,
                &format!("{at} body"),
                "request body added",
            ),
            (Some(_), None) => self.push(
                Impact::Breaking,
                &format!("{at} body"),
                "request body removed",
            ),
            (None, None) => {}
        }
        if old.success.status != new.success.status {
            self.push(
                Impact::Compatible,
                at,
                format!(
                    "success status {} → {}",
                    old.success.status, new.success.status
                ),
            );
        }
        match (&old.output, &new.output) {
            (Output::Json(o), Output::Json(n)) => {
                self.shape(&format!("{at} response"), o, n, Sides::RESPONSE)
            }
            (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => self.push(
                Impact::Breaking,
                &format!("{at} response"),
                "the kind of response changed",
            ),
            _ => {}
        }
        let old_errors: Vec<u16> = old.errors.iter().map(|r| r.status).collect();
        let new_errors: Vec<u16> = new.errors.iter().map(|r| r.status).collect();
        for status in new_errors.iter().filter(|s| !old_errors.contains(s)) {
            self.push(
                Impact::Compatible,
                at,
                format!("error status {status} documented"),
            );
        }
        for status in old_errors.iter().filter(|s| !new_errors.contains(s)) {
            self.push(
                Impact::Compatible,
                at,
                format!("error status {status} no longer documented"),
            );
        }
        let errors_at = format!("{at} errors");
        match (&old.error_type, &new.error_type) {
            (Some(o), Some(n)) => self.named(&errors_at, o, n),
            (None, Some(n)) => {
                self.push(
                    Impact::Compatible,
                    &errors_at,
                    format!("error body documented: {n}"),
                );
            }
            (Some(o), None) => self.push(
                Impact::Breaking,
                &errors_at,
                format!("error body {o} no longer documented"),
            ),
            (None, None) => {}
        }
    }

    fn param(&mut self, at: &str, old: &Param, new: &Param) {
        // Required parameters are the request's constructor arguments and plain `T` fields,
        // optional ones `Option<T>` with setters: either way round, the Rust API changes.
        if !old.required && new.required {
            self.push(Impact::Breaking, at, "became required");
        }
        if old.required && !new.required {
            self.push(
                Impact::Breaking,
                at,
                "became optional (its field becomes an `Option`, `new` loses the argument)",
            );
        }
        if old.default != new.default {
            self.push(
                Impact::Compatible,
                at,
                format!(
                    "default {} → {}",
                    show_json(&old.default),
                    show_json(&new.default)
                ),
            );
        }
        self.doc(at, "doc", &old.doc, &new.doc);
        self.shape(at, &old.shape, &new.shape, Sides::REQUEST);
    }

    /// A value's type and constraints; a named type is queued to be compared once on its own.
    fn shape(&mut self, at: &str, old: &Shape, new: &Shape, sides: Sides) {
        match (&old.ty, &new.ty) {
            (TypeRef::Named(o), TypeRef::Named(n)) => self.named(at, o, n),
            (TypeRef::Array(o), TypeRef::Array(n)) | (TypeRef::Map(o), TypeRef::Map(n)) => {
                self.shape(&format!("{at}[]"), o, n, sides)
            }
            (o, n) if o != n => self.push(
                Impact::Breaking,
                at,
                format!("type {} → {}", label(o), label(n)),
            ),
            _ => {}
        }
        let service = self.new.name.clone();
        self.changes.extend(constraint_changes(
            &service,
            at,
            &old.constraints,
            &new.constraints,
            sides,
        ));
    }

    fn named(&mut self, at: &str, old_name: &str, new_name: &str) {
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
                // Said once, at the type, however many places use it.
                let model_at = format!("{} model {old_name}", self.new.name);
                self.push(
                    Impact::Compatible,
                    &model_at,
                    format!("now {new_name}, still named {old_name}"),
                );
            } else {
                self.push(
                    Impact::Breaking,
                    at,
                    format!("type {old_name} renamed to {new_name}"),
                );
            }
        }
        if self.old.find_type(old_name).is_some() && self.new.find_type(new_name).is_some() {
            self.queue(old_name, new_name);
        }
    }

    /// One named type against its counterpart, at `<service> model <Type>`.
    fn type_pair(&mut self, old_name: &str, new_name: &str) {
        let (Some(old), Some(new)) = (self.old.find_type(old_name), self.new.find_type(new_name))
        else {
            return;
        };
        let at = format!("{} model {new_name}", self.new.name);
        let sides = self
            .old_sides
            .get(old_name)
            .copied()
            .unwrap_or_default()
            .union(self.new_sides.get(new_name).copied().unwrap_or_default());
        self.doc(&at, "doc", &old.doc, &new.doc);
        match (&old.kind, &new.kind) {
            (TypeKind::Struct { fields: o }, TypeKind::Struct { fields: n }) => {
                self.fields(&at, o, n, sides)
            }
            (
                TypeKind::Enum {
                    values: o,
                    default: old_default,
                },
                TypeKind::Enum {
                    values: n,
                    default: new_default,
                },
            ) => {
                self.enum_values(&at, o, n);
                let old_default = old_default.and_then(|i| o.get(i)).map(|v| v.wire.as_str());
                let new_default = new_default.and_then(|i| n.get(i)).map(|v| v.wire.as_str());
                let show =
                    |v: Option<&str>| v.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"));
                let description = format!("default {} → {}", show(old_default), show(new_default));
                match (old_default, new_default) {
                    (Some(_), None) => self.push(
                        Impact::Breaking,
                        &at,
                        format!("{description} (its `Default` impl goes)"),
                    ),
                    (Some(a), Some(b)) if a != b => {
                        self.breaking_if(sides.request, &at, description)
                    }
                    (None, Some(_)) => self.push(Impact::Compatible, &at, description),
                    _ => {}
                }
                if old.in_response != new.in_response {
                    self.push(
                        Impact::Breaking,
                        &at,
                        if new.in_response {
                            "now reachable from a response: keeps unknown values (gains `Unknown`, loses `Copy`)"
                        } else {
                            "no longer reachable from a response: loses `Unknown`, gains `Copy`"
                        },
                    );
                }
            }
            _ => self.push(
                Impact::Breaking,
                &at,
                format!("{old_name} changed between object and enum"),
            ),
        }
    }

    fn enum_values(&mut self, at: &str, old: &[EnumValue], new: &[EnumValue]) {
        let removed: Vec<&EnumValue> = old
            .iter()
            .filter(|v| !new.iter().any(|w| w.wire == v.wire))
            .collect();
        let added: Vec<&EnumValue> = new
            .iter()
            .filter(|v| !old.iter().any(|w| w.wire == v.wire))
            .collect();
        if !removed.is_empty() || !added.is_empty() {
            let mut description = "enum".to_owned();
            for value in &added {
                description.push_str(&format!(" + {:?}", value.wire));
            }
            for value in &removed {
                description.push_str(&format!(" − {:?}", value.wire));
            }
            // A removed value is a variant callers may name, on either side; an added one is
            // a new variant of a `#[non_exhaustive]` enum, and a response enum already turns
            // values it does not know into `Unknown` (see the module docs).
            self.breaking_if(!removed.is_empty(), at, description);
        }
        for value in new {
            if let Some(before) = old.iter().find(|v| v.wire == value.wire) {
                let what = format!("doc of value {:?}", value.wire);
                self.doc(at, &what, &before.doc, &value.doc);
            }
        }
    }

    fn fields(&mut self, at: &str, old: &[Field], new: &[Field], sides: Sides) {
        for field in old
            .iter()
            .filter(|f| !new.iter().any(|g| g.wire_name == f.wire_name))
        {
            self.push(
                Impact::Breaking,
                &format!("{at}.{}", field.wire_name),
                "field removed",
            );
        }
        for field in new {
            let field_at = format!("{at}.{}", field.wire_name);
            let Some(old_field) = old.iter().find(|f| f.wire_name == field.wire_name) else {
                if field.required {
                    self.breaking_if(sides.request, &field_at, "required field added");
                } else {
                    self.push(Impact::Compatible, &field_at, "optional field added");
                }
                continue;
            };
            // `T` against `Option<T>`, and the constructor's arguments: breaking on either
            // side (see the module docs).
            match (old_field.required, field.required) {
                (false, true) => self.push(Impact::Breaking, &field_at, "became required"),
                (true, false) => self.push(
                    Impact::Breaking,
                    &field_at,
                    if sides.response {
                        "became optional (no longer always present)"
                    } else {
                        "became optional"
                    },
                ),
                _ => {}
            }
            if old_field.default != field.default {
                self.push(
                    Impact::Compatible,
                    &field_at,
                    format!(
                        "default {} → {}",
                        show_json(&old_field.default),
                        show_json(&field.default)
                    ),
                );
            }
            self.doc(&field_at, "doc", &old_field.doc, &field.doc);
            self.shape(&field_at, &old_field.shape, &field.shape, sides);
        }
    }
}

/// From which side each named type of `service` is reachable.
fn sides_of_types(service: &Service) -> BTreeMap<String, Sides> {
    fn named(shape: &Shape, out: &mut Vec<String>) {
        match &shape.ty {
            TypeRef::Named(name) => out.push(name.clone()),
            TypeRef::Array(item) | TypeRef::Map(item) => named(item, out),
            _ => {}
        }
    }
    let mut request = Vec::new();
    let mut response = Vec::new();
    for op in &service.operations {
        for param in op
            .params
            .iter()
            .filter(|p| p.source != ParamSource::Managed)
        {
            named(&param.shape, &mut request);
        }
        if let Some(body) = &op.body {
            named(&body.shape, &mut request);
        }
        if let Output::Json(shape) = &op.output {
            named(shape, &mut response);
        }
        for shape in op.errors.iter().filter_map(|r| r.body.as_ref()) {
            named(shape, &mut response);
        }
        response.extend(op.error_type.clone());
    }
    let mut sides: BTreeMap<String, Sides> = BTreeMap::new();
    for (mut stack, side) in [(request, Sides::REQUEST), (response, Sides::RESPONSE)] {
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let entry = sides.entry(name.clone()).or_default();
            *entry = entry.union(side);
            if let Some(TypeDef {
                kind: TypeKind::Struct { fields },
                ..
            }) = service.find_type(&name)
            {
                for field in fields {
                    named(&field.shape, &mut stack);
                }
            }
        }
    }
    sides
}

/// The parts of an operation's printed examples the docs show.
fn printed_examples(op: &Operation) -> Vec<(String, Option<String>, Option<String>)> {
    let requests = op.examples.requests.iter().map(|r| {
        (
            r.title.clone().unwrap_or_default(),
            r.url.clone(),
            r.body.clone(),
        )
    });
    let responses = op
        .examples
        .responses
        .iter()
        .map(|r| (r.status.to_string(), r.description.clone(), r.body.clone()));
    requests.chain(responses).collect()
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

fn show_json(value: &Option<serde_json::Value>) -> String {
    value
        .as_ref()
        .map_or_else(|| "none".to_owned(), ToString::to_string)
}

fn lower_debug(value: &impl fmt::Debug) -> String {
    format!("{value:?}").to_lowercase()
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

/// The semver bump a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// No change: the version may stay.
    None,
    /// `x.y.Z`.
    Patch,
    /// `x.Y.0`.
    Minor,
    /// `X.0.0`.
    Major,
}

/// The version one service crate needs after the changes, against the one its new spec says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionCheck {
    /// Service name (`drs`).
    pub service: String,
    /// Crate name (`huaweicloud-sdk-drs`).
    pub package: String,
    /// The weightiest change, if any.
    pub impact: Option<Impact>,
    /// The old spec's `version`.
    pub old: Version,
    /// The lowest version the changes allow.
    pub required: Version,
    /// The new spec's `version`.
    pub new: Version,
}

impl VersionCheck {
    /// Whether the new spec's version is at least the required one.
    pub fn is_enough(&self) -> bool {
        self.new >= self.required
    }

    /// Why the bump is what it is: `breaking; minor before 1.0`.
    pub fn reason(&self) -> String {
        let before_one = self.old.major == 0;
        match self.impact {
            None => "no change".to_owned(),
            Some(Impact::Breaking) if before_one => "breaking; minor before 1.0".to_owned(),
            Some(Impact::Breaking) => "breaking; major".to_owned(),
            Some(Impact::Compatible) if before_one => "compatible; patch before 1.0".to_owned(),
            Some(Impact::Compatible) => "compatible; minor".to_owned(),
            Some(Impact::Doc) => "documentation only; patch".to_owned(),
        }
    }
}

impl fmt::Display for VersionCheck {
    /// `huaweicloud-sdk-drs: 0.1.0 → needs 0.2.0 (breaking; minor before 1.0); spec has 0.1.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.impact.is_none() {
            write!(
                f,
                "{}: {}, no change needs a new version",
                self.package, self.old
            )?;
        } else {
            write!(
                f,
                "{}: {} → needs {} ({})",
                self.package,
                self.old,
                self.required,
                self.reason()
            )?;
        }
        if self.new != self.old || self.impact.is_some() {
            let verdict = if self.is_enough() { "ok" } else { "too low" };
            write!(f, "; spec has {} ({verdict})", self.new)?;
        }
        Ok(())
    }
}

/// The bump an impact needs from `old`: breaking → major (minor before 1.0), compatible →
/// minor (patch before 1.0), documentation-only → patch.
pub fn bump_for(old: &Version, impact: Option<Impact>) -> Bump {
    let before_one = old.major == 0;
    match impact {
        None => Bump::None,
        Some(Impact::Breaking) if before_one => Bump::Minor,
        Some(Impact::Breaking) => Bump::Major,
        Some(Impact::Compatible) if before_one => Bump::Patch,
        Some(Impact::Compatible) => Bump::Minor,
        Some(Impact::Doc) => Bump::Patch,
    }
}

/// `old` bumped; a pre-release or build suffix is dropped.
pub fn bumped(old: &Version, bump: Bump) -> Version {
    match bump {
        Bump::None => old.clone(),
        Bump::Patch => Version::new(old.major, old.minor, old.patch + 1),
        Bump::Minor => Version::new(old.major, old.minor + 1, 0),
        Bump::Major => Version::new(old.major + 1, 0, 0),
    }
}

/// For each service in both versions, the version its changes require against the one the new
/// spec declares. `spec::check` has made sure every `version` is semver; one that is not (a
/// model built by hand) is left out.
pub fn required_versions(
    old: &[Service],
    new: &[Service],
    changes: &[ApiChange],
) -> Vec<VersionCheck> {
    let mut out = Vec::new();
    for new_service in new {
        let Some(old_service) = old.iter().find(|s| s.name == new_service.name) else {
            continue;
        };
        let (Ok(old_version), Ok(new_version)) = (
            Version::parse(&old_service.version),
            Version::parse(&new_service.version),
        ) else {
            continue;
        };
        let impact = changes
            .iter()
            .filter(|c| c.service == new_service.name)
            .map(|c| c.impact)
            .max();
        let required = bumped(&old_version, bump_for(&old_version, impact));
        out.push(VersionCheck {
            service: new_service.name.clone(),
            package: new_service.package.clone(),
            impact,
            old: old_version,
            required,
            new: new_version,
        });
    }
    out.sort_by(|a, b| a.service.cmp(&b.service));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_semver() {
        let bump = |old: &str, impact| {
            let old = Version::parse(old).unwrap();
            bumped(&old, bump_for(&old, impact)).to_string()
        };
        assert_eq!(bump("0.1.3", Some(Impact::Breaking)), "0.2.0");
        assert_eq!(bump("1.4.2", Some(Impact::Breaking)), "2.0.0");
        assert_eq!(bump("0.1.3", Some(Impact::Compatible)), "0.1.4");
        assert_eq!(bump("1.4.2", Some(Impact::Compatible)), "1.5.0");
        assert_eq!(bump("0.1.3", Some(Impact::Doc)), "0.1.4");
        assert_eq!(bump("1.4.2", Some(Impact::Doc)), "1.4.3");
        assert_eq!(bump("1.4.2-rc.1", Some(Impact::Doc)), "1.4.3");
        assert_eq!(bump("1.4.2", None), "1.4.2");
    }
}
