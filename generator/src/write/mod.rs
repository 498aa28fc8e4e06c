//! Stage 4: comparing generated files with the output directory, and writing only what changed.
//!
//! Unchanged files are not touched, so their modification times stay and cargo rebuilds
//! nothing. Changed files are first written to temporary files beside their targets (named
//! after the file, the process and a counter, so no two runs or threads share one; written on
//! every core); only when every one of them is written are they renamed into place, so a failure (a full disk, a
//! permission error) leaves the previous tree as it was. Files whose first line is the whole
//! generated-file header (see [`crate::output::header_origin`]) but are no longer produced are
//! removed; nothing else is ever touched.
//!
//! Nothing is read, written, renamed or removed through a symlink inside the output tree
//! (`no_symlinks`: the run fails naming the link, before anything is written; the output
//! root itself may be a symlink), and a run holds the output directory's `lock` from before
//! it reads the tree until it has written it, so concurrent runs take turns.

pub mod fingerprint;
pub(crate) mod lock;
pub(crate) mod no_symlinks;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use similar::TextDiff;

use crate::output::{Files, header_origin};
use no_symlinks::NoSymlinks;

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
        // A new file is all additions, a removed one all removals: no diff to compute (a fresh
        // output directory is nothing but new files).
        if self.old.is_empty() || self.new.is_empty() {
            return (line_count(&self.new), line_count(&self.old));
        }
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
        header_origin(text.lines().next()?)
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

