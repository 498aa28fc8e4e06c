//! Specs written to break the generator rather than to describe an API: sizes far beyond any
//! real page, numbers no Rust literal can hold, file names and values that would become code
//! or TOML of their own. Each is refused with an error that names the file, the line and the
//! field, before anything is emitted; values that are allowed come out escaped.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use specgen::spec::limits::{
    MAX_ENUM_VALUES, MAX_EXAMPLE_BYTES, MAX_EXAMPLES_PER_OPERATION, MAX_FIELDS_PER_OBJECT,
    MAX_MODELS_PER_FILE, MAX_NAME_BYTES, MAX_NESTING_DEPTH, MAX_OPERATIONS_PER_SERVICE,
    MAX_TEXT_BYTES,
};
use specgen::{Diagnostic, Diagnostics};

const SERVICE: &str = "\
name: hostile
title: Hostile
crate: huaweicloud-sdk-hostile
version: 0.1.0
endpoint: https://hostile.{region}.example.com
auth: [token]
";

const OPERATION: &str = "\
id: ShowThing
title: Show a thing
method: GET
path: /v1/{project_id}/things
params:
  project_id: {in: path, required: true, from: project}
responses:
  200:
    description: OK
";

/// A spec directory with one service made of `service` and one operation file `show.yaml`.
fn spec(service: &str, operation: &str) -> (tempfile::TempDir, PathBuf) {
    common::one_operation_spec("hostile", service, "show.yaml", operation)
}

fn service_path(spec: &Path) -> PathBuf {
    spec.join("hostile/service.yaml")
}

fn operation_path(spec: &Path) -> PathBuf {
    spec.join("hostile/operations/show.yaml")
}

/// The errors loading `spec` gives; a panic if it loads.
fn errors(spec: &Path) -> Vec<Diagnostic> {
    match specgen::load(spec) {
        Ok(_) => panic!("the spec was accepted"),
        Err(Diagnostics(all)) => all.into_iter().filter(Diagnostic::is_error).collect(),
    }
}

/// The one error whose message contains `needle`, checked to name `file`, `field` and a line.
fn located_error(spec: &Path, file: &Path, field: &str, needle: &str) -> Diagnostic {
    let errors = errors(spec);
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|e| e.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one error with {needle:?} among {errors:#?}"
    );
    let error = found[0].clone();
    assert_eq!(error.file, file, "{error}");
    assert_eq!(error.field, field, "{error}");
    assert!(error.position.is_some(), "{error} has no line");
    error
}

/// `count` string fields, as YAML lines indented by `indent`.
fn fields(count: usize, indent: &str) -> String {
    let mut out = String::new();
    for i in 0..count {
        writeln!(out, "{indent}f{i}: {{type: string}}").unwrap();
    }
    out
}

// --- limits -----------------------------------------------------------------------------------

#[test]
fn an_object_with_too_many_fields_is_refused() {
    let model = |count| {
        format!(
            "{SERVICE}models:\n  Wide:\n    fields:\n{}",
            fields(count, "      ")
        )
    };
    let (_temp, dir) = spec(&model(MAX_FIELDS_PER_OBJECT), OPERATION);
    specgen::load(&dir).expect("as many fields as the limit are fine");
    let (_temp, dir) = spec(&model(MAX_FIELDS_PER_OBJECT + 1), OPERATION);
    let error = located_error(
        &dir,
        &service_path(&dir),
        "models.Wide.fields",
        "fields; at most",
    );
    assert!(
        error
            .message
            .starts_with(&format!("{} fields", MAX_FIELDS_PER_OBJECT + 1)),
        "{error}"
    );
    assert!(error.help.unwrap().contains("spec/README.md"));
}

#[test]
fn too_many_parameters_or_response_headers_are_refused() {
    let mut params = String::new();
    for i in 0..=MAX_FIELDS_PER_OBJECT {
        writeln!(params, "  q{i}: {{in: query}}").unwrap();
    }
    let operation = OPERATION.replace("params:\n", &format!("params:\n{params}"));
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(&dir, &operation_path(&dir), "params", "parameters; at most");

    let mut headers = String::new();
    for i in 0..=MAX_FIELDS_PER_OBJECT {
        writeln!(headers, "      X-H{i}: {{type: string}}").unwrap();
    }
    let operation = format!("{OPERATION}    headers:\n{headers}");
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(
        &dir,
        &operation_path(&dir),
        "responses.200.headers",
        "headers; at most",
    );
}

