//! The words pages use, per language, kept as data (`en-us.toml`, `zh-cn.toml` beside this
//! file): section headings, list-item labels, table captions and column headers, cell values
//! (Yes/No, N/A), status forms and the prose forms of constraints. Adding a language is adding
//! a file here and a line to [`Vocabularies::builtin`]; no interpreter code changes.
//!
//! Entries are phrases or templates. A phrase matches text that equals it after
//! normalisation ([`normalize`]: case, whitespace, full-width punctuation, a trailing colon or
//! full stop). A template holds `{placeholders}` that capture the text between the literal
//! parts (`Status code: {code}`, `长度为{min}~{max}个字符`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::Deserialize;

/// One language's vocabulary, as in its data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// BCP 47 tag (`en-us`).
    pub language: String,
    /// Section headings, by section.
    pub sections: BTreeMap<String, Vec<String>>,
    /// Labels that open a part of a section: the lead paragraph of a list item, a sub-heading,
    /// a paragraph on its own line.
    pub labels: BTreeMap<String, Vec<String>>,
    /// Table captions (after the `Table N` prefix), by what the table holds.
    pub captions: BTreeMap<String, Vec<String>>,
    /// Table column headers, by column.
    pub columns: BTreeMap<String, Vec<String>>,
    /// Cell values (`yes`, `no`, `none`, parameter locations).
    pub values: BTreeMap<String, Vec<String>>,
    /// Forms that state a status (`Status code: {code}`) or point to the status section.
    pub statuses: BTreeMap<String, Vec<String>>,
    /// Notes and markers around the title (deprecation, version notes).
    pub notes: BTreeMap<String, Vec<String>>,
    /// Prose forms of constraints inside description cells.
    pub prose: BTreeMap<String, Vec<String>>,
}

/// Every language the importer knows.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    /// Languages in the order they are tried.
    pub languages: Vec<Vocabulary>,
}

impl Vocabularies {
    /// The vocabularies shipped with the importer.
    pub fn builtin() -> &'static Vocabularies {
        static BUILTIN: std::sync::OnceLock<Vocabularies> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            let languages = [
                ("en-us.toml", include_str!("en-us.toml")),
                ("zh-cn.toml", include_str!("zh-cn.toml")),
            ]
            .into_iter()
            .map(|(file, text)| match toml::from_str::<Vocabulary>(text) {
                Ok(vocabulary) => vocabulary,
                // The files are part of the source; a test loads them, so this cannot ship.
                Err(error) => panic!("vocabulary {file}: {error}"),
            })
            .collect();
            Vocabularies { languages }
        })
    }

    fn entries<'a>(
        &'a self,
        table: fn(&Vocabulary) -> &BTreeMap<String, Vec<String>>,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.languages.iter().flat_map(move |vocabulary| {
            table(vocabulary)
                .iter()
                .flat_map(|(key, phrases)| phrases.iter().map(move |p| (key.as_str(), p.as_str())))
        })
    }

    /// The key under which `text` is listed as a phrase in `table`, in any language.
    pub fn phrase(
        &self,
        table: fn(&Vocabulary) -> &BTreeMap<String, Vec<String>>,
        text: &str,
    ) -> Option<&str> {
        self.entries(table)
            .find(|(_, phrase)| same_phrase(phrase, text))
            .map(|(key, _)| key)
    }

    /// Whether `text` is listed under `key` of `table`, in any language.
    pub fn is(
        &self,
        table: fn(&Vocabulary) -> &BTreeMap<String, Vec<String>>,
        key: &str,
        text: &str,
    ) -> bool {
        self.entries(table)
            .any(|(k, phrase)| k == key && same_phrase(phrase, text))
    }

    /// The first template under `key` of `table` that matches `text`, with its captures.
    pub fn template(
        &self,
        table: fn(&Vocabulary) -> &BTreeMap<String, Vec<String>>,
        key: &str,
        text: &str,
    ) -> Option<Captures> {
        self.entries(table)
            .filter(|(k, _)| *k == key)
            .find_map(|(_, template)| match_template(template, text))
    }

    /// The phrases listed under `key` of `table`, in every language.
    pub fn phrases(
        &self,
        table: fn(&Vocabulary) -> &BTreeMap<String, Vec<String>>,
        key: &str,
    ) -> Vec<&str> {
        self.entries(table)
            .filter(|(k, _)| *k == key)
            .map(|(_, p)| p)
            .collect()
    }
}

