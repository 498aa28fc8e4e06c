//! The EVS example program (generated/evs/examples/list_volumes.rs, built as a binary of this
//! package) against the loopback server: paging by marker, the table, API errors, hostile
//! server text, and servers that would make a naive pager loop forever.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use specgen_tests::server::{Received, Reply, TestServer};
use specgen_tests::verify::verify;

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const ACCESS_KEY: &str = "HPUAJ1EXAMPLEAK4Q7ZC";
const SECRET_KEY: &str = "kZ3vQx9EXAMPLESKr2LmN8pT4wYb6HdFgJs0aUeC";
const PATH: &str = "/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/cloudvolumes/detail";

/// One volume as the page's example answer shows it (the fields the table reads).
fn volume(
    id: &str,
    name: &str,
    status: &str,
    size: i64,
    volume_type: &str,
    az: &str,
) -> serde_json::Value {
    json!({
        "id": id,
        "name": name,
        "status": status,
        "size": size,
        "volume_type": volume_type,
        "availability_zone": az,
        "attachments": [],
        "links": [{"href": format!("https://evs.example.com/v2/{PROJECT}/volumes/{id}"), "rel": "self"}],
        "metadata": {},
        "multiattach": false
    })
}

fn page(volumes: &[serde_json::Value], count: usize) -> Reply {
    Reply::json(200, json!({"count": count, "volumes": volumes}).to_string())
}

