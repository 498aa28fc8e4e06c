#!/usr/bin/env python3
"""Extract the official operation ids of Huawei Cloud services from their Python SDKs.

The official SDKs are generated from the same API definitions as the reference pages, and name
every operation (`DeleteVolume`, `ListServersDetails`, ...). This script reads the installed SDK
sources (it never imports them, so the SDKs' dependencies need not be installed) and prints one
tab-separated row per operation:

    service  sdk_version  method  path  official_id  body_keys

* `official_id` is the name of the operation's response class without `Response`
  (`DeleteVolumeResponse` → `DeleteVolume`), which is also the request class's stem.
* `body_keys` lists the JSON keys at the top level of the request body, comma-separated, when the
  body is an object model (`os-start` for Nova's `POST .../servers/{server_id}/action`); empty
  otherwise. It tells apart operations that share method and path and differ by the action their
  body names.

Rows are sorted and deduplicated. `generator/tests/operation_ids.rs` checks the path naming rule
of `specgen::import::naming` against the committed output, `official_operation_ids.tsv`.

The committed output was produced from these exact versions (PyPI), installed without
dependencies:

    python3 -m venv target/sdk-venv
    target/sdk-venv/bin/pip install --no-deps \
        huaweicloudsdkas==3.1.219 huaweicloudsdkcbr==3.1.219 huaweicloudsdkcce==3.1.219 \
        huaweicloudsdkcts==3.1.219 huaweicloudsdkdcs==3.1.219 huaweicloudsdkdrs==3.1.219 \
        huaweicloudsdkecs==3.1.219 huaweicloudsdkelb==3.1.219 huaweicloudsdkevs==3.1.219 \
        huaweicloudsdkiam==3.1.219 huaweicloudsdkims==3.1.219 \
        huaweicloudsdkorganizations==3.1.219 huaweicloudsdkrds==3.1.219 \
        huaweicloudsdksmn==3.1.219 huaweicloudsdkvpc==3.1.219
    target/sdk-venv/bin/python generator/data/extract_official_ids.py \
        > generator/data/official_operation_ids.tsv

Usage: extract_official_ids.py [SITE_PACKAGES]   (default: the running interpreter's)
"""

import ast
import pathlib
import re
import sys
import sysconfig


def literal_dict(node):
    """A class-level `name = {...}` of string keys and values, as a dict (else None)."""
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def models(version_dir):
    """Every model class of one SDK version: name → (openapi_types, attribute_map)."""
    found = {}
    for path in sorted((version_dir / "model").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            fields = {}
            for stmt in cls.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)
                    and stmt.targets[0].id in ("openapi_types", "attribute_map")
                ):
                    fields[stmt.targets[0].id] = literal_dict(stmt.value) or {}
            found[cls.name] = (fields.get("openapi_types", {}), fields.get("attribute_map", {}))
    return found


def body_keys(model_table, request_class):
    """The request body's top-level JSON keys, when the body is an object model."""
    types, _ = model_table.get(request_class, ({}, {}))
    body_type = types.get("body")
    if body_type is None or body_type not in model_table:
        return []
    _, attribute_map = model_table[body_type]
    return list(attribute_map.values())


# `def _delete_volume_http_info(cls, request):` followed by the `http_info = {...}` dict.
HTTP_INFO = re.compile(
    r"def _(?P<name>\w+)_http_info\(cls, request\):\s*http_info = (?P<dict>\{.*?\})\s*\n",
    re.S,
)


def operations(site_packages):
    """(service, sdk_version, method, path, official_id, body_keys) for every operation."""
    rows = set()
    for client in sorted(site_packages.glob("huaweicloudsdk*/v*/*_client.py")):
        if client.name.endswith("_async_client.py"):
            continue
        version_dir = client.parent
        service = version_dir.parent.name.removeprefix("huaweicloudsdk")
        model_table = models(version_dir)
        for match in HTTP_INFO.finditer(client.read_text(encoding="utf-8")):
            # The dict holds `request.__class__.__name__`, not a literal: read only the literals.
            text = match.group("dict")
            method = re.search(r'"method": "(\w+)"', text).group(1)
            path = re.search(r'"resource_path": "([^"]*)"', text).group(1)
            response = re.search(r'"response_type": "(\w+)"', text).group(1)
            official_id = response.removesuffix("Response")
            keys = body_keys(model_table, official_id + "Request")
            rows.add((service, version_dir.name, method, path, official_id, ",".join(keys)))
    return sorted(rows)


def main():
    if len(sys.argv) > 1:
        site_packages = pathlib.Path(sys.argv[1])
    else:
        site_packages = pathlib.Path(sysconfig.get_paths()["purelib"])
    print("service\tsdk_version\tmethod\tpath\tofficial_id\tbody_keys")
    for row in operations(site_packages):
        print("\t".join(row))


if __name__ == "__main__":
    main()
