//! A generated Rust module formatted one group of items at a time.
//!
//! Tokens and syntax trees are large beside the text they print: a `syn::File` takes about 30
//! times its formatted text, and its token stream about as much again. Parsed whole, a models
//! file of many types made generation memory about 280 times the spec. Here each group (a type
//! with its impls, a request struct, an `Operation` impl) is built, parsed, read for the names
//! it uses and printed, and its tokens and tree are freed before the next group is built, so
//! memory holds the text and one group. prettyplease prints a file's items one after another,
//! so the text is the same as printing the whole file at once.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_splice::Scope;
use super::docs::Doc;
use super::imports::{add_imports, collect_used_names, import_items, import_lines};
use super::{parse_file, with_header};

/// Which `use` lines a module gets, beyond the runtime and serde names it uses.
#[derive(Debug, Clone, Default)]
pub struct Imports {
    /// The service's shared model names.
    pub models: Vec<String>,
    /// Whether the shared models are imported from the `models` module (operation modules) or
    /// defined in place (the models module itself).
    pub from_models: bool,
    /// Runtime items imported whether or not a name in the items uses them.
    pub extra: &'static [&'static str],
}

/// One group of a module's items.
pub enum Group {
    /// Items as tokens, parsed and printed by prettyplease.
    Tokens(TokenStream),
    /// Items printed already, as prettyplease prints them (see [`super::printed`]), and the
    /// names they use that may need a `use` line (runtime items, serde's traits, models).
    Printed { text: String, uses: Vec<String> },
}

impl From<TokenStream> for Group {
    fn from(tokens: TokenStream) -> Self {
        Group::Tokens(tokens)
    }
}

/// A module's parts: its inner docs and attributes, and its items a group at a time.
pub struct RustModule<I> {
    /// The module docs (`//! ...`).
    pub doc: Doc,
    /// Inner attributes (`#![allow(...)]`).
    pub inner: TokenStream,
    /// The items, in groups built only when asked for.
    pub items: I,
    /// The `use` lines to add.
    pub imports: Imports,
}

impl<I: Iterator<Item = Group>> RustModule<I> {
    /// The formatted file with the generated-file header, built a group at a time, its docs
    /// spliced in as text (see [`super::doc_splice`]).
    pub fn format(self, origin: &str) -> Result<String, String> {
        let docs = Scope::enter();
        let mut used = BTreeSet::new();
        let mut items = String::new();
        for group in self.items {
            match group {
                Group::Tokens(tokens) => {
                    let file = parse_file(tokens, origin)?;
                    collect_used_names(&file, &mut used);
                    docs.splice(&prettyplease::unparse(&file), &mut items)?;
                }
                Group::Printed { text, uses } => {
                    used.extend(uses);
                    items.push_str(&text);
                }
            }
        }
        let doc = self.doc.inner();
        let inner = self.inner;
        let mut head = parse_file(quote!(#doc #inner), origin)?;
        let (models, from_models, extra) = (
            &self.imports.models,
            self.imports.from_models,
            self.imports.extra,
        );
        let import_text = import_lines(&used, models, from_models, extra);
        if import_text.is_none() {
            head.items = import_items(&used, models, from_models, extra);
        }
        let mut code = String::new();
        docs.splice(&prettyplease::unparse(&head), &mut code)?;
        // prettyplease ends a file of attributes alone (a doc it prints as `#![doc = ".."]`)
        // without a line break; printed whole, the items would start the next line.
        if !code.is_empty() && !code.ends_with('\n') {
            code.push('\n');
        }
        code.push_str(import_text.as_deref().unwrap_or_default());
        code.push_str(&items);
        drop(items);
        Ok(with_header(&code, origin))
    }

    /// The whole module parsed as one file with its `use` lines, for callers that embed it in
    /// a larger file (see [`super::single_file`]).
    pub fn parse(self, origin: &str) -> Result<syn::File, String> {
        let doc = self.doc.inner();
        let inner = self.inner;
        let items = self
            .items
            .map(|group| match group {
                Group::Tokens(tokens) => Ok(tokens),
                Group::Printed { text, .. } => text.parse::<TokenStream>().map_err(|error| {
                    format!("internal error: generated code for {origin} does not parse: {error}")
                }),
            })
            .collect::<Result<Vec<_>, String>>()?;
        let mut file = parse_file(quote!(#doc #inner #(#items)*), origin)?;
        add_imports(
            &mut file,
            &self.imports.models,
            self.imports.from_models,
            self.imports.extra,
        );
        Ok(file)
    }
}
