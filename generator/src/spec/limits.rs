//! The sizes a spec may have, in one place: each is checked with a located error before the
//! memory it would take is spent. `SECURITY.md` explains why they exist and what they are.

/// The largest spec file, in bytes (a service file or an operation file). The specs imported
/// from real pages are under 10 KB; this leaves room for any real page several hundred times
/// over and stops a file meant to exhaust memory before it is parsed.
pub const MAX_SPEC_FILE_BYTES: u64 = 4 * 1024 * 1024;
