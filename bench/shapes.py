#!/usr/bin/env python3
"""API shapes for the benchmark: one spec directory per shape and size.

    python3 bench/shapes.py list
    python3 bench/shapes.py service SHAPE      # "SERVICE N" for a committed service, else nothing
    python3 bench/shapes.py SHAPE N OUT_DIR [--specgen PATH] [--pages DIR]

OUT_DIR/bench/service.yaml and OUT_DIR/bench/operations/*.yaml are written (OUT_DIR is emptied
first): one service `bench` of N operations, so every shape is generated, exported to OpenAPI
(`specgen openapi --service bench --openapi 3.0`, what progenitor reads) and compiled the same
way. Each shape is a function below whose docstring says which real APIs it stands for. The
output depends on the shape and N only: names and variations come from the operation's index
or from a `random.Random` seeded with the shape's name and N, so the same arguments give the
same bytes.

`imported` is built the way users build specs: each operation is rendered as an API reference
page (plain-text capture or Markdown with HTML tables, alternately, into --pages, default
OUT_DIR.pages), and one bulk `specgen import` (--specgen, required for this shape) turns the
pages into the spec directory. The spec the pages were rendered from is kept in
OUT_DIR.source, so that `bench/check_shapes.py` can compare what the import understood with
what the pages say.

A committed service (SERVICES below, e.g. `evs`) is a shape too: a real API, measured as it
is. Its spec directory is a copy of spec/SERVICE (service.yaml, operations, examples) into
OUT_DIR/SERVICE, its service keeps its own name, and its N is its number of operations (any
other N is refused); `shapes.py service SHAPE` prints both, which is how bench/run tells such a
row from a synthetic one.
"""

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402  (the original synthetic shape, kept byte for byte)

ROOT = Path(__file__).resolve().parent.parent

NOUNS = ["Widget", "Gadget", "Volume", "Bucket", "Cluster", "Instance", "Snapshot", "Backup",
         "Topic", "Queue", "Gateway", "Listener", "Policy", "Template", "Endpoint", "Certificate"]

ERROR_MODEL = {
    "doc": "Error body of a failed request.",
    "fields": {
        "error_code": {"type": "string", "doc": "Error code.", "min_length": 12, "max_length": 12},
        "error_msg": {"type": "string", "doc": "Error message.", "min_length": 1, "max_length": 512},
    },
}

PROJECT_ID = {"in": "path", "required": True, "from": "project", "type": "string",
              "doc": "Project ID of a tenant in a region."}
MANAGED = {
    "Content-Type": {"in": "header", "required": True, "managed": True, "type": "string",
                     "doc": "MIME type of the request body."},
    "X-Auth-Token": {"in": "header", "required": True, "managed": True, "type": "string",
                     "doc": "User token obtained from IAM."},
}
X_LANGUAGE = {"in": "header", "type": "string", "doc": "Request language type.",
              "default": "en-us", "enum": ["en-us", "zh-cn"]}
BAD_REQUEST = {"description": "Bad Request", "body": {"ref": "BenchError"}}


def service(shape: str, n: int, models=None) -> dict:
    """The service every shape shares: `bench`, project-scoped, with the error model."""
    all_models = {"BenchError": ERROR_MODEL}
    all_models.update(models or {})
    return {
        "name": "bench",
        "title": "Benchmark Service",
        "crate": "huaweicloud-sdk-bench",
        "version": "0.1.0",
        "description": f"A synthetic service of shape {shape} with {n} generated operations, "
                       "for measuring the generator.\n",
        "endpoint": "https://bench.{region}.example.com",
        "scope": "project",
        "regions": ["ap-southeast-1", "cn-north-4", "eu-west-101"],
        "auth": ["token", "aksk"],
        "error": {"model": "BenchError", "code": "error_code", "message": "error_msg"},
        "models": all_models,
    }


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def noun_of(i: int) -> str:
    return NOUNS[i % len(NOUNS)]


def operation(op_id: str, title: str, method: str, path: str, params: dict, responses: dict,
              description: str, models=None, body=None) -> dict:
    op = {
        "id": op_id,
        "title": title,
        "doc_url": f"https://example.com/bench/{snake(op_id)}.html",
        "description": description,
        "method": method,
        "path": path,
        "params": params,
    }
    if models:
        op["models"] = models
    if body is not None:
        op["request"] = {"content_type": "application/json", "body": body}
    op["responses"] = responses
    return op


# --- shapes --------------------------------------------------------------------------------------

def shape_synth(n: int, rng: random.Random):
    """The original synthetic API (bench/synth.py, unchanged): one POST/PUT per operation with
    two path parameters, an enum header, a six-field body (length-limited name, bounded
    integer, boolean, string array, enum, nested object) and a six-field response with an
    array of objects. Stands for a mid-sized "create/update a resource" call such as DRS
    CollectDbObjectsInfo or EVS CreateVolume; the shape bench/README.md's first runs measured."""
    return None  # written by synth.write, byte for byte as before


