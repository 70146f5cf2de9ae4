#!/usr/bin/env bash
# Times certlint on generated ACM inventories (bench/gen_inventory.py: JSON Lines of
# describe-certificate answers, as tools/acm-inventory.sh exports them) of N certificates, and
# records its peak memory with /usr/bin/time -v. Linear in N; 10 000 certificates (17 MB)
# should take well under a second.
#
# Usage: bench/inventory.sh [N ...]     default: 1000 10000 20000
# Environment: CERTLINT (default build/release/certlint), BENCH_DIR (default build/bench),
#              RUNS timed runs after one warm-up (default 5).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
certlint=${CERTLINT:-$root/build/release/certlint}
dir=${BENCH_DIR:-$root/build/bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 20000)
[ -x "$certlint" ] || { echo "bench/inventory.sh: no certlint at $certlint" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/inventory.sh: /usr/bin/time is required" >&2; exit 2; }
mkdir -p "$dir"

printf '| certificates | inventory (MiB) | certlint time (median of %s) | per 1 000 | peak RSS |\n' "$runs"
printf '| -----------: | --------------: | ---------------------------: | --------: | -------: |\n'
for n in "${sizes[@]}"; do
    file=$dir/inventory-$n.jsonl
    [ -f "$file" ] || python3 "$here/gen_inventory.py" "$n" "$file"
    args=(--format json --fail-on never --now 2026-11-01T00:00:00Z --output /dev/null "$file")
    "$certlint" "${args[@]}"  # warm-up
    times=()
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$certlint" "${args[@]}"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
    rss=$(/usr/bin/time -v "$certlint" "${args[@]}" 2>&1 >/dev/null |
        awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}')
    size=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {printf "%.1f", b / 1048576}')
    printf '| %12s | %15s | %26.3f s | %7.3f s | %4.1f MiB |\n' "$n" "$size" "$median" \
        "$(echo "$median * 1000 / $n" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
