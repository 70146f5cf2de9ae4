// The certlint-terraform pre-commit hook (.pre-commit-hooks.yaml), run for real with
// `pre-commit try-repo`, and the --terraform-roots-of option behind it: changed .tf files
// are mapped to the root modules they belong to (spec §6 "Roots"), and those are checked.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::sh_quote;
using certlint::test::shell;
namespace fs = std::filesystem;

namespace {

const std::string kGit =
    "git -c user.name=certlint -c user.email=certlint@example.com -c init.defaultBranch=main "
    "-c commit.gpgsign=false";

const std::string kProvider = R"(provider "aws" {
  region = "eu-west-1"
}
)";

// The shared module: a DNS-validated certificate, its records and waiter. `method` is its
// validation method (EMAIL is CL001, an error).
std::string cert_module(const std::string& method) {
    return R"(variable "domain_name" {
  type = string
}

resource "aws_acm_certificate" "this" {
  domain_name       = var.domain_name
  validation_method = ")" +
           method + R"("

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = {
    for dvo in aws_acm_certificate.this.domain_validation_options : dvo.domain_name => dvo
  }
  zone_id = "Z0123456789PUBLIC"
  name    = each.value.resource_record_name
  records = [each.value.resource_record_value]
  type    = each.value.resource_record_type
  ttl     = 60
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

output "certificate_arn" {
  value = aws_acm_certificate_validation.this.certificate_arn
}
)";
}

std::string listener(const std::string& arn) {
    return R"(resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = )" +
           arn + R"(
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}
)";
}

// A repository with two roots sharing modules/cert: envs/api calls it directly, envs/web
// through modules/web. Plus the hook repository (this checkout's hooks, committed).
struct HookRepo {
    certlint::test::TempDir dir;

    HookRepo() {
        dir.write("hooks/.pre-commit-hooks.yaml",
                  certlint::test::read_file(kSourceDir + "/.pre-commit-hooks.yaml"));
        const auto r = shell("cd " + sh_quote(dir / "hooks") + " && " + kGit + " init -q && " +
                             kGit + " add . && " + kGit + " commit -q -m hooks");
        REQUIRE(r.exit_code == 0);
        dir.write("project/modules/cert/main.tf", cert_module("DNS"));
        dir.write("project/modules/web/main.tf",
                  "module \"cert\" {\n  source      = \"../cert\"\n  domain_name = "
                  "\"www.example.com\"\n}\n\n" +
                      listener("module.cert.certificate_arn"));
        dir.write("project/envs/api/main.tf",
                  kProvider +
                      "\nmodule \"cert\" {\n  source      = \"../../modules/cert\"\n  "
                      "domain_name = \"api.example.com\"\n}\n\n" +
                      listener("module.cert.certificate_arn"));
        dir.write("project/envs/web/main.tf",
                  kProvider + "\nmodule \"web\" {\n  source = \"../../modules/web\"\n}\n");
        // What `terraform init` leaves: never a root, never checked.
        dir.write("project/envs/api/.terraform/modules/cert/main.tf",
                  "resource \"aws_acm_certificate\" \"x\" {\n  domain_name = \"x.example.com\"\n"
                  "  validation_method = \"EMAIL\"\n}\n");
        stage();
    }

    void stage() {
        const auto r = shell("cd " + sh_quote(dir / "project") + " && (test -d .git || " + kGit +
                             " init -q) && " + kGit + " add -f .");
        REQUIRE(r.exit_code == 0);
    }

    // pre-commit try-repo of the certlint-terraform hook on `files` (or --all-files).
    certlint::test::ShellResult run(const std::string& files) {
        return shell("cd " + sh_quote(dir / "project") +
                     " && PRE_COMMIT_HOME=" + sh_quote(dir / "pre-commit-home") +
                     " PATH=" + sh_quote(fs::path(certlint::test::kBinary).parent_path()) +
                     ":\"$PATH\" pre-commit try-repo " + sh_quote(dir / "hooks") +
                     " certlint-terraform --verbose " + files);
    }
};

}  // namespace

