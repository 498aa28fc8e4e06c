//! `specgen.toml`: the targets a plain `specgen generate` or `specgen check` runs.
//!
//! ```toml
//! [[target]]
//! spec = "spec"
//! out = "generated"
//!
//! [[target]]
//! spec = "tests/conformance/spec"
//! out = "tests/conformance/generated"
//! runtime = "../../../../generated/core"   # share the first target's runtime crate
//! operations_per_crate = 2                   # split services above this size (default 50)
//! call_examples = false                      # no compiled call example per operation (default true)
//! publish = false                            # test crates: `publish = false` in their manifests
//!
//! [package]                                  # metadata of every emitted crate (all optional)
//! license = "Apache-2.0"                     # the default
//! license_file = "LICENSE"
//! readme = "README.md"
//! repository = "https://github.com/..."
//! ```
//!
//! Paths are relative to the directory holding the file.

use std::path::Path;

use serde::Deserialize;

use crate::target::{Packaging, Runtime, Target, spec_label};

/// The file name looked for in the working directory.
pub const CONFIG_FILE: &str = "specgen.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    target: Vec<TargetConfig>,
    #[serde(default)]
    package: PackageConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackageConfig {
    license: Option<String>,
    license_file: Option<String>,
    readme: Option<String>,
    repository: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetConfig {
    spec: String,
    out: String,
    #[serde(default)]
    runtime: Option<String>,
    #[serde(default)]
    operations_per_crate: Option<usize>,
    #[serde(default)]
    call_examples: Option<bool>,
    #[serde(default)]
    publish: Option<bool>,
}

/// The targets of the config file at `path`.
pub fn load_config(path: &Path) -> Result<Vec<Target>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let config: Config =
        toml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(""));
    if config
        .target
        .iter()
        .any(|t| t.operations_per_crate == Some(0))
    {
        return Err(format!(
            "{}: operations_per_crate must be at least 1",
            path.display()
        ));
    }
    if config.target.is_empty() {
        return Err(format!("{}: no [[target]]", path.display()));
    }
    let package = &config.package;
    let mut targets = Vec::new();
    for t in config.target {
        // Files are named from each crate's directory, so the output directory must be a plain
        // relative path to count back from.
        let from_out = |file: &Option<String>| -> Result<Option<String>, String> {
            file.as_ref()
                .map(|file| relative_to_out(&t.out, file))
                .transpose()
                .map_err(|error| format!("{}: {error}", path.display()))
        };
        let packaging = Packaging {
            license: package
                .license
                .clone()
                .unwrap_or_else(|| Packaging::default().license),
            license_file: from_out(&package.license_file)?,
            readme: from_out(&package.readme)?,
            repository: package.repository.clone(),
            publish: t.publish.unwrap_or(true),
        };
        targets.push(Target {
            spec: base.join(&t.spec),
            out: base.join(t.out),
            runtime: t.runtime.map_or(Runtime::Emit, Runtime::At),
            // As written in the file, relative to it: the same wherever the run started.
            label: spec_label(Path::new(&t.spec)),
            operations_per_crate: t.operations_per_crate,
            call_examples: t.call_examples.unwrap_or(true),
            packaging,
        });
    }
    Ok(targets)
}

/// `file` (relative to the config file's directory) as a path from the output directory `out`
/// (relative to the same directory), written with `/`.
fn relative_to_out(out: &str, file: &str) -> Result<String, String> {
    use std::path::Component;
    let plain = |path: &str| {
        Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    };
    if !plain(out) || !plain(file) {
        return Err(format!(
            "`{file}` and the target's `out = \"{out}\"` must be relative paths without `..` to name the file from each crate"
        ));
    }
    let depth = Path::new(out)
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .count();
    let file: Vec<String> = Path::new(file)
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    Ok(format!("{}{}", "../".repeat(depth), file.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_targets_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "[[target]]\nspec = \"a\"\nout = \"b\"\n[[target]]\nspec = \"c\"\nout = \"d\"\nruntime = \"../core\"\n").unwrap();
        let targets = load_config(&path).unwrap();
        assert_eq!(targets[0].spec, dir.path().join("a"));
        assert_eq!(targets[0].out, dir.path().join("b"));
        assert_eq!(targets[0].label, "a");
        assert_eq!(targets[1].runtime, Runtime::At("../core".into()));
        std::fs::write(&path, "[[target]]\nspec = \"a\"\nouts = \"b\"\n").unwrap();
        assert!(
            load_config(&path)
                .unwrap_err()
                .contains("unknown field `outs`")
        );
    }
}
