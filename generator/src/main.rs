//! The `specgen` binary; see [`specgen::cli`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    specgen::cli::run(specgen::cli::Cli::parse())
}
