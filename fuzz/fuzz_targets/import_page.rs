//! Arbitrary text as an API reference page in every format: importing may fail, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::import::read::Format;
use specgen::import::{ImportOptions, import_page};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (_, format) in Format::ALL {
        let options = ImportOptions {
            service: "fuzz".into(),
            allow_gaps: true,
            format: Some(format),
            ..ImportOptions::default()
        };
        let _ = import_page(text, &options, None);
    }
});
