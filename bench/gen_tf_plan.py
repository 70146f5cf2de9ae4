#!/usr/bin/env python3
"""Writes a large, realistic `terraform show -json` plan for benchmarks.

N groups, each in its own instance of module "site" (for_each): a DNS-validated
certificate on the us_east_1 provider alias, its Route 53 validation records, the
validation waiter, a CloudFront distribution and an ALB listener certificate that use it.
Every 10th group's listener uses the us-east-1 certificate from an eu-west-1 listener
(CL102), so the checks have real work to do. Usage: gen_tf_plan.py N OUT.json
"""
import json
import sys
import uuid

P = "registry.terraform.io/hashicorp/aws"


def change(address, module, typ, name, index, after, unknown):
    rc = {"address": address, "module_address": module, "mode": "managed", "type": typ,
          "name": name}
    if index is not None:
        rc["index"] = index
    rc.update({"provider_name": P,
               "change": {"actions": ["create"], "before": None, "after": after,
                          "after_unknown": unknown, "before_sensitive": False,
                          "after_sensitive": {"tags": {}, "tags_all": {}}}})
    return rc


def values(rc):
    v = {k: rc[k] for k in ("address", "mode", "type", "name") if k in rc}
    if "index" in rc:
        v["index"] = rc["index"]
    v.update({"provider_name": P, "schema_version": 0, "values": rc["change"]["after"],
              "sensitive_values": {"tags": {}, "tags_all": {}}})
    return v


def group(i):
    key = f"site{i:06d}"
    mod = f'module.site["{key}"]'
    domain = f"{key}.example.com"
    tags = {"Name": domain, "Team": "platform", "CostCenter": f"cc-{i % 97:03d}",
            "Environment": "production"}
    cert = change(f"{mod}.aws_acm_certificate.this", mod, "aws_acm_certificate", "this", None,
                  {"certificate_authority_arn": None, "certificate_body": None,
                   "certificate_chain": None, "domain_name": domain,
                   "domain_validation_options": [{"domain_name": domain},
                                                 {"domain_name": "www." + domain}],
                   "early_renewal_duration": None, "key_algorithm": "RSA_2048",
                   "options": [{"certificate_transparency_logging_preference": "ENABLED",
                                "export": "DISABLED"}],
                   "private_key": None, "subject_alternative_names": [domain, "www." + domain],
                   "tags": tags, "tags_all": tags, "validation_method": "DNS",
                   "validation_option": []},
                  {"arn": True, "domain_validation_options": [
                      {"resource_record_name": True, "resource_record_type": True,
                       "resource_record_value": True}] * 2, "id": True, "not_after": True,
                   "not_before": True, "options": [{}], "pending_renewal": True,
                   "renewal_eligibility": True, "renewal_summary": True, "status": True,
                   "subject_alternative_names": [False, False], "tags": {}, "tags_all": {},
                   "type": True, "validation_emails": True, "validation_option": []})
    records = [change(f'{mod}.aws_route53_record.validation["{d}"]', mod, "aws_route53_record",
                      "validation", d,
                      {"allow_overwrite": True, "ttl": 60, "zone_id": "Z0123456789ABCDEFGHIJ",
                       "health_check_id": None, "set_identifier": None, "alias": [],
                       "cidr_routing_policy": [], "failover_routing_policy": [],
                       "geolocation_routing_policy": [], "latency_routing_policy": [],
                       "weighted_routing_policy": [], "multivalue_answer_routing_policy": None},
                      {"fqdn": True, "id": True, "name": True, "records": True, "type": True})
               for d in (domain, "www." + domain)]
    waiter = change(f"{mod}.aws_acm_certificate_validation.this", mod,
                    "aws_acm_certificate_validation", "this", None,
                    {"timeouts": None}, {"certificate_arn": True, "id": True,
                                         "validation_record_fqdns": True})
    cdn = change(f"{mod}.aws_cloudfront_distribution.this", mod, "aws_cloudfront_distribution",
                 "this", None,
                 {"aliases": [domain, "www." + domain], "comment": f"site {key}",
                  "custom_error_response": [], "default_root_object": "index.html",
                  "default_cache_behavior": [{
                      "allowed_methods": ["GET", "HEAD", "OPTIONS"],
                      "cached_methods": ["GET", "HEAD"], "compress": True,
                      "default_ttl": 3600, "field_level_encryption_id": "",
                      "forwarded_values": [], "function_association": [],
                      "lambda_function_association": [], "max_ttl": 86400, "min_ttl": 0,
                      "origin_request_policy_id": "", "realtime_log_config_arn": "",
                      "response_headers_policy_id": "", "smooth_streaming": False,
                      "target_origin_id": "s3-" + key, "trusted_key_groups": [],
                      "trusted_signers": [], "viewer_protocol_policy": "redirect-to-https"}],
                  "enabled": True, "http_version": "http2and3", "is_ipv6_enabled": True,
                  "logging_config": [], "ordered_cache_behavior": [],
                  "origin": [{"connection_attempts": 3, "connection_timeout": 10,
                              "custom_header": [], "custom_origin_config": [],
                              "domain_name": f"{key}-content.s3.us-east-1.amazonaws.com",
                              "origin_access_control_id": "E2QWRUHAPOMQZL",
                              "origin_id": "s3-" + key, "origin_path": "",
                              "origin_shield": [], "s3_origin_config": []}],
                  "origin_group": [], "price_class": "PriceClass_100",
                  "restrictions": [{"geo_restriction": [{"locations": [],
                                                         "restriction_type": "none"}]}],
                  "retain_on_delete": False, "staging": False, "tags": tags,
                  "tags_all": tags,
                  "viewer_certificate": [{"cloudfront_default_certificate": False,
                                          "iam_certificate_id": None,
                                          "minimum_protocol_version": "TLSv1.2_2021",
                                          "ssl_support_method": "sni-only"}],
                  "wait_for_deployment": True, "web_acl_id": None},
                 {"arn": True, "caller_reference": True, "domain_name": True, "etag": True,
                  "hosted_zone_id": True, "id": True, "in_progress_validation_batches": True,
                  "last_modified_time": True, "status": True, "trusted_key_groups": True,
                  "trusted_signers": True,
                  "viewer_certificate": [{"acm_certificate_arn": True}]})
    listener_region = "eu-west-1" if i % 10 == 0 else "us-east-1"
    listener = change(f"{mod}.aws_lb_listener_certificate.this", mod,
                      "aws_lb_listener_certificate", "this", None,
                      {"listener_arn": f"arn:aws:elasticloadbalancing:{listener_region}:111122223333:"
                                       f"listener/app/shared/{uuid.UUID(int=i).hex[:16]}/"
                                       f"{uuid.UUID(int=i + 1).hex[:16]}"},
                      {"certificate_arn": True, "id": True})
    return [cert] + records + [waiter, cdn, listener]


