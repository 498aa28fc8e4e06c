//! `specgen import PAGES... --service NAME`: a whole reference in one run.
//!
//! Pages are imported in parallel, each on its own; then, in the order of their file names (so
//! the result never depends on the order pages finish or are listed), the cross-page decisions
//! are made:
//! - a page without a `METHOD /path` is skipped (overviews, guides, error-code lists);
//! - a page describing an operation the service already has, or that an earlier page
//!   describes (same method, same path with parameter names ignored, same request body keys),
//!   is reported and not written twice;
//! - a derived id taken by another operation gets what tells the two apart: the OpenStack
//!   family the page names (`Cinder...`), the version of its path (`...V3`), the action its body
//!   names; two pages still equal after that are an error naming both;
//! - operation models that several pages define alike move to the new service's
//!   `service.yaml`; models of one name that differ get Rust names of their own;
//! - every page that imported is written, none that failed, never a partial file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::draft::{DraftModel, DraftOperation};
use super::files::write_atomically;
use super::naming;
use super::{ImportError, ImportOptions, Imported, import_page, minimal_service_yaml};
use crate::spec::SourceFile;
use crate::spec::types::{OperationSpec, ServiceSpec};

/// What the run did with one page.
#[derive(Debug)]
pub enum Outcome {
    /// Written to this file.
    Written {
        /// The import.
        imported: Box<Imported>,
        /// Where the spec went.
        file: PathBuf,
    },
    /// Not an operation page.
    Skipped {
        /// Its title.
        title: String,
    },
    /// The same operation as another page or spec, which was kept.
    Duplicate {
        /// The page or spec file that describes it too.
        same_as: String,
    },
    /// Not imported; nothing written for it.
    Failed {
        /// Why.
        error: String,
    },
}

/// One page's line of the summary.
#[derive(Debug)]
pub struct PageResult {
    /// The page file.
    pub page: PathBuf,
    /// What happened.
    pub outcome: Outcome,
}

/// The whole run.
#[derive(Debug, Default)]
pub struct BulkResult {
    /// Per page, in file-name order.
    pub pages: Vec<PageResult>,
    /// The service file, when this run created it.
    pub service_file: Option<PathBuf>,
}

impl BulkResult {
    /// Whether any page failed.
    pub fn failed(&self) -> bool {
        self.pages
            .iter()
            .any(|p| matches!(p.outcome, Outcome::Failed { .. }))
    }
}

/// The page files of `inputs`: files as given, directories searched recursively for `.txt`,
/// `.md`, `.markdown`, `.html` and `.htm` files; sorted, each once.
pub fn page_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = BTreeSet::new();
    for input in inputs {
        if input.is_dir() {
            collect(input, &mut out)?;
        } else if input.is_file() {
            out.insert(input.clone());
        } else {
            return Err(format!("{}: no such file or directory", input.display()));
        }
    }
    Ok(out.into_iter().collect())
}

fn collect(dir: &Path, out: &mut BTreeSet<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "txt" | "md" | "markdown" | "html" | "htm"
            )
        }) {
            out.insert(path);
        }
    }
    Ok(())
}

/// Reads an ids file: a YAML mapping from page file name to operation id.
pub fn read_ids(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let ids: BTreeMap<String, String> =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (page, id) in &ids {
        let valid = id.starts_with(|c: char| c.is_ascii_uppercase())
            && id.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid {
            return Err(format!(
                "{}: `{page}`: `{id}` is not an UpperCamelCase operation id",
                path.display()
            ));
        }
    }
    Ok(ids)
}

/// What an operation is, for telling two pages of one operation apart from two operations:
/// method, path with parameter names erased, request body keys.
fn operation_key(method: &str, path: &str, body_keys: &[String]) -> String {
    let mut erased = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    erased.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            c => erased.push(c),
        }
    }
    let mut keys = body_keys.to_vec();
    keys.sort();
    format!("{method} {erased} {}", keys.join(","))
}

fn draft_key(draft: &DraftOperation) -> String {
    let keys: Vec<String> = draft
        .request
        .iter()
        .flatten()
        .map(|f| f.name.clone())
        .collect();
    operation_key(&draft.method, &draft.path, &keys)
}

