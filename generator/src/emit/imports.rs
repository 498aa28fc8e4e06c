//! The `use` lines of a generated file, derived from the names its items use.
//!
//! Generated files import exactly what they use, since an unused import is a warning and
//! generated code must be warning-free. Emitters write short names (`Validate`, `FieldPath`,
//! `validate::length`); this module finds them in the parsed file. It is reliable because
//! the names scanned for cannot be spec names: they are the registry of
//! `runtime_items`, which the name resolver reserves.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};
use syn::parse_quote;
use syn::visit::{self, Visit};

use super::rust::ident;
use crate::runtime_items;

/// Adds the `use` lines for what `file` refers to at the start of its items; `models` are the
/// shared model names, imported from the service's `models` module when `from_models` (they
/// are defined in place otherwise).
pub fn add_imports(
    file: &mut syn::File,
    models: &[String],
    from_models: bool,
    extra_runtime: &[&str],
) {
    let mut used = BTreeSet::new();
    collect_used_names(file, &mut used);
    let imports = import_items(&used, models, from_models, extra_runtime);
    file.items.splice(0..0, imports);
}

/// Adds the names `file` uses to `used` (the visitor `UsedNames` below), so a file formatted in parts can
/// gather them part by part.
pub fn collect_used_names(file: &syn::File, used: &mut BTreeSet<String>) {
    let mut visitor = UsedNames(std::mem::take(used));
    visitor.visit_file(file);
    *used = visitor.0;
}

/// The `use` items for the names in `used` (see [`add_imports`] for the arguments).
pub fn import_items(
    used: &BTreeSet<String>,
    models: &[String],
    from_models: bool,
    extra_runtime: &[&str],
) -> Vec<syn::Item> {
    let mut runtime: Vec<&str> = runtime_items::imported()
        .filter(|name| used.contains(*name))
        .collect();
    runtime.extend(extra_runtime);
    runtime.sort_unstable();
    runtime.dedup();
    let runtime: Vec<_> = runtime.into_iter().map(ident).collect();
    let serde: Vec<_> = runtime_items::SERDE_IMPORTS
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

    let mut imports: Vec<syn::Item> = Vec::new();
    if !runtime.is_empty() {
        imports.push(parse_quote!(use huaweicloud_sdk_core::{#(#runtime),*};));
    }
    if !serde.is_empty() {
        imports.push(parse_quote!(use serde::{#(#serde),*};));
    }
    // `super::super` rather than `crate`: operation modules sit at `operations::<op>` both in a
    // service crate and in the single file a build script `include!`s into any module.
    if !shared.is_empty() {
        imports.push(parse_quote!(use super::super::models::{#(#shared),*};));
    }
    imports
}

/// The identifiers that start a path: `validate` in `validate::length`, `Validate` in
/// `impl Validate for`, but not `Error` in `S::Error`, which names an associated item rather
/// than an import. Derive lists and macro arguments are token lists to syn, so their tokens are
/// read as such. (Walking the syntax tree once it is parsed anyway costs little; walking the
/// token stream before parsing copied every group and was a tenth of a generator run.)
#[derive(Default)]
struct UsedNames(BTreeSet<String>);

impl<'ast> Visit<'ast> for UsedNames {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first()
        {
            self.0.insert(first.ident.to_string());
        }
        visit::visit_path(self, path);
    }

    fn visit_attribute(&mut self, attribute: &'ast syn::Attribute) {
        if let syn::Meta::List(list) = &attribute.meta {
            collect_idents(list.tokens.clone(), &mut self.0);
        }
        visit::visit_attribute(self, attribute);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        collect_idents(mac.tokens.clone(), &mut self.0);
        visit::visit_macro(self, mac);
    }
}

/// The identifiers of a token list that start a path or stand alone.
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
