// The GitHub Action (action.yml + action/run.sh, run for real with INPUT_* variables the
// way the composite action passes them: with the certlint under test on PATH, with a
// release tarball from tools/release.sh served from a local directory, and building from
// source with a stand-in cmake) and the pre-commit hook (run for real with
// `pre-commit try-repo`).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

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

// Runs action/run.sh in `dir` with the given INPUT_* variables (name without the prefix),
// more environment `env` (NAME=VALUE words, quoted), and PATH `path` (default: the
// certlint under test first).
ActionRun run_action(const certlint::test::TempDir& dir,
                     const std::vector<std::pair<std::string, std::string>>& inputs,
                     const std::string& env = "", const std::string& path = "") {
    std::string cmd = "cd " + sh_quote(dir.path()) +
                      " && env -u CERTLINT -u CERTLINT_ACTION_REF -u CERTLINT_ACTION_REPOSITORY"
                      " -u CERTLINT_RELEASE_URL -u CERTLINT_BUILD CERTLINT_INSTALL_DEPS=false";
    cmd += " PATH=" + (path.empty() ? sh_quote(bin_dir()) + ":\"$PATH\"" : sh_quote(path));
    cmd += " CERTLINT_CACHE_DIR=" + sh_quote(dir / "cache") + " " + env;
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
        if (step["id"].as<std::string>() == "certlint") {
            runs_script = true;
            for (const char* v : {"INPUT_PATHS", "INPUT_FAIL_ON", "INPUT_REGION", "INPUT_CONFIG",
                                  "INPUT_SARIF", "INPUT_ARGS"}) {
                INFO(v);
                CHECK(step["env"][v].IsScalar());
            }
        }
    }
    CHECK(runs_script);

    // The release for the action's own ref; the build cache only for a build, keyed by image.
    const YAML::Node steps = action["runs"]["steps"];
    REQUIRE(steps.size() == 3);
    CHECK(steps[0]["run"].as<std::string>().find("run.sh\" prepare >> \"$GITHUB_OUTPUT\"") !=
          std::string::npos);
    CHECK(steps[0]["env"]["CERTLINT_ACTION_REF"].as<std::string>() == "${{ github.action_ref }}");
    CHECK(steps[0]["env"]["CERTLINT_ACTION_REPOSITORY"].as<std::string>() ==
          "${{ github.action_repository }}");
    CHECK(steps[1]["if"].as<std::string>() == "steps.prepare.outputs.build == 'true'");
    CHECK(steps[1]["with"]["path"].as<std::string>() == "${{ steps.prepare.outputs.path }}");
    CHECK(steps[1]["with"]["key"].as<std::string>() ==
          "certlint-${{ runner.os }}-${{ runner.arch }}-${{ steps.prepare.outputs.key }}");
    CHECK(steps[2]["env"]["CERTLINT"].as<std::string>() == "${{ steps.prepare.outputs.certlint }}");
    CHECK(steps[2]["env"]["CERTLINT_BUILD"].as<std::string>() ==
          "${{ steps.prepare.outputs.build }}");
}

namespace {

// A PATH without the certlint under test (nor any other).
const std::string kPlainPath = "/usr/bin:/bin";

std::string project_version() {
    std::smatch m;
    const std::string cmake = certlint::test::read_file(kSourceDir + "/CMakeLists.txt");
    REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(certlint VERSION ([0-9.]+))")));
    return m[1];
}

std::string machine_arch() {
    return shell("uname -m").output == "aarch64\n" ? "arm64" : "x86_64";
}

// The release of the action's own version as tools/release.sh packs it (with the binary
// under test), in dir/releases/v<version>/; returns the tarball's name.
std::string publish_release(const certlint::test::TempDir& dir) {
    const auto r = shell("bash " + sh_quote(kSourceDir + "/tools/release.sh") + " --package " +
                         sh_quote(certlint::test::kBinary) + " --no-image --dist " +
                         sh_quote(dir / ("releases/v" + project_version())));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return "certlint-" + project_version() + "-linux-" + machine_arch() + ".tar.gz";
}

// The environment of the action at ref `ref`, with releases served from dir/releases.
std::string release_env(const certlint::test::TempDir& dir, const std::string& ref) {
    return "CERTLINT_ACTION_REF=" + sh_quote(ref) +
           " CERTLINT_RELEASE_URL=" + sh_quote("file://" + (dir / "releases"));
}

// `run.sh prepare`: its stdout (the step outputs), its messages go to dir/prepare.err.
certlint::test::ShellResult prepare(const certlint::test::TempDir& dir, const std::string& env,
                                    const std::string& path) {
    return shell("cd " + sh_quote(dir.path()) +
                 " && env -u CERTLINT -u ImageOS -u ImageVersion CERTLINT_INSTALL_DEPS=false" +
                 " PATH=" + sh_quote(path) + " CERTLINT_CACHE_DIR=" + sh_quote(dir / "cache") +
                 " " + env + " bash " + sh_quote(kSourceDir + "/action/run.sh") + " prepare 2>" +
                 sh_quote(dir / "prepare.err"));
}

}  // namespace

