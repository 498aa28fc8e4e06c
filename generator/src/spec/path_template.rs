//! Path templates such as `/v5.1/{project_id}/jobs/{job_id}/db-objects/collect`.

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text, sent as written.
    Literal(String),
    /// A `{name}` placeholder, filled from the path parameter of that name.
    Param(String),
}

/// Splits a template into literal text and placeholders. Placeholders must fill whole path
/// segments: one segment per value keeps the percent-encoding and the `.`/`..` rules simple
/// and is how every Huawei Cloud page writes them.
pub fn parse_path_template(template: &str) -> Result<Vec<PathPiece>, String> {
    if !template.starts_with('/') {
        return Err("the path must start with `/`".into());
    }
    if template.contains(['?', '#']) {
        return Err("the path must not contain `?` or `#`; declare query parameters under `params` with `in: query`".into());
    }
    let mut pieces = Vec::new();
    let mut literal = String::new();
    for segment in template.split('/').skip(1) {
        literal.push('/');
        if let Some(inner) = segment.strip_prefix('{') {
            let name = inner
                .strip_suffix('}')
                .filter(|name| !name.is_empty() && !name.contains(['{', '}']))
                .ok_or_else(|| {
                    format!("`{segment}` is not a placeholder; write `{{name}}` as a whole segment")
                })?;
            pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
            pieces.push(PathPiece::Param(name.to_owned()));
        } else if segment.contains(['{', '}']) {
            return Err(format!(
                "`{segment}` mixes a placeholder with text; a placeholder must be a whole segment"
            ));
        } else if let Some(bad) = segment.chars().find(|c| !is_path_char(*c)) {
            return Err(format!(
                "`{bad}` cannot appear literally in a URL path (in `{segment}`); percent-encode it"
            ));
        } else {
            literal.push_str(segment);
        }
    }
    if !literal.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    Ok(pieces)
}

/// RFC 3986 `pchar`, less `%` (a spec writes paths decoded, as pages print them).
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
}

/// Matches a concrete path (from an example URL) against the template, returning each
/// placeholder's value, or `None` when the path does not have the template's shape.
pub fn match_path<'a>(pieces: &[PathPiece], path: &'a str) -> Option<Vec<(String, &'a str)>> {
    let template_segments: Vec<Option<&str>> = pieces
        .iter()
        .flat_map(|piece| match piece {
            PathPiece::Literal(text) => text.split('/').skip(1).map(Some).collect::<Vec<_>>(),
            PathPiece::Param(_) => vec![None],
        })
        .collect();
    let names = pieces.iter().filter_map(|piece| match piece {
        PathPiece::Param(name) => Some(name.clone()),
        PathPiece::Literal(_) => None,
    });
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    // A literal piece ending in `/` before a placeholder contributes an empty last segment.
    let template_segments: Vec<Option<&str>> = merge_placeholders(template_segments);
    if segments.len() != template_segments.len() {
        return None;
    }
    let mut values = Vec::new();
    for (template, actual) in template_segments.iter().zip(&segments) {
        match template {
            Some(text) if text == actual => {}
            Some(_) => return None,
            None => values.push(*actual),
        }
    }
    Some(names.zip(values).collect())
}

fn merge_placeholders(segments: Vec<Option<&str>>) -> Vec<Option<&str>> {
    let mut merged: Vec<Option<&str>> = Vec::with_capacity(segments.len());
    for segment in segments {
        if segment.is_none() && merged.last() == Some(&Some("")) {
            merged.pop();
        }
        merged.push(segment);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_the_seed_path() {
        let pieces =
            parse_path_template("/v5.1/{project_id}/jobs/{job_id}/db-objects/collect").unwrap();
        assert_eq!(
            pieces,
            vec![
                PathPiece::Literal("/v5.1/".into()),
                PathPiece::Param("project_id".into()),
                PathPiece::Literal("/jobs/".into()),
                PathPiece::Param("job_id".into()),
                PathPiece::Literal("/db-objects/collect".into()),
            ]
        );
        assert_eq!(
            match_path(&pieces, "/v5.1/p1/jobs/j1/db-objects/collect"),
            Some(vec![("project_id".into(), "p1"), ("job_id".into(), "j1")])
        );
        assert_eq!(match_path(&pieces, "/v5.1/p1/jobs/j1/db-objects"), None);
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in [
            "v1/x",
            "/v1/{id",
            "/v1/{}",
            "/v1/a{id}",
            "/v1/{a{b}}",
            "/v1?x=1",
            "/v1/a b",
            "/v1/ü",
            "/v1/a%20",
        ] {
            assert!(parse_path_template(bad).is_err(), "{bad}");
        }
    }
}
