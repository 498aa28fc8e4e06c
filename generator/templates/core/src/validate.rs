//! Validation of values against the constraints their spec documents.
//!
//! Generated types implement [`Validate`] by calling the checks in this module, which report
//! every [`Violation`] rather than stopping at the first, each with the path of the offending
//! field (`body.db_names[2]`) and the [`Rule`] it breaks.

use std::fmt;

/// Something that can be checked against its spec.
pub trait Validate {
    /// Appends every violation in `self` to `out`, with paths below `path`. The default finds
    /// none: a type without constraints implements `Validate` with an empty block (generated
    /// models do, so that rustc has one function body less to check for each).
    fn collect_violations(&self, _path: &FieldPath<'_>, _out: &mut Vec<Violation>) {}

    /// Checks `self`, returning all violations at once.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.collect_violations(&FieldPath::ROOT, &mut violations);
        ValidationError::from_violations(violations)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.collect_violations(path, out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn collect_violations(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.collect_violations(&path.index(index), out);
        }
    }
}

/// The path of a field being validated, built on the stack as validation descends and turned
/// into text only when a violation is reported, so validating a valid value allocates nothing.
#[derive(Debug, Clone, Copy)]
pub struct FieldPath<'a> {
    parent: Option<&'a FieldPath<'a>>,
    segment: Segment<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl<'a> FieldPath<'a> {
    /// The value being validated itself.
    pub const ROOT: FieldPath<'static> = FieldPath {
        parent: None,
        segment: Segment::Root,
    };

    /// The field `name` of this value.
    pub fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// The item at `index` of this array.
    pub fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Field(name) if matches!(self.parent, Some(p) if !matches!(p.segment, Segment::Root)) =>
            {
                write!(f, ".{name}")
            }
            Segment::Field(name) => f.write_str(name),
            Segment::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// A constraint a value breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// A required value is missing.
    Required,
    /// The value is not one of the documented values.
    Enum {
        /// The value given.
        value: String,
        /// The documented values.
        allowed: &'static [&'static str],
    },
    /// The length in characters (Unicode scalar values) is out of bounds.
    Length {
        /// Fewest characters allowed.
        min: Option<u64>,
        /// Most characters allowed.
        max: Option<u64>,
        /// The value's length.
        actual: u64,
    },
    /// The number is out of range.
    Range {
        /// Smallest value allowed.
        min: Option<String>,
        /// Largest value allowed.
        max: Option<String>,
        /// The value given.
        actual: String,
    },
    /// The array has too few or too many items.
    ItemCount {
        /// Fewest items allowed.
        min: Option<u64>,
        /// Most items allowed.
        max: Option<u64>,
        /// The array's length.
        actual: u64,
    },
    /// The value cannot be sent as one URL path segment.
    PathSegment {
        /// Why not.
        reason: &'static str,
    },
    /// The value cannot be sent in an HTTP header (control characters such as CR or LF).
    HeaderValue,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn bounds<T: fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
            match (min, max) {
                (Some(min), Some(max)) => format!("{min}..={max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => "any".into(),
            }
        }
        match self {
            Rule::Required => f.write_str("is required"),
            Rule::Enum { value, allowed } => write!(f, "{value:?} is not one of {allowed:?}"),
            Rule::Length { min, max, actual } => {
                write!(f, "has {actual} characters, expected {}", bounds(min, max))
            }
            Rule::Range { min, max, actual } => {
                write!(f, "is {actual}, expected {}", bounds(min, max))
            }
            Rule::ItemCount { min, max, actual } => {
                write!(f, "has {actual} items, expected {}", bounds(min, max))
            }
            Rule::PathSegment { reason } => write!(f, "cannot be sent as a path segment: {reason}"),
            Rule::HeaderValue => {
                f.write_str("cannot be sent in an HTTP header: it contains control characters")
            }
        }
    }
}

/// One broken constraint: which field, which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Path of the field, such as `body.error_code` or `job_id`.
    pub path: String,
    /// The rule it breaks.
    pub rule: Rule,
}

impl Violation {
    /// A violation of `rule` at `path`.
    pub fn new(path: &FieldPath<'_>, rule: Rule) -> Self {
        Violation {
            path: path.to_string(),
            rule,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.path, self.rule)
    }
}

