// The GitHub Action (action.yml + action/run.sh, run for real with INPUT_* variables the
// way the composite action passes them) and the pre-commit hook (run for real with
// `pre-commit try-repo`).
#include <filesystem>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kSourceDir;
using certlint::test::sh_quote;
using certlint::test::shell;
namespace fs = std::filesystem;

namespace {

const std::string kBadPlan = kSourceDir + "/fixtures/golden/cloudfront-eu-cert/plan.json";
const std::string kGoodPlan = kSourceDir + "/fixtures/golden/clean/plan.json";

std::string bin_dir() {
    return fs::path(certlint::test::kBinary).parent_path().string();
}

struct ActionRun {
    certlint::test::ShellResult result;
    std::string outputs;  // $GITHUB_OUTPUT
    std::string summary;  // $GITHUB_STEP_SUMMARY
};

// Runs action/run.sh in `dir` with the given INPUT_* variables (name without the prefix)
// and the certlint under test first on PATH.
ActionRun run_action(const certlint::test::TempDir& dir,
                     const std::vector<std::pair<std::string, std::string>>& inputs) {
    std::string cmd = "cd " + sh_quote(dir.path()) + " && env -u CERTLINT";
    cmd += " PATH=" + sh_quote(bin_dir()) + ":\"$PATH\"";
    cmd += " CERTLINT_CACHE_DIR=" + sh_quote(dir / "cache");
    cmd += " GITHUB_OUTPUT=" + sh_quote(dir / "github_output");
    cmd += " GITHUB_STEP_SUMMARY=" + sh_quote(dir / "step_summary");
    for (const auto& [name, value] : inputs) cmd += " INPUT_" + name + "=" + sh_quote(value);
    cmd += " bash " + sh_quote(kSourceDir + "/action/run.sh");
    ActionRun r;
    dir.write("github_output", "");
    dir.write("step_summary", "");
    r.result = shell(cmd);
    r.outputs = certlint::test::read_file(dir / "github_output");
    r.summary = certlint::test::read_file(dir / "step_summary");
    return r;
}

}  // namespace

TEST_CASE("action: findings fail the step, with annotations, SARIF, summary and outputs",
          "[action]") {
    certlint::test::TempDir dir;
    const auto r = run_action(dir, {{"PATHS", kBadPlan}, {"SARIF", "reports/out.sarif"}});
    INFO(r.result.output);
    CHECK(r.result.exit_code == 1);
    CHECK(r.result.output.find("::error file=" + kBadPlan +
                               ",title=CL101 "
                               "edge-certificate-not-us-east-1::") != std::string::npos);
    CHECK(r.result.output.find("::warning file=") != std::string::npos);
    CHECK(r.outputs == "sarif=reports/out.sarif\nfindings=2\nerrors=1\n");
    CHECK(r.summary.rfind("## certlint\n", 0) == 0);
    CHECK(r.summary.find("```mermaid") != std::string::npos);
    const auto sarif = nlohmann::json::parse(certlint::test::read_file(dir / "reports/out.sarif"));
    CHECK(sarif["runs"][0]["results"].size() == 2);
}

TEST_CASE("action: a clean plan passes, fail-on decides, defaults apply", "[action]") {
    certlint::test::TempDir dir;
    auto r = run_action(dir, {{"PATHS", kGoodPlan}});
    INFO(r.result.output);
    CHECK(r.result.exit_code == 0);
    CHECK(r.outputs == "sarif=certlint.sarif\nfindings=0\nerrors=0\n");
    CHECK(fs::exists(dir / "certlint.sarif"));
    CHECK(r.summary.find("No findings.") != std::string::npos);

    r = run_action(dir, {{"PATHS", kBadPlan}, {"FAIL_ON", "never"}, {"SARIF", ""}});
    CHECK(r.result.exit_code == 0);
    CHECK(r.outputs == "sarif=\nfindings=2\nerrors=1\n");
    // Only the warning (CL003) remains once CL101 is disabled; fail-on warning fails on it.
    r = run_action(dir, {{"PATHS", kBadPlan + "\n" + kGoodPlan},
                         {"FAIL_ON", "warning"},
                         {"ARGS", "--disable CL101  --quiet"}});
    CHECK(r.result.exit_code == 1);
    CHECK(r.outputs.find("findings=1\nerrors=0\n") != std::string::npos);
    r = run_action(dir, {{"PATHS", kBadPlan}, {"FAIL_ON", "error"}, {"ARGS", "--disable CL101"}});
    CHECK(r.result.exit_code == 0);
}

TEST_CASE("action: inputs are data, never shell code", "[action]") {
    certlint::test::TempDir dir;
    const auto r = run_action(dir, {{"PATHS", "$(touch pwned) `touch pwned2`; touch pwned3"},
                                    {"REGION", "eu-west-1; touch pwned4"},
                                    {"ARGS", "--verbose $(touch pwned5)"}});
    INFO(r.result.output);
    CHECK(r.result.exit_code == 2);
    for (const char* f : {"pwned", "pwned2", "pwned3", "pwned4", "pwned5"}) {
        INFO(f);
        CHECK(!fs::exists(dir / f));
    }
    // A newline in the sarif path cannot add lines to $GITHUB_OUTPUT.
    const auto bad = run_action(dir, {{"PATHS", kGoodPlan}, {"SARIF", "x.sarif\nerrors=0"}});
    CHECK(bad.result.exit_code == 2);
    CHECK(bad.outputs.empty());
}

