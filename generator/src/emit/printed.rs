//! The most repeated items written straight as text, exactly as prettyplease prints them.
//!
//! Every struct has a definition with a doc per field, a constructor and a setter per optional
//! field, a `Serialize`, a `Deserialize` and a `Validate` impl, and every operation an
//! `Operation` impl: most
//! of a generated crate's lines. Built as tokens, each goes through `quote`, syn and
//! prettyplease, the bulk of a generation run. Their shapes are fixed, so their emitters (here,
//! and beside the token versions in `checks.rs`, `operation.rs` and `types.rs`) write them with
//! [`Lines`] as prettyplease lays them out: a line stays whole up to its margin of 89 columns, a
//! call past it gets an argument per line, a method call first continues on the next line, a
//! struct literal stays on one line up to 35 columns, a comment is never broken. Where a line
//! would still be too long (a long name, a long parameter list), the caller builds the tokens as
//! before. The tests compare both ways on random members and on every item of the repository's
//! specs, with names of every length around those widths; a prettyplease that laid them out
//! otherwise would fail them.

use proc_macro2::Literal;

use super::doc_splice::{prints_as_doc_line, write_doc_line};
use super::docs::Doc;

use crate::model::TypeRef;

/// prettyplease's margin: the longest line it leaves whole.
pub(super) const WIDTH: usize = 89;

/// The widest struct literal prettyplease leaves on one line (its `end_with_max_width(34)`,
/// measured before the closing brace).
const STRUCT_LITERAL_WIDTH: usize = 35;

/// One level of indentation, as prettyplease indents.
pub(super) const INDENT: &str = "    ";

/// A field of a generated struct, for the constructor and setters.
pub struct Member<'a> {
    /// Field name.
    pub name: &'a str,
    /// Field type without `Option`.
    pub ty: &'a TypeRef,
    /// Set by the constructor rather than by a setter.
    pub required: bool,
}

impl Member<'_> {
    /// The value is a `String`: accept anything `Into<String>`.
    pub fn is_string(&self) -> bool {
        *self.ty == TypeRef::String
    }
}

/// The Rust type for `ty` as prettyplease prints [`super::rust::type_tokens`].
pub fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", type_text(&item.ty)),
        TypeRef::Map(value) => {
            format!(
                "std::collections::BTreeMap<String, {}>",
                type_text(&value.ty)
            )
        }
        TypeRef::Bytes => "Vec<u8>".to_owned(),
        TypeRef::Named(name) => name.clone(),
    }
}

/// Text built a line at a time, refused as soon as a line is longer than prettyplease leaves
/// whole.
pub(super) struct Lines {
    text: String,
}

impl Lines {
    pub(super) fn new() -> Self {
        Lines {
            text: String::with_capacity(1024),
        }
    }

    /// Adds a line at `depth` levels of indentation; `None` when it is too long.
    pub(super) fn line(&mut self, depth: usize, parts: &[&str]) -> Option<()> {
        if width(depth, parts) > WIDTH {
            return None;
        }
        for _ in 0..depth {
            self.text.push_str(INDENT);
        }
        for part in parts {
            self.text.push_str(part);
        }
        self.text.push('\n');
        Some(())
    }

    /// Adds the statement `receiver` + `call` (`request` + `.path("/v1/");`): on one line if it
    /// fits, else, as prettyplease breaks a method call, the call on the next line one level
    /// deeper; `None` when that does not fit either.
    pub(super) fn method_call(
        &mut self,
        depth: usize,
        receiver: &str,
        call: &[&str],
    ) -> Option<()> {
        let whole_width = receiver.len() + width(depth, call);
        if whole_width <= WIDTH {
            let mut whole = Vec::with_capacity(call.len() + 1);
            whole.push(receiver);
            whole.extend_from_slice(call);
            return self.line(depth, &whole);
        }
        if width(depth + 1, call) > WIDTH {
            return None;
        }
        self.line(depth, &[receiver])?;
        self.line(depth + 1, call)
    }

    /// Adds the `use` line of `names` from `path` at `depth`: `use {path}::{name};` for one
    /// name (prettyplease drops the braces, and never breaks a `use` of one path, however
    /// long), else [`Lines::use_group`].
    pub(super) fn use_names(&mut self, depth: usize, path: &str, names: &[&str]) -> Option<()> {
        match names {
            [one] => {
                let indent = INDENT.repeat(depth);
                self.push_text(&format!("{indent}use {path}::{one};\n"));
                Some(())
            }
            names => self.use_group(depth, path, names),
        }
    }