/// Every violation found in one value. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// `Ok` when there are no violations.
    pub fn from_violations(violations: Vec<Violation>) -> Result<(), ValidationError> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }

    /// The violations, in field order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} constraint(s) violated: ", self.violations.len())?;
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            violation.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A string that is not one of an enum's documented values (from `FromStr` of a generated enum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The string given.
    pub value: String,
    /// The documented values.
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not one of {:?}", self.value, self.allowed)
    }
}

impl std::error::Error for UnknownValue {}

// The `*_if_set` forms take an optional field as it is (`self.name.as_deref()`) and its
// parent's path, so a generated `collect_violations` states one call per constrained field
// instead of a branch per field: the compiler checks a call far faster than a branch and a
// binding, and generated crates have thousands of them.

/// [`length`] of the field `name` of `parent`, when it is set.
pub fn length_if_set(
    out: &mut Vec<Violation>,
    parent: &FieldPath<'_>,
    name: &str,
    value: Option<&str>,
    min: Option<u64>,
    max: Option<u64>,
) {
    if let Some(value) = value {
        length(out, &parent.field(name), value, min, max);
    }
}

/// [`range`] of the field `name` of `parent`, when it is set.
pub fn range_if_set<T: PartialOrd + fmt::Display>(
    out: &mut Vec<Violation>,
    parent: &FieldPath<'_>,
    name: &str,
    value: Option<T>,
    min: Option<T>,
    max: Option<T>,
) {
    if let Some(value) = value {
        range(out, &parent.field(name), value, min, max);
    }
}

/// [`path_segment`] of the field `name` of `parent`, when it is set.
pub fn path_segment_if_set(
    out: &mut Vec<Violation>,
    parent: &FieldPath<'_>,
    name: &str,
    value: Option<&str>,
) {
    if let Some(value) = value {
        path_segment(out, &parent.field(name), value);
    }
}

/// [`header_value`] of the field `name` of `parent`, when it is set.
pub fn header_value_if_set(
    out: &mut Vec<Violation>,
    parent: &FieldPath<'_>,
    name: &str,
    value: Option<&str>,
) {
    if let Some(value) = value {
        header_value(out, &parent.field(name), value);
    }
}

/// The checks of a nested value (a model) in the field `name` of `parent`, when it is set.
pub fn nested_if_set<T: Validate + ?Sized>(
    out: &mut Vec<Violation>,
    parent: &FieldPath<'_>,
    name: &str,
    value: Option<&T>,
) {
    if let Some(value) = value {
        value.collect_violations(&parent.field(name), out);
    }
}

/// Checks a length in characters, as the pages count them (not bytes).
pub fn length(
    out: &mut Vec<Violation>,
    path: &FieldPath<'_>,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
) {
    let actual = value.chars().count() as u64;
    if min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max) {
        out.push(Violation::new(path, Rule::Length { min, max, actual }));
    }
}

/// Checks that a number lies within `min..=max`.
pub fn range<T: PartialOrd + fmt::Display>(
    out: &mut Vec<Violation>,
    path: &FieldPath<'_>,
    value: T,
    min: Option<T>,
    max: Option<T>,
) {
    let below = min.as_ref().is_some_and(|min| value < *min);
    let above = max.as_ref().is_some_and(|max| value > *max);
    // NaN compares false with everything; it is never a documented value.
    let nan = value.partial_cmp(&value).is_none();
    if below || above || nan {
        out.push(Violation::new(
            path,
            Rule::Range {
                min: min.map(|m| m.to_string()),
                max: max.map(|m| m.to_string()),
                actual: value.to_string(),
            },
        ));
    }
}

/// Checks the number of items of an array.
pub fn item_count(
    out: &mut Vec<Violation>,
    path: &FieldPath<'_>,
    count: usize,
    min: Option<u64>,
    max: Option<u64>,
) {
    let actual = count as u64;
    if min.is_some_and(|min| actual < min) || max.is_some_and(|max| actual > max) {
        out.push(Violation::new(path, Rule::ItemCount { min, max, actual }));
    }
}

/// Reports a value the spec does not document, kept by an enum that accepts unknown values.
pub fn undocumented_value(
    out: &mut Vec<Violation>,
    path: &FieldPath<'_>,
    value: &str,
    allowed: &'static [&'static str],
) {
    out.push(Violation::new(
        path,
        Rule::Enum {
            value: value.to_owned(),
            allowed,
        },
    ));
}

