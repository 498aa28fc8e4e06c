//! The Type column as pages write it: `String`, `Integer`, `Array of strings`,
//! `Array of JobBean objects`, `PageInfo object`, `Map<String,String>`, `File`, ...

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A scalar, by its spec name (`string`, `integer`, `long`, `float`, `double`, `boolean`).
    Scalar(&'static str),
    /// An object described by a nested table of this name.
    Named(String),
    /// An object without a table: free-form JSON.
    Object,
    /// An array.
    Array(Box<TypeExpr>),
    /// A map from strings to values.
    Map(Box<TypeExpr>),
    /// A byte stream.
    File,
}

fn scalar(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "string" | "strings" => "string",
        "integer" | "integers" | "int" | "int32" => "integer",
        "long" | "longs" | "int64" => "long",
        "float" | "floats" => "float",
        "double" | "doubles" | "number" | "numbers" | "bigdecimal" => "double",
        "boolean" | "booleans" | "bool" => "boolean",
        _ => return None,
    })
}

/// Parses a Type cell: scalars in any letter case, `Object`, `File`, `X object`, `Array of X`,
/// `Array of X objects`, bare `Array`/`List`, `List<X>`, `Map<String,X>` (nested, any spacing).
/// `Object`, bare arrays and arrays of objects are linked to the table that describes them by
/// the interpreter ([`TypeExpr::is_untyped_object`]).
pub fn parse_type(text: &str) -> Result<TypeExpr, String> {
    let compact: String = text
        .trim()
        .trim_end_matches(['.', '。'])
        .chars()
        .map(|c| match c {
            '＜' => '<',
            '＞' => '>',
            '，' => ',',
            c => c,
        })
        .collect();
    parse(&compact).ok_or_else(|| format!("unknown type {:?}", text.trim()))
}

fn parse(text: &str) -> Option<TypeExpr> {
    let text = text.trim();
    if let Some(scalar) = scalar(text) {
        return Some(TypeExpr::Scalar(scalar));
    }
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "object" | "objects" | "json" | "dict" | "jsonobject" | "map" => {
            return Some(TypeExpr::Object);
        }
        "file" | "binary" | "stream" | "inputstream" => return Some(TypeExpr::File),
        "array" | "list" | "set" | "jsonarray" | "array of objects" | "array of object"
        | "list of objects" => return Some(TypeExpr::Array(Box::new(TypeExpr::Object))),
        _ => {}
    }
    // Generic forms: `List<X>`, `Array<X>`, `Set<X>`, `Map<K,V>`.
    if let Some(open) = text.find('<')
        && text.ends_with('>')
    {
        let outer = text[..open].trim().to_ascii_lowercase();
        let inner = &text[open + 1..text.len() - 1];
        return match outer.as_str() {
            "list" | "array" | "set" => Some(TypeExpr::Array(Box::new(parse_or_named(inner)?))),
            "map" | "dict" | "hashmap" => {
                let (key, value) = split_top_level_comma(inner)?;
                (scalar(key.trim()) == Some("string"))
                    .then(|| parse_or_named(value).map(|v| TypeExpr::Map(Box::new(v))))?
            }
            _ => None,
        };
    }
    for prefix in ["array of ", "list of "] {
        if lower.starts_with(prefix) {
            let rest = text[prefix.len()..].trim();
            if let Some(scalar) = scalar(rest) {
                return Some(TypeExpr::Array(Box::new(TypeExpr::Scalar(scalar))));
            }
            let name = strip_suffix_ignore_case(rest, " objects")
                .or_else(|| strip_suffix_ignore_case(rest, " object"))
                .unwrap_or(rest);
            return is_model_name(name)
                .then(|| TypeExpr::Array(Box::new(TypeExpr::Named(name.to_owned()))));
        }
    }
    if let Some(name) = strip_suffix_ignore_case(text, " object").filter(|n| is_model_name(n)) {
        return Some(TypeExpr::Named(name.to_owned()));
    }
    if let Some(item) = text.strip_suffix("[]") {
        return Some(TypeExpr::Array(Box::new(parse(item)?)));
    }
    None
}

/// A type argument: a type, or the name of a model (`List<Transfer>`).
fn parse_or_named(text: &str) -> Option<TypeExpr> {
    let text = text.trim();
    parse(text).or_else(|| is_model_name(text).then(|| TypeExpr::Named(text.to_owned())))
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix))
        .then(|| text[..cut].trim_end())
}

/// `K, V` split at the comma outside any `<...>`.
fn split_top_level_comma(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (at, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => return Some((&text[..at], &text[at + 1..])),
            _ => {}
        }
    }
    None
}

impl TypeExpr {
    /// An object or an array of objects whose fields the type cell does not name: the page
    /// describes them in a table found by the field's name, a link or "see Table N".
    pub fn is_untyped_object(&self) -> bool {
        match self {
            TypeExpr::Object => true,
            TypeExpr::Array(item) => item.is_untyped_object(),
            _ => false,
        }
    }

    /// The same shape with the untyped object replaced by the model `name`.
    pub fn linked_to(&self, name: &str) -> TypeExpr {
        match self {
            TypeExpr::Object => TypeExpr::Named(name.to_owned()),
            TypeExpr::Array(item) => TypeExpr::Array(Box::new(item.linked_to(name))),
            other => other.clone(),
        }
    }

    /// The model a type names, at any depth (`Array of X objects` → `X`).
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(name) => Some(name),
            TypeExpr::Array(item) | TypeExpr::Map(item) => item.named(),
            _ => None,
        }
    }
}

/// A table name as pages write them: one word of letters, digits and `_`.
fn is_model_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_type_cells() {
        use TypeExpr::*;
        assert_eq!(parse_type("String"), Ok(Scalar("string")));
        assert_eq!(
            parse_type("Array of strings"),
            Ok(Array(Box::new(Scalar("string"))))
        );
        assert_eq!(
            parse_type("Array of TmsTags objects"),
            Ok(Array(Box::new(Named("TmsTags".into()))))
        );
        assert_eq!(parse_type("PageInfo object"), Ok(Named("PageInfo".into())));
        assert_eq!(
            parse_type("Map<String,String>"),
            Ok(Map(Box::new(Scalar("string"))))
        );
        assert_eq!(parse_type("File"), Ok(File));
        assert_eq!(parse_type("Object"), Ok(Object));
        assert!(parse_type("Strng").is_err());
        assert!(parse_type("Array of").is_err());
        assert!(parse_type("Map<Integer,String>").is_err());
        assert_eq!(parse_type("list"), Ok(Array(Box::new(Object))));
        assert_eq!(parse_type("Array of Objects"), Ok(Array(Box::new(Object))));
        assert_eq!(parse_type("List< Dict >"), Ok(Array(Box::new(Object))));
        assert_eq!(
            parse_type("list<map<String, String>>"),
            Ok(Array(Box::new(Map(Box::new(Scalar("string"))))))
        );
        assert_eq!(
            parse_type("List<Transfer>"),
            Ok(Array(Box::new(Named("Transfer".into()))))
        );
        assert_eq!(
            parse_type("SnapshotDetails object"),
            Ok(Named("SnapshotDetails".into()))
        );
        assert_eq!(
            parse_type("Array of results objects"),
            Ok(Array(Box::new(Named("results".into()))))
        );
    }
}