TEST_CASE("action: the release binary of its tag, checksum verified, then cached",
          "[action][release]") {
    REQUIRE(shell("PATH=" + kPlainPath + " command -v certlint").exit_code != 0);
    certlint::test::TempDir dir;
    const std::string tarball = publish_release(dir);
    const std::string env = release_env(dir, "v" + project_version());
    const std::string cached =
        dir / ("cache/release-" + project_version() + "-linux-" + machine_arch() + "/certlint");

    auto r = run_action(dir, {{"PATHS", kBadPlan}}, env, kPlainPath);
    INFO(r.result.output);
    CHECK(r.result.exit_code == 1);
    CHECK(r.result.output.find("certlint-action: using the release binary " + tarball +
                               " (SHA-256 ") != std::string::npos);
    CHECK(r.result.output.find("::error file=" + kBadPlan) != std::string::npos);
    CHECK(r.outputs == "sarif=certlint.sarif\nfindings=2\nerrors=1\n");
    CHECK(fs::exists(cached));

    // Cached: no second download (there is nothing left to download).
    fs::remove_all(dir / "releases");
    r = run_action(dir, {{"PATHS", kGoodPlan}}, env, kPlainPath);
    CHECK(r.result.exit_code == 0);
    CHECK(r.result.output.find("using the release binary") == std::string::npos);
    CHECK(r.outputs == "sarif=certlint.sarif\nfindings=0\nerrors=0\n");

    // What the composite action's first step hands the others.
    const auto p = prepare(dir, env, kPlainPath);
    CHECK(p.exit_code == 0);
    CHECK(p.output == "certlint=" + cached + "\nbuild=false\n");
    // A certlint on PATH comes first.
    const auto on_path = prepare(dir, env, bin_dir() + ":" + kPlainPath);
    CHECK(on_path.output == "certlint=" + bin_dir() + "/certlint\nbuild=false\n");
}

TEST_CASE("action: a release tarball whose checksum differs is refused", "[action][release]") {
    certlint::test::TempDir dir;
    const std::string tarball = publish_release(dir);
    const std::string release = dir / ("releases/v" + project_version() + "/");
    // Another tarball of the same name: a well-formed one whose certlint would leave a trace.
    const std::string top = tarball.substr(0, tarball.size() - std::string(".tar.gz").size());
    dir.write("other/" + top + "/certlint", "#!/bin/sh\ntouch " + sh_quote(dir / "ran") + "\n");
    fs::permissions(dir / ("other/" + top + "/certlint"), fs::perms::owner_all);
    REQUIRE(shell("tar -czf " + sh_quote(release + tarball) + " -C " + sh_quote(dir / "other") +
                  " " + sh_quote(top))
                .exit_code == 0);
    const std::string env = release_env(dir, "v" + project_version());
    const auto r = run_action(dir, {{"PATHS", kBadPlan}}, env, kPlainPath);
    INFO(r.result.output);
    CHECK(r.result.exit_code == 2);
    CHECK(std::regex_search(r.result.output,
                            std::regex("certlint-action: refusing " +
                                       std::regex_replace(tarball, std::regex("\\."), "\\.") +
                                       " of release v[0-9.]+: its SHA-256 is [0-9a-f]{64}, "
                                       "SHA256SUMS says [0-9a-f]{64}\n")));
    CHECK(!fs::exists(dir / "ran"));
    CHECK(r.result.output.find("::error") == std::string::npos);
    CHECK(r.outputs.empty());
    CHECK(!fs::exists(dir / "cache/release-" + project_version() + "-linux-" + machine_arch()));
    // Not a fallback to a build either: the step fails.
    CHECK(r.result.output.find("building") == std::string::npos);
    CHECK(prepare(dir, env, kPlainPath).exit_code == 2);
}

