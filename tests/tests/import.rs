//! `specgen import`: every captured page imports without gaps and reproduces the committed
//! spec exactly (so the committed specs are the importer's reviewed output, and the committed
//! crates, which the workspace compiles and tests, are its generated code); broken pages fail
//! with located errors instead of panicking.

use std::path::Path;

use specgen::diagnostics::Code;
use specgen::import::recheck::check_specs;
use specgen::import::{ImportError, ImportOptions, import_page};
use specgen::spec::load::load_file;
use specgen::spec::types::ServiceSpec;

const PAGES: &str = "../../shared/pages";

/// (page file, service, operation id) for each page the README lists, and its address.
fn pages() -> Vec<(String, String, String, String)> {
    let readme = std::fs::read_to_string(Path::new(PAGES).join("README.md")).unwrap();
    let loaded = specgen::load(Path::new("../spec")).unwrap();
    readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(".txt |"))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let (file, url) = (cells[1].to_owned(), cells[2].to_owned());
            let (service, id) = loaded
                .services
                .iter()
                .find_map(|s| {
                    let op = s
                        .operations
                        .iter()
                        .find(|o| o.doc_url.as_deref() == Some(url.as_str()))?;
                    Some((s.name.clone(), op.id.clone()))
                })
                .unwrap_or_else(|| panic!("no spec for {file}"));
            (file, service, id, url)
        })
        .collect()
}

fn service(name: &str) -> specgen::spec::SourceFile<ServiceSpec> {
    load_file(
        &Path::new("../spec").join(name).join("service.yaml"),
        String::new(),
    )
    .unwrap()
}

fn options(service: &str, id: Option<&str>, url: Option<&str>) -> ImportOptions {
    ImportOptions {
        service: service.to_owned(),
        id: id.map(str::to_owned),
        doc_url: url.map(str::to_owned),
        allow_gaps: false,
        ..ImportOptions::default()
    }
}

/// The page directories of ../shared, as `specgen import --check --pages` is given them.
fn page_roots() -> Vec<std::path::PathBuf> {
    vec![Path::new("../../shared").to_path_buf()]
}

/// Every check's errors, each followed by its diff from the import to the committed spec.
fn failures(checks: &[specgen::import::recheck::SpecCheck]) -> String {
    let mut out = String::new();
    for check in checks.iter().filter(|c| !c.errors.is_empty()) {
        for error in &check.errors {
            out.push_str(&format!("{error}\n"));
        }
        if let Some(diff) = &check.diff {
            out.push_str(diff);
        }
    }
    out
}

/// Every committed spec of a listed page is the importer's output for that page plus the
/// reviewed hand edits its `edits:` records: checked by the function `specgen import --check`
/// runs, so a failure lists each departure by path, and the diff.
#[test]
fn every_page_reproduces_its_committed_spec() {
    let pages = pages();
    assert_eq!(pages.len(), 9);
    // A service imported as a whole reference (it has an ids file) is checked by its bulk
    // import, which decides across pages (shared models, the page kept of several):
    // `the_evs_reference_reproduces_its_committed_specs`.
    let bulk = |service: &str| {
        Path::new("../spec")
            .join(service)
            .join("import-ids.yaml")
            .is_file()
    };
    let (whole, single): (Vec<_>, Vec<_>) = pages.into_iter().partition(|p| bulk(&p.1));
    assert_eq!(whole.len(), 2, "the two English EVS pages");
    let files: Vec<std::path::PathBuf> = single
        .iter()
        .map(|(_, service, id, _)| {
            Path::new("../spec")
                .join(service)
                .join("operations")
                .join(format!("{}.yaml", heck_snake(id)))
        })
        .collect();
    let checks = check_specs(&files, &page_roots()).unwrap();
    assert_eq!(checks.len(), single.len(), "one check per page");
    for (spec_file, (file, ..)) in files.iter().zip(&single) {
        let check = checks.iter().find(|c| c.file == *spec_file).unwrap();
        let page = check.page.as_ref().and_then(|p| p.file_name());
        assert_eq!(
            page.map(|p| p.to_string_lossy().into_owned()).as_deref(),
            Some(file.as_str()),
            "{}: checked against its own page",
            check.file.display()
        );
    }
    let failed = failures(&checks);
    assert!(
        failed.is_empty(),
        "committed specs depart from their pages where no edit records it; run the import again, or record the edit:\n{failed}"
    );
    // The seed spec carries a real hand edit, reviewed against its page.
    let seed = checks
        .iter()
        .find(|c| {
            c.file
                .ends_with("drs/operations/collect_db_objects_info.yaml")
        })
        .unwrap();
    let edits: Vec<&str> = seed.reviewed.iter().map(|(e, ..)| e.at.as_str()).collect();
    assert_eq!(edits, ["request.body.fields.is_refresh.doc"]);
}

