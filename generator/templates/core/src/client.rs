//! The client: configuration, authentication, retries and tracing around a [`Transport`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::header::{HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

use crate::credentials::{self, Credentials, MissingCredentials};
use crate::error::Error;
use crate::operation::{Operation, OperationId, ProjectOverride};
use crate::request::{InvalidEndpoint, RequestContext};
use crate::response::ResponseMetadata;
use crate::retry::{Outcome, RetryPolicy, retry_delay};
use crate::service::{Scope, ServiceInfo, UnknownRegion};
use crate::sign;
use crate::transport::{Limits, Transport, TransportError};

// The mock transport (`testing`) checks these two as the client sends them.
pub(crate) const X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");
pub(crate) const X_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-security-token");
const X_PROJECT_ID: HeaderName = HeaderName::from_static("x-project-id");
const X_DOMAIN_ID: HeaderName = HeaderName::from_static("x-domain-id");
const X_LANGUAGE: HeaderName = HeaderName::from_static("x-language");

/// The default `User-Agent`.
pub const DEFAULT_USER_AGENT: &str = concat!("huaweicloud-sdk-rust/", env!("CARGO_PKG_VERSION"));

/// A client for one service. Cheap to clone; clones share configuration and connections.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static ServiceInfo,
    context: RequestContext,
    credentials: Credentials,
    domain_id: Option<HeaderValue>,
    language: Option<HeaderValue>,
    user_agent: HeaderValue,
    retry: RetryPolicy,
    limits: Limits,
    transport: Arc<dyn Transport>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("service", &inner.service.name)
            .field("context", &inner.context)
            .field("credentials", &inner.credentials)
            .field("language", &inner.language)
            .field("retry", &inner.retry)
            .field("limits", &inner.limits)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    service: &'static ServiceInfo,
    endpoint: Option<String>,
    region: Option<String>,
    project_id: Option<String>,
    domain_id: Option<String>,
    credentials: Option<Credentials>,
    language: Option<String>,
    user_agent: String,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_body: usize,
    transport: Option<Arc<dyn Transport>>,
}

