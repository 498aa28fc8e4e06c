//! Compact JSON decoding and encoding for generated types.
//!
//! `#[derive(Deserialize)]` expands to a field enum, two visitors and a sequence form per
//! struct: for a crate of a thousand operations that is most of what the compiler works
//! through. A generated struct instead names its wire fields once and hands them to
//! [`fields`], which reads the JSON object in one pass (no intermediate `serde_json::Value`)
//! into a tuple of slots, one `Option` per field in the same order; the struct is then built
//! from the slots with [`required`] and [`optional`]. The visitor lives here, generic over the
//! tuple, so each struct costs the compiler one function of a few lines, and decoding is as
//! direct as the derive's. Enums read their string where it lies in the input: with `FromStr`
//! ([`parsed`]), or, open to values they do not document, with a `match` ([`open`]).
//!
//! Encoding goes the same way: where `#[derive(Serialize)]` writes a length term, a branch and
//! a `?` per field, a generated struct hands [`write_fields`] its wire names and a tuple of
//! `Option<&T>` (`Some` for a required field, `as_ref()` of an optional one), and an unset
//! optional field is left out, as `skip_serializing_if = "Option::is_none"` leaves it out.
//!
//! ```
//! use huaweicloud_sdk_core::json;
//! use serde::{Deserialize, Deserializer, Serialize, Serializer};
//!
//! struct Volume {
//!     id: String,
//!     size: Option<u64>,
//! }
//!
//! impl<'de> Deserialize<'de> for Volume {
//!     fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
//!         let (id, size) = json::fields(deserializer, &["id", "size"])?;
//!         Ok(Volume { id: json::required(id, "id")?, size: json::optional(size) })
//!     }
//! }
//!
//! impl Serialize for Volume {
//!     fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
//!         json::write_fields(serializer, "Volume", &["id", "size"], (Some(&self.id), self.size.as_ref()))
//!     }
//! }
//!
//! let volume: Volume = serde_json::from_str(r#"{"size": 40, "id": "v1", "other": []}"#).unwrap();
//! assert_eq!((volume.id.as_str(), volume.size), ("v1", Some(40)));
//! let unsized_volume = Volume { size: None, ..volume };
//! assert_eq!(serde_json::to_string(&unsized_volume).unwrap(), r#"{"id":"v1"}"#);
//! let error = serde_json::from_str::<Volume>(r#"{"size": null}"#).err().unwrap();
//! assert!(error.to_string().starts_with("missing field `id`"));
//! ```
//!
//! Semantics, the same as the derive's where it has one: unknown keys are skipped; a missing
//! required field is `missing field `name``; `null` is `None` for an optional field and an
//! error for a required one (unless its type reads `null`, as `serde_json::Value` does); a
//! type error names the field (`field `size`: invalid type: ...`); a key given twice keeps its
//! last value (as a JSON object read into a map does).

use std::fmt::{self, Display};
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// Reads a JSON object into `S`, a tuple with one `Option` slot per name of `names`, in the
/// same order (see the [module docs](self)). A struct of more than [`SLOTS_PER_TUPLE`] fields
/// keeps the rest in a last slot of type [`More`].
pub fn fields<'de, D, S>(deserializer: D, names: &'static [&'static str]) -> Result<S, D::Error>
where
    D: Deserializer<'de>,
    S: Slots<'de>,
{
    if names.len() != S::LEN {
        // Generated code names every slot; this is a generator bug, reported, not a panic.
        return Err(D::Error::custom(format_args!(
            "{} field names for {} slots",
            names.len(),
            S::LEN
        )));
    }
    deserializer.deserialize_map(ObjectVisitor {
        names,
        slots: PhantomData,
    })
}

/// The value of a required field: an error naming it when the object lacked it.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The value of an optional field: `None` when the object lacked it or held `null`.
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// Reads a string and parses it with `FromStr`, as enums of documented values do.
pub fn parsed<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    deserializer.deserialize_str(ParsedVisitor(PhantomData))
}

/// Parses a string where it lies in the input (no `String` allocated per value).
struct ParsedVisitor<T>(PhantomData<T>);

impl<T: FromStr<Err: Display>> Visitor<'_> for ParsedVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}

/// Reads a string and maps it with `from`, as open enums do (a value they do not document is
/// kept, so nothing is refused): where it lies in the input, so only a value `from` keeps
/// allocates.
pub fn open<'de, D, T>(deserializer: D, from: fn(&str) -> T) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_str(OpenVisitor(from))
}

