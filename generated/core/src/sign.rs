//! SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway verifies it.
//!
//! The canonical request is
//!
//! ```text
//! METHOD \n CANONICAL_URI \n CANONICAL_QUERY \n CANONICAL_HEADERS \n SIGNED_HEADERS \n PAYLOAD_HASH
//! ```
//!
//! where the URI is the path percent-decoded, split on `/`, each segment re-encoded (only
//! unreserved characters stay) and ending with `/`; the query is sorted by key then value,
//! each encoded the same way; headers (except those with `_` in the name) are lower-cased,
//! trimmed and sorted; the payload hash is the SHA-256 of the body, or `UNSIGNED-PAYLOAD` for
//! content types other than JSON and BSON. The string to sign is the algorithm, the
//! `X-Sdk-Date` time and the hex SHA-256 of the canonical request; the signature is the hex
//! HMAC-SHA256 of it under the secret key.
//!
//! Signing changes the request only by adding headers (`Host`, `X-Sdk-Date`, possibly
//! `X-Sdk-Content-Sha256`, `Authorization`), trimming header values, and writing the query in
//! its canonical order; the path on the wire is never changed.

use std::fmt::Write as _;

use hmac::{Hmac, KeyInit, Mac};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderName, HeaderValue};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

use crate::credentials::Secret;
use crate::request::encode_component;

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time.
pub const DATE_HEADER: &str = "x-sdk-date";
/// The header announcing an unsigned payload.
pub const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";
/// The payload hash used when the body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Everything signing computed, for tests and troubleshooting. Contains no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// The string that was signed.
    pub string_to_sign: String,
    /// Signed header names, `;`-separated.
    pub signed_headers: String,
    /// Hex HMAC-SHA256.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignError(String);

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot sign the request: {}", self.0)
    }
}

impl std::error::Error for SignError {}

