//! Tables: what each one is (by its columns, caption, label and section), its rows as
//! fields, and the links from `Object` fields to the tables that describe them.

use super::statuses::leading_code;
use super::walk::{Context, ItemKind, Label, Section, Walked};
use crate::import::read::document::{BlockKind, Cell, Table};
use crate::import::vocabulary::{self, Vocabularies};

/// What a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// In a section the spec does not hold (authorization, error codes).
    Ignored,
    /// Not understood: why.
    Unknown(String),
    /// The method and URI.
    MethodUri,
    /// Status codes and their descriptions.
    Statuses,
    /// The fields of an object a field or type refers to, by its name.
    Object(String),
    /// Parameters at a location (`path`, `query`, `header`), or by their placeholder and
    /// location column when `None`.
    Params(Option<&'static str>),
    /// The request body's fields.
    RequestBody,
    /// A response's body fields (or headers), for a status when the page says which.
    ResponseBody {
        /// The status, when announced before the table.
        status: Option<u16>,
        /// Response headers rather than body fields.
        headers: bool,
    },
}

impl Role {
    /// Whether rows are body fields (where a missing type column matters).
    pub fn is_body(&self) -> bool {
        matches!(
            self,
            Role::RequestBody | Role::ResponseBody { .. } | Role::Object(_)
        )
    }
}

/// A table with what the interpreter decided about it.
#[derive(Debug, Clone)]
pub struct TableInfo<'d> {
    pub table: &'d Table,
    /// Where it stands.
    pub context: Context,
    pub line: usize,
    /// Column keys of the vocabularies, per header cell.
    pub columns: Vec<Option<String>>,
    /// The caption's number (`Table 4` → `4`).
    pub number: Option<String>,
    pub role: Role,
    /// Position among the page's tables.
    pub index: usize,
}

/// Classifies every table of the page.
pub fn classify_all<'d>(walked: &Walked<'d>, vocabularies: &Vocabularies) -> Vec<TableInfo<'d>> {
    let mut out = Vec::new();
    for item in &walked.items {
        let ItemKind::Table(table) = item.kind else {
            continue;
        };
        let columns: Vec<Option<String>> = table
            .header
            .iter()
            .map(|h| {
                vocabularies
                    .phrase(vocabulary::columns, h)
                    .map(str::to_owned)
            })
            .collect();
        let own_caption = table.caption.as_ref().or(item.caption);
        let caption = own_caption
            .and_then(|c| vocabularies.template(vocabulary::captions, "number_prefix", &c.text));
        let number = caption.as_ref().and_then(|c| c.get("n").cloned());
        let caption_text = caption
            .and_then(|mut c| c.remove("caption"))
            .or_else(|| own_caption.map(|c| c.text.clone()));
        let mut info = TableInfo {
            table,
            context: item.context.clone(),
            line: item.line,
            columns,
            number,
            role: Role::Ignored,
            index: out.len(),
        };
        info.role = classify(&info, caption_text.as_deref(), vocabularies);
        out.push(info);
    }
    out
}

fn has(columns: &[Option<String>], key: &str) -> bool {
    columns.iter().any(|c| c.as_deref() == Some(key))
}