/// Whether `text` says `phrase`. A phrase that is only punctuation (`-`) must match exactly,
/// since normalising it leaves nothing and would match any punctuation.
fn same_phrase(phrase: &str, text: &str) -> bool {
    if phrase.contains('{') {
        return false;
    }
    let normalized = normalize(phrase);
    if normalized.is_empty() {
        return text.trim() == phrase.trim();
    }
    normalized == normalize(text)
}

/// The values a template captured, by placeholder name, trimmed.
pub type Captures = BTreeMap<String, String>;

/// Folds the differences that do not change what a label or value says: letter case,
/// runs of whitespace (and non-breaking spaces), full-width colons and parentheses, markdown
/// escapes, and a trailing colon, full stop or bullet.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '\u{a0}' | '\u{3000}' => ' ',
            '\\' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    let trimmed = out
        .trim_start_matches(['•', '·', '-', ' '])
        .trim_end_matches([':', '.', '。', ' ']);
    trimmed.to_owned()
}

/// Matches `text` against `template`: literal parts compare as [`normalize`] does (without
/// dropping punctuation, which templates place), each `{name}` captures the non-empty text
/// between its neighbours, as the page wrote it. A placeholder at the end takes the rest of the
/// text, without a final full stop.
pub fn match_template(template: &str, text: &str) -> Option<Captures> {
    let template = compiled(template)?;
    let folded_text = folded(text);
    let (folded, map) = (&folded_text.0, &folded_text.1);
    let original = |from: usize, to: usize| text[map[from]..map[to]].trim().to_owned();
    let tail = template.tail.as_str();
    let end = folded.trim_end_matches(['.', '。', ' ']).len();
    let mut captures = Captures::new();
    let mut cursor = 0usize;
    let mut pending: Option<&str> = None;
    for (literal, name) in &template.parts {
        let found = if pending.is_some() {
            // The literal after a placeholder: its first occurrence with text before it.
            folded[cursor..]
                .match_indices(literal.as_str())
                .map(|(at, _)| at + cursor)
                .find(|at| !folded[cursor..*at].trim().is_empty())
        } else {
            folded[cursor..]
                .starts_with(literal.as_str())
                .then_some(cursor)
        }?;
        if let Some(previous) = pending.take() {
            captures.insert(previous.to_owned(), original(cursor, found));
        }
        cursor = found + literal.len();
        pending = name.as_deref();
    }
    match pending {
        Some(name) => {
            let value_end = folded[..end].strip_suffix(tail)?.len();
            if value_end <= cursor {
                return None;
            }
            let value = original(cursor, value_end);
            if value.is_empty() {
                return None;
            }
            captures.insert(name.to_owned(), value);
        }
        None => {
            if folded.get(cursor..end)? != tail {
                return None;
            }
        }
    }
    Some(captures)
}

/// A template split once into its folded literal parts, each followed by the placeholder it
/// leads to, and the folded literal tail.
struct CompiledTemplate {
    parts: Vec<(String, Option<String>)>,
    tail: String,
}

impl CompiledTemplate {
    fn parse(template: &str) -> Option<CompiledTemplate> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}')? + open;
            parts.push((
                fold(&rest[..open]).0,
                Some(rest[open + 1..close].to_owned()),
            ));
            rest = &rest[close + 1..];
        }
        let tail = fold(rest).0.trim_end_matches(['.', '。', ' ']).to_owned();
        Some(CompiledTemplate { parts, tail })
    }
}

