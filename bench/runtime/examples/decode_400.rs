//! Decodes the typed 400 of the `response_400` benchmark N times, generated or hand-written,
//! and prints the allocations per decode: the steady counts behind the criterion numbers, for
//! `valgrind --tool=callgrind` (instructions per decode: the run with `none` subtracted, over
//! N) and for checking that the generated side allocates what the baseline does.
//!
//! `cargo build --release -p bench-runtime --example decode_400`, then
//! `target/release/examples/decode_400 generated|baseline|none N`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use huaweicloud_sdk_core::Operation;
use huaweicloud_sdk_drs::operations::collect_db_objects_info::CollectDbObjectsInfoRequest;

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is `GlobalAlloc::alloc`'s, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The benchmark's answer (`benches/runtime.rs`).
const BODY_400: &[u8] = br#"{
  "error_code" : "DRS.10000010",
  "error_msg" : "Job does not exist, please check job ID."
}"#;

fn answer() -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(400)
        .header("Content-Type", "application/json")
        .header("X-Request-Id", "0c4d2a5e1f9b4c3d8e7f6a5b4c3d2e1f")
        .body(BODY_400.to_vec())
        .expect("response")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(side), Some(Ok(n))) = (args.next(), args.next().map(|n| n.parse::<usize>())) else {
        eprintln!("usage: decode_400 generated|baseline|none N");
        std::process::exit(2);
    };
    let answers: Vec<_> = (0..n).map(|_| answer()).collect();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for answer in answers {
        let decoded_ok = match side.as_str() {
            "generated" => CollectDbObjectsInfoRequest::from_http(answer).is_ok(),
            "baseline" => bench_runtime::parse(answer).is_ok(),
            _ => std::hint::black_box(answer).status().is_success(),
        };
        std::hint::black_box(decoded_ok);
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    println!(
        "{side}: {:.2} allocations per decode",
        allocations as f64 / n.max(1) as f64
    );
}