#[test]
fn too_many_models_are_refused() {
    let mut models = String::new();
    for i in 0..=MAX_MODELS_PER_FILE {
        writeln!(models, "  M{i}: {{type: object}}").unwrap();
    }
    let (_temp, dir) = spec(&format!("{SERVICE}models:\n{models}"), OPERATION);
    located_error(&dir, &service_path(&dir), "models", "models; at most");
}

#[test]
fn too_many_enum_values_are_refused() {
    let values: Vec<String> = (0..=MAX_ENUM_VALUES).map(|i| format!("v{i}")).collect();
    let service = format!(
        "{SERVICE}models:\n  Pick:\n    fields:\n      mode: {{enum: [{}]}}\n",
        values.join(", ")
    );
    let (_temp, dir) = spec(&service, OPERATION);
    located_error(
        &dir,
        &service_path(&dir),
        "models.Pick.fields.mode.enum",
        "enum values; at most",
    );
}

#[test]
fn shapes_nested_too_deep_are_refused() {
    let nested = |depth: usize| {
        let mut yaml = format!("{SERVICE}models:\n  Deep:\n");
        let mut indent = "    ".to_owned();
        for _ in 0..depth {
            writeln!(yaml, "{indent}fields:\n{indent}  inner:").unwrap();
            indent.push_str("    ");
        }
        writeln!(yaml, "{indent}type: string").unwrap();
        yaml
    };
    let (_temp, dir) = spec(&nested(MAX_NESTING_DEPTH), OPERATION);
    specgen::load(&dir).expect("nesting up to the limit is fine");
    let (_temp, dir) = spec(&nested(MAX_NESTING_DEPTH + 1), OPERATION);
    let field = format!(
        "models.Deep{}",
        ".fields.inner".repeat(MAX_NESTING_DEPTH + 1)
    );
    located_error(&dir, &service_path(&dir), &field, "nested more than");
}

#[test]
fn texts_names_and_examples_beyond_their_limits_are_refused() {
    let long_doc = "x".repeat(MAX_TEXT_BYTES + 1);
    let service = format!("{SERVICE}models:\n  Doc:\n    doc: {long_doc}\n    type: object\n");
    let (_temp, dir) = spec(&service, OPERATION);
    let error = located_error(&dir, &service_path(&dir), "models.Doc.doc", "bytes long");
    assert!(
        error.to_string().len() < 400,
        "the text itself is not repeated: {error}"
    );

    let long_name = "n".repeat(MAX_NAME_BYTES + 1);
    let service =
        format!("{SERVICE}models:\n  Named:\n    fields:\n      {long_name}: {{type: string}}\n");
    let (_temp, dir) = spec(&service, OPERATION);
    let error = located_error(
        &dir,
        &service_path(&dir),
        &format!("models.Named.fields.{long_name}"),
        "bytes long",
    );
    assert!(!error.message.contains(&long_name), "{error}");

    let operation = format!(
        "description: {}\n{OPERATION}",
        "d".repeat(MAX_TEXT_BYTES + 1)
    );
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(&dir, &operation_path(&dir), "description", "bytes long");

    let body = format!("{{\"x\": \"{}\"}}", "b".repeat(MAX_EXAMPLE_BYTES));
    let operation = format!("{OPERATION}examples:\n  responses:\n    200:\n      body: '{body}'\n");
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(
        &dir,
        &operation_path(&dir),
        "examples.responses.200.body",
        "bytes long",
    );
}

#[test]
fn too_many_examples_are_refused() {
    let requests = "  - title: again\n".repeat(MAX_EXAMPLES_PER_OPERATION + 1);
    let operation = format!("{OPERATION}examples:\n  requests:\n{requests}");
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(
        &dir,
        &operation_path(&dir),
        "examples.requests",
        "examples; at most",
    );
}

#[test]
fn too_many_operation_files_are_refused_before_any_is_read() {
    let (_temp, dir) = spec(SERVICE, OPERATION);
    let operations = dir.join("hostile/operations");
    // Empty files: the count is checked before a file is read, so none of them is parsed.
    for i in 0..MAX_OPERATIONS_PER_SERVICE {
        fs::write(operations.join(format!("op{i}.yaml")), "").unwrap();
    }
    let errors = errors(&dir);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, operations);
    assert!(
        errors[0].message.starts_with(&format!(
            "{} operation files; at most {MAX_OPERATIONS_PER_SERVICE}",
            MAX_OPERATIONS_PER_SERVICE + 1
        )),
        "{}",
        errors[0]
    );
}

