//! The error type every operation returns.
//!
//! # Documented and undocumented error statuses: one variant
//!
//! Every answer with a non-2xx status whose body is a Huawei Cloud error (in any of the shapes
//! services use, see [`crate::response`]) is [`Error::Api`], whether or not the operation's page
//! documents that status: a 403 from IAM or a 404 from a gateway carries a code, a message and a
//! request id just as a documented 400 does, and callers match on one variant to handle them, as
//! the official SDKs raise one exception for all. [`ApiError::body`] additionally holds the
//! operation's typed error body when the answer decodes into it. Only an answer that is not an
//! error body at all (an HTML page from a proxy, plain text, an empty 502) is
//! [`Error::UnexpectedStatus`], with the raw body kept.
//!
//! # Rendering
//!
//! Server text (codes, messages, request ids, raw bodies) is written through
//! [`crate::text::Excerpt`]: escaped and bounded, the same in `Display` and `Debug`. `Display`
//! of every variant is one line.

use std::fmt;

use crate::text::{BoundedDebug, Excerpt, RawBody};
use crate::validate::ValidationError;

/// Why an operation failed. `E` is the operation's typed error body (for DRS, `DrsError`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks a constraint of its spec; nothing was sent.
    InvalidRequest(ValidationError),
    /// The request could not be assembled (a bug in the generator or runtime, never panicked on).
    Build(String),
    /// The server answered with an error status and a Huawei Cloud error body, documented or not.
    /// Boxed: it is the largest variant, and `Result`s carrying the error stay small.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the operation does not document and a body that is no
    /// Huawei Cloud error (an HTML page from a gateway, plain text, nothing).
    UnexpectedStatus(UnexpectedStatus),
    /// The body of a documented status could not be decoded into its type.
    Decode(DecodeError),
    /// No answer within the configured timeout (after any retries).
    Timeout,
    /// No connection could be made (after any retries); the request was not sent.
    Connect(String),
    /// The answer's body is larger than the configured limit; it was not read.
    BodyTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The connection failed while the request or answer was in flight.
    Transport(String),
}

impl<E> From<crate::transport::TransportError> for Error<E> {
    fn from(error: crate::transport::TransportError) -> Self {
        use crate::transport::TransportError;
        match error {
            TransportError::Connect(message) => Error::Connect(message),
            TransportError::Timeout => Error::Timeout,
            TransportError::BodyTooLarge { limit } => Error::BodyTooLarge { limit },
            TransportError::Other(message) => Error::Transport(message),
        }
    }
}

/// The error code and message of a typed error body, wherever the body keeps them.
///
/// [`ApiError`] reads them here when the body holds the answer's own (rather than keeping a
/// copy); a body that does not say where they are (an operation's own error body, as opposed
/// to the service's error model) keeps the defaults, and the error keeps the answer's.
pub trait ErrorBody {
    /// The error code, such as `DRS.10000010`.
    fn code(&self) -> Option<&str> {
        None
    }
    /// The human-readable message.
    fn message(&self) -> Option<&str> {
        None
    }
}

/// For operations whose page documents no error body: the code and message in any of the shapes
/// [`crate::response`] recognises, when they are strings.
impl ErrorBody for serde_json::Value {
    fn code(&self) -> Option<&str> {
        crate::response::error_shape(self)?.code?.as_str()
    }
    fn message(&self) -> Option<&str> {
        crate::response::error_shape(self)?.message?.as_str()
    }
}

/// An error answer: a non-2xx status with a Huawei Cloud error body.
///
/// The code and message are read where the typed body keeps them when it holds the answer's
/// (the usual case: they are not copied), else kept beside it; the fields are private so that
/// the two cannot disagree.
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiError<E> {
    pub(crate) status: http::StatusCode,
    /// The answer's code, when the typed body does not hold the same text.
    pub(crate) code: Option<String>,
    /// The answer's message, when the typed body does not hold the same text.
    pub(crate) message: Option<String>,
    /// The body's request id, when the `X-Request-Id` header (read from `headers`) is absent.
    pub(crate) request_id_in_body: Option<String>,
    pub(crate) encoded_authorization_message: Option<String>,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Option<E>,
    /// `E`'s [`ErrorBody`] methods, so that reading the code needs no bound on `E` (and
    /// neither do `Display`, `Debug` and `std::error::Error` of [`Error`]).
    pub(crate) body_fields: BodyFields<E>,
}

/// Where a typed error body keeps its code and message: `E`'s [`ErrorBody`] methods.
pub(crate) struct BodyFields<E> {
    code: fn(&E) -> Option<&str>,
    message: fn(&E) -> Option<&str>,
}

impl<E> Clone for BodyFields<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for BodyFields<E> {}

impl<E: ErrorBody> BodyFields<E> {
    pub(crate) fn of() -> Self {
        BodyFields {
            code: E::code,
            message: E::message,
        }
    }
}

