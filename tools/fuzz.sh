#!/usr/bin/env bash
# Builds the libFuzzer targets (the asan preset: clang, ASan+UBSan), replays the committed corpus
# (fuzz/corpus/<target>/: regressions and seeds) and fuzzes each target briefly, seeded
# with the fixtures. Usage: tools/fuzz.sh [seconds per target, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

cmake --preset asan >/dev/null
cmake --build --preset asan

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

seed() {  # seed <target> <find args...>
  local target=$1; shift
  mkdir -p "$work/$target"
  cp fuzz/corpus/"$target"/* "$work/$target/" 2>/dev/null || true
  find fixtures examples "$@" -type f -size -64k -print0 2>/dev/null |
    while IFS= read -r -d '' f; do cp "$f" "$work/$target/$(echo "$f" | tr '/' '_')"; done
}
seed plan -name '*.json' -path '*plan*'
seed template \( -name '*.yaml' -o -name '*.yml' -o -name '*.template.json' -o -name 'template.json' \)
seed config -name '*.certlint.yaml'
seed json_scan -name '*.json'
seed hcl \( -name '*.tf' -o -name '*.tf.json' -o -name '*.tfvars' \)

for target in plan template config json_scan hcl; do
  bin=build/asan/fuzz/fuzz_$target
  echo "== replaying fuzz/corpus/$target"
  if compgen -G "fuzz/corpus/$target/*" >/dev/null; then
    "$bin" -runs=0 fuzz/corpus/"$target"/
  fi
  echo "== fuzzing $target for ${seconds}s"
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
         -print_final_stats=1 "$work/$target" 2>&1 | tail -n 12
done
