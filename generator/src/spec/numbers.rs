//! Whether a number written in a spec is a value of its type.
//!
//! Limits (`minimum`, `maximum`) and defaults of numbers become Rust literals of the field's
//! type in generated code: a value the type cannot hold makes the generated crate fail to
//! compile (`1e300` as an `f32`), and `.inf` or `.nan`, which have no literal at all, would stop
//! the generator. So `spec::check` rejects them with the reason given here.

use super::types::TypeName;

/// Why `n` is not a value of the number type `ty`; `None` when it is (and for non-number
/// types, which `spec::check` reports on their own terms).
pub fn number_problem(ty: TypeName, n: &serde_yaml::Number) -> Option<String> {
    if n.is_nan() || n.is_infinite() {
        return Some(format!("`{n}` is not a finite number"));
    }
    match ty {
        TypeName::Integer | TypeName::Long => integer_problem(ty, n),
        TypeName::Float => {
            // `as` rounds to the nearest `f32` as rustc reads the literal, and overflows to
            // infinity exactly where rustc's `overflowing_literals` rejects it.
            let value = n.as_f64().unwrap_or(f64::NAN);
            ((value as f32).is_infinite()).then(|| {
                format!(
                    "{n} does not fit a `float` (32 bits, at most ±{:e})",
                    f32::MAX
                )
            })
        }
        _ => None,
    }
}

fn integer_problem(ty: TypeName, n: &serde_yaml::Number) -> Option<String> {
    let (label, bits, min, max) = match ty {
        TypeName::Integer => ("an `integer`", 32, i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => ("a `long`", 64, i64::MIN, i64::MAX),
    };
    if let Some(value) = n.as_i64()
        && (min..=max).contains(&value)
    {
        return None;
    }
    let out_of_range = format!("{n} does not fit {label} ({bits} bits, {min} to {max})");
    if !n.is_f64() {
        return Some(out_of_range);
    }
    let value = n.as_f64().unwrap_or(f64::NAN);
    if value.fract() != 0.0 {
        return Some(format!("{n} is not a whole number"));
    }
    // The bounds as f64: `max` rounds up to 2^63 for `long`, which is itself out of range.
    if value < min as f64 || value >= max as f64 + 1.0 {
        return Some(out_of_range);
    }
    Some(format!(
        "{n} is written as a floating-point number; write the whole number {}",
        value as i64
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(yaml: &str) -> serde_yaml::Number {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn problem(ty: TypeName, yaml: &str) -> Option<String> {
        number_problem(ty, &number(yaml))
    }

    #[test]
    fn non_finite_numbers_fit_no_type() {
        for ty in [
            TypeName::Integer,
            TypeName::Long,
            TypeName::Float,
            TypeName::Double,
        ] {
            for yaml in [".inf", "-.inf", ".nan", ".NaN", "-.Inf"] {
                let found = problem(ty, yaml).unwrap_or_default();
                assert!(
                    found.contains("not a finite number"),
                    "{ty:?} {yaml}: {found}"
                );
            }
        }
    }

    #[test]
    fn floats_fit_within_f32() {
        assert_eq!(problem(TypeName::Float, "3.4e38"), None);
        assert_eq!(problem(TypeName::Float, "-3.4e38"), None);
        assert_eq!(problem(TypeName::Float, "1e-50"), None);
        assert_eq!(problem(TypeName::Float, "16777217"), None);
        assert!(
            problem(TypeName::Float, "1e300")
                .unwrap()
                .contains("does not fit a `float`")
        );
        assert!(problem(TypeName::Float, "-3.5e38").is_some());
        assert_eq!(problem(TypeName::Double, "1e300"), None);
        assert_eq!(problem(TypeName::Double, "-1.7976931348623157e308"), None);
    }

    #[test]
    fn integers_fit_their_width() {
        assert_eq!(problem(TypeName::Integer, "2147483647"), None);
        assert_eq!(problem(TypeName::Integer, "-2147483648"), None);
        assert!(
            problem(TypeName::Integer, "2147483648")
                .unwrap()
                .contains("32 bits")
        );
        assert!(
            problem(TypeName::Integer, "1e12")
                .unwrap()
                .contains("32 bits")
        );
        assert_eq!(problem(TypeName::Long, "1000000000000"), None);
        assert_eq!(problem(TypeName::Long, "-9223372036854775808"), None);
        assert!(
            problem(TypeName::Long, "9223372036854775808")
                .unwrap()
                .contains("64 bits")
        );
        assert!(problem(TypeName::Long, "18446744073709551615").is_some());
        assert!(problem(TypeName::Long, "1e19").unwrap().contains("64 bits"));
        assert!(
            problem(TypeName::Long, "9.3e18")
                .unwrap()
                .contains("64 bits")
        );
    }

    #[test]
    fn integers_are_whole_and_written_as_such() {
        assert!(
            problem(TypeName::Integer, "1.5")
                .unwrap()
                .contains("not a whole number")
        );
        let found = problem(TypeName::Long, "1e12").unwrap();
        assert!(
            found.contains("write the whole number 1000000000000"),
            "{found}"
        );
    }

    #[test]
    fn other_types_are_left_to_their_own_checks() {
        assert_eq!(problem(TypeName::String, "1e300"), None);
        assert_eq!(problem(TypeName::Boolean, "1"), None);
    }
}
