//! Large services as several crates.
//!
//! rustc compiles one crate on one core, and its time and memory grow with the crate: a
//! service of a thousand operations in one crate takes a minute and over 4 GB to check. A
//! service with more operations than a target's `operations_per_crate` (by default
//! `target::default_operations_per_crate`) is therefore emitted as
//!
//! ```text
//! <service>/            huaweicloud-sdk-<service>: the crate users depend on; lib.rs, service.rs,
//!                       page examples, and operations/mod.rs re-exporting every operation module
//! <service>/models/     huaweicloud-sdk-<service>-models: the shared models
//! <service>/part01/ ... huaweicloud-sdk-<service>-part01 ...: the operation modules, in equal
//!                       runs of the service's (sorted) operations
//! ```
//!
//! so that cargo compiles the parts side by side and no compiler process holds the whole
//! service. Paths stay those of a one-crate service (`operations::<op>::<Type>`, `models::...`),
//! so splitting or joining a service never changes the API. The parts are contiguous runs of
//! the sorted operations: adding one operation moves at most a few modules to a neighbouring
//! part.

use std::ops::Range;

use proc_macro2::TokenStream;
use quote::quote;

use super::crate_root;
use super::docs::{Doc, code_span, escape_line};
use super::rust::ident;
use crate::model::Service;
use crate::target;

/// One crate of a split service's operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// 1-based.
    pub number: usize,
    /// `huaweicloud-sdk-bench-part01`.
    pub package: String,
    /// `part01`, inside the service's directory.
    pub dir: String,
    /// Indices into `service.operations`.
    pub operations: Range<usize>,
}

/// The parts of `service`, or an empty list when it fits in one crate. `operations_per_crate`
/// is the target's limit, `None` for the default.
pub fn parts(service: &Service, operations_per_crate: Option<usize>) -> Vec<Part> {
    let total = service.operations.len();
    let per_crate =
        operations_per_crate.unwrap_or_else(|| target::default_operations_per_crate(total));
    let ranges = ranges(total, per_crate);
    let width = ranges.len().to_string().len().max(2);
    ranges
        .into_iter()
        .enumerate()
        .map(|(index, operations)| {
            let dir = format!("part{:0width$}", index + 1);
            Part {
                number: index + 1,
                package: format!("{}-{dir}", service.package),
                dir,
                operations,
            }
        })
        .collect()
}

/// `total` operations in as few runs of at most `per_crate` as possible, as equal as possible
/// (the first ones one longer); none when they fit in one crate.
fn ranges(total: usize, per_crate: usize) -> Vec<Range<usize>> {
    let per_crate = per_crate.max(1);
    if total <= per_crate {
        return Vec::new();
    }
    let count = total.div_ceil(per_crate);
    let (base, extra) = (total / count, total % count);
    let mut start = 0;
    (0..count)
        .map(|index| {
            let len = base + usize::from(index < extra);
            start += len;
            start - len..start
        })
        .collect()
}

/// The package holding a split service's shared models.
pub fn models_package(service: &Service) -> String {
    format!("{}-models", service.package)
}

/// The directory, inside the service's, of the models crate.
pub const MODELS_DIR: &str = "models";

/// The name a package is used by in Rust code.
pub fn crate_ident(package: &str) -> proc_macro2::Ident {
    ident(&package.replace('-', "_"))
}

/// A part's `lib.rs`: the operation modules, and the models under the path they import them by.
pub fn part_lib_rs(service: &Service, part: &Part, count: usize) -> TokenStream {
    let operations = &service.operations[part.operations.clone()];
    let first = operations.first().map_or("", |op| op.id.as_str());
    let last = operations.last().map_or("", |op| op.id.as_str());
    let doc = Doc::new()
        .markdown(format!(
            "Operations {} to {} of {} (part {} of {count}).",
            code_span(first),
            code_span(last),
            escape_line(&service.title),
            part.number,
        ))
        .paragraph();
    let doc = use_through(
        doc,
        service,
        "which re-exports every operation module at the same path.",
    )
    .inner();
    let models = crate_ident(&models_package(service));
    let aliases = part_aliases_module(service, part);
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        pub use #models::models;

        #[rustfmt::skip]
        pub mod operations;
        #aliases
    }
}

/// The aliases of the part's operations gathered for the service crate's `models` module (see
/// [`models_module`]), or nothing when no type of the part was merged into another.
fn part_aliases_module(service: &Service, part: &Part) -> Option<TokenStream> {
    let aliases_module = ident(crate_root::ALIASES_MODULE);
    let mut globs = service.operations[part.operations.clone()]
        .iter()
        .filter(|op| op.aliases().next().is_some())
        .map(|op| {
            let module = ident(&op.module);
            quote!(pub use crate::operations::#module::#aliases_module::*;)
        })
        .peekable();
    globs.peek()?;
    Some(quote! {
        #[doc(hidden)]
        pub mod #aliases_module {
            #(#globs)*
        }
    })
}

