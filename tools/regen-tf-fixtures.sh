#!/usr/bin/env bash
# Regenerates plan.json files with real Terraform, from the sources kept next to them: a rule
# fixture's fixtures/rules/<ID>/<case>/terraform/, a golden scenario's terraform/ (or src/,
# which --source-dir also reads), examples/terraform/. The sources are main.tf (and modules),
# and terraform.tfstate when the plan has existing resources: a crafted state, planned with
# -refresh=false. The sources are what a user writes (a provider with its region, nothing
# test-only): the provider gets mock credentials from the environment and talks to
# tools/aws-stub.py instead of AWS, which answers its identity check and, for a case whose plan
# reads aws_route53_zone data sources, the zones in the case's zones.json; for one that reads an
# aws_acm_certificate data source or imports a certificate, the certificates in its
# certificates.json. A rule fixture's
# findings are then checked against its expected.json; golden reports are reviewed with
# tools/approve-golden.sh.
#
# Usage: tools/regen-tf-fixtures.sh DIR...   (e.g. fixtures/rules/CL303/fire_new_certificate,
#        fixtures/golden/mixed, examples)
# Needs: terraform 1.11.4 and the AWS provider 5.100.0 in a filesystem mirror
# (TF_PLUGIN_MIRROR, default /opt/tf-plugins); never downloads. Not run by CI (the plans are
# committed); run it after changing a case's sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
certlint=${CERTLINT:-$root/build/release/certlint}
die() { echo "regen-tf-fixtures: $*" >&2; exit 2; }
command -v terraform >/dev/null || die "terraform is required"
command -v jq >/dev/null || die "jq is required"
[ -d "$mirror" ] || die "no provider mirror at $mirror"
[ -x "$certlint" ] || die "no certlint at $certlint (cmake --build --preset release)"
[ $# -gt 0 ] || die "usage: $0 DIR..."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
export TF_CLI_CONFIG_FILE=$work/terraformrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

status=0
for case in "$@"; do
    case=$(cd "$case" && pwd)
    src=$case/terraform
    [ -d "$src" ] || src=$case/src
    # main.tf, or a JSON-syntax configuration: main.tf.json, or cdk.tf.json as CDK for
    # Terraform writes it
    [ -f "$src/main.tf" ] || [ -f "$src/main.tf.json" ] || [ -f "$src/cdk.tf.json" ] ||
        die "$case: no main.tf, main.tf.json or cdk.tf.json in terraform/ or src/"
    run=$work/$(basename "$(dirname "$case")")-$(basename "$case")
    mkdir -p "$run"
    cp -R "$src"/. "$run"/
    (
        cd "$run"
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        [ -f zones.json ] || echo '[]' >zones.json
        [ -f certificates.json ] || echo '[]' >certificates.json
        python3 "$root/tools/aws-stub.py" "$port" zones.json certificates.json 2>stub.log &
        stub=$!
        trap 'kill $stub 2>/dev/null || true' EXIT
        for _ in $(seq 50); do  # until it listens
            python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.1)" 2>/dev/null && break
            sleep 0.1
        done
        unset AWS_SESSION_TOKEN AWS_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
        export AWS_ACCESS_KEY_ID=mock AWS_SECRET_ACCESS_KEY=mock AWS_EC2_METADATA_DISABLED=true \
            AWS_ENDPOINT_URL_STS=http://127.0.0.1:$port AWS_ENDPOINT_URL_ROUTE_53=http://127.0.0.1:$port \
            AWS_ENDPOINT_URL_ACM=http://127.0.0.1:$port
        terraform init -input=false -no-color >init.log 2>&1 || { cat init.log; exit 1; }
        terraform plan -refresh=false -input=false -no-color -out=tfplan >plan.log 2>&1 ||
            { cat plan.log; exit 1; }
        terraform show -json tfplan | jq . >"$case/plan.json"  # indented, as committed
    ) || die "$case: terraform failed"
    if [[ $case != */fixtures/rules/* ]]; then
        echo "$case: generated (golden reports: tools/approve-golden.sh, then git diff)"
        continue
    fi
    python3 - "$certlint" "$case" <<'PY' || status=1
import collections, json, subprocess, sys
certlint, case = sys.argv[1], sys.argv[2]
expected = json.load(open(f"{case}/expected.json"))
args = [certlint, "--format", "json", "--fail-on", "never", "--now", "2026-11-01T00:00:00Z",
        *expected.get("args", []), f"{case}/plan.json"]
out = subprocess.run(args, capture_output=True, text=True)
if out.returncode != 0:
    sys.exit(f"{case}: certlint exit {out.returncode}: {out.stderr.strip()}")
key = lambda f: (f["rule_id"], f["resource"], f.get("certificate", ""))
got = collections.Counter(key(f) for f in json.loads(out.stdout)["findings"])
want = collections.Counter(key(f) for f in expected["findings"])
if got != want:
    print(f"{case}: findings differ from expected.json")
    for k in sorted((want - got).elements()): print("  missing:", *k)
    for k in sorted((got - want).elements()): print("  extra:  ", *k)
    sys.exit(1)
print(f"{case}: ok ({sum(got.values())} findings)")
PY
done
exit $status
