//! A mock [`Transport`] for testing code that calls Huawei Cloud (feature `testing`).
//!
//! [`MockTransport`] answers each request with a canned [`MockResponse`], chosen by the
//! operation id the client sends it under ([`on_operation`](MockTransport::on_operation)) or
//! by method and path ([`on_path`](MockTransport::on_path), exact or with `{param}`
//! segments). It records every request it receives, for assertions, and with
//! [`verify_signature`](MockTransport::verify_signature) checks that each one is authenticated
//! with the given credentials: the AK/SK signature is computed again with the runtime's signer
//! over the request as received, and compared.
//!
//! ```
//! use std::sync::Arc;
//! use huaweicloud_sdk_core::testing::{MockResponse, MockTransport};
//! use huaweicloud_sdk_core::Credentials;
//!
//! let credentials = Credentials::access_key("AK", "SK");
//! let mock = Arc::new(
//!     MockTransport::new()
//!         .verify_signature(&credentials)
//!         .on_operation("ListVolumes", MockResponse::json(200, serde_json::json!({"volumes": []})))
//!         .on_path("DELETE", "/v2/{project_id}/volumes/{volume_id}", MockResponse::status(202)),
//! );
//! // client().credentials(credentials).project_id("p").region(..).transport(mock.clone()).build()
//! // then, after the calls: mock.requests(), mock.unserved()
//! ```
//!
//! # Matching
//!
//! Each canned response is served once, unless made [`repeatedly`](MockResponse::repeatedly)
//! served; a request gets the first response not yet served, in the order they were added,
//! whose rule matches it. So responses added for the same rule are served in order (a 503,
//! then a 200 for the retry). The query string is not matched: assert on it through
//! [`requests`](MockTransport::requests).
//!
//! # Failures
//!
//! A request that no response matches, or whose authentication does not verify, fails with
//! [`TransportError::Other`], which the client returns as [`crate::Error::Transport`] (never
//! retried): its message names the request, and for a signature mismatch the expected and
//! received `Authorization` and the canonical request the mock computed, never the secret key.
//! Such a request is still recorded.

use std::fmt;
use std::sync::Mutex;

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};

use crate::credentials::Credentials;
use crate::operation::OperationId;
use crate::sign;
use crate::transport::{BoxFuture, Limits, Transport, TransportError};

/// A transport that serves canned responses and records the requests it receives.
///
/// Build it, wrap it in an [`Arc`](std::sync::Arc), and give the client a clone
/// ([`ClientBuilder::transport`](crate::ClientBuilder::transport)); keep the other to inspect.
pub struct MockTransport {
    verify: Option<Credentials>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    received: Vec<RecordedRequest>,
}

struct Rule {
    matcher: Matcher,
    response: MockResponse,
    served: usize,
}

impl Rule {
    fn available(&self) -> bool {
        self.served == 0 || self.response.repeat
    }
}

enum Matcher {
    Operation(String),
    Path {
        method: Method,
        segments: Vec<Segment>,
    },
}

enum Segment {
    Literal(String),
    Parameter,
}

impl Matcher {
    fn matches(&self, request: &RecordedRequest) -> bool {
        match self {
            Matcher::Operation(id) => request.operation == Some(id.as_str()),
            Matcher::Path { method, segments } => {
                let path: Vec<&str> = request.uri.path().split('/').collect();
                *method == request.method
                    && path.len() == segments.len()
                    && segments
                        .iter()
                        .zip(path)
                        .all(|(segment, got)| match segment {
                            Segment::Literal(literal) => literal == got,
                            Segment::Parameter => !got.is_empty(),
                        })
            }
        }
    }
}

impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matcher::Operation(id) => write!(f, "operation {id}"),
            Matcher::Path { method, segments } => {
                write!(f, "{method} ")?;
                for (index, segment) in segments.iter().enumerate() {
                    if index > 0 {
                        f.write_str("/")?;
                    }
                    match segment {
                        Segment::Literal(literal) => f.write_str(literal)?,
                        Segment::Parameter => f.write_str("{param}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// One canned answer: a response, or a transport failure.
#[derive(Debug, Clone)]
pub struct MockResponse {
    answer: Result<(StatusCode, HeaderMap, Vec<u8>), TransportError>,
    repeat: bool,
}

impl MockResponse {
    /// A response with `status`, `Content-Type: application/json` and `body` as JSON.
    ///
    /// # Panics
    ///
    /// When `status` is not between 100 and 999 (a mistake in the test).
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self::bytes(status, "application/json", body.to_string().into_bytes())
    }

    /// A response with `status`, the given `Content-Type` and `body`.
    ///
    /// # Panics
    ///
    /// When `status` is not between 100 and 999 or `content_type` is no header value.
    pub fn bytes(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::status(status)
            .header("content-type", content_type)
            .body(body)
    }

    /// A response with `status` and no body.
    ///
    /// # Panics
    ///
    /// When `status` is not between 100 and 999.
    pub fn status(status: u16) -> Self {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("MockResponse: {status} is not an HTTP status"));
        MockResponse {
            answer: Ok((status, HeaderMap::new(), Vec::new())),
            repeat: false,
        }
    }

    /// No response: the attempt fails with `error` (a timeout, a refused connection), as the
    /// client's retry policy sees it.
    pub fn failure(error: TransportError) -> Self {
        MockResponse {
            answer: Err(error),
            repeat: false,
        }
    }

    /// Adds a response header (no effect on a failure).
    ///
    /// # Panics
    ///
    /// When `name` or `value` cannot be a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok((_, headers, _)) = &mut self.answer {
            let name = HeaderName::try_from(name)
                .unwrap_or_else(|_| panic!("MockResponse: {name:?} is not a header name"));
            let value = HeaderValue::try_from(value)
                .unwrap_or_else(|_| panic!("MockResponse: {value:?} is not a header value"));
            headers.append(name, value);
        }
        self
    }

    /// Replaces the body (no effect on a failure).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        if let Ok((_, _, bytes)) = &mut self.answer {
            *bytes = body.into();
        }
        self
    }

    /// Serves this response to every matching request, instead of once.
    pub fn repeatedly(mut self) -> Self {
        self.repeat = true;
        self
    }

    fn to_http(&self, limits: Limits) -> Result<http::Response<Vec<u8>>, TransportError> {
        let (status, headers, body) = self.answer.clone()?;
        // As the real transport does, so that a test of the limit needs no server.
        if body.len() > limits.max_body {
            return Err(TransportError::BodyTooLarge {
                limit: limits.max_body,
            });
        }
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    }
}

/// A request the mock received, as the client sent it (signed, with every header).
///
/// `Debug` shows header values marked sensitive (`Authorization`, `X-Auth-Token`,
/// `X-Security-Token`) as `Sensitive`.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// The operation id the client sent it under (see [`OperationId`]), if any.
    pub operation: Option<&'static str>,
    /// Method.
    pub method: Method,
    /// The whole URI: endpoint, path and query.
    pub uri: Uri,
    /// Every header.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The value of header `name`, when present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

impl Default for MockTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl MockTransport {
    /// A mock with no responses, checking no authentication.
    pub fn new() -> Self {
        MockTransport {
            verify: None,
            state: Mutex::new(State::default()),
        }
    }

    /// Checks every request's authentication against `credentials`: for AK/SK, the
    /// `Authorization` header must be the signature the runtime's signer computes over the
    /// request as received (at its `X-Sdk-Date`), and `X-Security-Token` must be the
    /// credentials' one; for a token, `X-Auth-Token` must be it.
    pub fn verify_signature(mut self, credentials: &Credentials) -> Self {
        self.verify = Some(credentials.clone());
        self
    }

    /// Answers a request sent for operation `id` (such as `ListVolumes`) with `response`.
    pub fn on_operation(self, id: &str, response: MockResponse) -> Self {
        self.with_rule(Matcher::Operation(id.to_owned()), response)
    }

