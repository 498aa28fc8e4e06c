//! Reading spec files from disk into [`types`](super::types), with located errors.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::limits::MAX_SPEC_FILE_BYTES;
use super::location::LazyLocations;
use super::types::{OperationSpec, ServiceSpec};
use super::yaml::{Refused, refuse_anchors};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Position};

/// The name of the file that describes a service, inside its directory.
pub const SERVICE_FILE: &str = "service.yaml";
/// The directory, inside a service directory, that holds one file per operation.
pub const OPERATIONS_DIR: &str = "operations";
/// The directory, inside a service directory, of hand-written example programs, copied into
/// the generated crate's `examples/`.
pub const EXAMPLES_DIR: &str = "examples";

/// A hand-written example program.
#[derive(Debug)]
pub struct ExampleProgram {
    /// File name, such as `collect_db_objects.rs`.
    pub file_name: String,
    /// Path relative to the spec directory's parent, for the header.
    pub origin: String,
    /// The program.
    pub text: String,
}

/// A parsed spec file with what is needed to point back into it.
#[derive(Debug)]
pub struct SourceFile<T> {
    /// The path as diagnostics print it (the spec directory as given, joined with the file).
    pub path: PathBuf,
    /// The path relative to the spec directory's parent, with `/` separators, as the headers of
    /// generated files name it: the same on every machine, whatever directory the run used.
    pub origin: String,
    /// The file's contents.
    pub spec: T,
    /// Positions of the file's keys, shared with the model (see `model::SpecSource`).
    pub locations: Arc<LazyLocations>,
}

impl<T> SourceFile<T> {
    /// An error of kind `code` about `field` of this file, located.
    pub fn error(&self, code: Code, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, &self.path, field, message).at(self.locations.find(field))
    }

    /// A warning of kind `code` about `field` of this file, located.
    pub fn warning(&self, code: Code, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(code, &self.path, field, message).at(self.locations.find(field))
    }
}

/// One service directory: its service file and its operation files, sorted by file name.
#[derive(Debug)]
pub struct ServiceFiles {
    /// `service.yaml`.
    pub service: SourceFile<ServiceSpec>,
    /// `operations/*.yaml`.
    pub operations: Vec<SourceFile<OperationSpec>>,
    /// `examples/*.rs`.
    pub examples: Vec<ExampleProgram>,
}

/// Every service under a spec directory, sorted by directory name.
#[derive(Debug)]
pub struct SpecFiles {
    /// The services.
    pub services: Vec<ServiceFiles>,
    /// Every file that was read, for `cargo:rerun-if-changed`.
    pub files_read: Vec<PathBuf>,
}

