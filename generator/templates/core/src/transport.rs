//! Sending one HTTP request: the [`Transport`] trait and its default, hyper with rustls.

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

#[cfg(feature = "default-transport")]
pub use hyper_transport::HyperTransport;

#[cfg(feature = "default-transport")]
mod hyper_transport {
    use super::{BoxFuture, Limits, Transport, TransportError};
    use bytes::Bytes;
    use http_body_util::{BodyExt, Full};
    use hyper_rustls::HttpsConnector;
    use hyper_util::client::legacy::Client;
    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::rt::TokioExecutor;
    use std::time::Duration;

    /// The default transport: hyper's pooled client over rustls, HTTP/1.1 (the APIs' protocol,
    /// which the official SDKs speak). Redirects are not followed: one would re-send a signed
    /// request to another URL, and the APIs never redirect.
    ///
    /// hyper rather than reqwest: what reqwest adds (URL parsing with internationalised domain
    /// names, proxies, cookies, redirects) is unused here and was a fifth of a new user's
    /// first build (`bench/first_build.sh`).
    #[derive(Debug, Clone)]
    pub struct HyperTransport {
        client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    }

    impl HyperTransport {
        /// A transport that gives up connecting after `connect_timeout`.
        pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
            let mut http = HttpConnector::new();
            http.set_connect_timeout(Some(connect_timeout));
            // The scheme is the HTTPS connector's to decide (`https_or_http`).
            http.enforce_http(false);
            let https = hyper_rustls::HttpsConnectorBuilder::new()
                .with_tls_config(tls_config()?)
                .https_or_http()
                .enable_http1()
                .wrap_connector(http);
            let client = Client::builder(TokioExecutor::new()).build(https);
            Ok(HyperTransport { client })
        }

        async fn attempt(
            &self,
            request: http::Request<Vec<u8>>,
            max_body: usize,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            let request = request.map(|body| Full::new(Bytes::from(body)));
            let response = self.client.request(request).await.map_err(|error| {
                if error.is_connect() {
                    TransportError::Connect(with_causes(&error))
                } else {
                    TransportError::Other(with_causes(&error))
                }
            })?;
            let declared = response
                .headers()
                .get(http::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
            if declared.is_some_and(|length| length > max_body as u64) {
                return Err(TransportError::BodyTooLarge { limit: max_body });
            }
            let (parts, mut incoming) = response.into_parts();
            let mut body = Vec::new();
            while let Some(frame) = incoming.frame().await {
                let frame = frame.map_err(|error| TransportError::Other(with_causes(&error)))?;
                if let Ok(chunk) = frame.into_data() {
                    if body.len() + chunk.len() > max_body {
                        return Err(TransportError::BodyTooLarge { limit: max_body });
                    }
                    body.extend_from_slice(&chunk);
                }
            }
            Ok(http::Response::from_parts(parts, body))
        }
    }

    /// rustls with the `ring` provider and the platform's certificate verifier. rustls's and
    /// reqwest's default provider, `aws-lc-rs`, compiles a C library that was most of a new
    /// user's first build; a config of our own also leaves the process-wide default provider
    /// to the application.
    fn tls_config() -> Result<rustls::ClientConfig, TransportError> {
        use rustls_platform_verifier::BuilderVerifierExt;
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        // No ALPN protocols here: the connector sets them from the HTTP versions it enables
        // (none for HTTP/1.1 alone), and refuses a config that has some.
        Ok(rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|error| TransportError::Other(format!("TLS setup: {error}")))?
            .with_no_client_auth())
    }

    /// `error` and its causes, joined with `: `: hyper's own message says only what failed
    /// ("client error (Connect)"), the reason (a refused connection, an untrusted certificate)
    /// is in its sources.
    fn with_causes(error: &dyn std::error::Error) -> String {
        let mut text = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            let cause_text = cause.to_string();
            // Connectors repeat a cause's text in its wrapper.
            if !text.ends_with(&cause_text) {
                text.push_str(": ");
                text.push_str(&cause_text);
            }
            source = cause.source();
        }
        text
    }

    impl Transport for HyperTransport {
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
