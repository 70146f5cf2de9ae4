#!/usr/bin/env python3
"""Writes a large CloudFormation template (JSON) for benchmarks: N DNS-validated
certificates, each used by a CloudFront distribution and an HTTPS listener.
Usage: gen_cfn_template.py N OUT.json
"""
import json
import sys


def main():
    n = int(sys.argv[1])
    resources = {}
    for i in range(n):
        domain = f"site{i:06d}.example.com"
        resources[f"Cert{i}"] = {
            "Type": "AWS::CertificateManager::Certificate",
            "Properties": {
                "DomainName": domain,
                "SubjectAlternativeNames": ["www." + domain],
                "ValidationMethod": "DNS",
                "DomainValidationOptions": [
                    {"DomainName": domain, "HostedZoneId": "Z0123456789ABCDEFGHIJ"},
                    {"DomainName": "www." + domain, "HostedZoneId": "Z0123456789ABCDEFGHIJ"}],
                "Tags": [{"Key": "Name", "Value": domain}, {"Key": "Team", "Value": "web"}]}}
        resources[f"Cdn{i}"] = {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {"DistributionConfig": {
                "Enabled": True, "Aliases": [domain, "www." + domain],
                "DefaultCacheBehavior": {"TargetOriginId": "s3", "ViewerProtocolPolicy":
                                         "redirect-to-https", "CachePolicyId":
                                         "658327ea-f89d-4fab-a63d-7e88639e58f6"},
                "Origins": [{"Id": "s3", "DomainName": f"{domain}.s3.amazonaws.com",
                             "S3OriginConfig": {"OriginAccessIdentity": ""}}],
                "ViewerCertificate": {"AcmCertificateArn": {"Ref": f"Cert{i}"},
                                      "SslSupportMethod": "sni-only",
                                      "MinimumProtocolVersion": "TLSv1.2_2021"}}}}
        resources[f"Listener{i}"] = {
            "Type": "AWS::ElasticLoadBalancingV2::Listener",
            "Properties": {"LoadBalancerArn": {"Ref": "LoadBalancer"}, "Port": 443,
                           "Protocol": "HTTPS", "Certificates": [{"CertificateArn":
                                                                  {"Ref": f"Cert{i}"}}],
                           "DefaultActions": [{"Type": "fixed-response", "FixedResponseConfig":
                                               {"StatusCode": "404"}}]}}
    template = {"AWSTemplateFormatVersion": "2010-09-09",
                "Parameters": {"LoadBalancer": {"Type": "String"}},
                "Resources": resources}
    with open(sys.argv[2], "w") as f:
        json.dump(template, f, indent=1)


if __name__ == "__main__":
    main()