/// A client configuration that cannot work.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither an endpoint nor a region was given.
    NoEndpoint,
    /// The region is not in the service's region table.
    UnknownRegion(UnknownRegion),
    /// The endpoint is not an absolute http(s) URL.
    InvalidEndpoint(InvalidEndpoint),
    /// No credentials were given or found in the environment.
    MissingCredentials(MissingCredentials),
    /// A regional service needs a project id: its paths name the project, and AK/SK requests
    /// carry it as `X-Project-Id`.
    MissingProjectId {
        /// The service's short name.
        service: &'static str,
    },
    /// A global service called with AK/SK credentials needs the account's domain id
    /// (`X-Domain-Id`); a token carries its own scope.
    MissingDomainId {
        /// The service's short name.
        service: &'static str,
    },
    /// A configured header value (user agent, language, credentials) cannot be sent.
    InvalidHeaderValue(&'static str),
    /// The default transport could not be created.
    Transport(TransportError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoEndpoint => f.write_str("no endpoint: set an endpoint URL or a region"),
            ConfigError::UnknownRegion(error) => error.fmt(f),
            ConfigError::InvalidEndpoint(error) => error.fmt(f),
            ConfigError::MissingCredentials(error) => error.fmt(f),
            ConfigError::MissingProjectId { service } => write!(
                f,
                "no project id: {service} is a regional service whose requests name a project; \
                 call `.project_id(..)` on the client builder, or set {} and call `.from_env()`",
                credentials::env::PROJECT_ID
            ),
            ConfigError::MissingDomainId { service } => write!(
                f,
                "no domain id: {service} is a global service, and requests signed with an AK/SK \
                 must name the account; call `.domain_id(..)` on the client builder, or set {} \
                 and call `.from_env()` (token credentials need none)",
                credentials::env::DOMAIN_ID
            ),
            ConfigError::InvalidHeaderValue(what) => {
                write!(f, "the {what} contains characters a header cannot carry")
            }
            ConfigError::Transport(error) => write!(f, "cannot create the HTTP transport: {error}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ClientBuilder {
    /// A builder for `service` with the defaults: 3 attempts, 10 s to connect, 60 s per
    /// attempt, responses up to 16 MiB.
    pub fn new(service: &'static ServiceInfo) -> Self {
        ClientBuilder {
            service,
            endpoint: None,
            region: None,
            project_id: None,
            domain_id: None,
            credentials: None,
            language: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_body: 16 << 20,
            transport: None,
        }
    }

    /// Credentials and, unless already set, the project id and domain id from the environment
    /// (the official SDKs' variables: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK`,
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_PROJECT_ID`,
    /// `HUAWEICLOUD_SDK_DOMAIN_ID`; or `HUAWEICLOUD_SDK_TOKEN` for an IAM token).
    pub fn from_env(mut self) -> Result<Self, ConfigError> {
        self.credentials = Some(Credentials::from_env().map_err(ConfigError::MissingCredentials)?);
        let var = |name| {
            std::env::var(name)
                .ok()
                .filter(|value: &String| !value.is_empty())
        };
        if self.project_id.is_none() {
            self.project_id = var(credentials::env::PROJECT_ID);
        }
        if self.domain_id.is_none() {
            self.domain_id = var(credentials::env::DOMAIN_ID);
        }
        Ok(self)
    }

    /// Sends requests to `endpoint` (takes precedence over a region).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Sends requests to the service's endpoint in `region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The project id that fills `{project_id}` (a request may override it). Required for a
    /// regional service: [`build`](Self::build) fails without it.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The domain (account) id, sent as `X-Domain-Id` with AK/SK credentials to a global
    /// service (IAM, Organizations), as the official SDKs do. Required there:
    /// [`build`](Self::build) fails without it; a token needs none.
    pub fn domain_id(mut self, domain_id: impl Into<String>) -> Self {
        self.domain_id = Some(domain_id.into());
        self
    }

    /// The credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The `X-Language` sent when a request does not set its own (`en-us`, `zh-cn`).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// The `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long to wait for a connection (default transport only).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from sending to the end of the response body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Sends through `transport` instead of the default.
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Checks the configuration and creates the client. Credentials not set are read from the
    /// environment; a regional service needs a project id, and a global service called with
    /// AK/SK a domain id ([`ConfigError::MissingProjectId`], [`ConfigError::MissingDomainId`]:
    /// a request without them could not succeed).
    pub fn build(self) -> Result<Client, ConfigError> {
        let endpoint = match (&self.endpoint, &self.region) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(region)) => self
                .service
                .endpoint(region)
                .map_err(ConfigError::UnknownRegion)?
                .to_owned(),
            // A global service has one endpoint, its template.
            (None, None) if !self.service.endpoint_template.contains("{region}") => {
                self.service.endpoint_template.to_owned()
            }
            (None, None) => return Err(ConfigError::NoEndpoint),
        };
        let mut context = RequestContext::new(&endpoint).map_err(ConfigError::InvalidEndpoint)?;
        match (&self.project_id, self.service.scope) {
            (Some(project_id), _) => context = context.with_project_id(project_id.clone()),
            // Even with a token: the project is in the paths. A request may override it, but a
            // client whose requests must each name one would fail them one by one instead.
            (None, Scope::Project) => {
                return Err(ConfigError::MissingProjectId {
                    service: self.service.name,
                });
            }
            (None, Scope::Global) => {}
        }
        let credentials = match self.credentials {
            Some(credentials) => credentials,
            None => Credentials::from_env().map_err(ConfigError::MissingCredentials)?,
        };
        check_credentials(&credentials)?;
        // Without it, IAM cannot tell which account an AK/SK request acts on and refuses it.
        // The official SDKs look it up through IAM (KeystoneListAuthDomains); asking for it is
        // explicit and costs no hidden request.
        if self.service.scope == Scope::Global
            && self.domain_id.is_none()
            && matches!(credentials, Credentials::AccessKey { .. })
        {
            return Err(ConfigError::MissingDomainId {
                service: self.service.name,
            });
        }
        let header = |value: &str, what| {
            HeaderValue::from_str(value).map_err(|_| ConfigError::InvalidHeaderValue(what))
        };
        let domain_id = self
            .domain_id
            .as_deref()
            .map(|d| header(d, "domain id"))
            .transpose()?;
        let language = self
            .language
            .as_deref()
            .map(|l| header(l, "language"))
            .transpose()?;
        let user_agent = header(&self.user_agent, "user agent")?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(self.connect_timeout)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                service: self.service,
                context,
                credentials,
                domain_id,
                language,
                user_agent,
                retry: self.retry,
                limits: Limits {
                    timeout: self.timeout,
                    max_body: self.max_response_body,
                },
                transport,
            }),
        })
    }
}

