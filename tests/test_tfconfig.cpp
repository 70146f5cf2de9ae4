// Terraform configurations without a plan (spec §6): the evaluator over parsed HCL, the
// configuration front end (modules, variables, providers, count / for_each), the reader in
// the CLI, and the main correctness test: every fixture with .tf sources gives, read as a
// configuration, the findings its real plan gives, except where the plan knew what the
// sources cannot (listed below, each with its reason).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/load.hpp"
#include "hcl/parse.hpp"
#include "readers/tfconfig_eval.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using namespace certlint::readers::tf;
using json = nlohmann::json;

namespace {

// Names for expressions: var.x from a map, each/count unset.
class MapScope : public Scope {
public:
    explicit MapScope(std::map<std::string, Value> vars) : vars_(std::move(vars)) {}
    Value lookup(const std::string& root, const std::vector<certlint::hcl::Step>& steps,
                 std::size_t& used) const override {
        used = 1;
        if (root == "var" && !steps.empty()) {
            const auto it = vars_.find(steps[0].name);
            if (it != vars_.end()) return it->second;
            return Value::unknown("var." + steps[0].name + " has no value");
        }
        if (root == "aws_acm_certificate" && !steps.empty()) {
            return Value::open_object({{"domain_name", Value::string("example.com")}},
                                      "aws_acm_certificate." + steps[0].name);
        }
        used = 0;
        throw EvalError("unknown name " + root);
    }
    FunctionContext functions() const override { return {}; }

private:
    std::map<std::string, Value> vars_;
};

Value eval_text(const std::string& text, std::map<std::string, Value> vars = {}) {
    certlint::hcl::File file("test.tf", text);
    const auto err = certlint::hcl::parse_expression(file);
    if (err) FAIL(err->to_string());
    MapScope scope(std::move(vars));
    return evaluate(*file.expr, scope);
}

json eval_json(const std::string& text, std::map<std::string, Value> vars = {}) {
    const Value v = eval_text(text, std::move(vars));
    REQUIRE(v.wholly_known());
    return v.to_json();
}

// A temporary directory of files, removed at the end.
struct TempTree {
    fs::path root;
    explicit TempTree(const std::string& name) : root(fs::temp_directory_path() / name) {
        fs::remove_all(root);
        fs::create_directories(root);
    }
    ~TempTree() { fs::remove_all(root); }
    void write(const std::string& rel, const std::string& text) const {
        fs::create_directories((root / rel).parent_path());
        std::ofstream(root / rel) << text;
    }
    std::string path(const std::string& rel = "") const {
        return rel.empty() ? root.string() : (root / rel).string();
    }
};

using Key = std::tuple<std::string, std::string>;  // rule_id, resource

std::multiset<Key> findings_of(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"--format", "json",  "--fail-on",
                                    "never",    "--now", "2026-11-01T00:00:00Z"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_certlint(all);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::multiset<Key> out;
    const json report = json::parse(r.out);
    for (const auto& f : report.at("findings")) {
        out.emplace(f.at("rule_id").get<std::string>(), f.at("resource").get<std::string>());
    }
    return out;
}

std::string show(const std::multiset<Key>& s) {
    std::string out;
    for (const auto& [rule, resource] : s) out += "  " + rule + " " + resource + "\n";
    return out.empty() ? "  (none)\n" : out;
}

const std::string kProvider = R"(
provider "aws" {
  region = "eu-west-1"
}
)";

}  // namespace

