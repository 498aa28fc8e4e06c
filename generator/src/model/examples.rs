//! The page's examples, checked against the resolved types: an example that does not fit its
//! own schema is either a spec mistake or a quirk of the page worth knowing about.
//!
//! Bodies that break their schema are errors, unless the spec lists the place under the
//! example's `discrepancies` (the page contradicts itself and the spec keeps it as printed):
//! then it is a warning. A listed discrepancy that is not there is an error, so the list stays
//! true. A request URL that does not match the path template is a warning, because pages print
//! such URLs (the seed page omits `/collect`) and the spec keeps them as printed.

use serde_json::Value;

use super::{Operation, Output, ParamLocation, Service, Shape, TypeKind, TypeRef};
use crate::diagnostics::{Code, Diagnostic, DiagnosticKind};
use crate::spec::SourceFile;
use crate::spec::location::{join_index, join_key};
use crate::spec::path_template::{match_path, parse_path_template};
use crate::spec::types::{Discrepancy, OperationSpec};

/// A value that does not fit its schema: where (a JSON path such as `$.status`) and why.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    path: String,
    message: String,
    /// A field the schema does not declare: decoding ignores it (forward compatibility).
    undeclared_field: bool,
}

/// Which example of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleRef {
    /// `examples.requests[i]`.
    Request(usize),
    /// `examples.responses.<status>`.
    Response(u16),
}

/// A place where an example's body does not fit its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyProblem {
    /// Which example.
    pub example: ExampleRef,
    /// JSON path of the value, such as `$.page_info.current_count`.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// Every problem with the examples of one operation.
pub fn check_examples(
    service: &Service,
    op: &Operation,
    file: &SourceFile<OperationSpec>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, example) in file.spec.examples.requests.iter().enumerate() {
        if let Some(url) = &example.url {
            let at = join_key(&join_index("examples.requests", index), "url");
            check_url(service, op, file, &at, url, &mut out);
        }
    }
    let problems = body_problems(service, op, file, &mut out);
    let of = |example: ExampleRef| -> Vec<Problem> {
        problems
            .iter()
            .filter(|p| p.example == example)
            .map(|p| Problem {
                path: p.path.clone(),
                message: p.message.clone(),
                undeclared_field: false,
            })
            .collect()
    };
    for (index, example) in file.spec.examples.requests.iter().enumerate() {
        let at = join_index("examples.requests", index);
        report(
            file,
            &at,
            &of(ExampleRef::Request(index)),
            &example.discrepancies,
            &mut out,
        );
    }
    for (status, example) in &file.spec.examples.responses {
        let at = join_key("examples.responses", &status.to_string());
        report(
            file,
            &at,
            &of(ExampleRef::Response(*status)),
            &example.discrepancies,
            &mut out,
        );
    }
    out
}

/// Whether the JSON `text` fits `shape` but for fields the schema does not declare: the
/// generated types decode such an example (unknown fields are ignored, for forward
/// compatibility) and it satisfies every constraint, so its test checks that it decodes rather
/// than that it is rejected.
pub fn fits_but_for_undeclared_fields(service: &Service, text: &str, shape: &Shape) -> bool {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let mut problems = Vec::new();
    check_value(service, &value, shape, "$", &mut problems);
    problems.iter().all(|p| p.undeclared_field)
}

/// Every value of an example body that does not fit its schema. Bodies that are not JSON, or
/// that have no schema to fit, are reported to `out` instead.
pub fn body_problems(
    service: &Service,
    op: &Operation,
    file: &SourceFile<OperationSpec>,
    out: &mut Vec<Diagnostic>,
) -> Vec<BodyProblem> {
    let mut found = Vec::new();
    let mut collect = |example: ExampleRef, problems: Vec<Problem>| {
        found.extend(problems.into_iter().map(|p| BodyProblem {
            example,
            path: p.path,
            message: p.message,
        }));
    };
    for (index, example) in file.spec.examples.requests.iter().enumerate() {
        let body_at = join_key(&join_index("examples.requests", index), "body");
        let mut problems = Vec::new();
        if let Some(text) = &example.body {
            match (&op.body, parse_json(file, &body_at, text, out)) {
                (Some(body), Some(value)) => {
                    check_value(service, &value, &body.shape, "$", &mut problems)
                }
                (None, Some(_)) => out.push(file.error(
                    Code::UnexpectedExampleBody,
                    &body_at,
                    "the operation has no request body, but the example has one",
                )),
                _ => {}
            }
        }
        collect(ExampleRef::Request(index), problems);
    }
    for (status, example) in &file.spec.examples.responses {
        let body_at = join_key(&join_key("examples.responses", &status.to_string()), "body");
        let mut problems = Vec::new();
        if let Some(text) = &example.body
            && let Some(value) = parse_json(file, &body_at, text, out)
        {
            match example_shape(op, *status) {
                Some(shape) => check_value(service, &value, &shape, "$", &mut problems),
                None => out.push(file.warning(
                    Code::UncheckedExample,
                    &body_at,
                    format!("status {status} has no JSON schema, so this example is not checked"),
                )),
            }
        }
        collect(ExampleRef::Response(*status), problems);
    }
    found
}

