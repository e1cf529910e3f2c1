"""Compares Gatehouse's JSON tree with Python's json module, which Gatehouse did not write.

usage: json_leaves.py DOCUMENT.json MODEL_LEAVES.json
DOCUMENT is read with json.load keeping member order and number text (parse_int/parse_float
give the text as written); every leaf becomes [path, kind, text], and every empty object or
array one too. MODEL_LEAVES is the same list as the model produced it. Prints "same" and exits
0 when they are equal, else prints the first difference and exits 1.
"""
import json
import sys


def leaves(value, path, out):
    if isinstance(value, Obj):
        if not value.pairs:
            out.append([path, "object", "{}"])
        for key, item in value.pairs:
            leaves(item, path + [key], out)
    elif isinstance(value, list):
        if not value:
            out.append([path, "array", "[]"])
        for i, item in enumerate(value):
            leaves(item, path + [i], out)
    elif isinstance(value, Num):
        out.append([path, "number", value.text])
    elif value is True:
        out.append([path, "true", "true"])
    elif value is False:
        out.append([path, "false", "false"])
    elif value is None:
        out.append([path, "null", "null"])
    else:
        out.append([path, "string", value])


class Obj:
    def __init__(self, pairs):
        self.pairs = pairs


class Num:
    def __init__(self, text):
        self.text = text


with open(sys.argv[1], encoding="utf-8-sig") as f:  # a BOM is skipped, as the model does
    document = json.load(f, object_pairs_hook=Obj, parse_int=Num, parse_float=Num)
expected = []
leaves(document, [], expected)
with open(sys.argv[2], encoding="utf-8") as f:
    actual = json.load(f)
for i, (want, got) in enumerate(zip(expected, actual)):
    if want != got:
        print("leaf %d differs: python %r, model %r" % (i, want, got))
        sys.exit(1)
if len(expected) != len(actual):
    print("python has %d leaves, the model %d" % (len(expected), len(actual)))
    sys.exit(1)
print("same")
