//! SDK-HMAC-SHA256 request signing, byte for byte as the official Huawei Cloud SDKs sign
//! (their Python `huaweicloudsdkcore` 3.1.219 is the reference the tests compare with).
//!
//! The canonical request is
//!
//! ```text
//! METHOD \n CANONICAL_URI \n CANONICAL_QUERY \n CANONICAL_HEADERS \n SIGNED_HEADERS \n PAYLOAD_HASH
//! ```
//!
//! - METHOD is upper-cased (and sent upper-cased).
//! - CANONICAL_URI: the whole path percent-decoded (invalid UTF-8 becomes U+FFFD), then split on
//!   `/` (so an encoded `%2F` inside a segment splits it, as the official signer does), each
//!   piece encoded keeping only unreserved characters, ending with `/`.
//! - CANONICAL_QUERY: the `&`-separated pairs decoded, sorted by key then value (code point
//!   order), each encoded the same way; the query is sent in this form too.
//! - Headers: every value has Unicode whitespace stripped from both ends (the stripped value is
//!   what is sent); a name given several times is sent once, its values joined with `, `;
//!   every name without `_` is signed, lower-case, sorted, `name:value` per line.
//! - PAYLOAD_HASH: the SHA-256 of the empty string for an empty body; else the caller's
//!   `X-Sdk-Content-Sha256` when set (it is set to `UNSIGNED-PAYLOAD` for a Content-Type that does
//!   not start with `application/json` or `application/bson`, compared as written); else the
//!   SHA-256 of the body.
//!
//! The string to sign is the algorithm, the `X-Sdk-Date` time and the hex SHA-256 of the
//! canonical request; the signature is the hex HMAC-SHA256 of it under the secret key.
//!
//! Signing changes the request only in ways a server sees as the same request: it adds `Host`
//! (when absent), `X-Sdk-Date`, possibly `X-Sdk-Content-Sha256`, and `Authorization`; strips
//! and merges header values as above; upper-cases the method; and writes the query in its
//! canonical order. The path is never changed. Header values must be UTF-8 (the signature is
//! computed over text), and the path may hold no `.` or `..` segment and no raw `\` (URL
//! parsers rewrite those, so the server would see another path); other requests are refused.
//!
//! Where this deliberately differs from the official signer (integer list values in a query,
//! which it sorts numerically but sends in another order), the README's "Wire fidelity" table
//! says why.

use std::borrow::Cow;

