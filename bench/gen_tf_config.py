#!/usr/bin/env python3
"""Writes a large, realistic Terraform configuration (a tree of .tf files) and a plan of the
same resources (`terraform show -json` shape) for the configuration-mode benchmark.

One model, two renderings. The model is a tree of module directories, each a list of
resource blocks whose arguments are Python values, some of them written in the .tf files as
expressions (variables, locals, references to other resources, module outputs, `each`,
`count`, templates, heredocs) with the value they evaluate to. The configuration is the .tf
rendering; the plan is the same tree expanded the way Terraform expands it (module calls with
count / for_each, resources with count / for_each) with every argument's value, and the
attributes known only after apply (arns, ids, fqdns, validation options) marked in
`after_unknown`. Certificate validation records are `for_each` over the certificate's
`domain_validation_options`: the plan has one instance per name (two), the configuration
cannot know them (one unkeyed instance in certlint's configuration mode).

Shape (default scale 1.0): the root calls STACKS stack modules (modules/stack_NNN; one in
ten with `for_each` over two colours, one in ten with `count`), each stack owns an ALB with an
HTTPS listener and calls four site modules (modules/stack_NNN/site_K; 5 directories per
stack): a CloudFront site whose certificate is on the us_east_1 provider alias, a site
behind the stack's listener, an API Gateway custom domain and a worker without a certificate.
Around the certificates is what real configurations mostly hold: S3 buckets and their
policy, versioning, encryption and public-access blocks, IAM roles with heredoc policies,
security groups with long nested ingress/egress blocks, rules with `count`, CloudWatch log
groups, variables with descriptions and validations, locals and outputs, and comments.

Usage: gen_tf_config.py [--stacks N] [--seed S] OUT_DIR PLAN.json
Defaults: 400 stacks (2 000 module directories, ~20 000 resource instances in the plan,
~50 MB of .tf). Deterministic for a given seed and N.
"""
import argparse
import json
import os
import random

P = "registry.terraform.io/hashicorp/aws"


class Expr:
    """An argument written as an HCL expression in the .tf, with its value in the plan
    (UNKNOWN when known only after apply)."""

    def __init__(self, text, value):
        self.text = text
        self.value = value


class Heredoc:
    def __init__(self, text, value):
        self.text = text  # the body as written (may hold ${...})
        self.value = value


UNKNOWN = object()
SG_RULES = 60  # ingress rules of a site's security group, plus 0-11 (sets the size)


class Block:
    def __init__(self, typ, body, labels=()):
        self.type = typ
        self.body = body  # list of (name, value); a value may be a Block
        self.labels = list(labels)


class Resource:
    def __init__(self, typ, name, body, meta=None, instances=None, computed=(), comment=None):
        self.type = typ
        self.name = name
        self.body = body
        self.meta = meta or []  # (name, text): count, for_each, provider, depends_on, lifecycle
        # instances: list of (key, body) for the plan; None: one unkeyed instance of `body`
        self.instances = instances
        self.computed = computed
        self.comment = comment


def q(s):
    return json.dumps(s, ensure_ascii=False).replace("${", "$${").replace("%{", "%%{")


def hcl_value(v, indent):
    pad = "  " * indent
    if isinstance(v, Expr):
        return v.text
    if isinstance(v, Heredoc):
        lines = v.text.rstrip("\n").split("\n")
        return "<<-EOT\n" + "".join(f"{pad}  {line}\n" for line in lines) + f"{pad}EOT"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, list):
        if not v:
            return "[]"
        inner = ", ".join(hcl_value(x, indent + 1) for x in v)
        if len(inner) < 80:
            return f"[{inner}]"
        return "[\n" + "".join(f"{pad}  {hcl_value(x, indent + 1)},\n" for x in v) + f"{pad}]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        width = max(len(k) for k in v)
        items = "".join(f"{pad}  {k:<{width}} = {hcl_value(x, indent + 1)}\n"
                        for k, x in v.items())
        return "{\n" + items + pad + "}"
    raise TypeError(type(v))


