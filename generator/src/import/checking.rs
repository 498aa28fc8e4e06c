//! Loading the importer's draft as a spec, to find what validation would say about it.

use std::path::Path;

use super::draft::DraftOperation;
use super::{ImportError, PageQuirk};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::model::examples::{BodyProblem, body_problems};
use crate::spec::load::parse_text;
use crate::spec::types::{OperationSpec, ServiceSpec};
use crate::spec::{ServiceFiles, SourceFile};

/// Loads and resolves the draft; returns the example values that break their schema and the
/// warnings (as messages without file positions, which change as the file is rewritten).
pub(super) fn validate(
    draft: &DraftOperation,
    service: &ServiceSpec,
    service_name: &str,
    file_name: &str,
) -> Result<(Vec<BodyProblem>, Vec<PageQuirk>), ImportError> {
    let path = Path::new(service_name).join("operations").join(file_name);
    let yaml = draft.to_yaml();
    let operation: SourceFile<OperationSpec> =
        parse_text(&path, String::new(), &yaml).map_err(|d| ImportError::Spec(vec![*d]))?;
    let service_file = SourceFile {
        path: Path::new(service_name).join("service.yaml"),
        origin: String::new(),
        spec: service.clone(),
        locations: Default::default(),
    };
    let files = ServiceFiles {
        service: service_file,
        operations: vec![operation],
        examples: Vec::new(),
    };
    let errors_without_examples = |diagnostics: &[Diagnostic]| -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .filter(|d| d.is_error() && d.kind != DiagnosticKind::ExampleProblem)
            .cloned()
            .collect()
    };
    match crate::model::resolve_service(&files) {
        Ok((model, diagnostics)) => {
            let mut scratch = Vec::new();
            let problems = body_problems(
                &model,
                &model.operations[0],
                &files.operations[0],
                &mut scratch,
            );
            let warnings = diagnostics
                .iter()
                .filter(|d| !d.is_error() && d.kind != DiagnosticKind::PageDiscrepancy)
                .map(|d| PageQuirk {
                    message: format!("{}: {}", d.field, d.message),
                    code: d.code,
                })
                .collect();
            Ok((problems, warnings))
        }
        Err(diagnostics) => {
            let errors = errors_without_examples(&diagnostics);
            if errors.is_empty() {
                // Only example errors: resolve again ignoring examples to get the model.
                let mut files = files;
                let examples = std::mem::take(&mut files.operations[0].spec.examples);
                let (model, diagnostics) =
                    crate::model::resolve_service(&files).map_err(ImportError::Spec)?;
                files.operations[0].spec.examples = examples;
                let mut scratch = Vec::new();
                let problems = body_problems(
                    &model,
                    &model.operations[0],
                    &files.operations[0],
                    &mut scratch,
                );
                let hard: Vec<Diagnostic> =
                    scratch.into_iter().filter(Diagnostic::is_error).collect();
                if !hard.is_empty() {
                    return Err(ImportError::Spec(hard));
                }
                let warnings = diagnostics
                    .iter()
                    .filter(|d| !d.is_error())
                    .map(|d| PageQuirk {
                        message: format!("{}: {}", d.field, d.message),
                        code: d.code,
                    })
                    .collect();
                Ok((problems, warnings))
            } else {
                Err(ImportError::Spec(errors))
            }
        }
    }
}
