//! Arbitrary text through the tsv reader: reading may fail, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::import::read::{Format, read};
use specgen::import::vocabulary::Vocabularies;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let format = Format::from_name("tsv").expect("a reader's name");
    let _ = read(text, format, Vocabularies::builtin());
});
