//! A description cell → its text and the constraints it states.
//!
//! Pages state constraints in several ways, in every language:
//! - on a paragraph of their own (`Default value: en-us`, `Minimum length: 12`,
//!   `Array Length: 0 - 10`) or as one sentence of a paragraph (`Backup ID. Default value: N/A`,
//!   `创建共享云硬盘的信息。默认值为false。`), or as one clause of a sentence
//!   (`最小值1，最大值1000，默认为1000。`);
//! - as a list of values introduced by a sentence (`Values:`, `取值范围`, `key取值范围为：`)
//!   followed by `value: meaning` bullets, or inline after an intro (`取值为：v1、v2、v3`,
//!   `It can be account, organizational_unit, or policy.`);
//! - in the sub-paragraphs of the Definition / Constraints / Range / Default Value layout, with
//!   the labels alone on their line or leading a paragraph (`Range: N/A`).
//!
//! Every form is data: the `[prose]` section of the vocabularies (`vocabulary/*.toml`) lists
//! the intros, the templates with their `{placeholders}`, the separators of inline lists and
//! the words that make a sentence read like a constraint. Adding a language is adding data.
//!
//! A constraint becomes a field only when the text states it exactly: a number where a number
//! is meant, a clean token for a value. A sentence that reads like a constraint but is not
//! exact (`默认为VBD类型`, `Only letters and digits are allowed`, a byte limit) is kept in the
//! text and listed in [`CellFacts::prose_constraints`]; nothing is guessed. A sentence fully
//! converted into fields leaves the text, as the old line-based reader dropped its lines.
//!
//! Two statements that disagree (a tag list whose key allows 36 characters and whose value
//! 43) make neither a field: the cell is read a second time with that kind of field disabled,
//! so both sentences stay in the text as prose constraints.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::import::read::document::{Block, BlockKind, Cell, List};
use crate::import::vocabulary::{Captures, Vocabularies, match_template, normalize, prose};

/// What a description cell says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellFacts {
    /// The text: paragraphs on lines of their own, list items as `• item` lines (nested lists
    /// indented by two spaces per level), notes and code kept; sentences converted into the
    /// fields below left out.
    pub doc: String,
    /// Documented values, as the page writes them (quotes stripped), each with its meaning when
    /// the page gives one.
    pub enum_values: Vec<(String, Option<String>)>,
    /// The default value, when the page names one (`N/A` names none).
    pub default: Option<String>,
    /// "Minimum length:" and its forms, in characters.
    pub min_length: Option<String>,
    /// "Maximum length:" and its forms, in characters.
    pub max_length: Option<String>,
    /// "Minimum:" or the low end of a range; a length on strings, a value on numbers (the
    /// caller decides by the field's type).
    pub minimum: Option<String>,
    /// "Maximum:" or the high end of a range.
    pub maximum: Option<String>,
    /// The low end of "Array Length: a - b".
    pub min_items: Option<String>,
    /// The high end of "Array Length: a - b".
    pub max_items: Option<String>,
    /// Sentences that state a constraint the fields above cannot hold exactly; they stay in
    /// [`CellFacts::doc`] too.
    pub prose_constraints: Vec<String>,
}

/// Reads a description cell with the vocabularies of every language.
pub fn read_cell(cell: &Cell, vocabularies: &Vocabularies) -> CellFacts {
    let mut reader = Reader::new(vocabularies, Kinds::default());
    reader.read(cell);
    let conflicts = reader.conflicts();
    if conflicts.is_empty() {
        return reader.finish();
    }
    // Reading again with the disputed kinds disabled keeps their sentences in the text, which
    // a first pass that already dropped them could not restore.
    let mut reader = Reader::new(vocabularies, conflicts);
    reader.read(cell);
    reader.finish()
}

/// The kinds of field a statement can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Default,
    MinLength,
    MaxLength,
    Minimum,
    Maximum,
    MinItems,
    MaxItems,
    Enum,
}

/// A set of [`Kind`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Kinds(u16);

impl Kinds {
    fn insert(&mut self, kind: Kind) {
        self.0 |= 1 << kind as u16;
    }
    fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u16) != 0
    }
    fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// One field a statement sets.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fact {
    Scalar(Kind, String),
    Enum(Vec<(String, Option<String>)>),
}

impl Fact {
    fn kind(&self) -> Kind {
        match self {
            Fact::Scalar(kind, _) => *kind,
            Fact::Enum(_) => Kind::Enum,
        }
    }
}

/// What a statement (a sentence, a clause, a paragraph under a label) turned out to be.
enum Reading {
    /// It sets these fields (possibly none: `Default value: N/A`).
    Facts(Vec<Fact>),
    /// It has the form of a constraint whose values are not exact (a default that is not a
    /// clean token, a byte limit, a list with an item that is not a value).
    Inexact,
    /// No form matched.
    Unknown,
}

/// The sub-paragraph a paragraph belongs to in the Definition / Constraints / Range / Default
/// Value layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Text,
    Constraints,
    Range,
    Default,
}

/// A layout part with the label as the page wrote it, for the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    layout: Layout,
    label: String,
}

impl Part {
    fn text() -> Part {
        Part {
            layout: Layout::Text,
            label: String::new(),
        }
    }

    /// `label: text`, with the colon of the label's script.
    fn prefix(&self, text: &str) -> String {
        if self.layout == Layout::Text || self.label.is_empty() {
            return text.to_owned();
        }
        let colon = if self.label.is_ascii() { ": " } else { "：" };
        format!("{}{colon}{text}", self.label)
    }
}

/// Field templates tried on a statement, in order; byte limits come before character limits
/// so that a byte limit is never read as a length.
const FIELD_FORMS: [&str; 9] = [
    "default",
    "byte_length",
    "length_range",
    "min_length",
    "max_length",
    "range",
    "minimum",
    "maximum",
    "items",
];

/// Sentence ends that need no space after them (CJK punctuation).
const WIDE_ENDS: [char; 4] = ['。', '；', '！', '？'];
/// Sentence ends that end a sentence only before a space and a word that does not start in
/// lower case (so `Max. length` and `e.g. this` stay whole).
const NARROW_ENDS: [char; 4] = ['.', ';', '!', '?'];

