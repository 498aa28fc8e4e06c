//! Generation memory grows linearly with the spec: at most 50 bytes per byte of spec, plus a
//! constant. Measured by a counting global allocator (so the numbers are exact and the same on
//! every run, unlike RSS), in a test binary of its own with a single test, so nothing else
//! allocates meanwhile.
//!
//! The spec is the shape that once took ~280 bytes per byte (issue 12, item 5): models of many
//! fields, which all land in one `models.rs` whose whole syntax tree was held at once.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on as it is.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(pointer, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        moved
    }
}

fn grew(size: usize) {
    let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes of memory allowed per byte of spec.
const BYTES_PER_SPEC_BYTE: usize = 50;
/// Memory a run takes whatever the spec: the runtime crate's templates, the largest single
/// struct's syntax tree (bounded by `MAX_FIELDS_PER_OBJECT`), buffers.
const CONSTANT: usize = 16 << 20;
/// Fields per model: a tenth of the limit, so the one-struct part of the constant stays small
/// and the growth measured is the spec's.
const FIELDS_PER_MODEL: usize = 100;

/// Writes a service of `models` models of [`FIELDS_PER_MODEL`] documented fields each, with
/// one operation that returns the first; returns the spec's size in bytes.
fn write_spec(dir: &Path, models: usize) -> usize {
    let service = dir.join("wide");
    fs::create_dir_all(service.join("operations")).unwrap();
    let mut yaml = String::from(
        "name: wide\ntitle: Wide\ncrate: huaweicloud-sdk-wide\nversion: 0.1.0\n\
         endpoint: https://wide.{region}.example.com\nauth: [token]\nmodels:\n",
    );
    for model in 0..models {
        writeln!(yaml, "  Model{model}:\n    fields:").unwrap();
        for field in 0..FIELDS_PER_MODEL {
            writeln!(
                yaml,
                "      field_{field}:\n        type: string\n        max_length: 64\n        \
                 doc: Field {field} of model {model}."
            )
            .unwrap();
        }
    }
    let operation = "id: ShowWide\ntitle: Show\nmethod: GET\npath: /v1/{project_id}/wide\n\
                     params:\n  project_id: {in: path, required: true, from: project}\n\
                     responses:\n  200:\n    description: OK\n    body: {ref: Model0}\n";
    fs::write(service.join("service.yaml"), &yaml).unwrap();
    fs::write(service.join("operations/show.yaml"), operation).unwrap();
    yaml.len() + operation.len()
}

/// The spec's size and the peak of memory allocated while generating it into an empty
/// directory, above what was allocated before.
fn generate(models: usize) -> (usize, usize) {
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("spec");
    let size = write_spec(&spec, models);
    let target = specgen::Target::new(&spec, temp.path().join("out"));
    let before = CURRENT.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let generated = specgen::generate(&target).unwrap();
    assert!(!generated.changes.is_empty());
    drop(generated);
    (size, PEAK.load(Ordering::Relaxed) - before)
}

#[test]
fn generation_memory_is_linear_in_the_spec() {
    let (small, small_peak) = generate(24);
    let (large, large_peak) = generate(48);
    let per_byte = |bytes: usize, size: usize| bytes as f64 / size as f64;
    eprintln!(
        "spec {small} B: peak {small_peak} B ({:.1} per byte); spec {large} B: peak {large_peak} B \
         ({:.1} per byte); growth {:.1} per added byte",
        per_byte(small_peak, small),
        per_byte(large_peak, large),
        per_byte(large_peak - small_peak, large - small),
    );
    assert!(
        large > small * 19 / 10,
        "the second spec is about twice the first"
    );
    for (size, peak) in [(small, small_peak), (large, large_peak)] {
        assert!(
            peak <= BYTES_PER_SPEC_BYTE * size + CONSTANT,
            "a {size}-byte spec took {peak} bytes"
        );
    }
    let growth = large_peak.saturating_sub(small_peak);
    assert!(
        growth <= BYTES_PER_SPEC_BYTE * (large - small),
        "{} more bytes of spec took {growth} more bytes of memory",
        large - small
    );
}
