//! The `specgen` command line, a thin layer over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{CONFIG_FILE, load_config};
use crate::diagnostics::Diagnostics;
use crate::export::api_diff;
use crate::export::openapi::{self, Version};
use crate::pipeline::{self, Error};
use crate::target::{Runtime, Target};
use crate::write::ChangeKind;

/// Generates typed Rust bindings from the API specs under `spec/`.
#[derive(Debug, Parser)]
#[command(name = "specgen", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the crates, writing only files whose contents change.
    Generate(Dirs),
    /// Exit with status 1 and print a diff when the generated crates are not what the specs
    /// produce; write nothing.
    Check(Dirs),
    /// Check the specs only.
    Validate(Dirs),
    /// Write the OpenAPI document of one service, as JSON.
    Openapi(OpenapiArgs),
    /// Turn a captured API reference page into an operation spec.
    Import(ImportArgs),
    /// List the API changes from an older spec directory to a newer one, flagging breaking
    /// ones, and the version each crate needs; exit with status 1 when there is a breaking
    /// change (with `--check-version`: when a version is lower than its changes require).
    Diff(DiffArgs),
}

/// What `specgen import` reads and writes.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The page: a plain-text capture, a browser copy, Markdown or HTML. Several pages or
    /// directories import a whole reference into the service in one run. With `--check`: the
    /// spec directories or files to check (default: every target of `specgen.toml`).
    #[arg(required_unless_present = "check", num_args = 1..)]
    pub pages: Vec<PathBuf>,
    /// Re-import the page of every imported spec in memory and list where each spec departs
    /// from it: reviewed edits (recorded in its `edits:`) and errors; write nothing.
    #[arg(long, conflicts_with_all = ["id", "out", "ids", "allow_gaps", "take_page", "force"])]
    pub check: bool,
    /// With `--check`: a directory the pages are found in, by the file name each spec's
    /// `source:` records (searched recursively; may be given several times).
    #[arg(long = "pages", value_name = "DIR", default_value = "../shared")]
    pub page_dirs: Vec<PathBuf>,
    /// Over an existing spec, drop the recorded edits the page changed under, taking the
    /// page's values (without it, such a conflict writes nothing).
    #[arg(long)]
    pub take_page: bool,
    /// Over an existing spec, drop its departures from the import that `edits` does not
    /// record (without it, they write nothing).
    #[arg(long)]
    pub force: bool,
    /// A YAML file mapping page file names to operation ids (`创建云硬盘-API-v2.md: CreateVolume`),
    /// for a bulk import.
    #[arg(long)]
    pub ids: Option<PathBuf>,
    /// The service the operation belongs to; a new one gets a minimal `service.yaml`.
    #[arg(long, required_unless_present = "check")]
    pub service: Option<String>,
    /// The operation id the official SDKs use; derived from the title when left out.
    #[arg(long)]
    pub id: Option<String>,
    /// The page's address.
    #[arg(long)]
    pub doc: Option<String>,
    /// Write the spec here instead of `<spec>/<service>/operations/<id>.yaml`.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The spec directory.
    #[arg(long, default_value = "spec")]
    pub spec: PathBuf,
    /// Write the spec even where the page was not understood, listing those places as comments.
    #[arg(long)]
    pub allow_gaps: bool,
    /// Print what was understood: rows understood of rows on the page, inferred facts, prose
    /// constraints kept as text, notes and gaps.
    #[arg(long)]
    pub report: bool,
    /// The page's format (`text`, `tsv`, `markdown`, `html`); detected when left out.
    #[arg(long, value_parser = parse_format)]
    pub format: Option<crate::import::read::Format>,
}

fn parse_format(name: &str) -> Result<crate::import::read::Format, String> {
    crate::import::read::Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = crate::import::read::Format::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect();
        format!(
            "unknown format `{name}`; expected one of {}",
            names.join(", ")
        )
    })
}

