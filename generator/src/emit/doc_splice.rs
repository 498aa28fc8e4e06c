//! Doc comments written into the formatted text rather than parsed and printed.
//!
//! A doc comment goes through syn and prettyplease as one `#[doc = "..."]` attribute per line:
//! a string literal escaped by `quote`, unescaped by syn, wrapped in an attribute, a meta and an
//! expression, and printed back as `/// ...`. Docs are half of a generated file's lines, so
//! while a module is formatted (see [`super::format`]) each doc stands in the token stream as
//! one attribute holding a marker, and its lines go to a table beside it. prettyplease prints
//! the marker as a line `<indent>///specgen-doc-<nonce>:N` at the item's indentation;
//! [`Scope::splice`] replaces that line with the doc's lines at the same indentation, written as
//! prettyplease writes a one-line doc attribute (`///` and the text, trailing spaces trimmed).
//! The doc text is never scanned for markers, only prettyplease's output, and a marker holds a
//! nonce drawn per scope, so no text of a page or spec can pass for one.
//!
//! Outside a scope (files formatted whole by `format_rust`, the build-script single file) docs
//! stay attributes, so every path prints the same text; the tests compare the two.

use std::cell::RefCell;

thread_local! {
    /// The scope active on this thread: its marker prefix and its docs, by marker index.
    static DEFERRED: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// The docs deferred since the last splice, and the prefix of their markers.
struct Table {
    prefix: String,
    docs: Vec<Deferred>,
}

/// One deferred doc: its lines as [`super::docs::Doc::rendered`] gives them.
struct Deferred {
    lines: Vec<String>,
    inner: bool,
}

/// The doc's lines as a marker, when a scope is active on this thread and every line prints
/// as a one-line doc comment; else the lines back, to be emitted as attributes.
pub(super) fn defer(lines: Vec<String>, inner: bool) -> Result<String, Vec<String>> {
    let one_line = lines.iter().all(|line| prints_as_doc_line(line, inner));
    if !one_line || lines.is_empty() {
        return Err(lines);
    }
    DEFERRED.with(|deferred| match deferred.borrow_mut().as_mut() {
        Some(table) => {
            table.docs.push(Deferred { lines, inner });
            Ok(format!("{}{}", table.prefix, table.docs.len() - 1))
        }
        None => Err(lines),
    })
}

/// Whether prettyplease prints a doc attribute holding `line` as `///` (`//!`) and the text:
/// unless it holds a line break or (outer) starts with `/`, which would make `////`, a plain
/// comment.
pub(super) fn prints_as_doc_line(line: &str, inner: bool) -> bool {
    !line.contains('\n') && (inner || !line.starts_with('/'))
}

/// Appends `line` as prettyplease prints a one-line doc attribute: `indent`, the comment
/// marker, the text with its trailing spaces trimmed.
pub(super) fn write_doc_line(out: &mut String, indent: &str, inner: bool, line: &str) {
    out.push_str(indent);
    out.push_str(if inner { "//!" } else { "///" });
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

/// Docs are deferred on this thread while a `Scope` lives. Scopes do not nest.
pub(super) struct Scope {
    prefix: String,
}

impl Scope {
    /// Starts deferring docs on this thread.
    pub(super) fn enter() -> Scope {
        use std::hash::{BuildHasher, RandomState};
        let nonce = RandomState::new().hash_one(0u8);
        let prefix = format!("specgen-doc-{nonce:016x}:");
        DEFERRED.with(|deferred| {
            let mut deferred = deferred.borrow_mut();
            debug_assert!(deferred.is_none(), "doc splice scopes do not nest");
            *deferred = Some(Table {
                prefix: prefix.clone(),
                docs: Vec::new(),
            });
        });
        Scope { prefix }
    }

    /// Appends `printed` (prettyplease's text of the tokens built since the last call) to `out`
    /// with each marker line replaced by its doc, and empties the table for the next tokens.
    /// A marker that is not a line of its own, or names no doc, is a generator bug.
    pub(super) fn splice(&self, printed: &str, out: &mut String) -> Result<(), String> {
        let table = DEFERRED.with(|deferred| {
            let mut deferred = deferred.borrow_mut();
            let table = deferred.as_mut().expect("the scope is active");
            std::mem::take(&mut table.docs)
        });
        if table.is_empty() {
            out.push_str(printed);
            return Ok(());
        }
        let mut printed_in_place = vec![false; table.len()];
        let mut markers = 0;
        for line in printed.split_inclusive('\n') {
            let Some((indent, index)) = self
                .marker_line(line)
                .filter(|(_, index)| *index < table.len())
            else {
                out.push_str(line);
                continue;
            };
            let doc = &table[index];
            printed_in_place[index] = true;
            markers += 1;
            for text in &doc.lines {
                write_doc_line(out, indent, doc.inner, text);
            }
        }
        // A marker anywhere but on a line of its own (or naming no doc) would reach the file.
        let missing = printed_in_place.iter().filter(|done| !**done).count();
        if missing > 0 || printed.matches(&self.prefix).count() != markers {
            return Err(format!(
                "internal error: {missing} of {} doc comments were not printed in place",
                table.len()
            ));
        }
        Ok(())
    }

    /// `(indent, index)` when `line` is one of this scope's markers as prettyplease prints it.
    fn marker_line<'a>(&self, line: &'a str) -> Option<(&'a str, usize)> {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let text = body.trim_start_matches(' ');
        let indent = &body[..body.len() - text.len()];
        let index = text
            .strip_prefix("///")
            .or_else(|| text.strip_prefix("//!"))?
            .strip_prefix(&self.prefix)?;
        // Digits only: `parse` would also take a leading `+`.
        if !index.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((indent, index.parse().ok()?))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        DEFERRED.with(|deferred| *deferred.borrow_mut() = None);
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use proptest::prelude::*;
    use quote::quote;

    use super::super::docs::Doc;
    use super::super::format::{Imports, RustModule};
    use super::super::format_rust;
    use super::{Scope, defer};
    use crate::markdown::test_support::markdown_heavy_line;

    /// A module whose items carry `docs` at three depths (an item, a field, a method) and whose
    /// module doc is `module_doc`.
    fn items(docs: &[Doc]) -> TokenStream {
        let [item, field, method] = [0, 1, 2].map(|i| docs[i % docs.len()].outer());
        quote! {
            #item
            pub struct Documented {
                #field
                pub value: u8,
            }
            impl Documented {
                #method
                pub fn value(&self) -> u8 {
                    self.value
                }
            }
        }
    }

    /// The module formatted as the generator formats modules (docs spliced in) and, as the
    /// reference, every doc an attribute printed by prettyplease.
    fn both_ways(module_doc: &Doc, docs: &[Doc]) -> (String, String) {
        let spliced = RustModule {
            doc: module_doc.clone(),
            inner: TokenStream::new(),
            items: std::iter::once_with(|| items(docs).into()),
            imports: Imports::default(),
        }
        .format("test")
        .unwrap();
        let inner = module_doc.inner();
        let items = items(docs);
        let reference = format_rust(quote!(#inner #items), "test").unwrap();
        (spliced, reference)
    }

    /// Doc lines of every kind the emitters write: escaped page text, code blocks copied
    /// verbatim, and the generator's own Markdown (which may hold anything, line breaks too).
    fn doc() -> impl Strategy<Value = Doc> {
        let line = prop_oneof![
            markdown_heavy_line(),
            "\\PC{0,30}",
            // Separators and controls a page may hold, trailing spaces, marker look-alikes.
            prop::collection::vec(
                prop_oneof![
                    Just("\u{2028}"),
                    Just("\u{2029}"),
                    Just("\u{85}"),
                    Just("\u{202e}"),
                    Just("\r"),
                    Just("\n"),
                    Just("\t"),
                    Just("  "),
                    Just("/"),
                    Just("*/"),
                    Just("specgen-doc-0123456789abcdef:0"),
                    Just("///"),
                    Just("//!"),
                    Just("a"),
                    Just("`"),
                ],
                0..8
            )
            .prop_map(|parts| parts.concat()),
        ];
        prop::collection::vec((0..3u8, line), 0..6).prop_map(|lines| {
            lines
                .into_iter()
                .fold(Doc::new(), |doc, (kind, line)| match kind {
                    0 => doc.text(Some(&line)),
                    1 => doc.code_block("text", &line),
                    _ => doc.markdown(line),
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Splicing is an optimization only: the file is the one prettyplease prints from the
        /// attributes, byte for byte, whatever the docs hold.
        #[test]
        fn spliced_docs_print_as_prettyplease_prints_them(
            module_doc in doc(),
            docs in prop::collection::vec(doc(), 1..4),
        ) {
            let (spliced, reference) = both_ways(&module_doc, &docs);
            prop_assert_eq!(spliced, reference);
        }
    }

    #[test]
    fn docs_are_deferred_only_inside_a_scope() {
        let lines = vec![" one".to_owned(), String::new(), " two".to_owned()];
        assert_eq!(defer(lines.clone(), false), Err(lines.clone()));
        let scope = Scope::enter();
        let marker = defer(lines.clone(), false).unwrap();
        assert!(marker.starts_with(&scope.prefix));
        // A line prettyplease would not print as `///` + text stays an attribute.
        let broken = vec![" a\nb".to_owned()];
        assert_eq!(defer(broken.clone(), false), Err(broken));
        // `////` would be a plain comment; `//!/` is still a doc.
        let slash = vec!["/x".to_owned()];
        assert_eq!(defer(slash.clone(), false), Err(slash.clone()));
        assert!(defer(slash, true).is_ok());
        assert_eq!(defer(Vec::new(), false), Err(Vec::new()));
        drop(scope);
        assert_eq!(defer(lines.clone(), false), Err(lines));
    }

    #[test]
    fn a_doc_not_printed_in_place_is_an_internal_error() {
        let scope = Scope::enter();
        let printed = defer(vec![" printed".to_owned()], false).unwrap();
        let lost = defer(vec![" lost".to_owned()], false).unwrap();
        let mut out = String::new();
        let error = scope
            .splice(&format!("///{printed}\nstruct A;\n"), &mut out)
            .unwrap_err();
        assert!(error.contains("1 of 2 doc comments"), "{error}");
        // A marker printed anywhere but as a doc line of its own would reach the file.
        let inline = defer(vec![" inline".to_owned()], false).unwrap();
        let error = scope
            .splice(&format!("const A: &str = \"{inline}\";\n"), &mut out)
            .unwrap_err();
        assert!(error.contains("1 of 1 doc comments"), "{error}");
        let _ = lost;
    }

    #[test]
    fn text_that_looks_like_a_marker_is_text() {
        // Another scope's marker, as a page might quote it, is printed as it is.
        let quoted = format!("{}0", Scope::enter().prefix);
        let doc = Doc::new()
            .markdown(quoted.clone())
            .markdown(format!("/{quoted}"));
        let (spliced, reference) = both_ways(&doc, std::slice::from_ref(&doc));
        assert_eq!(spliced, reference);
        assert!(spliced.contains(&format!("/// {quoted}")), "{spliced}");
    }
}
