// A plan beside its Terraform sources (spec §6, Locations): with no --source-dir, the .tf
// files in the plan's directory are its sources: findings point at their lines, and a
// directory scan does not check them a second time as a configuration.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::run_certlint;
using certlint::test::TempDir;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A rule fixture whose plan Terraform made from terraform/main.tf: CL301 on
// aws_cloudfront_distribution.site, declared on line 43.
const std::string kCase = kSourceDir + "/fixtures/rules/CL301/fire_wildcard_covers_one_label_only";

// "RULE RESOURCE FILE[:LINE]" of each finding of a JSON report.
std::vector<std::string> findings(const std::string& report) {
    std::vector<std::string> out;
    const Json doc = Json::parse(report);
    for (const Json& f : doc.at("findings")) {
        std::string line = f.at("rule_id").get<std::string>() + " " +
                           f.at("resource").get<std::string>() + " " +
                           f.at("file").get<std::string>();
        if (f.contains("location")) {
            line += " -> " + f["location"].at("file").get<std::string>() + ":" +
                    std::to_string(f["location"].at("line").get<int>());
        }
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> input_kinds(const std::string& report) {
    std::vector<std::string> out;
    const Json doc = Json::parse(report);
    for (const Json& in : doc.at("inputs")) out.push_back(in.at("kind"));
    return out;
}

}  // namespace

TEST_CASE("a plan beside its .tf sources points at their lines", "[sources][cli]") {
    TempDir tmp;
    fs::copy_file(kCase + "/terraform/main.tf", tmp / "main.tf");
    fs::copy_file(kCase + "/plan.json", tmp / "plan.json");
    const std::string plan = tmp / "plan.json";
    const std::string want =
        "CL301 aws_cloudfront_distribution.site " + plan + " -> " + (tmp / "main.tf") + ":43";

    // Named, and found by a scan of the directory: the finding once, at its .tf line; the
    // .tf files are the plan's sources, not a configuration checked again.
    for (const std::string& path : {plan, tmp.path()}) {
        const auto r = run_certlint({"-f", "json", path});
        INFO(path << "\n" << r.err);
        CHECK(r.exit_code == 1);
        CHECK(findings(r.out) == std::vector<std::string>{want});
        CHECK(input_kinds(r.out) == std::vector<std::string>{"terraform-plan"});
    }
    // The text report names the .tf line; --verbose says the sources were inferred.
    const auto text = run_certlint({"-v", "--no-color", plan});
    CHECK(text.out.find(tmp / "main.tf" + ":43: error CL301") != std::string::npos);
    CHECK(text.out.find(plan + ": Terraform sources inferred: the .tf files beside it (" +
                        tmp.path() + ")") != std::string::npos);
    const auto quiet = run_certlint({"--no-color", plan});
    CHECK(quiet.out.find("sources inferred") == std::string::npos);
}

TEST_CASE("a plan alone, or with --source-dir, is not given the sources beside it",
          "[sources][cli]") {
    // The same plan with no .tf file beside it: the plan's own location.
    TempDir alone;
    fs::copy_file(kCase + "/plan.json", alone / "plan.json");
    const auto r = run_certlint({"-f", "json", alone / "plan.json"});
    CHECK(r.exit_code == 1);
    CHECK(findings(r.out) == std::vector<std::string>{"CL301 aws_cloudfront_distribution.site " +
                                                      (alone / "plan.json")});
    const auto scan = run_certlint({"-f", "json", alone.path()});
    CHECK(findings(scan.out) == findings(r.out));

    // --source-dir wins over the files beside the plan.
    TempDir tmp;
    fs::copy_file(kCase + "/plan.json", tmp / "plan.json");
    tmp.write("main.tf", "\n\n\nresource \"aws_cloudfront_distribution\" \"site\" {\n}\n");
    const std::string given = kCase + "/terraform";
    const auto w = run_certlint({"-f", "json", "--source-dir", given, tmp / "plan.json"});
    CHECK(findings(w.out) ==
          std::vector<std::string>{"CL301 aws_cloudfront_distribution.site " + (tmp / "plan.json") +
                                   " -> " + given + "/main.tf:43"});
    const auto inferred = run_certlint({"-f", "json", tmp / "plan.json"});
    CHECK(findings(inferred.out) ==
          std::vector<std::string>{"CL301 aws_cloudfront_distribution.site " + (tmp / "plan.json") +
                                   " -> " + (tmp / "main.tf") + ":4"});

    // Standard input has no directory: no sources unless --source-dir names them.
    const std::string bytes = certlint::test::read_file(kCase + "/plan.json");
    const auto piped = run_certlint({"-f", "json", "-"}, bytes, tmp.path());
    CHECK(findings(piped.out) ==
          std::vector<std::string>{"CL301 aws_cloudfront_distribution.site -"});
}
