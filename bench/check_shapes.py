#!/usr/bin/env python3
"""Checks every benchmark shape (bench/shapes.py) at a small size; run by `bench/run --quick`.

    python3 bench/check_shapes.py --specgen PATH [--n 10] [--work DIR] [SHAPE...]

For each shape: the spec directory is written twice and must be the same bytes both times
(the shapes are deterministic), and `specgen validate` must accept it. For `imported`, also:
`specgen import` must have imported every page (one `imported` line per page, no `failed`,
`same operation` or gap), and the imported service must say what the pages say: its OpenAPI
3.0 export (`specgen openapi`) is compared with the export of the spec the pages were rendered
from, on what a client depends on (paths, methods, parameters with their location,
requiredness and schema, request and response body schemas with every `$ref` resolved,
statuses). Names of models and texts are not compared: the importer names nested tables
after their captions and writes descriptions as the page prints them. Exit status 1 on any
failure, naming the shape and the difference.

A committed service (`evs`, see shapes.SERVICES) is checked at its own N (its operation
count) whatever --n says: its copy must be deterministic and valid too.
"""

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import shapes  # noqa: E402

# Keys of an OpenAPI document that are text or naming, not the API's shape.
IGNORED = {"description", "summary", "title", "example", "examples", "externalDocs", "tags",
           "x-specgen", "deprecated"}


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True)


def same_tree(a: Path, b: Path) -> list:
    """Files that differ between two directory trees (by relative path)."""
    diff = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, Path())]
    while stack:
        node, rel = stack.pop()
        diff += [str(rel / f) for f in node.left_only + node.right_only + node.diff_files + node.funny_files]
        # dircmp compares shallowly by stat; compare bytes of the common files
        for f in node.same_files:
            if (Path(node.left) / f).read_bytes() != (Path(node.right) / f).read_bytes():
                diff.append(str(rel / f))
        stack += [(sub, rel / name) for name, sub in node.subdirs.items()]
    return sorted(diff)


def normalize(node, components, seen=()):
    """The document's node with every $ref resolved and text keys dropped."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                return {"$recursive": True}
            return normalize(components[name], components, seen + (name,))
        out = {}
        for k, v in node.items():
            if k in IGNORED or k.startswith("x-"):
                continue
            # an array without a lower bound and one with `minItems: 0` accept the same
            if k == "minItems" and v == 0:
                continue
            out[k] = normalize(v, components, seen)
        return out
    if isinstance(node, list):
        return [normalize(v, components, seen) for v in node]
    return node


def api_of(document: dict) -> dict:
    components = document.get("components", {}).get("schemas", {})
    api = {}
    for path, item in document.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            params = sorted((normalize(p, components) for p in op.get("parameters", [])),
                            key=lambda p: (p.get("in", ""), p.get("name", "")))
            api[(path, method)] = {
                "operationId": op.get("operationId"),
                "parameters": params,
                "requestBody": normalize(op.get("requestBody"), components),
                "responses": normalize(op.get("responses"), components),
            }
    return api


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {'the pages' if k in a else 'the import'}: {json.dumps(a.get(k, b.get(k)))[:200]}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}: {json.dumps(a)[:300]} != {json.dumps(b)[:300]}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{where}: {json.dumps(a)[:200]} != {json.dumps(b)[:200]}"


def export(specgen, spec: Path, out: Path) -> dict:
    result = run(specgen, "openapi", "--spec", spec, "--service", "bench", "--openapi", "3.0", "--out", out)
    if result.returncode != 0:
        raise SystemExit(f"specgen openapi --spec {spec} failed:\n{result.stderr}")
    return json.loads(out.read_text())


def check_imported(specgen, n: int, spec: Path) -> list:
    problems = []
    log = (spec.parent / (spec.name + ".import.log")).read_text()
    pages = sorted(p.name for p in (spec.parent / (spec.name + ".pages")).iterdir())
    lines = log.splitlines()
    # `specgen import` prints one line per page, starting with what became of it
    outcomes = ("imported ", "skipped ", "same operation as ", "failed ")
    for page in pages:
        said = [o.strip() for line in lines for o in outcomes
                if line.startswith(o) and (f"/{page} " in line or f"/{page}:" in line or line.endswith(f"/{page}"))]
        if said != ["imported"]:
            problems.append(f"page {page}: {', '.join(said) or 'no line in the import log'} (expected: imported)")
    gaps = [line for line in lines if "gap[" in line.lower()]
    problems += [f"gap: {line.strip()}" for line in gaps[:10]]
    written = sorted((spec / "bench" / "operations").glob("*.yaml"))
    if len(written) != n:
        problems.append(f"{len(written)} operation specs imported from {n} pages")
    source = spec.parent / (spec.name + ".source")
    pages_api = api_of(export(specgen, source, spec.parent / (spec.name + ".source.json")))
    import_api = api_of(export(specgen, spec, spec.parent / (spec.name + ".import.json")))
    if set(pages_api) != set(import_api):
        problems.append(f"operations differ: only on the pages {sorted(set(pages_api) - set(import_api))}, "
                        f"only in the import {sorted(set(import_api) - set(pages_api))}")
    for key in sorted(set(pages_api) & set(import_api)):
        d = first_difference(pages_api[key], import_api[key], f"{key[1].upper()} {key[0]}")
        if d:
            problems.append(f"round trip: {d}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--specgen", required=True)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--work", default=str(BENCH / "work" / "check-shapes"))
    parser.add_argument("shapes", nargs="*", default=shapes.all_shapes())
    args = parser.parse_args()
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    failed = 0
    for shape in args.shapes:
        if shape not in shapes.all_shapes():
            raise SystemExit(f"check_shapes.py: unknown shape {shape!r}; shapes: {', '.join(shapes.all_shapes())}")
        service, n = shapes.service_of(shape) or ("bench", args.n)
        problems = []
        first, second = work / f"{shape}-a", work / f"{shape}-b"
        for out in (first, second):
            shapes.write(shape, n, out, specgen=args.specgen)
        problems += [f"not deterministic: {f} differs between two runs" for f in same_tree(first, second)[:10]]
        result = run(args.specgen, "validate", "--spec", first)
        if result.returncode != 0:
            problems.append(f"specgen validate failed:\n{result.stdout}{result.stderr}")
        if shape == "imported":
            problems += check_imported(args.specgen, n, first)
        count = len(list((first / service / "operations").glob("*.yaml")))
        if problems:
            failed += 1
            print(f"check_shapes: {shape} N={n}: FAILED", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print(f"check_shapes: {shape} N={n}: {count} operations, deterministic, valid"
                  + ("; every page imported without gaps, round trip matches the pages" if shape == "imported" else ""),
                  file=sys.stderr)
    if failed:
        sys.exit(1)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
