#!/usr/bin/env bash
# Exports every ACM certificate of an AWS account as JSON Lines, one `aws acm
# describe-certificate` answer a line, for certlint (spec §7, kind acm-inventory):
#
#     tools/acm-inventory.sh [--profile P] [--regions r1,r2|all] > acm.jsonl && certlint acm.jsonl
#
# Regions: every region enabled for the account (`aws ec2 describe-regions`, which lists only
# enabled regions unless asked for all, needs only ec2:DescribeRegions — part of the ReadOnly
# and SecurityAudit policies — and answers in every partition; `aws account list-regions`
# needs account:ListRegions and exists only in the commercial partition), or the ones given.
# In each: `list-certificates` with every key type (by default ACM lists only RSA_1024 and
# RSA_2048 certificates), every page, then `describe-certificate` for each ARN.
#
# Standard output: the certificates, one JSON object a line; `[]` when the account has none
# (an explicit empty inventory, which certlint reads as clean; an empty file it refuses).
# Standard error: progress, and each region that failed. Exit codes: 0 all exported; 1 some
# region failed (named on stderr; the other regions are still exported); 2 usage error, or
# the AWS CLI, jq or credentials are missing.
#
# Needs: the AWS CLI (v1 or v2) and jq. Permissions: ec2:DescribeRegions (unless --regions
# names them), acm:ListCertificates, acm:DescribeCertificate, sts:GetCallerIdentity.
set -euo pipefail

readonly key_types=RSA_1024,RSA_2048,RSA_3072,RSA_4096,EC_prime256v1,EC_secp384r1,EC_secp521r1
readonly page_size=500

die() {
    echo "acm-inventory: $*" >&2
    exit 2
}

usage() {
    echo "usage: $0 [--profile PROFILE] [--regions REGION[,REGION...]|all] > acm.jsonl" >&2
    exit 2
}

profile=""
regions="all"
while [ $# -gt 0 ]; do
    case $1 in
        --profile)
            { [ $# -ge 2 ] && [ -n "$2" ]; } || usage
            profile=$2
            shift 2
            ;;
        --profile=*) profile=${1#--profile=}; shift ;;
        --regions)
            { [ $# -ge 2 ] && [ -n "$2" ]; } || usage
            regions=$2
            shift 2
            ;;
        --regions=*) regions=${1#--regions=}; shift ;;
        -h | --help)
            sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2
            exit 0
            ;;
        *) usage ;;
    esac
done

command -v aws >/dev/null 2>&1 ||
    die "the AWS CLI (aws) is not on PATH: install it (https://aws.amazon.com/cli/)"
command -v jq >/dev/null 2>&1 || die "jq is not on PATH: install it (apt-get install jq)"

# Every call: the profile, JSON output, no pager.
aws_() {
    if [ -n "$profile" ]; then
        AWS_PAGER="" aws --profile "$profile" --output json "$@"
    else
        AWS_PAGER="" aws --output json "$@"
    fi
}

# The first line of an error the CLI printed.
first_line() {
    grep -v '^[[:space:]]*$' "$1" | head -n 1 || true
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! aws_ sts get-caller-identity >"$work/identity.json" 2>"$work/identity.err"; then
    die "no usable AWS credentials${profile:+ for profile $profile}: $(first_line "$work/identity.err")"
fi
account=$(jq -r '.Account // "unknown"' "$work/identity.json")

if [ "$regions" = "all" ]; then
    if ! aws_ ec2 describe-regions >"$work/regions.json" 2>"$work/regions.err"; then
        die "cannot list the account's regions (ec2 describe-regions): $(first_line "$work/regions.err"); name them with --regions"
    fi
    region_list=$(jq -r '.Regions[].RegionName' "$work/regions.json" | sort)
else
    region_list=$(tr ',' '\n' <<<"$regions" | sed '/^$/d')
fi
[ -n "$region_list" ] || die "no region to export"

# Exports one region's certificates to $work/out; returns non-zero (the error in $work/err)
# when a call fails.
export_region() {
    local region=$1 token="" page arn
    : >"$work/out"
    while :; do
        page=$work/page.json
        if [ -n "$token" ]; then
            aws_ acm list-certificates --region "$region" --includes "keyTypes=$key_types" \
                --max-items "$page_size" --starting-token "$token" >"$page" 2>"$work/err" || return 1
        else
            aws_ acm list-certificates --region "$region" --includes "keyTypes=$key_types" \
                --max-items "$page_size" >"$page" 2>"$work/err" || return 1
        fi
        while IFS= read -r arn; do
            [ -n "$arn" ] || continue
            if ! aws_ acm describe-certificate --region "$region" --certificate-arn "$arn" \
                >"$work/cert.json" 2>"$work/err"; then
                if grep -q ResourceNotFoundException "$work/err"; then
                    echo "acm-inventory: $region: $arn was deleted while exporting; skipped" >&2
                    continue
                fi
                return 1
            fi
            jq -c . "$work/cert.json" >>"$work/out" || return 1
        done < <(jq -r '.CertificateSummaryList[]?.CertificateArn' "$page")
        token=$(jq -r '.NextToken // empty' "$page")
        [ -n "$token" ] || break
    done
}

failed=()
total=0
echo "acm-inventory: account $account, regions: $(paste -sd ' ' - <<<"$region_list")" >&2
for region in $region_list; do
    if export_region "$region"; then
        count=$(wc -l <"$work/out" | tr -d ' ')
        total=$((total + count))
        cat "$work/out"
        echo "acm-inventory: $region: $count certificate(s)" >&2
    else
        failed+=("$region")
        echo "acm-inventory: $region: FAILED: $(first_line "$work/err")" >&2
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "acm-inventory: $total certificate(s) exported; ${#failed[@]} region(s) failed: ${failed[*]}" >&2
    exit 1
fi
[ "$total" -gt 0 ] || echo '[]'
echo "acm-inventory: $total certificate(s) exported" >&2