/// `CollectDbObjectsInfo` → `collect_db_objects_info`, as the importer names spec files.
fn heck_snake(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.char_indices() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A hand edit the import does not record, a stale entry and an entry the page changed under
/// are each an error naming the file, line and field, with the diff.
#[test]
fn departures_without_their_edit_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    let ops = spec.join("drs").join("operations");
    std::fs::create_dir_all(&ops).unwrap();
    std::fs::copy(
        "../spec/drs/service.yaml",
        spec.join("drs").join("service.yaml"),
    )
    .unwrap();
    let committed =
        std::fs::read_to_string("../spec/drs/operations/collect_db_objects_info.yaml").unwrap();
    let file = ops.join("collect_db_objects_info.yaml");
    let check = |text: &str| {
        std::fs::write(&file, text).unwrap();
        let checks = check_specs(std::slice::from_ref(&file), &page_roots()).unwrap();
        assert_eq!(checks.len(), 1);
        checks.into_iter().next().unwrap()
    };
    // An enum value added by hand, not recorded.
    let unrecorded = check(&committed.replacen(
        "          synchronized: Query",
        "          cached: Query information from the cache.\n          synchronized: Query",
        1,
    ));
    let errors: Vec<String> = unrecorded.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("error[E0076]: ")
            && errors[0].contains(
                "collect_db_objects_info.yaml:65:11: request.body.fields.type.enum.cached:"
            ),
        "{}",
        errors[0]
    );
    let diff = unrecorded.diff.unwrap();
    assert!(
        diff.contains("\n+          cached: Query information from the cache.\n"),
        "{diff}"
    );
    // Recorded, it is a reviewed edit.
    let recorded = check(&format!(
        "{}  - at: request.body.fields.type.enum.cached\n    why: a test\n",
        committed.replacen(
            "          synchronized: Query",
            "          cached: Query information from the cache.\n          synchronized: Query",
            1,
        )
    ));
    assert!(
        recorded.errors.is_empty(),
        "{}",
        failures(std::slice::from_ref(&recorded))
    );
    assert_eq!(recorded.reviewed.len(), 2);
    // The edit undone, its entry left: stale.
    let stale = check(&committed.replacen(
        "          Set it to true, with type source, when table information in the source database changed.\n",
        "",
        1,
    ).replacen("doc: |-\n          Whether to forcibly refresh the query.\n", "doc: Whether to forcibly refresh the query.\n", 1));
    let errors: Vec<String> = stale.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("error[E0077]: ")
            && errors[0].contains(
                ": edits[0].at: the edit at `request.body.fields.is_refresh.doc` is stale"
            ),
        "{}",
        errors[0]
    );
    // An entry whose `was` is not what the import writes: the page changed under it.
    let changed = check(&committed.replacen(
        "    was: Whether to forcibly refresh the query.\n",
        "    was: Whether to refresh.\n",
        1,
    ));
    let errors: Vec<String> = changed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("error[E0078]: ") && errors[0].contains("the import now writes \"Whether to forcibly refresh the query.\", the edit was made over \"Whether to refresh.\""), "{}", errors[0]);
    // A page that is not there is a clear error.
    let missing = check_specs(std::slice::from_ref(&file), &[dir.path().to_path_buf()]).unwrap();
    let error = missing[0].errors[0].to_string();
    assert!(
        error.contains("source.file: the page `drs-collect-db-objects-info.txt` is not under"),
        "{error}"
    );
}

#[test]
fn the_seed_page_quirk_is_reported_and_kept() {
    let text =
        std::fs::read_to_string(Path::new(PAGES).join("drs-collect-db-objects-info.txt")).unwrap();
    let imported = import_page(&text, &options("drs", None, None), Some(&service("drs"))).unwrap();
    assert_eq!(
        imported.id, "CollectDbObjectsInfo",
        "without --id, the official SDK's name for the method and path"
    );
    assert!(
        imported
            .report
            .inferred
            .iter()
            .any(|i| i.contains("the official SDK's name")),
        "{:?}",
        imported.report.inferred
    );
    assert_eq!(imported.file_name, "collect_db_objects_info.yaml");
    // A service the pinned official SDKs do not know: the id comes from the title.
    let unknown = import_page(&text, &options("drsx", None, None), None).unwrap();
    assert_eq!(unknown.id, "SubmitQueryDatabaseObjectInformation");
    assert_eq!(imported.warnings.len(), 1);
    assert!(
        imported.warnings[0]
            .message
            .contains("does not match the operation's path"),
        "{:?}",
        imported.warnings
    );
    assert!(imported.yaml.contains("url: https://{endpoint}/v5.1/054ba152d480d55b2f5dc0069e7ddef0/jobs/c7debc9c-8e09-4a5d-8dd6-cc44f78jb20r/db-objects\n"));
    assert_eq!(imported.warnings[0].code, Code::ExampleUrlPathDiffers);
    assert!(imported.yaml.starts_with("# Page quirk, kept as printed:"));
}

