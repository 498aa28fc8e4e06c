//! Generating bindings from a build script.
//!
//! ```text
//! // build.rs of a crate that depends on `huaweicloud-sdk-core`, `serde` and `serde_json`
//! fn main() {
//!     specgen::build::service_or_exit("../spec", "drs");
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod drs {
//!     include!(concat!(env!("OUT_DIR"), "/drs.rs"));
//! }
//! ```
//!
//! The service is written as one file (see [`crate::emit::single_file`]), because `include!`
//! cannot pull in a module tree. Cargo is told to rerun the script when the spec directory
//! or any spec file read changes. A wrong spec fails the build with the same located
//! diagnostics as the CLI.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::pipeline::{Error, load};

/// Generates `service` from `spec_dir` into `$OUT_DIR/<service>.rs` and returns that path.
/// Writes only when the contents change, so an unchanged spec rebuilds nothing.
pub fn service(spec_dir: impl AsRef<Path>, service: &str) -> Result<PathBuf, Error> {
    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::Internal("OUT_DIR is not set: call this from a build script".into())
        })?;
    service_to(
        spec_dir.as_ref(),
        service,
        &out_dir.join(format!("{service}.rs")),
    )
}

/// [`service`], writing to `out_file`.
pub fn service_to(spec_dir: &Path, service: &str, out_file: &Path) -> Result<PathBuf, Error> {
    // The directory first, so a fix to a broken spec reruns the script even when loading fails.
    println!("cargo:rerun-if-changed={}", spec_dir.display());
    let loaded = load(spec_dir).map_err(Error::Spec)?;
    for file in &loaded.files_read {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    for warning in loaded.warnings.warnings() {
        // Cargo shows these as build warnings.
        println!("cargo:warning={}", warning.to_string().replace('\n', " "));
    }
    let Some(found) = loaded.services.iter().find(|s| s.name == service) else {
        let known: Vec<&str> = loaded.services.iter().map(|s| s.name.as_str()).collect();
        return Err(Error::Spec(Diagnostics(vec![Diagnostic::error(
            Code::UnknownService,
            spec_dir,
            "",
            format!(
                "no service `{service}`; the spec directory has: {}",
                known.join(", ")
            ),
        )])));
    };
    let text = crate::emit::single_file(found).map_err(Error::Internal)?;
    if std::fs::read_to_string(out_file).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(out_file, text).map_err(|e| {
            Error::Io(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", out_file.display()),
            ))
        })?;
    }
    Ok(out_file.to_path_buf())
}

/// [`service`], printing the diagnostics and exiting with status 1 on failure, for a build
/// script's `main`.
pub fn service_or_exit(spec_dir: impl AsRef<Path>, name: &str) -> PathBuf {
    match service(spec_dir, name) {
        Ok(path) => path,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
