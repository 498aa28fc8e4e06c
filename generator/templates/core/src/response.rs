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
//! The request id is the `X-Request-Id` header, else the body's. A documented error status whose
//! body is blank decodes as `{}`; an undocumented one whose body is no error body (an HTML page
//! from a gateway) is [`Error::UnexpectedStatus`] with the raw body. Constraint violations in a
//! body are never a reason to fail: call `validate()` for that.

use std::str::FromStr;

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, DecodeError, Error, UnexpectedStatus};

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
pub fn decode_json<T: DeserializeOwned, E: DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<T, Error<E>> {
    let (status, request_id, body) = success_body(response, success, errors)?;
    serde_json::from_slice(&body).map_err(|error| {
        Error::Decode(DecodeError {
            status,
            request_id,
            message: error.to_string(),
            body: body.into(),
        })
    })
}

/// The success body as bytes (a file, or a status the page gives no schema for).
pub fn decode_bytes<E: DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<Vec<u8>, Error<E>> {
    success_body(response, success, errors).map(|(_, _, body)| body)
}

/// A success status without a body (204 No Content).
pub fn decode_empty<E: DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<(), Error<E>> {
    success_body(response, success, errors).map(|_| ())
}

/// A documented response header parsed as `T`; `None` when absent or unparsable (a header is
/// never a reason to reject an answer).
pub fn header<T: FromStr>(headers: &HeaderMap, name: &str) -> Option<T> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
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
    let object = body.as_object()?;
    let shape = |inner, code, message| shape_in(object, inner, code, message);
    if object.contains_key("error_code") || object.contains_key("error_msg") {
        return Some(shape(object, "error_code", "error_msg"));
    }
    if let Some(inner) = object.get("error").and_then(Value::as_object)
        && (inner.contains_key("code") || inner.contains_key("message"))
    {
        return Some(shape(inner, "code", "message"));
    }
    // Bare `code` and `message` are common field names, so both must be there.
    if object.contains_key("code") && object.contains_key("message") {
        return Some(shape(object, "code", "message"));
    }
    None
}

/// The fields of the shape whose code and message are in `inner`; `request_id` and
/// `encoded_authorization_message` may be beside them or at the top.
fn shape_in<'a>(
    top: &'a serde_json::Map<String, Value>,
    inner: &'a serde_json::Map<String, Value>,
    code: &str,
    message: &str,
) -> ErrorShape<'a> {
    let beside = |key: &str| inner.get(key).or_else(|| top.get(key));
    ErrorShape {
        code: inner.get(code),
        message: inner.get(message),
        request_id: beside("request_id"),
        encoded_authorization_message: beside("encoded_authorization_message"),
    }
}

/// A field of an error body as text: a string, or a number's digits.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// The status, request id and body of a success answer; every other answer as its error.
fn success_body<E: DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    success: u16,
    errors: &[u16],
) -> Result<(StatusCode, Option<String>, Vec<u8>), Error<E>> {
    let status = response.status();
    let request_id = header(response.headers(), REQUEST_ID_HEADER);
    let (parts, body) = response.into_parts();
    if status.as_u16() == success {
        return Ok((status, request_id, body));
    }
    let documented = errors.contains(&status.as_u16());
    // A documented error status with an empty body is still that error: it decodes as an
    // empty object, which an error body whose fields are optional (and free-form JSON) accepts.
    let bytes: &[u8] = if documented && body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &body
    };
    let json: Option<Value> = if status.is_success() {
        None
    } else {
        serde_json::from_slice(bytes).ok()
    };
    let shape = json.as_ref().and_then(error_shape);
    let typed = match (&json, documented || shape.is_some()) {
        (Some(json), true) => E::deserialize(json).map_err(|error| error.to_string()),
        (None, true) => serde_json::from_slice::<E>(bytes).map_err(|error| error.to_string()),
        (_, false) => Err(String::new()),
    };
    if !documented && shape.is_none() {
        return Err(Error::UnexpectedStatus(UnexpectedStatus {
            status,
            request_id,
            body: body.into(),
        }));
    }
    if let (Err(message), None) = (&typed, &shape) {
        return Err(Error::Decode(DecodeError {
            status,
            request_id,
            message: message.clone(),
            body: body.into(),
        }));
    }
    let field = |pick: for<'v> fn(&ErrorShape<'v>) -> Option<&'v Value>| {
        text(shape.as_ref().and_then(pick))
    };
    Err(Error::Api(Box::new(ApiError {
        status,
        code: field(|s| s.code),
        message: field(|s| s.message),
        request_id: request_id.or_else(|| field(|s| s.request_id)),
        encoded_authorization_message: field(|s| s.encoded_authorization_message),
        headers: parts.headers,
        body: typed.ok(),
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
            (api.status.as_u16(), api.request_id.as_deref(), api.code()),
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
        assert_eq!(api.body, Some(serde_json::json!({})));
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
