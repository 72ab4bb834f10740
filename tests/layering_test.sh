#!/usr/bin/env bash
# layering_test.sh ROOT — fails when an #include crosses the layers the
# wrong way. Bottom up: engine; service on the engine; store on the
# service; http on the service; mail on the service; tools on top of everything. Only the
# engine's own sources include engine/internal/ (tests may too); no public
# engine header does. CMake enforces the same through per-target include
# roots; this test names the offending line when someone works around it.
set -u
root=${1:?usage: layering_test.sh ROOT}
cd "$root" || exit 2

allowed() {  # folder -> the folders its files may include
  case $1 in
    engine) echo "engine" ;;
    service) echo "engine service" ;;
    store) echo "engine service store" ;;
    http) echo "engine service http" ;;
    mail) echo "engine service mail" ;;
    tools) echo "engine service store http mail tools" ;;
  esac
}

status=0
for folder in engine service store http mail tools; do
  while IFS= read -r line; do
    file=${line%%:*}
    included=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$line")
    top=${included%%/*}
    [[ $included == */* ]] || continue  # a local include ("x.inc")
    ok=0
    for a in $(allowed "$folder"); do [[ $top == "$a" ]] && ok=1; done
    if [[ $ok == 0 ]]; then
      echo "layering: $file includes \"$included\": $folder/ may include only $(allowed "$folder")"
      status=1
    fi
    if [[ $included == engine/internal/* && $folder != engine ]]; then
      echo "layering: $file includes \"$included\": engine/internal/ is private to the engine"
      status=1
    fi
  done < <(grep -rHn --include='*.h' --include='*.cpp' '#include "' "$folder")
done
while IFS= read -r line; do
  echo "layering: public engine header ${line%%:*} includes an internal header: ${line#*:}"
  status=1
done < <(grep -Hn '#include "engine/internal/' engine/*.h 2>/dev/null)
[[ $status == 0 ]] && echo "layering: every #include follows engine -> service -> store | http | mail -> tools"
exit $status
