//! Numeric bounds as the model carries them, independent of the YAML library that read them.

use std::fmt;

/// A `minimum` or `maximum` as the spec wrote it: an integer stays an integer, so generated
/// literals and exported schemas keep the spec's spelling. `spec::check` has made sure it is
/// finite and fits the field's type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A whole number written without a fraction or exponent.
    Integer(i64),
    /// Anything else.
    Float(f64),
}

impl Number {
    /// The value as a float (integers beyond 2^53 round).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Integer(n) => n as f64,
            Number::Float(x) => x,
        }
    }

    /// The value as a JSON number; `None` only for a non-finite float, which the checks refuse.
    pub fn to_json(self) -> Option<serde_json::Number> {
        match self {
            Number::Integer(n) => Some(n.into()),
            Number::Float(x) => serde_json::Number::from_f64(x),
        }
    }
}

impl From<&serde_yaml::Number> for Number {
    fn from(n: &serde_yaml::Number) -> Self {
        match n.as_i64() {
            Some(n) => Number::Integer(n),
            None => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
        }
    }
}

impl fmt::Display for Number {
    /// As YAML writes it (`5`, `0.5`, `1e+300`): docs show the bound as the spec reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::Integer(n) => write!(f, "{n}"),
            Number::Float(x) => write!(f, "{}", serde_yaml::Number::from(x)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_the_spec_wrote_them() {
        for text in [
            "5",
            "-3",
            "0.5",
            "1e300",
            "1.0",
            "9223372036854775807",
            "-1.5e-7",
        ] {
            let yaml: serde_yaml::Number = serde_yaml::from_str(text).unwrap();
            assert_eq!(Number::from(&yaml).to_string(), yaml.to_string(), "{text}");
        }
    }
}
