//! The committed page → id table of EVS (`spec/evs/import-ids.yaml`, read by the bulk import)
//! against the pinned official EVS SDK (`python/requirements.txt`, dumped by
//! `python/official_operations.py`):
//! - every committed EVS spec's page is in the table with the spec's id, and every id of the
//!   table names a committed spec (pages of one operation share its id);
//! - where the SDK has the operation (same method; same path with parameter names ignored and
//!   fixed query values removed; where several official operations share a method and path,
//!   the one whose request body keys match and whose description names the value the page's
//!   action field takes), the id is the SDK's;
//! - elsewhere the id is not the official name of any operation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use serde_yaml::Value;

#[derive(Debug, Deserialize)]
struct Official {
    id: String,
    method: String,
    path: String,
    body_keys: Vec<String>,
    body_docs: BTreeMap<String, String>,
}

/// What the test needs of a committed spec.
#[derive(Debug)]
struct Spec {
    file: String,
    id: String,
    method: String,
    path: String,
    page: String,
    body_keys: BTreeSet<String>,
    /// Top-level body fields with the one value the page names them by.
    discriminators: BTreeMap<String, String>,
}

fn official_operations() -> Vec<Official> {
    let venv = specgen_tests::python::venv(Path::new(env!("CARGO_TARGET_TMPDIR")));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/official_operations.py");
    let output = venv
        .command()
        .arg(&script)
        .arg("huaweicloudsdkevs.v2")
        .output()
        .expect("running python/official_operations.py");
    assert!(
        output.status.success(),
        "official_operations.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let operations: Vec<Official> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(
        operations.len() >= 60,
        "the pinned EVS SDK lists {} operations; expected its whole client",
        operations.len()
    );
    operations
}

/// A path with parameter names erased, without a fixed query or a trailing `/`.
fn shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let mut out = String::new();
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => out.push(c),
        }
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    out
}

fn committed_specs() -> Vec<Spec> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/evs/operations");
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml: Value = serde_yaml::from_str(&text).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text_of = |value: &Value| value.as_str().unwrap_or_default().to_owned();
        let fields = yaml["request"]["body"]["fields"]
            .as_mapping()
            .cloned()
            .unwrap_or_default();
        let example: Option<serde_json::Value> = yaml["examples"]["requests"][0]["body"]
            .as_str()
            .and_then(|body| serde_json::from_str(body).ok());
        let mut discriminators = BTreeMap::new();
        for (name, field) in &fields {
            let name = text_of(name);
            let only_value = match field["enum"].as_sequence().map(Vec::as_slice) {
                Some([only]) => Some(text_of(only)),
                _ => example
                    .as_ref()
                    .and_then(|e| e.get(&name)?.as_str().map(str::to_owned))
                    .filter(|value| {
                        field["doc"]
                            .as_str()
                            .unwrap_or_default()
                            .lines()
                            .any(|line| {
                                line.trim()
                                    .strip_prefix(value.as_str())
                                    .is_some_and(|rest| rest.starts_with([':', '：']))
                            })
                    }),
            };
            if let Some(value) = only_value {
                discriminators.insert(name, value);
            }
        }
        specs.push(Spec {
            id: text_of(&yaml["id"]),
            method: text_of(&yaml["method"]),
            path: text_of(&yaml["path"]),
            page: text_of(&yaml["source"]["file"]),
            body_keys: fields.keys().map(text_of).collect(),
            discriminators,
            file,
        });
    }
    specs.sort_by(|a, b| a.file.cmp(&b.file));
    specs
}

fn ids_table() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/evs/import-ids.yaml");
    specgen::import::bulk::read_ids(&path)
        .unwrap()
        .into_iter()
        .map(|(page, facts)| (page, facts.id().to_owned()))
        .collect()
}

/// The official operation a spec describes, if the SDK has it.
fn official_for<'a>(spec: &Spec, official: &'a [Official]) -> Result<Option<&'a Official>, String> {
    let candidates: Vec<&Official> = official
        .iter()
        .filter(|op| op.method == spec.method && shape(&op.path) == shape(&spec.path))
        .collect();
    if candidates.len() <= 1 {
        return Ok(candidates.first().copied());
    }
    let matching: Vec<&Official> = candidates
        .into_iter()
        .filter(|op| op.body_keys.iter().cloned().collect::<BTreeSet<_>>() == spec.body_keys)
        .filter(|op| {
            spec.discriminators.iter().all(|(key, value)| {
                op.body_docs.get(key).is_some_and(|doc| {
                    doc.split(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-')
                        .any(|word| word == value)
                })
            })
        })
        .collect();
    match matching.as_slice() {
        [one] => Ok(Some(one)),
        [] => Err(format!(
            "{}: the SDK has operations on {} {} but none whose body matches",
            spec.file, spec.method, spec.path
        )),
        several => Err(format!(
            "{}: several official operations match: {:?}",
            spec.file,
            several.iter().map(|op| &op.id).collect::<Vec<_>>()
        )),
    }
}

#[test]
fn the_page_id_table_names_every_committed_spec() {
    let specs = committed_specs();
    let table = ids_table();
    assert!(specs.len() >= 100, "{} EVS specs", specs.len());
    let mut problems = Vec::new();
    for spec in &specs {
        match table.get(&spec.page) {
            Some(id) if *id == spec.id => {}
            Some(id) => problems.push(format!(
                "{}: id {} but the table gives its page {} the id {id}",
                spec.file, spec.id, spec.page
            )),
            None => problems.push(format!(
                "{}: its page {} is not in the table",
                spec.file, spec.page
            )),
        }
    }
    let ids: BTreeSet<&String> = specs.iter().map(|s| &s.id).collect();
    for (page, id) in &table {
        if !ids.contains(id) {
            problems.push(format!("the table's {page}: {id} names no committed spec"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn ids_are_the_official_sdks_where_it_has_the_operation() {
    let official = official_operations();
    let official_ids: BTreeSet<&str> = official.iter().map(|op| op.id.as_str()).collect();
    let mut problems = Vec::new();
    let mut matched = 0;
    for spec in committed_specs() {
        match official_for(&spec, &official) {
            Ok(Some(op)) => {
                matched += 1;
                if op.id != spec.id {
                    problems.push(format!(
                        "{}: {} {} is the SDK's {}, not {}",
                        spec.file, spec.method, spec.path, op.id, spec.id
                    ));
                }
            }
            Ok(None) => {
                if official_ids.contains(spec.id.as_str()) {
                    problems.push(format!(
                        "{}: {} is the SDK's name of another operation",
                        spec.file, spec.id
                    ));
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The pages that the SDK also has (tag operations on one path among them).
    assert!(
        matched >= 28,
        "only {matched} specs matched an official operation (28 when written)"
    );
}

#[test]
fn shapes_ignore_parameter_names_and_fixed_queries() {
    assert_eq!(
        shape("/v2/{project_id}/volumes/{volume_id}/"),
        "/v2/{}/volumes/{}"
    );
    assert_eq!(
        shape("/v2/{p}/volumes/detail?usage=true"),
        "/v2/{}/volumes/detail"
    );
}
