//! Fingerprints the generator's sources and templates for `src/write/fingerprint.rs`: a recorded
//! regeneration is only trusted by the same generator.

use std::fs;
use std::path::{Path, PathBuf};

include!("src/write/fnv.rs");

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        walk(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hash = FNV_OFFSET;
    for file in files {
        hash = fnv1a(hash, file.to_string_lossy().as_bytes());
        hash = fnv1a(hash, &fs::read(&file).unwrap_or_default());
    }
    println!("cargo:rustc-env=SPECGEN_FINGERPRINT={hash:016x}");
}
