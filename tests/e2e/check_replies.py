#!/usr/bin/python3
"""check_replies.py OPENAPI.json REPLIES.jsonl -- every reply `peerslot serve
--record-replies` recorded, checked against the OpenAPI 3.1 document with
Debian's python3-jsonschema (JSON Schema 2020-12), not with peerslot's code:
the operation (path template and method) must be in the document, the
status among its responses, the media type among that response's content,
and a JSON body valid against that content's schema ($refs resolved in the
document). Prints one line per reply that breaks the contract (at most 30)
and exits 1 when there is one; prints what was checked and exits 0 else."""
import json
import sys

import jsonschema


def media(content_type):
    return content_type.split(";")[0].strip().lower()


def problems(doc, reply, validators):
    name = reply["method"] + " " + reply["path"]
    operation = doc["paths"].get(reply["path"], {}).get(reply["method"].lower())
    if operation is None:
        return [name + ": not in the document"]
    status = str(reply["status"])
    response = operation["responses"].get(status) or operation["responses"].get(status[0] + "XX")
    if response is None:
        return [name + " answered " + status + ", which the document does not declare"]
    content = response.get("content", {})
    if not content:
        return [] if reply["body"] is None or reply["content_type"] == "" else [
            name + " " + status + ": the document declares no body, the reply has " + reply["content_type"]]
    declared = content.get(media(reply["content_type"]))
    if declared is None:
        return [name + " " + status + ": " + media(reply["content_type"]) + " is not among " + ", ".join(content)]
    schema = declared.get("schema")
    if schema is None or not media(reply["content_type"]).endswith("json"):
        return []
    key = json.dumps(schema, sort_keys=True)
    if key not in validators:
        resolver = jsonschema.RefResolver.from_schema(doc)
        validators[key] = jsonschema.Draft202012Validator(schema, resolver=resolver)
    return [name + " " + status + ": " + best(error) + " at /" + "/".join(str(p) for p in error.absolute_path)
            for error in validators[key].iter_errors(reply["body"])][:3]


def best(error):
    """The deepest reason an anyOf gave, rather than the whole instance."""
    error = jsonschema.exceptions.best_match([error]) if not error.context else jsonschema.exceptions.best_match(error.context)
    return error.message[:300]


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    with open(sys.argv[2]) as f:
        replies = [json.loads(line) for line in f if line.strip()]
    validators, found, operations = {}, [], set()
    for reply in replies:
        operations.add(reply["method"] + " " + reply["path"])
        found.extend(problems(doc, reply, validators))
    for line in found[:30]:
        print(line)
    if found:
        print(str(len(found)) + " of " + str(len(replies)) + " replies break the contract")
        return 1
    print(str(len(replies)) + " replies of " + str(len(operations)) + " operations match the document")
    return 0


sys.exit(main())
