#!/usr/bin/env bash
# Proves the library can be compiled as a unity build however its sources are batched: every
# library source (the CMakeLists.txt glob) is compiled as ONE translation unit, syntax only.
# A file-local name (anonymous namespace, `using` alias) defined by two sources of the same
# namespace fails here, whichever batch CMake would put them in. Needs clang++ (tools/test.sh
# installs it). Usage: tools/check-unity.sh   (about 15 s)
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=${CXX_UNITY_CHECK:-clang++}
tu=$(mktemp --suffix=.cpp)
trap 'rm -f "$tu"' EXIT
for dir in base hcl readers model rules policy report cli; do
  for f in src/"$dir"/*.cpp; do
    [[ $f == src/cli/main.cpp ]] && continue
    printf '#include "%s"\n' "$PWD/$f"
  done
done > "$tu"
if ! "$cxx" -std=c++20 -fsyntax-only -ferror-limit=20 -Wall -Wextra -Wpedantic -Werror \
     -Iinclude -Isrc -DCERTLINT_VERSION='"unity-check"' -DFMT_SHARED "$tu"; then
  echo "tools/check-unity.sh: the library's sources do not compile as one translation unit" \
       "(a file-local name is defined twice?): see the first error above" >&2
  exit 1
fi
echo "unity check: $(wc -l < "$tu") library sources compile as one translation unit"
