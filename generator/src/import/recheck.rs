//! `specgen import --check`: every imported spec against a fresh import of its page.
//!
//! Each spec with a `source:` is imported again in memory from the page its `source.file`
//! names (found under the page roots), as it was imported: with the spec's `id` and `doc_url`
//! (what `--id`/`--doc` gave), or, for a service imported as a whole reference (it has an ids
//! file, `import-ids.yaml`), by the same bulk import of every page that file lists. The
//! import's value tree is then compared with the committed spec's ([`super::edits::review`]):
//! a departure its `edits` records is a reviewed edit; anything else is an error, located in
//! the spec file. Nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::bulk::{PageFacts, plan_all, read_ids};
use super::edits::{Problem, format_path, parse_path, review};
use super::{ImportOptions, import_page};
use crate::diagnostics::{Code, Diagnostic};
use crate::spec::SourceFile;
use crate::spec::load::load_file;
use crate::spec::types::{EditSpec, OperationSpec, ServiceSpec};

/// The ids file of a service imported as a whole reference.
pub const IDS_FILE: &str = "import-ids.yaml";

/// What checking one spec found.
#[derive(Debug)]
pub struct SpecCheck {
    /// The spec file.
    pub file: PathBuf,
    /// The page it was compared with, when found.
    pub page: Option<PathBuf>,
    /// Departures recorded in `edits`: (the edit, the import's value, the spec's value).
    pub reviewed: Vec<(EditSpec, Option<Value>, Option<Value>)>,
    /// Everything else: departures no edit records, stale edits, edits the page changed
    /// under, pages not found or not imported.
    pub errors: Vec<Diagnostic>,
    /// The unified diff from the import's text to the committed text, when there are errors
    /// about departures.
    pub diff: Option<String>,
}

impl SpecCheck {
    fn failed(file: &Path, error: Diagnostic) -> Self {
        SpecCheck {
            file: file.to_path_buf(),
            page: None,
            reviewed: Vec::new(),
            errors: vec![error],
            diff: None,
        }
    }
}

/// Checks the specs under `inputs` (spec directories, service directories or operation spec
/// files) against their pages, found by file name under `page_roots`. Specs without a
/// `source:` were not imported and are left out.
pub fn check_specs(inputs: &[PathBuf], page_roots: &[PathBuf]) -> Result<Vec<SpecCheck>, String> {
    // Operation files to check, by service directory.
    let mut services: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for input in inputs {
        if input.is_file() {
            let service = input
                .parent()
                .and_then(Path::parent)
                .ok_or_else(|| format!("{}: not in `<service>/operations/`", input.display()))?;
            services
                .entry(service.to_path_buf())
                .or_default()
                .insert(input.clone());
        } else if input.join(crate::spec::SERVICE_FILE).is_file() {
            services
                .entry(input.clone())
                .or_default()
                .extend(operation_files(input)?);
        } else if input.is_dir() {
            for entry in sorted_entries(input)? {
                if entry.join(crate::spec::SERVICE_FILE).is_file() {
                    services
                        .entry(entry.clone())
                        .or_default()
                        .extend(operation_files(&entry)?);
                }
            }
        } else {
            return Err(format!("{}: no such file or directory", input.display()));
        }
    }
    let pages = PageIndex::build(page_roots)?;
    let mut out = Vec::new();
    for (service_dir, files) in services {
        let imported: Vec<(PathBuf, SourceFile<OperationSpec>)> = files
            .iter()
            .filter_map(
                |file| match load_file::<OperationSpec>(file, String::new()) {
                    Ok(spec) if spec.spec.source.is_some() => Some(Ok((file.clone(), spec))),
                    Ok(_) => None,
                    Err(error) => Some(Err(SpecCheck::failed(file, *error))),
                },
            )
            .filter_map(|r| match r {
                Ok(x) => Some(x),
                Err(failed) => {
                    out.push(failed);
                    None
                }
            })
            .collect();
        if imported.is_empty() {
            continue;
        }
        if service_dir.join(IDS_FILE).is_file() {
            out.extend(check_bulk(&service_dir, &imported, &pages)?);
        } else {
            for (file, spec) in &imported {
                out.push(check_one(&service_dir, file, spec, &pages));
            }
        }
    }
    Ok(out)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    Ok(entries)
}

