//! Hand edits of imported specs, recorded in the spec's `edits:` list.
//!
//! A committed operation spec is the importer's output for its page plus reviewed hand edits.
//! Each edit names the YAML path it changed (`at`), what the import wrote there (`was`, absent
//! when it wrote nothing) and why; the spec's own value at that path is the edit. Everything
//! here works on YAML value trees, never on text, so comments and layout are no departures:
//! - [`review`] compares an import with a committed spec: every departure either has its edit
//!   (a reviewed edit) or is a problem (an unrecorded departure, a stale edit, an edit the
//!   page changed under);
//! - [`merge`] re-imports over a committed spec: the new import's text with each recorded edit
//!   carried over, or the conflicts where the page changed what an edit changed.

use std::fmt;

use serde_yaml::{Mapping, Value};

use crate::spec::location::LocationIndex;
use crate::spec::types::EditSpec;

/// The top-level key of the edits list, which is provenance and never itself a departure.
pub const EDITS_KEY: &str = "edits";

use crate::spec::yaml_path::location_path;
pub use crate::spec::yaml_path::{Segment, format_path, parse_path};

/// A mapping key as path text: strings as they are, numbers and booleans as YAML prints them.
fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(value) => Some(value.to_string()),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

/// The key a new mapping entry gets: a number where the text is one (response statuses),
/// else a string.
fn key_value(text: &str) -> Value {
    match text.parse::<u64>() {
        Ok(number) if !text.starts_with('0') || text == "0" => Value::Number(number.into()),
        _ => Value::String(text.to_owned()),
    }
}

fn find_key<'a>(map: &'a Mapping, key: &str) -> Option<(&'a Value, &'a Value)> {
    map.iter()
        .find(|(k, _)| key_text(k).as_deref() == Some(key))
}

/// The value at `path`, if there is one.
pub fn get<'a>(root: &'a Value, path: &[Segment]) -> Option<&'a Value> {
    let mut node = root;
    for segment in path {
        node = match (segment, node) {
            (Segment::Key(key), Value::Mapping(map)) => find_key(map, key)?.1,
            (Segment::Index(index), Value::Sequence(items)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Whether two optional values are the same, `null` counting as absent (an edit's `was: null`
/// says the import wrote nothing there).
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    a == b
}

/// Sets the value at `path` (`None` removes it). The parent must exist; a new key is added at
/// the end of its mapping, a new item only right after the last one.
pub fn set(root: &mut Value, path: &[Segment], value: Option<Value>) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Err("the path is empty".into());
    };
    let mut node = root;
    for (depth, segment) in parents.iter().enumerate() {
        let here = format_path(&path[..=depth]);
        node = match (segment, node) {
            (Segment::Key(key), Value::Mapping(map)) => {
                let key = map
                    .keys()
                    .find(|k| key_text(k).as_deref() == Some(key))
                    .cloned()
                    .ok_or_else(|| format!("`{here}` does not exist"))?;
                map.get_mut(&key)
                    .ok_or_else(|| format!("`{here}` does not exist"))?
            }
            (Segment::Index(index), Value::Sequence(items)) => items
                .get_mut(*index)
                .ok_or_else(|| format!("`{here}` does not exist"))?,
            _ => return Err(format!("`{here}` does not exist")),
        };
    }
    let whole = format_path(path);
    match (last, node) {
        (Segment::Key(key), Value::Mapping(map)) => {
            let existing = map
                .keys()
                .find(|k| key_text(k).as_deref() == Some(key))
                .cloned();
            match (existing, value) {
                (Some(k), Some(value)) => {
                    map.insert(k, value);
                }
                (Some(k), None) => {
                    map.shift_remove(&k);
                }
                (None, Some(value)) => {
                    map.insert(key_value(key), value);
                }
                (None, None) => {}
            }
            Ok(())
        }
        (Segment::Key(key), parent) if parent.is_null() && value.is_some() => {
            let mut map = Mapping::new();
            map.insert(key_value(key), value.unwrap_or_default());
            *parent = Value::Mapping(map);
            Ok(())
        }
        (Segment::Index(index), Value::Sequence(items)) => {
            match value {
                Some(value) if *index < items.len() => items[*index] = value,
                Some(value) if *index == items.len() => items.push(value),
                Some(_) => {
                    return Err(format!(
                        "`{whole}`: the sequence has {} item(s)",
                        items.len()
                    ));
                }
                None if *index < items.len() => {
                    items.remove(*index);
                }
                None => {}
            }
            Ok(())
        }
        (_, _) if value.is_none() => Ok(()),
        _ => Err(format!(
            "`{whole}`: its parent is not a mapping or sequence"
        )),
    }
}

/// Where two value trees differ: the import's value and the committed one (`None` where
/// absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    /// The YAML path.
    pub path: Vec<Segment>,
    /// What the import has there.
    pub import: Option<Value>,
    /// What the committed spec has there.
    pub committed: Option<Value>,
}

