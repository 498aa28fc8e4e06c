//! Arbitrary text as a spec file: loading may fail, never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use specgen::spec::LocationIndex;
use specgen::spec::load::parse_text;
use specgen::spec::types::{OperationSpec, ServiceSpec};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.yaml");
    let _ = parse_text::<OperationSpec>(path, String::new(), text);
    let _ = parse_text::<ServiceSpec>(path, String::new(), text);
    let _ = LocationIndex::build(text);
});