/// Loads every service under `spec_dir`. A directory without `service.yaml` is not a service
/// (it may hold documentation); everything that looks like a spec must parse, and all problems
/// of all files are reported together. Generated files name their source as `label` joined
/// with the file's path inside `spec_dir` (see `crate::target::spec_label`).
pub fn load_spec_dir(spec_dir: &Path, label: &str) -> Result<SpecFiles, Diagnostics> {
    let mut diagnostics = Vec::new();
    let mut services = Vec::new();
    let mut files_read = Vec::new();
    let origin_root = PathBuf::from(label);
    let bad_names = super::file_names::check_spec_tree(spec_dir);
    if !bad_names.is_empty() {
        return Err(Diagnostics(bad_names));
    }

    let service_dirs = match sorted_entries(spec_dir) {
        Ok(entries) => entries.into_iter().filter(|path| path.is_dir()),
        Err(error) => {
            return Err(Diagnostics(vec![Diagnostic::error(
                Code::CannotRead,
                spec_dir,
                "",
                format!("cannot read the spec directory: {error}"),
            )]));
        }
    };

    for dir in service_dirs.collect::<Vec<_>>() {
        let service_path = dir.join(SERVICE_FILE);
        if !service_path.is_file() {
            continue;
        }
        let origin = |path: &Path| {
            let relative = path.strip_prefix(spec_dir).unwrap_or(path);
            origin_root
                .join(relative)
                .to_string_lossy()
                .replace('\\', "/")
        };
        files_read.push(service_path.clone());
        let service = load_file::<ServiceSpec>(&service_path, origin(&service_path));

        let mut operations = Vec::new();
        let operations_dir = dir.join(OPERATIONS_DIR);
        if operations_dir.is_dir() {
            match sorted_entries(&operations_dir) {
                Ok(entries) => {
                    let mut yaml_files = Vec::new();
                    for path in entries {
                        match path.extension().and_then(|e| e.to_str()) {
                            Some("yaml") => {
                                files_read.push(path.clone());
                                let origin = origin(&path);
                                yaml_files.push((path, origin));
                            }
                            Some("yml") => diagnostics.push(
                                Diagnostic::error(
                                    Code::StrayFile,
                                    &path,
                                    "",
                                    "operation files end in `.yaml`",
                                )
                                .with_help("rename the file so the generator reads it"),
                            ),
                            _ => diagnostics.push(
                                Diagnostic::error(
                                    Code::StrayFile,
                                    &path,
                                    "",
                                    "not an operation spec",
                                )
                                .with_help("only `.yaml` operation files belong in `operations/`"),
                            ),
                        }
                    }
                    for loaded in load_all(yaml_files) {
                        match loaded {
                            Ok(file) => operations.push(file),
                            Err(error) => diagnostics.push(*error),
                        }
                    }
                }
                Err(error) => diagnostics.push(Diagnostic::error(
                    Code::CannotRead,
                    &operations_dir,
                    "",
                    format!("cannot read the directory: {error}"),
                )),
            }
        }

        let mut examples = Vec::new();
        let examples_dir = dir.join(EXAMPLES_DIR);
        if examples_dir.is_dir() {
            let entries = sorted_entries(&examples_dir).unwrap_or_default();
            for path in entries
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            {
                files_read.push(path.clone());
                match read_spec_text(&path) {
                    Ok(text) => examples.push(ExampleProgram {
                        file_name: path
                            .file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                        origin: origin(&path),
                        text,
                    }),
                    Err(error) => diagnostics.push(*error),
                }
            }
        }

        match service {
            Ok(service) => services.push(ServiceFiles {
                service,
                operations,
                examples,
            }),
            Err(error) => diagnostics.push(*error),
        }
    }

    if diagnostics.is_empty() {
        Ok(SpecFiles {
            services,
            files_read,
        })
    } else {
        let mut diagnostics = Diagnostics(diagnostics);
        diagnostics.sort();
        Err(diagnostics)
    }
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

/// Reads and parses operation files on every core (a service may have a thousand), keeping
/// their order. Workers take the next file from a shared queue (`parallel::map`), so a worker
/// that the machine slows down does not hold up a fixed half of the files.
fn load_all(
    files: Vec<(PathBuf, String)>,
) -> Vec<Result<SourceFile<OperationSpec>, Box<Diagnostic>>> {
    crate::parallel::map(&files, |(path, origin)| load_file(path, origin.clone()))
}

/// Reads and parses one file.
pub fn load_file<T: DeserializeOwned>(
    path: &Path,
    origin: String,
) -> Result<SourceFile<T>, Box<Diagnostic>> {
    let text = read_spec_text(path)?;
    parse_text(path, origin, &text)
}

/// Reads a file of the spec directory, refusing one over [`MAX_SPEC_FILE_BYTES`] before its
/// contents take any memory: the size on disk is checked first, then at most one byte more
/// than the limit is read (a file that is not a regular file, or one that grows meanwhile,
/// has no trustworthy size).
fn read_spec_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let cannot_read = |error: std::io::Error| {
        Diagnostic::error(
            Code::CannotRead,
            path,
            "",
            format!("cannot read the file: {error}"),
        )
    };
    let file = fs::File::open(path).map_err(|error| Box::new(cannot_read(error)))?;
    let size = file
        .metadata()
        .map_err(|error| Box::new(cannot_read(error)))?
        .len();
    if size > MAX_SPEC_FILE_BYTES {
        return Err(Box::new(too_large(path, size)));
    }
    // The size on disk is the usual size of the text: one allocation, as `fs::read_to_string`.
    let mut text = String::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_SPEC_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|error| Box::new(cannot_read(error)))?;
    let read = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if read > MAX_SPEC_FILE_BYTES {
        return Err(Box::new(too_large(path, read)));
    }
    Ok(text)
}

/// The diagnostic for a file over [`MAX_SPEC_FILE_BYTES`], at its start.
fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        path,
        "",
        format!(
            "the file is too large: {size} bytes, over the limit of {MAX_SPEC_FILE_BYTES} bytes ({} MiB) for a spec file",
            MAX_SPEC_FILE_BYTES / (1024 * 1024)
        ),
    )
    .at(Some(Position { line: 1, column: 1 }))
    .with_help("a spec file describes one API page (real ones are under 10 KB): check that this is the file meant")
}

