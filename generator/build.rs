//! Fingerprints the generator's sources and templates for `src/write/fingerprint.rs`: a recorded
//! regeneration is only trusted by the same generator.

use std::fs;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

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
    let mut hash = Xxh3::new();
    for file in files {
        let contents = fs::read(&file).unwrap_or_default();
        // Each file's path (ended, so no path runs into its contents) and its length, then
        // its contents.
        hash.update(file.to_string_lossy().as_bytes());
        hash.update(&[0]);
        hash.update(&(contents.len() as u64).to_le_bytes());
        hash.update(&contents);
    }
    println!("cargo:rustc-env=SPECGEN_FINGERPRINT={:016x}", hash.digest());
}