TEST_CASE("action: without a release it builds from source, once per image and source",
          "[action][release]") {
    certlint::test::TempDir dir;
    // A stand-in cmake that records its arguments and "builds" the certlint under test.
    dir.write("stub/cmake",
              "#!/bin/sh\n"
              "printf '%s\\n' \"$*\" >> \"$STUB_LOG\"\n"
              "if [ \"$1\" = --build ]; then mkdir -p \"$2\" && cp \"$STUB_BINARY\" "
              "\"$2/certlint\"; fi\n");
    fs::permissions(dir / "stub/cmake", fs::perms::owner_all);
    const std::string path = dir / "stub:" + kPlainPath;
    const std::string stub = "STUB_LOG=" + sh_quote(dir / "cmake.log") +
                             " STUB_BINARY=" + sh_quote(certlint::test::kBinary) + " ";

    // The action's version tag, but no release was published for it.
    fs::create_directories(dir / "releases");
    std::string env = stub + release_env(dir, "v" + project_version());
    auto r = run_action(dir, {{"PATHS", kBadPlan}}, env, path);
    INFO(r.result.output);
    CHECK(r.result.exit_code == 1);
    CHECK(r.result.output.find("certlint-action: no release v" + project_version() + " at file://" +
                               (dir / "releases") + " (no SHA256SUMS): building from source") !=
          std::string::npos);
    CHECK(r.outputs == "sarif=certlint.sarif\nfindings=2\nerrors=1\n");
    const auto p = prepare(dir, env, path);
    std::smatch m;
    REQUIRE(
        std::regex_match(p.output, m,
                         std::regex("certlint=\nbuild=true\nkey=([A-Za-z0-9._-]+-[0-9a-f]{16})\n"
                                    "path=(.*)\n")));
    const std::string key = m[1];
    CHECK(m[2] == dir / ("cache/" + key + "/certlint"));
    CHECK(certlint::test::read_file(dir / "cmake.log") ==
          "-S " + kSourceDir + " -B " + dir / ("cache/" + key + "/build") +
              " -DCMAKE_BUILD_TYPE=Release -DCERTLINT_BUILD_TESTS=OFF\n"
              "--build " +
              dir / ("cache/" + key + "/build") + " --target certlint -j " + shell("nproc").output);

    // A branch ref: no release is looked for; the cached build is used, not rebuilt.
    env = stub + release_env(dir, "main");
    r = run_action(dir, {{"PATHS", kGoodPlan}}, env, path);
    CHECK(r.result.exit_code == 0);
    CHECK(r.result.output.find("certlint-action: ref main is not a release of this source (v" +
                               project_version() + "): building from source") != std::string::npos);
    CHECK(r.result.output.find("certlint-action: using the cached build " +
                               dir / ("cache/" + key + "/certlint")) != std::string::npos);
    const std::string log = certlint::test::read_file(dir / "cmake.log");
    CHECK(std::count(log.begin(), log.end(), '\n') == 2);

    // A release without a tarball for this machine.
    dir.write("releases/v" + project_version() + "/SHA256SUMS",
              std::string(64, '0') + "  certlint-" + project_version() + "-linux-riscv64.tar.gz\n");
    env = stub + release_env(dir, "v" + project_version());
    r = run_action(dir, {{"PATHS", kGoodPlan}}, env, path);
    CHECK(r.result.exit_code == 0);
    CHECK(r.result.output.find("certlint-action: release v" + project_version() +
                               " has no certlint-" + project_version() + "-linux-" +
                               machine_arch() + ".tar.gz: building from source") !=
          std::string::npos);

    // After prepare said build=true, the run step looks for no release.
    r = run_action(dir, {{"PATHS", kGoodPlan}}, env + " CERTLINT_BUILD=true", path);
    CHECK(r.result.exit_code == 0);
    CHECK(r.result.output.find("release") == std::string::npos);
}

TEST_CASE("action: the build cache key names the runner image and the source", "[action]") {
    certlint::test::TempDir dir;
    const auto plain = prepare(dir, "", kPlainPath);
    INFO(plain.output);
    std::smatch m;
    REQUIRE(
        std::regex_match(plain.output, m,
                         std::regex("certlint=\nbuild=true\nkey=([A-Za-z0-9._-]+)-([0-9a-f]{16})\n"
                                    "path=.*\n")));
    const std::string image = m[1];
    const std::string source = m[2];
    CHECK(image.find("Linux-") != std::string::npos);
    const auto runner = prepare(dir, "ImageOS=ubuntu24 ImageVersion=20250101.1", kPlainPath);
    CHECK(runner.output.find("\nkey=ubuntu24-20250101.1-" + image + "-" + source + "\n") !=
          std::string::npos);
    // Without an action ref (a local copy of the action) it says why it builds.
    CHECK(certlint::test::read_file(dir / "prepare.err") ==
          "certlint-action: no action ref (a local copy of the action): building from source\n");
}

