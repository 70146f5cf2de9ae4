#!/usr/bin/env python3
"""Writes a large ACM inventory for benchmarks: N certificates as JSON Lines of
`aws acm describe-certificate` answers (the AWS CLI v2's field set and ISO 8601 times), as
tools/acm-inventory.sh exports them. A mix like a real account: mostly DNS-validated
certificates in use by CloudFront or load balancers (two names each), some unused, some
imported, some pending validation, some renewals pending validation.
Usage: gen_inventory.py N OUT.jsonl
"""
import datetime
import hashlib
import json
import sys

NOW = datetime.datetime(2026, 11, 1, tzinfo=datetime.timezone.utc)
REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def certificate(i):
    h = hashlib.sha256(str(i).encode()).hexdigest()
    region = REGIONS[i % len(REGIONS)]
    account = "111122223333"
    arn = f"arn:aws:acm:{region}:{account}:certificate/{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
    domain = f"site{i:06d}.example.com"
    names = [domain, "www." + domain]
    kind = i % 20  # 0: imported, 1: pending request, 2: renewal pending, 3-4: unused
    created = NOW - datetime.timedelta(days=20 + i % 150, minutes=i % 997)
    status = "PENDING_VALIDATION" if kind == 1 else "ISSUED"
    issued = status == "ISSUED"
    if kind == 1:
        created = NOW - datetime.timedelta(hours=1 + i % 100)
    in_use = []
    if issued and kind not in (3, 4):
        in_use = ([f"arn:aws:cloudfront::{account}:distribution/E{h[:13].upper()}"]
                  if region == "us-east-1" else
                  [f"arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/web{i % 50}/{h[32:48]}"])

    def dvo(status):
        return [{"DomainName": n, "ValidationDomain": n, "ValidationStatus": status,
                 "ResourceRecord": {"Name": f"_{h[:32]}.{n}.", "Type": "CNAME",
                                    "Value": f"_{h[32:64]}.{h[:10]}.acm-validations.aws."},
                 "ValidationMethod": "DNS"} for n in names]

    c = {"CertificateArn": arn, "DomainName": domain, "SubjectAlternativeNames": names}
    if kind != 0:
        c["DomainValidationOptions"] = dvo("SUCCESS" if issued else "PENDING_VALIDATION")
    if issued:
        c.update({"Serial": ":".join(h[j:j + 2] for j in range(0, 32, 2)),
                  "Subject": f"CN={domain}", "Issuer": "Example CA" if kind == 0 else "Amazon"})
    if kind == 0:
        c["ImportedAt"] = iso(created)
    else:
        c["CreatedAt"] = iso(created)
        if issued:
            c["IssuedAt"] = iso(created + datetime.timedelta(minutes=2))
    c["Status"] = status
    if issued:
        c["NotBefore"] = iso(created)
        c["NotAfter"] = iso(created + datetime.timedelta(days=198))
    c["KeyAlgorithm"] = "RSA-2048" if i % 3 else "EC-prime256v1"
    if issued:
        c["SignatureAlgorithm"] = "SHA256WITHRSA"
    c["InUseBy"] = in_use
    c["Type"] = "IMPORTED" if kind == 0 else "AMAZON_ISSUED"
    if kind == 2:
        c["RenewalSummary"] = {"RenewalStatus": "PENDING_VALIDATION",
                               "DomainValidationOptions": dvo("PENDING_VALIDATION"),
                               "UpdatedAt": iso(NOW - datetime.timedelta(hours=i % 120))}
    c["KeyUsages"] = [{"Name": "DIGITAL_SIGNATURE"}, {"Name": "KEY_ENCIPHERMENT"}] if issued else []
    c["ExtendedKeyUsages"] = ([{"Name": "TLS_WEB_SERVER_AUTHENTICATION", "OID": "1.3.6.1.5.5.7.3.1"},
                               {"Name": "TLS_WEB_CLIENT_AUTHENTICATION", "OID": "1.3.6.1.5.5.7.3.2"}]
                              if issued else [])
    c["RenewalEligibility"] = "ELIGIBLE" if in_use else "INELIGIBLE"
    c["Options"] = {"CertificateTransparencyLoggingPreference": "ENABLED", "Export": "DISABLED"}
    return {"Certificate": c}


def main():
    n = int(sys.argv[1])
    with open(sys.argv[2], "w") as out:
        for i in range(n):
            out.write(json.dumps(certificate(i), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
