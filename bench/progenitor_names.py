#!/usr/bin/env python3
"""Makes progenitor's copy of an OpenAPI document compile: renames parameters whose names
differ only in punctuation or case.

    python3 bench/progenitor_names.py API.json

progenitor 0.15.1 turns each parameter name into a Rust identifier by dropping punctuation and
lower-casing it, so two parameters of one operation such as EVS's Cinder v3 query parameters
`name` and `name~` (also `status~`, `volume_id~`) become one Rust parameter twice, and its
crate does not compile (E0415, identifier bound more than once). The later of two such
parameters is renamed (`name~` -> `name_2`) in the document progenitor reads; this changes no
amount of code. The file is rewritten only when something was renamed, so the documents of the
synthetic shapes (which have no such pair) keep their bytes, and with them the SHA-256 that
keys progenitor's cached numbers (bench/run). Prints the number of renamed parameters on
stderr.
"""

import json
import re
import sys


def key(name: str) -> str:
    """What progenitor makes of a parameter name, for telling two of them apart."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def rename(document: dict) -> int:
    renamed = 0
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            seen = set()
            for parameter in operation.get("parameters", []):
                if "name" not in parameter:
                    continue  # a $ref to components/parameters: named there
                while key(parameter["name"]) in seen:
                    parameter["name"] = re.sub(r"[^A-Za-z0-9_]", "", parameter["name"]) + "_2"
                    renamed += 1
                seen.add(key(parameter["name"]))
    return renamed


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: progenitor_names.py API.json")
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    renamed = rename(document)
    if renamed:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False)
    print(f"progenitor's copy of {path}: {renamed} parameter(s) renamed", file=sys.stderr)


if __name__ == "__main__":
    main()
