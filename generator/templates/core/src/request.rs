//! Assembling an [`http::Request`] from a generated request type.

use std::borrow::Cow;
use std::fmt;

use http::{HeaderName, HeaderValue, Method};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::error::Error;
use crate::operation::ProjectOverride;
use crate::validate::{self, FieldPath, Rule, Validate, ValidationError, Violation};

/// Everything outside a request that decides where it goes: the endpoint and the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    endpoint: String,
    project_id: Option<String>,
}

/// An endpoint that is not an absolute `http` or `https` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEndpoint {
    endpoint: String,
    reason: &'static str,
}

impl fmt::Display for InvalidEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid endpoint {:?}: {}", self.endpoint, self.reason)
    }
}

impl std::error::Error for InvalidEndpoint {}

impl RequestContext {
    /// A context for `endpoint`, an absolute `http`/`https` URL such as
    /// `https://drs.ap-southeast-1.myhuaweicloud.com`; a path prefix is kept, a trailing `/`
    /// is not.
    pub fn new(endpoint: &str) -> Result<Self, InvalidEndpoint> {
        let invalid = |reason| InvalidEndpoint {
            endpoint: endpoint.to_owned(),
            reason,
        };
        let uri: http::Uri = endpoint.parse().map_err(|_| invalid("not a URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(invalid("the scheme must be http or https")),
        }
        if uri.authority().is_none() {
            return Err(invalid("no host"));
        }
        if uri.query().is_some() || endpoint.contains('#') {
            return Err(invalid("an endpoint has no query or fragment"));
        }
        Ok(RequestContext {
            endpoint: endpoint.trim_end_matches('/').to_owned(),
            project_id: None,
        })
    }

    /// Sets the project id that fills `{project_id}` in regional paths.
    pub fn with_project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The endpoint, without a trailing `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The project id, if set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded:
/// in a path segment `/`, `?`, `#`, `%`, spaces and non-ASCII text stay inside the segment; in
/// a query `&`, `=` and `+` cannot split or change a pair; and it is the encoding the request
/// signature is computed over.
pub(crate) const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `text` as one path segment or query component.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED_ONLY).to_string()
}

/// Builds one request. Problems found while building (a missing project id, a header value
/// with a line break) are collected with the request's own violations, so the caller learns
/// about all of them at once and nothing is sent.
#[derive(Debug)]
pub struct RequestBuilder<'a> {
    context: &'a RequestContext,
    method: Method,
    /// The endpoint, then the path as written so far.
    path: String,
    query: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Vec<u8>,
    violations: Vec<Violation>,
    build_error: Option<String>,
    /// The request's own project, when it overrides the context's (see [`ProjectOverride`]).
    project_override: Option<String>,
}

impl<'a> RequestBuilder<'a> {
    /// Starts a request, validating `request` first; its violations are reported by
    /// [`build`](Self::build) together with any found while building.
    pub fn new(context: &'a RequestContext, method: Method, request: &impl Validate) -> Self {
        let mut violations = Vec::new();
        request.collect_violations(&FieldPath::ROOT, &mut violations);
        // The URI is written in one buffer, starting with the endpoint, and handed to `http`
        // as it is: one allocation for the whole URI.
        let mut path = String::with_capacity(context.endpoint.len() + 96);
        path.push_str(&context.endpoint);
        RequestBuilder {
            context,
            method,
            path,
            query: String::new(),
            headers: Vec::with_capacity(4),
            body: Vec::new(),
            violations,
            build_error: None,
            project_override: None,
        }
    }

    /// Appends literal path text from the spec, sent as written.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends `value` as one percent-encoded path segment. The request's validation has
    /// already rejected values that cannot be a segment.
    pub fn segment(&mut self, value: &str) {
        self.path
            .extend(utf8_percent_encode(value, UNRESERVED_ONLY));
    }

    /// Appends the project id: the request's override (which the request's own validation
    /// checked, and which the built request carries as a [`ProjectOverride`]), or else the
    /// context's.
    pub fn project_segment(&mut self, override_id: Option<&str>) {
        let path = FieldPath::ROOT.field("project_id");
        match (override_id, self.context.project_id()) {
            (Some(project_id), _) => {
                self.segment(project_id);
                self.project_override = Some(project_id.to_owned());
            }
            (None, Some(project_id)) => {
                validate::path_segment(&mut self.violations, &path, project_id);
                self.segment(project_id);
            }
            (None, None) => self.violations.push(Violation::new(&path, Rule::Required)),
        }
    }

    /// Appends a query pair.
    pub fn query(&mut self, name: &str, value: &str) {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        self.query
            .extend(utf8_percent_encode(name, UNRESERVED_ONLY));
        self.query.push('=');
        self.query
            .extend(utf8_percent_encode(value, UNRESERVED_ONLY));
    }

