//! Files that come from `templates/`: each service crate's `Cargo.toml`, and the shared
//! runtime crate `core`, copied with a header.
//!
//! Templates are compiled into the generator, so a `build.rs` user needs no checkout of this
//! repository, and a change to a template rebuilds the generator.

use std::path::PathBuf;

use super::{Files, header};
use crate::model::Service;

/// The directory, inside the output, of the shared runtime crate.
pub const CORE_DIR: &str = "core";

/// The runtime crate's files: (path inside the crate, template path, contents).
macro_rules! core_template {
    ($path:literal) => {
        (
            $path,
            concat!("templates/core/", $path),
            include_str!(concat!("../../../templates/core/", $path)),
        )
    };
}

/// The runtime crate's files: (path inside the crate, template path, contents). A test checks
/// that this lists every file under `templates/core`.
const CORE_TEMPLATES: &[(&str, &str, &str)] = &[
    core_template!("Cargo.toml"),
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
    core_template!("src/transport.rs"),
    core_template!("src/validate.rs"),
];

const SERVICE_MANIFEST: (&str, &str) = (
    "templates/service/Cargo.toml",
    include_str!("../../../templates/service/Cargo.toml"),
);

/// The runtime crate, as `core/...` files.
pub fn core_files() -> Files {
    CORE_TEMPLATES
        .iter()
        .map(|(path, origin, contents)| {
            let comment = if path.ends_with(".rs") { "//" } else { "#" };
            (
                PathBuf::from(CORE_DIR).join(path),
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
            format!(
                "{package} = {{ version = \"{}\", path = \"{}\" }}\n",
                toml_escape(&service.version),
                toml_escape(path)
            )
        })
        .collect();
    let contents = SERVICE_MANIFEST
        .1
        .replace("{{package}}", &toml_escape(package))
        .replace("{{version}}", &toml_escape(&service.version))
        .replace("{{runtime_path}}", &toml_escape(runtime_path))
        .replace("{{description}}", &toml_escape(&description))
        .replace("{{internal_dependencies}}\n", &internal);
    let origin = format!("{} and {}", SERVICE_MANIFEST.0, service.origin);
    format!("{}{contents}", header("#", &origin))
}

/// Escapes text for a TOML basic string.
fn toml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_template_is_emitted() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/core");
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
            .map(|(path, ..)| (*path).to_owned())
            .collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
