//! Maps YAML paths (`request.body.fields.type`) to the line and column where they are written.
//!
//! serde_yaml locates syntax and type errors itself, but the checks that run after loading
//! (broken references, duplicate names, bad examples) only know the YAML path of what they
//! reject. This index, built from a second, event-level parse of the same text, turns that path
//! back into a position so every diagnostic can name the line.
//!
//! The index stores one entry per mapping key and sequence item: its parent entry, its own key
//! or item number and its position, never its whole path. Whole paths would make the index grow
//! with the square of the file (a 380 KB file whose 41,000 enum values sit 50 levels under
//! names of 1,000 characters has 41,000 paths of 50 KB each: 2.3 GB). A path is spelled out
//! from the parent links only when asked for, and looked up through a hash of its text that
//! each entry's parent handed down while the file was read.

use std::hash::BuildHasher;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Position;

/// Positions of every mapping key and sequence item of one YAML document.
#[derive(Debug)]
pub struct LocationIndex {
    entries: Vec<Entry>,
    /// Every mapping key's text, back to back; entries point into it.
    keys: String,
    /// (hash of the entry's path, entry) for every key and item, sorted.
    by_hash: Vec<(u64, u32)>,
    hasher: PathHasher,
}

impl Default for LocationIndex {
    fn default() -> Self {
        LocationIndex {
            entries: Vec::new(),
            keys: String::new(),
            by_hash: Vec::new(),
            hasher: PathHasher::new(),
        }
    }
}

/// What one event-level pass over the first YAML document of a text found.
#[derive(Debug)]
pub struct Scan {
    /// Positions of the keys and items read (all of them when the text parsed).
    pub index: LocationIndex,
    /// The first anchor (`&name`) or alias (`*name`) of the document, if any.
    pub anchor: Option<AnchorUse>,
    /// Why the pass stopped before the end of the document, if it did.
    pub error: Option<ScanFailure>,
}

/// An anchor or alias found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorUse {
    /// Where the node that carries it starts.
    pub position: Position,
    /// The YAML path of that node (empty for the document itself).
    pub field: String,
    /// `true` for an alias (`*name`), `false` for an anchor (`&name`).
    pub alias: bool,
}

/// Why an event-level pass stopped early: the parser's own message and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanFailure {
    /// Where the parser stopped.
    pub position: Position,
    /// What it says is wrong.
    pub message: String,
}

impl LocationIndex {
    /// Indexes `text`. Text that does not parse yields the keys before the error: serde_yaml
    /// reports the syntax error with its own position.
    pub fn build(text: &str) -> Self {
        Self::scan(text).index
    }

    /// Reads the first document of `text` event by event (the parser keeps its own stack, so a
    /// deeply nested text cannot exhaust the thread's), indexing its keys and items and noting
    /// its first anchor or alias.
    pub fn scan(text: &str) -> Scan {
        let mut builder = IndexBuilder::default();
        let mut parser = Parser::new_from_str(text);
        let error = loop {
            match parser.next_token() {
                Ok((Event::DocumentEnd | Event::StreamEnd, _)) => break None,
                Ok((event, mark)) => {
                    if let Err(failure) = builder.on_event(event, mark) {
                        break Some(failure);
                    }
                }
                Err(error) => {
                    break Some(ScanFailure {
                        position: position(*error.marker()),
                        message: error.info().to_owned(),
                    });
                }
            }
        };
        builder.finish(error)
    }

    /// Where `path` is written, or the closest enclosing key that is (a field the author left
    /// out is reported at the object it belongs in).
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(entry) = self.entry_at(path) {
                return Some(entry.position());
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// The number of entries stored: one per mapping key and sequence item (and per complex
    /// key, which no spec uses).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the text had no keys or items.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry written last whose path is exactly `path` (a key written twice is found where
    /// it was written last).
    fn entry_at(&self, path: &str) -> Option<&Entry> {
        let hash = self.hasher.feed(0, path.as_bytes());
        let start = self.by_hash.partition_point(|&(h, _)| h < hash);
        let end = self.by_hash.partition_point(|&(h, _)| h <= hash);
        self.by_hash[start..end]
            .iter()
            .rev()
            .find(|&&(_, id)| self.path_is(id, path))
            .and_then(|&(_, id)| self.entry(id))
    }

    fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.get(usize::try_from(id).ok()?)
    }