def ref(*r):
    return {"references": list(r)}


def configuration():
    mod = {
        "resources": [
            {"address": "aws_acm_certificate.this", "mode": "managed",
             "type": "aws_acm_certificate", "name": "this", "provider_config_key": "aws.us_east_1",
             "expressions": {"domain_name": ref("var.domain"),
                             "subject_alternative_names": ref("var.domain"),
                             "validation_method": {"constant_value": "DNS"},
                             "tags": ref("var.tags")}, "schema_version": 0},
            {"address": "aws_route53_record.validation", "mode": "managed",
             "type": "aws_route53_record", "name": "validation",
             "provider_config_key": "aws.us_east_1",
             "expressions": {"allow_overwrite": {"constant_value": True},
                             "name": ref("each.value.name", "each.value"),
                             "records": ref("each.value.record", "each.value"),
                             "ttl": {"constant_value": 60},
                             "type": ref("each.value.type", "each.value"),
                             "zone_id": ref("var.zone_id")},
             "schema_version": 2,
             "for_each_expression": ref("aws_acm_certificate.this.domain_validation_options",
                                        "aws_acm_certificate.this")},
            {"address": "aws_acm_certificate_validation.this", "mode": "managed",
             "type": "aws_acm_certificate_validation", "name": "this",
             "provider_config_key": "aws.us_east_1",
             "expressions": {"certificate_arn": ref("aws_acm_certificate.this.arn",
                                                    "aws_acm_certificate.this"),
                             "validation_record_fqdns": ref("aws_route53_record.validation")},
             "schema_version": 0},
            {"address": "aws_cloudfront_distribution.this", "mode": "managed",
             "type": "aws_cloudfront_distribution", "name": "this",
             "provider_config_key": "aws.us_east_1",
             "expressions": {"aliases": ref("var.domain"),
                             "viewer_certificate": [{
                                 "acm_certificate_arn": ref(
                                     "aws_acm_certificate_validation.this.certificate_arn",
                                     "aws_acm_certificate_validation.this"),
                                 "minimum_protocol_version": {"constant_value": "TLSv1.2_2021"},
                                 "ssl_support_method": {"constant_value": "sni-only"}}]},
             "schema_version": 1},
            {"address": "aws_lb_listener_certificate.this", "mode": "managed",
             "type": "aws_lb_listener_certificate", "name": "this",
             "provider_config_key": "aws.us_east_1",
             "expressions": {"certificate_arn": ref(
                 "aws_acm_certificate_validation.this.certificate_arn",
                 "aws_acm_certificate_validation.this"),
                 "listener_arn": ref("var.listener_arn")},
             "schema_version": 0}],
        "variables": {"domain": {"description": "Site domain"},
                      "listener_arn": {"description": "Listener to attach to"},
                      "tags": {"default": {}}, "zone_id": {"description": "Route 53 zone"}}}
    return {
        "provider_config": {
            "aws": {"name": "aws", "full_name": P, "version_constraint": "~> 5.70",
                    "expressions": {"region": {"constant_value": "eu-west-1"}}},
            "aws.us_east_1": {"name": "aws", "full_name": P, "alias": "us_east_1",
                              "version_constraint": "~> 5.70",
                              "expressions": {"region": {"constant_value": "us-east-1"}}}},
        "root_module": {"module_calls": {"site": {
            "source": "./modules/site",
            "expressions": {"domain": ref("each.key"), "listener_arn": ref("each.value"),
                            "zone_id": {"constant_value": "Z0123456789ABCDEFGHIJ"}},
            "for_each_expression": ref("var.sites"), "module": mod}}}}


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    changes, modules = [], []
    for i in range(n):
        rcs = group(i)
        changes.extend(rcs)
        modules.append({"resources": [values(rc) for rc in rcs],
                        "address": rcs[0]["module_address"]})
    plan = {"format_version": "1.2", "terraform_version": "1.9.8",
            "variables": {"sites": {"value": {}}},
            "planned_values": {"root_module": {"child_modules": modules}},
            "resource_changes": changes,
            "configuration": configuration(),
            "timestamp": "2026-11-20T09:14:02Z", "applyable": True, "complete": True,
            "errored": False}
    with open(out, "w") as f:
        json.dump(plan, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
