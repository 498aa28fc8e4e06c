//! Small pieces of Rust syntax every emitter needs: identifiers, types, literals, and the
//! constructor-and-setters shape all generated structs share.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::format::Group;
use super::printed::{self, Member};
use crate::model::{Number, TypeRef};

/// An identifier. Names come from [`crate::model::names`], which only produces valid,
/// non-keyword identifiers.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for `ty`.
pub fn type_tokens(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Array(item) => {
            let item = type_tokens(&item.ty);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(&value.ty);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `Some(bound)` or `None`, for an optional numeric bound of the given type.
pub fn bound(value: Option<Number>, ty: &TypeRef) -> TokenStream {
    match bound_literal(value, ty) {
        Some(literal) => quote!(Some(#literal)),
        None => quote!(None),
    }
}

/// The literal of a numeric bound of the given type.
fn bound_literal(value: Option<Number>, ty: &TypeRef) -> Option<Literal> {
    Some(match (ty, value?) {
        (TypeRef::F32 | TypeRef::F64, value) => Literal::f64_unsuffixed(value.as_f64()),
        // The checks refuse a fraction or exponent on an integer type.
        (_, Number::Integer(n)) => Literal::i64_unsuffixed(n),
        (_, Number::Float(_)) => Literal::i64_unsuffixed(0),
    })
}

/// [`bound`] as text.
pub fn bound_text(value: Option<Number>, ty: &TypeRef) -> String {
    bound_literal(value, ty).map_or_else(|| "None".to_owned(), |n| format!("Some({n})"))
}

/// [`count`] as text.
pub fn count_text(value: Option<u64>) -> String {
    value.map_or_else(
        || "None".to_owned(),
        |n| format!("Some({})", Literal::u64_unsuffixed(n)),
    )
}

/// `Some(n)` or `None`, for a length or count bound.
pub fn count(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// The derives of every generated model struct. `Default`, where a type has one, is
/// implemented by [`builders`] through `new()`.
pub const STRUCT_DERIVES: &str = "#[derive(Debug, Clone, PartialEq)]";

/// The derives of every request type: a model's but `PartialEq`. Comparing requests is rarely
/// wanted (compare what `Operation::to_http` builds instead), and rustc spends about 1.3 M
/// instructions checking each derived `eq`, a tenth of an operation's share of its crate
/// (bench/README.md, #17). Models keep it: callers compare what they decode.
pub const REQUEST_DERIVES: &str = "#[derive(Debug, Clone)]";

/// `derives` ([`STRUCT_DERIVES`] or [`REQUEST_DERIVES`]) as tokens.
pub fn derive_tokens(derives: &str) -> TokenStream {
    derives.parse().expect("a derive list is one attribute")
}

/// `impl Type { pub fn new(required...) -> Self; pub fn optional(mut self, value) -> Self ... }`:
/// required fields are constructor arguments, so leaving one out does not compile; each
/// optional field has a setter of the same name. Printed as text where every line is short
/// (see [`super::printed`]), else built as tokens.
///
/// A type without required fields also gets `impl Default` calling `new()`, instead of
/// `#[derive(Default)]` (see [`STRUCT_DERIVES`]): the same value, and one call for rustc to
/// check instead of a `Default::default()` per field (4% of `cargo check`'s instructions on the
/// benchmark's `query-heavy` shape).
pub fn builders(type_name: &str, members: &[Member]) -> Group {
    match printed::constructor_and_setters(type_name, members) {
        Some(text) => Group::Printed {
            text,
            uses: Vec::new(),
        },
        None => Group::Tokens(constructor_and_setters_tokens(&ident(type_name), members)),
    }
}

/// [`builders`] as tokens.
pub(super) fn constructor_and_setters_tokens(type_name: &Ident, members: &[Member]) -> TokenStream {
    let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
    let arguments = required.iter().map(|m| {
        let (name, ty) = (ident(m.name), type_tokens(m.ty));
        if m.is_string() {
            quote!(#name: impl Into<String>)
        } else {
            quote!(#name: #ty)
        }
    });
    let initializers = members.iter().map(|m| {
        let name = ident(m.name);
        match (m.required, m.is_string()) {
            (true, true) => quote!(#name: #name.into()),
            (true, false) => quote!(#name),
            (false, _) => quote!(#name: None),
        }
    });
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = if required.is_empty() {
        " Creates a value with every field unset."
    } else {
        " Creates a value from the required fields; optional fields start unset."
    };
    let setters = members.iter().filter(|m| !m.required).map(|m| {
        let (name, ty) = (ident(m.name), type_tokens(m.ty));
        let doc = format!(" Sets [`{name}`](Self::{name}).");
        if m.is_string() {
            quote! {
                #[doc = #doc]
                pub fn #name(mut self, value: impl Into<String>) -> Self {
                    self.#name = Some(value.into());
                    self
                }
            }
        } else {
            quote! {
                #[doc = #doc]
                pub fn #name(mut self, value: #ty) -> Self {
                    self.#name = Some(value);
                    self
                }
            }
        }
    });
    let default = required.is_empty().then(|| {
        quote! {
            impl Default for #type_name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        impl #type_name {
            #[doc = #new_doc]
            #too_many
            pub fn new(#(#arguments),*) -> Self {
                Self { #(#initializers),* }
            }
            #(#setters)*
        }
        #default
    }
}
