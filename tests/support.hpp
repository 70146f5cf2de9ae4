// Helpers shared by the tests: paths, running the certlint binary, reading files.
#pragma once

#include <string>
#include <vector>

namespace certlint::test {

inline const std::string kSourceDir = CERTLINT_SOURCE_DIR;
inline const std::string kSharedDir = CERTLINT_SHARED_DIR;
inline const std::string kBinary = CERTLINT_BINARY;

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the certlint binary with `args` (no shell), optionally feeding `stdin_text`.
RunResult run_certlint(const std::vector<std::string>& args, const std::string& stdin_text = {},
                       const std::string& cwd = {});

std::string read_file(const std::string& path);

// A file or directory of the shared corpus (../shared/corpus/<relative>). The suite needs the
// corpus: it throws (failing the test) when the path does not exist.
std::string corpus_path(const std::string& relative);

}  // namespace certlint::test
