//! The page interpreter on each layout variant real pages use, one small page per variant
//! (written here, so the test command needs no page corpus): the spec it writes says what the
//! page says, and what the page only implies is reported as inferred.

use specgen::diagnostics::Code;
use specgen::import::read::Format;
use specgen::import::{ImportOptions, Imported, import_page, report_text};

fn import(text: &str) -> Imported {
    import_as(text, Format::Text)
}

fn import_as(text: &str, format: Format) -> Imported {
    let options = ImportOptions {
        service: "layouts".into(),
        format: Some(format),
        ..ImportOptions::default()
    };
    import_page(text, &options, None).unwrap_or_else(|e| panic!("{e}\n---\n{text}"))
}

/// Cells one per line, separated by blank lines.
fn cells(cells: &[&str]) -> String {
    cells.join("\n\n")
}

fn page(title: &str, sections: &[(&str, String)]) -> String {
    let mut text = format!("{title}\n\n");
    for (heading, body) in sections {
        text.push_str(&format!("{heading}\n\n{body}\n\n"));
    }
    text
}

fn assert_has(imported: &Imported, needles: &[&str]) {
    for needle in needles {
        assert!(
            imported.yaml.contains(needle),
            "missing {needle:?} in:\n{}",
            imported.yaml
        );
    }
}

