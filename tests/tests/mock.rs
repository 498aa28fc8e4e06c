//! The runtime's mock transport (`huaweicloud_sdk_core::testing`, feature `testing`): matching
//! by operation and by path, order, the error of an unmatched request, recording, signature and
//! token checks, and secrets kept out of `Debug` and errors.

use std::sync::Arc;
use std::time::Duration;

use huaweicloud_sdk_core::testing::{MockResponse, MockTransport};
use huaweicloud_sdk_core::transport::TransportError;
use huaweicloud_sdk_core::{Credentials, Error, RetryPolicy};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyType, CollectDbObjectsInfoResponseStatus,
};
use huaweicloud_sdk_drs::operations::download_batch_create_template::DownloadBatchCreateTemplateRequest;
use serde_json::json;

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const JOB: &str = "2fccbe0d-4e6b-4957-981a-edca4e2jb201";
const ACCESS_KEY: &str = "HPUAJ1EXAMPLEAK4Q7ZC";
const SECRET_KEY: &str = "kZ3vQx9EXAMPLESKr2LmN8pT4wYb6HdFgJs0aUeC";
const COLLECT_PATH: &str = "/v5.1/{project_id}/jobs/{job_id}/db-objects/collect";

fn collect() -> CollectDbObjectsInfoRequest {
    CollectDbObjectsInfoRequest::new(
        JOB,
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    )
}

fn accepted(status: &str) -> MockResponse {
    MockResponse::json(202, json!({"id": "1", "status": status, "job_id": JOB}))
}

fn aksk() -> Credentials {
    Credentials::access_key(ACCESS_KEY, SECRET_KEY)
}

