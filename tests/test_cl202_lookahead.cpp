// CL202 looks ahead in configuration mode (spec §6): a requested, in-use certificate whose
// next replacement would be delete-first (no create_before_destroy of its own, none forced by
// a resource that depends on it, as Terraform's ForcedCBDTransformer forces it) is a warning.
// The fixtures under fixtures/rules/CL202/{fire,silent}_config_* cover the main cases; these
// are the exact message and exit codes, JSON syntax, depends_on, and what stays undecided.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::run_certlint;

namespace {

const std::string kProvider = "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n";

// A certificate `api` (with `cert_extra` in its body), records, waiter and a listener on the
// waiter's ARN (with `listener_extra` in its body).
std::string config(const std::string& cert_extra, const std::string& listener_extra = {}) {
    return kProvider + R"(
resource "aws_acm_certificate" "api" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
)" + cert_extra +
           R"(}

resource "aws_route53_record" "v" {
  for_each = { for o in aws_acm_certificate.api.domain_validation_options : o.domain_name => o }
  zone_id  = "Z0123456789PUBLIC"
  name     = each.value.resource_record_name
  records  = [each.value.resource_record_value]
  type     = each.value.resource_record_type
  ttl      = 60
}

resource "aws_acm_certificate_validation" "api" {
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = [for r in aws_route53_record.v : r.fqdn]
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate_validation.api.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
)" + listener_extra +
           "}\n";
}

// The CL202 findings ("resource severity") of a configuration directory, and the notes.
struct Result {
    std::vector<std::string> findings;
    std::string verbose;
};

