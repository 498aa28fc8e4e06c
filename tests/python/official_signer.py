"""The official Huawei Cloud signer (huaweicloudsdkcore's SDK-HMAC-SHA256 `Signer`) as a
line-oriented service for the Rust tests: one JSON request per line on stdin, one JSON answer
per line on stdout, until stdin closes.

A request is either

  {"mode": "sign", "ak", "sk", "method", "host", "path", "query": [[key, value], ...],
   "headers": [[name, value], ...], "body_hex"}

the inputs an official SDK client hands its signer (the path as it goes on the wire, the query
as decoded values: a string, or a list of strings or integers for a repeated key; or, instead
of "query", "raw_query": a query string as written, decoded here as for "received"), or

  {"mode": "received", "ak", "sk", "method", "target", "headers", "body_hex"}

a request as it reached a server: the raw request target (path and query as received), which
is split and percent-decoded here the way Python's standard library does, so the query the
signer sees comes from an implementation that shares nothing with the runtime's.

The answer holds what the signer computed and what the official client would send:

  {"canonical_request", "string_to_sign", "signed_headers", "authorization",
   "headers": [[name, value], ...], "uri"}

or {"error": "..."} when the signer raises. The signing time is the request's X-Sdk-Date header,
so both sides sign at the same instant.
"""

import json
import sys
from types import SimpleNamespace
from urllib.parse import unquote

from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


class RecordingSigner(Signer):
    """The official signer, unchanged, keeping the two strings it builds."""

    def _process_canonical_request(self, request, signed_headers):
        self.canonical_request = super()._process_canonical_request(request, signed_headers)
        self.signed_headers = ";".join(signed_headers)
        return self.canonical_request

    def _process_string_to_sign(self, canonical_request, time):
        self.string_to_sign = super()._process_string_to_sign(canonical_request, time)
        return self.string_to_sign


def received_query(raw):
    """`a=1&b&c=%E4%B8%AD` → [("a", "1"), ("b", ""), ("c", "中")], as a server decodes it."""
    pairs = []
    for piece in raw.split("&"):
        if piece == "":
            continue
        key, _, value = piece.partition("=")
        pairs.append((unquote(key), unquote(value)))
    return pairs


def sign(message):
    if message["mode"] == "sign":
        path, host = message["path"], message["host"]
        if "raw_query" in message:
            query = received_query(message["raw_query"])
        else:
            query = [(key, value) for key, value in message["query"]]
    else:
        path, _, raw_query = message["target"].partition("?")
        host = None
        query = received_query(raw_query)
    body = bytes.fromhex(message["body_hex"])
    request = SdkRequest(
        method=message["method"],
        schema="https",
        host=host,
        resource_path=path,
        query_params=query,
        header_params={name: value for name, value in message["headers"]},
        body=body if body else None,
    )
    signer = RecordingSigner(SimpleNamespace(ak=message["ak"], sk=message["sk"]))
    signer.sign(request)
    return {
        "canonical_request": signer.canonical_request,
        "string_to_sign": signer.string_to_sign,
        "signed_headers": signer.signed_headers,
        "authorization": request.header_params["Authorization"],
        # Header values leave the signer as the latin-1 reading of their UTF-8 bytes, which is
        # how `requests` puts them on the wire; read back as UTF-8 they are what a server sees.
        "headers": [
            [name, str(value).encode("iso-8859-1", "replace").decode("utf-8", "replace")]
            for name, value in request.header_params.items()
        ],
        "uri": request.uri,
    }


def main():
    for line in sys.stdin:
        try:
            answer = sign(json.loads(line))
        except Exception as error:  # the signer's own failure is an answer, not a crash
            answer = {"error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
