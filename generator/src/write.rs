//! Stage 4: comparing generated files with the output directory, and writing only what changed.
//!
//! Unchanged files are not touched, so their modification times stay and cargo rebuilds
//! nothing. Changed files are first written to temporary files beside their targets; only when
//! every one of them is written are they renamed into place, so a failure (a full disk, a
//! permission error) leaves the previous tree as it was. Files that carry the generated-file
//! header but are no longer produced are removed; nothing without that header is ever touched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::{Files, GENERATED_MARKER};

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// New file.
    Added,
    /// Contents differ.
    Changed,
    /// Generated earlier, no longer produced.
    Removed,
}

/// One file that differs between the output directory and what the specs produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Path relative to the output directory.
    pub path: PathBuf,
    /// Added, changed or removed.
    pub kind: ChangeKind,
    /// Contents on disk now (empty when added).
    pub old: String,
    /// Contents the specs produce (empty when removed).
    pub new: String,
}

impl Change {
    /// `+N -M` line counts of the change.
    pub fn line_counts(&self) -> (usize, usize) {
        let diff = TextDiff::from_lines(&self.old, &self.new);
        let mut added = 0;
        let mut removed = 0;
        for change in diff.iter_all_changes() {
            match change.tag() {
                similar::ChangeTag::Insert => added += 1,
                similar::ChangeTag::Delete => removed += 1,
                similar::ChangeTag::Equal => {}
            }
        }
        (added, removed)
    }

    /// The source the generated file names in its header (`spec/drs/service.yaml`).
    pub fn source(&self) -> Option<&str> {
        let text = if self.new.is_empty() {
            &self.old
        } else {
            &self.new
        };
        let first_line = text.lines().next()?;
        let (_, rest) = first_line.split_once(crate::emit::GENERATED_MARKER)?;
        Some(
            rest.trim()
                .split(". Do not edit")
                .next()
                .unwrap_or("")
                .trim_end_matches('.'),
        )
    }

    /// A unified diff of the change, with paths as `a/...` and `b/...` under `out_dir`.
    pub fn unified_diff(&self, out_dir: &Path) -> String {
        let path = out_dir
            .join(&self.path)
            .display()
            .to_string()
            .replace('\\', "/");
        TextDiff::from_lines(&self.old, &self.new)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
            .to_string()
    }
}

/// Every difference between `out_dir` and `files`, in path order.
pub fn plan(out_dir: &Path, files: &Files) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for (path, new) in files {
        match fs::read(out_dir.join(path)) {
            Ok(old) if old == new.as_bytes() => {}
            Ok(old) => changes.push(Change {
                path: path.clone(),
                kind: ChangeKind::Changed,
                old: String::from_utf8_lossy(&old).into_owned(),
                new: new.clone(),
            }),
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                changes.push(Change {
                    path: path.clone(),
                    kind: ChangeKind::Added,
                    old: String::new(),
                    new: new.clone(),
                })
            }
            Err(error) => return Err(with_path(error, &out_dir.join(path))),
        }
    }
    for path in generated_files_on_disk(out_dir)? {
        if !files.contains_key(&path) {
            let old = fs::read_to_string(out_dir.join(&path)).unwrap_or_default();
            changes.push(Change {
                path,
                kind: ChangeKind::Removed,
                old,
                new: String::new(),
            });
        }
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(changes)
}

/// Applies `changes` to `out_dir` (see the module docs for the order of steps).
pub fn apply(out_dir: &Path, changes: &[Change]) -> io::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut stage_all = || -> io::Result<()> {
        for change in changes.iter().filter(|c| c.kind != ChangeKind::Removed) {
            let target = out_dir.join(&change.path);
            let parent = target.parent().unwrap_or(out_dir);
            fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
            let file_name = target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let temporary = parent.join(format!(".{file_name}.specgen-tmp"));
            fs::write(&temporary, &change.new).map_err(|e| with_path(e, &temporary))?;
            staged.push((temporary, target));
        }
        Ok(())
    };
    if let Err(error) = stage_all() {
        for (temporary, _) in &staged {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, target) in &staged {
        fs::rename(temporary, target).map_err(|e| with_path(e, target))?;
    }
    for change in changes.iter().filter(|c| c.kind == ChangeKind::Removed) {
        let target = out_dir.join(&change.path);
        fs::remove_file(&target).map_err(|e| with_path(e, &target))?;
        remove_empty_parents(out_dir, &target);
    }
    Ok(())
}