#[test]
fn three_column_tables_without_type() {
    let text = page(
        "Deleting a Job",
        &[
            ("Function", "Deletes a job.".into()),
            (
                "URI",
                format!(
                    "DELETE /v1/{{project_id}}/jobs/{{job_id}}\n\n{}",
                    cells(&[
                        "Parameter",
                        "Mandatory",
                        "Description",
                        "project_id",
                        "Yes",
                        "Project ID.",
                        "job_id",
                        "Yes",
                        "Job ID."
                    ])
                ),
            ),
            (
                "Status Codes",
                cells(&["Status Code", "Description", "204", "Deleted."]),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &["  job_id:\n    in: path\n    required: true\n    type: string\n    doc: Job ID.\n"],
    );
    assert_eq!(imported.report.rows_understood, imported.report.rows_total);
}

#[test]
fn type_before_mandatory_and_an_in_column() {
    let text = page(
        "Deleting a Backup",
        &[
            ("Description", "Deletes a backup.".into()),
            (
                "URI",
                "DELETE https://{Endpoint}/v3/{project_id}/backups/{backup_id}".into(),
            ),
            (
                "Request Parameters",
                format!(
                    "Table 1 Request parameters\n\n{}",
                    cells(&[
                        "Parameter",
                        "Type",
                        "IN",
                        "Mandatory",
                        "Description",
                        "X-Language",
                        "string",
                        "header",
                        "No",
                        "Language.",
                        "project_id",
                        "string",
                        "path",
                        "Yes",
                        "Project ID.",
                        "backup_id",
                        "string",
                        "path",
                        "Yes",
                        "Backup ID.",
                        "force",
                        "boolean",
                        "query",
                        "No",
                        "Whether to force.",
                    ])
                ),
            ),
            (
                "Status Code",
                cells(&["Status Code", "Description", "202", "Accepted."]),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &[
            "path: /v3/{project_id}/backups/{backup_id}\n",
            "  X-Language:\n    in: header\n",
            "  backup_id:\n    in: path\n",
            "  force:\n    in: query\n    type: boolean\n",
        ],
    );
    assert!(!imported.yaml.contains("\nrequest:"), "{}", imported.yaml);
}

#[test]
fn name_headers_and_older_headings() {
    let text = page(
        "Deleting a Manual Backup",
        &[
            ("Function", "Deletes.".into()),
            ("URI", "DELETE /v3/{project_id}/backups/{backup_id}".into()),
            (
                "Requests",
                cells(&[
                    "Name",
                    "Mandatory",
                    "Description",
                    "X-Auth-Token",
                    "Yes",
                    "User token.",
                ]),
            ),
            (
                "Responses",
                cells(&[
                    "Name",
                    "Type",
                    "Description",
                    "job_id",
                    "String",
                    "The task ID.",
                ]),
            ),
            (
                "Status Codes",
                "For more information, see Status Code.".into(),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &[
            "  X-Auth-Token:\n    in: header\n    required: true\n    managed: true\n",
            "      job_id:\n",
        ],
    );
    // No status is stated: 200, as a DELETE with a documented body, and said so.
    assert_has(
        &imported,
        &["  200:\n    description: \"\"\n    inferred: true\n"],
    );
    assert!(
        imported
            .report
            .inferred
            .iter()
            .any(|i| i.starts_with("status 200"))
    );
}

#[test]
fn uri_and_tables_inside_bullets_with_a_host_and_a_query_string() {
    let text = format!(
        "Deleting an Instance\n\nFunction\n\nDeletes.\n\nURI\n\n  • URL format\n\n    DELETE https://{{endpoint}}/v3/{{project_id}}/instances/{{instance_id}}?usage=True\n\n  • Parameter description\n    Table 1 URI parameters\n\n{}\n\n    Table 2 Query parameters\n\n{}\n\nResponse\n\n  • Normal response\n\n    None\n\nStatus Codes\n\n  • Normal\n\n    204 NOCONTENT\n\n  • Failed\n\n    400\n",
        indented(&[
            "Parameter",
            "Mandatory",
            "Description",
            "project_id",
            "Yes",
            "Project ID.",
            "instance_id",
            "Yes",
            "Instance ID."
        ]),
        indented(&[
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "delete_data",
            "No",
            "Boolean",
            "Whether to delete data."
        ])
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &[
            "path: /v3/{project_id}/instances/{instance_id}\nfixed_query:\n  usage: \"True\"\n",
            "  delete_data:\n    in: query\n    type: boolean\n",
            "  204:\n    description: NOCONTENT\n",
            "  400:\n",
        ],
    );
}

fn indented(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn a_method_and_uri_table_with_an_optional_query_name() {
    let text = page(
        "Taking an API Offline",
        &[
            ("Function", "Takes it offline.".into()),
            (
                "URI",
                format!(
                    "Table 1 HTTP/HTTPS request method and URI\n\n{}",
                    cells(&[
                        "Request Method",
                        "URI",
                        "DELETE",
                        "/v1/{project_id}/apis/publish/{api_id}[?env_id]"
                    ])
                ),
            ),
            ("Request", "N/A".into()),
            ("Response", "N/A".into()),
            (
                "Status Codes",
                format!(
                    "Table 3 Status codes\n\n{}",
                    cells(&["Status Code", "Description", "204", "No Content"])
                ),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &[
            "method: DELETE\npath: /v1/{project_id}/apis/publish/{api_id}\n",
            "  env_id:\n    in: query\n",
        ],
    );
    assert!(
        imported
            .report
            .inferred
            .iter()
            .any(|i| i.contains("`env_id`"))
    );
}

#[test]
fn objects_link_by_field_name_type_name_and_see_table_n() {
    let text = page(
        "Deleting NICs",
        &[
            ("Function", "Deletes NICs.".into()),
            (
                "URI",
                "POST /v1/{project_id}/servers/{server_id}/nics/delete".into(),
            ),
            (
                "Request",
                format!(
                    "Table 2 Request parameters\n\n{}\n\nTable 3 nics field description\n\n{}\n\nTable 4 Approver attributes\n\n{}",
                    cells(&[
                        "Parameter",
                        "Mandatory",
                        "Type",
                        "Description",
                        "nics",
                        "Yes",
                        "Array of objects",
                        "The NICs.",
                        "owner",
                        "No",
                        "Object",
                        "The owner, see Table 4.",
                        "policy",
                        "No",
                        "PolicyInfo object",
                        "A policy.",
                    ]),
                    cells(&[
                        "Parameter",
                        "Mandatory",
                        "Type",
                        "Description",
                        "id",
                        "Yes",
                        "String",
                        "NIC ID."
                    ]),
                    cells(&[
                        "Parameter",
                        "Mandatory",
                        "Type",
                        "Description",
                        "user",
                        "Yes",
                        "String",
                        "The user."
                    ]),
                ) + "\n\nTable 5 PolicyInfo\n\n"
                    + &cells(&[
                        "Parameter",
                        "Mandatory",
                        "Type",
                        "Description",
                        "name",
                        "No",
                        "String",
                        "Its name.",
                    ]),
            ),
            (
                "Status Codes",
                cells(&["Status Code", "Description", "200", "OK"]),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &[
            "      nics:\n        type: array\n        items: {ref: nics}\n",
            "      owner:\n        ref: Approver\n",
            "      policy:\n        ref: PolicyInfo\n",
        ],
    );
    // A type naming a table the page lacks is a gap at its row, not a failed page.
    let broken = text.replace("PolicyInfo object", "MissingInfo object");
    let options = ImportOptions {
        service: "layouts".into(),
        allow_gaps: true,
        ..ImportOptions::default()
    };
    let imported = import_page(&broken, &options, None).unwrap();
    assert_eq!(imported.gaps.len(), 1, "{:?}", imported.gaps);
    assert!(imported.gaps[0].message.contains("MissingInfo"));
    // The gap carries its stable code, in the report and in the spec's comment.
    assert_eq!(imported.gaps[0].code, Code::MissingTableOnPage);
    let report = report_text("page.md", &imported);
    assert!(report.contains("  gap[I0008]: line "), "{report}");
    assert!(
        imported.yaml.contains("# GAP[I0008] (line "),
        "{}",
        imported.yaml
    );
}

#[test]
fn statuses_stated_in_prose_examples_or_not_at_all() {
    let base = |responses: &str, status_section: &str| {
        page(
            "Deleting a Queue",
            &[
                ("Function", "Deletes.".into()),
                ("URI", "DELETE /v1/{project_id}/queues/{queue_name}".into()),
                ("Response", responses.into()),
                ("Status Codes", status_section.into()),
            ],
        )
    };
    let from_bullet = import(&base(
        "  • HTTP status code 204\n\n  • HTTP status code 400",
        "See Status Codes.",
    ));
    assert_has(&from_bullet, &["  204:\n", "  400:\n"]);
    let pointer_only = import(&base("None", "For details, see Status Codes."));
    assert_has(
        &pointer_only,
        &["  204:\n    description: \"\"\n    inferred: true\n"],
    );
    let example_only = import(&format!(
        "{}Example Responses\n\nHTTP/1.1 202\n",
        base("None", "See Status Codes.")
    ));
    assert_has(&example_only, &["  202:\n"]);
    assert!(
        !example_only.yaml.contains("inferred"),
        "{}",
        example_only.yaml
    );
}

#[test]
fn response_headers_on_any_status() {
    let text = page(
        "Creating a Widget",
        &[
            ("Function", "Creates.".into()),
            ("URI", "POST /v1/widgets".into()),
            (
                "Response Parameters",
                format!(
                    "Status code: 201\n\nTable 2 Response header parameters\n\n{}\n\nTable 3 Response body parameters\n\n{}",
                    cells(&[
                        "Parameter",
                        "Type",
                        "Description",
                        "X-Request-Id",
                        "String",
                        "Request ID."
                    ]),
                    cells(&[
                        "Parameter",
                        "Type",
                        "Description",
                        "id",
                        "String",
                        "Widget ID."
                    ])
                ),
            ),
            (
                "Status Codes",
                cells(&["Status Code", "Description", "201", "Created"]),
            ),
        ],
    );
    let imported = import(&text);
    assert_has(
        &imported,
        &["    headers:\n      X-Request-Id:\n", "        id:\n"],
    );
    // On an error status too: the spec holds them, the generated docs name them.
    let throttled = text
        .replace("Status code: 201", "Status code: 429")
        .replace(
            "201\n\nCreated",
            "201\n\nCreated\n\n429\n\nToo many requests",
        );
    let imported = import(&throttled);
    assert_has(
        &imported,
        &[
            "  429:\n    description: Too many requests\n",
            "          doc: Widget ID.\n    headers:\n      X-Request-Id:\n",
        ],
    );
}

#[test]
fn defaults_of_n_a_notes_before_function_and_deprecated_pages() {
    let text = format!(
        "Deleting a Stream (Deprecated)\n\n[It is not supported in versions later than 1.8.0.]\n\nFunction\n\nThis API is deprecated. Use the v3 API instead.\n\nURI\n\nDELETE /v2/{{project_id}}/streams/{{stream_name}}\n\n{}\n\nStatus Codes\n\n{}\n",
        cells(&[
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "project_id",
            "Yes",
            "String",
            "Project ID.",
            "Default value: N/A",
            "stream_name",
            "Yes",
            "String",
            "Stream name."
        ]),
        cells(&["Status Code", "Description", "204", "Deleted"])
    );
    let imported = import(&text);
    assert_eq!(imported.draft.title, "Deleting a Stream (Deprecated)");
    // The page's own note is the deprecation note (the title says so too).
    assert_has(
        &imported,
        &[
            "deprecated: This API is deprecated. Use the v3 API instead.\n",
            "    doc: Project ID.\n  stream_name:",
        ],
    );
    assert!(!imported.yaml.contains("default:"), "{}", imported.yaml);
}

#[test]
fn chinese_markdown_pages_with_labels_anchors_and_prose_forms() {
    let text = "\
# 删除云硬盘（废弃）

## 功能介绍

删除一个云硬盘。

## URI

-   URI格式

    DELETE /v2/\\{project\\_id\\}/cloudvolumes/\\{volume\\_id\\}

-   参数说明

    <table><thead><tr><th>参数</th><th>是否必选</th><th>描述</th></tr></thead>
    <tbody><tr><td>project_id</td><td>是</td><td>项目ID。</td></tr>
    <tr><td>volume_id</td><td>是</td><td>云硬盘ID。</td></tr></tbody></table>

## 响应消息

-   响应参数

    <table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead>
    <tbody><tr><td>job_id</td><td>String</td><td>任务ID。</td></tr>
    <tr><td>error</td><td>Object</td><td><p>错误信息，具体请参见<a href=\"#li1\">error参数说明</a>。</p></td></tr></tbody></table>

-   <a name=\"li1\"></a>error参数说明

    <table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead>
    <tbody><tr><td>code</td><td>String</td><td>错误码。最大支持255个字节。</td></tr>
    <tr><td>type</td><td>String</td><td>类型。取值为：disk、snapshot。默认值为disk。</td></tr></tbody></table>

## 状态码

-   正常

    200
";
    let imported = import_as(text, Format::Markdown);
    assert_has(
        &imported,
        &[
            "deprecated: 删除云硬盘（废弃）\n",
            "path: /v2/{project_id}/cloudvolumes/{volume_id}\n",
            "        error:\n          ref: error\n",
            "      type:\n        type: string\n",
            "        default: disk\n",
            "        enum: [disk, snapshot]\n",
            "  200:\n",
        ],
    );
    // A byte limit is a prose constraint (spec lengths count characters), kept as text.
    assert!(
        imported
            .report
            .prose_constraints
            .iter()
            .any(|c| c.contains("255")),
        "{:?}",
        imported.report
    );
    // Chinese titles name no id: the official SDKs' convention over method and path.
    assert_eq!(imported.id, "DeleteVolume");
}

#[test]
fn repeated_rows_of_a_long_table_are_each_reported_at_their_line() {
    // Every tenth row repeats an earlier name; the check is by set, so any number of rows is
    // read in linear time (bench/import_rows.py measures it).
    let rows = 300;
    let mut page = String::from(
        "# 创建云硬盘\n\n## URI\n\nPOST /v2/\\{project\\_id\\}/cloudvolumes\n\n## 响应消息\n\n\
         <table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead><tbody>\n",
    );
    let first_row_line = 10;
    let mut repeated_lines = Vec::new();
    for i in 0..rows {
        let name = if i % 10 == 9 { i - 5 } else { i };
        if name != i {
            repeated_lines.push(first_row_line + i);
        }
        page.push_str(&format!(
            "<tr><td>field_{name}</td><td>String</td><td>Field {i}.</td></tr>\n"
        ));
    }
    page.push_str("</tbody></table>\n");
    let options = ImportOptions {
        service: "layouts".into(),
        allow_gaps: true,
        format: Some(Format::Markdown),
        ..ImportOptions::default()
    };
    let imported = import_page(&page, &options, None).unwrap();
    let gap_lines: Vec<usize> = imported.gaps.iter().map(|g| g.line).collect();
    assert_eq!(gap_lines, repeated_lines);
    assert!(
        imported.gaps[0]
            .message
            .contains("`field_4` is listed twice")
    );
    assert!(
        imported
            .gaps
            .iter()
            .all(|gap| gap.code == Code::ListedTwiceOnPage)
    );
    assert_eq!(
        imported.yaml.matches("doc: Field ").count(),
        rows - repeated_lines.len()
    );
}
