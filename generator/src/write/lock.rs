//! One run at a time per output directory.
//!
//! A run compares the tree with what the specs produce, then writes the difference; another run
//! writing the same directory in between would make that difference wrong (and the two would
//! remove each other's staged files). So `generate` holds an exclusive lock on
//! `<out>/.specgen.lock` from before it reads the tree until its record for the next run is
//! saved, and `check` holds a shared one while it compares, so it never sees half a run. A run
//! that finds the lock taken says so, then waits for it.
//!
//! The lock is the operating system's (`flock` on Unix, `LockFileEx` on Windows, through the
//! `fs4` crate: std's `File::lock` is newer than the declared minimum Rust version): it is released when the holder exits, however it exits, so a crashed
//! run never leaves the directory locked. The lock file itself stays (deleting it would let
//! a waiting run and a new one lock two different files); it is empty, never carries the
//! generated-file header, so the stale-file cleanup never removes it, and is git-ignored.

use std::fs::{self, File, OpenOptions};

// Called as `FileExt::try_lock(&file)`: std's inherent methods of the same names would win a
// method call, and they need Rust 1.89.
use fs4::{FileExt, TryLockError};
use std::io;
use std::path::Path;

use super::no_symlinks::NoSymlinks;
use super::with_path;

/// The lock file's name inside the output directory.
pub const LOCK_FILE: &str = ".specgen.lock";

/// A lock on one output directory, released when dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// The line a run prints when another run holds the lock at `lock_file`.
pub fn waiting_note(lock_file: &Path) -> String {
    format!(
        "note: waiting for another specgen run to finish with {} (it holds {})",
        lock_file.parent().unwrap_or(lock_file).display(),
        lock_file.display()
    )
}

/// Locks `out_dir` for writing, creating it and its lock file when missing. When another run
/// holds the lock, calls `on_wait` with the lock file's path, then waits.
pub fn exclusive(out_dir: &Path, on_wait: impl FnOnce(&Path)) -> io::Result<OutputLock> {
    fs::create_dir_all(out_dir).map_err(|e| with_path(e, out_dir))?;
    NoSymlinks::new(out_dir).check(Path::new(LOCK_FILE))?;
    let path = out_dir.join(LOCK_FILE);
    // Never truncated: the file's contents mean nothing, only its lock does.
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| with_path(e, &path))?;
    match FileExt::try_lock(&file) {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait(&path);
            FileExt::lock(&file).map_err(|e| with_path(e, &path))?;
        }
        Err(TryLockError::Error(error)) => return Err(with_path(error, &path)),
    }
    Ok(OutputLock { _file: file })
}

/// Locks `out_dir` for reading when a run has ever locked it for writing; creates nothing
/// (`check` writes nothing, and a directory no run has written has no run to wait for).
pub fn shared(out_dir: &Path, on_wait: impl FnOnce(&Path)) -> io::Result<Option<OutputLock>> {
    NoSymlinks::new(out_dir).check(Path::new(LOCK_FILE))?;
    let path = out_dir.join(LOCK_FILE);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(error)
            if matches!(
                error.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(None);
        }
        Err(error) => return Err(with_path(error, &path)),
    };
    match FileExt::try_lock_shared(&file) {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait(&path);
            FileExt::lock_shared(&file).map_err(|e| with_path(e, &path))?;
        }
        Err(TryLockError::Error(error)) => return Err(with_path(error, &path)),
    }
    Ok(Some(OutputLock { _file: file }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let first = exclusive(&out, |_| panic!("nobody holds it yet")).unwrap();
        assert!(out.join(LOCK_FILE).is_file());

        let (told, waiting) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                exclusive(&out, move |path| told.send(path.to_owned()).unwrap()).unwrap()
            });
            // Blocks until the second run has found the lock taken and said so.
            assert_eq!(waiting.recv().unwrap(), out.join(LOCK_FILE));
            drop(first);
            drop(second.join().unwrap());
        });
        assert!(
            shared(&out, |_| panic!("nobody holds it"))
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn a_shared_lock_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(shared(&out, |_| unreachable!()).unwrap().is_none());
        assert!(!out.exists());
    }
}