fn spec_key(spec: &OperationSpec) -> String {
    let keys: Vec<String> = spec
        .request
        .as_ref()
        .and_then(|r| r.body.fields.as_ref())
        .map(|fields| fields.iter().map(|(name, _)| name.clone()).collect())
        .unwrap_or_default();
    operation_key(spec.method.as_str(), &spec.path, &keys)
}

/// The OpenStack project a page names (its file name or title), whose name the official SDKs
/// put in front of the ids of that compatible API family.
fn family(page: &Path, title: &str) -> Option<&'static str> {
    const FAMILIES: [&str; 6] = ["Cinder", "Nova", "Neutron", "Keystone", "Glance", "Swift"];
    let name = page.file_name()?.to_string_lossy().to_ascii_lowercase();
    let title = title.to_ascii_lowercase();
    FAMILIES.into_iter().find(|family| {
        let family = family.to_ascii_lowercase();
        name.contains(&family) || title.contains(&family)
    })
}

/// Imports every page of `inputs` into `spec_dir/<service>`.
pub fn import_all(
    inputs: &[PathBuf],
    spec_dir: &Path,
    options: &ImportOptions,
    ids: &BTreeMap<String, String>,
) -> Result<BulkResult, String> {
    let pages = page_files(inputs)?;
    let service_dir = spec_dir.join(&options.service);
    let service_path = service_dir.join(crate::spec::SERVICE_FILE);
    let existing_service = if service_path.is_file() {
        Some(
            crate::spec::load::load_file::<ServiceSpec>(&service_path, String::new())
                .map_err(|d| d.to_string())?,
        )
    } else {
        super::files::check_service_name(&options.service)?;
        None
    };
    let existing_ops = existing_operations(&service_dir)?;

    // Each page on its own, in parallel; results in file-name order.
    let results = import_parallel(&pages, options, ids, existing_service.as_ref());

    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(pages.len());
    let mut kept: Vec<(usize, Imported)> = Vec::new();
    let mut keys: BTreeMap<String, String> = existing_ops
        .iter()
        .map(|(file, spec)| (spec_key(&spec.spec), file.clone()))
        .collect();
    let mut taken_ids: BTreeMap<String, String> = existing_ops
        .iter()
        .map(|(_, spec)| (spec.spec.id.clone(), spec_key(&spec.spec)))
        .collect();
    for (index, result) in results.into_iter().enumerate() {
        let page = &pages[index];
        let page_name = page.display().to_string();
        let outcome = match result {
            Err(ImportError::NotAnOperation { title, .. }) => Some(Outcome::Skipped { title }),
            Err(error) => Some(Outcome::Failed {
                error: error.to_string(),
            }),
            Ok(imported) => {
                let key = draft_key(&imported.draft);
                if let Some(same_as) = keys.get(&key) {
                    Some(Outcome::Duplicate {
                        same_as: same_as.clone(),
                    })
                } else {
                    keys.insert(key, page_name.clone());
                    kept.push((index, imported));
                    None
                }
            }
        };
        outcomes.push(outcome);
    }

    // A GET whose path is the parent of another page's GET item path lists that collection,
    // whatever number its last segment is in (`os-volume-transfer` and
    // `os-volume-transfer/{transfer_id}`): an id the path rule made `Show...` is `List...s`.
    let get_shapes: BTreeSet<String> = kept
        .iter()
        .filter(|(_, imported)| imported.draft.method == "GET")
        .map(|(_, imported)| super::official::path_shape(&imported.draft.path))
        .collect();
    for (_, imported) in &mut kept {
        let draft = &imported.draft;
        let shape = super::official::path_shape(&draft.path);
        let lists_children = draft.method == "GET"
            && !shape.ends_with("{}")
            && get_shapes.contains(&format!("{shape}/{{}}"));
        if imported.id_from == super::IdFrom::Path
            && lists_children
            && let Some(resource) = imported.draft.id.strip_prefix("Show")
        {
            let id = format!("List{}", naming::plural_of_name(resource));
            imported.draft.id = id.clone();
            imported.id = id;
        }
    }

    // Ids: explicit ids stand; a derived id taken by another operation is told apart.
    let file_names: Vec<String> = pages.iter().map(|p| file_name(p)).collect();
    for (index, imported) in &mut kept {
        let key = draft_key(&imported.draft);
        let explicit = ids.contains_key(&file_names[*index]);
        let mut id = imported.draft.id.clone();
        if !explicit && taken_ids.get(&id).is_some_and(|k| k != &key) {
            let draft = &imported.draft;
            let candidates = [
                family(&pages[*index], &draft.title).map(|f| naming::with_family_prefix(&id, f)),
                Some(naming::with_version_suffix(&id, &draft.path)),
                draft
                    .request
                    .as_ref()
                    .and_then(|fields| fields.first())
                    .map(|field| naming::with_action(&id, &field.name)),
            ];
            let mut current = id.clone();
            for candidate in candidates.into_iter().flatten() {
                current = candidate;
                if !taken_ids.contains_key(&current) {
                    break;
                }
            }
            id = current;
        }
        if let Some(other) = taken_ids.get(&id).filter(|k| **k != key) {
            outcomes[*index] = Some(Outcome::Failed {
                error: format!(
                    "operation id `{id}` is also the id of another operation ({other}); give one of them an id in the ids file"
                ),
            });
            continue;
        }
        taken_ids.insert(id.clone(), key);
        if id != imported.draft.id {
            imported.draft.id = id.clone();
            imported.id = id;
        }
    }
    kept.retain(|(index, _)| outcomes[*index].is_none());

    // Models: alike across pages → the new service's file; different under one name → own names.
    let hoisted = if existing_service.is_none() {
        hoist_shared_models(&mut kept)
    } else {
        Vec::new()
    };
    rename_colliding_models(
        &mut kept,
        existing_service.as_ref(),
        &existing_ops,
        &hoisted,
    );

    // Check every page again as part of the final service (shared models may resolve
    // differently from the page alone); a page that no longer validates is not written.
    let (final_service, service_text): (ServiceSpec, Option<String>) = match &existing_service {
        Some(file) => (file.spec.clone(), None),
        None => {
            let mut text = minimal_service_yaml(&options.service);
            text.push_str(&super::draft::models_yaml(&hoisted));
            let spec =
                serde_yaml::from_str(&text).map_err(|e| format!("the new service file: {e}"))?;
            (spec, Some(text))
        }
    };
    let mut checked = Vec::with_capacity(kept.len());
    for (index, mut imported) in kept {
        match super::check_against_service(&mut imported.draft, &final_service, &options.service) {
            Ok(warnings) => {
                imported.warnings = warnings;
                checked.push((index, imported));
            }
            Err(error) => {
                outcomes[index] = Some(Outcome::Failed {
                    error: error.to_string(),
                })
            }
        }
    }
    let kept = checked;

    // Write: the service file first (operations refer to its models), then each operation.
    let mut result = BulkResult::default();
    if let Some(text) = &service_text
        && !kept.is_empty()
    {
        write_atomically(&service_path, text)?;
        result.service_file = Some(service_path.clone());
    }
    for (index, mut imported) in kept {
        imported.file_name = format!(
            "{}.yaml",
            heck::ToSnakeCase::to_snake_case(imported.id.as_str())
        );
        imported.yaml = imported.draft.to_yaml();
        let file = service_dir
            .join(crate::spec::OPERATIONS_DIR)
            .join(&imported.file_name);
        match write_atomically(&file, &imported.yaml) {
            Ok(()) => {
                outcomes[index] = Some(Outcome::Written {
                    imported: Box::new(imported),
                    file,
                })
            }
            Err(error) => outcomes[index] = Some(Outcome::Failed { error }),
        }
    }
    result.pages = pages
        .into_iter()
        .zip(outcomes)
        .map(|(page, outcome)| PageResult {
            page,
            outcome: outcome.unwrap_or(Outcome::Failed {
                error: "not decided".into(),
            }),
        })
        .collect();
    Ok(result)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The operation specs already in the service, by file name.
fn existing_operations(
    service_dir: &Path,
) -> Result<Vec<(String, SourceFile<OperationSpec>)>, String> {
    let dir = service_dir.join(crate::spec::OPERATIONS_DIR);
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let spec = crate::spec::load::load_file::<OperationSpec>(&path, String::new())
            .map_err(|d| d.to_string())?;
        out.push((path.display().to_string(), spec));
    }
    Ok(out)
}

