// Runs every fixture under fixtures/rules/<ID>/<case>/ through the certlint binary and
// compares the findings exhaustively with the case's expected.json: a missing finding and
// an unlisted one both fail. A case without a plan, state, template, cloud assembly or
// inventory but with a terraform/ directory is checked as a configuration (spec §6). `fire_*` cases must report their rule, `silent_*` must not.
#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using certlint::test::kSourceDir;

namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // rule_id, resource, certificate

std::string input_of(const fs::path& dir) {
    for (const char* name :
         {"plan.json", "state.json", "template.yaml", "template.yml", "template.json", "cdk.out",
          "inventory.json", "inventory.jsonl"}) {
        if (fs::exists(dir / name)) return (dir / name).string();
    }
    // A Terraform configuration without a plan (spec §6): its sources are the input.
    if (fs::is_directory(dir / "terraform")) return (dir / "terraform").string();
    return {};
}

// A multiset: a finding reported twice is a difference too.
std::multiset<Key> keys(const nlohmann::json& findings) {
    std::multiset<Key> out;
    for (const auto& f : findings) {
        out.emplace(f.at("rule_id").get<std::string>(), f.at("resource").get<std::string>(),
                    f.value("certificate", std::string{}));
    }
    return out;
}

std::string show(const std::multiset<Key>& s) {
    std::string out;
    for (const auto& [rule, resource, cert] : s) {
        out += "  " + rule + " " + resource + (cert.empty() ? "" : " (certificate " + cert + ")") +
               "\n";
    }
    return out.empty() ? "  (none)\n" : out;
}

}  // namespace

TEST_CASE("rule fixtures report exactly their expected findings", "[fixtures]") {
    const fs::path root = fs::path(kSourceDir) / "fixtures" / "rules";
    REQUIRE(fs::is_directory(root));
    std::vector<fs::path> cases;
    for (const auto& rule : fs::directory_iterator(root)) {
        if (!rule.is_directory()) continue;
        for (const auto& c : fs::directory_iterator(rule.path())) {
            if (c.is_directory()) cases.push_back(c.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(!cases.empty());
    for (const fs::path& dir : cases) {
        const std::string rule_id = dir.parent_path().filename().string();
        const std::string name = dir.filename().string();
        INFO("fixture " << rule_id << "/" << name);
        const std::string input = input_of(dir);
        REQUIRE(!input.empty());
        const auto expected =
            nlohmann::json::parse(certlint::test::read_file((dir / "expected.json").string()));
        std::vector<std::string> args{"--format", "json",  "--fail-on",
                                      "never",    "--now", "2026-11-01T00:00:00Z"};
        for (const auto& a : expected.value("args", nlohmann::json::array())) {
            args.push_back(a.get<std::string>());
        }
        args.push_back(input);
        const auto run = certlint::test::run_certlint(args);
        INFO("stderr: " << run.err);
        REQUIRE(run.exit_code == 0);
        const auto report = nlohmann::json::parse(run.out);
        const std::multiset<Key> want = keys(expected.at("findings"));
        const std::multiset<Key> got = keys(report.at("findings"));
        INFO("expected:\n" << show(want) << "got:\n" << show(got));
        CHECK(got == want);
        const bool fires = std::any_of(got.begin(), got.end(),
                                       [&](const Key& k) { return std::get<0>(k) == rule_id; });
        if (name.rfind("fire_", 0) == 0) {
            CHECK(fires);
        } else {
            REQUIRE(name.rfind("silent_", 0) == 0);
            CHECK_FALSE(fires);
        }
    }
}
