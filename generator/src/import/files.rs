//! `specgen import` on disk: reading the page and the service, writing the spec files.

use std::path::Path;

use super::edits::{Departure, KeepEdits, Merged, merge};
use super::{ImportOptions, Imported, import_page, minimal_service_yaml};
use crate::spec::types::EditSpec;
use crate::spec::types::ServiceSpec;

/// What [`import_into`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The imported page.
    pub imported: Imported,
    /// The operation spec file.
    pub spec_file: std::path::PathBuf,
    /// The service file, when the service was new.
    pub service_file: Option<std::path::PathBuf>,
    /// The recorded edits of the spec written over, carried over.
    pub kept: Vec<EditSpec>,
    /// Recorded edits dropped, with why (`--take-page`, or the page now agrees).
    pub dropped: Vec<(EditSpec, String)>,
    /// Departures of the spec written over that no edit recorded and the import replaced
    /// (the page changed, or `--force`).
    pub replaced: Vec<Departure>,
}

/// Imports `page` into `spec_dir/<service>/operations/` (or `out`), creating a minimal
/// `service.yaml` when the service does not exist yet. Nothing is written when the import fails.
/// Over an existing spec, its recorded edits are kept (see [`import_into_keeping`]).
pub fn import_into(
    page: &Path,
    spec_dir: &Path,
    options: &ImportOptions,
    out: Option<&Path>,
) -> Result<Written, String> {
    import_into_keeping(page, spec_dir, options, out, KeepEdits::default())
}

/// [`import_into`], over an existing spec carrying its recorded `edits` over to the new import
/// (`crate::import::edits::merge`): a conflict, or a departure of the spec that `edits` does
/// not record while the page is unchanged, writes nothing and is the error, unless `keep` says
/// to take the page's values.
pub fn import_into_keeping(
    page: &Path,
    spec_dir: &Path,
    options: &ImportOptions,
    out: Option<&Path>,
    keep: KeepEdits,
) -> Result<Written, String> {
    let text = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
    let service_dir = spec_dir.join(&options.service);
    let service_path = service_dir.join(crate::spec::SERVICE_FILE);
    let service = if service_path.is_file() {
        let file = crate::spec::load::load_file::<ServiceSpec>(&service_path, String::new())
            .map_err(|d| d.to_string())?;
        Some(file)
    } else {
        check_service_name(&options.service)?;
        None
    };
    let imported = import_page(&text, options, service.as_ref())
        .map_err(|error| format!("{}: cannot import the page:\n{error}", page.display()))?;
    let spec_file = match out {
        Some(path) => path.to_path_buf(),
        None => service_dir
            .join(crate::spec::OPERATIONS_DIR)
            .join(&imported.file_name),
    };
    let (mut kept, mut dropped, mut replaced) = (Vec::new(), Vec::new(), Vec::new());
    let mut text = imported.yaml.clone();
    if spec_file.is_file() {
        let committed = std::fs::read_to_string(&spec_file)
            .map_err(|e| format!("{}: {e}", spec_file.display()))?;
        match merge(&imported.yaml, &committed, keep)
            .map_err(|e| format!("{}: {e}", spec_file.display()))?
        {
            Merged::Text {
                text: merged,
                kept: k,
                dropped: d,
                replaced: r,
            } => {
                (text, kept, dropped, replaced) = (merged, k, d, r);
            }
            Merged::Refused(problems) => {
                return Err(format!(
                    "{}: nothing written:\n{}\n(--take-page drops the edits in conflict, taking the page's values; --force drops departures no edit records)",
                    spec_file.display(),
                    problems.join("\n")
                ));
            }
        }
    }
    let service_file = match service {
        Some(_) => None,
        None => {
            write_atomically(&service_path, &minimal_service_yaml(&options.service))?;
            Some(service_path)
        }
    };
    write_atomically(&spec_file, &text)?;
    Ok(Written {
        imported,
        spec_file,
        service_file,
        kept,
        dropped,
        replaced,
    })
}

/// A new service's name: lowercase letters, digits and `-`.
pub(super) fn check_service_name(name: &str) -> Result<(), String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a service name (lowercase letters, digits and `-`)"
        ))
    }
}

/// Writes `text` to a temporary file beside `path`, then renames it into place, so a reader
/// never sees a partial file.
pub(super) fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let temporary = parent.join(format!(
        ".{}.specgen-tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    std::fs::write(&temporary, text).map_err(|e| format!("{}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, path).map_err(|e| format!("{}: {e}", path.display()))
}