TEST_CASE("tfconfig evaluator: templates, conditionals, for, splats, functions",
          "[tfconfig][eval]") {
    CHECK(eval_json(R"("${var.name}.example.com")", {{"name", Value::string("www")}}) ==
          "www.example.com");
    // A lone interpolation is the value itself, not its string.
    CHECK(eval_json(R"("${var.list}")", {{"list", Value::list({Value::number(1)})}}) == json({1}));
    CHECK(eval_json(R"("%{if var.x}yes%{else}no%{endif}")", {{"x", Value::boolean(false)}}) ==
          "no");
    CHECK(eval_json(R"("%{for n in ["a", "b"]}${n}.%{endfor}")") == "a.b.");
    CHECK(eval_json(R"(var.env == "prod" ? "example.com" : "${var.env}.example.com")",
                    {{"env", Value::string("dev")}}) == "dev.example.com");
    CHECK(eval_json(R"([for d in ["a", "b"] : "${d}.example.com" if d != "b"])") ==
          json({"a.example.com"}));
    CHECK(eval_json(R"({for k, v in {x = 1, y = 2} : v => k})") ==
          json::parse(R"({"1":"x","2":"y"})"));
    CHECK(eval_json(R"({for s in ["a", "b", "a"] : s => s...})") ==
          json::parse(R"({"a":["a","a"],"b":["b"]})"));
    CHECK(eval_json(R"([{n = 1}, {n = 2}][*].n)") == json({1, 2}));
    CHECK(eval_json(R"(length(split(",", "a,b,c")) * 2 + 1)") == 7);
    CHECK(eval_json(R"(try(var.obj.missing, "fallback"))", {{"obj", Value::object({})}}) ==
          "fallback");
    CHECK(eval_json(R"(can(var.obj.missing))", {{"obj", Value::object({})}}) == false);
    CHECK(eval_json(R"(lookup({a = "x"}, "a", "d"))") == "x");
    CHECK(eval_json(R"(concat([["a"], ["b"]]...))") == json({"a", "b"}));
    // A resource's configured argument is known; what only apply knows is not.
    CHECK(eval_json("aws_acm_certificate.c.domain_name") == "example.com");
    const Value arn = eval_text("aws_acm_certificate.c.arn");
    REQUIRE(arn.is_unknown());
    CHECK(arn.as_string() == "aws_acm_certificate.c.arn is known only after apply");
    // Unknowns propagate through templates, functions and conditionals, with their reason.
    const Value u = eval_text(R"(upper("${var.missing}.example.com"))");
    REQUIRE(u.is_unknown());
    CHECK(u.as_string() == "var.missing has no value");
    CHECK(eval_text(R"(var.missing ? 1 : 2)").is_unknown());
    CHECK(eval_text(R"([for x in var.missing : x])").is_unknown());
    CHECK(eval_text("timestamp()").as_string() == "function timestamp() is not evaluated");
    CHECK_THROWS_AS(eval_text(R"(["a"][3])"), EvalError);
}

