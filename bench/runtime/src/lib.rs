//! The hand-written baseline the runtime benchmarks compare against: the seed operation
//! (DRS `CollectDbObjectsInfo`, `POST /v5.1/{project_id}/jobs/{job_id}/db-objects/collect`)
//! done the way one would write it by hand for one endpoint, with plain serde and `http`
//! types, `percent-encoding` for the path, and `hmac`/`sha2` for SDK-HMAC-SHA256.
//!
//! It does the same work as the generated code: the same checks on the path segments, the same
//! URI, headers and JSON body, the same canonical request and signature (the benchmark asserts
//! that both produce identical requests before it measures), and the same decoding of the 202
//! body and of the 400 error body with the `X-Request-Id` header.

use std::fmt::Write as _;

use hmac::{Hmac, KeyInit, Mac};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderName, HeaderValue, Method, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// RFC 3986 unreserved characters stay, everything else is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `X-Language`.
#[derive(Debug, Clone, Copy)]
pub enum Language {
    /// `en-us`
    EnUs,
    /// `zh-cn`
    ZhCn,
}

impl Language {
    fn as_str(self) -> &'static str {
        match self {
            Language::EnUs => "en-us",
            Language::ZhCn => "zh-cn",
        }
    }
}

/// The body's `type`.
#[derive(Debug, Clone, Copy, Serialize)]
pub enum ObjectType {
    /// `source`
    #[serde(rename = "source")]
    Source,
    /// `modified`
    #[serde(rename = "modified")]
    Modified,
    /// `synchronized`
    #[serde(rename = "synchronized")]
    Synchronized,
}

/// The body's `is_refresh`.
#[derive(Debug, Clone, Copy, Serialize)]
pub enum Refresh {
    /// `"true"`
    #[serde(rename = "true")]
    True,
    /// `"false"`
    #[serde(rename = "false")]
    False,
}

/// The JSON request body.
#[derive(Debug, Clone, Serialize)]
pub struct CollectBody {
    /// `db_names`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_names: Option<Vec<String>>,
    /// `type`
    #[serde(rename = "type")]
    pub type_: ObjectType,
    /// `is_refresh`
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_refresh: Option<Refresh>,
}

/// The request.
#[derive(Debug, Clone)]
pub struct CollectRequest {
    /// `{job_id}`
    pub job_id: String,
    /// `X-Language`
    pub x_language: Option<Language>,
    /// The body.
    pub body: CollectBody,
}

/// Why the request was not built.
#[derive(Debug)]
pub enum BuildError {
    /// A path parameter that cannot be one segment (empty, `.` or `..`).
    BadSegment(&'static str),
    /// The body did not serialize.
    Body(serde_json::Error),
    /// `http` refused the request.
    Http(http::Error),
}

fn check_segment(name: &'static str, value: &str) -> Result<(), BuildError> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(BuildError::BadSegment(name));
    }
    Ok(())
}

/// Validates and builds the HTTP request against `endpoint` (no trailing `/`).
pub fn build(
    endpoint: &str,
    project_id: &str,
    request: &CollectRequest,
) -> Result<http::Request<Vec<u8>>, BuildError> {
    check_segment("project_id", project_id)?;
    check_segment("job_id", &request.job_id)?;
    let uri = format!(
        "{endpoint}/v5.1/{}/jobs/{}/db-objects/collect",
        utf8_percent_encode(project_id, SEGMENT),
        utf8_percent_encode(&request.job_id, SEGMENT),
    );
    let body = serde_json::to_vec(&request.body).map_err(BuildError::Body)?;
    let mut builder = http::Request::builder().method(Method::POST).uri(uri);
    if let Some(language) = request.x_language {
        builder = builder.header("X-Language", language.as_str());
    }
    builder
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .map_err(BuildError::Http)
}

/// Signs a request built by [`build`] (SDK-HMAC-SHA256; the path is already in canonical
/// form, there is no query, and the body is JSON), adding `Host`, `X-Sdk-Date` and
/// `Authorization`. Returns the `Authorization` value.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    access_key: &str,
    secret_key: &str,
    sdk_date: &str,
) -> String {
    let host = request.uri().authority().expect("absolute URI").as_str();
    let host = HeaderValue::from_str(host).expect("host is a header value");
    request.headers_mut().insert(HOST, host);
    request.headers_mut().insert(
        HeaderName::from_static("x-sdk-date"),
        HeaderValue::from_str(sdk_date).expect("date is a header value"),
    );

    let mut headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or("").trim()))
        .collect();
    headers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut canonical = String::with_capacity(512);
    canonical.push_str(request.method().as_str());
    canonical.push('\n');
    canonical.push_str(request.uri().path());
    canonical.push_str("/\n\n");
    let mut signed_headers = String::with_capacity(64);
    for (index, (name, value)) in headers.iter().enumerate() {
        let _ = writeln!(canonical, "{name}:{value}");
        if index > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
    }
    canonical.push('\n');
    canonical.push_str(&signed_headers);
    canonical.push('\n');
    canonical.push_str(&hex(&Sha256::digest(request.body())));

    let string_to_sign = format!(
        "SDK-HMAC-SHA256\n{sdk_date}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    let authorization = format!(
        "SDK-HMAC-SHA256 Access={access_key}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    request.headers_mut().insert(
        AUTHORIZATION,
        HeaderValue::from_str(&authorization).expect("authorization is a header value"),
    );
    authorization
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 15)] as char);
    }
    out
}

/// The 202 body.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CollectResponse {
    /// `id`
    pub id: Option<String>,
    /// `status`
    pub status: Option<String>,
    /// `job_id`
    pub job_id: Option<String>,
}

/// The 400 body.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ErrorBody {
    /// `error_code`
    pub error_code: Option<String>,
    /// `error_msg`
    pub error_msg: Option<String>,
}

/// Every way the answer is not the 202 body.
#[derive(Debug)]
pub enum ResponseError {
    /// The documented 400, with its body and `X-Request-Id`.
    Api {
        /// The status.
        status: StatusCode,
        /// `X-Request-Id`.
        request_id: Option<String>,
        /// The error body.
        body: ErrorBody,
    },
    /// Any other status, with the raw body.
    Unexpected {
        /// The status.
        status: StatusCode,
        /// The body.
        body: Vec<u8>,
    },
    /// A body that is not the documented JSON.
    Decode(serde_json::Error),
}

/// Decodes the answer to the request.
pub fn parse(response: http::Response<Vec<u8>>) -> Result<CollectResponse, ResponseError> {
    let status = response.status();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(|value| value.trim().to_owned());
    let body = response.into_body();
    match status.as_u16() {
        202 => serde_json::from_slice(&body).map_err(ResponseError::Decode),
        400 => {
            let body = serde_json::from_slice(&body).map_err(ResponseError::Decode)?;
            Err(ResponseError::Api {
                status,
                request_id,
                body,
            })
        }
        _ => Err(ResponseError::Unexpected { status, body }),
    }
}