/// Rejects credentials that could not be sent, at build time rather than on every request.
fn check_credentials(credentials: &Credentials) -> Result<(), ConfigError> {
    let sendable = |value: &str| HeaderValue::from_str(value).is_ok() && !value.is_empty();
    let ok = match credentials {
        Credentials::Token(token) => sendable(token.expose()),
        Credentials::AccessKey {
            access_key,
            secret_key,
            security_token,
        } => {
            sendable(access_key)
                && !access_key.contains([',', ' ', '='])
                && !secret_key.expose().is_empty()
                && security_token.as_ref().is_none_or(|t| sendable(t.expose()))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(ConfigError::InvalidHeaderValue("credentials"))
    }
}

#[cfg(feature = "default-transport")]
fn default_transport(connect_timeout: Duration) -> Result<Arc<dyn Transport>, ConfigError> {
    let transport =
        crate::transport::HyperTransport::new(connect_timeout).map_err(ConfigError::Transport)?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "default-transport"))]
fn default_transport(_connect_timeout: Duration) -> Result<Arc<dyn Transport>, ConfigError> {
    Err(ConfigError::Transport(TransportError::Other(
        "the `default-transport` feature is off: configure a transport with `ClientBuilder::transport`"
            .into(),
    )))
}

impl Client {
    /// A builder for `service`.
    pub fn builder(service: &'static ServiceInfo) -> ClientBuilder {
        ClientBuilder::new(service)
    }

    /// The endpoint and project requests are built against.
    pub fn context(&self) -> &RequestContext {
        &self.inner.context
    }

    /// Validates, sends (retrying as [`crate::retry`] describes) and decodes one operation.
    pub async fn send<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<O::Output, Error<O::ErrorBody>> {
        self.call(operation, |response| O::from_http(response))
            .await
    }

    /// Like [`send`](Self::send), and also returns the answer's status, request id and
    /// headers.
    pub async fn send_with_metadata<O: Operation>(
        &self,
        operation: &O,
    ) -> Result<(O::Output, ResponseMetadata), Error<O::ErrorBody>> {
        self.call(operation, |response| {
            let metadata = ResponseMetadata::of(&response);
            O::from_http(response).map(|output| (output, metadata))
        })
        .await
    }

