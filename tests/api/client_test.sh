#!/usr/bin/env bash
# client_test.sh BASE_URL TOKEN COUNCIL — generates a typed client from the
# running service's /openapi.json (openapi-typescript), type-checks
# client_test.ts against it (tsc, strict) and runs it with openapi-fetch
# (node). Everything is made in a fresh copy of this folder's test under
# a temporary directory; tests/api/node_modules comes from tools/setup.
set -euo pipefail
base=${1:?usage: client_test.sh BASE_URL TOKEN COUNCIL}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules/openapi-fetch" ] || { echo "tests/api/node_modules is missing: run tools/setup" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/client_test.ts" "$here/tsconfig.json" "$here/package.json" "$work/"
ln -s "$here/node_modules" "$work/node_modules"
mkdir "$work/generated"
curl -sf "$base/openapi.json" -o "$work/openapi.json"
"$here/node_modules/.bin/openapi-typescript" "$work/openapi.json" -o "$work/generated/peerslot.d.ts" --silent
(cd "$work" && "$here/node_modules/.bin/tsc" -p tsconfig.json)
node "$work/client_test.js" "$@"
