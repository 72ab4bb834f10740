#!/usr/bin/env bash
# The contract copy: docs/scenario-format.md must stay identical to the
# shared contract ../shared/spec/scenario-format.md (relative to the
# repository root). Fails with the diff when they differ; a clone without
# ../shared (e.g. a fresh clone) skips the check with exit 77, ctest's
# SKIP_RETURN_CODE.
# Usage: contract_copy_test.sh REPOSITORY_ROOT
set -u
root="${1:?usage: contract_copy_test.sh REPOSITORY_ROOT}"
copy="$root/docs/scenario-format.md"
shared="$root/../shared/spec/scenario-format.md"
if [ ! -f "$shared" ]; then
  echo "SKIP: $shared does not exist (no ../shared next to the repository); the contract copy was not checked"
  exit 77
fi
if [ ! -f "$copy" ]; then
  echo "FAIL: $copy is missing; it must be a copy of $shared"
  exit 1
fi
if ! diff -u "$shared" "$copy"; then
  echo "FAIL: docs/scenario-format.md differs from ../shared/spec/scenario-format.md (diff above: - shared, + the copy);"
  echo "      copy the shared contract over it: cp '$shared' '$copy'"
  exit 1
fi
echo "ok: docs/scenario-format.md is identical to $shared"