    fn key(&self, start: u32, len: u32) -> &str {
        let start = start as usize;
        self.keys
            .get(start..start + len as usize)
            .unwrap_or_default()
    }

    /// Whether entry `id`'s path spells `path`, compared from the end, one parent at a time.
    fn path_is(&self, id: u32, path: &str) -> bool {
        let mut id = id;
        let mut rest = path;
        loop {
            let Some(entry) = self.entry(id) else {
                return rest.is_empty();
            };
            let before = match entry.segment {
                Segment::Key { start, len } => {
                    let Some(before) = rest.strip_suffix(self.key(start, len)) else {
                        return false;
                    };
                    if before.is_empty() {
                        return self.path_is_empty(entry.parent);
                    }
                    // `parent.key`, where the parent's path is not empty (an empty one is not
                    // followed by a dot).
                    match before.strip_suffix('.') {
                        Some(parent) if !parent.is_empty() => parent,
                        _ => return false,
                    }
                }
                Segment::Index(index) => match strip_index(rest, index) {
                    Some(before) => before,
                    None => return false,
                },
                Segment::Complex => match rest.strip_suffix(".?") {
                    Some(before) => before,
                    None => return false,
                },
            };
            rest = before;
            id = entry.parent;
        }
    }

    /// Whether entry `id`'s path is the empty string: the document itself, or a chain of empty
    /// keys under it.
    fn path_is_empty(&self, id: u32) -> bool {
        let mut id = id;
        loop {
            match self.entry(id) {
                None => return true,
                Some(Entry {
                    parent,
                    segment: Segment::Key { len: 0, .. },
                    ..
                }) => id = *parent,
                Some(_) => return false,
            }
        }
    }

    /// Entry `id`'s path, spelled as diagnostics spell fields.
    fn path(&self, id: u32) -> String {
        let mut chain = Vec::new();
        let mut id = id;
        while let Some(entry) = self.entry(id) {
            chain.push(entry);
            id = entry.parent;
        }
        let mut path = String::new();
        for entry in chain.into_iter().rev() {
            match entry.segment {
                Segment::Key { start, len } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(self.key(start, len));
                }
                Segment::Index(index) => path.push_str(&format!("[{index}]")),
                Segment::Complex => path.push_str(".?"),
            }
        }
        path
    }
}

/// `path` without a trailing `[index]`, if it ends with exactly that.
fn strip_index(path: &str, index: u32) -> Option<&str> {
    let mut digits = [0; 20];
    let inner = path.strip_suffix(']')?;
    inner
        .strip_suffix(decimal(u64::from(index), &mut digits))?
        .strip_suffix('[')
}

/// `n` in decimal, written into `buffer`.
fn decimal(n: u64, buffer: &mut [u8; 20]) -> &str {
    let mut n = n;
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[start..]).unwrap_or_default()
}

/// A [`LocationIndex`] built on first use: most files load without a single diagnostic, and
/// the second, event-level parse is then never needed.
#[derive(Debug, Default)]
pub struct LazyLocations {
    text: String,
    index: std::sync::OnceLock<LocationIndex>,
}

impl LazyLocations {
    /// Positions in `text`, indexed when first asked for.
    pub fn new(text: String) -> Self {
        LazyLocations {
            text,
            index: std::sync::OnceLock::new(),
        }
    }

    /// See [`LocationIndex::find`].
    pub fn find(&self, path: &str) -> Option<Position> {
        self.index
            .get_or_init(|| LocationIndex::build(&self.text))
            .find(path)
    }
}

/// Joins a YAML path and a mapping key the way diagnostics spell fields.
///
/// The checks and the resolver join a path for every key they visit, to name it should it be
/// wrong, so joining is plain copying (`format!` took six times the instructions).
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_owned();
    }
    let mut joined = String::with_capacity(path.len() + 1 + key.len());
    joined.push_str(path);
    joined.push('.');
    joined.push_str(key);
    joined
}