/// Opening and closing quotes stripped from values.
const QUOTES: [(char, char); 7] = [
    ('"', '"'),
    ('\'', '\''),
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('`', '`'),
];

struct Reader<'v> {
    v: &'v Vocabularies,
    /// Kinds that disagreed in the first pass: statements setting them are not converted.
    disabled: Kinds,
    scalars: BTreeMap<Kind, Vec<String>>,
    enums: Vec<Vec<(String, Option<String>)>>,
    prose: Vec<String>,
    lines: Vec<String>,
}

impl<'v> Reader<'v> {
    fn new(v: &'v Vocabularies, disabled: Kinds) -> Self {
        Reader {
            v,
            disabled,
            scalars: BTreeMap::new(),
            enums: Vec::new(),
            prose: Vec::new(),
            lines: Vec::new(),
        }
    }

    fn read(&mut self, cell: &Cell) {
        self.lines = self.sequence(&cell.blocks, 0);
    }

    /// Kinds stated more than once with different values.
    fn conflicts(&self) -> Kinds {
        let mut kinds = Kinds::default();
        for (kind, values) in &self.scalars {
            if values.iter().any(|value| *value != values[0]) {
                kinds.insert(*kind);
            }
        }
        let names = |list: &[(String, Option<String>)]| -> Vec<String> {
            list.iter().map(|(value, _)| value.clone()).collect()
        };
        if let Some(first) = self.enums.first()
            && self.enums.iter().any(|list| names(list) != names(first))
        {
            kinds.insert(Kind::Enum);
        }
        kinds
    }

    fn finish(mut self) -> CellFacts {
        let mut scalar = |kind: Kind| {
            self.scalars
                .remove(&kind)
                .and_then(|values| values.into_iter().next())
        };
        CellFacts {
            default: scalar(Kind::Default),
            min_length: scalar(Kind::MinLength),
            max_length: scalar(Kind::MaxLength),
            minimum: scalar(Kind::Minimum),
            maximum: scalar(Kind::Maximum),
            min_items: scalar(Kind::MinItems),
            max_items: scalar(Kind::MaxItems),
            enum_values: self.enums.into_iter().next().unwrap_or_default(),
            doc: self.lines.join("\n"),
            prose_constraints: self.prose,
        }
    }

    /// Records the facts of one statement; false (nothing recorded) when one of their kinds is
    /// disabled, so that the statement stays text.
    fn record(&mut self, facts: Vec<Fact>) -> bool {
        if facts.iter().any(|fact| self.disabled.contains(fact.kind())) {
            return false;
        }
        for fact in facts {
            match fact {
                Fact::Scalar(kind, value) => self.scalars.entry(kind).or_default().push(value),
                Fact::Enum(values) => self.enums.push(values),
            }
        }
        true
    }

    fn add_prose(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && !self.prose.iter().any(|known| known == text) {
            self.prose.push(text.to_owned());
        }
    }

    /// The text lines of a sequence of blocks, each indented by `indent` spaces.
    fn sequence(&mut self, blocks: &[Block], indent: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut part = Part::text();
        let mut index = 0;
        while index < blocks.len() {
            let block = &blocks[index];
            index += 1;
            match &block.kind {
                BlockKind::Paragraph(text) => {
                    // A paragraph whose last sentence introduces the list after it.
                    if let Some(Block {
                        kind: BlockKind::List(list),
                        ..
                    }) = blocks.get(index)
                        && let Some(intro) = self.enum_intro(&text.text)
                    {
                        index += 1;
                        let (before, intro) = intro;
                        let values = self.enum_list(list);
                        let accepted =
                            values.is_some_and(|values| self.record(vec![Fact::Enum(values)]));
                        let mut kept = self.paragraph(before, &mut part, false);
                        if accepted {
                            push_text(&mut lines, indent, &kept);
                        } else {
                            // Not a list of values after all: the intro and its list stay
                            // text, and what they say is a constraint in words.
                            // A space after Latin text only: CJK sentences run on.
                            if kept.ends_with(|c: char| c.is_ascii()) {
                                kept.push(' ');
                            }
                            kept.push_str(intro);
                            push_text(&mut lines, indent, &kept);
                            let items: Vec<String> = list
                                .items
                                .iter()
                                .map(|item| flatten(&item.blocks))
                                .collect();
                            let label = intro.trim_end_matches([':', '：']);
                            self.add_prose(&format!("{label}: {}", items.join("; ")));
                            lines.extend(self.list(list, indent));
                        }
                        continue;
                    }
                    let last = index == blocks.len();
                    let kept = self.paragraph(&text.text, &mut part, last);
                    push_text(&mut lines, indent, &kept);
                }
                BlockKind::List(list) => lines.extend(self.list(list, indent)),
                BlockKind::Heading(heading) => push_text(&mut lines, indent, &heading.text.text),
                BlockKind::Code(code) => push_text(&mut lines, indent, &code.text),
                BlockKind::Table(_) => push_text(&mut lines, indent, &block.plain_text()),
            }
        }
        lines
    }

    /// A list's lines: `• ` on the first line of each item, its other lines indented under it.
    fn list(&mut self, list: &List, indent: usize) -> Vec<String> {
        let mut lines = Vec::new();
        for item in &list.items {
            let mut inner = self.sequence(&item.blocks, indent + 2);
            if let Some(first) = inner.first_mut() {
                let text = first.get(indent + 2..).unwrap_or_default();
                *first = format!("{}• {text}", " ".repeat(indent));
            }
            lines.extend(inner);
        }
        lines
    }

    /// Reads one paragraph: a layout label alone switches `part`; a label leading the
    /// paragraph applies to it alone. Returns the paragraph's text without the sentences
    /// converted into fields (empty when nothing is left).
    ///
    /// A label alone introduces what follows it, so it is no label when it ends the cell or
    /// ends with a full stop: a description that is just `Value` or `Values.` is text.
    fn paragraph(&mut self, text: &str, part: &mut Part, last: bool) -> String {
        let text = text.trim();
        if text.is_empty() {
            return String::new();
        }
        let label = (!text.ends_with(['.', '。']))
            .then(|| self.layout(text))
            .flatten();
        if last && label.is_some() {
            // A label introducing nothing is plain text, and states no constraint.
            return text.to_owned();
        }
        if let Some(layout) = label {
            *part = Part {
                layout,
                label: text.trim_end_matches([':', '：']).trim().to_owned(),
            };
            return String::new();
        }
        let (own, body) = match self.inline_label(text) {
            Some((layout, label, rest)) => (
                Part {
                    layout,
                    label: label.to_owned(),
                },
                rest,
            ),
            None => (part.clone(), text),
        };
        let kept = self.statements(body, &own);
        if kept.is_empty() {
            return kept;
        }
        own.prefix(&kept)
    }

