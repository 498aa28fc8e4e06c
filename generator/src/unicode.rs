//! Classes of code points that several stages treat specially.

/// Code points that change the direction of text (U+061C, U+200E/F, U+202A–E, U+2066–9): the
/// "Trojan Source" characters. rustc denies them in comments and literals by default
/// (`text_direction_codepoint_in_comment`, `..._in_literal`), and in a link or a doc they could
/// make text read differently from what it is.
pub fn is_direction_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}
