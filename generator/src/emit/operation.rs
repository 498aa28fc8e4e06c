//! One module per operation: its request type, the types that belong to it, and the
//! `Operation` impl that turns the request into HTTP and HTTP into the result.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::checks::{Checked, WireCheck, validate_group};
use super::docs::{Doc, code_span, url_markdown};
use super::format::Group;
use super::printed::{self, FieldText, Lines, Member, WIDTH, string_literal, type_text, width};
use super::rust::{REQUEST_DERIVES, builders, derive_tokens, ident, type_tokens};
use super::types::{field_doc, type_def};
use crate::model::{
    ArrayStyle, Operation, Output, Param, ParamLocation, ParamSource, PathPart, Service, TypeRef,
};

/// The items of `operations/<module>.rs` (without `use` lines, see [`super::imports`]): the
/// request struct, the `Operation` impl, then each type, each group built when asked for (see
/// [`super::format`]). `call_example` is the text of the operation's call example (see
/// [`super::call_examples`]), shown in the request type's docs.
pub fn operation_items<'a>(
    service: &'a Service,
    op: &'a Operation,
    call_example: Option<&'a str>,
) -> impl Iterator<Item = Group> + 'a {
    let request = std::iter::once_with(move || request_struct(service, op, call_example));
    let operation_impl = std::iter::once_with(move || vec![operation_group(op)]);
    let types = op.types.iter().map(move |def| type_def(service, def));
    request.chain(operation_impl).chain(types).flatten()
}

/// The module docs: title, Function text, method and path, the status table, the examples.
pub fn module_doc(op: &Operation) -> Doc {
    let examples = &op.examples;
    let mut doc = Doc::new()
        .text(Some(&op.title))
        .text(op.description.as_deref());
    doc = doc.paragraph().markdown(code_span(&format!(
        "{} {}",
        op.method.as_str(),
        op.path_template
    )));
    if let Some(url) = &op.doc_url {
        doc = doc
            .paragraph()
            .markdown(format!("API reference: {}", url_markdown(url)));
    }
    if let Some(note) = &op.deprecated {
        doc = doc.paragraph().markdown("**Deprecated.**").text(Some(note));
    }
    if let Some(constraints) = &op.constraints {
        doc = doc
            .paragraph()
            .markdown("# Constraints")
            .text(Some(constraints));
    }
    doc = doc
        .paragraph()
        .markdown("| Status | Description |")
        .markdown("| --- | --- |");
    for response in std::iter::once(&op.success).chain(&op.errors) {
        let mut description = super::docs::escape_line(&response.description).replace('|', "\\|");
        if response.inferred {
            description.push_str(" (inferred: the page states no success status)");
        }
        if !response.documented_headers.is_empty() {
            let names: Vec<String> = response
                .documented_headers
                .iter()
                .map(|h| super::docs::escape_line(&h.wire_name))
                .collect();
            description.push_str(&format!(
                " (headers, in `ApiError::headers`: {})",
                names.join(", ")
            ));
        }
        doc = doc.markdown(format!("| {} | {description} |", response.status));
    }
    for example in &examples.requests {
        doc = doc.paragraph().markdown("# Example request");
        doc = doc.text(example.title.as_deref());
        if let Some(url) = &example.url {
            doc = doc.paragraph().markdown(code_span(url));
        }
        if let Some(body) = &example.body {
            doc = doc.code_block("json", body);
        }
    }
    for example in &examples.responses {
        doc = doc
            .paragraph()
            .markdown(format!("# Example response: status {}", example.status));
        doc = doc.text(example.description.as_deref());
        if let Some(body) = &example.body {
            doc = doc.code_block("json", body);
        }
    }
    doc
}

/// Parameters the caller sets, as request fields.
pub(super) fn caller_params(op: &Operation) -> impl Iterator<Item = &Param> {
    op.params
        .iter()
        .filter(|p| p.source != ParamSource::Managed)
}

/// Whether a caller parameter is an argument of the request's constructor (rather than an
/// optional field with a setter). A project-filled parameter is an optional override of the
/// context's project.
pub(super) fn is_constructor_argument(param: &Param) -> bool {
    param.required && param.source == ParamSource::Caller
}

