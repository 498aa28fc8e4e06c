//! `specgen import`: an API reference page → an operation spec.
//!
//! The page is split into sections ([`page`]), sections into tables and text ([`table`]), cells
//! into text and constraints ([`cells`], [`types`]); the result is a [`draft`] written as YAML
//! in the layout of the hand-written specs. The draft is then loaded and resolved like any
//! spec: example values that contradict the page's own tables are recorded as the example's
//! `discrepancies` (kept, not fixed), and what the importer did not understand is a gap, with
//! its line, that fails the import unless gaps are allowed.

pub mod cells;
mod checking;
pub mod draft;
mod files;
mod importer;
pub mod naming;
pub mod page;
mod shared;
pub mod table;
pub mod types;
pub mod yaml_out;

pub use files::{Written, import_into};
pub use naming::derive_id;

use heck::ToSnakeCase;

use self::checking::validate;
use self::importer::Importer;
use self::page::parse_page;
use self::shared::use_shared_models;
use crate::diagnostics::Diagnostic;
use crate::model::examples::ExampleRef;
use crate::spec::SourceFile;
use crate::spec::types::ServiceSpec;

/// What the caller knows that the page does not say.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The service the operation belongs to (`drs`).
    pub service: String,
    /// The operation id; derived from the title when absent.
    pub id: Option<String>,
    /// The page's address.
    pub doc_url: Option<String>,
    /// Keep going past what the importer does not understand, listing it in the YAML.
    pub allow_gaps: bool,
}

/// Something on the page the importer did not understand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// Line in the page.
    pub line: usize,
    /// What it is.
    pub message: String,
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
    pub warnings: Vec<String>,
    /// What was not understood (only with `allow_gaps`; otherwise they fail the import).
    pub gaps: Vec<Gap>,
}

/// Why a page could not be imported.
#[derive(Debug)]
pub enum ImportError {
    /// The page lacks its structure or has parts the importer does not understand.
    Page(Vec<Gap>),
    /// The spec the importer wrote does not validate (shown with the draft's diagnostics).
    Spec(Vec<Diagnostic>),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Page(gaps) => {
                for gap in gaps {
                    writeln!(f, "line {}: {}", gap.line, gap.message)?;
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
    let page = parse_page(text).map_err(|e| {
        ImportError::Page(vec![Gap {
            line: e.line,
            message: e.message,
        }])
    })?;
    let mut importer = Importer {
        gaps: Vec::new(),
        models: Vec::new(),
    };
    let mut draft = importer.draft(&page, options)?;
    let service_spec = match service {
        Some(file) => file.spec.clone(),
        None => serde_yaml::from_str(&minimal_service_yaml(&options.service)).map_err(|e| {
            ImportError::Page(vec![Gap {
                line: 1,
                message: format!("service name: {e}"),
            }])
        })?,
    };
    use_shared_models(&mut draft, &importer.models, &service_spec);

    let mut gaps = importer.gaps;
    gaps.sort_by_key(|g| g.line);
    if !gaps.is_empty() && !options.allow_gaps {
        return Err(ImportError::Page(gaps));
    }
    for gap in &gaps {
        draft.comments.push(format!(
            "GAP (line {} of the page): {}",
            gap.line, gap.message
        ));
    }

    // Validate as a spec; values of examples that break the page's own tables become the
    // examples' discrepancies, and the spec is written again with them.
    let file_name = format!("{}.yaml", draft.id.to_snake_case());
    let (problems, warnings) = validate(&draft, &service_spec, &options.service, &file_name)?;
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
    let (_, warnings_after) = validate(&draft, &service_spec, &options.service, &file_name)?;
    let mut warnings: Vec<String> = warnings.into_iter().chain(warnings_after).collect();
    warnings.sort();
    warnings.dedup();
    let quirks: Vec<String> = warnings
        .iter()
        .map(|w| format!("Page quirk, kept as printed: {w}"))
        .collect();
    draft.comments.splice(0..0, quirks);
    let yaml = draft.to_yaml();
    Ok(Imported {
        id: draft.id.clone(),
        file_name,
        yaml,
        warnings,
        gaps,
    })
}
