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

/// Parses a Type cell.
pub fn parse_type(text: &str) -> Result<TypeExpr, String> {
    let text = text.trim();
    if let Some(scalar) = scalar(text) {
        return Ok(TypeExpr::Scalar(scalar));
    }
    match text.to_ascii_lowercase().as_str() {
        "object" | "json" => return Ok(TypeExpr::Object),
        "file" | "binary" | "stream" => return Ok(TypeExpr::File),
        _ => {}
    }
    if let Some(rest) = text
        .strip_prefix("Array of ")
        .or_else(|| text.strip_prefix("array of "))
    {
        let rest = rest.trim();
        if let Some(scalar) = scalar(rest) {
            return Ok(TypeExpr::Array(Box::new(TypeExpr::Scalar(scalar))));
        }
        if rest == "objects" || rest == "object" {
            return Ok(TypeExpr::Array(Box::new(TypeExpr::Object)));
        }
        let name = rest
            .strip_suffix(" objects")
            .or_else(|| rest.strip_suffix(" object"));
        return match name.filter(|n| is_model_name(n)) {
            Some(name) => Ok(TypeExpr::Array(Box::new(TypeExpr::Named(name.to_owned())))),
            None => Err(format!("unknown array type {text:?}")),
        };
    }
    if let Some(inner) = text.strip_prefix("Map<").and_then(|t| t.strip_suffix('>')) {
        let (key, value) = inner
            .split_once(',')
            .ok_or_else(|| format!("unknown map type {text:?}"))?;
        if scalar(key.trim()) != Some("string") {
            return Err(format!("map keys must be strings in {text:?}"));
        }
        return Ok(TypeExpr::Map(Box::new(parse_type(value)?)));
    }
    if let Some(name) = text.strip_suffix(" object").filter(|n| is_model_name(n)) {
        return Ok(TypeExpr::Named(name.to_owned()));
    }
    Err(format!("unknown type {text:?}"))
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
    }
}
