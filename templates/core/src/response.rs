//! Turning an [`http::Response`] into an operation's typed result.

use serde::de::DeserializeOwned;

use crate::error::{ApiError, DecodeError, Error, UnexpectedStatus};

/// The response header carrying the id support asks for.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The statuses an operation documents.
#[derive(Debug, Clone, Copy)]
pub struct Statuses {
    /// The success status.
    pub success: u16,
    /// Whether the success status has a JSON body (`false` for "None" pages and 204s).
    pub success_has_body: bool,
    /// Error statuses with a documented body.
    pub errors: &'static [u16],
}

/// Decodes `response`: the success status into `T`, a documented error status into an
/// [`ApiError`] carrying `E`, anything else into [`Error::UnexpectedStatus`] with the raw body.
/// Constraint violations in the body are never a reason to fail; call `validate()` for that.
pub fn decode<T: DeserializeOwned, E: DeserializeOwned>(
    response: http::Response<Vec<u8>>,
    statuses: Statuses,
) -> Result<T, Error<E>> {
    let status = response.status();
    let request_id = response
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.into_body();
    let decode_error = |message: String, body: Vec<u8>, request_id: Option<String>| {
        Error::Decode(DecodeError {
            status,
            request_id,
            message,
            body,
        })
    };

    if status.as_u16() == statuses.success {
        let bytes: &[u8] = if statuses.success_has_body || !body.is_empty() {
            &body
        } else {
            b"null"
        };
        return serde_json::from_slice(bytes)
            .map_err(|error| decode_error(error.to_string(), body, request_id));
    }
    if statuses.errors.contains(&status.as_u16()) {
        return match serde_json::from_slice(&body) {
            Ok(error_body) => Err(Error::Api(ApiError {
                status,
                request_id,
                body: error_body,
            })),
            Err(error) => Err(decode_error(error.to_string(), body, request_id)),
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

    const STATUSES: Statuses = Statuses {
        success: 202,
        success_has_body: true,
        errors: &[400],
    };

    fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .header("X-Request-Id", "req-1")
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn maps_each_kind_of_answer() {
        let ok: Result<serde_json::Value, Error<serde_json::Value>> =
            decode(answer(202, r#"{"id":"1"}"#), STATUSES);
        assert_eq!(ok.unwrap()["id"], "1");

        let api = decode::<serde_json::Value, serde_json::Value>(
            answer(400, r#"{"error_code":"X"}"#),
            STATUSES,
        );
        let Err(Error::Api(api)) = api else {
            panic!("expected an API error")
        };
        assert_eq!(
            (api.status.as_u16(), api.request_id.as_deref(), api.code()),
            (400, Some("req-1"), Some("X"))
        );

        let other = decode::<serde_json::Value, serde_json::Value>(answer(500, "oops"), STATUSES);
        assert!(matches!(other, Err(Error::UnexpectedStatus(u)) if u.body == b"oops"));

        let broken = decode::<serde_json::Value, serde_json::Value>(answer(202, "{"), STATUSES);
        assert!(matches!(broken, Err(Error::Decode(d)) if d.status == 202));
    }

    #[test]
    fn empty_success_bodies_decode_as_unit() {
        let statuses = Statuses {
            success: 204,
            success_has_body: false,
            errors: &[],
        };
        decode::<(), serde_json::Value>(answer(204, ""), statuses).unwrap();
    }
}
