//! Spec files written to exhaust the loader (issue 12, items 3 and 5): anchors and aliases,
//! which serde_yaml would expand into copies, and files over the size limit. Each is refused
//! with a located error before its cost is paid, by `validate` and `generate` alike.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use specgen::diagnostics::{Diagnostic, Position};
use specgen::spec::limits::MAX_SPEC_FILE_BYTES;

const SERVICE: &str = "\
name: hostile
title: Hostile Inputs
crate: huaweicloud-sdk-hostile
version: 0.1.0
endpoint: https://hostile.{region}.example.com
auth: [token]
";

const OPERATION: &str = "\
id: Hostile
title: A hostile operation
method: GET
path: /v1/{project_id}/hostile
params:
  project_id: {in: path, required: true, from: project}
responses:
  200:
    description: OK
";

/// A spec directory with one service `hostile` and one operation file `hostile.yaml`.
fn spec_dir(service: &str, operation: &str) -> (tempfile::TempDir, PathBuf) {
    common::one_operation_spec("hostile", service, "hostile.yaml", operation)
}

/// The one diagnostic loading `spec` fails with.
fn only_error(spec: &Path) -> Diagnostic {
    let diagnostics = specgen::load(spec).expect_err("the spec is refused").0;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    diagnostics.into_iter().next().unwrap()
}

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

const ANCHORS: &str = "anchors and aliases are not allowed in spec files";

#[test]
fn an_alias_is_refused_where_it_is_written() {
    let operation = format!(
        "{OPERATION}    body:\n      fields:\n        a: &field {{type: string}}\n        b: *field\n"
    );
    let (_temp, spec) = spec_dir(SERVICE, &operation);
    let error = only_error(&spec);
    assert!(error.file.ends_with("operations/hostile.yaml"), "{error}");
    // The first of the two is reported: the anchor, at the start of the mapping it names.
    assert_eq!(error.field, "responses.200.body.fields.a");
    assert_eq!(error.position, at(12, 19));
    assert_eq!(error.message, ANCHORS);
    assert!(
        error
            .help
            .as_deref()
            .unwrap()
            .contains("an anchor (`&name`)")
    );
}

#[test]
fn an_anchor_alone_is_refused() {
    let service = SERVICE.replace("title: Hostile Inputs", "title: &title Hostile Inputs");
    let (_temp, spec) = spec_dir(&service, OPERATION);
    let error = only_error(&spec);
    assert!(error.file.ends_with("hostile/service.yaml"), "{error}");
    assert_eq!(error.field, "title");
    assert_eq!(error.position, at(2, 15));
    assert_eq!(error.message, ANCHORS);
}

#[test]
fn a_merge_key_is_refused_with_its_alias() {
    // `<<` copies a mapping into another through an alias; serde_yaml would see a key `<<`.
    let operation = OPERATION.replace(
        "  project_id: {in: path, required: true, from: project}\n",
        "  project_id: {in: path, required: true, from: project}\n  job_id:\n    <<: *project\n",
    );
    let operation = operation.replace("  project_id: {", "  project_id: &project {");
    let (_temp, spec) = spec_dir(SERVICE, &operation);
    let error = only_error(&spec);
    assert_eq!(error.field, "params.project_id");
    assert_eq!(error.message, ANCHORS);
}

/// A 100 KB string and `levels` levels of 10 fields each aliasing the level below:
/// 10^levels copies once expanded.
fn alias_bomb(levels: u32) -> String {
    let mut text = format!(
        "{OPERATION}models:\n  Level0:\n    doc: &l0 {}\n",
        "x".repeat(100_000)
    );
    for level in 1..=levels {
        let below = level - 1;
        let fields: Vec<String> = (0..10)
            .map(|i| {
                if level == 1 {
                    format!("f{i}: {{doc: *l{below}}}")
                } else {
                    format!("f{i}: *l{below}")
                }
            })
            .collect();
        text.push_str(&format!(
            "  Level{level}: &l{level}\n    fields: {{{}}}\n",
            fields.join(", ")
        ));
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_before_it_is_expanded() {
    // Three levels: 1,000 copies of 100 KB, 100 MB had serde_yaml expanded them (as it did
    // before anchors were refused; the file itself is 100 KB).
    let (_temp, spec) = spec_dir(SERVICE, &alias_bomb(3));
    let error = only_error(&spec);
    assert_eq!(error.message, ANCHORS);
    assert_eq!(error.field, "models.Level0.doc");
    assert_eq!(error.position, at(12, 14));
}

#[test]
fn yaml_the_anchor_check_cannot_read_is_refused_too() {
    // A tab after a key's colon: serde_yaml's parser reads it, the event-level parser that looks
    // for anchors stops there. What follows (an alias bomb) must not reach serde_yaml.
    let operation = alias_bomb(2).replacen("title: A hostile", "title:\tA hostile", 1);
    let (_temp, spec) = spec_dir(SERVICE, &operation);
    let error = only_error(&spec);
    assert_eq!(
        error.message,
        "cannot check this YAML for anchors and aliases: ':' must be followed by a valid YAML whitespace"
    );
    assert_eq!(error.position, at(2, 8));
    // Without an `&` or `*` anywhere, the same text is only serde_yaml's to read: it is valid.
    let (_temp, spec) = spec_dir(SERVICE, &OPERATION.replacen("title: A", "title:\tA", 1));
    specgen::load(&spec).expect("a tab after a colon is YAML");
}

#[test]
fn an_alias_in_a_syntax_error_gets_the_syntax_error() {
    let operation = format!("{OPERATION}models: {{A: &a {{doc: x}}, B: *a\n");
    let (_temp, spec) = spec_dir(SERVICE, &operation);
    let error = only_error(&spec);
    // The scan stops at the anchor: that is what is reported, not the unclosed brace.
    assert_eq!(error.message, ANCHORS);
    // With no anchor before the error, serde_yaml's own message, as without the check.
    let operation = format!("{OPERATION}description: \"*\n");
    let (_temp, spec) = spec_dir(SERVICE, &operation);
    let error = only_error(&spec);
    assert_eq!(
        error.message,
        "found unexpected end of stream, while scanning a quoted scalar at line 10 column 14"
    );
    assert_eq!(error.position, at(11, 1));
}

/// `validate` and `generate` load through the same loader: both refuse, exit with 1 and write
/// nothing.
#[test]
fn validate_and_generate_refuse_alike() {
    let (temp, spec) = spec_dir(SERVICE, &alias_bomb(2));
    let out = temp.path().join("generated");
    let run = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_specgen"))
            .args(args)
            .output()
            .unwrap()
    };
    let spec = spec.to_str().unwrap();
    let validate = run(&["validate", "--spec", spec]);
    let generate = run(&["generate", "--spec", spec, "--out", out.to_str().unwrap()]);
    for output in [&validate, &generate] {
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "operations/hostile.yaml:12:14: models.Level0.doc: {ANCHORS}"
            )),
            "{stderr}"
        );
    }
    assert!(!out.exists());
}

