//! The files that tie a service crate together: `lib.rs`, `models.rs`, `operations/mod.rs`,
//! and the wrapper of each operation module.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{Doc, code_span, url_markdown};
use super::format::{Group, Imports, RustModule};
use super::operation::{module_doc, operation_items};
use super::rust::ident;
use super::types::type_def;
use crate::model::{Operation, PathStep, Scope, Service, SharedName};

/// ```text
/// //! # Data Replication Service (DRS)
/// //! # Calling an operation (a `client.send` of the first operation, a `no_run` doctest)
/// //! # Without the client (sans-IO)
/// //! # Operations (the table)
/// #[rustfmt::skip] pub mod models;
/// #[rustfmt::skip] pub mod operations;
/// #[rustfmt::skip] mod service;
/// pub use service::*;
/// ```
///
/// `example` is the call example (see [`super::call_examples`]) the docs lead with, compiled
/// as a doctest; `None` where the target compiles no call examples.
pub fn lib_rs(
    service: &Service,
    example: Option<&str>,
    has_page_examples: bool,
    parts: &[super::split::Part],
) -> TokenStream {
    let mut doc = Doc::new()
        .markdown(format!(
            "# {} ({})",
            super::docs::escape_line(&service.title),
            service.name.to_uppercase()
        ))
        .text(service.description.as_deref());
    if let Some(url) = &service.doc_url {
        doc = doc
            .paragraph()
            .markdown(format!("API reference: {}", url_markdown(url)));
    }
    // What a caller needs first: a call through the client, with credentials from the
    // environment; the layer beneath it comes after.
    let scope_variable = match service.scope {
        Scope::Project => "the project id (`HUAWEICLOUD_SDK_PROJECT_ID`).",
        Scope::Global => {
            "the account's domain id, which AK/SK requests to this global service need \
             (`HUAWEICLOUD_SDK_DOMAIN_ID`)."
        }
    };
    doc = doc
        .paragraph()
        .markdown("# Calling an operation")
        .paragraph()
        .markdown("Build a client with [`client()`](client), a request with its constructor")
        .markdown("(the required fields) and setters (the optional ones), and send it with")
        .markdown("[`Client::send`], which signs, retries and decodes. `from_env()` reads the")
        .markdown("credentials (`HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK`, or")
        .markdown("`HUAWEICLOUD_SDK_TOKEN`) and")
        .markdown(scope_variable);
    if let Some(example) = example {
        // `no_run`: it needs credentials and the network; compiling it checks it against the
        // public API as a user writes it. The example is a function, so the doctest gets an
        // empty `main` (hidden) rather than being wrapped in one.
        doc = doc.code_block("rust,no_run", &format!("{}# fn main() {{}}\n", example));
    }
    doc = doc
        .paragraph()
        .markdown("# Without the client (sans-IO)")
        .paragraph()
        .markdown("Each operation is a request type implementing [`Operation`]: turn it into HTTP with")
        .markdown("[`Operation::to_http`] and decode the answer with [`Operation::from_http`], to send it")
        .markdown("with any HTTP stack (`huaweicloud_sdk_core::sign` signs it with an AK/SK). Neither does")
        .markdown("any I/O.")
        .paragraph()
        .markdown("# Operations")
        .paragraph()
        .markdown("| Operation | Request | Method and path |")
        .markdown("| --- | --- | --- |");
    for op in &service.operations {
        doc = doc.markdown(format!(
            "| {} | [`{}`](operations::{}::{}) | {} |",
            code_span(&op.id),
            op.request_type,
            op.module,
            op.request_type,
            code_span(&format!("{} {}", op.method.as_str(), op.path_template)).replace('|', "\\|"),
        ));
    }
    let doc = doc.inner();
    let page_examples = has_page_examples.then(|| {
        quote! {
            #[cfg(test)]
            #[rustfmt::skip]
            mod page_examples;
        }
    });
    // A split service's models live in a crate of their own (see `split`).
    let models = if !parts.is_empty() {
        super::split::models_module(service, parts)
    } else {
        quote! {
            #[rustfmt::skip]
            pub mod models;
        }
    };
    // prettyplease drops comments, so the reasons live here. `rustfmt::skip`: the generator
    // formats the modules itself, and `cargo fmt` reflowing them would fail `specgen check`;
    // lib.rs holds nothing rustfmt would change, so it needs no skip.
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        #models
        #[rustfmt::skip]
        pub mod operations;
        #[rustfmt::skip]
        mod service;
        #page_examples

        pub use service::*;
    }
}

