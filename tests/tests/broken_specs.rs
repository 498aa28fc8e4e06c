//! Broken specs, each made by one edit of a fixture DRS service (`tests/fixtures/broken/drs`,
//! a frozen copy of the DRS spec as imported): every one must fail with a diagnostic naming the
//! file, the line and the field, and none may panic or write anything. The fixture, not the
//! committed spec, so that hand edits of `spec/drs` never move these texts and lines.

use std::fs;
use std::path::{Path, PathBuf};

const SERVICE: &str = "service.yaml";
const OPERATION: &str = "operations/collect_db_objects_info.yaml";

/// (case, file, text to find, replacement)
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "name_is_not_a_type_name",
        OPERATION,
        "          doc: Query status.",
        "          doc: Query status.\n          name: query status",
    ),
    (
        "path_has_a_space",
        OPERATION,
        "path: /v5.1/{project_id}/jobs/{job_id}/db-objects/collect",
        "path: /v5.1/{project_id}/jobs/{job_id}/db objects/collect",
    ),
    (
        "yaml_syntax_error",
        OPERATION,
        "title: Submitting",
        "title: \"Submitting",
    ),
    (
        "yaml_bad_indentation",
        SERVICE,
        "  model: DrsError",
        "\tmodel: DrsError",
    ),
    (
        "unknown_key_with_suggestion",
        OPERATION,
        "method: POST",
        "metod: POST",
    ),
    (
        "unknown_type_with_suggestion",
        OPERATION,
        "type: string\n        required: true",
        "type: strng\n        required: true",
    ),
    (
        "unquoted_boolean_enum_value",
        OPERATION,
        "\"true\": indicating",
        "true: indicating",
    ),
    (
        "unquoted_number_default",
        SERVICE,
        "min_length: 12\n",
        "min_length: 12\n        default: 123456789012\n",
    ),
    (
        "duplicate_key",
        OPERATION,
        "      job_id:\n          type: string\n          doc: Task ID.",
        "      job_id:\n          type: string\n          doc: Task ID.\n        job_id:\n          type: string",
    ),
    ("missing_required_key", OPERATION, "method: POST\n", ""),
    (
        "placeholder_without_parameter",
        OPERATION,
        "path: /v5.1/{project_id}/jobs/{job_id}/",
        "path: /v5.1/{project_id}/jobs/{job}/",
    ),
    (
        "path_parameter_not_in_path",
        OPERATION,
        "  job_id:\n    in: path",
        "  task_id:\n    in: path\n    required: true\n  job_id:\n    in: path",
    ),
    (
        "broken_reference",
        OPERATION,
        "ref: DrsError",
        "ref: DrsErr",
    ),
    (
        "duplicate_enum_value",
        OPERATION,
        "enum: [pending, failed, success]",
        "enum: [pending, failed, pending]",
    ),
    (
        "min_length_above_max_length",
        SERVICE,
        "min_length: 1\n        max_length: 512",
        "min_length: 600\n        max_length: 512",
    ),
    (
        "constraint_on_wrong_type",
        OPERATION,
        "        items: {type: string}",
        "        items: {type: string}\n        max_length: 3",
    ),
    (
        "default_not_an_enum_value",
        OPERATION,
        "default: en-us",
        "default: fr-fr",
    ),
    (
        "type_names_collide",
        OPERATION,
        "          doc: Query status.",
        "          doc: Query status.\n          name: CollectDbObjectsInfoRequest",
    ),
    (
        "reserved_type_name",
        OPERATION,
        "          doc: Query status.",
        "          doc: Query status.\n          name: Option",
    ),
    (
        "unmanaged_auth_header",
        OPERATION,
        "    managed: true\n    type: string\n    doc: |-\n      User token",
        "    type: string\n    doc: |-\n      User token",
    ),
    (
        "example_breaks_its_enum",
        OPERATION,
        "\"status\" : \"pending\"",
        "\"status\" : \"done\"",
    ),
    (
        "example_breaks_its_length",
        OPERATION,
        "\"DRS.10000010\"",
        "\"DRS.1\"",
    ),
    (
        "example_is_not_json",
        OPERATION,
        "\"type\" : \"source\"",
        "\"type\" : source",
    ),
    (
        "example_has_undeclared_field",
        OPERATION,
        "\"type\" : \"source\"",
        "\"type\" : \"source\", \"dbName\": \"x\"",
    ),
    (
        "example_for_undocumented_status",
        OPERATION,
        "    400:\n      description: Bad Request\n      body: |",
        "    404:\n      description: Bad Request\n      body: |",
    ),
    (
        "error_model_missing",
        SERVICE,
        "  model: DrsError",
        "  model: DrsFailure",
    ),
    (
        "service_name_differs_from_directory",
        SERVICE,
        "name: drs",
        "name: rds",
    ),
    (
        "two_success_statuses",
        OPERATION,
        "  400:\n    description: Bad Request",
        "  200:\n    description: OK\n  400:\n    description: Bad Request",
    ),
    (
        "doc_url_is_not_a_link",
        OPERATION,
        "doc_url: https://support.huaweicloud.com/intl/en-us/api-drs/drs_03_0202.html",
        "doc_url: \"javascript:alert(1)//https://support.huaweicloud.com/\"",
    ),
    // Values that reach generated code or manifests (issue 12, items 10 and 11).
    (
        "version_is_not_semver",
        SERVICE,
        "version: 0.1.0",
        "version: \"{{runtime_path}}\"",
    ),
    (
        "float_maximum_is_infinite",
        OPERATION,
        "        doc: A specified database.\n",
        "        doc: A specified database.\n      ratio:\n        type: float\n        maximum: .inf\n",
    ),
    (
        "float_maximum_out_of_f32_range",
        OPERATION,
        "        doc: A specified database.\n",
        "        doc: A specified database.\n      ratio:\n        type: float\n        maximum: 1e300\n",
    ),
    (
        "integer_maximum_out_of_i32_range",
        OPERATION,
        "        doc: A specified database.\n",
        "        doc: A specified database.\n      count:\n        type: integer\n        maximum: 1e12\n",
    ),
    (
        "double_default_is_nan",
        OPERATION,
        "        doc: A specified database.\n",
        "        doc: A specified database.\n      ratio:\n        type: double\n        default: .nan\n",
    ),
    // Recorded hand edits (`edits:`) must be well-formed.
    (
        "edit_without_reason",
        OPERATION,
        "\nsource:\n",
        "\nedits:\n  - at: params.job_id.doc\n    was: Task ID.\n    why: \"  \"\n\nsource:\n",
    ),
    (
        "edit_path_does_not_parse",
        OPERATION,
        "\nsource:\n",
        "\nedits:\n  - at: params..doc\n    why: a test\n\nsource:\n",
    ),
    (
        "edits_overlap",
        OPERATION,
        "\nsource:\n",
        "\nedits:\n  - at: params.job_id\n    why: a test\n  - at: params.job_id.doc\n    why: a test\n\nsource:\n",
    ),
];

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