/// Checks that a value can be one path segment. Any character can be percent-encoded, but an
/// empty segment, `.` and `..` are rewritten by URL normalisation in every HTTP stack, so the
/// request would reach a different resource.
pub fn path_segment(out: &mut Vec<Violation>, path: &FieldPath<'_>, value: &str) {
    let reason = match value {
        "" => "it is empty",
        "." | ".." => "`.` and `..` are removed by URL normalisation",
        _ => return,
    };
    out.push(Violation::new(path, Rule::PathSegment { reason }));
}

/// Checks that a value can be sent as a header value: visible ASCII, spaces and tabs, or
/// bytes above 0x7F; no CR, LF or other control characters that could split the header.
pub fn header_value(out: &mut Vec<Violation>, path: &FieldPath<'_>, value: &str) {
    if http::HeaderValue::from_str(value).is_err() {
        out.push(Violation::new(path, Rule::HeaderValue));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A type without constraints implements the trait with an empty block, as generated
    /// models do: it finds nothing, alone or nested.
    #[test]
    fn the_default_finds_nothing() {
        struct Unconstrained;
        impl Validate for Unconstrained {}
        assert!(Unconstrained.validate().is_ok());
        let mut out = Vec::new();
        nested_if_set(&mut out, &FieldPath::ROOT, "item", Some(&Unconstrained));
        vec![Unconstrained, Unconstrained].collect_violations(&FieldPath::ROOT, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn paths_render_as_written_in_code() {
        let body = FieldPath::ROOT.field("body");
        let names = body.field("db_names");
        let item = names.index(2);
        assert_eq!(item.to_string(), "body.db_names[2]");
        assert_eq!(FieldPath::ROOT.field("job_id").to_string(), "job_id");
    }

    #[test]
    fn if_set_checks_skip_unset_fields_and_name_set_ones_below_their_parent() {
        let body = FieldPath::ROOT.field("body");
        let mut out = Vec::new();
        length_if_set(&mut out, &body, "name", None, Some(1), Some(2));
        range_if_set(&mut out, &body, "limit", None, Some(1), Some(2));
        path_segment_if_set(&mut out, &body, "id", None);
        header_value_if_set(&mut out, &body, "X-A", None);
        assert!(out.is_empty());
        length_if_set(&mut out, &body, "name", Some("abc"), Some(1), Some(2));
        range_if_set(&mut out, &body, "limit", Some(3), Some(1), Some(2));
        path_segment_if_set(&mut out, &body, "id", Some(".."));
        header_value_if_set(&mut out, &body, "X-A", Some("a\nb"));
        length_if_set(&mut out, &body, "fine", Some("ab"), Some(1), Some(2));
        let paths: Vec<String> = out.iter().map(|v| v.path.clone()).collect();
        assert_eq!(paths, ["body.name", "body.limit", "body.id", "body.X-A"]);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut out = Vec::new();
        length(&mut out, &FieldPath::ROOT, "日本語", Some(3), Some(3));
        assert!(out.is_empty());
        length(&mut out, &FieldPath::ROOT, "日本", Some(3), None);
        assert_eq!(
            out[0].rule,
            Rule::Length {
                min: Some(3),
                max: None,
                actual: 2
            }
        );
    }

    #[test]
    fn range_rejects_out_of_bounds_and_nan() {
        let mut out = Vec::new();
        range(&mut out, &FieldPath::ROOT, 5, Some(1), Some(5));
        assert!(out.is_empty());
        range(&mut out, &FieldPath::ROOT, 6, Some(1), Some(5));
        range(&mut out, &FieldPath::ROOT, f64::NAN, Some(0.0), None);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].to_string(), "`` is 6, expected 1..=5");
    }

    #[test]
    fn unsendable_segments_and_headers_are_rejected() {
        let mut out = Vec::new();
        for ok in ["a/b", "a b", "%", "ü", "..."] {
            path_segment(&mut out, &FieldPath::ROOT, ok);
        }
        assert!(out.is_empty());
        for bad in ["", ".", ".."] {
            path_segment(&mut out, &FieldPath::ROOT, bad);
        }
        assert_eq!(out.len(), 3);
        header_value(&mut out, &FieldPath::ROOT, "en-us\r\nX-Injected: 1");
        assert_eq!(out[3].rule, Rule::HeaderValue);
    }
}
