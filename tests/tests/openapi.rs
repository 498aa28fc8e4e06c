//! The OpenAPI export (`specgen openapi`), judged by tools that share no code with it: every
//! service of every target of `specgen.toml` is exported in 3.0 and 3.1 and validated with
//! `openapi-spec-validator` from PyPI, and every page example is validated against the
//! exported 3.1 schemas by `openapi/check.py` (jsonschema). Both run in the tests' shared
//! virtualenv, pinned by `python/requirements.txt` (`specgen_tests::python`): without python3
//! or PyPI they fail, never skip.
//! Then what the documents say is checked against what the DRS and conformance specs say.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Output as ProcessOutput};

use clap::Parser;
use serde_json::{Value, json};
use specgen::export::openapi::{self, Version};
use specgen::model::Output;

const COLLECT: &str = "/v5.1/{project_id}/jobs/{job_id}/db-objects/collect";
const TEMPLATE: &str = "/v5/{project_id}/jobs/template";
const CREATE_WIDGET: &str = "/v1/{project_id}/widgets/{widget_id}/parts/{part_no}/{kind}";

fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The spec directory of every target of `specgen.toml` (as the config resolves it: absolute).
fn spec_dirs() -> Vec<String> {
    let config = package_dir().join("../specgen.toml");
    let targets = specgen::config::load_config(&config).unwrap_or_else(|error| panic!("{error}"));
    let dirs: Vec<String> = targets
        .iter()
        .map(|target| target.spec.display().to_string())
        .collect();
    assert!(dirs.len() >= 4, "{dirs:?}");
    dirs
}

fn load(spec: &str) -> specgen::Loaded {
    specgen::load(&package_dir().join(spec)).unwrap_or_else(|errors| panic!("{errors}"))
}

fn document(spec: &str, service: &str, version: Version) -> Value {
    let loaded = load(spec);
    let service = loaded
        .services
        .iter()
        .find(|s| s.name == service)
        .unwrap_or_else(|| panic!("no service {service} in {spec}"));
    openapi::document(service, version).unwrap_or_else(|error| panic!("{error}"))
}

/// Every service of every target in both versions, written to `dir` as
/// `<service>-<version>.json`.
fn export_all(dir: &Path) -> Vec<(Version, PathBuf)> {
    let mut files = Vec::new();
    for spec in spec_dirs() {
        for service in load(&spec).services {
            for version in Version::ALL {
                let document =
                    openapi::document(&service, version).unwrap_or_else(|error| panic!("{error}"));
                let path = dir.join(format!("{}-{version}.json", service.name));
                fs::write(&path, serde_json::to_string_pretty(&document).unwrap()).unwrap();
                files.push((version, path));
            }
        }
    }
    let names: HashSet<_> = files.iter().map(|(_, path)| path).collect();
    assert_eq!(names.len(), files.len(), "service names are unique");
    files
}

fn write_json(dir: &Path, name: &str, document: &Value) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, serde_json::to_string_pretty(document).unwrap()).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// The Python tools, in the tests' shared virtualenv (specgen_tests::python).

