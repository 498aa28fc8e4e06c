//! The official Huawei Cloud signer, driven from Rust: `tests/python/official_signer.py` runs
//! `huaweicloudsdkcore`'s `Signer` (pinned in `tests/python/requirements.txt`) as a
//! [`LineService`], so thousands of requests are compared in seconds.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::python::LineService;
use crate::server::Received;

/// A query value as an official SDK client hands it to the signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum QueryValue {
    /// One value.
    Text(String),
    /// A repeated key's values, in the order given.
    List(Vec<ListItem>),
}

/// One value of a repeated query key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ListItem {
    /// A string.
    Text(String),
    /// An integer (which the official signer sorts numerically).
    Integer(i64),
}

/// What the official signer is asked to sign.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Input {
    /// The inputs an official client hands its signer.
    Sign {
        /// Access key.
        ak: String,
        /// Secret key.
        sk: String,
        /// Method, as given.
        method: String,
        /// `host[:port]`, used when no `Host` header is given.
        host: String,
        /// The path as it goes on the wire (percent-encoded).
        path: String,
        /// The query as decoded pairs.
        query: Vec<(String, QueryValue)>,
        /// Or the query as written (percent-encoded), which the script decodes.
        #[serde(skip_serializing_if = "Option::is_none")]
        raw_query: Option<String>,
        /// Headers, names in their canonical spelling.
        headers: Vec<(String, String)>,
        /// The body, hex.
        body_hex: String,
    },
    /// A request as a server received it.
    Received {
        /// Access key.
        ak: String,
        /// Secret key.
        sk: String,
        /// Method.
        method: String,
        /// Raw request target (path and query).
        target: String,
        /// Headers.
        headers: Vec<(String, String)>,
        /// The body, hex.
        body_hex: String,
    },
}

/// What the official signer computed, and what its client would send.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Signed {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `;`-joined signed header names.
    pub signed_headers: String,
    /// The `Authorization` value.
    pub authorization: String,
    /// Every header the client sends, as a server reads it.
    pub headers: Vec<(String, String)>,
    /// Path and query as sent.
    pub uri: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Answer {
    Signed(Signed),
    Error { error: String },
}

/// A running official signer.
#[derive(Debug)]
pub struct OfficialSigner(LineService);

impl OfficialSigner {
    /// Starts the signer in the shared virtualenv under `target_tmpdir`.
    pub fn start(target_tmpdir: &Path) -> Self {
        OfficialSigner(LineService::start(target_tmpdir, "official_signer.py"))
    }

    /// Signs `input`; `Err` carries the official signer's own exception.
    pub fn sign(&self, input: &Input) -> Result<Signed, String> {
        match self.0.call(input) {
            Answer::Signed(signed) => Ok(signed),
            Answer::Error { error } => Err(error),
        }
    }

    /// Whether `request`, exactly as the server received it, carries the signature the
    /// official signer computes for it under `ak`/`sk`. Only the headers the request says it
    /// signed are given to the signer (a transport adds others, such as `Content-Length`,
    /// after signing), under their canonical spelling.
    pub fn verify(&self, request: &Received, ak: &str, sk: &str) -> Result<(), String> {
        let sent = request
            .header("authorization")
            .ok_or("the request has no Authorization header")?;
        let signed_names: Vec<&str> = sent
            .split(", ")
            .find_map(|part| part.strip_prefix("SignedHeaders="))
            .ok_or_else(|| format!("no SignedHeaders in {sent:?}"))?
            .split(';')
            .collect();
        let headers = request
            .headers
            .iter()
            .filter(|(name, _)| signed_names.contains(&name.to_ascii_lowercase().as_str()))
            .map(|(name, value)| (canonical_spelling(name), value.clone()))
            .collect();
        let input = Input::Received {
            ak: ak.to_owned(),
            sk: sk.to_owned(),
            method: request.method.clone(),
            target: request.target.clone(),
            headers,
            body_hex: hex(&request.body),
        };
        let resigned = self.sign(&input)?;
        if resigned.authorization == sent {
            Ok(())
        } else {
            Err(format!(
                "the official signer computes {:?} for the request as received, which carries \
                 {sent:?}; its canonical request:\n{}",
                resigned.authorization, resigned.canonical_request
            ))
        }
    }
}

/// `x-sdk-content-sha256` → `X-Sdk-Content-Sha256`: the spelling official clients use, which
/// matters because the official signer looks `Content-Type` up case-sensitively.
pub fn canonical_spelling(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