    /// Reads the sentences of `text`; returns those that stay in the text, as written.
    fn statements(&mut self, text: &str, part: &Part) -> String {
        let mut kept = String::new();
        for range in sentences(text) {
            let sentence = &text[range];
            let (keep, is_prose) = self.sentence(sentence, part);
            if is_prose {
                self.add_prose(sentence);
            }
            if keep {
                kept.push_str(sentence);
            }
        }
        kept.trim().to_owned()
    }

    /// Reads one sentence: whole first, then clause by clause. Returns whether it stays in the
    /// text and whether it is a prose constraint.
    fn sentence(&mut self, sentence: &str, part: &Part) -> (bool, bool) {
        let body = trim_statement(sentence);
        if body.is_empty() {
            return (true, false);
        }
        let mut inexact = false;
        // A label may lead a sentence inside a paragraph too (`… Value: The value can …`).
        let mut candidates = vec![body];
        if let Some((_, _, rest)) = self.inline_label(body) {
            candidates.push(rest);
        }
        for candidate in candidates {
            match self.statement(candidate, part) {
                Reading::Facts(facts) => {
                    return if self.record(facts) {
                        (false, false)
                    } else {
                        (true, true)
                    };
                }
                Reading::Inexact => inexact = true,
                Reading::Unknown => {}
            }
        }
        let labelled = matches!(part.layout, Layout::Constraints | Layout::Default);
        let clauses = clauses(body);
        if clauses.len() < 2 {
            return (true, inexact || labelled || self.has_cue(body));
        }
        // `最小值1，最大值1000，默认为1000`: each clause on its own.
        let mut complete = true;
        let mut is_prose = labelled;
        for clause in clauses {
            match self.statement(clause, part) {
                Reading::Facts(facts) => {
                    if !self.record(facts) {
                        complete = false;
                        is_prose = true;
                    }
                }
                Reading::Inexact => {
                    complete = false;
                    is_prose = true;
                }
                Reading::Unknown => {
                    complete = false;
                    is_prose |= self.has_cue(clause);
                }
            }
        }
        if complete {
            (false, false)
        } else {
            (true, is_prose || inexact)
        }
    }

    /// Reads one statement (a sentence or a clause without its final punctuation) against
    /// every form, under `part`.
    fn statement(&self, text: &str, part: &Part) -> Reading {
        let text = trim_statement(text);
        if text.is_empty() {
            return Reading::Unknown;
        }
        if part.layout != Layout::Text && self.not_applicable(text) {
            return Reading::Facts(Vec::new());
        }
        if part.layout == Layout::Default
            && let Some(value) = clean_token(text)
        {
            return Reading::Facts(vec![Fact::Scalar(Kind::Default, value.to_owned())]);
        }
        let mut inexact = false;
        for key in FIELD_FORMS {
            match self.forms(key, text) {
                Reading::Facts(facts) => return Reading::Facts(facts),
                Reading::Inexact => inexact = true,
                Reading::Unknown => {}
            }
        }
        match self.enum_inline(text) {
            Reading::Facts(facts) => return Reading::Facts(facts),
            Reading::Inexact => inexact = true,
            Reading::Unknown => {}
        }
        if part.layout == Layout::Range {
            // Under a Range label the text may be the range or the values themselves.
            if let Reading::Facts(facts) = self.forms("range_value", text) {
                return Reading::Facts(facts);
            }
            if let Some(values) = self.inline_values(text) {
                let values = values.into_iter().map(|value| (value, None)).collect();
                return Reading::Facts(vec![Fact::Enum(values)]);
            }
        }
        if inexact {
            Reading::Inexact
        } else {
            Reading::Unknown
        }
    }

    /// The first template under `key` whose captures are exact values.
    fn forms(&self, key: &str, text: &str) -> Reading {
        let mut inexact = false;
        for template in self.v.phrases(prose, key) {
            if !template.contains('{') {
                continue;
            }
            let Some(captures) = match_template(template, text) else {
                continue;
            };
            match self.field(key, &captures) {
                Some(facts) => return Reading::Facts(facts),
                None => inexact = true,
            }
        }
        if inexact {
            Reading::Inexact
        } else {
            Reading::Unknown
        }
    }

    /// The facts a field template's captures state, or `None` when they are not exact.
    fn field(&self, key: &str, captures: &Captures) -> Option<Vec<Fact>> {
        let get = |name: &str| captures.get(name).map(|text| trim_capture(text));
        let count = |name: &str| get(name).filter(|text| is_count(text));
        let number = |name: &str| get(name).filter(|text| is_number(text));
        let scalar = |kind: Kind, value: &str| Fact::Scalar(kind, value.to_owned());
        Some(match key {
            "default" => {
                let value = get("value")?;
                if self.not_applicable(value) {
                    Vec::new()
                } else {
                    vec![scalar(Kind::Default, clean_token(value)?)]
                }
            }
            // The spec's lengths count characters; a limit in bytes is a different limit
            // (a CJK character takes three bytes in UTF-8), so it never becomes a length.
            "byte_length" => return None,
            "min_length" => vec![scalar(Kind::MinLength, count("n")?)],
            "max_length" => vec![scalar(Kind::MaxLength, count("n")?)],
            "length_range" => vec![
                scalar(Kind::MinLength, count("min")?),
                scalar(Kind::MaxLength, count("max")?),
            ],
            "minimum" => vec![scalar(Kind::Minimum, number("n")?)],
            "maximum" => vec![scalar(Kind::Maximum, number("n")?)],
            "range" | "range_value" => vec![
                scalar(Kind::Minimum, number("min")?),
                scalar(Kind::Maximum, number("max")?),
            ],
            "items" => vec![
                scalar(Kind::MinItems, count("min")?),
                scalar(Kind::MaxItems, count("max")?),
            ],
            _ => return None,
        })
    }