    /// Adds `use {path}::{{names}};` (two names or more): on one line if it fits, else as
    /// prettyplease breaks a `use` group, `{` ending the first line, the names filled one level
    /// deeper and `};` on a line of its own. Filling, a name moves to the next line when it
    /// and its comma would pass the margin, the last name when it alone would (prettyplease's
    /// trailing comma is a break of its own, not measured with the name); `None` when a line
    /// would still be too long.
    pub(super) fn use_group(&mut self, depth: usize, path: &str, names: &[&str]) -> Option<()> {
        let joined = names.join(", ");
        let whole = ["use ", path, "::{", &joined, "};"];
        if width(depth, &whole) <= WIDTH {
            return self.line(depth, &whole);
        }
        self.line(depth, &["use ", path, "::{"])?;
        let mut filled = String::new();
        for (index, name) in names.iter().enumerate() {
            if !filled.is_empty() {
                let comma = usize::from(index + 1 < names.len());
                if width(depth + 1, &[&filled, " ", name]) + comma > WIDTH {
                    self.line(depth + 1, &[&filled])?;
                    filled.clear();
                } else {
                    filled.push(' ');
                }
            }
            filled.push_str(name);
            filled.push(',');
        }
        self.line(depth + 1, &[&filled])?;
        self.line(depth, &["};"])
    }

    /// Adds the statement `function(args)tail` (`validate::length(out, .., None);`): on one line
    /// if it fits, else, as prettyplease breaks a call, an argument per line one level deeper;
    /// `None` when an argument does not fit either.
    pub(super) fn call(
        &mut self,
        depth: usize,
        function: &str,
        args: &[&str],
        tail: &str,
    ) -> Option<()> {
        let joined = args.join(", ");
        if width(depth, &[function, "(", &joined, ")", tail]) <= WIDTH {
            return self.line(depth, &[function, "(", &joined, ")", tail]);
        }
        if args.iter().any(|arg| width(depth + 1, &[arg, ","]) > WIDTH) {
            return None;
        }
        self.line(depth, &[function, "("])?;
        for arg in args {
            self.line(depth + 1, &[arg, ","])?;
        }
        self.line(depth, &[")", tail])
    }

    /// Adds the statement `before` + the array's `elements` + `after` (`let a = &["x", "y"];`,
    /// `before` ending with the array's opening): on one line if it fits, else, as
    /// prettyplease breaks an array, an element per line one level deeper.
    pub(super) fn array_statement(
        &mut self,
        depth: usize,
        before: &str,
        elements: &[String],
        after: &str,
    ) -> Option<()> {
        let joined = elements.join(", ");
        if width(depth, &[before, &joined, after]) <= WIDTH {
            return self.line(depth, &[before, &joined, after]);
        }
        self.line(depth, &[before])?;
        for element in elements {
            self.line(depth + 1, &[element, ","])?;
        }
        self.line(depth, &[after])
    }

    /// Adds the argument `whole` (an array or a tuple) of a call broken an argument per line:
    /// whole if it fits, else as prettyplease breaks a list, its opening, an element per line
    /// one level deeper and its closing (`brackets`); `None` when an element does not fit.
    /// prettyplease measures the `last` argument without its trailing comma.
    pub(super) fn list_argument(
        &mut self,
        depth: usize,
        (whole, last): (&str, bool),
        (open, close): (&str, &str),
        elements: &[String],
    ) -> Option<()> {
        let measured = if last {
            width(depth, &[whole])
        } else {
            width(depth, &[whole, ","])
        };
        if measured <= WIDTH {
            return self.line(depth, &[whole, ","]);
        }
        self.line(depth, &[open])?;
        for element in elements {
            self.line(depth + 1, &[element, ","])?;
        }
        self.line(depth, &[close])
    }

    /// Adds `doc` as `///` lines, as prettyplease prints one-line doc attributes (however long:
    /// it never breaks a comment; see [`write_doc_line`]); `None` for a line it would print
    /// otherwise.
    pub(super) fn doc(&mut self, depth: usize, doc: &Doc) -> Option<()> {
        let lines = doc.rendered();
        if !lines.iter().all(|line| prints_as_doc_line(line, false)) {
            return None;
        }
        let indent = INDENT.repeat(depth);
        for line in &lines {
            write_doc_line(&mut self.text, &indent, false, line);
        }
        Some(())
    }