/// Maps a string where it lies in the input.
struct OpenVisitor<T>(fn(&str) -> T);

impl<T> Visitor<'_> for OpenVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
        Ok((self.0)(text))
    }
}

/// How many fields one tuple of [`Slots`] holds; a struct with more nests the rest in a
/// [`More`] after them (`(Option<A>, ..., Option<L>, More<(Option<M>, ...)>)`).
pub const SLOTS_PER_TUPLE: usize = 12;

/// The fields of a struct being read: a tuple of `Option`s, filled by position.
pub trait Slots<'de>: Sized {
    /// How many fields the tuple holds, nested ones included.
    const LEN: usize;
    /// Every slot empty.
    fn empty() -> Self;
    /// Reads the next value of `map` into slot `index` (counted across nested [`More`]s);
    /// `names` are the wire names from this tuple's first slot on, for error messages.
    fn fill<A: MapAccess<'de>>(
        &mut self,
        index: usize,
        names: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// The slots after the first [`SLOTS_PER_TUPLE`] of a struct with more fields.
#[derive(Debug)]
pub struct More<S>(pub S);

impl<'de> Slots<'de> for () {
    const LEN: usize = 0;

    fn empty() -> Self {}

    fn fill<A: MapAccess<'de>>(
        &mut self,
        _: usize,
        _: &'static [&'static str],
        map: &mut A,
    ) -> Result<(), A::Error> {
        map.next_value::<IgnoredAny>().map(drop)
    }
}

/// Reads the next value of `map` as `T`, naming the field in a type error.
fn next_value<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: &mut A,
    name: &str,
) -> Result<T, A::Error> {
    map.next_value()
        .map_err(|error| A::Error::custom(format_args!("field `{name}`: {error}")))
}

/// `Slots` for a tuple of `Option`s of each arity up to [`SLOTS_PER_TUPLE`]; for the largest,
/// also with a trailing [`More`].
macro_rules! slots {
    ($len:literal; $($T:ident $index:tt),+) => {
        impl<'de, $($T: Deserialize<'de>),+> Slots<'de> for ($(Option<$T>,)+) {
            const LEN: usize = $len;

            fn empty() -> Self {
                ($(None::<$T>,)+)
            }

            fn fill<A: MapAccess<'de>>(
                &mut self,
                index: usize,
                names: &'static [&'static str],
                map: &mut A,
            ) -> Result<(), A::Error> {
                match index {
                    $($index => self.$index = Some(next_value(map, names[$index])?),)+
                    _ => map.next_value::<IgnoredAny>().map(drop)?,
                }
                Ok(())
            }
        }
    };
    ($len:literal; $($T:ident $index:tt),+; more $more:tt) => {
        slots!($len; $($T $index),+);

        impl<'de, $($T: Deserialize<'de>,)+ Rest: Slots<'de>> Slots<'de>
            for ($(Option<$T>,)+ More<Rest>)
        {
            const LEN: usize = $len + Rest::LEN;

            fn empty() -> Self {
                ($(None::<$T>,)+ More(Rest::empty()))
            }

            fn fill<A: MapAccess<'de>>(
                &mut self,
                index: usize,
                names: &'static [&'static str],
                map: &mut A,
            ) -> Result<(), A::Error> {
                match index {
                    $($index => self.$index = Some(next_value(map, names[$index])?),)+
                    _ => self.$more.0.fill(index - $len, &names[$len..], map)?,
                }
                Ok(())
            }
        }
    };
}

