//! The conformance crate (`tests/conformance`): every construct the pages use and every hostile
//! name, compiled and exercised: path and query encoding, headers, each type's JSON, each
//! constraint, every response shape.

use std::collections::BTreeMap;

use huaweicloud_sdk_conformance::models::{ConformanceError, ErrorResponse, Widget, WidgetType};
use huaweicloud_sdk_conformance::operations::create_widget::*;
// Deprecated on its page: callers (this test included) get the note as a warning.
#[allow(deprecated)]
use huaweicloud_sdk_conformance::operations::delete_widget::DeleteWidgetRequest;
use huaweicloud_sdk_conformance::operations::download_widget::DownloadWidgetRequest;
use huaweicloud_sdk_conformance::operations::list_widgets::ListWidgetsRequest;
use huaweicloud_sdk_conformance::operations::touch_widget::{TouchWidgetMode, TouchWidgetRequest};
use huaweicloud_sdk_core::http;
use huaweicloud_sdk_core::{Error, ErrorBody, Operation, RequestContext, Rule, Validate};
use serde_json::json;

fn context() -> RequestContext {
    RequestContext::new("https://conformance.xx-test-1.example.com")
        .unwrap()
        .with_project_id("p")
}

fn body() -> CreateWidgetRequestBody {
    CreateWidgetRequestBody::new("widget", 1)
}

fn request() -> CreateWidgetRequest {
    CreateWidgetRequest::new(
        "w-1",
        3,
        CreateWidgetKind::Big,
        CreateWidgetSort::Asc,
        body(),
    )
}

fn answer(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

fn violations(value: &impl Validate) -> Vec<(String, Rule)> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(error) => error
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule.clone()))
            .collect(),
    }
}

#[test]
fn path_query_and_headers_are_encoded_exactly() {
    let request = CreateWidgetRequest::new(
        "a/b?c#d%e fü",
        -7,
        CreateWidgetKind::Small,
        CreateWidgetSort::Desc,
        body(),
    )
    .limit(10)
    .offset(9_007_199_254_740_993)
    .ratio(0.75)
    .dry_run(true)
    .tags(vec!["x".into(), "y&z".into()])
    .ids(vec![1, 2, 3])
    .match_("m=n+o")
    .body_2("a query parameter named body")
    .x_trace_id("trace-1")
    .x_mode(CreateWidgetXMode::Fast)
    .x_count(42);
    let http = request.to_http(&context()).unwrap();
    assert_eq!(http.method(), http::Method::POST);
    assert_eq!(
        http.uri().to_string(),
        "https://conformance.xx-test-1.example.com/v1/p/widgets/a%2Fb%3Fc%23d%25e%20f%C3%BC/parts/-7/small\
         ?limit=10&offset=9007199254740993&ratio=0.75&dry_run=true&tags=x&tags=y%26z&ids=1%2C2%2C3&sort=desc\
         &match=m%3Dn%2Bo&body=a%20query%20parameter%20named%20body"
    );
    let headers: Vec<(&str, &str)> = http
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.to_str().unwrap()))
        .collect();
    assert_eq!(
        headers,
        [
            ("x-trace-id", "trace-1"),
            ("x-mode", "fast"),
            ("x-count", "42"),
            ("content-type", "application/json")
        ]
    );
}

#[test]
fn unset_optional_parameters_and_defaults_are_not_sent() {
    let http = request().to_http(&context()).unwrap();
    assert_eq!(http.uri().query(), Some("sort=asc"));
    assert_eq!(
        http.headers().len(),
        1,
        "only the content type: {:?}",
        http.headers()
    );
    assert_eq!(
        CreateWidgetXMode::default(),
        CreateWidgetXMode::Safe,
        "defaults are exposed"
    );
    let body: serde_json::Value = serde_json::from_slice(http.body()).unwrap();
    assert_eq!(body, json!({"name": "widget", "count": 1}));
}

#[test]
fn header_values_cannot_smuggle_headers() {
    let request = request().x_trace_id("ok\r\nX-Injected: yes");
    let Err(Error::InvalidRequest(error)) = request.to_http(&context()) else {
        panic!("CR/LF must be refused")
    };
    assert_eq!(error.violations()[0].path, "X-Trace-Id");
    assert_eq!(error.violations()[0].rule, Rule::HeaderValue);
}

