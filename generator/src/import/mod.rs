//! `specgen import`: an API reference page → an operation spec.
//!
//! Reading is apart from understanding. A reader ([`read`]) turns the page, in whichever
//! format it comes (plain-text capture, browser copy, Markdown with HTML tables, HTML), into
//! one document model; the interpreter (`interpret`) reads that model with the words of
//! every language (`vocabulary`, kept as data) into a `draft`, written as YAML by
//! [`yaml_out`] in the layout of the hand-written specs. The draft is then loaded and resolved
//! like any spec: example values that contradict the page's own tables are recorded as the
//! example's `discrepancies` (kept, not fixed), and what the importer did not understand is a
//! gap, with its line, that fails the import unless gaps are allowed.

pub mod bulk;
mod checking;
pub(crate) mod contents;
mod differences;
pub(crate) mod draft;
pub mod edits;
mod files;
pub(crate) mod interpret;
pub mod naming;
pub(crate) mod official;
pub mod read;
pub mod recheck;
mod shared;
pub(crate) mod types;
pub mod vocabulary;
pub mod yaml_out;

pub use files::{Written, import_into, import_into_keeping};
pub use naming::derive_id;

use heck::{ToSnakeCase, ToUpperCamelCase};

use self::checking::validate;
use self::shared::use_shared_models;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::examples::ExampleRef;
use crate::spec::SourceFile;
use crate::spec::types::ServiceSpec;

/// What the caller knows that the page does not say.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The service the operation belongs to (`drs`).
    pub service: String,
    /// The operation id; derived from the title when absent.
    pub id: Option<String>,
    /// The page's address.
    pub doc_url: Option<String>,
    /// Keep going past what the importer does not understand, listing it in the YAML.
    pub allow_gaps: bool,
    /// The page's source format; detected from the text and `source_name` when absent.
    pub format: Option<read::Format>,
    /// The page's file name (format detection, provenance).
    pub source_name: Option<String>,
    /// The OpenStack API family the page belongs to (`Cinder`), when something other than the
    /// page says so (the reference's table of contents); the page's file name and title are
    /// consulted too.
    pub family: Option<String>,
}

/// Something on the page the importer did not understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The kind of gap, stable across releases (an `I` code, see spec/README.md).
    pub code: Code,
    /// Line in the page.
    pub line: usize,
    /// What it is.
    pub message: String,
    /// The spec key it belongs under (`params`, `request`, `responses`, `models`,
    /// `examples`), where the importer knows it: with `--allow-gaps` the gap is a comment there.
    pub place: Option<&'static str>,
}

/// An inconsistency of the page that validating its spec warns about, kept as printed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageQuirk {
    /// `field: message`, as the spec's header comment quotes it (first, so quirks sort by it).
    pub message: String,
    /// The warning's stable code (a `W` code, see spec/README.md).
    pub code: Code,
}

impl std::fmt::Display for PageQuirk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// An imported page.
#[derive(Debug)]
pub struct Imported {
    /// The operation id.
    pub id: String,
    /// The file name for the spec (`collect_db_objects_info.yaml`).
    pub file_name: String,
    /// The spec's text.
    pub yaml: String,
    /// The page's inconsistencies, kept in the spec and reported.
    pub warnings: Vec<PageQuirk>,
    /// What was not understood (only with `allow_gaps`; otherwise they fail the import).
    pub gaps: Vec<Gap>,
    /// What `--report` prints about the page.
    pub report: Report,
    /// The operation as drafted, for the bulk import's cross-page decisions.
    pub draft: draft::DraftOperation,
    /// Where the operation id came from.
    pub id_from: IdFrom,
}

/// Where an imported operation's id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFrom {
    /// `--id` or the ids file.
    Given,
    /// The official SDK's name for the method and path.
    Official,
    /// The page title.
    Title,
    /// Method, path and body, by the official SDKs' naming convention.
    Path,
}

/// What the importer understood of a page, for `specgen import --report`.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The format the page was read as.
    pub format: String,
    /// Table rows on the page.
    pub rows_total: usize,
    /// Table rows that landed in the spec.
    pub rows_understood: usize,
    /// Facts the page implies rather than states (and the convention that decided them).
    pub inferred: Vec<String>,
    /// Constraints stated in prose, kept as text and not enforced.
    pub prose_constraints: Vec<String>,
    /// What the page says that the spec does not use (prose around tables, extra examples).
    pub notes: Vec<String>,
}

