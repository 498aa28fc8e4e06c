//! Model sharing (generator/src/model/sharing.rs): no two types the generator emits for one
//! service are structurally identical, for every service of every spec directory the
//! workspace generates. Judged here by a comparison of its own: two types are the same
//! structure when everything but their names and docs is equal, the names of the types they
//! use included (after sharing, identical children have one name, so identical parents compare
//! equal). The shipped DRS spec has two identical enums, so the test fails without the pass.

use std::collections::HashMap;
use std::path::Path;

use specgen::model::{Service, TypeDef, TypeKind};

const SPEC_DIRS: [&str; 4] = [
    "../spec",
    "conformance/spec",
    "constructs/spec",
    "corpus/spec",
];

fn services(spec: &str) -> Vec<Service> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec);
    specgen::load(&dir)
        .unwrap_or_else(|errors| panic!("{errors}"))
        .services
}

/// Everything that makes the type's code but its name and docs.
fn structure(def: &TypeDef) -> String {
    match &def.kind {
        TypeKind::Struct { fields } => {
            let fields: Vec<_> = fields
                .iter()
                .map(|f| {
                    let mut f = f.clone();
                    f.doc = None;
                    f
                })
                .collect();
            format!("struct {fields:?}")
        }
        TypeKind::Enum { values, default } => {
            let values: Vec<_> = values.iter().map(|v| (&v.wire, &v.variant)).collect();
            format!("enum {} {values:?} {default:?}", def.in_response)
        }
    }
}

#[test]
fn no_two_emitted_models_of_a_service_are_identical() {
    let mut checked = 0;
    for spec in SPEC_DIRS {
        for service in services(spec) {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for def in service.all_types() {
                if let Some(first) = seen.insert(structure(def), &def.name) {
                    panic!(
                        "{spec}: service {} emits {first} and {} with one structure",
                        service.name, def.name
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} types checked");
}

#[test]
fn every_merged_name_stays_usable_and_is_reported() {
    let drs = services("../spec")
        .into_iter()
        .find(|s| s.name == "drs")
        .unwrap();
    let op = drs
        .operations
        .iter()
        .find(|op| op.id == "DownloadBatchCreateTemplate")
        .unwrap();
    let shared = op
        .shared_names
        .iter()
        .find(|s| s.name == "DownloadBatchCreateTemplateXLanguage")
        .expect("the merged enum keeps its name in its operation's module");
    assert_eq!(shared.model, "CollectDbObjectsInfoXLanguage");
    assert!(drs.models.iter().any(|m| m.name == shared.model));
    assert!(drs.merges.iter().any(|m| m.model == shared.model
        && m.merged
            == [(
                shared.name.clone(),
                "spec/drs/operations/download_batch_create_template.yaml".to_owned()
            )]));

    // Both names are one type in the generated crate, at both paths.
    use huaweicloud_sdk_drs::operations::collect_db_objects_info::CollectDbObjectsInfoXLanguage;
    use huaweicloud_sdk_drs::operations::download_batch_create_template::DownloadBatchCreateTemplateXLanguage;
    let language: DownloadBatchCreateTemplateXLanguage = CollectDbObjectsInfoXLanguage::ZhCn;
    assert_eq!(
        language,
        huaweicloud_sdk_drs::models::CollectDbObjectsInfoXLanguage::ZhCn
    );
    // The models module names every merged type too.
    assert_eq!(
        language,
        huaweicloud_sdk_drs::models::DownloadBatchCreateTemplateXLanguage::ZhCn
    );
}

/// The models module names an operation's merged types through a glob of the operation's
/// module of aliases (generator/src/emit/crate_root.rs): so every name the model puts in the
/// models module must be an operation's alias or a merged service-file model, and each alias
/// one operation's only.
#[test]
fn the_models_module_names_each_merged_type_once() {
    for spec in SPEC_DIRS {
        for service in services(spec) {
            let mut owners: HashMap<&str, &str> = HashMap::new();
            for op in &service.operations {
                for alias in op.aliases() {
                    assert!(
                        service.shared_names.contains(alias),
                        "{spec}: {}'s alias {} is not in the models module",
                        op.id,
                        alias.name
                    );
                    if let Some(first) = owners.insert(&alias.name, &op.id) {
                        panic!("{spec}: {first} and {} both name {}", op.id, alias.name);
                    }
                }
            }
            for shared in &service.shared_names {
                if owners.contains_key(shared.name.as_str()) {
                    continue;
                }
                let origin = service
                    .merges
                    .iter()
                    .flat_map(|merge| &merge.merged)
                    .find(|(name, _)| *name == shared.name)
                    .map(|(_, origin)| origin);
                assert_eq!(
                    origin,
                    Some(&service.origin),
                    "{spec}: {} is neither an alias nor a merged service-file model",
                    shared.name
                );
            }
        }
    }
}

/// A split service (EVS is three parts): a merged type is one type at its operation's path,
/// at its name in the models module (gathered from the parts), and at its model's path.
#[test]
fn merged_names_of_a_split_service_stay_usable_at_both_paths() {
    use huaweicloud_sdk_evs::models;
    use huaweicloud_sdk_evs::operations::{cinder_attach_volume, update_volume};

    let first_part: cinder_attach_volume::CinderAttachVolumeResponse =
        models::CinderAttachVolumeResponse::new();
    let _: models::ErrorResponse = first_part;
    let last_part: update_volume::UpdateVolumeVolume = models::UpdateVolumeVolume::new();
    let _: models::CinderUpdateSnapshotSnapshot = last_part;
}