slots!(1; T0 0);
slots!(2; T0 0, T1 1);
slots!(3; T0 0, T1 1, T2 2);
slots!(4; T0 0, T1 1, T2 2, T3 3);
slots!(5; T0 0, T1 1, T2 2, T3 3, T4 4);
slots!(6; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
slots!(7; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
slots!(8; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
slots!(9; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
slots!(10; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
slots!(11; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
slots!(12; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11; more 12);

/// Reads an object key as the position of its name in `names`; `None` for a key the struct
/// does not declare.
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| same_key(name, key)))
    }
}

/// `name == key`, compared here: keys are short, and `==` on strings calls `memcmp` for every
/// name of the same length, which costs more than the comparison.
fn same_key(name: &str, key: &str) -> bool {
    name.len() == key.len() && name.bytes().zip(key.bytes()).all(|(a, b)| a == b)
}

/// Reads a JSON object's entries into the slots of `S`.
struct ObjectVisitor<S> {
    names: &'static [&'static str],
    slots: PhantomData<S>,
}

impl<'de, S: Slots<'de>> Visitor<'de> for ObjectVisitor<S> {
    type Value = S;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S, A::Error> {
        let mut slots = S::empty();
        while let Some(key) = map.next_key_seed(KeySeed(self.names))? {
            match key {
                Some(index) => slots.fill(index, self.names, &mut map)?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(slots)
    }
}

/// Writes a struct as an object: each field of `values` that is `Some`, under the name at the
/// same position of `names`, in order; a `None` is an optional field left unset, skipped as
/// `#[serde(skip_serializing_if = "Option::is_none")]` skips it. `values` is a tuple of
/// `Option<&T>` of up to [`SLOTS_PER_TUPLE`] fields, the rest nested in a last [`More`], as
/// [`fields`] reads them (see the [module docs](self)).
///
/// What `#[derive(Serialize)]` expands to per field (a length term, a branch and a `?` each)
/// is here once, generic over the tuple; the struct's impl is one call.
pub fn write_fields<S, V>(
    serializer: S,
    name: &'static str,
    names: &'static [&'static str],
    values: V,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    V: Values,
{
    if names.len() != V::LEN {
        // Generated code names every value; this is a generator bug, reported, not a panic.
        return Err(ser::Error::custom(format_args!(
            "{} field names for {} values",
            names.len(),
            V::LEN
        )));
    }
    let mut object = serializer.serialize_struct(name, values.present())?;
    values.write(names, &mut object)?;
    object.end()
}

/// The fields of a struct being written: a tuple of `Option<&T>`, one per field.
pub trait Values {
    /// How many fields the tuple holds, nested ones included.
    const LEN: usize;
    /// How many of them are `Some`.
    fn present(&self) -> usize;
    /// Writes each `Some` under its name of `names` (from this tuple's first value on).
    fn write<S: SerializeStruct>(
        &self,
        names: &'static [&'static str],
        object: &mut S,
    ) -> Result<(), S::Error>;
}

impl Values for () {
    const LEN: usize = 0;

    fn present(&self) -> usize {
        0
    }

    fn write<S: SerializeStruct>(
        &self,
        _: &'static [&'static str],
        _: &mut S,
    ) -> Result<(), S::Error> {
        Ok(())
    }
}

/// Writes one field, or skips it when unset.
fn write_value<T: Serialize, S: SerializeStruct>(
    value: Option<&T>,
    name: &'static str,
    object: &mut S,
) -> Result<(), S::Error> {
    match value {
        Some(value) => object.serialize_field(name, value),
        None => object.skip_field(name),
    }
}

/// `Values` for a tuple of `Option<&T>` of each arity up to [`SLOTS_PER_TUPLE`]; for the
/// largest, also with a trailing [`More`].
macro_rules! values {
    ($len:literal; $($T:ident $index:tt),+) => {
        impl<$($T: Serialize),+> Values for ($(Option<&$T>,)+) {
            const LEN: usize = $len;

            fn present(&self) -> usize {
                0 $(+ usize::from(self.$index.is_some()))+
            }

            fn write<S: SerializeStruct>(
                &self,
                names: &'static [&'static str],
                object: &mut S,
            ) -> Result<(), S::Error> {
                $(write_value(self.$index, names[$index], object)?;)+
                Ok(())
            }
        }
    };
    ($len:literal; $($T:ident $index:tt),+; more $more:tt) => {
        values!($len; $($T $index),+);

        impl<$($T: Serialize,)+ Rest: Values> Values for ($(Option<&$T>,)+ More<Rest>) {
            const LEN: usize = $len + Rest::LEN;

            fn present(&self) -> usize {
                0 $(+ usize::from(self.$index.is_some()))+ + self.$more.0.present()
            }

            fn write<S: SerializeStruct>(
                &self,
                names: &'static [&'static str],
                object: &mut S,
            ) -> Result<(), S::Error> {
                $(write_value(self.$index, names[$index], object)?;)+
                self.$more.0.write(&names[$len..], object)
            }
        }
    };
}

