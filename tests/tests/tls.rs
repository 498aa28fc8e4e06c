//! The default transport speaks TLS as the runtime configures it (rustls with the `ring`
//! provider and the platform's verifier, `generator/templates/core/src/transport.rs`): it
//! completes a handshake with a server whose certificate chains to a trusted root, and refuses
//! one whose root is not trusted, sending nothing.
//!
//! The platform verifier reads the system's roots, which on Linux honour `SSL_CERT_FILE`; each
//! case runs this test binary again as a child with its own `SSL_CERT_FILE`, so no test
//! changes the environment of another.

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use huaweicloud_sdk_core::transport::{HyperTransport, Limits, Transport, TransportError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;

/// Set in a child: the directory holding the server's certificate and key (`server.der`,
/// `server.key.der`).
const SERVER_CA: &str = "TLS_TEST_SERVER_CA";

/// A `localhost` certificate signed by the certificate authority of `SERVER_CA`, with its key.
struct ServerCertificate {
    cert: rustls::pki_types::CertificateDer<'static>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
}

/// Serves one HTTP/1.1 answer per connection over TLS with `server`'s certificate; returns
/// the port and a receiver of each request's head.
async fn serve(server: &ServerCertificate) -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![server.cert.clone()], server.key.clone_key())
    .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (heads, received) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let acceptor = acceptor.clone();
            let heads = heads.clone();
            tokio::spawn(async move {
                // A refused handshake ends here, before any request.
                let Ok(mut stream) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1
                {
                    head.push(byte[0]);
                }
                let _ = heads.send(String::from_utf8_lossy(&head).into_owned());
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    )
                    .await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (port, received)
}

async fn get(port: u16) -> Result<http::Response<Vec<u8>>, TransportError> {
    let transport = HyperTransport::new(Duration::from_secs(5)).expect("a transport");
    let request = http::Request::get(format!("https://localhost:{port}/v3/projects"))
        .body(Vec::new())
        .unwrap();
    let limits = Limits {
        timeout: Duration::from_secs(10),
        max_body: 1024,
    };
    transport.send(request, limits).await
}

/// Runs the test `name` of this binary again with `SSL_CERT_FILE` set to `trusted` (PEM) and
/// `SERVER_CA` to the directory of the server's CA, and fails with the child's output if the
/// child fails.
fn in_child(name: &str, trusted: &str, server_ca: &str) {
    let dir = tempfile::tempdir().unwrap();
    let trusted_file = dir.path().join("trusted.pem");
    std::fs::write(&trusted_file, trusted).unwrap();
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("SSL_CERT_FILE", &trusted_file)
        .env_remove("SSL_CERT_DIR")
        .env(SERVER_CA, server_ca)
        .output()
        .unwrap();
    assert!(
        output.status.success() && String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child run of {name} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// In a child: the server certificate and key the parent wrote into the directory `SERVER_CA`
/// names.
fn child_server_certificate() -> Option<ServerCertificate> {
    let dir = std::path::PathBuf::from(std::env::var_os(SERVER_CA)?);
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    Some(ServerCertificate {
        cert: read("server.der").into(),
        key: rustls::pki_types::PrivateKeyDer::Pkcs8(read("server.key.der").into()),
    })
}

/// A fresh CA and a `localhost` certificate it signed, written with its key into a directory
/// for a child; returns the directory and the CA certificate's PEM.
fn ca_dir() -> (tempfile::TempDir, String) {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "specgen test CA");
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let ca_pem = params.self_signed(&ca_key).unwrap().pem();
    let issuer = rcgen::Issuer::new(params, ca_key);
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &issuer)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("server.der"), cert.der()).unwrap();
    std::fs::write(dir.path().join("server.key.der"), key.serialize_der()).unwrap();
    (dir, ca_pem)
}

#[tokio::test]
async fn a_server_whose_certificate_chains_to_a_trusted_root_is_reached() {
    let Some(server) = child_server_certificate() else {
        let (dir, ca_pem) = ca_dir();
        in_child(
            "a_server_whose_certificate_chains_to_a_trusted_root_is_reached",
            &ca_pem,
            dir.path().to_str().unwrap(),
        );
        return;
    };
    let (port, mut heads) = serve(&server).await;
    let response = get(port).await.expect("the handshake and the answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.body(), b"{}");
    let head = heads.recv().await.unwrap();
    assert!(head.starts_with("GET /v3/projects HTTP/1.1\r\n"), "{head}");
}

#[tokio::test]
async fn a_server_whose_root_is_not_trusted_is_refused_before_any_request() {
    let Some(server) = child_server_certificate() else {
        // Trusted: some other CA; the server's CA is not.
        let (dir, _) = ca_dir();
        let (_other, other_pem) = ca_dir();
        in_child(
            "a_server_whose_root_is_not_trusted_is_refused_before_any_request",
            &other_pem,
            dir.path().to_str().unwrap(),
        );
        return;
    };
    let (port, mut heads) = serve(&server).await;
    let error = get(port).await.expect_err("an untrusted certificate");
    let text = format!("{error:?}").to_lowercase();
    assert!(text.contains("certificate"), "{text}");
    assert!(
        heads.try_recv().is_err(),
        "a request reached the server after a refused handshake"
    );
}
