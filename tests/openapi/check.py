"""Checks every example of OpenAPI 3.1 documents against the schema of its media type.

Usage: python check.py DOCUMENT.json...

Schemas are JSON Schema 2020-12 in OpenAPI 3.1, so examples are validated with
jsonschema's Draft202012Validator; `$ref`s resolve into the document through a
`referencing` registry. Object schemas are closed first (`additionalProperties: false`
wherever a schema lists `properties` and says nothing else), so an example field the
document does not declare is caught, as the spec's own example check catches it; the
exported schemas stay open because servers add fields.

A field whose value is `null` is checked as absent, as the spec's own example check and the
generated clients read it (a required one is then missing from its object).

An example marked `x-discrepancies` contradicts its page's own table, on purpose: it must
fail exactly at the listed JSON paths (such as `$.page_info.current_count`), no more and no
fewer, so the mark stays true.

Prints one JSON line per document: {"document", "examples", "discrepancies"}. Exits 1 when
any example does not behave, listing each problem on stderr.
"""

import copy
import json
import sys
from urllib.parse import quote

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:openapi-document"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def close_objects(node):
    """Sets `additionalProperties: false` on every object schema that lists its properties."""
    if isinstance(node, dict):
        if (
            node.get("type") == "object"
            and isinstance(node.get("properties"), dict)
            and "additionalProperties" not in node
        ):
            node["additionalProperties"] = False
        for value in node.values():
            close_objects(value)
    elif isinstance(node, list):
        for value in node:
            close_objects(value)


def pointer(*segments):
    """A URI fragment pointing at `segments` (RFC 6901, percent-encoded for a URI)."""
    escaped = (str(s).replace("~", "~0").replace("/", "~1") for s in segments)
    return "#" + "".join("/" + quote(s, safe="~") for s in escaped)


def media_types(document):
    """Yields (where, location of the media type in the document, media type object)."""
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            name = f"{method.upper()} {path}"
            body = operation.get("requestBody", {})
            for media, content in body.get("content", {}).items():
                location = ("paths", path, method, "requestBody", "content", media)
                yield f"{name} request {media}", location, content
            for status, response in operation.get("responses", {}).items():
                for media, content in response.get("content", {}).items():
                    location = ("paths", path, method, "responses", status, "content", media)
                    yield f"{name} {status} {media}", location, content


def without_nulls(value):
    """`value` without the object fields whose value is null: such a field counts as absent."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def json_path(error):
    """The instance location of a validation error, written as the spec writes discrepancies."""
    text = "$"
    for step in error.absolute_path:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text


def examples_of(content):
    if "example" in content:
        yield "example", {"value": content["example"]}
    yield from content.get("examples", {}).items()


def member_schema(document, location, example_name):
    """The schema of the member operation an example of a merged operation belongs to
    (examples are named `{operationId}-...`, members listed in `x-specgen-operations`), or None."""
    operation = document["paths"][location[1]][location[2]]
    for index, member in enumerate(operation.get("x-specgen-operations", [])):
        if not example_name.startswith(member["operationId"] + "-"):
            continue
        if location[3] == "requestBody":
            reference = member.get("requestBody")
            return {"$ref": DOCUMENT_URI + reference} if reference else None
        status, media = location[4], location[6]
        if member.get("responses", {}).get(status, {}).get(media) is None:
            return None
        return {
            "$ref": DOCUMENT_URI
            + pointer(*location[:3], "x-specgen-operations", index, "responses", status, media)
        }
    return None


def check_document(path):
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    problems = []
    if not str(document.get("openapi", "")).startswith("3.1."):
        return problems + [f"{path}: not an OpenAPI 3.1 document"], 0, 0
    closed = copy.deepcopy(document)
    close_objects(closed)
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource(contents=closed, specification=DRAFT202012)
    )
    checked = discrepancies = 0
    for where, location, content in media_types(document):
        if "schema" not in content:
            continue
        schema = {"$ref": DOCUMENT_URI + pointer(*location, "schema")}
        validator = Draft202012Validator(schema, registry=registry)
        for name, example in examples_of(content):
            if "$ref" in example:
                problems.append(f"{path}: {where} {name}: example references are not expected")
                continue
            checked += 1
            member = member_schema(document, location, name)
            if member is not None:
                # An example of one operation of a merged group (`{Id}-...`): the group's
                # `oneOf` may match several members' schemas; the example is its member's.
                member_validator = Draft202012Validator(member, registry=registry)
                errors = list(member_validator.iter_errors(without_nulls(example["value"])))
            else:
                errors = list(validator.iter_errors(without_nulls(example["value"])))
            found = {json_path(e): e.message for e in errors}
            marked = {d["path"] for d in example.get("x-discrepancies", [])}
            discrepancies += bool(marked)
            for at, message in found.items():
                if at not in marked:
                    problems.append(f"{path}: {where} {name}: {at}: {message}")
            for at in marked - found.keys():
                problems.append(
                    f"{path}: {where} {name}: {at} is marked as a discrepancy but fits the schema"
                )
    return problems, checked, discrepancies


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        problems, checked, discrepancies = check_document(path)
        for problem in problems:
            print(problem, file=sys.stderr)
        failed |= bool(problems)
        summary = {"document": path, "examples": checked, "discrepancies": discrepancies}
        print(json.dumps(summary))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
