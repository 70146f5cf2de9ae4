#!/usr/bin/env bash
# One command: install what is missing, then build with warnings as errors and run the
# whole test suite, run it once more under AddressSanitizer + UndefinedBehaviorSanitizer,
# and replay and briefly run the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh test

echo "== release build (-Werror, unity library) and tests"
cmake --preset release -DCERTLINT_UNITY=ON >/dev/null
cmake --build --preset release
ctest --preset release

echo "== ASan + UBSan build (clang) and tests (but the shell-script tests, label \"shell\", and the one-TU compile, \"unity\")"
cmake --preset asan -DCERTLINT_UNITY=ON >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== fuzzing: replay of fuzz/corpus and a short run of each target"
tools/fuzz.sh 10
