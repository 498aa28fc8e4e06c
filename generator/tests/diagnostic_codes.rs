//! Every code reachable from `specgen::load` triggered by the smallest edit of a tiny spec:
//! the diagnostic the edit causes carries that code, and prints it (`error[E0008]: ...`).
//! The examples in spec/README.md ("Diagnostic codes") are these cases.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use specgen::diagnostics::Code;
use specgen::spec::limits::{
    MAX_ENUM_VALUES, MAX_NESTING_DEPTH, MAX_SPEC_FILE_BYTES, MAX_TEXT_BYTES,
};
use specgen::{Diagnostic, Diagnostics};

const SERVICE: &str = "\
name: tiny
title: Tiny
crate: huaweicloud-sdk-tiny
version: 0.1.0
endpoint: https://tiny.{region}.example.com
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

/// Which file an edit changes.
#[derive(Clone, Copy)]
enum In {
    Service,
    Operation,
}

/// One case: the code, the file, the text to replace ("" appends) and its replacement.
struct Case {
    code: Code,
    file: In,
    find: &'static str,
    replace: String,
}

fn case(code: Code, file: In, find: &'static str, replace: impl Into<String>) -> Case {
    Case {
        code,
        file,
        find,
        replace: replace.into(),
    }
}

/// An operation with a success body of `fields` (YAML flow mapping).
fn body(fields: &str) -> String {
    format!("    description: OK\n    body: {{fields: {fields}}}\n")
}