/// Every place where `committed` departs from `import`, at the first level where they differ:
/// a key only one side has, a scalar changed, a sequence of another length (as a whole, so
/// that applying the departures never shifts indexes). The top-level `edits` list is not
/// compared.
pub fn diff(import: &Value, committed: &Value) -> Vec<Departure> {
    let mut out = Vec::new();
    diff_into(import, committed, &mut Vec::new(), &mut out);
    out
}

fn diff_into(a: &Value, b: &Value, path: &mut Vec<Segment>, out: &mut Vec<Departure>) {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            let keys_x = x.keys().filter_map(key_text);
            let keys_y = y.keys().filter_map(key_text);
            let mut keys: Vec<String> = Vec::new();
            for key in keys_x.chain(keys_y) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            for key in keys {
                if path.is_empty() && key == EDITS_KEY {
                    continue;
                }
                path.push(Segment::Key(key.clone()));
                match (find_key(x, &key), find_key(y, &key)) {
                    (Some((_, vx)), Some((_, vy))) => diff_into(vx, vy, path, out),
                    (vx, vy) => {
                        let (vx, vy) = (vx.map(|v| v.1), vy.map(|v| v.1));
                        if !same(vx, vy) {
                            out.push(Departure {
                                path: path.clone(),
                                import: vx.cloned(),
                                committed: vy.cloned(),
                            });
                        }
                    }
                }
                path.pop();
            }
        }
        (Value::Sequence(x), Value::Sequence(y)) if x.len() == y.len() => {
            for (index, (vx, vy)) in x.iter().zip(y).enumerate() {
                path.push(Segment::Index(index));
                diff_into(vx, vy, path, out);
                path.pop();
            }
        }
        (Value::Tagged(x), Value::Tagged(y)) if x.tag == y.tag => {
            diff_into(&x.value, &y.value, path, out)
        }
        _ if a == b => {}
        _ => out.push(Departure {
            path: path.clone(),
            import: Some(a.clone()),
            committed: Some(b.clone()),
        }),
    }
}

/// The edits that turn `import` into `committed`, one per departure (the round trip
/// [`apply_values`]`(import, committed, edits_for(..)) == committed` is tested).
pub fn edits_for(import: &Value, committed: &Value, why: &str) -> Vec<EditSpec> {
    diff(import, committed)
        .into_iter()
        .map(|d| EditSpec {
            at: format_path(&d.path),
            was: d.import,
            why: why.to_owned(),
        })
        .collect()
}

/// `import` with the value `committed` has at each edit's path put in place (the paths must
/// parse).
pub fn apply_values(
    import: &Value,
    committed: &Value,
    edits: &[EditSpec],
) -> Result<Value, String> {
    let mut out = import.clone();
    for edit in edits {
        let path = parse_path(&edit.at)?;
        set(&mut out, &path, get(committed, &path).cloned())?;
    }
    Ok(out)
}

/// The `edits:` list of a committed spec's value tree.
pub fn edits_of(committed: &Value) -> Result<Vec<EditSpec>, String> {
    match committed.get(EDITS_KEY) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(list) => serde_yaml::from_value(list.clone()).map_err(|e| format!("`edits`: {e}")),
    }
}

