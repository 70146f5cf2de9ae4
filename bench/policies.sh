#!/usr/bin/env bash
# What custom policies (docs/policies.md) cost: certlint on a generated Terraform plan
# (bench/gen_tf_plan.py) without policies, and with N generated policies
# (bench/gen_policies.py: every operator, half on certificates, half on consumers).
#
# Usage: bench/policies.sh [GROUPS [POLICIES]]   default: 8600 groups (a ~95 MiB plan), 200
# Environment: CERTLINT (default build/release/certlint), BENCH_DIR (default build/bench),
#              RUNS (default 5). Needs hyperfine and python3. A benchmark, not a test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
certlint=${CERTLINT:-$root/build/release/certlint}
dir=${BENCH_DIR:-$root/build/bench}
runs=${RUNS:-5}
groups=${1:-8600}
count=${2:-200}
die() { echo "bench/policies.sh: $*" >&2; exit 2; }
command -v hyperfine >/dev/null || die "hyperfine is required"
[ -x "$certlint" ] || die "no certlint binary at $certlint"
mkdir -p "$dir"
plan=$dir/plan-$groups.json
[ -s "$plan" ] || python3 "$here/gen_tf_plan.py" "$groups" "$plan"
policies=$dir/policies-$count
rm -rf "$policies"
python3 "$here/gen_policies.py" "$count" "$policies"
"$certlint" --fail-on never -f json --policy "$policies" "$plan" >"$dir/policies-report.json"
echo "plan: $(du -mL "$plan" | cut -f1) MiB, $groups groups; $count policies;" \
    "$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"]; print(len(f), "findings,", sum(x["rule_id"].startswith("GEN") for x in f), "from policies")' "$dir/policies-report.json")"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$dir/policies.json" \
    "$certlint --fail-on never -q $plan" \
    "$certlint --fail-on never -q --policy $policies $plan" >/dev/null
python3 - "$dir/policies.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for name, x in zip(("without policies", "with policies"), r):
    print(f"{name:17} wall {x['median']:.2f} s (median)  user {x['user']:.2f} s  system {x['system']:.2f} s")
print(f"policies add      wall {r[1]['median'] - r[0]['median']:+.2f} s  user {r[1]['user'] - r[0]['user']:+.2f} s")
PY