TEST_CASE("pre-commit: certlint-terraform checks every root that calls a changed module",
          "[precommit][tfhook]") {
    REQUIRE(certlint::test::have_command("pre-commit"));  // tools/install-deps.sh test
    REQUIRE(certlint::test::have_command("git"));
    HookRepo repo;

    // A good change passes.
    auto r = repo.run("--files modules/cert/main.tf");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Passed") != std::string::npos);
    CHECK(r.output.find("0 findings (0 errors, 0 warnings, 0 notes) in 2 inputs") !=
          std::string::npos);

    // A bad change in the shared module fails for both roots: one directly, one through
    // modules/web.
    repo.dir.write("project/modules/cert/main.tf", cert_module("EMAIL"));
    repo.stage();
    r = repo.run("--files modules/cert/main.tf");
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("Failed") != std::string::npos);
    CHECK(r.output.find("module.cert.aws_acm_certificate.this") != std::string::npos);
    CHECK(r.output.find("module.web.module.cert.aws_acm_certificate.this") != std::string::npos);
    CHECK(r.output.find("2 findings (2 errors, 0 warnings, 0 notes) in 2 inputs") !=
          std::string::npos);
    CHECK(r.output.find(".terraform") == std::string::npos);

    // A change in one root checks only that root (the other one, which has the same bad
    // module, is not read).
    r = repo.run("--files envs/api/main.tf");
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("module.cert.aws_acm_certificate.this") != std::string::npos);
    CHECK(r.output.find("module.web.") == std::string::npos);
    CHECK(r.output.find("1 finding (1 error, 0 warnings, 0 notes) in 1 input") !=
          std::string::npos);

    // A change in the other root, through its own module: only envs/web.
    r = repo.run("--files modules/web/main.tf");
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("module.web.module.cert.aws_acm_certificate.this") != std::string::npos);
    CHECK(r.output.find("1 finding (1 error, 0 warnings, 0 notes) in 1 input") !=
          std::string::npos);
}

TEST_CASE("--terraform-roots-of: files to roots; .terraform ignored; plain .tf still refused",
          "[tfhook]") {
    certlint::test::TempDir dir;
    dir.write("modules/cert/main.tf",
              "variable \"d\" {\n  type = string\n}\n\nresource \"aws_acm_certificate\" \"this\" "
              "{\n  domain_name       = var.d\n  validation_method = \"EMAIL\"\n}\n");
    dir.write("a/main.tf",
              "module \"c\" {\n  source = \"../modules/cert\"\n  d      = \"a.example.com\"\n}\n");
    dir.write("b/main.tf",
              "module \"c\" {\n  source = \"../modules/cert\"\n  d      = \"b.example.com\"\n}\n");
    dir.write("c/main.tf",
              "resource \"aws_acm_certificate\" \"own\" {\n  domain_name       = "
              "\"c.example.com\"\n  validation_method = \"EMAIL\"\n}\n");
    dir.write("a/.terraform/modules/c/main.tf", "this is not HCL {\n");
    const std::string certlint = "cd " + sh_quote(dir.path()) + " && " +
                                 sh_quote(certlint::test::kBinary) +
                                 " --format json --fail-on never ";
    const auto inputs = [&](const std::string& files) {
        const auto r = shell(certlint + "--terraform-roots-of " + files + " 2>/dev/null");
        std::string out;
        if (r.exit_code != 0) return "exit " + std::to_string(r.exit_code);
        const auto report = nlohmann::json::parse(r.output);
        for (const auto& i : report.at("inputs")) out += i.at("path").get<std::string>() + " ";
        return out;
    };
    CHECK(inputs("modules/cert/main.tf") == "a b ");
    CHECK(inputs("./a/main.tf") == "a ");
    CHECK(inputs("c/main.tf a/main.tf") == "a c ");
    CHECK(inputs(sh_quote(dir / "b/main.tf")) == "b ");  // absolute path
    CHECK(inputs("modules/cert/main.tf b/main.tf") == "a b ");
    // Only files under .terraform/: nothing to check, not a failure.
    auto r = shell(certlint + "--terraform-roots-of a/.terraform/modules/c/main.tf");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.empty());
    r = shell(certlint + "--terraform-roots-of a/plan.json");
    CHECK(r.exit_code == 2);
    CHECK(r.output ==
          "certlint: --terraform-roots-of: a/plan.json is not a .tf or .tf.json "
          "file\n");
    // Without the option a named .tf file is still refused with the hint.
    r = shell(certlint + "a/main.tf");
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("a/main.tf") != std::string::npos);
}

