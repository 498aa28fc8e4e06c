//! Several operations on one method and path, written as one OpenAPI operation.
//!
//! OpenAPI has one operation per method and path, and one path for templates that differ only
//! in their parameters' names. An OpenStack-style `.../action` endpoint has one operation per
//! action, told apart by the body's top-level key (`os-extend`, `os-reserve`), and tag add and
//! delete pages share a path, told apart by an `action` field. They stay separate Rust
//! operations; the export writes each such group (its members, exported one by one with the
//! path item's parameter names) as one operation:
//!
//! - `operationId`: the members' ids joined with `Or`, in spec order
//!   (`ExtendLampOrReserveLamp`); the caller checks it is no operation's id.
//! - `summary`: the titles joined with ` / `; `description`: the members (id and title), then
//!   each one's description. `deprecated` only when every member is.
//! - `parameters`: the union by name and place, in order of first appearance; required only
//!   where every member requires it (path parameters always). A parameter two members declare
//!   with different schemas (or styles) is an error naming both files, except two plain string
//!   enums (fixed query values), whose values unite. Different descriptions are each kept,
//!   after the ids of the members that give them.
//! - `requestBody`: a `oneOf` of `$ref`s to the members' body schemas (a body that is not a
//!   `$ref` becomes the component `{Id}RequestBody`); one `$ref` when they share it;
//!   `required` only when every member sends a body.
//! - `responses`: every member's statuses, ascending; per status and media type, the single
//!   schema when the members' schemas are identical, else a `oneOf` of them; headers likewise;
//!   descriptions as for parameters.
//! - Examples are all kept, keyed `{Id}-{key}`.
//! - `x-specgen-operations`: per member its id, title, path as written, page, body schema,
//!   fixed query values and statuses, so that a reader can split the operation again.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::{markdown, object};
use crate::diagnostics::{Code, Diagnostics};
use crate::markdown::code_span;
use crate::model::Operation;

/// One operation of a group, as exported on its own.
pub(super) struct Member<'a> {
    pub op: &'a Operation,
    pub exported: Value,
}

/// Schemas the merge adds under `components.schemas`, and the names already taken there.
pub(super) struct Components {
    taken: HashSet<String>,
    added: Map<String, Value>,
}

impl Components {
    /// Nothing added yet; `taken` are the names the model's types already have.
    pub(super) fn new<'a>(taken: impl Iterator<Item = &'a str>) -> Self {
        Components {
            taken: taken.map(str::to_owned).collect(),
            added: Map::new(),
        }
    }

    /// `schema` itself when it is a plain `$ref`, else a `$ref` to a new component named
    /// `name` (followed by the first free number when `name` is taken).
    fn reference(&mut self, name: &str, schema: Value) -> Value {
        let plain_ref = schema
            .as_object()
            .is_some_and(|s| s.len() == 1 && s.contains_key("$ref"));
        if plain_ref {
            return schema;
        }
        let mut unique = name.to_owned();
        let mut number = 2;
        while self.taken.contains(&unique) {
            unique = format!("{name}{number}");
            number += 1;
        }
        self.taken.insert(unique.clone());
        self.added.insert(unique.clone(), schema);
        json!({ "$ref": format!("#/components/schemas/{unique}") })
    }

    /// The added schemas, in the order they were added.
    pub(super) fn into_schemas(self) -> Map<String, Value> {
        self.added
    }
}