    /// An inline list after an intro (`取值为：v1、v2、v3`). A list of two or more items with
    /// one that is not a value is [`Reading::Inexact`]; a single item is no list at all (`It
    /// can be obtained by …`).
    fn enum_inline(&self, text: &str) -> Reading {
        let mut inexact = false;
        for template in self.v.phrases(prose, "enum_inline") {
            let Some(values) =
                match_template(template, text).and_then(|captures| captures.get("values").cloned())
            else {
                continue;
            };
            if let Some(values) = self.inline_values(&values) {
                let values = values.into_iter().map(|value| (value, None)).collect();
                return Reading::Facts(vec![Fact::Enum(values)]);
            }
            inexact |= self.split_list(trim_capture(&values)).len() >= 2;
        }
        if inexact {
            Reading::Inexact
        } else {
            Reading::Unknown
        }
    }

    /// The items of an inline list when there are two or more, all distinct clean tokens that
    /// are not ranges (`1~32768`, `1-100` are bounds, not values).
    fn inline_values(&self, text: &str) -> Option<Vec<String>> {
        let items = self.split_list(trim_capture(text));
        if items.len() < 2 {
            return None;
        }
        let mut values: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let value = clean_token(trim_statement(item))?;
            if looks_like_range(value) || values.iter().any(|known| known == value) {
                return None;
            }
            values.push(value.to_owned());
        }
        Some(values)
    }

    /// Splits at the list separators, the longest first where several start at one place.
    fn split_list<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut separators = self.v.phrases(prose, "list_separators");
        separators.retain(|separator| !separator.is_empty());
        separators.sort_by_key(|separator| std::cmp::Reverse(separator.len()));
        let mut items = Vec::new();
        let mut start = 0;
        let mut at = 0;
        while at < text.len() {
            if let Some(separator) = separators.iter().find(|s| text[at..].starts_with(**s)) {
                items.push(text[start..at].trim());
                at += separator.len();
                start = at;
            } else {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        items.push(text[start..].trim());
        items
    }

    /// When the last sentence of `text` introduces a list of values: the text before it and
    /// the intro.
    fn enum_intro<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str)> {
        let text = text.trim();
        let last = sentences(text).pop()?;
        let intro = text[last.clone()].trim();
        let bare = intro.trim_end_matches([':', '：']).trim();
        if bare.is_empty() {
            return None;
        }
        let is_intro = self.v.phrases(prose, "enum_intro").into_iter().any(|form| {
            if form.contains('{') {
                match_template(form, bare).is_some()
            } else {
                normalize(form) == normalize(bare)
            }
        });
        is_intro.then(|| (&text[..last.start], intro))
    }

    /// The values of a list after an intro: every item a `value: meaning` or a bare value,
    /// each value a clean token, none twice. `None` when any item is not.
    fn enum_list(&self, list: &List) -> Option<Vec<(String, Option<String>)>> {
        let separators = self.v.phrases(prose, "value_separators");
        let mut values: Vec<(String, Option<String>)> = Vec::new();
        for item in &list.items {
            let (lead, rest) = item.blocks.split_first()?;
            let BlockKind::Paragraph(lead) = &lead.kind else {
                return None;
            };
            let lead = lead.text.trim();
            let split = separators
                .iter()
                .filter(|separator| !separator.is_empty())
                .filter_map(|separator| lead.find(*separator).map(|at| (at, separator.len())))
                .min();
            let (value, mut meaning) = match split {
                Some((at, len)) => (&lead[..at], lead[at + len..].trim().to_owned()),
                None => (lead.trim_end_matches([':', '：']), String::new()),
            };
            // Whatever else the item holds (a note, a nested list) belongs to the meaning.
            let more = flatten(rest);
            if !more.is_empty() {
                meaning.push_str(if meaning.is_empty() { "" } else { " " });
                meaning.push_str(&more);
            }
            let value = clean_token(trim_statement(value))?;
            if values.iter().any(|(known, _)| known == value) {
                return None;
            }
            let meaning = (!meaning.is_empty()).then_some(meaning);
            values.push((value.to_owned(), meaning));
        }
        (!values.is_empty()).then_some(values)
    }

    /// The layout part a paragraph that is only a label opens.
    fn layout(&self, text: &str) -> Option<Layout> {
        [
            ("definition", Layout::Text),
            ("constraints", Layout::Constraints),
            ("default_label", Layout::Default),
            ("range_label", Layout::Range),
        ]
        .into_iter()
        .find(|(key, _)| self.v.is(prose, key, text))
        .map(|(_, layout)| layout)
    }

    /// A label leading `text` before its first colon: the part, the label as written, the rest.
    fn inline_label<'t>(&self, text: &'t str) -> Option<(Layout, &'t str, &'t str)> {
        let (at, colon) = text.char_indices().find(|(_, c)| matches!(c, ':' | '：'))?;
        let label = text[..at].trim();
        let rest = text[at + colon.len_utf8()..].trim();
        if label.is_empty() || rest.is_empty() {
            return None;
        }
        Some((self.layout(label)?, label, rest))
    }

    /// `N/A` and its forms. The vocabulary's matcher folds `-` and trailing punctuation away,
    /// so text that folds to nothing would equal the `-` entry; only dashes count as that.
    fn not_applicable(&self, text: &str) -> bool {
        let text = text.trim();
        if normalize(text).is_empty() {
            return !text.is_empty() && text.chars().all(|c| matches!(c, '-' | '—' | '–'));
        }
        self.v.is(prose, "not_applicable", text)
    }

    /// Whether `text` holds a word that marks a constraint (whole words for Latin script).
    fn has_cue(&self, text: &str) -> bool {
        let folded = normalize(text);
        self.v
            .phrases(prose, "constraint_cues")
            .into_iter()
            .map(normalize)
            .any(|cue| !cue.is_empty() && contains_word(&folded, &cue))
    }
}

/// Appends `text` (possibly several lines) indented by `indent` spaces.
fn push_text(lines: &mut Vec<String>, indent: usize, text: &str) {
    let pad = " ".repeat(indent);
    for line in text.lines() {
        let line = line.trim_end();
        if !line.trim().is_empty() {
            lines.push(format!("{pad}{line}"));
        }
    }
}

