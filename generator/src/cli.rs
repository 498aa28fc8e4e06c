//! The `specgen` command line, a thin layer over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{CONFIG_FILE, load_config};
use crate::write::ChangeKind;
use crate::{Diagnostics, Error, Generated, Runtime, Target};

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
}

impl Dirs {
    fn targets(&self) -> Result<Vec<Target>, String> {
        if self.spec.is_none()
            && self.out.is_none()
            && self.runtime.is_none()
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
        Ok(vec![target])
    }
}

/// Runs the CLI: 0 on success, 1 when the specs are wrong, a check fails or I/O fails (clap
/// itself exits with 2 on usage errors).
pub fn run(cli: Cli) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let (Command::Generate(dirs) | Command::Check(dirs) | Command::Validate(dirs)) = &cli.command;
    let targets = match dirs.targets() {
        Ok(targets) => targets,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return ExitCode::from(1);
        }
    };
    let outcome = match &cli.command {
        Command::Validate(_) => validate(&targets, &mut stdout, &mut stderr),
        Command::Generate(_) => generate(&targets, &mut stdout, &mut stderr),
        Command::Check(_) => check(&targets, &mut stdout, &mut stderr),
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

fn validate(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let mut services = 0;
    let mut operations = 0;
    for target in targets {
        let loaded = crate::load_labeled(&target.spec, &target.label).map_err(Error::Spec)?;
        print_warnings(stderr, &loaded.warnings);
        services += loaded.services.len();
        operations += loaded
            .services
            .iter()
            .map(|s| s.model.operations.len())
            .sum::<usize>();
    }
    let _ = writeln!(
        stdout,
        "{services} service(s), {operations} operation(s): specs are valid"
    );
    Ok(true)
}

/// Every target is rendered and compared before anything is written, so one broken spec
/// anywhere leaves every output as it was.
fn plan_all(targets: &[Target], stderr: &mut impl Write) -> Result<Vec<Generated>, Error> {
    let planned = targets
        .iter()
        .map(crate::check)
        .collect::<Result<Vec<_>, _>>()?;
    for generated in &planned {
        print_warnings(stderr, &generated.warnings);
    }
    Ok(planned)
}

fn generate(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let planned = plan_all(targets, stderr)?;
    let mut changed = 0;
    for (target, generated) in targets.iter().zip(&planned) {
        crate::write::apply(&target.out, &generated.changes).map_err(Error::Io)?;
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
    }
    let _ = writeln!(stdout, "{changed} file(s) changed");
    Ok(true)
}

fn check(
    targets: &[Target],
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Result<bool, Error> {
    let planned = plan_all(targets, stderr)?;
    let mut up_to_date = true;
    for (target, generated) in targets.iter().zip(&planned) {
        for change in &generated.changes {
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

fn print_warnings(out: &mut impl Write, warnings: &Diagnostics) {
    for warning in warnings.warnings() {
        let _ = writeln!(out, "{warning}");
    }
}