fn client(mock: &Arc<MockTransport>, credentials: Credentials) -> huaweicloud_sdk_drs::Client {
    huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .project_id(PROJECT)
        .credentials(credentials)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(10),
        })
        .transport(mock.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn answers_by_operation_and_records_the_signed_request() {
    let mock = Arc::new(
        MockTransport::new()
            .verify_signature(&aksk())
            .on_operation("CollectDbObjectsInfo", accepted("pending")),
    );
    let output = client(&mock, aksk()).send(&collect()).await.unwrap();
    assert_eq!(
        output.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let sent = &requests[0];
    assert_eq!(sent.operation, Some("CollectDbObjectsInfo"));
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.uri.to_string(),
        format!(
            "https://drs.ap-southeast-1.myhuaweicloud.com/v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect"
        )
    );
    assert_eq!(sent.header("x-project-id"), Some(PROJECT));
    assert!(
        sent.header("authorization")
            .unwrap()
            .starts_with(&format!("SDK-HMAC-SHA256 Access={ACCESS_KEY}, "))
    );
    assert_eq!(sent.json().unwrap(), json!({"type": "source"}));
    assert!(mock.unserved().is_empty());
}

#[tokio::test]
async fn answers_by_path_with_parameters_or_exactly() {
    let exact = format!("/v5/{PROJECT}/jobs/template");
    let mock = Arc::new(
        MockTransport::new()
            // Another method on the same path does not match.
            .on_path("get", COLLECT_PATH, MockResponse::status(500))
            .on_path("POST", COLLECT_PATH, accepted("pending"))
            .on_path(
                "GET",
                &exact,
                MockResponse::bytes(200, "application/octet-stream", b"PK\x03\x04".to_vec()),
            ),
    );
    let client = client(&mock, Credentials::token("t"));
    let output = client.send(&collect()).await.unwrap();
    assert_eq!(
        output.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    let bytes = client
        .send(&DownloadBatchCreateTemplateRequest::new())
        .await
        .unwrap();
    assert_eq!(bytes, b"PK\x03\x04");
    assert_eq!(
        mock.unserved(),
        ["GET /v5.1/{param}/jobs/{param}/db-objects/collect"]
    );
}

#[tokio::test]
async fn responses_are_served_once_each_in_order() {
    let mock = Arc::new(
        MockTransport::new()
            .on_operation(
                "CollectDbObjectsInfo",
                MockResponse::json(503, json!({"error_code": "DRS.503", "error_msg": "busy"})),
            )
            .on_operation("CollectDbObjectsInfo", accepted("pending"))
            .on_operation("CollectDbObjectsInfo", accepted("finished")),
    );
    let client = client(&mock, aksk());
    // The 503 is retried, and the retry gets the next response.
    let first = client.send(&collect()).await.unwrap();
    assert_eq!(
        first.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    let second = client.send(&collect()).await.unwrap();
    assert_eq!(
        second.status,
        Some(CollectDbObjectsInfoResponseStatus::Unknown(
            "finished".into()
        ))
    );
    assert_eq!(mock.requests().len(), 3);

    let always = Arc::new(
        MockTransport::new().on_operation("CollectDbObjectsInfo", accepted("pending").repeatedly()),
    );
    let client = self::client(&always, aksk());
    for _ in 0..3 {
        client.send(&collect()).await.unwrap();
    }
    assert_eq!(always.requests().len(), 3);
}

#[tokio::test]
async fn an_unmatched_request_fails_naming_it_and_is_recorded() {
    let mock = Arc::new(
        MockTransport::new().on_operation("DownloadBatchCreateTemplate", MockResponse::status(200)),
    );
    let error = client(&mock, aksk()).send(&collect()).await.unwrap_err();
    let Error::Transport(message) = &error else {
        panic!("expected a transport error, got {error:?}")
    };
    assert_eq!(
        message,
        &format!(
            "mock transport: no canned response matches CollectDbObjectsInfo \
             (POST /v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect); \
             responses left: operation DownloadBatchCreateTemplate"
        )
    );
    assert_eq!(mock.requests().len(), 1, "recorded, and not retried");
    assert_eq!(mock.unserved(), ["operation DownloadBatchCreateTemplate"]);
}

#[tokio::test]
async fn failures_and_limits_behave_as_the_real_transport() {
    let mock = Arc::new(
        MockTransport::new()
            .on_operation(
                "DownloadBatchCreateTemplate",
                MockResponse::failure(TransportError::Timeout),
            )
            .on_operation(
                "DownloadBatchCreateTemplate",
                MockResponse::bytes(200, "application/octet-stream", vec![0; 100]),
            ),
    );
    let client = huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .project_id(PROJECT)
        .credentials(aksk())
        .retry(RetryPolicy {
            max_attempts: 2,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(10),
        })
        .max_response_body(10)
        .transport(mock.clone())
        .build()
        .unwrap();
    // A GET that timed out is retried; the retry's body is over the limit.
    let error = client
        .send(&DownloadBatchCreateTemplateRequest::new())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 10 }),
        "{error:?}"
    );
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_wrong_secret_key_is_detected_without_showing_either_key() {
    let mock = Arc::new(
        MockTransport::new()
            .verify_signature(&aksk())
            .on_operation("CollectDbObjectsInfo", accepted("pending").repeatedly()),
    );
    let wrong = Credentials::access_key(ACCESS_KEY, "the-wrong-secret-key");
    let error = client(&mock, wrong).send(&collect()).await.unwrap_err();
    let Error::Transport(message) = &error else {
        panic!("expected a transport error, got {error:?}")
    };
    assert!(
        message.starts_with(&format!(
            "mock transport: CollectDbObjectsInfo (POST /v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect): \
             AK/SK signature mismatch: expected Authorization \"SDK-HMAC-SHA256 Access={ACCESS_KEY}, SignedHeaders="
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!("canonical request the mock computed from the request received: \"POST\\n/v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect/\\n")),
        "{message}"
    );
    for secret in [SECRET_KEY, "the-wrong-secret-key"] {
        assert!(!message.contains(secret), "{message}");
    }
    assert_eq!(mock.requests().len(), 1, "recorded, and not retried");

    // The access key is checked too: it is part of the expected `Authorization`.
    let right = client(&mock, aksk());
    right.send(&collect()).await.unwrap();
    let other_access_key = Arc::new(
        MockTransport::new()
            .verify_signature(&Credentials::access_key("ANOTHERACCESSKEY0000", SECRET_KEY))
            .on_operation("CollectDbObjectsInfo", accepted("pending")),
    );
    let error = client(&other_access_key, aksk())
        .send(&collect())
        .await
        .unwrap_err();
    assert!(error.to_string().contains("signature mismatch"), "{error}");
}

#[tokio::test]
async fn tokens_and_security_tokens_are_checked() {
    let temporary = aksk().with_security_token("session-token-secret");
    let mock = Arc::new(
        MockTransport::new()
            .verify_signature(&temporary)
            .on_operation("CollectDbObjectsInfo", accepted("pending").repeatedly()),
    );
    client(&mock, temporary.clone())
        .send(&collect())
        .await
        .unwrap();
    let error = client(&mock, aksk().with_security_token("another-session-token"))
        .send(&collect())
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("X-Security-Token is not the configured security token"),
        "{error}"
    );
    assert!(!error.to_string().contains("session-token"), "{error}");
    let error = client(&mock, aksk()).send(&collect()).await.unwrap_err();
    assert!(
        error.to_string().ends_with("no X-Security-Token header"),
        "{error}"
    );

    let token = Arc::new(
        MockTransport::new()
            .verify_signature(&Credentials::token("the-right-token"))
            .on_operation("CollectDbObjectsInfo", accepted("pending").repeatedly()),
    );
    client(&token, Credentials::token("the-right-token"))
        .send(&collect())
        .await
        .unwrap();
    let error = client(&token, Credentials::token("a-wrong-token"))
        .send(&collect())
        .await
        .unwrap_err();
    let shown = error.to_string();
    assert!(
        shown.ends_with("X-Auth-Token is not the configured token"),
        "{shown}"
    );
    for token in ["a-wrong-token", "the-right-token"] {
        assert!(!shown.contains(token), "{shown}");
    }
    let error = client(&token, aksk()).send(&collect()).await.unwrap_err();
    assert!(
        error.to_string().contains("no X-Auth-Token header"),
        "{error}"
    );
}

#[tokio::test]
async fn secrets_stay_out_of_debug() {
    let credentials = aksk().with_security_token("session-token-secret");
    let mock = Arc::new(
        MockTransport::new()
            .verify_signature(&credentials)
            .on_operation("CollectDbObjectsInfo", accepted("pending")),
    );
    client(&mock, credentials).send(&collect()).await.unwrap();
    let shown = format!("{mock:?} {:?}", mock.requests());
    assert!(shown.contains(ACCESS_KEY), "{shown}");
    assert!(shown.contains("operation CollectDbObjectsInfo"), "{shown}");
    for secret in [SECRET_KEY, "session-token-secret"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    // The signature is marked sensitive, as the client marks it.
    assert!(!shown.contains("Signature="), "{shown}");
}