/// Blocks as one line of text, for prose constraints and enum meanings.
fn flatten(blocks: &[Block]) -> String {
    let text: Vec<String> = blocks
        .iter()
        .map(|block| block.plain_text())
        .filter(|text| !text.trim().is_empty())
        .collect();
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of `text` as byte ranges covering it, each with its final punctuation and
/// the space after it, so that the kept ones concatenate back to the text as written. A
/// sentence end inside brackets (`（数据盘为32768GB；系统盘为1024GB）`) ends no sentence.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let cut = depth == 0
            && (WIDE_ENDS.contains(&c)
                || (NARROW_ENDS.contains(&c)
                    && text[end..].starts_with(char::is_whitespace)
                    && text[end..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(|next| !next.is_ascii_lowercase())));
        if !cut {
            continue;
        }
        let mut stop = end;
        while let Some(&(next_at, next)) = chars.peek() {
            if !next.is_whitespace() {
                break;
            }
            stop = next_at + next.len_utf8();
            chars.next();
        }
        out.push(start..stop);
        start = stop;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The clauses of a sentence, split at commas (not inside a number such as `1,000`).
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut chars = sentence.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, next)| *next);
        let in_number = c == ','
            && previous.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        if (c == '，' || c == ',') && !in_number {
            out.push(sentence[start..at].trim());
            start = at + c.len_utf8();
        }
        previous = Some(c);
    }
    out.push(sentence[start..].trim());
    out.retain(|clause| !clause.is_empty());
    out
}

/// A statement without surrounding space and final punctuation.
fn trim_statement(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['.', '。', ';', '；', '!', '！', '?', '？'])
        .trim()
}

/// A captured value without surrounding space, a leading colon (`取值为：…` matched by
/// `取值为{values}`), final punctuation, or a closing bracket it does not open (the clause
/// `默认为“created_at”）` ends a parenthesis opened before it).
fn trim_capture(text: &str) -> &str {
    let text = trim_statement(text.trim().trim_start_matches([':', '：']));
    let unopened = |close: char, open: char| text.ends_with(close) && !text.contains(open);
    if unopened(')', '(') || unopened('）', '（') {
        trim_statement(&text[..text.len() - text.chars().next_back().map_or(0, char::len_utf8)])
    } else {
        text
    }
}

/// The value `text` names when it is one clean token: identifier-like (ASCII letters, digits
/// and `-_.:/+@=*#%~$&`, no space), or anything without spaces between quotes (returned
/// without them). `None` for prose such as `VBD类型` or `200 (default)`.
fn clean_token(text: &str) -> Option<&str> {
    let text = text.trim();
    for (open, close) in QUOTES {
        if let Some(inner) = text
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            let quoted = !inner.is_empty()
                && !inner.chars().any(|c| {
                    c.is_whitespace()
                        || QUOTES.iter().any(|(o, q)| c == *o || c == *q)
                        || matches!(c, ',' | '，' | '、' | '。' | ';' | '；')
                });
            return quoted.then_some(inner);
        }
    }
    let identifier = text.chars().any(|c| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/+@=*#%~$&".contains(c));
    identifier.then_some(text)
}

/// `1~32768`, `1-100`: two numbers around a range sign.
fn looks_like_range(text: &str) -> bool {
    text.split_once(['~', '-'])
        .is_some_and(|(low, high)| is_number(low) && is_number(high))
}

/// A whole number of characters or items.
fn is_count(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A number as pages write bounds: optional sign, digits, optional decimals.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    is_count(whole) && is_count(fraction)
}

