//! Model sharing: structurally identical types become one Rust type per service.
//!
//! Pages repeat the objects of their API (a volume, an attachment, a link, a metadata map), and
//! specs keep each page's tables as printed, so a service's operations define the same object
//! many times under different names. This pass, over the resolved service, keeps one:
//!
//! - Two named types are identical when everything their Rust code and wire form come from is
//!   equal: a struct's fields in order (wire and Rust names, types, required-ness,
//!   constraints, defaults, whether a header fills it), an enum's values, default and whether
//!   it keeps unknown values. A field naming another type counts as the same when the two types
//!   are themselves identical, so merging children can make parents identical; the pass
//!   repeats until nothing more merges. Docs are not compared.
//! - The canonical type of a group is the first in service order (the service file's models in
//!   file order, then each operation's types in file order), so the service file's models win,
//!   and it keeps its docs. It becomes a shared model, with every operation type it uses (a
//!   shared model cannot depend on one operation's module, which may sit in another crate).
//! - Every other name stays usable at its old path: its module re-exports the canonical type
//!   under that name (see `SharedName`). A re-export rather than a type alias, because the
//!   canonical type's own old path must name it under the same name, which only a `use` can,
//!   and because rustdoc then shows it as the one type it is. The shared models module names
//!   every merged type too, so a path that exists stays when a later page makes a shared
//!   model another's name: adding a page never removes a path.
//!
//! Every reference in the service is rewritten to the canonical names, and [`Merge`] records
//! which type from which spec file went where, for `specgen generate --report`.

use crate::fast_hash::{HashMap, HashSet};

use super::resolve::collect_named;
use super::{
    Constraints, EnumValue, Field, Merge, Number, Operation, Service, Shape, SharedName, TypeDef,
    TypeKind, TypeRef,
};

/// Where a type is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    /// The service file's models.
    Models,
    /// `service.operations[index].types`.
    Operation(usize),
}

/// Merges the structurally identical types of `service` (see the module docs).
pub(super) fn share_models(service: &mut Service) {
    let canonical = canonical_names(service);
    if canonical.iter().all(|(name, to)| name == to) {
        return;
    }
    let homes: HashMap<String, Home> = types_in_order(service)
        .map(|(home, def)| (def.name.clone(), home))
        .collect();
    let origin = |home: Home| match home {
        Home::Models => service.origin.clone(),
        Home::Operation(index) => service.operations[index].origin.clone(),
    };

    // The groups, in the order of their canonical types, each listing its other types in
    // service order.
    let mut merged_into: HashMap<&str, Vec<(String, String)>> = HashMap::default();
    for (home, def) in types_in_order(service) {
        let to = &canonical[&def.name];
        if *to != def.name {
            merged_into
                .entry(to.as_str())
                .or_default()
                .push((def.name.clone(), origin(home)));
        }
    }
    let merges: Vec<Merge> = types_in_order(service)
        .filter_map(|(home, def)| {
            let merged = merged_into.remove(def.name.as_str())?;
            Some(Merge {
                model: def.name.clone(),
                origin: origin(home),
                merged,
            })
        })
        .collect();

    rename_references(service, &canonical);

    // Operation types that become shared models: each canonical type of a group, and every
    // operation type one of them uses.
    let mut moving: HashSet<String> = merges
        .iter()
        .map(|merge| merge.model.clone())
        .filter(|name| homes[name] != Home::Models)
        .collect();
    let mut stack: Vec<String> = moving.iter().cloned().collect();
    while let Some(name) = stack.pop() {
        let Some(def) = service.find_type(&name) else {
            continue;
        };
        for child in named_children(def) {
            if homes.get(&child) != Some(&Home::Models) && moving.insert(child.clone()) {
                stack.push(child);
            }
        }
    }

    let merged = |name: &str| canonical.get(name).is_some_and(|to| to != name);
    let models = std::mem::take(&mut service.models);
    for def in models {
        if merged(&def.name) {
            service.shared_names.push(SharedName {
                model: canonical[&def.name].clone(),
                name: def.name,
            });
        } else {
            service.models.push(def);
        }
    }
    for op in &mut service.operations {
        for def in std::mem::take(&mut op.types) {
            if merged(&def.name) {
                let shared = SharedName {
                    model: canonical[&def.name].clone(),
                    name: def.name,
                };
                service.shared_names.push(shared.clone());
                op.shared_names.push(shared);
            } else if moving.contains(&def.name) {
                op.shared_names.push(SharedName {
                    name: def.name.clone(),
                    model: def.name.clone(),
                });
                service.models.push(def);
            } else {
                op.types.push(def);
            }
        }
    }
    service.merges = merges;
}