fn python(args: &[&std::ffi::OsStr]) -> ProcessOutput {
    specgen_tests::python::venv(Path::new(env!("CARGO_TARGET_TMPDIR")))
        .command()
        .args(args)
        .output()
        .expect("the virtualenv's python runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn validate(version: Version, files: &[&Path]) -> ProcessOutput {
    let mut args = vec![
        "-m".as_ref(),
        "openapi_spec_validator".as_ref(),
        "--schema".as_ref(),
        version.name().as_ref(),
    ];
    args.extend(files.iter().map(|f| f.as_os_str()));
    python(&args)
}

fn check_examples(files: &[&Path]) -> ProcessOutput {
    let script = package_dir().join("openapi/check.py");
    let mut args = vec![script.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    python(&args)
}

// ---------------------------------------------------------------------------------------------
// Validity.

#[test]
fn every_document_passes_openapi_spec_validator() {
    let temp = tempfile::tempdir().unwrap();
    let exported = export_all(temp.path());
    for version in Version::ALL {
        let files: Vec<&Path> = exported
            .iter()
            .filter(|(v, _)| *v == version)
            .map(|(_, path)| path.as_path())
            .collect();
        let output = validate(version, &files);
        let stdout = text(&output.stdout);
        assert!(
            output.status.success(),
            "OpenAPI {version}:\n{stdout}{}",
            text(&output.stderr)
        );
        for file in files {
            assert!(
                stdout.contains(&format!("{}: OK", file.display())),
                "{} was not validated:\n{stdout}",
                file.display()
            );
        }
    }
}

#[test]
fn the_validator_rejects_a_broken_document() {
    let temp = tempfile::tempdir().unwrap();
    for version in Version::ALL {
        // A path parameter the path does not declare: the kind of slip an exporter makes.
        let mut broken = document("../spec", "drs", version);
        let parameters = broken["paths"][COLLECT]["post"]["parameters"]
            .as_array_mut()
            .unwrap();
        parameters.retain(|p| p["name"] != "job_id");
        let file = write_json(temp.path(), &format!("broken-{version}.json"), &broken);
        let output = validate(version, &[&file]);
        assert!(!output.status.success(), "{}", text(&output.stdout));
        assert!(
            text(&output.stdout).contains("job_id"),
            "{}",
            text(&output.stdout)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Examples through the schemas.

/// (examples, examples with discrepancies) the spec checks against a JSON schema: request
/// bodies, and answers of statuses that have one.
fn expected_examples(spec: &str) -> Vec<(String, u64, u64)> {
    let loaded = load(spec);
    let mut counts = Vec::new();
    for service in &loaded.services {
        let (mut examples, mut discrepancies) = (0, 0);
        let mut count = |marked: bool| {
            examples += 1;
            discrepancies += u64::from(marked);
        };
        for op in &service.operations {
            for request in &op.examples.requests {
                if request.body.is_some() && op.body.is_some() {
                    count(!request.discrepancies.is_empty());
                }
            }
            for response in &op.examples.responses {
                let status = &response.status;
                let has_schema = if *status == op.success.status {
                    matches!(op.output, Output::Json(_))
                } else {
                    op.errors.iter().any(|e| {
                        e.status == *status && (e.body.is_some() || op.error_type.is_some())
                    })
                };
                if response.body.is_some() && has_schema {
                    count(!response.discrepancies.is_empty());
                }
            }
        }
        counts.push((service.name.clone(), examples, discrepancies));
    }
    counts
}

#[test]
fn page_examples_fit_the_exported_schemas() {
    let temp = tempfile::tempdir().unwrap();
    let exported = export_all(temp.path());
    let files: Vec<&Path> = exported
        .iter()
        .filter(|(version, _)| *version == Version::V3_1)
        .map(|(_, path)| path.as_path())
        .collect();
    let output = check_examples(&files);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));

    // Every example the spec checks is in the document, so none escaped the check.
    let summaries: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let mut total = 0;
    for spec in spec_dirs() {
        for (service, examples, discrepancies) in expected_examples(&spec) {
            let name = temp.path().join(format!("{service}-3.1.json"));
            let summary = summaries
                .iter()
                .find(|s| s["document"] == json!(name.display().to_string()))
                .unwrap_or_else(|| panic!("no summary for {service}:\n{stdout}"));
            assert_eq!(summary["examples"], json!(examples), "{service}");
            assert_eq!(summary["discrepancies"], json!(discrepancies), "{service}");
            total += examples;
        }
    }
    assert!(total >= 10, "the specs have examples to check ({total})");
}

#[test]
fn the_checker_catches_broken_examples() {
    let temp = tempfile::tempdir().unwrap();
    let drs = document("../spec", "drs", Version::V3_1);
    let cts = document("../spec", "cts", Version::V3_1);
    let request_example = format!(
        "/paths/{}/post/requestBody/content/application~1json/examples/example-1/value",
        COLLECT.replace('/', "~1")
    );
    let cts_example = "/paths/~1v3~1{project_id}~1{resource_type}~1tags/get/responses/200/content/application~1json/examples/example";

    let mut cases = Vec::new();
    // A value outside the enum.
    let mut broken = drs.clone();
    broken.pointer_mut(&request_example).unwrap()["type"] = json!("everything");
    cases.push(("enum", broken, "$.type: 'everything' is not one of"));
    // A field the schema does not declare.
    let mut broken = drs.clone();
    broken.pointer_mut(&request_example).unwrap()["typo"] = json!("source");
    cases.push(("undeclared", broken, "'typo' was unexpected"));
    // A required field missing.
    let mut broken = drs.clone();
    let value = broken.pointer_mut(&request_example).unwrap();
    value.as_object_mut().unwrap().remove("type");
    cases.push(("required", broken, "'type' is a required property"));
    // A documented discrepancy that is no longer there: the mark must stay true.
    let mut broken = cts.clone();
    let example = broken.pointer_mut(cts_example).unwrap();
    example["value"]["page_info"]["current_count"] = json!(200);
    cases.push((
        "fixed-discrepancy",
        broken,
        "$.page_info.current_count is marked as a discrepancy but fits the schema",
    ));
    // A discrepancy the export forgot to mark.
    let mut broken = cts.clone();
    let example = broken.pointer_mut(cts_example).unwrap();
    example.as_object_mut().unwrap().remove("x-discrepancies");
    cases.push((
        "unmarked",
        broken,
        "$.page_info.current_count: '200' is not of type",
    ));

    for (name, broken, expected) in cases {
        let file = write_json(temp.path(), &format!("{name}.json"), &broken);
        let output = check_examples(&[&file]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// What the documents say.

/// The schema `schema` stands for: itself, or the component it refers to (directly or, in
/// 3.0, through a one-item `allOf`).
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    let reference = schema
        .get("$ref")
        .or_else(|| schema.pointer("/allOf/0/$ref"));
    match reference.and_then(Value::as_str) {
        Some(reference) => {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .expect("references point into components");
            &document["components"]["schemas"][name]
        }
        None => schema,
    }
}

fn parameter<'a>(operation: &'a Value, name: &str) -> &'a Value {
    operation["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no parameter {name}"))
}

/// Every object in the document, depth first.
fn objects(value: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(object) => {
                found.push(object);
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}

#[test]
fn the_drs_document_says_what_the_pages_say() {
    for version in Version::ALL {
        let doc = document("../spec", "drs", version);
        assert_eq!(doc["openapi"], version.openapi_field());
        assert_eq!(doc["info"]["title"], "Data Replication Service");
        assert_eq!(doc["info"]["version"], "0.1.0");

        let servers = doc["servers"].as_array().unwrap();
        assert_eq!(servers[0]["url"], "https://drs.{region}.myhuaweicloud.com");
        let region = &servers[0]["variables"]["region"];
        assert_eq!(region["default"], "af-north-1");
        assert!(
            region["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("cn-north-4"))
        );
        assert!(
            !region["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("eu-west-101"))
        );
        assert_eq!(
            servers[1]["url"],
            "https://drs.eu-west-101.myhuaweicloud.eu"
        );

        let collect = &doc["paths"][COLLECT]["post"];
        assert_eq!(collect["operationId"], "CollectDbObjectsInfo");
        assert_eq!(
            collect["summary"],
            "Submitting the Query of Database Object Information"
        );
        let names: Vec<&Value> = collect["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["name"])
            .collect();
        assert_eq!(
            names,
            ["project_id", "job_id", "X-Language"],
            "managed headers are not parameters"
        );
        let project_id = parameter(collect, "project_id");
        assert_eq!(project_id["in"], "path");
        assert_eq!(project_id["required"], true);
        assert_eq!(project_id["schema"], json!({ "type": "string" }));

        let language = parameter(collect, "X-Language");
        assert_eq!(language["in"], "header");
        assert_eq!(language.get("required"), None);
        assert_eq!(language["schema"]["default"], "en-us");
        let language_enum = resolve(&doc, &language["schema"]);
        assert_eq!(language_enum["type"], "string");
        assert_eq!(language_enum["enum"], json!(["en-us", "zh-cn"]));
        assert_eq!(language_enum["default"], "en-us");

        let request_body = &collect["requestBody"];
        assert_eq!(request_body["required"], true);
        let media = &request_body["content"]["application/json"];
        assert_eq!(
            media["examples"]["example-1"]["value"],
            json!({ "type": "source" })
        );
        let body = resolve(&doc, &media["schema"]);
        assert_eq!(body["type"], "object");
        assert_eq!(
            body["required"],
            json!(["type"]),
            "optional fields are left out"
        );
        let type_field = &body["properties"]["type"];
        assert_eq!(
            type_field["description"],
            "Type of the object information to be queried."
        );
        let type_enum = resolve(&doc, type_field);
        assert_eq!(
            type_enum["enum"],
            json!(["source", "modified", "synchronized"])
        );
        assert!(
            type_enum["description"]
                .as_str()
                .unwrap()
                .contains("- `source`: Query information about objects in the source database."),
            "{type_enum}"
        );
        assert_eq!(
            body["properties"]["db_names"],
            json!({ "type": "array", "items": { "type": "string" }, "description": "A specified database." })
        );

        let accepted = &collect["responses"]["202"];
        assert_eq!(accepted["description"], "OK");
        let response = resolve(&doc, &accepted["content"]["application/json"]["schema"]);
        let status = resolve(&doc, &response["properties"]["status"]);
        assert_eq!(status["enum"], json!(["pending", "failed", "success"]));
        assert_eq!(
            accepted["content"]["application/json"]["examples"]["example"]["value"]["status"],
            "pending"
        );

        let bad_request = &collect["responses"]["400"]["content"]["application/json"];
        assert_eq!(
            bad_request["schema"],
            json!({ "$ref": "#/components/schemas/DrsError" })
        );
        assert_eq!(
            bad_request["examples"]["example"]["value"]["error_code"],
            "DRS.10000010"
        );
        let error_code = &doc["components"]["schemas"]["DrsError"]["properties"]["error_code"];
        assert_eq!(error_code["type"], "string");
        assert_eq!(error_code["minLength"], 12);
        assert_eq!(error_code["maxLength"], 12);

        // Only documented statuses: ExportCreationTemplate's page lists 202 alone.
        let export = &doc["paths"]["/v5/{project_id}/jobs/export/template"]["post"];
        let statuses: Vec<&String> = export["responses"].as_object().unwrap().keys().collect();
        assert_eq!(statuses, ["202"]);

        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(
            (
                &schemes["token"]["type"],
                &schemes["token"]["in"],
                &schemes["token"]["name"]
            ),
            (&json!("apiKey"), &json!("header"), &json!("X-Auth-Token"))
        );
        assert_eq!(schemes["aksk"]["name"], "Authorization");
        assert!(
            schemes["aksk"]["description"]
                .as_str()
                .unwrap()
                .contains("SDK-HMAC-SHA256")
        );
        assert_eq!(doc["security"], json!([{ "token": [] }, { "aksk": [] }]));
    }
}

#[test]
fn versions_differ_in_bytes_and_in_what_may_stand_beside_a_ref() {
    let v30 = document("../spec", "drs", Version::V3_0);
    let v31 = document("../spec", "drs", Version::V3_1);
    let file = |doc: &Value| doc["paths"][TEMPLATE]["get"]["responses"]["200"]["content"].clone();
    assert_eq!(
        file(&v30),
        json!({ "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } })
    );
    assert_eq!(
        file(&v31),
        json!({ "application/octet-stream": { "schema": {
            "type": "string", "contentMediaType": "application/octet-stream" } } })
    );

    // 3.0 ignores keywords beside a `$ref`, so its references stand alone.
    let language =
        |doc: &Value| parameter(&doc["paths"][COLLECT]["post"], "X-Language")["schema"].clone();
    let reference = json!({ "$ref": "#/components/schemas/CollectDbObjectsInfoXLanguage" });
    assert_eq!(
        language(&v30),
        json!({ "allOf": [reference], "default": "en-us" })
    );
    assert_eq!(
        language(&v31),
        json!({ "$ref": reference["$ref"], "default": "en-us" })
    );
    for object in objects(&v30) {
        if object.contains_key("$ref") {
            assert_eq!(object.len(), 1, "3.0 keyword beside a $ref: {object:?}");
        }
    }

    // Optional is absence from `required` in both versions; neither marks anything nullable.
    for doc in [&v30, &v31] {
        for object in objects(doc) {
            assert!(!object.contains_key("nullable"), "{object:?}");
            assert!(
                !object.get("type").is_some_and(Value::is_array),
                "{object:?}"
            );
        }
    }
}

#[test]
fn the_conformance_document_keeps_every_construct() {
    let doc = document("conformance/spec", "conformance", Version::V3_1);
    let create = &doc["paths"][CREATE_WIDGET]["post"];
    let ids = parameter(create, "ids");
    assert_eq!(
        (&ids["in"], &ids["style"], &ids["explode"]),
        (&json!("query"), &json!("form"), &json!(false)),
        "comma-separated"
    );
    assert_eq!(
        ids["schema"]["items"],
        json!({ "type": "integer", "format": "int32" })
    );
    let tags = parameter(create, "tags");
    assert_eq!(
        (&tags["style"], &tags["explode"]),
        (&json!("form"), &json!(true)),
        "repeated"
    );
    assert_eq!(tags["schema"]["items"]["maxLength"], 8);
    let limit = parameter(create, "limit");
    assert_eq!(
        limit["schema"],
        json!({ "type": "integer", "format": "int32", "default": 50, "minimum": 1, "maximum": 200 })
    );
    assert_eq!(parameter(create, "ratio")["schema"]["minimum"], 0.5);
    assert_eq!(parameter(create, "offset")["schema"]["format"], "int64");
    assert_eq!(parameter(create, "sort")["required"], true);
    let operations = doc["paths"].as_object().unwrap().values();
    for operation in operations.flat_map(|item| item.as_object().unwrap().values()) {
        for parameter in operation["parameters"].as_array().unwrap() {
            let name = &parameter["name"];
            assert!(
                name != "Content-Type" && name != "X-Auth-Token",
                "the managed header {name} is a parameter of {}",
                operation["operationId"]
            );
        }
    }

    let body = resolve(
        &doc,
        &create["requestBody"]["content"]["application/json"]["schema"],
    );
    let properties = &body["properties"];
    assert_eq!(body["required"], json!(["name", "count"]));
    assert_eq!(
        properties["count"],
        json!({ "type": "integer", "format": "int64", "description": "A required Long." })
    );
    assert_eq!(properties["names"]["minItems"], 1);
    assert_eq!(properties["names"]["maxItems"], 3);
    assert_eq!(
        properties["labels"]["additionalProperties"],
        json!({ "type": "string", "maxLength": 16 })
    );
    assert_eq!(
        properties["free"],
        json!({ "description": "Free-form JSON." })
    );
    assert_eq!(properties["a-b"]["format"], "float");
    assert_eq!(properties["a.b"]["format"], "double");
    assert_eq!(properties["spec"]["$ref"], "#/components/schemas/Part");

    let created = &create["responses"]["201"];
    assert_eq!(
        created["headers"]["X-Widget-Count"]["schema"]["format"],
        "int64"
    );
    assert_eq!(
        created["headers"]["X-Request-Id"]["description"],
        "The request ID."
    );
    let response = resolve(&doc, &created["content"]["application/json"]["schema"]);
    let fields: Vec<&String> = response["properties"].as_object().unwrap().keys().collect();
    assert_eq!(
        fields,
        ["widget", "state"],
        "header fields are not body properties"
    );
    // A documented error status without a table answers with the service's error body.
    assert_eq!(
        create["responses"]["409"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorResponse"
    );

    let widget = &doc["components"]["schemas"]["Widget"];
    assert_eq!(widget["required"], json!(["id"]));
    assert_eq!(widget["properties"]["size"]["minimum"], 0);
    assert_eq!(
        resolve(&doc, &widget["properties"]["type"])["enum"],
        json!([
            "",
            "1",
            "Source",
            "source",
            "unknown",
            "Self",
            "a-b",
            "rtl\u{202e}evil"
        ])
    );
    assert!(doc["components"]["schemas"]["ConformanceError"].is_object());
    // Spec text is Markdown that documentation tools render as text: no HTML, links or fences.
    let description = doc["info"]["description"].as_str().unwrap();
    assert!(
        description.contains(r"\<script\>alert(1)\</script\>") && !description.contains("<script>"),
        "{description}"
    );
    assert!(description.contains(r"\~\~\~") && !description.contains('\u{202e}'));
    assert!(description.contains("<https://example.com/docs?a=1&b=2>"));

    let list = &doc["paths"]["/v1/{project_id}/widgets"]["get"];
    assert!(
        list["responses"]["429"]["headers"]["Retry-After"]["schema"].is_object(),
        "headers documented on an error status: {}",
        list["responses"]["429"]
    );
    let delete = &doc["paths"]["/v1/{project_id}/widgets/{widget_id}"]["delete"];
    assert_eq!(
        delete["responses"]["204"],
        json!({ "description": "Deleted." })
    );
    let list = &doc["paths"]["/v1/{project_id}/widgets"]["get"]["responses"]["200"];
    assert_eq!(
        list["content"]["application/json"]["schema"],
        json!({ "type": "array", "items": { "$ref": "#/components/schemas/Widget" }, "maxItems": 100 })
    );
    let delete = &doc["paths"]["/v1/{project_id}/widgets/{widget_id}"]["delete"];
    assert_eq!(
        delete["deprecated"], true,
        "a deprecated page is a deprecated operation"
    );
    let download = &doc["paths"]["/v1/{project_id}/widgets/{widget_id}/file"]["get"];
    let fixed = &download["parameters"][0];
    assert_eq!(
        (
            &fixed["name"],
            &fixed["in"],
            &fixed["required"],
            &fixed["schema"]["enum"]
        ),
        (
            &json!("format"),
            &json!("query"),
            &json!(true),
            &json!(["zip & raw"])
        ),
        "a fixed query value is a required parameter with its one value"
    );
    let touch = &doc["paths"]["/v1/{project_id}/widgets/{zone}:{widget_id}/touch"]["post"];
    assert!(touch["responses"]["202"]["content"]["application/octet-stream"].is_object());
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn specgen(args: &[&str]) -> ExitCode {
    let args = ["specgen", "openapi"].iter().chain(args);
    specgen::cli::run(specgen::cli::Cli::try_parse_from(args).unwrap())
}

#[test]
fn the_command_writes_one_service_and_refuses_to_guess() {
    let temp = tempfile::tempdir().unwrap();
    // The conformance service alone in a spec directory (its own holds other services too).
    let conformance = temp.path().join("spec");
    copy_dir(
        &package_dir().join("conformance/spec/conformance"),
        &conformance.join("conformance"),
    );
    let spec = package_dir().join("../spec");
    let out = temp.path().join("conformance.json");
    let out_text = out.to_str().unwrap();

    // The only service of its directory needs no --service; 3.1 is the default.
    let status = specgen(&["--spec", conformance.to_str().unwrap(), "--out", out_text]);
    assert_eq!(status, ExitCode::SUCCESS);
    let first = fs::read_to_string(&out).unwrap();
    let written: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        written,
        document("conformance/spec", "conformance", Version::V3_1)
    );
    assert_eq!(
        specgen(&["--spec", conformance.to_str().unwrap(), "--out", out_text]),
        ExitCode::SUCCESS
    );
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        first,
        "output is deterministic"
    );

    let drs = temp.path().join("drs.json");
    let status = specgen(&[
        "--spec",
        spec.to_str().unwrap(),
        "--service",
        "drs",
        "--openapi",
        "3.0",
        "--out",
        drs.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitCode::SUCCESS);
    let written: Value = serde_json::from_str(&fs::read_to_string(&drs).unwrap()).unwrap();
    assert_eq!(written["openapi"], "3.0.3");

    let refused = temp.path().join("refused.json");
    let refused_text = refused.to_str().unwrap();
    for args in [
        &["--spec", spec.to_str().unwrap(), "--out", refused_text][..],
        &[
            "--spec",
            spec.to_str().unwrap(),
            "--service",
            "nope",
            "--out",
            refused_text,
        ],
    ] {
        assert_eq!(specgen(args), ExitCode::from(1), "{args:?}");
        assert!(!refused.exists(), "nothing is written on an error");
    }
    let usage = specgen::cli::Cli::try_parse_from(["specgen", "openapi", "--openapi", "2.0"]);
    assert!(usage.is_err(), "only 3.0 and 3.1 are offered");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// Several operations on one method and path (the constructs spec's `.../action` pair, whose
/// second page names the lamp `id`, and its tag add/delete pair) are one OpenAPI operation.
#[test]
fn operations_on_one_method_and_path_are_one_openapi_operation() {
    for version in Version::ALL {
        let doc = document("constructs/spec", "constructs", version);
        let paths = doc["paths"].as_object().unwrap();
        assert!(
            !paths.contains_key("/v1/{project_id}/lamps/{id}/action"),
            "one template per path shape"
        );
        let op = &doc["paths"]["/v1/{project_id}/lamps/{lamp_id}/action"]["post"];
        assert_eq!(op["operationId"], "ExtendLampOrReserveLamp");
        let members: Vec<&Value> = op["x-specgen-operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["operationId"])
            .collect();
        assert_eq!(members, [&json!("ExtendLamp"), &json!("ReserveLamp")]);
        assert_eq!(
            op["x-specgen-operations"][1]["path"], "/v1/{project_id}/lamps/{id}/action",
            "the page's own path stays readable"
        );
        // The first operation's parameter names; `force` is required by one of the two only.
        assert_eq!(parameter(op, "lamp_id")["required"], true);
        assert_eq!(parameter(op, "force").get("required"), None);
        assert_eq!(op["parameters"].as_array().unwrap().len(), 3, "{op}");
        let body = &op["requestBody"];
        assert_eq!(body["required"], true);
        assert_eq!(
            body["content"]["application/json"]["schema"],
            json!({"oneOf": [
                {"$ref": "#/components/schemas/ExtendLampRequestBody"},
                {"$ref": "#/components/schemas/ReserveLampRequestBody"},
            ]})
        );
        let examples = body["content"]["application/json"]["examples"]
            .as_object()
            .unwrap();
        let keys: Vec<&String> = examples.keys().collect();
        assert_eq!(keys, ["ExtendLamp-example-1", "ReserveLamp-example-1"]);
        // Both answer 202: one without a schema, one with; the shared error body is one schema.
        let accepted = &op["responses"]["202"]["content"];
        assert!(
            accepted.get("application/octet-stream").is_some(),
            "{accepted}"
        );
        assert_eq!(
            accepted["application/json"]["schema"]["$ref"],
            "#/components/schemas/ReserveLampResponse"
        );
        assert_eq!(
            op["responses"]["400"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/LampError"})
        );

        let tags = &doc["paths"]["/v1/{project_id}/lamps/{lamp_id}/tags/action"]["post"];
        assert_eq!(
            tags["operationId"],
            "BatchCreateLampTagsOrBatchDeleteLampTags"
        );
        let one_of = &tags["requestBody"]["content"]["application/json"]["schema"]["oneOf"];
        assert_eq!(one_of.as_array().map(Vec::len), Some(2), "{tags}");
        assert_eq!(
            tags["responses"]["204"]["description"],
            "`BatchCreateLampTags`: Added.\n\n`BatchDeleteLampTags`: Deleted."
        );
    }
}

/// Two GET operations, `ListThings` at `/v1/things/{x}` and `ShowThing` at `second_path`
/// (whose one parameter is `param`, with `schema` as its YAML flow entries), as the only
/// service of a spec directory.
fn two_operations(second_path: &str, param: &str, schema: &str) -> tempfile::TempDir {
    let operation = |id: &str, path: &str, param: &str, schema: &str| {
        format!(
            "id: {id}\ntitle: {id}\nmethod: GET\npath: {path}\n\
             params:\n  {param}: {{in: path, required: true{schema}}}\n\
             responses:\n  204: {{description: Done.}}\n"
        )
    };
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("demo");
    fs::create_dir_all(dir.join("operations")).unwrap();
    let service = "name: demo\ntitle: Demo\ncrate: demo\nversion: 0.0.0\n\
                   endpoint: https://demo.example.com\nscope: global\nauth: [token]\n";
    fs::write(dir.join("service.yaml"), service).unwrap();
    let first = operation("ListThings", "/v1/things/{x}", "x", "");
    fs::write(dir.join("operations/a.yaml"), first).unwrap();
    let second = operation("ShowThing", second_path, param, schema);
    fs::write(dir.join("operations/b.yaml"), second).unwrap();
    temp
}

/// OpenAPI forbids two templates that differ only in their parameters' names: the second
/// operation is written at the first one's template, under its parameter names.
#[test]
fn paths_that_differ_only_in_parameter_names_are_one_path() {
    let temp = two_operations("/v1/things/{y}", "y", "");
    let loaded = specgen::load(temp.path()).unwrap_or_else(|errors| panic!("{errors}"));
    let doc = openapi::document(&loaded.services[0], Version::V3_1).unwrap();
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/v1/things/{x}"]);
    let op = &doc["paths"]["/v1/things/{x}"]["get"];
    assert_eq!(op["x-specgen-operations"][1]["path"], "/v1/things/{y}");
    assert_eq!(op["parameters"][0]["name"], "x", "{op}");
    assert_eq!(op["parameters"].as_array().unwrap().len(), 1, "{op}");

    // On different methods, each operation is its own, still at the one template.
    let text = fs::read_to_string(temp.path().join("demo/operations/b.yaml")).unwrap();
    let deleting = text.replace("method: GET", "method: DELETE");
    fs::write(temp.path().join("demo/operations/b.yaml"), deleting).unwrap();
    let loaded = specgen::load(temp.path()).unwrap_or_else(|errors| panic!("{errors}"));
    let doc = openapi::document(&loaded.services[0], Version::V3_1).unwrap();
    let delete = &doc["paths"]["/v1/things/{x}"]["delete"];
    assert_eq!(delete["operationId"], "ShowThing");
    assert_eq!(delete["parameters"][0]["name"], "x");
    assert_eq!(delete["x-specgen-path"], "/v1/things/{y}");
}

#[test]
fn a_parameter_merged_operations_declare_differently_is_an_error() {
    let temp = two_operations("/v1/things/{y}", "y", ", type: integer");
    let loaded = specgen::load(temp.path()).unwrap_or_else(|errors| panic!("{errors}"));
    let error = openapi::document(&loaded.services[0], Version::V3_1)
        .unwrap_err()
        .to_string();
    assert!(error.contains("E0072"), "{error}");
    assert!(
        error.contains("the path parameter `x` differs from the one of `ListThings`"),
        "{error}"
    );
    assert!(
        error.contains("a.yaml") && error.contains("b.yaml"),
        "the error names both files: {error}"
    );
}
