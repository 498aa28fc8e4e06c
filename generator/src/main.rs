//! The `specgen` binary; see [`specgen::cli`].

use clap::Parser;

// Generation allocates and frees millions of small token and syntax-tree nodes; mimalloc does
// that markedly faster than the system allocator (see bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v3, the version libmimalloc-sys builds by default),
/// which libmimalloc-sys names no constant for; a test below checks it still means that option.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Memory freed by one stage (the parsed spec files, dropped once the model is resolved) is
    // handed back to the system at once instead of after mimalloc's default second, longer
    // than a run: the threads of the next stage allocate from fresh pages, so the delay made
    // both stages' memory count in the peak. Measured on the deep-nested shape at N=1000: peak RSS 112–122 MB → 99–103 MB.
    // SAFETY: sets a process-wide option before any thread is started; mimalloc documents
    // `mi_option_set` as callable at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    specgen::cli::run(specgen::cli::Cli::parse())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_main_sets() {
        // mimalloc v3's options.c sets this option's default to 1000 (ms); another option at
        // this index would not have it (its neighbours default to 1 and 0).
        // SAFETY: reads a process-wide option.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
