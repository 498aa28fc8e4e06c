//! `src/page_examples.rs`: a unit test per JSON example a page prints, so every example is
//! proven to fit the generated types, and every discrepancy a spec records is proven to be
//! caught by them.
//!
//! ```text
//! #[test]
//! fn collect_db_objects_info_response_202() {
//!     round_trip::<CollectDbObjectsInfoResponse>(r#"{ "id" : ... }"#);
//! }
//! ```

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::Doc;
use super::rust::{ident, type_tokens};
use crate::model::{Discrepancy, Operation, Output, Service, Shape, TypeRef};

/// One printed example and the type it belongs to.
struct Example<'a> {
    test_name: String,
    ty: &'a TypeRef,
    json: &'a str,
    discrepancies: &'a [Discrepancy],
    /// The discrepancies are only fields the types do not declare, which decoding ignores:
    /// the example must decode and validate, not be rejected.
    decodes_anyway: bool,
}

/// Whether [`page_examples_rs`] has a file to give, without building it.
pub fn has_page_examples(service: &Service) -> bool {
    let mut examples = Vec::new();
    for op in &service.operations {
        collect(service, op, &mut examples);
        if !examples.is_empty() {
            return true;
        }
    }
    false
}

/// The test module, or `None` when no page of the service prints a JSON example.
pub fn page_examples_rs(service: &Service) -> Option<TokenStream> {
    let mut examples = Vec::new();
    for op in &service.operations {
        collect(service, op, &mut examples);
    }
    if examples.is_empty() {
        return None;
    }
    // Import exactly the modules whose types the tests name, as unused imports are warnings.
    let mut modules = std::collections::BTreeSet::new();
    for example in &examples {
        if let Some(name) = named_type(example.ty) {
            let home = service
                .operations
                .iter()
                .find(|op| op.types.iter().any(|t| t.name == name));
            modules.insert(
                match home {
                    Some(op) => {
                        let module = ident(&op.module);
                        quote!(crate::operations::#module)
                    }
                    None => quote!(crate::models),
                }
                .to_string(),
            );
        }
    }
    let imports = modules.iter().map(|path| {
        let path: TokenStream = path.parse().unwrap_or_default();
        quote!(use #path::*;)
    });
    let tests = examples.iter().map(|example| {
        let name = ident(&example.test_name);
        let ty = type_tokens(example.ty);
        let json = Literal::string(example.json);
        if example.discrepancies.is_empty() {
            let check = if matches!(example.ty, TypeRef::Named(_)) {
                quote!(round_trip)
            } else {
                quote!(round_trip_unvalidated)
            };
            quote! {
                #[test]
                fn #name() {
                    #check::<#ty>(#json);
                }
            }
        } else if example.decodes_anyway {
            let mut doc = Doc::new().markdown(
                "The page's example has fields its table does not declare, which decoding ignores:",
            );
            for discrepancy in example.discrepancies {
                doc = doc.text(Some(&format!("{}: {}", discrepancy.path, discrepancy.note)));
            }
            let doc = doc.outer();
            quote! {
                #doc
                #[test]
                fn #name() {
                    decodes::<#ty>(#json);
                }
            }
        } else {
            let mut doc = Doc::new().markdown("The page's example contradicts its own table:");
            for discrepancy in example.discrepancies {
                doc = doc.text(Some(&format!("{}: {}", discrepancy.path, discrepancy.note)));
            }
            let doc = doc.outer();
            quote! {
                #doc
                #[test]
                fn #name() {
                    rejects::<#ty>(#json);
                }
            }
        }
    });
    // Only the helpers the tests call: an unused function is a warning.
    let checked = |named: bool| {
        examples
            .iter()
            .any(|e| e.discrepancies.is_empty() && matches!(e.ty, TypeRef::Named(_)) == named)
    };
    let (uses_round_trip, uses_unvalidated_only) = (checked(true), checked(false));
    let uses_rejects = examples
        .iter()
        .any(|e| !e.discrepancies.is_empty() && !e.decodes_anyway);
    let uses_decodes = examples.iter().any(|e| e.decodes_anyway);
    let uses_unvalidated = uses_round_trip || uses_unvalidated_only;
    let validate_import = (uses_round_trip || uses_rejects || uses_decodes).then(|| {
        quote!(
            use huaweicloud_sdk_core::Validate;
        )
    });
    let serialize_import = uses_unvalidated.then(|| {
        quote!(
            use serde::Serialize;
        )
    });
    let unvalidated_fn = uses_unvalidated.then(|| {
        quote! {
            fn round_trip_unvalidated<T: DeserializeOwned + Serialize>(json: &str) -> T {
                let value: T = serde_json::from_str(json).expect("the example decodes");
                let printed: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
                let encoded = serde_json::to_value(&value).expect("the value encodes");
                assert_eq!(without_nulls(encoded), without_nulls(printed));
                value
            }

            /// A page's `"field": null` is an absent optional field, which encoding leaves out
            /// (free-form JSON keeps it: both sides are compared without nulls).
            fn without_nulls(value: serde_json::Value) -> serde_json::Value {
                match value {
                    serde_json::Value::Object(object) => object
                        .into_iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| (k, without_nulls(v)))
                        .collect(),
                    serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
                    other => other,
                }
            }
        }
    });
    let round_trip_fn = uses_round_trip.then(|| {
        quote! {
            fn round_trip<T: DeserializeOwned + Serialize + Validate>(json: &str) {
                let value: T = round_trip_unvalidated(json);
                value.validate().expect("the example satisfies its constraints");
            }
        }
    });
    let rejects_fn = uses_rejects.then(|| {
        quote! {
            fn rejects<T: DeserializeOwned + Validate>(json: &str) {
                let decoded = serde_json::from_str::<T>(json);
                assert!(decoded.is_err() || decoded.is_ok_and(|value| value.validate().is_err()));
            }
        }
    });
    let decodes_fn = uses_decodes.then(|| {
        quote! {
            fn decodes<T: DeserializeOwned + Validate>(json: &str) {
                let value: T = serde_json::from_str(json).expect("the example decodes");
                value.validate().expect("the example satisfies its constraints");
            }
        }
    });
    let module_doc = Doc::new()
        .markdown(
            "The JSON examples printed on the API reference pages, decoded with the generated",
        )
        .markdown(
            "types: each must decode, encode back to the same JSON and validate, except where",
        )
        .markdown("the spec records that the page contradicts itself; there the types must notice.")
        .inner();
    Some(quote! {
        #module_doc

        #(#imports)*
        #validate_import
        #serialize_import
        use serde::de::DeserializeOwned;

        #unvalidated_fn
        #round_trip_fn
        #rejects_fn
        #decodes_fn

        #(#tests)*
    })
}

