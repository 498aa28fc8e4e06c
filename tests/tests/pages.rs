//! Every captured page in `../shared/pages` has a spec that matches it: the page README's
//! table names each page's address and operation, and a spec must carry that address, method
//! and path, with its examples checked (the per-crate `page_examples` tests round-trip them).

use std::path::Path;

#[test]
fn every_captured_page_has_a_matching_spec() {
    let readme =
        std::fs::read_to_string("../../shared/pages/README.md").expect("the captured pages");
    let loaded = specgen::load(Path::new("../spec")).unwrap();
    let specs: Vec<_> = loaded
        .services
        .iter()
        .flat_map(|s| s.operations.iter())
        .collect();
    let mut pages = 0;
    for row in readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(".txt |"))
    {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (file, url, operation) = (cells[1], cells[2], cells[3]);
        let (method, path) = operation.split_once(' ').unwrap();
        assert!(
            Path::new("../../shared/pages").join(file).is_file(),
            "{file}"
        );
        let spec = specs
            .iter()
            .find(|s| s.doc_url.as_deref() == Some(url))
            .unwrap_or_else(|| panic!("no spec has doc_url {url} ({file})"));
        assert_eq!(spec.method.as_str(), method, "{file}");
        assert_eq!(spec.path_template, path, "{file}");
        pages += 1;
    }
    assert_eq!(pages, 9);
}

#[test]
fn the_discrepancy_of_the_cts_page_is_reported_as_a_warning() {
    let loaded = specgen::load(Path::new("../spec")).unwrap();
    let warning = loaded
        .warnings
        .warnings()
        .find(|w| w.file.ends_with("cts/operations/list_projects_tag.yaml"))
        .expect("a warning for the CTS example");
    assert!(
        warning.message.contains("$.page_info.current_count"),
        "{warning}"
    );
    assert!(
        warning.message.contains("a discrepancy of the page"),
        "{warning}"
    );
}