/// The members (two or more, on `method` at `template`) as one OpenAPI operation.
pub(super) fn operation(
    members: &[Member],
    method: &str,
    template: &str,
    components: &mut Components,
) -> Result<Value, Diagnostics> {
    let id: Vec<&str> = members.iter().map(|m| m.op.id.as_str()).collect();
    let summary: Vec<&str> = members.iter().map(|m| m.op.title.as_str()).collect();
    let parameters = parameters(members, method, template)?;
    let (body, body_refs) = request_body(members, components);
    let entries = members.iter().zip(body_refs).map(|(member, body_ref)| {
        let op = member.op;
        let fixed: Map<String, Value> = op
            .fixed_query
            .iter()
            .map(|(name, value)| (name.clone(), json!(value)))
            .collect();
        // Each status with the member's own schema per media type (null without a body), so a
        // reader can tell which answer belongs to which operation, and examples of one member
        // are checked against its own schema (`tests/openapi/check.py`).
        let statuses = member.exported["responses"].as_object().map(|responses| {
            responses
                .iter()
                .map(|(status, response)| {
                    let schemas: Map<String, Value> = response["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(media, content)| (media.clone(), content["schema"].clone()))
                        .collect();
                    (status.clone(), Value::Object(schemas))
                })
                .collect::<Map<String, Value>>()
        });
        object([
            ("operationId", Some(json!(op.id))),
            ("summary", Some(json!(op.title))),
            ("path", Some(json!(op.path_template))),
            (
                "externalDocs",
                op.doc_url.as_deref().map(super::external_docs),
            ),
            ("deprecated", op.deprecated.is_some().then(|| json!(true))),
            ("requestBody", body_ref.map(Value::String)),
            (
                "fixedQuery",
                (!fixed.is_empty()).then_some(Value::Object(fixed)),
            ),
            ("responses", statuses.map(Value::Object)),
        ])
    });
    let deprecated = members.iter().all(|m| m.op.deprecated.is_some());
    Ok(object([
        ("operationId", Some(json!(merged_id(&id)))),
        ("summary", Some(json!(summary.join(" / ")))),
        ("deprecated", deprecated.then(|| json!(true))),
        ("description", Some(json!(description(members)))),
        (
            "parameters",
            (!parameters.is_empty()).then(|| Value::Array(parameters)),
        ),
        ("requestBody", body),
        ("responses", Some(responses(members))),
        ("x-specgen-operations", Some(entries.collect())),
    ]))
}

/// The members (id and title), then each one's own description.
fn description(members: &[Member]) -> String {
    let list: Vec<String> = members
        .iter()
        .map(|m| format!("- {}: {}", code_span(&m.op.id), markdown(&m.op.title)))
        .collect();
    let mut parts = vec![
        "Several operations share this method and path, most often told apart by their \
         request body (`x-specgen-operations` lists each one):"
            .to_owned(),
        list.join("\n"),
    ];
    for member in members {
        if let Some(text) = member.exported["description"].as_str() {
            parts.push(format!("{}:\n\n{text}", code_span(&member.op.id)));
        }
    }
    parts.join("\n\n")
}

/// A parameter as the members declare it.
struct UnitedParam<'a> {
    param: Value,
    /// The first member that declares it.
    first: &'a Operation,
    /// How many members declare it, and whether every one of them requires it.
    declared: usize,
    required: bool,
    descriptions: Vec<(&'a str, Option<String>)>,
}

fn parameters(members: &[Member], method: &str, template: &str) -> Result<Vec<Value>, Diagnostics> {
    let mut united: Vec<UnitedParam> = Vec::new();
    for member in members {
        let declared = member.exported["parameters"].as_array();
        for param in declared.into_iter().flatten() {
            let required = param["required"] == json!(true);
            let doc = param["description"].as_str().map(str::to_owned);
            let same = united
                .iter_mut()
                .find(|u| u.param["name"] == param["name"] && u.param["in"] == param["in"]);
            let Some(same) = same else {
                united.push(UnitedParam {
                    param: param.clone(),
                    first: member.op,
                    declared: 1,
                    required,
                    descriptions: vec![(&member.op.id, doc)],
                });
                continue;
            };
            let schema = united_schema(&same.param, param).ok_or_else(|| {
                let place = param["in"].as_str().unwrap_or_default();
                let name = param["name"].as_str().unwrap_or_default();
                Diagnostics(vec![member.op.source.error(
                    Code::OpenApiPathConflict,
                    "params",
                    format!(
                        "the {place} parameter `{name}` differs from the one of `{}` ({}): OpenAPI writes both operations as one on `{method} {template}`, with one declaration of each parameter",
                        same.first.id,
                        same.first.source.path().display()
                    ),
                )])
            })?;
            same.param["schema"] = schema;
            same.declared += 1;
            same.required &= required;
            same.descriptions.push((&member.op.id, doc));
        }
    }
    Ok(united
        .into_iter()
        .map(|u| {
            let required =
                u.param["in"] == json!("path") || (u.required && u.declared == members.len());
            let kept = |key: &str| u.param.get(key).cloned();
            // The keys of `Exporter::parameter`, in its order.
            object([
                ("name", kept("name")),
                ("in", kept("in")),
                (
                    "description",
                    merged_text(&u.descriptions).map(Value::String),
                ),
                ("required", required.then(|| json!(true))),
                ("style", kept("style")),
                ("explode", kept("explode")),
                ("schema", kept("schema")),
            ])
        })
        .collect())
}

/// The schema of two declarations of one parameter: theirs when they agree, the union of two
/// plain string enums, else none (they conflict). Style and explode must agree too.
fn united_schema(first: &Value, second: &Value) -> Option<Value> {
    for key in ["style", "explode"] {
        if first.get(key) != second.get(key) {
            return None;
        }
    }
    let (a, b) = (&first["schema"], &second["schema"]);
    if a == b {
        return Some(a.clone());
    }
    let values = |schema: &Value| -> Option<Vec<Value>> {
        let map = schema.as_object()?;
        let plain = map.len() == 2 && map.get("type") == Some(&json!("string"));
        plain.then(|| map.get("enum")?.as_array().cloned())?
    };
    let mut united = values(a)?;
    for value in values(b)? {
        if !united.contains(&value) {
            united.push(value);
        }
    }
    Some(json!({ "type": "string", "enum": united }))
}

/// The members' bodies as one, and each member's body schema `$ref` (none without a body).
fn request_body(
    members: &[Member],
    components: &mut Components,
) -> (Option<Value>, Vec<Option<String>>) {
    let mut branches = Vec::new();
    let mut refs = Vec::new();
    let mut descriptions = Vec::new();
    let mut examples = Map::new();
    let mut every_one_required = true;
    for member in members {
        let Some(body) = member.exported.get("requestBody") else {
            every_one_required = false;
            refs.push(None);
            continue;
        };
        let id = &member.op.id;
        let content = &body["content"]["application/json"];
        let reference =
            components.reference(&format!("{id}RequestBody"), content["schema"].clone());
        refs.push(reference["$ref"].as_str().map(str::to_owned));
        if !branches.contains(&reference) {
            branches.push(reference);
        }
        every_one_required &= body["required"] == json!(true);
        descriptions.push((id.as_str(), body["description"].as_str().map(str::to_owned)));
        add_examples(&mut examples, id, content);
    }
    if branches.is_empty() {
        return (None, refs);
    }
    let body = object([
        ("description", merged_text(&descriptions).map(Value::String)),
        ("required", every_one_required.then(|| json!(true))),
        (
            "content",
            Some(json!({ "application/json": media_type(branches, examples) })),
        ),
    ]);
    (Some(body), refs)
}

/// Every member's statuses, ascending, each merged from the members that document it.
fn responses(members: &[Member]) -> Value {
    let mut statuses: Vec<&String> = Vec::new();
    for member in members {
        for status in member.exported["responses"]
            .as_object()
            .into_iter()
            .flat_map(Map::keys)
        {
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
    }
    statuses.sort_by_key(|status| status.parse::<u16>().ok());
    let mut merged = statuses
        .into_iter()
        .map(|status| {
            let answers: Vec<(&str, &Value)> = members
                .iter()
                .filter_map(|m| Some((m.op.id.as_str(), m.exported["responses"].get(status)?)))
                .collect();
            (status.clone(), response(&answers))
        })
        .collect::<Map<_, _>>();
    one_success_schema(&mut merged);
    merged.into()
}

/// The longest joined id: generators turn ids into method names, and progenitor 0.15.1 writes
/// broken code for a name of a few hundred characters (eight EVS `.../action` pages joined).
const MAX_JOINED_ID: usize = 64;

/// The members' ids joined with `Or` (`ExtendLampOrReserveLamp`); past [`MAX_JOINED_ID`]
/// characters, the first id and how many others (`CinderAttachVolumeOr7More`).
pub(super) fn merged_id(ids: &[&str]) -> String {
    let joined = ids.join("Or");
    match ids {
        [first, rest @ ..] if joined.len() > MAX_JOINED_ID => {
            format!("{first}Or{}More", rest.len())
        }
        _ => joined,
    }
}

/// Where the members succeed with bodies on different 2xx statuses (one `.../action` answers
/// 200, another 202), every such status gets the `oneOf` of all of them: the caller gets
/// "the success answer of the member it called" whichever 2xx it is, and readers that give an
/// operation one success type (progenitor asserts it) can read the group. Each member's own
/// answers stay in `x-specgen-operations`.
fn one_success_schema(responses: &mut Map<String, Value>) {
    let success: Vec<String> = responses
        .iter()
        .filter(|(status, answer)| status.starts_with('2') && answer.get("content").is_some())
        .map(|(status, _)| status.clone())
        .collect();
    if success.len() < 2 {
        return;
    }
    let mut union: Vec<(String, Vec<Value>)> = Vec::new();
    for status in &success {
        for (media, body) in responses[status]["content"]
            .as_object()
            .into_iter()
            .flatten()
        {
            let schemas = entry(&mut union, media, Vec::new);
            match body["schema"]["oneOf"].as_array() {
                Some(several) => several.iter().for_each(|s| push_new(schemas, s)),
                None => push_new(schemas, &body["schema"]),
            }
        }
    }
    for status in &success {
        for (media, schemas) in &union {
            if let Some(body) = responses[status]["content"].get_mut(media) {
                body["schema"] = one_of(schemas.clone());
            }
        }
    }
}

/// One status's responses of several members as one.
fn response(answers: &[(&str, &Value)]) -> Value {
    let descriptions: Vec<(&str, Option<String>)> = answers
        .iter()
        .map(|(id, answer)| (*id, answer["description"].as_str().map(str::to_owned)))
        .collect();
    // Per header and per media type: the members' schemas (and a header's descriptions).
    type Texts<'a> = Vec<(&'a str, Option<String>)>;
    // Per media type: the members' schemas and examples.
    type Bodies = (Vec<Value>, Map<String, Value>);
    let mut headers: Vec<(String, (Vec<Value>, Texts))> = Vec::new();
    let mut content: Vec<(String, Bodies)> = Vec::new();
    for (id, answer) in answers {
        for (name, header) in answer["headers"].as_object().into_iter().flatten() {
            let (schemas, docs) = entry(&mut headers, name, Default::default);
            push_new(schemas, &header["schema"]);
            docs.push((*id, header["description"].as_str().map(str::to_owned)));
        }
        for (media, body) in answer["content"].as_object().into_iter().flatten() {
            let (schemas, examples) = entry(&mut content, media, Default::default);
            push_new(schemas, &body["schema"]);
            add_examples(examples, id, body);
        }
    }
    let headers: Map<String, Value> = headers
        .into_iter()
        .map(|(name, (schemas, docs))| {
            let header = object([
                ("description", merged_text(&docs).map(Value::String)),
                ("schema", Some(one_of(schemas))),
            ]);
            (name, header)
        })
        .collect();
    let content: Map<String, Value> = content
        .into_iter()
        .map(|(media, (schemas, examples))| (media, media_type(schemas, examples)))
        .collect();
    object([
        (
            "description",
            Some(json!(merged_text(&descriptions).unwrap_or_default())),
        ),
        (
            "headers",
            (!headers.is_empty()).then_some(Value::Object(headers)),
        ),
        (
            "content",
            (!content.is_empty()).then_some(Value::Object(content)),
        ),
    ])
}

/// The value of the entry named `name`, added by `new` when there is none.
fn entry<'v, T>(
    entries: &'v mut Vec<(String, T)>,
    name: &str,
    new: impl FnOnce() -> T,
) -> &'v mut T {
    let index = match entries.iter().position(|(n, _)| n == name) {
        Some(index) => index,
        None => {
            entries.push((name.to_owned(), new()));
            entries.len() - 1
        }
    };
    &mut entries[index].1
}