#[test]
fn wire_names_stay_exactly_as_the_spec_says() {
    let body = body()
        .db_name("camel")
        .db_name_2("snake")
        .type_(CreateWidgetRequestBodyType::Beta)
        .ref_("r")
        .self_(-5)
        .n_1st(true)
        .a_b(0.5)
        .a_b_2(0.25)
        .a_b_3("colon")
        .a_b_4("space")
        .new_("n")
        .validate_("v");
    let value = serde_json::to_value(&body).unwrap();
    assert_eq!(
        value,
        json!({
            "name": "widget", "count": 1, "dbName": "camel", "db_name": "snake", "type": "beta", "ref": "r",
            "self": -5, "1st": true, "a-b": 0.5, "a.b": 0.25, "a:b": "colon", "a b": "space", "new": "n", "validate": "v"
        })
    );
    assert_eq!(
        serde_json::from_value::<CreateWidgetRequestBody>(value).unwrap(),
        body
    );
}

#[test]
fn every_type_round_trips_through_json() {
    let mut labels = BTreeMap::new();
    labels.insert("env".to_owned(), "test".to_owned());
    let mut widgets = BTreeMap::new();
    widgets.insert(
        "w".to_owned(),
        Widget::new("w-1")
            .type_(WidgetType::Empty)
            .labels(labels.clone())
            .size(i64::MAX),
    );
    let body = CreateWidgetRequestBody::new("n", i64::MIN)
        .enabled(false)
        .labels(labels)
        .widgets_by_name(widgets)
        .free(json!({"nested": [1, "two", null, {"deep": true}]}))
        .names(vec!["a".into(), "b".into()])
        .numbers(vec![-1, 0, 100])
        .parts(vec![Part::new("p-1").weight(2.5)])
        .spec(Part::new("p-2"));
    let text = serde_json::to_string(&body).unwrap();
    let back: CreateWidgetRequestBody = serde_json::from_str(&text).unwrap();
    assert_eq!(back, body);
    assert!(
        text.contains(r#""count":-9223372036854775808"#)
            && text.contains(r#""size":9223372036854775807"#)
    );
    assert!(violations(&back).is_empty());
}

/// `self` and `Self` are both `self_` once escaped; the second is `self_2` (snake_case, so the
/// crate passes clippy `-D warnings`), and each keeps its own wire name.
#[test]
fn fields_whose_rust_names_collide_keep_their_wire_names() {
    let widget = Widget::new("w").self_("lower").self_2("upper");
    let value = serde_json::to_value(&widget).unwrap();
    assert_eq!(value, json!({"id": "w", "self": "lower", "Self": "upper"}));
    assert_eq!(serde_json::from_value::<Widget>(value).unwrap(), widget);
}

#[test]
fn every_constraint_is_checked_with_its_path() {
    let mut labels = BTreeMap::new();
    labels.insert("long".to_owned(), "x".repeat(17));
    let body = CreateWidgetRequestBody::new("", 1)
        .self_(6)
        .a_b_2(0.1)
        .labels(labels)
        .names(vec![String::new(), "b".into(), "c".into(), "d".into()])
        .numbers(vec![101])
        .parts(vec![Part::new("p").weight(-1.0)])
        .spec(Part::new("q").weight(f32::NAN));
    let request =
        CreateWidgetRequest::new("..", 1, CreateWidgetKind::Big, CreateWidgetSort::Asc, body)
            .limit(0)
            .ratio(2.0)
            .tags(vec!["123456789".into()])
            .x_trace_id("t".repeat(33));
    let found: Vec<(String, String)> = violations(&request)
        .into_iter()
        .map(|(path, rule)| (path, format!("{rule:?}")))
        .collect();
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "widget_id",
            "limit",
            "ratio",
            "tags[0]",
            "X-Trace-Id",
            "body.name",
            "body.self",
            "body.a.b",
            "body.labels.long",
            "body.names",
            "body.names[0]",
            "body.numbers[0]",
            "body.parts[0].weight",
            "body.spec.weight",
        ],
        "{found:#?}"
    );
    assert!(
        found[9]
            .1
            .starts_with("ItemCount { min: Some(1), max: Some(3), actual: 4"),
        "{found:?}"
    );
    assert!(
        found[1]
            .1
            .starts_with("Range { min: Some(\"1\"), max: Some(\"200\"), actual: \"0\""),
        "{found:?}"
    );
}