def shape_query_heavy(n: int, rng: random.Random):
    """GETs with many optional query parameters of mixed types (paging, filters, sorting,
    ranges, comma-separated and repeated arrays), several of them enums, and a small list
    response. Stands for the list/search calls of ECS ListServersDetails, EVS ListVolumes,
    RDS ListInstances, CTS ListTraces: 10–20 optional filters on a GET."""
    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        op_id = f"List{noun}s{i:04d}"
        params = {"project_id": PROJECT_ID}
        params["X-Auth-Token"] = MANAGED["X-Auth-Token"]
        params["X-Language"] = X_LANGUAGE
        params["limit"] = {"in": "query", "type": "integer", "doc": "Page size.",
                           "minimum": 1, "maximum": 1000, "default": 100}
        params["offset"] = {"in": "query", "type": "integer", "doc": "Offset of the page.",
                            "minimum": 0}
        params["marker"] = {"in": "query", "type": "string", "doc": f"ID of the last {low} of the previous page."}
        params["name"] = {"in": "query", "type": "string", "doc": f"Name of the {low}, fuzzy match.",
                          "max_length": 64}
        params["status"] = {"in": "query", "type": "string", "doc": "Status filter.",
                            "enum": ["creating", "available", "in-use", "error", "deleting"]}
        params["sort_key"] = {"in": "query", "type": "string", "doc": "Sort field.",
                              "enum": {"created_at": "Creation time.", "name": "Name.",
                                       "size": "Size."}, "default": "created_at"}
        params["sort_dir"] = {"in": "query", "type": "string", "doc": "Sort direction.",
                              "enum": ["asc", "desc"], "default": "desc"}
        params["enabled"] = {"in": "query", "type": "boolean", "doc": "Only enabled ones."}
        params["min_size"] = {"in": "query", "type": "long", "doc": "Smallest size in bytes.",
                              "minimum": 0}
        params["max_size"] = {"in": "query", "type": "long", "doc": "Largest size in bytes.",
                              "minimum": 0}
        params["ratio"] = {"in": "query", "type": "double", "doc": "Minimum usage ratio.",
                           "minimum": 0, "maximum": 1}
        params["created_after"] = {"in": "query", "type": "string",
                                   "doc": "Creation time lower bound, RFC 3339."}
        params["tags"] = {"in": "query", "type": "array", "items": {"type": "string"},
                          "style": "comma", "doc": "Tags, comma-separated `key=value`."}
        params["ids"] = {"in": "query", "type": "array", "items": {"type": "string"},
                         "doc": "IDs, one parameter per value."}
        params["availability_zone"] = {"in": "query", "type": "string",
                                       "doc": "Availability zone.",
                                       "enum": ["az1", "az2", "az3"]}
        params["enterprise_project_id"] = {"in": "query", "type": "string",
                                           "doc": "Enterprise project ID."}
        # vary the count a little, as real list calls do: 14 to 18 query parameters
        for extra in range(rng.randint(0, 4)):
            params[f"filter_{extra}"] = {"in": "query", "type": rng.choice(["string", "integer", "boolean"]),
                                         "doc": f"Extra filter {extra}."}
        models = {
            f"{noun}{i:04d}Summary": {
                "doc": f"One {low}.",
                "fields": {
                    "id": {"type": "string", "required": True, "doc": f"ID of the {low}."},
                    "name": {"type": "string", "doc": "Name."},
                    "status": {"type": "string", "doc": "Status.",
                               "enum": ["creating", "available", "in-use", "error", "deleting"]},
                    "size": {"type": "long", "doc": "Size in bytes."},
                },
            },
        }
        responses = {
            200: {"description": "OK", "body": {"fields": {
                "count": {"type": "integer", "doc": "Total number of matches."},
                f"{low}s": {"type": "array", "items": {"ref": f"{noun}{i:04d}Summary"},
                            "doc": f"The {low}s of this page."},
            }}},
            400: BAD_REQUEST,
        }
        ops.append(operation(op_id, f"Querying {noun}s ({i})", "GET",
                             f"/v1/{{project_id}}/{low}s-{i}", params, responses,
                             f"This API is used to query {low}s (synthetic operation {i} of {n}).\n",
                             models=models))
    return service("query-heavy", n), ops


def shape_deep_nested(n: int, rng: random.Random):
    """Request and response bodies nested 4–6 levels deep through operation-level object
    models (each level a few scalars and the next level's object). Stands for ECS
    CreateServers (server → root_volume/publicip → eip → bandwidth → extendparam), CCE
    CreateCluster (spec → hostNetwork/containerNetwork → ...), FunctionGraph and APIG
    configuration bodies."""
    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        depth = 4 + i % 3
        models = {}
        for side, prefix in (("request", "Req"), ("response", "Resp")):
            for level in range(depth, 0, -1):
                name = f"{noun}{i:04d}{prefix}L{level}"
                fields = {
                    f"name_{level}": {"type": "string", "doc": f"Name at level {level}.",
                                      "max_length": 64, **({"required": True} if side == "request" else {})},
                    f"count_{level}": {"type": "integer", "doc": f"Count at level {level}.",
                                       "minimum": 0, "maximum": 100},
                    f"enabled_{level}": {"type": "boolean", "doc": f"Switch at level {level}."},
                }
                if level < depth:
                    fields[f"level_{level + 1}"] = {"ref": f"{noun}{i:04d}{prefix}L{level + 1}",
                                                    "doc": f"Level {level + 1}."}
                models[name] = {"doc": f"Level {level} of the {side}.", "fields": fields}
        params = {"project_id": PROJECT_ID, **MANAGED,
                  f"{low}_id": {"in": "path", "required": True, "type": "string",
                                "doc": f"ID of the {low}."}}
        body = {"fields": {
            "spec": {"ref": f"{noun}{i:04d}ReqL1", "required": True, "doc": "Specification."},
            "dry_run": {"type": "boolean", "doc": "Only check the request."},
        }}
        responses = {
            200: {"description": "OK", "body": {"fields": {
                "id": {"type": "string", "doc": "ID."},
                "spec": {"ref": f"{noun}{i:04d}RespL1", "doc": "Applied specification."},
            }}},
            400: BAD_REQUEST,
        }
        ops.append(operation(f"Configure{noun}{i:04d}", f"Configuring a {noun} ({i})", "PUT",
                             f"/v1/{{project_id}}/{low}s-{i}/{{{low}_id}}/config", params,
                             responses,
                             f"This API is used to configure a {low} (synthetic operation {i} of {n}).\n",
                             models=models, body=body))
    return service("deep-nested", n), ops


