//! The error type every operation returns.

use std::fmt;

use crate::validate::ValidationError;

/// Why an operation failed. `E` is the operation's typed error body (for DRS, `DrsError`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks a constraint of its spec; nothing was sent.
    InvalidRequest(ValidationError),
    /// The request could not be assembled (a bug in the generator or runtime, never panicked on).
    Build(String),
    /// The server answered with an error status the operation documents.
    Api(ApiError<E>),
    /// The server answered with a status the operation does not document.
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

/// The error code and message of an error body, wherever the body keeps them.
pub trait ErrorBody {
    /// The error code, such as `DRS.10000010`.
    fn code(&self) -> Option<&str>;
    /// The human-readable message.
    fn message(&self) -> Option<&str>;
}

/// For operations whose page documents no error body: the usual fields of Huawei Cloud errors,
/// flat (`error_code`, `error_msg`) or nested (`error.code`, `error.message`).
impl ErrorBody for serde_json::Value {
    fn code(&self) -> Option<&str> {
        self.get("error_code")
            .or_else(|| self.get("error")?.get("code"))?
            .as_str()
    }
    fn message(&self) -> Option<&str> {
        self.get("error_msg")
            .or_else(|| self.get("error")?.get("message"))?
            .as_str()
    }
}

/// A documented error answer, decoded.
#[derive(Debug, Clone)]
pub struct ApiError<E> {
    /// HTTP status.
    pub status: http::StatusCode,
    /// The `X-Request-Id` response header, to quote to support.
    pub request_id: Option<String>,
    /// Every response header, for those a page documents on an error status (`Retry-After`
    /// on a 429); the operation's docs name them.
    pub headers: http::HeaderMap,
    /// The typed error body.
    pub body: E,
}

impl<E: ErrorBody> ApiError<E> {
    /// The error code from the body.
    pub fn code(&self) -> Option<&str> {
        self.body.code()
    }
    /// The message from the body.
    pub fn message(&self) -> Option<&str> {
        self.body.message()
    }
}

impl<E: ErrorBody> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        if let Some(code) = self.code() {
            write!(f, " {code}")?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {}", excerpt(message.as_bytes()))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A status the operation does not document, with the raw answer.
#[derive(Debug, Clone)]
pub struct UnexpectedStatus {
    /// HTTP status.
    pub status: http::StatusCode,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// The raw body.
    pub body: Vec<u8>,
}

/// A documented status whose body does not decode.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// HTTP status.
    pub status: http::StatusCode,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// What the decoder said.
    pub message: String,
    /// The raw body.
    pub body: Vec<u8>,
}

/// At most this many bytes of a body appear in error messages, so a huge or hostile answer
/// cannot flood logs.
pub const EXCERPT_LIMIT: usize = 512;

/// The start of `body` as text, cut at [`EXCERPT_LIMIT`] bytes on a character boundary, with
/// control characters escaped so the excerpt stays on one log line.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_LIMIT)]);
    let mut out: String = text.chars().flat_map(char::escape_debug).collect();
    if body.len() > EXCERPT_LIMIT {
        out.push_str(&format!("... ({} bytes in all)", body.len()));
    }
    out
}

impl<E: ErrorBody> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => write!(f, "invalid request, not sent: {error}"),
            Error::Build(message) => write!(f, "the request could not be assembled: {message}"),
            Error::Api(error) => write!(f, "API error: {error}"),
            Error::UnexpectedStatus(answer) => write!(
                f,
                "unexpected HTTP status {}: {}",
                answer.status.as_u16(),
                excerpt(&answer.body)
            ),
            Error::Decode(error) => write!(
                f,
                "cannot decode the HTTP {} answer: {}; body: {}",
                error.status.as_u16(),
                error.message,
                excerpt(&error.body)
            ),
            Error::Timeout => f.write_str("timed out waiting for the answer"),
            Error::Connect(message) => write!(f, "cannot connect: {message}"),
            Error::BodyTooLarge { limit } => {
                write!(f, "the answer's body is larger than {limit} bytes")
            }
            Error::Transport(message) => write!(f, "transport failure: {message}"),
        }
    }
}

impl<E: ErrorBody + fmt::Debug> std::error::Error for Error<E> {
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
}