fn classify(info: &TableInfo, caption: Option<&str>, vocabularies: &Vocabularies) -> Role {
    let context = &info.context;
    if context.section.is_text() {
        return Role::Ignored;
    }
    if info.table.header.is_empty() {
        return Role::Unknown("a table without a header row".into());
    }
    if let Some(unknown) = info
        .table
        .header
        .iter()
        .zip(&info.columns)
        .find(|(_, key)| key.is_none())
    {
        return Role::Unknown(format!("unknown table header `{}`", unknown.0));
    }
    let columns = &info.columns;
    if has(columns, "method") && has(columns, "uri") {
        return Role::MethodUri;
    }
    if has(columns, "status") && !has(columns, "name") {
        return Role::Statuses;
    }
    if !has(columns, "name") {
        return Role::Unknown(format!(
            "a table without a parameter column (columns: {})",
            info.table.header.join(", ")
        ));
    }
    // A location column (`IN`) says where each row goes, whatever the caption calls the table.
    if has(columns, "location") && context.section != Section::Response {
        return Role::Params(None);
    }
    // The caption says what the table is, or names the object it describes.
    if let Some(caption) = caption {
        match vocabularies.phrase(vocabulary::captions, caption) {
            Some("path") => return Role::Params(Some("path")),
            Some("query") => return Role::Params(Some("query")),
            Some("request_headers") => return Role::Params(Some("header")),
            Some("request_body") if context.section != Section::Response => {
                return Role::RequestBody;
            }
            Some("response_headers") => {
                return Role::ResponseBody {
                    status: context.status,
                    headers: true,
                };
            }
            Some("response_body") if context.section != Section::Request => {
                return Role::ResponseBody {
                    status: context.status,
                    headers: false,
                };
            }
            Some(_) => {}
            None => {
                if let Some(name) = object_name(vocabularies, caption)
                    && context.section != Section::Uri
                {
                    return Role::Object(name);
                }
            }
        }
    }
    // An object table in the URI section describes nothing a field could refer to: what a
    // label there names (`Request filter参数说明`) is the operation's parameters.
    if let Some(Label::Object(name)) = &context.label
        && context.section != Section::Uri
    {
        return Role::Object(name.clone());
    }
    match context.section {
        Section::Uri => Role::Params(None),
        Section::Request => {
            if has(columns, "location") {
                Role::Params(None)
            } else if looks_like_headers(info) {
                Role::Params(Some("header"))
            } else {
                Role::RequestBody
            }
        }
        Section::Response => {
            if has(columns, "location") {
                // A response table with an IN column: header rows are response headers.
                Role::ResponseBody {
                    status: context.status,
                    headers: looks_like_headers(info),
                }
            } else {
                Role::ResponseBody {
                    status: context.status,
                    headers: false,
                }
            }
        }
        Section::Unknown => Role::Unknown(format!(
            "a table under the heading {:?}, which the vocabularies do not know",
            context.heading.as_deref().unwrap_or_default()
        )),
        other => Role::Unknown(format!("a parameter table in the {other:?} section")),
    }
}

/// The object a caption names: `nics field description` → `nics`, `PageInfo` → `PageInfo`.
fn object_name(vocabularies: &Vocabularies, caption: &str) -> Option<String> {
    if let Some(mut captures) = vocabularies.template(vocabulary::labels, "object", caption)
        && let Some(name) = captures.remove("name")
        && is_name(&name)
    {
        return Some(name);
    }
    let caption = caption.trim();
    is_name(caption).then(|| caption.to_owned())
}

/// A model or field name as pages write them: one word of letters, digits, `_`, `-`, `.`.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 64
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// HTTP headers pages list without a `-` in their name.
const ONE_WORD_HEADERS: [&str; 8] = [
    "Authorization",
    "Accept",
    "Host",
    "Cookie",
    "Date",
    "Range",
    "Expect",
    "Origin",
];

/// Whether most rows name an HTTP header (`X-Auth-Token`, `Content-Type`, `Authorization`):
/// a table without a caption that says so, listing headers (and maybe one a page names in
/// lower case, such as `language`), rather than body fields.
fn looks_like_headers(info: &TableInfo) -> bool {
    let Some(name) = info
        .columns
        .iter()
        .position(|c| c.as_deref() == Some("name"))
    else {
        return false;
    };
    let header_like = info
        .table
        .rows
        .iter()
        .filter(|row| {
            row.cells.get(name).is_some_and(|cell| {
                let text = cell.plain_text();
                let dashed = text.contains('-')
                    && text.starts_with(|c: char| c.is_ascii_uppercase())
                    && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
                dashed || ONE_WORD_HEADERS.contains(&text.as_str())
            })
        })
        .count();
    !info.table.rows.is_empty() && header_like * 2 > info.table.rows.len()
}

/// A row of a parameter-like table.
#[derive(Debug, Clone)]
pub struct RowFacts {
    /// Wire name.
    pub name: String,
    /// The Mandatory column.
    pub required: Option<bool>,
    /// The Type column as printed, and its line.
    pub ty: Option<(String, usize)>,
    /// The location column.
    pub location: Option<&'static str>,
    /// The description cell.
    pub description: Cell,
    pub line: usize,
}

