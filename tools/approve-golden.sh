#!/usr/bin/env bash
# Regenerates the golden reports: fixtures/golden/<scenario>/expected.<format> for every
# scenario and format, by running certlint from the source directory with relative paths
# (so reports hold no absolute paths). Review the result with `git diff fixtures/golden`.
#
#   tools/approve-golden.sh [path/to/certlint] [scenario...]
#
# A scenario is a directory with its inputs and, optionally:
#   args           the command line (one argument per line; default: its plan.json)
#   certlint.yaml  its config (default: fixtures/golden/default.yaml, so no .certlint.yaml
#                  from the checkout or above can change the result)
# Every run also gets --no-color and --now 2026-06-01T00:00:00Z. tests/test_golden.cpp
# builds the same command lines, and on a mismatch leaves the actual output beside the
# approved one as expected.unapproved.<format> (ignored by git).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
certlint=${1:-$root/build/dev/certlint}
[[ $# -gt 0 ]] && shift
[[ -x $certlint ]] || { echo "approve-golden: no certlint at $certlint (build first)" >&2; exit 2; }
certlint=$(cd "$(dirname "$certlint")" && pwd)/$(basename "$certlint")
formats=(text json sarif github junit markdown)

cd "$root"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
scenarios=("$@")
if ((${#scenarios[@]} == 0)); then
    for d in fixtures/golden/*/; do scenarios+=("$(basename "$d")"); done
fi

for s in "${scenarios[@]}"; do
    dir=fixtures/golden/$s
    [[ -d $dir ]] || { echo "approve-golden: no scenario $dir" >&2; exit 2; }
    args=()
    if [[ -f $dir/args ]]; then
        mapfile -t args <"$dir/args"
    else
        args=("$dir/plan.json")
    fi
    config=fixtures/golden/default.yaml
    [[ -f $dir/certlint.yaml ]] && config=$dir/certlint.yaml
    for f in "${formats[@]}"; do
        status=0
        "$certlint" --no-color --now 2026-06-01T00:00:00Z --config "$config" \
            --format "$f" "${args[@]}" >"$dir/expected.$f" 2>"$errors" || status=$?
        # 1 = findings at or above --fail-on (the default, error): a report all the same.
        if ((status != 0 && status != 1)); then
            cat "$errors" >&2
            echo "approve-golden: $s ($f): certlint exited $status" >&2
            exit 1
        fi
    done
    rm -f "$dir"/expected.unapproved.*
    echo "approved $s"
done