/// Every named type with where it is defined, in service order.
fn types_in_order(service: &Service) -> impl Iterator<Item = (Home, &TypeDef)> {
    let models = service.models.iter().map(|def| (Home::Models, def));
    let operations = service
        .operations
        .iter()
        .enumerate()
        .flat_map(|(index, op)| {
            op.types
                .iter()
                .map(move |def| (Home::Operation(index), def))
        });
    models.chain(operations)
}

/// Each type's name → the name of the first type in service order identical to it (itself
/// when there is none). Starting from every type on its own, each round groups the types
/// whose structure is equal once the names they use are replaced by their group's; groups
/// only grow, so the rounds stop, after at most as many as the deepest nesting.
///
/// Each type's structure is written out once, with holes where it names a type (see
/// [`skeleton`]); a round compares the interned bytes and the groups in the holes, so a
/// deeply nested API costs one skeleton per type, not one per type per round.
fn canonical_names(service: &Service) -> HashMap<String, String> {
    let types: Vec<&TypeDef> = types_in_order(service).map(|(_, def)| def).collect();
    let position: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(index, def)| (def.name.as_str(), index))
        .collect();
    let mut texts: HashMap<Vec<u8>, usize> = HashMap::default();
    // Writing the skeletons out is most of the work, and each type's is its own.
    let skeletons: Vec<(usize, Vec<Hole<'_>>)> = crate::parallel::map(&types, |def| skeleton(def))
        .into_iter()
        .map(|(text, names)| {
            let next_id = texts.len();
            let text_id = *texts.entry(text).or_insert(next_id);
            let holes = names
                .into_iter()
                .map(|name| match position.get(name) {
                    Some(&index) => Hole::Type(index),
                    None => Hole::Unknown(name),
                })
                .collect();
            (text_id, holes)
        })
        .collect();
    drop(texts);

    // `group[i]`: the position of the first type identical to the i-th.
    let mut group: Vec<usize> = (0..types.len()).collect();
    loop {
        let mut first_with: HashMap<(usize, Vec<Hole<'_>>), usize> =
            HashMap::with_capacity_and_hasher(types.len(), Default::default());
        let next: Vec<usize> = skeletons
            .iter()
            .enumerate()
            .map(|(index, (text_id, holes))| {
                let filled = holes.iter().map(|hole| hole.in_groups(&group)).collect();
                *first_with.entry((*text_id, filled)).or_insert(index)
            })
            .collect();
        if next == group {
            break;
        }
        group = next;
    }
    types
        .iter()
        .zip(&group)
        .map(|(def, &first)| (def.name.clone(), types[first].name.clone()))
        .collect()
}

/// What fills a hole of a type's skeleton: a type of the service by its position in service
/// order, or a name that is not one (kept as written, so it equals only itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Hole<'a> {
    Type(usize),
    Unknown(&'a str),
}

impl Hole<'_> {
    /// The hole filled with the group its type is in this round.
    fn in_groups(self, group: &[usize]) -> Self {
        match self {
            Hole::Type(index) => Hole::Type(group[index]),
            unknown => unknown,
        }
    }
}