// --- numbers ----------------------------------------------------------------------------------

/// A model with one field of `field` (YAML flow mapping entries).
fn number_field(field: &str) -> (tempfile::TempDir, PathBuf) {
    spec(
        &format!("{SERVICE}models:\n  Numbers:\n    fields:\n      n: {{{field}}}\n"),
        OPERATION,
    )
}

#[test]
fn non_finite_limits_and_defaults_are_refused() {
    for ty in ["float", "double", "integer", "long"] {
        for (key, value) in [
            ("maximum", ".inf"),
            ("minimum", "-.inf"),
            ("maximum", ".nan"),
            ("default", ".NaN"),
            ("default", "-.Inf"),
        ] {
            let (_temp, dir) = number_field(&format!("type: {ty}, {key}: {value}"));
            let field = format!("models.Numbers.fields.n.{key}");
            located_error(&dir, &service_path(&dir), &field, "is not a finite number");
        }
    }
}

#[test]
fn limits_and_defaults_beyond_their_type_are_refused() {
    for (field, key, needle) in [
        (
            "type: float, maximum: 1e300",
            "maximum",
            "does not fit a `float`",
        ),
        (
            "type: float, minimum: -3.5e38",
            "minimum",
            "does not fit a `float`",
        ),
        (
            "type: float, default: 1e39",
            "default",
            "does not fit a `float`",
        ),
        (
            "type: integer, maximum: 1e12",
            "maximum",
            "does not fit an `integer`",
        ),
        (
            "type: integer, maximum: 1000000000000",
            "maximum",
            "does not fit an `integer`",
        ),
        (
            "type: integer, minimum: -2147483649",
            "minimum",
            "does not fit an `integer`",
        ),
        (
            "type: integer, default: 2147483648",
            "default",
            "does not fit an `integer`",
        ),
        (
            "type: long, maximum: 1e19",
            "maximum",
            "does not fit a `long`",
        ),
        (
            "type: long, maximum: 9223372036854775808",
            "maximum",
            "does not fit a `long`",
        ),
        ("type: long, maximum: 1.5", "maximum", "not a whole number"),
        (
            "type: long, maximum: 1e3",
            "maximum",
            "write the whole number 1000",
        ),
    ] {
        let (_temp, dir) = number_field(field);
        let at = format!("models.Numbers.fields.n.{key}");
        located_error(&dir, &service_path(&dir), &at, needle);
    }
}

#[test]
fn limits_at_the_edge_of_their_type_are_accepted() {
    for field in [
        "type: float, minimum: -3.4e38, maximum: 3.4e38, default: 1.5",
        "type: double, minimum: -1e300, maximum: 1e300",
        "type: integer, minimum: -2147483648, maximum: 2147483647, default: 7",
        "type: long, minimum: -9223372036854775808, maximum: 9223372036854775807",
    ] {
        let (_temp, dir) = number_field(field);
        if let Err(errors) = specgen::load(&dir) {
            panic!("{field}: {errors}");
        }
    }
}

#[test]
fn parameter_limits_are_checked_like_fields() {
    let operation = OPERATION.replace(
        "params:\n",
        "params:\n  ratio: {in: query, type: float, maximum: .inf}\n",
    );
    let (_temp, dir) = spec(SERVICE, &operation);
    located_error(
        &dir,
        &operation_path(&dir),
        "params.ratio.maximum",
        "is not a finite number",
    );
}

// --- names and values that reach generated text -----------------------------------------------

