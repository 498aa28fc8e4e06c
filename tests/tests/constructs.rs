//! One test per construct of the spec format, each against the small operation of
//! `tests/constructs/spec` that shows it (the spec file's first line names the construct):
//! the `http::Request` a request builds (method, path, query, headers, body bytes), how an
//! answer decodes (status, headers, unknown enum values), and which field a validation error
//! names. No network: `Operation::to_http` and `Operation::from_http` are the whole exchange.

use std::collections::BTreeMap;

use huaweicloud_sdk_constructs::operations::batch_create_lamp_tags::{
    BatchCreateLampTagsRequest, BatchCreateLampTagsRequestBody,
    BatchCreateLampTagsRequestBodyAction, BatchCreateLampTagsRequestBodyTags,
};
use huaweicloud_sdk_constructs::operations::batch_delete_lamp_tags::{
    BatchDeleteLampTagsRequest, BatchDeleteLampTagsRequestBody,
    BatchDeleteLampTagsRequestBodyAction, BatchDeleteLampTagsRequestBodyTags,
};
use huaweicloud_sdk_constructs::operations::blink_lamp::BlinkLampRequest;
use huaweicloud_sdk_constructs::operations::count_lamps::CountLampsRequest;
use huaweicloud_sdk_constructs::operations::create_lamp::{
    CreateLampRequest, CreateLampRequestBody, CreateLampRequestBodyMode,
};
use huaweicloud_sdk_constructs::operations::delete_lamp::DeleteLampRequest;
use huaweicloud_sdk_constructs::operations::dim_lamp::{DimLampRequest, DimLampXMode};
use huaweicloud_sdk_constructs::operations::download_firmware::DownloadFirmwareRequest;
use huaweicloud_sdk_constructs::operations::extend_lamp::{
    ExtendLampRequest, ExtendLampRequestBody, ExtendLampRequestBodyOsExtend,
};
use huaweicloud_sdk_constructs::operations::list_lamps::ListLampsRequest;
use huaweicloud_sdk_constructs::operations::reserve_lamp::{
    ReserveLampRequest, ReserveLampRequestBody, ReserveLampRequestBodyOsReserve,
};
use huaweicloud_sdk_constructs::operations::resize_lamp::{
    ResizeLampRequest, ResizeLampRequestBody,
};
use huaweicloud_sdk_constructs::operations::set_colour::{
    SetColourRequest, SetColourRequestBody, SetColourRequestBodyColour,
};
use huaweicloud_sdk_constructs::operations::show_file::ShowFileRequest;
use huaweicloud_sdk_constructs::operations::show_lamp_state::{
    ShowLampStateRequest, ShowLampStateResponseState,
};
use huaweicloud_sdk_constructs::operations::show_quota::ShowQuotaRequest;
use huaweicloud_sdk_constructs::operations::show_room::{Lamp, Room, RoomSize, ShowRoomRequest};
// Deprecated on its page: using it warns, so this import says it is meant.
#[allow(deprecated)]
use huaweicloud_sdk_constructs::operations::switch_lamp::SwitchLampRequest;
use huaweicloud_sdk_constructs::operations::tag_lamp::{TagLampRequest, TagLampRequestBody};
use huaweicloud_sdk_constructs_global::operations::show_account::ShowAccountRequest;
use huaweicloud_sdk_core::{Credentials, Error, Operation, RequestContext, Rule, Validate, http};
use serde_json::json;

const ENDPOINT: &str = "https://constructs.xx-test-1.example.com";

fn context() -> RequestContext {
    RequestContext::new(ENDPOINT).unwrap().with_project_id("p")
}

/// The request `operation` builds in the project `p`.
fn sent<O: Operation<ErrorBody: std::fmt::Debug>>(operation: &O) -> http::Request<Vec<u8>> {
    operation
        .to_http(&context())
        .unwrap_or_else(|error| panic!("{}: {error:?}", O::ID))
}

fn answer(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

/// Each violation as its field path and rule, in the order found.
fn refused<O: Operation<ErrorBody: std::fmt::Debug>>(operation: &O) -> Vec<(String, Rule)> {
    match operation.to_http(&context()) {
        Err(Error::InvalidRequest(error)) => error
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule.clone()))
            .collect(),
        other => panic!("{}: expected a validation error, got {other:?}", O::ID),
    }
}

fn json_of(request: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(request.body()).unwrap()
}

// Closed enum (set_colour.yaml).

