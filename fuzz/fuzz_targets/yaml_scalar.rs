//! Arbitrary text written by the importer's YAML writer must read back as exactly that text,
//! as a value and as a key: no line break, indicator or quote in it may add YAML structure.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specgen::import::yaml_out::{flow_scalar, scalar};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let expected = serde_yaml::Mapping::from_iter([
        (serde_yaml::Value::from("k"), serde_yaml::Value::from(text)),
        (serde_yaml::Value::from("z"), serde_yaml::Value::from("end")),
    ]);
    let document = format!("k: {}\nz: end\n", scalar(text));
    let read: serde_yaml::Mapping = serde_yaml::from_str(&document)
        .unwrap_or_else(|e| panic!("{text:?} wrote {document:?}, which does not load: {e}"));
    assert_eq!(read, expected, "{text:?} wrote {document:?}");
    let document = format!("k: [{}, end]\n", flow_scalar(text));
    let read: serde_yaml::Mapping = serde_yaml::from_str(&document)
        .unwrap_or_else(|e| panic!("{text:?} wrote {document:?}, which does not load: {e}"));
    let expected = serde_yaml::Mapping::from_iter([(
        serde_yaml::Value::from("k"),
        serde_yaml::Value::Sequence(vec![text.into(), "end".into()]),
    )]);
    assert_eq!(read, expected, "{text:?} wrote {document:?}");
});
