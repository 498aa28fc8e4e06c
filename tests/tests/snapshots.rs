//! Snapshots of what the generator reports but does not write (its warnings), and the checks
//! that the committed crates are its exact, deterministic output. The generated files
//! themselves are not snapshotted: `generated/` (and each test target's `generated/`) is their
//! golden copy, guarded by `specgen check` and `committed_crates_are_up_to_date` below, so a
//! generator change is reviewed as the diff of those files.

use std::path::Path;

use specgen::Target;

/// The targets, with paths relative to this package's directory, where cargo runs tests, so
/// paths in diagnostics are the same on every machine.
fn targets() -> Vec<Target> {
    specgen::config::load_config(Path::new("../specgen.toml")).unwrap()
}

/// The targets whose warnings are snapshotted: not the page corpora (`tests/corpus`), whose
/// reports the corpus test snapshots.
fn snapshotted_targets() -> Vec<Target> {
    targets()
        .into_iter()
        .filter(|t| !t.spec.ends_with("tests/corpus/spec"))
        .collect()
}

#[test]
fn generation_is_deterministic() {
    for target in targets() {
        let first = specgen::render(&target).unwrap();
        let second = specgen::render(&target).unwrap();
        assert_eq!(first.files, second.files);
    }
}

#[test]
fn page_quirks_are_reported_as_warnings() {
    let mut warnings = Vec::new();
    for target in snapshotted_targets() {
        let rendered = specgen::render(&target).unwrap();
        warnings.extend(rendered.warnings.warnings().map(|w| w.to_string()));
    }
    insta::assert_snapshot!(warnings.join("\n"));
}

/// The same comparison as `specgen check`, so the README's one test command also catches a
/// spec or generator change whose crates were not regenerated.
#[test]
fn committed_crates_are_up_to_date() {
    for target in targets() {
        let checked = specgen::check(&target).unwrap();
        let stale: Vec<String> = checked
            .changes
            .iter()
            .map(|c| c.unified_diff(&target.out))
            .collect();
        assert!(
            stale.is_empty(),
            "run `cargo run -p specgen -- generate`:\n{}",
            stale.join("\n")
        );
    }
}
