//! Deserialization helpers that make YAML strict where serde_yaml is lenient.
//!
//! serde_yaml silently turns an unquoted `true` or `1` into the string `"true"`/`"1"` when the
//! target is a `String`, and silently keeps the last of two duplicate mapping keys. For values
//! that go on the wire verbatim (enum values, defaults) and for every keyed collection in a
//! spec, both would hide mistakes, so these types reject them with a message saying what to do.
//!
//! serde_yaml also expands every alias (`*name`) into a full copy of the node its anchor
//! (`&name`) names, aliases inside it included: a 201 KB file of aliases to aliases stays under
//! its repetition limit and still asks for gigabytes. [`refuse_anchors`] keeps both out of spec
//! files before serde_yaml sees the text.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::location::{AnchorUse, LocationIndex, ScanFailure};

/// Why a spec text is refused before it is deserialized.
#[derive(Debug)]
pub enum Refused {
    /// The text has an anchor or an alias (the first one).
    Anchor(AnchorUse),
    /// The text is not YAML: serde_yaml's own error.
    Syntax(serde_yaml::Error),
    /// serde_yaml reads the text but the event-level parser that looks for anchors stops early
    /// (the two parsers differ on a corner of YAML), so the rest cannot be vouched for.
    Unchecked(ScanFailure),
}

/// Refuses anchors (`&name`) and aliases (`*name`), and so merge keys (`<<: *name`), which
/// need an alias. The spec format never needs them, and serde_yaml would expand each alias.
///
/// Run before serde_yaml deserializes `text`: nothing is expanded here. Only the first
/// document is looked at, as serde_yaml deserializes only the first.
pub fn refuse_anchors(text: &str) -> Result<(), Refused> {
    // Both are written with their indicator character, never escaped: a text without either has
    // neither, and most spec files are spared the second parse.
    if memchr::memchr2(b'&', b'*', text.as_bytes()).is_none() {
        return Ok(());
    }
    let scan = LocationIndex::scan(text);
    if let Some(anchor) = scan.anchor {
        return Err(Refused::Anchor(anchor));
    }
    match scan.error {
        None => Ok(()),
        // The scan saw no anchor before it stopped, but serde_yaml may read further than it
        // did. Deserializing into `IgnoredAny` parses the whole text and follows no alias:
        // serde_yaml's own error when the text is not YAML, else a refusal.
        Some(failure) => match serde_yaml::from_str::<de::IgnoredAny>(text) {
            Err(error) => Err(Refused::Syntax(error)),
            Ok(_) => Err(Refused::Unchecked(failure)),
        },
    }
}

/// A string that must be written as a YAML string: an unquoted `true`, `false`, `null` or number
/// is rejected instead of being turned into text, because on the wire `true` and `"true"` differ.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WireString(pub String);

impl<'de> Deserialize<'de> for WireString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WireStringVisitor;

        fn must_quote<E: de::Error>(plain: impl fmt::Display) -> E {
            E::custom(format_args!(
                "`{plain}` is not a string in YAML; values sent on the wire are strings, so quote it: \"{plain}\""
            ))
        }

        impl<'de> Visitor<'de> for WireStringVisitor {
            type Value = WireString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WireString, E> {
                Ok(WireString(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<WireString, E> {
                Ok(WireString(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<WireString, E> {
                Err(must_quote(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WireString, E> {
                Err(must_quote(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireString, E> {
                Err(must_quote(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WireString, E> {
                Err(must_quote(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<WireString, E> {
                Err(E::custom(
                    "an empty or `null` value is not a string; write \"\" for the empty string",
                ))
            }
        }

        deserializer.deserialize_any(WireStringVisitor)
    }
}

impl fmt::Display for WireString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A YAML mapping kept in file order that rejects duplicate keys.
#[derive(Debug, Clone)]
pub struct UniqueMap<K, V>(pub IndexMap<K, V>);

impl<K, V> Default for UniqueMap<K, V> {
    fn default() -> Self {
        UniqueMap(IndexMap::new())
    }
}

impl<K, V> UniqueMap<K, V> {
    /// Entries in file order.
    pub fn iter(&self) -> indexmap::map::Iter<'_, K, V> {
        self.0.iter()
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, K, V> IntoIterator for &'a UniqueMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = indexmap::map::Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: Deserialize<'de> + Eq + std::hash::Hash + fmt::Display,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueMapVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for UniqueMapVisitor<K, V>
        where
            K: Deserialize<'de> + Eq + std::hash::Hash + fmt::Display,
            V: Deserialize<'de>,
        {
            type Value = UniqueMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = IndexMap::new();
                while let Some(key) = access.next_key::<K>()? {
                    if map.contains_key(&key) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate key `{key}`: each key may appear once"
                        )));
                    }
                    let value = access.next_value()?;
                    map.insert(key, value);
                }
                Ok(UniqueMap(map))
            }
        }

        deserializer.deserialize_map(UniqueMapVisitor(PhantomData))
    }
}

/// The documented values of an enum, each with its meaning when the page gives one.
///
/// Written either as a list (`[pending, failed, success]`) or, when the page explains each value,
/// as a mapping from value to meaning (`{source: Query the source database.}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnumValues(pub Vec<(WireString, Option<String>)>);

impl<'de> Deserialize<'de> for EnumValues {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnumValuesVisitor;

        impl<'de> Visitor<'de> for EnumValuesVisitor {
            type Value = EnumValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of values, or a mapping from each value to its meaning")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<EnumValues, A::Error> {
                let mut values = Vec::new();
                while let Some(value) = access.next_element::<WireString>()? {
                    values.push((value, None));
                }
                Ok(EnumValues(values))
            }
            fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<EnumValues, A::Error> {
                let map: UniqueMap<WireString, String> =
                    Deserialize::deserialize(de::value::MapAccessDeserializer::new(access))?;
                Ok(EnumValues(
                    map.0
                        .into_iter()
                        .map(|(value, doc)| (value, Some(doc)))
                        .collect(),
                ))
            }
        }

        deserializer.deserialize_any(EnumValuesVisitor)
    }
}
