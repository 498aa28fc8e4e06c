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
//! operations_per_crate = 2                   # split services above this size (default 100)
//! call_examples = false                      # no compiled call example per operation (default true)
//! ```
//!
//! Paths are relative to the directory holding the file.

use std::path::Path;

use serde::Deserialize;

use crate::target::{DEFAULT_OPERATIONS_PER_CRATE, Runtime, Target, spec_label};

/// The file name looked for in the working directory.
pub const CONFIG_FILE: &str = "specgen.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    target: Vec<TargetConfig>,
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
    Ok(config
        .target
        .into_iter()
        .map(|t| Target {
            spec: base.join(&t.spec),
            out: base.join(t.out),
            runtime: t.runtime.map_or(Runtime::Emit, Runtime::At),
            // As written in the file, relative to it: the same wherever the run started.
            label: spec_label(Path::new(&t.spec)),
            operations_per_crate: t
                .operations_per_crate
                .unwrap_or(DEFAULT_OPERATIONS_PER_CRATE),
            call_examples: t.call_examples.unwrap_or(true),
        })
        .collect())
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