/// Why a page could not be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The page states no `METHOD /path`: an overview, a guide, an error-code list.
    NotAnOperation {
        /// The page's title.
        title: String,
        /// Where the title is.
        line: usize,
    },
    /// The page lacks its structure or has parts the importer does not understand.
    Page(Vec<Gap>),
    /// The spec the importer wrote does not validate (shown with the draft's diagnostics).
    Spec(Vec<Diagnostic>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotAnOperation { title, line } => write!(
                f,
                "line {line}: no `METHOD /path` line: the page ({title:?}) describes no operation"
            ),
            ImportError::Page(gaps) => {
                for gap in gaps {
                    writeln!(f, "gap[{}]: line {}: {}", gap.code, gap.line, gap.message)?;
                }
                write!(
                    f,
                    "{} part(s) of the page were not understood (pass --allow-gaps to write them as comments)",
                    gaps.len()
                )
            }
            ImportError::Spec(diagnostics) => {
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
                }
                write!(f, "the imported spec does not validate")
            }
        }
    }
}

/// The id of a page that names none: the official SDK's name for its method and path where the
/// pinned packages know the service, else from the title, else from method, path and body by
/// the official SDKs' convention; never the official name of another operation.
fn derived_id(
    draft: &draft::DraftOperation,
    service: &str,
    family: Option<&str>,
    inferred: &mut Vec<String>,
) -> (String, IdFrom) {
    let body_keys: Vec<&str> = draft
        .request
        .iter()
        .flatten()
        .map(|field| field.name.as_str())
        .collect();
    if let Some(id) = official::official_id(service, &draft.method, &draft.path, &body_keys) {
        inferred.push(format!(
            "operation id `{id}`: the official SDK's name for {} {}",
            draft.method, draft.path
        ));
        return (id.to_owned(), IdFrom::Official);
    }
    // The page's OpenStack family, if any: an official name from another version counts only
    // within the same family (Cinder's `/v2/.../snapshots` is not the native `/v5/.../snapshots`).
    let source_name = draft.source.as_ref().map(|s| s.file.as_str()).unwrap_or("");
    let family = family.or_else(|| naming::family_named_by(&[source_name, &draft.title]));
    if let Some(id) =
        official::official_id_in_other_version(service, &draft.method, &draft.path, &body_keys)
            .filter(|id| naming::family_named_by(&[id]).filter(|f| id.starts_with(f)) == family)
    {
        let versioned = naming::with_version_suffix(id, &draft.path);
        inferred.push(format!(
            "operation id `{versioned}`: the official SDK's `{id}` in another version of the API"
        ));
        return (versioned, IdFrom::Official);
    }
    let (mut id, from) = match naming::derive_title_id(&draft.title) {
        Some(id) => (id, IdFrom::Title),
        None => {
            // Titles in other languages name no id: the official SDKs' convention over the
            // method, the path and the request body's top-level keys decides.
            let id = naming::derive_id_from_request(&draft.method, &draft.path, &body_keys);
            inferred.push(format!(
                "operation id `{id}`: from the method and path (the title names none)"
            ));
            (id, IdFrom::Path)
        }
    };
    // The official SDKs put the OpenStack project in front of the ids of a compatible API
    // family (`CinderListVolumeTypes`), on every operation of it, not only where a name clashes.
    if let Some(family) = family {
        let prefixed = naming::with_family_prefix(&id, family);
        if prefixed != id {
            inferred.push(format!(
                "operation id `{prefixed}`: the page belongs to the OpenStack {family} family"
            ));
            id = prefixed;
        }
    }
    if official::names_another_operation(service, &id, &draft.method, &draft.path) {
        let taken = id.clone();
        id = naming::with_version_suffix(&id, &draft.path);
        if id == taken
            || official::names_another_operation(service, &id, &draft.method, &draft.path)
        {
            id = format!(
                "{taken}{}",
                draft.method.to_ascii_lowercase().to_upper_camel_case()
            );
        }
        inferred.push(format!(
            "operation id `{id}`: `{taken}` is the official SDK's name of another operation"
        ));
    }
    (id, from)
}

