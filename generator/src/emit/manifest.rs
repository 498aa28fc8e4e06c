//! Files that come from `generator/templates/`: each service crate's `Cargo.toml`, and the shared
//! runtime crate `core`, copied with a header.
//!
//! Templates are compiled into the generator, so a `build.rs` user needs no checkout of this
//! repository, and a change to a template rebuilds the generator.

use std::path::PathBuf;

use crate::model::Service;
use crate::output::{Files, RUNTIME_DIR, header};
use crate::target::Packaging;

/// The runtime crate's files: (path inside the crate, template path, contents).
macro_rules! core_template {
    ($path:literal) => {
        core_template!($path, $path)
    };
    ($path:literal, $template:literal) => {
        (
            $path,
            concat!("generator/templates/core/", $template),
            include_str!(concat!("../../templates/core/", $template)),
        )
    };
}

/// The runtime crate's files: (path inside the crate, template path, contents). A test checks
/// that this lists every file under `generator/templates/core`. Manifests are kept as
/// `Cargo.toml.in`: cargo leaves a directory holding a `Cargo.toml` out of the generator's
/// package, as another package.
const CORE_TEMPLATES: &[(&str, &str, &str)] = &[
    core_template!("Cargo.toml", "Cargo.toml.in"),
    core_template!("src/lib.rs"),
    core_template!("src/client.rs"),
    core_template!("src/credentials.rs"),
    core_template!("src/error.rs"),
    core_template!("src/json.rs"),
    core_template!("src/operation.rs"),
    core_template!("src/request.rs"),
    core_template!("src/response.rs"),
    core_template!("src/retry.rs"),
    core_template!("src/service.rs"),
    core_template!("src/sign.rs"),
    core_template!("src/tee.rs"),
    core_template!("src/testing.rs"),
    core_template!("src/text.rs"),
    core_template!("src/transport.rs"),
    core_template!("src/validate.rs"),
];

const SERVICE_MANIFEST: (&str, &str) = (
    "generator/templates/service/Cargo.toml.in",
    include_str!("../../templates/service/Cargo.toml.in"),
);

/// The minimum Rust version every emitted crate declares: the generator's own, which the
/// workspace declares once (`[workspace.package]` in the repository's `Cargo.toml`).
pub const RUST_VERSION: &str = env!("CARGO_PKG_RUST_VERSION");

/// crates.io's categories of every emitted crate.
const CATEGORIES: [&str; 2] = ["api-bindings", "web-programming::http-client"];

/// The runtime crate, as `core/...` files, with `packaging`'s metadata.
pub fn core_files(packaging: &Packaging) -> Files {
    let metadata = package_metadata(packaging, 1, &["huaweicloud", "sdk", "signing", "api"]);
    CORE_TEMPLATES
        .iter()
        .map(|(path, origin, contents)| {
            let (comment, contents) = if path.ends_with(".rs") {
                ("//", (*contents).to_owned())
            } else {
                (
                    "#",
                    fill(
                        contents,
                        &[
                            ("{{rust_version}}", &toml_string(RUST_VERSION)),
                            ("{{package_metadata}}\n", &metadata),
                        ],
                    ),
                )
            };
            (
                PathBuf::from(RUNTIME_DIR).join(path),
                format!("{}{contents}", header(comment, origin)),
            )
        })
        .collect()
}

/// The manifest lines after `description`: license, files, address, keywords, categories and
/// whether to publish, for a crate `depth` directories below the output directory.
fn package_metadata(packaging: &Packaging, depth: usize, keywords: &[&str]) -> String {
    let up = "../".repeat(depth);
    let mut lines = format!("license = {}\n", toml_string(&packaging.license));
    if let Some(file) = &packaging.license_file {
        lines += &format!("license-file = {}\n", toml_string(&format!("{up}{file}")));
    }
    if let Some(file) = &packaging.readme {
        lines += &format!("readme = {}\n", toml_string(&format!("{up}{file}")));
    }
    if let Some(address) = &packaging.repository {
        lines += &format!("repository = {}\n", toml_string(address));
    }
    let list = |items: &[&str]| {
        let items: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
        format!("[{}]", items.join(", "))
    };
    lines += &format!("keywords = {}\n", list(keywords));
    lines += &format!("categories = {}\n", list(&CATEGORIES));
    if !packaging.publish {
        lines += "publish = false\n";
    }
    lines
}

/// Whether crates.io takes `word` as a keyword: ASCII letters, digits, `_`, `-`, `+`, starting
/// with a letter, at most 20 characters.
fn is_keyword(word: &str) -> bool {
    word.len() <= 20
        && word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'))
}