/// The operation, padded with a comment to exactly `size` bytes.
fn padded(size: u64) -> String {
    let size = usize::try_from(size).unwrap();
    let mut text = format!("{OPERATION}#");
    text.push_str(&" ".repeat(size - text.len() - 1));
    text.push('\n');
    assert_eq!(text.len(), size);
    text
}

#[test]
fn a_file_over_the_size_limit_is_refused_at_its_first_line() {
    let (_temp, spec) = spec_dir(SERVICE, &padded(MAX_SPEC_FILE_BYTES + 1));
    let error = only_error(&spec);
    assert!(error.file.ends_with("operations/hostile.yaml"), "{error}");
    assert_eq!(error.position, at(1, 1));
    assert_eq!(error.field, "");
    assert_eq!(
        error.message,
        format!(
            "the file is too large: {} bytes, over the limit of {MAX_SPEC_FILE_BYTES} bytes (4 MiB) for a spec file",
            MAX_SPEC_FILE_BYTES + 1
        )
    );

    let (_temp, spec) = spec_dir(SERVICE, &padded(MAX_SPEC_FILE_BYTES));
    specgen::load(&spec).expect("a file at the limit is read");
}

#[test]
fn the_size_limit_holds_for_service_files_and_examples() {
    let service = format!("{SERVICE}#{}\n", " ".repeat(MAX_SPEC_FILE_BYTES as usize));
    let (_temp, spec) = spec_dir(&service, OPERATION);
    let error = only_error(&spec);
    assert!(error.file.ends_with("hostile/service.yaml"), "{error}");
    assert_eq!(error.position, at(1, 1));

    let (_temp, spec) = spec_dir(SERVICE, OPERATION);
    let examples = spec.join("hostile/examples");
    fs::create_dir_all(&examples).unwrap();
    let program = format!(
        "fn main() {{}}\n//{}\n",
        " ".repeat(MAX_SPEC_FILE_BYTES as usize)
    );
    fs::write(examples.join("big.rs"), program).unwrap();
    let error = only_error(&spec);
    assert!(error.file.ends_with("examples/big.rs"), "{error}");
    assert!(
        error.message.starts_with("the file is too large"),
        "{error}"
    );
}

/// No committed spec uses an anchor or alias (nor any other construct the loader refuses).
#[test]
fn every_committed_spec_loads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for dir in ["spec", "tests/conformance/spec", "tests/corpus/spec"] {
        let spec = root.join(dir);
        if let Err(diagnostics) = specgen::spec::load_spec_dir(&spec, dir) {
            panic!("{dir}: {diagnostics}");
        }
    }
}

/// A spec file without end (here a link to `/dev/zero`) is refused, by `generate` too, which
/// hashes the spec directory before it loads it: neither reads past the limit. Run with 1 GB
/// of address space, so reading it whole fails the test instead of exhausting the machine.
#[cfg(target_os = "linux")]
#[test]
fn a_file_without_end_is_read_no_further_than_the_limit() {
    let (temp, spec) = spec_dir(SERVICE, OPERATION);
    std::os::unix::fs::symlink("/dev/zero", spec.join("hostile/operations/zero.yaml")).unwrap();
    let out = temp.path().join("generated");
    let spec = spec.to_str().unwrap();
    let validate = vec!["validate", "--spec", spec];
    let generate = vec!["generate", "--spec", spec, "--out", out.to_str().unwrap()];
    for args in [validate, generate] {
        let command = args[0];
        let output = Command::new("sh")
            .arg("-c")
            .arg(r#"ulimit -v 1048576 && exec "$0" "$@""#)
            .arg(env!("CARGO_BIN_EXE_specgen"))
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "operations/zero.yaml:1:1: the file is too large: {} bytes",
                MAX_SPEC_FILE_BYTES + 1
            )),
            "{command}: {stderr}"
        );
    }
    assert!(!out.exists());
}