TEST_CASE("shell scripts are shellcheck-clean", "[action]") {
    REQUIRE(certlint::test::have_command("shellcheck"));  // tools/install-deps.sh test
    std::string command = "shellcheck";
    for (const char* script : {"action/run.sh", "tools/approve-golden.sh", "tools/test.sh",
                               "tools/fuzz.sh", "tools/install-deps.sh", "tools/run-example.sh",
                               "tools/release.sh", "bench/run.sh", ".ci/run"}) {
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

TEST_CASE("pre-commit: files the pattern matches that are no template do not fail the commit",
          "[action][precommit]") {
    REQUIRE(certlint::test::have_command("pre-commit"));  // tools/install-deps.sh test
    REQUIRE(certlint::test::have_command("git"));
    certlint::test::TempDir dir;
    const std::string git =
        "git -c user.name=certlint -c user.email=certlint@example.com "
        "-c init.defaultBranch=main -c commit.gpgsign=false";
    dir.write("hooks/.pre-commit-hooks.yaml",
              certlint::test::read_file(kSourceDir + "/.pre-commit-hooks.yaml"));
    auto r = shell("cd " + sh_quote(dir / "hooks") + " && " + git + " init -q && " + git +
                   " add . && " + git + " commit -q -m hooks");
    REQUIRE(r.exit_code == 0);
    // Each of these matches the hook's files: pattern.
    dir.write("project/.env.template", "DATABASE_URL=postgres://localhost/app\nDEBUG=false\n");
    dir.write("project/deploy/nginx.conf.template",
              "server {\n    listen 443 ssl;\n    server_name ${DOMAIN};\n}\n");
    dir.write("project/cloudformation/params/prod.json",
              "[{\"ParameterKey\": \"DomainName\", \"ParameterValue\": \"example.com\"}]\n");
    r = shell("cd " + sh_quote(dir / "project") + " && " + git + " init -q && " + git + " add .");
    REQUIRE(r.exit_code == 0);
    const std::string try_repo = "cd " + sh_quote(dir / "project") +
                                 " && PRE_COMMIT_HOME=" + sh_quote(dir / "pre-commit-home") +
                                 " PATH=" + sh_quote(bin_dir()) +
                                 ":\"$PATH\" pre-commit try-repo " + sh_quote(dir / "hooks") +
                                 " certlint --all-files --verbose";
    r = shell(try_repo);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Passed") != std::string::npos);  // run on them, not "no files"
    CHECK(r.output.find("0 findings (0 errors, 0 warnings, 0 notes) in 0 inputs") !=
          std::string::npos);

    // A template among them is checked, and a broken one fails the commit.
    dir.write("project/cloudformation/site.template",
              "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Cert: [\n");
    r = shell("cd " + sh_quote(dir / "project") + " && " + git + " add . && " + try_repo);
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("cloudformation/site.template: invalid YAML") != std::string::npos);
}

TEST_CASE("action: one certlint run for annotations, SARIF and summary; unread inputs fail it",
          "[action]") {
    certlint::test::TempDir dir;
    // A stand-in certlint that logs each run of the real one.
    const std::string wrapper =
        dir.write("bin/certlint", "#!/bin/sh\necho run >> " + sh_quote(dir / "runs.log") +
                                      "\nexec " + sh_quote(certlint::test::kBinary) + " \"$@\"\n");
    fs::permissions(wrapper, fs::perms::owner_all);
    dir.write("repo/infra/plan.json", certlint::test::read_file(kBadPlan));
    dir.write("repo/cfn/site.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n");
    const auto r = run_action(dir, {{"PATHS", "repo"}}, "CERTLINT=" + sh_quote(wrapper));
    INFO(r.result.output);
    CHECK(certlint::test::read_file(dir / "runs.log") == "run\n");
    CHECK(r.result.exit_code == 2);
    CHECK(r.result.output.find("certlint: repo/cfn/site.yaml: invalid YAML") != std::string::npos);
    CHECK(r.result.output.find("::error file=repo/cfn/site.yaml,title=input not read::") !=
          std::string::npos);
    // What could be read is still annotated, counted and summarised.
    CHECK(r.result.output.find("title=CL101 edge-certificate-not-us-east-1::") !=
          std::string::npos);
    CHECK(r.outputs == "sarif=certlint.sarif\nfindings=2\nerrors=1\n");
    CHECK(r.summary.find("**1 input could not be read**") != std::string::npos);
    const auto sarif = nlohmann::json::parse(certlint::test::read_file(dir / "certlint.sarif"));
    CHECK(sarif["runs"][0]["invocations"][0]["executionSuccessful"] == false);
    CHECK(sarif["runs"][0]["results"].size() == 2);
}

TEST_CASE("action: the default paths . on a repository of .tf files checks the configuration",
          "[action]") {
    // Spec §6: a directory of .tf files is a root module, checked without a plan.
    certlint::test::TempDir dir;
    dir.write("main.tf", "resource \"aws_acm_certificate\" \"site\" {}\n");
    const auto r = run_action(dir, {});
    INFO(r.result.output);
    CHECK(r.result.exit_code == 0);
    CHECK(r.result.output.find("::warning file=main.tf,line=1,title=CL201 unused-certificate::") !=
          std::string::npos);
}