    /// Appends the query pair `name=value` when `value` is set. Generated code passes each
    /// scalar parameter through here (`self.limit.as_ref()`, or `Some(&self.limit)` when it is
    /// required), so an operation states one call per parameter and this decides how it is sent.
    pub fn query_value<T: WireValue + ?Sized>(&mut self, name: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.query(name, &value.wire_text());
        }
    }

    /// [`query_value`](Self::query_value) for each pair, in order: generated code sends a run
    /// of optional scalar parameters in one call (`&[("limit", &self.limit), ...]`), one
    /// statement for rustc to check instead of one per parameter.
    pub fn query_values(&mut self, params: &[(&str, &dyn OptionalWireValue)]) {
        for (name, value) in params {
            if let Some(text) = value.wire_value() {
                self.query(name, &text);
            }
        }
    }

    /// Appends one `name=item` pair per item (`?id=a&id=b`, the usual form of arrays on
    /// Huawei Cloud APIs); nothing when unset or empty.
    pub fn query_repeated<T: WireValue>(&mut self, name: &str, values: Option<&[T]>) {
        for item in values.unwrap_or_default() {
            self.query(name, &item.wire_text());
        }
    }

    /// Appends `name=a,b` (the items joined by `,`, then encoded as one value) when `values`
    /// is set, `name=` for an empty array.
    pub fn query_joined<T: WireValue>(&mut self, name: &str, values: Option<&[T]>) {
        if let Some(values) = values {
            let mut joined = String::new();
            for (index, item) in values.iter().enumerate() {
                if index > 0 {
                    joined.push(',');
                }
                joined.push_str(&item.wire_text());
            }
            self.query(name, &joined);
        }
    }

    /// Sets the header `name` to `value` when it is set (see [`header`](Self::header)).
    pub fn header_value<T: WireValue + ?Sized>(&mut self, name: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.header(name, &value.wire_text());
        }
    }

    /// Sets a header. A value that cannot be sent is reported as a violation at `name`.
    pub fn header(&mut self, name: &str, value: &str) {
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            self.build_error = Some(format!("`{name}` is not a header name"));
            return;
        };
        match HeaderValue::from_str(value) {
            Ok(value) => self.headers.push((header_name, value)),
            Err(_) => self.violations.push(Violation::new(
                &FieldPath::ROOT.field(name),
                Rule::HeaderValue,
            )),
        }
    }

    /// Sets the body to `body` as JSON, with its content type.
    pub fn json_body<T: Serialize>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = bytes;
                self.headers.push((
                    http::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ));
            }
            Err(error) => self.build_error = Some(format!("the body does not serialize: {error}")),
        }
    }

    /// Finishes the request, or reports every violation found.
    pub fn build<E>(self) -> Result<http::Request<Vec<u8>>, Error<E>> {
        ValidationError::from_violations(self.violations).map_err(Error::InvalidRequest)?;
        if let Some(message) = self.build_error {
            return Err(Error::Build(message));
        }
        let mut uri = self.path;
        uri.push_str(&self.query);
        let uri = http::Uri::try_from(uri).map_err(|error| Error::Build(error.to_string()))?;
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        // Room for what the client and the signer add (user agent, project, token or date,
        // host, authorization): growing a header map rehashes it, and did so twice per
        // signed request.
        headers.reserve(self.headers.len() + ADDED_HEADERS);
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        if let Some(project_id) = self.project_override {
            request.extensions_mut().insert(ProjectOverride(project_id));
        }
        Ok(request)
    }
}

/// How many headers the client and the signer add at most to a built request.
const ADDED_HEADERS: usize = 8;

/// A value sent as text in a query parameter or header: a string as it is, a number or
/// boolean as Rust's `Display` writes it, a documented value (an enum) as its wire form.
pub trait WireValue {
    /// The text sent on the wire.
    fn wire_text(&self) -> Cow<'_, str>;
}

