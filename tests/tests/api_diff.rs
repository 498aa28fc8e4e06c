//! `specgen diff`: the API-level change between two spec versions, with breaking changes
//! flagged.

use std::fs;
use std::path::Path;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(root: &Path, file: &str, find: &str, replace: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find:?} not in {file}");
    fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

fn models(dir: &Path) -> Vec<specgen::model::Service> {
    specgen::load(dir).unwrap().services
}

#[test]
fn identical_specs_have_no_changes() {
    let spec = models(Path::new("../spec"));
    assert!(specgen::export::api_diff::diff(&spec, &spec).is_empty());
}

#[test]
fn changes_are_listed_and_breaking_ones_flagged() {
    let temp = tempfile::tempdir().unwrap();
    let new = temp.path().join("spec");
    copy_dir(Path::new("../spec"), &new);
    let collect = "drs/operations/collect_db_objects_info.yaml";
    // A request field becomes required, a request enum loses a value and a response enum gains one.
    edit(
        &new,
        collect,
        "      db_names:\n        type: array\n        items: {type: string}\n",
        "      db_names:\n        type: array\n        items: {type: string}\n        required: true\n",
    );
    edit(
        &new,
        collect,
        "\"type\" : \"source\"",
        "\"type\" : \"source\", \"db_names\" : [ \"d\" ]",
    );
    edit(
        &new,
        collect,
        "          modified: Query information about the selected objects that are not delivered.\n",
        "",
    );
    edit(
        &new,
        collect,
        "enum: [pending, failed, success]",
        "enum: [pending, failed, success, cancelled]",
    );
    // An optional query parameter is added; an operation is removed.
    edit(
        &new,
        collect,
        "  X-Language:\n",
        "  verbose:\n    in: query\n    type: boolean\n    doc: More detail.\n  X-Language:\n",
    );
    fs::remove_file(new.join("drs/operations/export_creation_template.yaml")).unwrap();

    let changes = specgen::export::api_diff::diff(&models(Path::new("../spec")), &models(&new));
    let listed: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "BREAKING drs CollectDbObjectsInfo body.db_names: became required",
            "BREAKING drs CollectDbObjectsInfo body.type enum: value \"modified\" removed",
            "         drs CollectDbObjectsInfo param verbose: optional parameter added",
            "         drs CollectDbObjectsInfo response.status enum: value \"cancelled\" added",
            "BREAKING drs ExportCreationTemplate: operation removed",
        ],
    );
}

/// Model sharing: a new page whose enum is identical to two existing operations' becomes their
/// shared model (it sorts first), but every name the old crate had stays, naming it: not
/// breaking.
#[test]
fn a_page_that_makes_a_shared_model_another_name_breaks_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let new = temp.path().join("spec");
    copy_dir(Path::new("../spec"), &new);
    fs::write(
        new.join("drs/operations/add_language.yaml"),
        "id: AddLanguage\ntitle: Adding a language\nmethod: POST\npath: /v5/{project_id}/languages\n\
         params:\n  project_id: {in: path, required: true, from: project, doc: Project ID.}\n  \
         X-Language:\n    in: header\n    enum: [en-us, zh-cn]\n    default: en-us\n    doc: Language.\n\
         responses:\n  204: {description: No Content}\n",
    )
    .unwrap();
    let old_models = models(Path::new("../spec"));
    let new_models = models(&new);
    let drs = new_models.iter().find(|s| s.name == "drs").unwrap();
    assert_eq!(
        drs.merges[0].model, "AddLanguageXLanguage",
        "{:?}",
        drs.merges
    );

    let changes = specgen::export::api_diff::diff(&old_models, &new_models);
    let listed: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        [
            "         drs AddLanguage: operation added: POST /v5/{project_id}/languages",
            "         drs CollectDbObjectsInfo param X-Language: type CollectDbObjectsInfoXLanguage is now AddLanguageXLanguage, still named CollectDbObjectsInfoXLanguage",
            "         drs DownloadBatchCreateTemplate param X-Language: type CollectDbObjectsInfoXLanguage is now AddLanguageXLanguage, still named CollectDbObjectsInfoXLanguage",
        ],
    );
}
