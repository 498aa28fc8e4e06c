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

use super::contents::{Listing, listings};
use super::draft::{DraftModel, DraftOperation};
use super::edits::KeepEdits;
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
        /// Where this page says something else than the kept one (`query parameter
        /// \`cascade\`: only in ...`), reported rather than resolved.
        differences: Vec<String>,
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

/// What an ids file says about one page: its operation id, and optionally its address
/// (`doc_url`), which a page captured without its URL cannot say.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum PageFacts {
    /// `page.md: CreateVolume`.
    Id(String),
    /// `page.txt: {id: DeleteVolume, doc: https://...}`.
    Full {
        /// The operation id.
        id: String,
        /// The page's address.
        #[serde(default)]
        doc: Option<String>,
    },
}

impl PageFacts {
    /// The operation id.
    pub fn id(&self) -> &str {
        match self {
            PageFacts::Id(id) | PageFacts::Full { id, .. } => id,
        }
    }

    /// The page's address, if given.
    pub fn doc(&self) -> Option<&str> {
        match self {
            PageFacts::Id(_) => None,
            PageFacts::Full { doc, .. } => doc.as_deref(),
        }
    }
}

/// Reads an ids file: a YAML mapping from page file name to operation id, or to
/// `{id: ..., doc: URL}`.
pub fn read_ids(path: &Path) -> Result<BTreeMap<String, PageFacts>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let ids: BTreeMap<String, PageFacts> =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (page, facts) in &ids {
        let id = facts.id();
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
/// method, path with parameter names erased, request body keys, and the value of every
/// top-level body field that the page allows exactly one value for (the `"action": "create"` /
/// `"action": "delete"` of two tag operations on one path).
fn operation_key(method: &str, path: &str, body_keys: &[String]) -> String {
    let mut keys = body_keys.to_vec();
    keys.sort();
    format!(
        "{method} {} {}",
        super::official::path_shape(path),
        keys.join(",")
    )
}

fn draft_key(draft: &DraftOperation) -> String {
    let examples: Vec<serde_json::Value> = draft
        .example_requests
        .iter()
        .filter_map(|example| serde_json::from_str(example.body.as_deref()?).ok())
        .collect();
    let keys: Vec<String> = draft
        .request
        .iter()
        .flatten()
        .map(|field| match discriminator(field, &examples) {
            Some(value) => format!("{}={value}", field.name),
            None => field.name.clone(),
        })
        .collect();
    operation_key(&draft.method, &draft.path, &keys)
}

/// The one value a top-level body field names the operation by: the only value the page
/// documents for it, or the value the page's request example gives it where the field's
/// description has a line for that value (`delete：删除标签`, `create: add tags`).
fn discriminator(
    field: &super::draft::DraftField,
    examples: &[serde_json::Value],
) -> Option<String> {
    if let [(only, _)] = field.cell.enum_values.as_slice() {
        return Some(only.clone());
    }
    let value = examples
        .iter()
        .find_map(|example| example.get(&field.name)?.as_str())?;
    let described = field.cell.doc.lines().any(|line| {
        line.trim()
            .strip_prefix(value)
            .is_some_and(|rest| rest.starts_with([':', '：']))
    });
    described.then(|| value.to_owned())
}

fn spec_key(spec: &OperationSpec) -> String {
    let keys: Vec<String> = spec
        .request
        .as_ref()
        .and_then(|r| r.body.fields.as_ref())
        .map(|fields| {
            fields
                .iter()
                .map(
                    |(name, field)| match field.enum_values.as_ref().map(|v| &v.0[..]) {
                        Some([(only, _)]) => format!("{name}={only}"),
                        _ => name.clone(),
                    },
                )
                .collect()
        })
        .unwrap_or_default();
    operation_key(spec.method.as_str(), &spec.path, &keys)
}

/// The OpenStack project a page belongs to, by its file name, its title, or the sections the
/// reference's contents list it under; the official SDKs put its name in front of the ids of
/// that compatible API family.
fn family(page: &Path, title: &str, listing: Option<&Listing>) -> Option<&'static str> {
    let name = file_name(page);
    let mut texts = vec![name.as_str(), title];
    if let Some(listing) = listing {
        texts.extend(listing.sections.iter().map(String::as_str));
    }
    naming::family_named_by(&texts)
}