/// The two spec versions `specgen diff` compares.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older spec directory.
    pub old: PathBuf,
    /// The newer spec directory (default `spec`).
    #[arg(conflicts_with = "spec")]
    pub new: Option<PathBuf>,
    /// The newer spec directory, as an option.
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// Exit with status 1 when a service's new `version` is lower than its changes require,
    /// and only then: a breaking change with a version bumped enough passes.
    #[arg(long)]
    pub check_version: bool,
}

/// Where specs are read and crates written. Without `--spec` and `--out`, the targets listed
/// in `specgen.toml` in the working directory, or else `spec` → `generated`.
#[derive(Debug, clap::Args)]
pub struct Dirs {
    /// The spec directory.
    #[arg(long)]
    pub spec: Option<PathBuf>,
    /// The output directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Instead of emitting the runtime crate into the output, depend on the one at this path
    /// (relative to each service crate's directory).
    #[arg(long)]
    pub runtime: Option<String>,
    /// Emit a service with more operations than this as several crates compiled side by side
    /// (default: 50 for a service of up to 400 operations; a larger one in 8 crates of at most
    /// 250 each; `target::default_operations_per_crate`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub operations_per_crate: Option<u32>,
    /// Also list, per service, the structurally identical types made one shared model: each
    /// shared model and the types merged into it, with their spec files.
    #[arg(long)]
    pub report: bool,
}