/// A value as one line of YAML, for messages (`absent` where there is none).
pub fn show(value: Option<&Value>) -> String {
    match value.filter(|v| !v.is_null()) {
        None => "absent".into(),
        Some(value) => {
            let text = serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"));
            const MAX: usize = 300;
            if text.len() > MAX {
                let mut end = MAX;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}… ({} bytes)", &text[..end], text.len())
            } else {
                text
            }
        }
    }
}

/// What comparing an import with its committed spec found.
#[derive(Debug, Default)]
pub struct Review {
    /// Departures with their edit: (the edit, the import's value, the committed value).
    pub reviewed: Vec<(EditSpec, Option<Value>, Option<Value>)>,
    /// Everything else.
    pub problems: Vec<Problem>,
}

/// A departure without its edit, or an edit that no longer fits.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// The committed spec departs from the import where no edit says so.
    Unrecorded(Departure),
    /// An edit whose path no longer departs from the import.
    Stale {
        /// The edit.
        edit: EditSpec,
    },
    /// An edit whose `was` is not what the import writes there now: the page or the
    /// importer changed under it.
    PageChanged {
        /// The edit.
        edit: EditSpec,
        /// What the import writes there now.
        import: Option<Value>,
        /// The edited value.
        committed: Option<Value>,
    },
    /// An edit whose path does not parse or cannot be placed in the import.
    BadPath {
        /// The edit.
        edit: EditSpec,
        /// Why.
        message: String,
    },
}

impl Problem {
    /// The YAML path the problem is about.
    pub fn at(&self) -> String {
        match self {
            Problem::Unrecorded(d) => format_path(&d.path),
            Problem::Stale { edit }
            | Problem::PageChanged { edit, .. }
            | Problem::BadPath { edit, .. } => edit.at.clone(),
        }
    }

    /// Whether the problem is about an entry of `edits` (located at the entry) rather than a
    /// value of the spec.
    pub fn is_about_an_edit(&self) -> bool {
        !matches!(self, Problem::Unrecorded(_))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unrecorded(d) => write!(
                f,
                "`{}` departs from the import and no entry of `edits` records it: the import writes {}, the spec has {}",
                format_path(&d.path),
                show(d.import.as_ref()),
                show(d.committed.as_ref())
            ),
            Problem::Stale { edit } => write!(
                f,
                "the edit at `{}` is stale: the spec no longer departs from the import there (drop the entry)",
                edit.at
            ),
            Problem::PageChanged {
                edit,
                import,
                committed,
            } => write!(
                f,
                "the page or the importer changed under the edit at `{}`: the import now writes {}, the edit was made over {} (was), the spec has {}",
                edit.at,
                show(import.as_ref()),
                show(edit.was.as_ref()),
                show(committed.as_ref())
            ),
            Problem::BadPath { edit, message } => {
                write!(f, "the edit at `{}` cannot be placed: {message}", edit.at)
            }
        }
    }
}

/// Compares the import of a page with the committed spec and its `edits`.
pub fn review(import: &Value, committed: &Value, edits: &[EditSpec]) -> Review {
    let mut out = Review::default();
    let mut patched = import.clone();
    for edit in edits {
        let path = match parse_path(&edit.at) {
            Ok(path) => path,
            Err(message) => {
                out.problems.push(Problem::BadPath {
                    edit: edit.clone(),
                    message,
                });
                continue;
            }
        };
        let (now, edited) = (get(import, &path), get(committed, &path));
        if !same(now, edit.was.as_ref()) {
            out.problems.push(Problem::PageChanged {
                edit: edit.clone(),
                import: now.cloned(),
                committed: edited.cloned(),
            });
        } else if same(now, edited) {
            out.problems.push(Problem::Stale { edit: edit.clone() });
        } else {
            out.reviewed
                .push((edit.clone(), now.cloned(), edited.cloned()));
        }
        // The edit's own problem is reported; what it covers is not reported again.
        if let Err(message) = set(&mut patched, &path, edited.cloned()) {
            out.problems.push(Problem::BadPath {
                edit: edit.clone(),
                message,
            });
        }
    }
    out.problems.extend(
        diff(&patched, committed)
            .into_iter()
            .map(Problem::Unrecorded),
    );
    out
}

