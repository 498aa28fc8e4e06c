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

use super::rust::{bound, count};
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
    let c = &shape.constraints;
    let text = quote!(self.#rust_name.as_deref());
    let wire = match (wire_check, &shape.ty) {
        (None, _) => TokenStream::new(),
        (Some(WireCheck::PathSegment), TypeRef::String) => {
            quote!(validate::path_segment_if_set(out, path, #wire_name, #text);)
        }
        (Some(WireCheck::HeaderValue), TypeRef::String) => {
            quote!(validate::header_value_if_set(out, path, #wire_name, #text);)
        }
        (Some(_), _) => return None,
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
        TypeRef::Array(_) | TypeRef::Map(_) => {
            if value_checks(service, shape, &quote!(value), &quote!(path)).is_empty() {
                TokenStream::new()
            } else {
                return None;
            }
        }
        _ => TokenStream::new(),
    };
    Some(quote!(#wire #shape_check))
}
