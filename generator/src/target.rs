//! What one run generates: a spec directory, an output directory, where the runtime crate
//! comes from and how large a crate may grow. `specgen.toml` (see `config`) lists targets; the
//! build-script API makes one.

use std::path::{Path, PathBuf};

/// One spec directory and where its crates go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The spec directory (`spec`).
    pub spec: PathBuf,
    /// The output directory (`generated`).
    pub out: PathBuf,
    /// Where service crates find the runtime crate.
    pub runtime: Runtime,
    /// How generated headers name the spec directory (see [`spec_label`]).
    pub label: String,
    /// A service with more operations is emitted as several crates (see `emit::split`).
    pub operations_per_crate: usize,
    /// Whether request types show a call example that the service crate compiles as
    /// `tests/call_examples.rs` (see `emit::call_examples`).
    pub call_examples: bool,
    /// The package metadata of every crate the target emits.
    pub packaging: Packaging,
}

/// What the emitted manifests say for crates.io and docs.rs beside the name, version and
/// description each crate takes from its spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packaging {
    /// SPDX license expression.
    pub license: String,
    /// The license text, relative to the output directory (cargo copies a file outside the
    /// package into it when packaging).
    pub license_file: Option<String>,
    /// The README shown for each crate, relative to the output directory.
    pub readme: Option<String>,
    /// The repository address.
    pub repository: Option<String>,
    /// Whether the crates may be published (`publish = false` when not).
    pub publish: bool,
}

impl Default for Packaging {
    /// Apache-2.0 (the runtime's license, which every emitted crate includes), publishable,
    /// no files or address.
    fn default() -> Self {
        Packaging {
            license: "Apache-2.0".to_owned(),
            license_file: None,
            readme: None,
            repository: None,
            publish: true,
        }
    }
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
        let label = spec_label(&spec);
        Target {
            spec,
            out: out.into(),
            runtime: Runtime::Emit,
            label,
            operations_per_crate: DEFAULT_OPERATIONS_PER_CRATE,
            call_examples: true,
            packaging: Packaging::default(),
        }
    }
}

/// The largest service emitted as one crate, unless a target says otherwise.
///
/// rustc checks a crate on one core, so a service in one crate leaves every other core idle
/// while it compiles. Fifty lets cargo check a service of a hundred operations as two parts
/// side by side; on two cores that took `cargo check` of the benchmark's N=100 shapes from
/// scratch 2–32% less wall time than one crate (for 15–35% more CPU: each crate loads its
/// dependencies again), and left EVS (113 operations, 3 parts instead of 2) and N=1000 (20
/// parts instead of 10) unchanged; machines with more cores gain more. Smaller parts (34 or 29
/// operations) were slower on two cores. See bench/README.md, session of 2026-12-07 evening.
pub const DEFAULT_OPERATIONS_PER_CRATE: usize = 50;

/// How generated files name a spec directory: as given when that is a plain relative path (`spec`,
/// `tests/conformance/spec`), else by its last component, so headers never depend on where a run
/// started or on the machine.
pub fn spec_label(spec_dir: &Path) -> String {
    use std::path::Component;
    let plain = spec_dir
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if plain && spec_dir.components().next().is_some() {
        spec_dir.to_string_lossy().replace('\\', "/")
    } else {
        spec_dir.file_name().map_or_else(
            || "spec".to_owned(),
            |name| name.to_string_lossy().into_owned(),
        )
    }
}
