//! Stage 3: the resolved model → the text of every generated file.
//!
//! One emitter per kind of output: `types` (structs and enums with their validators),
//! `operation` (request types and `Operation` impls), `crate_root` (lib.rs, models.rs,
//! operations/mod.rs), `manifest` (Cargo.toml and the shared runtime crate), `split`
//! (the crates of a service too large for one) and `call_examples` (the call each request
//! type's docs show, and the test file that compiles them all). Rust is built with `quote!`, parsed once by
//! syn (where `imports` reads the names it uses), formatted by prettyplease and given a
//! header naming its source.

pub(crate) mod call_examples;
pub(crate) mod checks;
pub(crate) mod crate_root;
pub(crate) mod docs;
pub(crate) mod format;
pub(crate) mod imports;
pub mod manifest;
pub(crate) mod operation;
pub(crate) mod page_examples;
pub(crate) mod rust;
pub(crate) mod split;
pub(crate) mod types;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::model::Service;
use crate::output::{Files, header};
use crate::target::Packaging;

/// Where a crate keeps its example programs (cargo's convention).
const EXAMPLES_DIR: &str = "examples";

/// Every file of one service: one crate, or several when it has more than
/// `operations_per_crate` operations (see `split`); with `call_examples`, each request type's
/// docs show a call and the crate users depend on compiles them (see `call_examples`).
pub fn service_files(
    service: &Service,
    runtime_path: &str,
    operations_per_crate: usize,
    call_examples: bool,
    packaging: &Packaging,
) -> Result<Files, String> {
    let parts = split::parts(service, operations_per_crate);
    // The operation modules are most of the work: workers render them while this thread
    // renders the files around them.
    let (modules, out) = std::thread::scope(|scope| {
        let modules = scope.spawn(|| operation_files(service, call_examples));
        let out = crate_files(service, runtime_path, &parts, call_examples, packaging);
        (modules.join(), out)
    });
    let modules =
        modules.map_err(|_| "internal error: an emitter thread panicked".to_owned())??;
    let mut out = out?;
    let root = PathBuf::from(&service.name);
    let mut modules = modules.into_iter();
    if parts.is_empty() {
        for (module, text) in modules.by_ref() {
            out.insert(root.join(format!("src/operations/{module}.rs")), text);
        }
    }
    for part in &parts {
        let dir = root.join(&part.dir);
        for (module, text) in modules.by_ref().take(part.operations.len()) {
            out.insert(dir.join(format!("src/operations/{module}.rs")), text);
        }
    }
    Ok(out)
}

/// Every file of the service but its operation modules.
fn crate_files(
    service: &Service,
    runtime_path: &str,
    parts: &[split::Part],
    call_examples: bool,
    packaging: &Packaging,
) -> Result<Files, String> {
    let root = PathBuf::from(&service.name);
    let mut out = Files::new();
    // In the crate users depend on, which names every operation at its public path.
    if call_examples && !service.operations.is_empty() {
        out.insert(
            root.join(call_examples::TEST_FILE),
            format_rust(
                call_examples::call_examples_rs(service)?,
                &format!("the files in {}", service.operations_origin),
            )?,
        );
    }
    let page_examples = page_examples::page_examples_rs(service);
    // The crate docs lead with a call of the first operation that is not deprecated.
    let leading = service
        .operations
        .iter()
        .find(|op| op.deprecated.is_none())
        .or(service.operations.first());
    let example = match leading {
        Some(op) if call_examples => Some(call_examples::example_text(service, op)?),
        _ => None,
    };
    out.insert(
        root.join("src/lib.rs"),
        format_rust(
            crate_root::lib_rs(
                service,
                example.as_deref(),
                page_examples.is_some(),
                !parts.is_empty(),
            ),
            &service.origin,
        )?,
    );
    if let Some(tokens) = page_examples {
        let origin = format!("the examples in {}", service.operations_origin);
        out.insert(
            root.join("src/page_examples.rs"),
            format_rust(tokens, &origin)?,
        );
    }
    out.insert(
        root.join("src/service.rs"),
        format_rust(crate_root::service_rs(service), &service.origin)?,
    );
    for example in &service.example_programs {
        // Examples are hand-written Rust, copied as they are; only the header is added.
        let path = root.join(EXAMPLES_DIR).join(&example.file_name);
        out.insert(
            path,
            format!("{}{}", header("//", &example.origin), example.text),
        );
    }
    let operations_origin = format!("the files in {}", service.operations_origin);
    let models = crate_root::models_rs(service).format(&service.origin)?;
    if parts.is_empty() {
        out.insert(
            root.join("Cargo.toml"),
            manifest::service_manifest(service, runtime_path, packaging),
        );
        out.insert(root.join("src/models.rs"), models);
        out.insert(
            root.join("src/operations/mod.rs"),
            format_rust(
                crate_root::operations_mod_rs(service, &service.operations),
                &operations_origin,
            )?,
        );
        return Ok(out);
    }

    // The parts sit one directory deeper than the service crate.
    let nested_runtime = if Path::new(runtime_path).is_absolute() {
        runtime_path.to_owned()
    } else {
        format!("../{runtime_path}")
    };
    let models_package = split::models_package(service);
    let models_dir = root.join(split::MODELS_DIR);
    out.insert(
        models_dir.join("Cargo.toml"),
        manifest::crate_manifest(service, &models_package, &nested_runtime, &[], packaging, 2),
    );
    out.insert(
        models_dir.join("src/lib.rs"),
        format_rust(split::models_lib_rs(service), &service.origin)?,
    );
    out.insert(models_dir.join("src/models.rs"), models);
    let mut internal = vec![(models_package.clone(), split::MODELS_DIR.to_owned())];
    let part_dependencies = [(models_package, format!("../{}", split::MODELS_DIR))];
    for part in parts {
        let dir = root.join(&part.dir);
        out.insert(
            dir.join("Cargo.toml"),
            manifest::crate_manifest(
                service,
                &part.package,
                &nested_runtime,
                &part_dependencies,
                packaging,
                2,
            ),
        );
        out.insert(
            dir.join("src/lib.rs"),
            format_rust(
                split::part_lib_rs(service, part, parts.len()),
                &operations_origin,
            )?,
        );
        out.insert(
            dir.join("src/operations/mod.rs"),
            format_rust(
                crate_root::operations_mod_rs(
                    service,
                    &service.operations[part.operations.clone()],
                ),
                &operations_origin,
            )?,
        );
        internal.push((part.package.clone(), part.dir.clone()));
    }
    out.insert(
        root.join("Cargo.toml"),
        manifest::crate_manifest(
            service,
            &service.package,
            runtime_path,
            &internal,
            packaging,
            1,
        ),
    );
    out.insert(
        root.join("src/operations/mod.rs"),
        format_rust(
            split::operations_reexports_rs(service, parts),
            &operations_origin,
        )?,
    );
    Ok(out)
}

