//! Behaviour of the generated DRS crate for the seed page, driven by the page's own examples
//! as the spec records them.

use std::path::Path;

use huaweicloud_sdk_core::http;
use huaweicloud_sdk_core::{Error, Operation, RequestContext, Rule, Validate};
use huaweicloud_sdk_drs::models::DrsError;
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyIsRefresh, CollectDbObjectsInfoRequestBodyType,
    CollectDbObjectsInfoResponse, CollectDbObjectsInfoResponseStatus,
    CollectDbObjectsInfoXLanguage,
};
use serde_json::{Value, json};

const PROJECT: &str = "054ba152d480d55b2f5dc0069e7ddef0";
const JOB: &str = "c7debc9c-8e09-4a5d-8dd6-cc44f78jb20r";

/// The page's examples, as recorded in the spec.
struct PageExamples {
    request_url: String,
    request_body: Value,
    accepted: Value,
    bad_request: Value,
}

fn page_examples() -> PageExamples {
    let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = specgen::load(&spec_dir).expect("the committed specs are valid");
    let drs = loaded
        .services
        .iter()
        .find(|s| s.name == "drs")
        .expect("drs service");
    let op = drs
        .operations
        .iter()
        .find(|o| o.id == "CollectDbObjectsInfo")
        .expect("seed operation");
    let examples = &op.examples;
    let response = |status: u16| {
        &examples
            .responses
            .iter()
            .find(|r| r.status == status)
            .expect("an example of the status")
            .body
    };
    let json = |text: &Option<String>| {
        serde_json::from_str(text.as_deref().expect("example body")).unwrap()
    };
    PageExamples {
        request_url: examples.requests[0]
            .url
            .clone()
            .expect("the page prints a URL"),
        request_body: json(&examples.requests[0].body),
        accepted: json(response(202)),
        bad_request: json(response(400)),
    }
}

fn context() -> RequestContext {
    RequestContext::new("https://drs.ap-southeast-1.myhuaweicloud.com")
        .unwrap()
        .with_project_id(PROJECT)
}

fn answer(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("X-Request-Id", "0f2c4a61d7e54f3b")
        .header("Content-Type", "application/json")
        .body(body.to_vec())
        .unwrap()
}

fn seed_request() -> CollectDbObjectsInfoRequest {
    CollectDbObjectsInfoRequest::new(
        JOB,
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    )
}

#[test]
fn page_examples_round_trip_through_the_generated_types() {
    let examples = page_examples();

    let body: CollectDbObjectsInfoRequestBody =
        serde_json::from_value(examples.request_body.clone()).unwrap();
    assert_eq!(body.type_, CollectDbObjectsInfoRequestBodyType::Source);
    assert_eq!(serde_json::to_value(&body).unwrap(), examples.request_body);
    body.validate().unwrap();

    let accepted: CollectDbObjectsInfoResponse =
        serde_json::from_value(examples.accepted.clone()).unwrap();
    assert_eq!(
        accepted.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    assert_eq!(serde_json::to_value(&accepted).unwrap(), examples.accepted);
    accepted.validate().unwrap();

    let error: DrsError = serde_json::from_value(examples.bad_request.clone()).unwrap();
    assert_eq!(error.error_code.as_deref(), Some("DRS.10000010"));
    assert_eq!(serde_json::to_value(&error).unwrap(), examples.bad_request);
    error.validate().unwrap();
}

#[test]
fn the_page_example_becomes_exactly_this_http_request() {
    let examples = page_examples();
    // The page's example URL names this project and job but omits `/collect`; the request
    // goes to the documented path.
    assert!(
        examples
            .request_url
            .contains(&format!("/v5.1/{PROJECT}/jobs/{JOB}/db-objects"))
    );
    let request = seed_request().to_http(&context()).unwrap();

    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri().to_string(),
        format!(
            "https://drs.ap-southeast-1.myhuaweicloud.com/v5.1/{PROJECT}/jobs/{JOB}/db-objects/collect"
        )
    );
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect();
    // X-Language is optional and unset: the server applies its default, the client sends nothing.
    assert_eq!(headers, [("content-type", "application/json")]);
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body, examples.request_body);
}

