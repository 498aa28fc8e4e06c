//! The call example every request type's docs show is, byte for byte, one the service crate
//! compiles (`tests/call_examples.rs`); a target without call examples shows none, and neither
//! does the build-script output, which cannot name the service's crate.

use std::path::{Path, PathBuf};

use specgen::Target;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The lines of each `rust,ignore` block of a generated file, without their `/// `.
fn shown_examples(file: &str) -> Vec<String> {
    let mut examples = Vec::new();
    let mut lines = file.lines().map(str::trim_start);
    while lines.any(|line| line == "/// ```rust,ignore") {
        let mut example = String::new();
        for line in lines.by_ref().take_while(|line| *line != "/// ```") {
            let code = line
                .strip_prefix("/// ")
                .unwrap_or(line.trim_start_matches("///"));
            example.push_str(code);
            example.push('\n');
        }
        examples.push(example);
    }
    examples
}

/// Shipped services, the hostile names of the conformance services (split into crates of two
/// operations, whose docs name the crate users depend on) and every construct.
#[test]
fn the_docs_show_exactly_the_compiled_examples() {
    for spec in ["spec", "tests/conformance/spec", "tests/constructs/spec"] {
        let mut target = Target::new(repository().join(spec), "unused");
        target.operations_per_crate = 2;
        let rendered = specgen::render(&target).expect("the specs render");
        let test_files: Vec<(&PathBuf, &String)> = rendered
            .files
            .iter()
            .filter(|(path, _)| path.ends_with("tests/call_examples.rs"))
            .collect();
        assert!(!test_files.is_empty(), "{spec}");
        for (test_path, test_file) in test_files {
            let service = test_path.components().next().unwrap();
            let operations: Vec<(&PathBuf, &String)> = rendered
                .files
                .iter()
                .filter(|(path, _)| {
                    path.starts_with(service)
                        && path.parent().is_some_and(|p| p.ends_with("src/operations"))
                        && !path.ends_with("mod.rs")
                })
                .collect();
            assert!(!operations.is_empty(), "{}", test_path.display());
            for (path, file) in &operations {
                let shown = shown_examples(file);
                assert_eq!(shown.len(), 1, "{}: one example", path.display());
                let module = path.file_stem().unwrap().to_string_lossy();
                let example = &shown[0];
                assert!(
                    example.contains(&format!("fn {module}() -> ")),
                    "{}:\n{example}",
                    path.display()
                );
                // The example, whole, with the line before it: nothing is added to or left out
                // of what the test file compiles.
                assert!(
                    test_file.contains(&format!("#[rustfmt::skip]\n{example}")),
                    "{}: the shown example is not in {}:\n{example}",
                    path.display(),
                    test_path.display()
                );
                assert!(test_file.contains(&format!("compiles(super::{module});")));
                assert!(test_file.contains(&format!("        fn {module}() {{")));
            }
            assert_eq!(
                test_file.matches("compiles(super::").count(),
                operations.len(),
                "{}: one example per operation",
                test_path.display()
            );
        }
    }
}

#[test]
fn a_target_without_call_examples_shows_and_compiles_none() {
    let mut target = Target::new(repository().join("tests/constructs/spec"), "unused");
    target.call_examples = false;
    let rendered = specgen::render(&target).expect("the specs render");
    for (path, file) in &rendered.files {
        assert!(
            !path.ends_with("tests/call_examples.rs"),
            "{}",
            path.display()
        );
        assert!(shown_examples(file).is_empty(), "{}", path.display());
    }
}

#[test]
fn the_build_script_output_shows_no_call_example() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("drs.rs");
    specgen::build::service_to(&repository().join("spec"), "drs", &file).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("pub struct CollectDbObjectsInfoRequest"));
    assert!(shown_examples(&text).is_empty());
    assert!(!text.contains("```rust"));
}
