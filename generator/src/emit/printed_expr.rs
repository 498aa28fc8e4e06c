//! Value expressions (`Type::new(a, Nested::new(b))`, `vec![x]`, literals) kept as a small tree
//! that gives both their tokens and their text laid out as prettyplease lays them out.
//!
//! The call examples build one such expression per operation (its request), and printing each
//! through syn and prettyplease was the larger part of rendering them. prettyplease prints a
//! call's arguments in a consistent box: the whole box on the line when it fits, measured with
//! what follows it up to the next place a line may break (the `)` and the `,` or `;` after it),
//! else every argument on a line of its own one level deeper than the enclosing broken box, a
//! comma after each (the last one's is not measured), and the closing bracket back at that
//! box's level; a line broken at indentation `i` has `max(89 - i, 60)` columns of room. A
//! `vec!`'s contents are printed as tokens (prettyplease reads them as expressions only with
//! its `verbatim` feature): whole after `vec![`, else whole on the next line one level deeper,
//! spaced as an expression would be except `- 1` for `-1`. Where a leaf or a `vec!`'s contents
//! would not fit their line, prettyplease would print them past the margin or break inside
//! them, so [`Expr::statement`] declines and the caller prints the tokens; the tests compare
//! both ways on random trees and on every example of the repository.

use proc_macro2::TokenStream;
use quote::quote;

/// prettyplease's margin and its least room on a line (`MARGIN`, `MIN_SPACE`).
const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;
const INDENT: usize = 4;

/// An expression of a call example.
#[derive(Debug, Clone)]
pub(super) enum Expr {
    /// Printed whole wherever it fits (a literal, a path, `"x".to_owned()`, a call without
    /// arguments): its text and its tokens.
    Leaf { text: String, tokens: TokenStream },
    /// `open` + items separated by `, ` + `close`: `Type::new(` .. `)`, `vec![` .. `]`.
    List {
        open: String,
        open_tokens: TokenStream,
        items: Vec<Expr>,
        brackets: Brackets,
    },
    /// `vec![item; n]`.
    Repeat { item: Box<Expr>, n: u64 },
    /// Anything else: printed from its tokens only ([`Expr::layout`] declines).
    Tokens(TokenStream),
}

/// The brackets of an [`Expr::List`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Brackets {
    /// A call: `path(...)`.
    Paren,
    /// A macro with brackets: `vec![...]`.
    Square,
}

impl Expr {
    /// A leaf whose text is `tokens` as prettyplease prints them.
    pub(super) fn leaf(text: String, tokens: TokenStream) -> Self {
        Expr::Leaf { text, tokens }
    }