/// How a re-import treats what it cannot carry over.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeepEdits {
    /// Drop the edits the page changed under (`--take-page`), taking the page's value.
    pub take_page: bool,
    /// Drop departures of the committed spec that `edits` does not record (`--force`).
    pub force: bool,
}

/// A recorded edit the new import changed under.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The edit.
    pub edit: EditSpec,
    /// What the new import writes at the edit's path.
    pub page: Option<Value>,
    /// The edited value (the committed spec's).
    pub edited: Option<Value>,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "conflict at `{}`: the page now gives {}, the edit has {}, made over {} (was)",
            self.edit.at,
            show(self.page.as_ref()),
            show(self.edited.as_ref()),
            show(self.edit.was.as_ref())
        )
    }
}

/// What a re-import over a committed spec writes, or why it writes nothing.
#[derive(Debug)]
pub enum Merged {
    /// The text to write.
    Text {
        /// The new import with the edits carried over and the `edits` list.
        text: String,
        /// The edits carried over.
        kept: Vec<EditSpec>,
        /// Edits dropped with `--take-page` (conflicts) or because the page now agrees.
        dropped: Vec<(EditSpec, String)>,
        /// Departures without an edit that `--force` dropped, or that the changed page
        /// replaced (listed so they are never lost silently).
        replaced: Vec<Departure>,
    },
    /// Nothing written: the conflicts, the unrecorded departures, or a layout problem.
    Refused(Vec<String>),
}

/// Re-imports over a committed spec: the new import's text (`new_text`) with every recorded
/// edit of `committed_text` carried over where the new import still writes the edit's `was`.
///
/// A conflict (the new import writes something else there) refuses, unless
/// [`KeepEdits::take_page`] drops that edit. A departure of the committed spec that `edits`
/// does not record refuses when the page is unchanged (same `source.sha256`: it can only be an
/// unrecorded hand edit or an importer change), unless [`KeepEdits::force`]; when the page
/// changed, such departures are the page's changes (the tests keep committed specs free of
/// unrecorded edits) and are listed in [`Merged::Text::replaced`].
pub fn merge(new_text: &str, committed_text: &str, keep: KeepEdits) -> Result<Merged, String> {
    let parse = |text: &str, what: &str| -> Result<Value, String> {
        serde_yaml::from_str(text).map_err(|e| format!("{what}: {e}"))
    };
    let new = parse(new_text, "the new import")?;
    let committed = parse(committed_text, "the committed spec")?;
    let edits = edits_of(&committed)?;
    let mut refusals = Vec::new();
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for edit in &edits {
        let path = parse_path(&edit.at).map_err(|e| format!("`edits`: {e}"))?;
        let (page, edited) = (get(&new, &path), get(&committed, &path));
        if !same(page, edit.was.as_ref()) {
            if same(page, edited) {
                dropped.push((
                    edit.clone(),
                    "the page now gives the edited value".to_owned(),
                ));
            } else if keep.take_page {
                dropped.push((
                    edit.clone(),
                    format!("--take-page: the page's {} taken", show(page)),
                ));
            } else {
                refusals.push(
                    Conflict {
                        edit: edit.clone(),
                        page: page.cloned(),
                        edited: edited.cloned(),
                    }
                    .to_string(),
                );
            }
        } else {
            kept.push(edit.clone());
        }
    }
    let expected = apply_values(&new, &committed, &kept)?;
    // Departures of the committed spec that no edit covers: every edit's path (kept, dropped
    // or in conflict) is compared away.
    let carried = apply_values(&new, &committed, &edits)?;
    let uncovered: Vec<Departure> = diff(&carried, &committed)
        .into_iter()
        .filter(|d| !matches!(d.path.first(), Some(Segment::Key(k)) if k == "source"))
        .collect();
    let sha = |v: &Value| v.get("source").and_then(|s| s.get("sha256")).cloned();
    let page_unchanged = sha(&new).is_some() && sha(&new) == sha(&committed);
    let mut replaced = Vec::new();
    for departure in uncovered {
        if page_unchanged && !keep.force {
            refusals.push(format!(
                "unrecorded edit at `{}`: the spec has {}, the import writes {}; record it in `edits` (or pass --force to take the import's value)",
                format_path(&departure.path),
                show(departure.committed.as_ref()),
                show(departure.import.as_ref())
            ));
        } else {
            replaced.push(departure);
        }
    }
    if !refusals.is_empty() {
        return Ok(Merged::Refused(refusals));
    }
    let mut text = splice(new_text, committed_text, &committed, &kept)?;
    if !kept.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&edits_block(committed_text, &committed, &edits, &kept)?);
    }
    let mut want = expected;
    if !kept.is_empty()
        && let (Value::Mapping(map), Some(list)) = (&mut want, committed.get(EDITS_KEY))
    {
        let list = if kept.len() == edits.len() {
            list.clone()
        } else {
            edits_value(&kept)
        };
        map.insert(Value::String(EDITS_KEY.into()), list);
    }
    let written = serde_yaml::from_str::<Value>(&text).ok();
    if written.as_ref() != Some(&want) {
        let written = written.unwrap_or(Value::Null);
        let differ: Vec<String> = diff(&want, &written)
            .iter()
            .map(|d| format!("`{}`", format_path(&d.path)))
            .collect();
        return Ok(Merged::Refused(vec![format!(
            "the edits cannot be written into the import's layout (at {}): edit the spec by hand, or record the edit at the enclosing key",
            differ.join(", ")
        )]));
    }
    Ok(Merged::Text {
        text,
        kept,
        dropped,
        replaced,
    })
}