Result check(const certlint::test::TempDir& dir) {
    const auto r = run_certlint({"--format", "json", "--fail-on", "never", dir.path()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    Result out;
    const nlohmann::json report = nlohmann::json::parse(r.out);
    for (const auto& f : report.at("findings")) {
        if (f.at("rule_id").get<std::string>() != "CL202") continue;
        out.findings.push_back(f.at("resource").get<std::string>() + " " +
                               f.at("severity").get<std::string>());
    }
    out.verbose = run_certlint({"-v", "--fail-on", "never", dir.path()}).out;
    return out;
}

}  // namespace

TEST_CASE("CL202 look-ahead: a warning with the fix; exit code by --fail-on", "[cl202]") {
    const std::string dir =
        kSourceDir + "/fixtures/rules/CL202/fire_config_no_create_before_destroy";
    auto r = run_certlint({"--no-color", dir + "/terraform"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);  // a warning: below the default --fail-on error
    CHECK(r.out.find("terraform/main.tf:12: warning CL202 replace-without-create-before-destroy\n"
                     "  resource: aws_acm_certificate.api\n"
                     "  aws_lb_listener.https uses this certificate, which has no "
                     "create_before_destroy (neither its own nor forced by a resource that "
                     "depends on it): its next replacement (a change of domain, names, key or "
                     "validation method) will be delete-first, which fails with "
                     "ResourceInUseException or leaves the consumer without TLS; add lifecycle "
                     "{ create_before_destroy = true }\n") != std::string::npos);
    r = run_certlint({"--fail-on", "warning", dir + "/terraform"});
    CHECK(r.exit_code == 1);
}

TEST_CASE("CL202 look-ahead: own, forced through depends_on, JSON syntax", "[cl202]") {
    certlint::test::TempDir dir;
    dir.write("main.tf", config(""));
    CHECK(check(dir).findings == std::vector<std::string>{"aws_acm_certificate.api warning"});

    dir.write("main.tf", config("  lifecycle {\n    create_before_destroy = false\n  }\n"));
    CHECK(check(dir).findings == std::vector<std::string>{"aws_acm_certificate.api warning"});

    // Forced by the consumer, whatever the certificate's own setting says.
    dir.write("main.tf", config("  lifecycle {\n    create_before_destroy = false\n  }\n",
                                "  lifecycle {\n    create_before_destroy = true\n  }\n"));
    CHECK(check(dir).findings.empty());

    // Forced through depends_on by a resource that has it.
    dir.write("main.tf", config("") + R"(
resource "aws_ssm_parameter" "marker" {
  name       = "/certs/api"
  type       = "String"
  value      = "api"
  depends_on = [aws_acm_certificate.api]

  lifecycle {
    create_before_destroy = true
  }
}
)");
    CHECK(check(dir).findings.empty());

    // The same resource without the dependency forces nothing.
    dir.write("main.tf", config("") + R"(
resource "aws_ssm_parameter" "marker" {
  name  = "/certs/api"
  type  = "String"
  value = "api"

  lifecycle {
    create_before_destroy = true
  }
}
)");
    CHECK(check(dir).findings == std::vector<std::string>{"aws_acm_certificate.api warning"});

    // JSON syntax: lifecycle as an object and as an array of objects.
    certlint::test::TempDir json_dir;
    const auto cert = [](const std::string& lifecycle) {
        return R"({
  "provider": {"aws": {"region": "eu-west-1"}},
  "resource": {
    "aws_acm_certificate": {"api": {"domain_name": "api.example.com",
                                    "validation_method": "EMAIL")" +
               lifecycle + R"(}},
    "aws_lb_listener": {"https": {
      "load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188",
      "port": 443, "protocol": "HTTPS",
      "certificate_arn": "${aws_acm_certificate.api.arn}",
      "default_action": {"type": "forward", "target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"}
    }}
  }
}
)";
    };
    json_dir.write("main.tf.json", cert(""));
    CHECK(check(json_dir).findings == std::vector<std::string>{"aws_acm_certificate.api warning"});
    json_dir.write("main.tf.json", cert(R"(, "lifecycle": {"create_before_destroy": true})"));
    CHECK(check(json_dir).findings.empty());
    json_dir.write("main.tf.json", cert(R"(, "lifecycle": [{"create_before_destroy": true}])"));
    CHECK(check(json_dir).findings.empty());
}

TEST_CASE("CL202 look-ahead: forced through module depends_on; undecided stays silent", "[cl202]") {
    certlint::test::TempDir dir;
    // Every resource in a module depends on what the module call's depends_on lists.
    dir.write("main.tf", config("") + R"(
module "dns" {
  source     = "./dns"
  depends_on = [aws_acm_certificate_validation.api]
}
)");
    dir.write("dns/main.tf", R"(
resource "aws_route53_record" "alias" {
  zone_id = "Z0123456789PUBLIC"
  name    = "api.example.com"
  type    = "CNAME"
  ttl     = 60
  records = ["web-123.eu-west-1.elb.amazonaws.com"]

  lifecycle {
    create_before_destroy = true
  }
}
)");
    CHECK(check(dir).findings.empty());

    // A registry module that is not installed gets the certificate: a resource in it may
    // have create_before_destroy; no finding, and -v says why.
    certlint::test::TempDir opaque;
    opaque.write("main.tf", config("") + R"(
module "cdn" {
  source          = "terraform-aws-modules/cloudfront/aws"
  certificate_arn = aws_acm_certificate_validation.api.certificate_arn
}
)");
    auto r = check(opaque);
    CHECK(r.findings.empty());
    CHECK(r.verbose.find("aws_acm_certificate.api: whether its next replacement creates first "
                         "is not known: module.cdn is not read (no local source, no "
                         ".terraform/modules/modules.json entry): a resource in it may set "
                         "create_before_destroy") != std::string::npos);

    // A lifecycle value that is not a literal (Terraform refuses it): undecided.
    certlint::test::TempDir expr;
    expr.write("main.tf", config("  lifecycle {\n    create_before_destroy = var.cbd\n  }\n") +
                              "variable \"cbd\" {\n  default = false\n}\n");
    r = check(expr);
    CHECK(r.findings.empty());
    CHECK(r.verbose.find("the create_before_destroy of aws_acm_certificate.api is not a literal") !=
          std::string::npos);
}

TEST_CASE("CL202 look-ahead: imported PEMs and plans keep their own semantics", "[cl202]") {
    certlint::test::TempDir dir;
    dir.write("main.tf", kProvider + R"(
resource "aws_acm_certificate" "legacy" {
  certificate_body = file("cert.pem")
  private_key      = "not read"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.legacy.arn
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}
)");
    dir.write("cert.pem", certlint::test::read_file(
                              kSourceDir + "/fixtures/rules/CL205/fire_imported_pem_expired/"
                                           "terraform/cert.pem"));
    CHECK(check(dir).findings.empty());
}

TEST_CASE("CL202 look-ahead: a registry module read through .terraform/modules/modules.json",
          "[cl202]") {
    // What `terraform init` writes for a registry module: Key, Source, Version and Dir, the
    // root module first. The module's certificate has no create_before_destroy; the root's
    // listener uses it.
    certlint::test::TempDir dir;
    dir.write("main.tf", kProvider + R"(
module "acm" {
  source  = "terraform-aws-modules/acm/aws"
  version = "5.1.1"

  domain_name = "api.example.com"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = module.acm.acm_certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}
)");
    dir.write(".terraform/modules/modules.json",
              R"({"Modules":[{"Key":"","Source":"","Dir":"."},)"
              R"({"Key":"acm","Source":"registry.terraform.io/terraform-aws-modules/acm/aws",)"
              R"("Version":"5.1.1","Dir":".terraform/modules/acm"}]})");
    const std::string module = R"(variable "domain_name" {
  type = string
}

resource "aws_acm_certificate" "this" {
  domain_name       = var.domain_name
  validation_method = "EMAIL"
)";
    dir.write(".terraform/modules/acm/main.tf", module + R"(}

output "acm_certificate_arn" {
  value = aws_acm_certificate.this.arn
}
)");
    CHECK(check(dir).findings ==
          std::vector<std::string>{"module.acm.aws_acm_certificate.this warning"});
    dir.write(".terraform/modules/acm/main.tf", module + R"(
  lifecycle {
    create_before_destroy = true
  }
}

output "acm_certificate_arn" {
  value = aws_acm_certificate.this.arn
}
)");
    CHECK(check(dir).findings.empty());
}