    /// `path(items)`, `path` given as text and as tokens; a call without arguments is a leaf
    /// (prettyplease never breaks it).
    pub(super) fn call(path: String, path_tokens: TokenStream, items: Vec<Expr>) -> Self {
        if items.is_empty() {
            let tokens = quote!(#path_tokens());
            return Expr::leaf(format!("{path}()"), tokens);
        }
        Expr::List {
            open: format!("{path}("),
            open_tokens: path_tokens,
            items,
            brackets: Brackets::Paren,
        }
    }

    /// `vec![item]` (the one length laid out here: prettyplease fills the tokens of
    /// several).
    pub(super) fn vec(item: Expr) -> Self {
        Expr::List {
            open: "vec![".to_owned(),
            open_tokens: quote!(vec!),
            items: vec![item],
            brackets: Brackets::Square,
        }
    }

    /// `vec![]`.
    pub(super) fn empty_vec() -> Self {
        Expr::leaf("vec![]".to_owned(), quote!(vec![]))
    }

    /// The expression's tokens.
    pub(super) fn tokens(&self) -> TokenStream {
        match self {
            Expr::Leaf { tokens, .. } | Expr::Tokens(tokens) => tokens.clone(),
            Expr::List {
                open_tokens,
                items,
                brackets,
                ..
            } => {
                let items = items.iter().map(Expr::tokens);
                match brackets {
                    Brackets::Paren => quote!(#open_tokens(#(#items),*)),
                    Brackets::Square => quote!(#open_tokens[#(#items),*]),
                }
            }
            Expr::Repeat { item, n } => {
                let item = item.tokens();
                let n = proc_macro2::Literal::u64_unsuffixed(*n);
                quote!(vec![#item; #n])
            }
        }
    }

    /// The statement `before` + this expression + `after` (`let request = ` .. `;`) as
    /// prettyplease prints it in a block at `depth` levels, one `\n`-ended line at a time;
    /// `None` where a leaf would not fit its line or a part is [`Expr::Tokens`].
    pub(super) fn statement(&self, depth: usize, before: &str, after: &str) -> Option<String> {
        // A macro's tokens print `-1` as `- 1`.
        if self.macro_has_negative() {
            return None;
        }
        let indent = depth * INDENT;
        let mut out = Layout {
            text: " ".repeat(indent),
            space: room(indent),
        };
        out.word(before);
        self.layout(&mut out, indent, after.len())?;
        out.word(after);
        out.text.push('\n');
        Some(out.text)
    }

    /// Whether a `vec!` of the expression holds a negative number.
    fn macro_has_negative(&self) -> bool {
        match self {
            Expr::List {
                items,
                brackets: Brackets::Paren,
                ..
            } => items.iter().any(Expr::macro_has_negative),
            Expr::List { .. } | Expr::Repeat { .. } => self.has_negative(),
            Expr::Leaf { .. } | Expr::Tokens(_) => false,
        }
    }

    /// Whether a leaf of the expression is a negative number.
    fn has_negative(&self) -> bool {
        match self {
            Expr::Leaf { text, .. } => text.starts_with('-'),
            Expr::List { items, .. } => items.iter().any(Expr::has_negative),
            Expr::Repeat { item, .. } => item.has_negative(),
            Expr::Tokens(_) => false,
        }
    }

    /// The length of the expression printed on one line.
    fn flat_len(&self) -> Option<usize> {
        match self {
            Expr::Leaf { text, .. } => Some(text.len()),
            Expr::List { open, items, .. } => {
                let mut len = open.len() + 1 + 2 * (items.len() - 1);
                for item in items {
                    len += item.flat_len()?;
                }
                Some(len)
            }
            Expr::Repeat { item, n } => Some("vec![; ]".len() + item.flat_len()? + digits(*n)),
            Expr::Tokens(_) => None,
        }
    }

    /// Writes the expression where `out` stands, inside a broken box at `indent`, `trail`
    /// columns following it up to the next place a line may break.
    fn layout(&self, out: &mut Layout, indent: usize, trail: usize) -> Option<()> {
        match self {
            Expr::Leaf { text, .. } => {
                if text.len() + trail > out.space {
                    return None;
                }
                out.word(text);
            }
            Expr::List {
                open,
                items,
                brackets: Brackets::Paren,
                ..
            } => {
                out.word(open);
                if self.flat_len()? - open.len() + trail <= out.space {
                    out.flat(self);
                    return Some(());
                }
                let inner = indent + INDENT;
                for (index, item) in items.iter().enumerate() {
                    out.newline(inner);
                    let last = index + 1 == items.len();
                    item.layout(out, inner, usize::from(!last))?;
                    out.word(",");
                }
                out.newline(indent);
                out.word(")");
            }
            Expr::List {
                brackets: Brackets::Square,
                ..
            }
            | Expr::Repeat { .. } => {
                // prettyplease prints a macro's contents as tokens, in a box of their own
                // between the brackets (without the `verbatim` feature it does not read
                // `vec!` as expressions): whole on this line, else whole on the next one
                // level deeper, the `]` back at this level. Its spacing of tokens matches an
                // expression's except after a `-` (see `statement`).
                let len = self.flat_len()?;
                out.word("vec![");
                if len - "vec![".len() + trail <= out.space {
                    out.flat(self);
                    return Some(());
                }
                let inner = indent + INDENT;
                out.newline(inner);
                if len - "vec![]".len() > out.space {
                    return None;
                }
                let mut contents = Layout {
                    text: String::new(),
                    space: usize::MAX,
                };
                contents.flat(self);
                contents.text.pop();
                out.word(&contents.text);
                out.newline(indent);
                out.word("]");
            }
            Expr::Tokens(_) => return None,
        }
        Some(())
    }
}

/// Text being laid out, and the room left on its last line.
struct Layout {
    text: String,
    space: usize,
}

impl Layout {
    fn word(&mut self, word: &str) {
        self.text.push_str(word);
        self.space = self.space.saturating_sub(word.len());
    }

    fn newline(&mut self, indent: usize) {
        self.text.push('\n');
        self.text.extend(std::iter::repeat_n(' ', indent));
        self.space = room(indent);
    }

    /// The rest of `expr` on this line: for a list or repeat, what follows its opening.
    fn flat(&mut self, expr: &Expr) {
        match expr {
            Expr::Leaf { text, .. } => self.word(text),
            Expr::List {
                items, brackets, ..
            } => {
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.word(", ");
                    }
                    self.whole(item);
                }
                self.word(match brackets {
                    Brackets::Paren => ")",
                    Brackets::Square => "]",
                });
            }
            Expr::Repeat { item, n } => {
                self.whole(item);
                self.word("; ");
                self.word(&n.to_string());
                self.word("]");
            }
            Expr::Tokens(_) => {}
        }
    }

    /// `expr` whole on this line, its opening included.
    fn whole(&mut self, expr: &Expr) {
        match expr {
            Expr::List { open, .. } => self.word(open),
            Expr::Repeat { .. } => self.word("vec!["),
            Expr::Leaf { .. } | Expr::Tokens(_) => {}
        }
        self.flat(expr);
    }
}

/// The room on a line broken at `indent` (prettyplease's `max(MARGIN - indent, MIN_SPACE)`).
fn room(indent: usize) -> usize {
    MARGIN.saturating_sub(indent).max(MIN_SPACE)
}

fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

#[cfg(test)]
mod tests {
    use proc_macro2::Literal;
    use proptest::prelude::*;

    use super::Expr;
    use crate::emit::rust::ident;

    fn type_name() -> impl Strategy<Value = String> {
        "T[a-zA-Z0-9]{0,44}"
    }

    fn leaf() -> impl Strategy<Value = Expr> {
        prop_oneof![
            "[a-z\"\\\\é中\u{2028} -]{0,50}".prop_map(|text| {
                let literal = Literal::string(&text);
                Expr::leaf(literal.to_string(), quote::quote!(#literal))
            }),
            "[a-z\"é -]{0,50}".prop_map(|text| {
                let literal = Literal::string(&text);
                Expr::leaf(
                    format!("{literal}.to_owned()"),
                    quote::quote!(#literal.to_owned()),
                )
            }),
            any::<i64>().prop_map(|n| {
                let literal = Literal::u64_unsuffixed(n.unsigned_abs());
                if n < 0 {
                    Expr::leaf(format!("-{literal}"), quote::quote!(-#literal))
                } else {
                    Expr::leaf(literal.to_string(), quote::quote!(#literal))
                }
            }),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(|x| {
                    let literal = Literal::f64_unsuffixed(x.abs());
                    Expr::leaf(literal.to_string(), quote::quote!(#literal))
                }),
            any::<bool>().prop_map(|b| Expr::leaf(b.to_string(), quote::quote!(#b))),
            (type_name(), type_name()).prop_map(|(ty, variant)| {
                let (t, v) = (ident(&ty), ident(&variant));
                Expr::leaf(format!("{ty}::{variant}"), quote::quote!(#t::#v))
            }),
            type_name().prop_map(|ty| {
                let t = ident(&ty);
                Expr::call(format!("{ty}::new"), quote::quote!(#t::new), Vec::new())
            }),
            Just(Expr::leaf(
                "serde_json::json!({})".to_owned(),
                quote::quote!(serde_json::json!({}))
            )),
            Just(Expr::leaf(
                "b\"file contents\".to_vec()".to_owned(),
                quote::quote!(b"file contents".to_vec())
            )),
            Just(Expr::empty_vec()),
        ]
    }

    fn expr() -> impl Strategy<Value = Expr> {
        leaf().prop_recursive(6, 48, 5, |inner| {
            prop_oneof![
                (type_name(), prop::collection::vec(inner.clone(), 1..5)).prop_map(
                    |(ty, items)| {
                        let t = ident(&ty);
                        Expr::call(format!("{ty}::new"), quote::quote!(#t::new), items)
                    }
                ),
                inner.clone().prop_map(Expr::vec),
                (inner, 2u64..200).prop_map(|(item, n)| Expr::Repeat {
                    item: Box::new(item),
                    n,
                }),
            ]
        })
    }

    /// prettyplease's lines of `let request = #expr;` in a function body.
    fn prettyplease(expr: &Expr) -> String {
        let tokens = expr.tokens();
        let file = syn::parse2(quote::quote!(fn f() { let request = #tokens; })).unwrap();
        let printed = prettyplease::unparse(&file);
        let lines: Vec<&str> = printed.lines().collect();
        lines[1..lines.len() - 1]
            .iter()
            .map(|line| format!("{line}\n"))
            .collect()
    }

    /// Whether the contents of a `vec!` in `printed` take more than one line.
    fn vec_contents_broken(printed: &str) -> bool {
        let lines: Vec<&str> = printed.lines().collect();
        lines.iter().enumerate().any(|(index, line)| {
            line.ends_with("vec![")
                && lines
                    .get(index + 2)
                    .is_some_and(|after| !after.trim_start().starts_with(']'))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Where a statement is written here, it is prettyplease's text of its tokens, byte for
        /// byte; where none is, prettyplease's has a line past the margin or a leaf broken.
        #[test]
        fn statements_print_as_prettyplease_prints_them(expr in expr()) {
            let reference = prettyplease(&expr);
            match expr.statement(1, "let request = ", ";") {
                Some(text) => prop_assert_eq!(text, reference),
                None => prop_assert!(
                    expr.macro_has_negative()
                        || reference.lines().any(|line| line.len() > 89)
                        || reference.lines().any(|line| line.trim_start().starts_with('.'))
                        || vec_contents_broken(&reference),
                    "declined: {}", reference
                ),
            }
        }
    }

    /// A body nested past the width, as the call examples build them, is written as text.
    #[test]
    fn nested_calls_are_written() {
        let level = |name: &str, items: Vec<Expr>| {
            let t = ident(name);
            Expr::call(format!("{name}::new"), quote::quote!(#t::new), items)
        };
        let name = |text: &str| {
            let literal = Literal::string(text);
            Expr::leaf(literal.to_string(), quote::quote!(#literal))
        };
        let mut value = level("Level5", vec![name("your-name-5")]);
        for depth in (1..5).rev() {
            value = level(
                &format!("ConfigureBackup0001ReqLevel{depth}"),
                vec![name(&format!("your-name-{depth}")), value],
            );
        }
        let request = level("ConfigureBackup0001Request", vec![name("your-id"), value]);
        let text = request.statement(1, "let request = ", ";").unwrap();
        assert_eq!(text, prettyplease(&request));
        assert!(text.lines().count() > 10, "{text}");
    }
}