    /// Adds `before` + `Self { fields }` + `after` (`Ok(Self { a, b: None })`): on one line
    /// when prettyplease keeps the literal on one, else a field per line.
    pub(super) fn struct_literal(
        &mut self,
        depth: usize,
        before: &str,
        fields: &[String],
        after: &str,
    ) -> Option<()> {
        if struct_literal_on_one_line(fields) {
            return self.line(depth, &[before, "Self { ", &fields.join(", "), " }", after]);
        }
        self.line(depth, &[before, "Self {"])?;
        for field in fields {
            self.line(depth + 1, &[field, ","])?;
        }
        self.line(depth, &["}", after])
    }

    /// Appends lines written by another `Lines`.
    pub(super) fn push_text(&mut self, lines: &str) {
        self.text.push_str(lines);
    }

    /// [`Lines::method_call`] on the `RequestBuilder` the `Operation` impls name `request`.
    pub(super) fn request(&mut self, depth: usize, call: &[&str]) -> Option<()> {
        self.method_call(depth, "request", call)
    }

    /// The text written.
    pub(super) fn into_text(self) -> String {
        self.text
    }
}

/// A string literal as `quote` writes it (and prettyplease prints it).
pub(super) fn string_literal(text: &str) -> String {
    Literal::string(text).to_string()
}

/// Whether prettyplease prints `Self { a, b: None }` with these fields on one line.
fn struct_literal_on_one_line(fields: &[String]) -> bool {
    let width = "Self {  }".len() + fields.iter().map(|f| f.len() + 2).sum::<usize>() - 2;
    width <= STRUCT_LITERAL_WIDTH
}

/// The columns a line of `parts` at `depth` levels of indentation takes.
pub(super) fn width(depth: usize, parts: &[&str]) -> usize {
    depth * INDENT.len() + parts.iter().map(|p| p.len()).sum::<usize>()
}

/// [`super::rust::builders`] as text, or `None` where a line would be too long or the shape is
/// one written only as tokens (no fields at all).
pub fn constructor_and_setters(type_name: &str, members: &[Member]) -> Option<String> {
    if members.is_empty() {
        return None;
    }
    let required: Vec<&Member> = members.iter().filter(|m| m.required).collect();
    let arguments: Vec<String> = required
        .iter()
        .map(|m| {
            if m.is_string() {
                format!("{}: impl Into<String>", m.name)
            } else {
                format!("{}: {}", m.name, type_text(m.ty))
            }
        })
        .collect();
    let mut out = Lines::new();
    out.line(0, &["impl ", type_name, " {"])?;
    let new_doc = if required.is_empty() {
        "/// Creates a value with every field unset."
    } else {
        "/// Creates a value from the required fields; optional fields start unset."
    };
    out.line(1, &[new_doc])?;
    if required.len() > 7 {
        out.line(1, &["#[allow(clippy::too_many_arguments)]"])?;
    }
    let signature = ["pub fn new(", &arguments.join(", "), ") -> Self {"];
    if width(1, &signature) <= WIDTH {
        out.line(1, &signature)?;
    } else {
        // Past the margin, prettyplease puts each parameter on a line of its own.
        out.line(1, &["pub fn new("])?;
        for argument in &arguments {
            out.line(2, &[argument, ","])?;
        }
        out.line(1, &[") -> Self {"])?;
    }
    let initializers: Vec<String> = members
        .iter()
        .map(|m| match (m.required, m.is_string()) {
            (true, true) => format!("{}: {}.into()", m.name, m.name),
            (true, false) => m.name.to_owned(),
            (false, _) => format!("{}: None", m.name),
        })
        .collect();
    out.struct_literal(2, "", &initializers, "")?;
    out.line(1, &["}"])?;
    for m in members.iter().filter(|m| !m.required) {
        out.line(1, &["/// Sets [`", m.name, "`](Self::", m.name, ")."])?;
        if m.is_string() {
            out.line(
                1,
                &[
                    "pub fn ",
                    m.name,
                    "(mut self, value: impl Into<String>) -> Self {",
                ],
            )?;
            out.line(2, &["self.", m.name, " = Some(value.into());"])?;
        } else {
            let ty = type_text(m.ty);
            out.line(
                1,
                &["pub fn ", m.name, "(mut self, value: ", &ty, ") -> Self {"],
            )?;
            out.line(2, &["self.", m.name, " = Some(value);"])?;
        }
        out.line(2, &["self"])?;
        out.line(1, &["}"])?;
    }
    out.line(0, &["}"])?;
    if required.is_empty() {
        out.line(0, &[])?;
        out.line(0, &["impl Default for ", type_name, " {"])?;
        out.line(1, &["fn default() -> Self {"])?;
        out.line(2, &["Self::new()"])?;
        out.line(1, &["}"])?;
        out.line(0, &["}"])?;
    }
    Some(out.text)
}

