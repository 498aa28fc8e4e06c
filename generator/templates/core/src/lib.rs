//! Shared runtime of the generated Huawei Cloud SDK crates.
//!
//! Every service crate (`huaweicloud-sdk-drs`, ...) is generated from specs and depends on this
//! crate for what all operations share, so that behaviour is written once:
//!
//! - [`validate`]: the constraint checks behind every generated `validate()`;
//! - [`request`]: turning a typed request into an [`http::Request`] (path encoding, headers,
//!   JSON body) against a [`RequestContext`];
//! - [`response`]: turning an [`http::Response`] into a typed result or an [`Error`] (every
//!   non-2xx answer in a Huawei Cloud error shape is [`Error::Api`], documented or not; see
//!   [`error`]), and the [`ResponseMetadata`] of a success;
//! - [`text`]: the one escaped, bounded rendering of server text in errors and logs;
//! - [`Operation`]: the trait each generated request implements, so one generic client can
//!   send any operation;
//! - [`Client`]: configuration (endpoint or region, project, credentials, timeouts, limits),
//!   authentication ([`credentials`], [`sign`]), [`retry`] and tracing around a pluggable
//!   [`transport`] (reqwest over rustls by default).
//!
//! The request, response and signing steps do no I/O, so they can be used with any HTTP stack.

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
pub use operation::{Operation, OperationId};
pub use request::{RequestBuilder, RequestContext};
pub use response::ResponseMetadata;
pub use text::{Excerpt, RawBody};
pub use validate::{FieldPath, Rule, UnknownValue, Validate, ValidationError, Violation};

/// Re-exported so generated crates and their users name one version of it.
pub use http;
