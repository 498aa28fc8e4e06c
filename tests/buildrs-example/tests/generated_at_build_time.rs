//! The bindings a build script generated behave like the committed crate's.

use buildrs_example::drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyType, CollectDbObjectsInfoResponseStatus,
};
use buildrs_example::drs::{Operation, RequestContext};

#[test]
fn requests_and_answers_work_from_the_included_file() {
    let context = RequestContext::new("https://drs.example.com")
        .unwrap()
        .with_project_id("p");
    let request = CollectDbObjectsInfoRequest::new(
        "j",
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Synchronized),
    );
    let http = request.to_http(&context).unwrap();
    assert_eq!(http.uri().path(), "/v5.1/p/jobs/j/db-objects/collect");
    assert_eq!(http.body(), br#"{"type":"synchronized"}"#);

    let answer = huaweicloud_sdk_core::http::Response::builder()
        .status(202)
        .body(br#"{"status": "success"}"#.to_vec())
        .unwrap();
    let accepted = CollectDbObjectsInfoRequest::from_http(answer).unwrap();
    assert_eq!(
        accepted.status,
        Some(CollectDbObjectsInfoResponseStatus::Success)
    );
    assert_eq!(buildrs_example::drs::SERVICE.name, "drs");
}