/// Joins a YAML path and a sequence index.
pub fn join_index(path: &str, index: usize) -> String {
    let mut digits = [0; 20];
    let index = decimal(index as u64, &mut digits);
    let mut joined = String::with_capacity(path.len() + 2 + index.len());
    joined.push_str(path);
    joined.push('[');
    joined.push_str(index);
    joined.push(']');
    joined
}

/// The parent of the entries at the top of the document.
const DOCUMENT: u32 = u32::MAX;

/// One mapping key, sequence item or complex key.
#[derive(Debug)]
struct Entry {
    /// The entry this one is under, or [`DOCUMENT`].
    parent: u32,
    segment: Segment,
    line: u32,
    column: u32,
}

impl Entry {
    fn position(&self) -> Position {
        Position {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

/// What an entry adds to its parent's path.
#[derive(Debug, Clone, Copy)]
enum Segment {
    /// `.key` (just `key` under an empty path): `keys[start..start + len]`.
    Key { start: u32, len: u32 },
    /// `[index]`.
    Index(u32),
    /// `.?`: a mapping or sequence used as a key. Nothing in a spec is one; such an entry is
    /// never found, only passed through.
    Complex,
}

/// The hash of a path's text, computed a piece at a time: `feed(feed(0, a), b)` is the hash
/// of `a` followed by `b`, so an entry's hash follows from its parent's. A polynomial modulo
/// the Mersenne prime 2^61 - 1 at a base drawn per index: a file cannot be written to make
/// many paths collide (lookups compare the text anyway; collisions would only slow them).
#[derive(Debug, Clone, Copy)]
struct PathHasher {
    base: u64,
}

const MODULUS: u64 = (1 << 61) - 1;

impl PathHasher {
    fn new() -> Self {
        let random = std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64);
        PathHasher {
            base: random % (MODULUS - 512) + 256,
        }
    }

    fn feed(&self, hash: u64, bytes: &[u8]) -> u64 {
        bytes.iter().fold(hash, |hash, &byte| {
            reduce(mul_mod(hash, self.base) + u64::from(byte) + 1)
        })
    }
}

fn mul_mod(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    // 2^61 ≡ 1 (mod 2^61 - 1): the high bits fold onto the low ones.
    reduce((product as u64 & MODULUS) + (product >> 61) as u64)
}

fn reduce(n: u64) -> u64 {
    if n >= MODULUS { n - MODULUS } else { n }
}

/// What a child's path is built from: its parent entry, the hash of its parent's path, and
/// whether that path is empty (a key directly under an empty path takes no dot).
#[derive(Debug, Clone, Copy)]
struct PathRef {
    entry: u32,
    hash: u64,
    empty: bool,
}

const DOCUMENT_PATH: PathRef = PathRef {
    entry: DOCUMENT,
    hash: 0,
    empty: true,
};

enum Frame {
    /// `key` is the key just read, until its value is complete.
    Mapping {
        path: PathRef,
        key: Option<PathRef>,
    },
    Sequence {
        path: PathRef,
        next: u32,
    },
}

#[derive(Default)]
struct IndexBuilder {
    frames: Vec<Frame>,
    index: LocationIndex,
    /// The node of the first anchor or alias, with its position and whether it is an alias.
    anchor: Option<(PathRef, Position, bool)>,
}

impl IndexBuilder {
    fn on_event(&mut self, event: Event, mark: Marker) -> Result<(), ScanFailure> {
        match event {
            Event::Scalar(value, _, anchor, _) => {
                let node = match self.frames.last() {
                    Some(&Frame::Mapping { path, key: None }) => {
                        let key = self.add_key(path, &value, mark)?;
                        if let Some(Frame::Mapping { key: slot, .. }) = self.frames.last_mut() {
                            *slot = Some(key);
                        }
                        key
                    }
                    _ => {
                        let node = self.node_path(mark)?;
                        self.node_done();
                        node
                    }
                };
                self.note_anchor(anchor != 0, node, mark, false);
            }
            Event::Alias(_) => {
                let node = self.node_path(mark)?;
                self.node_done();
                self.note_anchor(true, node, mark, true);
            }
            Event::MappingStart(anchor, _) => {
                let path = self.node_path(mark)?;
                self.note_anchor(anchor != 0, path, mark, false);
                self.frames.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(anchor, _) => {
                let path = self.node_path(mark)?;
                self.note_anchor(anchor != 0, path, mark, false);
                self.frames.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.node_done();
            }
            _ => {}
        }
        Ok(())
    }

    fn note_anchor(&mut self, found: bool, node: PathRef, mark: Marker, alias: bool) {
        if found && self.anchor.is_none() {
            self.anchor = Some((node, position(mark), alias));
        }
    }

    /// The path of a node that starts now, recording sequence items as they begin. Mapping keys
    /// are recorded when the key is read, so the position is the key's, not the value's.
    fn node_path(&mut self, mark: Marker) -> Result<PathRef, ScanFailure> {
        match self.frames.last() {
            None => Ok(DOCUMENT_PATH),
            Some(&Frame::Mapping { key: Some(key), .. }) => Ok(key),
            // A complex (non-scalar) key: nothing in a spec uses one; it is passed through.
            Some(&Frame::Mapping { path, key: None }) => {
                let hash = self.index.hasher.feed(path.hash, b".?");
                self.add(path, Segment::Complex, hash, false, mark)
            }
            Some(&Frame::Sequence { path, next }) => {
                let mut digits = [0; 20];
                let mut hash = self.index.hasher.feed(path.hash, b"[");
                hash = self
                    .index
                    .hasher
                    .feed(hash, decimal(u64::from(next), &mut digits).as_bytes());
                hash = self.index.hasher.feed(hash, b"]");
                self.add(path, Segment::Index(next), hash, true, mark)
            }
        }
    }

    /// Records the key `key` of the mapping at `parent`.
    fn add_key(
        &mut self,
        parent: PathRef,
        key: &str,
        mark: Marker,
    ) -> Result<PathRef, ScanFailure> {
        let (Ok(start), Ok(len)) = (
            u32::try_from(self.index.keys.len()),
            u32::try_from(key.len()),
        ) else {
            return Err(too_large(mark));
        };
        if start.checked_add(len).is_none() {
            return Err(too_large(mark));
        }
        self.index.keys.push_str(key);
        let mut hash = parent.hash;
        if !parent.empty {
            hash = self.index.hasher.feed(hash, b".");
        }
        hash = self.index.hasher.feed(hash, key.as_bytes());
        let mut added = self.add(parent, Segment::Key { start, len }, hash, true, mark)?;
        added.empty = parent.empty && key.is_empty();
        Ok(added)
    }

    fn add(
        &mut self,
        parent: PathRef,
        segment: Segment,
        hash: u64,
        findable: bool,
        mark: Marker,
    ) -> Result<PathRef, ScanFailure> {
        let id = match u32::try_from(self.index.entries.len()) {
            Ok(id) if id != DOCUMENT => id,
            _ => return Err(too_large(mark)),
        };
        let saturate = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let position = position(mark);
        self.index.entries.push(Entry {
            parent: parent.entry,
            segment,
            line: saturate(position.line),
            column: saturate(position.column),
        });
        if findable {
            self.index.by_hash.push((hash, id));
        }
        Ok(PathRef {
            entry: id,
            hash,
            empty: false,
        })
    }

    /// Moves the parent on after a complete node.
    fn node_done(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Mapping { key, .. }) => *key = None,
            Some(Frame::Sequence { next, .. }) => *next = next.saturating_add(1),
            None => {}
        }
    }

    fn finish(self, error: Option<ScanFailure>) -> Scan {
        let mut index = self.index;
        index.by_hash.sort_unstable();
        index.entries.shrink_to_fit();
        index.keys.shrink_to_fit();
        index.by_hash.shrink_to_fit();
        let anchor = self.anchor.map(|(node, position, alias)| AnchorUse {
            position,
            field: index.path(node.entry),
            alias,
        });
        Scan {
            index,
            anchor,
            error,
        }
    }
}

fn too_large(mark: Marker) -> ScanFailure {
    ScanFailure {
        position: position(mark),
        message: "too many keys to index".to_owned(),
    }
}

fn position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_items_and_nearest_parent() {
        let index = LocationIndex::build(
            "id: X\nrequest:\n  body:\n    fields:\n      type: {enum: [a, b]}\nlist:\n  - url: u\n  - url: v\n",
        );
        let at = |path| index.find(path).map(|p| (p.line, p.column));
        assert_eq!(at("id"), Some((1, 1)));
        assert_eq!(at("request.body.fields.type"), Some((5, 7)));
        assert_eq!(at("request.body.fields.type.enum"), Some((5, 14)));
        assert_eq!(at("request.body.fields.type.enum[1]"), Some((5, 24)));
        assert_eq!(at("list[1].url"), Some((8, 5)));
        assert_eq!(at("request.body.fields.missing"), Some((4, 5)));
        assert_eq!(at("nowhere"), None);
    }

