//! What the runtime needs to know about a service: generated into each service crate as its
//! `SERVICE` constant.

use std::fmt;

/// A service's endpoints and how it is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// Short name, such as `drs`.
    pub name: &'static str,
    /// The endpoint template, with `{region}`.
    pub endpoint_template: &'static str,
    /// The regions the service is offered in, with each one's endpoint.
    pub regions: &'static [(&'static str, &'static str)],
    /// Regional (by project) or global (by account).
    pub scope: Scope,
}

/// How a service identifies what it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Regional: paths carry a project id, and AK/SK requests send `X-Project-Id`.
    Project,
    /// Global: one endpoint; the account is identified by its domain id.
    Global,
}

impl ServiceInfo {
    /// The endpoint of `region`.
    pub fn endpoint(&self, region: &str) -> Result<&'static str, UnknownRegion> {
        self.regions
            .iter()
            .find(|(name, _)| *name == region)
            .map(|(_, endpoint)| *endpoint)
            .ok_or_else(|| UnknownRegion {
                service: self.name,
                region: region.to_owned(),
                known: self.regions.iter().map(|(n, _)| *n).collect(),
            })
    }
}

/// A region the service does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRegion {
    service: &'static str,
    region: String,
    known: Vec<&'static str>,
}

impl fmt::Display for UnknownRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not offered in region {:?}; known regions: {}",
            self.service,
            self.region,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownRegion {}