impl WireValue for str {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl WireValue for String {
    fn wire_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

/// An optional parameter's value, as [`RequestBuilder::query_values`] takes it.
pub trait OptionalWireValue {
    /// The text sent on the wire; `None` when the value is unset.
    fn wire_value(&self) -> Option<Cow<'_, str>>;
}

impl<T: WireValue> OptionalWireValue for Option<T> {
    fn wire_value(&self) -> Option<Cow<'_, str>> {
        self.as_ref().map(WireValue::wire_text)
    }
}

macro_rules! wire_value_by_display {
    ($($ty:ty),*) => {
        $(impl WireValue for $ty {
            fn wire_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

wire_value_by_display!(bool, i32, i64, f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    struct NothingToCheck;
    impl Validate for NothingToCheck {
        fn collect_violations(&self, _: &FieldPath<'_>, _: &mut Vec<Violation>) {}
    }

    #[test]
    fn segments_keep_reserved_characters_inside() {
        let context = RequestContext::new("https://example.com/prefix/").unwrap();
        let mut builder = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
        builder.path("/v1/");
        builder.segment("a/b?c#d%e f ü");
        builder.query("x&y", "1=2+3");
        let request = builder.build::<()>().unwrap();
        assert_eq!(
            request.uri().to_string(),
            "https://example.com/prefix/v1/a%2Fb%3Fc%23d%25e%20f%20%C3%BC?x%26y=1%3D2%2B3"
        );
    }

    #[test]
    fn missing_project_and_bad_header_are_reported_together() {
        let context = RequestContext::new("https://example.com").unwrap();
        let mut builder = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
        builder.project_segment(None);
        builder.header("X-Language", "en\r\nX-Evil: 1");
        let Err(Error::InvalidRequest(error)) = builder.build::<()>() else {
            panic!("expected invalid request")
        };
        let paths: Vec<&str> = error.violations().iter().map(|v| v.path.as_str()).collect();
        assert_eq!(paths, ["project_id", "X-Language"]);
    }

    /// The built request carries the project it addresses when it is the request's own, and
    /// nothing when it is the context's: the client sends `X-Project-Id` from there.
    #[test]
    fn a_project_override_travels_with_the_built_request() {
        let context = RequestContext::new("https://example.com")
            .unwrap()
            .with_project_id("context-project");
        let build = |override_id: Option<&str>| {
            let mut builder = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
            builder.path("/v1/");
            builder.project_segment(override_id);
            builder.build::<()>().unwrap()
        };
        let own = build(Some("own-project"));
        assert_eq!(own.uri().path(), "/v1/own-project");
        assert_eq!(ProjectOverride::of(&own), Some("own-project"));
        let context_project = build(None);
        assert_eq!(context_project.uri().path(), "/v1/context-project");
        assert_eq!(ProjectOverride::of(&context_project), None);
    }

    #[test]
    fn endpoints_must_be_absolute_http_urls() {
        for bad in [
            "drs.example.com",
            "ftp://example.com",
            "https://example.com?x=1",
            "https://",
        ] {
            assert!(RequestContext::new(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// One `query_values` call sends what one `query_value` call per pair sends, in the
        /// same order, whichever values are set.
        #[test]
        fn query_values_sends_what_query_value_sends_for_each(
            values in proptest::collection::vec(
                (proptest::option::of(-5i64..5), proptest::option::of("[ a-z%&=]{0,4}")),
                0..6,
            ),
        ) {
            let context = RequestContext::new("https://example.com").unwrap();
            let mut one_call = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
            let mut each = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
            let mut pairs: Vec<(&str, &dyn OptionalWireValue)> = Vec::new();
            for (number, text) in &values {
                pairs.push(("n", number));
                pairs.push(("t", text));
                each.query_value("n", number.as_ref());
                each.query_value("t", text.as_ref());
            }
            one_call.query_values(&pairs);
            let one_call = one_call.build::<()>().unwrap();
            let each = each.build::<()>().unwrap();
            proptest::prop_assert_eq!(one_call.uri(), each.uri());
        }
    }

    #[test]
    fn parameters_are_sent_as_their_wire_text_when_set() {
        let context = RequestContext::new("https://example.com").unwrap();
        let mut builder = RequestBuilder::new(&context, Method::GET, &NothingToCheck);
        let unset: Option<&i32> = None;
        builder.query_value("unset", unset);
        builder.query_value("limit", Some(&10));
        builder.query_value("ratio", Some(&0.5f64));
        builder.query_value("whole", Some(&1.0f64));
        builder.query_value("on", Some(&true));
        builder.query_value("name", Some(&"a b".to_owned()));
        builder.query_joined("tags", Some(&["x,y".to_owned(), "z".to_owned()][..]));
        builder.query_joined::<String>("none", Some(&[]));
        builder.query_joined::<String>("unset_list", None);
        builder.query_repeated("id", Some(&[1i64, 2][..]));
        builder.query_repeated::<i64>("empty", Some(&[]));
        builder.header_value("X-Count", Some(&3i32));
        builder.header_value::<str>("X-Unset", None);
        let request = builder.build::<()>().unwrap();
        assert_eq!(
            request.uri().query(),
            Some("limit=10&ratio=0.5&whole=1&on=true&name=a%20b&tags=x%2Cy%2Cz&none=&id=1&id=2")
        );
        assert_eq!(request.headers()["X-Count"], "3");
        assert!(!request.headers().contains_key("X-Unset"));
    }
}
