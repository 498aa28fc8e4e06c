//! Stage 1: the spec files, parsed strictly and checked.
//!
//! `load` reads YAML into the [`types`] that mirror the files; `check` applies the rules that
//! need more than one key at a time. Neither knows anything about Rust.

pub mod check;
pub mod file_names;
pub mod limits;
pub mod load;
pub mod location;
pub mod numbers;
pub mod path_template;
pub mod types;
pub mod yaml;

pub use load::{
    EXAMPLES_DIR, ExampleProgram, OPERATIONS_DIR, SERVICE_FILE, ServiceFiles, SourceFile,
    SpecFiles, load_spec_dir,
};
pub use location::LocationIndex;
