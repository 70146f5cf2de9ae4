// Helpers shared by the tests: paths, running the certlint binary, reading files.
#pragma once

#include <string>
#include <vector>

namespace certlint::test {

inline const std::string kSourceDir = CERTLINT_SOURCE_DIR;
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

// The corpus of real inputs from public projects, kept in the project (fixtures/corpus/,
// with its provenance and licences in README.md and MANIFEST.tsv there).
inline const std::string kCorpusDir = kSourceDir + "/fixtures/corpus";

// A file or directory of the corpus (fixtures/corpus/<relative>). It throws (failing the
// test) when the path does not exist.
std::string corpus_path(const std::string& relative);

}  // namespace certlint::test
