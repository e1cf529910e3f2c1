# Writes expected.json: for every case in cases.graphql, the errors graphql-core (the Python
# port of graphql-js; 3.2.8 was used) reports when validating it against schema.graphql with
# every specified rule.
# Run by hand where graphql-core is installed: python3 generate.py > expected.json, and
# python3 generate.py --introspection > introspection.json
#
# Two mechanical corrections turn graphql-core's output into graphql-js 16's, which is what the
# test compares with: graphql-core quotes names with '...' where graphql-js uses "...", and
# writes directive locations as words ("fragment definition") where graphql-js writes the enum
# value (FRAGMENT_DEFINITION); and graphql-core 3.2.8's get_location() reports an offset at the
# first column of a line as one past the end of the previous line, which is moved back to
# (line + 1, 1). Suggestions ("Did you mean ...?") are kept; the test leaves them out.
import json, re, sys
from pathlib import Path
import graphql
from graphql import build_schema, parse, validate, specified_rules
from graphql.validation.validate import validate_sdl

here = Path(__file__).parent
schema = build_schema((here / "schema.graphql").read_text())
rules = list(specified_rules)
cases = []
name, lines = None, []
for line in (here / "cases.graphql").read_text().splitlines():
    if line.startswith("#### "):
        if name:
            cases.append((name, "\n".join(lines) + "\n"))
        name, lines = line[5:], []
    elif name:
        lines.append(line)
cases.append((name, "\n".join(lines) + "\n"))
def js_message(message):
    message = re.sub(r"'([^']*)'", r'"\1"', message)
    return re.sub(r"may not be used on ([a-z ]+)\.$",
                  lambda m: "may not be used on " + m.group(1).upper().replace(" ", "_") + ".",
                  message)


def js_location(text, line, column):
    lines = text.split("\n")
    if column == len(lines[line - 1]) + 1 and line < len(lines):
        return [line + 1, 1]
    return [line, column]


out = {"generator": "graphql-core " + graphql.__version__, "cases": []}
for name, text in cases:
    errors = validate(schema, parse(text), rules)
    out["cases"].append({
        "name": name,
        "query": text,
        "errors": [{"message": js_message(e.message),
                    "locations": [js_location(text, l.line, l.column) for l in (e.locations or [])]}
                   for e in errors],
    })
def split_cases(path):
    cases, name, lines = [], None, []
    for line in path.read_text().splitlines():
        if line.startswith("#### "):
            if name:
                cases.append((name, "\n".join(lines) + "\n"))
            name, lines = line[5:], []
        elif name:
            lines.append(line)
    cases.append((name, "\n".join(lines) + "\n"))
    return cases


# Schema-level errors: buildASTSchema's SDL rules first; validateSchema when those pass.
out["sdl"] = []
for name, text in split_cases(here / "sdl-cases.graphql"):
    document = parse(text)
    errors = validate_sdl(document)
    if not errors:
        try:
            errors = graphql.validate_schema(graphql.build_ast_schema(document, assume_valid_sdl=True))
        except TypeError as e:  # graphql-core refuses some schemas outright; not used as cases
            sys.exit(f"case {name!r}: graphql-core raised {e}")
    out["sdl"].append({
        "name": name,
        "sdl": text,
        "errors": [{"message": js_message(e.message),
                    "locations": [js_location(text, l.line, l.column) for l in (e.locations or [])]}
                   for e in errors],
    })

if len(sys.argv) > 1 and sys.argv[1] == "--introspection":
    # The answer graphql-core gives to its own introspection query for schema.graphql.
    result = graphql.graphql_sync(schema, graphql.get_introspection_query(
        descriptions=True, specified_by_url=True, directive_is_repeatable=True,
        input_value_deprecation=True))
    json.dump({"data": result.data}, sys.stdout, indent=1)
else:
    json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
