//! The trait every generated request implements.

use crate::error::Error;
use crate::request::RequestContext;

/// One API operation: how its request becomes HTTP and how HTTP becomes its result.
///
/// Generated request types implement this, so sending any operation is one generic function
/// in the transport rather than code repeated per operation.
pub trait Operation {
    /// The operation id the official SDKs use, such as `CollectDbObjectsInfo`.
    const ID: &'static str;
    /// The success result.
    type Output;
    /// The typed body of the documented error statuses.
    type ErrorBody;

    /// Validates the request and builds the complete HTTP request; nothing is built when a
    /// constraint is violated.
    fn to_http(
        &self,
        context: &RequestContext,
    ) -> Result<http::Request<Vec<u8>>, Error<Self::ErrorBody>>;

    /// The project id this request overrides the client's with, if any (AK/SK requests send
    /// it as `X-Project-Id` too, so it must match the path).
    fn project_override(&self) -> Option<&str> {
        None
    }

    /// Decodes the server's answer.
    fn from_http(response: http::Response<Vec<u8>>)
    -> Result<Self::Output, Error<Self::ErrorBody>>;
}

/// The id of the operation a request is sent for ([`Operation::ID`]): the client puts it in
/// the extensions of every request it hands its [`Transport`](crate::transport::Transport), for
/// transports that route, count or mock by operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationId(pub &'static str);
