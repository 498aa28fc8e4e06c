//! Global services (IAM, Organizations): one endpoint, the account identified by its domain id.

use huaweicloud_sdk_core::{Credentials, Error};
use huaweicloud_sdk_iam::operations::delete_agency::DeleteAgencyRequest;
use specgen_tests::server::{Reply, TestServer};
use specgen_tests::verify::verify;

const ACCESS_KEY: &str = "AKIDEXAMPLE000000001";
const SECRET_KEY: &str = "global-secret";

#[test]
fn a_global_service_needs_no_region_or_project() {
    let client = huaweicloud_sdk_iam::client()
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    assert_eq!(client.context().endpoint(), "https://iam.myhuaweicloud.com");
    assert_eq!(client.context().project_id(), None);
}

#[tokio::test]
async fn aksk_requests_carry_the_domain_id() {
    let server = TestServer::start(|request, _| match verify(request, SECRET_KEY) {
        Ok(_) => Reply::json(204, ""),
        Err(_) => Reply::json(
            401,
            r#"{"error": {"code": "401", "message": "unauthorized"}}"#,
        ),
    })
    .await;
    let client = huaweicloud_sdk_iam::client()
        .endpoint(server.url())
        .domain_id("d0main")
        .credentials(Credentials::access_key(ACCESS_KEY, SECRET_KEY))
        .build()
        .unwrap();
    client
        .send(&DeleteAgencyRequest::new("agency-1"))
        .await
        .unwrap();
    let sent = &server.requests()[0];
    assert_eq!(sent.method, "DELETE");
    assert_eq!(sent.target, "/v3.0/OS-AGENCY/agencies/agency-1");
    assert_eq!(sent.header("x-domain-id"), Some("d0main"));
    assert_eq!(sent.header("x-project-id"), None);
    // The page makes Content-Type mandatory even on this bodiless DELETE. Its value is given
    // only in prose ("Fill application/json;charset=utf8 in this field."), which the spec keeps
    // as text, so the runtime's JSON content type is sent.
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert!(
        sent.header("authorization")
            .unwrap()
            .contains("x-domain-id"),
        "the domain id is signed"
    );

    // IAM documents no error body: its nested `{"error": {...}}` is still read for code and message.
    let wrong = huaweicloud_sdk_iam::client()
        .endpoint(server.url())
        .credentials(Credentials::access_key(ACCESS_KEY, "wrong"))
        .build()
        .unwrap();
    let Err(Error::Api(error)) = wrong.send(&DeleteAgencyRequest::new("agency-1")).await else {
        panic!("401 is a documented status")
    };
    assert_eq!(
        (error.status.as_u16(), error.code(), error.message()),
        (401, Some("401"), Some("unauthorized"))
    );
}
