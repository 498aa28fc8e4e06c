//! What two pages of one operation say differently (an English and a Chinese edition, a
//! current page and a leftover of an earlier edition). The bulk import keeps one page's spec
//! and reports these, so that no difference is resolved silently.

use std::collections::BTreeMap;

use super::draft::{DraftBody, DraftField, DraftOperation};
use super::types::TypeExpr;

/// Each difference as one line, in a stable order: parameters, request body fields, statuses,
/// the fields of each status's body, nested tables of one name, deprecation.
pub fn between(
    kept: &DraftOperation,
    kept_name: &str,
    other: &DraftOperation,
    other_name: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare = Comparison {
        kept_name,
        other_name,
        out: &mut out,
    };
    let params = |draft: &DraftOperation| -> BTreeMap<String, DraftField> {
        draft
            .params
            .iter()
            .filter(|p| !p.managed)
            .map(|p| (format!("{} parameter", p.location), p.field.clone()))
            .map(|(place, field)| (format!("{place} `{}`", field.name), field))
            .collect()
    };
    compare.fields(&params(kept), &params(other));
    compare.fields(
        &named("request body field", kept.request.as_deref().unwrap_or(&[])),
        &named(
            "request body field",
            other.request.as_deref().unwrap_or(&[]),
        ),
    );
    let statuses = |draft: &DraftOperation| -> BTreeMap<u16, Vec<DraftField>> {
        draft
            .responses
            .iter()
            .map(|r| {
                let fields = match &r.body {
                    Some(DraftBody::Fields(fields)) => fields.clone(),
                    _ => Vec::new(),
                };
                (r.status, fields)
            })
            .collect()
    };
    let (kept_statuses, other_statuses) = (statuses(kept), statuses(other));
    let all: std::collections::BTreeSet<&u16> =
        kept_statuses.keys().chain(other_statuses.keys()).collect();
    for status in all {
        match (kept_statuses.get(status), other_statuses.get(status)) {
            (Some(_), None) | (None, Some(_)) => {
                let holder = if kept_statuses.contains_key(status) {
                    kept_name
                } else {
                    other_name
                };
                compare
                    .out
                    .push(format!("status {status}: only in {holder}"));
            }
            (Some(a), Some(b)) => {
                let place = format!("status {status} body field");
                compare.fields(&named(&place, a), &named(&place, b));
            }
            _ => {}
        }
    }
    let models = |draft: &DraftOperation| -> BTreeMap<String, Vec<DraftField>> {
        draft
            .models
            .iter()
            .map(|m| (m.name.clone(), m.fields.clone()))
            .collect()
    };
    let (kept_models, other_models) = (models(kept), models(other));
    for (name, fields) in &kept_models {
        if let Some(other_fields) = other_models.get(name) {
            let place = format!("`{name}` field");
            compare.fields(&named(&place, fields), &named(&place, other_fields));
        }
    }
    match (&kept.deprecated, &other.deprecated) {
        (Some(_), None) => out.push(format!("deprecated: only in {kept_name}")),
        (None, Some(_)) => out.push(format!("deprecated: only in {other_name}")),
        _ => {}
    }
    out
}

fn named(place: &str, fields: &[DraftField]) -> BTreeMap<String, DraftField> {
    fields
        .iter()
        .map(|f| (format!("{place} `{}`", f.name), f.clone()))
        .collect()
}

struct Comparison<'a> {
    kept_name: &'a str,
    other_name: &'a str,
    out: &'a mut Vec<String>,
}

impl Comparison<'_> {
    fn fields(
        &mut self,
        kept: &BTreeMap<String, DraftField>,
        other: &BTreeMap<String, DraftField>,
    ) {
        for (place, field) in kept {
            match other.get(place) {
                None => self
                    .out
                    .push(format!("{place}: only in {}", self.kept_name)),
                Some(theirs) => {
                    if describe(&field.ty) != describe(&theirs.ty) {
                        self.out.push(format!(
                            "{place}: {} in {}, {} in {}",
                            describe(&field.ty),
                            self.kept_name,
                            describe(&theirs.ty),
                            self.other_name
                        ));
                    }
                    if field.required != theirs.required {
                        let word = |required: bool| if required { "required" } else { "optional" };
                        self.out.push(format!(
                            "{place}: {} in {}, {} in {}",
                            word(field.required),
                            self.kept_name,
                            word(theirs.required),
                            self.other_name
                        ));
                    }
                    let values = |f: &DraftField| -> Vec<String> {
                        f.cell.enum_values.iter().map(|(v, _)| v.clone()).collect()
                    };
                    if values(field) != values(theirs) {
                        self.out.push(format!(
                            "{place}: values [{}] in {}, [{}] in {}",
                            values(field).join(", "),
                            self.kept_name,
                            values(theirs).join(", "),
                            self.other_name
                        ));
                    }
                }
            }
        }
        for place in other.keys().filter(|p| !kept.contains_key(*p)) {
            self.out
                .push(format!("{place}: only in {}", self.other_name));
        }
    }
}

/// A type as a page would write it, for the report.
fn describe(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Scalar(name) => (*name).to_owned(),
        TypeExpr::Named(name) => format!("{name} object"),
        TypeExpr::Object => "object".to_owned(),
        TypeExpr::Array(item) => format!("array of {}", describe(item)),
        TypeExpr::Map(value) => format!("map of {}", describe(value)),
        TypeExpr::File => "file".to_owned(),
    }
}