TEST_CASE("action: configuration errors exit 2 naming the file and line", "[action]") {
    certlint::test::TempDir dir;
    dir.write("cfg/certlint.yaml", "region: eu-west-1\nfail_on: sometimes\n");
    const auto r = run_action(dir, {{"PATHS", kGoodPlan}, {"CONFIG", "cfg/certlint.yaml"}});
    CHECK(r.result.exit_code == 2);
    CHECK(r.result.output.find("certlint: cfg/certlint.yaml:2: fail_on must be") !=
          std::string::npos);
}

TEST_CASE("action.yml: a composite action that passes inputs through env", "[action]") {
    const YAML::Node action = YAML::LoadFile(kSourceDir + "/action.yml");
    CHECK(action["runs"]["using"].as<std::string>() == "composite");
    for (const char* input : {"paths", "fail-on", "region", "config", "sarif", "args"}) {
        INFO(input);
        CHECK(action["inputs"][input].IsMap());
    }
    CHECK(action["inputs"]["sarif"]["default"].as<std::string>() == "certlint.sarif");
    for (const char* output : {"sarif", "findings", "errors"}) {
        INFO(output);
        CHECK(action["outputs"][output]["value"].as<std::string>().find(
                  "steps.certlint.outputs.") != std::string::npos);
    }
    bool runs_script = false;
    for (const auto& step : action["runs"]["steps"]) {
        if (!step["run"]) continue;
        const std::string run = step["run"].as<std::string>();
        INFO(run);
        CHECK(run.find("${{") == std::string::npos);  // no expression is pasted into the shell
        CHECK(step["shell"].as<std::string>() == "bash");
        if (step["env"]) {
            runs_script = true;
            for (const char* v : {"INPUT_PATHS", "INPUT_FAIL_ON", "INPUT_REGION", "INPUT_CONFIG",
                                  "INPUT_SARIF", "INPUT_ARGS"}) {
                INFO(v);
                CHECK(step["env"][v].IsScalar());
            }
        }
    }
    CHECK(runs_script);
}

TEST_CASE("action: cache-key names the build and whether one is needed", "[action]") {
    certlint::test::TempDir dir;
    auto r = shell("env -u CERTLINT PATH=" + sh_quote(bin_dir()) + ":\"$PATH\" bash " +
                   sh_quote(kSourceDir + "/action/run.sh") + " cache-key");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("build=false\n") != std::string::npos);
    CHECK(r.output.rfind("key=", 0) == 0);
    CHECK(r.output.find('\n') == 20);  // key= and 16 hex digits
}

TEST_CASE("shell scripts are shellcheck-clean", "[action]") {
    REQUIRE(certlint::test::have_command("shellcheck"));  // tools/install-deps.sh test
    std::string command = "shellcheck";
    for (const char* script :
         {"action/run.sh", "tools/approve-golden.sh", "tools/test.sh", "tools/fuzz.sh",
          "tools/install-deps.sh", "tools/run-example.sh", "bench/run.sh", ".ci/run"}) {
        command += " " + sh_quote(kSourceDir + "/" + script);
    }
    const auto r = shell(command);
    INFO(r.output);
    CHECK(r.exit_code == 0);
}

TEST_CASE("pre-commit: the certlint hook fails a bad plan and passes a good one",
          "[action][precommit]") {
    REQUIRE(certlint::test::have_command("pre-commit"));  // tools/install-deps.sh test
    REQUIRE(certlint::test::have_command("git"));
    certlint::test::TempDir dir;
    // The hook repository: this checkout's .pre-commit-hooks.yaml, committed in a repository
    // of its own (try-repo reads hooks from a commit).
    const std::string git =
        "git -c user.name=certlint -c user.email=certlint@example.com "
        "-c init.defaultBranch=main -c commit.gpgsign=false";
    dir.write("hooks/.pre-commit-hooks.yaml",
              certlint::test::read_file(kSourceDir + "/.pre-commit-hooks.yaml"));
    auto r = shell("cd " + sh_quote(dir / "hooks") + " && " + git + " init -q && " + git +
                   " add . && " + git + " commit -q -m hooks");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);

    // The project: a plan, staged, plus a file the hook must not look at.
    dir.write("project/infra/tfplan.json", certlint::test::read_file(kBadPlan));
    dir.write("project/.github/workflows/ci.yml", "on: push\n");
    r = shell("cd " + sh_quote(dir / "project") + " && " + git + " init -q && " + git + " add .");
    REQUIRE(r.exit_code == 0);
    const std::string try_repo = "cd " + sh_quote(dir / "project") +
                                 " && PRE_COMMIT_HOME=" + sh_quote(dir / "pre-commit-home") +
                                 " PATH=" + sh_quote(bin_dir()) +
                                 ":\"$PATH\" pre-commit try-repo " + sh_quote(dir / "hooks") +
                                 " certlint --all-files";
    r = shell(try_repo);
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("CL101 edge-certificate-not-us-east-1") != std::string::npos);
    CHECK(r.output.find("ci.yml") == std::string::npos);

    dir.write("project/infra/tfplan.json", certlint::test::read_file(kGoodPlan));
    r = shell("cd " + sh_quote(dir / "project") + " && " + git + " add . && " + try_repo);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Passed") != std::string::npos);
}
