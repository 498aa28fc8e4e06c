//! The importer over the page corpora in `../shared` (English captures in two styles, the
//! Chinese EVS reference as Markdown): every operation page imports with no gap, or is listed
//! below as a known limitation with its reason; every imported spec is one `specgen generate`
//! accepts; and a snapshot of the `--report` lines makes every change in understanding visible
//! in review. Run by `.ci/run` (feature `shared-corpus`), not by the plain test command, since
//! a clone of the repository does not have `../shared`.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use specgen::import::bulk::{Outcome, import_all};
use specgen::import::{ImportOptions, import_page, report_text};

/// Pages that do not import cleanly, and why. Each must still fail (the list stays honest).
const KNOWN_LIMITATIONS: &[(&str, &str)] = &[(
    "pages-more/cs-batch-delete-jobs.txt",
    "the URI table lists `job_id`, which the path does not have (the ids travel in the body)",
)];

fn shared() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    assert!(
        dir.is_dir(),
        "the page corpora are read from {}, which does not exist: check out the shared folder beside the repository to run this target",
        dir.display()
    );
    dir
}

/// (corpus-relative name, text) of every page file, sorted.
fn pages(dir: &Path, folder: &str, extension: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(extension) && name != "README.md" {
            out.push((
                format!("{folder}/{name}"),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

/// A service name for a page: one service per page, so pages never share models by accident.
fn service_for(name: &str) -> String {
    let stem = name
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".txt")
        .trim_end_matches(".tsv");
    format!("corpus-{}", stem.to_ascii_lowercase())
}

#[test]
fn english_pages_import_without_gaps_and_generate() {
    let shared = shared();
    let mut all = pages(&shared, "pages", ".txt");
    all.extend(pages(&shared, "pages-more", ".txt"));
    assert!(
        all.len() >= 50,
        "expected the 9 + 41 English pages, found {}",
        all.len()
    );
    let spec_dir = tempfile::tempdir().unwrap();
    let mut report = String::new();
    let mut failures = Vec::new();
    for (name, text) in &all {
        let service = service_for(name);
        let options = ImportOptions {
            service: service.clone(),
            source_name: Some(name.rsplit('/').next().unwrap().to_owned()),
            ..ImportOptions::default()
        };
        let known = KNOWN_LIMITATIONS.iter().find(|(page, _)| page == name);
        match (import_page(text, &options, None), known) {
            (Ok(imported), None) => {
                report.push_str(&report_text(name, &imported));
                let dir = spec_dir.path().join(&service);
                std::fs::create_dir_all(dir.join("operations")).unwrap();
                std::fs::write(
                    dir.join("service.yaml"),
                    specgen::import::minimal_service_yaml(&service),
                )
                .unwrap();
                std::fs::write(
                    dir.join("operations").join(&imported.file_name),
                    &imported.yaml,
                )
                .unwrap();
            }
            (Ok(_), Some(_)) => failures.push(format!(
                "{name} is listed as a known limitation but imports now: remove it from the list"
            )),
            (Err(error), None) => failures.push(format!("{name}: {error}")),
            (Err(_), Some(_)) => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every imported spec is one `specgen generate` accepts, all services together.
    let target = specgen::Target::new(spec_dir.path(), spec_dir.path().join("generated"));
    if let Err(error) = specgen::render(&target) {
        panic!("the imported specs do not generate: {error}");
    }
    insta::assert_snapshot!("english_report", report);
}

#[test]
fn the_chinese_evs_reference_imports_as_one_service_and_generates() {
    let shared = shared();
    let dir = shared.join("pages-zh/evs");
    let spec_dir = tempfile::tempdir().unwrap();
    let options = ImportOptions {
        service: "corpus-evs-zh".into(),
        ..ImportOptions::default()
    };
    let result = import_all(&[dir], spec_dir.path(), &options, &BTreeMap::new()).unwrap();
    let mut report = String::new();
    let mut failures = Vec::new();
    let (mut operations, mut clean) = (0, 0);
    for page in &result.pages {
        let name = format!(
            "pages-zh/evs/{}",
            page.page.file_name().unwrap().to_string_lossy()
        );
        let known = KNOWN_LIMITATIONS.iter().any(|(listed, _)| *listed == name);
        match &page.outcome {
            Outcome::Written { imported, .. } => {
                operations += 1;
                clean += usize::from(imported.gaps.is_empty());
                report.push_str(&report_text(&name, imported));
                if known {
                    failures.push(format!("{name} is a known limitation but imports now"));
                }
            }
            Outcome::Skipped { title } => {
                report.push_str(&format!("{name}: skipped, no operation ({title})\n"));
            }
            Outcome::Duplicate {
                same_as,
                differences,
            } => {
                operations += 1;
                clean += 1;
                let same_as = std::path::Path::new(same_as)
                    .file_name()
                    .unwrap()
                    .to_string_lossy();
                report.push_str(&format!("{name}: the same operation as {same_as}\n"));
                for difference in differences {
                    report.push_str(&format!("  differs: {difference}\n"));
                }
            }
            Outcome::Failed { error } => {
                operations += 1;
                if !known {
                    failures.push(format!("{name}: {error}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        operations >= 110 && clean * 100 >= operations * 95,
        "{clean} of {operations} operation pages import without gaps (target: 95%)"
    );
    let target = specgen::Target::new(spec_dir.path(), spec_dir.path().join("generated"));
    if let Err(error) = specgen::render(&target) {
        panic!("the imported service does not generate: {error}");
    }
    insta::assert_snapshot!("chinese_evs_report", report);
}

/// The committed corpus specs (`tests/corpus/spec`, generated and compiled as workspace
/// crates) are exactly what the importer writes for their pages; `tests/corpus/import.sh`
/// writes them again.
#[test]
fn the_committed_corpus_specs_are_the_importers_output() {
    let shared = shared();
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/spec");
    let mut checked = 0;
    let mut stale = Vec::new();
    for service in std::fs::read_dir(&spec_dir).unwrap().flatten() {
        let service_name = service.file_name().to_string_lossy().into_owned();
        for spec in std::fs::read_dir(service.path().join("operations"))
            .unwrap()
            .flatten()
        {
            let committed = std::fs::read_to_string(spec.path()).unwrap();
            let source: serde_yaml::Value = serde_yaml::from_str(&committed).unwrap();
            let file = source["source"]["file"].as_str().unwrap().to_owned();
            let page = ["pages", "pages-more"]
                .iter()
                .map(|folder| shared.join(folder).join(&file))
                .find(|path| path.is_file())
                .unwrap_or_else(|| panic!("{}: no page {file}", spec.path().display()));
            let text = std::fs::read_to_string(&page).unwrap();
            let options = ImportOptions {
                service: service_name.clone(),
                source_name: Some(file.clone()),
                ..ImportOptions::default()
            };
            let imported = import_page(&text, &options, None)
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            if imported.yaml != committed {
                let diff = similar::TextDiff::from_lines(&committed, &imported.yaml)
                    .unified_diff()
                    .header("committed", "imported")
                    .to_string();
                stale.push(format!("{}:\n{diff}", spec.path().display()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 49, "{checked} corpus specs");
    assert!(
        stale.is_empty(),
        "run tests/corpus/import.sh and `specgen generate`:\n{}",
        stale.join("\n")
    );
}
