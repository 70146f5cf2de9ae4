// The errors the library throws; the CLI turns each into exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace certlint {

// An input that could not be read or understood (exit code 2). what() is one line that
// names the file and the problem.
class InputError : public std::runtime_error {
public:
    InputError(const std::string& path, const std::string& problem);
};

// A usage or configuration error (exit code 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace certlint
