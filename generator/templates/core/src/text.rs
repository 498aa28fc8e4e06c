//! How text from a server reaches people: escaped and bounded.
//!
//! Everything an answer carries (an error message, a request id, a raw body) is data, and may be
//! huge or hostile: a 10 MiB HTML page, terminal escape sequences, a right-to-left override that
//! reorders what a log line appears to say. [`Excerpt`] is the one rendering of such text, shared
//! by `Display`, `Debug` and the example programs:
//!
//! - every character Rust's `Debug` escapes is escaped the same way (`\n`, `\u{1b}`,
//!   `\u{202e}`, `\\`): control characters, bidirectional and other format characters, line
//!   and paragraph separators; quotes are left as they are, since the text is not a literal;
//! - at most [`EXCERPT_LIMIT`] bytes of escaped text are written, cut between characters and
//!   escapes, followed by the length of the whole text when it was cut.

use std::fmt::{self, Write as _};

/// At most this many bytes of escaped server text are written per field, so a huge or hostile
/// answer cannot flood logs.
pub const EXCERPT_LIMIT: usize = 512;

/// Server text rendered escaped and bounded; see the [module docs](self).
///
/// `Display` and `Debug` write the same: the escaped excerpt, not quoted.
#[derive(Clone, Copy)]
pub struct Excerpt<'a>(pub &'a [u8]);

impl<'a> Excerpt<'a> {
    /// The excerpt of `text`.
    pub fn of(text: &'a str) -> Self {
        Excerpt(text.as_bytes())
    }
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.0;
        // Reading more than the limit cannot help: every byte yields at least one output byte.
        let head = &body[..body.len().min(EXCERPT_LIMIT)];
        let mut written = 0;
        let mut cut = head.len() < body.len();
        'chunks: for chunk in head.utf8_chunks() {
            for c in chunk.valid().chars() {
                if !write_escaped(f, c, &mut written)? {
                    cut = true;
                    break 'chunks;
                }
            }
            // Bytes that are not UTF-8 are shown by value, like `[u8]`'s escape_ascii.
            for byte in chunk.invalid() {
                let piece = format!("\\x{byte:02x}");
                if written + piece.len() > EXCERPT_LIMIT {
                    cut = true;
                    break 'chunks;
                }
                f.write_str(&piece)?;
                written += piece.len();
            }
        }
        if cut {
            write!(f, "... ({} bytes in all)", body.len())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Writes `c` escaped if the limit leaves room for all of it; `false` when it does not.
fn write_escaped(
    f: &mut impl fmt::Write,
    c: char,
    written: &mut usize,
) -> Result<bool, fmt::Error> {
    let piece = if matches!(c, '"' | '\'') {
        c.to_string()
    } else {
        c.escape_debug().to_string()
    };
    if *written + piece.len() > EXCERPT_LIMIT {
        return Ok(false);
    }
    f.write_str(&piece)?;
    *written += piece.len();
    Ok(true)
}

/// The escaped excerpt of server text as a `String` (for callers that build their own message).
pub fn excerpt(body: &[u8]) -> String {
    Excerpt(body).to_string()
}

/// A value whose `Debug` may carry server text of any size (a typed error body with a 10 MiB
/// message), written through `Debug` and cut after [`EXCERPT_LIMIT`] bytes, with the whole
/// length after a cut. Rust's `Debug` of strings already escapes what [`Excerpt`] escapes.
pub struct BoundedDebug<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Debug for BoundedDebug<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut capped = Capped {
            kept: String::new(),
            total: 0,
        };
        // `Capped` never fails, so an error here is the value's own and is passed on.
        write!(capped, "{:?}", self.0)?;
        f.write_str(&capped.kept)?;
        if capped.total > capped.kept.len() {
            write!(f, "... ({} bytes in all)", capped.total)?;
        }
        Ok(())
    }
}

/// Keeps the first [`EXCERPT_LIMIT`] bytes written to it (whole characters) and counts the rest.
struct Capped {
    kept: String,
    total: usize,
}

impl fmt::Write for Capped {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.total += s.len();
        let room = EXCERPT_LIMIT - self.kept.len();
        if room > 0 {
            let mut end = s.len().min(room);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            self.kept.push_str(&s[..end]);
        }
        Ok(())
    }
}

/// The raw bytes of an answer the runtime could not decode, kept for the caller. `Debug` and
/// `Display` write its [`Excerpt`] (and the length), never the bytes one by one.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RawBody(Vec<u8>);

impl RawBody {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_vec(self) -> Vec<u8> {
        self.0
    }

    /// The body as text when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }
}

impl From<Vec<u8>> for RawBody {
    fn from(bytes: Vec<u8>) -> Self {
        RawBody(bytes)
    }
}

impl AsRef<[u8]> for RawBody {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl std::ops::Deref for RawBody {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Excerpt(&self.0).fmt(f)
    }
}

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RawBody({} bytes: \"{}\")",
            self.0.len(),
            Excerpt(&self.0)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_quotes_are_not() {
        let text = "it's \"x\"\u{1b}[31m\n\u{202e}\\ 中文";
        assert_eq!(
            Excerpt::of(text).to_string(),
            "it's \"x\"\\u{1b}[31m\\n\\u{202e}\\\\ 中文"
        );
        assert_eq!(excerpt(b"a\xffb"), "a\\xffb");
    }

    #[test]
    fn long_text_is_cut_between_escapes_with_its_length() {
        let long = "\u{1b}".repeat(1000);
        let shown = Excerpt::of(&long).to_string();
        let (head, tail) = shown.split_once("...").unwrap();
        assert!(head.len() <= EXCERPT_LIMIT && head.len() > EXCERPT_LIMIT - 6);
        assert!(head.ends_with("\\u{1b}"), "{head}");
        assert_eq!(tail, " (1000 bytes in all)");

        let exact = "a".repeat(EXCERPT_LIMIT);
        assert_eq!(Excerpt::of(&exact).to_string(), exact, "no cut, no length");
        let wide = "中".repeat(EXCERPT_LIMIT);
        let shown = Excerpt::of(&wide).to_string();
        assert!(
            shown.starts_with(&"中".repeat(EXCERPT_LIMIT / 3)),
            "{shown}"
        );
        assert!(shown.ends_with(&format!("({} bytes in all)", wide.len())));
    }

    #[test]
    fn bounded_debug_cuts_on_a_character_boundary() {
        let long = vec!["中文".repeat(10_000)];
        let shown = format!("{:?}", BoundedDebug(&long));
        assert!(shown.len() < EXCERPT_LIMIT + 40, "{}", shown.len());
        assert!(shown.ends_with(&format!("({} bytes in all)", format!("{long:?}").len())));
        assert_eq!(format!("{:?}", BoundedDebug(&"short")), "\"short\"");
    }

    #[test]
    fn raw_bodies_debug_as_an_excerpt() {
        let body = RawBody::from(vec![b'<'; 10 << 20]);
        let shown = format!("{body:?}");
        assert!(shown.len() < EXCERPT_LIMIT + 80, "{}", shown.len());
        assert!(shown.starts_with("RawBody(10485760 bytes: \"<<<"));
    }
}