/// ```text
/// pub struct CollectDbObjectsInfoRequest { pub project_id: Option<String>, pub job_id: String, ..., pub body: ... }
/// impl CollectDbObjectsInfoRequest { pub fn new(job_id, body) -> Self; setters }
/// impl Validate for CollectDbObjectsInfoRequest { path segments, header values, constraints, body }
/// ```
fn request_struct(service: &Service, op: &Operation, call_example: Option<&str>) -> Vec<Group> {
    let members: Vec<Member> = request_fields(op)
        .map(|(name, ty, required, _)| Member { name, ty, required })
        .collect();
    vec![
        request_definition(service, op, call_example),
        builders(&op.request_type, &members),
        validate_group(service, &op.request_type, &checked_fields(op)),
    ]
}

/// The request's fields: each caller parameter, then the body, with whether the constructor
/// takes it and its docs.
fn request_fields(op: &Operation) -> impl Iterator<Item = (&str, &TypeRef, bool, Doc)> {
    let params = caller_params(op).map(|param| {
        let mut doc = field_doc(
            param.doc.as_deref(),
            &param.shape.constraints,
            param.default.as_ref(),
        );
        doc = doc.paragraph().markdown(format!(
            "Sent as the {} parameter {}.",
            location_label(param.location),
            code_span(&param.wire_name)
        ));
        if param.source == ParamSource::Project {
            doc = doc.markdown("When unset, the project of the `RequestContext` is used.");
        }
        let required = is_constructor_argument(param);
        (param.rust_name.as_str(), &param.shape.ty, required, doc)
    });
    let body = op.body.as_ref().map(|body| {
        let doc = Doc::new()
            .markdown("The JSON body.")
            .text(body.doc.as_deref());
        ("body", &body.shape.ty, true, doc)
    });
    params.chain(body)
}

/// The request struct itself: printed as text where every line fits (see
/// [`super::printed`]), else built as tokens.
fn request_definition(service: &Service, op: &Operation, call_example: Option<&str>) -> Group {
    let doc = request_definition_doc(service, op, call_example);
    let fields: Vec<(&str, &TypeRef, bool, Doc)> = request_fields(op).collect();
    // The deprecation note is left to the tokens.
    if op.deprecated.is_none() {
        let texts: Vec<FieldText> = fields
            .iter()
            .map(|(name, ty, required, doc)| FieldText {
                doc,
                name,
                ty: if *required {
                    type_text(ty)
                } else {
                    format!("Option<{}>", type_text(ty))
                },
            })
            .collect();
        let attributes = [REQUEST_DERIVES, "#[non_exhaustive]"];
        let name = &op.request_type;
        if let Some(text) = printed::struct_definition(&doc, &attributes, name, &texts) {
            let mut uses = Vec::new();
            for (_, ty, _, _) in &fields {
                named_types(ty, &mut uses);
            }
            return Group::Printed { text, uses };
        }
    }
    request_definition_tokens(op, &doc, &fields).into()
}

/// The request type's docs: what it is, the page, the call example.
fn request_definition_doc(service: &Service, op: &Operation, call_example: Option<&str>) -> Doc {
    let mut doc = Doc::new()
        .markdown(format!("Request of {}.", code_span(&op.id)))
        .text(Some(&op.title));
    if let Some(url) = &op.doc_url {
        doc = doc
            .paragraph()
            .markdown(format!("API reference: {}", url_markdown(url)));
    }
    if let Some(text) = call_example {
        doc = super::call_examples::example_doc(doc, service, text);
    }
    doc
}