/// The `edits:` list as a value.
fn edits_value(edits: &[EditSpec]) -> Value {
    Value::Sequence(
        edits
            .iter()
            .map(|edit| {
                let mut map = Mapping::new();
                map.insert("at".into(), Value::String(edit.at.clone()));
                if let Some(was) = edit.was.as_ref().filter(|v| !v.is_null()) {
                    map.insert("was".into(), was.clone());
                }
                map.insert("why".into(), Value::String(edit.why.clone()));
                Value::Mapping(map)
            })
            .collect(),
    )
}

/// The text of the `edits:` block: the committed one as written when every edit is kept,
/// else the kept entries written afresh.
fn edits_block(
    committed_text: &str,
    committed: &Value,
    all: &[EditSpec],
    kept: &[EditSpec],
) -> Result<String, String> {
    if kept.len() == all.len() {
        let lines = lines_of(committed_text);
        let index = LocationIndex::build(committed_text);
        if let Some(block) = block_of(&lines, &index, committed, &[Segment::Key(EDITS_KEY.into())])
        {
            return Ok(lines[block.start..block.end].concat());
        }
    }
    let mut map = Mapping::new();
    map.insert(EDITS_KEY.into(), edits_value(kept));
    serde_yaml::to_string(&Value::Mapping(map)).map_err(|e| e.to_string())
}

fn lines_of(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push('\n');
    }
    lines
}

/// The lines of a mapping entry: from its key's line to the last line indented deeper than
/// the key (blank lines at its end left out), and the key's column.
#[derive(Debug, Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    indent: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn block_of(
    lines: &[String],
    index: &LocationIndex,
    tree: &Value,
    path: &[Segment],
) -> Option<Block> {
    get(tree, path)?;
    let position = index.find(&location_path(path))?;
    let start = position.line.checked_sub(1)?;
    let indent = position.column.checked_sub(1)?;
    let mut end = start + 1;
    while end < lines.len() {
        let line = &lines[end];
        if !line.trim().is_empty() && indent_of(line) <= indent {
            break;
        }
        end += 1;
    }
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    Some(Block { start, end, indent })
}

/// Whether the key at `path`, where the text has it, is the first thing on its line (after
/// the indentation and a sequence item's `- `).
fn starts_its_line(
    lines: &[String],
    index: &LocationIndex,
    tree: &Value,
    path: &[Segment],
) -> bool {
    if get(tree, path).is_none() {
        return true;
    }
    let Some(position) = index.find(&location_path(path)) else {
        return false;
    };
    let Some(line) = position.line.checked_sub(1).and_then(|l| lines.get(l)) else {
        return false;
    };
    line.chars()
        .take(position.column.saturating_sub(1))
        .all(|c| c == ' ' || c == '-')
}