/// Whether the page is written in English: its title has no letters outside ASCII. Where an
/// English and a Chinese page describe one operation, the English one is kept (it is the
/// edition the international site maintains).
fn in_english(draft: &DraftOperation) -> bool {
    !draft
        .title
        .chars()
        .any(|c| c.is_alphanumeric() && !c.is_ascii())
}

/// Imports every page of `inputs` into `spec_dir/<service>`, keeping the recorded hand edits
/// of the specs it writes over (see [`import_all_keeping`]).
pub fn import_all(
    inputs: &[PathBuf],
    spec_dir: &Path,
    options: &ImportOptions,
    ids: &BTreeMap<String, PageFacts>,
) -> Result<BulkResult, String> {
    import_all_keeping(inputs, spec_dir, options, ids, KeepEdits::default())
}

/// What a bulk import decided, before anything is written.
#[derive(Debug)]
pub struct Plan {
    /// The page files, in file-name order.
    pub pages: Vec<PathBuf>,
    /// Per page, what was decided for pages not written (skipped, duplicate, failed).
    outcomes: Vec<Option<Outcome>>,
    /// The new service's `service.yaml` (with the models several pages share), when the
    /// service is new.
    pub service_text: Option<String>,
    /// The operations to write, by page index, each with its final file name and text.
    pub operations: Vec<(usize, Imported)>,
}

impl Plan {
    /// The pages that failed, with why.
    pub fn failures(&self) -> Vec<(PathBuf, String)> {
        self.outcomes
            .iter()
            .zip(&self.pages)
            .filter_map(|(outcome, page)| match outcome {
                Some(Outcome::Failed { error }) => Some((page.clone(), error.clone())),
                _ => None,
            })
            .collect()
    }
}