/// [`request_definition`] as tokens.
fn request_definition_tokens(
    op: &Operation,
    doc: &Doc,
    fields: &[(&str, &TypeRef, bool, Doc)],
) -> TokenStream {
    let name = ident(&op.request_type);
    let doc = doc.outer();
    let field_tokens = fields.iter().map(|(field_name, ty, required, doc)| {
        let field_name = ident(field_name);
        let ty = type_tokens(ty);
        let doc = doc.outer();
        if *required {
            quote! { #doc pub #field_name: #ty }
        } else {
            quote! { #doc pub #field_name: Option<#ty> }
        }
    });
    // rustdoc renders the note as Markdown too, so it is escaped like any doc text.
    let deprecated = op.deprecated.as_deref().map(|note| {
        let note = super::docs::inline_text(note);
        quote!(#[deprecated(note = #note)])
    });
    let derives = derive_tokens(REQUEST_DERIVES);
    quote! {
        #doc
        #deprecated
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens,)*
        }
    }
}

/// What the request's `collect_violations` checks: each caller parameter (with how it is
/// sent, where that can fail), then the body.
fn checked_fields(op: &Operation) -> Vec<Checked<'_>> {
    let params = caller_params(op).map(|param| Checked {
        shape: &param.shape,
        rust_name: &param.rust_name,
        wire_name: &param.wire_name,
        required: is_constructor_argument(param),
        wire_check: match (param.location, &param.shape.ty) {
            // Numbers are always one non-empty segment; text and enum values might not be.
            (ParamLocation::Path, TypeRef::String | TypeRef::Named(_)) => {
                Some(WireCheck::PathSegment)
            }
            (ParamLocation::Header, TypeRef::String) => Some(WireCheck::HeaderValue),
            _ => None,
        },
    });
    let body = op.body.as_ref().map(|body| Checked {
        shape: &body.shape,
        rust_name: "body",
        wire_name: "body",
        required: true,
        wire_check: None,
    });
    params.chain(body).collect()
}

fn location_label(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

/// The `Operation` impl: printed as text where every line fits (see [`super::printed`]),
/// else built as tokens.
fn operation_group(op: &Operation) -> Group {
    let Some(text) = operation_impl_text(op) else {
        return operation_impl(op).into();
    };
    // What the impl names that may need a `use` line: the runtime items it always uses, and
    // the types of its output and error body (shared models are imported).
    let mut uses: Vec<String> = ["Error", "Operation", "RequestBuilder", "RequestContext"]
        .into_iter()
        .chain(["http", "response"])
        .map(str::to_owned)
        .collect();
    if let Output::Json(shape) = &op.output {
        named_types(&shape.ty, &mut uses);
    }
    uses.extend(op.error_type.iter().cloned());
    Group::Printed { text, uses }
}

/// The type names `ty` is made of.
pub(super) fn named_types(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => out.push(name.clone()),
        TypeRef::Array(item) => named_types(&item.ty, out),
        TypeRef::Map(value) => named_types(&value.ty, out),
        _ => {}
    }
}