def hcl_body(body, indent):
    pad = "  " * indent
    out = []
    attrs = [(k, v) for k, v in body if not isinstance(v, Block)]
    width = max((len(k) for k, _ in attrs), default=0)
    for k, v in [(k, v) for k, v in body if not isinstance(v, Block)] + \
            [(k, v) for k, v in body if isinstance(v, Block)]:
        if isinstance(v, Block):
            labels = "".join(f" {q(lab)}" for lab in v.labels)
            out.append(f"\n{pad}{v.type}{labels} {{\n{hcl_body(v.body, indent + 1)}{pad}}}\n")
        else:
            out.append(f"{pad}{k:<{width}} = {hcl_value(v, indent)}\n")
    return "".join(out)


def plan_value(v):
    if isinstance(v, (Expr, Heredoc)):
        return None if v.value is UNKNOWN else v.value
    if isinstance(v, list):
        return [plan_value(x) for x in v]
    if isinstance(v, dict):
        return {k: plan_value(x) for k, x in v.items()}
    return v


def plan_body(body):
    out = {}
    for k, v in body:
        if isinstance(v, Block):
            out.setdefault(v.type, []).append(plan_body(v.body))
        else:
            out[k] = plan_value(v)
    return out


def unknown_marks(body):
    out = {}
    for k, v in body:
        if isinstance(v, Block):
            out.setdefault(v.type, []).append(unknown_marks(v.body))
        elif isinstance(v, Expr) and v.value is UNKNOWN:
            out[k] = True
    return out


# ---- the model -------------------------------------------------------------------------------


class Module:
    def __init__(self, rel_dir):
        self.dir = rel_dir
        self.files = {}  # name -> text
        self.resources = []
        self.calls = []  # (name, child Module, instance keys: [""] | ["[0]"] | ['["blue"]', ...])


def tags_expr(extra):
    return Expr(f"merge(local.tags, {hcl_value(extra, 2)})", None)


def security_group(rnd, name, vpc, desc, rules, tags):
    body = [("name", Expr(f'"${{local.prefix}}-{name}"', None)), ("description", desc),
            ("vpc_id", vpc)]
    for i in range(rules):
        port = rnd.choice([22, 80, 443, 5432, 6379, 8080, 8443, 9090, 3306, 27017])
        cidr = f"10.{rnd.randrange(256)}.{rnd.randrange(256)}.0/24"
        body.append(("ingress", Block("ingress", [
            ("description", f"Allow {port}/tcp from subnet {i} ({cidr}) for the service mesh"),
            ("from_port", port), ("to_port", port), ("protocol", "tcp"),
            ("cidr_blocks", [cidr]), ("ipv6_cidr_blocks", []), ("prefix_list_ids", []),
            ("security_groups", []), ("self", False)])))
    body.append(("egress", Block("egress", [
        ("description", "All outbound traffic"), ("from_port", 0), ("to_port", 0),
        ("protocol", "-1"), ("cidr_blocks", ["0.0.0.0/0"]), ("ipv6_cidr_blocks", ["::/0"]),
        ("prefix_list_ids", []), ("security_groups", []), ("self", False)])))
    body.append(("tags", tags))
    return Resource("aws_security_group", name, body, computed=("arn", "id", "owner_id"))


def iam_role(key, service, tags, account):
    assume = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": f"{service}.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": account}}}]}, indent=2)
    return Resource("aws_iam_role", "service", [
        ("name", Expr('"${local.prefix}-service"', f"{key}-service")),
        ("description", f"Service role of {key}, assumed by {service}"),
        ("assume_role_policy", Heredoc(assume, assume)),
        ("max_session_duration", 3600), ("path", "/service/"), ("tags", tags)],
        computed=("arn", "id", "unique_id", "create_date"))