    #[test]
    fn keys_with_dots_brackets_and_no_text_are_found_as_written() {
        let text =
            "\"a.b\": {c: 1}\na: {\"b.c\": 2, b: {c: 3}}\n\"\": {\"\": {x: 4}}\n\"[0]\": [y]\n";
        let index = LocationIndex::build(text);
        let at = |path| index.find(path).map(|p| (p.line, p.column));
        // `a.b.c` is written twice (as `a.b` > `c` and as `a` > `b.c`) and once more as
        // `a` > `b` > `c`: the last one written is found, as before.
        assert_eq!(at("a.b.c"), Some((2, 19)));
        assert_eq!(at("a.b"), Some((2, 15)));
        // A key with no text under a path with none has no text either.
        assert_eq!(at("x"), Some((3, 11)));
        assert_eq!(at(""), Some((3, 6)));
        assert_eq!(at("[0][0]"), Some((4, 9)));
        assert_eq!(at("[0].x"), Some((4, 1)));
    }

    #[test]
    fn notes_the_first_anchor_or_alias_with_its_field() {
        let scan = LocationIndex::scan("a: 1\nb:\n  - x\n  - &y {c: 2}\nd: *y\n");
        assert_eq!(
            scan.anchor,
            Some(AnchorUse {
                position: Position { line: 4, column: 8 },
                field: "b[1]".to_owned(),
                alias: false,
            })
        );
        let scan = LocationIndex::scan("a: [1, *y]\n");
        assert_eq!(scan.anchor, None, "an unknown alias is a parse error");
        assert!(scan.error.is_some());
        assert_eq!(LocationIndex::scan("a: {b: 1}\n").anchor, None);
    }