/// The models crate's `lib.rs`.
pub fn models_lib_rs(service: &Service) -> TokenStream {
    let doc = Doc::new()
        .markdown(format!(
            "The models shared by the operations of {}.",
            escape_line(&service.title)
        ))
        .paragraph();
    let doc = use_through(doc, service, "which re-exports this module as `models`.").inner();
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]

        #[rustfmt::skip]
        pub mod models;
    }
}

/// The note every internal crate's docs end with: which crate to use instead, and what it
/// re-exports.
fn use_through(doc: Doc, service: &Service, reexports: &str) -> Doc {
    doc.markdown(format!(
        "A large service is compiled as several crates, side by side; use it through `{}`,",
        service.package
    ))
    .markdown(reexports)
}

/// The service crate's `operations/mod.rs`: each operation module, re-exported from its part.
pub fn operations_reexports_rs(service: &Service, parts: &[Part]) -> TokenStream {
    let doc = Doc::new()
        .markdown(format!(
            "The operations of {}, one module each.",
            escape_line(&service.title)
        ))
        .inner();
    let uses = parts.iter().flat_map(|part| {
        let krate = crate_ident(&part.package);
        service.operations[part.operations.clone()]
            .iter()
            .map(move |op| {
                let module = ident(&op.module);
                quote!(#[doc(inline)] pub use #krate::operations::#module;)
            })
    });
    quote! {
        #doc
        #(#uses)*
    }
}

/// Whether a type of one of the part's operations was merged into another.
fn has_aliases(service: &Service, part: &Part) -> bool {
    service.operations[part.operations.clone()]
        .iter()
        .any(|op| op.aliases().next().is_some())
}

/// The service crate's `models` module: the models crate's, and the names of the types that
/// model sharing merged into a model, which sit in the parts (see `crate_root::models_rs`).
pub fn models_module(service: &Service, parts: &[Part]) -> TokenStream {
    let doc = crate_root::models_doc(service).outer();
    let models = crate_ident(&models_package(service));
    let aliases_module = ident(crate_root::ALIASES_MODULE);
    let parts = parts
        .iter()
        .filter(|part| has_aliases(service, part))
        .map(|part| crate_ident(&part.package));
    quote! {
        #doc
        pub mod models {
            #[doc(inline)]
            pub use #models::models::*;
            #(
                #[doc(inline)]
                pub use #parts::#aliases_module::*;
            )*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ranges;
    use crate::target::{
        DEFAULT_PARTS, MAX_DEFAULT_OPERATIONS_PER_CRATE, MIN_DEFAULT_OPERATIONS_PER_CRATE,
        default_operations_per_crate,
    };

    #[test]
    fn the_default_cuts_large_services_in_eight_parts_of_50_to_250() {
        let parts = |total: usize| ranges(total, default_operations_per_crate(total));
        assert!(parts(50).is_empty(), "up to 50 operations are one crate");
        assert_eq!(parts(51).len(), 2);
        assert_eq!(parts(100).len(), 2);
        assert_eq!(parts(113).len(), 3, "EVS");
        assert_eq!(parts(400).len(), 8);
        assert_eq!(parts(401).len(), 8);
        assert_eq!(parts(1000).len(), 8);
        assert_eq!(parts(2000).len(), 8);
        assert_eq!(parts(2001).len(), 9);
        for total in 0..5000 {
            let runs = parts(total);
            let longest = runs.iter().map(|r| r.len()).max().unwrap_or(total);
            assert!(longest <= MAX_DEFAULT_OPERATIONS_PER_CRATE, "{total}");
            if total > MIN_DEFAULT_OPERATIONS_PER_CRATE {
                let shortest = runs.iter().map(|r| r.len()).min().unwrap();
                // Equal runs of at most the default size: none below half the minimum.
                assert!(
                    shortest * 2 >= MIN_DEFAULT_OPERATIONS_PER_CRATE,
                    "{total}: {runs:?}"
                );
                assert!(
                    runs.len() <= DEFAULT_PARTS || longest * 2 > MAX_DEFAULT_OPERATIONS_PER_CRATE,
                    "{total}"
                );
            }
        }
    }

    #[test]
    fn operations_are_cut_into_equal_contiguous_runs() {
        assert!(ranges(100, 100).is_empty());
        assert!(ranges(0, 1).is_empty());
        assert_eq!(ranges(101, 100), vec![0..51, 51..101]);
        assert_eq!(ranges(5, 2), vec![0..2, 2..4, 4..5]);
        let thousand = ranges(1000, 100);
        assert_eq!(thousand.len(), 10);
        assert!(thousand.iter().all(|r| r.len() == 100));
        for (total, per_crate) in [(7, 3), (250, 100), (1001, 100), (3, 1)] {
            let runs = ranges(total, per_crate);
            assert_eq!(runs.first().unwrap().start, 0);
            assert_eq!(runs.last().unwrap().end, total);
            assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
            assert!(runs.iter().all(|r| !r.is_empty() && r.len() <= per_crate));
            let (shortest, longest) = (
                runs.iter().map(|r| r.len()).min(),
                runs.iter().map(|r| r.len()).max(),
            );
            assert!(longest.unwrap() - shortest.unwrap() <= 1, "{runs:?}");
        }
    }
}
