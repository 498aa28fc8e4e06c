//! Recomputes an SDK-HMAC-SHA256 signature from a request as received, the way a gateway
//! does. Written from the algorithm's description, sharing no code with the runtime's signer,
//! so a test that passes both agrees with two implementations (and both agree with the
//! reference vectors).

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::server::Received;

/// Why a signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// No or malformed `Authorization` header.
    Malformed(String),
    /// The signature differs from the recomputed one.
    Mismatch {
        /// The canonical request the server built.
        canonical_request: String,
    },
}

/// Checks `request`'s signature against `secret_key`; returns the access key on success.
pub fn verify(request: &Received, secret_key: &str) -> Result<String, Rejection> {
    let authorization = request
        .header("authorization")
        .ok_or_else(|| Rejection::Malformed("no Authorization".into()))?;
    let rest = authorization
        .strip_prefix("SDK-HMAC-SHA256 ")
        .ok_or_else(|| Rejection::Malformed("wrong algorithm".into()))?;
    let mut access = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(", ") {
        match part.split_once('=') {
            Some(("Access", value)) => access = Some(value),
            Some(("SignedHeaders", value)) => signed_headers = Some(value),
            Some(("Signature", value)) => signature = Some(value),
            _ => return Err(Rejection::Malformed(format!("unexpected {part:?}"))),
        }
    }
    let (Some(access), Some(signed_headers), Some(signature)) = (access, signed_headers, signature)
    else {
        return Err(Rejection::Malformed("incomplete Authorization".into()));
    };
    let date = request
        .header("x-sdk-date")
        .ok_or_else(|| Rejection::Malformed("no X-Sdk-Date".into()))?;
    let canonical_request = canonical_request(request, signed_headers);
    let string_to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    if hex(&mac.finalize().into_bytes()) == signature {
        Ok(access.to_owned())
    } else {
        Err(Rejection::Mismatch { canonical_request })
    }
}

/// The canonical request of `request` over `signed_headers` (`a;b;c`).
pub fn canonical_request(request: &Received, signed_headers: &str) -> String {
    let (path, query) = request
        .target
        .split_once('?')
        .unwrap_or((&request.target, ""));
    // Decoded as a whole, then split: an encoded `/` inside a segment splits it.
    let mut uri = unescape(path)
        .split('/')
        .map(escape)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect();
    pairs.sort();
    let query = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", escape(k), escape(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut headers = String::new();
    for name in signed_headers.split(';') {
        let value = request
            .header(name)
            .unwrap_or("")
            .trim_matches(|c: char| c.is_whitespace());
        headers.push_str(&format!("{name}:{value}\n"));
    }
    let payload = match request.header("x-sdk-content-sha256") {
        _ if request.body.is_empty() => hex(&Sha256::digest(b"")),
        Some(hash) if !hash.trim().is_empty() => hash.trim().to_owned(),
        _ => hex(&Sha256::digest(&request.body)),
    };
    format!(
        "{}\n{uri}\n{query}\n{headers}\n{signed_headers}\n{payload}",
        request.method.to_ascii_uppercase()
    )
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex_digit = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        if let (b'%', Some(high), Some(low)) = (bytes[i], hex_digit(i + 1), hex_digit(i + 2)) {
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
