//! `specgen diff`: the API-level change between two spec versions, with breaking changes
//! flagged, and the version each crate needs for them.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use specgen::export::api_diff::{self, Impact, Sides};
use specgen::model::{Constraints, Number};

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

/// A copy of the committed specs to edit, in a directory removed on drop.
fn spec_copy() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("spec");
    copy_dir(Path::new("../spec"), &spec);
    (temp, spec)
}

/// The changes from `old` to `new`, as `specgen diff` prints them.
fn listed(old: &Path, new: &Path) -> Vec<String> {
    api_diff::diff(&models(old), &models(new))
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Fails with a unified diff of the listed changes (expected → actual) when they differ.
#[track_caller]
fn assert_lines(actual: &[String], expected: &[&str]) {
    let (actual, expected) = (actual.join("\n") + "\n", expected.join("\n") + "\n");
    if actual != expected {
        let diff = similar::TextDiff::from_lines(&expected, &actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!("the changes differ:\n{diff}");
    }
}

/// `specgen diff OLD NEW [--check-version]`: success, stdout, stderr.
fn run_diff(old: &Path, new: &Path, check_version: bool) -> (bool, String, String) {
    use clap::Parser;
    let mut args = vec![
        "specgen".to_owned(),
        "diff".to_owned(),
        old.display().to_string(),
        new.display().to_string(),
    ];
    if check_version {
        args.push("--check-version".to_owned());
    }
    let specgen::cli::Cli {
        command: specgen::cli::Command::Diff(args),
    } = specgen::cli::Cli::try_parse_from(args).unwrap()
    else {
        unreachable!("diff parses as diff");
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let ok = specgen::cli::api_diff(&args, &mut stdout, &mut stderr).unwrap();
    (
        ok,
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
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
    assert_lines(
        &listed,
        &[
            "doc      drs CollectDbObjectsInfo: examples changed",
            "         drs CollectDbObjectsInfo param verbose: optional parameter added",
            "BREAKING drs ExportCreationTemplate: operation removed",
            "BREAKING drs model CollectDbObjectsInfoRequestBody.db_names: became required",
            "BREAKING drs model CollectDbObjectsInfoRequestBodyType: enum − \"modified\"",
            "         drs model CollectDbObjectsInfoResponseStatus: enum + \"cancelled\"",
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
    assert_lines(
        &listed,
        &[
            "         drs AddLanguage: operation added: POST /v5/{project_id}/languages",
            "         drs model AddLanguageXLanguage: model added",
            "doc      drs model AddLanguageXLanguage: doc changed",
            "         drs model CollectDbObjectsInfoXLanguage: now AddLanguageXLanguage, still named CollectDbObjectsInfoXLanguage",
        ],
    );
}

/// The service file's models are compared once, at the model, not once per operation using
/// them; a response model's tightened limit is not breaking.
#[test]
fn shared_models_are_compared_once() {
    let (_temp, new) = spec_copy();
    edit(
        &new,
        "drs/service.yaml",
        "        min_length: 1\n        max_length: 512\n",
        "        min_length: 1\n        max_length: 256\n      request_id:\n        type: string\n        doc: Request id.\n",
    );
    edit(
        &new,
        "evs/service.yaml",
        "  error:\n    fields:\n      message:\n        type: string\n",
        "  error:\n    fields:\n      message:\n        type: string\n        max_length: 1024\n",
    );
    assert_lines(
        &listed(Path::new("../spec"), &new),
        &[
            "         drs model DrsError.error_msg: max_length 512 → 256",
            "         drs model DrsError.request_id: optional field added",
            "         evs model EvsError.message: max_length none → 1024",
        ],
    );
}

/// What every caller depends on besides the operations: regions, their endpoints, the
/// authentication schemes.
#[test]
fn service_level_changes_are_listed() {
    let (_temp, new) = spec_copy();
    let service = "drs/service.yaml";
    edit(&new, service, "  - tr-west-1\n", "");
    edit(
        &new,
        service,
        "  - eu-west-0\n",
        "  - eu-west-0\n  - eu-west-2\n",
    );
    edit(
        &new,
        service,
        "  eu-west-101: https://drs.eu-west-101.myhuaweicloud.eu\n",
        "  eu-west-101: https://drs.eu-west-101.example.eu\n",
    );
    edit(&new, service, "auth: [token, aksk]", "auth: [aksk]");
    assert_lines(
        &listed(Path::new("../spec"), &new),
        &[
            "BREAKING drs: auth token removed",
            "         drs region eu-west-101: endpoint https://drs.eu-west-101.myhuaweicloud.eu → https://drs.eu-west-101.example.eu",
            "         drs region eu-west-2: region added",
            "BREAKING drs region tr-west-1: region removed",
        ],
    );
}

/// A new limit on a request parameter refuses requests the old version sent: breaking, with
/// the old and new values.
#[test]
fn a_new_request_limit_is_breaking() {
    let (_temp, new) = spec_copy();
    edit(
        &new,
        "drs/operations/collect_db_objects_info.yaml",
        "    type: string\n    doc: Task ID.\n",
        "    type: string\n    doc: Task ID.\n    max_length: 36\n",
    );
    assert_lines(
        &listed(Path::new("../spec"), &new),
        &["BREAKING drs CollectDbObjectsInfo param job_id: max_length none → 36"],
    );
}

/// Looser request limits accept everything the old ones did: not breaking.
#[test]
fn a_looser_request_limit_is_not_breaking() {
    let (_temp, new) = spec_copy();
    edit(
        &new,
        "evs/operations/cinder_list_volumes.yaml",
        "    default: 1000\n    minimum: 1\n    maximum: 1000\n",
        "    default: 1000\n    minimum: 0\n    maximum: 2000\n",
    );
    edit(
        &new,
        "evs/operations/batch_create_volume_tags.yaml",
        "        max_length: 36\n",
        "        max_length: 64\n",
    );
    assert_lines(
        &listed(Path::new("../spec"), &new),
        &[
            "         evs CinderListVolumes param limit: maximum 1000 → 2000",
            "         evs CinderListVolumes param limit: minimum 1 → 0",
            "         evs model Tag.key: max_length 36 → 64",
        ],
    );
}

/// A response field that was always present and may now be missing breaks callers reading it;
/// so does a looser or removed response limit.
#[test]
fn a_response_guarantee_loosened_is_breaking() {
    let (_temp, old) = spec_copy();
    edit(
        &old,
        "drs/operations/collect_db_objects_info.yaml",
        "          doc: Query status.\n",
        "          doc: Query status.\n          required: true\n",
    );
    edit(
        &old,
        "drs/service.yaml",
        "        max_length: 512\n",
        "        max_length: 256\n",
    );
    let (_temp, new) = spec_copy();
    edit(
        &new,
        "cts/operations/list_projects_tag.yaml",
        "        max_length: 128\n",
        "",
    );
    assert_lines(
        &listed(&old, &new),
        &[
            "BREAKING cts model TmsTags.key: max_length 128 → none",
            "BREAKING drs model CollectDbObjectsInfoResponse.status: became optional (no longer always present)",
            "BREAKING drs model DrsError.error_msg: max_length 256 → 512",
        ],
    );
}

/// A model reachable from a request and a response gets both rules: a looser limit breaks the
/// response side, a tighter one the request side.
#[test]
fn a_model_on_both_sides_gets_both_rules() {
    let both = |key_limit: &str| {
        let (temp, spec) = spec_copy();
        let file = "evs/operations/batch_create_volume_tags.yaml";
        edit(
            &spec,
            file,
            "responses:\n  204:\n    description: \"\"\n",
            "responses:\n  200:\n    description: OK\n    body:\n      fields:\n        tags:\n          type: array\n          items: {ref: tag}\n",
        );
        edit(&spec, file, "        max_length: 36\n", key_limit);
        (temp, spec)
    };
    let (_old_temp, old) = both("        max_length: 36\n");
    let (_new_temp, new) = both("        max_length: 64\n");
    assert_lines(
        &listed(&old, &new),
        &["BREAKING evs model Tag.key: max_length 36 → 64"],
    );
    assert_lines(
        &listed(&new, &old),
        &["BREAKING evs model Tag.key: max_length 64 → 36"],
    );
}

/// `--check-version`: a breaking change needs 0.2.0 from 0.1.0; the unchanged version fails,
/// naming the service file and its `version` field; a bumped one passes. Without the flag, a
/// breaking change fails whatever the version.
#[test]
fn the_version_must_be_bumped_as_the_changes_require() {
    let (_temp, new) = spec_copy();
    edit(
        &new,
        "drs/operations/collect_db_objects_info.yaml",
        "    type: string\n    doc: Task ID.\n",
        "    type: string\n    doc: Task ID.\n    max_length: 36\n",
    );
    edit(
        &new,
        "evs/service.yaml",
        "  error:\n    fields:\n",
        "  error:\n    doc: An error.\n    fields:\n",
    );
    let old = Path::new("../spec");

    let (ok, stdout, stderr) = run_diff(old, &new, true);
    assert!(!ok, "{stdout}");
    assert!(
        stdout.contains("huaweicloud-sdk-drs: 0.1.0 → needs 0.2.0 (breaking; minor before 1.0); spec has 0.1.0 (too low)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("huaweicloud-sdk-evs: 0.1.0 → needs 0.1.1 (documentation only; patch); spec has 0.1.0 (too low)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("huaweicloud-sdk-cts: 0.1.0, no change needs a new version\n"),
        "{stdout}"
    );
    let drs_file = new.join("drs/service.yaml").display().to_string();
    assert!(
        stderr.contains(&format!(
            "error: {drs_file}:5:1: version: 0.1.0 is lower than 0.2.0, which the changes to huaweicloud-sdk-drs require (breaking; minor before 1.0)\n"
        )),
        "{stderr}"
    );

    edit(&new, "drs/service.yaml", "version: 0.1.0", "version: 0.2.0");
    edit(&new, "evs/service.yaml", "version: 0.1.0", "version: 0.1.1");
    let (ok, stdout, stderr) = run_diff(old, &new, true);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("; spec has 0.2.0 (ok)\n"), "{stdout}");
    assert_eq!(stderr, "");
    let (ok, _, _) = run_diff(old, &new, false);
    assert!(!ok, "without --check-version a breaking change fails");

    // A version lower than the old one is never enough, even with nothing changed.
    let (_temp, lower) = spec_copy();
    edit(
        &lower,
        "cts/service.yaml",
        "version: 0.1.0",
        "version: 0.0.9",
    );
    // A new service is a new crate: listed, with no version to compare.
    copy_dir(&lower.join("drs"), &lower.join("drsx"));
    edit(&lower, "drsx/service.yaml", "name: drs\n", "name: drsx\n");
    edit(
        &lower,
        "drsx/service.yaml",
        "crate: huaweicloud-sdk-drs\n",
        "crate: huaweicloud-sdk-drsx\n",
    );
    let (ok, stdout, stderr) = run_diff(old, &lower, true);
    assert!(!ok);
    assert!(
        stderr.contains("version: 0.0.9 is lower than 0.1.0"),
        "{stderr}"
    );
    assert!(
        stdout.contains("         drsx: service added (crate huaweicloud-sdk-drsx)\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("huaweicloud-sdk-drsx: new crate at 0.1.0\n"),
        "{stdout}"
    );
}

/// A bound of one kind: lengths and counts (`u64`) or values (`Number`).
#[derive(Debug, Clone, Copy)]
enum Kind {
    Length,
    Value,
}

/// Whether one constraint, alone, admits `probe`.
fn admits(name: &str, constraints: &Constraints, probe: f64) -> bool {
    let at_least = |bound: Option<f64>| bound.is_none_or(|b| probe >= b);
    let at_most = |bound: Option<f64>| bound.is_none_or(|b| probe <= b);
    let length = |v: Option<u64>| v.map(|v| v as f64);
    match name {
        "min_length" => at_least(length(constraints.min_length)),
        "max_length" => at_most(length(constraints.max_length)),
        "min_items" => at_least(length(constraints.min_items)),
        "max_items" => at_most(length(constraints.max_items)),
        "minimum" => at_least(constraints.minimum.map(Number::as_f64)),
        "maximum" => at_most(constraints.maximum.map(Number::as_f64)),
        other => panic!("unknown constraint {other}"),
    }
}

/// Values to try: every length from 0 past the largest bound, numbers past the bounds on
/// both sides in steps finer than the bounds'.
fn probes(kind: Kind) -> Vec<f64> {
    match kind {
        Kind::Length => (0..=10).map(f64::from).collect(),
        Kind::Value => (-28..=28).map(|i| f64::from(i) * 0.25).collect(),
    }
}

fn length_bound() -> impl Strategy<Value = Option<u64>> {
    prop::option::of(0u64..=8)
}

fn value_bound() -> impl Strategy<Value = Option<Number>> {
    prop::option::of(prop_oneof![
        (-5i64..=5).prop_map(Number::Integer),
        (-10i32..=10).prop_map(|half| Number::Float(f64::from(half) / 2.0)),
    ])
}

fn ordered<T: PartialOrd + Copy>(min: Option<T>, max: Option<T>) -> (Option<T>, Option<T>) {
    match (min, max) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        pair => pair,
    }
}

fn constraints() -> impl Strategy<Value = Constraints> {
    (
        length_bound(),
        length_bound(),
        length_bound(),
        length_bound(),
        value_bound(),
        value_bound(),
    )
        .prop_map(|(a, b, c, d, e, f)| {
            let (min_length, max_length) = ordered(a, b);
            let (min_items, max_items) = ordered(c, d);
            let (minimum, maximum) = match (e, f) {
                (Some(x), Some(y)) if x.as_f64() > y.as_f64() => (Some(y), Some(x)),
                pair => pair,
            };
            Constraints {
                min_length,
                max_length,
                minimum,
                maximum,
                min_items,
                max_items,
            }
        })
}

fn sides() -> impl Strategy<Value = Sides> {
    (any::<bool>(), any::<bool>()).prop_map(|(request, response)| Sides { request, response })
}

proptest! {
    /// Each changed constraint is one change showing both values, and it is breaking exactly
    /// when, judged by the values it admits, it refuses one the old admitted on the request
    /// side or admits one the old refused on the response side.
    #[test]
    fn a_constraint_change_breaks_iff_it_tightens_a_request_or_loosens_a_response(
        old in constraints(),
        new in constraints(),
        sides in sides(),
    ) {
        let changes = api_diff::constraint_changes("t", "t Op param p", &old, &new, sides);
        let names = [
            ("min_length", Kind::Length, old.min_length != new.min_length),
            ("max_length", Kind::Length, old.max_length != new.max_length),
            ("minimum", Kind::Value, old.minimum != new.minimum),
            ("maximum", Kind::Value, old.maximum != new.maximum),
            ("min_items", Kind::Length, old.min_items != new.min_items),
            ("max_items", Kind::Length, old.max_items != new.max_items),
        ];
        let changed = names.iter().filter(|(_, _, differs)| *differs).count();
        prop_assert_eq!(changes.len(), changed, "{:?}", changes);
        for change in &changes {
            let (name, kind, _) = names
                .iter()
                .find(|(name, _, _)| change.description.starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("{change}"));
            prop_assert!(change.description.contains(" → "), "{}", change);
            let probes = probes(*kind);
            let tightens = probes.iter().any(|&p| admits(name, &old, p) && !admits(name, &new, p));
            let loosens = probes.iter().any(|&p| !admits(name, &old, p) && admits(name, &new, p));
            let expected = (sides.request && tightens) || (sides.response && loosens);
            prop_assert_eq!(change.impact == Impact::Breaking, expected, "{} ({:?})", change, sides);
            prop_assert!(change.impact != Impact::Doc);
        }
    }
}
