#!/usr/bin/env bash
# readme_examples_test.sh PEERSLOT SOURCE_DIR — the README's curl examples,
# run as written, top to bottom, against a freshly started demo service.
#
# Which blocks run: the indented code blocks of the README sections
# "Booking with curl", "People, sign-in and mail", "Webhooks for programs"
# and "A political group office with curl" whose first line starts with
# `#` (a comment), `curl ` or `NAME=$(curl`; such a block runs whole (its
# python3, sleep and read lines too). Any other block (e.g. `peerslot
# serve --mailbox imaps://…`, which needs a real mail server) is shown to
# the reader but not run, and the test says so. The blocks that run are run in README
# order in one bash (set -eo pipefail), in the directory of the service's
# database (so `peerslot-outbox/` is where the README says), with TOKEN,
# OFFICE and GROUP exported as printed by the service at start and
# http://127.0.0.1:8080 replaced by the test's own address.
#
# `curl` is a shell function there: it calls the real curl, prints the
# README line, method, path and HTTP status of each call, and fails the run
# on a connection failure or any status >= 400, naming the README line.
# The run must make at least as many calls as there are curl commands in
# those blocks, so an extraction that finds nothing cannot pass.
#
# The service starts as tools/run starts it (`peerslot serve --db
# peerslot.db`, the demo data and the default initial solve) but in a fresh
# temporary directory and with --port 0 (a free port: tests run in
# parallel); everything is removed on exit.
set -euo pipefail
binary=$(realpath "${1:?usage: readme_examples_test.sh PEERSLOT SOURCE_DIR}")
source_dir=$(cd "${2:?usage: readme_examples_test.sh PEERSLOT SOURCE_DIR}" && pwd)
readme="$source_dir/README.md"
[ -f "$readme" ] || { echo "FAIL: no README.md in $source_dir" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
started=$SECONDS

# --- the service, as tools/run starts it ------------------------------------
cd "$work"
"$binary" serve --db peerslot.db --port 0 >"$work/server.log" 2>&1 &
server=$!
address=""
for _ in $(seq 1 1200); do
  address=$(sed -n 's/^listening on \(http:\/\/[^ ]*\)$/\1/p' "$work/server.log")
  [ -n "$address" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "FAIL: peerslot serve ended before listening:" >&2
    cat "$work/server.log" >&2
    server=""
    exit 1
  fi
  sleep 0.1
done
[ -n "$address" ] || { echo "FAIL: peerslot serve did not listen within 120 s:" >&2; cat "$work/server.log" >&2; exit 1; }
for _ in $(seq 1 100); do
  command curl -sf "$address/healthz" >/dev/null && break
  sleep 0.1
done
command curl -sf "$address/healthz" >/dev/null || { echo "FAIL: $address/healthz does not answer" >&2; exit 1; }

token_of() {  # token_of ROLE: "  ROLE token: TOKEN  (SUBJECT)" as printed at start
  awk -v role="$1" '$1 == role && $2 == "token:" { print $3; exit }' "$work/server.log"
}
TOKEN=$(token_of council)
OFFICE=$(token_of office)
GROUP=$(token_of group)
for name in TOKEN OFFICE GROUP; do
  [ -n "${!name}" ] || { echo "FAIL: no $name token in the service's output:" >&2; cat "$work/server.log" >&2; exit 1; }
done
export TOKEN OFFICE GROUP
echo "service on $address (started in $((SECONDS - started)) s)"

# --- the README's blocks, as a script ----------------------------------------
# Before each command (where the lines before it form complete commands, as
# `bash -n` reads them) a `README_LINE=N` line is inserted; the README's own
# lines are kept as written, only unindented and re-addressed.
/usr/bin/python3 - "$readme" "$address" "$work/examples.sh" "$work/expected_calls" <<'PY'
import re, subprocess, sys

readme, address, script, expected = sys.argv[1:5]
sections = {"Booking with curl", "People, sign-in and mail", "Webhooks for programs",
            "A political group office with curl"}
runs = re.compile(r"(#|curl |[A-Za-z_][A-Za-z0-9_]*=\$\(curl )")
lines = open(readme, encoding="utf-8").read().split("\n")

blocks, section, i = [], None, 0
while i < len(lines):
    line = lines[i]
    if line.startswith("#"):
        section = line.lstrip("#").strip()
    # An indented code block: starts after a blank line, runs over indented
    # and blank lines, ends before the first other line.
    if line.startswith("    ") and i > 0 and lines[i - 1].strip() == "":
        start, block = i, []
        while i < len(lines) and (lines[i].startswith("    ") or lines[i].strip() == ""):
            block.append(lines[i][4:])
            i += 1
        while block and block[-1].strip() == "":
            block.pop()
        if section in sections:
            blocks.append((section, start + 1, block))
        continue
    i += 1

missing = sections - {section for section, _, block in blocks if runs.match(block[0])}
if missing:
    sys.exit("FAIL: README.md: no example block to run in the section(s) " + ", ".join(sorted(missing)))
out = ["# generated from README.md by tests/readme/readme_examples_test.sh"]
commands = 0
run_blocks = 0
for _, first_line, block in blocks:
    if not runs.match(block[0]):
        print(f"README.md line {first_line}: block not run (its first line is {block[0]!r})")
        continue
    run_blocks += 1
    pending = ""
    for n, text in enumerate(block):
        number = first_line + n
        if pending == "":
            out.append(f"README_LINE={number}")
        out.append(text.replace("http://127.0.0.1:8080", address))
        if not text.lstrip().startswith("#"):
            commands += len(re.findall(r"(?:^|[(|;&])\s*curl\s", text))
        pending += text + "\n"
        # complete: bash reads it without running out of input (an open
        # quote, $( or pipe, or a trailing backslash, goes on to the next line)
        if not pending.rstrip().endswith("\\") and \
                subprocess.run(["bash", "-n"], input=pending, text=True, capture_output=True).returncode == 0:
            pending = ""
    if pending:
        sys.exit(f"FAIL: README.md block at line {first_line}: a command is not closed at its end")
open(script, "w", encoding="utf-8").write("\n".join(out) + "\n")
open(expected, "w").write(f"{commands}\n")
print(f"README.md: {run_blocks} blocks run, {commands} curl commands in them")
PY
expected=$(cat "$work/expected_calls")
[ "$expected" -gt 0 ] || { echo "FAIL: no curl command found in the README's example blocks" >&2; exit 1; }

# --- curl as the examples call it ---------------------------------------------
: >"$work/calls"
export README_CALLS="$work/calls" README_FILE="$readme" README_ADDRESS="$address"
curl() {
  local method="" url="" data="" previous="" arg
  for arg in "$@"; do
    case "$previous" in -X | --request) method=$arg ;; esac
    case "$arg" in -d | --data* | -F | --form | -T) data=1 ;; http://* | https://*) url=$arg ;; esac
    previous=$arg
  done
  [ -n "$method" ] || { [ -n "$data" ] && method=POST || method=GET; }
  local path=${url#"$README_ADDRESS"} body status=0 code
  body=$(mktemp)
  code=$(command curl "$@" -o "$body" -w '%{http_code}') || status=$?
  cat "$body"
  rm -f "$body"
  echo "$README_LINE $method $path $code" >>"$README_CALLS"
  if [ "$status" -ne 0 ] || [ "$code" -ge 400 ] 2>/dev/null || [ "$code" = 000 ]; then
    echo "FAIL: README.md line $README_LINE: $method $path answered ${code:-nothing} (curl exit $status):" >&2
    sed -n "${README_LINE}p" "$README_FILE" >&2
    return 1
  fi
  echo "README.md line $README_LINE: $method $path -> $code" >&2
}
export -f curl

status=0
(
  cd "$work"
  bash -c 'set -eo pipefail
           trap '\''echo "FAIL: README.md line $README_LINE: the example stopped (exit $?):" >&2; sed -n "${README_LINE}p" "$README_FILE" >&2'\'' ERR
           source "$1"' examples "$work/examples.sh" >"$work/examples.out"
) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- the last of what the examples printed:" >&2
  tail -c 3000 "$work/examples.out" >&2
  echo >&2
  echo "FAIL: the README's examples stopped (exit $status)" >&2
  exit 1
fi
made=$(wc -l <"$work/calls")
if [ "$made" -lt "$expected" ]; then
  echo "FAIL: the examples made $made HTTP calls, fewer than the $expected curl commands in the README's blocks" >&2
  exit 1
fi
echo "PASS: the README's examples made $made calls (of $expected curl commands) in $((SECONDS - started)) s"
