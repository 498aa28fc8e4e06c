//! The page's examples, checked against the resolved types: an example that does not fit its
//! own schema is either a spec mistake or a quirk of the page worth knowing about.

use serde_json::Value;

use super::{Operation, ParamLocation, Service, Shape, TypeKind, TypeRef};
use crate::diagnostics::Diagnostic;
use crate::spec::SourceFile;
use crate::spec::location::{join_index, join_key};
use crate::spec::path_template::{match_path, parse_path_template};
use crate::spec::types::OperationSpec;

/// Every problem with the examples of one operation. Bodies that break their schema are errors;
/// a request URL that does not match the path template is a warning, because pages print such
/// URLs (the seed page omits `/collect`) and the spec keeps them as printed.
pub fn check_examples(
    service: &Service,
    op: &Operation,
    file: &SourceFile<OperationSpec>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, example) in file.spec.examples.requests.iter().enumerate() {
        let at = join_index("examples.requests", index);
        check_url(
            service,
            op,
            file,
            &join_key(&at, "url"),
            &example.url,
            &mut out,
        );
        if let Some(text) = &example.body {
            let at = join_key(&at, "body");
            match (&op.body, parse_json(file, &at, text, &mut out)) {
                (Some(body), Some(value)) => {
                    check_value(service, file, &at, &value, &body.shape, "$", &mut out)
                }
                (None, Some(_)) => out.push(file.error(
                    &at,
                    "the operation has no request body, but the example has one",
                )),
                _ => {}
            }
        }
    }
    for (status, example) in &file.spec.examples.responses {
        let at = join_key(&join_key("examples.responses", &status.to_string()), "body");
        let Some(text) = &example.body else { continue };
        let response = std::iter::once(&op.success)
            .chain(&op.errors)
            .find(|r| r.status == *status);
        let Some(value) = parse_json(file, &at, text, &mut out) else {
            continue;
        };
        match response.and_then(|r| r.body.as_ref()) {
            Some(shape) => check_value(service, file, &at, &value, shape, "$", &mut out),
            None => {
                let error_type = op.error_type.clone().filter(|_| *status >= 400);
                match error_type {
                    Some(name) => {
                        let shape = Shape {
                            ty: TypeRef::Named(name),
                            constraints: Default::default(),
                        };
                        check_value(service, file, &at, &value, &shape, "$", &mut out);
                    }
                    None => out.push(file.warning(
                        &at,
                        format!(
                            "status {status} has no body schema, so this example is not checked"
                        ),
                    )),
                }
            }
        }
    }
    out
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
    match match_path(&pieces, path) {
        None => out.push(file.warning(at, format!(
            "the example URL's path `{path}` does not match the operation's path `{}`; kept as the page prints it",
            op.path_template
        ))),
        Some(values) => {
            for (name, value) in values {
                if value.is_empty() || value == "." || value == ".." {
                    out.push(file.error(at, format!("path parameter `{name}` is `{value}` in the example URL")));
                }
                check_param_value(service, op, file, at, ParamLocation::Path, &name, value, out);
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
            out,
        );
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
    out: &mut Vec<Diagnostic>,
) {
    let Some(param) = op
        .params
        .iter()
        .find(|p| p.location == location && p.wire_name == name)
    else {
        out.push(file.warning(
            at,
            format!("the example URL has parameter `{name}`, which is not declared"),
        ));
        return;
    };
    if matches!(&param.shape.ty, TypeRef::String | TypeRef::Named(_)) {
        let value = Value::String(percent_decode(value));
        check_value(
            service,
            file,
            at,
            &value,
            &param.shape,
            &format!("{name}="),
            out,
        );
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

/// Checks `value` against `shape`, reporting each mismatch with its JSON path.
fn check_value(
    service: &Service,
    file: &SourceFile<OperationSpec>,
    at: &str,
    value: &Value,
    shape: &Shape,
    json_path: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut messages = Vec::new();
    let mut fail = |message: String| messages.push(message);
    let c = &shape.constraints;
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
        (TypeRef::Bool, Value::Bool(_)) | (TypeRef::Json, _) => {}
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
                check_value(
                    service,
                    file,
                    at,
                    element,
                    item,
                    &format!("{json_path}[{index}]"),
                    out,
                );
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
                    for field in fields {
                        match object.get(&field.wire_name) {
                            Some(Value::Null) | None if field.required => {
                                fail(format!("lacks the required field `{}`", field.wire_name));
                            }
                            Some(Value::Null) | None => {}
                            Some(inner) => {
                                let path = format!("{json_path}.{}", field.wire_name);
                                check_value(service, file, at, inner, &field.shape, &path, out);
                            }
                        }
                    }
                    for key in object.keys() {
                        if !fields.iter().any(|f| &f.wire_name == key) {
                            out.push(file.error(at, format!("example value at `{json_path}` has field `{key}`, which `{name}` does not declare")));
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
    for message in messages {
        out.push(file.error(at, format!("example value at `{json_path}` {message}")));
    }
}

fn check_range(value: Option<f64>, shape: &Shape, fail: &mut impl FnMut(String)) {
    let Some(value) = value else { return };
    let c = &shape.constraints;
    let below = c
        .minimum
        .as_ref()
        .and_then(|m| m.as_f64())
        .is_some_and(|min| value < min);
    let above = c
        .maximum
        .as_ref()
        .and_then(|m| m.as_f64())
        .is_some_and(|max| value > max);
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
        TypeRef::Named(_) => "an object",
    }
}