/// Imports every page of `inputs` into `spec_dir/<service>`. A spec that already exists for a
/// page (its `source.file` names the page) is imported again over, keeping its recorded
/// `edits` (`crate::import::edits::merge`); a conflict, or an unrecorded departure, fails that
/// page and leaves its spec as it was.
pub fn import_all_keeping(
    inputs: &[PathBuf],
    spec_dir: &Path,
    options: &ImportOptions,
    ids: &BTreeMap<String, PageFacts>,
    keep: KeepEdits,
) -> Result<BulkResult, String> {
    let service_dir = spec_dir.join(&options.service);
    let service_path = service_dir.join(crate::spec::SERVICE_FILE);
    let plan = plan_all(inputs, Some(&service_dir), options, ids)?;
    let Plan {
        pages,
        mut outcomes,
        service_text,
        operations: kept,
    } = plan;
    // Write: the service file first (operations refer to its models), then each operation.
    let mut result = BulkResult::default();
    if let Some(text) = &service_text
        && !kept.is_empty()
    {
        write_atomically(&service_path, text)?;
        result.service_file = Some(service_path.clone());
    }
    for (index, mut imported) in kept {
        let file = service_dir
            .join(crate::spec::OPERATIONS_DIR)
            .join(&imported.file_name);
        if file.is_file() {
            let committed =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            match super::edits::merge(&imported.yaml, &committed, keep) {
                Ok(super::edits::Merged::Text { text, .. }) => imported.yaml = text,
                Ok(super::edits::Merged::Refused(problems)) => {
                    outcomes[index] = Some(Outcome::Failed {
                        error: format!(
                            "{}: nothing written:\n{}",
                            file.display(),
                            problems.join("\n")
                        ),
                    });
                    continue;
                }
                Err(error) => {
                    outcomes[index] = Some(Outcome::Failed {
                        error: format!("{}: {error}", file.display()),
                    });
                    continue;
                }
            }
        }
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

/// Decides what a bulk import of `inputs` writes, writing nothing: into `service_dir` (its
/// service file and the operations it has already count), or, with `None`, as a new service
/// (what `specgen import --check` compares the committed specs with).
pub fn plan_all(
    inputs: &[PathBuf],
    service_dir: Option<&Path>,
    options: &ImportOptions,
    ids: &BTreeMap<String, PageFacts>,
) -> Result<Plan, String> {
    let pages = page_files(inputs)?;
    let service_path = service_dir.map(|dir| dir.join(crate::spec::SERVICE_FILE));
    let existing_service = match &service_path {
        Some(path) if path.is_file() => Some(
            crate::spec::load::load_file::<ServiceSpec>(path, String::new())
                .map_err(|d| d.to_string())?,
        ),
        _ => {
            super::files::check_service_name(&options.service)?;
            None
        }
    };
    // A spec imported from one of these pages is imported again, not a second operation.
    let page_names: BTreeSet<String> = pages.iter().map(|p| file_name(p)).collect();
    let mut existing_ops = match service_dir {
        Some(dir) => existing_operations(dir)?,
        None => Vec::new(),
    };
    existing_ops.retain(|(_, spec)| {
        spec.spec
            .source
            .as_ref()
            .is_none_or(|source| !page_names.contains(&source.file))
    });
    let contents = read_contents(&pages);

    // Each page on its own, in parallel; results in file-name order.
    let results = import_parallel(&pages, options, ids, existing_service.as_ref(), &contents);

    // Which page describes an operation: decided in order of precedence (an English page
    // before a Chinese one, a page the reference's contents list before a leftover it does
    // not, then file-name order); the others are reported with what they say differently.
    let mut outcomes: Vec<Option<Outcome>> = (0..pages.len()).map(|_| None).collect();
    let mut imported: Vec<Option<Imported>> = Vec::with_capacity(pages.len());
    for (index, result) in results.into_iter().enumerate() {
        match result {
            Ok(page) => imported.push(Some(page)),
            Err(ImportError::NotAnOperation { title, .. }) => {
                outcomes[index] = Some(Outcome::Skipped { title });
                imported.push(None);
            }
            Err(error) => {
                outcomes[index] = Some(Outcome::Failed {
                    error: error.to_string(),
                });
                imported.push(None);
            }
        }
    }
    let mut order: Vec<usize> = (0..pages.len())
        .filter(|i| imported[*i].is_some())
        .collect();
    order.sort_by_key(|index| {
        let draft = &imported[*index].as_ref().map(|i| &i.draft);
        let english = draft.is_some_and(in_english);
        let listed = contents.contains_key(&file_name(&pages[*index]));
        (!english, contents.is_empty() || !listed, *index)
    });
    let mut keys: BTreeMap<String, (String, Option<usize>)> = existing_ops
        .iter()
        .map(|(file, spec)| (spec_key(&spec.spec), (file.clone(), None)))
        .collect();
    let mut taken_ids: BTreeMap<String, String> = existing_ops
        .iter()
        .map(|(_, spec)| (spec.spec.id.clone(), spec_key(&spec.spec)))
        .collect();
    let mut kept: Vec<(usize, Imported)> = Vec::new();
    for index in order {
        let Some(page) = imported[index].take() else {
            continue;
        };
        let key = draft_key(&page.draft);
        match keys.get(&key) {
            Some((same_as, kept_index)) => {
                let differences = kept_index
                    .and_then(|k| kept.iter().find(|(i, _)| *i == k))
                    .map(|(k, other)| {
                        super::differences::between(
                            &other.draft,
                            &file_name(&pages[*k]),
                            &page.draft,
                            &file_name(&pages[index]),
                        )
                    })
                    .unwrap_or_default();
                outcomes[index] = Some(Outcome::Duplicate {
                    same_as: same_as.clone(),
                    differences,
                });
            }
            None => {
                keys.insert(key, (pages[index].display().to_string(), Some(index)));
                kept.push((index, page));
            }
        }
    }
    kept.sort_by_key(|(index, _)| *index);

    // A GET whose path is the parent of another page's GET item path lists that collection,
    // whatever number its last segment is in (`os-volume-transfer` and
    // `os-volume-transfer/{transfer_id}`): an id the path rule made `Show...` is `List...s`.
    let get_shapes: BTreeSet<String> = kept
        .iter()
        .filter(|(_, imported)| imported.draft.method == "GET")
        .map(|(_, imported)| super::official::path_shape(&imported.draft.path))
        .collect();
    for (index, imported) in &mut kept {
        let draft = &imported.draft;
        let shape = super::official::path_shape(&draft.path);
        let lists_children = draft.method == "GET"
            && !shape.ends_with("{}")
            && get_shapes.contains(&format!("{shape}/{{}}"));
        let family = family(
            &pages[*index],
            &draft.title,
            contents.get(&file_name(&pages[*index])),
        )
        .map(|f| naming::with_family_prefix("", f))
        .unwrap_or_default();
        if imported.id_from == super::IdFrom::Path
            && lists_children
            && let Some(resource) = imported
                .draft
                .id
                .strip_prefix(family.as_str())
                .and_then(|rest| rest.strip_prefix("Show"))
        {
            // The version suffix stays last: `ShowVolumeTransferV3` → `ListVolumeTransfersV3`.
            let version_at = resource
                .rfind('V')
                .filter(|at| {
                    let digits = &resource[at + 1..];
                    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
                })
                .unwrap_or(resource.len());
            let (resource, version) = resource.split_at(version_at);
            let id = format!("{family}List{}{version}", naming::plural_of_name(resource));
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
            // Two operations on one method and path differ by the action their body names;
            // on different paths, by the version of the path.
            let same_path = taken_ids.get(&id).is_some_and(|k| {
                k.starts_with(&format!(
                    "{} {} ",
                    draft.method,
                    super::official::path_shape(&draft.path)
                ))
            });
            let by_action = draft
                .request
                .as_ref()
                .and_then(|fields| fields.first())
                .map(|field| naming::with_action(&id, &field.name));
            let by_version = Some(naming::with_version_suffix(&id, &draft.path));
            let (first, second) = if same_path {
                (by_action, by_version)
            } else {
                (by_version, by_action)
            };
            let candidates = [
                family(
                    &pages[*index],
                    &draft.title,
                    contents.get(&file_names[*index]),
                )
                .map(|f| naming::with_family_prefix(&id, f)),
                first,
                second,
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

    let operations = kept
        .into_iter()
        .map(|(index, mut imported)| {
            imported.file_name = format!(
                "{}.yaml",
                heck::ToSnakeCase::to_snake_case(imported.id.as_str())
            );
            imported.yaml = imported.draft.to_yaml();
            (index, imported)
        })
        .collect();
    Ok(Plan {
        pages,
        outcomes,
        service_text,
        operations,
    })
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

/// The reference's table of contents, if the pages include one: the listings of the page
/// whose lists link to more than half of the other pages (at least two), by file name.
/// Unreadable pages are left to the import, which reports them.
fn read_contents(pages: &[PathBuf]) -> BTreeMap<String, Listing> {
    let names: BTreeSet<String> = pages.iter().map(|p| file_name(p)).collect();
    let vocabularies = super::vocabulary::Vocabularies::builtin();
    let mut best = BTreeMap::new();
    for page in pages {
        let Ok(text) = std::fs::read_to_string(page) else {
            continue;
        };
        let format = super::read::detect(&text, Some(page));
        let Ok(document) = super::read::read(&text, format, vocabularies) else {
            continue;
        };
        let own = file_name(page);
        let mut listed = listings(&document);
        listed.retain(|name, _| *name != own && names.contains(name));
        let others = names.len().saturating_sub(1);
        if listed.len() >= 2 && listed.len() * 2 > others && listed.len() > best.len() {
            best = listed;
        }
    }
    best
}

/// Imports the pages on every core; the results are in the pages' order.
fn import_parallel(
    pages: &[PathBuf],
    options: &ImportOptions,
    ids: &BTreeMap<String, PageFacts>,
    service: Option<&SourceFile<ServiceSpec>>,
    contents: &BTreeMap<String, Listing>,
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
                    let result = import_one(page, options, ids, service, contents);
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
    ids: &BTreeMap<String, PageFacts>,
    service: Option<&SourceFile<ServiceSpec>>,
    contents: &BTreeMap<String, Listing>,
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
    let listing = contents.get(&name);
    let options = ImportOptions {
        id: ids.get(&name).map(|facts| facts.id().to_owned()),
        doc_url: ids
            .get(&name)
            .and_then(PageFacts::doc)
            .map(str::to_owned)
            .or_else(|| options.doc_url.clone()),
        family: family(page, "", listing).map(str::to_owned),
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