use hmac::{Hmac, KeyInit, Mac};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use percent_encoding::{percent_decode_str, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::credentials::Secret;
use crate::request::UNRESERVED_ONLY;

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time.
pub const DATE_HEADER: &str = "x-sdk-date";
/// The header carrying the payload hash the caller chose (or announcing an unsigned payload).
pub const CONTENT_SHA256_HEADER: &str = "x-sdk-content-sha256";
/// The payload hash used when the body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The hex SHA-256 of the empty string: the payload hash of every empty body.
const EMPTY_BODY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

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
    // The official signer refuses these too, rather than sign with an empty key.
    if access_key.is_empty() {
        return Err(SignError("the access key is empty".into()));
    }
    if secret_key.expose().is_empty() {
        return Err(SignError("the secret key is empty".into()));
    }
    refuse_rewritten_path(request.uri().path())?;
    upper_case_method(request.method_mut())?;
    // Read before values are stripped: the official signer compares the value as written.
    let unsigned_payload = !signs_payload(request.headers().get(CONTENT_TYPE));
    if !request.headers().contains_key(HOST) {
        let host = host_of(request.uri())?;
        request.headers_mut().insert(HOST, host);
    }
    let date = HeaderValue::from_str(sdk_date)
        .map_err(|_| SignError("the date is not a header value".into()))?;
    let headers = request.headers_mut();
    headers.insert(HeaderName::from_static(DATE_HEADER), date);
    if unsigned_payload {
        headers.insert(
            HeaderName::from_static(CONTENT_SHA256_HEADER),
            HeaderValue::from_static(UNSIGNED_PAYLOAD),
        );
    }
    normalize_header_values(headers)?;

    // The canonical request is written into one buffer, part after part; the query and the
    // signed header names are read back from it by their ranges.
    let uri = request.uri();
    let query = uri.query().unwrap_or("");
    let mut canonical = String::with_capacity(
        uri.path().len() + 2 * query.len() + 64 * request.headers().len() + 128,
    );
    canonical.push_str(request.method().as_str());
    canonical.push('\n');
    write_canonical_uri(&mut canonical, uri.path());
    canonical.push('\n');
    let query_range = written(&mut canonical, |out| write_canonical_query(out, query));
    canonical.push('\n');
    let signed_range = write_canonical_headers(&mut canonical, request.headers());
    canonical.push('\n');
    write_payload_hash(&mut canonical, request.headers(), request.body());
    set_query(request, &canonical[query_range])?;
    let signed_headers = canonical[signed_range].to_owned();

    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + sdk_date.len() + 66);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(sdk_date);
    string_to_sign.push('\n');
    push_hex(&mut string_to_sign, &Sha256::digest(canonical.as_bytes()));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes())
        .map_err(|_| SignError("the secret key cannot be an HMAC key".into()))?;
    mac.update(string_to_sign.as_bytes());

    let mut authorization =
        String::with_capacity(ALGORITHM.len() + access_key.len() + signed_headers.len() + 96);
    authorization.push_str(ALGORITHM);
    authorization.push_str(" Access=");
    authorization.push_str(access_key);
    authorization.push_str(", SignedHeaders=");
    authorization.push_str(&signed_headers);
    authorization.push_str(", Signature=");
    let signature_start = authorization.len();
    push_hex(&mut authorization, &mac.finalize().into_bytes());
    let signature = authorization[signature_start..].to_owned();
    let value = HeaderValue::from_str(&authorization)
        .map_err(|_| SignError("the access key is not a header value".into()))?;
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(Signature {
        canonical_request: canonical,
        string_to_sign,
        signed_headers,
        signature,
        authorization,
    })
}

/// Runs `write` on `out` and returns the range of what it appended.
fn written(out: &mut String, write: impl FnOnce(&mut String)) -> std::ops::Range<usize> {
    let start = out.len();
    write(out);
    start..out.len()
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

/// Refuses a path that URL parsers (the default transport's among them, which follows the URL
/// Standard) rewrite before sending: a segment `.` or `..` (also written `%2e`, in any case) is
/// removed or resolved, and a raw `\` becomes `/`. Such a request would reach the server under
/// another path than the one signed, addressing another resource than the caller named.
fn refuse_rewritten_path(path: &str) -> Result<(), SignError> {
    if path.as_bytes().contains(&b'\\') {
        return Err(SignError(format!(
            "the path `{path}` has a raw `\\`, which is sent as `/`; encode it as `%5C`"
        )));
    }
    for segment in segments(path) {
        let segment = match dots(segment.as_bytes()) {
            Some(1) => ".",
            Some(2) => "..",
            _ => continue,
        };
        return Err(SignError(format!(
            "the path `{path}` has a `{segment}` segment, which is resolved before it reaches \
             the server"
        )));
    }
    Ok(())
}

/// How many dots `segment` is when it is made of nothing but `.` and `%2e` (in any case);
/// `None` when it has anything else.
fn dots(segment: &[u8]) -> Option<usize> {
    let mut rest = segment;
    let mut count = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return None,
        };
        count += 1;
    }
    Some(count)
}

/// `get` → `GET`: the official signer signs the method upper-cased, and its client sends it so.
fn upper_case_method(method: &mut Method) -> Result<(), SignError> {
    if method.as_str().bytes().any(|b| b.is_ascii_lowercase()) {
        *method = Method::from_bytes(method.as_str().to_ascii_uppercase().as_bytes())
            .map_err(|_| SignError("the method is not a token".into()))?;
    }
    Ok(())
}

