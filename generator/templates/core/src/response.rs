//! Turning an [`http::Response`] into an operation's typed result.
//!
//! The success status yields the operation's output (decoded JSON, raw bytes, or nothing). Any
//! other status whose body is a Huawei Cloud error yields [`Error::Api`] with its code, message
//! and request id, whether the page documents the status or not; see [`crate::error`] for why
//! that is one variant. The error shapes recognised, as the official SDKs decode them:
//!
//! - `{"error_code": "...", "error_msg": "..."}` (most services, API Gateway);
//! - `{"error": {"code": "...", "message": "..."}}` (IAM, Keystone style; a numeric code is
//!   read as its digits);
//! - `{"code": "...", "message": "..."}`;
//!
//! each with `request_id` and `encoded_authorization_message` beside the code where present.
//! Only those members are parsed to find the shape: the others are skipped as `serde_json`
//! skips the unknown fields of a typed body, unvalidated, so a stray byte in some other member
//! (invalid UTF-8, say) does not hide an error body. The request id is the `X-Request-Id`
//! header, else the body's. A documented error status whose
//! body is blank decodes as `{}`; an undocumented one whose body is no error body (an HTML page
//! from a gateway) is [`Error::UnexpectedStatus`] with the raw body. Constraint violations in a
//! body are never a reason to fail: call `validate()` for that.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::str::FromStr;

use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::{Map, Value};

use crate::error::{ApiError, BodyFields, DecodeError, Error, ErrorBody, UnexpectedStatus};
use crate::tee::Kept;
use crate::{json, tee};

/// The response header carrying the id support asks for.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The status, request id and headers of a successful answer, from
/// [`Client::send_with_metadata`](crate::Client::send_with_metadata).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseMetadata {
    /// HTTP status.
    pub status: StatusCode,
    /// The `X-Request-Id` response header, to quote to support.
    pub request_id: Option<String>,
    /// Every response header.
    pub headers: HeaderMap,
}

impl ResponseMetadata {
    /// The metadata of `response`.
    pub fn of<B>(response: &http::Response<B>) -> Self {
        ResponseMetadata {
            status: response.status(),
            request_id: header(response.headers(), REQUEST_ID_HEADER),
            headers: response.headers().clone(),
        }
    }

    /// The id to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// The success body as JSON decoded into `T`.
pub fn decode_json<T: DeserializeOwned, E: DeserializeOwned + ErrorBody>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<T, Error<E>> {
    let (status, headers, body) = success_body(response, success, errors)?;
    serde_json::from_slice(&body).map_err(|error| {
        Error::Decode(DecodeError {
            status,
            request_id: header(&headers, REQUEST_ID_HEADER),
            message: error.to_string(),
            body: body.into(),
        })
    })
}

/// The success body as bytes (a file, or a status the page gives no schema for).
pub fn decode_bytes<E: DeserializeOwned + ErrorBody>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<Vec<u8>, Error<E>> {
    success_body(response, success, errors).map(|(_, _, body)| body)
}

/// A success status without a body (204 No Content).
pub fn decode_empty<E: DeserializeOwned + ErrorBody>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<(), Error<E>> {
    success_body(response, success, errors).map(|_| ())
}

/// A documented response header parsed as `T`; `None` when absent or unparsable (a header is
/// never a reason to reject an answer).
pub fn header<T: FromStr>(headers: &HeaderMap, name: &str) -> Option<T> {
    header_text(headers, name)?.parse().ok()
}

/// A response header's text, trimmed; `None` when absent or not visible ASCII.
pub(crate) fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    Some(headers.get(name)?.to_str().ok()?.trim())
}

/// Where an error body keeps its fields: the values of one of the recognised shapes.
#[derive(Debug, Clone, Copy)]
pub struct ErrorShape<'a> {
    /// The code's value (a string, or a number in IAM's nested shape).
    pub code: Option<&'a Value>,
    /// The message's value.
    pub message: Option<&'a Value>,
    /// The body's `request_id`.
    pub request_id: Option<&'a Value>,
    /// The body's `encoded_authorization_message`.
    pub encoded_authorization_message: Option<&'a Value>,
}