TEST_CASE("tfconfig: a directory is a terraform-config input; count and for_each keys",
          "[tfconfig]") {
    TempTree t("certlint-tfconfig-keys");
    t.write("main.tf", kProvider + R"(
variable "names" {
  type    = set(string)
  default = ["www.example.com", "api.example.com"]
}
resource "aws_acm_certificate" "named" {
  for_each          = var.names
  domain_name       = each.value
  validation_method = "EMAIL"
}
resource "aws_acm_certificate" "counted" {
  count             = 2
  domain_name       = "c${count.index}.example.com"
  validation_method = "EMAIL"
}
)");
    const auto r = run_certlint({"--format", "json", "--fail-on", "never", t.path()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    CHECK(report["inputs"] ==
          json::parse(R"([{"path": ")" + t.path() + R"(", "kind": "terraform-config"}])"));
    std::set<std::string> cl001;
    for (const auto& f : report["findings"]) {
        if (f["rule_id"] == "CL001") {
            cl001.insert(f["resource"].get<std::string>());
            CHECK(f["location"]["file"] == t.path("main.tf"));
        }
    }
    CHECK(cl001 == std::set<std::string>{"aws_acm_certificate.counted[0]",
                                         "aws_acm_certificate.counted[1]",
                                         "aws_acm_certificate.named[\"api.example.com\"]",
                                         "aws_acm_certificate.named[\"www.example.com\"]"});
}

TEST_CASE("tfconfig: variables by Terraform's precedence; --var and --var-file in order",
          "[tfconfig]") {
    TempTree t("certlint-tfconfig-vars");
    t.write("main.tf", kProvider + R"(
variable "method" {
  type    = string
  default = "DNS"
}
resource "aws_acm_certificate" "c" {
  domain_name       = "www.example.com"
  validation_method = var.method
}
resource "aws_lb_listener_certificate" "l" {
  listener_arn    = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/a/0123456789abcdef/0123456789abcdef"
  certificate_arn = aws_acm_certificate.c.arn
}
)");
    t.write("terraform.tfvars", "method = \"EMAIL\"\n");
    t.write("z.auto.tfvars", "method = \"DNS\"\n");
    t.write("email.tfvars", "method = \"EMAIL\"\n");
    const auto has_cl001 = [&](const std::vector<std::string>& args) {
        std::vector<std::string> all = args;
        all.push_back(t.path());
        const auto f = findings_of(all);
        return f.count({"CL001", "aws_acm_certificate.c"}) == 1;
    };
    CHECK_FALSE(has_cl001({}));  // *.auto.tfvars after terraform.tfvars
    CHECK(has_cl001({"--var-file", t.path("email.tfvars")}));
    CHECK_FALSE(has_cl001({"--var-file", t.path("email.tfvars"), "--var", "method=DNS"}));
    CHECK(has_cl001({"--var", "method=DNS", "--var-file", t.path("email.tfvars")}));
}

TEST_CASE("tfconfig: provider aliases through module levels; registry modules via modules.json",
          "[tfconfig]") {
    TempTree t("certlint-tfconfig-modules");
    t.write("main.tf", R"(
provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}
module "a" {
  source    = "./a"
  providers = { aws = aws.eu }
}
module "reg" {
  source  = "terraform-aws-modules/acm/aws"
  version = "5.0.0"
}
module "opaque" {
  source = "git::https://example.com/x.git"
}
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn = module.a.arn
  }
}
resource "aws_cloudfront_distribution" "reg" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn = module.reg.arn
  }
}
)");
    t.write("a/main.tf", R"(
module "b" {
  source = "../b"
}
output "arn" {
  value = module.b.arn
}
)");
    t.write("b/main.tf", R"(
resource "aws_acm_certificate" "c" {
  domain_name       = "www.example.com"
  validation_method = "EMAIL"
}
output "arn" {
  value = aws_acm_certificate.c.arn
}
)");
    t.write("vendor/acm/main.tf", R"(
provider "aws" {
  region = "ap-south-1"
}
resource "aws_acm_certificate" "this" {
  domain_name       = "reg.example.com"
  validation_method = "EMAIL"
}
output "arn" {
  value = aws_acm_certificate.this.arn
}
)");
    t.write(
        ".terraform/modules/modules.json",
        R"({"Modules":[{"Key":"","Source":"","Dir":"."},)"
        R"({"Key":"reg","Source":"registry.terraform.io/terraform-aws-modules/acm/aws","Dir":"vendor/acm"}]})");
    const auto f = findings_of({t.path()});
    CHECK(f.count({"CL101", "aws_cloudfront_distribution.cdn"}) == 1);
    CHECK(f.count({"CL101", "aws_cloudfront_distribution.reg"}) == 1);
    CHECK(f.count({"CL001", "module.a.module.b.aws_acm_certificate.c"}) == 1);
    CHECK(f.count({"CL001", "module.reg.aws_acm_certificate.this"}) == 1);
    // The opaque module is said to be opaque.
    const auto r = run_certlint({"-v", "--fail-on", "never", t.path()});
    CHECK(r.out.find("module.opaque (source \"git::https://example.com/x.git\") is not read") !=
          std::string::npos);
}