/// Each operation's module text, emitted and formatted on every core: formatting dominates a
/// run, and operations are independent. Token streams are not `Send`, so each worker builds its
/// own from the shared model and hands back text; the result is ordered as the input, so output
/// does not depend on scheduling.
fn operation_files(
    service: &Service,
    call_examples: bool,
) -> Result<Vec<(String, String)>, String> {
    let jobs = &service.operations;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let chunk = jobs.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|op| {
                            let example = call_examples
                                .then(|| call_examples::example_text(service, op))
                                .transpose()?;
                            let text = crate_root::operation_rs(service, op, example.as_deref())
                                .format(&op.origin)?;
                            Ok((op.module.clone(), text))
                        })
                        .collect::<Result<Vec<_>, String>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(jobs.len());
        for handle in handles {
            let done = handle
                .join()
                .map_err(|_| "internal error: an emitter thread panicked".to_owned())??;
            all.extend(done);
        }
        Ok(all)
    })
}

/// Formats a token stream as a Rust file with the generated-file header.
pub fn format_rust(tokens: TokenStream, origin: &str) -> Result<String, String> {
    Ok(format_file(&parse_file(tokens, origin)?, origin))
}

/// Parses generated tokens as a file; failing is a bug of the generator.
pub fn parse_file(tokens: TokenStream, origin: &str) -> Result<syn::File, String> {
    syn::parse2(tokens).map_err(|error| {
        format!("internal error: generated code for {origin} does not parse: {error}")
    })
}

/// Formats a parsed file with the generated-file header.
pub fn format_file(file: &syn::File, origin: &str) -> String {
    let mut out = header("//", origin);
    separate_items(&prettyplease::unparse(file), &mut out);
    out
}

/// prettyplease puts top-level items right after each other; a blank line between them (and
/// after the `use` block) reads like hand-written code. rustfmt keeps such blank lines. The
/// result is appended to `out`.
fn separate_items(code: &str, out: &mut String) {
    out.reserve(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if let Some(previous) = previous {
            let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']);
            let is_comment = previous.starts_with("//");
            let ends_item = previous == "}"
                || previous.ends_with(';') && !previous.starts_with(' ') && !is_comment;
            let is_use = |l: &str| l.starts_with("use ") || l.starts_with("pub use ");
            let both_use = is_use(previous) && is_use(line);
            let after_module_doc =
                previous.starts_with("//!") && !line.starts_with("//!") && !line.starts_with("#![");
            let after_inner_attrs = previous.starts_with("#![") && !line.starts_with("#![");
            if starts_item && (ends_item && !both_use || after_module_doc || after_inner_attrs) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
}

/// The whole service as one file for `include!` from a build script: the modules of the crate
/// as inline `mod` blocks. `include!` rejects inner attributes at the top of the file, so the
/// crate-level docs and lints of `lib.rs` are left out; inside the `mod` blocks inner docs are
/// fine. The runtime stays the `huaweicloud-sdk-core` crate. Call examples are left out: they
/// name the service's crate, which a build-script user does not have.
///
/// ```text
/// pub mod models { ... }
/// pub mod operations { pub mod collect_db_objects_info { ... } ... }
/// mod service { ... }
/// pub use service::*;
/// ```
pub fn single_file(service: &Service) -> Result<String, String> {
    let models = crate_root::models_rs(service).parse(&service.origin)?;
    let operations = service
        .operations
        .iter()
        .map(|op| {
            let module = rust::ident(&op.module);
            let file = crate_root::operation_rs(service, op, None).parse(&op.origin)?;
            Ok(quote::quote!(pub mod #module { #file }))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let service_rs = crate_root::service_rs(service);
    let operations_doc = docs::Doc::new()
        .markdown(format!(
            "The operations of {}, one module each.",
            docs::escape_line(&service.title)
        ))
        .inner();
    let tokens = quote::quote! {
        pub mod models { #models }
        pub mod operations {
            #operations_doc
            #(#operations)*
        }
        mod service { #service_rs }
        pub use service::*;
    };
    let origin = format!("{} and {}", service.origin, service.operations_origin);
    format_rust(tokens, &origin)
}