#[test]
fn file_names_that_are_not_plain_are_refused_before_anything_is_read() {
    let hostile = "show\nfn injected() {}\n.yaml";
    let (temp, dir) = spec(SERVICE, OPERATION);
    let operations = dir.join("hostile/operations");
    fs::write(operations.join(hostile), OPERATION).unwrap();
    let errors = errors(&dir);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].file, operations);
    assert_eq!(
        errors[0].message,
        "file name \"show\\u{a}fn injected() {}\\u{a}.yaml\" is not a plain name"
    );
    assert_eq!(errors[0].to_string().lines().count(), 2, "message and help");
    let out = temp.path().join("generated");
    assert!(specgen::generate(&specgen::Target::new(&dir, &out)).is_err());
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn service_directories_and_example_programs_need_plain_names_too() {
    let (_temp, dir) = spec(SERVICE, OPERATION);
    let examples = dir.join("hostile/examples");
    fs::create_dir_all(&examples).unwrap();
    fs::write(examples.join("ok.rs"), "fn main() {}\n").unwrap();
    fs::write(examples.join("a\rb.rs"), "fn main() {}\n").unwrap();
    fs::write(examples.join("notes\n.txt"), "not read, not checked").unwrap();
    let found = errors(&dir);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, examples);
    assert!(found[0].message.contains("\"a\\u{d}b.rs\""), "{}", found[0]);

    let (_temp, dir) = spec(SERVICE, OPERATION);
    fs::rename(dir.join("hostile"), dir.join("hostile\u{202e}")).unwrap();
    let found = errors(&dir);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].file, dir);
    assert!(
        found[0]
            .message
            .starts_with("directory name \"hostile\\u{202e}\""),
        "{}",
        found[0]
    );
}

#[test]
fn the_version_is_semantic() {
    for version in [
        "\"{{runtime_path}}\"",
        "\"1.0\"",
        "\"1.0.0\\n[workspace]\"",
        "v1.0.0",
    ] {
        let service = SERVICE.replace("version: 0.1.0", &format!("version: {version}"));
        let (_temp, dir) = spec(&service, OPERATION);
        located_error(
            &dir,
            &service_path(&dir),
            "version",
            "is not a semantic version",
        );
    }
    let service = SERVICE.replace("version: 0.1.0", "version: 1.2.3-beta.1+build.5");
    let (_temp, dir) = spec(&service, OPERATION);
    specgen::load(&dir).expect("pre-release and build metadata are semver");
}

#[test]
fn manifest_values_are_toml_strings_whatever_the_title_holds() {
    let title =
        "Evil \\\"quoted\\\" {{version}} {{runtime_path}} \\\\ \\n[workspace]\\nmembers = []";
    let service = SERVICE.replace("title: Hostile", &format!("title: \"{title}\""));
    let (temp, dir) = spec(&service, OPERATION);
    let out = temp.path().join("generated");
    specgen::generate(&specgen::Target::new(&dir, &out)).unwrap();
    let manifest = fs::read_to_string(out.join("hostile/Cargo.toml")).unwrap();
    let parsed: toml::Table = toml::from_str(&manifest).unwrap();
    assert!(!parsed.contains_key("workspace"), "{manifest}");
    assert_eq!(
        parsed["package"]["description"].as_str(),
        Some(
            "Huawei Cloud Evil \"quoted\" {{version}} {{runtime_path}} \\ \n[workspace]\nmembers = [] (HOSTILE) API bindings, generated from specs"
        )
    );
    assert_eq!(parsed["package"]["version"].as_str(), Some("0.1.0"));
    assert_eq!(
        parsed["dependencies"]["huaweicloud-sdk-core"]["path"].as_str(),
        Some("../core")
    );
}

/// The manifest is built safely whatever its values hold, not only because `check` refuses
/// them: a value is written as a TOML string and never read again for placeholders.
#[test]
fn manifest_placeholders_are_filled_once() {
    let (_temp, dir) = spec(SERVICE, OPERATION);
    let mut loaded = specgen::load(&dir).unwrap();
    let model = &mut loaded.services[0];
    model.version = "{{runtime_path}}\"\n[workspace]".into();
    model.title = "{{description}} {{version}}".into();
    let manifest = specgen::emit::manifest::service_manifest(
        model,
        "{{package}}",
        &specgen::Packaging::default(),
    );
    let parsed: toml::Table = toml::from_str(&manifest).unwrap();
    assert!(!parsed.contains_key("workspace"), "{manifest}");
    let package = &parsed["package"];
    assert_eq!(
        package["version"].as_str(),
        Some("{{runtime_path}}\"\n[workspace]")
    );
    assert_eq!(package["name"].as_str(), Some("huaweicloud-sdk-hostile"));
    assert!(
        package["description"]
            .as_str()
            .unwrap()
            .starts_with("Huawei Cloud {{description}} {{version}} ("),
        "{manifest}"
    );
    assert_eq!(
        parsed["dependencies"]["huaweicloud-sdk-core"]["path"].as_str(),
        Some("{{package}}")
    );
}