/// [`operation_impl`] as prettyplease prints it, or `None` where a line would be longer than
/// it leaves whole. Kept statement for statement beside the tokens; the tests compare the two
/// on every operation of the specs in the repository.
fn operation_impl_text(op: &Operation) -> Option<String> {
    let name = op.request_type.as_str();
    let output = match &op.output {
        Output::Json(shape) => type_text(&shape.ty),
        Output::Bytes => "Vec<u8>".to_owned(),
        Output::Empty => "()".to_owned(),
    };
    let error_body = op.error_type.as_deref().unwrap_or("serde_json::Value");
    let mut out = Lines::new();
    out.line(0, &["impl Operation for ", name, " {"])?;
    out.line(
        1,
        &["const ID: &'static str = ", &string_literal(&op.id), ";"],
    )?;
    out.line(1, &["type Output = ", &output, ";"])?;
    out.line(1, &["type ErrorBody = ", error_body, ";"])?;
    out.line(1, &["fn to_http("])?;
    out.line(2, &["&self,"])?;
    out.line(2, &["context: &RequestContext,"])?;
    out.line(
        1,
        &[") -> Result<http::Request<Vec<u8>>, Error<Self::ErrorBody>> {"],
    )?;
    let method = op.method.as_str();
    let builder = [
        "let mut request = RequestBuilder::new(context, http::Method::",
        method,
    ];
    out.line(2, &[builder[0], builder[1], ", self);"])?;
    for part in &op.path {
        match part {
            PathPart::Literal(text) => {
                out.request(2, &[".path(", &string_literal(text), ");"])?;
            }
            PathPart::Param(index) => {
                let param = &op.params[*index];
                let field = param.rust_name.as_str();
                match param.source {
                    ParamSource::Project => {
                        out.request(2, &[".project_segment(self.", field, ".as_deref());"])?
                    }
                    _ => match &param.shape.ty {
                        TypeRef::String => out.request(2, &[".segment(&self.", field, ");"])?,
                        TypeRef::Named(_) => {
                            out.request(2, &[".segment(self.", field, ".as_str());"])?
                        }
                        _ => out.request(2, &[".segment(&self.", field, ".to_string());"])?,
                    },
                }
            }
        }
    }
    for (name, value) in &op.fixed_query {
        let (name, value) = (string_literal(name), string_literal(value));
        out.request(2, &[".query(", &name, ", ", &value, ");"])?;
    }
    for step in query_steps(op) {
        let param = match step {
            QueryStep::One(param) => param,
            QueryStep::Values(params) => {
                query_values_text(&mut out, &params)?;
                continue;
            }
        };
        let field = param.rust_name.as_str();
        let wire = string_literal(&param.wire_name);
        match (&param.shape.ty, param.style) {
            (TypeRef::Array(item), ArrayStyle::Repeat) if sent_as_text(&item.ty) => {
                let values = slice_arg_text(field, param.required);
                out.request(2, &[".query_repeated(", &wire, ", ", &values, ");"])?;
            }
            (TypeRef::Array(item), ArrayStyle::Comma) if sent_as_text(&item.ty) => {
                let values = slice_arg_text(field, param.required);
                out.request(2, &[".query_joined(", &wire, ", ", &values, ");"])?;
            }
            (ty, _) if sent_as_text(ty) => {
                let value = value_arg_text(field, param.required);
                out.request(2, &[".query_value(", &wire, ", ", &value, ");"])?;
            }
            (ty, _) => {
                let send = [".query(", &wire, ", ", wire_text_text(ty), ");"];
                unwrapped(&mut out, field, param.required, &send)?;
            }
        }
    }
    for param in caller_params(op).filter(|p| p.location == ParamLocation::Header) {
        let field = param.rust_name.as_str();
        let wire = string_literal(&param.wire_name);
        if sent_as_text(&param.shape.ty) {
            let value = value_arg_text(field, param.required);
            out.request(2, &[".header_value(", &wire, ", ", &value, ");"])?;
        } else {
            let send = [
                ".header(",
                &wire,
                ", ",
                wire_text_text(&param.shape.ty),
                ");",
            ];
            unwrapped(&mut out, field, param.required, &send)?;
        }
    }
    match (&op.body, &op.bodiless_content_type) {
        (Some(_), _) => out.request(2, &[".json_body(&self.body);"])?,
        (None, Some(content_type)) => {
            let content_type = string_literal(content_type);
            out.request(2, &[".header(\"Content-Type\", ", &content_type, ");"])?
        }
        (None, None) => {}
    }
    out.request(2, &[".build()"])?;
    out.line(1, &["}"])?;
    out.line(1, &["fn from_http("])?;
    out.line(2, &["response: http::Response<Vec<u8>>,"])?;
    out.line(1, &[") -> Result<Self::Output, Error<Self::ErrorBody>> {"])?;
    let decode = match &op.output {
        Output::Json(_) => "response::decode_json",
        Output::Bytes => "response::decode_bytes",
        Output::Empty => "response::decode_empty",
    };
    let errors: Vec<String> = op.errors.iter().map(|r| r.status.to_string()).collect();
    let call = format!(
        "{decode}(response, {}, &[{}])",
        op.success.status,
        errors.join(", ")
    );
    if op.response_headers.is_empty() {
        out.line(2, &[&call])?;
    } else {
        out.line(2, &["let headers = response.headers().clone();"])?;
        out.line(2, &["let mut output: Self::Output = ", &call, "?;"])?;
        for header in &op.response_headers {
            let wire = string_literal(&header.wire_name);
            let read = [
                "output.",
                &header.rust_name,
                " = response::header(&headers, ",
                &wire,
            ];
            out.line(2, &[read[0], read[1], read[2], read[3], ");"])?;
        }
        out.line(2, &["Ok(output)"])?;
    }
    out.line(1, &["}"])?;
    out.line(0, &["}"])?;
    Some(out.into_text())
}

/// `request` + `send` (one statement) on the field unwrapped: in a block binding `value` when the field is
/// required, under `if let Some(value)` when it is not.
fn unwrapped(out: &mut Lines, field: &str, required: bool, send: &[&str]) -> Option<()> {
    if required {
        out.line(2, &["{"])?;
        out.line(3, &["let value = &self.", field, ";"])?;
    } else {
        out.line(2, &["if let Some(value) = &self.", field, " {"])?;
    }
    out.request(3, send)?;
    out.line(2, &["}"])
}

