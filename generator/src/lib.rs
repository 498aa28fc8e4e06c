//! `specgen`: typed Rust bindings for Huawei Cloud APIs, generated from YAML specs of their API
//! reference pages.
//!
//! The pipeline has one module per stage, and each stage imports only the stages before it
//! (`ARCHITECTURE.md` has the map and the rules):
//!
//! 1. [`spec`]: load the YAML strictly (unknown keys, duplicate keys and unquoted wire values
//!    are errors) and check each file;
//! 2. [`model`]: resolve references, decide every Rust name, lift inline types, check examples;
//! 3. back ends over the model alone: [`emit`] (the Rust crates) and [`export`] (an OpenAPI
//!    document, the API-level diff of two versions);
//! 4. [`write`](mod@write): compare with the output directory and write only what changed.
//!
//! [`render`] runs stages 1–3 in memory; [`generate`] and [`check`] add stage 4. Problems are
//! [`Diagnostic`]s that name the file, line and field.
//!
//! Front ends: [`cli`] (the command line), [`build`] (build scripts), [`config`]
//! (`specgen.toml` → [`Target`]s). Beside the pipeline, [`import`] turns a captured API
//! reference page into spec text.

#![deny(missing_docs)]

pub mod build;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod export;
mod fast_hash;
pub mod import;
pub mod markdown;
pub mod model;
pub mod output;
mod parallel;
mod pipeline;
mod runtime_items;
pub mod spec;
pub mod target;
mod unicode;
pub mod write;

pub use diagnostics::{Diagnostic, DiagnosticKind, Diagnostics, Position, Severity};
pub use pipeline::{
    Error, Generated, Loaded, Planned, Rendered, apply, check, generate, load, load_labeled, plan,
    render,
};
pub use target::{Packaging, Runtime, Target};
