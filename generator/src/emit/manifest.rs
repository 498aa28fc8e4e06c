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
const CORE_TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "Cargo.toml",
        "templates/core/Cargo.toml",
        include_str!("../../../templates/core/Cargo.toml"),
    ),
    (
        "src/lib.rs",
        "templates/core/src/lib.rs",
        include_str!("../../../templates/core/src/lib.rs"),
    ),
    (
        "src/error.rs",
        "templates/core/src/error.rs",
        include_str!("../../../templates/core/src/error.rs"),
    ),
    (
        "src/operation.rs",
        "templates/core/src/operation.rs",
        include_str!("../../../templates/core/src/operation.rs"),
    ),
    (
        "src/request.rs",
        "templates/core/src/request.rs",
        include_str!("../../../templates/core/src/request.rs"),
    ),
    (
        "src/response.rs",
        "templates/core/src/response.rs",
        include_str!("../../../templates/core/src/response.rs"),
    ),
    (
        "src/validate.rs",
        "templates/core/src/validate.rs",
        include_str!("../../../templates/core/src/validate.rs"),
    ),
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
pub fn service_manifest(service: &Service) -> String {
    let description = format!(
        "Huawei Cloud {} ({}) API bindings, generated from specs",
        service.title,
        service.name.to_uppercase()
    );
    let contents = SERVICE_MANIFEST
        .1
        .replace("{{package}}", &toml_escape(&service.package))
        .replace("{{version}}", &toml_escape(&service.version))
        .replace("{{description}}", &toml_escape(&description));
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