#[test]
fn hostile_enum_values_map_to_distinct_variants() {
    let cases = [
        ("", WidgetType::Empty),
        ("1", WidgetType::V1),
        ("Source", WidgetType::Source),
        ("source", WidgetType::Source2),
        ("unknown", WidgetType::Unknown2),
        ("Self", WidgetType::SelfValue),
        ("a-b", WidgetType::AB),
        ("rtl\u{202e}evil", WidgetType::RtlEvil),
        ("brand-new", WidgetType::Unknown("brand-new".into())),
    ];
    for (wire, variant) in cases {
        assert_eq!(
            serde_json::from_value::<WidgetType>(json!(wire)).unwrap(),
            variant,
            "{wire:?}"
        );
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
        assert_eq!(variant.as_str(), wire);
    }
    assert_eq!(
        WidgetType::VALUES,
        [
            "",
            "1",
            "Source",
            "source",
            "unknown",
            "Self",
            "a-b",
            "rtl\u{202e}evil"
        ]
    );
    assert_eq!(
        "desc".parse::<CreateWidgetSort>().unwrap(),
        CreateWidgetSort::Desc
    );
    let error = "DESC".parse::<CreateWidgetSort>().unwrap_err();
    assert_eq!(error.to_string(), r#""DESC" is not one of ["asc", "desc"]"#);
}

#[test]
fn a_direction_control_in_a_wire_name_stays_on_the_wire() {
    let widget: Widget =
        serde_json::from_value(json!({"id": "w", "rtl\u{202e}field": "x"})).unwrap();
    assert_eq!(widget.rtl_field.as_deref(), Some("x"));
    assert_eq!(
        serde_json::to_value(&widget).unwrap(),
        json!({"id": "w", "rtl\u{202e}field": "x"})
    );
}

#[test]
fn created_answer_carries_its_documented_headers() {
    let body = br#"{"widget": {"id": "w-1", "type": "source"}, "state": "provisioning"}"#;
    let headers = [("X-Request-Id", "req-9"), ("X-Widget-Count", "12")];
    let created = CreateWidgetRequest::from_http(answer(201, &headers, body)).unwrap();
    assert_eq!(created.x_request_id.as_deref(), Some("req-9"));
    assert_eq!(created.x_widget_count, Some(12));
    assert_eq!(
        created.widget.as_ref().unwrap().type_,
        Some(WidgetType::Source2)
    );
    assert_eq!(
        created.state,
        Some(CreateWidgetResponseState::Unknown("provisioning".into()))
    );
    // Headers are not part of the JSON.
    assert_eq!(
        serde_json::to_value(&created).unwrap()["widget"]["id"],
        "w-1"
    );
    assert!(
        serde_json::to_value(&created)
            .unwrap()
            .get("x_request_id")
            .is_none()
    );
    let unparsable =
        CreateWidgetRequest::from_http(answer(201, &[("X-Widget-Count", "many")], b"{}")).unwrap();
    assert_eq!(
        unparsable.x_widget_count, None,
        "a header is never a reason to reject an answer"
    );
}

#[test]
fn nested_errors_become_api_errors_with_code_and_message() {
    let nested = br#"{"error": {"code": "CONF.0001", "message": "Bad widget."}}"#;
    for status in [400, 409] {
        let Err(Error::Api(error)) = CreateWidgetRequest::from_http(answer(status, &[], nested))
        else {
            panic!("{status} is documented")
        };
        assert_eq!(
            (error.code(), error.message()),
            (Some("CONF.0001"), Some("Bad widget."))
        );
        let expected = ErrorResponse::new().error(
            ConformanceError::new()
                .code("CONF.0001")
                .message("Bad widget."),
        );
        assert_eq!(error.body(), Some(&expected));
    }
    let empty: ErrorResponse = serde_json::from_str("{}").unwrap();
    assert_eq!((empty.code(), empty.message()), (None, None));
    // An undocumented status in an error shape is an API error too, with the typed body when
    // the answer decodes into it.
    let Err(Error::Api(error)) = CreateWidgetRequest::from_http(answer(500, &[], nested)) else {
        panic!("500 in an error shape")
    };
    assert_eq!(error.code(), Some("CONF.0001"));
    assert!(error.body().is_some());
    assert!(matches!(
        CreateWidgetRequest::from_http(answer(500, &[], b"<html/>")),
        Err(Error::UnexpectedStatus(_))
    ));
}

#[test]
// `DeleteWidget` is deprecated: callers get the page's note as a warning.
#[allow(deprecated)]
fn no_content_bodiless_requests_and_file_bodies() {
    let delete = DeleteWidgetRequest::new("w-1").to_http(&context()).unwrap();
    assert_eq!(delete.method(), http::Method::DELETE);
    assert!(delete.body().is_empty());
    assert_eq!(
        delete.headers()["content-type"],
        "application/json;charset=utf8"
    );
    let (): () = DeleteWidgetRequest::from_http(answer(204, &[], b"")).unwrap();
    let Err(Error::Api(missing)) = DeleteWidgetRequest::from_http(answer(404, &[], b"")) else {
        panic!("404 is documented")
    };
    assert_eq!(missing.status(), 404);

    let zip = b"PK\x03\x04\x00\xffbinary";
    assert_eq!(
        DownloadWidgetRequest::from_http(answer(200, &[], zip)).unwrap(),
        zip
    );
    let download = DownloadWidgetRequest::new("w-1")
        .to_http(&context())
        .unwrap();
    assert!(
        download.headers().is_empty(),
        "a GET without a documented Content-Type sends none"
    );
    assert_eq!(
        download.uri().query(),
        Some("format=zip%20%26%20raw"),
        "a fixed query value is always sent, encoded"
    );

    // Model sharing: TouchWidget's enum is CreateWidget's, under both names, though the two
    // operations are compiled in different crates.
    let touch = TouchWidgetRequest::new("eu/1", "w:1")
        .mode(TouchWidgetMode::Fast)
        .to_http(&context())
        .unwrap();
    assert_eq!(
        touch.uri().path(),
        "/v1/p/widgets/eu%2F1:w%3A1/touch",
        "two parameters in one segment, each encoded, the literal text kept"
    );
    assert_eq!(touch.uri().query(), Some("mode=fast"));
    let shared: CreateWidgetXMode = TouchWidgetMode::default();
    assert_eq!(
        shared,
        huaweicloud_sdk_conformance::models::CreateWidgetXMode::Safe
    );
    let accepted = TouchWidgetRequest::from_http(answer(202, &[], b"queued")).unwrap();
    assert_eq!(
        accepted, b"queued",
        "a status without a schema hands its body over"
    );
}

#[test]
fn top_level_arrays_of_shared_models() {
    let widgets = ListWidgetsRequest::from_http(answer(
        200,
        &[],
        br#"[{"id": "a", "size": -1}, {"id": "b"}]"#,
    ))
    .unwrap();
    assert_eq!(widgets.len(), 2);
    let problems = violations(&widgets);
    assert_eq!(problems[0].0, "[0].size");
    let Err(Error::Api(throttled)) =
        ListWidgetsRequest::from_http(answer(429, &[("Retry-After", "7")], b""))
    else {
        panic!("429 is documented")
    };
    assert_eq!(
        throttled.headers()["retry-after"],
        "7",
        "a header documented on an error status is readable from the error"
    );
    let missing_id = ListWidgetsRequest::from_http(answer(200, &[], br#"[{"size": 1}]"#));
    assert!(
        matches!(missing_id, Err(Error::Decode(_))),
        "`id` is required in the response"
    );
    let http = ListWidgetsRequest::new()
        .marker("m 1")
        .to_http(&context())
        .unwrap();
    assert_eq!(
        http.uri().path_and_query().unwrap(),
        "/v1/p/widgets?marker=m%201"
    );
}

/// Models, fields and parameters named like what generated code imports or names by path
/// (tests/conformance/spec/reserved) get other Rust names and keep their wire names.
#[test]
fn names_reserved_by_the_runtime_keep_their_wire_names() {
    use huaweicloud_sdk_reserved::models::ReservedErrorBody;
    use huaweicloud_sdk_reserved::operations::shadow_runtime::*;

    let body = ShadowRuntimeRequestBody::new()
        .request_builder(ReservedRequestBuilder::new().value("b"))
        .option(ReservedOption::new().value("o"))
        .error_body(ReservedErrorBody::new().http_("h"))
        .serde_json_("s");
    let wire = json!({
        "RequestBuilder": {"value": "b"},
        "Option": {"value": "o"},
        "error_body": {"http": "h"},
        "serde_json": "s",
    });
    assert_eq!(serde_json::to_value(&body).unwrap(), wire);
    assert_eq!(
        serde_json::from_value::<ShadowRuntimeRequestBody>(wire).unwrap(),
        body
    );

    let http = ShadowRuntimeRequest::new(body)
        .http_("1")
        .std_("2")
        .mode(ShadowRuntimeMode::Safe)
        .to_http(&context())
        .unwrap();
    assert_eq!(
        http.uri().path_and_query().unwrap(),
        "/v1/p/names?http=1&std=2&mode=safe"
    );
    assert!("slow".parse::<ShadowRuntimeMode>().is_err());

    let response = ShadowRuntimeRequest::from_http(answer(
        200,
        &[],
        br#"{"state": "on", "result": {"value": "r"}, "option": {"value": "o"}}"#,
    ))
    .unwrap();
    assert_eq!(response.result, Some(ReservedResult::new().value("r")));
    assert_eq!(response.option, Some(ReservedOption::new().value("o")));
}