/// The rows of a parameter-like table; a row that cannot be read is `Err((line, why))`.
pub fn rows(
    info: &TableInfo,
    vocabularies: &Vocabularies,
) -> Vec<Result<RowFacts, (usize, String)>> {
    let column = |key: &str| info.columns.iter().position(|c| c.as_deref() == Some(key));
    let (name, required, ty, location, description) = (
        column("name"),
        column("required"),
        column("type"),
        column("location"),
        column("description"),
    );
    info.table
        .rows
        .iter()
        .map(|row| {
            let text = |index: Option<usize>| {
                index
                    .and_then(|i| row.cells.get(i))
                    .map(|c| c.plain_text().trim().to_owned())
            };
            let name_text = text(name).unwrap_or_default();
            if name_text.is_empty() || name_text.contains(char::is_whitespace) {
                return Err((
                    row.line,
                    format!("expected a parameter name, found {name_text:?}"),
                ));
            }
            let required = match text(required) {
                None => None,
                Some(value) => Some(yes_no(vocabularies, &value).ok_or_else(|| {
                    (
                        row.line,
                        format!("`{name_text}`: the Mandatory cell reads {value:?}, not yes or no"),
                    )
                })?),
            };
            let location = match text(location) {
                None => None,
                Some(value) => Some(
                    ["path", "query", "header", "body"]
                        .into_iter()
                        .find(|key| vocabularies.is(vocabulary::values, key, &value))
                        .ok_or_else(|| {
                            (
                                row.line,
                                format!("`{name_text}`: unknown location {value:?}"),
                            )
                        })?,
                ),
            };
            Ok(RowFacts {
                name: name_text,
                required,
                ty: text(ty).zip(ty.and_then(|i| row.cells.get(i)).map(|c| c.line)),
                location,
                description: description
                    .and_then(|i| row.cells.get(i))
                    .cloned()
                    .unwrap_or_default(),
                line: row.line,
            })
        })
        .collect()
}

/// `Yes`/`No` in any language; a cell that starts with one and explains it counts too.
fn yes_no(vocabularies: &Vocabularies, text: &str) -> Option<bool> {
    if vocabularies.is(vocabulary::values, "yes", text) {
        return Some(true);
    }
    if vocabularies.is(vocabulary::values, "no", text) {
        return Some(false);
    }
    let first = text
        .split(|c: char| c.is_whitespace() || "，,.。(（:：".contains(c))
        .next()
        .unwrap_or_default();
    if first != text {
        return yes_no(vocabularies, first);
    }
    None
}

/// The rows of a status table: (code, description, line); `None` where the cell holds no code.
pub fn status_rows(
    info: &TableInfo,
    vocabularies: &Vocabularies,
) -> Vec<(Option<u16>, String, usize)> {
    let column = |key: &str| info.columns.iter().position(|c| c.as_deref() == Some(key));
    let status = column("status");
    let description = column("description");
    let _ = vocabularies;
    info.table
        .rows
        .iter()
        .map(|row| {
            let cell = |index: Option<usize>| {
                index
                    .and_then(|i| row.cells.get(i))
                    .map(|c| c.plain_text().trim().to_owned())
                    .unwrap_or_default()
            };
            let status_text = cell(status);
            match leading_code(&status_text) {
                Some((code, rest)) => {
                    let described = cell(description);
                    let text = if described.is_empty() {
                        rest.to_owned()
                    } else {
                        described
                    };
                    (Some(code), text, row.line)
                }
                None => (None, status_text, row.line),
            }
        })
        .collect()
}

/// An object table: the page's name for it, the model it becomes, the table.
#[derive(Debug, Clone)]
pub struct Object<'a, 'd> {
    /// The model's name in the spec (unique in the operation).
    pub model: String,
    /// The name the page gives it (a field's or type's name), for linking.
    pub page_name: String,
    /// The table.
    pub info: &'a TableInfo<'d>,
}