#[test]
fn optional_fields_are_sent_only_when_set() {
    let body =
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Synchronized)
            .db_names(vec!["orders".into(), "users".into()])
            .is_refresh(CollectDbObjectsInfoRequestBodyIsRefresh::True);
    let request = CollectDbObjectsInfoRequest::new(JOB, body)
        .x_language(CollectDbObjectsInfoXLanguage::ZhCn)
        .project_id("other-project")
        .to_http(&context())
        .unwrap();
    assert_eq!(request.headers()["x-language"], "zh-cn");
    assert!(
        request
            .uri()
            .path()
            .starts_with("/v5.1/other-project/jobs/")
    );
    let body: Value = serde_json::from_slice(request.body()).unwrap();
    // `is_refresh` is a string enum on the wire, not a boolean.
    assert_eq!(
        body,
        json!({"db_names": ["orders", "users"], "type": "synchronized", "is_refresh": "true"})
    );
    assert_eq!(
        CollectDbObjectsInfoXLanguage::default(),
        CollectDbObjectsInfoXLanguage::EnUs
    );
}

#[test]
fn hostile_job_ids_stay_one_path_segment() {
    let cases = [
        ("a/b", "a%2Fb"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("jöb-ü", "j%C3%B6b-%C3%BC"),
        ("...", "..."),
    ];
    for (job_id, encoded) in cases {
        let request = CollectDbObjectsInfoRequest::new(job_id, seed_request().body)
            .to_http(&context())
            .unwrap();
        assert_eq!(
            request.uri().path(),
            format!("/v5.1/{PROJECT}/jobs/{encoded}/db-objects/collect"),
            "job id {job_id:?}"
        );
    }
}

#[test]
fn unsendable_path_values_are_refused_before_building() {
    for job_id in ["", ".", ".."] {
        let request = CollectDbObjectsInfoRequest::new(job_id, seed_request().body);
        let violations = request.validate().unwrap_err();
        assert_eq!(violations.violations()[0].path, "job_id");
        assert!(matches!(
            violations.violations()[0].rule,
            Rule::PathSegment { .. }
        ));
        let Err(Error::InvalidRequest(error)) = request.to_http(&context()) else {
            panic!("{job_id:?} must not be sent");
        };
        assert_eq!(error.violations().len(), 1);
    }
}

#[test]
fn all_request_violations_are_reported_at_once() {
    let no_project = RequestContext::new("https://drs.example.com").unwrap();
    let request = CollectDbObjectsInfoRequest::new("..", seed_request().body);
    let Err(Error::InvalidRequest(error)) = request.to_http(&no_project) else {
        panic!("expected invalid request")
    };
    let found: Vec<(&str, &Rule)> = error
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), &v.rule))
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].0, "job_id");
    assert_eq!(found[1], ("project_id", &Rule::Required));

    let bad_override = CollectDbObjectsInfoRequest::new(JOB, seed_request().body).project_id(".");
    let error = bad_override.validate().unwrap_err();
    assert_eq!(error.violations()[0].path, "project_id");
}

#[test]
fn request_enums_accept_only_documented_values() {
    let unknown =
        serde_json::from_value::<CollectDbObjectsInfoRequestBody>(json!({"type": "everything"}));
    assert!(unknown.is_err());
    let boolean = serde_json::from_value::<CollectDbObjectsInfoRequestBody>(
        json!({"type": "source", "is_refresh": true}),
    );
    assert!(
        boolean.is_err(),
        "is_refresh is the string \"true\", not a boolean"
    );
    let missing =
        serde_json::from_value::<CollectDbObjectsInfoRequestBody>(json!({"db_names": []}));
    assert!(missing.is_err(), "type is required");
}

#[test]
fn accepted_answer_parses_into_the_typed_response() {
    let examples = page_examples();
    let body = serde_json::to_vec(&examples.accepted).unwrap();
    let response = CollectDbObjectsInfoRequest::from_http(answer(202, &body)).unwrap();
    assert_eq!(
        response.id.as_deref(),
        Some("0eacda0b-9422-4535-8b62-537d1833638b")
    );
    assert_eq!(
        response.status,
        Some(CollectDbObjectsInfoResponseStatus::Pending)
    );
    assert_eq!(
        response.job_id.as_deref(),
        Some("2fccbe0d-4e6b-4957-981a-edca4e2jb201")
    );
}

