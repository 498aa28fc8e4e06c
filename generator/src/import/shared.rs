//! Recognising a page's tables as models the service already defines.

use heck::ToUpperCamelCase;

use super::draft::{DraftBody, DraftField, DraftModel, DraftOperation};
use super::types::TypeExpr;
use crate::spec::types::{Schema, ServiceSpec, TypeName};

/// Drops nested tables that the service already defines (same Rust name, same fields in any
/// order: `Error` on an English page is the service's `error` hoisted from Chinese pages, one
/// type in the crate), pointing the page's references at the service's model, and makes
/// response bodies that match a service model refer to it.
pub(super) fn use_shared_models(
    draft: &mut DraftOperation,
    tables: &[DraftModel],
    service: &ServiceSpec,
) {
    let shared_name = |table: &DraftModel| -> Option<String> {
        let rust = table.name.to_upper_camel_case();
        service
            .models
            .iter()
            .find(|(name, model)| {
                name.to_upper_camel_case() == rust && same_fields(&table.fields, model)
            })
            .map(|(name, _)| name.clone())
    };
    let mut renamed = Vec::new();
    draft.models = tables
        .iter()
        .filter(|table| match shared_name(table) {
            Some(name) => {
                if name != table.name {
                    renamed.push((table.name.clone(), name));
                }
                false
            }
            None => true,
        })
        .cloned()
        .collect();
    for (from, to) in &renamed {
        rename_references(draft, from, to);
    }
    for response in &mut draft.responses {
        if let Some(DraftBody::Fields(fields)) = &response.body
            && let Some((name, _)) = service
                .models
                .iter()
                .find(|(_, model)| same_fields(fields, model))
        {
            response.body = Some(DraftBody::Ref(name.clone()));
        }
    }
}

/// Every `from` object the draft names becomes `to`.
fn rename_references(draft: &mut DraftOperation, from: &str, to: &str) {
    fn rename(ty: &mut TypeExpr, from: &str, to: &str) {
        match ty {
            TypeExpr::Named(name) if name == from => *name = to.to_owned(),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => rename(inner, from, to),
            _ => {}
        }
    }
    let fields = draft
        .request
        .iter_mut()
        .flatten()
        .chain(draft.params.iter_mut().map(|p| &mut p.field))
        .chain(draft.models.iter_mut().flat_map(|m| m.fields.iter_mut()))
        .chain(draft.responses.iter_mut().flat_map(|r| {
            let body = match &mut r.body {
                Some(DraftBody::Fields(fields)) => Some(fields.iter_mut()),
                _ => None,
            };
            body.into_iter().flatten().chain(r.headers.iter_mut())
        }));
    for field in fields {
        rename(&mut field.ty, from, to);
    }
    for response in &mut draft.responses {
        if let Some(DraftBody::Ref(name)) = &mut response.body
            && name == from
        {
            *name = to.to_owned();
        }
    }
}

/// Whether a page table has the fields of a spec model: names and types, in any order.
fn same_fields(fields: &[DraftField], model: &Schema) -> bool {
    let Some(model_fields) = &model.fields else {
        return false;
    };
    model_fields.len() == fields.len()
        && fields.iter().all(|field| {
            model_fields
                .iter()
                .any(|(name, schema)| &field.name == name && same_type(&field.ty, schema))
        })
}

fn same_type(ty: &TypeExpr, schema: &Schema) -> bool {
    match ty {
        TypeExpr::Named(name) => schema.reference.as_deref() == Some(name.as_str()),
        TypeExpr::Scalar(scalar) => {
            schema.reference.is_none() && type_name_of(schema) == Some(*scalar)
        }
        TypeExpr::Array(item) => {
            schema.ty == Some(TypeName::Array)
                && schema
                    .items
                    .as_deref()
                    .is_some_and(|items| same_type(item, items))
        }
        TypeExpr::Map(value) => {
            schema.ty == Some(TypeName::Map)
                && schema
                    .values
                    .as_deref()
                    .is_some_and(|values| same_type(value, values))
        }
        TypeExpr::Object => schema.ty == Some(TypeName::Object) && schema.fields.is_none(),
        TypeExpr::File => schema.ty == Some(TypeName::File),
    }
}

fn type_name_of(schema: &Schema) -> Option<&'static str> {
    Some(
        match schema.ty.unwrap_or(if schema.fields.is_some() {
            TypeName::Object
        } else {
            TypeName::String
        }) {
            TypeName::String => "string",
            TypeName::Integer => "integer",
            TypeName::Long => "long",
            TypeName::Float => "float",
            TypeName::Double => "double",
            TypeName::Boolean => "boolean",
            _ => return None,
        },
    )
}
