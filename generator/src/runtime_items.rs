//! The names generated code relies on from outside itself: the contract between the emitters,
//! the runtime crate `huaweicloud_sdk_core` and the name resolver.
//!
//! Generated files name runtime items by their short name (`Validate`, `validate::length`),
//! imported by a `use` line that [`crate::emit`] derives from the names a file uses, and they
//! name Rust's prelude and a few serde items the same way. A spec model with one of these names
//! would be defined beside the import and not compile (E0255), so [`crate::model`] reserves
//! every name listed here: such a model's Rust name gets the service's prefix (`Error` becomes
//! `EvsError`), its wire name stays.
//!
//! A new runtime item that an emitter writes is added to [`RUNTIME_ITEMS`], and nowhere else:
//! the import emitter then imports it and the resolver reserves it. The tests of this module
//! fail when a committed generated crate names a runtime item not listed here, or when the
//! conformance spec (`tests/conformance/spec/reserved`) has no model named like a reserved
//! type name.

/// How generated code names a runtime item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// By its short name, imported by `use huaweicloud_sdk_core::{...}` in the model and
    /// operation files that use it. Reserved: a spec name must not take it.
    Imported,
    /// Re-exported from the service crate's root (`pub use huaweicloud_sdk_core::{...}`), where
    /// no spec type is defined (models live in `models`, operations in `operations`).
    CrateRoot,
    /// Always written with its path (`huaweicloud_sdk_core::ServiceInfo`), so no spec name can
    /// shadow it.
    Qualified,
}

/// An item of the runtime crate that generated code names.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuntimeItem {
    /// The item's name in `huaweicloud_sdk_core` (a type, trait or module).
    pub name: &'static str,
    /// How generated code names it.
    pub naming: Naming,
}

const fn item(name: &'static str, naming: Naming) -> RuntimeItem {
    RuntimeItem { name, naming }
}

/// Every item of `huaweicloud_sdk_core` that generated code names. An item named more than one
/// way is listed once per way (`Error` is imported by operation files and re-exported by the
/// crate root).
pub(crate) const RUNTIME_ITEMS: &[RuntimeItem] = &[
    item("Error", Naming::Imported),
    // The trait in `models.rs`, which implements it for the service's error body; in operation
    // files `ErrorBody` is the associated type of `Operation` and is not imported.
    item("ErrorBody", Naming::Imported),
    // An operation's own error body implements it wherever the type is emitted, an operation's
    // file among them: named in full there.
    item("ErrorBody", Naming::Qualified),
    item("FieldPath", Naming::Imported),
    item("Operation", Naming::Imported),
    item("RequestBuilder", Naming::Imported),
    item("RequestContext", Naming::Imported),
    item("UnknownValue", Naming::Imported),
    item("Validate", Naming::Imported),
    item("Violation", Naming::Imported),
    item("WireValue", Naming::Imported),
    item("http", Naming::Imported),
    item("json", Naming::Imported),
    item("response", Naming::Imported),
    item("validate", Naming::Imported),
    item("ApiError", Naming::CrateRoot),
    item("Client", Naming::CrateRoot),
    item("ClientBuilder", Naming::CrateRoot),
    item("Credentials", Naming::CrateRoot),
    item("Error", Naming::CrateRoot),
    item("ErrorBody", Naming::CrateRoot),
    item("Operation", Naming::CrateRoot),
    item("RequestContext", Naming::CrateRoot),
    item("ResponseMetadata", Naming::CrateRoot),
    item("RetryPolicy", Naming::CrateRoot),
    item("Validate", Naming::CrateRoot),
    item("ValidationError", Naming::CrateRoot),
    item("Scope", Naming::Qualified),
    item("ServiceInfo", Naming::Qualified),
    // The crate root's docs point to `huaweicloud_sdk_core::sign` for the sans-IO layer.
    item("sign", Naming::Qualified),
    // `page_examples.rs` writes `use huaweicloud_sdk_core::Validate;` itself.
    item("Validate", Naming::Qualified),
];

/// Names generated files import from serde when they use them, as they do runtime items
/// (`use serde::{Deserialize, Serialize};`).
pub(crate) const SERDE_IMPORTS: &[&str] = &["Deserialize", "Serialize"];

/// Names the page-example tests import themselves (`use serde::de::DeserializeOwned;`) beside
/// a glob import of an operation's types.
pub(crate) const PAGE_EXAMPLE_IMPORTS: &[&str] = &["DeserializeOwned"];

/// Prelude names generated code uses unqualified (`Option<String>`, `impl Into<String>`,
/// `#[derive(Clone, Debug, PartialEq)]`), and `Self`.
pub(crate) const PRELUDE_NAMES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Err",
    "Hash",
    "Into",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

/// Crates generated code names by path (`serde_json::Value`, `std::str::FromStr`): a module of
/// the same name beside the path would shadow them.
pub(crate) const CRATES: &[&str] = &["huaweicloud_sdk_core", "serde", "serde_json", "std"];

/// How many fields one tuple of `json::Slots` holds in the runtime (`json::SLOTS_PER_TUPLE`):
/// a generated `Deserialize` of a wider struct nests the rest in `json::More`.
pub(crate) const JSON_SLOTS_PER_TUPLE: usize = 12;

/// The runtime items a generated file imports by their short name.
pub(crate) fn imported() -> impl Iterator<Item = &'static str> {
    RUNTIME_ITEMS
        .iter()
        .filter(|item| item.naming == Naming::Imported)
        .map(|item| item.name)
}

/// Whether generated code names `name` unqualified as a type or trait, so a spec type must not
/// take it.
pub(crate) fn is_reserved_type_name(name: &str) -> bool {
    reserved_type_names().any(|reserved| reserved == name)
}

/// The type and trait names generated code names unqualified.
pub(crate) fn reserved_type_names() -> impl Iterator<Item = &'static str> {
    imported()
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .chain(SERDE_IMPORTS.iter().copied())
        .chain(PAGE_EXAMPLE_IMPORTS.iter().copied())
        .chain(PRELUDE_NAMES.iter().copied())
}

/// The type and trait names a service crate re-exports at its root. Not reserved (no spec type
/// is defined at the root), but the conformance spec names a model like each, so a model that
/// shares a root name is compiled beside the re-export.
#[cfg(test)]
pub(crate) fn crate_root_type_names() -> impl Iterator<Item = &'static str> {
    RUNTIME_ITEMS
        .iter()
        .filter(|item| item.naming == Naming::CrateRoot)
        .map(|item| item.name)
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The module and crate names generated code names unqualified (`validate::length`,
/// `serde_json::Value`), which a field, parameter or module must not take.
pub(crate) fn reserved_module_names() -> impl Iterator<Item = &'static str> {
    imported()
        .filter(|name| name.starts_with(|c: char| c.is_ascii_lowercase()))
        .chain(CRATES.iter().copied())
}

#[cfg(test)]
mod tests;