/// Error statuses whose bodies the page describes with identical tables (one `error_code` /
/// `error_msg` table per status is common) share one operation model, since every error
/// status of an operation decodes into one type.
fn share_error_bodies(draft: &mut draft::DraftOperation) {
    let bodies: Vec<&Vec<draft::DraftField>> = draft
        .responses
        .iter()
        .filter(|r| r.status >= 400)
        .filter_map(|r| match &r.body {
            Some(draft::DraftBody::Fields(fields)) => Some(fields),
            _ => None,
        })
        .collect();
    let [first, rest @ ..] = bodies.as_slice() else {
        return;
    };
    let same = |a: &Vec<draft::DraftField>, b: &Vec<draft::DraftField>| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.name == y.name && x.ty == y.ty && x.required == y.required && x.cell == y.cell
            })
    };
    if rest.is_empty() || !rest.iter().all(|body| same(first, body)) {
        return;
    }
    let name = format!("{}ErrorBody", draft.id);
    if draft.models.iter().any(|m| m.name == name) {
        return;
    }
    let fields = (*first).clone();
    for response in draft.responses.iter_mut().filter(|r| r.status >= 400) {
        if matches!(response.body, Some(draft::DraftBody::Fields(_))) {
            response.body = Some(draft::DraftBody::Ref(name.clone()));
        }
    }
    draft.models.push(draft::DraftModel {
        name,
        rust_name: None,
        fields,
    });
}

/// The minimal `service.yaml` for a service the importer creates.
pub fn minimal_service_yaml(name: &str) -> String {
    format!(
        "# Written by `specgen import` for a new service: check the title, endpoint and scope.\n\
         name: {name}\ntitle: {title}\ncrate: huaweicloud-sdk-{name}\nversion: 0.1.0\n\
         endpoint: https://{name}.{{region}}.myhuaweicloud.com\nscope: project\nauth: [token, aksk]\n",
        title = name.to_uppercase(),
    )
}

/// Imports one page. `service` is the service's `service.yaml` (its shared models are referred
/// to where a page's table matches one); `None` for a new service.
pub fn import_page(
    text: &str,
    options: &ImportOptions,
    service: Option<&SourceFile<ServiceSpec>>,
) -> Result<Imported, ImportError> {
    let vocabularies = vocabulary::Vocabularies::builtin();
    let format = options.format.unwrap_or_else(|| {
        read::detect(
            text,
            options.source_name.as_deref().map(std::path::Path::new),
        )
    });
    let document = read::read(text, format, vocabularies).map_err(|e| {
        ImportError::Page(vec![Gap {
            code: Code::PageUnreadable,
            line: e.line,
            message: e.message,
            place: None,
        }])
    })?;
    let service_spec = match service {
        Some(file) => file.spec.clone(),
        None => serde_yaml::from_str(&minimal_service_yaml(&options.service)).map_err(|e| {
            ImportError::Page(vec![Gap {
                code: Code::InvalidImportServiceName,
                line: 1,
                message: format!("service name: {e}"),
                place: None,
            }])
        })?,
    };
    let known_models: Vec<String> = service_spec.models.0.keys().cloned().collect();
    let interpreted = interpret::interpret(&document, options, vocabularies, &known_models)
        .map_err(|not_an_operation| ImportError::NotAnOperation {
            title: not_an_operation.message,
            line: not_an_operation.line,
        })?;
    let mut draft = interpreted.draft;
    draft.source = Some(draft::DraftSource {
        file: options.source_name.clone().unwrap_or_default(),
        format: format.name().to_owned(),
        sha256: sha256_hex(text),
    });
    let mut inferred = interpreted.inferred;
    let (id, id_from) = match &options.id {
        Some(id) => (id.clone(), IdFrom::Given),
        None => derived_id(
            &draft,
            &options.service,
            options.family.as_deref(),
            &mut inferred,
        ),
    };
    draft.id = id;
    let report = Report {
        format: format.name().to_owned(),
        rows_total: interpreted.rows_total,
        rows_understood: interpreted.rows_understood,
        inferred,
        prose_constraints: interpreted.prose_constraints,
        notes: interpreted.warnings,
    };
    use_shared_models(&mut draft, &interpreted.models, &service_spec);
    share_error_bodies(&mut draft);

    let mut gaps = interpreted.gaps;
    gaps.sort_by_key(|g| g.line);
    if !gaps.is_empty() && !options.allow_gaps {
        return Err(ImportError::Page(gaps));
    }
    for gap in &gaps {
        let comment = format!(
            "GAP[{}] (line {} of the page): {}",
            gap.code, gap.line, gap.message
        );
        match gap.place {
            Some(place) => draft.placed_comments.push((place, comment)),
            None => draft.comments.push(comment),
        }
    }

    let file_name = format!("{}.yaml", draft.id.to_snake_case());
    let warnings = check_against_service(&mut draft, &service_spec, &options.service)?;
    let yaml = draft.to_yaml();
    Ok(Imported {
        id: draft.id.clone(),
        file_name,
        yaml,
        warnings,
        gaps,
        report,
        draft,
        id_from,
    })
}

