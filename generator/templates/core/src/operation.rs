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
    /// constraint is violated. A request that overrides the context's project carries it in
    /// the built request's extensions as a [`ProjectOverride`].
    fn to_http(
        &self,
        context: &RequestContext,
    ) -> Result<http::Request<Vec<u8>>, Error<Self::ErrorBody>>;

    /// Decodes the server's answer.
    fn from_http(response: http::Response<Vec<u8>>)
    -> Result<Self::Output, Error<Self::ErrorBody>>;
}

/// The id of the operation a request is sent for ([`Operation::ID`]): the client puts it in
/// the extensions of every request it hands its [`Transport`](crate::transport::Transport), for
/// transports that route, count or mock by operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationId(pub &'static str);

/// The project id a request overrides its [`RequestContext`]'s with:
/// [`RequestBuilder::project_segment`](crate::request::RequestBuilder::project_segment) puts it
/// in the extensions of the request it builds, where the client reads it (an AK/SK request
/// sends its project as `X-Project-Id` too, and the two must match). A request built without
/// an override has none, and goes to the context's project.
///
/// It travels with the request rather than being asked of the operation, so that a generated
/// operation states the project once (in its path) instead of in a method of its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProjectOverride(pub String);

impl ProjectOverride {
    /// The override of `request`, if it has one.
    pub fn of<B>(request: &http::Request<B>) -> Option<&str> {
        request
            .extensions()
            .get::<ProjectOverride>()
            .map(|project| project.0.as_str())
    }
}