/// The error fields of `body` when it is a Huawei Cloud error body in one of the shapes of the
/// [module docs](self); `None` for any other JSON.
pub fn error_shape(body: &Value) -> Option<ErrorShape<'_>> {
    let top = body.as_object()?;
    let layout = Layout::of(
        |member| top.contains_key(member.key()),
        || {
            top.get(Member::Error.key())
                .and_then(Value::as_object)
                .is_some_and(Layout::names_code_or_message)
        },
    )?;
    let inner = match layout {
        Layout::Nested => top.get(Member::Error.key())?.as_object()?,
        Layout::Flat | Layout::Bare => top,
    };
    let (code, message) = layout.code_and_message();
    let beside = |member: Member| inner.get(member.key()).or_else(|| top.get(member.key()));
    Some(ErrorShape {
        code: inner.get(code.key()),
        message: inner.get(message.key()),
        request_id: beside(Member::RequestId),
        encoded_authorization_message: beside(Member::EncodedAuthorizationMessage),
    })
}

/// Which shape of the [module docs](self) an error body is in.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// `error_code` and `error_msg` at the top.
    Flat,
    /// `code` and `message` in the object `error`.
    Nested,
    /// `code` and `message` at the top.
    Bare,
}

impl Layout {
    /// The shape of an object, given which top-level members it has and whether its `error`
    /// is an object with a `code` or a `message` (asked only when it matters); the one decision
    /// both readers of error bodies share ([`error_shape`] on a `Value`, [`ErrorMembers`] on
    /// bytes).
    fn of(has: impl Fn(Member) -> bool, nested: impl FnOnce() -> bool) -> Option<Layout> {
        if has(Member::ErrorCode) || has(Member::ErrorMsg) {
            return Some(Layout::Flat);
        }
        if has(Member::Error) && nested() {
            return Some(Layout::Nested);
        }
        // Bare `code` and `message` are common field names, so both must be there.
        (has(Member::Code) && has(Member::Message)).then_some(Layout::Bare)
    }

    /// Whether the object `error` of the nested shape names a code or a message.
    fn names_code_or_message(error: &Map<String, Value>) -> bool {
        error.contains_key(Member::Code.key()) || error.contains_key(Member::Message.key())
    }

    /// Where the code and the message are (in `error`, for the nested shape).
    fn code_and_message(self) -> (Member, Member) {
        match self {
            Layout::Flat => (Member::ErrorCode, Member::ErrorMsg),
            Layout::Nested | Layout::Bare => (Member::Code, Member::Message),
        }
    }
}

/// The members of an error body that [`Layout::of`] looks at, and the request id and
/// authorization message that may be beside the code; in the order of [`ERROR_MEMBERS`].
#[derive(Debug, Clone, Copy)]
enum Member {
    ErrorCode,
    ErrorMsg,
    Error,
    Code,
    Message,
    RequestId,
    EncodedAuthorizationMessage,
}

/// The keys of the [`Member`]s, in their order.
const ERROR_MEMBERS: [&str; 7] = [
    "error_code",
    "error_msg",
    "error",
    "code",
    "message",
    "request_id",
    "encoded_authorization_message",
];

impl Member {
    fn key(self) -> &'static str {
        ERROR_MEMBERS[self as usize]
    }

    /// The position in [`ERROR_MEMBERS`] of the member whose key is `key`. A `match` rather
    /// than a search of the array: it runs for every key of every error body, and compiles to
    /// a few comparisons.
    fn position(key: &str) -> Option<usize> {
        let member = match key {
            "error_code" => Member::ErrorCode,
            "error_msg" => Member::ErrorMsg,
            "error" => Member::Error,
            "code" => Member::Code,
            "message" => Member::Message,
            "request_id" => Member::RequestId,
            "encoded_authorization_message" => Member::EncodedAuthorizationMessage,
            _ => return None,
        };
        Some(member as usize)
    }
}