values!(1; T0 0);
values!(2; T0 0, T1 1);
values!(3; T0 0, T1 1, T2 2);
values!(4; T0 0, T1 1, T2 2, T3 3);
values!(5; T0 0, T1 1, T2 2, T3 3, T4 4);
values!(6; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
values!(7; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
values!(8; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
values!(9; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
values!(10; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
values!(11; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
values!(12; T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11; more 12);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// Two required fields, one optional, one free-form.
    #[derive(Debug, PartialEq)]
    struct Small {
        id: String,
        size: u32,
        name: Option<String>,
        extra: Option<Value>,
    }

    impl<'de> Deserialize<'de> for Small {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (id, size, name, extra) = fields(deserializer, &["id", "size", "name", "extra"])?;
            Ok(Small {
                id: required(id, "id")?,
                size: required(size, "size")?,
                name: optional(name),
                extra: optional(extra),
            })
        }
    }

    fn small(json: &str) -> Result<Small, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn fields_are_read_in_any_order_and_unknown_keys_skipped() {
        let read = small(r#"{"extra":{"a":[1]},"zzz":[{"x":null}],"size":3,"id":"v"}"#);
        let expected = Small {
            id: "v".into(),
            size: 3,
            name: None,
            extra: Some(json!({"a": [1]})),
        };
        assert_eq!(read.unwrap(), expected);
    }

    #[test]
    fn null_is_none_for_optional_fields_and_an_error_for_required_ones() {
        assert_eq!(
            small(r#"{"id":"v","size":1,"name":null}"#).unwrap().name,
            None
        );
        let error = small(r#"{"id":null,"size":1}"#).unwrap_err();
        assert!(
            error.starts_with("field `id`: invalid type: null"),
            "{error}"
        );
    }

    #[test]
    fn missing_required_fields_and_type_errors_name_the_field() {
        let error = small(r#"{"size":1}"#).unwrap_err();
        assert!(error.starts_with("missing field `id`"), "{error}");
        let error = small(r#"{"id":"v","size":"3"}"#).unwrap_err();
        assert!(
            error.starts_with("field `size`: invalid type: string"),
            "{error}"
        );
        let error = small(r#"[1]"#).unwrap_err();
        assert!(error.contains("expected a JSON object"), "{error}");
    }

    /// An open enum as generated ones are.
    #[derive(Debug, PartialEq)]
    enum Status {
        Pending,
        Unknown(String),
    }

    impl<'de> Deserialize<'de> for Status {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            open(deserializer, |value| match value {
                "pending" => Status::Pending,
                _ => Status::Unknown(value.to_owned()),
            })
        }
    }

    #[test]
    fn open_enums_read_like_a_string_and_keep_unknown_values() {
        let status = |json: &str| serde_json::from_str::<Status>(json).map_err(|e| e.to_string());
        assert_eq!(status(r#""pending""#), Ok(Status::Pending));
        assert_eq!(
            status(r#""queu\u0065d""#),
            Ok(Status::Unknown("queued".into()))
        );
        assert_eq!(
            Status::deserialize(&json!("pending")).unwrap(),
            Status::Pending
        );
        for not_a_string in ["5", "null", "[]", "{}"] {
            let as_string = serde_json::from_str::<String>(not_a_string).map_err(|e| e.to_string());
            assert_eq!(status(not_a_string).unwrap_err(), as_string.unwrap_err());
        }
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value() {
        assert_eq!(small(r#"{"id":"a","size":1,"id":"b"}"#).unwrap().id, "b");
    }

    #[test]
    fn the_same_from_a_json_value() {
        let value = json!({"id": "v", "size": 2, "name": "n"});
        let read = Small::deserialize(&value).unwrap();
        assert_eq!(
            (read.id.as_str(), read.size, read.name.as_deref()),
            ("v", 2, Some("n"))
        );
    }

    /// 27 fields: two full tuples and a nested third.
    struct Wide([Option<u32>; 27]);

    const WIDE: [&str; 27] = [
        "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13",
        "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24", "f25", "f26",
    ];

    impl<'de> Deserialize<'de> for Wide {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (
                f0,
                f1,
                f2,
                f3,
                f4,
                f5,
                f6,
                f7,
                f8,
                f9,
                f10,
                f11,
                More((
                    f12,
                    f13,
                    f14,
                    f15,
                    f16,
                    f17,
                    f18,
                    f19,
                    f20,
                    f21,
                    f22,
                    f23,
                    More((f24, f25, f26)),
                )),
            ) = fields(deserializer, &WIDE)?;
            Ok(Wide([
                f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
                f18, f19, f20, f21, f22, f23, f24, f25, f26,
            ]))
        }
    }

    #[test]
    fn structs_wider_than_one_tuple_nest_the_rest() {
        let object: serde_json::Map<String, Value> = WIDE
            .iter()
            .enumerate()
            .map(|(i, name)| (name.to_string(), json!(i)))
            .collect();
        let read: Wide = serde_json::from_value(Value::Object(object)).unwrap();
        let expected: Vec<Option<u32>> = (0..27).map(Some).collect();
        assert_eq!(read.0.to_vec(), expected);
        let error = serde_json::from_str::<Wide>(r#"{"f26":"x"}"#)
            .err()
            .unwrap();
        assert!(
            error.to_string().starts_with("field `f26`: invalid type"),
            "{error}"
        );
    }

    /// `Small` as `#[derive(Deserialize)]` reads it: the reference for the differential test.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Derived {
        id: String,
        size: u32,
        name: Option<String>,
        extra: Option<Value>,
    }

    /// A random JSON value: any type, so that some fields get a value of the wrong type.
    fn random_value(rng: &mut fastrand::Rng, depth: u32) -> Value {
        match rng.u8(0..if depth > 2 { 5 } else { 7 }) {
            0 => Value::Null,
            1 => json!(rng.bool()),
            2 => json!(rng.u32(..)),
            3 => json!(rng.i64(..)),
            4 => json!(["v", "size", "", "é\u{202e}"][rng.usize(..4)]),
            5 => Value::Array(
                (0..rng.usize(..3))
                    .map(|_| random_value(rng, depth + 1))
                    .collect(),
            ),
            _ => Value::Object(
                (0..rng.usize(..3))
                    .map(|i| (format!("k{i}"), random_value(rng, depth + 1)))
                    .collect(),
            ),
        }
    }

    /// A random object over the struct's keys and unknown ones, each key at most once (the
    /// derive rejects a key given twice, where a map read keeps the last; tested above).
    fn random_object(rng: &mut fastrand::Rng) -> Value {
        let mut object = serde_json::Map::new();
        for key in ["id", "size", "name", "extra", "other", "ID", ""] {
            if rng.u8(..4) == 0 {
                continue;
            }
            let value = match (key, rng.bool()) {
                ("id" | "name", true) => json!(format!("s{}", rng.u16(..))),
                ("size", true) => json!(rng.u32(..)),
                _ => random_value(rng, 0),
            };
            object.insert(key.to_owned(), value);
        }
        Value::Object(object)
    }

    #[test]
    fn decodes_like_the_derive_on_random_objects() {
        let mut rng = fastrand::Rng::with_seed(0x5eed_f1e1d5);
        let (mut accepted, mut rejected) = (0, 0);
        for _ in 0..20_000 {
            let text = random_object(&mut rng).to_string();
            let ours = serde_json::from_str::<Small>(&text);
            let derived = serde_json::from_str::<Derived>(&text);
            match (ours, derived) {
                (Ok(ours), Ok(derived)) => {
                    accepted += 1;
                    let Derived {
                        id,
                        size,
                        name,
                        extra,
                    } = derived;
                    assert_eq!(
                        ours,
                        Small {
                            id,
                            size,
                            name,
                            extra
                        },
                        "{text}"
                    );
                }
                (Err(_), Err(_)) => rejected += 1,
                (ours, derived) => panic!("{text}: ours {ours:?}, derive {derived:?}"),
            }
        }
        // Both outcomes are exercised, or the comparison proves little.
        assert!(
            accepted > 1_000 && rejected > 1_000,
            "{accepted} accepted, {rejected} rejected"
        );
    }

    /// 14 fields, required and optional alternating: a full tuple of values and a nested one.
    #[derive(Clone)]
    struct Written {
        r0: String,
        o1: Option<Value>,
        r2: u32,
        o3: Option<String>,
        r4: Vec<u8>,
        o5: Option<bool>,
        r6: Value,
        o7: Option<u64>,
        r8: String,
        o9: Option<Value>,
        r10: i64,
        o11: Option<String>,
        r12: bool,
        o13: Option<Value>,
    }

    impl Serialize for Written {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_fields(
                serializer,
                "Written",
                &[
                    "r0", "o1", "r2", "o3", "r4", "o5", "r6", "o7", "r8", "o9", "r10", "o11",
                    "r12", "o13",
                ],
                (
                    Some(&self.r0),
                    self.o1.as_ref(),
                    Some(&self.r2),
                    self.o3.as_ref(),
                    Some(&self.r4),
                    self.o5.as_ref(),
                    Some(&self.r6),
                    self.o7.as_ref(),
                    Some(&self.r8),
                    self.o9.as_ref(),
                    Some(&self.r10),
                    self.o11.as_ref(),
                    More((Some(&self.r12), self.o13.as_ref())),
                ),
            )
        }
    }

    /// `Written` as `#[derive(Serialize)]` writes it: the reference.
    #[derive(Serialize)]
    #[serde(rename = "Written")]
    struct WrittenByDerive {
        r0: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        o1: Option<Value>,
        r2: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        o3: Option<String>,
        r4: Vec<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        o5: Option<bool>,
        r6: Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        o7: Option<u64>,
        r8: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        o9: Option<Value>,
        r10: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        o11: Option<String>,
        r12: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        o13: Option<Value>,
    }

    fn random_written(rng: &mut fastrand::Rng) -> Written {
        let mut text = || ["", "v", "é\u{202e}\"\\", "\u{2028}"][rng.usize(..4)].to_owned();
        let (r0, o3, r8, o11) = (text(), text(), text(), text());
        let mut maybe = |value: Value| rng.bool().then_some(value);
        Written {
            r0,
            o1: maybe(json!({"k": [1, null]})),
            r2: rng.u32(..),
            o3: rng.bool().then_some(o3),
            r4: (0..rng.usize(..4)).map(|_| rng.u8(..)).collect(),
            o5: rng.bool().then(|| rng.bool()),
            r6: random_value(rng, 0),
            o7: rng.bool().then(|| rng.u64(..)),
            r8,
            o9: rng.bool().then(|| random_value(rng, 0)),
            r10: rng.i64(..),
            o11: rng.bool().then_some(o11),
            r12: rng.bool(),
            o13: rng.bool().then(|| random_value(rng, 0)),
        }
    }

    #[test]
    fn encodes_like_the_derive_on_random_values() {
        let mut rng = fastrand::Rng::with_seed(0x5eed_0b7ec7);
        for _ in 0..5_000 {
            let ours = random_written(&mut rng);
            let Written {
                r0,
                o1,
                r2,
                o3,
                r4,
                o5,
                r6,
                o7,
                r8,
                o9,
                r10,
                o11,
                r12,
                o13,
            } = ours.clone();
            let derived = WrittenByDerive {
                r0,
                o1,
                r2,
                o3,
                r4,
                o5,
                r6,
                o7,
                r8,
                o9,
                r10,
                o11,
                r12,
                o13,
            };
            assert_eq!(
                serde_json::to_string(&ours).unwrap(),
                serde_json::to_string(&derived).unwrap()
            );
        }
    }

    #[test]
    fn the_length_announced_counts_the_fields_written() {
        let values = (Some(&1), None::<&u8>, Some(&"x"));
        assert_eq!(
            (
                <(Option<&i32>, Option<&u8>, Option<&&str>)>::LEN,
                values.present()
            ),
            (3, 2)
        );
        let nested = (
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            None::<&u8>,
            Some(&1),
            More((Some(&2), None::<&u8>)),
        );
        assert_eq!(nested.present(), 2);
        assert_eq!(().present(), 0);
        assert_eq!(serde_json::to_string(&Empty).unwrap(), "{}");
    }

    struct Empty;

    impl Serialize for Empty {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_fields(serializer, "Empty", &[], ())
        }
    }

    #[test]
    fn names_and_values_of_different_lengths_are_an_error_not_a_panic() {
        struct Mismatched;
        impl Serialize for Mismatched {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                write_fields(serializer, "Mismatched", &["a"], (Some(&1), Some(&2)))
            }
        }
        let error = serde_json::to_string(&Mismatched).unwrap_err().to_string();
        assert_eq!(error, "1 field names for 2 values");
    }

    #[test]
    fn names_and_slots_of_different_lengths_are_an_error_not_a_panic() {
        let result: Result<(Option<u8>, Option<u8>), _> = fields(&json!({"a": 1}), &["a"]);
        let error = result.unwrap_err().to_string();
        assert_eq!(error, "1 field names for 2 slots");
    }
}