/// A model name for an object table that is unique among `taken`: the page's name, else the
/// name with the section it stands in (`snapshot_response`), else a number.
pub fn unique_model_name(name: &str, info: &TableInfo, taken: &[Object]) -> String {
    let free = |candidate: &str| !taken.iter().any(|o| o.model == candidate);
    if free(name) {
        return name.to_owned();
    }
    let section = match info.context.section {
        Section::Request => Some("request"),
        Section::Response => Some("response"),
        _ => None,
    };
    if let Some(section) = section {
        let candidate = format!("{name}_{section}");
        if free(&candidate) {
            return candidate;
        }
    }
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|candidate| free(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// Finds the object table an `Object` field refers to.
pub struct Linker<'a, 'd> {
    objects: &'a [Object<'a, 'd>],
    known: Vec<String>,
    number_prefixes: Vec<String>,
}

impl<'a, 'd> Linker<'a, 'd> {
    /// A linker over the page's object tables; `known` are models defined elsewhere (the
    /// service's shared models).
    pub fn new(
        objects: &'a [Object<'a, 'd>],
        known: &[String],
        vocabularies: &Vocabularies,
    ) -> Self {
        let number_prefixes = vocabularies
            .phrases(vocabulary::captions, "number_prefix")
            .iter()
            .filter_map(|t| t.split("{n}").next().map(str::to_owned))
            .filter(|p| !p.trim().is_empty())
            .collect();
        Linker {
            objects,
            known: known.to_vec(),
            number_prefixes,
        }
    }

    /// Whether a model of this name exists (a table of the page or a known model).
    pub fn has(&self, name: &str) -> bool {
        self.objects.iter().any(|o| o.model == name) || self.known.iter().any(|n| n == name)
    }

    /// The model of the table the page calls `name`, preferring the nearest one after the
    /// table `from` (a field's object is described below it).
    pub fn named(&self, name: &str, from: &TableInfo) -> Option<String> {
        let candidates: Vec<&Object> = self
            .objects
            .iter()
            .filter(|o| o.page_name.eq_ignore_ascii_case(name) && o.info.index != from.index)
            .collect();
        candidates
            .iter()
            .find(|o| o.info.index > from.index)
            .or_else(|| candidates.last())
            .map(|o| o.model.clone())
    }

    /// The model for an untyped object field: a link in its description to an anchor of a
    /// table (or of the label introducing it), "see Table N", or a table named after the field.
    pub fn link(&self, row: &RowFacts, from: &TableInfo) -> Option<String> {
        for target in links(&row.description) {
            let Some(anchor) = target.strip_prefix('#') else {
                continue;
            };
            if let Some(object) = self.objects.iter().find(|o| {
                o.info.table.anchors.iter().any(|a| a == anchor)
                    || o.info.context.label_anchors.iter().any(|a| a == anchor)
            }) {
                return Some(object.model.clone());
            }
        }
        let text = row.description.plain_text();
        for number in self.table_numbers(&text) {
            if let Some(object) = self
                .objects
                .iter()
                .find(|o| o.info.number.as_deref() == Some(number.as_str()))
            {
                return Some(object.model.clone());
            }
        }
        self.named(&row.name, from)
    }

    /// The numbers of the tables a text refers to (`see Table 4`, `详见表3`).
    fn table_numbers(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for prefix in &self.number_prefixes {
            let prefix = prefix.trim();
            let mut rest = text;
            while let Some(at) = rest.find(prefix) {
                let after = rest[at + prefix.len()..].trim_start();
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                if !digits.is_empty() {
                    out.push(digits);
                }
                rest = &rest[at + prefix.len()..];
            }
        }
        out
    }
}

/// Every link target inside a cell.
fn links(cell: &Cell) -> Vec<String> {
    fn collect(blocks: &[crate::import::read::document::Block], out: &mut Vec<String>) {
        for block in blocks {
            match &block.kind {
                BlockKind::Paragraph(text) => {
                    out.extend(text.links.iter().map(|l| l.target.clone()))
                }
                BlockKind::Heading(heading) => {
                    out.extend(heading.text.links.iter().map(|l| l.target.clone()))
                }
                BlockKind::List(list) => {
                    for item in &list.items {
                        collect(&item.blocks, out);
                    }
                }
                BlockKind::Table(_) | BlockKind::Code(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    collect(&cell.blocks, &mut out);
    out
}
