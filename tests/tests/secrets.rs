//! Credentials and tokens never appear in `Debug` output, logs or error messages.
//!
//! In a test binary of its own: tracing's per-thread subscriber is not reliable while other
//! tests of the same process run on other threads, and this test must see every event.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use huaweicloud_sdk_core::{Credentials, RetryPolicy};
use huaweicloud_sdk_drs::operations::collect_db_objects_info::{
    CollectDbObjectsInfoRequest, CollectDbObjectsInfoRequestBody,
    CollectDbObjectsInfoRequestBodyType,
};
use specgen_tests::server::{Reply, TestServer};

const ACCESS_KEY: &str = "HPUAJ1EXAMPLEAK4Q7ZC";
const SECRET_KEY: &str = "kZ3vQx9EXAMPLESKr2LmN8pT4wYb6HdFgJs0aUeC";
const TOKEN: &str = "MIIXtokenEXAMPLEdoNotLog";
const BAD_REQUEST: &str =
    r#"{"error_code": "DRS.10000010", "error_msg": "Job does not exist, please check job ID."}"#;

fn request() -> CollectDbObjectsInfoRequest {
    CollectDbObjectsInfoRequest::new(
        "job",
        CollectDbObjectsInfoRequestBody::new(CollectDbObjectsInfoRequestBodyType::Source),
    )
}

fn client(server: &TestServer, credentials: Credentials) -> huaweicloud_sdk_drs::ClientBuilder {
    huaweicloud_sdk_drs::client()
        .endpoint(server.url())
        .project_id("p")
        .credentials(credentials)
        .retry(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_secs(2),
        })
}

fn token() -> Credentials {
    Credentials::token(TOKEN)
}

fn aksk() -> Credentials {
    Credentials::access_key(ACCESS_KEY, SECRET_KEY)
}

/// Captured log output.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn secrets_stay_out_of_debug_logs_and_errors() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut shown = Vec::new();
    tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(async {
            let server = TestServer::start(|_, index| match index {
                0 => Reply::json(503, "{}"),
                _ => Reply::json(400, BAD_REQUEST),
            })
            .await;
            for credentials in [aksk().with_security_token("SECURITY-TOKEN-VALUE"), token()] {
                let client = client(&server, credentials.clone()).build().unwrap();
                shown.push(format!("{client:?} {credentials:?}"));
                let error = client.send(&request()).await.unwrap_err();
                shown.push(format!("{error} {error:?}"));
            }
        })
    });
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("CollectDbObjectsInfo") && logs.contains("retrying"),
        "spans and events are emitted: {logs}"
    );
    shown.push(logs);
    for text in shown {
        for secret in [SECRET_KEY, TOKEN, "SECURITY-TOKEN-VALUE"] {
            assert!(!text.contains(secret), "{secret} leaked into: {text}");
        }
    }
}
