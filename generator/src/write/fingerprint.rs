//! Skipping a regeneration that would change nothing.
//!
//! After a full run, `generate` records in `<out>/.specgen-state` a hash of everything the run
//! depended on (the generator's own sources and templates, the target's settings, every file
//! under the spec directory) and a hash of every file it produced. The next run computes the
//! input hash first: when it matches and every produced file is still on disk unchanged (and no
//! other generated file has appeared), there is nothing to do, and the run ends without
//! rendering. `check` never takes this shortcut; it always compares everything.
//!
//! The shortcut only reads, so it is taken without the output lock (see `crate::write::lock`):
//! it passes only when every file read is what the record names, so a run writing meanwhile
//! makes it fail (and the full path, under the lock, decides) or finishes after it.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::diagnostics::Diagnostics;
use crate::output::Files;
use crate::target::{Runtime, Target};

/// The state file's name inside the output directory (git-ignored).
pub const STATE_FILE: &str = ".specgen-state";

/// A hash of the generator's sources and templates, computed by its build script: any change
/// to the generator invalidates every recorded state.
const GENERATOR: &str = env!("SPECGEN_FINGERPRINT");

/// What a run recorded.
#[derive(Debug, Serialize, Deserialize)]
pub struct State {
    inputs: String,
    files: BTreeMap<PathBuf, String>,
    warnings: Diagnostics,
}

/// The hash of everything a run of `target` depends on: the generator, the target's settings,
/// and each file under the spec directory (its path, then its contents' hash).
pub fn inputs_hash(target: &Target) -> io::Result<String> {
    let mut hash = Xxh3::new();
    hash.update(GENERATOR.as_bytes());
    let runtime = match &target.runtime {
        Runtime::Emit => String::new(),
        Runtime::At(path) => path.clone(),
    };
    let settings = format!(
        "{}\0{runtime}\0{:?}\0{}\0",
        target.label, target.operations_per_crate, target.call_examples
    );
    hash.update(settings.as_bytes());
    let mut files = Vec::new();
    walk(&target.spec, &mut files)?;
    files.sort();
    // Read on every core: a spec directory is hundreds of small files.
    let hashes = crate::parallel::map(&files, |file| hash_file(file));
    for (file, file_hash) in files.iter().zip(hashes) {
        hash.update(file.to_string_lossy().as_bytes());
        hash.update(&[0]);
        hash.update(&file_hash?.to_le_bytes());
    }
    Ok(format!("{:016x}", hash.digest()))
}

/// A file's hash, read a block at a time: a spec directory may hold a file far larger than
/// memory, or one without end (a device). One over the spec file limit gives no hash at all
/// (so no shortcut), read no further than the limit: the load that follows refuses it with a
/// located error.
fn hash_file(path: &Path) -> io::Result<u64> {
    const MIN_BLOCK: usize = 4 * 1024;
    const MAX_BLOCK: usize = 64 * 1024;
    use std::io::Read;
    let limit = crate::spec::limits::MAX_SPEC_FILE_BYTES;
    let too_large = || io::Error::other("larger than a spec file may be");
    let file = fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large());
    }
    let mut file = file.take(limit + 1);
    let mut hash = Xxh3::new();
    // A block the size of the usual file (one past it, to see the end in the same read): a
    // spec file is a few kilobytes, and zeroing 64 KiB for each was 2% of a generation.
    let block_size = usize::try_from(size.saturating_add(1))
        .map_or(MAX_BLOCK, |size| size.clamp(MIN_BLOCK, MAX_BLOCK));
    let mut block = vec![0; block_size];
    loop {
        match file.read(&mut block) {
            Ok(0) if file.limit() == 0 => return Err(too_large()),
            Ok(0) => return Ok(hash.digest()),
            Ok(read) => hash.update(&block[..read]),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}

fn file_hash(contents: &[u8]) -> String {
    format!("{:016x}", xxh3_64(contents))
}

/// The state of a finished run, to record.
pub fn state(inputs: String, files: &Files, warnings: &Diagnostics) -> State {
    State {
        inputs,
        // Hashed on every core: at a thousand operations the files are tens of megabytes.
        files: crate::parallel::map(&files.iter().collect::<Vec<_>>(), |(path, text)| {
            ((*path).clone(), file_hash(text.as_bytes()))
        })
        .into_iter()
        .collect(),
        warnings: warnings.clone(),
    }
}

/// Records `state` in `out`, replacing the file whole: a run reading it without the output
/// lock (the shortcut above) sees the old record or the new one.
pub fn save(out: &Path, state: &State) -> io::Result<()> {
    let text = serde_json::to_string(state).map_err(io::Error::other)?;
    crate::write::replace_file(&out.join(STATE_FILE), text.as_bytes())
}

/// The warnings of the recorded run, when `out` is exactly what that run left and the inputs
/// are unchanged; `None` when the output must be rendered and compared.
pub fn unchanged(out: &Path, inputs: &str) -> Option<Diagnostics> {
    let text = fs::read_to_string(out.join(STATE_FILE)).ok()?;
    let state: State = serde_json::from_str(&text).ok()?;
    if state.inputs != inputs {
        return None;
    }
    // Read on every core: at a thousand operations the files are tens of megabytes.
    let recorded: Vec<(&PathBuf, &String)> = state.files.iter().collect();
    let unchanged = crate::parallel::map(&recorded, |(path, hash)| {
        fs::read(out.join(path)).is_ok_and(|contents| file_hash(&contents) == **hash)
    });
    if !unchanged.into_iter().all(|same| same) {
        return None;
    }
    let on_disk = crate::write::generated_files_on_disk(out).ok()?;
    if on_disk.len() != state.files.len()
        || !on_disk.iter().all(|path| state.files.contains_key(path))
    {
        return None;
    }
    Some(state.warnings)
}
