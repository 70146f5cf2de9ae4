#!/usr/bin/env bash
# Regenerates the golden drawings and document of `certlint graph`:
# fixtures/graph/tags-plan/expected.{json,dot,mermaid} (tests/test_graph.cpp compares them
# byte for byte and leaves expected.unapproved.<format> beside them on a mismatch), and
# docs/fields.md from `certlint rules --fields --format markdown`. Review with git diff.
#
#   tools/approve-graph-golden.sh [path/to/certlint]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
certlint=${1:-$root/build/release/certlint}
[[ -x $certlint ]] || { echo "approve-graph-golden: no certlint at $certlint (build first)" >&2; exit 2; }
certlint=$(cd "$(dirname "$certlint")" && pwd)/$(basename "$certlint")
cd "$root"
for f in json dot mermaid; do
    "$certlint" graph --format "$f" --region eu-west-1 fixtures/graph/tags-plan/plan.json \
        >fixtures/graph/tags-plan/expected.$f
done
rm -f fixtures/graph/tags-plan/expected.unapproved.*
"$certlint" rules --fields --format markdown >docs/fields.md
echo "approved fixtures/graph/tags-plan and docs/fields.md"
