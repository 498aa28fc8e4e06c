//! Path templates such as `/v5.1/{project_id}/jobs/{job_id}/db-objects/collect`.

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text, sent as written.
    Literal(String),
    /// A `{name}` placeholder, filled from the path parameter of that name.
    Param(String),
}

/// Splits a template into literal text and placeholders. A placeholder fills a whole segment
/// (`/{id}`) or a part of one between literal text (`/{region}:{floatingip_id}`, as a few
/// pages write them); two placeholders need literal text between them, so that a concrete
/// path tells their values apart.
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
        let mut rest = segment;
        let mut previous_was_param = false;
        while !rest.is_empty() {
            if let Some(inner) = rest.strip_prefix('{') {
                let close = inner.find('}').ok_or_else(|| {
                    format!("`{segment}` opens a placeholder it does not close; write `{{name}}`")
                })?;
                let name = &inner[..close];
                if name.is_empty() || name.contains('{') {
                    return Err(format!(
                        "`{segment}` is not a placeholder; write `{{name}}`"
                    ));
                }
                if previous_was_param {
                    return Err(format!(
                        "`{segment}` puts two placeholders side by side; separate them with literal text"
                    ));
                }
                pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
                pieces.push(PathPiece::Param(name.to_owned()));
                rest = &inner[close + 1..];
                previous_was_param = true;
            } else {
                let c = rest.chars().next().unwrap_or_default();
                if c == '}' {
                    return Err(format!("`{segment}` closes a placeholder it did not open"));
                }
                if !is_path_char(c) {
                    return Err(format!(
                        "`{c}` cannot appear literally in a URL path (in `{segment}`); percent-encode it"
                    ));
                }
                literal.push(c);
                rest = &rest[c.len_utf8()..];
                previous_was_param = false;
            }
        }
    }
    if !literal.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    // A leading empty literal before a first placeholder keeps the `/`; drop empty ones.
    pieces.retain(|piece| !matches!(piece, PathPiece::Literal(text) if text.is_empty()));
    Ok(pieces)
}

/// RFC 3986 `pchar`, less `%` (a spec writes paths decoded, as pages print them).
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c)
}

/// One piece of one path segment.
enum SegmentPiece<'a> {
    Literal(&'a str),
    Param(&'a str),
}

/// The template's pieces, segment by segment.
fn segments(pieces: &[PathPiece]) -> Vec<Vec<SegmentPiece<'_>>> {
    let mut out: Vec<Vec<SegmentPiece>> = vec![Vec::new()];
    for piece in pieces {
        match piece {
            PathPiece::Literal(text) => {
                for (index, part) in text.split('/').enumerate() {
                    if index > 0 {
                        out.push(Vec::new());
                    }
                    if !part.is_empty()
                        && let Some(last) = out.last_mut()
                    {
                        last.push(SegmentPiece::Literal(part));
                    }
                }
            }
            PathPiece::Param(name) => {
                if let Some(last) = out.last_mut() {
                    last.push(SegmentPiece::Param(name));
                }
            }
        }
    }
    // The template starts with `/`: the first (empty) segment is before it.
    out.remove(0);
    out
}

/// Matches a concrete path (from an example URL) against the template, returning each
/// placeholder's value, or `None` when the path does not have the template's shape.
pub fn match_path<'a>(pieces: &[PathPiece], path: &'a str) -> Option<Vec<(String, &'a str)>> {
    let template = segments(pieces);
    let actual: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    if template.len() != actual.len() {
        return None;
    }
    let mut values = Vec::new();
    for (pieces, segment) in template.iter().zip(actual) {
        let mut rest = segment;
        for (index, piece) in pieces.iter().enumerate() {
            match piece {
                SegmentPiece::Literal(text) => rest = rest.strip_prefix(text)?,
                SegmentPiece::Param(name) => {
                    // A value runs to the next literal text, or to the segment's end.
                    let end = match pieces.get(index + 1) {
                        Some(SegmentPiece::Literal(next)) => rest.find(next)?,
                        _ => rest.len(),
                    };
                    if end == 0 {
                        return None;
                    }
                    values.push(((*name).to_owned(), &rest[..end]));
                    rest = &rest[end..];
                }
            }
        }
        if !rest.is_empty() || (pieces.is_empty() && !segment.is_empty()) {
            return None;
        }
    }
    Some(values)
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
    fn placeholders_may_share_a_segment_with_literal_text() {
        let pieces =
            parse_path_template("/v2/reverse/floatingips/{region}:{floatingip_id}").unwrap();
        assert_eq!(
            match_path(&pieces, "/v2/reverse/floatingips/eu-west-0:9e9c6d33"),
            Some(vec![
                ("region".into(), "eu-west-0"),
                ("floatingip_id".into(), "9e9c6d33")
            ])
        );
        assert_eq!(
            match_path(&pieces, "/v2/reverse/floatingips/eu-west-0"),
            None
        );
        let pieces = parse_path_template("/v1/a{id}.json").unwrap();
        assert_eq!(
            match_path(&pieces, "/v1/a7.json"),
            Some(vec![("id".into(), "7")])
        );
    }

    #[test]
    fn rejects_malformed_templates() {
        for bad in [
            "v1/x",
            "/v1/{id",
            "/v1/{}",
            "/v1/{a}{b}",
            "/v1/{a{b}}",
            "/v1/a}",
            "/v1?x=1",
            "/v1/a b",
            "/v1/ü",
            "/v1/a%20",
        ] {
            assert!(parse_path_template(bad).is_err(), "{bad}");
        }
    }
}