/// A copy of the fixture service with one edit, and the directory holding it.
fn broken_spec(file: &str, find: &str, replace: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("spec");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken/drs"),
        &spec.join("drs"),
    );
    let path = spec.join("drs").join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "{find:?} is not in {file}");
    fs::write(&path, text.replacen(find, replace, 1)).unwrap();
    (temp, spec)
}

#[test]
fn each_broken_spec_gets_a_located_error() {
    for (case, file, find, replace) in CASES {
        let (temp, spec) = broken_spec(file, find, replace);
        let out = temp.path().join("generated");
        let error = match specgen::generate(&specgen::Target::new(&spec, &out)) {
            Err(specgen::Error::Spec(diagnostics)) => diagnostics,
            Ok(_) => panic!("{case}: the broken spec was accepted"),
            Err(other) => panic!("{case}: expected spec errors, got {other}"),
        };
        assert!(!out.exists(), "{case}: nothing may be written");
        let first_error = error.0.iter().find(|d| d.is_error()).expect("an error");
        assert!(
            first_error.position.is_some(),
            "{case}: {first_error} has no line"
        );
        assert!(
            first_error.file.ends_with(file),
            "{case}: {first_error} names the wrong file"
        );
        let text = error
            .to_string()
            .replace(&temp.path().display().to_string(), "<tmp>");
        insta::assert_snapshot!(*case, text);
    }
}

#[test]
fn a_broken_spec_leaves_existing_output_untouched() {
    let (temp, spec) = broken_spec(OPERATION, "ref: DrsError", "ref: Missing");
    let out = temp.path().join("generated");
    fs::create_dir_all(out.join("drs")).unwrap();
    fs::write(
        out.join("drs/Cargo.toml"),
        "# Generated by specgen from an older spec.\n",
    )
    .unwrap();
    assert!(specgen::generate(&specgen::Target::new(&spec, &out)).is_err());
    let entries: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["drs"]);
    assert_eq!(
        fs::read_to_string(out.join("drs/Cargo.toml")).unwrap(),
        "# Generated by specgen from an older spec.\n"
    );
}