/// A service crate's `Cargo.toml`.
pub fn service_manifest(service: &Service, runtime_path: &str, packaging: &Packaging) -> String {
    crate_manifest(service, &service.package, runtime_path, &[], packaging, 1)
}

/// The `Cargo.toml` of `package`, one of the crates of `service`, `depth` directories below the
/// output directory, depending on the runtime at `runtime_path` and on `internal`, (package,
/// path) pairs of the service's other crates.
pub fn crate_manifest(
    service: &Service,
    package: &str,
    runtime_path: &str,
    internal: &[(String, String)],
    packaging: &Packaging,
    depth: usize,
) -> String {
    let mut description = format!(
        "Huawei Cloud {} ({}) API bindings, generated from specs",
        service.title,
        service.name.to_uppercase()
    );
    if package != service.package {
        description = format!("Part of {}: {description}", service.package);
    }
    let internal: String = internal
        .iter()
        .map(|(package, path)| {
            // Package names are bare keys: `check_service` allows only `[a-z0-9_-]` in them.
            format!(
                "{package} = {{ version = {}, path = {} }}\n",
                toml_string(&service.version),
                toml_string(path)
            )
        })
        .collect();
    let mut keywords = vec!["huaweicloud", "sdk", "api"];
    if is_keyword(&service.name) {
        keywords.push(&service.name);
    }
    let metadata = package_metadata(packaging, depth, &keywords);
    let contents = fill(
        SERVICE_MANIFEST.1,
        &[
            ("{{package}}", &toml_string(package)),
            ("{{version}}", &toml_string(&service.version)),
            ("{{rust_version}}", &toml_string(RUST_VERSION)),
            ("{{runtime_path}}", &toml_string(runtime_path)),
            ("{{description}}", &toml_string(&description)),
            ("{{internal_dependencies}}\n", &internal),
            ("{{package_metadata}}\n", &metadata),
        ],
    );
    let origin = format!("{} and {}", SERVICE_MANIFEST.0, service.origin);
    format!("{}{contents}", header("#", &origin))
}

/// `text` as a TOML string, quotes included, written by the `toml` crate.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// `template` with each placeholder replaced by its value, in one pass from left to right: a
/// value is never read again, so a `{{...}}` inside a spec's text stays text.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        match values
            .iter()
            .find(|(placeholder, _)| rest.starts_with(placeholder))
        {
            Some((placeholder, value)) => {
                out.push_str(value);
                rest = &rest[placeholder.len()..];
            }
            None => {
                out.push_str("{{");
                rest = &rest[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let values = [("{{a}}", "{{b}}"), ("{{b}}", "B"), ("{{line}}\n", "")];
        assert_eq!(fill("{{a}} {{b}} {{c}} {{", &values), "{{b}} B {{c}} {{");
        assert_eq!(fill("x\n{{line}}\ny", &values), "x\ny");
    }

    #[test]
    fn manifest_strings_are_toml_strings() {
        for text in [
            "0.1.0",
            "a \"b\" \\ c",
            "line\n[workspace]",
            "\u{0}\u{202e}'''",
        ] {
            let line = format!("v = {}", toml_string(text));
            let parsed: toml::Table = toml::from_str(&line).unwrap();
            assert_eq!(parsed["v"].as_str(), Some(text), "{line}");
        }
        assert_eq!(toml_string("0.1.0"), "\"0.1.0\"");
    }

    #[test]
    fn every_manifest_declares_the_workspace_minimum_rust_version() {
        let workspace: toml::Table = toml::from_str(include_str!("../../../Cargo.toml")).unwrap();
        let declared = workspace["workspace"]["package"]["rust-version"].as_str();
        assert_eq!(declared, Some(RUST_VERSION));
        let core = core_files(&Packaging::default());
        let core_manifest = &core[&PathBuf::from(RUNTIME_DIR).join("Cargo.toml")];
        let parsed: toml::Table = toml::from_str(core_manifest).unwrap();
        assert_eq!(
            parsed["package"]["rust-version"].as_str(),
            Some(RUST_VERSION)
        );
        assert!(!SERVICE_MANIFEST.1.contains("rust-version = \""));
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&format!("Rust toolchain ({RUST_VERSION} or newer)")),
            "the README's quick start names another minimum Rust version than {RUST_VERSION}"
        );
    }

    #[test]
    fn every_runtime_template_is_emitted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/core");
        let mut on_disk = Vec::new();
        let mut pending = vec![root.clone()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    on_disk.push(
                        path.strip_prefix(&root)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        on_disk.sort();
        let mut listed: Vec<String> = CORE_TEMPLATES
            .iter()
            .map(|(_, origin, _)| {
                origin
                    .trim_start_matches("generator/templates/core/")
                    .to_owned()
            })
            .collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
