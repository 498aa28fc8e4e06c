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
//!
//! Around the pipeline: [`import`] turns a captured API reference page into a spec, [`build`]
//! generates a service from a build script, [`api_diff`] compares two spec versions,
//! [`openapi`] exports a spec as an OpenAPI document, [`config`] reads `specgen.toml`, and
//! [`cli`] is the command line.

#![deny(missing_docs)]

pub mod api_diff;
pub mod build;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod emit;
pub mod fingerprint;
pub mod import;
pub mod markdown;
pub mod model;
pub mod openapi;
pub mod spec;
mod unicode;
pub mod write;

use std::fmt;
use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, DiagnosticKind, Diagnostics, Position, Severity};

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
    load_labeled(spec_dir, &spec::spec_label(spec_dir))
}

/// [`load`], with generated-file headers naming the spec directory `label`.
pub fn load_labeled(spec_dir: &Path, label: &str) -> Result<Loaded, Diagnostics> {
    let loaded = spec::load_spec_dir(spec_dir, label)?;
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

/// One spec directory and where its crates go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The spec directory (`spec`).
    pub spec: PathBuf,
    /// The output directory (`generated`).
    pub out: PathBuf,
    /// Where service crates find the runtime crate.
    pub runtime: Runtime,
    /// How generated headers name the spec directory (see [`spec::spec_label`]).
    pub label: String,
    /// A service with more operations is emitted as several crates (see [`emit::split`]).
    pub operations_per_crate: usize,
}

/// Where the runtime crate `huaweicloud-sdk-core` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// Emitted into `<out>/core`, next to the service crates.
    Emit,
    /// Not emitted; service crates depend on the one at this path (relative to each service
    /// crate's directory), as a second target shares the first target's runtime.
    At(String),
}

impl Target {
    /// A target that emits its own runtime.
    pub fn new(spec: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        let spec = spec.into();
        let label = spec::spec_label(&spec);
        Target {
            spec,
            out: out.into(),
            runtime: Runtime::Emit,
            label,
            operations_per_crate: emit::split::DEFAULT_OPERATIONS_PER_CRATE,
        }
    }
}

/// Runs the pipeline up to the file contents, writing nothing.
pub fn render(target: &Target) -> Result<Rendered, Error> {
    let loaded = load_labeled(&target.spec, &target.label).map_err(Error::Spec)?;
    let (mut files, runtime_path) = match &target.runtime {
        Runtime::Emit => (
            emit::manifest::core_files(),
            format!("../{}", emit::manifest::CORE_DIR),
        ),
        Runtime::At(path) => (emit::Files::new(), path.clone()),
    };
    for service in &loaded.services {
        if service.model.name == emit::manifest::CORE_DIR {
            return Err(Error::Spec(Diagnostics(vec![service.files.service.error(
                crate::diagnostics::Code::ReservedServiceName,
                "name",
                "`core` is the runtime crate's directory; choose another service name",
            )])));
        }
        files.extend(
            emit::service_files(
                &service.model,
                &service.files,
                &runtime_path,
                target.operations_per_crate,
            )
            .map_err(Error::Internal)?,
        );
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

/// What a regeneration of one target will write, computed before anything is written and
/// without looking at the output directory's contents beyond the no-op shortcut.
#[derive(Debug)]
pub struct Planned {
    /// Warnings from the specs.
    pub warnings: Diagnostics,
    /// Every spec file read (none when the shortcut applied).
    pub files_read: Vec<PathBuf>,
    /// The files to write, with the record to leave for the next run; `None` when the output
    /// was already exactly as the last run left it.
    rendered: Option<(emit::Files, Option<fingerprint::State>)>,
}

/// Plans a regeneration: nothing to do when the inputs and the output are exactly as the last
/// run left them (see [`fingerprint`]), else a full render. Writes nothing, so a spec error
/// leaves every output directory as it was.
pub fn plan(target: &Target) -> Result<Planned, Error> {
    let inputs = fingerprint::inputs_hash(target).ok();
    if let Some(warnings) = inputs
        .as_deref()
        .and_then(|inputs| fingerprint::unchanged(&target.out, inputs))
    {
        return Ok(Planned {
            warnings,
            files_read: Vec::new(),
            rendered: None,
        });
    }
    let rendered = render(target)?;
    // Checked here, before any target is written, and again by `apply` under the lock.
    write::refuse_symlinks(&target.out, writer_paths(&rendered.files)).map_err(Error::Io)?;
    let state =
        inputs.map(|inputs| fingerprint::state(inputs, &rendered.files, &rendered.warnings));
    Ok(Planned {
        warnings: rendered.warnings,
        files_read: rendered.files_read,
        rendered: Some((rendered.files, state)),
    })
}

/// Carries out a plan under the output directory's lock (see [`write::lock`]): compares the
/// output with the planned files, writes the changes, then the record for the next run. Another
/// run writing the same directory is waited for, after `on_wait` is called with the lock
/// file's path.
pub fn apply(
    target: &Target,
    planned: &Planned,
    on_wait: impl FnOnce(&Path),
) -> Result<Generated, Error> {
    let mut generated = Generated {
        changes: Vec::new(),
        warnings: planned.warnings.clone(),
        files_read: planned.files_read.clone(),
    };
    let Some((files, state)) = &planned.rendered else {
        return Ok(generated);
    };
    let _lock = write::lock::exclusive(&target.out, on_wait).map_err(Error::Io)?;
    write::refuse_symlinks(&target.out, writer_paths(files)).map_err(Error::Io)?;
    generated.changes = write::plan(&target.out, files).map_err(Error::Io)?;
    write::apply(&target.out, &generated.changes).map_err(Error::Io)?;
    if let Some(state) = state {
        // Only a shortcut for the next run: failing to record it changes nothing else.
        let _ = fingerprint::save(&target.out, state);
    }
    Ok(generated)
}

/// Generates the target's crates, writing only changed files. On any spec error nothing is
/// written. A run that must wait for another one writing the same directory says so on stderr.
pub fn generate(target: &Target) -> Result<Generated, Error> {
    let planned = plan(target)?;
    apply(target, &planned, print_waiting)
}

/// Compares the target's output directory with what its specs produce, writing nothing. An
/// empty list of changes means it is up to date. A `generate` run writing the directory is
/// waited for (saying so on stderr), so the comparison never sees half of its writes.
pub fn check(target: &Target) -> Result<Generated, Error> {
    let rendered = render(target)?;
    let _lock = write::lock::shared(&target.out, print_waiting).map_err(Error::Io)?;
    let changes = write::plan(&target.out, &rendered.files).map_err(Error::Io)?;
    Ok(Generated {
        changes,
        warnings: rendered.warnings,
        files_read: rendered.files_read,
    })
}

/// Every path below the output directory a run writes: the files, the record of the run, the
/// lock file.
fn writer_paths(files: &emit::Files) -> impl Iterator<Item = &Path> {
    let bookkeeping = [fingerprint::STATE_FILE, write::lock::LOCK_FILE].map(Path::new);
    files.keys().map(PathBuf::as_path).chain(bookkeeping)
}

fn print_waiting(lock_file: &Path) {
    eprintln!("{}", write::lock::waiting_note(lock_file));
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