    #[test]
    fn an_entry_is_small() {
        // What bench/README.md and the memory test count on: 24 bytes an entry, 16 a lookup.
        assert_eq!(std::mem::size_of::<Entry>(), 24);
        assert_eq!(std::mem::size_of::<(u64, u32)>(), 16);
    }

    #[test]
    fn deep_nesting_is_read_without_recursion() {
        // Compact block sequences nest two bytes a level: a parser that recursed per level
        // would overflow a loader thread's stack long before this depth.
        let text = format!("{}x\n", "- ".repeat(200_000));
        let index = LocationIndex::build(&text);
        assert_eq!(index.len(), 200_000);
        assert_eq!(
            index.find(&"[0]".repeat(200_000)).map(|p| p.column),
            Some(400_001)
        );
    }

    /// The index as it was before it stored parent links: every path in full, in a map. Kept
    /// as the reference the compact index must agree with on every lookup.
    mod reference {
        use std::collections::HashMap;

        use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
        use yaml_rust2::scanner::Marker;

        use super::super::{join_index, join_key, position};
        use crate::diagnostics::Position;

        enum Frame {
            Mapping { path: String, key: Option<String> },
            Sequence { path: String, next: usize },
        }

        #[derive(Default)]
        pub struct Builder {
            frames: Vec<Frame>,
            pub positions: HashMap<String, Position>,
        }

        pub fn build(text: &str) -> HashMap<String, Position> {
            let mut builder = Builder::default();
            let _ = Parser::new_from_str(text).load(&mut builder, false);
            builder.positions
        }