def shape_arrays_of_objects(n: int, rng: random.Random):
    """Responses made of arrays of objects that hold arrays themselves (objects in arrays in
    arrays, plus string arrays). Stands for EVS ListVolumes (volumes[].attachments[],
    links[]), ECS ListServersDetails (servers[].addresses{}[], volumes_attached[]), ELB
    ListLoadBalancers (listeners[], pools[].members[])."""
    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        p = f"{noun}{i:04d}"
        models = {
            f"{p}Port": {"doc": "A port.", "fields": {
                "port_id": {"type": "string", "doc": "Port ID."},
                "fixed_ips": {"type": "array", "items": {"type": "string"}, "doc": "Fixed IPs."},
            }},
            f"{p}Attachment": {"doc": "An attachment.", "fields": {
                "server_id": {"type": "string", "doc": "Server ID."},
                "device": {"type": "string", "doc": "Device name."},
                "ports": {"type": "array", "items": {"ref": f"{p}Port"}, "doc": "Ports."},
            }},
            f"{p}Tag": {"doc": "A tag.", "fields": {
                "key": {"type": "string", "required": True, "doc": "Tag key."},
                "values": {"type": "array", "items": {"type": "string"}, "doc": "Tag values."},
            }},
            f"{p}Link": {"doc": "A link.", "fields": {
                "href": {"type": "string", "doc": "Address."},
                "rel": {"type": "string", "doc": "Relation."},
            }},
            f"{p}Detail": {"doc": f"One {low}.", "fields": {
                "id": {"type": "string", "required": True, "doc": "ID."},
                "name": {"type": "string", "doc": "Name."},
                "attachments": {"type": "array", "items": {"ref": f"{p}Attachment"}, "doc": "Attachments."},
                "tags": {"type": "array", "items": {"ref": f"{p}Tag"}, "doc": "Tags."},
                "links": {"type": "array", "items": {"ref": f"{p}Link"}, "doc": "Links."},
                "zones": {"type": "array", "items": {"type": "string"}, "doc": "Zones."},
            }},
        }
        params = {"project_id": PROJECT_ID, "X-Auth-Token": MANAGED["X-Auth-Token"],
                  "limit": {"in": "query", "type": "integer", "doc": "Page size.", "minimum": 1,
                            "maximum": 1000}}
        responses = {
            200: {"description": "OK", "body": {"fields": {
                f"{low}s": {"type": "array", "items": {"ref": f"{p}Detail"}, "doc": f"The {low}s."},
                "links": {"type": "array", "items": {"ref": f"{p}Link"}, "doc": "Paging links."},
                "count": {"type": "integer", "doc": "Total."},
            }}},
            400: BAD_REQUEST,
        }
        ops.append(operation(f"List{noun}Details{i:04d}", f"Querying {noun} Details ({i})", "GET",
                             f"/v1/{{project_id}}/{low}s-{i}/detail", params, responses,
                             f"This API is used to query {low}s in detail (synthetic operation {i} of {n}).\n",
                             models=models))
    return service("arrays-of-objects", n), ops


