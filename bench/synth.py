#!/usr/bin/env python3
"""Writes a synthetic spec directory for the benchmarks: one service `bench` with N operations.

    python3 bench/synth.py N OUT_DIR

OUT_DIR/bench/service.yaml and OUT_DIR/bench/operations/*.yaml are written (OUT_DIR is emptied
first). The output depends on N only: the same N gives the same bytes.

Each operation has two path parameters (`project_id` from the project, plus its own resource
id), the `X-Language` header enum, a JSON request body of six fields (string, length-limited
string, integer with a range, boolean, array of strings, string enum, and a nested object that
is an operation-level model), a 2xx body of six fields including an array of objects (another
operation-level model) and a 400 answered with the shared `BenchError`.
"""

import shutil
import sys
from pathlib import Path

NOUNS = ["Widget", "Gadget", "Volume", "Bucket", "Cluster", "Instance", "Snapshot", "Backup",
         "Topic", "Queue", "Gateway", "Listener", "Policy", "Template", "Endpoint", "Certificate"]
VERBS = [("Create", "POST", 201), ("Update", "PUT", 200), ("Resize", "POST", 202),
         ("Configure", "PUT", 200), ("Attach", "POST", 200)]

SERVICE = """\
# Synthetic benchmark service (bench/synth.py): what every operation shares.
name: bench
title: Benchmark Service
crate: huaweicloud-sdk-bench
version: 0.1.0
description: |
  A synthetic service with {n} generated operations, for measuring the generator.
endpoint: https://bench.{{region}}.example.com
scope: project
regions:
  - ap-southeast-1
  - cn-north-4
  - eu-west-101
region_endpoints:
  eu-west-101: https://bench.eu-west-101.example.eu
auth: [token, aksk]

error:
  model: BenchError
  code: error_code
  message: error_msg

models:
  BenchError:
    doc: Error body of a failed request.
    fields:
      error_code:
        type: string
        doc: Error code.
        min_length: 12
        max_length: 12
      error_msg:
        type: string
        doc: Error message.
        min_length: 1
        max_length: 512
"""

OPERATION = """\
id: {id}
title: {title}
doc_url: https://example.com/bench/{file}.html
description: |
  This API is used to {verb_l} a {noun_l} (synthetic operation {i} of {n}).
method: {method}
path: /v1/{{project_id}}/{noun_l}s-{i}/{{{noun_l}_id}}/{verb_l}

params:
  project_id:
    in: path
    required: true
    from: project
    type: string
    doc: Project ID of a tenant in a region.
  {noun_l}_id:
    in: path
    required: true
    type: string
    doc: ID of the {noun_l}.
  Content-Type:
    in: header
    required: true
    managed: true
    type: string
    doc: MIME type of the request body.
  X-Auth-Token:
    in: header
    required: true
    managed: true
    type: string
    doc: User token obtained from IAM.
  X-Language:
    in: header
    type: string
    doc: Request language type.
    default: en-us
    enum: [en-us, zh-cn]

models:
  {model}Config:
    doc: Settings of the {noun_l}.
    fields:
      flavor:
        type: string
        required: true
        doc: Flavor name.
        max_length: 32
      replicas:
        type: integer
        doc: Number of replicas.
        minimum: 1
        maximum: 16
      zone:
        type: string
        doc: Availability zone.
  {model}Item:
    doc: One entry of the {noun_l}'s items.
    fields:
      key:
        type: string
        doc: Item key.
      value:
        type: string
        doc: Item value.
      weight:
        type: long
        doc: Item weight.

request:
  content_type: application/json
  body:
    fields:
      name:
        type: string
        required: true
        doc: Name of the {noun_l}.
        min_length: 1
        max_length: 64
      size:
        type: integer
        doc: Size in GB.
        minimum: 1
        maximum: 32768
      enabled:
        type: boolean
        doc: Whether the {noun_l} is enabled.
      tags:
        type: array
        items: {{type: string}}
        doc: Tags of the {noun_l}.
        max_items: 20
      mode:
        type: string
        required: true
        doc: Operating mode.
        enum:
          fast: Prefer speed.
          safe: Prefer safety.
          balanced: Balance both.
      config:
        ref: {model}Config
        doc: Settings.

responses:
  {status}:
    description: OK
    body:
      fields:
        id:
          type: string
          doc: ID of the {noun_l}.
        name:
          type: string
          doc: Name of the {noun_l}.
        status:
          type: string
          doc: Status.
          enum: [pending, running, failed, done]
        size:
          type: long
          doc: Size in bytes.
        created_at:
          type: string
          doc: Creation time.
        items:
          type: array
          items: {{ref: {model}Item}}
          doc: Items of the {noun_l}.
  400:
    description: Bad Request
    body: {{ref: BenchError}}
"""


def snake(name: str) -> str:
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index > 0:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def write(n: int, out: Path) -> None:
    service_dir = out / "bench"
    if out.exists():
        shutil.rmtree(out)
    (service_dir / "operations").mkdir(parents=True)
    (service_dir / "service.yaml").write_text(SERVICE.format(n=n))
    for i in range(n):
        verb, method, status = VERBS[i % len(VERBS)]
        noun = NOUNS[(i // len(VERBS)) % len(NOUNS)]
        op_id = f"{verb}{noun}{i:04d}"
        file = f"{snake(verb + noun)}{i:04d}"
        text = OPERATION.format(
            id=op_id,
            title=f"{verb} a {noun} ({i})",
            file=file,
            verb_l=verb.lower(),
            noun_l=noun.lower(),
            i=i,
            n=n,
            method=method,
            model=f"{noun}{i:04d}",
            status=status,
        )
        (service_dir / "operations" / f"{file}.yaml").write_text(text)


def main() -> None:
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: synth.py N OUT_DIR   (N >= 1)")
    write(int(sys.argv[1]), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