    /// Answers a request with `method` and a path that matches `path` with `response`.
    /// `path` is the whole path, as sent (percent-encoded, with the endpoint's prefix if it
    /// has one); a `{name}` segment matches any non-empty segment.
    ///
    /// # Panics
    ///
    /// When `method` is no HTTP method (a mistake in the test).
    pub fn on_path(self, method: &str, path: &str, response: MockResponse) -> Self {
        let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes())
            .unwrap_or_else(|_| panic!("MockTransport: {method:?} is not an HTTP method"));
        let segments = path
            .split('/')
            .map(|segment| {
                if segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}') {
                    Segment::Parameter
                } else {
                    Segment::Literal(segment.to_owned())
                }
            })
            .collect();
        self.with_rule(Matcher::Path { method, segments }, response)
    }

    fn with_rule(mut self, matcher: Matcher, response: MockResponse) -> Self {
        self.state
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .rules
            .push(Rule {
                matcher,
                response,
                served: 0,
            });
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panicking test thread cannot leave the state half-updated: every update is one push
        // or one counter increment.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().received.clone()
    }

    /// The responses not served yet (those served repeatedly excepted, once served), as
    /// `operation ListVolumes` or `GET /v2/{param}/volumes`: empty when every canned answer
    /// was used.
    pub fn unserved(&self) -> Vec<String> {
        self.lock()
            .rules
            .iter()
            .filter(|rule| rule.served == 0)
            .map(|rule| rule.matcher.to_string())
            .collect()
    }

    fn answer(
        &self,
        request: http::Request<Vec<u8>>,
        limits: Limits,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let operation = request.extensions().get::<OperationId>().map(|id| id.0);
        let (parts, body) = request.into_parts();
        let recorded = RecordedRequest {
            operation,
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
        };
        let name = describe(&recorded);
        let verified = match &self.verify {
            Some(credentials) => verify(credentials, &recorded).map_err(|reason| {
                TransportError::Other(format!("mock transport: {name}: {reason}"))
            }),
            None => Ok(()),
        };
        let mut state = self.lock();
        let found = state
            .rules
            .iter_mut()
            .find(|rule| rule.available() && rule.matcher.matches(&recorded));
        let answer = match (verified, found) {
            (Err(error), _) => Err(error),
            (Ok(()), Some(rule)) => {
                rule.served += 1;
                rule.response.to_http(limits)
            }
            (Ok(()), None) => {
                let waiting: Vec<String> = state
                    .rules
                    .iter()
                    .filter(|rule| rule.available())
                    .map(|rule| rule.matcher.to_string())
                    .collect();
                let waiting = if waiting.is_empty() {
                    "none".to_owned()
                } else {
                    waiting.join(", ")
                };
                Err(TransportError::Other(format!(
                    "mock transport: no canned response matches {name}; responses left: {waiting}"
                )))
            }
        };
        state.received.push(recorded);
        answer
    }
}

/// `ListVolumes (GET /v2/p/volumes)`, or `GET /v2/p/volumes` when sent with no operation id.
fn describe(request: &RecordedRequest) -> String {
    let target = format!("{} {}", request.method, request.uri.path());
    match request.operation {
        Some(operation) => format!("{operation} ({target})"),
        None => target,
    }
}

/// Checks the authentication of `request` against `credentials`; the reason never carries a
/// secret.
fn verify(credentials: &Credentials, request: &RecordedRequest) -> Result<(), String> {
    match credentials {
        Credentials::Token(token) => match request.headers.get(&crate::client::X_AUTH_TOKEN) {
            None => Err("no X-Auth-Token header, expected the configured token".into()),
            Some(got) if got.as_bytes() == token.expose().as_bytes() => Ok(()),
            Some(_) => Err("X-Auth-Token is not the configured token".into()),
        },
        Credentials::AccessKey {
            access_key,
            secret_key,
            security_token,
        } => {
            let got = request
                .header("authorization")
                .ok_or("not signed: no Authorization header")?;
            let date = request
                .header(sign::DATE_HEADER)
                .ok_or("not signed: no X-Sdk-Date header")?;
            let received_token = request.headers.get(&crate::client::X_SECURITY_TOKEN);
            match (security_token, received_token) {
                (Some(expected), Some(got)) if got.as_bytes() != expected.expose().as_bytes() => {
                    return Err("X-Security-Token is not the configured security token".into());
                }
                (Some(_), None) => return Err("no X-Security-Token header".into()),
                (None, Some(_)) => {
                    return Err("X-Security-Token sent, but the credentials have none".into());
                }
                _ => {}
            }
            // Everything but the signature itself is what was signed: sign it again.
            let mut again = http::Request::new(request.body.clone());
            *again.method_mut() = request.method.clone();
            *again.uri_mut() = request.uri.clone();
            *again.headers_mut() = request.headers.clone();
            again.headers_mut().remove(http::header::AUTHORIZATION);
            let expected = sign::sign(&mut again, access_key, secret_key, date)
                .map_err(|error| error.to_string())?;
            if expected.authorization == got {
                Ok(())
            } else {
                Err(format!(
                    "AK/SK signature mismatch: expected Authorization {:?}, got {got:?}; \
                     the canonical request the mock computed from the request received: {:?}",
                    expected.authorization, expected.canonical_request
                ))
            }
        }
    }
}

impl Transport for MockTransport {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        limits: Limits,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let answer = self.answer(request, limits);
        Box::pin(async move { answer })
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let rules: Vec<String> = state.rules.iter().map(|r| r.matcher.to_string()).collect();
        // `Credentials`' own `Debug` shows the access key and hides the secrets.
        f.debug_struct("MockTransport")
            .field("verify", &self.verify)
            .field("responses", &rules)
            .field("received", &state.received.len())
            .finish()
    }
}