def shape_wide_objects(n: int, rng: random.Random):
    """Flat but wide bodies: a POST whose request body has 30–45 fields and whose response has
    as many, of every scalar kind (length-limited strings, bounded integers and longs, a
    bounded double, booleans, string arrays, small closed enums) with a few required, and a
    nested object of 16 fields each side. Every struct has more fields than one tuple of
    `json::fields` slots holds (12), which the other shapes never reach. Stands for ECS
    ShowServer (a server of ~40 members), RDS CreateInstance and ShowInstance, CCE node
    specs, DCS instance details."""
    kinds = ["string", "integer", "long", "double", "boolean", "array", "enum"]

    def field(name, k, required):
        kind = kinds[k % len(kinds)]
        doc = f"The {name.replace('_', ' ')}."
        if kind == "string":
            f = {"type": "string", "doc": doc, "max_length": 32 + k}
        elif kind == "integer":
            f = {"type": "integer", "doc": doc, "minimum": 0, "maximum": 100 + k}
        elif kind == "long":
            f = {"type": "long", "doc": doc, "minimum": 1}
        elif kind == "double":
            f = {"type": "double", "doc": doc, "minimum": 0, "maximum": 1}
        elif kind == "boolean":
            f = {"type": "boolean", "doc": doc}
        elif kind == "array":
            f = {"type": "array", "items": {"type": "string"}, "doc": doc, "max_items": 20}
        else:
            f = {"type": "string", "doc": doc, "enum": [f"mode{v}" for v in range(3)]}
        if required:
            f["required"] = True
        return f

    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        p = f"{noun}{i:04d}"
        width = 30 + rng.randrange(16)
        models = {}
        for side, prefix in (("request", "Req"), ("response", "Resp")):
            models[f"{p}{prefix}Extra"] = {"doc": f"Further settings of the {side}.", "fields": {
                f"extra_{k}": field(f"extra_{k}", k, side == "request" and k < 2)
                for k in range(16)}}
        req = {f"{low}_attr_{k}": field(f"{low}_attr_{k}", k, k < 3) for k in range(width)}
        req["extra"] = {"ref": f"{p}ReqExtra", "doc": "Further settings."}
        resp = {f"{low}_prop_{k}": field(f"{low}_prop_{k}", k + 1, False) for k in range(width)}
        resp["extra"] = {"ref": f"{p}RespExtra", "doc": "Further settings."}
        params = {"project_id": PROJECT_ID, **MANAGED, "X-Language": X_LANGUAGE}
        responses = {
            200: {"description": "OK", "body": {"fields": resp}},
            400: BAD_REQUEST,
        }
        ops.append(operation(f"Create{noun}{i:04d}", f"Creating a {noun} ({i})", "POST",
                             f"/v1/{{project_id}}/{low}s-{i}", params, responses,
                             f"This API is used to create a {low} (synthetic operation {i} of {n}).\n",
                             models=models, body={"fields": req}))
    return service("wide-objects", n), ops