fn reindent(lines: &[String], from: usize, to: usize) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            if line.trim().is_empty() {
                line.clone()
            } else if to >= from {
                format!("{}{line}", " ".repeat(to - from))
            } else {
                let cut = (from - to).min(indent_of(line));
                line[cut..].to_owned()
            }
        })
        .collect()
}

/// The new import's text with the committed lines of each kept edit in place of the import's
/// (the enclosing mapping entry where an edit is a sequence item). The caller checks that the
/// result reads as the expected tree.
fn splice(
    new_text: &str,
    committed_text: &str,
    committed: &Value,
    kept: &[EditSpec],
) -> Result<String, String> {
    let committed_lines = lines_of(committed_text);
    let committed_index = LocationIndex::build(committed_text);
    let mut lines = lines_of(new_text);
    for edit in kept {
        let mut path = parse_path(&edit.at)?;
        let text: String = lines.concat();
        let tree: Value = serde_yaml::from_str(&text).map_err(|e| e.to_string())?;
        let index = LocationIndex::build(&text);
        // The lines of a sequence item or of a key inside a flow collection (`items: {type:
        // string}`) are not its own: the edit is carried by the enclosing entry that starts
        // its line in both texts.
        while !path.is_empty()
            && (matches!(path.last(), Some(Segment::Index(_)))
                || !starts_its_line(&lines, &index, &tree, &path)
                || !starts_its_line(&committed_lines, &committed_index, committed, &path))
        {
            path.pop();
        }
        if path.is_empty() {
            return Err(format!("`{}`: no entry of its own lines", edit.at));
        }
        let here = block_of(&lines, &index, &tree, &path);
        let there = block_of(&committed_lines, &committed_index, committed, &path);
        match (here, there) {
            (Some(here), Some(there)) => {
                let new = reindent(
                    &committed_lines[there.start..there.end],
                    there.indent,
                    here.indent,
                );
                lines.splice(here.start..here.end, new);
            }
            (Some(here), None) => {
                lines.drain(here.start..here.end);
            }
            (None, Some(there)) => {
                let parent = &path[..path.len() - 1];
                let (at, indent) = if parent.is_empty() {
                    let mut end = lines.len();
                    while end > 0 && lines[end - 1].trim().is_empty() {
                        end -= 1;
                    }
                    (end, 0)
                } else {
                    let parent_here = block_of(&lines, &index, &tree, parent)
                        .ok_or_else(|| format!("`{}`: its parent is not in the import", edit.at))?;
                    let parent_there =
                        block_of(&committed_lines, &committed_index, committed, parent)
                            .ok_or_else(|| {
                                format!("`{}`: its parent is not in the committed spec", edit.at)
                            })?;
                    let shifted = there.indent + parent_here.indent;
                    (parent_here.end, shifted.saturating_sub(parent_there.indent))
                };
                let new = reindent(
                    &committed_lines[there.start..there.end],
                    there.indent,
                    indent,
                );
                lines.splice(at..at, new);
            }
            (None, None) => {}
        }
    }
    Ok(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn paths_round_trip_and_refuse_what_they_cannot_name() {
        for text in [
            "params.limit.maximum",
            "request.body.fields.type.enum",
            "examples.requests[0].url",
            "responses.202.body",
            "a.\"v1.0\".b",
            "a.\"\"",
            "a[1][2]",
        ] {
            assert_eq!(format_path(&parse_path(text).unwrap()), text);
        }
        for bad in ["", "a..b", "a.", "[0]", "a[x]", "a\"b", "a.\"b", "a[0]b"] {
            assert!(parse_path(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn a_departure_is_found_at_the_first_level_that_differs() {
        let import = yaml("a: {b: 1, c: [x, y]}\nd: [1, 2]\nresponses: {202: {x: 1}}\n");
        let committed = yaml(
            "a: {b: 2, c: [x, z]}\nd: [1, 2, 3]\nresponses: {202: {x: 1}, 404: {}}\nedits: []\n",
        );
        let found: Vec<String> = diff(&import, &committed)
            .iter()
            .map(|d| format_path(&d.path))
            .collect();
        assert_eq!(found, ["a.b", "a.c[1]", "d", "responses.404"]);
    }

    #[test]
    fn review_sorts_departures_into_edits_and_problems() {
        let import = yaml("a: 1\nb: 2\nc: 3\nd: 4\n");
        let committed = yaml("a: 10\nb: 20\nc: 3\nd: 40\ne: 5\n");
        let edit = |at: &str, was: Option<i64>| EditSpec {
            at: at.into(),
            was: was.map(Value::from),
            why: "test".into(),
        };
        let review = review(
            &import,
            &committed,
            &[
                edit("a", Some(1)),
                edit("b", Some(3)),
                edit("c", Some(3)),
                edit("e", None),
            ],
        );
        assert_eq!(review.reviewed.len(), 2, "{review:?}");
        let problems: Vec<String> = review.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("changed under the edit at `b`"),
            "{}",
            problems[0]
        );
        assert!(problems[1].contains("`c` is stale"), "{}", problems[1]);
        assert!(problems[2].starts_with("`d` departs"), "{}", problems[2]);
    }

    const IMPORT: &str = "\
# a header comment
id: X
params:
  limit:
    type: integer
    maximum: 10
  X-Language:
    type: string
    enum: [en-us, zh-cn]

request:
  body:
    fields:
      type:
        type: string
        enum:
          source: From the source.
          modified: Modified.

source:
  file: page.txt
  sha256: aaa
";

    #[test]
    fn a_reimport_keeps_the_edits_in_the_imports_layout() {
        let committed = format!(
            "{}\nedits:\n  - at: params.limit.maximum\n    was: 10\n    why: the page's text says 100\n  - at: params.X-Language.enum[2]\n    why: the API accepts it\n  - at: request.body.fields.type.enum.extra\n    why: documented elsewhere\n",
            IMPORT
                .replace("maximum: 10", "maximum: 100")
                .replace("[en-us, zh-cn]", "[en-us, zh-cn, ja-jp]")
                .replace(
                    "          modified: Modified.\n",
                    "          modified: Modified.\n          extra: Extra.\n"
                )
        );
        // The page changed elsewhere (a new parameter and another sha).
        let page = IMPORT
            .replace(
                "  X-Language:\n",
                "  offset:\n    type: integer\n  X-Language:\n",
            )
            .replace("sha256: aaa", "sha256: bbb");
        let Merged::Text { text, kept, .. } =
            merge(&page, &committed, KeepEdits::default()).unwrap()
        else {
            panic!("refused")
        };
        assert_eq!(kept.len(), 3);
        let expected = committed
            .replace(
                "  X-Language:\n",
                "  offset:\n    type: integer\n  X-Language:\n",
            )
            .replace("sha256: aaa", "sha256: bbb");
        assert_eq!(
            text,
            expected,
            "{}",
            similar::TextDiff::from_lines(&expected, &text).unified_diff()
        );
        // Re-importing the same page again changes nothing.
        let Merged::Text { text: again, .. } = merge(&page, &text, KeepEdits::default()).unwrap()
        else {
            panic!("refused")
        };
        assert_eq!(again, text);
    }

    /// A key inside a flow mapping has no lines of its own: the entry that starts its line
    /// carries it.
    #[test]
    fn an_edit_inside_a_flow_collection_is_carried_by_its_line() {
        let import = "a:\n  items: {type: string}\n  doc: x\nsource: {sha256: aaa}\n";
        let committed = "a:\n  items: {type: string, max_length: 64}\n  doc: x\nsource: {sha256: aaa}\n\nedits:\n  - {at: a.items.max_length, why: t}\n";
        let page = import.replace("doc: x", "doc: y").replace("aaa", "bbb");
        let Merged::Text { text, .. } = merge(&page, committed, KeepEdits::default()).unwrap()
        else {
            panic!("refused")
        };
        let expected = committed.replace("doc: x", "doc: y").replace("aaa", "bbb");
        assert_eq!(
            text,
            expected,
            "{}",
            similar::TextDiff::from_lines(&expected, &text).unified_diff()
        );
    }

    #[test]
    fn a_page_changed_under_an_edit_is_a_conflict() {
        let committed = format!(
            "{}\nedits:\n  - at: params.limit.maximum\n    was: 10\n    why: the text says 100\n",
            IMPORT.replace("maximum: 10", "maximum: 100")
        );
        let page = IMPORT
            .replace("maximum: 10", "maximum: 50")
            .replace("sha256: aaa", "sha256: bbb");
        let Merged::Refused(problems) = merge(&page, &committed, KeepEdits::default()).unwrap()
        else {
            panic!("written")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("the page now gives 50, the edit has 100, made over 10"),
            "{}",
            problems[0]
        );
        let taken = merge(
            &page,
            &committed,
            KeepEdits {
                take_page: true,
                force: false,
            },
        )
        .unwrap();
        let Merged::Text { text, dropped, .. } = taken else {
            panic!("refused")
        };
        assert_eq!(text, page, "the page's value and no edits list");
        assert_eq!(dropped.len(), 1);
    }

    #[test]
    fn an_unrecorded_edit_is_never_dropped_silently() {
        let committed = IMPORT.replace("maximum: 10", "maximum: 100");
        let Merged::Refused(problems) = merge(IMPORT, &committed, KeepEdits::default()).unwrap()
        else {
            panic!("written")
        };
        assert!(
            problems[0].starts_with("unrecorded edit at `params.limit.maximum`"),
            "{problems:?}"
        );
        let forced = merge(
            IMPORT,
            &committed,
            KeepEdits {
                take_page: false,
                force: true,
            },
        )
        .unwrap();
        assert!(
            matches!(forced, Merged::Text { ref text, ref replaced, .. } if text == IMPORT && replaced.len() == 1)
        );
    }

    fn tree() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (0u32..5).prop_map(Value::from),
            "[a-c]{0,2}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Sequence),
                proptest::collection::btree_map("[a-d.]{1,3}|[1-4]", inner, 0..4).prop_map(|m| {
                    Value::Mapping(m.into_iter().map(|(k, v)| (key_value(&k), v)).collect())
                }),
            ]
        })
    }

    proptest! {
        /// Applying the edits a diff finds turns the import into the committed tree, and the
        /// review of that pair finds every departure reviewed and nothing else.
        #[test]
        fn edits_round_trip(import in tree(), committed in tree()) {
            let (import, committed) = (wrap(import), wrap(committed));
            let edits = edits_for(&import, &committed, "generated");
            let applied = apply_values(&import, &committed, &edits).unwrap();
            prop_assert!(diff(&applied, &committed).is_empty(), "{:?}", diff(&applied, &committed));
            let review = review(&import, &committed, &edits);
            prop_assert!(review.problems.is_empty(), "{:?}", review.problems);
            prop_assert_eq!(review.reviewed.len(), edits.len());
            for edit in &edits {
                prop_assert_eq!(format_path(&parse_path(&edit.at).unwrap()), edit.at.clone());
            }
        }
    }

    proptest! {
        /// Any path, keys with dots, brackets, quotes and backslashes included, is spelled so
        /// that it parses back to itself.
        #[test]
        fn paths_spell_and_parse_back(
            steps in proptest::collection::vec(
                prop_oneof![
                    "[a-z0-9._\\[\\]\"\\\\ -]{0,6}".prop_map(Segment::Key),
                    (0usize..20).prop_map(Segment::Index),
                ],
                1..6,
            )
        ) {
            let mut steps = steps;
            if let Some(Segment::Index(_)) = steps.first() {
                steps.insert(0, Segment::Key("k".into()));
            }
            let text = format_path(&steps);
            prop_assert_eq!(parse_path(&text), Ok(steps), "{}", text);
        }
    }

    /// The document is a mapping, as a spec is.
    fn wrap(value: Value) -> Value {
        let mut map = Mapping::new();
        map.insert("root".into(), value);
        Value::Mapping(map)
    }
}
