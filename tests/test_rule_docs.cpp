// The rule pages under docs/rules/ are generated from policies/ by tools/gen-rule-docs.py.
// These tests render the same pages from the policies embedded in certlint and fail when a
// committed page drifts from its policy, when a policy has no page or a page no policy, or
// when a page lacks a failing and a fixed example for Terraform and for CloudFormation.
// The template below and the one in tools/gen-rule-docs.py change together.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <re2/re2.h>

#include "catch.hpp"
#include "certlint/rule.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kDocsDir = fs::path(certlint::test::kSourceDir) / "docs" / "rules";
const char* const kRegenerate = "run: python3 tools/gen-rule-docs.py";

std::string chomp(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

std::string render_page(const certlint::Policy& p) {
    std::ostringstream out;
    out << "# " << p.id << " " << p.name << "\n\n";
    out << "| | |\n|---|---|\n";
    out << "| Severity | " << certlint::to_string(p.severity) << " |\n";
    out << "| Enabled by default | " << (p.enabled ? "yes" : "no") << " |\n";
    for (const auto& [key, value] : p.options) {
        out << "| Option `" << key << "` | default `" << chomp(value) << "` |\n";
    }
    out << "\n## What it checks\n\n" << chomp(p.summary) << "\n\n";
    out << "## Why it matters\n\n" << chomp(p.rationale) << "\n\n";
    for (const auto& [family, text] : p.remediation) {
        out << "## How to fix: " << certlint::display_name(family) << "\n\n" << chomp(text) << "\n\n";
    }
    out << "## References\n\n";
    for (const std::string& r : p.references) out << "- <" << r << ">\n";
    out << "\n---\n\nGenerated from `policies/" << p.id
        << ".yaml` by `tools/gen-rule-docs.py`; do not edit.\n";
    return out.str();
}

std::string escape_pipes(const std::string& s) {
    std::string out;
    for (const char ch : s) {
        if (ch == '|') out += '\\';
        out += ch;
    }
    return out;
}

std::string render_index() {
    std::ostringstream out;
    out << "# Rules\n\n"
        << "One page per rule, generated from `policies/` by `tools/gen-rule-docs.py`.\n"
        << "`certlint rules` lists the same catalog; `certlint explain ID` prints a page's "
           "text.\n\n"
        << "| ID | name | default | on | summary |\n|---|---|---|---|---|\n";
    for (const certlint::Policy& p : certlint::policies()) {
        out << "| [" << p.id << "](" << p.id << ".md) | " << p.name << " | "
            << certlint::to_string(p.severity) << " | " << (p.enabled ? "yes" : "no") << " | "
            << escape_pipes(chomp(p.summary)) << " |\n";
    }
    return out.str();
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The code of the first fenced block after `label` ("Fails:" / "Passes:"), or "".
std::string example_after(const std::string& text, const std::string& label,
                          const std::string& lang) {
    const std::size_t at = text.find(label);
    if (at == std::string::npos) return {};
    const std::string fence = "```" + lang;
    const std::size_t open = text.find(fence, at);
    if (open == std::string::npos) return {};
    const std::size_t body = text.find('\n', open);
    const std::size_t close = text.find("\n```", body);
    if (body == std::string::npos || close == std::string::npos) return {};
    return text.substr(body + 1, close - body - 1);
}

}  // namespace

TEST_CASE("every policy has a docs page and every page a policy", "[docs]") {
    REQUIRE(fs::is_directory(kDocsDir));
    for (const certlint::Policy& p : certlint::policies()) {
        INFO(p.id);
        CHECK(fs::is_regular_file(kDocsDir / (p.id + ".md")));
    }
    const RE2 page(R"(CL\d{3}\.md)");
    std::set<std::string> pages;
    for (const auto& entry : fs::directory_iterator(kDocsDir)) {
        const std::string name = entry.path().filename().string();
        INFO("docs/rules/" << name);
        if (name == "README.md") continue;
        CHECK(RE2::FullMatch(name, page));
        CHECK(certlint::find_policy(name.substr(0, name.size() - 3)) != nullptr);
        pages.insert(name);
    }
    CHECK(pages.size() == certlint::policies().size());
    CHECK(fs::is_regular_file(kDocsDir / "README.md"));
}

TEST_CASE("the rule pages are generated from the current policies", "[docs]") {
    for (const certlint::Policy& p : certlint::policies()) {
        const fs::path path = kDocsDir / (p.id + ".md");
        INFO("docs/rules/" << p.id << ".md drifted from policies/" << p.id << ".yaml; "
                           << kRegenerate);
        REQUIRE(fs::is_regular_file(path));
        CHECK(read(path) == render_page(p));
    }
    INFO("docs/rules/README.md drifted from policies/; " << kRegenerate);
    CHECK(read(kDocsDir / "README.md") == render_index());
}

TEST_CASE("every rule page shows a failing and a fixed example for both formats", "[docs]") {
    for (const certlint::Policy& p : certlint::policies()) {
        INFO(p.id << ": remediation needs 'Fails:' and 'Passes:' fenced examples");
        const std::string tf_fails = example_after(p.remediation_for(certlint::InputFamily::Terraform), "Fails", "hcl");
        const std::string tf_passes = example_after(p.remediation_for(certlint::InputFamily::Terraform), "Passes", "hcl");
        CHECK(!tf_fails.empty());
        CHECK(!tf_passes.empty());
        CHECK(tf_fails != tf_passes);
        std::string cfn_fails = example_after(p.remediation_for(certlint::InputFamily::CloudFormation), "Fails", "yaml");
        std::string cfn_passes = example_after(p.remediation_for(certlint::InputFamily::CloudFormation), "Passes", "yaml");
        if (cfn_fails.empty())
            cfn_fails = example_after(p.remediation_for(certlint::InputFamily::CloudFormation), "Fails", "json");
        if (cfn_passes.empty()) {
            cfn_passes = example_after(p.remediation_for(certlint::InputFamily::CloudFormation), "Passes", "json");
        }
        CHECK(!cfn_fails.empty());
        CHECK(!cfn_passes.empty());
        CHECK(cfn_fails != cfn_passes);
    }
}

TEST_CASE("explain prints a rule's page text by ID or by name", "[docs]") {
    for (const char* id :
         {"CL004", "CL005", "CL204", "CL205", "CL206", "CL301", "CL302", "CL303", "CL304", "CL305"}) {
        INFO(id);
        const certlint::Policy* p = certlint::find_policy(id);
        REQUIRE(p != nullptr);
        const auto by_id = certlint::test::run_certlint({"explain", id});
        CHECK(by_id.exit_code == 0);
        CHECK(by_id.out.find(p->name) != std::string::npos);
        CHECK(by_id.out.find(chomp(p->rationale)) != std::string::npos);
        CHECK(by_id.out.find(chomp(p->remediation_for(certlint::InputFamily::Terraform))) != std::string::npos);
        CHECK(by_id.out.find(chomp(p->remediation_for(certlint::InputFamily::CloudFormation))) != std::string::npos);
        CHECK(by_id.out.find(chomp(p->remediation_for(certlint::InputFamily::Inventory))) != std::string::npos);
        const auto by_name = certlint::test::run_certlint({"explain", p->name});
        CHECK(by_name.exit_code == 0);
        CHECK(by_name.out == by_id.out);
    }
}
