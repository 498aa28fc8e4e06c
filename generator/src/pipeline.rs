//! The pipeline, stage by stage: load and resolve the specs of a target, render every file in
//! memory, plan and apply the writes. Front ends (the CLI, the build-script API, tests) call
//! these; nothing here parses arguments or prints beyond the lock-wait note.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::Service;
use crate::output::{Files, RUNTIME_DIR};
use crate::target::{Runtime, Target, spec_label};
use crate::write::fingerprint;
use crate::{emit, model, spec, write};

/// Every generated file of a spec directory, with the warnings the specs produced.
#[derive(Debug)]
pub struct Rendered {
    /// Files keyed by path relative to the output directory.
    pub files: Files,
    /// Warnings (never errors: those fail [`render`]).
    pub warnings: Diagnostics,
    /// Every spec file read, for `cargo:rerun-if-changed`.
    pub files_read: Vec<PathBuf>,
}

/// The resolved services of a spec directory.
#[derive(Debug)]
pub struct Loaded {
    /// Each service's model, by directory name.
    pub services: Vec<Service>,
    /// Warnings (never errors: those fail [`load`]).
    pub warnings: Diagnostics,
    /// Every spec file read.
    pub files_read: Vec<PathBuf>,
}

/// Loads, checks and resolves every service under `spec_dir`. One broken service fails the
/// whole load, so a run never generates some services and not others.
pub fn load(spec_dir: &Path) -> Result<Loaded, Diagnostics> {
    load_labeled(spec_dir, &spec_label(spec_dir))
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
                services.push(model);
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
pub fn render(target: &Target) -> Result<Rendered, Error> {
    let loaded = load_labeled(&target.spec, &target.label).map_err(Error::Spec)?;
    let (mut files, runtime_path) = match &target.runtime {
        Runtime::Emit => (
            emit::manifest::core_files(&target.packaging),
            format!("../{RUNTIME_DIR}"),
        ),
        Runtime::At(path) => (Files::new(), path.clone()),
    };
    for service in &loaded.services {
        files.extend(
            emit::service_files(
                service,
                &runtime_path,
                target.operations_per_crate,
                target.call_examples,
                &target.packaging,
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
    rendered: Option<(Files, Option<fingerprint::State>)>,
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

/// Carries out a plan under the output directory's lock (see `write::lock`): compares the
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
fn writer_paths(files: &Files) -> impl Iterator<Item = &Path> {
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
