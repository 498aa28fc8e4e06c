//! The call example every request type's docs show is, byte for byte, one the service crate
//! compiles (`tests/call_examples.rs`); the crate root's docs lead with one as a `no_run`
//! doctest; a target without call examples shows none, and neither does the build-script
//! output, which cannot name the service's crate.

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
        target.operations_per_crate = Some(2);
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

/// The `rust,no_run` block of a crate root's docs, without its `//! `, and the text before it.
fn crate_root_example(lib_rs: &str) -> Option<(String, String)> {
    let (before, after) = lib_rs.split_once("//! ```rust,no_run\n")?;
    let (block, _) = after.split_once("//! ```\n")?;
    let code = block
        .lines()
        .map(|line| {
            line.strip_prefix("//! ")
                .unwrap_or(line.trim_start_matches("//!"))
        })
        .fold(String::new(), |text, line| text + line + "\n");
    Some((before.to_owned(), code))
}

/// Each crate users depend on leads its docs with a call through `client.send`: the example of
/// an operation, exactly as compiled in its test file, before the sans-IO layer and the table.
#[test]
fn the_crate_docs_lead_with_a_compiled_call() {
    for spec in ["spec", "tests/conformance/spec", "tests/constructs/spec"] {
        let mut target = Target::new(repository().join(spec), "unused");
        target.operations_per_crate = Some(2);
        let rendered = specgen::render(&target).expect("the specs render");
        for (test_path, test_file) in rendered
            .files
            .iter()
            .filter(|(path, _)| path.ends_with("tests/call_examples.rs"))
        {
            let root = test_path.parent().unwrap().parent().unwrap();
            let lib_rs = &rendered.files[&root.join("src/lib.rs")];
            let (before, example) = crate_root_example(lib_rs)
                .unwrap_or_else(|| panic!("{}: no no_run example:\n{lib_rs}", root.display()));
            let (function, main) = example
                .rsplit_once("# fn main() {}\n")
                .expect("a hidden main");
            assert_eq!(main, "", "{}", root.display());
            assert!(
                test_file.contains(&format!("#[rustfmt::skip]\n{function}")),
                "{}: the crate root's example is not compiled in its test file:\n{function}",
                root.display()
            );
            assert!(function.contains(".send(&request).await"), "{function}");
            assert!(function.contains(".from_env()?"), "{function}");
            assert!(before.contains("# Calling an operation"), "{before}");
            for later in ["# Without the client (sans-IO)", "# Operations"] {
                assert!(!before.contains(later), "{}: {later} first", root.display());
                assert!(
                    lib_rs.contains(&format!("//! {later}\n")),
                    "{}",
                    root.display()
                );
            }
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
        // The runtime's own docs lead with a call generic over the operation.
        if !path.starts_with("core") {
            assert!(crate_root_example(file).is_none(), "{}", path.display());
        }
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