/// Parses spec text; `path` only names the file in diagnostics. Anchors and aliases are
/// refused before serde_yaml reads the text (see `refuse_anchors`).
pub fn parse_text<T: DeserializeOwned>(
    path: &Path,
    origin: String,
    text: &str,
) -> Result<SourceFile<T>, Box<Diagnostic>> {
    if let Err(refused) = refuse_anchors(text) {
        return Err(Box::new(refusal(path, refused)));
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(spec) => Ok(SourceFile {
            path: path.to_path_buf(),
            origin,
            spec,
            locations: Arc::new(LazyLocations::new(text.to_owned())),
        }),
        Err(error) => Err(Box::new(yaml_error(path, &error))),
    }
}

/// The diagnostic for a text refused before deserialization.
fn refusal(path: &Path, refused: Refused) -> Diagnostic {
    match refused {
        Refused::Anchor(anchor) => {
            let which = if anchor.alias {
                "an alias (`*name`)"
            } else {
                "an anchor (`&name`)"
            };
            Diagnostic::error(
                Code::AliasRefused,
                path,
                anchor.field,
                "anchors and aliases are not allowed in spec files",
            )
            .at(Some(anchor.position))
            .with_help(format!(
                "found {which} here; write the value out in full where it is used (the spec format never needs them, and expanding aliases can take any amount of memory)"
            ))
        }
        Refused::Syntax(error) => yaml_error(path, &error),
        Refused::Unchecked(failure) => Diagnostic::error(
            Code::YamlParsersDisagree,
            path,
            "",
            format!(
                "cannot check this YAML for anchors and aliases: {}",
                failure.message
            ),
        )
        .at(Some(failure.position))
        .with_help("the loader reads spec files with two YAML parsers, and they must agree; fix what the message names (most often a tab where YAML wants a space)"),
    }
}

/// Turns a serde_yaml error into a diagnostic: the position moves out of the message into the
/// diagnostic's own place, and an unknown key or value gets the closest known one as help.
fn yaml_error(path: &Path, error: &serde_yaml::Error) -> Diagnostic {
    let text = error.to_string();
    let position = error.location().map(|location| Position {
        line: location.line(),
        column: location.column(),
    });
    let message = match position {
        Some(Position { line, column }) => {
            text.replacen(&format!(" at line {line} column {column}"), "", 1)
        }
        None => text.clone(),
    };
    let message = message.as_str();
    // serde_yaml prefixes errors inside nested values with their YAML path (`request.body: ...`).
    let (field, message) = match message.split_once(": ") {
        Some((field, rest)) if !field.contains(' ') && !field.contains('`') => (field, rest),
        _ => ("", message),
    };
    let diagnostic = Diagnostic::error(yaml_code(message), path, field, message).at(position);
    match did_you_mean(message) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic,
    }
}

/// The kind of a serde_yaml error, told by its message: serde_yaml has no error kinds of its own,
/// and the messages of serde and of [`super::yaml`] are fixed texts.
fn yaml_code(message: &str) -> Code {
    let starts = |prefix: &str| message.starts_with(prefix);
    if starts("unknown field") {
        Code::UnknownKey
    } else if starts("unknown variant") {
        Code::UnknownValue
    } else if starts("missing field") {
        Code::MissingKey
    } else if starts("duplicate key") || starts("duplicate entry") || starts("duplicate field") {
        Code::DuplicateKey
    } else if message.contains("values sent on the wire are strings")
        || starts("an empty or `null` value is not a string")
    {
        Code::UnquotedWireValue
    } else if starts("invalid type") || starts("invalid value") || starts("invalid length") {
        Code::WrongValueType
    } else {
        Code::YamlSyntax
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (and the same for variants), the
/// expected name closest to the unknown one, if any is close.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (unknown, expected) = rest.split_once('`')?;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_key() {
        assert_eq!(
            did_you_mean("unknown field `metod`, expected one of `id`, `method`, `path`")
                .as_deref(),
            Some("method")
        );
        assert_eq!(
            did_you_mean("unknown variant `strng`, expected one of `string`, `integer`").as_deref(),
            Some("string")
        );
        assert_eq!(did_you_mean("unknown field `zzz`, expected `id`"), None);
        assert_eq!(did_you_mean("missing field `id`"), None);
    }
}