def iam_policy(key, bucket):
    stmts = []
    for i, actions in enumerate([["s3:GetObject", "s3:ListBucket"],
                                 ["s3:PutObject", "s3:DeleteObject"],
                                 ["logs:CreateLogStream", "logs:PutLogEvents"],
                                 ["kms:Decrypt", "kms:GenerateDataKey"]]):
        stmts.append({"Sid": f"Statement{i}", "Effect": "Allow", "Action": actions,
                      "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]})
    text = json.dumps({"Version": "2012-10-17", "Statement": stmts}, indent=2)
    written = text.replace(f"arn:aws:s3:::{bucket}", "${aws_s3_bucket.content.arn}")
    return Resource("aws_iam_role_policy", "service", [
        ("name", f"{key}-service"), ("role", Expr("aws_iam_role.service.id", UNKNOWN)),
        ("policy", Heredoc(written, UNKNOWN))])


def bucket_resources(key, tags, versioning):
    bucket = f"{key}-content"
    bref = Expr("aws_s3_bucket.content.id", UNKNOWN)
    out = [
        Resource("aws_s3_bucket", "content", [
            ("bucket", Expr('"${local.prefix}-content"', bucket)), ("force_destroy", False),
            ("tags", tags)], computed=("arn", "id", "bucket_domain_name",
                                       "bucket_regional_domain_name", "hosted_zone_id")),
        Resource("aws_s3_bucket_server_side_encryption_configuration", "content", [
            ("bucket", bref),
            ("rule", Block("rule", [
                ("bucket_key_enabled", True),
                ("apply_server_side_encryption_by_default", Block(
                    "apply_server_side_encryption_by_default",
                    [("sse_algorithm", "aws:kms"), ("kms_master_key_id", None)]))]))]),
    ]
    if versioning:
        out.append(Resource("aws_s3_bucket_versioning", "content", [
            ("bucket", bref),
            ("versioning_configuration", Block("versioning_configuration",
                                               [("status", "Enabled")]))]))
    return bucket, out


def certificate(domain, provider, tags, waiter=True, lifecycle=True):
    meta = []
    if provider:
        meta.append(("provider", provider))
    if lifecycle:
        meta.append(("lifecycle", "lifecycle {\n    create_before_destroy = true\n  }"))
    out = [Resource("aws_acm_certificate", "this", [
        ("domain_name", Expr("var.domain", domain)),
        ("subject_alternative_names", Expr('["www.${var.domain}"]', ["www." + domain])),
        ("validation_method", "DNS"), ("key_algorithm", "RSA_2048"),
        ("options", Block("options", [("certificate_transparency_logging_preference",
                                       "ENABLED")])),
        ("tags", tags)], meta=meta,
        computed=("arn", "id", "domain_validation_options", "status", "not_after"),
        comment="The site's certificate; DNS-validated in the shared zone.")]
    records = []
    for d in (domain, "www." + domain):
        records.append((f'["{d}"]', [
            ("allow_overwrite", True),
            ("name", Expr("each.value.name", UNKNOWN)),
            ("records", Expr("[each.value.record]", UNKNOWN)),
            ("ttl", 60), ("type", Expr("each.value.type", UNKNOWN)),
            ("zone_id", Expr("var.zone_id", "Z0123456789ABCDEFGHIJ"))]))
    rec_meta = [("for_each", "{\n    for dvo in aws_acm_certificate.this.domain_validation_options"
                             " : dvo.domain_name => {\n      name   = dvo.resource_record_name\n"
                             "      record = dvo.resource_record_value\n"
                             "      type   = dvo.resource_record_type\n    }\n  }")]
    out.append(Resource("aws_route53_record", "validation", records[0][1], meta=rec_meta,
                        instances=records, computed=("fqdn", "id")))
    if waiter:
        wmeta = [("provider", provider)] if provider else []
        out.append(Resource("aws_acm_certificate_validation", "this", [
            ("certificate_arn", Expr("aws_acm_certificate.this.arn", UNKNOWN)),
            ("validation_record_fqdns",
             Expr("[for record in aws_route53_record.validation : record.fqdn]", UNKNOWN))],
            meta=wmeta, computed=("id",)))
    return out


VARIABLES = """\
variable "domain" {
  description = "The site's domain name. The certificate covers it and its www. name; the
  zone in var.zone_id must be authoritative for both."
  type        = string

  validation {
    condition     = length(var.domain) > 3 && !startswith(var.domain, ".")
    error_message = "The domain must be a fully qualified name without a leading dot."
  }
}

variable "zone_id" {
  description = "The Route 53 hosted zone the validation records go into."
  type        = string
}

variable "environment" {
  description = "Deployment environment: production, staging or development."
  type        = string
  default     = "production"
}

variable "tags" {
  description = "Tags applied to every resource of the module, merged over the defaults."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "The VPC the module's security groups belong to."
  type        = string
}

variable "listener_arn" {
  description = "The stack's HTTPS listener (sites served by the load balancer only)."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the module's logs."
  type        = number
  default     = 30
}
""".replace("domain name. The certificate covers it and its www. name; the\n  zone",
            "domain name. The certificate covers it and its www. name; the zone")


def site(rnd, stack_key, k, kind, domain, account, listener_value, n):
    """Site n of its kind. Some carry the mistakes certlint exists for: every 10th CloudFront
    site's certificate is on the default (eu-west-1) provider, every 7th load-balancer site
    attaches the certificate without waiting for its validation, every 5th certificate lacks
    create_before_destroy."""
    m = Module(f"site_{k}")
    key = f"{stack_key}-s{k}"
    team = rnd.choice(["platform", "web", "payments", "search", "data", "identity"])
    tags_value = {"Name": key, "Team": team, "Environment": "production",
                  "CostCenter": f"cc-{rnd.randrange(1000):03d}", "ManagedBy": "terraform",
                  "Service": kind}
    tags = Expr("local.tags", tags_value)
    rs = m.resources
    provider = "aws.us_east_1" if kind == "cloudfront" and n % 10 != 0 else None
    if kind != "worker":
        rs += certificate(domain, provider, tags, lifecycle=n % 5 != 0)
    bucket, buckets = bucket_resources(key, tags, kind == "worker")
    rs += buckets
    rs.append(iam_role(key, "lambda" if kind in ("api", "worker") else "ec2", tags, account))
    rs.append(iam_policy(key, bucket))
    rs.append(security_group(rnd, "service", Expr("var.vpc_id", "vpc-0a1b2c3d4e5f60718"),
                             f"Service traffic of {key}", SG_RULES + rnd.randrange(12), tags))
    rule_instances = []
    for i in range(2 if kind == "worker" else 0):
        rule_instances.append((f"[{i}]", [
            ("type", "ingress"), ("from_port", 8000 + i), ("to_port", 8000 + i),
            ("protocol", "tcp"), ("cidr_blocks", [f"10.{i}.0.0/16"]),
            ("security_group_id", Expr("aws_security_group.service.id", UNKNOWN)),
            ("description", f"Health checks from zone {i}")]))
    rules_body = [("type", "ingress"), ("from_port", Expr("8000 + count.index", 8000)),
                  ("to_port", Expr("8000 + count.index", 8000)), ("protocol", "tcp"),
                  ("cidr_blocks", Expr('["10.${count.index}.0.0/16"]', ["10.0.0.0/16"])),
                  ("security_group_id", Expr("aws_security_group.service.id", UNKNOWN)),
                  ("description", Expr('"Health checks from zone ${count.index}"', ""))]
    if rule_instances:
        rs.append(Resource("aws_security_group_rule", "health", rules_body,
                           meta=[("count", str(len(rule_instances)))], instances=rule_instances,
                           computed=("id",)))
    rs.append(Resource("aws_cloudwatch_log_group", "service", [
        ("name", Expr('"/aws/${var.environment}/${local.prefix}"', f"/aws/production/{key}")),
        ("retention_in_days", Expr("var.log_retention_days", 30)), ("tags", tags)],
        computed=("arn", "id")))
    cert_arn = Expr("aws_acm_certificate_validation.this.certificate_arn", UNKNOWN)
    if kind == "alb" and n % 7 == 0:
        cert_arn = Expr("aws_acm_certificate.this.arn", UNKNOWN)
    if kind == "cloudfront":
        behaviours = []
        for j, path in enumerate(["/static/*", "/api/*", "/images/*", "/assets/*"]):
            behaviours.append(("ordered_cache_behavior", Block("ordered_cache_behavior", [
                ("path_pattern", path), ("allowed_methods", ["GET", "HEAD", "OPTIONS"]),
                ("cached_methods", ["GET", "HEAD"]), ("target_origin_id", "s3-" + key),
                ("compress", True), ("viewer_protocol_policy", "redirect-to-https"),
                ("min_ttl", 0), ("default_ttl", 3600 * (j + 1)), ("max_ttl", 86400)])))
        rs.append(Resource("aws_cloudfront_distribution", "this", [
            ("enabled", True), ("is_ipv6_enabled", True), ("comment", f"site {key}"),
            ("aliases", Expr('[var.domain, "www.${var.domain}"]', [domain, "www." + domain])),
            ("default_root_object", "index.html"), ("price_class", "PriceClass_100"),
            ("http_version", "http2and3"),
            ("origin", Block("origin", [
                ("domain_name", Expr("aws_s3_bucket.content.bucket_regional_domain_name",
                                     UNKNOWN)),
                ("origin_id", "s3-" + key),
                ("origin_access_control_id", "E2QWRUHAPOMQZL")])),
            ("default_cache_behavior", Block("default_cache_behavior", [
                ("allowed_methods", ["GET", "HEAD", "OPTIONS"]),
                ("cached_methods", ["GET", "HEAD"]), ("target_origin_id", "s3-" + key),
                ("compress", True), ("viewer_protocol_policy", "redirect-to-https"),
                ("min_ttl", 0), ("default_ttl", 3600), ("max_ttl", 86400)]))]
            + behaviours + [
            ("restrictions", Block("restrictions", [("geo_restriction", Block(
                "geo_restriction", [("restriction_type", "none"), ("locations", [])]))])),
            ("viewer_certificate", Block("viewer_certificate", [
                ("acm_certificate_arn", cert_arn),
                ("ssl_support_method", "sni-only"),
                ("minimum_protocol_version", "TLSv1.2_2021")])),
            ("tags", tags)], meta=[("provider", "aws.us_east_1")],
            computed=("arn", "id", "domain_name", "etag", "hosted_zone_id", "status")))
    elif kind == "alb":
        rs.append(Resource("aws_lb_listener_certificate", "this", [
            ("listener_arn", Expr("var.listener_arn", listener_value)),
            ("certificate_arn", cert_arn)], computed=("id",)))
    elif kind == "api":
        rs.append(Resource("aws_api_gateway_domain_name", "this", [
            ("domain_name", Expr("var.domain", domain)),
            ("regional_certificate_arn", cert_arn), ("security_policy", "TLS_1_2"),
            ("endpoint_configuration", Block("endpoint_configuration",
                                             [("types", ["REGIONAL"])])),
            ("tags", tags)], computed=("arn", "id", "regional_domain_name")))
    outputs = ['output "bucket_arn" {\n  description = "The content bucket."\n'
               '  value       = aws_s3_bucket.content.arn\n}\n']
    if kind != "worker":
        outputs.append('output "certificate_arn" {\n  description = "The validated '
                       'certificate."\n  value       = aws_acm_certificate_validation.this.'
                       'certificate_arn\n}\n')
    locals_ = (f'locals {{\n  # Every resource of the site carries these.\n'
               f'  prefix = "{key}"\n  tags = merge({{\n'
               f'    Name        = local.prefix\n    Team        = "{team}"\n'
               f'    Environment = var.environment\n'
               f'    CostCenter  = "{tags_value["CostCenter"]}"\n'
               f'    ManagedBy   = "terraform"\n    Service     = "{kind}"\n'
               f'  }}, var.tags)\n}}\n')
    header = ("terraform {\n  required_providers {\n    aws = {\n"
              '      source                = "hashicorp/aws"\n'
              '      version               = ">= 5.0"\n'
              + ('      configuration_aliases = [aws.us_east_1]\n' if kind == "cloudfront" else "")
              + "    }\n  }\n}\n\n")
    m.files["versions.tf"] = header
    m.files["variables.tf"] = VARIABLES + "\n" + locals_
    m.files["outputs.tf"] = "\n".join(outputs)
    return m


def stack(rnd, i, account):
    key = f"stack{i:03d}"
    m = Module(f"modules/{key}")
    tags = Expr("local.tags", {"Stack": key, "Environment": "production",
                               "ManagedBy": "terraform"})
    m.resources.append(security_group(rnd, "alb", Expr("var.vpc_id", "vpc-0a1b2c3d4e5f60718"),
                                      f"Load balancer of {key}", 16, tags))
    m.resources.append(Resource("aws_lb", "this", [
        ("name", Expr('"${local.prefix}-alb"', f"{key}-alb")), ("internal", False),
        ("load_balancer_type", "application"),
        ("security_groups", Expr("[aws_security_group.alb.id]", UNKNOWN)),
        ("subnets", Expr("var.subnet_ids", ["subnet-0a", "subnet-0b", "subnet-0c"])),
        ("enable_deletion_protection", True), ("tags", tags)],
        computed=("arn", "id", "dns_name", "zone_id")))
    m.resources.append(Resource("aws_lb_target_group", "this", [
        ("name", Expr('"${local.prefix}-tg"', f"{key}-tg")), ("port", 8080),
        ("protocol", "HTTP"), ("vpc_id", Expr("var.vpc_id", "vpc-0a1b2c3d4e5f60718")),
        ("health_check", Block("health_check", [
            ("path", "/healthz"), ("matcher", "200-299"), ("interval", 15),
            ("healthy_threshold", 3), ("unhealthy_threshold", 3)])),
        ("tags", tags)], computed=("arn", "id")))
    domain0 = f"{key}-s1.example.com"
    m.resources.append(Resource("aws_lb_listener", "https", [
        ("load_balancer_arn", Expr("aws_lb.this.arn", UNKNOWN)), ("port", 443),
        ("protocol", "HTTPS"), ("ssl_policy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
        ("certificate_arn", Expr("module.site_1.certificate_arn", UNKNOWN)),
        ("default_action", Block("default_action", [
            ("type", "forward"),
            ("target_group_arn", Expr("aws_lb_target_group.this.arn", UNKNOWN))]))],
        computed=("arn", "id")))
    kinds = ["cloudfront", "alb", "api", "worker"]
    calls = []
    for k, kind in enumerate(kinds):
        domain = f"{key}-s{k}.example.com" if k != 1 else domain0
        child = site(rnd, key, k, kind, domain, account, UNKNOWN, i)
        providers = ("  providers = {\n    aws           = aws\n"
                     "    aws.us_east_1 = aws.us_east_1\n  }\n" if kind == "cloudfront" else "")
        extra = ("  listener_arn = aws_lb_listener.https.arn\n" if kind == "alb" else "")
        calls.append(f'module "site_{k}" {{\n  source = "./site_{k}"\n{providers}\n'
                     f'  domain      = "{domain}"\n  zone_id     = var.zone_id\n'
                     f'  vpc_id      = var.vpc_id\n  environment = var.environment\n'
                     f'  tags        = local.tags\n{extra}}}\n')
        m.calls.append((f"site_{k}", child, [""]))
    m.files["main.tf"] = (
        'terraform {\n  required_providers {\n    aws = {\n      source                = '
        '"hashicorp/aws"\n      configuration_aliases = [aws.us_east_1]\n    }\n  }\n}\n\n'
        'variable "zone_id" {\n  type = string\n}\n\nvariable "vpc_id" {\n  type = string\n}\n\n'
        'variable "subnet_ids" {\n  type    = list(string)\n'
        '  default = ["subnet-0a", "subnet-0b", "subnet-0c"]\n}\n\n'
        'variable "environment" {\n  type    = string\n  default = "production"\n}\n\n'
        f'locals {{\n  prefix = "{key}"\n  tags = {{\n    Stack       = local.prefix\n'
        '    Environment = var.environment\n    ManagedBy   = "terraform"\n  }\n}\n\n'
        + "\n".join(calls) +
        '\noutput "listener_arn" {\n  value = aws_lb_listener.https.arn\n}\n')
    return m


def root(rnd, stacks):
    m = Module(".")
    account = "111122223333"
    calls = []
    for i in range(stacks):
        child = stack(rnd, i, account)
        if i % 10 == 3:
            keys, meta = ['["blue"]', '["green"]'], '  for_each = toset(["blue", "green"])\n'
        elif i % 10 == 7:
            keys, meta = ["[0]"], "  count = var.enabled ? 1 : 0\n"
        else:
            keys, meta = [""], ""
        m.calls.append((f"stack_{i:03d}", child, keys))
        calls.append(f'module "stack_{i:03d}" {{\n  source = "./modules/stack{i:03d}"\n{meta}'
                     '  providers = {\n    aws           = aws\n'
                     '    aws.us_east_1 = aws.us_east_1\n  }\n\n'
                     '  zone_id     = var.zone_id\n  vpc_id      = var.vpc_id\n'
                     '  environment = var.environment\n}\n')
    m.files["main.tf"] = (
        'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n'
        '      source  = "hashicorp/aws"\n      version = "~> 5.70"\n    }\n  }\n}\n\n'
        'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
        '# CloudFront takes certificates from us-east-1 only.\n'
        'provider "aws" {\n  alias  = "us_east_1"\n  region = "us-east-1"\n}\n\n'
        'variable "zone_id" {\n  type    = string\n  default = "Z0123456789ABCDEFGHIJ"\n}\n\n'
        'variable "vpc_id" {\n  type    = string\n  default = "vpc-0a1b2c3d4e5f60718"\n}\n\n'
        'variable "environment" {\n  type    = string\n  default = "production"\n}\n\n'
        'variable "enabled" {\n  type    = bool\n  default = true\n}\n\n' + "\n".join(calls))
    return m


# ---- rendering -------------------------------------------------------------------------------


def render_resource(r):
    out = f"# {r.comment}\n" if r.comment else ""
    out += f'resource "{r.type}" "{r.name}" {{\n'
    for name, text in r.meta:
        if name == "lifecycle":
            continue
        out += f"  {name} = {text}\n"
    if r.meta and any(n != "lifecycle" for n, _ in r.meta):
        out += "\n"
    out += hcl_body(r.body, 1)
    for name, text in r.meta:
        if name == "lifecycle":
            out += f"\n  {text}\n"
    return out + "}\n"


def write_tree(m, out_dir):
    d = os.path.join(out_dir, m.dir)
    os.makedirs(d, exist_ok=True)
    files = dict(m.files)
    if m.resources:
        files["resources.tf"] = "\n".join(render_resource(r) for r in m.resources)
    for name, text in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
    total = sum(len(t.encode()) for t in files.values())
    for _, child, _ in m.calls:
        child.dir = os.path.join(m.dir, child.dir) if not child.dir.startswith("modules/") \
            else child.dir
        total += write_tree(child, out_dir)
    return total


def plan_changes(m, module_address, changes, planned):
    resources = []
    for r in m.resources:
        instances = r.instances or [("", r.body)]
        for key, body in instances:
            address = f"{module_address + '.' if module_address else ''}{r.type}.{r.name}{key}"
            after = plan_body(body)
            unknown = unknown_marks(body)
            for c in r.computed:
                unknown[c] = True
            rc = {"address": address, "mode": "managed", "type": r.type, "name": r.name}
            if module_address:
                rc["module_address"] = module_address
            if key:
                rc["index"] = json.loads(key[1:-1])
            rc["provider_name"] = P
            rc["change"] = {"actions": ["create"], "before": None, "after": after,
                            "after_unknown": unknown, "before_sensitive": False,
                            "after_sensitive": {}}
            changes.append(rc)
            v = {k: rc[k] for k in ("address", "mode", "type", "name", "index") if k in rc}
            v.update({"provider_name": P, "schema_version": 0, "values": after,
                      "sensitive_values": {}})
            resources.append(v)
    children = []
    for name, child, keys in m.calls:
        for key in keys:
            addr = f"{module_address + '.' if module_address else ''}module.{name}{key}"
            children.append(plan_changes(child, addr, changes, planned))
    out = {"resources": resources}
    if module_address:
        out["address"] = module_address
    if children:
        out["child_modules"] = children
    return out


def count_dirs(m):
    return 1 + sum(count_dirs(c) for _, c, _ in m.calls)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stacks", type=int, default=400)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("out_dir")
    ap.add_argument("plan")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    tree = root(rnd, a.stacks)
    size = write_tree(tree, a.out_dir)
    changes = []
    planned = plan_changes(tree, "", changes, None)
    plan = {"format_version": "1.2", "terraform_version": "1.11.4",
            "variables": {"zone_id": {"value": "Z0123456789ABCDEFGHIJ"},
                          "vpc_id": {"value": "vpc-0a1b2c3d4e5f60718"},
                          "environment": {"value": "production"}, "enabled": {"value": True}},
            "planned_values": {"root_module": planned},
            "resource_changes": changes,
            "timestamp": "2026-12-03T12:00:00Z", "applyable": True, "complete": True,
            "errored": False}
    with open(a.plan, "w") as f:
        json.dump(plan, f, separators=(",", ":"))
    print(f"{count_dirs(tree) - 1} module directories, {len(changes)} resource instances in "
          f"the plan, {size / 1048576:.1f} MiB of .tf, plan "
          f"{os.path.getsize(a.plan) / 1048576:.1f} MiB")


if __name__ == "__main__":
    main()
