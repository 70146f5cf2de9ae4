#!/usr/bin/env bash
# The certlint GitHub Action (action.yml runs this). It reads its inputs from INPUT_*
# variables, so it also runs outside GitHub:
#
#   INPUT_PATHS=tfplan.json INPUT_FAIL_ON=warning action/run.sh
#
# INPUT_PATHS    files or directories to check, separated by whitespace (default: .)
# INPUT_FAIL_ON  error | warning | note | never (default: error)
# INPUT_REGION   deploy region for templates / fallback provider region
# INPUT_CONFIG   config file (default: .certlint.yaml found from the working directory up)
# INPUT_SARIF    where to write the SARIF report (default: certlint.sarif; empty: none)
# INPUT_ARGS     more certlint options, separated by whitespace (no quoting, no globbing)
#
# It uses the certlint on PATH (or $CERTLINT), else builds one from the action's own source
# into $CERTLINT_CACHE_DIR (default ~/.cache/certlint), keyed by a hash of that source.
# It prints annotations (--format github), appends the markdown report to
# $GITHUB_STEP_SUMMARY and writes the outputs sarif, findings and errors to $GITHUB_OUTPUT
# when those are set, and exits 0 (clean), 1 (findings at or above fail-on) or 2 (error).
#
# `run.sh cache-key` prints key=... and build=true|false for the cache step instead.
set -euo pipefail

action_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache_root=${CERTLINT_CACHE_DIR:-${HOME:-/tmp}/.cache/certlint}

say() { printf 'certlint-action: %s\n' "$*" >&2; }

sha256() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

# A hash of everything the binary is built from.
source_key() {
    (
        cd "$action_dir" || exit
        find CMakeLists.txt cmake include src policies -type f -print0 2>/dev/null |
            LC_ALL=C sort -z | while IFS= read -r -d '' f; do sha256 "$f"; done
    ) | sha256 | cut -c1-16
}

find_certlint() {
    if [[ -n ${CERTLINT:-} ]]; then
        printf '%s\n' "$CERTLINT"
    elif command -v certlint >/dev/null 2>&1; then
        command -v certlint
    else
        return 1
    fi
}

# Debian/Ubuntu packages certlint builds with (the libraries are also needed to run a
# cached binary on a fresh runner).
install_build_deps() {
    local tools=(cmake g++ make pkg-config)
    local libs=(nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libfmt-dev libre2-dev libssl-dev)
    local missing=()
    local p
    command -v dpkg-query >/dev/null 2>&1 || return 0
    for p in "${tools[@]}"; do
        command -v "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    for p in "${libs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    say "installing build dependencies: ${missing[*]}"
    local sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
}

build_certlint() {
    local dir
    dir="$cache_root/$(source_key)"
    # Called as $(build_certlint) || ...: errexit does not apply here, so check each step.
    if [[ ${CERTLINT_INSTALL_DEPS:-${GITHUB_ACTIONS:-false}} == true ]]; then
        install_build_deps || return 1
    fi
    if [[ ! -x $dir/certlint ]]; then
        say "building certlint from $action_dir"
        cmake -S "$action_dir" -B "$dir/build" -DCMAKE_BUILD_TYPE=Release \
            -DCERTLINT_BUILD_TESTS=OFF >&2 || return 1
        cmake --build "$dir/build" --target certlint -j "$(nproc 2>/dev/null || echo 2)" >&2 ||
            return 1
        cp "$dir/build/certlint" "$dir/certlint.tmp" && mv "$dir/certlint.tmp" "$dir/certlint" ||
            return 1
    fi
    printf '%s\n' "$dir/certlint"
}

if [[ ${1:-} == cache-key ]]; then
    printf 'key=%s\n' "$(source_key)"
    if find_certlint >/dev/null; then echo build=false; else echo build=true; fi
    exit 0
fi

if ! certlint=$(find_certlint); then
    certlint=$(build_certlint) || {
        say "could not build certlint (put one on PATH, or see the build output above)"
        exit 2
    }
fi

# Inputs. Word splitting happens only here, into arrays, with globbing off.
set -f
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
read -r -d '' -a extra <<<"${INPUT_ARGS:-}" || true
set +f
((${#paths[@]} > 0)) || paths=(.)
fail_on=${INPUT_FAIL_ON:-error}
sarif=${INPUT_SARIF-certlint.sarif}
if [[ $sarif == *$'\n'* || $sarif == *$'\r'* ]]; then
    say "the sarif input must be one file name"
    exit 2
fi

common=(--no-color)
[[ -n ${INPUT_REGION:-} ]] && common+=(--region "$INPUT_REGION")
[[ -n ${INPUT_CONFIG:-} ]] && common+=(--config "$INPUT_CONFIG")
common+=("${extra[@]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Annotations, and the verdict (exit status per fail-on).
status=0
"$certlint" "${common[@]}" --fail-on "$fail_on" --format github --output "$work/annotations" \
    -- "${paths[@]}" || status=$?
if ((status > 1)); then
    say "certlint failed (exit $status)"
    exit "$status"
fi
cat "$work/annotations"

# 2. SARIF for code scanning; 3. the markdown report for the job summary.
if [[ -n $sarif ]]; then
    mkdir -p -- "$(dirname -- "$sarif")"
    "$certlint" "${common[@]}" --fail-on never --format sarif --output "$sarif" -- "${paths[@]}"
fi
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    "$certlint" "${common[@]}" --fail-on never --format markdown -- "${paths[@]}" \
        >>"$GITHUB_STEP_SUMMARY"
fi

# One annotation line per finding (messages have their line breaks escaped).
findings=$(grep -c '^::\(error\|warning\|notice\) ' "$work/annotations" || true)
errors=$(grep -c '^::error ' "$work/annotations" || true)
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    {
        printf 'sarif=%s\n' "$sarif"
        printf 'findings=%s\n' "$findings"
        printf 'errors=%s\n' "$errors"
    } >>"$GITHUB_OUTPUT"
fi
say "$findings finding(s), $errors error(s); fail-on $fail_on: exit $status"
exit "$status"