/// The `Host` value for `uri`: its authority without any user information.
fn host_of(uri: &http::Uri) -> Result<HeaderValue, SignError> {
    let authority = uri
        .authority()
        .ok_or_else(|| SignError("the URI has no host".into()))?
        .as_str();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    HeaderValue::from_str(host).map_err(|_| SignError("the host is not a header value".into()))
}

/// Whether the body is hashed: the Content-Type is absent or empty, or its value as written
/// starts with `application/json` or `application/bson` (so `application/json-patch+json` is
/// hashed and `Application/JSON` is not, as the official signer decides).
fn signs_payload(content_type: Option<&HeaderValue>) -> bool {
    content_type.is_none_or(|value| {
        let value = value.as_bytes();
        value.is_empty()
            || value.starts_with(b"application/json")
            || value.starts_with(b"application/bson")
    })
}

/// Whitespace as the official signer (Python's `str.strip`) sees it: Unicode's White_Space
/// characters and the four information separators U+001C..U+001F.
fn is_strippable(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Every header sent once, its values joined with `, ` (a server reads repeated fields so),
/// and stripped of whitespace at both ends. Refuses values that are not UTF-8, which cannot
/// be signed as text.
fn normalize_header_values(headers: &mut HeaderMap) -> Result<(), SignError> {
    // Values to replace; none in the usual case, where every name is given once and no value
    // has whitespace to strip.
    let mut replaced: Vec<(HeaderName, String)> = Vec::new();
    if headers.len() == headers.keys_len() {
        for (name, value) in headers.iter() {
            let text = utf8(name, value)?;
            let stripped = text.trim_matches(is_strippable);
            if stripped.len() != text.len() {
                replaced.push((name.clone(), stripped.to_owned()));
            }
        }
    } else {
        for name in headers.keys() {
            let mut values = headers.get_all(name).iter();
            let mut text = values
                .next()
                .map_or(Ok(""), |value| utf8(name, value))?
                .to_owned();
            let mut many = false;
            for value in values {
                text.push_str(", ");
                text.push_str(utf8(name, value)?);
                many = true;
            }
            let stripped = text.trim_matches(is_strippable);
            if many || stripped.len() != text.len() {
                replaced.push((name.clone(), stripped.to_owned()));
            }
        }
    }
    for (name, text) in replaced {
        // A part of a valid value (or valid values joined by `, `) is a valid value.
        let value = HeaderValue::from_bytes(text.as_bytes())
            .map_err(|_| SignError(format!("the value of header `{name}` cannot be sent")))?;
        headers.insert(name, value);
    }
    Ok(())
}

/// The header's value as text, which it must be to be signed.
fn utf8<'v>(name: &HeaderName, value: &'v HeaderValue) -> Result<&'v str, SignError> {
    std::str::from_utf8(value.as_bytes())
        .map_err(|_| SignError(format!("the value of header `{name}` is not UTF-8")))
}

/// Writes the payload hash: fixed for an empty body, else the caller's (or the
/// unsigned-payload marker) from `X-Sdk-Content-Sha256`, else the body's SHA-256.
fn write_payload_hash(out: &mut String, headers: &HeaderMap, body: &[u8]) {
    if body.is_empty() {
        out.push_str(EMPTY_BODY_HASH);
        return;
    }
    match headers.get(CONTENT_SHA256_HEADER) {
        // The official signer reads this value back after turning it into the latin-1 reading
        // of its UTF-8 bytes (its way of sending UTF-8), and hashes that reading as UTF-8; an
        // ASCII value, the only kind a real caller sets, is unchanged by this.
        Some(value) if !value.is_empty() => {
            out.extend(value.as_bytes().iter().map(|&b| char::from(b)))
        }
        _ => push_hex(out, &Sha256::digest(body)),
    }
}

