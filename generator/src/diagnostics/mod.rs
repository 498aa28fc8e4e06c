//! Errors and warnings about specs, located in the file that caused them.
//!
//! Every stage reports problems as [`Diagnostic`]s so the CLI, `build.rs` users and tests all see
//! the same text: one line saying what is wrong and where (`file:line:column: field`), then an
//! optional `help:` line saying what would be right. Each carries a stable [`Code`] naming the
//! kind of problem (`error[E0008]: ...`), listed in `spec/README.md`.

mod codes;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use self::codes::Code;

/// How bad a diagnostic is: errors stop generation, warnings are printed and generation goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The spec cannot be turned into code.
    Error,
    /// The spec is usable but records something suspicious (usually a quirk of the page itself).
    Warning,
}

/// What a diagnostic is about, for callers that act on findings (the importer turns example
/// problems into the page's recorded discrepancies) without reading their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// Anything about the spec itself.
    #[default]
    Spec,
    /// An example value that breaks its schema and is not listed as a discrepancy (an error).
    ExampleProblem,
    /// An example value that breaks its schema where the spec lists it as the page's own
    /// discrepancy (a warning).
    PageDiscrepancy,
}

/// A position in a spec file, 1-based as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    /// Line, starting at 1.
    pub line: usize,
    /// Column, starting at 1.
    pub column: usize,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The kind of problem, stable across releases (see [`Code`]).
    pub code: Code,
    /// The spec file, as given to the loader (relative to the working directory when it was).
    pub file: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The YAML path of the offending key, such as `request.body.fields.type.enum`; empty for
    /// problems with the file as a whole.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// What would be right, when there is something useful to say.
    pub help: Option<String>,
    /// What it is about.
    #[serde(default)]
    pub kind: DiagnosticKind,
}

impl Diagnostic {
    /// An error of kind `code` about `field` in `file`, not yet located (see
    /// [`crate::spec::LocationIndex`]).
    pub fn error(
        code: Code,
        file: &Path,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        debug_assert_eq!(
            code.severity(),
            Severity::Error,
            "{code} is not an error code"
        );
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            position: None,
            field: field.into(),
            message: message.into(),
            help: None,
            kind: DiagnosticKind::Spec,
        }
    }

    /// A warning of kind `code` about `field` in `file`.
    pub fn warning(
        code: Code,
        file: &Path,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        debug_assert_eq!(
            code.severity(),
            Severity::Warning,
            "{code} is not a warning code"
        );
        Diagnostic {
            severity: Severity::Warning,
            code,
            file: file.to_path_buf(),
            position: None,
            field: field.into(),
            message: message.into(),
            help: None,
            kind: DiagnosticKind::Spec,
        }
    }

    /// The same diagnostic, saying what it is about.
    pub fn with_kind(mut self, kind: DiagnosticKind) -> Self {
        self.kind = kind;
        self
    }

    /// Adds the `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Forward slashes keep messages (and their snapshots) identical on every platform.
        write!(
            f,
            "{severity}[{}]: {}",
            self.code,
            self.file.display().to_string().replace('\\', "/")
        )?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of one run, errors first, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorts by file, then position, errors before warnings at the same place.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.field, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.field, &b.message))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        let warnings = self.0.len() - errors;
        write!(f, "{errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Diagnostics {}
