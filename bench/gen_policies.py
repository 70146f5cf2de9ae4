#!/usr/bin/env python3
"""Writes N custom policies (product-spec section 8) for the policy benchmark
(bench/policies.sh): a mix of every operator and combinator, half on certificates and half on
consumers, spread over files of 20 policies. Usage: gen_policies.py N OUT_DIR
"""
import os
import sys

CERTIFICATE = [
    "domains: {every: {matches: '(.+\\.)?(example|corp%d)\\.(com|net)'}}",
    "key_algorithm: {in: [RSA_2048, EC_prime256v1, RSA_4096]}",
    "all: [{tags.Team: {exists: true}}, {tags.CostCenter: {exists: true}}, {tags.Owner%d: {exists: false}}]",
    "consumers: {count: {lte: %d}}",
    "not: {all: [{consumers: {some: {edge: {equals: true}}}}, "
    "{consumers: {some: {kind: {equals: OpenSearch domain}}}}, {domains: {count: {gte: %d}}}]}",
    "any: [{type: {equals: PRIVATE}}, {validation_method: {equals: DNS}}, "
    "{domain_name: {matches: 'x%d\\..*'}}]",
    "domains: {none: {matches: '.*\\.internal%d'}}",
    "region: {in: [us-east-1, eu-west-1, eu-central-%d]}",
]
CONSUMER = [
    "certificate.validation_method: {equals: DNS}",
    "not: {all: [{certificate.type: {equals: PRIVATE}}, {kind: {in: [CloudFront distribution, "
    "API Gateway domain name]}}]}",
    "domains: {every: {matches: '.*\\.example\\.(com|org%d)'}}",
    "any: [{edge: {equals: false}}, {certificate.region: {equals: us-east-1}}]",
    "certificate: {key_algorithm: {in: [RSA_2048, EC_prime256v1, RSA_4096]}}",
]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    per_file = 20
    for f in range(0, n, per_file):
        lines = ["policies:"]
        for i in range(f, min(n, f + per_file)):
            on = "certificate" if i % 2 == 0 else "consumer"
            pool = CERTIFICATE if on == "certificate" else CONSUMER
            require = pool[(i // 2) % len(pool)]
            if "%d" in require:
                require = require % (i + 2)
            lines += [
                f"  - id: GEN{i + 1:03d}",
                f"    name: generated-{i + 1}",
                "    severity: warning",
                f"    description: Generated policy {i + 1}.",
                f"    on: {on}",
                f"    require: {{{require}}}",
                '    message: "{resource}: {failing}"',
            ]
        with open(os.path.join(out, f"generated-{f // per_file:02d}.yaml"), "w") as fh:
            fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