/// Writes `text` percent-encoded, keeping only unreserved characters.
fn push_encoded(out: &mut String, text: &str) {
    out.extend(utf8_percent_encode(text, UNRESERVED_ONLY));
}

fn decode(text: &str) -> Cow<'_, str> {
    percent_decode_str(text).decode_utf8_lossy()
}

/// The path decoded as a whole, split on `/`, each piece re-encoded, ending with `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len() + 1);
    write_canonical_uri(&mut uri, path);
    uri
}

/// Writes [`canonical_uri`] of `path` to `out`.
fn write_canonical_uri(out: &mut String, path: &str) {
    let start = out.len();
    // Most paths are plain text already in canonical form: skip the round trip.
    let decoded = if path.as_bytes().contains(&b'%') {
        decode(path)
    } else {
        Cow::Borrowed(path)
    };
    for (index, segment) in segments(&decoded).enumerate() {
        if index > 0 {
            out.push('/');
        }
        if segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        {
            out.push_str(segment);
        } else {
            push_encoded(out, segment);
        }
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// The pieces of `path` between `/`s, as `path.split('/')` gives them. Found byte by byte: a
/// path is a few dozen bytes, for which `str::split`'s searcher costs more to set up at each
/// piece (1,900 instructions of a request's signing) than the search itself.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b'/') {
            // `/` is ASCII, so both sides of it are whole characters.
            Some(end) => {
                rest = Some(&text[end + 1..]);
                Some(&text[..end])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Query pairs decoded, sorted by key then value, re-encoded.
pub fn canonical_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    write_canonical_query(&mut out, query);
    out
}

/// Writes [`canonical_query`] of `query` to `out`.
fn write_canonical_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    pairs.sort_unstable();
    for (index, (key, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        push_encoded(out, key);
        out.push('=');
        push_encoded(out, value);
    }
}

/// Replaces the request's query with `query` (dropping the `?` when it is empty).
fn set_query(request: &mut http::Request<Vec<u8>>, query: &str) -> Result<(), SignError> {
    let uri = request.uri();
    if uri.query() == Some(query) || (uri.query().is_none() && query.is_empty()) {
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

/// Writes `name:value\n` for each signed header, then the `;`-joined names, and returns the
/// range of the names. Headers with `_` in their name are not signed: gateways commonly drop
/// them. Values are already normalized (one per name, stripped, UTF-8).
fn write_canonical_headers(out: &mut String, headers: &HeaderMap) -> std::ops::Range<usize> {
    let mut entries: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(name, _)| !name.as_str().contains('_'))
        .map(|(name, value)| {
            (
                name.as_str(),
                std::str::from_utf8(value.as_bytes()).unwrap_or_default(),
            )
        })
        .collect();
    // Names are unique here, so an unstable sort orders them as a stable one would.
    entries.sort_unstable_by_key(|(name, _)| *name);
    for (name, value) in &entries {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    written(out, |out| {
        for (index, (name, _)) in entries.iter().enumerate() {
            if index > 0 {
                out.push(';');
            }
            out.push_str(name);
        }
    })
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
        // Decoded as a whole, then split: an encoded `/` splits its segment.
        assert_eq!(canonical_uri("/v1/a%2Fb"), "/v1/a/b/");
        assert_eq!(canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
    }

    /// Signs a request of `method`, `uri`, `headers` and `body`; the result and what was sent.
    fn signed(
        method: &str,
        uri: &str,
        headers: &[(&str, &[u8])],
        body: &[u8],
    ) -> Result<(Signature, http::Request<Vec<u8>>), SignError> {
        let mut builder = http::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            builder = builder.header(*name, HeaderValue::from_bytes(value).unwrap());
        }
        let mut request = builder.body(body.to_vec()).unwrap();
        let secret = Secret::new("secret".to_owned());
        sign(&mut request, "AK", &secret, "20240229T120000Z").map(|s| (s, request))
    }

    fn payload_hash_of(signature: &Signature) -> &str {
        signature.canonical_request.rsplit('\n').next().unwrap()
    }

    #[test]
    fn the_unsigned_payload_rule_reads_the_content_type_as_written() {
        let hashed = |content_type: &str| {
            let (signature, _) = signed(
                "POST",
                "https://h/v1",
                &[("content-type", content_type.as_bytes())],
                b"{}",
            )
            .unwrap();
            payload_hash_of(&signature) != UNSIGNED_PAYLOAD
        };
        assert!(hashed("application/json"));
        assert!(hashed("application/json;charset=UTF-8"));
        assert!(hashed("application/json-patch+json"));
        assert!(hashed("application/bson"));
        assert!(hashed(""));
        assert!(!hashed("Application/JSON"));
        assert!(!hashed(" application/json"));
        assert!(!hashed("application/octet-stream"));
    }

    #[test]
    fn an_empty_body_always_hashes_as_empty() {
        let (signature, request) = signed(
            "POST",
            "https://h/v1",
            &[("content-type", b"application/octet-stream")],
            b"",
        )
        .unwrap();
        assert_eq!(payload_hash_of(&signature), EMPTY_BODY_HASH);
        // The marker is still sent (and signed), as the official client does.
        assert_eq!(request.headers()[CONTENT_SHA256_HEADER], UNSIGNED_PAYLOAD);
    }

    #[test]
    fn a_caller_set_payload_hash_is_used() {
        let (signature, _) = signed(
            "PUT",
            "https://h/v1",
            &[(CONTENT_SHA256_HEADER, b" abc123 ")],
            b"body",
        )
        .unwrap();
        assert_eq!(payload_hash_of(&signature), "abc123");
    }

    #[test]
    fn header_values_are_stripped_of_unicode_whitespace_and_signed_as_utf8() {
        let (signature, request) = signed(
            "GET",
            "https://h/v1",
            &[
                ("x-trace-id", "\u{a0}中文\u{3000}".as_bytes()),
                ("x-repeated", b"a"),
                ("x-repeated", b"b "),
            ],
            b"",
        )
        .unwrap();
        assert!(signature.canonical_request.contains("\nx-trace-id:中文\n"));
        assert_eq!(
            request.headers()["x-trace-id"].as_bytes(),
            "中文".as_bytes()
        );
        assert!(signature.canonical_request.contains("\nx-repeated:a, b\n"));
        assert_eq!(request.headers().get_all("x-repeated").iter().count(), 1);
    }

    #[test]
    fn a_lower_case_method_is_signed_and_sent_upper_case() {
        let (signature, request) = signed("get", "https://h/v1", &[], b"").unwrap();
        assert!(signature.canonical_request.starts_with("GET\n"));
        assert_eq!(request.method(), http::Method::GET);
    }

    #[test]
    fn refuses_what_cannot_be_signed_as_sent() {
        for uri in [
            "https://h/v1/./x",
            "https://h/v1/%2E%2e/x",
            "https://h/v1/a\\b",
        ] {
            let error = signed("GET", uri, &[], b"").unwrap_err();
            assert!(error.to_string().contains("path"), "{uri}: {error}");
        }
        let error = signed("GET", "https://h/v1", &[("x-id", b"\xff")], b"").unwrap_err();
        assert!(error.to_string().contains("`x-id` is not UTF-8"), "{error}");
        let mut request = http::Request::builder()
            .uri("https://h/")
            .body(Vec::new())
            .unwrap();
        let empty = Secret::new(String::new());
        assert!(sign(&mut request, "AK", &empty, "20240229T120000Z").is_err());
    }

    proptest::proptest! {
        /// The byte-wise split gives what `str::split('/')` gives, on any text (slashes, empty
        /// pieces at either end and in the middle, characters of several bytes).
        #[test]
        fn segments_split_as_str_split_does(path in "[/a%é中\\u{1F600}]{0,12}") {
            let ours: Vec<&str> = segments(&path).collect();
            let std: Vec<&str> = path.split('/').collect();
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
