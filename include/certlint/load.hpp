// The loader: reads paths (files, directories, standard input) into one model, each
// document by the reader that recognises it (src/readers/registry.cpp).
#pragma once

#include <string>
#include <vector>

#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"

namespace certlint {

// Reads every path (file, directory, or "-" for stdin) into one model.
[[nodiscard]] Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts);

// Reads one document already in memory (used by stdin, tests and fuzzers).
void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts);

}  // namespace certlint
