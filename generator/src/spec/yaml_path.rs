//! YAML paths as diagnostics spell fields (`request.body.fields.type`, `examples.requests[0]`),
//! parsed into steps: the `at:` of a recorded hand edit (`edits:`, see
//! `crate::import::edits`).

/// One step of a YAML path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key, as text (`202` for the number key of a status).
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// Parses a YAML path as diagnostics spell it: keys joined by `.`, indexes as `[n]`
/// (`examples.requests[0].url`). A key holding `.`, `[`, `]` or `"`, or an empty one, is
/// written in double quotes with `\"` and `\\` escaped (`request.body.fields.type.enum."v1.0"`).
pub fn parse_path(text: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut expect_key = true;
    if text.is_empty() {
        return Err("the path is empty".into());
    }
    while let Some(&c) = chars.peek() {
        match c {
            '[' => {
                chars.next();
                let mut digits = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    digits.push(c);
                }
                if out.is_empty() {
                    return Err(format!("`{text}`: an index needs a key before it"));
                }
                let index = digits
                    .parse::<usize>()
                    .map_err(|_| format!("`{text}`: `[{digits}]` is not a sequence index"))?;
                out.push(Segment::Index(index));
                expect_key = false;
            }
            '.' => {
                chars.next();
                if expect_key {
                    return Err(format!("`{text}`: an empty key (write it as \"\")"));
                }
                expect_key = true;
                if chars.peek().is_none() {
                    return Err(format!("`{text}`: the path ends with `.`"));
                }
            }
            _ if !expect_key => {
                return Err(format!("`{text}`: expected `.` or `[` before `{c}`"));
            }
            '"' => {
                chars.next();
                let mut key = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => key.push(
                            chars
                                .next()
                                .ok_or_else(|| format!("`{text}`: a quoted key ends with `\\`"))?,
                        ),
                        '"' => {
                            closed = true;
                            break;
                        }
                        c => key.push(c),
                    }
                }
                if !closed {
                    return Err(format!("`{text}`: a quoted key is not closed"));
                }
                out.push(Segment::Key(key));
                expect_key = false;
            }
            _ => {
                let mut key = String::new();
                while let Some(&c) = chars.peek() {
                    if matches!(c, '.' | '[') {
                        break;
                    }
                    if matches!(c, ']' | '"') {
                        return Err(format!("`{text}`: `{c}` in a key (quote the key)"));
                    }
                    key.push(c);
                    chars.next();
                }
                out.push(Segment::Key(key));
                expect_key = false;
            }
        }
    }
    Ok(out)
}

/// Spells a path as [`parse_path`] reads it.
pub fn format_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                if key.is_empty() || key.contains(['.', '[', ']', '"']) {
                    out.push('"');
                    for c in key.chars() {
                        if matches!(c, '"' | '\\') {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                    out.push('"');
                } else {
                    out.push_str(key);
                }
            }
        }
    }
    out
}

/// The path as the location index spells it (keys joined as they are), for finding its line.
pub fn location_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(index) => out = crate::spec::location::join_index(&out, *index),
            Segment::Key(key) => out = crate::spec::location::join_key(&out, key),
        }
    }
    out
}
