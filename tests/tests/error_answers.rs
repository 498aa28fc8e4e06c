//! Error answers and response metadata against the loopback server: every non-2xx body in a
//! Huawei Cloud error shape is `Error::Api`, documented or not; anything else keeps its raw body;
//! server text is escaped and bounded in `Display`, `Debug` and the example program's stderr;
//! `send_with_metadata` returns the status, request id and headers of a success.

use std::process::Command;

use huaweicloud_sdk_core::{Credentials, Error, RetryPolicy};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyType,
};
use huaweicloud_sdk_drs::operations::download_batch_create_template::DownloadBatchCreateTemplateRequest;
use huaweicloud_sdk_iam::operations::delete_agency::DeleteAgencyRequest;
use specgen_tests::server::{Reply, TestServer};

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const JOB: &str = "2fccbe0d-4e6b-4957-981a-edca4e2jb201";
const TOKEN: &str = "MIIXtokenEXAMPLEdoNotLog";
const ACCEPTED: &str = r#"{"id": "1", "status": "pending", "job_id": "j"}"#;

fn request() -> CollectDbObjectsInfoRequest {
    CollectDbObjectsInfoRequest::new(
        JOB,
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    )
}

fn drs(server: &TestServer) -> huaweicloud_sdk_drs::Client {
    huaweicloud_sdk_drs::client()
        .endpoint(server.url())
        .project_id(PROJECT)
        .credentials(Credentials::token(TOKEN))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

/// A reply without the `X-Request-Id` header `Reply::json` adds.
fn without_request_id(reply: Reply) -> Reply {
    Reply {
        headers: reply
            .headers
            .into_iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("x-request-id"))
            .collect(),
        ..reply
    }
}

/// The error of one call to CollectDbObjectsInfo (which documents 400 only) answered by `reply`.
async fn error_for(reply: Reply) -> Error<huaweicloud_sdk_drs::models::DrsError> {
    let server = TestServer::start(move |_, _| reply.clone()).await;
    drs(&server).send(&request()).await.unwrap_err()
}

#[tokio::test]
async fn undocumented_statuses_in_each_error_shape_are_api_errors() {
    let shapes = [
        r#"{"error_code": "IAM.0002", "error_msg": "denied", "request_id": "body-id", "encoded_authorization_message": "enc"}"#,
        r#"{"error": {"code": "IAM.0002", "message": "denied", "request_id": "body-id", "encoded_authorization_message": "enc"}}"#,
        r#"{"code": "IAM.0002", "message": "denied", "request_id": "body-id", "encoded_authorization_message": "enc"}"#,
    ];
    for status in [403, 404, 500] {
        for shape in shapes {
            for header in [true, false] {
                let reply = Reply::json(status, shape);
                let reply = if header {
                    reply
                } else {
                    without_request_id(reply)
                };
                let error = error_for(reply).await;
                let context = format!("{status} {shape} header={header}: {error:?}");
                let Error::Api(api) = &error else {
                    panic!("{context}")
                };
                assert_eq!(api.status(), status, "{context}");
                assert_eq!(api.code(), Some("IAM.0002"), "{context}");
                assert_eq!(api.message(), Some("denied"), "{context}");
                assert_eq!(
                    api.encoded_authorization_message(),
                    Some("enc"),
                    "{context}"
                );
                let id = if header { "req-0001" } else { "body-id" };
                assert_eq!(error.request_id(), Some(id), "{context}");
                assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
                assert_eq!(
                    error.to_string(),
                    format!("HTTP {status}: IAM.0002 denied (request id {id})")
                );
                // The flat and nested shapes decode into DRS's typed body only where its fields
                // are; `code`/`message` fields are no DRS error, so the typed body is partial.
                assert!(api.body().is_some(), "{context}");
            }
        }
    }
}

#[tokio::test]
async fn a_numeric_code_in_the_nested_shape_is_read_as_digits() {
    let error = error_for(Reply::json(
        401,
        r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#,
    ))
    .await;
    let api = error.as_api().expect("an API error");
    assert_eq!(api.code(), Some("401"));
    assert_eq!(
        api.message(),
        Some("The request you have made requires authentication.")
    );
}

