// What certlint makes of real Terraform plans (fixtures/rules/<ID>/<case>/plan.json, generated
// by tools/regen-tf-fixtures.sh) beyond the finding lists their expected.json check: the plan
// actions and change details in the model, the exact messages, and the --verbose notes that
// say why a rule stayed silent.
#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "certlint/engine.hpp"
#include "model_lookup.hpp"
#include "plan_builder.hpp"
#include "support.hpp"

using namespace certlint;
using certlint::test::cert;
using certlint::test::consumer;
using certlint::test::json;
using certlint::test::kSourceDir;

namespace {

std::string fixture(const std::string& rule_case) {
    return kSourceDir + "/fixtures/rules/" + rule_case + "/plan.json";
}

Model load_fixture(const std::string& rule_case) {
    return load_inputs({fixture(rule_case)}, {});
}

struct Outcome {
    std::vector<std::string> messages;  // "<rule_id> <resource>: <message>"
    std::string notes;                  // stderr of the --verbose run
};

Outcome report(const std::string& rule_case) {
    const auto r = test::run_certlint({"--format", "json", "--fail-on", "never", "--now",
                                       "2026-11-01T00:00:00Z", "-v", fixture(rule_case)});
    REQUIRE(r.exit_code == 0);
    Outcome out;
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    for (const auto& f : doc.at("findings")) {
        out.messages.push_back(f.at("rule_id").get<std::string>() + " " +
                               f.at("resource").get<std::string>() + ": " +
                               f.at("message").get<std::string>());
    }
    out.notes = r.err;
    return out;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("plan actions: forget, moved and imported objects", "[terraform][actions]") {
    SECTION("a removed block with destroy = false forgets the certificate") {
        const Model m = load_fixture("CL001/silent_certificate_forgotten_by_removed_block");
        const Certificate& c = cert(m, "aws_acm_certificate.legacy");
        CHECK(c.action == Action::Forget);
        CHECK(leaves(c.action));
        CHECK_FALSE(removes(c.action));
        CHECK(c.validation_method == "EMAIL");  // its values are still read
    }
    SECTION("a forgotten consumer still uses its certificate") {
        const Model m =
            load_fixture("CL203/fire_certificate_deleted_while_forgotten_distribution_keeps_it");
        CHECK(consumer(m, "aws_cloudfront_distribution.site").action == Action::Forget);
        CHECK(cert(m, "aws_acm_certificate.site").action == Action::Delete);
        const Outcome r =
            report("CL203/fire_certificate_deleted_while_forgotten_distribution_keeps_it");
        CHECK(r.messages ==
              std::vector<std::string>{
                  "CL203 aws_acm_certificate.site: certificate is deleted while "
                  "aws_cloudfront_distribution.site (which leaves this configuration but stays "
                  "deployed) still uses it: the delete fails with ResourceInUseException after "
                  "retrying for 20 minutes"});
    }
    SECTION("a moved block: the previous address, no change") {
        const Model m = load_fixture("CL203/silent_certificate_renamed_by_moved_block");
        const Certificate& c = cert(m, "aws_acm_certificate.cdn");
        CHECK(c.action == Action::Existing);
        CHECK(c.change.previous_address == "aws_acm_certificate.site");
        CHECK_FALSE(c.change.importing);
        CHECK(consumer(m, "aws_cloudfront_distribution.site").change.previous_address.empty());
    }
    SECTION("an import block: an existing certificate, not one this deployment creates") {
        const Model m = load_fixture("CL003/silent_imported_certificate_attached_directly");
        const Certificate& c = cert(m, "aws_acm_certificate.site");
        CHECK(c.action == Action::Existing);
        CHECK(c.change.importing);
        CHECK(c.change.import_id ==
              "arn:aws:acm:us-east-1:111122223333:certificate/"
              "6d0c3f7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
        CHECK(c.status == "ISSUED");
        CHECK_FALSE(consumer(m, "aws_cloudfront_distribution.site").change.importing);
    }
    SECTION("[\"create\",\"forget\"]: a replacement that keeps the old object deployed") {
        // Terraform 1.11 cannot write this action (it comes with `lifecycle { destroy = false
        // }` in later releases), so the plan is built.
        test::PlanBuilder b;
        b.provider("aws", "eu-west-1");
        b.instance("aws_acm_certificate.site", {"create", "forget"},
                   {{"domain_name", "example.com"}, {"validation_method", "DNS"}}, {{"arn", true}},
                   {{"arn",
                     "arn:aws:acm:eu-west-1:111122223333:certificate/"
                     "0b7d4c52-1a3e-4f0e-8d6e-3c9a5b7e2f10"},
                    {"domain_name", "example.org"},
                    {"validation_method", "DNS"}});
        b.config("", "aws_acm_certificate.site", {{"domain_name", test::constant("example.com")}});
        Model m;
        load_document(m, "plan.json", b.str(), {});
        const Certificate& c = cert(m, "aws_acm_certificate.site");
        CHECK(c.action == Action::ReplaceCreateForget);
        CHECK(creates(c.action));
        CHECK_FALSE(removes(c.action));
        CHECK_FALSE(leaves(c.action));
    }
}

TEST_CASE("CL003 says what is known: created consumers fail, updated ones race",
          "[terraform][CL003]") {
    const Outcome created = report("CL003/fire_for_each_listener_certificate_without_waiter");
    REQUIRE(created.messages.size() == 2);
    CHECK(std::count_if(created.messages.begin(), created.messages.end(), [](const auto& s) {
              return has(s,
                         "; it is created while the certificate is still "
                         "PENDING_VALIDATION and fails");
          }) == 2);
    const Outcome updated = report("CL003/fire_existing_distribution_switched_to_new_certificate");
    CHECK(updated.messages ==
          std::vector<std::string>{
              "CL003 aws_cloudfront_distribution.site: CloudFront distribution attaches "
              "certificate aws_acm_certificate.next, which this deployment creates, without "
              "waiting for validation (it references the certificate directly instead of the "
              "validation resource's certificate_arn); it is updated in the same apply, and "
              "the update fails if it runs before ACM issues the certificate (a race)"});
}

TEST_CASE("CL101 says what to do with a certificate this deployment does not create",
          "[terraform][CL101]") {
    const Outcome remote = report("CL101/fire_arn_from_remote_state");
    CHECK(remote.messages ==
          std::vector<std::string>{
              "CL101 aws_cloudfront_distribution.site: CloudFront distribution uses a "
              "certificate in eu-west-1; CloudFront only accepts us-east-1 certificates; this "
              "deployment does not create the certificate (its ARN is given: a literal, a "
              "variable or parameter, or remote state): use the ARN of a certificate in "
              "us-east-1, requested or imported there"});
    const Outcome lookup = report("CL101/fire_edge_api_gateway_data_source");
    REQUIRE(lookup.messages.size() == 1);
    CHECK(has(lookup.messages[0],
              "; this deployment does not create the certificate (it is "
              "looked up): use the ARN of a certificate in us-east-1"));
    const Outcome managed = report("CL101/fire_cloudfront_certificate_on_default_provider");
    REQUIRE_FALSE(managed.messages.empty());
    for (const std::string& msg : managed.messages) {
        CHECK_FALSE(has(msg, "does not create the certificate"));
    }
}

TEST_CASE("for_each: each.value of a waiter and module instances of the consumer's key",
          "[terraform][for_each]") {
    SECTION("a waiter per certificate through each.value; depends_on on all of them") {
        const Model m = load_fixture("CL003/silent_for_each_waiter_each_value_and_depends_on");
        for (const char* key : {"shop", "docs"}) {
            INFO(key);
            const std::string k = std::string("[\"") + key + "\"]";
            CHECK(cert(m, "aws_acm_certificate.certs" + k).has_waiter);
            const Consumer& c = consumer(m, "aws_lb_listener_certificate.sites" + k);
            REQUIRE(c.attachments.size() == 1);
            REQUIRE(c.attachments[0].candidates.size() == 1);
            const CertCandidate& cand = c.attachments[0].candidates[0];
            CHECK(m.certificates[*cand.certificate].id == "aws_acm_certificate.certs" + k);
            CHECK(cand.awaits_validation);
        }
    }
    SECTION("module.cert[each.key]: the module instance of the consumer's key") {
        const Model m =
            load_fixture("CL101/fire_for_each_distribution_reads_module_instance_of_its_key");
        for (const char* key : {"shop", "docs"}) {
            INFO(key);
            const std::string k = std::string("[\"") + key + "\"]";
            const Consumer& c = consumer(m, "aws_cloudfront_distribution.site" + k);
            REQUIRE(c.attachments.size() == 1);
            CHECK(c.attachments[0].unresolved.empty());
            REQUIRE(c.attachments[0].candidates.size() == 1);
            const CertCandidate& cand = c.attachments[0].candidates[0];
            CHECK(m.certificates[*cand.certificate].id ==
                  "module.cert" + k + ".aws_acm_certificate.this");
            CHECK(cand.awaits_validation);  // the module's output is the waiter's
        }
    }
}

TEST_CASE("a certificate looked up by domain: its names come from its PEM, else are unknown",
          "[terraform][CL301]") {
    const Model m = load_fixture("CL301/fire_lookup_by_domain_names_from_certificate_pem");
    const Certificate& c = cert(m, "data.aws_acm_certificate.site");
    CHECK_FALSE(c.managed);
    CHECK_FALSE(c.names_known);  // `domain` is what was looked up, not the name list
    CHECK(c.domain_name == "example.com");
    CHECK(has(c.certificate_body, "BEGIN CERTIFICATE"));
    const Outcome pem = report("CL301/fire_lookup_by_domain_names_from_certificate_pem");
    CHECK(pem.messages ==
          std::vector<std::string>{
              "CL301 aws_cloudfront_distribution.nested: CloudFront distribution serves "
              "a.b.example.com but certificate data.aws_acm_certificate.site covers only "
              "example.com, *.example.com: CloudFront refuses an alias the certificate does "
              "not cover"});
    const Outcome unknown = report("CL301/silent_lookup_read_at_apply_names_unknown");
    CHECK(unknown.messages.empty());
    CHECK(has(unknown.notes,
              "aws_cloudfront_distribution.www: CL301 undecided for "
              "data.aws_acm_certificate.site: its names are not known before "
              "apply"));
}

TEST_CASE("CL002: record blocks without instances create nothing; exported validation options",
          "[terraform][CL002]") {
    const Outcome none = report("CL002/fire_module_external_dns_mode_records_nowhere");
    CHECK(none.messages.size() == 1);
    CHECK_FALSE(has(none.notes, "computes its records from local values"));
    const Outcome each = report("CL002/fire_records_for_each_empty_when_dns_not_managed");
    CHECK(each.messages.size() == 1);
    const Outcome exported =
        report("CL002/silent_module_external_dns_mode_exports_validation_options");
    CHECK(exported.messages.empty());
    CHECK(has(exported.notes,
              "module.acm.aws_acm_certificate.this[0]: CL002 undecided: nothing in this plan "
              "creates its validation records, but its domain_validation_options leave through "
              "output.acm_certificate_domain_validation_options: the records are presumably "
              "created elsewhere"));
}

TEST_CASE("options.export of an aws_acm_certificate (AWS provider v6) is read",
          "[terraform][export]") {
    // Provider 5.100 has no `export` option, so the plan is built (v6 writes it in `options`,
    // next to the CT logging preference).
    test::PlanBuilder b;
    b.provider("aws", "eu-west-1");
    b.instance(
        "aws_acm_certificate.portable", {"create"},
        {{"domain_name", "portable.example.com"},
         {"validation_method", "DNS"},
         {"options", json::array({json{{"export", "ENABLED"}}})}},
        {{"arn", true},
         {"options", json::array({json{{"certificate_transparency_logging_preference", true}}})}});
    b.instance("aws_acm_certificate.plain", {"create"},
               {{"domain_name", "plain.example.com"}, {"validation_method", "DNS"}},
               {{"arn", true}, {"options", true}});
    b.config("", "aws_acm_certificate.portable",
             {{"domain_name", test::constant("portable.example.com")}});
    b.config("", "aws_acm_certificate.plain",
             {{"domain_name", test::constant("plain.example.com")}});
    Model m;
    load_document(m, "plan.json", b.str(), {});
    CHECK(cert(m, "aws_acm_certificate.portable").export_option == "ENABLED");
    CHECK(cert(m, "aws_acm_certificate.plain").export_option.empty());
}

TEST_CASE("a block the plan marks wholly unknown: dynamic, or filled in by the provider",
          "[terraform][unknown]") {
    SECTION(
        "a dynamic viewer_certificate with an unknown for_each attaches an undecided "
        "certificate") {
        const std::string fixture_case = "CL201/silent_distribution_certificate_in_dynamic_block";
        const Model m = load_fixture(fixture_case);
        const Consumer& c = consumer(m, "module.cdn.aws_cloudfront_distribution.this");
        REQUIRE(c.attachments.size() == 1);
        CHECK(c.attachments[0].attribute == "viewer_certificate.acm_certificate_arn");
        CHECK(c.attachments[0].candidates.empty());
        CHECK(c.attachments[0].unresolved ==
              std::vector<std::string>{
                  "viewer_certificate is set by a dynamic block whose for_each is "
                  "not known before apply"});
        // Configuration mode reads the dynamic block's content: its iterator, of a for_each
        // that is not known, is as undecided.
        const Model cm =
            load_inputs({kSourceDir + "/fixtures/rules/" + fixture_case + "/terraform"}, {});
        const Consumer& cc = consumer(cm, "module.cdn.aws_cloudfront_distribution.this");
        REQUIRE(cc.attachments.size() == 1);
        CHECK(cc.attachments[0].candidates.empty());
        CHECK(cc.attachments[0].unresolved == c.attachments[0].unresolved);
        const Outcome out = report(fixture_case);
        CHECK(out.messages.empty());
        CHECK(has(out.notes,
                  "aws_acm_certificate.site: CL201 not reported: the certificate of "
                  "module.cdn.aws_cloudfront_distribution.this could not be followed "
                  "and may be this one"));
    }
    SECTION("unset blocks the provider fills in attach nothing") {
        const Model m = load_fixture("CL201/fire_spare_certificate_beside_provider_filled_blocks");
        CHECK(std::none_of(m.consumers.begin(), m.consumers.end(), [](const Consumer& c) {
            return c.id == "aws_opensearch_domain.search" ||
                   c.id == "aws_amplify_domain_association.site";
        }));
    }
}
