//! The writer never reads, writes, renames or deletes through a symlink below the output root.
//!
//! A symlink inside the output tree (say `generated/drs -> ~/.ssh`, committed by a hostile
//! change) would otherwise turn "write `generated/drs/Cargo.toml`" into a write outside the
//! tree, and `check` would print the outside file in its diff. Every existing component of a
//! path below the root is looked at without following it (`symlink_metadata`), before anything
//! is read or written; a symlink anywhere on the way fails the run with the path named.
//!
//! The root itself is where the user asked for output: it may be a symlink, or lie under one,
//! and it is followed. The check is made when a run is planned (so a run of several targets
//! stops before writing the first) and again under the output lock (see [`super::lock`]) just
//! before writing; another program swapping a directory for a symlink while the run writes is
//! not guarded against (that would need every write made relative to an open directory).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::with_path;

/// Checks paths below one output root, remembering the directories already found real.
pub(crate) struct NoSymlinks<'a> {
    root: &'a Path,
    real_dirs: HashSet<PathBuf>,
}

impl<'a> NoSymlinks<'a> {
    pub(crate) fn new(root: &'a Path) -> Self {
        NoSymlinks {
            root,
            real_dirs: HashSet::new(),
        }
    }

    /// `Err` when `relative` is not a plain relative path, or when any component of
    /// `root/relative` that exists is a symlink. Components from the first missing one on do
    /// not exist, so there is nothing below them to check.
    pub(crate) fn check(&mut self, relative: &Path) -> io::Result<()> {
        let count = relative.components().count();
        let mut current = self.root.to_path_buf();
        for (index, component) in relative.components().enumerate() {
            if !matches!(component, Component::Normal(_)) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{}: not a plain relative path; specgen writes only below the output directory",
                        relative.display()
                    ),
                ));
            }
            current.push(component);
            let is_dir = index + 1 < count;
            if is_dir && self.real_dirs.contains(&current) {
                continue;
            }
            match fs::symlink_metadata(&current) {
                Ok(metadata) if metadata.file_type().is_symlink() => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "{} is a symlink; specgen never writes through symlinks (replace it with a real {} or remove it)",
                            current.display(),
                            if is_dir { "directory" } else { "file" }
                        ),
                    ));
                }
                Ok(_) => {
                    if is_dir {
                        self.real_dirs.insert(current.clone());
                    }
                }
                Err(error)
                    if matches!(
                        error.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                    ) =>
                {
                    return Ok(());
                }
                Err(error) => return Err(with_path(error, &current)),
            }
        }
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn finds_a_symlink_at_any_depth_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::write(root.join("a/b/file.rs"), "").unwrap();
        symlink(root.join("a"), root.join("link")).unwrap();
        symlink(root.join("a/b/file.rs"), root.join("a/b/linked.rs")).unwrap();

        let mut guard = NoSymlinks::new(root);
        for fine in ["a/b/file.rs", "a/b/new.rs", "a/new/deeper/x.rs", "new.rs"] {
            guard.check(Path::new(fine)).unwrap();
        }
        for refused in ["link/b/file.rs", "link", "a/b/linked.rs"] {
            let error = guard.check(Path::new(refused)).unwrap_err().to_string();
            assert!(error.contains("is a symlink"), "{refused}: {error}");
        }
        for outside in ["../x.rs", "/etc/passwd", "./x.rs"] {
            let error = guard.check(Path::new(outside)).unwrap_err().to_string();
            assert!(
                error.contains("not a plain relative path"),
                "{outside}: {error}"
            );
        }
    }
}
