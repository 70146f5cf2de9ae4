// The loader: reads paths (files, directories, standard input) into one model, each
// document by the reader that recognises it (src/readers/registry.cpp).
#pragma once

#include <string>
#include <vector>

#include "certlint/engine.hpp"
#include "certlint/errors.hpp"
#include "certlint/load_options.hpp"
#include "certlint/model.hpp"

namespace certlint {

// How inputs are picked (the command line's --exclude and --skip-non-inputs).
struct ScanOptions {
    // Globs (base/glob.hpp: only * and ? are special, * also matches /) of files and
    // directories a directory scan skips: matched against the path relative to the scanned
    // directory, the path as reports show it, and the name alone; a trailing / is ignored.
    std::vector<std::string> exclude;
    // A named file that is no input by its content (no reader takes it, as in a directory
    // scan) is skipped with a note instead of being an error; pre-commit passes every file its
    // `files:` pattern matches. Nothing to check is then not an error either.
    bool skip_non_inputs = false;
};

// What load_all read, and what it could not.
struct Loaded {
    Model model;                         // every input that could be read, in input order
    std::vector<InputProblem> problems;  // every one that could not, in input order
};

// Reads every path (file, directory, or "-" for stdin) into one model. An input that cannot
// be read does not stop the others: it is a problem, and so is a directory whose scan finds
// nothing to check (it says what it looked for).
[[nodiscard]] Loaded load_all(const std::vector<std::string>& paths, const LoadOptions& opts,
                              const ScanOptions& scan = {});

// As load_all, but throws the first problem (InputError).
[[nodiscard]] Model load_inputs(const std::vector<std::string>& paths, const LoadOptions& opts);

// Reads one document already in memory (used by stdin, tests and fuzzers).
void load_document(Model& model, const std::string& path, std::string bytes,
                   const LoadOptions& opts);

}  // namespace certlint
