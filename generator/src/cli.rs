//! The `specgen` command line, a thin layer over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::write::ChangeKind;
use crate::{Diagnostics, Error};

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
    Validate {
        /// The spec directory.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
    },
}

/// Where specs are read and crates written.
#[derive(Debug, clap::Args)]
pub struct Dirs {
    /// The spec directory.
    #[arg(long, default_value = "spec")]
    pub spec: PathBuf,
    /// The output directory.
    #[arg(long, default_value = "generated")]
    pub out: PathBuf,
}

/// Runs the CLI: 0 on success, 1 when the specs are wrong, a check fails or I/O fails (clap
/// itself exits with 2 on usage errors).
pub fn run(cli: Cli) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let result = match &cli.command {
        Command::Generate(dirs) => crate::generate(&dirs.spec, &dirs.out).map(|generated| {
            print_warnings(&mut stderr, &generated.warnings);
            for change in &generated.changes {
                let (added, removed) = change.line_counts();
                let kind = match change.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Changed => "changed",
                    ChangeKind::Removed => "removed",
                };
                let path = dirs.out.join(&change.path);
                let _ = writeln!(stdout, "{kind:>8} {} (+{added} -{removed})", path.display());
            }
            let _ = writeln!(stdout, "{} file(s) changed", generated.changes.len());
            true
        }),
        Command::Check(dirs) => crate::check(&dirs.spec, &dirs.out).map(|checked| {
            print_warnings(&mut stderr, &checked.warnings);
            for change in &checked.changes {
                let _ = write!(stdout, "{}", change.unified_diff(&dirs.out));
            }
            if checked.changes.is_empty() {
                let _ = writeln!(stdout, "{} is up to date", dirs.out.display());
                true
            } else {
                let _ = writeln!(
                    stderr,
                    "error: {} file(s) in {} differ from what the specs produce; run `specgen generate`",
                    checked.changes.len(),
                    dirs.out.display()
                );
                false
            }
        }),
        Command::Validate { spec } => crate::load(spec).map_err(Error::Spec).map(|loaded| {
            print_warnings(&mut stderr, &loaded.warnings);
            let operations: usize = loaded.services.iter().map(|s| s.model.operations.len()).sum();
            let _ = writeln!(stdout, "{} service(s), {operations} operation(s): specs are valid", loaded.services.len());
            true
        }),
    };
    match result {
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

fn print_warnings(out: &mut impl Write, warnings: &Diagnostics) {
    for warning in warnings.warnings() {
        let _ = writeln!(out, "{warning}");
    }
}
