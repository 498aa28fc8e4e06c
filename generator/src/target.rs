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
    /// A service with more operations is emitted as several crates; `None` for the default,
    /// which depends on the service's size (see `emit::split`).
    pub operations_per_crate: Option<usize>,
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
            operations_per_crate: None,
            call_examples: true,
            packaging: Packaging::default(),
        }
    }
}

/// The fewest operations a part holds by default: below this, a crate's fixed cost (an empty
/// crate, and rustc's first look at every impl of each derived trait, about 84 M instructions
/// of a 50-operation crate's 623 M) outweighs checking it beside another. Parts of 34 or 29
/// operations were slower than parts of 50 on two cores; 50 lets a service of a hundred
/// operations check as two parts side by side (2-32% less wall time than one crate on the
/// benchmark's shapes, for 15-35% more CPU).
pub const MIN_DEFAULT_OPERATIONS_PER_CRATE: usize = 50;

/// How many parts a large service is cut into by default. Checking the parts takes
/// `ceil(parts / cores)` rounds of one part each; eight are whole rounds on 1, 2, 4 and 8
/// cores, where most builds run (CI runners have 2 to 4, laptops 8 or so). At 1,000
/// operations on two cores, 8 parts of 125 checked in 2.14 s and 20 parts of 50 in 2.37 s
/// (`deep-nested`; `arrays-of-objects` 1.82 s against 2.10 s): the same operations, twelve
/// crates' fixed cost less. On 16 cores or more, 16 or 20 parts would finish sooner (by about
/// 0.05-0.2 s at 1,000 operations); `operations_per_crate` sets the size where that matters.
/// See bench/README.md, session of 2026-12-07 late night.
pub const DEFAULT_PARTS: usize = 8;

/// The most operations a part holds by default, so that no one rustc grows large: a part of 250
/// `deep-nested` operations peaked at 208 MB. Above 2,000 operations, a service has more than
/// [`DEFAULT_PARTS`] parts.
pub const MAX_DEFAULT_OPERATIONS_PER_CRATE: usize = 250;

/// The largest part of a service of `total` operations when the target does not set
/// `operations_per_crate`: its operations in [`DEFAULT_PARTS`] parts, each between
/// [`MIN_DEFAULT_OPERATIONS_PER_CRATE`] and [`MAX_DEFAULT_OPERATIONS_PER_CRATE`]. A service of
/// up to 50 operations is one crate; up to 400, parts of 50.
pub fn default_operations_per_crate(total: usize) -> usize {
    total.div_ceil(DEFAULT_PARTS).clamp(
        MIN_DEFAULT_OPERATIONS_PER_CRATE,
        MAX_DEFAULT_OPERATIONS_PER_CRATE,
    )
}

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
