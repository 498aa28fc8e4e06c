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

use super::printed::Lines;
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
    imports(used, models, from_models, extra_runtime)
        .into_iter()
        .map(|(path, names)| {
            let path: syn::Path = syn::parse_str(path).expect("a fixed module path");
            let names = names.iter().map(|name| ident(name));
            parse_quote!(use #path::{#(#names),*};)
        })
        .collect()
}

/// [`import_items`] as prettyplease prints them, written as text (`None` where a line would
/// pass the margin, for the caller to print the items instead).
pub fn import_lines(
    used: &BTreeSet<String>,
    models: &[String],
    from_models: bool,
    extra_runtime: &[&str],
) -> Option<String> {
    let mut out = Lines::new();
    for (path, names) in imports(used, models, from_models, extra_runtime) {
        out.use_names(0, path, &names)?;
    }
    Some(out.into_text())
}

/// The modules a file imports from, each with the names it takes, in order.
fn imports<'a>(
    used: &'a BTreeSet<String>,
    models: &'a [String],
    from_models: bool,
    extra_runtime: &[&'a str],
) -> Vec<(&'static str, Vec<&'a str>)> {
    let mut runtime: Vec<&str> = runtime_items::imported()
        .filter(|name| used.contains(*name))
        .collect();
    runtime.extend(extra_runtime);
    runtime.sort_unstable();
    runtime.dedup();
    let serde: Vec<&str> = runtime_items::SERDE_IMPORTS
        .iter()
        .copied()
        .filter(|name| used.contains(*name))
        .collect();
    let shared: Vec<&str> = if from_models {
        models
            .iter()
            .map(String::as_str)
            .filter(|name| used.contains(*name))
            .collect()
    } else {
        Vec::new()
    };
    // `super::super` rather than `crate`: operation modules sit at `operations::<op>` both in a
    // service crate and in the single file a build script `include!`s into any module.
    [
        ("huaweicloud_sdk_core", runtime),
        ("serde", serde),
        ("super::super::models", shared),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .collect()
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{import_items, import_lines};
    use crate::runtime_items;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The `use` lines written as text are prettyplease's text of the items, byte for
        /// byte; where none are written, prettyplease's have a line past the margin.
        #[test]
        fn import_lines_print_as_prettyplease_prints_them(
            runtime in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            models in prop::collection::vec("T[a-zA-Z0-9]{0,60}", 0..8),
            from_models in any::<bool>(),
            extra in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        ) {
            let known: Vec<&str> = runtime_items::imported().collect();
            let mut used: BTreeSet<String> = runtime
                .iter()
                .map(|index| index.get(&known).to_string())
                .collect();
            used.extend(models.iter().cloned());
            let extra: Vec<&str> = extra.iter().map(|index| *index.get(&known)).collect();
            let items = import_items(&used, &models, from_models, &extra);
            let mut file: syn::File = syn::parse_quote!();
            file.items = items;
            let printed = prettyplease::unparse(&file);
            match import_lines(&used, &models, from_models, &extra) {
                Some(text) => prop_assert_eq!(text, printed),
                None => prop_assert!(printed.lines().any(|line| line.len() > 89)),
            }
        }
    }
}
