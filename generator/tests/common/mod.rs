//! Fixtures shared by the tests that load small specs written in the test itself.

use std::fs;
use std::path::PathBuf;

/// A scratch spec directory (`<temp>/spec`) holding one service `name`: `service` as its
/// `service.yaml` and `operation` as `operations/<operation_file>`. The temporary directory
/// lives as long as the returned guard.
pub fn one_operation_spec(
    name: &str,
    service: &str,
    operation_file: &str,
    operation: &str,
) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let spec = temp.path().join("spec");
    let service_dir = spec.join(name);
    fs::create_dir_all(service_dir.join("operations")).unwrap();
    fs::write(service_dir.join("service.yaml"), service).unwrap();
    fs::write(
        service_dir.join("operations").join(operation_file),
        operation,
    )
    .unwrap();
    (temp, spec)
}