/// Templates are matched against every statement of every cell, so each is parsed once per
/// thread (the vocabularies are a few hundred templates; the cache is dropped if a caller
/// passes many more).
fn compiled(template: &str) -> Option<Rc<CompiledTemplate>> {
    const MAX_CACHED: usize = 4096;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<Rc<CompiledTemplate>>>> =
            RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(found) = cache.get(template) {
            return found.clone();
        }
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        let parsed = CompiledTemplate::parse(template).map(Rc::new);
        cache.insert(template.to_owned(), parsed.clone());
        parsed
    })
}

/// Folded text and, for each of its bytes (and its end), the byte offset in the original.
type Folded = (String, Vec<usize>);

/// [`fold`] of `text`, kept for the next call: a statement is matched against every template
/// of a key in a row.
fn folded(text: &str) -> Rc<Folded> {
    thread_local! {
        static LAST: RefCell<Option<(String, Rc<Folded>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((source, folded)) = last.as_ref()
            && source == text
        {
            return folded.clone();
        }
        let folded = Rc::new(fold(text));
        *last = Some((text.to_owned(), folded.clone()));
        folded
    })
}

/// [`normalize`] without removing leading or trailing punctuation (templates place it), with
/// the byte offset in `text` of every byte of the result (and of its end).
fn fold(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut space: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let c = match c {
            '：' => ':',
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '～' => '~',
            '\u{a0}' | '\u{3000}' => ' ',
            '\\' => continue,
            c => c,
        };
        if c.is_whitespace() {
            if !out.is_empty() && space.is_none() {
                space = Some(at);
            }
            continue;
        }
        if let Some(space_at) = space.take() {
            out.push(' ');
            map.push(space_at);
        }
        for lower in c.to_lowercase() {
            let before = out.len();
            out.push(lower);
            map.extend(std::iter::repeat_n(at, out.len() - before));
        }
    }
    map.push(text.len());
    // A trailing run of whitespace was not pushed; the end maps to the text's end.
    (out, map)
}

/// The sections of a vocabulary.
pub fn sections(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.sections
}
/// The labels of a vocabulary.
pub fn labels(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.labels
}
/// The captions of a vocabulary.
pub fn captions(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.captions
}
/// The column headers of a vocabulary.
pub fn columns(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.columns
}
/// The cell values of a vocabulary.
pub fn values(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.values
}
/// The status forms of a vocabulary.
pub fn statuses(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.statuses
}
/// The notes of a vocabulary.
pub fn notes(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.notes
}
/// The prose forms of a vocabulary.
pub fn prose(v: &Vocabulary) -> &BTreeMap<String, Vec<String>> {
    &v.prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabularies_load() {
        let v = Vocabularies::builtin();
        assert_eq!(v.languages.len(), 2);
        assert_eq!(v.phrase(sections, "功能介绍"), Some("function"));
        assert_eq!(
            v.phrase(sections, "Example Requests"),
            Some("example_requests")
        );
        assert_eq!(v.phrase(columns, "是否必选"), Some("required"));
    }

    #[test]
    fn templates_capture_between_literals() {
        let c = match_template("Status code: {code}", "Status code: 204").unwrap();
        assert_eq!(c["code"], "204");
        let c = match_template("长度为{min}~{max}个字符", "长度为1～64个字符。").unwrap();
        assert_eq!((c["min"].as_str(), c["max"].as_str()), ("1", "64"));
        let c = match_template("Default value: {value}", "Default value: en-us.").unwrap();
        assert_eq!(c["value"], "en-us");
        assert!(match_template("Status code: {code}", "Status codes").is_none());
        assert!(match_template("Table {n} {caption}", "Table").is_none());
        let c = match_template("{name} field description", "nics field description").unwrap();
        assert_eq!(c["name"], "nics");
        assert!(match_template("{name}参数说明", "参数说明").is_none());
    }

    #[test]
    fn normalisation_ignores_case_space_and_trailing_colons() {
        assert_eq!(normalize("  Example  request: "), "example request");
        assert_eq!(normalize("请求样例："), "请求样例");
        assert_eq!(normalize("•error参数说明"), "error参数说明");
    }
}
