//! Global services (IAM, Organizations): one endpoint, the account identified by its domain id;
//! and what `build()` requires of global and regional services.

use std::sync::Arc;

use huaweicloud_sdk_core::testing::{MockResponse, MockTransport};
use huaweicloud_sdk_core::{ConfigError, Credentials, Error};
use huaweicloud_sdk_iam::operations::delete_agency::DeleteAgencyRequest;
use serde_json::json;

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
    // No real HTTP is needed to see what is sent: the mock records it and checks its signature
    // with the runtime's signer (tests/tests/official_wire.rs compares with the official SDK).
    let credentials = Credentials::access_key(ACCESS_KEY, SECRET_KEY);
    let mock = Arc::new(
        MockTransport::new()
            .verify_signature(&credentials)
            .on_operation("DeleteAgency", MockResponse::status(204))
            .on_operation(
                "DeleteAgency",
                MockResponse::json(
                    401,
                    json!({"error": {"code": "401", "message": "unauthorized"}}),
                ),
            ),
    );
    let client = huaweicloud_sdk_iam::client()
        .domain_id("d0main")
        .credentials(credentials)
        .transport(mock.clone())
        .build()
        .unwrap();
    client
        .send(&DeleteAgencyRequest::new("agency-1"))
        .await
        .unwrap();
    let sent = &mock.requests()[0];
    assert_eq!(sent.method, "DELETE");
    assert_eq!(
        sent.uri.to_string(),
        "https://iam.myhuaweicloud.com/v3.0/OS-AGENCY/agencies/agency-1"
    );
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
    let Err(Error::Api(error)) = client.send(&DeleteAgencyRequest::new("agency-1")).await else {
        panic!("401 is a documented status")
    };
    assert_eq!(
        (error.status().as_u16(), error.code(), error.message()),
        (401, Some("401"), Some("unauthorized"))
    );
}

const NO_DOMAIN_ID: &str = "no domain id: {service} is a global service, and requests signed with an AK/SK \
    must name the account; call `.domain_id(..)` on the client builder, or set \
    HUAWEICLOUD_SDK_DOMAIN_ID and call `.from_env()` (token credentials need none)";

#[test]
fn aksk_without_a_domain_id_fails_at_build_saying_what_to_set() {
    for (service, builder) in [
        ("iam", huaweicloud_sdk_iam::client()),
        ("organizations", huaweicloud_sdk_organizations::client()),
    ] {
        let error = builder
            .credentials(Credentials::access_key(ACCESS_KEY, SECRET_KEY))
            .build()
            .unwrap_err();
        assert!(
            matches!(error, ConfigError::MissingDomainId { service: s } if s == service),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            NO_DOMAIN_ID.replace("{service}", service)
        );
        assert!(!error.to_string().contains(SECRET_KEY));
    }
    // Temporary credentials are AK/SK too.
    let temporary = huaweicloud_sdk_iam::client()
        .credentials(Credentials::access_key(ACCESS_KEY, SECRET_KEY).with_security_token("st"))
        .build();
    assert!(matches!(
        temporary,
        Err(ConfigError::MissingDomainId { .. })
    ));
}

#[test]
fn a_token_carries_its_own_scope_and_needs_no_domain_id() {
    for builder in [
        huaweicloud_sdk_iam::client(),
        huaweicloud_sdk_organizations::client(),
    ] {
        let client = builder
            .credentials(Credentials::token("t"))
            .build()
            .unwrap();
        assert_eq!(client.context().project_id(), None);
    }
}

const NO_PROJECT_ID: &str = "no project id: {service} is a regional service whose requests name a project; \
    call `.project_id(..)` on the client builder, or set HUAWEICLOUD_SDK_PROJECT_ID and call \
    `.from_env()`";

#[test]
fn a_regional_service_without_a_project_id_fails_at_build_saying_what_to_set() {
    // With AK/SK (the project would be missing from the path and from `X-Project-Id`) and with
    // a token (from the path): a request may override the project, not supply the only one.
    for credentials in [
        Credentials::access_key(ACCESS_KEY, SECRET_KEY),
        Credentials::token("t"),
    ] {
        for (service, builder) in [
            ("drs", huaweicloud_sdk_drs::client()),
            ("evs", huaweicloud_sdk_evs::client()),
        ] {
            let error = builder
                .region("ap-southeast-1")
                .credentials(credentials.clone())
                .build()
                .unwrap_err();
            assert!(
                matches!(error, ConfigError::MissingProjectId { service: s } if s == service),
                "{error:?}"
            );
            assert_eq!(
                error.to_string(),
                NO_PROJECT_ID.replace("{service}", service)
            );
        }
    }
    // A domain id is no project id.
    let error = huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .domain_id("d0main")
        .credentials(Credentials::access_key(ACCESS_KEY, SECRET_KEY))
        .build()
        .unwrap_err();
    assert!(
        matches!(error, ConfigError::MissingProjectId { .. }),
        "{error:?}"
    );
}
