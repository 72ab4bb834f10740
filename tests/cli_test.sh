#!/usr/bin/env bash
# End-to-end tests of the command line as a user runs it: exit codes, the
# violation lines of `check`, validation messages, generate -> solve -> check.
# Usage: cli_test.sh PEERSLOT_BINARY TESTS_DIR
set -u
peerslot="$1"
fixtures="$2/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

expect() {  # expect NAME WANTED_EXIT PATTERN -- COMMAND...
  local name="$1" want="$2" pattern="$3"
  shift 4
  "$@" >"$work/out" 2>&1
  local got=$?
  if [ "$got" -eq "$want" ] && grep -qE -- "$pattern" "$work/out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name (exit $got, wanted $want; pattern '$pattern')"
    sed 's/^/    /' "$work/out" | head -20
  fi
}

expect "check accepts the feasible fixture plan" 0 "^feasible: 0 violation" -- \
  "$peerslot" check "$fixtures/rules_scenario.json" "$fixtures/rules_plan.json"

sed 's/"M1", "X1", "O1"/"M1", "X1", "O4"/' "$fixtures/rules_plan.json" >"$work/broken_plan.json"
expect "check names the broken rule, request, peer and date" 1 "^H8 R1 O4 not available on 2011-09-12$" -- \
  "$peerslot" check "$fixtures/rules_scenario.json" "$work/broken_plan.json"

# The whole output, exactly as the README shows it.
cat >"$work/readme_check.txt" <<'EOF'
H8 R1 O4 not available on 2011-09-12
H8 R1 O4 not available on 2011-09-13
H8 R1 O4 not available on 2011-09-14
cost: total 1000451 (unscheduled 1000000, preference 0, travel 111, load 340, continuity 0)
INVALID: 3 violation(s), 2 assigned, 1 unscheduled
EOF
"$peerslot" check "$fixtures/rules_scenario.json" "$work/broken_plan.json" >"$work/out" 2>&1
got=$?
if [ "$got" -eq 1 ] && diff -u "$work/readme_check.txt" "$work/out" >"$work/diff"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL: check prints exactly the README's example (exit $got, wanted 1)"
  sed 's/^/    /' "$work/diff" | head -20
fi

sed 's/"total": 1000451/"total": 1000450/' "$fixtures/rules_plan.json" >"$work/wrong_cost.json"
expect "check rejects a wrongly stated cost" 1 "^COST stated total 1000450" -- \
  "$peerslot" check "$fixtures/rules_scenario.json" "$work/wrong_cost.json"

sed '0,/"days": 3/s//"days": 7/' "$fixtures/rules_scenario.json" >"$work/bad_scenario.json"
expect "an invalid scenario is refused naming field and value" 2 "requests\[0\]\.days: 7 is out of range 1\.\.5" -- \
  "$peerslot" check "$work/bad_scenario.json" "$fixtures/rules_plan.json"

echo '{"format": ' >"$work/truncated.json"
expect "malformed JSON is refused" 2 "not valid JSON" -- \
  "$peerslot" check "$work/truncated.json" "$fixtures/rules_plan.json"

expect "a missing file is refused" 2 "cannot open" -- \
  "$peerslot" check "$work/nope.json" "$fixtures/rules_plan.json"

expect "generate writes the national scenario" 0 "generated 375 councils" -- \
  "$peerslot" generate --seed 3 -o "$work/national.json"

expect "generate refuses a bad scale" 2 "scale" -- \
  "$peerslot" generate --scale 0 -o "$work/x.json"

expect "solve plans the national scenario" 0 "^done: cost" -- \
  "$peerslot" solve "$work/national.json" -o "$work/plan.json" --iterations 2000 --seed 1
expect "check accepts the solver's national plan" 0 "^feasible: 0 violation" -- \
  "$peerslot" check "$work/national.json" "$work/plan.json"

expect "options ranks weeks for one request" 0 "^  1\. week of [0-9-]+  cost change" -- \
  "$peerslot" options "$work/national.json" --plan "$work/plan.json" --request R00001 -k 3
expect "options refuses an unknown request" 2 "R99999" -- \
  "$peerslot" options "$work/national.json" --plan "$work/plan.json" --request R99999

peer=$(grep -o '"P[0-9]*"' "$work/plan.json" | head -1 | tr -d '"')
expect "repair after a withdrawal" 0 "broken by the change, 0 other\(s\) moved" -- \
  "$peerslot" repair "$work/national.json" "$work/plan.json" --withdraw "$peer" -o "$work/repaired.json"
expect "check accepts the repaired plan" 0 "^feasible: 0 violation" -- \
  "$peerslot" check "$work/national.json" "$work/repaired.json"
if grep -q "\"$peer\"" "$work/repaired.json"; then
  failed=$((failed + 1)); echo "FAIL: the withdrawn peer $peer is still in the repaired plan"
else
  passed=$((passed + 1))
fi

# M1 is the fixture's only Conservative member peer: without it R1 cannot
# be placed again, which is an answer (exit 0), not a broken rule.
expect "repair that leaves a request unscheduled exits 0" 0 "1 dropped" -- \
  "$peerslot" repair "$fixtures/rules_scenario.json" "$fixtures/rules_plan.json" --withdraw M1 -o "$work/dropped.json"
expect "check accepts the plan with the dropped request" 0 "^feasible: 0 violation" -- \
  "$peerslot" check "$fixtures/rules_scenario.json" "$work/dropped.json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