/// The schema an example response of `status` is checked against.
fn example_shape(op: &Operation, status: u16) -> Option<Shape> {
    if status == op.success.status {
        return match &op.output {
            Output::Json(shape) => Some(shape.clone()),
            Output::Bytes | Output::Empty => None,
        };
    }
    let response = op.errors.iter().find(|r| r.status == status)?;
    match &response.body {
        Some(shape) => Some(shape.clone()),
        None => op.error_type.clone().map(|name| Shape {
            ty: TypeRef::Named(name),
            constraints: Default::default(),
        }),
    }
}

/// Problems become errors, or warnings where the spec lists them as the page's discrepancies.
fn report(
    file: &SourceFile<OperationSpec>,
    at: &str,
    problems: &[Problem],
    discrepancies: &[Discrepancy],
    out: &mut Vec<Diagnostic>,
) {
    let body_at = join_key(at, "body");
    for problem in problems {
        let message = format!("example value at `{}` {}", problem.path, problem.message);
        match discrepancies.iter().find(|d| d.path == problem.path) {
            Some(known) => out.push(
                file.warning(Code::PageDiscrepancy, &body_at, format!("{message} (a discrepancy of the page: {})", known.note))
                    .with_kind(DiagnosticKind::PageDiscrepancy),
            ),
            None => out.push(
                file.error(Code::ExampleBreaksSchema, &body_at, message)
                    .with_help(
                        "fix the spec, or if the page itself contradicts its table, list the place under this example's `discrepancies`",
                    )
                    .with_kind(DiagnosticKind::ExampleProblem),
            ),
        }
    }
    for (index, discrepancy) in discrepancies.iter().enumerate() {
        if !problems.iter().any(|p| p.path == discrepancy.path) {
            out.push(file.error(
                Code::StaleDiscrepancy,
                &join_index(&join_key(at, "discrepancies"), index),
                format!(
                    "no discrepancy at `{}`: the example fits its schema there",
                    discrepancy.path
                ),
            ));
        }
    }
}

