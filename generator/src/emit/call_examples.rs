//! A short call of every operation, shown in its request type's docs and compiled in the
//! crate's `tests/call_examples.rs`.
//!
//! Both come from one token stream per operation ([`example_fn`]): the docs show the function
//! as prettyplease prints it, and the test file is those functions, printed the same way, plus
//! one test naming each of them, so every example shown is type-checked against the public API
//! exactly as a user would write it. The function is written as that text without the round
//! trip where it can be: the lines every example of a service shares are printed once
//! ([`ExampleFrame`]), and the request is laid out as prettyplease lays it out
//! ([`super::printed_expr`]); the tests compare both ways on every example of the repository.
//! They are never run (they need credentials and the network), and the request types' ones
//! are never doctests: a crate that `include!`s the build-script output could not compile them
//! (it cannot name the service's crate), so [`super::single_file`] leaves them out. The crate root's docs lead with the example of the
//! first operation as a `no_run` doctest ([`super::crate_root::lib_rs`]): `single_file` leaves
//! out the crate docs, so only the committed crate carries it. Each example's request, built
//! from the same tokens, is also validated by a test of its own, which proves the chosen values
//! pass the constraints.
//!
//! ```text
//! async fn collect_db_objects_info() -> Result<(), Box<dyn std::error::Error>> {
//!     use huaweicloud_sdk_drs::operations::collect_db_objects_info::{...};
//!     let client = huaweicloud_sdk_drs::client().from_env()?.region("...").build()?;
//!     let request = CollectDbObjectsInfoRequest::new("...", CollectDbObjectsInfoRequestBody::new(...));
//!     match client.send(&request).await { Ok(output) => ..., Err(...Error::Api(error)) => ..., ... }
//!     Ok(())
//! }
//! ```
//!
//! Every required parameter and field gets a value that passes `validate()`: the page's
//! example request where it prints one that fits the constraints, else a placeholder of the
//! type within them (`"your-volume-id"`, `1`, the first enum value, nested required objects
//! built the same way). Page values enter only as literals made by `quote!`, never as code.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::docs::Doc;
use super::operation::{caller_params, is_constructor_argument};
use super::printed::{INDENT, Lines};
use super::printed_expr::Expr;
use super::rust::ident;
use super::split::crate_ident;
use crate::model::{
    Number, Operation, Output, ParamLocation, PathPart, Service, Shape, TypeKind, TypeRef,
};

/// Where a service crate keeps the compiled examples (cargo's integration-test convention).
pub const TEST_FILE: &str = "tests/call_examples.rs";

/// The request an example sends, with the `use` lines it needs: shared by the example and
/// the test that validates it, so both build the same value.
struct ExampleRequest {
    imports: Vec<Import>,
    /// The value of `let request = ...;`.
    value: Expr,
}

impl ExampleRequest {
    fn import_tokens(&self) -> Vec<TokenStream> {
        self.imports.iter().map(Import::tokens).collect()
    }