/// The named type inside `ty` (`Vec<TagsDto>` → `TagsDto`), if any.
fn named_type(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(item) | TypeRef::Map(item) => named_type(&item.ty),
        _ => None,
    }
}

fn collect<'a>(service: &Service, op: &'a Operation, out: &mut Vec<Example<'a>>) {
    let example = |test_name: String,
                   shape: &'a Shape,
                   json: &'a str,
                   discrepancies: &'a [Discrepancy]| Example {
        test_name,
        ty: &shape.ty,
        json,
        discrepancies,
        decodes_anyway: !discrepancies.is_empty()
            && crate::model::examples::fits_but_for_undeclared_fields(service, json, shape),
    };
    let examples = &op.examples;
    if let Some(body) = &op.body {
        for (index, printed) in examples.requests.iter().enumerate() {
            if let Some(json) = &printed.body {
                out.push(example(
                    format!("{}_request_{}", op.module, index + 1),
                    &body.shape,
                    json,
                    &printed.discrepancies,
                ));
            }
        }
    }
    for printed in &examples.responses {
        let status = &printed.status;
        let Some(json) = &printed.body else { continue };
        let shape = if *status == op.success.status {
            match &op.output {
                Output::Json(shape) => Some(shape),
                Output::Bytes | Output::Empty => None,
            }
        } else {
            op.errors
                .iter()
                .find(|r| r.status == *status)
                .and_then(|r| r.body.as_ref())
        };
        if let Some(shape) = shape {
            out.push(example(
                format!("{}_response_{status}", op.module),
                shape,
                json,
                &printed.discrepancies,
            ));
        }
    }
}