TEST_CASE("tfconfig: an unknown for_each gives one instance without a key", "[tfconfig]") {
    TempTree t("certlint-tfconfig-unknown");
    t.write("main.tf", kProvider + R"(
data "aws_route53_zone" "z" {
  name = "example.com"
}
resource "aws_acm_certificate" "c" {
  for_each          = toset([data.aws_route53_zone.z.zone_id])
  domain_name       = "www.example.com"
  validation_method = "EMAIL"
}
)");
    CHECK(findings_of({t.path()}) == std::multiset<Key>{{"CL001", "aws_acm_certificate.c"},
                                                        {"CL201", "aws_acm_certificate.c"}});
}

TEST_CASE("tfconfig: a syntax error is exit 2 naming FILE:LINE:COL", "[tfconfig]") {
    TempTree t("certlint-tfconfig-syntax");
    t.write("main.tf", "resource \"aws_acm_certificate\" \"c\" {\n  domain_name = \n}\n");
    const auto r = run_certlint({t.path()});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "certlint: " + t.path("main.tf") + ":2:17: expected an expression, found a newline\n");
    CHECK(r.out.empty());
}

TEST_CASE(
    "tfconfig: local modules of scanned directories are not roots; sources beside a "
    "plan serve it",
    "[tfconfig]") {
    TempTree t("certlint-tfconfig-roots");
    t.write("envs/prod/main.tf", kProvider + R"(
module "cert" {
  source = "../../modules/cert"
}
)");
    t.write("modules/cert/main.tf", R"(
resource "aws_acm_certificate" "c" {
  domain_name       = "www.example.com"
  validation_method = "EMAIL"
}
)");
    t.write("planned/main.tf", kProvider);
    t.write("planned/plan.json",
            certlint::test::read_file(kSourceDir + "/fixtures/golden/clean/plan.json"));
    const auto r = run_certlint({"--format", "json", "--fail-on", "never", t.path()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    std::vector<std::string> inputs;
    for (const auto& i : report["inputs"]) {
        inputs.push_back(i["kind"].get<std::string>() + " " + i["path"].get<std::string>());
    }
    CHECK(inputs == std::vector<std::string>{"terraform-config " + t.path("envs/prod"),
                                             "terraform-plan " + t.path("planned/plan.json")});
}

// The plan of each fixture with .tf sources, and the same sources read as a configuration.
// Where they differ, it is because the plan knew what the sources cannot say; each such case
// is listed with what differs and why.
TEST_CASE("tfconfig: configuration mode gives the findings of the plan of the same sources",
          "[tfconfig][parity]") {
    struct Difference {
        std::multiset<Key> plan_only, config_only;
        const char* why;
    };
    const std::map<std::string, Difference> expected_differences = {
        {"fixtures/rules/CL003/silent_imported_certificate_attached_directly",
         {{},
          {{"CL002", "aws_acm_certificate.site"}},
          "the plan read the imported certificate's status (ISSUED)"}},
        {"fixtures/rules/CL203/silent_certificate_renamed_by_moved_block",
         {{},
          {{"CL002", "aws_acm_certificate.cdn"}},
          "the plan read the moved certificate's status (ISSUED) from the state"}},
        {"fixtures/rules/CL005/fire_existing_certificate_renewal",
         {{}, {{"CL003", "aws_lb_listener.https"}}, "the state holds the certificate already"}},
        {"fixtures/rules/CL101/fire_arn_from_remote_state",
         {{{"CL101", "aws_cloudfront_distribution.site"}},
          {},
          "the plan read the ARN from remote state"}},
        {"fixtures/rules/CL203/fire_certificate_deleted_while_forgotten_distribution_keeps_it",
         {{{"CL203", "aws_acm_certificate.site"}}, {}, "CL203 needs plan actions"}},
        {"fixtures/rules/CL204/fire_expired_still_attached",
         {{{"CL204", "aws_acm_certificate.api"}},
          {{"CL003", "aws_lb_listener.https"}},
          "CL204 needs recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL204/fire_panther_failed_in_use",
         {{{"CL204", "aws_acm_certificate.test"}},
          {{"CL003", "aws_cloudfront_distribution.site"}},
          "CL204 needs recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL204/fire_panther_pending_validation_in_use",
         {{{"CL204", "aws_acm_certificate.test"}},
          {{"CL003", "aws_cloudfront_distribution.site"}},
          "CL204 needs recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL204/fire_pending_about_to_be_attached",
         {{{"CL204", "aws_acm_certificate.api"}},
          {{"CL003", "aws_lb_listener.https"}},
          "CL204 needs recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL206/fire_state_renewal_pending_validation",
         {{{"CL204", "aws_acm_certificate.test"}, {"CL206", "aws_acm_certificate.test"}},
          {{"CL003", "aws_cloudfront_distribution.site"}},
          "CL204 and CL206 need recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL206/fire_state_validation_timed_out",
         {{{"CL204", "aws_acm_certificate.test"}, {"CL206", "aws_acm_certificate.test"}},
          {{"CL003", "aws_cloudfront_distribution.site"}},
          "CL204 and CL206 need recorded status; the state holds the certificate already"}},
        {"fixtures/rules/CL204/silent_panther_issued",
         {{},
          {{"CL003", "aws_cloudfront_distribution.site"}},
          "the state holds the certificate already"}},
        {"fixtures/rules/CL205/fire_ineligible_unused_expires_soon",
         {{{"CL205", "aws_acm_certificate.old_api"}},
          {},
          "the expiry date is in the state, not in the sources"}},
        {"fixtures/rules/CL205/silent_ineligible_now_attached",
         {{}, {{"CL003", "aws_lb_listener.https"}}, "the state holds the certificate already"}},
        {"fixtures/rules/CL301/fire_lookup_by_domain_names_from_certificate_pem",
         {{{"CL301", "aws_cloudfront_distribution.nested"}},
          {},
          "the plan read the data source's certificate"}},
        {"fixtures/rules/CL303/fire_existing_certificate",
         {{}, {{"CL003", "aws_lb_listener.https"}}, "the state holds the certificate already"}},
        {"fixtures/tf-config/unknown_for_each",
         {{{"CL001", "aws_acm_certificate.tenant[\"a-z0123456789abcdefghij.example.com\"]"},
           {"CL001", "aws_acm_certificate.tenant[\"b-z0123456789abcdefghij.example.com\"]"},
           {"CL201", "aws_acm_certificate.tenant[\"a-z0123456789abcdefghij.example.com\"]"},
           {"CL201", "aws_acm_certificate.tenant[\"b-z0123456789abcdefghij.example.com\"]"}},
          {{"CL001", "aws_acm_certificate.tenant"}, {"CL201", "aws_acm_certificate.tenant"}},
          "the plan read the zone id the for_each keys are made of; the sources check one "
          "certificate without a key"}},
        {"fixtures/golden/mixed",
         {{{"CL203", "aws_acm_certificate.admin"}},
          {{"CL003", "aws_lb_listener.legacy"}},
          "CL203 needs plan actions (the plan's CL202 on the shop certificate, replaced "
          "delete-first, is the configuration's look-ahead CL202); the state holds the legacy "
          "certificate already"}},
    };
    // CL202 looks ahead in configuration mode (spec §6): a certificate in use whose next
    // replacement would be delete-first is a warning there. The plan, which replaces nothing
    // (look-ahead: the plan has no replacement), is silent.
    const std::map<std::string, std::multiset<Key>> lookahead = {
        {"examples", {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/golden/clean",
         {{"CL202", "aws_acm_certificate.api"}, {"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/golden/escaping",
         {{"CL202", "aws_acm_certificate.certs[\"<script>alert(\\\"x\\\")</script>|50%,a:b\"]"},
          {"CL202", "aws_acm_certificate.certs[\"``` ::error::pwned `tick`\"]"},
          {"CL202", "aws_acm_certificate.certs[\"ünï & [link](https://x) #35; $x$ *y*\"]"}}},
        {"fixtures/golden/mixed",
         {{"CL202", "aws_acm_certificate.api[\"api\"]"},
          {"CL202", "aws_acm_certificate.api[\"docs\"]"},
          {"CL202", "aws_acm_certificate.legacy"}}},
        {"fixtures/rules/CL004/fire_managed_private_zone", {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL004/fire_private_zone_data_source",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL004/silent_managed_public_zone", {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL004/silent_public_zone", {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL005/fire_existing_certificate_renewal",
         {{"CL202", "aws_acm_certificate.www"}}},
        {"fixtures/rules/CL005/fire_issuewild_forbids_wildcard",
         {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL005/fire_parent_allows_other_ca",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL005/silent_amazon_allowed", {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL005/silent_closer_record_set_allows",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL005/silent_iodef_only", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL102/fire_transfer_server_us_east_1_certificate",
         {{"CL202", "aws_acm_certificate.ftp"}}},
        {"fixtures/rules/CL102/silent_vpclattice_service_same_region",
         {{"CL202", "aws_acm_certificate.orders"}}},
        {"fixtures/rules/CL204/fire_expired_still_attached",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL204/fire_panther_failed_in_use",
         {{"CL202", "aws_acm_certificate.test"}}},
        {"fixtures/rules/CL204/fire_panther_pending_validation_in_use",
         {{"CL202", "aws_acm_certificate.test"}}},
        {"fixtures/rules/CL204/fire_pending_about_to_be_attached",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL204/silent_panther_issued", {{"CL202", "aws_acm_certificate.test"}}},
        {"fixtures/rules/CL205/silent_ineligible_now_attached",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL206/fire_state_renewal_pending_validation",
         {{"CL202", "aws_acm_certificate.test"}}},
        {"fixtures/rules/CL206/fire_state_validation_timed_out",
         {{"CL202", "aws_acm_certificate.test"}}},
        {"fixtures/rules/CL301/fire_api_gateway_other_domain",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL301/fire_cloudfront_apex_not_covered_by_wildcard",
         {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL301/fire_verifiedaccess_application_domain",
         {{"CL202", "aws_acm_certificate.app"}}},
        {"fixtures/rules/CL301/fire_wildcard_covers_one_label_only",
         {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL301/silent_apex_and_wildcard", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL302/fire_first_name_over_64",
         {{"CL202", "aws_acm_certificate.reports"}}},
        {"fixtures/rules/CL302/fire_ip_address_and_underscore",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL302/fire_more_names_than_quota",
         {{"CL202", "aws_acm_certificate.shops"}}},
        {"fixtures/rules/CL302/fire_wildcard_not_leftmost",
         {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL302/silent_long_name_as_san",
         {{"CL202", "aws_acm_certificate.reports"}}},
        {"fixtures/rules/CL302/silent_names_at_quota", {{"CL202", "aws_acm_certificate.shops"}}},
        {"fixtures/rules/CL302/silent_punycode_and_wildcard",
         {{"CL202", "aws_acm_certificate.idn"}}},
        {"fixtures/rules/CL303/fire_existing_certificate", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL303/fire_new_certificate", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL303/silent_enabled", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL303/silent_private_certificate",
         {{"CL202", "aws_acm_certificate.internal"}}},
        {"fixtures/rules/CL304/fire_cloudfront_secp384r1", {{"CL202", "aws_acm_certificate.cdn"}}},
        {"fixtures/rules/CL304/fire_edge_api_gateway_secp384r1",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL304/silent_cloudfront_prime256v1",
         {{"CL202", "aws_acm_certificate.cdn"}}},
        {"fixtures/rules/CL304/silent_load_balancer_secp384r1",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL304/silent_regional_api_gateway_secp384r1",
         {{"CL202", "aws_acm_certificate.api"}}},
        {"fixtures/rules/CL305/fire_wildcard_san_when_enabled",
         {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL305/silent_no_wildcard", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/rules/CL305/silent_off_by_default", {{"CL202", "aws_acm_certificate.site"}}},
        {"fixtures/tf-config/email_tfvars",
         {{"CL202", "aws_acm_certificate.admin"}, {"CL202", "aws_acm_certificate.portal"}}},
        {"fixtures/tf-config/for_each_count",
         {{"CL202", "aws_acm_certificate.site[\"api\"]"},
          {"CL202", "aws_acm_certificate.site[\"shop\"]"}}},
    };
    std::vector<fs::path> cases;
    const fs::path root(kSourceDir);
    for (const char* group : {"fixtures/rules", "fixtures/tf-config"}) {
        for (const auto& rule : fs::directory_iterator(root / group)) {
            if (!rule.is_directory()) continue;
            // Cases with a plan of their sources (configuration-only cases have none).
            const auto planned = [](const fs::path& p) {
                return fs::is_directory(p / "terraform") && fs::exists(p / "plan.json");
            };
            if (planned(rule.path())) cases.push_back(rule.path());
            for (const auto& c : fs::directory_iterator(rule.path())) {
                if (planned(c.path())) cases.push_back(c.path());
            }
        }
    }
    for (const char* c : {"fixtures/golden/clean", "fixtures/golden/mixed",
                          "fixtures/golden/escaping", "examples"}) {
        cases.push_back(root / c);
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 70);
    std::size_t same = 0;
    for (const fs::path& c : cases) {
        const std::string rel = fs::relative(c, root).string();
        const fs::path plan = c / "plan.json";
        if (!fs::exists(plan)) continue;
        std::vector<std::string> args;
        if (fs::exists(c / "expected.json")) {
            const json expected =
                json::parse(certlint::test::read_file((c / "expected.json").string()));
            for (const auto& a : expected.value("args", json::array())) args.push_back(a);
        }
        std::vector<std::string> plan_args = args, config_args = args;
        plan_args.push_back(plan.string());
        config_args.push_back((c / "terraform").string());
        const auto from_plan = findings_of(plan_args);
        const auto from_config = findings_of(config_args);
        std::multiset<Key> plan_only, config_only;
        std::set_difference(from_plan.begin(), from_plan.end(), from_config.begin(),
                            from_config.end(), std::inserter(plan_only, plan_only.end()));
        std::set_difference(from_config.begin(), from_config.end(), from_plan.begin(),
                            from_plan.end(), std::inserter(config_only, config_only.end()));
        if (rel.rfind("fixtures/tf-config/", 0) == 0) {
            // These cases also list their configuration-mode findings.
            const json expected =
                json::parse(certlint::test::read_file((c / "expected.json").string()));
            std::multiset<Key> want;
            for (const auto& f : expected.at("findings")) {
                want.emplace(f.at("rule_id").get<std::string>(),
                             f.at("resource").get<std::string>());
            }
            INFO(rel << ": configuration findings\n" << show(from_config));
            CHECK(from_config == want);
        }
        if (const auto la = lookahead.find(rel); la != lookahead.end()) {
            INFO(rel << ": CL202 look-ahead findings\n" << show(la->second));
            for (const Key& k : la->second) {
                const auto f = config_only.find(k);
                CHECK(f != config_only.end());
                if (f != config_only.end()) config_only.erase(f);
            }
        }
        const auto it = expected_differences.find(rel);
        INFO(rel << "\nonly in the plan:\n"
                 << show(plan_only) << "only in the configuration:\n"
                 << show(config_only));
        if (it == expected_differences.end()) {
            CHECK(plan_only.empty());
            CHECK(config_only.empty());
            ++same;
        } else {
            INFO("expected: " << it->second.why);
            CHECK(plan_only == it->second.plan_only);
            CHECK(config_only == it->second.config_only);
        }
    }
    CHECK(same + expected_differences.size() == cases.size());
}