/// Imports the pages on every core; the results are in the pages' order.
fn import_parallel(
    pages: &[PathBuf],
    options: &ImportOptions,
    ids: &BTreeMap<String, String>,
    service: Option<&SourceFile<ServiceSpec>>,
) -> Vec<Result<Imported, ImportError>> {
    let workers = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, pages.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Result<Imported, ImportError>>>> =
        pages.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(page) = pages.get(index) else {
                        break;
                    };
                    let result = import_one(page, options, ids, service);
                    if let Ok(mut slot) = slots[index].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Err(ImportError::Page(vec![super::Gap {
                    code: crate::diagnostics::Code::ImportStopped,
                    line: 1,
                    message: "the page was not imported (a worker stopped)".into(),
                    place: None,
                }]))
            })
        })
        .collect()
}

fn import_one(
    page: &Path,
    options: &ImportOptions,
    ids: &BTreeMap<String, String>,
    service: Option<&SourceFile<ServiceSpec>>,
) -> Result<Imported, ImportError> {
    let text = std::fs::read_to_string(page).map_err(|e| {
        ImportError::Page(vec![super::Gap {
            code: crate::diagnostics::Code::PageUnreadable,
            line: 1,
            message: format!("cannot read the page: {e}"),
            place: None,
        }])
    })?;
    let name = file_name(page);
    let options = ImportOptions {
        id: ids.get(&name).cloned(),
        source_name: Some(name),
        ..options.clone()
    };
    import_page(&text, &options, service)
}