/// Paths (relative to `out_dir`) of files whose first line is a generated-file header.
pub(crate) fn generated_files_on_disk(out_dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    if !out_dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![out_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| with_path(e, &dir))? {
            let entry = entry?;
            let path = entry.path();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                // Build output never lives in generated crates, but a stray `target/` must not
                // be scanned file by file.
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if file_type.is_file() && has_generated_header(&path) {
                found.push(path.strip_prefix(out_dir).unwrap_or(&path).to_path_buf());
            }
        }
    }
    found.sort();
    Ok(found)
}

fn has_generated_header(path: &Path) -> bool {
    use io::Read;
    let mut start = [0u8; 256];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let read = file.read(&mut start).unwrap_or(0);
    let first_line = start[..read]
        .split(|b| *b == b'\n')
        .next()
        .unwrap_or_default();
    String::from_utf8_lossy(first_line).contains(GENERATED_MARKER)
}

fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == out_dir || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn files(entries: &[(&str, &str)]) -> Files {
        entries
            .iter()
            .map(|(p, c)| (PathBuf::from(p), (*c).to_owned()))
            .collect()
    }

    fn marked(body: &str) -> String {
        format!("// {GENERATED_MARKER} x.\n{body}")
    }

    #[test]
    fn writes_only_changes_and_removes_only_generated_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let first = files(&[
            ("a/keep.rs", &marked("1")),
            ("a/old.rs", &marked("2")),
            ("b/edit.rs", &marked("3")),
        ]);
        apply(out, &plan(out, &first).unwrap()).unwrap();
        fs::write(out.join("a/hand-written.rs"), "mine").unwrap();

        let old_time = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(out.join("a/keep.rs"))
            .unwrap()
            .set_modified(old_time)
            .unwrap();

        let second = files(&[
            ("a/keep.rs", &marked("1")),
            ("b/edit.rs", &marked("33")),
            ("c/new.rs", &marked("4")),
        ]);
        let changes = plan(out, &second).unwrap();
        let kinds: Vec<_> = changes
            .iter()
            .map(|c| (c.path.to_str().unwrap(), c.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a/old.rs", ChangeKind::Removed),
                ("b/edit.rs", ChangeKind::Changed),
                ("c/new.rs", ChangeKind::Added)
            ]
        );
        apply(out, &changes).unwrap();

        assert!(plan(out, &second).unwrap().is_empty());
        assert_eq!(
            fs::metadata(out.join("a/keep.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            old_time
        );
        assert_eq!(
            fs::read_to_string(out.join("a/hand-written.rs")).unwrap(),
            "mine"
        );
        assert!(!out.join("a/old.rs").exists());
    }

    #[test]
    fn a_failed_write_leaves_the_tree_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        apply(
            out,
            &plan(out, &files(&[("a/x.rs", &marked("old"))])).unwrap(),
        )
        .unwrap();
        // A file where a directory must go makes staging `z/y.rs` fail after `a/x.rs` is staged.
        fs::write(out.join("z"), "blocker").unwrap();
        let next = files(&[("a/x.rs", &marked("new")), ("z/y.rs", &marked("new"))]);
        assert!(apply(out, &plan(out, &next).unwrap()).is_err());
        assert_eq!(
            fs::read_to_string(out.join("a/x.rs")).unwrap(),
            marked("old")
        );
        let leftovers: Vec<_> = fs::read_dir(out.join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["x.rs"]);
    }

    #[test]
    fn diffs_are_unified_with_counts() {
        let change = Change {
            path: "x.rs".into(),
            kind: ChangeKind::Changed,
            old: "a\nb\n".into(),
            new: "a\nc\n".into(),
        };
        assert_eq!(change.line_counts(), (1, 1));
        assert!(
            change
                .unified_diff(Path::new("generated"))
                .contains("-b\n+c\n")
        );
    }
}