/// [`value_arg`] as text.
fn value_arg_text(field: &str, required: bool) -> String {
    if required {
        format!("Some(&self.{field})")
    } else {
        format!("self.{field}.as_ref()")
    }
}

/// [`slice_arg`] as text.
fn slice_arg_text(field: &str, required: bool) -> String {
    if required {
        format!("Some(self.{field}.as_slice())")
    } else {
        format!("self.{field}.as_deref()")
    }
}

/// [`wire_text`] of `value`, as text.
fn wire_text_text(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "value",
        TypeRef::Named(_) => "value.as_str()",
        _ => "&value.to_string()",
    }
}

/// ```text
/// impl Operation for CollectDbObjectsInfoRequest {
///     const ID = "CollectDbObjectsInfo"; type Output = ...; type ErrorBody = DrsError;
///     fn to_http(&self, context) -> ... { RequestBuilder: path pieces, query, headers, body }
///     fn from_http(response) -> ... { response::decode_json(response, 202, &[400]) }
/// }
/// ```
fn operation_impl(op: &Operation) -> TokenStream {
    let name = ident(&op.request_type);
    let id = &op.id;
    let output = match &op.output {
        Output::Json(shape) => type_tokens(&shape.ty),
        Output::Bytes => quote!(Vec<u8>),
        Output::Empty => quote!(()),
    };
    let error_body = match &op.error_type {
        Some(error) => {
            let error = ident(error);
            quote!(#error)
        }
        None => quote!(serde_json::Value),
    };
    let method = ident(op.method.as_str());

    let path_steps = op.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(request.path(#text);),
        PathPart::Param(index) => {
            let param = &op.params[*index];
            let field = ident(&param.rust_name);
            match param.source {
                ParamSource::Project => quote!(request.project_segment(self.#field.as_deref());),
                _ => match &param.shape.ty {
                    TypeRef::String => quote!(request.segment(&self.#field);),
                    TypeRef::Named(_) => quote!(request.segment(self.#field.as_str());),
                    _ => quote!(request.segment(&self.#field.to_string());),
                },
            }
        }
    });
    // Query values the operation always sends come first, in spec order.
    let fixed_query_steps = op
        .fixed_query
        .iter()
        .map(|(name, value)| quote!(request.query(#name, #value);));
    let query_steps = query_steps(op).into_iter().map(|step| {
        let param = match step {
            QueryStep::One(param) => param,
            QueryStep::Values(params) => {
                let pairs = params.iter().map(|param| {
                    let (wire, field) = (&param.wire_name, ident(&param.rust_name));
                    quote!((#wire, &self.#field))
                });
                return quote!(request.query_values(&[#(#pairs),*]););
            }
        };
        {
            let field = ident(&param.rust_name);
            let wire = &param.wire_name;
            match (&param.shape.ty, param.style) {
                // `?id=a&id=b`, the usual form on Huawei Cloud APIs.
                (TypeRef::Array(item), ArrayStyle::Repeat) if sent_as_text(&item.ty) => {
                    let values = slice_arg(&field, param.required);
                    quote!(request.query_repeated(#wire, #values);)
                }
                // `?id=a,b`
                (TypeRef::Array(item), ArrayStyle::Comma) if sent_as_text(&item.ty) => {
                    let values = slice_arg(&field, param.required);
                    quote!(request.query_joined(#wire, #values);)
                }
                (ty, _) if sent_as_text(ty) => {
                    let value = value_arg(&field, param.required);
                    quote!(request.query_value(#wire, #value);)
                }
                // Anything else is sent as its `Display` text (a JSON value, for one).
                (ty, _) => {
                    let text = wire_text(ty, quote!(value));
                    let send = quote!(request.query(#wire, #text););
                    if param.required {
                        quote! { { let value = &self.#field; #send } }
                    } else {
                        quote! { if let Some(value) = &self.#field { #send } }
                    }
                }
            }
        }
    });
    let header_steps = caller_params(op)
        .filter(|p| p.location == ParamLocation::Header)
        .map(|param| {
            let field = ident(&param.rust_name);
            let wire = &param.wire_name;
            if sent_as_text(&param.shape.ty) {
                let value = value_arg(&field, param.required);
                return quote!(request.header_value(#wire, #value););
            }
            let text = wire_text(&param.shape.ty, quote!(value));
            if param.required {
                quote! { { let value = &self.#field; request.header(#wire, #text); } }
            } else {
                quote! { if let Some(value) = &self.#field { request.header(#wire, #text); } }
            }
        });
    let body_step = match (&op.body, &op.bodiless_content_type) {
        (Some(_), _) => quote!(request.json_body(&self.body);),
        (None, Some(content_type)) => quote!(request.header("Content-Type", #content_type);),
        (None, None) => TokenStream::new(),
    };

    let success = proc_macro2::Literal::u16_unsuffixed(op.success.status);
    let errors = op
        .errors
        .iter()
        .map(|r| proc_macro2::Literal::u16_unsuffixed(r.status));
    let decode = match &op.output {
        Output::Json(_) => quote!(response::decode_json),
        Output::Bytes => quote!(response::decode_bytes),
        Output::Empty => quote!(response::decode_empty),
    };
    let from_http_body = if op.response_headers.is_empty() {
        quote!(#decode(response, #success, &[#(#errors),*]))
    } else {
        let assignments = op.response_headers.iter().map(|header| {
            let field = ident(&header.rust_name);
            let wire = &header.wire_name;
            quote!(output.#field = response::header(&headers, #wire);)
        });
        quote! {
            let headers = response.headers().clone();
            let mut output: Self::Output = #decode(response, #success, &[#(#errors),*])?;
            #(#assignments)*
            Ok(output)
        }
    };
    quote! {
        impl Operation for #name {
            const ID: &'static str = #id;
            type Output = #output;
            type ErrorBody = #error_body;

            fn to_http(&self, context: &RequestContext) -> Result<http::Request<Vec<u8>>, Error<Self::ErrorBody>> {
                let mut request = RequestBuilder::new(context, http::Method::#method, self);
                #(#path_steps)*
                #(#fixed_query_steps)*
                #(#query_steps)*
                #(#header_steps)*
                #body_step
                request.build()
            }

            fn from_http(response: http::Response<Vec<u8>>) -> Result<Self::Output, Error<Self::ErrorBody>> {
                #from_http_body
            }
        }
    }
}

/// Whether values of `ty` implement the runtime's `WireValue` (strings, numbers, booleans and
/// the enums of documented values), so a parameter of it is sent by one `RequestBuilder` call.
/// How `to_http` sends a run of query parameters.
enum QueryStep<'a> {
    /// One call for one parameter.
    One(&'a Param),
    /// Two or more optional scalars in a row, in one `query_values` call: one statement for
    /// rustc to check instead of one per parameter (−4.6% of `cargo check`'s instructions on
    /// the benchmark's `query-heavy` shape; bench/README.md). The runtime sends each set one
    /// as `query_value` does, in the same order.
    Values(Vec<&'a Param>),
}

/// The operation's caller query parameters in spec order, runs of optional scalars grouped.
fn query_steps(op: &Operation) -> Vec<QueryStep<'_>> {
    fn end_run<'a>(run: &mut Vec<&'a Param>, steps: &mut Vec<QueryStep<'a>>) {
        match run.len() {
            0 => {}
            1 => steps.push(QueryStep::One(run[0])),
            _ => steps.push(QueryStep::Values(std::mem::take(run))),
        }
        run.clear();
    }
    let mut steps = Vec::new();
    let mut run = Vec::new();
    for param in caller_params(op).filter(|p| p.location == ParamLocation::Query) {
        if !param.required && sent_as_text(&param.shape.ty) {
            run.push(param);
        } else {
            end_run(&mut run, &mut steps);
            steps.push(QueryStep::One(param));
        }
    }
    end_run(&mut run, &mut steps);
    steps
}

/// `request.query_values(&[("limit", &self.limit), ...]);` laid out as prettyplease lays out
/// the statement: on one line; else the call on a line of its own under `request`; else the
/// array on a line of its own inside the call; else each pair on a line of its own inside the
/// array. `None` (the tokens are printed instead) where a line would be too long or a comma
/// that prettyplease does not measure would decide the layout.
fn query_values_text(out: &mut Lines, params: &[&Param]) -> Option<()> {
    let pairs: Vec<String> = params
        .iter()
        .map(|param| {
            let wire = string_literal(&param.wire_name);
            format!("({wire}, &self.{})", param.rust_name)
        })
        .collect();
    let array = format!("&[{}]", pairs.join(", "));
    let call = [".query_values(", &array, ");"];
    // `request` refuses before writing anything when the call fits on neither of its lines.
    if out.request(2, &call).is_some() {
        return Some(());
    }
    out.line(2, &["request"])?;
    out.line(3, &[".query_values("])?;
    if width(4, &[&array]) <= WIDTH {
        // The argument's comma is not measured: declined where it alone would cross.
        (width(4, &[&array, ","]) <= WIDTH).then_some(())?;
        out.line(4, &[&array, ","])?;
    } else {
        out.line(4, &["&["])?;
        for pair in &pairs {
            // A pair too long for its line would be broken inside by prettyplease.
            out.line(5, &[pair, ","])?;
        }
        out.line(4, &["],"])?;
    }
    out.line(3, &[");"])
}

fn sent_as_text(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Bool
            | TypeRef::Named(_)
    )
}

/// The field as `Option<&T>`: `self.limit.as_ref()`, or `Some(&self.limit)` when required.
fn value_arg(field: &Ident, required: bool) -> TokenStream {
    if required {
        quote!(Some(&self.#field))
    } else {
        quote!(self.#field.as_ref())
    }
}

/// An array field as `Option<&[T]>`.
fn slice_arg(field: &Ident, required: bool) -> TokenStream {
    if required {
        quote!(Some(self.#field.as_slice()))
    } else {
        quote!(self.#field.as_deref())
    }
}

/// An expression turning `value` (a reference to a scalar) into the `&str` sent on the wire.
fn wire_text(ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(#value),
        TypeRef::Named(_) => quote!(#value.as_str()),
        _ => quote!(&#value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::repository_services;
    use super::{operation_impl, operation_impl_text};

    /// Every operation of the specs in the repository (services, conformance, constructs, the
    /// page corpus), with its names as they are and lengthened across the margin: where the
    /// text is written, it is prettyplease's text of the tokens, byte for byte.
    #[test]
    fn operation_impls_print_as_prettyplease_prints_them() {
        let mut printed = 0;
        let mut compared = 0;
        let services = repository_services();
        for op in services.iter().flat_map(|s| &s.operations) {
            // A column at a time: a statement fits on a line, or on two, or on neither
            // within a few columns.
            for extra in 0..=40 {
                let mut op = op.clone();
                let longer = |name: &mut String| name.push_str(&"x".repeat(extra));
                op.params.iter_mut().for_each(|p| longer(&mut p.rust_name));
                op.response_headers
                    .iter_mut()
                    .for_each(|h| longer(&mut h.rust_name));
                if extra > 20 {
                    op.request_type.push_str(&"X".repeat(extra));
                }
                compared += 1;
                let Some(text) = operation_impl_text(&op) else {
                    continue;
                };
                let file = super::super::format_rust(operation_impl(&op), "test").unwrap();
                let tokens = file.split_once('\n').unwrap().1;
                assert_eq!(text, tokens, "{} lengthened by {extra}", op.origin);
                printed += 1;
            }
        }
        // Most are written as text, and some are left to the tokens.
        assert!(
            printed > compared / 2 && printed < compared,
            "{printed} of {compared}"
        );
    }

    /// The same for the struct and enum definitions (docs, attributes, fields, variants) and
    /// the structs' `Serialize` impls of every request and type of those specs, names
    /// lengthened a column at a time.
    #[test]
    fn struct_definitions_print_as_prettyplease_prints_them() {
        use super::super::format::Group;
        use super::super::types::{
            enum_definition, enum_definition_tokens, struct_definition, struct_definition_tokens,
            struct_serialize, struct_serialize_tokens,
        };
        use crate::model::TypeKind;

        let (mut printed, mut compared) = (0, 0);
        let mut compare = |group: Group, tokens: &dyn Fn() -> proc_macro2::TokenStream, what| {
            compared += 1;
            if let Group::Printed { text, .. } = group {
                let file = super::super::format_rust(tokens(), "test").unwrap();
                assert_eq!(text, file.split_once('\n').unwrap().1, "{what}");
                printed += 1;
            }
        };
        let services = repository_services();
        for service in &services {
            for extra in 0..=40 {
                let longer = |name: &str| format!("{name}{}", "x".repeat(extra));
                for op in &service.operations {
                    let mut op = op.clone();
                    op.params
                        .iter_mut()
                        .for_each(|p| p.rust_name = longer(&p.rust_name));
                    let group = super::request_definition(service, &op, Some("call();"));
                    let tokens = || {
                        let fields: Vec<_> = super::request_fields(&op).collect();
                        let doc = super::request_definition_doc(service, &op, Some("call();"));
                        super::request_definition_tokens(&op, &doc, &fields)
                    };
                    compare(group, &tokens, format!("{} + {extra}", op.origin));
                }
                let types = service
                    .models
                    .iter()
                    .chain(service.operations.iter().flat_map(|op| &op.types));
                for def in types {
                    if let TypeKind::Enum { values, default } = &def.kind {
                        let mut values = values.clone();
                        values
                            .iter_mut()
                            .for_each(|v| v.variant = longer(&v.variant));
                        let group = enum_definition(def, &values, *default);
                        let tokens = || enum_definition_tokens(def, &values, *default);
                        compare(group, &tokens, format!("{} + {extra}", def.name));
                    }
                    let TypeKind::Struct { fields } = &def.kind else {
                        continue;
                    };
                    let mut fields = fields.clone();
                    fields
                        .iter_mut()
                        .for_each(|f| f.rust_name = longer(&f.rust_name));
                    let group = struct_definition(def, &fields);
                    let tokens = || {
                        let (doc, field_docs) = super::super::types::struct_docs(def, &fields);
                        struct_definition_tokens(def, &fields, &doc, &field_docs)
                    };
                    compare(group, &tokens, format!("{} + {extra}", def.name));
                    fields
                        .iter_mut()
                        .for_each(|f| f.wire_name = longer(&f.wire_name));
                    let group = struct_serialize(&def.name, &fields);
                    let tokens =
                        || struct_serialize_tokens(&super::super::rust::ident(&def.name), &fields);
                    compare(
                        group,
                        &tokens,
                        format!("Serialize for {} + {extra}", def.name),
                    );
                }
            }
        }
        assert!(
            printed > compared / 2 && printed < compared,
            "{printed} of {compared}"
        );
    }

    /// The same for the `Validate` impls of every request and type of those specs.
    #[test]
    fn validate_impls_print_as_prettyplease_prints_them() {
        use super::super::checks::{Checked, validate_group, validate_tokens};
        use super::super::format::Group;
        use crate::model::TypeKind;

        let (mut printed, mut compared) = (0, 0);
        let services = repository_services();
        for service in &services {
            let mut impls: Vec<(String, Vec<Checked>)> = Vec::new();
            for op in &service.operations {
                impls.push((op.request_type.clone(), super::checked_fields(op)));
            }
            let types = service
                .models
                .iter()
                .chain(service.operations.iter().flat_map(|op| &op.types));
            for def in types {
                if let TypeKind::Struct { fields } = &def.kind {
                    let checked = fields.iter().map(|f| Checked {
                        shape: &f.shape,
                        rust_name: &f.rust_name,
                        wire_name: &f.wire_name,
                        required: f.required,
                        wire_check: None,
                    });
                    impls.push((def.name.clone(), checked.collect()));
                }
            }
            for (name, fields) in &impls {
                for extra in 0..=40 {
                    let names: Vec<String> = fields
                        .iter()
                        .map(|f| format!("{}{}", f.rust_name, "x".repeat(extra)))
                        .collect();
                    let fields: Vec<Checked> = fields
                        .iter()
                        .zip(&names)
                        .map(|(f, rust_name)| Checked { rust_name, ..*f })
                        .collect();
                    compared += 1;
                    let Group::Printed { text, .. } = validate_group(service, name, &fields) else {
                        continue;
                    };
                    let tokens = validate_tokens(service, name, &fields);
                    let file = super::super::format_rust(tokens, "test").unwrap();
                    let tokens = file.split_once('\n').unwrap().1;
                    assert_eq!(text, tokens, "{name} lengthened by {extra}");
                    printed += 1;
                }
            }
        }
        assert!(
            printed > compared / 2 && printed < compared,
            "{printed} of {compared}"
        );
    }
}