/// Validates `draft` as an operation of `service`: values of examples that break the page's
/// own tables become the examples' discrepancies (found afresh, so a draft can be checked
/// again against a service whose shared models changed), and what validation warns about
/// becomes the spec's header comments. Returns the warnings; a draft that does not validate
/// is an error.
pub(crate) fn check_against_service(
    draft: &mut draft::DraftOperation,
    service: &ServiceSpec,
    service_name: &str,
) -> Result<Vec<PageQuirk>, ImportError> {
    const QUIRK: &str = "Page quirk, kept as printed: ";
    draft.comments.retain(|c| !c.starts_with(QUIRK));
    for example in &mut draft.example_requests {
        example.discrepancies.clear();
    }
    for example in &mut draft.example_responses {
        example.discrepancies.clear();
    }
    let file_name = format!("{}.yaml", draft.id.to_snake_case());
    let (problems, warnings) = validate(draft, service, service_name, &file_name)?;
    for problem in problems {
        let note = format!(
            "The page's example value {}, contradicting its own table.",
            problem.message
        );
        match problem.example {
            ExampleRef::Request(index) => draft.example_requests[index]
                .discrepancies
                .push((problem.path, note)),
            ExampleRef::Response(status) => {
                if let Some(example) = draft
                    .example_responses
                    .iter_mut()
                    .find(|e| e.status == status)
                {
                    example.discrepancies.push((problem.path, note));
                }
            }
        }
    }
    let (_, warnings_after) = validate(draft, service, service_name, &file_name)?;
    let mut warnings: Vec<PageQuirk> = warnings.into_iter().chain(warnings_after).collect();
    warnings.sort();
    warnings.dedup();
    let quirks: Vec<String> = warnings.iter().map(|w| format!("{QUIRK}{w}")).collect();
    draft.comments.splice(0..0, quirks);
    Ok(warnings)
}

/// The `--report` text of one imported page: a summary line, then one indented line per
/// inferred fact, prose constraint, note, warning and gap.
pub fn report_text(page: &str, imported: &Imported) -> String {
    use std::fmt::Write;
    let report = &imported.report;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{page}: {} ({}), rows {}/{}, {} inferred, {} prose constraint(s), {} gap(s)",
        imported.id,
        report.format,
        report.rows_understood,
        report.rows_total,
        report.inferred.len(),
        report.prose_constraints.len(),
        imported.gaps.len()
    );
    let lines = [
        ("inferred", &report.inferred),
        ("prose constraint, not enforced", &report.prose_constraints),
        ("note", &report.notes),
    ];
    for (kind, list) in lines {
        for line in list {
            let _ = writeln!(out, "  {kind}: {line}");
        }
    }
    for quirk in &imported.warnings {
        let _ = writeln!(out, "  page quirk[{}]: {}", quirk.code, quirk.message);
    }
    for gap in &imported.gaps {
        let _ = writeln!(
            out,
            "  gap[{}]: line {}: {}",
            gap.code, gap.line, gap.message
        );
    }
    out
}

/// The page's SHA-256 in lowercase hex (provenance: a re-import can tell a changed page).
pub(crate) fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}