/// Whether `needle` occurs in `hay` as a word: where the needle starts or ends with an ASCII
/// letter or digit, the neighbouring character must not be one (CJK needs no boundary).
fn contains_word(hay: &str, needle: &str) -> bool {
    let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
        return false;
    };
    let apart = |edge: char, neighbour: Option<char>| {
        !edge.is_ascii_alphanumeric() || !neighbour.is_some_and(|n| n.is_ascii_alphanumeric())
    };
    hay.match_indices(needle).any(|(at, _)| {
        apart(first, hay[..at].chars().next_back())
            && apart(last, hay[at + needle.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::import::read::document::{ListItem, Text};

    fn paragraph(text: &str) -> Block {
        Block::new(1, BlockKind::Paragraph(Text::plain(text)))
    }

    fn list(items: Vec<Vec<Block>>) -> Block {
        Block::new(
            1,
            BlockKind::List(List {
                ordered: false,
                items: items
                    .into_iter()
                    .map(|blocks| ListItem { line: 1, blocks })
                    .collect(),
            }),
        )
    }

    fn bullets(items: &[&str]) -> Block {
        list(items.iter().map(|item| vec![paragraph(item)]).collect())
    }

    fn cell(blocks: Vec<Block>) -> Cell {
        Cell { line: 1, blocks }
    }

    fn read(blocks: Vec<Block>) -> CellFacts {
        read_cell(&cell(blocks), Vocabularies::builtin())
    }

    fn lines(texts: &[&str]) -> CellFacts {
        read(texts.iter().map(|text| paragraph(text)).collect())
    }

    fn values(facts: &CellFacts) -> Vec<&str> {
        facts.enum_values.iter().map(|(v, _)| v.as_str()).collect()
    }

    #[test]
    fn english_enums_defaults_and_lengths() {
        let facts = read(vec![
            paragraph("Request language type."),
            paragraph("Default value: en-us"),
            paragraph("Enumerated values:"),
            bullets(&["en-us", "zh-cn"]),
        ]);
        assert_eq!(facts.doc, "Request language type.");
        assert_eq!(facts.default.as_deref(), Some("en-us"));
        assert_eq!(
            facts.enum_values,
            [("en-us".into(), None), ("zh-cn".into(), None)]
        );
        assert!(facts.prose_constraints.is_empty());

        let facts = read(vec![
            paragraph("Whether to refresh. Values:"),
            bullets(&["true: from the source.", "false: from the cache."]),
        ]);
        assert_eq!(facts.doc, "Whether to refresh.");
        assert_eq!(
            facts.enum_values[0],
            ("true".into(), Some("from the source.".into()))
        );

        let facts = lines(&["Error code.", "Minimum length: 12", "Maximum length: 12"]);
        assert_eq!(facts.doc, "Error code.");
        assert_eq!(
            (facts.min_length.as_deref(), facts.max_length.as_deref()),
            (Some("12"), Some("12"))
        );

        let facts = lines(&[
            "Values.",
            "Minimum: 0",
            "Maximum: 255",
            "Array Length: 0 - 10",
        ]);
        assert_eq!(facts.doc, "Values.");
        assert_eq!(
            (facts.minimum.as_deref(), facts.maximum.as_deref()),
            (Some("0"), Some("255"))
        );
        assert_eq!(
            (facts.min_items.as_deref(), facts.max_items.as_deref()),
            (Some("0"), Some("10"))
        );
    }

    #[test]
    fn english_inline_defaults_and_lists() {
        let facts = lines(&["Backup ID. Default value: N/A"]);
        assert_eq!(facts.doc, "Backup ID.");
        assert_eq!(facts.default, None);

        let facts = lines(&["Whether to delete all snapshots. The default value is false."]);
        assert_eq!(facts.default.as_deref(), Some("false"));
        assert_eq!(facts.doc, "Whether to delete all snapshots.");

        let facts = lines(&["Quota type. It can be account, organizational_unit, or policy."]);
        assert_eq!(values(&facts), ["account", "organizational_unit", "policy"]);
        assert_eq!(facts.doc, "Quota type.");

        let facts = lines(&[
            "Resource type. It can be organizations:policies, organizations:ous, organizations:accounts, or organizations:roots.",
        ]);
        assert_eq!(values(&facts)[0], "organizations:policies");
        assert_eq!(values(&facts).len(), 4);

        // A list with an item that is not a value: text and a prose constraint.
        let text = "Message body type. The value can be application/json or charset=utf-8 application/json.";
        let facts = lines(&[text]);
        assert!(facts.enum_values.is_empty());
        assert_eq!(facts.doc, text);
        assert_eq!(
            facts.prose_constraints,
            ["The value can be application/json or charset=utf-8 application/json."]
        );

        // "It can be" followed by no list at all is no constraint.
        let text = "User token. It can be obtained by calling the IAM API.";
        let facts = lines(&[text]);
        assert_eq!(facts.doc, text);
        assert!(facts.prose_constraints.is_empty() && facts.enum_values.is_empty());
    }

    #[test]
    fn english_definition_layout() {
        let facts = lines(&[
            "Definition",
            "The project ID.",
            "Constraints",
            "N/A",
            "Range",
            "See IAM.",
            "Default Value",
            "N/A",
        ]);
        assert_eq!(facts.doc, "The project ID.\nRange: See IAM.");
        assert_eq!(facts.default, None);
        assert!(facts.prose_constraints.is_empty());

        let facts = lines(&["Definition", "Size.", "Default Value", "10"]);
        assert_eq!(facts.default.as_deref(), Some("10"));
        assert_eq!(facts.doc, "Size.");

        let facts = lines(&[
            "Explanation",
            "Project ID.",
            "Constraints",
            "The value cannot be empty.",
            "Value range",
            "The value must consist of 1 to 64 characters. Only letters and digits are allowed.",
            "Default value",
            "N/A",
        ]);
        assert_eq!(
            facts.doc,
            "Project ID.\nConstraints: The value cannot be empty.\nValue range: Only letters and digits are allowed."
        );
        assert_eq!(
            (facts.min_length.as_deref(), facts.max_length.as_deref()),
            (Some("1"), Some("64"))
        );
        assert_eq!(
            facts.prose_constraints,
            [
                "The value cannot be empty.",
                "Only letters and digits are allowed."
            ]
        );

        // Labels leading their paragraph.
        let facts = lines(&[
            "Definition: Specifies the project ID.",
            "Constraints: N/A",
            "Range: The value can contain a maximum of 32 characters, including digits and lowercase letters.",
            "Default value: N/A",
        ]);
        assert_eq!(facts.max_length.as_deref(), Some("32"));
        assert_eq!(facts.default, None);
        assert_eq!(
            facts.doc,
            "Specifies the project ID.\nRange: The value can contain a maximum of 32 characters, including digits and lowercase letters."
        );
        assert_eq!(facts.prose_constraints.len(), 1);

        // A Range label with values under it.
        let facts = read(vec![paragraph("Range"), bullets(&["on", "off"])]);
        assert_eq!(values(&facts), ["on", "off"]);
        let facts = lines(&["Value range: 1-100"]);
        assert_eq!(
            (facts.minimum.as_deref(), facts.maximum.as_deref()),
            (Some("1"), Some("100"))
        );
    }

    #[test]
    fn english_negatives() {
        // The word "default" alone states no default.
        let text =
            "If this parameter is not set, data in the default workspace is queried by default.";
        let facts = lines(&[text]);
        assert_eq!(facts.default, None);
        assert_eq!(facts.doc, text);

        let text = "Restores the PTR record of an EIP to the default value.";
        assert_eq!(lines(&[text]).default, None);

        // A bound that is not a number is no bound.
        let facts = lines(&["Records to return. The value ranges from 1 to 200 (default)."]);
        assert_eq!((facts.minimum, facts.maximum), (None, None));
        assert_eq!(
            facts.prose_constraints,
            ["The value ranges from 1 to 200 (default)."]
        );

        // Bullets without an intro are text.
        let facts = read(vec![paragraph("Either:"), bullets(&["one", "two"])]);
        assert_eq!(facts.doc, "Either:\n• one\n• two");
        assert!(facts.enum_values.is_empty());

        // A description that only says N/A keeps it.
        assert_eq!(lines(&["N/A"]).doc, "N/A");
        assert_eq!(read(Vec::new()), CellFacts::default());
    }

    #[test]
    fn chinese_defaults_ranges_and_lengths() {
        let facts = read(vec![
            paragraph("创建共享云硬盘的信息。默认值为false。"),
            bullets(&["true：表示为共享云硬盘。", "false：表示为非共享云硬盘。"]),
        ]);
        assert_eq!(facts.default.as_deref(), Some("false"));
        // Bullets without an intro stay text.
        assert!(facts.enum_values.is_empty());
        assert_eq!(
            facts.doc,
            "创建共享云硬盘的信息。\n• true：表示为共享云硬盘。\n• false：表示为非共享云硬盘。"
        );

        let facts = lines(&[
            "返回结果个数限制。",
            "最小值1，最大值1000，默认为1000。返回的结果中记录数不超过limit值。",
        ]);
        assert_eq!(
            (
                facts.minimum.as_deref(),
                facts.maximum.as_deref(),
                facts.default.as_deref()
            ),
            (Some("1"), Some("1000"), Some("1000"))
        );
        assert_eq!(
            facts.doc,
            "返回结果个数限制。\n返回的结果中记录数不超过limit值。"
        );
        assert_eq!(
            facts.prose_constraints,
            ["返回的结果中记录数不超过limit值。"]
        );

        let facts = lines(&["云硬盘名称，长度为1~64个字符。"]);
        assert_eq!(
            (facts.min_length.as_deref(), facts.max_length.as_deref()),
            (Some("1"), Some("64"))
        );
        assert_eq!(facts.doc, "云硬盘名称，长度为1~64个字符。");

        let facts = lines(&["云硬盘大小，单位为GB。", "取值范围：1~32768"]);
        assert_eq!(
            (facts.minimum.as_deref(), facts.maximum.as_deref()),
            (Some("1"), Some("32768"))
        );
        assert_eq!(facts.doc, "云硬盘大小，单位为GB。");
        assert_eq!(facts.prose_constraints, ["云硬盘大小，单位为GB。"]);

        let facts = lines(&["降序或升序，默认为“desc”。"]);
        assert_eq!(facts.default.as_deref(), Some("desc"));
        assert_eq!(facts.doc, "降序或升序，默认为“desc”。");
    }

    #[test]
    fn chinese_prose_constraints() {
        // Bytes are not characters.
        let facts = lines(&["云硬盘名称。最大支持255个字节。"]);
        assert_eq!(facts.max_length, None);
        assert_eq!(facts.doc, "云硬盘名称。最大支持255个字节。");
        assert_eq!(facts.prose_constraints, ["最大支持255个字节。"]);

        // A default that is not a clean token.
        let facts = lines(&["如果元数据中不包含hw:passthrough字段，云硬盘默认为VBD类型。"]);
        assert_eq!(facts.default, None);
        assert_eq!(facts.prose_constraints.len(), 1);
        let facts = lines(&["该字段不存在时，云硬盘默认为不加密。"]);
        assert_eq!(facts.default, None);

        // Patterns described in words.
        let facts = lines(&["由英文字母、数字、下划线、中划线组成。"]);
        assert_eq!(
            facts.prose_constraints,
            ["由英文字母、数字、下划线、中划线组成。"]
        );
        assert!(facts.enum_values.is_empty());
        let facts = lines(&[
            "只能由数字和字母组成。",
            "标签键。同一资源的key值不能重复。",
        ]);
        assert_eq!(facts.prose_constraints.len(), 2);

        // An inline list with an item that is not a value.
        let facts = lines(&["挂载模式，只支持可读可写rw模式和只读ro模式。"]);
        assert!(facts.enum_values.is_empty());
        assert_eq!(facts.prose_constraints.len(), 1);

        // Plain descriptions are not constraints.
        let facts = lines(&["云硬盘ID。", "获取方法请参见获取项目ID。"]);
        assert!(facts.prose_constraints.is_empty());
    }

    #[test]
    fn chinese_enums() {
        let facts = lines(&["查询的目标版本号。", "取值为：v1、v2、v3。"]);
        assert_eq!(values(&facts), ["v1", "v2", "v3"]);
        assert_eq!(facts.doc, "查询的目标版本号。");

        let facts = lines(&["取值为true或false。"]);
        assert_eq!(values(&facts), ["true", "false"]);

        let facts = lines(&[
            "云硬盘导出镜像的格式。",
            "目前支持vhd、zvhd、zvhd2、raw、qcow2。默认是zvhd2。",
        ]);
        assert_eq!(values(&facts), ["vhd", "zvhd", "zvhd2", "raw", "qcow2"]);
        assert_eq!(facts.default.as_deref(), Some("zvhd2"));
        assert_eq!(facts.doc, "云硬盘导出镜像的格式。");

        let facts = lines(&["云硬盘类型。", "目前支持“SSD”，“GPSSD”和“SAS”三种。"]);
        assert_eq!(values(&facts), ["SSD", "GPSSD", "SAS"]);

        let facts =
            lines(&["云硬盘导出镜像的系统类型。目前只支持“windows”和“linux”，默认值是“linux”。"]);
        assert_eq!(values(&facts), ["windows", "linux"]);
        assert_eq!(facts.default.as_deref(), Some("linux"));
        assert_eq!(facts.doc, "云硬盘导出镜像的系统类型。");

        let facts = lines(&["服务类型，仅支持EVS、DSS、DESS。"]);
        assert_eq!(values(&facts), ["EVS", "DSS", "DESS"]);

        let facts = read(vec![
            paragraph("键。枚举值。"),
            paragraph("key取值范围为："),
            bullets(&["resource_name：资源名称。", "service_type：服务类型。"]),
        ]);
        assert_eq!(
            facts.enum_values,
            [
                ("resource_name".into(), Some("资源名称。".into())),
                ("service_type".into(), Some("服务类型。".into()))
            ]
        );
        assert_eq!(facts.doc, "键。枚举值。");

        let facts = read(vec![
            paragraph("接口版本的状态。存在以下状态："),
            bullets(&[
                "CURRENT：表示该版本为主推版本。",
                "DEPRECATED：表示为废弃版本。",
            ]),
        ]);
        assert_eq!(values(&facts), ["CURRENT", "DEPRECATED"]);
        assert_eq!(facts.doc, "接口版本的状态。");
    }

    #[test]
    fn chinese_nested_value_lists() {
        // `• 取值范围` with the values nested under it, a definition label on the item before.
        let facts = read(vec![list(vec![
            vec![paragraph("功能说明：计费模式。默认值为postPaid。")],
            vec![
                paragraph("取值范围"),
                bullets(&["prePaid：包年包月", "postPaid：按需"]),
            ],
        ])]);
        assert_eq!(facts.doc, "• 计费模式。");
        assert_eq!(facts.default.as_deref(), Some("postPaid"));
        assert_eq!(
            facts.enum_values,
            [
                ("prePaid".into(), Some("包年包月".into())),
                ("postPaid".into(), Some("按需".into()))
            ]
        );

        // Items that are not values: the list stays text and is a prose constraint.
        let facts = read(vec![list(vec![
            vec![paragraph("功能说明：订购周期数。")],
            vec![
                paragraph("取值范围"),
                bullets(&[
                    "periodType为month时，为[1-9]",
                    "periodType为year时，为[1-1]",
                ]),
            ],
        ])]);
        assert!(facts.enum_values.is_empty());
        assert_eq!(
            facts.doc,
            "• 订购周期数。\n• 取值范围\n  • periodType为month时，为[1-9]\n  • periodType为year时，为[1-1]"
        );
        assert_eq!(
            facts.prose_constraints,
            ["取值范围: periodType为month时，为[1-9]; periodType为year时，为[1-1]"]
        );
    }

    #[test]
    fn disagreeing_statements_stay_prose() {
        let facts = read(vec![
            paragraph("创建云硬盘的时候，给云硬盘绑定标签。"),
            list(vec![
                vec![paragraph("标签的key：String类型，最大长度36个字符。")],
                vec![paragraph(
                    "标签的value：String类型，最大长度43个字符，可以为空字符串。",
                )],
            ]),
        ]);
        assert_eq!(facts.max_length, None);
        assert_eq!(
            facts.doc,
            "创建云硬盘的时候，给云硬盘绑定标签。\n• 标签的key：String类型，最大长度36个字符。\n• 标签的value：String类型，最大长度43个字符，可以为空字符串。"
        );
        assert_eq!(facts.prose_constraints.len(), 2);

        // Agreeing statements are one.
        let facts = lines(&["默认值为false。", "Default value: false"]);
        assert_eq!(facts.default.as_deref(), Some("false"));
    }

    #[test]
    fn text_keeps_lists_notes_and_code() {
        let facts = read(vec![
            paragraph("云硬盘的元数据。"),
            paragraph("说明："),
            list(vec![
                vec![paragraph("__system__cmkid"), paragraph("加密cmkid字段。")],
                vec![
                    paragraph("hw:passthrough"),
                    bullets(&["true表示SCSI类型。", "false表示VBD类型。"]),
                ],
            ]),
            Block::new(
                1,
                BlockKind::Code(crate::import::read::document::Code {
                    text: "{\n  \"a\": 1\n}".into(),
                }),
            ),
        ]);
        assert_eq!(
            facts.doc,
            "云硬盘的元数据。\n说明：\n• __system__cmkid\n  加密cmkid字段。\n• hw:passthrough\n  • true表示SCSI类型。\n  • false表示VBD类型。\n{\n  \"a\": 1\n}"
        );
    }

    #[test]
    fn sentence_and_clause_splitting() {
        let text = "Max. length: 64. Default value: en-us. Done";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            ["Max. length: 64. ", "Default value: en-us. ", "Done"]
        );
        assert_eq!(clauses("最小值1，最大值1,000"), ["最小值1", "最大值1,000"]);
        assert_eq!(clean_token("“available”"), Some("available"));
        assert_eq!(clean_token("VBD类型"), None);
        assert_eq!(clean_token("“回滚数据失败”"), Some("回滚数据失败"));
        assert!(contains_word("the default value", "default"));
        assert!(!contains_word("unique values", "unit"));
        assert!(contains_word("名称的长度", "长度"));
    }

    /// Text built from the forms the reader looks for, so that random cells reach every path.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Default value: ".to_owned()),
            Just("默认值为".to_owned()),
            Just("默认为".to_owned()),
            Just("取值为".to_owned()),
            Just("取值范围".to_owned()),
            Just("Values:".to_owned()),
            Just("Range".to_owned()),
            Just("Definition".to_owned()),
            Just("Constraints: ".to_owned()),
            Just("It can be ".to_owned()),
            Just("最大支持".to_owned()),
            Just("Minimum: ".to_owned()),
            Just("Array Length: ".to_owned()),
            Just("个字符".to_owned()),
            Just("N/A".to_owned()),
            Just("、".to_owned()),
            Just("，".to_owned()),
            Just(", or ".to_owned()),
            Just("：".to_owned()),
            Just(": ".to_owned()),
            Just("。".to_owned()),
            Just(". ".to_owned()),
            Just("~".to_owned()),
            Just("-".to_owned()),
            Just("“".to_owned()),
            Just("”".to_owned()),
            Just("{".to_owned()),
            "[0-9]{1,4}",
            "[a-z_]{1,6}",
            "\\PC{0,6}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat())
    }

    fn block() -> impl Strategy<Value = Block> {
        let leaf = prop_oneof![
            4 => text().prop_map(|t| paragraph(&t)),
            1 => text().prop_map(|t| Block::new(1, BlockKind::Code(crate::import::read::document::Code { text: t }))),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop::collection::vec(prop::collection::vec(inner, 0..4), 0..4).prop_map(list)
        })
    }

    proptest! {
        #[test]
        fn never_panics_and_never_invents(blocks in prop::collection::vec(block(), 0..8)) {
            let cell = cell(blocks);
            let facts = read_cell(&cell, Vocabularies::builtin());
            let text = cell.plain_text();
            for (value, _) in &facts.enum_values {
                prop_assert!(text.contains(value.as_str()), "enum value {value:?} not in {text:?}");
            }
            for value in [
                &facts.default,
                &facts.min_length,
                &facts.max_length,
                &facts.minimum,
                &facts.maximum,
                &facts.min_items,
                &facts.max_items,
            ]
            .into_iter()
            .flatten()
            {
                prop_assert!(text.contains(value.as_str()), "{value:?} not in {text:?}");
            }
        }

        #[test]
        fn hostile_text_never_panics(text in "\\PC{0,200}") {
            let _ = read_cell(&Cell::paragraph(1, text), Vocabularies::builtin());
        }
    }

    #[test]
    fn huge_text_is_read() {
        let sentence = "最小值1，最大值1000，默认为1000。The value can be a, b, or c. ";
        let text = sentence.repeat(2_000);
        let facts = read_cell(&Cell::paragraph(1, text), Vocabularies::builtin());
        assert_eq!(facts.maximum.as_deref(), Some("1000"));
    }
}