/// A field of a struct definition written as text.
pub struct FieldText<'a> {
    pub doc: &'a Doc,
    pub name: &'a str,
    /// Its type as printed (`Option<String>`).
    pub ty: String,
}

/// `pub struct` `name` with its docs and attributes (`attributes`, each as printed) and its
/// fields, as prettyplease prints it; `None` where a line would not fit, a doc line would not
/// be printed as a `///` line, or there are no fields (`{}`).
pub fn struct_definition(
    doc: &Doc,
    attributes: &[&str],
    name: &str,
    fields: &[FieldText],
) -> Option<String> {
    if fields.is_empty() {
        return None;
    }
    let mut out = Lines::new();
    out.doc(0, doc)?;
    for attribute in attributes {
        out.line(0, &[attribute])?;
    }
    out.line(0, &["pub struct ", name, " {"])?;
    for field in fields {
        out.doc(1, field.doc)?;
        out.line(1, &["pub ", field.name, ": ", &field.ty, ","])?;
    }
    out.line(0, &["}"])?;
    Some(out.into_text())
}

/// A field read by a `Deserialize` impl.
pub struct WireField<'a> {
    /// Field name (and the name of its slot).
    pub name: &'a str,
    /// Its name in JSON.
    pub wire: &'a str,
    /// Absent is an error.
    pub required: bool,
    /// Filled from a response header, not read from JSON.
    pub from_header: bool,
}

impl<'a> WireField<'a> {
    /// The wire facts of a model field.
    pub fn of(field: &'a crate::model::Field) -> Self {
        WireField {
            name: &field.rust_name,
            wire: &field.wire_name,
            required: field.required,
            from_header: field.from_header,
        }
    }
}

/// [`super::types`]'s `Deserialize` impl as text, for a struct whose wire fields fit in one
/// tuple of slots (at most `slots_per_tuple`); `None` where a line would be too long or the
/// shape is one written only as tokens (no wire fields, nested slots).
pub fn struct_deserialize(
    type_name: &str,
    fields: &[WireField],
    slots_per_tuple: usize,
) -> Option<String> {
    let wire: Vec<&WireField> = fields.iter().filter(|f| !f.from_header).collect();
    if wire.is_empty() || wire.len() > slots_per_tuple {
        return None;
    }
    let slots = if wire.len() == 1 {
        format!("({},)", wire[0].name)
    } else {
        let names: Vec<&str> = wire.iter().map(|f| f.name).collect();
        format!("({})", names.join(", "))
    };
    let wire_names: Vec<String> = wire.iter().map(|f| string_literal(f.wire)).collect();
    let names = wire_names.join(", ");
    let mut out = Lines::new();
    out.line(0, &["impl<'de> Deserialize<'de> for ", type_name, " {"])?;
    // Always past the margin, so always broken the same way.
    out.line(1, &["fn deserialize<D: serde::Deserializer<'de>>("])?;
    out.line(2, &["deserializer: D,"])?;
    out.line(1, &[") -> Result<Self, D::Error> {"])?;
    let call = [
        "let ",
        &slots,
        " = json::fields(deserializer, &[",
        &names,
        "])?;",
    ];
    if width(2, &call) <= WIDTH {
        out.line(2, &call)?;
    } else {
        // Past the margin, prettyplease puts each argument on a line of its own.
        out.line(2, &["let ", &slots, " = json::fields("])?;
        out.line(3, &["deserializer,"])?;
        out.line(3, &["&[", &names, "],"])?;
        out.line(2, &[")?;"])?;
    }
    let mut wire_names = wire_names.iter();
    let initializers: Vec<String> = fields
        .iter()
        .map(|field| {
            let name = field.name;
            if field.from_header {
                return format!("{name}: None");
            }
            let wire = wire_names.next().expect("one wire name per wire field");
            if field.required {
                format!("{name}: json::required({name}, {wire})?")
            } else {
                format!("{name}: json::optional({name})")
            }
        })
        .collect();
    out.struct_literal(2, "Ok(", &initializers, ")")?;
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    Some(out.text)
}

