//! The one place that turns wire names into Rust names.
//!
//! Every emitter takes names from the model, and the model takes them from here, so a name is
//! derived once: keywords get a trailing `_` (`type` → `type_`), leading digits get a prefix,
//! characters Rust does not allow are dropped at word boundaries, and names that collide after
//! case conversion (`dbName` and `db_name`) are told apart by a numeric suffix.

use crate::fast_hash::{HashMap, HashSet};
use std::cell::RefCell;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::runtime_items;

/// Rust's strict and reserved keywords (2024 edition), which cannot name a field or variable.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Method names every generated struct has: a field's setter is named after the field.
/// (The module and crate names generated code refers to, `validate::length` or
/// `serde_json::Value`, come from `runtime_items`.)
const GENERATED_METHOD_NAMES: &[&str] = &["new", "validate", "collect_violations", "as_str"];

/// Whether a spec type named `name` would shadow a type or trait generated code relies on from
/// the prelude, serde or the runtime (the registry in `runtime_items`).
pub fn is_reserved_type_name(name: &str) -> bool {
    runtime_items::is_reserved_type_name(name)
}

/// Whether a field, parameter or module named `name` would clash with a method every
/// generated struct has or a module generated code refers to.
fn is_reserved_field_name(name: &str) -> bool {
    GENERATED_METHOD_NAMES.contains(&name)
        || runtime_items::reserved_module_names().any(|reserved| reserved == name)
}

/// The name of the catch-all variant of enums that accept values the spec does not list.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Names derived on this thread so far, by the raw name, for each case. An API repeats its
/// field names (`name`, `id`, `status`) across operations and models, and deriving one
/// through heck costs some two thousand instructions (it formats a character at a time),
/// several times a lookup. Bounded: a thread that derives more distinct names starts over.
struct Derived {
    snake: HashMap<String, String>,
    camel: HashMap<String, String>,
}

const MAX_DERIVED: usize = 1 << 16;

thread_local! {
    static DERIVED: RefCell<Derived> = RefCell::new(Derived {
        snake: HashMap::default(),
        camel: HashMap::default(),
    });
}

/// `derive(raw)`, from this thread's memo of `which` when it has it.
fn memoized(
    raw: &str,
    which: fn(&mut Derived) -> &mut HashMap<String, String>,
    derive: fn(&str) -> String,
) -> String {
    DERIVED.with(|derived| {
        let mut derived = derived.borrow_mut();
        let names = which(&mut derived);
        if let Some(name) = names.get(raw) {
            return name.clone();
        }
        let name = derive(raw);
        if names.len() >= MAX_DERIVED {
            names.clear();
        }
        names.insert(raw.to_owned(), name.clone());
        name
    })
}

/// A snake_case identifier for a field, parameter or module.
pub fn snake_ident(raw: &str) -> String {
    memoized(raw, |derived| &mut derived.snake, derive_snake_ident)
}

fn derive_snake_ident(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = "value".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    if KEYWORDS.contains(&name.as_str()) || is_reserved_field_name(&name) {
        name.push('_');
    }
    name
}

/// An UpperCamelCase identifier for a type or enum variant.
pub fn camel_ident(raw: &str) -> String {
    memoized(raw, |derived| &mut derived.camel, derive_camel_ident)
}

fn derive_camel_ident(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// Keeps ASCII letters and digits, turning everything else into word breaks, so heck sees
/// `X-Language` as two words and never passes a character Rust rejects (non-ASCII identifiers
/// compile, but trip `non_ascii_idents` in many code bases).
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A set of names already taken in one scope (the fields of a struct, the variants of an enum).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Takes `name`, or `name` with the smallest numeric suffix that is free. Returns the name
    /// and whether it had to be changed.
    ///
    /// The suffix follows the name's stem: a keyword's trailing `_` (`self_`) is not doubled
    /// before it, since `self__2` is not snake_case and fails `-D warnings`.
    pub fn claim(&mut self, name: String, separator: &str) -> (String, bool) {
        if self.taken.insert(name.clone()) {
            return (name, false);
        }
        let stem = match name.trim_end_matches(separator) {
            "" => name.as_str(),
            stem => stem,
        };
        let mut n = 2;
        loop {
            let candidate = format!("{stem}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A name from the memo is the name derived afresh, in each case, asked in any order
        /// and again.
        #[test]
        fn memoized_names_are_the_derived_ones(
            raws in prop::collection::vec("[a-zA-Z0-9 _.-]{0,12}", 1..20),
        ) {
            for raw in raws.iter().chain(raws.iter().rev()) {
                prop_assert_eq!(snake_ident(raw), derive_snake_ident(raw));
                prop_assert_eq!(camel_ident(raw), derive_camel_ident(raw));
            }
        }
    }

    #[test]
    fn snake_names_are_valid_identifiers() {
        assert_eq!(snake_ident("X-Language"), "x_language");
        assert_eq!(snake_ident("dbName"), "db_name");
        assert_eq!(snake_ident("type"), "type_");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("new"), "new_");
        assert_eq!(snake_ident("1st"), "n_1st");
        assert_eq!(snake_ident("a.b:c d"), "a_b_c_d");
        assert_eq!(snake_ident("-"), "value");
        assert_eq!(snake_ident("名前"), "value");
    }

    #[test]
    fn camel_names_are_valid_identifiers() {
        assert_eq!(camel_ident("en-us"), "EnUs");
        assert_eq!(camel_ident("true"), "True");
        assert_eq!(camel_ident(""), "Empty");
        assert_eq!(camel_ident("1"), "V1");
        assert_eq!(camel_ident("Self"), "SelfValue");
        assert_eq!(
            camel_ident("collect_db_objects_info"),
            "CollectDbObjectsInfo"
        );
    }

    #[test]
    fn scope_disambiguates_collisions() {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim("Source".into(), ""), ("Source".into(), false));
        assert_eq!(scope.claim("Source".into(), ""), ("Source2".into(), true));
        assert_eq!(scope.claim("Unknown".into(), ""), ("Unknown2".into(), true));
    }

    #[test]
    fn collisions_of_escaped_keywords_stay_snake_case() {
        // `Self` and `self` are both `self_` after case conversion and keyword escaping.
        let mut scope = Scope::default();
        let first = scope.claim(snake_ident("self"), "_");
        let second = scope.claim(snake_ident("Self"), "_");
        let third = scope.claim(snake_ident("SELF"), "_");
        assert_eq!(first, ("self_".into(), false));
        assert_eq!(second, ("self_2".into(), true));
        assert_eq!(third, ("self_3".into(), true));
        let mut scope = Scope::default();
        assert_eq!(scope.claim("type_".into(), "_").0, "type_");
        assert_eq!(scope.claim("type_2".into(), "_").0, "type_2");
        assert_eq!(scope.claim("type_".into(), "_").0, "type_3");
    }

    #[test]
    fn collision_suffixes_are_snake_case() {
        let names = [
            "self", "Self", "type", "Type", "a-b", "a_b", "A_B", "1", "_1", "x__", "x",
        ];
        let mut scope = Scope::default();
        for raw in names {
            let (name, _) = scope.claim(snake_ident(raw), "_");
            assert!(!name.contains("__"), "{raw} → {name}");
            assert_eq!(name, name.to_lowercase(), "{raw} → {name}");
            assert!(!name.starts_with('_'), "{raw} → {name}");
        }
    }
}
