//! The names of the directories and files a spec directory is read from.
//!
//! Names end up in generated text: the header of every generated file names the spec file it
//! comes from, example programs are copied under their own names, and diagnostics print paths.
//! A name holding a newline would start a line of its own there (live Rust after a header
//! comment), and other controls can hide or reorder what a reader sees. So before any file is
//! read, every name the loader would read is checked to be plain: ASCII letters, digits, `_`,
//! `-` and `.`, not starting with `.` or `-`. The same walk counts each service's operation
//! files, so a directory of too many is refused before one of them is read.

use std::fs;
use std::path::{Path, PathBuf};

use super::limits::MAX_OPERATIONS_PER_SERVICE;
use super::load::{EXAMPLES_DIR, OPERATIONS_DIR, SERVICE_FILE};
use crate::diagnostics::{Code, Diagnostic};

/// A name that can be copied into generated text and paths as it is.
pub fn is_plain_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Problems with the names under `spec_dir` that the loader would read (service directories,
/// operation files, example programs) and with the number of operation files per service. A
/// directory that cannot be listed is left to the loader, which reports it.
pub fn check_spec_tree(spec_dir: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for dir in entries(spec_dir) {
        if !dir.join(SERVICE_FILE).is_file() {
            continue;
        }
        if !check_name(spec_dir, &dir, "directory", &mut out) {
            // Nothing inside is read, so nothing inside is reported.
            continue;
        }
        let operations_dir = dir.join(OPERATIONS_DIR);
        let operations = entries(&operations_dir);
        for path in &operations {
            check_name(&operations_dir, path, "file", &mut out);
        }
        if operations.len() > MAX_OPERATIONS_PER_SERVICE {
            out.push(
                Diagnostic::error(
                    Code::TooManyEntries,
                    &operations_dir,
                    "",
                    format!(
                        "{} operation files; at most {MAX_OPERATIONS_PER_SERVICE} are allowed in one service",
                        operations.len()
                    ),
                )
                .with_help("split the service, or see \"Limits\" in spec/README.md"),
            );
        }
        let examples_dir = dir.join(EXAMPLES_DIR);
        for path in entries(&examples_dir)
            .iter()
            .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        {
            check_name(&examples_dir, path, "file", &mut out);
        }
    }
    out
}

/// Reports `path`'s name, in `dir`, unless it is plain; true when it is.
fn check_name(dir: &Path, path: &Path, kind: &str, out: &mut Vec<Diagnostic>) -> bool {
    let name = path.file_name().unwrap_or_default();
    if name.to_str().is_some_and(is_plain_name) {
        return true;
    }
    let shown = escape(&name.to_string_lossy());
    out.push(
        Diagnostic::error(Code::FileNameNotPlain, dir, "", format!("{kind} name \"{shown}\" is not a plain name"))
            .with_help(
                "rename it with ASCII letters, digits, `_`, `-` and `.` (not first): the name is copied into generated files",
            ),
    );
    false
}

/// `name` with everything but printable ASCII written as `\u{...}`, so the message stays one
/// line that shows what is there.
fn escape(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            ' '..='~' if c != '\\' && c != '"' => c.to_string(),
            c => format!("\\u{{{:x}}}", c as u32),
        })
        .collect()
}

/// The entries of `dir`, sorted; none when it cannot be listed.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names() {
        for name in [
            "drs",
            "collect_db_objects_info.yaml",
            "a-b.rs",
            "_x",
            "V2.yaml",
        ] {
            assert!(is_plain_name(name), "{name}");
        }
        for name in [
            "",
            ".hidden.yaml",
            "-rf.yaml",
            "a\nfn main() {}.yaml",
            "a\r.yaml",
            "a b.yaml",
            "a\u{202e}b.yaml",
            "名前.yaml",
            "a/b",
            "a\\b",
            "a\"b",
        ] {
            assert!(!is_plain_name(name), "{name:?}");
        }
    }

    #[test]
    fn escaped_names_are_one_printable_line() {
        assert_eq!(
            escape("a\nb\u{202e}\"\\"),
            "a\\u{a}b\\u{202e}\\u{22}\\u{5c}"
        );
    }
}
