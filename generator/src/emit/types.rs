//! Named types: structs for objects, enums for documented values, with their `Validate` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::checks::{Checked, validate_group};
use super::docs::{Doc, code_span};
use super::format::Group;
use super::printed::{self, FieldText, Lines, Member, WireField, type_text};
use super::rust::{STRUCT_DERIVES, builders, derive_tokens, ident, type_tokens};
use crate::model::names::UNKNOWN_VARIANT;
use crate::model::{Constraints, EnumValue, Field, Service, TypeDef, TypeKind};
use crate::runtime_items::JSON_SLOTS_PER_TUPLE;

/// A struct or enum with everything that belongs to it, in groups (see [`Group`]).
pub fn type_def(service: &Service, def: &TypeDef) -> Vec<Group> {
    match &def.kind {
        TypeKind::Struct { fields } => struct_def(service, def, fields),
        TypeKind::Enum { values, default } => vec![
            enum_definition(def, values, *default),
            enum_impls(def, values),
        ],
    }
}

/// ```text
/// #[derive(Debug, Clone, PartialEq)]
/// #[non_exhaustive]
/// pub struct DrsError {
///     pub error_code: Option<String>,
/// }
/// impl DrsError { pub fn new() -> Self; pub fn error_code(self, value) -> Self }
/// impl Default for DrsError { fn default() -> Self { Self::new() } }
/// impl Serialize for DrsError { ... } (json::write_fields)
/// impl Deserialize for DrsError { ... } (json::fields)
/// impl Validate for DrsError { ... }
/// ```
fn struct_def(service: &Service, def: &TypeDef, fields: &[Field]) -> Vec<Group> {
    let name = ident(&def.name);
    let members: Vec<Member> = fields
        .iter()
        .map(|f| Member {
            name: &f.rust_name,
            ty: &f.shape.ty,
            required: f.required,
        })
        .collect();
    let checked: Vec<Checked> = fields
        .iter()
        .map(|f| Checked {
            shape: &f.shape,
            rust_name: &f.rust_name,
            wire_name: &f.wire_name,
            required: f.required,
            wire_check: None,
        })
        .collect();
    // Named in full: an operation's module has the associated type `ErrorBody` in scope.
    let error_body = def
        .plain_error_body
        .then(|| quote!(impl huaweicloud_sdk_core::ErrorBody for #name {}));
    vec![
        struct_definition(def, fields),
        builders(&def.name, &members),
        struct_serialize(&def.name, fields),
        struct_deserialize(&def.name, fields),
        validate_group(service, &def.name, &checked),
        quote!(#error_body).into(),
    ]
}

/// The struct itself: printed as text where every line fits (see [`super::printed`]), else
/// built as tokens.
pub(super) fn struct_definition(def: &TypeDef, fields: &[Field]) -> Group {
    let (doc, field_docs) = struct_docs(def, fields);
    let field_texts: Vec<FieldText> = fields
        .iter()
        .zip(&field_docs)
        .map(|(field, doc)| {
            let ty = type_text(&field.shape.ty);
            FieldText {
                doc,
                name: &field.rust_name,
                ty: if field.required && !field.from_header {
                    ty
                } else {
                    format!("Option<{ty}>")
                },
            }
        })
        .collect();
    let attributes = [STRUCT_DERIVES, "#[non_exhaustive]"];
    if let Some(text) = printed::struct_definition(&doc, &attributes, &def.name, &field_texts) {
        let mut uses = Vec::new();
        for field in fields {
            super::operation::named_types(&field.shape.ty, &mut uses);
        }
        return Group::Printed { text, uses };
    }
    struct_definition_tokens(def, fields, &doc, &field_docs).into()
}

/// The docs of a struct and of each of its fields.
pub(super) fn struct_docs(def: &TypeDef, fields: &[Field]) -> (Doc, Vec<Doc>) {
    let doc = Doc::new().text(def.doc.as_deref());
    let field_docs = fields
        .iter()
        .map(|field| {
            let fallback = format!("The {} field.", field.wire_name);
            field_doc(
                Some(field.doc.as_deref().unwrap_or(&fallback)),
                &field.shape.constraints,
                field.default.as_ref(),
            )
        })
        .collect();
    (doc, field_docs)
}

/// [`struct_definition`] as tokens.
pub(super) fn struct_definition_tokens(
    def: &TypeDef,
    fields: &[Field],
    doc: &Doc,
    field_docs: &[Doc],
) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc.outer();
    let field_tokens = fields.iter().zip(field_docs).map(|(field, doc)| {
        let field_name = ident(&field.rust_name);
        let ty = type_tokens(&field.shape.ty);
        let doc = doc.outer();
        if field.required && !field.from_header {
            quote! { #doc pub #field_name: #ty }
        } else {
            quote! { #doc pub #field_name: Option<#ty> }
        }
    });
    let derives = derive_tokens(STRUCT_DERIVES);
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens,)*
        }
    }
}

/// `impl Deserialize`: the JSON object read in one pass into a tuple of slots, one per wire
/// field, by `huaweicloud_sdk_core::json::fields` (where the visitor lives; see its docs);
/// fields filled from response headers start unset.
///
/// ```text
/// impl<'de> Deserialize<'de> for DrsError {
///     fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
///         let (error_code, error_msg) = json::fields(deserializer, &["error_code", "error_msg"])?;
///         Ok(Self { error_code: json::required(error_code, "error_code")?, error_msg: json::optional(error_msg) })
///     }
/// }
/// ```
fn struct_deserialize(name: &str, fields: &[Field]) -> Group {
    let wire: Vec<WireField> = fields.iter().map(WireField::of).collect();
    match printed::struct_deserialize(name, &wire, JSON_SLOTS_PER_TUPLE) {
        Some(text) => Group::Printed {
            text,
            uses: vec!["Deserialize".to_owned(), "json".to_owned()],
        },
        None => struct_deserialize_tokens(&ident(name), fields).into(),
    }
}

/// [`struct_deserialize`] as tokens.
pub(super) fn struct_deserialize_tokens(
    name: &proc_macro2::Ident,
    fields: &[Field],
) -> TokenStream {
    let wire_fields: Vec<&Field> = fields.iter().filter(|f| !f.from_header).collect();
    let names = wire_fields.iter().map(|f| &f.wire_name);
    let slots = slot_pattern(&wire_fields);
    let initializers = fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let wire = &field.wire_name;
        if field.from_header {
            quote!(#field_name: None)
        } else if field.required {
            quote!(#field_name: json::required(#field_name, #wire)?)
        } else {
            quote!(#field_name: json::optional(#field_name))
        }
    });
    quote! {
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let #slots = json::fields(deserializer, &[#(#names),*])?;
                Ok(Self { #(#initializers),* })
            }
        }
    }
}

/// The pattern `json::fields` fills: one binding per field, named as the field, in tuples of
/// at most `JSON_SLOTS_PER_TUPLE` with the rest nested in a last `json::More(...)`.
fn slot_pattern(fields: &[&Field]) -> TokenStream {
    let (here, rest) = fields.split_at(fields.len().min(JSON_SLOTS_PER_TUPLE));
    let bindings = here.iter().map(|f| ident(&f.rust_name));
    if rest.is_empty() {
        quote!((#(#bindings,)*))
    } else {
        let more = slot_pattern(rest);
        quote!((#(#bindings,)* json::More(#more)))
    }
}

/// `impl Serialize`: the wire fields handed to `huaweicloud_sdk_core::json::write_fields` as a
/// tuple of `Option<&T>` in the order of their names (an optional field is its `as_ref()`, a
/// required one `Some`), nested as [`slot_pattern`] nests slots; fields filled from response
/// headers are not written. The derive's semantics (an unset optional field is left out) with
/// one call per struct instead of a branch, a length term and a `?` per field.
///
/// ```text
/// impl Serialize for DrsError {
///     fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
///         json::write_fields(serializer, "DrsError", &["error_code"], (self.error_code.as_ref(),))
///     }
/// }
/// ```
pub(super) fn struct_serialize(name: &str, fields: &[Field]) -> Group {
    let wire: Vec<WireField> = fields.iter().map(WireField::of).collect();
    match printed::struct_serialize(name, &wire, JSON_SLOTS_PER_TUPLE) {
        Some(text) => Group::Printed {
            text,
            uses: vec!["Serialize".to_owned(), "json".to_owned()],
        },
        None => struct_serialize_tokens(&ident(name), fields).into(),
    }
}

/// [`struct_serialize`] as tokens.
pub(super) fn struct_serialize_tokens(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let wire_fields: Vec<&Field> = fields.iter().filter(|f| !f.from_header).collect();
    let names = wire_fields.iter().map(|f| &f.wire_name);
    let values = value_tuple(&wire_fields);
    let type_name = name.to_string();
    quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                json::write_fields(serializer, #type_name, &[#(#names),*], #values)
            }
        }
    }
}

/// The values `json::write_fields` writes, tupled as [`slot_pattern`] tuples slots.
fn value_tuple(fields: &[&Field]) -> TokenStream {
    let (here, rest) = fields.split_at(fields.len().min(JSON_SLOTS_PER_TUPLE));
    let values = here.iter().map(|field| {
        let name = ident(&field.rust_name);
        if field.required {
            quote!(Some(&self.#name))
        } else {
            quote!(self.#name.as_ref())
        }
    });
    if rest.is_empty() {
        quote!((#(#values,)*))
    } else {
        let more = value_tuple(rest);
        quote!((#(#values,)* json::More(#more)))
    }
}

/// `impl Validate for #name` running `body`; an empty block (the trait's default, which finds
/// nothing) when there is nothing to check.
pub fn validate_impl(name: &proc_macro2::Ident, body: TokenStream) -> TokenStream {
    // No function for rustc to check where there is nothing to check.
    if body.is_empty() {
        return quote!(impl Validate for #name {});
    }
    quote! {
        impl Validate for #name {
            fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
                #body
            }
        }
    }
}

/// Docs of a field or parameter: the page's text, then its constraints and default.
pub fn field_doc(
    text: Option<&str>,
    constraints: &Constraints,
    default: Option<&serde_json::Value>,
) -> Doc {
    let mut facts = Vec::new();
    let range = |min: Option<String>, max: Option<String>, unit: &str| match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}{unit}"),
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => String::new(),
    };
    let c = constraints;
    if c.min_length.is_some() || c.max_length.is_some() {
        facts.push(format!(
            "Length: {}.",
            range(
                c.min_length.map(|n| n.to_string()),
                c.max_length.map(|n| n.to_string()),
                " characters"
            )
        ));
    }
    if c.minimum.is_some() || c.maximum.is_some() {
        facts.push(format!(
            "Range: {}.",
            range(
                c.minimum.as_ref().map(|n| n.to_string()),
                c.maximum.as_ref().map(|n| n.to_string()),
                ""
            )
        ));
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        facts.push(format!(
            "Items: {}.",
            range(
                c.min_items.map(|n| n.to_string()),
                c.max_items.map(|n| n.to_string()),
                ""
            )
        ));
    }
    if let Some(default) = default {
        let shown = match default {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        facts.push(format!(
            "Default (applied by the server when unset): {}.",
            code_span(&shown)
        ));
    }
    let mut doc = Doc::new().text(text);
    if !facts.is_empty() {
        doc = doc.paragraph();
        for fact in facts {
            doc = doc.markdown(fact);
        }
    }
    doc
}

fn enum_doc(def: &TypeDef, values: &[EnumValue], default: Option<usize>) -> Doc {
    let mut doc = Doc::new().text(def.doc.as_deref());
    if let Some(default) = default {
        doc = doc.paragraph().markdown(format!(
            "The server's default is {}.",
            code_span(&values[default].wire)
        ));
    }
    doc
}

fn variant_doc(value: &EnumValue) -> Doc {
    let mut doc = Doc::new().markdown(code_span(&value.wire));
    if value.doc.is_some() {
        doc = doc.paragraph().text(value.doc.as_deref());
    }
    doc
}

/// The doc of an open enum's variant for values it does not document.
const UNKNOWN_VARIANT_DOC: &str =
    "/// A value this version of the crate does not document, kept as received.";

/// The enum itself: printed as text where every line fits (see [`super::printed`]), else built
/// as tokens. An enum for response values (`in_response`) keeps undocumented values (see
/// [`open_enum`]), so it is not `Copy`.
pub(super) fn enum_definition(
    def: &TypeDef,
    values: &[EnumValue],
    default: Option<usize>,
) -> Group {
    enum_definition_text(def, values, default)
        .map(|text| Group::Printed {
            text,
            uses: Vec::new(),
        })
        .unwrap_or_else(|| enum_definition_tokens(def, values, default).into())
}

/// [`enum_definition`] as text.
fn enum_definition_text(
    def: &TypeDef,
    values: &[EnumValue],
    default: Option<usize>,
) -> Option<String> {
    let derive = match (def.in_response, default.is_some()) {
        (false, false) => "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]",
        (false, true) => "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]",
        (true, false) => "#[derive(Debug, Clone, PartialEq, Eq, Hash)]",
        (true, true) => "#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]",
    };
    let mut out = Lines::new();
    out.doc(0, &enum_doc(def, values, default))?;
    out.line(0, &[derive])?;
    out.line(0, &["#[non_exhaustive]"])?;
    out.line(0, &["pub enum ", &def.name, " {"])?;
    for (index, value) in values.iter().enumerate() {
        out.doc(1, &variant_doc(value))?;
        if default == Some(index) {
            out.line(1, &["#[default]"])?;
        }
        out.line(1, &[&value.variant, ","])?;
    }
    if def.in_response {
        out.line(1, &[UNKNOWN_VARIANT_DOC])?;
        out.line(1, &[UNKNOWN_VARIANT, "(String),"])?;
    }
    out.line(0, &["}"])?;
    Some(out.into_text())
}

/// [`enum_definition`] as tokens.
pub(super) fn enum_definition_tokens(
    def: &TypeDef,
    values: &[EnumValue],
    default: Option<usize>,
) -> TokenStream {
    let name = ident(&def.name);
    let doc = enum_doc(def, values, default).outer();
    // Derived rather than written out: clippy's `derivable_impls` refuses the manual impl.
    let derive_default = default.is_some().then(|| quote!(Default,));
    let variants = values.iter().enumerate().map(|(index, value)| {
        let variant = ident(&value.variant);
        let doc = variant_doc(value).outer();
        let is_default = (default == Some(index)).then(|| quote!(#[default]));
        quote!(#doc #is_default #variant)
    });
    if def.in_response {
        let unknown = ident(UNKNOWN_VARIANT);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
                /// A value this version of the crate does not document, kept as received.
                #unknown(String),
            }
        }
    } else {
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, #derive_default)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
            }
        }
    }
}

/// An enum's impls ([`enum_common`] and those of [`closed_enum`] or [`open_enum`]): written as
/// text where every line fits (see [`super::printed`]), else built as tokens.
pub(super) fn enum_impls(def: &TypeDef, values: &[EnumValue]) -> Group {
    let Some(text) = enum_impls_text(def, values) else {
        return enum_impls_tokens(def, values).into();
    };
    let mut uses = vec!["Serialize", "Deserialize", "json"];
    if def.sent_as_text {
        uses.push("WireValue");
    }
    if def.in_response {
        uses.extend(["Validate", "FieldPath", "Violation", "validate"]);
    } else {
        uses.push("UnknownValue");
    }
    Group::Printed {
        text,
        uses: uses.into_iter().map(str::to_owned).collect(),
    }
}

/// [`enum_impls`] as tokens.
pub(super) fn enum_impls_tokens(def: &TypeDef, values: &[EnumValue]) -> TokenStream {
    if def.in_response {
        open_enum(def, values)
    } else {
        closed_enum(def, values)
    }
}

/// [`enum_impls`] as text: `None` where a line would not fit, or for an enum without values
/// (left to the tokens).
fn enum_impls_text(def: &TypeDef, values: &[EnumValue]) -> Option<String> {
    if values.is_empty() {
        return None;
    }
    let name = def.name.as_str();
    let wires: Vec<String> = values
        .iter()
        .map(|value| printed::string_literal(&value.wire))
        .collect();
    let mut out = Lines::new();
    out.line(0, &["impl ", name, " {"])?;
    out.line(1, &["/// Every documented value, in the page's order."])?;
    out.array_statement(
        1,
        "pub const VALUES: &'static [&'static str] = &[",
        &wires,
        "];",
    )?;
    out.line(1, &["/// The value as sent on the wire."])?;
    out.line(1, &["pub fn as_str(&self) -> &str {"])?;
    out.line(2, &["match self {"])?;
    for (value, wire) in values.iter().zip(&wires) {
        out.line(3, &["Self::", &value.variant, " => ", wire, ","])?;
    }
    if def.in_response {
        out.line(3, &["Self::", UNKNOWN_VARIANT, "(value) => value,"])?;
    }
    out.line(2, &["}"])?;
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    out.line(0, &["impl Serialize for ", name, " {"])?;
    out.line(
        1,
        &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"],
    )?;
    out.line(2, &["serializer.serialize_str(self.as_str())"])?;
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    if def.sent_as_text {
        out.line(0, &["impl WireValue for ", name, " {"])?;
        out.line(1, &["fn wire_text(&self) -> std::borrow::Cow<'_, str> {"])?;
        out.line(2, &["std::borrow::Cow::Borrowed(self.as_str())"])?;
        out.line(1, &["}"])?;
        out.line(0, &["}"])?;
    }
    if !def.in_response {
        out.line(0, &["impl std::str::FromStr for ", name, " {"])?;
        out.line(1, &["type Err = UnknownValue;"])?;
        out.line(
            1,
            &["fn from_str(value: &str) -> Result<Self, UnknownValue> {"],
        )?;
        out.line(2, &["match value {"])?;
        for (value, wire) in values.iter().zip(&wires) {
            out.line(3, &[wire, " => Ok(Self::", &value.variant, "),"])?;
        }
        for line in [
            "_ => {",
            "    Err(UnknownValue {",
            "        value: value.to_owned(),",
            "        allowed: Self::VALUES,",
            "    })",
            "}",
        ] {
            out.line(3, &[line])?;
        }
        out.line(2, &["}"])?;
        out.line(1, &["}"])?;
        out.line(0, &["}"])?;
    }
    out.line(0, &["impl<'de> Deserialize<'de> for ", name, " {"])?;
    // Always past the margin, so always broken the same way.
    out.line(1, &["fn deserialize<D: serde::Deserializer<'de>>("])?;
    out.line(2, &["deserializer: D,"])?;
    out.line(1, &[") -> Result<Self, D::Error> {"])?;
    if def.in_response {
        out.line(2, &["json::open("])?;
        out.line(3, &["deserializer,"])?;
        out.line(3, &["|value| match value {"])?;
        for (value, wire) in values.iter().zip(&wires) {
            out.line(4, &[wire, " => Self::", &value.variant, ","])?;
        }
        out.line(4, &["_ => Self::", UNKNOWN_VARIANT, "(value.to_owned()),"])?;
        out.line(3, &["},"])?;
        out.line(2, &[")"])?;
    } else {
        out.line(2, &["json::parsed(deserializer)"])?;
    }
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    if def.in_response {
        out.line(0, &["impl Validate for ", name, " {"])?;
        out.line(
            1,
            &["fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {"],
        )?;
        out.line(2, &["if let Self::", UNKNOWN_VARIANT, "(value) = self {"])?;
        out.line(
            3,
            &["validate::undocumented_value(out, path, value, Self::VALUES);"],
        )?;
        out.line(2, &["}"])?;
        out.line(1, &["}"])?;
        out.line(0, &["}"])?;
    }
    Some(out.into_text())
}

/// The `VALUES` constant, `as_str`, `Serialize` and, for a parameter's enum, `WireValue` (how
/// it is sent), shared by open and closed enums.
fn enum_common(def: &TypeDef, values: &[EnumValue], unknown: bool) -> TokenStream {
    let name = ident(&def.name);
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let unknown_arm = unknown.then(|| {
        let unknown = ident(UNKNOWN_VARIANT);
        quote!(Self::#unknown(value) => value,)
    });
    // Only a parameter's enum is sent as text; the impl is left out of the others.
    let wire_value = def.sent_as_text.then(|| {
        quote! {
            impl WireValue for #name {
                fn wire_text(&self) -> std::borrow::Cow<'_, str> {
                    std::borrow::Cow::Borrowed(self.as_str())
                }
            }
        }
    });
    quote! {
        impl #name {
            /// Every documented value, in the page's order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    #unknown_arm
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #wire_value
    }
}

/// An enum for request values: only documented values can be expressed or decoded.
///
/// ```text
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// pub enum CollectDbObjectsInfoType { Source, ... }
/// impl FromStr (documented values only); impl Deserialize through FromStr
/// ```
fn closed_enum(def: &TypeDef, values: &[EnumValue]) -> TokenStream {
    let name = ident(&def.name);
    let common = enum_common(def, values, false);
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    let variant_names: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    quote! {
        #common

        impl std::str::FromStr for #name {
            type Err = UnknownValue;

            fn from_str(value: &str) -> Result<Self, UnknownValue> {
                match value {
                    #(#wires => Ok(Self::#variant_names),)*
                    _ => Err(UnknownValue { value: value.to_owned(), allowed: Self::VALUES }),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                json::parsed(deserializer)
            }
        }
    }
}

/// An enum for response values: a value this version does not document is kept in
/// `Unknown(String)` instead of failing the whole response, and `validate()` reports it.
///
/// ```text
/// pub enum CollectDbObjectsInfoStatus { Pending, Failed, Success, Unknown(String) }
/// impl Serialize / Deserialize via as_str and a match on the wire value (json::open: only an
/// unknown value allocates)
/// ```
fn open_enum(def: &TypeDef, values: &[EnumValue]) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants: Vec<_> = values.iter().map(|v| ident(&v.variant)).collect();
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    let common = enum_common(def, values, true);
    quote! {
        #common

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                json::open(deserializer, |value| match value {
                    #(#wires => Self::#variants,)*
                    _ => Self::#unknown(value.to_owned()),
                })
            }
        }

        impl Validate for #name {
            fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
                if let Self::#unknown(value) = self {
                    validate::undocumented_value(out, path, value, Self::VALUES);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{enum_impls, enum_impls_tokens};
    use crate::emit::format::Group;
    use crate::model::{EnumValue, TypeDef, TypeKind};

    /// The names a group's `use` lines can come from: what the import pass looks for.
    fn importable(names: impl IntoIterator<Item = String>) -> BTreeSet<String> {
        names
            .into_iter()
            .filter(|name| {
                crate::runtime_items::imported().any(|item| item == name)
                    || crate::runtime_items::SERDE_IMPORTS.contains(&name.as_str())
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Where an enum's impls are written as text, they are prettyplease's text of the
        /// tokens, byte for byte, and name the runtime and serde items the tokens use.
        #[test]
        fn enum_impls_print_as_prettyplease_prints_them(
            name in "T[A-Za-z0-9]{0,60}",
            values in prop::collection::vec(
                ("[a-z\"\\\\é\u{2028} -]{0,40}", "V[A-Za-z0-9]{0,60}"),
                1..24,
            ),
            in_response in any::<bool>(),
            sent_as_text in any::<bool>(),
        ) {
            let values: Vec<EnumValue> = values
                .into_iter()
                .enumerate()
                .map(|(index, (wire, variant))| EnumValue {
                    wire,
                    variant: format!("{variant}{index}"),
                    doc: None,
                })
                .collect();
            let def = TypeDef {
                name,
                doc: None,
                kind: TypeKind::Enum { values: values.clone(), default: None },
                in_response,
                needs_validation: in_response,
                sent_as_text,
                plain_error_body: false,
            };
            if let Group::Printed { text, uses } = enum_impls(&def, &values) {
                let tokens = enum_impls_tokens(&def, &values);
                let file = super::super::parse_file(tokens, "test").unwrap();
                let mut used = BTreeSet::new();
                super::super::imports::collect_used_names(&file, &mut used);
                prop_assert_eq!(importable(uses), importable(used));
                // As the module formatter prints a group (blank lines come later, for all).
                prop_assert_eq!(text, prettyplease::unparse(&file));
            }
        }
    }
}