/// What makes a type's Rust code and wire form, and nothing of its docs or name, written as
/// bytes with each type name it uses left out (a hole), and those names in the order of the
/// holes. Two types are identical when their bytes are equal and their holes name identical
/// types.
///
/// Every model struct is taken apart without `..`, so a property added to the model later
/// does not compile until it is written here or named as ignored: two types are never merged
/// for want of comparing something. Each value is written with its length or a tag first, so
/// equal bytes mean equal values and the holes sit in the same places.
fn skeleton(def: &TypeDef) -> (Vec<u8>, Vec<&str>) {
    let mut key = Key::default();
    let mut names = Vec::new();
    match &def.kind {
        TypeKind::Struct { fields } => {
            key.tag(b'S');
            key.len(fields.len());
            for field in fields {
                let Field {
                    wire_name,
                    rust_name,
                    shape,
                    required,
                    doc: _,
                    default,
                    from_header,
                } = field;
                key.text(wire_name);
                key.text(rust_name);
                key.shape(shape, &mut names);
                key.flag(*required);
                match default {
                    None => key.tag(0),
                    Some(value) => {
                        key.tag(1);
                        key.text(&value.to_string());
                    }
                }
                key.flag(*from_header);
            }
        }
        TypeKind::Enum { values, default } => {
            key.tag(b'E');
            // Whether it keeps unknown values changes the enum's code and behaviour.
            key.flag(def.in_response);
            key.len(values.len());
            for value in values {
                let EnumValue {
                    wire,
                    variant,
                    doc: _,
                } = value;
                key.text(wire);
                key.text(variant);
            }
            key.optional(default.map(|index| index as u64));
        }
    }
    (key.0, names)
}

/// The bytes of a [`skeleton`].
#[derive(Default)]
struct Key(Vec<u8>);

