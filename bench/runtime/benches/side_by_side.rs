//! The seed operation's runtime beside the hand-written baseline, measured in alternating
//! rounds: the numbers `bench/run` reports.
//!
//! Each case (the groups of `runtime.rs`: `request`, `to_http`, `sign`, `response_202`,
//! `response_400`) runs a batch of calls on one side, then the same batch on the other, round
//! after round, the side that goes first alternating. A round's ratio is its two batches'
//! times divided; the case's ratio is the median of its rounds' ratios. Criterion measures
//! one side for seconds and then the other, so a minute in which this shared 2-core machine is
//! busier falls on one side only: its ratios of the same code moved from 0.92 to 1.36 between
//! two full runs. Here a slower moment falls on both batches of the rounds it spans, and the
//! median drops the rounds it spoils.
//!
//! Inputs a call consumes (a response to decode, a request to sign) are built before the
//! batch and outside its time; what a call returns is dropped inside it, on both sides.
//!
//! `cargo bench -p bench-runtime --bench side_by_side [-- --quick]`. Prints one line per
//! case: `name<TAB>generated ns<TAB>baseline ns<TAB>ratio` (ns per call: the median of the
//! rounds' batch times over the batch size).

mod seed;

use std::hint::black_box;
use std::time::{Duration, Instant};

use huaweicloud_sdk_core::{Operation, RequestContext, Secret};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::CollectDbObjectsInfoRequest;
use seed::{
    BODY_202, BODY_400, ENDPOINT, PROJECT_ID, SECRET_KEY, answer, assert_same_work, baseline_http,
    baseline_request, baseline_sign, generated_http, generated_request, generated_sign,
};

/// One side of a case: `batch` calls, timed; their inputs are built before the clock starts.
type Side<'a> = Box<dyn Fn(usize) -> Duration + 'a>;

/// How long one batch should take: long enough for `Instant`'s resolution and the loop's own
/// cost not to count, short enough for many rounds in a few seconds.
const BATCH_TIME: Duration = Duration::from_micros(500);

/// Times `call` on each of `inputs`, dropping what it returns inside the time.
fn timed<I, O>(inputs: Vec<I>, mut call: impl FnMut(I) -> O) -> Duration {
    let start = Instant::now();
    for input in inputs {
        black_box(call(black_box(input)));
    }
    start.elapsed()
}

/// The number of calls that makes a batch of the slower side last about [`BATCH_TIME`].
fn batch_size(generated: &Side<'_>, baseline: &Side<'_>) -> usize {
    let mut batch = 1;
    while batch < 1 << 20 && generated(batch).max(baseline(batch)) < BATCH_TIME {
        batch *= 2;
    }
    batch
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Median ns per call of each side, and the median of the rounds' ratios.
fn measure(generated: &Side<'_>, baseline: &Side<'_>, rounds: usize) -> (f64, f64, f64) {
    // Warm-up: caches, branch predictors and the allocator's free lists, for both sides.
    let batch = batch_size(generated, baseline);
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (g, b) = if round % 2 == 0 {
            let g = generated(batch);
            (g, baseline(batch))
        } else {
            let b = baseline(batch);
            (generated(batch), b)
        };
        let per_call = |time: Duration| time.as_secs_f64() * 1e9 / batch as f64;
        ours.push(per_call(g));
        theirs.push(per_call(b));
        ratios.push(g.as_secs_f64() / b.as_secs_f64());
    }
    (median(&mut ours), median(&mut theirs), median(&mut ratios))
}

/// The decoding of the answer `status` with `body`, both sides: the answers of a batch are
/// built before its time.
fn decoding(
    name: &'static str,
    status: u16,
    body: &'static [u8],
) -> (&'static str, Side<'static>, Side<'static>) {
    let answers = move |batch: usize| (0..batch).map(|_| answer(status, body)).collect();
    (
        name,
        Box::new(move |batch| {
            timed(answers(batch), |response| {
                CollectDbObjectsInfoRequest::from_http(response).is_ok()
            })
        }),
        Box::new(move |batch| {
            timed(answers(batch), |response| {
                bench_runtime::parse(response).is_ok()
            })
        }),
    )
}

fn main() {
    // `cargo bench` passes `--bench`; `--quick` is the smoke run's (CI): a few rounds.
    let quick = std::env::args().any(|arg| arg == "--quick");
    let rounds = if quick { 21 } else { 2001 };

    let context = RequestContext::new(ENDPOINT)
        .expect("endpoint")
        .with_project_id(PROJECT_ID);
    let secret = Secret::new(SECRET_KEY);
    assert_same_work(&context, &secret);

    let cases: Vec<(&str, Side<'_>, Side<'_>)> = vec![
        (
            "request",
            Box::new(|batch| timed(vec![(); batch], |()| generated_request(&context, &secret))),
            Box::new(|batch| timed(vec![(); batch], |()| baseline_request())),
        ),
        (
            "to_http",
            Box::new(|batch| timed(vec![(); batch], |()| generated_http(&context))),
            Box::new(|batch| timed(vec![(); batch], |()| baseline_http())),
        ),
        (
            "sign",
            Box::new(|batch| {
                let requests = (0..batch).map(|_| generated_http(&context)).collect();
                timed(requests, |mut request| {
                    generated_sign(&mut request, &secret);
                    request
                })
            }),
            Box::new(|batch| {
                let requests = (0..batch).map(|_| baseline_http()).collect();
                timed(requests, |mut request| {
                    baseline_sign(&mut request);
                    request
                })
            }),
        ),
        decoding("response_202", 202, BODY_202),
        decoding("response_400", 400, BODY_400),
    ];
    for (name, generated, baseline) in &cases {
        let (ours, theirs, ratio) = measure(generated, baseline, rounds);
        println!("{name}\t{ours:.1}\t{theirs:.1}\t{ratio:.4}");
    }
}
