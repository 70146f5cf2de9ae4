# Source of ../plan.json, the example that `tools/run-example.sh` checks. Regenerate it with
# Terraform, offline (no AWS API is called):
#   terraform init && terraform plan -refresh=false -out=tfplan
#   terraform show -json tfplan | jq . > ../plan.json
# terraform.tfstate holds the one existing resource, aws_acm_certificate.legacy.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.70" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

variable "load_balancer_arn" {
  type    = string
  default = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188"
}

variable "target_group_arn" {
  type    = string
  default = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/73e2d6bc24d8a067"
}

# CL001 and CL201: an existing EMAIL-validated certificate that nothing uses.
resource "aws_acm_certificate" "legacy" {
  domain_name       = "legacy.example.com"
  validation_method = "EMAIL"
}

# CL101: the CloudFront certificate comes from a module on the eu-west-1 provider
# (the us_east_1 alias above is never passed to it).
module "acm" {
  source = "./modules/acm"

  domain_name       = "www.example.com"
  zone_id           = "Z0123456789ABCDEFGHIJ"
  validation_method = "DNS"
}

resource "aws_cloudfront_distribution" "site" {
  aliases             = ["www.example.com"]
  comment             = "static site"
  default_root_object = "index.html"
  enabled             = true
  is_ipv6_enabled     = true
  price_class         = "PriceClass_100"

  origin {
    domain_name = "site-bucket.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = module.acm.acm_certificate_arn
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
}

# CL003: the listener takes the certificate's ARN straight away; nothing waits for validation.
resource "aws_acm_certificate" "api" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
  tags = {
    Name = "api.example.com"
  }
}

resource "aws_route53_record" "api_validation" {
  for_each = {
    for dvo in aws_acm_certificate.api.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }
  }

  allow_overwrite = true
  name            = each.value.name
  records         = [each.value.record]
  ttl             = 60
  type            = each.value.type
  zone_id         = "Z0123456789ABCDEFGHIJ"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = var.load_balancer_arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.api.arn

  default_action {
    type             = "forward"
    target_group_arn = var.target_group_arn
  }
}

output "site_url" {
  value = "https://${aws_cloudfront_distribution.site.domain_name}"
}