    /// `let request = Request::new(...);`
    fn statement_tokens(&self) -> TokenStream {
        let value = self.value.tokens();
        quote!(let request = #value;)
    }
}

fn example_request(service: &Service, op: &Operation) -> Result<ExampleRequest, String> {
    let krate = crate_ident(&service.package);
    let mut values = Values {
        service,
        used: BTreeSet::new(),
        building: Vec::new(),
        origin: &op.origin,
    };
    let printed = printed_values(op);
    let mut arguments = Vec::new();
    for param in caller_params(op).filter(|p| is_constructor_argument(p)) {
        let example = printed
            .iter()
            .find(|(location, name, _)| *location == param.location && *name == param.wire_name)
            .map(|(_, _, value)| value);
        let slot = Slot::Param(param.location);
        arguments.push(values.argument(&param.shape, example, &param.rust_name, slot)?);
    }
    if let Some(body) = &op.body {
        let example = op
            .examples
            .requests
            .iter()
            .find_map(|e| e.body.as_deref())
            .and_then(|json| serde_json::from_str::<Value>(json).ok());
        // The body is never a `impl Into<String>` argument, whatever its type.
        arguments.push(values.value(&body.shape, example.as_ref(), "body", Slot::Body)?);
    }
    values.used.insert(op.request_type.clone());
    Ok(ExampleRequest {
        imports: imports(op, &krate, &values.used),
        value: constructor(&op.request_type, arguments),
    })
}

/// `Type::new(arguments)`.
fn constructor(type_name: &str, arguments: Vec<Expr>) -> Expr {
    let type_name = ident(type_name);
    Expr::call(
        format!("{type_name}::new"),
        quote!(#type_name::new),
        arguments,
    )
}

/// `#[allow(deprecated)]` for a deprecated operation: its callers see the warning, and the
/// example says how to accept it.
fn allow_deprecated(op: &Operation) -> Option<TokenStream> {
    op.deprecated
        .is_some()
        .then(|| quote!(#[allow(deprecated)]))
}

/// The example function of `op` sending `request`: the one source of both the docs and the
/// test file.
fn example_fn(service: &Service, op: &Operation, request: &ExampleRequest) -> TokenStream {
    example_fn_tokens(
        service,
        &ident(&op.module),
        Success::of(&op.output),
        allow_deprecated(op),
        (&request.import_tokens(), &request.statement_tokens()),
    )
}

/// The example function `name` with the given `use` lines and request statement (none in
/// the [`ExampleFrame`]'s).
fn example_fn_tokens(
    service: &Service,
    name: &proc_macro2::Ident,
    success: Success,
    allow: Option<TokenStream>,
    (imports, statement): (&[TokenStream], &TokenStream),
) -> TokenStream {
    let krate = crate_ident(&service.package);
    let client = client_expression(service, &krate);
    let success = success.arm();
    quote! {
        #allow
        async fn #name() -> Result<(), Box<dyn std::error::Error>> {
            #(#imports)*
            let client = #client;
            #statement
            match client.send(&request).await {
                #success
                Err(#krate::Error::Api(error)) => eprintln!("{error}"),
                Err(other) => eprintln!("{other}"),
            }
            Ok(())
        }
    }
}

/// What an example prints of a call that succeeded, by what the operation returns.
#[derive(Debug, Clone, Copy)]
enum Success {
    Json,
    Bytes,
    Empty,
}

impl Success {
    const ALL: [Success; 3] = [Success::Json, Success::Bytes, Success::Empty];

    fn of(output: &Output) -> Self {
        match output {
            Output::Json(_) => Success::Json,
            Output::Bytes => Success::Bytes,
            Output::Empty => Success::Empty,
        }
    }

    /// Its `match` arm.
    fn arm(self) -> TokenStream {
        match self {
            Success::Json => quote!(Ok(output) => println!("{output:?}"),),
            Success::Bytes => quote!(Ok(bytes) => println!("{} bytes", bytes.len()),),
            Success::Empty => quote!(Ok(()) => println!("done"),),
        }
    }
}

/// A test that the request of `op`'s example passes `validate()`, so `send` would send it.
fn validates_test(service: &Service, op: &Operation) -> Result<TokenStream, String> {
    let krate = crate_ident(&service.package);
    let name = ident(&op.module);
    let request = example_request(service, op)?;
    let imports = request.import_tokens();
    let statement = request.statement_tokens();
    let allow = allow_deprecated(op);
    Ok(quote! {
        #[test]
        #allow
        fn #name() {
            #(#imports)*
            #statement
            #krate::Validate::validate(&request).expect("the example's values pass validate()");
        }
    })
}

/// The example of `op` as its docs show it: [`example_fn`] as prettyplease prints it, which is
/// also how it is printed in the test file. Written as text around `frame` where every line
/// is one prettyplease would print so, else printed from the tokens.
pub fn example_text(
    service: &Service,
    op: &Operation,
    frame: &ExampleFrame,
) -> Result<String, String> {
    let request = example_request(service, op)?;
    if let Some(text) = frame.example(op, &request) {
        return Ok(text);
    }
    example_text_from_tokens(service, op, &request)
}

/// [`example_text`] printed by prettyplease.
fn example_text_from_tokens(
    service: &Service,
    op: &Operation,
    request: &ExampleRequest,
) -> Result<String, String> {
    let file = super::parse_file(example_fn(service, op, request), &op.origin)?;
    Ok(prettyplease::unparse(&file))
}

/// The lines every example of a service shares, printed once by prettyplease: the client
/// statement, and from the `match` to the end for each kind of [`Success`]. A function body's
/// statements are laid out each on its own, so these lines are the same around any request.
pub struct ExampleFrame {
    /// `None` when prettyplease's text is not in the form read here: every example is then
    /// printed from its tokens.
    lines: Option<FrameLines>,
}

struct FrameLines {
    client: String,
    /// By [`Success`], in the order of [`Success::ALL`].
    tails: [String; 3],
}

/// The line that starts an example's `match`, as prettyplease prints it.
const MATCH_LINE: &str = "    match client.send(&request).await {";

impl ExampleFrame {
    /// The frame of `service`'s examples.
    pub fn new(service: &Service) -> Result<Self, String> {
        let mut printed = Vec::new();
        for success in Success::ALL {
            // A short name keeps the signature on the line before the client statement.
            let tokens = example_fn_tokens(
                service,
                &ident("example"),
                success,
                None,
                (&[], &TokenStream::new()),
            );
            printed.push(prettyplease::unparse(&super::parse_file(
                tokens,
                &service.origin,
            )?));
        }
        Ok(ExampleFrame {
            lines: Self::read(&printed),
        })
    }

    /// The client statement and the tails out of each [`Success`]'s skeleton as printed.
    fn read(printed: &[String]) -> Option<FrameLines> {
        let mut client = String::new();
        let mut tails = Vec::new();
        for skeleton in printed {
            let (head, tail) = skeleton.split_once(&format!("\n{MATCH_LINE}\n"))?;
            // The head is the signature and the client statement.
            let (_, statement) = head.split_once("\n    let client = ")?;
            client = format!("    let client = {statement}\n");
            tails.push(format!("{MATCH_LINE}\n{tail}"));
        }
        Some(FrameLines {
            client,
            tails: tails.try_into().ok()?,
        })
    }

    /// `op`'s example as text, or `None` where a line would not be laid out as written here.
    fn example(&self, op: &Operation, request: &ExampleRequest) -> Option<String> {
        let frame = self.lines.as_ref()?;
        let mut out = Lines::new();
        if op.deprecated.is_some() {
            out.line(0, &["#[allow(deprecated)]"])?;
        }
        let name = ident(&op.module).to_string();
        out.line(
            0,
            &[
                "async fn ",
                &name,
                "() -> Result<(), Box<dyn std::error::Error>> {",
            ],
        )?;
        for import in &request.imports {
            let names: Vec<&str> = import.names.iter().map(String::as_str).collect();
            out.use_names(1, &import.path, &names)?;
        }
        out.push_text(&frame.client);
        out.push_text(&request.value.statement(1, "let request = ", ";")?);
        out.push_text(&frame.tails[Success::of(&op.output) as usize]);
        Some(out.into_text())
    }
}

/// The docs of a request type's example: a heading, where it is compiled, the code.
pub fn example_doc(doc: Doc, service: &Service, text: &str) -> Doc {
    doc.paragraph()
        .markdown("# Example")
        .paragraph()
        .markdown("A call with every required value set, credentials and project taken from the")
        .markdown(format!(
            "environment (compiled, not run, as `{TEST_FILE}` of `{}`):",
            service.package
        ))
        .code_block("rust,ignore", text)
}

/// `tests/call_examples.rs`: every operation's example (`examples`, each operation's
/// [`example_text`] in order, printed once for its docs and this file); a test naming each one
/// so that all are type-checked (and their futures proven `Send`, so they can be spawned); and
/// a test per operation that its example's request passes `validate()`.
pub fn call_examples_rs(service: &Service, examples: &[String]) -> Result<String, String> {
    let doc = Doc::new()
        .markdown(
            "The call example each request type's docs show, compiled against the public API.",
        )
        .markdown("They need credentials and the network, so they are type-checked, not run;")
        .markdown("each one's request is built again and validated.")
        .inner();
    // The tests live in modules of their own: a function there cannot collide with an example,
    // whatever its operation is called (modules and functions have separate namespaces).
    // `rustfmt::skip` on each item, as `cargo fmt` formats test files and would reflow what
    // prettyplease printed (a file-wide `#![rustfmt::skip]` is unstable); the attribute sits
    // outside the example, so the text the docs show stays exactly the one compiled.
    // prettyplease prints a file's items one after another, so the examples' text is the file's.
    let origin = format!("the files in {}", service.operations_origin);
    let mut code = prettyplease::unparse(&super::parse_file(doc, &origin)?);
    for example in examples {
        code.push_str("#[rustfmt::skip]\n");
        code.push_str(example);
    }
    match tests_text(service, examples)? {
        Some(tests) => code.push_str(&tests),
        None => code.push_str(&tests_tokens_text(service, &origin)?),
    }
    Ok(super::with_header(&code, &origin))
}

/// The tests of `tests/call_examples.rs` as tokens, printed by prettyplease.
fn tests_tokens_text(service: &Service, origin: &str) -> Result<String, String> {
    let mut validates = Vec::new();
    for op in &service.operations {
        validates.push(validates_test(service, op)?);
    }
    let names = service.operations.iter().map(|op| ident(&op.module));
    let tests = quote! {
        #[rustfmt::skip]
        mod every_example {
            #[test]
            fn type_checks() {
                #(compiles(super::#names);)*
            }

            fn compiles<F>(_example: fn() -> F)
            where
                F: std::future::Future<Output = Result<(), Box<dyn std::error::Error>>> + Send,
            {
            }

            mod request_validates {
                #(#validates)*
            }
        }
    };
    Ok(prettyplease::unparse(&super::parse_file(tests, origin)?))
}

/// [`tests_tokens_text`] written as text, each validation test's `use` lines and request taken
/// from its operation's example (`examples`, in operation order) two levels deeper. prettyplease
/// lays a statement out by the room left on its lines: with two levels less room, every line
/// breaks where it did and joins nowhere it did not, as long as every line still fits (a `use`
/// of one path is never broken, however long). A test with a line that would not fit is
/// printed from its tokens; `Ok(None)` when a line around the tests would not fit, and the
/// caller prints them all from the tokens.
fn tests_text(service: &Service, examples: &[String]) -> Result<Option<String>, String> {
    if service.operations.is_empty() || examples.len() != service.operations.len() {
        return Ok(None);
    }
    let krate = crate_ident(&service.package).to_string();
    let mut out = Lines::new();
    let mut frame = || -> Option<()> {
        out.line(0, &["#[rustfmt::skip]"])?;
        out.line(0, &["mod every_example {"])?;
        out.line(1, &["#[test]"])?;
        out.line(1, &["fn type_checks() {"])?;
        for op in &service.operations {
            out.line(2, &["compiles(super::", &op.module, ");"])?;
        }
        out.line(1, &["}"])?;
        out.line(1, &["fn compiles<F>(_example: fn() -> F)"])?;
        out.line(1, &["where"])?;
        out.line(
            2,
            &["F: std::future::Future<Output = Result<(), Box<dyn std::error::Error>>> + Send,"],
        )?;
        out.line(1, &["{}"])?;
        out.line(1, &["mod request_validates {"])
    };
    if frame().is_none() {
        return Ok(None);
    }
    for (op, example) in service.operations.iter().zip(examples) {
        match validates_test_text(op, &krate, example) {
            Some(test) => out.push_text(&test),
            None => out.push_text(&validates_test_printed(service, op)?),
        }
    }
    let mut end = || -> Option<()> {
        out.line(1, &["}"])?;
        out.line(0, &["}"])
    };
    Ok(end().map(|()| out.into_text()))
}

/// One validation test as [`tests_text`] writes it, two levels deep; `None` where a line
/// would not fit or `example` is not in the form [`ExampleLines`] reads.
fn validates_test_text(op: &Operation, krate: &str, example: &str) -> Option<String> {
    let request = ExampleLines::of(example, &op.module)?;
    let mut out = Lines::new();
    out.line(2, &["#[test]"])?;
    if op.deprecated.is_some() {
        out.line(2, &["#[allow(deprecated)]"])?;
    }
    out.line(2, &["fn ", &op.module, "() {"])?;
    for line in request.imports.iter().chain(&request.statement) {
        let never_broken = line.trim_start().starts_with("use ") && !line.contains('{');
        if never_broken {
            out.push_text(&format!("{INDENT}{INDENT}{line}\n"));
        } else if let Some((path, names)) = use_group_on_one_line(line) {
            // Two levels deeper it may have to break where the example's did not.
            out.use_group(3, path, &names)?;
        } else {
            out.line(2, &[line])?;
        }
    }
    out.method_call(
        3,
        &format!("{krate}::Validate::validate(&request)"),
        &[".expect(\"the example's values pass validate()\");"],
    )?;
    out.line(2, &["}"])?;
    Some(out.into_text())
}

/// The path and names of an example's `use` line naming several names of one module on one
/// line (`    use krate::models::{A, B};`, as [`imports`] writes them), one level deep.
fn use_group_on_one_line(line: &str) -> Option<(&str, Vec<&str>)> {
    let group = line.strip_prefix(INDENT)?.strip_prefix("use ")?;
    let (path, names) = group.strip_suffix("};")?.split_once("::{")?;
    let names: Vec<&str> = names.split(", ").collect();
    let plain = |text: &str| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '#')
    };
    (names.len() > 1 && plain(path) && names.iter().all(|name| plain(name)))
        .then_some((path, names))
}

/// One validation test printed from its tokens, as prettyplease prints it inside the test
/// modules (two levels deep).
fn validates_test_printed(service: &Service, op: &Operation) -> Result<String, String> {
    let test = validates_test(service, op)?;
    let wrapped = quote!(mod every_example { mod request_validates { #test } });
    let printed = prettyplease::unparse(&super::parse_file(wrapped, &op.origin)?);
    let lines: Vec<&str> = printed.lines().collect();
    // The two opening lines and the two closing ones are the wrapping modules'.
    let inner = lines
        .get(2..lines.len().saturating_sub(2))
        .unwrap_or_default();
    Ok(inner.iter().map(|line| format!("{line}\n")).collect())
}

/// The lines of a printed example (see [`example_fn`]) that build its request: its `use`
/// lines and its `let request = ...;`, each as printed, one level deep.
struct ExampleLines<'a> {
    imports: Vec<&'a str>,
    statement: Vec<&'a str>,
}

impl<'a> ExampleLines<'a> {
    /// `None` when `example` is not the example function of `module` as printed.
    fn of(example: &'a str, module: &str) -> Option<Self> {
        let signature = format!("async fn {module}() -> Result<(), Box<dyn std::error::Error>> {{");
        let mut lines = example
            .lines()
            .skip_while(|line| *line == "#[allow(deprecated)]");
        if lines.next()? != signature {
            return None;
        }
        let body: Vec<&str> = lines.collect();
        let client = body
            .iter()
            .position(|l| l.starts_with("    let client = "))?;
        let request = body
            .iter()
            .position(|l| l.starts_with("    let request = "))?;
        let send = body
            .iter()
            .position(|l| *l == "    match client.send(&request).await {")?;
        (client < request && request < send).then(|| ExampleLines {
            imports: body[..client].to_vec(),
            statement: body[request..send].to_vec(),
        })
    }
}

/// `huaweicloud_sdk_drs::client().from_env()?.region("...").build()?`: the README's quick
/// start, with the service's first region (none for a global service).
fn client_expression(service: &Service, krate: &proc_macro2::Ident) -> TokenStream {
    let place = if !service.endpoint.contains("{region}") {
        TokenStream::new()
    } else if let Some((region, _)) = service.regions.first() {
        quote!(.region(#region))
    } else {
        quote!(.endpoint("https://your-endpoint.example.com"))
    };
    quote!(#krate::client().from_env()? #place .build()?)
}

/// One `use` line per module the example takes types from, naming exactly those types, so a
/// reader sees where each one lives: `op`'s module for its request and its own types, the
/// shared `models` for the rest. An example uses no other operation's type: an operation's
/// types use only each other and shared models, and model sharing moves every type a shared
/// model uses into the models (looking each name up in `op` alone keeps this linear in the
/// service's size; the compiled call-example tests fail if the rule ever breaks).
fn imports(op: &Operation, krate: &proc_macro2::Ident, used: &BTreeSet<String>) -> Vec<Import> {
    let mut by_module: BTreeMap<Option<&str>, Vec<String>> = BTreeMap::new();
    for name in used {
        let own = op.request_type == *name || op.types.iter().any(|t| t.name == *name);
        let home = own.then_some(op.module.as_str());
        by_module.entry(home).or_default().push(name.clone());
    }
    by_module
        .into_iter()
        .map(|(module, names)| {
            let (path, path_tokens) = match module {
                Some(module) => {
                    let module = ident(module);
                    (
                        format!("{krate}::operations::{module}"),
                        quote!(#krate::operations::#module),
                    )
                }
                None => (format!("{krate}::models"), quote!(#krate::models)),
            };
            Import {
                path,
                path_tokens,
                names,
            }
        })
        .collect()
}

/// A `use` line of an example: a module's path and the names taken from it (identifiers as
/// printed, raw ones with their `r#`).
struct Import {
    path: String,
    path_tokens: TokenStream,
    names: Vec<String>,
}

impl Import {
    fn tokens(&self) -> TokenStream {
        let path = &self.path_tokens;
        let names: Vec<proc_macro2::Ident> = self.names.iter().map(|name| ident(name)).collect();
        match names.as_slice() {
            [one] => quote!(use #path::#one;),
            _ => quote!(use #path::{#(#names),*};),
        }
    }
}

/// Where a value goes, for the rules beyond its constraints that `validate()` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A path, query or header parameter.
    Param(ParamLocation),
    /// Inside the body.
    Body,
}

/// Builds the value expressions of one example, recording the named types it uses.
struct Values<'a> {
    service: &'a Service,
    used: BTreeSet<String>,
    /// The structs being built, outermost first: a struct reached again through an array or
    /// map gets an empty one there.
    building: Vec<String>,
    origin: &'a str,
}

impl Values<'_> {
    /// A constructor argument: a string field takes `impl Into<String>`, so a plain literal.
    fn argument(
        &mut self,
        shape: &Shape,
        example: Option<&Value>,
        hint: &str,
        slot: Slot,
    ) -> Result<Expr, String> {
        if shape.ty == TypeRef::String {
            let text = Literal::string(&string(shape, example, hint, slot));
            return Ok(Expr::leaf(text.to_string(), quote!(#text)));
        }
        self.value(shape, example, hint, slot)
    }

    /// An expression of the shape's type.
    fn value(
        &mut self,
        shape: &Shape,
        example: Option<&Value>,
        hint: &str,
        slot: Slot,
    ) -> Result<Expr, String> {
        let c = &shape.constraints;
        Ok(match &shape.ty {
            TypeRef::String => owned_string(&string(shape, example, hint, slot)),
            TypeRef::I32 => integer(shape, example, i64::from(i32::MIN), i64::from(i32::MAX)),
            TypeRef::I64 => integer(shape, example, i64::MIN, i64::MAX),
            TypeRef::F32 | TypeRef::F64 => float(shape, example),
            TypeRef::Bool => {
                let value = example
                    .and_then(|v| v.as_bool().or_else(|| v.as_str()?.parse().ok()))
                    .unwrap_or(false);
                Expr::leaf(value.to_string(), quote!(#value))
            }
            TypeRef::Json => Expr::leaf(
                "serde_json::json!({})".to_owned(),
                quote!(serde_json::json!({})),
            ),
            TypeRef::Bytes => Expr::leaf(
                "b\"file contents\".to_vec()".to_owned(),
                quote!(b"file contents".to_vec()),
            ),
            TypeRef::Array(item) => {
                if c.max_items == Some(0) || self.is_building(&item.ty) {
                    Expr::empty_vec()
                } else {
                    let first = example.and_then(Value::as_array).and_then(|a| a.first());
                    let item = self.value(item, first, hint, slot)?;
                    match c.min_items.filter(|&n| n > 1) {
                        Some(n) => Expr::Repeat {
                            item: Box::new(item),
                            n,
                        },
                        None => Expr::vec(item),
                    }
                }
            }
            TypeRef::Map(item) => {
                if c.max_items == Some(0) || self.is_building(&item.ty) {
                    Expr::leaf(
                        "std::collections::BTreeMap::new()".to_owned(),
                        quote!(std::collections::BTreeMap::new()),
                    )
                } else {
                    let first = example
                        .and_then(Value::as_object)
                        .and_then(|o| o.iter().next());
                    let key = Literal::string(
                        first
                            .map(|(key, _)| key.as_str())
                            .filter(|key| is_plain_text(key))
                            .unwrap_or("key"),
                    );
                    let item = self
                        .value(item, first.map(|(_, value)| value), hint, slot)?
                        .tokens();
                    Expr::Tokens(
                        quote!(std::collections::BTreeMap::from([(#key.to_owned(), #item)])),
                    )
                }
            }
            TypeRef::Named(name) => self.named(name, example, slot)?,
        })
    }

    fn is_building(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(name) if self.building.contains(name))
    }

    /// `Type::new(required fields...)` or `Type::Variant`.
    fn named(&mut self, name: &str, example: Option<&Value>, slot: Slot) -> Result<Expr, String> {
        let Some(def) = self.service.find_type(name) else {
            return Err(format!(
                "internal error: {}: the call example names an unknown type `{name}`",
                self.origin
            ));
        };
        self.used.insert(name.to_owned());
        let type_name = ident(name);
        match &def.kind {
            TypeKind::Enum { values, .. } => {
                let printed = example.and_then(Value::as_str);
                let variant = values
                    .iter()
                    .find(|v| Some(v.wire.as_str()) == printed)
                    .or(values.first())
                    .map(|v| ident(&v.variant));
                match variant {
                    Some(variant) => Ok(Expr::leaf(
                        format!("{type_name}::{variant}"),
                        quote!(#type_name::#variant),
                    )),
                    // An enum without documented values only has its catch-all.
                    None => {
                        let unknown = ident(crate::model::names::UNKNOWN_VARIANT);
                        Ok(Expr::call(
                            format!("{type_name}::{unknown}"),
                            quote!(#type_name::#unknown),
                            vec![owned_string("value")],
                        ))
                    }
                }
            }
            TypeKind::Struct { fields } => {
                if self.building.iter().any(|n| n == name) {
                    return Err(format!(
                        "internal error: {}: `{name}` requires a value of itself",
                        self.origin
                    ));
                }
                self.building.push(name.to_owned());
                let object = example.and_then(Value::as_object);
                let mut arguments = Vec::new();
                // The constructor's arguments: the required fields, in field order.
                for field in fields.iter().filter(|f| f.required) {
                    let printed = object.and_then(|o| o.get(&field.wire_name));
                    arguments.push(self.argument(&field.shape, printed, &field.rust_name, slot)?);
                }
                self.building.pop();
                Ok(constructor(name, arguments))
            }
        }
    }
}

/// A string within the shape's lengths: the printed one when it is plain text that fits, else
/// `your-<name>` cut or padded to fit.
fn string(shape: &Shape, example: Option<&Value>, hint: &str, slot: Slot) -> String {
    let (min, max) = (shape.constraints.min_length, shape.constraints.max_length);
    let fits = |text: &str| {
        let length = text.chars().count() as u64;
        min.is_none_or(|min| length >= min) && max.is_none_or(|max| length <= max)
    };
    if let Some(text) = example.and_then(Value::as_str)
        && is_plain_text(text)
        && fits(text)
    {
        return text.to_owned();
    }
    let words = hint.trim_matches('_').replace('_', "-");
    let mut text = if words.is_empty() {
        "your-value".to_owned()
    } else {
        format!("your-{words}")
    };
    if let Some(max) = max {
        text = text.chars().take(max as usize).collect();
    }
    while min.is_some_and(|min| (text.chars().count() as u64) < min) {
        text.push('x');
    }
    // A path segment may not be empty (only an impossible constraint leaves it so).
    if text.is_empty() && matches!(slot, Slot::Param(ParamLocation::Path)) {
        text.push('x');
    }
    text
}

/// Printed text fit to pass for a value anywhere and to read as itself: non-empty, no control
/// or direction-changing characters, no surrounding space, not a dot segment or a
/// `{placeholder}`, no escapes to undo.
fn is_plain_text(text: &str) -> bool {
    !text.is_empty()
        && text.trim() == text
        && !text
            .chars()
            .any(|c| c.is_control() || crate::unicode::is_direction_control(c))
        && text != "."
        && text != ".."
        && !(text.starts_with('{') && text.ends_with('}'))
        && !text.contains('%')
}

/// An integer within the shape's range and the type's: the printed one, else 1 moved into the
/// range.
fn integer(shape: &Shape, example: Option<&Value>, type_min: i64, type_max: i64) -> Expr {
    let c = &shape.constraints;
    let low = c
        .minimum
        .map_or(type_min, |n| ceil(n).clamp(type_min, type_max));
    let high = c
        .maximum
        .map_or(type_max, |n| floor(n).clamp(type_min, type_max));
    let value = example
        .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
        .filter(|n| (low..=high).contains(n))
        .unwrap_or_else(|| 1.max(low).min(high));
    number(value < 0, Literal::u64_unsuffixed(value.unsigned_abs()))
}

/// A number literal, negated when `negative`: `-1` as prettyplease prints it.
fn number(negative: bool, literal: Literal) -> Expr {
    if negative {
        Expr::leaf(format!("-{literal}"), quote!(-#literal))
    } else {
        Expr::leaf(literal.to_string(), quote!(#literal))
    }
}

/// `"text".to_owned()`.
fn owned_string(text: &str) -> Expr {
    let literal = Literal::string(text);
    Expr::leaf(format!("{literal}.to_owned()"), quote!(#literal.to_owned()))
}

fn ceil(n: Number) -> i64 {
    match n {
        Number::Integer(n) => n,
        Number::Float(f) => f.ceil() as i64,
    }
}

fn floor(n: Number) -> i64 {
    match n {
        Number::Integer(n) => n,
        Number::Float(f) => f.floor() as i64,
    }
}

/// A number within the shape's range: the printed one, else 1 moved into the range.
fn float(shape: &Shape, example: Option<&Value>) -> Expr {
    let c = &shape.constraints;
    let low = c.minimum.map_or(f64::MIN, Number::as_f64);
    let high = c.maximum.map_or(f64::MAX, Number::as_f64);
    let value = example
        .and_then(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok()))
        .filter(|n| n.is_finite() && (low..=high).contains(n))
        .unwrap_or_else(|| 1.0_f64.max(low).min(high));
    number(value < 0.0, Literal::f64_unsuffixed(value.abs()))
}

/// The parameter values the page's example request URL prints, with their location and wire
/// name, as text: path values matched against the path, query values as written (the checks
/// refuse percent-encoded ones, so nothing needs decoding; numbers and booleans are read from
/// the text).
fn printed_values(op: &Operation) -> Vec<(ParamLocation, String, Value)> {
    let mut out = Vec::new();
    let Some(url) = op.examples.requests.iter().find_map(|e| e.url.as_deref()) else {
        return out;
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path_and_query = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    for (index, value) in match_path(&op.path, path).unwrap_or_default() {
        let param = &op.params[index];
        out.push((param.location, param.wire_name.clone(), Value::from(value)));
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        // `+` may stand for a space in a query; such a value is not taken as printed.
        if !value.contains('+') {
            out.push((ParamLocation::Query, name.to_owned(), Value::from(value)));
        }
    }
    out
}

/// Each parameter's value in a concrete path (`/v1/p/volumes/v-1`) of the operation's shape,
/// by index into the operation's parameters; `None` when the path has another shape. A value
/// runs to the next literal text, or to the end of its segment, and never spans a `/`.
fn match_path<'a>(parts: &[PathPart], path: &'a str) -> Option<Vec<(usize, &'a str)>> {
    let mut rest = path;
    let mut values = Vec::new();
    for (position, part) in parts.iter().enumerate() {
        match part {
            PathPart::Literal(text) => rest = rest.strip_prefix(text.as_str())?,
            PathPart::Param(index) => {
                let end = match parts.get(position + 1) {
                    Some(PathPart::Literal(next)) => rest.find(next.as_str())?,
                    _ => rest.find('/').unwrap_or(rest.len()),
                };
                let value = &rest[..end];
                if value.contains('/') {
                    return None;
                }
                values.push((*index, value));
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Constraints;

    /// For every service of the repository's specs, the validation tests written from the
    /// examples' text are prettyplease's text of the tokens, byte for byte, with names as they
    /// are and lengthened towards the margin; and most tests of the specs as they are are
    /// written so.
    #[test]
    fn validation_tests_print_as_prettyplease_prints_them() {
        let (mut written, mut tests) = (0, 0);
        for service in super::super::repository_services() {
            for extra in [0, 8, 16, 24] {
                let mut service = service.clone();
                for op in &mut service.operations {
                    op.module = format!("{}{}", op.module, "x".repeat(extra));
                }
                let frame = ExampleFrame::new(&service).unwrap();
                let examples: Vec<String> = service
                    .operations
                    .iter()
                    .map(|op| example_text(&service, op, &frame).unwrap())
                    .collect();
                let krate = crate_ident(&service.package).to_string();
                for (op, example) in service.operations.iter().zip(&examples) {
                    let is_text = validates_test_text(op, &krate, example).is_some();
                    if extra == 0 {
                        tests += 1;
                        written += usize::from(is_text);
                    }
                }
                if let Some(text) = tests_text(&service, &examples).unwrap() {
                    let reference = tests_tokens_text(&service, "test").unwrap();
                    assert_eq!(text, reference, "{} + {extra}", service.name);
                }
            }
        }
        assert!(written > tests / 2, "{written} of {tests}");
    }

    /// For every service of the repository's specs, each example written as text is
    /// prettyplease's text of its tokens, byte for byte, with names as they are and lengthened
    /// past the margin; and most examples of the specs as they are are written so.
    #[test]
    fn examples_print_as_prettyplease_prints_them() {
        let (mut written, mut examples) = (0, 0);
        for service in super::super::repository_services() {
            for extra in [0, 8, 16, 24, 32, 48] {
                let mut service = service.clone();
                for op in &mut service.operations {
                    op.module = format!("{}{}", op.module, "x".repeat(extra));
                }
                let frame = ExampleFrame::new(&service).unwrap();
                for op in &service.operations {
                    let request = example_request(&service, op).unwrap();
                    let text = frame.example(op, &request);
                    if extra == 0 {
                        examples += 1;
                        written += usize::from(text.is_some());
                    }
                    if let Some(text) = text {
                        let reference = example_text_from_tokens(&service, op, &request).unwrap();
                        assert_eq!(text, reference, "{} + {extra}", op.module);
                    }
                }
            }
        }
        assert!(written > examples * 3 / 4, "{written} of {examples}");
    }

    #[test]
    fn path_values_are_read_from_a_path_of_the_same_shape() {
        let parts = [
            PathPart::Literal("/v1/".into()),
            PathPart::Param(0),
            PathPart::Literal("/zones/".into()),
            PathPart::Param(1),
            PathPart::Literal(":".into()),
            PathPart::Param(2),
            PathPart::Literal("/touch".into()),
        ];
        assert_eq!(
            match_path(&parts, "/v1/p/zones/z-1:w-1/touch"),
            Some(vec![(0, "p"), (1, "z-1"), (2, "w-1")])
        );
        assert_eq!(match_path(&parts, "/v1/p/zones/z-1:w-1/touch/"), None);
        assert_eq!(match_path(&parts, "/v1/p/q/zones/z-1:w-1/touch"), None);
        assert_eq!(match_path(&parts, "/v1/p/zones/z-1/touch"), None);
        let trailing = [PathPart::Literal("/v1/volumes/".into()), PathPart::Param(0)];
        assert_eq!(
            match_path(&trailing, "/v1/volumes/v-1"),
            Some(vec![(0, "v-1")])
        );
        assert_eq!(match_path(&trailing, "/v1/volumes/v-1/x"), None);
    }

    fn shape(ty: TypeRef, constraints: Constraints) -> Shape {
        Shape { ty, constraints }
    }

    #[test]
    fn placeholders_keep_within_the_constraints() {
        let lengths = |min, max| Constraints {
            min_length: min,
            max_length: max,
            ..Constraints::default()
        };
        let path = Slot::Param(ParamLocation::Path);
        let text = |c, example: Option<Value>| {
            string(
                &shape(TypeRef::String, c),
                example.as_ref(),
                "volume_id",
                path,
            )
        };
        assert_eq!(text(Constraints::default(), None), "your-volume-id");
        assert_eq!(text(lengths(None, Some(4)), None), "your");
        assert_eq!(text(lengths(Some(20), None), None), "your-volume-idxxxxxx");
        assert_eq!(text(lengths(None, Some(0)), None), "x");
        assert_eq!(
            text(Constraints::default(), Some(Value::from("vol-1"))),
            "vol-1"
        );
        // Printed values that would not pass as they are give way to the placeholder.
        for printed in [
            "",
            "..",
            "a\u{202e}b",
            "{volume_id}",
            "a\nb",
            " padded",
            "50%25",
            "toolong",
        ] {
            let placeholder = text(lengths(None, Some(6)), Some(Value::from(printed)));
            assert_eq!(placeholder, "your-v", "{printed:?}");
        }

        let range = |min: Option<i64>, max: Option<i64>| Constraints {
            minimum: min.map(Number::Integer),
            maximum: max.map(Number::Integer),
            ..Constraints::default()
        };
        let int = |c, example: Option<Value>| {
            integer(&shape(TypeRef::I32, c), example.as_ref(), -100, 100)
                .tokens()
                .to_string()
        };
        assert_eq!(int(Constraints::default(), None), "1");
        assert_eq!(int(range(Some(10), Some(20)), None), "10");
        assert_eq!(int(range(None, Some(-5)), None), "- 5");
        assert_eq!(int(range(Some(10), Some(20)), Some(Value::from(15))), "15");
        assert_eq!(int(range(Some(10), Some(20)), Some(Value::from(25))), "10");
        assert_eq!(int(Constraints::default(), Some(Value::from("7"))), "7");
        assert_eq!(int(Constraints::default(), Some(Value::from(1000))), "1");
        let real = |c, example: Option<Value>| {
            float(&shape(TypeRef::F64, c), example.as_ref())
                .tokens()
                .to_string()
        };
        let bounds = |min: f64, max: f64| Constraints {
            minimum: Some(Number::Float(min)),
            maximum: Some(Number::Float(max)),
            ..Constraints::default()
        };
        assert_eq!(real(Constraints::default(), None), "1.0");
        assert_eq!(real(bounds(0.0, 0.5), None), "0.5");
        assert_eq!(real(bounds(-3.5, -2.0), None), "- 2.0");
        assert_eq!(real(bounds(0.0, 0.5), Some(Value::from(0.25))), "0.25");
    }
}