/// Signs `request` in place with the access key and secret key, at `sdk_date`
/// (`YYYYMMDDTHHMMSSZ`, UTC).
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    access_key: &str,
    secret_key: &Secret,
    sdk_date: &str,
) -> Result<Signature, SignError> {
    let headers = request.headers_mut();
    if !headers.contains_key(HOST) {
        let authority = request
            .uri()
            .authority()
            .ok_or_else(|| SignError("the URI has no host".into()))?;
        let value = HeaderValue::from_str(authority.as_str())
            .map_err(|_| SignError("the host is not a header value".into()))?;
        request.headers_mut().insert(HOST, value);
    }
    let date = HeaderValue::from_str(sdk_date)
        .map_err(|_| SignError("the date is not a header value".into()))?;
    request
        .headers_mut()
        .insert(HeaderName::from_static(DATE_HEADER), date);

    let payload_hash = if signs_payload(request.headers().get(CONTENT_TYPE)) {
        hex(&Sha256::digest(request.body()))
    } else {
        request.headers_mut().insert(
            HeaderName::from_static(CONTENT_SHA256_HEADER),
            HeaderValue::from_static(UNSIGNED_PAYLOAD),
        );
        UNSIGNED_PAYLOAD.to_owned()
    };

    trim_header_values(request.headers_mut());
    let query = match request.uri().query() {
        Some(query) if !query.is_empty() => {
            let canonical = canonical_query(query);
            set_query(request, &canonical)?;
            canonical
        }
        _ => String::new(),
    };

    let (canonical_headers, signed_headers) = canonical_headers(request.headers());
    let uri = canonical_uri(request.uri().path());
    let method = request.method().as_str();
    let parts = [
        method,
        &uri,
        &query,
        &canonical_headers,
        &signed_headers,
        &payload_hash,
    ];
    let mut canonical_request = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            canonical_request.push('\n');
        }
        canonical_request.push_str(part);
    }
    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + sdk_date.len() + 66);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(sdk_date);
    string_to_sign.push('\n');
    push_hex(
        &mut string_to_sign,
        &Sha256::digest(canonical_request.as_bytes()),
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes())
        .map_err(|_| SignError("the secret key cannot be an HMAC key".into()))?;
    mac.update(string_to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    let authorization = format!(
        "{ALGORITHM} Access={access_key}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    let value = HeaderValue::from_str(&authorization)
        .map_err(|_| SignError("the access key is not a header value".into()))?;
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(Signature {
        canonical_request,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// The signing time for `now`, as `X-Sdk-Date` wants it.
pub fn sdk_date(now: std::time::SystemTime) -> String {
    let seconds = now
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, time) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// JSON and BSON bodies are hashed; any other declared content type is sent unsigned.
fn signs_payload(content_type: Option<&HeaderValue>) -> bool {
    let Some(content_type) = content_type.and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    media_type.is_empty()
        || media_type.eq_ignore_ascii_case("application/json")
        || media_type.eq_ignore_ascii_case("application/bson")
}

fn trim_header_values(headers: &mut http::HeaderMap) {
    for value in headers.values_mut() {
        let bytes = value.as_bytes();
        let trimmed = bytes.trim_ascii();
        if trimmed.len() != bytes.len()
            && let Ok(new_value) = HeaderValue::from_bytes(trimmed)
        {
            *value = new_value;
        }
    }
}

fn encode(text: &str) -> String {
    encode_component(text)
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Each path segment decoded and re-encoded, ending with `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len() + 1);
    for (index, segment) in path.split('/').enumerate() {
        if index > 0 {
            uri.push('/');
        }
        // Most segments are plain text already in canonical form: skip the round trip.
        if segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        {
            uri.push_str(segment);
        } else {
            uri.push_str(&encode(&decode(segment)));
        }
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Query pairs decoded, sorted by key then value, re-encoded.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort();
    let mut out = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        let _ = write!(out, "{}={}", encode(key), encode(value));
    }
    out
}

fn set_query(request: &mut http::Request<Vec<u8>>, query: &str) -> Result<(), SignError> {
    let uri = request.uri();
    if uri.query().unwrap_or("") == query {
        return Ok(());
    }
    let path_and_query = if query.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{query}", uri.path())
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(
        path_and_query
            .parse()
            .map_err(|_| SignError("the canonical query is not a valid URI".into()))?,
    );
    *request.uri_mut() =
        http::Uri::from_parts(parts).map_err(|_| SignError("the URI cannot be rebuilt".into()))?;
    Ok(())
}

/// `name:value\n` for each signed header, and the `;`-joined names. Headers with `_` in their
/// name are not signed: gateways commonly drop them.
fn canonical_headers(headers: &http::HeaderMap) -> (String, String) {
    // One pass over the headers; a name sent several times keeps its values in order.
    let mut entries: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or("").trim()))
        .collect();
    entries.sort_by_key(|(name, _)| *name);
    let mut canonical = String::with_capacity(256);
    let mut signed = String::with_capacity(128);
    for (index, (name, value)) in entries.iter().enumerate() {
        if index > 0 && entries[index - 1].0 == *name {
            canonical.pop();
            canonical.push(',');
        } else {
            if !signed.is_empty() {
                signed.push(';');
            }
            signed.push_str(name);
            canonical.push_str(name);
            canonical.push(':');
        }
        canonical.push_str(value);
        canonical.push('\n');
    }
    (canonical, signed)
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    push_hex(&mut out, bytes);
    out
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_dates_are_compact_utc() {
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_709_208_000); // 2024-02-29T12:00:00Z
        assert_eq!(sdk_date(at), "20240229T120000Z");
        assert_eq!(sdk_date(std::time::UNIX_EPOCH), "19700101T000000Z");
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical_uri("/a/b%20c/%7Ed/"), "/a/b%20c/~d/");
        assert_eq!(canonical_uri("/v1/x"), "/v1/x/");
        assert_eq!(canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
    }
}
