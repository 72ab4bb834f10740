#!/usr/bin/python3
"""check_examples.py OPENAPI.json -- every `examples` entry of a component
schema must be valid against that schema (Debian's python3-jsonschema, JSON
Schema 2020-12, $refs resolved in the document), so the document's examples
are replies and bodies the API really takes or gives. Exits 1 naming each
one that is not."""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    doc = json.load(f)
resolver = jsonschema.RefResolver.from_schema(doc)
bad, count = [], 0
for name, schema in doc["components"]["schemas"].items():
    validator = jsonschema.Draft202012Validator(schema, resolver=resolver)
    for i, example in enumerate(schema.get("examples", [])):
        count += 1
        bad += [name + " example " + str(i) + ": " + e.message for e in validator.iter_errors(example)]
print("\n".join(bad) if bad else str(count) + " schema examples are valid")
sys.exit(1 if bad else 0)
