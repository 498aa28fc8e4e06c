//! Turning an [`http::Response`] into an operation's typed result.
//!
//! The success status yields the operation's output (decoded JSON, raw bytes, or nothing); a
//! documented error status an [`ApiError`] carrying the typed error body; anything else
//! [`Error::UnexpectedStatus`] with the raw body. Constraint violations in a body are never a
//! reason to fail: call `validate()` for that.

use std::str::FromStr;

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, DecodeError, Error, UnexpectedStatus};

/// The response header carrying the id support asks for.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

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
            body,
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
    if errors.contains(&status.as_u16()) {
        // A documented error status with an empty body is still that error: it decodes as an
        // empty object, which an error body whose fields are optional (and free-form JSON) accepts.
        let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &body
        };
        return match serde_json::from_slice(bytes) {
            Ok(error_body) => Err(Error::Api(ApiError {
                status,
                request_id,
                headers: parts.headers,
                body: error_body,
            })),
            Err(error) => Err(Error::Decode(DecodeError {
                status,
                request_id,
                message: error.to_string(),
                body,
            })),
        };
    }
    Err(Error::UnexpectedStatus(UnexpectedStatus {
        status,
        request_id,
        body,
    }))
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
        assert!(matches!(other, Err(Error::UnexpectedStatus(u)) if u.body == b"oops"));

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
        assert_eq!(api.body, serde_json::json!({}));
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