#[test]
fn bad_request_answer_is_a_typed_api_error() {
    let examples = page_examples();
    let body = serde_json::to_vec(&examples.bad_request).unwrap();
    let Err(Error::Api(error)) = CollectDbObjectsInfoRequest::from_http(answer(400, &body)) else {
        panic!("expected an API error");
    };
    assert_eq!(error.status(), 400);
    assert_eq!(error.code(), Some("DRS.10000010"));
    assert_eq!(
        error.message(),
        Some("Job does not exist, please check job ID.")
    );
    assert_eq!(error.request_id(), Some("0f2c4a61d7e54f3b"));
    assert_eq!(
        error.body().and_then(|body| body.error_msg.as_deref()),
        error.message()
    );
}

#[test]
fn constraint_violations_in_answers_never_fail_parsing() {
    // An 11-character code breaks the documented length of 12 but is still the server's answer.
    let body = br#"{"error_code": "DRS.1000001", "error_msg": ""}"#;
    let Err(Error::Api(error)) = CollectDbObjectsInfoRequest::from_http(answer(400, body)) else {
        panic!("expected an API error");
    };
    assert_eq!(error.code(), Some("DRS.1000001"));
    let violations = error
        .body()
        .expect("the typed body")
        .validate()
        .unwrap_err();
    let found: Vec<(&str, &Rule)> = violations
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), &v.rule))
        .collect();
    assert_eq!(
        found,
        [
            (
                "error_code",
                &Rule::Length {
                    min: Some(12),
                    max: Some(12),
                    actual: 11
                }
            ),
            (
                "error_msg",
                &Rule::Length {
                    min: Some(1),
                    max: Some(512),
                    actual: 0
                }
            ),
        ]
    );
}

#[test]
fn an_unknown_status_value_survives_parsing_and_round_trips() {
    let body = br#"{"id": "1", "status": "archived", "job_id": "j"}"#;
    let response = CollectDbObjectsInfoRequest::from_http(answer(202, body)).unwrap();
    assert_eq!(
        response.status,
        Some(CollectDbObjectsInfoResponseStatus::Unknown(
            "archived".into()
        ))
    );
    assert_eq!(
        serde_json::to_value(&response).unwrap()["status"],
        "archived"
    );
    let violations = response.validate().unwrap_err();
    assert_eq!(violations.violations()[0].path, "status");
    assert_eq!(
        violations.violations()[0].rule,
        Rule::Enum {
            value: "archived".into(),
            allowed: CollectDbObjectsInfoResponseStatus::VALUES
        }
    );
}

#[test]
fn undocumented_statuses_and_broken_bodies_are_errors_with_the_raw_body() {
    let Err(Error::UnexpectedStatus(answer_500)) =
        CollectDbObjectsInfoRequest::from_http(answer(500, b"<html>oops</html>"))
    else {
        panic!("expected an unexpected-status error");
    };
    assert_eq!(
        (answer_500.status.as_u16(), answer_500.body.as_bytes()),
        (500, b"<html>oops</html>".as_slice())
    );

    for (status, body) in [
        (202, &b"{\"id\": "[..]),
        (202, b"[]"),
        (400, b"not json"),
        (202, b""),
    ] {
        let result = CollectDbObjectsInfoRequest::from_http(answer(status, body));
        let Err(Error::Decode(error)) = result else {
            panic!("{status} {body:?} must be a decode error")
        };
        assert_eq!(error.status.as_u16(), status);
        assert_eq!(error.body.as_bytes(), body);
    }
}

#[test]
fn error_messages_are_bounded_for_huge_bodies() {
    let huge = vec![b'x'; 1 << 20];
    let error = CollectDbObjectsInfoRequest::from_http(answer(503, &huge)).unwrap_err();
    let message = error.to_string();
    assert!(message.len() < 700, "{} bytes", message.len());
    assert!(message.contains("... (1048576 bytes in all)"), "{message}");
}