/// What `specgen openapi` exports, and where to.
#[derive(Debug, clap::Args)]
pub struct OpenapiArgs {
    /// The spec directory.
    #[arg(long, default_value = "spec")]
    pub spec: PathBuf,
    /// The service to export; may be left out when the spec directory has only one.
    #[arg(long)]
    pub service: Option<String>,
    /// The OpenAPI version: 3.1 (3.1.0), or 3.0 (3.0.3) for tools that read only 3.0.
    #[arg(long = "openapi", value_name = "VERSION", default_value = "3.1")]
    pub version: Version,
    /// Write the document to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

impl ValueEnum for Version {
    fn value_variants<'a>() -> &'a [Self] {
        &Version::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

impl Dirs {
    fn targets(&self) -> Result<Vec<Target>, String> {
        if self.spec.is_none()
            && self.out.is_none()
            && self.runtime.is_none()
            && self.operations_per_crate.is_none()
            && Path::new(CONFIG_FILE).is_file()
        {
            return load_config(Path::new(CONFIG_FILE));
        }
        let mut target = Target::new(
            self.spec.clone().unwrap_or_else(|| PathBuf::from("spec")),
            self.out
                .clone()
                .unwrap_or_else(|| PathBuf::from("generated")),
        );
        target.runtime = self.runtime.clone().map_or(Runtime::Emit, Runtime::At);
        if let Some(limit) = self.operations_per_crate {
            target.operations_per_crate = Some(limit as usize);
        }
        Ok(vec![target])
    }
}

/// Runs the CLI: 0 on success, 1 when the specs are wrong, a check fails or I/O fails (clap
/// itself exits with 2 on usage errors).
pub fn run(cli: Cli) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let targets = |dirs: &Dirs| dirs.targets().map_err(Error::Internal);
    let outcome = match &cli.command {
        Command::Openapi(args) => return export_openapi(args, &mut stdout, &mut stderr),
        Command::Import(args) if args.check => import_check(args, &mut stdout, &mut stderr),
        Command::Import(args) if is_bulk(args) => {
            if args.id.is_some() || args.out.is_some() {
                let _ = writeln!(
                    stderr,
                    "error: --id and --out name one operation; with several pages use --ids FILE"
                );
                return ExitCode::from(2);
            }
            import_bulk(args, &mut stdout, &mut stderr)
        }
        Command::Import(args) => import(args, &mut stdout, &mut stderr),
        Command::Diff(args) => api_diff(args, &mut stdout, &mut stderr),
        Command::Validate(dirs) => {
            targets(dirs).and_then(|t| validate(&t, &mut stdout, &mut stderr))
        }
        Command::Generate(dirs) => {
            targets(dirs).and_then(|t| generate(&t, &mut stdout, &mut stderr))
        }
        Command::Check(dirs) => targets(dirs).and_then(|t| check(&t, &mut stdout, &mut stderr)),
    };
    let outcome = match (&cli.command, outcome) {
        (Command::Validate(dirs) | Command::Generate(dirs) | Command::Check(dirs), Ok(done))
            if dirs.report =>
        {
            targets(dirs)
                .and_then(|t| sharing_report(&t, &mut stdout))
                .map(|()| done)
        }
        (_, outcome) => outcome,
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            let _ = writeln!(stderr, "{error}");
            if matches!(error, Error::Spec(_)) {
                let _ = writeln!(stderr, "nothing was written");
            }
            ExitCode::from(1)
        }
    }
}

/// Several pages, a directory or an ids file: a whole reference.
fn is_bulk(args: &ImportArgs) -> bool {
    args.pages.len() > 1 || args.pages.iter().any(|p| p.is_dir()) || args.ids.is_some()
}

fn import_bulk(
    args: &ImportArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    use crate::import::bulk::{Outcome, import_all_keeping, read_ids};
    let ids = match &args.ids {
        Some(path) => read_ids(path).map_err(Error::Internal)?,
        None => Default::default(),
    };
    let options = crate::import::ImportOptions {
        service: args.service.clone().unwrap_or_default(),
        allow_gaps: args.allow_gaps,
        format: args.format,
        doc_url: args.doc.clone(),
        ..Default::default()
    };
    let result = import_all_keeping(&args.pages, &args.spec, &options, &ids, keep_edits(args))
        .map_err(Error::Internal)?;
    if let Some(file) = &result.service_file {
        let _ = writeln!(
            stdout,
            "wrote {} (a new service: check its title, endpoint and scope)",
            file.display()
        );
    }
    let (mut written, mut skipped, mut duplicates, mut failed) = (0, 0, 0, 0);
    for page in &result.pages {
        let name = page.page.display();
        match &page.outcome {
            Outcome::Written { imported, file } => {
                written += 1;
                let _ = writeln!(
                    stdout,
                    "imported {name} → {} ({})",
                    file.display(),
                    imported.id
                );
                if args.report {
                    let _ = write!(
                        stdout,
                        "{}",
                        crate::import::report_text(&name.to_string(), imported)
                    );
                }
            }
            Outcome::Skipped { title } => {
                skipped += 1;
                let _ = writeln!(stdout, "skipped {name}: no operation ({title})");
            }
            Outcome::Duplicate {
                same_as,
                differences,
            } => {
                duplicates += 1;
                let _ = writeln!(
                    stdout,
                    "same operation as {same_as}, not written twice: {name}"
                );
                for difference in differences {
                    let _ = writeln!(stdout, "  differs: {difference}");
                }
            }
            Outcome::Failed { error } => {
                failed += 1;
                let _ = writeln!(stderr, "failed {name}:");
                for line in error.lines() {
                    let _ = writeln!(stderr, "  {line}");
                }
            }
        }
    }
    let _ = writeln!(
        stdout,
        "{written} written, {skipped} skipped, {duplicates} duplicate(s), {failed} failed"
    );
    Ok(failed == 0)
}

fn import(
    args: &ImportArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let page = &args.pages[0];
    let options = crate::import::ImportOptions {
        service: args.service.clone().unwrap_or_default(),
        id: args.id.clone(),
        doc_url: args.doc.clone(),
        allow_gaps: args.allow_gaps,
        format: args.format,
        source_name: page.file_name().map(|n| n.to_string_lossy().into_owned()),
        family: None,
    };
    let written = crate::import::import_into_keeping(
        page,
        &args.spec,
        &options,
        args.out.as_deref(),
        keep_edits(args),
    )
    .map_err(Error::Internal)?;
    for warning in &written.imported.warnings {
        let _ = writeln!(
            stderr,
            "warning[{}]: the page is inconsistent, kept as printed: {warning}",
            warning.code
        );
    }
    for gap in &written.imported.gaps {
        let _ = writeln!(
            stderr,
            "warning[{}]: line {} of the page was not understood: {}",
            gap.code, gap.line, gap.message
        );
    }
    if let Some(service_file) = &written.service_file {
        let _ = writeln!(
            stdout,
            "wrote {} (a new service: check its title, endpoint and scope)",
            service_file.display()
        );
    }
    let _ = writeln!(
        stdout,
        "wrote {} (operation {})",
        written.spec_file.display(),
        written.imported.id
    );
    for edit in &written.kept {
        let _ = writeln!(stdout, "  kept edit at `{}`: {}", edit.at, edit.why);
    }
    for (edit, why) in &written.dropped {
        let _ = writeln!(stdout, "  dropped edit at `{}`: {why}", edit.at);
    }
    for departure in &written.replaced {
        let _ = writeln!(
            stdout,
            "  replaced `{}`, which no edit records: {} → {}",
            crate::import::edits::format_path(&departure.path),
            crate::import::edits::show(departure.committed.as_ref()),
            crate::import::edits::show(departure.import.as_ref())
        );
    }
    if args.report {
        let _ = write!(
            stdout,
            "{}",
            crate::import::report_text(&page.display().to_string(), &written.imported)
        );
    }
    Ok(true)
}

fn keep_edits(args: &ImportArgs) -> crate::import::edits::KeepEdits {
    crate::import::edits::KeepEdits {
        take_page: args.take_page,
        force: args.force,
    }
}

/// `specgen import --check`: every imported spec against a fresh import of its page.
fn import_check(
    args: &ImportArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let inputs = if args.pages.is_empty() {
        let targets = if Path::new(CONFIG_FILE).is_file() {
            load_config(Path::new(CONFIG_FILE)).map_err(Error::Internal)?
        } else {
            vec![Target::new(
                PathBuf::from("spec"),
                PathBuf::from("generated"),
            )]
        };
        targets.into_iter().map(|t| t.spec).collect()
    } else {
        args.pages.clone()
    };
    if !args.page_dirs.iter().any(|dir| dir.is_dir()) {
        let dirs: Vec<String> = args
            .page_dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        return Err(Error::Internal(format!(
            "error: no page directory: {} does not exist; give the directories that hold the pages with --pages DIR",
            dirs.join(", ")
        )));
    }
    let checks =
        crate::import::recheck::check_specs(&inputs, &args.page_dirs).map_err(Error::Internal)?;
    let (mut reviewed, mut errors) = (0, 0);
    for check in &checks {
        reviewed += check.reviewed.len();
        errors += check.errors.len();
        if args.report {
            for (edit, import, committed) in &check.reviewed {
                let _ = writeln!(
                    stdout,
                    "reviewed edit: {}: {}: {} → {} ({})",
                    check.file.display(),
                    edit.at,
                    crate::import::edits::show(import.as_ref()),
                    crate::import::edits::show(committed.as_ref()),
                    edit.why
                );
            }
        }
        for error in &check.errors {
            let _ = writeln!(stderr, "{error}");
        }
        if let Some(diff) = &check.diff {
            let _ = write!(stderr, "{diff}");
        }
    }
    let _ = writeln!(
        stdout,
        "{} imported spec(s) checked against their pages: {reviewed} reviewed edit(s), {errors} error(s)",
        checks.len()
    );
    Ok(errors == 0)
}

/// `specgen diff`: the changes, the count, and each crate's required version on `stdout`; a
/// version lower than required on `stderr`, naming the service file and its `version` field.
/// `Ok(false)` is exit status 1: a breaking change, or with `--check-version` a version too low.
pub fn api_diff(
    args: &DiffArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let models = |dir: &Path| -> Result<Vec<crate::model::Service>, Error> {
        let loaded = pipeline::load(dir).map_err(Error::Spec)?;
        Ok(loaded.services)
    };
    let new_dir = args
        .new
        .as_deref()
        .or(args.spec.as_deref())
        .unwrap_or(Path::new("spec"));
    let (old, new) = (models(&args.old)?, models(new_dir)?);
    let changes = api_diff::diff(&old, &new);
    for change in &changes {
        let _ = writeln!(stdout, "{change}");
    }
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    let _ = writeln!(stdout, "{} change(s), {breaking} breaking", changes.len());
    let versions = api_diff::required_versions(&old, &new, &changes);
    for version in &versions {
        let _ = writeln!(stdout, "{version}");
    }
    for service in new.iter().filter(|s| !old.iter().any(|o| o.name == s.name)) {
        let _ = writeln!(
            stdout,
            "{}: new crate at {}",
            service.package, service.version
        );
    }
    if !args.check_version {
        return Ok(breaking == 0);
    }
    let mut enough = true;
    for version in versions.iter().filter(|v| !v.is_enough()) {
        enough = false;
        let Some(service) = new.iter().find(|s| s.name == version.service) else {
            continue;
        };
        let file = service
            .source
            .path()
            .display()
            .to_string()
            .replace('\\', "/");
        let at = service
            .source
            .position("version")
            .map(|p| format!(":{}:{}", p.line, p.column))
            .unwrap_or_default();
        let _ = writeln!(
            stderr,
            "error: {file}{at}: version: {} is lower than {}, which the changes to {} require ({})",
            version.new,
            version.required,
            version.package,
            version.reason()
        );
    }
    Ok(enough)
}

fn validate(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let mut services = 0;
    let mut operations = 0;
    for target in targets {
        let loaded = pipeline::load_labeled(&target.spec, &target.label).map_err(Error::Spec)?;
        print_warnings(stderr, &loaded.warnings);
        services += loaded.services.len();
        operations += loaded
            .services
            .iter()
            .map(|s| s.operations.len())
            .sum::<usize>();
    }
    let _ = writeln!(
        stdout,
        "{services} service(s), {operations} operation(s): specs are valid"
    );
    Ok(true)
}

/// Every target is planned before anything is written, so one broken spec anywhere leaves
/// every output as it was.
fn generate(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let planned = targets
        .iter()
        .map(pipeline::plan)
        .collect::<Result<Vec<_>, _>>()?;
    let mut changed = 0;
    for (target, planned) in targets.iter().zip(&planned) {
        print_warnings(stderr, &planned.warnings);
        let generated = pipeline::apply(target, planned, |lock_file| {
            let _ = writeln!(stderr, "{}", crate::write::lock::waiting_note(lock_file));
        })?;
        // A line per file, thousands in a large run: written in blocks, not a call each.
        let mut stdout = std::io::BufWriter::new(&mut *stdout);
        for change in &generated.changes {
            let (added, removed) = change.line_counts();
            let kind = match change.kind {
                ChangeKind::Added => "added",
                ChangeKind::Changed => "changed",
                ChangeKind::Removed => "removed",
            };
            let path = target.out.join(&change.path);
            let _ = writeln!(stdout, "{kind:>8} {} (+{added} -{removed})", path.display());
        }
        changed += generated.changes.len();
        let _ = stdout.flush();
    }
    let _ = writeln!(stdout, "{changed} file(s) changed");
    Ok(true)
}

fn check(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let planned = targets
        .iter()
        .map(pipeline::check)
        .collect::<Result<Vec<_>, _>>()?;
    for generated in &planned {
        print_warnings(stderr, &generated.warnings);
    }
    let mut up_to_date = true;
    for (target, generated) in targets.iter().zip(&planned) {
        for change in &generated.changes {
            if let Some(source) = change.source() {
                let _ = writeln!(
                    stdout,
                    "# {} comes from {source}",
                    target.out.join(&change.path).display()
                );
            }
            let _ = write!(stdout, "{}", change.unified_diff(&target.out));
        }
        if generated.changes.is_empty() {
            let _ = writeln!(stdout, "{} is up to date", target.out.display());
        } else {
            up_to_date = false;
            let _ = writeln!(
                stderr,
                "error: {} file(s) in {} differ from what the specs produce; run `specgen generate`",
                generated.changes.len(),
                target.out.display()
            );
        }
    }
    Ok(up_to_date)
}

/// `--report`: per service of each target that has any, the shared models that model sharing made from
/// identical types (`Volume (spec/evs/operations/a.yaml) ← VolumeDetail (spec/evs/operations/b.yaml)`),
/// in service order.
fn sharing_report(targets: &[Target], stdout: &mut impl Write) -> Result<(), Error> {
    for target in targets {
        let loaded = pipeline::load_labeled(&target.spec, &target.label).map_err(Error::Spec)?;
        for service in loaded.services.iter().filter(|s| !s.merges.is_empty()) {
            let merged: usize = service.merges.iter().map(|m| m.merged.len()).sum();
            let _ = writeln!(
                stdout,
                "model sharing in {} ({}): {merged} type(s) merged into {} shared model(s)",
                service.name,
                target.spec.display(),
                service.merges.len()
            );
            for merge in &service.merges {
                let others: Vec<String> = merge
                    .merged
                    .iter()
                    .map(|(name, origin)| format!("{name} ({origin})"))
                    .collect();
                let _ = writeln!(
                    stdout,
                    "  {} ({}) ← {}",
                    merge.model,
                    merge.origin,
                    others.join(", ")
                );
            }
        }
    }
    Ok(())
}

fn export_openapi(
    args: &OpenapiArgs,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> ExitCode {
    let written = openapi_text(args, stderr).and_then(|text| match &args.out {
        Some(path) => std::fs::write(path, &text)
            .map_err(|e| format!("error: cannot write {}: {e}", path.display())),
        None => stdout
            .write_all(text.as_bytes())
            .map_err(|e| format!("error: cannot write the document: {e}")),
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(stderr, "{message}");
            ExitCode::from(1)
        }
    }
}

/// The document as pretty-printed JSON, or the message to print.
fn openapi_text(args: &OpenapiArgs, stderr: &mut impl Write) -> Result<String, String> {
    let loaded = pipeline::load(&args.spec).map_err(|diagnostics| diagnostics.to_string())?;
    let names: Vec<&str> = loaded.services.iter().map(|s| s.name.as_str()).collect();
    let service = match (&args.service, loaded.services.as_slice()) {
        (Some(name), services) => services.iter().find(|s| &s.name == name).ok_or_else(|| {
            format!(
                "error: no service `{name}` in {}; services: {}",
                args.spec.display(),
                names.join(", ")
            )
        })?,
        (None, [only]) => only,
        (None, _) => {
            return Err(format!(
                "error: {} has {} services; choose one with --service: {}",
                args.spec.display(),
                names.len(),
                names.join(", ")
            ));
        }
    };
    // Only the exported service's warnings: the others' say nothing about this document.
    let own_files: Vec<&Path> = std::iter::once(&service.source)
        .chain(service.operations.iter().map(|op| &op.source))
        .map(|source| source.path())
        .collect();
    for warning in loaded.warnings.warnings() {
        if own_files.contains(&warning.file.as_path()) {
            let _ = writeln!(stderr, "{warning}");
        }
    }
    let document = openapi::document(service, args.version).map_err(|d| d.to_string())?;
    let mut text = serde_json::to_string_pretty(&document)
        .map_err(|e| format!("error: cannot serialize the document: {e}"))?;
    text.push('\n');
    Ok(text)
}

fn print_warnings(out: &mut impl Write, warnings: &Diagnostics) {
    for warning in warnings.warnings() {
        let _ = writeln!(out, "{warning}");
    }
}
