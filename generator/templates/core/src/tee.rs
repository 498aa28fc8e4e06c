//! Decoding a JSON object into a typed value while keeping a few of its top-level members.
//!
//! An error answer is read for two things: the operation's typed error body, and the members
//! that say which error shape it is in ([`crate::response`]). Reading the bytes once for each
//! nearly doubled what decoding an error answer costs, so [`decode`] does both in one pass: it
//! hands the typed body's `Deserialize` a deserializer that passes the top-level object through
//! unchanged, except that the values of the members asked for are parsed into `Value`s first,
//! kept, and the typed body is fed from them. Everything else (nested values, other members)
//! goes straight from the bytes to the typed body, as `serde_json::from_slice` would.
//!
//! The kept members are known to be the object's only when the typed body decoded (so the whole
//! object went through), through a map, with no member given twice (a value the typed body may
//! have borrowed cannot be replaced by a later one); [`decode`] says whether they are, and
//! otherwise the caller reads them on its own.

use std::cell::OnceCell;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Error, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::Value;

/// `T` decoded from `bytes`, the values of the top-level members `index` places (at the
/// position it gives for their key) set in `kept` on the way; and whether they are known for
/// certain (see the [module docs](self)). A member the object lacks stays unset.
pub(crate) fn decode<T: DeserializeOwned, const N: usize>(
    bytes: &[u8],
    index: fn(&str) -> Option<usize>,
    kept: &[OnceCell<Value>; N],
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
    kept: &'de [OnceCell<Value>; N],
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

/// The top-level object as the typed body reads it: a member asked for is parsed into a
/// `Value` and kept, and the typed body reads it from there.
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
        let value: Value = self.map.next_value()?;
        match self.members.kept.get(index) {
            Some(cell) if cell.get().is_none() => seed
                .deserialize(cell.get_or_init(|| value))
                .map_err(A::Error::custom),
            // Given twice: the last value is the member's, but the typed body may have borrowed
            // the first, so it stays, and the members are read again on their own.
            _ => {
                *self.members.certain = false;
                seed.deserialize(value).map_err(A::Error::custom)
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

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::IgnoredAny;
    use serde_json::json;

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

    const BODIES: [&str; 14] = [
        r#"{"code": "C", "message": "M", "count": 3}"#,
        r#"{"co\u0064e": "escaped key", "nested": {"code": "not kept"}}"#,
        r#"{"message": {"deep": [1, {"x": null}]}, "code": "C", "other": "x"}"#,
        r#"{"code": null, "message": 1.5e3}"#,
        r#"{"code": "first", "code": "last"}"#,
        r#"{"code": 5}"#,
        r#"{"count": -1, "code": "C"}"#,
        r#"{}"#,
        r#"[]"#,
        r#""text""#,
        r#"{"code": "C"} trailing"#,
        r#"{"code": "C","#,
        "{\"code\": \"\u{1}\"}",
        r#"<html>"#,
    ];

    /// The typed result is `serde_json::from_slice`'s, whatever the type and body.
    /// `decode` with fresh cells; the members when known for certain.
    fn tee<T: DeserializeOwned>(
        body: &[u8],
    ) -> (serde_json::Result<T>, Option<[Option<Value>; 2]>) {
        let kept = [const { OnceCell::new() }; 2];
        let (typed, known) = decode::<T, 2>(body, index, &kept);
        (typed, known.then(|| kept.map(OnceCell::into_inner)))
    }

    fn same_typed<T: DeserializeOwned + PartialEq + fmt::Debug>(body: &str) {
        let (typed, _) = tee::<T>(body.as_bytes());
        let expected = serde_json::from_str::<T>(body);
        assert_eq!(typed.as_ref().ok(), expected.as_ref().ok(), "{body}");
        if let (Err(ours), Err(theirs)) = (&typed, &expected) {
            assert_eq!(ours.classify(), theirs.classify(), "{body}");
        }
    }

    #[test]
    fn the_typed_value_is_what_serde_json_reads() {
        for body in BODIES {
            same_typed::<Value>(body);
            same_typed::<Generated>(body);
            same_typed::<Derived>(body);
        }
    }

    /// Members are reported only when certain, and are then the object's.
    #[test]
    fn members_are_the_objects_when_reported() {
        for body in BODIES {
            let (typed, members) = tee::<Value>(body.as_bytes());
            let Ok(Value::Object(object)) = typed else {
                assert!(members.is_none(), "{body}");
                continue;
            };
            let expected = KEPT.map(|key| object.get(key).cloned());
            match members {
                Some(members) => assert_eq!(members, expected, "{body}"),
                // Only a key given twice makes them uncertain.
                None => assert_eq!(body, r#"{"code": "first", "code": "last"}"#),
            }
        }
        let (_, members) = tee::<Value>(br#"{"code": "C", "count": 1}"#);
        assert_eq!(members, Some([Some(json!("C")), None]));
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
}
