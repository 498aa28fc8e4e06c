//! Files that come from `generator/templates/`: each service crate's `Cargo.toml`, and the shared
//! runtime crate `core`, copied with a header.
//!
//! Templates are compiled into the generator, so a `build.rs` user needs no checkout of this
//! repository, and a change to a template rebuilds the generator.

use std::path::PathBuf;

use crate::model::Service;
use crate::output::{Files, RUNTIME_DIR, header};

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
    core_template!("src/testing.rs"),
    core_template!("src/text.rs"),
    core_template!("src/transport.rs"),
    core_template!("src/validate.rs"),
];

const SERVICE_MANIFEST: (&str, &str) = (
    "generator/templates/service/Cargo.toml.in",
    include_str!("../../templates/service/Cargo.toml.in"),
);

/// The runtime crate, as `core/...` files.
pub fn core_files() -> Files {
    CORE_TEMPLATES
        .iter()
        .map(|(path, origin, contents)| {
            let comment = if path.ends_with(".rs") { "//" } else { "#" };
            (
                PathBuf::from(RUNTIME_DIR).join(path),
                format!("{}{contents}", header(comment, origin)),
            )
        })
        .collect()
}

/// A service crate's `Cargo.toml`.
pub fn service_manifest(service: &Service, runtime_path: &str) -> String {
    crate_manifest(service, &service.package, runtime_path, &[])
}

/// The `Cargo.toml` of `package`, one of the crates of `service`, depending on the runtime at
/// `runtime_path` and on `internal`, (package, path) pairs of the service's other crates.
pub fn crate_manifest(
    service: &Service,
    package: &str,
    runtime_path: &str,
    internal: &[(String, String)],
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
    let contents = fill(
        SERVICE_MANIFEST.1,
        &[
            ("{{package}}", &toml_string(package)),
            ("{{version}}", &toml_string(&service.version)),
            ("{{runtime_path}}", &toml_string(runtime_path)),
            ("{{description}}", &toml_string(&description)),
            ("{{internal_dependencies}}\n", &internal),
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
