//! Maps YAML paths (`request.body.fields.type`) to the line and column where they are written.
//!
//! serde_yaml locates syntax and type errors itself, but the checks that run after loading
//! (broken references, duplicate names, bad examples) only know the YAML path of what they
//! reject. This index, built from a second, event-level parse of the same text, turns that path
//! back into a position so every diagnostic can name the line.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostics::Position;

/// Positions of every mapping key and sequence item of one YAML document.
#[derive(Debug, Default)]
pub struct LocationIndex {
    positions: HashMap<String, Position>,
}

impl LocationIndex {
    /// Indexes `text`. Text that does not parse yields an empty index: serde_yaml reports the
    /// syntax error with its own position.
    pub fn build(text: &str) -> Self {
        let mut builder = IndexBuilder::default();
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        LocationIndex {
            positions: builder.positions,
        }
    }

    /// Where `path` is written, or the closest enclosing key that is (a field the author left
    /// out is reported at the object it belongs in).
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(position) = self.positions.get(path) {
                return Some(*position);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
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
pub fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a YAML path and a sequence index.
pub fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, next: usize },
}

#[derive(Default)]
struct IndexBuilder {
    frames: Vec<Frame>,
    positions: HashMap<String, Position>,
}

impl IndexBuilder {
    /// The path of a node that starts now, recording sequence items as they begin. Mapping keys
    /// are recorded when the key is read, so the position is the key's, not the value's.
    fn node_path(&mut self, mark: Marker) -> String {
        match self.frames.last() {
            None => String::new(),
            Some(Frame::Mapping { path, key }) => match key {
                Some(key) => join_key(path, key),
                // A complex (non-scalar) key: nothing in a spec uses one; give it no path.
                None => format!("{path}.?"),
            },
            Some(Frame::Sequence { path, next }) => {
                let item = join_index(path, *next);
                self.positions.insert(item.clone(), position(mark));
                item
            }
        }
    }

    /// Moves the parent on after a complete node.
    fn node_done(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Mapping { key, .. }) => *key = None,
            Some(Frame::Sequence { next, .. }) => *next += 1,
            None => {}
        }
    }
}

fn position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl MarkedEventReceiver for IndexBuilder {
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
}
