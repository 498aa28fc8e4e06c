//! Every reader gives the same document model for the same page: one small page written as a
//! plain-text capture, a browser copy (TAB rows), Markdown with an HTML table, and HTML. Line
//! numbers differ between formats, so the models are compared without them.

use specgen::import::read::document::Document;
use specgen::import::read::{Format, detect, read};
use specgen::import::vocabulary::Vocabularies;

const TEXT: &str = "\
Deleting a Disk

Function

This API is used to delete a disk.

URI

DELETE /v2/{project_id}/disks/{disk_id}

Table 1 Path Parameters

Parameter

Mandatory

Type

Description

project_id

Yes

String

The project ID.

disk_id

Yes

String

The disk ID.

Only disks in the available state can be deleted.

Status Codes

Status Code

Description

204

No Content

Example Responses

{
  \"job_id\": \"70a5\"
}
";

const TSV: &str = "\
Deleting a Disk

Function

This API is used to delete a disk.

URI

DELETE /v2/{project_id}/disks/{disk_id}

Table 1 Path Parameters
Parameter\tMandatory\tType\tDescription
project_id\tYes\tString\tThe project ID.
disk_id\tYes\tString\tThe disk ID.
Only disks in the available state can be deleted.

Status Codes

Status Code\tDescription
204\tNo Content

Example Responses

{
  \"job_id\": \"70a5\"
}
";

const MARKDOWN: &str = "\
# Deleting a Disk

## Function

This API is used to delete a disk.

## URI

DELETE /v2/\\{project\\_id\\}/disks/\\{disk\\_id\\}

<table><caption>Table 1 Path Parameters</caption>
<thead><tr><th>Parameter</th><th>Mandatory</th><th>Type</th><th>Description</th></tr></thead>
<tbody>
<tr><td><p>project_id</p></td><td><p>Yes</p></td><td><p>String</p></td><td><p>The project ID.</p></td></tr>
<tr><td><p>disk_id</p></td><td><p>Yes</p></td><td><p>String</p></td><td><p>The disk ID.</p><p>Only disks in the available state can be deleted.</p></td></tr>
</tbody></table>

## Status Codes

<table><thead><tr><th>Status Code</th><th>Description</th></tr></thead>
<tbody><tr><td>204</td><td>No Content</td></tr></tbody></table>

## Example Responses

```
{
  \"job_id\": \"70a5\"
}
```
";

const HTML: &str = "\
<!DOCTYPE html>
<html><head><title>ignored</title><style>p { color: red }</style><script>var x = '<h2>URI</h2>';</script></head>
<body><nav><ul><li>Compute</li><li>Storage</li></ul></nav>
<main>
<h1>Deleting a Disk</h1>
<h2>Function</h2>
<p>This API is used to delete a disk.</p>
<h2>URI</h2>
<p>DELETE /v2/{project_id}/disks/{disk_id}</p>
<table><caption>Table 1 Path Parameters</caption>
<thead><tr><th>Parameter</th><th>Mandatory</th><th>Type</th><th>Description</th></tr></thead>
<tbody>
<tr><td>project_id</td><td>Yes</td><td>String</td><td>The project ID.</td></tr>
<tr><td>disk_id</td><td>Yes</td><td>String</td><td><p>The disk ID.</p><p>Only disks in the available state can be deleted.</p></td></tr>
</tbody></table>
<h2>Status Codes</h2>
<table><thead><tr><th>Status Code</th><th>Description</th></tr></thead>
<tbody><tr><td>204</td><td>No Content</td></tr></tbody></table>
<h2>Example Responses</h2>
<pre>{
  &quot;job_id&quot;: &quot;70a5&quot;
}</pre>
</main>
<footer>We use cookies</footer>
</body></html>
";

fn model(text: &str, format: Format) -> Document {
    read(text, format, Vocabularies::builtin())
        .unwrap_or_else(|e| panic!("{format}: {e}"))
        .without_lines()
}

#[test]
fn every_format_reads_into_the_same_document() {
    let reference = model(TEXT, Format::Text);
    for (text, format) in [
        (TSV, Format::Tsv),
        (MARKDOWN, Format::Markdown),
        (HTML, Format::Html),
    ] {
        let document = model(text, format);
        assert_eq!(
            document, reference,
            "{format} differs from the plain-text capture:\n{document:#?}\nexpected:\n{reference:#?}"
        );
    }
}

#[test]
fn the_format_is_detected_from_the_content() {
    assert_eq!(detect(TEXT, None), Format::Text);
    assert_eq!(detect(TSV, None), Format::Tsv);
    assert_eq!(detect(MARKDOWN, None), Format::Markdown);
    assert_eq!(detect(HTML, None), Format::Html);
    assert_eq!(
        detect(TEXT, Some(std::path::Path::new("page.md"))),
        Format::Markdown
    );
}

#[test]
fn every_format_imports_into_the_same_spec() {
    let options = |format| specgen::import::ImportOptions {
        service: "disks".into(),
        format: Some(format),
        ..Default::default()
    };
    let spec = |text, format| {
        let imported = specgen::import::import_page(text, &options(format), None)
            .unwrap_or_else(|e| panic!("{format}: {e}"));
        // Provenance names the format; everything else must agree.
        imported
            .yaml
            .lines()
            .filter(|l| !l.starts_with("  format:") && !l.starts_with("  sha256:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let reference = spec(TEXT, Format::Text);
    for (text, format) in [
        (TSV, Format::Tsv),
        (MARKDOWN, Format::Markdown),
        (HTML, Format::Html),
    ] {
        assert_eq!(spec(text, format), reference, "{format}");
    }
}
