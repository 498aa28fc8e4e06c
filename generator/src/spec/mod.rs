//! Stage 1: the spec files, parsed strictly and checked.
//!
//! `load` reads YAML into the [`types`] that mirror the files; `check` applies the rules that
//! need more than one key at a time. Neither knows anything about Rust.

pub(crate) mod check;
pub(crate) mod file_names;
pub mod limits;
pub mod load;
pub(crate) mod location;
pub(crate) mod numbers;
pub(crate) mod path_template;
pub mod types;
pub(crate) mod yaml;
pub mod yaml_path;

pub use load::{
    EXAMPLES_DIR, ExampleProgram, OPERATIONS_DIR, SERVICE_FILE, ServiceFiles, SourceFile,
    SpecFiles, load_spec_dir,
};
pub use location::LocationIndex;
