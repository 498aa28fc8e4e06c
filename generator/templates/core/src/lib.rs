//! Shared runtime of the generated Huawei Cloud SDK crates.
//!
//! Every service crate (`huaweicloud-sdk-drs`, ...) is generated from specs and depends on this
//! crate for what all operations share, so that behaviour is written once.
//!
//! # Calling an operation
//!
//! A service crate has one request type per operation and a `client()` builder; a call goes
//! through [`Client::send`], which validates, signs, retries and decodes. Each service crate's
//! docs show a call of one of its operations (in `huaweicloud-sdk-drs`:
//! `huaweicloud_sdk_drs::client().from_env()?.region(..).build()?`, then
//! `client.send(&CollectDbObjectsInfoRequest::new(..))`). The same, for any operation of any
//! service, with the credentials and the project id from the environment
//! (`HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK`, or `HUAWEICLOUD_SDK_TOKEN`;
//! `HUAWEICLOUD_SDK_PROJECT_ID`):
//!
//! ```rust,no_run
//! use huaweicloud_sdk_core::{Client, Error, Operation, ServiceInfo};
//!
//! /// Sends `request` to `service` (a service crate's `SERVICE`) in `region`.
//! async fn call<O: Operation>(
//!     service: &'static ServiceInfo,
//!     region: &str,
//!     request: &O,
//! ) -> Result<O::Output, Box<dyn std::error::Error>> {
//!     let client = Client::builder(service).from_env()?.region(region).build()?;
//!     match client.send(request).await {
//!         Ok(output) => Ok(output),
//!         // Any error status with a Huawei Cloud error body: status, code, message, request id.
//!         Err(Error::Api(error)) => Err(error.to_string().into()),
//!         Err(other) => Err(other.to_string().into()),
//!     }
//! }
//! # fn main() {}
//! ```
//!
//! For tests of code that calls a service, the `testing` feature adds a mock transport
//! (`testing::MockTransport`): canned responses, recorded requests, signature checks.
//!
//! # Without the client (sans-IO)
//!
//! The request, response and signing steps do no I/O, so they can be used with any HTTP
//! stack:
//!
//! - [`validate`]: the constraint checks behind every generated `validate()`;
//! - [`request`]: turning a typed request into an [`http::Request`] (path encoding, headers,
//!   JSON body) against a [`RequestContext`];
//! - [`response`]: turning an [`http::Response`] into a typed result or an [`Error`] (every
//!   non-2xx answer in a Huawei Cloud error shape is [`Error::Api`], documented or not; see
//!   [`error`]), and the [`ResponseMetadata`] of a success;
//! - [`sign`]: the AK/SK signature (SDK-HMAC-SHA256);
//! - [`text`]: the one escaped, bounded rendering of server text in errors and logs;
//! - [`Operation`]: the trait each generated request implements, so one generic client can
//!   send any operation.
//!
//! Around them, [`Client`] holds the configuration (endpoint or region, project, credentials,
//! timeouts, limits) and adds authentication ([`credentials`], [`sign`]), [`retry`] and tracing
//! around a pluggable [`transport`] (hyper over rustls by default).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod client;
pub mod credentials;
pub mod error;
pub mod json;
pub mod operation;
pub mod request;
pub mod response;
pub mod retry;
pub mod service;
pub mod sign;
mod tee;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod transport;
pub mod validate;

pub use client::{Client, ClientBuilder, ConfigError};
pub use credentials::{Credentials, Secret};
pub use retry::RetryPolicy;
pub use service::{Scope, ServiceInfo};

pub use error::{ApiError, DecodeError, Error, ErrorBody, UnexpectedStatus};
pub use operation::{Operation, OperationId, ProjectOverride};
pub use request::{OptionalWireValue, RequestBuilder, RequestContext, WireValue};
pub use response::ResponseMetadata;
pub use text::{Excerpt, RawBody};
pub use validate::{FieldPath, Rule, UnknownValue, Validate, ValidationError, Violation};

/// Re-exported so generated crates and their users name one version of it.
pub use http;
