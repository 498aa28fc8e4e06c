//! Memory spent reading specs, counted by an allocator of this test binary's own (no clock, no
//! RSS): the location index grows linearly with the file (issue 12, item 4), and a file over
//! the size limit is not read whole (item 5).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use specgen::spec::LocationIndex;
use specgen::spec::limits::MAX_SPEC_FILE_BYTES;

/// Counts the bytes live and the most live at once since the last [`Counting::reset_peak`].
struct Counting {
    live: AtomicUsize,
    peak: AtomicUsize,
}

// SAFETY: every call is passed to the system allocator as it came; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            self.grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        self.live.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            // Counted as if the old block were freed after the new one is taken: the most a
            // realloc that has to move holds at once.
            self.grew(new_size);
            self.live.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

impl Counting {
    fn grew(&self, size: usize) {
        let live = self.live.fetch_add(size, Ordering::Relaxed) + size;
        self.peak.fetch_max(live, Ordering::Relaxed);
    }

    fn reset_peak(&self) -> usize {
        let live = self.live.load(Ordering::Relaxed);
        self.peak.store(live, Ordering::Relaxed);
        live
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting {
    live: AtomicUsize::new(0),
    peak: AtomicUsize::new(0),
};

/// Held by each test while it counts, so no other test allocates meanwhile.
static COUNTING: Mutex<()> = Mutex::new(());

/// The most memory live at once while `work` ran, above what was live before, and what it
/// left live.
fn counted<T>(work: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = ALLOCATOR.reset_peak();
    let result = work();
    let peak = ALLOCATOR.peak.load(Ordering::Relaxed) - before;
    let kept = ALLOCATOR
        .live
        .load(Ordering::Relaxed)
        .saturating_sub(before);
    (result, peak, kept)
}

/// `depth` nested keys of `name_length` characters, then a flow list of `items` values.
fn deep_list(depth: usize, name_length: usize, items: usize) -> String {
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&" ".repeat(2 * level));
        text.push_str(&format!("{}{level:04}:\n", "n".repeat(name_length - 4)));
    }
    text.push_str(&" ".repeat(2 * depth));
    text.push_str("values: [");
    let values: Vec<String> = (0..items).map(|i| format!("v{i}")).collect();
    text.push_str(&values.join(", "));
    text.push_str("]\n");
    text
}

struct Measured {
    text_bytes: usize,
    entries: usize,
    /// The most memory live at once while the index was built, above what was live before.
    peak: usize,
    /// What the finished index keeps.
    kept: usize,
    found: Option<usize>,
}

fn measure(depth: usize, name_length: usize, items: usize) -> Measured {
    let text = deep_list(depth, name_length, items);
    let last_item = format!(
        "{}.values[{}]",
        (0..depth)
            .map(|level| format!("{}{level:04}", "n".repeat(name_length - 4)))
            .collect::<Vec<_>>()
            .join("."),
        items - 1
    );
    let (index, peak, kept) = counted(|| LocationIndex::build(&text));
    let found = index.find(&last_item).map(|position| position.line);
    Measured {
        text_bytes: text.len(),
        entries: index.len(),
        peak,
        kept,
        found,
    }
}

/// The input is the shape that made the former index quadratic: many items under a long path
/// (a deeply nested key chain of long names, then a long list). The former index stored each
/// item's full path, so its memory grew with items × path length.
#[test]
fn the_index_grows_linearly_with_the_file() {
    let _counting = COUNTING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // 40 levels of 400-character names over 20,000 items (~190 KB), then twice the items and
    // twice the name length (~380 KB): paths twice as long, twice as many.
    let small = measure(40, 400, 20_000);
    let large = measure(40, 800, 40_000);
    for measured in [&small, &large] {
        eprintln!(
            "{} bytes of text: {} entries, {} bytes at the peak, {} kept",
            measured.text_bytes, measured.entries, measured.peak, measured.kept
        );
        assert_eq!(
            measured.found,
            Some(41),
            "the last item is found on its line"
        );
        assert!(
            measured.peak <= 16 * measured.text_bytes,
            "{} bytes at the peak for a {}-byte text",
            measured.peak,
            measured.text_bytes
        );
        assert!(measured.kept <= measured.peak);
    }
    // One entry per key (40 names and `values`) and per item, nothing per path.
    assert_eq!(small.entries, 40 + 1 + 20_000);
    assert_eq!(large.entries, 40 + 1 + 40_000);
    let text_ratio = large.text_bytes as f64 / small.text_bytes as f64;
    let peak_ratio = large.peak as f64 / small.peak as f64;
    assert!(
        (1.9..2.1).contains(&text_ratio),
        "the large text is twice the small one: {text_ratio}"
    );
    assert!(
        peak_ratio <= 2.2,
        "twice the text takes {peak_ratio:.2} times the memory ({} → {} bytes)",
        small.peak,
        large.peak
    );
}

/// `generate` hashes every file of the spec directory before loading it (to skip a run that
/// would change nothing): a file over the limit is not read whole there either. The file is
/// sparse, 16 times the limit; the former hash read it into memory at once.
#[test]
fn the_input_hash_reads_no_file_whole() {
    let _counting = COUNTING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let temp = tempfile::tempdir().unwrap();
    let operations = temp.path().join("spec/big/operations");
    std::fs::create_dir_all(&operations).unwrap();
    std::fs::write(temp.path().join("spec/big/service.yaml"), "name: big\n").unwrap();
    let big = std::fs::File::create(operations.join("big.yaml")).unwrap();
    big.set_len(16 * MAX_SPEC_FILE_BYTES).unwrap();
    let target = specgen::Target {
        spec: temp.path().join("spec"),
        out: temp.path().join("generated"),
        runtime: specgen::Runtime::Emit,
        label: "spec".to_owned(),
        operations_per_crate: Some(100),
        call_examples: true,
        packaging: specgen::Packaging::default(),
    };
    let (hash, peak, _) = counted(|| specgen::write::fingerprint::inputs_hash(&target));
    assert!(
        hash.is_err(),
        "a file over the limit gives no hash (and so no shortcut)"
    );
    assert!(
        peak < 1024 * 1024,
        "{peak} bytes taken to hash the directory"
    );

    // Under the limit, the file is hashed a block at a time.
    big.set_len(MAX_SPEC_FILE_BYTES).unwrap();
    let (hash, peak, _) = counted(|| specgen::write::fingerprint::inputs_hash(&target));
    assert!(hash.is_ok());
    assert!(
        peak < 1024 * 1024,
        "{peak} bytes taken to hash the directory"
    );
}
