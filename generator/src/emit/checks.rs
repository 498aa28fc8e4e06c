//! The statements inside generated `collect_violations` bodies.
//!
//! Each check is one call into `huaweicloud_sdk_core::validate`, so generated code states
//! *what* is constrained and the runtime decides *how*: for a field `error_code` with a length
//! of exactly 12 the output is
//!
//! ```text
//! if let Some(value) = &self.error_code {
//!     validate::length(out, &path.field("error_code"), value, Some(12), Some(12));
//! }
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

/// Checks on a struct field or request parameter named `rust_name` (wire name `wire_name`),
/// unwrapping the `Option` of an optional one.
pub fn field_checks(
    service: &Service,
    shape: &Shape,
    rust_name: &proc_macro2::Ident,
    wire_name: &str,
    required: bool,
    extra: TokenStream,
) -> TokenStream {
    let path = quote!(path.field(#wire_name));
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