#[tokio::test]
async fn a_gateway_html_page_keeps_its_raw_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = error_for(Reply::json(502, html).header("Content-Type", "text/html")).await;
    let Error::UnexpectedStatus(answer) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(answer.body.as_bytes(), html.as_bytes());
    assert_eq!(error.request_id(), Some("req-0001"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    // JSON that is no error body is kept raw too.
    let error = error_for(Reply::json(404, r#"{"items": []}"#)).await;
    assert!(matches!(&error, Error::UnexpectedStatus(_)), "{error:?}");
}

#[tokio::test]
async fn a_documented_status_keeps_its_typed_body() {
    let error = error_for(Reply::json(
        400,
        r#"{"error_code": "DRS.10000010", "error_msg": "Job does not exist."}"#,
    ))
    .await;
    let api = error.as_api().unwrap();
    let body = api.body().expect("the typed body");
    assert_eq!(body.error_code.as_deref(), Some("DRS.10000010"));
    assert_eq!(api.code(), Some("DRS.10000010"));
}

const TEN_MIB: usize = 10 << 20;

#[tokio::test]
async fn ten_mib_bodies_render_bounded() {
    let html = vec![b'<'; TEN_MIB];
    let message = format!(
        r#"{{"error_code": "X.1", "error_msg": "{}"}}"#,
        "m".repeat(TEN_MIB)
    );
    for reply in [
        Reply::json(502, html),
        Reply::json(400, message.clone()),
        Reply::json(403, message),
    ] {
        let server = TestServer::start(move |_, _| reply.clone()).await;
        let client = huaweicloud_sdk_drs::client()
            .endpoint(server.url())
            .project_id(PROJECT)
            .credentials(Credentials::token(TOKEN))
            .retry(RetryPolicy::none())
            .max_response_body(32 << 20)
            .build()
            .unwrap();
        let error = client.send(&request()).await.unwrap_err();
        let (display, debug) = (error.to_string(), format!("{error:?}"));
        assert!(display.len() < 1200, "Display is {} bytes", display.len());
        assert!(debug.len() < 4000, "Debug is {} bytes", debug.len());
        assert!(!display.contains('\n'));
        assert!(
            display.contains("bytes in all") && debug.contains("bytes in all"),
            "{display}"
        );
    }
}

/// A message with a terminal escape (clear screen, red), a right-to-left override and newlines.
const HOSTILE: &str = r#"{"error_code": "X.\u001b[2J", "error_msg": "line1\nline2\r\u001b[31mred\u202egnp.exe", "request_id": "id\u202e1"}"#;

#[tokio::test]
async fn control_and_bidi_characters_are_escaped() {
    let error = error_for(without_request_id(Reply::json(403, HOSTILE))).await;
    let display = error.to_string();
    assert_eq!(
        display,
        r"HTTP 403: X.\u{1b}[2J line1\nline2\r\u{1b}[31mred\u{202e}gnp.exe (request id id\u{202e}1)"
    );
    let debug = format!("{error:?}");
    for shown in [&display, &debug] {
        assert!(
            !shown.contains(['\u{1b}', '\u{202e}', '\n', '\r']),
            "{shown:?}"
        );
    }
    assert!(
        debug.contains(r"line1\nline2\r\u{1b}[31mred\u{202e}gnp.exe"),
        "{debug}"
    );
}

/// The DRS example program (generated/drs/examples/collect_db_objects.rs, built as a binary of
/// this package) against the loopback server: `CODE message (request id ID)` on stderr,
/// escaped, for a documented and an undocumented status.
#[tokio::test]
async fn the_example_program_prints_api_errors_escaped() {
    let cases = [
        (
            Reply::json(400, r#"{"error_code": "DRS.10000010", "error_msg": "Job does not exist."}"#),
            "DRS.10000010 Job does not exist. (request id req-0001)\n".to_owned(),
        ),
        (
            without_request_id(Reply::json(403, HOSTILE)),
            "X.\\u{1b}[2J line1\\nline2\\r\\u{1b}[31mred\\u{202e}gnp.exe (request id id\\u{202e}1)\n"
                .to_owned(),
        ),
    ];
    for (reply, expected) in cases {
        let server = TestServer::start(move |_, _| reply.clone()).await;
        let url = server.url();
        let output = tokio::task::spawn_blocking(move || {
            Command::new(env!("CARGO_BIN_EXE_collect_db_objects"))
                .args(["--job-id", JOB, "--type", "source", "--endpoint", &url])
                .env_clear()
                .env("HUAWEICLOUD_SDK_TOKEN", TOKEN)
                .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&output.stderr), expected);
        assert!(output.stdout.is_empty());
    }
}

#[tokio::test]
async fn success_metadata_for_json_bytes_and_empty_bodies() {
    let server = TestServer::start(|request, _| {
        let reply = if request.method == "DELETE" {
            Reply::json(204, "")
        } else if request.method == "GET" {
            Reply::json(200, "PK\u{3}\u{4}").header("Content-Type", "application/octet-stream")
        } else {
            Reply::json(202, ACCEPTED)
        };
        reply.header("X-Custom", "custom-value")
    })
    .await;
    let client = drs(&server);
    let (accepted, metadata) = client.send_with_metadata(&request()).await.unwrap();
    assert_eq!(accepted.job_id.as_deref(), Some("j"));
    assert_eq!(
        (metadata.status.as_u16(), metadata.request_id()),
        (202, Some("req-0001"))
    );
    assert_eq!(metadata.headers["x-custom"], "custom-value");

    let (bytes, metadata) = client
        .send_with_metadata(&DownloadBatchCreateTemplateRequest::new())
        .await
        .unwrap();
    assert_eq!(bytes, b"PK\x03\x04");
    assert_eq!(
        (metadata.status.as_u16(), metadata.request_id()),
        (200, Some("req-0001"))
    );
    assert_eq!(metadata.headers["x-custom"], "custom-value");

    let iam = huaweicloud_sdk_iam::client()
        .endpoint(server.url())
        .credentials(Credentials::token(TOKEN))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let ((), metadata) = iam
        .send_with_metadata(&DeleteAgencyRequest::new("agency-1"))
        .await
        .unwrap();
    assert_eq!(
        (metadata.status.as_u16(), metadata.request_id()),
        (204, Some("req-0001"))
    );
    assert_eq!(metadata.headers["x-custom"], "custom-value");
    // `send` still returns the body alone.
    let accepted = client.send(&request()).await.unwrap();
    assert_eq!(accepted.job_id.as_deref(), Some("j"));
}