/// `service.rs`: what lib.rs re-exports at the crate root.
///
/// ```text
/// pub use huaweicloud_sdk_core::{Client, ClientBuilder, ...};
/// pub const SERVICE: ServiceInfo = ServiceInfo { name, endpoint_template, regions, scope };
/// pub fn client() -> ClientBuilder { ClientBuilder::new(&SERVICE) }
/// ```
pub fn service_rs(service: &Service) -> TokenStream {
    let doc = Doc::new()
        .markdown(format!(
            "The client entry points of {}, re-exported at the crate root.",
            super::docs::escape_line(&service.title)
        ))
        .inner();
    let name = &service.name;
    let endpoint = &service.endpoint;
    let scope = match service.scope {
        Scope::Project => quote!(huaweicloud_sdk_core::Scope::Project),
        Scope::Global => quote!(huaweicloud_sdk_core::Scope::Global),
    };
    let regions = service
        .regions
        .iter()
        .map(|(region, endpoint)| quote!((#region, #endpoint)));
    let service_doc = format!(
        " Endpoints and addressing of {}.",
        service.name.to_uppercase()
    );
    let client_doc = format!(
        " A client builder for {}: set a region or endpoint, credentials and project (or take them from the environment with `from_env`), then `build()`.",
        service.name.to_uppercase()
    );
    quote! {
        #doc

        pub use huaweicloud_sdk_core::{ApiError, Client, ClientBuilder, Credentials, Error, ErrorBody, ResponseMetadata, RetryPolicy};
        pub use huaweicloud_sdk_core::{Operation, RequestContext, Validate, ValidationError};

        #[doc = #service_doc]
        pub const SERVICE: huaweicloud_sdk_core::ServiceInfo = huaweicloud_sdk_core::ServiceInfo {
            name: #name,
            endpoint_template: #endpoint,
            regions: &[#(#regions),*],
            scope: #scope,
        };

        #[doc = #client_doc]
        pub fn client() -> ClientBuilder {
            ClientBuilder::new(&SERVICE)
        }
    }
}

/// The docs of the `models` module.
pub fn models_doc(service: &Service) -> Doc {
    Doc::new().markdown(format!(
        "Models shared by the operations of {}.",
        super::docs::escape_line(&service.title)
    ))
}

/// Shared models and, for the service's error body, its `ErrorBody` impl: one group of items
/// per model (see [`RustModule`]).
///
/// The module names every type model sharing merged into a model. An operation's merged types
/// are named once, in its [`ALIASES_MODULE`], which this module re-exports with a glob: rustc
/// spends about 11 µs on each name a `use` item declares, and a glob of them far less, which
/// matters where an API repeats its objects on every page (12,000 names in 1,000 operations).
/// A split service's models crate leaves the operations' out (they sit in the parts): the
/// service crate's `models` module gathers them (see `split::models_module`).
pub fn models_rs(service: &Service, split: bool) -> RustModule<impl Iterator<Item = Group> + '_> {
    let doc = models_doc(service);
    let types = service.models.iter().flat_map(|def| type_def(service, def));
    let operation_aliases: HashSet<&str> = service
        .operation_aliases()
        .map(|shared| shared.name.as_str())
        .collect();
    let shared_names = service
        .shared_names
        .iter()
        .filter(move |shared| !operation_aliases.contains(shared.name.as_str()))
        .map(|shared| shared_name("self", shared));
    let aliases = service
        .operations
        .iter()
        .filter(move |op| !split && op.aliases().next().is_some())
        .map(|op| Group::Printed {
            text: format!(
                "pub use super::operations::{}::{ALIASES_MODULE}::*;\n",
                op.module
            ),
            uses: Vec::new(),
        });
    let types = types.chain(shared_names).chain(aliases);
    let error_impl = service.error.as_ref().map(|error| {
        let name = ident(&error.type_name);
        let code = accessor(&error.code_path);
        let message = accessor(&error.message_path);
        quote! {
            impl ErrorBody for #name {
                fn code(&self) -> Option<&str> {
                    #code
                }
                fn message(&self) -> Option<&str> {
                    #message
                }
            }
        }
    });
    let extra: &'static [&'static str] = if service.error.is_some() {
        &["ErrorBody"]
    } else {
        &[]
    };
    RustModule {
        doc,
        inner: TokenStream::new(),
        items: types.chain(error_impl.map(Group::from)),
        imports: Imports {
            extra,
            ..Imports::default()
        },
    }
}

/// The expression reaching a string through `steps` from `self`, as an `Option<&str>`:
/// `self.error_code.as_deref()`, or through a nested object `self.error.as_ref()?.code.as_deref()`.
fn accessor(steps: &[PathStep]) -> TokenStream {
    let mut expression = quote!(self);
    for (index, step) in steps.iter().enumerate() {
        let field = ident(&step.rust_name);
        let last = index + 1 == steps.len();
        expression = match (last, step.required) {
            (false, true) => quote!(#expression.#field),
            (false, false) => quote!(#expression.#field.as_ref()?),
            (true, true) => quote!(Some(#expression.#field.as_str())),
            (true, false) => quote!(#expression.#field.as_deref()),
        };
    }
    expression
}

/// `pub mod <operation>;` for each of `operations`.
pub fn operations_mod_rs(service: &Service, operations: &[Operation]) -> TokenStream {
    let doc = Doc::new()
        .markdown(format!(
            "The operations of {}, one module each.",
            super::docs::escape_line(&service.title)
        ))
        .inner();
    let modules = operations.iter().map(|op| ident(&op.module));
    quote! {
        #doc
        #(pub mod #modules;)*
    }
}

/// One operation's module: docs, imports, items; `call_example` is shown in the request
/// type's docs.
pub fn operation_rs<'a>(
    service: &'a Service,
    op: &'a Operation,
    call_example: Option<&'a str>,
) -> RustModule<impl Iterator<Item = Group> + 'a> {
    // The request type of a deprecated operation is `#[deprecated]` for callers; its own module
    // (the impls beside it) uses it without warnings.
    let allow = op
        .deprecated
        .is_some()
        .then(|| quote!(#![allow(deprecated)]));
    // `super::super`, as for the imports of shared models (see `imports`).
    let moved = op
        .shared_names
        .iter()
        .filter(|shared| !shared.is_alias())
        .map(|shared| shared_name("super::super::models", shared));
    let shared_names = moved.chain(aliases_module(&op.shared_names));
    // A type that moved to the models is re-exported under its own name, which imports it.
    let models = service
        .models
        .iter()
        .filter(|m| !op.shared_names.iter().any(|shared| shared.name == m.name))
        .map(|m| m.name.clone())
        .collect();
    RustModule {
        doc: module_doc(op),
        inner: quote!(#allow),
        items: operation_items(service, op, call_example).chain(shared_names),
        imports: Imports {
            models,
            from_models: true,
            extra: &[],
        },
    }
}

/// `pub use <models>::Volume as VolumeDetail;`: a name model sharing merged into a shared model
/// (or `pub use <models>::Volume;` for a type that moved there), kept at its old path. Written
/// as text: prettyplease prints a `use` of one path on one line, however long (the tokens it
/// would print are [`shared_name_tokens`]).
fn shared_name(models: &str, shared: &SharedName) -> Group {
    Group::Printed {
        text: shared_name_line(models, shared),
        uses: Vec::new(),
    }
}

/// The line of [`shared_name`].
fn shared_name_line(models: &str, shared: &SharedName) -> String {
    if shared.is_alias() {
        format!("pub use {models}::{} as {};\n", shared.model, shared.name)
    } else {
        format!("pub use {models}::{};\n", shared.model)
    }
}

/// The private module of an operation's module that names the types model sharing merged
/// into another (`pub use super::super::super::models::Volume as VolumeDetail;`), re-exported
/// from the operation's module and the service's models by globs (see [`models_rs`]).
pub const ALIASES_MODULE: &str = "shared_names";

/// ```text
/// pub use self::shared_names::*;
///
/// pub(crate) mod shared_names {
///     pub use super::super::super::models::Volume as VolumeDetail;
/// }
/// ```
///
/// or nothing, for an operation none of whose types was merged. Written as text, as
/// [`shared_name`] is (the tokens are [`aliases_module_tokens`]).
fn aliases_module(shared_names: &[SharedName]) -> Option<Group> {
    let mut aliases = shared_names
        .iter()
        .filter(|shared| shared.is_alias())
        .peekable();
    aliases.peek()?;
    let mut text =
        format!("pub use self::{ALIASES_MODULE}::*;\n\npub(crate) mod {ALIASES_MODULE} {{\n");
    for shared in aliases {
        text.push_str("    ");
        text.push_str(&shared_name_line("super::super::super::models", shared));
    }
    text.push_str("}\n");
    Some(Group::Printed {
        text,
        uses: Vec::new(),
    })
}

/// [`aliases_module`] as tokens.
#[cfg(test)]
fn aliases_module_tokens(shared_names: &[SharedName]) -> TokenStream {
    let module = ident(ALIASES_MODULE);
    let aliases = shared_names
        .iter()
        .filter(|shared| shared.is_alias())
        .map(|shared| shared_name_tokens(quote!(super::super::super::models), shared));
    quote! {
        pub use self::#module::*;
        pub(crate) mod #module {
            #(#aliases)*
        }
    }
}

/// [`shared_name`] as tokens.
#[cfg(test)]
fn shared_name_tokens(models: TokenStream, shared: &SharedName) -> TokenStream {
    let model = ident(&shared.model);
    if shared.name == shared.model {
        quote!(pub use #models::#model;)
    } else {
        let name = ident(&shared.name);
        quote!(pub use #models::#model as #name;)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use quote::quote;

    use super::{
        Group, SharedName, aliases_module, aliases_module_tokens, shared_name, shared_name_tokens,
    };

    proptest! {
        /// A re-export written as text is prettyplease's text of its tokens, however long.
        #[test]
        fn re_exports_print_as_prettyplease_prints_them(
            model in "[A-Z][A-Za-z0-9]{0,120}",
            name in "[A-Z][A-Za-z0-9]{0,120}",
            same in any::<bool>(),
            in_models in any::<bool>(),
        ) {
            let shared = SharedName {
                name: if same { model.clone() } else { name },
                model,
            };
            let (path, tokens) = if in_models {
                ("self", quote!(self))
            } else {
                ("super::super::models", quote!(super::super::models))
            };
            let Group::Printed { text, .. } = shared_name(path, &shared) else {
                panic!("a re-export is always written as text");
            };
            let file = super::super::format_rust(shared_name_tokens(tokens, &shared), "test").unwrap();
            prop_assert_eq!(text.as_str(), file.split_once('\n').unwrap().1);
        }

        /// An operation's module of aliases written as text is prettyplease's text of its
        /// tokens; moved types are not in it, and without aliases there is no module.
        #[test]
        fn alias_modules_print_as_prettyplease_prints_them(
            names in proptest::collection::vec(
                ("[A-Z][A-Za-z0-9]{0,60}", "[A-Z][A-Za-z0-9]{0,60}", any::<bool>()),
                0..6,
            ),
        ) {
            let shared: Vec<SharedName> = names
                .into_iter()
                .map(|(model, name, moved)| SharedName {
                    name: if moved { model.clone() } else { name },
                    model,
                })
                .collect();
            let Some(Group::Printed { text, .. }) = aliases_module(&shared) else {
                prop_assert!(shared.iter().all(|shared| !shared.is_alias()));
                return Ok(());
            };
            let file = super::super::format_rust(aliases_module_tokens(&shared), "test").unwrap();
            prop_assert_eq!(text.as_str(), file.split_once('\n').unwrap().1);
            let lines = text.lines().filter(|line| line.contains(" as ")).count();
            prop_assert_eq!(lines, shared.iter().filter(|shared| shared.is_alias()).count());
        }
    }
}
