//! The operation ids of the official Huawei Cloud SDKs, for the services whose pinned packages
//! `generator/data/official_operation_ids.tsv` was extracted from (see
//! `generator/data/extract_official_ids.py`): a page of one of those services gets the id the
//! official SDK gives its method and path, and a derived id never takes the official name of
//! another operation.

use std::sync::OnceLock;

/// One official operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialOperation {
    /// Service (`evs`).
    pub service: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Path template with parameter names erased (`/v2/{}/cloudvolumes/{}`).
    pub shape: String,
    /// The official id (`DeleteVolume`).
    pub id: &'static str,
    /// The request body's top-level keys.
    pub body_keys: Vec<&'static str>,
}

fn table() -> &'static [OfficialOperation] {
    static TABLE: OnceLock<Vec<OfficialOperation>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/official_operation_ids.tsv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cells: Vec<&'static str> = line.split('\t').collect();
                let [service, _version, method, path, id, keys, ..] = cells[..] else {
                    return None;
                };
                Some(OfficialOperation {
                    service,
                    method,
                    shape: path_shape(path),
                    id,
                    body_keys: keys.split(',').filter(|k| !k.is_empty()).collect(),
                })
            })
            .collect()
    })
}

/// A path with its parameter names erased and no trailing `/`: what two spellings of one
/// operation's path share.
pub fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    shape.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c => shape.push(c),
        }
    }
    while shape.len() > 1 && shape.ends_with('/') {
        shape.pop();
    }
    shape
}

/// The official id of `method path` in `service`; where the SDK has several operations on one
/// method and path (an `.../action` endpoint), the one whose body keys are the request's.
pub fn official_id(
    service: &str,
    method: &str,
    path: &str,
    body_keys: &[&str],
) -> Option<&'static str> {
    let shape = path_shape(path);
    let candidates: Vec<&OfficialOperation> = table()
        .iter()
        .filter(|op| op.service == service && op.method == method && op.shape == shape)
        .collect();
    match candidates.as_slice() {
        [] => None,
        [only] => Some(only.id),
        several => several
            .iter()
            .find(|op| {
                !op.body_keys.is_empty()
                    && op.body_keys.iter().all(|key| body_keys.contains(key))
                    && body_keys.iter().all(|key| op.body_keys.contains(key))
            })
            .map(|op| op.id),
    }
}

/// The official id of the same operation in another version of the API: an operation of
/// `service` whose method and path are `method path` but for the version segment (`/v3/...`
/// where the SDK has `/v2/...`); where several match, the one whose body keys are the
/// request's. The caller puts the version after it (`CinderListVolumeTypesV3`).
pub fn official_id_in_other_version(
    service: &str,
    method: &str,
    path: &str,
    body_keys: &[&str],
) -> Option<&'static str> {
    let shape = path_shape(path);
    let unversioned = without_version(&shape);
    let candidates: Vec<&OfficialOperation> = table()
        .iter()
        .filter(|op| {
            op.service == service
                && op.method == method
                && op.shape != shape
                && without_version(&op.shape) == unversioned
        })
        .collect();
    match candidates.as_slice() {
        [] => None,
        [only] => Some(only.id),
        several => several
            .iter()
            .find(|op| {
                op.body_keys.iter().all(|key| body_keys.contains(key))
                    && body_keys.iter().all(|key| op.body_keys.contains(key))
            })
            .map(|op| op.id),
    }
}

/// A path shape with its version segments (`v2`, `v2.1`) erased.
fn without_version(shape: &str) -> String {
    shape
        .split('/')
        .map(
            |segment| match crate::import::naming::version_of_segment(segment) {
                Some(_) => "{version}",
                None => segment,
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `id` is the official name of an operation of `service` other than `method path`.
pub fn names_another_operation(service: &str, id: &str, method: &str, path: &str) -> bool {
    let shape = path_shape(path);
    table().iter().any(|op| {
        op.service == service && op.id == id && (op.method != method || op.shape != shape)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_names_by_method_and_path() {
        assert_eq!(
            official_id("evs", "DELETE", "/v2/{project_id}/cloudvolumes/{id}/", &[]),
            Some("DeleteVolume")
        );
        assert_eq!(
            official_id("evs", "DELETE", "/v2/{project_id}/nothing", &[]),
            None
        );
        assert_eq!(
            official_id("nope", "DELETE", "/v2/{project_id}/cloudvolumes/{id}", &[]),
            None
        );
        assert!(names_another_operation(
            "evs",
            "DeleteVolume",
            "GET",
            "/v2/{p}/cloudvolumes/{v}"
        ));
        assert!(!names_another_operation(
            "evs",
            "DeleteVolume",
            "DELETE",
            "/v2/{p}/cloudvolumes/{v}"
        ));
        assert_eq!(path_shape("/v2/{a}:{b}/x/"), "/v2/{}:{}/x");
        assert_eq!(
            official_id_in_other_version("evs", "GET", "/v3/{project_id}/types", &[]),
            Some("CinderListVolumeTypes")
        );
        assert_eq!(
            official_id_in_other_version("evs", "GET", "/v2/{project_id}/types", &[]),
            None,
            "the same version is not another version"
        );
    }
}
