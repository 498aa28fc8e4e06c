//! The seed operation (DRS `CollectDbObjectsInfo`) both ways, as the two runtime benchmarks
//! measure it (`runtime.rs` with criterion, `side_by_side.rs` in alternating rounds): the same
//! request and answers, built by the generated crate and by the hand-written `bench_runtime`.

use std::hint::black_box;

use huaweicloud_sdk_core::{Error, Operation, RequestContext, Secret, sign};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyIsRefresh, CollectDbObjectsInfoRequestBodyType,
    CollectDbObjectsInfoXLanguage,
};

pub const ENDPOINT: &str = "https://drs.ap-southeast-1.myhuaweicloud.com";
pub const PROJECT_ID: &str = "054ba152d480d55b2f5dc0069e7ddef0";
pub const JOB_ID: &str = "c7debc9c-8e09-4a5d-8dd6-cc44f78jb20r";
pub const ACCESS_KEY: &str = "HPUABCDEFGHIJKLMNOPQ";
pub const SECRET_KEY: &str = "s3cr3tK3yF0rB3nchm4rk1ngS1gn1ngOnly00000";
pub const SDK_DATE: &str = "20240229T120000Z";
pub const BODY_202: &[u8] = br#"{
  "id" : "0eacda0b-9422-4535-8b62-537d1833638b",
  "status" : "pending",
  "job_id" : "2fccbe0d-4e6b-4957-981a-edca4e2jb201"
}"#;
pub const BODY_400: &[u8] = br#"{
  "error_code" : "DRS.10000010",
  "error_msg" : "Job does not exist, please check job ID."
}"#;

/// The typed request and `to_http`: validation, path encoding, headers, JSON body.
pub fn generated_http(context: &RequestContext) -> http::Request<Vec<u8>> {
    let request = CollectDbObjectsInfoRequest::new(
        black_box(JOB_ID),
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source)
            .db_names(vec![
                black_box("db1").to_owned(),
                black_box("db2").to_owned(),
            ])
            .is_refresh(CollectDbObjectsInfoRequestBodyIsRefresh::True),
    )
    .x_language(CollectDbObjectsInfoXLanguage::EnUs);
    request.to_http(context).expect("valid request")
}

pub fn generated_sign(http_request: &mut http::Request<Vec<u8>>, secret: &Secret) {
    sign::sign(http_request, ACCESS_KEY, secret, black_box(SDK_DATE)).expect("signed");
}

pub fn generated_request(context: &RequestContext, secret: &Secret) -> http::Request<Vec<u8>> {
    let mut http_request = generated_http(context);
    generated_sign(&mut http_request, secret);
    http_request
}

/// The hand-written request and its `build`.
pub fn baseline_http() -> http::Request<Vec<u8>> {
    use bench_runtime::*;
    let request = CollectRequest {
        job_id: black_box(JOB_ID).to_owned(),
        x_language: Some(Language::EnUs),
        body: CollectBody {
            db_names: Some(vec![
                black_box("db1").to_owned(),
                black_box("db2").to_owned(),
            ]),
            type_: ObjectType::Source,
            is_refresh: Some(Refresh::True),
        },
    };
    build(black_box(ENDPOINT), black_box(PROJECT_ID), &request).expect("valid request")
}

pub fn baseline_sign(http_request: &mut http::Request<Vec<u8>>) {
    bench_runtime::sign(http_request, ACCESS_KEY, SECRET_KEY, black_box(SDK_DATE));
}

pub fn baseline_request() -> http::Request<Vec<u8>> {
    let mut http_request = baseline_http();
    baseline_sign(&mut http_request);
    http_request
}

pub fn answer(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .header("X-Request-Id", "0c4d2a5e1f9b4c3d8e7f6a5b4c3d2e1f")
        .body(body.to_vec())
        .expect("response")
}

/// Both sides must produce the same request and the same decoded values, or the comparison
/// means nothing.
pub fn assert_same_work(context: &RequestContext, secret: &Secret) {
    let ours = generated_request(context, secret);
    let theirs = baseline_request();
    assert_eq!(ours.method(), theirs.method());
    assert_eq!(ours.uri(), theirs.uri());
    assert_eq!(ours.body(), theirs.body());
    let headers = |request: &http::Request<Vec<u8>>| {
        let mut all: Vec<(String, Vec<u8>)> = request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        all.sort();
        all
    };
    assert_eq!(headers(&ours), headers(&theirs));

    let ok = CollectDbObjectsInfoRequest::from_http(answer(202, BODY_202)).expect("202");
    let base = bench_runtime::parse(answer(202, BODY_202)).expect("202");
    assert_eq!(ok.id, base.id);
    assert_eq!(
        ok.status.as_ref().map(|s| s.as_str().to_owned()),
        base.status
    );
    let Err(Error::Api(api)) = CollectDbObjectsInfoRequest::from_http(answer(400, BODY_400)) else {
        panic!("expected the typed 400")
    };
    let Err(bench_runtime::ResponseError::Api {
        request_id, body, ..
    }) = bench_runtime::parse(answer(400, BODY_400))
    else {
        panic!("expected the typed 400")
    };
    assert_eq!(api.request_id(), request_id.as_deref());
    assert_eq!(api.code(), body.error_code.as_deref());
}
