//! `specgen import PAGES... --service NAME`: a whole reference in one run, on pages written
//! here (plain-text captures): skipped overviews, duplicates, told-apart ids, shared models,
//! failed pages that write nothing, and a result that does not depend on the pages' order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use specgen::import::ImportOptions;
use specgen::import::bulk::{Outcome, import_all, read_ids};

/// A small page: `title`, `method path`, one path parameter table, a 400 error table.
fn page(title: &str, method: &str, path: &str, error_doc: &str) -> String {
    let mut text =
        format!("{title}\n\nFunction\n\nThis API is used to do it.\n\nURI\n\n{method} {path}\n\n");
    text.push_str("Table 1 Path Parameters\n\nParameter\n\nMandatory\n\nType\n\nDescription\n\n");
    for name in path
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
    {
        text.push_str(&format!("{name}\n\nYes\n\nString\n\nThe {name}.\n\n"));
    }
    text.push_str(
        "Response Parameters\n\nStatus code: 400\n\nTable 2 Response body parameters\n\n",
    );
    text.push_str("Parameter\n\nType\n\nDescription\n\nerror\n\nError object\n\nThe error.\n\n");
    text.push_str(&format!(
        "Table 3 Error\n\nParameter\n\nType\n\nDescription\n\ncode\n\nString\n\n{error_doc}\n\nmessage\n\nString\n\nThe message.\n\n"
    ));
    text.push_str(
        "Status Codes\n\nStatus Code\n\nDescription\n\n204\n\nNo Content\n\n400\n\nBad Request\n",
    );
    text
}

