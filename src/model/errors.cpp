// The library's errors.
#include "certlint/errors.hpp"

#include <fmt/format.h>

#include "certlint/printable.hpp"

namespace certlint {

InputError::InputError(const std::string& path, const std::string& problem)
    : std::runtime_error(fmt::format("{}: {}", printable(path), printable(problem))) {}

}  // namespace certlint
