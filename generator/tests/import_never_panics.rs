//! Importing never panics: any text, in every format, through the readers and the interpreter,
//! either imports or fails with located gaps. The same property as the fuzz targets in `fuzz/`,
//! run on stable in the test command, with inputs biased towards page structure (headings,
//! table headers, cells, bullets, TABs, HTML and Markdown markup, separators).

use proptest::prelude::*;
use specgen::import::read::{Format, read};
use specgen::import::vocabulary::Vocabularies;
use specgen::import::{ImportOptions, import_page};

const FRAGMENTS: &[&str] = &[
    "Deleting a Thing",
    "Function",
    "URI",
    "DELETE /v1/{project_id}/things/{id}",
    "GET https://{endpoint}/v2/x?usage=True",
    "Request Parameters",
    "Response Parameters",
    "Table 1 Path Parameters",
    "Parameter",
    "Mandatory",
    "Type",
    "Description",
    "Status Code",
    "Status code: 200",
    "project_id",
    "id",
    "Yes",
    "No",
    "String",
    "Object",
    "Array of objects",
    "List<X>",
    "Enumerated values:",
    "• a",
    "  • URI format",
    "    ",
    "\t",
    "{",
    "}",
    "[",
    "]",
    "\"k\": 1",
    "Example Requests",
    "Example Responses",
    "Status Codes",
    "204",
    "400 Bad Request",
    "# 删除云硬盘",
    "## 功能介绍",
    "## URI",
    "-   URI格式",
    "-   参数说明",
    "<table>",
    "</table>",
    "<tr>",
    "<th>参数</th>",
    "<td>是</td>",
    "<td>",
    "</td>",
    "</tr>",
    "<p>",
    "</p>",
    "<a name=\"x\"></a>",
    "<a href=\"#x\">x</a>",
    "```",
    "~~~",
    "<html><body>",
    "<h2>URI</h2>",
    "<script>x</script>",
    "\u{2028}",
    "\u{202e}",
    "\u{feff}",
    "\r",
    "0",
    "N/A",
    "取值范围：1~10",
];

fn page() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
                "[ -~]{0,12}",
            ],
            0..80
        )
        .prop_flat_map(|parts| {
            let count = parts.len();
            (
                Just(parts),
                prop::collection::vec(prop::sample::select(&["\n", "\n\n", " ", ""][..]), count),
            )
        })
        .prop_map(|(parts, separators)| {
            parts
                .iter()
                .zip(separators)
                .map(|(part, separator)| format!("{part}{separator}"))
                .collect()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_input_makes_a_reader_or_the_interpreter_panic(text in page()) {
        for (_, format) in Format::ALL {
            let _ = read(&text, format, Vocabularies::builtin());
            let options = ImportOptions {
                service: "fuzz".into(),
                allow_gaps: true,
                format: Some(format),
                ..ImportOptions::default()
            };
            let _ = import_page(&text, &options, None);
        }
    }
}
