// Golden reports: every scenario in fixtures/golden, rendered in every format, must match
// its approved expected.<format> byte for byte. Regenerate with tools/approve-golden.sh
// (which builds the same command lines) and review the diff.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catch.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using certlint::test::kSourceDir;

namespace {

const char* const kFormats[] = {"text", "json", "sarif", "github", "junit", "markdown"};

std::vector<std::string> scenarios() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(kSourceDir + "/fixtures/golden")) {
        if (e.is_directory()) out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The command line tools/approve-golden.sh uses, relative to the source directory.
std::vector<std::string> command(const std::string& scenario, const std::string& format) {
    const std::string dir = "fixtures/golden/" + scenario;
    std::vector<std::string> args = {"--no-color",
                                     "--now",
                                     "2026-06-01T00:00:00Z",
                                     "--config",
                                     fs::exists(kSourceDir + "/" + dir + "/certlint.yaml")
                                         ? dir + "/certlint.yaml"
                                         : "fixtures/golden/default.yaml",
                                     "--format",
                                     format};
    if (fs::exists(kSourceDir + "/" + dir + "/args")) {
        std::istringstream in(certlint::test::read_file(kSourceDir + "/" + dir + "/args"));
        for (std::string line; std::getline(in, line);) args.push_back(line);
    } else {
        args.push_back(dir + "/plan.json");
    }
    return args;
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& want, const std::string& got) {
    std::istringstream a(want);
    std::istringstream b(got);
    std::string la;
    std::string lb;
    for (int n = 1;; ++n) {
        const bool ha = static_cast<bool>(std::getline(a, la));
        const bool hb = static_cast<bool>(std::getline(b, lb));
        if (!ha && !hb) return "texts differ only in line endings";
        if (!ha || !hb || la != lb) {
            return "line " + std::to_string(n) + ":\n  expected: " + (ha ? la : "<end>") +
                   "\n  actual:   " + (hb ? lb : "<end>");
        }
    }
}

}  // namespace

TEST_CASE("golden reports match in every format", "[golden]") {
    const auto all = scenarios();
    REQUIRE(all.size() >= 4);
    for (const std::string& s : all) {
        for (const char* format : kFormats) {
            INFO("scenario " << s << ", format " << format
                             << " (tools/approve-golden.sh regenerates after a deliberate change)");
            const std::string expected_path =
                kSourceDir + "/fixtures/golden/" + s + "/expected." + format;
            REQUIRE(fs::exists(expected_path));
            const auto r = certlint::test::run_certlint(command(s, format), {}, kSourceDir);
            INFO(r.err);
            // 1 when there are errors (JUnit shows failures only at or above --fail-on).
            REQUIRE((r.exit_code == 0 || r.exit_code == 1));
            const std::string expected = certlint::test::read_file(expected_path);
            const std::string unapproved =
                kSourceDir + "/fixtures/golden/" + s + "/expected.unapproved." + format;
            if (r.out != expected) {
                // Beside the approved file (git ignores *.unapproved.*), for a diff.
                std::ofstream(unapproved, std::ios::binary) << r.out;
                FAIL(first_difference(expected, r.out)
                     << "\n(actual output in " << unapproved << ")");
            }
            std::error_code ec;
            fs::remove(unapproved, ec);
            // No absolute paths and no time of day in any report.
            CHECK(r.out.find(kSourceDir) == std::string::npos);
            CHECK(r.out.find("/tmp/") == std::string::npos);
        }
    }
}

TEST_CASE("golden scenarios cover every format's interesting cases", "[golden]") {
    // A clean run, findings with --source-dir locations, a config with waivers, and
    // resource names built to break naive escaping, and a CloudFormation template (lines).
    for (const char* s :
         {"clean", "cloudfront-eu-cert", "mixed", "escaping", "configured", "cfn-template"}) {
        INFO(s);
        CHECK(fs::is_directory(kSourceDir + "/fixtures/golden/" + s));
    }
    const std::string sarif = certlint::test::read_file(
        kSourceDir + "/fixtures/golden/cloudfront-eu-cert/expected.sarif");
    CHECK(sarif.find("\"uri\": \"fixtures/golden/cloudfront-eu-cert/src/modules/cdn/main.tf\"") !=
          std::string::npos);
}