fn write_pages(dir: &Path, pages: &[(&str, String)]) -> Vec<PathBuf> {
    pages
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn pages() -> Vec<(&'static str, String)> {
    vec![
        (
            "a-delete-disk-v2.txt",
            page(
                "Deleting a Disk",
                "DELETE",
                "/v2/{project_id}/disks/{disk_id}",
                "The code.",
            ),
        ),
        (
            "b-delete-disk-v3.txt",
            page(
                "Deleting a Disk",
                "DELETE",
                "/v3/{project_id}/disks/{disk_id}",
                "The code.",
            ),
        ),
        // The same operation as the first page (parameter names differ).
        (
            "c-delete-disk-again.txt",
            page(
                "Removing a Disk",
                "DELETE",
                "/v2/{project_id}/disks/{id}",
                "The code.",
            ),
        ),
        // Its Error table differs from the others'.
        (
            "d-delete-snapshot.txt",
            page(
                "Deleting a Snapshot",
                "DELETE",
                "/v2/{project_id}/snapshots/{snapshot_id}",
                "Another code.",
            ),
        ),
        (
            "e-overview.txt",
            "API Overview\n\nFunction\n\nThe APIs of the service.\n".to_owned(),
        ),
        (
            "f-broken.txt",
            page(
                "Deleting a Thing",
                "DELETE",
                "/v2/{project_id}/things/{thing_id}",
                "The code.",
            )
            .replace("Error object", "Eror objct thing"),
        ),
    ]
}

fn options() -> ImportOptions {
    ImportOptions {
        service: "disks".into(),
        ..ImportOptions::default()
    }
}

/// Every file under `dir`, relative path → contents.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walk(dir) {
        let rel = entry.strip_prefix(dir).unwrap().display().to_string();
        out.insert(rel, std::fs::read_to_string(&entry).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_reference_imports_in_one_run() {
    let pages_dir = tempfile::tempdir().unwrap();
    let spec_dir = tempfile::tempdir().unwrap();
    write_pages(pages_dir.path(), &pages());
    let result = import_all(
        &[pages_dir.path().to_path_buf()],
        spec_dir.path(),
        &options(),
        &BTreeMap::new(),
    )
    .unwrap();
    let summary: Vec<(String, String)> = result
        .pages
        .iter()
        .map(|p| {
            let name = p.page.file_name().unwrap().to_string_lossy().into_owned();
            let what = match &p.outcome {
                Outcome::Written { imported, .. } => format!("written {}", imported.id),
                Outcome::Skipped { title } => format!("skipped {title}"),
                Outcome::Duplicate { same_as, .. } => {
                    format!(
                        "duplicate of {}",
                        Path::new(same_as).file_name().unwrap().to_string_lossy()
                    )
                }
                Outcome::Failed { error } => {
                    format!("failed: {}", error.lines().next().unwrap_or_default())
                }
            };
            (name, what)
        })
        .collect();
    let expected = [
        ("a-delete-disk-v2.txt", "written DeleteDisk"),
        ("b-delete-disk-v3.txt", "written DeleteDiskV3"),
        (
            "c-delete-disk-again.txt",
            "duplicate of a-delete-disk-v2.txt",
        ),
        ("d-delete-snapshot.txt", "written DeleteSnapshot"),
        ("e-overview.txt", "skipped API Overview"),
    ];
    for (name, what) in expected {
        assert!(
            summary.contains(&(name.to_owned(), what.to_owned())),
            "{name}: {summary:#?}"
        );
    }
    assert!(
        summary
            .iter()
            .any(|(name, what)| name == "f-broken.txt" && what.starts_with("failed")),
        "{summary:#?}"
    );
    assert!(result.failed());

    // The failed page wrote nothing; the Error table both disk pages share is in the service
    // file; the snapshot page's different Error table keeps a Rust name of its own.
    let files = tree(spec_dir.path());
    let names: Vec<&String> = files.keys().collect();
    assert_eq!(
        names,
        [
            "disks/operations/delete_disk.yaml",
            "disks/operations/delete_disk_v3.yaml",
            "disks/operations/delete_snapshot.yaml",
            "disks/service.yaml",
        ]
    );
    assert!(
        files["disks/service.yaml"].contains("models:\n  Error:\n"),
        "{}",
        files["disks/service.yaml"]
    );
    assert!(!files["disks/operations/delete_disk.yaml"].contains("\nmodels:"));
    assert!(
        files["disks/operations/delete_snapshot.yaml"].contains("    name: DeleteSnapshotError\n")
    );
    // What was written is a service `generate` accepts.
    let target = specgen::Target::new(spec_dir.path(), spec_dir.path().join("out"));
    if let Err(error) = specgen::render(&target) {
        panic!("{error}");
    }
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_pages() {
    let pages_dir = tempfile::tempdir().unwrap();
    let paths = write_pages(pages_dir.path(), &pages());
    let mut reversed = paths.clone();
    reversed.reverse();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    import_all(&paths, first.path(), &options(), &BTreeMap::new()).unwrap();
    import_all(&reversed, second.path(), &options(), &BTreeMap::new()).unwrap();
    assert_eq!(tree(first.path()), tree(second.path()));
}

#[test]
fn an_ids_file_names_the_operations() {
    let pages_dir = tempfile::tempdir().unwrap();
    let spec_dir = tempfile::tempdir().unwrap();
    let paths = write_pages(pages_dir.path(), &pages()[..2]);
    let ids_file = pages_dir.path().join("ids.yaml");
    std::fs::write(
        &ids_file,
        "a-delete-disk-v2.txt: DeleteVolume\nb-delete-disk-v3.txt: DeleteVolumeV3\n",
    )
    .unwrap();
    let ids = read_ids(&ids_file).unwrap();
    let result = import_all(&paths, spec_dir.path(), &options(), &ids).unwrap();
    let written: Vec<String> = result
        .pages
        .iter()
        .filter_map(|p| match &p.outcome {
            Outcome::Written { imported, .. } => Some(imported.id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(written, ["DeleteVolume", "DeleteVolumeV3"]);

    std::fs::write(&ids_file, "a-delete-disk-v2.txt: delete volume\n").unwrap();
    let error = read_ids(&ids_file).unwrap_err();
    assert!(
        error.contains("not an UpperCamelCase operation id"),
        "{error}"
    );
}