impl Key {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }

    fn flag(&mut self, flag: bool) {
        self.tag(u8::from(flag));
    }

    fn number(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn len(&mut self, len: usize) {
        self.number(len as u64);
    }

    fn text(&mut self, text: &str) {
        self.len(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn optional(&mut self, n: Option<u64>) {
        match n {
            None => self.tag(0),
            Some(n) => {
                self.tag(1);
                self.number(n);
            }
        }
    }

    fn bound(&mut self, bound: Option<Number>) {
        match bound {
            None => self.tag(0),
            Some(Number::Integer(n)) => {
                self.tag(1);
                self.number(n as u64);
            }
            Some(Number::Float(x)) => {
                self.tag(2);
                self.number(x.to_bits());
            }
        }
    }

    /// The shape, with each type name it uses pushed onto `names` in its hole's place.
    fn shape<'a>(&mut self, shape: &'a Shape, names: &mut Vec<&'a str>) {
        let Shape { ty, constraints } = shape;
        match ty {
            TypeRef::String => self.tag(b's'),
            TypeRef::I32 => self.tag(b'i'),
            TypeRef::I64 => self.tag(b'l'),
            TypeRef::F32 => self.tag(b'f'),
            TypeRef::F64 => self.tag(b'd'),
            TypeRef::Bool => self.tag(b'b'),
            TypeRef::Json => self.tag(b'j'),
            TypeRef::Bytes => self.tag(b'u'),
            TypeRef::Array(item) => {
                self.tag(b'a');
                self.shape(item, names);
            }
            TypeRef::Map(value) => {
                self.tag(b'm');
                self.shape(value, names);
            }
            TypeRef::Named(name) => {
                self.tag(b'n');
                names.push(name);
            }
        }
        let Constraints {
            min_length,
            max_length,
            minimum,
            maximum,
            min_items,
            max_items,
        } = constraints;
        self.optional(*min_length);
        self.optional(*max_length);
        self.bound(*minimum);
        self.bound(*maximum);
        self.optional(*min_items);
        self.optional(*max_items);
    }
}

/// Replaces the type names `shape` uses through `canonical`, in place (nearly every type of a
/// deeply nested API is renamed: rebuilding each shape would allocate it again).
fn rename_shape(shape: &mut Shape, canonical: &HashMap<String, String>) {
    match &mut shape.ty {
        TypeRef::Named(name) => {
            if let Some(to) = canonical.get(name.as_str()) {
                name.clone_from(to);
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) => rename_shape(inner, canonical),
        _ => {}
    }
}

/// Replaces every type name used anywhere in the service by its canonical name.
fn rename_references(service: &mut Service, canonical: &HashMap<String, String>) {
    let rename_name = |name: &mut String| {
        if let Some(to) = canonical.get(name.as_str()) {
            name.clone_from(to);
        }
    };
    let rename = |shape: &mut Shape| rename_shape(shape, canonical);
    let rename_types = |types: &mut Vec<TypeDef>| {
        for def in types {
            if let TypeKind::Struct { fields } = &mut def.kind {
                fields.iter_mut().for_each(|field| rename(&mut field.shape));
            }
        }
    };
    rename_types(&mut service.models);
    if let Some(error) = &mut service.error {
        rename_name(&mut error.type_name);
    }
    for op in &mut service.operations {
        rename_operation(op, &rename, &rename_name);
        rename_types(&mut op.types);
    }
}

fn rename_operation(
    op: &mut Operation,
    rename: &impl Fn(&mut Shape),
    rename_name: &impl Fn(&mut String),
) {
    op.params
        .iter_mut()
        .for_each(|param| rename(&mut param.shape));
    if let Some(body) = &mut op.body {
        rename(&mut body.shape);
    }
    for response in std::iter::once(&mut op.success).chain(&mut op.errors) {
        if let Some(body) = &mut response.body {
            rename(body);
        }
    }
    if let super::Output::Json(shape) = &mut op.output {
        rename(shape);
    }
    if let Some(name) = &mut op.error_type {
        rename_name(name);
    }
}

/// The names of the types a type's fields use.
fn named_children(def: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    if let TypeKind::Struct { fields } = &def.kind {
        for field in fields {
            collect_named(&field.shape, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{Constraints, EnumValue};
    use crate::spec::load::parse_text;
    use crate::spec::{ServiceFiles, SourceFile};

    const SERVICE: &str = "
name: t
title: T
crate: huaweicloud-sdk-t
version: 0.0.0
endpoint: https://t.{region}.example.com
auth: [token]
regions: [xx-1]
";

    /// The resolved service of a service file's `models` text and operation files, each
    /// `(id, text after the id)`; every operation is `POST /v1/<id>` answering 204 unless its
    /// text says otherwise.
    fn resolve(models: &str, operations: &[(&str, &str)]) -> Service {
        let service_text = format!("{SERVICE}{models}");
        let service = parse_text(
            Path::new("t/service.yaml"),
            "spec/t/service.yaml".into(),
            &service_text,
        )
        .unwrap();
        let operations = operations
            .iter()
            .map(|(id, text)| {
                let module = crate::model::names::snake_ident(id);
                let mut yaml = format!("id: {id}\ntitle: {id}\nmethod: POST\npath: /v1/{module}\n");
                yaml.push_str(text);
                if !text.contains("responses:") {
                    yaml.push_str("responses:\n  204: {description: No Content}\n");
                }
                let path = format!("t/operations/{module}.yaml");
                parse_text(Path::new(&path), format!("spec/{path}"), &yaml)
                    .unwrap_or_else(|error| panic!("{error}\n{yaml}"))
            })
            .collect::<Vec<SourceFile<_>>>();
        let files = ServiceFiles {
            service,
            operations,
            examples: Vec::new(),
        };
        let (service, _) =
            crate::model::resolve_service(&files).unwrap_or_else(|errors| panic!("{errors:#?}"));
        assert_every_name_stays(&service);
        service
    }

    /// Every name is defined once in its module (as a type or a re-export), and the shared
    /// models use only shared models.
    fn assert_every_name_stays(service: &Service) {
        let models: HashSet<&str> = service
            .models
            .iter()
            .map(|d| d.name.as_str())
            .chain(service.shared_names.iter().map(|s| s.name.as_str()))
            .collect();
        assert_eq!(
            models.len(),
            service.models.len() + service.shared_names.len()
        );
        for def in &service.models {
            for child in named_children(def) {
                assert!(
                    service.models.iter().any(|m| m.name == child),
                    "{} uses {child}",
                    def.name
                );
            }
        }
        for op in &service.operations {
            let own: HashSet<&str> = op
                .types
                .iter()
                .map(|d| d.name.as_str())
                .chain(op.shared_names.iter().map(|s| s.name.as_str()))
                .collect();
            assert_eq!(own.len(), op.types.len() + op.shared_names.len());
            for shared in &op.shared_names {
                assert!(service.models.iter().any(|m| m.name == shared.model));
            }
        }
    }

    fn model_names(service: &Service) -> Vec<&str> {
        service.models.iter().map(|d| d.name.as_str()).collect()
    }

    fn shared(service: &Service, op: usize) -> Vec<(&str, &str)> {
        service.operations[op]
            .shared_names
            .iter()
            .map(|s| (s.name.as_str(), s.model.as_str()))
            .collect()
    }

    fn body_field_type<'a>(service: &'a Service, op: usize, field: &str) -> &'a TypeRef {
        let Some(super::super::Body { shape, .. }) = &service.operations[op].body else {
            panic!("no body");
        };
        let TypeRef::Named(name) = &shape.ty else {
            panic!("body is not named");
        };
        let TypeKind::Struct { fields } = &service.find_type(name).unwrap().kind else {
            panic!("body is not a struct");
        };
        &fields
            .iter()
            .find(|f| f.wire_name == field)
            .unwrap()
            .shape
            .ty
    }

    fn link_body(doc: &str, link: &str) -> String {
        format!(
            "request:\n  body:\n    fields:\n      link:\n        doc: {doc}\n        fields:\n{link}"
        )
    }

    const LINK: &str = "          href: {type: string, required: true, max_length: 64}\n          rel: {type: string}\n";

    #[test]
    fn identical_types_become_the_first_ones_shared_model() {
        let service = resolve(
            "",
            &[
                ("GetA", &link_body("The first page's link.", LINK)),
                ("GetB", &link_body("Another page's words.", LINK)),
            ],
        );
        // The bodies are identical too, once their links are.
        assert_eq!(
            model_names(&service),
            ["GetARequestBodyLink", "GetARequestBody"]
        );
        assert_eq!(
            shared(&service, 0),
            [
                ("GetARequestBodyLink", "GetARequestBodyLink"),
                ("GetARequestBody", "GetARequestBody")
            ]
        );
        assert_eq!(
            shared(&service, 1),
            [
                ("GetBRequestBodyLink", "GetARequestBodyLink"),
                ("GetBRequestBody", "GetARequestBody")
            ]
        );
        assert!(service.operations.iter().all(|op| op.types.is_empty()));
        assert_eq!(
            service
                .find_type("GetARequestBodyLink")
                .unwrap()
                .doc
                .as_deref(),
            Some("The first page's link.")
        );
        assert_eq!(
            body_field_type(&service, 1, "link"),
            &TypeRef::Named("GetARequestBodyLink".into())
        );
        assert_eq!(
            service.merges,
            [
                Merge {
                    model: "GetARequestBodyLink".into(),
                    origin: "spec/t/operations/get_a.yaml".into(),
                    merged: vec![(
                        "GetBRequestBodyLink".into(),
                        "spec/t/operations/get_b.yaml".into()
                    )],
                },
                Merge {
                    model: "GetARequestBody".into(),
                    origin: "spec/t/operations/get_a.yaml".into(),
                    merged: vec![(
                        "GetBRequestBody".into(),
                        "spec/t/operations/get_b.yaml".into()
                    )],
                },
            ]
        );
    }

    #[test]
    fn a_constraint_keeps_types_apart() {
        let longer = LINK.replace("max_length: 64", "max_length: 65");
        let service = resolve(
            "",
            &[
                ("GetA", &link_body("A.", LINK)),
                ("GetB", &link_body("B.", &longer)),
            ],
        );
        assert!(service.merges.is_empty());
        assert!(service.models.is_empty());
        assert!(
            service
                .operations
                .iter()
                .all(|op| op.shared_names.is_empty())
        );
    }

    #[test]
    fn required_ness_keeps_types_apart() {
        let optional = LINK.replace("required: true, ", "");
        let service = resolve(
            "",
            &[
                ("GetA", &link_body("A.", LINK)),
                ("GetB", &link_body("B.", &optional)),
            ],
        );
        assert!(service.merges.is_empty());
    }

    #[test]
    fn defaults_and_field_order_keep_types_apart() {
        let defaulted = LINK.replace("rel: {type: string}", "rel: {type: string, default: self}");
        let reordered = LINK
            .lines()
            .rev()
            .map(|l| format!("{l}\n"))
            .collect::<String>();
        let service = resolve(
            "",
            &[
                ("GetA", &link_body("A.", LINK)),
                ("GetB", &link_body("B.", &defaulted)),
                ("GetC", &link_body("C.", &reordered)),
            ],
        );
        assert!(service.merges.is_empty());
    }

    #[test]
    fn merged_children_make_their_parents_identical() {
        let nested = |doc: &str| {
            format!(
                "request:\n  body:\n    fields:\n      volume:\n        doc: {doc}\n        fields:\n          \
                 id: {{type: string}}\n          links:\n            type: array\n            items:\n              \
                 fields:\n                href: {{type: string}}\n"
            )
        };
        let service = resolve("", &[("GetA", &nested("A.")), ("GetB", &nested("B."))]);
        assert_eq!(
            model_names(&service),
            [
                "GetARequestBodyVolumeLinks",
                "GetARequestBodyVolume",
                "GetARequestBody"
            ]
        );
        assert_eq!(
            shared(&service, 1),
            [
                ("GetBRequestBodyVolumeLinks", "GetARequestBodyVolumeLinks"),
                ("GetBRequestBodyVolume", "GetARequestBodyVolume"),
                ("GetBRequestBody", "GetARequestBody")
            ]
        );
    }

    #[test]
    fn a_shared_model_takes_the_operation_types_it_uses_along() {
        // Two identical objects of one operation use the operation's own model, which has no
        // twin: it becomes shared with them, as a shared model cannot use an operation's type.
        let text = "models:\n  Child:\n    fields:\n      v: {type: string}\nrequest:\n  body:\n    fields:\n      \
                    first:\n        fields:\n          c: {ref: Child}\n      second:\n        fields:\n          c: {ref: Child}\n";
        let service = resolve("", &[("GetA", text)]);
        assert_eq!(model_names(&service), ["Child", "GetARequestBodyFirst"]);
        assert_eq!(
            shared(&service, 0),
            [
                ("Child", "Child"),
                ("GetARequestBodyFirst", "GetARequestBodyFirst"),
                ("GetARequestBodySecond", "GetARequestBodyFirst")
            ]
        );
        assert_eq!(
            service.operations[0]
                .types
                .iter()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>(),
            ["GetARequestBody"]
        );
    }

    #[test]
    fn the_service_files_model_wins_and_the_choice_is_stable() {
        let models = "models:\n  Link:\n    doc: The service's link.\n    fields:\n      \
                      href: {type: string, required: true, max_length: 64}\n      rel: {type: string}\n";
        let operations = [
            ("GetA", link_body("A.", LINK)),
            ("GetB", link_body("B.", LINK)),
            ("GetC", link_body("C.", LINK)),
        ];
        let operations: Vec<(&str, &str)> = operations
            .iter()
            .map(|(id, text)| (*id, text.as_str()))
            .collect();
        let first = resolve(models, &operations);
        assert_eq!(first.merges[0].model, "Link");
        assert_eq!(first.merges[0].origin, "spec/t/service.yaml");
        assert_eq!(
            first.merges[0]
                .merged
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>(),
            [
                "GetARequestBodyLink",
                "GetBRequestBodyLink",
                "GetCRequestBodyLink"
            ]
        );
        assert_eq!(shared(&first, 0)[0], ("GetARequestBodyLink", "Link"));
        for _ in 0..5 {
            assert_eq!(resolve(models, &operations).merges, first.merges);
        }
    }

    #[test]
    fn service_models_merged_into_another_keep_their_name_in_the_models() {
        let models = "models:\n  Rollback:\n    fields:\n      id: {type: string}\n  \
                      Transfer:\n    fields:\n      id: {type: string}\n";
        let service = resolve(models, &[]);
        assert_eq!(model_names(&service), ["Rollback"]);
        assert_eq!(
            service.shared_names,
            [SharedName {
                name: "Transfer".into(),
                model: "Rollback".into()
            }]
        );
    }

    #[test]
    fn names_stay_apart_where_types_differ_only_in_name() {
        // Same fields under a wire name that differs: `a_b` and `a-b` are both `a_b` in Rust,
        // but not on the wire.
        let service = resolve(
            "",
            &[
                ("GetA", &link_body("A.", "          a_b: {type: string}\n")),
                ("GetB", &link_body("B.", "          a-b: {type: string}\n")),
            ],
        );
        assert!(service.merges.is_empty());
    }

    #[test]
    fn request_and_response_enums_stay_apart() {
        // The same values, but a response enum keeps unknown values and a request enum refuses
        // them: two different types.
        let request =
            "request:\n  body:\n    fields:\n      state: {type: string, enum: [on, off]}\n";
        let response = "responses:\n  200:\n    description: OK\n    body:\n      fields:\n        \
                        state: {type: string, enum: [on, off]}\n";
        let service = resolve(
            "",
            &[
                ("GetA", request),
                ("GetB", request),
                ("GetC", response),
                ("GetD", response),
            ],
        );
        let merged: Vec<(&str, Vec<&str>)> = service
            .merges
            .iter()
            .map(|m| {
                (
                    m.model.as_str(),
                    m.merged.iter().map(|(name, _)| name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            merged,
            [
                ("GetARequestBodyState", vec!["GetBRequestBodyState"]),
                ("GetARequestBody", vec!["GetBRequestBody"]),
                ("GetCResponseState", vec!["GetDResponseState"]),
                ("GetCResponse", vec!["GetDResponse"]),
            ]
        );
        let open = |name: &str| service.find_type(name).unwrap().in_response;
        assert!(!open("GetARequestBodyState"));
        assert!(open("GetCResponseState"));
    }

    /// `shape` with the type names it uses replaced through `canonical`.
    fn renamed(shape: &Shape, canonical: &HashMap<String, String>) -> Shape {
        let ty = match &shape.ty {
            TypeRef::Named(name) => TypeRef::Named(canonical.get(name).unwrap_or(name).clone()),
            TypeRef::Array(item) => TypeRef::Array(Box::new(renamed(item, canonical))),
            TypeRef::Map(value) => TypeRef::Map(Box::new(renamed(value, canonical))),
            other => other.clone(),
        };
        Shape {
            ty,
            constraints: shape.constraints.clone(),
        }
    }

    /// The grouping as it was first written: every type's whole structure, names replaced by
    /// their group's, written out again each round. Slow on deep nesting, plainly right.
    fn canonical_names_by_text(service: &Service) -> HashMap<String, String> {
        let structure = |def: &TypeDef, canonical: &HashMap<String, String>| match &def.kind {
            TypeKind::Struct { fields } => {
                let fields: Vec<Field> = fields
                    .iter()
                    .map(|field| Field {
                        doc: None,
                        shape: renamed(&field.shape, canonical),
                        ..field.clone()
                    })
                    .collect();
                format!("struct {fields:?}")
            }
            TypeKind::Enum { values, default } => {
                let values: Vec<_> = values
                    .iter()
                    .map(|value| (&value.wire, &value.variant))
                    .collect();
                format!(
                    "enum open={} {values:?} default={default:?}",
                    def.in_response
                )
            }
        };
        let mut canonical: HashMap<String, String> = types_in_order(service)
            .map(|(_, def)| (def.name.clone(), def.name.clone()))
            .collect();
        loop {
            let mut first_with: HashMap<String, String> = HashMap::default();
            let mut next = HashMap::default();
            for (_, def) in types_in_order(service) {
                let first = first_with
                    .entry(structure(def, &canonical))
                    .or_insert_with(|| def.name.clone());
                next.insert(def.name.clone(), first.clone());
            }
            if next == canonical {
                return canonical;
            }
            canonical = next;
        }
    }

    /// A random family of types over small pools of names and constraints, so that many are
    /// identical, some only once their children are: each type uses only later ones (and now
    /// and then a name that is no type), as resolved specs do.
    fn random_types() -> impl proptest::strategy::Strategy<Value = Vec<TypeDef>> {
        use proptest::prelude::*;
        let shape = |count: usize, index: usize| {
            let later = (index + 1..count.max(index + 2)).prop_map(|j| format!("T{j}"));
            let named = prop_oneof![
                4 => later.clone(),
                1 => Just("Ghost".to_string()),
            ];
            (
                prop_oneof![
                    4 => Just(TypeRef::String),
                    1 => Just(TypeRef::I32),
                    1 => Just(TypeRef::F64),
                    1 => Just(TypeRef::Json),
                    1 => Just(TypeRef::Bytes),
                    4 => named.clone().prop_map(TypeRef::Named),
                    2 => named
                        .clone()
                        .prop_map(|name| TypeRef::Array(Box::new(Shape {
                            ty: TypeRef::Named(name),
                            constraints: Constraints::default(),
                        }))),
                    2 => named.prop_map(|name| TypeRef::Map(Box::new(Shape {
                        ty: TypeRef::Named(name),
                        constraints: Constraints::default(),
                    }))),
                ],
                prop::option::weighted(0.2, 1u64..3),
                // Bounds equal as numbers but written apart stay apart.
                prop::option::weighted(
                    0.3,
                    prop::sample::select(vec![
                        Number::Integer(0),
                        Number::Float(0.0),
                        Number::Float(-0.0),
                    ]),
                ),
                prop::option::weighted(0.2, 0u64..2),
            )
                .prop_map(|(ty, max_length, minimum, min_items)| Shape {
                    ty,
                    constraints: Constraints {
                        max_length,
                        minimum,
                        min_items,
                        ..Constraints::default()
                    },
                })
        };
        (1usize..24).prop_flat_map(move |count| {
            let defs: Vec<_> = (0..count)
                .map(|index| {
                    let field = (
                        prop::sample::select(vec!["a", "b"]),
                        prop::sample::select(vec!["a", "b"]),
                        shape(count, index),
                        any::<bool>(),
                        prop::option::weighted(
                            0.2,
                            prop::sample::select(vec![
                                serde_json::json!(1),
                                serde_json::json!("1"),
                                serde_json::json!(1.0),
                            ]),
                        ),
                        prop::bool::weighted(0.2),
                    )
                        .prop_map(
                            |(wire_name, rust_name, shape, required, default, from_header)| Field {
                                wire_name: wire_name.into(),
                                rust_name: rust_name.into(),
                                shape,
                                required,
                                doc: Some(format!("docs never count {wire_name}")),
                                default,
                                from_header,
                            },
                        );
                    let strukt = prop::collection::vec(field, 0..3)
                        .prop_map(|fields| TypeKind::Struct { fields });
                    let value = prop::sample::select(vec!["x", "y"]).prop_map(|wire| EnumValue {
                        wire: wire.into(),
                        variant: wire.to_uppercase(),
                        doc: None,
                    });
                    let enumeration = (
                        prop::collection::vec(value, 1..3),
                        prop::option::of(0usize..1),
                    )
                        .prop_map(|(values, default)| TypeKind::Enum { values, default });
                    (prop_oneof![3 => strukt, 1 => enumeration], any::<bool>()).prop_map(
                        move |(kind, in_response)| TypeDef {
                            name: format!("T{index}"),
                            doc: None,
                            kind,
                            in_response,
                            needs_validation: false,
                            sent_as_text: false,
                            plain_error_body: false,
                        },
                    )
                })
                .collect();
            defs
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// The interned grouping finds exactly the groups the text of every round finds.
        #[test]
        fn grouping_by_skeleton_agrees_with_grouping_by_text(types in random_types()) {
            let mut service = resolve("", &[]);
            // The first types in service order are the service file's, the rest an
            // operation's, so both homes take part.
            let split = types.len() / 2;
            service.models = types[..split].to_vec();
            service.operations = vec![];
            let mut op = resolve("", &[("GetA", "")]).operations.remove(0);
            op.types = types[split..].to_vec();
            service.operations.push(op);
            proptest::prop_assert_eq!(canonical_names(&service), canonical_names_by_text(&service));
        }
    }
}
