//! Decoding a JSON object into a typed value while keeping a few of its top-level members.
//!
//! An error answer is read for two things: the operation's typed error body, and the members
//! that say which error shape it is in ([`crate::response`]). Reading the bytes once for each
//! nearly doubled what decoding an error answer costs, so [`decode`] does both in one pass: it
//! hands the typed body's `Deserialize` a deserializer that passes the top-level object through
//! unchanged, except that the value of a member asked for is read first, kept, and the typed
//! body is fed from it. A string without escapes (the usual code or message) is kept as a slice
//! of the bytes, so keeping it allocates nothing; any other value is kept as a `Value`.
//! Everything else (nested values, other members) goes straight from the bytes to the typed
//! body, as `serde_json::from_slice` would.
//!
//! The kept members are known to be the object's only when the typed body decoded (so the whole
//! object went through), through a map, with no member given twice (a value the typed body may
//! have borrowed cannot be replaced by a later one); [`decode`] says whether they are, and
//! otherwise the caller reads them on its own.

use std::cell::OnceCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StringDeserializer,
};
use serde::de::{
    Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Error, MapAccess,
    SeqAccess, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// A kept member's value: a string as it is in the bytes, or any other value parsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kept<'de> {
    /// A string without escapes, borrowed from the bytes.
    Str(&'de str),
    /// Any other value (an escaped string among them).
    Json(Value),
}

impl<'de> Kept<'de> {
    /// The value as a `Value` (for tests and the rare shapes that need one).
    #[cfg(test)]
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Kept::Str(text) => Value::String((*text).to_owned()),
            Kept::Json(value) => value.clone(),
        }
    }
}

/// `T` decoded from `bytes`, the values of the top-level members `index` places (at the
/// position it gives for their key) set in `kept` on the way; and whether they are known for
/// certain (see the [module docs](self)). A member the object lacks stays unset.
pub(crate) fn decode<'de, T: DeserializeOwned, const N: usize>(
    bytes: &'de [u8],
    index: fn(&str) -> Option<usize>,
    kept: &'de [OnceCell<Kept<'de>>; N],
) -> (serde_json::Result<T>, bool) {
    // `kept` outlives the deserializer: the typed body is fed from references to the kept
    // values for the deserializer's whole lifetime, which is what a `DeserializeSeed<'de>` asks
    // for. The caller owns it so that nothing is moved after.
    let mut certain = true;
    let mut through_map = false;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let tee = Tee {
        inner: &mut deserializer,
        members: Members {
            index,
            kept,
            certain: &mut certain,
        },
        through_map: &mut through_map,
    };
    let typed = T::deserialize(tee).and_then(|typed| deserializer.end().map(|()| typed));
    let known = typed.is_ok() && through_map && certain;
    (typed, known)
}

/// Where the kept values go, and whether they are still certain.
struct Members<'k, 'de, const N: usize> {
    index: fn(&str) -> Option<usize>,
    kept: &'de [OnceCell<Kept<'de>>; N],
    certain: &'k mut bool,
}

/// The deserializer the typed body is read from: `serde_json`'s, with the top-level object's
/// members looked at on the way.
struct Tee<'k, 'de, D, const N: usize> {
    inner: D,
    members: Members<'k, 'de, N>,
    through_map: &'k mut bool,
}

impl<'k, 'de, D, const N: usize> Tee<'k, 'de, D, N> {
    /// `visitor`, for an object to be read through [`KeepingMap`].
    fn visitor<V>(self, visitor: V) -> (D, TeeVisitor<'k, 'de, V, N>) {
        let tee = TeeVisitor {
            visitor,
            members: self.members,
            through_map: self.through_map,
        };
        (self.inner, tee)
    }
}

