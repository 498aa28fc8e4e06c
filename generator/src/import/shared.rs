//! Recognising a page's tables as models the service already defines.

use super::draft::{DraftBody, DraftField, DraftModel, DraftOperation};
use super::types::TypeExpr;
use crate::spec::types::{Schema, ServiceSpec, TypeName};

/// Drops nested tables that the service already defines (same name, same fields), and makes
/// response bodies that match a service model refer to it.
pub(super) fn use_shared_models(
    draft: &mut DraftOperation,
    tables: &[DraftModel],
    service: &ServiceSpec,
) {
    let same_as_shared = |name: &str, fields: &[DraftField]| {
        service
            .models
            .0
            .get(name)
            .is_some_and(|model| same_fields(fields, model))
    };
    draft.models = tables
        .iter()
        .filter(|t| !same_as_shared(&t.name, &t.fields))
        .cloned()
        .collect();
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

/// Whether a page table has the fields of a spec model: names and types, in order.
fn same_fields(fields: &[DraftField], model: &Schema) -> bool {
    let Some(model_fields) = &model.fields else {
        return false;
    };
    model_fields.len() == fields.len()
        && fields
            .iter()
            .zip(model_fields.iter())
            .all(|(field, (name, schema))| &field.name == name && same_type(&field.ty, schema))
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
