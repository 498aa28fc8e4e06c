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
    // handed back to the system after 10 ms instead of mimalloc's default second, longer than
    // a run: with the default, the threads of the next stage allocate from fresh pages and both
    // stages' memory counts in the peak (deep-nested, N=1000: peak RSS 112–122 MB → 99–103 MB).
    // Not at once (0): every page freed was then given back and faulted in again when the next
    // file or group reused it, with the other core's TLB flushed each time, a quarter of the
    // time spent parsing specs. Measured side by side (medians, output on tmpfs): 0 → 10 ms
    // took deep-nested N=100 from 60.8 to 55.6 ms, N=1000 from 499 to 425 ms, imported N=1000
    // from 361 to 311 ms; peak RSS 106 → 108 MB and 63 → 65 MB.
    // SAFETY: sets a process-wide option before any thread is started; mimalloc documents
    // `mi_option_set` as callable at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
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