/// The [`Member`]s a JSON object has; a member present as `null` is there, as it is in a
/// `Value`. Set while the typed error body is read (see [`crate::tee`]), or read on their own;
/// either way every other member is skipped without being built, and a plain string is kept as
/// a slice of the bytes.
#[derive(Default)]
struct ErrorMembers<'de>([OnceCell<Kept<'de>>; ERROR_MEMBERS.len()]);

impl<'de> Deserialize<'de> for ErrorMembers<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (a, b, c, d, e, f, g) = json::fields(deserializer, &ERROR_MEMBERS)?;
        let cell = |value: Option<Kept<'de>>| value.map_or_else(OnceCell::new, OnceCell::from);
        Ok(ErrorMembers([a, b, c, d, e, f, g].map(cell)))
    }
}

/// The fields of an error body as text, borrowed where they need no unescaping.
#[derive(Debug, Default)]
struct ErrorFields<'a> {
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    encoded_authorization_message: Option<Cow<'a, str>>,
}

impl<'de> ErrorMembers<'de> {
    /// The members of the JSON object `bytes` holds; `None` for any other body.
    fn read(bytes: &'de [u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }

    fn get(&self, member: Member) -> Option<&Kept<'de>> {
        self.0[member as usize].get()
    }

    /// The nested shape's `error`, when it is an object.
    fn error_object(&self) -> Option<&Map<String, Value>> {
        match self.get(Member::Error)? {
            Kept::Json(Value::Object(error)) => Some(error),
            _ => None,
        }
    }

    /// The fields of the shape the members are in; `None` when they are in no shape.
    fn fields(&self) -> Option<ErrorFields<'_>> {
        let layout = Layout::of(
            |member| self.get(member).is_some(),
            || {
                self.error_object()
                    .is_some_and(Layout::names_code_or_message)
            },
        )?;
        let (code, message) = layout.code_and_message();
        let top = |member: Member| match self.get(member)? {
            Kept::Str(text) => Some(Cow::Borrowed(*text)),
            Kept::Json(value) => value_text(value),
        };
        // Code and message are where the shape keeps them; request id and authorization message
        // beside them, else at the top (the same place, in the flat shapes).
        Some(match (layout, self.error_object()) {
            (Layout::Nested, Some(error)) => {
                let beside = |member: Member| match error.get(member.key()) {
                    Some(value) => value_text(value),
                    None => top(member),
                };
                ErrorFields {
                    code: error.get(code.key()).and_then(value_text),
                    message: error.get(message.key()).and_then(value_text),
                    request_id: beside(Member::RequestId),
                    encoded_authorization_message: beside(Member::EncodedAuthorizationMessage),
                }
            }
            _ => ErrorFields {
                code: top(code),
                message: top(message),
                request_id: top(Member::RequestId),
                encoded_authorization_message: top(Member::EncodedAuthorizationMessage),
            },
        })
    }
}

/// A field of an error body as text: a string, or a number's digits.
fn value_text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(text) => Some(Cow::Borrowed(text)),
        Value::Number(number) => Some(Cow::Owned(number.to_string())),
        _ => None,
    }
}

