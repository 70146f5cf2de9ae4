// Release and install: `certlint --version`, `cmake --install`, the static-link
// configuration (preset "static") and the packaging half of tools/release.sh. The full
// static build is tools/release.sh's own job (about 4 minutes on 2 cores): it checks the
// binary with file(1) and ldd, runs it in an empty root and replays the golden reports.
#include <filesystem>
#include <regex>

#include "catch.hpp"
#include "support.hpp"
#include "test_shell.hpp"

using certlint::test::kBinary;
using certlint::test::kSourceDir;
using certlint::test::read_file;
using certlint::test::sh_quote;
using certlint::test::shell;
namespace fs = std::filesystem;

namespace {

// project(certlint VERSION x.y.z) in CMakeLists.txt.
std::string project_version() {
    std::smatch m;
    const std::string cmake = read_file(kSourceDir + "/CMakeLists.txt");
    REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(certlint VERSION ([0-9.]+))")));
    return m[1];
}

// Configures this source tree into `dir` with `options`; returns cmake's output and status.
certlint::test::ShellResult configure(const std::string& dir, const std::string& options) {
    return shell("env -u CMAKE_CXX_COMPILER_LAUNCHER cmake -G 'Unix Makefiles' -S " +
                 sh_quote(kSourceDir) + " -B " + sh_quote(dir) + " -DCMAKE_BUILD_TYPE=Release " +
                 options);
}

}  // namespace

TEST_CASE("--version prints the version and the commit it was built from", "[release]") {
    const auto r = shell(sh_quote(kBinary) + " --version");
    INFO(r.output);
    CHECK(r.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_match(
        r.output, m,
        std::regex(R"(certlint ([0-9]+\.[0-9]+\.[0-9]+) \(commit ([0-9a-f]{12}|unknown)\)\n)")));
    CHECK(m[1] == project_version());
    // Built from a git checkout of this source tree: the commit is one of its commits.
    const auto top = shell("git -C " + sh_quote(kSourceDir) + " rev-parse --show-toplevel");
    if (top.exit_code == 0 &&
        fs::equivalent(top.output.substr(0, top.output.find('\n')), kSourceDir)) {
        const std::string commit = m[2];
        CHECK(commit != "unknown");
        CHECK(shell("git -C " + sh_quote(kSourceDir) + " cat-file -e " + commit + "^{commit}")
                  .exit_code == 0);
    }
}

TEST_CASE("cmake --install installs the certlint binary", "[release]") {
    certlint::test::TempDir dir;
    const std::string build_dir = fs::path(kBinary).parent_path().string();
    const auto r =
        shell("cmake --install " + sh_quote(build_dir) + " --prefix " + sh_quote(dir / "prefix"));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const auto version = shell(sh_quote(dir / "prefix/bin/certlint") + " --version");
    CHECK(version.exit_code == 0);
    CHECK(version.output.rfind("certlint " + project_version() + " (commit ", 0) == 0);
}

TEST_CASE("CERTLINT_STATIC links the Debian static libraries and fmt header-only", "[release]") {
    certlint::test::TempDir dir;
    auto r = configure(dir / "static", "-DCERTLINT_STATIC=ON -DCERTLINT_BUILD_TESTS=OFF");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const std::string link = read_file(dir / "static/CMakeFiles/certlint.dir/link.txt");
    INFO(link);
    CHECK(link.find(" -static ") != std::string::npos);
    for (const char* archive : {"/libyaml-cpp.a", "/libre2.a", "/libcrypto.a"}) {
        INFO(archive);
        CHECK(link.find(archive) != std::string::npos);
    }
    CHECK(link.find(".so") == std::string::npos);
    // libfmt has no static archive in Debian: every object is compiled header-only.
    for (const char* target : {"certlint_core", "certlint"}) {
        const std::string flags =
            read_file(dir / ("static/CMakeFiles/" + std::string(target) + ".dir/flags.make"));
        INFO(target << ": " << flags);
        CHECK(flags.find("-DFMT_HEADER_ONLY=1") != std::string::npos);
        CHECK(flags.find("FMT_SHARED") == std::string::npos);
    }
    // The static binary does not read the host's OpenSSL configuration.
    CHECK(read_file(dir / "static/CMakeFiles/certlint.dir/build.make")
              .find("src/static/openssl_no_config.cpp") != std::string::npos);

    // The test suite links the shared libraries: not in the same configuration.
    r = configure(dir / "mixed", "-DCERTLINT_STATIC=ON -DCERTLINT_BUILD_TESTS=ON");
    CHECK(r.exit_code != 0);
    CHECK(r.output.find("CERTLINT_STATIC builds the certlint binary only") != std::string::npos);
}

TEST_CASE("tools/release.sh --package: the tarball and SHA256SUMS the Action downloads",
          "[release]") {
    certlint::test::TempDir dir;
    const std::string arch = shell("uname -m").output == "aarch64\n" ? "arm64" : "x86_64";
    const std::string name = "certlint-" + project_version() + "-linux-" + arch;
    const std::string release = "bash " + sh_quote(kSourceDir + "/tools/release.sh") +
                                " --package " + sh_quote(kBinary) + " --no-image --dist ";
    auto r = shell(release + sh_quote(dir / "a"));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);

    const std::string sums = read_file(dir / "a/SHA256SUMS");
    CHECK(std::regex_match(sums, std::regex("[0-9a-f]{64}  " + name + "\\.tar\\.gz\n")));
    CHECK(shell("cd " + sh_quote(dir / "a") + " && sha256sum -c --quiet SHA256SUMS").exit_code ==
          0);
    r = shell("tar -tzvf " + sh_quote(dir / ("a/" + name + ".tar.gz")) +
              " | awk '{ print $1, $2, $6 }'");
    CHECK(r.output == "drwxr-xr-x 0/0 " + name + "/\n" +  //
                          "-rw-r--r-- 0/0 " + name + "/README.md\n" + "-rwxr-xr-x 0/0 " + name +
                          "/certlint\n");
    r = shell("tar -xzf " + sh_quote(dir / ("a/" + name + ".tar.gz")) + " -C " +
              sh_quote(dir.path()) + " && cmp " + sh_quote(kBinary) + " " +
              sh_quote(dir / (name + "/certlint")));
    CHECK(r.exit_code == 0);

    // Reproducible: the same binary gives the same bytes.
    r = shell(release + sh_quote(dir / "b") + " && cmp " + sh_quote(dir / "a/SHA256SUMS") + " " +
              sh_quote(dir / "b/SHA256SUMS"));
    CHECK(r.exit_code == 0);

    r = shell(release.substr(0, release.find(" --package")) + " --package " +
              sh_quote(dir / "missing") + " --dist " + sh_quote(dir / "c"));
    CHECK(r.exit_code == 1);
    CHECK(r.output.find("release: " + (dir / "missing") + " is not an executable") !=
          std::string::npos);
}
