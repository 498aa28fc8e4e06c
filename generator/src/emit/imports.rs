//! The `use` lines of a generated file, derived from the names its items use.
//!
//! Generated files import exactly what they use, since an unused import is a warning and
//! generated code must be warning-free. Emitters write short names (`Validate`, `FieldPath`,
//! `validate::length`); this module scans the emitted tokens for them. It is reliable because
//! the names scanned for cannot be spec names: they are reserved type names and reserved field
//! names in [`crate::model::names`].

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use super::rust::ident;

/// Items of the runtime crate that generated code names unqualified.
/// (`ErrorBody` is not among them: in operation files it is the associated type of
/// `Operation`; `models.rs` asks for the trait explicitly.)
const RUNTIME_ITEMS: &[&str] = &[
    "Error",
    "FieldPath",
    "Operation",
    "RequestBuilder",
    "RequestContext",
    "UnknownValue",
    "Validate",
    "Violation",
    "http",
    "json",
    "response",
    "validate",
];

/// `use` lines for what `items` refers to; `models` are the shared model names, imported from
/// the service's `models` module when `from_models` (they are defined in place otherwise).
pub fn imports_for(
    items: &TokenStream,
    models: &[String],
    from_models: bool,
    extra_runtime: &[&str],
) -> TokenStream {
    let mut used = BTreeSet::new();
    collect_idents(items.clone(), &mut used);

    let mut runtime: Vec<&str> = RUNTIME_ITEMS
        .iter()
        .copied()
        .filter(|name| used.contains(*name))
        .collect();
    runtime.extend(extra_runtime);
    runtime.sort_unstable();
    let runtime: Vec<_> = runtime.into_iter().map(ident).collect();
    let serde: Vec<_> = ["Deserialize", "Serialize"]
        .iter()
        .filter(|name| used.contains(**name))
        .map(|name| ident(name))
        .collect();
    let shared: Vec<_> = if from_models {
        models
            .iter()
            .filter(|name| used.contains(name.as_str()))
            .map(|name| ident(name))
            .collect()
    } else {
        Vec::new()
    };

    let runtime = (!runtime.is_empty()).then(|| quote!(use huaweicloud_sdk_core::{#(#runtime),*};));
    let serde = (!serde.is_empty()).then(|| quote!(use serde::{#(#serde),*};));
    // `super::super` rather than `crate`: operation modules sit at `operations::<op>` both in a
    // service crate and in the single file a build script `include!`s into any module.
    let shared = (!shared.is_empty()).then(|| quote!(use super::super::models::{#(#shared),*};));
    quote!(#runtime #serde #shared)
}

/// The identifiers that start a path or stand alone: `validate` in `validate::length`, but not
/// `Error` in `S::Error`, which names an associated item rather than an import.
fn collect_idents(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let mut colons = 0;
    for token in tokens {
        match &token {
            TokenTree::Ident(ident) if colons < 2 => {
                out.insert(ident.to_string());
            }
            TokenTree::Group(group) => collect_idents(group.stream(), out),
            _ => {}
        }
        colons = match &token {
            TokenTree::Punct(punct) if punct.as_char() == ':' => colons + 1,
            _ => 0,
        };
    }
}