impl<E> ApiError<E> {
    /// HTTP status.
    pub fn status(&self) -> http::StatusCode {
        self.status
    }
    /// The error code (`error_code`, `error.code` or `code` in the body), such as
    /// `DRS.10000010`; where the answer is in none of those shapes, where the operation's typed
    /// error body keeps it.
    pub fn code(&self) -> Option<&str> {
        self.code
            .as_deref()
            .or_else(|| (self.body_fields.code)(self.body.as_ref()?))
    }
    /// The message (`error_msg`, `error.message` or `message`); where the answer is in none of
    /// those shapes, where the operation's typed error body keeps it.
    pub fn message(&self) -> Option<&str> {
        self.message
            .as_deref()
            .or_else(|| (self.body_fields.message)(self.body.as_ref()?))
    }
    /// The id to quote to support: the `X-Request-Id` header, else the body's `request_id`.
    pub fn request_id(&self) -> Option<&str> {
        crate::response::header_text(&self.headers, crate::response::REQUEST_ID_HEADER)
            .or(self.request_id_in_body.as_deref())
    }
    /// The body's `encoded_authorization_message` (IAM's encoded reason for a denied action),
    /// when present.
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
    }
    /// Every response header, for those a page documents on an error status (`Retry-After`
    /// on a 429); the operation's docs name them.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
    /// The operation's typed error body, when the answer decodes into it (always, for a status
    /// the operation documents).
    pub fn body(&self) -> Option<&E> {
        self.body.as_ref()
    }
    /// The typed error body, taken out of the error.
    pub fn into_body(self) -> Option<E> {
        self.body
    }
}

/// `CODE message (request id ID)`, escaped and bounded, on one line; what the example programs
/// print for an API error.
impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code().map(Excerpt::of) {
            Some(code) => write!(f, "{code}")?,
            None => write!(f, "HTTP {}", self.status.as_u16())?,
        }
        match self.message().map(Excerpt::of) {
            Some(message) => write!(f, " {message}")?,
            None => f.write_str(" (no message)")?,
        }
        match self.request_id().map(Excerpt::of) {
            Some(id) => write!(f, " (request id {id})"),
            None => f.write_str(" (no request id)"),
        }
    }
}

/// An optional field of server text, escaped and bounded.
fn text(value: &Option<String>) -> Option<Excerpt<'_>> {
    value.as_deref().map(Excerpt::of)
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("code", &self.code().map(Excerpt::of))
            .field("message", &self.message().map(Excerpt::of))
            .field("request_id", &self.request_id().map(Excerpt::of))
            .field(
                "encoded_authorization_message",
                &text(&self.encoded_authorization_message),
            )
            .field("headers", &self.headers)
            .field("body", &BoundedDebug(&self.body))
            .finish()
    }
}

/// A status the operation does not document, with a body that is no error body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnexpectedStatus {
    /// HTTP status.
    pub status: http::StatusCode,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// The raw body.
    pub body: RawBody,
}

/// A body that does not decode into its type.
#[derive(Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP status.
    pub status: http::StatusCode,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// What the decoder said (it may quote the body).
    pub message: String,
    /// The raw body.
    pub body: RawBody,
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("request_id", &text(&self.request_id))
            .field("message", &Excerpt::of(&self.message))
            .field("body", &self.body)
            .finish()
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request_id = |id: &Option<String>| match id {
            Some(id) => format!(" (request id {})", Excerpt::of(id)),
            None => String::new(),
        };
        match self {
            Error::InvalidRequest(error) => write!(f, "invalid request, not sent: {error}"),
            Error::Build(message) => write!(f, "the request could not be assembled: {message}"),
            Error::Api(error) => write!(f, "HTTP {}: {error}", error.status.as_u16()),
            Error::UnexpectedStatus(answer) => write!(
                f,
                "unexpected HTTP status {}: {}{}",
                answer.status.as_u16(),
                answer.body,
                request_id(&answer.request_id)
            ),
            Error::Decode(error) => write!(
                f,
                "cannot decode the HTTP {} answer: {}; body: {}{}",
                error.status.as_u16(),
                Excerpt::of(&error.message),
                error.body,
                request_id(&error.request_id)
            ),
            Error::Timeout => f.write_str("timed out waiting for the answer"),
            Error::Connect(message) => write!(f, "cannot connect: {}", Excerpt::of(message)),
            Error::BodyTooLarge { limit } => {
                write!(f, "the answer's body is larger than {limit} bytes")
            }
            Error::Transport(message) => {
                write!(f, "transport failure: {}", Excerpt::of(message))
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            _ => None,
        }
    }
}

impl<E> Error<E> {
    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status of the answer, for the variants that had one.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::UnexpectedStatus(answer) => Some(answer.status),
            Error::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// The request id of the answer, to quote to support, for the variants that had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(error) => error.request_id(),
            Error::UnexpectedStatus(answer) => answer.request_id.as_deref(),
            Error::Decode(error) => error.request_id.as_deref(),
            _ => None,
        }
    }
}
