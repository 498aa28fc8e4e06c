//! The runtime on the seed operation (DRS `CollectDbObjectsInfo`) beside the hand-written
//! baseline of `bench_runtime`:
//!
//! - `request/*`: build the typed request, validate it, serialize it to an `http::Request`
//!   and sign it with SDK-HMAC-SHA256 at a fixed date;
//! - `to_http/*`, `sign/*`: the two halves of `request` on their own (signing measured on a
//!   request built beforehand, outside the measurement);
//! - `response_202/*`, `response_400/*`: decode the success body, and the error answer into
//!   the typed error body with its `X-Request-Id`.
//!
//! `cargo bench -p bench-runtime --bench runtime`: criterion's statistics, for work on one of
//! them; `bench/run` reports `side_by_side.rs`, which alternates the two sides round by round.

mod seed;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use huaweicloud_sdk_core::{Operation, RequestContext, Secret};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::CollectDbObjectsInfoRequest;
use seed::{
    BODY_202, BODY_400, ENDPOINT, PROJECT_ID, SECRET_KEY, answer, assert_same_work, baseline_http,
    baseline_request, baseline_sign, generated_http, generated_request, generated_sign,
};

fn runtime(c: &mut Criterion) {
    let context = RequestContext::new(ENDPOINT)
        .expect("endpoint")
        .with_project_id(PROJECT_ID);
    let secret = Secret::new(SECRET_KEY);
    assert_same_work(&context, &secret);

    let mut group = c.benchmark_group("request");
    group.bench_function("generated", |b| {
        b.iter(|| generated_request(black_box(&context), &secret))
    });
    group.bench_function("baseline", |b| b.iter(baseline_request));
    group.finish();

    // The two halves of `request` on their own, to see which one costs.
    let mut group = c.benchmark_group("to_http");
    group.bench_function("generated", |b| {
        b.iter(|| generated_http(black_box(&context)))
    });
    group.bench_function("baseline", |b| b.iter(baseline_http));
    group.finish();

    let mut group = c.benchmark_group("sign");
    group.bench_function("generated", |b| {
        b.iter_batched_ref(
            || generated_http(&context),
            |request| generated_sign(request, &secret),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched_ref(baseline_http, baseline_sign, BatchSize::SmallInput)
    });
    group.finish();

    for (name, status, body) in [
        ("response_202", 202, BODY_202),
        ("response_400", 400, BODY_400),
    ] {
        let mut group = c.benchmark_group(name);
        group.bench_function("generated", |b| {
            b.iter_batched(
                || answer(status, body),
                |response| black_box(CollectDbObjectsInfoRequest::from_http(response)).is_ok(),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("baseline", |b| {
            b.iter_batched(
                || answer(status, body),
                |response| black_box(bench_runtime::parse(response)).is_ok(),
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

criterion_group!(benches, runtime);
criterion_main!(benches);
