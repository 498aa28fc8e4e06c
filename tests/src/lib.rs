//! Support for the cross-crate tests under `tests/`: a real HTTP server on loopback that
//! records what it receives and answers as a test scripts it, an AK/SK signature verifier
//! written independently of the runtime's signer, the official SDK's signer driven from Rust,
//! the Python virtualenv that holds the official SDK, and text comparisons that print a diff.

pub mod official_signer;
pub mod python;
pub mod server;
pub mod text;
pub mod verify;
