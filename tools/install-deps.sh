#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages certlint needs to build and test, if missing.
# Usage: tools/install-deps.sh [build|test]
set -euo pipefail

packages=(g++ cmake make pkg-config nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
          libre2-dev libfmt-dev catch2 libssl-dev)
if [[ "${1:-build}" == "test" ]]; then
  # SARIF schema validation, the real pre-commit hook test, shellcheck of the scripts; jq for
  # the benchmark; clang for the sanitizer and fuzzing build.
  packages+=(python3 python3-jsonschema pre-commit git jq shellcheck clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
