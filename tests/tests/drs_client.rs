//! The generated DRS client against a real HTTP server on 127.0.0.1: every kind of answer,
//! retries, timeouts, limits, both kinds of authentication, and secrets kept out of sight.
//! What needs no real HTTP (decoding, retries by status) runs against the runtime's mock
//! transport instead.

use std::sync::Arc;
use std::time::Duration;

use huaweicloud_sdk_core::testing::{MockResponse, MockTransport};
use huaweicloud_sdk_core::{ConfigError, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyType, CollectDbObjectsInfoResponseStatus,
    CollectDbObjectsInfoXLanguage,
};
use serde_json::json;
use specgen_tests::server::{Received, Reply, TestServer};
use specgen_tests::verify::verify;

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const JOB: &str = "2fccbe0d-4e6b-4957-981a-edca4e2jb201";
const ACCESS_KEY: &str = "HPUAJ1EXAMPLEAK4Q7ZC";
const SECRET_KEY: &str = "kZ3vQx9EXAMPLESKr2LmN8pT4wYb6HdFgJs0aUeC";
const TOKEN: &str = "MIIXtokenEXAMPLEdoNotLog";
const ACCEPTED: &str = r#"{"id": "0eacda0b-9422-4535-8b62-537d1833638b", "status": "pending", "job_id": "2fccbe0d-4e6b-4957-981a-edca4e2jb201"}"#;
const BAD_REQUEST: &str =
    r#"{"error_code": "DRS.10000010", "error_msg": "Job does not exist, please check job ID."}"#;

fn request() -> CollectDbObjectsInfoRequest {
    CollectDbObjectsInfoRequest::new(
        JOB,
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    )
}

/// A client for `server` with fast retries, so tests that retry stay quick.
fn client(server: &TestServer, credentials: Credentials) -> huaweicloud_sdk_drs::ClientBuilder {
    huaweicloud_sdk_drs::client()
        .endpoint(server.url())
        .project_id(PROJECT)
        .credentials(credentials)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_secs(2),
        })
}

/// A client answered by `mock`: for what needs no real HTTP (decoding, retries by status).
fn mocked(mock: &Arc<MockTransport>, credentials: Credentials) -> huaweicloud_sdk_drs::Client {
    huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .project_id(PROJECT)
        .credentials(credentials)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_secs(2),
        })
        .transport(mock.clone())
        .build()
        .unwrap()
}

fn token() -> Credentials {
    Credentials::token(TOKEN)
}

fn aksk() -> Credentials {
    Credentials::access_key(ACCESS_KEY, SECRET_KEY)
}

#[tokio::test]
async fn accepted_answer_in_token_mode() {
    let server = TestServer::start(|_, _| Reply::json(202, ACCEPTED)).await;
    let client = client(&server, token()).language("zh-cn").build().unwrap();
    let accepted = client.send(&request()).await.unwrap();
    assert_eq!(
        accepted.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    assert_eq!(accepted.job_id.as_deref(), Some(JOB));

    let received = server.requests();
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(
        sent.target,
        format!("/v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect")
    );
    assert_eq!(sent.header("x-auth-token"), Some(TOKEN));
    assert_eq!(
        sent.header("authorization"),
        None,
        "token mode sends no signature"
    );
    assert_eq!(sent.header("x-sdk-date"), None);
    assert_eq!(sent.header("x-project-id"), None);
    assert_eq!(sent.header("content-type"), Some("application/json"));
    assert_eq!(
        sent.header("x-language"),
        Some("zh-cn"),
        "the client's default language"
    );
    assert!(
        sent.header("user-agent")
            .unwrap()
            .starts_with("huaweicloud-sdk-rust/")
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&sent.body).unwrap(),
        serde_json::json!({"type": "source"})
    );
}

#[tokio::test]
async fn a_request_language_beats_the_client_default() {
    let server = TestServer::start(|_, _| Reply::json(202, ACCEPTED)).await;
    let client = client(&server, token()).language("zh-cn").build().unwrap();
    client
        .send(&request().x_language(CollectDbObjectsInfoXLanguage::EnUs))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("x-language"), Some("en-us"));
}

#[tokio::test]
async fn bad_request_is_a_typed_api_error_with_request_id() {
    let server = TestServer::start(|_, _| Reply::json(400, BAD_REQUEST)).await;
    let error = client(&server, token())
        .build()
        .unwrap()
        .send(&request())
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status(), 400);
    assert_eq!(api.code(), Some("DRS.10000010"));
    assert_eq!(
        api.message(),
        Some("Job does not exist, please check job ID.")
    );
    assert_eq!(api.request_id(), Some("req-0001"));
    assert_eq!(server.requests().len(), 1, "a 400 is never retried");
}

