//! Back ends that describe an API rather than implement it: [`openapi`] writes a service as an
//! OpenAPI document, [`api_diff`] lists the API-level changes between two versions of a service.
//! Both read the resolved model only.

pub mod api_diff;
pub mod openapi;