def shape_many_enums(n: int, rng: random.Random):
    """Most fields enums: closed enums on the request side (a query parameter, a header and
    body fields; lists and value→meaning mappings, some with defaults) and open enums on the
    response side (decoded with an `Unknown(String)` fallback). Stands for DRS CreateJob
    (db_type, engine_type, net_type, job_direction, task_type), RDS CreateInstance (ha mode,
    volume type, replication mode), Cloud Eye alarm rules (comparison operators, filters)."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
             "kappa", "lambda", "mu"]

    def enum_field(name, k, mapping, default=False):
        values = words[k % 4:k % 4 + 3 + k % 5]
        field = {"type": "string", "doc": f"The {name}."}
        field["enum"] = {v: f"Use {v}." for v in values} if mapping else list(values)
        if default:
            field["default"] = values[0]
        return field

    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        params = {"project_id": PROJECT_ID, **MANAGED, "X-Language": X_LANGUAGE,
                  "mode": {"in": "query", "type": "string", "doc": "Mode.",
                           "enum": ["sync", "async"], "default": "sync"}}
        req = {}
        for k, name in enumerate(["engine", "direction", "net_type", "task_type", "tier",
                                  "region_kind", "replication", "charging"]):
            req[name] = enum_field(name, k + i, mapping=k % 2 == 0, default=k % 3 == 0)
        req["engine"]["required"] = True
        req["name"] = {"type": "string", "required": True, "doc": "Name.", "max_length": 64}
        req["size"] = {"type": "integer", "doc": "Size.", "minimum": 1, "maximum": 1000}
        resp = {}
        for k, name in enumerate(["status", "engine", "phase", "health", "tier", "charging",
                                  "progress_state", "role"]):
            resp[name] = enum_field(name, k + 2 * i, mapping=k % 2 == 1)
        resp["id"] = {"type": "string", "doc": "ID."}
        resp["name"] = {"type": "string", "doc": "Name."}
        responses = {200: {"description": "OK", "body": {"fields": resp}}, 400: BAD_REQUEST}
        ops.append(operation(f"Create{noun}Job{i:04d}", f"Creating a {noun} Job ({i})", "POST",
                             f"/v1/{{project_id}}/{low}-jobs-{i}", params, responses,
                             f"This API is used to create a {low} job (synthetic operation {i} of {n}).\n",
                             body={"fields": req}))
    return service("many-enums", n), ops


LOREM = ("The value is checked by the server before the request is accepted, and a request "
         "that breaks the rule is answered with status 400 and the error code named in the "
         "error code list. Values that were valid when the resource was created stay valid "
         "afterwards, even where the rule has since become stricter.")
LOREM2 = ("Where the resource belongs to an enterprise project, the caller needs permission "
          "on that project as well; see the permission policies of the service for the "
          "actions involved. The value is returned as it was set, in the same letter case.")


def long_doc(what: str, rng: random.Random, paragraphs: int = 3) -> str:
    parts = [f"{what}."] + [rng.choice([LOREM, LOREM2]) for _ in range(paragraphs - 1)]
    return "\n\n".join(parts) + "\n"


def shape_long_docs(n: int, rng: random.Random):
    """The synthetic operation's content with multi-paragraph descriptions on every operation
    (with a bullet list), parameter and field. Stands for real Huawei Cloud reference pages,
    whose descriptions carry notes, constraints in prose and permission remarks (DRS, RDS,
    EVS pages run to several paragraphs per field)."""
    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        p = f"{noun}{i:04d}"
        d = lambda what: long_doc(what, rng)  # noqa: E731
        params = {
            "project_id": {**PROJECT_ID, "doc": d("Project ID of a tenant in a region")},
            f"{low}_id": {"in": "path", "required": True, "type": "string", "doc": d(f"ID of the {low}")},
            **MANAGED,
            "X-Language": {**X_LANGUAGE, "doc": d("Request language type")},
        }
        models = {
            f"{p}Config": {"doc": d(f"Settings of the {low}"), "fields": {
                "flavor": {"type": "string", "required": True, "doc": d("Flavor name"), "max_length": 32},
                "replicas": {"type": "integer", "doc": d("Number of replicas"), "minimum": 1, "maximum": 16},
                "zone": {"type": "string", "doc": d("Availability zone")},
            }},
            f"{p}Item": {"doc": d(f"One entry of the {low}'s items"), "fields": {
                "key": {"type": "string", "doc": d("Item key")},
                "value": {"type": "string", "doc": d("Item value")},
                "weight": {"type": "long", "doc": d("Item weight")},
            }},
        }
        body = {"fields": {
            "name": {"type": "string", "required": True, "doc": d(f"Name of the {low}"),
                     "min_length": 1, "max_length": 64},
            "size": {"type": "integer", "doc": d("Size in GB"), "minimum": 1, "maximum": 32768},
            "enabled": {"type": "boolean", "doc": d(f"Whether the {low} is enabled")},
            "tags": {"type": "array", "items": {"type": "string"}, "doc": d(f"Tags of the {low}"), "max_items": 20},
            "mode": {"type": "string", "required": True, "doc": d("Operating mode"),
                     "enum": {"fast": "Prefer speed.", "safe": "Prefer safety.", "balanced": "Balance both."}},
            "config": {"ref": f"{p}Config", "doc": d("Settings")},
        }}
        responses = {
            201: {"description": "Created", "body": {"fields": {
                "id": {"type": "string", "doc": d(f"ID of the {low}")},
                "name": {"type": "string", "doc": d(f"Name of the {low}")},
                "status": {"type": "string", "doc": d("Status"), "enum": ["pending", "running", "failed", "done"]},
                "size": {"type": "long", "doc": d("Size in bytes")},
                "created_at": {"type": "string", "doc": d("Creation time")},
                "items": {"type": "array", "items": {"ref": f"{p}Item"}, "doc": d(f"Items of the {low}")},
            }}},
            400: BAD_REQUEST,
        }
        description = (f"This API is used to create a {low} (synthetic operation {i} of {n}).\n\n"
                       + LOREM + "\n\n" + "• The name must be unique in the project.\n"
                       "• At most 100 of them can exist in one project.\n\n" + LOREM2 + "\n")
        ops.append(operation(f"Create{p}", f"Creating a {noun} ({i})", "POST",
                             f"/v1/{{project_id}}/{low}s-{i}/{{{low}_id}}/create", params,
                             responses, description, models=models, body=body))
    return service("long-docs", n), ops


def shape_shared_models(n: int, rng: random.Random):
    """A few models in service.yaml (paging, tags, links, a resource reference, quotas and a
    status enum) referenced by every operation, with little of each operation's own. Stands
    for OpenStack-style services and tag/quota APIs: EVS and ECS `Link`, `Tag`, `PageInfo`
    shared by dozens of list calls, TMS `ResourceTag`, IAM's shared project and domain refs."""
    shared = {
        "PageInfo": {"doc": "Paging of a list.", "fields": {
            "next_marker": {"type": "string", "doc": "Marker of the next page."},
            "current_count": {"type": "integer", "required": True, "doc": "Items on this page."},
        }},
        "Tag": {"doc": "A resource tag.", "fields": {
            "key": {"type": "string", "required": True, "doc": "Tag key.", "max_length": 128},
            "value": {"type": "string", "doc": "Tag value.", "max_length": 255},
        }},
        "Link": {"doc": "A link to a resource.", "fields": {
            "href": {"type": "string", "required": True, "doc": "Address."},
            "rel": {"type": "string", "doc": "Relation."},
        }},
        "ResourceRef": {"doc": "A reference to another resource.", "fields": {
            "id": {"type": "string", "required": True, "doc": "ID."},
            "name": {"type": "string", "doc": "Name."},
            "links": {"type": "array", "items": {"ref": "Link"}, "doc": "Links."},
        }},
        "Quota": {"doc": "A quota.", "fields": {
            "type": {"type": "string", "doc": "Quota type."},
            "used": {"type": "integer", "doc": "Used."},
            "quota": {"type": "integer", "doc": "Limit."},
        }},
        "ResourceStatus": {"doc": "Status of a resource.",
                           "enum": ["creating", "available", "error", "deleting"]},
    }
    ops = []
    for i in range(n):
        noun = noun_of(i)
        low = noun.lower()
        params = {"project_id": PROJECT_ID, **MANAGED}
        if i % 2 == 0:
            method, op_id, path = "POST", f"Tag{noun}{i:04d}", f"/v1/{{project_id}}/{low}s-{i}/tags"
            body = {"fields": {
                "tags": {"type": "array", "items": {"ref": "Tag"}, "required": True, "doc": "Tags to add."},
                "resource": {"ref": "ResourceRef", "doc": "The resource."},
            }}
            resp = {"resource": {"ref": "ResourceRef", "doc": "The resource."},
                    "tags": {"type": "array", "items": {"ref": "Tag"}, "doc": "Tags now."},
                    "status": {"ref": "ResourceStatus", "doc": "Status."}}
        else:
            method, op_id, path = "GET", f"List{noun}Refs{i:04d}", f"/v1/{{project_id}}/{low}s-{i}"
            body = None
            params = {"project_id": PROJECT_ID, "X-Auth-Token": MANAGED["X-Auth-Token"],
                      "marker": {"in": "query", "type": "string", "doc": "Marker."}}
            resp = {"items": {"type": "array", "items": {"ref": "ResourceRef"}, "doc": "Items."},
                    "page_info": {"ref": "PageInfo", "doc": "Paging."},
                    "quotas": {"type": "array", "items": {"ref": "Quota"}, "doc": "Quotas."},
                    "links": {"type": "array", "items": {"ref": "Link"}, "doc": "Links."}}
        responses = {200: {"description": "OK", "body": {"fields": resp}}, 400: BAD_REQUEST}
        ops.append(operation(op_id, f"{op_id} ({i})", method, path, params, responses,
                             f"Synthetic operation {i} of {n} over the shared models.\n",
                             body=body))
    return service("shared-models", n, shared), ops