/// Every difference between `out_dir` and `files`, in path order. Fails when a path of `files`
/// goes through a symlink inside `out_dir` (see `no_symlinks`), before reading it.
pub fn plan(out_dir: &Path, files: &Files) -> io::Result<Vec<Change>> {
    refuse_symlinks(out_dir, files.keys().map(PathBuf::as_path))?;
    // Read on every core: a no-op regeneration reads every file.
    let listed: Vec<(&PathBuf, &String)> = files.iter().collect();
    let compared = crate::parallel::map(&listed, |&(path, new)| {
        Ok(match fs::read(out_dir.join(path)) {
            Ok(old) if old == new.as_bytes() => None,
            Ok(old) => Some(Change {
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
                Some(Change {
                    path: path.clone(),
                    kind: ChangeKind::Added,
                    old: String::new(),
                    new: new.clone(),
                })
            }
            Err(error) => return Err(with_path(error, &out_dir.join(path))),
        })
    });
    let mut changes = Vec::new();
    for change in compared {
        changes.extend(change?);
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

/// Fails, naming the link, when a path of `paths` (relative to `out_dir`) goes through a
/// symlink inside `out_dir` (see `no_symlinks`).
pub fn refuse_symlinks<'a>(
    out_dir: &Path,
    paths: impl IntoIterator<Item = &'a Path>,
) -> io::Result<()> {
    let mut no_symlinks = NoSymlinks::new(out_dir);
    paths
        .into_iter()
        .try_for_each(|path| no_symlinks.check(path))
}

/// Applies `changes` to `out_dir` (see the module docs for the order of steps), after checking
/// that none of them goes through a symlink. The caller holds the directory's
/// `lock::exclusive` from before `plan` until this returns.
pub fn apply(out_dir: &Path, changes: &[Change]) -> io::Result<()> {
    refuse_symlinks(out_dir, changes.iter().map(|c| c.path.as_path()))?;
    // Staged and renamed on every core; every file is staged before the first rename.
    let written: Vec<&Change> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Removed)
        .collect();
    // Each directory once (a crate's operations share one), in path order, before any file.
    let parents: BTreeSet<PathBuf> = written
        .iter()
        .map(|change| {
            let target = out_dir.join(&change.path);
            target.parent().unwrap_or(out_dir).to_path_buf()
        })
        .collect();
    for parent in &parents {
        fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    }
    let staged = crate::parallel::map(&written, |change| {
        let target = out_dir.join(&change.path);
        let temporary = temporary_beside(&target);
        write_new(&temporary, change.new.as_bytes())?;
        Ok((temporary, target))
    });
    // The first failure in path order is the one reported; every staged file is removed.
    let mut first_error = None;
    let mut ready = Vec::with_capacity(staged.len());
    for result in staged {
        match result {
            Ok(paths) => ready.push(paths),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    if let Some(error) = first_error {
        for (temporary, _) in &ready {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    let staged = ready;
    let renamed = crate::parallel::map(&staged, |(temporary, target)| {
        fs::rename(temporary, target).map_err(|e| with_path(e, target))
    });
    renamed.into_iter().collect::<io::Result<()>>()?;
    for change in changes.iter().filter(|c| c.kind == ChangeKind::Removed) {
        let target = out_dir.join(&change.path);
        fs::remove_file(&target).map_err(|e| with_path(e, &target))?;
        remove_empty_parents(out_dir, &target);
    }
    Ok(())
}

/// Writes `contents` to `path` beside `target`, then renames it over `target`: a reader sees the
/// old file or the new one, never half of one, and a symlink at `target` is replaced, not
/// followed. For files outside the staged set, such as the record of a run.
pub(crate) fn replace_file(target: &Path, contents: &[u8]) -> io::Result<()> {
    let temporary = temporary_beside(target);
    write_new(&temporary, contents)?;
    fs::rename(&temporary, target).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        with_path(e, target)
    })
}

/// A name beside `target` that no other run or thread uses: `.<name>.<pid>-<n>.specgen-tmp`.
/// A crashed run's staged files carry the generated header, so the next run removes them.
fn temporary_beside(target: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = format!(
        ".{file_name}.{}-{}.specgen-tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    target.with_file_name(unique)
}

/// Creates `path`, which must not exist (never a file or symlink someone put there), with
/// `contents`.
fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    use io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| with_path(e, path))?;
    file.write_all(contents).map_err(|e| {
        let _ = fs::remove_file(path);
        with_path(e, path)
    })
}

/// Paths (relative to `out_dir`) of files whose first line is a generated-file header. Symlinks
/// are never followed: a symlinked directory is not walked into, a symlink is never listed.
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

/// Whether the first line of `path` is a whole generated-file header, as [`crate::output::header`]
/// writes it, ending in a newline within the first [`HEADER_READ`] bytes.
fn has_generated_header(path: &Path) -> bool {
    use io::Read;
    let mut start = Vec::with_capacity(HEADER_READ as usize);
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if file.take(HEADER_READ).read_to_end(&mut start).is_err() {
        return false;
    }
    let Some(end) = start.iter().position(|b| *b == b'\n') else {
        return false;
    };
    std::str::from_utf8(&start[..end]).is_ok_and(|line| header_origin(line).is_some())
}

/// How much of a file is read for its header: headers name a spec file, so a few hundred bytes.
const HEADER_READ: u64 = 4096;

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

/// How many lines `similar` splits `text` into: each ends at `\n`, `\r\n` or a lone `\r`,
/// and a last one may end at the end of the text.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let open_end = usize::from(!text.is_empty() && !text.ends_with(['\n', '\r']));
    // Generated text has no `\r`: then the lines are the `\n`s, counted in one pass.
    if memchr::memchr(b'\r', bytes).is_none() {
        return memchr::memchr_iter(b'\n', bytes).count() + open_end;
    }
    let mut count = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => count += 1,
            b'\r' => {
                count += 1;
                if bytes.get(index + 1) == Some(&b'\n') {
                    index += 1;
                }
            }
            _ => {}
        }
        index += 1;
    }
    count + open_end
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
        format!("{}{body}", crate::output::header("//", "x"))
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
    fn only_a_whole_header_line_marks_a_generated_file() {
        let dir = tempfile::tempdir().unwrap();
        let long_origin = format!("spec/{}.yaml", "x".repeat(300));
        let header = crate::output::header("//", "spec/drs/service.yaml");
        let line = header.trim_end();
        let cases = [
            (header.clone(), true),
            (
                crate::output::header("#", "generator/templates/core/Cargo.toml.in"),
                true,
            ),
            (crate::output::header("//", &long_origin), true),
            (format!("{header}fn main() {{}}\n"), true),
            (line.to_owned(), false),
            (format!("{line} And edited.\n"), false),
            (format!("/{header}"), false),
            (format!("// x {}\n", &line[3..]), false),
            (
                "// Generated by specgen from spec/drs/service.yaml.\n".to_owned(),
                false,
            ),
            (format!("\n{header}"), false),
        ];
        for (index, (text, generated)) in cases.iter().enumerate() {
            let path = dir.path().join(format!("{index}.rs"));
            fs::write(&path, text).unwrap();
            assert_eq!(has_generated_header(&path), *generated, "{text:?}");
        }
        let change = Change {
            path: "x.rs".into(),
            kind: ChangeKind::Removed,
            old: crate::output::header("//", &long_origin),
            new: String::new(),
        };
        assert_eq!(change.source(), Some(long_origin.as_str()));
    }

    proptest::proptest! {
        /// A file added or removed is counted as the diff would count it, line endings of
        /// every kind and a last line without one included.
        #[test]
        fn added_and_removed_files_count_as_their_diff(text in "(a|\\n|\\r\\n|\\r| ){0,40}") {
            for (old, new) in [(String::new(), text.clone()), (text.clone(), String::new())] {
                let diff = TextDiff::from_lines(&old, &new);
                let count = |tag| diff.iter_all_changes().filter(|c| c.tag() == tag).count();
                let expected = (count(similar::ChangeTag::Insert), count(similar::ChangeTag::Delete));
                let change = Change { path: "x.rs".into(), kind: ChangeKind::Added, old, new };
                proptest::prop_assert_eq!(change.line_counts(), expected);
            }
        }
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