/// The `deserialize_*` methods that cannot read an object: straight to `serde_json`.
macro_rules! forward {
    ($($method:ident($($arg:ident: $type:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $type,)* visitor: V) -> Result<V::Value, D::Error> {
                self.inner.$method($($arg,)* visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>, const N: usize> Deserializer<'de> for Tee<'_, 'de, D, N> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, visitor) = self.visitor(visitor);
        inner.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let (inner, visitor) = self.visitor(visitor);
        inner.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let (inner, visitor) = self.visitor(visitor);
        inner.deserialize_struct(name, fields, visitor)
    }

    forward! {
        deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16();
        deserialize_u32(); deserialize_u64(); deserialize_u128(); deserialize_f32();
        deserialize_f64(); deserialize_char(); deserialize_str(); deserialize_string();
        deserialize_bytes(); deserialize_byte_buf(); deserialize_option(); deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The typed body's visitor, handed the top-level object through [`KeepingMap`]; any other
/// JSON goes to it unchanged.
struct TeeVisitor<'k, 'de, V, const N: usize> {
    visitor: V,
    members: Members<'k, 'de, N>,
    through_map: &'k mut bool,
}

/// The `visit_*` methods of values that are no object: straight to the typed body's visitor.
macro_rules! pass {
    ($($method:ident($type:ty);)*) => {
        $(
            fn $method<E: Error>(self, value: $type) -> Result<V::Value, E> {
                self.visitor.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>, const N: usize> Visitor<'de> for TeeVisitor<'_, 'de, V, N> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(formatter)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        *self.through_map = true;
        self.visitor.visit_map(KeepingMap {
            map,
            members: self.members,
            current: None,
        })
    }

    pass! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

/// The top-level object as the typed body reads it: a member asked for is read into a [`Kept`]
/// and kept, and the typed body reads it from there.
struct KeepingMap<'k, 'de, A, const N: usize> {
    map: A,
    members: Members<'k, 'de, N>,
    /// Where the value of the key just read is kept, when it is a member asked for.
    current: Option<usize>,
}

impl<'de, A: MapAccess<'de>, const N: usize> MapAccess<'de> for KeepingMap<'_, 'de, A, N> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.map.next_key_seed(ReadKey)? else {
            return Ok(None);
        };
        self.current = (self.members.index)(key.as_str());
        // The key goes on as `serde_json` gives it: borrowed from the input unless it had to be
        // unescaped.
        match key {
            KeyText::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::new(key)),
            KeyText::Owned(key) => seed.deserialize(StringDeserializer::new(key)),
        }
        .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let Some(index) = self.current.take() else {
            return self.map.next_value_seed(seed);
        };
        let value: Kept<'de> = self.map.next_value()?;
        match self.members.kept.get(index) {
            Some(cell) if cell.get().is_none() => cell.get_or_init(|| value).feed(seed),
            // Given twice: the last value is the member's, but the typed body may have borrowed
            // the first, so it stays, and the members are read again on their own.
            _ => {
                *self.members.certain = false;
                match value {
                    Kept::Str(text) => seed.deserialize(KeptStr::new(text)),
                    Kept::Json(value) => seed.deserialize(value).map_err(A::Error::custom),
                }
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An object key as `serde_json` reads it.
enum KeyText<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl KeyText<'_> {
    fn as_str(&self) -> &str {
        match self {
            KeyText::Borrowed(key) => key,
            KeyText::Owned(key) => key,
        }
    }
}

/// Reads an object key as a [`KeyText`].
struct ReadKey;

impl<'de> DeserializeSeed<'de> for ReadKey {
    type Value = KeyText<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ReadKey {
    type Value = KeyText<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(KeyText::Borrowed(key))
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(KeyText::Owned(key.to_owned()))
    }

    fn visit_string<E: Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(KeyText::Owned(key))
    }
}

impl<'de> Kept<'de> {
    /// Feeds the typed body's `seed` from the kept value, as `serde_json` would from the bytes.
    fn feed<S: DeserializeSeed<'de>, E: Error>(&'de self, seed: S) -> Result<S::Value, E> {
        match self {
            Kept::Str(text) => seed.deserialize(KeptStr::new(text)),
            Kept::Json(value) => seed.deserialize(value).map_err(E::custom),
        }
    }
}

/// Reads a member's value into a [`Kept`]: a string borrowed when `serde_json` can lend it,
/// anything else as the `Value` `serde_json` would build.
impl<'de> Deserialize<'de> for Kept<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeptVisitor)
    }
}

struct KeptVisitor;

impl<'de> Visitor<'de> for KeptVisitor {
    type Value = Kept<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Kept::Str(text))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::String(text.to_owned())))
    }

    fn visit_string<E: Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::String(text)))
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::Bool(value)))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::from(value)))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::from(value)))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<Self::Value, E> {
        // As `Value`'s own visitor: a number JSON cannot hold is `null`.
        Ok(Kept::Json(Value::from(value)))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::Null))
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Kept::Json(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(deserializer).map(Kept::Json)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Kept::Json)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Kept::Json)
    }
}