fn parse_json(
    file: &SourceFile<OperationSpec>,
    at: &str,
    text: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Value> {
    match serde_json::from_str(text) {
        Ok(value) => Some(value),
        Err(error) => {
            out.push(file.error(
                Code::ExampleNotJson,
                at,
                format!("the example is not valid JSON: {error} of the example"),
            ));
            None
        }
    }
}

fn check_url(
    service: &Service,
    op: &Operation,
    file: &SourceFile<OperationSpec>,
    at: &str,
    url: &str,
    out: &mut Vec<Diagnostic>,
) {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let pieces = parse_path_template(&op.path_template).unwrap_or_default();
    let mut problems = Vec::new();
    match match_path(&pieces, path) {
        None => out.push(file.warning(
            Code::ExampleUrlPathDiffers,
            at,
            format!(
                "the example URL's path `{path}` does not match the operation's path `{}`; kept as the page prints it",
                op.path_template
            ),
        )),
        Some(values) => {
            for (name, value) in values {
                // Pages often print the template itself (`/volumes/{volume_id}`): no value to check.
                if value.starts_with('{') && value.ends_with('}') {
                    continue;
                }
                if value.is_empty() || value == "." || value == ".." {
                    out.push(file.error(Code::InvalidExampleUrlParameter, at, format!("path parameter `{name}` is `{value}` in the example URL")));
                }
                check_param_value(service, op, file, at, ParamLocation::Path, &name, value, &mut problems, out);
            }
        }
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        check_param_value(
            service,
            op,
            file,
            at,
            ParamLocation::Query,
            name,
            value,
            &mut problems,
            out,
        );
    }
    for problem in problems {
        out.push(file.error(
            Code::InvalidExampleUrlParameter,
            at,
            format!(
                "example URL parameter `{}` {}",
                problem.path, problem.message
            ),
        ));
    }
}

/// Checks a parameter value from an example URL against the parameter's schema. Values in
/// URLs are text, so only text parameters (strings and enums) are checked.
#[allow(clippy::too_many_arguments)]
fn check_param_value(
    service: &Service,
    op: &Operation,
    file: &SourceFile<OperationSpec>,
    at: &str,
    location: ParamLocation,
    name: &str,
    value: &str,
    problems: &mut Vec<Problem>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(param) = op
        .params
        .iter()
        .find(|p| p.location == location && p.wire_name == name)
    else {
        out.push(file.warning(
            Code::UndeclaredExampleUrlParameter,
            at,
            format!("the example URL has parameter `{name}`, which is not declared"),
        ));
        return;
    };
    if matches!(&param.shape.ty, TypeRef::String | TypeRef::Named(_)) {
        let value = Value::String(percent_decode(value));
        check_value(service, &value, &param.shape, name, problems);
    }
}

/// Decodes `%XX` escapes of an example URL (invalid escapes are kept as written).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks `value` against `shape`, recording each mismatch with its JSON path.
fn check_value(
    service: &Service,
    value: &Value,
    shape: &Shape,
    json_path: &str,
    problems: &mut Vec<Problem>,
) {
    let mut fail = |message: String| {
        problems.push(Problem {
            path: json_path.to_owned(),
            message,
            undeclared_field: false,
        })
    };
    let c = &shape.constraints;
    let mut nested = Vec::new();
    match (&shape.ty, value) {
        (TypeRef::String, Value::String(text)) => {
            let length = text.chars().count() as u64;
            if c.min_length.is_some_and(|min| length < min)
                || c.max_length.is_some_and(|max| length > max)
            {
                fail(format!(
                    "has {length} characters, outside {}",
                    bounds(c.min_length, c.max_length)
                ));
            }
        }
        (TypeRef::I32 | TypeRef::I64, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            check_range(n.as_f64(), shape, &mut fail);
            if shape.ty == TypeRef::I32 && n.as_i64().is_none_or(|n| i32::try_from(n).is_err()) {
                fail(format!("{n} does not fit a 32-bit integer"));
            }
        }
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => {
            check_range(n.as_f64(), shape, &mut fail)
        }
        (TypeRef::Bool, Value::Bool(_)) | (TypeRef::Json | TypeRef::Bytes, _) => {}
        (TypeRef::Map(value_shape), Value::Object(entries)) => {
            for (key, entry) in entries {
                nested.push((format!("{json_path}.{key}"), entry, (**value_shape).clone()));
            }
        }
        (TypeRef::Array(item), Value::Array(items)) => {
            let count = items.len() as u64;
            if c.min_items.is_some_and(|min| count < min)
                || c.max_items.is_some_and(|max| count > max)
            {
                fail(format!(
                    "has {count} items, outside {}",
                    bounds(c.min_items, c.max_items)
                ));
            }
            for (index, element) in items.iter().enumerate() {
                nested.push((format!("{json_path}[{index}]"), element, (**item).clone()));
            }
        }
        (TypeRef::Named(name), value) => match service.find_type(name).map(|t| &t.kind) {
            Some(TypeKind::Enum { values, .. }) => match value {
                Value::String(text) if values.iter().any(|v| &v.wire == text) => {}
                _ => {
                    let allowed: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
                    fail(format!("is {value}, not one of {allowed:?}"));
                }
            },
            Some(TypeKind::Struct { fields }) => match value {
                Value::Object(object) => {
                    for field in fields.iter().filter(|f| !f.from_header) {
                        match object.get(&field.wire_name) {
                            Some(Value::Null) | None if field.required => {
                                fail(format!("lacks the required field `{}`", field.wire_name));
                            }
                            Some(Value::Null) | None => {}
                            Some(inner) => nested.push((
                                format!("{json_path}.{}", field.wire_name),
                                inner,
                                field.shape.clone(),
                            )),
                        }
                    }
                    // A `null` counts as absent, for undeclared fields as for declared ones.
                    for (key, _) in object.iter().filter(|(_, v)| !v.is_null()) {
                        if !fields.iter().any(|f| &f.wire_name == key && !f.from_header) {
                            problems.push(Problem {
                                path: json_path.to_owned(),
                                message: format!(
                                    "has field `{key}`, which `{name}` does not declare"
                                ),
                                undeclared_field: true,
                            });
                        }
                    }
                }
                other => fail(format!("is {}, not an object", kind_of(other))),
            },
            None => {}
        },
        (expected, other) => fail(format!(
            "is {}, not {}",
            kind_of(other),
            type_label(expected)
        )),
    }
    for (path, inner, inner_shape) in nested {
        check_value(service, inner, &inner_shape, &path, problems);
    }
}

fn check_range(value: Option<f64>, shape: &Shape, fail: &mut impl FnMut(String)) {
    let Some(value) = value else { return };
    let c = &shape.constraints;
    let below = c.minimum.is_some_and(|min| value < min.as_f64());
    let above = c.maximum.is_some_and(|max| value > max.as_f64());
    if below || above {
        fail(format!("{value} is outside the documented range"));
    }
}

fn bounds(min: Option<u64>, max: Option<u64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("{min}.."),
        (None, Some(max)) => format!("..={max}"),
        (None, None) => "..".into(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_label(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "a string",
        TypeRef::I32 | TypeRef::I64 => "an integer",
        TypeRef::F32 | TypeRef::F64 => "a number",
        TypeRef::Bool => "a boolean",
        TypeRef::Json => "JSON",
        TypeRef::Array(_) => "an array",
        TypeRef::Map(_) => "an object",
        TypeRef::Bytes => "bytes",
        TypeRef::Named(_) => "an object",
    }
}