#[test]
fn closed_enum_sends_its_wire_value_and_refuses_others() {
    let body = SetColourRequestBody::new(SetColourRequestBodyColour::Green);
    let request = sent(&SetColourRequest::new("l-1", body));
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().path(), "/v1/p/lamps/l-1/colour");
    assert_eq!(request.body(), br#"{"colour":"green"}"#);
    assert_eq!(request.headers()["content-type"], "application/json");

    assert_eq!(
        "red".parse::<SetColourRequestBodyColour>().unwrap(),
        SetColourRequestBodyColour::Red
    );
    let unknown = "blue".parse::<SetColourRequestBodyColour>().unwrap_err();
    assert_eq!(
        unknown.to_string(),
        r#""blue" is not one of ["red", "green"]"#
    );
    assert!(
        serde_json::from_value::<SetColourRequestBody>(json!({"colour": "blue"})).is_err(),
        "a closed enum has no variant for an undocumented value"
    );
}

// Open enum (show_lamp_state.yaml).

#[test]
fn open_enum_keeps_an_undocumented_value() {
    let known = ShowLampStateRequest::from_http(answer(200, &[], br#"{"state": "on"}"#)).unwrap();
    assert_eq!(known.state, ShowLampStateResponseState::On);
    assert!(known.validate().is_ok());

    let new = ShowLampStateRequest::from_http(answer(200, &[], br#"{"state": "dimmed"}"#)).unwrap();
    assert_eq!(
        new.state,
        ShowLampStateResponseState::Unknown("dimmed".into())
    );
    assert_eq!(new.state.as_str(), "dimmed");
    assert_eq!(
        serde_json::to_value(&new).unwrap(),
        json!({"state": "dimmed"})
    );
    // Decoding never fails on it; validation, which the caller may ask for, names it.
    let violations = new.validate().unwrap_err();
    assert_eq!(violations.violations()[0].path, "state");
    assert!(matches!(
        &violations.violations()[0].rule,
        Rule::Enum { value, allowed: ["on", "off"] } if value == "dimmed"
    ));
}

// Nested model (show_room.yaml).

#[test]
fn nested_models_decode_and_a_missing_required_field_is_refused() {
    let body =
        br#"{"room": {"name": "hall", "size": {"width": 4}, "lamps": [{"id": "a"}, {"id": "b"}]}}"#;
    let room = ShowRoomRequest::from_http(answer(200, &[], body))
        .unwrap()
        .room;
    let expected = Room::new("hall")
        .size(RoomSize::new(4))
        .lamps(vec![Lamp::new("a"), Lamp::new("b")]);
    assert_eq!(room, expected);

    let missing = br#"{"room": {"name": "hall", "lamps": [{}]}}"#;
    let Err(Error::Decode(error)) = ShowRoomRequest::from_http(answer(200, &[], missing)) else {
        panic!("`id` is required in every lamp")
    };
    assert!(error.message.contains("`id`"), "{}", error.message);
    assert_eq!(
        sent(&ShowRoomRequest::new("r 1")).uri().path(),
        "/v1/p/rooms/r%201"
    );
}

// Map (tag_lamp.yaml).

#[test]
fn maps_go_out_as_json_objects_and_their_values_are_checked() {
    let tags = BTreeMap::from([
        ("a".to_owned(), "x".to_owned()),
        ("b".to_owned(), "y".to_owned()),
    ]);
    let request = sent(&TagLampRequest::new("l-1", TagLampRequestBody::new(tags)));
    assert_eq!(request.body(), br#"{"tags":{"a":"x","b":"y"}}"#);

    let long = BTreeMap::from([("k".to_owned(), "123456789".to_owned())]);
    let violations = refused(&TagLampRequest::new("l-1", TagLampRequestBody::new(long)));
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].0, "body.tags.k", "the path names the key");

    let counts =
        TagLampRequest::from_http(answer(200, &[], br#"{"counts": {"a": 9007199254740993}}"#))
            .unwrap()
            .counts
            .unwrap();
    assert_eq!(counts["a"], 9_007_199_254_740_993);
}

// Array query parameters (list_lamps.yaml).

#[test]
fn array_query_parameters_repeat_or_join_with_commas() {
    let request = sent(
        &ListLampsRequest::new()
            .id(vec!["a".into(), "b&c".into()])
            .room(vec![1, 2]),
    );
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().query(),
        Some("id=a&id=b%26c&room=1%2C2"),
        "`repeat` sends a pair per item, `comma` one pair, each encoded"
    );
    assert_eq!(
        sent(&ListLampsRequest::new()).uri().query(),
        None,
        "unset arrays send nothing"
    );
    assert_eq!(
        sent(&ListLampsRequest::new().id(vec![]).room(vec![]))
            .uri()
            .query(),
        Some("room="),
        "an empty `repeat` array has no pair; an empty `comma` array is one empty pair"
    );
    let ids = ListLampsRequest::from_http(answer(200, &[], br#"["a", "b"]"#)).unwrap();
    assert_eq!(ids, ["a", "b"], "a top-level array decodes into a Vec");
}

// File/binary body (download_firmware.yaml), and a status without a table (blink_lamp.yaml).

#[test]
fn byte_bodies_are_handed_over_unchanged() {
    let image = b"\x7fELF\x00\xff\xfe not JSON";
    let headers = [("Content-Type", "application/octet-stream")];
    assert_eq!(
        DownloadFirmwareRequest::from_http(answer(200, &headers, image)).unwrap(),
        image
    );
    let request = sent(&DownloadFirmwareRequest::new("l-1"));
    assert!(request.body().is_empty() && request.headers().is_empty());

    assert_eq!(
        BlinkLampRequest::from_http(answer(202, &[], b"queued")).unwrap(),
        b"queued",
        "a success status the page gives no table for hands its body over"
    );
    assert!(matches!(
        BlinkLampRequest::from_http(answer(200, &[], b"queued")),
        Err(Error::UnexpectedStatus(_))
    ));
}

// 204 / empty response (delete_lamp.yaml).

#[test]
fn no_content_yields_unit_and_a_documented_error_status_is_an_api_error() {
    let request = sent(&DeleteLampRequest::new("l-1"));
    assert_eq!(request.method(), http::Method::DELETE);
    assert!(request.body().is_empty());
    let (): () = DeleteLampRequest::from_http(answer(204, &[], b"")).unwrap();

    let not_found = br#"{"error_code": "LAMP.404", "error_msg": "No such lamp."}"#;
    let Err(Error::Api(error)) = DeleteLampRequest::from_http(answer(404, &[], not_found)) else {
        panic!("404 is documented")
    };
    assert_eq!(
        (error.status().as_u16(), error.code(), error.message()),
        (404, Some("LAMP.404"), Some("No such lamp.")),
        "a status without a schema decodes into the service's error model"
    );
    assert!(matches!(
        DeleteLampRequest::from_http(answer(500, &[], b"")),
        Err(Error::UnexpectedStatus(_))
    ));
}

// Response headers (count_lamps.yaml).

#[test]
fn documented_response_headers_become_fields() {
    let headers = [("X-Request-Id", "req-1"), ("x-total", "12")];
    let counted = CountLampsRequest::from_http(answer(200, &headers, br#"{"count": 3}"#)).unwrap();
    assert_eq!(counted.count, Some(3));
    assert_eq!(counted.x_request_id.as_deref(), Some("req-1"));
    assert_eq!(counted.x_total, Some(12), "header names match in any case");
    assert_eq!(
        serde_json::to_value(&counted).unwrap(),
        json!({"count": 3}),
        "headers are not part of the JSON"
    );

    let absent = CountLampsRequest::from_http(answer(200, &[("X-Total", "many")], b"{}")).unwrap();
    assert_eq!(
        (absent.x_request_id, absent.x_total),
        (None, None),
        "a missing or unparsable header is absent, never a reason to reject the answer"
    );
}

// Path placeholders with reserved characters (show_file.yaml).

#[test]
fn path_placeholders_encode_reserved_characters_inside_their_segment() {
    let request = sent(&ShowFileRequest::new("a/b?c#d%e f:ü", -2));
    assert_eq!(
        request.uri().path(),
        "/v1/p/files/a%2Fb%3Fc%23d%25e%20f%3A%C3%BC:-2",
        "every reserved character encoded, the literal `:` between the two kept"
    );
    for name in ["", ".", ".."] {
        let violations = refused(&ShowFileRequest::new(name, 1));
        assert_eq!(violations.len(), 1, "{name:?}");
        assert_eq!(violations[0].0, "name");
        assert!(matches!(violations[0].1, Rule::PathSegment { .. }));
    }
    let elsewhere = sent(&ShowFileRequest::new("f", 1).project_id("other/p"));
    assert_eq!(
        elsewhere.uri().path(),
        "/v1/other%2Fp/files/f:1",
        "the request's project overrides the context's"
    );
}

// Optional vs required fields and defaults (create_lamp.yaml).

#[test]
fn required_fields_are_constructor_arguments_and_defaults_are_never_sent() {
    let minimal = sent(&CreateLampRequest::new(CreateLampRequestBody::new("desk")));
    assert_eq!(
        minimal.uri().query(),
        None,
        "`dry_run` has a default but is unset"
    );
    assert_eq!(json_of(&minimal), json!({"name": "desk"}));
    assert_eq!(
        CreateLampRequestBodyMode::default(),
        CreateLampRequestBodyMode::Eco,
        "the server's default is exposed as `Default`"
    );

    let full = CreateLampRequestBody::new("desk")
        .note("n")
        .mode(CreateLampRequestBodyMode::Eco)
        .watts(40);
    let request = sent(&CreateLampRequest::new(full).dry_run(false));
    assert_eq!(request.uri().query(), Some("dry_run=false"));
    assert_eq!(
        json_of(&request),
        json!({"name": "desk", "note": "n", "mode": "eco", "watts": 40}),
        "a value the caller sets is sent, even when it equals the default"
    );

    let created = CreateLampRequest::from_http(answer(201, &[], br#"{"id": "l-9"}"#)).unwrap();
    assert_eq!((created.id.as_str(), created.note), ("l-9", None));
    let Err(Error::Decode(error)) =
        CreateLampRequest::from_http(answer(201, &[], br#"{"note": "x"}"#))
    else {
        panic!("`id` is required in the answer")
    };
    assert!(error.message.contains("`id`"), "{}", error.message);
}

// Numeric / length limits (resize_lamp.yaml).

#[test]
fn limits_are_checked_before_sending_and_name_each_field() {
    let within = ResizeLampRequestBody::new("12345678")
        .ratio(2.0)
        .sizes(vec![0, 1]);
    let request = sent(&ResizeLampRequest::new("l-1", within).limit(100));
    assert_eq!(request.uri().query(), Some("limit=100"));
    assert_eq!(
        request.body(),
        br#"{"label":"12345678","ratio":2.0,"sizes":[0,1]}"#
    );

    let beyond = ResizeLampRequestBody::new("123456789")
        .ratio(0.25)
        .sizes(vec![-1, 0, 1]);
    let violations = refused(&ResizeLampRequest::new("..", beyond).limit(0));
    let paths: Vec<&str> = violations.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "lamp_id",
            "limit",
            "body.label",
            "body.ratio",
            "body.sizes",
            "body.sizes[0]"
        ],
        "every violation at once, each naming its field"
    );
    assert_eq!(
        violations[2].1,
        Rule::Length {
            min: Some(1),
            max: Some(8),
            actual: 9
        }
    );
    assert_eq!(
        violations[1].1.to_string(),
        "is 0, expected 1..=100",
        "the message gives the bound"
    );
    assert_eq!(
        violations[4].1,
        Rule::ItemCount {
            min: Some(1),
            max: Some(2),
            actual: 3
        }
    );
    let empty = refused(&ResizeLampRequest::new(
        "l-1",
        ResizeLampRequestBody::new(""),
    ));
    assert_eq!(empty[0].0, "body.label", "{empty:?}");
}

// Deprecated operation (switch_lamp.yaml).

#[test]
#[allow(deprecated)]
fn a_deprecated_operation_still_works_and_carries_the_note() {
    let request = sent(&SwitchLampRequest::new("l-1"));
    assert_eq!(request.uri().path(), "/v1/p/lamps/l-1/switch");
    // What makes callers see the note is the attribute on the request type, which a test can
    // only read: the committed source is what `specgen check` keeps up to date.
    let source = include_str!("../constructs/generated/constructs/src/operations/switch_lamp.rs");
    assert!(
        source.contains(
            "#[deprecated(note = \"This API is deprecated; use SetColour.\")]\n#[derive(Debug, Clone)]\n#[non_exhaustive]\npub struct SwitchLampRequest"
        ),
        "{source}"
    );
}

// Fixed query (show_quota.yaml).

#[test]
fn a_fixed_query_value_comes_before_the_callers() {
    assert_eq!(
        sent(&ShowQuotaRequest::new()).uri().query(),
        Some("usage=True")
    );
    assert_eq!(
        sent(&ShowQuotaRequest::new().kind("a b")).uri().query(),
        Some("usage=True&kind=a%20b")
    );
}

// Several operations on one method and path (extend_lamp.yaml, reserve_lamp.yaml,
// batch_create_lamp_tags.yaml, batch_delete_lamp_tags.yaml): each its own operation, sending
// its own body to the shared path.

#[test]
fn operations_sharing_a_method_and_path_each_send_their_own_body() {
    let extend = ExtendLampRequest::new(
        "l1",
        true,
        ExtendLampRequestBody::new(ExtendLampRequestBodyOsExtend::new(3)),
    );
    let reserve = ReserveLampRequest::new(
        "l1",
        ReserveLampRequestBody::new(ReserveLampRequestBodyOsReserve::new().owner("ops")),
    );
    let (extend, reserve) = (sent(&extend), sent(&reserve));
    assert_eq!(extend.uri().path(), "/v1/p/lamps/l1/action");
    assert_eq!(reserve.uri().path(), extend.uri().path());
    assert_eq!(json_of(&extend), json!({"os-extend": {"new_size": 3}}));
    assert_eq!(json_of(&reserve), json!({"os-reserve": {"owner": "ops"}}));
    assert_eq!(
        ReserveLampRequest::from_http(answer(202, &[], br#"{"reserved_until": "t"}"#))
            .unwrap()
            .reserved_until,
        "t"
    );

    let create = BatchCreateLampTagsRequest::new(
        "l1",
        BatchCreateLampTagsRequestBody::new(
            BatchCreateLampTagsRequestBodyAction::Create,
            vec![BatchCreateLampTagsRequestBodyTags::new("k", "v")],
        ),
    );
    let delete = BatchDeleteLampTagsRequest::new(
        "l1",
        BatchDeleteLampTagsRequestBody::new(
            BatchDeleteLampTagsRequestBodyAction::Delete,
            vec![BatchDeleteLampTagsRequestBodyTags::new("k")],
        ),
    );
    let (create, delete) = (sent(&create), sent(&delete));
    assert_eq!(create.uri().path(), "/v1/p/lamps/l1/tags/action");
    assert_eq!(delete.uri().path(), create.uri().path());
    assert_eq!(
        json_of(&create),
        json!({"action": "create", "tags": [{"key": "k", "value": "v"}]})
    );
    assert_eq!(
        json_of(&delete),
        json!({"action": "delete", "tags": [{"key": "k"}]})
    );
}

// Error responses with headers, and request headers (dim_lamp.yaml).

#[test]
fn request_headers_are_sent_and_error_headers_are_kept() {
    let request = sent(&DimLampRequest::new("l-1", 3).x_mode(DimLampXMode::Soft));
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect();
    assert_eq!(headers, [("x-level", "3"), ("x-mode", "soft")]);

    let bad = br#"{"error_code": "LAMP.400", "error_msg": "Bad level."}"#;
    let Err(Error::Api(error)) = DimLampRequest::from_http(answer(400, &[], bad)) else {
        panic!("400 is documented")
    };
    assert_eq!(
        (error.code(), error.message()),
        (Some("LAMP.400"), Some("Bad level."))
    );

    let throttled = [("Retry-After", "30"), ("X-Request-Id", "req-2")];
    let Err(Error::Api(error)) = DimLampRequest::from_http(answer(429, &throttled, b"")) else {
        panic!("429 is documented")
    };
    assert_eq!(error.status().as_u16(), 429);
    assert_eq!(error.headers()["retry-after"], "30");
    assert_eq!(error.request_id(), Some("req-2"));
    assert_eq!(
        (error.code(), error.message()),
        (None, None),
        "no body, no code"
    );
}

// Global service (constructs-global).

#[test]
fn a_global_service_needs_no_project_and_a_project_service_does() {
    let client = huaweicloud_sdk_constructs_global::client()
        .credentials(Credentials::token("t"))
        .build()
        .unwrap();
    assert_eq!(
        client.context().endpoint(),
        "https://constructs-global.example.com"
    );
    assert_eq!(client.context().project_id(), None);
    let request = ShowAccountRequest::new("acc/1")
        .to_http(client.context())
        .unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://constructs-global.example.com/v1/accounts/acc%2F1"
    );

    let without_project = RequestContext::new(ENDPOINT).unwrap();
    let Err(Error::InvalidRequest(error)) = ShowQuotaRequest::new().to_http(&without_project)
    else {
        panic!("a project-scoped path needs a project id")
    };
    assert_eq!(error.violations()[0].path, "project_id");
    assert_eq!(error.violations()[0].rule, Rule::Required);
}

// Regions (constructs/service.yaml): the template, and an endpoint that does not follow it.

#[test]
fn regions_resolve_to_their_endpoints() {
    let endpoint = |region: &str| {
        huaweicloud_sdk_constructs::client()
            .region(region)
            .project_id("p")
            .credentials(Credentials::token("t"))
            .build()
            .map(|client| client.context().endpoint().to_owned())
    };
    assert_eq!(endpoint("xx-test-1").unwrap(), ENDPOINT);
    assert_eq!(endpoint("xx-odd-1").unwrap(), "https://odd.example.net");
    assert!(
        endpoint("xx-none-1").is_err(),
        "a region the page does not list"
    );
}
