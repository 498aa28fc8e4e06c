//! The dependency rules of ARCHITECTURE.md, checked on the sources: each module of the
//! generator names only the modules it may depend on, so the pipeline's direction
//! (`spec → model → emit / export → write`, with front ends on top) cannot erode unnoticed.
//!
//! A reference is any `crate::NAME` outside a comment (a `use` line or a path in code).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module (a file or a folder under `src/`) and the crate modules it may name.
/// Leaves (`diagnostics`, `output`, `parallel`, `target`, `unicode`, `markdown`, `runtime_items`) sit under
/// every stage; a stage may name the stages before it; front ends may name anything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("unicode", &[]),
    ("parallel", &[]),
    ("target", &[]),
    ("runtime_items", &[]),
    ("fast_hash", &[]),
    ("output", &["unicode"]),
    ("markdown", &["unicode"]),
    ("diagnostics", &[]),
    (
        "spec",
        &["diagnostics", "fast_hash", "output", "parallel", "unicode"],
    ),
    (
        "model",
        &[
            "spec",
            "diagnostics",
            "fast_hash",
            "parallel",
            "runtime_items",
            "unicode",
        ],
    ),
    // `target` for the package metadata a target gives its manifests (`target::Packaging`).
    (
        "emit",
        &[
            "model",
            "output",
            "markdown",
            "parallel",
            "runtime_items",
            "target",
            "unicode",
        ],
    ),
    ("export", &["model", "diagnostics", "markdown"]),
    (
        "write",
        &["output", "parallel", "target", "spec", "diagnostics"],
    ),
    // Beside the pipeline: produces spec text, and checks it with the checks of `spec` and
    // `model`; never emits.
    ("import", &["spec", "model", "diagnostics", "unicode"]),
    (
        "pipeline",
        &[
            "spec",
            "model",
            "emit",
            "write",
            "output",
            "target",
            "diagnostics",
        ],
    ),
    ("config", &["target"]),
    ("build", &["pipeline", "emit", "diagnostics"]),
    (
        "cli",
        &[
            "pipeline",
            "config",
            "import",
            "export",
            "write",
            "model",
            "target",
            "diagnostics",
        ],
    ),
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The crate modules `text` names outside comments (`crate::spec::types` → `spec`).
fn referenced_modules(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` names several.
            if name.is_empty() && after.starts_with('{') {
                let list = after[1..].split('}').next().unwrap_or("");
                for item in list.split(',') {
                    let item = item.trim().split("::").next().unwrap_or("").trim();
                    if !item.is_empty() {
                        found.insert(item.to_owned());
                    }
                }
            } else if !name.is_empty() {
                found.insert(name);
            }
            rest = after;
        }
    }
    found
}

/// The top-level module a source file belongs to (`src/spec/check.rs` → `spec`).
fn top_module(file: &Path) -> String {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    Path::new(first)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_module_names_only_what_it_may_depend_on() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut violations = Vec::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let module = top_module(file);
        if module == "lib" || module == "main" {
            continue;
        }
        seen.insert(module.clone());
        let Some((_, allowed)) = ALLOWED.iter().find(|(name, _)| *name == module) else {
            violations.push(format!(
                "{}: module `{module}` has no entry in ALLOWED (add it, and to ARCHITECTURE.md)",
                file.display()
            ));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        for used in referenced_modules(&text) {
            // Paths inside `quote!` name the generated crate's modules (`crate::models`).
            let is_generator_module = ALLOWED.iter().any(|(name, _)| *name == used);
            if is_generator_module && used != module && !allowed.contains(&used.as_str()) {
                violations.push(format!(
                    "{}: `{module}` names `crate::{used}`, which it may not depend on",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    for (name, _) in ALLOWED {
        assert!(
            seen.contains(*name),
            "ALLOWED names `{name}`, which is not a module"
        );
    }
}

#[test]
fn the_scanner_sees_paths_and_groups_but_not_comments() {
    let text = "use crate::spec::types;\nuse crate::{model, output::Files};\n// crate::emit\nlet x = crate::write::plan(); // crate::cli\n";
    let found: Vec<String> = referenced_modules(text).into_iter().collect();
    assert_eq!(found, ["model", "output", "spec", "write"]);
}
