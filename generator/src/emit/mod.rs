//! Stage 3: the resolved model → the text of every generated file.
//!
//! One emitter per kind of output: `types` (structs and enums with their validators),
//! `operation` (request types and `Operation` impls), `crate_root` (lib.rs, models.rs,
//! operations/mod.rs), `manifest` (Cargo.toml and the shared runtime crate), `split`
//! (the crates of a service too large for one) and `call_examples` (the call each request
//! type's docs show, and the test file that compiles them all). Rust is built with `quote!`, parsed once by
//! syn (where `imports` reads the names it uses), formatted by prettyplease and given a
//! header naming its source; in modules, doc comments skip the round trip (`doc_splice`), the
//! most repeated items are written as text the way prettyplease lays them out (`printed`), and
//! each call example is printed once for its docs and the test file.

pub(crate) mod call_examples;
pub(crate) mod checks;
pub(crate) mod crate_root;
pub(crate) mod doc_splice;
pub(crate) mod docs;
pub(crate) mod format;
pub(crate) mod imports;
pub mod manifest;
pub(crate) mod operation;
pub(crate) mod page_examples;
pub(crate) mod printed;
pub(crate) mod printed_expr;
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
/// `operations_per_crate` operations (`None`: the default for its size; see `split`); with `call_examples`, each request type's
/// docs show a call and the crate users depend on compiles them (see `call_examples`).
pub fn service_files(
    service: &Service,
    runtime_path: &str,
    operations_per_crate: Option<usize>,
    call_examples: bool,
    packaging: &Packaging,
) -> Result<Files, String> {
    let parts = split::parts(service, operations_per_crate);
    // Each example is printed once, for its request type's docs, the crate docs and the test
    // file that compiles them all.
    let examples = if call_examples {
        let frame = call_examples::ExampleFrame::new(service)?;
        crate::parallel::map(&service.operations, |op| {
            call_examples::example_text(service, op, &frame)
        })
        .into_iter()
        .collect::<Result<Vec<_>, String>>()?
    } else {
        Vec::new()
    };
    let jobs = file_jobs(service, runtime_path, &parts, &examples, packaging);
    // Every file is rendered on the job queue; a failure is the first failing file's, in the
    // order of `jobs`, whichever worker met it first.
    let texts = crate::parallel::map(&jobs, |(_, job)| job())
        .into_iter()
        .collect::<Result<Vec<_>, String>>()?;
    Ok(jobs.into_iter().map(|(path, _)| path).zip(texts).collect())
}

/// A file's text, rendered by whichever worker takes it.
type Job<'a> = Box<dyn Fn() -> Result<String, String> + Sync + 'a>;

