#!/usr/bin/env bash
# Times certlint against `jq -c length` (a bare parse of the same file) on generated Terraform
# plans (bench/gen_tf_plan.py) or CloudFormation templates (bench/gen_cfn_template.py) and
# records the peak memory of both with /usr/bin/time -v.
#
# Usage: bench/run.sh [N ...]          groups per plan; default: 1000 5000 8600 20000
#                                      (8600 groups is a ~100 MB plan)
#        bench/run.sh --template [N ...]
#                                      certificates per JSON template (each used by a
#                                      CloudFront distribution and a listener); default:
#                                      1000 5000 20000 (20000 is a ~38 MB template)
# Environment:
#   CERTLINT   the binary to time (default: build/release/certlint; build it with
#              `cmake --preset release && cmake --build --preset release`)
#   BENCH_DIR  where plans and scratch files go (default: build/bench)
#   RUNS       timed runs per command, after one warm-up run (default: 3)
#   HYPERFINE  the hyperfine binary (default: from PATH; set it empty to use /usr/bin/time)
#
# Times are the median of RUNS runs (hyperfine when installed, else /usr/bin/time); peak RSS
# is from one more run. This is a benchmark, not a test: it takes minutes, writes ~400 MB of
# plans and needs ~2 GB of memory for jq; CI never runs it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
certlint=${CERTLINT:-$root/build/release/certlint}
dir=${BENCH_DIR:-$root/build/bench}
runs=${RUNS:-3}
hyperfine=${HYPERFINE-$(command -v hyperfine || true)}
kind=plan
if [ "${1:-}" = --template ]; then
    kind=template
    shift
fi
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    if [ "$kind" = plan ]; then sizes=(1000 5000 8600 20000); else sizes=(1000 5000 20000); fi
fi

die() { echo "bench/run.sh: $*" >&2; exit 2; }
command -v jq >/dev/null || die "jq is required"
command -v python3 >/dev/null || die "python3 is required"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is required"
[ -x "$certlint" ] || die "no certlint binary at $certlint"
mkdir -p "$dir"

# Median wall time in seconds of RUNS runs of a command (its output discarded); the median,
# as shared machines have outliers.
seconds() {
    if [ -n "$hyperfine" ]; then
        local cmd
        cmd=$(printf '%q ' "$@")
        "$hyperfine" --style none --shell none --warmup 1 --runs "$runs" \
            --export-json "$dir/hyperfine.json" "$cmd" >/dev/null 2>"$dir/hyperfine.err" ||
            die "hyperfine failed: $(cat "$dir/hyperfine.err")"
        jq '.results[0].median' "$dir/hyperfine.json"
    else
        "$@" >/dev/null 2>&1 || true  # warm-up
        local times=()
        for _ in $(seq "$runs"); do
            /usr/bin/time -f %e -o "$dir/time.txt" "$@" >/dev/null 2>&1
            times+=("$(tail -n 1 "$dir/time.txt")")
        done
        python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" \
            "${times[@]}"
    fi
}

# Peak resident set size in MB of one run of a command.
peak_mb() {
    /usr/bin/time -v -o "$dir/rss.txt" "$@" >/dev/null 2>&1
    awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$dir/rss.txt"
}

printf '%-7s %9s | %8s %9s | %8s %9s | %10s %10s\n' \
    "$([ "$kind" = plan ] && echo groups || echo certs)" "size MB" "jq s" "jq MB" "cl s" "cl MB" \
    "cl/jq time" "cl MB/size"
args=(--fail-on never -q)
[ "$kind" = template ] && args+=(--region us-east-1)
for n in "${sizes[@]}"; do
    if [ "$kind" = plan ]; then
        plan="$dir/plan-$n.json"
        [ -s "$plan" ] || python3 "$here/gen_tf_plan.py" "$n" "$plan"
    else
        plan="$dir/template-$n.json"
        [ -s "$plan" ] || python3 "$here/gen_cfn_template.py" "$n" "$plan"
    fi
    size=$(python3 -c "import os; print(f'{os.path.getsize(\"$plan\") / 1048576:.1f}')")
    jq_s=$(seconds jq -c length "$plan")
    jq_mb=$(peak_mb jq -c length "$plan")
    cl_s=$(seconds "$certlint" "${args[@]}" "$plan")
    cl_mb=$(peak_mb "$certlint" "${args[@]}" "$plan")
    python3 - "$n" "$size" "$jq_s" "$jq_mb" "$cl_s" "$cl_mb" <<'EOF'
import sys
n, size, jq_s, jq_mb, cl_s, cl_mb = sys.argv[1], *map(float, sys.argv[2:])
print(f"{n:<7} {size:9.1f} | {jq_s:8.2f} {jq_mb:9.1f} | {cl_s:8.2f} {cl_mb:9.1f} | "
      f"{cl_s / jq_s:10.2f} {cl_mb / size:10.2f}")
EOF
done
