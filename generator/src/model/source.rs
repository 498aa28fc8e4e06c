//! Where a model item came from, so that a back end can report a problem the way the checks do
//! (file, line, field) without reading spec data.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic};
use crate::spec::SourceFile;
use crate::spec::location::LazyLocations;

/// A spec file: its path as diagnostics name it and the positions of its keys (indexed only
/// when a diagnostic asks).
#[derive(Debug, Clone)]
pub struct SpecSource {
    path: Arc<Path>,
    locations: Arc<LazyLocations>,
}

impl SpecSource {
    pub(super) fn of<T>(file: &SourceFile<T>) -> Self {
        SpecSource {
            path: file.path.as_path().into(),
            locations: Arc::clone(&file.locations),
        }
    }

    /// The file, as diagnostics name it.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where `field` of the file is (or its nearest enclosing key), for messages that are not
    /// spec diagnostics.
    pub fn position(&self, field: &str) -> Option<crate::diagnostics::Position> {
        self.locations.find(field)
    }

    /// An error about `field` of the file, located.
    pub fn error(&self, code: Code, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, &self.path, field, message).at(self.locations.find(field))
    }
}