    /// Sends `operation` inside its tracing span and decodes the final answer with `decode`.
    async fn call<O: Operation, T>(
        &self,
        operation: &O,
        decode: impl FnOnce(http::Response<Vec<u8>>) -> Result<T, Error<O::ErrorBody>>,
    ) -> Result<T, Error<O::ErrorBody>> {
        let span = tracing::info_span!(
            "huaweicloud.call",
            service = self.inner.service.name,
            operation = O::ID,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        async {
            let mut request = operation.to_http(&self.inner.context)?;
            request.extensions_mut().insert(OperationId(O::ID));
            // The request's own project, else the client's: what its path was built with.
            let project_override = ProjectOverride::of(&request).map(str::to_owned);
            let project_id = project_override
                .as_deref()
                .or(self.inner.context.project_id());
            let response = self.execute(request, project_id).await?;
            tracing::Span::current().record("status", response.status().as_u16());
            decode(response)
        }
        .instrument(span)
        .await
    }

    /// Sends `request` until it succeeds, fails for good, or attempts run out.
    async fn execute<E>(
        &self,
        request: http::Request<Vec<u8>>,
        project_id: Option<&str>,
    ) -> Result<http::Response<Vec<u8>>, Error<E>> {
        let (parts, body) = request.into_parts();
        let mut attempt = 1;
        loop {
            let mut request = http::Request::builder()
                .method(parts.method.clone())
                .uri(parts.uri.clone())
                .version(parts.version)
                .body(body.clone())
                .map_err(|error| Error::Build(error.to_string()))?;
            *request.headers_mut() = parts.headers.clone();
            *request.extensions_mut() = parts.extensions.clone();
            self.authorize(&mut request, project_id)?;

            let outcome = self.inner.transport.send(request, self.inner.limits).await;
            let decision = match &outcome {
                Ok(response) => Outcome::Response(response.status(), response.headers()),
                Err(error) => Outcome::Failed(error),
            };
            match retry_delay(
                &self.inner.retry,
                &parts.method,
                attempt,
                decision,
                fastrand::f64(),
            ) {
                Some(delay) => {
                    match &outcome {
                        Ok(response) => tracing::info!(
                            attempt,
                            status = response.status().as_u16(),
                            ?delay,
                            "retrying"
                        ),
                        Err(error) => tracing::info!(attempt, %error, ?delay, "retrying"),
                    }
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => {
                    tracing::Span::current().record("attempts", attempt);
                    return outcome.map_err(Error::from);
                }
            }
        }
    }

    /// Adds the headers every request carries, then authenticates: a token header, or an
    /// AK/SK signature over everything else (so it is computed last, afresh per attempt).
    fn authorize<E>(
        &self,
        request: &mut http::Request<Vec<u8>>,
        project_id: Option<&str>,
    ) -> Result<(), Error<E>> {
        let inner = &self.inner;
        let headers = request.headers_mut();
        headers.insert(USER_AGENT, inner.user_agent.clone());
        if let Some(language) = &inner.language
            && !headers.contains_key(X_LANGUAGE)
        {
            headers.insert(X_LANGUAGE, language.clone());
        }
        let header = |value: &str| {
            HeaderValue::from_str(value)
                .map_err(|_| Error::Build("a credential is not a header value".into()))
        };
        match &inner.credentials {
            Credentials::Token(token) => {
                let mut value = header(token.expose())?;
                value.set_sensitive(true);
                headers.insert(X_AUTH_TOKEN, value);
                Ok(())
            }
            Credentials::AccessKey {
                access_key,
                secret_key,
                security_token,
            } => {
                match (inner.service.scope, project_id, &inner.domain_id) {
                    (Scope::Project, Some(project_id), _) => {
                        headers.insert(X_PROJECT_ID, header(project_id)?);
                    }
                    (Scope::Global, _, Some(domain_id)) => {
                        headers.insert(X_DOMAIN_ID, domain_id.clone());
                    }
                    _ => {}
                }
                if let Some(token) = security_token {
                    let mut value = header(token.expose())?;
                    value.set_sensitive(true);
                    headers.insert(X_SECURITY_TOKEN, value);
                }
                let date = sign::sdk_date(SystemTime::now());
                sign::sign(request, access_key, secret_key, &date)
                    .map_err(|error| Error::Build(error.to_string()))?;
                // Not a secret (it is derived and expires), but no log needs it either.
                if let Some(value) = request.headers_mut().get_mut(http::header::AUTHORIZATION) {
                    value.set_sensitive(true);
                }
                Ok(())
            }
        }
    }
}