/// A kept string read as `serde_json` reads a string value: as a string for anything that
/// takes one, `Some` of it for an `Option`, a unit variant's name for an enum.
struct KeptStr<'de, E> {
    text: &'de str,
    error: PhantomData<E>,
}

impl<'de, E> KeptStr<'de, E> {
    fn new(text: &'de str) -> Self {
        KeptStr {
            text,
            error: PhantomData,
        }
    }
}

impl<'de, E: Error> Deserializer<'de> for KeptStr<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_enum(BorrowedStrDeserializer::new(self.text))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde::de::IgnoredAny;
    use serde_json::{Value, json};

    use super::*;

    const KEPT: [&str; 2] = ["code", "message"];

    fn index(key: &str) -> Option<usize> {
        KEPT.iter().position(|name| *name == key)
    }

    /// A struct read the way generated ones are, through `json::fields`.
    #[derive(Debug, PartialEq)]
    struct Generated {
        code: Option<String>,
        count: Option<u32>,
        nested: Option<Value>,
    }

    impl<'de> Deserialize<'de> for Generated {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (code, count, nested) =
                crate::json::fields(deserializer, &["code", "count", "nested"])?;
            Ok(Generated {
                code: crate::json::optional(code),
                count: crate::json::optional(count),
                nested: crate::json::optional(nested),
            })
        }
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Derived {
        code: String,
        #[serde(default)]
        message: Option<Value>,
    }

    /// Kept members read as an enum, a newtype and a number, the other ways a typed body reads
    /// a value.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Shaped {
        #[serde(default)]
        code: Option<Kind>,
        #[serde(default)]
        message: Option<Text>,
        #[serde(default)]
        count: Option<f64>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        C,
        Other(u8),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Text(String);

    const BODIES: [&str; 15] = [
        r#"{"code": "C", "message": "M", "count": 3}"#,
        r#"{"co\u0064e": "escaped key", "nested": {"code": "not kept"}}"#,
        r#"{"message": {"deep": [1, {"x": null}]}, "code": "C", "other": "x"}"#,
        r#"{"code": null, "message": 1.5e3}"#,
        r#"{"code": "first", "code": "last"}"#,
        r#"{"code": 5}"#,
        r#"{"count": -1, "code": "C"}"#,
        r#"{"code": "c", "message": "esc\"aped \u00e9"}"#,
        r#"{}"#,
        r#"[]"#,
        r#""text""#,
        r#"{"code": "C"} trailing"#,
        r#"{"code": "C","#,
        "{\"code\": \"\u{1}\"}",
        r#"<html>"#,
    ];

    /// `decode` with fresh cells; the members, as `Value`s, when known for certain.
    fn tee<T: DeserializeOwned>(
        body: &[u8],
    ) -> (serde_json::Result<T>, Option<[Option<Value>; 2]>) {
        let kept = [const { OnceCell::new() }; 2];
        let (typed, known) = decode::<T, 2>(body, index, &kept);
        let values = kept.each_ref().map(|cell| cell.get().map(Kept::to_value));
        (typed, known.then_some(values))
    }

    /// The typed result is `serde_json::from_slice`'s, whatever the type and body. (An error's
    /// message and category may differ: a kept `Value` reports its own, `{}` as an enum is a
    /// data error there and a syntax error in the bytes; the one caller decodes the bytes again
    /// for `serde_json`'s.)
    fn same_typed<T: DeserializeOwned + PartialEq + fmt::Debug>(body: &str) {
        let (typed, _) = tee::<T>(body.as_bytes());
        let expected = serde_json::from_str::<T>(body);
        assert_eq!(typed.as_ref().ok(), expected.as_ref().ok(), "{body}");
    }

    fn same_typed_for_every_type(body: &str) {
        same_typed::<Value>(body);
        same_typed::<Generated>(body);
        same_typed::<Derived>(body);
        same_typed::<Shaped>(body);
    }

    /// Members reported are the object's (when withheld, the caller reads them on its own).
    fn members_are_the_objects(body: &str) {
        let (typed, members) = tee::<Value>(body.as_bytes());
        let Some(members) = members else {
            return;
        };
        let Ok(Value::Object(object)) = typed else {
            panic!("{body}: members reported for a body that is no object");
        };
        assert_eq!(members, KEPT.map(|key| object.get(key).cloned()), "{body}");
    }

    #[test]
    fn the_typed_value_is_what_serde_json_reads() {
        for body in BODIES {
            same_typed_for_every_type(body);
        }
    }

    #[test]
    fn members_are_the_objects_when_reported() {
        for body in BODIES {
            members_are_the_objects(body);
        }
        let (_, members) = tee::<Value>(br#"{"code": "C", "count": 1}"#);
        assert_eq!(members, Some([Some(json!("C")), None]));
        // Given twice: uncertain (the caller reads the members again on their own).
        let (_, members) = tee::<Value>(br#"{"code": "first", "code": "last"}"#);
        assert_eq!(members, None);
    }

    /// Plain strings are kept as slices of the bytes; escaped ones and other values parsed.
    #[test]
    fn plain_strings_are_kept_borrowed() {
        let body = br#"{"code": "plain", "message": "esc\"aped"}"#;
        let kept = [const { OnceCell::new() }; 2];
        let (typed, known) = decode::<Value, 2>(body, index, &kept);
        assert!(typed.is_ok() && known);
        assert_eq!(kept[0].get(), Some(&Kept::Str("plain")));
        assert_eq!(kept[1].get(), Some(&Kept::Json(json!("esc\"aped"))));
    }

    #[test]
    fn members_are_unknown_when_the_typed_value_does_not_read_the_object() {
        let body = br#"{"code": "C"}"#;
        assert!(tee::<IgnoredAny>(body).1.is_none());
        // Failed part-way: the rest of the object was never read.
        assert!(
            tee::<Derived>(br#"{"message": "M", "code": 5}"#)
                .1
                .is_none()
        );
        assert!(tee::<Derived>(body).1.is_some());
    }

    /// JSON text of a member's value: the kinds a typed body meets, strings with and without
    /// escapes, enum-shaped objects, nesting.
    fn value_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            (-1000i64..1000).prop_map(|n| n.to_string()),
            Just("1.5e3".to_owned()),
            Just(r#""c""#.to_owned()),
            Just(r#"{"other": 7}"#.to_owned()),
            "[a-z\\\\\"é\u{1}\u{7f} ]{0,6}".prop_map(|text| {
                // Some as JSON writes them, some escaped by hand (`\u` and `\/`).
                let written = serde_json::to_string(&text).unwrap();
                if text.len() % 2 == 0 {
                    written
                } else {
                    written.replace('a', "\\u0061").replace('b', "\\/")
                }
            }),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                prop::collection::vec(("[a-z]{1,3}", inner), 0..3).prop_map(|members| {
                    let members: Vec<String> = members
                        .into_iter()
                        .map(|(key, value)| format!("\"{key}\":{value}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
    }

    /// A body: an object of kept and other members (some given twice, some keys escaped),
    /// sometimes spoiled at the end.
    fn body_text() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            Just("code"),
            Just("message"),
            Just("co\\u0064e"),
            Just("count"),
            Just("nested"),
            Just("other"),
        ];
        let ending = prop_oneof![Just(""), Just(""), Just(" x"), Just(","), Just("]")];
        (prop::collection::vec((key, value_text()), 0..6), ending).prop_map(|(members, ending)| {
            let members: Vec<String> = members
                .into_iter()
                .map(|(key, value)| format!("\"{key}\": {value}"))
                .collect();
            format!("{{{}}}{ending}", members.join(", "))
        })
    }

    proptest! {
        // No regression files: this crate's directory is generated.
        #![proptest_config(ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        /// Whatever the body, the typed value (or the kind of error) is `serde_json`'s and the
        /// members reported are the parsed object's.
        #[test]
        fn decoding_through_the_tee_is_decoding_the_bytes(body in body_text()) {
            same_typed_for_every_type(&body);
            members_are_the_objects(&body);
        }
    }
}
