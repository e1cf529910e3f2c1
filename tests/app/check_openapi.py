"""Checks answers against an OpenAPI 3.0 or Swagger 2.0 document with the standard library
only (Debian's python3 has no jsonschema): a YAML document is read by Perl's own
CPAN::Meta::YAML, so neither reader is Gatehouse's importer.

usage: check_openapi.py declared DOC
           prints {"operationId": {"method", "path", "statuses"}} for every operation
       check_openapi.py check DOC OPERATION_ID STATUS BODY_FILE
           prints "ok" when STATUS is declared for the operation (by its code, else by
           `default`) and the body matches that response's schema (no schema: an empty body);
           otherwise every problem, one per line, and exits 1.

Schemas are checked for type, required and properties (recursively, through local $refs),
array items, and the int32/int64 ranges. A schema with `properties` but no `type` is taken as
an object: JSON Schema would let any non-object through it, which would hide a wrong answer.
"""
import json
import subprocess
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PERL_YAML_TO_JSON = (
    "local $/; my $y = CPAN::Meta::YAML->read_string(<STDIN>) or die CPAN::Meta::YAML->errstr;"
    " print JSON::PP->new->canonical->encode($y->[0])")
RANGES = {"int32": (-2**31, 2**31 - 1), "int64": (-2**63, 2**63 - 1)}


def load(path):
    if path.endswith((".yaml", ".yml")):
        with open(path, "rb") as source:
            converted = subprocess.run(
                ["/usr/bin/perl", "-MCPAN::Meta::YAML", "-MJSON::PP", "-e", PERL_YAML_TO_JSON],
                stdin=source, capture_output=True, check=True)
        return json.loads(converted.stdout)
    with open(path, encoding="utf-8") as source:
        return json.load(source)


def resolve(doc, node):
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise ValueError("cannot follow $ref " + ref)
        seen.add(ref)
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield operation["operationId"], method.upper(), path, operation


def response_schema(doc, response):
    response = resolve(doc, response)
    if "content" in response:  # OpenAPI 3: per media type
        return (response["content"].get("application/json") or {}).get("schema")
    return response.get("schema")  # Swagger 2.0


def validate(doc, schema, value, where, problems):
    schema = resolve(doc, schema)
    kind = schema.get("type")
    if kind is None:
        kind = "object" if "properties" in schema else "array" if "items" in schema else None
    if kind == "object":
        if not isinstance(value, dict):
            problems.append("%s: expected an object, got %s" % (where, json.dumps(value)))
            return
        for name in schema.get("required", []):
            if name not in value:
                problems.append("%s: required property '%s' is missing" % (where, name))
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                validate(doc, sub, value[name], "%s.%s" % (where, name), problems)
    elif kind == "array":
        if not isinstance(value, list):
            problems.append("%s: expected an array, got %s" % (where, json.dumps(value)))
            return
        for index, item in enumerate(value):
            validate(doc, schema.get("items", {}), item, "%s[%d]" % (where, index), problems)
    elif kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append("%s: expected an integer, got %s" % (where, json.dumps(value)))
            return
        low, high = RANGES.get(schema.get("format"), (None, None))
        if low is not None and not low <= value <= high:
            problems.append("%s: %d is outside %s" % (where, value, schema["format"]))
    elif kind == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append("%s: expected a number, got %s" % (where, json.dumps(value)))
    elif kind == "string":
        if not isinstance(value, str):
            problems.append("%s: expected a string, got %s" % (where, json.dumps(value)))
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append("%s: expected a boolean, got %s" % (where, json.dumps(value)))


def check(doc, operation_id, status, body):
    found = [op for op_id, _, _, op in operations(doc) if op_id == operation_id]
    if not found:
        return ["the document has no operation " + operation_id]
    responses = found[0]["responses"]
    # YAML keys like 200 arrive as numbers or strings depending on the reader.
    by_code = {str(code): response for code, response in responses.items()}
    response = by_code.get(status) or by_code.get("default")
    if response is None:
        return ["%s does not declare status %s (declared: %s)" % (operation_id, status, ", ".join(by_code))]
    schema = response_schema(doc, response)
    if schema is None:
        return [] if body.strip() == b"" else ["%s %s declares no body, got %r" % (operation_id, status, body[:200])]
    try:
        value = json.loads(body)
    except ValueError as error:
        return ["%s %s: the body is not JSON (%s): %r" % (operation_id, status, error, body[:200])]
    problems = []
    validate(doc, schema, value, "$", problems)
    return problems


def main():
    doc = load(sys.argv[2])
    if sys.argv[1] == "declared":
        print(json.dumps({op_id: {"method": method, "path": path,
                                  "statuses": [str(code) for code in op["responses"]]}
                          for op_id, method, path, op in operations(doc)}))
        return 0
    operation_id, status, body_file = sys.argv[3], sys.argv[4], sys.argv[5]
    with open(body_file, "rb") as source:
        problems = check(doc, operation_id, status, source.read())
    print("\n".join(problems) if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