fn cases() -> Vec<Case> {
    use In::{Operation as O, Service as S};
    let ok = "    description: OK\n";
    let mut nested = String::from("{type: string}");
    for _ in 0..=MAX_NESTING_DEPTH {
        nested = format!("{{fields: {{a: {nested}}}}}");
    }
    let many_values: Vec<String> = (0..=MAX_ENUM_VALUES).map(|i| format!("\"v{i}\"")).collect();
    vec![
        case(Code::AliasRefused, O, "title: Show", "title: &t Show"),
        case(
            Code::YamlParsersDisagree,
            O,
            "title: Show",
            "title:\tShow a thing\nx: &a 1\ny: *a\nz: Show",
        ),
        case(Code::YamlSyntax, O, "title: Show", "title: \"Show"),
        case(Code::UnknownKey, O, "method: GET", "metod: GET"),
        case(
            Code::UnknownValue,
            O,
            "in: path, required",
            "in: paht, required",
        ),
        case(Code::MissingKey, O, "method: GET\n", ""),
        case(
            Code::DuplicateKey,
            O,
            "params:\n",
            "params:\n  q: {in: query}\n  q: {in: query}\n",
        ),
        case(
            Code::UnquotedWireValue,
            O,
            "params:\n",
            "params:\n  q: {in: query, enum: [true]}\n",
        ),
        case(
            Code::WrongValueType,
            O,
            "title: Show a thing",
            "title: [Show]",
        ),
        case(
            Code::TooManyEntries,
            O,
            "params:\n",
            format!(
                "params:\n  q: {{in: query, enum: [{}]}}\n",
                many_values.join(", ")
            ),
        ),
        case(
            Code::TooLong,
            O,
            "title: Show a thing",
            format!("title: {}", "x".repeat(MAX_TEXT_BYTES + 1)),
        ),
        case(
            Code::NestedTooDeep,
            O,
            ok,
            body(&format!("{{a: {nested}}}")),
        ),
        case(Code::InvalidServiceName, S, "name: tiny", "name: Tiny"),
        case(Code::ServiceNameMismatch, S, "name: tiny", "name: small"),
        case(
            Code::InvalidCrateName,
            S,
            "crate: huaweicloud-sdk-tiny",
            "crate: Tiny SDK",
        ),
        case(Code::InvalidVersion, S, "version: 0.1.0", "version: one"),
        case(Code::NoAuthScheme, S, "auth: [token]", "auth: []"),
        case(
            Code::EndpointWithoutRegion,
            S,
            "tiny.{region}.example",
            "tiny.example",
        ),
        case(
            Code::UnknownModel,
            O,
            ok,
            "    description: OK\n    body: {ref: Thing}\n",
        ),
        case(Code::InvalidRegionName, S, "", "regions: [EU West]\n"),
        case(
            Code::DuplicateValue,
            S,
            "",
            "regions: [eu-west-1, eu-west-1]\n",
        ),
        case(
            Code::UnlistedRegion,
            S,
            "",
            "region_endpoints: {eu-west-1: https://eu.example.com}\n",
        ),
        case(Code::NotHttpUrl, O, "", "doc_url: ftp://example.com/page\n"),
        case(
            Code::InvalidOperationId,
            O,
            "id: ShowThing",
            "id: show_thing",
        ),
        case(Code::MissingName, O, "", "fixed_query: {\"\": x}\n"),
        case(
            Code::FixedQueryConflict,
            O,
            "params:\n",
            "fixed_query: {q: x}\nparams:\n  q: {in: query}\n",
        ),
        case(Code::EmptyDeprecationNote, O, "", "deprecated: \"\"\n"),
        case(
            Code::InvalidEdit,
            O,
            "",
            "edits:\n  - {at: responses.200.description, was: OK, why: \"\"}\n",
        ),
        case(
            Code::InvalidHeaderName,
            O,
            "params:\n",
            "params:\n  X Trace: {in: header}\n",
        ),
        case(
            Code::UnsupportedContentType,
            O,
            "",
            "request: {content_type: text/plain, body: {type: string}}\n",
        ),
        case(
            Code::InvalidStatus,
            O,
            "  200:\n",
            "  999:\n    description: Odd\n  200:\n",
        ),
        case(Code::NoSuccessStatus, O, "  200:\n", "  404:\n"),
        case(
            Code::SeveralSuccessStatuses,
            O,
            "  200:\n",
            "  201:\n    description: Created\n  200:\n",
        ),
        case(
            Code::ExampleForUnknownStatus,
            O,
            "",
            "examples:\n  responses:\n    404: {body: '{}'}\n",
        ),
        case(Code::InvalidPath, O, "/things", "/my things"),
        case(
            Code::PlaceholderWithoutParameter,
            O,
            "/things",
            "/things/{id}",
        ),
        case(
            Code::PlaceholderNotInPath,
            O,
            "/things\nparams:\n",
            "/things/{id}\nparams:\n  id: {in: query}\n",
        ),
        case(
            Code::PathParameterNotInPath,
            O,
            "params:\n",
            "params:\n  id: {in: path, required: true}\n",
        ),
        case(
            Code::OptionalPathParameter,
            O,
            "in: path, required: true,",
            "in: path,",
        ),
        case(
            Code::ProjectSourceMisused,
            O,
            "params:\n",
            "params:\n  p: {in: query, from: project}\n",
        ),
        case(
            Code::NotARuntimeHeader,
            O,
            "params:\n",
            "params:\n  X-Trace: {in: header, managed: true}\n",
        ),
        case(
            Code::RuntimeHeaderNotManaged,
            O,
            "params:\n",
            "params:\n  X-Auth-Token: {in: header}\n",
        ),
        case(
            Code::InvalidParameterShape,
            O,
            "params:\n",
            "params:\n  ids: {in: header, type: array, items: {type: string}}\n",
        ),
        case(
            Code::MissingElementType,
            O,
            "params:\n",
            "params:\n  ids: {in: query, type: array}\n",
        ),
        case(
            Code::KeyForAnotherType,
            O,
            "params:\n",
            "params:\n  limit: {in: query, type: integer, max_length: 3}\n",
        ),
        case(
            Code::KeyBesideRef,
            O,
            ok,
            "    description: OK\n    body: {ref: Thing, type: object}\n",
        ),
        case(
            Code::NameOnUnnamedType,
            O,
            ok,
            body("{a: {type: string, name: Text}}"),
        ),
        case(
            Code::InvertedBounds,
            O,
            "params:\n",
            "params:\n  q: {in: query, min_length: 5, max_length: 2}\n",
        ),
        case(
            Code::NumberDoesNotFitType,
            O,
            "params:\n",
            "params:\n  n: {in: query, type: integer, maximum: 1e20}\n",
        ),
        case(
            Code::EmptyEnum,
            O,
            "params:\n",
            "params:\n  q: {in: query, enum: []}\n",
        ),
        case(
            Code::InvalidDefault,
            O,
            "params:\n",
            "params:\n  q: {in: query, enum: [a], default: b}\n",
        ),
        case(
            Code::RecursiveModel,
            S,
            "",
            "models:\n  Node: {fields: {next: {ref: Node}}}\n",
        ),
        case(
            Code::ModelWithoutShape,
            S,
            "",
            "models:\n  Thing: {type: string}\n",
        ),
        case(
            Code::ErrorFieldNotFound,
            S,
            "",
            "error: {model: Fault, code: nope, message: msg}\nmodels:\n  Fault: {fields: {msg: {type: string}}}\n",
        ),
        case(
            Code::ErrorBodiesDiffer,
            O,
            ok,
            format!(
                "{ok}  400:\n    description: Bad\n    body: {{fields: {{a: {{type: string}}}}}}\n  404:\n    description: Missing\n    body: {{fields: {{b: {{type: string}}}}}}\n"
            ),
        ),
        case(
            Code::ErrorBodyNotObject,
            O,
            ok,
            format!("{ok}  400:\n    description: Bad\n    body: {{type: string}}\n"),
        ),
        case(
            Code::HeadersWithoutBody,
            O,
            ok,
            "    description: OK\n    headers: {X-Request-Id: {type: string}}\n",
        ),
        case(
            Code::InvalidTypeName,
            O,
            ok,
            "    description: OK\n    body: {name: a thing, fields: {a: {type: string}}}\n",
        ),
        case(
            Code::MisplacedFileBody,
            O,
            "",
            "request: {body: {fields: {a: {type: file}}}}\n",
        ),
        case(
            Code::ReservedTypeName,
            O,
            ok,
            "    description: OK\n    body: {name: Option, fields: {a: {type: string}}}\n",
        ),
        case(
            Code::TypeNamesCollide,
            O,
            ok,
            body(
                "{a: {name: Item, fields: {x: {type: string}}}, b: {name: Item, fields: {y: {type: string}}}}",
            ),
        ),
        case(
            Code::UnexpectedExampleBody,
            O,
            "",
            "examples:\n  requests:\n    - body: '{}'\n",
        ),
        case(
            Code::ExampleBreaksSchema,
            O,
            ok,
            format!(
                "{}examples:\n  responses:\n    200: {{body: '{{\"a\": 1}}'}}\n",
                body("{a: {type: string}}")
            ),
        ),
        case(
            Code::StaleDiscrepancy,
            O,
            ok,
            format!(
                "{}examples:\n  responses:\n    200: {{body: '{{\"a\": \"x\"}}', discrepancies: [{{path: $.a, note: wrong}}]}}\n",
                body("{a: {type: string}}")
            ),
        ),
        case(
            Code::ExampleNotJson,
            O,
            ok,
            format!(
                "{}examples:\n  responses:\n    200: {{body: '{{'}}\n",
                body("{a: {type: string}}")
            ),
        ),
        case(
            Code::InvalidExampleUrlParameter,
            O,
            "",
            "examples:\n  requests:\n    - url: https://tiny.example.com/v1/./things\n",
        ),
        case(
            Code::FieldRenamed,
            O,
            ok,
            body("{a-b: {type: string}, a_b: {type: string}}"),
        ),
        case(
            Code::UncheckedExample,
            O,
            "",
            "examples:\n  responses:\n    200: {body: '{}'}\n",
        ),
        case(
            Code::PageDiscrepancy,
            O,
            ok,
            format!(
                "{}examples:\n  responses:\n    200: {{body: '{{\"a\": 1}}', discrepancies: [{{path: $.a, note: a number on the page}}]}}\n",
                body("{a: {type: string}}")
            ),
        ),
        case(
            Code::ExampleUrlPathDiffers,
            O,
            "",
            "examples:\n  requests:\n    - url: https://tiny.example.com/v2/things\n",
        ),
        case(
            Code::UndeclaredExampleUrlParameter,
            O,
            "",
            "examples:\n  requests:\n    - url: https://tiny.example.com/v1/p/things?x=1\n",
        ),
    ]
}

