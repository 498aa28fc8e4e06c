//! Sending one HTTP request: the [`Transport`] trait and its default, reqwest with rustls.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed future, so transports can be used as trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Limits a transport enforces on one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole attempt, from sending to the last byte of the body.
    pub timeout: Duration,
    /// The largest response body accepted, in bytes.
    pub max_body: usize,
}

/// Why an attempt failed before yielding a complete response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No connection could be made: the request was not sent.
    Connect(String),
    /// The attempt took longer than [`Limits::timeout`].
    Timeout,
    /// The response body is larger than [`Limits::max_body`].
    BodyTooLarge {
        /// The limit.
        limit: usize,
    },
    /// Anything else (the connection broke mid-way, a protocol error).
    Other(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Connect(message) => write!(f, "connection failed: {message}"),
            TransportError::Timeout => f.write_str("timed out"),
            TransportError::BodyTooLarge { limit } => {
                write!(f, "response body larger than {limit} bytes")
            }
            TransportError::Other(message) => write!(f, "transport error: {message}"),
        }
    }
}

impl std::error::Error for TransportError {}

/// Sends requests. Implement it to use another HTTP stack; the client adds authentication,
/// retries and decoding around it.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response, within `limits`.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        limits: Limits,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;

#[cfg(feature = "reqwest")]
mod reqwest_transport {
    use super::{BoxFuture, Limits, Transport, TransportError};
    use std::time::Duration;

    /// The default transport: reqwest over rustls, HTTP/1.1 (the APIs' protocol, which the
    /// official SDKs speak; HTTP/2 support would add the h2 crate and its dependencies to every
    /// build).
    #[derive(Debug, Clone)]
    pub struct ReqwestTransport {
        client: reqwest::Client,
    }

    impl ReqwestTransport {
        /// A transport that gives up connecting after `connect_timeout`.
        pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
            let client = reqwest::Client::builder()
                .tls_backend_preconfigured(tls_config()?)
                .connect_timeout(connect_timeout)
                // Redirects would re-send a signed request to another URL; the APIs never redirect.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|error| TransportError::Other(error.to_string()))?;
            Ok(ReqwestTransport { client })
        }

        async fn attempt(
            &self,
            request: http::Request<Vec<u8>>,
            max_body: usize,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            let request = reqwest::Request::try_from(request)
                .map_err(|error| TransportError::Other(error.to_string()))?;
            let mut response = self.client.execute(request).await.map_err(classify)?;
            if response
                .content_length()
                .is_some_and(|length| length > max_body as u64)
            {
                return Err(TransportError::BodyTooLarge { limit: max_body });
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(classify)? {
                if body.len() + chunk.len() > max_body {
                    return Err(TransportError::BodyTooLarge { limit: max_body });
                }
                body.extend_from_slice(&chunk);
            }
            let mut builder = http::Response::builder()
                .status(response.status())
                .version(response.version());
            if let Some(headers) = builder.headers_mut() {
                *headers = std::mem::take(response.headers_mut());
            }
            builder
                .body(body)
                .map_err(|error| TransportError::Other(error.to_string()))
        }
    }

    /// rustls with the `ring` provider and the platform's certificate verifier, given to
    /// reqwest ready-made. reqwest's own rustls setup brings the `aws-lc-rs` provider, whose C
    /// library is most of a new user's first build; a config of our own also leaves the
    /// process-wide default provider to the application.
    fn tls_config() -> Result<rustls::ClientConfig, TransportError> {
        use rustls_platform_verifier::BuilderVerifierExt;
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|error| TransportError::Other(format!("TLS setup: {error}")))?
            .with_no_client_auth();
        // HTTP/1.1 only, as the client speaks it.
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(config)
    }

    fn classify(error: reqwest::Error) -> TransportError {
        if error.is_timeout() {
            TransportError::Timeout
        } else if error.is_connect() {
            TransportError::Connect(with_causes(&error))
        } else {
            TransportError::Other(with_causes(&error))
        }
    }

    /// `error` and its causes, joined with `: `: reqwest's own message names only the URL, the
    /// reason (a refused connection, an untrusted certificate) is in its sources.
    fn with_causes(error: &reqwest::Error) -> String {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            // hyper and its connectors repeat a cause's text in its wrapper.
            if !text.ends_with(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        text
    }

    impl Transport for ReqwestTransport {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
            limits: Limits,
        ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
            Box::pin(async move {
                tokio::time::timeout(limits.timeout, self.attempt(request, limits.max_body))
                    .await
                    .unwrap_or(Err(TransportError::Timeout))
            })
        }
    }
}
