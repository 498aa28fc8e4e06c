//! Compact JSON decoding for generated types.
//!
//! `#[derive(Deserialize)]` expands to a field enum, two visitors and a sequence form per
//! struct: for a crate of a thousand operations that is most of what the compiler works
//! through. Generated types instead read their JSON object and take each field from it with
//! [`field`], one line per field, and enums parse their string with `FromStr` ([`parsed`]).
//! Decoding goes through `serde_json::Value`, which costs a little time per answer and saves
//! a great deal at every build.

use std::fmt::Display;
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error};

/// A JSON object, as a struct's fields are read from it.
pub type Object = serde_json::Map<String, serde_json::Value>;

/// Reads the JSON object a struct is made of.
pub fn object<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Object, D::Error> {
    Object::deserialize(deserializer)
}

/// Takes the field `name` out of `object`. A missing field reads as `null`: `None` for an
/// optional field, an error naming the field for a required one.
pub fn field<T: DeserializeOwned, E: Error>(object: &mut Object, name: &str) -> Result<T, E> {
    let value = object.remove(name).unwrap_or(serde_json::Value::Null);
    T::deserialize(value).map_err(|error| E::custom(format_args!("field `{name}`: {error}")))
}

/// Reads a string and parses it with `FromStr`, as enums of documented values do.
pub fn parsed<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_taken_with_their_name_in_errors() {
        let mut object = json!({"a": "x", "n": 3}).as_object().cloned().unwrap();
        let a: String = field::<_, serde_json::Error>(&mut object, "a").unwrap();
        let missing: Option<String> = field::<_, serde_json::Error>(&mut object, "b").unwrap();
        assert_eq!((a.as_str(), missing), ("x", None));
        let error = field::<String, serde_json::Error>(&mut object, "n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("field `n`: invalid type: integer `3`"),
            "{error}"
        );
        let required = field::<String, serde_json::Error>(&mut object, "gone").unwrap_err();
        assert!(
            required
                .to_string()
                .starts_with("field `gone`: invalid type: null"),
            "{required}"
        );
    }
}