/// A spec directory with one service `tiny` made of `service` and the operation `show.yaml`.
fn spec_dir(service: &str, operation: &str) -> (tempfile::TempDir, PathBuf) {
    common::one_operation_spec("tiny", service, "show.yaml", operation)
}

fn edit(text: &str, find: &str, replace: &str) -> String {
    if find.is_empty() {
        return format!("{text}{replace}");
    }
    assert!(text.contains(find), "`{find}` is not in the base spec");
    text.replacen(find, replace, 1)
}

/// Everything loading `spec` reports, errors and warnings.
fn diagnostics(spec: &Path) -> Vec<Diagnostic> {
    match specgen::load(spec) {
        Ok(loaded) => loaded.warnings.0,
        Err(Diagnostics(all)) => all,
    }
}

/// Checks that a diagnostic with `code` is among `found`, and prints it when asked
/// (`SPECGEN_PRINT_CODES=1`, to refresh the README's examples).
fn expect_code(code: Code, found: &[Diagnostic], root: &Path) -> Result<(), String> {
    let Some(diagnostic) = found.iter().find(|d| d.code == code) else {
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{code} ({}) not reported; got:\n{}",
            code.title(),
            shown.join("\n")
        ));
    };
    let text = diagnostic.to_string();
    let severity = if diagnostic.is_error() {
        "error"
    } else {
        "warning"
    };
    if !text.starts_with(&format!("{severity}[{code}]: ")) {
        return Err(format!("{code} is not printed as its prefix: {text}"));
    }
    if std::env::var_os("SPECGEN_PRINT_CODES").is_some() {
        let root = format!("{}/", root.display());
        println!(
            "{code}\t{}",
            text.lines().next().unwrap_or("").replace(&root, "")
        );
    }
    Ok(())
}

