//! `specgen`: typed Rust bindings for Huawei Cloud APIs, generated from YAML specs of their API
//! reference pages.
//!
//! The pipeline has one module per stage:
//!
//! 1. [`spec`]: load the YAML strictly (unknown keys, duplicate keys and unquoted wire values
//!    are errors) and check each file;
//! 2. [`model`]: resolve references, decide every Rust name, lift inline types, check examples;
//! 3. [`emit`]: produce the text of every file (formatted, with a header naming its source);
//! 4. [`write`](mod@write): compare with the output directory and write only what changed.
//!
//! [`render`] runs stages 1–3 in memory; [`generate`] and [`check`] add stage 4. Problems are
//! [`Diagnostic`]s that name the file, line and field.

#![deny(missing_docs)]

pub mod cli;
pub mod diagnostics;
pub mod emit;
pub mod model;
pub mod spec;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Position, Severity};

use crate::model::Service;

/// Every generated file of a spec directory, with the warnings the specs produced.
#[derive(Debug)]
pub struct Rendered {
    /// Files keyed by path relative to the output directory.
    pub files: emit::Files,
    /// Warnings (never errors: those fail [`render`]).
    pub warnings: Diagnostics,
    /// Every spec file read, for `cargo:rerun-if-changed`.
    pub files_read: Vec<PathBuf>,
}

/// The resolved services of a spec directory.
#[derive(Debug)]
pub struct Loaded {
    /// Each service's model with the files it came from, by directory name.
    pub services: Vec<LoadedService>,
    /// Warnings (never errors: those fail [`load`]).
    pub warnings: Diagnostics,
    /// Every spec file read.
    pub files_read: Vec<PathBuf>,
}

/// One resolved service.
#[derive(Debug)]
pub struct LoadedService {
    /// The resolved model.
    pub model: Service,
    /// The spec files, for what the model does not carry (examples as printed).
    pub files: spec::ServiceFiles,
}

/// Loads, checks and resolves every service under `spec_dir`. One broken service fails the
/// whole load, so a run never generates some services and not others.
pub fn load(spec_dir: &Path) -> Result<Loaded, Diagnostics> {
    let loaded = spec::load_spec_dir(spec_dir)?;
    let mut services = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failed = false;
    for files in loaded.services {
        match model::resolve_service(&files) {
            Ok((model, warnings)) => {
                diagnostics.extend(warnings);
                services.push(LoadedService { model, files });
            }
            Err(found) => {
                failed = true;
                diagnostics.extend(found);
            }
        }
    }
    let mut diagnostics = Diagnostics(diagnostics);
    diagnostics.sort();
    if failed {
        Err(diagnostics)
    } else {
        Ok(Loaded {
            services,
            warnings: diagnostics,
            files_read: loaded.files_read,
        })
    }
}

/// Runs the pipeline up to the file contents, writing nothing.
pub fn render(spec_dir: &Path) -> Result<Rendered, Error> {
    let loaded = load(spec_dir).map_err(Error::Spec)?;
    let mut files = emit::manifest::core_files();
    for service in &loaded.services {
        files.extend(emit::service_files(&service.model, &service.files).map_err(Error::Internal)?);
    }
    Ok(Rendered {
        files,
        warnings: loaded.warnings,
        files_read: loaded.files_read,
    })
}

/// What [`generate`] did.
#[derive(Debug)]
pub struct Generated {
    /// The files that were added, changed or removed.
    pub changes: Vec<write::Change>,
    /// Warnings from the specs.
    pub warnings: Diagnostics,
    /// Every spec file read.
    pub files_read: Vec<PathBuf>,
}

/// Generates `out_dir` from `spec_dir`, writing only changed files. On any spec error nothing
/// is written.
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Result<Generated, Error> {
    let rendered = render(spec_dir)?;
    let changes = write::plan(out_dir, &rendered.files).map_err(Error::Io)?;
    write::apply(out_dir, &changes).map_err(Error::Io)?;
    Ok(Generated {
        changes,
        warnings: rendered.warnings,
        files_read: rendered.files_read,
    })
}

/// Compares `out_dir` with what `spec_dir` produces, writing nothing. An empty list of changes
/// means it is up to date.
pub fn check(spec_dir: &Path, out_dir: &Path) -> Result<Generated, Error> {
    let rendered = render(spec_dir)?;
    let changes = write::plan(out_dir, &rendered.files).map_err(Error::Io)?;
    Ok(Generated {
        changes,
        warnings: rendered.warnings,
        files_read: rendered.files_read,
    })
}

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The specs are wrong; the diagnostics say where.
    Spec(Diagnostics),
    /// Reading or writing the output failed.
    Io(std::io::Error),
    /// A bug in the generator: generated code that does not parse.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => write!(f, "{diagnostics}"),
            Error::Io(error) => write!(f, "error: {error}"),
            Error::Internal(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}
