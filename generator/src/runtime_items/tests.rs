//! The registry against the committed generated crates and the conformance spec that names its
//! models like every reserved name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::*;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `.rs` files under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The generated service crates' files: `generated/*` but the runtime crate itself, and
/// `tests/*/generated/*`. A crate's `examples/` are left out: they are hand-written programs
/// copied from `spec/<service>/examples/`, not emitted code, and may use any public runtime
/// item (the EVS one renders server text with `huaweicloud_sdk_core::Excerpt`).
fn generated_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut crates = Vec::new();
    let mut outputs = vec![root.join("generated")];
    for entry in std::fs::read_dir(root.join("tests")).unwrap().flatten() {
        outputs.push(entry.path().join("generated"));
    }
    for output in outputs {
        let Ok(entries) = std::fs::read_dir(&output) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path() != root.join("generated").join("core") {
                crates.push(entry.path());
            }
        }
    }
    let mut files = Vec::new();
    for dir in crates {
        let examples = dir.join("examples");
        let mut crate_files = Vec::new();
        rust_files(&dir, &mut crate_files);
        files.extend(
            crate_files
                .into_iter()
                .filter(|f| !f.starts_with(&examples)),
        );
    }
    files
}

/// Each runtime name after `huaweicloud_sdk_core::` in `code`, with how it is named there:
/// in a `pub use` list (the crate root), a `use` list, or a path.
fn runtime_names(code: &str) -> Vec<(String, Naming)> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("huaweicloud_sdk_core::") {
        let line = code[..at].rsplit('\n').next().unwrap_or("").trim_start();
        let rest = &code[at + "huaweicloud_sdk_core::".len()..];
        let (list, naming) = match rest.strip_prefix('{') {
            Some(list) => {
                let naming = if line.starts_with("pub use") {
                    Naming::CrateRoot
                } else {
                    Naming::Imported
                };
                (&list[..list.find('}').unwrap_or(list.len())], naming)
            }
            None if line.starts_with("pub use") => (rest, Naming::CrateRoot),
            None => (rest, Naming::Qualified),
        };
        let word = |text: &str| -> String {
            text.trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        if list.len() < rest.len() {
            names.extend(
                list.split(',')
                    .map(word)
                    .filter(|w| !w.is_empty())
                    .map(|w| (w, naming)),
            );
        } else {
            names.push((word(list), naming));
        }
    }
    names
}

#[test]
fn runtime_names_are_read_from_use_lists_and_paths() {
    let code = "pub use huaweicloud_sdk_core::{\n    Client, Error,\n};\nuse huaweicloud_sdk_core::{json, Validate};\nconst S: huaweicloud_sdk_core::Scope = huaweicloud_sdk_core::Scope::Global;\nuse huaweicloud_sdk_core::Validate;\n";
    let names = runtime_names(code);
    let expected = [
        ("Client", Naming::CrateRoot),
        ("Error", Naming::CrateRoot),
        ("json", Naming::Imported),
        ("Validate", Naming::Imported),
        ("Scope", Naming::Qualified),
        ("Scope", Naming::Qualified),
        ("Validate", Naming::Qualified),
    ];
    let expected: Vec<_> = expected.iter().map(|(n, w)| (n.to_string(), *w)).collect();
    assert_eq!(names, expected);
}

/// A new emitter use of a runtime item must be registered: every runtime name the committed
/// generated crates use is in [`RUNTIME_ITEMS`], named the way they name it.
#[test]
fn every_runtime_name_in_generated_code_is_registered() {
    let files = generated_files();
    assert!(
        files.len() > 50,
        "found only {} generated files",
        files.len()
    );
    let mut missing = BTreeSet::new();
    for file in &files {
        let code = std::fs::read_to_string(file).unwrap();
        for (name, naming) in runtime_names(&code) {
            let registered = RUNTIME_ITEMS
                .iter()
                .any(|item| item.name == name && item.naming == naming);
            if !registered {
                missing.insert(format!("{name} ({naming:?}) in {}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "runtime names not in generator/src/runtime_items.rs:\n{}",
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The model names, and the field and parameter names, of the reserved-names spec.
fn reserved_spec_names() -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let dir = repo_root().join("tests/conformance/spec/reserved");
    let mut documents = vec![dir.join("service.yaml")];
    for entry in std::fs::read_dir(dir.join("operations")).unwrap().flatten() {
        documents.push(entry.path());
    }
    let (mut models, mut fields, mut params) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let keys = |value: &serde_yaml::Value, out: &mut BTreeSet<String>| {
        if let Some(map) = value.as_mapping() {
            out.extend(map.keys().filter_map(|key| key.as_str().map(str::to_owned)));
        }
    };
    for document in documents {
        let text = std::fs::read_to_string(&document).unwrap();
        let spec: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        keys(&spec["models"], &mut models);
        keys(&spec["params"], &mut params);
        keys(&spec["request"]["body"]["fields"], &mut fields);
        if let Some(map) = spec["models"].as_mapping() {
            for model in map.values() {
                keys(&model["fields"], &mut fields);
            }
        }
    }
    (models, fields, params)
}

/// Adding a registry name forces the conformance crate to compile with a model (or a field
/// and a parameter) named like it.
#[test]
fn the_reserved_names_spec_names_a_model_like_every_reserved_name() {
    let (models, fields, params) = reserved_spec_names();
    for name in reserved_type_names().chain(crate_root_type_names()) {
        assert!(
            models.contains(name),
            "tests/conformance/spec/reserved has no model named `{name}`"
        );
    }
    for name in reserved_module_names() {
        assert!(
            fields.contains(name) && params.contains(name),
            "tests/conformance/spec/reserved has no field and parameter named `{name}`"
        );
    }
}

#[test]
fn the_runtime_holds_as_many_json_slots_per_tuple_as_the_emitter_nests() {
    let json = std::fs::read_to_string(repo_root().join("generator/templates/core/src/json.rs"))
        .expect("the runtime's json module");
    let declared = format!("pub const SLOTS_PER_TUPLE: usize = {JSON_SLOTS_PER_TUPLE};");
    assert!(
        json.contains(&declared),
        "json.rs does not declare `{declared}`"
    );
}