#[test]
fn the_tiny_spec_loads_without_diagnostics() {
    let (_temp, spec) = spec_dir(SERVICE, OPERATION);
    assert_eq!(diagnostics(&spec), Vec::new());
}

#[test]
fn every_edit_reports_its_code() {
    let mut failures = Vec::new();
    for case in cases() {
        let (service, operation) = match case.file {
            In::Service => (
                edit(SERVICE, case.find, &case.replace),
                OPERATION.to_owned(),
            ),
            In::Operation => (
                SERVICE.to_owned(),
                edit(OPERATION, case.find, &case.replace),
            ),
        };
        if std::env::var_os("SPECGEN_PRINT_CODES").is_some() {
            println!("fragment\t{}\t{:?}", case.code, case.replace);
        }
        let (temp, spec) = spec_dir(&service, &operation);
        if let Err(failure) = expect_code(case.code, &diagnostics(&spec), temp.path()) {
            failures.push(failure);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Codes that need files rather than text: read failures, stray and oddly named files, size.
#[test]
fn file_problems_report_their_codes() {
    let mut failures = Vec::new();
    let check = |code: Code, setup: &dyn Fn(&Path), failures: &mut Vec<String>| {
        let (temp, spec) = spec_dir(SERVICE, OPERATION);
        setup(&spec.join("tiny/operations"));
        if let Err(failure) = expect_code(code, &diagnostics(&spec), temp.path()) {
            failures.push(failure);
        }
    };
    check(
        Code::CannotRead,
        &|ops| fs::create_dir(ops.join("folder.yaml")).unwrap(),
        &mut failures,
    );
    check(
        Code::StrayFile,
        &|ops| fs::write(ops.join("notes.txt"), "").unwrap(),
        &mut failures,
    );
    check(
        Code::FileNameNotPlain,
        &|ops| fs::write(ops.join("a b.yaml"), OPERATION).unwrap(),
        &mut failures,
    );
    check(
        Code::FileTooLarge,
        &|ops| {
            let padding = "#".repeat(usize::try_from(MAX_SPEC_FILE_BYTES).unwrap());
            fs::write(ops.join("show.yaml"), format!("{OPERATION}{padding}\n")).unwrap();
        },
        &mut failures,
    );
    check(
        Code::DuplicateModuleName,
        &|ops| fs::write(ops.join("show_again.yaml"), OPERATION).unwrap(),
        &mut failures,
    );
    check(
        Code::ReservedServiceName,
        &|ops| {
            let service = ops.parent().unwrap();
            let text = fs::read_to_string(service.join("service.yaml")).unwrap();
            fs::write(
                service.join("service.yaml"),
                text.replace("name: tiny", "name: core"),
            )
            .unwrap();
            fs::rename(service, service.with_file_name("core")).unwrap();
        },
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Codes no spec edit reaches through `specgen::load`: they come from later stages or from
/// the generator itself, and spec/README.md describes them in words.
const NOT_FROM_LOAD: &[Code] = &[
    Code::OpenApiPathConflict,
    Code::UnknownService,
    Code::Internal,
    // `specgen import --check`, comparing a spec with a fresh import of its page
    // (generator/tests/cli.rs, tests/tests/import.rs).
    Code::UnrecordedEdit,
    Code::StaleEdit,
    Code::PageChangedUnderEdit,
];

#[test]
fn every_spec_code_has_a_case() {
    let file_cases = [
        Code::CannotRead,
        Code::StrayFile,
        Code::FileNameNotPlain,
        Code::FileTooLarge,
        Code::DuplicateModuleName,
        Code::ReservedServiceName,
    ];
    let covered: Vec<Code> = cases()
        .iter()
        .map(|case| case.code)
        .chain(file_cases)
        .collect();
    let missing: Vec<&Code> = Code::ALL
        .iter()
        .filter(|code| !code.as_str().starts_with('I'))
        .filter(|code| !covered.contains(code) && !NOT_FROM_LOAD.contains(code))
        .collect();
    assert!(missing.is_empty(), "codes without a case: {missing:?}");
}
