//! The statements inside generated `collect_violations` bodies.
//!
//! Each check is one call into `huaweicloud_sdk_core::validate`, so generated code states
//! *what* is constrained and the runtime decides *how*: for a field `error_code` with a length
//! of exactly 12 the output is
//!
//! ```text
//! validate::length_if_set(out, path, "error_code", self.error_code.as_deref(), Some(12), Some(12));
//! ```

use proc_macro2::TokenStream;
use quote::quote;

use super::format::Group;
use super::printed::{Lines, string_literal};
use super::rust::{bound, bound_text, count, count_text};
use crate::model::{Service, Shape, TypeRef};

/// Checks on `value` (an expression of type `&T`) whose path is `path` (an expression of type
/// `FieldPath`). Empty when the shape has nothing to check.
pub fn value_checks(
    service: &Service,
    shape: &Shape,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let c = &shape.constraints;
    match &shape.ty {
        TypeRef::Named(_) if service.shape_needs_validation(shape) => {
            quote!(#value.collect_violations(&#path, out);)
        }
        TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
            let (min, max) = (count(c.min_length), count(c.max_length));
            quote!(validate::length(out, &#path, #value, #min, #max);)
        }
        ty @ (TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64)
            if c.minimum.is_some() || c.maximum.is_some() =>
        {
            let (min, max) = (bound(c.minimum, ty), bound(c.maximum, ty));
            quote!(validate::range(out, &#path, *#value, #min, #max);)
        }
        TypeRef::Array(item) => {
            let count_check = (c.min_items.is_some() || c.max_items.is_some()).then(|| {
                let (min, max) = (count(c.min_items), count(c.max_items));
                quote!(validate::item_count(out, &#path, #value.len(), #min, #max);)
            });
            let item_checks =
                value_checks(service, item, &quote!(item), &quote!(#path.index(index)));
            let loop_checks = (!item_checks.is_empty()).then(|| {
                quote! {
                    for (index, item) in #value.iter().enumerate() {
                        #item_checks
                    }
                }
            });
            quote!(#count_check #loop_checks)
        }
        TypeRef::Map(value_shape) => {
            let value_checks = value_checks(
                service,
                value_shape,
                &quote!(item),
                &quote!(#path.field(key)),
            );
            if value_checks.is_empty() {
                TokenStream::new()
            } else {
                quote! {
                    for (key, item) in #value {
                        #value_checks
                    }
                }
            }
        }
        _ => TokenStream::new(),
    }
}

/// A check of how a parameter is sent, beside the checks of its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireCheck {
    /// The value must be one path segment (`validate::path_segment`).
    PathSegment,
    /// The value must be a header value (`validate::header_value`).
    HeaderValue,
}

/// Checks on a struct field or request parameter named `rust_name` (wire name `wire_name`),
/// unwrapping the `Option` of an optional one.
///
/// An optional field whose checks are each one runtime call gets them as `*_if_set` calls on
/// the `Option` itself (`validate::length_if_set(out, path, "name", self.name.as_deref(), ..)`):
/// one statement per check and no branch, which the compiler gets through much faster across a
/// crate's thousands of fields. Other checks unwrap the field in a block of their own.
pub fn field_checks(
    service: &Service,
    shape: &Shape,
    rust_name: &proc_macro2::Ident,
    wire_name: &str,
    required: bool,
    wire_check: Option<WireCheck>,
) -> TokenStream {
    if !required
        && let Some(calls) = checks_if_set(service, shape, rust_name, wire_name, wire_check)
    {
        return calls;
    }
    let path = quote!(path.field(#wire_name));
    let extra = match (wire_check, &shape.ty) {
        (None, _) => TokenStream::new(),
        (Some(WireCheck::PathSegment), TypeRef::Named(_)) => {
            quote!(validate::path_segment(out, &#path, value.as_str());)
        }
        (Some(WireCheck::PathSegment), _) => quote!(validate::path_segment(out, &#path, value);),
        (Some(WireCheck::HeaderValue), _) => quote!(validate::header_value(out, &#path, value);),
    };
    let checks = value_checks(service, shape, &quote!(value), &path);
    let checks = quote!(#extra #checks);
    if checks.is_empty() {
        return TokenStream::new();
    }
    if required {
        quote! {
            {
                let value = &self.#rust_name;
                #checks
            }
        }
    } else {
        quote! {
            if let Some(value) = &self.#rust_name {
                #checks
            }
        }
    }
}

/// The checks of an optional field as `*_if_set` calls, or `None` when one of them needs the
/// unwrapped value (arrays, maps, enums in a path).
fn checks_if_set(
    service: &Service,
    shape: &Shape,
    rust_name: &proc_macro2::Ident,
    wire_name: &str,
    wire_check: Option<WireCheck>,
) -> Option<TokenStream> {
    if needs_unwrapping(service, shape, wire_check) {
        return None;
    }
    let c = &shape.constraints;
    let text = quote!(self.#rust_name.as_deref());
    let wire = match (wire_check, &shape.ty) {
        (Some(WireCheck::PathSegment), _) => {
            quote!(validate::path_segment_if_set(out, path, #wire_name, #text);)
        }
        (Some(WireCheck::HeaderValue), _) => {
            quote!(validate::header_value_if_set(out, path, #wire_name, #text);)
        }
        (None, _) => TokenStream::new(),
    };
    let shape_check = match &shape.ty {
        TypeRef::Named(_) if service.shape_needs_validation(shape) => {
            quote!(validate::nested_if_set(out, path, #wire_name, self.#rust_name.as_ref());)
        }
        TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
            let (min, max) = (count(c.min_length), count(c.max_length));
            quote!(validate::length_if_set(out, path, #wire_name, #text, #min, #max);)
        }
        ty @ (TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64)
            if c.minimum.is_some() || c.maximum.is_some() =>
        {
            let (min, max) = (bound(c.minimum, ty), bound(c.maximum, ty));
            quote!(validate::range_if_set(out, path, #wire_name, self.#rust_name, #min, #max);)
        }
        _ => TokenStream::new(),
    };
    Some(quote!(#wire #shape_check))
}

/// Whether the checks of an optional field need the unwrapped value (not `*_if_set` calls):
/// a wire check of anything but text, or checks on the items of an array or map.
fn needs_unwrapping(service: &Service, shape: &Shape, wire_check: Option<WireCheck>) -> bool {
    match (wire_check, &shape.ty) {
        (Some(_), TypeRef::String) | (None, _) => {}
        (Some(_), _) => return true,
    }
    matches!(shape.ty, TypeRef::Array(_) | TypeRef::Map(_))
        && !value_checks(service, shape, &quote!(value), &quote!(path)).is_empty()
}

/// A field or parameter whose value `collect_violations` checks.
#[derive(Clone, Copy)]
pub struct Checked<'a> {
    pub shape: &'a Shape,
    pub rust_name: &'a str,
    pub wire_name: &'a str,
    pub required: bool,
    pub wire_check: Option<WireCheck>,
}

/// `impl Validate for #name` checking `fields`: printed as text where every line fits (see
/// [`super::printed`]), else built as tokens.
pub fn validate_group(service: &Service, name: &str, fields: &[Checked]) -> Group {
    if let Some(text) = validate_impl_text(service, name, fields) {
        // An impl without a body (nothing to check) names the trait alone.
        let names: &[&str] = if text.contains("fn collect_violations") {
            &["Validate", "FieldPath", "Violation"]
        } else {
            &["Validate"]
        };
        let mut uses: Vec<String> = names.iter().map(|name| (*name).to_owned()).collect();
        // A call into the runtime's `validate` module starts a line (arguments that are
        // text, such as a wire name, start with a quote).
        if text
            .lines()
            .any(|line| line.trim_start().starts_with("validate::"))
        {
            uses.push("validate".to_owned());
        }
        return Group::Printed { text, uses };
    }
    validate_tokens(service, name, fields).into()
}

/// [`validate_group`]'s impl as tokens.
pub(super) fn validate_tokens(service: &Service, name: &str, fields: &[Checked]) -> TokenStream {
    let checks = fields.iter().map(|f| {
        let rust_name = super::rust::ident(f.rust_name);
        field_checks(
            service,
            f.shape,
            &rust_name,
            f.wire_name,
            f.required,
            f.wire_check,
        )
    });
    super::types::validate_impl(&super::rust::ident(name), quote!(#(#checks)*))
}

/// [`validate_group`]'s impl as text, or `None` where a line would not fit.
fn validate_impl_text(service: &Service, name: &str, fields: &[Checked]) -> Option<String> {
    let mut body = Lines::new();
    for field in fields {
        field_checks_text(service, field, &mut body)?;
    }
    let body = body.into_text();
    let mut out = Lines::new();
    if body.is_empty() {
        out.line(0, &["impl Validate for ", name, " {}"])?;
        return Some(out.into_text());
    }
    out.line(0, &["impl Validate for ", name, " {"])?;
    let signature =
        "fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {";
    out.line(1, &[signature])?;
    out.push_text(&body);
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    Some(out.into_text())
}

/// [`field_checks`] as text, at the depth of a `collect_violations` body.
fn field_checks_text(service: &Service, field: &Checked, out: &mut Lines) -> Option<()> {
    const DEPTH: usize = 2;
    let wire = string_literal(field.wire_name);
    let self_field = format!("self.{}", field.rust_name);
    if !field.required && !needs_unwrapping(service, field.shape, field.wire_check) {
        let text = format!("{self_field}.as_deref()");
        let if_set = |out: &mut Lines, function: &str, value: &str, bounds: &[&str]| {
            let mut args = vec!["out", "path", &wire, value];
            args.extend_from_slice(bounds);
            out.call(DEPTH, function, &args, ";")
        };
        match field.wire_check {
            Some(WireCheck::PathSegment) => {
                if_set(out, "validate::path_segment_if_set", &text, &[])?
            }
            Some(WireCheck::HeaderValue) => {
                if_set(out, "validate::header_value_if_set", &text, &[])?
            }
            None => {}
        }
        let c = &field.shape.constraints;
        match &field.shape.ty {
            TypeRef::Named(_) if service.shape_needs_validation(field.shape) => {
                let value = format!("{self_field}.as_ref()");
                if_set(out, "validate::nested_if_set", &value, &[])?;
            }
            TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
                let (min, max) = (count_text(c.min_length), count_text(c.max_length));
                if_set(out, "validate::length_if_set", &text, &[&min, &max])?;
            }
            ty @ (TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64)
                if c.minimum.is_some() || c.maximum.is_some() =>
            {
                let (min, max) = (bound_text(c.minimum, ty), bound_text(c.maximum, ty));
                if_set(out, "validate::range_if_set", &self_field, &[&min, &max])?;
            }
            _ => {}
        }
        return Some(());
    }
    let path = format!("path.field({wire})");
    let path_arg = format!("&{path}");
    let mut checks = Lines::new();
    match (field.wire_check, &field.shape.ty) {
        (None, _) => {}
        (Some(WireCheck::PathSegment), TypeRef::Named(_)) => {
            let args = ["out", &path_arg, "value.as_str()"];
            checks.call(DEPTH + 1, "validate::path_segment", &args, ";")?
        }
        (Some(WireCheck::PathSegment), _) => {
            let args = ["out", &path_arg, "value"];
            checks.call(DEPTH + 1, "validate::path_segment", &args, ";")?
        }
        (Some(WireCheck::HeaderValue), _) => {
            let args = ["out", &path_arg, "value"];
            checks.call(DEPTH + 1, "validate::header_value", &args, ";")?
        }
    }
    value_checks_text(service, field.shape, "value", &path, DEPTH + 1, &mut checks)?;
    let checks = checks.into_text();
    if checks.is_empty() {
        return Some(());
    }
    if field.required {
        out.line(DEPTH, &["{"])?;
        out.line(DEPTH + 1, &["let value = &", &self_field, ";"])?;
    } else {
        out.line(DEPTH, &["if let Some(value) = &", &self_field, " {"])?;
    }
    out.push_text(&checks);
    out.line(DEPTH, &["}"])
}

/// [`value_checks`] as text at `depth`: checks on `value` whose path is `path`.
fn value_checks_text(
    service: &Service,
    shape: &Shape,
    value: &str,
    path: &str,
    depth: usize,
    out: &mut Lines,
) -> Option<()> {
    let c = &shape.constraints;
    let path_arg = format!("&{path}");
    match &shape.ty {
        TypeRef::Named(_) if service.shape_needs_validation(shape) => out.method_call(
            depth,
            value,
            &[".collect_violations(", &path_arg, ", out);"],
        ),
        TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
            let (min, max) = (count_text(c.min_length), count_text(c.max_length));
            let args = ["out", &path_arg, value, &min, &max];
            out.call(depth, "validate::length", &args, ";")
        }
        ty @ (TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64)
            if c.minimum.is_some() || c.maximum.is_some() =>
        {
            let (min, max) = (bound_text(c.minimum, ty), bound_text(c.maximum, ty));
            let number = format!("*{value}");
            let args = ["out", &path_arg, &number, &min, &max];
            out.call(depth, "validate::range", &args, ";")
        }
        TypeRef::Array(item) => {
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (count_text(c.min_items), count_text(c.max_items));
                let len = format!("{value}.len()");
                let args = ["out", &path_arg, &len, &min, &max];
                out.call(depth, "validate::item_count", &args, ";")?;
            }
            let mut items = Lines::new();
            let item_path = format!("{path}.index(index)");
            value_checks_text(service, item, "item", &item_path, depth + 1, &mut items)?;
            let items = items.into_text();
            if !items.is_empty() {
                let each = ["for (index, item) in ", value, ".iter().enumerate() {"];
                out.line(depth, &each)?;
                out.push_text(&items);
                out.line(depth, &["}"])?;
            }
            Some(())
        }
        TypeRef::Map(value_shape) => {
            let mut items = Lines::new();
            let item_path = format!("{path}.field(key)");
            value_checks_text(
                service,
                value_shape,
                "item",
                &item_path,
                depth + 1,
                &mut items,
            )?;
            let items = items.into_text();
            if !items.is_empty() {
                out.line(depth, &["for (key, item) in ", value, " {"])?;
                out.push_text(&items);
                out.line(depth, &["}"])?;
            }
            Some(())
        }
        _ => Some(()),
    }
}
