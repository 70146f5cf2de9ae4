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
# Which certlint runs, first match:
#  1. $CERTLINT, or a certlint on PATH;
#  2. the release binary of the action's ref, when that ref is this source's release tag
#     (v + project(VERSION) in CMakeLists.txt) on Linux x86_64 or arm64: it downloads
#     SHA256SUMS and certlint-<version>-linux-<arch>.tar.gz from
#     $CERTLINT_RELEASE_URL/<ref>/ (default https://github.com/<repository>/releases/download;
#     a file:// URL reads a local directory), refuses a tarball whose SHA-256 differs
#     (exit 2), and keeps the binary in $CERTLINT_CACHE_DIR/release-<version>-linux-<arch>.
#     A release that does not exist (no SHA256SUMS, or no tarball for this machine) is not
#     an error: it goes on to 3. The ref and repository come from $CERTLINT_ACTION_REF and
#     $CERTLINT_ACTION_REPOSITORY (action.yml sets them: composite actions get no
#     GITHUB_ACTION_REF), else from the runner's path .../_actions/<owner>/<repo>/<ref>;
#  3. a build from the action's own source (a branch or SHA ref, macOS, a local checkout)
#     in $CERTLINT_CACHE_DIR/<key>, <key> naming the runner image and a hash of the source,
#     since the binary is linked against the image's shared libraries. With
#     CERTLINT_INSTALL_DEPS=true (the default on GitHub) missing Debian/Ubuntu build
#     packages are installed with apt-get (sudo when not root); elsewhere they must be there.
# ($CERTLINT_CACHE_DIR defaults to ~/.cache/certlint.)
#
# It prints annotations (--format github), appends the markdown report to
# $GITHUB_STEP_SUMMARY and writes the outputs sarif, findings and errors to $GITHUB_OUTPUT
# when those are set, and exits 0 (clean), 1 (findings at or above fail-on) or 2 (error).
#
# `run.sh prepare` only finds or fetches certlint, and prints for action.yml's outputs:
# certlint=PATH (empty when it must be built), build=true|false, and for a build key=<key>
# and path=<the binary to cache>. With CERTLINT_BUILD=true the run skips step 2.
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

# The runner image (GitHub's ImageOS/ImageVersion; the distribution, which in a container
# job is the container's) and machine: a binary built on one is not run on another.
image_id() {
    local id=${ImageOS:-}${ImageVersion:+-$ImageVersion}
    if [[ -r /etc/os-release ]]; then
        # shellcheck disable=SC1091 # os-release is shell assignments by definition
        id+=-$(. /etc/os-release && printf '%s%s' "${ID:-}" "${VERSION_ID:-}")
    fi
    id+=-$(uname -s)-$(uname -m)
    printf '%s' "${id#-}" | tr -c 'A-Za-z0-9._-' '_'
}

cache_key() { printf '%s-%s\n' "$(image_id)" "$(source_key)"; }

find_certlint() {
    if [[ -n ${CERTLINT:-} ]]; then
        printf '%s\n' "$CERTLINT"
    elif command -v certlint >/dev/null 2>&1; then
        command -v certlint
    else
        return 1
    fi
}

source_version() {
    sed -n 's/^project(certlint VERSION \([0-9][0-9.]*\).*/\1/p' "$action_dir/CMakeLists.txt"
}

# The ref the action was used at (v0.2.0, main, a SHA), empty for a local checkout.
action_ref() {
    if [[ -n ${CERTLINT_ACTION_REF:-} ]]; then
        printf '%s\n' "$CERTLINT_ACTION_REF"
    elif [[ $action_dir == */_actions/*/*/* ]]; then
        printf '%s\n' "${action_dir##*/}"
    fi
}