fn operation_files(service_dir: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = service_dir.join(crate::spec::OPERATIONS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(sorted_entries(&dir)?
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("yaml"))
        .collect())
}

fn service_name(service_dir: &Path) -> String {
    service_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every page file under the roots, by file name.
struct PageIndex {
    by_name: BTreeMap<String, Vec<PathBuf>>,
    roots: Vec<PathBuf>,
}

impl PageIndex {
    fn build(roots: &[PathBuf]) -> Result<Self, String> {
        let mut by_name: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        let existing: Vec<PathBuf> = roots.iter().filter(|r| r.is_dir()).cloned().collect();
        if !existing.is_empty() {
            for page in super::bulk::page_files(&existing)? {
                let name = page
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                by_name.entry(name).or_default().push(page);
            }
        }
        Ok(PageIndex {
            by_name,
            roots: roots.to_vec(),
        })
    }

    /// The page named `name` of `service`: of several pages of that name, the one whose text
    /// has the recorded SHA-256, else the one in a directory named after the service.
    fn find(&self, name: &str, service: &str, sha256: Option<&str>) -> Result<PathBuf, String> {
        let roots: Vec<String> = self.roots.iter().map(|r| r.display().to_string()).collect();
        let candidates = self.by_name.get(name).ok_or_else(|| {
            format!(
                "the page `{name}` is not under {} (give the page directories with --pages)",
                roots.join(", ")
            )
        })?;
        if let [only] = candidates.as_slice() {
            return Ok(only.clone());
        }
        if let Some(sha) = sha256
            && let Some(page) = candidates.iter().find(|page| {
                std::fs::read_to_string(page).is_ok_and(|text| super::sha256_hex(&text) == sha)
            })
        {
            return Ok(page.clone());
        }
        let in_service: Vec<&PathBuf> = candidates
            .iter()
            .filter(|p| {
                p.parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d == service)
            })
            .collect();
        match in_service.as_slice() {
            [only] => Ok((*only).clone()),
            _ => Err(format!(
                "the page `{name}` is ambiguous: {}",
                candidates
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

fn load_service(service_dir: &Path) -> Result<SourceFile<ServiceSpec>, Box<Diagnostic>> {
    load_file::<ServiceSpec>(&service_dir.join(crate::spec::SERVICE_FILE), String::new())
}

fn error_at(
    spec: &SourceFile<OperationSpec>,
    code: Code,
    field: &str,
    message: String,
) -> Diagnostic {
    spec.error(code, field, message)
}

/// One spec against the import of its own page.
fn check_one(
    service_dir: &Path,
    file: &Path,
    spec: &SourceFile<OperationSpec>,
    pages: &PageIndex,
) -> SpecCheck {
    let Some(source) = &spec.spec.source else {
        return SpecCheck::failed(file, spec.error(Code::Internal, "source", "no source"));
    };
    let service = service_name(service_dir);
    let page = match pages.find(&source.file, &service, Some(&source.sha256)) {
        Ok(page) => page,
        Err(message) => {
            return SpecCheck::failed(file, spec.error(Code::CannotRead, "source.file", message));
        }
    };
    let text = match std::fs::read_to_string(&page) {
        Ok(text) => text,
        Err(e) => {
            return SpecCheck::failed(
                file,
                spec.error(
                    Code::CannotRead,
                    "source.file",
                    format!("{}: {e}", page.display()),
                ),
            );
        }
    };
    let service_file = match load_service(service_dir) {
        Ok(service) => service,
        Err(error) => return SpecCheck::failed(file, *error),
    };
    let options = ImportOptions {
        service,
        id: Some(spec.spec.id.clone()),
        doc_url: spec.spec.doc_url.clone(),
        allow_gaps: false,
        format: source
            .format
            .as_deref()
            .and_then(super::read::Format::from_name),
        source_name: Some(source.file.clone()),
        family: None,
    };
    match import_page(&text, &options, Some(&service_file)) {
        Ok(imported) => {
            let mut check = compare(file, spec, &imported.yaml);
            check.page = Some(page);
            check
        }
        Err(error) => SpecCheck::failed(
            file,
            spec.error(
                Code::CannotRead,
                "source.file",
                format!("{}: the page no longer imports:\n{error}", page.display()),
            ),
        ),
    }
}

/// A service imported as a whole reference: the bulk import of every page its ids file lists,
/// as a new service, the way it was made. A listed page in a directory named after the
/// service stands for that whole directory (the reference's table of contents and the pages
/// it skips take part in its decisions); any other is imported as a single file.
fn check_bulk(
    service_dir: &Path,
    imported: &[(PathBuf, SourceFile<OperationSpec>)],
    pages: &PageIndex,
) -> Result<Vec<SpecCheck>, String> {
    let service = service_name(service_dir);
    let ids_path = service_dir.join(IDS_FILE);
    let ids: BTreeMap<String, PageFacts> = read_ids(&ids_path)?;
    let shas: BTreeMap<&str, &str> = imported
        .iter()
        .filter_map(|(_, spec)| spec.spec.source.as_ref())
        .map(|s| (s.file.as_str(), s.sha256.as_str()))
        .collect();
    let mut inputs = BTreeSet::new();
    let mut missing = Vec::new();
    for name in ids.keys() {
        match pages.find(name, &service, shas.get(name.as_str()).copied()) {
            Ok(page) => {
                let dir = page
                    .parent()
                    .filter(|d| d.file_name().is_some_and(|n| n == service.as_str()));
                inputs.insert(dir.map_or(page.clone(), Path::to_path_buf));
            }
            Err(message) => missing.push(message),
        }
    }
    let fail_all = |message: String| -> Vec<SpecCheck> {
        imported
            .iter()
            .map(|(file, spec)| {
                SpecCheck::failed(
                    file,
                    spec.error(Code::CannotRead, "source.file", message.clone()),
                )
            })
            .collect()
    };
    if !missing.is_empty() {
        return Ok(fail_all(format!(
            "{}: {}",
            ids_path.display(),
            missing.join("; ")
        )));
    }
    let inputs: Vec<PathBuf> = inputs.into_iter().collect();
    let options = ImportOptions {
        service: service.clone(),
        ..ImportOptions::default()
    };
    let plan = plan_all(&inputs, None, &options, &ids)?;
    let failures = plan.failures();
    let by_file: BTreeMap<&str, &str> = plan
        .operations
        .iter()
        .map(|(_, imported)| (imported.file_name.as_str(), imported.yaml.as_str()))
        .collect();
    let mut out = Vec::new();
    for (file, spec) in imported {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match by_file.get(name.as_str()) {
            Some(yaml) => out.push(compare(file, spec, yaml)),
            None => {
                let why = failures
                    .iter()
                    .filter(|(page, _)| {
                        spec.spec
                            .source
                            .as_ref()
                            .is_some_and(|s| page.file_name().is_some_and(|n| *n == *s.file))
                    })
                    .map(|(page, error)| format!("{}: {error}", page.display()))
                    .collect::<Vec<_>>();
                out.push(SpecCheck::failed(
                    file,
                    spec.error(
                        Code::CannotRead,
                        "source.file",
                        if why.is_empty() {
                            format!(
                                "the bulk import of {} writes no `{name}`",
                                service_dir.display()
                            )
                        } else {
                            format!("the page no longer imports: {}", why.join("; "))
                        },
                    ),
                ));
            }
        }
    }
    // Operations the import writes that are not committed.
    let committed: BTreeSet<String> = imported
        .iter()
        .filter_map(|(file, _)| file.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let operations_dir = service_dir.join(crate::spec::OPERATIONS_DIR);
    for name in by_file.keys().filter(|n| !committed.contains(**n)) {
        let file = operations_dir.join(name);
        if !file.is_file() {
            out.push(SpecCheck::failed(
                &file,
                Diagnostic::error(
                    Code::CannotRead,
                    &file,
                    "",
                    format!("the bulk import of the pages in {} writes this spec, which is not committed", ids_path.display()),
                ),
            ));
        }
    }
    Ok(out)
}

/// The committed spec against the import's text.
fn compare(file: &Path, spec: &SourceFile<OperationSpec>, import_text: &str) -> SpecCheck {
    let committed_text = std::fs::read_to_string(file).unwrap_or_default();
    let parsed = (
        serde_yaml::from_str::<Value>(import_text),
        serde_yaml::from_str::<Value>(&committed_text),
    );
    let (import, committed) = match parsed {
        (Ok(import), Ok(committed)) => (import, committed),
        (Err(e), _) | (_, Err(e)) => {
            return SpecCheck::failed(
                file,
                spec.error(Code::Internal, "", format!("cannot compare: {e}")),
            );
        }
    };
    let found = review(&import, &committed, &spec.spec.edits);
    let edit_index = |edit: &EditSpec| spec.spec.edits.iter().position(|e| e == edit).unwrap_or(0);
    let errors: Vec<Diagnostic> = found
        .problems
        .iter()
        .map(|problem| {
            let message = problem.to_string();
            match problem {
                Problem::Unrecorded(departure) => {
                    let field = format_path(&departure.path);
                    error_at(spec, Code::UnrecordedEdit, &location_field(&field), message)
                        .with_help(help_unrecorded(&field, departure.import.as_ref()))
                }
                Problem::Stale { edit } => error_at(
                    spec,
                    Code::StaleEdit,
                    &format!("edits[{}].at", edit_index(edit)),
                    message,
                ),
                Problem::PageChanged { edit, .. } => error_at(
                    spec,
                    Code::PageChangedUnderEdit,
                    &format!("edits[{}].at", edit_index(edit)),
                    message,
                )
                .with_help("review the page's new value: update `was` to it (keeping the edit), or drop the edit"),
                Problem::BadPath { edit, .. } => error_at(
                    spec,
                    Code::InvalidEdit,
                    &format!("edits[{}].at", edit_index(edit)),
                    message,
                ),
            }
        })
        .collect();
    let diff = (!errors.is_empty()).then(|| unified_diff(import_text, &committed_text, file));
    SpecCheck {
        file: file.to_path_buf(),
        page: None,
        reviewed: found.reviewed,
        errors,
        diff,
    }
}

/// The field as the location index spells it (quoted keys unquoted).
fn location_field(field: &str) -> String {
    parse_path(field).map_or_else(
        |_| field.to_owned(),
        |path| crate::spec::yaml_path::location_path(&path),
    )
}

fn help_unrecorded(field: &str, import: Option<&Value>) -> String {
    let was = match import.filter(|v| !v.is_null()) {
        None => String::new(),
        Some(value) => format!(", was: {}", super::edits::show(Some(value))),
    };
    format!(
        "if the edit is meant, record it: `edits: [{{at: {field}{was}, why: ...}}]`; else re-import the page"
    )
}

/// The unified diff from the import's text to the committed one.
pub fn unified_diff(import_text: &str, committed_text: &str, file: &Path) -> String {
    similar::TextDiff::from_lines(import_text, committed_text)
        .unified_diff()
        .context_radius(3)
        .header("import of the page", &file.display().to_string())
        .to_string()
}
