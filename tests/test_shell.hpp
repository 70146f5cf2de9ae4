// Running shell commands and external tools (python3, pre-commit, shellcheck, git) from
// tests, and temporary directories.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace certlint::test {

struct ShellResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// Single-quotes `s` for /bin/sh.
inline std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out.push_back(c);
        }
    }
    return out + "'";
}

inline ShellResult shell(const std::string& command) {
    ShellResult r;
    FILE* p = ::popen(("(" + command + ") 2>&1").c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
        r.output.append(buf.data(), n);
    const int status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline bool have_command(const std::string& name) {
    return shell("command -v " + sh_quote(name) + " >/dev/null").exit_code == 0;
}

inline bool have_jsonschema() {
    return shell("python3 -c 'import jsonschema' >/dev/null").exit_code == 0;
}

// A fresh directory under the system temp dir, removed when this goes out of scope.
class TempDir {
public:
    TempDir() {
        std::string tmpl =
            (std::filesystem::temp_directory_path() / "certlint-test-XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

    // Writes `text` to `rel` (creating parent directories) and returns the full path.
    std::string write(const std::string& rel, const std::string& text) const {
        const std::filesystem::path p = std::filesystem::path(path_) / rel;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }

private:
    std::string path_;
};

}  // namespace certlint::test
