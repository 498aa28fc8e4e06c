//! The operation's method and path: a `METHOD /path` line (with or without a host, with an
//! optional query string), or a method/URI table.

use super::walk::{ItemKind, Label, Section, Walked};
use crate::import::vocabulary::{self, Vocabularies};

/// The method and path the page states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path template without host or query.
    pub path: String,
    /// Query names and values of the URI line: `?usage=True` gives a fixed value, `[?env_id]`
    /// an optional parameter without one.
    pub query: Vec<(String, Option<String>)>,
    /// Source line.
    pub line: usize,
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The first URI line of the URI section (or under a `URI format` label anywhere).
pub fn find(walked: &Walked, vocabularies: &Vocabularies) -> Option<Found> {
    for item in &walked.items {
        let in_uri = item.context.section == Section::Uri || item.context.label == Some(Label::Uri);
        if !in_uri {
            continue;
        }
        let found = match item.kind {
            ItemKind::Text(text) => text.text.lines().find_map(parse_line),
            ItemKind::Code(code) => code.text.lines().find_map(parse_line),
            ItemKind::Table(table) => {
                let column = |key: &str| {
                    table
                        .header
                        .iter()
                        .position(|h| vocabularies.is(vocabulary::columns, key, h))
                };
                let (Some(method), Some(uri)) = (column("method"), column("uri")) else {
                    continue;
                };
                table.rows.iter().find_map(|row| {
                    let method = row.cells.get(method)?.plain_text();
                    let uri = row.cells.get(uri)?.plain_text();
                    parse_line(&format!("{} {}", method.trim(), uri.trim()))
                })
            }
        };
        if let Some(found) = found {
            return Some(Found {
                line: item.line,
                ..found
            });
        }
    }
    None
}

/// `METHOD /path`, `METHOD https://{endpoint}/path?query`, `METHOD /path[?name]`.
pub fn parse_line(text: &str) -> Option<Found> {
    let text = text.trim();
    let (method, rest) = text.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let mut rest = rest.trim();
    // The host of `https://{endpoint}/v1/...`: everything up to the path.
    let lower = rest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let after_scheme = &rest[rest.find("://")? + 3..];
        rest = &after_scheme[after_scheme.find('/')?..];
    } else if rest.starts_with('{') {
        // `{endpoint}/v1/...`
        rest = &rest[rest.find('/')?..];
    }
    if !rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return None;
    }
    let (path, query) = split_query(rest);
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    Some(Found {
        method,
        path: path.to_owned(),
        query,
        line: 0,
    })
}

fn split_query(text: &str) -> (&str, Vec<(String, Option<String>)>) {
    let optional = text.find("[?");
    let plain = text.find('?');
    let (path, query) = match (optional, plain) {
        (Some(at), _) => (&text[..at], text[at + 2..].trim_end_matches(']')),
        (None, Some(at)) => (&text[..at], &text[at + 1..]),
        (None, None) => return (text, Vec::new()),
    };
    let pairs = query
        .split('&')
        .map(|pair| pair.trim_matches(['[', ']']))
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (pair.to_owned(), None),
        })
        .collect();
    (path, pairs)
}

/// The `{name}` placeholders of a path, in order.
pub fn placeholders(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_lines() {
        let found =
            parse_line("DELETE https://{endpoint}/v1/{project_id}/policies/{policy_id}").unwrap();
        assert_eq!(
            (found.method.as_str(), found.path.as_str()),
            ("DELETE", "/v1/{project_id}/policies/{policy_id}")
        );
        let found = parse_line("GET /v2/{project_id}/os-quota-sets/{id}?usage=True").unwrap();
        assert_eq!(found.path, "/v2/{project_id}/os-quota-sets/{id}");
        assert_eq!(found.query, [("usage".to_owned(), Some("True".to_owned()))]);
        let found = parse_line("DELETE /v1/apis/publish/{api_id}[?env_id]").unwrap();
        assert_eq!(found.query, [("env_id".to_owned(), None)]);
        assert!(parse_line("DELETE the thing").is_none());
        assert!(parse_line("Deleting /v1").is_none());
        assert_eq!(
            placeholders("/v2/{region}:{ip}/x/{id}"),
            ["region", "ip", "id"]
        );
    }
}