action_repository() {
    if [[ -n ${CERTLINT_ACTION_REPOSITORY:-} ]]; then
        printf '%s\n' "$CERTLINT_ACTION_REPOSITORY"
    else
        local repo=${action_dir%/*}
        printf '%s/%s\n' "$(basename "$(dirname "$repo")")" "$(basename "$repo")"
    fi
}

# apt_install PACKAGE...: with sudo when not root; fails where there is no apt-get.
apt_install() {
    local sudo=()
    command -v apt-get >/dev/null 2>&1 || return 1
    if [[ $(id -u) != 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            say "not root and no sudo: cannot install $*"
            return 1
        fi
        sudo=(sudo)
    fi
    say "installing $*"
    "${sudo[@]}" apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "$@" >&2
}

# curl or wget for the download (a Debian or Ubuntu container may have neither).
ensure_downloader() {
    command -v curl >/dev/null 2>&1 && return 0
    command -v wget >/dev/null 2>&1 && return 0
    if [[ ${CERTLINT_INSTALL_DEPS:-${GITHUB_ACTIONS:-false}} == true ]] &&
        apt_install curl ca-certificates; then
        return 0
    fi
    say "neither curl nor wget is installed: install one to download the release binary"
    return 1
}

# fetch URL FILE: https with curl or wget; file:// from the local file system.
fetch() {
    case $1 in
        file://*) cp -- "${1#file://}" "$2" 2>/dev/null ;;
        *)
            if command -v curl >/dev/null 2>&1; then
                curl -fsSL --retry 3 --connect-timeout 30 -o "$2" -- "$1"
            else
                wget -q -T 30 -t 3 -O "$2" -- "$1"
            fi
            ;;
    esac
}

# Prints the path of the verified release binary for the action's ref. Returns 1 when
# there is no release to use (build from source instead), 2 when there is one but it
# cannot be used (a download failed, the checksum differs): never run such a binary.
release_certlint() {
    local ref version machine arch
    ref=$(action_ref)
    version=$(source_version)
    if [[ -z $ref ]]; then
        say "no action ref (a local copy of the action): building from source"
        return 1
    fi
    if [[ -z $version || $ref != "v$version" ]]; then
        say "ref $ref is not a release of this source (v$version): building from source"
        return 1
    fi
    machine=$(uname -s)-$(uname -m)
    case $machine in
        Linux-x86_64 | Linux-amd64) arch=x86_64 ;;
        Linux-aarch64 | Linux-arm64) arch=arm64 ;;
        *)
            say "no release binary for $machine: building from source"
            return 1
            ;;
    esac
    local asset=certlint-$version-linux-$arch.tar.gz
    local dir=$cache_root/release-$version-linux-$arch
    if [[ -x $dir/certlint ]]; then
        printf '%s\n' "$dir/certlint"
        return 0
    fi
    local base=${CERTLINT_RELEASE_URL:-https://github.com/$(action_repository)/releases/download}
    [[ $base == file://* ]] || ensure_downloader || return 2
    local tmp
    tmp=$(mktemp -d) || return 2
    # A subshell, so that its EXIT trap removes the download whatever happens.
    (
        trap 'rm -rf "$tmp"' EXIT
        if ! fetch "$base/$ref/SHA256SUMS" "$tmp/SHA256SUMS"; then
            say "no release $ref at $base (no SHA256SUMS): building from source"
            exit 1
        fi
        want=$(awk -v f="$asset" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/SHA256SUMS")
        if [[ -z $want ]]; then
            say "release $ref has no $asset: building from source"
            exit 1
        fi
        if ! fetch "$base/$ref/$asset" "$tmp/$asset"; then
            say "could not download $asset of release $ref from $base"
            exit 2
        fi
        got=$(sha256 "$tmp/$asset" | cut -d' ' -f1)
        if [[ $got != "$want" ]]; then
            say "refusing $asset of release $ref: its SHA-256 is $got, SHA256SUMS says $want"
            exit 2
        fi
        tar -xzf "$tmp/$asset" -C "$tmp" "${asset%.tar.gz}/certlint" || exit 2
        mkdir -p "$dir" || exit 2
        if ! "$tmp/${asset%.tar.gz}/certlint" --version >&2; then
            say "the release binary $asset does not run on this machine"
            exit 2
        fi
        mv "$tmp/${asset%.tar.gz}/certlint" "$dir/certlint" || exit 2
        say "using the release binary $asset (SHA-256 $got)"
    ) || return
    printf '%s\n' "$dir/certlint"
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
    say "build dependencies missing: ${missing[*]}"
    apt_install "${missing[@]}"
}

build_certlint() {
    local dir
    dir="$cache_root/$(cache_key)"
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
    else
        say "using the cached build $dir/certlint"
    fi
    printf '%s\n' "$dir/certlint"
}

if [[ ${1:-} == prepare ]]; then
    if certlint=$(find_certlint); then
        printf 'certlint=%s\nbuild=false\n' "$certlint"
        exit 0
    fi
    status=0
    certlint=$(release_certlint) || status=$?
    if ((status == 0)); then
        printf 'certlint=%s\nbuild=false\n' "$certlint"
    elif ((status == 1)); then
        key=$(cache_key)
        printf 'certlint=\nbuild=true\nkey=%s\npath=%s\n' "$key" "$cache_root/$key/certlint"
    else
        exit 2
    fi
    exit 0
fi

if ! certlint=$(find_certlint); then
    status=1
    if [[ ${CERTLINT_BUILD:-} != true ]]; then
        status=0
        certlint=$(release_certlint) || status=$?
    fi
    if ((status > 1)); then
        exit 2
    elif ((status == 1)); then
        certlint=$(build_certlint) || {
            say "could not build certlint (put one on PATH, or see the build output above)"
            exit 2
        }
    fi
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

# One run: annotations on stdout and the verdict (exit status per fail-on), and from the same
# run (--report) the SARIF for code scanning and the markdown for the job summary, so each
# input is read once. An input that cannot be read fails the run (exit 2) but does not hide
# the others: what was checked is still annotated and summarised.
reports=()
if [[ -n $sarif ]]; then
    mkdir -p -- "$(dirname -- "$sarif")"
    reports+=(--report "sarif=$sarif")
fi
[[ -n ${GITHUB_STEP_SUMMARY:-} ]] && reports+=(--report "markdown=$work/summary.md")
status=0
"$certlint" "${common[@]}" --fail-on "$fail_on" --format github --output "$work/annotations" \
    ${reports[@]+"${reports[@]}"} -- "${paths[@]}" || status=$?
[[ -f $work/annotations ]] || : >"$work/annotations"
cat "$work/annotations"
if [[ -n ${GITHUB_STEP_SUMMARY:-} && -f $work/summary.md ]]; then
    cat "$work/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi

# One annotation line per finding (messages have their line breaks escaped); inputs that
# could not be read are annotated too, titled "input not read", and are not findings.
findings=$(grep -v '^::error [^:]*,title=input not read::' "$work/annotations" |
    grep -c '^::\(error\|warning\|notice\) ' || true)
errors=$(grep -v '^::error [^:]*,title=input not read::' "$work/annotations" |
    grep -c '^::error ' || true)
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    {
        printf 'sarif=%s\n' "$sarif"
        printf 'findings=%s\n' "$findings"
        printf 'errors=%s\n' "$errors"
    } >>"$GITHUB_OUTPUT"
fi
if ((status > 1)); then
    say "certlint failed (exit $status): $findings finding(s) in what it could read"
    exit "$status"
fi
say "$findings finding(s), $errors error(s); fail-on $fail_on: exit $status"
exit "$status"