#[tokio::test]
async fn service_unavailable_then_accepted_is_retried() {
    let mock = Arc::new(
        MockTransport::new()
            // Each attempt is signed afresh and verifies on its own.
            .verify_signature(&aksk())
            .on_operation(
                "CollectDbObjectsInfo",
                MockResponse::json(503, json!({"error_code":"DRS.00000503","error_msg":"busy"})),
            )
            .on_operation(
                "CollectDbObjectsInfo",
                MockResponse::bytes(202, "application/json", ACCEPTED),
            ),
    );
    let accepted = mocked(&mock, aksk()).send(&request()).await.unwrap();
    assert_eq!(
        accepted.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    let received = mock.requests();
    assert_eq!(received.len(), 2, "one retry");
    assert_eq!(received[0].body, received[1].body);
}

#[tokio::test]
async fn retry_after_is_honoured_and_attempts_are_bounded() {
    let server = TestServer::start(|_, _| Reply::json(429, "{}").header("Retry-After", "0")).await;
    let error = client(&server, token())
        .build()
        .unwrap()
        .send(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus(answer) if answer.status == 429),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 3, "max_attempts");
}

#[tokio::test]
async fn a_post_is_not_retried_after_a_bad_gateway() {
    let server = TestServer::start(|_, _| Reply::json(502, "bad gateway")).await;
    let error = client(&server, token())
        .build()
        .unwrap()
        .send(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedStatus(answer) if answer.status == 502 && answer.body.as_bytes() == b"bad gateway")
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the server may have acted on it"
    );
}

#[tokio::test]
async fn a_stalled_server_times_out() {
    let server =
        TestServer::start(|_, _| Reply::json(202, ACCEPTED).delayed(Duration::from_secs(5))).await;
    let client = client(&server, token())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client.send(&request()).await.unwrap_err();
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "a POST that may have been processed is not retried"
    );
}

#[tokio::test]
async fn a_closed_port_is_a_connection_error() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let client = huaweicloud_sdk_drs::client()
        .endpoint(format!("http://{closed}"))
        .project_id(PROJECT)
        .credentials(token())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.send(&request()).await.unwrap_err();
    assert!(matches!(error, Error::Connect(_)), "{error:?}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let mock = Arc::new(
        MockTransport::new().on_operation(
            "CollectDbObjectsInfo",
            MockResponse::bytes(202, "application/json", r#"{"id": "1", "status": "#)
                .header("x-request-id", "req-0001"),
        ),
    );
    let error = mocked(&mock, token()).send(&request()).await.unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(decode.status, 202);
    assert_eq!(decode.request_id.as_deref(), Some("req-0001"));
}