TEST_CASE("--terraform-roots-of: --exclude skips roots and files as a directory scan does",
          "[tfhook]") {
    certlint::test::TempDir dir;
    dir.write("modules/cert/main.tf",
              "variable \"d\" {\n  type = string\n}\n\nresource \"aws_acm_certificate\" \"this\" "
              "{\n  domain_name       = var.d\n  validation_method = \"EMAIL\"\n}\n");
    const auto caller = [](const std::string& source, const std::string& name) {
        return "module \"c\" {\n  source = \"" + source + "\"\n  d      = \"" + name +
               ".example.com\"\n}\n";
    };
    dir.write("envs/a/main.tf", caller("../../modules/cert", "a"));
    dir.write("envs/b/main.tf", caller("../../modules/cert", "b"));
    dir.write("legacy/x/main.tf", caller("../../modules/cert", "x"));
    // legacy/y calls envs/b as a module: while legacy/ is walked, envs/b is not a root.
    dir.write("legacy/y/main.tf", "module \"b\" {\n  source = \"../../envs/b\"\n}\n");
    const std::string certlint = "cd " + sh_quote(dir.path()) + " && " +
                                 sh_quote(certlint::test::kBinary) +
                                 " --format json --fail-on never ";
    const auto inputs = [&](const std::string& args) {
        const auto r = shell(certlint + args + " 2>&1");
        if (r.exit_code != 0) return "exit " + std::to_string(r.exit_code) + ": " + r.output;
        if (r.output.empty()) return std::string("(nothing checked)");
        std::string out;
        const auto report = nlohmann::json::parse(r.output);
        for (const auto& i : report.at("inputs")) out += i.at("path").get<std::string>() + " ";
        return out;
    };
    CHECK(inputs("--terraform-roots-of modules/cert/main.tf") == "envs/a legacy/x legacy/y ");
    // A directory name, a path relative to the current directory, globs: what they match is
    // neither walked (envs/b is a root again) nor reported.
    CHECK(inputs("--exclude legacy --terraform-roots-of modules/cert/main.tf") == "envs/a envs/b ");
    CHECK(inputs("--exclude ./legacy/ --terraform-roots-of modules/cert/main.tf") ==
          "envs/a envs/b ");
    CHECK(inputs("--exclude 'leg*' --exclude 'envs/b' --terraform-roots-of "
                 "modules/cert/main.tf") == "envs/a ");
    CHECK(inputs("--exclude 'legacy/y' --terraform-roots-of modules/cert/main.tf") ==
          "envs/a envs/b legacy/x ");
    // A changed file that --exclude matches (itself or a directory on the way) is ignored, as
    // a scan never offers it.
    CHECK(inputs("--exclude legacy --terraform-roots-of legacy/x/main.tf") == "(nothing checked)");
    CHECK(inputs("--exclude legacy --terraform-roots-of legacy/x/main.tf envs/a/main.tf") ==
          "envs/a ");
    CHECK(inputs("--exclude 'main.tf' --terraform-roots-of envs/a/main.tf") == "(nothing checked)");
}
