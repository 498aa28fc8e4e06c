//! A small HTTP/1.1 server on 127.0.0.1 for client tests. Each connection carries one request
//! (the reply closes it); the handler decides the reply from what was received and how many
//! requests came before, so tests can script retries, stalls and broken answers.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    /// Method.
    pub method: String,
    /// Request target: path and query exactly as sent.
    pub target: String,
    /// Headers in arrival order, names as sent.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Received {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
    /// How long to wait before answering.
    pub delay: Duration,
    /// Send no `Content-Length` and end the body by closing the connection.
    pub close_delimited: bool,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![
                ("Content-Type".into(), "application/json".into()),
                ("X-Request-Id".into(), "req-0001".into()),
            ],
            body: body.into(),
            delay: Duration::ZERO,
            close_delimited: false,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answers only after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Ends the body by closing the connection instead of announcing its length.
    pub fn close_delimited(mut self) -> Self {
        self.close_delimited = true;
        self
    }
}

type Handler = dyn Fn(&Received, usize) -> Reply + Send + Sync;

/// A running server; it stops when the test's runtime does.
pub struct TestServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
}

impl TestServer {
    /// Starts a server whose replies come from `handler(request, index)`, `index` counting
    /// requests from 0.
    pub async fn start(
        handler: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let address = listener.local_addr().expect("local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (handler, log) = (handler.clone(), log.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, handler, log).await;
                });
            }
        });
        TestServer { address, received }
    }

    /// The server's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().expect("request log").clone()
    }
}

/// Requests larger than this are cut off; no test sends more.
const MAX_REQUEST: usize = 1 << 20;

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let (request, header_length) = loop {
        let read = stream.read(&mut chunk).await?;
        if read == 0 || buffer.len() > MAX_REQUEST {
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        if let Ok(httparse::Status::Complete(length)) = parsed.parse(&buffer) {
            let received = Received {
                method: parsed.method.unwrap_or_default().to_owned(),
                target: parsed.path.unwrap_or_default().to_owned(),
                headers: parsed
                    .headers
                    .iter()
                    .map(|h| {
                        (
                            h.name.to_owned(),
                            String::from_utf8_lossy(h.value).into_owned(),
                        )
                    })
                    .collect(),
                body: Vec::new(),
            };
            break (received, length);
        }
    };
    let mut request = request;
    let content_length: usize = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[header_length..].to_vec();
    while body.len() < content_length.min(MAX_REQUEST) {
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    request.body = body;

    let index = {
        let mut log = log.lock().expect("request log");
        log.push(request.clone());
        log.len() - 1
    };
    let reply = handler(&request, index);
    tokio::time::sleep(reply.delay).await;

    let mut head = format!("HTTP/1.1 {} Test\r\nConnection: close\r\n", reply.status);
    if !reply.close_delimited {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&reply.body).await?;
    stream.shutdown().await
}