/// Models that two or more pages define with the same name and the same fields move to the
/// service file; the operations keep referring to them by name (an operation's own model of
/// that name, where its fields differ, is found first and keeps a Rust name of its own).
fn hoist_shared_models(kept: &mut [(usize, Imported)]) -> Vec<DraftModel> {
    let mut by_name: BTreeMap<String, Vec<(usize, DraftModel)>> = BTreeMap::new();
    for (position, (_, imported)) in kept.iter().enumerate() {
        for model in &imported.draft.models {
            by_name
                .entry(model.name.clone())
                .or_default()
                .push((position, model.clone()));
        }
    }
    let mut hoisted = Vec::new();
    for (name, models) in by_name {
        // The largest group of alike definitions (the first in page order on a tie) is shared,
        // if at least two pages have it; the others stay with their operations.
        let mut best: Vec<usize> = Vec::new();
        for (_, candidate) in &models {
            let group: Vec<usize> = models
                .iter()
                .filter(|(_, m)| same_model(m, candidate))
                .map(|(position, _)| *position)
                .collect();
            if group.len() > best.len() {
                best = group;
            }
        }
        if best.len() < 2 {
            continue;
        }
        if let Some((_, model)) = models.iter().find(|(position, _)| *position == best[0]) {
            hoisted.push(model.clone());
        }
        for position in best {
            kept[position].1.draft.models.retain(|m| m.name != name);
        }
    }
    hoisted
}

fn same_model(a: &DraftModel, b: &DraftModel) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields.iter().zip(&b.fields).all(|(x, y)| {
            x.name == y.name && x.ty == y.ty && x.required == y.required && x.cell == y.cell
        })
}

/// Operation models whose names clash with a model of another operation or of the service
/// (generated types share one crate) get the operation's id in front of their Rust name.
fn rename_colliding_models(
    kept: &mut [(usize, Imported)],
    service: Option<&SourceFile<ServiceSpec>>,
    existing: &[(String, SourceFile<OperationSpec>)],
    hoisted: &[DraftModel],
) {
    let mut owners: BTreeMap<String, usize> = BTreeMap::new();
    for model in hoisted {
        *owners.entry(rust_name(&model.name)).or_default() += 1;
    }
    if let Some(service) = service {
        for (name, _) in service.spec.models.iter() {
            *owners.entry(rust_name(name)).or_default() += 1;
        }
    }
    for (_, spec) in existing {
        for (name, _) in spec.spec.models.iter() {
            *owners.entry(rust_name(name)).or_default() += 1;
        }
    }
    for (_, imported) in kept.iter() {
        for model in &imported.draft.models {
            *owners.entry(rust_name(&model.name)).or_default() += 1;
        }
    }
    for (_, imported) in kept.iter_mut() {
        let id = imported.draft.id.clone();
        for model in &mut imported.draft.models {
            if owners.get(&rust_name(&model.name)).copied().unwrap_or(0) > 1 {
                model.rust_name = Some(format!("{id}{}", rust_name(&model.name)));
            }
        }
    }
}

fn rust_name(name: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(name)
}
