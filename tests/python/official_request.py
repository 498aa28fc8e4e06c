"""One operation of an official Huawei Cloud Python SDK service package (huaweicloudsdk<service>),
called against a loopback server, as a line-oriented service for the Rust tests: one JSON
request per line on stdin, one JSON answer per line on stdout, until stdin closes. The server
records what the official client put on the wire; the tests compare it with what the generated
Rust crate sends for the same operation.

A request is

  {"service": "drs", "version": "v5", "operation": "CollectDbObjectsInfo",
   "endpoint": "http://127.0.0.1:PORT", "ak", "sk",
   "project_id" (project-scoped services) or "domain_id" (global services: IAM, Organizations),
   "params": {official request attribute name: value, ...},
   "body": JSON or null}

`operation` is the official operation name, its request class `<operation>Request` in module
`huaweicloudsdk<service>.<version>`; `params` are that class's attributes (`job_id`,
`x_language`, ...; tests/python/OFFICIAL_OPERATIONS.md maps our parameter names to them);
`body` is turned into the request's body model by the SDK's own deserializer, the one it
applies to response bodies, so nested models are built from JSON the way the SDK reads them.

The answer is {"ok": true, "status": <HTTP status>} when the client returned, or
{"error": "..."} when anything raised: a bad request here, or the client's exception after
the server answered (a non-2xx status, an answer the SDK cannot decode); the server has still
recorded the request then, and the test decides whether the error matters.

Nothing leaves the machine: the endpoint must be plain HTTP on a loopback IP literal (no host
name, which a resolver could send elsewhere), the project or domain id is always given
(without it the SDK asks IAM for it), the credentials must be non-empty (without them the SDK
asks the cloud metadata service), no region is set (a region adds the region's public
endpoints), retries and redirects are off, and the HTTP session ignores proxy variables and
.netrc from the environment.
"""

import importlib
import ipaddress
import json
import re
import sys
from urllib.parse import urlsplit

from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.client import Client
from huaweicloudsdkcore.exceptions.exceptions import SdkException
from huaweicloudsdkcore.http.http_config import HttpConfig

# Module and operation names become import paths and attribute lookups: only plain names.
NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*\Z")


def loopback_endpoint(endpoint):
    """The endpoint, if it is `http://<loopback address>:<port>` and nothing more."""
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if (
        parts.scheme != "http"
        or not loopback
        or parts.port is None
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ValueError("endpoint must be http://<loopback address>:<port>, got %r" % endpoint)
    return "http://%s" % parts.netloc


def service_module(message):
    for key in ("service", "version", "operation"):
        if not NAME.match(str(message.get(key, ""))):
            raise ValueError("%s must be a plain name, got %r" % (key, message.get(key)))
    return importlib.import_module("huaweicloudsdk%s.%s" % (message["service"], message["version"]))


def client_class(module):
    """The module's synchronous client (DrsClient, IamClient, ...)."""
    found = [
        value
        for name, value in vars(module).items()
        if name.endswith("Client")
        and not name.endswith("AsyncClient")
        and isinstance(value, type)
        and issubclass(value, Client)
    ]
    if len(found) != 1:
        raise ValueError("expected one client class in %s, found %r" % (module.__name__, found))
    return found[0]


def credentials(message):
    ak, sk = message.get("ak"), message.get("sk")
    if not ak or not sk:
        raise ValueError("ak and sk must be non-empty")
    if message.get("project_id"):
        return BasicCredentials(ak, sk, message["project_id"])
    if message.get("domain_id"):
        return GlobalCredentials(ak, sk, message["domain_id"])
    raise ValueError("project_id or domain_id is required")


def build_client(message, module):
    config = HttpConfig(timeout=(5, 30), retry_times=0, allow_redirects=False)
    client = (
        client_class(module)
        .new_builder()
        .with_http_config(config)
        .with_credentials(credentials(message))
        .with_endpoints([loopback_endpoint(message["endpoint"])])
        .build()
    )
    # `requests` would otherwise route through HTTP(S)_PROXY and add .netrc credentials; the
    # SDK offers no switch for either, so its session is told directly.
    client.get_http_client()._session.trust_env = False
    return client


def build_request(message, module, client):
    request_class = getattr(module, message["operation"] + "Request")
    request = request_class()
    params = message.get("params") or {}
    for name, value in params.items():
        if name == "body" or name not in request_class.openapi_types:
            raise ValueError("%s has no request attribute %r" % (request_class.__name__, name))
        setattr(request, name, value)
    body = message.get("body")
    if body is not None:
        if "body" not in request_class.openapi_types:
            raise ValueError("%s takes no body" % request_class.__name__)
        request.body = client._deserialize(body, request_class.openapi_types["body"])
    return request


def operation_method(message, client, request):
    """The client method of the operation, checked against the request type it declares."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", message["operation"]).lower()
    http_info = getattr(type(client), "_%s_http_info" % snake, None)
    if http_info is None:
        raise ValueError("%s has no operation %s" % (type(client).__name__, message["operation"]))
    declared = http_info(request)["response_type"]
    if declared != message["operation"] + "Response":
        raise ValueError("%s is the method of %s, not %s" % (snake, declared, message["operation"]))
    return getattr(client, snake)


def call(message):
    module = service_module(message)
    client = build_client(message, module)
    request = build_request(message, module, client)
    response = operation_method(message, client, request)(request)
    return {"ok": True, "status": getattr(response, "status_code", None)}


def describe(error):
    if isinstance(error, SdkException):
        # The SDK's exceptions carry the status and the server's error fields; str() of some
        # of them is empty.
        fields = {
            key: getattr(error, key)
            for key in ("status_code", "error_code", "error_msg", "request_id")
            if getattr(error, key, None) is not None
        }
        return "%s: %s %s" % (type(error).__name__, error, json.dumps(fields, default=str))
    return "%s: %s" % (type(error).__name__, error)


def main():
    for line in sys.stdin:
        try:
            answer = call(json.loads(line))
        except Exception as error:  # the client's own failure is an answer, not a crash
            answer = {"error": describe(error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