#[tokio::test]
async fn an_unknown_status_value_is_preserved() {
    let mock = Arc::new(MockTransport::new().on_operation(
        "CollectDbObjectsInfo",
        MockResponse::json(202, json!({"id": "1", "status": "queued", "job_id": "j"})),
    ));
    let accepted = mocked(&mock, token()).send(&request()).await.unwrap();
    assert_eq!(
        accepted.status,
        Some(CollectDbObjectsInfoResponseStatus::Unknown("queued".into()))
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused_whether_announced_or_not() {
    let big = format!(r#"{{"id": "{}"}}"#, "x".repeat(64 * 1024));
    for close_delimited in [false, true] {
        let body = big.clone();
        let server = TestServer::start(move |_, _| {
            let reply = Reply::json(202, body.clone());
            if close_delimited {
                reply.close_delimited()
            } else {
                reply
            }
        })
        .await;
        let client = client(&server, token())
            .max_response_body(4096)
            .build()
            .unwrap();
        let error = client.send(&request()).await.unwrap_err();
        assert!(
            matches!(error, Error::BodyTooLarge { limit: 4096 }),
            "{close_delimited}: {error:?}"
        );
    }
}

/// A gateway that recomputes the signature and turns away anything that does not verify.
async fn verifying_gateway() -> TestServer {
    TestServer::start(|request: &Received, _| match verify(request, SECRET_KEY) {
        Ok(access_key) if access_key == ACCESS_KEY => Reply::json(202, ACCEPTED),
        _ => Reply::json(
            401,
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#,
        ),
    })
    .await
}

#[tokio::test]
async fn aksk_requests_verify_at_an_independent_gateway() {
    let server = verifying_gateway().await;
    let client = client(
        &server,
        aksk().with_security_token("temporary-session-token"),
    )
    .build()
    .unwrap();
    client
        .send(&request().project_id("ffffffffffffffffffffffffffffffff"))
        .await
        .unwrap();

    let sent = &server.requests()[0];
    assert!(
        sent.header("authorization")
            .unwrap()
            .starts_with("SDK-HMAC-SHA256 Access=HPUAJ1EXAMPLEAK4Q7ZC, SignedHeaders=")
    );
    assert!(sent.header("x-sdk-date").is_some());
    assert_eq!(sent.header("x-auth-token"), None);
    assert_eq!(
        sent.header("x-security-token"),
        Some("temporary-session-token")
    );
    // X-Project-Id follows the project the path addresses, here the request's override.
    assert_eq!(
        sent.header("x-project-id"),
        Some("ffffffffffffffffffffffffffffffff")
    );
    assert!(
        sent.target
            .starts_with("/v5.1/ffffffffffffffffffffffffffffffff/")
    );
    let signed = sent.header("authorization").unwrap();
    for header in [
        "content-type",
        "host",
        "x-project-id",
        "x-sdk-date",
        "x-security-token",
    ] {
        assert!(signed.contains(header), "{header} is signed: {signed}");
    }
}

#[tokio::test]
async fn a_wrong_secret_key_is_rejected_by_the_gateway() {
    let server = verifying_gateway().await;
    let client = client(
        &server,
        Credentials::access_key(ACCESS_KEY, "not-the-secret"),
    )
    .build()
    .unwrap();
    let error = client.send(&request()).await.unwrap_err();
    // A 401 the page does not document, in the gateway's error shape: an API error all the same.
    let api = error.as_api().expect("an API error");
    assert_eq!(
        (api.status().as_u16(), api.code()),
        (401, Some("APIGW.0301"))
    );
    assert_eq!(server.requests().len(), 1, "a 401 is not retried");
}

#[tokio::test]
async fn invalid_requests_are_never_sent() {
    let server = TestServer::start(|_, _| Reply::json(202, ACCEPTED)).await;
    let client = client(&server, token()).build().unwrap();
    let invalid = CollectDbObjectsInfoRequest::new("..", request().body);
    let error = client.send(&invalid).await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.requests().is_empty());
}

#[test]
fn regions_resolve_through_the_service_table() {
    let built = |region: &str| {
        huaweicloud_sdk_drs::client()
            .region(region)
            .project_id(PROJECT)
            .credentials(token())
            .build()
    };
    assert_eq!(
        built("ap-southeast-1").unwrap().context().endpoint(),
        "https://drs.ap-southeast-1.myhuaweicloud.com"
    );
    assert_eq!(
        built("eu-west-101").unwrap().context().endpoint(),
        "https://drs.eu-west-101.myhuaweicloud.eu"
    );
    assert_eq!(huaweicloud_sdk_drs::SERVICE.regions.len(), 34);
    let Err(ConfigError::UnknownRegion(error)) = built("mars-north-1") else {
        panic!("unknown region must fail")
    };
    let message = error.to_string();
    assert!(
        message.contains("\"mars-north-1\"")
            && message.contains("af-north-1")
            && message.contains("eu-west-101"),
        "{message}"
    );

    let no_project = huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .credentials(token())
        .build();
    assert!(matches!(
        no_project,
        Err(ConfigError::MissingProjectId { service: "drs" })
    ));
    let no_endpoint = huaweicloud_sdk_drs::client()
        .project_id(PROJECT)
        .credentials(token())
        .build();
    assert!(matches!(no_endpoint, Err(ConfigError::NoEndpoint)));
    let bad_token = huaweicloud_sdk_drs::client()
        .region("ap-southeast-1")
        .project_id(PROJECT)
        .credentials(Credentials::token("a\r\nb"))
        .build();
    assert!(matches!(bad_token, Err(ConfigError::InvalidHeaderValue(_))));
}

#[test]
fn calls_can_be_spawned_on_a_multi_threaded_runtime() {
    fn assert_send<T: Send>(_: &T) {}
    let client = huaweicloud_sdk_drs::client()
        .endpoint("http://127.0.0.1:9")
        .project_id(PROJECT)
        .credentials(token())
        .build()
        .unwrap();
    let request = request();
    let call = client.send(&request);
    assert_send(&call);
    fn assert_sync_clone<T: Send + Sync + Clone>(_: &T) {}
    assert_sync_clone(&client);
}