/// The typed error body of an error answer, and its error fields when it is in an error shape:
/// in one pass over the body where [`crate::tee`] can be certain of the members (`kept`), else
/// reading them on their own (into `alone`). Both are the caller's, as the fields borrow them.
fn error_body<'m, E: DeserializeOwned>(
    bytes: &'m [u8],
    kept: &'m ErrorMembers<'m>,
    alone: &'m OnceCell<ErrorMembers<'m>>,
) -> (serde_json::Result<E>, Option<ErrorFields<'m>>) {
    let read_alone = || {
        let members = ErrorMembers::read(bytes)?;
        alone.get_or_init(|| members).fields()
    };
    match tee::decode(bytes, Member::position, &kept.0) {
        (Ok(typed), true) => (Ok(typed), kept.fields()),
        (Ok(typed), false) => (Ok(typed), read_alone()),
        // Decoded again without the tee, so that the outcome and its message are exactly
        // `serde_json`'s on the bytes.
        (Err(_), _) => (serde_json::from_slice(bytes), read_alone()),
    }
}

/// The status, headers and body of a success answer; every other answer as its error.
fn success_body<E: DeserializeOwned + ErrorBody>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error<E>> {
    let status = response.status();
    let (parts, body) = response.into_parts();
    if status.as_u16() == success {
        return Ok((status, parts.headers, body));
    }
    // Owned only where an error keeps it; `ApiError` reads it from the headers it keeps.
    let request_id = || header(&parts.headers, REQUEST_ID_HEADER);
    let documented = errors.contains(&status.as_u16());
    // A documented error status with an empty body is still that error: it decodes as an
    // empty object, which an error body whose fields are optional (and free-form JSON) accepts.
    let bytes: &[u8] = if documented && body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &body
    };
    let (kept, alone) = (ErrorMembers::default(), OnceCell::new());
    let (typed, fields) = if status.is_success() {
        // A 2xx other than the success status is never an error body.
        (serde_json::from_slice::<E>(bytes), None)
    } else {
        error_body::<E>(bytes, &kept, &alone)
    };
    let fields = match fields {
        Some(fields) => fields,
        // An undocumented status whose body is in no error shape.
        None if !documented => {
            return Err(Error::UnexpectedStatus(UnexpectedStatus {
                status,
                request_id: request_id(),
                body: body.into(),
            }));
        }
        // A documented status: its typed body alone, or a decode error when that fails too.
        None => {
            if let Err(error) = &typed {
                return Err(Error::Decode(DecodeError {
                    status,
                    request_id: request_id(),
                    message: error.to_string(),
                    body: body.into(),
                }));
            }
            ErrorFields::default()
        }
    };
    let body = typed.ok();
    // The code and message are kept only where the typed body does not hold the same text:
    // `ApiError` reads them there (no copy, on the common path).
    let beside_body = |shape: Option<Cow<'_, str>>, typed: Option<&str>| {
        shape
            .filter(|text| Some(&**text) != typed)
            .map(Cow::into_owned)
    };
    let typed_body = body.as_ref();
    let code = beside_body(fields.code, typed_body.and_then(ErrorBody::code));
    let message = beside_body(fields.message, typed_body.and_then(ErrorBody::message));
    Err(Error::Api(Box::new(ApiError {
        status,
        code,
        message,
        request_id_in_body: fields
            .request_id
            .filter(|_| header_text(&parts.headers, REQUEST_ID_HEADER).is_none())
            .map(Cow::into_owned),
        encoded_authorization_message: fields.encoded_authorization_message.map(Cow::into_owned),
        headers: parts.headers,
        body,
        body_fields: BodyFields::of(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .header("X-Request-Id", "req-1")
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    type Json = serde_json::Value;

    #[test]
    fn maps_each_kind_of_answer() {
        let ok: Json =
            decode_json::<Json, Json>(answer(202, r#"{"id":"1"}"#), 202, &[400]).unwrap();
        assert_eq!(ok["id"], "1");

        let Err(Error::Api(api)) =
            decode_json::<Json, Json>(answer(400, r#"{"error_code":"X"}"#), 202, &[400])
        else {
            panic!("expected an API error")
        };
        assert_eq!(
            (api.status.as_u16(), api.request_id(), api.code()),
            (400, Some("req-1"), Some("X"))
        );

        let other = decode_json::<Json, Json>(answer(500, "oops"), 202, &[400]);
        assert!(matches!(other, Err(Error::UnexpectedStatus(u)) if u.body.as_bytes() == b"oops"));

        let broken = decode_json::<Json, Json>(answer(202, "{"), 202, &[400]);
        assert!(matches!(broken, Err(Error::Decode(d)) if d.status == 202));
    }

    #[test]
    fn bytes_and_empty_bodies() {
        assert_eq!(
            decode_bytes::<Json>(answer(200, "PK\u{3}\u{4}zip"), 200, &[]).unwrap(),
            b"PK\x03\x04zip"
        );
        decode_empty::<Json>(answer(204, ""), 204, &[]).unwrap();
        let Err(Error::Api(api)) = decode_empty::<Json>(answer(404, ""), 204, &[404]) else {
            panic!("expected API error")
        };
        assert_eq!(api.body(), Some(&serde_json::json!({})));
    }

    /// Bodies that exercise each rule of the module docs' shapes.
    const SHAPES: [&str; 14] = [
        r#"{"error_code": "X", "error_msg": "m", "request_id": "r", "other": [1, {"a": 2}]}"#,
        r#"{"error_msg": null}"#,
        r#"{"error_code": 7, "code": "C", "message": "M"}"#,
        r#"{"error": {"code": 401, "message": "no", "request_id": "in"}, "request_id": "top"}"#,
        r#"{"error": {"title": "no code"}, "code": "C", "message": "M"}"#,
        r#"{"error": "flat", "code": "C"}"#,
        r#"{"error": {"message": "m"}, "code": "top", "encoded_authorization_message": "e"}"#,
        r#"{"error": {"code": "c", "request_id": null}, "request_id": "top"}"#,
        r#"{"code": "C", "message": {"nested": true}}"#,
        r#"{"code": "C"}"#,
        r#"{"message": "M", "message": "last"}"#,
        r#"{"code": "first", "code": 1.5e3, "message": "M"}"#,
        r#"{"items": []}"#,
        r#"{}"#,
    ];

    /// The fields `error_shape` finds in the parsed `Value`, as text.
    fn fields_of_value(body: &str) -> Option<[Option<String>; 4]> {
        let value: Value = serde_json::from_str(body).unwrap();
        let shape = error_shape(&value)?;
        let fields = [
            shape.code,
            shape.message,
            shape.request_id,
            shape.encoded_authorization_message,
        ];
        Some(fields.map(|value| value.and_then(value_text).map(Cow::into_owned)))
    }

    fn as_array(fields: ErrorFields) -> [Option<String>; 4] {
        [
            fields.code,
            fields.message,
            fields.request_id,
            fields.encoded_authorization_message,
        ]
        .map(|text| text.map(Cow::into_owned))
    }

    /// The fields read off the bytes, on their own or beside a typed body, are the fields
    /// `error_shape` finds in the parsed `Value`.
    #[test]
    fn members_read_from_bytes_give_the_fields_error_shape_finds() {
        for body in SHAPES {
            let expected = fields_of_value(body);
            let members = ErrorMembers::read(body.as_bytes()).unwrap();
            assert_eq!(members.fields().map(as_array), expected, "{body}");
            let (kept, alone) = (ErrorMembers::default(), OnceCell::new());
            let (typed, beside) = error_body::<Json>(body.as_bytes(), &kept, &alone);
            assert_eq!(typed.unwrap(), serde_json::from_str::<Json>(body).unwrap());
            assert_eq!(beside.map(as_array), expected, "{body}");
        }
        for not_an_object in ["[]", "\"text\"", "3", "null", "{", "{} x", "<html>"] {
            assert!(ErrorMembers::read(not_an_object.as_bytes()).is_none());
            let (kept, alone) = (ErrorMembers::default(), OnceCell::new());
            let (_, fields) = error_body::<Json>(not_an_object.as_bytes(), &kept, &alone);
            assert!(fields.is_none());
        }
    }

    /// Typed error bodies as generated: the flat shape's fields, and the nested one's.
    #[derive(Debug, Deserialize)]
    struct FlatBody {
        error_code: Option<String>,
        error_msg: Option<String>,
    }

    impl ErrorBody for FlatBody {
        fn code(&self) -> Option<&str> {
            self.error_code.as_deref()
        }
        fn message(&self) -> Option<&str> {
            self.error_msg.as_deref()
        }
    }

    #[derive(Debug, Deserialize)]
    struct NestedBody {
        error: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    struct Inner {
        code: Option<String>,
        message: Option<String>,
    }

    impl ErrorBody for NestedBody {
        fn code(&self) -> Option<&str> {
            self.error.as_ref()?.code.as_deref()
        }
        fn message(&self) -> Option<&str> {
            self.error.as_ref()?.message.as_deref()
        }
    }

    /// The API error of a documented 400 with `body`.
    fn api_error<E: DeserializeOwned + ErrorBody>(body: &str) -> Option<Box<ApiError<E>>> {
        match decode_json::<Json, E>(answer(400, body), 202, &[400]) {
            Err(Error::Api(api)) => Some(api),
            _ => None,
        }
    }

    /// What `ApiError` reports is the answer's shape, whichever typed body it decoded into
    /// (where the shape has none, the typed body's); the text is copied only where the typed
    /// body does not hold it.
    fn code_and_message_are_the_shapes<E: DeserializeOwned + ErrorBody>(body: &str) {
        let shape = fields_of_value(body);
        let Some(api) = api_error::<E>(body) else {
            // Only an answer in no shape that does not fit `E` either is no API error.
            assert!(
                shape.is_none() && serde_json::from_str::<E>(body).is_err(),
                "{body}"
            );
            return;
        };
        let typed = api.body();
        let [code, message, ..] = shape.unwrap_or_default();
        let code = code.or_else(|| typed.and_then(E::code).map(str::to_owned));
        let message = message.or_else(|| typed.and_then(E::message).map(str::to_owned));
        assert_eq!(
            (api.code(), api.message()),
            (code.as_deref(), message.as_deref()),
            "{body}"
        );
        if let Some(typed) = typed {
            assert!(
                api.code.is_none() || api.code.as_deref() != typed.code(),
                "{body}"
            );
            assert!(
                api.message.is_none() || api.message.as_deref() != typed.message(),
                "{body}"
            );
        }
    }

    #[test]
    fn api_errors_report_the_shapes_code_and_message_whatever_the_typed_body() {
        for body in SHAPES {
            code_and_message_are_the_shapes::<Json>(body);
            code_and_message_are_the_shapes::<FlatBody>(body);
            code_and_message_are_the_shapes::<NestedBody>(body);
        }
        // The common case copies nothing: the typed body holds the answer's code and message.
        let api = api_error::<FlatBody>(r#"{"error_code": "DRS.1", "error_msg": "m"}"#).unwrap();
        assert_eq!((api.code.as_ref(), api.message.as_ref()), (None, None));
        assert_eq!((api.code(), api.message()), (Some("DRS.1"), Some("m")));
        let api = api_error::<NestedBody>(r#"{"error": {"code": "c", "message": "m"}}"#).unwrap();
        assert_eq!((api.code.as_ref(), api.message.as_ref()), (None, None));
        // In another shape than the typed body's: kept beside it.
        let api = api_error::<NestedBody>(r#"{"error_code": "DRS.1", "error_msg": "m"}"#).unwrap();
        assert_eq!((api.code(), api.message()), (Some("DRS.1"), Some("m")));
        // Escaped text is the unescaped string, in either place.
        let api = api_error::<Json>(r#"{"error_code": "A\u0042", "error_msg": "\"q\""}"#).unwrap();
        assert_eq!((api.code(), api.message()), (Some("AB"), Some("\"q\"")));
        // Taking the typed body out leaves nothing behind to disagree with.
        assert!(api.clone().into_body().is_some());
    }

    #[test]
    fn members_are_in_the_order_of_their_keys() {
        for (position, key) in ERROR_MEMBERS.iter().enumerate() {
            let member = Member::position(key);
            assert_eq!(member, Some(position));
        }
        for member in [Member::ErrorCode, Member::EncodedAuthorizationMessage] {
            assert_eq!(Member::position(member.key()), Some(member as usize));
        }
        assert_eq!(Member::position("errors"), None);
    }

    #[test]
    fn typed_error_bodies_decode_from_the_bytes_or_fail_as_before() {
        #[derive(Debug, serde::Deserialize)]
        struct Body {
            error_code: String,
        }
        impl ErrorBody for Body {
            fn code(&self) -> Option<&str> {
                Some(&self.error_code)
            }
            fn message(&self) -> Option<&str> {
                None
            }
        }
        // Documented: a body that is no error shape and does not fit `E` is a decode error.
        let wrong = decode_json::<Json, Body>(answer(400, r#"{"other": 1}"#), 202, &[400]);
        assert!(matches!(&wrong, Err(Error::Decode(d)) if d.message.contains("error_code")));
        // An error shape that does not fit `E` is still an API error, without the typed body.
        let Err(Error::Api(api)) =
            decode_json::<Json, Body>(answer(400, r#"{"error_code": 5}"#), 202, &[400])
        else {
            panic!("expected an API error")
        };
        assert_eq!((api.code(), api.body().is_none()), (Some("5"), true));
        // Undocumented: JSON that is no error shape is an unexpected status; an error shape is
        // an API error with its typed body.
        let other = decode_json::<Json, Body>(answer(404, r#"{"items": []}"#), 202, &[400]);
        assert!(matches!(other, Err(Error::UnexpectedStatus(_))));
        let Err(Error::Api(api)) = decode_json::<Json, Body>(
            answer(403, r#"{"error_code": "IAM.1", "error_msg": "m"}"#),
            202,
            &[400],
        ) else {
            panic!("expected an API error")
        };
        assert_eq!(
            api.into_body().map(|body| body.error_code).as_deref(),
            Some("IAM.1")
        );
        // A 2xx that is not the success status is never read as an error body.
        let accepted =
            decode_json::<Json, Body>(answer(200, r#"{"error_code": "X"}"#), 202, &[400]);
        assert!(matches!(accepted, Err(Error::UnexpectedStatus(_))));
    }

    #[test]
    fn members_other_than_the_shapes_are_skipped_unvalidated() {
        // Invalid UTF-8 in one member, nesting deeper than `serde_json` builds in another.
        let mut body = br#"{"error_code": "X", "detail": "bad "#.to_vec();
        body.push(0xff);
        body.extend_from_slice(br#"", "deep": "#);
        body.extend_from_slice(&[b'['; 200]);
        body.extend_from_slice(&[b']'; 200]);
        body.push(b'}');
        let answer = http::Response::builder().status(403).body(body).unwrap();
        let Err(Error::Api(api)) = decode_json::<Json, Json>(answer, 202, &[400]) else {
            panic!("expected an API error")
        };
        // The typed body (here a `Value` of the whole body) is `serde_json`'s verdict.
        assert_eq!((api.code(), api.body().is_none()), (Some("X"), true));
    }

    #[test]
    fn headers_parse_or_are_absent() {
        let mut headers = HeaderMap::new();
        headers.insert("x-count", " 42 ".parse().unwrap());
        headers.insert("x-bad", "forty".parse().unwrap());
        assert_eq!(header::<i64>(&headers, "X-Count"), Some(42));
        assert_eq!(header::<i64>(&headers, "x-bad"), None);
        assert_eq!(header::<String>(&headers, "x-missing"), None);
    }
}
