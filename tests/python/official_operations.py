"""Prints every operation of an official Huawei Cloud SDK module as JSON lines.

    python official_operations.py huaweicloudsdkevs.v2

One line per operation the module's client offers: its id (the request class name without
`Request`), method, path (as the SDK writes it; the caller drops a fixed query), the request
body's top-level keys, and the SDK's description of each body key (which names the value an
action field takes, e.g. `删除标签：delete`). Read by tests/tests/evs_ids.rs, which checks the
committed page → id table against it.
"""

import importlib
import inspect
import json
import re
import sys


def main(module_name):
    module = importlib.import_module(module_name)
    client = next(
        cls
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if name.endswith("Client") and not name.endswith("AsyncClient")
    )
    for attr in sorted(dir(client)):
        match = re.fullmatch(r"_(\w+)_http_info", attr)
        if not match:
            continue
        request_class = find_request_class(module, match.group(1))
        if request_class is None:
            continue
        info = getattr(client, attr)(request_class())
        body_keys, body_docs = [], {}
        body_type = request_class.openapi_types.get("body")
        if body_type and hasattr(module, body_type):
            body_class = getattr(module, body_type)
            for key, wire in body_class.attribute_map.items():
                body_keys.append(wire)
                prop = getattr(body_class, key, None)
                body_docs[wire] = inspect.getdoc(prop.fget) if isinstance(prop, property) else ""
        print(
            json.dumps(
                {
                    "id": request_class.__name__[: -len("Request")],
                    "method": info["method"],
                    "path": info["resource_path"],
                    "body_keys": body_keys,
                    "body_docs": body_docs,
                },
                ensure_ascii=False,
            )
        )


def find_request_class(module, snake):
    """The request class of `snake` (`batch_create_volume_tags`): its name compared without
    case and underscores, since ids keep acronyms (`ModifyVolumeQoS`)."""
    wanted = snake.replace("_", "").lower() + "request"
    for name, cls in inspect.getmembers(module, inspect.isclass):
        if name.lower() == wanted:
            return cls
    return None


if __name__ == "__main__":
    main(sys.argv[1])
