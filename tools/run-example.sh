#!/usr/bin/env bash
# One command: install what is missing, build certlint (release; only the certlint target,
# not the test suite), and check the bundled example plan. The example has real problems,
# so certlint exits 1 after printing them.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release --target certlint
echo
echo "$ certlint examples/plan.json"
set +e
build/release/certlint examples/plan.json
status=$?
set -e
echo "(certlint exited with $status: 0 = clean, 1 = findings, 2 = input or usage error)"
[[ $status -le 1 ]]
