//! Support for the cross-crate tests under `tests/`: a real HTTP server on loopback that
//! records what it receives and answers as a test scripts it, and an AK/SK signature verifier
//! written independently of the runtime's signer.

pub mod server;
pub mod verify;