/// [`super::types`]'s `Serialize` impl as text, for a struct whose wire fields fit in one
/// tuple (at most `slots_per_tuple`); `None` where a line would be too long or the shape is one
/// written only as tokens (no wire fields, nested tuples).
pub fn struct_serialize(
    type_name: &str,
    fields: &[WireField],
    slots_per_tuple: usize,
) -> Option<String> {
    let wire: Vec<&WireField> = fields.iter().filter(|f| !f.from_header).collect();
    if wire.is_empty() || wire.len() > slots_per_tuple {
        return None;
    }
    let names: Vec<String> = wire.iter().map(|f| string_literal(f.wire)).collect();
    let values: Vec<String> = wire
        .iter()
        .map(|f| {
            if f.required {
                format!("Some(&self.{})", f.name)
            } else {
                format!("self.{}.as_ref()", f.name)
            }
        })
        .collect();
    let names_arg = format!("&[{}]", names.join(", "));
    let values_arg = if values.len() == 1 {
        format!("({},)", values[0])
    } else {
        format!("({})", values.join(", "))
    };
    let type_arg = string_literal(type_name);
    let mut out = Lines::new();
    out.line(0, &["impl Serialize for ", type_name, " {"])?;
    out.line(
        1,
        &["fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {"],
    )?;
    let args = ["serializer", &type_arg, &names_arg, &values_arg];
    let call = ["json::write_fields(", &args.join(", "), ")"];
    if width(2, &call) <= WIDTH {
        out.line(2, &call)?;
    } else {
        out.line(2, &["json::write_fields("])?;
        out.line(3, &["serializer,"])?;
        out.line(3, &[&type_arg, ","])?;
        out.list_argument(3, (&names_arg, false), ("&[", "],"), &names)?;
        out.list_argument(3, (&values_arg, true), ("(", "),"), &values)?;
        out.line(2, &[")"])?;
    }
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    Some(out.into_text())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::format_rust;
    use super::super::rust::constructor_and_setters_tokens;
    use super::super::types::{struct_deserialize_tokens, struct_serialize_tokens};
    use super::{
        Lines, Member, WIDTH, WireField, constructor_and_setters, struct_deserialize,
        struct_serialize,
    };
    use crate::model::{Constraints, Field, Shape, TypeRef};

    /// prettyplease's text of `tokens` as a file (without the generated-file header).
    fn prettyplease(tokens: proc_macro2::TokenStream) -> String {
        let file = format_rust(tokens, "test").unwrap();
        file.split_once('\n').unwrap().1.to_owned()
    }

    /// Identifiers of every length around prettyplease's thresholds.
    fn name() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9_]{0,30}".prop_map(|name| format!("x{name}"))
    }

    fn type_name() -> impl Strategy<Value = String> {
        "T[A-Za-z0-9]{0,40}"
    }

    fn type_ref() -> impl Strategy<Value = TypeRef> {
        let leaf = prop_oneof![
            Just(TypeRef::String),
            Just(TypeRef::I64),
            Just(TypeRef::Bool),
            Just(TypeRef::Json),
            type_name().prop_map(TypeRef::Named),
        ];
        leaf.prop_recursive(2, 4, 1, |inner| {
            let shape = |ty| Shape {
                ty,
                constraints: Constraints::default(),
            };
            prop_oneof![
                inner
                    .clone()
                    .prop_map(move |ty| TypeRef::Array(Box::new(shape(ty)))),
                inner.prop_map(move |ty| TypeRef::Map(Box::new(shape(ty)))),
            ]
        })
    }

    /// Field names are distinct within a struct, as the name resolver makes them.
    fn members() -> impl Strategy<Value = Vec<(String, TypeRef, bool)>> {
        prop::collection::vec((name(), type_ref(), any::<bool>()), 1..10).prop_map(|mut m| {
            let mut seen = std::collections::HashSet::new();
            m.retain(|(name, _, _)| seen.insert(name.clone()));
            m
        })
    }

    fn fields(members: &[(String, TypeRef, bool)], wire: &[String], headers: u8) -> Vec<Field> {
        members
            .iter()
            .zip(wire.iter().cycle())
            .enumerate()
            .map(|(index, ((name, ty, required), wire))| Field {
                rust_name: name.clone(),
                wire_name: format!("{wire}{index}"),
                doc: None,
                shape: Shape {
                    ty: ty.clone(),
                    constraints: Constraints::default(),
                },
                required: *required,
                default: None,
                from_header: headers & (1 << (index % 8)) != 0,
            })
            .collect()
    }

    #[test]
    fn usual_structs_are_printed_and_long_names_left_to_tokens() {
        let (text, number) = (TypeRef::String, TypeRef::I64);
        let member = |name, ty, required| Member { name, ty, required };
        let usual = [member("name", &text, true), member("size", &number, false)];
        assert!(constructor_and_setters("Volume", &usual).is_some());
        let long = "x".repeat(90);
        assert!(constructor_and_setters("Volume", &[member(&long, &text, false)]).is_none());
        let wire = |name, required| WireField {
            name,
            wire: name,
            required,
            from_header: false,
        };
        assert!(struct_deserialize("Volume", &[wire("name", true)], 8).is_some());
        assert!(struct_deserialize("Volume", &[wire(&long, true)], 8).is_none());
        assert!(struct_serialize("Volume", &[wire("name", true)], 8).is_some());
        assert!(struct_serialize("Volume", &[wire(&long, true)], 8).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Where the text is written here, it is prettyplease's text of the tokens, byte for
        /// byte.
        #[test]
        fn constructors_print_as_prettyplease_prints_them(
            type_name in type_name(),
            members in members(),
        ) {
            let members: Vec<Member> = members
                .iter()
                .map(|(name, ty, required)| Member { name, ty, required: *required })
                .collect();
            if let Some(text) = constructor_and_setters(&type_name, &members) {
                let tokens = constructor_and_setters_tokens(
                    &super::super::rust::ident(&type_name),
                    &members,
                );
                prop_assert_eq!(text, prettyplease(tokens));
            }
        }

        /// A `use` group written here is prettyplease's text of it at that depth, byte for
        /// byte; where none is written, prettyplease's has a line past the margin.
        #[test]
        fn use_groups_print_as_prettyplease_prints_them(
            depth in 0usize..5,
            path in prop::collection::vec(name(), 1..4),
            names in prop::collection::vec(type_name(), 2..9),
        ) {
            let path = path.join("::");
            let mut source = format!("use {path}::{{{}}};", names.join(", "));
            for _ in 0..depth {
                source = format!("mod m {{ {source} }}");
            }
            let printed = prettyplease::unparse(&syn::parse_str(&source).unwrap());
            let lines: Vec<&str> = printed.lines().collect();
            let inner = &lines[depth..lines.len() - depth];
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut out = Lines::new();
            match out.use_group(depth, &path, &names) {
                Some(()) => {
                    let expected: String = inner.iter().map(|line| format!("{line}\n")).collect();
                    prop_assert_eq!(out.into_text(), expected);
                }
                None => prop_assert!(inner.iter().any(|line| line.len() > WIDTH)),
            }
        }

        #[test]
        fn serialize_impls_print_as_prettyplease_prints_them(
            type_name in type_name(),
            members in members(),
            wire in prop::collection::vec("[a-z\"\\\\é\u{2028} ]{0,12}", 1..4),
            headers in any::<u8>(),
        ) {
            let fields = fields(&members, &wire, headers);
            let wire_fields: Vec<WireField> = fields.iter().map(WireField::of).collect();
            let slots = crate::runtime_items::JSON_SLOTS_PER_TUPLE;
            if let Some(text) = struct_serialize(&type_name, &wire_fields, slots) {
                let tokens =
                    struct_serialize_tokens(&super::super::rust::ident(&type_name), &fields);
                prop_assert_eq!(text, prettyplease(tokens));
            }
        }

        #[test]
        fn deserialize_impls_print_as_prettyplease_prints_them(
            type_name in type_name(),
            members in members(),
            wire in prop::collection::vec("[a-z\"\\\\é\u{2028} ]{0,12}", 1..4),
            headers in any::<u8>(),
        ) {
            let fields = fields(&members, &wire, headers);
            let wire_fields: Vec<WireField> = fields.iter().map(WireField::of).collect();
            let slots = crate::runtime_items::JSON_SLOTS_PER_TUPLE;
            if let Some(text) = struct_deserialize(&type_name, &wire_fields, slots) {
                let tokens =
                    struct_deserialize_tokens(&super::super::rust::ident(&type_name), &fields);
                prop_assert_eq!(text, prettyplease(tokens));
            }
        }
    }
}