/// Runs the program with AK/SK credentials against `server`. A program still running after
/// 20 s is killed and fails the test, so one that loops cannot hang the suite or outlive it.
async fn run(server: &TestServer, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_list_volumes"));
    command
        .args(args)
        .args(["--endpoint", &server.url()])
        .env_clear()
        .env("HUAWEICLOUD_SDK_AK", ACCESS_KEY)
        .env("HUAWEICLOUD_SDK_SK", SECRET_KEY)
        .env("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        // The outputs are a few lines, well within a pipe's buffer, so the program never waits
        // for them to be read.
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("the program was still running after 20 s");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

/// The query of a received request as sorted `name=value` pairs (still percent-encoded).
fn query(request: &Received) -> Vec<&str> {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    assert_eq!(path, PATH, "{}", request.target);
    let mut pairs: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty()).collect();
    pairs.sort_unstable();
    pairs
}

/// Every request was a GET signed with the access key, as a gateway recomputes it.
fn assert_signed(requests: &[Received]) {
    for request in requests {
        assert_eq!(request.method, "GET");
        assert_eq!(
            verify(request, SECRET_KEY),
            Ok(ACCESS_KEY.to_owned()),
            "{}",
            request.target
        );
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[tokio::test]
async fn two_pages_make_one_table() {
    let first = [
        volume("vol-1", "data", "available", 40, "SSD", "ap-southeast-1a"),
        volume("vol-2", "数据盘", "in-use", 100, "GPSSD", "ap-southeast-1b"),
    ];
    let second = [volume(
        "vol-3",
        "log-volume-long-name",
        "available",
        8,
        "SATA",
        "ap-southeast-1a",
    )];
    let server = TestServer::start(move |_, index| match index {
        0 => page(&first, 3),
        _ => page(&second, 3),
    })
    .await;

    let output = run(
        &server,
        &["--limit", "2", "--name", "vol", "--status", "available"],
    )
    .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_signed(&requests);
    assert_eq!(
        query(&requests[0]),
        ["limit=2", "name=vol", "status=available"]
    );
    // The second page starts after the last volume of the first, with the same filters.
    assert_eq!(
        query(&requests[1]),
        ["limit=2", "marker=vol-2", "name=vol", "status=available"]
    );

    // Widths from the data; the wide characters of `数据盘` count two columns each; the SIZE
    // column is right-aligned; `SATA` is not one of the page's enum values and is shown as
    // received.
    assert_eq!(
        stdout(&output),
        "\
ID     NAME                  STATUS     SIZE (GB)  TYPE   AZ
vol-1  data                  available         40  SSD    ap-southeast-1a
vol-2  数据盘                in-use           100  GPSSD  ap-southeast-1b
vol-3  log-volume-long-name  available          8  SATA   ap-southeast-1a
3 volume(s)
"
    );
}

#[tokio::test]
async fn without_limit_the_pages_default_is_sent_and_an_empty_list_is_a_table() {
    let server = TestServer::start(|_, _| page(&[], 0)).await;
    let output = run(&server, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(query(&requests[0]), ["limit=1000"]);
    assert_eq!(
        stdout(&output),
        "ID  NAME  STATUS  SIZE (GB)  TYPE  AZ\n0 volume(s)\n"
    );
}

#[tokio::test]
async fn an_api_error_prints_code_message_and_request_id() {
    let error = Reply {
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Request-Id".into(), "evs-req-42".into()),
        ],
        ..Reply::json(
            400,
            r#"{"error": {"code": "EVS.2024", "message": "The marker is invalid."}}"#,
        )
    };
    // The error answers the second page: nothing of the first is printed, since a partial table
    // would look complete.
    let first = [
        volume("vol-1", "a", "available", 1, "SSD", "az1"),
        volume("vol-2", "b", "available", 1, "SSD", "az1"),
    ];
    let server = TestServer::start(move |_, index| match index {
        0 => page(&first, 5),
        _ => error.clone(),
    })
    .await;
    let output = run(&server, &["--limit", "2"]).await;
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "EVS.2024 The marker is invalid. (request id evs-req-42)\n"
    );
    assert_eq!(stdout(&output), "");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn hostile_server_text_is_shown_escaped() {
    let hostile = [volume(
        "vol-\u{1b}]0;pwned\u{7}",
        "\u{1b}[2J\u{1b}[31mred\u{202e}gnp.exe",
        "avail\nable",
        1,
        "SSD\r\u{2066}",
        "az\u{200d}1",
    )];
    let server = TestServer::start(move |_, _| page(&hostile, 1)).await;
    let output = run(&server, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let table = stdout(&output);
    // Nothing but newlines ending the lines is a control or format character.
    assert!(
        !table
            .chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{200b}'..='\u{206f}').contains(&c)),
        "{table:?}"
    );
    assert_eq!(table.lines().count(), 3, "{table}");
    let row = table.lines().nth(1).unwrap();
    for escaped in [
        "vol-\\u{1b}]0;pwned\\u{7}",
        "\\u{1b}[2J\\u{1b}[31mred\\u{202e}gnp.exe",
        "avail\\nable",
        "SSD\\r\\u{2066}",
        "az\\u{200d}1",
    ] {
        assert!(row.contains(escaped), "{escaped} in {row}");
    }
}

#[tokio::test]
async fn a_server_repeating_a_full_page_does_not_loop() {
    let same = [
        volume("vol-1", "a", "available", 1, "SSD", "az1"),
        volume("vol-2", "b", "available", 1, "SSD", "az1"),
    ];
    // No `count`, and every page full: only the repetition can end the listing.
    let server =
        TestServer::start(move |_, _| Reply::json(200, json!({"volumes": same}).to_string())).await;
    let output = run(&server, &["--limit", "2"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        stderr(&output),
        "note: a page added no new volume; stopping\n"
    );
    assert!(
        stdout(&output).ends_with("\n2 volume(s)\n"),
        "{}",
        stdout(&output)
    );
}

#[tokio::test]
async fn a_full_page_reaching_count_ends_the_listing() {
    let all = [
        volume("vol-1", "a", "available", 1, "SSD", "az1"),
        volume("vol-2", "b", "available", 1, "SSD", "az1"),
    ];
    let server = TestServer::start(move |_, _| page(&all, 2)).await;
    let output = run(&server, &["--limit", "2"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(stderr(&output), "");
    assert!(stdout(&output).ends_with("\n2 volume(s)\n"));
}

#[tokio::test]
async fn a_full_page_without_ids_cannot_be_continued() {
    let anonymous = [json!({"name": "a"}), json!({"name": "b"})];
    let server = TestServer::start(move |_, _| page(&anonymous, 10)).await;
    let output = run(&server, &["--limit", "2"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        stderr(&output),
        "note: the last volume of a page has no id to continue from; stopping\n"
    );
    assert!(
        stdout(&output).contains("\n-   a     -"),
        "{}",
        stdout(&output)
    );
}

#[tokio::test]
async fn usage_errors_exit_2_before_any_request() {
    let server = TestServer::start(|_, _| page(&[], 0)).await;
    for args in [
        &["--limit", "0"][..],
        &["--limit", "1001"],
        &["--limit", "ten"],
        &["--limit"],
        &["--colour", "red"],
    ] {
        let output = run(&server, args).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("usage: list_volumes"), "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}");
    }
    assert!(server.requests().is_empty());
}
