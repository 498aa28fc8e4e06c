//! AK/SK signing against the reference signer's vectors (`../shared/testdata`): the runtime's
//! signer must reproduce every intermediate and final value, and the independent verifier
//! used by the loopback server must accept every signed request.

use huaweicloud_sdk_core::Secret;
use huaweicloud_sdk_core::http;
use huaweicloud_sdk_core::request::encode_component;
use huaweicloud_sdk_core::sign::sign;
use serde_json::Value;
use specgen_tests::server::Received;
use specgen_tests::verify::{canonical_request, verify};

fn vectors() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/testdata/signing_vectors.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let vectors: Value = serde_json::from_str(&text).unwrap();
    vectors["cases"].as_array().unwrap().clone()
}

/// The vector's input as the HTTP request a caller would hand to the signer.
fn unsigned_request(input: &Value) -> http::Request<Vec<u8>> {
    let mut query = Vec::new();
    for pair in input["query"].as_array().unwrap() {
        let key = pair[0].as_str().unwrap();
        let values: Vec<String> = match &pair[1] {
            Value::String(s) => vec![s.clone()],
            Value::Bool(b) => vec![b.to_string()],
            Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect(),
            other => panic!("unexpected query value {other}"),
        };
        for value in values {
            query.push(format!(
                "{}={}",
                encode_component(key),
                encode_component(&value)
            ));
        }
    }
    let mut uri = format!(
        "https://{}{}",
        input["host"].as_str().unwrap(),
        input["path"].as_str().unwrap()
    );
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    let mut builder = http::Request::builder()
        .method(input["method"].as_str().unwrap())
        .uri(uri);
    for (name, value) in input["headers"].as_object().unwrap() {
        builder = builder.header(name, value.as_str().unwrap());
    }
    let body = input["body"]
        .as_str()
        .map(|b| b.as_bytes().to_vec())
        .unwrap_or_default();
    builder.body(body).unwrap()
}

#[test]
fn every_reference_vector_is_reproduced() {
    let cases = vectors();
    assert!(cases.len() >= 10, "{} vectors", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (input, expected) = (&case["input"], &case["expected"]);
        let mut request = unsigned_request(input);
        let signature = sign(
            &mut request,
            input["ak"].as_str().unwrap(),
            &Secret::new(input["sk"].as_str().unwrap()),
            input["sdk_date"].as_str().unwrap(),
        )
        .unwrap();

        assert_eq!(
            signature.canonical_request,
            expected["canonical_request"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signature.string_to_sign,
            expected["string_to_sign"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signature.signed_headers,
            expected["signed_headers"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signature.signature,
            expected["signature"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signature.authorization,
            expected["authorization"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            request.uri().path_and_query().unwrap().as_str(),
            expected["uri"].as_str().unwrap(),
            "{name}"
        );

        let expected_headers = expected["headers"].as_object().unwrap();
        assert_eq!(
            request.headers().len(),
            expected_headers.len(),
            "{name}: {:?}",
            request.headers()
        );
        for (header, value) in expected_headers {
            assert_eq!(
                request.headers()[header.as_str()],
                value.as_str().unwrap(),
                "{name}: {header}"
            );
        }

        // What a gateway would receive verifies with the independent implementation too.
        let received = Received {
            method: request.method().to_string(),
            target: request.uri().path_and_query().unwrap().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
                .collect(),
            body: request.body().clone(),
        };
        assert_eq!(
            canonical_request(&received, &signature.signed_headers),
            expected["canonical_request"].as_str().unwrap(),
            "{name}: verifier"
        );
        assert_eq!(
            verify(&received, input["sk"].as_str().unwrap()).as_deref(),
            Ok(input["ak"].as_str().unwrap())
        );
        assert!(
            verify(&received, "wrong-secret").is_err(),
            "{name}: a wrong key must not verify"
        );
    }
}