#[test]
fn a_new_service_gets_a_minimal_service_file() {
    let text = std::fs::read_to_string(Path::new(PAGES).join("evs-delete-volume.txt")).unwrap();
    let imported = import_page(
        &text,
        &options("blockstore", Some("DeleteVolume"), None),
        None,
    )
    .unwrap();
    assert!(imported.yaml.contains("id: DeleteVolume\n"));
    // Without the service's shared error model the page's tables become the operation's own.
    assert!(
        imported.yaml.contains("\nmodels:\n  Error:\n"),
        "{}",
        imported.yaml
    );
    let service: ServiceSpec =
        serde_yaml::from_str(&specgen::import::minimal_service_yaml("blockstore")).unwrap();
    assert_eq!(service.crate_name, "huaweicloud-sdk-blockstore");
    assert_eq!(
        service.endpoint,
        "https://blockstore.{region}.myhuaweicloud.com"
    );
}

/// The seed page with one edit.
fn broken(find: &str, replace: &str) -> String {
    let text =
        std::fs::read_to_string(Path::new(PAGES).join("drs-collect-db-objects-info.txt")).unwrap();
    assert!(text.contains(find), "{find:?}");
    text.replacen(find, replace, 1)
}

fn gaps(text: &str, allow_gaps: bool) -> Result<Vec<(usize, String)>, String> {
    let options = ImportOptions {
        allow_gaps,
        ..options("drs", Some("CollectDbObjectsInfo"), None)
    };
    match import_page(text, &options, Some(&service("drs"))) {
        Ok(imported) => Ok(imported
            .gaps
            .iter()
            .map(|g| (g.line, g.message.clone()))
            .collect()),
        Err(ImportError::Page(gaps)) => Err(gaps
            .iter()
            .map(|g| format!("line {}: {}", g.line, g.message))
            .collect::<Vec<_>>()
            .join("\n")),
        Err(ImportError::Spec(diagnostics)) => Err(diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")),
        Err(not_an_operation) => Err(not_an_operation.to_string()),
    }
}

#[test]
fn broken_pages_fail_with_located_errors() {
    let cases = [
        // A table cut off in the middle of a row.
        (
            "truncated_table",
            broken("job_id\n\nYes\n\nString\n\nTask ID.", "job_id\n\nYes"),
            "line 229: text not understood here: \"job_id\"",
        ),
        (
            "unknown_type",
            broken("is_refresh\n\nNo\n\nString", "is_refresh\n\nNo\n\nStrng"),
            "unknown type \"Strng\"",
        ),
        (
            "missing_uri",
            broken(
                "URI\n\nPOST /v5.1/{project_id}/jobs/{job_id}/db-objects/collect",
                "Overview\n\nsome text",
            ),
            "no `METHOD /path` line",
        ),
        (
            "duplicate_parameter",
            broken(
                "job_id\n\nYes\n\nString\n\nTask ID.",
                "job_id\n\nYes\n\nString\n\nTask ID.\n\njob_id\n\nYes\n\nString\n\nAgain.",
            ),
            "`job_id` is listed twice",
        ),
        ("empty", String::new(), "no `METHOD /path` line"),
    ];
    for (case, text, expected) in cases {
        let error = gaps(&text, false).expect_err(case);
        assert!(error.contains(expected), "{case}: {error}");
        assert!(error.contains("line "), "{case} names a line: {error}");
    }
}

#[test]
/// A gap is a comment above the part of the spec it belongs to (here the request body).
fn allowed_gaps_are_listed_in_the_yaml() {
    let text = broken("is_refresh\n\nNo\n\nString", "is_refresh\n\nNo\n\nStrng");
    let options = ImportOptions {
        allow_gaps: true,
        ..options("drs", Some("CollectDbObjectsInfo"), None)
    };
    let imported = import_page(&text, &options, Some(&service("drs"))).unwrap();
    assert_eq!(imported.gaps.len(), 1);
    assert!(
        imported
            .yaml
            .contains("\n# GAP[I0004] (line 319 of the page): unknown type \"Strng\"\nrequest:\n"),
        "{}",
        imported.yaml
    );
}

#[test]
fn hostile_input_never_panics() {
    let seed =
        std::fs::read_to_string(Path::new(PAGES).join("drs-collect-db-objects-info.txt")).unwrap();
    let lines: Vec<&str> = seed.lines().collect();
    // Every prefix of the page, and the page with each line dropped in turn: each either imports
    // or fails with an error, never a panic.
    for end in (0..lines.len()).step_by(7) {
        let _ = gaps(&lines[..end].join("\n"), true);
    }
    for skip in (180..lines.len()).step_by(3) {
        let text: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        let _ = gaps(&text.join("\n"), true);
    }
    for weird in [
        "{",
        "Function\n\n{",
        "T\n\nFunction\n\nx\n\nURI\n\nGET /a\n\nTable 1 X\n\nParameter\n\nType\n\nDescription\n\n",
        "T\n\nFunction\n\nURI\n\nGET /{a}\n\nExample Request\n\n[[[[\n",
    ] {
        let _ = gaps(weird, true);
    }
}

/// The whole EVS reference (the Chinese pages and the two English ones) imported in one run, as
/// `spec/evs/import-ids.yaml` says, writes exactly the committed operation specs, and the
/// models it shares are the committed service file's (which adds the hand-completed parts:
/// endpoint, regions, the error model).
#[test]
fn the_evs_reference_reproduces_its_committed_specs() {
    use specgen::import::bulk::{Outcome, import_all, read_ids};
    let spec = Path::new("../spec/evs");
    let ids = read_ids(&spec.join("import-ids.yaml")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let inputs = [
        Path::new("../../shared/pages-zh/evs").to_path_buf(),
        Path::new(PAGES).join("evs-delete-volume.txt"),
        Path::new(PAGES).join("evs-delete-snapshot.txt"),
    ];
    let options = ImportOptions {
        service: "evs".into(),
        ..ImportOptions::default()
    };
    let result = import_all(&inputs, out.path(), &options, &ids).unwrap();
    let failed: Vec<String> = result
        .pages
        .iter()
        .filter_map(|p| match &p.outcome {
            Outcome::Failed { error } => Some(format!("{}: {error}", p.page.display())),
            _ => None,
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // Pages of one operation: which was kept, and what the others say differently (a review
    // aid: the English edition against the Chinese, a leftover page against the current one).
    let mut same = String::new();
    for page in &result.pages {
        if let Outcome::Duplicate {
            same_as,
            differences,
        } = &page.outcome
        {
            let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
            same.push_str(&format!(
                "{}: the same operation as {}\n",
                name(&page.page),
                name(Path::new(same_as))
            ));
            for difference in differences {
                same.push_str(&format!("  differs: {difference}\n"));
            }
        }
    }
    insta::assert_snapshot!("evs_same_operations", same);
    // The committed operation specs: the import's output plus their recorded edits, checked
    // by the function `specgen import --check` runs (the same bulk import, in memory).
    let checks = check_specs(&[spec.to_path_buf()], &page_roots()).unwrap();
    let written = result
        .pages
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Written { .. }))
        .count();
    assert_eq!(
        checks.len(),
        written,
        "one committed spec per operation written"
    );
    let failed = failures(&checks);
    assert!(
        failed.is_empty(),
        "spec/evs/operations departs from the import where no edit records it; run the import again, or record the edit:\n{failed}"
    );
    let models = |text: &str| -> serde_yaml::Value {
        let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let mut models = value["models"].clone();
        if let Some(map) = models.as_mapping_mut() {
            map.remove("ErrorResponse");
        }
        models
    };
    let imported_service =
        std::fs::read_to_string(out.path().join("evs").join("service.yaml")).unwrap();
    let committed_service = std::fs::read_to_string(spec.join("service.yaml")).unwrap();
    // Compared as values (the order of models does not matter); a failure shows the diff.
    let (imported_models, committed_models) =
        (models(&imported_service), models(&committed_service));
    if imported_models != committed_models {
        specgen_tests::text::assert_text_eq(
            &serde_yaml::to_string(&committed_models).unwrap(),
            &serde_yaml::to_string(&imported_models).unwrap(),
            "spec/evs/service.yaml's models (but ErrorResponse, written by hand) are the ones the import shares",
        );
    }
}
