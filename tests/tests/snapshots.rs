//! Snapshots of every file generated from `spec/`, a review aid: a change to the generator
//! shows up here as a readable diff of its output. (Whether that output compiles and behaves
//! is shown by the other tests, which use the committed crates.)

use std::path::Path;

/// Relative to the package directory, where cargo runs tests, so paths in diagnostics are the
/// same on every machine.
fn spec_dir() -> &'static Path {
    Path::new("../spec")
}

#[test]
fn every_generated_file() {
    let rendered = specgen::render(spec_dir()).unwrap();
    assert!(rendered.files.len() >= 12, "{} files", rendered.files.len());
    for (path, contents) in &rendered.files {
        let name = path.to_string_lossy().replace(['/', '\\'], "__");
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn generation_is_deterministic() {
    let first = specgen::render(spec_dir()).unwrap();
    let second = specgen::render(spec_dir()).unwrap();
    assert_eq!(first.files, second.files);
}

#[test]
fn page_quirks_are_reported_as_warnings() {
    let rendered = specgen::render(spec_dir()).unwrap();
    let warnings: Vec<String> = rendered
        .warnings
        .warnings()
        .map(|w| w.to_string())
        .collect();
    insta::assert_snapshot!(warnings.join("\n"));
}

/// The same comparison as `specgen check`, so the README's one test command also catches a
/// spec or generator change whose crates were not regenerated.
#[test]
fn committed_crates_are_up_to_date() {
    let out = Path::new("../generated");
    let checked = specgen::check(spec_dir(), out).unwrap();
    let stale: Vec<String> = checked
        .changes
        .iter()
        .map(|c| c.unified_diff(out))
        .collect();
    assert!(
        stale.is_empty(),
        "run `cargo run -p specgen -- generate`:\n{}",
        stale.join("\n")
    );
}
