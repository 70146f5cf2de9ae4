#!/usr/bin/env bash
# Configuration mode at scale (issue 12): certlint on a generated tree of .tf files against
# `jq -c length` on a plan of the same resources (bench/gen_tf_config.py writes both), with
# CPU time (user + sys) and peak RSS from /usr/bin/time. CPU time, not wall time: the machine
# is shared. The targets: certlint's CPU time under jq's, its peak RSS under 3x the .tf size.
#
# Usage: bench/tfconfig.sh [STACKS ...]   default: 400 (2 000 module directories, ~20 000
#                                         resources, ~50 MB of .tf, an ~85 MB plan)
# Environment:
#   CERTLINT   the binary (default: build/release/certlint)
#   BENCH_DIR  where the trees and plans go (default: build/bench)
#   RUNS       measured runs of each command (default: 3); the table gives the median CPU
#              time and the largest peak RSS
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
certlint=${CERTLINT:-$root/build/release/certlint}
dir=${BENCH_DIR:-$root/build/bench}
runs=${RUNS:-3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(400)

die() { echo "bench/tfconfig.sh: $*" >&2; exit 2; }
command -v jq >/dev/null || die "jq is required"
command -v python3 >/dev/null || die "python3 is required"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required"
[ -x "$certlint" ] || die "no certlint binary at $certlint"
mkdir -p "$dir"

# "CPU_SECONDS PEAK_RSS_KB" of RUNS runs: the median CPU time, the largest peak RSS.
measure() {
    local out=() rss=0 line cpu kb
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%U %S %M' -o "$dir/time.txt" "$@" >/dev/null 2>&1 ||
            die "failed: $* ($(tail -n 3 "$dir/time.txt"))"
        line=$(tail -n 1 "$dir/time.txt")
        cpu=$(awk '{printf "%.2f", $1 + $2}' <<<"$line")
        kb=$(awk '{print $3}' <<<"$line")
        out+=("$cpu")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    printf '%s %s\n' "$(printf '%s\n' "${out[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")" \
        "$rss"
}

printf '| %6s | %11s | %9s | %9s | %10s | %11s | %12s | %9s | %9s |\n' stacks resources \
    ".tf MiB" "plan MiB" "jq CPU s" "jq RSS MiB" "certlint CPU" "RSS MiB" "RSS/.tf"
printf '| -----: | ----------: | --------: | --------: | ---------: | ----------: | -----------: | --------: | --------: |\n'
for n in "${sizes[@]}"; do
    tree=$dir/tfconfig-$n
    plan=$dir/tfconfig-$n-plan.json
    if [ ! -s "$plan" ] || [ ! -d "$tree" ]; then
        rm -rf "$tree"
        python3 "$here/gen_tf_config.py" --stacks "$n" "$tree" "$plan" >/dev/null
    fi
    tf_bytes=$(find "$tree" -name '*.tf' -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    plan_bytes=$(stat -c %s "$plan")
    resources=$(jq '.resource_changes | length' "$plan")
    read -r jq_cpu jq_kb < <(measure jq -c length "$plan")
    read -r cl_cpu cl_kb < <(measure "$certlint" --fail-on never -q "$tree")
    awk -v n="$n" -v r="$resources" -v tb="$tf_bytes" -v pb="$plan_bytes" -v jc="$jq_cpu" \
        -v jk="$jq_kb" -v cc="$cl_cpu" -v ck="$cl_kb" 'BEGIN {
        printf "| %6d | %11d | %9.1f | %9.1f | %8.2f s | %11.0f | %10.2f s | %9.0f | %9.2f |\n",
            n, r, tb / 1048576, pb / 1048576, jc, jk / 1024, cc, ck / 1024, ck * 1024 / tb }'
done
