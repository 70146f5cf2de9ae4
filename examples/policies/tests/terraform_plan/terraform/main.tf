# Test input of the example policies (examples/policies/*.yaml): certificates and consumers
# that pass or break each of them. tools/regen-tf-fixtures.sh examples/policies/tests/terraform_plan
# turns it into ../plan.json with real Terraform.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { CostCenter = "cc-1234" }
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

# Names outside the approved zones (shop.example.org); tagged Owner, and CostCenter by the
# provider's default_tags.
resource "aws_acm_certificate" "shop" {
  domain_name               = "shop.example.com"
  subject_alternative_names = ["shop.example.org"]
  validation_method         = "DNS"
  tags                      = { Owner = "shop-team" }
  lifecycle {
    create_before_destroy = true
  }
}

# A P-384 key, and no Owner tag.
resource "aws_acm_certificate" "api" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
  key_algorithm     = "EC_secp384r1"
  lifecycle {
    create_before_destroy = true
  }
}

# The edge certificate: shared by two distributions and a listener in us-east-1.
resource "aws_acm_certificate" "edge" {
  provider          = aws.us_east_1
  domain_name       = "www.example.com"
  validation_method = "DNS"
  key_algorithm     = "EC_prime256v1"
  tags              = { Owner = "web-team", CostCenter = "cc-5678" }
  lifecycle {
    create_before_destroy = true
  }
}

# E-mail validated, used by CloudFront.
resource "aws_acm_certificate" "legacy" {
  provider          = aws.us_east_1
  domain_name       = "legacy.example.net"
  validation_method = "EMAIL"
  tags              = { Owner = "web-team", CostCenter = "cc-5678" }
}

# Issued by a private CA, and attached to a CloudFront distribution.
resource "aws_acm_certificate" "internal" {
  provider                  = aws.us_east_1
  domain_name               = "intranet.example.com"
  certificate_authority_arn = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
  tags                      = { Owner = "it", CostCenter = "cc-0001" }
}

resource "aws_lb_listener" "api" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.api.arn
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "ok"
      status_code  = "200"
    }
  }
}

resource "aws_lb_listener" "edge" {
  provider          = aws.us_east_1
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/edge/60dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.edge.arn
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "ok"
      status_code  = "200"
    }
  }
}

resource "aws_cloudfront_distribution" "www" {
  enabled = true
  aliases = ["www.example.com"]
  origin {
    domain_name = "www-bucket.s3.eu-west-1.amazonaws.com"
    origin_id   = "www"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "www"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.edge.arn
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
}

resource "aws_cloudfront_distribution" "media" {
  enabled = true
  aliases = ["media.example.com"]
  origin {
    domain_name = "media-bucket.s3.eu-west-1.amazonaws.com"
    origin_id   = "media"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "media"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.edge.arn
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
}

resource "aws_cloudfront_distribution" "legacy" {
  enabled = true
  aliases = ["legacy.example.net"]
  origin {
    domain_name = "legacy-bucket.s3.eu-west-1.amazonaws.com"
    origin_id   = "legacy"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "legacy"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.legacy.arn
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
}

resource "aws_cloudfront_distribution" "intranet" {
  enabled = true
  aliases = ["intranet.example.com"]
  origin {
    domain_name = "intranet-bucket.s3.eu-west-1.amazonaws.com"
    origin_id   = "intranet"
  }
  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "intranet"
    viewer_protocol_policy = "redirect-to-https"
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.internal.arn
    minimum_protocol_version = "TLSv1.2_2021"
    ssl_support_method       = "sni-only"
  }
}
