//! The `specgen` binary; see [`specgen::cli`].

use clap::Parser;

// Generation allocates and frees millions of small token and syntax-tree nodes; mimalloc does
// that markedly faster than the system allocator (see bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    specgen::cli::run(specgen::cli::Cli::parse())
}