/// Every file of the service with the job that renders it, the costliest first (the models
/// file, the call-example tests, then the operation modules), so no large job is left for the
/// end of the queue.
/// `examples` are the operations' call examples, in order, or none where the target compiles
/// none.
fn file_jobs<'a>(
    service: &'a Service,
    runtime_path: &'a str,
    parts: &'a [split::Part],
    examples: &'a [String],
    packaging: &'a Packaging,
) -> Vec<(PathBuf, Job<'a>)> {
    let root = PathBuf::from(&service.name);
    let mut jobs: Vec<(PathBuf, Job<'a>)> = Vec::new();
    let models_path = if parts.is_empty() {
        root.join("src/models.rs")
    } else {
        root.join(split::MODELS_DIR).join("src/models.rs")
    };
    jobs.push((
        models_path,
        Box::new(move || crate_root::models_rs(service, !parts.is_empty()).format(&service.origin)),
    ));
    // In the crate users depend on, which names every operation at its public path; one file
    // as large as the models file.
    if !examples.is_empty() {
        jobs.push((
            root.join(call_examples::TEST_FILE),
            Box::new(move || call_examples::call_examples_rs(service, examples)),
        ));
    }
    // Each operation's module: formatting dominates a run, and operations are independent.
    // Token streams are not `Send`, so each job builds its own from the shared model.
    let operation_dirs = if parts.is_empty() {
        vec![root.clone(); service.operations.len()]
    } else {
        parts
            .iter()
            .flat_map(|part| std::iter::repeat_n(root.join(&part.dir), part.operations.len()))
            .collect()
    };
    for (index, (op, dir)) in service.operations.iter().zip(operation_dirs).enumerate() {
        jobs.push((
            dir.join(format!("src/operations/{}.rs", op.module)),
            Box::new(move || {
                let example = examples.get(index).map(String::as_str);
                crate_root::operation_rs(service, op, example).format(&op.origin)
            }),
        ));
    }
    let has_page_examples = page_examples::has_page_examples(service);
    jobs.push((
        root.join("src/lib.rs"),
        Box::new(move || {
            // The crate docs lead with a call of the first operation that is not deprecated.
            let leading = service
                .operations
                .iter()
                .position(|op| op.deprecated.is_none())
                .unwrap_or(0);
            let example = examples.get(leading).map(String::as_str);
            format_rust(
                crate_root::lib_rs(service, example, has_page_examples, parts),
                &service.origin,
            )
        }),
    ));
    if has_page_examples {
        jobs.push((
            root.join("src/page_examples.rs"),
            Box::new(move || {
                let tokens = page_examples::page_examples_rs(service)
                    .ok_or("internal error: the page examples went away")?;
                let origin = format!("the examples in {}", service.operations_origin);
                format_rust(tokens, &origin)
            }),
        ));
    }
    jobs.push((
        root.join("src/service.rs"),
        Box::new(move || format_rust(crate_root::service_rs(service), &service.origin)),
    ));
    for example in &service.example_programs {
        // Examples are hand-written Rust, copied as they are; only the header is added.
        jobs.push((
            root.join(EXAMPLES_DIR).join(&example.file_name),
            Box::new(move || Ok(format!("{}{}", header("//", &example.origin), example.text))),
        ));
    }
    let operations_origin = || format!("the files in {}", service.operations_origin);
    if parts.is_empty() {
        jobs.push((
            root.join("Cargo.toml"),
            Box::new(move || Ok(manifest::service_manifest(service, runtime_path, packaging))),
        ));
        jobs.push((
            root.join("src/operations/mod.rs"),
            Box::new(move || {
                format_rust(
                    crate_root::operations_mod_rs(service, &service.operations),
                    &operations_origin(),
                )
            }),
        ));
        return jobs;
    }

    // The parts sit one directory deeper than the service crate.
    let nested_runtime = if Path::new(runtime_path).is_absolute() {
        runtime_path.to_owned()
    } else {
        format!("../{runtime_path}")
    };
    let models_package = split::models_package(service);
    let models_dir = root.join(split::MODELS_DIR);
    let manifest =
        manifest::crate_manifest(service, &models_package, &nested_runtime, &[], packaging, 2);
    jobs.push((
        models_dir.join("Cargo.toml"),
        Box::new(move || Ok(manifest.clone())),
    ));
    jobs.push((
        models_dir.join("src/lib.rs"),
        Box::new(move || format_rust(split::models_lib_rs(service), &service.origin)),
    ));
    let mut internal = vec![(models_package.clone(), split::MODELS_DIR.to_owned())];
    let part_dependencies = [(models_package, format!("../{}", split::MODELS_DIR))];
    for part in parts {
        let dir = root.join(&part.dir);
        let manifest = manifest::crate_manifest(
            service,
            &part.package,
            &nested_runtime,
            &part_dependencies,
            packaging,
            2,
        );
        jobs.push((
            dir.join("Cargo.toml"),
            Box::new(move || Ok(manifest.clone())),
        ));
        jobs.push((
            dir.join("src/lib.rs"),
            Box::new(move || {
                format_rust(
                    split::part_lib_rs(service, part, parts.len()),
                    &operations_origin(),
                )
            }),
        ));
        jobs.push((
            dir.join("src/operations/mod.rs"),
            Box::new(move || {
                format_rust(
                    crate_root::operations_mod_rs(
                        service,
                        &service.operations[part.operations.clone()],
                    ),
                    &operations_origin(),
                )
            }),
        ));
        internal.push((part.package.clone(), part.dir.clone()));
    }
    let manifest = manifest::crate_manifest(
        service,
        &service.package,
        runtime_path,
        &internal,
        packaging,
        1,
    );
    jobs.push((
        root.join("Cargo.toml"),
        Box::new(move || Ok(manifest.clone())),
    ));
    jobs.push((
        root.join("src/operations/mod.rs"),
        Box::new(move || {
            format_rust(
                split::operations_reexports_rs(service, parts),
                &operations_origin(),
            )
        }),
    ));
    jobs
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
    with_header(&prettyplease::unparse(file), origin)
}

/// Code as prettyplease prints it, with the generated-file header and a blank line between
/// items.
pub fn with_header(code: &str, origin: &str) -> String {
    let mut out = header("//", origin);
    separate_items(code, &mut out);
    out
}

/// prettyplease puts top-level items right after each other; a blank line between them (and
/// after the `use` block) reads like hand-written code. rustfmt keeps such blank lines. The
/// result is appended to `out`.
fn separate_items(code: &str, out: &mut String) {
    out.reserve(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in lines(code) {
        if let Some(previous) = previous {
            let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']);
            let is_comment = previous.starts_with("//");
            let top_level = !previous.starts_with(' ') && !is_comment;
            // `}` closes an item; `;` and an empty body (`impl Trait for Type {}`) end one
            // written on one line.
            let ends_item = previous == "}"
                || top_level && (previous.ends_with(';') || previous.ends_with("{}"));
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

/// `text.lines()`, each line break found by memchr: `str::lines` looks for each one by itself,
/// which on generated code's short lines was most of [`separate_items`]'s time.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |end| {
            let line = match end {
                // A `\r` before the line break is part of it.
                Some(end) => {
                    let line = &text[start..end];
                    line.strip_suffix('\r').unwrap_or(line)
                }
                None if start < text.len() => &text[start..],
                None => return None,
            };
            start = end.map_or(text.len(), |end| end + 1);
            Some(line)
        })
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
    let models = crate_root::models_rs(service, false).parse(&service.origin)?;
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

/// Every service of the specs in the repository: the services, conformance, constructs and
/// the page corpus (for the tests that compare text written here with prettyplease's).
#[cfg(test)]
fn repository_services() -> Vec<Service> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    [
        "spec",
        "tests/conformance/spec",
        "tests/constructs/spec",
        "tests/corpus/spec",
    ]
    .iter()
    .flat_map(|dir| crate::model::resolve_dir_for_tests(&root.join(dir)))
    .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{lines, separate_items};

    proptest! {
        /// The lines are `str::lines`'s.
        #[test]
        fn lines_are_str_lines(text in "[a\\n\\r ]{0,24}") {
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }

    #[test]
    fn items_are_separated_by_one_blank_line_whatever_ends_them() {
        let code = "//! Docs.\nuse a::B;\nuse c::D;\nstruct E;\nimpl F for E {}\nimpl G for E {\n    fn h() {}\n}\n// note\nfn i() {}\n";
        let mut out = String::new();
        separate_items(code, &mut out);
        assert_eq!(
            out,
            "//! Docs.\n\nuse a::B;\nuse c::D;\n\nstruct E;\n\nimpl F for E {}\n\nimpl G for E {\n    fn h() {}\n}\n\n// note\nfn i() {}\n"
        );
    }
}
