//! Shared runtime of the generated Huawei Cloud SDK crates.
//!
//! Every service crate (`huaweicloud-sdk-drs`, ...) is generated from specs and depends on this
//! crate for what all operations share, so that behaviour is written once:
//!
//! - [`validate`]: the constraint checks behind every generated `validate()`;
//! - [`request`]: turning a typed request into an [`http::Request`] (path encoding, headers,
//!   JSON body) against a [`RequestContext`];
//! - [`response`]: turning an [`http::Response`] into a typed result or an [`Error`];
//! - [`Operation`]: the trait each generated request implements, so one generic client can
//!   send any operation.
//!
//! The request and response steps do no I/O; sending is left to the transport.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod operation;
pub mod request;
pub mod response;
pub mod validate;

pub use error::{ApiError, Error, ErrorBody, UnexpectedStatus};
pub use operation::Operation;
pub use request::{RequestBuilder, RequestContext};
pub use response::Statuses;
pub use validate::{FieldPath, Rule, Validate, ValidationError, Violation};

/// Re-exported so generated crates and their users name one version of it.
pub use http;
