//! The sizes a spec may have, in one place: each is checked with a located error before the
//! memory it would take is spent. `SECURITY.md` explains why they exist and what they are.

/// The largest spec file, in bytes (a service file or an operation file). The specs imported
/// from real pages are under 10 KB; this leaves room for any real page several hundred times
/// over and stops a file meant to exhaust memory before it is parsed.
pub const MAX_SPEC_FILE_BYTES: u64 = 4 * 1024 * 1024;

// The limits below are checked by `spec::check` on each parsed file, before a service is
// resolved or emitted. Each is far above what real API pages need (the largest of the imported
// references, `spec/`, `tests/corpus/spec` and the 114 EVS pages of `../shared/pages-zh`, are
// given beside each), so only a spec written to exhaust the generator meets them.

/// Operation files in one service's `operations/` directory, counted by the loader before any
/// is read. Real services: at most 111 (EVS); the largest Huawei Cloud services have a few
/// hundred; the benchmarks generate 1,000.
pub const MAX_OPERATIONS_PER_SERVICE: usize = 5_000;

/// Fields of one object (an inline object, a model, or a request body), parameters of one
/// operation, and headers of one response: each becomes a member of one generated struct.
/// Real pages: at most 34 fields (EVS volume details) and 19 parameters (EVS ListVolumes). The
/// generator holds one struct's syntax tree at a time, about 20 KB per field, so this also
/// bounds the memory one struct takes (about 20 MB).
pub const MAX_FIELDS_PER_OBJECT: usize = 1_000;

/// Named models in one file (`models` of a service or an operation). Real pages: at most 31.
pub const MAX_MODELS_PER_FILE: usize = 5_000;

/// Documented values of one enum. Real pages: at most 8.
pub const MAX_ENUM_VALUES: usize = 1_000;

/// Depth of inline shapes inside one another (`fields`, `items`, `values`), counted from the
/// body, model, parameter or header they start at. Real pages: at most 3. Each level's type is
/// named after the levels above it, and a diagnostic's YAML path names every level, so both
/// grow with the depth.
pub const MAX_NESTING_DEPTH: usize = 16;

/// Bytes of a name: a field, parameter, header, model or fixed query name, an enum value. Real
/// pages: at most 46. Names become Rust identifiers and type names, which nesting concatenates.
pub const MAX_NAME_BYTES: usize = 256;

/// Bytes of one text: a title, description, constraint, doc, enum meaning, status description
/// or deprecation note. Real pages: at most 575. Texts are copied into the docs of every item
/// they describe.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Bytes of one example body or URL as printed. Real pages: at most 2,780.
pub const MAX_EXAMPLE_BYTES: usize = 256 * 1024;

/// Example requests, or example responses, of one operation. Real pages: at most 2.
pub const MAX_EXAMPLES_PER_OPERATION: usize = 100;
