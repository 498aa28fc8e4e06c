//! Arbitrary text as a generated doc comment line: rustdoc must read it as that text and as
//! nothing else (no code block that could run as a doctest, no HTML, no link but autolinks to
//! http(s) URLs, no bare URL), and with no direction control left in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::markdown::{escape_line, read_back, url_markdown, visible_direction_controls};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<String> = text
        .lines()
        .map(|line| visible_direction_controls(&escape_line(line)))
        .collect();
    let markdown = lines.join("\n");
    if let Err(construct) = read_back(&markdown) {
        panic!("{text:?} became {markdown:?}, which renders {construct}");
    }
    let link = visible_direction_controls(&url_markdown(text));
    if let Err(construct) = read_back(&link) {
        panic!("URL {text:?} became {link:?}, which renders {construct}");
    }
    assert!(!markdown.chars().any(specgen::markdown::is_direction_control));
});
