//! Arbitrary text as a captured API reference page: importing may fail, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::import::{ImportOptions, import_page, page::parse_page};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_page(text);
    let options = ImportOptions {
        service: "fuzz".into(),
        id: None,
        doc_url: None,
        allow_gaps: true,
    };
    let _ = import_page(text, &options, None);
});