def imported_operation(i: int, n: int) -> dict:
    """The content #17 measured (what synth.py writes): a required length-limited name, a
    bounded integer, a boolean, a string array, an enum and a nested object per request body;
    six response fields including an array of objects; two path parameters; an enum header."""
    verb, method, status = synth.VERBS[i % len(synth.VERBS)]
    noun = synth.NOUNS[(i // len(synth.VERBS)) % len(synth.NOUNS)]
    low = noun.lower()
    p = f"{noun}{i:04d}"
    params = {
        "project_id": {"in": "path", "required": True, "type": "string",
                       "doc": "Project ID of a tenant in a region."},
        f"{low}_id": {"in": "path", "required": True, "type": "string", "doc": f"ID of the {low}."},
        **MANAGED,
        "X-Language": X_LANGUAGE,
    }
    models = {
        f"{p}Config": {"doc": f"Settings of the {low}.", "fields": {
            "flavor": {"type": "string", "required": True, "doc": "Flavor name.", "max_length": 32},
            "replicas": {"type": "integer", "doc": "Number of replicas.", "minimum": 1, "maximum": 16},
            "zone": {"type": "string", "doc": "Availability zone."},
        }},
        f"{p}Item": {"doc": f"One entry of the {low}'s items.", "fields": {
            "key": {"type": "string", "doc": "Item key."},
            "value": {"type": "string", "doc": "Item value."},
            "weight": {"type": "long", "doc": "Item weight."},
        }},
    }
    body = {"fields": {
        "name": {"type": "string", "required": True, "doc": f"Name of the {low}.",
                 "min_length": 1, "max_length": 64},
        "size": {"type": "integer", "doc": "Size in GB.", "minimum": 1, "maximum": 32768},
        "enabled": {"type": "boolean", "doc": f"Whether the {low} is enabled."},
        "tags": {"type": "array", "items": {"type": "string"}, "doc": f"Tags of the {low}.",
                 "min_items": 0, "max_items": 20},
        "mode": {"type": "string", "required": True, "doc": "Operating mode.",
                 "enum": {"fast": "Prefer speed.", "safe": "Prefer safety.", "balanced": "Balance both."}},
        "config": {"ref": f"{p}Config", "doc": "Settings."},
    }}
    responses = {
        status: {"description": "OK", "body": {"fields": {
            "id": {"type": "string", "doc": f"ID of the {low}."},
            "name": {"type": "string", "doc": f"Name of the {low}."},
            "status": {"type": "string", "doc": "Status.", "enum": ["pending", "running", "failed", "done"]},
            "size": {"type": "long", "doc": "Size in bytes."},
            "created_at": {"type": "string", "doc": "Creation time."},
            "items": {"type": "array", "items": {"ref": f"{p}Item"}, "doc": f"Items of the {low}."},
        }}},
        400: {"description": "Bad Request", "body": {"fields": ERROR_MODEL["fields"]}},
    }
    return operation(f"{verb}{p}", f"{verb} a {noun} ({i})", method,
                     f"/v1/{{project_id}}/{low}s-{i}/{{{low}_id}}/{verb.lower()}", params,
                     responses,
                     f"This API is used to {verb.lower()} a {low} (synthetic operation {i} of {n}).\n",
                     models=models, body=body)


def shape_imported(n: int, rng: random.Random):
    """Specs built the way users build them: the synthetic operation's content (see
    `imported_operation`) rendered as reference pages, plain text and Markdown alternately,
    and imported in bulk with `specgen import`. Stands for every service whose specs come
    from its pages (EVS, DRS, the corpus services): what the importer writes (its names,
    its docs, its shared models in service.yaml) is what the generator then sees."""
    return None, [imported_operation(i, n) for i in range(n)]


SHAPES = {
    "synth": shape_synth,
    "query-heavy": shape_query_heavy,
    "deep-nested": shape_deep_nested,
    "arrays-of-objects": shape_arrays_of_objects,
    "many-enums": shape_many_enums,
    "wide-objects": shape_wide_objects,
    "long-docs": shape_long_docs,
    "shared-models": shape_shared_models,
    "imported": shape_imported,
}

# Committed services measured as rows of their own (#17: a real service beside the synthetic
# shapes): shape name -> directory under spec/. The whole service is one row, at N = its
# operation count; bench/table.py judges it against the N=100 targets.
SERVICES = {
    "evs": "evs",
}


def service_of(shape: str):
    """(service name, operation count) of a committed-service shape, None for a synthetic one."""
    if shape not in SERVICES:
        return None
    directory = ROOT / "spec" / SERVICES[shape]
    return directory.name, len(list((directory / "operations").glob("*.yaml")))


def all_shapes() -> list:
    return list(SHAPES) + list(SERVICES)


# --- YAML ------------------------------------------------------------------------------------------

PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def scalar(value) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    # JSON strings are YAML double-quoted scalars
    return json.dumps(value, ensure_ascii=False)


def key(k) -> str:
    if isinstance(k, int):
        return str(k)
    return k if PLAIN_KEY.match(k) and k.lower() not in RESERVED else json.dumps(k, ensure_ascii=False)


def to_yaml(value, indent: int = 0) -> str:
    pad = "  " * indent
    out = []
    for k, v in value.items():
        if isinstance(v, dict) and v:
            out.append(f"{pad}{key(k)}:\n{to_yaml(v, indent + 1)}")
        elif isinstance(v, list):
            out.append(f"{pad}{key(k)}: [{', '.join(scalar(x) for x in v)}]\n")
        else:
            out.append(f"{pad}{key(k)}: {scalar(v)}\n")
    return "".join(out)


def write_spec(out: Path, svc: dict, ops) -> None:
    service_dir = out / "bench"
    (service_dir / "operations").mkdir(parents=True)
    (service_dir / "service.yaml").write_text(to_yaml(svc))
    for op in ops:
        (service_dir / "operations" / f"{snake(op['id'])}.yaml").write_text(to_yaml(op))


# --- pages for `imported` --------------------------------------------------------------------------

def page_type(field: dict) -> str:
    if "ref" in field:
        return f"{field['ref']} object"
    kind = field.get("type", "string")
    if kind == "array":
        items = field["items"]
        return f"Array of {items['ref']} objects" if "ref" in items else f"Array of {items.get('type', 'string')}s"
    return {"string": "String", "integer": "Integer", "long": "Long", "boolean": "Boolean"}[kind]


def page_cell_blocks(field: dict):
    """The description cell of a row: paragraphs, and the enum as (intro, bullets)."""
    blocks = [field["doc"].strip()]
    if "default" in field:
        blocks.append(f"Default value: {field['default']}")
    for spec_key, label in (("min_length", "Minimum length"), ("max_length", "Maximum length"),
                            ("minimum", "Minimum"), ("maximum", "Maximum")):
        if spec_key in field:
            blocks.append(f"{label}: {field[spec_key]}")
    if "max_items" in field:
        blocks.append(f"Array Length: {field.get('min_items', 0)} - {field['max_items']}")
    if "enum" in field:
        enum = field["enum"]
        items = [f"{v}: {m}" for v, m in enum.items()] if isinstance(enum, dict) else list(enum)
        blocks.append(("Enumerated values:", items))
    return blocks


def page_tables(op: dict):
    """(caption, header, rows) of every table of the page, in page order, and the statuses."""
    tables = []
    models = op.get("models", {})
    params = op["params"]
    yes = lambda f: "Yes" if f.get("required") else "No"  # noqa: E731
    path = [(k, yes(v), page_type(v), page_cell_blocks(v)) for k, v in params.items() if v["in"] == "path"]
    tables.append(("URI", "Path parameters", ["Parameter", "Mandatory", "Type", "Description"], path))
    headers = [(k, yes(v), page_type(v), page_cell_blocks(v)) for k, v in params.items() if v["in"] == "header"]
    tables.append(("Request Parameters", "Request header parameters",
                   ["Parameter", "Mandatory", "Type", "Description"], headers))
    used = []

    def fields_rows(fields, mandatory):
        rows = []
        for k, v in fields.items():
            ref = v.get("ref") or v.get("items", {}).get("ref")
            if ref and ref not in used:
                used.append(ref)
            row = (k, yes(v), page_type(v), page_cell_blocks(v)) if mandatory else (k, page_type(v), page_cell_blocks(v))
            rows.append(row)
        return rows

    head4 = ["Parameter", "Mandatory", "Type", "Description"]
    head3 = ["Parameter", "Type", "Description"]
    tables.append((None, "Request body parameters", head4, fields_rows(op["request"]["body"]["fields"], True)))
    for name in list(used):
        tables.append((None, name, head4, fields_rows(models[name]["fields"], True)))
    first = True
    for status, response in op["responses"].items():
        used.clear()
        tables.append(("Response Parameters" if first else None, f"@Status code: {status}", None, None))
        first = False
        tables.append((None, "Response body parameters", head3, fields_rows(response["body"]["fields"], False)))
        for name in list(used):
            tables.append((None, name, head3, fields_rows(models[name]["fields"], False)))
    return tables


def render_text(op: dict) -> str:
    out = [op["title"], "Function", op["description"].strip(), "URI", f"{op['method']} {op['path']}"]
    number = 0
    for section, caption, header, rows in page_tables(op):
        if section:
            out.append(section)
        if caption.startswith("@"):
            out.append(caption[1:])
            continue
        number += 1
        out.append(f"Table {number} {caption}")
        out.extend(header)
        for row in rows:
            *cells, blocks = row
            out.extend(cells)
            for block in blocks:
                if isinstance(block, tuple):
                    out.append(block[0] + "\n\n" + "\n".join(f"  • {item}" for item in block[1]))
                else:
                    out.append(block)
    out.append("Status Code")
    out.extend(["Status Code", "Description"])
    for status, response in op["responses"].items():
        out.extend([str(status), response["description"]])
    return "\n\n".join(out) + "\n"


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(op: dict) -> str:
    out = [f"# {op['title']}", "## Function", op["description"].strip(), "## URI",
           f"{op['method']} {op['path']}"]
    number = 0
    for section, caption, header, rows in page_tables(op):
        if section and section != "URI":
            out.append(f"## {section}")
        if caption.startswith("@"):
            out.append(caption[1:])
            continue
        number += 1
        out.append(f"**Table {number}** {caption}")
        html = ["<table><thead align=\"left\"><tr>"]
        html += [f"<th><p>{h}</p></th>" for h in header]
        html.append("</tr></thead><tbody>")
        for row in rows:
            *cells, blocks = row
            html.append("<tr>" + "".join(f"<td><p>{html_escape(c)}</p></td>" for c in cells) + "<td>")
            for block in blocks:
                if isinstance(block, tuple):
                    html.append(f"<p>{html_escape(block[0])}</p><ul>"
                                + "".join(f"<li>{html_escape(item)}</li>" for item in block[1]) + "</ul>")
                else:
                    html.append(f"<p>{html_escape(block)}</p>")
            html.append("</td></tr>")
        html.append("</tbody></table>")
        out.append("\n".join(html))
    out.append("## Status Code")
    out.append("| Status Code | Description |\n| --- | --- |\n" + "\n".join(
        f"| {status} | {response['description']} |" for status, response in op["responses"].items()))
    return "\n\n".join(out) + "\n"


def write_imported(n: int, out: Path, pages: Path, specgen: str) -> None:
    ops = shape_imported(n, random.Random())[1]
    source = out.parent / (out.name + ".source")
    for d in (pages, source):
        if d.exists():
            shutil.rmtree(d)
    pages.mkdir(parents=True)
    ids = {}
    for i, op in enumerate(ops):
        if i % 2 == 0:
            name, text = f"{snake(op['id'])}.txt", render_text(op)
        else:
            name, text = f"{snake(op['id'])}.md", render_markdown(op)
        (pages / name).write_text(text)
        ids[name] = {"id": op["id"], "doc": op["doc_url"]}
    ids_file = pages.parent / (pages.name + ".ids.yaml")
    ids_file.write_text(to_yaml(ids))
    # What the pages say, as a spec: check_shapes.py compares the import's OpenAPI export
    # with this one's.
    source_svc = service("imported", n)
    write_spec(source, source_svc, ops)
    out.mkdir(parents=True)
    result = subprocess.run([specgen, "import", str(pages), "--service", "bench", "--spec", str(out),
                             "--ids", str(ids_file), "--report"],
                            capture_output=True, text=True)
    (out.parent / (out.name + ".import.log")).write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        sys.exit(f"shapes.py: specgen import of {pages} failed (exit {result.returncode}):\n"
                 + (result.stdout + result.stderr)[-4000:])


def write(shape: str, n: int, out: Path, specgen=None, pages=None) -> None:
    if out.exists():
        shutil.rmtree(out)
    if shape in SERVICES:
        name, count = service_of(shape)
        if n != count:
            sys.exit(f"shapes.py: {shape} is the committed service spec/{SERVICES[shape]}: "
                     f"N is its operation count, {count} (got {n})")
        shutil.copytree(ROOT / "spec" / SERVICES[shape], out / name)
        return
    if shape == "synth":
        synth.write(n, out)
        return
    if shape == "imported":
        if not specgen:
            sys.exit("shapes.py: the imported shape needs --specgen PATH (it runs `specgen import`)")
        write_imported(n, out, pages or out.parent / (out.name + ".pages"), specgen)
        return
    rng = random.Random(f"{shape}-{n}")
    svc, ops = SHAPES[shape](n, rng)
    write_spec(out, svc, ops)


def main() -> None:
    args = sys.argv[1:]
    if args == ["list"]:
        print("\n".join(all_shapes()))
        return
    if len(args) == 2 and args[0] == "service":
        if args[1] not in all_shapes():
            sys.exit(f"shapes.py: unknown shape {args[1]!r}; shapes: {', '.join(all_shapes())}")
        info = service_of(args[1])
        if info:
            print(f"{info[0]} {info[1]}")
        return
    opts = {}
    while len(args) > 3 and args[-2] in ("--specgen", "--pages"):
        opts[args[-2]] = args[-1]
        args = args[:-2]
    if len(args) != 3 or args[0] not in all_shapes() or not args[1].isdigit() or int(args[1]) < 1:
        sys.exit("usage: shapes.py SHAPE N OUT_DIR [--specgen PATH] [--pages DIR]   (N >= 1)\n"
                 "       shapes.py list | shapes.py service SHAPE\nshapes: " + ", ".join(all_shapes()))
    pages = Path(opts["--pages"]) if "--pages" in opts else None
    write(args[0], int(args[1]), Path(args[2]), opts.get("--specgen"), pages)


if __name__ == "__main__":
    main()