        pub fn find(positions: &HashMap<String, Position>, path: &str) -> Option<Position> {
            let mut path = path;
            loop {
                if let Some(position) = positions.get(path) {
                    return Some(*position);
                }
                let cut = path.rfind(['.', '['])?;
                path = &path[..cut];
            }
        }

        impl Builder {
            fn node_path(&mut self, mark: Marker) -> String {
                match self.frames.last() {
                    None => String::new(),
                    Some(Frame::Mapping { path, key }) => match key {
                        Some(key) => join_key(path, key),
                        None => format!("{path}.?"),
                    },
                    Some(Frame::Sequence { path, next }) => {
                        let item = join_index(path, *next);
                        self.positions.insert(item.clone(), position(mark));
                        item
                    }
                }
            }

            fn node_done(&mut self) {
                match self.frames.last_mut() {
                    Some(Frame::Mapping { key, .. }) => *key = None,
                    Some(Frame::Sequence { next, .. }) => *next += 1,
                    None => {}
                }
            }
        }

        impl MarkedEventReceiver for Builder {
            fn on_event(&mut self, event: Event, mark: Marker) {
                match event {
                    Event::Scalar(value, ..) => {
                        if let Some(Frame::Mapping {
                            path,
                            key: key @ None,
                        }) = self.frames.last_mut()
                        {
                            self.positions
                                .insert(join_key(path, &value), position(mark));
                            *key = Some(value);
                        } else {
                            self.node_path(mark);
                            self.node_done();
                        }
                    }
                    Event::Alias(_) => {
                        self.node_path(mark);
                        self.node_done();
                    }
                    Event::MappingStart(..) => {
                        let path = self.node_path(mark);
                        self.frames.push(Frame::Mapping { path, key: None });
                    }
                    Event::SequenceStart(..) => {
                        let path = self.node_path(mark);
                        self.frames.push(Frame::Sequence { path, next: 0 });
                    }
                    Event::MappingEnd | Event::SequenceEnd => {
                        self.frames.pop();
                        self.node_done();
                    }
                    _ => {}
                }
            }
        }
    }

    /// A YAML document of mappings and lists whose keys are chosen to make paths ambiguous:
    /// empty, dotted, bracketed, repeated, and mappings or lists used as keys.
    fn document() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop::sample::select(vec![
            "", "a", "b", "a.b", "b.a", ".", "..", "?", ".?", "[0]", "a[1]", "0", "x.", ".y",
        ]);
        let leaf = prop_oneof![
            Just("v".to_owned()),
            Just("&n w".to_owned()),
            Just("*n".to_owned()),
        ];
        leaf.prop_recursive(5, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|items| format!("[{}]", items.join(",\n "))),
                prop::collection::vec(
                    (
                        prop_oneof![
                            4 => key.clone().prop_map(|k| format!("{k:?}")),
                            1 => inner.clone(),
                        ],
                        inner
                    ),
                    0..5
                )
                .prop_map(|entries| {
                    let entries: Vec<String> =
                        entries.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                    format!("{{{}}}", entries.join(", "))
                }),
            ]
        })
        .prop_map(|document| format!("&n {document}\n"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Every path the former index knew, every cut of it and a few it did not know are
        /// found at the same position by both.
        #[test]
        fn finds_what_the_full_path_index_found(text in document()) {
            let reference = reference::build(&text);
            let index = LocationIndex::build(&text);
            let mut queries: Vec<String> = reference.keys().cloned().collect();
            for path in reference.keys() {
                for (cut, _) in path.match_indices(['.', '[', ']']) {
                    queries.push(path[..cut].to_owned());
                    queries.push(format!("{}.zz", &path[..cut]));
                }
            }
            queries.extend(["", ".", "a.", "[0", "[00]", "[+0]", "zz"].map(str::to_owned));
            for query in &queries {
                proptest::prop_assert_eq!(
                    index.find(query),
                    reference::find(&reference, query),
                    "path {:?} in {:?}",
                    query,
                    text
                );
            }
        }
    }
}