/// A media type object: the one schema, or a `oneOf` of several, with the examples.
fn media_type(schemas: Vec<Value>, examples: Map<String, Value>) -> Value {
    object([
        ("schema", Some(one_of(schemas))),
        (
            "examples",
            (!examples.is_empty()).then_some(Value::Object(examples)),
        ),
    ])
}

/// The one schema, or a `oneOf` of several different ones.
fn one_of(mut schemas: Vec<Value>) -> Value {
    match schemas.len() {
        1 => schemas.remove(0),
        _ => json!({ "oneOf": schemas }),
    }
}

fn push_new(values: &mut Vec<Value>, value: &Value) {
    if !values.contains(value) {
        values.push(value.clone());
    }
}

/// The examples of a member's media type object, keyed `{Id}-{key}`.
fn add_examples(examples: &mut Map<String, Value>, id: &str, media_type: &Value) {
    for (key, example) in media_type["examples"].as_object().into_iter().flatten() {
        examples.insert(format!("{id}-{key}"), example.clone());
    }
}

/// One text where the members that give one all give the same, else each different text after
/// the ids of the members that give it.
fn merged_text(texts: &[(&str, Option<String>)]) -> Option<String> {
    let mut distinct: Vec<(&str, Vec<&str>)> = Vec::new();
    for (id, text) in texts {
        let Some(text) = text else { continue };
        match distinct.iter_mut().find(|(t, _)| t == text) {
            Some((_, ids)) => ids.push(id),
            None => distinct.push((text, vec![id])),
        }
    }
    match distinct.as_slice() {
        [] => None,
        [(text, _)] => Some((*text).to_owned()),
        _ => Some(
            distinct
                .iter()
                .map(|(text, ids)| {
                    let ids: Vec<String> = ids.iter().map(|id| code_span(id)).collect();
                    format!("{}: {text}", ids.join(", "))
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_joined_ids_name_the_first_and_count_the_others() {
        assert_eq!(
            merged_id(&["ExtendLamp", "ReserveLamp"]),
            "ExtendLampOrReserveLamp"
        );
        let many = [
            "CinderAttachVolume",
            "CinderDetachVolume",
            "CinderExtendVolume",
            "CinderReserveVolume",
        ];
        assert_eq!(merged_id(&many), "CinderAttachVolumeOr3More");
    }

    #[test]
    fn bodies_on_different_success_statuses_share_one_schema() {
        let body = |name: &str| json!({ "content": { "application/json": { "schema": { "$ref": name } } } });
        let mut responses: Map<String, Value> = [
            ("200".to_owned(), body("#/A")),
            ("202".to_owned(), json!({ "content": { "application/json": { "schema": { "oneOf": [{ "$ref": "#/B" }, { "$ref": "#/A" }] } } } })),
            ("204".to_owned(), json!({ "description": "" })),
            ("400".to_owned(), body("#/E")),
        ]
        .into_iter()
        .collect();
        one_success_schema(&mut responses);
        let schema =
            |status: &str| responses[status]["content"]["application/json"]["schema"].clone();
        let union = json!({ "oneOf": [{ "$ref": "#/A" }, { "$ref": "#/B" }] });
        assert_eq!(schema("200"), union);
        assert_eq!(schema("202"), union);
        assert_eq!(
            responses["204"].get("content"),
            None,
            "a status without a body keeps none"
        );
        assert_eq!(
            schema("400"),
            json!({ "$ref": "#/E" }),
            "errors are not success answers"
        );

        let mut one: Map<String, Value> = [("200".to_owned(), body("#/A"))].into_iter().collect();
        let before = one.clone();
        one_success_schema(&mut one);
        assert_eq!(one, before, "a single success status is left as it is");
    }

    #[test]
    fn a_body_that_is_not_a_ref_becomes_a_component_with_a_free_name() {
        let mut components = Components::new(["ARequestBody"].into_iter());
        let reference = json!({ "$ref": "#/components/schemas/Shared" });
        assert_eq!(components.reference("X", reference.clone()), reference);
        let array = json!({ "type": "array", "items": { "type": "string" } });
        assert_eq!(
            components.reference("ARequestBody", array.clone()),
            json!({ "$ref": "#/components/schemas/ARequestBody2" })
        );
        let added = components.into_schemas();
        assert_eq!(added.keys().collect::<Vec<_>>(), ["ARequestBody2"]);
        assert_eq!(added["ARequestBody2"], array);
    }

    #[test]
    fn texts_are_one_when_they_agree_and_attributed_when_not() {
        let same = [
            ("A", Some("Done.".to_owned())),
            ("B", Some("Done.".to_owned())),
        ];
        assert_eq!(merged_text(&same).as_deref(), Some("Done."));
        let differ = [
            ("A", Some("One.".to_owned())),
            ("B", None),
            ("C", Some("Two.".to_owned())),
            ("D", Some("One.".to_owned())),
        ];
        assert_eq!(
            merged_text(&differ).as_deref(),
            Some("`A`, `D`: One.\n\n`C`: Two.")
        );
        assert_eq!(merged_text(&[("A", None)]), None);
    }

    #[test]
    fn only_plain_string_enums_unite() {
        let param = |schema: Value| json!({ "name": "k", "in": "query", "schema": schema });
        let a = param(json!({ "type": "string", "enum": ["a"] }));
        let b = param(json!({ "type": "string", "enum": ["b", "a"] }));
        assert_eq!(
            united_schema(&a, &b),
            Some(json!({ "type": "string", "enum": ["a", "b"] }))
        );
        assert_eq!(united_schema(&a, &a), Some(a["schema"].clone()));
        let text = param(json!({ "type": "string" }));
        assert_eq!(united_schema(&a, &text), None);
        let mut exploded = a.clone();
        exploded["explode"] = json!(false);
        assert_eq!(united_schema(&a, &exploded), None, "styles must agree");
    }
}
