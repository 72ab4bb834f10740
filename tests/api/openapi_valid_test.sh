#!/usr/bin/env bash
# openapi_valid_test.sh PEERSLOT — `peerslot openapi` must print a document
# that a real OpenAPI 3.1 validator (@readme/openapi-parser, installed in
# tests/api/node_modules by tools/setup) accepts, whose schema examples are
# valid against their schemas (check_examples.py).
set -euo pipefail
binary=${1:?usage: openapi_valid_test.sh PEERSLOT}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules/@readme/openapi-parser" ] || { echo "tests/api/node_modules is missing: run tools/setup" >&2; exit 1; }
doc=$(mktemp --suffix=.json)
trap 'rm -f "$doc"' EXIT
"$binary" openapi > "$doc"
node "$here/validate_openapi.mjs" "$doc"
/usr/bin/python3 "$here/check_examples.py" "$doc"
